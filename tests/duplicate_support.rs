//! `no_duplicate_support` through the real binary: a beneficiary that
//! appears in a second province's file (written differently) is caught, and
//! the duplicate goes away when one dossier is returned; approved support
//! of the previous plan years counts, within the rule set's look-back.

mod common;
use common::*;
use serde_json::{Value, json};

fn dossier(code: &str, province: &str, plan_year: i32, name: &str, commune: Option<&str>) -> Value {
    let mut b = json!({"name": name, "kind": "enterprise"});
    if let Some(c) = commune {
        b["commune"] = json!(c);
    }
    json!({
        "code": code, "plan_year": plan_year, "province": province,
        "category": "machinery", "title": "Hỗ trợ máy chẻ nan tre",
        "implementing_unit": format!("Trung tâm Khuyến công {province}"),
        "beneficiary": b,
        "submitted_on": format!("{}-09-15", plan_year - 1),
        "budget": {"total_vnd": 600_000_000, "national_vnd": 300_000_000,
                   "local_vnd": 0, "counterpart_vnd": 300_000_000},
        "documents": ["cover_letter", "proposal", "cost_estimate", "support_request",
                      "province_appraisal", "counterpart_commitment", "no_double_funding", "quotation"]
    })
}

/// Quảng Nam's dossier for the company, with its commune as written.
fn quang_nam_004(commune: &str) -> Value {
    dossier(
        "KC26-QNA-004",
        "Quảng Nam",
        2026,
        "Công ty TNHH Mây tre Phú Vinh",
        Some(commune),
    )
}

fn write(db: &Db, file: &str, records: &[Value]) -> String {
    let path = db.dir().join(file);
    std::fs::write(&path, serde_json::to_string(records).unwrap()).unwrap();
    path.display().to_string()
}

fn import(db: &Db, file: &str, records: &[Value]) {
    let path = write(db, file, records);
    let out = db.run(&["import", &path]);
    assert_eq!(out.code, 0, "{}", out.stderr);
}

/// (state, detail) of the item, or None when it is not in the checklist.
fn item(db: &Db, code: &str) -> Option<(String, String)> {
    let d = db.json(&["show", code, "--format", "json"]);
    d["checklist"]
        .as_array()?
        .iter()
        .find(|i| i["id"] == "no_duplicate_support")
        .map(|i| {
            (
                i["state"].as_str().unwrap_or("").to_string(),
                i["detail"].as_str().unwrap_or("").to_string(),
            )
        })
}

