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
    ) -> Result<(), QueryError> {
        let query = Query::parse_log(text, aliases)?;
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
    // Never act on an older dossier still shown while the cursor's loads.
    if !state.dossier_current() {
        return Vec::new();
    }
    if action == Action::OpenEntry {
        if let Some(d) = &state.dossier
            && let Some(item) = d.checklist.get(state.checklist_cursor)
        {
            state.overlay = Some(check_overlay(state, &d.dossier.code, item));
        }
        return Vec::new();
    }
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
        let text = fill(
            state.strings.msg_not_manual,
            &[("item", state.item_label(&item.id))],
        );
        state.say(text, true);
        return Vec::new();
    }
    let on = item.state != CheckState::Ticked;
    let fx = Effect::Tick {
        code: d.dossier.code.clone(),
        item: item.id.clone(),
        on,
        version: d.version,
    };
    // Shown at once, and the next key acts on it (a second `x` before the
    // database answers unticks); the reload after the write shows what the
    // database holds. The store lets my own ticks follow each other without
    // a reload (`check_version`).
    let cursor = state.checklist_cursor;
    if let Some(d) = state.dossier.as_mut()
        && let Some(item) = d.checklist.get_mut(cursor)
    {
        item.state = if on {
            CheckState::Ticked
        } else {
            CheckState::Unticked
        };
    }
    vec![fx]
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
    if !state.dossier_current() {
        return Vec::new();
    }
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

/// The whole of a log entry, as the text overlay shows it: every field,
/// then the reason and the detail in full.
/// The whole of one checklist item: what it checks, its state, and the
/// evidence, none of it cut.
fn check_overlay(state: &State, code: &str, item: &crate::tui::model::CheckRow) -> Overlay {
    let s = state.strings;
    let state_word = match item.state {
        CheckState::Pass => s.state_pass,
        CheckState::Fail => s.state_fail,
        CheckState::Unknown => s.state_unknown,
        CheckState::Ticked => s.state_ticked,
        CheckState::Unticked => s.state_unticked,
    };
    let kind = match (item.manual, item.mandatory) {
        (true, true) => s.item_manual_mandatory,
        (true, false) => s.item_manual,
        (false, true) => s.item_auto_mandatory,
        (false, false) => s.item_auto,
    };
    let lang = s.lang;
    let label = lang.pick(&item.label.0, &item.label.1);
    let mut lines = vec![
        lang.pick(&item.text_en, &item.text).to_string(),
        String::new(),
        format!("{label}: {state_word} · {kind}"),
    ];
    let detail = item.evidence.render(lang);
    if !detail.is_empty() {
        lines.push(String::new());
        lines.extend(detail.lines().map(str::to_string));
    }
    if let Some(b) = &item.basis {
        lines.push(String::new());
        lines.push(format!("{}: {b}", lang.pick("Basis", "Căn cứ")));
    }
    if item.stale {
        lines.push(String::new());
        lines.push(s.item_stale.to_string());
    }
    Overlay::Text {
        title: format!("{code} · {label}"),
        lines,
        scroll: 0,
    }
}

/// Every note of the dossier, whole, oldest first.
pub(super) fn notes_overlay(state: &State) -> Option<Overlay> {
    let d = state.dossier.as_ref()?;
    let mut lines = Vec::new();
    for n in &d.notes {
        if !lines.is_empty() {
            lines.push(String::new());
        }
        lines.push(format!(
            "{} · {}",
            crate::tui::view::detail::short_time(&n.at),
            n.author
        ));
        lines.extend(n.text.lines().map(|l| format!("  {l}")));
    }
    if lines.is_empty() {
        return None;
    }
    Some(Overlay::Text {
        title: fill(
            state.strings.notes_title_full,
            &[("code", &d.dossier.code), ("n", &d.notes.len().to_string())],
        ),
        lines,
        scroll: 0,
    })
}

pub(super) fn entry_overlay(state: &State, e: &LogEntry) -> Overlay {
    let s = state.strings;
    let l = &s.entry_labels;
    let who = if e.os_user == e.author {
        e.author.clone()
    } else {
        format!("{} ({})", e.author, e.os_user)
    };
    let lang = s.lang;
    let action = crate::domain::vocab::audit::action_label(&e.action, lang);
    let detail = e
        .detail
        .as_deref()
        .map(|d| crate::domain::vocab::audit::detail_text(d, lang));
    let mut lines = vec![
        format!("{}: {}", l[0], lang.datetime(&e.at)),
        format!("{}: {who}", l[1]),
        format!("{}: {action}", l[2]),
    ];
    let opt = |label: &str, v: Option<String>| v.map(|v| format!("{label}: {v}"));
    lines.extend(opt(l[3], e.code.clone()));
    lines.extend(opt(l[4], e.revision.map(|r| r.to_string())));
    lines.extend(opt(l[5], e.batch.map(|b| b.to_string())));
    for (label, text) in [(l[6], &e.reason), (l[7], &detail)] {
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
            ("action", action),
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
            // As the screen shows it (`35.000 tr`): typed back as such.
            let text = r
                .allocation
                .map(|v| state.strings.lang.millions(v))
                .unwrap_or_default();
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
        Action::NextPlanYear | Action::PrevPlanYear => {
            // The plan years of the queue, newest first.
            let mut years: Vec<i32> = state.queue.rows.iter().map(|q| q.plan_year).collect();
            years.sort_unstable_by(|a, b| b.cmp(a));
            years.dedup();
            let here = r
                .plan_year
                .and_then(|y| years.iter().position(|&x| x == y))
                .unwrap_or(0);
            let to = if action == Action::NextPlanYear {
                here.checked_sub(1)
            } else {
                Some(here + 1)
            };
            match to.and_then(|i| years.get(i)) {
                Some(&y) => r.plan_year = Some(y),
                None => return Vec::new(),
            }
        }
        Action::WriteReport => {
            return vec![Effect::WritePaper(PaperJob::Report {
                plan_year: r.plan_year,
            })];
        }
        Action::WriteLetter => {
            let (Some(line), Some(plan_year)) = (r.rows.get(r.cursor), r.plan_year) else {
                state.say(state.strings.msg_no_dossier.to_string(), true);
                return Vec::new();
            };
            return vec![Effect::WritePaper(PaperJob::Letter {
                province: line.province.clone(),
                plan_year,
            })];
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
        Action::WriteReport | Action::WriteLetter => {
            // The entry's dossier gives the plan year and the province.
            let row = state
                .log
                .current()
                .and_then(|e| e.code.as_deref())
                .and_then(|c| state.queue.row_by_code(c));
            let job = match (action, row) {
                (Action::WriteReport, row) => Some(PaperJob::Report {
                    plan_year: row.map(|q| q.plan_year),
                }),
                (_, Some(q)) => Some(PaperJob::Letter {
                    province: q.province().to_string(),
                    plan_year: q.plan_year,
                }),
                (_, None) => None,
            };
            match job {
                Some(job) => return vec![Effect::WritePaper(job)],
                None => state.say(state.strings.msg_no_dossier.to_string(), true),
            }
        }
        _ => {}
    }
    Vec::new()
}
