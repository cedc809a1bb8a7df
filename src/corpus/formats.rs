//! Reading one file's bytes by its format: the one place a format is dispatched to its
//! reader, and what every reader's outline goes through to become articles.

use super::text::{self, strip_markdown, strip_rendered, Document};
use super::{
    asciidoc, bib, doc, docx, dump, enex, epub, fb2, feed, html, jats, json, latex, markdown,
    mhtml, mobi, model, odt, org, pdf, ris, rst, rtf, sheet, table, tei, txt, walk, webarchive,
    wikitext, xml, Article, FileContent, Format, DEFAULT_MAX_FILE_SIZE, MAX_ARCHIVE_BYTES,
};

/// Parse a file's bytes as the given format. `rel` is the path relative to the corpus root.
pub fn parse_bytes(rel: &str, format: Format, bytes: &[u8]) -> FileContent {
    parse_with_limit(rel, format, bytes, DEFAULT_MAX_FILE_SIZE, None)
}

/// [`parse_bytes`], JSON Lines records, a PDF's text and the text files of archives larger
/// than `max_record` bytes skipped with a warning; `same_name` is another file whose path
/// differs only by its extension (see [`CorpusFile::same_name`]).
///
/// [`CorpusFile::same_name`]: super::CorpusFile::same_name
pub(super) fn parse_with_limit(
    rel: &str,
    format: Format,
    bytes: &[u8],
    max_record: u64,
    same_name: Option<&str>,
) -> FileContent {
    let mut content = FileContent::default();
    let id = match same_name {
        None => walk::stem(rel).to_string(),
        // A dump's records have ids of their own; the file's only prefixes those without.
        Some(_) if format.holds_records() => rel.to_string(),
        Some(other) => {
            content.warnings.push(format!(
                "{other} has the same name: the article id is {rel:?}, not {:?}, to keep \
                 the two apart",
                walk::stem(rel)
            ));
            rel.to_string()
        }
    };
    let file = File {
        rel,
        id,
        stem: file_name_stem(rel),
        max_record,
    };
    let read = match format {
        Format::JsonLines
        | Format::Json
        | Format::Csv
        | Format::Tsv
        | Format::Bib
        | Format::Ris
        | Format::Xlsx
        | Format::Ods => read_records(&file, format, bytes, &mut content),
        Format::Enex => read_notes(&file, bytes, &mut content),
        Format::Pdf
        | Format::Epub
        | Format::Mobi
        | Format::Docx
        | Format::Doc
        | Format::Odt
        | Format::Rtf => read_binary(&file, format, bytes, &mut content),
        Format::Text
        | Format::Markdown
        | Format::Org
        | Format::Rst
        | Format::AsciiDoc
        | Format::Html
        | Format::Mhtml
        | Format::WebArchive
        | Format::Fb2
        | Format::Wikitext
        | Format::Latex
        | Format::Xml => read_text(&file, format, bytes, &mut content),
    };
    if let Err(reason) = read {
        return skip(reason);
    }
    if content.articles.is_empty() {
        content.skipped = Some("no text to index".into());
    }
    content
}

/// The file being read: its path, its article id, the name an untitled article takes, and
/// the size limit of what it holds.
struct File<'a> {
    rel: &'a str,
    id: String,
    stem: String,
    max_record: u64,
}

impl File<'_> {
    /// The file's one article, from `outline`, its inline markup stripped by `strip`.
    fn article(&self, outline: model::Outline, strip: fn(&str) -> String) -> Option<Article> {
        outline.into_article(self.id.clone(), self.rel.to_string(), &self.stem, strip)
    }
}

