//! Headless commands: one file per command; each is thin (parse → call
//! `ops`/`store` → print). `cli.md` is the contract.

pub mod args;
mod decide;
mod demo;
mod export;
mod help_vi;
mod import;
mod keymap;
mod list;
mod log;
mod maintenance;
mod papers;
mod rank;
mod show;
pub mod table;
mod template;
mod work;

use crate::domain::lang::Lang;
use crate::domain::rules::Rules;
use crate::ops::OpError;
use crate::output::stdout::{OutError, Stdout};
use crate::store::{Access, Actor, Store};
use args::{Cli, Command};
use chrono::NaiveDate;

/// Exit codes of `cli.md`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Exit {
    /// 0: success.
    Success = 0,
    /// 1: failure, nothing was changed.
    Failure = 1,
    /// 2: usage error.
    Usage = 2,
    /// 3: partial success (some records or dossiers refused).
    Partial = 3,
}

/// An error of a command, printed as `error: …` lines, with its exit code.
#[derive(Debug)]
pub struct Failure {
    pub exit: Exit,
    pub message: String,
}

impl Failure {
    pub fn usage(message: impl Into<String>) -> Failure {
        Failure {
            exit: Exit::Usage,
            message: message.into(),
        }
    }

    pub fn failed(message: impl Into<String>) -> Failure {
        Failure {
            exit: Exit::Failure,
            message: message.into(),
        }
    }
}

impl From<OpError> for Failure {
    fn from(e: OpError) -> Failure {
        Failure::failed(e.message(message_lang()))
    }
}

impl From<crate::store::StoreError> for Failure {
    fn from(e: crate::store::StoreError) -> Failure {
        Failure::failed(e.message(message_lang()))
    }
}

thread_local! {
    /// The language of this command's messages, errors included: set by
    /// [`lang_of`] from `--lang` and the environment.
    static MESSAGE_LANG: std::cell::Cell<Lang> = const { std::cell::Cell::new(Lang::En) };
}

/// The language errors are written in.
fn message_lang() -> Lang {
    MESSAGE_LANG.with(std::cell::Cell::get)
}

/// The confirmation of an export, in the message language.
fn exported(n: usize, path: &std::path::Path) -> String {
    match message_lang() {
        Lang::En => format!("exported {n} dossiers to {}", path.display()),
        Lang::Vi => format!("đã xuất {n} hồ sơ ra {}", path.display()),
    }
}

impl From<std::io::Error> for Failure {
    fn from(e: std::io::Error) -> Failure {
        Failure::failed(e.to_string())
    }
}

/// An output error: a broken pipe ends the command quietly with success
/// (the reader wanted no more, as with Unix tools); any other is an error.
impl From<OutError> for Failure {
    fn from(e: OutError) -> Failure {
        match e {
            OutError::BrokenPipe => Failure {
                exit: Exit::Success,
                message: String::new(),
            },
            OutError::Io(_) => Failure::failed(e.to_string()),
        }
    }
}

/// Print the report of a command that has already committed its change:
/// an output error then says that the change was saved all the same.
pub fn report_saved(
    saved: &str,
    print: impl FnOnce(&mut Stdout) -> Result<(), OutError>,
) -> Result<(), Failure> {
    let mut out = Stdout::new();
    match print(&mut out).and_then(|()| out.flush()) {
        Ok(()) => Ok(()),
        Err(e) => {
            let mut f = Failure::from(e);
            if !f.message.is_empty() {
                f.message = format!("{} ({saved}; only this report was not written)", f.message);
            }
            Err(f)
        }
    }
}

/// Print a command's output (nothing was changed).
pub fn report(print: impl FnOnce(&mut Stdout) -> Result<(), OutError>) -> Result<(), Failure> {
    let mut out = Stdout::new();
    print(&mut out)?;
    out.flush()?;
    Ok(())
}

