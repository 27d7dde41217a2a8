//! Workbooks (`.xlsx`, `.xlsm`, `.xls`, `.ods`) as provinces keep them: a
//! letterhead and a merged title above the header, Vietnamese column
//! headers (matched through `data/headers.toml`), amounts in millions or
//! thousands, serial and text dates, numbering, section and subtotal rows.
//!
//! Each row becomes the same nested object a CSV row does, and goes through
//! the one converter ([`super::record_from_value`]): a workbook is validated,
//! stored and audited exactly as any other file. What is different is only
//! where a record is: `gia-lai.xlsx:Đăng ký 2024!I9`, the cell of the
//! field a message is about.
//!
//! calamine reads a whole sheet into memory; sheets are read one at a time.

mod cells;
pub mod headers;
mod period;
mod rows;

pub use headers::{HeaderTable, Target, Unit};

use super::{FileError, Item, Problem, Reason};
use crate::domain::Lang;
use crate::domain::category::CategoryAliases;
use crate::domain::text::{clean_line, fold_words};
use calamine::{Data, Range, Reader, Sheets};
use rows::SheetRows;
use std::collections::{HashSet, VecDeque};
use std::fs::File;
use std::io::BufReader;
use std::path::Path;

/// The largest workbook read (its size on disk).
pub const MAX_WORKBOOK_BYTES: u64 = 100 * 1024 * 1024;

/// The most cells the rectangle of a sheet's cells may hold (about 100,000
/// rows of 50 columns).
pub const MAX_SHEET_AREA: u64 = 5_000_000;

/// The rows searched for the header, from the top of a sheet.
const HEADER_SEARCH_ROWS: u32 = 40;

/// The fewest header cells that make a row the header.
const MIN_HEADER_MATCHES: usize = 3;

/// The most cells merged regions may fill in one sheet (a hostile file
/// could merge the whole grid).
const MAX_MERGED_CELLS: u64 = 4_000_000;

/// How sheets are read: the header table, and the one sheet asked for.
#[derive(Debug, Clone)]
pub struct SheetOptions {
    pub headers: HeaderTable,
    /// `--sheet NAME`: read only this sheet (matched without case or
    /// diacritics), else every visible sheet that has a header.
    pub sheet: Option<String>,
}

impl Default for SheetOptions {
    fn default() -> Self {
        SheetOptions {
            headers: HeaderTable::bundled(),
            sheet: None,
        }
    }
}

/// A workbook being read, sheet by sheet.
pub struct Workbook {
    file: String,
    book: Sheets<BufReader<File>>,
    /// Sheets still to read: 1-based position in the workbook and name.
    sheets: VecDeque<(usize, String)>,
    current: Option<SheetRows>,
    /// A sheet with a header was found.
    any_header: bool,
    /// Only one sheet was asked for (its lack of a header is an error).
    asked: bool,
    /// Sheets in the workbook, and those done: for progress.
    total_sheets: usize,
    done_sheets: usize,
}

/// Open a workbook and list the sheets to read; `Err` skips the file.
pub fn open(path: &Path, file: String, options: &SheetOptions) -> Result<Workbook, Problem> {
    let size = std::fs::metadata(path)
        .map_err(|e| Problem::CannotRead(Reason::io(&e)))?
        .len();
    if size > MAX_WORKBOOK_BYTES {
        return Err(Problem::WorkbookTooLarge {
            mib: size / (1024 * 1024),
            max_mib: MAX_WORKBOOK_BYTES / (1024 * 1024),
        });
    }
    let book = match guarded(|| calamine::open_workbook_auto(path)) {
        Ok(Ok(book)) => book,
        Ok(Err(e)) => {
            return Err(Problem::NotAWorkbook(Reason::text(one_line(
                &e.to_string(),
            ))));
        }
        Err(e) => return Err(Problem::NotAWorkbook(Reason::text(e.message(Lang::En)))),
    };
    let all: Vec<(usize, String, bool)> = book
        .sheets_metadata()
        .iter()
        .enumerate()
        .map(|(i, s)| {
            let visible = s.visible == calamine::SheetVisible::Visible
                && s.typ == calamine::SheetType::WorkSheet;
            (i + 1, s.name.clone(), visible)
        })
        .collect();
    let sheets: VecDeque<(usize, String)> = match &options.sheet {
        Some(wanted) => {
            let key = fold_words(wanted);
            let found = all
                .iter()
                .find(|(_, n, _)| n == wanted)
                .or_else(|| all.iter().find(|(_, n, _)| fold_words(n) == key));
            match found {
                Some((i, n, _)) => VecDeque::from([(*i, n.clone())]),
                None => {
                    let names: Vec<String> = all.iter().map(|(_, n, _)| clean_line(n)).collect();
                    return Err(Problem::NoSuchSheet {
                        wanted: clean_line(wanted),
                        sheets: names,
                    });
                }
            }
        }
        None => all
            .iter()
            .filter(|(_, _, visible)| *visible)
            .map(|(i, n, _)| (*i, n.clone()))
            .collect(),
    };
    if sheets.is_empty() {
        return Err(Problem::NoVisibleSheet);
    }
    Ok(Workbook {
        file,
        book,
        total_sheets: sheets.len(),
        sheets,
        current: None,
        any_header: false,
        asked: options.sheet.is_some(),
        done_sheets: 0,
    })
}

