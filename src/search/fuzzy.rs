//! An automaton accepting the words within an edit distance of one word, run directly over
//! the term dictionary.
//!
//! tantivy's `FuzzyTermQuery` builds a Levenshtein DFA from a parametric automaton that
//! each process computes once per distance, which costs more than the rest of a search
//! (BENCHMARKS.md, "Typo variants without a Levenshtein DFA"), and `annals search` is one
//! process per query. This automaton builds nothing: its state is the last two rows of the
//! edit-distance table (the word against the dictionary path so far), advanced one
//! character at a time as the dictionary is walked, and branches whose every cell exceeds
//! the distance are never entered.
//! Distances count characters, and a transposition of two neighbours counts as one edit
//! (optimal string alignment), as with `FuzzyTermQuery`'s `transposition_cost_one`.

use tantivy_fst::Automaton;

/// Longest word, in characters, the automaton takes. Index words are shorter than
/// [`crate::analyzer::MAX_WORD_BYTES`] bytes, so no longer word is within two edits of one.
pub(crate) const MAX_CHARS: usize = crate::analyzer::MAX_WORD_BYTES + 2;

/// Most edits the automaton allows.
pub(crate) const MAX_EDITS: u8 = 2;

/// Cells of a row kept: only those within `max` of the diagonal can stay within `max`.
const BAND: usize = 2 * MAX_EDITS as usize + 1;

/// Accepts the words within `max` edits of a word.
pub(crate) struct WithinEdits {
    word: Vec<char>,
    max: u8,
}

impl WithinEdits {
    /// `None` when `word` is longer than [`MAX_CHARS`] characters or `max` is over
    /// [`MAX_EDITS`].
    pub(crate) fn new(word: &str, max: u8) -> Option<WithinEdits> {
        let word: Vec<char> = word.chars().collect();
        (word.len() <= MAX_CHARS && max <= MAX_EDITS).then_some(WithinEdits { word, max })
    }

    /// Advance `state` by one character `c` of the dictionary word.
    ///
    /// Cell `k` of the band of row `i` holds the distance between the first `i` characters
    /// of the path and the first `j = i - max + k` of the word.
    fn step(&self, state: &Rows, c: char) -> Rows {
        let cap = self.max + 1;
        let max = isize::from(self.max);
        let n = self.word.len() as isize;
        let i = isize::from(state.chars) + 1;
        let (prev, cur) = (&state.prev, &state.cur);
        let mut next = [cap; BAND];
        for k in 0..=2 * self.max as usize {
            let j = i - max + k as isize;
            if j < 0 || j > n {
                continue;
            }
            if j == 0 {
                next[k] = (i.min(isize::from(cap))) as u8;
                continue;
            }
            // 1 <= j <= n: the word's j-th character exists.
            let w = self.word[j as usize - 1];
            let substitute = cur[k] + u8::from(c != w);
            let delete = cur.get(k + 1).map_or(cap, |d| d + 1);
            let insert = if k > 0 { next[k - 1] + 1 } else { cap };
            let mut best = substitute.min(delete).min(insert);
            if j >= 2 && state.last == Some(w) && c == self.word[j as usize - 2] {
                best = best.min(prev[k] + 1);
            }
            next[k] = best.min(cap);
        }
        Rows {
            chars: state.chars.saturating_add(1),
            prev: *cur,
            cur: next,
            last: Some(c),
            pending: Pending::default(),
        }
    }
}

/// The bytes of a character the dictionary path is in the middle of.
#[derive(Clone, Copy, Default)]
struct Pending {
    bytes: [u8; 4],
    len: u8,
    /// Bytes the character has in all.
    needs: u8,
}

/// The automaton's state: the band of the edit-distance table for the path so far.
#[derive(Clone, Copy)]
pub(crate) struct Rows {
    /// Characters in the path.
    chars: u8,
    /// The band of the row for the path without its last character.
    prev: [u8; BAND],
    /// The band of the row for the path.
    cur: [u8; BAND],
    /// The path's last character.
    last: Option<char>,
    pending: Pending,
}

impl Automaton for WithinEdits {
    type State = Rows;

    fn start(&self) -> Rows {
        let cap = self.max + 1;
        let mut cur = [cap; BAND];
        // Row 0: the distance to the first j characters of the word is j.
        for (k, cell) in cur.iter_mut().enumerate().take(2 * self.max as usize + 1) {
            let j = k as isize - isize::from(self.max);
            if (0..=self.word.len() as isize).contains(&j) {
                *cell = j as u8;
            }
        }
        Rows {
            chars: 0,
            prev: [cap; BAND],
            cur,
            last: None,
            pending: Pending::default(),
        }
    }

