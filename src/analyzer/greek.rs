//! What Greek needs beyond its Snowball stemmer: one stem for the forms of a noun in `-ία`.

/// `stem` (Snowball's Greek stem of a word) without a final `ι` that follows a consonant.
/// Snowball's Greek stemmer takes `-ια` from a noun's nominative (`ιστορία` → `ιστορ`) but
/// only `-ας` or `-ες` from its genitive and plural (`ιστορίας`, `ιστορίες` → `ιστορι`), so
/// that `ιστορία` did not find `της ιστορίας`; Greek has thousands of such nouns
/// (`δημοκρατία`, `αυτοκρατορία`, `εκκλησία`, `καρδιά`). The nominative's stem is the
/// shorter one, so this meets no word the nominative did not meet already. A stem ending
/// in a vowel and `ι` is left as it is: the stemmer keeps that `ι` in every form
/// (`πολιτεία`, `πολιτείας` → `πολιτει`), and `θει` (`θεία`, aunt) is no `θε` (`θεός`).
pub(super) fn settled_stem(mut stem: String) -> String {
    let mut letters = stem.chars().rev();
    let ends_after_consonant = letters.next() == Some('ι')
        && letters
            .next()
            .is_some_and(|c| !matches!(c, 'α' | 'ε' | 'η' | 'ι' | 'ο' | 'υ' | 'ω'));
    if ends_after_consonant && letters.next().is_some() {
        stem.pop();
    }
    stem
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_stem_loses_a_final_iota_after_a_consonant() {
        let settled = |stem: &str| settled_stem(stem.to_string());
        assert_eq!(settled("ιστορι"), "ιστορ");
        assert_eq!(settled("αγι"), "αγ");
        assert_eq!(settled("ιστορ"), "ιστορ");
        assert_eq!(settled("πολιτει"), "πολιτει");
        assert_eq!(settled("θει"), "θει");
        // Two letters stay.
        assert_eq!(settled("βι"), "βι");
    }
}
