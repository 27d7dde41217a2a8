//! Import through the real binary: the sample, the nasty files, re-import,
//! revisions, and a killed import.

mod common;
use common::*;

#[test]
fn the_sample_imports_whole_and_reimport_changes_nothing() {
    let db = Db::new();
    let out = db.import_sample();
    assert_eq!(
        out.stdout.trim(),
        "imported 55, updated 0, unchanged 0, rejected 0"
    );
    assert!(!out.stderr.contains("error:"), "{}", out.stderr);
    let again = db.run(&["import", sample_dir().to_str().unwrap()]);
    assert_eq!(again.code, 0);
    assert_eq!(
        again.stdout.trim(),
        "imported 0, updated 0, unchanged 55, rejected 0"
    );
    let list = db.json(&["list", "--format", "json"]);
    assert_eq!(list.as_array().unwrap().len(), 55);
}

#[test]
fn bad_records_are_named_by_file_line_and_field_and_good_ones_still_load() {
    let db = Db::new();
    let file = nasty_dir().join("mistakes.csv");
    let out = db.run(&["import", file.to_str().unwrap()]);
    assert_eq!(out.code, 3, "partial success:\n{}", out.stderr);
    assert_eq!(
        out.stdout.trim(),
        "imported 3, updated 0, unchanged 0, rejected 6"
    );
    let f = file.to_str().unwrap();
    for (line, field) in [
        (3, "budget.national_vnd"),
        (5, "submitted_on"),
        (6, "category"),
        (7, "code"),
        (8, "budget.counterpart_vnd"),
        (9, "budget.local_vnd"),
    ] {
        let prefix = format!("error: {f}:{line}: {field}: ");
        assert!(
            out.stderr.lines().any(|l| l.starts_with(&prefix)),
            "no {prefix:?} in\n{}",
            out.stderr
        );
    }
    assert!(
        out.stderr.contains("\"1,5 tỷ\" is not an amount in VND"),
        "{}",
        out.stderr
    );
    let codes: Vec<String> = db
        .json(&["list", "--format", "json"])
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["code"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(codes.len(), 3);
    for c in ["KC24-TB-911", "KC24-TB-913", "KC24-TB-919"] {
        assert!(codes.contains(&c.to_string()), "{codes:?}");
    }
}

#[test]
fn a_folder_of_nasty_files_loads_what_is_good() {
    let db = Db::new();
    let out = db.run(&["import", nasty_dir().to_str().unwrap()]);
    assert_eq!(out.code, 3, "{}", out.stderr);
    assert!(
        out.stdout
            .starts_with("imported 10, updated 0, unchanged 0, rejected 7"),
        "{}",
        out.stdout
    );
    assert!(out.stderr.contains("windows-1258.csv"), "{}", out.stderr);
    assert!(out.stderr.contains("empty.json"), "{}", out.stderr);
    assert!(
        out.stderr.contains("syntax-error.jsonl:3"),
        "{}",
        out.stderr
    );
}

#[test]
fn nothing_good_means_failure() {
    let db = Db::new();
    let out = db.run(&["import", nasty_dir().join("empty.json").to_str().unwrap()]);
    assert_eq!(out.code, 1);
    assert!(out.stderr.starts_with("error: "), "{}", out.stderr);
}

#[test]
fn nfd_text_is_stored_nfc_and_found_without_diacritics() {
    let db = Db::new();
    db.run(&[
        "import",
        nasty_dir().join("nfd-decomposed.json").to_str().unwrap(),
    ]);
    let d = db.json(&["show", "KC24-BN-901", "--format", "json"]);
    let title = d["title"].as_str().unwrap();
    assert_eq!(
        title,
        "Hỗ trợ ứng dụng máy móc thiết bị tiên tiến trong sản xuất gạch không nung tại thị xã Quế Võ"
    );
    assert_eq!(d["province"], "Bắc Ninh");
    assert_eq!(d["category"], "machinery");
    for q in ["gạch không nung", "gach khong nung", "GACH KHONG"] {
        let hits = db.json(&["list", "--query", q, "--format", "json"]);
        assert_eq!(hits.as_array().unwrap().len(), 1, "query {q:?}");
    }
}

#[test]
fn escape_sequences_never_reach_the_terminal_but_the_original_is_kept() {
    let db = Db::new();
    db.run(&[
        "import",
        nasty_dir().join("escape-sequences.json").to_str().unwrap(),
    ]);
    for args in [
        vec!["show", "KC24-HG-902"],
        vec!["list"],
        vec!["export", "--format", "csv"],
        vec!["log"],
    ] {
        let out = db.run(&args);
        assert_eq!(out.code, 0, "{args:?}: {}", out.stderr);
        for bad in ['\u{1b}', '\u{9b}', '\u{7}', '\u{202e}'] {
            assert!(!out.stdout.contains(bad), "{args:?} printed {bad:?}");
        }
    }
    let d = db.json(&["show", "KC24-HG-902", "--format", "json"]);
    let title = d["title"].as_str().unwrap();
    assert!(title.contains('␛'), "{title}");
    assert!(d["summary"].as_str().unwrap().contains('\n'));
    // The original bytes are kept for the record.
    assert!(d["original"]["title"].as_str().unwrap().contains('\u{1b}'));
}

#[test]
fn a_revised_dossier_becomes_a_new_revision_and_reopens_if_returned() {
    let db = Db::new();
    let one = db.dir().join("one.json");
    let record = |title: &str| {
        format!(
            r#"{{"code": "KC24-TV-777", "plan_year": 2024, "province": "Trà Vinh", "category": "tư vấn",
               "title": "{title}", "implementing_unit": "Trung tâm Khuyến công Trà Vinh",
               "submitted_on": "20/09/2023",
               "budget": {{"total_vnd": "70.000.000", "national_vnd": "35.000.000", "local_vnd": 0, "counterpart_vnd": "35.000.000"}}}}"#
        )
    };
    std::fs::write(&one, record("Tư vấn thiết kế bao bì")).unwrap();
    assert_eq!(db.run(&["import", one.to_str().unwrap()]).code, 0);
    db.run(&["note", "KC24-TV-777", "cần bổ sung báo giá"]);
    let ret = db.run(&["return", "KC24-TV-777", "--reason", "thiếu báo giá"]);
    assert_eq!(ret.code, 0, "{}", ret.stderr);
    std::fs::write(&one, record("Tư vấn thiết kế bao bì (bản sửa)")).unwrap();
    let out = db.run(&["import", one.to_str().unwrap()]);
    assert_eq!(
        out.stdout.trim(),
        "imported 0, updated 1, unchanged 0, rejected 0"
    );
    let d = db.json(&["show", "KC24-TV-777", "--format", "json"]);
    assert_eq!(d["revision"], 2);
    assert_eq!(d["status"], "pending");
    assert_eq!(d["notes"][0]["text"], "cần bổ sung báo giá");
    assert_eq!(d["notes"][0]["revision"], 1);
    assert_eq!(d["history"][0]["action"], "return");
    assert_eq!(
        db.json(&["list", "--format", "json"])
            .as_array()
            .unwrap()
            .len(),
        1
    );
}

