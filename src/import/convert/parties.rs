//! The beneficiary fields: `beneficiary` (one establishment) and
//! `beneficiaries` (a group project's establishments, each with its share
//! of the budget and, for machinery, its equipment).

use super::{R, count, equipment_at, get, list, money, object, opt, opt_line, vocab_field};
use crate::domain::dossier::{Beneficiary, BeneficiaryKind, Establishment};
use crate::domain::spellings::Spellings;
use crate::import::convert::FieldIssue;
use serde_json::{Map, Value};

/// `beneficiary`: one object.
pub(super) fn beneficiary(v: &Value, sp: &Spellings) -> R<Beneficiary> {
    let m = object(v, "beneficiary")?;
    who(&m, "beneficiary", sp)
}

/// The fields of one beneficiary at `path` (`beneficiary`,
/// `beneficiaries[2]`).
fn who(m: &Map<String, Value>, path: &str, sp: &Spellings) -> R<Beneficiary> {
    let kind_path = format!("{path}.kind");
    let kind = match get(m, "kind") {
        Some(v) => Some(vocab_field::<BeneficiaryKind>(
            v,
            &kind_path,
            "beneficiary_kind",
            sp,
        )?),
        None => None,
    };
    Ok(Beneficiary {
        name: opt_line(m, "name", path)?,
        kind,
        district: opt_line(m, "district", path)?,
        commune: opt_line(m, "commune", path)?,
        workers: opt(m, "workers", |v| count(v, &format!("{path}.workers")))?,
    })
}

/// `beneficiaries`: a list of objects (a CSV cell holds it as JSON).
/// `with_single` tells that `beneficiary` was given too: an error, the
/// format allows one or the other.
pub(super) fn beneficiaries(v: &Value, with_single: bool, sp: &Spellings) -> R<Vec<Establishment>> {
    if with_single {
        return Err(FieldIssue::at(
            "beneficiaries",
            super::Problem::BothBeneficiaryForms,
        ));
    }
    let items = list(v, "beneficiaries", false)?;
    let mut out = Vec::with_capacity(items.len());
    for (i, item) in items.iter().enumerate() {
        if item.is_null() {
            continue;
        }
        let path = format!("beneficiaries[{i}]");
        let m = object(item, &path)?;
        out.push(Establishment {
            who: who(&m, &path, sp)?,
            total_vnd: opt(&m, "total_vnd", |v| money(v, &format!("{path}.total_vnd")))?,
            national_vnd: opt(&m, "national_vnd", |v| {
                money(v, &format!("{path}.national_vnd"))
            })?,
            equipment: match get(&m, "equipment") {
                Some(v) => equipment_at(v, &format!("{path}.equipment"))?,
                None => Vec::new(),
            },
        });
    }
    Ok(out)
}
