use super::*;

#[test]
fn palmdoc_records_decompress() {
    let mut out = Vec::new();
    // Literals, a run of two copied bytes, a copy from three back of six bytes, a space
    // joined to a letter.
    let record = [b'a', b'b', 2, 0xE9, b'c', 0x80, 0x1B, 0xF8];
    decompress(&record, &mut out).unwrap();
    assert_eq!(out, b"ab\xE9cb\xE9cb\xE9c x");
    // A copy from before the record's start is damage, not a panic.
    assert!(decompress(&[0x80, 0x1B], &mut Vec::new()).is_err());
    assert!(decompress(&[5, b'a'], &mut Vec::new()).is_err());
}

#[test]
fn trailing_entries_are_measured_from_the_end() {
    // The text `tex`, a character cut by the record's end (one byte, and the byte
    // saying so), then an entry of two bytes ending with its size.
    let record = [b't', b'e', b'x', 0xE2, 0x01, 0x00, 0x82];
    assert_eq!(trailing_size(&record, 0b11), 4);
    assert_eq!(trailing_size(&record[..5], 0b01), 2);
    assert_eq!(trailing_size(&[b't', b'e', b'x', 0x00, 0x82], 0b10), 2);
    // Two entries, each of its own size.
    assert_eq!(trailing_size(&[b't', 0x00, 0x82, 0x81], 0b110), 3);
    assert_eq!(trailing_size(&[0x85], 0b10), 1);
    assert_eq!(trailing_size(&[], 0b11), 0);
}

/// A MOBI 6 book of `records`, PalmDOC-compressed, each ending with the trailing
/// entries `flags` name (a count byte of no cut character, an entry of one byte).
fn book(records: &[&[u8]], flags: u16) -> Vec<u8> {
    let mut first = vec![0u8; 16 + 0xE8];
    first[0..2].copy_from_slice(&2u16.to_be_bytes());
    let length: usize = records.iter().map(|r| r.len()).sum();
    first[4..8].copy_from_slice(&(length as u32 * 2).to_be_bytes());
    first[8..10].copy_from_slice(&(records.len() as u16).to_be_bytes());
    first[16..20].copy_from_slice(b"MOBI");
    first[20..24].copy_from_slice(&0xE8u32.to_be_bytes());
    first[28..32].copy_from_slice(&65001u32.to_be_bytes());
    first[0xF2..0xF4].copy_from_slice(&flags.to_be_bytes());
    let mut all = vec![first];
    for record in records {
        let mut record = record.to_vec();
        if flags & 1 == 1 {
            record.push(0);
        }
        if flags & 2 == 2 {
            record.push(0x81);
        }
        all.push(record);
    }
    database(&all)
}

/// A Palm database of `all`, the book's first record first.
fn database(all: &[Vec<u8>]) -> Vec<u8> {
    let mut bytes = vec![0u8; 78];
    bytes[60..68].copy_from_slice(b"BOOKMOBI");
    bytes[76..78].copy_from_slice(&(all.len() as u16).to_be_bytes());
    let mut offset = 78 + 8 * all.len();
    for record in all {
        bytes.extend_from_slice(&(offset as u32).to_be_bytes());
        bytes.extend_from_slice(&[0; 4]);
        offset += record.len();
    }
    all.iter()
        .for_each(|record| bytes.extend_from_slice(record));
    bytes
}

#[test]
fn a_book_is_its_records_text_joined() {
    let bytes = book(&[b"<h1>Vienna</h1><p>The con", b"gress met.</p>"], 0b11);
    let (outline, _) = parse(&bytes, 1 << 20).unwrap();
    assert_eq!(outline.title.as_deref(), Some("Vienna"));
    assert_eq!(outline.sections[0].1[0].text(), "The congress met.");
    // Text over the limit is refused, not read in part.
    assert!(parse(&bytes, 10).unwrap_err().contains("size limit"));
}

#[test]
fn a_book_coded_with_amazons_huffman_code_is_read() {
    let mut bytes = book(&[b"<h1>Vienna</h1><p>The con", b"gress met.</p>"], 0b10);
    // The same text Huffman-coded, the code in the two records after it.
    let mut records = Vec::new();
    for text in ["<h1>Vienna</h1><p>The con", "gress met.</p>"] {
        let mut record = huffman::tests::coded(text);
        record.push(0x81);
        records.push(record);
    }
    let mut first = book_first_record(&bytes);
    first[0..2].copy_from_slice(&17480u16.to_be_bytes());
    first[0x70..0x74].copy_from_slice(&3u32.to_be_bytes());
    first[0x74..0x78].copy_from_slice(&2u32.to_be_bytes());
    let mut all = vec![first];
    all.extend(records);
    all.push(huffman::tests::huff());
    all.push(huffman::tests::cdic());
    bytes = database(&all);
    let (outline, _) = parse(&bytes, 1 << 20).unwrap();
    assert_eq!(outline.title.as_deref(), Some("Vienna"));
    assert_eq!(outline.sections[0].1[0].text(), "The congress met.");
    // A header naming no code is said to, not read as PalmDOC.
    all[0][0x70..0x74].copy_from_slice(&9u32.to_be_bytes());
    let error = parse(&database(&all), 1 << 20).unwrap_err();
    assert!(error.contains("Huffman code is missing"), "{error}");
}

/// The first record of the database `bytes`.
fn book_first_record(bytes: &[u8]) -> Vec<u8> {
    let (start, end) = (be32(bytes, 78).unwrap(), be32(bytes, 86).unwrap());
    bytes[start as usize..end as usize].to_vec()
}

proptest::proptest! {
    #[test]
    fn a_damaged_book_is_read_or_refused_never_a_panic(
        changes in proptest::collection::vec((0usize..1 << 12, proptest::num::u8::ANY), 1..40)
    ) {
        let mut bytes = book(&[b"<h1>Vienna</h1><p>The con", b"gress \xC0met.</p>"], 0b11);
        for (at, byte) in changes {
            let at = at % bytes.len();
            bytes[at] = byte;
        }
        let _ = parse(&bytes, 1 << 20);
    }
}

#[test]
fn what_is_no_kindle_book_is_said_to_be_none() {
    assert!(parse(b"not a book", 1 << 20)
        .unwrap_err()
        .contains("Kindle book"));
    let mut header = vec![0u8; 78];
    header[60..68].copy_from_slice(b"BOOKMOBI");
    assert!(parse(&header, 1 << 20).unwrap_err().contains("no records"));
}
