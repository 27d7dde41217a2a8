//! The only place with SQL: schema, migrations, queries, transactions, audit.
//!
//! Every change of data is one function here that runs in one transaction
//! and writes its audit entry in that same transaction. Every change to a
//! dossier that bears on a decision (a decision or its undo, a new revision,
//! a tick) bumps its `version`, which callers may pass back as the version
//! they saw: a change made meanwhile by someone else is then refused
//! ([`StoreError::Conflict`]) instead of overwritten. Notes and scores do
//! not bear on the gate and only `touch` the dossier: a note by someone else
//! never makes a decision stale. (Readers that watch for any change poll
//! `PRAGMA data_version`, which every write moves.)

mod audit;
mod decisions;
mod dossiers;
mod schema;
mod work;

pub use audit::{AuditEntry, AuditFilter};
pub use decisions::{BatchOutcome, DecisionRequest, HistoryEntry, UndoOutcome};
pub use dossiers::{DossierRecord, ImportOutcome, IncomingRecord, QueueFilter, QueueRow};
pub use work::{NoteRecord, ScoreRecord, TickRecord};

use rusqlite::{Connection, OpenFlags, Transaction, TransactionBehavior, params};
use std::path::Path;
use std::time::Duration;

/// Who is acting: the name given with `--user` (or the login), and the OS
/// login name, which is recorded whatever `--user` says.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Actor {
    pub user: String,
    pub os_user: String,
}

impl Actor {
    /// The acting user: `user` if given, else the OS login.
    pub fn new(user: Option<&str>) -> Actor {
        let os_user = os_login();
        let user = user
            .map(crate::domain::text::clean_line)
            .filter(|u| !u.is_empty())
            .unwrap_or_else(|| os_user.clone());
        Actor { user, os_user }
    }
}

/// The OS login name: `$USER`/`$LOGNAME`, else the name of our uid in
/// `/etc/passwd`, else `uid N`.
pub fn os_login() -> String {
    for var in ["USER", "LOGNAME", "USERNAME"] {
        if let Ok(v) = std::env::var(var) {
            let v = crate::domain::text::clean_line(&v);
            if !v.is_empty() {
                return v;
            }
        }
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        if let Ok(meta) = std::fs::metadata("/proc/self") {
            let uid = meta.uid();
            if let Ok(passwd) = std::fs::read_to_string("/etc/passwd") {
                for line in passwd.lines() {
                    let mut f = line.split(':');
                    if let (Some(name), _, Some(id)) = (f.next(), f.next(), f.next())
                        && id.parse::<u32>() == Ok(uid)
                    {
                        return crate::domain::text::clean_line(name);
                    }
                }
            }
            return format!("uid {uid}");
        }
    }
    "unknown".to_string()
}

/// What can go wrong in the store, in words an appraiser understands.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("no dossier with code {0:?}")]
    NotFound(String),
    #[error("{code}: changed by {by} at {at} since you loaded it; reload and decide again")]
    Conflict {
        code: String,
        by: String,
        at: String,
    },
    #[error("{0}")]
    Refused(String),
    #[error(
        "the database was written by a newer thamdinh (schema {found}, this build knows {known}); upgrade thamdinh"
    )]
    TooNew { found: i64, known: i64 },
    #[error("the database is busy (another appraiser is writing); try again")]
    Busy,
    #[error("database: {0}")]
    Sql(rusqlite::Error),
    #[error("stored data of {code} is unreadable: {message}")]
    Corrupt { code: String, message: String },
}

impl From<rusqlite::Error> for StoreError {
    fn from(e: rusqlite::Error) -> Self {
        match e.sqlite_error_code() {
            Some(rusqlite::ErrorCode::DatabaseBusy) | Some(rusqlite::ErrorCode::DatabaseLocked) => {
                StoreError::Busy
            }
            _ => StoreError::Sql(e),
        }
    }
}

pub type Result<T> = std::result::Result<T, StoreError>;

/// The database: one SQLite file in WAL mode.
pub struct Store {
    conn: Connection,
}

impl Store {
    /// Open (creating if needed) the database at `path` and bring its schema
    /// up to date. The parent folder is created too.
    pub fn open(path: &Path) -> Result<Store> {
        if let Some(parent) = path.parent()
            && !parent.as_os_str().is_empty()
        {
            // A failure here shows up as the open error just below.
            let _ = std::fs::create_dir_all(parent);
        }
        let conn = Connection::open_with_flags(
            path,
            OpenFlags::SQLITE_OPEN_READ_WRITE
                | OpenFlags::SQLITE_OPEN_CREATE
                | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )?;
        Store::setup(conn, true)
    }

    /// A private in-memory database (tests, benchmarks).
    pub fn open_in_memory() -> Result<Store> {
        Store::setup(Connection::open_in_memory()?, false)
    }

    fn setup(conn: Connection, wal: bool) -> Result<Store> {
        conn.busy_timeout(Duration::from_secs(10))?;
        if wal {
            conn.pragma_update(None, "journal_mode", "WAL")?;
        }
        conn.pragma_update(None, "synchronous", "NORMAL")?;
        conn.pragma_update(None, "foreign_keys", "ON")?;
        let mut store = Store { conn };
        store.migrate()?;
        Ok(store)
    }

