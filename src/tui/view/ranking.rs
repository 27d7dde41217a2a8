//! The ranking view: one category ordered by score, with each dossier's
//! title, status and checklist state, the cumulative national support, and
//! the cut line at the allocation. The title takes the width left by the
//! fixed columns; the province shows when there is room for it too.

use crate::tui::app::State;
use crate::tui::model::{CheckState, RankLine};
use crate::tui::strings::fill;
use crate::tui::view::text::{fit, width};
use crate::tui::view::theme::Theme;
use crate::tui::view::{pane_block, scroll_offset};
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

const RANK_W: usize = 4;
const CHECK_W: usize = 7;
const SCORE_W: usize = 5;
const MONEY_W: usize = 9;
const PROVINCE_W: usize = 14;
const WITHIN_W: usize = 3;
/// The title column is never narrower than this.
const MIN_TITLE_W: usize = 12;

/// Column widths for an inner width (the cursor column excluded).
struct Columns {
    code: usize,
    title: usize,
    province: usize,
}

impl Columns {
    fn new(w: usize, code: usize) -> Columns {
        // The cursor, then rank, code, status glyph, (title), checklist,
        // score, national, cumulative and within budget, each followed by a
        // space but the last; the title takes the rest.
        let spaces = 8;
        let fixed = 1 + RANK_W + code + 1 + CHECK_W + SCORE_W + 2 * MONEY_W + WITHIN_W + spaces;
        let rest = w.saturating_sub(fixed);
        let province = if rest > MIN_TITLE_W * 2 + PROVINCE_W {
            PROVINCE_W
        } else {
            0
        };
        let title = rest.saturating_sub(if province > 0 { province + 1 } else { 0 });
        Columns {
            code,
            title,
            province,
        }
    }
}

