//! The query table of `tests/fixtures/query/cases.tsv`, run through
//! `thamdinh list --query`: the CLI keeps exactly what the domain's matcher
//! keeps (the same table runs in `domain::query`'s unit tests).

mod common;
use common::*;
use thamdinh::domain::query::table;

fn fixture_db() -> Db {
    let db = Db::new();
    let file = root().join("tests/fixtures/query/dossiers.json");
    let out = db.run(&["import", file.to_str().unwrap()]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    db
}

#[test]
fn list_query_keeps_exactly_what_the_table_says() {
    let db = fixture_db();
    let cases = std::fs::read_to_string(root().join("tests/fixtures/query/cases.tsv")).unwrap();
    let failures: Vec<String> = table::parse(&cases)
        .iter()
        .filter_map(|c| {
            let out = db.run(&["list", "--query", &c.query, "--format", "json"]);
            let got = match out.code {
                0 => serde_json::from_str::<serde_json::Value>(&out.stdout)
                    .map_err(|e| e.to_string())
                    .map(|v| {
                        v.as_array()
                            .into_iter()
                            .flatten()
                            .filter_map(|i| i["code"].as_str().map(str::to_string))
                            .collect()
                    }),
                2 if out.stderr.starts_with("error: --query: ") => Err(out.stderr),
                n => Ok(vec![format!("(exit {n}: {})", out.stderr)]),
            };
            table::check(c, got)
        })
        .collect();
    assert!(failures.is_empty(), "\n{}", failures.join("\n"));
}

#[test]
fn list_query_orders_by_match_and_knows_the_appraisers_work() {
    let db = fixture_db();
    let codes = |args: &[&str]| -> Vec<String> {
        let v = db.json(args);
        v.as_array()
            .unwrap()
            .iter()
            .map(|i| i["code"].as_str().unwrap().to_string())
            .collect()
    };
    assert_eq!(
        codes(&["list", "--query", "tra", "--format", "json"]),
        ["KC24-BD-011", "KC24-TV-001", "KC24-TV-002"]
    );
    // State qualifiers read the database.
    assert_eq!(
        db.run_as("hoa", &["score", "KC24-GL-007", "necessity", "18"])
            .code,
        0
    );
    assert_eq!(
        codes(&["list", "--query", "is:scored", "--format", "json"]),
        ["KC24-GL-007"]
    );
    assert_eq!(
        codes(&["list", "--query", "score:>=18 by:hoa", "--format", "json"]),
        ["KC24-GL-007"]
    );
    let r = db.run(&["return", "KC24-TV-001", "--reason", "Thiếu hồ sơ"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(
        codes(&["list", "--query", "s:\"trả lại\"", "--format", "json"]),
        ["KC24-TV-001"]
    );
    // Typos: nothing unless asked for, then labelled.
    let out = db.run(&["list", "--query", "gch", "--format", "json"]);
    assert_eq!(out.stdout.trim(), "[]");
    assert!(out.stderr.contains("--fuzzy"), "{}", out.stderr);
    let out = db.run(&["list", "--query", "gch", "--fuzzy", "--format", "json"]);
    assert!(out.stdout.contains("KC24-GL-007"), "{}", out.stdout);
    assert!(out.stderr.contains("fuzzy"), "{}", out.stderr);
}
