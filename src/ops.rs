//! The appraisal operations shared by the CLI and the TUI.
//!
//! A deviation from `architecture.md`'s drawing, on purpose: between the
//! front ends and the store sits this one thin layer that joins the pure
//! rules (checklist gate, score validation, bonuses, ranking) with the
//! store's transactions. Both front ends call these functions, so a TUI
//! action and its CLI twin cannot drift apart. No SQL here, no terminal.

use crate::domain::checklist::{self, Checklist, Tick};
use crate::domain::ranking::{self, RankInput, RankRow};
use crate::domain::refusal::{self, Label, TextKind};
use crate::domain::rules::Rules;
use crate::domain::scoring::{self, BonusFacts, ScoreCard, ScoreEntry};
use crate::domain::summary::{self, Summary};
use crate::domain::text::clean_multiline;
use crate::domain::{Category, Decision, Vnd};
use crate::store::{
    Actor, BatchOutcome, DecisionRequest, DossierRecord, HistoryEntry, NoteRecord, QueueFilter,
    QueueRow, Store, StoreError, UndoOutcome, WriteTx,
};
use chrono::NaiveDate;
use std::collections::HashMap;

mod import;
mod papers;
mod rankings;
pub mod team;
pub use import::{
    IMPORT_CHUNK, ImportMessage, ImportNote, ImportProgress, ImportSummary,
    MESSAGES_SHOWN_PER_FILE, import, import_with_options, import_with_progress,
};
pub use papers::{
    PaperSetup, file_stem, letters, report, write_letter_for_province, write_letters, write_report,
};
pub use rankings::{Ranking, default_plan_year, rank_index, rankings, set_allocation, summary};