/// One line: the cells' spans, fitted to the columns.
#[allow(clippy::too_many_arguments)]
fn cells<'a>(
    c: &Columns,
    ell: &str,
    rank: &str,
    code: &str,
    status: (&'a str, Style),
    title: &str,
    province: &str,
    check: (&'a str, Style, &str),
    money: [&str; 3],
    within: (&'a str, Style),
    base: Style,
) -> Vec<Span<'a>> {
    let mut out = vec![
        Span::styled(
            format!(
                "{} {} ",
                fit(rank, RANK_W, ell, true),
                fit(code, c.code, ell, false)
            ),
            base,
        ),
        Span::styled(fit(status.0, 1, ell, false), base.patch(status.1)),
        Span::styled(format!(" {} ", fit(title, c.title, ell, false)), base),
    ];
    if c.province > 0 {
        out.push(Span::styled(
            format!("{} ", fit(province, c.province, ell, false)),
            base,
        ));
    }
    // The glyph, a space and the count; a header has no glyph and its
    // label takes the whole column.
    let (glyph, gs, count) = check;
    let lead = if glyph.is_empty() {
        0
    } else {
        width(glyph) + 1
    };
    out.push(Span::styled(
        if glyph.is_empty() {
            String::new()
        } else {
            format!("{glyph} ")
        },
        base.patch(gs),
    ));
    out.push(Span::styled(
        format!(
            "{} {} {} {} ",
            fit(count, CHECK_W.saturating_sub(lead), ell, false),
            fit(money[0], SCORE_W, ell, true),
            fit(money[1], MONEY_W, ell, true),
            fit(money[2], MONEY_W, ell, true),
        ),
        base,
    ));
    out.push(Span::styled(
        fit(within.0, WITHIN_W, ell, false),
        base.patch(within.1),
    ));
    out
}

/// Draw the ranking view.
pub fn render(state: &State, theme: &Theme, frame: &mut Frame, area: Rect) {
    let s = state.strings;
    let r = &state.ranking;
    let alloc = r
        .allocation
        .map_or(s.no_allocation.to_string(), |v| s.lang.millions(v));
    let mut category = r.category.label(s.lang).to_string();
    if let Some(y) = r.plan_year {
        category.push_str(&format!(" {y}"));
    }
    let title = fill(
        s.ranking_title,
        &[("category", &category), ("allocation", &alloc)],
    );
    let block = pane_block(theme, title, true);
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let w = usize::from(inner.width);
    let h = usize::from(inner.height);
    let ell = theme.ellipsis();
    let code_w = r
        .rows
        .iter()
        .map(|x| width(&x.code))
        .max()
        .unwrap_or(0)
        .clamp(11, 16);
    let cols = Columns::new(w, code_w);
    let hd = s.ranking_header;
    let label = theme.label();
    let mut header = vec![Span::styled(" ", label)];
    header.extend(cells(
        &cols,
        ell,
        hd[0],
        hd[1],
        (" ", label),
        hd[2],
        hd[3],
        ("", label, hd[4]),
        [hd[5], hd[6], hd[7]],
        (hd[8], label),
        label,
    ));
    let mut lines = vec![Line::from(header)];
    if r.rows.is_empty() {
        lines.push(Line::from(Span::styled(s.nothing, theme.dim())));
        frame.render_widget(Paragraph::new(lines), inner);
        return;
    }
    // The body holds the rows and, where it falls, the cut line.
    let body = h.saturating_sub(2).max(1);
    let offset = scroll_offset(r.offset, r.cursor, body, r.rows.len());
    let cut_after = r.rows.iter().rposition(|x| x.within_budget);
    let has_cut = r.allocation.is_some() && r.rows.iter().any(|x| !x.within_budget);
    if has_cut && cut_after.is_none() && offset == 0 {
        lines.push(cut_line(state, theme, w, &alloc));
    }
    for (i, x) in r.rows.iter().enumerate().skip(offset) {
        if lines.len() >= h {
            break;
        }
        let is_cursor = i == r.cursor;
        let base = if is_cursor {
            theme.cursor_row(true)
        } else {
            Style::new()
        };
        let mut spans = vec![Span::styled(
            if is_cursor { theme.cursor_glyph() } else { " " },
            base,
        )];
        spans.extend(line_cells(
            s.lang,
            theme,
            &cols,
            x,
            r.allocation.is_some(),
            base,
        ));
        lines.push(Line::from(spans));
        if has_cut && cut_after == Some(i) && lines.len() < h {
            lines.push(cut_line(state, theme, w, &alloc));
        }
    }
    frame.render_widget(Paragraph::new(lines), inner);
}

fn line_cells<'a>(
    lang: crate::domain::Lang,
    theme: &Theme,
    cols: &Columns,
    x: &'a RankLine,
    // Without an allocation no row is within a cut line or over it.
    has_allocation: bool,
    base: Style,
) -> Vec<Span<'a>> {
    let ell = theme.ellipsis();
    let (cg, cs) = theme.check(if x.checklist_ok {
        CheckState::Pass
    } else {
        CheckState::Fail
    });
    let count = format!("{}/{}", x.checklist_done, x.checklist_total);
    let score = x.score.map_or(theme.none().into(), |v| v.to_string());
    let nat = lang.millions(x.national);
    let cum = lang.millions(x.cumulative);
    cells(
        cols,
        ell,
        &x.rank.to_string(),
        &x.code,
        theme.status(x.status),
        &x.title,
        &x.province,
        (cg, cs, &count),
        [&score, &nat, &cum],
        if has_allocation {
            theme.within(x.within_budget)
        } else {
            ("", Style::new())
        },
        base,
    )
}

fn cut_line(state: &State, theme: &Theme, w: usize, alloc: &str) -> Line<'static> {
    let label = format!(
        " {} ",
        fill(state.strings.cut_line, &[("allocation", alloc)])
    );
    let lw = width(&label);
    let left = 3;
    let right = w.saturating_sub(lw + left);
    Line::from(Span::styled(
        format!(
            "{}{label}{}",
            theme.rule().repeat(left),
            theme.rule().repeat(right)
        ),
        theme.error(),
    ))
}
