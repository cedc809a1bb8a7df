//! Web pages saved by Safari (`.webarchive`, its "Web Archive" format, the one it saves a
//! page in unless told otherwise): a binary property list whose main resource is the page's
//! HTML, its pictures, styles and frames other resources. The page is found here, then read
//! as any `.html` file is.
//!
//! The list is not read whole: from its root, only the main resource's data, type and
//! encoding are looked up. A binary property list refers to its objects by number, and may
//! refer to one from many places; read whole, a hostile one nesting such references would
//! expand without bound (the `plist` crate's reader builds every value it reaches).

use super::mhtml::Page;

/// The saved page a `.webarchive` file holds, or why it holds none.
pub(super) fn page(bytes: &[u8]) -> Result<Page, String> {
    let unreadable = |why: &str| format!("cannot be read as a Safari web archive ({why})");
    let list = List::open(bytes).map_err(unreadable)?;
    let main = (list.entry(list.root, "WebMainResource"))
        .map_err(unreadable)?
        .ok_or_else(|| unreadable("no main resource in it"))?;
    let field = |key| list.entry(main, key).map_err(unreadable);
    let Some(html) = field("WebResourceData")? else {
        return Err(unreadable("no web page in it"));
    };
    let html = list.data(html).map_err(unreadable)?;
    let text = |key| -> Result<Option<String>, String> {
        match field(key)? {
            Some(object) => list.string(object).map(Some).map_err(unreadable),
            None => Ok(None),
        }
    };
    let mime_type = text("WebResourceMIMEType")?
        .unwrap_or_default()
        .to_ascii_lowercase();
    if !matches!(
        mime_type.as_str(),
        "" | "text/html" | "application/xhtml+xml"
    ) {
        // As the archive names it, held to a type's length.
        let mime_type: String = mime_type.chars().take(80).collect();
        return Err(format!(
            "a Safari web archive of {mime_type}, not of a web page"
        ));
    }
    Ok(Page {
        html: html.to_vec(),
        charset: text("WebResourceTextEncodingName")?
            .and_then(|label| encoding_rs::Encoding::for_label(label.trim().as_bytes())),
    })
}

/// A binary property list (`bplist00`): its bytes, where each object starts, and how wide
/// a reference to one is.
struct List<'a> {
    bytes: &'a [u8],
    offsets: &'a [u8],
    offset_size: usize,
    ref_size: usize,
    objects: usize,
    root: usize,
}

/// An object's kind, in the high four bits of its first byte.
const DATA: u8 = 0x4;
const ASCII: u8 = 0x5;
const UTF16: u8 = 0x6;
const ARRAY: u8 = 0xA;
const DICTIONARY: u8 = 0xD;
const INTEGER: u8 = 0x1;

impl<'a> List<'a> {
    /// The list in `bytes`, its trailer (the last 32 bytes) read.
    fn open(bytes: &'a [u8]) -> Result<List<'a>, &'static str> {
        if !bytes.starts_with(b"bplist00") {
            return Err("not a binary property list");
        }
        let trailer = bytes
            .len()
            .checked_sub(32)
            .filter(|&at| at >= 8)
            .map(|at| &bytes[at..])
            .ok_or("too short")?;
        let number = |at: usize| u64::from_be_bytes(trailer[at..at + 8].try_into().unwrap());
        let (offset_size, ref_size) = (usize::from(trailer[6]), usize::from(trailer[7]));
        let broken = "its trailer is broken";
        if !(1..=8).contains(&offset_size) || !(1..=8).contains(&ref_size) {
            return Err(broken);
        }
        let objects = usize::try_from(number(8)).map_err(|_| broken)?;
        let root = usize::try_from(number(16)).map_err(|_| broken)?;
        let table = usize::try_from(number(24)).map_err(|_| broken)?;
        let offsets = (objects.checked_mul(offset_size))
            .and_then(|len| bytes.get(table..table.checked_add(len)?))
            .ok_or(broken)?;
        Ok(List {
            bytes,
            offsets,
            offset_size,
            ref_size,
            objects,
            root,
        })
    }

