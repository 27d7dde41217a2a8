//! Tests of the import layer: the converter's rules, and the readers on
//! real files written to a temporary folder.

use super::*;
use crate::domain::category::Category;
use crate::domain::dossier::{
    BeneficiaryKind, CertLevel, DocKind, PollutionSubtype, PriorityArea, ProjectType,
};
use crate::domain::money::Vnd;
use chrono::NaiveDate;
use serde_json::json;
use std::path::PathBuf;

fn aliases() -> CategoryAliases {
    let mut a = CategoryAliases::ids_only();
    a.insert("máy móc thiết bị", Category::Machinery).unwrap();
    a.insert("đào tạo nghề", Category::Training).unwrap();
    a
}

/// A valid record, as a province writes it.
fn good() -> Value {
    json!({
        "code": "KC24-GL-007",
        "plan_year": 2024,
        "province": "Gia Lai",
        "category": "máy móc thiết bị",
        "title": "Hỗ trợ ứng dụng máy sấy cà phê tiên tiến",
        "implementing_unit": "Trung tâm Khuyến công Gia Lai",
        "beneficiary": {"name": "HTX Cà phê Ia Grai", "kind": "HTX", "workers": 42},
        "submitted_on": "28/09/2023",
        "budget": {"total_vnd": "650.000.000", "national_vnd": 300000000,
                   "counterpart_vnd": "350,000,000 đ"},
        "documents": ["cover_letter", {"kind": "proposal", "pages": 12}],
    })
}

fn convert(v: &Value) -> Result<Converted, FieldIssue> {
    record_from_value(v, &aliases())
}

/// The `field: message` of the rejection of `v`.
fn reject(v: &Value) -> String {
    match convert(v) {
        Ok(c) => panic!("accepted: {:?}", c.dossier),
        Err(e) => e.to_string(),
    }
}

fn with(mut v: Value, pointer: &str, new: Value) -> Value {
    // Create intermediate objects like a CSV column would.
    let parts: Vec<&str> = pointer.split('/').skip(1).collect();
    let mut cur = &mut v;
    for p in &parts[..parts.len() - 1] {
        if cur.get(*p).is_none() {
            cur[*p] = json!({});
        }
        cur = &mut cur[*p];
    }
    cur[parts[parts.len() - 1]] = new;
    v
}

fn without(mut v: Value, key: &str) -> Value {
    if let Value::Object(m) = &mut v {
        m.remove(key);
    }
    v
}

fn d(y: i32, m: u32, dd: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, dd).unwrap()
}

// ---------------------------------------------------------------- converter

#[test]
fn a_good_record_converts_with_parsed_values() {
    let c = convert(&good()).unwrap();
    assert!(c.warnings.is_empty());
    let dd = c.dossier;
    assert_eq!(dd.code, "KC24-GL-007");
    assert_eq!(dd.plan_year, 2024);
    assert_eq!(dd.category, Category::Machinery);
    assert_eq!(dd.project_type, ProjectType::Named);
    assert_eq!(dd.submitted_on, d(2023, 9, 28));
    assert_eq!(dd.budget.total_vnd, Some(Vnd(650_000_000)));
    assert_eq!(dd.budget.national_vnd, Vnd(300_000_000));
    assert_eq!(dd.budget.counterpart_vnd, Some(Vnd(350_000_000)));
    assert_eq!(dd.budget.local_vnd, None);
    let b = dd.beneficiary.unwrap();
    assert_eq!(b.kind, Some(BeneficiaryKind::Cooperative));
    assert_eq!(b.workers, Some(42));
    assert_eq!(dd.documents.len(), 2);
    assert_eq!(dd.documents[1].kind, DocKind::Proposal);
    assert_eq!(dd.documents[1].pages, Some(12));
    assert!(dd.extra.is_empty());
}

#[test]
fn required_fields_missing_or_empty_are_named() {
    for key in [
        "code",
        "plan_year",
        "province",
        "category",
        "title",
        "implementing_unit",
        "submitted_on",
        "budget",
    ] {
        assert_eq!(
            reject(&without(good(), key)),
            format!("{key}: required field is missing")
        );
    }
    assert_eq!(
        reject(&with(good(), "/title", json!("   "))),
        "title: required field is empty"
    );
    assert_eq!(
        reject(&with(good(), "/province", json!(null))),
        "province: required field is missing"
    );
    assert_eq!(
        reject(&with(good(), "/budget", json!({"total_vnd": 1}))),
        "budget.national_vnd: required field is missing"
    );
    // Text that cleans away to nothing is empty too.
    assert_eq!(
        reject(&with(good(), "/implementing_unit", json!("\t\r\n"))),
        "implementing_unit: required field is empty"
    );
}

