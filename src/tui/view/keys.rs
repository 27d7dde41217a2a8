//! What the keymap and the actions' description draw: the help overlay
//! (grouped by purpose, only the keys that do something in the view under
//! it, filtered by what is typed), the command palette, and which-key (the
//! continuations of an unfinished chord).

use crate::domain::Status;
use crate::domain::text::fold;
use crate::tui::action::{Action, Group};
use crate::tui::app::filter_command;
use crate::tui::app::{Palette, PaletteEntry, State};
use crate::tui::keymap::Mode;
use crate::tui::model::CheckState;
use crate::tui::strings::fill;
use crate::tui::view::overlay::centered;
use crate::tui::view::pane_block;
use crate::tui::view::status::key_hints;
use crate::tui::view::text::{fit, width, wrap};
use crate::tui::view::theme::Theme;
use ratatui::Frame;
use ratatui::layout::{Position, Rect};
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph};

/// Narrowest keys column of the help.
const KEYS_W: usize = 12;

/// One line of the help: a binding's keys (all keys doing the same) and
/// its actions.
struct Entry {
    group: Group,
    keys: String,
    actions: Vec<Action>,
}

/// The bindings of `mode` whose actions do something there, grouped by
/// their actions (`j, <Down>`), in the order of the actions' table.
fn entries(state: &State, mode: Mode) -> Vec<Entry> {
    let mut out: Vec<Entry> = Vec::new();
    for a in crate::tui::action::BINDABLE {
        let Some(spec) = a.spec() else { continue };
        if !spec.applies(mode) {
            continue;
        }
        let bindings: Vec<_> = state
            .keymap
            .effective(mode)
            .into_iter()
            .filter(|b| b.actions.first() == Some(a))
            .collect();
        // The shortest spelling first (`?` before `F1`).
        let mut bindings: Vec<(String, _)> = bindings
            .into_iter()
            .map(|b| (state.keys_label(&b.keys), b))
            .collect();
        bindings.sort_by_key(|(k, _)| k.chars().count());
        for (keys, b) in bindings {
            match out.iter_mut().find(|e| e.actions == b.actions) {
                Some(e) => {
                    e.keys.push_str(", ");
                    e.keys.push_str(&keys);
                }
                None => out.push(Entry {
                    group: spec.group,
                    keys,
                    actions: b.actions.clone(),
                }),
            }
        }
    }
    out
}

/// The help text: the glyph legend, then, group by group, every key that
/// does something in the view under the overlay, with its description;
/// with a filter, only the lines whose keys, names or descriptions (in
/// either language, without diacritics) hold every word of it.
pub fn help_lines(state: &State, cols: usize, filter: &str) -> Vec<Line<'static>> {
    let s = state.strings;
    let theme = Theme::new(state.look);
    let words: Vec<String> = fold(filter).split_whitespace().map(String::from).collect();
    let mut out: Vec<Line> = Vec::new();
    if words.is_empty() {
        let glyphs = [
            theme.check(CheckState::Pass).0,
            theme.check(CheckState::Fail).0,
            theme.check(CheckState::Unknown).0,
            theme.check(CheckState::Ticked).0,
            theme.check(CheckState::Unticked).0,
            s.mandatory,
            theme.status(Status::Approved).0,
            theme.status(Status::Returned).0,
            theme.status(Status::Pending).0,
            theme.mark_glyph(),
            theme.cursor_glyph(),
            "!",
        ];
        let mut legend = s.legend_title.to_string();
        for (g, meaning) in glyphs.iter().zip(s.legend) {
            legend.push_str(&format!("  {g} {meaning}"));
        }
        out.extend(wrap(&legend, cols).into_iter().map(Line::from));
    }
    let mode = state.view_mode();
    let all = entries(state, mode);
    // As wide as the longest keys (`Ctrl+B, Ctrl+U, PgUp`), up to a third.
    let keys_w = all
        .iter()
        .map(|e| width(&e.keys))
        .max()
        .unwrap_or(0)
        .clamp(KEYS_W, (cols / 3).max(KEYS_W));
    let bold = Style::new().add_modifier(Modifier::BOLD);
    for group in Group::ALL {
        let mut lines: Vec<Line> = Vec::new();
        for e in all.iter().filter(|e| e.group == group) {
            let names: Vec<&str> = e.actions.iter().filter_map(Action::name).collect();
            let desc: Vec<&str> = e.actions.iter().map(|a| s.describe(a)).collect();
            if !words.is_empty() {
                let both: Vec<&str> = e
                    .actions
                    .iter()
                    .filter_map(Action::spec)
                    .flat_map(|sp| [sp.en, sp.vi])
                    .collect();
                let hay = fold(&format!(
                    "{} {} {}",
                    e.keys,
                    names.join(" "),
                    both.join(" ")
                ));
                if !words.iter().all(|w| hay.contains(w.as_str())) {
                    continue;
                }
            }
            // What the keys do, wrapped under itself; the actions' names
            // are the keymap files' words (`keymap show` lists them).
            let rest = desc.join(s.then);
            let indent = keys_w + 3;
            let keys = fit(&e.keys, keys_w, "…", false);
            for (i, part) in wrap(&rest, cols.saturating_sub(indent).max(10))
                .into_iter()
                .enumerate()
            {
                let lead = if i == 0 {
                    format!("  {keys} ")
                } else {
                    " ".repeat(indent)
                };
                lines.push(Line::from(format!("{lead}{part}")));
            }
        }
        if !lines.is_empty() {
            if !out.is_empty() {
                out.push(Line::from(""));
            }
            out.push(Line::from(Span::styled(group.label(s.lang), bold)));
            out.extend(lines);
        }
    }
    out
}

