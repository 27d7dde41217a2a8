//! The status bar: mode, mark count, user, last message, key hints (from
//! the active keymap). While the fuzzy filter is typed, it holds the query.

use crate::tui::action::Action;
use crate::tui::app::{InputPurpose, Overlay, Pane, State, View};
use crate::tui::keymap::Mode;
use crate::tui::strings::fill;
use crate::tui::view::text::{display, fit, width};
use crate::tui::view::theme::Theme;
use ratatui::Frame;
use ratatui::layout::{Position, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

/// The mode's name in the status bar.
pub fn mode_name(state: &State) -> &'static str {
    let s = state.strings;
    match &state.overlay {
        Some(Overlay::Input(b)) if b.purpose == InputPurpose::Filter => s.mode_filter,
        Some(Overlay::Input(_)) => s.mode_input,
        Some(Overlay::Confirm(_)) | Some(Overlay::Undo(_)) => s.mode_confirm,
        Some(Overlay::Palette(_)) => s.mode_palette,
        Some(Overlay::Help { .. }) => s.mode_help,
        Some(Overlay::Messages { .. }) => s.mode_messages,
        Some(Overlay::Text { .. }) => s.mode_reading,
        None => match state.view {
            View::Queue => match state.focus {
                Pane::Queue => s.mode_queue,
                Pane::Detail => s.mode_detail,
                Pane::Checklist => s.mode_checklist,
                Pane::Score => s.mode_score,
                Pane::Notes => s.mode_notes,
            },
            View::Ranking => s.mode_ranking,
            View::Log => s.mode_log,
            View::Summary => s.mode_summary,
        },
    }
}

/// `key word` pairs for the actions, with the keys the active keymap binds
/// in `mode` (actions without a key are left out), separated by `sep`.
pub fn key_hints(state: &State, mode: Mode, wanted: &[(Action, &str)], sep: &str) -> String {
    let mut out = Vec::new();
    for (a, label) in wanted {
        if let Some(k) = state.key_name(mode, a) {
            out.push(format!("{k} {label}"));
        }
    }
    out.join(sep)
}

/// Hints of a text input: submit (or save), new line, cancel.
pub fn input_hints(state: &State, multiline: bool) -> String {
    let s = state.strings;
    let mut wanted = vec![(
        Action::Submit,
        if multiline {
            s.hint_save
        } else {
            s.hint_submit
        },
    )];
    if multiline {
        wanted.push((Action::Newline, s.hint_newline));
    }
    wanted.push((Action::Cancel, s.hint_cancel));
    key_hints(state, Mode::Input, &wanted, " · ")
}

/// Key hints for the current mode, generated from the actions' table:
/// `? help  : cmd  / filter  Space mark` (each action with a status-bar
/// word that does something here and has a key; help and the palette
/// first, as they lead to every other key). While a
/// chord is unfinished: its keys, waiting for the next.
pub fn hints(state: &State) -> String {
    if !state.chord.is_empty() {
        return format!("{} …", state.keys_label(&state.chord));
    }
    let mode = state.mode();
    if mode == Mode::Input {
        let multi = matches!(&state.overlay, Some(Overlay::Input(b)) if b.input.is_multiline());
        return input_hints(state, multi);
    }
    let lang = state.strings.lang;
    let mut wanted: Vec<(Action, &str)> = crate::tui::action::BINDABLE
        .iter()
        .filter(|a| a.applies(mode))
        .filter_map(|a| {
            let (en, vi) = a.spec()?.hint?;
            Some((a.clone(), lang.pick(en, vi)))
        })
        .collect();
    wanted.sort_by_key(|(a, _)| !matches!(a, Action::Help | Action::Palette));
    key_hints(state, mode, &wanted, "  ")
}

/// A filter's error as the status bar writes it, on one line.
fn error_line(error: &str) -> String {
    format!(" ✗ {} ", error.replace('\n', " "))
}

/// The columns the status bar gives a filter's error: half of them.
fn error_room(cols: u16) -> usize {
    usize::from(cols / 2).saturating_sub(1)
}

