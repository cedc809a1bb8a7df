//! Reading what a search found: an article put back together from its indexed sections and
//! reading entries, in their order, with the words of a query marked.

use std::ops::Range;

use serde::Serialize;
use tantivy::collector::DocSetCollector;
use tantivy::query::TermQuery;
use tantivy::schema::{Field, IndexRecordOption, Value};
use tantivy::{TantivyDocument, Term};

use super::hit::Book;
use super::query::{self, Compiler, Mode};
use super::snippet::{Snippet, Snippets};
use super::stats::SearchStats;
use super::Engine;
use crate::error::{Error, Result};
use crate::schema::{DocKind, Fields};

/// An article as the index holds it.
#[derive(Debug, Clone, Serialize)]
pub struct Article {
    pub id: String,
    pub title: String,
    /// The article's file, with the corpus folder in front.
    pub path: String,
    pub year: Option<i64>,
    /// The article's language code.
    pub lang: String,
    pub sections: Vec<ArticleSection>,
}

/// One section of an [`Article`], with the books its reading list names.
#[derive(Debug, Clone, Serialize)]
pub struct ArticleSection {
    /// The heading path, joined with ` › `; empty for the lead section.
    pub heading: String,
    /// The section's anchor (see [`anchor`]); empty for the lead section.
    pub anchor: String,
    pub text: String,
    /// Byte ranges of `text` holding the query's words (empty without a query).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub marks: Vec<Range<usize>>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub books: Vec<Book>,
}

/// The anchor naming a section within its article: its heading path in lower case, every
/// run of characters other than letters and digits a single `-`
/// (`Key Events › The 1922 Treaty` → `key-events-the-1922-treaty`). Stable as long as the
/// headings are, and what `annals show ID#ANCHOR` and the page's links take.
pub fn anchor(heading: &str) -> String {
    let mut out = String::with_capacity(heading.len());
    for c in heading.chars().flat_map(char::to_lowercase) {
        if c.is_alphanumeric() {
            out.push(c);
        } else if !out.is_empty() && !out.ends_with('-') {
            out.push('-');
        }
    }
    while out.ends_with('-') {
        out.pop();
    }
    out
}

impl ArticleSection {
    /// The section's non-blank lines, each with the marks inside it.
    pub fn paragraphs(&self) -> Vec<Snippet> {
        let mut out = Vec::new();
        let mut start = 0;
        for line in self.text.split('\n') {
            let end = start + line.len();
            if !line.trim().is_empty() {
                out.push(Snippet {
                    text: line.to_string(),
                    highlights: self
                        .marks
                        .iter()
                        .filter(|m| m.start >= start && m.end <= end)
                        .map(|m| m.start - start..m.end - start)
                        .collect(),
                });
            }
            start = end + 1;
        }
        out
    }
}

impl Article {
    /// The section named by `anchor`: the one with exactly that anchor, else the one whose
    /// anchor ends with it (`treaty` for `background-treaty`), else the first that starts
    /// with it.
    pub fn section(&self, anchor: &str) -> Option<usize> {
        let anchor = anchor.to_lowercase();
        let anchors = || self.sections.iter().map(|s| s.anchor.as_str());
        anchors()
            .position(|a| a == anchor)
            .or_else(|| anchors().position(|a| a.ends_with(&format!("-{anchor}"))))
            .or_else(|| anchors().position(|a| !anchor.is_empty() && a.starts_with(&anchor)))
    }
}

