//! A guard for PDF parsing: `lopdf` parses nested arrays and dictionaries by recursion, so a
//! file nesting them a hundred thousand deep overflows the stack and aborts the process,
//! which no `catch_unwind` stops. Real PDFs nest a handful of levels; before a PDF is
//! parsed, its bytes and its Flate-compressed streams (content and object streams, which
//! are parsed the same way) are scanned for nesting deeper than [`MAX_NESTING`].

use std::io::Read;

/// Nesting of arrays and dictionaries beyond which a PDF is not parsed.
pub(super) const MAX_NESTING: usize = 256;

/// Bytes of compressed streams inflated for the scan, in all; past this the rest of the
/// streams are not scanned (a decompression bomb is `lopdf`'s to refuse).
const MAX_INFLATED: u64 = 256 << 20;

/// Whether the PDF `bytes` nest arrays or dictionaries deeper than [`MAX_NESTING`],
/// directly or in a compressed stream.
pub(super) fn too_deep(bytes: &[u8]) -> bool {
    let mut inflate_budget = MAX_INFLATED;
    scan(bytes, Some(&mut inflate_budget))
}

/// Scan PDF syntax in `bytes`; streams are inflated and scanned too while `budget` lasts
/// (none: streams are skipped, as in a stream already inflated).
fn scan(bytes: &[u8], mut budget: Option<&mut u64>) -> bool {
    let mut depth = 0usize;
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'%' => {
                while i < bytes.len() && !matches!(bytes[i], b'\n' | b'\r') {
                    i += 1;
                }
            }
            b'(' => i = skip_literal_string(bytes, i),
            b'<' if bytes.get(i + 1) == Some(&b'<') => {
                depth += 1;
                i += 1;
            }
            b'<' => {
                while i < bytes.len() && bytes[i] != b'>' {
                    i += 1;
                }
            }
            b'>' if bytes.get(i + 1) == Some(&b'>') => {
                depth = depth.saturating_sub(1);
                i += 1;
            }
            b'[' => depth += 1,
            b']' => depth = depth.saturating_sub(1),
            b's' if bytes[i..].starts_with(b"stream") && keyword_starts(bytes, i) => {
                let data_start = i + b"stream".len();
                let end = find(&bytes[data_start..], b"endstream")
                    .map_or(bytes.len(), |at| data_start + at);
                if let Some(budget) = budget.as_deref_mut() {
                    let data = trim_eol(&bytes[data_start..end]);
                    let dict = stream_dict(bytes, i);
                    let deep = match (find(dict, b"/Filter"), find(dict, b"/Image")) {
                        (Some(_), _) => inflated_too_deep(data, budget),
                        // Uncompressed content is parsed as it is.
                        (None, None) => scan(data, None),
                        (None, Some(_)) => false,
                    };
                    if deep {
                        return true;
                    }
                }
                i = end + b"endstream".len() - 1;
            }
            _ => {}
        }
        if depth > MAX_NESTING {
            return true;
        }
        i += 1;
    }
    false
}

/// Whether the stream `data`, inflated (if it is zlib data) within `budget`, nests too
/// deeply.
fn inflated_too_deep(data: &[u8], budget: &mut u64) -> bool {
    if *budget == 0 || data.len() < 2 || data[0] & 0x0F != 8 {
        return false;
    }
    let mut inflated = Vec::new();
    let mut reader = flate2::read::ZlibDecoder::new(data).take(*budget);
    // A broken stream is scanned as far as it inflates.
    let _ = reader.read_to_end(&mut inflated);
    *budget -= inflated.len() as u64;
    scan(&inflated, None)
}

/// The dictionary of the stream whose keyword is at `at`: the bytes since its object's
/// `obj` keyword (at most 4 KB back).
fn stream_dict(bytes: &[u8], at: usize) -> &[u8] {
    let from = at.saturating_sub(4096);
    let dict = &bytes[from..at];
    match dict.windows(3).rposition(|w| w == b"obj") {
        Some(obj) => &dict[obj..],
        None => dict,
    }
}

/// The index of the last byte of the literal string opening at `start` (or the end).
fn skip_literal_string(bytes: &[u8], start: usize) -> usize {
    let mut open = 0usize;
    let mut i = start;
    while i < bytes.len() {
        match bytes[i] {
            b'\\' => i += 1,
            b'(' => open += 1,
            b')' => {
                open -= 1;
                if open == 0 {
                    return i;
                }
            }
            _ => {}
        }
        i += 1;
    }
    bytes.len()
}

/// Whether the keyword at `at` starts a token (not the end of a longer name, such as
/// `endstream`'s own).
fn keyword_starts(bytes: &[u8], at: usize) -> bool {
    at == 0 || !bytes[at - 1].is_ascii_alphanumeric()
}

/// `data` without the end of line that follows the `stream` keyword.
fn trim_eol(data: &[u8]) -> &[u8] {
    let data = data.strip_prefix(b"\r").unwrap_or(data);
    data.strip_prefix(b"\n").unwrap_or(data)
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    fn zlib(bytes: &[u8]) -> Vec<u8> {
        let mut encoder =
            flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::default());
        encoder.write_all(bytes).unwrap();
        encoder.finish().unwrap()
    }

    #[test]
    fn deep_nesting_is_found_in_objects_and_compressed_streams() {
        let deep = |open: &str, close: &str| open.repeat(300) + &close.repeat(300);
        let object = |body: &str| format!("1 0 obj\n{body}\nendobj\n").into_bytes();
        assert!(too_deep(&object(&deep("[", "]"))));
        assert!(too_deep(&object(&deep("<< /A ", " >>"))));
        assert!(!too_deep(&object(&deep("[", "]")[50..550])));
        // Brackets in strings, hex strings and comments are text.
        let text = format!(
            "({}) <{}> % {}\n",
            "[".repeat(400),
            "5b".repeat(400),
            "[".repeat(400)
        );
        assert!(!too_deep(&object(&text)));
        // A compressed stream is scanned inflated.
        let stream = |data: &[u8]| {
            let mut pdf = b"1 0 obj\n<< /Filter /FlateDecode >>\nstream\n".to_vec();
            pdf.extend_from_slice(data);
            pdf.extend_from_slice(b"\nendstream\nendobj\n");
            pdf
        };
        assert!(too_deep(&stream(&zlib(deep("[", "]").as_bytes()))));
        // Uncompressed content is parsed, and scanned; an image's pixels are not.
        let raw = |dict: &str, data: &str| {
            format!("1 0 obj\n{dict}\nstream\n{data}\nendstream\nendobj\n").into_bytes()
        };
        assert!(too_deep(&raw("<< /Length 600 >>", &deep("[", "]"))));
        let image = "<< /Subtype /Image /Width 600 /Height 1 >>";
        assert!(!too_deep(&raw(image, &"[".repeat(400))));
        assert!(!too_deep(&stream(&zlib(b"BT [(Hello) 120 (world)] TJ ET"))));
    }
}
