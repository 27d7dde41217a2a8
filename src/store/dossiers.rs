//! Dossiers and their revisions: import, the queue, one dossier.

use super::{Actor, Result, Store, StoreError, audit, bump, head_opt, now};
use crate::domain::dossier::Dossier;
use crate::domain::{Category, Status, Vnd, text};
use chrono::NaiveDate;
use rusqlite::{OptionalExtension, Row, named_params, params};
use std::fmt::Write as _;

/// One good record from an import, ready to store.
pub struct IncomingRecord<'a> {
    pub dossier: &'a Dossier,
    /// The record exactly as read (before cleaning), kept for the record.
    pub raw: &'a serde_json::Value,
    /// Where it came from: `incoming/gia-lai.csv:14`.
    pub source: &'a str,
}

/// What importing one record did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ImportOutcome {
    /// A dossier code not seen before.
    Imported,
    /// A known code with different content: a new revision.
    Updated { revision: i64, reopened: bool },
    /// A known code with the same content as its current revision.
    Unchanged,
}

/// Filters of the queue; `None` means all.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct QueueFilter {
    pub status: Option<Status>,
    pub category: Option<Category>,
    /// Matched without case or diacritics (`tra vinh` = `Trà Vinh`).
    pub province: Option<String>,
    pub plan_year: Option<i32>,
    /// At most this many rows (the first screen of a big queue).
    pub limit: Option<usize>,
}

/// One line of the queue: what the list views need, without the whole
/// dossier.
#[derive(Debug, Clone, PartialEq)]
pub struct QueueRow {
    pub code: String,
    pub plan_year: i32,
    pub province: String,
    pub category: Category,
    pub project_type: crate::domain::dossier::ProjectType,
    pub priority_area: Option<crate::domain::dossier::PriorityArea>,
    pub title: String,
    pub beneficiary: Option<String>,
    pub status: Status,
    pub submitted_on: NaiveDate,
    pub national: Vnd,
    /// Best valid-until date of a regional/national certificate (bonus).
    pub certificate_valid_until: Option<NaiveDate>,
    /// The council's criterion points (one appraiser: the sum of their
    /// points); `None` while unscored (bonus not included).
    pub criteria_points: Option<i64>,
    pub revision: i64,
    pub version: i64,
    pub implementing_unit: String,
    pub district: Option<String>,
    pub commune: Option<String>,
    /// Highest appraiser's total minus the lowest; `None` with fewer than
    /// two appraisers.
    pub score_spread: Option<i64>,
    /// How many appraisers scored it.
    pub appraisers: i64,
    /// Who it is assigned to.
    pub assignee: Option<String>,
}

/// A whole dossier as stored: its current revision and state.
#[derive(Debug, Clone, PartialEq)]
pub struct DossierRecord {
    pub dossier: Dossier,
    pub status: Status,
    pub revision: i64,
    pub version: i64,
    /// The record exactly as read for this revision.
    pub raw: serde_json::Value,
    /// Where this revision came from.
    pub source: String,
    pub imported_at: String,
}

/// The best (latest) valid-until of a regional or national certificate the
/// dossier carries, as a document or in `details.certificate`; with
/// `valid_years` > 0, a certificate with only its day of issue is valid to
/// 31 December of that year counted from the year of issue.
pub fn best_certificate(d: &Dossier, valid_years: u32) -> Option<NaiveDate> {
    crate::domain::checklist::best_certificate(d, valid_years)
        .best
        .map(|b| b.0)
}

/// A short, stable fingerprint of the canonical JSON (FNV-1a, 64 bit): the
/// full texts are compared too, so a collision cannot hide a change.
fn fingerprint(s: &str) -> String {
    let mut h: u64 = 0xcbf29ce484222325;
    for b in s.bytes() {
        h ^= b as u64;
        h = h.wrapping_mul(0x100000001b3);
    }
    let mut out = String::with_capacity(16);
    let _ = write!(out, "{h:016x}");
    out
}

/// A record ready to store, with everything derived from it computed once
/// (the canonical JSON and its fingerprint, the raw record as text, the
/// queue's derived columns). A bulk import builds these off the store's
/// thread, so parsing and deriving overlap with writing.
pub struct PreparedRecord {
    pub dossier: Dossier,
    /// Canonical JSON of the cleaned dossier.
    data: String,
    hash: String,
    /// The record exactly as read, as JSON text.
    raw: String,
    /// Where it came from: `incoming/gia-lai.csv:14`.
    pub source: String,
    province_key: String,
    cert: Option<String>,
    submitted: String,
    /// The beneficiaries under their folded keys (`no_duplicate_support`).
    keys: Vec<super::duplicates::KeyRow>,
}

