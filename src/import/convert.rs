//! The one converter from a JSON-ish value to a [`Dossier`], shared by the
//! JSON, JSON Lines and CSV readers.
//!
//! CSV cells are strings, so every typed field also accepts its value written
//! as text: numbers (`"2024"`), booleans (`"có"`, `"x"`), lists (`"proposal|
//! quotation"`, or JSON in the cell: `[{"name": …}]`) and objects (`{…}`).
//! `null`, and text that is empty or only white space, count as absent.

use super::{Problem, Shown};
use crate::domain::Lang;
use crate::domain::category::{Category, CategoryAliases};
use crate::domain::date::parse_date;
use crate::domain::dossier::{
    Budget, CertLevel, Certificate, Cluster, Details, DocKind, Document, Dossier, Equipment,
    ModelKind, PollutionSubtype, PriorityArea, ProjectType,
};
use crate::domain::money::Vnd;
use crate::domain::spellings::Spellings;
use crate::domain::text::{clean_line, clean_multiline, fold_words, needs_escape, nfc};
use crate::domain::vocab::Vocabulary;
use chrono::NaiveDate;
use serde_json::{Map, Value};
use std::borrow::Cow;
use std::collections::BTreeMap;
use std::fmt;

/// The largest text a single field may hold (1 MiB). A summary is tens of
/// KB; anything larger is a hostile or broken file.
pub const MAX_FIELD_BYTES: usize = 1024 * 1024;

/// The longest dossier code accepted (codes are typed on the command line:
/// `KC24-GL-007`).
pub const MAX_CODE_CHARS: usize = 100;

/// The longest key accepted in a record (1 KiB).
pub const MAX_KEY_BYTES: usize = 1024;

/// A problem with one field of a record: the dotted path of the field
/// (`budget.national_vnd`, `documents[2].kind`), or `None` for the record as
/// a whole, and what is wrong, in words an appraiser can act on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldIssue {
    /// Dotted path of the field, when the problem belongs to one.
    pub field: Option<String>,
    /// What is wrong, e.g. `"1,5 tỷ" is not an amount in VND`.
    pub problem: Problem,
}

impl FieldIssue {
    fn at(field: &str, problem: Problem) -> FieldIssue {
        FieldIssue {
            field: Some(field.to_string()),
            problem,
        }
    }

    /// A problem of the whole record, not of one field.
    pub fn record(problem: Problem) -> FieldIssue {
        FieldIssue {
            field: None,
            problem,
        }
    }

    /// What is wrong, in `lang`, without the field.
    pub fn message(&self, lang: Lang) -> String {
        self.problem.message(lang)
    }
}

impl fmt::Display for FieldIssue {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.field {
            Some(field) => write!(f, "{field}: {}", self.problem),
            None => write!(f, "{}", self.problem),
        }
    }
}

/// A converted record: the dossier and the warnings raised while reading it
/// (an unknown document kind kept as `other`, …).
#[derive(Debug, Clone, PartialEq)]
pub struct Converted {
    /// The cleaned dossier.
    pub dossier: Dossier,
    /// Problems that did not stop the record from being read.
    pub warnings: Vec<FieldIssue>,
}

type R<T> = Result<T, FieldIssue>;

mod parties;
use parties::{beneficiaries, beneficiary};

