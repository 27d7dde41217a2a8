//! Part of [`super`] (the application state and `update`): the queue: its rows, the one filter, marks and cursor, and the actions on it.

use super::*;

/// The filter the queue opens with, and `Esc` returns to.
pub const DEFAULT_FILTER: &str = "s:pending";

/// The default filter as the interface's language writes it (the same
/// query: `s:` takes the Vietnamese status names too).
pub fn default_filter(lang: crate::domain::Lang) -> &'static str {
    match lang {
        crate::domain::Lang::En => DEFAULT_FILTER,
        crate::domain::Lang::Vi => "tt:chờ",
    }
}

/// The queue: every row loaded, the filtered and ordered view of them, the
/// cursor and the marks. The filter is one query in the language of
/// `search.md`; the status, category and province keys write into it.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct QueueState {
    /// Every dossier of the database.
    pub rows: Vec<QueueItem>,
    /// Row indices in code order, to find a dossier's row (4 bytes a row).
    pub(super) by_code: Vec<u32>,
    /// What the filter searches in each row, prepared once per load.
    pub(super) docs: Arc<Vec<Doc>>,
    /// The docs carry the checklist state and last actor (asked for by a
    /// query that needs them; cleared by a reload).
    facts: FactsState,
    pub(super) widest_code: usize,
    /// Columns of the team's mark and assignee (0: nobody is assigned and
    /// no council disagrees; the column is left out).
    pub team_width: usize,
    /// Queues with at least this many rows are searched off the event loop
    /// ([`Effect::Search`]); smaller ones at once.
    pub inline_limit: usize,
    /// Generation of the latest search asked for.
    pub(super) generation: u64,
    /// A search is running; `visible` still shows the previous result.
    pub searching: bool,
    /// The next search result puts the cursor on the best match.
    pub(super) to_top: bool,
    /// The last query searched and the rows it matched: a longer query
    /// only searches those when that is certain to give the same result.
    pub(super) last_search: Option<(String, Vec<usize>)>,
    /// Indices into `rows` shown, in order.
    pub visible: Vec<usize>,
    /// For each row: is it in `visible`?
    pub(super) shown: Vec<bool>,
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
    pub(super) aliases: Arc<CategoryAliases>,
    /// The order of the rows shown.
    pub sort: Sort,
    /// A jump to the next failing dossier waits for the checklist states.
    pub(super) jump_when_facts: bool,
    /// Only the first screen of rows is loaded; the rest is coming.
    pub loading: bool,
    /// (decided, scored, all), see [`QueueState::progress`].
    progress: (usize, usize, usize),
}

/// The order of the queue (`o` cycles it; shown in the pane title).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Sort {
    /// Queue order (submission, then code), or best match when the filter
    /// has words.
    #[default]
    Submission,
    /// Highest score first; unscored last.
    Score,
    /// Largest national support first.
    Money,
    /// Province, then queue order.
    Province,
    /// Code.
    Code,
}

impl Sort {
    pub const ALL: [Sort; 5] = [
        Sort::Submission,
        Sort::Score,
        Sort::Money,
        Sort::Province,
        Sort::Code,
    ];