/// The whole error of a filter that does not parse, wrapped in a box at
/// the bottom of the screen, when the status bar's half has no room for it.
pub fn filter_error(state: &State, theme: &Theme, frame: &mut Frame, main: Rect) {
    let Some(Overlay::Input(b)) = &state.overlay else {
        return;
    };
    let Some(error) = b
        .error
        .as_deref()
        .filter(|_| b.purpose == InputPurpose::Filter)
    else {
        return;
    };
    let error = error_line(error);
    if width(&error) <= error_room(main.width) {
        return;
    }
    let error = error.trim().to_string();
    let w = main.width.saturating_sub(2).min(90);
    let lines = crate::tui::view::text::wrap(&error, usize::from(w.saturating_sub(2)));
    let h = u16::try_from(lines.len() + 2)
        .unwrap_or(main.height)
        .min(main.height);
    let area = Rect::new(
        main.right().saturating_sub(w + 1),
        main.bottom().saturating_sub(h),
        w,
        h,
    );
    let lines: Vec<Line> = lines
        .into_iter()
        .map(|l| Line::from(Span::styled(l, theme.error())))
        .collect();
    frame.render_widget(ratatui::widgets::Clear, area);
    frame.render_widget(
        Paragraph::new(lines).block(super::pane_block(
            theme,
            state.strings.filter_error_title.to_string(),
            true,
        )),
        area,
    );
}

/// Draw the status bar.
pub fn render(state: &State, theme: &Theme, frame: &mut Frame, area: Rect) {
    let bar = theme.status_bar();
    let w = usize::from(area.width);
    if let Some(Overlay::Input(b)) = &state.overlay
        && b.purpose == InputPurpose::Filter
    {
        let prompt = format!(" {} {} ", mode_name(state), state.strings.input_filter);
        // A query that does not parse says why at the right end (the
        // previous result stays on screen until it does).
        let error = b.error.as_deref().map(error_line).unwrap_or_default();
        let error = fit(&error, error_room(area.width), theme.ellipsis(), false);
        let error = error.trim_end().to_string();
        let room = w.saturating_sub(width(&prompt) + width(&error) + 1);
        let (rows, (_, col)) = b.input.layout(usize::MAX / 4);
        let text = rows.first().cloned().unwrap_or_default();
        let skip = col.saturating_sub(room);
        let shown: String = {
            let mut acc = String::new();
            let mut c = 0;
            for g in unicode_segmentation::UnicodeSegmentation::graphemes(text.as_str(), true) {
                let gw = width(g);
                if c >= skip {
                    acc.push_str(g);
                }
                c += gw;
            }
            acc
        };
        let mut spans = vec![
            Span::styled(prompt.clone(), bar),
            Span::styled(fit(&shown, room + 1, "", false), bar),
        ];
        if !error.is_empty() {
            spans.push(Span::styled(error, bar.patch(theme.error())));
        }
        frame.render_widget(Paragraph::new(Line::from(spans)), area);
        let x = area.x + u16::try_from(width(&prompt) + col - skip).unwrap_or(0);
        frame.set_cursor_position(Position::new(x.min(area.right().saturating_sub(1)), area.y));
        return;
    }
    let mut left = format!(" {}", mode_name(state));
    if !state.queue.marks.is_empty() {
        left.push_str(" · ");
        let n = state.queue.marks.len().to_string();
        let hidden = state.queue.hidden_marks().len();
        left.push_str(&if hidden == 0 {
            fill(state.strings.marked, &[("n", &n)])
        } else {
            fill(
                state.strings.marked_hidden,
                &[("n", &n), ("h", &hidden.to_string())],
            )
        });
    }
    left.push_str(" · ");
    left.push_str(&display(&state.user));
    if state.busy {
        left.push_str(" · ");
        left.push_str(state.strings.busy);
    }
    let right = format!("{} ", hints(state));
    let msg_room = w.saturating_sub(width(&left) + width(&right) + 4);
    let mut spans = vec![Span::styled(left.clone(), bar)];
    let mut used = width(&left);
    if let Some(m) = &state.message
        && msg_room > 4
    {
        let t = format!(
            " · {}",
            fit(
                &m.text.replace('\n', " "),
                msg_room,
                theme.ellipsis(),
                false
            )
            .trim_end()
        );
        used += width(&t);
        let style = if m.error {
            bar.patch(theme.error())
        } else {
            bar
        };
        spans.push(Span::styled(t, style));
    }
    let gap = w.saturating_sub(used + width(&right));
    spans.push(Span::styled(" ".repeat(gap), bar));
    if used + width(&right) <= w {
        spans.push(Span::styled(right, bar));
    }
    frame.render_widget(Paragraph::new(Line::from(spans)), area);
}
