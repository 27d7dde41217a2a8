//! Workbooks as provinces keep them, written by the test with
//! rust_xlsxwriter: letterhead, merged title, Vietnamese headers in
//! millions, numbering row, section and subtotal rows, serial and text
//! dates, a merged province column, one bad cell per kind of error, a sheet
//! without codes, a 10,000-row sheet; and the committed .ods and .xls
//! fixtures.

mod common;
use common::*;

use rust_xlsxwriter::{ExcelDateTime, Format, Workbook, Worksheet};
use std::path::{Path, PathBuf};
use thamdinh::domain::Vnd;
use thamdinh::domain::rules::Rules;
use thamdinh::import::{Item, SheetOptions, scan_with};

const HEADERS: [&str; 15] = [
    "STT",
    "Mã đề án",
    "Tên đề án",
    "Tỉnh",
    "Năm kế hoạch",
    "Đơn vị thực hiện",
    "Đơn vị thụ hưởng",
    "Tổng kinh phí (triệu đồng)",
    "Kinh phí KCQG (triệu đồng)",
    "Kinh phí địa phương (triệu đồng)",
    "Đối ứng (triệu đồng)",
    "Ngày nộp",
    "Thời gian thực hiện",
    "Địa điểm",
    "Ghi chú",
];

/// One dossier row from B (code) on; A is the STT. Amounts in millions.
struct Row<'a> {
    stt: f64,
    code: &'a str,
    title: &'a str,
    unit: &'a str,
    beneficiary: &'a str,
    amounts: [Cell<'a>; 4],
    submitted: Cell<'a>,
    period: &'a str,
}

#[derive(Clone, Copy)]
enum Cell<'a> {
    N(f64),
    T(&'a str),
    Date(u16, u8, u8),
}

fn put(ws: &mut Worksheet, r: u32, c: u16, cell: Cell, date: &Format) {
    match cell {
        Cell::N(n) => ws.write_number(r, c, n).map(|_| ()),
        Cell::T(t) => ws.write_string(r, c, t).map(|_| ()),
        Cell::Date(y, m, d) => ws
            .write_datetime_with_format(r, c, ExcelDateTime::from_ymd(y, m, d).unwrap(), date)
            .map(|_| ()),
    }
    .unwrap();
}

fn write_row(ws: &mut Worksheet, r: u32, row: &Row, date: &Format) {
    ws.write_number(r, 0, row.stt).unwrap();
    ws.write_string(r, 1, row.code).unwrap();
    ws.write_string(r, 2, row.title).unwrap();
    // D (province) is merged down the sheet; E the plan year.
    ws.write_number(r, 4, 2024.0).unwrap();
    ws.write_string(r, 5, row.unit).unwrap();
    ws.write_string(r, 6, row.beneficiary).unwrap();
    for (i, a) in row.amounts.iter().enumerate() {
        put(ws, r, 7 + i as u16, *a, date);
    }
    put(ws, r, 11, row.submitted, date);
    ws.write_string(r, 12, row.period).unwrap();
    ws.write_string(r, 13, "Xã Ia Kênh, TP Pleiku").unwrap();
}

