//! The score pane: criteria with points/max, bonuses, the total.

use crate::tui::app::State;
use crate::tui::strings::fill;
use crate::tui::view::text::{display, fit};
use crate::tui::view::theme::Theme;
use crate::tui::view::{pane_block, scroll_offset};
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

/// The mark of points not saved yet (ASCII, the same in every look).
const UNSAVED: &str = "*";

/// `72/100`, or with bonus points `84 + 18 = 102` (criteria + bonus), so a
/// total above 100 never reads as more than full marks.
pub fn total_text(total: i64, bonus: i64) -> String {
    if bonus == 0 {
        format!("{total}/100")
    } else {
        format!("{} + {bonus} = {total}", total - bonus)
    }
}

/// Draw the score pane.
pub fn render(state: &State, theme: &Theme, frame: &mut Frame, area: Rect, focused: bool) {
    let s = state.strings;
    // Points of a run of `+`/`-` not written yet count in the total shown,
    // marked as not saved.
    let unsaved = state.dossier.as_ref().and_then(|d| {
        d.score.criteria.iter().find_map(|c| {
            state
                .unsaved_points(&c.id)
                .map(|p| i64::from(p) - i64::from(c.points.unwrap_or(0)))
        })
    });
    let total = match &state.dossier {
        Some(d) => {
            let t = match (d.score.total, unsaved) {
                (t, None) => t,
                (Some(t), Some(delta)) => Some(t + delta),
                (None, Some(delta)) => Some(d.score.bonus + delta),
            };
            t.map_or(s.unscored.to_string(), |t| total_text(t, d.score.bonus))
        }
        None => String::new(),
    };
    let mut title = fill(s.score_title, &[("total", &total)])
        .trim_end()
        .to_string();
    if unsaved.is_some() {
        title = format!("{title} · {}", s.score_unsaved);
    }
    // The council: my total in the title; each other appraiser's and the
    // spread on the pane's first line, where they fit at any width.
    let mut council: Option<(String, bool)> = None;
    if let Some(d) = &state.dossier
        && d.score.by_appraiser.len() > 1
    {
        let mine = d
            .score
            .by_appraiser
            .iter()
            .find(|(n, _)| *n == state.user)
            .map_or("–".to_string(), |(_, t)| t.to_string());
        title = format!("{title} · {}", fill(s.score_mine, &[("mine", &mine)]));
        let mut parts: Vec<String> = d
            .score
            .by_appraiser
            .iter()
            .filter(|(n, _)| *n != state.user)
            .map(|(n, t)| format!("{} {t}", display(n)))
            .collect();
        if let Some(sp) = d.score.spread {
            parts.push(fill(s.score_spread, &[("spread", &sp.to_string())]));
        }
        if d.score.disputed {
            parts.push(format!("! {}", s.score_disputed));
        }
        council = Some((parts.join(" · "), d.score.disputed));
    }
    let block = pane_block(theme, title, focused);
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let Some(d) = &state.dossier else {
        return;
    };
    let h = usize::from(inner.height);
    let w = usize::from(inner.width);
    let ell = theme.ellipsis();
    // "18/20" plus a stale mark, and the unsaved mark while there is one.
    let pts_w = 6 + usize::from(unsaved.is_some());
    let name_w = w.saturating_sub(1 + 1 + pts_w);
    let mut lines = Vec::with_capacity(h);
    if let Some((text, disputed)) = &council {
        let style = if *disputed {
            theme.error()
        } else {
            theme.dim()
        };
        lines.push(Line::from(Span::styled(
            format!(" {}", fit(text, w.saturating_sub(1), ell, false)),
            style,
        )));
    }
    let h_rows = h.saturating_sub(lines.len());
    // The criteria's rows: all but the last, kept for the bonus line.
    let rows = h_rows.saturating_sub(1).max(1);
    let crit = &d.score.criteria;
    let offset = scroll_offset(
        state.score_cursor.saturating_sub(h_rows / 2),
        state.score_cursor,
        rows,
        crit.len(),
    );
    for (i, c) in crit.iter().enumerate().skip(offset).take(rows) {
        let is_cursor = focused && i == state.score_cursor;
        let base = if is_cursor {
            theme.cursor_row(true)
        } else {
            Style::new()
        };
        let name = s.lang.pick(&c.label_en, &c.label).to_string();
        let unsaved = state.unsaved_points(&c.id);
        let pts = format!(
            "{}{}/{}{}",
            unsaved
                .or(c.points)
                .map_or(theme.none().to_string(), |p| p.to_string()),
            if unsaved.is_some() { UNSAVED } else { "" },
            c.max,
            if c.stale { "!" } else { "" }
        );
        lines.push(Line::from(vec![
            Span::styled(if is_cursor { theme.cursor_glyph() } else { " " }, base),
            Span::styled(fit(&name, name_w, ell, false), base),
            Span::styled(" ", base),
            Span::styled(fit(&pts, pts_w, ell, true), base),
        ]));
    }
    // Criteria that do not fit are said, not left for the card to look
    // complete (seen: 3 of 6 at 80×24 above the bonus line).
    if rows < crit.len() && lines.len() < h {
        let more = fill(s.more_criteria, &[("n", &(crit.len() - rows).to_string())]);
        lines.push(Line::from(Span::styled(
            fit(&more, w, ell, false),
            theme.dim(),
        )));
    } else if lines.len() < h {
        let parts: Vec<String> = d
            .score
            .bonus_parts
            .iter()
            .map(|(l, p)| format!("{p:+} {}", s.lang.pick(&l.0, &l.1)))
            .collect();
        let mut b = format!("{} {:+}", s.bonus, d.score.bonus);
        if !parts.is_empty() {
            b.push_str(" (");
            b.push_str(&parts.join(", "));
            b.push(')');
        }
        lines.push(Line::from(Span::styled(
            fit(&b, w, ell, false),
            theme.dim(),
        )));
    }
    frame.render_widget(Paragraph::new(lines), inner);
}
