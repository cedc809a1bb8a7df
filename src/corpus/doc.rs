//! Word 97–2003 documents (`.doc`): a compound file whose `WordDocument` stream holds the
//! text in pieces and whose table stream says what each paragraph and run is. Read as a
//! `.docx` is: a paragraph whose style is a heading (`heading 2`, or any style with an
//! outline level) opens a section of its level, the `Title` style or the document's title
//! property names the article, numbered and bulleted paragraphs are list items and italic
//! runs `*…*` (a bibliography's book titles); table cells are paragraphs; field codes,
//! deleted text (tracked changes), hidden text and a table of contents are not text. A
//! document without heading styles is read as plain text is, a paragraph a line. Only the
//! main text is read: footnotes, headers and comments follow it in the stream.

use std::io::{Cursor, Read};

use super::doc_tables::{self as tables, Fib, Piece, StyleSheet};
use super::model::Outline;
use super::rtf_words::code_page;
use super::word_styles::{has_headings, plain_outline, styled_outline, Kind};

/// The signature a compound file starts with.
pub(super) const COMPOUND_FILE: [u8; 8] = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];

/// Fields nested deeper than this are read as text (Word nests a handful).
const MAX_FIELD_DEPTH: usize = 64;

/// Read a Word 97–2003 document whose text is held to `limit` bytes. `Err` is the reason
/// to skip it.
pub(crate) fn parse(bytes: &[u8], limit: u64) -> Result<Outline, String> {
    let mut file = cfb::CompoundFile::open(Cursor::new(bytes)).map_err(|e| {
        format!("cannot be read as a Word 97–2003 document (not a compound file: {e})")
    })?;
    if file.is_stream("EncryptedPackage") {
        let reason = "a password-protected Office document; save it without a password";
        return Err(format!("{reason} to index it"));
    }
    if !file.is_stream("WordDocument") {
        let reason = "a compound file holding no Word document (an Excel or PowerPoint file?)";
        return Err(format!("{reason}, which annals does not read"));
    }
    let word = stream(&mut file, "WordDocument")?;
    let fib = Fib::read(&word)?;
    if u64::from(fib.ccp_text) > limit {
        return Err(format!(
            "its text is larger than the size limit ({} characters > {limit} bytes; see \
             --max-file-size)",
            fib.ccp_text
        ));
    }
    let table = stream(&mut file, fib.table)?;
    let pieces = tables::pieces(&table, &fib)?;
    let paragraphs = Paragraphs {
        word: &word,
        fib: &fib,
        paragraph_runs: tables::paragraph_runs(&word, &table, &fib),
        character_runs: tables::character_runs(&word, &table, &fib),
    }
    .read(&pieces);
    let styles = StyleSheet::read(&table, &fib);
    let title = summary_title(&mut file);
    outline(paragraphs, &styles, title)
}

/// A paragraph's text (italics in `*…*`) and what its properties make it.
struct Paragraph {
    text: String,
    properties: tables::ParagraphProperties,
}

/// The outline of the document's paragraphs: sections by their styles, or, where no style
/// makes a heading or a title, the text read as plain text is.
fn outline(
    paragraphs: Vec<Paragraph>,
    styles: &StyleSheet,
    title: Option<String>,
) -> Result<Outline, String> {
    if paragraphs.iter().all(|p| p.text.trim().is_empty()) {
        return Err("no text in the document".into());
    }
    let paragraphs: Vec<(Kind, String)> = paragraphs
        .into_iter()
        .map(|p| {
            let kind = match (p.properties.level, styles.kind(p.properties.style)) {
                (Some(level), _) => Kind::Heading(level),
                (None, kind @ (Kind::Title | Kind::Heading(_) | Kind::Contents)) => kind,
                (None, _) if p.properties.listed => Kind::ListItem,
                (None, kind) => kind,
            };
            (kind, p.text)
        })
        .collect();
    if !has_headings(&paragraphs) {
        return Ok(plain_outline(&paragraphs));
    }
    let outline = Outline {
        title,
        ..Outline::default()
    };
    Ok(styled_outline(outline, paragraphs))
}

