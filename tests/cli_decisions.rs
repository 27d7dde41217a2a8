//! Decisions, the approval gate, ticks, scores, notes, undo, log, rank and
//! export through the real binary, on the sample dossiers.

mod common;
use common::*;
use serde_json::Value;

/// Tick every manual mandatory item of a dossier; returns their ids.
fn tick_manual(db: &Db, code: &str) -> Vec<String> {
    let d = db.json(&["show", code, "--format", "json"]);
    let ids: Vec<String> = d["checklist"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|i| i["kind"] == "manual" && i["mandatory"] == true)
        .map(|i| i["id"].as_str().unwrap().to_string())
        .collect();
    for id in &ids {
        let out = db.run(&["tick", code, id]);
        assert_eq!(out.code, 0, "tick {code} {id}: {}", out.stderr);
    }
    ids
}

fn status(db: &Db, code: &str) -> String {
    db.json(&["show", code, "--format", "json"])["status"]
        .as_str()
        .unwrap()
        .to_string()
}

#[test]
fn show_json_has_the_contract_keys() {
    let db = Db::new();
    db.import_sample();
    let d = db.json(&["show", "KC24-BN-006", "--format", "json"]);
    for key in [
        "code",
        "plan_year",
        "province",
        "category",
        "title",
        "budget",
        "status",
        "revision",
        "checklist",
        "checklist_ok",
        "score",
        "notes",
        "history",
    ] {
        assert!(d.get(key).is_some(), "missing {key}");
    }
    let item = &d["checklist"][0];
    for key in ["id", "kind", "mandatory", "state", "detail"] {
        assert!(item.get(key).is_some(), "checklist item lacks {key}");
    }
    assert!(d["score"]["total"].is_null());
    assert!(
        d["score"]["criteria"]
            .as_array()
            .unwrap()
            .iter()
            .all(|c| c["points"].is_null() && c["max"].is_u64())
    );
    let l = db.json(&["list", "--format", "json"]);
    let first = &l[0];
    for key in [
        "code",
        "plan_year",
        "province",
        "category",
        "title",
        "status",
        "submitted_on",
        "national_vnd",
        "score",
        "revision",
    ] {
        assert!(first.get(key).is_some(), "list lacks {key}");
    }
}

