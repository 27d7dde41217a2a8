//! Texts and content put together: a [`Letter`] or a [`Report`] with the
//! [`Templates`] becomes a [`Paper`]. Everything a paper says is decided
//! here, once, for both the Word and the Markdown writer.

use super::layout::{Block, Heading, Paper, Row, Signature, Style, Table};
use super::template::{Templates, Text, lines, paragraphs};
use super::{CategoryReport, Letter, Report};
use crate::domain::lang::Lang;
use crate::domain::money::Vnd;

/// An amount in prose: `1.500 triệu đồng`, `35,5 triệu đồng`.
pub fn money(v: Vnd) -> String {
    format!("{} triệu đồng", figure(v))
}

/// An amount in a table column in millions: `1.500`, `35,5`.
pub fn figure(v: Vnd) -> String {
    let m = Lang::Vi.millions(v);
    m.strip_suffix(" tr").unwrap_or(&m).to_string()
}

fn heading(t: &Templates, number: &Text, subject: Option<String>, vars: &Vars) -> Heading {
    Heading {
        governing_body: t.common.governing_body.plain(),
        issuing_body: t.common.issuing_body.plain(),
        number: vars.fill(number),
        place_date: vars.fill(&t.common.place_date),
        subject,
    }
}

fn signature(t: &Templates, recipients: &Text, vars: &Vars) -> Signature {
    Signature {
        recipients_title: t.common.recipients_title.plain(),
        recipients: lines(&vars.fill(recipients)),
        signer: lines(&t.common.signer.plain()),
    }
}

