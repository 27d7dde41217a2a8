//! The papers an appraisal produces: the letter to each province about its
//! returned dossiers, and the report of the appraisal's result per
//! category. Pure: the caller (`ops::papers`) hands in what the store
//! holds; this module decides what each paper says.
//!
//! Rooms: this file is the content (what a letter or a report holds, as
//! data); [`template`] reads the editable texts of `data/papers.toml`;
//! [`compose`] puts texts and content together into a [`layout::Paper`],
//! which the writers of `output` render as Word or Markdown.

pub mod compose;
pub mod layout;
pub mod template;

use crate::domain::category::Category;
use crate::domain::checklist::{Checklist, Evidence, ItemKind, ItemResult};
use crate::domain::dossier::DocKind;
use crate::domain::lang::Lang;
use crate::domain::money::Vnd;
use crate::domain::ranking::RankRow;
use crate::domain::status::Status;
use crate::domain::summary::{self, Figures};

/// The legal citation of a checklist item (`Điều 4 Thông tư 28/2018/TT-BTC`),
/// when the item carries one.
///
/// The one place where a citation is read: the item's `basis` from the
/// rule set of the dossier's plan year (`data/rulesets/`).
pub fn citation(item: &ItemResult) -> Option<&str> {
    item.basis.as_deref()
}

/// A mandatory checklist item a returned dossier does not meet.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnmetItem {
    pub id: String,
    /// An automatic item: its short label; a manual one: what the
    /// appraiser checks, in full. In Vietnamese.
    pub label: String,
    /// What the check found (automatic items); empty for a manual item,
    /// which the appraiser did not confirm (the letter's words say so).
    pub evidence: String,
    /// The rule it rests on, when the item carries one ([`citation`]).
    pub citation: Option<String>,
}

/// The unmet mandatory items of a checklist, in Vietnamese.
pub fn unmet_items(checklist: &Checklist) -> Vec<UnmetItem> {
    checklist
        .unmet_mandatory()
        .into_iter()
        .map(|i| {
            let (label, evidence) = match i.kind {
                ItemKind::Auto => (i.label(Lang::Vi), i.detail_in(Lang::Vi)),
                ItemKind::Manual => (i.text(Lang::Vi), String::new()),
            };
            UnmetItem {
                id: i.id.clone(),
                label: label.to_string(),
                evidence,
                citation: citation(i).map(str::to_string),
            }
        })
        .collect()
}

/// The documents a province should send again: those the unmet items
/// found missing, in the order of the document list.
pub fn documents_to_resend(checklist: &Checklist) -> Vec<DocKind> {
    let mut kinds = Vec::new();
    for i in checklist.unmet_mandatory() {
        match &i.evidence {
            Evidence::DocumentsMissing { missing } => kinds.extend(missing.iter().copied()),
            Evidence::CounterpartNoDocument => kinds.push(DocKind::CounterpartCommitment),
            Evidence::ClusterLegalIncomplete | Evidence::ClusterLegalUnstated => {
                kinds.push(DocKind::ClusterLegal)
            }
            _ => {}
        }
    }
    kinds.sort();
    kinds.dedup();
    kinds
}

/// A returned dossier as its province's letter lists it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReturnedDossier {
    pub code: String,
    pub title: String,
    pub category: Category,
    pub beneficiary: Option<String>,
    pub implementing_unit: String,
    /// The reason the appraiser gave when returning it.
    pub reason: Option<String>,
    pub unmet: Vec<UnmetItem>,
    /// Documents to send again (beside the revised proposal).
    pub resend: Vec<DocKind>,
}

/// The letter to one province: its returned dossiers of one plan year.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Letter {
    pub plan_year: i32,
    pub province: String,
    pub dossiers: Vec<ReturnedDossier>,
}

/// Group returned dossiers into one letter per province (matched and
/// ordered by the name without case or diacritics), dossiers by code.
pub fn letters(plan_year: i32, dossiers: Vec<(String, ReturnedDossier)>) -> Vec<Letter> {
    let mut by: std::collections::BTreeMap<String, Letter> = Default::default();
    for (province, d) in dossiers {
        // `Gia Lai` and `gia lai` are one province: the first spelling.
        by.entry(crate::domain::text::fold(&province))
            .or_insert_with(|| Letter {
                plan_year,
                province,
                dossiers: Vec::new(),
            })
            .dossiers
            .push(d);
    }
    let mut out: Vec<Letter> = by.into_values().collect();
    for l in &mut out {
        l.dossiers.sort_by(|a, b| a.code.cmp(&b.code));
    }
    out
}

