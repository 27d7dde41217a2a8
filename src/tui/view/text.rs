//! Text as it is drawn: neutralised and made to take exactly the columns
//! terminals give it ([`display`]), fitted into columns (truncation and word
//! wrapping by display width, grapheme by grapheme), with the fuzzy
//! filter's matched characters highlighted; and [`guard`], the last pass
//! over every cell of a frame.

use crate::domain::text::{MAX_MARKS, needs_escape, push_neutral};
use ratatui::buffer::{Buffer, CellWidth};
use ratatui::style::Style;
use ratatui::text::Span;
use std::borrow::Cow;
use unicode_normalization::char::is_combining_mark;
use unicode_segmentation::UnicodeSegmentation;
use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

/// Variation selectors (text or emoji presentation, CJK and Mongolian
/// variants).
fn is_variation_selector(c: char) -> bool {
    matches!(
        c,
        '\u{FE00}'..='\u{FE0F}' | '\u{E0100}'..='\u{E01EF}' | '\u{180B}'..='\u{180D}' | '\u{180F}'
    )
}

/// Regional indicator symbols: two of them make a flag.
fn is_regional_indicator(c: char) -> bool {
    matches!(c, '\u{1F1E6}'..='\u{1F1FF}')
}

/// Emoji skin-tone modifiers.
fn is_emoji_modifier(c: char) -> bool {
    matches!(c, '\u{1F3FB}'..='\u{1F3FF}')
}

/// True for a character that [`display`] may change.
fn is_adjusted(c: char) -> bool {
    needs_escape(c)
        || is_combining_mark(c)
        || matches!(c, '\u{200C}' | '\u{200D}')
        || is_variation_selector(c)
        || is_regional_indicator(c)
        || is_emoji_modifier(c)
}

/// Append grapheme `g` as it is drawn. Terminals give every character its
/// own `wcwidth` (a wide one two columns, a mark none) while ratatui gives
/// the whole grapheme the width Unicode says it has; where the two could
/// differ the grapheme is simplified until they agree:
///
/// - every character [`needs_escape`] says must not reach a terminal is
///   neutralised by the rule of `clean_line` (text stored by an older rule
///   may hold some);
/// - a ZWJ emoji sequence (👨‍👩‍👧) is drawn as its first emoji, other
///   joiners (ZWJ, ZWNJ) are left out;
/// - a flag (a pair of regional indicators, 🇻🇳) is drawn as its two
///   letters (`VN`);
/// - variation selectors (VS15/VS16 …) and skin-tone modifiers after a
///   base are left out;
/// - at most [`MAX_MARKS`] combining marks are kept on the base, and a mark
///   with no base is left out;
/// - anything still measured differently is cut to its first character.
fn push_grapheme(out: &mut String, g: &str) {
    let start = out.len();
    let mut chars = g.chars();
    let Some(first) = chars.next() else {
        return;
    };
    // Emoji and other symbols: a joiner after them starts a ZWJ sequence.
    let symbol = !first.is_ascii() && !first.is_alphanumeric();
    let mut marks = 0;
    for (i, c) in std::iter::once(first).chain(chars).enumerate() {
        match c {
            '\u{200D}' if symbol => break,
            '\u{200C}' | '\u{200D}' => {}
            c if is_variation_selector(c) => {}
            c if is_emoji_modifier(c) && i > 0 => {}
            c if is_regional_indicator(c) => {
                out.push(char::from(b'A' + (u32::from(c) - 0x1F1E6) as u8));
            }
            c if is_combining_mark(c) => {
                marks += 1;
                if i > 0 && marks <= MAX_MARKS {
                    out.push(c);
                }
            }
            c => push_neutral(out, c, false),
        }
    }
    let piece = &out[start..];
    let terminal: usize = piece.chars().map(|c| c.width().unwrap_or(0)).sum();
    if piece.width() != terminal {
        let keep = piece.chars().next().map_or(0, char::len_utf8);
        out.truncate(start + keep);
    }
}

