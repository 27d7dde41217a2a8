//! A streaming CSV reader for dossier sheets: header required, `,` or `;`
//! detected from the header, CRLF or LF, quoted fields with embedded line
//! breaks and doubled quotes, line numbers of the physical line where each
//! row starts, and a size limit per row so a hostile file cannot exhaust
//! memory. Rows become nested JSON objects through their dotted column names.

use super::Problem;
use super::bytes::MAX_RECORD_BYTES;
use serde_json::{Map, Value};
use std::collections::HashMap;
use std::io::{self, BufRead};

/// The deepest nesting a dotted column name may have (`details.cluster.name`
/// is 3).
pub const MAX_COLUMN_DEPTH: usize = 6;

/// One row as read.
#[derive(Debug, PartialEq)]
pub enum Row {
    /// The cells of a row, and the physical line it starts on.
    Cells { line: usize, cells: Vec<Vec<u8>> },
    /// A row longer than [`MAX_RECORD_BYTES`], skipped without being held.
    TooLarge { line: usize },
    /// A quoted cell opened on `line` and never closed before the end.
    Unterminated { line: usize },
}

/// Detect the delimiter from the start of the file (the header line): `;`
/// when it has more semicolons than commas outside quotes, else `,`.
pub fn detect_delimiter(start: &[u8]) -> u8 {
    let (mut commas, mut semis, mut quoted) = (0usize, 0usize, false);
    for &b in start {
        match b {
            b'"' => quoted = !quoted,
            b',' if !quoted => commas += 1,
            b';' if !quoted => semis += 1,
            b'\n' | b'\r' if !quoted => break,
            _ => {}
        }
    }
    if semis > commas { b';' } else { b',' }
}

#[derive(Clone, Copy, PartialEq)]
enum State {
    /// At the start of a cell.
    Start,
    /// Inside an unquoted cell.
    Plain,
    /// Inside a quoted cell.
    Quoted,
    /// Just saw a `"` inside a quoted cell: a doubled quote or the end.
    QuoteInQuoted,
}

/// Reads rows one at a time from a buffered reader.
pub struct CsvReader<R> {
    r: R,
    delim: u8,
    /// The 1-based physical line of the next byte.
    line: usize,
    /// The previous byte was a CR: a LF right after it ends the same line.
    after_cr: bool,
}

impl<R: BufRead> CsvReader<R> {
    /// A reader with a known delimiter, positioned after any BOM.
    pub fn new(r: R, delim: u8) -> Self {
        CsvReader {
            r,
            delim,
            line: 1,
            after_cr: false,
        }
    }

    /// The next row, or `None` at the end of the input. Blank lines are
    /// returned as a row of one empty cell (the caller skips them).
    pub fn next_row(&mut self) -> io::Result<Option<Row>> {
        let mut state = State::Start;
        let mut cells: Vec<Vec<u8>> = Vec::new();
        let mut cell: Vec<u8> = Vec::new();
        let mut size = 0usize;
        let mut too_large = false;
        let mut start_line: Option<usize> = None;
        loop {
            let buf = match self.r.fill_buf() {
                Ok(b) => b,
                Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
                Err(e) => return Err(e),
            };
            if buf.is_empty() {
                // End of input.
                let Some(line) = start_line else {
                    return Ok(None);
                };
                if too_large {
                    return Ok(Some(Row::TooLarge { line }));
                }
                if state == State::Quoted {
                    return Ok(Some(Row::Unterminated { line }));
                }
                cells.push(cell);
                return Ok(Some(Row::Cells { line, cells }));
            }
            let mut used = 0;
            let mut finished = false;
            for &b in buf {
                used += 1;
                // A LF right after a CR belongs to the same line break.
                if self.after_cr {
                    self.after_cr = false;
                    if b == b'\n' {
                        if state == State::Quoted && !too_large {
                            cell.push(b);
                        }
                        continue;
                    }
                }
                if start_line.is_none() {
                    start_line = Some(self.line);
                }
                let newline = b == b'\n' || b == b'\r';
                if newline {
                    self.line += 1;
                    self.after_cr = b == b'\r';
                }
                size += 1;
                if size > MAX_RECORD_BYTES && !too_large {
                    too_large = true;
                    cells = Vec::new();
                    cell = Vec::new();
                }
                match state {
                    State::Quoted => {
                        if b == b'"' {
                            state = State::QuoteInQuoted;
                        } else if !too_large {
                            cell.push(b);
                        }
                    }
                    State::QuoteInQuoted if b == b'"' => {
                        if !too_large {
                            cell.push(b'"');
                        }
                        state = State::Quoted;
                    }
                    State::Start | State::Plain | State::QuoteInQuoted => {
                        if b == self.delim {
                            if !too_large {
                                cells.push(std::mem::take(&mut cell));
                            }
                            state = State::Start;
                        } else if newline {
                            finished = true;
                            break;
                        } else if b == b'"' && state == State::Start {
                            state = State::Quoted;
                        } else {
                            // Text after a closing quote, or a stray quote
                            // inside a plain cell, is kept as written.
                            if !too_large {
                                cell.push(b);
                            }
                            state = State::Plain;
                        }
                    }
                }
            }
            self.r.consume(used);
            if finished {
                let line = start_line.unwrap_or(self.line);
                if too_large {
                    return Ok(Some(Row::TooLarge { line }));
                }
                cells.push(cell);
                return Ok(Some(Row::Cells { line, cells }));
            }
        }
    }
}

