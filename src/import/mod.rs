//! Dossier files (JSON, JSON Lines, CSV, workbooks, folders) → domain
//! dossiers, with errors naming file, line (or sheet and cell) and field.
//!
//! [`scan`] turns the paths given on the command line into a stream of
//! [`Item`]s: good records, rejected records, skipped files and warnings.
//! Every file is read record by record, never held whole: JSON Lines line by
//! line, CSV row by row, and a `.json` array element by element (see
//! `json.rs`), so memory does not grow with the size of a file. Every record
//! goes through the one converter, [`record_from_value`]. Workbooks
//! (`.xlsx`, `.xls`, `.ods`; `sheet/`) are read sheet by sheet.

mod bytes;
mod convert;
mod csv;
mod json;
mod problem;
pub mod sheet;

pub use bytes::MAX_RECORD_BYTES;
pub use convert::{Converted, FieldIssue, MAX_FIELD_BYTES, MAX_KEY_BYTES, record_from_value};
pub use problem::{Problem, Reason, Shown};
pub use sheet::{HeaderTable, SheetOptions};

use crate::domain::category::CategoryAliases;
use crate::domain::dossier::Dossier;
use crate::domain::text::clean_line;
use bytes::{Line, LineReader};
use serde_json::Value;
use std::collections::VecDeque;
use std::fmt;
use std::fs::{self, File};
use std::io::{self, BufRead, BufReader};
use std::path::{Path, PathBuf};

/// The deepest folder nesting walked below a folder given on the command line.
pub const MAX_FOLDER_DEPTH: usize = 32;

/// Where a record was found: the file (as the user gave it, or as found
/// inside a folder given), and the line (JSON Lines, CSV) or array index
/// (JSON) when there is one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Location {
    /// The file's path as given, or the folder given joined with the path
    /// found inside it (`incoming/gia-lai.csv`).
    pub file: String,
    /// The 1-based physical line where the record starts.
    pub line: Option<usize>,
    /// The 0-based index of the record in a JSON array.
    pub index: Option<usize>,
    /// The sheet, row and column of a workbook.
    pub cell: Option<CellRef>,
}

/// Where in a workbook: `Đăng ký 2024!I9` (a cell), `Đăng ký 2024!9:9` (a
/// row), or the sheet alone.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CellRef {
    /// The sheet's name, cleaned for printing.
    pub sheet: String,
    /// The 1-based row.
    pub row: Option<u32>,
    /// The 0-based column.
    pub col: Option<u32>,
}

impl fmt::Display for CellRef {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.sheet)?;
        match (self.row, self.col) {
            (Some(r), Some(c)) => write!(f, "!{}{r}", sheet::col_name(c)),
            (Some(r), None) => write!(f, "!{r}:{r}"),
            (None, _) => Ok(()),
        }
    }
}

impl fmt::Display for Location {
    /// `incoming/gia-lai.csv:14`, `incoming/a.json[3]`,
    /// `gia-lai.xlsx:Đăng ký 2024!I9`, or just the file.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.file)?;
        if let Some(cell) = &self.cell {
            write!(f, ":{cell}")?;
        }
        if let Some(line) = self.line {
            write!(f, ":{line}")?;
        }
        if let Some(index) = self.index {
            write!(f, "[{index}]")?;
        }
        Ok(())
    }
}

/// A message about one record, located by file, line or index, and field.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RecordMessage {
    /// Where the record is.
    pub location: Location,
    /// The field concerned (`budget.national_vnd`, `documents[3].kind`), if
    /// the message is about one field.
    pub field: Option<String>,
    /// What is wrong, or what was noticed and done.
    pub problem: Problem,
}

impl RecordMessage {
    /// What is wrong, in `lang`, without the location.
    pub fn message(&self, lang: crate::domain::Lang) -> String {
        self.problem.message(lang)
    }

    /// Where: the location, then the field when there is one
    /// (`incoming/gia-lai.csv:14: budget.national_vnd`).
    pub fn at(&self) -> String {
        match &self.field {
            Some(field) => format!("{}: {field}", self.location),
            None => self.location.to_string(),
        }
    }

