//! Reading the corpus: listing its files and turning each into articles.
//!
//! A corpus is a folder read recursively; hidden entries are skipped. Each `.txt`, `.md`,
//! `.org`, `.rst`, `.adoc`, `.html`/`.htm`, `.mht`, `.pdf`, `.epub`, `.mobi`/`.azw3`,
//! `.fb2`, `.docx`, `.doc`, `.odt`, `.rtf`, `.tex`, `.wiki` and TEI `.xml` file is one article;
//! each line of a `.jsonl` file is one, and so is each record of a `.json` file, each row
//! of a `.csv` or `.tsv` table, each note of an `.enex` export and each page of a wiki's
//! `.xml` export. Files that cannot be read are skipped with a reason; nothing here ever
//! aborts a whole run because of one file.

mod asciidoc;
mod bib;
mod bib_strings;
mod brackets;
mod capped;
mod chunks;
mod citation;
mod citation_names;
mod doc;
mod doc_tables;
mod docx;
mod dump;
mod dump_scan;
mod enex;
mod epub;
mod fb2;
mod feed;
mod fields;
mod formats;
mod gutenberg;
mod gzip;
mod html;
mod html_contents;
mod html_italics;
mod html_landmarks;
mod html_meta;
mod html_tags;
mod html_word;
mod jats;
mod json;
mod jsonl;
mod jsonl_record;
mod latex;
mod lenient;
mod markdown;
mod markup;
mod mhtml;
mod mobi;
mod model;
mod odt;
mod org;
mod pdf;
mod pdf_cover;
mod pdf_entries;
mod pdf_furniture;
mod pdf_guard;
mod reading;
mod reading_heading;
mod record_sections;
mod reference;
mod rendered;
mod ris;
mod rst;
mod rst_inline;
mod rtf;
mod rtf_words;
mod sheet;
mod table;
mod tei;
mod text;
mod txt;
mod walk;
mod webarchive;
mod wikitext;
mod word_styles;
mod wrapped;
mod xml;
mod zipped;

pub use chunks::{read_in_chunks, read_in_chunks_shared};
pub use dump_scan::{scan_records, RecordScan};
pub use model::{Article, ReadingEntry, Section, HEADING_SEPARATOR};
pub(crate) use reading_heading::is_reading_heading;
pub(crate) use walk::is_hidden;
pub use walk::{changed_after, folders_changed_since, list_files, stem, CorpusFile, Listing};

use std::io::Read;

pub use formats::parse_bytes;
use formats::{file_name_stem, keep, parse_with_limit, skip};

/// Default largest file that is read; bigger files are skipped with a warning.
pub const DEFAULT_MAX_FILE_SIZE: u64 = 16 * 1024 * 1024;

/// Largest PDF, EPUB, Kindle book, FictionBook, DOCX, ODT, Evernote export or page saved
/// with its pictures read (unless `--max-file-size` is larger): such a file is read whole,
/// and its size is mostly pictures and fonts, so the limit of a file holds its text instead
/// (an archive's text files, a PDF's text, a note, a saved page's page).
pub(crate) const MAX_ARCHIVE_BYTES: u64 = 1 << 30;