/// Turn one record (a JSON object, or the nested object built from a CSV
/// row) into a cleaned [`Dossier`]. Text is NFC-normalised and neutralised,
/// money and dates parsed, the category resolved with `aliases`, unknown keys
/// kept in `extra`. The first problem found rejects the record and names the
/// field.
pub fn record_from_value(v: &Value, aliases: &CategoryAliases) -> Result<Converted, FieldIssue> {
    let Value::Object(m) = v else {
        return Err(FieldIssue::record(Problem::NotADossier(shown(v))));
    };
    check_sizes(v, "")?;
    let mut warnings = Vec::new();

    let code = code(m)?;
    let plan_year = match get(m, "plan_year") {
        Some(v) => year(v, "plan_year")?,
        None => return Err(missing(m, "plan_year")),
    };
    let province = req_text(m, "province", "province")?;
    let category = category(m, aliases)?;
    let sp = aliases.spellings();
    let project_type = match get(m, "project_type") {
        Some(v) => project_type(v, sp)?,
        None => ProjectType::default(),
    };
    let title = req_text(m, "title", "title")?;
    let implementing_unit = req_text(m, "implementing_unit", "implementing_unit")?;
    let beneficiary = match get(m, "beneficiary") {
        Some(v) => Some(beneficiary(v, sp)?),
        None => None,
    };
    let beneficiaries = match get(m, "beneficiaries") {
        Some(v) => beneficiaries(v, beneficiary.is_some(), sp)?,
        None => Vec::new(),
    };
    let priority_area = match get(m, "priority_area") {
        Some(v) => Some(priority_area(v, sp)?),
        None => None,
    };
    let submitted_on = match get(m, "submitted_on") {
        Some(v) => date(v, "submitted_on")?,
        None => return Err(missing(m, "submitted_on")),
    };
    let start = opt(m, "start", |v| date(v, "start"))?;
    let end = opt(m, "end", |v| date(v, "end"))?;
    let budget = match get(m, "budget") {
        Some(v) => budget(v)?,
        None => return Err(missing(m, "budget")),
    };
    let documents = match get(m, "documents") {
        Some(v) => documents(v, &mut warnings, sp)?,
        None => Vec::new(),
    };
    let details = match get(m, "details") {
        Some(v) => details(v, sp)?,
        None => Details::default(),
    };
    let summary = match get(m, "summary") {
        Some(v) => {
            let s = clean_multiline(&text_raw(v, "summary")?);
            (!s.trim().is_empty()).then_some(s)
        }
        None => None,
    };
    let extra = extras(m, TOP_KEYS);

    Ok(Converted {
        dossier: Dossier {
            code,
            plan_year,
            province,
            category,
            project_type,
            title,
            implementing_unit,
            beneficiary,
            beneficiaries,
            priority_area,
            submitted_on,
            start,
            end,
            budget,
            documents,
            details,
            summary,
            extra,
        },
        warnings,
    })
}

pub(crate) const TOP_KEYS: &[&str] = &[
    "code",
    "plan_year",
    "province",
    "category",
    "project_type",
    "title",
    "implementing_unit",
    "beneficiary",
    "beneficiaries",
    "priority_area",
    "submitted_on",
    "start",
    "end",
    "budget",
    "documents",
    "details",
    "summary",
];

pub(crate) const DETAIL_KEYS: &[&str] = &[
    "equipment",
    "technology_line",
    "cleaner_production",
    "energy_saving",
    "technology",
    "new_in_district",
    "sector",
    "model_kind",
    "subtype",
    "cluster",
    "product",
    "certificate",
    "trainees",
    "occupation",
    "traditional_craft",
    "topics",
    "digital_transformation",
];

// ---------------------------------------------------------------- limits

/// Reject any string (or key) too large to be a field, naming where it is
/// (`prefix` is the path of `v`, empty for a record). Recursion is bounded:
/// values come from serde_json (depth ≤ 128) or from CSV headers (depth
/// checked by the reader).
fn check_sizes(v: &Value, prefix: &str) -> R<()> {
    match oversized(v) {
        None => Ok(()),
        Some((mut segments, problem)) => {
            segments.reverse();
            let mut path = prefix.to_string();
            for seg in segments {
                match seg {
                    Segment::Index(i) => path.push_str(&format!("[{i}]")),
                    Segment::Key(k) => {
                        if !path.is_empty() {
                            path.push('.');
                        }
                        path.push_str(&clean_line(&k));
                    }
                }
            }
            Err(FieldIssue {
                field: (!path.is_empty()).then_some(path),
                problem,
            })
        }
    }
}

/// One step of a path inside a value.
enum Segment {
    Key(String),
    Index(usize),
}

