//! Words written attached to others, which a query word also finds: the compounds of the
//! languages that write them as one word (German `Krieg` finds `Weltkrieg` and
//! `Bürgerkrieg`), and a Hebrew word's other forms: behind the particles written as its first
//! letters (`ירושלים`, Jerusalem, finds `בירושלים`, in Jerusalem), and its plural and
//! construct forms (see [`super::hebrew`]).
//!
//! A compound names a kind of the word it ends with (its head: a `Friedensvertrag` is a
//! `Vertrag`), so a German reader searching `Vertrag` expects the peace treaties, which no
//! stemmer finds. The compounds are the corpus's own words: the word dictionary lists the
//! long ones by their endings ([`Dictionary::ending_with`]), and a word ending with the
//! head (or a form of it: `Weltkrieg|en`) is a compound where what stands before is a word
//! of the language in the corpus, with one of the language's joints after it
//! (`Friedens|vertrag`: `frieden` and `s`), and where some document of the language has
//! the compound's stem. That check is what keeps `Ertrag` (yield) from finding `Vertrag`:
//! `v` is no word. Words shorter than [`MIN_HEAD_CHARS`] have no compounds, and a word in
//! front has [`MIN_FRONT_CHARS`] or more: the short words that begin so many German words
//! (`ein`, `bei`, `auf`: a `Beitrag` is no kind of `Trag`) are not fronts of compounds.
//!
//! A compound counts for less than the word itself ([`COMPOUND_WEIGHT`]), and never more
//! than the word would where the compound is rarer: an article mentioning a `Burenkrieg`
//! once does not outrank the articles about `Krieg`.
//!
//! [`Dictionary::ending_with`]: crate::dictionary::Dictionary::ending_with

use std::collections::HashMap;

use tantivy::schema::Field;
use tantivy::Term;

use super::{hebrew, Compiler};
use crate::dictionary::MIN_ENDING_CHARS;
use crate::error::Result;
use crate::language::{compounding, read_mark, Compounding};
use crate::search::stats::idf;
use crate::search::typos::single_token;

/// Weight of a compound relative to the word it ends with.
const COMPOUND_WEIGHT: f32 = 0.5;

/// At most this many compounds stand in for one word, those in the most documents first.
const MAX_COMPOUNDS: usize = 16;

/// Stems shorter than this (in characters) are not looked for at the end of compounds.
const MIN_HEAD_CHARS: usize = 4;

/// Words in front of a compound's head have at least this many characters (the
/// dictionary lists the words ending in another from [`MIN_ENDING_CHARS`], the two
/// together).
const MIN_FRONT_CHARS: usize = MIN_ENDING_CHARS - MIN_HEAD_CHARS;

/// At most this many words of the dictionary are read for one ending of a word...
const MAX_SCANNED: usize = 1024;

/// ...and at most this many of them, those in the most articles, are checked for a word
/// in front, which costs a stem and a lookup per joint.
const MAX_CHECKED: usize = 256;

