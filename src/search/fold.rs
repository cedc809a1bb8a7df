//! One result per thing: a reading-list section and the books it lists are one hit.
//!
//! A book's document holds the words of the sentence naming it, and so does the section
//! that sentence is in: a query naming the book matches both, and without folding the
//! section and each of its books would take a place of their own with one text. Folded,
//! the section stands at the place of the best of them with its matching books under it.
//! A book whose section is not among the candidates but matches the query too brings it
//! in, so that the fold does not depend on how many hits were asked for; a book whose
//! section does not match (a `book:` query, say) stays a hit of its own. Only searches over every kind fold: `--kind reading` lists books one by one.

use std::collections::{HashMap, HashSet};

use tantivy::collector::DocSetCollector;
use tantivy::columnar::{Column, StrColumn};
use tantivy::query::{Query, TermQuery};
use tantivy::schema::IndexRecordOption;
use tantivy::{DocAddress, Searcher, SegmentOrdinal, Term};

use super::checked;
use crate::error::Result;
use crate::schema::{DocKind, Fields, NO_PART};

/// What folds together: a section of an article, within one tier of the search (a book
/// never folds under a section that matched only some of the words).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub(crate) struct Part {
    pub article: String,
    pub position: u64,
    pub tier: u8,
}

/// Where a candidate belongs: its part, and whether it is a book (else the section).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct FoldKey {
    pub part: Part,
    pub book: bool,
}

/// Reads [`FoldKey`]s from the fast fields, one set of columns per segment.
pub(crate) struct FoldKeys<'s> {
    searcher: &'s Searcher,
    fields: &'s Fields,
    columns: HashMap<SegmentOrdinal, Option<Columns>>,
}

struct Columns {
    kind: StrColumn,
    article: StrColumn,
    part: Column<u64>,
}

impl<'s> FoldKeys<'s> {
    pub(crate) fn new(searcher: &'s Searcher, fields: &'s Fields) -> FoldKeys<'s> {
        FoldKeys {
            searcher,
            fields,
            columns: HashMap::new(),
        }
    }

    /// The key of the document at `address`; `None` when it folds with nothing.
    pub(crate) fn key(&mut self, address: DocAddress) -> Result<Option<FoldKey>> {
        let columns = match self.columns.get(&address.segment_ord) {
            Some(columns) => columns,
            None => {
                let fast = self
                    .searcher
                    .segment_reader(address.segment_ord)
                    .fast_fields();
                let columns = match (fast.str("kind")?, fast.str("article")?) {
                    (Some(kind), Some(article)) => Some(Columns {
                        kind,
                        article,
                        part: fast.u64("part")?,
                    }),
                    _ => None,
                };
                self.columns.entry(address.segment_ord).or_insert(columns)
            }
        };
        let Some(columns) = columns else {
            return Ok(None);
        };
        let doc = address.doc_id;
        let Some(position) = columns.part.first(doc).filter(|&p| p != NO_PART) else {
            return Ok(None);
        };
        // A column that cannot be read folds nothing: the hits stay apart.
        let text = |column: &StrColumn| -> Option<String> {
            let ord = column.term_ords(doc).next()?;
            let mut text = String::new();
            column.ord_to_str(ord, &mut text).ok()?.then_some(text)
        };
        let (Some(kind), Some(article)) = (text(&columns.kind), text(&columns.article)) else {
            return Ok(None);
        };
        Ok(Some(FoldKey {
            part: Part {
                article,
                position,
                tier: 0,
            },
            book: kind == DocKind::Reading.as_str(),
        }))
    }

    /// The section document of `part`, if the index holds it.
    pub(crate) fn section(&mut self, part: &Part) -> Result<Option<DocAddress>> {
        let term = |field, text: &str| -> Box<dyn Query> {
            Box::new(TermQuery::new(
                Term::from_field_text(field, text),
                IndexRecordOption::Basic,
            ))
        };
        let sections = checked::intersection(vec![
            term(self.fields.article, &part.article),
            term(self.fields.kind, DocKind::Section.as_str()),
        ]);
        let mut addresses: Vec<DocAddress> = self
            .searcher
            .search(&sections, &DocSetCollector)?
            .into_iter()
            .collect();
        addresses.sort();
        for address in addresses {
            if self
                .key(address)?
                .is_some_and(|k| !k.book && k.part.position == part.position)
            {
                return Ok(Some(address));
            }
        }
        Ok(None)
    }
}

/// Books among `keys` whose section is not: the parts whose sections to look for.
pub(crate) fn missing_sections<'k>(keys: impl Iterator<Item = &'k FoldKey> + Clone) -> Vec<Part> {
    let sections: HashSet<&Part> = keys.clone().filter(|k| !k.book).map(|k| &k.part).collect();
    let mut missing: Vec<Part> = Vec::new();
    for key in keys.filter(|k| k.book && !sections.contains(&k.part)) {
        if !missing.contains(&key.part) {
            missing.push(key.part.clone());
        }
    }
    missing
}

/// How many of `keys` (in rank order) fold under another: books whose section is there too.
pub(crate) fn folded_count<'k>(keys: impl Iterator<Item = Option<&'k FoldKey>> + Clone) -> usize {
    let sections: HashSet<&Part> = keys
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
    let sections: HashSet<Part> = items
        .iter()
        .filter_map(|(_, k)| k.as_ref())
        .filter(|k| !k.book)
        .map(|k| k.part.clone())
        .collect();
    // Each part's place in the output, once its first item is seen.
    let mut places: HashMap<Part, usize> = HashMap::new();
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

    fn key(article: &str, position: u64, book: bool) -> Option<FoldKey> {
        Some(FoldKey {
            part: Part {
                article: article.into(),
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
