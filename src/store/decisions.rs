//! Decisions (approve, return) in batches, and undo.

use super::{Actor, Result, Store, StoreError, WriteTx, audit, bump, check_version, head, now};
use crate::domain::refusal::Refusal;
use crate::domain::{Decision, Status};
use rusqlite::{OptionalExtension, params};

/// One dossier of a decision batch.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DecisionRequest {
    pub code: String,
    /// The version the appraiser saw; a change since then refuses the batch.
    pub expected_version: Option<i64>,
    /// Approved although mandatory checklist items are unmet.
    pub overridden: bool,
    /// Why, for this dossier (else the batch's override reason).
    pub override_reason: Option<String>,
}

/// What a batch did.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct BatchOutcome {
    /// The batch id, `None` when nothing changed.
    pub batch: Option<i64>,
    /// Codes decided (their status changed).
    pub decided: Vec<String>,
    /// Codes that already had that status (left as they were).
    pub already: Vec<String>,
}

/// What an undo did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UndoOutcome {
    /// The batch that was undone, and its action.
    pub undone_batch: i64,
    pub action: String,
    /// The dossiers put back, with the status they returned to.
    pub restored: Vec<(String, Status)>,
}

/// What an undo would do: the batch, its action and time, and each dossier
/// with the status it goes back to (`from`) and has now (`to`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UndoPlan {
    pub batch: i64,
    pub action: String,
    pub at: String,
    pub dossiers: Vec<(String, String, String)>,
}

/// The undo `actor` may make now, or why not (no write).
fn plan_undo(tx: &rusqlite::Connection, actor: &Actor) -> Result<UndoPlan> {
    let last: Option<(i64, String, String)> = tx
        .query_row(
            "SELECT b.id, b.action, b.at FROM batches b
             WHERE b.author = ?1 AND b.action IN ('approve', 'return')
               AND NOT EXISTS (SELECT 1 FROM batches u WHERE u.undoes = b.id)
             ORDER BY b.id DESC LIMIT 1",
            [&actor.user],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
        .optional()?;
    let Some((batch, action, at)) = last else {
        return Err(StoreError::Refused(Refusal::NothingToUndo {
            user: actor.user.clone(),
        }));
    };
    let rows: Vec<(i64, String, String, String)> = {
        let mut stmt = tx.prepare(
            "SELECT d.dossier_id, x.code, d.from_status, d.to_status
             FROM decisions d JOIN dossiers x ON x.id = d.dossier_id WHERE d.batch_id = ?1 ORDER BY x.code",
        )?;
        stmt.query_map([batch], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?))
        })?
        .collect::<std::result::Result<_, _>>()?
    };
    // Refuse if anything was decided on these dossiers after this batch
    // and still stands: a later decision that was itself undone (and the
    // undo that undid it) left the dossier as this batch left it.
    for (dossier_id, code, _, to) in &rows {
        let later: Option<(String, String)> = tx
            .query_row(
                "SELECT b.author, b.at FROM decisions d JOIN batches b ON b.id = d.batch_id
                 WHERE d.dossier_id = ?1 AND d.batch_id > ?2
                   AND b.action IN ('approve', 'return')
                   AND NOT EXISTS (SELECT 1 FROM batches u WHERE u.undoes = b.id)
                 ORDER BY d.batch_id DESC LIMIT 1",
                params![dossier_id, batch],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .optional()?;
        if let Some((by, when)) = later {
            return Err(StoreError::Refused(Refusal::DecidedAgain {
                code: code.clone(),
                by,
                at: when,
            }));
        }
        // Refuse if someone else has since ticked or scored the dossier:
        // their work was done on the dossier as this batch left it.
        let since: Option<(String, String, Option<String>, String)> = tx
            .query_row(
                "SELECT a.author, a.action, a.detail, a.at FROM audit a
                 WHERE a.dossier_id = ?1 AND a.author != ?3
                   AND a.action IN ('tick', 'untick', 'score', 'unscore')
                   AND a.id > (SELECT MAX(id) FROM audit WHERE batch_id = ?2)
                 ORDER BY a.id DESC LIMIT 1",
                params![dossier_id, batch, actor.user],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
            )
            .optional()?;
        if let Some((by, action, detail, when)) = since {
            return Err(StoreError::Refused(Refusal::WorkedOnSince {
                code: code.clone(),
                by,
                action,
                what: detail.unwrap_or_default(),
                at: when,
            }));
        }
        let h = head(tx, code)?;
        if &h.status != to {
            return Err(StoreError::Refused(Refusal::StatusChanged {
                code: code.clone(),
                now: h.status.clone(),
                expected: to.clone(),
            }));
        }
    }
    Ok(UndoPlan {
        batch,
        action,
        at,
        dossiers: rows
            .into_iter()
            .map(|(_, code, from, to)| (code, from, to))
            .collect(),
    })
}

/// One entry of a dossier's decision history.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct HistoryEntry {
    /// `approve`, `return` or `undo`.
    pub action: String,
    pub author: String,
    pub at: String,
    pub reason: Option<String>,
    pub revision: i64,
    pub batch: i64,
    pub from_status: String,
    pub to_status: String,
    /// Approved despite unmet mandatory items; the reason is `override_reason`.
    pub overridden: bool,
    pub override_reason: Option<String>,
}

