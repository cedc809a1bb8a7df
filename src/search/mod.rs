//! Searching: ranked hits with snippets for a query and options.
//!
//! A short query (up to [`MAX_TIERED_WORDS`] words, not a sentence) requires every word
//! first; when fewer hits than asked for contain every word, hits where some words match
//! only a near-misspelling come next, then hits containing only some of the words fill the
//! rest of the page, and the results say so (`relaxed`). A longer query (a sentence, a
//! claim, a pasted paragraph) or a sentence however short (it ends in `.`, `?` or `!`, or
//! opens with a question word) is ranked by BM25 over any of its words, as
//! Lucene ranks it: requiring every word of a paragraph finds little, and ranking the
//! documents that happen to hold them all first puts chance above relevance.
mod article;
mod books;
mod checked;
mod complete;
mod driven;
mod expand;
mod filters;
mod fold;
mod fuzzy;
mod group;
mod hit;
mod limits;
mod one_doc;
mod options;
mod page;
mod query;
mod ranking;
mod related;
mod segment_cache;
mod snippet;
mod stats;
mod stored;
mod syntax;
mod telling;
mod term_union;
#[cfg(test)]
mod test_index;
mod timeline;
mod together;
mod top;
mod typos;
pub mod unwanted;

pub use article::{anchor, Article, ArticleSection};
pub use books::{BookList, BookOptions, CitedBook, Citing};
pub use complete::{Completion, MAX_COMPLETIONS};
pub use hit::{Book, Hit, SearchResults, Timings};
pub use options::{
    parse_lang, KindFilter, SearchOptions, YearRange, DEFAULT_LIMIT, MAX_LIMIT, MAX_OFFSET,
};
pub use related::{Related, RelatedHit, MAX_RELATED};
pub use snippet::{escape_html, Snippet, SNIPPET_CHARS};
pub use syntax::plain_words;
pub use timeline::{Bucket, Timeline};

use std::collections::{BTreeSet, HashMap};
use std::convert::Infallible;
use std::path::Path;
use std::sync::Mutex;
use std::time::Instant;

use tantivy::query::Query;
use tantivy::{IndexReader, Searcher};

use crate::dictionary::Dictionary;
use crate::error::Result;
use crate::index::{count_kind, segment_languages, AnnalsIndex};
use crate::schema::DocKind;
use fold::FoldKeys;
use query::{Compiler, Mode};
use ranking::{Candidate, Ranking};
use segment_cache::SegmentCache;
use stats::SearchStats;

/// Matching documents are counted exactly up to this many (or one past the page asked
/// for, if further); beyond it `total` is a lower bound and `total_exact` false. Counting
/// every match would forbid skipping the documents that cannot reach the page, which is
/// what makes common words fast (Lucene stops counting at 1,000 for the same reason). A
/// tier whose search counts a timeline visits every match and counts them all.
pub const TOTAL_EXACT_UP_TO: usize = 1000;

/// A query whose first tier (every word, or any word when ranked by BM25) has fewer hits
/// than this is widened: near spellings of its words, then (for a short query) any of its
/// words fill in after them. Decided from that count alone, never from the page asked for,
/// so that every page of one query lists the same hits under the same total; it is the
/// default page, so that the first page is widened when it would be short.
pub const WIDEN_BELOW: usize = DEFAULT_LIMIT;

/// An opened index ready to answer searches.
pub struct Engine {
    index: AnnalsIndex,
    reader: IndexReader,
    /// The searcher generation the index's payload was read for.
    opened_generation: u64,
    /// The word dictionary, once loaded, and the searcher generation it was loaded for.
    dictionary: Mutex<Option<(u64, Dictionary)>>,
    /// Each segment's counts of its common words per year, once looked for.
    word_years: timeline::SegmentFiles,
    /// Each segment's columns that hits fold by, once read.
    fold_columns: fold::SegmentColumns,
    /// Each segment's languages, once read: every query is compiled for them.
    languages: SegmentCache<BTreeSet<String>>,
}

/// Queries of up to this many words (stop words aside) are searched in tiers, every word
/// required first; longer ones are ranked by BM25 over any of their words. Two or three
/// words are a name or a topic, where a document missing one is rarely what was meant; a
/// sentence is a description, where no document uses every word. Measured on the five
/// shared collections, whose queries run from 2 to 60 words, and on keyword queries made
/// from theirs, in the order a user sees (see the README): every word first costs a
/// three-word keyword query a little and helps the collections' own short queries.
pub const MAX_TIERED_WORDS: usize = 4;

