//! The effect executor: runs an [`Effect`] against the store through the
//! shared operations of [`crate::ops`] (the same functions the CLI calls)
//! and turns the result into the plain data of [`crate::tui::model`], fed
//! back to `update` as [`Action::Loaded`] (or [`Action::Failed`]).

use crate::domain::checklist::{ItemKind, ItemState};
use crate::domain::rules::Rules;
use crate::domain::{Category, Decision};
use crate::ops::{self, DossierView, OpError};
use crate::store::{Actor, AuditFilter, HistoryEntry, QueueFilter, QueueRow, Store};
use crate::tui::action::{Action, Loaded};
use crate::tui::app::{Effect, LOG_LIMIT};
use crate::tui::model::{
    AuditRow, CheckRow, CheckState, CriterionRow, DossierData, LogEntry, NoteRow, Outcome, Places,
    Preview, QueueItem, RankLine, RowTeam, RowTexts, Saved, ScoreData,
};
use chrono::NaiveDate;
use std::collections::HashMap;

/// Rows of the first screen of the queue, loaded before the rest.
const QUEUE_HEAD: usize = 300;

/// How long a heartbeat counts, and how often it is renewed: a session
/// that ends or dies is gone from the others' screens within a minute.
const PRESENCE_TTL_SECS: i64 = 30;
const PRESENCE_RENEW: std::time::Duration = std::time::Duration::from_secs(10);

/// Executes effects against one database for one appraiser.
pub struct StoreBackend {
    store: Store,
    rules: Rules,
    actor: Actor,
    as_of: NaiveDate,
    /// This session's presence: its id, the dossier open and the pane, the
    /// last heartbeat, and the others as last reported.
    session: String,
    open: Option<String>,
    pane: Option<&'static str>,
    beat: Option<std::time::Instant>,
    others: Option<Vec<(String, String, Option<String>)>>,
    /// The change mark and data version last reported ([`Self::version`]).
    seen: Option<(i64, i64)>,
    /// The language of the texts it hands the views (refusals).
    pub lang: crate::domain::Lang,
    /// Where the papers go and what they need.
    papers: PaperPlace,
    /// The province, unit and district texts and the appraisers' names of
    /// the rows loaded, each kept once.
    places: std::cell::RefCell<Places>,
}

/// Where the TUI writes papers (the report, return letters), and what
/// writing them needs: the data folder of the texts, the database no paper
/// may be written onto.
#[derive(Debug, Clone, Default)]
pub struct PaperPlace {
    /// The folder papers go to (the current folder when empty).
    pub dir: std::path::PathBuf,
    /// The data folder of an official's edited texts (`--data`).
    pub data: Option<std::path::PathBuf>,
    /// The database's file.
    pub db: Option<std::path::PathBuf>,
}

