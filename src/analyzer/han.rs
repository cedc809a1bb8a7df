//! Han characters: each a word of its own (and a Hangul syllable may be one), and written
//! two ways.
//!
//! Chinese is written in traditional characters (Taiwan, Hong Kong, older and classical
//! text) and in simplified ones (the mainland since the 1950s), often in one collection:
//! `孫中山` and `孙中山` are one man. Each traditional character is read as the simplified
//! one it is written as, in text and in queries alike, as accents are folded: one table,
//! character by character (`han_simplified.txt`), so that a character reads the same
//! wherever it stands. Japanese kanji that are traditional characters are read so too; a
//! query reads them the same way, so they still find themselves.

use std::sync::OnceLock;

use rustc_hash::FxHashMap;

/// Traditional characters and their simplified forms: `T S` lines, `#` comments.
const TABLE: &str = include_str!("han_simplified.txt");

/// The simplified form of `c`, or `c` where it has none (a simplified character, one
/// written the same both ways, or no Han character at all).
pub(super) fn simplified(c: char) -> char {
    // Looked up for every Han character of every text and query: FxHash, not SipHash,
    // whose keys are no one's to choose.
    static MAP: OnceLock<FxHashMap<char, char>> = OnceLock::new();
    if !is_han(c) {
        return c;
    }
    let map = MAP.get_or_init(|| pairs().collect());
    map.get(&c).copied().unwrap_or(c)
}

/// The table's pairs: a traditional character and its simplified form.
fn pairs() -> impl Iterator<Item = (char, char)> {
    (TABLE.lines())
        .filter(|line| !line.starts_with('#'))
        .filter_map(|line| {
            let mut chars = line.chars().filter(|c| !c.is_whitespace());
            Some((chars.next()?, chars.next()?))
        })
}

/// Whether `c` is a character a query may look for alone, and so is indexed alone beside
/// the bigrams of its run: a Han ideograph, a word or part of one by itself (`清`, the
/// Qing); or a Hangul syllable, since Korean writes a noun of one syllable with the
/// particle after it (`왕은`, the king), a run whose bigram that noun alone never finds. A
/// kana is a sound, and Japanese writes its nouns in kanji.
pub(super) fn stands_alone(c: char) -> bool {
    is_han(c) || matches!(c, '\u{AC00}'..='\u{D7A3}')
}

/// Whether `c` is a Han ideograph (the unified ideographs and their extensions, and the
/// compatibility ideographs).
pub(super) fn is_han(c: char) -> bool {
    matches!(c,
        '\u{3400}'..='\u{4dbf}'
        | '\u{4e00}'..='\u{9fff}'
        | '\u{f900}'..='\u{faff}'
        | '\u{20000}'..='\u{2fa1f}')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn traditional_characters_read_as_simplified_and_others_as_they_are() {
        let read = |text: &str| text.chars().map(simplified).collect::<String>();
        assert_eq!(read("孫中山"), "孙中山");
        assert_eq!(read("辛亥革命"), "辛亥革命");
        assert_eq!(read("臺灣歷史"), "台湾历史");
        assert_eq!(read("日本は東京"), "日本は东京");
        assert_eq!(read("Tōkyō"), "Tōkyō");
    }

    #[test]
    fn the_table_is_one_to_one_and_settled() {
        let lines = TABLE.lines().filter(|line| !line.starts_with('#'));
        for line in lines.clone() {
            assert_eq!(
                line.chars().filter(|c| !c.is_whitespace()).count(),
                2,
                "{line:?}"
            );
        }
        assert!(lines.count() > 2000);
        for (traditional, simple) in pairs() {
            assert!(
                is_han(traditional) && is_han(simple),
                "{traditional} {simple}"
            );
            // A simplified form is no traditional form of another: reading is done once.
            assert_eq!(simplified(simple), simple, "{traditional} → {simple}");
            assert_eq!(simplified(traditional), simple);
        }
    }
}
