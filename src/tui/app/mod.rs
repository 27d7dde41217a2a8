//! The application's state and its one transition function:
//! `update(&mut State, Action) -> Vec<Effect>`. No terminal, no SQL: data
//! arrives as [`Action::Loaded`] from the effect executor
//! ([`crate::tui::backend`]), and every change to the database leaves as an
//! [`Effect`]. A decision is a round trip: `approve` asks for a preview,
//! the confirmation dialog shows it, and only `confirm` emits
//! [`Effect::Decide`].

use crate::domain::CategoryAliases;
use crate::domain::query::{self, Doc, Hit, Prepared, Query, QueryError};
use crate::domain::{Category, Decision, Status, Vnd};
use crate::tui::action::{Action, Loaded};
use crate::tui::input::TextInput;
use crate::tui::keymap::{KeyPress, Keymap, Mode};
use crate::tui::model::{
    CheckState, DossierData, LogEntry, Outcome, Preview, QueueItem, RankLine, Saved,
};
use crate::tui::strings::{Strings, fill};
use std::collections::{BTreeSet, HashMap};
use std::sync::Arc;

/// Smallest terminal the layout is drawn in.
pub const MIN_SIZE: (u16, u16) = (80, 24);

/// Queues smaller than this are searched at once, inside `update`.
pub const INLINE_SEARCH_ROWS: usize = 20_000;

/// Most messages kept for the messages overlay.
const MAX_MESSAGES: usize = 200;

/// The top-level view.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum View {
    /// Queue with its panes.
    Queue,
    /// Ranking per category with the cut line.
    Ranking,
    /// Audit log.
    Log,
    /// One plan year's figures per category and province.
    Summary,
}

/// The panes of the queue view, in focus order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Pane {
    /// Queue list.
    Queue,
    /// Dossier detail.
    Detail,
    /// Checklist.
    Checklist,
    /// Score card.
    Score,
    /// Notes.
    Notes,
}

impl Pane {
    /// Focus order.
    pub const ALL: [Pane; 5] = [
        Pane::Queue,
        Pane::Detail,
        Pane::Checklist,
        Pane::Score,
        Pane::Notes,
    ];

    fn mode(self) -> Mode {
        match self {
            Pane::Queue => Mode::Queue,
            Pane::Detail => Mode::Detail,
            Pane::Checklist => Mode::Checklist,
            Pane::Score => Mode::Score,
            Pane::Notes => Mode::Notes,
        }
    }
}

/// An overlay over the current view.
#[derive(Debug, Clone, PartialEq)]
pub enum Overlay {
    /// Help, generated from the keymap and the actions' descriptions.
    Help {
        /// First line shown.
        scroll: usize,
        /// What is typed to filter it.
        filter: TextInput,
    },
    /// The command palette.
    Palette(Palette),
    /// Messages and errors so far.
    Messages {
        /// First line shown.
        scroll: usize,
    },
    /// A decision's confirmation dialog.
    Confirm(Confirm),
    /// What `u` would undo, asking before it does.
    Undo(UndoAsk),
    /// A text input.
    Input(InputBox),
    /// A text to read in full (a log entry; any long text), wrapped to
    /// the overlay's width and scrolled like the help.
    Text {
        /// What it shows (`Log entry #12 · return · KC24-TB-011`).
        title: String,
        /// Its lines, unwrapped (an empty one is a blank line).
        lines: Vec<String>,
        /// First wrapped line shown.
        scroll: usize,
    },
}

/// An undo waiting for confirmation: which batch, what it was, and each
/// dossier with the status it goes back to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UndoAsk {
    /// The batch to undo.
    pub batch: i64,
    /// `approve` or `return`.
    pub action: String,
    /// When it was decided.
    pub at: String,
    /// (code, status it goes back to).
    pub dossiers: Vec<(String, Status)>,
}

/// A status-bar message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Message {
    /// The text.
    pub text: String,
    /// True for errors.
    pub error: bool,
}

