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

mod allocations;
mod audit;
mod council;
mod decisions;
mod dossiers;
mod duplicates;
mod maintenance;
mod schema;
mod team;
mod work;

pub use allocations::AllocationRecord;
pub use audit::{AuditEntry, AuditFilter};
pub use decisions::{
    BatchOutcome, CurrentDecision, DecisionRequest, HistoryEntry, UndoOutcome, UndoPlan,
};
pub use dossiers::{
    DossierRecord, ImportOutcome, IncomingRecord, PreparedRecord, ProvinceKeys, QueueFilter,
    QueueRow,
};
pub use duplicates::DuplicateRow;
pub use maintenance::Problem;
pub use team::{AssignOutcome, Presence};
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
    Refused(crate::domain::refusal::Refusal),
    #[error(
        "the database was written by a newer thamdinh (schema {found}, this build knows {known}); upgrade thamdinh"
    )]
    TooNew { found: i64, known: i64 },
    #[error("the database is busy (another appraiser is writing); try again")]
    Busy,
    #[error("database: {0}")]
    Sql(rusqlite::Error),
    #[error("not a thamdinh database: {0}; nothing was changed")]
    Foreign(String),
    #[error("the database looks damaged: {0}; nothing was changed")]
    Damaged(String),
    #[error(
        "you may only read this database (its file or folder is not writable for you); nothing was changed"
    )]
    ReadOnly,
    #[error(
        "the database has schema {found} and this build needs {known}; run any writing command (e.g. thamdinh import) once as a user who may write it"
    )]
    NeedsUpgrade { found: i64, known: i64 },
    #[error("{0}")]
    Io(String),
    #[error("stored data of {code} is unreadable: {message}")]
    Corrupt { code: String, message: String },
}

impl From<rusqlite::Error> for StoreError {
    fn from(e: rusqlite::Error) -> Self {
        match e.sqlite_error_code() {
            Some(rusqlite::ErrorCode::DatabaseBusy) | Some(rusqlite::ErrorCode::DatabaseLocked) => {
                StoreError::Busy
            }
            Some(rusqlite::ErrorCode::ReadOnly) => StoreError::ReadOnly,
            _ => StoreError::Sql(e),
        }
    }
}

impl StoreError {
    /// The error written in `lang` (English: its `Display`).
    pub fn message(&self, lang: crate::domain::Lang) -> String {
        use crate::domain::Lang;
        if lang == Lang::En {
            return self.to_string();
        }
        match self {
            StoreError::NotFound(code) => format!("không có hồ sơ nào có mã {code:?}"),
            StoreError::Conflict { code, by, at } => format!(
                "{code}: {by} đã thay đổi hồ sơ lúc {} sau khi bạn mở nó; hãy tải lại rồi quyết định lại",
                lang.datetime(at)
            ),
            StoreError::Refused(r) => r.message(lang),
            StoreError::TooNew { found, known } => format!(
                "cơ sở dữ liệu do bản thamdinh mới hơn ghi (lược đồ {found}, bản này biết {known}); hãy nâng cấp thamdinh"
            ),
            StoreError::Busy => {
                "cơ sở dữ liệu đang bận (một thẩm định viên khác đang ghi); hãy thử lại".into()
            }
            StoreError::Sql(e) => format!("cơ sở dữ liệu: {e}"),
            StoreError::Foreign(m) => {
                format!("không phải cơ sở dữ liệu của thamdinh: {m}; không có gì bị thay đổi")
            }
            StoreError::Damaged(m) => {
                format!("cơ sở dữ liệu có vẻ bị hỏng: {m}; không có gì bị thay đổi")
            }
            StoreError::ReadOnly => "bạn chỉ được đọc cơ sở dữ liệu này (tệp hoặc thư mục không cho bạn ghi); không có gì bị thay đổi".into(),
            StoreError::NeedsUpgrade { found, known } => format!(
                "cơ sở dữ liệu có lược đồ {found}, bản này cần {known}; hãy chạy một lệnh ghi (ví dụ thamdinh import) một lần bằng tài khoản được ghi"
            ),
            StoreError::Io(m) => m.clone(),
            StoreError::Corrupt { code, message } => {
                format!("dữ liệu đã lưu của {code} không đọc được: {message}")
            }
        }
    }
}

pub type Result<T> = std::result::Result<T, StoreError>;

/// The mark of a thamdinh database (`PRAGMA application_id`): "THMD".
pub const APPLICATION_ID: i32 = 0x5448_4D44;