/// Folded province names (`Đắk Nông` → `dak nong`) already computed: an
/// archive has a few dozen provinces and many dossiers of each.
#[derive(Default)]
pub struct ProvinceKeys(std::collections::HashMap<String, String>);

impl ProvinceKeys {
    fn fold(&mut self, province: &str) -> String {
        if let Some(k) = self.0.get(province) {
            return k.clone();
        }
        let k = text::fold(province);
        // Bounded: a file of made-up provinces cannot grow it without end.
        if self.0.len() < 1024 {
            self.0.insert(province.to_string(), k.clone());
        }
        k
    }
}

impl PreparedRecord {
    pub fn new(dossier: Dossier, raw: &serde_json::Value, source: String) -> PreparedRecord {
        PreparedRecord::with_keys(dossier, raw, source, &mut ProvinceKeys::default())
    }

    /// [`PreparedRecord::new`], folding each province name once per import
    /// rather than once per record.
    pub fn with_keys(
        dossier: Dossier,
        raw: &serde_json::Value,
        source: String,
        keys: &mut ProvinceKeys,
    ) -> PreparedRecord {
        let data = dossier.canonical_json();
        PreparedRecord {
            hash: fingerprint(&data),
            data,
            // The same text as `Display`, without the formatting machinery.
            raw: serde_json::to_string(raw).unwrap_or_default(),
            source,
            province_key: keys.fold(&dossier.province),
            cert: best_certificate(&dossier, 0).map(crate::domain::date::iso),
            submitted: crate::domain::date::iso(dossier.submitted_on),
            keys: super::duplicates::keys_of(&dossier),
            dossier,
        }
    }
}

impl PreparedRecord {
    /// Derive the certificate column with the rule set's validity (a
    /// certificate with only `issued_on`).
    pub fn with_certificate_years(mut self, valid_years: u32) -> PreparedRecord {
        self.cert = best_certificate(&self.dossier, valid_years).map(crate::domain::date::iso);
        self
    }
}