/// How the interface is drawn: colours (off with `NO_COLOR`) and ASCII
/// borders and glyphs (`--ascii`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Look {
    /// Use the 16 named ANSI colours.
    pub color: bool,
    /// Draw borders and glyphs in ASCII.
    pub ascii: bool,
}

impl Default for Look {
    fn default() -> Look {
        Look {
            color: true,
            ascii: false,
        }
    }
}

/// Everything the views draw.
#[derive(Debug, Clone)]
pub struct State {
    /// Colours and glyphs.
    pub look: Look,
    /// Interface texts.
    pub strings: &'static Strings,
    /// The active keymap (the help overlay is generated from it).
    pub keymap: Keymap,
    /// Who is acting.
    pub user: String,
    /// Terminal size (columns, rows).
    pub size: (u16, u16),
    /// How far the overlay drawn last could scroll (its lines less the
    /// rows shown), written by the view as it draws: End then Up must move
    /// from the bottom the screen shows, not from a number past it.
    pub overlay_room: std::cell::Cell<usize>,
    /// The same for the detail pane (its wrapped lines less its rows).
    pub detail_room: std::cell::Cell<usize>,
    /// Top-level view.
    pub view: View,
    /// Focused pane of the queue view.
    pub focus: Pane,
    /// The focused pane fills the screen.
    pub zoom: bool,
    /// Overlay shown, if any.
    pub overlay: Option<Overlay>,
    /// The queue.
    pub queue: QueueState,
    /// The selected dossier's panes.
    pub dossier: Option<DossierData>,
    /// Detail pane scroll (lines).
    pub detail_scroll: usize,
    /// Checklist cursor.
    pub checklist_cursor: usize,
    /// Score cursor.
    pub score_cursor: usize,
    /// A run of `+`/`-` presses on a criterion, shown but not written yet.
    pub pending_score: Option<PendingScore>,
    /// Ticks seen: the clock that measures a pending score's quiet.
    pub ticks: u64,
    /// Notes scroll (lines from the bottom).
    pub notes_scroll: usize,
    /// Ranking view.
    pub ranking: RankingState,
    /// Audit log view.
    pub log: LogState,
    /// The summary view.
    pub summary: SummaryState,
    /// Last message.
    pub message: Option<Message>,
    /// Messages so far, oldest first.
    pub messages: Vec<Message>,
    /// The database's data version last seen.
    pub data_version: Option<i64>,
    /// Set by `quit`.
    pub quit: bool,
    /// Set by `suspend` run from the palette: the run loop suspends.
    pub suspend: bool,
    /// A note submitted but not yet saved (dossier code, text): if saving
    /// fails, the note input opens again with it, so nothing typed is lost.
    pub unsaved_note: Option<(String, String)>,
    /// The store has been working on something for a while (the status bar
    /// says so; keys are still answered).
    pub busy: bool,
    /// Load the cursor's dossier only when the keys stop (set by the run
    /// loop for a real terminal; tests load at once).
    pub debounce_detail: bool,
    /// The dossier to load once the keys stop.
    pub dossier_due: Option<String>,
    /// Notes put aside with Esc, per dossier: `n` opens them again.
    pub note_drafts: HashMap<String, String>,
    /// The reason of a return that has not gone through yet: if the
    /// decision fails (a conflict, a busy database), the next return starts
    /// from it instead of an empty line.
    pub unsaved_reason: Option<String>,
    /// The keys of an unfinished chord (`g` of `g g`).
    pub chord: Vec<KeyPress>,
    /// The chord waited long enough: its continuations are shown.
    pub which_key: bool,
    /// Something changed since the last frame.
    pub dirty: bool,
    /// Who else has which dossier open now, and where.
    pub team: TeamState,
}

