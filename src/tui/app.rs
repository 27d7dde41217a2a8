//! The application's state and its one transition function:
//! `update(&mut State, Action) -> Vec<Effect>`. No terminal, no SQL: data
//! arrives as [`Action::Loaded`] from the effect executor
//! ([`crate::tui::backend`]), and every change to the database leaves as an
//! [`Effect`]. A decision is a round trip: `approve` asks for a preview,
//! the confirmation dialog shows it, and only `confirm` emits
//! [`Effect::Decide`].

use crate::domain::CategoryAliases;
use crate::domain::query::{self, Doc, Hit, Prepared, Query};
use crate::domain::{Category, Decision, Status, Vnd};
use crate::tui::action::{Action, Loaded};
use crate::tui::input::TextInput;
use crate::tui::keymap::{Keymap, Mode};
use crate::tui::model::{
    AuditRow, CheckState, DossierData, Outcome, Preview, QueueItem, RankLine, Saved,
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

/// What a text input is for.
#[derive(Debug, Clone, PartialEq)]
pub enum InputPurpose {
    /// The live fuzzy filter.
    Filter,
    /// The reason for returning these dossiers (with the versions seen).
    ReturnReason(Vec<(String, i64)>),
    /// The reason for overriding the gate of this pending confirmation.
    OverrideReason(Box<Confirm>),
    /// A note on a dossier.
    Note(String),
    /// Points of a criterion.
    Points {
        /// Dossier code.
        code: String,
        /// Criterion id.
        criterion: String,
        /// Its maximum.
        max: u32,
    },
    /// Allocation of a category in the ranking view.
    Allocation(Category),
    /// Audit log filter.
    LogFilter,
}

/// A text input overlay.
#[derive(Debug, Clone, PartialEq)]
pub struct InputBox {
    /// What it is for.
    pub purpose: InputPurpose,
    /// The text being edited.
    pub input: TextInput,
    /// Why the last submit was refused.
    pub error: Option<String>,
}

/// A pending decision waiting for confirmation.
#[derive(Debug, Clone, PartialEq)]
pub struct Confirm {
    /// Approve or return.
    pub decision: Decision,
    /// The dossiers asked for.
    pub codes: Vec<String>,
    /// The version of each dossier when the appraiser asked: a change made
    /// since by someone else refuses the batch instead of overwriting it.
    pub seen: Vec<(String, i64)>,
    /// What the gate says (`None` while it is being checked).
    pub preview: Option<Preview>,
    /// The reason (return).
    pub reason: Option<String>,
    /// The override reason, once given.
    pub override_reason: Option<String>,
    /// Scroll of the dialog's list.
    pub scroll: usize,
}

/// An overlay over the current view.
#[derive(Debug, Clone, PartialEq)]
pub enum Overlay {
    /// Help, generated from the keymap.
    Help {
        /// First line shown.
        scroll: usize,
    },
    /// Messages and errors so far.
    Messages {
        /// First line shown.
        scroll: usize,
    },
    /// A decision's confirmation dialog.
    Confirm(Confirm),
    /// A text input.
    Input(InputBox),
}

/// A status-bar message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Message {
    /// The text.
    pub text: String,
    /// True for errors.
    pub error: bool,
}

/// The filter the queue opens with, and `Esc` returns to.
pub const DEFAULT_FILTER: &str = "s:pending";

/// The queue: every row loaded, the filtered and ordered view of them, the
/// cursor and the marks. The filter is one query in the language of
/// `search.md`; the status, category and province keys write into it.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct QueueState {
    /// Every dossier of the database.
    pub rows: Vec<QueueItem>,
    by_code: HashMap<String, usize>,
    /// What the filter searches in each row, prepared once per load.
    docs: Arc<Vec<Doc>>,
    /// The docs carry the checklist state and last actor (asked for by a
    /// query that needs them; cleared by a reload).
    facts: FactsState,
    widest_code: usize,
    /// Queues with at least this many rows are searched off the event loop
    /// ([`Effect::Search`]); smaller ones at once.
    pub inline_limit: usize,
    /// Generation of the latest search asked for.
    generation: u64,
    /// A search is running; `visible` still shows the previous result.
    pub searching: bool,
    /// The next search result puts the cursor on the best match.
    to_top: bool,
    /// The last query searched and the rows it matched: a longer query
    /// only searches those when that is certain to give the same result.
    last_search: Option<(String, Vec<usize>)>,
    /// Indices into `rows` shown, in order.
    pub visible: Vec<usize>,
    /// For each row: is it in `visible`?
    shown: Vec<bool>,
    /// Cursor: index into `visible`.
    pub cursor: usize,
    /// First visible row drawn.
    pub offset: usize,
    /// Marked codes (kept across reloads; decided ones are unmarked).
    pub marks: BTreeSet<String>,
    /// Where the last mark was toggled (index into `visible`).
    pub anchor: Option<usize>,
    /// Provinces present, sorted.
    pub provinces: Vec<String>,
    /// The filter as typed (`s:pending gach`).
    pub query: String,
    /// The filter, parsed.
    pub parsed: Query,
    /// The rows shown are near (fuzzy) matches: the filter's words matched
    /// nothing.
    pub fuzzy: bool,
    /// Category names for `c:`.
    aliases: Arc<CategoryAliases>,
}

