//! Plain-text tables for the terminal: columns measured with
//! unicode-width (Vietnamese text aligns), long cells cut with `…`.

use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

/// How a column is aligned.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Align {
    Left,
    Right,
}

/// A table built row by row, rendered once.
pub struct Table {
    headers: Vec<(String, Align, usize)>,
    rows: Vec<Vec<String>>,
    /// Lines printed between rows (e.g. the budget cut line), by row index.
    rules_before: Vec<(usize, String)>,
}

impl Table {
    /// Columns: header, alignment, maximum width (0 = unlimited).
    pub fn new(columns: &[(&str, Align, usize)]) -> Table {
        Table {
            headers: columns
                .iter()
                .map(|(h, a, w)| (h.to_string(), *a, *w))
                .collect(),
            rows: Vec::new(),
            rules_before: Vec::new(),
        }
    }

    pub fn row(&mut self, cells: Vec<String>) {
        self.rows.push(cells);
    }

    /// A full-width line with `label` before the next row added.
    pub fn rule(&mut self, label: &str) {
        self.rules_before.push((self.rows.len(), label.to_string()));
    }

    pub fn is_empty(&self) -> bool {
        self.rows.is_empty()
    }

    pub fn render(&self) -> String {
        let n = self.headers.len();
        let mut widths: Vec<usize> = self.headers.iter().map(|(h, _, _)| h.width()).collect();
        for row in &self.rows {
            for (i, cell) in row.iter().enumerate().take(n) {
                widths[i] = widths[i].max(cell.width());
            }
        }
        for (i, (_, _, max)) in self.headers.iter().enumerate() {
            if *max > 0 {
                widths[i] = widths[i].min(*max);
            }
        }
        let total: usize = widths.iter().sum::<usize>() + 2 * n.saturating_sub(1);
        let mut out = String::new();
        let header: Vec<String> = self.headers.iter().map(|(h, _, _)| h.clone()).collect();
        self.line(&mut out, &header, &widths);
        let mut rules = self.rules_before.iter().peekable();
        for (i, row) in self.rows.iter().enumerate() {
            while let Some((_, label)) = rules.next_if(|(at, _)| *at == i) {
                rule_line(&mut out, label, total);
            }
            self.line(&mut out, row, &widths);
        }
        for (_, label) in rules {
            rule_line(&mut out, label, total);
        }
        out
    }

    fn line(&self, out: &mut String, cells: &[String], widths: &[usize]) {
        let mut line = String::new();
        for (i, w) in widths.iter().enumerate() {
            let cell = cells.get(i).map(String::as_str).unwrap_or("");
            let cell = truncate(cell, *w);
            let pad = w.saturating_sub(cell.width());
            if i > 0 {
                line.push_str("  ");
            }
            match self.headers[i].1 {
                Align::Left => {
                    line.push_str(&cell);
                    line.push_str(&" ".repeat(pad));
                }
                Align::Right => {
                    line.push_str(&" ".repeat(pad));
                    line.push_str(&cell);
                }
            }
        }
        out.push_str(line.trim_end());
        out.push('\n');
    }
}

fn rule_line(out: &mut String, label: &str, total: usize) {
    let text = format!("── {label} ");
    let pad = total.saturating_sub(text.width());
    out.push_str(&text);
    out.push_str(&"─".repeat(pad));
    out.push('\n');
}

/// Cut `s` to at most `max` columns, ending with `…` when cut.
pub fn truncate(s: &str, max: usize) -> String {
    if s.width() <= max {
        return s.to_string();
    }
    let mut out = String::new();
    let mut used = 0;
    for c in s.chars() {
        let w = c.width().unwrap_or(0);
        if used + w + 1 > max {
            break;
        }
        out.push(c);
        used += w;
    }
    out.push('…');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn vietnamese_columns_align_and_long_cells_are_cut() {
        let mut t = Table::new(&[
            ("CODE", Align::Left, 0),
            ("TỈNH", Align::Left, 8),
            ("TR", Align::Right, 0),
        ]);
        t.row(vec!["A".into(), "Trà Vinh".into(), "300".into()]);
        t.row(vec!["BB".into(), "Thừa Thiên Huế".into(), "85".into()]);
        t.rule("cut line");
        let s = t.render();
        let lines: Vec<&str> = s.lines().collect();
        assert_eq!(lines[0], "CODE  TỈNH       TR");
        assert_eq!(lines[1], "A     Trà Vinh  300");
        assert_eq!(lines[2], "BB    Thừa Th…   85");
        assert!(lines[3].starts_with("── cut line ──"));
        assert_eq!(truncate("abc", 3), "abc");
    }
}