#[test]
fn approval_is_gated_by_mandatory_items_and_can_be_overridden() {
    let db = Db::new();
    db.import_sample();
    // Late dossier: on_time fails; nothing ticked either.
    let out = db.run(&["approve", "KC24-BTR-007"]);
    assert_eq!(out.code, 1, "{}", out.stderr);
    assert!(out.stderr.contains("KC24-BTR-007"), "{}", out.stderr);
    // The unmet item by its label, with its evidence.
    assert!(
        out.stderr
            .contains("On time (submitted 01/10/2023, deadline 30/09/2023"),
        "{}",
        out.stderr
    );
    assert_eq!(status(&db, "KC24-BTR-007"), "pending");
    // A clean dossier once its manual items are ticked: approved.
    let ticked = tick_manual(&db, "KC24-BN-006");
    assert!(!ticked.is_empty());
    let d = db.json(&["show", "KC24-BN-006", "--format", "json"]);
    assert_eq!(d["checklist_ok"], true, "{:#}", d["checklist"]);
    // A batch with one good and one refused: partial success.
    let out = db.run(&["approve", "KC24-BN-006", "KC24-BTR-007"]);
    assert_eq!(out.code, 3, "{}", out.stderr);
    assert_eq!(status(&db, "KC24-BN-006"), "approved");
    assert_eq!(status(&db, "KC24-BTR-007"), "pending");
    // Override with a reason.
    let out = db.run(&[
        "approve",
        "KC24-BTR-007",
        "--override",
        "Bộ đồng ý gia hạn nộp hồ sơ",
    ]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let d = db.json(&["show", "KC24-BTR-007", "--format", "json"]);
    assert_eq!(d["status"], "approved");
    assert_eq!(d["history"][0]["action"], "approve");
    assert_eq!(d["history"][0]["override"], "Bộ đồng ý gia hạn nộp hồ sơ");
}

#[test]
fn return_needs_a_reason_and_undo_reverts_the_whole_batch() {
    let db = Db::new();
    db.import_sample();
    assert_eq!(db.run(&["return", "KC24-BTR-004"]).code, 2);
    assert_eq!(
        db.run(&["return", "KC24-BTR-004", "--reason", "  "]).code,
        2
    );
    let out = db.run(&[
        "return",
        "KC24-BTR-004",
        "KC24-BTR-007",
        "--reason",
        "Nộp quá hạn 30/9",
    ]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert_eq!(status(&db, "KC24-BTR-004"), "returned");
    // Another appraiser's undo does not touch lan's batch.
    assert_eq!(db.run_as("minh", &["undo"]).code, 1);
    let out = db.run(&["undo"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert_eq!(status(&db, "KC24-BTR-004"), "pending");
    assert_eq!(status(&db, "KC24-BTR-007"), "pending");
    let log = db.json(&["log", "KC24-BTR-004", "--format", "json"]);
    let actions: Vec<&str> = log
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["action"].as_str().unwrap())
        .collect();
    assert_eq!(actions, vec!["import", "return", "undo"]);
    assert_eq!(log[1]["reason"], "Nộp quá hạn 30/9");
    assert_eq!(log[1]["author"], "lan");
    assert!(log[1]["os_user"].is_string());
}

#[test]
fn unknown_codes_change_nothing() {
    let db = Db::new();
    db.import_sample();
    let out = db.run(&["approve", "KC24-BN-006", "NO-SUCH-CODE", "--override", "x"]);
    assert_eq!(out.code, 1);
    assert!(out.stderr.contains("NO-SUCH-CODE"), "{}", out.stderr);
    assert_eq!(status(&db, "KC24-BN-006"), "pending");
    assert_eq!(db.run(&["show", "NO-SUCH-CODE"]).code, 1);
}

#[test]
fn ticks_and_scores_are_validated_and_shown() {
    let db = Db::new();
    db.import_sample();
    let out = db.run(&["tick", "KC24-BN-006", "on_time"]);
    assert_eq!(out.code, 1);
    assert!(out.stderr.contains("automatically"), "{}", out.stderr);
    assert_eq!(db.run(&["tick", "KC24-BN-006", "no_such_item"]).code, 1);
    let d = db.json(&["show", "KC24-BN-006", "--format", "json"]);
    let crit: Vec<(String, u64)> = d["score"]["criteria"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| {
            (
                c["id"].as_str().unwrap().to_string(),
                c["max"].as_u64().unwrap(),
            )
        })
        .collect();
    let (first, max) = &crit[0];
    let too_many = (max + 1).to_string();
    assert_eq!(db.run(&["score", "KC24-BN-006", first, &too_many]).code, 1);
    assert_eq!(db.run(&["score", "KC24-BN-006", first, "-1"]).code, 1);
    assert_eq!(db.run(&["score", "KC24-BN-006", first, "2.5"]).code, 1);
    assert_eq!(db.run(&["score", "KC24-BN-006", "no_such", "3"]).code, 1);
    let out = db.run(&["score", "KC24-BN-006", first, &max.to_string()]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let d = db.json(&["show", "KC24-BN-006", "--format", "json"]);
    let bonus = d["score"]["bonus"].as_i64().unwrap();
    assert_eq!(d["score"]["total"].as_i64().unwrap(), *max as i64 + bonus);
    let list = db.json(&["list", "--format", "json"]);
    let row = list
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["code"] == "KC24-BN-006")
        .unwrap();
    assert_eq!(row["score"].as_i64().unwrap(), *max as i64 + bonus);
}

#[test]
fn a_score_can_be_cleared_back_to_unscored_and_the_log_says_so() {
    let db = Db::new();
    db.import_sample();
    let code = "KC24-BN-006";
    let ids = db.criteria(code);
    let (a, b) = (ids[0].as_str(), ids[1].as_str());
    assert_eq!(db.run(&["score", code, a, "5"]).code, 0);
    assert_eq!(db.run(&["score", code, b, "3"]).code, 0);

    let out = db.run(&["score", code, a, "--clear"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    // The criterion by its label (the category's first: necessity).
    assert_eq!(a, "necessity");
    assert!(
        out.stdout.contains(&format!("{code}: Necessity unscored")),
        "{}",
        out.stdout
    );
    assert!(db.points(code, a).is_null());
    assert_eq!(db.points(code, b), 3);
    let d = db.json(&["show", code, "--format", "json"]);
    assert!(!d["score"]["total"].is_null());

    // The last scored criterion cleared: no total at all, in show and list.
    assert_eq!(db.run(&["score", code, b, "--clear"]).code, 0);
    assert!(db.points(code, b).is_null());
    let d = db.json(&["show", code, "--format", "json"]);
    assert!(d["score"]["total"].is_null(), "{}", d["score"]);
    let list = db.json(&["list", "--format", "json"]);
    let row = list
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["code"] == code)
        .unwrap();
    assert!(row["score"].is_null());

    // Each clear is one `unscore` entry, by its appraiser.
    let unscores = db.logged(code, "unscore");
    assert_eq!(unscores.len(), 2, "{unscores:?}");
    assert_eq!(unscores[0]["author"], "lan");
    assert_eq!(unscores[0]["detail"], format!("{a} (was 5)"));
    let table = db.run(&["log", code]);
    assert!(table.stdout.contains("unscore"), "{}", table.stdout);

    // Errors name the problem; clear and points together is a usage error.
    let out = db.run(&["score", code, "no_such", "--clear"]);
    assert_eq!(out.code, 1);
    assert!(out.stderr.starts_with("error: "), "{}", out.stderr);
    assert!(out.stderr.contains("no_such"), "{}", out.stderr);
    assert_eq!(db.run(&["score", "KC24-NOPE-1", a, "--clear"]).code, 1);
    assert_eq!(db.run(&["score", code, a, "4", "--clear"]).code, 2);
    assert_eq!(db.run(&["score", code, a]).code, 2);
    // The old form is untouched.
    assert_eq!(db.run(&["score", code, a, "4"]).code, 0);
}

#[test]
fn notes_are_kept_with_author_and_read_from_stdin() {
    let db = Db::new();
    db.import_sample();
    assert_eq!(
        db.run(&["note", "KC24-BN-006", "Thiếu bản vẽ mặt bằng\u{1b}[31m"])
            .code,
        0
    );
    let mut child = db
        .cmd("minh")
        .args(["note", "KC24-BN-006", "-"])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    use std::io::Write;
    child
        .stdin
        .take()
        .unwrap()
        .write_all("Dòng một\nDòng hai".as_bytes())
        .unwrap();
    assert!(child.wait().unwrap().success());
    assert_eq!(db.run(&["note", "KC24-BN-006", "   "]).code, 1);
    let d = db.json(&["show", "KC24-BN-006", "--format", "json"]);
    let notes = d["notes"].as_array().unwrap();
    assert_eq!(notes.len(), 2);
    assert_eq!(notes[0]["author"], "lan");
    assert_eq!(notes[0]["text"], "Thiếu bản vẽ mặt bằng␛[31m");
    assert_eq!(notes[1]["author"], "minh");
    assert_eq!(notes[1]["text"], "Dòng một\nDòng hai");
}

#[test]
fn list_filters_and_fuzzy_query() {
    let db = Db::new();
    db.import_sample();
    let tv = db.json(&["list", "--province", "tra vinh", "--format", "json"]);
    assert!(!tv.as_array().unwrap().is_empty());
    assert!(
        tv.as_array()
            .unwrap()
            .iter()
            .all(|r| r["province"] == "Trà Vinh")
    );
    let q = db.json(&["list", "--query", "tra vinh", "--format", "json"]);
    assert!(
        q.as_array()
            .unwrap()
            .iter()
            .any(|r| r["province"] == "Trà Vinh")
    );
    let m = db.json(&["list", "--category", "máy móc thiết bị", "--format", "json"]);
    assert!(
        m.as_array()
            .unwrap()
            .iter()
            .all(|r| r["category"] == "machinery")
    );
    assert_eq!(db.run(&["list", "--status", "done"]).code, 2);
    assert_eq!(db.run(&["list", "--category", "du lịch"]).code, 2);
    let failing = db.json(&["list", "--failing", "--format", "json"]);
    assert!(
        failing
            .as_array()
            .unwrap()
            .iter()
            .all(|r| r["failing"].as_u64().unwrap() > 0)
    );
    assert!(
        failing
            .as_array()
            .unwrap()
            .iter()
            .any(|r| r["code"] == "KC24-BTR-007")
    );
    let table = db.run(&["list"]);
    assert!(table.stdout.starts_with("CODE"), "{}", table.stdout);
}

#[test]
fn ranking_draws_the_cut_line_at_the_budget() {
    let db = Db::new();
    db.import_sample();
    let rows: Vec<Value> = db
        .json(&["list", "--category", "machinery", "--format", "json"])
        .as_array()
        .unwrap()
        .clone();
    // Score three machinery dossiers on their first criterion.
    let d = db.json(&[
        "show",
        rows[0]["code"].as_str().unwrap(),
        "--format",
        "json",
    ]);
    let crit = d["score"]["criteria"][0]["id"]
        .as_str()
        .unwrap()
        .to_string();
    for (r, pts) in rows.iter().zip(["10", "15", "5"]) {
        assert_eq!(
            db.run(&["score", r["code"].as_str().unwrap(), &crit, pts])
                .code,
            0
        );
    }
    // Rank once with no limit to see who comes first (bonuses count), then
    // set the budget to exactly the first dossier's national support.
    let open = db.json(&[
        "rank",
        "--plan-year",
        "2024",
        "--category",
        "machinery",
        "--budget",
        "999999999999",
        "--format",
        "json",
    ]);
    let n1 = open[0]["national_vnd"].as_i64().unwrap();
    let rank = db.json(&[
        "rank",
        "--plan-year",
        "2024",
        "--category",
        "machinery",
        "--budget",
        &n1.to_string(),
        "--format",
        "json",
    ]);
    let rank = rank.as_array().unwrap();
    assert_eq!(rank[0]["rank"], 1);
    assert_eq!(rank[0]["within_budget"], true);
    assert_eq!(
        rank[0]["cumulative_vnd"].as_i64(),
        rank[0]["national_vnd"].as_i64()
    );
    assert!(rank.iter().skip(1).all(|r| r["within_budget"] == false));
    // Unscored come last.
    let scored = rank.iter().take_while(|r| !r["score"].is_null()).count();
    assert_eq!(scored, 3);
    let table = db.run(&[
        "rank",
        "--plan-year",
        "2024",
        "--category",
        "machinery",
        "--budget",
        &n1.to_string(),
    ]);
    assert!(table.stdout.contains("cut line"), "{}", table.stdout);
}

#[test]
fn export_carries_status_score_rank_and_reason() {
    let db = Db::new();
    db.import_sample();
    db.run(&["return", "KC24-BTR-004", "--reason", "Nộp quá hạn"]);
    let out_path = db.dir().join("export.csv");
    let out = db.run(&[
        "export",
        "--format",
        "csv",
        "--out",
        out_path.to_str().unwrap(),
    ]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let mut r = csv::Reader::from_path(&out_path).unwrap();
    let headers = r.headers().unwrap().clone();
    for h in ["code", "status", "score", "rank", "decision_reason"] {
        assert!(headers.iter().any(|x| x == h), "no {h} column");
    }
    assert_eq!(r.records().count(), 55);
    let json = db.json(&["export", "--format", "json"]);
    let row = json
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["code"] == "KC24-BTR-004")
        .unwrap();
    assert_eq!(row["status"], "returned");
    assert_eq!(row["decision_reason"], "Nộp quá hạn");
    assert!(row["rank"].is_null(), "returned dossiers are not ranked");
}

#[test]
fn usage_errors_exit_2() {
    let db = Db::new();
    assert_eq!(db.run(&["frobnicate"]).code, 2);
    assert_eq!(db.run(&["list", "--as-of", "hôm qua"]).code, 2);
    assert_eq!(
        db.run(&["rank", "--plan-year", "2024", "--budget", "1,5 tỷ"])
            .code,
        2
    );
}

#[test]
fn the_tui_without_a_terminal_says_what_to_do() {
    let db = Db::new();
    let out = db.run(&[]);
    assert_eq!(out.code, 1);
    assert!(
        out.stderr
            .starts_with("error: the appraisal TUI needs a terminal"),
        "{}",
        out.stderr
    );
}
