//! A union whose first query matches every document the others match: a phrase in the
//! catch-all field, with the same phrase in the title and headings adding to its score.
//!
//! tantivy's union walks each of its queries through all its matches. Here documents come
//! from the first query alone, and the others are sought only in those documents, each
//! started where the first match is with tantivy's `scorer_danger` (which does not scan
//! ahead to a match of its own), so a title phrase never walks the title's postings by
//! itself. The documents and scores are the union's, given the caller's promise that the
//! others match no document the first does not (as for [`super::TermUnion::matched_in`]).

use tantivy::query::{EmptyScorer, EnableScoring, Explanation, Query, Scorer, Weight};
use tantivy::{DocId, DocSet, Score, SeekDangerResult, SegmentReader, Term, TERMINATED};

use super::checked;

/// Documents of the first of `queries`, scored as the sum of the queries they match.
#[derive(Debug)]
pub(crate) struct DrivenUnion {
    queries: Vec<Box<dyn Query>>,
}

impl DrivenUnion {
    /// The union of `queries`, whose first must match every document any other matches.
    pub(crate) fn new(queries: Vec<Box<dyn Query>>) -> DrivenUnion {
        assert!(
            !queries.is_empty(),
            "a driven union needs a query to drive it"
        );
        DrivenUnion { queries }
    }
}

impl Clone for DrivenUnion {
    fn clone(&self) -> DrivenUnion {
        DrivenUnion {
            queries: self.queries.iter().map(|q| q.box_clone()).collect(),
        }
    }
}

impl Query for DrivenUnion {
    fn weight(&self, enable_scoring: EnableScoring<'_>) -> tantivy::Result<Box<dyn Weight>> {
        let weights = (self.queries.iter())
            .map(|query| query.weight(enable_scoring))
            .collect::<tantivy::Result<_>>()?;
        Ok(Box::new(DrivenWeight { weights }))
    }

    fn query_terms<'a>(&'a self, visitor: &mut dyn FnMut(&'a Term, bool)) {
        for query in &self.queries {
            query.query_terms(visitor);
        }
    }
}

struct DrivenWeight {
    /// The driving query's weight first.
    weights: Vec<Box<dyn Weight>>,
}

impl Weight for DrivenWeight {
    fn scorer(&self, reader: &SegmentReader, boost: Score) -> tantivy::Result<Box<dyn Scorer>> {
        let (first, others) = self.weights.split_first().expect("a driving query");
        let driver = first.scorer(reader, boost)?;
        let doc = driver.doc();
        if doc == TERMINATED {
            // As the search's booleans do (see `checked`): tantivy leaves an empty scorer out.
            return Ok(Box::new(EmptyScorer));
        }
        if others.is_empty() {
            return Ok(driver);
        }
        let mut sought = Vec::with_capacity(others.len());
        for weight in others {
            let (found, scorer) = weight.scorer_danger(reader, doc, boost)?;
            sought.push(Sought::new(scorer, doc, found));
        }
        Ok(Box::new(DrivenScorer {
            driver,
            others: sought,
            scored: None,
        }))
    }

    /// The sum's explanation in tantivy's words for a union, with a detail for each query
    /// that matches the document.
    fn explain(&self, reader: &SegmentReader, doc: DocId) -> tantivy::Result<Explanation> {
        let mut details = Vec::new();
        for (i, weight) in self.weights.iter().enumerate() {
            // tantivy's weights explain by seeking a fresh scorer, which must not be sought
            // backwards: whether it matches is found first.
            if checked::matches(&**weight, reader, doc)? {
                details.push(weight.explain(reader, doc)?);
            } else if i == 0 {
                return Err(checked::does_not_match(doc));
            }
        }
        let total = details.iter().map(Explanation::value).sum();
        let mut explanation = Explanation::new("BooleanClause. sum of ...", total);
        for detail in details {
            explanation.add_detail(detail);
        }
        Ok(explanation)
    }
}

/// One of the queries that do not drive: sought forward to the driver's documents.
struct Sought {
    scorer: Box<dyn Scorer>,
    /// No match comes before this document.
    from: DocId,
    /// Whether it stands on `from` as a match (else it may be in tantivy's "danger" state,
    /// where only `seek_danger` to a later document may be called).
    on: bool,
}

impl Sought {
    /// `scorer`, started at `target` with the result `found`.
    fn new(scorer: Box<dyn Scorer>, target: DocId, found: SeekDangerResult) -> Sought {
        let (from, on) = Sought::landed(target, found);
        Sought { scorer, from, on }
    }

    /// Where a scorer sought to `target` stands, and whether as a match.
    fn landed(target: DocId, found: SeekDangerResult) -> (DocId, bool) {
        match found {
            SeekDangerResult::Found => (target, true),
            SeekDangerResult::SeekLowerBound(bound) => (bound, false),
        }
    }

    /// Its score in `doc`, when it matches `doc`; called with documents in increasing order.
    fn score(&mut self, doc: DocId) -> Option<Score> {
        if doc < self.from {
            return None;
        }
        if !(self.on && self.from == doc) {
            (self.from, self.on) = Sought::landed(doc, self.scorer.seek_danger(doc));
        }
        (self.on && self.from == doc).then(|| self.scorer.score())
    }
}

struct DrivenScorer {
    driver: Box<dyn Scorer>,
    others: Vec<Sought>,
    /// The last document scored and its score: a document may be asked for twice, and the
    /// others may only be sought forward.
    scored: Option<(DocId, Score)>,
}

impl DocSet for DrivenScorer {
    fn advance(&mut self) -> DocId {
        self.driver.advance()
    }