    /// Where object `object` starts.
    fn start(&self, object: usize) -> Result<usize, &'static str> {
        if object >= self.objects {
            return Err("it refers to an object it does not hold");
        }
        let at = object * self.offset_size;
        let offset = big_endian(&self.offsets[at..at + self.offset_size]);
        usize::try_from(offset)
            .ok()
            .filter(|&start| start < self.bytes.len())
            .ok_or("an object lies outside it")
    }

    /// Object `object`'s kind, and its contents from the byte after its length.
    fn object(&self, object: usize) -> Result<(u8, usize, &'a [u8]), &'static str> {
        let start = self.start(object)?;
        let marker = self.bytes[start];
        let (kind, short) = (marker >> 4, usize::from(marker & 0xF));
        let mut at = start + 1;
        let len = match short {
            // A longer length follows, as an integer object of its own.
            0xF if matches!(kind, DATA | ASCII | UTF16 | ARRAY | DICTIONARY) => {
                let marker = *self.bytes.get(at).ok_or("an object is cut short")?;
                if marker >> 4 != INTEGER {
                    return Err("an object's length is no number");
                }
                let width = 1usize << (marker & 0xF).min(3);
                let digits = self
                    .bytes
                    .get(at + 1..at + 1 + width)
                    .ok_or("an object is cut short")?;
                at += 1 + width;
                usize::try_from(big_endian(digits)).map_err(|_| "an object is too long")?
            }
            len => len,
        };
        Ok((kind, len, &self.bytes[at..]))
    }

    /// The value of `key` in dictionary `object`, if it has one.
    fn entry(&self, object: usize, key: &str) -> Result<Option<usize>, &'static str> {
        let (kind, len, rest) = self.object(object)?;
        if kind != DICTIONARY {
            return Err("a dictionary is none");
        }
        let refs = (len.checked_mul(2 * self.ref_size))
            .and_then(|size| rest.get(..size))
            .ok_or("a dictionary is cut short")?;
        let reference = |i: usize| {
            let r = big_endian(&refs[i * self.ref_size..(i + 1) * self.ref_size]);
            usize::try_from(r).map_err(|_| "it refers to an object it does not hold")
        };
        for i in 0..len {
            if self.is_text(reference(i)?, key)? {
                return reference(len + i).map(Some);
            }
        }
        Ok(None)
    }

    /// Whether object `object` is a string reading `text`, which is ASCII: compared
    /// without decoding it, so that a dictionary whose keys all refer to one long string
    /// costs no more than its keys.
    fn is_text(&self, object: usize, text: &str) -> Result<bool, &'static str> {
        let (kind, len, rest) = self.object(object)?;
        if len != text.len() {
            return Ok(false);
        }
        let cut = "a string is cut short";
        Ok(match kind {
            ASCII => rest.get(..len).ok_or(cut)? == text.as_bytes(),
            UTF16 => {
                let units = rest.get(..2 * len).ok_or(cut)?;
                units.chunks(2).zip(text.bytes()).all(|(u, b)| u == [0, b])
            }
            _ => false,
        })
    }

    /// The bytes of data object `object`.
    fn data(&self, object: usize) -> Result<&'a [u8], &'static str> {
        match self.object(object)? {
            (DATA, len, rest) => rest.get(..len).ok_or("its data is cut short"),
            _ => Err("a page's data is none"),
        }
    }

    /// The text of string object `object`.
    fn string(&self, object: usize) -> Result<String, &'static str> {
        let cut = "a string is cut short";
        match self.object(object)? {
            (ASCII, len, rest) => Ok(String::from_utf8_lossy(rest.get(..len).ok_or(cut)?).into()),
            (UTF16, len, rest) => {
                let units = rest.get(..len.checked_mul(2).ok_or(cut)?).ok_or(cut)?;
                let units = units.chunks(2).map(|u| u16::from_be_bytes([u[0], u[1]]));
                Ok(char::decode_utf16(units)
                    .map(|c| c.unwrap_or(char::REPLACEMENT_CHARACTER))
                    .collect())
            }
            _ => Err("a string is none"),
        }
    }
}

/// The number written big-endian in `bytes` (eight at most).
fn big_endian(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0, |n, &b| (n << 8) | u64::from(b))
}

#[cfg(test)]
mod tests {
    use super::*;
    use plist::{Dictionary, Value};

    /// A web archive of `html`, binary as Safari writes it, with a picture beside it.
    fn archive(html: &[u8], mime_type: &str, encoding: Option<&str>) -> Vec<u8> {
        let mut main = Dictionary::new();
        main.insert("WebResourceData".into(), Value::Data(html.to_vec()));
        main.insert("WebResourceMIMEType".into(), mime_type.into());
        main.insert("WebResourceURL".into(), "https://example.org/kars".into());
        if let Some(encoding) = encoding {
            main.insert("WebResourceTextEncodingName".into(), encoding.into());
        }
        let mut picture = Dictionary::new();
        picture.insert(
            "WebResourceData".into(),
            Value::Data(vec![0x89, b'P', b'N', b'G']),
        );
        picture.insert("WebResourceMIMEType".into(), "image/png".into());
        let mut root = Dictionary::new();
        // Before the main resource, as a key sorting first might stand.
        root.insert(
            "WebSubresources".into(),
            Value::Array(vec![Value::Dictionary(picture)]),
        );
        root.insert("WebMainResource".into(), Value::Dictionary(main));
        let mut bytes = Vec::new();
        Value::Dictionary(root)
            .to_writer_binary(&mut bytes)
            .unwrap();
        bytes
    }

