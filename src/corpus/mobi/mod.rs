//! Kindle e-books (`.mobi`, `.azw`, `.azw3`, `.prc`): a Palm database whose first record
//! describes the book (the PalmDOC and MOBI headers, and the EXTH metadata: title, authors,
//! language) and whose next records hold its text, HTML compressed by PalmDOC's LZ77, read
//! through the HTML reader. A book made for both kinds of Kindle holds its text twice, and
//! the first copy (MOBI 6) is read; a KF8 book's (AZW3) text is its first flow, the
//! others being its style sheets. A MOBI 6 book's HTML is the Kindle's own (see
//! [`mobiml`]). A book compressed with Amazon's Huffman coding is read too ([`huffman`]);
//! a book a shop encrypted (DRM) cannot be, and is said to be so.

use self::huffman::Huffman;
use super::model::Outline;
use super::{html, text};

mod huffman;
mod mobiml;

/// Read a Kindle e-book, its text held to `limit` bytes. `Err` is the reason to skip it.
/// The second value holds warnings.
pub(crate) fn parse(bytes: &[u8], limit: u64) -> Result<(Outline, Vec<String>), String> {
    let book = Book::open(bytes)?;
    let mut html = book.text(limit)?;
    if book.fdst.is_none() {
        html = mobiml::headings_of_font_sizes(&html);
    }
    // The book's title is the page's: its first `<h1>` is its first chapter's heading.
    if let Some(title) = book.title() {
        html = html::titled(&title, &html);
    }
    let (mut outline, warnings) = html::parse(&html)?;
    outline.authors = (book.metadata(EXTH_AUTHOR).into_iter())
        .filter(|author| !text::is_unknown_author(author))
        .collect();
    if let Some(lang) =
        (book.metadata(EXTH_LANGUAGE).first()).and_then(|l| crate::language::normalize(l))
    {
        outline.lang = Some(lang);
    }
    if outline.sections.is_empty() {
        return Err("no text in the book".into());
    }
    Ok((outline, warnings))
}

/// EXTH record types: the author (one record each), the title, the language.
const EXTH_AUTHOR: u32 = 100;
const EXTH_TITLE: u32 = 503;
const EXTH_LANGUAGE: u32 = 524;

/// Most bytes one text record may decompress to: a record holds 4,096 bytes of text, and
/// a record that claims more is damaged (or made to fill memory).
const MAX_RECORD_TEXT: usize = 64 * 1024;

/// A Kindle book's database: its records, and what its first record says of them.
struct Book<'a> {
    records: Vec<&'a [u8]>,
    /// How the text records are compressed: 1 not, 2 PalmDOC, 17480 Huffman.
    compression: u16,
    /// The length of the text, decompressed.
    text_length: usize,
    text_records: usize,
    /// The MOBI header's text encoding: 65001 UTF-8, else Windows-1252.
    encoding: u32,
    /// Which trailing entries end each text record (see [`trailing_size`]).
    extra_flags: u16,
    /// The record holding a KF8 book's table of flows, if the book is KF8 alone.
    fdst: Option<usize>,
    /// The book's full name, from the MOBI header.
    name: Option<String>,
    /// Where a Huffman-coded book's HUFF record is, and how many records (it and its
    /// CDIC records) hold the code.
    huffman: Option<(usize, usize)>,
    /// The EXTH records: type and data.
    exth: Vec<(u32, &'a [u8])>,
}