/// How a database is opened.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Access {
    /// Reading and writing; the file is created when missing and its schema
    /// brought up to date.
    ReadWrite,
    /// Reading only: nothing is created or changed on disk, so a user who
    /// may only read the file can still list, show, rank and export.
    ReadOnly,
}

/// The database: one SQLite file in WAL mode.
pub struct Store {
    conn: Connection,
    /// The council rule scores are aggregated by ([`Store::use_council`]).
    council: crate::domain::council::Council,
    /// The stored council scores were made by another rule and the
    /// database cannot be written: rows are scored again when read.
    council_stale: bool,
}

/// What is found in a file before anything is written to it.
struct Identity {
    application_id: i32,
    user_version: i64,
    tables: Vec<String>,
}

impl Identity {
    fn read(conn: &Connection) -> Result<Identity> {
        let application_id = conn.query_row("PRAGMA application_id", [], |r| r.get(0))?;
        let user_version = conn.query_row("PRAGMA user_version", [], |r| r.get(0))?;
        let mut stmt = conn.prepare(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name",
        )?;
        let tables = stmt
            .query_map([], |r| r.get(0))?
            .collect::<std::result::Result<Vec<String>, _>>()?;
        Ok(Identity {
            application_id,
            user_version,
            tables,
        })
    }

    fn has_our_tables(&self) -> bool {
        ["dossiers", "revisions", "audit"]
            .iter()
            .all(|t| self.tables.iter().any(|x| x == t))
    }

    /// Refuse a file that is not ours, or whose schema version makes no
    /// sense, before anything is written to it.
    fn check(&self, known: i64) -> Result<()> {
        let ours = self.application_id == APPLICATION_ID;
        if self.application_id != 0 && !ours {
            return Err(StoreError::Foreign(format!(
                "it belongs to another application (application id {:#x})",
                self.application_id
            )));
        }
        if !ours && !self.tables.is_empty() && !self.has_our_tables() {
            let mut names = self.tables.clone();
            names.truncate(5);
            return Err(StoreError::Foreign(format!(
                "it holds another application's tables ({})",
                names.join(", ")
            )));
        }
        if self.user_version < 0 {
            return Err(StoreError::Damaged(format!(
                "its schema version is {}, which no thamdinh writes",
                self.user_version
            )));
        }
        if self.user_version == 0 && !self.tables.is_empty() {
            return Err(StoreError::Damaged(
                "its schema version was reset to 0 although it holds thamdinh's tables".into(),
            ));
        }
        if self.user_version > known {
            return Err(StoreError::TooNew {
                found: self.user_version,
                known,
            });
        }
        Ok(())
    }
}

/// Map the errors SQLite gives for a file that is not a database at all.
fn opening(e: rusqlite::Error) -> StoreError {
    match e.sqlite_error_code() {
        Some(rusqlite::ErrorCode::NotADatabase) => {
            StoreError::Foreign("it is not an SQLite database".into())
        }
        _ => StoreError::from(e),
    }
}

/// Create a missing database file readable and writable by its owner and
/// group only (0660), whatever the umask; SQLite gives its `-wal` and `-shm`
/// files the same mode.
#[cfg(unix)]
fn create_private(path: &Path) -> std::io::Result<()> {
    use std::os::unix::fs::{OpenOptionsExt, PermissionsExt};
    match std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .mode(0o660)
        .open(path)
    {
        Ok(f) => f.set_permissions(std::fs::Permissions::from_mode(0o660)),
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => Ok(()),
        Err(e) => Err(e),
    }
}

#[cfg(not(unix))]
fn create_private(_path: &Path) -> std::io::Result<()> {
    Ok(())
}

impl Store {
    /// Open (creating if needed) the database at `path` for reading and
    /// writing, and bring its schema up to date. The folder must exist.
    pub fn open(path: &Path) -> Result<Store> {
        Store::open_with(path, Access::ReadWrite)
    }

    /// Open the database at `path` as `access` says. A file that is not a
    /// thamdinh database is refused untouched.
    pub fn open_with(path: &Path, access: Access) -> Result<Store> {
        match access {
            Access::ReadWrite => {
                if !path.exists() {
                    create_private(path).map_err(|e| StoreError::Io(e.to_string()))?;
                }
                let conn = Connection::open_with_flags(
                    path,
                    OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX,
                )
                .map_err(opening)?;
                Store::setup(conn, true)
            }
            Access::ReadOnly => {
                if !path.exists() {
                    return Err(StoreError::Io("no such file".into()));
                }
                let flags = OpenFlags::SQLITE_OPEN_READ_ONLY
                    | OpenFlags::SQLITE_OPEN_NO_MUTEX
                    | OpenFlags::SQLITE_OPEN_URI;
                let conn = Connection::open_with_flags(path, flags).map_err(opening)?;
                match Store::setup_read_only(conn) {
                    Ok(s) => Ok(s),
                    // A WAL database whose -shm cannot be created (the folder
                    // is not ours) and that has no -wal: nobody is writing, all
                    // of it is in the main file, so read it as immutable.
                    Err(StoreError::Sql(_)) | Err(StoreError::ReadOnly)
                        if !companion(path, "-wal").exists() =>
                    {
                        let uri = format!("file:{}?immutable=1", uri_path(path));
                        let conn = Connection::open_with_flags(uri, flags).map_err(opening)?;
                        Store::setup_read_only(conn)
                    }
                    Err(e) => Err(e),
                }
            }
        }
    }