/// `s` as it is drawn (see `push_grapheme`): neutralised, and made of
/// graphemes whose width ratatui and terminals count alike, so that nothing
/// after it (a column, a pane border) moves. Line breaks become spaces;
/// split multi-line text with [`wrap`] or [`paragraphs`] first. Borrowed
/// when there is nothing to change, which is nearly always.
pub fn display(s: &str) -> Cow<'_, str> {
    if s.bytes().all(|b| (b' '..=b'~').contains(&b)) || s.chars().all(|c| !is_adjusted(c)) {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len());
    for g in s.graphemes(true) {
        push_grapheme(&mut out, g);
    }
    Cow::Owned(out)
}

/// The lines of multi-line text: split at line feeds and at the line and
/// paragraph separators U+2028/U+2029 (text stored before they were
/// neutralised on import may hold them).
pub fn paragraphs(s: &str) -> impl Iterator<Item = &str> {
    s.split(['\n', '\u{2028}', '\u{2029}'])
}

/// Display width of a text as drawn: the sum of its graphemes' widths,
/// which is how ratatui places them.
pub fn width(s: &str) -> usize {
    if s.is_ascii() {
        return s.len();
    }
    display(s).graphemes(true).map(UnicodeWidthStr::width).sum()
}

/// The ASCII stand-in of a typographic glyph the interface uses between
/// words (`·`, `…`, dashes, `×`, `•`, `≤`), for the ASCII look: a terminal
/// without UTF-8 would show each of their bytes.
fn ascii_glyph(sym: &str) -> Option<&'static str> {
    Some(match sym {
        "·" => ".",
        "…" => ".",
        "–" | "—" | "─" => "-",
        "×" => "x",
        "•" => "*",
        "≤" => "<",
        "≥" => ">",
        "→" => ">",
        "←" | "↩" => "<",
        _ => return None,
    })
}

/// The last pass over a drawn frame: every cell whose symbol still holds
/// something [`display`] would change (a widget wrote raw text) gets the
/// displayed form, cut or padded with spaces to the columns the cell takes,
/// so no character that acts on a terminal leaves the program and no border
/// moves, whichever widget wrote the text. With `ascii`, the interface's
/// typographic glyphs become ASCII too (`·` → `.`).
pub fn guard(buf: &mut Buffer, ascii: bool) {
    for cell in &mut buf.content {
        let sym = cell.symbol();
        if sym.len() == 1 && !sym.as_bytes()[0].is_ascii_control() {
            continue;
        }
        if ascii && let Some(a) = ascii_glyph(sym) {
            cell.set_symbol(a);
            continue;
        }
        let Cow::Owned(shown) = display(sym) else {
            continue;
        };
        // (`cell_width` must not see a lone control byte.)
        let cols = if sym.len() == 1 {
            1
        } else {
            usize::from(sym.cell_width()).max(1)
        };
        let mut fixed = String::with_capacity(shown.len());
        let used = push_cols(&mut fixed, &shown, cols);
        fixed.extend(std::iter::repeat_n(' ', cols - used));
        cell.set_symbol(&fixed);
    }
}

/// Append the graphemes of `s` (already [`display`]ed) that fit in `cols`
/// columns; returns the columns used.
fn push_cols(out: &mut String, s: &str, cols: usize) -> usize {
    let mut used = 0;
    for g in s.graphemes(true) {
        let gw = g.width();
        if used + gw > cols {
            break;
        }
        out.push_str(g);
        used += gw;
    }
    used
}