impl Engine {
    /// The article `target` names, and the section it names if it has a `#SECTION`. The
    /// target is an article id or an article's path as searches print it (with the corpus
    /// folder in front or not).
    ///
    /// Errors: [`Error::InvalidOption`] naming what was not found.
    pub fn show(&self, target: &str, query: Option<&str>) -> Result<(Article, Option<usize>)> {
        // An id may hold a `#` itself: a dump's repeated id is kept apart by its line (`x#3`).
        let ids = |name: &str| self.article_ids(self.index().fields.article, name);
        let whole = ids(target)?;
        let (name, section, by_id) = match target.rsplit_once('#') {
            Some((name, section)) if whole.is_empty() => (name, Some(section), ids(name)?),
            _ => (target, None, whole),
        };
        let not_found = |message: String| Error::option("ID", message);
        let id = match by_id.is_empty() {
            false => name.to_string(),
            true => {
                let rel = self.index().payload.listed_path(name);
                let ids = self.article_ids(self.index().fields.file, rel)?;
                match ids.len() {
                    0 => {
                        return Err(not_found(format!(
                            "no article {name:?} in the index (give an id or a path as \
                             `annals search` prints it)"
                        )))
                    }
                    1 => ids[0].clone(),
                    _ => self.pick_by_section(&ids, section, name)?,
                }
            }
        };
        let Some(article) = self.article(&id, query)? else {
            return Err(not_found(format!("no article {name:?} in the index")));
        };
        let only = match section.filter(|s| !s.is_empty()) {
            None => None,
            Some(section) => Some(article.section(section).ok_or_else(|| {
                let known: Vec<&str> = article
                    .sections
                    .iter()
                    .map(|s| s.anchor.as_str())
                    .filter(|a| !a.is_empty())
                    .collect();
                not_found(format!(
                    "{id} has no section {section:?}; its sections: {}",
                    known.join(", ")
                ))
            })?),
        };
        Ok((article, only))
    }

    /// Of the articles `ids` of one file, the one with a section `section`.
    fn pick_by_section(&self, ids: &[String], section: Option<&str>, file: &str) -> Result<String> {
        if let Some(section) = section {
            let mut having = Vec::new();
            for id in ids {
                if let Some(article) = self.article(id, None)? {
                    if article.section(section).is_some() {
                        having.push(id.clone());
                    }
                }
            }
            if having.len() == 1 {
                return Ok(having.remove(0));
            }
        }
        let shown: Vec<&str> = ids.iter().take(10).map(String::as_str).collect();
        Err(Error::option(
            "ID",
            format!(
                "{file} holds {} articles; name one by id: {}{}",
                ids.len(),
                shown.join(", "),
                if ids.len() > shown.len() { ", …" } else { "" }
            ),
        ))
    }

    /// The distinct article ids of the documents whose `field` is `value`, sorted.
    fn article_ids(&self, field: Field, value: &str) -> Result<Vec<String>> {
        let searcher = self.reader().searcher();
        let f = &self.index().fields;
        let found = searcher.search(
            &TermQuery::new(
                Term::from_field_text(field, value),
                IndexRecordOption::Basic,
            ),
            &DocSetCollector,
        )?;
        let mut ids: Vec<String> = Vec::new();
        for address in found {
            let doc: TantivyDocument = searcher.doc(address)?;
            let is_file =
                doc.get_first(f.kind).and_then(|v| v.as_str()) == Some(DocKind::File.as_str());
            if let (false, Some(id)) = (is_file, doc.get_first(f.article).and_then(|v| v.as_str()))
            {
                ids.push(id.to_string());
            }
        }
        ids.sort();
        ids.dedup();
        Ok(ids)
    }

