//! Guards for PDF parsing, which `lopdf` and `pdf-extract` do without bounds. `lopdf`
//! parses nested arrays and dictionaries by recursion, so a file nesting them a hundred
//! thousand deep overflows the stack and aborts the process, which no `catch_unwind`
//! stops; and both inflate a compressed stream whole, each time it is read, so a file of a
//! few megabytes whose one stream inflates to gigabytes (a decompression bomb) takes all
//! the memory a machine has. Real PDFs nest a handful of levels, and a stream that is no
//! picture (a page's drawing, a font, the objects packed in an object stream) inflates to
//! a few megabytes.
//!
//! So before a PDF is parsed, its bytes and its compressed streams, inflated, are scanned
//! for nesting deeper than [`MAX_NESTING`] and for streams inflating past [`MAX_STREAM`]
//! (or past [`MAX_INFLATED`] in all); and once it is parsed (and decrypted), its streams
//! are inflated here within the same bounds, once, before `pdf-extract` reads them, and
//! its pictures emptied, since no text is read from them. An encrypted PDF's object
//! streams, which the parser decrypts and inflates as it loads the file, cannot be
//! inflated first: they are held to the most their compressed bytes may inflate to.

use std::io::Read;

use lopdf::{Dictionary, Document, Object};

/// Nesting of arrays and dictionaries beyond which a PDF is not parsed.
const MAX_NESTING: usize = 256;

/// Bytes one stream that is no picture may inflate to.
const MAX_STREAM: u64 = 128 << 20;

/// Bytes the streams of a PDF that are no pictures may inflate to in all.
const MAX_INFLATED: u64 = 1 << 30;

/// Deflate's greatest ratio of inflated to compressed bytes (a 258-byte match in two bits,
/// one block's headers aside): what a compressed stream that cannot be inflated first may
/// inflate to at the most.
const DEFLATE_MAX_RATIO: u64 = 1032;

/// Why a PDF is not parsed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Refusal {
    TooDeep,
    StreamTooLarge,
    TooMuch,
    /// Encrypted object streams that may inflate past the bounds.
    Encrypted,
}

impl Refusal {
    fn reason(self) -> String {
        match self {
            Refusal::TooDeep => {
                format!(
                    "cannot be read as PDF: arrays or dictionaries nested over {MAX_NESTING} deep"
                )
            }
            Refusal::StreamTooLarge => format!(
                "cannot be read as PDF: a compressed stream inflates to over {} MB (a \
                 decompression bomb?)",
                MAX_STREAM >> 20
            ),
            Refusal::TooMuch => format!(
                "cannot be read as PDF: its compressed streams inflate to over {} MB in all",
                MAX_INFLATED >> 20
            ),
            Refusal::Encrypted => format!(
                "cannot be read as PDF: its encrypted object streams may inflate to over {} MB, \
                 which cannot be checked before they are decrypted (a decompression bomb?)",
                MAX_STREAM >> 20
            ),
        }
    }
}

/// `Err` with the reason when the PDF `bytes` must not be parsed: arrays or dictionaries
/// nested deeper than [`MAX_NESTING`], directly or in a compressed stream, or streams
/// inflating past the bounds.
pub(super) fn check(bytes: &[u8]) -> Result<(), String> {
    let mut budget = Budget::new();
    budget.encrypted = find(bytes, b"/Encrypt").is_some();
    scan(bytes, Some(&mut budget)).map_err(Refusal::reason)
}

/// Inflate the streams of the parsed PDF `doc` within the bounds, before `pdf-extract`
/// reads it: a stream only compressed is stored inflated (read once, however often it is
/// drawn), one that also needs its parameters (a predictor) is left for `lopdf` once its
/// size is known; pictures are emptied. `Err` with the reason when a stream is too large.
pub(super) fn inflate_streams(doc: &mut Document) -> Result<(), String> {
    let mut budget = Budget::new();
    for object in doc.objects.values_mut() {
        let Object::Stream(stream) = object else {
            continue;
        };
        if is_picture(&stream.dict) {
            stream.set_plain_content(Vec::new());
            continue;
        }
        let Ok(filters) = stream.filters() else {
            continue;
        };
        if filters.is_empty() {
            continue;
        }
        let filters: Vec<Vec<u8>> = filters.into_iter().map(<[u8]>::to_vec).collect();
        let params = stream
            .dict
            .get(b"DecodeParms")
            .and_then(Object::as_dict)
            .ok();
        let early_change = params
            .and_then(|p| p.get(b"EarlyChange").ok())
            .and_then(|v| v.as_i64().ok())
            .is_none_or(|v| v != 0);
        let plain = params.is_none();
        let decoded = budget
            .decode(&stream.content, &filters, early_change)
            .map_err(Refusal::reason)?;
        if let (Some(decoded), true) = (decoded, plain) {
            stream.set_plain_content(decoded);
        }
    }
    Ok(())
}

