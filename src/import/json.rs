//! `.json` files, streamed: one dossier object, or an array of them read
//! element by element, so a file of a million records is never held whole
//! (not as bytes, not as a `serde_json::Value`).
//!
//! Two passes over the file, each from a buffered reader:
//!
//! 1. [`survey`] checks the whole file is JSON with serde_json, keeping
//!    nothing ([`IgnoredAny`]), and tells what the top level holds. A syntax
//!    error anywhere skips the file whole, with serde_json's line and column,
//!    as when the file was parsed at once.
//! 2. [`Elements`] then finds where each element of the array (or the one
//!    object) starts and ends, tracking only strings and bracket depth, and
//!    parses that element alone. An element is held up to
//!    [`MAX_RECORD_BYTES`](crate::import::MAX_RECORD_BYTES), like a JSON Lines line; a larger one is skipped
//!    without being held, and rejected by its index.

use super::Problem;
use super::bytes::{self, Bounded};
use serde::de::{self, Deserializer as _, IgnoredAny, MapAccess, SeqAccess, Visitor};
use serde_json::Value;
use std::fmt;
use std::fs::File;
use std::io::{self, BufRead, BufReader};
use std::path::Path;

/// What the top level of a `.json` file holds.
#[derive(Debug, Clone, PartialEq)]
pub enum Top {
    /// An array of this many elements.
    Array(usize),
    /// One object.
    Object,
    /// Anything else (a string, a number, …), as parsed.
    Other(Value),
}

/// Read the whole file as JSON, keeping nothing but what the top level is.
/// `Ok(Err(problem))` is a file that is not valid JSON.
pub fn survey(path: &Path) -> io::Result<Result<Top, Problem>> {
    let top = survey_from(open(path)?)?;
    // serde_json counts the column in bytes: say it in characters, as an
    // editor does (`Đà Nẵng` is 7 characters, 11 bytes), from the line.
    if let Err(Problem::FileNotJson {
        line,
        column,
        error,
    }) = top
    {
        let text = open(path)?
            .split(b'\n')
            .nth(line.saturating_sub(1))
            .transpose()?
            .unwrap_or_default();
        return Ok(Err(Problem::FileNotJson {
            line,
            column: super::char_column(&text, column),
            error,
        }));
    }
    Ok(top)
}

/// [`survey`] on any buffered reader, positioned after the BOM.
pub fn survey_from(r: impl BufRead) -> io::Result<Result<Top, Problem>> {
    let mut de = serde_json::Deserializer::from_reader(r);
    let top = de.deserialize_any(TopVisitor).and_then(|top| {
        de.end()?;
        Ok(top)
    });
    match top {
        Ok(top) => Ok(Ok(top)),
        Err(e) if e.is_io() => Err(io::Error::other(e)),
        Err(e) => Ok(Err(Problem::FileNotJson {
            line: e.line(),
            column: e.column(),
            error: super::json_error_parts(&e),
        })),
    }
}

/// The file for reading, past its BOM.
fn open(path: &Path) -> io::Result<BufReader<File>> {
    let mut r = BufReader::with_capacity(64 * 1024, File::open(path)?);
    bytes::skip_bom(&mut r)?;
    Ok(r)
}

struct TopVisitor;

impl<'de> Visitor<'de> for TopVisitor {
    type Value = Top;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a JSON value")
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Top, A::Error> {
        let mut n = 0usize;
        while seq.next_element::<IgnoredAny>()?.is_some() {
            n += 1;
        }
        Ok(Top::Array(n))
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Top, A::Error> {
        while map.next_entry::<IgnoredAny, IgnoredAny>()?.is_some() {}
        Ok(Top::Object)
    }

    fn visit_bool<E: de::Error>(self, v: bool) -> Result<Top, E> {
        Ok(Top::Other(Value::Bool(v)))
    }

    fn visit_i64<E: de::Error>(self, v: i64) -> Result<Top, E> {
        Ok(Top::Other(Value::from(v)))
    }

    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Top, E> {
        Ok(Top::Other(Value::from(v)))
    }

    fn visit_f64<E: de::Error>(self, v: f64) -> Result<Top, E> {
        Ok(Top::Other(Value::from(v)))
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<Top, E> {
        Ok(Top::Other(Value::String(v.to_string())))
    }

    fn visit_unit<E: de::Error>(self) -> Result<Top, E> {
        Ok(Top::Other(Value::Null))
    }
}

/// One element read by [`Elements`].
#[derive(Debug)]
pub enum Element {
    /// The element, parsed.
    Value(Value),
    /// The element is not valid JSON on its own (a lone surrogate, a number
    /// out of range: things the survey does not check); the message says why.
    Invalid(String),
    /// The element is larger than [`MAX_RECORD_BYTES`](crate::import::MAX_RECORD_BYTES); it was skipped.
    TooLarge,
}

/// Where [`Elements`] is in the file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum At {
    /// Before the one object of the file.
    Object,
    /// Before the opening `[`.
    Start,
    /// Before the element of this index (after `[` or a `,`).
    Element(usize),
    /// After the element of this index: a `,` or the closing `]` follows.
    After(usize),
    /// Past the end.
    Done,
}

/// The elements of a surveyed `.json` file, one at a time.
pub struct Elements<R> {
    r: R,
    at: At,
    /// Bytes consumed, for the message if the file is not what the survey
    /// saw (it changed in between).
    offset: u64,
}

impl Elements<BufReader<File>> {
    /// Open a file whose [`survey`] gave `top` (an array or an object).
    pub fn open(path: &Path, top: &Top) -> io::Result<Self> {
        Ok(Elements::new(open(path)?, top))
    }
}

impl<R: BufRead> Elements<R> {
    /// Read from a buffered reader positioned after the BOM.
    pub fn new(r: R, top: &Top) -> Self {
        let at = match top {
            Top::Array(_) => At::Start,
            Top::Object => At::Object,
            Top::Other(_) => At::Done,
        };
        Elements { r, at, offset: 0 }
    }

