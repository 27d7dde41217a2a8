//! Plain data the views draw, loaded by effects from the store and the
//! rule engines. Nothing here touches SQL or a terminal: the executor in
//! [`crate::tui::backend`] converts the store's and engines' types into these,
//! so `update` and the views are testable without either.

use crate::domain::dossier::Dossier;
use crate::domain::query::{Doc, Field, Prepared, Texts};
use crate::domain::{Category, Decision, Status, Vnd};
use chrono::NaiveDate;
use std::sync::Arc;

/// One row of the queue. Compact: its texts live in one [`Texts`] shared
/// with the [`Doc`] the filter searches, so 100,000 rows keep each once.
#[derive(Debug, Clone, PartialEq)]
pub struct QueueItem {
    /// Plan year the dossier asks for.
    pub plan_year: i32,
    /// Category.
    pub category: Category,
    /// Decision status.
    pub status: Status,
    /// Date the dossier was submitted.
    pub submitted_on: NaiveDate,
    /// Requested national support.
    pub national: Vnd,
    /// Total score with bonuses; `None` while unscored.
    pub score: Option<i64>,
    /// Current revision.
    pub revision: i64,
    /// Change counter: passed back with a decision so a change made
    /// meanwhile by someone else is refused, never overwritten.
    pub version: i64,
    /// Code, title, beneficiary, province, implementing unit, district and
    /// commune (what the filter searches).
    pub texts: Arc<Texts>,
    /// Who it is assigned to, and whether its council disagrees.
    pub team: RowTeam,
}

/// The team's facts of a queue row.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct RowTeam {
    /// Who the dossier is assigned to.
    pub assignee: Option<Arc<str>>,
    /// Assigned to the user of this session.
    pub mine: bool,
    /// The appraisers' totals are further apart than the council allows.
    pub disputed: bool,
}

impl RowTeam {
    /// Put these facts in a search document (`is:mine`, `to:`, `is:disputed`).
    pub fn fill(&self, d: &mut Doc) {
        d.mine = self.mine;
        d.disputed = self.disputed;
        d.assignee = self.assignee.as_deref().map(Prepared::boxed);
    }
}

/// The texts of a queue row, as written by the province.
#[derive(Debug, Clone, Copy, Default)]
pub struct RowTexts<'a> {
    pub code: &'a str,
    pub title: &'a str,
    pub beneficiary: Option<&'a str>,
    pub province: &'a str,
    pub implementing_unit: &'a str,
    pub district: Option<&'a str>,
    pub commune: Option<&'a str>,
}

impl RowTexts<'_> {
    /// Joined once, to be shared by the row and its search document; the
    /// province, implementing unit and district (the same for thousands of
    /// rows) kept once in `places`.
    pub fn share(&self, places: &mut Places) -> Arc<Texts> {
        let own = [
            (Field::Code, Some(self.code)),
            (Field::Title, Some(self.title)),
            (Field::Beneficiary, self.beneficiary),
            (Field::Commune, self.commune),
        ];
        let place = places.get(self.province, self.implementing_unit, self.district);
        Arc::new(Texts::with_shared(&own, &place))
    }
}

/// The province, implementing unit and district texts of the rows loaded,
/// each combination once (at 100,000 rows they are a third of the texts).
#[derive(Debug, Default)]
pub struct Places {
    known: std::collections::HashMap<String, Arc<Texts>>,
    names: std::collections::HashMap<Box<str>, Arc<str>>,
}

impl Places {
    /// More combinations than this are not kept (each row then holds its
    /// own): memory stays bounded whatever the archive holds.
    const MAX: usize = 50_000;

    /// The shared texts of a province, unit and district.
    pub fn get(&mut self, province: &str, unit: &str, district: Option<&str>) -> Arc<Texts> {
        let key = format!("{province}\u{1f}{unit}\u{1f}{}", district.unwrap_or(""));
        if let Some(t) = self.known.get(&key) {
            return Arc::clone(t);
        }
        let t = Arc::new(Texts::new([
            (Field::Province, Some(province)),
            (Field::Unit, Some(unit)),
            (Field::District, district),
        ]));
        if self.known.len() < Self::MAX {
            self.known.insert(key, Arc::clone(&t));
        }
        t
    }