/// Where the database-only facts of the rows are.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
enum FactsState {
    /// Not loaded.
    #[default]
    Missing,
    /// Asked for; the search waits for them.
    Asked,
    /// In the docs.
    Loaded,
}

impl QueueState {
    /// The row under the cursor.
    pub fn current(&self) -> Option<&QueueItem> {
        self.visible
            .get(self.cursor)
            .and_then(|&i| self.rows.get(i))
    }

    /// Columns of the widest code (at least 11, at most 16).
    pub fn code_width(&self) -> usize {
        self.widest_code.clamp(11, 16)
    }

    /// What the filter matched in row `i` (for highlighting).
    pub fn hit(&self, i: usize) -> Option<Hit> {
        let row = self.rows.get(i)?;
        self.parsed
            .matches(self.docs.get(i)?, self.marks.contains(&row.code))
    }

    /// The row of a dossier code.
    pub fn row_by_code(&self, code: &str) -> Option<&QueueItem> {
        self.by_code.get(code).and_then(|&i| self.rows.get(i))
    }

    /// Marked dossiers the filter hides (or that are gone).
    pub fn hidden_marks(&self) -> Vec<String> {
        self.marks
            .iter()
            .filter(|c| {
                !self
                    .by_code
                    .get(c.as_str())
                    .is_some_and(|&i| self.shown.get(i).copied().unwrap_or(false))
            })
            .cloned()
            .collect()
    }

    fn set_visible(&mut self, visible: Vec<usize>) {
        self.shown = vec![false; self.rows.len()];
        for &i in &visible {
            if let Some(s) = self.shown.get_mut(i) {
                *s = true;
            }
        }
        self.visible = visible;
    }

    /// Parse `text` as the new filter; on an error the filter is left as
    /// it was and the error is returned for the input to show.
    fn set_query(&mut self, text: &str) -> Result<(), String> {
        let parsed = Query::parse(text, &self.aliases).map_err(|e| e.message)?;
        self.query = text.to_string();
        self.parsed = parsed;
        Ok(())
    }

    /// The filter wants facts that are not loaded yet: ask once.
    fn wants_facts(&mut self) -> bool {
        if self.parsed.needs_facts() && self.facts == FactsState::Missing {
            self.facts = FactsState::Asked;
            return true;
        }
        false
    }

    /// Put the loaded facts into the docs.
    fn set_facts(&mut self, facts: &HashMap<String, (Option<bool>, Option<String>)>) {
        let docs = Arc::make_mut(&mut self.docs);
        for (i, row) in self.rows.iter().enumerate() {
            if let (Some(doc), Some((failing, by))) = (docs.get_mut(i), facts.get(&row.code)) {
                doc.failing = *failing;
                doc.last_by = by.as_deref().map(Prepared::new);
            }
        }
        self.facts = FactsState::Loaded;
        self.last_search = None;
    }

    /// Codes where the cursor should land, best first: its own dossier, then
    /// those that followed it (so that when it leaves the view the cursor
    /// goes to the one after it).
    fn landing(&self) -> Vec<String> {
        self.visible
            .iter()
            .skip(self.cursor)
            .take(1000)
            .filter_map(|&i| self.rows.get(i).map(|r| r.code.clone()))
            .collect()
    }

    /// Recompute `visible` from the filter, keeping the cursor on the same
    /// dossier when it is still shown. A query over a big queue is not
    /// searched here: the request is returned for the executor, and
    /// `visible` keeps the previous result until [`QueueState::apply_search`].
    fn recompute(&mut self) -> Option<SearchRequest> {
        let landing = self.landing();
        if self.parsed.is_empty() {
            self.last_search = None;
            self.searching = false;
            self.fuzzy = false;
            self.show(None, &landing);
            return None;
        }
        if self.parsed.needs_facts() && self.facts != FactsState::Loaded {
            // The answer comes with the facts (see `wants_facts`).
            self.searching = true;
            return None;
        }
        let marks_matter = self.parsed.uses_marks();
        let candidates = match &self.last_search {
            Some((q, prev)) if *q == self.query && !marks_matter => {
                let prev = prev.clone();
                self.searching = false;
                self.show(Some(&prev), &landing);
                return None;
            }
            Some((q, prev)) if !marks_matter && Query::narrows(q, &self.query, &self.aliases) => {
                Some(prev.clone())
            }
            _ => None,
        };
        let marked = marks_matter.then(|| {
            Arc::new(
                self.marks
                    .iter()
                    .filter_map(|c| self.by_code.get(c).copied())
                    .collect(),
            )
        });
        let request = SearchRequest {
            generation: self.generation + 1,
            query: self.query.clone(),
            parsed: self.parsed.clone(),
            docs: Arc::clone(&self.docs),
            marked,
            candidates,
        };
        self.generation += 1;
        // Qualifiers alone cost nothing per row: always answered at once.
        if self.rows.len() < self.inline_limit || !self.parsed.has_terms() {
            let (matches, fuzzy) = request.run();
            self.apply_search(request.generation, &request.query, matches, fuzzy);
            None
        } else {
            self.searching = true;
            Some(request)
        }
    }

