//! From query text to tantivy queries.
//!
//! tantivy's query grammar parses the text (phrases, slop, `OR`, `-word`, parentheses,
//! fields, ranges, `word*`); this module compiles its syntax tree against annals' schema.
//! Compiling here rather than with tantivy's `QueryParser` lets annals report errors with
//! positions, expand single-word prefixes, weight fields, and build the "all words" and
//! "any word" variants of the same query.

use std::collections::{BTreeSet, HashMap};
use std::ops::Bound;

use tantivy::query::{
    AllQuery, BooleanQuery, BoostQuery, EmptyQuery, Occur, PhrasePrefixQuery, PhraseQuery, Query,
    RangeQuery, TermQuery,
};
use tantivy::query_grammar::{
    self, Delimiter, UserInputAst, UserInputBound, UserInputLeaf, UserInputLiteral,
};
use tantivy::schema::{Field, IndexRecordOption};
use tantivy::tokenizer::{TextAnalyzer, TokenStream};
use tantivy::{Searcher, Term};

use super::term_union::TermUnion;
use super::typos::{self, single_token, word_spans, MAX_VARIANTS};
use crate::dictionary::Dictionary;
use crate::error::{Error, Result};
use crate::schema::{text_analyzer, words_analyzer, Fields};

/// Field weights: a word in a book's title or a heading says more about what a document is
/// about than the same word in running text. Article titles are short, so BM25's length
/// normalisation already rewards a word found there; on top of that they weigh half of the
/// body. (`annals bench` on SciFact / Cranfield, nDCG@10 by title weight when this was
/// chosen: 2.0 → 0.631 / 0.366, 0.6 → 0.686 / 0.385, 0.5 → 0.691 / 0.381, 0.4 → 0.690 /
/// 0.374.)
pub(crate) const FIELD_BOOSTS: [(&str, f32); 5] = [
    ("title", 0.5),
    ("heading", 1.5),
    ("body", 1.0),
    ("book", 3.0),
    ("author", 2.0),
];

/// At most this many index terms stand in for one `word*` prefix, the most frequent first
/// being impractical to find cheaply, the alphabetically first are used (as Lucene does).
const MAX_PREFIX_EXPANSIONS: usize = 64;

/// The English stemmer removes at most this many bytes from a word's end ("-ational").
const MAX_STEM_CUT: usize = 4;

/// Stems shorter than this are not matched against a prefix's truncations.
const MIN_STEM_LEN: usize = 3;

/// Weight of a word's misspelling-corrected variants relative to the word itself.
const TYPO_WEIGHT: f32 = 0.3;

/// How words without an explicit `+`/`-`/`OR` combine.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Mode {
    /// Every word is required.
    AllWords,
    /// Any word may match; more matching words score higher.
    AnyWord,
}

/// What a literal's text is in one field.
enum Words {
    /// Nothing searchable: stop words or punctuation.
    None,
    /// One word.
    Term(Term),
    /// Several words, to be found together.
    Phrase(Box<dyn Query>),
}

/// A parsed query, ready to be compiled in either mode.
pub(crate) struct ParsedQuery {
    ast: UserInputAst,
    text: String,
    /// Whether "all words" and "any word" differ for this query (it has an implicit clause
    /// with more than one member).
    pub can_relax: bool,
}

/// Parentheses may nest this deep. The grammar and the compiler are recursive, so deeper
/// nesting would exhaust the stack; no real query comes close.
pub(crate) const MAX_NESTING: usize = 32;

/// Parse query text, reporting the first syntax error with its character position
/// (1-based).
pub(crate) fn parse(text: &str) -> Result<ParsedQuery> {
    check_nesting(text)?;
    check_length(text)?;
    let (ast, errors) = query_grammar::parse_query_lenient(text);
    if let Some(error) = errors.first() {
        return Err(Error::Query {
            position: char_position(text, error.pos),
            message: error.message.clone(),
        });
    }
    let can_relax = has_implicit_conjunction(&ast);
    Ok(ParsedQuery {
        ast,
        text: text.to_string(),
        can_relax,
    })
}

/// Most words one query may have (Lucene's default clause limit): each becomes a clause per
/// field, so a pasted book would take seconds.
pub(crate) const MAX_WORDS: usize = 1024;