#[test]
fn wrong_types_name_the_field_and_the_value() {
    assert_eq!(
        reject(&with(good(), "/plan_year", json!("hai nghìn"))),
        "plan_year: \"hai nghìn\" is not a year"
    );
    assert_eq!(
        reject(&with(good(), "/plan_year", json!(2024.5))),
        "plan_year: 2024.5 is not a year"
    );
    assert_eq!(
        reject(&with(good(), "/plan_year", json!(20245))),
        "plan_year: 20245 is not a year"
    );
    assert_eq!(
        reject(&with(good(), "/budget/national_vnd", json!("1,5 tỷ"))),
        "budget.national_vnd: \"1,5 tỷ\" is not an amount in VND"
    );
    assert_eq!(
        reject(&with(good(), "/budget/national_vnd", json!(300000000.5))),
        "budget.national_vnd: 300000000.5 has decimals: amounts are whole đồng"
    );
    assert_eq!(
        reject(&with(good(), "/budget/local_vnd", json!(-5000000))),
        "budget.local_vnd: -5000000 is negative: amounts must be ≥ 0"
    );
    assert_eq!(
        reject(&with(good(), "/budget/total_vnd", json!("1.50.000"))),
        "budget.total_vnd: \"1.50.000\" has inconsistent thousands separators"
    );
    assert_eq!(
        reject(&with(good(), "/submitted_on", json!("2023/09/28"))),
        "submitted_on: \"2023/09/28\" is not a date (use 2023-09-28 or 28/09/2023)"
    );
    assert_eq!(
        reject(&with(good(), "/end", json!("31/02/2024"))),
        "end: \"31/02/2024\" is not a day of the calendar"
    );
    assert_eq!(
        reject(&with(good(), "/beneficiary/workers", json!("bốn mươi"))),
        "beneficiary.workers: \"bốn mươi\" is not a whole number"
    );
    assert_eq!(
        reject(&with(good(), "/beneficiary/workers", json!(-3))),
        "beneficiary.workers: -3 is negative"
    );
    assert_eq!(
        reject(&with(good(), "/beneficiary", json!("HTX Ia Grai"))),
        "beneficiary: \"HTX Ia Grai\" is not an object"
    );
    assert_eq!(
        reject(&with(good(), "/title", json!(["a"]))),
        "title: a list is not text"
    );
    assert_eq!(
        reject(&json!([1, 2])),
        "a list is not a dossier (expected a JSON object)"
    );
}

#[test]
fn category_resolves_aliases_and_lists_the_ids_when_unknown() {
    let c = convert(&with(good(), "/category", json!("MAY MOC THIET BI"))).unwrap();
    assert_eq!(c.dossier.category, Category::Machinery);
    let c = convert(&with(good(), "/category", json!("Đào tạo nghề"))).unwrap();
    assert_eq!(c.dossier.category, Category::Training);
    let c = convert(&with(good(), "/category", json!("typical_product"))).unwrap();
    assert_eq!(c.dossier.category, Category::TypicalProduct);
    assert_eq!(
        reject(&with(good(), "/category", json!("du lịch"))),
        "category: \"du lịch\" is not a known category (use one of: demonstration_model, \
         machinery, pollution_treatment, typical_product, training, consulting, or a \
         Vietnamese name of one)"
    );
}

#[test]
fn enumerations_accept_ids_and_vietnamese_names() {
    for (w, t) in [
        ("pilot", ProjectType::Pilot),
        ("Đề án điểm", ProjectType::Pilot),
        ("điểm", ProjectType::Pilot),
        ("nhóm", ProjectType::Group),
        ("GROUP", ProjectType::Group),
        ("cụ thể", ProjectType::Named),
        ("named", ProjectType::Named),
    ] {
        let c = convert(&with(good(), "/project_type", json!(w))).unwrap();
        assert_eq!(c.dossier.project_type, t, "{w}");
    }
    assert_eq!(
        reject(&with(good(), "/project_type", json!("lớn"))),
        "project_type: \"lớn\" is not one of: pilot, group, named"
    );
    for (w, k) in [
        ("doanh nghiệp", BeneficiaryKind::Enterprise),
        ("enterprise", BeneficiaryKind::Enterprise),
        ("Hợp tác xã", BeneficiaryKind::Cooperative),
        ("htx", BeneficiaryKind::Cooperative),
        ("tổ hợp tác", BeneficiaryKind::CoopGroup),
        ("coop_group", BeneficiaryKind::CoopGroup),
        ("hộ kinh doanh", BeneficiaryKind::Household),
        ("Hộ gia đình", BeneficiaryKind::Household),
    ] {
        let c = convert(&with(good(), "/beneficiary/kind", json!(w))).unwrap();
        assert_eq!(c.dossier.beneficiary.unwrap().kind, Some(k), "{w}");
    }
    assert_eq!(
        reject(&with(good(), "/beneficiary/kind", json!("công ty mẹ"))),
        "beneficiary.kind: \"công ty mẹ\" is not one of: enterprise, cooperative, coop_group, household"
    );
    let c = convert(&with(good(), "/priority_area", json!("poor_district_30a"))).unwrap();
    assert_eq!(c.dossier.priority_area, Some(PriorityArea::PoorDistrict30a));
    assert!(
        reject(&with(good(), "/priority_area", json!("vùng sâu"))).starts_with(
            "priority_area: \"vùng sâu\" is not one of: highland_border_island_ethnic,"
        )
    );
    let c = convert(&with(
        good(),
        "/details/subtype",
        json!("cluster_treatment"),
    ))
    .unwrap();
    assert_eq!(
        c.dossier.details.subtype,
        Some(PollutionSubtype::ClusterTreatment)
    );
    assert!(
        reject(&with(good(), "/details/subtype", json!("xử lý nước")))
            .starts_with("details.subtype: \"xử lý nước\" is not one of: establishment_treatment,")
    );
    for (w, l) in [
        ("cấp tỉnh", CertLevel::Provincial),
        ("tỉnh", CertLevel::Provincial),
        ("khu vực", CertLevel::Regional),
        ("Cấp khu vực", CertLevel::Regional),
        ("quốc gia", CertLevel::National),
        ("national", CertLevel::National),
    ] {
        let c = convert(&with(good(), "/details/certificate/level", json!(w))).unwrap();
        assert_eq!(c.dossier.details.certificate.unwrap().level, Some(l), "{w}");
    }
    assert_eq!(
        reject(&with(good(), "/details/certificate/level", json!("huyện"))),
        "details.certificate.level: \"huyện\" is not one of: provincial, regional, national"
    );
}

