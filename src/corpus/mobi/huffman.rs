//! Amazon's Huffman coding of a Kindle book's text (compression 17480, "HUFF/CDIC"), as
//! calibre and libmobi read it. The book's HUFF record holds the code: for each first byte
//! of a code, its length and whether that byte ends it, and for each length the least and
//! greatest code. Its CDIC records hold the phrases a code stands for, each either text or
//! itself coded (read once, when first met). A text record is a stream of codes, most
//! significant bit first.

/// A phrase may be coded in phrases at most this deep: a real book nests a few; a damaged
/// or hostile one could loop.
const MAX_DEPTH: usize = 32;

use super::{be16, be32};

const DAMAGED: &str = "its text is damaged (a Huffman-coded record refers to nothing)";

/// One phrase of the dictionary: its bytes, and whether they are text yet (else coded).
struct Phrase {
    bytes: Vec<u8>,
    text: bool,
    /// Being read: met again while reading itself, the phrase refers to itself.
    reading: bool,
}

/// The code and phrases of a Huffman-coded book.
pub(super) struct Huffman {
    /// For each first byte of a code: its length, whether the byte ends it, and the
    /// greatest code of that length, left-aligned in 32 bits.
    first: Vec<(u32, bool, u64)>,
    /// For each code length 0–32, its least and greatest code, left-aligned.
    least: [u64; 33],
    greatest: [u64; 33],
    phrases: Vec<Phrase>,
    /// Bytes phrases may still grow to when read: what keeps nested phrases from
    /// filling memory.
    budget: usize,
}

impl Huffman {
    /// The code of the HUFF record `huff` and the phrases of the CDIC records `cdics`;
    /// phrases may be read into at most `budget` bytes in all.
    pub(super) fn new(huff: &[u8], cdics: &[&[u8]], budget: usize) -> Result<Huffman, String> {
        const NOT_HUFF: &str = "its Huffman code is damaged (no HUFF record where its header says)";
        if huff.get(..8) != Some(b"HUFF\0\0\0\x18") {
            return Err(NOT_HUFF.into());
        }
        let (first_at, lengths_at) = (
            be32(huff, 8).ok_or(NOT_HUFF)?,
            be32(huff, 12).ok_or(NOT_HUFF)?,
        );
        let mut first = Vec::with_capacity(256);
        for i in 0..256 {
            let value = be32(huff, first_at as usize + 4 * i).ok_or(NOT_HUFF)?;
            let (length, ends, greatest) = (value & 0x1F, value & 0x80 != 0, u64::from(value >> 8));
            if length == 0 || (length <= 8 && !ends) {
                return Err(NOT_HUFF.into());
            }
            first.push((length, ends, ((greatest + 1) << (32 - length)) - 1));
        }
        let (mut least, mut greatest) = ([0u64; 33], [0u64; 33]);
        greatest[0] = (1 << 32) - 1;
        for length in 1..=32u32 {
            let at = lengths_at as usize + 8 * (length as usize - 1);
            let low = u64::from(be32(huff, at).ok_or(NOT_HUFF)?);
            let high = u64::from(be32(huff, at + 4).ok_or(NOT_HUFF)?);
            least[length as usize] = low << (32 - length);
            greatest[length as usize] = ((high + 1) << (32 - length)) - 1;
        }
        let mut phrases = Vec::new();
        for cdic in cdics {
            read_phrases(cdic, &mut phrases)?;
        }
        Ok(Huffman {
            first,
            least,
            greatest,
            phrases,
            budget,
        })
    }

    /// Append the text of the coded `record` to `out`, at most `max` bytes of it.
    pub(super) fn decode(
        &mut self,
        record: &[u8],
        out: &mut Vec<u8>,
        max: usize,
    ) -> Result<(), String> {
        self.decode_at(record, out, max, 0)
    }

