//! An appraiser's work on a dossier: checklist ticks, scores, notes.

use super::{
    Actor, Result, Store, StoreError, audit, audit_work, bump, check_version_of, head, now, touch,
};
use crate::domain::refusal::Refusal;
use rusqlite::{OptionalExtension, params};

/// A manual checklist item's tick as stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TickRecord {
    pub item: String,
    pub on: bool,
    pub author: String,
    pub at: String,
    /// The dossier revision it was made on.
    pub revision: i64,
}

/// A criterion's score as stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ScoreRecord {
    pub criterion: String,
    pub points: u32,
    pub author: String,
    pub at: String,
    pub revision: i64,
}

/// A note as stored.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct NoteRecord {
    pub id: i64,
    pub author: String,
    pub at: String,
    pub revision: i64,
    pub text: String,
}

/// The two kinds of per-item work an appraiser writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Work {
    Tick,
    Score,
}

impl Work {
    /// The stored value of `key` (the item, the criterion) for this
    /// dossier; a score is the acting appraiser's own.
    fn select(
        self,
        tx: &rusqlite::Connection,
        id: i64,
        key: &str,
        who: &str,
    ) -> Result<Option<i64>> {
        Ok(match self {
            Work::Tick => tx
                .prepare_cached("SELECT ticked FROM ticks WHERE dossier_id = ?1 AND item = ?2")?
                .query_row(params![id, key], |r| r.get(0))
                .optional()?,
            Work::Score => tx
                .prepare_cached(
                    "SELECT points FROM appraisals WHERE dossier_id = ?1 AND criterion = ?2 AND appraiser = ?3",
                )?
                .query_row(params![id, key, who], |r| r.get(0))
                .optional()?,
        })
    }

    fn delete(self, tx: &rusqlite::Connection, id: i64, key: &str, who: &str) -> Result<()> {
        match self {
            Work::Tick => tx
                .prepare_cached("DELETE FROM ticks WHERE dossier_id = ?1 AND item = ?2")?
                .execute(params![id, key])?,
            Work::Score => tx
                .prepare_cached(
                    "DELETE FROM appraisals WHERE dossier_id = ?1 AND criterion = ?2 AND appraiser = ?3",
                )?
                .execute(params![id, key, who])?,
        };
        Ok(())
    }

    fn upsert(self) -> &'static str {
        match self {
            Work::Tick => {
                "INSERT INTO ticks (dossier_id, item, ticked, author, os_user, at, revision) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)
                 ON CONFLICT (dossier_id, item) DO UPDATE SET ticked = ?3, author = ?4, os_user = ?5, at = ?6, revision = ?7"
            }
            Work::Score => {
                "INSERT INTO appraisals (dossier_id, criterion, points, appraiser, os_user, at, revision) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)
                 ON CONFLICT (dossier_id, appraiser, criterion) DO UPDATE SET points = ?3, os_user = ?5, at = ?6, revision = ?7"
            }
        }
    }
}

impl Store {
    /// Tick (or untick) a manual checklist item. The caller has checked that
    /// the item exists for the dossier's category. `expected_version`, when
    /// given, refuses the change if the dossier changed since.
    pub fn set_tick(
        &mut self,
        actor: &Actor,
        code: &str,
        item: &str,
        on: bool,
        expected_version: Option<i64>,
    ) -> Result<i64> {
        let action = if on { "tick" } else { "untick" };
        self.set_work(
            actor,
            code,
            expected_version,
            Work::Tick,
            item,
            Some(i64::from(on)),
            |_| (action, item.to_string()),
        )
    }

