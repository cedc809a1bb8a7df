//! RTF documents (what macOS TextEdit saves, and what Word and Scrivener export): the text
//! of the document's groups, paragraph by paragraph, in its code page (or its font's, where
//! the font table gives a character set: Cyrillic in a Western document) or as `\u` escapes.
//! A paragraph with an outline level, or in a style named `heading N`, is a heading of
//! that level, and the first in the `Title` style names the article; a paragraph numbered
//! or bulleted (`\listtext`, `\pntext`) is a list item; italics are `*…*`. A document
//! without headings is read as plain text is (the first short line is the title). Tables,
//! pictures, fonts, footnotes, headers, field codes, deleted (tracked changes) and hidden
//! text and a table of contents' lines are not text.

use std::collections::HashMap;

use super::model::Outline;
use super::rtf_words::{charset, code_page, control};
use super::word_styles::{has_headings, own_kind, plain_outline, styled_outline, Kind};

/// Groups whose text is not the document's: tables of fonts, colours, styles and lists,
/// metadata, pictures and embedded objects, headers and footers, footnotes, field codes,
/// bookmarks, and the numbering text of old-style lists.
const SKIPPED: &[&str] = &[
    "fonttbl",
    "colortbl",
    "expandedcolortbl",
    "info",
    "pict",
    "object",
    "nonshppict",
    "shpinst",
    "header",
    "headerl",
    "headerr",
    "headerf",
    "footer",
    "footerl",
    "footerr",
    "footerf",
    "footnote",
    "fldinst",
    "listtable",
    "listoverridetable",
    "revtbl",
    "rsidtbl",
    "filetbl",
    "pgdsctbl",
    "themedata",
    "colorschememapping",
    "latentstyles",
    "datastore",
    "xmlnstbl",
    "generator",
    "mmathPr",
    "bkmkstart",
    "bkmkend",
    "pn",
];

/// Deepest nesting of groups read: documents nest a few dozen deep, and each open group
/// holds its state.
const MAX_GROUP_DEPTH: usize = 4096;

/// One paragraph as read.
#[derive(Default)]
struct Paragraph {
    text: String,
    /// What its style or outline level makes the paragraph (a heading of a level, the
    /// title, a table of contents' line), if anything.
    kind: Option<Kind>,
    listed: bool,
}

/// What a group sets, restored when it closes.
#[derive(Clone, Copy)]
struct GroupState {
    /// Text in this group is not the document's.
    skip: bool,
    /// Characters standing in for each `\u` character (`\ucN`).
    uc: usize,
    italic: bool,
    /// Deleted (tracked changes) or hidden text, which Word does not show.
    hidden: bool,
    /// The font (`\fN`) set in this group, if any; else the document's default.
    font: Option<i32>,
}

/// Read an RTF document. `Err` is the reason to skip it.
pub(crate) fn parse(bytes: &[u8]) -> Result<Outline, String> {
    if !bytes.starts_with(b"{\\rtf") {
        return Err("cannot be read as RTF (it does not start with {\\rtf)".into());
    }
    let paragraphs = Reader::default().read(bytes)?;
    if paragraphs.iter().all(|p| p.text.trim().is_empty()) {
        return Err("no text to index".into());
    }
    let paragraphs: Vec<(Kind, String)> = paragraphs
        .into_iter()
        .map(|p| {
            let kind = match p.kind {
                Some(kind @ (Kind::Title | Kind::Heading(_) | Kind::Contents)) => kind,
                _ if p.listed => Kind::ListItem,
                kind => kind.unwrap_or(Kind::Body),
            };
            (
                kind,
                p.text.split_whitespace().collect::<Vec<_>>().join(" "),
            )
        })
        .collect();
    if has_headings(&paragraphs) {
        Ok(styled_outline(Outline::default(), paragraphs))
    } else {
        // No styles to go by: the text is read as a plain-text article is, a paragraph a
        // line.
        Ok(plain_outline(&paragraphs))
    }
}