/// `s` cut to at most `w` columns (with `ellipsis` when cut), then padded
/// with spaces to exactly `w` columns (on the left when `right`).
pub fn fit(s: &str, w: usize, ellipsis: &str, right: bool) -> String {
    let s = display(s);
    let mut out = String::new();
    let mut used = 0;
    let total = width(&s);
    if total <= w {
        out.push_str(&s);
        used = total;
    } else if w > 0 {
        used = push_cols(&mut out, &s, w.saturating_sub(width(ellipsis)));
        out.push_str(ellipsis);
        used += width(ellipsis);
    }
    let pad = " ".repeat(w.saturating_sub(used));
    if right {
        format!("{pad}{out}")
    } else {
        format!("{out}{pad}")
    }
}

/// Spans of `s` fitted to `w` columns, with the chars whose index (counted
/// from `first_char`, the index of `s`'s first char in the searched text) is
/// in `positions` styled `hl`.
pub fn highlighted(
    s: &str,
    first_char: usize,
    positions: &[usize],
    w: usize,
    base: Style,
    hl: Style,
    ellipsis: &str,
) -> Vec<Span<'static>> {
    if positions.is_empty() {
        return vec![Span::styled(fit(s, w, ellipsis, false), base)];
    }
    let cut = width(s) > w;
    let room = if cut {
        w.saturating_sub(width(ellipsis))
    } else {
        w
    };
    let mut spans: Vec<Span<'static>> = Vec::new();
    let mut buf = String::new();
    let mut buf_hl = false;
    let mut used = 0;
    let mut ci = first_char;
    for g in s.graphemes(true) {
        let shown = display(g);
        let gw = width(&shown);
        if used + gw > room {
            break;
        }
        let n = g.chars().count();
        let is_hl = (ci..ci + n).any(|i| positions.binary_search(&i).is_ok());
        if is_hl != buf_hl && !buf.is_empty() {
            spans.push(Span::styled(
                std::mem::take(&mut buf),
                if buf_hl { hl } else { base },
            ));
        }
        buf_hl = is_hl;
        buf.push_str(&shown);
        used += gw;
        ci += n;
    }
    if !buf.is_empty() {
        spans.push(Span::styled(buf, if buf_hl { hl } else { base }));
    }
    if cut {
        spans.push(Span::styled(ellipsis.to_string(), base));
        used += width(ellipsis);
    }
    if used < w {
        spans.push(Span::styled(" ".repeat(w - used), base));
    }
    spans
}

