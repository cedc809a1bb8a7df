//! What Arabic needs beyond its Snowball stemmer: the teh marbuta written as heh.

/// `word` with its last letter, heh (`ه`), written as the teh marbuta (`ة`) it often stands
/// for: many writers and keyboards end `مدرسة` (school) as `مدرسه`. Snowball's stemmer
/// reads a final `ة` as an ending, and a final `ه` only sometimes (`دوله` → `دول`, but
/// `الدوله` is left whole), since `ه` is also the ending `his` (`كتابه`, his book). So the
/// word spelled with `ة` gives a second stem, beside the first at the same position, and
/// `الدولة` (the state) finds `الدوله`. `None` for a word not ending in heh, or of fewer
/// than three letters.
pub(super) fn teh_marbuta_spelling(word: &str) -> Option<String> {
    let stem = word.strip_suffix('\u{0647}')?;
    (stem.chars().count() >= 2).then(|| format!("{stem}\u{0629}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_final_heh_is_spelled_as_teh_marbuta() {
        assert_eq!(teh_marbuta_spelling("الدوله").as_deref(), Some("الدولة"));
        assert_eq!(teh_marbuta_spelling("الدولة"), None);
        assert_eq!(teh_marbuta_spelling("له"), None);
    }
}
