//! The header-alias table of `data/headers.toml`: which column header stands
//! for which field of a dossier, matched without case, diacritics or
//! punctuation, once the unit of money written in the header is taken out.

use crate::domain::rules::{RulesError, line_of};
use crate::domain::text::{clean_line, fold_words};
use serde::Deserialize;
use std::collections::{BTreeMap, HashMap};
use std::path::Path;
use toml::Spanned;

/// The file name of the table, in `data/` or an official's data folder.
pub const HEADERS_FILE: &str = "headers.toml";

/// The bundled copy.
pub const BUNDLED_HEADERS: &str = include_str!("../../../data/headers.toml");

/// Is `id` a field a column may fill: a dotted column of
/// `dossier-format.md` that the converter reads (its keys, not a copy)?
pub fn is_field(id: &str) -> bool {
    use crate::import::convert::{DETAIL_KEYS, TOP_KEYS};
    let segs: Vec<&str> = id.split('.').collect();
    match segs[..] {
        [top] => TOP_KEYS.contains(&top) && !matches!(top, "beneficiary" | "budget" | "details"),
        ["beneficiary", k] => ["name", "kind", "district", "commune", "workers"].contains(&k),
        ["budget", k] => ["total_vnd", "national_vnd", "local_vnd", "counterpart_vnd"].contains(&k),
        ["details", k] => DETAIL_KEYS.contains(&k) && !matches!(k, "cluster" | "certificate"),
        ["details", "cluster", k] => {
            ["name", "legal_complete", "investor", "expected_completion"].contains(&k)
        }
        ["details", "certificate", k] => {
            ["level", "number", "issued_on", "valid_until"].contains(&k)
        }
        _ => false,
    }
}

/// What a column is for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Target {
    /// A field, by its dotted path (`budget.national_vnd`), or an unknown
    /// English column kept as written.
    Field(Vec<String>),
    /// `Thời gian thực hiện`: split into `start` and `end`.
    Period,
    /// A column never read (STT).
    Skip,
}

impl Target {
    fn parse(id: &str) -> Target {
        match id {
            "period" => Target::Period,
            "skip" => Target::Skip,
            _ => Target::Field(id.split('.').map(str::to_string).collect()),
        }
    }
}

/// A unit of money written in a header: amounts in the column are
/// multiplied by it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unit {
    Dong,
    Thousand,
    Million,
}

impl Unit {
    /// đồng per unit.
    pub fn factor(self) -> i64 {
        match self {
            Unit::Dong => 1,
            Unit::Thousand => 1_000,
            Unit::Million => 1_000_000,
        }
    }

    /// As a header says it.
    pub fn label(self) -> &'static str {
        match self {
            Unit::Dong => "đồng",
            Unit::Thousand => "nghìn đồng",
            Unit::Million => "triệu đồng",
        }
    }
}

/// The ways a unit is written, as folded words, longest first so that
/// `triệu đồng` wins over `đồng`.
const UNIT_WORDS: &[(&str, Unit)] = &[
    ("trieu dong", Unit::Million),
    ("trieu vnd", Unit::Million),
    ("tr dong", Unit::Million),
    ("tr d", Unit::Million),
    ("trd", Unit::Million),
    ("trieu", Unit::Million),
    ("tr", Unit::Million),
    ("nghin dong", Unit::Thousand),
    ("ngan dong", Unit::Thousand),
    ("nghin vnd", Unit::Thousand),
    ("1 000 dong", Unit::Thousand),
    ("1 000 d", Unit::Thousand),
    ("1000 dong", Unit::Thousand),
    ("1000 d", Unit::Thousand),
    ("1 000d", Unit::Thousand),
    ("1000d", Unit::Thousand),
    ("nghin", Unit::Thousand),
    ("ngan", Unit::Thousand),
    ("dong", Unit::Dong),
    ("vnd", Unit::Dong),
    ("d", Unit::Dong),
];

/// Words that announce a unit (`ĐVT: triệu đồng`, `Đơn vị tính: 1.000 đ`).
const UNIT_LEADS: &[&str] = &["don vi tinh", "don vi", "dvt"];