    /// Show the result of a search; false when it is stale (a newer query
    /// was typed meanwhile, or the rows were reloaded).
    pub fn apply_search(
        &mut self,
        generation: u64,
        query: &str,
        matches: Vec<usize>,
        fuzzy: bool,
    ) -> bool {
        if generation != self.generation || query != self.query {
            return false;
        }
        let landing = self.landing();
        self.searching = false;
        self.fuzzy = fuzzy;
        self.show(Some(&matches), &landing);
        self.last_search = (!fuzzy).then(|| (query.to_string(), matches));
        true
    }

    /// Set `visible` from the matches (all rows when `None`); the cursor
    /// lands on the first of `landing` still shown.
    fn show(&mut self, matches: Option<&[usize]>, landing: &[String]) {
        let n = self.rows.len();
        self.set_visible(match matches {
            None => (0..n).collect(),
            Some(m) => m.iter().copied().filter(|&i| i < n).collect(),
        });
        self.cursor = if std::mem::take(&mut self.to_top) {
            self.offset = 0;
            0
        } else {
            let at: HashMap<&str, usize> = self
                .visible
                .iter()
                .enumerate()
                .map(|(v, &i)| (self.rows[i].code.as_str(), v))
                .collect();
            landing
                .iter()
                .find_map(|c| at.get(c.as_str()).copied())
                .unwrap_or(self.cursor)
        }
        .min(self.visible.len().saturating_sub(1));
        self.anchor = None;
    }

    fn set_rows(&mut self, rows: Vec<QueueItem>) -> Option<SearchRequest> {
        // The rows shown stay shown (by code) until the filter has run on
        // the new rows; the cursor stays on its dossier.
        let shown: Vec<String> = self
            .visible
            .iter()
            .filter_map(|&i| self.rows.get(i).map(|r| r.code.clone()))
            .collect();
        self.last_search = None;
        self.facts = FactsState::Missing;
        // Keep the prepared texts of rows whose searched text did not change:
        // a reload after a decision then prepares nothing.
        let old: HashMap<&str, usize> = self
            .rows
            .iter()
            .enumerate()
            .map(|(i, r)| (r.code.as_str(), i))
            .collect();
        let docs: Vec<Doc> = rows
            .iter()
            .map(|r| match old.get(r.code.as_str()) {
                Some(&i) if self.rows[i].same_texts(r) => {
                    let mut d = self.docs.get(i).cloned().unwrap_or_else(|| r.doc());
                    d.status = Some(r.status);
                    d.score = r.score;
                    d.failing = None;
                    d.last_by = None;
                    d
                }
                _ => r.doc(),
            })
            .collect();
        self.docs = Arc::new(docs);
        self.widest_code = rows
            .iter()
            .map(|r| unicode_width::UnicodeWidthStr::width(r.code.as_str()))
            .max()
            .unwrap_or(0);
        let mut provinces: Vec<String> = rows.iter().map(|r| r.province.clone()).collect();
        provinces.sort();
        provinces.dedup();
        self.provinces = provinces;
        self.by_code = rows
            .iter()
            .enumerate()
            .map(|(i, r)| (r.code.clone(), i))
            .collect();
        self.rows = rows;
        let cursor_code = shown.get(self.cursor).cloned();
        let visible = shown
            .iter()
            .filter_map(|c| self.by_code.get(c).copied())
            .collect();
        self.set_visible(visible);
        // The cursor's dossier may have gone: the one after it then.
        let landing: Vec<String> = shown.iter().skip(self.cursor).take(1000).cloned().collect();
        self.cursor = cursor_code
            .iter()
            .chain(landing.iter())
            .find_map(|c| {
                let i = self.by_code.get(c)?;
                self.visible.iter().position(|v| v == i)
            })
            .unwrap_or(0);
        self.recompute()
    }
}

/// A search of the queue, run by the executor (off the event loop for big
/// queues); its result comes back as [`Loaded::Searched`].
#[derive(Debug, Clone, PartialEq)]
pub struct SearchRequest {
    /// Which request this is (only the latest one's result is shown).
    pub generation: u64,
    /// The query as typed.
    pub query: String,
    /// The query, parsed.
    pub parsed: Query,
    /// What each row searches.
    pub docs: Arc<Vec<Doc>>,
    /// Indices of the marked rows, when the query asks `is:marked`.
    pub marked: Option<Arc<std::collections::HashSet<usize>>>,
    /// Search only these rows (the previous query's matches), or all.
    pub candidates: Option<Vec<usize>>,
}

