//! The council's score of a dossier, kept on its row: recomputed from the
//! appraisers' points whenever one of them scores or the dossier's lead
//! (its assignee) changes, and for every dossier when the rule in
//! `data/council.toml` differs from the one the stored scores were made by.

use super::{Actor, Result, Store, audit, now};
use crate::domain::council::Council;
use rusqlite::{Connection, OptionalExtension, params};
use std::collections::HashMap;

/// Recompute one dossier's council score, spread and appraiser count.
pub(super) fn refresh(tx: &Connection, dossier_id: i64, council: &Council) -> Result<()> {
    let totals: Vec<(String, i64)> = tx
        .prepare_cached(
            "SELECT appraiser, SUM(points) FROM appraisals WHERE dossier_id = ?1 GROUP BY appraiser ORDER BY appraiser",
        )?
        .query_map([dossier_id], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<std::result::Result<_, _>>()?;
    let lead: Option<String> = tx
        .prepare_cached("SELECT assignee FROM dossiers WHERE id = ?1")?
        .query_row([dossier_id], |r| r.get(0))?;
    let v = council.verdict(&totals, lead.as_deref());
    tx.prepare_cached(
        "UPDATE dossiers SET score_points = ?2, score_spread = ?3, appraisers = ?4 WHERE id = ?1",
    )?
    .execute(params![dossier_id, v.points, v.spread, v.appraisers as i64])?;
    Ok(())
}

const RULE_KEY: &str = "council_rule";

impl Store {
    /// Aggregate scores by `council` from now on. When the stored scores
    /// were made by another rule (or before councils), every scored
    /// dossier's score is recomputed, in one transaction with one audit
    /// entry naming both rules. A database opened read-only keeps its
    /// stored scores (it cannot be written).
    pub fn use_council(&mut self, actor: &Actor, council: Council) -> Result<()> {
        self.council = council;
        let stored: Option<String> = self
            .conn
            .query_row(
                "SELECT value FROM settings WHERE key = ?1",
                [RULE_KEY],
                |r| r.get(0),
            )
            .optional()?;
        self.council_stale = false;
        if stored.as_deref() == Some(council.rule.id()) {
            return Ok(());
        }
        if self.is_read_only()? {
            // Cannot store the new scores: work them out when read.
            self.council_stale = true;
            return Ok(());
        }
        let at = now();
        let tx = self.write()?;
        // Read again under the write lock: another process may have done it.
        let stored: Option<String> = tx
            .query_row(
                "SELECT value FROM settings WHERE key = ?1",
                [RULE_KEY],
                |r| r.get(0),
            )
            .optional()?;
        if stored.as_deref() == Some(council.rule.id()) {
            return Ok(());
        }
        let ids: Vec<i64> = tx
            .prepare("SELECT DISTINCT dossier_id FROM appraisals")?
            .query_map([], |r| r.get(0))?
            .collect::<std::result::Result<_, _>>()?;
        for id in &ids {
            refresh(&tx, *id, &council)?;
        }
        tx.execute(
            "INSERT INTO settings (key, value) VALUES (?1, ?2) ON CONFLICT (key) DO UPDATE SET value = ?2",
            params![RULE_KEY, council.rule.id()],
        )?;
        if !ids.is_empty() || stored.is_some() {
            let was = stored.as_deref().unwrap_or("none");
            let detail = format!(
                "council rule {was} → {}; {} dossiers rescored",
                council.rule.id(),
                ids.len()
            );
            audit(&tx, actor, &at, "council", None, None, None, Some(&detail))?;
        }
        tx.commit()?;
        Ok(())
    }

    /// The council settings in force.
    pub fn council(&self) -> Council {
        self.council
    }

    /// When the stored council scores were made by another rule and
    /// cannot be rewritten (a read-only database): each dossier scored by
    /// several appraisers with their totals, to score it again when read.
    pub(super) fn stale_council_totals(&self) -> Result<HashMap<String, Vec<(String, i64)>>> {
        let mut out: HashMap<String, Vec<(String, i64)>> = HashMap::new();
        if !self.council_stale {
            return Ok(out);
        }
        let mut stmt = self.conn.prepare_cached(
            "SELECT d.code, a.appraiser, SUM(a.points) FROM appraisals a JOIN dossiers d ON d.id = a.dossier_id
             WHERE d.appraisers > 1 GROUP BY d.code, a.appraiser ORDER BY d.code, a.appraiser",
        )?;
        let rows = stmt.query_map([], |r| {
            Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?, r.get(2)?))
        })?;
        for row in rows {
            let (code, who, points) = row?;
            out.entry(code).or_default().push((who, points));
        }
        Ok(out)
    }

    /// Score a queue row by the rule in force when its stored score is
    /// stale ([`Store::stale_council_totals`]).
    pub(super) fn rescore(
        &self,
        row: &mut super::QueueRow,
        stale: &HashMap<String, Vec<(String, i64)>>,
    ) {
        if let Some(totals) = stale.get(&row.code) {
            row.criteria_points = self.council.verdict(totals, row.assignee.as_deref()).points;
        }
    }

    fn is_read_only(&self) -> Result<bool> {
        Ok(self
            .conn
            .query_row("PRAGMA query_only", [], |r| r.get::<_, i64>(0))?
            != 0)
    }
}
