//! The best documents of a one-word search from the segments' champion files, where they
//! provably equal a full search's.
//!
//! A document's score for a word is a sum over fields of `w · idf · f(tf, len / avg)`,
//! where `f` falls as the field's average length `avg` falls. Going from a segment's own
//! statistics to the index's multiplies each field's part by at most
//! `idf_new / idf_old · max(1, avg_new / avg_old)`, so no document of the segment that is
//! not a champion can score above `next` times the largest of those factors. A segment
//! whose bound is below the k-th best champion is settled; the others are searched in full,
//! from that threshold, with their champions skipped (they are in already).

use tantivy::query::{Bm25Weight, EnableScoring, Query};
use tantivy::schema::Type;
use tantivy::{DocAddress, DocId, Score, Searcher, Term};

use super::file::{Champions, EntryRef, Header};
use crate::search::stats::SearchStats;
use crate::search::term_union::TermUnion;
use crate::search::top::{Best, Candidate, Top};

/// Room for the rounding of scores computed in a different order.
const SLACK: Score = 1.0001;

/// The `k` best documents of `union` and how many match, counted up to `count_up_to`, as
/// [`crate::search::top::top_docs`] finds them (the statistics it finds go to
/// `search_stats`), or `None` when the champion files of
/// `files` (one per segment of `searcher`) cannot tell: the union is not one word over
/// the fields the files were made for, or too few documents are known to match for
/// counting to stop at `count_up_to`.
pub(crate) fn top_docs(
    searcher: &Searcher,
    search_stats: &SearchStats,
    files: &[Option<Champions>],
    union: &TermUnion,
    k: usize,
    count_up_to: usize,
) -> tantivy::Result<Option<Top>> {
    let terms = union.terms();
    let readers = searcher.segment_readers();
    let Some(word) = single_word(terms) else {
        return Ok(None);
    };
    if files.len() != readers.len() || readers.is_empty() {
        return Ok(None);
    }
    let files: Vec<Option<&Champions>> = files
        .iter()
        .map(|f| f.as_ref().filter(|f| made_for(&f.header, terms)))
        .collect();
    let entries: Vec<Option<EntryRef>> =
        files.iter().map(|f| f.and_then(|f| f.get(word))).collect();
    if entries.iter().all(Option::is_none) {
        return Ok(None);
    }

    // The index's statistics: what the files hold, and the rest from the segments.
    let mut stats = Statistics {
        num_docs: readers.iter().map(|r| r.max_doc() as u64).sum(),
        tokens: vec![0; terms.len()],
        doc_freqs: vec![0; terms.len()],
    };
    for ((reader, file), entry) in readers.iter().zip(&files).zip(&entries) {
        for (i, (term, _)) in terms.iter().enumerate() {
            stats.tokens[i] += match file {
                Some(file) => file.header.fields[i].2,
                None => reader.inverted_index(term.field())?.total_num_tokens(),
            };
            stats.doc_freqs[i] += match entry {
                Some(entry) => entry.doc_freqs[i] as u64,
                None => reader.inverted_index(term.field())?.doc_freq(term)? as u64,
            };
        }
    }
    // The rest of the search (snippets, or a full search after all) asks for them too.
    for (i, (term, _)) in terms.iter().enumerate() {
        search_stats.remember(term, stats.doc_freqs[i], stats.tokens[i]);
    }
    let weights: Vec<Bm25Weight> = terms
        .iter()
        .enumerate()
        .map(|(i, (_, boost))| {
            let average = stats.tokens[i] as Score / stats.num_docs as Score;
            Bm25Weight::for_one_term_without_explain(stats.doc_freqs[i], stats.num_docs, average)
                .boost_by(*boost)
        })
        .collect();

    let mut best = Best::new(k);
    let mut matching: u64 = 0;
    for (ord, ((reader, file), entry)) in readers.iter().zip(&files).zip(&entries).enumerate() {
        let (Some(file), Some(entry)) = (file, entry) else {
            continue;
        };
        let alive = reader.alive_bitset();
        for champion in entry.champions() {
            let doc = champion.doc();
            if alive.is_none_or(|a| a.is_alive(doc)) {
                best.push(Candidate {
                    score: rescore(&weights, champion.fields()),
                    address: DocAddress::new(ord as u32, doc),
                });
            }
        }
        let deleted_since = reader
            .num_deleted_docs()
            .saturating_sub(file.header.deleted);
        matching += entry.matching.saturating_sub(deleted_since) as u64;
    }
    if matching < count_up_to as u64 {
        return Ok(None);
    }

    let threshold = best.threshold();
    let unsettled: Vec<usize> = (0..readers.len())
        .filter(|&ord| match (files[ord], &entries[ord]) {
            (Some(file), Some(entry)) => !settled(&file.header, entry, &stats, threshold),
            _ => true,
        })
        .collect();
    if !unsettled.is_empty() {
        let scoring = EnableScoring::enabled_from_statistics_provider(search_stats, searcher);
        let weight = union.weight(scoring)?;
        for ord in unsettled {
            let reader = &readers[ord];
            let mut known: Vec<DocId> = entries[ord]
                .iter()
                .flat_map(|e| e.champions().map(|c| c.doc()))
                .collect();
            known.sort_unstable();
            let alive = reader.alive_bitset();
            // The champions of later segments are in already, and a document scoring as
            // much as the worst of them still comes first: only documents scoring below
            // it are out.
            let threshold = best.threshold().next_down();
            let mut add = |doc: DocId, score: Score| {
                let live = alive.is_none_or(|a| a.is_alive(doc));
                if live && known.binary_search(&doc).is_err() {
                    best.push(Candidate {
                        score,
                        address: DocAddress::new(ord as u32, doc),
                    });
                }
                best.threshold().next_down()
            };
            weight.for_each_pruning(threshold, reader, &mut add)?;
        }
    }
    Ok(Some(Top {
        hits: best.into_sorted(),
        total: count_up_to,
        exact: false,
    }))
}

