//! The allocation stored in the database (the ranking view's `b`, `rank
//! --set-budget`) through the real binary: `rank` uses it when `--budget`
//! is not given; `--budget` still wins; `data/budget.toml` stays the
//! default for the categories and years nobody set.

mod common;
use common::*;
use serde_json::Value;

fn within(rank: &Value) -> Vec<bool> {
    rank.as_array()
        .unwrap()
        .iter()
        .map(|r| r["within_budget"] == true)
        .collect()
}

#[test]
fn a_stored_allocation_is_used_by_rank_until_budget_overrides_it() {
    let db = Db::new();
    db.import_sample();
    let machinery = [
        "rank",
        "--plan-year",
        "2024",
        "--category",
        "machinery",
        "--format",
        "json",
    ];
    // data/budget.toml: 35 tỷ for machinery 2024, every sample dossier fits.
    let before = db.json(&machinery);
    assert!(within(&before).iter().all(|w| *w), "{before}");
    // Store 500 tr (as minh): the ranking printed with it, and every later
    // `rank` without --budget, cuts after 500 tr.
    let out = db.run_as(
        "minh",
        &[
            "rank",
            "--plan-year",
            "2024",
            "--category",
            "machinery",
            "--set-budget",
            "500000000",
            "--format",
            "json",
        ],
    );
    assert_eq!(out.code, 0, "{}", out.stderr);
    // English conventions (the tests run without a Vietnamese locale).
    assert!(
        out.stderr
            .contains("allocation of machinery for 2024 set to 500,000,000 đ (500 tr)"),
        "{}",
        out.stderr
    );
    let set: Value = serde_json::from_str(&out.stdout).unwrap();
    let after = db.json(&machinery);
    assert_eq!(set, after);
    let cut = within(&after);
    assert!(cut.iter().any(|w| !*w), "{after}");
    for r in after.as_array().unwrap() {
        let fits = r["cumulative_vnd"].as_i64().unwrap() <= 500_000_000;
        assert_eq!(r["within_budget"] == true, fits, "{r}");
    }
    // --budget wins over the stored figure, for this run only.
    let wide = db.json(&[
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
    assert!(within(&wide).iter().all(|w| *w));
    assert_eq!(db.json(&machinery), after);
    // Other categories keep data/'s figure.
    let training = db.json(&[
        "rank",
        "--plan-year",
        "2024",
        "--category",
        "training",
        "--format",
        "json",
    ]);
    assert!(within(&training).iter().all(|w| *w), "{training}");
    // The whole ranking and the export agree with it.
    let all = db.json(&["rank", "--plan-year", "2024", "--format", "json"]);
    let ours: Vec<&Value> = all
        .as_array()
        .unwrap()
        .iter()
        .filter(|r| r["category"] == "machinery")
        .collect();
    assert_eq!(ours.len(), after.as_array().unwrap().len());
    let export = db.json(&["export", "--format", "json"]);
    for r in after.as_array().unwrap() {
        let e = export
            .as_array()
            .unwrap()
            .iter()
            .find(|e| e["code"] == r["code"])
            .unwrap();
        assert_eq!(e["within_budget"], r["within_budget"], "{e}");
    }
    // It is audited, with who set it.
    let log = db.json(&["log", "--format", "json"]);
    let entry = log
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["action"] == "allocation")
        .unwrap_or_else(|| panic!("no allocation entry: {log}"));
    assert_eq!(entry["author"], "minh");
    assert_eq!(entry["detail"], "machinery 2024: 500.000.000");
}

#[test]
fn set_budget_needs_a_category_and_an_amount() {
    let db = Db::new();
    db.import_sample();
    let out = db.run(&["rank", "--plan-year", "2024", "--set-budget", "500000000"]);
    assert_eq!(out.code, 2, "{}", out.stderr);
    let out = db.run(&[
        "rank",
        "--plan-year",
        "2024",
        "--category",
        "machinery",
        "--set-budget",
        "nhiều",
    ]);
    assert_eq!(out.code, 2, "{}", out.stderr);
    assert!(out.stderr.contains("--set-budget"), "{}", out.stderr);
    let out = db.run(&[
        "rank",
        "--plan-year",
        "2024",
        "--category",
        "machinery",
        "--set-budget",
        "1",
        "--budget",
        "2",
    ]);
    assert_eq!(out.code, 2, "{}", out.stderr);
    // Nothing was stored by the refused runs.
    let log = db.json(&["log", "--format", "json"]);
    assert!(
        log.as_array()
            .unwrap()
            .iter()
            .all(|e| e["action"] != "allocation")
    );
}
