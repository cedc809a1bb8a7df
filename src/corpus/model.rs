//! The article model every parser produces, and the one place that turns a parsed outline
//! (title plus headed blocks of text) into an [`Article`] with its year and reading list.

use serde::Serialize;

use super::reading;
use super::text::first_year;

/// One article: a titled document split into sections, with an optional reading list.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Article {
    /// Path relative to the corpus root without extension (`history/rapallo`), or the record's
    /// `id` for JSON Lines.
    pub id: String,
    /// Path of the source file relative to the corpus root, with `/` separators.
    pub path: String,
    pub title: String,
    /// The first year (1000–2099) named in the first paragraph, or given by a JSON record.
    pub year: Option<u64>,
    pub sections: Vec<Section>,
    pub reading: Vec<ReadingEntry>,
}

/// A run of text under one heading path.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Section {
    /// Nested headings, outermost first. Empty for the lead text right under the title.
    pub headings: Vec<String>,
    pub text: String,
    /// Zero-based order of the section in its article.
    pub position: usize,
}

impl Section {
    /// The heading path as shown to users (`Fun Fact › The Unusual Early Collaboration`);
    /// the lead section shows the article title.
    pub fn display_heading(&self, title: &str) -> String {
        if self.headings.is_empty() {
            title.to_string()
        } else {
            self.headings.join(HEADING_SEPARATOR)
        }
    }
}

/// Separator between nested headings in a heading path.
pub const HEADING_SEPARATOR: &str = " › ";

/// A book named in a reading list.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ReadingEntry {
    pub title: String,
    pub author: Option<String>,
    /// The heading of the list the book appears under.
    pub heading: String,
    /// The sentence or list item the book was named in.
    pub context: String,
}

/// A block of text under a heading, as a parser found it.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Block {
    Paragraph(String),
    ListItem(String),
}

impl Block {
    pub(crate) fn text(&self) -> &str {
        match self {
            Block::Paragraph(t) | Block::ListItem(t) => t,
        }
    }
}

/// What a format parser produces: the title and each heading path with its blocks. Inline
/// markup (`*emphasis*`) is still present so the reading-list extractor can see it.
#[derive(Debug, Default)]
pub(crate) struct Outline {
    pub title: Option<String>,
    pub sections: Vec<(Vec<String>, Vec<Block>)>,
    /// A year given explicitly (JSON Lines), which wins over the one found in the text.
    pub year: Option<u64>,
    /// Reading entries given explicitly (JSON Lines).
    pub reading: Vec<ReadingEntry>,
}

impl Outline {
    /// Append a block under `headings`, starting a new section when the path changes.
    pub(crate) fn push(&mut self, headings: &[String], block: Block) {
        if block.text().trim().is_empty() {
            return;
        }
        match self.sections.last_mut() {
            Some((h, blocks)) if h.as_slice() == headings => blocks.push(block),
            _ => self.sections.push((headings.to_vec(), vec![block])),
        }
    }

    /// Finish the article: strip inline markup, find the year, extract the reading list.
    /// Returns `None` when there is no text at all.
    pub(crate) fn into_article(
        self,
        id: String,
        path: String,
        fallback_title: &str,
        strip: fn(&str) -> String,
    ) -> Option<Article> {
        let title = self
            .title
            .filter(|t| !t.trim().is_empty())
            .unwrap_or_else(|| fallback_title.to_string());
        let year = self.year.or_else(|| {
            self.sections
                .iter()
                .flat_map(|(_, blocks)| blocks.iter())
                .find(|b| matches!(b, Block::Paragraph(_)))
                .and_then(|b| first_year(b.text()))
        });
        let mut reading = self.reading;
        let mut sections = Vec::with_capacity(self.sections.len());
        for (headings, blocks) in self.sections {
            if reading::is_reading_heading(&headings) {
                let list_heading = headings.last().cloned().unwrap_or_default();
                for block in &blocks {
                    reading.extend(reading::extract(block, &list_heading, strip));
                }
            }
            let text = blocks
                .iter()
                .map(|b| strip(b.text()))
                .collect::<Vec<_>>()
                .join("\n");
            if text.trim().is_empty() {
                continue;
            }
            let position = sections.len();
            sections.push(Section {
                headings: headings.iter().map(|h| strip(h)).collect(),
                text,
                position,
            });
        }
        if sections.is_empty() {
            return None;
        }
        Some(Article {
            id,
            path,
            title: strip(&title),
            year,
            sections,
            reading,
        })
    }
}