/// The box of the help and the palette: at most `max_w` wide, the screen
/// high but a row above and below, titled `title` of the view's mode.
fn framed(
    state: &State,
    theme: &Theme,
    main: Rect,
    (max_w, title): (u16, &str),
) -> (Rect, ratatui::widgets::Block<'static>) {
    let s = state.strings;
    let area = centered(
        main,
        main.width.saturating_sub(4).min(max_w),
        main.height.saturating_sub(2),
    );
    let title = fill(title, &[("mode", s.mode_label(state.view_mode()))]);
    (area, pane_block(theme, title, true))
}

/// The help overlay: the filter line, then the help text scrolled.
pub fn help(
    state: &State,
    theme: &Theme,
    frame: &mut Frame,
    main: Rect,
    (scroll, filter): (usize, &str),
) {
    let s = state.strings;
    let (area, block) = framed(state, theme, main, (100, s.help_title));
    let inner = block.inner(area);
    let mut lines = help_lines(state, usize::from(inner.width), filter);
    if lines.is_empty() {
        lines.push(Line::from(Span::styled(s.help_none, theme.dim())));
    }
    let h = usize::from(inner.height).saturating_sub(1);
    let room = lines.len().saturating_sub(h);
    state.overlay_room.set(room);
    let scroll = scroll.min(room);
    let close = key_hints(state, Mode::Help, &[(Action::Cancel, s.hint_close)], "");
    let top = if filter.is_empty() {
        Line::from(Span::styled(
            format!("/ {} · {close}", s.help_filter_hint),
            theme.dim(),
        ))
    } else {
        Line::from(vec![
            Span::styled("/ ", theme.dim()),
            Span::styled(crate::tui::view::text::display(filter), theme.matched()),
            Span::styled(format!(" · {close}"), theme.dim()),
        ])
    };
    let mut shown = vec![top];
    shown.extend(lines.into_iter().skip(scroll).take(h));
    frame.render_widget(Clear, area);
    frame.render_widget(Paragraph::new(shown).block(block), area);
}