/// Refuse queries of more than [`MAX_WORDS`] words, naming the position of the first word
/// too many.
fn check_length(text: &str) -> Result<()> {
    match word_spans(text).get(MAX_WORDS) {
        Some(&(start, _)) => Err(Error::Query {
            position: char_position(text, start),
            message: format!("the query has more than {MAX_WORDS} words"),
        }),
        None => Ok(()),
    }
}

/// Refuse parentheses nested deeper than [`MAX_NESTING`] (outside quoted phrases), naming
/// the position of the first one too many.
fn check_nesting(text: &str) -> Result<()> {
    let mut depth = 0usize;
    let mut quoted = false;
    let mut escaped = false;
    for (position, c) in text.chars().enumerate() {
        match c {
            _ if escaped => escaped = false,
            '\\' => escaped = true,
            '"' => quoted = !quoted,
            '(' if !quoted => {
                depth += 1;
                if depth > MAX_NESTING {
                    return Err(Error::Query {
                        position: position + 1,
                        message: format!("parentheses nest more than {MAX_NESTING} deep"),
                    });
                }
            }
            ')' if !quoted => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    Ok(())
}

fn char_position(text: &str, byte: usize) -> usize {
    let byte = byte.min(text.len());
    text.char_indices().take_while(|(i, _)| *i < byte).count() + 1
}

fn has_implicit_conjunction(ast: &UserInputAst) -> bool {
    match ast {
        UserInputAst::Clause(children) => {
            children.iter().filter(|(occur, _)| occur.is_none()).count() > 1
                || children
                    .iter()
                    .any(|(_, child)| has_implicit_conjunction(child))
        }
        UserInputAst::Boost(inner, _) => has_implicit_conjunction(inner),
        UserInputAst::Leaf(_) => false,
    }
}

/// Compiles parsed queries against an index.
pub(crate) struct Compiler<'a> {
    fields: &'a Fields,
    searcher: &'a Searcher,
    /// The word dictionary, loaded when a query first needs it (typos only).
    dictionary: &'a dyn Fn() -> Result<Dictionary>,
    analyzer: TextAnalyzer,
    folder: TextAnalyzer,
    /// Whether words may also match their near-misspellings.
    typos: bool,
    /// Whether the last compilation added any misspelling variant.
    expanded: bool,
    /// Misspelling variants found so far, by folded word: each tier compiles the same words.
    variant_cache: HashMap<String, Vec<String>>,
    /// Whether a compiled query matches every document (`*`, or only negations), so that
    /// the bookkeeping documents must be filtered out.
    pub(crate) matches_all: bool,
}

impl<'a> Compiler<'a> {
    pub(crate) fn new(
        fields: &'a Fields,
        searcher: &'a Searcher,
        dictionary: &'a dyn Fn() -> Result<Dictionary>,
    ) -> Compiler<'a> {
        Compiler {
            fields,
            searcher,
            dictionary,
            analyzer: text_analyzer(),
            folder: words_analyzer(),
            typos: false,
            expanded: false,
            variant_cache: HashMap::new(),
            matches_all: false,
        }
    }

    /// Compile `query` in `mode`. Returns `None` when nothing searchable is left (only stop
    /// words or punctuation).
    pub(crate) fn compile(
        &mut self,
        query: &ParsedQuery,
        mode: Mode,
    ) -> Result<Option<Box<dyn Query>>> {
        self.typos = false;
        self.node(&query.ast, mode, &query.text)
    }

    /// Compile `query` in `mode` with every long enough word also matching the index words
    /// within its typo allowance. `None` when no word has such a variant (the query would
    /// be the same as without typos) or nothing searchable is left.
    pub(crate) fn compile_with_typos(
        &mut self,
        query: &ParsedQuery,
        mode: Mode,
    ) -> Result<Option<Box<dyn Query>>> {
        self.typos = true;
        self.expanded = false;
        let compiled = self.node(&query.ast, mode, &query.text);
        self.typos = false;
        Ok(compiled?.filter(|_| self.expanded))
    }

    fn node(
        &mut self,
        ast: &UserInputAst,
        mode: Mode,
        text: &str,
    ) -> Result<Option<Box<dyn Query>>> {
        match ast {
            UserInputAst::Leaf(leaf) => self.leaf(leaf, text),
            UserInputAst::Boost(inner, boost) => Ok(self.node(inner, mode, text)?.map(|q| {
                Box::new(BoostQuery::new(q, boost.into_inner() as f32)) as Box<dyn Query>
            })),
            UserInputAst::Clause(children) => {
                let implicit = match mode {
                    Mode::AllWords => Occur::Must,
                    Mode::AnyWord => Occur::Should,
                };
                let mut clauses = Vec::new();
                for (occur, child) in children {
                    let Some(q) = self.node(child, mode, text)? else {
                        continue;
                    };
                    let occur = match occur {
                        None => implicit,
                        Some(query_grammar::Occur::Must) => Occur::Must,
                        Some(query_grammar::Occur::Should) => Occur::Should,
                        Some(query_grammar::Occur::MustNot) => Occur::MustNot,
                    };
                    clauses.push((occur, q));
                }
                if clauses.is_empty() {
                    return Ok(None);
                }
                if clauses.iter().all(|(o, _)| *o == Occur::MustNot) {
                    clauses.push((Occur::Must, Box::new(AllQuery)));
                    self.matches_all = true;
                }
                if clauses.len() == 1 && clauses[0].0 != Occur::MustNot {
                    return Ok(clauses.pop().map(|(_, q)| q));
                }
                Ok(Some(Box::new(BooleanQuery::new(clauses))))
            }
        }
    }

    fn leaf(&mut self, leaf: &UserInputLeaf, text: &str) -> Result<Option<Box<dyn Query>>> {
        match leaf {
            UserInputLeaf::Literal(literal) => self.literal(literal, text),
            UserInputLeaf::All => {
                self.matches_all = true;
                Ok(Some(Box::new(AllQuery)))
            }
            UserInputLeaf::Range {
                field,
                lower,
                upper,
            } => {
                match field.as_deref() {
                    Some("year") => {}
                    Some(other) => {
                        return Err(self.field_error(other, text, "ranges apply only to year:"))
                    }
                    None => {
                        return Err(error_at(
                            text,
                            "[",
                            "a range needs a field, as in year:[1900 TO 1950]",
                        ))
                    }
                }
                let bound = |b: &UserInputBound| -> Result<Bound<Term>> {
                    Ok(match b {
                        UserInputBound::Inclusive(v) if v == "*" => Bound::Unbounded,
                        UserInputBound::Inclusive(v) => Bound::Included(self.year_term(v, text)?),
                        UserInputBound::Exclusive(v) if v == "*" => Bound::Unbounded,
                        UserInputBound::Exclusive(v) => Bound::Excluded(self.year_term(v, text)?),
                        UserInputBound::Unbounded => Bound::Unbounded,
                    })
                };
                Ok(Some(Box::new(RangeQuery::new(
                    bound(lower)?,
                    bound(upper)?,
                ))))
            }
            UserInputLeaf::Set { field, .. } => Err(error_at(
                text,
                field.as_deref().unwrap_or("IN"),
                "`IN [...]` sets are not supported; use OR",
            )),
            UserInputLeaf::Regex { .. } => {
                Err(error_at(text, "/", "regular expressions are not supported"))
            }
            UserInputLeaf::Exists { field } => {
                Err(self.field_error(field, text, "`field:*` is not supported"))
            }
        }
    }

    fn literal(
        &mut self,
        literal: &UserInputLiteral,
        text: &str,
    ) -> Result<Option<Box<dyn Query>>> {
        let fields: Vec<(Field, f32)> = match literal.field_name.as_deref() {
            None => FIELD_BOOSTS
                .iter()
                .map(|(name, boost)| (self.text_field(name), *boost))
                .collect(),
            Some("year") => {
                let term = self.year_term(&literal.phrase, text)?;
                return Ok(Some(Box::new(TermQuery::new(
                    term,
                    IndexRecordOption::Basic,
                ))));
            }
            Some(name) => match FIELD_BOOSTS.iter().find(|(n, _)| *n == name) {
                Some(_) => vec![(self.text_field(name), 1.0)],
                None => return Err(self.field_error(name, text, "unknown field")),
            },
        };
        // The grammar marks `"a phrase"*` as a prefix but leaves the `*` of a bare `word*`
        // in the word.
        let bare_prefix = literal.delimiter == Delimiter::None && literal.phrase.ends_with('*');
        let phrase = literal.phrase.trim_end_matches('*');
        let prefix = literal.prefix || bare_prefix;
        let variants = if self.typos && !prefix {
            self.typo_stems(phrase)?
        } else {
            Vec::new()
        };
        // A single word becomes one union of its terms in every field (and of its variants);
        // a phrase or a prefix, one query per field.
        let mut per_field: Vec<Box<dyn Query>> = Vec::new();
        let mut terms: Vec<(Term, f32)> = Vec::new();
        for (field, boost) in fields {
            let query = if prefix {
                self.prefix_query(field, phrase)?
            } else {
                match self.words_query(field, phrase, literal.slop) {
                    Words::None => None,
                    Words::Term(term) => {
                        terms.push((term, boost));
                        for stem in &variants {
                            terms.push((Term::from_field_text(field, stem), boost * TYPO_WEIGHT));
                        }
                        None
                    }
                    Words::Phrase(query) => Some(query),
                }
            };
            if let Some(query) = query {
                per_field.push(if boost == 1.0 {
                    query
                } else {
                    Box::new(BoostQuery::new(query, boost))
                });
            }
        }
        match terms.as_slice() {
            [] => {}
            [(term, 1.0)] => per_field.push(Box::new(TermQuery::new(
                term.clone(),
                IndexRecordOption::WithFreqs,
            ))),
            _ => per_field.push(Box::new(TermUnion::new(terms))),
        }
        Ok(match per_field.len() {
            0 => None,
            1 => per_field.pop(),
            _ => Some(Box::new(BooleanQuery::union(per_field))),
        })
    }

    /// A word or a phrase in one field.
    fn words_query(&mut self, field: Field, phrase: &str, slop: u32) -> Words {
        let mut terms = analyze(&mut self.analyzer, field, phrase);
        match terms.len() {
            0 => Words::None,
            1 => terms
                .pop()
                .map_or(Words::None, |(_, term)| Words::Term(term)),
            _ => Words::Phrase(Box::new(PhraseQuery::new_with_offset_and_slop(terms, slop))),
        }
    }

    /// Stems of the index words a single word may be a misspelling of, other than its own
    /// stem. Empty for phrases, short words and words without near neighbours.
    fn typo_stems(&mut self, phrase: &str) -> Result<Vec<String>> {
        let Some(word) = single_token(&mut self.folder, phrase) else {
            return Ok(Vec::new());
        };
        if let Some(stems) = self.variant_cache.get(&word) {
            self.expanded |= !stems.is_empty();
            return Ok(stems.clone());
        }
        let own = single_token(&mut self.analyzer, &word);
        let mut stems: Vec<String> = Vec::new();
        for variant in typos::variants(&(self.dictionary)()?, &word) {
            if stems.len() == MAX_VARIANTS {
                break;
            }
            if let Some(s) = single_token(&mut self.analyzer, &variant.word) {
                if Some(&s) != own.as_ref() && !stems.contains(&s) {
                    stems.push(s);
                }
            }
        }
        self.expanded |= !stems.is_empty();
        self.variant_cache.insert(word, stems.clone());
        Ok(stems)
    }

    /// `word*` or `"several words and a pre"*` in one field.
    fn prefix_query(&mut self, field: Field, phrase: &str) -> Result<Option<Box<dyn Query>>> {
        let folded = analyze(&mut self.folder, field, phrase);
        let Some((position, last)) = folded.last() else {
            return Ok(None);
        };
        let prefix = last.value().as_str().unwrap_or_default().to_string();
        let leading = phrase
            .rsplit_once(char::is_whitespace)
            .map_or("", |(head, _)| head);
        let mut head = analyze(&mut self.analyzer, field, leading);
        if head.is_empty() {
            let expansions = self.expand_prefix(field, &prefix)?;
            if expansions.is_empty() {
                return Ok(Some(Box::new(EmptyQuery)));
            }
            let terms: Vec<Box<dyn Query>> = expansions
                .into_iter()
                .map(|t| {
                    Box::new(TermQuery::new(t, IndexRecordOption::WithFreqs)) as Box<dyn Query>
                })
                .collect();
            return Ok(Some(Box::new(BooleanQuery::union(terms))));
        }
        // Positions come from the same tokenizer, so stop words removed from `head` still
        // count towards the prefix's position.
        head.push((*position, Term::from_field_text(field, &prefix)));
        Ok(Some(Box::new(PhrasePrefixQuery::new_with_offset(head))))
    }

    /// Index terms of `field` that a word starting with `prefix` may have been indexed as:
    /// terms starting with `prefix`, and stems that `prefix` itself starts with (the index
    /// holds `negoti` for "negotiating", which `negotiat*` must find).
    fn expand_prefix(&mut self, field: Field, prefix: &str) -> Result<Vec<Term>> {
        let mut found = BTreeSet::new();
        let upper = prefix_upper_bound(prefix.as_bytes());
        let shortest_stem = prefix.len().saturating_sub(MAX_STEM_CUT).max(MIN_STEM_LEN);
        for segment in self.searcher.segment_readers() {
            let inverted = segment.inverted_index(field)?;
            let terms = inverted.terms();
            for len in shortest_stem..prefix.len() {
                let Some(stem) = prefix.get(..len) else {
                    continue;
                };
                if terms
                    .get(stem)
                    .map_err(|e| Error::io("index", e))?
                    .is_some()
                {
                    found.insert(stem.as_bytes().to_vec());
                }
            }
            let mut range = terms.range().ge(prefix.as_bytes());
            if let Some(upper) = &upper {
                range = range.lt(upper);
            }
            let mut stream = range.into_stream().map_err(|e| Error::io("index", e))?;
            while found.len() < MAX_PREFIX_EXPANSIONS && stream.advance() {
                found.insert(stream.key().to_vec());
            }
        }
        Ok(found
            .into_iter()
            .filter_map(|bytes| String::from_utf8(bytes).ok())
            .map(|s| Term::from_field_text(field, &s))
            .collect())
    }

    fn text_field(&self, name: &str) -> Field {
        self.fields
            .searchable()
            .into_iter()
            .find(|(n, _)| *n == name)
            .map(|(_, f)| f)
            .expect("FIELD_BOOSTS names searchable fields")
    }

    fn year_term(&self, value: &str, text: &str) -> Result<Term> {
        let year: u64 = value.trim().parse().map_err(|_| {
            error_at(
                text,
                value,
                &format!("year must be a whole number, not {value:?}"),
            )
        })?;
        Ok(Term::from_field_u64(self.fields.year, year))
    }

    fn field_error(&self, name: &str, text: &str, what: &str) -> Error {
        error_at(
            text,
            &format!("{name}:"),
            &format!("{what} {name:?} (fields: title, heading, body, book, author, year)"),
        )
    }
}