    /// The whole line in `lang`: location, field, message.
    pub fn text(&self, lang: crate::domain::Lang) -> String {
        format!("{}: {}", self.at(), self.message(lang))
    }
}

impl fmt::Display for RecordMessage {
    /// `incoming/gia-lai.csv:14: budget.national_vnd: "1,5 tỷ" is not an amount in VND`
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.text(crate::domain::Lang::En))
    }
}

/// A record that could not be read; it is rejected whole, the rest of the
/// file is still read.
pub type RecordError = RecordMessage;

/// A problem that did not stop the record from being read (an unknown
/// document kind kept as `other`).
pub type RecordWarning = RecordMessage;

/// A file that was skipped whole: not UTF-8, empty, unreadable, of an
/// unknown type, or not valid JSON.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FileError {
    /// The file's path as given or found.
    pub file: String,
    /// Why it was skipped.
    pub problem: Problem,
}

impl FileError {
    /// The whole line in `lang`: the file, then why it was skipped.
    pub fn text(&self, lang: crate::domain::Lang) -> String {
        format!("{}: {}", self.file, self.problem.message(lang))
    }
}

impl fmt::Display for FileError {
    /// `incoming/notes.txt: unknown file type …`
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.text(crate::domain::Lang::En))
    }
}

/// A dossier read from a file.
#[derive(Debug, Clone, PartialEq)]
pub struct ImportedRecord {
    /// The cleaned dossier: NFC, neutralised text, parsed values.
    pub dossier: Dossier,
    /// The record as read, before any cleaning. For CSV, the nested object
    /// built from the dotted columns (cells as text, empty cells left out).
    pub raw: Value,
    /// Where it was found.
    pub location: Location,
}

/// One thing found while scanning.
#[derive(Debug, Clone, PartialEq)]
pub enum Item {
    /// A good record.
    Record(Box<ImportedRecord>),
    /// A record that could not be read (rejected whole).
    Rejected(RecordError),
    /// A file skipped whole.
    FileSkipped(FileError),
    /// A warning about a record that was read (it comes right after it).
    Warning(RecordWarning),
}

/// The kinds of file read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Json,
    Jsonl,
    Csv,
    Sheet,
}

/// The kind of a file from its extension, matched without case.
fn kind_of(path: &Path) -> Option<Kind> {
    let ext = path.extension()?.to_str()?.to_ascii_lowercase();
    match ext.as_str() {
        "json" => Some(Kind::Json),
        "jsonl" => Some(Kind::Jsonl),
        "csv" => Some(Kind::Csv),
        "xlsx" | "xlsm" | "xls" | "ods" => Some(Kind::Sheet),
        _ => None,
    }
}

/// A path waiting to be read.
struct Target {
    path: PathBuf,
    /// Given on the command line (an unknown type is then an error) rather
    /// than found in a folder (passed over silently).
    explicit: bool,
    /// Folder depth below the path given.
    depth: usize,
}

/// The file being read.
enum Source {
    /// A `.json` file: its one object, or its array element by element.
    Json {
        file: String,
        elements: json::Elements<BufReader<File>>,
    },
    /// A `.jsonl` file, line by line.
    Jsonl {
        file: String,
        lines: LineReader<BufReader<File>>,
    },
    /// A `.csv` file, row by row.
    Csv {
        file: String,
        rows: csv::CsvReader<BufReader<File>>,
        header: csv::Header,
        any_row: bool,
    },
    /// A workbook, sheet by sheet.
    Sheet(Box<sheet::Workbook>),
}

/// The stream of [`Item`]s from the paths given; see [`scan`].
pub struct Scan {
    aliases: CategoryAliases,
    sheets: SheetOptions,
    targets: VecDeque<Target>,
    source: Option<Source>,
    pending: VecDeque<Item>,
    /// Sizes of the files read to the end, and of the one being read: for
    /// [`Scan::position`].
    done_bytes: u64,
    current_len: u64,
}

