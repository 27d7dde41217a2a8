//! CSV whose every text cell is safe to open in a spreadsheet.
//!
//! One function, [`cell`], decides what a text cell becomes: a cell that a
//! spreadsheet would read as a formula (`=HYPERLINK(…)`, `+1`, `-1+2`,
//! `@SUM(…)`, their full-width forms, or any of these after leading blanks)
//! gets a leading apostrophe, and characters that must not reach a terminal
//! are replaced by visible stand-ins. [`write_rows`] applies it to every
//! string a row serialises, whatever its field, so a new column is guarded
//! without anyone remembering to.

use serde::ser::{self, Impossible, Serialize, SerializeStruct, Serializer};
use std::borrow::Cow;
use std::io::Write;

/// The characters that make a spreadsheet read a cell as a formula.
fn formula_start(c: char) -> bool {
    matches!(
        c,
        '=' | '+' | '-' | '@' | '\u{FF1D}' | '\u{FF0B}' | '\u{FF0D}' | '\u{FF20}'
    )
}

/// Must this character be replaced in a cell? What must never reach a
/// terminal ([`crate::domain::text::needs_escape`]), except line breaks and
/// tabs, which a quoted cell holds as they are.
fn unsafe_char(c: char) -> bool {
    !matches!(c, '\n' | '\t') && crate::domain::text::needs_escape(c)
}

/// Would a spreadsheet read this text as a formula when typed (or opened
/// from CSV)? `=…`, `+1`, `-1+2`, `@SUM(…)`, their full-width forms, any
/// of these after leading blanks, or a leading tab or line break.
pub fn looks_like_formula(s: &str) -> bool {
    let first = s
        .trim_start_matches([' ', '\u{a0}', '\u{3000}'])
        .chars()
        .next();
    first.is_some_and(formula_start) || s.starts_with(['\t', '\r', '\n'])
}

/// The text with what must not reach a terminal replaced by visible
/// stand-ins (line breaks and tabs kept): the characters of [`cell`]
/// without its apostrophe, for a workbook that marks formula-like text
/// as text in its own way.
pub fn neutral(s: &str) -> Cow<'_, str> {
    if !s.chars().any(unsafe_char) {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if unsafe_char(c) {
            crate::domain::text::push_neutral(&mut out, c, true);
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

/// A text cell as written to a CSV file or a spreadsheet.
pub fn cell(s: &str) -> Cow<'_, str> {
    let formula = looks_like_formula(s);
    if !formula && !s.chars().any(unsafe_char) {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 1);
    if formula {
        out.push('\'');
    }
    out.push_str(&neutral(s));
    Cow::Owned(out)
}

/// Write `rows` as CSV with a header, every text cell through [`cell`].
pub fn write_rows<W: Write, T: Serialize>(
    w: W,
    rows: impl IntoIterator<Item = T>,
) -> Result<(), csv::Error> {
    let mut out = csv::Writer::from_writer(w);
    for row in rows {
        out.serialize(Guarded(&row))?;
    }
    out.flush()?;
    Ok(())
}

/// A value whose strings are written through [`cell`].
struct Guarded<'a, T: ?Sized>(&'a T);

impl<T: Serialize + ?Sized> Serialize for Guarded<'_, T> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        self.0.serialize(Guard(s))
    }
}

/// A serializer that passes everything through to the CSV serializer,
/// except that strings go through [`cell`].
struct Guard<S>(S);

fn nested<E: ser::Error>(what: &str) -> E {
    E::custom(format!("a CSV cell cannot hold {what}"))
}

macro_rules! forward {
    ($($name:ident: $t:ty),* $(,)?) => {
        $(fn $name(self, v: $t) -> Result<S::Ok, S::Error> { self.0.$name(v) })*
    };
}

impl<S: Serializer> Serializer for Guard<S> {
    type Ok = S::Ok;
    type Error = S::Error;
    type SerializeSeq = Impossible<S::Ok, S::Error>;
    type SerializeTuple = Impossible<S::Ok, S::Error>;
    type SerializeTupleStruct = Impossible<S::Ok, S::Error>;
    type SerializeTupleVariant = Impossible<S::Ok, S::Error>;
    type SerializeMap = Impossible<S::Ok, S::Error>;
    type SerializeStruct = GuardStruct<S::SerializeStruct>;
    type SerializeStructVariant = Impossible<S::Ok, S::Error>;

    forward!(
        serialize_bool: bool,
        serialize_i8: i8,
        serialize_i16: i16,
        serialize_i32: i32,
        serialize_i64: i64,
        serialize_u8: u8,
        serialize_u16: u16,
        serialize_u32: u32,
        serialize_u64: u64,
        serialize_f32: f32,
        serialize_f64: f64,
        serialize_bytes: &[u8],
    );

