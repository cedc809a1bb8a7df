//! The tantivy schema: one document per article section, per reading-list entry, and per
//! corpus file (the bookkeeping that incremental updates compare against). Field handles
//! live in [`Fields`], built once; analyzers are registered by [`register_analyzers`].

use tantivy::schema::{
    Field, IndexRecordOption, NumericOptions, Schema, TextFieldIndexing, TextOptions, FAST,
    INDEXED, STORED, STRING,
};
use tantivy::tokenizer::TextAnalyzer;
use tantivy::Index;

use crate::analyzer::WordTokenizer;

/// The [`Fields::article_key`] of the article with id `id`.
pub fn article_key(id: &str) -> u64 {
    crate::corpus::hash_bytes(id.as_bytes())
}

/// Bumped whenever the schema, the analyzers or what the readers index change; an index
/// with another version is rebuilt rather than misread (or left missing what an unchanged
/// file now gives, as a dump's records with only a title, or with their text under
/// another name, since 18, when acronyms with full stops became one word too; 19: combining
/// marks belong to their word, and words are composed before folding; 20: a reading list
/// is told by its heading's words; 21: ARIA landmarks and a wiki page's chrome are not
/// text; 22: Markdown's wikilinks, embeds, callout marks and template tags; 23: wrapped
/// plain text read paragraph by paragraph; 24: a web page's main content is its text; 25:
/// reading lists headed in other languages, `CHAPTER XII.` a heading; 26: a headline
/// above a page's main content heads it; 27: `For further reading`, `Books and articles`;
/// 28: reading lists headed in 20 more languages; 29: an RTF font's own character set,
/// text composed (NFC); 30: a page laid out in tables read cell by cell, a PDF held to the
/// size limit by its text; 31: a `.docx` that is a Word 97–2003 document read as one, a
/// PDF bookmark's section starting after its printed heading and its lead after its title
/// line, an RTF's title style, tracked deletions and contents lines, an ODT's title style,
/// a web page's note marks and Word's fallbacks, a reading list's citations a paragraph
/// each, an EPUB chapter's contents label; 32: other languages' words stemmed as written,
/// then folded, with the folded word's stem beside, every language whatlang tells named, and
/// a word read across a soft hyphen or a joiner, a superscript digit no part of a word,
/// transliterations' apostrophes unspelled, Greek folded, `ё` read as `е`; 33: Arabic
/// script folded; 34: a citation's author named surname first before its quoted title; 35:
/// every script's decimal digits read as ASCII's, in words and in years; 36: a stemmed
/// language's stems behind that language's mark; 37: the name made up for an untitled
/// record stored apart, unsearched; 38: the dictionary counts how words folding changes are
/// written; 39: an untitled record named by its opening words; 40: Org, reStructuredText
/// and AsciiDoc files read, a front matter's date given as prose read for its year,
/// half-width katakana read as full-width, fourteen more languages stemmed and the others'
/// stems from Snowball's current release, a page's whole citation in `<cite>` read for its
/// italic title, a reference list's notes (`Smith, p. 12`) no books, a plain text's rules
/// and underlines no text, a German citation's authors before its colon; 41: the
/// dictionary lists long words by their endings, for compounds; 42: BibTeX and RIS
/// bibliographies read, a record's year read from a date as written (`1815-06-18`) or from
/// CSL JSON's `issued`); 43: Turkish lower-cased as Turkish writes it, and a word with the
/// possessive its stemmer keeps indexed as the word without it too; 44: spans a page's or
/// an e-book's style sheets set in italics read as emphasis; 45: short words joined by
/// ampersands one word, `AT&T`; 46: `C++` and `C#` one word; 47: a PDF's running heads
/// and page numbers no text; 48: a PDF heading's number no text of the section before;
/// 49: a Project Gutenberg book read without its header and licence; 50: a PDF
/// bibliography's entries wrapped over lines read whole; 51: an older Project Gutenberg
/// web page read without the header and licence around its book; 52: a JSTOR cover sheet
/// names its article and is no text; 53: an Arabic word ending in heh also stemmed as
/// ending in teh marbuta; 54: a plain text's heading set out with spaces read as its
/// words; 55: short lines following each other deeper than three are text, not headings; 56: each Han
/// character of a CJK run a word too, traditional characters read as simplified; 57: a
/// Greek stem without a final iota after a consonant; 58: text whose commonest words are
/// more another language's than English's is not taken for English; 59: a Spanish or
/// Portuguese plural stemmed as its singular; 60: Kindle books read; 61: a table of contents' entries no text; 62: each
/// Hangul syllable of a run a word too; 63: a citation's author written surname and
/// initials without a comma read as one; 64: an EPUB's creators and subjects its authors
/// and tags; 65: a wiki's XML export read, no longer skipped as XML that is no TEI; 66: a
/// web page's authors from its head's `<meta>` tags; 67: a citation's author written first
/// name first with an initial, and an editor's, read; a quoted title's journal no book; 68:
/// several authors, surnames in capitals and citations written with commas read; 69:
/// centuries in words and in other languages, eras and CJK years read as years; 70: a
/// text's list items numbered `[3]` and `(4)`, and authors first name first joined by `and`;
/// 71: a year of the Islamic calendars no year; 72: years of Japan's eras and Thailand's
/// Buddhist era read; 73: a Japanese era's year in Chinese numerals; 74: a surname in
/// capitals before initials written as a name; 75: JSON Lines records read under other
/// dumps' keys, with sections nested; 76: Slovak stemmed as Czech, Croatian as Serbian,
/// Bulgarian by its light stemmer; 77: feeds and blogs' exports read, an item an article;
/// 78: JATS and DocBook read; 79: Excel and OpenDocument spreadsheets read; 80: a JSON
/// record's text in HTML read as a page; 81: a JSON file's records looked for five deep;
/// 82: Latvian stemmed; 83: a record's `date` read for its year, a spreadsheet's date
/// cells as dates; 84: centuries as 20 more languages write them; 85: languages named by
/// catalogue codes, and twenty the detector does not tell; 86: Bengali stemmed; 87: an
/// editor's credit and a semicolon ending a citation's inverted name; 88: years of Japan's
/// Edo eras, China's Ming and Qing eras and the Republic of China; 89: centuries in French
/// and German ordinal words, and Italian's names of them; 90: a year of the Islamic
/// calendars read as the Christian year it begins in; 91: reading lists' headings in ten
/// more languages, and Devanagari's and Bengali's whole; 92: Vietnamese's, Thai's and
/// Chinese `参考资料`; 93: every sheet of articles of a workbook; 94: Latin stemmed;
/// 95: Catalan plurals read as their singulars; 96: Urdu's years in Persian's digits
/// Christian; 97: a Hebrew abbreviation with gershayim one word; 98: Slovene,
/// Macedonian and Belarusian stemmed; 99: Latin's genitive plurals stemmed;
/// 100: Galician stemmed; 101: a heading restating the one above it no level of its own;
/// 102: a heading's permalink mark no text).
pub const SCHEMA_VERSION: u32 = 103;