/// Errors of an operation: the store's, or input the rules refuse.
#[derive(Debug, thiserror::Error)]
pub enum OpError {
    #[error(transparent)]
    Store(#[from] StoreError),
    /// Something the rules refuse, as data (written per language).
    #[error("{0}")]
    Refused(refusal::Refusal),
    /// A file could not be written (nothing was: the message says why).
    #[error("{0}")]
    Write(String),
}

impl From<refusal::Refusal> for OpError {
    fn from(r: refusal::Refusal) -> OpError {
        OpError::Refused(r)
    }
}

impl OpError {
    /// The error written in `lang`.
    pub fn message(&self, lang: crate::domain::Lang) -> String {
        match self {
            OpError::Store(e) => e.message(lang),
            OpError::Refused(r) => r.message(lang),
            OpError::Write(m) => m.clone(),
        }
    }
}

pub type Result<T> = std::result::Result<T, OpError>;

/// Everything the detail panes and `show` display of one dossier.
#[derive(Debug, Clone)]
pub struct DossierView {
    pub record: DossierRecord,
    pub checklist: Checklist,
    pub score: ScoreCard,
    pub notes: Vec<NoteRecord>,
    pub history: Vec<HistoryEntry>,
}

fn ticks_of(store: &Store, code: &str) -> Result<Vec<Tick>> {
    Ok(store.ticks(code)?.into_iter().map(tick_of).collect())
}

/// A stored tick as the checklist reads it.
fn tick_of(t: crate::store::TickRecord) -> Tick {
    Tick {
        item: t.item,
        on: t.on,
        author: t.author,
        at: t.at,
        revision: t.revision,
    }
}

fn scores_of(store: &Store, code: &str) -> Result<Vec<ScoreEntry>> {
    Ok(store
        .scores(code)?
        .into_iter()
        .map(|s| ScoreEntry {
            criterion: s.criterion,
            points: s.points,
            author: s.author,
            at: s.at,
            revision: s.revision,
        })
        .collect())
}

fn record(store: &Store, code: &str) -> Result<DossierRecord> {
    store
        .dossier(code)?
        .ok_or_else(|| OpError::Store(StoreError::NotFound(code.to_string())))
}

/// The checklist of a stored dossier as of a day.
pub fn checklist(
    store: &Store,
    rules: &Rules,
    rec: &DossierRecord,
    as_of: NaiveDate,
) -> Result<Checklist> {
    let ticks = ticks_of(store, &rec.dossier.code)?;
    let hits = duplicates_of(store, rules, &rec.dossier)?;
    Ok(checklist::evaluate_with(
        rules,
        &rec.dossier,
        &ticks,
        rec.revision,
        as_of,
        Some(&hits),
    ))
}

/// The other dossiers naming one of `d`'s beneficiaries, as evidence: the
/// same plan year (not returned) or approved in the rule set's look-back
/// years.
fn duplicates_of(
    store: &Store,
    rules: &Rules,
    d: &crate::domain::Dossier,
) -> Result<Vec<checklist::evidence::DuplicateHit>> {
    let lookback = rules.rule_set(d.plan_year).duplicate_lookback_years;
    Ok(store
        .duplicate_candidates(&d.code, lookback)?
        .into_iter()
        .map(hit_of)
        .collect())
}

/// A stored duplicate candidate as the checklist's evidence.
fn hit_of(r: crate::store::DuplicateRow) -> checklist::evidence::DuplicateHit {
    checklist::evidence::DuplicateHit {
        same_commune: r.commune_key.is_some() && r.commune_key == r.other_commune_key,
        name: r.name,
        code: r.code,
        plan_year: r.plan_year,
        province: r.province,
        status: r.status,
        other_name: r.other_name,
        other_commune: r.other_commune,
    }
}

/// What `keep` makes of the checklists of the dossiers `wanted` selects,
/// by code, read in bulk: every current revision in one pass, every tick
/// and every duplicate candidate in one query each, evaluated on both
/// cores a chunk at a time (memory stays bounded: only what `keep` returns
/// is held). What a listing of thousands of dossiers uses instead of
/// [`checklist`] per row, with the same result.
pub fn checklists<T: Send>(
    store: &Store,
    rules: &Rules,
    as_of: NaiveDate,
    wanted: impl Fn(&str) -> bool,
    keep: impl Fn(Checklist) -> T + Sync,
) -> Result<HashMap<String, T>> {
    type Job = (
        String,
        i64,
        crate::domain::Dossier,
        Vec<Tick>,
        Vec<checklist::evidence::DuplicateHit>,
    );
    const CHUNK: usize = 2048;
    let mut ticks = store.all_ticks()?;
    let mut hits =
        store.all_duplicate_candidates(|year| rules.rule_set(year).duplicate_lookback_years)?;
    let evaluate = |jobs: Vec<Job>| -> Vec<(String, T)> {
        jobs.into_iter()
            .map(|(code, revision, d, t, h)| {
                (
                    code,
                    keep(checklist::evaluate_with(
                        rules,
                        &d,
                        &t,
                        revision,
                        as_of,
                        Some(&h),
                    )),
                )
            })
            .collect()
    };
    let mut out = HashMap::new();
    let run = |mut jobs: Vec<Job>, out: &mut HashMap<String, T>| {
        let second = jobs.split_off(jobs.len() / 2);
        let (mine, other) = std::thread::scope(|s| {
            let other = s.spawn(|| evaluate(second));
            (evaluate(jobs), other.join())
        });
        out.extend(mine);
        match other {
            Ok(rest) => out.extend(rest),
            // The evaluation is pure: a panic there is a bug, shown as one.
            Err(p) => std::panic::resume_unwind(p),
        }
    };
    let mut jobs = Vec::with_capacity(CHUNK);
    store.each_current(wanted, |code, revision, dossier| {
        let t = ticks
            .remove(&code)
            .unwrap_or_default()
            .into_iter()
            .map(tick_of)
            .collect();
        let h = hits
            .remove(&code)
            .unwrap_or_default()
            .into_iter()
            .map(hit_of)
            .collect();
        jobs.push((code, revision, dossier, t, h));
        if jobs.len() == CHUNK {
            run(
                std::mem::replace(&mut jobs, Vec::with_capacity(CHUNK)),
                &mut out,
            );
        }
        Ok(())
    })?;
    run(jobs, &mut out);
    Ok(out)
}

/// A dossier as appraised: its record, checklist and score card (what an
/// export row needs, without the notes and history).
pub fn assess(
    store: &Store,
    rules: &Rules,
    code: &str,
    as_of: NaiveDate,
) -> Result<(DossierRecord, Checklist, ScoreCard)> {
    assess_as(store, rules, code, as_of, None)
}

/// [`assess`] as the appraiser `me` sees it: the score card's criteria are
/// their own points when they scored the dossier (council scoring).
pub fn assess_as(
    store: &Store,
    rules: &Rules,
    code: &str,
    as_of: NaiveDate,
    me: Option<&str>,
) -> Result<(DossierRecord, Checklist, ScoreCard)> {
    let rec = record(store, code)?;
    let lead = store.queue_row(code)?.and_then(|r| r.assignee);
    let checklist = checklist(store, rules, &rec, as_of)?;
    let scores = scores_of(store, code)?;
    let years = rules
        .rule_set(rec.dossier.plan_year)
        .certificate_valid_years;
    let facts = BonusFacts::of(&rec.dossier, years);
    let viewer = scoring::Viewer {
        me,
        lead: lead.as_deref(),
    };
    let score = scoring::council_card(
        rules,
        rec.dossier.category,
        &facts,
        &scores,
        rec.revision,
        as_of,
        viewer,
    );
    Ok((rec, checklist, score))
}

/// One dossier with its checklist, score card, notes and history.
pub fn view(store: &Store, rules: &Rules, code: &str, as_of: NaiveDate) -> Result<DossierView> {
    view_as(store, rules, code, as_of, None)
}

/// [`view`] as the appraiser `me` sees it (see [`assess_as`]).
pub fn view_as(
    store: &Store,
    rules: &Rules,
    code: &str,
    as_of: NaiveDate,
    me: Option<&str>,
) -> Result<DossierView> {
    let (record, checklist, score) = assess_as(store, rules, code, as_of, me)?;
    let notes = store.notes(code)?;
    let history = store.history(code)?;
    Ok(DossierView {
        record,
        checklist,
        score,
        notes,
        history,
    })
}

/// The bonus facts of a queue row (no need to load the whole dossier).
pub fn row_facts(row: &QueueRow) -> BonusFacts {
    BonusFacts {
        project_type: row.project_type,
        priority_area: row.priority_area,
        certificate_valid_until: row.certificate_valid_until,
    }
}

/// A queue row's total score (criteria + bonus), `None` while unscored.
pub fn row_total(rules: &Rules, row: &QueueRow, as_of: NaiveDate) -> Option<i64> {
    let points = row.criteria_points?;
    let bonus: i64 = scoring::bonus(rules, &row_facts(row), as_of)
        .iter()
        .map(|b| b.points)
        .sum();
    Some(points + bonus)
}

/// What the query language searches in a queue row (`search.md`), with
/// the facts the row carries: status, score, money, year. The checklist
/// state and the last actor are the caller's to add when a query needs them.
/// `me` is the user asking (`is:mine`).
pub fn row_doc(
    rules: &Rules,
    row: &QueueRow,
    as_of: NaiveDate,
    me: Option<&str>,
) -> crate::domain::query::Doc {
    use crate::domain::query::{Doc, Field};
    let mut d = Doc::new([
        (Field::Code, Some(row.code.as_str())),
        (Field::Title, Some(row.title.as_str())),
        (Field::Beneficiary, row.beneficiary.as_deref()),
        (Field::Province, Some(row.province.as_str())),
        (Field::Unit, Some(row.implementing_unit.as_str())),
        (Field::District, row.district.as_deref()),
        (Field::Commune, row.commune.as_deref()),
    ]);
    d.category = Some(row.category);
    d.status = Some(row.status);
    d.score = row_total(rules, row, as_of);
    d.national = row.national;
    d.plan_year = row.plan_year;
    d.disputed = rules.council.disputed(row.score_spread);
    d.mine = me.is_some_and(|me| row.assignee.as_deref() == Some(me));
    d.assignee = row
        .assignee
        .as_deref()
        .map(crate::domain::query::Prepared::boxed);
    d
}

/// A dossier the approval gate refuses, with its unmet mandatory items
/// (id and the evidence or text).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Refusal {
    pub code: String,
    pub unmet: Vec<(String, String)>,
    /// The same items as a person reads them: `[English, Vietnamese]`
    /// label with evidence (`Đúng hạn (nộp ngày 02/10/2023, …)`).
    pub unmet_read: Vec<[String; 2]>,
    /// The article each unmet item cites (same order as `unmet`).
    pub basis: Vec<Option<String>>,
}

