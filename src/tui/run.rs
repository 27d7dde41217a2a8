//! The event loop and the terminal guard.
//!
//! Terminal events and a one-second poll tick become actions; actions go
//! through `update`; effects through the [`StoreBackend`]; the screen is
//! redrawn only when the state is dirty, inside synchronized output. Between
//! events the loop sleeps in `crossterm::event::poll` (no busy loop). The
//! terminal is restored on quit, on error (the guard's `Drop`), on panic
//! (hook) and on SIGTERM/SIGHUP/SIGINT (see [`watch_signals`]);
//! Ctrl-Z restores it, stops the process, and takes the screen back.

use crate::domain::rules::Rules;
use crate::store::{Actor, Store};
use crate::tui::action::Action;
use crate::tui::action::Loaded;
use crate::tui::app::{Effect, Look, SearchRequest, State, update};
use crate::tui::backend::StoreBackend;
use crate::tui::keymap::{KeyPress, Keymap, Lookup, Mode};
use crate::tui::strings::{EN, for_lang};
use crate::tui::view;
use anyhow::Context;
use chrono::NaiveDate;
use crossterm::event::{
    self, DisableBracketedPaste, EnableBracketedPaste, Event, KeyCode, KeyEventKind, KeyModifiers,
};
use crossterm::execute;
use crossterm::terminal::{BeginSynchronizedUpdate, EndSynchronizedUpdate};
use ratatui::DefaultTerminal;
use std::collections::VecDeque;
use std::io::stdout;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{self, Receiver, Sender};
use std::time::{Duration, Instant};

/// How the TUI is started.
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// Borders and glyphs in ASCII (`--ascii`).
    pub ascii: bool,
    /// Never use colours (in addition to `NO_COLOR`).
    pub no_color: bool,
    /// `--keymap NAME|PATH` (`None`: the shipped default).
    pub keymap: Option<String>,
    /// The user's override file (`$XDG_CONFIG_HOME/thamdinh/keymap.toml`
    /// when it exists; `None` in tests unless they give one).
    pub user_keymap: Option<std::path::PathBuf>,
    /// Day the checklists are evaluated on (`None`: today).
    pub as_of: Option<NaiveDate>,
    /// Interface language (`vi` or `en`). `None`: English in a [`Session`];
    /// `run` then looks at `THAMDINH_LANG`, then `LC_ALL`/`LANG`.
    pub lang: Option<String>,
    /// Where the report and letters are written, with the data folder of
    /// their texts and the database they may not overwrite.
    pub papers: crate::tui::backend::PaperPlace,
}

/// The poll interval for other appraisers' changes.
const TICK: Duration = Duration::from_secs(1);
/// How often the loop wakes to look at termination signals when idle.
const WAKE: Duration = Duration::from_millis(250);
/// How long the keys must stop before the cursor's dossier is loaded
/// (holding a key down then redraws only the queue's rows).
const DETAIL_QUIET: Duration = Duration::from_millis(60);
/// How often the loop looks for a search or store result while one is
/// running.
const SEARCH_WAKE: Duration = Duration::from_millis(5);

/// True when colours are allowed: `NO_COLOR` unset or empty.
pub fn colour_allowed() -> bool {
    std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
}

/// True when this terminal gets ASCII borders and glyphs whatever
/// `--ascii` says ([`view::theme::wants_ascii`] on `TERM` and the locale).
/// Windows consoles have no POSIX locale: there only `TERM=dumb` counts.
fn ascii_terminal() -> bool {
    let var = |k: &str| std::env::var_os(k).map(|v| v.to_string_lossy().into_owned());
    let term = var("TERM");
    if cfg!(unix) {
        view::theme::wants_ascii(
            term.as_deref(),
            var("LC_ALL").as_deref(),
            var("LC_CTYPE").as_deref(),
            var("LANG").as_deref(),
        )
    } else {
        view::theme::wants_ascii(term.as_deref(), None, None, Some("UTF-8"))
    }
}

/// How long the event loop has, after SIGHUP/SIGTERM/SIGINT, to stop by
/// itself before the signal thread ends the process.
const SIGNAL_GRACE: Duration = Duration::from_millis(1500);

