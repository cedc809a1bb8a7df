//! The tables of a Word 97–2003 document ([MS-DOC]) that its text and what each paragraph
//! and run of it is are read from: the File Information Block, the piece table that maps
//! character positions to bytes of the `WordDocument` stream, the formatted disk pages
//! (FKPs) giving each run of bytes its paragraph or character properties, and the style
//! sheet. Every offset is checked: a table that points outside its stream ends the read
//! with a reason, never a panic.
//!
//! [MS-DOC]: https://learn.microsoft.com/en-us/openspecs/office_file_formats/ms-doc

use super::word_styles::{outline_level, own_kind, Kind, MAX_STYLE_DEPTH};

/// `wIdent` of a Word document's FIB.
const WORD_IDENT: u16 = 0xA5EC;
/// The first `nFib` of Word 97, whose FIB and piece table are read here.
const WORD_97: u16 = 0x00C1;
/// Bits of the FIB's flags: the document is encrypted (or obfuscated), its table stream is
/// `1Table`.
const ENCRYPTED: u16 = 0x0100;
const OBFUSCATED: u16 = 0x8000;
const TABLE_1: u16 = 0x0200;
/// A piece's text is 8-bit (Windows-1252), at half its stored offset.
const COMPRESSED: u32 = 0x4000_0000;
/// A formatted disk page's size.
const PAGE: usize = 512;
/// The index of the FibRgFcLcb97 pairs read: the style sheet, the character and paragraph
/// property tables, the piece table.
const STSHF: usize = 1;
const PLCF_BTE_CHPX: usize = 12;
const PLCF_BTE_PAPX: usize = 13;
const CLX: usize = 33;
/// Property modifiers (sprms) read: a paragraph's list and outline level, a run's
/// italics, deletion (tracked changes) and hiding.
const SPRM_P_ILFO: u16 = 0x460B;
const SPRM_P_OUT_LVL: u16 = 0x2640;
const SPRM_C_F_ITALIC: u16 = 0x0836;
const SPRM_C_F_RMARK_DEL: u16 = 0x0800;
const SPRM_C_F_VANISH: u16 = 0x083C;
/// A table row's cell definitions: a variable-length operand whose length takes two bytes.
const SPRM_T_DEF_TABLE: u16 = 0xD608;
/// The `istdBase` of a style based on none.
const NO_STYLE: u16 = 0x0FFF;

/// What is read of the File Information Block.
#[derive(Debug)]
pub(super) struct Fib {
    /// How many characters the main document's text has (footnotes, headers, comments
    /// and text boxes follow it).
    pub ccp_text: u32,
    /// The name of the stream holding the tables.
    pub table: &'static str,
    clx: (u32, u32),
    stshf: (u32, u32),
    chpx: (u32, u32),
    papx: (u32, u32),
}

impl Fib {
    /// Read the FIB at the start of the `WordDocument` stream; `Err` is why the document
    /// cannot be read.
    pub(super) fn read(word: &[u8]) -> Result<Fib, String> {
        let broken = || "cannot be read as a Word document (its FIB is cut short)".to_string();
        if u16_at(word, 0) != Some(WORD_IDENT) {
            return Err("cannot be read as a Word document (no Word FIB in it)".into());
        }
        let n_fib = u16_at(word, 2).ok_or_else(broken)?;
        if n_fib < WORD_97 {
            return Err(
                "a Word 6 or Word 95 document, which annals does not read (save it \
                        as .docx to index it)"
                    .into(),
            );
        }
        let flags = u16_at(word, 0x0A).ok_or_else(broken)?;
        if flags & (ENCRYPTED | OBFUSCATED) != 0 {
            return Err(
                "a password-protected Word document; save it without a password \
                        to index it"
                    .into(),
            );
        }
        // FibBase (32 bytes), then csw 16-bit values, cslw 32-bit ones, and the pairs of
        // offsets and lengths.
        let csw = u16_at(word, 32).ok_or_else(broken)? as usize;
        let rg_lw = 32 + 2 + csw * 2 + 2;
        let cslw = u16_at(word, rg_lw - 2).ok_or_else(broken)? as usize;
        let ccp_text = u32_at(word, rg_lw + 3 * 4).ok_or_else(broken)?;
        let rg_fc_lcb = rg_lw + cslw * 4 + 2;
        let pairs = u16_at(word, rg_lw + cslw * 4).ok_or_else(broken)? as usize;
        let pair = |i: usize| -> Result<(u32, u32), String> {
            if i >= pairs {
                return Err(broken());
            }
            let at = rg_fc_lcb + i * 8;
            Ok((
                u32_at(word, at).ok_or_else(broken)?,
                u32_at(word, at + 4).ok_or_else(broken)?,
            ))
        };
        Ok(Fib {
            ccp_text,
            table: if flags & TABLE_1 != 0 {
                "1Table"
            } else {
                "0Table"
            },
            clx: pair(CLX)?,
            stshf: pair(STSHF)?,
            chpx: pair(PLCF_BTE_CHPX)?,
            papx: pair(PLCF_BTE_PAPX)?,
        })
    }
}

