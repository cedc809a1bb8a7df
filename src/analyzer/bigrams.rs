//! The runs of unspaced scripts (Chinese, Japanese, Korean, Thai, …) split into
//! overlapping bigrams, each Han character and Hangul syllable also a word of its own
//! where the index asks for it ([`WordTokenizer::indexed`]).

use unicode_normalization::UnicodeNormalization;

use super::han;
use super::WordStream;
#[cfg(doc)]
use super::WordTokenizer;

impl WordStream<'_> {
    /// The next bigram of the CJK run being split, as the current token; false when the
    /// run has no more.
    pub(super) fn next_bigram(&mut self) -> bool {
        let Some((at, end)) = self.bigrams else {
            return false;
        };
        let run = &self.text[at..end];
        let first = unit(run);
        let second = unit(&run[first..]);
        if first == 0 || second == 0 {
            self.bigrams = None;
            return false;
        }
        self.bigrams = Some((at + first, end));
        self.set_token(at, at + first + second);
        if self.tokenizer.han_unigrams {
            let last = at + first + second == end;
            for (from, to) in [(at + first, at + first + second), (at, at + first)] {
                let alone = self.text[from..to].chars().all(han::stands_alone);
                if alone && (last || from == at) {
                    self.unigrams.push((from, to));
                }
            }
        }
        true
    }

    /// Make `text[start..end]` the current token, at the next position: as it is, or
    /// composed where it is written in half-width kana (`ｶﾞｲ` is `ガイ`, as Lucene's
    /// `CJKWidthFilter` reads it).
    pub(super) fn set_token(&mut self, start: usize, end: usize) {
        let t = &mut *self.tokenizer;
        t.token.position = t.token.position.wrapping_add(1);
        self.set_text(start, end);
    }

    /// Make `text[start..end]` the current token's text, with traditional Han characters
    /// read as simplified ones ([`han::simplified`]), and its offsets.
    pub(super) fn set_text(&mut self, start: usize, end: usize) {
        let t = &mut *self.tokenizer;
        let piece = &self.text[start..end];
        t.token.text.clear();
        match piece.contains(is_half_width_kana) {
            false => t.token.text.extend(piece.chars().map(han::simplified)),
            true => t.token.text.extend(piece.nfkc().map(han::simplified)),
        }
        t.token.offset_from = start;
        t.token.offset_to = end;
    }
}

/// Whether `c` is a half-width katakana or one of its marks (U+FF61–U+FF9F).
fn is_half_width_kana(c: char) -> bool {
    matches!(c, '\u{FF61}'..='\u{FF9F}')
}

/// The length of the character `run` starts with, with the half-width voicing marks after
/// it (`ｶﾞ`, one kana written as two characters): one unit of a bigram.
fn unit(run: &str) -> usize {
    let mut chars = run.char_indices();
    if chars.next().is_none() {
        return 0;
    }
    chars
        .find(|&(_, c)| !matches!(c, '\u{FF9E}' | '\u{FF9F}'))
        .map_or(run.len(), |(i, _)| i)
}

#[cfg(test)]
mod tests {
    use tantivy::tokenizer::TextAnalyzer;

    use super::super::tests::tokens;
    use super::super::WordTokenizer;

    #[test]
    fn cjk_runs_become_overlapping_bigrams_at_consecutive_positions() {
        let mut fused = TextAnalyzer::from(WordTokenizer::text());
        let got: Vec<_> = tokens(&mut fused, "1925年、北京で日ソ基本条約に調印し treaty 国")
            .into_iter()
            .map(|t| (t.text, t.position))
            .collect();
        let words: Vec<&str> = got.iter().map(|(t, _)| t.as_str()).collect();
        assert_eq!(
            words,
            [
                "1925", "年", "北京", "京で", "で日", "日ソ", "ソ基", "基本", "本条", "条约",
                "约に", "に调", "调印", "印し", "treati", "国"
            ]
        );
        let positions: Vec<usize> = got.iter().map(|(_, p)| *p).collect();
        assert_eq!(positions, (0..16).collect::<Vec<_>>());
        // Half-width katakana are read as full-width, a voicing mark with its kana.
        let half: Vec<_> = tokens(&mut fused, "ｶﾞｲｺｸ ガイコク")
            .into_iter()
            .map(|t| t.text)
            .collect();
        assert_eq!(half, ["ガイ", "イコ", "コク", "ガイ", "イコ", "コク"]);
        // Korean and a run longer than the longest word kept elsewhere.
        let long = "가".repeat(30);
        assert_eq!(tokens(&mut fused, &long).len(), 29);
    }

    #[test]
    fn the_index_holds_each_han_character_of_a_run_at_its_bigrams_position() {
        let mut indexed = TextAnalyzer::from(WordTokenizer::indexed());
        let got: Vec<_> = tokens(&mut indexed, "清朝末年 の戰 x")
            .into_iter()
            .map(|t| (t.text, t.position, t.offset_from, t.offset_to))
            .collect();
        let c = "清".len();
        assert_eq!(
            got,
            [
                ("清朝".to_string(), 0, 0, 2 * c),
                ("清".to_string(), 0, 0, c),
                ("朝末".to_string(), 1, c, 3 * c),
                ("朝".to_string(), 1, c, 2 * c),
                ("末年".to_string(), 2, 2 * c, 4 * c),
                ("末".to_string(), 2, 2 * c, 3 * c),
                ("年".to_string(), 2, 3 * c, 4 * c),
                // Kana are sounds, not words: only the kanji stands alone.
                ("の战".to_string(), 3, 4 * c + 1, 6 * c + 1),
                ("战".to_string(), 3, 5 * c + 1, 6 * c + 1),
                ("x".to_string(), 4, 6 * c + 2, 6 * c + 3),
            ]
        );
        // A Hangul syllable stands alone too (a noun with its particle: `왕은`, the king).
        let korean: Vec<_> = tokens(&mut indexed, "왕은")
            .into_iter()
            .map(|t| (t.text, t.position))
            .collect();
        let korean: Vec<(&str, usize)> = korean.iter().map(|(t, p)| (t.as_str(), *p)).collect();
        assert_eq!(korean, [("왕은", 0), ("왕", 0), ("은", 0)]);
        // A query reads the bigrams alone, traditional characters as simplified.
        let mut query = TextAnalyzer::from(WordTokenizer::text());
        let read: Vec<_> = tokens(&mut query, "孫中山 清")
            .into_iter()
            .map(|t| t.text)
            .collect();
        assert_eq!(read, ["孙中", "中山", "清"]);
    }
}
