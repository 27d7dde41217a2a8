//! A sheet below its header, row by row: the header found (over one row
//! or two), each column's field and unit, and every row told apart —
//! blank, numbering, subtotal, section, a note, or a dossier read through
//! the converter with its messages located at their cells.

use super::cells::{self, Kind};
use super::headers::{self, HeaderTable, Target, Unit};
use super::{HEADER_SEARCH_ROWS, MIN_HEADER_MATCHES, SheetOptions, col_name, period};
use crate::domain::category::CategoryAliases;
use crate::domain::text::{clean_line, fold_words};
use crate::import::{CellRef, Item, Location, RecordWarning};
use calamine::{Data, Range};
use serde_json::{Map, Value};
use std::collections::{HashSet, VecDeque};

/// One column of a sheet and what it is read as.
#[derive(Debug, Clone)]
struct Column {
    /// Absolute 0-based column.
    col: u32,
    target: Target,
    kind: Kind,
}

/// A sheet being read, row by row below its header.
pub(super) struct SheetRows {
    name: String,
    position: usize,
    range: Range<Data>,
    /// Cells holding the value of a merged cell above them.
    from_above: HashSet<(u32, u32)>,
    columns: Vec<Column>,
    /// Next absolute row to read, and the last one.
    next: u32,
    first: u32,
    last: u32,
    has_code: bool,
    has_start: bool,
    has_end: bool,
    /// The category of the section being read (`I. Mô hình trình diễn`).
    category: Option<&'static str>,
    /// Codes made for rows without one (first, last, count).
    made: Option<(String, String, usize)>,
    /// Rows with too few values to be a dossier.
    passed_over: Vec<u32>,
    /// Notes about the header (columns read twice).
    header_notes: Vec<crate::import::Problem>,
}

/// The text of a cell as a person reads it (empty when there is none).
fn cell_text(range: &Range<Data>, r: u32, c: u32) -> String {
    range
        .get_value((r, c))
        .map(cells::text_of)
        .unwrap_or_default()
}

fn is_number(d: &Data) -> bool {
    matches!(d, Data::Int(_) | Data::Float(_) | Data::DateTime(_))
}