/// `writeln!` to a [`Stdout`], returning its error.
#[macro_export]
macro_rules! outln {
    ($out:expr) => {
        $out.line(format_args!(""))
    };
    ($out:expr, $($arg:tt)*) => {
        $out.line(format_args!($($arg)*))
    };
}

/// What every command works with.
pub struct Ctx {
    pub store: Store,
    /// Where the database is (no output file may be written onto it).
    pub db_path: std::path::PathBuf,
    pub rules: Rules,
    pub actor: Actor,
    /// The language of tables, texts and messages.
    pub lang: Lang,
}

impl Ctx {
    /// The dossier code a person typed, as stored (see
    /// [`Store::code_named`]: `kc24-gl-007` names `KC24-GL-007`).
    pub fn code(&self, typed: &str) -> Result<String, Failure> {
        Ok(self.store.code_named(typed)?)
    }

    /// The codes typed, as stored, the empty ones left out.
    pub fn codes(&self, typed: &[String]) -> Result<Vec<String>, Failure> {
        typed
            .iter()
            .filter(|c| !c.trim().is_empty())
            .map(|c| self.code(c))
            .collect()
    }
}

pub type CmdResult = Result<Exit, Failure>;

/// Run the parsed command line; returns the process exit code.
pub fn run(cli: Cli) -> i32 {
    // Messages follow the language from the start (the `error:` prefix
    // stays: scripts read it, cli.md).
    lang_of(&cli);
    match dispatch(cli) {
        Ok(exit) => exit as i32,
        Err(f) => {
            for line in f.message.lines() {
                crate::errln!("error: {line}");
            }
            f.exit as i32
        }
    }
}

/// The default data folder, created for its owner only.
fn create_private_dir(dir: &std::path::Path) -> std::io::Result<()> {
    let mut b = std::fs::DirBuilder::new();
    b.recursive(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::DirBuilderExt;
        b.mode(0o700);
    }
    b.create(dir)
}

/// Dossiers hold names and money of real establishments: a database that
/// every user of the server can read deserves a warning (not a refusal).
fn warn_if_world_readable(path: &std::path::Path) {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        if let Ok(meta) = std::fs::metadata(path) {
            let mode = meta.permissions().mode() & 0o777;
            if mode & 0o004 != 0 {
                crate::errln!(
                    "warning: {} is readable by every user of this machine (mode {mode:04o}); \
                     chmod o-rwx {} keeps it to its owner and group",
                    path.display(),
                    path.display()
                );
            }
        }
    }
}

fn load_rules(cli: &Cli) -> Result<Rules, Failure> {
    let dir = crate::config::data_dir(cli.data.clone());
    crate::data_files::load(dir.as_deref()).map_err(|e| Failure::failed(e.to_string()))
}

/// Open the database for a command that writes.
fn open(cli: &Cli) -> Result<Ctx, Failure> {
    open_with(cli, Access::ReadWrite)
}

/// Open the database for a command that only reads: it works for a user
/// who may only read the file, and changes nothing on disk.
fn open_ro(cli: &Cli) -> Result<Ctx, Failure> {
    open_with(cli, Access::ReadOnly)
}

fn open_with(cli: &Cli, access: Access) -> Result<Ctx, Failure> {
    let rules = load_rules(cli)?;
    let (path, default) = crate::config::db_location(cli.db.clone());
    // A database is created on first use, by a reader too (it then lists
    // nothing); only an existing one is opened read-only.
    let access = if path.exists() {
        access
    } else {
        Access::ReadWrite
    };
    let named = |e: String| Failure::failed(format!("{}: {e}", path.display()));
    match path.parent().filter(|p| !p.as_os_str().is_empty()) {
        Some(dir) if !dir.is_dir() => {
            if default {
                create_private_dir(dir).map_err(|e| {
                    Failure::failed(format!("{}: cannot create the folder: {e}", dir.display()))
                })?;
            } else {
                return Err(named(format!(
                    "the folder {} does not exist (an explicit --db or $THAMDINH_DB path is never created)",
                    dir.display()
                )));
            }
        }
        _ => {}
    }
    let store = match Store::open_with(&path, access) {
        // An older schema: a reader who may write brings it up to date
        // (migrations only add); one who may not is told who can.
        Err(e @ crate::store::StoreError::NeedsUpgrade { .. }) => {
            Store::open_with(&path, Access::ReadWrite).map_err(|_| named(e.to_string()))?
        }
        other => other.map_err(|e| named(e.to_string()))?,
    };
    warn_if_world_readable(&path);
    let mut store = store;
    let actor = Actor::new(cli.user.as_deref());
    crate::ops::team::use_council(&mut store, &rules, &actor).map_err(|e| named(e.to_string()))?;
    Ok(Ctx {
        store,
        db_path: path,
        rules,
        actor,
        lang: lang_of(cli),
    })
}

