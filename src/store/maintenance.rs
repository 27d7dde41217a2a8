//! Keeping the database sound: consistent online backups, and a check of
//! SQLite's integrity plus the store's own invariants.

use super::{Result, Store, StoreError};
use rusqlite::OptionalExtension;
use std::path::Path;

/// One problem found by [`Store::check`], in words an administrator can act on.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Problem {
    /// Which invariant: `integrity`, `foreign_key`, `head_revision`,
    /// `revision_data`, `audit_dossier`, `version_order`, `decision_audit`,
    /// `status`.
    pub kind: &'static str,
    pub message: String,
}

fn problem(kind: &'static str, message: String) -> Problem {
    Problem { kind, message }
}

/// Stop listing one kind of problem after this many (a badly damaged file
/// would otherwise print one line per row).
const PER_KIND: usize = 50;

impl Store {
    /// Write a consistent copy of the whole database to `dest` (a file that
    /// does not exist or is empty), while others go on reading and writing:
    /// `VACUUM INTO` reads one snapshot in one read transaction.
    pub fn backup_into(&self, dest: &Path) -> Result<()> {
        let dest = dest
            .to_str()
            .ok_or_else(|| StoreError::Io(format!("{}: not a UTF-8 path", dest.display())))?;
        // `query_only` (set on read-only opens) forbids VACUUM even into
        // another file; the main database stays untouched either way.
        let query_only: bool = self.conn.query_row("PRAGMA query_only", [], |r| r.get(0))?;
        self.conn.pragma_update(None, "query_only", false)?;
        let done = self.conn.execute("VACUUM INTO ?1", [dest]);
        self.conn.pragma_update(None, "query_only", query_only)?;
        done?;
        Ok(())
    }

    /// How many dossiers and audit entries the database holds.
    pub fn counts(&self) -> Result<(i64, i64)> {
        Ok(self.conn.query_row(
            "SELECT (SELECT COUNT(*) FROM dossiers), (SELECT COUNT(*) FROM audit)",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )?)
    }