    /// A private in-memory database (tests, benchmarks).
    pub fn open_in_memory() -> Result<Store> {
        Store::setup(Connection::open_in_memory()?, false)
    }

    fn setup(conn: Connection, wal: bool) -> Result<Store> {
        conn.busy_timeout(Duration::from_secs(10))?;
        // Identify the file before anything is written to it.
        let identity = Identity::read(&conn).map_err(|e| match e {
            StoreError::Sql(e) => opening(e),
            e => e,
        })?;
        identity.check(schema::MIGRATIONS.len() as i64)?;
        if wal && identity.tables.is_empty() {
            // A new file: 16 KiB pages, so that a revision (canonical and
            // raw record, about 2 KB each) fits in its b-tree page instead
            // of spilling into a mostly empty overflow page, which doubled
            // the file and the bytes an import writes. Only takes effect
            // before the first table; an existing file keeps its size.
            conn.pragma_update(None, "page_size", 16384)?;
        }
        if wal {
            conn.pragma_update(None, "journal_mode", "WAL")?;
        }
        conn.pragma_update(None, "synchronous", "NORMAL")?;
        conn.pragma_update(None, "foreign_keys", "ON")?;
        let mut store = Store {
            conn,
            council: Default::default(),
            council_stale: false,
        };
        store.migrate()?;
        Ok(store)
    }

    fn setup_read_only(conn: Connection) -> Result<Store> {
        conn.busy_timeout(Duration::from_secs(10))?;
        let id = Identity::read(&conn).map_err(|e| match e {
            StoreError::Sql(e) => opening(e),
            e => e,
        })?;
        let known = schema::MIGRATIONS.len() as i64;
        id.check(known)?;
        if id.user_version < known {
            return Err(StoreError::NeedsUpgrade {
                found: id.user_version,
                known,
            });
        }
        conn.pragma_update(None, "query_only", "ON")?;
        Ok(Store {
            conn,
            council: Default::default(),
            council_stale: false,
        })
    }

    fn migrate(&mut self) -> Result<()> {
        let known = schema::MIGRATIONS.len() as i64;
        loop {
            let tx = self
                .conn
                .transaction_with_behavior(TransactionBehavior::Immediate)?;
            let id = Identity::read(&tx)?;
            id.check(known)?;
            if id.application_id != APPLICATION_ID {
                tx.pragma_update(None, "application_id", APPLICATION_ID)?;
            }
            let current = id.user_version;
            if current == known {
                tx.commit()?;
                return Ok(());
            }
            let Some(step) = usize::try_from(current)
                .ok()
                .and_then(|i| schema::MIGRATIONS.get(i))
            else {
                return Err(StoreError::Damaged(format!(
                    "unknown schema version {current}"
                )));
            };
            tx.execute_batch(step)?;
            if current + 1 == schema::BENEFICIARY_KEYS_VERSION {
                duplicates::backfill(&tx)?;
            }
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
    /// Set the page cache to `kib` KiB (SQLite's default is 2,000 KiB);
    /// returns the previous setting, to pass back when done. A bulk import
    /// uses a bigger cache: the index pages it inserts into stay in memory
    /// instead of being read back from the file.
    pub fn set_cache_kib(&self, kib: i64) -> Result<i64> {
        let old: i64 = self.conn.query_row("PRAGMA cache_size", [], |r| r.get(0))?;
        self.conn.pragma_update(None, "cache_size", -kib)?;
        Ok(if old < 0 {
            -old
        } else {
            old * self
                .conn
                .query_row("PRAGMA page_size", [], |r| r.get::<_, i64>(0))?
                / 1024
        })
    }

    fn write(&mut self) -> Result<Transaction<'_>> {
        Ok(self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?)
    }

    /// Read and write in ONE transaction: `f` reads through the store
    /// (seeing nothing change under it: the write lock is held from the
    /// start) and writes through the [`WriteTx`]. Committed when `f`
    /// returns `Ok`, rolled back otherwise. This is how a command with no
    /// stale view (the CLI) decides: there is no moment between its reading
    /// and its writing for anyone else's change.
    pub fn atomically<T, E: From<StoreError>>(
        &mut self,
        f: impl FnOnce(&WriteTx<'_>) -> std::result::Result<T, E>,
    ) -> std::result::Result<T, E> {
        self.conn
            .execute_batch("BEGIN IMMEDIATE")
            .map_err(StoreError::from)?;
        let result = f(&WriteTx { store: self });
        let end = if result.is_ok() { "COMMIT" } else { "ROLLBACK" };
        match self.conn.execute_batch(end) {
            Ok(()) => result,
            Err(e) => {
                let _ = self.conn.execute_batch("ROLLBACK");
                Err(StoreError::from(e).into())
            }
        }
    }
}

/// The store inside a [`Store::atomically`] transaction: every read method
/// of [`Store`] is available through it (it derefs to the store), and the
/// writes that may be made inside another transaction are its own methods.
pub struct WriteTx<'a> {
    store: &'a Store,
}

impl std::ops::Deref for WriteTx<'_> {
    type Target = Store;

