//! Web pages saved as one file (MHTML: Chrome's and Edge's "Webpage, Single File", Word's
//! "Single File Web Page"): a MIME message whose first HTML part is the page, its pictures,
//! styles and frames the other parts. The page is found and decoded here, then read as any
//! `.html` file is.

use base64::Engine;

/// Deepest nesting of multipart bodies looked into.
const MAX_DEPTH: usize = 8;

/// The saved page: its HTML bytes, and the character set its part declares, if any.
#[derive(Debug)]
pub(super) struct Page {
    pub(super) html: Vec<u8>,
    pub(super) charset: Option<&'static encoding_rs::Encoding>,
}

/// The page an MHTML file holds, or why it holds none.
pub(super) fn page(bytes: &[u8]) -> Result<Page, String> {
    find_page(bytes, 0).ok_or_else(|| "cannot be read as MHTML (no web page in it)".into())
}

/// The first HTML part of the MIME entity `entity` (headers, a blank line, a body).
fn find_page(entity: &[u8], depth: usize) -> Option<Page> {
    let (headers, body) = split_headers(entity)?;
    let content_type = header(&headers, "content-type")?;
    let (mime_type, params) = parse_content_type(content_type);
    if mime_type.starts_with("multipart/") {
        if depth >= MAX_DEPTH {
            return None;
        }
        let boundary = param(&params, "boundary")?;
        return parts(body, boundary).find_map(|part| find_page(part, depth + 1));
    }
    if mime_type != "text/html" && mime_type != "application/xhtml+xml" {
        return None;
    }
    let encoding = header(&headers, "content-transfer-encoding").unwrap_or("");
    Some(Page {
        html: decode_transfer(body, encoding),
        charset: param(&params, "charset")
            .and_then(|label| encoding_rs::Encoding::for_label(label.as_bytes())),
    })
}

/// Header fields: names in lower case, and values.
type Headers = Vec<(String, String)>;

/// An entity's header lines (continuations unfolded) and its body.
fn split_headers(entity: &[u8]) -> Option<(Headers, &[u8])> {
    let mut headers = Headers::new();
    let mut at = 0;
    loop {
        let end = entity[at..]
            .iter()
            .position(|&b| b == b'\n')
            .map_or(entity.len(), |i| at + i);
        let line = String::from_utf8_lossy(&entity[at..end]);
        let line = line.trim_end_matches('\r');
        at = (end + 1).min(entity.len());
        if line.is_empty() {
            return Some((headers, &entity[at..]));
        }
        if line.starts_with([' ', '\t']) {
            let (_, value) = headers.last_mut()?;
            value.push(' ');
            value.push_str(line.trim());
        } else {
            let (name, value) = line.split_once(':')?;
            headers.push((name.trim().to_ascii_lowercase(), value.trim().to_string()));
        }
        if end == entity.len() {
            return Some((headers, &[]));
        }
    }
}

fn header<'a>(headers: &'a [(String, String)], name: &str) -> Option<&'a str> {
    headers
        .iter()
        .find(|(n, _)| n == name)
        .map(|(_, v)| v.as_str())
}

/// A `Content-Type` value's type (lower case) and its `name=value` parameters.
fn parse_content_type(value: &str) -> (String, Vec<(String, String)>) {
    let mut pieces = value.split(';');
    let mime_type = pieces.next().unwrap_or("").trim().to_ascii_lowercase();
    let params = pieces
        .filter_map(|p| p.split_once('='))
        .map(|(k, v)| {
            let v = v.trim();
            let v = v
                .strip_prefix('"')
                .and_then(|v| v.strip_suffix('"'))
                .unwrap_or(v);
            (k.trim().to_ascii_lowercase(), v.to_string())
        })
        .collect();
    (mime_type, params)
}

fn param<'a>(params: &'a [(String, String)], name: &str) -> Option<&'a str> {
    params
        .iter()
        .find(|(k, _)| k == name)
        .map(|(_, v)| v.as_str())
}

/// The parts of a multipart body, between its `--boundary` lines.
fn parts<'a>(body: &'a [u8], boundary: &str) -> impl Iterator<Item = &'a [u8]> + 'a {
    let delimiter = format!("--{boundary}").into_bytes();
    let mut starts = Vec::new();
    let mut line_start = 0;
    let mut closed = false;
    while line_start < body.len() && !closed {
        let end = body[line_start..]
            .iter()
            .position(|&b| b == b'\n')
            .map_or(body.len(), |i| line_start + i);
        let line = body[line_start..end].trim_ascii_end();
        if let Some(rest) = line.strip_prefix(&delimiter[..]) {
            if rest.is_empty() || rest == b"--" {
                // The part before ends before this line's line break.
                starts.push((line_start, end + 1));
                closed = rest == b"--";
            }
        }
        line_start = end + 1;
    }
    if !closed {
        starts.push((body.len(), body.len()));
    }
    (0..starts.len().saturating_sub(1)).map(move |i| {
        let from = starts[i].1.min(body.len());
        let to = starts[i + 1].0.max(from);
        let part = &body[from..to];
        // The line break before a delimiter belongs to it.
        let part = part.strip_suffix(b"\n").unwrap_or(part);
        part.strip_suffix(b"\r").unwrap_or(part)
    })
}