    fn migrate(&mut self) -> Result<()> {
        let known = schema::MIGRATIONS.len() as i64;
        loop {
            let tx = self
                .conn
                .transaction_with_behavior(TransactionBehavior::Immediate)?;
            let current: i64 = tx.query_row("PRAGMA user_version", [], |r| r.get(0))?;
            if current > known {
                return Err(StoreError::TooNew {
                    found: current,
                    known,
                });
            }
            if current == known {
                return Ok(());
            }
            tx.execute_batch(schema::MIGRATIONS[current as usize])?;
            tx.pragma_update(None, "user_version", current + 1)?;
            tx.commit()?;
        }
    }

    /// The schema version of this database.
    pub fn schema_version(&self) -> Result<i64> {
        Ok(self
            .conn
            .query_row("PRAGMA user_version", [], |r| r.get(0))?)
    }

    /// A number that changes whenever another connection commits a change:
    /// the TUI polls it to show other appraisers' work without a keypress.
    pub fn data_version(&self) -> Result<i64> {
        Ok(self
            .conn
            .query_row("PRAGMA data_version", [], |r| r.get(0))?)
    }

    /// Start a write transaction. IMMEDIATE takes the write lock at once, so
    /// what we read inside it cannot change before we write.
    fn write(&mut self) -> Result<Transaction<'_>> {
        Ok(self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?)
    }
}

/// Now, as stored: local time with its offset, to the second
/// (`2023-10-02T09:15:00+07:00`).
pub fn now() -> String {
    chrono::Local::now().to_rfc3339_opts(chrono::SecondsFormat::Secs, false)
}

/// One audit entry. Called only inside a write transaction, beside the
/// change it records.
#[allow(clippy::too_many_arguments)]
fn audit(
    tx: &Transaction<'_>,
    actor: &Actor,
    at: &str,
    action: &str,
    dossier: Option<(i64, &str, i64, i64)>,
    batch_id: Option<i64>,
    reason: Option<&str>,
    detail: Option<&str>,
) -> Result<()> {
    let (id, code, revision, version) = match dossier {
        Some((id, code, rev, ver)) => (Some(id), Some(code), Some(rev), Some(ver)),
        None => (None, None, None, None),
    };
    tx.prepare_cached("INSERT INTO audit (at, author, os_user, action, dossier_id, code, revision, version, batch_id, reason, detail)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)")?
                        .execute(params![at, actor.user, actor.os_user, action, id, code, revision, version, batch_id, reason, detail],
    )?;
    Ok(())
}

/// The identity of a dossier inside a transaction.
#[derive(Debug, Clone)]
struct Head {
    id: i64,
    code: String,
    revision: i64,
    version: i64,
    status: String,
}

fn head(tx: &Transaction<'_>, code: &str) -> Result<Head> {
    head_opt(tx, code)?.ok_or_else(|| StoreError::NotFound(code.to_string()))
}

/// The identity of a dossier, or `None` for an unknown code.
fn head_opt(tx: &Transaction<'_>, code: &str) -> Result<Option<Head>> {
    use rusqlite::OptionalExtension;
    Ok(tx
        .prepare_cached("SELECT id, code, revision, version, status FROM dossiers WHERE code = ?1")?
        .query_row([code], |r| {
            Ok(Head {
                id: r.get(0)?,
                code: r.get(1)?,
                revision: r.get(2)?,
                version: r.get(3)?,
                status: r.get(4)?,
            })
        })
        .optional()?)
}

/// Bump a dossier's version after a change; returns the new version.
fn bump(tx: &Transaction<'_>, h: &Head, at: &str) -> Result<i64> {
    tx.execute(
        "UPDATE dossiers SET version = version + 1, updated_at = ?2 WHERE id = ?1",
        params![h.id, at],
    )?;
    Ok(h.version + 1)
}

/// Note that a dossier changed without bumping its version, for work that
/// does not bear on a decision (a note, a score); returns the version.
fn touch(tx: &Transaction<'_>, h: &Head, at: &str) -> Result<i64> {
    tx.execute(
        "UPDATE dossiers SET updated_at = ?2 WHERE id = ?1",
        params![h.id, at],
    )?;
    Ok(h.version)
}

/// Refuse a change to a dossier that changed since the version the caller
/// saw, naming who changed it last and when.
fn check_version(tx: &Transaction<'_>, h: &Head, expected: Option<i64>) -> Result<()> {
    use rusqlite::OptionalExtension;
    match expected {
        Some(v) if v != h.version => {
            let (by, at) = tx
                .query_row(
                    "SELECT author, at FROM audit WHERE dossier_id = ?1 ORDER BY id DESC LIMIT 1",
                    [h.id],
                    |r| Ok((r.get(0)?, r.get(1)?)),
                )
                .optional()?
                .unwrap_or_else(|| ("someone".into(), "an unknown time".into()));
            Err(StoreError::Conflict {
                code: h.code.clone(),
                by,
                at,
            })
        }
        _ => Ok(()),
    }
}

#[cfg(test)]
mod tests;
