//! The CLI speaks the chosen language in tables and texts (`--lang`, else
//! `THAMDINH_LANG`, else the locale), and never in JSON or CSV.

mod common;
use common::{Db, Out};

fn run_env(db: &Db, env: &[(&str, &str)], args: &[&str]) -> Out {
    let mut c = db.cmd("lan");
    for k in ["THAMDINH_LANG", "LC_ALL", "LC_MESSAGES", "LANG"] {
        c.env_remove(k);
    }
    for (k, v) in env {
        c.env(k, v);
    }
    Out::from(c.args(args).output().expect("run thamdinh"))
}

#[test]
fn list_table_in_vietnamese_and_english() {
    let db = Db::new();
    db.import_sample();
    let vi = run_env(&db, &[], &["--lang", "vi", "list", "--status", "pending"]);
    assert_eq!(vi.code, 0, "{}", vi.stderr);
    assert!(vi.stdout.contains("TRẠNG THÁI"), "{}", vi.stdout);
    assert!(vi.stdout.contains("chờ thẩm định"), "{}", vi.stdout);
    assert!(vi.stdout.contains("1.350 tr"), "{}", vi.stdout);
    assert!(!vi.stdout.contains("pending"), "{}", vi.stdout);
    assert!(!vi.stdout.contains("typical_pr"), "{}", vi.stdout);
    assert!(vi.stderr.contains("hồ sơ"), "{}", vi.stderr);
    let en = run_env(&db, &[], &["--lang", "en", "list", "--status", "pending"]);
    assert!(en.stdout.contains("STATUS") && en.stdout.contains("1,350 tr"));
    assert!(en.stdout.contains("pending"));
}

#[test]
fn flag_beats_thamdinh_lang_beats_the_locale() {
    let db = Db::new();
    db.import_sample();
    let args = ["list", "--status", "pending"];
    let vi_env = run_env(
        &db,
        &[("THAMDINH_LANG", "vi"), ("LANG", "en_US.UTF-8")],
        &args,
    );
    assert!(vi_env.stdout.contains("TRẠNG THÁI"));
    let flag = run_env(
        &db,
        &[("THAMDINH_LANG", "vi")],
        &["--lang", "en", "list", "--status", "pending"],
    );
    assert!(flag.stdout.contains("STATUS"));
    let locale = run_env(&db, &[("LC_ALL", "vi_VN.UTF-8"), ("LANG", "C")], &args);
    assert!(locale.stdout.contains("TRẠNG THÁI"));
    let c = run_env(&db, &[("LANG", "C.UTF-8")], &args);
    assert!(c.stdout.contains("STATUS"));
}

#[test]
fn machine_formats_keep_ids_and_show_json_adds_evidence() {
    let db = Db::new();
    db.import_sample();
    let env = [("THAMDINH_LANG", "vi")];
    let list = run_env(&db, &env, &["list", "--format", "json"]);
    let v: serde_json::Value = serde_json::from_str(&list.stdout).expect("json");
    assert!(v[0]["status"].is_string());
    assert!(["pending", "approved", "returned"].contains(&v[0]["status"].as_str().unwrap_or("")));
    let csv = run_env(&db, &env, &["list", "--format", "csv"]);
    assert!(csv.stdout.contains("pending"), "{}", csv.stdout);
    let code = v[0]["code"].as_str().expect("code").to_string();
    // JSON: `detail` in English by default, Vietnamese with --lang vi;
    // `evidence` the same data either way.
    let en = run_env(&db, &[], &["show", &code, "--format", "json"]);
    let en: serde_json::Value = serde_json::from_str(&en.stdout).expect("json");
    let vi = run_env(
        &db,
        &[],
        &["--lang", "vi", "show", &code, "--format", "json"],
    );
    let vi: serde_json::Value = serde_json::from_str(&vi.stdout).expect("json");
    let (e, w) = (&en["checklist"][0], &vi["checklist"][0]);
    assert_eq!(e["id"], "on_time");
    assert!(e["detail"].as_str().unwrap_or("").starts_with("submitted "));
    assert!(w["detail"].as_str().unwrap_or("").starts_with("nộp ngày "));
    assert_eq!(e["evidence"], w["evidence"]);
    assert_eq!(e["evidence"]["rule"], "deadline");
    // The text form in Vietnamese names items by label.
    let text = run_env(&db, &[], &["--lang", "vi", "show", &code]);
    assert!(text.stdout.contains("Đúng hạn"), "{}", text.stdout);
    assert!(!text.stdout.contains("on_time"), "{}", text.stdout);
}
