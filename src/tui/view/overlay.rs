//! Overlays: help (generated from the active keymap), messages, the
//! confirmation dialog of a decision, text inputs, and a text read in full.

use crate::domain::Decision;
use crate::tui::action::Action;
use crate::tui::app::{Confirm, InputBox, InputPurpose, Overlay, State};
use crate::tui::keymap::Mode;
use crate::tui::strings::fill;
use crate::tui::view::pane_block;
use crate::tui::view::text::{fit, width, wrap};
use crate::tui::view::theme::Theme;
use ratatui::Frame;
use ratatui::layout::{Position, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph};

/// Most dossiers listed per section of a confirmation (the rest counted).
const MAX_LISTED: usize = 300;

/// Draw the overlay of the state, if any, over `main`.
pub fn render(state: &State, theme: &Theme, frame: &mut Frame, main: Rect) {
    match &state.overlay {
        None => {}
        Some(Overlay::Help { scroll, filter }) => {
            super::keys::help(state, theme, frame, main, (*scroll, filter.text()))
        }
        Some(Overlay::Palette(p)) => super::keys::palette(state, theme, frame, main, p),
        Some(Overlay::Messages { scroll }) => messages(state, theme, frame, main, *scroll),
        Some(Overlay::Confirm(c)) => confirm(state, theme, frame, main, c),
        Some(Overlay::Undo(u)) => undo(state, theme, frame, main, u),
        Some(Overlay::Text {
            title,
            lines,
            scroll,
        }) => text(state, theme, frame, main, (title, lines, *scroll)),
        Some(Overlay::Input(b)) if b.purpose == InputPurpose::Filter => {}
        Some(Overlay::Input(b)) => input(state, theme, frame, main, b),
    }
}

/// A rectangle of at most `w`×`h` centred in `area`.
pub fn centered(area: Rect, w: u16, h: u16) -> Rect {
    let w = w.min(area.width);
    let h = h.min(area.height);
    Rect::new(
        area.x + (area.width - w) / 2,
        area.y + (area.height - h) / 2,
        w,
        h,
    )
}

/// A text read in full: wrapped to the overlay's width, as tall as it
/// needs up to the screen, scrolled; the last row says how to scroll and
/// close, and where the shown part is when it does not fit.
fn text(
    state: &State,
    theme: &Theme,
    frame: &mut Frame,
    main: Rect,
    (title, lines, scroll): (&str, &[String], usize),
) {
    let w = main.width.saturating_sub(4).min(100);
    let inner_w = usize::from(w.saturating_sub(2)).max(1);
    let wrapped: Vec<String> = lines
        .iter()
        .flat_map(|l| {
            if l.is_empty() {
                vec![String::new()]
            } else {
                wrap(l, inner_w)
            }
        })
        .collect();
    let max_body = usize::from(main.height.saturating_sub(5)).max(1);
    let body = wrapped.len().clamp(1, max_body);
    let room = wrapped.len().saturating_sub(body);
    state.overlay_room.set(room);
    let scroll = scroll.min(room);
    let mut shown: Vec<Line> = wrapped
        .iter()
        .skip(scroll)
        .take(body)
        .map(|l| Line::from(l.clone()))
        .collect();
    let s = state.strings;
    // Esc first when it closes: the key every overlay closes with.
    let keys = state.key_names(Mode::Help, &Action::Cancel);
    let mut hint = keys
        .iter()
        .find(|k| k.contains("Esc"))
        .or(keys.first())
        .map(|k| format!("{k} {}", s.hint_close))
        .unwrap_or_default();
    if wrapped.len() > body {
        let pos = fill(
            s.lines_shown,
            &[
                ("from", &(scroll + 1).to_string()),
                ("to", &(scroll + body).to_string()),
                ("n", &wrapped.len().to_string()),
            ],
        );
        hint = if hint.is_empty() {
            pos
        } else {
            format!("{pos} · {hint}")
        };
    }
    shown.push(Line::from(Span::styled(hint, theme.dim())));
    let h = u16::try_from(body + 3).unwrap_or(u16::MAX);
    let area = centered(main, w, h);
    frame.render_widget(Clear, area);
    frame.render_widget(
        Paragraph::new(shown).block(pane_block(theme, title.to_string(), true)),
        area,
    );
}