/// The analyzer of every text field: words, lowercased, accents folded, English stems,
/// common function words dropped.
pub const TEXT_ANALYZER: &str = "annals_en";

/// The `part` of a reading entry whose list is in no section.
pub const NO_PART: u64 = u64::MAX;

/// What a document stands for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DocKind {
    /// A section of an article.
    Section,
    /// A book in an article's reading list.
    Reading,
    /// Bookkeeping for one corpus file; never returned by searches.
    File,
}

impl DocKind {
    /// The value stored in the `kind` field.
    pub fn as_str(self) -> &'static str {
        match self {
            DocKind::Section => "section",
            DocKind::Reading => "reading",
            DocKind::File => "file",
        }
    }
}

/// What a timeline counts a document under: its kind and its year, in one value that every
/// document has (see [`Fields::timeline_key`]); 0 for a bookkeeping document.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TimelineKey(pub u64);

/// The key's low bits: which kind the document is (a bookkeeping document has neither).
const SECTION_BIT: u64 = 1;
const READING_BIT: u64 = 2;
const KIND_BITS: u32 = 2;

impl TimelineKey {
    /// The key of a document of `kind` dated `year` (within [`crate::dates::MAX_YEAR`]).
    pub fn new(kind: DocKind, year: Option<i64>) -> TimelineKey {
        let kind = match kind {
            DocKind::Section => SECTION_BIT,
            DocKind::Reading => READING_BIT,
            DocKind::File => 0,
        };
        // 0 for no year; the others offset to be positive.
        let year = year.map_or(0, |y| (y + crate::dates::MAX_YEAR + 1) as u64);
        TimelineKey(year << KIND_BITS | kind)
    }

