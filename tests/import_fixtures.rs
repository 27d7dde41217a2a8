//! The import layer on the fixture files of `tests/fixtures/import/`: the
//! exact lines a user sees for each (the CLI tests reuse these files), and
//! the values read from them.

use chrono::NaiveDate;
use serde_json::json;
use std::path::PathBuf;
use thamdinh::domain::dossier::{
    BeneficiaryKind, CertLevel, DocKind, PollutionSubtype, PriorityArea, ProjectType,
};
use thamdinh::domain::text::is_terminal_safe;
use thamdinh::domain::{Category, CategoryAliases, Vnd};
use thamdinh::import::{ImportedRecord, Item, scan};

fn items(paths: &[&str]) -> Vec<Item> {
    let paths: Vec<PathBuf> = paths.iter().map(PathBuf::from).collect();
    scan(&paths, &CategoryAliases::ids_only()).collect()
}

/// Every item as a line: what the CLI prints behind `error: `, `warning: `.
fn show(paths: &[&str]) -> Vec<String> {
    items(paths)
        .into_iter()
        .map(|item| match item {
            Item::Record(r) => format!("ok {}: {}", r.location, r.dossier.code),
            Item::Rejected(e) => format!("error: {e}"),
            Item::FileSkipped(e) => format!("skipped: {e}"),
            Item::Warning(w) => format!("warning: {w}"),
        })
        .collect()
}

fn records(path: &str) -> Vec<ImportedRecord> {
    items(&[path])
        .into_iter()
        .filter_map(|i| match i {
            Item::Record(r) => Some(*r),
            _ => None,
        })
        .collect()
}

fn d(y: i32, m: u32, dd: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, dd).unwrap()
}

#[test]
fn gia_lai_csv_every_row_is_read() {
    assert_eq!(
        show(&["tests/fixtures/import/gia-lai-2025.csv"]),
        vec![
            "ok tests/fixtures/import/gia-lai-2025.csv:2: KC25-GL-001",
            "ok tests/fixtures/import/gia-lai-2025.csv:4: KC25-GL-002",
            "ok tests/fixtures/import/gia-lai-2025.csv:5: KC25-GL-003",
            "ok tests/fixtures/import/gia-lai-2025.csv:6: KC25-GL-004",
            "ok tests/fixtures/import/gia-lai-2025.csv:7: KC25-GL-005",
            "ok tests/fixtures/import/gia-lai-2025.csv:8: KC25-GL-006",
        ]
    );
    let rs = records("tests/fixtures/import/gia-lai-2025.csv");
    let m = &rs[0].dossier;
    assert_eq!(m.category, Category::Machinery);
    assert_eq!(m.plan_year, 2025);
    assert_eq!(
        m.priority_area,
        Some(PriorityArea::HighlandBorderIslandEthnic)
    );
    let b = m.beneficiary.as_ref().unwrap();
    assert_eq!(b.kind, Some(BeneficiaryKind::Cooperative));
    assert_eq!(b.commune.as_deref(), Some("Ia Dêr"));
    assert_eq!(b.workers, Some(42));
    assert_eq!(m.submitted_on, d(2024, 9, 20));
    assert_eq!(m.start, Some(d(2025, 3, 1)));
    assert_eq!(m.budget.total_vnd, Some(Vnd(650_000_000)));
    assert_eq!(m.budget.national_vnd, Vnd(300_000_000));
    assert_eq!(m.budget.local_vnd, Some(Vnd(0)));
    assert_eq!(m.budget.counterpart_vnd, Some(Vnd(350_000_000)));
    assert_eq!(m.documents.len(), 8);
    assert!(m.has_document(DocKind::NoDoubleFunding));
    assert_eq!(m.details.technology_line, Some(false));
    assert_eq!(m.details.energy_saving, Some(true));
    assert_eq!(m.details.equipment.len(), 2);
    assert_eq!(
        m.details.equipment[1].unit_price_vnd,
        Some(Vnd(130_000_000))
    );
    assert_eq!(
        m.summary.as_deref(),
        Some(
            "Hợp tác xã hiện sấy cà phê bằng sân phơi, hao hụt 8–10%.\n\
             Máy sấy tầng sôi giúp giảm hao hụt còn 2% và chủ động khi mưa."
        )
    );
    // The raw record keeps the cells as written, nested by the dotted columns.
    assert_eq!(
        rs[0].raw["budget"]["counterpart_vnd"],
        json!("350.000.000 đ")
    );
    assert_eq!(rs[0].raw["details"]["technology_line"], json!("không"));

    assert_eq!(rs[1].dossier.budget.national_vnd, Vnd(500_000_000));
    let p = &rs[2].dossier;
    assert_eq!(p.details.subtype, Some(PollutionSubtype::ClusterTreatment));
    let c = p.details.cluster.as_ref().unwrap();
    assert_eq!(c.legal_complete, Some(true));
    assert_eq!(c.expected_completion, Some(d(2025, 11, 30)));
    assert_eq!(p.budget.national_vnd, Vnd(1_500_000_000));
    let t = &rs[3].dossier;
    assert_eq!(t.submitted_on, d(2024, 9, 5));
    let cert = t.details.certificate.as_ref().unwrap();
    assert_eq!(cert.level, Some(CertLevel::Regional));
    assert_eq!(cert.valid_until, Some(d(2026, 12, 31)));
    assert_eq!(
        t.beneficiary.as_ref().unwrap().name.as_deref(),
        Some("Hộ kinh doanh Rơ Mah H'Bla")
    );
    let tr = &rs[4].dossier;
    assert_eq!(tr.project_type, ProjectType::Group);
    assert_eq!(tr.details.trainees, Some(30));
    assert_eq!(tr.details.traditional_craft, Some(true));
    let cs = &rs[5].dossier;
    assert_eq!(cs.project_type, ProjectType::Pilot);
    assert_eq!(cs.budget.total_vnd, None);
    assert_eq!(
        cs.details.topics,
        vec!["chuyển đổi số", "thương mại điện tử", "truy xuất nguồn gốc"]
    );
}

