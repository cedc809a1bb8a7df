//! Galician's light stemmer, which Snowball lacks: a plural read as its singular, as
//! Lucene's minimal Galician stemmer reads plurals (`animais` → `animal`, `papeis` →
//! `papel`, `cruces` → `cruz`, `camións` → `camión`, `mares` → `mare`), then a final `-a`,
//! `-e` or `-o` taken off, as Savoy's light stemmers take off a gender's or a plural's
//! vowel, so that a plural in `-es` meets its singular whichever it ends in: `guerra` and
//! `guerras` share `guerr`; `mar` and `mares`, `mar`; `clase` and `clases`, `clas`; `galego`
//! and `galegas`, `galeg`.

use super::plural::changed_ending;

/// Words ending as a plural of `-al` does that are none: left as they are.
const NO_PLURALS: &[&str] = &["mais", "ademais", "demais", "xamais"];

/// The plural endings that change a singular's last letter, with the singular's: a `-z`
/// (`cruz`, `cruces`) and an `-l` (`animal`, `papel`, `caracol`, `azul`). Only in words of
/// five letters or more, so that `reis` and `bois` are `rei` and `boi`.
const CHANGED: [(&str, &str); 5] = [
    ("ces", "z"),
    ("ais", "al"),
    ("eis", "el"),
    ("ois", "ol"),
    ("uis", "ul"),
];

/// The stem of `word`, lower case.
pub(super) fn stem(word: &str) -> String {
    let mut stem = singular(word).unwrap_or_else(|| word.to_string());
    if stem.chars().count() > 3 && stem.ends_with(['a', 'e', 'o']) {
        stem.pop();
    }
    stem
}

/// The singular of `word` where it ends as a plural does: a final `s` after an unstressed
/// vowel or an `n` (`casas`, `reis`, `camións`; not `país`, `inglés`, `deus`), or an ending
/// of [`CHANGED`].
fn singular(word: &str) -> Option<String> {
    let letters = word.chars().count();
    if letters < 4 || !word.ends_with('s') || NO_PLURALS.contains(&word) {
        return None;
    }
    if letters >= 5 {
        if let Some(singular) = changed_ending(word, &CHANGED) {
            return Some(singular);
        }
    }
    let base = &word[..word.len() - 1];
    base.ends_with(['a', 'e', 'i', 'o', 'n'])
        .then(|| base.to_string())
}

#[cfg(test)]
mod tests {
    use super::super::suffix::assert_forms_share_a_stem;
    use super::stem;

    #[test]
    fn a_words_forms_share_its_stem() {
        assert_forms_share_a_stem(
            stem,
            &[
                &["guerra", "guerras"][..],
                &["mar", "mares"],
                &["clase", "clases"],
                &["galego", "galega", "galegos", "galegas"],
                &["animal", "animais"],
                &["nacional", "nacionais"],
                &["papel", "papeis"],
                &["caracol", "caracois"],
                &["azul", "azuis"],
                &["cruz", "cruces"],
                &["camión", "camións"],
                &["rei", "reis"],
                &["país", "países"],
                &["cidade", "cidades"],
            ],
        );
    }

    #[test]
    fn words_ending_so_that_are_no_plurals_keep_their_s() {
        for (word, stemmed) in [
            ("país", "país"),
            ("inglés", "inglés"),
            ("deus", "deus"),
            ("mais", "mais"),
            ("ademais", "ademais"),
            ("bois", "boi"),
            ("mes", "mes"),
        ] {
            assert_eq!(stem(word), stemmed, "{word}");
        }
    }
}
