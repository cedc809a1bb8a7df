use super::*;
use std::io::Write;

fn too_deep(bytes: &[u8]) -> bool {
    match scan(bytes, Some(&mut Budget::new())) {
        Ok(()) => false,
        Err(Refusal::TooDeep) => true,
        Err(other) => panic!("{other:?}"),
    }
}

fn zlib(bytes: &[u8]) -> Vec<u8> {
    let mut encoder = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::default());
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

/// A compressed stream in an object: `dict` its dictionary's entries.
fn stream_object(dict: &str, data: &[u8]) -> Vec<u8> {
    let mut pdf = format!("1 0 obj\n<< {dict} >>\nstream\n").into_bytes();
    pdf.extend_from_slice(data);
    pdf.extend_from_slice(b"\nendstream\nendobj\n");
    pdf
}

/// Scan `bytes` with bounds of a megabyte a stream and four in all.
fn check_small(bytes: &[u8]) -> Result<(), Refusal> {
    let mut budget = Budget {
        max_stream: 1 << 20,
        left: 4 << 20,
        encrypted: false,
    };
    scan(bytes, Some(&mut budget))
}

#[test]
fn a_stream_inflating_past_the_bound_is_refused_before_parsing() {
    let bomb = zlib(&[0u8; (1 << 20) + 1]);
    assert!(bomb.len() < 4096);
    let flate = "/Filter /FlateDecode";
    assert_eq!(
        check_small(&stream_object(flate, &bomb)),
        Err(Refusal::StreamTooLarge)
    );
    assert!(Refusal::StreamTooLarge
        .reason()
        .contains("inflates to over 128 MB"));
    // Behind another filter too.
    let filters = "/Filter [/FlateDecode /FlateDecode]";
    let twice = stream_object(filters, &zlib(&bomb));
    assert_eq!(check_small(&twice), Err(Refusal::StreamTooLarge));
    // Streams below the bound, over the bound in all.
    let big = stream_object(flate, &zlib(&[0u8; 1 << 20]));
    assert_eq!(check_small(&big.repeat(4)), Ok(()));
    assert_eq!(check_small(&big.repeat(5)), Err(Refusal::TooMuch));
    // A picture is not inflated; a dictionary only naming `/Image` is no picture.
    let picture = stream_object("/Subtype /Image /Filter /FlateDecode", &bomb);
    assert_eq!(check_small(&picture), Ok(()));
    let posing = stream_object("/Type /ObjStm /X /Image /Filter /FlateDecode", &bomb);
    assert_eq!(check_small(&posing), Err(Refusal::StreamTooLarge));
    let posing = stream_object("/Subtype /ImageX /Filter /FlateDecode", &bomb);
    assert_eq!(check_small(&posing), Err(Refusal::StreamTooLarge));
    // The bounds are the ones a PDF is read with.
    assert_eq!(check(&stream_object(flate, &bomb)), Ok(()));
}

#[test]
fn an_encrypted_files_object_streams_are_held_to_what_they_may_inflate_to() {
    // Ciphertext, which inflates to nothing before the parser decrypts it.
    let cipher: Vec<u8> = (0..200_000u32).map(|i| (i * 7919 % 251) as u8).collect();
    let object_stream = |len: usize, filter: &str| {
        let mut pdf = b"trailer << /Encrypt 9 0 R >>\n".to_vec();
        pdf.extend(stream_object(
            &format!("/Type /ObjStm /N 1 /First 4 {filter}"),
            &cipher[..len],
        ));
        pdf
    };
    let flate = "/Filter /FlateDecode";
    // 128 MB / 1032 is 130,055 bytes.
    assert_eq!(check(&object_stream(100_000, flate)), Ok(()));
    assert!(check(&object_stream(140_000, flate))
        .unwrap_err()
        .contains("encrypted object streams may inflate to over 128 MB"));
    assert!(check(&object_stream(1_000, "/Filter /LZWDecode")).is_err());
    // Over the bound in all, though each is below it.
    let mut many = object_stream(100_000, flate);
    for _ in 0..10 {
        many.extend(stream_object(
            "/Type /ObjStm /Filter /FlateDecode",
            &cipher[..100_000],
        ));
    }
    assert!(check(&many).is_err());
    // The same bytes unencrypted are inflated, and are nothing.
    let plain = stream_object("/Type /ObjStm /Filter /FlateDecode", &cipher[..140_000]);
    assert_eq!(check(&plain), Ok(()));
}

#[test]
fn an_lzw_stream_is_held_to_the_bound_too() {
    let lzw = || weezl::encode::Encoder::with_tiff_size_switch(weezl::BitOrder::Msb, 8);
    let data = lzw().encode(&[0u8; (1 << 20) + 1]).unwrap();
    let object = stream_object("/Filter /LZWDecode", &data);
    assert_eq!(check_small(&object), Err(Refusal::StreamTooLarge));
    let text = lzw().encode(b"BT (Hello) Tj ET").unwrap();
    assert_eq!(unlzw(&text, 100, true), b"BT (Hello) Tj ET");
    // Cut short, without its end code: as far as it decodes.
    let cut = unlzw(&text[..text.len() - 3], 100, true);
    assert!(b"BT (Hello) Tj ET".starts_with(&cut), "{cut:?}");
}

#[test]
fn filter_names_are_read_as_written() {
    let names = |dict: &str| -> Vec<String> {
        (filter_names(dict.as_bytes()).into_iter())
            .map(|n| String::from_utf8(n).unwrap())
            .collect()
    };
    assert_eq!(
        names("<< /Length 5 /Filter /FlateDecode>>"),
        ["FlateDecode"]
    );
    assert_eq!(
        names("<</Filter[/ASCII85Decode/LZWDecode] /Length 9>>"),
        ["ASCII85Decode", "LZWDecode"]
    );
    assert!(names("<< /Length 5 >>").is_empty());
}

/// A parsed PDF's streams are stored inflated, its pictures emptied, and a bomb that
/// reaches the parser (in an encrypted file, say) is refused there.
#[test]
fn parsed_streams_are_inflated_once_and_pictures_emptied() {
    let mut doc = Document::with_version("1.5");
    let mut dict = Dictionary::new();
    dict.set("Filter", Object::Name(b"FlateDecode".to_vec()));
    let content = doc.add_object(lopdf::Stream::new(dict.clone(), zlib(b"BT (Hi) Tj ET")));
    let mut picture = dict.clone();
    picture.set("Subtype", Object::Name(b"Image".to_vec()));
    let image = doc.add_object(lopdf::Stream::new(picture, zlib(&[7u8; 1000])));
    inflate_streams(&mut doc).unwrap();
    let stream = |id| doc.get_object(id).unwrap().as_stream().unwrap().clone();
    assert_eq!(stream(content).content, b"BT (Hi) Tj ET");
    assert!(stream(content).filters().is_err());
    assert!(stream(image).content.is_empty());
    // Past the bounds a PDF is read with.
    let big = vec![0u8; MAX_STREAM as usize + 1];
    doc.add_object(lopdf::Stream::new(dict, zlib(&big)));
    let refused = inflate_streams(&mut doc).unwrap_err();
    assert!(refused.contains("decompression bomb"), "{refused}");
}
