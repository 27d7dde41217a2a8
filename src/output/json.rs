//! JSON that cannot act on a terminal: every control, bidi and invisible
//! formatting character inside a string is written as a `\uXXXX` escape
//! (`\u009b`, `\u202e`, `\udb40\udc01`). The JSON means exactly the same
//! (a reader gets the original characters back), but printed to a terminal
//! it is inert. Used for every JSON the program writes.

use serde::Serialize;
use serde_json::ser::{Formatter, PrettyFormatter};
use std::io::{self, Write};

/// Must this character be escaped in JSON text? C0/C1 controls, DEL, and
/// what [`crate::domain::text::needs_escape`] names (bidi controls, line
/// and paragraph separators, tags, invisible formatting characters).
fn escape(c: char) -> bool {
    c.is_control() || crate::domain::text::needs_escape(c)
}

/// Pretty JSON with the escapes above.
struct SafeFormatter<'a>(PrettyFormatter<'a>);

impl Formatter for SafeFormatter<'_> {
    fn write_string_fragment<W: ?Sized + Write>(
        &mut self,
        writer: &mut W,
        fragment: &str,
    ) -> io::Result<()> {
        let mut start = 0;
        for (i, c) in fragment.char_indices() {
            if escape(c) {
                writer.write_all(&fragment.as_bytes()[start..i])?;
                let mut units = [0u16; 2];
                for u in c.encode_utf16(&mut units) {
                    write!(writer, "\\u{u:04x}")?;
                }
                start = i + c.len_utf8();
            }
        }
        writer.write_all(&fragment.as_bytes()[start..])
    }

    fn begin_array<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.begin_array(w)
    }
    fn end_array<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.end_array(w)
    }
    fn begin_array_value<W: ?Sized + Write>(&mut self, w: &mut W, first: bool) -> io::Result<()> {
        self.0.begin_array_value(w, first)
    }
    fn end_array_value<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.end_array_value(w)
    }
    fn begin_object<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.begin_object(w)
    }
    fn end_object<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.end_object(w)
    }
    fn begin_object_key<W: ?Sized + Write>(&mut self, w: &mut W, first: bool) -> io::Result<()> {
        self.0.begin_object_key(w, first)
    }
    fn begin_object_value<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.begin_object_value(w)
    }
    fn end_object_value<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.end_object_value(w)
    }
}

/// Write `value` as pretty JSON, safely escaped, followed by a newline.
pub fn write_pretty<W: Write + ?Sized>(w: &mut W, value: &impl Serialize) -> io::Result<()> {
    let mut ser =
        serde_json::Serializer::with_formatter(&mut *w, SafeFormatter(PrettyFormatter::new()));
    value.serialize(&mut ser).map_err(io::Error::other)?;
    w.write_all(b"\n")
}

/// [`write_pretty`] into a string (tests).
pub fn to_string_pretty(value: &impl Serialize) -> String {
    let mut buf = Vec::new();
    match write_pretty(&mut buf, value) {
        Ok(()) => String::from_utf8(buf).unwrap_or_default(),
        Err(e) => format!("{{\"error\": {:?}}}", e.to_string()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn controls_bidi_separators_and_tags_are_escaped_and_round_trip() {
        let nasty = "a\u{9b}31m\u{1b}[2J\u{202e}b\u{2028}c\u{e0041}d\u{7f}Trà Vinh";
        let out = to_string_pretty(&serde_json::json!({ "title": nasty }));
        for c in out.chars() {
            assert!(!escape(c) || c == '\n', "raw {:?} in {out}", c);
        }
        assert!(out.contains("\\u009b"), "{out}");
        assert!(out.contains("\\u202e"), "{out}");
        assert!(out.contains("\\u2028"), "{out}");
        assert!(out.contains("\\udb40\\udc41"), "{out}");
        assert!(out.contains("Trà Vinh"), "Vietnamese stays readable: {out}");
        let back: serde_json::Value = serde_json::from_str(&out).unwrap();
        assert_eq!(back["title"], nasty);
    }

    #[test]
    fn the_layout_is_serde_json_pretty() {
        let v = serde_json::json!({"a": [1, 2], "b": {"c": null}});
        assert_eq!(
            to_string_pretty(&v),
            format!("{}\n", serde_json::to_string_pretty(&v).unwrap())
        );
    }
}