/// A run of the text: characters `cp..cp_end`, stored from byte `offset` of the
/// `WordDocument` stream, one byte each (`compressed`, Windows-1252) or two (UTF-16).
#[derive(Debug, Clone, Copy)]
pub(super) struct Piece {
    pub cp: u32,
    pub cp_end: u32,
    pub offset: u32,
    pub compressed: bool,
}

/// The pieces of the text, in character order, from the table stream's CLX.
pub(super) fn pieces(table: &[u8], fib: &Fib) -> Result<Vec<Piece>, String> {
    let broken = || "cannot be read as a Word document (its piece table is broken)".to_string();
    let clx = slice(table, fib.clx).ok_or_else(broken)?;
    let mut at = 0;
    // Property modifiers of pieces (Prc) come first, each with its length.
    while clx.get(at) == Some(&1) {
        let length = u16_at(clx, at + 1).ok_or_else(broken)? as usize;
        at += 3 + length;
    }
    if clx.get(at) != Some(&2) {
        return Err(broken());
    }
    let length = u32_at(clx, at + 1).ok_or_else(broken)? as usize;
    let plc = clx.get(at + 5..at + 5 + length).ok_or_else(broken)?;
    // n + 1 character positions, then n piece descriptors of 8 bytes.
    let n = plc.len().saturating_sub(4) / 12;
    let mut pieces = Vec::with_capacity(n);
    for i in 0..n {
        let cp = u32_at(plc, i * 4).ok_or_else(broken)?;
        let cp_end = u32_at(plc, i * 4 + 4).ok_or_else(broken)?;
        let fc = u32_at(plc, (n + 1) * 4 + i * 8 + 2).ok_or_else(broken)?;
        let compressed = fc & COMPRESSED != 0;
        let fc = fc & !(COMPRESSED | 0x8000_0000);
        if cp_end > cp {
            pieces.push(Piece {
                cp,
                cp_end,
                offset: if compressed { fc / 2 } else { fc },
                compressed,
            });
        }
    }
    Ok(pieces)
}

/// Values that hold for runs of bytes of the `WordDocument` stream, sorted by where their
/// runs start.
#[derive(Debug)]
pub(super) struct Runs<T>(Vec<(u32, u32, T)>);

impl<T: Copy + Default> Runs<T> {
    /// The value at byte `offset`, or the default where no run holds it.
    pub(super) fn at(&self, offset: u32) -> T {
        let i = self.0.partition_point(|(start, _, _)| *start <= offset);
        match i.checked_sub(1).map(|i| self.0[i]) {
            Some((_, end, value)) if offset < end => value,
            _ => T::default(),
        }
    }
}

/// What a paragraph is by its own properties: its style (0 is Normal), whether it is
/// numbered, and an outline level set on it.
#[derive(Debug, Clone, Copy, Default)]
pub(super) struct ParagraphProperties {
    pub style: u16,
    pub listed: bool,
    pub level: Option<usize>,
}

/// What a run of characters is: italic, or not shown (deleted in tracked changes, hidden).
#[derive(Debug, Clone, Copy, Default)]
pub(super) struct CharacterProperties {
    pub italic: bool,
    pub hidden: bool,
}

/// The paragraph properties of the document's bytes, from the paragraph FKPs.
pub(super) fn paragraph_runs(word: &[u8], table: &[u8], fib: &Fib) -> Runs<ParagraphProperties> {
    runs(word, table, fib.papx, |page, i, crun| {
        // Each run has a 13-byte BX whose first byte is the word offset of its PAPX.
        let offset = *page.get((crun + 1) * 4 + i * 13)? as usize * 2;
        if offset == 0 {
            return Some(ParagraphProperties::default());
        }
        let cb = *page.get(offset)? as usize;
        let (start, length) = match cb {
            0 => (offset + 2, *page.get(offset + 1)? as usize * 2),
            cb => (offset + 1, cb * 2 - 1),
        };
        let papx = page.get(start..start + length)?;
        let mut properties = ParagraphProperties {
            style: u16_at(papx, 0)?,
            ..ParagraphProperties::default()
        };
        for (sprm, operand) in sprms(&papx[2..]) {
            match sprm {
                SPRM_P_ILFO => properties.listed = u16_at(operand, 0).is_some_and(|i| i != 0),
                SPRM_P_OUT_LVL => {
                    properties.level = operand.first().and_then(|&l| outline_level(l.into()))
                }
                _ => {}
            }
        }
        Some(properties)
    })
}