#[derive(Default)]
struct Reader {
    paragraphs: Vec<Paragraph>,
    current: Paragraph,
    /// Bytes of text not yet decoded, and the encoding they are in.
    pending: Vec<u8>,
    pending_encoding: Option<&'static encoding_rs::Encoding>,
    /// The document's code page (`\ansicpg`).
    encoding: Option<&'static encoding_rs::Encoding>,
    /// Font number → the encoding of its character set, for fonts whose character set is
    /// not the document's (`{\f1\fcharset204 Arial;}`: Cyrillic).
    font_encodings: HashMap<i32, &'static encoding_rs::Encoding>,
    /// The font used where a group sets none (`\deffN`).
    default_font: Option<i32>,
    /// How deep the font table stands while it is read, and the entry being read.
    font_table: Option<(usize, Option<i32>)>,
    /// Style number → what the style makes a paragraph, from the style sheet.
    styles: HashMap<i32, Kind>,
    /// How deep the style sheet's group stands (groups open around it), while it is read.
    sheet_depth: Option<usize>,
    /// The style sheet entry being read: its number, outline level and name.
    style_entry: Option<(i32, Option<usize>, String)>,
    /// Whether `*` was written to open italics in the current paragraph.
    italic_open: bool,
    /// `\u` fallback characters still to pass over.
    fallback: usize,
    /// The first half of a surrogate pair given by `\u`.
    high_surrogate: Option<u32>,
}

impl Reader {
    fn read(mut self, bytes: &[u8]) -> Result<Vec<Paragraph>, String> {
        let mut stack: Vec<GroupState> = Vec::new();
        let mut state = GroupState {
            skip: false,
            uc: 1,
            italic: false,
            hidden: false,
            font: None,
        };
        // Set right after `{` (and `\*`): the group's first control word may name a
        // destination.
        let mut group_start = false;
        let mut ignorable = false;
        let mut i = 0;
        while i < bytes.len() {
            let b = bytes[i];
            match b {
                b'{' => {
                    self.flush_pending();
                    if self.sheet_depth == Some(stack.len()) {
                        // A style sheet entry; `\sN` numbers it (Word leaves `\s0` out).
                        self.style_entry = Some((0, None, String::new()));
                    }
                    stack.push(state);
                    if stack.len() > MAX_GROUP_DEPTH {
                        return Err(format!(
                            "cannot be read as RTF (groups nested more than {MAX_GROUP_DEPTH} deep)"
                        ));
                    }
                    group_start = true;
                    ignorable = false;
                    i += 1;
                }
                b'}' => {
                    self.flush_pending();
                    if self
                        .font_table
                        .is_some_and(|(depth, _)| depth == stack.len())
                    {
                        self.font_table = None;
                    }
                    if self.sheet_depth == Some(stack.len()) {
                        self.sheet_depth = None;
                    } else if self.sheet_depth.is_some_and(|d| stack.len() == d + 1) {
                        self.end_style_entry();
                    }
                    state = stack.pop().unwrap_or(state);
                    group_start = false;
                    i += 1;
                }
                b'\\' => {
                    let (word, param, next) = control(bytes, i + 1);
                    i = next;
                    if word == "*" {
                        ignorable = true;
                        continue;
                    }
                    if word == "bin" {
                        // Raw binary data of the given length.
                        i = i.saturating_add(param.unwrap_or(0).max(0) as usize);
                        continue;
                    }
                    if std::mem::take(&mut group_start) {
                        // The group's first word may say what the group is.
                        match word.as_str() {
                            "stylesheet" => {
                                state.skip = true;
                                self.sheet_depth = Some(stack.len());
                            }
                            "fonttbl" => {
                                state.skip = true;
                                self.font_table = Some((stack.len(), None));
                            }
                            // A numbered or bulleted paragraph's number or bullet.
                            "listtext" | "pntext" => {
                                self.current.listed = true;
                                state.skip = true;
                            }
                            word if ignorable || SKIPPED.contains(&word) => state.skip = true,
                            _ => {}
                        }
                    }
                    ignorable = false;
                    self.control_word(&mut state, &word, param);
                }
                b'\r' | b'\n' => i += 1,
                _ => {
                    group_start = false;
                    if self.sheet_depth.is_some() {
                        // An entry's name, not what a group inside it holds.
                        let in_entry = self.sheet_depth.is_some_and(|d| stack.len() == d + 1);
                        if let Some((_, _, name)) = self.style_entry.as_mut().filter(|_| in_entry) {
                            name.push(char::from(b));
                        }
                    } else if !state.skip {
                        self.byte(&state, b);
                    }
                    i += 1;
                }
            }
        }
        self.end_paragraph();
        Ok(self.paragraphs)
    }

