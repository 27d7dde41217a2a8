//! One spreadsheet cell → the JSON value the converter reads: amounts
//! multiplied by the unit of their column, Excel serial dates as dates,
//! whole numbers as integers, text NFC.

use super::headers::Unit;
use crate::domain::money::MAX_VND;
use crate::domain::text::nfc;
use calamine::Data;
use chrono::{Days, NaiveDate};
use serde_json::Value;

/// What a column holds, for reading its cells.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// An amount; numbers are multiplied by the unit.
    Money(Unit),
    /// A date: a serial number is a day.
    Date,
    /// Anything else.
    Other,
}

impl Kind {
    /// The kind of a field, from its last segment.
    pub fn of(path: &[String], unit: Unit) -> Kind {
        let last = path.last().map_or("", String::as_str);
        if last.ends_with("_vnd") {
            Kind::Money(unit)
        } else if matches!(
            last,
            "submitted_on" | "start" | "end" | "expected_completion" | "issued_on" | "valid_until"
        ) {
            Kind::Date
        } else {
            Kind::Other
        }
    }
}

/// The text of a cell as a person reads it (for headers, section rows and
/// messages): numbers without a trailing `.0`.
pub fn text_of(d: &Data) -> String {
    match d {
        Data::Empty => String::new(),
        Data::String(s) => nfc(s.trim()),
        Data::Float(f) => float_text(*f),
        Data::Int(i) => i.to_string(),
        Data::Bool(b) => b.to_string(),
        Data::DateTime(dt) => excel_day(dt)
            .map(crate::domain::date::iso)
            .unwrap_or_else(|| float_text(dt.as_f64())),
        Data::DateTimeIso(s) | Data::DurationIso(s) => s.clone(),
        Data::Error(e) => e.to_string(),
    }
}

/// The day of a cell Excel formats as a date (either epoch: calamine
/// knows the workbook's).
fn excel_day(dt: &calamine::ExcelDateTime) -> Option<NaiveDate> {
    if !dt.is_datetime() || dt.as_f64() < 1.0 {
        return None;
    }
    let (y, m, d, ..) = dt.to_ymd_hms_milli();
    NaiveDate::from_ymd_opt(i32::from(y), u32::from(m), u32::from(d))
}

/// A float as text: `7` for 7.0, `1.5` for 1.5 (the shortest form that
/// reads back the same).
pub fn float_text(f: f64) -> String {
    if f.is_finite() && f.fract() == 0.0 && f.abs() < 1e15 {
        format!("{}", f as i64)
    } else {
        format!("{f}")
    }
}

/// The day of an Excel serial number (1900 system, with its phantom
/// 29 February 1900; or the 1904 system). Days before 1900-03-01 or past
/// 9999 are not dates a dossier has.
pub fn serial_date(serial: f64, is_1904: bool) -> Option<NaiveDate> {
    if !serial.is_finite() || !(1.0..2_958_466.0).contains(&serial) {
        return None;
    }
    let days = serial.floor() as u64;
    if is_1904 {
        NaiveDate::from_ymd_opt(1904, 1, 1)?.checked_add_days(Days::new(days))
    } else {
        if days < 61 {
            // Before 1 March 1900, where Excel counts a 29 February.
            return None;
        }
        NaiveDate::from_ymd_opt(1899, 12, 30)?.checked_add_days(Days::new(days))
    }
}

/// Why a cell could not be read, for the message naming it.
pub type CellError = crate::import::Problem;
use crate::import::Problem;

