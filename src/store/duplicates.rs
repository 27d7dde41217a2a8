//! The beneficiaries of every dossier under a folded key, and the lookup of
//! the same beneficiary in other dossiers (`no_duplicate_support`). The
//! keys follow the current revision (rewritten on every import); status
//! and plan year are read from `dossiers` at lookup time, so a return or an
//! approval changes the answer at once.

use super::{Result, Store, StoreError};
use crate::domain::Status;
use crate::domain::dossier::Dossier;
use crate::domain::identity::{beneficiary_key, commune_key};
use rusqlite::{Connection, params};

/// Replace the keys of dossier `id` with those of `d` (one row per named
/// beneficiary). Runs inside the caller's transaction.
pub(super) fn write_keys(tx: &Connection, id: i64, d: &Dossier) -> Result<()> {
    tx.prepare_cached("DELETE FROM beneficiary_keys WHERE dossier_id = ?1")?
        .execute([id])?;
    let mut insert = tx.prepare_cached(
        "INSERT INTO beneficiary_keys (dossier_id, key, name, commune, commune_key)
         VALUES (?1, ?2, ?3, ?4, ?5)",
    )?;
    for b in d.all_beneficiaries() {
        let Some(name) = b.name.as_deref() else {
            continue;
        };
        let key = beneficiary_key(name);
        if key.is_empty() {
            continue;
        }
        let ck = b
            .commune
            .as_deref()
            .map(commune_key)
            .filter(|k| !k.is_empty());
        insert.execute(params![id, key, name, b.commune, ck])?;
    }
    Ok(())
}

/// Fill the keys of every stored dossier (the migration that created the
/// table). A revision that no longer reads as a dossier is left out, as
/// `maintenance check` reports it anyway.
pub(super) fn backfill(tx: &Connection) -> Result<()> {
    let rows: Vec<(i64, String)> = tx
        .prepare(
            "SELECT d.id, r.data FROM dossiers d
             JOIN revisions r ON r.dossier_id = d.id AND r.revision = d.revision",
        )?
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<rusqlite::Result<_>>()?;
    for (id, data) in rows {
        if let Ok(d) = serde_json::from_str::<Dossier>(&data) {
            write_keys(tx, id, &d)?;
        }
    }
    Ok(())
}

/// Another dossier naming the same beneficiary.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DuplicateRow {
    /// The beneficiary as the asked dossier writes it.
    pub name: String,
    /// Its commune key there.
    pub commune_key: Option<String>,
    pub code: String,
    pub plan_year: i32,
    pub province: String,
    pub status: Status,
    pub other_name: String,
    pub other_commune: Option<String>,
    pub other_commune_key: Option<String>,
}

impl Store {
    /// The other dossiers naming one of `code`'s beneficiaries: those of
    /// the same plan year that are not returned, and those approved in one
    /// of the `lookback` previous plan years. Newest plan year first.
    pub fn duplicate_candidates(&self, code: &str, lookback: u32) -> Result<Vec<DuplicateRow>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT mine.name, mine.commune_key, o.code, o.plan_year, o.province, o.status,
                    other.name, other.commune, other.commune_key
             FROM dossiers me
             JOIN beneficiary_keys mine ON mine.dossier_id = me.id
             JOIN beneficiary_keys other ON other.key = mine.key AND other.dossier_id <> me.id
             JOIN dossiers o ON o.id = other.dossier_id
             WHERE me.code = ?1
               AND ((o.plan_year = me.plan_year AND o.status <> 'returned')
                 OR (o.status = 'approved' AND o.plan_year < me.plan_year
                     AND o.plan_year >= me.plan_year - ?2))
             ORDER BY o.plan_year DESC, o.code, mine.name",
        )?;
        let rows = stmt.query_map(params![code, lookback], |r| {
            Ok((
                DuplicateRow {
                    name: r.get(0)?,
                    commune_key: r.get(1)?,
                    code: r.get(2)?,
                    plan_year: r.get(3)?,
                    province: r.get(4)?,
                    status: Status::Pending,
                    other_name: r.get(6)?,
                    other_commune: r.get(7)?,
                    other_commune_key: r.get(8)?,
                },
                r.get::<_, String>(5)?,
            ))
        })?;
        let mut out = Vec::new();
        for row in rows {
            let (mut d, status) = row?;
            d.status = Status::from_id(&status).ok_or_else(|| StoreError::Corrupt {
                code: d.code.clone(),
                message: format!("status {status:?}"),
            })?;
            out.push(d);
        }
        Ok(out)
    }
}
