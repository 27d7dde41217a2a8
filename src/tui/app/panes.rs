//! Part of [`super`] (the application state and `update`): the checklist, score, ranking and log panes and their actions.

use super::*;

/// The ranking view's state.
#[derive(Debug, Clone, PartialEq)]
pub struct RankingState {
    /// The category shown.
    pub category: Category,
    /// Its ranking.
    pub rows: Vec<RankLine>,
    /// The allocation used for the cut line.
    pub allocation: Option<Vnd>,
    /// Allocations set in the view, per category.
    pub overrides: HashMap<Category, Vnd>,
    /// Cursor.
    pub cursor: usize,
    /// First row drawn.
    pub offset: usize,
}

/// The audit log view's state.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct LogState {
    /// Entries, oldest first.
    pub rows: Vec<AuditRow>,
    /// Filter: a dossier code or an appraiser (empty: everything).
    pub filter: String,
    /// Cursor.
    pub cursor: usize,
    /// First row drawn.
    pub offset: usize,
}

pub(super) fn checklist_action(state: &mut State, action: Action) -> Vec<Effect> {
    if action != Action::ToggleTick {
        return Vec::new();
    }
    let Some(d) = &state.dossier else {
        return Vec::new();
    };
    let Some(item) = d.checklist.get(state.checklist_cursor) else {
        return Vec::new();
    };
    if !item.manual {
        let text = fill(state.strings.msg_not_manual, &[("item", &item.id)]);
        state.say(text, true);
        return Vec::new();
    }
    vec![Effect::Tick {
        code: d.dossier.code.clone(),
        item: item.id.clone(),
        on: item.state != CheckState::Ticked,
        version: d.version,
    }]
}

/// Ticks of quiet (no `+`/`-` on the criterion) after which a run of
/// presses is written. The run loop ticks once a second, so the press
/// lands at least one whole second before the write, at most two.
pub const SCORE_QUIET_TICKS: u64 = 2;

/// A run of `+`/`-` presses on one criterion, shown in the pane at once and
/// written once, as one [`Effect::Score`] (one audit entry): when anything
/// else happens (the cursor leaves the criterion, the pane loses focus, the
/// dossier changes, a decision, quit) or after [`SCORE_QUIET_TICKS`] ticks
/// of quiet.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PendingScore {
    /// Dossier.
    pub code: String,
    /// Criterion id.
    pub criterion: String,
    /// The points shown, not saved yet.
    pub points: u32,
    /// The dossier's version when the run started.
    pub version: i64,
    /// [`State::ticks`] at the last press.
    pub at: u64,
}

/// True when `action` leaves a run of `+`/`-` presses pending: the ticks
/// that measure its quiet, the machinery's results, and the score pane's
/// own keys (which deal with it themselves). Anything else writes it first.
pub(super) fn keeps_pending_score(state: &State, action: &Action) -> bool {
    match action {
        Action::Tick
        | Action::Resize(..)
        | Action::Loaded(_)
        | Action::Failed(_)
        | Action::Insert(_)
        | Action::Paste(_) => true,
        Action::ScoreUp | Action::ScoreDown | Action::ScoreEdit | Action::ScoreClear => {
            state.overlay.is_none() && state.view == View::Queue && state.focus == Pane::Score
        }
        _ => false,
    }
}

/// Write the pending run of presses, if any (nothing when it came back to
/// the stored value).
pub(super) fn flush_score(state: &mut State) -> Vec<Effect> {
    let Some(p) = state.pending_score.take() else {
        return Vec::new();
    };
    // The "not saved yet" mark goes.
    state.dirty = true;
    if state.stored_points(&p.code, &p.criterion) == Some(Some(p.points)) {
        return Vec::new();
    }
    vec![Effect::Score {
        code: p.code,
        criterion: p.criterion,
        points: Some(p.points),
        version: p.version,
    }]
}

/// A tick: after enough quiet, the pending run of presses is written.
pub(super) fn score_tick(state: &mut State) -> Vec<Effect> {
    state.ticks = state.ticks.saturating_add(1);
    match &state.pending_score {
        Some(p) if state.ticks.saturating_sub(p.at) >= SCORE_QUIET_TICKS => flush_score(state),
        _ => Vec::new(),
    }
}

/// The pending run lives only while its criterion is under the cursor of
/// the focused score pane with nothing over it: otherwise it is written.
pub(super) fn score_still_pending(state: &mut State) -> Vec<Effect> {
    let Some(p) = &state.pending_score else {
        return Vec::new();
    };
    let under_cursor = state.overlay.is_none()
        && state.view == View::Queue
        && state.focus == Pane::Score
        && state.current_code().as_deref() == Some(p.code.as_str())
        && state.dossier.as_ref().is_some_and(|d| {
            d.dossier.code == p.code
                && d.score
                    .criteria
                    .get(state.score_cursor)
                    .is_some_and(|c| c.id == p.criterion)
        });
    if under_cursor {
        Vec::new()
    } else {
        flush_score(state)
    }
}

