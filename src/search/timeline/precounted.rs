//! The timeline of a one-word search read from the counts written at index time (see
//! [`crate::word_years`]), in the segments that have them.

use std::convert::Infallible;
use std::sync::Arc;

use tantivy::collector::Collector;
use tantivy::index::SegmentId;
use tantivy::query::{EnableScoring, Query, Weight};
use tantivy::Searcher;

use super::{YearCounts, YearTally};
use crate::error::Result;
use crate::schema::Fields;
use crate::search::checked;
use crate::search::segment_cache::SegmentCache;
use crate::search::term_union::TermUnion;
use crate::word_years::WordYears;

/// Each segment's counts, opened when first needed and kept while the engine lives. A
/// segment without a file is looked for again next time: its file may be written after
/// the commit that made the segment.
pub(crate) type SegmentFiles = SegmentCache<WordYears>;

/// `segment`'s counts, if it has them.
fn counts_of(
    files: &SegmentFiles,
    searcher: &Searcher,
    segment: SegmentId,
) -> Option<Arc<WordYears>> {
    let directory = searcher.index().directory();
    let Ok(counts) = files.get::<Infallible>(searcher, segment, || {
        Ok(WordYears::open(directory, segment))
    });
    counts
}

/// The word `query` looks for, as index bytes, when it is one word's terms in exactly the
/// fields [`Fields::word_fields`] counts, whatever their weights: then its matches are
/// those the counts count.
pub(super) fn one_word<'q>(query: &'q dyn Query, fields: &Fields) -> Option<&'q [u8]> {
    let union = checked::unchecked(query).downcast_ref::<TermUnion>()?;
    let counted = fields.word_fields();
    let text = union.terms().first()?.0.serialized_value_bytes();
    let mut found = [false; 3];
    for (term, _) in union.terms() {
        if term.serialized_value_bytes() != text {
            return None;
        }
        found[counted.iter().position(|f| *f == term.field())?] = true;
    }
    found.iter().all(|&f| f).then_some(text)
}

/// `counts` of every live match of `query`, the one word `word` (see [`one_word`]): read
/// from the counts of the segments that have the word's, and walked in the others.
pub(super) fn count_word(
    files: &SegmentFiles,
    searcher: &Searcher,
    fields: &Fields,
    query: &dyn Query,
    word: &[u8],
    counts: &YearCounts,
) -> Result<YearTally> {
    debug_assert!(counts.sections && counts.years.is_open());
    let mut weight: Option<Box<dyn Weight>> = None;
    let mut tallies = Vec::new();
    for (ord, segment) in searcher.segment_readers().iter().enumerate() {
        let read = match counts_of(files, searcher, segment.segment_id()) {
            Some(file) => file.live_counts(segment, fields, word)?,
            None => None,
        };
        let tally = match read {
            Some(read) => {
                let undated = read.iter().filter(|(y, _)| y.is_none()).map(|(_, n)| n);
                let years: Vec<(i64, u64)> =
                    (read.iter()).filter_map(|&(y, n)| Some((y?, n))).collect();
                YearTally::of(&years, undated.sum())
            }
            None => {
                let weight = match &mut weight {
                    Some(weight) => weight,
                    None => weight
                        .insert(query.weight(EnableScoring::disabled_from_searcher(searcher))?),
                };
                counts.collect_segment(&**weight, ord as u32, segment)?
            }
        };
        tallies.push(tally);
    }
    Ok(YearTally::sum(tallies))
}

#[cfg(test)]
mod tests {
    use tantivy::{Index, IndexWriter, TantivyDocument, Term};

    use super::*;
    use crate::schema::{register_analyzers, DocKind, TimelineKey};
    use crate::search::YearRange;

    /// Words the analyzer leaves as they are.
    const WORDS: [&str; 3] = ["war", "canal", "fort"];