/// The character properties of the document's bytes, from the character FKPs.
pub(super) fn character_runs(word: &[u8], table: &[u8], fib: &Fib) -> Runs<CharacterProperties> {
    runs(word, table, fib.chpx, |page, i, crun| {
        let offset = *page.get((crun + 1) * 4 + i)? as usize * 2;
        if offset == 0 {
            return Some(CharacterProperties::default());
        }
        let cb = *page.get(offset)? as usize;
        let chpx = page.get(offset + 1..offset + 1 + cb)?;
        let mut properties = CharacterProperties::default();
        for (sprm, operand) in sprms(chpx) {
            // 1 sets, 0 clears, 0x81 is the opposite of the style's (italic in upright text).
            let on = matches!(operand.first(), Some(1 | 0x81));
            match sprm {
                SPRM_C_F_ITALIC => properties.italic = on,
                SPRM_C_F_RMARK_DEL | SPRM_C_F_VANISH if on => properties.hidden = true,
                _ => {}
            }
        }
        Some(properties)
    })
}

/// The runs of a bin table (`PlcBteChpx` or `PlcBtePapx`): each of its formatted disk pages
/// holds `crun` runs, the `i`th of which `read` reads from the page.
fn runs<T>(
    word: &[u8],
    table: &[u8],
    plc: (u32, u32),
    read: impl Fn(&[u8], usize, usize) -> Option<T>,
) -> Runs<T> {
    let mut runs = Vec::new();
    let plc = slice(table, plc).unwrap_or_default();
    // n + 1 offsets, then n page numbers.
    let n = plc.len().saturating_sub(4) / 8;
    for i in 0..n {
        let Some(page_number) = u32_at(plc, (n + 1) * 4 + i * 4) else {
            break;
        };
        let start = (page_number & 0x003F_FFFF) as usize * PAGE;
        let Some(page) = word.get(start..start + PAGE) else {
            continue;
        };
        let crun = page[PAGE - 1] as usize;
        for run in 0..crun {
            let (Some(start), Some(end)) = (u32_at(page, run * 4), u32_at(page, run * 4 + 4))
            else {
                break;
            };
            if let Some(value) = read(page, run, crun) {
                runs.push((start, end, value));
            }
        }
    }
    runs.sort_by_key(|(start, _, _)| *start);
    Runs(runs)
}

/// The style sheet: what each paragraph style makes a paragraph.
#[derive(Debug, Default)]
pub(super) struct StyleSheet(Vec<Kind>);

impl StyleSheet {
    /// Read the style sheet (`STSH`) from the table stream; an unreadable one leaves
    /// every paragraph body text.
    pub(super) fn read(table: &[u8], fib: &Fib) -> StyleSheet {
        struct Style {
            kind: Option<Kind>,
            base: u16,
        }
        let Some(sheet) = slice(table, fib.stshf) else {
            return StyleSheet::default();
        };
        let (Some(header), Some(count), Some(base_size)) =
            (u16_at(sheet, 0), u16_at(sheet, 2), u16_at(sheet, 4))
        else {
            return StyleSheet::default();
        };
        let mut styles = Vec::with_capacity(count as usize);
        let mut at = 2 + header as usize;
        for _ in 0..count {
            let Some(size) = u16_at(sheet, at) else { break };
            let std = sheet
                .get(at + 2..at + 2 + size as usize)
                .unwrap_or_default();
            at += 2 + size as usize;
            styles
                .push(read_style(std, base_size as usize).map(|(kind, base)| Style { kind, base }));
        }
        let kind_of = |mut istd: u16| {
            for _ in 0..MAX_STYLE_DEPTH {
                let Some(Some(style)) = styles.get(istd as usize) else {
                    break;
                };
                if let Some(kind) = style.kind {
                    return kind;
                }
                if style.base == NO_STYLE {
                    break;
                }
                istd = style.base;
            }
            Kind::Body
        };
        StyleSheet((0..styles.len() as u16).map(kind_of).collect())
    }

    /// What the style `istd` makes a paragraph.
    pub(super) fn kind(&self, istd: u16) -> Kind {
        self.0.get(istd as usize).copied().unwrap_or(Kind::Body)
    }
}