impl Refusal {
    /// Each unmet item by its label, with its evidence, in `lang`.
    pub fn unmet_items_in(&self, lang: crate::domain::Lang) -> Vec<String> {
        let i = usize::from(lang == crate::domain::Lang::Vi);
        self.unmet_read.iter().map(|t| t[i].clone()).collect()
    }

    /// [`Refusal::unmet_items_in`] on one line.
    pub fn describe_in(&self, lang: crate::domain::Lang) -> String {
        self.unmet_items_in(lang).join("; ")
    }

    /// Each unmet item with its evidence and the article it cites:
    /// `on_time (submitted 02/10/2023, …) [TT 36/2013/TT-BCT, …]`.
    pub fn unmet_items(&self) -> Vec<String> {
        self.unmet
            .iter()
            .enumerate()
            .map(|(n, (id, why))| {
                let mut s = if why.is_empty() {
                    id.clone()
                } else {
                    format!("{id} ({why})")
                };
                if let Some(Some(b)) = self.basis.get(n) {
                    s.push_str(&format!(" [{b}]"));
                }
                s
            })
            .collect()
    }

    /// `on_time (submitted 02/10/2023, deadline 30/09/2023); quotations_match`
    pub fn describe(&self) -> String {
        self.unmet_items().join("; ")
    }
}

