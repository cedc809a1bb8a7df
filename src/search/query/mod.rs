//! From query text to tantivy queries.
//!
//! [`super::syntax`] reads the text leniently into a syntax tree; this module compiles the
//! tree against annals' schema: it weights the fields, expands prefixes within a budget,
//! adds misspelling variants, and builds the "all words" and "any word" variants of the
//! same query.
//!
//! Every document's words are in its catch-all `body` field (title, headings, text, book
//! and author), scored by BM25 as Lucene scores one `contents` field; the title and
//! heading fields add a bounded boost on top (see [`FIELD_WEIGHTS`]).

use std::collections::{BTreeSet, HashMap};
use std::ops::Bound;

use tantivy::query::{AllQuery, BoostQuery, Occur, Query, RangeQuery};
use tantivy::schema::Field;
use tantivy::tokenizer::{TextAnalyzer, TokenStream};
use tantivy::{Searcher, Term};

use super::checked;
use super::limits::within_length;
#[cfg(test)]
use super::limits::{MAX_NESTING, MAX_WORDS};
use super::options::YearRange;
use super::syntax::{self, is_sentence, Leaf, Node, TEXT_FIELDS};
use super::term_union::{AllWords, TermUnion};
use crate::analyzer::{for_each_word, FOLDED_STEM};
use crate::dictionary::Dictionary;
use crate::error::Result;
use crate::schema::{text_analyzer, words_analyzer, Fields};

/// The weights of the fields a word without a `field:` is looked for in, in the order of
/// [`Fields::word_fields`]: `body`, `title`, `heading`. `body` holds every word of the
/// document, so it alone ranks as BM25 over the whole text would; a word also in the title
/// or the heading path gains at most its weight times the word's BM25 maximum there (BM25
/// saturates), a bounded boost that breaks ties between documents whose text mentions the
/// word alike toward the one that is about it. The weights were chosen once from all five
/// shared test collections (see the README), not per collection.
pub(crate) const FIELD_WEIGHTS: [f32; 3] = [1.0, 0.25, 0.25];

/// At most this many index terms stand in for one `word*` prefix: the alphabetically
/// first, merged across segments so the choice does not depend on how the index is split.
pub(crate) const MAX_PREFIX_EXPANSIONS: usize = 1024;

/// At most this many index terms stand in for all the prefixes of one query together, so
/// that a query of hundreds of prefixes does bounded work (Lucene's clause limit).
pub(crate) const MAX_QUERY_EXPANSIONS: usize = 1024;

/// Which words a compilation lets match their near-misspellings as well.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Typos {
    None,
    /// Words the index does not have.
    Unknown,
    /// Every word long enough.
    All,
}

/// How words without an explicit `+`/`-`/`OR` combine.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Mode {
    /// Every word is required.
    AllWords,
    /// Any word may match; more matching words score higher.
    AnyWord,
    /// Any word may match, and so may each of the words punctuation joins (see
    /// [`joined`]), which the other modes hold together as a phrase.
    AnyPiece,
}

/// A parsed query, ready to be compiled in either mode.
pub(crate) struct ParsedQuery {
    node: Node,
    /// What the reader read as text, and the words ignored.
    pub notes: Vec<String>,
    /// Whether "all words" and "any word" differ for this query (it has an implicit clause
    /// with more than one member).
    pub can_relax: bool,
    /// Whether it has words joined by punctuation, which [`Mode::AnyPiece`] looks for
    /// apart.
    pub joined: bool,
    /// How many searchable words (stop words aside) the query has.
    pub words: usize,
    /// Whether the query is a sentence (see [`is_sentence`]), however short.
    pub sentence: bool,
    /// The years its `year:` filters allow: filters of the whole query are applied as
    /// `--year` is, outside the query (see [`syntax::Node::take_year_filters`]).
    pub years: YearRange,
    /// Whether its words are all stop words, which the index leaves out.
    pub only_common_words: bool,
}