    #[test]
    fn the_main_resource_is_the_page_with_its_encoding() {
        let html = b"<html><title>Siege of Kars</title><p>Kars held out.</p></html>";
        let saved = page(&archive(html, "text/html", Some("windows-1252"))).unwrap();
        assert_eq!(saved.html, html);
        assert_eq!(saved.charset, Some(encoding_rs::WINDOWS_1252));
        let saved = page(&archive(html, "text/html", None)).unwrap();
        assert_eq!(saved.charset, None);
    }

    #[test]
    fn an_archive_of_no_page_or_no_archive_is_refused_saying_why() {
        let picture = page(&archive(b"\x89PNG", "image/png", None)).unwrap_err();
        assert!(
            picture.contains("of image/png, not of a web page"),
            "{picture}"
        );
        let garbage = page(b"not a property list at all").unwrap_err();
        assert!(
            garbage.contains("cannot be read as a Safari web archive"),
            "{garbage}"
        );
        let mut empty = Vec::new();
        Value::Dictionary(Dictionary::new())
            .to_writer_binary(&mut empty)
            .unwrap();
        let empty = page(&empty).unwrap_err();
        assert!(empty.contains("no main resource"), "{empty}");
    }

    /// A binary property list written by hand: `bplist00`, `objects` (each its marker
    /// byte and contents, references one byte wide), their offsets (four bytes each) and
    /// the trailer naming the last object the root.
    fn written(objects: &[Vec<u8>]) -> Vec<u8> {
        let mut bytes = b"bplist00".to_vec();
        let mut offsets = Vec::new();
        for object in objects {
            offsets.extend(u32::try_from(bytes.len()).unwrap().to_be_bytes());
            bytes.extend(object);
        }
        let table = bytes.len() as u64;
        bytes.extend(&offsets);
        // Unused, sort version, offset size, reference size; objects, root, table.
        bytes.extend([0, 0, 0, 0, 0, 0, 4, 1]);
        bytes.extend((objects.len() as u64).to_be_bytes());
        bytes.extend((objects.len() as u64 - 1).to_be_bytes());
        bytes.extend(table.to_be_bytes());
        bytes
    }

    #[test]
    fn references_are_followed_only_where_the_page_is() {
        // Ten levels of ten references to the level below (`0xAA`, an array of 10) would
        // read as ten billion strings; a dictionary (`0xD2`, two entries) of 2 keys
        // (`0x5F 0x10 0x0F`, strings of 15 letters) holds the top level twice.
        let mut objects: Vec<Vec<u8>> = vec![b"\x54kars".to_vec()];
        for level in 1..=10u8 {
            objects.push([vec![0xAA], vec![level - 1; 10]].concat());
        }
        objects.push(b"\x5f\x10\x0fWebSubresources".to_vec());
        objects.push(b"\x5f\x10\x0fWebMainResource".to_vec());
        objects.push(vec![0xD2, 11, 12, 10, 10]);
        let refused = page(&written(&objects)).unwrap_err();
        assert!(refused.contains("a dictionary is none"), "{refused}");
        // A main resource whose 14 keys (`0xDE`) all refer to one string of 60,000 letters.
        let long = [b"\x5f\x11\xea\x60".to_vec(), vec![b'a'; 60_000]].concat();
        let main = [vec![0xDE], vec![0; 14], vec![0; 14]].concat();
        let key = b"\x5f\x10\x0fWebMainResource".to_vec();
        // The root refers to its key (2) and to the main resource (1).
        let objects = vec![long, main, key, vec![0xD1, 2, 1]];
        let refused = page(&written(&objects)).unwrap_err();
        assert!(refused.contains("no web page in it"), "{refused}");
    }

    proptest::proptest! {
        #[test]
        fn a_damaged_archive_is_refused_or_read_never_a_panic(
            at in 0usize..400,
            byte in proptest::num::u8::ANY,
            cut in 0usize..400,
        ) {
            let mut bytes = archive(b"<p>Kars</p>", "text/html", Some("utf-8"));
            let at = at % bytes.len();
            bytes[at] = byte;
            let _ = page(&bytes);
            bytes.truncate(cut % bytes.len());
            let _ = page(&bytes);
        }
    }
}