    /// Whether the document is a section.
    pub fn is_section(self) -> bool {
        self.0 & SECTION_BIT != 0
    }

    /// Whether the document is a reading entry.
    pub fn is_reading(self) -> bool {
        self.0 & READING_BIT != 0
    }

    /// The document's year, if it has one.
    pub fn year(self) -> Option<i64> {
        match self.0 >> KIND_BITS {
            0 => None,
            offset => Some(offset as i64 - crate::dates::MAX_YEAR - 1),
        }
    }
}

/// Handles of every field in the schema.
#[derive(Debug, Clone, Copy)]
pub struct Fields {
    /// `section`, `reading` or `file`.
    pub kind: Field,
    /// Source file path relative to the corpus root; every document of a file carries it, so
    /// one term deletes them all.
    pub file: Field,
    /// Article id.
    pub article: Field,
    pub title: Field,
    /// The name shown for an article without a title of its own (a record's opening words,
    /// else its file and number): stored, never searched, so that opening words count once,
    /// as the text they are, and made-up words (`line`, the number) not at all. Such an
    /// article's `title` is empty.
    pub untitled: Field,
    /// The heading path, joined with ` › `; for reading entries, the list's heading.
    pub heading: Field,
    /// Every word of the document, indexed and not stored: the title, the heading path and
    /// the section's text, or for reading entries the title, heading, book and author. The
    /// field a query's words are scored in, as one `contents` field is in Lucene.
    pub body: Field,
    /// Section text, stored for snippets and display. Reading entries have none.
    pub text: Field,
    /// Reading entries: the sentence or list item naming the book, stored for snippets.
    pub context: Field,
    pub book: Field,
    pub author: Field,
    /// The section's year (its own first year, else its article's); signed, BC negative.
    pub year: Field,
    /// The article's year, the same in all its documents (stored only).
    pub article_year: Field,
    /// Every document: its [`TimelineKey`], a dense column read for each match of a
    /// timeline, where the optional `year` and the `kind` columns cost a look-up each.
    pub timeline_key: Field,
    /// The article's language code (`en`, `de`, `ja`).
    pub lang: Field,
    /// Order of the section in its article; for reading entries, order in the list.
    pub position: Field,
    /// The page a section starts on, for formats with pages (PDF).
    pub page: Field,
    /// The position of the section a document belongs to: a section's own, a reading
    /// entry's list's ([`NO_PART`] when the list is in no section). Search shows a section
    /// and the books it lists as one hit by it.
    pub part: Field,
    /// The article's own tags and authors (front matter, JSON Lines), one value each, on
    /// its section documents; `tags:` and `authors:` in a query.
    pub tags: Field,
    pub authors: Field,
    /// A hash of the document's article id ([`article_key`]): which documents are of one
    /// article, read from a column without decoding the id.
    pub article_key: Field,
    /// The key of the JSON Lines record a document's article came from (see
    /// [`crate::corpus::scan_records`]): one term deletes a changed record's documents.
    pub record: Field,
    /// File documents: content hash, size in bytes, modification time in ns.
    pub hash: Field,
    pub size: Field,
    pub mtime: Field,
    /// File documents: how many articles the file holds.
    pub articles: Field,
    /// File documents: why the file was skipped, if it was.
    pub skipped: Field,
    /// File documents: what was warned about when the file was read, one value each, and
    /// how many (a column, so that an update counts them without reading documents).
    pub warnings: Field,
    pub warned: Field,
    /// File documents of JSON Lines dumps: the keys of the records warned about.
    pub warned_records: Field,
}

