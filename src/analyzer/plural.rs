//! What Spanish, Portuguese and Catalan need before their Snowball stemmers: a plural read
//! as its singular.
//!
//! Snowball's Spanish and Portuguese stemmers take suffixes only from the part of a word
//! after its first syllables, so a short word keeps its plural ending (`años`, `obras`,
//! `islas` stem as written, `año` as `año`), and an ending that changes in the plural is
//! read as two (`ciudad` → `ciud`, `ciudades` → `ciudad`; Portuguese `nação` → `naçã`,
//! `nações` → `naçõ`, and so every noun in `-ção`): hundreds of the commonest plurals of
//! each language did not share a stem with their singular (the commit that brought this
//! counts them). Catalan's stems its feminine plurals (`catalanes` → `catalan`, `catalana`
//! → `catal`) and the plurals of words ending in a stressed vowel (`nacions` → `nacion`,
//! `nació` → `nac`) apart from their singulars. A word that ends as a plural does is
//! stemmed as its singular, in text and queries alike, as Lucene's light stemmers for
//! Spanish and Portuguese read plurals.

use snowball_stemmers_rs::Algorithm;

/// The singular of `word` (lower case) where it ends as a plural of `language` does:
/// `None` for a word that does not, for languages other than these three, and
/// for words of fewer than four letters. A stressed vowel before the final `s` (`París`,
/// `además`, `inglés`) and an `-is` or `-us` (`crisis`, `virus`) are no plural's.
pub(super) fn singular(language: Algorithm, word: &str) -> Option<String> {
    if word.chars().count() < 4 || !word.ends_with('s') {
        return None;
    }
    let base = &word[..word.len() - 1];
    match language {
        Algorithm::Spanish => spanish(word, base),
        Algorithm::Portuguese => portuguese(word, base),
        Algorithm::Catalan => catalan(word, base),
        _ => None,
    }
}

/// `ciudades` → `ciudad`, `veces` → `vez`, `años` → `año`, `héroes` → `héroe`.
fn spanish(word: &str, base: &str) -> Option<String> {
    if let Some(stem) = word.strip_suffix("ces") {
        return Some(format!("{stem}z"));
    }
    if let Some(stem) = word.strip_suffix("es") {
        if stem.chars().next_back().is_some_and(is_consonant) {
            return Some(stem.to_string());
        }
    }
    base.ends_with(['a', 'o', 'e']).then(|| base.to_string())
}

/// `nações` → `nação` (and `nacoes`, typed without accents, → `nacao`), `animais` →
/// `animal`, `papéis` → `papel`, `homens` → `homem`, `mulheres` → `mulher`, `leis` →
/// `lei`, `anos` → `ano`.
fn portuguese(word: &str, base: &str) -> Option<String> {
    const CHANGED: [(&str, &str); 6] = [
        ("ões", "ão"),
        ("ães", "ão"),
        ("oes", "ao"),
        ("aes", "ao"),
        ("éis", "el"),
        ("óis", "ol"),
    ];
    if let Some(singular) = changed_ending(word, &CHANGED) {
        return Some(singular);
    }
    // `mais` and `pais` are no plurals of `mal` and `pal`.
    if let Some(stem) = word.strip_suffix("ais").filter(|_| word.len() >= 6) {
        return Some(format!("{stem}al"));
    }
    if word.ends_with("eis") {
        return Some(base.to_string());
    }
    if let Some(stem) = word.strip_suffix("ns") {
        return Some(format!("{stem}m"));
    }
    if let Some(stem) = word.strip_suffix("es") {
        if stem.ends_with(['r', 's', 'z']) {
            return Some(stem.to_string());
        }
    }
    base.ends_with(['a', 'o', 'e']).then(|| base.to_string())
}

