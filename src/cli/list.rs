//! `thamdinh list`: the queue, filtered, as a table, JSON or CSV.

use super::args::Format;
use super::table::{Align, Table};
use super::{CmdResult, Ctx, Exit, Failure, dash, print_json};
use crate::domain::query::{self, Prepared, Query};
use crate::domain::{Category, Status, Vnd};
use crate::ops;
use crate::store::{QueueFilter, QueueRow};
use chrono::NaiveDate;
use serde::Serialize;
use std::collections::HashMap;

/// The filters as typed; the category is resolved once the rules are loaded.
pub struct Filter {
    status: Option<Status>,
    category: Option<String>,
    province: Option<String>,
    plan_year: Option<i32>,
}

impl Filter {
    pub fn parse(
        status: &Option<String>,
        category: &Option<String>,
        province: &Option<String>,
        plan_year: Option<i32>,
    ) -> Result<Filter, Failure> {
        let status = match status {
            None => None,
            Some(s) => Some(crate::domain::query::Query::status_named(s).ok_or_else(|| {
                Failure::usage(match super::message_lang() {
                    crate::domain::Lang::En => format!(
                        "--status: {s:?} is not a status (pending, approved, returned)"
                    ),
                    crate::domain::Lang::Vi => format!(
                        "--status: {s:?} không phải trạng thái (chờ thẩm định, đã phê duyệt, đã trả lại; hoặc pending, approved, returned)"
                    ),
                })
            })?),
        };
        Ok(Filter {
            status,
            category: category.clone(),
            province: province.clone(),
            plan_year,
        })
    }
}

/// One line of `list --format json|csv` (keys of cli.md, plus more).
#[derive(Debug, Serialize)]
pub struct ListItem {
    pub code: String,
    pub plan_year: i32,
    pub province: String,
    pub category: Category,
    pub title: String,
    pub status: Status,
    pub submitted_on: NaiveDate,
    pub national_vnd: i64,
    pub score: Option<i64>,
    pub revision: i64,
    pub beneficiary: Option<String>,
    pub checklist: String,
    /// The checklist summary in the table's language (not in JSON/CSV).
    #[serde(skip)]
    pub checklist_text: String,
    pub checklist_ok: bool,
    pub failing: usize,
    pub rank: Option<usize>,
    pub within_budget: Option<bool>,
    /// Who the dossier is assigned to.
    pub assignee: Option<String>,
    /// How many appraisers scored it, and how far apart their totals are.
    pub appraisers: i64,
    pub spread: Option<i64>,
    /// The spread is above the council's threshold (`data/council.toml`).
    pub disputed: bool,
}

#[allow(clippy::too_many_arguments)]
pub fn run(
    ctx: &Ctx,
    f: &Filter,
    query: Option<&str>,
    fuzzy: bool,
    failing_only: bool,
    format: Format,
    as_of: NaiveDate,
) -> CmdResult {
    let category = match &f.category {
        Some(c) => Some(super::parse_category(&ctx.rules, c)?),
        None => None,
    };
    let filter = QueueFilter {
        status: f.status,
        category,
        province: f.province.clone(),
        plan_year: f.plan_year,
        limit: None,
    };
    // Ranks are computed over the whole database, not just the filtered rows.
    let all = ctx.store.queue(&QueueFilter::default())?;
    let ranks = ops::rank_index(&ctx.store, &ctx.rules, &all, as_of)?;
    let all_count = all.len();
    let rows = if filter == QueueFilter::default() {
        all
    } else {
        ctx.store.queue(&filter)?
    };
    let query = match query {
        Some(q) => Some(Query::parse(q, ctx.rules.aliases()).map_err(|e| {
            Failure::usage(format!("--query: {}", e.message(super::message_lang())))
        })?),
        None => None,
    };
    // Which rows, in which order: the query matches on the queue rows
    // alone (no dossier is loaded) unless it asks for the checklist state
    // or the last actor; only the rows listed are then assessed.
    let mut assessed: HashMap<String, Assessed> = HashMap::new();
    let chosen: Vec<usize> = match &query {
        None => (0..rows.len()).collect(),
        Some(q) => {
            let facts = q.needs_facts();
            let actors = if facts {
                ctx.store.last_actors()?
            } else {
                Default::default()
            };
            if facts {
                assessed = assess(ctx, rows.iter(), all_count, as_of)?;
            }
            let mut docs = Vec::with_capacity(rows.len());
            for r in &rows {
                let mut doc = ops::row_doc(&ctx.rules, r, as_of, Some(&ctx.actor.user));
                if facts {
                    doc.last_by = actors.get(&r.code).map(|a| Prepared::boxed(a));
                    doc.standing = assessed.get(&r.code).map(|a| a.standing);
                }
                docs.push(doc);
            }
            let mut found = query::search(q, &docs, 0..docs.len(), &|_| false);
            if found.is_empty() && q.has_terms() {
                if fuzzy {
                    found = query::search(&q.fuzzy(), &docs, 0..docs.len(), &|_| false);
                    crate::errln!("no exact match: {} near matches (fuzzy)", found.len());
                } else {
                    crate::errln!("no dossier matches; --fuzzy shows near matches for typos");
                }
            }
            found.into_iter().map(|f| f.index).collect()
        }
    };
    if assessed.is_empty() {
        assessed = assess(ctx, chosen.iter().map(|&i| &rows[i]), all_count, as_of)?;
    }
    let mut items = Vec::with_capacity(chosen.len());
    for i in chosen {
        let r = &rows[i];
        let a = assessed
            .remove(&r.code)
            .ok_or_else(|| Failure::failed(format!("{} vanished", r.code)))?;
        let item = item(ctx, r, &ranks, a, as_of);
        if failing_only && item.failing == 0 {
            continue;
        }
        items.push(item);
    }
    match format {
        Format::Json => print_json(&items)?,
        Format::Csv => super::print_csv(&items)?,
        Format::Table => {
            let l = ctx.lang;
            let mut t = Table::new(&[
                (l.pick("CODE", "MÃ"), Align::Left, 0),
                (l.pick("PROVINCE", "TỈNH"), Align::Left, 14),
                (l.pick("CATEGORY", "NỘI DUNG"), Align::Left, 11),
                (l.pick("NATIONAL", "KCQG"), Align::Right, 0),
                (l.pick("SCORE", "ĐIỂM"), Align::Right, 0),
                (l.pick("RANK", "HẠNG"), Align::Right, 0),
                (l.pick("STATUS", "TRẠNG THÁI"), Align::Left, 0),
                (l.pick("TO", "GIAO"), Align::Left, 12),
                (l.pick("CHECKLIST", "KIỂM TRA"), Align::Left, 0),
                (l.pick("TITLE", "TÊN ĐỀ ÁN"), Align::Left, 48),
            ]);
            for i in &items {
                t.row(vec![
                    i.code.clone(),
                    i.province.clone(),
                    i.category.short(l).to_string(),
                    l.millions(Vnd(i.national_vnd)),
                    match (i.score, i.disputed) {
                        (Some(s), true) => format!("{s}!"),
                        (s, _) => dash(s),
                    },
                    dash(i.rank),
                    i.status.label(l).to_string(),
                    dash(i.assignee.as_deref()),
                    i.checklist_text.clone(),
                    i.title.clone(),
                ]);
            }
            super::report(|o| o.text(&t.render()))?;
            crate::errln!("{} {}", items.len(), l.pick("dossiers", "hồ sơ"));
        }
    }
    Ok(Exit::Success)
}