/// The Gia Lai registration workbook, rows as Excel numbers them:
/// 1–2 letterhead, 4 merged title, 6 header, 7 numbering, 8 section I,
/// 9–10 dossiers, 11 subtotal, 12 section II, 13–19 dossiers (14–19 one
/// bad cell each), 20 total, 22 signatures.
fn gia_lai(path: &Path) {
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet();
    ws.set_name("Đăng ký 2024").unwrap();
    let bold = Format::new().set_bold();
    let date = Format::new().set_num_format("dd/mm/yyyy");
    ws.write_string(0, 0, "UBND TỈNH GIA LAI").unwrap();
    ws.write_string(0, 8, "CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM")
        .unwrap();
    ws.write_string(1, 0, "SỞ CÔNG THƯƠNG").unwrap();
    ws.write_string(1, 8, "Độc lập - Tự do - Hạnh phúc")
        .unwrap();
    ws.merge_range(
        3,
        0,
        3,
        14,
        "DANH MỤC ĐỀ ÁN KHUYẾN CÔNG QUỐC GIA ĐĂNG KÝ NĂM 2024",
        &bold,
    )
    .unwrap();
    for (c, h) in HEADERS.iter().enumerate() {
        ws.write_string_with_format(5, c as u16, *h, &bold).unwrap();
    }
    for c in 0..15u16 {
        ws.write_string(6, c, format!("({})", c + 1)).unwrap();
    }
    ws.write_string(7, 0, "I").unwrap();
    ws.merge_range(7, 1, 7, 14, "Mô hình trình diễn kỹ thuật", &bold)
        .unwrap();
    // The province is one merged cell down all the dossier rows.
    ws.merge_range(8, 3, 18, 3, "Gia Lai", &Format::new())
        .unwrap();
    let rows = [
        Row {
            stt: 1.0,
            code: "KC24-GL-001",
            title: "Mô hình sấy cà phê bằng năng lượng mặt trời",
            unit: "Trung tâm Khuyến công Gia Lai",
            beneficiary: "HTX Cà phê Ia Kênh",
            amounts: [1500.0, 450.0, 150.0, 900.0].map(Cell::N),
            submitted: Cell::Date(2023, 9, 26),
            period: "3/2024 - 10/2024",
        },
        Row {
            stt: 2.0,
            code: "KC24-GL-002",
            title: "Mô hình chế biến mắc ca",
            unit: "Trung tâm Khuyến công Gia Lai",
            beneficiary: "Công ty TNHH Mắc ca Chư Prông",
            amounts: [2000.0, 600.0, 200.5, 1199.5].map(Cell::N),
            submitted: Cell::T("26/9/2023"),
            period: "Năm 2024",
        },
    ];
    for (i, row) in rows.iter().enumerate() {
        write_row(ws, 8 + i as u32, row, &date);
    }
    ws.write_string(10, 1, "Cộng I").unwrap();
    ws.write_number(10, 8, 1050.0).unwrap();
    ws.write_string(11, 0, "II").unwrap();
    ws.write_string(11, 1, "Ứng dụng máy móc thiết bị tiên tiến")
        .unwrap();
    let good = Row {
        stt: 3.0,
        code: "KC24-GL-003",
        title: "Hỗ trợ máy rang cà phê",
        unit: "Trung tâm Khuyến công Gia Lai",
        beneficiary: "Hộ kinh doanh Nguyễn Văn A",
        amounts: [600.0, 250.5, 50.0, 299.5].map(Cell::N),
        submitted: Cell::N(45194.0),
        period: "T4/2024 - T9/2024",
    };
    write_row(ws, 12, &good, &date);
    // One bad cell per kind of error, rows 14 to 19.
    let bad: [(&str, u16, Cell); 6] = [
        ("KC24-GL-004", 8, Cell::T("một tỷ")),
        ("KC24-GL-005", 11, Cell::T("31/9/2023")),
        ("KC24-GL-006", 9, Cell::N(-5.0)),
        ("KC24-GL-007", 10, Cell::N(0.0000001)),
        ("KC24-GL-008", 4, Cell::T("hai không hai bốn")),
        ("KC24-GL-009", 2, Cell::T("")),
    ];
    for (i, (code, col, cell)) in bad.iter().enumerate() {
        let r = 13 + i as u32;
        let row = Row {
            stt: 4.0 + i as f64,
            code,
            ..good
        };
        write_row(ws, r, &row, &date);
        if matches!(cell, Cell::T("")) {
            ws.write_blank(r, *col, &Format::new()).unwrap();
        } else {
            put(ws, r, *col, *cell, &date);
        }
    }
    ws.write_string(19, 1, "Tổng cộng").unwrap();
    ws.write_number(19, 8, 1300.5).unwrap();
    ws.write_string(21, 2, "NGƯỜI LẬP BIỂU").unwrap();
    ws.write_string(21, 8, "GIÁM ĐỐC").unwrap();
    wb.save(path).unwrap();
}

fn scan_items(path: &Path) -> Vec<Item> {
    let rules = Rules::bundled();
    scan_with(
        &[path.to_path_buf()],
        rules.aliases(),
        &SheetOptions::default(),
    )
    .collect()
}

