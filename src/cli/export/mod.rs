//! `thamdinh export`: every dossier with status, score, rank and decision
//! reason, for the ministry's reports: CSV, JSON, or the agency's workbook
//! (`xlsx.rs`).

mod xlsx;

use super::args::ExportFormat;
use super::{CmdResult, Ctx, Exit, Failure};
use crate::domain::lang::Lang;
use crate::ops;
use crate::output::stdout::OutError;
use crate::output::{AtomicFile, SameFile};
use crate::store::QueueFilter;
use chrono::NaiveDate;
use serde::Serialize;
use std::io::Write;
use std::path::Path;

/// One exported dossier.
#[derive(Debug, Serialize)]
pub struct ExportRow {
    pub code: String,
    pub plan_year: i32,
    pub province: String,
    pub category: String,
    pub project_type: String,
    pub title: String,
    pub implementing_unit: String,
    pub beneficiary: Option<String>,
    pub priority_area: Option<String>,
    pub submitted_on: String,
    pub total_vnd: Option<i64>,
    pub national_vnd: i64,
    pub local_vnd: Option<i64>,
    pub counterpart_vnd: Option<i64>,
    pub status: String,
    pub checklist: String,
    /// The same summary as a person reads it: `[English, Vietnamese]`
    /// (the workbook's; CSV and JSON keep `checklist`).
    #[serde(skip)]
    pub checklist_read: [String; 2],
    pub checklist_ok: bool,
    pub score: Option<i64>,
    pub bonus: i64,
    pub rank: Option<usize>,
    pub within_budget: Option<bool>,
    pub decision: Option<String>,
    pub decision_reason: Option<String>,
    pub revision: i64,
}

pub fn run(
    ctx: &Ctx,
    format: ExportFormat,
    out: Option<&Path>,
    as_of: NaiveDate,
    lang: Lang,
) -> CmdResult {
    // The destination is checked before any work: never onto the database.
    let f_path = out.unwrap_or(Path::new("-")).to_path_buf();
    if format == ExportFormat::Xlsx && f_path.as_os_str() == "-" {
        return Err(Failure::usage(
            "--format xlsx writes a workbook: give the file with --out FILE",
        ));
    }
    let file = match out {
        Some(p) if p.as_os_str() != "-" => Some(
            AtomicFile::create(p, &SameFile::database(&ctx.db_path)).map_err(Failure::failed)?,
        ),
        _ => None,
    };
    let queue = ctx.store.queue(&QueueFilter::default())?;
    let ranks = ops::rank_index(&ctx.store, &ctx.rules, &queue, as_of)?;
    let decisions = ctx.store.last_decisions()?;
    let mut rows = Vec::with_capacity(queue.len());
    for q in &queue {
        let (record, checklist, score) = ops::assess(&ctx.store, &ctx.rules, &q.code, as_of)?;
        let d = &record.dossier;
        let rank = ranks.get(&q.code);
        let decision = decisions.get(&q.code);
        rows.push(ExportRow {
            code: d.code.clone(),
            plan_year: d.plan_year,
            province: d.province.clone(),
            category: d.category.id().into(),
            project_type: d.project_type.id().into(),
            title: d.title.clone(),
            implementing_unit: d.implementing_unit.clone(),
            beneficiary: d.beneficiary_name().map(str::to_string),
            priority_area: d.priority_area.map(|p| p.id().to_string()),
            submitted_on: crate::domain::date::iso(d.submitted_on),
            total_vnd: d.budget.total_vnd.map(|v| v.0),
            national_vnd: d.budget.national_vnd.0,
            local_vnd: d.budget.local_vnd.map(|v| v.0),
            counterpart_vnd: d.budget.counterpart_vnd.map(|v| v.0),
            status: record.status.id().into(),
            checklist: checklist.summary(),
            checklist_read: [
                checklist.summary_in(crate::domain::Lang::En),
                checklist.summary_in(crate::domain::Lang::Vi),
            ],
            checklist_ok: checklist.ok(),
            score: score.total,
            bonus: score.bonus,
            rank: rank.map(|r| r.0),
            within_budget: rank.map(|r| r.1),
            decision: decision.map(|x| x.0.clone()),
            decision_reason: decision.and_then(|x| x.1.clone()),
            revision: record.revision,
        });
    }
    if format == ExportFormat::Xlsx {
        let mut allocations = std::collections::HashMap::new();
        for year in ctx.store.plan_years()? {
            for r in ops::rankings(&ctx.store, &ctx.rules, None, Some(year), None, as_of)? {
                allocations.insert((r.category, year), r.allocation);
            }
        }
        let allocation = |c, y| allocations.get(&(c, y)).copied().flatten();
        let mut wb = xlsx::workbook(&rows, &ctx.rules, allocation, lang, as_of)
            .map_err(|e| Failure::failed(crate::output::xlsx::failed(&f_path)(e)))?;
        let bytes = wb
            .save_to_buffer()
            .map_err(|e| Failure::failed(crate::output::xlsx::failed(&f_path)(e)))?;
        let Some(mut f) = file else {
            return Err(Failure::usage("--format xlsx needs --out FILE"));
        };
        f.write_all(&bytes).map_err(|e| {
            Failure::failed(format!("{}: {e} (nothing was written)", f_path.display()))
        })?;
        f.commit().map_err(Failure::failed)?;
        crate::errln!("{}", super::exported(rows.len(), &f_path));
        return Ok(Exit::Success);
    }
    let write = |w: &mut dyn Write| -> Result<(), OutError> {
        match format {
            ExportFormat::Json => crate::output::json::write_pretty(w, &rows)?,
            ExportFormat::Csv | ExportFormat::Xlsx => {
                crate::output::csv::write_rows(w, &rows).map_err(super::csv_error)?
            }
        }
        Ok(())
    };
    match file {
        None => super::report(|o| write(o.writer()))?,
        Some(mut f) => {
            let named = |e: OutError| {
                let e = match e {
                    OutError::BrokenPipe => "broken pipe".to_string(),
                    OutError::Io(e) => e.to_string(),
                };
                Failure::failed(format!("{}: {e} (nothing was written)", f_path.display()))
            };
            write(&mut f).map_err(named)?;
            f.commit().map_err(Failure::failed)?;
            crate::errln!("{}", super::exported(rows.len(), &f_path));
        }
    }
    Ok(Exit::Success)
}
