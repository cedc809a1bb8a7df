//! One result per thing: a reading-list section and the books it lists are one hit.
//!
//! A book's document holds the words of the sentence naming it, and so does the section
//! that sentence is in: a query naming the book matches both, and without folding the
//! section and each of its books would take a place of their own with one text. Folded,
//! the section stands at the place of the best of them with its matching books under it.
//! A book whose section is not among the candidates but matches the query too brings it
//! in, so that the fold does not depend on how many hits were asked for; a book whose
//! section does not match (a `book:` query, say) stays a hit of its own. The count of
//! hits subtracts the books that fold among the matches counted, read from their columns
//! ([`FoldKeys::counted_keys`]), not among the candidates, which grow with the page. Only
//! searches over every kind fold: `--kind reading` lists books one by one.

use std::sync::Arc;

use rustc_hash::{FxHashMap, FxHashSet};
use tantivy::columnar::{Column, StrColumn};
use tantivy::schema::IndexRecordOption;
use tantivy::{
    DocAddress, DocId, DocSet, Searcher, SegmentOrdinal, SegmentReader, Term, TERMINATED,
};

use super::segment_cache::SegmentCache;
use super::top::Uncounted;
use crate::error::Result;
use crate::schema::{DocKind, Fields, TimelineKey, NO_PART};

/// What folds together: a section of an article, within one tier of the search (a book
/// never folds under a section that matched only some of the words).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub(crate) struct Part {
    /// The article's [`crate::schema::article_key`].
    pub article: u64,
    pub position: u64,
    pub tier: u8,
}

/// Where a candidate belongs: its part, and whether it is a book (else the section).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct FoldKey {
    pub part: Part,
    pub book: bool,
}

impl FoldKey {
    /// The key as found in the search's tier `tier` (see [`Part::tier`]).
    pub(crate) fn in_tier(mut self, tier: u8) -> FoldKey {
        self.part.tier = tier;
        self
    }
}

/// Reads [`FoldKey`]s from the fast fields, one set of columns per segment, and tells a
/// search which documents are books: those do not count toward its page, as each folds
/// under its section when that matches too ([`Uncounted`]).
pub(crate) struct FoldKeys<'s> {
    searcher: &'s Searcher,
    fields: &'s Fields,
    /// Every segment's columns, kept across searches.
    kept: &'s SegmentColumns,
}

/// The columns a [`FoldKey`] is read from, per segment: opening them took a twentieth of
/// what a server spent on a search (BENCHMARKS.md, "HTTP load: two searches per core").
pub(crate) type SegmentColumns = SegmentCache<Columns>;

pub(crate) struct Columns {
    kind: StrColumn,
    /// The ordinals of the kinds `reading` and `section` in this segment's `kind` column.
    reading: Option<u64>,
    section: Option<u64>,
    article: Column<u64>,
    /// Every document's [`TimelineKey`], which tells its kind: every document has one, so
    /// it is read in blocks, cheaper than the kind's column.
    timeline: Column<u64>,
    part: Column<u64>,
}

impl Columns {
    /// The columns of `segment`, if it has a `kind` column.
    fn open(segment: &SegmentReader) -> Result<Option<Columns>> {
        let fast = segment.fast_fields();
        let kind_ord = |kind: &StrColumn, name: DocKind| {
            kind.dictionary()
                .term_ord(name.as_str())
                .map_err(tantivy::TantivyError::from)
        };
        Ok(match fast.str("kind")? {
            Some(kind) => Some(Columns {
                reading: kind_ord(&kind, DocKind::Reading)?,
                section: kind_ord(&kind, DocKind::Section)?,
                kind,
                article: fast.u64("article_key")?,
                timeline: fast.u64("timeline_key")?,
                part: fast.u64("part")?,
            }),
            None => None,
        })
    }

    /// Whether `doc` is a book, which folds under its section when that matches too.
    fn is_book(&self, doc: DocId) -> bool {
        self.kind.term_ords(doc).next() == self.reading
    }

    /// [`Columns::is_book`] of each of `docs` (sorted), read in one call from the
    /// timeline's keys, cheaper than reading each one's kind.
    fn books_among(&self, docs: &[DocId]) -> Vec<bool> {
        let mut keys = vec![None; docs.len()];
        self.timeline.first_vals(docs, &mut keys);
        (keys.into_iter())
            .map(|key| key.is_some_and(|key| TimelineKey(key).is_reading()))
            .collect()
    }