/// A validated header: for each column, its dotted path (`None` for a
/// column without a name, whose cells are ignored).
#[derive(Debug)]
pub struct Header {
    /// Per column, the path segments of its name.
    pub columns: Vec<Option<Vec<String>>>,
}

impl Header {
    /// Check the header row: names trimmed, no duplicates, no name both a
    /// value and a group (`budget` and `budget.total_vnd`), dotted depth
    /// bounded. The error is a message for the skipped file.
    pub fn parse(cells: &[String]) -> Result<Header, Problem> {
        let mut columns = Vec::with_capacity(cells.len());
        let mut names = Vec::with_capacity(cells.len());
        let mut full: HashMap<Vec<String>, usize> = HashMap::new();
        let mut groups: HashMap<Vec<String>, usize> = HashMap::new();
        for (i, c) in cells.iter().enumerate() {
            let name = c.trim().to_string();
            if name.is_empty() {
                columns.push(None);
                names.push(name);
                continue;
            }
            let shown = crate::domain::text::clean_line(&name);
            let segs: Vec<String> = name.split('.').map(|s| s.trim().to_string()).collect();
            if segs.iter().any(String::is_empty) {
                return Err(Problem::HeaderBadName {
                    column: i + 1,
                    name: shown,
                });
            }
            if segs.len() > MAX_COLUMN_DEPTH {
                return Err(Problem::HeaderTooDeep {
                    column: i + 1,
                    name: shown,
                });
            }
            // Linear in the number of columns, however many a hostile
            // header has: every name and every group (proper prefix) seen.
            let conflict = if let Some(&j) = full.get(&segs) {
                Some((j, true))
            } else if let Some(&j) = groups.get(&segs) {
                Some((j, false))
            } else {
                (1..segs.len()).find_map(|k| full.get(&segs[..k]).map(|&j| (j, false)))
            };
            if let Some((j, twice)) = conflict {
                let a = crate::domain::text::clean_line(&names[j]);
                return Err(if twice {
                    Problem::HeaderTwice { name: shown }
                } else {
                    Problem::HeaderConflict {
                        name: shown,
                        other: a,
                    }
                });
            }
            for k in 1..segs.len() {
                groups.entry(segs[..k].to_vec()).or_insert(i);
            }
            full.insert(segs.clone(), i);
            columns.push(Some(segs));
            names.push(name);
        }
        if columns.iter().all(Option::is_none) {
            return Err(Problem::HeaderNoNames);
        }
        Ok(Header { columns })
    }

    /// Build the nested object of one row. Empty cells are absent. Returns
    /// the object, or a message when the row has more non-empty cells than
    /// the header has columns. `ignored` counts non-empty cells under
    /// columns without a name.
    pub fn row_to_value(&self, cells: &[String]) -> Result<(Value, usize), Problem> {
        if cells.len() > self.columns.len()
            && cells[self.columns.len()..]
                .iter()
                .any(|c| !c.trim().is_empty())
        {
            return Err(Problem::TooManyCells {
                cells: cells.len(),
                columns: self.columns.len(),
            });
        }
        let mut root = Map::new();
        let mut ignored = 0;
        for (col, cell) in self.columns.iter().zip(cells) {
            if cell.trim().is_empty() {
                continue;
            }
            let Some(segs) = col else {
                ignored += 1;
                continue;
            };
            insert(&mut root, segs, Value::String(cell.clone()));
        }
        Ok((Value::Object(root), ignored))
    }
}

/// Put `v` at `path` inside `m`, creating the intermediate objects. The
/// header check guarantees no path is both a value and a group.
pub(super) fn insert(m: &mut Map<String, Value>, path: &[String], v: Value) {
    match path {
        [] => {}
        [last] => {
            m.insert(last.clone(), v);
        }
        [first, rest @ ..] => {
            let entry = m
                .entry(first.clone())
                .or_insert_with(|| Value::Object(Map::new()));
            if let Value::Object(inner) = entry {
                insert(inner, rest, v);
            }
        }
    }
}