impl SearchRequest {
    /// Run the search: matching row indices, best first, and whether they
    /// are near matches (the precise words matched nothing, so the fuzzy
    /// form of the query was run, to be labelled as such).
    pub fn run(&self) -> (Vec<usize>, bool) {
        let marked = |i: usize| self.marked.as_ref().is_some_and(|m| m.contains(&i));
        let all = 0..self.docs.len();
        let found = match &self.candidates {
            Some(c) => query::search(&self.parsed, &self.docs, c.iter().copied(), &marked),
            None => query::search(&self.parsed, &self.docs, all.clone(), &marked),
        };
        if found.is_empty() && self.parsed.has_terms() {
            let near = query::search(&self.parsed.fuzzy(), &self.docs, all, &marked);
            return (near.into_iter().map(|f| f.index).collect(), true);
        }
        (found.into_iter().map(|f| f.index).collect(), false)
    }
}

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
    /// Notes scroll (lines from the bottom).
    pub notes_scroll: usize,
    /// Ranking view.
    pub ranking: RankingState,
    /// Audit log view.
    pub log: LogState,
    /// Last message.
    pub message: Option<Message>,
    /// Messages so far, oldest first.
    pub messages: Vec<Message>,
    /// The database's data version last seen.
    pub data_version: Option<i64>,
    /// Set by `quit`.
    pub quit: bool,
    /// A note submitted but not yet saved (dossier code, text): if saving
    /// fails, the note input opens again with it, so nothing typed is lost.
    pub unsaved_note: Option<(String, String)>,
    /// The reason of a return that has not gone through yet: if the
    /// decision fails (a conflict, a busy database), the next return starts
    /// from it instead of an empty line.
    pub unsaved_reason: Option<String>,
    /// Something changed since the last frame.
    pub dirty: bool,
}

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
        /// Override reason: approve those the gate refuses too.
        override_reason: Option<String>,
    },
    /// Undo my last decision or batch.
    Undo,
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
    /// Set a criterion's points.
    Score {
        /// Dossier.
        code: String,
        /// Criterion id.
        criterion: String,
        /// Points.
        points: u32,
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
    /// Load a category's ranking.
    LoadRanking {
        /// Category.
        category: Category,
        /// Allocation set in the view (else the one of `data/`).
        allocation: Option<Vnd>,
    },
    /// Load the audit log.
    LoadLog {
        /// Dossier code or appraiser; empty for everything.
        filter: String,
    },
    /// Look whether another appraiser changed the database.
    Poll,
    /// Search the queue (big queues: off the event loop).
    Search(SearchRequest),
    /// Load what only the database knows of each row (checklist state,
    /// last actor), for a filter that asks.
    LoadFacts,
}

impl State {
    /// A fresh state; the run loop then executes [`State::start`]'s effects.
    pub fn new(strings: &'static Strings, keymap: Keymap, user: &str, size: (u16, u16)) -> State {
        State {
            look: Look::default(),
            strings,
            keymap,
            user: user.to_string(),
            size,
            view: View::Queue,
            focus: Pane::Queue,
            zoom: false,
            overlay: None,
            queue: QueueState {
                query: DEFAULT_FILTER.to_string(),
                parsed: Query::parse(DEFAULT_FILTER, &CategoryAliases::ids_only())
                    .unwrap_or_default(),
                aliases: Arc::new(CategoryAliases::ids_only()),
                inline_limit: INLINE_SEARCH_ROWS,
                ..QueueState::default()
            },
            dossier: None,
            detail_scroll: 0,
            checklist_cursor: 0,
            score_cursor: 0,
            notes_scroll: 0,
            ranking: RankingState {
                category: Category::ALL[0],
                rows: Vec::new(),
                allocation: None,
                overrides: HashMap::new(),
                cursor: 0,
                offset: 0,
            },
            log: LogState::default(),
            message: None,
            messages: Vec::new(),
            data_version: None,
            quit: false,
            unsaved_note: None,
            unsaved_reason: None,
            dirty: true,
        }
    }

    /// The category names of `data/` for the filter's `c:`.
    pub fn set_aliases(&mut self, aliases: CategoryAliases) {
        self.queue.aliases = Arc::new(aliases);
        let q = self.queue.query.clone();
        let _ = self.queue.set_query(&q);
    }

    /// The first effects: load the queue.
    pub fn start(&self) -> Vec<Effect> {
        vec![Effect::LoadQueue]
    }

    /// The mode of the view under any overlay (the help shows its keys).
    pub fn view_mode(&self) -> Mode {
        match self.view {
            View::Queue => self.focus.mode(),
            View::Ranking => Mode::Ranking,
            View::Log => Mode::Log,
        }
    }

    /// The keymap mode the next key is looked up in.
    pub fn mode(&self) -> Mode {
        match &self.overlay {
            Some(Overlay::Input(_)) => Mode::Input,
            Some(Overlay::Confirm(_)) => Mode::Confirm,
            Some(Overlay::Help { .. }) | Some(Overlay::Messages { .. }) => Mode::Help,
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
            .map(|r| vec![r.code.clone()])
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
        self.queue.current().map(|r| r.code.clone())
    }

    /// After the queue cursor moved: load the new dossier if it changed.
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
                self.say(e, true);
                Vec::new()
            }
        }
    }

    fn reload(&mut self) -> Vec<Effect> {
        let mut fx = vec![Effect::LoadQueue];
        match self.view {
            View::Ranking => fx.push(self.ranking_effect()),
            View::Log => fx.push(Effect::LoadLog {
                filter: self.log.filter.clone(),
            }),
            View::Queue => {}
        }
        fx
    }

    fn ranking_effect(&self) -> Effect {
        Effect::LoadRanking {
            category: self.ranking.category,
            allocation: self.ranking.overrides.get(&self.ranking.category).copied(),
        }
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
    // Poll ticks and their unchanged answers, and stale search results,
    // change nothing on screen: they neither ask for a frame nor cancel one
    // already asked for.
    let quiet = match &action {
        Action::Tick => true,
        Action::Loaded(l) => matches!(**l, Loaded::Version(_) | Loaded::Searched { .. }),
        _ => false,
    };
    if !quiet {
        state.dirty = true;
    }
    match action {
        Action::Tick => return vec![Effect::Poll],
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
        _ => {}
    }
    match state.overlay.take() {
        Some(Overlay::Input(b)) => input_action(state, b, action),
        Some(Overlay::Confirm(c)) => confirm_action(state, c, action),
        Some(Overlay::Help { scroll }) => {
            state.overlay =
                scroll_overlay(&action, scroll, state.page()).map(|s| Overlay::Help { scroll: s });
            Vec::new()
        }
        Some(Overlay::Messages { scroll }) => {
            state.overlay = scroll_overlay(&action, scroll, state.page())
                .map(|s| Overlay::Messages { scroll: s });
            Vec::new()
        }
        None => view_action(state, action),
    }
}