impl Compiler<'_> {
    /// The words attached to `term` (a term of the catch-all field) that it also finds,
    /// each with its weight relative to `term`'s: the compounds ending with it in a
    /// language that writes them as one word, or a Hebrew word's other forms.
    pub(super) fn attached(&mut self, term: &Term) -> Result<Vec<(Term, f32)>> {
        let value = term.value();
        let text = value.as_str().unwrap_or_default();
        let hebrew = hebrew::is_word(text);
        let compounding = read_mark(text).and_then(|(code, at)| Some((compounding(code)?, at)));
        if !hebrew && compounding.is_none() {
            return Ok(Vec::new());
        }
        if let Some(found) = self.attached_cache.get(text) {
            return Ok(found.clone());
        }
        let found = match compounding {
            _ if hebrew => self.hebrew_forms(term, text)?,
            Some((compounding, at)) if text[at..].chars().count() >= MIN_HEAD_CHARS => {
                let (mark, head) = text.split_at(at);
                self.find_compounds(term, mark, head, &compounding)?
            }
            _ => Vec::new(),
        };
        self.attached_cache.insert(text.to_string(), found.clone());
        Ok(found)
    }

    /// The index's words that are other forms of the Hebrew word `word` (the text of
    /// `term`): see [`hebrew::forms`].
    fn hebrew_forms(&mut self, term: &Term, word: &str) -> Result<Vec<(Term, f32)>> {
        let mut found = Vec::new();
        for form in hebrew::forms(word) {
            let attached = Term::from_field_text(term.field(), &form);
            if self.searcher.doc_freq(&attached)? > 0 {
                found.push((attached, 1.0));
            }
        }
        Ok(found)
    }

    /// The compounds ending with `head` (the stem of `term`, behind the `mark` of a
    /// language that writes compounds as one word), the likeliest first.
    fn find_compounds(
        &mut self,
        term: &Term,
        mark: &str,
        head: &str,
        compounding: &Compounding,
    ) -> Result<Vec<(Term, f32)>> {
        let dictionary = (self.dictionary)()?;
        // The words that end with the head's stem or one of its forms (`Weltkrieg|es`),
        // each once, with the length of the front before the head, as the dictionary
        // counts their articles.
        let mut words: HashMap<String, (usize, u64)> = HashMap::new();
        for form in compounding.endings {
            let ending = format!("{head}{form}");
            let mut scanned = 0;
            dictionary.ending_with(&ending, |word, articles| {
                let front = word.len() - ending.len();
                words.entry(word.to_string()).or_insert((front, articles));
                scanned += 1;
                scanned < MAX_SCANNED
            });
        }
        let mut words: Vec<(String, (usize, u64))> = words.into_iter().collect();
        words.sort_by(|a, b| b.1 .1.cmp(&a.1 .1).then_with(|| a.0.cmp(&b.0)));
        words.truncate(MAX_CHECKED);
        let field = term.field();
        let docs = self.searcher.num_docs();
        let rarity = |doc_freq: u64| match doc_freq {
            0 => f32::INFINITY,
            n => idf(n, docs),
        };
        let head_rarity = rarity(self.searcher.doc_freq(term)?);
        let mut compounds: Vec<(Term, f32)> = Vec::new();
        for (word, (front, _)) in words {
            if compounds.len() == MAX_COMPOUNDS {
                break;
            }
            if !self.is_front(field, mark, &word[..front], compounding.joints)? {
                continue;
            }
            // The compound as the language stems it, where some document has it.
            let Some(stem) = single_token(&mut self.analyzer, &format!("{mark}{word}")) else {
                continue;
            };
            let compound = Term::from_field_text(field, &stem);
            if compound == *term || compounds.iter().any(|(t, _)| *t == compound) {
                continue;
            }
            let doc_freq = self.searcher.doc_freq(&compound)?;
            if doc_freq > 0 {
                let weight = COMPOUND_WEIGHT * (head_rarity / rarity(doc_freq)).min(1.0);
                compounds.push((compound, weight));
            }
        }
        Ok(compounds)
    }

    /// Whether `front` is a word of the language of `mark` (some document of it has the
    /// word's stem, in any form: Swedish `världs|krig` where the text writes `världen`),
    /// followed by one of its `joints`.
    fn is_front(&mut self, field: Field, mark: &str, front: &str, joints: &[&str]) -> Result<bool> {
        for joint in joints {
            let Some(word) = front.strip_suffix(joint) else {
                continue;
            };
            if word.chars().count() < MIN_FRONT_CHARS {
                continue;
            }
            if let Some(stem) = single_token(&mut self.analyzer, &format!("{mark}{word}")) {
                if self
                    .searcher
                    .doc_freq(&Term::from_field_text(field, &stem))?
                    > 0
                {
                    return Ok(true);
                }
            }
        }
        Ok(false)
    }
}