/// The records of a JSON Lines dump, a JSON file, a table (CSV, TSV) or a bibliography
/// (BibTeX, RIS).
fn read_records(
    file: &File,
    format: Format,
    bytes: &[u8],
    content: &mut FileContent,
) -> Result<(), String> {
    let mut records = dump::Records::new(file.rel, file.id.clone(), file.max_record);
    if format == Format::JsonLines {
        content.articles = records.articles(bytes, &mut content.warnings);
        content.warned_records = records.take_warned();
        return Ok(());
    }
    if format == Format::Json {
        let items = json::items(bytes)?;
        if !items.by_line {
            records = records.items();
        }
        read_items(items, &mut records, content);
        return Ok(());
    }
    if matches!(format, Format::Xlsx | Format::Ods) {
        let ods = format == Format::Ods;
        let sheets = sheet::items(bytes, ods, file.max_record, &mut content.warnings)?;
        let mut records = records.rows();
        for (i, (name, items)) in sheets.into_iter().enumerate() {
            // The first sheet of articles is the file's, named as a CSV file's rows are;
            // a later one names itself in its rows' ids, titles and warnings.
            if i == 0 {
                records.first_sheet(&name);
                read_items(items, &mut records, content);
                continue;
            }
            records.next_sheet(&file.id, &name);
            let mut warnings = Vec::new();
            let read = records.articles(items.lines.as_bytes(), &mut warnings);
            content.articles.extend(read);
            let named = warnings.into_iter().map(|w| format!("sheet {name:?}, {w}"));
            content.warnings.extend(named);
        }
        return Ok(());
    }
    // A spreadsheet's export or a bibliography may be in its system's encoding, or UTF-16.
    let text = decode(bytes, false, None, &mut content.warnings)?;
    let (items, mut records) = match format {
        Format::Bib => (bib::items(&text, &mut content.warnings)?, records.entries()),
        Format::Ris => (ris::items(&text), records.entries()),
        _ => {
            let delimiter = (format == Format::Tsv).then_some(b'\t');
            (table::items(&text, delimiter)?, records.rows())
        }
    };
    read_items(items, &mut records, content);
    Ok(())
}

/// The articles of `items`, one record a line, read by `records`.
fn read_items(items: json::Items, records: &mut dump::Records, content: &mut FileContent) {
    if items.lossy {
        content.warnings.push(text::LOSSY.into());
    }
    content.articles = records.articles(items.lines.as_bytes(), &mut content.warnings);
}

/// The notes of an Evernote export, each an article named by its place (`export#2`).
fn read_notes(file: &File, bytes: &[u8], content: &mut FileContent) -> Result<(), String> {
    let text = match text::decode(bytes) {
        text::Decoded::Utf8(text) => text,
        text::Decoded::Lossy(text) => {
            content.warnings.push(text::LOSSY.into());
            text
        }
        text::Decoded::Binary => return Err("binary file (contains NUL bytes)".into()),
    };
    let (notes, warnings) = enex::parse(&text, file.max_record)?;
    content.warnings.extend(warnings);
    let notes = notes
        .into_iter()
        .map(|(n, outline)| (n.to_string(), outline));
    add_records(file, notes, "note", content);
    Ok(())
}

/// The articles of a file of many (an export's notes or pages), each `(key, outline)` named
/// `file#key`, and shown by its opening words where it has no title, else as `{file}
/// {kind} {key}`.
fn add_records(
    file: &File,
    records: impl Iterator<Item = (String, model::Outline)>,
    kind: &str,
    content: &mut FileContent,
) {
    for (key, outline) in records {
        let id = format!("{}#{key}", file.id);
        let numbered = || format!("{} {kind} {key}", file.stem);
        let record = outline.into_record(id, file.rel.to_string(), numbered, strip_rendered);
        content.articles.extend(record);
    }
}

/// The one article of a binary format, read from its bytes.
fn read_binary(
    file: &File,
    format: Format,
    bytes: &[u8],
    content: &mut FileContent,
) -> Result<(), String> {
    let limit = file.max_record;
    let (outline, strip): (_, fn(&str) -> String) = match format {
        Format::Pdf => (pdf::parse(bytes, limit)?, keep),
        Format::Epub => {
            let (outline, warnings) = epub::parse(bytes, limit)?;
            content.warnings.extend(warnings);
            (outline, strip_rendered)
        }
        Format::Mobi => {
            let (outline, warnings) = mobi::parse(bytes, limit)?;
            content.warnings.extend(warnings);
            (outline, strip_rendered)
        }
        Format::Docx => (docx::parse(bytes, limit)?, strip_rendered),
        Format::Doc => (doc::parse(bytes, limit)?, strip_rendered),
        Format::Odt => (odt::parse(bytes, limit)?, strip_rendered),
        Format::Rtf => (rtf::parse(bytes)?, strip_rendered),
        _ => unreachable!("only binary formats are read from their bytes"),
    };
    content.articles.extend(file.article(outline, strip));
    Ok(())
}

