//! The notes pane: newest last, wrapped, scrolled from the bottom.

use crate::tui::app::State;
use crate::tui::strings::fill;
use crate::tui::view::detail::short_time;
use crate::tui::view::pane_block;
use crate::tui::view::text::wrap;
use crate::tui::view::theme::Theme;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Wrap};

/// Draw the notes pane.
pub fn render(state: &State, theme: &Theme, frame: &mut Frame, area: Rect, focused: bool) {
    let s = state.strings;
    let n = state.dossier.as_ref().map_or(0, |d| d.notes.len());
    let block = pane_block(
        theme,
        fill(s.notes_title, &[("n", &n.to_string())]),
        focused,
    );
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let Some(d) = &state.dossier else {
        return;
    };
    if d.notes.is_empty() {
        frame.render_widget(
            Paragraph::new(Span::styled(s.no_notes, theme.dim())).wrap(Wrap { trim: true }),
            inner,
        );
        return;
    }
    let w = usize::from(inner.width);
    let h = usize::from(inner.height);
    let mut lines: Vec<Line> = Vec::new();
    for note in &d.notes {
        let head = format!("{} {}: ", short_time(&note.at), note.author);
        let body = wrap(&format!("{head}{}", note.text), w);
        for (i, l) in body.into_iter().enumerate() {
            if i == 0 && l.starts_with(head.trim_end()) {
                let rest = l.get(head.len()..).unwrap_or("").to_string();
                lines.push(Line::from(vec![
                    Span::styled(head.clone(), theme.label()),
                    Span::raw(rest),
                ]));
            } else {
                lines.push(Line::from(l));
            }
        }
    }
    let max_scroll = lines.len().saturating_sub(h);
    let from_bottom = state.notes_scroll.min(max_scroll);
    let start = lines.len().saturating_sub(h + from_bottom);
    let shown: Vec<Line> = lines.into_iter().skip(start).take(h).collect();
    frame.render_widget(Paragraph::new(shown), inner);
}