/// What a decision would do, computed before asking for confirmation: the
/// exact requests (with the versions seen) that confirming will execute.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Preview {
    pub decision: Option<Decision>,
    pub targets: Vec<DecisionRequest>,
    /// Refused by the gate (approve only; empty when overriding).
    pub refused: Vec<Refusal>,
    /// Approved despite unmet items because of an override.
    pub overridden: Vec<Refusal>,
    /// Already of the target status: left alone.
    pub already: Vec<String>,
}

/// Evaluate a decision on `codes` without changing anything. With
/// `override_gate`, dossiers the gate would refuse become targets marked
/// as overridden.
pub fn preview(
    store: &Store,
    rules: &Rules,
    decision: Decision,
    codes: &[String],
    override_gate: bool,
    as_of: NaiveDate,
) -> Result<Preview> {
    let gate = |_: &str| override_gate.then(String::new);
    preview_overriding(store, rules, decision, codes, &gate, as_of)
}

/// [`preview`] where each dossier the gate refuses may be overridden on its
/// own: `overrides(code)` gives its override reason (empty: the batch's
/// reason), or `None` to leave it refused.
pub fn preview_overriding(
    store: &Store,
    rules: &Rules,
    decision: Decision,
    codes: &[String],
    overrides: &dyn Fn(&str) -> Option<String>,
    as_of: NaiveDate,
) -> Result<Preview> {
    let mut p = Preview {
        decision: Some(decision),
        ..Preview::default()
    };
    let mut seen = std::collections::HashSet::new();
    for code in codes {
        if !seen.insert(code.as_str()) {
            continue;
        }
        let rec = record(store, code)?;
        if rec.status == decision.target() {
            p.already.push(code.clone());
            continue;
        }
        let mut overridden = false;
        let mut override_reason = None;
        if decision == Decision::Approve {
            let cl = checklist(store, rules, &rec, as_of)?;
            let unmet: Vec<(String, String)> = cl
                .unmet_mandatory()
                .iter()
                .map(|i| {
                    (
                        i.id.clone(),
                        if i.detail.is_empty() {
                            i.text_en.clone()
                        } else {
                            i.detail.clone()
                        },
                    )
                })
                .collect();
            if !unmet.is_empty() {
                let read = |lang: crate::domain::Lang| -> Vec<String> {
                    cl.unmet_mandatory()
                        .iter()
                        .map(|i| {
                            let why = match i.kind {
                                crate::domain::checklist::ItemKind::Auto => i.detail_in(lang),
                                crate::domain::checklist::ItemKind::Manual => {
                                    i.state.label(lang).to_string()
                                }
                            };
                            match &i.basis {
                                Some(b) => format!("{} ({why}) [{b}]", i.label(lang)),
                                None => format!("{} ({why})", i.label(lang)),
                            }
                        })
                        .collect()
                };
                let unmet_read = read(crate::domain::Lang::En)
                    .into_iter()
                    .zip(read(crate::domain::Lang::Vi))
                    .map(|(en, vi)| [en, vi])
                    .collect();
                let refusal = Refusal {
                    code: code.clone(),
                    unmet,
                    unmet_read,
                    basis: cl
                        .unmet_mandatory()
                        .iter()
                        .map(|i| i.basis.clone())
                        .collect(),
                };
                match overrides(code) {
                    Some(why) => {
                        p.overridden.push(refusal);
                        overridden = true;
                        override_reason = Some(why).filter(|w| !w.trim().is_empty());
                    }
                    None => {
                        p.refused.push(refusal);
                        continue;
                    }
                }
            }
        }
        p.targets.push(DecisionRequest {
            code: code.clone(),
            expected_version: Some(rec.version),
            overridden,
            override_reason: override_reason.map(|r| crate::domain::text::clean_line(&r)),
        });
    }
    Ok(p)
}

