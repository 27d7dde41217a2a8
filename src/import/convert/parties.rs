//! The beneficiary fields: `beneficiary` (one establishment) and
//! `beneficiaries` (a group project's establishments, each with its share
//! of the budget and, for machinery, its equipment).

use super::{R, count, enum_field, equipment_at, get, list, money, object, opt, opt_line};
use crate::domain::dossier::{Beneficiary, BeneficiaryKind, Establishment};
use crate::import::convert::FieldIssue;
use serde_json::{Map, Value};

/// `beneficiary`: one object.
pub(super) fn beneficiary(v: &Value) -> R<Beneficiary> {
    let m = object(v, "beneficiary")?;
    who(&m, "beneficiary")
}

/// The fields of one beneficiary at `path` (`beneficiary`,
/// `beneficiaries[2]`).
fn who(m: &Map<String, Value>, path: &str) -> R<Beneficiary> {
    let kind_path = format!("{path}.kind");
    let kind = match get(m, "kind") {
        Some(v) => Some(enum_field(
            v,
            &kind_path,
            &[
                ("enterprise", BeneficiaryKind::Enterprise),
                ("cooperative", BeneficiaryKind::Cooperative),
                ("coop_group", BeneficiaryKind::CoopGroup),
                ("household", BeneficiaryKind::Household),
                ("doanh nghiệp", BeneficiaryKind::Enterprise),
                ("hợp tác xã", BeneficiaryKind::Cooperative),
                ("HTX", BeneficiaryKind::Cooperative),
                ("tổ hợp tác", BeneficiaryKind::CoopGroup),
                ("hộ kinh doanh", BeneficiaryKind::Household),
                ("hộ gia đình", BeneficiaryKind::Household),
            ],
            &["enterprise", "cooperative", "coop_group", "household"],
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
pub(super) fn beneficiaries(v: &Value, with_single: bool) -> R<Vec<Establishment>> {
    if with_single {
        return Err(FieldIssue::at(
            "beneficiaries",
            "beneficiary and beneficiaries may not both be given",
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
            who: who(&m, &path)?,
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
