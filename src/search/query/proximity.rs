//! Words of a query found near each other: in a query ranked by BM25 (a sentence, a
//! pasted paragraph), each pair of neighbouring words adds, found within a few positions
//! of each other in a document's catch-all field, a small share of its phrase score, as the
//! sequential dependence model adds its windows to the words' own scores (Metzler and
//! Croft, 2005). A document that says what the query says, its words together, ranks above
//! one that has the same words scattered. And a query of several words pasted from a text
//! (a passage, a quotation remembered) finds that text first: its words as written, one
//! after another, add as much as one more word would, as the full dependence model adds
//! the query's words together (Metzler and Croft); natural-language questions never stand
//! in a document word for word, so only what was copied gains.

use tantivy::query::{BoostQuery, Query};

use super::{analyze, Compiler, ParsedQuery};
use crate::error::Result;
use crate::search::checked;
use crate::search::syntax::{self, Leaf, Node};
use crate::search::together::Phrase;

/// Weight of a pair found near each other, against 1 for each word: the sequential
/// dependence model's weight of its ordered windows.
const PAIR_WEIGHT: f32 = 0.1;

/// How far apart, in positions, a pair's words may be beyond standing together (a phrase's
/// slop): a few words between them, as in a clause.
const PAIR_SLOP: u32 = 4;

/// Most pairs a query adds: a pasted paragraph's first ones, each a phrase to look up.
const MAX_PAIRS: usize = 32;

/// Weight of a query's words found as written, one after another, against 1 for each
/// word.
const PASSAGE_WEIGHT: f32 = 1.0;

/// Fewest words a passage has: fewer are a few keywords, often a name, that the pairs
/// reward already (`(time sharing system)` is no text copied).
const PASSAGE_MIN_WORDS: usize = 4;

/// Most words of a passage sought as written: a pasted paragraph's first ones.
const PASSAGE_MAX_WORDS: usize = 32;

impl Compiler<'_> {
    /// The words of `query` standing together, as a phrase in the catch-all field: what a
    /// query of two or more words, nothing but words, ranks first among the first hits
    /// holding them all (`black death`: those saying "Black Death" before those with a
    /// black cat and a death; see [`crate::search::together`]). `None` for a query of fewer searchable words or one with
    /// other syntax (a quoted phrase, a sign, a field, a prefix), which says how its words
    /// go together itself; `year:` filters aside.
    pub(crate) fn together(&mut self, query: &ParsedQuery) -> Result<Option<Phrase>> {
        let Node::Clause(children) = &query.node else {
            return Ok(None);
        };
        let mut words = Vec::new();
        for (occur, child) in children {
            match (plain_word(occur, child), child) {
                (Some(word), _) => words.push(word),
                (None, Node::Leaf(Leaf::Years { .. })) if occur.is_none() => {}
                _ => return Ok(None),
            }
        }
        if query.words < 2 {
            return Ok(None);
        }
        let phrase = self.analyses(self.fields.body, &words.join(" "))?;
        Ok(Some(phrase).filter(|analyses| !analyses.is_empty()))
    }

    /// The words of `children` (a clause's members) sought together: the pairs of
    /// neighbouring words, each as its phrase with [`PAIR_SLOP`] in the catch-all field,
    /// weighing [`PAIR_WEIGHT`]; and, when the clause is nothing but words,
    /// [`PASSAGE_MIN_WORDS`] or more, the passage: its words as one phrase, weighing
    /// [`PASSAGE_WEIGHT`]. Only optional words written as words are paired: not quoted
    /// text, prefixes, fields or words a sign makes required or excluded. Stop words
    /// between two words stay in the pair's text, so positions count them as the
    /// document's do.
    pub(super) fn words_together(
        &mut self,
        children: &[(Option<syntax::Occur>, Node)],
    ) -> Result<Vec<Box<dyn Query>>> {
        let mut pairs: Vec<Box<dyn Query>> = Vec::new();
        // The texts since the last searchable word (it first), which a pair starts at.
        let mut run: Vec<&str> = Vec::new();
        // The clause's texts from its first searchable word, while they are all words, and
        // how many of them are searchable.
        let (mut passage, mut passage_words, mut only_words) = (Vec::new(), 0, true);
        for (occur, child) in children {
            let word = match plain_word(occur, child) {
                Some(word) => word,
                None => {
                    run.clear();
                    only_words = false;
                    continue;
                }
            };
            let stop_word = analyze(&mut self.analyzer, self.fields.body, word).is_empty();
            if passage_words < PASSAGE_MAX_WORDS && (!stop_word || !passage.is_empty()) {
                passage.push(word);
                passage_words += usize::from(!stop_word);
            }
            if stop_word {
                // Kept between the words around it.
                if !run.is_empty() {
                    run.push(word);
                }
                continue;
            }
            if !run.is_empty() && pairs.len() < MAX_PAIRS {
                run.push(word);
                let phrase = run.join(" ");
                if let Some(query) = self.words(Some("body"), &phrase, true, PAIR_SLOP, false)? {
                    let near = Box::new(BoostQuery::new(query, PAIR_WEIGHT));
                    let words = phrase.trim_matches(|c: char| !c.is_alphanumeric());
                    pairs.push(checked::labelled(near, format!("near each other: {words}")));
                }
            }
            run.clear();
            run.push(word);
        }
        if only_words && passage_words >= PASSAGE_MIN_WORDS {
            let passage = passage.join(" ");
            if let Some(query) = self.words(Some("body"), &passage, true, 0, false)? {
                let together = Box::new(BoostQuery::new(query, PASSAGE_WEIGHT));
                let words = passage.trim_matches(|c: char| !c.is_alphanumeric());
                pairs.push(checked::labelled(together, format!("as written: {words}")));
            }
        }
        Ok(pairs)
    }
}

/// The text of a clause's member that is a word written as one: no sign, field, quotes or
/// prefix.
fn plain_word<'a>(occur: &Option<syntax::Occur>, child: &'a Node) -> Option<&'a str> {
    match (occur, child) {
        (
            None,
            Node::Leaf(Leaf::Words {
                field: None,
                text,
                quoted: false,
                prefix: false,
                ..
            }),
        ) => Some(text.as_str()),
        _ => None,
    }
}