    /// SQLite's `integrity_check` and `foreign_key_check`, then the store's
    /// own invariants: every dossier has its head revision and readable
    /// data, every audit entry its dossier, versions never go back, every
    /// decision has its audit entry, and each status is what the decisions
    /// (and re-imports) made it. An empty list means all is well.
    pub fn check(&self) -> Result<Vec<Problem>> {
        let mut out = Vec::new();
        let mut list = |kind: &'static str,
                        sql: &str,
                        f: &dyn Fn(&rusqlite::Row) -> rusqlite::Result<String>|
         -> Result<()> {
            let mut stmt = self.conn.prepare(sql)?;
            let mut rows = stmt.query([])?;
            let mut n = 0usize;
            while let Some(r) = rows.next()? {
                n += 1;
                if n <= PER_KIND {
                    out.push(problem(kind, f(r)?));
                }
            }
            if n > PER_KIND {
                out.push(problem(
                    kind,
                    format!("… and {} more of this kind", n - PER_KIND),
                ));
            }
            Ok(())
        };
        list("integrity", "PRAGMA integrity_check", &|r| {
            let s: String = r.get(0)?;
            Ok(s)
        })?;
        // integrity_check says "ok" when all is well.
        list("foreign_key", "PRAGMA foreign_key_check", &|r| {
            let table: String = r.get(0)?;
            let rowid: Option<i64> = r.get(1)?;
            let parent: String = r.get(2)?;
            Ok(format!(
                "{table} row {} points to a missing {parent} row",
                rowid.map_or("?".into(), |x| x.to_string())
            ))
        })?;
        list(
            "head_revision",
            "SELECT d.code, d.revision FROM dossiers d
             WHERE NOT EXISTS (SELECT 1 FROM revisions r WHERE r.dossier_id = d.id AND r.revision = d.revision)",
            &|r| {
                let code: String = r.get(0)?;
                let rev: i64 = r.get(1)?;
                Ok(format!("{code}: its current revision {rev} is missing"))
            },
        )?;
        list(
            "revision_data",
            "SELECT d.code, r.revision FROM revisions r JOIN dossiers d ON d.id = r.dossier_id
             WHERE json_valid(r.data) = 0",
            &|r| {
                let code: String = r.get(0)?;
                let rev: i64 = r.get(1)?;
                Ok(format!(
                    "{code}: the data of revision {rev} is not readable JSON"
                ))
            },
        )?;
        list(
            "audit_dossier",
            "SELECT a.id, a.code, d.code FROM audit a LEFT JOIN dossiers d ON d.id = a.dossier_id
             WHERE a.dossier_id IS NOT NULL AND (d.id IS NULL OR d.code IS NOT a.code)",
            &|r| {
                let id: i64 = r.get(0)?;
                let code: Option<String> = r.get(1)?;
                let actual: Option<String> = r.get(2)?;
                Ok(match actual {
                    None => format!(
                        "audit entry {id} ({}) names a dossier that does not exist",
                        code.unwrap_or_default()
                    ),
                    Some(a) => format!(
                        "audit entry {id} says {} but its dossier is {a}",
                        code.unwrap_or_default()
                    ),
                })
            },
        )?;
        list(
            "version_order",
            "SELECT a.code, a.id, a.version, p.version FROM audit a
             JOIN audit p ON p.id = (SELECT MAX(q.id) FROM audit q WHERE q.dossier_id = a.dossier_id AND q.id < a.id)
             WHERE a.dossier_id IS NOT NULL AND a.version < p.version",
            &|r| {
                let code: Option<String> = r.get(0)?;
                let id: i64 = r.get(1)?;
                let v: i64 = r.get(2)?;
                let before: i64 = r.get(3)?;
                Ok(format!(
                    "{}: audit entry {id} has version {v}, lower than the {before} before it",
                    code.unwrap_or_default()
                ))
            },
        )?;
        list(
            "version_order",
            "SELECT code, version, m FROM (
                 SELECT d.code, d.version, (SELECT MAX(version) FROM audit a WHERE a.dossier_id = d.id) AS m
                 FROM dossiers d)
             WHERE version < m",
            &|r| {
                let code: String = r.get(0)?;
                let v: i64 = r.get(1)?;
                let m: i64 = r.get(2)?;
                Ok(format!("{code}: version {v} is lower than its audit log's {m}"))
            },
        )?;
        list(
            "decision_audit",
            "SELECT x.code, d.batch_id FROM decisions d JOIN dossiers x ON x.id = d.dossier_id
             WHERE NOT EXISTS (SELECT 1 FROM audit a WHERE a.batch_id = d.batch_id AND a.dossier_id = d.dossier_id)",
            &|r| {
                let code: String = r.get(0)?;
                let batch: i64 = r.get(1)?;
                Ok(format!("{code}: decision batch {batch} has no audit entry"))
            },
        )?;
        out.extend(self.status_problems()?);
        // integrity_check's single "ok" row is not a problem.
        out.retain(|p| !(p.kind == "integrity" && p.message == "ok"));
        Ok(out)
    }

    /// Each dossier's status against its last decision: equal, or `pending`
    /// after a returned dossier was revised (re-imported) since.
    fn status_problems(&self) -> Result<Vec<Problem>> {
        let mut stmt = self.conn.prepare(
            "SELECT x.id, x.code, x.status,
                    (SELECT d.to_status FROM decisions d WHERE d.dossier_id = x.id ORDER BY d.batch_id DESC LIMIT 1),
                    (SELECT d.batch_id FROM decisions d WHERE d.dossier_id = x.id ORDER BY d.batch_id DESC LIMIT 1)
             FROM dossiers x",
        )?;
        /// Dossier id, code, status, last decision's status and batch.
        type Row = (i64, String, String, Option<String>, Option<i64>);
        let rows: Vec<Row> = stmt
            .query_map([], |r| {
                Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?))
            })?
            .collect::<std::result::Result<_, _>>()?;
        let mut out = Vec::new();
        let mut extra = 0usize;
        for (id, code, status, last_to, last_batch) in rows {
            let expected = last_to.clone().unwrap_or_else(|| "pending".into());
            if status == expected {
                continue;
            }
            // A returned dossier goes back to pending when it is revised.
            let revised_since = if status == "pending" && expected == "returned" {
                let after: Option<i64> = self
                    .conn
                    .query_row(
                        "SELECT a.id FROM audit a WHERE a.dossier_id = ?1 AND a.action = 'revise'
                         AND a.id > COALESCE((SELECT MAX(b.id) FROM audit b WHERE b.dossier_id = ?1 AND b.batch_id = ?2), 0)
                         LIMIT 1",
                        rusqlite::params![id, last_batch],
                        |r| r.get(0),
                    )
                    .optional()?;
                after.is_some()
            } else {
                false
            };
            if revised_since {
                continue;
            }
            if out.len() < PER_KIND {
                out.push(problem(
                    "status",
                    format!("{code}: status is {status} but its last decision made it {expected}"),
                ));
            } else {
                extra += 1;
            }
        }
        if extra > 0 {
            out.push(problem(
                "status",
                format!("… and {extra} more of this kind"),
            ));
        }
        Ok(out)
    }
}