/// What the main text's paragraphs are read from.
struct Paragraphs<'a> {
    word: &'a [u8],
    fib: &'a Fib,
    paragraph_runs: tables::Runs<tables::ParagraphProperties>,
    character_runs: tables::Runs<tables::CharacterProperties>,
}

impl Paragraphs<'_> {
    /// The paragraphs of the main text, its characters read piece by piece.
    fn read(&self, pieces: &[Piece]) -> Vec<Paragraph> {
        let mut reader = Reader::default();
        // A broken piece table may give the same characters many times: no more than the
        // text's length is read.
        let mut left = self.fib.ccp_text;
        for piece in pieces {
            let end = piece.cp_end.min(self.fib.ccp_text);
            for cp in piece.cp..end {
                let Some(still) = left.checked_sub(1) else {
                    break;
                };
                left = still;
                let index = (cp - piece.cp) as usize;
                let (offset, unit) = if piece.compressed {
                    let offset = piece.offset as usize + index;
                    let Some(&byte) = self.word.get(offset) else {
                        break;
                    };
                    (offset, windows_1252(byte))
                } else {
                    let offset = piece.offset as usize + index * 2;
                    let Some(unit) = tables::u16_at(self.word, offset) else {
                        break;
                    };
                    (offset, unit)
                };
                let offset = offset as u32;
                reader.unit(unit, self.character_runs.at(offset), || {
                    self.paragraph_runs.at(offset)
                });
            }
        }
        reader.end_paragraph(tables::ParagraphProperties::default());
        reader.paragraphs
    }
}

/// The state of reading the text one UTF-16 unit at a time.
#[derive(Default)]
struct Reader {
    paragraphs: Vec<Paragraph>,
    text: String,
    italic: bool,
    /// For each field open, whether its code is being read (before its separator).
    fields: Vec<bool>,
    /// A high surrogate waiting for its low one.
    high: Option<u16>,
}

impl Reader {
    fn unit(
        &mut self,
        unit: u16,
        character: tables::CharacterProperties,
        paragraph: impl FnOnce() -> tables::ParagraphProperties,
    ) {
        match unit {
            // A field's start, the separator between its code and its result, its end.
            0x13 if self.fields.len() < MAX_FIELD_DEPTH => self.fields.push(true),
            0x14 => {
                if let Some(code) = self.fields.last_mut() {
                    *code = false;
                }
            }
            0x15 => {
                self.fields.pop();
            }
            // A paragraph's end, a table cell's or row's end, a page or section break.
            0x0D | 0x07 | 0x0C => self.end_paragraph(paragraph()),
            _ if character.hidden || self.fields.iter().any(|&code| code) => {}
            // A line break and a tab; a non-breaking hyphen and space.
            0x0B | 0x09 | 0xA0 => self.push(' ', false),
            0x1E => self.push('-', character.italic),
            0xD800..=0xDBFF => self.high = Some(unit),
            0xDC00..=0xDFFF => {
                if let Some(high) = self.high.take() {
                    let units = [high, unit];
                    if let Some(Ok(c)) = char::decode_utf16(units).next() {
                        self.push(c, character.italic);
                    }
                }
            }
            // Pictures, footnote marks, an optional hyphen and other marks are not text.
            _ if unit < 0x20 || unit == 0x1F => {}
            _ => {
                if let Some(c) = char::from_u32(unit.into()) {
                    self.push(c, character.italic);
                }
            }
        }
    }

    fn push(&mut self, c: char, italic: bool) {
        if italic != self.italic && !c.is_whitespace() {
            // Italics close before the spaces that end them.
            let at = if self.italic {
                self.text.trim_end().len()
            } else {
                self.text.len()
            };
            self.text.insert(at, '*');
            self.italic = italic;
        }
        self.text.push(c);
    }

    fn end_paragraph(&mut self, properties: tables::ParagraphProperties) {
        let mut text = std::mem::take(&mut self.text);
        if std::mem::take(&mut self.italic) {
            text = text.trim_end().to_string();
            text.push('*');
        }
        let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
        if !text.is_empty() {
            self.paragraphs.push(Paragraph { text, properties });
        }
    }
}

