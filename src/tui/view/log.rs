//! The audit log view: every entry, newest first, filtered with the query
//! language (see [`crate::tui::app::LogState`]); `Enter` reads one whole.

use crate::tui::app::{LOG_LIMIT, State};
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

const WHEN_W: usize = 16;
const WHO_W: usize = 12;
const ACTION_W: usize = 10;
const CODE_W: usize = 12;

fn row(cells: [&str; 5], w: usize, ell: &str) -> String {
    let fixed = WHEN_W + 1 + WHO_W + 1 + ACTION_W + 1 + CODE_W + 1;
    let text_w = w.saturating_sub(fixed);
    format!(
        "{} {} {} {} {}",
        fit(cells[0], WHEN_W, ell, false),
        fit(cells[1], WHO_W, ell, false),
        fit(cells[2], ACTION_W, ell, false),
        fit(cells[3], CODE_W, ell, false),
        fit(cells[4], text_w, ell, false),
    )
}

/// The title: how many entries the filter keeps of those loaded, and the
/// filter as typed (or "all entries").
pub fn title(state: &State) -> String {
    let s = state.strings;
    let l = &state.log;
    let filter = if l.filter.is_empty() {
        s.everything
    } else {
        l.filter.as_str()
    };
    let mut t = fill(
        s.log_title,
        &[
            ("shown", &l.visible.len().to_string()),
            ("total", &l.rows.len().to_string()),
            ("filter", filter),
        ],
    );
    if l.rows.len() >= LOG_LIMIT {
        t.push_str(" · ");
        t.push_str(&fill(s.log_newest, &[("n", &LOG_LIMIT.to_string())]));
    }
    t
}

/// Draw the audit log view.
pub fn render(state: &State, theme: &Theme, frame: &mut Frame, area: Rect) {
    let s = state.strings;
    let l = &state.log;
    let block = pane_block(theme, title(state), true);
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let w = usize::from(inner.width).saturating_sub(1);
    let h = usize::from(inner.height);
    let ell = theme.ellipsis();
    let mut lines = vec![Line::from(Span::styled(
        format!(" {}", row(s.log_header, w, ell)),
        theme.label(),
    ))];
    if l.visible.is_empty() {
        lines.push(Line::from(Span::styled(s.nothing, theme.dim())));
    }
    let body = h.saturating_sub(1).max(1);
    let offset = scroll_offset(l.offset, l.cursor, body, l.visible.len());
    for (v, &i) in l.visible.iter().enumerate().skip(offset).take(body) {
        let Some(e) = l.rows.get(i) else {
            continue;
        };
        let is_cursor = v == l.cursor;
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
                crate::domain::vocab::audit::action_label(&e.action, state.strings.lang),
                e.code.as_deref().unwrap_or(""),
                &crate::domain::vocab::audit::detail_text(e.text(), state.strings.lang),
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