/// Parse query text leniently (see [`super::syntax`]); only clearly broken syntax is an
/// error, with its character position (1-based).
pub(crate) fn parse(text: &str) -> Result<ParsedQuery> {
    let (text, cut) = within_length(text);
    let mut syntax = syntax::parse(text)?;
    if let Some(note) = cut {
        syntax.notes.insert(0, note);
    }
    let years = (syntax.node.take_year_filters().into_iter())
        .fold(YearRange::default(), |years, (from, to)| {
            years.within(YearRange::between(from, to))
        });
    let mut analyzer = text_analyzer();
    let mut words = BTreeSet::new();
    for text in syntax.node.texts() {
        let mut stream = analyzer.token_stream(text);
        while let Some(token) = stream.next() {
            words.insert(token.text.clone());
        }
    }
    let joined = (syntax.node.unquoted_texts().into_iter())
        .any(|text| joined::pieces(&mut analyzer, text).len() > 1);
    Ok(ParsedQuery {
        can_relax: syntax.node.can_relax(),
        joined,
        node: syntax.node,
        notes: syntax.notes,
        only_common_words: words.is_empty() && syntax.stop_words,
        words: words.len(),
        sentence: is_sentence(text),
        years,
    })
}

/// Compiles parsed queries against an index.
pub(crate) struct Compiler<'a> {
    fields: &'a Fields,
    searcher: &'a Searcher,
    /// The word dictionary, loaded when a query first needs it (typos only).
    dictionary: &'a dyn Fn() -> Result<Dictionary>,
    analyzer: TextAnalyzer,
    /// The marks of the other languages the index holds (see [`crate::language`]): a
    /// word is looked for in the catch-all field as each of them analyses it too.
    other_languages: Vec<OtherLanguage>,
    folder: TextAnalyzer,
    /// Which words may also match their near-misspellings.
    typos: Typos,
    /// Whether the last compilation added any misspelling variant.
    expanded: bool,
    /// Whether a word the index does not have was searched as its near spellings (see
    /// [`Compiler::compile_correcting`]).
    pub(crate) corrected: bool,
    /// Misspelling variants found so far, by folded word: each tier compiles the same
    /// words, and "did you mean" asks for the nearest of them.
    variant_cache: HashMap<String, Nearby>,
    /// The words found attached to query words so far (see [`attached`]), by the term
    /// they are attached to.
    attached_cache: HashMap<String, Vec<(Term, f32)>>,
    /// Prefix expansions found so far, by field and prefix, and whether each was cut short.
    prefix_cache: HashMap<(Field, String), (Vec<Term>, bool)>,
    /// Expansions still allowed to this query's prefixes.
    expansion_budget: usize,
    /// Whether a compiled query matches every document (`*`, or only negations), so that
    /// the bookkeeping documents must be filtered out.
    pub(crate) matches_all: bool,
    /// Prefixes whose expansions were cut short, as typed: their hits may be incomplete.
    pub(crate) cut_prefixes: BTreeSet<String>,
}

