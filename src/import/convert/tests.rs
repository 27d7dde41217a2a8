//! The fields the format gained: `beneficiaries` with shares,
//! `details.model_kind`, `details.certificate.issued_on`.

use super::*;
use crate::domain::category::CategoryAliases;
use crate::domain::dossier::{BeneficiaryKind, ModelKind};
use serde_json::json;

fn group() -> Value {
    json!({
        "code": "KC26-TH-001",
        "plan_year": 2026,
        "province": "Thanh Hóa",
        "category": "machinery",
        "project_type": "group",
        "title": "Hỗ trợ máy chế biến cói cho 3 cơ sở",
        "implementing_unit": "Trung tâm Khuyến công Thanh Hóa",
        "submitted_on": "2025-09-20",
        "budget": {"total_vnd": 1_800_000_000u64, "national_vnd": 900_000_000u64},
        "beneficiaries": [
            {"name": "Cty TNHH Cói Nga Sơn", "kind": "doanh nghiệp", "commune": "Nga Sơn",
             "total_vnd": "600.000.000", "national_vnd": 300_000_000u64,
             "equipment": [{"name": "Máy dệt chiếu cói", "quantity": 2}]},
            // NFD: the name decomposed, as some keyboards write it.
            {"name": "Ho\u{031B}\u{0323}p ta\u{0301}c xa\u{0303} Cói Nga Thạch", "kind": "HTX",
             "total_vnd": 600_000_000u64, "national_vnd": 300_000_000u64},
            null,
            {"name": "Cơ sở Cói Hoàng Lan", "total_vnd": 600_000_000u64,
             "national_vnd": 300_000_000u64}
        ]
    })
}

fn convert(v: &Value) -> Result<Converted, FieldIssue> {
    record_from_value(v, &CategoryAliases::ids_only())
}

#[test]
fn beneficiaries_are_read_with_their_shares_and_equipment() {
    let d = convert(&group()).expect("group converts").dossier;
    assert_eq!(d.beneficiary, None);
    assert_eq!(d.beneficiaries.len(), 3, "the null entry is skipped");
    let first = &d.beneficiaries[0];
    assert_eq!(first.who.name.as_deref(), Some("Cty TNHH Cói Nga Sơn"));
    assert_eq!(first.who.kind, Some(BeneficiaryKind::Enterprise));
    assert_eq!(first.total_vnd, Some(Vnd(600_000_000)));
    assert_eq!(first.national_vnd, Some(Vnd(300_000_000)));
    assert_eq!(first.equipment[0].quantity, Some(2));
    // NFC on the way in.
    assert_eq!(
        d.beneficiaries[1].who.name.as_deref(),
        Some("Hợp tác xã Cói Nga Thạch")
    );
    assert_eq!(
        d.beneficiary_names().as_deref(),
        Some("Cty TNHH Cói Nga Sơn; Hợp tác xã Cói Nga Thạch; Cơ sở Cói Hoàng Lan")
    );
    // Stored and read back unchanged.
    let back: Dossier = serde_json::from_str(&d.canonical_json()).expect("round trip");
    assert_eq!(back, d);
    assert!(d.extra.is_empty(), "beneficiaries is a known key now");
}

#[test]
fn beneficiaries_errors_name_the_establishment_and_field() {
    let mut v = group();
    v["beneficiaries"][3]["national_vnd"] = json!("3,5 tỷ");
    let e = convert(&v).expect_err("bad share");
    assert_eq!(e.field.as_deref(), Some("beneficiaries[3].national_vnd"));
    assert!(e.to_string().contains("not an amount"), "{e}");

    let mut v = group();
    v["beneficiaries"][0]["equipment"][0]["quantity"] = json!("hai");
    let e = convert(&v).expect_err("bad quantity");
    assert_eq!(
        e.field.as_deref(),
        Some("beneficiaries[0].equipment[0].quantity")
    );

    let mut v = group();
    v["beneficiary"] = json!({"name": "HTX Cói"});
    let e = convert(&v).expect_err("both given");
    assert_eq!(
        e.to_string(),
        "beneficiaries: beneficiary and beneficiaries may not both be given"
    );

    let mut v = group();
    v["beneficiaries"] = json!("Cty TNHH Cói");
    let e = convert(&v).expect_err("not a list");
    assert_eq!(e.field.as_deref(), Some("beneficiaries"));
}

#[test]
fn beneficiaries_in_a_csv_cell_are_json() {
    let mut v = group();
    v["beneficiaries"] = json!(
        "[{\"name\": \"Cty TNHH Cói Nga Sơn\", \"total_vnd\": \"600.000.000\", \"national_vnd\": 300000000}]"
    );
    let d = convert(&v).expect("cell converts").dossier;
    assert_eq!(d.beneficiaries[0].total_vnd, Some(Vnd(600_000_000)));
}

#[test]
fn model_kind_and_issued_on_are_read() {
    let mut v = group();
    v["details"] = json!({"model_kind": "Nhân rộng mô hình",
                          "certificate": {"level": "khu vực", "issued_on": "15/08/2022"}});
    let d = convert(&v).expect("details convert").dossier;
    assert_eq!(d.details.model_kind, Some(ModelKind::Replication));
    assert_eq!(d.model_kind(), ModelKind::Replication);
    let c = d.details.certificate.expect("certificate");
    assert_eq!(c.issued_on, NaiveDate::from_ymd_opt(2022, 8, 15));
    assert_eq!(c.valid_until, None);

    v["details"] = json!({"model_kind": "copy"});
    let e = convert(&v).expect_err("unknown kind");
    assert_eq!(
        e.to_string(),
        "details.model_kind: \"copy\" is not one of: new_technology, replication"
    );
    v["details"] = json!({"certificate": {"issued_on": "2022-13-01"}});
    let e = convert(&v).expect_err("bad date");
    assert_eq!(e.field.as_deref(), Some("details.certificate.issued_on"));
    // Absent: a new technology.
    v["details"] = json!({});
    assert_eq!(
        convert(&v).expect("no details").dossier.model_kind(),
        ModelKind::NewTechnology
    );
}