/// The value of a cell of a column of `kind`, or `None` when it is empty.
pub fn value_of(d: &Data, kind: Kind) -> Result<Option<Value>, CellError> {
    Ok(Some(match (d, kind) {
        (Data::Empty, _) => return Ok(None),
        (Data::String(s), _) if s.trim().is_empty() => return Ok(None),
        (Data::String(s), Kind::Money(unit)) if unit != Unit::Dong => {
            let s = nfc(s.trim());
            match scaled_text(&s, unit) {
                Some(r) => Value::from(r?),
                // Not a plain number: the converter says what is wrong.
                None => Value::String(s),
            }
        }
        (Data::String(s), Kind::Date) => Value::String(dotted_date(&nfc(s.trim()))),
        (Data::String(s), _) => Value::String(nfc(s.trim())),
        (Data::Int(i), Kind::Money(unit)) => Value::from(scale_int(*i, unit)?),
        (Data::Float(f), Kind::Money(unit)) => Value::from(scale_float(*f, unit)?),
        (Data::Int(i), Kind::Date) => date_value(*i as f64, &i.to_string()),
        (Data::Float(f), Kind::Date) => date_value(*f, &float_text(*f)),
        (Data::DateTime(dt), _) => match excel_day(dt) {
            Some(day) => Value::String(crate::domain::date::iso(day)),
            None => Value::String(float_text(dt.as_f64())),
        },
        (Data::DateTimeIso(s), _) => Value::String(s.get(..10).unwrap_or(s).to_string()),
        (Data::Int(i), _) => Value::from(*i),
        (Data::Float(f), _) => {
            if f.fract() == 0.0 && f.abs() < 1e15 {
                Value::from(*f as i64)
            } else {
                serde_json::Number::from_f64(*f)
                    .map(Value::Number)
                    .unwrap_or_else(|| Value::String(float_text(*f)))
            }
        }
        (Data::Bool(b), _) => Value::Bool(*b),
        (Data::DurationIso(s), _) => Value::String(s.clone()),
        (Data::Error(e), _) => return Err(Problem::CellExcelError(e.to_string())),
    }))
}

/// A serial number in a date column (not formatted as a date) is a day of
/// the 1900 system, the one every Excel since 2008 writes; a number that is
/// none is left for the converter to reject as a date.
fn date_value(serial: f64, shown: &str) -> Value {
    match serial_date(serial, false) {
        Some(day) => Value::String(crate::domain::date::iso(day)),
        None => Value::String(shown.to_string()),
    }
}

/// `26.9.2023` as provinces also type it: read as `26/9/2023`.
fn dotted_date(s: &str) -> String {
    let parts: Vec<&str> = s.split('.').collect();
    if parts.len() == 3
        && parts
            .iter()
            .all(|p| !p.is_empty() && p.len() <= 4 && p.bytes().all(|b| b.is_ascii_digit()))
    {
        parts.join("/")
    } else {
        s.to_string()
    }
}

fn too_large(value: String, unit: Unit) -> CellError {
    Problem::CellTooLarge {
        value,
        factor_max: MAX_VND.0 / unit.factor(),
        unit: unit.label(),
    }
}

fn scale_int(i: i64, unit: Unit) -> Result<i64, CellError> {
    if i < 0 {
        return Err(Problem::AmountNegative(i.to_string()));
    }
    i.checked_mul(unit.factor())
        .filter(|v| *v <= MAX_VND.0)
        .ok_or_else(|| too_large(i.to_string(), unit))
}

/// A float amount in `unit`, exactly: its shortest decimal form times the
/// unit must be whole đồng (`1.5` million is 1,500,000; `0.0000001`
/// million is not).
fn scale_float(f: f64, unit: Unit) -> Result<i64, CellError> {
    if !f.is_finite() {
        return Err(Problem::CellNotAnAmount(f.to_string()));
    }
    if f < 0.0 {
        return Err(Problem::AmountNegative(float_text(f)));
    }
    let text = format!("{f}");
    if text.contains('e') {
        // Very large or very small: whole đồng only if it is an integer.
        if f.fract() == 0.0 && f * unit.factor() as f64 <= MAX_VND.0 as f64 {
            return Ok((f * unit.factor() as f64) as i64);
        }
        return Err(too_large(text, unit));
    }
    match decimal_times(&text, '.', unit) {
        Some(r) => r,
        None => Err(Problem::CellNotAnAmount(text)),
    }
}

/// `digits[sep digits]` times the unit, exactly, or why not. `None` when
/// the text is not of that form.
fn decimal_times(text: &str, sep: char, unit: Unit) -> Option<Result<i64, CellError>> {
    let (whole, frac) = match text.split_once(sep) {
        Some((w, f)) => (w, f),
        None => (text, ""),
    };
    if whole.is_empty()
        || !whole.bytes().all(|b| b.is_ascii_digit())
        || !frac.bytes().all(|b| b.is_ascii_digit())
    {
        return None;
    }
    let places = match unit {
        Unit::Dong => 0,
        Unit::Thousand => 3,
        Unit::Million => 6,
    };
    let frac = frac.trim_end_matches('0');
    if frac.len() > places {
        return Some(Err(Problem::CellNotWhole {
            value: text.to_string(),
            unit: unit.label(),
        }));
    }
    let mut digits = String::with_capacity(whole.len() + places);
    digits.push_str(whole);
    digits.push_str(frac);
    for _ in frac.len()..places {
        digits.push('0');
    }
    Some(
        digits
            .parse::<i64>()
            .ok()
            .filter(|v| *v <= MAX_VND.0)
            .ok_or_else(|| too_large(text.to_string(), unit)),
    )
}