impl State {
    /// A fresh state; the run loop then executes [`State::start`]'s effects.
    /// The label of a checklist item of the selected dossier (its id
    /// when it is not there).
    pub fn item_label<'a>(&'a self, id: &'a str) -> &'a str {
        let lang = self.strings.lang;
        self.dossier
            .as_ref()
            .and_then(|d| d.checklist.iter().find(|c| c.id == id))
            .map_or(id, |c| lang.pick(&c.label.0, &c.label.1))
    }

    /// The label of a scoring criterion of the selected dossier (its id
    /// when it is not there).
    pub fn criterion_label<'a>(&'a self, id: &'a str) -> &'a str {
        let lang = self.strings.lang;
        self.dossier
            .as_ref()
            .and_then(|d| d.score.criteria.iter().find(|c| c.id == id))
            .map_or(id, |c| lang.pick(&c.label_en, &c.label))
    }

    pub fn new(strings: &'static Strings, keymap: Keymap, user: &str, size: (u16, u16)) -> State {
        State {
            look: Look::default(),
            strings,
            keymap,
            user: user.to_string(),
            size,
            overlay_room: std::cell::Cell::new(OVERLAY_ROOM_UNKNOWN),
            detail_room: std::cell::Cell::new(OVERLAY_ROOM_UNKNOWN),
            view: View::Queue,
            focus: Pane::Queue,
            zoom: false,
            overlay: None,
            queue: QueueState::new(strings.lang),
            dossier: None,
            detail_scroll: 0,
            checklist_cursor: 0,
            score_cursor: 0,
            pending_score: None,
            ticks: 0,
            notes_scroll: 0,
            ranking: RankingState::new(),
            log: LogState::default(),
            summary: SummaryState::default(),
            message: None,
            messages: Vec::new(),
            data_version: None,
            quit: false,
            suspend: false,
            unsaved_note: None,
            note_drafts: HashMap::new(),
            debounce_detail: false,
            dossier_due: None,
            busy: false,
            unsaved_reason: None,
            chord: Vec::new(),
            which_key: false,
            dirty: true,
            team: TeamState::default(),
        }
    }

    /// The category names of `data/` for the filter's `c:`.
    pub fn set_aliases(&mut self, aliases: CategoryAliases) {
        self.queue.aliases = Arc::new(aliases);
        let q = self.queue.query.clone();
        let _ = self.queue.set_query(&q);
    }

    /// The first effects: the first screen of the queue, then all of it
    /// (a big archive shows rows at once, the rest follows).
    pub fn start(&self) -> Vec<Effect> {
        vec![Effect::LoadQueueHead, Effect::LoadQueue]
    }

    /// The keys bound to `action` in `mode` as this interface names them
    /// (its language, `--ascii`), the shortest first.
    pub fn key_names(&self, mode: Mode, action: &crate::tui::action::Action) -> Vec<String> {
        self.keymap
            .key_names(mode, action, self.strings.lang, self.look.ascii)
    }

    /// The shortest of [`State::key_names`], if the action has a key there.
    pub fn key_name(&self, mode: Mode, action: &crate::tui::action::Action) -> Option<String> {
        self.key_names(mode, action).into_iter().next()
    }

    /// Keys typed (a chord) as this interface names them.
    pub fn keys_label(&self, keys: &[crate::tui::keymap::KeyPress]) -> String {
        crate::tui::keymap::keys_label(keys, self.strings.lang, self.look.ascii)
    }

    /// The mode of the view under any overlay (the help shows its keys).
    pub fn view_mode(&self) -> Mode {
        match self.view {
            View::Queue => self.focus.mode(),
            View::Ranking => Mode::Ranking,
            View::Log => Mode::Log,
            View::Summary => Mode::Summary,
        }
    }