    fn control_word(&mut self, state: &mut GroupState, word: &str, param: Option<i32>) {
        if let Some((_, entry)) = &mut self.font_table {
            let encoding = match word {
                "f" => {
                    *entry = param;
                    None
                }
                "fcharset" => param.and_then(charset),
                "cpg" => param.and_then(code_page),
                _ => None,
            };
            if let (Some(font), Some(encoding)) = (*entry, encoding) {
                self.font_encodings.insert(font, encoding);
            }
            return;
        }
        if self.sheet_depth.is_some() {
            match word {
                "s" => {
                    if let Some((number, _, _)) = &mut self.style_entry {
                        *number = param.unwrap_or(0);
                    }
                }
                // Character, section and table styles are no paragraph's.
                "cs" | "ds" | "ts" => {
                    if let Some((number, _, _)) = &mut self.style_entry {
                        *number = i32::MIN;
                    }
                }
                "outlinelevel" => {
                    if let Some((_, level, _)) = &mut self.style_entry {
                        *level = param.and_then(outline_level);
                    }
                }
                _ => {}
            }
            return;
        }
        if state.skip && word != "uc" {
            return;
        }
        match word {
            "ansicpg" => self.encoding = param.and_then(code_page),
            "mac" => self.encoding = Some(encoding_rs::MACINTOSH),
            "deff" => self.default_font = param,
            "f" => state.font = param,
            "uc" => state.uc = param.unwrap_or(1).max(0) as usize,
            "i" => state.italic = param != Some(0),
            "deleted" | "v" => state.hidden = param != Some(0),
            "plain" => {
                state.italic = false;
                state.hidden = false;
                state.font = None;
            }
            "pard" => {
                self.current.kind = None;
            }
            "s" => {
                if let Some(kind) = param.and_then(|n| self.styles.get(&n)) {
                    self.current.kind = Some(*kind);
                }
            }
            "outlinelevel" => {
                if let Some(level) = param.and_then(outline_level) {
                    self.current.kind = Some(Kind::Heading(level));
                }
            }
            // A deleted or hidden paragraph mark joins its paragraph to the next.
            "par" | "\n" | "\r" if state.hidden => {}
            "par" | "sect" | "page" | "row" | "\n" | "\r" => {
                self.flush_pending();
                self.end_paragraph();
            }
            "tab" | "cell" | "line" | "~" | "emspace" | "enspace" => self.text(state, " "),
            "_" => self.text(state, "-"),
            "emdash" => self.text(state, "—"),
            "endash" => self.text(state, "–"),
            "bullet" => self.text(state, "•"),
            "lquote" => self.text(state, "‘"),
            "rquote" => self.text(state, "’"),
            "ldblquote" => self.text(state, "“"),
            "rdblquote" => self.text(state, "”"),
            "{" | "}" | "\\" => self.text(state, word),
            "'" => {
                if let Some(byte) = param {
                    self.byte(state, byte as u8);
                }
            }
            "u" => {
                if let Some(n) = param {
                    // A signed 16-bit unit: characters past U+FFFF come as surrogate pairs.
                    let unit = if n < 0 { n + 65536 } else { n } as u32;
                    let c = match (self.high_surrogate.take(), unit) {
                        (None, 0xD800..=0xDBFF) => {
                            self.high_surrogate = Some(unit);
                            self.fallback = state.uc;
                            return;
                        }
                        (Some(high), 0xDC00..=0xDFFF) => {
                            char::from_u32(0x10000 + ((high - 0xD800) << 10) + (unit - 0xDC00))
                        }
                        (_, unit) => char::from_u32(unit),
                    };
                    let c = c.unwrap_or('\u{FFFD}');
                    self.text(state, c.encode_utf8(&mut [0; 4]));
                    self.fallback = state.uc;
                }
            }
            _ => {}
        }
    }