/// Scroll a read-only overlay; `None` closes it.
fn scroll_overlay(action: &Action, scroll: usize, page: usize) -> Option<usize> {
    match action {
        Action::Cancel | Action::Help | Action::Messages | Action::Confirm => None,
        a => Some(match movement(a, page) {
            Some(d) => (scroll as isize + d).clamp(0, 10_000) as usize,
            None => scroll,
        }),
    }
}

fn loaded(state: &mut State, l: Loaded) -> Vec<Effect> {
    match l {
        Loaded::Queue(rows, version) => {
            state.data_version = Some(version);
            let search = state.queue.set_rows(rows);
            let mut fx = state.follow_cursor();
            fx.extend(search.map(Effect::Search));
            // The selected dossier may have changed too: reload its panes.
            if !fx.iter().any(|e| matches!(e, Effect::LoadDossier(_)))
                && let Some(code) = state.current_code()
            {
                fx.push(Effect::LoadDossier(code));
            }
            fx
        }
        Loaded::Dossier(code, data) => {
            if state.current_code().as_deref() != Some(code.as_str()) {
                return Vec::new();
            }
            let same = state
                .dossier
                .as_ref()
                .is_some_and(|d| d.dossier.code == code);
            state.dossier = data.map(|d| *d);
            // The dossier may be newer than its queue row (my own tick
            // bumped its version): the row follows, so my next decision is
            // not refused as a conflict with myself.
            if let Some(d) = &state.dossier
                && let Some(&i) = state.queue.by_code.get(&code)
                && let Some(row) = state.queue.rows.get_mut(i)
            {
                row.version = d.version;
                row.revision = d.revision;
            }
            if !same {
                state.detail_scroll = 0;
                state.checklist_cursor = 0;
                state.score_cursor = 0;
                state.notes_scroll = 0;
            }
            if let Some(d) = &state.dossier {
                state.checklist_cursor = state
                    .checklist_cursor
                    .min(d.checklist.len().saturating_sub(1));
                state.score_cursor = state
                    .score_cursor
                    .min(d.score.criteria.len().saturating_sub(1));
            }
            Vec::new()
        }
        Loaded::Facts(facts) => {
            state.queue.set_facts(&facts);
            state.refilter()
        }
        Loaded::Searched {
            generation,
            query,
            matches,
            fuzzy,
        } => {
            if state.queue.apply_search(generation, &query, matches, fuzzy) {
                state.dirty = true;
                state.follow_cursor()
            } else {
                Vec::new()
            }
        }
        Loaded::Preview(p) => {
            if let Some(Overlay::Confirm(c)) = &mut state.overlay {
                c.preview = Some(p);
            }
            Vec::new()
        }
        Loaded::Done(outcome) => {
            state.unsaved_reason = None;
            done_message(state, &outcome);
            // The decided dossiers are unmarked; the refused ones stay
            // marked for the appraiser to deal with next.
            if outcome.decision.is_some() {
                for code in &outcome.changed {
                    state.queue.marks.remove(code);
                }
            }
            state.reload()
        }
        Loaded::Saved(saved) => {
            let s = state.strings;
            let text = match &saved {
                Saved::Tick { code, item, on } => fill(
                    if *on { s.msg_ticked } else { s.msg_unticked },
                    &[("code", code), ("item", item)],
                ),
                Saved::Score {
                    code,
                    criterion,
                    points,
                } => fill(
                    s.msg_scored,
                    &[
                        ("code", code),
                        ("criterion", criterion),
                        ("points", &points.to_string()),
                    ],
                ),
                Saved::Note { code } => {
                    state.unsaved_note = None;
                    fill(s.msg_noted, &[("code", code)])
                }
            };
            state.say(text, false);
            match saved {
                // A score changes the queue's score column and the ranking.
                Saved::Score { .. } => state.reload(),
                // Ticks and notes only change the dossier's own panes.
                Saved::Tick { code, .. } | Saved::Note { code } => vec![Effect::LoadDossier(code)],
            }
        }
        Loaded::Ranking(rows, allocation) => {
            state.ranking.rows = rows;
            state.ranking.allocation = allocation;
            state.ranking.cursor = state
                .ranking
                .cursor
                .min(state.ranking.rows.len().saturating_sub(1));
            Vec::new()
        }
        Loaded::Log(rows) => {
            state.log.rows = rows;
            state.log.cursor = state.log.rows.len().saturating_sub(1);
            state.log.offset = state
                .log
                .cursor
                .saturating_sub(state.page().saturating_sub(1));
            Vec::new()
        }
        Loaded::Version(v) => {
            let changed = state.data_version.is_some_and(|old| old != v);
            state.data_version = Some(v);
            if changed {
                state.dirty = true;
                state.say(state.strings.msg_reloaded.to_string(), false);
                state.reload()
            } else {
                Vec::new()
            }
        }
    }
}