/// Execute a previewed decision in one transaction. A dossier changed by
/// anyone since the preview refuses the whole batch.
pub fn execute(
    store: &mut Store,
    actor: &Actor,
    preview: &Preview,
    reason: Option<&str>,
    override_reason: Option<&str>,
) -> Result<BatchOutcome> {
    store.atomically(|tx| execute_in(tx, actor, preview, reason, override_reason))
}

/// [`execute`] inside an open transaction.
fn execute_in(
    tx: &WriteTx<'_>,
    actor: &Actor,
    preview: &Preview,
    reason: Option<&str>,
    override_reason: Option<&str>,
) -> Result<BatchOutcome> {
    let Some(decision) = preview.decision else {
        return Err(refusal::Refusal::NothingToDecide.into());
    };
    let every_override_has_a_reason = preview
        .targets
        .iter()
        .filter(|t| t.overridden)
        .all(|t| t.override_reason.is_some());
    if !preview.overridden.is_empty()
        && !every_override_has_a_reason
        && override_reason.is_none_or(|r| r.trim().is_empty())
    {
        return Err(refusal::Refusal::OverrideNeedsReason { code: None }.into());
    }
    for t in preview.targets.iter().filter(|t| t.overridden) {
        bounded(
            &t.code,
            TextKind::Reason,
            t.override_reason.as_deref().unwrap_or(""),
        )?;
    }
    bounded("decision", TextKind::Reason, reason.unwrap_or(""))?;
    bounded("decision", TextKind::Reason, override_reason.unwrap_or(""))?;
    let reason = reason.map(crate::domain::text::clean_line);
    let override_reason = override_reason.map(crate::domain::text::clean_line);
    if decision == Decision::Return && reason.as_deref().is_none_or(str::is_empty) {
        return Err(refusal::Refusal::ReturnNeedsReason.into());
    }
    if preview.targets.is_empty() {
        return Ok(BatchOutcome {
            batch: None,
            decided: Vec::new(),
            already: preview.already.clone(),
        });
    }
    let mut out = tx.decide(
        actor,
        decision,
        reason.as_deref(),
        override_reason.as_deref(),
        &preview.targets,
    )?;
    out.already.extend(preview.already.iter().cloned());
    Ok(out)
}

/// Preview and execute at once (the CLI's `approve`/`return`), in ONE
/// transaction: the gate is evaluated on exactly what is decided, so a
/// command has no stale view and concurrent commands never refuse each
/// other as conflicts (they wait for the write lock instead).
#[allow(clippy::too_many_arguments)]
pub fn decide(
    store: &mut Store,
    rules: &Rules,
    actor: &Actor,
    decision: Decision,
    codes: &[String],
    reason: Option<&str>,
    override_reason: Option<&str>,
    as_of: NaiveDate,
) -> Result<(Preview, BatchOutcome)> {
    store.atomically(|tx| {
        let p = preview(tx, rules, decision, codes, override_reason.is_some(), as_of)?;
        let out = execute_in(tx, actor, &p, reason, override_reason)?;
        Ok((p, out))
    })
}

/// Undo the actor's last decision batch.
pub fn undo(store: &mut Store, actor: &Actor) -> Result<UndoOutcome> {
    Ok(store.undo(actor)?)
}

