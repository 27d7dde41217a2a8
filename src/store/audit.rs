//! Reading the append-only audit log (writing is `super::audit`, called
//! inside each change's own transaction).

use super::{Result, Store};
use rusqlite::params_from_iter;

/// Which audit entries to read; `None` means all.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct AuditFilter {
    pub code: Option<String>,
    pub author: Option<String>,
    /// Only decisions (approve, return, undo).
    pub decisions_only: bool,
    /// The newest N entries (still returned oldest first).
    pub limit: Option<usize>,
}

/// One audit entry.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct AuditEntry {
    pub id: i64,
    pub at: String,
    pub author: String,
    pub os_user: String,
    /// `import`, `revise`, `approve`, `return`, `undo`, `tick`, `untick`, `score`, `note`.
    pub action: String,
    pub code: Option<String>,
    pub revision: Option<i64>,
    pub batch: Option<i64>,
    pub reason: Option<String>,
    pub detail: Option<String>,
}

impl Store {
    /// Who last changed or decided each dossier (its newest audit entry's
    /// author): code → author. For the query language's `by:`.
    pub fn last_actors(&self) -> Result<std::collections::HashMap<String, String>> {
        let mut stmt = self.conn.prepare(
            "SELECT a.code, a.author FROM audit a
             WHERE a.id IN (SELECT MAX(id) FROM audit WHERE dossier_id IS NOT NULL GROUP BY dossier_id)",
        )?;
        let rows = stmt.query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?)))?;
        Ok(rows.collect::<std::result::Result<_, _>>()?)
    }

    /// Audit entries matching the filter, oldest first.
    pub fn audit(&self, f: &AuditFilter) -> Result<Vec<AuditEntry>> {
        let mut sql = String::from(
            "SELECT id, at, author, os_user, action, code, revision, batch_id, reason, detail FROM audit WHERE 1 = 1",
        );
        let mut args: Vec<rusqlite::types::Value> = Vec::new();
        if let Some(code) = &f.code {
            sql.push_str(" AND code = ?");
            args.push(code.clone().into());
        }
        if let Some(author) = &f.author {
            sql.push_str(" AND author = ?");
            args.push(author.clone().into());
        }
        if f.decisions_only {
            sql.push_str(" AND action IN ('approve', 'return', 'undo')");
        }
        sql.push_str(" ORDER BY id DESC");
        if let Some(n) = f.limit {
            sql.push_str(&format!(" LIMIT {n}"));
        }
        let mut stmt = self.conn.prepare(&sql)?;
        let rows = stmt.query_map(params_from_iter(args), |r| {
            Ok(AuditEntry {
                id: r.get(0)?,
                at: r.get(1)?,
                author: r.get(2)?,
                os_user: r.get(3)?,
                action: r.get(4)?,
                code: r.get(5)?,
                revision: r.get(6)?,
                batch: r.get(7)?,
                reason: r.get(8)?,
                detail: r.get(9)?,
            })
        })?;
        let mut out: Vec<AuditEntry> = rows.collect::<std::result::Result<_, _>>()?;
        out.reverse();
        Ok(out)
    }
}