fn done_message(state: &mut State, o: &Outcome) {
    let s = state.strings;
    if !o.changed.is_empty() {
        let template = match o.decision {
            Some(Decision::Approve) => s.msg_approved,
            Some(Decision::Return) => s.msg_returned,
            None => s.msg_undone,
        };
        let n = o.changed.len().to_string();
        state.say(
            fill(template, &[("n", &n), ("codes", &o.changed.join(", "))]),
            false,
        );
    }
    if !o.refused.is_empty() {
        let list: Vec<String> = o
            .refused
            .iter()
            .map(|(c, why)| format!("{c} ({why})"))
            .collect();
        let n = o.refused.len().to_string();
        state.say(
            fill(s.msg_refused, &[("n", &n), ("codes", &list.join("; "))]),
            true,
        );
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
            state.overlay = Some(Overlay::Help { scroll: 0 });
            return Vec::new();
        }
        Action::Messages => {
            state.overlay = Some(Overlay::Messages { scroll: 0 });
            return Vec::new();
        }
        Action::ShowQueue => {
            state.view = View::Queue;
            return state.follow_cursor();
        }
        Action::ShowRanking => {
            state.view = View::Ranking;
            if let Some(r) = state.queue.current() {
                state.ranking.category = r.category;
            }
            state.ranking.cursor = 0;
            state.ranking.offset = 0;
            return vec![state.ranking_effect()];
        }
        Action::ShowLog => {
            state.view = View::Log;
            return vec![Effect::LoadLog {
                filter: state.log.filter.clone(),
            }];
        }
        Action::Refresh => return state.reload(),
        Action::Undo => return vec![Effect::Undo],
        Action::Approve | Action::Return | Action::NewNote if state.view == View::Queue => {
            return queue_command(state, action);
        }
        _ => {}
    }
    match state.view {
        View::Queue => queue_view_action(state, action),
        View::Ranking => ranking_action(state, action),
        View::Log => log_action(state, action),
    }
}

/// Approve, return, new note: they act on the marked or the cursor's dossier
/// whichever pane is focused.
fn queue_command(state: &mut State, action: Action) -> Vec<Effect> {
    let targets = state.targets();
    if targets.is_empty() {
        state.say(state.strings.msg_no_dossier.to_string(), true);
        return Vec::new();
    }
    match action {
        Action::Approve => {
            state.overlay = Some(Overlay::Confirm(Confirm {
                decision: Decision::Approve,
                seen: state.versions(&targets),
                codes: targets.clone(),
                preview: None,
                reason: None,
                override_reason: None,
                scroll: 0,
            }));
            vec![Effect::Preview {
                decision: Decision::Approve,
                codes: targets,
            }]
        }
        Action::Return => {
            let input = match state.unsaved_reason.take() {
                Some(reason) => TextInput::with_text(&reason),
                None => TextInput::single(),
            };
            open_input(
                state,
                InputPurpose::ReturnReason(state.versions(&targets)),
                input,
            );
            Vec::new()
        }
        _ => {
            if let Some(code) = state.current_code() {
                open_input(state, InputPurpose::Note(code), TextInput::multi());
            }
            Vec::new()
        }
    }
}

fn queue_view_action(state: &mut State, action: Action) -> Vec<Effect> {
    match action {
        Action::NextPane | Action::PrevPane => {
            let i = Pane::ALL
                .iter()
                .position(|p| *p == state.focus)
                .unwrap_or(0);
            let n = Pane::ALL.len();
            let j = if action == Action::NextPane {
                (i + 1) % n
            } else {
                (i + n - 1) % n
            };
            state.focus = Pane::ALL[j];
            return Vec::new();
        }
        Action::ZoomPane => {
            state.zoom = !state.zoom;
            return Vec::new();
        }
        _ => {}
    }
    let page = state.page();
    if let Some(delta) = movement(&action, page) {
        match state.focus {
            Pane::Queue => {
                state.queue.cursor = step(state.queue.cursor, state.queue.visible.len(), delta);
                return state.follow_cursor();
            }
            Pane::Detail => {
                let max = state.dossier.as_ref().map_or(0, detail_lines) as isize;
                state.detail_scroll =
                    (state.detail_scroll as isize + delta).clamp(0, (max - 1).max(0)) as usize;
            }
            Pane::Checklist => {
                let len = state.dossier.as_ref().map_or(0, |d| d.checklist.len());
                state.checklist_cursor = step(state.checklist_cursor, len, delta);
            }
            Pane::Score => {
                let len = state.dossier.as_ref().map_or(0, |d| d.score.criteria.len());
                state.score_cursor = step(state.score_cursor, len, delta);
            }
            Pane::Notes => {
                // Scrolled from the bottom: up shows older notes.
                state.notes_scroll =
                    (state.notes_scroll as isize - delta).clamp(0, 100_000) as usize;
            }
        }
        return Vec::new();
    }
    match state.focus {
        Pane::Queue => queue_pane_action(state, action),
        Pane::Checklist => checklist_action(state, action),
        Pane::Score => score_action(state, action),
        Pane::Detail | Pane::Notes => Vec::new(),
    }
}