/// Whether a stream's dictionary is a picture's (an image XObject).
fn is_picture(dict: &Dictionary) -> bool {
    dict.get(b"Subtype")
        .and_then(Object::as_name)
        .is_ok_and(|name| name == b"Image")
}

/// What one stream, and what is left of the bytes a PDF's streams, may inflate to.
struct Budget {
    max_stream: u64,
    left: u64,
    /// The PDF is encrypted (or may be: it names `/Encrypt`), so its object streams are
    /// inflated by the parser as it decrypts them, past any bound set here.
    encrypted: bool,
}

impl Budget {
    fn new() -> Budget {
        Budget {
            max_stream: MAX_STREAM,
            left: MAX_INFLATED,
            encrypted: false,
        }
    }

    /// Charge an encrypted object stream of `compressed` bytes through `filters` at the
    /// most it may inflate to: only Flate's ratio is bounded, so another filter is refused.
    fn charge_encrypted(&mut self, compressed: usize, filters: &[Vec<u8>]) -> Result<(), Refusal> {
        let most = match filters {
            [] => compressed as u64,
            [flate] if flate == b"FlateDecode" => {
                (compressed as u64).saturating_mul(DEFLATE_MAX_RATIO)
            }
            _ => return Err(Refusal::Encrypted),
        };
        if most > self.max_stream.min(self.left) {
            return Err(Refusal::Encrypted);
        }
        self.left -= most;
        Ok(())
    }

    /// `data` decoded through `filters` (in decoding order) as `lopdf` decodes it, within
    /// the bounds: `None` where `lopdf` decodes it with none of them (a filter it does not
    /// know).
    fn decode(
        &mut self,
        data: &[u8],
        filters: &[Vec<u8>],
        early_change: bool,
    ) -> Result<Option<Vec<u8>>, Refusal> {
        let mut output: Option<Vec<u8>> = None;
        for filter in filters {
            let input = output.as_deref().unwrap_or(data);
            let cap = self.max_stream.min(self.left);
            let decoded = match filter.as_slice() {
                b"FlateDecode" => inflate(input, cap),
                b"LZWDecode" => unlzw(input, cap, early_change),
                b"ASCII85Decode" => {
                    // At most four bytes a byte: bounded by the stream itself.
                    let mut dict = Dictionary::new();
                    dict.set("Filter", Object::Name(filter.clone()));
                    match lopdf::Stream::new(dict, input.to_vec()).decompressed_content() {
                        Ok(decoded) => decoded,
                        Err(_) => return Ok(None),
                    }
                }
                _ => return Ok(None),
            };
            if decoded.len() as u64 > cap {
                return Err(match cap == self.max_stream {
                    true => Refusal::StreamTooLarge,
                    false => Refusal::TooMuch,
                });
            }
            self.left -= decoded.len() as u64;
            output = Some(decoded);
        }
        Ok(output)
    }
}

/// The zlib `data` inflated, up to one byte past `cap`; a broken stream as far as it
/// inflates, as `lopdf` reads one.
fn inflate(data: &[u8], cap: u64) -> Vec<u8> {
    let mut inflated = Vec::new();
    let mut reader = flate2::read::ZlibDecoder::new(data).take(cap.saturating_add(1));
    let _ = reader.read_to_end(&mut inflated);
    inflated
}