/// Word-wrap `s` (which may hold line breaks) to `w` columns, as drawn
/// ([`display`]); words longer than a line are broken by grapheme.
pub fn wrap(s: &str, w: usize) -> Vec<String> {
    let w = w.max(1);
    let mut out = Vec::new();
    for para in paragraphs(s) {
        let para = display(para);
        let mut line = String::new();
        let mut lw = 0;
        for word in para.split_word_bounds() {
            let ww = width(word);
            if lw + ww <= w {
                line.push_str(word);
                lw += ww;
                continue;
            }
            if word.trim().is_empty() {
                out.push(std::mem::take(&mut line));
                lw = 0;
                continue;
            }
            if lw > 0 {
                out.push(std::mem::take(&mut line).trim_end().to_string());
                lw = 0;
            }
            for g in word.graphemes(true) {
                let gw = g.width();
                if lw + gw > w && lw > 0 {
                    out.push(std::mem::take(&mut line));
                    lw = 0;
                }
                line.push_str(g);
                lw += gw;
            }
        }
        out.push(line.trim_end().to_string());
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fit_by_display_width() {
        assert_eq!(fit("Trà Vinh", 5, "…", false), "Trà …");
        assert_eq!(fit("Gia Lai", 9, "…", false), "Gia Lai  ");
        assert_eq!(fit("300 tr", 8, "…", true), "  300 tr");
        assert_eq!(fit("越南越南", 5, "…", false), "越南…");
        assert_eq!(fit("越南越南", 6, "…", false), "越南… ");
        assert_eq!(fit("abc", 0, "…", false), "");
    }

    /// Every grapheme takes the columns a terminal gives its characters.
    fn aligned(s: &str) -> bool {
        s.graphemes(true)
            .all(|g| g.width() == g.chars().map(|c| c.width().unwrap_or(0)).sum::<usize>())
    }

    #[test]
    fn graphemes_are_drawn_as_terminals_count_them() {
        let family = "👨\u{200D}👩\u{200D}👧\u{200D}👦";
        assert_eq!(display(family), "👨");
        assert_eq!(display("🇻🇳 Việt Nam"), "VN Việt Nam");
        assert_eq!(display("❤\u{FE0F} ☺\u{FE0E}"), "❤ ☺");
        assert_eq!(display("👍\u{1F3FD}"), "👍");
        assert_eq!(display("1\u{FE0F}\u{20E3}"), "1\u{20E3}");
        let zalgo = format!("e{}", "\u{0300}\u{0316}".repeat(25));
        assert_eq!(display(&zalgo).chars().count(), 1 + MAX_MARKS);
        // Not removed on import by the older rule: neutralised here.
        assert_eq!(
            display("a\u{E0041}\u{E0042}b\u{202E}c\u{2028}d\u{9B}"),
            "ab\u{FFFD}c d\u{FFFD}"
        );
        assert_eq!(display("\u{0301}x"), "x");
        // Indic joiners are left out, the letters kept.
        assert_eq!(display("क्\u{200D}ष"), "क्ष");
        for s in [family, "🇻🇳🇺🇸", &zalgo, "❤\u{FE0F}", "a\u{E0041}", "ｶﾞ", "لا"]
        {
            assert!(aligned(&display(s)), "{s:?}");
        }
        // Widths add up grapheme by grapheme, as ratatui places them (the
        // lam-alef ligature is one column to Unicode, two cells to ratatui).
        assert_eq!(width("لا"), 2);
        assert_eq!(width(family), 2);
        // Ordinary text is not copied.
        assert!(matches!(display("Cơ khí Ứng Hòa 越南"), Cow::Borrowed(_)));
    }

    #[test]
    fn fitting_and_wrapping_measure_what_is_drawn() {
        assert_eq!(fit("🇻🇳👨\u{200D}👩x", 6, "…", false), "VN👨x ");
        assert_eq!(fit("❤\u{FE0F}❤\u{FE0F}❤\u{FE0F}", 2, "…", false), "❤…");
        assert_eq!(wrap("a\u{2028}b\u{2029}c", 4), vec!["a", "b", "c"]);
        let spans = highlighted("🇻🇳ab", 0, &[3], 5, Style::new(), Style::new(), "…");
        let text: String = spans.iter().map(|s| s.content.as_ref()).collect();
        assert_eq!(text, "VNab ");
    }

    #[test]
    fn the_guard_fixes_raw_cells_without_moving_anything() {
        let mut buf = Buffer::empty(ratatui::layout::Rect::new(0, 0, 12, 1));
        buf.set_string(
            0,
            0,
            "a\u{E0041}❤\u{FE0F}🇻🇳x\u{0301}\u{0301}\u{0301}\u{0301}\u{0301}\u{0301}|",
            Style::new(),
        );
        guard(&mut buf, false);
        let cells: Vec<&str> = buf.content.iter().map(|c| c.symbol()).collect();
        assert_eq!(cells[0], "a");
        assert_eq!(cells[1], "❤ ");
        assert_eq!(cells[3], "VN");
        assert_eq!(cells[5].chars().count(), 1 + MAX_MARKS);
        assert_eq!(cells[6], "|");
        assert!(cells.iter().all(|c| !c.chars().any(needs_escape)));
    }

    #[test]
    fn wrap_keeps_words_and_breaks_long_ones() {
        assert_eq!(
            wrap("hồ sơ thiếu báo giá", 8),
            vec!["hồ sơ", "thiếu", "báo giá"]
        );
        assert_eq!(wrap("abcdefghij", 4), vec!["abcd", "efgh", "ij"]);
        assert_eq!(wrap("a\n\nb", 4), vec!["a", "", "b"]);
    }
}
