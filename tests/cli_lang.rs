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

/// Words of the English interface and ids that a Vietnamese text must not
/// hold (dossier text is Vietnamese, so any of these came from the program).
const NOT_IN_VIETNAMESE: &[&str] = &[
    "Province",
    "Plan year",
    "Beneficiary",
    "Budget",
    "Checklist",
    "Score",
    "Notes",
    "History",
    "revision",
    "pending",
    "approved",
    "returned",
    "machinery",
    "named",
    "cooperative",
    "workers",
    "optional",
    "necessity",
    "energy_saving",
    "new_advanced",
    "within budget",
    "RANK",
    "error: lan has",
    "out of range",
];

fn vietnamese_only(what: &str, text: &str) {
    for w in NOT_IN_VIETNAMESE {
        assert!(!text.contains(w), "{what}: {w:?} in\n{text}");
    }
}

#[test]
fn show_rank_log_and_work_messages_in_vietnamese() {
    let db = Db::new();
    db.import_sample();
    let vi = |args: &[&str]| {
        let mut a = vec!["--lang", "vi"];
        a.extend_from_slice(args);
        run_env(&db, &[], &a)
    };
    let out = vi(&["score", "KC24-GL-007", "necessity", "15"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(
        out.stdout.contains("Sự cần thiết = 15 (tổng 15)"),
        "{}",
        out.stdout
    );
    let out = vi(&["tick", "KC24-GL-007", "new_advanced"]);
    assert!(
        out.stdout.contains("Máy mới, tiên tiến đã tích"),
        "{}",
        out.stdout
    );
    let out = vi(&["return", "KC24-GL-011", "--reason", "Thiếu báo giá"]);
    assert!(
        out.stdout.contains("KC24-GL-011: đã trả lại"),
        "{}",
        out.stdout
    );
    assert!(
        out.stderr.is_empty() || !out.stderr.contains("saved"),
        "{}",
        out.stderr
    );

    let show = vi(&["show", "KC24-GL-007"]);
    assert_eq!(show.code, 0, "{}", show.stderr);
    for want in [
        "máy móc thiết bị · chờ thẩm định · lần nộp 1",
        "Tỉnh",
        "Đối tượng thụ hưởng",
        "(hợp tác xã)",
        "42 lao động",
        "tổng 650 tr = KCQG 300 tr",
        "· tiết kiệm năng lượng",
        "đơn giá: 420 tr",
        "Điểm 15",
        "Sự cần thiết",
        "(không bắt buộc)",
    ] {
        assert!(show.stdout.contains(want), "{want:?} in\n{}", show.stdout);
    }
    vietnamese_only("show", &show.stdout);

    let rank = vi(&["rank", "--category", "machinery", "--plan-year", "2024"]);
    assert!(
        rank.stdout.contains("máy móc thiết bị · năm kế hoạch 2024"),
        "{}",
        rank.stdout
    );
    assert!(rank.stdout.contains("HẠNG") && rank.stdout.contains("trong hạn mức"));
    vietnamese_only("rank", &rank.stdout);

    let log = vi(&["log", "KC24-GL-007"]);
    assert!(log.stdout.contains("Sự cần thiết = 15"), "{}", log.stdout);
    assert!(log.stdout.contains("tích mục kiểm tra"), "{}", log.stdout);
    vietnamese_only("log", &log.stdout);
    let log = vi(&["log", "KC24-GL-011"]);
    assert!(
        log.stdout
            .contains("chờ thẩm định → đã trả lại — Thiếu báo giá"),
        "{}",
        log.stdout
    );

    // Refusals and errors, in Vietnamese too (the `error:` prefix stays:
    // scripts read it).
    for (args, want) in [
        (
            vec!["undo", "--user", "minh"],
            "error: minh chưa có quyết định nào để hoàn tác",
        ),
        (
            vec!["score", "KC24-GL-007", "necessity", "99"],
            "error: KC24-GL-007: Sự cần thiết: 99 nằm ngoài khoảng từ 0 đến 20",
        ),
        (
            vec!["tick", "KC24-GL-007", "on_time"],
            "error: Đúng hạn được kiểm tra tự động",
        ),
        (
            vec!["show", "KC24-XX-000"],
            "error: không có hồ sơ nào có mã \"KC24-XX-000\"",
        ),
        (
            vec!["approve", "KC24-BTR-007"],
            "error: KC24-BTR-007: không phê duyệt: chưa đạt mục bắt buộc: Đúng hạn (nộp ngày 01/10/2023",
        ),
    ] {
        let out = vi(&args);
        assert_ne!(out.code, 0, "{args:?}");
        assert!(out.stderr.contains(want), "{args:?}: {}", out.stderr);
        vietnamese_only(&format!("{args:?}"), &out.stderr);
    }
    // The same in English, with labels, not ids.
    let en = run_env(
        &db,
        &[],
        &["--lang", "en", "score", "KC24-GL-007", "necessity", "99"],
    );
    assert!(
        en.stderr
            .contains("error: KC24-GL-007: Necessity: 99 is out of range (0 to 20)"),
        "{}",
        en.stderr
    );
}

/// `--status` and `--category` take what the query language takes
/// (`chờ`, `đã duyệt`, `máy móc`), and refuse in the chosen language.
#[test]
fn list_filters_take_vietnamese_names() {
    let db = Db::new();
    db.import_sample();
    let ids = |args: &[&str]| -> Vec<String> {
        let mut a = vec!["list", "--format", "json"];
        a.extend_from_slice(args);
        let v = db.json(&a);
        v.as_array()
            .unwrap()
            .iter()
            .map(|r| r["code"].as_str().unwrap().to_string())
            .collect()
    };
    assert_eq!(
        ids(&["--status", "chờ", "--category", "máy móc"]),
        ids(&["--status", "pending", "--category", "machinery"])
    );
    assert!(!ids(&["--category", "máy móc"]).is_empty());
    let out = run_env(&db, &[], &["--lang", "vi", "list", "--status", "xyz"]);
    assert_eq!(out.code, 2);
    assert!(
        out.stderr.contains("không phải trạng thái"),
        "{}",
        out.stderr
    );
}

#[test]
fn tick_and_score_take_the_names_an_appraiser_reads() {
    let db = Db::new();
    db.import_sample();
    // The Vietnamese label, typed without diacritics or case.
    let out = run_env(
        &db,
        &[],
        &["--lang", "vi", "score", "KC24-GL-007", "su can thiet", "12"],
    );
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(out.stdout.contains("Sự cần thiết = 12"), "{}", out.stdout);
    // Part of a label, when only one item has it; the English label too.
    let out = run_env(
        &db,
        &[],
        &["--lang", "vi", "tick", "KC24-GL-007", "Máy mới"],
    );
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(
        out.stdout.contains("Máy mới, tiên tiến đã tích"),
        "{}",
        out.stdout
    );
    let out = run_env(&db, &[], &["score", "KC24-GL-007", "Necessity", "--clear"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let d = db.json(&["show", "KC24-GL-007", "--format", "json"]);
    let ticked = d["checklist"]
        .as_array()
        .expect("items")
        .iter()
        .any(|i| i["id"] == "new_advanced" && i["state"] == "ticked");
    assert!(ticked, "{d}");
    // A name that fits no item is refused, as an unknown id is.
    let out = run_env(&db, &[], &["tick", "KC24-GL-007", "không có mục này"]);
    assert_eq!(out.code, 1, "{}", out.stdout);
}

#[test]
fn export_backup_and_check_confirm_in_vietnamese() {
    let db = Db::new();
    db.import_sample();
    let out_file = db.dir().join("ho-so.csv");
    let out = run_env(
        &db,
        &[],
        &[
            "--lang",
            "vi",
            "export",
            "--format",
            "csv",
            "--out",
            out_file.to_str().expect("path"),
        ],
    );
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(out.stderr.contains("đã xuất 55 hồ sơ ra"), "{}", out.stderr);
    let bak = db.dir().join("sao-luu.db");
    let out = run_env(
        &db,
        &[],
        &["--lang", "vi", "backup", bak.to_str().expect("path")],
    );
    assert!(
        out.stdout.contains("đã sao lưu ra") && out.stdout.contains("55 hồ sơ"),
        "{}",
        out.stdout
    );
    let out = run_env(&db, &[], &["--lang", "vi", "check"]);
    assert!(out.stdout.starts_with("tốt: 55 hồ sơ"), "{}", out.stdout);
    let out = run_env(&db, &[], &["--lang", "en", "check"]);
    assert!(out.stdout.starts_with("ok: 55 dossiers"), "{}", out.stdout);
}

/// An import's messages and summary are in the chosen language; the
/// `error:` and `warning:` marks stay (scripts look for them).
#[test]
fn import_errors_read_in_vietnamese() {
    let db = Db::new();
    let file = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/import/tra-vinh-2025-loi.csv"
    );
    let vi = run_env(&db, &[("THAMDINH_LANG", "vi")], &["import", file]);
    assert_eq!(vi.code, 3, "{}", vi.stderr);
    for expected in [
        ":3: budget.national_vnd: \"1,5 tỷ\" không phải số tiền (đồng)",
        ":4: submitted_on: \"2024/09/15\" không phải ngày (viết 2023-09-28 hoặc 28/09/2023)",
        ":5: category: \"du lịch cộng đồng\" không phải nội dung khuyến công đã biết",
        ":8: title: thiếu trường bắt buộc",
        ":9: plan_year: \"hai không hai lăm\" không phải một năm",
        ":10: beneficiary.kind: \"công ty TNHH\" không thuộc: doanh nghiệp, hợp tác xã",
        ":11: code: \"KC25 TV 009\" không được chứa khoảng trắng",
        "warning: ",
        "loại tài liệu \"bản vẽ thiết kế\" không nhận ra",
        ":13: budget.local_vnd: \"-50.000.000\" là số âm",
        ":14: end: \"31/02/2025\" không có trên lịch",
        ":15: details.energy_saving: \"chưa rõ\" không phải có hay không",
        ":16: budget.total_vnd: \"400.000.000,50\" có phần lẻ",
    ] {
        assert!(vi.stderr.contains(expected), "{expected}\n{}", vi.stderr);
    }
    for english in ["is not", "required field", "amounts", "kept as other"] {
        assert!(!vi.stderr.contains(english), "{english}\n{}", vi.stderr);
    }
    assert!(
        vi.stdout
            .contains("đã nạp 3, cập nhật 0, không đổi 0, từ chối 11"),
        "{}",
        vi.stdout
    );
    // English is as it always was.
    let db = Db::new();
    let en = run_env(&db, &[], &["import", file]);
    assert!(en.stderr.contains("\"1,5 tỷ\" is not an amount in VND"));
    assert!(
        en.stdout
            .contains("imported 3, updated 0, unchanged 0, rejected 11")
    );
}

/// A file skipped whole says why in the chosen language.
#[test]
fn skipped_files_read_in_vietnamese() {
    let db = Db::new();
    let dir = tempfile::tempdir().expect("tempdir");
    let bad = dir.path().join("ho-so.json");
    std::fs::write(&bad, "[{\"code\": \"KC1\",}]").expect("write");
    let notes = dir.path().join("ghi-chu.txt");
    std::fs::write(&notes, "x").expect("write");
    let bad = bad.to_string_lossy().to_string();
    let notes = notes.to_string_lossy().to_string();
    let vi = run_env(
        &db,
        &[],
        &["--lang", "vi", "import", &bad, &notes, "/khong/co"],
    );
    assert_eq!(vi.code, 1, "{}", vi.stderr);
    assert!(
        vi.stderr
            .contains("không phải JSON hợp lệ ở dòng 1, cột 17: khoá phải là chuỗi trong dấu \""),
        "{}",
        vi.stderr
    );
    assert!(
        vi.stderr.contains("loại tệp không nhận ra"),
        "{}",
        vi.stderr
    );
    assert!(
        vi.stderr
            .contains("/khong/co: không có tệp hay thư mục này"),
        "{}",
        vi.stderr
    );
    // The summary counts the files skipped, not only the records.
    assert!(vi.stdout.contains("; bỏ qua 3 tệp"), "{}", vi.stdout);
    let en = run_env(&db, &[], &["import", &bad]);
    assert!(
        en.stdout
            .contains("imported 0, updated 0, unchanged 0, rejected 0; 1 file skipped"),
        "{}",
        en.stdout
    );
}

/// A query that does not parse is refused in the message language, with
/// the usage exit code; English as before.
#[test]
fn query_errors_in_vietnamese_and_english() {
    let db = Db::new();
    db.import_sample();
    let vi = run_env(&db, &[], &["--lang", "vi", "list", "--query", "p:"]);
    assert_eq!(vi.code, 2, "{}", vi.stderr);
    assert!(
        vi.stderr.contains("error: --query: p: cần một giá trị"),
        "{}",
        vi.stderr
    );
    for w in ["needs", "value", "is not"] {
        assert!(!vi.stderr.contains(w), "{w:?} in {}", vi.stderr);
    }
    let vi = run_env(
        &db,
        &[("THAMDINH_LANG", "vi")],
        &["list", "--query", "gia lai score:cao"],
    );
    assert_eq!(vi.code, 2, "{}", vi.stderr);
    assert!(
        vi.stderr
            .contains("score:cao: điểm phải là số nguyên, ví dụ score:>=70"),
        "{}",
        vi.stderr
    );
    let en = run_env(&db, &[], &["list", "--query", "p:"]);
    assert_eq!(en.code, 2, "{}", en.stderr);
    assert_eq!(en.stderr.trim_end(), "error: --query: p: needs a value");
}

/// What clap writes in English, that Vietnamese help and usage errors
/// must not hold.
const CLAP_ENGLISH: &[&str] = &[
    "Usage:",
    "Options:",
    "Arguments:",
    "Commands:",
    "Print help",
    "Print version",
    "default:",
    "possible values",
    "[OPTIONS]",
    "For more information",
    "unexpected argument",
    "error: the",
];

fn clap_free(what: &str, text: &str) {
    for w in CLAP_ENGLISH {
        assert!(!text.contains(w), "{what}: {w:?} in\n{text}");
    }
}

#[test]
fn help_usage_errors_and_version_in_vietnamese() {
    let db = Db::new();
    let help = run_env(&db, &[], &["--lang", "vi", "--help"]);
    assert_eq!(help.code, 0, "{}", help.stderr);
    for want in [
        "Thẩm định hồ sơ đề án khuyến công quốc gia",
        "Cách dùng: thamdinh [tuỳ-chọn] [lệnh]",
        "Lệnh:",
        "Tuỳ chọn:",
        "Hàng đợi hồ sơ",
        "--db <tệp>",
        "In trợ giúp",
        "In số phiên bản",
    ] {
        assert!(help.stdout.contains(want), "{want:?} in\n{}", help.stdout);
    }
    clap_free("--help", &help.stdout);

    let list = run_env(&db, &[("THAMDINH_LANG", "vi")], &["list", "--help"]);
    assert_eq!(list.code, 0, "{}", list.stderr);
    assert!(list.stdout.contains("Cách dùng: thamdinh list [tuỳ-chọn]"));
    assert!(
        list.stdout
            .contains("Định dạng đầu ra: table (bảng, mặc định), json hoặc csv"),
        "{}",
        list.stdout
    );
    clap_free("list --help", &list.stdout);
    let import = run_env(&db, &[("LC_ALL", "vi_VN.UTF-8")], &["import", "-h"]);
    assert!(import.stdout.contains("Đối số:"), "{}", import.stdout);
    clap_free("import -h", &import.stdout);

    let bogus = run_env(&db, &[], &["--lang", "vi", "list", "--bogus"]);
    assert_eq!(bogus.code, 2, "{}", bogus.stderr);
    assert!(bogus.stdout.is_empty(), "{}", bogus.stdout);
    assert!(
        bogus
            .stderr
            .starts_with("error: không có tuỳ chọn '--bogus'"),
        "{}",
        bogus.stderr
    );
    assert!(bogus.stderr.contains("Cách dùng: thamdinh list [tuỳ-chọn]"));
    assert!(bogus.stderr.contains("Xem thêm: thamdinh list --help"));
    clap_free("list --bogus", &bogus.stderr);
    let bad = run_env(&db, &[], &["--lang=vi", "list", "--format", "xml"]);
    assert_eq!(bad.code, 2, "{}", bad.stderr);
    assert!(
        bad.stderr
            .contains("'xml' không phải giá trị của '--format <định-dạng>'"),
        "{}",
        bad.stderr
    );
    clap_free("--format xml", &bad.stderr);

    let version = run_env(&db, &[], &["--lang", "vi", "--version"]);
    assert_eq!(version.code, 0);
    assert!(
        version.stdout.starts_with("thamdinh "),
        "{}",
        version.stdout
    );
}

/// English help and usage errors stay clap's, exactly as before.
#[test]
fn help_and_usage_errors_in_english_unchanged() {
    let db = Db::new();
    let help = run_env(&db, &[("LANG", "C")], &["--help"]);
    assert_eq!(help.code, 0);
    for want in [
        "Usage: thamdinh [OPTIONS] [COMMAND]",
        "Commands:",
        "Options:",
        "Print help",
        "The database file [default: $THAMDINH_DB",
    ] {
        assert!(help.stdout.contains(want), "{want:?} in\n{}", help.stdout);
    }
    let list = run_env(&db, &[], &["--lang", "en", "list", "--help"]);
    assert!(
        list.stdout
            .contains("[default: table] [possible values: table, json, csv]")
    );
    let bogus = run_env(
        &db,
        &[("THAMDINH_LANG", "vi")],
        &["--lang", "en", "list", "--bogus"],
    );
    assert_eq!(bogus.code, 2);
    assert!(
        bogus
            .stderr
            .starts_with("error: unexpected argument '--bogus' found"),
        "{}",
        bogus.stderr
    );
    assert!(
        bogus.stderr.contains("Usage: thamdinh list"),
        "{}",
        bogus.stderr
    );
}

/// A checklist item or criterion that does not exist: Vietnamese lists the
/// names a person can type (labels), English the ids as before.
#[test]
fn unknown_item_and_criterion_list_names_in_vietnamese() {
    let db = Db::new();
    db.import_sample();
    let vi = run_env(
        &db,
        &[],
        &["--lang", "vi", "score", "KC24-GL-014", "xyz", "3"],
    );
    assert!(
        vi.stderr.contains("(có: Sự cần thiết; Giải pháp kỹ thuật;"),
        "{}",
        vi.stderr
    );
    assert!(!vi.stderr.contains("necessity"), "{}", vi.stderr);
    let vi = run_env(&db, &[], &["--lang", "vi", "tick", "KC24-GL-014", "xyz"]);
    assert!(
        vi.stderr.contains("(các mục: Đúng đối tượng;"),
        "{}",
        vi.stderr
    );
    let en = run_env(&db, &[], &["tick", "KC24-GL-014", "xyz"]);
    assert!(
        en.stderr.contains("(items: eligible_site, "),
        "{}",
        en.stderr
    );
}

/// A code typed in another case names the stored dossier, in every
/// command that takes codes (seen: `show kc24-gl-007` found nothing).
#[test]
fn codes_are_found_whatever_their_case() {
    let db = Db::new();
    db.import_sample();
    let out = db.run(&["show", "kc24-gl-007"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(out.stdout.contains("KC24-GL-007"), "{}", out.stdout);
    let out = db.run(&["note", " Kc24-Gl-007 ", "Đã xem bản giấy"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let out = db.run(&["log", "kc24-gl-007"]);
    assert!(out.stdout.contains("KC24-GL-007"), "{}", out.stdout);
    assert!(
        out.stdout.contains("Đã xem bản giấy") || out.stdout.contains("note"),
        "{}",
        out.stdout
    );
    let out = db.run(&["show", "kc24-xx-000"]);
    assert_ne!(out.code, 0);
}