/// The first string or key too large, as the path to it (innermost step
/// first) and the problem. Paths are only built when something is found.
fn oversized(v: &Value) -> Option<(Vec<Segment>, Problem)> {
    match v {
        Value::String(s) if s.len() > MAX_FIELD_BYTES => {
            Some((Vec::new(), Problem::FieldTooLong { bytes: s.len() }))
        }
        Value::Array(a) => a.iter().enumerate().find_map(|(i, e)| {
            oversized(e).map(|(mut path, m)| {
                path.push(Segment::Index(i));
                (path, m)
            })
        }),
        Value::Object(m) => m.iter().find_map(|(k, e)| {
            if k.len() > MAX_KEY_BYTES {
                return Some((Vec::new(), Problem::KeyTooLong { bytes: k.len() }));
            }
            oversized(e).map(|(mut path, m)| {
                path.push(Segment::Key(k.clone()));
                (path, m)
            })
        }),
        _ => None,
    }
}

// ---------------------------------------------------------------- helpers

/// A value as it may be quoted in a message: at most 60 characters, with
/// control and bidi characters escaped so the message is safe to print.
pub(crate) fn show_str(s: &str) -> String {
    const MAX: usize = 60;
    let mut out = String::from("\"");
    for (n, c) in s.chars().enumerate() {
        if n == MAX {
            out.push('…');
            break;
        }
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c if needs_escape(c) => {
                out.push_str(&c.escape_unicode().to_string());
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// Any JSON value as it may be quoted in a message.
pub(crate) fn shown(v: &Value) -> Shown {
    match v {
        Value::String(s) => Shown::Text(show_str(s)),
        Value::Array(_) => Shown::List,
        Value::Object(_) => Shown::Object,
        other => Shown::Plain(other.to_string()),
    }
}

/// Join a path prefix and a key.
fn sub(path: &str, key: &str) -> String {
    if path.is_empty() {
        key.to_string()
    } else {
        format!("{path}.{key}")
    }
}

/// The value of `key`, or `None` when it is absent, `null`, or text that is
/// empty or white space.
fn get<'a>(m: &'a Map<String, Value>, key: &str) -> Option<&'a Value> {
    match m.get(key) {
        None | Some(Value::Null) => None,
        Some(Value::String(s)) if s.trim().is_empty() => None,
        Some(v) => Some(v),
    }
}

/// The error for a required field that is absent or empty.
fn missing(m: &Map<String, Value>, field: &str) -> FieldIssue {
    let key = field.rsplit('.').next().unwrap_or(field);
    match m.get(key) {
        Some(Value::String(_)) => FieldIssue::at(field, Problem::RequiredEmpty),
        _ => FieldIssue::at(field, Problem::RequiredMissing),
    }
}

fn opt<T>(m: &Map<String, Value>, key: &str, f: impl FnOnce(&Value) -> R<T>) -> R<Option<T>> {
    get(m, key).map(f).transpose()
}

/// The text of a scalar, uncleaned. Numbers and booleans are accepted as
/// their JSON spelling (a certificate number written as `123`).
fn text_raw<'a>(v: &'a Value, field: &str) -> R<Cow<'a, str>> {
    match v {
        Value::String(s) => Ok(Cow::Borrowed(s)),
        Value::Number(n) => Ok(Cow::Owned(n.to_string())),
        Value::Bool(b) => Ok(Cow::Owned(b.to_string())),
        other => Err(FieldIssue::at(field, Problem::NotText(shown(other)))),
    }
}

/// One line of text, cleaned; `None` when nothing is left.
fn line(v: &Value, field: &str) -> R<Option<String>> {
    let s = clean_line(&text_raw(v, field)?);
    Ok((!s.is_empty()).then_some(s))
}

fn opt_line(m: &Map<String, Value>, key: &str, path: &str) -> R<Option<String>> {
    match get(m, key) {
        Some(v) => line(v, &sub(path, key)),
        None => Ok(None),
    }
}

fn req_text(m: &Map<String, Value>, key: &str, field: &str) -> R<String> {
    match get(m, key) {
        Some(v) => line(v, field)?.ok_or_else(|| FieldIssue::at(field, Problem::RequiredEmpty)),
        None => Err(missing(m, field)),
    }
}

