//! A literal's text as queries of the fields: a word as the union of its terms (with its
//! misspelling variants when asked), several words as a phrase.

use std::collections::hash_map::Entry;

use tantivy::query::{BoostQuery, PhraseQuery, Query, TermQuery};
use tantivy::schema::{Field, IndexRecordOption};
use tantivy::tokenizer::TextAnalyzer;
use tantivy::Term;

use super::{analyze, analyze_with_second_stems, Compiler, OtherLanguage, Typos, FIELD_WEIGHTS};
use crate::analyzer::{is_folded, unmarked_stem, FOLDED_STEM};
use crate::error::Result;
use crate::search::checked;
use crate::search::driven::DrivenUnion;
use crate::search::term_union::TermUnion;
use crate::search::typos::{self, single_token, MAX_VARIANTS};

/// Weight of a word's misspelling-corrected variants relative to the word itself.
const TYPO_WEIGHT: f32 = 0.3;

/// What a literal's text is in one field.
enum Words {
    /// Nothing searchable: stop words or punctuation.
    None,
    /// One word: its term, or its terms as the index's languages stem it.
    Terms(Vec<Term>),
    /// Several words, to be found together.
    Phrase(Box<dyn Query>),
}

/// Most words of a phrase typed without accents that are each also looked for as the
/// marked stem of a word written with them ([`FOLDED_STEM`]): every combination is a phrase
/// of its own.
const MAX_FOLDED_PHRASE_WORDS: usize = 3;

/// The analyses of `terms` (one analysis of text typed without accents) in which some
/// words are the marked stems of words written with accents (see [`FOLDED_STEM`]), where
/// the index has them (`known`): every combination, over up to
/// [`MAX_FOLDED_PHRASE_WORDS`] words.
fn folded_stems(
    terms: &[(usize, Term)],
    mut known: impl FnMut(&Term) -> Result<bool>,
) -> Result<Vec<Vec<(usize, Term)>>> {
    let mut marked: Vec<(usize, Term)> = Vec::new();
    for (i, (_, term)) in terms.iter().enumerate() {
        let value = term.value();
        let text = value.as_str().unwrap_or_default();
        let term = Term::from_field_text(
            term.field(),
            &format!("{FOLDED_STEM}{}", unmarked_stem(text)),
        );
        if marked.len() < MAX_FOLDED_PHRASE_WORDS && known(&term)? {
            marked.push((i, term));
        }
    }
    Ok((1..1usize << marked.len())
        .map(|combination| {
            let mut analysis = terms.to_vec();
            for (bit, (i, term)) in marked.iter().enumerate() {
                if combination & (1 << bit) != 0 {
                    analysis[*i].1 = term.clone();
                }
            }
            analysis
        })
        .collect())
}

/// The stems of `word` (a word of the dictionary: folded) as each of `languages` stems it,
/// with the marked stem of a word written with accents ([`FOLDED_STEM`]) where the
/// language stems: a folded word may be a word written with them.
fn other_stems(
    analyzer: &mut TextAnalyzer,
    languages: &[OtherLanguage],
    word: &str,
) -> Vec<String> {
    let mut stems = Vec::new();
    for language in languages {
        if let Some(stem) = single_token(analyzer, &format!("{}{word}", language.mark)) {
            if language.stems {
                stems.push(format!("{FOLDED_STEM}{}", unmarked_stem(&stem)));
            }
            stems.push(stem);
        }
    }
    stems
}

/// The index words near a query word.
pub(super) struct Nearby {
    /// The nearest (then most common) of them.
    nearest: Option<String>,
    /// The stems of up to [`MAX_VARIANTS`] of them, other than the word's own.
    stems: Stems,
}

/// Stems of a word's misspelling variants.
#[derive(Clone, Default)]
struct Stems {
    /// As English stems them: looked for in every field.
    english: Vec<String>,
    /// As the index's other languages stem them, where that differs and some document has
    /// the stem: looked for in the catch-all field, the only one analysed by language.
    other: Vec<String>,
}

impl Stems {
    fn is_empty(&self) -> bool {
        self.english.is_empty() && self.other.is_empty()
    }

    /// The stems to look for in `field`.
    fn of(&self, field: Field, catch_all: Field) -> impl Iterator<Item = &String> {
        let other = if field == catch_all {
            &self.other[..]
        } else {
            &[]
        };
        self.english.iter().chain(other)
    }
}