#[test]
fn booleans_in_every_spelling() {
    for (w, b) in [
        (json!(true), true),
        (json!(false), false),
        (json!("true"), true),
        (json!("FALSE"), false),
        (json!("yes"), true),
        (json!("no"), false),
        (json!("có"), true),
        (json!("Không"), false),
        (json!("1"), true),
        (json!("0"), false),
        (json!(1), true),
        (json!("x"), true),
        (json!("X"), true),
    ] {
        let c = convert(&with(good(), "/details/energy_saving", w.clone())).unwrap();
        assert_eq!(c.dossier.details.energy_saving, Some(b), "{w}");
    }
    // An empty cell is absent, not false.
    let c = convert(&with(good(), "/details/energy_saving", json!(""))).unwrap();
    assert_eq!(c.dossier.details.energy_saving, None);
    assert_eq!(
        reject(&with(
            good(),
            "/details/cluster/legal_complete",
            json!("chưa rõ")
        )),
        "details.cluster.legal_complete: \"chưa rõ\" is not yes or no (use true/false, có/không, 1/0 or x)"
    );
}

#[test]
fn numbers_and_lists_are_read_from_text_as_csv_cells_hold_them() {
    let v = json!({
        "code": "KC24-TV-002", "plan_year": "2024", "province": "Trà Vinh",
        "category": "consulting", "title": "Tư vấn chuyển đổi số",
        "implementing_unit": "Trung tâm Khuyến công Trà Vinh",
        "submitted_on": "2023-09-15",
        "budget": {"national_vnd": "120.000.000"},
        "beneficiary": {"workers": " 15 "},
        "documents": "cover_letter| proposal |cost_estimate||quotation",
        "details": {
            "topics": "chuyển đổi số|quản trị sản xuất",
            "digital_transformation": "có",
            "equipment": "[{\"name\": \"Máy ép viên\", \"quantity\": \"2\", \"unit_price_vnd\": \"150.000.000\", \"year\": 2023}]",
            "cluster": "{\"name\": \"CCN Long Đức\", \"legal_complete\": \"x\"}",
            "trainees": "30",
        },
    });
    let c = convert(&v).unwrap();
    let dd = c.dossier;
    assert_eq!(dd.plan_year, 2024);
    assert_eq!(dd.beneficiary.unwrap().workers, Some(15));
    let kinds: Vec<DocKind> = dd.documents.iter().map(|d| d.kind).collect();
    assert_eq!(
        kinds,
        vec![
            DocKind::CoverLetter,
            DocKind::Proposal,
            DocKind::CostEstimate,
            DocKind::Quotation
        ]
    );
    assert_eq!(
        dd.details.topics,
        vec!["chuyển đổi số", "quản trị sản xuất"]
    );
    assert_eq!(dd.details.digital_transformation, Some(true));
    assert_eq!(dd.details.equipment.len(), 1);
    assert_eq!(dd.details.equipment[0].quantity, Some(2));
    assert_eq!(
        dd.details.equipment[0].unit_price_vnd,
        Some(Vnd(150_000_000))
    );
    assert_eq!(dd.details.equipment[0].year, Some(2023));
    let cl = dd.details.cluster.unwrap();
    assert_eq!(cl.name.as_deref(), Some("CCN Long Đức"));
    assert_eq!(cl.legal_complete, Some(true));
    assert_eq!(dd.details.trainees, Some(30));

    assert!(
        reject(&with(good(), "/details/equipment", json!("[{\"name\": ")))
            .starts_with("details.equipment: is not valid JSON: ")
    );
    assert_eq!(
        reject(&with(good(), "/details/equipment", json!("máy sấy"))),
        "details.equipment: \"máy sấy\" is not a list (write it as JSON: [{\"name\": …}])"
    );
    assert_eq!(
        reject(&with(
            good(),
            "/details/equipment",
            json!([{"name": "Lò sấy", "unit_price_vnd": "12,5 triệu"}])
        )),
        "details.equipment[0].unit_price_vnd: \"12,5 triệu\" is not an amount in VND"
    );
}