/// A whole number ≥ 0 that fits in `u32`.
fn count(v: &Value, field: &str) -> R<u32> {
    let bad = || FieldIssue::at(field, Problem::NotWholeNumber(shown(v)));
    match v {
        Value::Number(n) => {
            if let Some(u) = n.as_u64() {
                u32::try_from(u).map_err(|_| FieldIssue::at(field, Problem::TooLarge(shown(v))))
            } else if n.as_i64().is_some() {
                Err(FieldIssue::at(field, Problem::Negative(shown(v))))
            } else {
                Err(bad())
            }
        }
        Value::String(s) => {
            let t = s.trim();
            if t.starts_with('-') && t[1..].chars().all(|c| c.is_ascii_digit()) && t.len() > 1 {
                return Err(FieldIssue::at(field, Problem::Negative(shown(v))));
            }
            if t.is_empty() || !t.chars().all(|c| c.is_ascii_digit()) {
                return Err(bad());
            }
            t.parse::<u32>()
                .map_err(|_| FieldIssue::at(field, Problem::TooLarge(shown(v))))
        }
        _ => Err(bad()),
    }
}

/// A calendar year between 1900 and 2100.
fn year(v: &Value, field: &str) -> R<i32> {
    let bad = || FieldIssue::at(field, Problem::NotAYear(shown(v)));
    let n: i64 = match v {
        Value::Number(n) => n.as_i64().ok_or_else(bad)?,
        Value::String(s) => {
            let t = s.trim();
            if t.is_empty() || !t.chars().all(|c| c.is_ascii_digit()) || t.len() > 6 {
                return Err(bad());
            }
            t.parse().map_err(|_| bad())?
        }
        _ => return Err(bad()),
    };
    if (1900..=2100).contains(&n) {
        Ok(n as i32)
    } else {
        Err(bad())
    }
}

/// An amount in VND: a JSON integer from 0 to [`MAX_VND`] or a text
/// [`Vnd::parse`] accepts.
fn money(v: &Value, field: &str) -> R<Vnd> {
    match v {
        Value::Number(n) => {
            if let Some(u) = n.as_u64() {
                Vnd::bounded(u)
                    .ok_or_else(|| FieldIssue::at(field, Problem::AmountTooLarge(n.to_string())))
            } else if n.as_i64().is_some() {
                Err(FieldIssue::at(
                    field,
                    Problem::AmountNegative(n.to_string()),
                ))
            } else {
                Err(FieldIssue::at(
                    field,
                    Problem::AmountDecimals(n.to_string()),
                ))
            }
        }
        Value::String(s) => {
            if s.chars().count() > 60 {
                return Err(FieldIssue::at(field, Problem::AmountNotValue(shown(v))));
            }
            Vnd::parse(s).map_err(|e| FieldIssue::at(field, Problem::Money(e)))
        }
        other => Err(FieldIssue::at(field, Problem::AmountNotValue(shown(other)))),
    }
}

fn date(v: &Value, field: &str) -> R<NaiveDate> {
    match v {
        Value::String(s) if s.chars().count() <= 60 => {
            parse_date(s).map_err(|e| FieldIssue::at(field, Problem::Date(e)))
        }
        other => Err(FieldIssue::at(field, Problem::DateNotValue(shown(other)))),
    }
}

/// `true`/`false`, `yes`/`no`, `có`/`không`, `đúng`/`sai`, `1`/`0`, `x`.
fn boolean(v: &Value, field: &str) -> R<bool> {
    let bad = || FieldIssue::at(field, Problem::NotYesNo(shown(v)));
    match v {
        Value::Bool(b) => Ok(*b),
        Value::Number(n) => match n.as_u64() {
            Some(1) => Ok(true),
            Some(0) => Ok(false),
            _ => Err(bad()),
        },
        Value::String(s) => match fold_words(s).as_str() {
            "true" | "yes" | "y" | "co" | "dung" | "1" | "x" => Ok(true),
            "false" | "no" | "n" | "khong" | "sai" | "0" => Ok(false),
            _ => Err(bad()),
        },
        _ => Err(bad()),
    }
}

fn opt_bool(m: &Map<String, Value>, key: &str, path: &str) -> R<Option<bool>> {
    get(m, key).map(|v| boolean(v, &sub(path, key))).transpose()
}