    /// The short name shown in the title in `lang` (`↓score`, `↓điểm`).
    pub fn label(self, lang: crate::domain::Lang) -> &'static str {
        match (self, lang) {
            (_, crate::domain::Lang::En) => self.id(),
            (Sort::Submission, _) => "ngày nộp",
            (Sort::Score, _) => "điểm",
            (Sort::Money, _) => "KCQG",
            (Sort::Province, _) => "tỉnh",
            (Sort::Code, _) => "mã",
        }
    }

    /// The id of the order (`score`).
    pub fn id(self) -> &'static str {
        match self {
            Sort::Submission => "submitted",
            Sort::Score => "score",
            Sort::Money => "national",
            Sort::Province => "province",
            Sort::Code => "code",
        }
    }

    fn next(self) -> Sort {
        let i = Sort::ALL.iter().position(|s| *s == self).unwrap_or(0);
        Sort::ALL[(i + 1) % Sort::ALL.len()]
    }
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
    /// An empty queue under the default filter, written in `lang`.
    pub fn new(lang: crate::domain::Lang) -> QueueState {
        let aliases = CategoryAliases::ids_only();
        let filter = default_filter(lang);
        QueueState {
            query: filter.to_string(),
            parsed: Query::parse(filter, &aliases).unwrap_or_default(),
            aliases: Arc::new(aliases),
            inline_limit: INLINE_SEARCH_ROWS,
            ..QueueState::default()
        }
    }

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
            .matches(self.docs.get(i)?, self.marks.contains(row.code()))
    }

    /// The row of a dossier code.
    pub fn row_by_code(&self, code: &str) -> Option<&QueueItem> {
        self.index_of(code).and_then(|i| self.rows.get(i))
    }

    /// The row index of a dossier code.
    pub(super) fn index_of(&self, code: &str) -> Option<usize> {
        let rows = &self.rows;
        let key = |i: &u32| rows.get(*i as usize).map_or("", |r| r.code());
        let k = self.by_code.binary_search_by(|i| key(i).cmp(code)).ok()?;
        self.by_code.get(k).map(|&i| i as usize)
    }

    /// Marked dossiers the filter hides (or that are gone).
    pub fn hidden_marks(&self) -> Vec<String> {
        self.marks
            .iter()
            .filter(|c| {
                !self
                    .index_of(c)
                    .is_some_and(|i| self.shown.get(i).copied().unwrap_or(false))
            })
            .cloned()
            .collect()
    }

    /// How far the sitting is over the whole queue: (decided, scored, all).
    /// Counted when rows arrive, not per frame.
    pub fn progress(&self) -> (usize, usize, usize) {
        self.progress
    }

    fn count_progress(&mut self) {
        let decided = self
            .rows
            .iter()
            .filter(|r| r.status != Status::Pending)
            .count();
        let scored = self.rows.iter().filter(|r| r.score.is_some()).count();
        self.progress = (decided, scored, self.rows.len());
    }

    /// Move the cursor to the next shown dossier (after the cursor, wrapping
    /// round) for which `pick` holds; false when there is none.
    pub(super) fn jump(&mut self, pick: impl Fn(&QueueItem, &Doc) -> bool) -> bool {
        let n = self.visible.len();
        for k in 1..=n {
            let v = (self.cursor + k) % n;
            let i = self.visible[v];
            if let (Some(r), Some(d)) = (self.rows.get(i), self.docs.get(i))
                && pick(r, d)
            {
                self.cursor = v;
                return true;
            }
        }
        false
    }

    /// Order `visible` by the chosen sort (stable: ties keep their order).
    fn sort_visible(&self, visible: &mut [usize]) {
        let rows = &self.rows;
        match self.sort {
            Sort::Submission => {}
            Sort::Score => {
                visible.sort_by_key(|&i| std::cmp::Reverse(rows[i].score.unwrap_or(i64::MIN)))
            }
            Sort::Money => visible.sort_by_key(|&i| std::cmp::Reverse(rows[i].national.0)),
            Sort::Province => {
                visible.sort_by_cached_key(|&i| crate::domain::collate::key(rows[i].province()))
            }
            Sort::Code => visible.sort_by(|&a, &b| rows[a].code().cmp(rows[b].code())),
        }
    }

    /// The next sort, applied.
    pub(super) fn cycle_sort(&mut self) {
        self.sort = self.sort.next();
        let landing = self.landing();
        let mut visible = std::mem::take(&mut self.visible);
        if self.sort == Sort::Submission {
            // Back to the filter's own order (queue order, or best match).
            visible.sort_unstable();
            if let Some((_, m)) = &self.last_search {
                let keep: std::collections::HashSet<usize> = visible.iter().copied().collect();
                visible = m.iter().copied().filter(|i| keep.contains(i)).collect();
            }
        }
        self.sort_visible(&mut visible);
        self.set_visible(visible);
        self.place_cursor(&landing);
    }

    /// Put the cursor on the first of `landing` shown (else keep it in range).
    fn place_cursor(&mut self, landing: &[String]) {
        let at: HashMap<&str, usize> = self
            .visible
            .iter()
            .enumerate()
            .map(|(v, &i)| (self.rows[i].code(), v))
            .collect();
        self.cursor = landing
            .iter()
            .find_map(|c| at.get(c.as_str()).copied())
            .unwrap_or(self.cursor)
            .min(self.visible.len().saturating_sub(1));
    }

    pub(super) fn set_visible(&mut self, visible: Vec<usize>) {
        self.shown = vec![false; self.rows.len()];
        for &i in &visible {
            if let Some(s) = self.shown.get_mut(i) {
                *s = true;
            }
        }
        self.visible = visible;
    }

    /// Parse `text` as the new filter; on an error the filter is left as
    /// it was and the error is returned for the input to show (in the
    /// TUI's language).
    pub(super) fn set_query(&mut self, text: &str) -> Result<(), QueryError> {
        let parsed = Query::parse(text, &self.aliases)?;
        self.query = text.to_string();
        self.parsed = parsed;
        Ok(())
    }

    /// The filter wants facts that are not loaded yet: ask once.
    pub(super) fn wants_facts(&mut self) -> bool {
        if self.parsed.needs_facts() && self.facts == FactsState::Missing {
            self.facts = FactsState::Asked;
            return true;
        }
        false
    }

    /// Put the loaded facts into the docs.
    pub(super) fn set_facts(
        &mut self,
        facts: &HashMap<String, (Option<crate::domain::checklist::Standing>, Option<String>)>,
    ) {
        let docs = Arc::make_mut(&mut self.docs);
        for (i, row) in self.rows.iter().enumerate() {
            if let (Some(doc), Some((standing, by))) = (docs.get_mut(i), facts.get(row.code())) {
                doc.standing = *standing;
                doc.last_by = by.as_deref().map(Prepared::boxed);
            }
        }
        self.facts = FactsState::Loaded;
        self.last_search = None;
    }

    /// Codes where the cursor should land, best first: its own dossier, then
    /// those that followed it (so that when it leaves the view the cursor
    /// goes to the one after it).
    pub(super) fn landing(&self) -> Vec<String> {
        self.visible
            .iter()
            .skip(self.cursor)
            .take(1000)
            .filter_map(|&i| self.rows.get(i).map(|r| r.code().to_string()))
            .collect()
    }

    /// Recompute `visible` from the filter, keeping the cursor on the same
    /// dossier when it is still shown. A query over a big queue is not
    /// searched here: the request is returned for the executor, and
    /// `visible` keeps the previous result until [`QueueState::apply_search`].
    pub(super) fn recompute(&mut self) -> Option<SearchRequest> {
        let landing = self.landing();
        self.recompute_landing(landing)
    }

    /// [`QueueState::recompute`], the cursor landing on the first of
    /// `landing` still shown.
    fn recompute_landing(&mut self, landing: Vec<String>) -> Option<SearchRequest> {
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
        let marked = marks_matter
            .then(|| Arc::new(self.marks.iter().filter_map(|c| self.index_of(c)).collect()));
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
    pub(super) fn show(&mut self, matches: Option<&[usize]>, landing: &[String]) {
        let n = self.rows.len();
        let mut visible: Vec<usize> = match matches {
            None => (0..n).collect(),
            Some(m) => m.iter().copied().filter(|&i| i < n).collect(),
        };
        self.sort_visible(&mut visible);
        self.set_visible(visible);
        if std::mem::take(&mut self.to_top) {
            self.offset = 0;
            self.cursor = 0;
        } else {
            self.place_cursor(landing);
        }
        self.anchor = None;
    }

    /// Put fresh rows of some dossiers in place (my own change to them):
    /// only those rows are prepared again; the filter runs again.
    pub(super) fn update_rows(&mut self, fresh: Vec<QueueItem>) -> Option<SearchRequest> {
        if fresh.iter().any(|r| self.index_of(r.code()).is_none()) {
            // A new dossier: the whole queue is the simplest truth.
            let mut rows = self.rows.clone();
            rows.extend(
                fresh
                    .into_iter()
                    .filter(|r| self.index_of(r.code()).is_none()),
            );
            return self.set_rows(rows);
        }
        let landing = self.landing();
        let fresh: Vec<(usize, QueueItem)> = fresh
            .into_iter()
            .filter_map(|r| self.index_of(r.code()).map(|i| (i, r)))
            .collect();
        let docs = Arc::make_mut(&mut self.docs);
        for (i, r) in fresh {
            {
                if let Some(d) = docs.get_mut(i) {
                    let (standing, by) = (d.standing, d.last_by.take());
                    *d = r.doc();
                    d.standing = standing;
                    d.last_by = by;
                }
                self.rows[i] = r;
            }
        }
        self.count_progress();
        // A change can move a dossier in or out of the filter, and its
        // checklist state may have changed: ask again if the filter needs it.
        self.last_search = None;
        self.facts = FactsState::Missing;
        self.recompute_landing(landing)
    }

    pub(super) fn set_rows(&mut self, rows: Vec<QueueItem>) -> Option<SearchRequest> {
        self.set_rows_prepared(rows, None)
    }

    /// [`QueueState::set_rows`] with what each row searches already
    /// prepared (by the store thread, off the event loop).
    pub(super) fn set_rows_prepared(
        &mut self,
        rows: Vec<QueueItem>,
        prepared: Option<Vec<Doc>>,
    ) -> Option<SearchRequest> {
        // The rows shown stay shown (by code) until the filter has run on
        // the new rows; the cursor stays on its dossier.
        let shown: Vec<String> = self
            .visible
            .iter()
            .filter_map(|&i| self.rows.get(i).map(|r| r.code().to_string()))
            .collect();
        self.last_search = None;
        self.facts = FactsState::Missing;
        // Keep the prepared texts of rows whose searched text did not change:
        // a reload after a decision then prepares nothing.
        let old: HashMap<&str, usize> = self
            .rows
            .iter()
            .enumerate()
            .map(|(i, r)| (r.code(), i))
            .collect();
        let prepared = prepared.filter(|d| d.len() == rows.len());
        let docs: Vec<Doc> = match prepared {
            Some(d) => d,
            None => rows
                .iter()
                .map(|r| match old.get(r.code()) {
                    Some(&i) if self.rows[i].same_texts(r) => {
                        let mut d = self.docs.get(i).cloned().unwrap_or_else(|| r.doc());
                        d.status = Some(r.status);
                        d.score = r.score;
                        d.standing = None;
                        d.last_by = None;
                        r.team.fill(&mut d);
                        d
                    }
                    _ => r.doc(),
                })
                .collect(),
        };
        self.docs = Arc::new(docs);
        let assignee = rows
            .iter()
            .filter_map(|r| r.team.assignee.as_deref())
            .map(unicode_width::UnicodeWidthStr::width)
            .max();
        let disputed = rows.iter().any(|r| r.team.disputed);
        self.team_width = match (assignee, disputed) {
            (Some(w), _) => 2 + w.min(8),
            (None, true) => 1,
            (None, false) => 0,
        };
        self.widest_code = rows
            .iter()
            .map(|r| unicode_width::UnicodeWidthStr::width(r.code()))
            .max()
            .unwrap_or(0);
        let provinces: std::collections::BTreeSet<&str> =
            rows.iter().map(QueueItem::province).collect();
        let mut provinces: Vec<String> = provinces.into_iter().map(str::to_string).collect();
        provinces.sort_by(|a, b| crate::domain::collate::cmp(a, b));
        self.provinces = provinces;
        let mut by_code: Vec<u32> = (0..to_u32(rows.len())).collect();
        by_code.sort_unstable_by(|&a, &b| {
            let code = |i: u32| rows.get(i as usize).map_or("", |r| r.code());
            code(a).cmp(code(b))
        });
        self.by_code = by_code;
        self.rows = rows;
        self.count_progress();
        let cursor_code = shown.get(self.cursor).cloned();
        let visible = shown.iter().filter_map(|c| self.index_of(c)).collect();
        self.set_visible(visible);
        // The cursor's dossier may have gone: the one after it then.
        let landing: Vec<String> = shown.iter().skip(self.cursor).take(1000).cloned().collect();
        self.cursor = cursor_code
            .iter()
            .chain(landing.iter())
            .find_map(|c| {
                let i = self.index_of(c)?;
                self.visible.iter().position(|&v| v == i)
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

/// Approve, return, new note: they act on the marked or the cursor's dossier
/// whichever pane is focused.
pub(super) fn queue_command(state: &mut State, action: Action) -> Vec<Effect> {
    let targets = state.targets();
    if targets.is_empty() {
        state.say(state.strings.msg_no_dossier.to_string(), true);
        return Vec::new();
    }
    match action {
        Action::Approve => state.ask_approval(targets),
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
                let mut input = TextInput::multi();
                if let Some(draft) = state.note_drafts.get(&code) {
                    input.insert(draft);
                }
                open_input(state, InputPurpose::Note(code), input);
            }
            Vec::new()
        }
    }
}

pub(super) fn queue_view_action(state: &mut State, action: Action) -> Vec<Effect> {
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
        // From any pane: the filter is the queue's, and the keys typed
        // after it must not land in the pane (seen: `/` in the score pane
        // did nothing and the `-` typed next took points off).
        Action::Filter if state.focus != Pane::Queue => {
            state.focus = Pane::Queue;
            state.zoom = false;
        }
        _ => {}
    }
    let page = state.page();
    if let Some(delta) = movement(&action, page) {
        match state.focus {
            Pane::Queue => {
                state.queue.cursor = step(state.queue.cursor, state.queue.visible.len(), delta);
                return state.follow_cursor_keyed();
            }
            Pane::Detail => {
                // No further than the last page the pane shows (End then Up
                // moves from there).
                let max = state.dossier.as_ref().map_or(0, detail_lines);
                let room = state.detail_room.get().min(max.saturating_sub(1)) as isize;
                state.detail_scroll =
                    (state.detail_scroll as isize + delta).clamp(0, room) as usize;
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
        Pane::Notes if action == Action::OpenEntry => {
            state.overlay = notes_overlay(state);
            Vec::new()
        }
        Pane::Detail | Pane::Notes => Vec::new(),
    }
}

pub(super) fn queue_pane_action(state: &mut State, action: Action) -> Vec<Effect> {
    let q = &mut state.queue;
    match action {
        Action::ToggleMark => {
            if let Some(code) = q.current().map(|r| r.code().to_string())
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
                    q.marks.insert(r.code().to_string());
                }
            }
            q.anchor = Some(q.cursor);
        }
        Action::MarkAll => {
            for &i in &q.visible {
                q.marks.insert(q.rows[i].code().to_string());
            }
        }
        Action::ClearMarks => {
            q.marks.clear();
            q.anchor = None;
        }
        Action::InvertMarks => {
            for &i in &q.visible {
                let code = q.rows[i].code();
                if !q.marks.remove(code) {
                    q.marks.insert(code.to_string());
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
            let lang = state.strings.lang;
            let now = query::qualifier_value(&q.query, "s").and_then(|v| query::status_named(&v));
            let next = match now {
                None => Some(Status::ALL[0]),
                Some(s) => Status::ALL.iter().skip_while(|x| **x != s).nth(1).copied(),
            };
            let text = query::with_qualifier(
                &q.query,
                query::qualifier_word("s", lang),
                next.map(|s| query::status_word(s, lang)),
            );
            return state.filter_to(&text);
        }
        Action::CycleCategory => {
            let lang = state.strings.lang;
            let now = query::qualifier_value(&q.query, "c").and_then(|v| q.aliases.resolve(&v));
            let next = match now {
                None => Some(Category::ALL[0]),
                Some(c) => Category::ALL
                    .iter()
                    .skip_while(|x| **x != c)
                    .nth(1)
                    .copied(),
            };
            // Vietnamese names the category as people do (`c:` reads
            // its names as well as its id).
            let written = next.map(|c| match lang {
                crate::domain::Lang::En => c.id(),
                crate::domain::Lang::Vi => c.label(lang),
            });
            let text = query::with_qualifier(&q.query, query::qualifier_word("c", lang), written);
            return state.filter_to(&text);
        }
        Action::CycleProvince => {
            let lang = state.strings.lang;
            let now = query::qualifier_value(&q.query, "p");
            let next = match &now {
                None => q.provinces.first().cloned(),
                Some(p) => q.provinces.iter().skip_while(|x| *x != p).nth(1).cloned(),
            };
            let text =
                query::with_qualifier(&q.query, query::qualifier_word("p", lang), next.as_deref());
            return state.filter_to(&text);
        }
        Action::CycleSort => q.cycle_sort(),
        Action::NextUndecided => {
            if !q.jump(|r, _| r.status == Status::Pending) {
                state.say(state.strings.msg_none_left.to_string(), false);
            }
            return state.follow_cursor();
        }
        Action::NextUnscored => {
            if !q.jump(|r, _| r.score.is_none()) {
                state.say(state.strings.msg_none_left.to_string(), false);
            }
            return state.follow_cursor();
        }
        Action::NextFailing => {
            if q.facts != FactsState::Loaded {
                // Jump once the checklist states are in.
                q.jump_when_facts = true;
                if q.facts == FactsState::Missing {
                    q.facts = FactsState::Asked;
                    return vec![Effect::LoadFacts];
                }
                return Vec::new();
            }
            if !q.jump(|_, d| {
                d.standing
                    .is_some_and(|s| s != crate::domain::checklist::Standing::Ok)
            }) {
                state.say(state.strings.msg_none_left.to_string(), false);
            }
            return state.follow_cursor();
        }
        Action::NextMatch => return next_match(state, 1),
        Action::PrevMatch => return next_match(state, -1),
        Action::ClearFilters => return state.filter_to(""),
        Action::DefaultFilter => return state.filter_to(default_filter(state.strings.lang)),
        _ => {}
    }
    Vec::new()
}

/// A row index as stored in [`QueueState::by_code`] (a queue never holds
/// four billion rows; saturates rather than wraps).
fn to_u32(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}
