//! Reading a gzipped corpus file as gzip(1) does: every member in turn (`cat a.gz b.gz`),
//! and what follows the last one left alone when it is not another member (the zeros a
//! download or a tape pads a file with), as `gzip -d` ignores trailing garbage.

use std::io::{self, BufReader, Chain, Cursor, Read};

use flate2::bufread::GzDecoder;

/// The first two bytes of every gzip member.
const MAGIC: [u8; 2] = [0x1f, 0x8b];

/// The bytes read from the file at a time: flate2's own gzip readers' buffer.
const BUFFER: usize = 32 * 1024;

/// What a member is decoded from: the bytes read to tell that it begins, then the rest.
type Input<R> = Chain<Cursor<Vec<u8>>, BufReader<R>>;

/// The decompressed bytes of a gzip stream's members, read one after the other; bytes after
/// a member that do not start another end the stream. A member that is damaged or cut short
/// is an error, as it is to gzip, and so is a stream that does not begin with one.
pub(super) struct Members<R: Read> {
    /// The member being read; `None` once the stream has ended.
    member: Option<GzDecoder<Input<R>>>,
    /// An error met telling whether another member follows, returned at the next read.
    failed: Option<io::Error>,
}

impl<R: Read> Members<R> {
    pub(super) fn new(reader: R) -> Self {
        let mut reader = BufReader::with_capacity(BUFFER, reader);
        // The first member is read whatever its first bytes: the decoder tells a file
        // that is not gzip.
        let (member, failed) = match first_bytes(&mut reader) {
            Ok(bytes) => (Some(GzDecoder::new(Cursor::new(bytes).chain(reader))), None),
            Err(e) => (None, Some(e)),
        };
        Members { member, failed }
    }
}

impl<R: Read> Read for Members<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        loop {
            if let Some(e) = self.failed.take() {
                return Err(e);
            }
            let Some(member) = &mut self.member else {
                return Ok(0);
            };
            let read = member.read(buf)?;
            if read > 0 || buf.is_empty() {
                return Ok(read);
            }
            // The member has ended, its trailer checked: another, or the end.
            let (_, mut rest) = self
                .member
                .take()
                .expect("a member")
                .into_inner()
                .into_inner();
            match first_bytes(&mut rest) {
                Ok(bytes) if bytes == MAGIC => {
                    self.member = Some(GzDecoder::new(Cursor::new(bytes).chain(rest)));
                }
                Ok(_) => {}
                Err(e) => self.failed = Some(e),
            }
        }
    }
}

/// The next two bytes of `reader`, or fewer at its end.
fn first_bytes<R: Read>(reader: &mut BufReader<R>) -> io::Result<Vec<u8>> {
    let mut bytes = Vec::with_capacity(MAGIC.len());
    reader.take(MAGIC.len() as u64).read_to_end(&mut bytes)?;
    Ok(bytes)
}

#[cfg(test)]
mod tests {
    use super::*;
    use flate2::write::GzEncoder;
    use std::io::Write;

    fn gzip(text: &str) -> Vec<u8> {
        let mut encoder = GzEncoder::new(Vec::new(), flate2::Compression::default());
        encoder.write_all(text.as_bytes()).unwrap();
        encoder.finish().unwrap()
    }

    fn read(bytes: &[u8]) -> io::Result<String> {
        let mut text = String::new();
        Members::new(bytes).read_to_string(&mut text)?;
        Ok(text)
    }

    #[test]
    fn every_member_is_read_in_turn() {
        let bytes = [gzip("one\n"), gzip(""), gzip("two\n")].concat();
        assert_eq!(read(&bytes).unwrap(), "one\ntwo\n");
    }

    #[test]
    fn bytes_after_the_last_member_are_left_alone() {
        for garbage in [&[0u8; 512][..], b"\n", &[0x1f], b"not gzip"] {
            let bytes = [gzip("one\n"), gzip("two\n"), garbage.to_vec()].concat();
            assert_eq!(read(&bytes).unwrap(), "one\ntwo\n", "{garbage:?}");
        }
    }

    #[test]
    fn a_file_not_gzip_or_cut_short_is_an_error() {
        assert!(read(b"plain text").is_err());
        let whole = [gzip("one\n"), gzip("two two two two\n")].concat();
        assert!(read(&whole[..whole.len() - 6]).is_err());
        // A second member's header, damaged.
        let damaged = [gzip("one\n"), MAGIC.to_vec(), vec![0; 8]].concat();
        assert!(read(&damaged).is_err());
    }

    #[test]
    fn a_small_buffer_reads_the_same() {
        let bytes = [gzip("one\n"), gzip("two\n"), vec![0; 3]].concat();
        let mut members = Members::new(&bytes[..]);
        let (mut text, mut byte) = (Vec::new(), [0u8; 1]);
        while members.read(&mut byte).unwrap() == 1 {
            text.push(byte[0]);
        }
        assert_eq!(text, b"one\ntwo\n");
    }
}