    /// Add a byte of text in the code page of the font in use, unless it stands in for the
    /// `\u` character before it.
    fn byte(&mut self, state: &GroupState, byte: u8) {
        if self.fallback > 0 {
            self.fallback -= 1;
            return;
        }
        if state.hidden {
            return;
        }
        self.italics(state);
        let encoding = (state.font.or(self.default_font))
            .and_then(|font| self.font_encodings.get(&font).copied())
            .or(self.encoding)
            .unwrap_or(encoding_rs::WINDOWS_1252);
        if self.pending_encoding != Some(encoding) {
            self.flush_pending();
            self.pending_encoding = Some(encoding);
        }
        self.pending.push(byte);
    }

    /// Add `text` (already Unicode) to the paragraph, unless the group is skipped.
    fn text(&mut self, state: &GroupState, text: &str) {
        if state.skip || state.hidden {
            return;
        }
        self.fallback = 0;
        self.italics(state);
        self.flush_pending();
        self.current.text.push_str(text);
    }

    /// Open or close `*…*` where the italics change.
    fn italics(&mut self, state: &GroupState) {
        if state.italic != self.italic_open {
            self.flush_pending();
            self.current.text.push('*');
            self.italic_open = state.italic;
        }
    }

    /// Decode the bytes read so far in the code page they were written in.
    fn flush_pending(&mut self) {
        if self.pending.is_empty() {
            return;
        }
        let encoding = (self.pending_encoding).unwrap_or(encoding_rs::WINDOWS_1252);
        let (text, _) = encoding.decode_without_bom_handling(&self.pending);
        self.current.text.push_str(&text);
        self.pending.clear();
    }

    fn end_paragraph(&mut self) {
        self.flush_pending();
        if self.italic_open {
            self.current.text.push('*');
            self.italic_open = false;
        }
        let kind = self.current.kind;
        let done = std::mem::take(&mut self.current);
        // A paragraph's style lasts until `\pard`: the next one keeps it.
        self.current.kind = kind;
        if !done.text.trim().is_empty() {
            self.paragraphs.push(done);
        }
    }

    fn end_style_entry(&mut self) {
        if let Some((number, level, name)) = self.style_entry.take() {
            let name = name.trim().trim_end_matches(';').trim().to_lowercase();
            if let Some(kind) = own_kind(&name, level, false) {
                self.styles.insert(number, kind);
            }
        }
    }
}

