//! Reading a dump's lines without holding more of a line than a record may be: a line of
//! gigabytes (a compressed file of one endless line is a few megabytes) is passed over,
//! not gathered in memory to be refused afterwards.

use std::io::{self, BufRead};

/// The most bytes a line of a dump whose records may be `max_record` bytes is gathered
/// with: a first line's byte-order mark is no part of its record, and the record's own
/// measure, made when it is parsed, is the one reported.
pub(super) fn limit(max_record: u64) -> u64 {
    max_record.saturating_add(3)
}

/// One line read by [`read_line`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct LineRead {
    /// The line's bytes, its line break included; 0 at the end of the file.
    pub len: u64,
    /// The line's bytes without its line break (`\n` or `\r\n`).
    pub text_len: u64,
    /// Whether the line was appended; if not, it is longer than the limit and was passed
    /// over.
    pub kept: bool,
}

/// Append the next line of `reader`, through its `\n`, to `buf` if its text (without its
/// line break) is at most `limit` bytes; a longer line is read through and passed over,
/// `buf` left as it was. Every byte read, kept or not, is shown to `seen` (to hash the
/// file as it is read).
pub(super) fn read_line(
    reader: &mut impl BufRead,
    buf: &mut Vec<u8>,
    limit: u64,
    seen: &mut impl FnMut(&[u8]),
) -> io::Result<LineRead> {
    let start = buf.len();
    let mut read = LineRead {
        len: 0,
        text_len: 0,
        kept: true,
    };
    // The last two bytes read, to tell the line break's length at the end.
    let mut tail = [0u8; 2];
    loop {
        let available = match reader.fill_buf() {
            Ok(available) => available,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(e),
        };
        if available.is_empty() {
            break;
        }
        let (part, ends) = match available.iter().position(|&b| b == b'\n') {
            Some(i) => (&available[..=i], true),
            None => (available, false),
        };
        seen(part);
        read.len += part.len() as u64;
        tail = match part {
            [.., a, b] => [*a, *b],
            [b] => [tail[1], *b],
            [] => tail,
        };
        // A line break takes at most two bytes: past this, the text is over the limit.
        if read.kept && read.len > limit.saturating_add(2) {
            read.kept = false;
            buf.truncate(start);
        }
        if read.kept {
            buf.extend_from_slice(part);
        }
        let used = part.len();
        reader.consume(used);
        if ends {
            break;
        }
    }
    let line_break = match tail {
        _ if read.len == 0 || tail[1] != b'\n' => 0,
        [b'\r', _] if read.len >= 2 => 2,
        _ => 1,
    };
    read.text_len = read.len - line_break;
    if read.kept && read.text_len > limit {
        read.kept = false;
        buf.truncate(start);
    }
    Ok(read)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every line of `input` read with `limit`: what each read said and kept, and every
    /// byte seen.
    fn lines(input: &[u8], limit: u64) -> (Vec<(LineRead, Vec<u8>)>, Vec<u8>) {
        // A small buffer, so that lines arrive in several parts.
        let mut reader = io::BufReader::with_capacity(3, input);
        let (mut out, mut seen) = (Vec::new(), Vec::new());
        loop {
            let mut buf = b"old".to_vec();
            let read = read_line(&mut reader, &mut buf, limit, &mut |b: &[u8]| {
                seen.extend_from_slice(b)
            })
            .unwrap();
            if read.len == 0 {
                return (out, seen);
            }
            out.push((read, buf[3..].to_vec()));
        }
    }

    #[test]
    fn lines_within_the_limit_are_kept_with_their_breaks() {
        let input = b"abcde\nxy\r\nlast";
        let (read, seen) = lines(input, 5);
        assert_eq!(seen, input);
        let kept: Vec<_> = read
            .iter()
            .map(|(r, b)| (r.kept, r.text_len, b.clone()))
            .collect();
        assert_eq!(
            kept,
            [
                (true, 5, b"abcde\n".to_vec()),
                (true, 2, b"xy\r\n".to_vec()),
                (true, 4, b"last".to_vec()),
            ]
        );
    }

    #[test]
    fn a_line_over_the_limit_is_passed_over_and_measured() {
        let long = "a".repeat(100);
        let input = format!("ok\n{long}\r\n{long}\nabcdef\nend");
        let (read, seen) = lines(input.as_bytes(), 5);
        assert_eq!(seen, input.as_bytes());
        let summary: Vec<_> = read
            .iter()
            .map(|(r, b)| (r.kept, r.len, r.text_len, b.len()))
            .collect();
        assert_eq!(
            summary,
            [
                (true, 3, 2, 3),
                (false, 102, 100, 0),
                (false, 101, 100, 0),
                (false, 7, 6, 0),
                (true, 3, 3, 3),
            ]
        );
    }

    #[test]
    fn a_lone_break_and_an_empty_input() {
        let (read, _) = lines(b"\n\r\n", 0);
        let summary: Vec<_> = read
            .iter()
            .map(|(r, _)| (r.kept, r.len, r.text_len))
            .collect();
        assert_eq!(summary, [(true, 1, 0), (true, 2, 0)]);
        assert!(lines(b"", 0).0.is_empty());
    }
}