fn messages(items: &[Item]) -> Vec<String> {
    items
        .iter()
        .filter_map(|i| match i {
            Item::Rejected(e) => Some(format!("error: {e}")),
            Item::Warning(w) => Some(format!("warning: {w}")),
            Item::FileSkipped(f) => Some(format!("skipped: {f}")),
            Item::Record(_) => None,
        })
        .collect()
}

fn records(items: &[Item]) -> Vec<&thamdinh::import::ImportedRecord> {
    items
        .iter()
        .filter_map(|i| match i {
            Item::Record(r) => Some(&**r),
            _ => None,
        })
        .collect()
}

fn day(y: i32, m: u32, d: u32) -> chrono::NaiveDate {
    chrono::NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

#[test]
fn a_province_workbook_goes_in_as_it_is() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("gia-lai.xlsx");
    gia_lai(&path);
    let items = scan_items(&path);
    let f = path.display().to_string();
    let recs = records(&items);
    let codes: Vec<&str> = recs.iter().map(|r| r.dossier.code.as_str()).collect();
    assert_eq!(codes, ["KC24-GL-001", "KC24-GL-002", "KC24-GL-003"]);
    let a = &recs[0].dossier;
    assert_eq!(a.province, "Gia Lai", "merged cell read as its value");
    assert_eq!(a.plan_year, 2024);
    assert_eq!(a.category.id(), "demonstration_model", "from section I");
    assert_eq!(a.budget.total_vnd, Some(Vnd(1_500_000_000)));
    assert_eq!(a.budget.national_vnd, Vnd(450_000_000));
    assert_eq!(a.budget.counterpart_vnd, Some(Vnd(900_000_000)));
    assert_eq!(a.submitted_on, day(2023, 9, 26), "Excel date");
    assert_eq!(a.start, Some(day(2024, 3, 1)));
    assert_eq!(a.end, Some(day(2024, 10, 31)));
    assert_eq!(
        a.beneficiary.as_ref().and_then(|b| b.name.as_deref()),
        Some("HTX Cà phê Ia Kênh")
    );
    assert_eq!(
        a.extra.get("location"),
        Some(&serde_json::json!("Xã Ia Kênh, TP Pleiku"))
    );
    assert_eq!(
        recs[0].location.to_string(),
        format!("{f}:Đăng ký 2024!9:9")
    );
    let b = &recs[1].dossier;
    assert_eq!(b.submitted_on, day(2023, 9, 26), "text date");
    assert_eq!(b.budget.local_vnd, Some(Vnd(200_500_000)));
    assert_eq!(
        (b.start, b.end),
        (Some(day(2024, 1, 1)), Some(day(2024, 12, 31)))
    );
    let c = &recs[2].dossier;
    assert_eq!(c.category.id(), "machinery", "from section II");
    assert_eq!(c.submitted_on, day(2023, 9, 25), "serial number");
    assert_eq!(c.budget.national_vnd, Vnd(250_500_000));
    assert_eq!(
        messages(&items),
        vec![
            format!(
                "error: {f}:Đăng ký 2024!I14: budget.national_vnd: \"một tỷ\" is not an amount in VND"
            ),
            format!(
                "error: {f}:Đăng ký 2024!L15: submitted_on: \"31/9/2023\" is not a day of the calendar"
            ),
            format!(
                "error: {f}:Đăng ký 2024!J16: budget.local_vnd: -5 is negative: amounts must be ≥ 0"
            ),
            format!(
                "error: {f}:Đăng ký 2024!K17: budget.counterpart_vnd: 0.0000001 triệu đồng is not a whole number of đồng"
            ),
            format!("error: {f}:Đăng ký 2024!E18: plan_year: \"hai không hai bốn\" is not a year"),
            format!("error: {f}:Đăng ký 2024!C19: title: required field is missing"),
            format!(
                "warning: {f}:Đăng ký 2024: rows 22 hold fewer than 3 values and were passed over as notes, not dossiers"
            ),
        ]
    );
}