/// Generate `n` valid dossiers as JSON Lines.
fn generate(path: &std::path::Path, n: usize) {
    use std::io::Write;
    let mut f = std::io::BufWriter::new(std::fs::File::create(path).unwrap());
    for i in 0..n {
        writeln!(
            f,
            r#"{{"code":"GEN-{i:06}","plan_year":2024,"province":"Gia Lai","category":"machinery","title":"Hỗ trợ ứng dụng máy sấy nông sản số {i}","implementing_unit":"Trung tâm Khuyến công Gia Lai","submitted_on":"2023-09-{d:02}","budget":{{"total_vnd":600000000,"national_vnd":300000000,"local_vnd":0,"counterpart_vnd":300000000}},"documents":["cover_letter","proposal","cost_estimate"],"summary":"Mô hình {i}"}}"#,
            d = 1 + i % 28
        )
        .unwrap();
    }
}

#[test]
fn a_killed_import_leaves_a_consistent_database_and_a_rerun_completes() {
    let db = Db::new();
    let file = db.dir().join("big.jsonl");
    let n = 20_000;
    generate(&file, n);
    let mut child = db
        .cmd("lan")
        .args(["import", file.to_str().unwrap()])
        .spawn()
        .unwrap();
    // Wait until some chunks are committed, then kill it hard.
    let started = std::time::Instant::now();
    loop {
        std::thread::sleep(std::time::Duration::from_millis(50));
        if let Ok(s) = thamdinh::store::Store::open(&db.path)
            && s.count().unwrap_or(0) > 0
        {
            break;
        }
        assert!(
            started.elapsed().as_secs() < 120,
            "import never committed anything"
        );
    }
    child.kill().unwrap();
    child.wait().unwrap();
    let store = thamdinh::store::Store::open(&db.path).unwrap();
    assert_eq!(store.check().unwrap(), Vec::new());
    let partial = store.count().unwrap() as usize;
    assert!(partial > 0);
    assert_eq!(
        partial % thamdinh::ops::IMPORT_CHUNK,
        0,
        "only whole chunks are committed ({partial})"
    );
    drop(store);
    let out = db.run(&["import", file.to_str().unwrap()]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let expected = format!(
        "imported {}, updated 0, unchanged {partial}, rejected 0",
        n - partial
    );
    // If the kill came after the last commit, everything is unchanged.
    assert_eq!(out.stdout.trim(), expected);
    let store = thamdinh::store::Store::open(&db.path).unwrap();
    assert_eq!(store.count().unwrap() as usize, n);
    assert!(store.check().unwrap().is_empty());
}

/// A spelling a province writes that the bundled aliases do not know is
/// refused, naming the field; an official adds it to `aliases.toml` in the
/// data folder and the same file goes in. A broken aliases file is refused
/// with its file and line.
#[test]
fn an_officials_spelling_in_aliases_toml_is_accepted_on_import() {
    let db = Db::new();
    let file = db.dir().join("ha-tinh.json");
    let mut d: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(common::sample_dir().join("gia-lai.json")).unwrap(),
    )
    .unwrap();
    let first = &mut d[0];
    first["code"] = "KC24-HT-001".into();
    first["beneficiary"]["kind"] = "Hợp tác xã kiểu mới".into();
    std::fs::write(&file, serde_json::to_string(&first).unwrap()).unwrap();
    let out = db.run(&["import", file.to_str().unwrap()]);
    assert_ne!(out.code, 0, "{}", out.stderr);
    assert!(
        out.stderr
            .contains("beneficiary.kind: \"Hợp tác xã kiểu mới\" is not one of: enterprise"),
        "{}",
        out.stderr
    );
    let data = db.dir().join("data");
    std::fs::create_dir_all(&data).unwrap();
    std::fs::write(
        data.join("aliases.toml"),
        "[beneficiary_kind]\ncooperative = [\"HTX\", \"hợp tác xã kiểu mới\"]\n",
    )
    .unwrap();
    let data_arg = data.to_str().unwrap();
    let out = db.run(&["--data", data_arg, "import", file.to_str().unwrap()]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let shown = db.json(&["show", "KC24-HT-001", "--format", "json"]);
    assert_eq!(shown["beneficiary"]["kind"], "cooperative");
    std::fs::write(
        data.join("aliases.toml"),
        "[beneficiary_kind]\ncooperative = [\"HTX\"]\nhousehold = [\"htx\"]\n",
    )
    .unwrap();
    let out = db.run(&["--data", data_arg, "import", file.to_str().unwrap()]);
    assert_ne!(out.code, 0);
    assert!(
        out.stderr
            .contains("aliases.toml:3: \"htx\" is already a spelling of cooperative"),
        "{}",
        out.stderr
    );
}