/// The language chosen by `--lang`, else the environment.
pub fn lang_of(cli: &Cli) -> Lang {
    let lang = Lang::from_env(cli.lang.as_deref());
    MESSAGE_LANG.with(|l| l.set(lang));
    lang
}

/// `--as-of DATE`, default today.
pub fn as_of(flag: Option<&str>) -> Result<NaiveDate, Failure> {
    match flag {
        None => Ok(chrono::Local::now().date_naive()),
        Some(s) => crate::domain::date::parse_date(s)
            .map_err(|e| Failure::usage(format!("--as-of: {}", e.message(message_lang())))),
    }
}

fn dispatch(cli: Cli) -> CmdResult {
    let Some(command) = &cli.command else {
        let ctx = open(&cli)?;
        return demo::tui(ctx, &cli);
    };
    match command {
        Command::Demo => demo::run(&cli, load_rules(&cli)?),
        Command::Import { paths, sheet } => {
            let sheets = import::sheet_options(&cli, sheet.as_deref())?;
            import::run(&mut open(&cli)?, paths, &sheets)
        }
        Command::List {
            status,
            category,
            province,
            query,
            fuzzy,
            failing,
            plan_year,
            format,
            as_of: d,
        } => {
            let filter = list::Filter::parse(status, category, province, *plan_year)?;
            let day = as_of(d.as_deref())?;
            list::run(
                &open_ro(&cli)?,
                &filter,
                query.as_deref(),
                *fuzzy,
                *failing,
                *format,
                day,
            )
        }
        Command::Show {
            code,
            format,
            as_of: d,
        } => show::run(&open_ro(&cli)?, code, *format, as_of(d.as_deref())?),
        Command::Tick { code, item, off } => work::tick(&mut open(&cli)?, code, item, !off),
        Command::Score {
            code,
            criterion,
            points,
            clear,
        } => match points {
            Some(points) if !clear => work::score(&mut open(&cli)?, code, criterion, points),
            _ => work::clear_score(&mut open(&cli)?, code, criterion),
        },
        Command::Note { code, text } => work::note(&mut open(&cli)?, code, text),
        Command::Approve {
            codes,
            override_reason,
            as_of: d,
        } => {
            let day = as_of(d.as_deref())?;
            decide::approve(&mut open(&cli)?, codes, override_reason.as_deref(), day)
        }
        Command::Return { codes, reason } => decide::give_back(&mut open(&cli)?, codes, reason),
        Command::Undo => decide::undo(&mut open(&cli)?),
        Command::Assign { codes, to } => decide::assign(&mut open(&cli)?, codes, Some(to)),
        Command::Unassign { codes } => decide::assign(&mut open(&cli)?, codes, None),
        Command::Rank {
            category,
            budget,
            set_budget,
            plan_year,
            format,
            as_of: d,
        } => {
            let day = as_of(d.as_deref())?;
            let ctx = match set_budget {
                Some(vnd) => {
                    let mut ctx = open(&cli)?;
                    rank::set_budget(&mut ctx, category.as_deref(), vnd, *plan_year)?;
                    ctx
                }
                None => open_ro(&cli)?,
            };
            rank::run(
                &ctx,
                category.as_deref(),
                budget.as_deref(),
                *plan_year,
                *format,
                day,
            )
        }
        Command::Log {
            code,
            author,
            format,
        } => log::run(&open_ro(&cli)?, code.as_deref(), author.as_deref(), *format),
        Command::Template { format, out } => {
            let rules = load_rules(&cli)?;
            let headers = import::sheet_options(&cli, None)?.headers;
            let (db, _) = crate::config::db_location(cli.db.clone());
            let guard = crate::output::SameFile::database(&db);
            template::run(&rules, &headers, *format, out, &guard)
        }
        Command::Letters {
            province,
            out,
            paper,
        } => papers::letters(&cli, province.as_deref(), out, paper),
        Command::Report {
            category,
            out,
            paper,
        } => papers::report(&cli, category.as_deref(), out, paper),
        Command::Backup { path } => maintenance::backup(&open_ro(&cli)?, path),
        Command::Keymap { command } => {
            let user = crate::config::user_keymap();
            let choice = cli.keymap.as_deref();
            match command {
                args::KeymapCommand::Check { file } => {
                    keymap::check(choice, file.as_deref(), user.as_deref())
                }
                args::KeymapCommand::Show { mode } => {
                    keymap::show(choice, user.as_deref(), mode.as_deref(), lang_of(&cli))
                }
            }
        }
        Command::Check { format } => maintenance::check(&open_ro(&cli)?, *format),
        Command::Export {
            format,
            out,
            as_of: d,
        } => export::run(
            &open_ro(&cli)?,
            *format,
            out.as_deref(),
            as_of(d.as_deref())?,
            // The workbook is the agency's, in Vietnamese unless `--lang`
            // itself asks otherwise (not the environment's language).
            cli.lang
                .as_deref()
                .map_or(Lang::Vi, |l| Lang::from_env(Some(l))),
        ),
    }
}

