//! A text input edited by grapheme cluster: single-line (filter, reason,
//! number) or multi-line (notes). Typed and pasted text is neutralised as it
//! enters (control and bidi characters never reach the terminal); the value
//! handed on is cleaned with `clean_line` / `clean_multiline` (NFC).

use crate::domain::text::{clean_line, clean_multiline, push_neutral};
use unicode_segmentation::UnicodeSegmentation;
use unicode_width::UnicodeWidthStr;

/// The longest text an input accepts, in bytes (a paste beyond is cut).
pub const MAX_INPUT_BYTES: usize = crate::ops::MAX_TEXT_BYTES;

/// A text being edited; the cursor is a byte offset on a grapheme boundary.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct TextInput {
    text: String,
    cursor: usize,
    multiline: bool,
}

impl TextInput {
    /// An empty single-line input.
    pub fn single() -> TextInput {
        TextInput::default()
    }

    /// An empty multi-line input.
    pub fn multi() -> TextInput {
        TextInput {
            multiline: true,
            ..TextInput::default()
        }
    }

    /// A single-line input holding `text`, cursor at the end.
    pub fn with_text(text: &str) -> TextInput {
        let mut t = TextInput::single();
        t.insert(text);
        t
    }

    /// The raw text being edited.
    pub fn text(&self) -> &str {
        &self.text
    }

    /// The cursor's byte offset.
    pub fn cursor(&self) -> usize {
        self.cursor
    }

    /// True for a multi-line input.
    pub fn is_multiline(&self) -> bool {
        self.multiline
    }

    /// The value to hand on: NFC, neutralised, trimmed.
    pub fn value(&self) -> String {
        if self.multiline {
            clean_multiline(&self.text)
                .trim_start_matches('\n')
                .to_string()
        } else {
            clean_line(&self.text)
        }
    }

    /// Insert typed or pasted text at the cursor. Line breaks become spaces
    /// in a single-line input; tabs become spaces; every other character
    /// that `clean_*` would neutralise (controls, bidi, invisible
    /// formatting) is treated the same way here, by the same rule.
    pub fn insert(&mut self, s: &str) {
        let room = MAX_INPUT_BYTES.saturating_sub(self.text.len());
        let mut add = String::with_capacity(s.len().min(room));
        let mut piece = String::new();
        let mut chars = s.chars().peekable();
        while let Some(c) = chars.next() {
            piece.clear();
            match c {
                '\r' if chars.peek() == Some(&'\n') => continue,
                // A tab is one space even in a note: the cursor maps exactly.
                '\t' => piece.push(' '),
                c => push_neutral(&mut piece, c, self.multiline),
            }
            if add.len() + piece.len() > room {
                break;
            }
            add.push_str(&piece);
        }
        self.text.insert_str(self.cursor, &add);
        self.cursor += add.len();
    }

    /// Start a new line (multi-line inputs only).
    pub fn newline(&mut self) {
        if self.multiline {
            self.insert("\n");
        }
    }

    fn prev_boundary(&self) -> Option<usize> {
        self.text[..self.cursor]
            .grapheme_indices(true)
            .next_back()
            .map(|(i, _)| i)
    }

    fn next_boundary(&self) -> Option<usize> {
        self.text[self.cursor..]
            .graphemes(true)
            .next()
            .map(|g| self.cursor + g.len())
    }

    /// Delete the grapheme before the cursor.
    pub fn backspace(&mut self) {
        if let Some(p) = self.prev_boundary() {
            self.text.replace_range(p..self.cursor, "");
            self.cursor = p;
        }
    }

    /// Delete the grapheme under the cursor.
    pub fn delete(&mut self) {
        if let Some(n) = self.next_boundary() {
            self.text.replace_range(self.cursor..n, "");
        }
    }

    /// Cursor one grapheme left.
    pub fn left(&mut self) {
        if let Some(p) = self.prev_boundary() {
            self.cursor = p;
        }
    }

    /// Cursor one grapheme right.
    pub fn right(&mut self) {
        if let Some(n) = self.next_boundary() {
            self.cursor = n;
        }
    }

    fn word_start_before(&self) -> usize {
        let mut pos = 0;
        for (i, w) in self.text[..self.cursor].split_word_bound_indices() {
            if !w.trim().is_empty() {
                pos = i;
            }
        }
        pos
    }

    /// Cursor to the start of the previous word.
    pub fn word_left(&mut self) {
        self.cursor = self.word_start_before();
    }

    /// Cursor past the end of the next word.
    pub fn word_right(&mut self) {
        let base = self.cursor;
        let mut seen_word = false;
        for (i, w) in self.text[base..].split_word_bound_indices() {
            if w.trim().is_empty() {
                if seen_word {
                    self.cursor = base + i;
                    return;
                }
            } else {
                seen_word = true;
            }
        }
        self.cursor = self.text.len();
    }

    /// Delete from the start of the previous word to the cursor.
    pub fn delete_word(&mut self) {
        let start = self.word_start_before();
        self.text.replace_range(start..self.cursor, "");
        self.cursor = start;
    }