    /// The keymap mode the next key is looked up in.
    pub fn mode(&self) -> Mode {
        match &self.overlay {
            Some(Overlay::Input(_)) => Mode::Input,
            Some(Overlay::Confirm(_)) | Some(Overlay::Undo(_)) => Mode::Confirm,
            Some(Overlay::Palette(_)) => Mode::Palette,
            Some(Overlay::Help { .. })
            | Some(Overlay::Messages { .. })
            | Some(Overlay::Text { .. }) => Mode::Help,
            None => self.view_mode(),
        }
    }

    /// True when the terminal is at least [`MIN_SIZE`].
    pub fn big_enough(&self) -> bool {
        self.size.0 >= MIN_SIZE.0 && self.size.1 >= MIN_SIZE.1
    }

    /// Rows of a list pane: the screen minus the status bar and borders.
    pub fn page(&self) -> usize {
        usize::from(self.size.1.saturating_sub(3)).max(1)
    }

    /// The dossiers a decision applies to: the marked ones (in code order),
    /// else the cursor's.
    pub fn targets(&self) -> Vec<String> {
        if !self.queue.marks.is_empty() {
            return self.queue.marks.iter().cloned().collect();
        }
        self.queue
            .current()
            .map(|r| vec![r.code().to_string()])
            .unwrap_or_default()
    }

    /// The versions of `codes` as loaded now.
    fn versions(&self, codes: &[String]) -> Vec<(String, i64)> {
        codes
            .iter()
            .map(|c| {
                (
                    c.clone(),
                    self.queue.row_by_code(c).map_or(0, |r| r.version),
                )
            })
            .collect()
    }

    fn say(&mut self, text: String, error: bool) {
        // Error texts can quote anything (a file name, a database message):
        // neutralised like every text that reaches the terminal.
        let text = crate::domain::text::clean_multiline(&text);
        let m = Message { text, error };
        self.messages.push(m.clone());
        if self.messages.len() > MAX_MESSAGES {
            self.messages.remove(0);
        }
        self.message = Some(m);
    }

    fn current_code(&self) -> Option<String> {
        self.queue.current().map(|r| r.code().to_string())
    }

    /// After the queue cursor moved: load the new dossier if it changed.
    /// The dossier of the panes is the one under the queue cursor (not an
    /// older one still shown while the new one loads).
    pub fn dossier_current(&self) -> bool {
        match (&self.dossier, self.queue.current()) {
            (Some(d), Some(r)) => d.dossier.code == r.code(),
            _ => false,
        }
    }

    /// After the cursor moved by a key: with the detail debounced (a real
    /// terminal), the dossier is loaded once the keys stop
    /// ([`Action::SettleDetail`]), so holding a key down redraws only the
    /// queue's rows.
    fn follow_cursor_keyed(&mut self) -> Vec<Effect> {
        if !self.debounce_detail {
            return self.follow_cursor();
        }
        let fx = self.follow_cursor();
        let mut out = Vec::with_capacity(fx.len());
        for e in fx {
            match e {
                Effect::LoadDossier(code) => self.dossier_due = Some(code),
                e => out.push(e),
            }
        }
        if self.dossier_current() {
            self.dossier_due = None;
        }
        out
    }

    fn follow_cursor(&mut self) -> Vec<Effect> {
        let page = self.page();
        let q = &mut self.queue;
        if q.cursor < q.offset {
            q.offset = q.cursor;
        } else if q.cursor >= q.offset + page {
            q.offset = q.cursor + 1 - page;
        }
        match self.current_code() {
            Some(code) if self.dossier.as_ref().is_none_or(|d| d.dossier.code != code) => {
                vec![Effect::LoadDossier(code)]
            }
            None => {
                self.dossier = None;
                Vec::new()
            }
            _ => Vec::new(),
        }
    }

    /// Re-apply the filter; then follow the cursor.
    fn refilter(&mut self) -> Vec<Effect> {
        let search = self.queue.recompute();
        let mut fx = self.follow_cursor();
        fx.extend(search.map(Effect::Search));
        if self.queue.wants_facts() {
            fx.push(Effect::LoadFacts);
        }
        fx
    }