/// The decision that gave a dossier its current status
/// ([`Store::current_decisions`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CurrentDecision {
    /// `approve` or `return`.
    pub action: String,
    pub author: String,
    /// RFC 3339.
    pub at: String,
    /// The reason of a return.
    pub reason: Option<String>,
    /// Approved despite unmet mandatory items.
    pub overridden: bool,
    pub override_reason: Option<String>,
}

impl Store {
    /// Decide a batch of dossiers in ONE transaction: every dossier of it is
    /// decided, or none. A dossier changed by someone else since the version
    /// the caller saw refuses the whole batch ([`StoreError::Conflict`]).
    /// Dossiers that already have the target status are left alone.
    /// The gate (mandatory checklist items) is the caller's: see `ops`.
    pub fn decide(
        &mut self,
        actor: &Actor,
        decision: Decision,
        reason: Option<&str>,
        override_reason: Option<&str>,
        items: &[DecisionRequest],
    ) -> Result<BatchOutcome> {
        self.atomically(|tx| tx.decide(actor, decision, reason, override_reason, items))
    }
}

impl WriteTx<'_> {
    /// [`Store::decide`] inside an open transaction (the CLI reads the
    /// dossiers and decides them in the same transaction).
    pub fn decide(
        &self,
        actor: &Actor,
        decision: Decision,
        reason: Option<&str>,
        override_reason: Option<&str>,
        items: &[DecisionRequest],
    ) -> Result<BatchOutcome> {
        if decision == Decision::Return && reason.is_none_or(|r| r.trim().is_empty()) {
            return Err(StoreError::Refused(Refusal::ReturnNeedsReason));
        }
        let at = now();
        let target = decision.target();
        let tx = self.conn();
        let mut heads = Vec::with_capacity(items.len());
        for item in items {
            let h = head(tx, &item.code)?;
            check_version(tx, &h, item.expected_version)?;
            heads.push((h, item));
        }
        let mut outcome = BatchOutcome::default();
        let mut batch_id = None;
        for (h, item) in heads {
            if h.status == target.id() {
                outcome.already.push(h.code.clone());
                continue;
            }
            let id = match batch_id {
                Some(id) => id,
                None => {
                    tx.execute(
                        "INSERT INTO batches (action, author, os_user, at, reason, override_reason) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                        params![decision.id(), actor.user, actor.os_user, at, reason, override_reason],
                    )?;
                    let id = tx.last_insert_rowid();
                    batch_id = Some(id);
                    id
                }
            };
            let own_reason = item
                .override_reason
                .as_deref()
                .filter(|r| item.overridden && !r.trim().is_empty());
            if item.overridden
                && own_reason
                    .or(override_reason)
                    .is_none_or(|r| r.trim().is_empty())
            {
                return Err(StoreError::Refused(Refusal::OverrideNeedsReason {
                    code: Some(h.code.clone()),
                }));
            }
            tx.execute(
                "INSERT INTO decisions (batch_id, dossier_id, revision, from_status, to_status, overridden, override_reason)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
                params![id, h.id, h.revision, h.status, target.id(), item.overridden, own_reason],
            )?;
            tx.execute(
                "UPDATE dossiers SET status = ?2 WHERE id = ?1",
                params![h.id, target.id()],
            )?;
            let version = bump(tx, &h, &at)?;
            let detail = if item.overridden {
                format!(
                    "{} → {}; override: {}",
                    h.status,
                    target.id(),
                    own_reason.or(override_reason).unwrap_or("")
                )
            } else {
                format!("{} → {}", h.status, target.id())
            };
            audit(
                tx,
                actor,
                &at,
                decision.id(),
                Some((h.id, &h.code, h.revision, version)),
                Some(id),
                reason,
                Some(&detail),
            )?;
            outcome.decided.push(h.code);
        }
        outcome.batch = batch_id;
        Ok(outcome)
    }
}

impl Store {
    /// What `actor`'s undo would do now, without doing it: the batch it
    /// would undo, or why it cannot (the same refusal [`Store::undo`] gives).
    pub fn undo_plan(&self, actor: &Actor) -> Result<UndoPlan> {
        plan_undo(&self.conn, actor)
    }

    /// Undo `actor`'s last decision batch that is not yet undone, whole:
    /// every dossier of it goes back to the status it had before. Recorded
    /// as a new batch and audit entries, never a deletion. Refused, with
    /// nothing changed, if any of its dossiers was decided again since (a
    /// later decision that was itself undone does not count), or when
    /// `expected` names another batch than the one it would undo (the
    /// appraiser confirmed an undo of a batch that is no longer the last).
    pub fn undo(&mut self, actor: &Actor) -> Result<UndoOutcome> {
        self.undo_expecting(actor, None)
    }