impl Compiler<'_> {
    pub(super) fn words(
        &mut self,
        field: Option<&str>,
        text: &str,
        quoted: bool,
        slop: u32,
        prefix: bool,
    ) -> Result<Option<Box<dyn Query>>> {
        let fields: Vec<(Field, f32)> = match field {
            None => self
                .fields
                .word_fields()
                .into_iter()
                .zip(FIELD_WEIGHTS)
                .collect(),
            Some(name) => vec![(self.text_field(name), 1.0)],
        };
        if prefix {
            // The catch-all field holds every word: a prefix is expanded there alone.
            let (field, _) = fields[0];
            return self.prefix_query(field, text, quoted);
        }
        let (variants, variant_weight) = match (self.typos, quoted) {
            (Typos::None, _) | (_, true) => (Stems::default(), 0.0),
            (Typos::All, false) => (self.typo_stems(text)?, TYPO_WEIGHT),
            // A word the index does not have stands for nothing: its near spellings stand
            // in for it.
            (Typos::Unknown, false) => match self.is_unknown(text)? {
                true => {
                    let stems = self.typo_stems(text)?;
                    self.corrected |= !stems.is_empty();
                    (stems, 1.0)
                }
                false => (Stems::default(), 0.0),
            },
        };
        // A single word becomes one union of its terms in every field (and of its variants);
        // a phrase, one query per field.
        let mut per_field: Vec<Box<dyn Query>> = Vec::new();
        let mut terms: Vec<(Term, f32)> = Vec::new();
        let field_count = fields.len();
        for (field, weight) in fields {
            match self.words_query(field, text, slop)? {
                Words::None => {}
                Words::Terms(list) => {
                    // A word also finds the words attached to it (`Krieg`, `Weltkrieg`;
                    // Hebrew `ירושלים`, `בירושלים`), but not where it is quoted: that is
                    // the word itself.
                    let mut attached = Vec::new();
                    if field == self.fields.body && !quoted {
                        for term in &list {
                            attached.extend(self.attached(term)?);
                        }
                    }
                    terms.extend(list.into_iter().map(|term| (term, weight)));
                    terms.extend(attached.into_iter().map(|(t, w)| (t, weight * w)));
                    for stem in variants.of(field, self.fields.body) {
                        terms.push((Term::from_field_text(field, stem), weight * variant_weight));
                    }
                }
                Words::Phrase(query) => per_field.push(if weight == 1.0 {
                    query
                } else {
                    Box::new(BoostQuery::new(query, weight))
                }),
            }
        }
        // The catch-all field holds each document's title and headings too, analysed as
        // those fields are where every document is analysed as English is: its terms or
        // its phrase match every document the other fields' do.
        let catch_all = field.is_none() && self.other_languages.is_empty();
        let phrases_only = terms.is_empty() && per_field.len() == field_count;
        match terms.as_slice() {
            [] => {}
            [(term, 1.0)] => per_field.push(Box::new(TermQuery::new(
                term.clone(),
                IndexRecordOption::WithFreqs,
            ))),
            _ if catch_all => {
                per_field.push(Box::new(TermUnion::new(terms).matched_in(self.fields.body)))
            }
            _ => per_field.push(Box::new(TermUnion::new(terms))),
        }
        Ok(match per_field.len() {
            0 => None,
            1 => per_field.pop(),
            // A phrase in every field, the catch-all field's first.
            _ if catch_all && phrases_only => Some(Box::new(DrivenUnion::new(per_field))),
            _ => Some(Box::new(checked::union(per_field))),
        })
    }

    /// A word or a phrase in one field. Text that the analyzer splits into several words
    /// (`type-I`, `25(OH)D`) is a phrase, as it is written. In the catch-all field, as
    /// each language of the index analyses it: one term per distinct stem, one phrase per
    /// distinct analysis.
    fn words_query(&mut self, field: Field, phrase: &str, slop: u32) -> Result<Words> {
        let analyses = self.analyses(field, phrase)?;
        if analyses.is_empty() {
            return Ok(Words::None);
        }
        if analyses.iter().all(|terms| terms.len() == 1) {
            let terms = analyses.into_iter().flatten().map(|(_, term)| term);
            return Ok(Words::Terms(terms.collect()));
        }
        let mut phrases: Vec<Box<dyn Query>> = analyses
            .into_iter()
            .map(|terms| -> Box<dyn Query> {
                match terms.len() {
                    1 => Box::new(TermQuery::new(
                        terms[0].1.clone(),
                        IndexRecordOption::WithFreqs,
                    )),
                    _ => Box::new(PhraseQuery::new_with_offset_and_slop(terms, slop)),
                }
            })
            .collect();
        Ok(Words::Phrase(match phrases.len() {
            1 => phrases.remove(0),
            _ => Box::new(checked::union(phrases)),
        }))
    }

    /// The analyses of `phrase` in `field`: each a list of terms with their positions, one
    /// per distinct analysis the index's languages give it in the catch-all field; none for
    /// stop words alone.
    pub(super) fn analyses(
        &mut self,
        field: Field,
        phrase: &str,
    ) -> Result<Vec<Vec<(usize, Term)>>> {
        let mut analyses = vec![analyze(&mut self.analyzer, field, phrase)];
        // Text of stop words alone is ignored, as the query's notes say, in every language:
        // the other languages' analyses keep English's stop words, which English documents
        // are indexed without, so `the` required would match next to nothing.
        if analyses[0].is_empty() {
            return Ok(Vec::new());
        }
        if field == self.fields.body {
            let typed_folded = !self.other_languages.is_empty() && is_folded(phrase);
            for language in &self.other_languages {
                let marked = format!("{}{phrase}", language.mark);
                let (terms, second) = analyze_with_second_stems(&mut self.analyzer, field, &marked);
                // Typed without accents, each word may be a word written with them whose
                // folded form stems otherwise: the index marks that stem.
                let searcher = self.searcher;
                let folded = match language.stems && typed_folded {
                    true => folded_stems(&terms, |term| Ok(searcher.doc_freq(term)? > 0))?,
                    false => Vec::new(),
                };
                for terms in std::iter::once(terms).chain(second).chain(folded) {
                    if !analyses.contains(&terms) {
                        analyses.push(terms);
                    }
                }
            }
        }
        analyses.retain(|terms| !terms.is_empty());
        Ok(analyses)
    }

    /// Whether `text` is one word and no document of the index has it, nor a word attached
    /// to it (see [`attached`](super::attached)).
    fn is_unknown(&mut self, text: &str) -> Result<bool> {
        let Words::Terms(terms) = self.words_query(self.fields.body, text, 0)? else {
            return Ok(false);
        };
        for term in &terms {
            if self.searcher.doc_freq(term)? > 0 || !self.attached(term)?.is_empty() {
                return Ok(false);
            }
        }
        Ok(true)
    }

    /// Stems of the index words a single word may be a misspelling of, other than its own
    /// stem. Empty for phrases, short words and words without near neighbours.
    fn typo_stems(&mut self, phrase: &str) -> Result<Stems> {
        let Some(word) = single_token(&mut self.folder, phrase) else {
            return Ok(Stems::default());
        };
        let stems = self.nearby(word)?.stems.clone();
        self.expanded |= !stems.is_empty();
        Ok(stems)
    }

    /// The index word nearest to `word` (folded), as [`typos::suggest`] offers it: `None`
    /// when documents have the word as their language stems it (`Verträgen` finds a German
    /// `Vertrag`), so what it found was no misspelling's.
    pub(crate) fn nearest(&mut self, word: &str) -> Result<Option<String>> {
        if !self.is_unknown(word)? {
            return Ok(None);
        }
        Ok(self.nearby(word.to_string())?.nearest.clone())
    }

    /// The index words near `word` (folded), looked up once per query.
    fn nearby(&mut self, word: String) -> Result<&Nearby> {
        let vacant = match self.variant_cache.entry(word) {
            Entry::Occupied(found) => return Ok(found.into_mut()),
            Entry::Vacant(vacant) => vacant,
        };
        let word = vacant.key();
        let variants = typos::variants(&(self.dictionary)()?, word);
        let own = single_token(&mut self.analyzer, word);
        let mut english: Vec<String> = Vec::new();
        let mut taken = Vec::new();
        for variant in &variants {
            if english.len() == MAX_VARIANTS {
                break;
            }
            if let Some(s) = single_token(&mut self.analyzer, &variant.word) {
                let new = Some(&s) != own.as_ref() && !english.contains(&s);
                // A variant English stems as the word (`provinciae`, `provincia`) is still
                // another word to a language that stems otherwise, or not at all.
                if new || taken.len() < MAX_VARIANTS {
                    taken.push(variant.word.as_str());
                }
                if new {
                    english.push(s);
                }
            }
        }
        let mut other: Vec<String> = Vec::new();
        if !self.other_languages.is_empty() {
            let own: Vec<String> = other_stems(&mut self.analyzer, &self.other_languages, word);
            let mut tried: Vec<String> = own;
            tried.extend(english.iter().cloned());
            for variant in taken {
                for stem in other_stems(&mut self.analyzer, &self.other_languages, variant) {
                    if tried.contains(&stem) {
                        continue;
                    }
                    let term = Term::from_field_text(self.fields.body, &stem);
                    if self.searcher.doc_freq(&term)? > 0 {
                        other.push(stem.clone());
                    }
                    tried.push(stem);
                }
            }
        }
        let nearest = variants.into_iter().next().map(|v| v.word);
        let stems = Stems { english, other };
        Ok(vacant.insert(Nearby { nearest, stems }))
    }
}
