//! A team on one queue, with the real binary: four appraisers assigning,
//! scoring and deciding at once; council scores and disputes at their
//! thresholds under each rule of `data/council.toml`; undo refused when
//! someone else has worked on the dossier since.

mod common;
use common::Db;

fn codes(db: &Db) -> Vec<String> {
    db.json(&["list", "--format", "json"])
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["code"].as_str().unwrap().to_string())
        .collect()
}

/// The first criterion of a dossier and its maximum.
fn first_criterion(db: &Db, code: &str) -> (String, u64) {
    let d = db.json(&["show", code, "--format", "json"]);
    let c = &d["score"]["criteria"][0];
    (
        c["id"].as_str().unwrap().to_string(),
        c["max"].as_u64().unwrap(),
    )
}

fn audit_count(db: &Db, action: &str) -> usize {
    db.json(&["log", "--format", "json"])
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| e["action"] == action)
        .count()
}

#[test]
fn four_appraisers_assign_score_and_decide_at_once() {
    let db = Db::new();
    db.import_sample();
    let all = codes(&db);
    assert!(all.len() >= 8, "the sample has enough dossiers");
    let all = &all[..8];
    let crits: Vec<(String, u64)> = all.iter().map(|c| first_criterion(&db, c)).collect();
    let users = ["an", "binh", "chi", "dung"];
    std::thread::scope(|s| {
        let handles: Vec<_> = users
            .iter()
            .enumerate()
            .map(|(k, user)| {
                let (db, crits) = (&db, &crits);
                s.spawn(move || {
                    let mut outs = Vec::new();
                    // Each takes two dossiers, scores all eight, returns its two.
                    let mine: Vec<&str> =
                        all[2 * k..2 * k + 2].iter().map(|s| s.as_str()).collect();
                    let mut args = vec!["assign"];
                    args.extend(&mine);
                    args.extend(["--to", user]);
                    outs.push(db.run_as(user, &args));
                    for (code, (crit, max)) in all.iter().zip(crits) {
                        let points = (max - k as u64).to_string();
                        outs.push(db.run_as(user, &["score", code, crit, &points]));
                    }
                    let mut args = vec!["return"];
                    args.extend(&mine);
                    args.extend(["--reason", "thiếu hồ sơ"]);
                    outs.push(db.run_as(user, &args));
                    outs
                })
            })
            .collect();
        for h in handles {
            for out in h.join().unwrap() {
                assert_eq!(out.code, 0, "{}", out.stderr);
                assert!(
                    !out.stderr.contains("busy") && !out.stderr.contains("locked"),
                    "{}",
                    out.stderr
                );
            }
        }
    });
    // Exactly what each did, no more, no less.
    assert_eq!(audit_count(&db, "assign"), 8);
    assert_eq!(audit_count(&db, "score"), 32);
    assert_eq!(audit_count(&db, "return"), 8);
    let list = db.json(&["list", "--format", "json"]);
    for (k, user) in users.iter().enumerate() {
        let mine = db.run_as(user, &["list", "--query", "is:mine", "--format", "json"]);
        let v: serde_json::Value = serde_json::from_str(&mine.stdout).unwrap();
        let got: Vec<&str> = v
            .as_array()
            .unwrap()
            .iter()
            .map(|r| r["code"].as_str().unwrap())
            .collect();
        let mut want: Vec<&str> = all[2 * k..2 * k + 2].iter().map(|s| s.as_str()).collect();
        want.sort();
        let mut got = got;
        got.sort();
        assert_eq!(got, want, "{user}'s queue");
        let to = db.json(&["list", "--query", &format!("to:{user}"), "--format", "json"]);
        assert_eq!(to.as_array().unwrap().len(), 2);
    }
    // Every dossier: four totals max, max-1, max-2, max-3 (no bonus in the
    // first criterion); the council's mean rounds max-1.5 up.
    for (code, (_, max)) in all.iter().zip(&crits) {
        let d = db.json(&["show", code, "--format", "json"]);
        let by = d["score"]["by_appraiser"].as_array().unwrap();
        assert_eq!(by.len(), 4, "{code}");
        let bonus = d["score"]["bonus"].as_i64().unwrap();
        let max = *max as i64;
        assert_eq!(
            d["score"]["total"].as_i64().unwrap(),
            max - 1 + bonus,
            "{code}"
        );
        assert_eq!(d["score"]["spread"], 3);
        let row = list
            .as_array()
            .unwrap()
            .iter()
            .find(|r| r["code"] == code.as_str())
            .unwrap();
        assert_eq!(row["score"], d["score"]["total"], "list and show agree");
        assert_eq!(row["status"], "returned");
    }
}