/// The word every term of `terms` is, if they are one word.
fn single_word(terms: &[(Term, Score)]) -> Option<&[u8]> {
    let first = &terms.first()?.0;
    let word = first.serialized_value_bytes();
    terms
        .iter()
        .all(|(t, _)| t.typ() == Type::Str && t.serialized_value_bytes() == word)
        .then_some(word)
}

/// Whether the file with `header` was made for these terms' fields and weights, in order.
fn made_for(header: &Header, terms: &[(Term, Score)]) -> bool {
    header.fields.len() == terms.len()
        && header
            .fields
            .iter()
            .zip(terms)
            .all(|((field, boost, _), (term, weight))| *field == term.field() && boost == weight)
}

/// A champion's score under the index's statistics, its fields summed in order.
fn rescore(weights: &[Bm25Weight], fields: impl Iterator<Item = (u32, u8)>) -> Score {
    let mut score = 0.0;
    for (weight, (tf, norm)) in weights.iter().zip(fields) {
        if tf > 0 {
            score += weight.score(norm, tf);
        }
    }
    score
}

/// Whether no document of the segment besides its champions can score above `threshold`.
fn settled(header: &Header, entry: &EntryRef, stats: &Statistics, threshold: Score) -> bool {
    if entry.len() as u64 >= entry.matching as u64 {
        return true;
    }
    let mut factor: Score = 0.0;
    for (i, &df) in entry.doc_freqs.iter().enumerate() {
        if df == 0 {
            continue;
        }
        let old = Stats {
            doc_freq: df as u64,
            num_docs: header.max_doc as u64,
            tokens: header.fields[i].2,
        };
        let new = Stats {
            doc_freq: stats.doc_freqs[i],
            num_docs: stats.num_docs,
            tokens: stats.tokens[i],
        };
        factor = factor.max(growth(&old, &new));
    }
    entry.next * factor * SLACK < threshold
}

/// One term's statistics in one field.
struct Stats {
    doc_freq: u64,
    num_docs: u64,
    tokens: u64,
}

impl Stats {
    fn average(&self) -> Score {
        self.tokens as Score / self.num_docs.max(1) as Score
    }
}

/// The most a term's BM25 score in a document can grow by when its statistics go from
/// `old` to `new`: the ratio of the idfs, times that of the average lengths if it grew.
/// (A score is `idf · tf / (tf + c)` with `c` proportional to `1 - b + b · len / avg`, and
/// `c_old / c_new` is at most `avg_new / avg_old` when that is above 1, else at most 1.)
fn growth(old: &Stats, new: &Stats) -> Score {
    let idfs = idf(new.doc_freq, new.num_docs) / idf(old.doc_freq, old.num_docs.max(1));
    idfs * (new.average() / old.average()).max(1.0)
}