    /// The article with id `id`, with the words of `query` (if any) marked in its text;
    /// `None` if the index holds no such article.
    ///
    /// Errors: [`Error::Query`] for a malformed query.
    pub fn article(&self, id: &str, query: Option<&str>) -> Result<Option<Article>> {
        let searcher = self.reader().searcher();
        let f = &self.index().fields;
        let term = Term::from_field_text(f.article, id);
        let found = searcher.search(
            &TermQuery::new(term, IndexRecordOption::Basic),
            &DocSetCollector,
        )?;
        let mut docs: Vec<TantivyDocument> = Vec::with_capacity(found.len());
        for address in found {
            docs.push(searcher.doc(address)?);
        }
        let text = |doc: &TantivyDocument, field: Field| -> String {
            doc.get_first(field)
                .and_then(|v| v.as_str())
                .unwrap_or_default()
                .to_string()
        };
        let number = |doc: &TantivyDocument, field: Field| doc.get_first(field)?.as_u64();
        let is = |doc: &TantivyDocument, kind: DocKind| text(doc, f.kind) == kind.as_str();
        let Some(first) = docs.iter().find(|d| is(d, DocKind::Section)) else {
            return Ok(None);
        };
        let mut article = Article {
            id: id.to_string(),
            title: Fields::shown_title(text(first, f.title), &text(first, f.untitled)),
            path: self.index().payload.shown_path(&text(first, f.file)),
            year: first.get_first(f.article_year).and_then(|v| v.as_i64()),
            lang: Some(text(first, f.lang))
                .filter(|l| !l.is_empty())
                .unwrap_or_else(|| crate::language::DEFAULT.to_string()),
            sections: Vec::new(),
        };
        let position = |doc: &TantivyDocument| number(doc, f.position).unwrap_or(u64::MAX);
        let mut sections: Vec<&TantivyDocument> =
            docs.iter().filter(|d| is(d, DocKind::Section)).collect();
        sections.sort_by_key(|d| position(d));
        for doc in sections {
            let heading = text(doc, f.heading);
            article.sections.push(ArticleSection {
                anchor: anchor(&heading),
                heading,
                text: text(doc, f.text),
                marks: Vec::new(),
                books: Vec::new(),
            });
        }
        let mut entries: Vec<&TantivyDocument> =
            docs.iter().filter(|d| is(d, DocKind::Reading)).collect();
        entries.sort_by_key(|d| position(d));
        for doc in entries {
            let heading = text(doc, f.heading);
            let book = Book {
                title: text(doc, f.book),
                author: Some(text(doc, f.author)).filter(|a| !a.is_empty()),
            };
            // A list's books go under the section holding the list: the one whose heading
            // path ends with the list's heading.
            let under = article
                .sections
                .iter()
                .rposition(|s| s.heading == heading || s.heading.ends_with(&heading));
            match under {
                Some(i) => article.sections[i].books.push(book),
                None => article.sections.push(ArticleSection {
                    anchor: anchor(&heading),
                    heading,
                    text: String::new(),
                    marks: Vec::new(),
                    books: vec![book],
                }),
            }
        }
        if let Some(query) = query.filter(|q| !q.trim().is_empty()) {
            let snippets = self.highlighter(query)?;
            for section in &mut article.sections {
                section.marks = snippets.marks(&section.text, &article.lang);
            }
        }
        Ok(Some(article))
    }

    /// What marks the words `query_text` matches (near-misspellings included).
    fn highlighter(&self, query_text: &str) -> Result<Snippets> {
        let parsed = query::parse(query_text)?;
        let searcher = self.reader().searcher();
        let stats = SearchStats::new(&searcher);
        let dictionary = || self.dictionary(&searcher);
        let languages = self.languages(&searcher);
        let mut compiler = Compiler::new(&self.index().fields, &searcher, &dictionary, languages);
        let compiled = match compiler.compile_with_typos(&parsed, Mode::AnyWord)? {
            Some(q) => Some(q),
            None => compiler.compile(&parsed, Mode::AnyWord)?,
        };
        let Some(compiled) = compiled else {
            return Err(Error::Query {
                position: 1,
                message: "the query has no words to mark".into(),
            });
        };
        Ok(Snippets::new(&stats, &*compiled, self.index().fields.body))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn anchors_are_lowercase_words_joined_by_dashes() {
        assert_eq!(
            anchor("Key Events Leading to Diplomatic Relations"),
            "key-events-leading-to-diplomatic-relations"
        );
        assert_eq!(
            anchor("Background › The 1922 Treaty (Rapallo)"),
            "background-the-1922-treaty-rapallo"
        );
        assert_eq!(anchor("Été — Почему?"), "été-почему");
        assert_eq!(anchor("日ソ基本条約"), "日ソ基本条約");
        assert_eq!(anchor(""), "");
        assert_eq!(anchor("  ?? "), "");
    }
}