/// The article formats annals reads, chosen by file extension.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Text,
    Markdown,
    /// Org mode (Emacs).
    Org,
    /// reStructuredText (Sphinx, docutils).
    Rst,
    /// AsciiDoc (Asciidoctor).
    AsciiDoc,
    Html,
    /// A web page saved as one file: a MIME message holding the page and its pictures.
    Mhtml,
    /// A web page saved by Safari: a property list holding the page and its pictures.
    WebArchive,
    JsonLines,
    /// A JSON file: a list of records, or an object holding them.
    Json,
    /// A table of records, a row each, its cells separated by commas (or semicolons or
    /// tabs, whichever its header row uses).
    Csv,
    /// A table of records with tab-separated cells.
    Tsv,
    /// A BibTeX or BibLaTeX bibliography: an entry a record.
    Bib,
    /// A RIS bibliography (EndNote, Zotero, library catalogues): a reference a record.
    Ris,
    /// An Excel workbook (Office Open XML): a table of records, as CSV is.
    Xlsx,
    /// An OpenDocument spreadsheet (LibreOffice): a table of records, as CSV is.
    Ods,
    Pdf,
    Epub,
    /// Kindle e-books (MOBI, AZW, AZW3).
    Mobi,
    /// FictionBook e-books (`.fb2`, or zipped: `.fb2.zip`).
    Fb2,
    /// Word documents (Office Open XML).
    Docx,
    /// Word 97–2003 documents (a compound file).
    Doc,
    /// OpenDocument text (LibreOffice).
    Odt,
    /// Rich Text Format (TextEdit, Word, Scrivener).
    Rtf,
    /// An Evernote export: many notes.
    Enex,
    /// MediaWiki's wikitext: a wiki's page.
    Wikitext,
    /// A LaTeX source.
    Latex,
    /// XML: a TEI text, or a wiki's export of many pages (others are skipped, saying so).
    Xml,
}

impl Format {
    /// Whether a file of this format holds many records, each an article with an id of its
    /// own (a dump, an export, a table): read by the dump reader.
    pub fn holds_records(self) -> bool {
        matches!(
            self,
            Format::JsonLines
                | Format::Json
                | Format::Csv
                | Format::Tsv
                | Format::Bib
                | Format::Ris
                | Format::Xlsx
                | Format::Ods
        )
    }

    /// The format of a file with this extension, or `None` when annals does not read it.
    pub fn from_extension(ext: &str) -> Option<Format> {
        match ext.to_ascii_lowercase().as_str() {
            "txt" | "text" => Some(Format::Text),
            // Quarto's and R Markdown's documents are Markdown with code chunks.
            "md" | "markdown" | "mdown" | "mkd" | "mkdn" | "qmd" | "rmd" => Some(Format::Markdown),
            "org" => Some(Format::Org),
            "rst" | "rest" => Some(Format::Rst),
            "adoc" | "asciidoc" => Some(Format::AsciiDoc),
            // `.shtml`: a page of an old site's server-side includes, as a mirror saves it.
            "html" | "htm" | "xhtml" | "xht" | "shtml" => Some(Format::Html),
            "mht" | "mhtml" => Some(Format::Mhtml),
            "webarchive" => Some(Format::WebArchive),
            // NDJSON is JSON Lines under the other name it goes by.
            "jsonl" | "ndjson" => Some(Format::JsonLines),
            "json" => Some(Format::Json),
            "csv" => Some(Format::Csv),
            "tsv" | "tab" => Some(Format::Tsv),
            // `.xlsm`: a workbook that holds macros, the same format otherwise.
            "xlsx" | "xlsm" => Some(Format::Xlsx),
            "ods" => Some(Format::Ods),
            "bib" | "bibtex" => Some(Format::Bib),
            "ris" => Some(Format::Ris),
            "pdf" => Some(Format::Pdf),
            "epub" => Some(Format::Epub),
            // A Kindle book: MOBI 6, KF8 (`.azw3`), Amazon's name for either (`.azw`), and
            // the Palm extension older ones kept (`.prc`).
            "mobi" | "azw" | "azw3" | "prc" => Some(Format::Mobi),
            "fb2" => Some(Format::Fb2),
            // `.docm`: a Word document that holds macros, the same format otherwise.
            "docx" | "docm" => Some(Format::Docx),
            "doc" => Some(Format::Doc),
            "odt" => Some(Format::Odt),
            "rtf" => Some(Format::Rtf),
            "enex" => Some(Format::Enex),
            // A feed saved as one: read by its root element, as any `.xml` is.
            "xml" | "tei" | "rss" | "atom" => Some(Format::Xml),
            "wiki" | "mediawiki" | "wikitext" => Some(Format::Wikitext),
            "tex" | "latex" | "ltx" => Some(Format::Latex),
            _ => None,
        }
    }
}

