//! Byte-level reading shared by the readers: the UTF-8 / emptiness check run
//! before a file is parsed, and a line reader with a size limit.

use std::fs::File;
use std::io::{self, BufRead, BufReader, Read};
use std::path::Path;

/// The largest record (a JSON Lines line, a CSV row) read into memory: 16 MiB.
/// A longer one is skipped without being held, and rejected.
pub const MAX_RECORD_BYTES: usize = 16 * 1024 * 1024;

/// The UTF-8 byte order mark.
pub const BOM: &[u8] = b"\xEF\xBB\xBF";

/// Why a file cannot be read as text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TextProblem {
    /// No bytes at all, or only a byte order mark and white space.
    Empty,
    /// A byte sequence that is not UTF-8, on the given line (1-based).
    NotUtf8 { line: usize },
}

impl TextProblem {
    /// Why the file is skipped.
    pub fn problem(&self) -> super::Problem {
        match self {
            TextProblem::Empty => super::Problem::FileEmpty,
            TextProblem::NotUtf8 { line } => super::Problem::FileNotUtf8 { line: *line },
        }
    }
}

/// Read a whole file once, in chunks, checking that it is UTF-8 and holds
/// something other than white space. Memory stays constant whatever the size.
pub fn check_text(path: &Path) -> io::Result<Result<(), TextProblem>> {
    check_text_from(File::open(path)?)
}

/// [`check_text`] on any reader.
pub fn check_text_from(mut r: impl Read) -> io::Result<Result<(), TextProblem>> {
    let mut buf = vec![0u8; 64 * 1024];
    // Bytes of an incomplete UTF-8 sequence carried from the previous chunk.
    let mut carry: Vec<u8> = Vec::with_capacity(8);
    let mut line = 1usize;
    let mut first = true;
    let mut content = false;
    loop {
        let n = match r.read(&mut buf) {
            Ok(0) => break,
            Ok(n) => n,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(e),
        };
        let mut chunk: Vec<u8> = std::mem::take(&mut carry);
        chunk.extend_from_slice(&buf[..n]);
        let mut data: &[u8] = &chunk;
        if first && data.len() < BOM.len() && BOM.starts_with(data) {
            // Too short to tell whether a BOM starts here; wait for more.
            carry = chunk;
            continue;
        }
        if first {
            first = false;
            if let Some(rest) = data.strip_prefix(BOM) {
                data = rest;
            }
        }
        let valid_len = match std::str::from_utf8(data) {
            Ok(_) => data.len(),
            Err(e) => {
                let upto = e.valid_up_to();
                if e.error_len().is_some() {
                    line += count_newlines(&data[..upto]);
                    return Ok(Err(TextProblem::NotUtf8 { line }));
                }
                upto
            }
        };
        let (valid, rest) = data.split_at(valid_len);
        line += count_newlines(valid);
        content |= valid.iter().any(|b| !b.is_ascii_whitespace());
        carry = rest.to_vec();
    }
    if !carry.is_empty() {
        // A sequence cut off by the end of the file.
        return Ok(Err(TextProblem::NotUtf8 { line }));
    }
    if content {
        Ok(Ok(()))
    } else {
        Ok(Err(TextProblem::Empty))
    }
}

fn count_newlines(b: &[u8]) -> usize {
    b.iter().filter(|&&c| c == b'\n').count()
}

/// Skip a UTF-8 byte order mark at the start of a reader.
pub fn skip_bom<R: BufRead>(r: &mut R) -> io::Result<()> {
    let buf = r.fill_buf()?;
    if buf.starts_with(BOM) {
        r.consume(BOM.len());
    }
    Ok(())
}

/// Bytes gathered for one record, up to [`MAX_RECORD_BYTES`]: past that
/// they are dropped and the record is only marked too large.
#[derive(Debug, Default)]
pub struct Bounded {
    bytes: Vec<u8>,
    too_large: bool,
}

impl Bounded {
    /// Add `more`, unless the record is (now) too large.
    pub fn push(&mut self, more: &[u8]) {
        if self.too_large {
            return;
        }
        if self.bytes.len() + more.len() > MAX_RECORD_BYTES {
            self.too_large = true;
            self.bytes = Vec::new();
        } else {
            self.bytes.extend_from_slice(more);
        }
    }

    /// The bytes, or `None` if the record was too large.
    pub fn finish(self) -> Option<Vec<u8>> {
        (!self.too_large).then_some(self.bytes)
    }
}

/// One physical line of a JSON Lines file.
#[derive(Debug)]
pub enum Line {
    /// The line's bytes, without its line break.
    Text(Vec<u8>),
    /// The line was longer than [`MAX_RECORD_BYTES`]; it was skipped.
    TooLong,
}

