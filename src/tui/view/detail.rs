//! The detail pane: everything imported, scrollable, long text wrapped.

use crate::domain::Vnd;
use crate::domain::date::vn;
use crate::domain::dossier::Dossier;
use crate::domain::fields;
use crate::tui::app::State;
use crate::tui::strings::{Strings, fill};
use crate::tui::view::pane_block;
use crate::tui::view::text::display;
use crate::tui::view::theme::Theme;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Wrap};

/// Draw the detail pane.
pub fn render(state: &State, theme: &Theme, frame: &mut Frame, area: Rect, focused: bool) {
    let s = state.strings;
    let Some(d) = &state.dossier else {
        let block = pane_block(theme, s.detail.to_string(), focused);
        frame.render_widget(
            Paragraph::new(Span::styled(s.no_selection, theme.dim())).block(block),
            area,
        );
        return;
    };
    let title = fill(
        s.detail_title,
        &[
            ("code", &d.dossier.code),
            ("category", d.dossier.category.label(s.lang)),
            ("status", d.status.label(s.lang)),
            ("revision", &d.revision.to_string()),
        ],
    );
    let mut title = title;
    // Who else has it open, next to the code (the end of a long title is
    // cut on a narrow pane).
    if let Some(names) = state.team.names(&d.dossier.code) {
        let code = &d.dossier.code;
        let here = fill(s.here, &[("names", &names)]);
        title = title.replacen(code.as_str(), &format!("{code} · {here}"), 1);
    }
    let block = pane_block(theme, title, focused);
    let mut lines = lines(s, theme, &d.dossier);
    if !d.history.is_empty() {
        lines.push(Line::from(Span::styled(s.l_history, theme.label())));
        for h in &d.history {
            let lang = s.lang;
            let action = crate::domain::vocab::audit::action_label(&h.action, lang);
            let mut t = format!("  {} {} {action}", short_time(&h.at), h.author);
            if let Some(r) = &h.reason {
                t.push_str(" — ");
                t.push_str(&crate::domain::vocab::audit::reason_text(r, lang));
            }
            if let Some(o) = &h.override_reason {
                t.push_str(&format!(" — {}: {o}", s.override_reason));
            }
            lines.push(shown(&t));
        }
    }
    let p = Paragraph::new(lines)
        .block(block)
        .wrap(Wrap { trim: false });
    // Scrolled no further than the last line at the bottom of the pane.
    let room = p
        .line_count(area.width.saturating_sub(2))
        .saturating_sub(usize::from(area.height));
    state.detail_room.set(room);
    let scroll = u16::try_from(state.detail_scroll.min(room)).unwrap_or(u16::MAX);
    frame.render_widget(p.scroll((scroll, 0)), area);
}

/// `2023-10-02T09:15:00+07:00` → `02/10/2023 09:15`; anything else as is.
pub fn short_time(at: &str) -> String {
    chrono::DateTime::parse_from_rfc3339(at)
        .map(|t| t.format("%d/%m/%Y %H:%M").to_string())
        .unwrap_or_else(|_| at.to_string())
}

/// A line of dossier text as it is drawn ([`display`]).
fn shown(t: &str) -> Line<'static> {
    Line::from(display(t).into_owned())
}

fn field(theme: &Theme, label: &str, value: String) -> Line<'static> {
    Line::from(vec![
        Span::styled(format!("{label}: "), theme.label()),
        Span::raw(display(&value).into_owned()),
    ])
}

fn money(lang: crate::domain::Lang, v: Option<Vnd>) -> String {
    v.map_or("–".to_string(), |v| lang.millions(v))
}

