//! Small text helpers shared by the parsers: decoding bytes, stripping lightweight inline
//! markup.

/// The warning for bytes that are not the UTF-8 they should be.
pub(crate) const LOSSY: &str = "not valid UTF-8; decoded with replacement characters";

/// How a file's bytes were turned into text.
#[derive(Debug, PartialEq, Eq)]
pub(crate) enum Decoded {
    Utf8(String),
    /// Invalid UTF-8 was replaced with U+FFFD.
    Lossy(String),
    /// The bytes contain NUL outside a UTF-16 text: not a text file.
    Binary,
}

/// Whether `bytes` start with a UTF-16 byte-order mark (either order).
pub(crate) fn is_utf16(bytes: &[u8]) -> bool {
    bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF])
}

/// Decode a file's bytes: UTF-8 (with or without BOM), UTF-16 with a BOM, or lossy UTF-8.
/// Line endings are normalised to `\n`.
pub(crate) fn decode(bytes: &[u8]) -> Decoded {
    let decoded = if let Some(rest) = bytes.strip_prefix(&[0xEF, 0xBB, 0xBF]) {
        decode_utf8(rest)
    } else if let Some(rest) = bytes.strip_prefix(&[0xFF, 0xFE]) {
        Decoded::Utf8(decode_utf16(rest, u16::from_le_bytes))
    } else if let Some(rest) = bytes.strip_prefix(&[0xFE, 0xFF]) {
        Decoded::Utf8(decode_utf16(rest, u16::from_be_bytes))
    } else if bytes.contains(&0) {
        Decoded::Binary
    } else {
        decode_utf8(bytes)
    };
    match decoded {
        Decoded::Utf8(s) => Decoded::Utf8(normalize_newlines(s)),
        Decoded::Lossy(s) => Decoded::Lossy(normalize_newlines(s)),
        Decoded::Binary => Decoded::Binary,
    }
}

/// A document's text, and the legacy encoding it was read in when it was not Unicode.
#[derive(Debug, PartialEq, Eq)]
pub(crate) enum Document {
    /// UTF-8 or UTF-16 (marked).
    Unicode(String),
    /// Not UTF-8: read in the encoding named, which the page declared or, when `guessed`,
    /// its bytes suggest.
    Legacy {
        text: String,
        encoding: &'static str,
        guessed: bool,
    },
    /// Marked as UTF-8 but not valid UTF-8: invalid bytes were replaced with U+FFFD.
    Lossy(String),
    /// The bytes contain NUL outside a UTF-16 text: not a text file.
    Binary,
}

/// Decode a document's bytes (a text, Markdown or HTML file): as [`decode`], except that
/// bytes which are not UTF-8 and have no byte-order mark are read in the legacy encoding
/// an HTML page declares (`<meta charset>`, `<?xml encoding>`), else the one its bytes
/// suggest (Mozilla's `chardetng`, as Firefox guesses unlabelled pages): old pages and
/// text files are often windows-1252, Shift_JIS, GBK or KOI8-R.
pub(crate) fn decode_document(bytes: &[u8], html: bool) -> Document {
    let lossy = match decode(bytes) {
        Decoded::Utf8(text) => return Document::Unicode(text),
        Decoded::Binary => return Document::Binary,
        Decoded::Lossy(text) => text,
    };
    if bytes.starts_with(&[0xEF, 0xBB, 0xBF]) {
        return Document::Lossy(lossy);
    }
    let declared = html.then(|| declared_encoding(bytes)).flatten();
    let (encoding, guessed) = match declared {
        Some(encoding) => (encoding, false),
        None => {
            let mut detector =
                chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
            detector.feed(bytes, true);
            (detector.guess(None, chardetng::Utf8Detection::Deny), true)
        }
    };
    // A page that says it is UTF-8 (or UTF-16, which its bytes are not) gets U+FFFD.
    if encoding == encoding_rs::UTF_8 || encoding.output_encoding() != encoding {
        return Document::Lossy(lossy);
    }
    let (text, _) = encoding.decode_without_bom_handling(bytes);
    Document::Legacy {
        text: normalize_newlines(text.into_owned()),
        encoding: encoding.name(),
        guessed,
    }
}