impl SheetRows {
    pub(super) fn new(
        name: String,
        position: usize,
        range: Range<Data>,
        from_above: HashSet<(u32, u32)>,
        table: &HeaderTable,
    ) -> Option<SheetRows> {
        let (start, end) = (range.start()?, range.end()?);
        let (c0, c1) = (start.1, end.1);
        // The header: the row among the first ones where most cells are
        // known headers.
        let mut best: Option<(u32, usize)> = None;
        for r in start.0..=end.0.min(start.0.saturating_add(HEADER_SEARCH_ROWS)) {
            let matches = (c0..=c1)
                .filter(|&c| {
                    let t = cell_text(&range, r, c);
                    !t.is_empty() && table.lookup(&t).is_some()
                })
                .count();
            if matches >= MIN_HEADER_MATCHES && best.is_none_or(|(_, m)| matches > m) {
                best = Some((r, matches));
            }
        }
        let (mut h, _) = best?;
        // A header over two rows (merged cells over their parts, or the
        // English ids under the Vietnamese headers): the top row, when it
        // is a header too and stands over a cell in every column.
        while h > start.0 {
            let above = h - 1;
            let known = (c0..=c1)
                .filter(|&c| table.lookup(&cell_text(&range, above, c)).is_some())
                .count();
            let covers = (c0..=c1).all(|c| {
                cell_text(&range, above, c).is_empty() || !cell_text(&range, h, c).is_empty()
            });
            if known >= MIN_HEADER_MATCHES && covers {
                h = above;
            } else {
                break;
            }
        }
        // A unit said above the header (`ĐVT: triệu đồng`).
        let mut sheet_unit = None;
        'above: for r in start.0..h {
            for c in c0..=c1 {
                if let Some(u) = headers::sheet_unit(&cell_text(&range, r, c)) {
                    sheet_unit = Some(u);
                    break 'above;
                }
            }
        }
        let mut targets: Vec<Option<(Target, Option<Unit>)>> = (c0..=c1)
            .map(|c| {
                let t = cell_text(&range, h, c);
                if t.is_empty() {
                    None
                } else {
                    Some(table.lookup(&t).unwrap_or_else(|| {
                        // An unknown column is kept under its header.
                        (Target::Field(vec![clean_line(&t)]), None)
                    }))
                }
            })
            .collect();
        let mut data_start = h + 1;
        // A second header row: the English ids (the template), or the
        // parts under a merged header (`Tổng số | KCQG | …`).
        if data_start <= end.0 {
            let below: Vec<(u32, Data)> = (c0..=c1)
                .filter_map(|c| {
                    range
                        .get_value((data_start, c))
                        .filter(|d| **d != Data::Empty)
                        .map(|d| (c, d.clone()))
                })
                .collect();
            let texts: Vec<(u32, String)> =
                below.iter().map(|(c, d)| (*c, cells::text_of(d))).collect();
            let ids = texts
                .iter()
                .filter(|(_, t)| headers::is_dotted_id(t))
                .count();
            if ids >= 2 && ids == texts.len() {
                for (c, t) in &texts {
                    targets[(c - c0) as usize] = table.lookup(t);
                }
                data_start += 1;
            } else if !below.is_empty() && below.iter().all(|(_, d)| !is_number(d)) {
                let mut parts = Vec::new();
                let mut all_fit = true;
                for (c, t) in &texts {
                    let parent = cell_text(&range, h, *c);
                    if *t == parent {
                        continue;
                    }
                    match table.lookup_part(&parent, t) {
                        Some(found) => parts.push((*c, found)),
                        None => all_fit = false,
                    }
                }
                if all_fit && !parts.is_empty() {
                    for (c, found) in parts {
                        targets[(c - c0) as usize] = Some(found);
                    }
                    data_start += 1;
                }
            }
        }
        let mut columns: Vec<Column> = Vec::new();
        let mut header_notes = Vec::new();
        for (i, t) in targets.into_iter().enumerate() {
            let Some((target, unit)) = t else { continue };
            let col = c0 + i as u32;
            if let Target::Field(path) = &target {
                // A column whose field another column already gives (or
                // that conflicts with one: `budget` and `budget.total_vnd`)
                // is not read.
                let clash = columns.iter().find(|other| match &other.target {
                    Target::Field(p) => {
                        p.starts_with(path.as_slice()) || path.starts_with(p.as_slice())
                    }
                    _ => false,
                });
                if let Some(other) = clash {
                    header_notes.push(crate::import::Problem::ColumnRepeats {
                        col: col_name(col),
                        header: clean_line(&cell_text(&range, h, col)),
                        field: path.join("."),
                        other: col_name(other.col),
                    });
                    continue;
                }
            }
            let kind = match &target {
                Target::Field(p) => Kind::of(p, unit.or(sheet_unit).unwrap_or(Unit::Dong)),
                _ => Kind::Other,
            };
            columns.push(Column { col, target, kind });
        }
        let field = |id: &str| {
            columns
                .iter()
                .any(|c| matches!(&c.target, Target::Field(p) if p.join(".") == id))
        };
        let (has_code, has_start, has_end) = (field("code"), field("start"), field("end"));
        let mut rows = SheetRows {
            name,
            position,
            first: data_start,
            next: data_start,
            last: end.0,
            has_code,
            has_start,
            has_end,
            category: None,
            made: None,
            passed_over: Vec::new(),
            header_notes,
            columns,
            range,
            from_above,
        };
        rows.skip_numbering_row();
        Some(rows)
    }

    pub(super) fn done_share(&self) -> f64 {
        let total = (self.last + 1).saturating_sub(self.first).max(1);
        f64::from(self.next.saturating_sub(self.first)) / f64::from(total)
    }

    /// `(1) (2) (3) …` or `1 2 3 …` right under the header: the columns'
    /// numbers, as official forms have them.
    fn skip_numbering_row(&mut self) {
        if self.next > self.last {
            return;
        }
        let texts: Vec<String> = self
            .columns
            .iter()
            .map(|c| cell_text(&self.range, self.next, c.col))
            .filter(|t| !t.is_empty())
            .collect();
        let marker = |t: &str| {
            let t = t.trim_start_matches('(').trim_end_matches(')');
            !t.is_empty()
                && t.len() <= 3
                && (t.bytes().all(|b| b.is_ascii_digit())
                    || (t.len() == 1 && t.bytes().all(|b| b.is_ascii_uppercase())))
        };
        if texts.len() >= 3 && texts.iter().all(|t| marker(t)) {
            self.next += 1;
        }
    }

    fn location(&self, file: &str, row: Option<u32>, col: Option<u32>) -> Location {
        Location {
            file: file.to_string(),
            line: None,
            index: None,
            cell: Some(CellRef {
                sheet: self.name.clone(),
                row: row.map(|r| r + 1),
                col,
            }),
        }
    }

    /// The column a message about `field` names: the column of the field
    /// or of the object holding it (`documents[2].kind` → `documents`).
    fn column_of(&self, field: &str) -> Option<u32> {
        let mut path: Vec<&str> = Vec::new();
        for seg in field.split('.') {
            let seg = seg.split('[').next().unwrap_or(seg);
            path.push(seg);
        }
        let mut best: Option<(usize, u32)> = None;
        for c in &self.columns {
            let len = match &c.target {
                Target::Field(p) => {
                    let n = p.len().min(path.len());
                    if p.iter().zip(&path).take(n).all(|(a, b)| a == b) {
                        n
                    } else {
                        continue;
                    }
                }
                Target::Period if matches!(path[..], ["start"] | ["end"]) => 1,
                _ => continue,
            };
            if best.is_none_or(|(l, _)| len > l) {
                best = Some((len, c.col));
            }
        }
        best.map(|(_, c)| c)
    }

    pub(super) fn next_item(
        &mut self,
        file: &str,
        aliases: &CategoryAliases,
        options: &SheetOptions,
        pending: &mut VecDeque<Item>,
    ) -> Option<Item> {
        if !self.header_notes.is_empty() {
            let loc = self.location(file, None, None);
            return Some(Item::Warning(RecordWarning {
                location: loc,
                field: None,
                problem: self.header_notes.remove(0),
            }));
        }
        while self.next <= self.last {
            let r = self.next;
            self.next += 1;
            match self.classify(r, &options.headers, aliases) {
                RowKind::Blank | RowKind::Subtotal => continue,
                RowKind::Section(category) => {
                    self.category = category;
                    continue;
                }
                RowKind::TooFew => {
                    self.passed_over.push(r + 1);
                    continue;
                }
                RowKind::Dossier => return Some(self.record(file, r, aliases, pending)),
            }
        }
        None
    }

    /// What a row is, from its cells.
    fn classify(&self, r: u32, table: &HeaderTable, aliases: &CategoryAliases) -> RowKind {
        let mut texts: Vec<String> = Vec::new();
        let mut values = 0usize;
        let mut numbers = 0usize;
        for c in &self.columns {
            let Some(d) = self.range.get_value((r, c.col)) else {
                continue;
            };
            let t = cells::text_of(d);
            if t.is_empty() || self.from_above.contains(&(r, c.col)) {
                continue;
            }
            if is_number(d) {
                numbers += 1;
            } else if !texts.contains(&t) {
                texts.push(t);
            }
            if c.target != Target::Skip {
                values += 1;
            }
        }
        if texts.is_empty() && numbers == 0 {
            return RowKind::Blank;
        }
        if let Some(first) = texts.first() {
            if texts.len() <= 2 && table.is_subtotal(first) {
                return RowKind::Subtotal;
            }
            if let Some(section) = section(&texts, aliases) {
                return RowKind::Section(section);
            }
        }
        if values < MIN_HEADER_MATCHES {
            return RowKind::TooFew;
        }
        RowKind::Dossier
    }

    /// Read a dossier row through the converter.
    fn record(
        &mut self,
        file: &str,
        r: u32,
        aliases: &CategoryAliases,
        pending: &mut VecDeque<Item>,
    ) -> Item {
        let mut root = Map::new();
        let mut period_text: Option<(u32, String)> = None;
        for c in &self.columns {
            let Some(d) = self.range.get_value((r, c.col)) else {
                continue;
            };
            match &c.target {
                Target::Skip => {}
                Target::Period => {
                    let t = cells::text_of(d);
                    if !t.is_empty() {
                        period_text = Some((c.col, t));
                    }
                }
                Target::Field(path) => match cells::value_of(d, c.kind) {
                    Ok(Some(v)) => crate::import::csv::insert(&mut root, path, v),
                    Ok(None) => {}
                    Err(problem) => {
                        let loc = self.location(file, Some(r), Some(c.col));
                        return crate::import::rejected(
                            loc,
                            crate::import::FieldIssue {
                                field: Some(path.join(".")),
                                problem,
                            },
                        );
                    }
                },
            }
        }
        let mut notes = Vec::new();
        if let Some((col, text)) = period_text {
            match period::parse(&text) {
                Some((start, end)) => {
                    if !self.has_start && !root.contains_key("start") {
                        root.insert("start".into(), Value::String(start));
                    }
                    if !self.has_end && !root.contains_key("end") {
                        root.insert("end".into(), Value::String(end));
                    }
                }
                None => {
                    root.insert("period".into(), Value::String(text.clone()));
                    notes.push((
                        col,
                        crate::import::Problem::PeriodKept(crate::import::convert::show_str(&text)),
                    ));
                }
            }
        }
        if let Some(category) = self.category
            && !root.contains_key("category")
        {
            root.insert("category".into(), Value::String(category.into()));
        }
        if !self.has_code
            && let Err(item) = self.make_code(file, r, &mut root)
        {
            return *item;
        }
        let location = self.location(file, Some(r), None);
        let locate = |field: Option<&str>| {
            let col = field.and_then(|f| self.column_of(f));
            self.location(file, Some(r), col)
        };
        let item = crate::import::emit_at(Value::Object(root), location, aliases, pending, &locate);
        if matches!(item, Item::Record(_)) {
            for (col, problem) in notes {
                pending.push_back(Item::Warning(RecordWarning {
                    location: self.location(file, Some(r), Some(col)),
                    field: Some("period".into()),
                    problem,
                }));
            }
        }
        item
    }

    /// A code for a row of a sheet without a code column, from province,
    /// plan year and row: `KC24-GIALAI-009` (`KC24-GIALAI-S2-009` on the
    /// workbook's second sheet). The same row of the same sheet gets the
    /// same code at every import.
    fn make_code(
        &mut self,
        file: &str,
        r: u32,
        root: &mut Map<String, Value>,
    ) -> Result<(), Box<Item>> {
        let text = |v: Option<&Value>| match v {
            Some(Value::String(s)) => s.trim().to_string(),
            Some(Value::Number(n)) => n.to_string(),
            _ => String::new(),
        };
        let province = text(root.get("province"));
        let year = text(root.get("plan_year"));
        let mut words = fold_words(&province);
        for lead in ["tinh ", "thanh pho ", "tp "] {
            if let Some(rest) = words.strip_prefix(lead) {
                words = rest.to_string();
                break;
            }
        }
        let key = words.replace(' ', "").to_ascii_uppercase();
        if key.is_empty() || year.len() != 4 || !year.bytes().all(|b| b.is_ascii_digit()) {
            let missing = if key.is_empty() {
                "province"
            } else {
                "plan_year"
            };
            let col = self.column_of(missing);
            return Err(Box::new(crate::import::rejected(
                self.location(file, Some(r), col),
                crate::import::FieldIssue {
                    field: Some(missing.into()),
                    problem: crate::import::Problem::NoCodeColumn,
                },
            )));
        }
        let sheet = if self.position > 1 {
            format!("S{}-", self.position)
        } else {
            String::new()
        };
        let code = format!("KC{}-{key}-{sheet}{:03}", &year[2..], r + 1);
        self.made = Some(match self.made.take() {
            None => (code.clone(), code.clone(), 1),
            Some((first, _, n)) => (first, code.clone(), n + 1),
        });
        root.insert("code".into(), Value::String(code));
        Ok(())
    }

    /// What the end of a sheet says: codes made, rows passed over.
    pub(super) fn closing_notes(&self, file: &str) -> Vec<Item> {
        let mut out = Vec::new();
        let loc = self.location(file, None, None);
        if let Some((first, last, n)) = &self.made {
            let range = if n > &1 {
                format!("{first} … {last}")
            } else {
                first.clone()
            };
            out.push(Item::Warning(RecordWarning {
                location: loc.clone(),
                field: Some("code".into()),
                problem: crate::import::Problem::CodesMade { rows: *n, range },
            }));
        }
        if !self.passed_over.is_empty() {
            out.push(Item::Warning(RecordWarning {
                location: loc,
                field: None,
                problem: crate::import::Problem::RowsPassedOver {
                    rows: self.passed_over.iter().take(20).copied().collect(),
                    more: self.passed_over.len().saturating_sub(20),
                    min: MIN_HEADER_MATCHES,
                },
            }));
        }
        out
    }
}