/// On SIGHUP (an SSH session dropping), SIGTERM or SIGINT: set `stop`, which
/// the event loop checks on every wake-up, and give it [`SIGNAL_GRACE`] to
/// restore the terminal and return. If it has not by then, the process ends
/// here: when the terminal hangs up, crossterm's reader can spin on
/// end-of-file inside `event::poll` and never give control back, which
/// would otherwise leave a process burning a core on the shared server.
/// Every write is its own SQLite transaction, so ending mid-write rolls that
/// write back whole; nothing committed is lost.
fn watch_signals(stop: Arc<AtomicBool>) -> anyhow::Result<()> {
    use signal_hook::consts::{SIGHUP, SIGINT, SIGTERM};
    let mut signals = signal_hook::iterator::Signals::new([SIGHUP, SIGTERM, SIGINT])
        .context("installing signal handlers")?;
    std::thread::Builder::new()
        .name("signals".into())
        .spawn(move || {
            if let Some(sig) = signals.forever().next() {
                stop.store(true, Ordering::SeqCst);
                std::thread::sleep(SIGNAL_GRACE);
                // Still running: the loop is stuck on a dead terminal.
                let _ = execute!(stdout(), DisableBracketedPaste, crossterm::cursor::Show);
                ratatui::restore();
                std::process::exit(128 + sig);
            }
        })
        .context("starting the signal thread")?;
    Ok(())
}

/// Open the TUI on `store` for `actor` and run it until the user quits.
pub fn run(store: Store, rules: Rules, actor: Actor, options: Options) -> anyhow::Result<()> {
    let stop = Arc::new(AtomicBool::new(false));
    watch_signals(Arc::clone(&stop))?;
    // Everything that can fail on bad input (the keymap) fails before the
    // terminal is taken.
    let mut options = options;
    if options.lang.is_none() {
        options.lang = Some(crate::domain::Lang::from_env(None).id().to_string());
    }
    options.ascii = options.ascii || ascii_terminal();
    let mut app = Session::new(store, rules, actor, &options, (80, 24))?;
    app.spawn_worker()?;
    app.state.debounce_detail = true;
    let mut guard = TerminalGuard::new()?;
    let size = guard.terminal.size()?;
    app.dispatch(Action::Resize(size.width, size.height));
    app.start();
    let mut last_tick = Instant::now();
    // When the keys of an unfinished chord started waiting.
    let mut chord_since: Option<Instant> = None;
    loop {
        if app.state.dirty {
            guard.draw(&app.state)?;
            app.state.dirty = false;
        }
        if app.state.quit {
            break;
        }
        if stop.load(Ordering::Relaxed) {
            // A hang-up or a kill: what is pending (a run of score presses)
            // is written on the way out, as `quit` does.
            app.dispatch(Action::Quit);
            break;
        }
        let until_tick = TICK.saturating_sub(last_tick.elapsed());
        let chord_left = chord_since
            .filter(|_| !app.state.which_key)
            .map(|t| CHORD_PAUSE.saturating_sub(t.elapsed()));
        let wake = if app.state.queue.searching || app.working() {
            SEARCH_WAKE
        } else if app.state.dossier_due.is_some() {
            DETAIL_QUIET
        } else {
            WAKE
        };
        let mut keyed = false;
        let wait = chord_left.map_or(wake, |c| c.min(wake));
        if event::poll(until_tick.min(wait))? {
            keyed = true;
            // Drain what is waiting, then draw once (render coalescing).
            loop {
                if let Some(Action::Suspend) = app.event(event::read()?) {
                    guard.suspend()?;
                    app.state.dirty = true;
                }
                if app.state.quit || !event::poll(Duration::ZERO)? {
                    break;
                }
            }
        }
        // The keys stopped (a poll went by without one): load the dossier.
        if !keyed && app.state.dossier_due.is_some() {
            app.dispatch(Action::SettleDetail);
        }
        if app.state.chord.is_empty() {
            chord_since = None;
        } else if keyed || chord_since.is_none() {
            chord_since.get_or_insert_with(Instant::now);
        }
        if !app.state.which_key && chord_since.is_some_and(|t| t.elapsed() >= CHORD_PAUSE) {
            app.chord_pause();
        }
        app.collect();
        if last_tick.elapsed() >= TICK {
            last_tick = Instant::now();
            app.dispatch(Action::Tick);
        }
    }
    // What was sent to the store (a note, a decision) is written first.
    app.finish(Duration::from_secs(10));
    guard.restore();
    Ok(())
}

/// The application without a terminal: the state, the effect executor and
/// the keys of an unfinished chord. The run loop feeds it terminal events;
/// tests feed it keys and render it into a `TestBackend`.
/// The keys of an unfinished chord are in [`State::chord`].
pub struct Session {
    /// The state the views draw.
    pub state: State,
    executor: Executor,
    searcher: Searcher,
}

/// Where effects run: here, at once (tests drawing into a `TestBackend`),
/// or on the store's worker thread (the terminal loop: the UI thread never
/// waits on the database).
enum Executor {
    Inline(Box<StoreBackend>),
    Worker(Worker),
}