/// `nacions` → `nació`, `catalanes` → `catalana`, `polítiques` → `política`, `places` →
/// `plaça`, `reis` → `rei`, `paus` → `pau`. A feminine `-a` takes `-es` (its `c` and `g`
/// spelt `qu` and `gu` before it), a word in `-ió` takes `-ns`; most others take `-s`.
fn catalan(word: &str, base: &str) -> Option<String> {
    // Words ending as a plural of `-í`, `-ó` or `-à` does that are none: `dins` (inside),
    // `abans` (before), `fons` (a bottom or a fund, one or many).
    const NO_PLURALS: [&str; 5] = ["dins", "endins", "fons", "enfons", "abans"];
    if NO_PLURALS.contains(&word) {
        return None;
    }
    const CHANGED: [(&str, &str); 9] = [
        ("ions", "ió"),
        ("ans", "à"),
        ("ins", "í"),
        ("ons", "ó"),
        ("esos", "ès"),
        ("osos", "ós"),
        ("ques", "ca"),
        ("gues", "ga"),
        ("ces", "ça"),
    ];
    if let Some(singular) = changed_ending(word, &CHANGED) {
        return Some(singular);
    }
    if let Some(stem) = word.strip_suffix("es") {
        if stem.chars().next_back().is_some_and(is_consonant) {
            return Some(format!("{stem}a"));
        }
    }
    base.ends_with(['a', 'e', 'i', 'o', 'u'])
        .then(|| base.to_string())
}

/// `word` with the first of `endings` (plural, singular) it ends with put back in the
/// singular.
pub(super) fn changed_ending(word: &str, endings: &[(&str, &str)]) -> Option<String> {
    (endings.iter()).find_map(|(plural, singular)| {
        word.strip_suffix(plural)
            .map(|stem| format!("{stem}{singular}"))
    })
}

/// Whether `c` is a consonant of Spanish (a letter that is no vowel, accented or not).
fn is_consonant(c: char) -> bool {
    c.is_alphabetic()
        && !matches!(
            c,
            'a' | 'e' | 'i' | 'o' | 'u' | 'á' | 'é' | 'í' | 'ó' | 'ú' | 'ü'
        )
}

#[cfg(test)]
mod tests {
    use super::*;

    /// That `language` reads each of `plurals` as its singular, and each of `others` as no
    /// plural.
    fn reads(language: Algorithm, plurals: &[(&str, &str)], others: &[&str]) {
        for (plural, one) in plurals {
            assert_eq!(
                singular(language, plural).as_deref(),
                Some(*one),
                "{plural}"
            );
        }
        for word in others {
            assert_eq!(singular(language, word), None, "{word}");
        }
    }

    #[test]
    fn spanish_plurals_read_as_their_singulars() {
        reads(
            Algorithm::Spanish,
            &[
                ("ciudades", "ciudad"),
                ("veces", "vez"),
                ("años", "año"),
                ("héroes", "héroe"),
                ("reyes", "rey"),
                ("naciones", "nacion"),
            ],
            &[
                "parís", "además", "inglés", "crisis", "virus", "mes", "ciudad",
            ],
        );
        assert_eq!(singular(Algorithm::French, "traités"), None);
    }

    #[test]
    fn catalan_plurals_read_as_their_singulars() {
        reads(
            Algorithm::Catalan,
            &[
                ("nacions", "nació"),
                ("catalans", "català"),
                ("camins", "camí"),
                ("lleons", "lleó"),
                ("francesos", "francès"),
                ("famosos", "famós"),
                ("polítiques", "política"),
                ("places", "plaça"),
                ("catalanes", "catalana"),
                ("guerres", "guerra"),
                ("reis", "rei"),
                ("paus", "pau"),
            ],
            &[
                "país", "francès", "temps", "fill", "després", "mes", "dins", "fons", "abans",
            ],
        );
    }

    #[test]
    fn portuguese_plurals_read_as_their_singulars() {
        reads(
            Algorithm::Portuguese,
            &[
                ("nações", "nação"),
                ("nacoes", "nacao"),
                ("capitães", "capitão"),
                ("animais", "animal"),
                ("papéis", "papel"),
                ("faróis", "farol"),
                ("homens", "homem"),
                ("mulheres", "mulher"),
                ("leis", "lei"),
                ("anos", "ano"),
                ("cidades", "cidade"),
            ],
            &["mais", "país", "português", "através", "lápis"],
        );
    }
}