impl StoreBackend {
    /// A backend on `store` for `actor`, evaluating checklists as of `as_of`.
    pub fn new(store: Store, rules: Rules, actor: Actor, as_of: NaiveDate) -> StoreBackend {
        let nanos = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.as_nanos());
        StoreBackend {
            store,
            rules,
            actor,
            as_of,
            session: format!("{}-{nanos}", std::process::id()),
            open: None,
            pane: None,
            beat: None,
            others: None,
            seen: None,
            lang: crate::domain::Lang::En,
            papers: PaperPlace::default(),
            places: std::cell::RefCell::new(Places::default()),
        }
    }

    /// The same backend writing papers to `place`.
    pub fn papers_to(mut self, place: PaperPlace) -> StoreBackend {
        self.papers = place;
        self
    }

    /// Write a paper as Word; the path written.
    fn write_paper(&self, job: crate::tui::app::PaperJob) -> Result<Loaded, OpError> {
        use crate::tui::app::PaperJob;
        let templates = crate::data_files::templates(self.papers.data.as_deref())
            .map_err(|e| OpError::Write(e.to_string()))?;
        let db = self.papers.db.clone().unwrap_or_default();
        let guard = crate::output::SameFile::database(&db);
        let setup = ops::PaperSetup {
            rules: &self.rules,
            templates: &templates,
            format: crate::output::papers::PaperFormat::Docx,
            as_of: self.as_of,
            guard: &guard,
        };
        let dir = if self.papers.dir.as_os_str().is_empty() {
            std::path::PathBuf::from(".")
        } else {
            self.papers.dir.clone()
        };
        let path = match job {
            PaperJob::Report { plan_year } => {
                let year = ops::default_plan_year(&self.store, plan_year)?.unwrap_or_default();
                let out = dir.join(format!("bao-cao-tham-dinh-{year}.docx"));
                ops::write_report(&self.store, &setup, None, plan_year, &out)?
            }
            PaperJob::Letter {
                province,
                plan_year,
            } => ops::write_letter_for_province(
                &self.store,
                &setup,
                &province,
                Some(plan_year),
                &dir,
            )?,
        };
        Ok(Loaded::Written(
            std::fs::canonicalize(&path).unwrap_or(path),
        ))
    }

    /// The same backend writing its texts in `lang`.
    pub fn speaking(mut self, lang: crate::domain::Lang) -> StoreBackend {
        self.lang = lang;
        self
    }

    /// Who is acting.
    pub fn actor(&self) -> &Actor {
        &self.actor
    }

    /// Run one effect; the actions to feed back to `update`.
    pub fn execute(&mut self, effect: Effect) -> Vec<Action> {
        if effect == Effect::Poll {
            return self.poll();
        }
        match self.run(effect) {
            Ok(Some(l)) => vec![Action::Loaded(Box::new(l))],
            Ok(None) => Vec::new(),
            Err(e) => vec![Action::Failed(e.message(self.lang))],
        }
    }

    fn run(&mut self, effect: Effect) -> Result<Option<Loaded>, OpError> {
        Ok(Some(match effect {
            Effect::LoadQueue => self.queue(None)?,
            Effect::LoadQueueHead => self.queue(Some(QUEUE_HEAD))?,
            Effect::LoadDossier(code) => {
                if self.open.as_deref() != Some(code.as_str()) {
                    self.open = Some(code.clone());
                    self.beat = None;
                }
                match ops::view_as(
                    &self.store,
                    &self.rules,
                    &code,
                    self.as_of,
                    Some(&self.actor.user),
                ) {
                    Ok(v) => Loaded::Dossier(code, Some(Box::new(dossier_data(v)))),
                    Err(OpError::Store(crate::store::StoreError::NotFound(_))) => {
                        Loaded::Dossier(code, None)
                    }
                    Err(e) => return Err(e),
                }
            }
            Effect::Preview { decision, codes } => {
                let p = ops::preview(
                    &self.store,
                    &self.rules,
                    decision,
                    &codes,
                    false,
                    self.as_of,
                )?;
                Loaded::Preview(Preview {
                    accepted: p.targets.iter().map(|t| t.code.clone()).collect(),
                    refused: p
                        .refused
                        .iter()
                        .map(|r| (r.code.clone(), r.unmet_items_in(self.lang)))
                        .collect(),
                    already: p.already,
                })
            }
            Effect::Decide {
                decision,
                items,
                reason,
                overrides,
            } => self.decide(decision, &items, reason.as_deref(), &overrides)?,
            Effect::PlanUndo => {
                let p = self.store.undo_plan(&self.actor)?;
                Loaded::UndoPlan(crate::tui::app::UndoAsk {
                    batch: p.batch,
                    action: p.action,
                    at: p.at,
                    dossiers: p
                        .dossiers
                        .into_iter()
                        .map(|(code, from, _)| {
                            (
                                code,
                                crate::domain::Status::from_id(&from)
                                    .unwrap_or(crate::domain::Status::Pending),
                            )
                        })
                        .collect(),
                })
            }
            Effect::Undo { batch } => {
                let u = self.store.undo_expecting(&self.actor, Some(batch))?;
                Loaded::Done(Outcome {
                    decision: None,
                    changed: u.restored.into_iter().map(|(c, _)| c).collect(),
                    refused: Vec::new(),
                })
            }
            Effect::Tick {
                code,
                item,
                on,
                version,
            } => {
                ops::tick(
                    &mut self.store,
                    &self.rules,
                    &self.actor,
                    &code,
                    &item,
                    on,
                    Some(version),
                )?;
                Loaded::Saved(Saved::Tick { code, item, on })
            }
            Effect::Score {
                code,
                criterion,
                points,
                version,
            } => {
                match points {
                    Some(p) => ops::score(
                        &mut self.store,
                        &self.rules,
                        &self.actor,
                        &code,
                        &criterion,
                        &p.to_string(),
                        Some(version),
                    )?,
                    None => ops::clear_score(
                        &mut self.store,
                        &self.rules,
                        &self.actor,
                        &code,
                        &criterion,
                        Some(version),
                    )?,
                };
                Loaded::Saved(Saved::Score {
                    code,
                    criterion,
                    points,
                })
            }
            Effect::AddNote { code, text } => {
                ops::note(&mut self.store, &self.actor, &code, &text)?;
                Loaded::Saved(Saved::Note { code })
            }
            Effect::LoadRanking {
                category,
                plan_year,
            } => self.ranking(category, plan_year)?,
            Effect::SetAllocation {
                category,
                plan_year,
                vnd,
            } => {
                let plan_year =
                    ops::set_allocation(&mut self.store, &self.actor, category, plan_year, vnd)?;
                Loaded::Saved(Saved::Allocation {
                    category,
                    plan_year,
                    vnd,
                })
            }
            Effect::LoadLog => self.log()?,
            Effect::LoadSummary { plan_year } => self.summary(plan_year)?,
            Effect::WritePaper(job) => self.write_paper(job)?,
            Effect::Poll => Loaded::Version(self.version()?),
            Effect::Assign { codes, to } => {
                let out = ops::team::assign(&mut self.store, &self.actor, &codes, to.as_deref())?;
                Loaded::Assigned {
                    codes: out.changed,
                    to,
                }
            }
            Effect::Present { pane } => {
                self.pane = pane;
                self.beat = None;
                self.heartbeat()?;
                return Ok(None);
            }
            Effect::Search(r) => {
                let (matches, fuzzy) = r.run();
                Loaded::Searched {
                    matches,
                    fuzzy,
                    generation: r.generation,
                    query: r.query,
                }
            }
            Effect::LoadFacts => self.facts()?,
            Effect::LoadRows(codes) => {
                let mut items = Vec::with_capacity(codes.len());
                for code in codes {
                    if let Some(r) = self.store.queue_row(&code)? {
                        items.push(self.queue_item(&r));
                    }
                }
                Loaded::Rows(items)
            }
        }))
    }

    /// The queue (or its first `limit` rows), with what each row searches
    /// prepared here, on the store thread.
    fn queue(&mut self, limit: Option<usize>) -> Result<Loaded, OpError> {
        let version = self.version()?;
        let filter = QueueFilter {
            limit,
            ..QueueFilter::default()
        };
        // Exactly the room needed (a growing vector would keep up to a
        // third more at 100,000 rows).
        let all = usize::try_from(self.store.count()?).unwrap_or(0);
        let room = limit.map_or(all, |l| l.min(all));
        let (mut items, mut docs) = (Vec::with_capacity(room), Vec::with_capacity(room));
        self.store.queue_each(&filter, |r| {
            let item = self.queue_item(&r);
            docs.push(item.doc());
            items.push(item);
            Ok(())
        })?;
        items.shrink_to_fit();
        docs.shrink_to_fit();
        Ok(Loaded::Prepared {
            rows: items,
            docs,
            version,
            complete: limit.is_none(),
        })
    }

    /// A poll tick: renew this session's heartbeat when due, and report
    /// the change mark and (when it changed) who else is where.
    fn poll(&mut self) -> Vec<Action> {
        let mut out = Vec::new();
        let step = (|| -> Result<(), OpError> {
            self.heartbeat()?;
            out.push(Action::Loaded(Box::new(Loaded::Version(self.version()?))));
            let others: Vec<(String, String, Option<String>)> = self
                .store
                .presence()?
                .into_iter()
                .filter(|p| p.session != self.session)
                .map(|p| (p.code, p.appraiser, p.pane))
                .collect();
            if self.others.as_ref() != Some(&others) {
                self.others = Some(others.clone());
                out.push(Action::Loaded(Box::new(Loaded::Presence(others))));
            }
            Ok(())
        })();
        if let Err(e) = step {
            out.push(Action::Failed(e.message(self.lang)));
        }
        out
    }

    /// The database's data version as the state should see it: it moves
    /// when another connection changed the data, not when one only wrote
    /// a heartbeat (`PRAGMA data_version` counts both; every change to the
    /// data writes an audit entry, a heartbeat does not). My own writes
    /// move neither.
    fn version(&mut self) -> Result<i64, OpError> {
        let dv = self.store.data_version()?;
        let mark = self.store.change_mark()?;
        match self.seen {
            Some((m, v)) if m == mark => Ok(v),
            _ => {
                self.seen = Some((mark, dv));
                Ok(dv)
            }
        }
    }

    /// Write this session's heartbeat when it is due (or the dossier or
    /// pane changed).
    fn heartbeat(&mut self) -> Result<(), OpError> {
        if self.beat.is_some_and(|b| b.elapsed() < PRESENCE_RENEW) {
            return Ok(());
        }
        let open = self.open.as_deref().map(|c| (c, self.pane));
        let done = self
            .store
            .heartbeat(&self.session, &self.actor.user, open, PRESENCE_TTL_SECS);
        self.beat = Some(std::time::Instant::now());
        match done {
            // A user who may only read the database is not shown to the
            // others; nothing else of theirs is affected.
            Ok(()) | Err(crate::store::StoreError::ReadOnly) => Ok(()),
            Err(e) => Err(e.into()),
        }
    }

    fn queue_item(&self, r: &QueueRow) -> QueueItem {
        let mut places = self.places.borrow_mut();
        let texts = RowTexts {
            code: &r.code,
            title: &r.title,
            beneficiary: r.beneficiary.as_deref(),
            province: &r.province,
            implementing_unit: &r.implementing_unit,
            district: r.district.as_deref(),
            commune: r.commune.as_deref(),
        };
        QueueItem {
            plan_year: r.plan_year,
            category: r.category,
            status: r.status,
            submitted_on: r.submitted_on,
            national: r.national,
            score: ops::row_total(&self.rules, r, self.as_of),
            revision: r.revision,
            version: r.version,
            texts: texts.share(&mut places),
            team: RowTeam {
                assignee: r.assignee.as_deref().map(|a| places.name(a)),
                mine: r.assignee.as_deref() == Some(self.actor.user.as_str()),
                disputed: self.rules.council.disputed(r.score_spread),
            },
        }
    }

    /// What only the database knows of each row, for queries that ask:
    /// whether a mandatory checklist item is unmet, and who acted last.
    fn facts(&self) -> Result<Loaded, OpError> {
        let actors = self.store.last_actors()?;
        let mut out = HashMap::new();
        for r in self.store.queue(&QueueFilter::default())? {
            let standing = match self.store.dossier(&r.code)? {
                Some(rec) => {
                    Some(ops::checklist(&self.store, &self.rules, &rec, self.as_of)?.standing())
                }
                None => None,
            };
            let by = actors.get(&r.code).cloned();
            out.insert(r.code, (standing, by));
        }
        Ok(Loaded::Facts(out))
    }

    /// Decide with the gate evaluated now, but with the versions the
    /// appraiser saw: anything changed since is refused, never overwritten.
    fn decide(
        &mut self,
        decision: Decision,
        items: &[(String, i64)],
        reason: Option<&str>,
        overrides: &[(String, String)],
    ) -> Result<Loaded, OpError> {
        let codes: Vec<String> = items.iter().map(|(c, _)| c.clone()).collect();
        let seen: HashMap<&str, i64> = items.iter().map(|(c, v)| (c.as_str(), *v)).collect();
        let why: HashMap<&str, &str> = overrides
            .iter()
            .map(|(c, r)| (c.as_str(), r.as_str()))
            .collect();
        let mut p = ops::preview_overriding(
            &self.store,
            &self.rules,
            decision,
            &codes,
            &|code| why.get(code).map(|r| r.to_string()),
            self.as_of,
        )?;
        for t in &mut p.targets {
            if let Some(&v) = seen.get(t.code.as_str()) {
                t.expected_version = Some(v);
            }
        }
        let out = ops::execute(&mut self.store, &self.actor, &p, reason, None)?;
        Ok(Loaded::Done(Outcome {
            decision: Some(decision),
            changed: out.decided,
            refused: p
                .refused
                .iter()
                .map(|r| (r.code.clone(), r.describe_in(self.lang)))
                .collect(),
        }))
    }

    /// A category's ranking for a plan year (default: the newest), with
    /// the allocation `rank` uses (stored, else `data/`), each line with its
    /// title, status and checklist state.
    fn ranking(&self, category: Category, plan_year: Option<i32>) -> Result<Loaded, OpError> {
        let rankings = ops::rankings(
            &self.store,
            &self.rules,
            Some(category),
            plan_year,
            None,
            self.as_of,
        )?;
        let Some(r) = rankings.into_iter().next() else {
            return Ok(Loaded::Ranking {
                rows: Vec::new(),
                allocation: None,
                plan_year: None,
            });
        };
        let rows = self.store.queue(&QueueFilter {
            category: Some(category),
            plan_year: Some(r.plan_year),
            ..QueueFilter::default()
        })?;
        let by_code: HashMap<&str, &QueueRow> = rows.iter().map(|q| (q.code.as_str(), q)).collect();
        let mut lines = Vec::with_capacity(r.rows.len());
        for x in r.rows {
            let Some(q) = by_code.get(x.code.as_str()) else {
                continue;
            };
            let (ok, done, total) = match self.store.dossier(&x.code)? {
                Some(rec) => {
                    let cl = ops::checklist(&self.store, &self.rules, &rec, self.as_of)?;
                    let done = cl.items.iter().filter(|i| i.state.is_satisfied()).count();
                    (cl.ok(), done, cl.items.len())
                }
                None => (false, 0, 0),
            };
            lines.push(RankLine {
                rank: x.rank,
                province: q.province.clone(),
                title: q.title.clone(),
                status: q.status,
                checklist_ok: ok,
                checklist_done: done,
                checklist_total: total,
                code: x.code,
                score: x.score,
                national: x.national_vnd,
                cumulative: x.cumulative_vnd,
                within_budget: x.within_budget,
            });
        }
        Ok(Loaded::Ranking {
            rows: lines,
            allocation: r.allocation,
            plan_year: Some(r.plan_year),
        })
    }

    /// A plan year's summary (default: the newest), with every plan year
    /// for the view to step through.
    fn summary(&self, plan_year: Option<i32>) -> Result<Loaded, OpError> {
        let plan_years = self.store.plan_years()?;
        let (plan_year, summary) =
            match ops::summary(&self.store, &self.rules, plan_year, self.as_of)? {
                Some((y, s)) => (Some(y), s),
                None => (None, Default::default()),
            };
        Ok(Loaded::Summary {
            plan_year,
            plan_years,
            summary,
        })
    }

    /// The newest [`LOG_LIMIT`] audit entries of every kind, newest first,
    /// each with its dossier's category (for `c:`).
    fn log(&self) -> Result<Loaded, OpError> {
        let af = AuditFilter {
            limit: Some(LOG_LIMIT),
            ..AuditFilter::default()
        };
        let category: HashMap<String, Category> = self
            .store
            .queue(&QueueFilter::default())?
            .into_iter()
            .map(|q| (q.code, q.category))
            .collect();
        let rows = self
            .store
            .audit(&af)?
            .into_iter()
            .rev()
            .map(|e| {
                let category = e.code.as_ref().and_then(|c| category.get(c).copied());
                let detail = e
                    .detail
                    .map(|d| ops::audit_detail(&self.rules, category, &e.action, &d, self.lang));
                LogEntry {
                    category,
                    id: e.id,
                    at: e.at,
                    author: e.author,
                    os_user: e.os_user,
                    action: e.action,
                    code: e.code,
                    revision: e.revision,
                    batch: e.batch,
                    reason: e.reason,
                    detail,
                }
            })
            .collect();
        Ok(Loaded::Log(rows))
    }
}