/// `words` (folded) if it is only a unit, perhaps announced (`dvt trieu
/// dong`).
fn unit_only(words: &str) -> Option<Unit> {
    let mut w = words.trim();
    for lead in UNIT_LEADS {
        if let Some(rest) = w.strip_prefix(lead) {
            w = rest.trim_start();
            break;
        }
    }
    UNIT_WORDS
        .iter()
        .find(|(spelling, _)| *spelling == w)
        .map(|&(_, u)| u)
}

/// A header split into its name (folded words) and the unit of money it
/// states, if any: `Kinh phí KCQG (triệu đồng)` → (`kinh phi kcqg`,
/// million); `Tổng kinh phí, tr.đ` → (`tong kinh phi`, million).
pub fn split_unit(header: &str) -> (String, Option<Unit>) {
    // A unit in brackets, anywhere.
    let mut name = String::with_capacity(header.len());
    let mut unit = None;
    let mut rest = header;
    while let Some(open) = rest.find(['(', '[']) {
        let close_char = if rest[open..].starts_with('(') {
            ')'
        } else {
            ']'
        };
        let Some(len) = rest[open..].find(close_char) else {
            break;
        };
        let inner = &rest[open + 1..open + len];
        name.push_str(&rest[..open]);
        match unit_only(&fold_words(inner)) {
            Some(u) if unit.is_none() => unit = Some(u),
            Some(_) => {}
            None => {
                name.push(' ');
                name.push_str(inner);
            }
        }
        name.push(' ');
        rest = &rest[open + len + 1..];
    }
    name.push_str(rest);
    let mut words = fold_words(&name);
    if unit.is_none() {
        // A unit at the end, after a comma, a dash or a colon: the words
        // themselves say where it starts (`tong kinh phi trieu dong`), but
        // a name that is only a unit (`Đồng`) keeps its name.
        for (spelling, u) in UNIT_WORDS {
            for lead in UNIT_LEADS
                .iter()
                .map(|l| format!(" {l} {spelling}"))
                .chain([format!(" {spelling}")])
            {
                if let Some(stripped) = words.strip_suffix(lead.as_str())
                    && !stripped.is_empty()
                    && (spelling.len() > 1 || header_has_separator(header))
                {
                    unit = Some(*u);
                    words = stripped.to_string();
                    break;
                }
            }
            if unit.is_some() {
                break;
            }
        }
    }
    (words, unit)
}

/// A single-letter unit (`đ`) is only taken after a separator (`Tổng
/// kinh phí, đ`), never from a word of the name.
fn header_has_separator(header: &str) -> bool {
    header.contains([',', '-', ':', '/', '–'])
}

/// A unit stated in a title row above the header (`ĐVT: triệu đồng`,
/// `Đơn vị tính: 1.000 đồng`): it applies to amount columns whose header
/// states none.
pub fn sheet_unit(text: &str) -> Option<Unit> {
    let words = fold_words(text);
    for lead in UNIT_LEADS {
        if let Some(at) = words.find(lead) {
            let after = words[at + lead.len()..].trim_start();
            // The longest unit spelling the words after the lead begin with.
            return UNIT_WORDS
                .iter()
                .find(|(spelling, _)| {
                    after == *spelling
                        || after
                            .strip_prefix(spelling)
                            .is_some_and(|r| r.starts_with(' '))
                })
                .map(|&(_, u)| u);
        }
    }
    None
}