    /// The next element and its index (`None` for the object of a
    /// one-object file), or `None` at the end. An error is a read error, or
    /// a file that no longer has the shape the survey found.
    pub fn next_element(&mut self) -> io::Result<Option<(Option<usize>, Element)>> {
        loop {
            match self.at {
                At::Done => return Ok(None),
                At::Object => {
                    self.at = At::Done;
                    return self.element().map(|e| Some((None, e)));
                }
                At::Start => {
                    self.expect(b"[")?;
                    self.skip_ws()?;
                    if self.peek()? == Some(b']') {
                        self.at = At::Done;
                        return Ok(None);
                    }
                    self.at = At::Element(0);
                }
                At::Element(i) => {
                    self.at = At::After(i);
                    return self.element().map(|e| Some((Some(i), e)));
                }
                At::After(i) => match self.expect(b",]")? {
                    b',' => self.at = At::Element(i + 1),
                    _ => self.at = At::Done,
                },
            }
        }
    }

    fn changed(&self, what: &str) -> io::Error {
        io::Error::new(
            io::ErrorKind::InvalidData,
            format!(
                "{what} at byte {}: the file changed while it was read",
                self.offset
            ),
        )
    }

    fn consume(&mut self, n: usize) {
        self.r.consume(n);
        self.offset += n as u64;
    }

    fn peek(&mut self) -> io::Result<Option<u8>> {
        loop {
            match self.r.fill_buf() {
                Ok(buf) => return Ok(buf.first().copied()),
                Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
                Err(e) => return Err(e),
            }
        }
    }

    fn skip_ws(&mut self) -> io::Result<()> {
        loop {
            let n = match self.r.fill_buf() {
                Ok(buf) => {
                    let n = buf.iter().take_while(|b| is_ws(**b)).count();
                    if n == 0 {
                        return Ok(());
                    }
                    n
                }
                Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
                Err(e) => return Err(e),
            };
            self.consume(n);
        }
    }

    /// Skip white space, then consume one of `bytes` and say which.
    fn expect(&mut self, bytes: &[u8]) -> io::Result<u8> {
        self.skip_ws()?;
        match self.peek()? {
            Some(b) if bytes.contains(&b) => {
                self.consume(1);
                Ok(b)
            }
            Some(_) => Err(self.changed("unexpected character")),
            None => Err(self.changed("unexpected end of file")),
        }
    }

