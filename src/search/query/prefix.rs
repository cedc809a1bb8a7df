//! `word*` and `"a phrase and a pre"*`: a prefix expanded to the index terms it may stand
//! for, within the limits of one prefix and of one query.

use std::collections::BTreeSet;

use tantivy::query::{EmptyQuery, PhrasePrefixQuery, Query, TermQuery};
use tantivy::schema::{Field, IndexRecordOption};
use tantivy::Term;

use super::{analyze, Compiler, MAX_PREFIX_EXPANSIONS};
use crate::dictionary::prefix_upper_bound;
use crate::error::{Error, Result};
use crate::search::checked;

/// The English stemmer removes at most this many bytes from a word's end ("-ational").
const MAX_STEM_CUT: usize = 4;

/// Stems shorter than this are not matched against a prefix's truncations.
const MIN_STEM_LEN: usize = 3;

impl Compiler<'_> {
    /// `word*` or `"several words and a pre"*` in one field.
    pub(super) fn prefix_query(
        &mut self,
        field: Field,
        phrase: &str,
        quoted: bool,
    ) -> Result<Option<Box<dyn Query>>> {
        let folded = analyze(&mut self.folder, field, phrase);
        let Some((position, last)) = folded.last() else {
            return Ok(None);
        };
        let prefix = last.value().as_str().unwrap_or_default().to_string();
        let leading = match quoted {
            true => phrase
                .rsplit_once(char::is_whitespace)
                .map_or("", |(head, _)| head),
            false => "",
        };
        let mut head = analyze(&mut self.analyzer, field, leading);
        if head.is_empty() {
            let expansions = self.expand_prefix(field, &prefix, phrase)?;
            if expansions.is_empty() {
                return Ok(Some(Box::new(EmptyQuery)));
            }
            let terms: Vec<Box<dyn Query>> = expansions
                .into_iter()
                .map(|t| {
                    Box::new(TermQuery::new(t, IndexRecordOption::WithFreqs)) as Box<dyn Query>
                })
                .collect();
            return Ok(Some(Box::new(checked::union(terms))));
        }
        // Positions come from the same tokenizer, so stop words removed from `head` still
        // count towards the prefix's position.
        head.push((*position, Term::from_field_text(field, &prefix)));
        Ok(Some(Box::new(PhrasePrefixQuery::new_with_offset(head))))
    }

    /// Index terms of `field` that a word starting with `prefix` may have been indexed as:
    /// terms starting with `prefix`, and stems that `prefix` itself starts with (the index
    /// holds `negoti` for "negotiating", which `negotiat*` must find). At most
    /// [`MAX_PREFIX_EXPANSIONS`], the alphabetically first over all segments, and no more
    /// than the query's budget has left; a prefix cut short is remembered in
    /// `cut_prefixes`.
    fn expand_prefix(&mut self, field: Field, prefix: &str, typed: &str) -> Result<Vec<Term>> {
        let key = (field, prefix.to_string());
        if let Some((terms, cut)) = self.prefix_cache.get(&key) {
            if *cut {
                self.cut_prefixes.insert(format!("{typed}*"));
            }
            return Ok(terms.clone());
        }
        let limit = MAX_PREFIX_EXPANSIONS.min(self.expansion_budget);
        let mut found = BTreeSet::new();
        let shortest_stem = prefix.len().saturating_sub(MAX_STEM_CUT).max(MIN_STEM_LEN);
        // In the catch-all field, another language's stems are behind its mark (see
        // [`crate::analyzer::unmarked_stem`]): the prefix is looked for behind each.
        let mut marks = vec![String::new()];
        if field == self.fields.body {
            let stemmed = self.other_languages.iter().filter(|l| l.stems);
            marks.extend(stemmed.map(|l| l.mark.clone()));
        }
        // Every segment contributes its first `limit + 1` terms; the first `limit` of their
        // union are the index's first `limit`, and one more tells whether any were left out.
        for segment in self.searcher.segment_readers() {
            let inverted = segment.inverted_index(field)?;
            let terms = inverted.terms();
            for mark in &marks {
                for len in shortest_stem..prefix.len() {
                    let Some(stem) = prefix.get(..len) else {
                        continue;
                    };
                    let stem = format!("{mark}{stem}");
                    if terms
                        .get(&stem)
                        .map_err(|e| Error::io("index", e))?
                        .is_some()
                    {
                        found.insert(stem.into_bytes());
                    }
                }
                let start = format!("{mark}{prefix}");
                let mut range = terms.range().ge(start.as_bytes());
                if let Some(upper) = prefix_upper_bound(start.as_bytes()) {
                    range = range.lt(upper);
                }
                let mut stream = range.into_stream().map_err(|e| Error::io("index", e))?;
                let mut taken = 0;
                while taken <= limit && stream.advance() {
                    found.insert(stream.key().to_vec());
                    taken += 1;
                }
            }
        }
        let cut = found.len() > limit;
        let expansions: Vec<Term> = found
            .into_iter()
            .take(limit)
            .filter_map(|bytes| String::from_utf8(bytes).ok())
            .map(|s| Term::from_field_text(field, &s))
            .collect();
        self.expansion_budget -= expansions.len();
        if cut {
            self.cut_prefixes.insert(format!("{typed}*"));
        }
        self.prefix_cache.insert(key, (expansions.clone(), cut));
        Ok(expansions)
    }
}
