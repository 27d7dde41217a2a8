//! The audit log view, filterable by dossier or appraiser.

use crate::tui::app::State;
use crate::tui::strings::fill;
use crate::tui::view::detail::short_time;
use crate::tui::view::text::fit;
use crate::tui::view::theme::Theme;
use crate::tui::view::{pane_block, scroll_offset};
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

fn row(cells: [&str; 5], w: usize, ell: &str) -> String {
    let fixed = 16 + 1 + 12 + 1 + 8 + 1 + 12 + 1;
    let reason_w = w.saturating_sub(fixed);
    format!(
        "{} {} {} {} {}",
        fit(cells[0], 16, ell, false),
        fit(cells[1], 12, ell, false),
        fit(cells[2], 8, ell, false),
        fit(cells[3], 12, ell, false),
        fit(cells[4], reason_w, ell, false),
    )
}

/// Draw the audit log view.
pub fn render(state: &State, theme: &Theme, frame: &mut Frame, area: Rect) {
    let s = state.strings;
    let l = &state.log;
    let filter = if l.filter.is_empty() {
        s.everything
    } else {
        l.filter.as_str()
    };
    let block = pane_block(theme, fill(s.log_title, &[("filter", filter)]), true);
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let w = usize::from(inner.width).saturating_sub(1);
    let h = usize::from(inner.height);
    let ell = theme.ellipsis();
    let mut lines = vec![Line::from(Span::styled(
        format!(" {}", row(s.log_header, w, ell)),
        theme.label(),
    ))];
    if l.rows.is_empty() {
        lines.push(Line::from(Span::styled(s.nothing, theme.dim())));
    }
    let body = h.saturating_sub(1).max(1);
    let offset = scroll_offset(l.offset, l.cursor, body, l.rows.len());
    for (i, e) in l.rows.iter().enumerate().skip(offset).take(body) {
        let is_cursor = i == l.cursor;
        let base = if is_cursor {
            theme.cursor_row(true)
        } else {
            Style::new()
        };
        let at = short_time(&e.at);
        let text = row(
            [
                &at,
                &e.author,
                &e.action,
                &e.code,
                e.reason.as_deref().unwrap_or(""),
            ],
            w,
            ell,
        );
        lines.push(Line::from(vec![
            Span::styled(if is_cursor { theme.cursor_glyph() } else { " " }, base),
            Span::styled(text, base),
        ]));
    }
    frame.render_widget(Paragraph::new(lines), inner);
}