/// The one article of a text format: its bytes decoded (a saved page's page, a zipped
/// book's XML first found), then read.
fn read_text(
    file: &File,
    format: Format,
    bytes: &[u8],
    content: &mut FileContent,
) -> Result<(), String> {
    // A page saved as one file is read as the page it holds.
    let saved;
    let (bytes, declared) = match format {
        Format::Mhtml | Format::WebArchive => {
            let page = match format {
                Format::Mhtml => mhtml::page(bytes)?,
                _ => webarchive::page(bytes)?,
            };
            // A page saved with its pictures is read whole, and its page held to the limit.
            if page.html.len() as u64 > file.max_record {
                return Err(format!(
                    "its page is larger than the size limit ({} > {} bytes; see \
                     --max-file-size)",
                    page.html.len(),
                    file.max_record
                ));
            }
            saved = page.html;
            (&saved[..], page.charset)
        }
        Format::Fb2 => {
            saved = fb2::document(
                bytes,
                file.max_record,
                file.max_record.max(MAX_ARCHIVE_BYTES),
            )?;
            (&saved[..], None)
        }
        _ => (bytes, None),
    };
    // An XML declaration names its encoding as a page's `<meta charset>` does.
    let html = matches!(
        format,
        Format::Html | Format::Mhtml | Format::WebArchive | Format::Xml | Format::Fb2
    );
    let text = decode(bytes, html, declared, &mut content.warnings)?;
    let (outline, strip): (_, fn(&str) -> String) = match format {
        Format::Text => (txt::parse(&text), keep),
        Format::Markdown => (markdown::parse(&text), strip_markdown),
        Format::Org => (org::parse(&text), strip_rendered),
        Format::Rst => (rst::parse(&text), strip_rendered),
        Format::AsciiDoc => (asciidoc::parse(&text), strip_rendered),
        Format::Xml if xml::root_name(&text) == Some("mediawiki") => {
            let (pages, warnings) = wikitext::export::parse(&text, file.max_record)?;
            content.warnings.extend(warnings);
            add_records(file, pages.into_iter(), "page", content);
            return Ok(());
        }
        Format::Xml if xml::root_name(&text).is_some_and(feed::is_feed) => {
            let (items, warnings) = feed::parse(&text, file.max_record)?;
            content.warnings.extend(warnings);
            add_records(file, items.into_iter(), "item", content);
            return Ok(());
        }
        Format::Xml if xml::root_name(&text).is_some_and(jats::is_article) => {
            (jats::parse(&text)?, strip_rendered)
        }
        Format::Xml => (tei::parse(&text)?, strip_rendered),
        Format::Latex => (latex::parse(&text), strip_rendered),
        Format::Wikitext => {
            // A page saved under its name, which MediaWiki writes with `_` for spaces.
            let mut outline = wikitext::parse(&text);
            outline.title = Some(file.stem.replace('_', " "));
            (outline, strip_rendered)
        }
        Format::Fb2 => (fb2::parse(&text)?, strip_rendered),
        Format::Html | Format::Mhtml | Format::WebArchive => {
            let (outline, warnings) =
                html::parse(&text).map_err(|e| format!("cannot be parsed as HTML: {e}"))?;
            content.warnings.extend(warnings);
            (outline, strip_rendered)
        }
        _ => unreachable!("only text formats are decoded as text"),
    };
    content.articles.extend(file.article(outline, strip));
    Ok(())
}

/// The text of a text file's `bytes`: UTF-8 or UTF-16 as a byte-order mark says, else in
/// the encoding `declared` (a saved page's) or, for a page (`html`), its `<meta charset>`,
/// else in the one its bytes suggest, with a warning.
fn decode(
    bytes: &[u8],
    html: bool,
    declared: Option<&'static encoding_rs::Encoding>,
    warnings: &mut Vec<String>,
) -> Result<String, String> {
    let decoded = match declared {
        Some(encoding) if encoding != encoding_rs::UTF_8 => {
            Document::Unicode(encoding.decode_without_bom_handling(bytes).0.into_owned())
        }
        _ => text::decode_document(bytes, html),
    };
    Ok(match decoded {
        Document::Unicode(text) => text,
        Document::Legacy {
            text,
            encoding,
            guessed,
        } => {
            if guessed {
                warnings.push(format!(
                    "not UTF-8; read as {encoding}, the encoding its bytes suggest"
                ));
            }
            text
        }
        Document::Lossy(text) => {
            warnings.push(text::LOSSY.into());
            text
        }
        Document::Binary => return Err("binary file (contains NUL bytes)".into()),
    })
}

/// The file name of `rel` without its extension (both of `dump.jsonl.gz`): the title of an
/// article that has none.
pub(super) fn file_name_stem(rel: &str) -> String {
    let stem = walk::stem(rel);
    stem[stem.rfind('/').map_or(0, |i| i + 1)..].to_string()
}

pub(super) fn keep(s: &str) -> String {
    s.to_string()
}

pub(super) fn skip(reason: String) -> FileContent {
    FileContent {
        skipped: Some(reason),
        ..FileContent::default()
    }
}