    /// An appraiser's name, kept once.
    pub fn name(&mut self, name: &str) -> Arc<str> {
        if let Some(n) = self.names.get(name) {
            return Arc::clone(n);
        }
        let n: Arc<str> = Arc::from(name);
        if self.names.len() < Self::MAX {
            self.names.insert(name.into(), Arc::clone(&n));
        }
        n
    }
}

impl QueueItem {
    /// Dossier code (`KC24-GL-007`), kept once, in the searched texts.
    pub fn code(&self) -> &str {
        self.texts.get(Field::Code).unwrap_or("")
    }

    /// Title of the proposal.
    pub fn title(&self) -> &str {
        self.texts.get(Field::Title).unwrap_or("")
    }

    /// Beneficiary name, when named.
    pub fn beneficiary(&self) -> Option<&str> {
        self.texts.get(Field::Beneficiary)
    }

    /// Province as written by the province.
    pub fn province(&self) -> &str {
        self.texts.get(Field::Province).unwrap_or("")
    }

    /// Implementing unit.
    pub fn implementing_unit(&self) -> &str {
        self.texts.get(Field::Unit).unwrap_or("")
    }

    /// What the filter searches in this row (`search.md`): its texts and
    /// the facts the queue knows. The checklist state and the last actor
    /// come later, when a query asks for them.
    pub fn doc(&self) -> Doc {
        let mut d = Doc::from_texts(Arc::clone(&self.texts));
        d.category = Some(self.category);
        d.status = Some(self.status);
        d.score = self.score;
        d.national = self.national;
        d.plan_year = self.plan_year;
        self.team.fill(&mut d);
        d
    }

    /// The searched texts as they were when `doc` was made: a reload keeps
    /// a row's prepared texts when these did not change.
    pub fn same_texts(&self, other: &QueueItem) -> bool {
        self.texts == other.texts
    }
}

/// State of one checklist item, as the engine reports it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CheckState {
    /// Automatic item satisfied.
    Pass,
    /// Automatic item not satisfied.
    Fail,
    /// Automatic item whose data is missing.
    Unknown,
    /// Manual item ticked.
    Ticked,
    /// Manual item not ticked.
    Unticked,
}

/// One checklist line.
#[derive(Debug, Clone, PartialEq)]
pub struct CheckRow {
    /// Fixed item id (`on_time`, `new_technology`).
    pub id: String,
    /// True for items the appraiser ticks.
    pub manual: bool,
    /// True when approval needs this item satisfied.
    pub mandatory: bool,
    /// Current state.
    pub state: CheckState,
    /// Vietnamese text of the item (from `data/`).
    pub text: String,
    /// English text of the item.
    pub text_en: String,
    /// Short labels: (English, Vietnamese).
    pub label: (String, String),
    /// Evidence of an automatic item, in English (`submitted 28/09/2023`).
    pub detail: String,
    /// The evidence as data, written in the interface's language.
    pub evidence: crate::domain::checklist::Evidence,
    /// A tick made on an older revision of the dossier.
    pub stale: bool,
    /// The article the item cites (`TT 28/2018/TT-BTC, …`).
    pub basis: Option<String>,
}

/// One scoring criterion.
#[derive(Debug, Clone, PartialEq)]
pub struct CriterionRow {
    /// Criterion id (`necessity`).
    pub id: String,
    /// Vietnamese label (from `data/`).
    pub label: String,
    /// English label.
    pub label_en: String,
    /// Maximum points.
    pub max: u32,
    /// Points given, if any.
    pub points: Option<u32>,
    /// Scored on an older revision.
    pub stale: bool,
}

/// The score card of a dossier.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct ScoreData {
    /// Criteria points plus bonus; `None` while unscored.
    pub total: Option<i64>,
    /// Bonus points.
    pub bonus: i64,
    /// Bonus parts: ((English, Vietnamese) label, points).
    pub bonus_parts: Vec<((String, String), i64)>,
    /// Every criterion of the category.
    pub criteria: Vec<CriterionRow>,
    /// Each appraiser's total (council scoring), by name.
    pub by_appraiser: Vec<(String, i64)>,
    /// Highest total minus the lowest, with two appraisers or more.
    pub spread: Option<i64>,
    /// The spread is above the council's threshold.
    pub disputed: bool,
}