/// Read dossiers from files and folders, lazily: files are opened one at a
/// time as the iterator is advanced, and JSON Lines and CSV files are read
/// record by record.
///
/// Folders are walked recursively in sorted order; hidden entries (names
/// starting with `.`) and files of other types inside them are passed over.
/// A path given explicitly that does not exist or is of an unknown type is
/// a [`FileError`].
pub fn scan(paths: &[PathBuf], aliases: &CategoryAliases) -> Scan {
    scan_with(paths, aliases, &SheetOptions::default())
}

/// [`scan`], reading workbooks with `sheets` (the header table of the data
/// folder, the sheet asked for).
pub fn scan_with(paths: &[PathBuf], aliases: &CategoryAliases, sheets: &SheetOptions) -> Scan {
    Scan {
        aliases: aliases.clone(),
        sheets: sheets.clone(),
        targets: paths
            .iter()
            .map(|p| Target {
                path: p.clone(),
                explicit: true,
                depth: 0,
            })
            .collect(),
        source: None,
        pending: VecDeque::new(),
        done_bytes: 0,
        current_len: 0,
    }
}

/// The size in bytes of the files given, or `None` if any is not a regular
/// file (a folder): the whole of what [`scan`] reads, for progress.
pub fn total_size(paths: &[PathBuf]) -> Option<u64> {
    paths
        .iter()
        .map(|p| {
            fs::metadata(p)
                .ok()
                .filter(|m| m.is_file())
                .map(|m| m.len())
        })
        .sum()
}

impl Iterator for Scan {
    type Item = Item;

    fn next(&mut self) -> Option<Item> {
        loop {
            if let Some(item) = self.pending.pop_front() {
                return Some(item);
            }
            if let Some(source) = &mut self.source {
                let next = match source {
                    Source::Sheet(book) => {
                        book.next_item(&self.aliases, &self.sheets, &mut self.pending)
                    }
                    _ => next_from(source, &self.aliases, &mut self.pending),
                };
                match next {
                    Some(item) => {
                        if matches!(item, Item::FileSkipped(_)) {
                            // Reading stopped: the file is done (a read
                            // error that persists must not repeat forever).
                            self.close();
                        }
                        return Some(item);
                    }
                    None => {
                        self.close();
                        continue;
                    }
                }
            }
            let target = self.targets.pop_front()?;
            self.open(target);
        }
    }
}

impl Scan {
    /// The file being read is done.
    fn close(&mut self) {
        self.source = None;
        self.done_bytes += std::mem::take(&mut self.current_len);
    }

    /// About how many bytes of the files have been read so far (the files
    /// done and the position in the current one), for progress.
    pub fn position(&mut self) -> u64 {
        use std::io::Seek;
        let current = match &mut self.source {
            Some(Source::Json { elements, .. }) => elements.reader().stream_position(),
            Some(Source::Jsonl { lines, .. }) => lines.reader().stream_position(),
            Some(Source::Csv { rows, .. }) => rows.reader().stream_position(),
            Some(Source::Sheet(book)) => Ok((book.done_share() * self.current_len as f64) as u64),
            None => Ok(0),
        };
        self.done_bytes + current.unwrap_or(0).min(self.current_len)
    }