/// Up to this many listed dossiers are assessed one by one (a few queries
/// each, ≈ 240 µs); more are read in bulk ([`ops::checklists`]) when they
/// are more than one in [`BULK_SHARE`] of the database: the bulk pass walks
/// every dossier's row, parsing only the wanted ones. Measured at 100,000
/// dossiers: `list --query "gia lai"` (12,500 hits) 3.6 s one by one, 1.3 s
/// in bulk (docs/BENCHMARKS.md).
const ONE_BY_ONE: usize = 200;
const BULK_SHARE: usize = 50;

/// What a listing shows of a dossier's checklist.
struct Assessed {
    summary: String,
    text: String,
    ok: bool,
    standing: crate::domain::checklist::Standing,
    failing: usize,
}

impl Assessed {
    fn of(cl: crate::domain::checklist::Checklist, lang: crate::domain::Lang) -> Assessed {
        Assessed {
            summary: cl.summary(),
            text: cl.summary_in(lang),
            ok: cl.ok(),
            standing: cl.standing(),
            failing: cl.failing(),
        }
    }
}

/// The checklists of `rows`, by code: one by one when they are few, else
/// in bulk ([`ONE_BY_ONE`], [`BULK_SHARE`]; `all` dossiers in the
/// database).
fn assess<'a>(
    ctx: &Ctx,
    rows: impl ExactSizeIterator<Item = &'a QueueRow>,
    all: usize,
    as_of: NaiveDate,
) -> Result<HashMap<String, Assessed>, Failure> {
    let lang = ctx.lang;
    if rows.len() > ONE_BY_ONE && rows.len() * BULK_SHARE > all {
        let codes: std::collections::HashSet<&str> = rows.map(|r| r.code.as_str()).collect();
        return Ok(ops::checklists(
            &ctx.store,
            &ctx.rules,
            as_of,
            |c| codes.contains(c),
            |cl| Assessed::of(cl, lang),
        )?);
    }
    let mut out = HashMap::with_capacity(rows.len());
    for r in rows {
        let rec = ctx
            .store
            .dossier(&r.code)?
            .ok_or_else(|| Failure::failed(format!("{} vanished", r.code)))?;
        let cl = ops::checklist(&ctx.store, &ctx.rules, &rec, as_of)?;
        out.insert(r.code.clone(), Assessed::of(cl, lang));
    }
    Ok(out)
}

/// One listed dossier with its checklist assessed.
fn item(
    ctx: &Ctx,
    r: &QueueRow,
    ranks: &HashMap<String, (usize, bool)>,
    a: Assessed,
    as_of: NaiveDate,
) -> ListItem {
    let rank = ranks.get(&r.code);
    let score = ops::row_total(&ctx.rules, r, as_of);
    ListItem {
        code: r.code.clone(),
        plan_year: r.plan_year,
        province: r.province.clone(),
        category: r.category,
        title: r.title.clone(),
        status: r.status,
        submitted_on: r.submitted_on,
        national_vnd: r.national.0,
        score,
        revision: r.revision,
        beneficiary: r.beneficiary.clone(),
        checklist: a.summary,
        checklist_text: a.text,
        checklist_ok: a.ok,
        failing: a.failing,
        rank: rank.map(|x| x.0),
        within_budget: rank.map(|x| x.1),
        assignee: r.assignee.clone(),
        appraisers: r.appraisers,
        spread: r.score_spread,
        disputed: ctx.rules.council.disputed(r.score_spread),
    }
}