/// A query error pointing at the first occurrence of `needle` in the query text.
fn error_at(text: &str, needle: &str, message: &str) -> Error {
    let byte = text.find(needle).unwrap_or(0);
    Error::Query {
        position: char_position(text, byte),
        message: message.to_string(),
    }
}

/// The terms of `text` as `analyzer` produces them, with their positions.
fn analyze(analyzer: &mut TextAnalyzer, field: Field, text: &str) -> Vec<(usize, Term)> {
    let mut stream = analyzer.token_stream(text);
    let mut terms = Vec::new();
    while let Some(token) = stream.next() {
        terms.push((token.position, Term::from_field_text(field, &token.text)));
    }
    terms
}

/// The smallest byte string greater than every string starting with `prefix`.
pub(crate) fn prefix_upper_bound(prefix: &[u8]) -> Option<Vec<u8>> {
    let mut upper = prefix.to_vec();
    while let Some(last) = upper.pop() {
        if last < u8::MAX {
            upper.push(last + 1);
            return Some(upper);
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn deep_nesting_is_an_error_with_its_position_not_a_stack_overflow() {
        let deep = format!("{}a{}", "(".repeat(10_000), ")".repeat(10_000));
        let Err(Error::Query { position, message }) = parse(&deep) else {
            panic!("expected a query error");
        };
        assert_eq!(position, MAX_NESTING + 1);
        assert!(message.contains("nest"), "{message}");
        let ok = format!("{}a{}", "(".repeat(MAX_NESTING), ")".repeat(MAX_NESTING));
        assert!(parse(&ok).is_ok());
        // Parentheses inside a phrase are text, not nesting.
        assert!(check_nesting(&format!("\"{}\"", "(".repeat(100))).is_ok());
    }

    #[test]
    fn overlong_queries_are_refused_quickly() {
        let many = "rapallo ".repeat(130_000); // about 1 MB
        let started = std::time::Instant::now();
        let Err(Error::Query { position, message }) = parse(&many) else {
            panic!("expected a query error");
        };
        assert!(started.elapsed().as_secs() < 2);
        assert_eq!(position, MAX_WORDS * 8 + 1);
        assert!(message.contains("1024 words"), "{message}");
        assert!(parse(&"w ".repeat(MAX_WORDS)).is_ok());
    }

    #[test]
    fn positions_count_characters_not_bytes() {
        let Err(Error::Query { position, .. }) = parse("zürich (") else {
            panic!("expected a query error");
        };
        assert_eq!(position, 9);
    }
}