    /// Read one JSON value's bytes (after white space) and parse them.
    fn element(&mut self) -> io::Result<Element> {
        self.skip_ws()?;
        let mut scan = Extent::default();
        let mut out = Bounded::default();
        loop {
            let (take, done) = match self.r.fill_buf() {
                Ok([]) => return Err(self.changed("unexpected end of file")),
                Ok(buf) => {
                    let (take, done) = scan.feed(buf);
                    out.push(&buf[..take]);
                    (take, done)
                }
                Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
                Err(e) => return Err(e),
            };
            self.consume(take);
            if done {
                break;
            }
        }
        let Some(out) = out.finish() else {
            return Ok(Element::TooLarge);
        };
        if out.is_empty() {
            return Err(self.changed("a value was expected"));
        }
        Ok(match serde_json::from_slice::<Value>(&out) {
            Ok(v) => Element::Value(v),
            Err(e) => Element::Invalid(super::json_error_parts(&e)),
        })
    }
}

fn is_ws(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\n' | b'\r')
}

/// Finds where one JSON value ends, fed its bytes a chunk at a time. Only
/// strings (whose brackets do not count) and bracket depth are tracked:
/// the survey has checked the rest.
#[derive(Default)]
struct Extent {
    depth: usize,
    in_string: bool,
    escaped: bool,
}

impl Extent {
    /// How many bytes of `buf` belong to the value, and whether it ends
    /// there.
    fn feed(&mut self, buf: &[u8]) -> (usize, bool) {
        for (i, &b) in buf.iter().enumerate() {
            if self.in_string {
                if self.escaped {
                    self.escaped = false;
                } else if b == b'\\' {
                    self.escaped = true;
                } else if b == b'"' {
                    self.in_string = false;
                    if self.depth == 0 {
                        return (i + 1, true);
                    }
                }
                continue;
            }
            match b {
                b'"' => self.in_string = true,
                b'{' | b'[' => self.depth += 1,
                b'}' | b']' => {
                    if self.depth == 0 {
                        // The end of the array around a bare scalar.
                        return (i, true);
                    }
                    self.depth -= 1;
                    if self.depth == 0 {
                        return (i + 1, true);
                    }
                }
                b',' if self.depth == 0 => return (i, true),
                b if self.depth == 0 && is_ws(b) => return (i, true),
                _ => {}
            }
        }
        (buf.len(), false)
    }
}

impl<R> Elements<R> {
    /// The reader underneath, for its position.
    pub fn reader(&mut self) -> &mut R {
        &mut self.r
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::MAX_RECORD_BYTES;

    fn survey_of(text: &str) -> Result<Top, String> {
        survey_from(text.as_bytes())
            .unwrap()
            .map_err(|p| p.to_string())
    }

    /// Every element of `text`, shown, read through a tiny buffer so that
    /// values cross buffer edges.
    fn elements(text: &str, cap: usize) -> Vec<String> {
        let top = survey_of(text).unwrap();
        let mut e = Elements::new(BufReader::with_capacity(cap, text.as_bytes()), &top);
        let mut out = Vec::new();
        while let Some((i, el)) = e.next_element().unwrap() {
            out.push(format!(
                "{i:?} {}",
                match el {
                    Element::Value(v) => v.to_string(),
                    Element::Invalid(m) => format!("not valid JSON: {m}"),
                    Element::TooLarge => "too large".into(),
                }
            ));
        }
        out
    }

    #[test]
    fn the_survey_tells_the_top_level_and_finds_syntax_errors() {
        assert_eq!(survey_of(" [1, {\"a\": [2]}, \"x\"] \n"), Ok(Top::Array(3)));
        assert_eq!(survey_of("[]"), Ok(Top::Array(0)));
        assert_eq!(survey_of("{\"a\": 1}"), Ok(Top::Object));
        assert_eq!(
            survey_of("\"just text\""),
            Ok(Top::Other(Value::String("just text".into())))
        );
        assert_eq!(survey_of("null"), Ok(Top::Other(Value::Null)));
        assert_eq!(
            survey_of("[1,\n2,,]"),
            Err("not valid JSON at line 2, column 3: expected value".into())
        );
        assert_eq!(
            survey_of("[1] [2]"),
            Err("not valid JSON at line 1, column 5: trailing characters".into())
        );
        assert!(
            survey_of("[1")
                .unwrap_err()
                .contains("EOF while parsing a list")
        );
    }

    #[test]
    fn elements_come_one_by_one_with_their_index() {
        let text =
            "[ {\"a\": \"x,]}\\\"[\"} ,\n[1, [2]], \"s\\\\\", 12.5e3 , true,null,-7,\"\\ud800\" ]";
        let want = [
            "Some(0) {\"a\":\"x,]}\\\"[\"}",
            "Some(1) [1,[2]]",
            "Some(2) \"s\\\\\"",
            "Some(3) 12500.0",
            "Some(4) true",
            "Some(5) null",
            "Some(6) -7",
            "Some(7) not valid JSON: unexpected end of hex escape",
        ];
        for cap in [1, 2, 3, 7, 64, 4096] {
            assert_eq!(elements(text, cap), want, "buffer of {cap}");
        }
        assert_eq!(elements("{\"a\": [1]}\n", 3), ["None {\"a\":[1]}"]);
        assert!(elements(" [ ] ", 1).is_empty());
    }

    #[test]
    fn an_element_over_the_limit_is_skipped_not_held() {
        let big = format!("\"{}\"", "a".repeat(MAX_RECORD_BYTES));
        let text = format!("[{big}, 1, {{\"s\": {big}}}, 2]");
        assert_eq!(
            elements(&text, 64 * 1024),
            [
                "Some(0) too large",
                "Some(1) 1",
                "Some(2) too large",
                "Some(3) 2"
            ]
        );
    }

    #[test]
    fn a_file_that_changed_after_the_survey_is_an_error_not_a_panic() {
        for text in ["[1, 2", "[1 2]", "{\"a\": 1", "[", "1"] {
            let top = if text.starts_with('{') {
                Top::Object
            } else {
                Top::Array(2)
            };
            let mut e = Elements::new(text.as_bytes(), &top);
            let mut err = None;
            for _ in 0..5 {
                match e.next_element() {
                    Ok(Some(_)) => {}
                    Ok(None) => break,
                    Err(x) => {
                        err = Some(x);
                        break;
                    }
                }
            }
            let err = err.unwrap_or_else(|| panic!("{text:?}: no error"));
            assert!(err.to_string().contains("the file changed"), "{err}");
        }
    }
}