/// An object, or text holding a JSON object (a CSV cell starting with `{`).
fn object<'a>(v: &'a Value, field: &str) -> R<Cow<'a, Map<String, Value>>> {
    match v {
        Value::Object(m) => Ok(Cow::Borrowed(m)),
        Value::String(s) if s.trim_start().starts_with('{') => {
            match serde_json::from_str::<Value>(s) {
                Ok(Value::Object(m)) => {
                    let v = Value::Object(m);
                    check_sizes(&v, field)?;
                    match v {
                        Value::Object(m) => Ok(Cow::Owned(m)),
                        _ => Err(FieldIssue::at(field, Problem::NotAnObject)),
                    }
                }
                Ok(_) => Err(FieldIssue::at(field, Problem::NotAnObject)),
                Err(e) => Err(FieldIssue::at(field, Problem::CellNotJson(e.to_string()))),
            }
        }
        other => Err(FieldIssue::at(
            field,
            Problem::NotAnObjectValue(shown(other)),
        )),
    }
}

/// A list: a JSON array, text holding a JSON array (`[…]`), or — when
/// `pipes` — text with `|` between the items (`proposal|quotation`).
fn list(v: &Value, field: &str, pipes: bool) -> R<Vec<Value>> {
    match v {
        Value::Array(a) => Ok(a.clone()),
        Value::String(s) if s.trim_start().starts_with('[') => {
            match serde_json::from_str::<Value>(s) {
                Ok(Value::Array(a)) => {
                    let v = Value::Array(a);
                    check_sizes(&v, field)?;
                    match v {
                        Value::Array(a) => Ok(a),
                        _ => Err(FieldIssue::at(field, Problem::NotAList)),
                    }
                }
                Ok(_) => Err(FieldIssue::at(field, Problem::NotAList)),
                Err(e) => Err(FieldIssue::at(field, Problem::CellNotJson(e.to_string()))),
            }
        }
        Value::String(s) if pipes => Ok(s
            .split('|')
            .map(str::trim)
            .filter(|p| !p.is_empty())
            .map(|p| Value::String(p.to_string()))
            .collect()),
        Value::Object(_) if !pipes => Ok(vec![v.clone()]),
        other => Err(FieldIssue::at(
            field,
            if pipes {
                Problem::NotAListValue(shown(other))
            } else {
                Problem::NotAListJson(shown(other))
            },
        )),
    }
}

/// Match `s` loosely (case, diacritics, punctuation) against `(spelling,
/// value)` pairs.
/// A vocabulary value at `path`: its id, a label in either language, or a
/// spelling of `data/aliases.toml` for `field`.
fn vocab_field<V: Vocabulary>(v: &Value, path: &str, field: &str, sp: &Spellings) -> R<V> {
    let s = text_raw(v, path)?;
    sp.resolve(field, &s).ok_or_else(|| {
        FieldIssue::at(
            path,
            Problem::NotOneOf {
                value: show_str(&s),
                ids: V::all().iter().map(|x| x.id()).collect(),
                labels_vi: V::all().iter().map(|x| x.label(Lang::Vi)).collect(),
            },
        )
    })
}

/// Unknown keys, kept with their text cleaned (keys too).
fn extras(m: &Map<String, Value>, known: &[&str]) -> BTreeMap<String, Value> {
    m.iter()
        .filter(|(k, _)| !known.contains(&k.as_str()))
        .filter(|(_, v)| !v.is_null())
        .map(|(k, v)| (clean_line(k), clean_value(v)))
        .collect()
}

/// Clean every string inside a value (recursively; depth is bounded by the
/// parser). Line breaks in free text are kept.
fn clean_value(v: &Value) -> Value {
    match v {
        Value::String(s) => Value::String(clean_multiline(s)),
        Value::Array(a) => Value::Array(a.iter().map(clean_value).collect()),
        Value::Object(m) => Value::Object(
            m.iter()
                .map(|(k, v)| (clean_line(k), clean_value(v)))
                .collect(),
        ),
        other => other.clone(),
    }
}

// ---------------------------------------------------------------- fields