fn messages(state: &State, theme: &Theme, frame: &mut Frame, main: Rect, scroll: usize) {
    let area = centered(
        main,
        main.width.saturating_sub(4).min(100),
        main.height.saturating_sub(2),
    );
    let block = pane_block(theme, state.strings.messages_title.to_string(), true);
    let inner = block.inner(area);
    let w = usize::from(inner.width);
    let mut lines: Vec<Line> = Vec::new();
    for m in &state.messages {
        let style = if m.error { theme.error() } else { Style::new() };
        for l in wrap(&m.text, w) {
            lines.push(Line::from(Span::styled(l, style)));
        }
    }
    if lines.is_empty() {
        lines.push(Line::from(Span::styled(state.strings.nothing, theme.dim())));
    }
    let h = usize::from(inner.height);
    let room = lines.len().saturating_sub(h);
    state.overlay_room.set(room);
    // Newest last; scroll counts up from the bottom.
    let start = lines.len().saturating_sub(h + scroll.min(room));
    let shown: Vec<Line> = lines.into_iter().skip(start).take(h).collect();
    frame.render_widget(Clear, area);
    frame.render_widget(Paragraph::new(shown).block(block), area);
}

fn confirm(state: &State, theme: &Theme, frame: &mut Frame, main: Rect, c: &Confirm) {
    let s = state.strings;
    let w = main.width.saturating_sub(4).min(90);
    let inner_w = usize::from(w.saturating_sub(2));
    let n = c.codes.len().to_string();
    let title = match c.decision {
        Decision::Approve => fill(s.confirm_approve, &[("n", &n)]),
        Decision::Return => fill(s.confirm_return, &[("n", &n)]),
    };
    let mut body: Vec<Line> = Vec::new();
    let describe = |code: &str| -> String {
        match state.queue.row_by_code(code) {
            Some(r) => format!("  {code} {} · {}", r.province(), r.title()),
            None => format!("  {code}"),
        }
    };
    let mut refused_without_override = false;
    // The lines of the selected refusal, kept in view while it moves.
    let mut selected_lines: Option<(usize, usize)> = None;
    match &c.preview {
        None => body.push(Line::from(s.checking)),
        Some(p) => {
            // What will be decided first (the count and the list), then
            // what the checklist refuses: at 80×24 both start on screen.
            // Refused dossiers approved over the gate (`o`) will be decided
            // too: counted here, and listed below with their reasons.
            let overridden = p
                .refused
                .iter()
                .filter(|(code, _)| c.overrides.contains_key(code))
                .count();
            body.push(Line::from(Span::styled(
                fill(
                    match c.decision {
                        Decision::Approve => s.accepted,
                        Decision::Return => s.accepted_return,
                    },
                    &[("n", &(p.accepted.len() + overridden).to_string())],
                ),
                theme.label(),
            )));
            let listed = if p.refused.is_empty() {
                MAX_LISTED
            } else {
                MAX_LISTED / 2
            };
            for code in p.accepted.iter().take(listed) {
                body.push(Line::from(fit(
                    &describe(code),
                    inner_w,
                    theme.ellipsis(),
                    false,
                )));
            }
            if p.accepted.len() > listed {
                let more = (p.accepted.len() - listed).to_string();
                body.push(Line::from(fill(s.and_more, &[("n", &more)])));
            }
            // Marked dossiers the filter hides are said, never decided
            // unseen.
            let hidden: Vec<String> = state
                .queue
                .hidden_marks()
                .into_iter()
                .filter(|h| c.codes.contains(h))
                .collect();
            if !hidden.is_empty() {
                for l in wrap(
                    &fill(
                        s.hidden_in_batch,
                        &[
                            ("n", &hidden.len().to_string()),
                            ("codes", &hidden.join(", ")),
                        ],
                    ),
                    inner_w,
                ) {
                    body.push(Line::from(Span::styled(l, theme.error())));
                }
            }
            if c.decision == Decision::Approve {
                let unscored = p
                    .accepted
                    .iter()
                    .filter(|code| {
                        state
                            .queue
                            .row_by_code(code)
                            .is_some_and(|r| r.score.is_none())
                    })
                    .count();
                if unscored > 0 {
                    body.push(Line::from(Span::styled(
                        fill(s.unscored_in_batch, &[("n", &unscored.to_string())]),
                        theme.error(),
                    )));
                }
            }
            if !p.refused.is_empty() {
                if !c.still_refused().is_empty() {
                    refused_without_override = true;
                }
                let header = if overridden > 0 {
                    fill(
                        s.refused_overridden,
                        &[
                            ("n", &p.refused.len().to_string()),
                            ("m", &overridden.to_string()),
                        ],
                    )
                } else {
                    fill(s.refused, &[("n", &p.refused.len().to_string())])
                };
                body.push(Line::from(Span::styled(header, theme.error())));
                let (g, gs) = theme.check(crate::tui::model::CheckState::Fail);
                // The list scrolls with the selection: it is always shown.
                let first = c.selected.saturating_sub(MAX_LISTED - 1);
                for (k, (code, unmet)) in p.refused.iter().enumerate().skip(first).take(MAX_LISTED)
                {
                    // Every lead is three columns wide: "▶✗ ", " ✗ ", " ! ", "   ".
                    let cursor = if k == c.selected {
                        theme.cursor_glyph()
                    } else {
                        " "
                    };
                    let (lead, text, style) = match c.overrides.get(code) {
                        Some(why) => (
                            format!("{cursor}! "),
                            format!(
                                "{code} — {}: {why} ({})",
                                s.override_reason,
                                unmet.join(", ")
                            ),
                            theme.label(),
                        ),
                        None => (
                            format!("{cursor}{g} "),
                            format!("{code} — {}", unmet.join(", ")),
                            gs,
                        ),
                    };
                    let from = body.len();
                    for (i, l) in wrap(&text, inner_w.saturating_sub(3))
                        .into_iter()
                        .enumerate()
                    {
                        let lead = if i == 0 {
                            Span::styled(lead.clone(), style)
                        } else {
                            Span::raw("   ")
                        };
                        body.push(Line::from(vec![lead, Span::raw(l)]));
                    }
                    if k == c.selected {
                        selected_lines = Some((from, body.len().saturating_sub(1)));
                    }
                }
                let rest = p.refused.len().saturating_sub(first + MAX_LISTED);
                if rest > 0 {
                    body.push(Line::from(fill(s.and_more, &[("n", &rest.to_string())])));
                }
            }
            if !p.already.is_empty() {
                let status = c.decision.target().label(s.lang);
                body.push(Line::from(Span::styled(
                    fill(
                        s.already,
                        &[("status", status), ("n", &p.already.len().to_string())],
                    ),
                    theme.dim(),
                )));
                body.push(Line::from(fit(
                    &format!("  {}", p.already.join(", ")),
                    inner_w,
                    theme.ellipsis(),
                    false,
                )));
            }
            if !p.refused.is_empty() && p.accepted.is_empty() && c.overrides.is_empty() {
                body.push(Line::from(Span::styled(s.nothing_to_decide, theme.error())));
            }
        }
    }
    if let Some(r) = &c.reason {
        for (i, l) in wrap(&format!("{}: {r}", s.reason), inner_w)
            .into_iter()
            .enumerate()
        {
            body.push(if i == 0 {
                Line::from(Span::styled(l, theme.label()))
            } else {
                Line::from(l)
            });
        }
    }
    // "Decide the others" only when there are others to decide.
    let decidable = c
        .preview
        .as_ref()
        .is_some_and(|p| !p.accepted.is_empty() || !c.overrides.is_empty());
    let wanted = if refused_without_override {
        let mut w = Vec::new();
        if decidable {
            w.push((Action::Confirm, s.hint_decide_others));
        }
        w.extend([
            (Action::Override, s.hint_override),
            (Action::OverrideAll, s.hint_override_all),
            (Action::Cancel, s.hint_cancel),
        ]);
        w
    } else {
        vec![
            (Action::Confirm, s.hint_confirm),
            (Action::Cancel, s.hint_cancel),
        ]
    };
    // The keys, wrapped between hints (never cut) under the list.
    let mut hints: Vec<String> = Vec::new();
    for piece in crate::tui::view::status::key_hints(state, Mode::Confirm, &wanted, "\n").lines() {
        match hints.last_mut() {
            Some(last) if width(last) + 3 + width(piece) <= inner_w => {
                last.push_str(" · ");
                last.push_str(piece);
            }
            _ => hints.push(piece.to_string()),
        }
    }
    let max_body = usize::from(main.height.saturating_sub(4))
        .saturating_sub(hints.len())
        .max(1);
    let mut scroll = c.scroll.min(body.len().saturating_sub(max_body));
    if c.follow
        && let Some((from, to)) = selected_lines
    {
        if from < scroll {
            scroll = from;
        } else if to >= scroll + max_body {
            scroll = (to + 1).saturating_sub(max_body).min(from);
        }
    }
    let shown_n = body.len().min(max_body);
    let mut lines: Vec<Line> = body.into_iter().skip(scroll).take(max_body).collect();
    for h in &hints {
        lines.push(Line::from(Span::styled(
            fit(h, inner_w, "…", false),
            theme.dim(),
        )));
    }
    let h = u16::try_from(shown_n + 2 + hints.len()).unwrap_or(u16::MAX);
    let area = centered(main, w, h);
    frame.render_widget(Clear, area);
    frame.render_widget(
        Paragraph::new(lines).block(pane_block(theme, title, true)),
        area,
    );
}