    fn deref(&self) -> &Store {
        self.store
    }
}

impl WriteTx<'_> {
    /// The connection of the open transaction.
    fn conn(&self) -> &Connection {
        &self.store.conn
    }
}

/// `path` with a suffix appended (`x.db` → `x.db-wal`).
pub fn companion(path: &Path, suffix: &str) -> std::path::PathBuf {
    let mut s = path.as_os_str().to_owned();
    s.push(suffix);
    std::path::PathBuf::from(s)
}

/// A path as the path part of an SQLite `file:` URI.
fn uri_path(path: &Path) -> String {
    let abs = std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf());
    let mut out = String::new();
    for b in abs.to_string_lossy().bytes() {
        match b {
            b'?' | b'#' | b'%' => out.push_str(&format!("%{b:02X}")),
            b if b.is_ascii() => out.push(b as char),
            b => out.push_str(&format!("%{b:02X}")),
        }
    }
    out
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
    tx: &Connection,
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

/// The audit entry of a change to one dossier made outside any batch
/// (a tick, a score, a note, an assignment), with what changed.
fn audit_work(
    tx: &Connection,
    actor: &Actor,
    at: &str,
    action: &str,
    h: &Head,
    version: i64,
    detail: &str,
) -> Result<()> {
    audit(
        tx,
        actor,
        at,
        action,
        Some((h.id, &h.code, h.revision, version)),
        None,
        None,
        Some(detail),
    )
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

fn head(tx: &Connection, code: &str) -> Result<Head> {
    head_opt(tx, code)?.ok_or_else(|| StoreError::NotFound(code.to_string()))
}

/// The identity of a dossier, or `None` for an unknown code.
fn head_opt(tx: &Connection, code: &str) -> Result<Option<Head>> {
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
fn bump(tx: &Connection, h: &Head, at: &str) -> Result<i64> {
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
fn check_version(tx: &Connection, h: &Head, expected: Option<i64>) -> Result<()> {
    check_version_of(tx, h, expected, None)
}

/// [`check_version`] for the work of `me` (ticks, scores): a version moved
/// on only by my own work since I loaded the dossier (ticks typed faster
/// than the screen reloads) is not a conflict; anyone else's change last
/// is.
fn check_version_of(
    tx: &Connection,
    h: &Head,
    expected: Option<i64>,
    me: Option<&str>,
) -> Result<()> {
    use rusqlite::OptionalExtension;
    match expected {
        Some(v) if v != h.version => {
            let (by, at): (String, String) = tx
                .query_row(
                    "SELECT author, at FROM audit WHERE dossier_id = ?1 ORDER BY id DESC LIMIT 1",
                    [h.id],
                    |r| Ok((r.get(0)?, r.get(1)?)),
                )
                .optional()?
                .unwrap_or_else(|| ("someone".into(), "an unknown time".into()));
            if let Some(me) = me
                && v < h.version
            {
                // The last change that moved the version (notes and
                // scores do not), and whose it was.
                let last: Option<String> = tx
                    .query_row(
                        "SELECT author FROM audit WHERE dossier_id = ?1
                         AND action NOT IN ('note', 'score', 'unscore')
                         ORDER BY id DESC LIMIT 1",
                        [h.id],
                        |r| r.get(0),
                    )
                    .optional()?;
                if last.as_deref() == Some(me) {
                    return Ok(());
                }
            }
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
