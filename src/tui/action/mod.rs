//! Every action of the TUI. The bindable ones are described once, in
//! [`table`] (name, modes, group, descriptions in both languages): the
//! keymap's validation, the help, the palette and the status bar's hints
//! all read that description.
//!
//! Internal variants (terminal ticks, resizes, typed text, effect results)
//! are `#[serde(skip)]`: no keymap can bind them.

mod table;
pub use table::{BINDABLE, Group, Needs, Spec, VIEWS};

use crate::domain::Vnd;
use crate::tui::model::{DossierData, LogEntry, Outcome, Preview, QueueItem, RankLine, Saved};
use serde::{Deserialize, Serialize};

/// What the user (or the machinery) asks the application to do.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Action {
    /// Leave the application.
    Quit,
    /// Suspend to the shell (Ctrl-Z).
    Suspend,
    /// Cursor up.
    MoveUp,
    /// Cursor down.
    MoveDown,
    /// One page up.
    PageUp,
    /// One page down.
    PageDown,
    /// First row.
    GoTop,
    /// Last row.
    GoBottom,
    /// Focus the next pane.
    NextPane,
    /// Focus the previous pane.
    PrevPane,
    /// Toggle full-screen for the focused pane.
    ZoomPane,
    /// Toggle the mark on the cursor's dossier.
    ToggleMark,
    /// Mark every dossier between the last mark and the cursor.
    MarkRange,
    /// Mark every dossier in the current filter.
    MarkAll,
    /// Clear all marks.
    ClearMarks,
    /// Start the fuzzy filter.
    Filter,
    /// Cycle the status filter.
    CycleStatus,
    /// Cycle the category filter.
    CycleCategory,
    /// Cycle the province filter.
    CycleProvince,
    /// Clear every filter.
    ClearFilters,
    /// Back to the default filter (pending dossiers).
    DefaultFilter,
    /// Cycle the queue's order: submission, score, money, province, code.
    CycleSort,
    /// The next dossier matching the kept filter (wraps around).
    NextMatch,
    /// The previous dossier matching the kept filter (wraps around).
    PrevMatch,
    /// Jump to the next undecided (pending) dossier.
    NextUndecided,
    /// Jump to the next dossier with an unmet mandatory checklist item.
    NextFailing,
    /// Jump to the next unscored dossier.
    NextUnscored,
    /// Mark every unmarked dossier of the filter and unmark the marked.
    InvertMarks,
    /// Assign the marked dossiers (or the cursor's) to an appraiser.
    Assign,
    /// Show only the dossiers assigned to me, or all again.
    MyQueue,
    /// Approve the marked dossiers (or the cursor's).
    Approve,
    /// Return the marked dossiers (or the cursor's) to the province.
    Return,
    /// Undo my last decision (a whole batch).
    Undo,
    /// Write a new note on the cursor's dossier.
    NewNote,
    /// Tick or untick the manual checklist item under the cursor.
    ToggleTick,
    /// One more point on the criterion under the cursor.
    ScoreUp,
    /// One point less on the criterion under the cursor.
    ScoreDown,
    /// Type the points of the criterion under the cursor.
    ScoreEdit,
    /// Make the criterion under the cursor unscored again.
    ScoreClear,
    /// Help overlay.
    Help,
    /// The command palette.
    Palette,
    /// Show the list of messages.
    Messages,
    /// Queue view.
    ShowQueue,
    /// Ranking view.
    ShowRanking,
    /// Audit log view.
    ShowLog,
    /// Summary view: one plan year's figures per category and province.
    ShowSummary,
    /// The next (newer) plan year (summary view).
    NextPlanYear,
    /// The previous (older) plan year (summary and ranking views).
    PrevPlanYear,
    /// Write the appraisal report of the plan year shown (ranking, log).
    WriteReport,
    /// Write the return letter of the province of the dossier under the
    /// cursor (ranking, log).
    WriteLetter,
    /// Next category (ranking view).
    NextCategory,
    /// Previous category (ranking view).
    PrevCategory,
    /// Set the allocation of the ranking's category.
    EditAllocation,
    /// Filter the audit log (the query language).
    FilterLog,
    /// Read the whole log entry under the cursor.
    OpenEntry,
    /// Approve every pending dossier above the cut line whose checklist
    /// passes (ranking view), through the confirmation.
    ApproveWithinBudget,
    /// Reload everything from the database.
    Refresh,
    /// Confirm the dialog.
    Confirm,
    /// Cancel the dialog or input.
    Cancel,
    /// Override the checklist gate for the refused dossier under the
    /// cursor (asks for a reason).
    Override,
    /// Override the checklist gate for every dossier still refused.
    OverrideAll,
    /// Submit the text input.
    Submit,
    /// New line in a multi-line input.
    Newline,
    /// Delete the grapheme before the cursor.
    Backspace,
    /// Delete the grapheme under the cursor.
    Delete,
    /// Delete the word before the cursor.
    DeleteWord,
    /// Delete from the start of the line to the cursor.
    DeleteToLineStart,
    /// Delete from the cursor to the end of the line.
    DeleteToLineEnd,
    /// Cursor one grapheme left.
    CursorLeft,
    /// Cursor one grapheme right.
    CursorRight,
    /// Cursor one word left.
    WordLeft,
    /// Cursor one word right.
    WordRight,
    /// Cursor to the start of the line.
    LineStart,
    /// Cursor to the end of the line.
    LineEnd,

    /// Internal: a timer tick (poll for other appraisers' changes).
    #[serde(skip)]
    Tick,
    /// Internal: the keys stopped; load the cursor's dossier now.
    #[serde(skip)]
    SettleDetail,
    /// Internal: a chord's prefix waited long enough: show what follows.
    #[serde(skip)]
    ChordPause,
    /// Internal: the terminal was resized to (columns, rows).
    #[serde(skip)]
    Resize(u16, u16),
    /// Internal: text typed into the input.
    #[serde(skip)]
    Insert(String),
    /// Internal: text pasted (bracketed paste).
    #[serde(skip)]
    Paste(String),
    /// Internal: the result of an effect.
    #[serde(skip)]
    Loaded(Box<Loaded>),
    /// Internal: an effect failed; the message says why.
    #[serde(skip)]
    Failed(String),
}

