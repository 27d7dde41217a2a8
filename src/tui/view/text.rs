//! Fitting text into columns: truncation and word wrapping by display width
//! (grapheme clusters measured with unicode-width), and highlighting of the
//! fuzzy filter's matched characters.

use ratatui::style::Style;
use ratatui::text::Span;
use unicode_segmentation::UnicodeSegmentation;
use unicode_width::UnicodeWidthStr;

/// Display width of a text.
pub fn width(s: &str) -> usize {
    s.width()
}

/// `s` cut to at most `w` columns (with `ellipsis` when cut), then padded
/// with spaces to exactly `w` columns (on the left when `right`).
pub fn fit(s: &str, w: usize, ellipsis: &str, right: bool) -> String {
    let mut out = String::new();
    let mut used = 0;
    let total = s.width();
    if total <= w {
        out.push_str(s);
        used = total;
    } else if w > 0 {
        let room = w.saturating_sub(ellipsis.width());
        for g in s.graphemes(true) {
            let gw = g.width();
            if used + gw > room {
                break;
            }
            out.push_str(g);
            used += gw;
        }
        out.push_str(ellipsis);
        used += ellipsis.width();
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
    let cut = s.width() > w;
    let room = if cut {
        w.saturating_sub(ellipsis.width())
    } else {
        w
    };
    let mut spans: Vec<Span<'static>> = Vec::new();
    let mut buf = String::new();
    let mut buf_hl = false;
    let mut used = 0;
    let mut ci = first_char;
    for g in s.graphemes(true) {
        let gw = g.width();
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
        buf.push_str(g);
        used += gw;
        ci += n;
    }
    if !buf.is_empty() {
        spans.push(Span::styled(buf, if buf_hl { hl } else { base }));
    }
    if cut {
        spans.push(Span::styled(ellipsis.to_string(), base));
        used += ellipsis.width();
    }
    if used < w {
        spans.push(Span::styled(" ".repeat(w - used), base));
    }
    spans
}

/// Word-wrap `s` (which may hold line breaks) to `w` columns; words longer
/// than a line are broken by grapheme.
pub fn wrap(s: &str, w: usize) -> Vec<String> {
    let w = w.max(1);
    let mut out = Vec::new();
    for para in s.split('\n') {
        let mut line = String::new();
        let mut lw = 0;
        for word in para.split_word_bounds() {
            let ww = word.width();
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