    /// Start on a path: expand a folder into its entries, open a file, or
    /// queue the error that says why not.
    fn open(&mut self, t: Target) {
        let file = t.path.display().to_string();
        let skip = |problem: Problem| {
            Item::FileSkipped(FileError {
                file: clean_line(&file),
                problem,
            })
        };
        let meta = match fs::metadata(&t.path) {
            Ok(m) => m,
            Err(e) => {
                if t.explicit {
                    let msg = if e.kind() == io::ErrorKind::NotFound {
                        Problem::NoSuchFile
                    } else {
                        Problem::CannotRead(Reason::io(&e))
                    };
                    self.pending.push_back(skip(msg));
                }
                return;
            }
        };
        if meta.is_dir() {
            if !t.explicit && t.depth >= MAX_FOLDER_DEPTH {
                self.pending.push_back(skip(Problem::FolderTooDeep));
                return;
            }
            match folder_entries(&t.path) {
                Ok(entries) => {
                    // Entries go first, in order, before the remaining targets.
                    for path in entries.into_iter().rev() {
                        self.targets.push_front(Target {
                            path,
                            explicit: false,
                            depth: t.depth + 1,
                        });
                    }
                }
                Err(e) => self
                    .pending
                    .push_back(skip(Problem::FolderUnreadable(Reason::io(&e)))),
            }
            return;
        }
        let kind = kind_of(&t.path);
        let Some(kind) = kind else {
            if t.explicit {
                self.pending.push_back(skip(Problem::UnknownFileType));
            }
            return;
        };
        if !meta.is_file() {
            self.pending.push_back(skip(Problem::NotRegularFile));
            return;
        }
        if kind == Kind::Sheet {
            match sheet::open(&t.path, clean_line(&file), &self.sheets) {
                Ok(book) => {
                    self.source = Some(Source::Sheet(Box::new(book)));
                    self.current_len = meta.len();
                }
                Err(message) => self.pending.push_back(skip(message)),
            }
            return;
        }
        match bytes::check_text(&t.path) {
            Err(e) => {
                self.pending
                    .push_back(skip(Problem::CannotRead(Reason::io(&e))));
                return;
            }
            Ok(Err(problem)) => {
                self.pending.push_back(skip(problem.problem()));
                return;
            }
            Ok(Ok(())) => {}
        }
        let shown = clean_line(&file);
        let opened = match kind {
            Kind::Json => open_json(&t.path, shown),
            Kind::Jsonl => {
                LineReader::open(&t.path).map(|lines| Ok(Source::Jsonl { file: shown, lines }))
            }
            Kind::Csv => open_csv(&t.path, shown),
            Kind::Sheet => return,
        };
        match opened {
            Ok(Ok(source)) => {
                self.source = Some(source);
                self.current_len = meta.len();
            }
            Ok(Err(message)) => self.pending.push_back(skip(message)),
            Err(e) => self
                .pending
                .push_back(skip(Problem::CannotRead(Reason::io(&e)))),
        }
    }
}

/// The entries of a folder worth looking at, sorted by name: subfolders and
/// files of a known type, hidden ones left out. Symbolic links to folders
/// are not followed (they could loop).
fn folder_entries(dir: &Path) -> io::Result<Vec<PathBuf>> {
    let mut out = Vec::new();
    for entry in fs::read_dir(dir)? {
        let entry = entry?;
        let name = entry.file_name();
        if name.to_string_lossy().starts_with('.') {
            continue;
        }
        let path = entry.path();
        let ft = entry.file_type()?;
        let is_dir = ft.is_dir();
        let is_file_like = ft.is_file() || (ft.is_symlink() && path.is_file());
        if is_dir || (is_file_like && kind_of(&path).is_some()) {
            out.push((name, path));
        }
    }
    out.sort();
    Ok(out.into_iter().map(|(_, p)| p).collect())
}

/// Split a serde_json message from its position (`… at line 3 column 5`):
/// the words of [`Problem`]'s JSON errors.
fn json_error_parts(e: &serde_json::Error) -> String {
    let msg = e.to_string();
    let suffix = format!(" at line {} column {}", e.line(), e.column());
    msg.strip_suffix(&suffix).unwrap_or(&msg).to_string()
}

/// The 1-based column in characters of serde_json's 1-based column in
/// bytes of `line`.
fn char_column(line: &[u8], byte_column: usize) -> usize {
    let before = &line[..byte_column.saturating_sub(1).min(line.len())];
    String::from_utf8_lossy(before).chars().count() + 1
}

/// Open a `.json` file: check it is JSON and holds one dossier object or a
/// non-empty array, then stand before its first record. `Ok(Err(problem))`
/// skips the file.
fn open_json(path: &Path, file: String) -> io::Result<Result<Source, Problem>> {
    let top = match json::survey(path)? {
        Ok(top) => top,
        Err(message) => return Ok(Err(message)),
    };
    match &top {
        json::Top::Array(0) => return Ok(Err(Problem::EmptyList)),
        json::Top::Array(_) | json::Top::Object => {}
        json::Top::Other(other) => {
            return Ok(Err(Problem::WrongTop(convert::shown(other))));
        }
    }
    Ok(Ok(Source::Json {
        file,
        elements: json::Elements::open(path, &top)?,
    }))
}