impl State {
    /// The points of a criterion as loaded: `None` when the dossier or the
    /// criterion is not loaded, `Some(None)` while it is unscored.
    fn stored_points(&self, code: &str, criterion: &str) -> Option<Option<u32>> {
        let d = self.dossier.as_ref().filter(|d| d.dossier.code == code)?;
        d.score
            .criteria
            .iter()
            .find(|c| c.id == criterion)
            .map(|c| c.points)
    }

    /// The points not saved yet of the selected dossier's criterion, if a
    /// run of `+`/`-` presses on it is pending and differs from the stored.
    pub fn unsaved_points(&self, criterion: &str) -> Option<u32> {
        let p = self.pending_score.as_ref()?;
        let stored = self.stored_points(&p.code, criterion)?;
        (p.criterion == criterion && stored != Some(p.points)).then_some(p.points)
    }
}

pub(super) fn score_action(state: &mut State, action: Action) -> Vec<Effect> {
    let Some(d) = &state.dossier else {
        return Vec::new();
    };
    let Some(c) = d.score.criteria.get(state.score_cursor) else {
        return Vec::new();
    };
    let code = d.dossier.code.clone();
    let criterion = c.id.clone();
    let (max, stored, version) = (c.max, c.points, d.version);
    // A run on another criterion (it cannot normally survive the move) is
    // written first; one on this criterion is what the keys build on.
    let mut fx = Vec::new();
    let mine = match state.pending_score.take() {
        Some(p) if p.code == code && p.criterion == criterion => Some(p),
        other => {
            state.pending_score = other;
            fx.extend(flush_score(state));
            None
        }
    };
    let shown = mine.as_ref().map_or(stored, |p| Some(p.points));
    let next = match action {
        // The first `+` on an unscored criterion gives 1.
        Action::ScoreUp => Some(shown.map_or(1, |p| p.saturating_add(1)).min(max)),
        // `-` stops at 0 and leaves an unscored criterion alone: making it
        // unscored is a deliberate act (`x`, or an empty typed value).
        Action::ScoreDown => shown.map(|p| p.saturating_sub(1)),
        Action::ScoreEdit => {
            state.pending_score = mine;
            fx.extend(flush_score(state));
            let purpose = InputPurpose::Points {
                code,
                criterion,
                max,
                now: shown,
            };
            open_input(state, purpose, TextInput::single());
            return fx;
        }
        Action::ScoreClear => {
            // A pending run is dropped: it was never written.
            if mine.is_some() {
                state.dirty = true;
            }
            if stored.is_some() {
                fx.push(Effect::Score {
                    code,
                    criterion,
                    points: None,
                    version,
                });
            }
            return fx;
        }
        _ => {
            state.pending_score = mine;
            return fx;
        }
    };
    let Some(points) = next else {
        return fx;
    };
    if mine.is_none() && next == stored {
        // `+` at the maximum, `-` at 0: nothing changes.
        return fx;
    }
    state.pending_score = Some(PendingScore {
        code,
        criterion,
        points,
        version: mine.map_or(version, |p| p.version),
        at: state.ticks,
    });
    fx
}

pub(super) fn ranking_action(state: &mut State, action: Action) -> Vec<Effect> {
    let page = state.page();
    let r = &mut state.ranking;
    if let Some(delta) = movement(&action, page) {
        r.cursor = step(r.cursor, r.rows.len(), delta);
        if r.cursor < r.offset {
            r.offset = r.cursor;
        } else if r.cursor >= r.offset + page.saturating_sub(2).max(1) {
            r.offset = r.cursor + 1 - page.saturating_sub(2).max(1);
        }
        return Vec::new();
    }
    let n = Category::ALL.len();
    let i = Category::ALL
        .iter()
        .position(|c| *c == r.category)
        .unwrap_or(0);
    match action {
        Action::NextCategory => r.category = Category::ALL[(i + 1) % n],
        Action::PrevCategory => r.category = Category::ALL[(i + n - 1) % n],
        Action::EditAllocation => {
            let text = r.allocation.map(|v| v.full()).unwrap_or_default();
            let c = r.category;
            open_input(
                state,
                InputPurpose::Allocation(c),
                TextInput::with_text(&text),
            );
            return Vec::new();
        }
        Action::Cancel => {
            state.view = View::Queue;
            return Vec::new();
        }
        _ => return Vec::new(),
    }
    r.cursor = 0;
    r.offset = 0;
    vec![state.ranking_effect()]
}

pub(super) fn log_action(state: &mut State, action: Action) -> Vec<Effect> {
    let page = state.page();
    let l = &mut state.log;
    if let Some(delta) = movement(&action, page) {
        l.cursor = step(l.cursor, l.rows.len(), delta);
        let body = page.saturating_sub(1).max(1);
        if l.cursor < l.offset {
            l.offset = l.cursor;
        } else if l.cursor >= l.offset + body {
            l.offset = l.cursor + 1 - body;
        }
        return Vec::new();
    }
    if action == Action::FilterLog {
        let input = TextInput::with_text(&l.filter);
        open_input(state, InputPurpose::LogFilter, input);
    }
    Vec::new()
}