/// Hits of one tier all rank above the hits of the next.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Tier {
    /// Every word, as written.
    Exact,
    /// Every word, some only as a near-misspelling.
    Typo,
    /// Only some of the words.
    Partial,
    /// Any of the words of a long query, ranked by BM25 alone.
    Ranked,
    /// Every word, as written and together: the hits among the first ten of
    /// [`Tier::Exact`] that hold the query's words as a phrase, ranked above the others
    /// (see [`together`]).
    Together,
}

/// How many times a search tries to open the word dictionary its index's last commit names,
/// and how long it waits before trying a name again: concurrent updates replace it.
const DICTIONARY_ATTEMPTS: usize = 5;
const DICTIONARY_RETRY_PAUSE: std::time::Duration = std::time::Duration::from_millis(20);

impl Engine {
    /// Open the index at `path` for one-shot searching (no background reloading).
    pub fn open(path: &Path) -> Result<Engine> {
        Engine::new(AnnalsIndex::open(path)?)
    }

    /// One-shot searching of an index already opened.
    pub fn new(index: AnnalsIndex) -> Result<Engine> {
        let reader = index.reader()?;
        Ok(Engine::with_reader(index, reader))
    }

    /// Search with a reader of the caller's choosing (a server keeps one that reloads).
    pub fn with_reader(index: AnnalsIndex, reader: IndexReader) -> Engine {
        Engine {
            opened_generation: reader.searcher().generation().generation_id(),
            index,
            reader,
            dictionary: Mutex::new(None),
            word_years: timeline::SegmentFiles::default(),
            fold_columns: fold::SegmentColumns::default(),
            languages: SegmentCache::default(),
        }
    }

    /// The languages of the articles `searcher` reads (as
    /// [`crate::index::index_languages`] tells them), each segment's read once.
    fn languages(&self, searcher: &Searcher) -> BTreeSet<String> {
        let mut languages = BTreeSet::new();
        for segment in searcher.segment_readers() {
            let kept = self.languages.get(searcher, segment.segment_id(), || {
                Ok::<_, Infallible>(Some(segment_languages(segment, &self.index.fields)))
            });
            if let Ok(Some(kept)) = kept {
                languages.extend(kept.iter().cloned());
            }
        }
        languages
    }

    /// The word dictionary of the commit `searcher` reads (or of a later one, when the
    /// index changed since), loaded on first use.
    fn dictionary(&self, searcher: &Searcher) -> Result<Dictionary> {
        let generation = searcher.generation().generation_id();
        let mut loaded = self.dictionary.lock().unwrap_or_else(|e| e.into_inner());
        if let Some((g, dictionary)) = loaded.as_ref() {
            if *g == generation {
                return Ok(dictionary.clone());
            }
        }
        let payload = match generation == self.opened_generation {
            true => self.index.payload.dictionary,
            false => self.index.current_payload()?.dictionary,
        };
        // An update may have replaced the dictionary since the payload was read: the next
        // payload names the one that replaced it (and updates in quick succession may
        // replace that one too, or be between writing a payload and its dictionary).
        let mut tried = payload;
        let mut attempts = 1;
        let dictionary = loop {
            match self.index.open_dictionary(tried) {
                Ok(d) => break d,
                Err(e) if attempts == DICTIONARY_ATTEMPTS => return Err(e),
                Err(_) => {
                    attempts += 1;
                    let current = self.index.current_payload()?.dictionary;
                    if current == tried {
                        std::thread::sleep(DICTIONARY_RETRY_PAUSE);
                    }
                    tried = current;
                }
            }
        };
        *loaded = Some((generation, dictionary.clone()));
        Ok(dictionary)
    }

    /// The index this engine searches.
    pub fn index(&self) -> &AnnalsIndex {
        &self.index
    }

    /// The reader this engine searches with.
    pub fn reader(&self) -> &IndexReader {
        &self.reader
    }