/// What `u` would undo: who decided what and when, and where each dossier
/// goes back to; `y` undoes, `n` keeps it.
fn undo(state: &State, theme: &Theme, frame: &mut Frame, main: Rect, u: &crate::tui::app::UndoAsk) {
    let s = state.strings;
    let w = main.width.saturating_sub(4).min(90);
    let inner_w = usize::from(w.saturating_sub(2));
    let when = crate::tui::view::detail::short_time(&u.at);
    let title = fill(
        s.undo_title,
        &[
            (
                "action",
                crate::domain::vocab::audit::action_label(&u.action, s.lang),
            ),
            ("n", &u.dossiers.len().to_string()),
            ("at", &when),
        ],
    );
    let mut body: Vec<Line> = Vec::new();
    for (code, back) in u.dossiers.iter().take(MAX_LISTED) {
        let row = state.queue.row_by_code(code).map_or(String::new(), |r| {
            format!(" {} · {}", r.province(), r.title())
        });
        let text = fill(
            s.undo_back,
            &[("code", code), ("status", back.label(s.lang))],
        ) + &row;
        body.push(Line::from(fit(
            &format!("  {text}"),
            inner_w,
            theme.ellipsis(),
            false,
        )));
    }
    if u.dossiers.len() > MAX_LISTED {
        let more = (u.dossiers.len() - MAX_LISTED).to_string();
        body.push(Line::from(fill(s.and_more, &[("n", &more)])));
    }
    let max_body = usize::from(main.height.saturating_sub(5)).max(1);
    body.truncate(max_body);
    let wanted = [
        (Action::Confirm, s.hint_undo),
        (Action::Cancel, s.hint_cancel),
    ];
    let hint = crate::tui::view::status::key_hints(state, Mode::Confirm, &wanted, " · ");
    let h = u16::try_from(body.len() + 3).unwrap_or(u16::MAX);
    body.push(Line::from(Span::styled(hint, theme.dim())));
    let area = centered(main, w, h);
    frame.render_widget(Clear, area);
    frame.render_widget(
        Paragraph::new(body).block(pane_block(theme, title, true)),
        area,
    );
}