#[test]
fn tra_vinh_csv_mistakes_are_named_by_line_and_field() {
    assert_eq!(
        show(&["tests/fixtures/import/tra-vinh-2025-loi.csv"]),
        vec![
            "ok tests/fixtures/import/tra-vinh-2025-loi.csv:2: KC25-TV-001",
            "error: tests/fixtures/import/tra-vinh-2025-loi.csv:3: budget.national_vnd: \"1,5 tỷ\" is not an amount in VND",
            "error: tests/fixtures/import/tra-vinh-2025-loi.csv:4: submitted_on: \"2024/09/15\" is not a date (use 2023-09-28 or 28/09/2023)",
            "error: tests/fixtures/import/tra-vinh-2025-loi.csv:5: category: \"du lịch cộng đồng\" is not a known category (use one of: demonstration_model, machinery, pollution_treatment, typical_product, training, consulting, or a Vietnamese name of one)",
            "ok tests/fixtures/import/tra-vinh-2025-loi.csv:6: KC25-TV-005",
            "error: tests/fixtures/import/tra-vinh-2025-loi.csv:8: title: required field is missing",
            "error: tests/fixtures/import/tra-vinh-2025-loi.csv:9: plan_year: \"hai không hai lăm\" is not a year",
            "error: tests/fixtures/import/tra-vinh-2025-loi.csv:10: beneficiary.kind: \"công ty TNHH\" is not one of: enterprise, cooperative, coop_group, household",
            "error: tests/fixtures/import/tra-vinh-2025-loi.csv:11: code: \"KC25 TV 009\" must not contain spaces or control characters",
            "ok tests/fixtures/import/tra-vinh-2025-loi.csv:12: KC25-TV-010",
            "warning: tests/fixtures/import/tra-vinh-2025-loi.csv:12: documents[8].kind: unknown document kind \"bản vẽ thiết kế\" kept as other",
            "error: tests/fixtures/import/tra-vinh-2025-loi.csv:13: budget.local_vnd: \"-50.000.000\" is negative: amounts must be ≥ 0",
            "error: tests/fixtures/import/tra-vinh-2025-loi.csv:14: end: \"31/02/2025\" is not a day of the calendar",
            "error: tests/fixtures/import/tra-vinh-2025-loi.csv:15: details.energy_saving: \"chưa rõ\" is not yes or no (use true/false, có/không, 1/0 or x)",
            "error: tests/fixtures/import/tra-vinh-2025-loi.csv:16: budget.total_vnd: \"400.000.000,50\" has decimals: amounts are whole đồng",
        ]
    );
    let rs = records("tests/fixtures/import/tra-vinh-2025-loi.csv");
    assert_eq!(
        rs[1].dossier.summary.as_deref(),
        Some("Cơ sở làm thạch dừa thủ công;\nmáy ép giúp tăng năng suất gấp ba.")
    );
    let other = rs[2].dossier.documents.last().unwrap();
    assert_eq!(other.kind, DocKind::Other);
    assert_eq!(other.original_kind.as_deref(), Some("bản vẽ thiết kế"));
}