fn code(m: &Map<String, Value>) -> R<String> {
    let Some(v) = get(m, "code") else {
        return Err(missing(m, "code"));
    };
    let raw = text_raw(v, "code")?;
    let code = nfc(raw.trim());
    if code.chars().any(|c| c.is_whitespace() || needs_escape(c)) {
        return Err(FieldIssue::at(
            "code",
            Problem::CodeBadChars(show_str(&raw)),
        ));
    }
    if code.chars().count() > MAX_CODE_CHARS {
        return Err(FieldIssue::at(
            "code",
            Problem::CodeTooLong {
                value: show_str(&raw),
                max: MAX_CODE_CHARS,
            },
        ));
    }
    Ok(code)
}

fn category(m: &Map<String, Value>, aliases: &CategoryAliases) -> R<Category> {
    let Some(v) = get(m, "category") else {
        return Err(missing(m, "category"));
    };
    let s = clean_line(&text_raw(v, "category")?);
    aliases.resolve(&s).ok_or_else(|| {
        FieldIssue::at(
            "category",
            Problem::UnknownCategory {
                value: show_str(&s),
                ids: Category::ALL.iter().map(|c| c.id()).collect(),
                labels_vi: Category::ALL.iter().map(|c| c.label(Lang::Vi)).collect(),
            },
        )
    })
}

fn project_type(v: &Value, sp: &Spellings) -> R<ProjectType> {
    vocab_field(v, "project_type", "project_type", sp)
}

fn priority_area(v: &Value, sp: &Spellings) -> R<PriorityArea> {
    vocab_field(v, "priority_area", "priority_area", sp)
}

fn budget(v: &Value) -> R<Budget> {
    let m = object(v, "budget")?;
    let national_vnd = match get(&m, "national_vnd") {
        Some(v) => money(v, "budget.national_vnd")?,
        None => return Err(missing(&m, "budget.national_vnd")),
    };
    Ok(Budget {
        total_vnd: opt(&m, "total_vnd", |v| money(v, "budget.total_vnd"))?,
        national_vnd,
        local_vnd: opt(&m, "local_vnd", |v| money(v, "budget.local_vnd"))?,
        counterpart_vnd: opt(&m, "counterpart_vnd", |v| {
            money(v, "budget.counterpart_vnd")
        })?,
    })
}

fn cert_level(v: &Value, field: &str, sp: &Spellings) -> R<CertLevel> {
    vocab_field(v, field, "certificate_level", sp)
}

fn doc_kind(s: &str, sp: &Spellings) -> Option<DocKind> {
    if let Some(k) = DocKind::from_id(s.trim()) {
        return Some(k);
    }
    sp.resolve(DOCUMENT_KIND, s)
}

/// The field name of document kinds in `data/aliases.toml`.
const DOCUMENT_KIND: &str = "document_kind";

fn documents(v: &Value, warnings: &mut Vec<FieldIssue>, sp: &Spellings) -> R<Vec<Document>> {
    let items = list(v, "documents", true)?;
    let mut out = Vec::with_capacity(items.len());
    for (i, item) in items.iter().enumerate() {
        let path = format!("documents[{i}]");
        let kind_path = format!("{path}.kind");
        let (kind_value, m) = match item {
            Value::String(_) => (item, None),
            Value::Object(m) => match get(m, "kind") {
                Some(k) => (k, Some(m)),
                None => return Err(missing(m, &kind_path)),
            },
            Value::Null => continue,
            other => {
                return Err(FieldIssue::at(&path, Problem::NotADocument(shown(other))));
            }
        };
        let written = clean_line(&text_raw(kind_value, &kind_path)?);
        if written.is_empty() {
            return Err(FieldIssue::at(&kind_path, Problem::RequiredEmpty));
        }
        let mut doc = match doc_kind(&written, sp) {
            Some(kind) => Document::of_kind(kind),
            None => {
                warnings.push(FieldIssue::at(
                    &kind_path,
                    Problem::UnknownDocKind(show_str(&written)),
                ));
                Document {
                    original_kind: Some(written),
                    ..Document::of_kind(DocKind::Other)
                }
            }
        };
        if let Some(m) = m {
            doc.title = opt_line(m, "title", &path)?;
            doc.pages = opt(m, "pages", |v| count(v, &sub(&path, "pages")))?;
            doc.level = opt(m, "level", |v| cert_level(v, &sub(&path, "level"), sp))?;
            doc.valid_until = opt(m, "valid_until", |v| date(v, &sub(&path, "valid_until")))?;
        }
        out.push(doc);
    }
    Ok(out)
}