/// A data folder with this council.toml.
fn council(db: &Db, rule: &str, above: u32) -> String {
    let dir = db.dir().join(format!("data-{rule}-{above}"));
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(
        dir.join("council.toml"),
        format!("rule = \"{rule}\"\ndispute_above = {above}\n"),
    )
    .unwrap();
    dir.to_str().unwrap().to_string()
}

#[test]
fn council_rules_and_disputes_at_their_thresholds() {
    let db = Db::new();
    db.import_sample();
    let code = codes(&db)[0].clone();
    let (crit, max) = first_criterion(&db, &code);
    assert!(max >= 12);
    // lan max, minh max-10, hoa max-11: spread 11.
    for (user, less) in [("lan", 0), ("minh", 10), ("hoa", 11)] {
        let out = db.run_as(user, &["score", &code, &crit, &(max - less).to_string()]);
        assert_eq!(out.code, 0, "{}", out.stderr);
    }
    let max = max as i64;
    let with = |data: &str, args: &[&str]| {
        let mut a = vec!["--data", data];
        a.extend(args);
        db.json(&a)
    };
    let total = |data: &str| {
        let d = with(data, &["show", &code, "--format", "json"]);
        d["score"]["total"].as_i64().unwrap() - d["score"]["bonus"].as_i64().unwrap()
    };
    let disputed = |data: &str| {
        with(
            data,
            &["list", "--query", "is:disputed", "--format", "json"],
        )
        .as_array()
        .unwrap()
        .iter()
        .any(|r| r["code"] == code.as_str())
    };
    // mean of max, max-10, max-11 = max-7.
    let mean = council(&db, "mean", 11);
    assert_eq!(total(&mean), max - 7);
    assert!(!disputed(&mean), "exactly at the threshold: not disputed");
    let mean10 = council(&db, "mean", 10);
    assert!(disputed(&mean10), "one over the threshold: disputed");
    let median = council(&db, "median", 10);
    assert_eq!(total(&median), max - 10);
    let lead = council(&db, "lead", 10);
    assert_eq!(total(&lead), max - 7, "no lead yet: the mean");
    let out = db.run(&["--data", &lead, "assign", &code, "--to", "hoa"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert_eq!(total(&lead), max - 11, "the lead's total");
    // The ranking follows the rule in force.
    // (the ranking of the dossier's own plan year: the sample holds 2026 too)
    let year = with(&median, &["show", &code, "--format", "json"])["plan_year"].to_string();
    let rank = with(&median, &["rank", "--plan-year", &year, "--format", "json"]);
    let r = rank
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["code"] == code.as_str())
        .unwrap();
    assert_eq!(
        r["score"].as_i64().unwrap(),
        max - 10
            + with(&median, &["show", &code, "--format", "json"])["score"]["bonus"]
                .as_i64()
                .unwrap()
    );
    // A bad setting names the file and the line.
    let bad = db.dir().join("bad");
    std::fs::create_dir_all(&bad).unwrap();
    std::fs::write(
        bad.join("council.toml"),
        "rule = \"mean\"\ndispute_above = -1\n",
    )
    .unwrap();
    let out = db.run(&["--data", bad.to_str().unwrap(), "list"]);
    assert_eq!(out.code, 1);
    assert!(
        out.stderr
            .contains("council.toml:2: dispute_above -1 is not between 0 and 100 points"),
        "{}",
        out.stderr
    );
}

#[test]
fn undo_is_refused_naming_who_scored_since_and_one_appraiser_behaves_as_before() {
    let db = Db::new();
    db.import_sample();
    let code = codes(&db)[0].clone();
    let (crit, _) = first_criterion(&db, &code);
    assert_eq!(db.run_as("lan", &["score", &code, &crit, "5"]).code, 0);
    // One appraiser: the total is theirs, not disputed, criteria as scored.
    let d = db.json(&["show", &code, "--format", "json"]);
    assert_eq!(d["score"]["criteria"][0]["points"], 5);
    assert_eq!(d["score"]["by_appraiser"].as_array().unwrap().len(), 1);
    assert_eq!(d["score"]["disputed"], false);
    let out = db.run_as("lan", &["return", &code, "--reason", "thiếu"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert_eq!(db.run_as("minh", &["score", &code, &crit, "7"]).code, 0);
    let out = db.run_as("lan", &["undo"]);
    assert_eq!(out.code, 1);
    assert!(
        out.stderr.contains(&format!(
            "cannot undo: minh scored {crit} = 7 on {code} at "
        )),
        "{}",
        out.stderr
    );
    let out = db.run_as("lan", &["--lang", "vi", "undo"]);
    assert!(
        out.stderr.contains(&format!(
            "không hoàn tác được: minh đã chấm {crit} = 7 của {code} lúc "
        )),
        "{}",
        out.stderr
    );
    assert_eq!(
        db.json(&["show", &code, "--format", "json"])["status"],
        "returned"
    );
    assert_eq!(audit_count(&db, "undo"), 0, "nothing was written");
}