/// Columns count characters, as an editor does (the line is 90 characters,
/// 98 bytes: serde_json said 98).
#[test]
fn dong_thap_jsonl_bad_lines_do_not_stop_the_file() {
    assert_eq!(
        show(&["tests/fixtures/import/dong-thap-2025.jsonl"]),
        vec![
            "ok tests/fixtures/import/dong-thap-2025.jsonl:1: KC25-DT-001",
            "ok tests/fixtures/import/dong-thap-2025.jsonl:2: KC25-DT-002",
            "error: tests/fixtures/import/dong-thap-2025.jsonl:4: not valid JSON at column 90: EOF while parsing a string",
            "ok tests/fixtures/import/dong-thap-2025.jsonl:5: KC25-DT-004",
            "warning: tests/fixtures/import/dong-thap-2025.jsonl:5: documents[2].kind: unknown document kind \"Giấy phép môi trường\" kept as other",
            "error: tests/fixtures/import/dong-thap-2025.jsonl:6: a list is not a dossier (each line must hold one JSON object)",
            "ok tests/fixtures/import/dong-thap-2025.jsonl:7: KC25-DT-006",
            "ok tests/fixtures/import/dong-thap-2025.jsonl:8: KC25-DT-007",
        ]
    );
    let rs = records("tests/fixtures/import/dong-thap-2025.jsonl");
    // Line 2 is written in NFD: it comes out NFC.
    let nfd = &rs[1];
    assert_eq!(nfd.dossier.title, "Đào tạo nghề đan lục bình");
    assert_eq!(nfd.dossier.title.chars().count(), 25);
    assert_eq!(
        nfd.dossier.details.occupation.as_deref(),
        Some("Đan lục bình")
    );
    assert_ne!(nfd.raw["title"], json!("Đào tạo nghề đan lục bình"));
    // Line 7 holds escape sequences and a bidi override: neutralised, but
    // kept in the raw record.
    let evil = &rs[3];
    assert_eq!(
        evil.dossier.title,
        "Máy sấy␛[2J␛]0;hacked␇ bột sen \u{FFFD}gnp.exe"
    );
    assert!(is_terminal_safe(&evil.dossier.title));
    assert_eq!(
        evil.raw["title"],
        json!("Máy sấy\u{1b}[2J\u{1b}]0;hacked\u{7} bột sen \u{202E}gnp.exe")
    );
    assert_eq!(
        evil.dossier.summary.as_deref(),
        Some("Dòng 1\nDòng 2␛[31m đỏ")
    );
    // Papers kept at the province are accepted (the checklist flags them).
    let kept = &rs[4].dossier;
    assert!(kept.has_document(DocKind::BusinessRegistration));
    assert!(kept.has_document(DocKind::FinancialReport));
}