fn queue_pane_action(state: &mut State, action: Action) -> Vec<Effect> {
    let q = &mut state.queue;
    match action {
        Action::ToggleMark => {
            if let Some(code) = q.current().map(|r| r.code.clone())
                && !q.marks.remove(&code)
            {
                q.marks.insert(code);
            }
            q.anchor = Some(q.cursor);
        }
        Action::MarkRange => {
            let from = q
                .anchor
                .unwrap_or(q.cursor)
                .min(q.visible.len().saturating_sub(1));
            let (a, b) = (from.min(q.cursor), from.max(q.cursor));
            for v in a..=b {
                if let Some(r) = q.visible.get(v).and_then(|&i| q.rows.get(i)) {
                    q.marks.insert(r.code.clone());
                }
            }
            q.anchor = Some(q.cursor);
        }
        Action::MarkAll => {
            for &i in &q.visible {
                q.marks.insert(q.rows[i].code.clone());
            }
        }
        Action::ClearMarks => {
            q.marks.clear();
            q.anchor = None;
        }
        Action::InvertMarks => {
            for &i in &q.visible {
                let code = &q.rows[i].code;
                if !q.marks.remove(code) {
                    q.marks.insert(code.clone());
                }
            }
            q.anchor = None;
        }
        Action::Filter => {
            // A kept filter opens with the cursor after a space: typing adds
            // a term.
            let text = if q.query.is_empty() {
                String::new()
            } else {
                format!("{} ", q.query)
            };
            let input = TextInput::with_text(&text);
            open_input(state, InputPurpose::Filter, input);
            return Vec::new();
        }
        Action::CycleStatus => {
            let now = query::qualifier_value(&q.query, "s").and_then(|v| Status::from_id(&v));
            let next = match now {
                None => Some(Status::ALL[0]),
                Some(s) => Status::ALL.iter().skip_while(|x| **x != s).nth(1).copied(),
            };
            let text = query::with_qualifier(&q.query, "s", next.map(|s| s.id()));
            return state.filter_to(&text);
        }
        Action::CycleCategory => {
            let now = query::qualifier_value(&q.query, "c").and_then(|v| Category::from_id(&v));
            let next = match now {
                None => Some(Category::ALL[0]),
                Some(c) => Category::ALL
                    .iter()
                    .skip_while(|x| **x != c)
                    .nth(1)
                    .copied(),
            };
            let text = query::with_qualifier(&q.query, "c", next.map(|c| c.id()));
            return state.filter_to(&text);
        }
        Action::CycleProvince => {
            let now = query::qualifier_value(&q.query, "p");
            let next = match &now {
                None => q.provinces.first().cloned(),
                Some(p) => q.provinces.iter().skip_while(|x| *x != p).nth(1).cloned(),
            };
            let text = query::with_qualifier(&q.query, "p", next.as_deref());
            return state.filter_to(&text);
        }
        Action::ClearFilters => return state.filter_to(""),
        Action::DefaultFilter => return state.filter_to(DEFAULT_FILTER),
        _ => {}
    }
    Vec::new()
}

