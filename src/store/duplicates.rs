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
use std::collections::HashMap;

/// One named beneficiary of a dossier under its folded keys: a row of
/// `beneficiary_keys`. Computed off the store's thread by a bulk import.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KeyRow {
    key: String,
    name: String,
    commune: Option<String>,
    commune_key: Option<String>,
}

/// The keys of `d`'s named beneficiaries (none for a blank name).
pub fn keys_of(d: &Dossier) -> Vec<KeyRow> {
    d.all_beneficiaries()
        .into_iter()
        .filter_map(|b| {
            let name = b.name.as_deref()?;
            let key = beneficiary_key(name);
            if key.is_empty() {
                return None;
            }
            Some(KeyRow {
                key,
                name: name.to_string(),
                commune: b.commune.clone(),
                commune_key: b
                    .commune
                    .as_deref()
                    .map(commune_key)
                    .filter(|k| !k.is_empty()),
            })
        })
        .collect()
}

/// Replace the keys of dossier `id` with `keys` ([`keys_of`] its current
/// revision); `fresh` when the dossier was just inserted and has none yet.
/// Runs inside the caller's transaction.
pub(super) fn write_keys(tx: &Connection, id: i64, keys: &[KeyRow], fresh: bool) -> Result<()> {
    if !fresh {
        tx.prepare_cached("DELETE FROM beneficiary_keys WHERE dossier_id = ?1")?
            .execute([id])?;
    }
    let mut insert = tx.prepare_cached(
        "INSERT INTO beneficiary_keys (dossier_id, key, name, commune, commune_key)
         VALUES (?1, ?2, ?3, ?4, ?5)",
    )?;
    for k in keys {
        insert.execute(params![id, k.key, k.name, k.commune, k.commune_key])?;
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
            write_keys(tx, id, &keys_of(&d), false)?;
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

/// The columns of a [`DuplicateRow`], after the asked dossier's code and
/// plan year, from `me` (the asked dossier), `mine` and `other` (the two
/// key rows) and `o` (the other dossier).
const DUPLICATE_COLUMNS: &str = "me.code, me.plan_year, mine.name, mine.commune_key, o.code,
    o.plan_year, o.province, o.status, other.name, other.commune, other.commune_key
    FROM dossiers me
    JOIN beneficiary_keys mine ON mine.dossier_id = me.id
    JOIN beneficiary_keys other ON other.key = mine.key AND other.dossier_id <> me.id
    JOIN dossiers o ON o.id = other.dossier_id";

/// One row of a query over [`DUPLICATE_COLUMNS`]: the asked dossier's code
/// and plan year, and the row.
fn duplicate_row(r: &rusqlite::Row<'_>) -> Result<(String, i32, DuplicateRow)> {
    let code: String = r.get(4)?;
    let status: String = r.get(7)?;
    let status = Status::from_id(&status).ok_or_else(|| StoreError::Corrupt {
        code: code.clone(),
        message: format!("status {status:?}"),
    })?;
    Ok((
        r.get(0)?,
        r.get(1)?,
        DuplicateRow {
            name: r.get(2)?,
            commune_key: r.get(3)?,
            code,
            plan_year: r.get(5)?,
            province: r.get(6)?,
            status,
            other_name: r.get(8)?,
            other_commune: r.get(9)?,
            other_commune_key: r.get(10)?,
        },
    ))
}

impl Store {
    /// The other dossiers naming one of `code`'s beneficiaries: those of
    /// the same plan year that are not returned, and those approved in one
    /// of the `lookback` previous plan years. Newest plan year first.
    pub fn duplicate_candidates(&self, code: &str, lookback: u32) -> Result<Vec<DuplicateRow>> {
        let mut stmt = self.conn.prepare_cached(&format!(
            "SELECT {DUPLICATE_COLUMNS}
             WHERE me.code = ?1
               AND ((o.plan_year = me.plan_year AND o.status <> 'returned')
                 OR (o.status = 'approved' AND o.plan_year < me.plan_year
                     AND o.plan_year >= me.plan_year - ?2))
             ORDER BY o.plan_year DESC, o.code, mine.name"
        ))?;
        let mut rows = stmt.query(params![code, lookback])?;
        let mut out = Vec::new();
        while let Some(r) = rows.next()? {
            out.push(duplicate_row(r)?.2);
        }
        Ok(out)
    }

    /// [`Store::duplicate_candidates`] of every dossier at once, by code
    /// (one query, for listings): `lookback` gives the look-back years of a
    /// plan year's rule set. Dossiers without candidates are absent.
    pub fn all_duplicate_candidates(
        &self,
        lookback: impl Fn(i32) -> u32,
    ) -> Result<HashMap<String, Vec<DuplicateRow>>> {
        let mut stmt = self.conn.prepare_cached(&format!(
            "SELECT {DUPLICATE_COLUMNS}
             WHERE (o.plan_year = me.plan_year AND o.status <> 'returned')
                OR (o.status = 'approved' AND o.plan_year < me.plan_year)
             ORDER BY me.code, o.plan_year DESC, o.code, mine.name"
        ))?;
        let mut rows = stmt.query([])?;
        let mut out: HashMap<String, Vec<DuplicateRow>> = HashMap::new();
        while let Some(r) = rows.next()? {
            let (me, year, row) = duplicate_row(r)?;
            if row.plan_year == year
                || i64::from(row.plan_year) >= i64::from(year) - i64::from(lookback(year))
            {
                out.entry(me).or_default().push(row);
            }
        }
        Ok(out)
    }
}
