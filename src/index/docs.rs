//! Turning articles into index documents: one per section, one per reading entry, and one
//! bookkeeping document per corpus file.

use rustc_hash::FxHashSet;
use tantivy::tokenizer::TextAnalyzer;
use tantivy::TantivyDocument;
use xxhash_rust::xxh3::xxh3_64;

use super::catalog::FileRecord;
use crate::corpus::{Article, HEADING_SEPARATOR};
use crate::schema::{words_analyzer, DocKind, Fields};

/// Builds the documents of articles; one per thread, since it keeps an analyzer.
pub(crate) struct DocBuilder {
    fields: Fields,
    words: TextAnalyzer,
}

impl DocBuilder {
    pub(crate) fn new(fields: Fields) -> DocBuilder {
        DocBuilder {
            fields,
            words: words_analyzer(),
        }
    }

    /// The section and reading-entry documents of one article from the file `rel`.
    ///
    /// The article's distinct words (for typo corrections, suggestions and completions)
    /// go into the `words` field of its first document only: those features need the
    /// dictionary and how many articles use each word, not where. Finding them here, in
    /// the parsing threads, spares the indexer threads most of that field's cost (a third
    /// of a build when every section carried all its words). They are handed over as
    /// text, not pre-tokenized: tantivy passes pre-tokenized values through JSON.
    pub(crate) fn article_docs(&mut self, rel: &str, article: &Article) -> Vec<TantivyDocument> {
        let fields = &self.fields;
        let mut docs = Vec::with_capacity(article.sections.len() + article.reading.len());
        let common = |kind: DocKind| {
            let mut doc = TantivyDocument::new();
            doc.add_text(fields.kind, kind.as_str());
            doc.add_text(fields.file, rel);
            doc.add_text(fields.article, &article.id);
            doc.add_text(fields.title, &article.title);
            if let Some(year) = article.year {
                doc.add_u64(fields.year, year);
            }
            doc
        };
        for section in &article.sections {
            let mut doc = common(DocKind::Section);
            doc.add_text(fields.heading, section.headings.join(HEADING_SEPARATOR));
            doc.add_text(fields.body, &section.text);
            doc.add_u64(fields.position, section.position as u64);
            docs.push(doc);
        }
        for (i, entry) in article.reading.iter().enumerate() {
            let mut doc = common(DocKind::Reading);
            doc.add_text(fields.heading, &entry.heading);
            doc.add_text(fields.context, &entry.context);
            doc.add_text(fields.book, &entry.title);
            if let Some(author) = &entry.author {
                doc.add_text(fields.author, author);
            }
            doc.add_u64(fields.position, i as u64);
            docs.push(doc);
        }
        if let Some(first) = docs.first_mut() {
            first.add_text(fields.words, self.distinct_words(article));
        }
        docs
    }

    /// Every word of the article once, as the `words` field's analyzer makes them,
    /// separated by spaces.
    fn distinct_words(&mut self, article: &Article) -> String {
        let mut texts: Vec<&str> = vec![&article.title];
        for section in &article.sections {
            texts.extend(section.headings.iter().map(String::as_str));
            texts.push(&section.text);
        }
        for entry in &article.reading {
            texts.extend([entry.heading.as_str(), entry.title.as_str()]);
            texts.extend(entry.author.as_deref());
        }
        // Words are told apart by a 64-bit hash: no allocation per word, and a collision
        // (odds of about 1 in 10^13 per article) would at worst leave one word out.
        let mut seen = FxHashSet::with_capacity_and_hasher(2048, Default::default());
        let mut words = String::new();
        for text in texts {
            let mut stream = self.words.token_stream(text);
            while let Some(token) = stream.next() {
                if seen.insert(xxh3_64(token.text.as_bytes())) {
                    words.push_str(&token.text);
                    words.push(' ');
                }
            }
        }
        words
    }
}

/// The bookkeeping document of one corpus file.
pub(crate) fn file_doc(
    fields: &Fields,
    record: &FileRecord,
    skipped: Option<&str>,
) -> TantivyDocument {
    let mut doc = TantivyDocument::new();
    doc.add_text(fields.kind, DocKind::File.as_str());
    doc.add_text(fields.file, &record.rel);
    doc.add_u64(fields.hash, record.hash);
    doc.add_u64(fields.size, record.size);
    doc.add_u64(fields.mtime, record.mtime_ns);
    doc.add_u64(fields.articles, record.articles);
    if let Some(reason) = skipped {
        doc.add_text(fields.skipped, reason);
    }
    doc
}