    /// Set the filter to `text` (already valid) and apply it.
    fn filter_to(&mut self, text: &str) -> Vec<Effect> {
        match self.queue.set_query(text) {
            Ok(()) => self.refilter(),
            Err(e) => {
                self.say(e.message(self.strings.lang), true);
                Vec::new()
            }
        }
    }

    fn reload(&mut self) -> Vec<Effect> {
        self.reload_with(Effect::LoadQueue)
    }

    /// After my own change to some dossiers: reload only their rows (and
    /// the view showing them), not the whole queue.
    fn reload_rows(&mut self, codes: Vec<String>) -> Vec<Effect> {
        if codes.is_empty() {
            return self.reload();
        }
        self.reload_with(Effect::LoadRows(codes))
    }

    fn reload_with(&mut self, queue: Effect) -> Vec<Effect> {
        let mut fx = vec![queue];
        match self.view {
            View::Ranking => fx.push(self.ranking_effect()),
            View::Log => fx.push(Effect::LoadLog),
            View::Summary => fx.push(self.summary_effect()),
            View::Queue => {}
        }
        fx
    }

    fn ranking_effect(&self) -> Effect {
        Effect::LoadRanking {
            category: self.ranking.category,
            plan_year: self.ranking.plan_year,
        }
    }

    /// Ask to approve `codes`: the confirmation dialog opens and waits for
    /// the gate's preview; only its confirm decides (the queue's `a` and
    /// the ranking's "approve within budget" alike).
    fn ask_approval(&mut self, codes: Vec<String>) -> Vec<Effect> {
        self.overlay = Some(Overlay::Confirm(Confirm::new(
            Decision::Approve,
            self.versions(&codes),
            None,
        )));
        vec![Effect::Preview {
            decision: Decision::Approve,
            codes,
        }]
    }
}

/// How many lines the detail pane has before wrapping (an upper bound for
/// its scroll): the fixed fields, one per document, per detail, per summary
/// line, per other field and per history entry, the section headers, and
/// room for long text to wrap.
pub fn detail_lines(d: &DossierData) -> usize {
    let x = &d.dossier;
    let details = serde_json::to_value(&x.details)
        .ok()
        .and_then(|v| v.as_object().map(|m| m.len()))
        .unwrap_or(0);
    let summary = x.summary.as_ref().map_or(0, |s| s.lines().count() + 1);
    // Long text wraps: allow a row per 30 columns of it (panes are wider).
    let long: usize = [x.title.as_str(), x.implementing_unit.as_str()]
        .into_iter()
        .chain(x.summary.as_deref())
        .map(|t| unicode_width::UnicodeWidthStr::width(t) / 30)
        .sum::<usize>()
        + d.history
            .iter()
            .map(|h| h.reason.as_ref().map_or(0, |r| r.len() / 30))
            .sum::<usize>();
    10 + x.documents.len() + details + 1 + summary + x.extra.len() + 1 + d.history.len() + 1 + long
}

/// Move a cursor within `len` items by a signed step, clamped.
fn step(cursor: usize, len: usize, delta: isize) -> usize {
    if len == 0 {
        return 0;
    }
    let c = cursor as isize + delta;
    c.clamp(0, len as isize - 1) as usize
}

/// The movement an action asks for, relative to a page: `None` for others.
/// `isize::MIN`/`MAX` stand for top/bottom.
fn movement(action: &Action, page: usize) -> Option<isize> {
    let page = page as isize;
    match action {
        Action::MoveUp => Some(-1),
        Action::MoveDown => Some(1),
        Action::PageUp => Some(-page),
        Action::PageDown => Some(page),
        Action::GoTop => Some(isize::MIN / 2),
        Action::GoBottom => Some(isize::MAX / 2),
        _ => None,
    }
}