#[test]
fn amounts_above_the_bound_are_rejected_in_every_money_field() {
    use crate::domain::money::MAX_VND;
    let max = MAX_VND.0;
    let too_large = "is too large: amounts are at most 1.000.000.000.000.000 đồng";
    let fields = [
        ("/budget/national_vnd", "budget.national_vnd"),
        ("/budget/total_vnd", "budget.total_vnd"),
        ("/budget/local_vnd", "budget.local_vnd"),
        ("/budget/counterpart_vnd", "budget.counterpart_vnd"),
    ];
    let equipment = |price: Value| {
        with(
            good(),
            "/details/equipment",
            json!([{"name": "Lò sấy"}, {"name": "Máy ép", "unit_price_vnd": price}]),
        )
    };
    for (big, shown) in [
        (json!(max + 1), format!("{}", max + 1)),
        (json!(i64::MAX), format!("{}", i64::MAX)),
        (json!(u64::MAX), format!("{}", u64::MAX)),
        (
            json!("1.000.000.000.000.001 đ"),
            "\"1.000.000.000.000.001 đ\"".into(),
        ),
        (
            json!("9223372036854775807"),
            "\"9223372036854775807\"".into(),
        ),
    ] {
        for (pointer, field) in fields {
            assert_eq!(
                reject(&with(good(), pointer, big.clone())),
                format!("{field}: {shown} {too_large}")
            );
        }
        assert_eq!(
            reject(&equipment(big.clone())),
            format!("details.equipment[1].unit_price_vnd: {shown} {too_large}")
        );
    }
    // The bound itself is an amount.
    for (pointer, _) in fields {
        assert!(
            convert(&with(good(), pointer, json!(max))).is_ok(),
            "{pointer}"
        );
    }
    let c = convert(&equipment(json!("1.000.000.000.000.000"))).unwrap();
    assert_eq!(c.dossier.details.equipment[1].unit_price_vnd, Some(MAX_VND));
}

#[test]
fn documents_unknown_kinds_are_kept_as_other_with_a_warning() {
    let v = with(
        good(),
        "/documents",
        json!([
            "cover_letter",
            {"kind": "Bản vẽ thiết kế", "title": "Bản vẽ xưởng"},
            "business_registration",
            "financial_report",
            {"kind": "product_certificate", "level": "cấp khu vực", "valid_until": "31/12/2026"},
        ]),
    );
    let c = convert(&v).unwrap();
    let docs = &c.dossier.documents;
    assert_eq!(docs[1].kind, DocKind::Other);
    assert_eq!(docs[1].original_kind.as_deref(), Some("Bản vẽ thiết kế"));
    assert_eq!(docs[1].title.as_deref(), Some("Bản vẽ xưởng"));
    assert_eq!(docs[2].kind, DocKind::BusinessRegistration);
    assert_eq!(docs[3].kind, DocKind::FinancialReport);
    assert_eq!(docs[4].level, Some(CertLevel::Regional));
    assert_eq!(docs[4].valid_until, Some(d(2026, 12, 31)));
    assert_eq!(
        c.warnings
            .iter()
            .map(ToString::to_string)
            .collect::<Vec<_>>(),
        vec!["documents[1].kind: unknown document kind \"Bản vẽ thiết kế\" kept as other"]
    );
    assert_eq!(
        reject(&with(
            good(),
            "/documents",
            json!(["proposal", {"title": "Dự toán"}])
        )),
        "documents[1].kind: required field is missing"
    );
    assert_eq!(
        reject(&with(good(), "/documents", json!(["proposal", 7]))),
        "documents[1]: 7 is not a document (write its kind, or an object with a kind)"
    );
    assert_eq!(
        reject(&with(
            good(),
            "/documents",
            json!([{"kind": "quotation", "pages": "mười"}])
        )),
        "documents[0].pages: \"mười\" is not a whole number"
    );
}

#[test]
fn code_is_trimmed_and_must_be_one_word() {
    let c = convert(&with(good(), "/code", json!("  KC24-GL-007\t"))).unwrap();
    assert_eq!(c.dossier.code, "KC24-GL-007");
    assert_eq!(
        reject(&with(good(), "/code", json!("KC24 GL 007"))),
        "code: \"KC24 GL 007\" must not contain spaces or control characters"
    );
    assert_eq!(
        reject(&with(good(), "/code", json!("KC24\u{1b}[2J"))),
        "code: \"KC24\\u{1b}[2J\" must not contain spaces or control characters"
    );
    assert!(reject(&with(good(), "/code", json!("KC24\u{202E}700"))).starts_with("code: "));
    assert!(
        reject(&with(good(), "/code", json!("K".repeat(101))))
            .ends_with("…\" is longer than 100 characters")
    );
    assert!(convert(&with(good(), "/code", json!("Đ".repeat(100)))).is_ok());
}

