//! Part of [`super`] (the application state and `update`): the checklist, score, ranking and log panes and their actions.

use super::*;

/// Most audit entries the log view loads (the newest); the title says so
/// when the log holds more.
pub const LOG_LIMIT: usize = 10_000;

/// The ranking view's state.
#[derive(Debug, Clone, PartialEq)]
pub struct RankingState {
    /// The category shown.
    pub category: Category,
    /// The plan year ranked (the newest in the database).
    pub plan_year: Option<i32>,
    /// Its ranking.
    pub rows: Vec<RankLine>,
    /// The allocation used for the cut line (stored by `b`, else `data/`).
    pub allocation: Option<Vnd>,
    /// Cursor.
    pub cursor: usize,
    /// First row drawn.
    pub offset: usize,
}

impl RankingState {
    pub(super) fn new() -> RankingState {
        RankingState {
            category: Category::ALL[0],
            plan_year: None,
            rows: Vec::new(),
            allocation: None,
            cursor: 0,
            offset: 0,
        }
    }

    /// What "approve everything above the cut line" sends to the gate: the
    /// pending dossiers within the allocation. Those whose checklist fails
    /// stay in, so the preview lists them as refused, as for `approve`.
    pub fn within_budget_pending(&self) -> Vec<String> {
        self.rows
            .iter()
            .filter(|r| r.within_budget && r.status == Status::Pending)
            .map(|r| r.code.clone())
            .collect()
    }
}

/// The audit log view's state. Its filter is the query language of
/// `search.md` ([`Query::parse_log`]: words, phrases, exclusions, `by:`,
/// `a:`/`action:`, `c:`), applied here to the entries loaded; entries stay
/// newest first whatever the query.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct LogState {
    /// Entries, newest first.
    pub rows: Vec<LogEntry>,
    /// Their searchable texts, one per row.
    docs: Vec<Doc>,
    /// Indices into `rows` that the filter keeps, newest first.
    pub visible: Vec<usize>,
    /// The filter as typed (empty: every entry).
    pub filter: String,
    /// The filter parsed.
    query: Query,
    /// Cursor, into `visible`.
    pub cursor: usize,
    /// First row drawn.
    pub offset: usize,
}

impl LogState {
    /// The entry under the cursor.
    pub fn current(&self) -> Option<&LogEntry> {
        self.visible
            .get(self.cursor)
            .and_then(|&i| self.rows.get(i))
    }

    /// New entries: filtered again, the cursor kept on its entry (or the
    /// newest, when it is gone).
    pub(super) fn set_rows(&mut self, rows: Vec<LogEntry>) {
        let id = self.current().map(|e| e.id);
        self.docs = rows.iter().map(LogEntry::doc).collect();
        self.rows = rows;
        self.apply(id);
    }

    /// Set the filter; an error (said under the input) keeps the old one.
    pub(super) fn set_filter(
        &mut self,
        text: &str,
        aliases: &CategoryAliases,
    ) -> Result<(), String> {
        let query = Query::parse_log(text, aliases).map_err(|e| e.message)?;
        let id = self.current().map(|e| e.id);
        self.filter = text.trim().to_string();
        self.query = query;
        self.apply(id);
        Ok(())
    }

    fn apply(&mut self, keep: Option<i64>) {
        let query = &self.query;
        self.visible = self
            .docs
            .iter()
            .enumerate()
            .filter(|(_, d)| query.matches(d, false).is_some())
            .map(|(i, _)| i)
            .collect();
        self.cursor = keep
            .and_then(|id| {
                self.visible
                    .iter()
                    .position(|&i| self.rows.get(i).is_some_and(|e| e.id == id))
            })
            .unwrap_or(0);
        self.offset = self.offset.min(self.cursor);
    }
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

/// The whole of a log entry, as the text overlay shows it: every field,
/// then the reason and the detail in full.
pub(super) fn entry_overlay(state: &State, e: &LogEntry) -> Overlay {
    let s = state.strings;
    let l = &s.entry_labels;
    let who = if e.os_user == e.author {
        e.author.clone()
    } else {
        format!("{} ({})", e.author, e.os_user)
    };
    let mut lines = vec![
        format!("{}: {}", l[0], e.at),
        format!("{}: {who}", l[1]),
        format!("{}: {}", l[2], e.action),
    ];
    let opt = |label: &str, v: Option<String>| v.map(|v| format!("{label}: {v}"));
    lines.extend(opt(l[3], e.code.clone()));
    lines.extend(opt(l[4], e.revision.map(|r| r.to_string())));
    lines.extend(opt(l[5], e.batch.map(|b| b.to_string())));
    for (label, text) in [(l[6], &e.reason), (l[7], &e.detail)] {
        if let Some(t) = text.as_deref().filter(|t| !t.is_empty()) {
            lines.push(String::new());
            lines.push(format!("{label}:"));
            lines.extend(t.lines().map(str::to_string));
        }
    }
    let title = fill(
        s.entry_title,
        &[
            ("id", &e.id.to_string()),
            ("action", &e.action),
            ("code", e.code.as_deref().unwrap_or("")),
        ],
    );
    Overlay::Text {
        title: title.trim_end_matches([' ', '·']).to_string(),
        lines,
        scroll: 0,
    }
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
            let purpose = InputPurpose::Allocation {
                category: r.category,
                plan_year: r.plan_year,
            };
            open_input(state, purpose, TextInput::with_text(&text));
            return Vec::new();
        }
        Action::ApproveWithinBudget => {
            let codes = r.within_budget_pending();
            if codes.is_empty() {
                state.say(state.strings.msg_none_within_budget.to_string(), true);
                return Vec::new();
            }
            return state.ask_approval(codes);
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
        l.cursor = step(l.cursor, l.visible.len(), delta);
        let body = page.saturating_sub(1).max(1);
        if l.cursor < l.offset {
            l.offset = l.cursor;
        } else if l.cursor >= l.offset + body {
            l.offset = l.cursor + 1 - body;
        }
        return Vec::new();
    }
    match action {
        Action::FilterLog => {
            // Like the queue's `/`: a kept filter opens with the cursor
            // after a space, so typing adds a term.
            let mut text = l.filter.clone();
            if !text.is_empty() {
                text.push(' ');
            }
            let input = TextInput::with_text(&text);
            open_input(state, InputPurpose::LogFilter, input);
        }
        Action::OpenEntry => {
            if let Some(e) = state.log.current() {
                state.overlay = Some(entry_overlay(state, e));
            }
        }
        _ => {}
    }
    Vec::new()
}