/// The one transition function.
pub fn update(state: &mut State, action: Action) -> Vec<Effect> {
    // A run of `+`/`-` presses is written before anything else acts (a
    // decision's preview sees it), and as soon as it leaves the cursor.
    let mut fx = if keeps_pending_score(state, &action) {
        Vec::new()
    } else {
        flush_score(state)
    };
    fx.extend(apply(state, action));
    fx.extend(score_still_pending(state));
    fx
}

fn apply(state: &mut State, action: Action) -> Vec<Effect> {
    // Poll ticks and their unchanged answers, and stale search results,
    // change nothing on screen: they neither ask for a frame nor cancel one
    // already asked for.
    let quiet = match &action {
        Action::Tick => true,
        Action::Loaded(l) => matches!(
            **l,
            Loaded::Version(_) | Loaded::Searched { .. } | Loaded::Presence(_)
        ),
        _ => false,
    };
    if !quiet {
        state.dirty = true;
    }
    match action {
        Action::Tick => {
            let mut fx = score_tick(state);
            fx.push(Effect::Poll);
            return fx;
        }
        Action::Resize(w, h) => {
            state.size = (w, h);
            return state.follow_cursor();
        }
        Action::Loaded(l) => return loaded(state, *l),
        Action::Failed(msg) => {
            if matches!(&state.overlay, Some(Overlay::Confirm(c)) if c.preview.is_none()) {
                state.overlay = None;
            }
            let text = fill(state.strings.msg_error, &[("message", &msg)]);
            state.say(text.clone(), true);
            // A note that could not be saved comes back to its author.
            if state.overlay.is_none()
                && let Some((code, note)) = state.unsaved_note.take()
            {
                let mut input = TextInput::multi();
                input.insert(&note);
                state.overlay = Some(Overlay::Input(InputBox {
                    purpose: InputPurpose::Note(code),
                    input,
                    error: Some(text),
                }));
            }
            return Vec::new();
        }
        Action::Quit => {
            state.quit = true;
            return Vec::new();
        }
        // Run from the palette (its key is caught by the run loop first):
        // the run loop suspends.
        Action::Suspend => {
            state.suspend = true;
            return Vec::new();
        }
        Action::ChordPause => {
            state.which_key = !state.chord.is_empty();
            return Vec::new();
        }
        Action::SettleDetail => {
            return match state.dossier_due.take() {
                Some(code) if state.current_code().as_deref() == Some(code.as_str()) => {
                    vec![Effect::LoadDossier(code)]
                }
                _ => Vec::new(),
            };
        }
        _ => {}
    }
    match state.overlay.take() {
        Some(Overlay::Input(b)) => input_action(state, b, action),
        Some(Overlay::Confirm(c)) => confirm_action(state, c, action),
        Some(Overlay::Undo(u)) => match action {
            Action::Confirm => vec![Effect::Undo { batch: u.batch }],
            Action::Cancel => Vec::new(),
            _ => {
                state.overlay = Some(Overlay::Undo(u));
                Vec::new()
            }
        },
        Some(Overlay::Help { scroll, filter }) => help_action(state, scroll, filter, action),
        Some(Overlay::Palette(p)) => palette_action(state, p, action),
        Some(Overlay::Messages { scroll }) => {
            state.overlay =
                scroll_overlay(&action, scroll, state).map(|s| Overlay::Messages { scroll: s });
            Vec::new()
        }
        Some(Overlay::Text {
            title,
            lines,
            scroll,
        }) => {
            state.overlay = scroll_overlay(&action, scroll, state).map(|scroll| Overlay::Text {
                title,
                lines,
                scroll,
            });
            Vec::new()
        }
        None => {
            let focus = state.focus;
            let mut fx = view_action(state, action);
            fx.extend(team::focus_moved(state, focus));
            fx
        }
    }
}

/// Scroll a read-only overlay; `None` closes it.
/// What [`State::overlay_room`] holds before an overlay is drawn.
pub const OVERLAY_ROOM_UNKNOWN: usize = 10_000;