#[test]
fn text_is_nfc_and_neutralised_and_unknown_keys_are_kept() {
    let nfd_province = "Tra\u{0300} Vinh";
    let v = with(
        with(
            with(good(), "/province", json!(nfd_province)),
            "/title",
            json!("Máy sấy\u{1b}[2J\u{1b}]0;pwned\u{7} \u{202E}gnp.exe"),
        ),
        "/ghi_chu_\u{1b}[31m",
        json!({"nguoi_lap": "Nguye\u{0302}\u{0303}n Va\u{0306}n A\u{9b}", "so": 3}),
    );
    let v = with(v, "/details/mau_\u{202E}", json!("x\u{1b}y"));
    let v = with(v, "/summary", json!("Dòng 1\r\nDòng 2\u{1b}[2J\tcuối"));
    let c = convert(&v).unwrap();
    let dd = c.dossier;
    assert_eq!(dd.province, "Trà Vinh");
    assert_eq!(dd.province.chars().count(), 8);
    assert_eq!(dd.title, "Máy sấy␛[2J␛]0;pwned␇ \u{FFFD}gnp.exe");
    assert_eq!(dd.summary.as_deref(), Some("Dòng 1\nDòng 2␛[2J    cuối"));
    let extra = dd.extra.get("ghi_chu_␛[31m").expect("cleaned key kept");
    assert_eq!(extra["nguoi_lap"], json!("Nguyễn Văn A\u{FFFD}"));
    assert_eq!(extra["so"], json!(3));
    assert_eq!(dd.details.extra.get("mau_\u{FFFD}"), Some(&json!("x␛y")));
    for s in [&dd.title, &dd.province, dd.summary.as_deref().unwrap_or("")] {
        assert!(crate::domain::text::is_terminal_safe(s), "{s:?}");
    }
}

#[test]
fn a_50_kb_summary_is_kept_whole_and_a_field_over_1_mib_is_rejected() {
    let para = "Hợp tác xã đầu tư dây chuyền sấy cà phê công suất 5 tấn/mẻ, giảm hao hụt. \n";
    let summary = para.repeat(50 * 1024 / para.len() + 1);
    assert!(summary.len() > 50 * 1024);
    let c = convert(&with(good(), "/summary", json!(summary))).unwrap();
    assert_eq!(c.dossier.summary.unwrap(), summary.trim_end());

    let huge = "a".repeat(MAX_FIELD_BYTES + 1);
    assert_eq!(
        reject(&with(good(), "/summary", json!(huge))),
        format!(
            "summary: is {} bytes long, more than the 1 MiB a field may hold",
            MAX_FIELD_BYTES + 1
        )
    );
    assert_eq!(
        reject(&with(good(), "/details/ghi_chu", json!([huge]))),
        format!(
            "details.ghi_chu[0]: is {} bytes long, more than the 1 MiB a field may hold",
            MAX_FIELD_BYTES + 1
        )
    );
    let m = reject(&with(
        good(),
        "/budget/national_vnd",
        json!("9".repeat(200)),
    ));
    assert!(m.starts_with("budget.national_vnd: \"999"), "{m}");
    assert!(m.chars().count() < 150, "{m}");
}

// ---------------------------------------------------------------- files

/// A temporary folder with files written into it.
struct Dir(tempfile::TempDir);

impl Dir {
    fn new() -> Dir {
        Dir(tempfile::tempdir().unwrap())
    }
    fn write(&self, rel: &str, bytes: impl AsRef<[u8]>) -> PathBuf {
        let p = self.0.path().join(rel);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(&p, bytes).unwrap();
        p
    }
    fn path(&self, rel: &str) -> PathBuf {
        self.0.path().join(rel)
    }
    /// `rel` shown as the user would see it: relative to the folder.
    fn rel(&self, item: String) -> String {
        let prefix = format!("{}/", self.0.path().display());
        item.replace(&prefix, "")
    }
}

/// Every item, shown as the lead prints them, paths relative to `dir`.
fn lines(dir: &Dir, paths: &[PathBuf]) -> Vec<String> {
    scan(paths, &aliases())
        .map(|item| {
            dir.rel(match item {
                Item::Record(r) => format!("ok {}: {}", r.location, r.dossier.code),
                Item::Rejected(e) => format!("error: {e}"),
                Item::FileSkipped(e) => format!("skipped: {e}"),
                Item::Warning(w) => format!("warning: {w}"),
            })
        })
        .collect()
}

fn records(paths: &[PathBuf]) -> Vec<ImportedRecord> {
    scan(paths, &aliases())
        .filter_map(|i| match i {
            Item::Record(r) => Some(*r),
            _ => None,
        })
        .collect()
}

const CSV_HEADER: &str = "code,plan_year,province,category,title,implementing_unit,submitted_on,budget.national_vnd,budget.total_vnd,documents";