/// A note on a dossier.
#[derive(Debug, Clone, PartialEq)]
pub struct NoteRow {
    /// Who wrote it.
    pub author: String,
    /// When (RFC 3339).
    pub at: String,
    /// The text (cleaned, may hold line breaks).
    pub text: String,
}

/// One entry of a dossier's decision history or of the audit log.
#[derive(Debug, Clone, PartialEq)]
pub struct AuditRow {
    /// When (RFC 3339).
    pub at: String,
    /// Who.
    pub author: String,
    /// What (`approve`, `return`, `undo`, `tick`, …).
    pub action: String,
    /// The dossier it concerns.
    pub code: String,
    /// The reason given, if any.
    pub reason: Option<String>,
    /// The reason for overriding the checklist gate, if it was.
    pub override_reason: Option<String>,
}

/// One entry of the audit log view: every field the log records.
#[derive(Debug, Clone, PartialEq)]
pub struct LogEntry {
    /// The entry's id (ever increasing).
    pub id: i64,
    /// When (RFC 3339).
    pub at: String,
    /// Who (as given with `--user`).
    pub author: String,
    /// The OS login it was made under.
    pub os_user: String,
    /// What: `import`, `revise`, `approve`, `return`, `undo`, `tick`,
    /// `untick`, `score`, `note`, `allocation`, or whatever a newer build
    /// records.
    pub action: String,
    /// The dossier it concerns, if any.
    pub code: Option<String>,
    /// The dossier's revision then.
    pub revision: Option<i64>,
    /// The decision batch it belongs to.
    pub batch: Option<i64>,
    /// The reason given (a decision), or the source (an import).
    pub reason: Option<String>,
    /// What changed (`necessity = 18 (was 15)`).
    pub detail: Option<String>,
    /// The category of its dossier, when known (`c:`).
    pub category: Option<Category>,
}

impl LogEntry {
    /// What the log filter searches in this entry: its code, author,
    /// action, reason and detail; `by:` is its author, `a:` its action.
    pub fn doc(&self) -> Doc {
        use crate::domain::Lang;
        use crate::domain::vocab::audit;
        let os = (self.os_user != self.author).then_some(self.os_user.as_str());
        // The action by its id and its labels, the texts as stored and as
        // Vietnamese shows them (`thaotác:duyệt`, `ngoại lệ` find what the
        // screen says, not only the recorded English).
        let action = format!(
            "{} {} {}",
            self.action,
            audit::action_label(&self.action, Lang::En),
            audit::action_label(&self.action, Lang::Vi)
        );
        let reason_vi = self
            .reason
            .as_deref()
            .map(|r| audit::reason_text(r, Lang::Vi));
        let detail_vi = self
            .detail
            .as_deref()
            .map(|t| audit::detail_text(t, Lang::Vi));
        let differs = |shown: &Option<String>, stored: &Option<String>| {
            shown.clone().filter(|s| Some(s) != stored.as_ref())
        };
        let reason_vi = differs(&reason_vi, &self.reason);
        let detail_vi = differs(&detail_vi, &self.detail);
        let mut d = Doc::new([
            (Field::Code, self.code.as_deref()),
            (Field::Author, Some(self.author.as_str())),
            (Field::Author, os),
            (Field::Action, Some(action.as_str())),
            (Field::Entry, self.reason.as_deref()),
            (Field::Entry, self.detail.as_deref()),
            (Field::Entry, reason_vi.as_deref()),
            (Field::Entry, detail_vi.as_deref()),
        ]);
        d.category = self.category;
        d.last_by = Some(Prepared::boxed(&self.author));
        d.action = Some(Prepared::boxed(&action));
        d
    }

    /// The reason, else the detail: the one text a log row shows.
    pub fn text(&self) -> &str {
        self.reason
            .as_deref()
            .filter(|r| !r.is_empty())
            .or(self.detail.as_deref())
            .unwrap_or("")
    }
}