    fn decode_at(
        &mut self,
        record: &[u8],
        out: &mut Vec<u8>,
        max: usize,
        depth: usize,
    ) -> Result<(), String> {
        if depth > MAX_DEPTH {
            return Err(DAMAGED.into());
        }
        let start = out.len();
        let mut bits_left = record.len() as i64 * 8;
        let mut position = 0usize;
        let mut window = be64(record, position);
        // Bits of `window` below the next code's 32.
        let mut shift: i32 = 32;
        loop {
            if shift <= 0 {
                position += 4;
                window = be64(record, position);
                shift += 32;
            }
            let code = (window >> shift) & 0xFFFF_FFFF;
            let (mut length, ends, mut greatest) = self.first[(code >> 24) as usize];
            if !ends {
                while code < self.least[length as usize] {
                    length += 1;
                    if length > 32 {
                        return Err(DAMAGED.into());
                    }
                }
                greatest = self.greatest[length as usize];
            }
            shift -= length as i32;
            bits_left -= i64::from(length);
            if bits_left < 0 {
                break;
            }
            let index = greatest.checked_sub(code).ok_or(DAMAGED)? >> (32 - length);
            let index = usize::try_from(index).map_err(|_| DAMAGED)?;
            let phrase = self.phrases.get_mut(index).ok_or(DAMAGED)?;
            if phrase.reading {
                return Err(DAMAGED.into());
            }
            if !phrase.text {
                phrase.reading = true;
                let coded = std::mem::take(&mut phrase.bytes);
                let mut read = Vec::new();
                let room = max.min(self.budget);
                self.decode_at(&coded, &mut read, room, depth + 1)?;
                self.budget -= read.len();
                let phrase = &mut self.phrases[index];
                (phrase.bytes, phrase.text, phrase.reading) = (read, true, false);
            }
            out.extend_from_slice(&self.phrases[index].bytes);
            if out.len() - start > max {
                return Err("its text is damaged (a record holds more than a record can)".into());
            }
        }
        Ok(())
    }
}

/// Add the phrases of the CDIC record `cdic` to `phrases`: as many as its header says are
/// left, at most `2^bits`, each found by its offset (after the 16-byte header) and
/// holding its length and, in the length's top bit, whether it is text already.
fn read_phrases(cdic: &[u8], phrases: &mut Vec<Phrase>) -> Result<(), String> {
    const NOT_CDIC: &str = "its Huffman code is damaged (a CDIC record is cut short)";
    if cdic.get(..8) != Some(b"CDIC\0\0\0\x10") {
        return Err(NOT_CDIC.into());
    }
    let total = be32(cdic, 8).ok_or(NOT_CDIC)? as usize;
    let bits = be32(cdic, 12).ok_or(NOT_CDIC)?;
    let count = total.saturating_sub(phrases.len()).min(1 << bits.min(16));
    for i in 0..count {
        let offset = usize::from(be16(cdic, 16 + 2 * i).ok_or(NOT_CDIC)?);
        let length = be16(cdic, 16 + offset).ok_or(NOT_CDIC)?;
        let at = 18 + offset;
        let bytes = cdic
            .get(at..at + usize::from(length & 0x7FFF))
            .ok_or(NOT_CDIC)?;
        phrases.push(Phrase {
            bytes: bytes.to_vec(),
            text: length & 0x8000 != 0,
            reading: false,
        });
    }
    Ok(())
}

/// The eight bytes at `at`, big-endian; zeros past the end.
fn be64(bytes: &[u8], at: usize) -> u64 {
    let mut eight = [0u8; 8];
    for (i, byte) in eight.iter_mut().enumerate() {
        *byte = bytes.get(at + i).copied().unwrap_or(0);
    }
    u64::from_be_bytes(eight)
}

#[cfg(test)]
pub(super) mod tests {
    use super::*;

    /// Codes written most significant bit first.
    #[derive(Default)]
    struct Bits {
        bytes: Vec<u8>,
        used: usize,
    }

    impl Bits {
        fn push(&mut self, code: u32, length: usize) {
            for i in (0..length).rev() {
                if self.used.is_multiple_of(8) {
                    self.bytes.push(0);
                }
                let bit = (code >> i) & 1;
                *self.bytes.last_mut().unwrap() |= (bit as u8) << (7 - self.used % 8);
                self.used += 1;
            }
        }
    }

    /// A HUFF record whose codes are a byte each, byte `c` standing for phrase `255 - c`,
    /// but for codes starting with a zero byte: those are nine bits long, `0…0` phrase 1
    /// and `0…01` phrase 0.
    pub(in crate::corpus::mobi) fn huff() -> Vec<u8> {
        let mut huff = b"HUFF\0\0\0\x18".to_vec();
        huff.extend_from_slice(&24u32.to_be_bytes());
        huff.extend_from_slice(&(24u32 + 1024).to_be_bytes());
        huff.extend_from_slice(&[0; 8]);
        for c in 0..256u32 {
            let entry = match c {
                0 => 9,
                _ => (255 << 8) | 0x80 | 8,
            };
            huff.extend_from_slice(&u32::to_be_bytes(entry));
        }
        for length in 1..=32u32 {
            let (low, high): (u32, u32) = if length == 9 { (0, 1) } else { (0, 0) };
            huff.extend_from_slice(&low.to_be_bytes());
            huff.extend_from_slice(&high.to_be_bytes());
        }
        huff
    }