/// Results of effects, fed back into `update`.
#[derive(Debug, Clone, PartialEq)]
pub enum Loaded {
    /// The whole queue and the database's data version.
    Queue(Vec<QueueItem>, i64),
    /// A dossier's panes (`None`: it no longer exists).
    Dossier(String, Option<Box<DossierData>>),
    /// A decision's preview.
    Preview(Preview),
    /// A decision or undo done.
    Done(Outcome),
    /// A tick, score or note was saved.
    Saved(Saved),
    /// The ranking of a category.
    Ranking {
        /// Its lines, by rank.
        rows: Vec<RankLine>,
        /// The allocation used for the cut line.
        allocation: Option<Vnd>,
        /// The plan year ranked (`None`: no dossier at all).
        plan_year: Option<i32>,
    },
    /// The audit log, newest first.
    Log(Vec<LogEntry>),
    /// A plan year's summary.
    Summary {
        /// The plan year summed up (`None`: no dossier at all).
        plan_year: Option<i32>,
        /// Every plan year of the database, newest first.
        plan_years: Vec<i32>,
        /// Its figures.
        summary: crate::domain::summary::Summary,
    },
    /// The result of a queue search.
    Searched {
        /// The request's generation.
        generation: u64,
        /// Its query.
        query: String,
        /// Matching row indices, best first.
        matches: Vec<usize>,
        /// The precise terms matched nothing: these are near matches.
        fuzzy: bool,
    },
    /// Per dossier code: some mandatory checklist item unmet (`None`:
    /// unknown), and who last changed or decided it.
    Facts(
        std::collections::HashMap<
            String,
            (Option<crate::domain::checklist::Standing>, Option<String>),
        >,
    ),
    /// The queue (or its first screen) with what each row searches already
    /// prepared off the event loop.
    Prepared {
        rows: Vec<QueueItem>,
        docs: Vec<crate::domain::query::Doc>,
        version: i64,
        /// False for the first screen only: the rest follows.
        complete: bool,
    },
    /// Fresh queue rows of some dossiers (those gone are absent).
    Rows(Vec<QueueItem>),
    /// What an undo would do, to confirm.
    UndoPlan(crate::tui::app::UndoAsk),
    /// The database's data version (unchanged: nothing to reload).
    Version(i64),
    /// Dossiers assigned (`to` `None`: unassigned); those changed.
    Assigned {
        /// The codes whose assignee changed.
        codes: Vec<String>,
        /// To whom.
        to: Option<String>,
    },
    /// Who else has which dossier open now: (code, appraiser, pane).
    Presence(Vec<(String, String, Option<String>)>),
    /// A paper was written to this path.
    Written(std::path::PathBuf),
}