/// The encoding an HTML or XHTML page declares in its first 1,024 bytes: `charset=` in a
/// `<meta>` element, or `encoding=` in an XML declaration.
fn declared_encoding(bytes: &[u8]) -> Option<&'static encoding_rs::Encoding> {
    let head = &bytes[..bytes.len().min(1024)];
    let lower = head.to_ascii_lowercase();
    let find = |key: &[u8]| {
        let at = lower.windows(key.len()).position(|w| w == key)? + key.len();
        let rest = &head[at..];
        let rest = rest
            .strip_prefix(b"\"")
            .or(rest.strip_prefix(b"'"))
            .unwrap_or(rest);
        let end = rest
            .iter()
            .position(|&b| {
                matches!(b, b'"' | b'\'' | b';' | b'>' | b'/') || b.is_ascii_whitespace()
            })
            .unwrap_or(rest.len());
        encoding_rs::Encoding::for_label(&rest[..end])
    };
    let xml = lower
        .starts_with(b"<?xml")
        .then(|| find(b"encoding="))
        .flatten();
    xml.or_else(|| find(b"charset="))
}

fn decode_utf8(bytes: &[u8]) -> Decoded {
    match std::str::from_utf8(bytes) {
        Ok(s) => Decoded::Utf8(s.to_string()),
        Err(_) => Decoded::Lossy(String::from_utf8_lossy(bytes).into_owned()),
    }
}

fn decode_utf16(bytes: &[u8], unit: fn([u8; 2]) -> u16) -> String {
    let units = bytes.chunks_exact(2).map(|c| unit([c[0], c[1]]));
    char::decode_utf16(units)
        .map(|c| c.unwrap_or(char::REPLACEMENT_CHARACTER))
        .collect()
}

fn normalize_newlines(s: String) -> String {
    if !s.contains('\r') {
        return s;
    }
    s.replace("\r\n", "\n").replace('\r', "\n")
}

/// Remove Markdown inline markup: emphasis markers, code ticks, links and images keep
/// only their text.
pub(crate) fn strip_markdown(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(i) = rest.find(['[', '*', '`', '<']) {
        out.push_str(&rest[..i]);
        let tail = &rest[i..];
        if tail.starts_with('[') {
            if let Some((text, after)) = markdown_link(tail) {
                out.push_str(text);
                rest = after;
                continue;
            }
            out.push('[');
        } else if let Some(inner) = tail.strip_prefix('<') {
            // Inline HTML tags such as <em> or <cite> carry no text of their own. A tag
            // holds no `<`: the search stops at the next one, keeping it linear.
            match inner.find(['>', '<']).map(|end| end + 1) {
                Some(end) if tail.as_bytes()[end] == b'>' && is_tag(&tail[..=end]) => {
                    rest = &tail[end + 1..];
                    continue;
                }
                _ => out.push('<'),
            }
        }
        // '*' and '`' are dropped.
        rest = &tail[1..];
    }
    out.push_str(rest);
    if let Some(stripped) = out.strip_prefix('!') {
        return stripped.to_string();
    }
    out.replace(" ![", " [")
}

/// Whether `line` is a rule drawn with `marks` (`-----`, `* * *`, a heading's `=====`
/// underline): at least three of them, spaces between, nothing else, so no words.
pub(crate) fn is_rule(line: &str, marks: &str) -> bool {
    let mut drawn = 0;
    for c in line.chars() {
        match c {
            ' ' | '\t' => {}
            c if marks.contains(c) => drawn += 1,
            _ => return false,
        }
    }
    drawn >= 3
}

/// Text rendered from HTML, without the emphasis marks the renderer added (`*…*`).
/// Everything else is the page's own text: a `<` in it was written as `&lt;`.
pub(crate) fn strip_rendered(s: &str) -> String {
    s.replace('*', "")
}

fn is_tag(s: &str) -> bool {
    let inner = s.trim_start_matches('<').trim_start_matches('/');
    inner
        .chars()
        .next()
        .is_some_and(|c| c.is_ascii_alphabetic())
        && !inner.contains(['<', '\n'])
}

/// `[text](url)` at the start of `s`: the link text and what follows the link.
fn markdown_link(s: &str) -> Option<(&str, &str)> {
    // The text ends at `](`; a `[` before it means this `[` opens no link. Scanning stops
    // there, so a line of many `[` costs linear time, not quadratic.
    let bytes = s.as_bytes();
    let mut close = 1;
    loop {
        match bytes.get(close)? {
            b'[' => return None,
            b']' if bytes.get(close + 1) == Some(&b'(') => break,
            _ => close += 1,
        }
    }
    let text = &s[1..close];
    let after = &s[close + 2..];
    // The destination ends at the first `)`, which a new line or `](` comes after only in
    // text that is not a link.
    let end = after.find([')', '\n', ']'])?;
    if after.as_bytes()[end] != b')' {
        return None;
    }
    Some((text, &after[end + 1..]))
}