fn input(state: &State, theme: &Theme, frame: &mut Frame, main: Rect, b: &InputBox) {
    let s = state.strings;
    let title = match &b.purpose {
        InputPurpose::Filter => s.input_filter.to_string(),
        InputPurpose::ReturnReason(codes) => {
            fill(s.input_return_reason, &[("n", &codes.len().to_string())])
        }
        InputPurpose::OverrideReason(_, codes) => fill(
            s.input_override_reason,
            &[
                ("codes", &codes.join(", ")),
                ("n", &codes.len().to_string()),
            ],
        ),
        InputPurpose::Note(code) => fill(s.input_note, &[("code", code)]),
        InputPurpose::AssignTo(codes) => format!("{} ({})", s.assign_prompt, codes.join(", ")),
        InputPurpose::Points { criterion, max, .. } => fill(
            s.input_score,
            &[
                ("criterion", state.criterion_label(criterion)),
                ("max", &max.to_string()),
            ],
        ),
        InputPurpose::Allocation {
            category,
            plan_year,
        } => fill(
            s.input_allocation,
            &[
                ("category", category.label(s.lang)),
                (
                    "year",
                    &plan_year.map(|y| y.to_string()).unwrap_or_default(),
                ),
            ],
        ),
        InputPurpose::LogFilter => s.input_log_filter.to_string(),
    };
    let w = main.width.saturating_sub(4).min(72);
    let text_rows: u16 = if b.input.is_multiline() { 8 } else { 1 };
    let h = text_rows + 2 + 2;
    let area = centered(main, w, h);
    let block = pane_block(theme, title, true);
    let inner = block.inner(area);
    frame.render_widget(Clear, area);
    frame.render_widget(block, area);
    let tw = usize::from(inner.width).saturating_sub(1).max(1);
    let (rows, (crow, ccol)) = b.input.layout(tw);
    let th = usize::from(text_rows);
    let first = (crow + 1).saturating_sub(th);
    let mut lines: Vec<Line> = rows
        .into_iter()
        .skip(first)
        .take(th)
        .map(Line::from)
        .collect();
    while lines.len() < th {
        lines.push(Line::from(""));
    }
    if let (Some(hint), Some(first)) = (placeholder(state, b), lines.first_mut()) {
        *first = Line::from(Span::styled(
            fit(&hint, tw, theme.ellipsis(), false),
            theme.dim(),
        ));
    }
    match &b.error {
        Some(e) => lines.push(Line::from(Span::styled(e.clone(), theme.error()))),
        None => lines.push(Line::from("")),
    }
    let hint = crate::tui::view::status::input_hints(state, b.input.is_multiline());
    lines.push(Line::from(Span::styled(hint, theme.dim())));
    frame.render_widget(Paragraph::new(lines), inner);
    let x = inner.x + u16::try_from(ccol).unwrap_or(0);
    let y = inner.y + u16::try_from(crow - first).unwrap_or(0);
    frame.set_cursor_position(Position::new(x.min(inner.right().saturating_sub(1)), y));
}

/// The greyed hint of an empty input: a score's current points (the field
/// starts empty, so typing replaces them).
fn placeholder(state: &State, b: &InputBox) -> Option<String> {
    let InputPurpose::Points { max, now, .. } = &b.purpose else {
        return None;
    };
    if !b.input.text().is_empty() {
        return None;
    }
    let s = state.strings;
    let max = max.to_string();
    Some(match now {
        Some(n) => fill(s.points_hint, &[("now", &n.to_string()), ("max", &max)]),
        None => fill(s.points_hint_unscored, &[("max", &max)]),
    })
}