    /// A CDIC record of 256 phrases: phrase 0 coded (`Vi`, a code a letter), phrase 1 the
    /// text `enna`, every other phrase `k` the byte `k`.
    pub(in crate::corpus::mobi) fn cdic() -> Vec<u8> {
        let mut phrases: Vec<(Vec<u8>, bool)> = vec![
            (vec![255 - b'V', 255 - b'i'], false),
            (b"enna".to_vec(), true),
        ];
        phrases.extend((2..=255u8).map(|k| (vec![k], true)));
        let mut table = Vec::new();
        let mut data = Vec::new();
        for (bytes, text) in &phrases {
            table.extend_from_slice(&((2 * phrases.len() + data.len()) as u16).to_be_bytes());
            let flag = if *text { 0x8000 } else { 0 };
            data.extend_from_slice(&(bytes.len() as u16 | flag).to_be_bytes());
            data.extend_from_slice(bytes);
        }
        let mut cdic = b"CDIC\0\0\0\x10".to_vec();
        cdic.extend_from_slice(&256u32.to_be_bytes());
        cdic.extend_from_slice(&8u32.to_be_bytes());
        cdic.extend(table);
        cdic.extend(data);
        cdic
    }

    /// `text` coded a byte a code, with `Vienna` as its two phrases of nine-bit codes.
    pub(in crate::corpus::mobi) fn coded(text: &str) -> Vec<u8> {
        let mut bits = Bits::default();
        let mut rest = text;
        while let Some(c) = rest.chars().next() {
            if let Some(after) = rest.strip_prefix("Vienna") {
                bits.push(1, 9);
                bits.push(0, 9);
                rest = after;
                continue;
            }
            bits.push(u32::from(255 - c as u8), 8);
            rest = &rest[c.len_utf8()..];
        }
        bits.bytes
    }

    #[test]
    fn codes_of_both_lengths_and_coded_phrases_are_read() {
        let mut code = Huffman::new(&huff(), &[&cdic()], 1 << 20).unwrap();
        let mut out = Vec::new();
        code.decode(&coded("<p>Vienna, 1815</p>"), &mut out, 1 << 16)
            .unwrap();
        assert_eq!(String::from_utf8(out).unwrap(), "<p>Vienna, 1815</p>");
        // A coded phrase is read once, and is text after.
        assert!(code.phrases[0].text);
        let mut again = Vec::new();
        code.decode(&coded("Vienna"), &mut again, 1 << 16).unwrap();
        assert_eq!(again, b"Vienna");
    }

    #[test]
    fn a_phrase_coded_as_itself_or_past_the_limits_is_damage_not_a_hang() {
        // Phrase 0 coded as phrase 0.
        let mut cdic = cdic();
        let at = 16 + usize::from(be16(&cdic, 16).unwrap()) + 2;
        let mut bits = Bits::default();
        bits.push(1, 9);
        cdic[at..at + 2].copy_from_slice(&[bits.bytes[0], bits.bytes[1]]);
        let mut code = Huffman::new(&huff(), &[&cdic], 1 << 20).unwrap();
        assert!(code
            .decode(&coded("Vienna"), &mut Vec::new(), 1 << 16)
            .is_err());
        // More text than a record holds, or than the budget leaves phrases.
        let mut code = Huffman::new(&huff(), &[&self::cdic()], 1 << 20).unwrap();
        assert!(code.decode(&coded("Vienna"), &mut Vec::new(), 3).is_err());
        let mut code = Huffman::new(&huff(), &[&self::cdic()], 1).unwrap();
        assert!(code
            .decode(&coded("Vienna"), &mut Vec::new(), 1 << 16)
            .is_err());
        assert!(Huffman::new(b"HUFF", &[], 1).is_err());
        assert!(Huffman::new(&huff(), &[b"CDIC\0\0\0\x10\0\0\0\x09\0\0\0\x08"], 1).is_err());
    }

    proptest::proptest! {
        #[test]
        fn any_record_is_read_or_refused_never_a_panic(
            record in proptest::collection::vec(proptest::num::u8::ANY, 0..64),
            changes in proptest::collection::vec((0usize..1 << 12, proptest::num::u8::ANY), 0..8)
        ) {
            let (mut huff, mut cdic) = (huff(), cdic());
            for (at, byte) in changes {
                let target = if at % 2 == 0 { &mut huff } else { &mut cdic };
                let i = at % target.len();
                target[i] = byte;
            }
            if let Ok(mut code) = Huffman::new(&huff, &[&cdic], 1 << 16) {
                let _ = code.decode(&record, &mut Vec::new(), 1 << 16);
            }
        }
    }
}