    fn line_start_of(&self, at: usize) -> usize {
        self.text[..at].rfind('\n').map_or(0, |i| i + 1)
    }

    fn line_end_of(&self, at: usize) -> usize {
        self.text[at..]
            .find('\n')
            .map_or(self.text.len(), |i| at + i)
    }

    /// Delete from the start of the cursor's line to the cursor (readline
    /// `C-u`); in a multi-line input the line break before stays.
    pub fn delete_to_line_start(&mut self) {
        let start = self.line_start_of(self.cursor);
        self.text.replace_range(start..self.cursor, "");
        self.cursor = start;
    }

    /// Delete from the cursor to the end of its line (readline `C-k`); the
    /// line break after stays.
    pub fn delete_to_line_end(&mut self) {
        let end = self.line_end_of(self.cursor);
        self.text.replace_range(self.cursor..end, "");
    }

    /// Cursor to the start of its line.
    pub fn home(&mut self) {
        self.cursor = self.line_start_of(self.cursor);
    }

    /// Cursor to the end of its line.
    pub fn end(&mut self) {
        self.cursor = self.line_end_of(self.cursor);
    }

    /// Byte offset in `line` of the grapheme boundary nearest to `col` columns.
    fn offset_at_col(line: &str, col: usize) -> usize {
        let mut w = 0;
        for (i, g) in line.grapheme_indices(true) {
            let gw = g.width();
            if w + gw > col {
                return i;
            }
            w += gw;
        }
        line.len()
    }

    /// Cursor one line up, keeping its column (multi-line).
    pub fn up(&mut self) {
        let start = self.line_start_of(self.cursor);
        if start == 0 {
            return;
        }
        let col = self.text[start..self.cursor].width();
        let prev_start = self.line_start_of(start - 1);
        let prev = &self.text[prev_start..start - 1];
        self.cursor = prev_start + Self::offset_at_col(prev, col);
    }

    /// Cursor one line down, keeping its column (multi-line).
    pub fn down(&mut self) {
        let end = self.line_end_of(self.cursor);
        if end >= self.text.len() {
            return;
        }
        let col = self.text[self.line_start_of(self.cursor)..self.cursor].width();
        let next_start = end + 1;
        let next_end = self.line_end_of(next_start);
        self.cursor = next_start + Self::offset_at_col(&self.text[next_start..next_end], col);
    }