/// What a row of a sheet is.
enum RowKind {
    Blank,
    Subtotal,
    /// `I. Mô hình trình diễn kỹ thuật`: the category of the rows below,
    /// when it names one.
    Section(Option<&'static str>),
    /// A row with too few values to be a dossier (a signature, a note).
    TooFew,
    Dossier,
}

/// A section row: one text (and perhaps its numeral in another column,
/// and subtotals), starting with a numeral `I.`, `II -`, `A.` or naming a
/// category. The category it names, if any.
fn section(texts: &[String], aliases: &CategoryAliases) -> Option<Option<&'static str>> {
    let (marker, name) = match texts {
        [one] => match split_marker(one) {
            Some((m, rest)) => (Some(m), rest.to_string()),
            None => (None, one.clone()),
        },
        [m, name] if is_marker(m) => (Some(m.as_str()), name.clone()),
        _ => return None,
    };
    let category = resolve_section(&name, aliases);
    match (marker, category) {
        (_, Some(c)) => Some(Some(c)),
        (Some(_), None) => Some(None),
        (None, None) => None,
    }
}

/// `I`, `II`, `IV`, `A`, `B` (with `.` or `)`), as numbering of sections.
fn is_marker(s: &str) -> bool {
    let t = s.trim().trim_end_matches(['.', ')', ':']);
    !t.is_empty()
        && (t.len() <= 5 && t.chars().all(|c| matches!(c, 'I' | 'V' | 'X' | 'L'))
            || (t.len() == 1 && t.chars().all(|c| c.is_ascii_uppercase())))
}