/// BM25's inverse document frequency, as tantivy computes it.
fn idf(doc_freq: u64, num_docs: u64) -> Score {
    let x = (num_docs.saturating_sub(doc_freq) as Score + 0.5) / (doc_freq as Score + 0.5);
    (1.0 + x).ln()
}

/// The index's statistics for the terms of one word (in their order), as the files and
/// segments give them.
struct Statistics {
    num_docs: u64,
    tokens: Vec<u64>,
    doc_freqs: Vec<u64>,
}

#[cfg(test)]
mod tests {
    use tantivy::directory::OwnedBytes;
    use tantivy::query::{EnableScoring, Query};
    use tantivy::{doc, Index, IndexWriter, Term};

    use super::*;
    use crate::schema::{register_analyzers, Fields};
    use crate::search::champions::{compute::compute, word_fields, CHAMPIONS, COMMON_IN};
    use crate::search::top::{top_docs as full_top_docs, Strategy};

    /// Words the analyzer leaves as they are, the first the most common.
    const WORDS: [&str; 8] = [
        "war", "canal", "river", "fort", "king", "port", "town", "sea",
    ];

    /// A word for `x`, the i-th about 1/(i+1) as often as the first.
    fn word(x: usize) -> &'static str {
        let weights: Vec<usize> = (0..WORDS.len()).map(|i| 840 / (i + 1)).collect();
        let mut at = (x.wrapping_mul(2_654_435_761) >> 7) % weights.iter().sum::<usize>();
        for (i, w) in weights.iter().enumerate() {
            if at < *w {
                return WORDS[i];
            }
            at -= w;
        }
        unreachable!()
    }

    /// Segments of unlike sizes and lengths (so their statistics differ from the index's),
    /// some with deletions made after their files were, one too small for champions; and
    /// the files, by segment.
    fn index() -> (Index, Vec<(tantivy::index::SegmentId, Champions)>) {
        let (schema, fields) = Fields::build();
        let index = Index::create_in_ram(schema);
        register_analyzers(&index);
        let mut writer: IndexWriter = index.writer_with_num_threads(1, 50_000_000).unwrap();
        writer.set_merge_policy(Box::new(tantivy::indexer::NoMergePolicy));
        let mut files = Vec::new();
        let mut n = 0;
        for (segment, (docs, length)) in [(1500, 4), (2500, 40), (1300, 12), (40, 8)]
            .into_iter()
            .enumerate()
        {
            for _ in 0..docs {
                n += 1;
                let body: Vec<&str> = (0..length + n % 7).map(|j| word(n * 31 + j)).collect();
                let mut doc = doc!(
                    fields.title => word(n * 7),
                    fields.heading => format!("{} {}", word(n * 3), word(n * 5)),
                    fields.body => body.join(" "),
                );
                if n % 5 == 0 {
                    doc.add_text(fields.book, word(n * 11));
                    doc.add_text(fields.author, word(n * 13));
                }
                writer.add_document(doc).unwrap();
            }
            if segment == 2 {
                writer.delete_term(Term::from_field_text(fields.title, "war"));
            }
            writer.commit().unwrap();
            let searcher = index.reader().unwrap().searcher();
            let word_fields = word_fields(&index.schema()).unwrap();
            for reader in searcher.segment_readers() {
                if files.iter().all(|(id, _)| *id != reader.segment_id()) {
                    let bytes = compute(reader, &word_fields).unwrap();
                    let file = Champions::parse(OwnedBytes::new(bytes)).unwrap();
                    files.push((reader.segment_id(), file));
                }
            }
        }
        (index, files)
    }

    #[test]
    fn champions_give_the_hits_of_a_full_search() {
        let (index, mut files) = index();
        let searcher = index.reader().unwrap().searcher();
        assert_eq!(searcher.segment_readers().len(), 4);
        let ordered: Vec<Option<Champions>> = searcher
            .segment_readers()
            .iter()
            .map(|r| {
                let at = files.iter().position(|(id, _)| *id == r.segment_id());
                at.map(|at| files.remove(at).1)
            })
            .collect();
        let word_fields = word_fields(&index.schema()).unwrap();
        let mut answered = Vec::new();
        for word in WORDS.iter().chain(&["absent"]) {
            let terms = word_fields
                .iter()
                .map(|(field, boost)| (Term::from_field_text(*field, word), *boost))
                .collect();
            let union = TermUnion::new(terms);
            let weight = union
                .weight(EnableScoring::enabled_from_searcher(&searcher))
                .unwrap();
            for k in [1, 10, CHAMPIONS, 100] {
                let full = full_top_docs(
                    &searcher,
                    &*weight,
                    k,
                    Strategy::Prune { count_up_to: 1000 },
                )
                .unwrap();
                let Some(fast) = top_docs(
                    &searcher,
                    &SearchStats::new(&searcher),
                    &ordered,
                    &union,
                    k,
                    1000,
                )
                .unwrap() else {
                    continue;
                };
                answered.push((*word, k));
                assert_eq!(
                    (fast.total, fast.exact),
                    (full.total, full.exact),
                    "{word} k={k}"
                );
                let addresses = |top: &Top| top.hits.iter().map(|h| h.1).collect::<Vec<_>>();
                assert_eq!(addresses(&fast), addresses(&full), "{word} k={k}");
                for (a, b) in fast.hits.iter().zip(&full.hits) {
                    assert!((a.0 - b.0).abs() <= 1e-4 * b.0, "{word} k={k}: {a:?} {b:?}");
                }
            }
        }
        // The common words are answered from the files, at every depth.
        for k in [1, 10, CHAMPIONS, 100] {
            assert!(answered.contains(&("war", k)), "{answered:?}");
            assert!(answered.contains(&("port", k)), "{answered:?}");
        }
        assert!(!answered.iter().any(|(w, _)| *w == "absent"));
        // The segments above are big enough for champions.
        const { assert!(COMMON_IN < 1300) };
    }

    #[test]
    fn documents_scoring_alike_rank_by_address_across_segments() {
        // Two segments of the same document: the first segment's copies rank first, those
        // that are not its champions too.
        let (schema, fields) = Fields::build();
        let index = Index::create_in_ram(schema);
        register_analyzers(&index);
        let mut writer: IndexWriter = index.writer_with_num_threads(1, 50_000_000).unwrap();
        writer.set_merge_policy(Box::new(tantivy::indexer::NoMergePolicy));
        for _ in 0..2 {
            for _ in 0..COMMON_IN + 10 {
                let copy =
                    doc!(fields.title => "war", fields.heading => "war", fields.body => "war sea");
                writer.add_document(copy).unwrap();
            }
            writer.commit().unwrap();
        }
        let searcher = index.reader().unwrap().searcher();
        let word_fields = word_fields(&index.schema()).unwrap();
        let files: Vec<Option<Champions>> = searcher
            .segment_readers()
            .iter()
            .map(|r| Champions::parse(OwnedBytes::new(compute(r, &word_fields).unwrap())))
            .collect();
        let terms = word_fields
            .iter()
            .map(|(field, boost)| (Term::from_field_text(*field, "war"), *boost))
            .collect();
        let union = TermUnion::new(terms);
        let k = CHAMPIONS + 8;
        let top = top_docs(
            &searcher,
            &SearchStats::new(&searcher),
            &files,
            &union,
            k,
            1000,
        )
        .unwrap()
        .unwrap();
        let expected: Vec<DocAddress> = (0..k as u32).map(|d| DocAddress::new(0, d)).collect();
        assert_eq!(top.hits.iter().map(|h| h.1).collect::<Vec<_>>(), expected);
    }

    #[test]
    fn growth_bounds_how_much_a_score_can_rise_with_the_statistics() {
        let mut x: u64 = 7;
        let mut next = |below: u64| {
            x = x
                .wrapping_mul(6_364_136_223_846_793_005)
                .wrapping_add(1_442_695_040_888_963_407);
            (x >> 33) % below
        };
        for _ in 0..20_000 {
            let stats = |next: &mut dyn FnMut(u64) -> u64| {
                let num_docs = 1 + next(100_000);
                Stats {
                    doc_freq: 1 + next(num_docs),
                    num_docs,
                    tokens: num_docs * (1 + next(300)),
                }
            };
            let old = stats(&mut next);
            let new = stats(&mut next);
            let weight = |s: &Stats| {
                Bm25Weight::for_one_term_without_explain(
                    s.doc_freq.min(s.num_docs),
                    s.num_docs,
                    s.average(),
                )
            };
            let (before, after) = (weight(&old), weight(&new));
            let factor = growth(&old, &new);
            for _ in 0..8 {
                let (norm, tf) = (next(256) as u8, 1 + next(40) as u32);
                let (b, a) = (before.score(norm, tf), after.score(norm, tf));
                assert!(a <= b * factor * SLACK, "{b} -> {a}, factor {factor}");
            }
        }
    }
}