    /// The text wrapped to `width` columns (by grapheme; words are not kept
    /// whole, so the cursor maps exactly), with the cursor's (row, column).
    pub fn layout(&self, width: usize) -> (Vec<String>, (usize, usize)) {
        let width = width.max(2);
        let mut rows = vec![String::new()];
        let mut col = 0;
        let mut cursor = (0, 0);
        let mut found = false;
        for (i, g) in self.text.grapheme_indices(true) {
            if i == self.cursor {
                cursor = (rows.len() - 1, col);
                found = true;
            }
            if g == "\n" || g == "\r\n" {
                rows.push(String::new());
                col = 0;
                continue;
            }
            let gw = g.width();
            if col + gw > width {
                rows.push(String::new());
                col = 0;
                if i == self.cursor {
                    cursor = (rows.len() - 1, 0);
                }
            }
            if let Some(last) = rows.last_mut() {
                last.push_str(g);
            }
            col += gw;
        }
        if !found {
            if col >= width {
                rows.push(String::new());
                col = 0;
            }
            cursor = (rows.len() - 1, col);
        }
        (rows, cursor)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn backspace_removes_a_whole_grapheme_even_in_nfd() {
        let mut t = TextInput::single();
        // "Hoà" typed as NFD: a + combining grave.
        t.insert("Hoa\u{300}");
        t.backspace();
        assert_eq!(t.text(), "Ho");
        t.insert("ằ");
        t.left();
        t.left();
        t.insert("X");
        assert_eq!(t.text(), "HXoằ");
        t.right();
        t.delete();
        assert_eq!(t.text(), "HXo");
    }

    #[test]
    fn vietnamese_value_is_nfc_and_clean() {
        let mut t = TextInput::single();
        t.insert("  Thie\u{302}\u{301}u ba\u{309}n sao\u{1b}[31m  ");
        assert_eq!(t.value(), "Thiếu bản sao␛[31m");
        assert!(!t.text().contains('\u{1b}'));
    }

    #[test]
    fn paste_into_single_line_flattens_line_breaks() {
        let mut t = TextInput::single();
        t.insert("dòng 1\r\ndòng 2\u{202e}");
        assert_eq!(t.text(), "dòng 1 dòng 2\u{FFFD}");
        let mut m = TextInput::multi();
        m.insert("dòng 1\r\ndòng 2\n");
        m.newline();
        m.insert("ba");
        assert_eq!(m.text(), "dòng 1\ndòng 2\n\nba");
        assert_eq!(m.value(), "dòng 1\ndòng 2\n\nba");
    }

    #[test]
    fn huge_paste_is_cut_at_the_limit_on_a_char_boundary() {
        let mut t = TextInput::multi();
        t.insert(&"ệ".repeat(MAX_INPUT_BYTES));
        assert!(t.text().len() <= MAX_INPUT_BYTES);
        assert!(t.text().chars().all(|c| c == 'ệ'));
    }

    #[test]
    fn words_and_lines() {
        let mut t = TextInput::multi();
        t.insert("hồ sơ thiếu\nbáo giá");
        t.word_left();
        assert_eq!(&t.text()[t.cursor()..], "giá");
        t.delete_word();
        assert_eq!(t.text(), "hồ sơ thiếu\ngiá");
        t.up();
        assert_eq!(&t.text()[t.cursor()..], "hồ sơ thiếu\ngiá");
        t.end();
        t.down();
        assert_eq!(t.cursor(), t.text().len());
        t.home();
        t.word_right();
        assert_eq!(&t.text()[t.cursor()..], "");
    }

    /// An input holding `text` with the cursor at the `|` in it.
    fn at(text: &str, multi: bool) -> TextInput {
        let (before, after) = text.split_once('|').unwrap_or((text, ""));
        let mut t = if multi {
            TextInput::multi()
        } else {
            TextInput::single()
        };
        t.insert(before);
        t.insert(after);
        t.cursor = before.len();
        t
    }

    /// The text with `|` at the cursor.
    fn shown(t: &TextInput) -> String {
        format!("{}|{}", &t.text()[..t.cursor()], &t.text()[t.cursor()..])
    }

    #[test]
    fn every_readline_key_edits_by_grapheme() {
        // "ệ" typed as NFD (e, circumflex, dot below) is one grapheme.
        let e = "e\u{302}\u{323}";
        // (key, what it does, before, after) with the cursor at `|`.
        type Edit = fn(&mut TextInput);
        let cases: Vec<(&str, Edit, String, String)> = vec![
            (
                "C-u",
                TextInput::delete_to_line_start,
                format!("hồ s{e}|n"),
                "|n".into(),
            ),
            (
                "C-u at the start",
                TextInput::delete_to_line_start,
                "|18".into(),
                "|18".into(),
            ),
            (
                "C-k",
                TextInput::delete_to_line_end,
                format!("hồ |s{e}n"),
                "hồ |".into(),
            ),
            (
                "C-k at the end",
                TextInput::delete_to_line_end,
                "18|".into(),
                "18|".into(),
            ),
            (
                "C-w",
                TextInput::delete_word,
                format!("thiếu b{e}n|"),
                "thiếu |".into(),
            ),
            (
                "C-w over spaces",
                TextInput::delete_word,
                "thiếu báo  |x".into(),
                "thiếu |x".into(),
            ),
            (
                "C-w at the start",
                TextInput::delete_word,
                "|x".into(),
                "|x".into(),
            ),
            (
                "C-a / Home",
                TextInput::home,
                "Trà Vinh|".into(),
                "|Trà Vinh".into(),
            ),
            (
                "C-e / End",
                TextInput::end,
                "|Trà Vinh".into(),
                "Trà Vinh|".into(),
            ),
            (
                "Left / C-b",
                TextInput::left,
                format!("s{e}|n"),
                format!("s|{e}n"),
            ),
            (
                "Right / C-f",
                TextInput::right,
                format!("s|{e}n"),
                format!("s{e}|n"),
            ),
            (
                "Backspace / C-h",
                TextInput::backspace,
                format!("s{e}|n"),
                "s|n".into(),
            ),
            (
                "Delete / C-d",
                TextInput::delete,
                format!("s|{e}n"),
                "s|n".into(),
            ),
            (
                "A-b",
                TextInput::word_left,
                "hồ sơ| x".into(),
                "hồ |sơ x".into(),
            ),
            (
                "A-f",
                TextInput::word_right,
                "|hồ sơ x".into(),
                "hồ| sơ x".into(),
            ),
        ];
        for (key, edit, before, after) in cases {
            let mut t = at(&before, false);
            assert_eq!(shown(&t), before, "{key}: setup");
            edit(&mut t);
            assert_eq!(shown(&t), after, "{key}");
        }
    }

    #[test]
    fn line_kills_stay_on_their_line_in_a_note() {
        let mut t = at("dòng một\ndòng| hai\nba", true);
        t.delete_to_line_start();
        assert_eq!(shown(&t), "dòng một\n| hai\nba");
        t.delete_to_line_start();
        assert_eq!(shown(&t), "dòng một\n| hai\nba");
        t.delete_to_line_end();
        assert_eq!(shown(&t), "dòng một\n|\nba");
        t.backspace();
        t.delete_to_line_end();
        assert_eq!(shown(&t), "dòng một|\nba");
    }

    #[test]
    fn layout_wraps_by_width_and_places_the_cursor() {
        let mut t = TextInput::multi();
        t.insert("Trà Vinh 越南\nab");
        let (rows, cur) = t.layout(6);
        assert_eq!(rows, vec!["Trà Vi", "nh 越", "南", "ab"]);
        assert_eq!(cur, (3, 2));
        let (rows, cur) = TextInput::with_text("abcdef").layout(6);
        assert_eq!(rows, vec!["abcdef", ""]);
        assert_eq!(cur, (1, 0));
    }
}