    /// Run `query_text` with `options`.
    ///
    /// Hits come in tiers: documents with every word as written; then, unless
    /// `options.exact`, documents with every word where some match only a near-misspelling;
    /// then documents with only some of the words, or with words that punctuation joins in
    /// the query (`type-I`) apart. A later tier is searched only when the earlier ones
    /// have fewer than [`WIDEN_BELOW`] hits.
    ///
    /// Errors: [`crate::Error::Query`] for malformed queries (with the position),
    /// [`crate::Error::InvalidOption`] for bad options.
    pub fn search(&self, query_text: &str, options: &SearchOptions) -> Result<SearchResults> {
        let started = Instant::now();
        options.validate()?;
        let parsed = query::parse(query_text)?;
        // The query's own `year:` filters narrow `--year`.
        let narrowed;
        let options = match parsed.years.is_open() {
            true => options,
            false => {
                narrowed = SearchOptions {
                    years: options.years.within(parsed.years),
                    ..options.clone()
                };
                &narrowed
            }
        };
        let searcher = self.reader.searcher();
        let fields = &self.index.fields;
        let stats = SearchStats::new(&searcher);
        let dictionary = || self.dictionary(&searcher);
        let languages = self.languages(&searcher);
        let mut compiler = Compiler::new(fields, &searcher, &dictionary, languages);
        let mut results = SearchResults::empty(query_text);
        results.offset = options.offset;
        results.notes = parsed.notes.clone();
        // An expanded query is a long one: its feedback words rank with BM25 alone. So is a
        // sentence, a claim or a question, whose words (`who won …?`) are seldom all in the
        // text that answers it.
        let tiered = !options.expand && !parsed.sentence && parsed.words <= MAX_TIERED_WORDS;
        let (first_tier, first_mode) = match tiered {
            true => (Tier::Exact, Mode::AllWords),
            false => (Tier::Ranked, Mode::AnyWord),
        };
        let compiled = match (options.expand, tiered || options.exact) {
            (true, _) => self.expanded(&searcher, &stats, &mut compiler, &parsed, options)?,
            (false, true) => compiler.compile(&parsed, first_mode)?,
            // Ranked by BM25, any word fills the page: a misspelled one is corrected now.
            (false, false) => compiler.compile_correcting(&parsed, first_mode)?,
        };
        // The tiers whose hits may match only through a corrected word, with the words as
        // written, which tell the hits that do.
        let mut as_written: Vec<(Tier, Box<dyn Query>)> = Vec::new();
        if compiler.corrected {
            as_written.extend(
                compiler
                    .compile(&parsed, first_mode)?
                    .map(|q| (first_tier, q)),
            );
        }
        let Some(strict) = compiled else {
            // Nothing to search (only stop words): nothing matches, in any year.
            if parsed.only_common_words {
                results.notes.push(
                    "every word of the query is a common word, which the index leaves out: \
                     add a word that is not one"
                        .into(),
                );
            }
            results.timeline = (options.timeline)
                .map(|bucket| Timeline::new(&timeline::YearTally::default(), bucket));
            results.timings.parse_ms = elapsed_ms(started);
            results.took_ms = results.timings.parse_ms;
            return Ok(results);
        };
        results.timings.parse_ms = elapsed_ms(started);

        let searching = Instant::now();
        let folds = !options.group && options.kind == KindFilter::All;
        let mut ranking = Ranking {
            group: options.group,
            want: options.offset + options.limit,
            keys: folds.then(|| FoldKeys::new(&searcher, fields, &self.fold_columns)),
            candidates: Vec::new(),
            articles: HashMap::new(),
            total: 0,
            total_exact: true,
            all_matched: true,
            years: options
                .timeline
                .map(|_| timeline::YearCounts::for_options(options)),
            tallies: Vec::new(),
            counted_keys: Vec::new(),
        };
        // Every tier compiles the same syntax tree, so this holds for all of them.
        let matches_all = compiler.matches_all;
        let mut tiers: Vec<(Tier, Box<dyn Query>)> = Vec::new();
        let add_tier = |tiers: &mut Vec<(Tier, Box<dyn Query>)>,
                        ranking: &mut Ranking,
                        tier: Tier,
                        query: Box<dyn Query>|
         -> Result<()> {
            tiers.push((tier, query));
            self.collect(&searcher, &stats, tiers, options, matches_all, ranking)
        };
        add_tier(&mut tiers, &mut ranking, first_tier, strict)?;
        // A few words, nothing but words: the best hits with them all are ranked again, those
        // with the words together first.
        if let Some(phrase) = (tiered && !options.group)
            .then(|| compiler.together(&parsed))
            .transpose()?
            .flatten()
        {
            together::together_first(&searcher, &phrase, &mut ranking)?;
        }
        let first_hits = ranking.hits();
        let short = |ranking: &Ranking| ranking.hits() < WIDEN_BELOW;
        if short(&ranking) && !options.exact && !options.expand {
            if let Some(typo) = compiler.compile_with_typos(&parsed, first_mode)? {
                add_tier(&mut tiers, &mut ranking, Tier::Typo, typo)?;
            }
        }
        // Words joined by punctuation (`type-I`, a pasted address) were a phrase so far,
        // even in a long query's BM25 ranking: its words apart come last.
        let relaxes = (tiered && parsed.can_relax) || (parsed.joined && !options.expand);
        if short(&ranking) && relaxes {
            // With typo variants when allowed and there are any, else the words as written.
            let with_typos = match options.exact {
                true => None,
                false => compiler.compile_with_typos(&parsed, Mode::AnyPiece)?,
            };
            // With typo variants in it, a partial hit may match only through a corrected
            // word: the words as written tell which hits did.
            if with_typos.is_some() {
                let written = compiler.compile(&parsed, Mode::AnyPiece)?;
                as_written.extend(written.map(|q| (Tier::Partial, q)));
            }
            let loose = match with_typos {
                Some(q) => Some(q),
                None => compiler.compile(&parsed, Mode::AnyPiece)?,
            };
            if let Some(loose) = loose {
                add_tier(&mut tiers, &mut ranking, Tier::Partial, loose)?;
            }
        }
        if first_hits < WIDEN_BELOW || compiler.corrected {
            let words = self.dictionary(&searcher)?;
            results.suggestion = typos::suggest(&words, query_text, |word| compiler.nearest(word))?;
        }
        results.total = ranking.hits();
        results.total_exact = ranking.total_exact;
        if !compiler.cut_prefixes.is_empty() {
            let cut: Vec<&str> = compiler.cut_prefixes.iter().map(String::as_str).collect();
            results.notes.push(format!(
                "{} matched too many words; only the first {} of them were searched",
                cut.join(", "),
                query::MAX_PREFIX_EXPANSIONS
            ));
            results.total_exact = false;
        }
        if let Some(bucket) = options.timeline {
            let tallies = std::mem::take(&mut ranking.tallies);
            results.timeline = Some(self.timeline(&searcher, &tiers, tallies, options, bucket)?);
        }
        // Hits with the words together are marked and explained by the first tier's query.
        if ranking.candidates.iter().any(|c| c.tier == Tier::Together) {
            tiers.push((Tier::Together, tiers[0].1.box_clone()));
        }
        results.timings.search_ms = elapsed_ms(searching);

        let fetching = Instant::now();
        let page: Vec<(Candidate, Vec<Candidate>)> = fold::fold(
            ranking
                .candidates
                .into_iter()
                .map(|mut c| {
                    let key = c.key.take();
                    (c, key)
                })
                .collect(),
        )
        .into_iter()
        .skip(options.offset)
        .take(options.limit)
        .collect();
        results.relaxed = page.iter().any(|(c, _)| c.tier == Tier::Partial);
        results.hits = self.fetch_page(&searcher, &stats, &tiers, &as_written, page, options)?;
        results.timings.fetch_ms = elapsed_ms(fetching);
        results.took_ms = elapsed_ms(started);
        Ok(results)
    }

    /// Completions of the last word of `query` (as typed so far), most common first.
    pub fn complete(&self, query: &str, limit: usize) -> Result<Vec<Completion>> {
        Ok(complete::complete(
            &self.dictionary(&self.reader.searcher())?,
            query,
            limit,
        ))
    }

    /// Number of sections and reading entries in the current view of the index.
    pub fn documents(&self) -> Result<u64> {
        let searcher = self.reader.searcher();
        let fields = &self.index.fields;
        Ok(count_kind(&searcher, fields, DocKind::Section)?
            + count_kind(&searcher, fields, DocKind::Reading)?)
    }
}

fn elapsed_ms(started: Instant) -> f64 {
    started.elapsed().as_secs_f64() * 1000.0
}