    fn seek(&mut self, target: DocId) -> DocId {
        self.driver.seek(target)
    }

    fn seek_danger(&mut self, target: DocId) -> SeekDangerResult {
        self.driver.seek_danger(target)
    }

    fn doc(&self) -> DocId {
        self.driver.doc()
    }

    fn size_hint(&self) -> u32 {
        self.driver.size_hint()
    }

    fn cost(&self) -> u64 {
        self.driver.cost()
    }
}

impl Scorer for DrivenScorer {
    fn score(&mut self) -> Score {
        let doc = self.driver.doc();
        if let Some((scored, score)) = self.scored {
            if scored == doc {
                return score;
            }
        }
        // Added in the queries' order, as tantivy's union adds them.
        let mut score = self.driver.score();
        for other in &mut self.others {
            if let Some(more) = other.score(doc) {
                score += more;
            }
        }
        self.scored = Some((doc, score));
        score
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use tantivy::collector::TopDocs;
    use tantivy::query::{BoostQuery, PhraseQuery};
    use tantivy::{DocAddress, Index, IndexWriter};

    use crate::search::test_index::text_fields;

    /// A catch-all field holding a title and a text, and the title on its own, in three
    /// segments (the last with a deletion).
    fn titled_index() -> (Index, tantivy::schema::Field, tantivy::schema::Field) {
        let articles: [&[(&str, &str)]; 3] = [
            &[
                ("treaty of rapallo", "the treaty of rapallo was signed"),
                ("genoa", "the treaty of rapallo followed genoa"),
                ("treaty of versailles", "of rapallo nothing here"),
            ],
            &[
                ("other", "rapallo treaty of words apart"),
                ("of rapallo", "a town of rapallo and of rapallo again"),
            ],
            &[
                ("treaty of rapallo", "the treaty of rapallo"),
                ("treaty of rapallo", "removed"),
                ("nothing", "nothing at all"),
            ],
        ];
        let segments = articles.map(|segment| {
            (segment.iter()).map(|(title, text)| [format!("{title} {text}"), title.to_string()])
        });
        let (index, [body, title]) = text_fields(["body", "title"], segments);
        let mut writer: IndexWriter = index.writer_with_num_threads(1, 15_000_000).unwrap();
        writer.delete_term(Term::from_field_text(body, "removed"));
        writer.commit().unwrap();
        (index, body, title)
    }

    fn phrase(field: tantivy::schema::Field, words: &[&str]) -> Box<dyn Query> {
        let terms = words.iter().map(|w| Term::from_field_text(field, w));
        Box::new(PhraseQuery::new(terms.collect()))
    }

    /// The same documents and scores as tantivy's union of the same phrases, with each
    /// document explained by the score it got, and one it does not match not explained.
    #[test]
    fn scores_as_the_union_does() {
        let (index, body, title) = titled_index();
        let searcher = index.reader().unwrap().searcher();
        for words in [&["of", "rapallo"][..], &["treaty", "of", "rapallo"]] {
            let queries = || -> Vec<Box<dyn Query>> {
                vec![
                    phrase(body, words),
                    Box::new(BoostQuery::new(phrase(title, words), 0.25)),
                ]
            };
            let top = TopDocs::with_limit(20).order_by_score();
            let union = searcher.search(&checked::union(queries()), &top).unwrap();
            let driven = DrivenUnion::new(queries());
            let found = searcher.search(&driven, &top).unwrap();
            assert!(found.len() >= 3, "{words:?}");
            assert_eq!(found, union, "{words:?}");
            for (score, address) in &found {
                let explanation = driven.explain(&searcher, *address).unwrap();
                assert!((explanation.value() - score).abs() < 1e-5, "{words:?}");
            }
            assert!(driven.explain(&searcher, DocAddress::new(2, 2)).is_err());
        }
    }

    /// Asked for the same document twice, or sought past a document, it scores each
    /// document as the union does, in every segment.
    #[test]
    fn scores_sought_documents_and_repeats() {
        let (index, body, title) = titled_index();
        let searcher = index.reader().unwrap().searcher();
        let words = ["of", "rapallo"];
        let queries =
            || -> Vec<Box<dyn Query>> { vec![phrase(body, &words), phrase(title, &words)] };
        let scoring = EnableScoring::enabled_from_searcher(&searcher);
        let union = checked::union(queries()).weight(scoring).unwrap();
        let driven = DrivenUnion::new(queries()).weight(scoring).unwrap();
        let mut walked = 0;
        for segment in searcher.segment_readers() {
            let mut expected = Vec::new();
            let mut scorer = union.scorer(segment, 1.0).unwrap();
            while scorer.doc() != TERMINATED {
                expected.push((scorer.doc(), scorer.score()));
                scorer.advance();
            }
            let mut scorer = driven.scorer(segment, 1.0).unwrap();
            let Some(&(first, score)) = expected.first() else {
                assert_eq!(scorer.doc(), TERMINATED);
                continue;
            };
            assert_eq!(
                (scorer.doc(), scorer.score(), scorer.score()),
                (first, score, score)
            );
            // Past the second match, when there are three.
            if let Some(&(third, score)) = expected.get(2) {
                assert_eq!(scorer.seek(third), third);
                assert_eq!(scorer.score(), score);
                walked += 1;
            } else {
                let rest: Vec<_> = expected[1..].iter().map(|(doc, _)| *doc).collect();
                let mut found = Vec::new();
                while scorer.advance() != TERMINATED {
                    found.push(scorer.doc());
                }
                assert_eq!(found, rest);
            }
        }
        assert_eq!(walked, 1, "one segment has three matches");
    }
}