/// A paragraph style's own kind and the style it is based on, from its `STD`, whose fixed
/// part is `base_size` bytes; `None` for a character or table style, or a broken entry.
fn read_style(std: &[u8], base_size: usize) -> Option<(Option<Kind>, u16)> {
    let sti = u16_at(std, 0)? & 0x0FFF;
    let kind_and_base = u16_at(std, 2)?;
    // A paragraph style is of kind 1.
    if kind_and_base & 0x000F != 1 {
        return None;
    }
    let base = kind_and_base >> 4;
    let length = u16_at(std, base_size)? as usize;
    let name: String =
        char::decode_utf16((0..length).map_while(|i| u16_at(std, base_size + 2 + i * 2)))
            .map(|c| c.unwrap_or(char::REPLACEMENT_CHARACTER))
            .collect::<String>()
            .to_lowercase();
    // The paragraph properties follow the name and its terminator, at an even offset: a
    // length, the style's number again, then its sprms.
    let mut upx = base_size + 2 + length * 2 + 2;
    upx += upx % 2;
    let mut numbered = false;
    let mut level = None;
    if let Some(size) = u16_at(std, upx) {
        let grpprl = std
            .get(upx + 4..upx + 2 + size as usize)
            .unwrap_or_default();
        for (sprm, operand) in sprms(grpprl) {
            match sprm {
                SPRM_P_ILFO => numbered = u16_at(operand, 0).is_some_and(|i| i != 0),
                SPRM_P_OUT_LVL => level = operand.first().and_then(|&l| outline_level(l.into())),
                _ => {}
            }
        }
    }
    // Word's built-in styles are known by their number (`sti`), whatever their name says:
    // the headings, an index's and a table of contents' lines, the title.
    let kind = match sti {
        1..=9 => Some(Kind::Heading((sti as usize).min(6))),
        10..=27 => Some(Kind::Contents),
        62 => Some(Kind::Title),
        _ => own_kind(&name, level, numbered),
    };
    Some((kind, base))
}

/// The property modifiers of a `grpprl`: each sprm and its operand, until one is cut short.
fn sprms(grpprl: &[u8]) -> impl Iterator<Item = (u16, &[u8])> {
    let mut at = 0;
    std::iter::from_fn(move || {
        let sprm = u16_at(grpprl, at)?;
        let operand = at + 2;
        let length = match sprm >> 13 {
            0 | 1 => 1,
            2 | 4 | 5 => 2,
            3 => 4,
            7 => 3,
            _ if sprm == SPRM_T_DEF_TABLE => (u16_at(grpprl, operand)? as usize + 1).max(2),
            _ => *grpprl.get(operand)? as usize + 1,
        };
        let value = grpprl.get(operand..operand + length)?;
        at = operand + length;
        let value = match sprm >> 13 {
            6 if sprm != SPRM_T_DEF_TABLE => &value[1..],
            _ => value,
        };
        Some((sprm, value))
    })
}

/// The bytes at `(offset, length)` of a stream, if it holds them.
pub(super) fn slice(stream: &[u8], (offset, length): (u32, u32)) -> Option<&[u8]> {
    let start = offset as usize;
    stream.get(start..start.checked_add(length as usize)?)
}

pub(super) fn u16_at(bytes: &[u8], at: usize) -> Option<u16> {
    Some(u16::from_le_bytes(
        bytes.get(at..at.checked_add(2)?)?.try_into().ok()?,
    ))
}

pub(super) fn u32_at(bytes: &[u8], at: usize) -> Option<u32> {
    Some(u32::from_le_bytes(
        bytes.get(at..at.checked_add(4)?)?.try_into().ok()?,
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn runs_are_found_by_offset() {
        let runs = Runs(vec![(10, 20, 1u8), (20, 30, 2), (40, 50, 3)]);
        assert_eq!(runs.at(5), 0);
        assert_eq!(runs.at(10), 1);
        assert_eq!(runs.at(25), 2);
        assert_eq!(runs.at(35), 0);
        assert_eq!(runs.at(49), 3);
        assert_eq!(runs.at(50), 0);
    }

    #[test]
    fn sprms_are_read_by_their_operand_sizes_and_stop_when_cut_short() {
        // A toggle (1 byte), a list (2 bytes), a variable operand (length 2), then one cut.
        let grpprl = [
            0x36, 0x08, 1, 0x0B, 0x46, 3, 0, 0x15, 0xC6, 2, 7, 8, 0x0B, 0x46, 1,
        ];
        let read: Vec<_> = sprms(&grpprl).collect();
        assert_eq!(
            read,
            [
                (SPRM_C_F_ITALIC, &[1u8][..]),
                (SPRM_P_ILFO, &[3, 0][..]),
                (0xC615, &[7, 8][..]),
            ]
        );
    }

    #[test]
    fn a_fib_that_is_not_words_or_is_cut_short_is_a_reason() {
        assert!(Fib::read(b"not a fib").unwrap_err().contains("no Word FIB"));
        let mut word = vec![0xEC, 0xA5, 0xC1, 0x00];
        word.resize(40, 0);
        assert!(Fib::read(&word).unwrap_err().contains("cut short"));
        word[2] = 0x65;
        assert!(Fib::read(&word).unwrap_err().contains("Word 95"));
        word[2] = 0xC1;
        word[0x0B] = 0x01;
        assert!(Fib::read(&word).unwrap_err().contains("password"));
    }
}