impl<R> CsvReader<R> {
    /// The reader underneath, for its position.
    pub fn reader(&mut self) -> &mut R {
        &mut self.r
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rows(input: &str, delim: u8) -> Vec<Row> {
        let mut r = CsvReader::new(io::BufReader::with_capacity(7, input.as_bytes()), delim);
        let mut out = Vec::new();
        while let Some(row) = r.next_row().unwrap() {
            out.push(row);
        }
        out
    }

    fn cells(line: usize, cs: &[&str]) -> Row {
        Row::Cells {
            line,
            cells: cs.iter().map(|c| c.as_bytes().to_vec()).collect(),
        }
    }

    #[test]
    fn delimiter_is_detected_from_the_header() {
        assert_eq!(detect_delimiter(b"code;title;province\n1,2,3,4,5"), b';');
        assert_eq!(detect_delimiter(b"code,title,province\r\n"), b',');
        assert_eq!(detect_delimiter(b"\"a;b;c\",d,e\n"), b',');
        assert_eq!(detect_delimiter(b"code"), b',');
    }

    #[test]
    fn quoted_cells_crlf_and_line_numbers() {
        let input = "a,b\r\n1,\"x\r\ny, \"\"z\"\"\"\r\n\r\n2,plain \"q\"\r\n3,\"\"\n";
        assert_eq!(
            rows(input, b','),
            vec![
                cells(1, &["a", "b"]),
                cells(2, &["1", "x\r\ny, \"z\""]),
                cells(4, &[""]),
                cells(5, &["2", "plain \"q\""]),
                cells(6, &["3", ""]),
            ]
        );
    }

    #[test]
    fn last_row_without_line_break_and_unterminated_quote() {
        assert_eq!(
            rows("a;b\n1;2", b';'),
            vec![cells(1, &["a", "b"]), cells(2, &["1", "2"])]
        );
        assert_eq!(
            rows("a,b\n1,\"never closed\n2,3\n", b','),
            vec![cells(1, &["a", "b"]), Row::Unterminated { line: 2 }]
        );
    }

    #[test]
    fn oversized_row_is_skipped_and_the_next_one_read() {
        let big = "x".repeat(MAX_RECORD_BYTES + 1);
        let input = format!("a,b\n1,{big}\n2,ok\n");
        assert_eq!(
            rows(&input, b','),
            vec![
                cells(1, &["a", "b"]),
                Row::TooLarge { line: 2 },
                cells(3, &["2", "ok"]),
            ]
        );
    }

    fn header(names: &[&str]) -> Result<Header, String> {
        Header::parse(&names.iter().map(|s| s.to_string()).collect::<Vec<_>>())
            .map_err(|p| p.to_string())
    }

    #[test]
    fn header_checks() {
        assert!(header(&["code", "budget.national_vnd", "budget.total_vnd"]).is_ok());
        assert_eq!(
            header(&["code", "code "]).unwrap_err(),
            "header: column \"code\" appears twice"
        );
        assert_eq!(
            header(&["budget", "budget.total_vnd"]).unwrap_err(),
            "header: column \"budget.total_vnd\" conflicts with column \"budget\""
        );
        assert_eq!(
            header(&["budget.total_vnd", "budget"]).unwrap_err(),
            "header: column \"budget\" conflicts with column \"budget.total_vnd\""
        );
        assert!(header(&["a..b"]).is_err());
        // A hostile header with 50,000 columns is checked quickly.
        let many: Vec<String> = (0..50_000).map(|i| format!("extra.c{i}")).collect();
        assert_eq!(Header::parse(&many).unwrap().columns.len(), 50_000);
        assert!(header(&["a.b.c.d.e.f.g"]).is_err());
        assert!(header(&["", ""]).is_err());
    }

    #[test]
    fn rows_become_nested_objects() {
        let h = header(&["code", "budget.national_vnd", "budget.total_vnd", ""]).unwrap();
        let row: Vec<String> = ["KC-1", "300.000.000", " ", "ghi chú"]
            .iter()
            .map(|s| s.to_string())
            .collect();
        let (v, ignored) = h.row_to_value(&row).unwrap();
        assert_eq!(
            v,
            serde_json::json!({"code": "KC-1", "budget": {"national_vnd": "300.000.000"}})
        );
        assert_eq!(ignored, 1);
        let long: Vec<String> = ["a", "b", "c", "d", "e"]
            .iter()
            .map(|s| s.to_string())
            .collect();
        assert_eq!(
            h.row_to_value(&long).unwrap_err().to_string(),
            "the row has 5 cells but the header has 4 columns"
        );
    }
}