/// A thread that owns the store connection and runs every effect but
/// searches, in order; the actions each effect yields come back over a
/// channel and are applied by the event loop between key presses.
struct Worker {
    requests: Sender<Effect>,
    results: Receiver<Vec<Action>>,
    /// Effects sent whose results have not come back yet.
    in_flight: usize,
    /// When the oldest of them was sent (for the busy indicator).
    since: Option<Instant>,
    /// Told when the store thread has ended (its backend dropped).
    ended: Receiver<()>,
}

/// On quit: end the store thread and give it a moment to drop its
/// backend, which takes this session's presence off the others' screens
/// at once (a session that dies is gone when its heartbeat expires).
impl Drop for Worker {
    fn drop(&mut self) {
        let (closed, _) = mpsc::channel();
        drop(std::mem::replace(&mut self.requests, closed));
        let _ = self.ended.recv_timeout(Duration::from_secs(1));
    }
}

/// A result taking longer than this shows the busy indicator.
const BUSY_AFTER: Duration = Duration::from_millis(200);

impl Worker {
    fn spawn(mut backend: StoreBackend) -> anyhow::Result<Worker> {
        let (requests, inbox) = mpsc::channel::<Effect>();
        let (outbox, results) = mpsc::channel::<Vec<Action>>();
        let (end, ended) = mpsc::channel::<()>();
        std::thread::Builder::new()
            .name("store".into())
            .spawn(move || {
                while let Ok(effect) = inbox.recv() {
                    if outbox.send(backend.execute(effect)).is_err() {
                        break;
                    }
                }
                drop(backend);
                let _ = end.send(());
            })
            .context("starting the store thread")?;
        Ok(Worker {
            requests,
            results,
            in_flight: 0,
            since: None,
            ended,
        })
    }

    fn send(&mut self, effect: Effect) -> Vec<Action> {
        match self.requests.send(effect) {
            Ok(()) => {
                self.in_flight += 1;
                self.since.get_or_insert_with(Instant::now);
                Vec::new()
            }
            // The thread is gone (it cannot panic on data, but be sure):
            // say so instead of waiting for an answer that never comes.
            Err(_) => vec![Action::Failed("the database thread stopped".into())],
        }
    }

    fn received(&mut self) {
        self.in_flight = self.in_flight.saturating_sub(1);
        self.since = (self.in_flight > 0).then(Instant::now);
    }
}

/// A thread that runs queue searches too big for the event loop. Requests
/// queued behind a newer one are skipped: only the latest query matters.
struct Searcher {
    requests: Sender<SearchRequest>,
    results: Receiver<Loaded>,
}

impl Searcher {
    fn spawn() -> Searcher {
        let (requests, inbox) = mpsc::channel::<SearchRequest>();
        let (outbox, results) = mpsc::channel::<Loaded>();
        std::thread::spawn(move || {
            while let Ok(mut r) = inbox.recv() {
                while let Ok(newer) = inbox.try_recv() {
                    r = newer;
                }
                let (matches, fuzzy) = r.run();
                let done = Loaded::Searched {
                    generation: r.generation,
                    query: r.query,
                    matches,
                    fuzzy,
                };
                if outbox.send(done).is_err() {
                    break;
                }
            }
        });
        Searcher { requests, results }
    }
}

impl Session {
    /// A session on `store` for `actor`, drawn for a terminal of `size`.
    pub fn new(
        store: Store,
        rules: Rules,
        actor: Actor,
        options: &Options,
        size: (u16, u16),
    ) -> anyhow::Result<Session> {
        let loaded = Keymap::load(options.keymap.as_deref(), options.user_keymap.as_deref())
            .map_err(anyhow::Error::msg)?;
        let as_of = options
            .as_of
            .unwrap_or_else(|| chrono::Local::now().date_naive());
        let strings = options.lang.as_deref().map_or(&EN, for_lang);
        let mut state = State::new(strings, loaded.keymap, &actor.user, size);
        state.keymap_warnings(&loaded.warnings);
        state.set_aliases(rules.aliases().clone());
        state.look = Look {
            color: !options.no_color && colour_allowed(),
            ascii: options.ascii,
        };
        Ok(Session {
            state,
            executor: Executor::Inline(Box::new(
                StoreBackend::new(store, rules, actor, as_of)
                    .speaking(strings.lang)
                    .papers_to(options.papers.clone()),
            )),
            searcher: Searcher::spawn(),
        })
    }