#[test]
fn csv_with_bom_semicolons_crlf_quoted_newlines_dotted_columns_and_lists() {
    let dir = Dir::new();
    let text = "\u{feff}code;plan_year;province;category;title;implementing_unit;submitted_on;budget.national_vnd;budget.total_vnd;beneficiary.name;documents;details.topics;summary\r\n\
KC24-HN-001;2024;Hà Nội;consulting;\"Tư vấn; chuyển đổi số\";TT Khuyến công Hà Nội;15/09/2023;\"120.000.000\";240.000.000;\"Công ty \"\"Mây tre\"\" Phú Vinh\";cover_letter|proposal|cost_estimate;chuyển đổi số|marketing;\"Dòng một\r\nDòng hai\"\r\n\
KC24-HN-002;2024;Hà Nội;consulting;Tư vấn;TT Khuyến công Hà Nội;16/09/2023;1,5 tỷ;;;;;\r\n";
    let p = dir.write("ha-noi.csv", text);
    assert_eq!(
        lines(&dir, std::slice::from_ref(&p)),
        vec![
            "ok ha-noi.csv:2: KC24-HN-001",
            "error: ha-noi.csv:4: budget.national_vnd: \"1,5 tỷ\" is not an amount in VND",
        ]
    );
    let r = records(&[p]).remove(0);
    assert_eq!(r.dossier.title, "Tư vấn; chuyển đổi số");
    assert_eq!(
        r.dossier.beneficiary.unwrap().name.as_deref(),
        Some("Công ty \"Mây tre\" Phú Vinh")
    );
    assert_eq!(r.dossier.documents.len(), 3);
    assert_eq!(r.dossier.details.topics, vec!["chuyển đổi số", "marketing"]);
    assert_eq!(r.dossier.summary.as_deref(), Some("Dòng một\nDòng hai"));
    assert_eq!(r.dossier.budget.total_vnd, Some(Vnd(240_000_000)));
    // The raw record: nested from the dotted columns, cells as written.
    assert_eq!(r.raw["budget"]["national_vnd"], json!("120.000.000"));
    assert_eq!(r.raw["summary"], json!("Dòng một\r\nDòng hai"));
    assert_eq!(
        r.raw["documents"],
        json!("cover_letter|proposal|cost_estimate")
    );
    assert!(r.raw.get("priority_area").is_none());
}

#[test]
fn csv_structure_problems() {
    let dir = Dir::new();
    let row =
        "KC24-GL-001,2024,Gia Lai,machinery,Máy sấy,TTKC Gia Lai,28/09/2023,300000000,,proposal";
    dir.write("a/only-header.csv", format!("{CSV_HEADER}\r\n"));
    dir.write("b/dup.csv", format!("code,title,code\n{row}\n"));
    dir.write(
        "c/cells.csv",
        format!("{CSV_HEADER}\n{row},surplus\n{row},\n\n,,,,\nKC24-GL-003,2024\n"),
    );
    dir.write(
        "d/quote.csv",
        format!("{CSV_HEADER}\n{row}\n\"KC24-GL-002,2024\n"),
    );
    dir.write("e/upper.CSV", format!("{CSV_HEADER},\n{row},ghi chú lạc\n"));
    dir.write(
        "f/tabs.csv",
        "code\tplan_year\tprovince\nKC24-GL-001\t2024\tGia Lai\n",
    );
    assert_eq!(
        lines(&dir, &[dir.path("")]),
        vec![
            "skipped: a/only-header.csv: has a header but no rows",
            "skipped: b/dup.csv: header: column \"code\" appears twice",
            "error: c/cells.csv:2: the row has 11 cells but the header has 10 columns",
            "ok c/cells.csv:3: KC24-GL-001",
            "error: c/cells.csv:6: province: required field is missing",
            "ok d/quote.csv:2: KC24-GL-001",
            "error: d/quote.csv:3: a quoted cell is never closed (a \" is missing); the rest of the file is in it",
            "ok e/upper.CSV:2: KC24-GL-001",
            "warning: e/upper.CSV:2: 1 cell(s) under columns without a name were ignored",
            "skipped: f/tabs.csv: header: columns are separated by tabs; save the sheet as CSV with , or ; between columns",
        ]
    );
}

#[test]
fn jsonl_with_a_bad_line_in_the_middle() {
    let dir = Dir::new();
    let g = good().to_string();
    let mut second = good();
    second["code"] = json!("KC24-GL-008");
    let text = format!(
        "{g}\n\n{{\"code\": \"KC24-GL-009\", \n[1,2]\r\n{}\n   \n{}\n",
        second,
        without(good(), "title")
    );
    let p = dir.write("batch.jsonl", text);
    assert_eq!(
        lines(&dir, &[p]),
        vec![
            "ok batch.jsonl:1: KC24-GL-007",
            "error: batch.jsonl:3: not valid JSON at column 24: EOF while parsing a value",
            "error: batch.jsonl:4: a list is not a dossier (each line must hold one JSON object)",
            "ok batch.jsonl:5: KC24-GL-008",
            "error: batch.jsonl:7: title: required field is missing",
        ]
    );
}

