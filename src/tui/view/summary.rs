//! The summary view: one plan year at a glance. The sitting's progress
//! (decided, scored) as gauges; per category its allocation and, as gauges
//! against it, what is requested, what falls within the cut line and what
//! is approved; per province the count by status with a bar of the three.
//! The figures are [`crate::ops::summary`]'s, the export's summary sheet's.

use crate::domain::Category;
use crate::domain::lang::Lang;
use crate::domain::money::Vnd;
use crate::domain::summary::{Figures, Summary};
use crate::tui::action::Action;
use crate::tui::app::State;
use crate::tui::keymap::Mode;
use crate::tui::strings::{Strings, fill};
use crate::tui::view::pane_block;
use crate::tui::view::status::key_hints;
use crate::tui::view::text::{display, fit, width};
use crate::tui::view::theme::{Gauge, Theme};
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

/// From this inner width on, the gauges carry their amounts and the names
/// are not shortened.
const WIDE: usize = 120;
const COUNT_W: usize = 4;
/// A province table's number column.
const NUM_W: usize = 8;

/// Draw the summary view.
pub fn render(state: &State, theme: &Theme, frame: &mut Frame, area: Rect) {
    let s = state.strings;
    let sm = &state.summary;
    let mut title = match (sm.plan_year, &sm.summary) {
        (Some(y), Some(x)) => fill(
            s.summary_title,
            &[
                ("year", &y.to_string()),
                ("n", &s.lang.int(x.total.count as i64)),
            ],
        ),
        _ => s.mode_summary.to_string(),
    };
    if sm.plan_years.len() > 1 {
        let keys = key_hints(
            state,
            Mode::Summary,
            &[
                (Action::PrevPlanYear, s.hint_prev_year),
                (Action::NextPlanYear, s.hint_next_year),
            ],
            " · ",
        );
        if !keys.is_empty() {
            title.push_str(" · ");
            title.push_str(&keys);
        }
    }
    let block = pane_block(theme, title, true);
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let (w, h) = (usize::from(inner.width), usize::from(inner.height));
    let sum = match (&sm.summary, sm.plan_year) {
        (Some(x), Some(_)) => x,
        (None, _) => {
            let line = Line::from(Span::styled(s.checking, theme.dim()));
            frame.render_widget(Paragraph::new(line), inner);
            return;
        }
        (Some(_), None) => {
            let line = Line::from(Span::styled(s.nothing, theme.dim()));
            frame.render_widget(Paragraph::new(line), inner);
            return;
        }
    };
    let mut lines = progress(s, theme, w, &sum.total);
    lines.push(Line::default());
    lines.extend(categories(s, theme, w, sum));
    lines.push(Line::default());
    let room = h.saturating_sub(lines.len());
    lines.extend(provinces(s, theme, w, sum, sm.province_offset(h), room));
    lines.truncate(h);
    frame.render_widget(Paragraph::new(lines), inner);
}

/// A horizontal gauge of `cells` cells filled to `part / whole` (at most
/// full), eighths of a cell included; the empty rest dotted.
fn bar(theme: &Theme, part: i64, whole: i64, cells: usize, style: Style) -> Vec<Span<'static>> {
    let eighths = if whole <= 0 || part <= 0 {
        0
    } else {
        let e = (i128::from(part) * cells as i128 * 8 + i128::from(whole) / 2) / i128::from(whole);
        usize::try_from(e).unwrap_or(usize::MAX).min(cells * 8)
    };
    let (full, rest) = (eighths / 8, eighths % 8);
    let mut filled = theme.gauge_full().repeat(full);
    let mut used = full;
    let part_cell = theme.gauge_eighth(rest);
    if !part_cell.is_empty() {
        filled.push_str(part_cell);
        used += 1;
    }
    vec![
        Span::styled(filled, style),
        Span::styled(
            theme.gauge_empty().repeat(cells.saturating_sub(used)),
            theme.dim(),
        ),
    ]
}

/// `part` of `whole` as a whole percentage (`–` without a whole).
fn percent(theme: &Theme, part: i64, whole: Option<i64>) -> String {
    match whole {
        Some(w) if w > 0 => {
            let p = (i128::from(part) * 100 + i128::from(w) / 2) / i128::from(w);
            format!("{p}%")
        }
        _ => theme.none().to_string(),
    }
}

/// The two progress gauges: decided and scored, of every dossier.
fn progress(s: &Strings, theme: &Theme, w: usize, t: &Figures) -> Vec<Line<'static>> {
    let label_w = s
        .summary_progress
        .iter()
        .map(|l| width(l))
        .max()
        .unwrap_or(0)
        + 1;
    let all = t.count as i64;
    let tail_w = 2 * width(&s.lang.int(all)) + 7;
    let cells = w.saturating_sub(label_w + tail_w + 1).max(4);
    let gauges = [
        ((t.approved + t.returned) as i64, Gauge::Approved),
        (t.scored as i64, Gauge::Requested),
    ];
    s.summary_progress
        .iter()
        .zip(gauges)
        .map(|(label, (done, kind))| {
            let mut spans = vec![Span::styled(fit(label, label_w, "", false), theme.label())];
            spans.extend(bar(theme, done, all, cells, theme.gauge(kind)));
            spans.push(Span::raw(format!(
                " {}/{} {:>4}",
                s.lang.int(done),
                s.lang.int(all),
                percent(theme, done, Some(all))
            )));
            Line::from(spans)
        })
        .collect()
}