/// Reads lines, never holding more than [`MAX_RECORD_BYTES`] of one.
pub struct LineReader<R> {
    r: R,
    /// The 1-based number of the next line to be read.
    next_line: usize,
}

impl LineReader<BufReader<File>> {
    /// Open a file for reading line by line (a BOM at its start is skipped).
    pub fn open(path: &Path) -> io::Result<Self> {
        let mut r = BufReader::with_capacity(64 * 1024, File::open(path)?);
        skip_bom(&mut r)?;
        Ok(LineReader { r, next_line: 1 })
    }
}

impl<R: BufRead> LineReader<R> {
    /// Read from any buffered reader (no BOM handling).
    #[cfg(test)]
    pub fn new(r: R) -> Self {
        LineReader { r, next_line: 1 }
    }

    /// The next line and its 1-based number, or `None` at the end.
    pub fn next_line(&mut self) -> io::Result<Option<(usize, Line)>> {
        let number = self.next_line;
        let mut out = Bounded::default();
        let mut any = false;
        loop {
            let buf = match self.r.fill_buf() {
                Ok(b) => b,
                Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
                Err(e) => return Err(e),
            };
            if buf.is_empty() {
                break;
            }
            any = true;
            let (take, done) = match buf.iter().position(|&b| b == b'\n') {
                Some(i) => (i, true),
                None => (buf.len(), false),
            };
            out.push(&buf[..take]);
            self.r.consume(if done { take + 1 } else { take });
            if done {
                break;
            }
        }
        if !any {
            return Ok(None);
        }
        self.next_line += 1;
        let Some(mut out) = out.finish() else {
            return Ok(Some((number, Line::TooLong)));
        };
        if out.last() == Some(&b'\r') {
            out.pop();
        }
        Ok(Some((number, Line::Text(out))))
    }
}

impl<R> LineReader<R> {
    /// The reader underneath, for its position.
    pub fn reader(&mut self) -> &mut R {
        &mut self.r
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(b: &[u8]) -> Result<(), TextProblem> {
        check_text_from(b).unwrap()
    }

    /// A reader handing out its bytes in tiny pieces, to cross chunk edges.
    struct Trickle<'a>(&'a [u8], usize);
    impl Read for Trickle<'_> {
        fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
            let n = self.1.min(self.0.len()).min(buf.len());
            buf[..n].copy_from_slice(&self.0[..n]);
            self.0 = &self.0[n..];
            Ok(n)
        }
    }

    #[test]
    fn utf8_and_emptiness() {
        assert_eq!(check(b""), Err(TextProblem::Empty));
        assert_eq!(check(b"\xEF\xBB\xBF"), Err(TextProblem::Empty));
        assert_eq!(check(b"\xEF\xBB\xBF \r\n\n"), Err(TextProblem::Empty));
        assert_eq!(check("Gia Lai".as_bytes()), Ok(()));
        assert_eq!(check("\u{feff}Đắk Lắk".as_bytes()), Ok(()));
        // Windows-1258 "Gia Lai, Tr\xE0 Vinh" on the third line.
        assert_eq!(
            check(b"a\nb\nTr\xE0 Vinh\n"),
            Err(TextProblem::NotUtf8 { line: 3 })
        );
        // Truncated multibyte sequence at the very end.
        assert_eq!(
            check(b"ok\n\xE1\xBA"),
            Err(TextProblem::NotUtf8 { line: 2 })
        );
    }

    #[test]
    fn multibyte_sequences_across_chunk_edges_are_fine() {
        let text = "\u{feff}Hợp tác xã Đắk Nông – Tràm\n".repeat(50);
        for step in 1..7 {
            let r = check_text_from(Trickle(text.as_bytes(), step)).unwrap();
            assert_eq!(r, Ok(()), "step {step}");
        }
    }

    #[test]
    fn lines_are_numbered_and_bounded() {
        let mut long = vec![b'x'; MAX_RECORD_BYTES + 10];
        long.push(b'\n');
        let mut input = b"one\r\n\n".to_vec();
        input.extend_from_slice(&long);
        input.extend_from_slice(b"four");
        let mut r = LineReader::new(io::BufReader::with_capacity(1024, &input[..]));
        let mut got = Vec::new();
        while let Some((n, l)) = r.next_line().unwrap() {
            got.push((
                n,
                match l {
                    Line::Text(t) => String::from_utf8(t).unwrap(),
                    Line::TooLong => "<too long>".to_string(),
                },
            ));
        }
        assert_eq!(
            got,
            vec![
                (1, "one".to_string()),
                (2, String::new()),
                (3, "<too long>".to_string()),
                (4, "four".to_string()),
            ]
        );
    }
}