/// A body decoded from its transfer encoding (`quoted-printable`, `base64`; others as
/// they are).
fn decode_transfer(body: &[u8], encoding: &str) -> Vec<u8> {
    match encoding.trim().to_ascii_lowercase().as_str() {
        "quoted-printable" => quoted_printable(body),
        "base64" => {
            let letters: Vec<u8> = (body.iter().copied())
                .filter(|b| b.is_ascii_alphanumeric() || matches!(b, b'+' | b'/'))
                .collect();
            base64::engine::general_purpose::STANDARD_NO_PAD_INDIFFERENT
                .decode(letters)
                .unwrap_or_default()
        }
        _ => body.to_vec(),
    }
}

/// Quoted-printable decoded: `=XX` is a byte, `=` at a line's end joins it to the next.
fn quoted_printable(body: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(body.len());
    let mut i = 0;
    while i < body.len() {
        if body[i] != b'=' {
            out.push(body[i]);
            i += 1;
            continue;
        }
        let rest = &body[i + 1..];
        let hex = rest
            .get(..2)
            .and_then(|h| std::str::from_utf8(h).ok())
            .and_then(|h| u8::from_str_radix(h, 16).ok());
        if let Some(byte) = hex {
            out.push(byte);
            i += 3;
        } else if let Some(skip) = soft_break(rest) {
            i += 1 + skip;
        } else {
            out.push(b'=');
            i += 1;
        }
    }
    out
}

/// The length of a soft line break's rest (spaces, then `\r\n` or `\n`), if `rest` starts one.
fn soft_break(rest: &[u8]) -> Option<usize> {
    let spaces = rest
        .iter()
        .take_while(|b| matches!(b, b' ' | b'\t'))
        .count();
    match &rest[spaces..] {
        [b'\r', b'\n', ..] => Some(spaces + 2),
        [b'\n', ..] => Some(spaces + 1),
        [] => Some(spaces),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const CHROME: &str = "From: <Saved by Blink>\r\n\
Snapshot-Content-Location: https://example.org/rapallo\r\n\
Subject: =?utf-8?Q?Treaty_of_Rapallo?=\r\n\
MIME-Version: 1.0\r\n\
Content-Type: multipart/related;\r\n\
\ttype=\"text/html\";\r\n\
\tboundary=\"----MultipartBoundary--abc----\"\r\n\
\r\n\
\r\n\
------MultipartBoundary--abc----\r\n\
Content-Type: text/html\r\n\
Content-ID: <frame-1@mhtml.blink>\r\n\
Content-Transfer-Encoding: quoted-printable\r\n\
Content-Location: https://example.org/rapallo\r\n\
\r\n\
<html><head><meta charset=3D\"utf-8\"><title>Treaty of Rapallo</title></head><body><p>Sign=\r\n\
ed in 1922 at a caf=C3=A9.</p></body></html>\r\n\
------MultipartBoundary--abc----\r\n\
Content-Type: text/html\r\n\
Content-Location: https://ads.example.org/frame\r\n\
\r\n\
<p>Buy now</p>\r\n\
------MultipartBoundary--abc------\r\n";

    #[test]
    fn the_first_html_part_is_the_page_decoded() {
        let page = page(CHROME.as_bytes()).unwrap();
        assert_eq!(
            String::from_utf8(page.html).unwrap(),
            "<html><head><meta charset=\"utf-8\"><title>Treaty of Rapallo</title></head>\
             <body><p>Signed in 1922 at a café.</p></body></html>"
        );
        assert!(page.charset.is_none());
    }

    #[test]
    fn a_page_in_base64_with_a_declared_charset_and_nested_parts() {
        let html = base64::engine::general_purpose::STANDARD.encode(b"<p>Caf\xe9</p>");
        let (first, second) = html.split_at(6);
        let mht = format!(
            "MIME-Version: 1.0\nContent-Type: multipart/related; boundary=outer\n\n--outer\n\
             Content-Type: multipart/alternative; boundary=\"inner\"\n\n--inner\n\
             Content-Type: text/plain\n\nplain\n--inner\n\
             Content-Type: text/html; charset=\"windows-1252\"\n\
             Content-Transfer-Encoding: base64\n\n{first}\n{second}\n--inner--\n--outer--\n"
        );
        let page = page(mht.as_bytes()).unwrap();
        assert_eq!(page.html, b"<p>Caf\xe9</p>");
        assert_eq!(page.charset, Some(encoding_rs::WINDOWS_1252));
    }

    #[test]
    fn quoted_printable_keeps_what_is_not_an_escape() {
        assert_eq!(quoted_printable(b"a=3Db=\nc =  \r\nd=ZZ="), b"a=bc d=ZZ");
    }

    #[test]
    fn what_holds_no_page_says_so() {
        for bytes in [
            &b""[..],
            b"not a message at all",
            b"Content-Type: image/png\n\n\x89PNG",
            b"Content-Type: multipart/related\n\n--x\n\n",
            b"Content-Type: multipart/related; boundary=x\n\n--x\nContent-Type: text/css\n\np{}\n--x--\n",
        ] {
            assert_eq!(
                page(bytes).err().as_deref(),
                Some("cannot be read as MHTML (no web page in it)"),
                "{}",
                String::from_utf8_lossy(bytes)
            );
        }
    }
}