/// Column widths of the category table.
struct CategoryColumns {
    name: usize,
    alloc: usize,
    /// Cells of each gauge's bar.
    bar: usize,
    /// Amounts after the percentages.
    amounts: bool,
}

impl CategoryColumns {
    fn new(w: usize) -> CategoryColumns {
        let wide = w >= WIDE;
        let (name, alloc) = if wide { (22, 11) } else { (11, 8) };
        let fixed = name + 1 + COUNT_W + 1 + alloc + 1;
        // Each gauge: the bar, a space, the percentage (and an amount),
        // a space between gauges.
        let tail = if wide { 5 + 11 } else { 5 };
        let bar = (w.saturating_sub(fixed) / 3)
            .saturating_sub(tail + 1)
            .max(3);
        CategoryColumns {
            name,
            alloc,
            bar,
            amounts: wide,
        }
    }

    fn gauge_w(&self) -> usize {
        self.bar + 5 + if self.amounts { 11 } else { 0 }
    }

    fn money(&self, lang: Lang, v: Vnd) -> String {
        if self.amounts {
            lang.millions(v)
        } else {
            lang.short(v)
        }
    }
}

fn categories(s: &Strings, theme: &Theme, w: usize, sum: &Summary) -> Vec<Line<'static>> {
    let c = CategoryColumns::new(w);
    let ell = theme.ellipsis();
    let hd = s.summary_category_header;
    let label = theme.label();
    let mut head = format!(
        "{} {} {} ",
        fit(hd[0], c.name, ell, false),
        fit(hd[1], COUNT_W, ell, true),
        fit(hd[2], c.alloc, ell, true),
    );
    for h in &hd[3..] {
        head.push_str(&fit(h, c.gauge_w(), ell, false));
        head.push(' ');
    }
    let mut lines = vec![Line::from(Span::styled(head.trim_end().to_string(), label))];
    let mut total_alloc: Option<Vnd> = None;
    for (_, cat, f, alloc) in &sum.by_category {
        if let Some(a) = alloc {
            total_alloc = Some(Vnd(total_alloc.map_or(0, |t| t.0).saturating_add(a.0)));
        }
        let name = if c.amounts {
            cat.label(s.lang)
        } else {
            Category::short(*cat, s.lang)
        };
        lines.push(category_line(s, theme, &c, name, f, *alloc, Style::new()));
    }
    if sum.by_category.len() > 1 {
        lines.push(category_line(
            s,
            theme,
            &c,
            s.summary_total,
            &sum.total,
            total_alloc,
            theme.title(),
        ));
    }
    lines
}

/// One category (or the total): name, count, allocation and the three
/// gauges against the allocation (the amounts alone when there is none).
fn category_line(
    s: &Strings,
    theme: &Theme,
    c: &CategoryColumns,
    name: &str,
    f: &Figures,
    alloc: Option<Vnd>,
    base: Style,
) -> Line<'static> {
    let ell = theme.ellipsis();
    let alloc_text = alloc.map_or_else(|| s.no_allocation.to_string(), |a| c.money(s.lang, a));
    let mut spans = vec![Span::styled(
        format!(
            "{} {} {} ",
            fit(&display(name), c.name, ell, false),
            fit(&s.lang.int(f.count as i64), COUNT_W, ell, true),
            fit(&alloc_text, c.alloc, ell, true),
        ),
        base,
    )];
    let whole = alloc.map(|a| a.0);
    let within = if whole.is_some() {
        f.within_vnd
    } else {
        Vnd(0)
    };
    for (v, kind) in [
        (f.requested, Gauge::Requested),
        (within, Gauge::Within),
        (f.approved_vnd, Gauge::Approved),
    ] {
        let over = whole.is_some_and(|a| v.0 > a);
        let style = if over && kind == Gauge::Approved {
            theme.error()
        } else {
            theme.gauge(kind)
        };
        match whole {
            Some(scale) => spans.extend(bar(theme, v.0, scale, c.bar, style)),
            // Without an allocation a bar would have nothing to measure
            // against (a full one would read as all of it spent): the
            // amount instead, and nothing for the cut line.
            None => {
                let amount = if kind == Gauge::Within || c.amounts {
                    String::new()
                } else {
                    c.money(s.lang, v)
                };
                spans.push(Span::styled(fit(&amount, c.bar, ell, true), base));
            }
        }
        let pct = if kind == Gauge::Within && whole.is_none() {
            theme.none().to_string()
        } else {
            percent(theme, v.0, whole)
        };
        let pct_style = if over { style } else { base };
        spans.push(Span::styled(format!(" {pct:>4}"), pct_style));
        if c.amounts {
            let amount = if kind == Gauge::Within && whole.is_none() {
                String::new()
            } else {
                c.money(s.lang, v)
            };
            spans.push(Span::styled(
                format!(" {}", fit(&amount, 10, ell, true)),
                base,
            ));
        }
        spans.push(Span::raw(" "));
    }
    Line::from(spans)
}