#[test]
fn through_the_binary_bad_cells_are_named_and_the_rest_loads_with_exit_3() {
    let db = Db::new();
    let path = db.dir().join("gia-lai.xlsx");
    gia_lai(&path);
    let out = db.run(&["import", path.to_str().unwrap()]);
    assert_eq!(out.code, 3, "{}", out.stderr);
    assert_eq!(
        out.stdout.trim(),
        "imported 3, updated 0, unchanged 0, rejected 6"
    );
    assert!(
        out.stderr
            .contains("gia-lai.xlsx:Đăng ký 2024!I14: budget.national_vnd: \"một tỷ\""),
        "{}",
        out.stderr
    );
    let again = db.run(&["import", path.to_str().unwrap()]);
    assert_eq!(
        again.stdout.trim(),
        "imported 0, updated 0, unchanged 3, rejected 6"
    );
    let shown = db.json(&["show", "KC24-GL-001", "--format", "json"]);
    assert_eq!(shown["budget"]["national_vnd"], 450_000_000);
    // --sheet names a sheet; an unknown one is said, with the sheets there.
    let out = db.run(&["import", path.to_str().unwrap(), "--sheet", "dang ky 2024"]);
    assert_eq!(
        out.stdout.trim(),
        "imported 0, updated 0, unchanged 3, rejected 6"
    );
    let out = db.run(&["import", path.to_str().unwrap(), "--sheet", "Sheet9"]);
    assert_eq!(out.code, 1, "{}", out.stderr);
    assert!(
        out.stderr
            .contains("has no sheet named \"Sheet9\" (its sheets: Đăng ký 2024)"),
        "{}",
        out.stderr
    );
}

/// A sheet of another province: no code column, a category column, a
/// two-row header (amounts merged over their parts, in thousands from the
/// ĐVT line), a second sheet without a header.
fn no_codes(path: &Path, rows: usize) {
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet();
    ws.set_name("Nghệ An").unwrap();
    ws.write_string(0, 0, "BẢNG TỔNG HỢP ĐĂNG KÝ").unwrap();
    ws.write_string(1, 6, "ĐVT: nghìn đồng").unwrap();
    let top = Format::new();
    for (c, h) in [
        "STT",
        "Tên đề án",
        "Tỉnh",
        "Năm",
        "Nội dung",
        "Đơn vị chủ trì",
        "Ngày nộp hồ sơ",
    ]
    .iter()
    .enumerate()
    {
        ws.merge_range(2, c as u16, 3, c as u16, h, &top).unwrap();
    }
    ws.merge_range(2, 7, 2, 10, "Kinh phí", &top).unwrap();
    for (i, h) in ["Tổng số", "KCQG", "Địa phương", "Cơ sở"]
        .iter()
        .enumerate()
    {
        ws.write_string(3, 7 + i as u16, *h).unwrap();
    }
    for i in 0..rows {
        let r = 4 + i as u32;
        ws.write_number(r, 0, (i + 1) as f64).unwrap();
        ws.write_string(r, 1, format!("Đào tạo nghề mây tre đan lớp {}", i + 1))
            .unwrap();
        ws.write_string(r, 2, "Tỉnh Nghệ An").unwrap();
        ws.write_number(r, 3, 2025.0).unwrap();
        ws.write_string(r, 4, "Đào tạo nghề").unwrap();
        ws.write_string(r, 5, "Trung tâm Khuyến công Nghệ An")
            .unwrap();
        ws.write_string(r, 6, "15/9/2024").unwrap();
        for (c, v) in [
            (7u16, 300_000.0),
            (8, 150_000.0),
            (9, 50_000.0),
            (10, 100_000.0),
        ] {
            ws.write_number(r, c, v).unwrap();
        }
    }
    let notes = wb.add_worksheet();
    notes.set_name("Hướng dẫn").unwrap();
    notes.write_string(0, 0, "Ghi chú cho cán bộ").unwrap();
    wb.save(path).unwrap();
}

