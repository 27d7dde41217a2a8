//! Every bindable action of the TUI, with its name (the keymap's spelling)
//! and its description (the help overlay's and, later, the command palette's).
//!
//! Internal variants (terminal ticks, resizes, typed text, effect results)
//! are `#[serde(skip)]`: no keymap can bind them.

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
    /// Jump to the next undecided (pending) dossier.
    NextUndecided,
    /// Jump to the next dossier with an unmet mandatory checklist item.
    NextFailing,
    /// Jump to the next unscored dossier.
    NextUnscored,
    /// Mark every unmarked dossier of the filter and unmark the marked.
    InvertMarks,
    /// Approve the marked dossiers (or the cursor's).
    Approve,
    /// Return the marked dossiers (or the cursor's) to the province.
    Return,
    /// Undo my last decision (a whole batch).
    Undo,
    /// Assign the marked dossiers (or the cursor's) to an appraiser.
    Assign,
    /// Show only the dossiers assigned to me, or all again.
    MyQueue,
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
    /// The previous (older) plan year (summary view).
    PrevPlanYear,
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
    Facts(std::collections::HashMap<String, (Option<bool>, Option<String>)>),
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
}

/// Name and description of every bindable action, in help order.
pub const ACTIONS: &[(Action, &str, &str)] = &[
    (Action::MoveUp, "move_up", "cursor up"),
    (Action::MoveDown, "move_down", "cursor down"),
    (Action::PageUp, "page_up", "one page up"),
    (Action::PageDown, "page_down", "one page down"),
    (Action::GoTop, "go_top", "first row"),
    (Action::GoBottom, "go_bottom", "last row"),
    (Action::NextPane, "next_pane", "focus the next pane"),
    (Action::PrevPane, "prev_pane", "focus the previous pane"),
    (
        Action::ZoomPane,
        "zoom_pane",
        "full screen for the focused pane (toggle)",
    ),
    (
        Action::ToggleMark,
        "toggle_mark",
        "mark or unmark the cursor's dossier",
    ),
    (
        Action::MarkRange,
        "mark_range",
        "mark from the last mark to the cursor",
    ),
    (
        Action::MarkAll,
        "mark_all",
        "mark every dossier in the filter",
    ),
    (Action::ClearMarks, "clear_marks", "clear all marks"),
    (
        Action::InvertMarks,
        "invert_marks",
        "invert the marks in the current filter",
    ),
    (
        Action::Filter,
        "filter",
        "filter: words, \"phrases\", -not, p: c: s: is: by: score: national: year:",
    ),
    (
        Action::CycleStatus,
        "cycle_status",
        "cycle the status filter",
    ),
    (
        Action::CycleCategory,
        "cycle_category",
        "cycle the category filter",
    ),
    (
        Action::CycleProvince,
        "cycle_province",
        "cycle the province filter",
    ),
    (Action::ClearFilters, "clear_filters", "clear every filter"),
    (
        Action::DefaultFilter,
        "default_filter",
        "back to the default filter (pending)",
    ),
    (
        Action::CycleSort,
        "cycle_sort",
        "order by submission, score, money, province or code",
    ),
    (
        Action::NextUndecided,
        "next_undecided",
        "jump to the next undecided dossier",
    ),
    (
        Action::NextFailing,
        "next_failing",
        "jump to the next dossier failing its checklist",
    ),
    (
        Action::NextUnscored,
        "next_unscored",
        "jump to the next unscored dossier",
    ),
    (
        Action::Approve,
        "approve",
        "approve the marked dossiers, or the cursor's",
    ),
    (
        Action::Return,
        "return",
        "return the marked dossiers, or the cursor's, with a reason",
    ),
    (
        Action::Undo,
        "undo",
        "undo my last decision (a whole batch)",
    ),
    (
        Action::Assign,
        "assign",
        "assign the marked dossiers, or the cursor's, to an appraiser (empty: unassign)",
    ),
    (
        Action::MyQueue,
        "my_queue",
        "show only the dossiers assigned to me, or every one again",
    ),
    (
        Action::NewNote,
        "new_note",
        "write a note on the cursor's dossier",
    ),
    (
        Action::ToggleTick,
        "toggle_tick",
        "tick or untick the manual item under the cursor",
    ),
    (
        Action::ScoreUp,
        "score_up",
        "one more point on the criterion",
    ),
    (
        Action::ScoreDown,
        "score_down",
        "one point less on the criterion",
    ),
    (
        Action::ScoreEdit,
        "score_edit",
        "type the points of the criterion",
    ),
    (
        Action::ScoreClear,
        "score_clear",
        "make the criterion unscored again",
    ),
    (Action::ShowQueue, "show_queue", "queue view"),
    (
        Action::ShowRanking,
        "show_ranking",
        "ranking view with the cut line",
    ),
    (Action::ShowLog, "show_log", "audit log view"),
    (
        Action::ShowSummary,
        "show_summary",
        "summary view: allocation, requested, approved and within the cut line, per category and province",
    ),
    (Action::NextPlanYear, "next_plan_year", "next plan year"),
    (Action::PrevPlanYear, "prev_plan_year", "previous plan year"),
    (Action::NextCategory, "next_category", "next category"),
    (Action::PrevCategory, "prev_category", "previous category"),
    (
        Action::EditAllocation,
        "edit_allocation",
        "set the category's allocation (VND)",
    ),
    (
        Action::FilterLog,
        "filter_log",
        "filter the log: words (code, who, action, text), \"phrases\", -not, by:NAME a:ACTION c:",
    ),
    (
        Action::OpenEntry,
        "open_entry",
        "read in full what is under the cursor (log entry, checklist item, notes)",
    ),
    (
        Action::ApproveWithinBudget,
        "approve_within_budget",
        "approve every pending dossier above the cut line that passes the checklist",
    ),
    (Action::Refresh, "refresh", "reload from the database"),
    (Action::Help, "help", "this help"),
    (Action::Messages, "messages", "messages and errors so far"),
    (Action::Confirm, "confirm", "confirm"),
    (Action::Cancel, "cancel", "cancel"),
    (
        Action::Override,
        "override",
        "approve the selected refused dossier anyway, with a reason",
    ),
    (
        Action::OverrideAll,
        "override_all",
        "approve every refused dossier anyway, with one reason",
    ),
    (Action::Submit, "submit", "submit the text"),
    (Action::Newline, "newline", "new line in the text"),
    (Action::Backspace, "backspace", "delete before the cursor"),
    (Action::Delete, "delete", "delete under the cursor"),
    (
        Action::DeleteWord,
        "delete_word",
        "delete the word before the cursor",
    ),
    (
        Action::DeleteToLineStart,
        "delete_to_line_start",
        "delete from the start of the line to the cursor",
    ),
    (
        Action::DeleteToLineEnd,
        "delete_to_line_end",
        "delete from the cursor to the end of the line",
    ),
    (Action::CursorLeft, "cursor_left", "cursor left"),
    (Action::CursorRight, "cursor_right", "cursor right"),
    (Action::WordLeft, "word_left", "cursor one word left"),
    (Action::WordRight, "word_right", "cursor one word right"),
    (
        Action::LineStart,
        "line_start",
        "cursor to the start of the line",
    ),
    (Action::LineEnd, "line_end", "cursor to the end of the line"),
    (Action::Suspend, "suspend", "suspend to the shell"),
    (Action::Quit, "quit", "quit"),
];