/// What reading one file produced.
#[derive(Debug, Default)]
pub struct FileContent {
    pub articles: Vec<Article>,
    /// Problems that did not stop the file from being indexed (bad UTF-8, a broken JSON line).
    pub warnings: Vec<String>,
    /// JSON Lines: the keys of the records whose values were warned about, so that an
    /// update keeping such a record unread can read its warnings again.
    pub warned_records: Vec<u64>,
    /// Why the file was not indexed at all, if it was not.
    pub skipped: Option<String>,
    /// Hash of the file's bytes, used to tell real changes from touched files.
    pub hash: u64,
    /// The file could not be read at all (no permission, gone, an I/O error): unlike a file
    /// skipped for what it holds, it is not remembered, so the next update tries again.
    pub unread: bool,
    /// The bytes hash to what the index already holds, so they were not parsed: `articles`
    /// is empty and says nothing (see [`read_file_if_changed`]).
    pub unchanged: bool,
    /// Articles handed out as the file was read, by [`read_in_chunks`]; `articles` is then
    /// empty.
    pub streamed: usize,
}

/// Read and parse one corpus file. Never fails: problems become warnings or a skip reason.
pub fn read_file(file: &CorpusFile, max_size: u64) -> FileContent {
    read_file_if_changed(file, max_size, None)
}

/// [`read_file`], except that bytes hashing to `known` (the hash the index holds for the
/// file) are not parsed: a touched file costs a read and a hash, not a parse.
pub fn read_file_if_changed(file: &CorpusFile, max_size: u64, known: Option<u64>) -> FileContent {
    // A JSON Lines dump is many articles: its records are held to the limit, not the file.
    // A PDF, an EPUB, DOCX or ODT (a zip archive), a Kindle book, a Word 97–2003 document,
    // an Evernote export, a FictionBook or a page saved with its pictures (MHTML, a Safari
    // web archive) is mostly its pictures and fonts: its text is held to the limit, and the
    // file, read whole, to a bound of its own.
    let archive = matches!(
        file.format,
        Format::Pdf
            | Format::Mhtml
            | Format::WebArchive
            | Format::Epub
            | Format::Mobi
            | Format::Fb2
            | Format::Docx
            | Format::Doc
            | Format::Odt
            | Format::Enex
    );
    let whole_file_limit = match file.format {
        Format::JsonLines => u64::MAX,
        _ if archive => max_size.max(MAX_ARCHIVE_BYTES),
        _ => max_size,
    };
    if file.size > whole_file_limit {
        return skip(match archive {
            true => format!(
                "larger than {whole_file_limit} bytes, the most a PDF or an archive is read \
                 to ({} bytes)",
                file.size
            ),
            false => format!(
                "larger than the size limit ({} > {} bytes; see --max-file-size)",
                file.size, max_size
            ),
        });
    }
    let mut bytes = Vec::new();
    // A compressed dump is held to no limit, as a dump is: its records are.
    // Read one byte past the limit, to tell a file that grew since it was listed.
    let read = file.open().and_then(|read| {
        read.take(whole_file_limit.saturating_add(1))
            .read_to_end(&mut bytes)
    });
    let bytes = match read {
        Ok(_) => bytes,
        Err(e) => {
            return FileContent {
                unread: true,
                ..skip(format!("cannot be read: {e}"))
            }
        }
    };
    if bytes.len() as u64 > whole_file_limit {
        return skip(format!(
            "larger than the size limit ({whole_file_limit} bytes; see --max-file-size)"
        ));
    }
    let hash = hash_bytes(&bytes);
    if known == Some(hash) {
        return FileContent {
            hash,
            unchanged: true,
            ..FileContent::default()
        };
    }
    let mut content = parse_with_limit(
        &file.rel,
        file.format,
        &bytes,
        max_size,
        file.same_name.as_deref(),
    );
    content.hash = hash;
    content
}

/// A fast, stable 64-bit content hash (xxHash3).
pub fn hash_bytes(bytes: &[u8]) -> u64 {
    xxhash_rust::xxh3::xxh3_64(bytes)
}

#[cfg(test)]
mod tests;