impl<'a> Compiler<'a> {
    /// A compiler against `searcher`'s index, which holds articles in `languages` (see
    /// [`crate::index::index_languages`]).
    pub(crate) fn new(
        fields: &'a Fields,
        searcher: &'a Searcher,
        dictionary: &'a dyn Fn() -> Result<Dictionary>,
        languages: impl IntoIterator<Item = String>,
    ) -> Compiler<'a> {
        Compiler {
            fields,
            searcher,
            dictionary,
            analyzer: text_analyzer(),
            other_languages: other_languages(languages),
            folder: words_analyzer(),
            typos: Typos::None,
            expanded: false,
            corrected: false,
            variant_cache: HashMap::new(),
            attached_cache: HashMap::new(),
            prefix_cache: HashMap::new(),
            expansion_budget: MAX_QUERY_EXPANSIONS,
            matches_all: false,
            cut_prefixes: BTreeSet::new(),
        }
    }

    /// Compile `query` in `mode`. Returns `None` when nothing searchable is left (only stop
    /// words or punctuation).
    pub(crate) fn compile(
        &mut self,
        query: &ParsedQuery,
        mode: Mode,
    ) -> Result<Option<Box<dyn Query>>> {
        self.compile_allowing(query, mode, Typos::None)
    }

    /// Compile `query` in `mode` with each word the index does not have (a misspelling,
    /// most likely) also matching the index words within its typo allowance, as fully as a
    /// word would: a sentence ranked by BM25 fills its page from its other words, so its
    /// misspelled ones would otherwise never be corrected.
    pub(crate) fn compile_correcting(
        &mut self,
        query: &ParsedQuery,
        mode: Mode,
    ) -> Result<Option<Box<dyn Query>>> {
        self.compile_allowing(query, mode, Typos::Unknown)
    }

    /// Compile `query` in `mode` with every long enough word also matching the index words
    /// within its typo allowance. `None` when no word has such a variant (the query would
    /// be the same as without typos) or nothing searchable is left.
    pub(crate) fn compile_with_typos(
        &mut self,
        query: &ParsedQuery,
        mode: Mode,
    ) -> Result<Option<Box<dyn Query>>> {
        self.expanded = false;
        let compiled = self.compile_allowing(query, mode, Typos::All)?;
        Ok(compiled.filter(|_| self.expanded))
    }

    fn compile_allowing(
        &mut self,
        query: &ParsedQuery,
        mode: Mode,
        typos: Typos,
    ) -> Result<Option<Box<dyn Query>>> {
        self.typos = typos;
        let compiled = self.node(&query.node, mode);
        self.typos = Typos::None;
        compiled
    }

    fn node(&mut self, node: &Node, mode: Mode) -> Result<Option<Box<dyn Query>>> {
        match node {
            Node::Leaf(Leaf::Words {
                field,
                text,
                quoted: false,
                prefix: false,
                ..
            }) if mode == Mode::AnyPiece => self.any_piece(field.as_deref(), text),
            Node::Leaf(leaf) => self.leaf(leaf),
            Node::Boost(inner, boost) => Ok(self
                .node(inner, mode)?
                .map(|q| Box::new(BoostQuery::new(q, *boost)) as Box<dyn Query>)),
            Node::Clause(children) => {
                let implicit = match mode {
                    Mode::AllWords => Occur::Must,
                    Mode::AnyWord | Mode::AnyPiece => Occur::Should,
                };
                let mut clauses = Vec::new();
                let mut filters = Vec::new();
                for (occur, child) in children {
                    let Some(mut q) = self.node(child, mode)? else {
                        continue;
                    };
                    if mode == Mode::AnyWord && occur.is_none_or(|o| o == syntax::Occur::Should) {
                        q = self.with_quoted_words_apart(child, q)?;
                    }
                    // `year:` filters in every tier: it is not a word that may be missing.
                    if occur.is_none() && matches!(child, Node::Leaf(Leaf::Years { .. })) {
                        filters.push((Occur::Must, q));
                        continue;
                    }
                    let occur = match occur {
                        None => implicit,
                        Some(syntax::Occur::Must) => Occur::Must,
                        Some(syntax::Occur::Should) => Occur::Should,
                        Some(syntax::Occur::MustNot) => Occur::MustNot,
                    };
                    clauses.push((occur, q));
                }
                // Ranked by BM25, a document with neighbouring words together ranks higher,
                // and one with the words as written higher still.
                if mode == Mode::AnyWord && clauses.len() > 1 {
                    let together = self.words_together(children)?;
                    clauses.extend(together.into_iter().map(|q| (Occur::Should, q)));
                }
                if !filters.is_empty() {
                    // Any of the words (if some are optional) and every filter.
                    if clauses.iter().any(|(o, _)| *o == Occur::Should) {
                        let words: Box<dyn Query> = Box::new(checked::boolean(clauses));
                        clauses = vec![(Occur::Must, words)];
                    }
                    clauses.extend(filters);
                }
                if clauses.is_empty() {
                    return Ok(None);
                }
                // Required words are intersected: each is sought from match to match, and
                // those whose documents one term tells are intersected by that term.
                if clauses.iter().filter(|(o, _)| *o == Occur::Must).count() > 1 {
                    clauses = all_words(clauses);
                }
                if clauses.iter().all(|(o, _)| *o == Occur::MustNot) {
                    clauses.push((Occur::Must, Box::new(AllQuery)));
                    self.matches_all = true;
                }
                if clauses.len() == 1 && clauses[0].0 != Occur::MustNot {
                    return Ok(clauses.pop().map(|(_, q)| q));
                }
                Ok(Some(Box::new(checked::boolean(clauses))))
            }
        }
    }

    /// `query` (compiled from `node`) or, when `node` is quoted text of several words, the
    /// phrase or any of its words: in a query ranked by BM25 (a sentence, a pasted
    /// paragraph), quotation marks are as likely a quotation as syntax, and a document
    /// using the words apart still tells something (see the README). The phrase adds to
    /// the words' score, so documents holding it rank higher.
    fn with_quoted_words_apart(
        &mut self,
        node: &Node,
        query: Box<dyn Query>,
    ) -> Result<Box<dyn Query>> {
        let Node::Leaf(Leaf::Words {
            field,
            text,
            quoted: true,
            prefix: false,
            ..
        }) = node
        else {
            return Ok(query);
        };
        if text.split_whitespace().nth(1).is_none() {
            return Ok(query);
        }
        Ok(match self.any_piece(field.as_deref(), text)? {
            Some(words) => Box::new(checked::union(vec![query, words])),
            None => query,
        })
    }

    fn leaf(&mut self, leaf: &Leaf) -> Result<Option<Box<dyn Query>>> {
        match leaf {
            Leaf::Words {
                field,
                text,
                quoted,
                slop,
                prefix,
            } => self.words(field.as_deref(), text, *quoted, *slop, *prefix),
            Leaf::All => {
                self.matches_all = true;
                Ok(Some(Box::new(AllQuery)))
            }
            Leaf::Years { from, to } => {
                let term = |y: &i64| Term::from_field_i64(self.fields.year, *y);
                let from = match from {
                    // A range needs one bound to name its field.
                    Bound::Unbounded => Bound::Included(term(&i64::MIN)),
                    b => b.as_ref().map(term),
                };
                Ok(Some(Box::new(RangeQuery::new(from, to.as_ref().map(term)))))
            }
        }
    }

    /// The words the query excludes at its top level (`-word`, `NOT word`), each compiled
    /// on its own: what an expanded query must still exclude.
    pub(crate) fn exclusions(&mut self, query: &ParsedQuery) -> Result<Vec<Box<dyn Query>>> {
        let Node::Clause(children) = &query.node else {
            return Ok(Vec::new());
        };
        let mut excluded = Vec::new();
        for (occur, child) in children {
            if *occur == Some(syntax::Occur::MustNot) {
                excluded.extend(self.node(child, Mode::AnyWord)?);
            }
        }
        Ok(excluded)
    }

    /// An index term (a stem) of the catch-all field, looked for as a word without a field
    /// is: in every field of [`FIELD_WEIGHTS`], each weighted, all times `weight`.
    pub(crate) fn stem_query(&self, stem: &str, weight: f32) -> Box<dyn Query> {
        let terms = (self.fields.word_fields().into_iter().zip(FIELD_WEIGHTS))
            .map(|(field, w)| (Term::from_field_text(field, stem), w * weight))
            .collect();
        Box::new(TermUnion::new(terms))
    }

    fn text_field(&self, name: &str) -> Field {
        debug_assert!(TEXT_FIELDS.contains(&name));
        self.fields
            .searchable()
            .into_iter()
            .find(|(n, _)| *n == name)
            .map(|(_, f)| f)
            .expect("the syntax allows searchable fields only")
    }
}

