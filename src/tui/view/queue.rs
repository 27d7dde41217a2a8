//! The queue list: only the rows that fit are built per frame.

use crate::domain::query::Field;
use crate::tui::app::State;
use crate::tui::strings::fill;
use crate::tui::view::text::{fit, highlighted};
use crate::tui::view::theme::Theme;
use crate::tui::view::{pane_block, scroll_offset};
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Wrap};

/// Column widths for an inner width.
struct Columns {
    code: usize,
    province: usize,
    category: usize,
    national: usize,
    score: usize,
    title: usize,
}

fn columns(w: usize, code: usize) -> Columns {
    // cursor, mark, status, space = 4
    let mut c = Columns {
        code,
        province: 0,
        category: 0,
        national: 0,
        score: 0,
        title: 0,
    };
    let mut used = 4 + c.code;
    if w >= used + 10 {
        c.national = 9;
        used += 10;
    }
    if w >= used + 4 {
        c.score = 3;
        used += 4;
    }
    if w >= used + 7 {
        c.province = (w - used - 1).min(14);
        used += c.province + 1;
    }
    if w >= used + 12 {
        c.category = 11;
        used += 12;
    }
    if w >= used + 9 {
        c.title = w - used - 1;
    }
    c
}

/// Draw the queue pane.
pub fn render(state: &State, theme: &Theme, frame: &mut Frame, area: Rect, focused: bool) {
    let s = state.strings;
    let q = &state.queue;
    let mut title = fill(
        s.queue_title,
        &[
            ("shown", &q.visible.len().to_string()),
            ("total", &q.rows.len().to_string()),
        ],
    );
    // The one filter, as typed: what the queue shows, and what a batch
    // "in the filter" acts on.
    title.push_str(" · ");
    if q.query.is_empty() {
        title.push_str(s.all_statuses);
    } else {
        title.push_str(&q.query);
    }
    if q.fuzzy {
        title.push_str(s.fuzzy_mark);
    }
    if q.sort != crate::tui::app::Sort::Submission {
        title.push_str(" · ↓");
        title.push_str(q.sort.label(s.lang));
    }
    // How far the sitting is, on the bottom border (the top one is the
    // filter's).
    let (decided, scored, all) = q.progress();
    let progress = fill(
        s.progress,
        &[
            ("decided", &decided.to_string()),
            ("scored", &scored.to_string()),
            ("all", &all.to_string()),
        ],
    );
    if q.searching || q.loading {
        title.push(' ');
        title.push_str(s.searching);
    }
    let block = pane_block(theme, title, focused)
        .title_bottom(Line::from(format!(" {progress} ")).right_aligned());
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let h = usize::from(inner.height);
    let w = usize::from(inner.width);
    if q.visible.is_empty() {
        frame.render_widget(
            Paragraph::new(Span::styled(s.queue_empty, theme.dim())).wrap(Wrap { trim: true }),
            inner,
        );
        return;
    }
    let mut cols = columns(w, q.code_width());
    // The team's column: `@` someone else has it open, `!` its council
    // disagrees, then its assignee. Only when there is something to show.
    let team_w = if state.team.present.is_empty() {
        q.team_width
    } else {
        q.team_width.max(1)
    };
    let team_w = if team_w > 0 && cols.title > team_w + 9 {
        cols.title -= team_w + 1;
        team_w
    } else if team_w > 0 && cols.title > 3 {
        // Narrow: the glyph only.
        cols.title -= 2;
        1
    } else if team_w > 0 && cols.province > 3 {
        cols.province -= 2;
        1
    } else {
        0
    };
    let ell = theme.ellipsis();
    let offset = scroll_offset(q.offset, q.cursor, h, q.visible.len());
    let hl = theme.matched();
    let mut lines: Vec<Line> = Vec::with_capacity(h);
    for (v, &i) in q.visible.iter().enumerate().skip(offset).take(h) {
        let r = &q.rows[i];
        let is_cursor = v == q.cursor;
        let base = if is_cursor {
            theme.cursor_row(focused)
        } else {
            ratatui::style::Style::new()
        };
        let hit = q.hit(i).unwrap_or_default();
        let (sg, ss) = theme.status(r.status);
        let mut spans = vec![
            Span::styled(if is_cursor { theme.cursor_glyph() } else { " " }, base),
            Span::styled(
                if q.marks.contains(r.code()) {
                    theme.mark_glyph()
                } else {
                    " "
                },
                base,
            ),
            Span::styled(sg, base.patch(ss)),
            Span::styled(" ", base),
        ];
        spans.extend(highlighted(
            r.code(),
            0,
            &hit.positions(Field::Code),
            cols.code,
            base,
            base.patch(hl),
            ell,
        ));
        if team_w > 0 {
            let glyph = if state.team.present.contains_key(r.code()) {
                "@"
            } else if r.team.disputed {
                "!"
            } else {
                " "
            };
            spans.push(Span::styled(" ", base));
            spans.push(Span::styled(glyph, base.patch(theme.label())));
            if team_w > 2 {
                spans.push(Span::styled(" ", base));
                let who = r.team.assignee.as_deref().unwrap_or("");
                spans.push(Span::styled(fit(who, team_w - 2, ell, false), base));
            }
        }
        if cols.province > 0 {
            spans.push(Span::styled(" ", base));
            spans.extend(highlighted(
                r.province(),
                0,
                &hit.positions(Field::Province),
                cols.province,
                base,
                base.patch(hl),
                ell,
            ));
        }
        if cols.category > 0 {
            spans.push(Span::styled(" ", base));
            spans.push(Span::styled(
                fit(
                    r.category.short(state.strings.lang),
                    cols.category,
                    ell,
                    false,
                ),
                base,
            ));
        }
        if cols.national > 0 {
            spans.push(Span::styled(" ", base));
            spans.push(Span::styled(
                fit(
                    &state.strings.lang.millions(r.national),
                    cols.national,
                    ell,
                    true,
                ),
                base,
            ));
        }
        if cols.score > 0 {
            spans.push(Span::styled(" ", base));
            let sc = r.score.map_or(theme.none().to_string(), |x| x.to_string());
            spans.push(Span::styled(fit(&sc, cols.score, ell, true), base));
        }
        if cols.title > 0 {
            spans.push(Span::styled(" ", base));
            spans.extend(highlighted(
                r.title(),
                0,
                &hit.positions(Field::Title),
                cols.title,
                base,
                base.patch(hl),
                ell,
            ));
        }
        lines.push(Line::from(spans));
    }
    frame.render_widget(Paragraph::new(lines), inner);
}