/// The values of the placeholders in one place.
#[derive(Default)]
struct Vars(Vec<(&'static str, String)>);

impl Vars {
    fn with(mut self, name: &'static str, value: impl Into<String>) -> Vars {
        self.0.push((name, value.into()));
        self
    }

    fn fill(&self, t: &Text) -> String {
        t.fill(&|name| {
            self.0
                .iter()
                .rev()
                .find(|(n, _)| *n == name)
                .map(|(_, v)| v.clone())
                .unwrap_or_default()
        })
    }

    fn paras(&self, t: &Text, style: Style, body: &mut Vec<Block>) {
        for p in paragraphs(&self.fill(t)) {
            body.push(Block::Para(style, p));
        }
    }
}

/// The letter to one province. `year` is the year of the date line.
pub fn letter(t: &Templates, l: &Letter, year: i32) -> Paper {
    let lt = &t.letter;
    let province_full = t.province_full(&l.province);
    let vars = Vars::default()
        .with("year", year.to_string())
        .with("plan_year", l.plan_year.to_string())
        .with("province", l.province.clone())
        .with("province_full", province_full)
        .with("count", l.dossiers.len().to_string());
    let subject = vars.fill(&lt.subject);
    let mut body = Vec::new();
    body.push(Block::Para(Style::Recipient, vars.fill(&lt.recipient)));
    vars.paras(&lt.opening, Style::Body, &mut body);
    for (i, d) in l.dossiers.iter().enumerate() {
        let v = Vars::default()
            .with("index", (i + 1).to_string())
            .with("code", d.code.clone())
            .with("title", d.title.clone())
            .with("category", t_category(d.category))
            .with("unit", d.implementing_unit.clone())
            .with("beneficiary", d.beneficiary.clone().unwrap_or_default())
            .with("reason", d.reason.clone().unwrap_or_default());
        body.push(Block::Para(Style::Heading, v.fill(&lt.dossier)));
        if d.beneficiary.is_some() {
            body.push(Block::Para(Style::Body, v.fill(&lt.beneficiary)));
        }
        body.push(Block::Para(Style::Body, v.fill(&lt.unit)));
        let reason = match d.reason.as_deref().map(str::trim) {
            Some(r) if !r.is_empty() => v.fill(&lt.reason),
            _ => lt.no_reason.plain(),
        };
        body.push(Block::Para(Style::Body, reason));
        if !d.unmet.is_empty() {
            body.push(Block::Para(Style::Body, lt.unmet.plain()));
            for u in &d.unmet {
                let evidence = if u.evidence.is_empty() {
                    lt.not_confirmed.plain()
                } else {
                    u.evidence.clone()
                };
                let v = Vars::default()
                    .with("item", u.label.clone())
                    .with("evidence", evidence)
                    .with("citation", u.citation.clone().unwrap_or_default());
                let text = match &u.citation {
                    Some(_) => v.fill(&lt.unmet_citation),
                    None => v.fill(&lt.unmet_item),
                };
                body.push(Block::Para(Style::Item, format!("- {text}")));
            }
        }
        let resend = if d.resend.is_empty() {
            lt.resend_revised.plain()
        } else {
            let docs: Vec<String> = d.resend.iter().map(|k| k.label(Lang::Vi).into()).collect();
            Vars::default()
                .with("documents", docs.join(", "))
                .fill(&lt.resend)
        };
        body.push(Block::Para(Style::Body, resend));
    }
    vars.paras(&lt.closing, Style::Body, &mut body);
    Paper {
        title: subject.clone(),
        heading: heading(t, &lt.number, Some(subject), &vars),
        body,
        signature: signature(t, &lt.recipients, &vars),
    }
}

/// A category's Vietnamese short name (the letter's `{category}`).
fn t_category(c: crate::domain::Category) -> String {
    c.label(Lang::Vi).to_string()
}

/// The report of a plan year. `year` is the year of the date line.
pub fn report(t: &Templates, r: &Report, year: i32) -> Paper {
    let rt = &t.report;
    let vars = Vars::default()
        .with("year", year.to_string())
        .with("plan_year", r.plan_year.to_string())
        .with("count", r.count().to_string())
        .with("categories", r.categories.len().to_string());
    let mut body = vec![
        Block::Para(Style::Title, vars.fill(&rt.title)),
        Block::Para(Style::Subtitle, vars.fill(&rt.subtitle)),
    ];
    vars.paras(&rt.intro, Style::Body, &mut body);
    for (i, c) in r.categories.iter().enumerate() {
        let v = Vars::default()
            .with("index", (i + 1).to_string())
            .with("category", c.name.clone())
            .with("plan_year", r.plan_year.to_string());
        body.push(Block::Para(Style::Heading, v.fill(&rt.category)));
        category_body(t, c, &mut body);
    }
    vars.paras(&rt.closing, Style::Body, &mut body);
    let title = format!("{} {}", rt.title.plain(), vars.fill(&rt.subtitle));
    Paper {
        title,
        heading: heading(t, &rt.number, None, &vars),
        body,
        signature: signature(t, &rt.recipients, &vars),
    }
}

fn category_body(t: &Templates, c: &CategoryReport, body: &mut Vec<Block>) {
    let rt = &t.report;
    let allocation = c.allocation.map(money).unwrap_or_default();
    let v = Vars::default().with("allocation", allocation.clone());
    body.push(Block::Para(
        Style::Body,
        match c.allocation {
            Some(_) => v.fill(&rt.allocation),
            None => rt.no_allocation.plain(),
        },
    ));
    if c.rows.is_empty() {
        body.push(Block::Para(Style::Note, rt.empty.plain()));
    } else {
        body.push(Block::Table(ranked_table(t, c)));
        if c.allocation.is_some() && c.cut_after().is_none() {
            body.push(Block::Para(Style::Note, v.fill(&rt.all_within)));
        }
    }
    let f = &c.figures;
    let counts = Vars::default()
        .with("count", f.count.to_string())
        .with("requested", money(f.requested))
        .with("approved", f.approved.to_string())
        .with("approved_vnd", money(f.approved_vnd))
        .with("returned", f.returned.to_string())
        .with("returned_vnd", money(f.returned_vnd))
        .with("pending", f.pending.to_string())
        .with("within", f.within.to_string())
        .with("within_vnd", money(f.within_vnd));
    body.push(Block::Para(Style::Body, counts.fill(&rt.counts)));
    if c.allocation.is_some() {
        body.push(Block::Para(Style::Body, counts.fill(&rt.within)));
    }
    if c.overrides.is_empty() {
        body.push(Block::Para(Style::Note, rt.no_overrides.plain()));
        return;
    }
    body.push(Block::Para(Style::Body, rt.overrides.plain()));
    for o in &c.overrides {
        let reason = match o.reason.as_deref().map(str::trim) {
            Some(r) if !r.is_empty() => r.to_string(),
            _ => rt.no_override_reason.plain(),
        };
        let v = Vars::default()
            .with("code", o.code.clone())
            .with("province", o.province.clone())
            .with("title", o.title.clone())
            .with("reason", reason)
            .with("author", o.author.clone())
            .with("at", Lang::Vi.datetime(&o.at));
        body.push(Block::Para(
            Style::Item,
            format!("- {}", v.fill(&rt.override_item)),
        ));
    }
}

fn ranked_table(t: &Templates, c: &CategoryReport) -> Table {
    let rt = &t.report;
    let mut header: Vec<String> = rt
        .columns
        .plain()
        .split('|')
        .map(|s| s.trim().to_string())
        .collect();
    header.resize(8, String::new());
    let mut rows = Vec::with_capacity(c.rows.len() + 1);
    let cut = c.cut_after();
    for (i, r) in c.rows.iter().enumerate() {
        if cut == Some(i) {
            let cumulative = i
                .checked_sub(1)
                .and_then(|p| c.rows.get(p))
                .map_or(Vnd::ZERO, |p| p.cumulative);
            let v = Vars::default()
                .with("allocation", c.allocation.map(money).unwrap_or_default())
                .with("cumulative", money(cumulative));
            rows.push(Row::Across(v.fill(&rt.cut_line)));
        }
        rows.push(Row::Cells(vec![
            r.rank.to_string(),
            r.code.clone(),
            r.province.clone(),
            r.title.clone(),
            figure(r.national),
            r.score
                .map_or_else(|| rt.unscored.plain(), |s| s.to_string()),
            figure(r.cumulative),
            if r.within {
                rt.within_yes.plain()
            } else {
                rt.within_no.plain()
            },
        ]));
    }
    Table {
        header,
        widths: vec![5, 16, 11, 28, 10, 8, 11, 9],
        numeric: vec![true, false, false, false, true, true, true, false],
        rows,
    }
}
