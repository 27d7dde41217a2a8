//! The papers of an appraisal, gathered from the store and written: the
//! return letters per province and the report of the result. The CLI's
//! `letters` and `report` and the TUI's keys call these same functions;
//! each writer returns the path it wrote (for the TUI's message line).

use super::{OpError, Result, assess, default_plan_year, rankings};
use crate::domain::Category;
use crate::domain::papers::template::Templates;
use crate::domain::papers::{self, Letter, Report, ReportInput, ReturnedDossier, compose};
use crate::domain::refusal::Refusal;
use crate::domain::rules::Rules;
use crate::domain::status::Status;
use crate::output::SameFile;
use crate::output::papers::PaperFormat;
use crate::store::{QueueFilter, Store};
use chrono::{Datelike, NaiveDate};
use std::path::{Path, PathBuf};

/// What writing a paper needs besides the store.
#[derive(Clone, Copy)]
pub struct PaperSetup<'a> {
    pub rules: &'a Rules,
    /// The texts of `data/papers.toml` (`data_files::templates`).
    pub templates: &'a Templates,
    pub format: PaperFormat,
    /// The appraisal day: checklists are evaluated as of it, and its year
    /// is the year of the date line.
    pub as_of: NaiveDate,
    /// No paper is ever written onto the database.
    pub guard: &'a SameFile,
}

/// The letters of a plan year (default: the newest), one per province with
/// returned dossiers, or only `province`'s (matched without case or
/// diacritics). Empty when nothing is returned.
pub fn letters(
    store: &Store,
    rules: &Rules,
    province: Option<&str>,
    plan_year: Option<i32>,
    as_of: NaiveDate,
) -> Result<Vec<Letter>> {
    // Without a year: the newest one with a returned dossier (letters are
    // about returns; a newer plan year still being appraised has none).
    let returned_in = |year: Option<i32>| {
        store.queue(&QueueFilter {
            status: Some(Status::Returned),
            province: province.map(str::to_string),
            plan_year: year,
            ..QueueFilter::default()
        })
    };
    let plan_year = match plan_year {
        Some(y) => Some(y),
        None => returned_in(None)?.iter().map(|r| r.plan_year).max(),
    };
    let Some(year) = default_plan_year(store, plan_year)? else {
        return Ok(Vec::new());
    };
    let rows = store.queue(&QueueFilter {
        status: Some(Status::Returned),
        province: province.map(str::to_string),
        plan_year: Some(year),
        ..QueueFilter::default()
    })?;
    let decisions = if rows.is_empty() {
        Default::default()
    } else {
        store.current_decisions()?
    };
    let mut returned = Vec::with_capacity(rows.len());
    for row in &rows {
        let (rec, checklist, _) = assess(store, rules, &row.code, as_of)?;
        let d = &rec.dossier;
        let reason = decisions
            .get(&row.code)
            .filter(|x| x.action == "return")
            .and_then(|x| x.reason.clone());
        returned.push((
            d.province.clone(),
            ReturnedDossier {
                code: d.code.clone(),
                title: d.title.clone(),
                category: d.category,
                beneficiary: d.beneficiary_name().map(str::to_string),
                implementing_unit: d.implementing_unit.clone(),
                reason,
                unmet: papers::unmet_items(&checklist),
                resend: papers::documents_to_resend(&checklist),
            },
        ));
    }
    Ok(papers::letters(year, returned))
}