fn history_row(code: &str, h: HistoryEntry) -> AuditRow {
    AuditRow {
        at: h.at,
        author: h.author,
        action: h.action,
        code: code.to_string(),
        reason: h.reason,
        override_reason: h.override_reason,
    }
}

/// The engines' view of a dossier as the panes' plain data.
pub fn dossier_data(v: DossierView) -> DossierData {
    let code = v.record.dossier.code.clone();
    let checklist_ok = v.checklist.ok();
    DossierData {
        checklist: v
            .checklist
            .items
            .into_iter()
            .map(|i| CheckRow {
                manual: i.kind == ItemKind::Manual,
                mandatory: i.mandatory,
                state: match i.state {
                    ItemState::Pass => CheckState::Pass,
                    ItemState::Fail => CheckState::Fail,
                    ItemState::Unknown => CheckState::Unknown,
                    ItemState::Ticked => CheckState::Ticked,
                    ItemState::Unticked => CheckState::Unticked,
                },
                id: i.id,
                text: i.text_vi,
                text_en: i.text_en,
                label: (i.label_en, i.label_vi),
                detail: i.detail,
                evidence: i.evidence,
                stale: i.stale,
                basis: i.basis,
            })
            .collect(),
        rule_set: (
            v.checklist.rule_set.short(crate::domain::Lang::En),
            v.checklist.rule_set.short(crate::domain::Lang::Vi),
        ),
        checklist_ok,
        score: ScoreData {
            by_appraiser: v
                .score
                .by_appraiser
                .iter()
                .map(|a| (a.appraiser.clone(), a.total))
                .collect(),
            spread: v.score.spread,
            disputed: v.score.disputed,
            total: v.score.total,
            bonus: v.score.bonus,
            bonus_parts: v
                .score
                .bonus_parts
                .into_iter()
                .map(|b| ((b.label_en, b.label_vi), b.points))
                .collect(),
            criteria: v
                .score
                .criteria
                .into_iter()
                .map(|c| CriterionRow {
                    id: c.id,
                    label: c.label_vi,
                    label_en: c.label_en,
                    max: c.max,
                    points: c.points,
                    stale: c.stale,
                })
                .collect(),
        },
        notes: v
            .notes
            .into_iter()
            .map(|n| NoteRow {
                author: n.author,
                at: n.at,
                text: n.text,
            })
            .collect(),
        history: v
            .history
            .into_iter()
            .map(|h| history_row(&code, h))
            .collect(),
        status: v.record.status,
        revision: v.record.revision,
        version: v.record.version,
        dossier: v.record.dossier,
    }
}

impl Drop for StoreBackend {
    /// A session that ends says so: the others stop showing it at once
    /// (one that dies is gone when its heartbeat expires).
    fn drop(&mut self) {
        if self.beat.is_some() {
            // Best effort: an error here changes nothing anyone did.
            let _ = self
                .store
                .heartbeat(&self.session, &self.actor.user, None, 0);
        }
    }
}