/// Tick or untick a manual checklist item of the dossier's category.
pub fn tick(
    store: &mut Store,
    rules: &Rules,
    actor: &Actor,
    code: &str,
    item: &str,
    on: bool,
    expected_version: Option<i64>,
) -> Result<i64> {
    let rec = record(store, code)?;
    let cat = rules.category(rec.dossier.category);
    let manual: Vec<&str> = cat.manual.iter().map(|m| m.id.as_str()).collect();
    if !manual.contains(&item) {
        let why = match crate::domain::checklist::AutoItem::from_id(item) {
            Some(a) => {
                let t = rules.general.auto_texts(a);
                refusal::Refusal::AutomaticItem {
                    item: Label::new(t.label_en.clone(), t.label_vi.clone()),
                }
            }
            None => refusal::Refusal::NotAManualItem {
                code: code.to_string(),
                item: item.to_string(),
                category: rec.dossier.category,
                items: cat
                    .manual
                    .iter()
                    .map(|m| Label::new(m.id.clone(), m.label_vi.clone()))
                    .collect(),
            },
        };
        return Err(why.into());
    }
    Ok(store.set_tick(actor, code, item, on, expected_version)?)
}

/// Set a criterion's points (0..max, whole points).
pub fn score(
    store: &mut Store,
    rules: &Rules,
    actor: &Actor,
    code: &str,
    criterion: &str,
    points: &str,
    expected_version: Option<i64>,
) -> Result<i64> {
    let rec = record(store, code)?;
    let points = scoring::validate_points(rules, code, rec.dossier.category, criterion, points)?;
    Ok(store.set_score(actor, code, criterion, points, expected_version)?)
}

/// Make a criterion unscored again (recorded as `unscore`).
pub fn clear_score(
    store: &mut Store,
    rules: &Rules,
    actor: &Actor,
    code: &str,
    criterion: &str,
    expected_version: Option<i64>,
) -> Result<i64> {
    let rec = record(store, code)?;
    scoring::known_criterion(rules, code, rec.dossier.category, criterion)?;
    Ok(store.clear_score(actor, code, criterion, expected_version)?)
}

/// The longest note or reason, in bytes (64 KB, about 20 typed pages): a
/// note is kept forever and shown on every visit of its dossier, so it is
/// bounded like every imported field. Longer texts belong in a document.
pub const MAX_TEXT_BYTES: usize = 64 * 1024;

/// Refuse a note or reason longer than [`MAX_TEXT_BYTES`].
fn bounded(code: &str, what: TextKind, text: &str) -> Result<()> {
    if text.len() > MAX_TEXT_BYTES {
        return Err(refusal::Refusal::TooLong {
            code: code.to_string(),
            what,
            kb: text.len().div_ceil(1024),
            limit_kb: MAX_TEXT_BYTES / 1024,
        }
        .into());
    }
    Ok(())
}

/// Append a note: NFC, neutralised, kept forever.
pub fn note(store: &mut Store, actor: &Actor, code: &str, text: &str) -> Result<NoteRecord> {
    bounded(code, TextKind::Note, text)?;
    let text = clean_multiline(text);
    if text.trim().is_empty() {
        return Err(refusal::Refusal::EmptyNote {
            code: Some(code.to_string()),
        }
        .into());
    }
    Ok(store.add_note(actor, code, text.trim())?)
}

/// An audit entry's stored detail with the criterion or checklist item it
/// names first (`necessity = 15`, `new_advanced`) written as its label in
/// `lang` for the dossier's category (`Sự cần thiết = 15`). The stored
/// text stays as recorded; the rest of it is left to
/// [`crate::domain::vocab::audit::detail_text`].
pub fn audit_detail(
    rules: &Rules,
    category: Option<Category>,
    action: &str,
    detail: &str,
    lang: crate::domain::Lang,
) -> String {
    let Some(category) = category else {
        return detail.to_string();
    };
    if !matches!(action, "score" | "unscore" | "tick" | "untick") {
        return detail.to_string();
    }
    let cat = rules.category(category);
    let (id, rest) = detail.split_once(' ').unwrap_or((detail, ""));
    let label = cat
        .criterion(id)
        .map(|c| lang.pick(&c.label_en, &c.label_vi))
        .or_else(|| {
            cat.manual
                .iter()
                .find(|m| m.id == id)
                .map(|m| lang.pick(&m.label_en, &m.label_vi))
        });
    match (label, rest) {
        (Some(l), "") => l.to_string(),
        (Some(l), rest) => format!("{l} {rest}"),
        (None, _) => detail.to_string(),
    }
}