    /// Move the store to its own thread: from now on effects run there and
    /// their results come back through [`Session::collect`].
    pub fn spawn_worker(&mut self) -> anyhow::Result<()> {
        let placeholder = Executor::Worker(Worker {
            requests: mpsc::channel().0,
            results: mpsc::channel().1,
            in_flight: 0,
            since: None,
            ended: mpsc::channel().1,
        });
        if let Executor::Inline(backend) = std::mem::replace(&mut self.executor, placeholder) {
            self.executor = Executor::Worker(Worker::spawn(*backend)?);
        }
        Ok(())
    }

    /// True while effects sent to the store thread have not answered.
    pub fn working(&self) -> bool {
        matches!(&self.executor, Executor::Worker(w) if w.in_flight > 0)
    }

    /// Apply the results that are ready, store and search (never waits),
    /// and keep the busy indicator true to what is running.
    pub fn collect(&mut self) {
        loop {
            let got = match &mut self.executor {
                Executor::Worker(w) => match w.results.try_recv() {
                    Ok(actions) => {
                        w.received();
                        Some(actions)
                    }
                    Err(_) => None,
                },
                Executor::Inline(_) => None,
            };
            let Some(actions) = got else { break };
            for a in actions {
                self.dispatch(a);
            }
        }
        self.collect_searches();
        let busy = match &self.executor {
            Executor::Worker(w) => w.since.is_some_and(|t| t.elapsed() >= BUSY_AFTER),
            Executor::Inline(_) => false,
        };
        if busy != self.state.busy {
            self.state.busy = busy;
            self.state.dirty = true;
        }
    }

    /// Wait (at most `limit`) for the store thread to finish what it was
    /// given: a note or decision sent just before quitting is written,
    /// never cut off. Results are dropped: the application is ending.
    pub fn finish(&mut self, limit: Duration) {
        let start = Instant::now();
        if let Executor::Worker(w) = &mut self.executor {
            while w.in_flight > 0 {
                let left = limit.saturating_sub(start.elapsed());
                if left.is_zero() || w.results.recv_timeout(left).is_err() {
                    break;
                }
                w.received();
            }
        }
    }

    /// Load the first data.
    pub fn start(&mut self) {
        let fx = self.state.start();
        self.effects(fx);
    }

    /// Run effects until no more come back; searches go to the search
    /// thread (their results come back through [`Session::collect_searches`]).
    fn effects(&mut self, fx: Vec<Effect>) {
        let mut queue: VecDeque<Effect> = fx.into();
        while let Some(e) = queue.pop_front() {
            let e = match e {
                Effect::Search(r) => match self.searcher.requests.send(r) {
                    Ok(()) => continue,
                    // The search thread is gone: the store's executor
                    // searches instead.
                    Err(mpsc::SendError(r)) => Effect::Search(r),
                },
                e => e,
            };
            let actions = match &mut self.executor {
                Executor::Inline(backend) => backend.execute(e),
                Executor::Worker(w) => w.send(e),
            };
            for a in actions {
                queue.extend(update(&mut self.state, a));
            }
        }
    }

    /// Apply the search results that are ready (never waits).
    pub fn collect_searches(&mut self) {
        while let Ok(l) = self.searcher.results.try_recv() {
            self.dispatch(Action::Loaded(Box::new(l)));
        }
    }

    /// Wait until no search and no store work is running (tests).
    pub fn settle(&mut self) {
        let start = Instant::now();
        while (self.state.queue.searching || self.working())
            && start.elapsed() < Duration::from_secs(30)
        {
            if self.state.queue.searching
                && let Ok(l) = self.searcher.results.recv_timeout(Duration::from_millis(5))
            {
                self.dispatch(Action::Loaded(Box::new(l)));
            }
            if self.working() {
                std::thread::sleep(Duration::from_millis(1));
            }
            self.collect();
        }
    }

    /// Apply one action and everything it causes.
    pub fn dispatch(&mut self, action: Action) {
        let fx = update(&mut self.state, action);
        self.effects(fx);
    }

    /// Handle one terminal event; returns `Suspend` for the loop to act on.
    pub fn event(&mut self, e: Event) -> Option<Action> {
        match e {
            Event::Key(k) if k.kind != KeyEventKind::Release => {
                return self.key(KeyPress::from_event(&k));
            }
            Event::Paste(s) => self.dispatch(Action::Paste(s)),
            Event::Resize(w, h) => self.dispatch(Action::Resize(w, h)),
            _ => {}
        }
        None
    }

    /// Handle one key press as the keymap says; returns `Suspend` for the
    /// loop to act on.
    pub fn key(&mut self, key: KeyPress) -> Option<Action> {
        for a in self.keys(key) {
            if a == Action::Suspend {
                return Some(a);
            }
            self.dispatch(a);
        }
        std::mem::take(&mut self.state.suspend).then_some(Action::Suspend)
    }