#[test]
fn a_sheet_without_codes_gets_codes_from_province_year_and_row() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("nghe-an.xlsx");
    no_codes(&path, 2);
    let items = scan_items(&path);
    let recs = records(&items);
    let codes: Vec<&str> = recs.iter().map(|r| r.dossier.code.as_str()).collect();
    assert_eq!(codes, ["KC25-NGHEAN-005", "KC25-NGHEAN-006"]);
    let d = &recs[0].dossier;
    assert_eq!(d.category.id(), "training");
    assert_eq!(d.province, "Tỉnh Nghệ An");
    assert_eq!(d.budget.total_vnd, Some(Vnd(300_000_000)), "in thousands");
    assert_eq!(d.budget.national_vnd, Vnd(150_000_000));
    assert_eq!(d.budget.local_vnd, Some(Vnd(50_000_000)));
    assert_eq!(d.budget.counterpart_vnd, Some(Vnd(100_000_000)));
    let f = path.display().to_string();
    assert_eq!(
        messages(&items),
        vec![format!(
            "warning: {f}:Nghệ An: code: the sheet has no code column: codes were made for 2 rows from province, plan year and row (KC25-NGHEAN-005 … KC25-NGHEAN-006); they stay the same at each import while the rows keep their places"
        )]
    );
    // The same sheet read again gives the same codes.
    let again: Vec<String> = records(&scan_items(&path))
        .iter()
        .map(|r| r.dossier.code.clone())
        .collect();
    assert_eq!(again, codes);
}

#[test]
fn a_workbook_without_any_header_is_skipped_with_a_reason() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("trong.xlsx");
    let mut wb = Workbook::new();
    wb.add_worksheet()
        .write_string(0, 0, "chỉ có ghi chú")
        .unwrap();
    wb.save(&path).unwrap();
    let m = messages(&scan_items(&path));
    assert_eq!(m.len(), 1);
    assert!(
        m[0].starts_with("skipped: ") && m[0].contains("no sheet has a header row"),
        "{m:?}"
    );
}

#[test]
fn ten_thousand_rows_import_through_the_binary() {
    let db = Db::new();
    let path = db.dir().join("lon.xlsx");
    no_codes(&path, 10_000);
    let started = std::time::Instant::now();
    let out = db.run(&["import", path.to_str().unwrap()]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert_eq!(
        out.stdout.trim(),
        "imported 10000, updated 0, unchanged 0, rejected 0"
    );
    assert!(
        started.elapsed() < std::time::Duration::from_secs(120),
        "took {:?}",
        started.elapsed()
    );
}

fn fixture(name: &str) -> PathBuf {
    root().join("tests/fixtures/sheets").join(name)
}

/// The committed fixtures, made once with odfpy and xlwt (see
/// tests/fixtures/sheets/README.md): the same two dossiers in each.
#[test]
fn ods_and_xls_fixtures_read_the_same() {
    for name in ["quang-ngai.ods", "quang-ngai.xls"] {
        let path = fixture(name);
        let items = scan_items(&path);
        let recs = records(&items);
        assert!(
            messages(&items).is_empty(),
            "{name}: {:?}",
            messages(&items)
        );
        let codes: Vec<&str> = recs.iter().map(|r| r.dossier.code.as_str()).collect();
        assert_eq!(codes, ["KC24-QNG-001", "KC24-QNG-002"], "{name}");
        let d = &recs[0].dossier;
        assert_eq!(d.budget.national_vnd, Vnd(280_000_000), "{name}");
        assert_eq!(d.submitted_on, day(2023, 9, 28), "{name}");
        assert_eq!(d.category.id(), "machinery", "{name}");
        assert_eq!(recs[1].dossier.category.id(), "typical_product", "{name}");
        assert_eq!(recs[1].dossier.submitted_on, day(2023, 9, 29), "{name}");
    }
}

#[test]
fn a_stray_cell_far_away_is_refused_not_a_crash() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("xa.xlsx");
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet();
    for (c, h) in HEADERS.iter().enumerate() {
        ws.write_string(0, c as u16, *h).unwrap();
    }
    ws.write_string(1_048_575, 16_383, "x").unwrap();
    wb.save(&path).unwrap();
    let m = messages(&scan_items(&path));
    assert_eq!(m.len(), 1, "{m:?}");
    assert!(
        m[0].contains("Sheet1: its cells spread over more than 5000000 cells (A1:XFD1048576)"),
        "{m:?}"
    );
}