/// Parse a category as the user wrote it (an id, or an alias of `data/`).
pub fn parse_category(rules: &Rules, s: &str) -> Result<crate::domain::Category, Failure> {
    let aliases = rules.aliases();
    let named = aliases
        .resolve(s)
        .or_else(|| crate::domain::query::Query::category_named(s, aliases));
    named.ok_or_else(|| {
        let ids: Vec<&str> = crate::domain::Category::ALL
            .iter()
            .map(|c| c.id())
            .collect();
        Failure::usage(match message_lang() {
            Lang::En => format!("--category: {s:?} is not a category ({})", ids.join(", ")),
            Lang::Vi => {
                let labels: Vec<&str> = crate::domain::Category::ALL
                    .iter()
                    .map(|c| c.label(Lang::Vi))
                    .collect();
                format!(
                    "--category: {s:?} không phải nội dung nào ({}; hoặc {})",
                    labels.join(", "),
                    ids.join(", ")
                )
            }
        })
    })
}

/// Print JSON to stdout, every control and invisible character escaped.
pub fn print_json(v: &impl serde::Serialize) -> Result<(), Failure> {
    report(|out| Ok(crate::output::json::write_pretty(out.writer(), v)?))
}

/// Print CSV rows to stdout, every text cell guarded.
pub fn print_csv<T: serde::Serialize>(rows: impl IntoIterator<Item = T>) -> Result<(), Failure> {
    report(|out| crate::output::csv::write_rows(out.writer(), rows).map_err(csv_error))
}

/// A CSV writer's error as an output error.
pub fn csv_error(e: csv::Error) -> OutError {
    match e.into_kind() {
        csv::ErrorKind::Io(e) => OutError::from_io(e),
        other => OutError::Io(std::io::Error::other(format!("{other:?}"))),
    }
}

/// `–` for a missing value in tables.
pub fn dash<T: ToString>(v: Option<T>) -> String {
    v.map_or_else(|| "–".to_string(), |x| x.to_string())
}
