//! Headless commands: one file per command; each is thin (parse → call
//! `ops`/`store` → print). `cli.md` is the contract.

pub mod args;
mod decide;
mod demo;
mod export;
mod import;
mod list;
mod log;
mod rank;
mod show;
pub mod table;
mod work;

use crate::domain::rules::Rules;
use crate::ops::OpError;
use crate::store::{Actor, Store};
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
        Failure::failed(e.to_string())
    }
}

impl From<crate::store::StoreError> for Failure {
    fn from(e: crate::store::StoreError) -> Failure {
        Failure::failed(e.to_string())
    }
}

impl From<std::io::Error> for Failure {
    fn from(e: std::io::Error) -> Failure {
        Failure::failed(e.to_string())
    }
}

/// What every command works with.
pub struct Ctx {
    pub store: Store,
    pub rules: Rules,
    pub actor: Actor,
}

pub type CmdResult = Result<Exit, Failure>;

/// Run the parsed command line; returns the process exit code.
pub fn run(cli: Cli) -> i32 {
    match dispatch(cli) {
        Ok(exit) => exit as i32,
        Err(f) => {
            for line in f.message.lines() {
                eprintln!("error: {line}");
            }
            f.exit as i32
        }
    }
}

fn load_rules(cli: &Cli) -> Result<Rules, Failure> {
    let dir = crate::config::data_dir(cli.data.clone());
    crate::data_files::load(dir.as_deref()).map_err(|e| Failure::failed(e.to_string()))
}

fn open(cli: &Cli) -> Result<Ctx, Failure> {
    let rules = load_rules(cli)?;
    let path = crate::config::db_path(cli.db.clone());
    let store =
        Store::open(&path).map_err(|e| Failure::failed(format!("{}: {e}", path.display())))?;
    Ok(Ctx {
        store,
        rules,
        actor: Actor::new(cli.user.as_deref()),
    })
}

/// `--as-of DATE`, default today.
pub fn as_of(flag: Option<&str>) -> Result<NaiveDate, Failure> {
    match flag {
        None => Ok(chrono::Local::now().date_naive()),
        Some(s) => {
            crate::domain::date::parse_date(s).map_err(|e| Failure::usage(format!("--as-of: {e}")))
        }
    }
}

fn dispatch(cli: Cli) -> CmdResult {
    let Some(command) = &cli.command else {
        let ctx = open(&cli)?;
        return demo::tui(ctx, &cli);
    };
    match command {
        Command::Demo => demo::run(&cli, load_rules(&cli)?),
        Command::Import { paths } => import::run(&mut open(&cli)?, paths),
        Command::List {
            status,
            category,
            province,
            query,
            failing,
            plan_year,
            format,
            as_of: d,
        } => {
            let filter = list::Filter::parse(status, category, province, *plan_year)?;
            list::run(
                &open(&cli)?,
                &filter,
                query.as_deref(),
                *failing,
                *format,
                as_of(d.as_deref())?,
            )
        }
        Command::Show {
            code,
            format,
            as_of: d,
        } => show::run(&open(&cli)?, code, *format, as_of(d.as_deref())?),
        Command::Tick { code, item, off } => work::tick(&mut open(&cli)?, code, item, !off),
        Command::Score {
            code,
            criterion,
            points,
        } => work::score(&mut open(&cli)?, code, criterion, points),
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
        Command::Rank {
            category,
            budget,
            plan_year,
            format,
            as_of: d,
        } => {
            let day = as_of(d.as_deref())?;
            rank::run(
                &open(&cli)?,
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
        } => log::run(&open(&cli)?, code.as_deref(), author.as_deref(), *format),
        Command::Export {
            format,
            out,
            as_of: d,
        } => export::run(&open(&cli)?, *format, out.as_deref(), as_of(d.as_deref())?),
    }
}

/// Parse a category as the user wrote it (an id, or an alias of `data/`).
pub fn parse_category(rules: &Rules, s: &str) -> Result<crate::domain::Category, Failure> {
    rules.aliases().resolve(s).ok_or_else(|| {
        let ids: Vec<&str> = crate::domain::Category::ALL
            .iter()
            .map(|c| c.id())
            .collect();
        Failure::usage(format!(
            "--category: {s:?} is not a category ({})",
            ids.join(", ")
        ))
    })
}

/// Print JSON to stdout.
pub fn print_json(v: &impl serde::Serialize) -> Result<(), Failure> {
    let s = serde_json::to_string_pretty(v).map_err(|e| Failure::failed(e.to_string()))?;
    println!("{s}");
    Ok(())
}

/// `–` for a missing value in tables.
pub fn dash<T: ToString>(v: Option<T>) -> String {
    v.map_or_else(|| "–".to_string(), |x| x.to_string())
}