impl Store {
    /// Store a chunk of imported records in ONE transaction: all of them or,
    /// if the process dies or anything fails, none. Callers split big files
    /// into chunks so other appraisers are never locked out for long.
    pub fn import_chunk(
        &mut self,
        actor: &Actor,
        records: &[IncomingRecord<'_>],
    ) -> Result<Vec<ImportOutcome>> {
        let prepared: Vec<PreparedRecord> = records
            .iter()
            .map(|r| PreparedRecord::new(r.dossier.clone(), r.raw, r.source.to_string()))
            .collect();
        self.import_prepared(actor, &prepared)
    }

    /// [`Store::import_chunk`] of records already prepared: one transaction,
    /// all of them or none, each dossier with its audit entry.
    pub fn import_prepared(
        &mut self,
        actor: &Actor,
        records: &[PreparedRecord],
    ) -> Result<Vec<ImportOutcome>> {
        let at = now();
        let tx = self.write()?;
        let mut outcomes = Vec::with_capacity(records.len());
        for rec in records {
            let d = &rec.dossier;
            let data = &rec.data;
            let hash = &rec.hash;
            let existing = head_opt(&tx, &d.code)?;
            let cert = &rec.cert;
            let submitted = &rec.submitted;
            let province_key = &rec.province_key;
            // The columns the queue reads, derived from the dossier: the same
            // for a new dossier and a new revision.
            let columns = named_params! {
                ":plan_year": d.plan_year,
                ":province": d.province,
                ":province_key": province_key,
                ":category": d.category.id(),
                ":project_type": d.project_type.id(),
                ":priority_area": d.priority_area.map(|p| p.id()),
                ":title": d.title,
                ":beneficiary": d.beneficiary_names(),
                ":submitted_on": submitted,
                ":national_vnd": d.budget.national_vnd.0,
                ":cert_valid_until": cert,
                ":implementing_unit": d.implementing_unit,
                ":district": d.all_beneficiaries().first().and_then(|b| b.district.as_deref()),
                ":commune": d.all_beneficiaries().first().and_then(|b| b.commune.as_deref()),
            };
            let insert_revision = |id: i64, revision: i64| -> rusqlite::Result<usize> {
                tx.prepare_cached(
                    "INSERT INTO revisions (dossier_id, revision, content_hash, data, raw, source, imported_at, imported_by)
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
                )?
                .execute(params![id, revision, hash, data, rec.raw, rec.source, at, actor.user])
            };
            match existing {
                None => {
                    let mut p = columns.to_vec();
                    p.extend_from_slice(named_params! { ":code": d.code, ":at": at });
                    tx.prepare_cached(
                        "INSERT INTO dossiers (code, revision, version, status, plan_year, province, province_key, category,
                             project_type, priority_area, title, beneficiary, submitted_on, national_vnd, cert_valid_until,
                             score_points, created_at, updated_at, implementing_unit, district, commune)
                         VALUES (:code, 1, 1, 'pending', :plan_year, :province, :province_key, :category, :project_type,
                             :priority_area, :title, :beneficiary, :submitted_on, :national_vnd, :cert_valid_until,
                             NULL, :at, :at, :implementing_unit, :district, :commune)",
                    )?
                    .execute(p.as_slice())?;
                    let id = tx.last_insert_rowid();
                    insert_revision(id, 1)?;
                    super::duplicates::write_keys(&tx, id, &rec.keys, true)?;
                    audit(
                        &tx,
                        actor,
                        &at,
                        "import",
                        Some((id, &d.code, 1, 1)),
                        None,
                        None,
                        Some(&rec.source),
                    )?;
                    outcomes.push(ImportOutcome::Imported);
                }
                Some(h) => {
                    let (old_hash, old_data): (String, String) = tx
                        .prepare_cached("SELECT content_hash, data FROM revisions WHERE dossier_id = ?1 AND revision = ?2")?
                        .query_row(params![h.id, h.revision], |r| Ok((r.get(0)?, r.get(1)?)))?;
                    if &old_hash == hash && &old_data == data {
                        outcomes.push(ImportOutcome::Unchanged);
                        continue;
                    }
                    let revision = h.revision + 1;
                    let reopened = h.status == Status::Returned.id();
                    let status = if reopened {
                        Status::Pending.id()
                    } else {
                        h.status.as_str()
                    };
                    insert_revision(h.id, revision)?;
                    let mut p = columns.to_vec();
                    p.extend_from_slice(
                        named_params! { ":id": h.id, ":revision": revision, ":status": status },
                    );
                    tx.prepare_cached(
                        "UPDATE dossiers SET revision = :revision, status = :status, plan_year = :plan_year,
                             province = :province, province_key = :province_key, category = :category,
                             project_type = :project_type, priority_area = :priority_area, title = :title,
                             beneficiary = :beneficiary, submitted_on = :submitted_on, national_vnd = :national_vnd,
                             cert_valid_until = :cert_valid_until, implementing_unit = :implementing_unit,
                             district = :district, commune = :commune
                         WHERE id = :id",
                    )?
                    .execute(p.as_slice())?;
                    super::duplicates::write_keys(&tx, h.id, &rec.keys, false)?;
                    let version = bump(&tx, &h, &at)?;
                    let detail = if reopened {
                        format!("{} (returned → pending)", rec.source)
                    } else {
                        rec.source.to_string()
                    };
                    audit(
                        &tx,
                        actor,
                        &at,
                        "revise",
                        Some((h.id, &h.code, revision, version)),
                        None,
                        None,
                        Some(&detail),
                    )?;
                    outcomes.push(ImportOutcome::Updated { revision, reopened });
                }
            }
        }
        tx.commit()?;
        Ok(outcomes)
    }

    /// The queue: every dossier matching the filter, oldest submission first
    /// (newest submission last), then by code.
    pub fn queue(&self, f: &QueueFilter) -> Result<Vec<QueueRow>> {
        let mut out = Vec::new();
        self.queue_each(f, |r| {
            out.push(r);
            Ok(())
        })?;
        Ok(out)
    }

