//! RTF's control words as the reader meets them (`\word123 `, `\'e9`), and the code
//! pages their numbers name (`\ansicpg1251`, `\fcharset204`).

/// The encoding of a font's character set (`\fcharset204`, Windows' `RUSSIAN_CHARSET`);
/// `None` for the ANSI and default sets, which are the document's code page, and for sets
/// without a code page (symbol fonts, OEM).
pub(super) fn charset(charset: i32) -> Option<&'static encoding_rs::Encoding> {
    let page = match charset {
        77 => 10000,
        128 => 932,
        129 => 949,
        134 => 936,
        136 => 950,
        161 => 1253,
        162 => 1254,
        163 => 1258,
        177 => 1255,
        178 => 1256,
        186 => 1257,
        204 => 1251,
        222 => 874,
        238 => 1250,
        _ => return None,
    };
    code_page(page)
}

/// The encoding of a Windows code page (`\ansicpg1251`).
pub(super) fn code_page(page: i32) -> Option<&'static encoding_rs::Encoding> {
    let label = match page {
        932 => "shift_jis".to_string(),
        936 => "gbk".to_string(),
        949 => "euc-kr".to_string(),
        950 => "big5".to_string(),
        10000 => "macintosh".to_string(),
        65001 => "utf-8".to_string(),
        page => format!("windows-{page}"),
    };
    encoding_rs::Encoding::for_label(label.as_bytes())
}

/// The control word or symbol starting at `bytes[i]` (just past its `\`): its name, its
/// numeric parameter, and where the text after it starts (a space ending a control word is
/// part of it). `\'hh` gives `'` with the byte as parameter.
pub(super) fn control(bytes: &[u8], i: usize) -> (String, Option<i32>, usize) {
    let Some(&first) = bytes.get(i) else {
        return (String::new(), None, i);
    };
    if first == b'\'' {
        let hex = bytes
            .get(i + 1..i + 3)
            .and_then(|h| std::str::from_utf8(h).ok())
            .and_then(|h| u8::from_str_radix(h, 16).ok());
        return match hex {
            Some(byte) => ("'".into(), Some(i32::from(byte)), i + 3),
            None => ("'".into(), None, i + 1),
        };
    }
    if !first.is_ascii_alphabetic() {
        return (char::from(first).to_string(), None, i + 1);
    }
    let mut end = i;
    while end < bytes.len() && bytes[end].is_ascii_alphabetic() && end - i < 32 {
        end += 1;
    }
    let word = String::from_utf8_lossy(&bytes[i..end]).into_owned();
    let mut j = end;
    if j < bytes.len() && bytes[j] == b'-' {
        j += 1;
    }
    while j < bytes.len() && bytes[j].is_ascii_digit() && j - end < 10 {
        j += 1;
    }
    let param = std::str::from_utf8(&bytes[end..j])
        .ok()
        .and_then(|p| p.parse::<i32>().ok());
    if param.is_none() {
        j = end;
    }
    if j < bytes.len() && bytes[j] == b' ' {
        j += 1;
    }
    (word, param, j)
}