    /// Type text as key presses (`<Enter>`-style names are not parsed).
    pub fn type_text(&mut self, text: &str) {
        for c in text.chars() {
            self.key(KeyPress::new(KeyCode::Char(c), KeyModifiers::NONE));
        }
    }

    /// The actions a key press means, given the chord typed so far (kept
    /// in the state: the status bar shows it, which-key what may follow).
    fn keys(&mut self, key: KeyPress) -> Vec<Action> {
        let mode = self.state.mode();
        let mut keys = std::mem::take(&mut self.state.chord);
        let was_chord = !keys.is_empty();
        keys.push(key);
        let out = match self.state.keymap.lookup(mode, &keys) {
            Lookup::Actions(a) => a,
            Lookup::Pending => {
                self.state.chord = keys;
                Vec::new()
            }
            // Esc after a prefix only forgets the prefix.
            Lookup::Unbound if was_chord && key.code == KeyCode::Esc => Vec::new(),
            Lookup::Unbound if was_chord => return self.keys(key),
            Lookup::Unbound => typed(mode, key)
                .map(|s| vec![Action::Insert(s)])
                .unwrap_or_default(),
        };
        if was_chord || !self.state.chord.is_empty() {
            // The status bar shows the chord, or stops showing it.
            self.state.which_key = false;
            self.state.dirty = true;
        }
        out
    }

    /// The chord's prefix has waited [`CHORD_PAUSE`]: show what may follow.
    pub fn chord_pause(&mut self) {
        self.dispatch(Action::ChordPause);
    }
}

/// How long a chord's prefix waits before which-key shows what may follow.
pub const CHORD_PAUSE: Duration = Duration::from_millis(500);

/// Text typed into an input, the palette's query or the help's filter: a
/// character without Control or Alt.
fn typed(mode: Mode, key: KeyPress) -> Option<String> {
    if !matches!(mode, Mode::Input | Mode::Palette | Mode::Help) {
        return None;
    }
    match key.code {
        KeyCode::Char(c)
            if !key
                .mods
                .intersects(KeyModifiers::CONTROL | KeyModifiers::ALT) =>
        {
            Some(c.to_string())
        }
        _ => None,
    }
}

/// Owns the terminal while the TUI runs; restores it when dropped.
struct TerminalGuard {
    terminal: DefaultTerminal,
    active: bool,
}

impl TerminalGuard {
    fn new() -> anyhow::Result<TerminalGuard> {
        // ratatui's init installs a panic hook that restores the terminal;
        // ours wraps it to switch bracketed paste off first.
        let terminal = ratatui::try_init().context("cannot set up the terminal")?;
        let previous = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            let _ = execute!(stdout(), DisableBracketedPaste, crossterm::cursor::Show);
            previous(info);
        }));
        let mut g = TerminalGuard {
            terminal,
            active: true,
        };
        execute!(stdout(), EnableBracketedPaste)?;
        g.terminal.hide_cursor()?;
        Ok(g)
    }

    fn draw(&mut self, state: &State) -> anyhow::Result<()> {
        execute!(self.terminal.backend_mut(), BeginSynchronizedUpdate)?;
        let drawn = self.terminal.draw(|f| view::render(state, f)).map(|_| ());
        execute!(self.terminal.backend_mut(), EndSynchronizedUpdate)?;
        Ok(drawn?)
    }

    fn restore(&mut self) {
        if self.active {
            let _ = execute!(stdout(), DisableBracketedPaste, crossterm::cursor::Show);
            ratatui::restore();
            self.active = false;
        }
    }

    /// Ctrl-Z: give the terminal back, stop, and take it again on resume.
    fn suspend(&mut self) -> anyhow::Result<()> {
        self.restore();
        #[cfg(unix)]
        signal_hook::low_level::raise(signal_hook::consts::SIGTSTP)?;
        crossterm::terminal::enable_raw_mode()?;
        execute!(
            stdout(),
            crossterm::terminal::EnterAlternateScreen,
            EnableBracketedPaste
        )?;
        self.active = true;
        // Redraw everything. (`Terminal::clear` would ask the terminal for
        // the cursor position, which a slow link may not answer in time.)
        let size = self.terminal.size()?;
        self.terminal
            .resize(ratatui::layout::Rect::new(0, 0, size.width, size.height))?;
        self.terminal.hide_cursor()?;
        Ok(())
    }
}

impl Drop for TerminalGuard {
    fn drop(&mut self) {
        self.restore();
    }
}