/// `clauses`, of which more than one is required, with the required words sought from
/// match to match, and those that [`AllWords`] takes gathered into one clause of it.
fn all_words(clauses: Vec<(Occur, Box<dyn Query>)>) -> Vec<(Occur, Box<dyn Query>)> {
    let mut words = Vec::new();
    let mut rest = Vec::new();
    for (occur, query) in clauses {
        match (occur, query.downcast_ref::<TermUnion>()) {
            (Occur::Must, Some(union)) if AllWords::takes(union) => {
                words.push(union.clone().sought())
            }
            (Occur::Must, Some(union)) => rest.push((occur, Box::new(union.clone().sought()) as _)),
            _ => rest.push((occur, query)),
        }
    }
    match words.len() {
        0 => {}
        1 => rest.insert(0, (Occur::Must, Box::new(words.remove(0)) as _)),
        _ => rest.insert(0, (Occur::Must, Box::new(AllWords::new(words)) as _)),
    }
    rest
}

/// A language of the index other than English, as queries are analysed for it.
struct OtherLanguage {
    /// Its mark (see [`crate::language::mark`]).
    mark: String,
    /// Whether its words are stemmed (so that a word written with accents may have its
    /// folded form's stem marked beside it: see [`crate::analyzer::FOLDED_STEM`]).
    stems: bool,
}