/// Text in a column of thousands or millions: `1.500` (grouped, as
/// [`Vnd::parse`](crate::domain::money::Vnd::parse) reads it) or `1,5` /
/// `1.5` (a decimal: one separator not followed by three digits). `None`
/// for text that is neither (left to the converter's message).
fn scaled_text(s: &str, unit: Unit) -> Option<Result<i64, CellError>> {
    let body = s.trim();
    if let Ok(v) = crate::domain::money::Vnd::parse(body) {
        return Some(scale_int(v.0, unit));
    }
    let seps: Vec<char> = body.chars().filter(|c| matches!(c, '.' | ',')).collect();
    if seps.len() == 1 {
        return decimal_times(body, seps[0], unit);
    }
    // `1.234,5`: dots between thousands and a decimal comma.
    if let Some((int, frac)) = body.rsplit_once(',')
        && let Ok(v) = crate::domain::money::Vnd::parse(int)
    {
        return decimal_times(&format!("{}.{frac}", v.0), '.', unit);
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    #[test]
    fn serial_dates() {
        assert_eq!(serial_date(45195.0, false), Some(day(2023, 9, 26)));
        assert_eq!(serial_date(45195.75, false), Some(day(2023, 9, 26)));
        assert_eq!(serial_date(61.0, false), Some(day(1900, 3, 1)));
        assert_eq!(serial_date(60.0, false), None);
        assert_eq!(serial_date(-3.0, false), None);
        assert_eq!(serial_date(43733.0, true), Some(day(2023, 9, 26)));
    }

    #[test]
    fn amounts_take_the_unit_of_their_column() {
        let m = Kind::Money(Unit::Million);
        assert_eq!(
            value_of(&Data::Float(1.5), m),
            Ok(Some(Value::from(1_500_000)))
        );
        assert_eq!(
            value_of(&Data::Int(300), m),
            Ok(Some(Value::from(300_000_000)))
        );
        assert_eq!(
            value_of(&Data::Float(0.1 + 0.2), m),
            Err(Problem::CellNotWhole {
                value: "0.30000000000000004".into(),
                unit: "triệu đồng"
            })
        );
        assert_eq!(
            value_of(&Data::String("1.500".into()), m),
            Ok(Some(Value::from(1_500_000_000)))
        );
        assert_eq!(
            value_of(&Data::String("1,5".into()), m),
            Ok(Some(Value::from(1_500_000)))
        );
        assert_eq!(
            value_of(&Data::String("1.234,5".into()), m),
            Ok(Some(Value::from(1_234_500_000)))
        );
        assert_eq!(
            value_of(&Data::String("một tỷ".into()), m),
            Ok(Some(Value::String("một tỷ".into())))
        );
        assert!(
            value_of(&Data::Int(-5), m)
                .unwrap_err()
                .to_string()
                .contains("negative")
        );
        assert!(
            value_of(&Data::Float(1e12), m)
                .unwrap_err()
                .to_string()
                .contains("too large")
        );
        let k = Kind::Money(Unit::Thousand);
        assert_eq!(
            value_of(&Data::Float(35_000.5), k),
            Ok(Some(Value::from(35_000_500)))
        );
        let d = Kind::Money(Unit::Dong);
        assert_eq!(
            value_of(&Data::String("1.500.000".into()), d),
            Ok(Some(Value::String("1.500.000".into())))
        );
        assert_eq!(
            value_of(&Data::Float(2e6), d),
            Ok(Some(Value::from(2_000_000)))
        );
    }

    #[test]
    fn dates_and_other_cells() {
        assert_eq!(
            value_of(&Data::Float(45195.0), Kind::Date),
            Ok(Some(Value::String("2023-09-26".into())))
        );
        assert_eq!(
            value_of(&Data::String("26.9.2023".into()), Kind::Date),
            Ok(Some(Value::String("26/9/2023".into())))
        );
        assert_eq!(
            value_of(&Data::Float(2024.0), Kind::Other),
            Ok(Some(Value::from(2024)))
        );
        assert_eq!(value_of(&Data::String("  ".into()), Kind::Other), Ok(None));
        assert_eq!(text_of(&Data::Float(7.0)), "7");
        assert!(
            value_of(&Data::Error(calamine::CellErrorType::Div0), Kind::Other)
                .unwrap_err()
                .to_string()
                .contains("#DIV/0!")
        );
    }
}
