//! Rule sets through the real binary: `show` names the set of the
//! dossier's plan year and every item's article; a broken copy of next
//! year's set is refused with its file and line.

mod common;
use common::*;

#[test]
fn show_names_the_rule_set_and_every_items_article() {
    let db = Db::new();
    db.import_sample();
    let d = db.json(&["show", "KC26-TH-001", "--format", "json"]);
    assert_eq!(d["rule_set"]["id"], "2026");
    assert_eq!(d["rule_set"]["plan_years"], "2026–");
    assert_eq!(d["rule_set"]["registration_deadline"], "2025-06-20");
    assert_eq!(d["rule_set"]["dossier_deadline"], "2025-09-30");
    assert!(
        d["rule_set"]["legal_basis"][0]
            .as_str()
            .is_some_and(|b| b.contains("235/2025/NĐ-CP"))
    );
    let items = d["checklist"].as_array().unwrap();
    assert!(items.iter().any(|i| i["kind"] == "manual"));
    for i in items {
        assert!(
            i["basis"].as_str().is_some_and(|b| !b.is_empty()),
            "{} has no basis",
            i["id"]
        );
    }
    // The establishments and their shares are shown as imported.
    assert_eq!(d["beneficiaries"][1]["national_vnd"], 320_000_000);
    let cap = items.iter().find(|i| i["id"] == "support_cap").unwrap();
    assert_eq!(cap["state"], "fail");
    assert_eq!(cap["evidence"]["rule"], "cap_each");

    let old = db.json(&["show", "KC24-GL-007", "--format", "json"]);
    assert_eq!(old["rule_set"]["id"], "2024");
    assert_eq!(old["rule_set"]["plan_years"], "2024–2025");

    let text = db.run(&["show", "KC26-TH-001", "--as-of", "2025-10-15"]);
    assert_eq!(text.code, 0, "{}", text.stderr);
    assert!(
        text.stdout
            .contains("Rule set           2026– · Decree 45/2012 as amended by Decree 235/2025"),
        "{}",
        text.stdout
    );
    assert!(
        text.stdout
            .contains("Deadlines          registration 20/06/2025, dossier 30/09/2025")
    );
    assert!(text.stdout.contains("Establishment 2    Hợp tác xã Cói Nga Thạch · Xã Nga Thạch · national 320 tr / total 650 tr"));
    assert!(
        text.stdout
            .contains("Basis: TT 28/2018/TT-BTC (sđ TT 64/2024/TT-BTC), mức hỗ trợ tối đa")
    );
}

#[test]
fn a_broken_copy_of_next_years_set_names_its_file_and_line() {
    let db = Db::new();
    let data = db.dir().join("data");
    std::fs::create_dir_all(data.join("rulesets")).unwrap();
    let text = std::fs::read_to_string(root().join("data/rulesets/2026.toml"))
        .unwrap()
        .replace("from_plan_year = 2026", "from_plan_year = 2027")
        .replace(
            "[caps.machinery.establishment]\npercent = 50",
            "[caps.machinery.establishment]\npercent = \"50%\"",
        );
    let path = data.join("rulesets/2027.toml");
    std::fs::write(&path, &text).unwrap();
    let line = text
        .lines()
        .position(|l| l.starts_with("percent = \"50%\""))
        .unwrap()
        + 1;
    let out = db.run(&["--data", data.to_str().unwrap(), "list"]);
    assert_eq!(out.code, 1, "{}", out.stderr);
    assert!(
        out.stderr.contains(&format!("{}:{line}:", path.display())),
        "{}",
        out.stderr
    );
}