/// The command palette: the query, then every action, the best match
/// first, with its key; those that do nothing now greyed with the reason.
pub fn palette(state: &State, theme: &Theme, frame: &mut Frame, main: Rect, p: &Palette) {
    let s = state.strings;
    let (area, block) = framed(state, theme, main, (110, s.palette_title));
    let inner = block.inner(area);
    let w = usize::from(inner.width);
    let query = p.input.text();
    let mut lines: Vec<Line> = Vec::new();
    let prompt = format!(": {}", crate::tui::view::text::display(query));
    lines.push(Line::from(fit(&prompt, w, "", false)));
    let entries = state.palette_entries(query);
    let cursor = p.cursor.min(entries.len().saturating_sub(1));
    let (note, style) = match (filter_command(query), entries.get(cursor)) {
        (Some(q), _) => (fill(s.palette_filter, &[("query", q)]), theme.dim()),
        (None, None) => (s.palette_none.to_string(), theme.dim()),
        // Why the selected action does nothing here, in full.
        (
            None,
            Some(PaletteEntry {
                action,
                reason: Some(why),
                ..
            }),
        ) => (format!("{}: {why}", s.describe(action)), theme.error()),
        (None, Some(_)) => {
            let wanted = [(Action::Submit, s.hint_run), (Action::Cancel, s.hint_close)];
            let keys = key_hints(state, Mode::Palette, &wanted, " · ");
            (format!("{} · {keys}", s.palette_prompt), theme.dim())
        }
    };
    lines.push(Line::from(Span::styled(fit(&note, w, "…", false), style)));
    let rows = usize::from(inner.height).saturating_sub(2);
    let offset = cursor.saturating_sub(rows.saturating_sub(1));
    // The key, then what the action does in the appraiser's language (its
    // keymap name is for `keymap show`, not for reading here).
    let key_w = entries
        .iter()
        .filter_map(|e| e.key.as_deref())
        .map(crate::tui::view::text::width)
        .max()
        .unwrap_or(0)
        .clamp(3, 12);
    for (i, e) in entries.iter().enumerate().skip(offset).take(rows) {
        let selected = i == cursor;
        let mark = if selected { theme.cursor_glyph() } else { " " };
        let key = e.key.clone().unwrap_or_default();
        let desc = match &e.reason {
            Some(why) => format!("{} — {why}", s.describe(&e.action)),
            None => s.describe(&e.action).to_string(),
        };
        let text = format!("{mark} {} {desc}", fit(&key, key_w, "…", false));
        let mut style = if e.reason.is_some() {
            theme.dim()
        } else {
            Style::new()
        };
        if selected {
            style = style.patch(theme.cursor_row(true));
        }
        lines.push(Line::from(Span::styled(
            fit(&text, w, theme.ellipsis(), false),
            style,
        )));
    }
    frame.render_widget(Clear, area);
    frame.render_widget(Paragraph::new(lines).block(block), area);
    let (_, (_, col)) = p.input.layout(usize::MAX / 4);
    let x = inner.x + u16::try_from(col + 2).unwrap_or(0);
    frame.set_cursor_position(Position::new(
        x.min(inner.right().saturating_sub(1)),
        inner.y,
    ));
}

/// Which-key: after a chord's prefix has waited, a small box at the
/// bottom right lists what may follow it and what each does.
pub fn which_key(state: &State, theme: &Theme, frame: &mut Frame, main: Rect) {
    let s = state.strings;
    let mode = state.mode();
    let rows: Vec<String> = state
        .keymap
        .continuations(mode, &state.chord)
        .into_iter()
        .filter(|(_, a)| a.first().is_some_and(|a| a.applies(mode)))
        .map(|(rest, actions)| {
            let desc: Vec<&str> = actions.iter().map(|a| s.describe(a)).collect();
            format!("{}  {}", state.keys_label(&rest), desc.join(s.then))
        })
        .collect();
    if rows.is_empty() {
        return;
    }
    let title = format!("{} …", state.keys_label(&state.chord));
    let longest = rows.iter().map(|r| width(r)).max().unwrap_or(0);
    let w = (longest.max(width(&title) + 2) + 2).min(usize::from(main.width) / 2);
    let w = u16::try_from(w).unwrap_or(main.width);
    let h = u16::try_from(rows.len() + 2)
        .unwrap_or(main.height)
        .min(main.height);
    let area = Rect::new(
        main.right().saturating_sub(w + 1),
        main.bottom().saturating_sub(h),
        w,
        h,
    );
    let inner_w = usize::from(w.saturating_sub(2));
    let lines: Vec<Line> = rows
        .iter()
        .map(|r| Line::from(fit(r, inner_w, theme.ellipsis(), false)))
        .collect();
    frame.render_widget(Clear, area);
    frame.render_widget(
        Paragraph::new(lines).block(pane_block(theme, title, true)),
        area,
    );
}
