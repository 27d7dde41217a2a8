//! Pure views: `render(&State, &mut Frame)` reads the state and draws it.
//! One file per pane or view; overlays in [`overlay`].

pub mod checklist;
pub mod detail;
pub mod keys;
pub mod log;
pub mod notes;
pub mod overlay;
pub mod queue;
pub mod ranking;
pub mod score;
pub mod status;
pub mod summary;
pub mod text;
pub mod theme;

use crate::tui::app::{MIN_SIZE, Pane, State, View};
use crate::tui::strings::fill;
use ratatui::Frame;
use ratatui::layout::{Alignment, Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph, Wrap};
use theme::Theme;

/// Draw the whole screen; every cell then goes through [`text::guard`].
pub fn render(state: &State, frame: &mut Frame) {
    draw(state, frame);
    text::guard(frame.buffer_mut(), state.look.ascii);
}

fn draw(state: &State, frame: &mut Frame) {
    let area = frame.area();
    let theme = Theme::new(state.look);
    if area.width < MIN_SIZE.0 || area.height < MIN_SIZE.1 {
        too_small(state, frame, area);
        return;
    }
    let [main, bar] = Layout::vertical([Constraint::Fill(1), Constraint::Length(1)]).areas(area);
    match state.view {
        View::Queue => queue_view(state, &theme, frame, main),
        View::Ranking => ranking::render(state, &theme, frame, main),
        View::Log => log::render(state, &theme, frame, main),
        View::Summary => summary::render(state, &theme, frame, main),
    }
    status::render(state, &theme, frame, bar);
    overlay::render(state, &theme, frame, main);
    status::filter_error(state, &theme, frame, main);
    if state.which_key && !state.chord.is_empty() {
        keys::which_key(state, &theme, frame, main);
    }
}

fn too_small(state: &State, frame: &mut Frame, area: Rect) {
    let text = fill(
        state.strings.too_small,
        &[
            ("w", &area.width.to_string()),
            ("h", &area.height.to_string()),
            ("mw", &MIN_SIZE.0.to_string()),
            ("mh", &MIN_SIZE.1.to_string()),
        ],
    );
    let y = area.y + area.height / 2;
    let line = Rect::new(area.x, y, area.width, 1.min(area.height));
    frame.render_widget(
        Paragraph::new(text)
            .alignment(Alignment::Center)
            .wrap(Wrap { trim: true }),
        line,
    );
}

/// The areas of the five panes of the queue view (zoom: one fills `main`).
pub fn pane_areas(state: &State, main: Rect) -> Vec<(Pane, Rect)> {
    if state.zoom {
        return vec![(state.focus, main)];
    }
    // Wide terminals give the queue more: its title column grows.
    let left_pct = if main.width >= 120 { 56 } else { 50 };
    let [left, right] =
        Layout::horizontal([Constraint::Percentage(left_pct), Constraint::Fill(1)]).areas(main);
    let [detail, checklist, bottom] = Layout::vertical([
        Constraint::Percentage(38),
        Constraint::Percentage(34),
        Constraint::Fill(1),
    ])
    .areas(right);
    let [score, notes] =
        Layout::horizontal([Constraint::Percentage(50), Constraint::Fill(1)]).areas(bottom);
    vec![
        (Pane::Queue, left),
        (Pane::Detail, detail),
        (Pane::Checklist, checklist),
        (Pane::Score, score),
        (Pane::Notes, notes),
    ]
}

fn queue_view(state: &State, theme: &Theme, frame: &mut Frame, main: Rect) {
    for (pane, area) in pane_areas(state, main) {
        let focused = state.focus == pane;
        match pane {
            Pane::Queue => queue::render(state, theme, frame, area, focused),
            Pane::Detail => detail::render(state, theme, frame, area, focused),
            Pane::Checklist => checklist::render(state, theme, frame, area, focused),
            Pane::Score => score::render(state, theme, frame, area, focused),
            Pane::Notes => notes::render(state, theme, frame, area, focused),
        }
    }
}

/// A pane's block: border set and style by focus, the title in bold.
pub fn pane_block(theme: &Theme, title: String, focused: bool) -> Block<'static> {
    Block::default()
        .borders(Borders::ALL)
        .border_set(theme.border(focused))
        .border_style(theme.border_style(focused))
        .title(Line::from(Span::styled(
            format!(" {} ", text::display(&title)),
            theme.title(),
        )))
}

/// First row to draw so that `cursor` is visible in `height` rows, starting
/// from the remembered `offset`.
pub fn scroll_offset(offset: usize, cursor: usize, height: usize, len: usize) -> usize {
    let height = height.max(1);
    let mut o = offset.min(len.saturating_sub(1));
    if cursor < o {
        o = cursor;
    } else if cursor >= o + height {
        o = cursor + 1 - height;
    }
    // Never leave rows empty at the bottom while rows above are hidden.
    o.min(len.saturating_sub(height))
}

#[cfg(test)]
mod tests {
    use super::scroll_offset;

    #[test]
    fn offsets_keep_the_cursor_visible_and_the_pane_full() {
        assert_eq!(scroll_offset(0, 0, 10, 5), 0);
        assert_eq!(scroll_offset(3, 4, 10, 5), 0);
        assert_eq!(scroll_offset(0, 15, 10, 100), 6);
        assert_eq!(scroll_offset(50, 40, 10, 100), 40);
        assert_eq!(scroll_offset(95, 99, 10, 100), 90);
    }
}