/// Decode the HTML character references that matter for titles.
pub(crate) fn decode_entities(s: &str) -> String {
    if !s.contains('&') {
        return s.to_string();
    }
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(i) = rest.find('&') {
        out.push_str(&rest[..i]);
        let tail = &rest[i..];
        let decoded = tail.find(';').filter(|&end| end <= 10).and_then(|end| {
            let name = &tail[1..end];
            let c = match name {
                "amp" => Some('&'),
                "lt" => Some('<'),
                "gt" => Some('>'),
                "quot" => Some('"'),
                "apos" => Some('\''),
                "nbsp" => Some(' '),
                _ => name
                    .strip_prefix("#x")
                    .or_else(|| name.strip_prefix("#X"))
                    .and_then(|h| u32::from_str_radix(h, 16).ok())
                    .or_else(|| name.strip_prefix('#').and_then(|d| d.parse().ok()))
                    .and_then(char::from_u32),
            }?;
            Some((c, end + 1))
        });
        match decoded {
            Some((c, len)) => {
                out.push(c);
                rest = &tail[len..];
            }
            None => {
                out.push('&');
                rest = &tail[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

/// Whether `word` is a roman numeral as books number their parts, pages and headings
/// (`iv`, `XII`, `xl`, in any letter case, below 400), well formed: `civil` and `ill` are
/// words, not numerals.
pub(crate) fn is_roman_numeral(word: &str) -> bool {
    const DIGITS: [(u32, &str); 9] = [
        (100, "C"),
        (90, "XC"),
        (50, "L"),
        (40, "XL"),
        (10, "X"),
        (9, "IX"),
        (5, "V"),
        (4, "IV"),
        (1, "I"),
    ];
    let upper = word.to_ascii_uppercase();
    let (mut rest, mut value) = (upper.as_str(), 0);
    for (n, digit) in DIGITS {
        while let Some(after) = rest.strip_prefix(digit) {
            (rest, value) = (after, value + n);
        }
    }
    if !rest.is_empty() || value == 0 || value >= 400 {
        return false;
    }
    // Well formed: written as its value is (`IV`, not `IIII`).
    let mut written = String::new();
    for (n, digit) in DIGITS {
        while value >= n {
            written.push_str(digit);
            value -= n;
        }
    }
    written == upper
}

/// The people a header names, written given name first: `Karl Marx and Friedrich Engels`,
/// `A, B and C`, `A; B` (Project Gutenberg's `Author:`, a JSTOR cover's `Author(s):`).
pub(crate) fn names_listed(text: &str) -> Vec<String> {
    (text.split(" and "))
        .flat_map(|part| part.split([';', ',']))
        .map(str::trim)
        .filter(|name| !name.is_empty())
        .map(str::to_string)
        .collect()
}

/// Whether `name` is the one calibre gives a book's author it does not know (`Unknown`),
/// which names no one.
pub(crate) fn is_unknown_author(name: &str) -> bool {
    name == "Unknown"
}

/// `s` without `suffix`, in any letter case (`Dump.JSONL.GZ` without `.gz`), when it ends
/// so.
pub(crate) fn without_suffix<'a>(s: &'a str, suffix: &str) -> Option<&'a str> {
    let cut = s.len().checked_sub(suffix.len())?;
    (s.is_char_boundary(cut) && s[cut..].eq_ignore_ascii_case(suffix)).then(|| &s[..cut])
}

/// Collapse runs of whitespace to single spaces and trim.
pub(crate) fn squash_whitespace(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn roman_numerals_are_told_from_words() {
        for numeral in ["i", "IV", "xii", "XL", "xcix", "CCCXCIX", "iii"] {
            assert!(is_roman_numeral(numeral), "{numeral}");
        }
        for word in ["", "civil", "ill", "IIII", "VV", "IC", "CD", "mix", "lil"] {
            assert!(!is_roman_numeral(word), "{word}");
        }
    }

    #[test]
    fn decoding_handles_boms_crlf_and_binary() {
        assert_eq!(decode(b"a\r\nb\rc"), Decoded::Utf8("a\nb\nc".into()));
        assert_eq!(decode(b"\xEF\xBB\xBFhi"), Decoded::Utf8("hi".into()));
        assert_eq!(decode(b"\xFF\xFEh\0i\0"), Decoded::Utf8("hi".into()));
        assert_eq!(decode(b"\xFE\xFF\0h\0i"), Decoded::Utf8("hi".into()));
        assert_eq!(decode(b"ab\0cd"), Decoded::Binary);
        assert_eq!(decode(b"caf\xE9"), Decoded::Lossy("caf\u{FFFD}".into()));
    }

    #[test]
    fn documents_not_in_utf8_are_read_in_their_legacy_encoding() {
        let legacy = |bytes: &[u8], html| match decode_document(bytes, html) {
            Document::Legacy {
                text,
                encoding,
                guessed,
            } => (text, encoding, guessed),
            other => panic!("{other:?}"),
        };
        // Latin-1 French, guessed.
        let french = b"Le caf\xe9 de la r\xe9publique, o\xf9 l'on d\xe9battait en 1848.";
        let (text, encoding, guessed) = legacy(french, false);
        assert!(text.starts_with("Le café de la république, où"), "{text}");
        assert_eq!((encoding, guessed), ("windows-1252", true));
        // Russian in windows-1251, guessed.
        let russian = encoding_rs::WINDOWS_1251
            .encode("Революция в России началась в феврале 1917 года.")
            .0;
        let (text, encoding, _) = legacy(&russian, false);
        assert_eq!(encoding, "windows-1251");
        assert!(text.starts_with("Революция в России"), "{text}");
        // A page that declares its encoding is read in it, whatever the bytes suggest.
        let page = [
            &b"<html><head><meta http-equiv=\"Content-Type\" content=\"text/html; charset=KOI8-R\">"[..],
            &encoding_rs::KOI8_R.encode("<title>Мир</title>").0,
        ]
        .concat();
        let (text, encoding, guessed) = legacy(&page, true);
        assert_eq!((encoding, guessed), ("KOI8-R", false));
        assert!(text.ends_with("<title>Мир</title>"), "{text}");
        let xhtml = [
            &b"<?xml version='1.0' encoding='Shift_JIS'?><p>"[..],
            &encoding_rs::SHIFT_JIS.encode("明治維新").0,
        ]
        .concat();
        assert_eq!(
            legacy(&xhtml, true).0,
            "<?xml version='1.0' encoding='Shift_JIS'?><p>明治維新"
        );
        // Only HTML declares: in a text file, `charset=` is text.
        assert!(matches!(
            decode_document(b"charset=utf-8 caf\xe9", false),
            Document::Legacy { guessed: true, .. }
        ));
        // Said to be UTF-8 (a byte-order mark, or a page's charset) but not: U+FFFD.
        assert_eq!(
            decode_document(b"\xef\xbb\xbfcaf\xe9", false),
            Document::Lossy("caf\u{FFFD}".into())
        );
        assert!(matches!(
            decode_document(b"<meta charset=\"utf-8\">caf\xe9", true),
            Document::Lossy(_)
        ));
        // UTF-8 and binary files are as before.
        assert_eq!(
            decode_document("café".as_bytes(), false),
            Document::Unicode("café".into())
        );
        assert_eq!(decode_document(b"a\0b\xe9", false), Document::Binary);
    }

    #[test]
    fn markdown_markup_is_stripped() {
        assert_eq!(
            strip_markdown("read *The Guns* by [Tuchman](http://x) `now`"),
            "read The Guns by Tuchman now"
        );
        assert_eq!(strip_markdown("a <em>b</em> < c"), "a b < c");
        assert_eq!(strip_markdown("[not a link"), "[not a link");
        // What only looks like a link or a tag is kept as written.
        assert_eq!(strip_markdown("[[a](u)] [b](c\nd)"), "[a] [b](c\nd)");
        assert_eq!(strip_markdown("[a](b [c](d)"), "[a](b c");
        assert_eq!(strip_markdown("<<em>x</em> <a <b>"), "<x <a ");
        let brackets = "[".repeat(1000) + "x" + &"]".repeat(1000);
        assert_eq!(strip_markdown(&brackets), brackets);
    }

    #[test]
    fn entities_are_decoded() {
        assert_eq!(
            decode_entities("A &amp; B &#8217; &#x41; &bogus"),
            "A & B ’ A &bogus"
        );
    }
}