#[test]
fn json_array_with_a_non_object_element_and_json_syntax_errors() {
    let dir = Dir::new();
    let mut second = good();
    second["code"] = json!("KC24-GL-008");
    second["documents"] = json!(["proposal", "bản vẽ"]);
    let arr = json!([good(), "KC24-GL-999", second]);
    dir.write("a.json", serde_json::to_string_pretty(&arr).unwrap());
    dir.write(
        "b.json",
        "{\n  \"code\": \"KC24-GL-010\",\n  \"plan_year\": 2024,,\n}",
    );
    dir.write("c.json", "[]");
    dir.write("d.json", "\"just text\"");
    dir.write("e.JSON", good().to_string());
    assert_eq!(
        lines(&dir, &[dir.path("")]),
        vec![
            "ok a.json[0]: KC24-GL-007",
            "error: a.json[1]: \"KC24-GL-999\" is not a dossier (expected a JSON object)",
            "ok a.json[2]: KC24-GL-008",
            "warning: a.json[2]: documents[1].kind: unknown document kind \"bản vẽ\" kept as other",
            "skipped: b.json: not valid JSON at line 3, column 21: key must be a string",
            "skipped: c.json: holds an empty list: no dossiers",
            "skipped: d.json: holds \"just text\" where a dossier object or a list of them was expected",
            "ok e.JSON: KC24-GL-007",
        ]
    );
}

#[test]
fn escape_sequences_are_neutralised_in_the_dossier_but_kept_in_raw() {
    let dir = Dir::new();
    let evil = "Máy\u{1b}[2J\u{1b}]8;;http://x\u{7}sấy\u{202E}";
    let p = dir.write("evil.json", with(good(), "/title", json!(evil)).to_string());
    let r = records(&[p]).remove(0);
    assert_eq!(r.dossier.title, "Máy␛[2J␛]8;;http://x␇sấy\u{FFFD}");
    assert_eq!(r.raw["title"], json!(evil));
}

#[test]
fn nfd_text_in_a_file_comes_out_nfc() {
    let dir = Dir::new();
    let nfd = "Kho\u{0301}m ho\u{0300}a";
    let p = dir.write(
        "nfd.csv",
        format!("{CSV_HEADER},beneficiary.district\nKC24-GL-001,2024,Gia Lai,machinery,Máy sấy,TTKC,28/09/2023,1,,,{nfd}\n"),
    );
    let r = records(&[p]).remove(0);
    assert_eq!(
        r.dossier.beneficiary.unwrap().district.as_deref(),
        Some("Khóm hòa")
    );
    assert_eq!(r.raw["beneficiary"]["district"], json!(nfd));
}

#[test]
fn files_that_are_not_utf8_empty_or_unknown_are_skipped() {
    let dir = Dir::new();
    let mut latin = format!("{CSV_HEADER}\n").into_bytes();
    latin.extend_from_slice(b"KC24-TV-001,2024,Tr\xE0 Vinh\n");
    dir.write("latin.csv", latin);
    dir.write("empty.jsonl", "");
    dir.write("bom.csv", "\u{feff}");
    dir.write("blank.jsonl", "\n  \r\n");
    dir.write("sheet.xlsx", "PK\u{3}\u{4}");
    dir.write("notes.txt", "ghi chú");
    let named = [
        dir.path("latin.csv"),
        dir.path("empty.jsonl"),
        dir.path("bom.csv"),
        dir.path("blank.jsonl"),
        dir.path("sheet.xlsx"),
        dir.path("notes.txt"),
        dir.path("missing.json"),
    ];
    assert_eq!(
        lines(&dir, &named),
        vec![
            "skipped: latin.csv: not UTF-8 text (invalid bytes on line 2); save it as UTF-8 and import it again",
            "skipped: empty.jsonl: the file is empty",
            "skipped: bom.csv: the file is empty",
            "skipped: blank.jsonl: the file is empty",
            "skipped: sheet.xlsx: is not a workbook that can be read (Xlsx error: Zip error: invalid Zip archive: Could not find EOCD); open it in the spreadsheet program and save it again",
            "skipped: notes.txt: unknown file type: expected .json, .jsonl, .csv, .xlsx, .xls or .ods (or a folder)",
            "skipped: missing.json: no such file or folder",
        ]
    );
}

#[test]
fn folders_are_walked_recursively_in_order_passing_over_hidden_and_other_files() {
    let dir = Dir::new();
    let rec = |code: &str| with(good(), "/code", json!(code)).to_string();
    dir.write("incoming/b.json", rec("KC-B"));
    dir.write("incoming/a/z.jsonl", rec("KC-AZ"));
    dir.write("incoming/a/deeper/y.json", rec("KC-ADY"));
    dir.write("incoming/c.txt", "không phải hồ sơ");
    dir.write("incoming/.hidden.json", rec("KC-HIDDEN"));
    dir.write("incoming/.git/x.json", rec("KC-GIT"));
    dir.write("incoming/README", "x");
    dir.write("other.jsonl", rec("KC-OTHER"));
    assert_eq!(
        lines(&dir, &[dir.path("incoming"), dir.path("other.jsonl")]),
        vec![
            "ok incoming/a/deeper/y.json: KC-ADY",
            "ok incoming/a/z.jsonl:1: KC-AZ",
            "ok incoming/b.json: KC-B",
            "ok other.jsonl:1: KC-OTHER",
        ]
    );
    // Given explicitly, a hidden file is read.
    assert_eq!(
        lines(&dir, &[dir.path("incoming/.hidden.json")]),
        vec!["ok incoming/.hidden.json: KC-HIDDEN"]
    );
}