    /// [`Store::queue`] one row at a time, so a caller that keeps less than
    /// the whole row (the TUI's compact rows) never holds all of them.
    pub fn queue_each(
        &self,
        f: &QueueFilter,
        mut each: impl FnMut(QueueRow) -> Result<()>,
    ) -> Result<()> {
        let mut sql = String::from(
            "SELECT code, plan_year, province, category, project_type, priority_area, title, beneficiary, status,
                    submitted_on, national_vnd, cert_valid_until, score_points, revision, version,
                    implementing_unit, district, commune, score_spread, appraisers, assignee
             FROM dossiers WHERE 1 = 1",
        );
        let mut args: Vec<rusqlite::types::Value> = Vec::new();
        if let Some(s) = f.status {
            sql.push_str(" AND status = ?");
            args.push(s.id().to_string().into());
        }
        if let Some(c) = f.category {
            sql.push_str(" AND category = ?");
            args.push(c.id().to_string().into());
        }
        if let Some(p) = &f.province {
            sql.push_str(" AND province_key = ?");
            args.push(text::fold(p.trim()).into());
        }
        if let Some(y) = f.plan_year {
            sql.push_str(" AND plan_year = ?");
            args.push(i64::from(y).into());
        }
        match f.limit {
            // The first rows: read in index order, stopping early.
            Some(n) => sql.push_str(&format!(" ORDER BY submitted_on, code LIMIT {n}")),
            // All rows: read the table in its own order and let SQLite sort
            // (`+` keeps it off the index). Following the index would fetch
            // every row from a random page: at 100,000 rows, twice the time.
            None => sql.push_str(" ORDER BY +submitted_on, +code"),
        }
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let rows = stmt.query_map(rusqlite::params_from_iter(args), queue_row)?;
        let recount = self.stale_council_totals()?;
        for r in rows {
            let mut r = r??;
            self.rescore(&mut r, &recount);
            each(r)?;
        }
        Ok(())
    }

    /// The queue row of one dossier.
    pub fn queue_row(&self, code: &str) -> Result<Option<QueueRow>> {
        let mut stmt = self.conn.prepare_cached("SELECT code, plan_year, province, category, project_type, priority_area, title, beneficiary, status,
                    submitted_on, national_vnd, cert_valid_until, score_points, revision, version,
                    implementing_unit, district, commune, score_spread, appraisers, assignee
             FROM dossiers WHERE code = ?1")?;
        match stmt.query_row([code], queue_row).optional()? {
            Some(r) => {
                let mut r = r?;
                let recount = self.stale_council_totals()?;
                self.rescore(&mut r, &recount);
                Ok(Some(r))
            }
            None => Ok(None),
        }
    }

    /// The plan years present, newest first.
    pub fn plan_years(&self) -> Result<Vec<i32>> {
        let mut stmt = self
            .conn
            .prepare_cached("SELECT DISTINCT plan_year FROM dossiers ORDER BY plan_year DESC")?;
        let rows = stmt.query_map([], |r| r.get::<_, i32>(0))?;
        Ok(rows.collect::<std::result::Result<_, _>>()?)
    }

    /// One dossier with its current revision, or `None`.
    /// The stored code a person typed: itself when it is one, else the one
    /// code it names ignoring case (`kc24-gl-007` → `KC24-GL-007`), else
    /// what was typed (which then names no dossier), trimmed.
    pub fn code_named(&self, typed: &str) -> Result<String> {
        use rusqlite::OptionalExtension;
        let t = typed.trim();
        // The code as typed is found by the index; only a miss scans the
        // table ignoring case (a batch of codes stays one lookup each).
        let exact: Option<i64> = self
            .conn
            .prepare_cached("SELECT 1 FROM dossiers WHERE code = ?1")?
            .query_row([t], |r| r.get(0))
            .optional()?;
        if exact.is_some() {
            return Ok(t.to_string());
        }
        let mut st = self
            .conn
            .prepare_cached("SELECT code FROM dossiers WHERE code = ?1 COLLATE NOCASE LIMIT 3")?;
        let found: Vec<String> = st
            .query_map([t], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        Ok(match found.as_slice() {
            [one] => one.clone(),
            _ => t.to_string(),
        })
    }

    pub fn dossier(&self, code: &str) -> Result<Option<DossierRecord>> {
        // Cached: listings and the TUI read dossiers one after another.
        let row = self
            .conn
            .prepare_cached(
                "SELECT d.status, d.revision, d.version, r.data, r.raw, r.source, r.imported_at
                 FROM dossiers d JOIN revisions r ON r.dossier_id = d.id AND r.revision = d.revision
                 WHERE d.code = ?1",
            )?
            .query_row([code], |r| {
                Ok((
                    r.get::<_, String>(0)?,
                    r.get::<_, i64>(1)?,
                    r.get::<_, i64>(2)?,
                    r.get::<_, String>(3)?,
                    r.get::<_, String>(4)?,
                    r.get::<_, String>(5)?,
                    r.get::<_, String>(6)?,
                ))
            })
            .optional()?;
        let Some((status, revision, version, data, raw, source, imported_at)) = row else {
            return Ok(None);
        };
        let corrupt = |message: String| StoreError::Corrupt {
            code: code.to_string(),
            message,
        };
        let dossier: Dossier = serde_json::from_str(&data).map_err(|e| corrupt(e.to_string()))?;
        let raw = serde_json::from_str(&raw).map_err(|e| corrupt(e.to_string()))?;
        let status =
            Status::from_id(&status).ok_or_else(|| corrupt(format!("status {status:?}")))?;
        Ok(Some(DossierRecord {
            dossier,
            status,
            revision,
            version,
            raw,
            source,
            imported_at,
        }))
    }

    /// Every dossier's current revision as `(code, revision, dossier)`, in
    /// storage order, of the codes `wanted` keeps (the others are not
    /// parsed), one query for all (listings read thousands): `each` may
    /// stop the walk with an error. The raw record is not read.
    pub fn each_current(
        &self,
        wanted: impl Fn(&str) -> bool,
        mut each: impl FnMut(String, i64, Dossier) -> Result<()>,
    ) -> Result<()> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT d.code, d.revision, r.data
             FROM dossiers d JOIN revisions r ON r.dossier_id = d.id AND r.revision = d.revision",
        )?;
        let mut rows = stmt.query([])?;
        while let Some(r) = rows.next()? {
            let code = r.get_ref(0)?.as_str().map_err(rusqlite::Error::from)?;
            if !wanted(code) {
                continue;
            }
            let code = code.to_string();
            let data = r.get_ref(2)?.as_str().map_err(rusqlite::Error::from)?;
            let dossier: Dossier = serde_json::from_str(data).map_err(|e| StoreError::Corrupt {
                code: code.clone(),
                message: e.to_string(),
            })?;
            each(code, r.get(1)?, dossier)?;
        }
        Ok(())
    }

