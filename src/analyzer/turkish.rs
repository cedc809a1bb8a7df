//! What Turkish needs beyond its Snowball stemmer: its letter case, and the possessive
//! ending the stemmer leaves on words ending in a vowel.

/// `word` in lower case as Turkish writes it: dotless `I` is `ı`, dotted `İ` is `i`
/// (Unicode's default lower-cases `İ` to `i` and a combining dot, which no Turkish ending
/// holds, and `I` to `i`, which breaks the vowel harmony the stemmer reads endings by).
pub(super) fn lowercase(word: &str) -> String {
    let mut lower = String::with_capacity(word.len());
    for c in word.chars() {
        match c {
            'I' => lower.push('ı'),
            'İ' => lower.push('i'),
            _ => lower.extend(c.to_lowercase()),
        }
    }
    lower
}

/// The word that `word` (lower case) is with the possessive ending `-sI` (`antlaşması`,
/// "its treaty", of `antlaşma`), where Snowball's stemmer took off only the final vowel
/// (`stem` is `antlaşmas`).
///
/// Turkish names most things so (`Lozan Antlaşması`, `Ankara Kalesi`, `Marmara Bölgesi`),
/// and every other form of these words loses the whole ending (`antlaşmasının` →
/// `antlaşma`): the stemmer keeps the `s` of a word's last ending because a word ending in
/// `s` takes a bare `-I` (`otobüsü`, of `otobüs`), and the two are not told apart by their
/// letters. So the word without its ending is only a second stem beside the first, at the
/// same position: `antlaşma` finds `antlaşması`, and `otobüs` still finds `otobüsü`. The
/// ending's vowel agrees with the vowel before it, as Turkish vowel harmony has it (read
/// folded: `ı` as `i`, `ü` as `u`, as text typed without Turkish letters writes them).
pub(super) fn possessive_base<'a>(word: &'a str, stem: &str) -> Option<&'a str> {
    let mut letters = word.char_indices().rev();
    let (_, ending) = letters.next()?;
    let (s, _) = letters.next().filter(|&(_, c)| c == 's')?;
    if stem != &word[..word.len() - ending.len_utf8()] {
        return None;
    }
    let (_, vowel) = letters.next()?;
    // The ending's vowel is a close one, rounded as the vowel before it is.
    let rounded = |c: char| match c {
        'a' | 'â' | 'ı' | 'e' | 'i' | 'î' => Some(false),
        'o' | 'ö' | 'u' | 'ü' | 'û' => Some(true),
        _ => None,
    };
    let close = matches!(ending, 'ı' | 'i' | 'u' | 'ü');
    let agrees = close && rounded(vowel).is_some() && rounded(vowel) == rounded(ending);
    // A base of one letter is no word of its own.
    let base = &word[..s];
    (agrees && base.chars().nth(1).is_some()).then_some(base)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lower_case_keeps_the_dot_as_turkish_writes_it() {
        assert_eq!(lowercase("İSTANBUL"), "istanbul");
        assert_eq!(lowercase("IRAK"), "ırak");
        assert_eq!(lowercase("Antlaşması"), "antlaşması");
    }

    #[test]
    fn the_base_is_the_word_before_its_possessive_ending() {
        assert_eq!(possessive_base("antlaşması", "antlaşmas"), Some("antlaşma"));
        assert_eq!(possessive_base("kalesi", "kales"), Some("kale"));
        assert_eq!(possessive_base("doğusu", "doğus"), Some("doğu"));
        assert_eq!(possessive_base("köprüsü", "köprüs"), Some("köprü"));
        // Typed without Turkish letters.
        assert_eq!(possessive_base("odasi", "odas"), Some("oda"));
        // The stemmer took more off, or less.
        assert_eq!(possessive_base("antlaşmasının", "antlaşma"), None);
        assert_eq!(possessive_base("kalesi", "kalesi"), None);
        // No vowel before the `s`, a vowel out of harmony, no vowel ending.
        assert_eq!(possessive_base("dersi", "ders"), None);
        assert_eq!(possessive_base("kalesu", "kales"), None);
        assert_eq!(possessive_base("kales", "kale"), None);
        assert_eq!(possessive_base("asi", "as"), None);
        assert_eq!(possessive_base("ısı", "ıs"), None);
    }
}