/// The report of a plan year (default: the newest): every category that
/// has dossiers, or only `category` (even without any). `None` when the
/// database holds no dossier.
pub fn report(
    store: &Store,
    rules: &Rules,
    category: Option<Category>,
    plan_year: Option<i32>,
    as_of: NaiveDate,
) -> Result<Option<Report>> {
    let Some(year) = default_plan_year(store, plan_year)? else {
        return Ok(None);
    };
    let rows = store.queue(&QueueFilter {
        category,
        plan_year: Some(year),
        ..QueueFilter::default()
    })?;
    let decisions = store.current_decisions()?;
    let mut categories = Vec::new();
    for r in rankings(store, rules, category, Some(year), None, as_of)? {
        let inputs: Vec<ReportInput> = rows
            .iter()
            .filter(|q| q.category == r.category)
            .map(|q| ReportInput {
                code: q.code.clone(),
                province: q.province.clone(),
                title: q.title.clone(),
                status: q.status,
                national: q.national,
                override_by: decisions
                    .get(&q.code)
                    .filter(|d| d.action == "approve" && d.overridden)
                    .map(|d| (d.override_reason.clone(), d.author.clone(), d.at.clone())),
            })
            .collect();
        if inputs.is_empty() && category.is_none() {
            continue;
        }
        categories.push(papers::category_report(
            r.category,
            &rules.category(r.category).name_vi,
            year,
            r.allocation,
            &r.rows,
            &inputs,
        ));
    }
    Ok(Some(Report {
        plan_year: year,
        categories,
    }))
}

/// A file name of plain ASCII for a province: `gia-lai`, `dak-lak`.
pub fn file_stem(province: &str) -> String {
    let folded = crate::domain::text::fold(province);
    let mut out = String::with_capacity(folded.len());
    for c in folded.chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase());
        } else if !out.ends_with('-') && !out.is_empty() {
            out.push('-');
        }
    }
    let out = out.trim_end_matches('-').to_string();
    if out.is_empty() { "tinh".into() } else { out }
}

fn write_letter(setup: &PaperSetup, letter: &Letter, dir: &Path) -> Result<PathBuf> {
    let name = format!(
        "tra-ho-so-{}-{}.{}",
        letter.plan_year,
        file_stem(&letter.province),
        setup.format.extension()
    );
    let path = dir.join(name);
    let paper = compose::letter(setup.templates, letter, setup.as_of.year());
    crate::output::papers::save(&paper, setup.format, &path, setup.guard)
        .map_err(OpError::Write)?;
    Ok(path)
}

/// Write every province's letter (or only `province`'s) into `dir`, one
/// file each (`tra-ho-so-2024-gia-lai.docx`); the paths written. Each file
/// is written whole or not at all.
pub fn write_letters(
    store: &Store,
    setup: &PaperSetup,
    province: Option<&str>,
    plan_year: Option<i32>,
    dir: &Path,
) -> Result<Vec<PathBuf>> {
    if !dir.is_dir() {
        return Err(Refusal::NotAFolder {
            path: dir.display().to_string(),
        }
        .into());
    }
    let letters = letters(store, setup.rules, province, plan_year, setup.as_of)?;
    letters
        .iter()
        .map(|l| write_letter(setup, l, dir))
        .collect()
}

/// Write the letter of one province (the TUI's current dossier's) into
/// `dir`; the path written. An error when it has no returned dossier.
pub fn write_letter_for_province(
    store: &Store,
    setup: &PaperSetup,
    province: &str,
    plan_year: Option<i32>,
    dir: &Path,
) -> Result<PathBuf> {
    let mut paths = write_letters(store, setup, Some(province), plan_year, dir)?;
    match paths.len() {
        0 => Err(Refusal::NoLetter {
            province: province.to_string(),
        }
        .into()),
        _ => Ok(paths.swap_remove(0)),
    }
}

/// Write the report of a plan year (every category, or one) to `out`; the
/// path written.
pub fn write_report(
    store: &Store,
    setup: &PaperSetup,
    category: Option<Category>,
    plan_year: Option<i32>,
    out: &Path,
) -> Result<PathBuf> {
    let Some(report) = report(store, setup.rules, category, plan_year, setup.as_of)? else {
        return Err(Refusal::NothingToReport.into());
    };
    let paper = compose::report(setup.templates, &report, setup.as_of.year());
    crate::output::papers::save(&paper, setup.format, out, setup.guard).map_err(OpError::Write)?;
    Ok(out.to_path_buf())
}