    /// The key of `doc`; `None` when it folds with nothing (a column that cannot be read
    /// folds nothing: the hits stay apart).
    fn key(&self, doc: DocId) -> Option<FoldKey> {
        let (Some(kind), position) = self.part(doc)? else {
            return None;
        };
        Some(FoldKey {
            part: Part {
                article: self.article.first(doc)?,
                position,
                tier: 0,
            },
            book: Some(kind) == self.reading,
        })
    }

    /// The kind ordinal and part position of `doc`, if it is a part of an article.
    fn part(&self, doc: DocId) -> Option<(Option<u64>, u64)> {
        Some((self.kind.term_ords(doc).next(), self.position(doc)?))
    }

    /// The position of the part `doc` is in, if any.
    fn position(&self, doc: DocId) -> Option<u64> {
        self.part.first(doc).filter(|&p| p != NO_PART)
    }
}

impl Uncounted for FoldKeys<'_> {
    fn for_segment(&self, reader: &SegmentReader) -> Option<Box<dyn Fn(DocId) -> bool>> {
        // Columns that cannot be read fold nothing: every document counts.
        let columns = self.columns(reader).ok().flatten()?;
        columns.reading?;
        Some(Box::new(move |doc| columns.is_book(doc)))
    }
}

impl<'s> FoldKeys<'s> {
    pub(crate) fn new(
        searcher: &'s Searcher,
        fields: &'s Fields,
        kept: &'s SegmentColumns,
    ) -> FoldKeys<'s> {
        FoldKeys {
            searcher,
            fields,
            kept,
        }
    }

    /// The columns of `segment`; `None` when it has none (folds nothing).
    fn columns(&self, segment: &SegmentReader) -> Result<Option<Arc<Columns>>> {
        (self.kept).get(self.searcher, segment.segment_id(), || {
            Columns::open(segment)
        })
    }

    /// The key of the document at `address`; `None` when it folds with nothing.
    pub(crate) fn key(&self, address: DocAddress) -> Result<Option<FoldKey>> {
        let segment = self.searcher.segment_reader(address.segment_ord);
        Ok(self.columns(segment)?.and_then(|c| c.key(address.doc_id)))
    }

    /// The keys of the books among `counted` (matches, sorted) and of the sections among
    /// them that those books fold under: what tells how many of the matches fold, whatever
    /// the page. A run of matches' kinds is read at once, from the timeline's keys; an
    /// article's documents are indexed together, its sections before its books, so a
    /// book's section is among the sections matched just before it.
    pub(crate) fn counted_keys(&self, counted: &[DocAddress]) -> Result<Vec<FoldKey>> {
        let mut keys = Vec::new();
        for run in counted.chunk_by(|a, b| a.segment_ord == b.segment_ord) {
            let segment = self.searcher.segment_reader(run[0].segment_ord);
            let Some(columns) = self.columns(segment)?.filter(|c| c.reading.is_some()) else {
                continue;
            };
            let docs: Vec<DocId> = run.iter().map(|a| a.doc_id).collect();
            let books = columns.books_among(&docs);
            let is_book = |i: usize| books[i];
            if !books.contains(&true) {
                continue;
            }
            // Each section's position, once read.
            let mut positions: Vec<Option<Option<u64>>> = vec![None; docs.len()];
            for (i, &doc) in docs.iter().enumerate().filter(|(i, _)| is_book(*i)) {
                let (Some(position), Some(article)) =
                    (columns.position(doc), columns.article.first(doc))
                else {
                    continue;
                };
                let part = Part {
                    article,
                    position,
                    tier: 0,
                };
                // Walking back, an article's sections come in falling positions.
                for j in (0..i).rev().filter(|&j| !is_book(j)) {
                    match *positions[j].get_or_insert_with(|| columns.position(docs[j])) {
                        Some(at) if at < position => break,
                        Some(at) if at == position => {
                            if columns.article.first(docs[j]) == Some(article) {
                                let section = part.clone();
                                keys.push(FoldKey {
                                    part: section,
                                    book: false,
                                });
                            }
                            break;
                        }
                        _ => {}
                    }
                }
                keys.push(FoldKey { part, book: true });
            }
        }
        Ok(keys)
    }

    /// The section document of `part`, if the index holds it. `near` is the segment of one
    /// of its books, looked in first: an article's documents are indexed together, so its
    /// section is almost always there (an update may leave them apart; then the other
    /// segments are looked in too). A part has one live section, so the order does not
    /// change the answer.
    pub(crate) fn section(&self, part: &Part, near: SegmentOrdinal) -> Result<Option<DocAddress>> {
        let term = Term::from_field_u64(self.fields.article_key, part.article);
        let segments = self.searcher.segment_readers().len() as SegmentOrdinal;
        let order = std::iter::once(near).chain((0..segments).filter(|&s| s != near));
        for ord in order {
            let segment = self.searcher.segment_reader(ord);
            let Some(columns) = self.columns(segment)? else {
                continue;
            };
            // The article's documents (a few dozen): their kinds and positions are read.
            let Some(mut documents) = segment
                .inverted_index(self.fields.article_key)?
                .read_postings(&term, IndexRecordOption::Basic)
                .map_err(tantivy::TantivyError::from)?
            else {
                continue;
            };
            let alive = segment.alive_bitset();
            let mut doc = documents.doc();
            while doc != TERMINATED {
                if alive.is_none_or(|a| a.is_alive(doc)) {
                    if let Some((Some(kind), position)) = columns.part(doc) {
                        if Some(kind) == columns.section && position == part.position {
                            return Ok(Some(DocAddress::new(ord, doc)));
                        }
                    }
                }
                doc = documents.advance();
            }
        }
        Ok(None)
    }
}

