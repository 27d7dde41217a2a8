//! Workbook cells written safely: every text cell from a dossier goes
//! through [`text`], which neutralises control and bidi characters (as
//! [`super::csv::cell`] does) and marks text a spreadsheet would take for a
//! formula with Excel's quote prefix, so it shows as written and stays text
//! when edited. A workbook is built in memory and written whole through
//! [`super::AtomicFile`] by [`save`].

use super::{AtomicFile, SameFile};
use rust_xlsxwriter::{ColNum, Format, RowNum, Workbook, Worksheet, XlsxError};
use std::io::Write;
use std::path::Path;

/// The most characters Excel holds in a cell.
pub const MAX_CELL_CHARS: usize = 32_767;

/// Write dossier text into a cell, neutralised; formula-like text gets
/// `format` with a quote prefix.
pub fn text(
    ws: &mut Worksheet,
    row: RowNum,
    col: ColNum,
    s: &str,
    format: &Format,
) -> Result<(), XlsxError> {
    let mut safe = super::csv::neutral(s).into_owned();
    if safe.chars().count() > MAX_CELL_CHARS {
        safe = safe.chars().take(MAX_CELL_CHARS - 1).collect();
        safe.push('…');
    }
    if super::csv::looks_like_formula(&safe) {
        ws.write_string_with_format(row, col, &safe, &format.clone().set_quote_prefix())?;
    } else {
        ws.write_string_with_format(row, col, &safe, format)?;
    }
    Ok(())
}

/// Write the workbook to `path` whole or not at all, never onto the
/// database `guard` protects.
pub fn save(wb: &mut Workbook, path: &Path, guard: &SameFile) -> Result<(), String> {
    let mut file = AtomicFile::create(path, guard)?;
    let bytes = wb
        .save_to_buffer()
        .map_err(|e| format!("{}: {e} (nothing was written)", path.display()))?;
    file.write_all(&bytes)
        .map_err(|e| format!("{}: {e} (nothing was written)", path.display()))?;
    file.commit()
}

/// An error of the workbook writer, as a message naming the file.
pub fn failed(path: &Path) -> impl Fn(XlsxError) -> String + '_ {
    move |e| format!("{}: {e} (nothing was written)", path.display())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formula_like_and_control_text_is_neutralised() {
        let mut wb = Workbook::new();
        let ws = wb.add_worksheet();
        text(ws, 0, 0, "=HYPERLINK(\"http://x\")", &Format::new()).unwrap();
        text(ws, 0, 1, "a\u{202e}b\u{1b}[2J", &Format::new()).unwrap();
        text(ws, 0, 2, &"x".repeat(40_000), &Format::new()).unwrap();
        assert!(wb.save_to_buffer().is_ok());
        assert!(!super::super::csv::neutral("a\u{202e}b").contains('\u{202e}'));
    }
}