/// An outline level (`0` is a heading 1) as a heading level.
fn outline_level(level: i32) -> Option<usize> {
    (0..9)
        .contains(&level)
        .then_some((level as usize + 1).min(6))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::model::Block;

    fn text_of(rtf: &str) -> Vec<String> {
        Reader::default()
            .read(rtf.as_bytes())
            .unwrap()
            .into_iter()
            .map(|p| p.text)
            .collect()
    }

    #[test]
    fn text_escapes_and_code_pages() {
        assert_eq!(
            text_of(
                r"{\rtf1\ansi\ansicpg1252 {\fonttbl\f0 Helvetica;}Caf\'e9 \u8212? \{x\}\par next}"
            ),
            ["Café — {x}", "next"]
        );
        assert_eq!(
            text_of(r"{\rtf1\ansi\ansicpg1251 \'c4\'ee\'e3\'ee\'e2\'ee\'f0\par}"),
            ["Договор"]
        );
        // A font's character set, in a group or until the next `\f`; `\plain` goes back to
        // the default font.
        assert_eq!(
            text_of(
                r"{\rtf1\ansi\ansicpg1252\deff0{\fonttbl{\f0\froman\fcharset0 Times;}{\f1\fswiss\fcharset204{\*\panose 0}Arial CYR;}{\f2\fnil\fcharset161 Greek;}}
\f0 Caf\'e9 {\f1 \'c4\'ee\'e3\'ee\'e2\'ee\'f0} \'e9 \f2 \'d3\'e1\plain  \'e9\par}"
            ),
            ["Café Договор é Σα é"]
        );
        // `\uc2`: two fallback characters follow each `\u`.
        assert_eq!(text_of(r"{\rtf1\uc2 \u26085\'93\'fa!}"), ["日!"]);
        // A character past U+FFFF as a surrogate pair.
        assert_eq!(text_of(r"{\rtf1 \u-10179?\u-8704? ok}"), ["😀 ok"]);
        // Destinations, known or marked `\*`, are not text; a field's result is.
        assert_eq!(
            text_of(
                r"{\rtf1{\*\generator Riched20;}{\info{\title T}}{\field{\*\fldinst HYPERLINK x}{\fldrslt shown}} {\footnote note}end}"
            ),
            ["shown end"]
        );
    }

    #[test]
    fn headings_by_style_or_outline_level_and_lists() {
        let rtf = r"{\rtf1{\stylesheet{\ql Normal;}{\s1\outlinelevel0 Titre 1;}{\s2{\*\keycode \shift x} heading 2;}}
\pard\s1 The Treaty\par
\pard\s0 Signed in 1922 by {\i both} sides.\par
\pard\s2 Further reading\par
\pard{\listtext \'95\tab}{\i The Bolshevik Revolution} by E. H. Carr\par}";
        let outline = parse(rtf.as_bytes()).unwrap();
        assert_eq!(outline.title.as_deref(), Some("The Treaty"));
        assert_eq!(outline.sections.len(), 2);
        assert_eq!(
            outline.sections[0].1[0].text(),
            "Signed in 1922 by *both* sides."
        );
        assert_eq!(outline.sections[1].0, ["Further reading"]);
        assert!(matches!(
            &outline.sections[1].1[0],
            Block::ListItem(item) if item == "*The Bolshevik Revolution* by E. H. Carr"
        ));
    }

    #[test]
    fn the_title_style_names_the_article_and_contents_deletions_and_hidden_text_are_not_text() {
        let rtf = r"{\rtf1{\stylesheet{\s0 Normal;}{\s26 Title;}{\s27 Contents 1;}{\s1\outlinelevel0 heading 1;}}
\pard\plain\s26 Metternich and Europe\par
\pard\plain\s27 {\field{\*\fldinst TOC}{\fldrslt Congress of Vienna 1}}\par
\pard\plain\s0 Klemens von Metternich.\par
\pard\plain\s1 Congress of Vienna\par
\pard\plain\s0 Delegates met in {\deleted\revauthdel1 Paris and\par in }Vienna{\v  secretly}.\par}";
        let outline = parse(rtf.as_bytes()).unwrap();
        assert_eq!(outline.title.as_deref(), Some("Metternich and Europe"));
        assert_eq!(outline.heading_paths(), ["", "Congress of Vienna"]);
        assert_eq!(outline.sections[0].1[0].text(), "Klemens von Metternich.");
        assert_eq!(outline.sections[1].1[0].text(), "Delegates met in Vienna.");
    }

    #[test]
    fn a_document_without_styles_is_read_as_plain_text() {
        let rtf = r"{\rtf1\ansi{\fonttbl\f0\fswiss Helvetica;}\f0\fs24 The Congress of Vienna\par\par The powers met in 1814.\par}";
        let outline = parse(rtf.as_bytes()).unwrap();
        assert_eq!(outline.title.as_deref(), Some("The Congress of Vienna"));
        assert_eq!(outline.sections[0].1[0].text(), "The powers met in 1814.");
        assert!(parse(b"not rtf").unwrap_err().contains("RTF"));
        assert!(parse(br"{\rtf1{\fonttbl x}}").is_err());
        let deep = format!("{{\\rtf1 {}x", "{".repeat(MAX_GROUP_DEPTH));
        assert!(parse(deep.as_bytes()).unwrap_err().contains("nested"));
    }
}