/// How many of `keys` (in rank order) hold the first `items` hits: each part is one hit
/// wherever its section and books are, and each document without a key one hit.
pub(crate) fn leading<'k>(keys: impl Iterator<Item = Option<&'k FoldKey>>, items: usize) -> usize {
    let mut parts: FxHashSet<&Part> = FxHashSet::default();
    let mut seen = 0;
    for (at, key) in keys.enumerate() {
        if seen == items {
            return at;
        }
        if key.is_none_or(|k| parts.insert(&k.part)) {
            seen += 1;
        }
    }
    usize::MAX
}

/// Books among `keys` whose section is not: the parts whose sections to look for, each
/// with what came beside its first book (where a search finds the book's section first).
pub(crate) fn missing_sections<'k, T: Copy>(
    keys: impl Iterator<Item = (&'k FoldKey, T)> + Clone,
) -> Vec<(Part, T)> {
    let sections: FxHashSet<&Part> = (keys.clone())
        .filter(|(k, _)| !k.book)
        .map(|(k, _)| &k.part)
        .collect();
    let mut missing: Vec<(Part, T)> = Vec::new();
    for (key, beside) in keys.filter(|(k, _)| k.book && !sections.contains(&k.part)) {
        if !missing.iter().any(|(part, _)| *part == key.part) {
            missing.push((key.part.clone(), beside));
        }
    }
    missing
}

/// How many of `keys` (in rank order) fold under another: books whose section is there too.
pub(crate) fn folded_count<'k>(keys: impl Iterator<Item = Option<&'k FoldKey>> + Clone) -> usize {
    let sections: FxHashSet<&Part> = keys
        .clone()
        .flatten()
        .filter(|k| !k.book)
        .map(|k| &k.part)
        .collect();
    keys.flatten()
        .filter(|k| k.book && sections.contains(&k.part))
        .count()
}

