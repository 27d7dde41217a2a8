//! A team on one queue: who a dossier is assigned to, and who has it open
//! now (presence).
//!
//! Presence rows are heartbeats, each with its expiry: a session writes its
//! row while it has a dossier open and the readers count only rows not yet
//! expired, so a session that ends or dies stops counting by itself and
//! nothing has to clean up after it; nobody waits for anybody. Heartbeats
//! are not audited: they change no dossier and record nothing anyone did.

use super::{Actor, Result, Store, audit_work, head, now, touch};
use rusqlite::params;

/// What an assignment did.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct AssignOutcome {
    /// Codes whose assignee changed.
    pub changed: Vec<String>,
    /// Codes that already had that assignee (left as they were).
    pub already: Vec<String>,
}

/// Someone with a dossier open.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Presence {
    pub appraiser: String,
    pub code: String,
    /// The pane they are in (`score`, `checklist`, …), when known.
    pub pane: Option<String>,
    /// Their session (to tell one's own row from the others').
    pub session: String,
}

/// Unix seconds now.
fn unix_now() -> i64 {
    chrono::Utc::now().timestamp()
}

impl Store {
    /// Assign the dossiers to `to` (`None`: unassign them), all or none, in
    /// one transaction with one audit entry per dossier changed. An unknown
    /// code refuses the whole call. A dossier's assignee is its lead in the
    /// council (`lead` rule), so its score is recomputed.
    pub fn assign(
        &mut self,
        actor: &Actor,
        codes: &[String],
        to: Option<&str>,
    ) -> Result<AssignOutcome> {
        let at = now();
        let council = self.council;
        let tx = self.write()?;
        let mut out = AssignOutcome::default();
        for code in codes {
            let h = head(&tx, code)?;
            let before: Option<String> = tx
                .prepare_cached("SELECT assignee FROM dossiers WHERE id = ?1")?
                .query_row([h.id], |r| r.get(0))?;
            if before.as_deref() == to {
                out.already.push(h.code.clone());
                continue;
            }
            tx.prepare_cached("UPDATE dossiers SET assignee = ?2 WHERE id = ?1")?
                .execute(params![h.id, to])?;
            super::council::refresh(&tx, h.id, &council)?;
            let version = touch(&tx, &h, &at)?;
            let was = before.map_or(String::new(), |b| format!(" (was {b})"));
            let (action, detail) = match to {
                Some(name) => ("assign", format!("to {name}{was}")),
                None => ("unassign", format!("unassigned{was}")),
            };
            audit_work(&tx, actor, &at, action, &h, version, &detail)?;
            out.changed.push(h.code);
        }
        tx.commit()?;
        Ok(out)
    }

    /// A mark that moves with every change anyone made to the data (the
    /// newest audit entry: every change writes one), and not with the
    /// heartbeats of presence, which `PRAGMA data_version` counts too.
    pub fn change_mark(&self) -> Result<i64> {
        Ok(self
            .conn
            .query_row("SELECT COALESCE(MAX(id), 0) FROM audit", [], |r| r.get(0))?)
    }

    /// How many dossiers are assigned to `name`.
    pub fn assigned_count(&self, name: &str) -> Result<i64> {
        Ok(self.conn.query_row(
            "SELECT COUNT(*) FROM dossiers WHERE assignee = ?1",
            [name],
            |r| r.get(0),
        )?)
    }

    /// Say that `session` (of `appraiser`) has `code` open in `pane`, for
    /// the next `ttl_secs` seconds; `code` `None`: nothing open (the row
    /// goes). One small write, no audit (see the module docs).
    pub fn heartbeat(
        &mut self,
        session: &str,
        appraiser: &str,
        open: Option<(&str, Option<&str>)>,
        ttl_secs: i64,
    ) -> Result<()> {
        let tx = self.write()?;
        match open {
            Some((code, pane)) => tx.prepare_cached(
                "INSERT INTO presence (session, appraiser, code, pane, expires_at) VALUES (?1, ?2, ?3, ?4, ?5)
                 ON CONFLICT (session) DO UPDATE SET appraiser = ?2, code = ?3, pane = ?4, expires_at = ?5",
            )?
            .execute(params![session, appraiser, code, pane, unix_now() + ttl_secs])?,
            None => tx
                .prepare_cached("DELETE FROM presence WHERE session = ?1")?
                .execute([session])?,
        };
        // Expired rows of dead sessions: dropped by whoever beats next, so
        // nothing is left behind; readers never need this to be done.
        tx.prepare_cached("DELETE FROM presence WHERE expires_at < ?1")?
            .execute([unix_now()])?;
        tx.commit()?;
        Ok(())
    }

    /// Who has which dossier open now (rows not yet expired), by code.
    pub fn presence(&self) -> Result<Vec<Presence>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT appraiser, code, pane, session FROM presence
             WHERE expires_at >= ?1 AND code IS NOT NULL ORDER BY code, appraiser",
        )?;
        let rows = stmt.query_map([unix_now()], |r| {
            Ok(Presence {
                appraiser: r.get(0)?,
                code: r.get(1)?,
                pane: r.get(2)?,
                session: r.get(3)?,
            })
        })?;
        Ok(rows.collect::<std::result::Result<_, _>>()?)
    }
}