    /// How many dossiers there are.
    pub fn count(&self) -> Result<i64> {
        Ok(self
            .conn
            .query_row("SELECT COUNT(*) FROM dossiers", [], |r| r.get(0))?)
    }
}

fn queue_row(r: &Row<'_>) -> rusqlite::Result<Result<QueueRow>> {
    let code: String = r.get(0)?;
    let corrupt = |what: &str, v: &str| StoreError::Corrupt {
        code: code.clone(),
        message: format!("{what} {v:?}"),
    };
    let category: String = r.get(3)?;
    let project_type: String = r.get(4)?;
    let priority: Option<String> = r.get(5)?;
    let status: String = r.get(8)?;
    let submitted: String = r.get(9)?;
    let cert: Option<String> = r.get(11)?;
    let parse_date = |s: &str| NaiveDate::parse_from_str(s, "%Y-%m-%d");
    let Some(category) = Category::from_id(&category) else {
        return Ok(Err(corrupt("category", &category)));
    };
    let project_type = match project_type.as_str() {
        "pilot" => crate::domain::dossier::ProjectType::Pilot,
        "group" => crate::domain::dossier::ProjectType::Group,
        "named" => crate::domain::dossier::ProjectType::Named,
        other => return Ok(Err(corrupt("project type", other))),
    };
    let priority_area = match priority {
        None => None,
        Some(p) => match crate::domain::dossier::PriorityArea::from_id(&p) {
            Some(p) => Some(p),
            None => return Ok(Err(corrupt("priority area", &p))),
        },
    };
    let Some(status) = Status::from_id(&status) else {
        return Ok(Err(corrupt("status", &status)));
    };
    let Ok(submitted_on) = parse_date(&submitted) else {
        return Ok(Err(corrupt("date", &submitted)));
    };
    let certificate_valid_until = cert.as_deref().and_then(|c| parse_date(c).ok());
    Ok(Ok(QueueRow {
        code: code.clone(),
        plan_year: r.get(1)?,
        province: r.get(2)?,
        category,
        project_type,
        priority_area,
        title: r.get(6)?,
        beneficiary: r.get(7)?,
        status,
        submitted_on,
        national: Vnd(r.get(10)?),
        certificate_valid_until,
        criteria_points: r.get(12)?,
        revision: r.get(13)?,
        version: r.get(14)?,
        implementing_unit: r.get(15)?,
        district: r.get(16)?,
        commune: r.get(17)?,
        score_spread: r.get(18)?,
        appraisers: r.get(19)?,
        assignee: r.get(20)?,
    }))
}
