//! The ranking view: one category ordered by score, the cumulative national
//! support, and the cut line at the allocation.

use crate::tui::app::State;
use crate::tui::strings::fill;
use crate::tui::view::text::fit;
use crate::tui::view::theme::Theme;
use crate::tui::view::{pane_block, scroll_offset};
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

const RANK_W: usize = 4;
const CODE_W: usize = 12;
const SCORE_W: usize = 5;
const MONEY_W: usize = 11;

/// The first six columns, fitted; the seventh (within budget) follows.
fn row(cells: [&str; 6], w: usize, ell: &str) -> String {
    let fixed = 1 + RANK_W + 1 + CODE_W + 1 + 1 + SCORE_W + 1 + MONEY_W + 1 + MONEY_W + 1 + 3;
    let prov_w = w.saturating_sub(fixed).max(4);
    format!(
        "{} {} {} {} {} {} ",
        fit(cells[0], RANK_W, ell, true),
        fit(cells[1], CODE_W, ell, false),
        fit(cells[2], prov_w, ell, false),
        fit(cells[3], SCORE_W, ell, true),
        fit(cells[4], MONEY_W, ell, true),
        fit(cells[5], MONEY_W, ell, true),
    )
}

/// Draw the ranking view.
pub fn render(state: &State, theme: &Theme, frame: &mut Frame, area: Rect) {
    let s = state.strings;
    let r = &state.ranking;
    let alloc = r
        .allocation
        .map_or(s.no_allocation.to_string(), |v| v.millions());
    let title = fill(
        s.ranking_title,
        &[("category", r.category.id()), ("allocation", &alloc)],
    );
    let block = pane_block(theme, title, true);
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let w = usize::from(inner.width);
    let h = usize::from(inner.height);
    let ell = theme.ellipsis();
    let hd = s.ranking_header;
    let mut lines = vec![Line::from(Span::styled(
        format!(
            " {}{}",
            row([hd[0], hd[1], hd[2], hd[3], hd[4], hd[5]], w, ell),
            hd[6]
        ),
        theme.label(),
    ))];
    if r.rows.is_empty() {
        lines.push(Line::from(Span::styled(s.nothing, theme.dim())));
        frame.render_widget(Paragraph::new(lines), inner);
        return;
    }
    // The body holds the rows and, where it falls, the cut line.
    let body = h.saturating_sub(2).max(1);
    let offset = scroll_offset(r.offset, r.cursor, body, r.rows.len());
    let cut_after = r.rows.iter().rposition(|x| x.within_budget);
    let has_cut = r.allocation.is_some() && r.rows.iter().any(|x| !x.within_budget);
    if has_cut && cut_after.is_none() && offset == 0 {
        lines.push(cut_line(state, theme, w, &alloc));
    }
    for (i, x) in r.rows.iter().enumerate().skip(offset) {
        if lines.len() >= h {
            break;
        }
        let is_cursor = i == r.cursor;
        let base = if is_cursor {
            theme.cursor_row(true)
        } else {
            Style::new()
        };
        let (g, gs) = theme.within(x.within_budget);
        let rank = x.rank.to_string();
        let score = x.score.map_or(theme.none().into(), |v| v.to_string());
        let nat = x.national.millions();
        let cum = x.cumulative.millions();
        let text = row([&rank, &x.code, &x.province, &score, &nat, &cum], w, ell);
        lines.push(Line::from(vec![
            Span::styled(if is_cursor { theme.cursor_glyph() } else { " " }, base),
            Span::styled(text, base),
            Span::styled(g, base.patch(gs)),
        ]));
        if has_cut && cut_after == Some(i) && lines.len() < h {
            lines.push(cut_line(state, theme, w, &alloc));
        }
    }
    frame.render_widget(Paragraph::new(lines), inner);
}

fn cut_line(state: &State, theme: &Theme, w: usize, alloc: &str) -> Line<'static> {
    let label = format!(
        " {} ",
        fill(state.strings.cut_line, &[("allocation", alloc)])
    );
    let lw = crate::tui::view::text::width(&label);
    let left = 3;
    let right = w.saturating_sub(lw + left);
    Line::from(Span::styled(
        format!(
            "{}{label}{}",
            theme.rule().repeat(left),
            theme.rule().repeat(right)
        ),
        theme.error(),
    ))
}
