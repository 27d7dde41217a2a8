//! The query table of `tests/fixtures/query/cases.tsv`, run through
//! `thamdinh list --query`: the CLI keeps exactly what the domain's matcher
//! keeps (the same table runs in `domain::query`'s unit tests).

mod common;
use common::*;

/// `\u0300` in the table stands for the character.
fn unescape(s: &str) -> String {
    let mut out = String::new();
    let mut rest = s;
    while let Some(i) = rest.find("\\u") {
        out.push_str(&rest[..i]);
        let hex = &rest[i + 2..i + 6];
        out.push(char::from_u32(u32::from_str_radix(hex, 16).unwrap()).unwrap());
        rest = &rest[i + 6..];
    }
    out.push_str(rest);
    out
}

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
    let mut failures = Vec::new();
    for line in cases
        .lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
    {
        let (q, want) = line.split_once('\t').unwrap();
        let q = unescape(q);
        let out = db.run(&["list", "--query", &q, "--format", "json"]);
        if want.trim() == "error" {
            if out.code != 2 || !out.stderr.starts_with("error: --query: ") {
                failures.push(format!(
                    "{q:?}: expected a usage error, got {} {}",
                    out.code, out.stderr
                ));
            }
            continue;
        }
        if out.code != 0 {
            failures.push(format!("{q:?}: exit {}: {}", out.code, out.stderr));
            continue;
        }
        let v: serde_json::Value = serde_json::from_str(&out.stdout).unwrap();
        let mut got: Vec<String> = v
            .as_array()
            .unwrap()
            .iter()
            .map(|i| i["code"].as_str().unwrap().to_string())
            .collect();
        let mut want: Vec<String> = if want.trim() == "-" {
            Vec::new()
        } else {
            want.split(' ').map(str::to_string).collect()
        };
        got.sort();
        want.sort();
        if got != want {
            failures.push(format!("{q:?}: kept {got:?}, expected {want:?}"));
        }
    }
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