/// The province table from `offset`, in at most `room` lines (the last
/// says how many are below when they do not fit).
fn provinces(
    s: &Strings,
    theme: &Theme,
    w: usize,
    sum: &Summary,
    offset: usize,
    room: usize,
) -> Vec<Line<'static>> {
    if room == 0 {
        return Vec::new();
    }
    let ell = theme.ellipsis();
    let name_w = if w >= WIDE { 24 } else { 16 };
    let fixed = name_w + 1 + COUNT_W + 4 * (NUM_W + 1) + 1;
    let bar_w = w.saturating_sub(fixed);
    let hd = s.summary_province_header;
    let mut head = format!(
        "{} {}",
        fit(hd[0], name_w, ell, false),
        fit(hd[1], COUNT_W, ell, true)
    );
    for h in &hd[2..] {
        head.push(' ');
        head.push_str(&fit(h, NUM_W, ell, true));
    }
    let mut lines = vec![Line::from(Span::styled(head, theme.label()))];
    let rows = &sum.by_province;
    let most = rows.iter().map(|(_, _, f)| f.count).max().unwrap_or(0) as i64;
    let body = room - 1;
    let shown = if rows.len().saturating_sub(offset) > body {
        body.saturating_sub(1)
    } else {
        body
    };
    for (_, name, f) in rows.iter().skip(offset).take(shown) {
        let num = |n: usize| fit(&s.lang.int(n as i64), NUM_W, ell, true);
        let mut spans = vec![Span::raw(format!(
            "{} {} {} {} {} {} ",
            fit(&display(name), name_w, ell, false),
            fit(&s.lang.int(f.count as i64), COUNT_W, ell, true),
            num(f.approved),
            num(f.returned),
            num(f.pending),
            num(f.within),
        ))];
        if bar_w >= 4 {
            spans.extend(status_bar(theme, f, most, bar_w));
        }
        lines.push(Line::from(spans));
    }
    let below = rows.len().saturating_sub(offset + shown);
    if below > 0 && lines.len() < room {
        lines.push(Line::from(Span::styled(
            fill(s.summary_more, &[("n", &s.lang.int(below as i64))]),
            theme.dim(),
        )));
    }
    lines
}

/// A province's dossiers as one bar, approved, returned and pending one
/// after the other, its length against the province with the most.
fn status_bar(theme: &Theme, f: &Figures, most: i64, cells: usize) -> Vec<Span<'static>> {
    let cell = |n: usize| -> usize {
        if most <= 0 {
            return 0;
        }
        let c = (n as i128 * cells as i128 + i128::from(most) / 2) / i128::from(most);
        usize::try_from(c).unwrap_or(cells).min(cells)
    };
    // Every non-empty part gets at least one cell.
    let parts = [
        (f.approved, Gauge::Approved),
        (f.returned, Gauge::Returned),
        (f.pending, Gauge::Pending),
    ];
    let mut out = Vec::new();
    let mut used = 0;
    for (n, kind) in parts {
        let k = if n > 0 { cell(n).max(1) } else { 0 };
        let k = k.min(cells.saturating_sub(used));
        used += k;
        out.push(Span::styled(
            theme.gauge_glyph(kind).repeat(k),
            theme.gauge(kind),
        ));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tui::app::Look;

    fn text(spans: &[Span]) -> String {
        spans.iter().map(|s| s.content.as_ref()).collect()
    }

    #[test]
    fn gauges_fill_by_eighths_and_never_overflow() {
        let t = Theme::new(Look {
            color: false,
            ascii: false,
        });
        assert_eq!(text(&bar(&t, 0, 100, 4, Style::new())), "░░░░");
        assert_eq!(text(&bar(&t, 50, 100, 4, Style::new())), "██░░");
        assert_eq!(text(&bar(&t, 1, 32, 4, Style::new())), "▏░░░");
        assert_eq!(text(&bar(&t, 250, 100, 4, Style::new())), "████");
        assert_eq!(text(&bar(&t, 5, 0, 3, Style::new())), "░░░");
        let a = Theme::new(Look {
            color: false,
            ascii: true,
        });
        assert_eq!(text(&bar(&a, 50, 100, 4, Style::new())), "##..");
        assert_eq!(percent(&t, 1, Some(3)), "33%");
        assert_eq!(percent(&t, 1, None), "–");
        assert!(percent(&t, i64::MAX, Some(1)).len() > 3);
    }
}