fn scroll_overlay(action: &Action, scroll: usize, state: &State) -> Option<usize> {
    // An overlay shows fewer lines than the screen (its border, title, the
    // help's legend and hint lines): a page of it is shorter, so that a page
    // down never skips a line (seen: keys of the help never shown).
    let page = state.page().saturating_sub(8).max(1);
    let room = state.overlay_room.get().min(OVERLAY_ROOM_UNKNOWN) as isize;
    // Start from where the screen is: the bottom when scrolled past it.
    let scroll = (scroll as isize).min(room);
    match action {
        Action::Cancel | Action::Help | Action::Messages | Action::Confirm => None,
        a => Some(match movement(a, page) {
            Some(d) => (scroll + d).clamp(0, room) as usize,
            None => scroll as usize,
        }),
    }
}

fn open_input(state: &mut State, purpose: InputPurpose, input: TextInput) {
    state.overlay = Some(Overlay::Input(InputBox {
        purpose,
        input,
        error: None,
    }));
}

fn view_action(state: &mut State, action: Action) -> Vec<Effect> {
    // Actions that work the same in every view.
    match action {
        Action::Help => {
            state.overlay = Some(Overlay::Help {
                scroll: 0,
                filter: TextInput::single(),
            });
            return Vec::new();
        }
        Action::Palette => {
            state.overlay = Some(Overlay::Palette(Palette::default()));
            return Vec::new();
        }
        Action::Messages => {
            state.overlay = Some(Overlay::Messages { scroll: 0 });
            return Vec::new();
        }
        Action::ShowQueue => {
            // From another view or another pane: the queue list takes the
            // keys (Space marks there, seen doing nothing from the notes).
            state.view = View::Queue;
            state.focus = Pane::Queue;
            state.zoom = false;
            return state.follow_cursor();
        }
        Action::ShowRanking => {
            state.view = View::Ranking;
            if let Some(r) = state.queue.current() {
                state.ranking.category = r.category;
                state.ranking.plan_year = Some(r.plan_year);
            }
            state.ranking.cursor = 0;
            state.ranking.offset = 0;
            return vec![state.ranking_effect()];
        }
        Action::ShowLog => {
            state.view = View::Log;
            return vec![Effect::LoadLog];
        }
        Action::ShowSummary => {
            state.view = View::Summary;
            // The plan year of the dossier it is opened from (the newest
            // when the queue is empty).
            if let Some(r) = state.queue.current() {
                state.summary.plan_year = Some(r.plan_year);
            }
            return vec![state.summary_effect()];
        }
        Action::Refresh => return state.reload(),
        Action::Undo => return vec![Effect::PlanUndo],
        Action::Assign if state.view == View::Queue => return team::ask_assignee(state),
        Action::MyQueue if state.view == View::Queue => return team::toggle_my_queue(state),
        Action::Approve | Action::Return | Action::NewNote if state.view == View::Queue => {
            return queue_command(state, action);
        }
        _ => {}
    }
    match state.view {
        View::Queue => queue_view_action(state, action),
        View::Ranking => ranking_action(state, action),
        View::Log => log_action(state, action),
        View::Summary => summary_action(state, action),
    }
}

mod dialogs;
mod effect;
mod keys;
mod panes;
mod queue;
mod results;
mod summary;
mod team;

use dialogs::*;
pub use dialogs::{Confirm, InputBox, InputPurpose};
pub use effect::{Effect, PaperJob};
use keys::*;
pub use keys::{Palette, PaletteEntry, filter_command};
use panes::*;
pub use panes::{LOG_LIMIT, LogState, PendingScore, RankingState, SCORE_QUIET_TICKS};
use queue::*;
pub use queue::{DEFAULT_FILTER, QueueState, SearchRequest, Sort, default_filter};
use results::*;
pub use summary::SummaryState;
use summary::*;
pub use team::TeamState;

#[cfg(test)]
mod tests;