impl Action {
    /// The action bound to `name` in keymap files (`move_down`).
    pub fn from_name(name: &str) -> Option<Action> {
        ACTIONS
            .iter()
            .find(|(_, n, _)| *n == name)
            .map(|(a, _, _)| a.clone())
    }

    /// The keymap name of a bindable action; `None` for internal ones.
    pub fn name(&self) -> Option<&'static str> {
        ACTIONS
            .iter()
            .find(|(a, _, _)| a == self)
            .map(|(_, n, _)| *n)
    }

    /// The description shown in the help; empty for internal actions.
    pub fn description(&self) -> &'static str {
        ACTIONS
            .iter()
            .find(|(a, _, _)| a == self)
            .map_or("", |(_, _, d)| *d)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_bindable_action_has_a_serde_name_equal_to_its_table_name() {
        for (a, name, desc) in ACTIONS {
            let json = serde_json::to_string(a).unwrap();
            assert_eq!(json, format!("\"{name}\""));
            let back: Action = serde_json::from_str(&json).unwrap();
            assert_eq!(&back, a);
            assert!(!desc.is_empty(), "{name}");
            assert_eq!(Action::from_name(name).as_ref(), Some(a));
        }
    }

    #[test]
    fn internal_actions_cannot_be_named() {
        assert!(serde_json::from_str::<Action>("\"tick\"").is_err());
        assert!(serde_json::from_str::<Action>("\"loaded\"").is_err());
        assert_eq!(Action::Tick.name(), None);
        assert_eq!(Action::from_name("tick"), None);
        assert_eq!(Action::from_name("resize"), None);
    }
}