/// The other languages of `codes` (the index's) that analyse a word each their own way:
/// those with a stemmer, and one of those without, which all leave words as written.
fn other_languages(codes: impl IntoIterator<Item = String>) -> Vec<OtherLanguage> {
    let mut languages: Vec<OtherLanguage> = Vec::new();
    for code in codes {
        let mark = crate::language::mark(&code);
        let stems = crate::language::stemmer(&code).is_some();
        let unstemmed_known = languages.iter().any(|l| !l.stems);
        if !mark.is_empty() && (stems || !unstemmed_known) {
            languages.push(OtherLanguage { mark, stems });
        }
    }
    languages
}

/// A text's terms, each with its position.
type Analysis = Vec<(usize, Term)>;

/// The terms of `text` as `analyzer` produces them, with their positions: a word's first
/// stem only (see [`for_each_word`]).
fn analyze(analyzer: &mut TextAnalyzer, field: Field, text: &str) -> Analysis {
    let mut terms = Vec::new();
    for_each_word(analyzer, text, |token| {
        terms.push((token.position, Term::from_field_text(field, &token.text)));
    });
    terms
}

/// The terms of `text`, a word's first stem only (as [`analyze`] gives them), and, where
/// some word has a second stem (a Turkish word with the possessive its stemmer keeps, an
/// Arabic word ending in heh: see [`crate::analyzer::WordTokenizer`]), the terms with each
/// such word by that stem; in one pass. A marked stem of the folded word is no second
/// stem: a query looks for it where it is typed without accents.
fn analyze_with_second_stems(
    analyzer: &mut TextAnalyzer,
    field: Field,
    text: &str,
) -> (Analysis, Option<Analysis>) {
    let mut first: Analysis = Vec::new();
    let mut second: Analysis = Vec::new();
    let mut has_second = false;
    let mut stream = analyzer.token_stream(text);
    while let Some(token) = stream.next() {
        let term = Term::from_field_text(field, &token.text);
        match second.last_mut() {
            Some(last) if last.0 == token.position => {
                if !token.text.starts_with(FOLDED_STEM) {
                    *last = (token.position, term);
                    has_second = true;
                }
            }
            _ => {
                first.push((token.position, term.clone()));
                second.push((token.position, term));
            }
        }
    }
    (first, has_second.then_some(second))
}

mod attached;
mod hebrew;
mod joined;
mod prefix;
mod proximity;
mod words;

use words::Nearby;

#[cfg(test)]
mod tests;