fn lines(s: &Strings, theme: &Theme, d: &Dossier) -> Vec<Line<'static>> {
    let mut out = vec![
        field(theme, s.l_title, d.title.clone()),
        field(theme, s.l_unit, d.implementing_unit.clone()),
    ];
    if let Some(b) = &d.beneficiary {
        let mut parts: Vec<String> = Vec::new();
        if let Some(n) = &b.name {
            parts.push(n.clone());
        }
        if let Some(k) = b.kind {
            parts.push(k.label(s.lang).to_string());
        }
        let place: Vec<&str> = [b.commune.as_deref(), b.district.as_deref()]
            .into_iter()
            .flatten()
            .collect();
        if !place.is_empty() {
            parts.push(place.join(", "));
        }
        if let Some(w) = b.workers {
            parts.push(fill(s.workers, &[("n", &w.to_string())]));
        }
        out.push(field(theme, s.l_beneficiary, parts.join(" · ")));
    }
    out.push(Line::from(vec![
        Span::styled(format!("{}: ", s.l_province), theme.label()),
        Span::raw(display(&d.province).into_owned()),
        Span::styled(format!(" · {}: ", s.l_plan_year), theme.label()),
        Span::raw(d.plan_year.to_string()),
        Span::styled(format!(" · {}: ", s.l_project_type), theme.label()),
        Span::raw(d.project_type.label(s.lang).to_string()),
    ]));
    if let Some(p) = d.priority_area {
        out.push(field(theme, s.l_priority, p.label(s.lang).to_string()));
    }
    let mut dates = vec![
        Span::styled(format!("{}: ", s.l_submitted), theme.label()),
        Span::raw(vn(d.submitted_on)),
    ];
    if d.start.is_some() || d.end.is_some() {
        dates.push(Span::styled(format!(" · {}: ", s.l_period), theme.label()));
        dates.push(Span::raw(format!(
            "{} – {}",
            d.start.map_or("?".into(), vn),
            d.end.map_or("?".into(), vn)
        )));
    }
    out.push(Line::from(dates));
    let b = &d.budget;
    let pct = match b.total_vnd {
        // In i128: amounts stored before the import bound could overflow.
        Some(t) if t.0 > 0 => format!(
            " ({}%)",
            i128::from(b.national_vnd.0) * 100 / i128::from(t.0)
        ),
        _ => String::new(),
    };
    out.push(field(
        theme,
        s.l_budget,
        format!(
            "{} {} · {} {}{} · {} {} · {} {}",
            s.l_total,
            money(s.lang, b.total_vnd),
            s.l_national,
            s.lang.millions(b.national_vnd),
            pct,
            s.l_local,
            money(s.lang, b.local_vnd),
            s.l_counterpart,
            money(s.lang, b.counterpart_vnd)
        ),
    ));
    out.push(Line::from(Span::styled(
        format!("{} ({}):", s.l_documents, d.documents.len()),
        theme.label(),
    )));
    for doc in &d.documents {
        let mut t = format!(
            "  • {}",
            doc.original_kind
                .as_deref()
                .unwrap_or(doc.kind.label(s.lang))
        );
        if let Some(title) = &doc.title {
            t.push_str(" — ");
            t.push_str(title);
        }
        if let Some(l) = doc.level {
            t.push_str(&format!(" [{}]", l.label(s.lang)));
        }
        if let Some(v) = doc.valid_until {
            t.push_str(&format!(" ≤ {}", vn(v)));
        }
        if let Some(p) = doc.pages {
            t.push_str(&format!(" ({})", fill(s.pages, &[("n", &p.to_string())])));
        }
        out.push(shown(&t));
    }
    let facts = fields::details(&d.details, s.lang);
    if !facts.is_empty() {
        out.push(Line::from(Span::styled(
            format!("{}:", s.l_details),
            theme.label(),
        )));
        for (k, v) in facts {
            out.push(shown(&format!("  {k}: {v}")));
        }
    }
    if let Some(sum) = &d.summary {
        out.push(Line::from(Span::styled(
            format!("{}:", s.l_summary),
            theme.label(),
        )));
        for l in crate::tui::view::text::paragraphs(sum) {
            out.push(shown(&format!("  {l}")));
        }
    }
    if !d.extra.is_empty() {
        out.push(Line::from(Span::styled(
            format!("{}:", s.l_extra),
            theme.label(),
        )));
        for (k, v) in &d.extra {
            out.push(shown(&format!("  {k}: {}", fields::plain(v, s.lang))));
        }
    }
    out
}
