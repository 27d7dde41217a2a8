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

pub(super) fn score_action(state: &mut State, action: Action) -> Vec<Effect> {
    let Some(d) = &state.dossier else {
        return Vec::new();
    };
    let Some(c) = d.score.criteria.get(state.score_cursor) else {
        return Vec::new();
    };
    let code = d.dossier.code.clone();
    let version = d.version;
    let now = c.points;
    let points = match action {
        Action::ScoreUp => now.map_or(0, |p| p + 1).min(c.max),
        Action::ScoreDown => match now {
            Some(p) => p.saturating_sub(1),
            None => 0,
        },
        Action::ScoreEdit => {
            let purpose = InputPurpose::Points {
                code,
                criterion: c.id.clone(),
                max: c.max,
            };
            let text = now.map(|p| p.to_string()).unwrap_or_default();
            open_input(state, purpose, TextInput::with_text(&text));
            return Vec::new();
        }
        _ => return Vec::new(),
    };
    if Some(points) == now {
        return Vec::new();
    }
    vec![Effect::Score {
        code,
        criterion: c.id.clone(),
        points,
        version,
    }]
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
