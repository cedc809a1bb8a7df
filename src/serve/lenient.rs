//! Request targets as a browser would send them: bytes that a URL may not hold raw (`<`,
//! `"`, `|`, `#`, controls) are percent-encoded on their way in, before hyper parses the
//! request, so that `curl 'localhost:7700/search?q=<b>'` gets its answer instead of hyper's
//! empty 400 (hyper offers no hook to answer a target it cannot parse). Only request
//! targets change: methods, headers and bodies pass untouched.

use std::io;
use std::pin::Pin;
use std::task::{ready, Context, Poll};

use tokio::io::{AsyncRead, AsyncWrite, ReadBuf};

/// A connection whose request targets are made valid as they are read.
pub(super) struct Lenient<S> {
    inner: S,
    reader: TargetFixer,
    /// Bytes made ready and not yet handed out, from `at`.
    out: Vec<u8>,
    at: usize,
}

impl<S> Lenient<S> {
    pub(super) fn new(inner: S) -> Lenient<S> {
        Lenient {
            inner,
            reader: TargetFixer::default(),
            out: Vec::new(),
            at: 0,
        }
    }
}

/// Where in a request the bytes read stand, and what the headers said so far.
#[derive(Debug, Default)]
enum State {
    #[default]
    Method,
    Target,
    Version,
    /// In the headers: the start of the current line (lower-cased, [`HEADER_PREFIX`] bytes
    /// at most), the length of the body announced, and whether it is chunked.
    Headers {
        line: Vec<u8>,
        body: u64,
        chunked: bool,
    },
    /// Bytes of the body still to come.
    Body(u64),
    /// A chunked body, whose end is not followed: everything passes untouched from here.
    Through,
}

/// Header bytes kept to recognise `content-length` and `transfer-encoding` with a value.
const HEADER_PREFIX: usize = 64;

/// The byte-by-byte reader of requests that encodes what their targets may not hold.
#[derive(Debug, Default)]
struct TargetFixer {
    state: State,
}

impl TargetFixer {
    /// Append `bytes`, read from the connection, to `out`, request targets made valid.
    fn fix(&mut self, bytes: &[u8], out: &mut Vec<u8>) {
        let mut rest = bytes;
        while let Some((&byte, tail)) = rest.split_first() {
            match &mut self.state {
                State::Through => {
                    out.extend_from_slice(rest);
                    return;
                }
                State::Body(left) => {
                    let take = rest.len().min(usize::try_from(*left).unwrap_or(usize::MAX));
                    out.extend_from_slice(&rest[..take]);
                    *left -= take as u64;
                    if *left == 0 {
                        self.state = State::Method;
                    }
                    rest = &rest[take..];
                    continue;
                }
                State::Method => {
                    if byte == b' ' {
                        self.state = State::Target;
                    }
                    out.push(byte);
                }
                State::Target => match byte {
                    b' ' => {
                        self.state = State::Version;
                        out.push(byte);
                    }
                    b'\r' | b'\n' => {
                        self.state = State::Version;
                        self.fix(&[byte], out);
                    }
                    _ if must_encode(byte) => {
                        out.extend_from_slice(format!("%{byte:02X}").as_bytes());
                    }
                    _ => out.push(byte),
                },
                State::Version => {
                    if byte == b'\n' {
                        self.state = State::Headers {
                            line: Vec::new(),
                            body: 0,
                            chunked: false,
                        };
                    }
                    out.push(byte);
                }
                State::Headers {
                    line,
                    body,
                    chunked,
                } => {
                    out.push(byte);
                    match byte {
                        b'\n' => {
                            let text = String::from_utf8_lossy(line).into_owned();
                            line.clear();
                            let text = text.trim_end_matches('\r');
                            if text.is_empty() {
                                self.state = match (*chunked, *body) {
                                    (true, _) => State::Through,
                                    (false, 0) => State::Method,
                                    (false, n) => State::Body(n),
                                };
                            } else if let Some(value) = text.strip_prefix("content-length:") {
                                *body = value.trim().parse().unwrap_or(0);
                            } else if text.starts_with("transfer-encoding:") {
                                *chunked = true;
                            }
                        }
                        _ if line.len() < HEADER_PREFIX => line.push(byte.to_ascii_lowercase()),
                        _ => {}
                    }
                }
            }
            rest = tail;
        }
    }
}