impl Fields {
    /// The fields a word without a `field:` is looked for in: the catch-all `body`, then
    /// `title` and `heading`, which a query also scores it in (with the weights of
    /// `search::query::FIELD_WEIGHTS`, in this order). The timeline's counts written at
    /// index time count a word's union over exactly these.
    pub fn word_fields(&self) -> [Field; 3] {
        [self.body, self.title, self.heading]
    }

    /// Build the schema and its field handles.
    pub fn build() -> (Schema, Fields) {
        let mut b = Schema::builder();
        let text = TextOptions::default().set_stored().set_indexing_options(
            TextFieldIndexing::default()
                .set_tokenizer(TEXT_ANALYZER)
                .set_index_option(IndexRecordOption::WithFreqsAndPositions),
        );
        let indexed_only = TextOptions::default().set_indexing_options(
            TextFieldIndexing::default()
                .set_tokenizer(TEXT_ANALYZER)
                .set_index_option(IndexRecordOption::WithFreqsAndPositions),
        );
        let number = NumericOptions::default().set_stored().set_fast();
        let fields = Fields {
            kind: b.add_text_field("kind", STRING | STORED | FAST),
            file: b.add_text_field("file", STRING | STORED | FAST),
            article: b.add_text_field("article", STRING | STORED | FAST),
            title: b.add_text_field("title", text.clone()),
            untitled: b.add_text_field("untitled", STORED),
            heading: b.add_text_field("heading", text.clone()),
            body: b.add_text_field("body", indexed_only),
            text: b.add_text_field("text", STORED),
            context: b.add_text_field("context", STORED),
            book: b.add_text_field("book", text.clone()),
            author: b.add_text_field("author", text.clone()),
            tags: b.add_text_field("tags", text.clone()),
            authors: b.add_text_field("authors", text),
            year: b.add_i64_field("year", number.clone() | INDEXED),
            article_year: b.add_i64_field("article_year", STORED),
            timeline_key: b.add_u64_field("timeline_key", FAST),
            lang: b.add_text_field("lang", STRING | STORED | FAST),
            position: b.add_u64_field("position", STORED),
            page: b.add_u64_field("page", STORED),
            part: b.add_u64_field("part", FAST),
            article_key: b.add_u64_field("article_key", INDEXED | FAST),
            record: b.add_u64_field("record", INDEXED | FAST),
            hash: b.add_u64_field("hash", number.clone()),
            size: b.add_u64_field("size", number.clone()),
            mtime: b.add_u64_field("mtime", number.clone()),
            articles: b.add_u64_field("articles", number.clone()),
            skipped: b.add_text_field("skipped", STORED),
            warnings: b.add_text_field("warnings", STORED),
            warned: b.add_u64_field("warned", number),
            warned_records: b.add_u64_field("warned_records", STORED),
        };
        (b.build(), fields)
    }

    /// Field handles of an existing index's schema, or `None` if a field is missing.
    pub fn from_schema(schema: &Schema) -> Option<Fields> {
        let f = |name: &str| schema.get_field(name).ok();
        Some(Fields {
            kind: f("kind")?,
            file: f("file")?,
            article: f("article")?,
            title: f("title")?,
            untitled: f("untitled")?,
            heading: f("heading")?,
            body: f("body")?,
            text: f("text")?,
            context: f("context")?,
            book: f("book")?,
            author: f("author")?,
            tags: f("tags")?,
            authors: f("authors")?,
            year: f("year")?,
            article_year: f("article_year")?,
            timeline_key: f("timeline_key")?,
            lang: f("lang")?,
            position: f("position")?,
            page: f("page")?,
            part: f("part")?,
            article_key: f("article_key")?,
            record: f("record")?,
            hash: f("hash")?,
            size: f("size")?,
            mtime: f("mtime")?,
            articles: f("articles")?,
            skipped: f("skipped")?,
            warnings: f("warnings")?,
            warned: f("warned")?,
            warned_records: f("warned_records")?,
        })
    }

