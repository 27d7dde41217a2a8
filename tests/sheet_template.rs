//! `thamdinh template`: the registration sheet, filled in with its example
//! row only, goes in as exactly that example dossier, from .xlsx and from
//! .csv alike; it is never written onto the database.

mod common;
use calamine::{Data, Reader, Xlsx, open_workbook};
use common::*;

fn show(db: &Db, code: &str) -> serde_json::Value {
    db.json(&["show", code, "--format", "json"])
}

/// Write the template in `format` into a fresh database's folder and
/// import it unchanged: the database and the file.
fn template_imported(format: &str) -> (Db, std::path::PathBuf) {
    let db = Db::new();
    let file = db.dir().join(format!("mau-dang-ky.{format}"));
    let path = file.to_str().unwrap();
    let out = db.run(&["template", "--format", format, "--out", path]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let imported = db.run(&["import", path]);
    assert_eq!(imported.code, 0, "{}", imported.stderr);
    assert_eq!(
        imported.stdout.trim(),
        "imported 1, updated 0, unchanged 0, rejected 0"
    );
    assert!(imported.stderr.is_empty(), "{}", imported.stderr);
    (db, file)
}

#[test]
fn the_template_imported_unchanged_is_the_example_dossier() {
    let (xdb, xlsx) = template_imported("xlsx");
    let (cdb, _) = template_imported("csv");
    let x = show(&xdb, "KC25-GL-001");
    let c = show(&cdb, "KC25-GL-001");
    assert_eq!(x, c, "the .xlsx and .csv templates give the same dossier");
    assert_eq!(x["category"], "machinery");
    assert_eq!(x["project_type"], "named");
    assert_eq!(x["plan_year"], 2025);
    assert_eq!(x["submitted_on"], "2024-09-20");
    assert_eq!(x["start"], "2025-03-01");
    assert_eq!(x["end"], "2025-10-31");
    assert_eq!(x["beneficiary"]["kind"], "cooperative");
    assert_eq!(x["beneficiary"]["workers"], 25);
    assert_eq!(x["priority_area"], "highland_border_island_ethnic");
    assert_eq!(x["budget"]["total_vnd"], 600_000_000);
    assert_eq!(x["budget"]["national_vnd"], 300_000_000);
    assert_eq!(x["budget"]["local_vnd"], 50_000_000);
    assert_eq!(x["budget"]["counterpart_vnd"], 250_000_000);
    assert_eq!(x["documents"].as_array().map(Vec::len), Some(8));
    // The example is a dossier in order: every automatic check passes
    // (the manual items wait for an appraiser).
    for item in x["checklist"].as_array().unwrap() {
        if item["kind"] == "auto" {
            assert_eq!(item["state"], "pass", "{item}");
        }
    }

    // Vietnamese headers over the English ids, the example under them.
    let mut wb: Xlsx<_> = open_workbook(&xlsx).unwrap();
    let names = wb.sheet_names();
    assert_eq!(names, ["Đăng ký", "Danh sách"]);
    let r = wb.worksheet_range("Đăng ký").unwrap();
    let at = |row: u32, col: u32| r.get_value((row, col)).cloned().unwrap_or(Data::Empty);
    assert_eq!(at(2, 0), Data::String("Mã đề án".into()));
    assert_eq!(at(3, 0), Data::String("code".into()));
    assert_eq!(at(2, 17), Data::String("Kinh phí KCQG (đồng)".into()));
    assert_eq!(at(3, 17), Data::String("budget.national_vnd".into()));
    assert_eq!(at(4, 17), Data::Float(300_000_000.0));
}

#[test]
fn the_template_is_never_written_onto_the_database() {
    let db = Db::new();
    db.import_sample();
    let path = db.path.clone();
    let before = std::fs::read(&path).unwrap();
    let out = db.run(&["template", "--out", path.to_str().unwrap()]);
    assert_eq!(out.code, 1, "{}", out.stderr);
    assert!(
        out.stderr.contains("refusing to write there"),
        "{}",
        out.stderr
    );
    assert_eq!(std::fs::read(&path).unwrap(), before);
}