    fn is_match(&self, state: &Rows) -> bool {
        let k = self.word.len() as isize - isize::from(state.chars) + isize::from(self.max);
        state.pending.len == 0
            && usize::try_from(k)
                .ok()
                .and_then(|k| state.cur.get(k))
                .is_some_and(|&d| d <= self.max)
    }

    fn can_match(&self, state: &Rows) -> bool {
        // A transposition reads the row before, but only where this row is within reach.
        state.cur.iter().any(|&d| d <= self.max)
    }

    fn accept(&self, state: &Rows, byte: u8) -> Rows {
        let mut pending = state.pending;
        if pending.len == 0 {
            let needs = match byte {
                0x00..=0x7f => return self.step(state, char::from(byte)),
                0xc0..=0xdf => 2,
                0xe0..=0xef => 3,
                0xf0..=0xf7 => 4,
                // Not the start of a character (the dictionary holds valid UTF-8).
                _ => return self.step(state, char::REPLACEMENT_CHARACTER),
            };
            pending = Pending {
                needs,
                ..Pending::default()
            };
        }
        pending.bytes[usize::from(pending.len)] = byte;
        pending.len += 1;
        if pending.len < pending.needs {
            return Rows { pending, ..*state };
        }
        let bytes = &pending.bytes[..usize::from(pending.len)];
        let c = std::str::from_utf8(bytes)
            .ok()
            .and_then(|s| s.chars().next())
            .unwrap_or(char::REPLACEMENT_CHARACTER);
        self.step(state, c)
    }
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;
    use tantivy::query::FuzzyTermQuery;
    use tantivy::schema::{Schema, TEXT};
    use tantivy::Term;

    use super::*;
    use crate::search::typos::edit_distance;

    fn accepts<A: Automaton>(automaton: &A, word: &str) -> bool {
        let mut state = automaton.start();
        for &b in word.as_bytes() {
            if !automaton.can_match(&state) {
                return false;
            }
            state = automaton.accept(&state, b);
        }
        automaton.is_match(&state)
    }

    fn same_as_tantivy(word: &str, other: &str, max: u8) {
        let mut schema = Schema::builder();
        let field = schema.add_text_field("w", TEXT);
        let dfa = FuzzyTermQuery::new(Term::from_field_text(field, word), max, true)
            .automaton()
            .unwrap();
        let ours = WithinEdits::new(word, max).unwrap();
        let expected = accepts(&dfa, other);
        assert_eq!(
            accepts(&ours, other),
            expected,
            "{word:?} {other:?} within {max}"
        );
        assert_eq!(expected, edit_distance(word, other) <= usize::from(max));
    }

    #[test]
    fn accepts_what_the_levenshtein_dfa_accepts() {
        for (word, other) in [
            ("treaty", "treaty"),
            ("treaty", "treety"),
            ("treaty", "traety"),
            ("treaty", "treat"),
            ("treaty", "treatys"),
            ("treaty", "rteaty"),
            ("treaty", "tretay"),
            ("christmas", "chrsitmas"),
            ("christmas", "christmases"),
            ("christmas", "cristmass"),
            ("christmas", "christ"),
            ("zurich", "zürich"),
            ("zürich", "zurich"),
            ("ab", "ba"),
            ("ca", "abc"),
            ("", "a"),
            ("москва", "моска"),
        ] {
            for max in [1, 2] {
                same_as_tantivy(word, other, max);
                same_as_tantivy(other, word, max);
            }
        }
    }

    #[test]
    fn refuses_words_too_long_for_the_index() {
        assert!(WithinEdits::new(&"a".repeat(MAX_CHARS), 2).is_some());
        assert!(WithinEdits::new(&"a".repeat(MAX_CHARS + 1), 2).is_none());
        assert!(WithinEdits::new("treaty", MAX_EDITS + 1).is_none());
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(2000))]

        #[test]
        fn accepts_what_the_levenshtein_dfa_accepts_on_any_words(
            word in "[abcé]{0,9}",
            other in "[abcé]{0,11}",
            max in 1u8..=2,
        ) {
            same_as_tantivy(&word, &other, max);
        }
    }
}