/// `I. Mô hình …` → (`I`, `Mô hình …`).
fn split_marker(s: &str) -> Option<(&str, &str)> {
    let s = s.trim();
    let end = s.find(['.', ')', ' ', '-', ':', '–'])?;
    let (m, rest) = s.split_at(end);
    let rest = rest.trim_start_matches(['.', ')', ' ', '-', ':', '–']);
    (is_marker(m) && !rest.is_empty()).then_some((m, rest))
}

/// The category a section's name gives: the whole name, or its first
/// words (`Mô hình trình diễn kỹ thuật (05 đề án)`).
fn resolve_section(name: &str, aliases: &CategoryAliases) -> Option<&'static str> {
    let base = name.split('(').next().unwrap_or(name);
    let words: Vec<&str> = base.split_whitespace().collect();
    (2..=words.len().min(12))
        .rev()
        .find_map(|n| aliases.resolve(&words[..n].join(" ")))
        .or_else(|| aliases.resolve(base))
        .map(|c| c.id())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sections() {
        let a = crate::domain::rules::Rules::bundled().aliases().clone();
        let s = |t: &[&str]| section(&t.iter().map(|x| x.to_string()).collect::<Vec<_>>(), &a);
        assert_eq!(
            s(&["I. Mô hình trình diễn kỹ thuật (02 đề án)"]),
            Some(Some("demonstration_model"))
        );
        assert_eq!(
            s(&["II", "Ứng dụng máy móc thiết bị tiên tiến"]),
            Some(Some("machinery"))
        );
        assert_eq!(s(&["III. Khác"]), Some(None));
        assert_eq!(s(&["Đào tạo nghề"]), Some(Some("training")));
        assert_eq!(s(&["Xưởng chế biến cà phê"]), None);
        assert_eq!(s(&["KC24-GL-1", "Xưởng"]), None);
    }
}
