//! Reading the corpus: listing its files and turning each into articles.
//!
//! A corpus is a folder read recursively; hidden entries are skipped. Each `.txt`, `.md`,
//! `.html`/`.htm`, `.mht`, `.pdf`, `.epub`, `.docx`, `.odt` and `.rtf` file is one article, each
//! line of a `.jsonl` file is one, and each record of a `.json` file's list. Files that cannot be read as text are skipped with a
//! reason; nothing here ever aborts a whole run because of one file.

mod chunks;
mod docx;
mod dump;
mod epub;
mod html;
mod html_tags;
mod json;
mod jsonl;
mod lenient;
mod markdown;
mod mhtml;
mod model;
mod odt;
mod pdf;
mod pdf_nesting;
mod reading;
mod reading_heading;
mod rendered;
mod rtf;
mod text;
mod txt;
mod walk;
mod wrapped;
mod zipped;

pub use chunks::{read_in_chunks, read_in_chunks_shared};
pub use dump::{scan_records, RecordScan};
pub use model::{Article, ReadingEntry, Section, HEADING_SEPARATOR};
pub(crate) use reading_heading::is_reading_heading;
pub(crate) use walk::is_hidden;
pub use walk::{list_files, stem, CorpusFile, Listing};

use std::io::Read;

use text::{strip_markdown, strip_rendered, Document};

/// Default largest file that is read; bigger files are skipped with a warning.
pub const DEFAULT_MAX_FILE_SIZE: u64 = 16 * 1024 * 1024;

/// Largest PDF, EPUB, DOCX or ODT read (unless `--max-file-size` is larger): such a file
/// is read whole, and its size is mostly pictures and fonts, so the limit of a file holds
/// its text instead (an archive's text files, a PDF's text).
const MAX_ARCHIVE_BYTES: u64 = 1 << 30;

/// The article formats annals reads, chosen by file extension.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Text,
    Markdown,
    Html,
    /// A web page saved as one file: a MIME message holding the page and its pictures.
    Mhtml,
    JsonLines,
    /// A JSON file: a list of records, or an object holding them.
    Json,
    Pdf,
    Epub,
    /// Word documents (Office Open XML).
    Docx,
    /// OpenDocument text (LibreOffice).
    Odt,
    /// Rich Text Format (TextEdit, Word, Scrivener).
    Rtf,
}

