//! `export --format xlsx`: the workbook read back with calamine and compared
//! cell by cell with `rank` and `list`; the summary sheet's figures; the
//! English headers; never onto the database.

mod common;
use calamine::{Data, Range, Reader, Xlsx, open_workbook};
use common::*;
use serde_json::Value;
use std::collections::HashMap;

fn num(d: Option<&Data>) -> Option<i64> {
    match d {
        Some(Data::Float(f)) => Some(*f as i64),
        Some(Data::Int(i)) => Some(*i),
        _ => None,
    }
}

fn txt(d: Option<&Data>) -> String {
    match d {
        Some(Data::String(s)) => s.clone(),
        Some(Data::Empty) | None => String::new(),
        Some(other) => other.to_string(),
    }
}

/// A sitting under way: scores, an approval, a return, and an allocation
/// that puts the cut line inside the demonstration models.
fn sitting() -> Db {
    let db = Db::new();
    db.import_sample_2024();
    for (code, points) in [
        ("KC24-TV-003", "18"),
        ("KC24-LC-002", "15"),
        ("KC24-NA-004", "12"),
    ] {
        let out = db.run(&["score", code, "necessity", points]);
        assert_eq!(out.code, 0, "{}", out.stderr);
    }
    let out = db.run(&["approve", "KC24-TV-003", "--override", "họp hội đồng 2/10"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let out = db.run(&["return", "KC24-HG-005", "--reason", "thiếu báo giá"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let out = db.run(&[
        "rank",
        "--category",
        "demonstration_model",
        "--set-budget",
        "3000000000",
    ]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    db
}

fn export(db: &Db, lang: &str) -> Xlsx<std::io::BufReader<std::fs::File>> {
    let path = db.dir().join(format!("tong-hop-{lang}.xlsx"));
    let out = db.run(&[
        "export",
        "--format",
        "xlsx",
        "--lang",
        lang,
        "--out",
        path.to_str().unwrap(),
    ]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    open_workbook(&path).unwrap()
}

/// The data rows of a ranked sheet (from row 4 to the totals row).
fn data_rows(r: &Range<Data>) -> Vec<u32> {
    (3..)
        .take_while(|&row| {
            txt(r.get_value((row, 2))) != "Tổng cộng" && txt(r.get_value((row, 2))) != "Total"
        })
        .take_while(|&row| r.get_value((row, 2)).is_some())
        .collect()
}

#[test]
fn the_ranked_sheets_are_the_ranking_cell_by_cell() {
    let db = sitting();
    let mut wb = export(&db, "vi");
    let names = wb.sheet_names();
    assert_eq!(
        names,
        [
            "Tổng hợp",
            "Mô hình trình diễn",
            "Máy móc thiết bị",
            "Xử lý ô nhiễm",
            "Sản phẩm tiêu biểu",
            "Đào tạo nghề",
            "Tư vấn"
        ]
    );
    let rank = db.json(&["rank", "--format", "json"]);
    let list = db.json(&["list", "--format", "json"]);
    let listed: HashMap<String, &Value> = list
        .as_array()
        .unwrap()
        .iter()
        .map(|d| (d["code"].as_str().unwrap().to_string(), d))
        .collect();
    let mut by_category: HashMap<String, Vec<&Value>> = HashMap::new();
    for r in rank.as_array().unwrap() {
        by_category
            .entry(r["category"].as_str().unwrap().to_string())
            .or_default()
            .push(r);
    }
    let sheet_of = [
        ("demonstration_model", "Mô hình trình diễn"),
        ("machinery", "Máy móc thiết bị"),
        ("pollution_treatment", "Xử lý ô nhiễm"),
        ("typical_product", "Sản phẩm tiêu biểu"),
        ("training", "Đào tạo nghề"),
        ("consulting", "Tư vấn"),
    ];
    let mut rows_seen = 0;
    for (category, sheet) in sheet_of {
        let r = wb.worksheet_range(sheet).unwrap();
        assert_eq!(txt(r.get_value((2, 0))), "Hạng");
        assert_eq!(txt(r.get_value((2, 6))), "Kinh phí KCQG (đồng)");
        let ranked = by_category.remove(category).unwrap_or_default();
        let rows = data_rows(&r);
        // The ranked dossiers first, in rank order; then the returned.
        for (i, want) in ranked.iter().enumerate() {
            let row = rows[i];
            let at = |c: u32| r.get_value((row, c));
            assert_eq!(num(at(0)), want["rank"].as_i64(), "{sheet} row {row}");
            assert_eq!(txt(at(2)), want["code"].as_str().unwrap());
            assert_eq!(num(at(6)), want["national_vnd"].as_i64());
            assert_eq!(num(at(7)), want["cumulative_vnd"].as_i64(), "running sum");
            assert_eq!(num(at(9)), want["score"].as_i64());
            let within = if want["within_budget"] == true {
                "có"
            } else {
                "không"
            };
            assert_eq!(txt(at(14)), within);
            // The checklist as a Vietnamese reader reads it (`6/14, 1 không đạt`).
            let check = txt(at(10));
            assert!(!check.contains("failing"), "{check}");
            assert!(check.contains('/'), "{check}");
            let d = listed[want["code"].as_str().unwrap()];
            assert_eq!(txt(at(1)), d["plan_year"].to_string());
            assert_eq!(txt(at(3)), d["province"].as_str().unwrap());
            assert_eq!(txt(at(4)), d["title"].as_str().unwrap());
        }
        for &row in &rows[ranked.len()..] {
            let code = txt(r.get_value((row, 2)));
            assert_eq!(listed[&code]["status"], "returned", "{code}");
            assert_eq!(txt(r.get_value((row, 11))), "đã trả lại");
        }
        rows_seen += rows.len();
        // The totals row sums the national support.
        let total_row = rows.last().unwrap() + 1;
        assert_eq!(txt(r.get_value((total_row, 2))), "Tổng cộng");
        let sum: i64 = rows.iter().filter_map(|&x| num(r.get_value((x, 6)))).sum();
        assert_eq!(num(r.get_value((total_row, 6))), Some(sum));
    }
    assert_eq!(
        rows_seen,
        listed.len(),
        "every dossier is on its category's sheet"
    );

    // The decisions and their reasons.
    let r = wb.worksheet_range("Mô hình trình diễn").unwrap();
    let row_of = |code: &str| {
        data_rows(&r)
            .into_iter()
            .find(|&x| txt(r.get_value((x, 2))) == code)
            .unwrap()
    };
    let a = row_of("KC24-TV-003");
    assert_eq!(txt(r.get_value((a, 11))), "đã phê duyệt");
    assert_eq!(txt(r.get_value((a, 12))), "phê duyệt");
    assert_eq!(txt(r.get_value((a, 13))), "họp hội đồng 2/10");
    let b = row_of("KC24-HG-005");
    assert_eq!(txt(r.get_value((b, 13))), "thiếu báo giá");
    assert_eq!(
        txt(r.get_value((1, 0))),
        "Năm 2024: hạn mức 3.000.000.000 đ"
    );
}

#[test]
fn the_summary_sheet_counts_per_category_and_province() {
    let db = sitting();
    let mut wb = export(&db, "vi");
    let r = wb.worksheet_range("Tổng hợp").unwrap();
    let list = db.json(&["list", "--format", "json"]);
    let list = list.as_array().unwrap();
    let rank = db.json(&["rank", "--format", "json"]);
    assert_eq!(txt(r.get_value((4, 1))), "Nội dung");
    // The first category row: the demonstration models.
    let demo: Vec<&Value> = list
        .iter()
        .filter(|d| d["category"] == "demonstration_model")
        .collect();
    assert_eq!(txt(r.get_value((5, 1))), "Mô hình trình diễn kỹ thuật");
    assert_eq!(num(r.get_value((5, 2))), Some(demo.len() as i64));
    let asked: i64 = demo
        .iter()
        .map(|d| d["national_vnd"].as_i64().unwrap())
        .sum();
    assert_eq!(num(r.get_value((5, 3))), Some(asked));
    assert_eq!(num(r.get_value((5, 4))), Some(1), "approved");
    assert_eq!(num(r.get_value((5, 6))), Some(1), "returned");
    assert_eq!(
        num(r.get_value((5, 7))),
        Some(demo.len() as i64 - 2),
        "pending"
    );
    let within: Vec<&Value> = rank
        .as_array()
        .unwrap()
        .iter()
        .filter(|x| x["category"] == "demonstration_model" && x["within_budget"] == true)
        .collect();
    assert_eq!(num(r.get_value((5, 8))), Some(within.len() as i64));
    assert_eq!(num(r.get_value((5, 10))), Some(3_000_000_000), "allocation");
    // The totals row (formulas, values cached) counts every dossier.
    assert_eq!(txt(r.get_value((11, 1))), "Tổng cộng");
    assert_eq!(num(r.get_value((11, 2))), Some(list.len() as i64));
    // Per province: Gia Lai's dossiers.
    let gl = list.iter().filter(|d| d["province"] == "Gia Lai").count() as i64;
    let gl_row = (13..60)
        .find(|&row| txt(r.get_value((row, 1))) == "Gia Lai")
        .expect("a Gia Lai row");
    assert_eq!(num(r.get_value((gl_row, 2))), Some(gl));
}

#[test]
fn english_headers_with_lang_en_and_never_onto_the_database() {
    let db = sitting();
    let mut wb = export(&db, "en");
    assert_eq!(wb.sheet_names()[0], "Summary");
    let r = wb.worksheet_range("machinery").unwrap();
    assert_eq!(txt(r.get_value((2, 0))), "Rank");
    assert_eq!(txt(r.get_value((2, 6))), "National support (VND)");
    let before = std::fs::read(&db.path).unwrap();
    let out = db.run(&[
        "export",
        "--format",
        "xlsx",
        "--out",
        db.path.to_str().unwrap(),
    ]);
    assert_eq!(out.code, 1, "{}", out.stderr);
    assert!(
        out.stderr.contains("refusing to write there"),
        "{}",
        out.stderr
    );
    assert_eq!(std::fs::read(&db.path).unwrap(), before);
    let out = db.run(&["export", "--format", "xlsx"]);
    assert_eq!(out.code, 2, "{}", out.stderr);
}