/// Open a `.csv` file: skip the BOM, detect the delimiter, read and check
/// the header. `Ok(Err(problem))` skips the file.
fn open_csv(path: &Path, file: String) -> io::Result<Result<Source, Problem>> {
    let mut r = BufReader::with_capacity(64 * 1024, File::open(path)?);
    bytes::skip_bom(&mut r)?;
    let delim = csv::detect_delimiter(r.fill_buf()?);
    let mut rows = csv::CsvReader::new(r, delim);
    // The header is the first row that is not blank.
    let names = loop {
        match rows.next_row()? {
            None => return Ok(Err(Problem::FileEmpty)),
            Some(csv::Row::Cells { cells, .. }) => {
                if is_blank(&cells) {
                    continue;
                }
                match cells
                    .into_iter()
                    .map(String::from_utf8)
                    .collect::<Result<Vec<_>, _>>()
                {
                    Ok(names) => {
                        break names
                            .into_iter()
                            .map(|n| n.trim_start_matches('\u{feff}').to_string())
                            .collect::<Vec<_>>();
                    }
                    Err(_) => return Ok(Err(Problem::HeaderNotUtf8)),
                }
            }
            Some(csv::Row::TooLarge { .. }) => {
                return Ok(Err(Problem::HeaderTooLarge));
            }
            Some(csv::Row::Unterminated { line }) => {
                return Ok(Err(Problem::HeaderUnterminated { line }));
            }
        }
    };
    if names.len() == 1 && names[0].contains('\t') {
        return Ok(Err(Problem::HeaderTabs));
    }
    match csv::Header::parse(&names) {
        Ok(header) => Ok(Ok(Source::Csv {
            file,
            rows,
            header,
            any_row: false,
        })),
        Err(problem) => Ok(Err(problem)),
    }
}

fn is_blank(cells: &[Vec<u8>]) -> bool {
    cells.iter().all(|c| c.iter().all(u8::is_ascii_whitespace))
}

/// Convert one record and queue what it gives: the record and its warnings,
/// or the rejection.
fn emit(
    raw: Value,
    location: Location,
    aliases: &CategoryAliases,
    pending: &mut VecDeque<Item>,
) -> Item {
    let same = |_: Option<&str>| location.clone();
    emit_at(raw, location.clone(), aliases, pending, &same)
}

/// [`emit`], each message located by `locate` from its field (the cell of
/// a workbook that holds the field).
fn emit_at(
    raw: Value,
    location: Location,
    aliases: &CategoryAliases,
    pending: &mut VecDeque<Item>,
    locate: &dyn Fn(Option<&str>) -> Location,
) -> Item {
    match record_from_value(&raw, aliases) {
        Ok(Converted { dossier, warnings }) => {
            for w in warnings {
                pending.push_back(Item::Warning(RecordWarning {
                    location: locate(w.field.as_deref()),
                    field: w.field,
                    problem: w.problem,
                }));
            }
            Item::Record(Box::new(ImportedRecord {
                dossier,
                raw,
                location,
            }))
        }
        Err(issue) => rejected(locate(issue.field.as_deref()), issue),
    }
}

/// A read error part way through a file: the rest of it is not read.
fn stopped(file: &str, e: io::Error) -> Item {
    Item::FileSkipped(FileError {
        file: file.to_string(),
        problem: Problem::ReadingStopped(Reason::io(&e)),
    })
}

fn rejected(location: Location, issue: FieldIssue) -> Item {
    Item::Rejected(RecordError {
        location,
        field: issue.field,
        problem: issue.problem,
    })
}