impl Format {
    /// The format of a file with this extension, or `None` when annals does not read it.
    pub fn from_extension(ext: &str) -> Option<Format> {
        match ext.to_ascii_lowercase().as_str() {
            "txt" | "text" => Some(Format::Text),
            "md" | "markdown" | "mdown" | "mkd" | "mkdn" => Some(Format::Markdown),
            "html" | "htm" | "xhtml" | "xht" => Some(Format::Html),
            "mht" | "mhtml" => Some(Format::Mhtml),
            // NDJSON is JSON Lines under the other name it goes by.
            "jsonl" | "ndjson" => Some(Format::JsonLines),
            "json" => Some(Format::Json),
            "pdf" => Some(Format::Pdf),
            "epub" => Some(Format::Epub),
            "docx" => Some(Format::Docx),
            "odt" => Some(Format::Odt),
            "rtf" => Some(Format::Rtf),
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
    // A PDF, or an EPUB, DOCX or ODT (a zip archive), is mostly its pictures and fonts: its
    // text is held to the limit, and the file, read whole, to a bound of its own.
    let archive = matches!(
        file.format,
        Format::Pdf | Format::Epub | Format::Docx | Format::Odt
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

/// Parse a file's bytes as the given format. `rel` is the path relative to the corpus root.
pub fn parse_bytes(rel: &str, format: Format, bytes: &[u8]) -> FileContent {
    parse_with_limit(rel, format, bytes, DEFAULT_MAX_FILE_SIZE, None)
}

/// [`parse_bytes`], JSON Lines records, a PDF's text and the text files of archives larger than
/// `max_record` bytes skipped with a warning; `same_name` is another file whose path
/// differs only by its extension (see [`CorpusFile::same_name`]).
fn parse_with_limit(
    rel: &str,
    format: Format,
    bytes: &[u8],
    max_record: u64,
    same_name: Option<&str>,
) -> FileContent {
    let mut content = FileContent::default();
    let stem = file_name_stem(rel);
    let id = match same_name {
        None => walk::stem(rel).to_string(),
        // A dump's records have ids of their own; the file's only prefixes those without.
        Some(_) if matches!(format, Format::JsonLines | Format::Json) => rel.to_string(),
        Some(other) => {
            content.warnings.push(format!(
                "{other} has the same name: the article id is {rel:?}, not {:?}, to keep \
                 the two apart",
                walk::stem(rel)
            ));
            rel.to_string()
        }
    };
    // Binary formats, read from their bytes.
    let binary = match format {
        Format::Pdf => {
            Some(pdf::parse(bytes, max_record).map(|o| (o, Vec::new(), keep as fn(&str) -> String)))
        }
        Format::Epub => Some(
            epub::parse(bytes, max_record)
                .map(|(o, w)| (o, w, strip_rendered as fn(&str) -> String)),
        ),
        Format::Docx => Some(
            docx::parse(bytes, max_record)
                .map(|o| (o, Vec::new(), strip_rendered as fn(&str) -> String)),
        ),
        Format::Rtf => {
            Some(rtf::parse(bytes).map(|o| (o, Vec::new(), strip_rendered as fn(&str) -> String)))
        }
        Format::Odt => Some(
            odt::parse(bytes, max_record)
                .map(|o| (o, Vec::new(), strip_rendered as fn(&str) -> String)),
        ),
        _ => None,
    };
    if let Some(read) = binary {
        let (outline, warnings, strip) = match read {
            Ok(read) => read,
            Err(reason) => return skip(reason),
        };
        content.warnings = warnings;
        content
            .articles
            .extend(outline.into_article(id, rel.to_string(), &stem, strip));
        if content.articles.is_empty() {
            content.skipped = Some("no text to index".into());
        }
        return content;
    }
    if format == Format::JsonLines {
        let mut records = dump::Records::new(rel, id, max_record);
        content.articles = records.articles(bytes, &mut content.warnings);
        content.warned_records = records.take_warned();
        if content.articles.is_empty() {
            content.skipped = Some("no text to index".into());
        }
        return content;
    }
    if format == Format::Json {
        let items = match json::items(bytes) {
            Ok(items) => items,
            Err(reason) => return skip(reason),
        };
        if items.lossy {
            (content.warnings).push("not valid UTF-8; decoded with replacement characters".into());
        }
        let mut records = dump::Records::new(rel, id, max_record).items();
        content.articles = records.articles(items.lines.as_bytes(), &mut content.warnings);
        if content.articles.is_empty() {
            content.skipped = Some("no text to index".into());
        }
        return content;
    }
    // A page saved as one file is read as the page it holds.
    let saved;
    let (bytes, declared) = match format {
        Format::Mhtml => match mhtml::page(bytes) {
            Ok(page) => {
                saved = page.html;
                (&saved[..], page.charset)
            }
            Err(reason) => return skip(reason),
        },
        _ => (bytes, None),
    };
    let html = matches!(format, Format::Html | Format::Mhtml);
    let decoded = match declared {
        Some(encoding) if encoding != encoding_rs::UTF_8 => {
            Document::Unicode(encoding.decode_without_bom_handling(bytes).0.into_owned())
        }
        _ => text::decode_document(bytes, html),
    };
    let text = match decoded {
        Document::Unicode(text) => text,
        Document::Legacy {
            text,
            encoding,
            guessed,
        } => {
            if guessed {
                content.warnings.push(format!(
                    "not UTF-8; read as {encoding}, the encoding its bytes suggest"
                ));
            }
            text
        }
        Document::Lossy(text) => {
            content
                .warnings
                .push("not valid UTF-8; decoded with replacement characters".into());
            text
        }
        Document::Binary => return skip("binary file (contains NUL bytes)".into()),
    };
    let single = |outline: model::Outline, strip: fn(&str) -> String| {
        outline.into_article(id.clone(), rel.to_string(), &stem, strip)
    };
    match format {
        Format::Text => content.articles.extend(single(txt::parse(&text), keep)),
        Format::Markdown => content
            .articles
            .extend(single(markdown::parse(&text), strip_markdown)),
        Format::Html | Format::Mhtml => match html::parse(&text) {
            Ok((outline, warnings)) => {
                content.warnings.extend(warnings);
                content.articles.extend(single(outline, strip_rendered));
            }
            Err(e) => return skip(format!("cannot be parsed as HTML: {e}")),
        },
        Format::JsonLines
        | Format::Json
        | Format::Pdf
        | Format::Epub
        | Format::Docx
        | Format::Odt
        | Format::Rtf => {
            unreachable!("dumps and binary formats are read above")
        }
    }
    if content.articles.is_empty() && content.skipped.is_none() {
        content.skipped = Some("no text to index".into());
    }
    content
}

/// The file name of `rel` without its extension (both of `dump.jsonl.gz`): the title of an
/// article that has none.
fn file_name_stem(rel: &str) -> String {
    let stem = walk::stem(rel);
    stem[stem.rfind('/').map_or(0, |i| i + 1)..].to_string()
}

fn keep(s: &str) -> String {
    s.to_string()
}

fn skip(reason: String) -> FileContent {
    FileContent {
        skipped: Some(reason),
        ..FileContent::default()
    }
}

/// A fast, stable 64-bit content hash (xxHash3).
pub fn hash_bytes(bytes: &[u8]) -> u64 {
    xxhash_rust::xxh3::xxh3_64(bytes)
}

#[cfg(test)]
mod tests;