    /// [`Store::undo`], refused unless the batch undone is `expected`.
    pub fn undo_expecting(&mut self, actor: &Actor, expected: Option<i64>) -> Result<UndoOutcome> {
        let at = now();
        let tx = self.write()?;
        let plan = plan_undo(&tx, actor)?;
        if let Some(e) = expected
            && e != plan.batch
        {
            return Err(StoreError::Refused(Refusal::UndoMoved {
                expected: e,
                now: plan.batch,
            }));
        }
        let (batch, action) = (plan.batch, plan.action.clone());
        tx.execute(
            "INSERT INTO batches (action, author, os_user, at, reason, undoes) VALUES ('undo', ?1, ?2, ?3, ?4, ?5)",
            params![actor.user, actor.os_user, at, format!("undo of {action} batch {batch}"), batch],
        )?;
        let undo_id = tx.last_insert_rowid();
        let mut restored = Vec::with_capacity(plan.dossiers.len());
        for (code, from, to) in plan.dossiers {
            let h = head(&tx, &code)?;
            tx.execute(
                "INSERT INTO decisions (batch_id, dossier_id, revision, from_status, to_status) VALUES (?1, ?2, ?3, ?4, ?5)",
                params![undo_id, h.id, h.revision, to, from],
            )?;
            tx.execute(
                "UPDATE dossiers SET status = ?2 WHERE id = ?1",
                params![h.id, from],
            )?;
            let version = bump(&tx, &h, &at)?;
            let detail = format!("{to} → {from} (undo of {action} batch {batch})");
            audit(
                &tx,
                actor,
                &at,
                "undo",
                Some((h.id, &code, h.revision, version)),
                Some(undo_id),
                None,
                Some(&detail),
            )?;
            let status = Status::from_id(&from).unwrap_or(Status::Pending);
            restored.push((code, status));
        }
        tx.commit()?;
        Ok(UndoOutcome {
            undone_batch: batch,
            action,
            restored,
        })
    }

    /// The decision history of one dossier, oldest first.
    pub fn history(&self, code: &str) -> Result<Vec<HistoryEntry>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT b.action, b.author, b.at, b.reason, d.revision, b.id, d.from_status, d.to_status, d.overridden,
                    COALESCE(d.override_reason, b.override_reason)
             FROM decisions d JOIN batches b ON b.id = d.batch_id JOIN dossiers x ON x.id = d.dossier_id
             WHERE x.code = ?1 ORDER BY b.id",
        )?;
        let rows = stmt.query_map([code], |r| {
            Ok(HistoryEntry {
                action: r.get(0)?,
                author: r.get(1)?,
                at: r.get(2)?,
                reason: r.get(3)?,
                revision: r.get(4)?,
                batch: r.get(5)?,
                from_status: r.get(6)?,
                to_status: r.get(7)?,
                overridden: r.get(8)?,
                override_reason: r.get(9)?,
            })
        })?;
        Ok(rows.collect::<std::result::Result<_, _>>()?)
    }

    /// The decision that gave each dossier its current status (the latest
    /// approval or return whose outcome is the status the dossier has now;
    /// an undo that restored an older status leads back to the decision
    /// that first gave it): code → that decision. Dossiers never decided,
    /// or pending again, are absent. For the letters and the report.
    pub fn current_decisions(&self) -> Result<std::collections::HashMap<String, CurrentDecision>> {
        let mut stmt = self.conn.prepare(
            "SELECT x.code, b.action, b.author, b.at, b.reason, d.overridden,
                    COALESCE(d.override_reason, b.override_reason)
             FROM dossiers x JOIN decisions d ON d.dossier_id = x.id JOIN batches b ON b.id = d.batch_id
             WHERE d.batch_id = (SELECT MAX(d2.batch_id) FROM decisions d2 JOIN batches b2 ON b2.id = d2.batch_id
                                 WHERE d2.dossier_id = x.id AND b2.action IN ('approve', 'return')
                                   AND d2.to_status = x.status)",
        )?;
        let rows = stmt.query_map([], |r| {
            Ok((
                r.get::<_, String>(0)?,
                CurrentDecision {
                    action: r.get(1)?,
                    author: r.get(2)?,
                    at: r.get(3)?,
                    reason: r.get(4)?,
                    overridden: r.get(5)?,
                    override_reason: r.get(6)?,
                },
            ))
        })?;
        Ok(rows.collect::<std::result::Result<_, _>>()?)
    }

    /// The reason of the decision that gave each dossier its current status
    /// (for exports): code → (action, reason).
    pub fn last_decisions(
        &self,
    ) -> Result<std::collections::HashMap<String, (String, Option<String>)>> {
        let mut stmt = self.conn.prepare(
            "SELECT x.code, b.action, COALESCE(b.reason, d.override_reason, b.override_reason)
             FROM dossiers x JOIN decisions d ON d.dossier_id = x.id JOIN batches b ON b.id = d.batch_id
             WHERE d.batch_id = (SELECT MAX(batch_id) FROM decisions WHERE dossier_id = x.id)",
        )?;
        let rows = stmt.query_map([], |r| Ok((r.get::<_, String>(0)?, (r.get(1)?, r.get(2)?))))?;
        Ok(rows.collect::<std::result::Result<_, _>>()?)
    }
}