#[test]
fn a_duplicate_appears_with_the_second_file_and_goes_when_one_is_returned() {
    let db = Db::new();
    import(&db, "quang-nam.json", &[quang_nam_004("Xã Phú Vinh")]);
    let (state, detail) = item(&db, "KC26-QNA-004").expect("item present");
    assert_eq!(state, "pass", "{detail}");
    assert_eq!(
        detail,
        "the beneficiary is in no other dossier of the plan year and was not approved in the previous 3 years"
    );

    // The other province writes it with Cty, in capitals, decomposed (NFD).
    let nfd = "CTY TNHH MA\u{302}Y TRE PHU\u{301} VINH";
    import(
        &db,
        "thua-thien-hue.json",
        &[dossier(
            "KC26-TTH-011",
            "Thừa Thiên Huế",
            2026,
            nfd,
            Some("Phú Vinh"),
        )],
    );
    let (state, detail) = item(&db, "KC26-QNA-004").expect("item present");
    assert_eq!(state, "fail");
    assert_eq!(
        detail,
        "supported twice: Công ty TNHH Mây tre Phú Vinh = CTY TNHH MÂY TRE PHÚ VINH in KC26-TTH-011 (Thừa Thiên Huế, Phú Vinh, plan year 2026, pending; same commune)"
    );
    let (state, detail) = item(&db, "KC26-TTH-011").expect("item present");
    assert_eq!(state, "fail");
    assert!(
        detail.contains("in KC26-QNA-004 (Quảng Nam, Xã Phú Vinh,"),
        "{detail}"
    );

    // The gate refuses the approval and cites the article.
    let out = db.run(&["approve", "KC26-QNA-004"]);
    assert_ne!(out.code, 0);
    assert!(
        out.stderr
            .contains("No duplicate support (supported twice:"),
        "{}",
        out.stderr
    );
    assert!(
        out.stderr.contains("[NĐ 45/2012/NĐ-CP (sđ NĐ 235/2025/NĐ-CP), điều kiện hỗ trợ: không trùng lắp nguồn NSNN]"),
        "{}",
        out.stderr
    );

    // Returned: it no longer counts against the other one.
    let out = db.run(&[
        "return",
        "KC26-TTH-011",
        "--reason",
        "trùng cơ sở với Quảng Nam",
    ]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert_eq!(
        item(&db, "KC26-QNA-004").map(|x| x.0).as_deref(),
        Some("pass")
    );

    // Re-submitted (a new revision reopens it): the duplicate is back.
    let mut again = dossier(
        "KC26-TTH-011",
        "Thừa Thiên Huế",
        2026,
        nfd,
        Some("Phú Vinh"),
    );
    again["title"] = json!("Hỗ trợ máy chẻ nan tre (bổ sung)");
    import(&db, "thua-thien-hue-2.json", &[again]);
    assert_eq!(
        item(&db, "KC26-QNA-004").map(|x| x.0).as_deref(),
        Some("fail")
    );
}

#[test]
fn another_commune_is_a_candidate_and_another_legal_form_is_someone_else() {
    let db = Db::new();
    import(
        &db,
        "a.json",
        &[
            quang_nam_004("Phú Vinh"),
            dossier(
                "KC26-QNG-002",
                "Quảng Ngãi",
                2026,
                "Cty. TNHH Mây tre - Phú Vinh",
                Some("Tịnh Khê"),
            ),
            dossier(
                "KC26-BD-001",
                "Bình Định",
                2026,
                "Hợp tác xã Mây tre Phú Vinh",
                Some("Phú Vinh"),
            ),
        ],
    );
    let (state, detail) = item(&db, "KC26-QNA-004").expect("item");
    assert_eq!(state, "unknown");
    assert!(
        detail.starts_with("possible duplicate, check: "),
        "{detail}"
    );
    assert!(detail.contains("KC26-QNG-002"), "{detail}");
    assert!(
        !detail.contains("KC26-BD-001"),
        "a cooperative is another beneficiary: {detail}"
    );
    assert_eq!(
        item(&db, "KC26-BD-001").map(|x| x.0).as_deref(),
        Some("pass")
    );
}

#[test]
fn approved_support_of_previous_years_counts_within_the_look_back() {
    let db = Db::new();
    let name = "Công ty TNHH Gốm Chu Đậu";
    import(
        &db,
        "old.json",
        &[
            dossier("KC23-HD-001", "Hải Dương", 2023, name, Some("Thái Tân")),
            dossier("KC22-HD-001", "Hải Dương", 2022, name, Some("Thái Tân")),
        ],
    );
    // KC23 is pending: only approved support of earlier years counts.
    import(
        &db,
        "new.json",
        &[dossier(
            "KC26-HD-009",
            "Hải Dương",
            2026,
            "Cty TNHH Gốm Chu Đậu",
            Some("Thái Tân"),
        )],
    );
    assert_eq!(
        item(&db, "KC26-HD-009").map(|x| x.0).as_deref(),
        Some("pass")
    );
    let out = db.run(&[
        "approve",
        "KC23-HD-001",
        "KC22-HD-001",
        "--override",
        "kiểm thử",
    ]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    // 2023 is within three years of 2026; 2022 is not.
    let (state, detail) = item(&db, "KC26-HD-009").expect("item");
    assert_eq!(state, "fail");
    assert!(detail.contains("KC23-HD-001"), "{detail}");
    assert!(!detail.contains("KC22-HD-001"), "{detail}");
}

#[test]
fn a_database_from_before_the_keys_is_filled_on_opening() {
    let db = Db::new();
    import(
        &db,
        "a.json",
        &[
            quang_nam_004("Phú Vinh"),
            dossier(
                "KC26-TTH-011",
                "Thừa Thiên Huế",
                2026,
                "Cty TNHH Mây tre Phú Vinh",
                Some("Phú Vinh"),
            ),
        ],
    );
    {
        // Back to schema 4: no key table.
        let c = rusqlite::Connection::open(&db.path).unwrap();
        c.execute_batch(
            "DROP TABLE beneficiary_keys;
             DROP TABLE appraisals; DROP TABLE settings; DROP TABLE presence;
             DROP INDEX dossiers_assignee;
             ALTER TABLE dossiers DROP COLUMN score_spread;
             ALTER TABLE dossiers DROP COLUMN appraisers;
             ALTER TABLE dossiers DROP COLUMN assignee;
             PRAGMA user_version = 4;",
        )
        .unwrap();
    }
    assert_eq!(
        item(&db, "KC26-QNA-004").map(|x| x.0).as_deref(),
        Some("fail")
    );
}