    /// The title shown for a document whose stored `title` and `untitled` fields hold
    /// these: its title, else the name made up for it (see [`Fields::untitled`]).
    pub fn shown_title(title: String, untitled: &str) -> String {
        match title.is_empty() {
            true => untitled.to_string(),
            false => title,
        }
    }

    /// The stored fields holding a document's words (what its catch-all `body` indexes),
    /// in the order `body` takes them.
    pub fn stored_texts(&self) -> [Field; 5] {
        [self.title, self.heading, self.text, self.book, self.author]
    }

    /// The text fields a query searches when it names no field, with the query-syntax name of
    /// each.
    pub fn searchable(&self) -> [(&'static str, Field); 7] {
        [
            ("title", self.title),
            ("heading", self.heading),
            ("body", self.body),
            ("book", self.book),
            ("author", self.author),
            ("tags", self.tags),
            ("authors", self.authors),
        ]
    }
}

/// How queries of every text field are analysed.
pub fn text_analyzer() -> TextAnalyzer {
    TextAnalyzer::from(WordTokenizer::text())
}

/// How every text field is analysed as it is indexed: as queries are, with each Han
/// character of a CJK run a word of its own too ([`WordTokenizer::indexed`]).
pub fn index_analyzer() -> TextAnalyzer {
    TextAnalyzer::from(WordTokenizer::indexed())
}

/// Words as written, lower-cased and folded: what the word dictionary holds (see
/// [`crate::dictionary`]), and how query words are looked up in it.
pub fn words_analyzer() -> TextAnalyzer {
    TextAnalyzer::from(WordTokenizer::words())
}

/// Register annals' analyzers on an index. Needed after every open: tantivy does not store
/// analyzers in the index.
pub fn register_analyzers(index: &Index) {
    index.tokenizers().register(TEXT_ANALYZER, index_analyzer());
}

#[cfg(test)]
mod tests {
    use super::*;
    use tantivy::tokenizer::TokenStream;

    fn tokens(text: &str) -> Vec<(String, usize)> {
        let mut analyzer = text_analyzer();
        let mut stream = analyzer.token_stream(text);
        let mut out = Vec::new();
        while let Some(token) = stream.next() {
            out.push((token.text.clone(), token.position));
        }
        out
    }

    #[test]
    fn analyzer_stems_folds_and_drops_stop_words_keeping_positions() {
        let got = tokens("Negotiating the Treaty of Zürich");
        assert_eq!(
            got,
            vec![
                ("negoti".into(), 0),
                ("treati".into(), 2),
                ("zurich".into(), 4)
            ]
        );
        assert_eq!(tokens("negotiate")[0].0, "negoti");
    }

    #[test]
    fn timeline_keys_hold_kind_and_year() {
        use crate::dates::MAX_YEAR;
        for year in [
            None,
            Some(-MAX_YEAR),
            Some(-44),
            Some(0),
            Some(1914),
            Some(MAX_YEAR),
        ] {
            let section = TimelineKey::new(DocKind::Section, year);
            assert_eq!(section.year(), year);
            assert!(section.is_section() && !section.is_reading());
            let reading = TimelineKey::new(DocKind::Reading, year);
            assert_eq!(reading.year(), year);
            assert!(!reading.is_section() && reading.is_reading());
        }
        let file = TimelineKey::new(DocKind::File, None);
        assert!(!file.is_section() && !file.is_reading());
        assert_eq!(file.year(), None);
    }

    #[test]
    fn field_handles_round_trip_through_the_schema() {
        let (schema, fields) = Fields::build();
        let again = Fields::from_schema(&schema).unwrap();
        assert_eq!(again.body, fields.body);
        assert_eq!(again.skipped, fields.skipped);
    }
}
