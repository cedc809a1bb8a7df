//! Reading one file's bytes by its format: the one place a format is dispatched to its
//! reader, and what every reader's outline goes through to become articles.

use super::text::{self, strip_markdown, strip_rendered, Document};
use super::{
    docx, dump, enex, epub, html, json, markdown, mhtml, model, odt, pdf, rtf, tei, txt, walk,
    FileContent, Format, DEFAULT_MAX_FILE_SIZE,
};

/// Parse a file's bytes as the given format. `rel` is the path relative to the corpus root.
pub fn parse_bytes(rel: &str, format: Format, bytes: &[u8]) -> FileContent {
    parse_with_limit(rel, format, bytes, DEFAULT_MAX_FILE_SIZE, None)
}

/// [`parse_bytes`], JSON Lines records, a PDF's text and the text files of archives larger than
/// `max_record` bytes skipped with a warning; `same_name` is another file whose path
/// differs only by its extension (see [`CorpusFile::same_name`]).
pub(super) fn parse_with_limit(
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
    if format == Format::Enex {
        let read = match text::decode(bytes) {
            text::Decoded::Utf8(text) => enex::parse(&text, max_record),
            text::Decoded::Lossy(text) => {
                (content.warnings)
                    .push("not valid UTF-8; decoded with replacement characters".into());
                enex::parse(&text, max_record)
            }
            text::Decoded::Binary => return skip("binary file (contains NUL bytes)".into()),
        };
        let (notes, warnings) = match read {
            Ok(read) => read,
            Err(reason) => return skip(reason),
        };
        content.warnings.extend(warnings);
        for (number, outline) in notes {
            let fallback = format!("{stem} note {number}");
            let note = outline.into_article(
                format!("{id}#{number}"),
                rel.into(),
                &fallback,
                strip_rendered,
            );
            content.articles.extend(note);
        }
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
    // An XML declaration names its encoding as a page's `<meta charset>` does.
    let html = matches!(format, Format::Html | Format::Mhtml | Format::Xml);
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
        Format::Xml => match tei::parse(&text) {
            Ok(outline) => content.articles.extend(single(outline, strip_rendered)),
            Err(reason) => return skip(reason),
        },
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
        | Format::Rtf
        | Format::Enex => {
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