#[test]
fn lam_dong_json_array_non_objects_are_rejected_by_index() {
    assert_eq!(
        show(&["tests/fixtures/import/lam-dong-2025.json"]),
        vec![
            "ok tests/fixtures/import/lam-dong-2025.json[0]: KC25-LD-001",
            "error: tests/fixtures/import/lam-dong-2025.json[1]: \"KC25-LD-002\" is not a dossier (expected a JSON object)",
            "ok tests/fixtures/import/lam-dong-2025.json[2]: KC25-LD-003",
            "error: tests/fixtures/import/lam-dong-2025.json[3]: budget.national_vnd: required field is missing",
            "ok tests/fixtures/import/lam-dong-2025.json[4]: KC25-LD-005",
        ]
    );
    let rs = records("tests/fixtures/import/lam-dong-2025.json");
    let t = &rs[0].dossier;
    assert_eq!(t.extra.get("ma_ho_so_tinh"), Some(&json!("LĐ-2024-117")));
    assert_eq!(t.documents[3].level, Some(CertLevel::National));
    assert_eq!(t.documents[3].valid_until, Some(d(2027, 6, 30)));
    assert_eq!(
        rs[1].dossier.beneficiary.as_ref().unwrap().kind,
        Some(BeneficiaryKind::Household)
    );
    let long = rs[2].dossier.summary.as_deref().unwrap();
    assert!(long.len() > 50 * 1024, "{}", long.len());
    assert_eq!(rs[2].dossier.details.new_in_district, Some(true));
}

#[test]
fn quang_nam_single_object_file() {
    assert_eq!(
        show(&["tests/fixtures/import/quang-nam-mot-ho-so.json"]),
        vec!["ok tests/fixtures/import/quang-nam-mot-ho-so.json: KC25-QN-001"]
    );
    let r = &records("tests/fixtures/import/quang-nam-mot-ho-so.json")[0];
    assert_eq!(
        r.location.to_string(),
        "tests/fixtures/import/quang-nam-mot-ho-so.json"
    );
    assert_eq!(r.dossier.submitted_on, d(2024, 9, 16));
    assert_eq!(r.dossier.budget.total_vnd, Some(Vnd(180_000_000)));
    assert_eq!(r.dossier.priority_area, Some(PriorityArea::NewRuralCommune));
}

#[test]
fn broken_files_are_skipped_with_a_reason() {
    assert_eq!(
        show(&["tests/fixtures/import/hong"]),
        vec![
            "skipped: tests/fixtures/import/hong/bang-tinh.xlsx: is not a workbook that can be read (Xlsx error: Zip error: invalid Zip archive: Could not find EOCD); open it in the spreadsheet program and save it again",
            "skipped: tests/fixtures/import/hong/chi-co-tieu-de.csv: has a header but no rows",
            "skipped: tests/fixtures/import/hong/sai-cu-phap.json: not valid JSON at line 3, column 26: expected `,` or `}`",
            "skipped: tests/fixtures/import/hong/trong.jsonl: the file is empty",
            "skipped: tests/fixtures/import/hong/windows-1258.csv: not UTF-8 text (invalid bytes on line 2); save it as UTF-8 and import it again",
        ]
    );
    assert_eq!(
        show(&["tests/fixtures/import/hong/ghi-chu.txt"]),
        vec![
            "skipped: tests/fixtures/import/hong/ghi-chu.txt: unknown file type: expected .json, .jsonl, .csv, .xlsx, .xls or .ods (or a folder)"
        ]
    );
}

#[test]
fn a_folder_is_walked_recursively_skipping_hidden_and_other_files() {
    assert_eq!(
        show(&["tests/fixtures/import/thu-muc"]),
        vec![
            "ok tests/fixtures/import/thu-muc/dot-1/an-giang.jsonl:1: KC25-AG-001",
            "ok tests/fixtures/import/thu-muc/dot-1/ben-tre/ben-tre.JSON: KC25-BT-001",
            "ok tests/fixtures/import/thu-muc/dot-2/ca-mau.csv:2: KC25-CM-001",
        ]
    );
}
