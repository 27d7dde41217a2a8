//! The work `update` hands to the effect executor.

use super::SearchRequest;
use crate::domain::{Category, Decision, Vnd};

/// Work for the executor: reads and writes of the database.
#[derive(Debug, Clone, PartialEq)]
pub enum Effect {
    /// Load every queue row.
    LoadQueue,
    /// Load a dossier's panes.
    LoadDossier(String),
    /// Check what a decision would do (the gate).
    Preview {
        /// Approve or return.
        decision: Decision,
        /// Dossiers.
        codes: Vec<String>,
    },
    /// Decide, in one transaction.
    Decide {
        /// Approve or return.
        decision: Decision,
        /// Dossiers with the version the appraiser saw.
        items: Vec<(String, i64)>,
        /// Reason (return).
        reason: Option<String>,
        /// Refused dossiers approved anyway, each with its reason.
        overrides: Vec<(String, String)>,
    },
    /// Find what my undo would do (asks before doing it).
    PlanUndo,
    /// Undo my last decision batch, if it is still this one.
    Undo {
        /// The batch the appraiser saw and confirmed.
        batch: i64,
    },
    /// Tick or untick a manual item.
    Tick {
        /// Dossier.
        code: String,
        /// Item id.
        item: String,
        /// Tick (true) or untick.
        on: bool,
        /// Version seen.
        version: i64,
    },
    /// Set a criterion's points, or make it unscored again (`None`).
    Score {
        /// Dossier.
        code: String,
        /// Criterion id.
        criterion: String,
        /// Points; `None`: unscored.
        points: Option<u32>,
        /// Version seen.
        version: i64,
    },
    /// Append a note.
    AddNote {
        /// Dossier.
        code: String,
        /// Cleaned text.
        text: String,
    },
    /// Load a category's ranking for a plan year (`None`: the newest).
    LoadRanking {
        /// Category.
        category: Category,
        /// Plan year: that of the dossier the ranking was opened from
        /// (each plan year is ranked under its own rule set).
        plan_year: Option<i32>,
    },
    /// Store a category's allocation for a plan year (default: the
    /// newest), audited.
    SetAllocation {
        /// Category.
        category: Category,
        /// Plan year.
        plan_year: Option<i32>,
        /// The amount.
        vnd: Vnd,
    },
    /// Reload these dossiers' queue rows (after my own change to them).
    LoadRows(Vec<String>),
    /// Load the first screen of the queue (at start, before all of it).
    LoadQueueHead,
    /// Load the newest [`super::LOG_LIMIT`] audit entries, of every kind, newest
    /// first (the view filters them).
    LoadLog,
    /// Load a plan year's summary (`None`: the newest).
    LoadSummary {
        /// The plan year.
        plan_year: Option<i32>,
    },
    /// Assign the dossiers to an appraiser (`None`: unassign them).
    Assign {
        /// Their codes.
        codes: Vec<String>,
        /// Who (`None`: nobody).
        to: Option<String>,
    },
    /// Tell the others which pane of the open dossier I am in.
    Present {
        /// `checklist`, `score`, or `None` (elsewhere).
        pane: Option<&'static str>,
    },
    /// Write a paper (the report, or a province's return letter) into the
    /// papers' folder; answered with [`crate::tui::action::Loaded::Written`].
    WritePaper(PaperJob),
    /// Look whether another appraiser changed the database.
    Poll,
    /// Search the queue (big queues: off the event loop).
    Search(SearchRequest),
    /// Load what only the database knows of each row (checklist state,
    /// last actor), for a filter that asks.
    LoadFacts,
}

/// Which paper to write.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PaperJob {
    /// The appraisal report of a plan year (every category).
    Report {
        /// The plan year (`None`: the newest).
        plan_year: Option<i32>,
    },
    /// A province's return letter for a plan year.
    Letter {
        /// The province.
        province: String,
        /// The plan year.
        plan_year: i32,
    },
}