#[test]
fn deeply_nested_json_is_an_error_not_a_crash() {
    let dir = Dir::new();
    let deep = format!("{}{}", "[".repeat(100_000), "]".repeat(100_000));
    dir.write("deep.json", &deep);
    let line = format!("{{\"code\": \"KC-1\", \"x\": {deep}}}\n{}\n", good());
    dir.write("deep.jsonl", line);
    let got = lines(&dir, &[dir.path("deep.json"), dir.path("deep.jsonl")]);
    assert_eq!(got.len(), 3, "{got:?}");
    // The array is read element by element: the element too deep to
    // parse is rejected by its index (the file's other elements would
    // still be read).
    assert_eq!(
        got[0],
        "error: deep.json[0]: not valid JSON: recursion limit exceeded"
    );
    assert!(
        got[1].starts_with("error: deep.jsonl:1: not valid JSON at column"),
        "{}",
        got[1]
    );
    assert_eq!(got[2], "ok deep.jsonl:2: KC24-GL-007");
}

#[test]
fn a_long_jsonl_file_is_streamed_record_by_record() {
    let dir = Dir::new();
    let mut text = String::new();
    for i in 0..3000 {
        text.push_str(&with(good(), "/code", json!(format!("KC24-GL-{i:05}"))).to_string());
        text.push('\n');
    }
    let p = dir.write("many.jsonl", text);
    let mut s = scan(&[p], &aliases());
    // The first record is available before the rest of the file is read.
    match s.next() {
        Some(Item::Record(r)) => assert_eq!(r.dossier.code, "KC24-GL-00000"),
        other => panic!("{other:?}"),
    }
    assert_eq!(s.count(), 2999);
}

#[test]
fn hostile_cells_are_rejected_by_line_and_field_and_the_file_goes_on() {
    let dir = Dir::new();
    let row = |code: &str, extra: &str| {
        format!(
            "{code},2024,Gia Lai,machinery,Máy sấy,TTKC Gia Lai,28/09/2023,300000000,,proposal,{extra}\n"
        )
    };
    let huge = "ư".repeat(MAX_FIELD_BYTES / 2 + 1);
    let deep = format!("{}{}", "[".repeat(5000), "]".repeat(5000));
    let text = format!(
        "{CSV_HEADER},summary\n{}{}{}{}",
        row("KC24-GL-001", &huge),
        row("KC24-GL-002", "\"Dòng \u{1b}[2J\u{0}một\""),
        row("KC24-GL-003", ""),
        row("KC24-GL-004", ""),
    );
    let text = text.replacen(
        ",proposal,\n",
        &format!(",\"{}\",\n", deep.replace('"', "\"\"")),
        1,
    );
    let p = dir.write("hostile.csv", text);
    let got = lines(&dir, std::slice::from_ref(&p));
    assert_eq!(got.len(), 4, "{got:?}");
    assert_eq!(
        got[0],
        format!(
            "error: hostile.csv:2: summary: is {} bytes long, more than the 1 MiB a field may hold",
            huge.len()
        )
    );
    assert_eq!(got[1], "ok hostile.csv:3: KC24-GL-002");
    assert!(
        got[2].starts_with(
            "error: hostile.csv:4: documents: is not valid JSON: recursion limit exceeded"
        ),
        "{}",
        got[2]
    );
    assert_eq!(got[3], "ok hostile.csv:5: KC24-GL-004");
    let r = records(&[p]).remove(0);
    assert_eq!(r.dossier.summary.as_deref(), Some("Dòng ␛[2J␀một"));
}

#[test]
fn a_record_over_16_mib_is_rejected_without_stopping_the_file() {
    let dir = Dir::new();
    let big = format!("{{\"summary\": \"{}\"}}", "a".repeat(MAX_RECORD_BYTES));
    let mut second = good();
    second["code"] = json!("KC24-GL-008");
    let jsonl = dir.write("big.jsonl", format!("{big}\n{}\n", good()));
    // A .json array is read element by element, each held up to 16 MiB.
    let json = dir.write("big.json", format!("[{}, {big}, {second}]", good()));
    assert_eq!(
        lines(&dir, &[jsonl, json]),
        vec![
            "error: big.jsonl:1: the line is longer than 16 MiB",
            "ok big.jsonl:2: KC24-GL-007",
            "ok big.json[0]: KC24-GL-007",
            "error: big.json[1]: the record is larger than 16 MiB",
            "ok big.json[2]: KC24-GL-008",
        ]
    );
}

#[test]
fn json_columns_count_characters_not_bytes() {
    // `{"t": "Đà Nẵng",, }`: the second comma is the 18th character, the
    // 22nd byte.
    let line = "{\"t\": \"Đà Nẵng\",, }".as_bytes();
    assert_eq!(char_column(line, 22), 18);
    assert_eq!(char_column(b"{,}", 2), 2);
    assert_eq!(char_column(b"", 1), 1);
    assert_eq!(
        char_column(line, 999),
        "{\"t\": \"Đà Nẵng\",, }".chars().count() + 1
    );
}