    fn serialize_char(self, v: char) -> Result<S::Ok, S::Error> {
        self.serialize_str(v.encode_utf8(&mut [0; 4]))
    }
    fn serialize_str(self, v: &str) -> Result<S::Ok, S::Error> {
        self.0.serialize_str(&cell(v))
    }
    fn serialize_none(self) -> Result<S::Ok, S::Error> {
        self.0.serialize_none()
    }
    fn serialize_some<T: Serialize + ?Sized>(self, v: &T) -> Result<S::Ok, S::Error> {
        self.0.serialize_some(&Guarded(v))
    }
    fn serialize_unit(self) -> Result<S::Ok, S::Error> {
        self.0.serialize_unit()
    }
    fn serialize_unit_struct(self, name: &'static str) -> Result<S::Ok, S::Error> {
        self.0.serialize_unit_struct(name)
    }
    fn serialize_unit_variant(
        self,
        _name: &'static str,
        _index: u32,
        variant: &'static str,
    ) -> Result<S::Ok, S::Error> {
        self.serialize_str(variant)
    }
    fn serialize_newtype_struct<T: Serialize + ?Sized>(
        self,
        name: &'static str,
        v: &T,
    ) -> Result<S::Ok, S::Error> {
        self.0.serialize_newtype_struct(name, &Guarded(v))
    }
    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        _name: &'static str,
        _index: u32,
        _variant: &'static str,
        _v: &T,
    ) -> Result<S::Ok, S::Error> {
        Err(nested("an enum with data"))
    }
    fn serialize_seq(self, _len: Option<usize>) -> Result<Self::SerializeSeq, S::Error> {
        Err(nested("a list"))
    }
    fn serialize_tuple(self, _len: usize) -> Result<Self::SerializeTuple, S::Error> {
        Err(nested("a tuple"))
    }
    fn serialize_tuple_struct(
        self,
        _name: &'static str,
        _len: usize,
    ) -> Result<Self::SerializeTupleStruct, S::Error> {
        Err(nested("a tuple"))
    }
    fn serialize_tuple_variant(
        self,
        _name: &'static str,
        _index: u32,
        _variant: &'static str,
        _len: usize,
    ) -> Result<Self::SerializeTupleVariant, S::Error> {
        Err(nested("an enum with data"))
    }
    fn serialize_map(self, _len: Option<usize>) -> Result<Self::SerializeMap, S::Error> {
        Err(nested("a map"))
    }
    fn serialize_struct(
        self,
        name: &'static str,
        len: usize,
    ) -> Result<Self::SerializeStruct, S::Error> {
        Ok(GuardStruct(self.0.serialize_struct(name, len)?))
    }
    fn serialize_struct_variant(
        self,
        _name: &'static str,
        _index: u32,
        _variant: &'static str,
        _len: usize,
    ) -> Result<Self::SerializeStructVariant, S::Error> {
        Err(nested("an enum with data"))
    }
}

/// The fields of a row, each through [`Guarded`].
struct GuardStruct<S>(S);

impl<S: SerializeStruct> SerializeStruct for GuardStruct<S> {
    type Ok = S::Ok;
    type Error = S::Error;

    fn serialize_field<T: Serialize + ?Sized>(
        &mut self,
        key: &'static str,
        v: &T,
    ) -> Result<(), S::Error> {
        self.0.serialize_field(key, &Guarded(v))
    }

    fn end(self) -> Result<S::Ok, S::Error> {
        self.0.end()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formulas_get_an_apostrophe() {
        for bad in [
            "=HYPERLINK(\"http://x\",\"y\")",
            "=cmd|' /C calc'!A0",
            "+1+1",
            "-2+3",
            "@SUM(A1)",
            "  =1+1",
            "\t=1",
            "\r=1",
            "＝1+1",
        ] {
            assert!(cell(bad).starts_with('\''), "{bad:?} → {:?}", cell(bad));
        }
        for good in ["KC24-GL-007", "Gia Lai", "Xưởng gạch 2-3", "", "1.500 tr"] {
            assert_eq!(cell(good), good);
        }
    }

    #[test]
    fn controls_become_visible_stand_ins() {
        assert_eq!(
            cell("a\u{1b}[2Jb\u{9b}c\u{202e}d"),
            "a␛[2Jb\u{fffd}c\u{fffd}d"
        );
        assert_eq!(cell("line one\nline two"), "line one\nline two");
    }

    #[derive(serde::Serialize)]
    struct Row {
        code: String,
        province: Option<String>,
        amount: i64,
        status: Status,
    }

    #[derive(serde::Serialize)]
    #[serde(rename_all = "snake_case")]
    enum Status {
        Pending,
    }

    #[test]
    fn every_text_field_of_a_row_is_guarded_numbers_are_not() {
        let rows = [Row {
            code: "=HYPERLINK(1)".into(),
            province: Some("=cmd|' /C calc'!A0".into()),
            amount: -5,
            status: Status::Pending,
        }];
        let mut buf = Vec::new();
        write_rows(&mut buf, &rows).unwrap();
        let text = String::from_utf8(buf).unwrap();
        assert_eq!(
            text,
            "code,province,amount,status\n'=HYPERLINK(1),'=cmd|' /C calc'!A0,-5,pending\n"
        );
    }
}