/// A byte of 8-bit text, which Word writes in Windows-1252.
fn windows_1252(byte: u8) -> u16 {
    let bytes = [byte];
    let (text, _) = encoding_rs::WINDOWS_1252.decode_without_bom_handling(&bytes);
    text.encode_utf16().next().unwrap_or(0xFFFD)
}

/// The whole of a stream of the compound file.
fn stream(file: &mut cfb::CompoundFile<Cursor<&[u8]>>, name: &str) -> Result<Vec<u8>, String> {
    let mut bytes = Vec::new();
    file.open_stream(name)
        .and_then(|mut stream| stream.read_to_end(&mut bytes))
        .map_err(|e| format!("cannot be read as a Word document ({name}: {e})"))?;
    Ok(bytes)
}

/// The title property of the document's summary information, if it has one.
fn summary_title(file: &mut cfb::CompoundFile<Cursor<&[u8]>>) -> Option<String> {
    let bytes = stream(file, "\u{5}SummaryInformation").ok()?;
    // A property set's header (28 bytes), then its first section's id and offset.
    let section = tables::u32_at(&bytes, 44)? as usize;
    let count = tables::u32_at(&bytes, section + 4)? as usize;
    let mut page = 1252;
    let mut title = None;
    for i in 0..count.min(256) {
        let id = tables::u32_at(&bytes, section + 8 + i * 8)?;
        let at = section + tables::u32_at(&bytes, section + 12 + i * 8)? as usize;
        match id {
            // The code page its strings are in (a 16-bit integer).
            1 => page = tables::u16_at(&bytes, at + 4)?,
            2 => title = Some(at),
            _ => {}
        }
    }
    let at = title?;
    let kind = tables::u32_at(&bytes, at)?;
    let length = tables::u32_at(&bytes, at + 4)? as usize;
    let text = match kind {
        // A string in the code page.
        0x1E => {
            let raw = bytes.get(at + 8..at + 8 + length)?;
            let encoding = code_page(page.into()).unwrap_or(encoding_rs::WINDOWS_1252);
            encoding.decode_without_bom_handling(raw).0.into_owned()
        }
        // A string in UTF-16.
        0x1F => {
            char::decode_utf16((0..length).map_while(|i| tables::u16_at(&bytes, at + 8 + i * 2)))
                .map(|c| c.unwrap_or(char::REPLACEMENT_CHARACTER))
                .collect()
        }
        _ => return None,
    };
    let text = text.trim_matches(|c: char| c == '\0' || c.is_whitespace());
    (!text.is_empty()).then(|| text.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::model::Block;

    fn read(units: &[u16]) -> Vec<String> {
        let mut reader = Reader::default();
        for &unit in units {
            reader.unit(unit, Default::default(), Default::default);
        }
        reader.end_paragraph(Default::default());
        reader.paragraphs.into_iter().map(|p| p.text).collect()
    }

    fn units(text: &str) -> Vec<u16> {
        text.encode_utf16().collect()
    }

    #[test]
    fn paragraphs_cells_and_breaks_end_where_word_ends_them() {
        let text = units("One\rTwo\u{7}Three\u{7}\u{7}Four\u{b}line\u{c}Five\tsix");
        assert_eq!(
            read(&text),
            ["One", "Two", "Three", "Four line", "Five six"]
        );
    }

    #[test]
    fn a_fields_code_is_not_text_and_its_result_is() {
        let text = units(
            "See \u{13} HYPERLINK \"http://x\" \u{14}the treaty\u{15} and \
             \u{13}PAGE\u{15}page \u{13}A \u{13}B\u{14}b\u{15} C\u{14}shown\u{15}.",
        );
        assert_eq!(read(&text), ["See the treaty and page shown."]);
    }

    #[test]
    fn italic_runs_are_marked_and_hidden_text_is_left_out() {
        let mut reader = Reader::default();
        let italic = tables::CharacterProperties {
            italic: true,
            hidden: false,
        };
        let hidden = tables::CharacterProperties {
            italic: false,
            hidden: true,
        };
        for (text, properties) in [
            ("Read ", Default::default()),
            ("The Peace ", italic),
            ("deleted ", hidden),
            ("by Doe", Default::default()),
        ] {
            for unit in units(text) {
                reader.unit(unit, properties, Default::default);
            }
        }
        reader.end_paragraph(Default::default());
        assert_eq!(reader.paragraphs[0].text, "Read *The Peace* by Doe");
    }

    #[test]
    fn characters_beyond_the_basic_plane_and_8_bit_text() {
        assert_eq!(read(&units("𝔊 ok")), ["𝔊 ok"]);
        assert_eq!(char::from_u32(windows_1252(0x93).into()), Some('“'));
        assert_eq!(char::from_u32(windows_1252(0xE9).into()), Some('é'));
    }

    /// A compound file holding `streams`.
    fn compound(streams: &[(&str, &[u8])]) -> Vec<u8> {
        use std::io::Write;
        let mut file = cfb::CompoundFile::create(Cursor::new(Vec::new())).unwrap();
        for (name, bytes) in streams {
            file.create_stream(name).unwrap().write_all(bytes).unwrap();
        }
        file.flush().unwrap();
        file.into_inner().into_inner()
    }

    /// A Word 97 document of `pieces` (text, and whether it is stored 8-bit), without
    /// styles: its FIB, its text stored out of order, and its piece table.
    fn word_97(pieces: &[(&str, bool)], flags: u16) -> Vec<u8> {
        let mut word = vec![0u8; 4096];
        word[0..2].copy_from_slice(&0xA5ECu16.to_le_bytes());
        word[2..4].copy_from_slice(&0x00C1u16.to_le_bytes());
        word[0x0A..0x0C].copy_from_slice(&flags.to_le_bytes());
        // csw 14, cslw 22, cbRgFcLcb 93: FibRgLw97 at 64, FibRgFcLcb97 at 154.
        word[32..34].copy_from_slice(&14u16.to_le_bytes());
        word[62..64].copy_from_slice(&22u16.to_le_bytes());
        word[152..154].copy_from_slice(&93u16.to_le_bytes());
        let total: usize = pieces
            .iter()
            .map(|(text, _)| text.encode_utf16().count())
            .sum();
        word[76..80].copy_from_slice(&(total as u32).to_le_bytes());
        let (mut cps, mut descriptors, mut cp) = (vec![0u32], Vec::new(), 0u32);
        // Each piece stored at its own place, the later ones first.
        for (i, (text, compressed)) in pieces.iter().enumerate() {
            let at = 3072 - i * 512;
            let units: Vec<u16> = text.encode_utf16().collect();
            let fc = if *compressed {
                for (j, unit) in units.iter().enumerate() {
                    word[at + j] = *unit as u8;
                }
                (at as u32 * 2) | 0x4000_0000
            } else {
                for (j, unit) in units.iter().enumerate() {
                    word[at + j * 2..at + j * 2 + 2].copy_from_slice(&unit.to_le_bytes());
                }
                at as u32
            };
            cp += units.len() as u32;
            cps.push(cp);
            descriptors.extend([0, 0]);
            descriptors.extend(fc.to_le_bytes());
            descriptors.extend([0, 0]);
        }
        let mut plc: Vec<u8> = cps.iter().flat_map(|cp| cp.to_le_bytes()).collect();
        plc.extend(descriptors);
        let mut clx = vec![2];
        clx.extend((plc.len() as u32).to_le_bytes());
        clx.extend(plc);
        // fcClx (0) and lcbClx, the 34th pair.
        let pair = 154 + 33 * 8;
        word[pair + 4..pair + 8].copy_from_slice(&(clx.len() as u32).to_le_bytes());
        compound(&[("WordDocument", &word), ("0Table", &clx)])
    }

    #[test]
    fn pieces_are_read_in_order_of_their_text_whatever_their_storage() {
        let doc = word_97(
            &[
                ("Treaty of Rapallo\r", true),
                ("Договор 1922 года.\r", false),
                ("Signed \u{93}at Rapallo\u{94}.\r", true),
            ],
            0,
        );
        let outline = parse(&doc, 1 << 20).unwrap();
        assert_eq!(outline.title.as_deref(), Some("Treaty of Rapallo"));
        let text: Vec<String> = outline.sections[0]
            .1
            .iter()
            .map(|b| b.text().to_string())
            .collect();
        assert_eq!(text, ["Договор 1922 года.", "Signed “at Rapallo”."]);
    }

    #[test]
    fn protected_old_and_foreign_compound_files_say_what_they_are() {
        let locked = word_97(&[("Secret\r", true)], 0x0100);
        assert!(parse(&locked, 1 << 20)
            .unwrap_err()
            .contains("password-protected"));
        let encrypted = compound(&[("EncryptedPackage", b"x"), ("EncryptionInfo", b"y")]);
        assert!(parse(&encrypted, 1 << 20)
            .unwrap_err()
            .contains("password-protected"));
        let sheet = compound(&[("Workbook", b"x")]);
        assert!(parse(&sheet, 1 << 20)
            .unwrap_err()
            .contains("Excel or PowerPoint"));
        let big = word_97(&[("A long enough text\r", true)], 0);
        assert!(parse(&big, 10).unwrap_err().contains("size limit"));
    }

    #[test]
    fn a_word_document_is_read_by_its_styles() {
        let outline = parse(include_bytes!("../../tests/data/metternich.doc"), 1 << 20).unwrap();
        assert_eq!(
            outline.title.as_deref(),
            Some("Metternich and the Concert of Europe")
        );
        assert_eq!(
            outline.heading_paths(),
            [
                "",
                "Congress of Vienna",
                "Congress of Vienna › Holy Alliance",
                "Further reading"
            ]
        );
        let text = |i: usize| -> Vec<String> {
            outline.sections[i]
                .1
                .iter()
                .map(|b| b.text().to_string())
                .collect()
        };
        // The table of contents and the footnote are not text; a hyperlink's text is.
        assert_eq!(
            text(0),
            ["Klemens von Metternich shaped Europe after 1815. See the archive."]
        );
        // Deleted text (tracked changes) is not text, nor a field's code.
        assert_eq!(text(1), ["Delegates met in Vienna in 1814. Page 1 here."]);
        assert_eq!(
            text(2),
            ["Russia, Prussia and Austria signed it. 神聖同盟 Священный союз."]
        );
        assert!(matches!(outline.sections[3].1[0], Block::ListItem(_)));
        assert_eq!(text(3)[0], "*A World Restored* by Henry Kissinger");
    }

    #[test]
    fn a_tables_cells_are_paragraphs() {
        let outline = parse(include_bytes!("../../tests/data/rapallo.doc"), 1 << 20).unwrap();
        assert_eq!(outline.title.as_deref(), Some("The Treaty of Rapallo"));
        let background: Vec<String> = outline.sections[1]
            .1
            .iter()
            .map(|b| b.text().to_string())
            .collect();
        assert_eq!(
            background,
            [
                "After the Great War both nations were isolated. Договор подписан в Рапалло. \
                 Η συνθήκη.",
                "Cell one",
                "Cell two"
            ]
        );
    }

    proptest::proptest! {
        #[test]
        fn a_damaged_document_is_read_or_refused_never_a_panic(
            changes in proptest::collection::vec((0usize..1 << 16, proptest::num::u8::ANY, 0..2usize), 1..60)
        ) {
            let bytes = include_bytes!("../../tests/data/metternich.doc");
            let mut file = cfb::CompoundFile::open(Cursor::new(&bytes[..])).unwrap();
            let mut streams = [stream(&mut file, "WordDocument").unwrap(), stream(&mut file, "1Table").unwrap()];
            for (at, byte, which) in changes {
                let stream = &mut streams[which];
                let at = at % stream.len();
                stream[at] = byte;
            }
            let damaged = compound(&[("WordDocument", &streams[0]), ("1Table", &streams[1])]);
            let _ = parse(&damaged, 1 << 20);
        }
    }

    #[test]
    fn what_is_not_a_word_document_is_skipped_with_a_reason() {
        assert!(parse(b"not a compound file", 1 << 20)
            .unwrap_err()
            .contains("not a compound file"));
    }
}
