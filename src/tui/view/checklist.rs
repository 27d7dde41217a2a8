//! The checklist pane: every item with its state glyph and evidence.

use crate::tui::app::State;
use crate::tui::model::CheckState;
use crate::tui::strings::fill;
use crate::tui::view::text::fit;
use crate::tui::view::theme::Theme;
use crate::tui::view::{pane_block, scroll_offset};
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

/// `5/7 · 1 failing`: items satisfied out of all, and failing ones.
pub fn summary(state: &State) -> String {
    let Some(d) = &state.dossier else {
        return String::new();
    };
    let ok = d
        .checklist
        .iter()
        .filter(|c| matches!(c.state, CheckState::Pass | CheckState::Ticked))
        .count();
    let failing = d
        .checklist
        .iter()
        .filter(|c| c.state == CheckState::Fail)
        .count();
    let mut s = format!("{ok}/{}", d.checklist.len());
    if failing > 0 {
        s.push_str(" · ");
        s.push_str(&fill(state.strings.failing, &[("n", &failing.to_string())]));
    }
    s
}

/// Draw the checklist pane.
pub fn render(state: &State, theme: &Theme, frame: &mut Frame, area: Rect, focused: bool) {
    let s = state.strings;
    let title = fill(s.checklist_title, &[("summary", &summary(state))]);
    let block = pane_block(theme, title.trim_end().to_string(), focused);
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let Some(d) = &state.dossier else {
        return;
    };
    let w = usize::from(inner.width);
    let lang = s.lang;
    let ell = theme.ellipsis();
    // The first line names the rule set of the dossier's plan year.
    let mut lines = Vec::with_capacity(usize::from(inner.height));
    let rule_set = lang.pick(&d.rule_set.0, &d.rule_set.1);
    if !rule_set.is_empty() && inner.height > 1 {
        lines.push(Line::from(Span::styled(
            fit(rule_set, w, ell, false),
            theme.dim_if(true),
        )));
    }
    let h = usize::from(inner.height) - lines.len();
    let label = |c: &crate::tui::model::CheckRow| lang.pick(&c.label.0, &c.label.1).to_string();
    let id_w = d
        .checklist
        .iter()
        .map(|c| crate::tui::view::text::width(&label(c)))
        .max()
        .unwrap_or(0)
        .min(w * 2 / 5);
    let offset = scroll_offset(
        state.checklist_cursor.saturating_sub(h / 2),
        state.checklist_cursor,
        h,
        d.checklist.len(),
    );
    for (i, c) in d.checklist.iter().enumerate().skip(offset).take(h) {
        let is_cursor = focused && i == state.checklist_cursor;
        let base = if is_cursor {
            theme.cursor_row(true)
        } else {
            Style::new()
        };
        let (g, gs) = theme.check(c.state);
        let mut text = if c.manual {
            lang.pick(&c.text_en, &c.text).to_string()
        } else {
            c.evidence.render(lang)
        };
        if c.stale {
            text = format!("{} {text}", s.stale);
        }
        let used = 2 + crate::tui::view::text::width(g) + 1 + 1 + id_w + 1;
        lines.push(Line::from(vec![
            Span::styled(if is_cursor { theme.cursor_glyph() } else { " " }, base),
            Span::styled(" ", base),
            Span::styled(g, base.patch(gs)),
            Span::styled(if c.mandatory { s.mandatory } else { " " }, base),
            Span::styled(" ", base),
            Span::styled(fit(&label(c), id_w, ell, false), base),
            Span::styled(" ", base),
            Span::styled(
                fit(&text, w.saturating_sub(used), ell, false),
                base.patch(theme.dim_if(!c.manual)),
            ),
        ]));
    }
    frame.render_widget(Paragraph::new(lines), inner);
}