fn checklist_action(state: &mut State, action: Action) -> Vec<Effect> {
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

fn score_action(state: &mut State, action: Action) -> Vec<Effect> {
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

fn ranking_action(state: &mut State, action: Action) -> Vec<Effect> {
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

fn log_action(state: &mut State, action: Action) -> Vec<Effect> {
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

fn confirm_action(state: &mut State, mut c: Confirm, action: Action) -> Vec<Effect> {
    let page = state.page();
    match action {
        Action::Cancel => return Vec::new(),
        Action::Override if c.decision == Decision::Approve => {
            if c.preview.as_ref().is_some_and(|p| !p.refused.is_empty()) {
                open_input(
                    state,
                    InputPurpose::OverrideReason(Box::new(c)),
                    TextInput::single(),
                );
                return Vec::new();
            }
        }
        Action::Confirm => {
            let Some(p) = &c.preview else {
                state.overlay = Some(Overlay::Confirm(c));
                return Vec::new();
            };
            let mut codes: Vec<String> = p.accepted.clone();
            if c.override_reason.is_some() {
                codes.extend(p.refused.iter().map(|(code, _)| code.clone()));
            }
            if codes.is_empty() {
                state.say(state.strings.nothing_to_decide.to_string(), true);
                state.overlay = Some(Overlay::Confirm(c));
                return Vec::new();
            }
            let items = codes
                .into_iter()
                .map(|code| {
                    let v = c
                        .seen
                        .iter()
                        .find(|(s, _)| *s == code)
                        .map(|(_, v)| *v)
                        .or_else(|| state.queue.row_by_code(&code).map(|r| r.version))
                        .unwrap_or(0);
                    (code, v)
                })
                .collect();
            if c.decision == Decision::Return {
                state.unsaved_reason = c.reason.clone();
            }
            return vec![Effect::Decide {
                decision: c.decision,
                items,
                reason: c.reason.clone(),
                override_reason: c.override_reason.clone(),
            }];
        }
        a => {
            if let Some(d) = movement(&a, page) {
                c.scroll = (c.scroll as isize + d).clamp(0, 10_000) as usize;
            }
        }
    }
    state.overlay = Some(Overlay::Confirm(c));
    Vec::new()
}

fn input_action(state: &mut State, mut b: InputBox, action: Action) -> Vec<Effect> {
    let before = b.input.text().to_string();
    match action {
        Action::Insert(s) | Action::Paste(s) => b.input.insert(&s),
        Action::Backspace => b.input.backspace(),
        Action::Delete => b.input.delete(),
        Action::DeleteWord => b.input.delete_word(),
        Action::CursorLeft => b.input.left(),
        Action::CursorRight => b.input.right(),
        Action::WordLeft => b.input.word_left(),
        Action::WordRight => b.input.word_right(),
        Action::LineStart => b.input.home(),
        Action::LineEnd => b.input.end(),
        Action::MoveUp => b.input.up(),
        Action::MoveDown => b.input.down(),
        Action::Newline => b.input.newline(),
        Action::Cancel => return cancel_input(state, b),
        Action::Submit => return submit_input(state, b),
        _ => {}
    }
    let changed = b.input.text() != before;
    let live_filter = b.purpose == InputPurpose::Filter;
    if changed {
        b.error = None;
    }
    if live_filter && changed {
        // A query that does not parse is shown as an error under the input;
        // the previous result stays.
        let text = b.input.text().trim_end().to_string();
        if let Err(e) = state.queue.set_query(&text) {
            b.error = Some(e);
            state.overlay = Some(Overlay::Input(b));
            return Vec::new();
        }
        // A new query shows its best match first, under the cursor.
        state.queue.to_top = true;
        state.overlay = Some(Overlay::Input(b));
        return state.refilter();
    }
    state.overlay = Some(Overlay::Input(b));
    Vec::new()
}

fn cancel_input(state: &mut State, b: InputBox) -> Vec<Effect> {
    match b.purpose {
        // Esc clears the filter: back to the default one.
        InputPurpose::Filter => state.filter_to(DEFAULT_FILTER),
        InputPurpose::OverrideReason(c) => {
            state.overlay = Some(Overlay::Confirm(*c));
            Vec::new()
        }
        _ => Vec::new(),
    }
}

fn refuse(state: &mut State, mut b: InputBox, why: String) -> Vec<Effect> {
    b.error = Some(why);
    state.overlay = Some(Overlay::Input(b));
    Vec::new()
}

fn submit_input(state: &mut State, b: InputBox) -> Vec<Effect> {
    let s = state.strings;
    let value = b.input.value();
    match b.purpose.clone() {
        InputPurpose::Filter => {
            if let Err(e) = state.queue.set_query(value.trim()) {
                return refuse(state, b, e);
            }
            state.refilter()
        }
        InputPurpose::ReturnReason(seen) => {
            if value.is_empty() {
                return refuse(state, b, s.reason_required.to_string());
            }
            let codes: Vec<String> = seen.iter().map(|(c, _)| c.clone()).collect();
            state.overlay = Some(Overlay::Confirm(Confirm {
                decision: Decision::Return,
                seen,
                codes: codes.clone(),
                preview: None,
                reason: Some(value),
                override_reason: None,
                scroll: 0,
            }));
            vec![Effect::Preview {
                decision: Decision::Return,
                codes,
            }]
        }
        InputPurpose::OverrideReason(mut c) => {
            if value.is_empty() {
                return refuse(state, b, s.reason_required.to_string());
            }
            c.override_reason = Some(value);
            state.overlay = Some(Overlay::Confirm(*c));
            Vec::new()
        }
        InputPurpose::Note(code) => {
            if value.is_empty() {
                return Vec::new();
            }
            state.unsaved_note = Some((code.clone(), value.clone()));
            vec![Effect::AddNote { code, text: value }]
        }
        InputPurpose::Points {
            code,
            criterion,
            max,
        } => match value.parse::<u32>() {
            Ok(points) if points <= max => {
                let version = state.dossier.as_ref().map_or(0, |d| d.version);
                vec![Effect::Score {
                    code,
                    criterion,
                    points,
                    version,
                }]
            }
            _ => {
                let max = max.to_string();
                refuse(
                    state,
                    b,
                    fill(s.bad_points, &[("value", &value), ("max", &max)]),
                )
            }
        },
        InputPurpose::Allocation(category) => match Vnd::parse(&value) {
            Ok(v) => {
                state.ranking.overrides.insert(category, v);
                vec![state.ranking_effect()]
            }
            Err(e) => refuse(state, b, e.to_string()),
        },
        InputPurpose::LogFilter => {
            state.log.filter = value.clone();
            vec![Effect::LoadLog { filter: value }]
        }
    }
}

#[cfg(test)]
#[path = "app_tests.rs"]
mod tests;