/// `items` (in rank order, each with its key) folded: each section at the place of the
/// first of its part, with the books of its part under it in rank order; books without
/// their section, and items without a key, as they were.
pub(crate) fn fold<T>(items: Vec<(T, Option<FoldKey>)>) -> Vec<(T, Vec<T>)> {
    let sections: FxHashSet<Part> = items
        .iter()
        .filter_map(|(_, k)| k.as_ref())
        .filter(|k| !k.book)
        .map(|k| k.part.clone())
        .collect();
    // Each part's place in the output, once its first item is seen.
    let mut places: FxHashMap<Part, usize> = FxHashMap::default();
    let mut slots: Vec<(Option<T>, Vec<T>)> = Vec::with_capacity(items.len());
    for (item, key) in items {
        let Some(key) = key.filter(|k| sections.contains(&k.part)) else {
            slots.push((Some(item), Vec::new()));
            continue;
        };
        let place = *places.entry(key.part).or_insert_with(|| {
            slots.push((None, Vec::new()));
            slots.len() - 1
        });
        match key.book {
            true => slots[place].1.push(item),
            false => slots[place].0 = Some(item),
        }
    }
    slots
        .into_iter()
        .map(|(head, books)| (head.expect("every folded part has its section"), books))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::schema::{article_key, register_analyzers};
    use tantivy::{Index, IndexWriter, TantivyDocument};

    fn doc(fields: &Fields, article: &str, kind: DocKind, part: u64) -> TantivyDocument {
        let mut doc = TantivyDocument::new();
        doc.add_text(fields.kind, kind.as_str());
        doc.add_text(fields.article, article);
        doc.add_u64(fields.article_key, article_key(article));
        doc.add_u64(fields.part, part);
        doc
    }

    /// A book's section is found in its own segment or another (an article split between
    /// segments), and a deleted copy is never found.
    #[test]
    fn a_books_section_is_found_in_any_segment_and_never_deleted() {
        let (schema, fields) = Fields::build();
        let index = Index::create_in_ram(schema);
        register_analyzers(&index);
        let mut writer: IndexWriter = index.writer_with_num_threads(1, 15_000_000).unwrap();
        // Segment 0: article a, sections 0 and 1 and a book of section 1; article b's
        // section 4 alone.
        writer
            .add_document(doc(&fields, "a", DocKind::Section, 0))
            .unwrap();
        writer
            .add_document(doc(&fields, "a", DocKind::Section, 1))
            .unwrap();
        writer
            .add_document(doc(&fields, "a", DocKind::Reading, 1))
            .unwrap();
        writer
            .add_document(doc(&fields, "b", DocKind::Section, 4))
            .unwrap();
        writer.commit().unwrap();
        // Segment 1: a book of b's section 4, and article c whose section 2 is written
        // twice, the first copy deleted.
        writer
            .add_document(doc(&fields, "b", DocKind::Reading, 4))
            .unwrap();
        let mut gone = doc(&fields, "c", DocKind::Section, 2);
        gone.add_u64(fields.record, 99);
        writer.add_document(gone).unwrap();
        writer
            .add_document(doc(&fields, "c", DocKind::Section, 2))
            .unwrap();
        writer
            .add_document(doc(&fields, "c", DocKind::Reading, 2))
            .unwrap();
        writer.delete_term(Term::from_field_u64(fields.record, 99));
        writer.commit().unwrap();
        let searcher = index.reader().unwrap().searcher();
        let ord = |n: usize| {
            (searcher.segment_readers().iter())
                .position(|r| r.num_docs() as usize == n)
                .unwrap() as u32
        };
        let (first, second) = (ord(4), ord(3));
        assert_eq!(searcher.segment_reader(second).max_doc(), 4);
        let kept = SegmentColumns::default();
        let keys = FoldKeys::new(&searcher, &fields, &kept);
        let part = |article: &str, position| Part {
            article: article_key(article),
            position,
            tier: 0,
        };
        let book = DocAddress::new(first, 2);
        assert_eq!(
            keys.section(&part("a", 1), first).unwrap(),
            Some(DocAddress::new(first, 1))
        );
        assert_eq!(
            keys.section(&part("b", 4), second).unwrap(),
            Some(DocAddress::new(first, 3))
        );
        assert_eq!(
            keys.section(&part("c", 2), second).unwrap(),
            Some(DocAddress::new(second, 2))
        );
        assert_eq!(keys.section(&part("a", 7), first).unwrap(), None);
        assert_eq!(keys.key(book).unwrap().unwrap().part, part("a", 1));
        assert!(keys.key(book).unwrap().unwrap().book);
    }

    fn key(article: &str, position: u64, book: bool) -> Option<FoldKey> {
        Some(FoldKey {
            part: Part {
                article: crate::schema::article_key(article),
                position,
                tier: 0,
            },
            book,
        })
    }

    #[test]
    fn books_fold_under_their_section_at_the_best_place() {
        let items = vec![
            ("book 1", key("a", 3, true)),
            ("book 2", key("a", 3, true)),
            ("section 3", key("a", 3, false)),
            ("lead", key("a", 0, false)),
            ("other book", key("b", 2, true)),
            ("no key", None),
        ];
        let keys: Vec<_> = items.iter().map(|(_, k)| k.clone()).collect();
        assert_eq!(folded_count(keys.iter().map(Option::as_ref)), 2);
        assert_eq!(
            fold(items),
            vec![
                ("section 3", vec!["book 1", "book 2"]),
                ("lead", vec![]),
                ("other book", vec![]),
                ("no key", vec![]),
            ]
        );
    }

    #[test]
    fn books_without_their_section_stay_apart() {
        let items = vec![
            ("book 1", key("a", 3, true)),
            ("book 2", key("a", 3, true)),
            ("section of b", key("b", 3, false)),
        ];
        let keys: Vec<_> = items.iter().map(|(_, k)| k.clone()).collect();
        assert_eq!(folded_count(keys.iter().map(Option::as_ref)), 0);
        assert_eq!(fold(items).len(), 3);
    }
}