fn equipment_at(v: &Value, field: &str) -> R<Vec<Equipment>> {
    let items = list(v, field, false)?;
    let mut out = Vec::with_capacity(items.len());
    for (i, item) in items.iter().enumerate() {
        let path = format!("{field}[{i}]");
        let m = object(item, &path)?;
        out.push(Equipment {
            name: opt_line(&m, "name", &path)?,
            quantity: opt(&m, "quantity", |v| count(v, &sub(&path, "quantity")))?,
            unit_price_vnd: opt(&m, "unit_price_vnd", |v| {
                money(v, &sub(&path, "unit_price_vnd"))
            })?,
            year: opt(&m, "year", |v| year(v, &sub(&path, "year")))?,
            origin: opt_line(&m, "origin", &path)?,
        });
    }
    Ok(out)
}

fn details(v: &Value, sp: &Spellings) -> R<Details> {
    let m = object(v, "details")?;
    let p = "details";
    let subtype = match get(&m, "subtype") {
        Some(v) => Some(vocab_field::<PollutionSubtype>(
            v,
            "details.subtype",
            "pollution_subtype",
            sp,
        )?),
        None => None,
    };
    let model_kind = match get(&m, "model_kind") {
        Some(v) => Some(vocab_field::<ModelKind>(
            v,
            "details.model_kind",
            "model_kind",
            sp,
        )?),
        None => None,
    };
    let cluster = match get(&m, "cluster") {
        Some(v) => {
            let c = object(v, "details.cluster")?;
            let cp = "details.cluster";
            Some(Cluster {
                name: opt_line(&c, "name", cp)?,
                legal_complete: opt_bool(&c, "legal_complete", cp)?,
                investor: opt_line(&c, "investor", cp)?,
                expected_completion: opt(&c, "expected_completion", |v| {
                    date(v, "details.cluster.expected_completion")
                })?,
            })
        }
        None => None,
    };
    let certificate = match get(&m, "certificate") {
        Some(v) => {
            let c = object(v, "details.certificate")?;
            let cp = "details.certificate";
            Some(Certificate {
                level: opt(&c, "level", |v| {
                    cert_level(v, "details.certificate.level", sp)
                })?,
                number: opt_line(&c, "number", cp)?,
                issued_on: opt(&c, "issued_on", |v| {
                    date(v, "details.certificate.issued_on")
                })?,
                valid_until: opt(&c, "valid_until", |v| {
                    date(v, "details.certificate.valid_until")
                })?,
            })
        }
        None => None,
    };
    let topics = match get(&m, "topics") {
        Some(v) => {
            let items = list(v, "details.topics", true)?;
            let mut out = Vec::with_capacity(items.len());
            for (i, item) in items.iter().enumerate() {
                if let Some(t) = line(item, &format!("details.topics[{i}]"))? {
                    out.push(t);
                }
            }
            out
        }
        None => Vec::new(),
    };
    Ok(Details {
        equipment: match get(&m, "equipment") {
            Some(v) => equipment_at(v, "details.equipment")?,
            None => Vec::new(),
        },
        technology_line: opt_bool(&m, "technology_line", p)?,
        cleaner_production: opt_bool(&m, "cleaner_production", p)?,
        energy_saving: opt_bool(&m, "energy_saving", p)?,
        technology: opt_line(&m, "technology", p)?,
        new_in_district: opt_bool(&m, "new_in_district", p)?,
        sector: opt_line(&m, "sector", p)?,
        model_kind,
        subtype,
        cluster,
        product: opt_line(&m, "product", p)?,
        certificate,
        trainees: opt(&m, "trainees", |v| count(v, "details.trainees"))?,
        occupation: opt_line(&m, "occupation", p)?,
        traditional_craft: opt_bool(&m, "traditional_craft", p)?,
        topics,
        digital_transformation: opt_bool(&m, "digital_transformation", p)?,
        extra: extras(&m, DETAIL_KEYS),
    })
}

#[cfg(test)]
mod tests;
