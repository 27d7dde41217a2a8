//! Import limits through the real binary (issue 8): amounts above the bound
//! are rejected where they are, and a file of many bad records writes a
//! bounded number of lines while the summary still counts every one.

mod common;
use common::*;
use std::fmt::Write as _;

/// A valid JSON Lines record with code `code` and national support
/// `national` (written as given).
fn record(code: &str, national: &str, documents: &str) -> String {
    format!(
        r#"{{"code":"{code}","plan_year":2024,"province":"Gia Lai","category":"machinery","title":"Máy sấy","implementing_unit":"TTKC Gia Lai","submitted_on":"2023-09-20","budget":{{"national_vnd":{national}}},"documents":{documents}}}"#
    )
}

fn lines_starting<'a>(stderr: &'a str, prefix: &str) -> Vec<&'a str> {
    stderr.lines().filter(|l| l.starts_with(prefix)).collect()
}

/// Write `text` as `name` in the test's folder.
fn write(db: &Db, name: &str, text: &str) -> std::path::PathBuf {
    let path = db.dir().join(name);
    std::fs::write(&path, text).unwrap();
    path
}

/// Import `paths`, expecting exit `code` and the summary `summary`.
fn import(db: &Db, paths: &[&std::path::Path], code: i32, summary: &str) -> Out {
    let mut args = vec!["import"];
    args.extend(paths.iter().map(|p| p.to_str().unwrap()));
    let out = db.run(&args);
    assert_eq!(out.code, code, "{}", out.stderr);
    assert_eq!(out.stdout.trim(), summary);
    out
}

/// Exactly 100 lines about records of `file`, and one saying how many
/// `more` were not shown.
fn assert_capped(stderr: &str, kind: &str, file: &str, more: &str) {
    assert_eq!(record_lines(stderr, kind, file).len(), 100, "{stderr}");
    let line = format!("{kind}: {file}: {more} (not shown)");
    assert_eq!(lines_starting(stderr, &line), [line.as_str()]);
}

/// The lines about one record of `file` (`error: FILE:LINE: …`).
fn record_lines<'a>(stderr: &'a str, kind: &str, file: &str) -> Vec<&'a str> {
    let prefix = format!("{kind}: {file}:");
    stderr
        .lines()
        .filter(|l| {
            l.strip_prefix(&prefix)
                .is_some_and(|rest| rest.starts_with(|c: char| c.is_ascii_digit()))
        })
        .collect()
}

#[test]
fn after_100_errors_per_file_the_rest_are_counted_on_one_line() {
    let db = Db::new();
    // 1,234 bad lines and 2 good ones in one file, 150 bad rows in another.
    let mut text = record("KC24-GL-001", "300000000", "[]") + "\n";
    for i in 0..1_234 {
        writeln!(text, "{}", record(&format!("BAD-{i}"), "\"1,5 tỷ\"", "[]")).unwrap();
    }
    text += &(record("KC24-GL-002", "300000000", "[]") + "\n");
    let jsonl = write(&db, "nhieu-loi.jsonl", &text);
    let mut text = "code,plan_year,province\n".to_string();
    for i in 0..150 {
        writeln!(text, "BAD-CSV-{i},2024,Gia Lai").unwrap();
    }
    let csv = write(&db, "loi.csv", &text);

    let out = import(
        &db,
        &[&jsonl, &csv],
        3,
        "imported 2, updated 0, unchanged 0, rejected 1384",
    );
    let (j, c) = (jsonl.to_str().unwrap(), csv.to_str().unwrap());
    assert_capped(&out.stderr, "error", j, "1,134 more records rejected");
    let shown = record_lines(&out.stderr, "error", j);
    // The first 100 are shown as they come: lines 2 to 101.
    assert!(
        shown[0].starts_with(&format!("error: {j}:2: budget.national_vnd: ")),
        "{}",
        shown[0]
    );
    assert!(shown[99].starts_with(&format!("error: {j}:101: ")));
    // Each file has its own 100.
    assert_capped(&out.stderr, "error", c, "50 more records rejected");
    assert_eq!(out.stderr.lines().count(), 202, "{}", out.stderr);
}

#[test]
fn warnings_are_capped_per_file_too() {
    let db = Db::new();
    let mut text = String::new();
    for i in 0..130 {
        writeln!(
            text,
            "{}",
            record(&format!("KC24-W-{i:03}"), "300000000", r#"["bản vẽ"]"#)
        )
        .unwrap();
    }
    let jsonl = write(&db, "canh-bao.jsonl", &text);
    let out = import(
        &db,
        &[&jsonl],
        0,
        "imported 130, updated 0, unchanged 0, rejected 0",
    );
    let j = jsonl.to_str().unwrap();
    assert_capped(&out.stderr, "warning", j, "30 more warnings");
    assert_eq!(out.stderr.lines().count(), 101, "{}", out.stderr);
}

#[test]
fn an_amount_above_the_bound_is_rejected_by_file_line_and_field() {
    let db = Db::new();
    let csv = write(
        &db,
        "qua-lon.csv",
        "code;plan_year;province;category;title;implementing_unit;submitted_on;budget.national_vnd;budget.total_vnd\n\
         KC24-GL-001;2024;Gia Lai;machinery;Máy sấy;TTKC Gia Lai;20/09/2023;300.000.000;650.000.000\n\
         KC24-GL-002;2024;Gia Lai;machinery;Máy sấy;TTKC Gia Lai;20/09/2023;9.223.372.036.854.775.807;650.000.000\n\
         KC24-GL-003;2024;Gia Lai;machinery;Máy sấy;TTKC Gia Lai;20/09/2023;300.000.000;1000000000000001 đ\n",
    );
    let out = import(
        &db,
        &[&csv],
        3,
        "imported 1, updated 0, unchanged 0, rejected 2",
    );
    let f = csv.to_str().unwrap();
    assert_eq!(
        out.stderr.lines().collect::<Vec<_>>(),
        [
            format!(
                "error: {f}:3: budget.national_vnd: \"9.223.372.036.854.775.807\" is too large: amounts are at most 1.000.000.000.000.000 đồng"
            ),
            format!(
                "error: {f}:4: budget.total_vnd: \"1000000000000001 đ\" is too large: amounts are at most 1.000.000.000.000.000 đồng"
            ),
        ]
    );
}