    /// The ticks of a dossier.
    pub fn ticks(&self, code: &str) -> Result<Vec<TickRecord>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT t.item, t.ticked, t.author, t.at, t.revision FROM ticks t JOIN dossiers d ON d.id = t.dossier_id
             WHERE d.code = ?1 ORDER BY t.item",
        )?;
        let rows = stmt.query_map([code], tick_record)?;
        Ok(rows.collect::<std::result::Result<_, _>>()?)
    }

    /// [`Store::ticks`] of every dossier at once, by code (one query, for
    /// listings). Dossiers without ticks are absent.
    pub fn all_ticks(&self) -> Result<std::collections::HashMap<String, Vec<TickRecord>>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT t.item, t.ticked, t.author, t.at, t.revision, d.code FROM ticks t JOIN dossiers d ON d.id = t.dossier_id
             ORDER BY d.code, t.item",
        )?;
        let mut rows = stmt.query([])?;
        let mut out: std::collections::HashMap<String, Vec<TickRecord>> = Default::default();
        while let Some(r) = rows.next()? {
            out.entry(r.get(5)?).or_default().push(tick_record(r)?);
        }
        Ok(out)
    }

    /// Set the acting appraiser's points of a criterion (each appraiser
    /// scores on their own). The caller has validated criterion and range
    /// against the rules. Keeps the dossier's council score current.
    pub fn set_score(
        &mut self,
        actor: &Actor,
        code: &str,
        criterion: &str,
        points: u32,
        expected_version: Option<i64>,
    ) -> Result<i64> {
        self.set_work(
            actor,
            code,
            expected_version,
            Work::Score,
            criterion,
            Some(i64::from(points)),
            |before| {
                let detail = match before {
                    Some(b) => format!("{criterion} = {points} (was {b})"),
                    None => format!("{criterion} = {points}"),
                };
                ("score", detail)
            },
        )
    }

    /// Make a criterion unscored again: its row goes, the dossier's points
    /// sum follows (NULL when no criterion is left), and the audit says
    /// `unscore` with the points it had. Nothing is written when it was
    /// unscored already. The caller has validated the criterion.
    pub fn clear_score(
        &mut self,
        actor: &Actor,
        code: &str,
        criterion: &str,
        expected_version: Option<i64>,
    ) -> Result<i64> {
        self.set_work(
            actor,
            code,
            expected_version,
            Work::Score,
            criterion,
            None,
            |before| {
                let was = before.map_or(String::new(), |b| format!(" (was {b})"));
                ("unscore", format!("{criterion}{was}"))
            },
        )
    }

    /// Write one value of an appraiser's work (a tick or a score) if it
    /// differs from the stored one: upsert (or delete, for `None`), bump the
    /// version (a tick) or only touch the dossier (a score), audit, in one
    /// transaction. `describe` gives the audit action and detail from the
    /// previous value. Returns the dossier's version after the change.
    #[allow(clippy::too_many_arguments)]
    fn set_work(
        &mut self,
        actor: &Actor,
        code: &str,
        expected_version: Option<i64>,
        work: Work,
        key: &str,
        value: Option<i64>,
        describe: impl FnOnce(Option<i64>) -> (&'static str, String),
    ) -> Result<i64> {
        let at = now();
        let council = self.council;
        let tx = self.write()?;
        let h = head(&tx, code)?;
        check_version_of(&tx, &h, expected_version, Some(&actor.user))?;
        let before = work.select(&tx, h.id, key, &actor.user)?;
        if before == value {
            return Ok(h.version);
        }
        match value {
            Some(value) => tx.prepare_cached(work.upsert())?.execute(params![
                h.id,
                key,
                value,
                actor.user,
                actor.os_user,
                at,
                h.revision
            ])?,
            None => {
                work.delete(&tx, h.id, key, &actor.user)?;
                0
            }
        };
        if work == Work::Score {
            super::council::refresh(&tx, h.id, &council)?;
        }
        // A tick can change the gate of a decision; a score cannot.
        let version = match work {
            Work::Tick => bump(&tx, &h, &at)?,
            Work::Score => touch(&tx, &h, &at)?,
        };
        let (action, detail) = describe(before);
        audit_work(&tx, actor, &at, action, &h, version, &detail)?;
        tx.commit()?;
        Ok(version)
    }

    /// The scores of a dossier, every appraiser's (`author` is the
    /// appraiser), by appraiser and criterion.
    pub fn scores(&self, code: &str) -> Result<Vec<ScoreRecord>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT s.criterion, s.points, s.appraiser, s.at, s.revision FROM appraisals s JOIN dossiers d ON d.id = s.dossier_id
             WHERE d.code = ?1 ORDER BY s.appraiser, s.criterion",
        )?;
        let rows = stmt.query_map([code], |r| {
            Ok(ScoreRecord {
                criterion: r.get(0)?,
                points: r.get(1)?,
                author: r.get(2)?,
                at: r.get(3)?,
                revision: r.get(4)?,
            })
        })?;
        Ok(rows.collect::<std::result::Result<_, _>>()?)
    }

    /// Append a note (already cleaned and checked non-empty by the caller).
    /// Notes are kept forever.
    pub fn add_note(&mut self, actor: &Actor, code: &str, text: &str) -> Result<NoteRecord> {
        if text.trim().is_empty() {
            return Err(StoreError::Refused(Refusal::EmptyNote {
                code: Some(code.to_string()),
            }));
        }
        let at = now();
        let tx = self.write()?;
        let h = head(&tx, code)?;
        tx.execute(
            "INSERT INTO notes (dossier_id, author, os_user, at, revision, text) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            params![h.id, actor.user, actor.os_user, at, h.revision, text],
        )?;
        let id = tx.last_insert_rowid();
        // A note never makes anyone's decision stale.
        let version = touch(&tx, &h, &at)?;
        audit(
            &tx,
            actor,
            &at,
            "note",
            Some((h.id, &h.code, h.revision, version)),
            None,
            None,
            Some(&format!("note {id}")),
        )?;
        tx.commit()?;
        Ok(NoteRecord {
            id,
            author: actor.user.clone(),
            at,
            revision: h.revision,
            text: text.to_string(),
        })
    }

    /// The notes of a dossier, oldest first.
    pub fn notes(&self, code: &str) -> Result<Vec<NoteRecord>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT n.id, n.author, n.at, n.revision, n.text FROM notes n JOIN dossiers d ON d.id = n.dossier_id
             WHERE d.code = ?1 ORDER BY n.id",
        )?;
        let rows = stmt.query_map([code], |r| {
            Ok(NoteRecord {
                id: r.get(0)?,
                author: r.get(1)?,
                at: r.get(2)?,
                revision: r.get(3)?,
                text: r.get(4)?,
            })
        })?;
        Ok(rows.collect::<std::result::Result<_, _>>()?)
    }
}

/// A tick as read from `t.item, t.ticked, t.author, t.at, t.revision`.
fn tick_record(r: &rusqlite::Row<'_>) -> rusqlite::Result<TickRecord> {
    Ok(TickRecord {
        item: r.get(0)?,
        on: r.get(1)?,
        author: r.get(2)?,
        at: r.get(3)?,
        revision: r.get(4)?,
    })
}