/// The table, ready for matching.
#[derive(Debug, Clone)]
pub struct HeaderTable {
    /// Folded header name → target.
    columns: HashMap<String, Target>,
    /// Folded sub-header name (under a merged header) → target.
    parts: HashMap<String, Target>,
    /// Folded subtotal words.
    pub subtotal: Vec<String>,
    /// Per field id, the header the template writes (the first spelling).
    display: BTreeMap<String, String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawTable {
    columns: BTreeMap<Spanned<String>, Vec<Spanned<String>>>,
    #[serde(default)]
    kept: BTreeMap<Spanned<String>, Vec<Spanned<String>>>,
    #[serde(default)]
    parts: BTreeMap<Spanned<String>, Vec<Spanned<String>>>,
    #[serde(default)]
    rows: RawRows,
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct RawRows {
    #[serde(default)]
    subtotal: Vec<Spanned<String>>,
}

fn valid_key(id: &str) -> bool {
    !id.is_empty()
        && id
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_')
}

impl HeaderTable {
    /// The bundled table.
    pub fn bundled() -> HeaderTable {
        static BUNDLED: std::sync::OnceLock<HeaderTable> = std::sync::OnceLock::new();
        BUNDLED
            .get_or_init(|| {
                match HeaderTable::parse(&format!("data/{HEADERS_FILE}"), BUNDLED_HEADERS) {
                    Ok(t) => t,
                    // Tested to load: a failure here is a build defect.
                    Err(e) => panic!("the bundled header table is invalid: {e}"),
                }
            })
            .clone()
    }

    /// The table of the data folder `dir` when it has one, else the bundled
    /// one. Errors name the file and the line.
    pub fn load(dir: Option<&Path>) -> Result<HeaderTable, RulesError> {
        match dir.map(|d| d.join(HEADERS_FILE)).filter(|p| p.exists()) {
            None => Ok(HeaderTable::bundled()),
            Some(path) => {
                let (shown, text) = crate::data_files::read(&path)?;
                HeaderTable::parse(&shown, &text)
            }
        }
    }

    /// Parse and check a table: every target a field of the dossier (or
    /// `period`, `skip`), every spelling non-empty and belonging to one
    /// target only.
    pub fn parse(file: &str, text: &str) -> Result<HeaderTable, RulesError> {
        let err = |offset: Option<usize>, message: String| RulesError {
            file: file.to_string(),
            line: offset.map(|o| line_of(text, o)),
            message,
        };
        let raw: RawTable = toml::from_str(text).map_err(|e| {
            let msg = e.message().trim().replace('\n', " ");
            err(e.span().map(|s| s.start), msg)
        })?;
        let mut table = HeaderTable {
            columns: HashMap::new(),
            parts: HashMap::new(),
            subtotal: Vec::new(),
            display: BTreeMap::new(),
        };
        // Folded spelling → (target id, line) of each table, for duplicates.
        let add = |map: &mut HashMap<String, Target>,
                   seen: &mut HashMap<String, (String, usize)>,
                   id: &Spanned<String>,
                   spellings: &[Spanned<String>],
                   target: Target|
         -> Result<(), RulesError> {
            if spellings.is_empty() {
                return Err(err(
                    Some(id.span().start),
                    format!("{}: no header listed", id.get_ref()),
                ));
            }
            for s in spellings {
                let key = split_unit(&clean_line(s.get_ref())).0;
                if key.is_empty() {
                    return Err(err(
                        Some(s.span().start),
                        format!("{}: empty header", id.get_ref()),
                    ));
                }
                let here = line_of(text, s.span().start);
                // The same spelling twice for one field is harmless.
                if let Some((other, line)) = seen.get(&key).filter(|(o, _)| o != id.get_ref()) {
                    return Err(err(
                        Some(s.span().start),
                        format!(
                            "duplicate header {:?}: already listed for {other} (line {line})",
                            s.get_ref()
                        ),
                    ));
                }
                seen.insert(key.clone(), (id.get_ref().clone(), here));
                map.insert(key, target.clone());
            }
            Ok(())
        };
        let mut seen = HashMap::new();
        for (id, spellings) in &raw.columns {
            let name = id.get_ref().as_str();
            if !is_field(name) && name != "period" && name != "skip" {
                return Err(err(
                    Some(id.span().start),
                    format!(
                        "unknown field {name:?} (a column of dossier-format.md, `period` or `skip`; \
                         other columns go under [kept])"
                    ),
                ));
            }
            add(
                &mut table.columns,
                &mut seen,
                id,
                spellings,
                Target::parse(name),
            )?;
            if let Some(first) = spellings.first() {
                table
                    .display
                    .insert(name.to_string(), clean_line(first.get_ref()));
            }
        }
        for (id, spellings) in &raw.kept {
            let name = id.get_ref().as_str();
            let top = crate::import::convert::TOP_KEYS.contains(&name);
            if !valid_key(name) || top || name == "period" || name == "skip" {
                return Err(err(
                    Some(id.span().start),
                    format!(
                        "[kept] {name:?}: a key in lower case, digits and _ that is not a field of the dossier"
                    ),
                ));
            }
            add(
                &mut table.columns,
                &mut seen,
                id,
                spellings,
                Target::Field(vec![name.to_string()]),
            )?;
        }
        let mut seen_parts = HashMap::new();
        for (id, spellings) in &raw.parts {
            let name = id.get_ref().as_str();
            if !is_field(name) {
                return Err(err(
                    Some(id.span().start),
                    format!("[parts] unknown field {name:?}"),
                ));
            }
            add(
                &mut table.parts,
                &mut seen_parts,
                id,
                spellings,
                Target::parse(name),
            )?;
        }
        for s in &raw.rows.subtotal {
            let key = fold_words(s.get_ref());
            if key.is_empty() {
                return Err(err(
                    Some(s.span().start),
                    "rows.subtotal: empty entry".to_string(),
                ));
            }
            table.subtotal.push(key);
        }
        // Longest first: `tong cong` is tried before `tong`.
        table.subtotal.sort_by_key(|s| std::cmp::Reverse(s.len()));
        Ok(table)
    }

    /// The target of a header as written, and the unit it states. An
    /// English dotted column (`budget.national_vnd`) is taken as it is,
    /// known or not (unknown ones are kept, as in CSV).
    pub fn lookup(&self, header: &str) -> Option<(Target, Option<Unit>)> {
        let trimmed = header.trim();
        if is_dotted_id(trimmed) {
            return Some((Target::parse(trimmed), None));
        }
        let (key, unit) = split_unit(trimmed);
        self.columns.get(&key).map(|t| (t.clone(), unit))
    }

    /// The target of a sub-header under a merged header (`Tổng số` under
    /// `Kinh phí (triệu đồng)`): the parent and child together, the child
    /// alone, or the child in `[parts]`.
    pub fn lookup_part(&self, parent: &str, child: &str) -> Option<(Target, Option<Unit>)> {
        let (pkey, punit) = split_unit(parent);
        let (ckey, cunit) = split_unit(child);
        let unit = cunit.or(punit);
        let both = format!("{pkey} {ckey}");
        if let Some(t) = self.columns.get(&both) {
            return Some((t.clone(), unit));
        }
        if is_dotted_id(child.trim()) {
            return Some((Target::parse(child.trim()), None));
        }
        self.columns
            .get(&ckey)
            .or_else(|| self.parts.get(&ckey))
            .map(|t| (t.clone(), unit))
    }

    /// The header the template writes for a field id.
    pub fn display(&self, id: &str) -> Option<&str> {
        self.display.get(id).map(String::as_str)
    }

    /// Does a cell's text begin a subtotal row (`Tổng cộng`, `Cộng:`)?
    pub fn is_subtotal(&self, text: &str) -> bool {
        let words = fold_words(text);
        self.subtotal.iter().any(|s| {
            words == *s
                || words
                    .strip_prefix(s.as_str())
                    .is_some_and(|r| r.starts_with(' ') && r.split(' ').count() <= 4)
        })
    }
}

/// `budget.national_vnd`, `code`: lower-case ASCII words joined by dots.
pub fn is_dotted_id(s: &str) -> bool {
    !s.is_empty() && s.split('.').all(valid_key) && s.bytes().any(|b| b.is_ascii_lowercase())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_bundled_table_loads() {
        let t = HeaderTable::bundled();
        assert_eq!(t.display("budget.national_vnd"), Some("Kinh phí KCQG"));
    }

    #[test]
    fn units_are_read_from_headers() {
        assert_eq!(
            split_unit("Kinh phí KCQG (triệu đồng)"),
            ("kinh phi kcqg".into(), Some(Unit::Million))
        );
        assert_eq!(
            split_unit("Tổng kinh phí, tr.đ"),
            ("tong kinh phi".into(), Some(Unit::Million))
        );
        assert_eq!(
            split_unit("Đối ứng (1.000 đ)"),
            ("doi ung".into(), Some(Unit::Thousand))
        );
        assert_eq!(
            split_unit("Kinh phí địa phương (nghìn đồng)"),
            ("kinh phi dia phuong".into(), Some(Unit::Thousand))
        );
        assert_eq!(
            split_unit("Tổng kinh phí (đồng)"),
            ("tong kinh phi".into(), Some(Unit::Dong))
        );
        assert_eq!(split_unit("Tên đề án"), ("ten de an".into(), None));
        assert_eq!(
            split_unit("Tên đề án (ghi rõ)"),
            ("ten de an ghi ro".into(), None)
        );
        assert_eq!(sheet_unit("ĐVT: triệu đồng"), Some(Unit::Million));
        assert_eq!(sheet_unit("Đơn vị tính: 1.000 đồng"), Some(Unit::Thousand));
        assert_eq!(sheet_unit("Biểu số 1"), None);
    }

    #[test]
    fn headers_match_without_case_diacritics_or_punctuation() {
        let t = HeaderTable::bundled();
        let field = |h: &str| match t.lookup(h) {
            Some((Target::Field(p), u)) => Some((p.join("."), u)),
            _ => None,
        };
        assert_eq!(
            field("KINH PHI KCQG (Tr.đ)"),
            Some(("budget.national_vnd".into(), Some(Unit::Million)))
        );
        assert_eq!(field("Mã đề án"), Some(("code".into(), None)));
        assert_eq!(field(" ma de an "), Some(("code".into(), None)));
        assert_eq!(
            field("budget.national_vnd"),
            Some(("budget.national_vnd".into(), None))
        );
        assert_eq!(field("Địa điểm"), Some(("location".into(), None)));
        assert_eq!(t.lookup("STT").map(|x| x.0), Some(Target::Skip));
        assert_eq!(
            t.lookup("Thời gian thực hiện").map(|x| x.0),
            Some(Target::Period)
        );
        assert!(t.lookup("Chữ ký").is_none());
        assert!(
            matches!(t.lookup_part("Kinh phí (triệu đồng)", "Tổng số"), Some((Target::Field(p), Some(Unit::Million))) if p.join(".") == "budget.total_vnd")
        );
        assert!(t.is_subtotal("Tổng cộng"));
        assert!(t.is_subtotal("Cộng:"));
        assert!(t.is_subtotal("Cộng I"));
        assert!(!t.is_subtotal("Cộng đồng dân tộc thiểu số vùng cao phía bắc"));
    }

    #[test]
    fn errors_name_the_file_and_line() {
        let e = HeaderTable::parse("h.toml", "[columns]\ncode = [\"Mã\"]\ntitel = [\"Tên\"]\n")
            .unwrap_err();
        assert_eq!(e.line, Some(3));
        assert!(
            e.to_string()
                .starts_with("h.toml:3: unknown field \"titel\""),
            "{e}"
        );
        let e = HeaderTable::parse(
            "h.toml",
            "[columns]\ncode = [\"Mã đề án\"]\ntitle = [\"MA DE AN\"]\n",
        )
        .unwrap_err();
        assert_eq!(e.line, Some(3), "{e}");
        assert!(e.message.contains("already listed for code"), "{e}");
        let e = HeaderTable::parse("h.toml", "[columns]\ncode = \"Mã\"\n").unwrap_err();
        assert_eq!(e.line, Some(2), "{e}");
        let e = HeaderTable::parse("h.toml", "[kept]\ntitle = [\"x\"]\n[columns]\n").unwrap_err();
        assert!(e.message.contains("[kept]"), "{e}");
    }
}