/// Run a call into the workbook reader; a panic inside it (a malformed
/// file the reader did not expect) is an error, not the end of the import.
fn guarded<T>(f: impl FnOnce() -> T) -> Result<T, Problem> {
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(f)).map_err(|_| Problem::ReaderFailed)
}

fn one_line(s: &str) -> String {
    clean_line(&s.replace(['\n', '\r'], " "))
}

impl Workbook {
    /// How much of the workbook is read, as a share of its sheets.
    pub fn done_share(&self) -> f64 {
        let current = self.current.as_ref().map_or(0.0, SheetRows::done_share);
        (self.done_sheets as f64 + current) / self.total_sheets.max(1) as f64
    }

    /// The next item of the workbook, or `None` when it is done.
    pub fn next_item(
        &mut self,
        aliases: &CategoryAliases,
        options: &SheetOptions,
        pending: &mut VecDeque<Item>,
    ) -> Option<Item> {
        loop {
            if let Some(rows) = &mut self.current {
                if let Some(item) = rows.next_item(&self.file, aliases, options, pending) {
                    return Some(item);
                }
                let notes = rows.closing_notes(&self.file);
                self.current = None;
                self.done_sheets += 1;
                pending.extend(notes);
                if let Some(item) = pending.pop_front() {
                    return Some(item);
                }
                continue;
            }
            let Some((position, name)) = self.sheets.pop_front() else {
                if !self.any_header && !self.asked {
                    self.any_header = true;
                    return Some(Item::FileSkipped(FileError {
                        file: self.file.clone(),
                        problem: Problem::NoHeaderRow {
                            examples: header_examples(&options.headers),
                        },
                    }));
                }
                return None;
            };
            match self.open_sheet(position, &name, options) {
                Ok(Some(rows)) => {
                    self.any_header = true;
                    self.current = Some(rows);
                }
                Ok(None) => {
                    self.done_sheets += 1;
                    if self.asked {
                        self.any_header = true;
                        return Some(Item::FileSkipped(FileError {
                            file: format!("{}:{}", self.file, clean_line(&name)),
                            problem: Problem::NoHeaderInSheet {
                                rows: HEADER_SEARCH_ROWS as usize,
                                examples: header_examples(&options.headers),
                            },
                        }));
                    }
                }
                Err(problem) => {
                    self.done_sheets += 1;
                    return Some(Item::FileSkipped(FileError {
                        file: format!("{}:{}", self.file, clean_line(&name)),
                        problem,
                    }));
                }
            }
        }
    }