/// Everything the right-hand panes show about the selected dossier.
#[derive(Debug, Clone, PartialEq)]
pub struct DossierData {
    /// The dossier as imported.
    pub dossier: Dossier,
    /// Decision status.
    pub status: Status,
    /// Current revision.
    pub revision: i64,
    /// Change counter (see [`QueueItem::version`]).
    pub version: i64,
    /// Checklist lines.
    pub checklist: Vec<CheckRow>,
    /// The rule set the checklist was evaluated under: (English,
    /// Vietnamese) line for the checklist pane.
    pub rule_set: (String, String),
    /// True when every mandatory item is pass or ticked.
    pub checklist_ok: bool,
    /// Score card.
    pub score: ScoreData,
    /// Notes, oldest first.
    pub notes: Vec<NoteRow>,
    /// Decision history, oldest first.
    pub history: Vec<AuditRow>,
}

/// What a decision would do, before it is confirmed.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Preview {
    /// Dossiers the decision would apply to.
    pub accepted: Vec<String>,
    /// Dossiers the gate refuses, with the unmet mandatory items.
    pub refused: Vec<(String, Vec<String>)>,
    /// Dossiers that already have the target status (left alone).
    pub already: Vec<String>,
}

/// The result of a decision or an undo.
#[derive(Debug, Clone, PartialEq)]
pub struct Outcome {
    /// The decision taken (`None` for an undo).
    pub decision: Option<Decision>,
    /// Dossiers changed.
    pub changed: Vec<String>,
    /// Dossiers refused, with why.
    pub refused: Vec<(String, String)>,
}

/// A change saved by a tick, a score or a note.
#[derive(Debug, Clone, PartialEq)]
pub enum Saved {
    /// A manual item ticked (`on`) or unticked.
    Tick {
        /// Dossier.
        code: String,
        /// Item id.
        item: String,
        /// Ticked or not.
        on: bool,
    },
    /// A criterion's points (`None`: unscored again).
    Score {
        /// Dossier.
        code: String,
        /// Criterion id.
        criterion: String,
        /// Points; `None`: unscored.
        points: Option<u32>,
    },
    /// A note added.
    Note {
        /// Dossier.
        code: String,
    },
    /// A category's allocation stored for a plan year.
    Allocation {
        /// Category.
        category: Category,
        /// Plan year.
        plan_year: i32,
        /// The amount.
        vnd: Vnd,
    },
}

/// One line of the ranking view.
#[derive(Debug, Clone, PartialEq)]
pub struct RankLine {
    /// Rank (1-based).
    pub rank: usize,
    /// Dossier code.
    pub code: String,
    /// Province (joined from the queue).
    pub province: String,
    /// Title of the proposal.
    pub title: String,
    /// Decision status (returned dossiers are not ranked).
    pub status: Status,
    /// The approval gate: every mandatory checklist item is pass or ticked.
    pub checklist_ok: bool,
    /// Checklist items satisfied (pass or ticked) and all items: `5/7`.
    pub checklist_done: usize,
    pub checklist_total: usize,
    /// Score with bonus; `None` when unscored.
    pub score: Option<i64>,
    /// Requested national support.
    pub national: Vnd,
    /// Cumulative national support down the ranking.
    pub cumulative: Vnd,
    /// True while the cumulative sum is within the allocation.
    pub within_budget: bool,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::CategoryAliases;
    use crate::domain::query::Query;

    /// The log filter finds what the Vietnamese screen says: the action's
    /// label (`thaotác:duyệt`) and the override in the detail (`ngoại lệ`),
    /// as well as the ids and the recorded English.
    #[test]
    fn log_entries_are_found_by_their_labels_in_both_languages() {
        let e = LogEntry {
            id: 63,
            at: "2026-12-03T08:00:00+07:00".into(),
            author: "lan".into(),
            os_user: "lan".into(),
            action: "approve".into(),
            code: Some("KC24-TB-013".into()),
            revision: Some(1),
            batch: Some(4),
            reason: None,
            detail: Some("pending → approved; override: Đã kiểm tra bản giấy".into()),
            category: None,
        };
        let doc = e.doc();
        let finds = |q: &str| {
            Query::parse_log(q, &CategoryAliases::ids_only())
                .unwrap_or_else(|err| panic!("{q}: {err}"))
                .matches(&doc, false)
                .is_some()
        };
        for q in [
            "thaotác:duyệt",
            "thaotác:\"phê duyệt\"",
            "a:approve",
            "ngoại lệ",
            "override",
            "bản giấy",
            "đã duyệt",
        ] {
            assert!(finds(q), "{q}");
        }
        assert!(!finds("thaotác:trả"));
    }
}