    /// Sections and some reading entries, most with a year; a title's word is not always
    /// in the catch-all field, as in a document whose language analyses it otherwise.
    fn document(fields: &Fields, n: usize) -> TantivyDocument {
        let kind = match n % 7 {
            0 => DocKind::Reading,
            _ => DocKind::Section,
        };
        let year = (!n.is_multiple_of(5)).then(|| 1800 + (n % 40) as i64);
        let mut doc = TantivyDocument::default();
        doc.add_text(fields.article, format!("a{n}"));
        doc.add_text(fields.kind, kind.as_str());
        doc.add_text(
            fields.body,
            format!("{} {}", WORDS[n % 3], WORDS[n / 3 % 3]),
        );
        if n.is_multiple_of(4) {
            doc.add_text(fields.title, WORDS[n / 2 % 3]);
        }
        doc.add_text(fields.heading, WORDS[n / 9 % 3]);
        if let Some(year) = year {
            doc.add_i64(fields.year, year);
        }
        doc.add_u64(fields.timeline_key, TimelineKey::new(kind, year).0);
        doc
    }

    fn word(fields: &Fields, text: &str) -> TermUnion {
        let [body, title, heading] = fields.word_fields();
        TermUnion::new(vec![
            (Term::from_field_text(body, text), 1.0),
            (Term::from_field_text(title, text), 0.25),
            (Term::from_field_text(heading, text), 0.25),
        ])
    }

    /// Each word's counts, read where the segments have them, against a walk of its
    /// matches; whether every segment had them.
    fn check(index: &Index, fields: &Fields) -> bool {
        let searcher = index.reader().unwrap().searcher();
        let counts = YearCounts {
            sections: true,
            years: YearRange::default(),
        };
        let files = SegmentFiles::default();
        let mut all_read = true;
        for text in WORDS.iter().chain(&["absent"]) {
            let query = word(fields, text);
            let word = one_word(&query, fields).unwrap();
            let read = count_word(&files, &searcher, fields, &query, word, &counts).unwrap();
            let walked = searcher.search(&query, &counts).unwrap();
            assert_eq!(read.years(), walked.years(), "{text}");
            assert_eq!(read.undated, walked.undated, "{text}");
            for segment in searcher.segment_readers() {
                let file = counts_of(&files, &searcher, segment.segment_id()).unwrap();
                let found = file.live_counts(segment, fields, word).unwrap();
                all_read &= found.is_some() || *text == "absent";
            }
        }
        all_read
    }

    #[test]
    fn counts_written_at_index_time_equal_a_walk_of_the_matches() {
        let folder = tempfile::tempdir().unwrap();
        let (schema, fields) = Fields::build();
        let index = Index::create_in_dir(folder.path(), schema).unwrap();
        register_analyzers(&index);
        let mut writer: IndexWriter = index.writer_with_num_threads(1, 15_000_000).unwrap();
        for segment in 0..3 {
            for n in segment * 300..(segment + 1) * 300 {
                writer.add_document(document(&fields, n)).unwrap();
            }
            writer.commit().unwrap();
        }
        crate::word_years::write_missing_from(&index, folder.path(), 1).unwrap();
        assert!(check(&index, &fields));

        // Deleted documents are taken off the counts.
        for n in (0..900).step_by(13) {
            writer.delete_term(Term::from_field_text(fields.article, &format!("a{n}")));
        }
        writer.commit().unwrap();
        assert!(check(&index, &fields));
    }

    #[test]
    fn only_one_word_in_the_counted_fields_is_read_from_the_counts() {
        let (_, fields) = Fields::build();
        assert!(one_word(&word(&fields, "war"), &fields).is_some());
        let body = |text| (Term::from_field_text(fields.body, text), 1.0);
        let title = |text| (Term::from_field_text(fields.title, text), 1.0);
        let heading = |text| (Term::from_field_text(fields.heading, text), 1.0);
        // A misspelling variant, a field left out, a field not counted.
        for terms in [
            vec![body("war"), title("war"), heading("war"), body("wars")],
            vec![body("war"), title("war")],
            vec![
                body("war"),
                title("war"),
                heading("war"),
                (Term::from_field_text(fields.book, "war"), 1.0),
            ],
        ] {
            assert!(one_word(&TermUnion::new(terms), &fields).is_none());
        }
    }
}