/// A dossier of a category, as far as the report needs it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReportInput {
    pub code: String,
    pub province: String,
    pub title: String,
    pub status: Status,
    pub national: Vnd,
    /// Approved despite unmet mandatory items: (reason, author, at).
    pub override_by: Option<(Option<String>, String, String)>,
}

/// One row of a category's ranked table.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReportRow {
    pub rank: usize,
    pub code: String,
    pub province: String,
    pub title: String,
    pub national: Vnd,
    pub score: Option<i64>,
    pub cumulative: Vnd,
    pub within: bool,
}

/// An approval that overrode unmet mandatory items.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Override {
    pub code: String,
    pub province: String,
    pub title: String,
    pub reason: Option<String>,
    pub author: String,
    /// RFC 3339.
    pub at: String,
}

/// One category of the report.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CategoryReport {
    pub category: Category,
    /// Its name, in Vietnamese (from `data/categories.toml`).
    pub name: String,
    pub allocation: Option<Vnd>,
    pub rows: Vec<ReportRow>,
    /// Counts and sums of all its dossiers (returned ones included).
    pub figures: Figures,
    pub overrides: Vec<Override>,
}

impl CategoryReport {
    /// How many rows stand above the cut line, when there is one (an
    /// allocation that some ranked dossier exceeds).
    pub fn cut_after(&self) -> Option<usize> {
        self.allocation?;
        let within = self.rows.iter().take_while(|r| r.within).count();
        (within < self.rows.len()).then_some(within)
    }
}

/// The report of one plan year.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Report {
    pub plan_year: i32,
    pub categories: Vec<CategoryReport>,
}

impl Report {
    /// Dossiers in all the report's categories.
    pub fn count(&self) -> usize {
        self.categories.iter().map(|c| c.figures.count).sum()
    }
}

/// One category's part of the report: its ranking (`ranked`, as
/// `domain::ranking` computed it) with each dossier's province and title,
/// the figures of all its dossiers `inputs`, and the overrides.
pub fn category_report(
    category: Category,
    name: &str,
    plan_year: i32,
    allocation: Option<Vnd>,
    ranked: &[RankRow],
    inputs: &[ReportInput],
) -> CategoryReport {
    let by_code: std::collections::HashMap<&str, &ReportInput> =
        inputs.iter().map(|i| (i.code.as_str(), i)).collect();
    let within: std::collections::HashMap<&str, bool> = ranked
        .iter()
        .map(|r| (r.code.as_str(), r.within_budget))
        .collect();
    let rows = ranked
        .iter()
        .map(|r| {
            let i = by_code.get(r.code.as_str());
            ReportRow {
                rank: r.rank,
                code: r.code.clone(),
                province: i.map(|i| i.province.clone()).unwrap_or_default(),
                title: i.map(|i| i.title.clone()).unwrap_or_default(),
                national: r.national_vnd,
                score: r.score,
                cumulative: r.cumulative_vnd,
                within: r.within_budget,
            }
        })
        .collect();
    let figures = summary::summarize(
        inputs.iter().map(|i| summary::Input {
            plan_year,
            category,
            province: &i.province,
            status: i.status,
            national: i.national,
            within_budget: within.get(i.code.as_str()).copied(),
            // The report shows no scored count.
            scored: false,
        }),
        |_, _| allocation,
    )
    .total;
    let mut overrides: Vec<Override> = inputs
        .iter()
        .filter(|i| i.status == Status::Approved)
        .filter_map(|i| {
            let (reason, author, at) = i.override_by.clone()?;
            Some(Override {
                code: i.code.clone(),
                province: i.province.clone(),
                title: i.title.clone(),
                reason,
                author,
                at,
            })
        })
        .collect();
    overrides.sort_by(|a, b| a.code.cmp(&b.code));
    CategoryReport {
        category,
        name: name.to_string(),
        allocation,
        rows,
        figures,
        overrides,
    }
}

#[cfg(test)]
mod tests;