/// The LZW `data` decoded as `lopdf` decodes it, up to past `cap`; a broken stream as far
/// as it decodes.
fn unlzw(data: &[u8], cap: u64, early_change: bool) -> Vec<u8> {
    use weezl::{decode::Decoder, BitOrder, LzwStatus};
    let mut decoder = match early_change {
        true => Decoder::with_tiff_size_switch(BitOrder::Msb, 8),
        false => Decoder::new(BitOrder::Msb, 8),
    };
    let (mut output, mut buffer) = (Vec::new(), vec![0u8; 1 << 16]);
    let mut input = data;
    while output.len() as u64 <= cap {
        let result = decoder.decode_bytes(input, &mut buffer);
        output.extend_from_slice(&buffer[..result.consumed_out]);
        input = &input[result.consumed_in..];
        let stalled = result.consumed_in == 0 && result.consumed_out == 0;
        match result.status {
            Ok(LzwStatus::Ok) if !stalled => {}
            Ok(_) | Err(_) => break,
        }
    }
    output
}

/// Scan PDF syntax in `bytes`; compressed streams are inflated within `budget` and scanned
/// too (none: streams are skipped, as in a stream already inflated).
fn scan(bytes: &[u8], mut budget: Option<&mut Budget>) -> Result<(), Refusal> {
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
                    let filters = filter_names(dict);
                    if budget.encrypted && find(dict, b"/ObjStm").is_some() {
                        // Its bytes are ciphertext until the parser decrypts them.
                        budget.charge_encrypted(data.len(), &filters)?;
                    } else if !names_a_picture(dict) {
                        // A picture's pixels are not parsed, and are emptied once it is.
                        if filters.is_empty() {
                            // Uncompressed content is parsed as it is.
                            scan(data, None)?;
                        } else if let Some(inflated) = budget.decode(data, &filters, true)? {
                            scan(&inflated, None)?;
                        }
                    }
                }
                i = end + b"endstream".len() - 1;
            }
            _ => {}
        }
        if depth > MAX_NESTING {
            return Err(Refusal::TooDeep);
        }
        i += 1;
    }
    Ok(())
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

/// Whether a stream's dictionary, as written, makes it a picture (`/Subtype /Image`), whose
/// pixels are never parsed (it is emptied once the PDF is): not merely a dictionary naming
/// `/Image` somewhere, or an object or cross-reference stream (which the parser inflates as
/// it loads the file) posing as one, as a hostile file might, to be passed over.
fn names_a_picture(dict: &[u8]) -> bool {
    let Some(at) = find(dict, b"/Subtype") else {
        return false;
    };
    let rest = &dict[at + b"/Subtype".len()..];
    let rest = &rest[rest.iter().take_while(|b| b.is_ascii_whitespace()).count()..];
    rest.strip_prefix(b"/Image")
        .is_some_and(|after| after.first().is_none_or(|&b| !is_regular(b)))
        && find(dict, b"/ObjStm").is_none()
        && find(dict, b"/XRef").is_none()
}

/// The names of the filters a stream's dictionary, as written, gives (`/Filter
/// /FlateDecode`, `/Filter [/ASCII85Decode /FlateDecode]`).
fn filter_names(dict: &[u8]) -> Vec<Vec<u8>> {
    let Some(at) = find(dict, b"/Filter") else {
        return Vec::new();
    };
    let rest = &dict[at + b"/Filter".len()..];
    let rest = &rest[rest.iter().take_while(|b| b.is_ascii_whitespace()).count()..];
    let names = match rest.first() {
        Some(b'[') => &rest[1..rest.iter().position(|&b| b == b']').unwrap_or(rest.len())],
        Some(b'/') => {
            let end = 1 + rest[1..]
                .iter()
                .position(|&b| !is_regular(b))
                .unwrap_or(rest.len() - 1);
            &rest[..end]
        }
        _ => return Vec::new(),
    };
    (names.split(|&b| b == b'/').skip(1))
        .map(|name| {
            name.iter()
                .copied()
                .take_while(|&b| is_regular(b))
                .collect()
        })
        .filter(|name: &Vec<u8>| !name.is_empty())
        .collect()
}

/// Whether a byte may stand in a PDF name (no white space or delimiter).
fn is_regular(b: u8) -> bool {
    !b.is_ascii_whitespace() && !b"()<>[]{}/%".contains(&b)
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

#[cfg(test)]
mod tests;