/// Whether a URL may not hold `byte` raw: controls, space's kin and the characters RFC
/// 3986 leaves out. Bytes of UTF-8 sequences pass (hyper takes them).
fn must_encode(byte: u8) -> bool {
    byte < 0x20 || byte == 0x7F || b"\"#<>\\^`{|}".contains(&byte)
}

impl<S: AsyncRead + Unpin> AsyncRead for Lenient<S> {
    fn poll_read(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &mut ReadBuf<'_>,
    ) -> Poll<io::Result<()>> {
        let this = &mut *self;
        if this.at == this.out.len() {
            this.out.clear();
            this.at = 0;
            let mut raw = [0u8; 8192];
            let mut raw = ReadBuf::new(&mut raw);
            ready!(Pin::new(&mut this.inner).poll_read(cx, &mut raw))?;
            if raw.filled().is_empty() {
                return Poll::Ready(Ok(())); // the end of the stream
            }
            this.reader.fix(raw.filled(), &mut this.out);
        }
        let n = (this.out.len() - this.at).min(buf.remaining());
        buf.put_slice(&this.out[this.at..this.at + n]);
        this.at += n;
        Poll::Ready(Ok(()))
    }
}

impl<S: AsyncWrite + Unpin> AsyncWrite for Lenient<S> {
    fn poll_write(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &[u8],
    ) -> Poll<io::Result<usize>> {
        Pin::new(&mut self.inner).poll_write(cx, buf)
    }

    fn poll_write_vectored(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        bufs: &[io::IoSlice<'_>],
    ) -> Poll<io::Result<usize>> {
        Pin::new(&mut self.inner).poll_write_vectored(cx, bufs)
    }

    fn is_write_vectored(&self) -> bool {
        self.inner.is_write_vectored()
    }

    fn poll_flush(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        Pin::new(&mut self.inner).poll_flush(cx)
    }

    fn poll_shutdown(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        Pin::new(&mut self.inner).poll_shutdown(cx)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `input` fixed as it arrives in pieces of `size` bytes.
    fn fixed(input: &[u8], size: usize) -> String {
        let mut fixer = TargetFixer::default();
        let mut out = Vec::new();
        for piece in input.chunks(size) {
            fixer.fix(piece, &mut out);
        }
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn targets_are_encoded_and_nothing_else_changes_however_the_bytes_arrive() {
        let input = concat!(
            "GET /search?q=<b>|\"x\"#1 HTTP/1.1\r\nHost: a<b\r\nContent-Length: 7\r\n\r\n",
            "<body>\n",
            "GET /search?q=caf\u{e9}{} HTTP/1.1\r\nHost: h\r\n\r\n"
        );
        let want = concat!(
            "GET /search?q=%3Cb%3E%7C%22x%22%231 HTTP/1.1\r\nHost: a<b\r\nContent-Length: 7\r\n\r\n",
            "<body>\n",
            "GET /search?q=caf\u{e9}%7B%7D HTTP/1.1\r\nHost: h\r\n\r\n"
        );
        for size in 1..=input.len() {
            assert_eq!(fixed(input.as_bytes(), size), want, "pieces of {size}");
        }
    }

    #[test]
    fn after_a_chunked_body_everything_passes() {
        let input =
            "POST /x HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n3\r\n<a>\r\n0\r\n\r\nGET /<";
        assert_eq!(fixed(input.as_bytes(), 5), input);
    }
}