/// The next item of the file being read, or `None` when it is done.
fn next_from(
    source: &mut Source,
    aliases: &CategoryAliases,
    pending: &mut VecDeque<Item>,
) -> Option<Item> {
    match source {
        Source::Sheet(_) => None,
        Source::Json { file, elements } => {
            let (index, element) = match elements.next_element() {
                Ok(Some(e)) => e,
                Ok(None) => return None,
                Err(e) => return Some(stopped(file, e)),
            };
            let location = Location {
                file: file.clone(),
                line: None,
                index,
                cell: None,
            };
            Some(match element {
                json::Element::Value(raw) => emit(raw, location, aliases, pending),
                json::Element::Invalid(error) => {
                    rejected(location, FieldIssue::record(Problem::ElementNotJson(error)))
                }
                json::Element::TooLarge => {
                    rejected(location, FieldIssue::record(Problem::RecordTooLarge))
                }
            })
        }
        Source::Jsonl { file, lines } => loop {
            let (line, text) = match lines.next_line() {
                Ok(Some(l)) => l,
                Ok(None) => return None,
                Err(e) => return Some(stopped(file, e)),
            };
            let location = Location {
                file: file.clone(),
                line: Some(line),
                index: None,
                cell: None,
            };
            let bytes = match text {
                Line::TooLong => {
                    return Some(rejected(location, FieldIssue::record(Problem::LineTooLong)));
                }
                Line::Text(b) => b,
            };
            if bytes.iter().all(u8::is_ascii_whitespace) {
                continue;
            }
            return Some(match serde_json::from_slice::<Value>(&bytes) {
                Ok(raw @ Value::Object(_)) => emit(raw, location, aliases, pending),
                Ok(other) => rejected(
                    location,
                    FieldIssue::record(Problem::NotADossierLine(convert::shown(&other))),
                ),
                Err(e) => rejected(
                    location,
                    FieldIssue::record(Problem::LineNotJson {
                        column: char_column(&bytes, e.column()),
                        error: json_error_parts(&e),
                    }),
                ),
            });
        },
        Source::Csv {
            file,
            rows,
            header,
            any_row,
        } => loop {
            let row = match rows.next_row() {
                Ok(Some(r)) => r,
                Ok(None) => {
                    if !*any_row {
                        *any_row = true;
                        return Some(Item::FileSkipped(FileError {
                            file: file.clone(),
                            problem: Problem::HeaderNoRows,
                        }));
                    }
                    return None;
                }
                Err(e) => {
                    *any_row = true;
                    return Some(stopped(file, e));
                }
            };
            let at = |line: usize| Location {
                file: file.clone(),
                line: Some(line),
                index: None,
                cell: None,
            };
            match row {
                csv::Row::TooLarge { line } => {
                    *any_row = true;
                    return Some(rejected(at(line), FieldIssue::record(Problem::RowTooLarge)));
                }
                csv::Row::Unterminated { line } => {
                    *any_row = true;
                    return Some(rejected(
                        at(line),
                        FieldIssue::record(Problem::QuoteNeverClosed),
                    ));
                }
                csv::Row::Cells { line, cells } => {
                    if is_blank(&cells) {
                        continue;
                    }
                    *any_row = true;
                    let cells = match cells
                        .into_iter()
                        .map(String::from_utf8)
                        .collect::<Result<Vec<_>, _>>()
                    {
                        Ok(c) => c,
                        Err(_) => {
                            return Some(rejected(at(line), FieldIssue::record(Problem::NotUtf8)));
                        }
                    };
                    return Some(match header.row_to_value(&cells) {
                        Ok((raw, ignored)) => {
                            let item = emit(raw, at(line), aliases, pending);
                            if ignored > 0 && matches!(item, Item::Record(_)) {
                                pending.push_back(Item::Warning(RecordWarning {
                                    location: at(line),
                                    field: None,
                                    problem: Problem::UnnamedCellsIgnored(ignored),
                                }));
                            }
                            item
                        }
                        Err(problem) => rejected(at(line), FieldIssue::record(problem)),
                    });
                }
            }
        },
    }
}

#[cfg(test)]
mod tests;