impl<'a> Book<'a> {
    fn open(bytes: &'a [u8]) -> Result<Book<'a>, String> {
        const NOT_A_BOOK: &str = "cannot be read as a Kindle book (no Palm database header)";
        let kind = bytes.get(60..68).ok_or(NOT_A_BOOK)?;
        if kind != b"BOOKMOBI" && kind != b"TEXtREAd" {
            return Err(NOT_A_BOOK.into());
        }
        let count = usize::from(be16(bytes, 76).ok_or(NOT_A_BOOK)?);
        let mut offsets = Vec::with_capacity(count + 1);
        for i in 0..count {
            let offset = be32(bytes, 78 + 8 * i).ok_or(NOT_A_BOOK)? as usize;
            if offset > bytes.len() || offsets.last().is_some_and(|&last| offset < last) {
                return Err(
                    "cannot be read as a Kindle book (its records are out of order)".into(),
                );
            }
            offsets.push(offset);
        }
        offsets.push(bytes.len());
        let records: Vec<&[u8]> = offsets.windows(2).map(|w| &bytes[w[0]..w[1]]).collect();
        let first = *records
            .first()
            .ok_or("cannot be read as a Kindle book (no records)")?;
        let header = |at: usize| be16(first, at).ok_or("its first record is cut short");
        let encryption = header(12)?;
        if encryption != 0 {
            return Err("it is encrypted (DRM): annals cannot read a protected book".to_string());
        }
        let mut book = Book {
            compression: header(0)?,
            text_length: be32(first, 4).ok_or("its first record is cut short")? as usize,
            text_records: usize::from(header(8)?),
            encoding: 1252,
            extra_flags: 0,
            fdst: None,
            name: None,
            huffman: None,
            exth: Vec::new(),
            records,
        };
        if first.get(16..20) == Some(b"MOBI") {
            book.read_mobi_header(first);
        }
        Ok(book)
    }

    /// What the MOBI header (after the PalmDOC header) says: the encoding, the trailing
    /// entries, the name, the KF8 flows, the EXTH metadata.
    fn read_mobi_header(&mut self, first: &'a [u8]) {
        let length = be32(first, 20).unwrap_or(0) as usize;
        let field = |at: usize| be32(first, at).filter(|_| at + 4 <= 16 + length);
        self.encoding = field(28).unwrap_or(1252);
        let version = field(36).unwrap_or(0);
        // The name is written in the book's encoding.
        if let (Some(at), Some(len)) = (field(84), field(88)) {
            let at = at as usize;
            if let Some(name) = first.get(at..at.saturating_add(len as usize)) {
                self.name = Some(self.decode(name)).filter(|n| !n.trim().is_empty());
            }
        }
        if let (Some(at), Some(count)) = (field(0x70), field(0x74)) {
            self.huffman = Some((at as usize, count as usize));
        }
        if length >= 0xE4 {
            self.extra_flags = be16(first, 0xF2).unwrap_or(0);
        }
        if version >= 8 {
            self.fdst = field(0xC0).map(|r| r as usize);
        }
        if field(0x80).is_some_and(|flags| flags & 0x40 != 0) {
            self.exth = exth(first.get(16 + length..).unwrap_or_default());
        }
    }

    /// The book's text: its text records decompressed, joined and decoded, and cut to its
    /// first flow in a KF8 book.
    fn text(&self, limit: u64) -> Result<String, String> {
        let mut huffman = match self.compression {
            1 | 2 => None,
            17480 => Some(self.huffman_code(limit)?),
            other => {
                return Err(format!(
                    "its text is compressed in an unknown way ({other})"
                ))
            }
        };
        let mut text = Vec::new();
        for record in self.records.iter().skip(1).take(self.text_records) {
            let end = record
                .len()
                .saturating_sub(trailing_size(record, self.extra_flags));
            let record = &record[..end];
            match (self.compression, &mut huffman) {
                (1, _) => text.extend_from_slice(record),
                (_, Some(code)) => code.decode(record, &mut text, MAX_RECORD_TEXT)?,
                _ => decompress(record, &mut text)?,
            }
            if text.len() as u64 > limit {
                return Err(format!(
                    "its text is larger than the size limit ({limit} bytes; see \
                     --max-file-size)"
                ));
            }
        }
        text.truncate(self.text_length);
        if let Some(flow) = self.first_flow(text.len()) {
            text.truncate(flow);
        }
        Ok(self.decode(&text))
    }

    /// The Huffman code of a book so compressed, from the records its header names; its
    /// phrases held to `limit` bytes in all.
    fn huffman_code(&self, limit: u64) -> Result<Huffman, String> {
        const NO_CODE: &str = "its Huffman code is missing (no HUFF record where its header says)";
        let (at, count) = self.huffman.ok_or(NO_CODE)?;
        let end = at.checked_add(count).ok_or(NO_CODE)?;
        let records = self
            .records
            .get(at..end)
            .filter(|r| !r.is_empty())
            .ok_or(NO_CODE)?;
        let budget = usize::try_from(limit).unwrap_or(usize::MAX);
        Huffman::new(records[0], &records[1..], budget)
    }

    /// Where a KF8 book's first flow (its HTML) ends, from its FDST record.
    fn first_flow(&self, length: usize) -> Option<usize> {
        let record = self.records.get(self.fdst?)?;
        if record.get(..4) != Some(b"FDST") {
            return None;
        }
        let table = be32(record, 4)? as usize;
        let end = be32(record, table + 4)? as usize;
        (be32(record, 8)? > 0 && end <= length).then_some(end)
    }

    fn decode(&self, bytes: &[u8]) -> String {
        match self.encoding {
            65001 => String::from_utf8_lossy(bytes).into_owned(),
            _ => encoding_rs::WINDOWS_1252
                .decode_without_bom_handling(bytes)
                .0
                .into_owned(),
        }
    }

    /// The title: the EXTH one, else the MOBI header's name.
    fn title(&self) -> Option<String> {
        (self.metadata(EXTH_TITLE).into_iter().next()).or_else(|| self.name.clone())
    }

    /// The values of the EXTH records of `kind`, decoded, blank ones left out.
    fn metadata(&self, kind: u32) -> Vec<String> {
        (self.exth.iter())
            .filter(|(k, _)| *k == kind)
            .map(|(_, data)| self.decode(data).trim().to_string())
            .filter(|value| !value.is_empty())
            .collect()
    }
}

/// The records of an EXTH block (`EXTH`, its length, how many records; then each record's
/// type, its length with this header, its data); what is cut short is left out.
fn exth(block: &[u8]) -> Vec<(u32, &[u8])> {
    let mut records = Vec::new();
    if block.get(..4) != Some(b"EXTH") {
        return records;
    }
    let count = be32(block, 8).unwrap_or(0);
    let mut at = 12;
    for _ in 0..count {
        let (Some(kind), Some(length)) = (be32(block, at), be32(block, at + 4)) else {
            break;
        };
        let length = length as usize;
        let Some(data) = block.get(at + 8..at.saturating_add(length)) else {
            break;
        };
        if length < 8 {
            break;
        }
        records.push((kind, data));
        at += length;
    }
    records
}

/// How many bytes at the end of a text record are trailing entries rather than text: for
/// each flag above the lowest, an entry that ends with its own size (seven bits a byte,
/// read backwards); for the lowest, the bytes of a character cut by the record's end
/// (their count in the last byte's two low bits, plus one).
fn trailing_size(record: &[u8], flags: u16) -> usize {
    let mut size = 0usize;
    let mut rest = flags >> 1;
    while rest != 0 {
        if rest & 1 == 1 {
            let end = record.len().saturating_sub(size);
            let mut entry = 0usize;
            for &byte in &record[end.saturating_sub(4)..end] {
                if byte & 0x80 != 0 {
                    entry = 0;
                }
                entry = (entry << 7) | usize::from(byte & 0x7F);
            }
            size += entry;
        }
        rest >>= 1;
    }
    if flags & 1 == 1 {
        if let Some(&last) = record
            .len()
            .checked_sub(size + 1)
            .and_then(|i| record.get(i))
        {
            size += usize::from(last & 0x3) + 1;
        }
    }
    size.min(record.len())
}

/// Append the PalmDOC-compressed `record` to `out`, decompressed: a byte 1–8 copies that
/// many bytes after it; 0x80–0xBF and the byte after it copy 3–10 bytes from up to 2,047
/// back; 0xC0–0xFF is a space and the character the byte holds; any other is itself.
fn decompress(record: &[u8], out: &mut Vec<u8>) -> Result<(), String> {
    const DAMAGED: &str = "its text is damaged (a compressed record refers to nothing)";
    let start = out.len();
    let mut i = 0;
    while i < record.len() {
        let byte = record[i];
        i += 1;
        match byte {
            1..=8 => {
                let run = record.get(i..i + usize::from(byte)).ok_or(DAMAGED)?;
                out.extend_from_slice(run);
                i += run.len();
            }
            0x80..=0xBF => {
                let next = *record.get(i).ok_or(DAMAGED)?;
                i += 1;
                let pair = (usize::from(byte) << 8 | usize::from(next)) & 0x3FFF;
                let (distance, length) = (pair >> 3, (pair & 7) + 3);
                if distance == 0 || distance > out.len() - start {
                    return Err(DAMAGED.into());
                }
                for _ in 0..length {
                    out.push(out[out.len() - distance]);
                }
            }
            0xC0..=0xFF => out.extend_from_slice(&[b' ', byte ^ 0x80]),
            _ => out.push(byte),
        }
        if out.len() - start > MAX_RECORD_TEXT {
            return Err("its text is damaged (a record holds more than a record can)".into());
        }
    }
    Ok(())
}

fn be16(bytes: &[u8], at: usize) -> Option<u16> {
    Some(u16::from_be_bytes(bytes.get(at..at + 2)?.try_into().ok()?))
}

fn be32(bytes: &[u8], at: usize) -> Option<u32> {
    Some(u32::from_be_bytes(bytes.get(at..at + 4)?.try_into().ok()?))
}

#[cfg(test)]
mod tests;