    /// Read a sheet and find its header; `Ok(None)` when it has none.
    fn open_sheet(
        &mut self,
        position: usize,
        name: &str,
        options: &SheetOptions,
    ) -> Result<Option<SheetRows>, Problem> {
        let book = &mut self.book;
        let mut range = guarded(|| match &mut *book {
            Sheets::Xlsx(x) => xlsx_range(x, name),
            other => other
                .worksheet_range(name)
                .map_err(|e| Problem::CannotRead(Reason::text(one_line(&e.to_string())))),
        })??;
        let merges = guarded(|| match &mut *book {
            Sheets::Xlsx(x) => x.merge_cells_by_sheet_name(name).unwrap_or_default(),
            Sheets::Xls(x) => x.merge_cells_by_sheet_name(name).unwrap_or_default(),
            _ => Vec::new(),
        })?;
        let from_above = fill_merged(&mut range, &merges);
        Ok(SheetRows::new(
            clean_line(name),
            position,
            range,
            from_above,
            &options.headers,
        ))
    }
}

/// An `.xlsx` sheet read cell by cell, refused when its cells spread over
/// more than [`MAX_SHEET_AREA`] (a stray cell at `XFD1048576` would make
/// the grid billions of cells).
fn xlsx_range(x: &mut calamine::Xlsx<BufReader<File>>, name: &str) -> Result<Range<Data>, Problem> {
    let failed =
        |e: calamine::XlsxError| Problem::CannotRead(Reason::text(one_line(&e.to_string())));
    let mut reader = x.worksheet_cells_reader(name).map_err(failed)?;
    let mut cells = Vec::new();
    let (mut r0, mut r1, mut c0, mut c1) = (u32::MAX, 0u32, u32::MAX, 0u32);
    while let Some(cell) = reader.next_cell().map_err(failed)? {
        let (r, c) = cell.get_position();
        let v = Data::from(cell.get_value().clone());
        if v == Data::Empty {
            continue;
        }
        (r0, r1, c0, c1) = (r0.min(r), r1.max(r), c0.min(c), c1.max(c));
        let area = u64::from(r1 - r0 + 1) * u64::from(c1 - c0 + 1);
        if area > MAX_SHEET_AREA {
            return Err(Problem::SheetTooSpread {
                max: MAX_SHEET_AREA,
                from: format!("{}{}", col_name(c0), r0 + 1),
                to: format!("{}{}", col_name(c1), r1 + 1),
            });
        }
        cells.push(calamine::Cell::new((r, c), v));
    }
    Ok(Range::from_sparse(cells))
}

fn header_examples(t: &HeaderTable) -> String {
    ["code", "title", "province", "budget.national_vnd"]
        .iter()
        .filter_map(|id| t.display(id))
        .collect::<Vec<_>>()
        .join(", ")
}

/// Give every cell of a merged region the value of its first cell, as the
/// sheet shows it. Returns the cells filled from a row above (a province
/// merged down a block of rows): they do not make a row a dossier.
fn fill_merged(range: &mut Range<Data>, merges: &[calamine::Dimensions]) -> HashSet<(u32, u32)> {
    let mut from_above = HashSet::new();
    let (Some(start), Some(end)) = (range.start(), range.end()) else {
        return from_above;
    };
    let mut budget = MAX_MERGED_CELLS;
    for m in merges {
        let Some(v) = range.get_value(m.start).cloned() else {
            continue;
        };
        if v == Data::Empty {
            continue;
        }
        let rows = m.start.0.max(start.0)..=m.end.0.min(end.0);
        let cols = m.start.1.max(start.1)..=m.end.1.min(end.1);
        for r in rows {
            for c in cols.clone() {
                if (r, c) == m.start {
                    continue;
                }
                if budget == 0 {
                    return from_above;
                }
                budget -= 1;
                range.set_value((r, c), v.clone());
                if r > m.start.0 {
                    from_above.insert((r, c));
                }
            }
        }
    }
    from_above
}

/// `A`, `Z`, `AA` for a 0-based column.
pub fn col_name(mut c: u32) -> String {
    let mut out = Vec::new();
    loop {
        out.push(b'A' + (c % 26) as u8);
        if c < 26 {
            break;
        }
        c = c / 26 - 1;
    }
    out.reverse();
    String::from_utf8(out).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn column_names() {
        assert_eq!(col_name(0), "A");
        assert_eq!(col_name(8), "I");
        assert_eq!(col_name(25), "Z");
        assert_eq!(col_name(26), "AA");
        assert_eq!(col_name(701), "ZZ");
        assert_eq!(col_name(702), "AAA");
    }
}
