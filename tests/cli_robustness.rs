//! Issue 8's defects through the real binary: nothing lost, nothing leaked,
//! no crash. Each test failed before its fix.

mod common;
use common::*;
use std::fs;
use std::path::Path;
use std::process::Stdio;

fn must_fail(out: &Out, what: &str) {
    assert_eq!(out.code, 1, "{what}: expected exit 1\n{}", out.stderr);
    assert!(
        !out.stderr.contains("panicked"),
        "{what}: panicked\n{}",
        out.stderr
    );
}

/// One dossier in a file of its own.
fn write_dossier(dir: &Path, name: &str, fields: serde_json::Value) -> std::path::PathBuf {
    let mut d = serde_json::json!({
        "code": "KC24-TV-100",
        "plan_year": 2024,
        "province": "Trà Vinh",
        "category": "machinery",
        "title": "Máy sấy thạch dừa",
        "implementing_unit": "Trung tâm Khuyến công Trà Vinh",
        "beneficiary": {"name": "Cơ sở Ba Tèo", "kind": "household"},
        "submitted_on": "2023-09-20",
        "budget": {"total_vnd": 600000000, "national_vnd": 300000000,
                   "local_vnd": 0, "counterpart_vnd": 300000000},
        "documents": ["cover_letter", "proposal", "cost_estimate"]
    });
    for (k, v) in fields.as_object().unwrap() {
        d[k] = v.clone();
    }
    let p = dir.join(name);
    fs::write(&p, serde_json::to_string_pretty(&d).unwrap()).unwrap();
    p
}

// 1. An export can never overwrite the database.

#[test]
fn export_onto_the_database_or_its_companions_is_refused_and_the_database_survives() {
    let db = Db::new();
    db.import_sample();
    let before = fs::read(&db.path).unwrap();
    let link = db.dir().join("report.csv");
    #[cfg(unix)]
    std::os::unix::fs::symlink(&db.path, &link).unwrap();
    let hard = db.dir().join("hard.csv");
    fs::hard_link(&db.path, &hard).unwrap();
    let wal = format!("{}-wal", db.path.display());
    let journal = format!("{}-journal", db.path.display());
    let dotted = db.dir().join(".").join("t.db");
    for out in [
        db.path.to_str().unwrap(),
        &wal,
        &journal,
        link.to_str().unwrap(),
        hard.to_str().unwrap(),
        dotted.to_str().unwrap(),
    ] {
        for format in ["csv", "json"] {
            let r = db.run(&["export", "--format", format, "--out", out]);
            must_fail(&r, out);
            assert!(r.stderr.contains("refusing"), "{out}: {}", r.stderr);
        }
        let r = db.run(&["backup", out]);
        must_fail(&r, out);
    }
    assert_eq!(fs::read(&db.path).unwrap(), before, "database unchanged");
    assert_eq!(
        db.json(&["list", "--format", "json"])
            .as_array()
            .unwrap()
            .len(),
        55
    );
}

// 2. Output errors never panic; a committed change says so.

#[test]
fn a_full_disk_on_stdout_is_an_error_that_says_the_change_was_saved() {
    let db = Db::new();
    db.import_sample();
    let full = || {
        fs::OpenOptions::new()
            .write(true)
            .open("/dev/full")
            .unwrap()
    };
    let run = |args: &[&str]| {
        Out::from(
            db.cmd("lan")
                .args(args)
                .stdout(full())
                .output()
                .expect("run"),
        )
    };
    let r = run(&["import", sample_dir().to_str().unwrap()]);
    must_fail(&r, "import");
    assert!(r.stderr.contains("the import was saved"), "{}", r.stderr);
    let r = run(&["note", "KC24-GL-007", "Thiếu báo giá"]);
    must_fail(&r, "note");
    assert!(r.stderr.contains("the note was saved"), "{}", r.stderr);
    let r = run(&[
        "return",
        "KC24-GL-007",
        "--reason",
        "Thiếu báo giá thiết bị",
    ]);
    must_fail(&r, "return");
    assert!(r.stderr.contains("decision was saved"), "{}", r.stderr);
    let shown = db.json(&["show", "KC24-GL-007", "--format", "json"]);
    assert_eq!(shown["status"], "returned");
    assert_eq!(shown["notes"][0]["text"], "Thiếu báo giá");
    for args in [
        &["list"][..],
        &["list", "--format", "json"],
        &["list", "--format", "csv"],
        &["rank"],
        &["log"],
        &["show", "KC24-GL-007"],
        &["export"],
    ] {
        let r = run(args);
        must_fail(&r, &format!("{args:?}"));
        assert!(
            r.stderr.contains("error: writing to standard output"),
            "{args:?}: {}",
            r.stderr
        );
    }
}

#[test]
fn a_closed_pipe_ends_every_command_quietly() {
    let db = Db::new();
    db.import_sample();
    for args in [
        &["list"][..],
        &["list", "--format", "json"],
        &["list", "--format", "csv"],
        &["rank"],
        &["rank", "--format", "json"],
        &["log"],
        &["log", "--format", "json"],
        &["show", "KC24-GL-007"],
        &["show", "KC24-GL-007", "--format", "json"],
        &["export"],
        &["export", "--format", "json"],
        &["check"],
    ] {
        let mut child = db
            .cmd("lan")
            .args(args)
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("spawn");
        // The reader goes away before the command writes anything.
        drop(child.stdout.take());
        let out = Out::from(child.wait_with_output().expect("wait"));
        assert_eq!(out.code, 0, "{args:?}: {}", out.stderr);
        assert!(
            out.stderr.trim().is_empty() || !out.stderr.contains("error"),
            "{args:?}: {}",
            out.stderr
        );
        assert!(!out.stderr.contains("panicked"), "{args:?}: {}", out.stderr);
    }
}

// 3. No cell of any CSV can be read as a formula.

/// Formulas a code can hold (no spaces).
const CODE_FORMULAS: [&str; 4] = [
    "=HYPERLINK(\"http://x\")",
    "=cmd|'/C'!A0",
    "+SUM(1)",
    "@SUM(A1)",
];

const FORMULAS: [&str; 4] = [
    "=HYPERLINK(\"http://evil.example\",\"bấm vào đây\")",
    "=cmd|' /C calc'!A0",
    "+SUM(1,2)",
    "@SUM(A1:A9)",
];

#[test]
fn formulas_in_any_field_come_out_of_every_csv_inert() {
    let db = Db::new();
    for (i, f) in FORMULAS.iter().enumerate() {
        write_dossier(
            db.dir(),
            &format!("f{i}.json"),
            serde_json::json!({
                "code": format!("{}#{i}", CODE_FORMULAS[i]),
                "province": f,
                "title": f,
                "implementing_unit": f,
                "beneficiary": {"name": f, "kind": "household", "district": f, "commune": f},
            }),
        );
    }
    let r = db.run(&["import", db.dir().to_str().unwrap()]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let first = format!("{}#0", CODE_FORMULAS[0]);
    let r = db.run(&["return", &first, "--reason", "=1+1 thiếu hồ sơ"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    for args in [
        &["export"][..],
        &["list", "--format", "csv"],
        &["rank", "--format", "csv"],
    ] {
        let out = db.run(args);
        assert_eq!(out.code, 0, "{args:?}: {}", out.stderr);
        let mut rd = csv::ReaderBuilder::new().from_reader(out.stdout.as_bytes());
        let mut cells = 0;
        for rec in rd.records() {
            for cell in rec.unwrap().iter() {
                cells += 1;
                let first = cell.trim_start().chars().next();
                assert!(
                    !matches!(first, Some('=' | '+' | '@')),
                    "{args:?}: formula cell {cell:?}"
                );
            }
        }
        assert!(cells > 0, "{args:?} wrote no cells");
        assert!(
            out.stdout.contains("'=cmd|"),
            "{args:?}: the text is kept, guarded"
        );
    }
}

// 4. JSON cannot act on a terminal.

#[test]
fn show_json_escapes_controls_bidi_separators_and_tags_even_in_the_original_record() {
    let db = Db::new();
    let nasty = "Xưởng\u{9b}31m\u{1b}[2J\u{202e}gạch\u{2028}mới\u{2029}\u{e0041}\u{e007f}\u{7}";
    write_dossier(
        db.dir(),
        "nasty.json",
        serde_json::json!({"title": nasty, "summary": nasty, "ghi_chu_rieng": nasty}),
    );
    let r = db.run(&["import", db.dir().to_str().unwrap()]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    for args in [
        &["show", "KC24-TV-100", "--format", "json"][..],
        &["show", "KC24-TV-100"],
        &["list", "--format", "json"],
        &["export", "--format", "json"],
        &["log", "--format", "json"],
    ] {
        let out = db.run(args);
        assert_eq!(out.code, 0, "{args:?}: {}", out.stderr);
        assert_no_raw_controls(&out.stdout, &format!("{args:?}"));
    }
    // The original bytes are still there, escaped.
    let out = db.run(&["show", "KC24-TV-100", "--format", "json"]);
    assert!(out.stdout.contains("\\u009b"), "{}", out.stdout);
    let v: serde_json::Value = serde_json::from_str(&out.stdout).unwrap();
    assert!(
        v.to_string().contains('\u{9b}'),
        "the original record keeps its bytes"
    );
}

/// Nothing in `s` may drive a terminal: no control but newline, no bidi
/// control, no separator, no tag character.
fn assert_no_raw_controls(s: &str, what: &str) {
    for (i, c) in s.char_indices() {
        let bad = c != '\n' && thamdinh::domain::text::needs_escape(c);
        assert!(
            !bad,
            "{what}: raw {c:?} at byte {i}: {:?}",
            &s[i.saturating_sub(40)..(i + 8).min(s.len())]
        );
    }
}

// 5. A database that is not ours, or is damaged, is refused untouched.

#[test]
fn a_foreign_or_damaged_database_is_refused_untouched_with_one_line() {
    let dir = tempfile::tempdir().unwrap();
    let foreign = dir.path().join("other.db");
    {
        let c = rusqlite::Connection::open(&foreign).unwrap();
        c.execute_batch("CREATE TABLE contacts (name TEXT); INSERT INTO contacts VALUES ('x');")
            .unwrap();
    }
    let not_sqlite = dir.path().join("notes.txt");
    fs::write(
        &not_sqlite,
        "ghi chú, không phải cơ sở dữ liệu\n".repeat(200),
    )
    .unwrap();
    let other_app = dir.path().join("app.db");
    {
        let c = rusqlite::Connection::open(&other_app).unwrap();
        c.execute_batch("PRAGMA application_id = 1234;").unwrap();
    }
    let db = Db::new();
    db.import_sample();
    let negative = dir.path().join("neg.db");
    fs::copy(&db.path, &negative).unwrap();
    rusqlite::Connection::open(&negative)
        .unwrap()
        .execute_batch("PRAGMA user_version = -1;")
        .unwrap();
    let zero = dir.path().join("zero.db");
    fs::copy(&db.path, &zero).unwrap();
    rusqlite::Connection::open(&zero)
        .unwrap()
        .execute_batch("PRAGMA user_version = 0;")
        .unwrap();
    for (path, words) in [
        (&foreign, "another application's tables"),
        (&not_sqlite, "not an SQLite database"),
        (&other_app, "another application"),
        (&negative, "schema version is -1"),
        (&zero, "reset to 0"),
    ] {
        let before = fs::read(path).unwrap();
        for args in [
            &["list"][..],
            &["import", sample_dir().to_str().unwrap()],
            &["note", "KC24-GL-007", "x"],
        ] {
            let mut c = std::process::Command::new(bin());
            c.arg("--db").arg(path).args(args).stdin(Stdio::null());
            let out = Out::from(c.output().unwrap());
            must_fail(&out, &format!("{} {args:?}", path.display()));
            assert!(
                out.stderr.contains(words),
                "{}: {}",
                path.display(),
                out.stderr
            );
            assert_eq!(
                out.stderr
                    .lines()
                    .filter(|l| l.starts_with("error:"))
                    .count(),
                1,
                "one line: {}",
                out.stderr
            );
        }
        assert_eq!(
            fs::read(path).unwrap(),
            before,
            "{} untouched",
            path.display()
        );
        for suffix in ["-wal", "-shm"] {
            assert!(
                !Path::new(&format!("{}{suffix}", path.display())).exists(),
                "{}: no {suffix} created",
                path.display()
            );
        }
    }
}

#[test]
fn a_first_stage_database_is_adopted_and_marked_as_ours() {
    let db = Db::new();
    db.import_sample();
    // A database written before the mark existed.
    rusqlite::Connection::open(&db.path)
        .unwrap()
        .execute_batch("PRAGMA application_id = 0;")
        .unwrap();
    assert_eq!(db.run(&["list"]).code, 0, "a reader changes nothing");
    assert_eq!(db.run(&["note", "KC24-GL-007", "Đã xem"]).code, 0);
    let id: i32 = rusqlite::Connection::open(&db.path)
        .unwrap()
        .query_row("PRAGMA application_id", [], |r| r.get(0))
        .unwrap();
    assert_eq!(id, thamdinh::store::APPLICATION_ID);
}

// 6. A full disk leaves the previous report whole.

#[test]
fn a_full_filesystem_leaves_the_previous_export_as_it_was() {
    let db = Db::new();
    db.import_sample();
    let mnt = db.dir().join("small");
    fs::create_dir(&mnt).unwrap();
    let mounted = std::process::Command::new("mount")
        .args(["-t", "tmpfs", "-o", "size=12k", "tmpfs"])
        .arg(&mnt)
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|s| s.success());
    if !mounted {
        eprintln!(
            "skipped: cannot mount a small filesystem here (AtomicFile's unit tests cover the drop)"
        );
        return;
    }
    struct Unmount<'a>(&'a Path);
    impl Drop for Unmount<'_> {
        fn drop(&mut self) {
            let _ = std::process::Command::new("umount").arg(self.0).status();
        }
    }
    let _guard = Unmount(&mnt);
    let report = mnt.join("report.csv");
    fs::write(&report, "báo cáo cũ\n").unwrap();
    let r = db.run(&["export", "--out", report.to_str().unwrap()]);
    must_fail(&r, "export onto a full filesystem");
    assert!(
        r.stderr.contains("report.csv"),
        "the error names the file: {}",
        r.stderr
    );
    assert_eq!(fs::read_to_string(&report).unwrap(), "báo cáo cũ\n");
    assert_eq!(
        fs::read_dir(&mnt).unwrap().count(),
        1,
        "no temporary file left"
    );
}

// 8. Undo is never stuck on a decision that was itself undone.

#[test]
fn an_undone_decision_by_someone_else_does_not_block_an_earlier_undo() {
    let db = Db::new();
    db.import_sample();
    let r = db.run_as(
        "an",
        &[
            "return",
            "KC24-GL-007",
            "KC24-NA-012",
            "--reason",
            "Thiếu hồ sơ",
        ],
    );
    assert_eq!(r.code, 0, "{}", r.stderr);
    let r = db.run_as(
        "binh",
        &["approve", "KC24-GL-007", "--override", "Đã bổ sung"],
    );
    assert_eq!(r.code, 0, "{}", r.stderr);
    let r = db.run_as("binh", &["undo"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let r = db.run_as("an", &["undo"]);
    assert_eq!(r.code, 0, "an's undo is free again: {}", r.stderr);
    for code in ["KC24-GL-007", "KC24-NA-012"] {
        assert_eq!(
            db.json(&["show", code, "--format", "json"])["status"],
            "pending"
        );
    }
    // A later decision that still stands does block it.
    let r = db.run_as("an", &["return", "KC24-GL-007", "--reason", "Thiếu"]);
    assert_eq!(r.code, 0);
    let r = db.run_as("binh", &["approve", "KC24-GL-007", "--override", "Đủ"]);
    assert_eq!(r.code, 0);
    let r = db.run_as("an", &["undo"]);
    must_fail(&r, "undo under a standing decision");
    assert!(r.stderr.contains("decided again by binh"), "{}", r.stderr);
}

// 9. Reading works for a user who may only read.

#[cfg(unix)]
#[test]
fn a_user_who_may_only_read_can_list_show_rank_log_export_and_backup() {
    use std::os::unix::fs::PermissionsExt;
    let db = Db::new();
    db.import_sample();
    let shared = db.dir().join("shared");
    fs::create_dir(&shared).unwrap();
    let path = shared.join("kc.db");
    // A clean copy with no -wal or -shm beside it, as after its owner quit.
    assert_eq!(db.run(&["backup", path.to_str().unwrap()]).code, 0);
    fs::set_permissions(&path, fs::Permissions::from_mode(0o644)).unwrap();
    fs::set_permissions(&shared, fs::Permissions::from_mode(0o755)).unwrap();
    fs::set_permissions(db.dir(), fs::Permissions::from_mode(0o755)).unwrap();
    let is_root = std::process::Command::new("id")
        .arg("-u")
        .output()
        .is_ok_and(|o| String::from_utf8_lossy(&o.stdout).trim() == "0");
    let out_dir = tempfile::tempdir().unwrap();
    fs::set_permissions(out_dir.path(), fs::Permissions::from_mode(0o777)).unwrap();
    let run = |args: &[&str]| {
        let mut c = std::process::Command::new(bin());
        c.arg("--db").arg(&path).args(args).stdin(Stdio::null());
        if is_root {
            // Another account: nobody may read the file, not write it.
            use std::os::unix::process::CommandExt;
            c.uid(65534).gid(65534);
        } else {
            fs::set_permissions(&path, fs::Permissions::from_mode(0o444)).unwrap();
            fs::set_permissions(&shared, fs::Permissions::from_mode(0o555)).unwrap();
        }
        c.env("HOME", out_dir.path());
        Out::from(c.output().unwrap())
    };
    let before = fs::read(&path).unwrap();
    let backup = out_dir.path().join("copy.db");
    for args in [
        &["list"][..],
        &["list", "--format", "json"],
        &["show", "KC24-GL-007", "--format", "json"],
        &["rank"],
        &["log"],
        &["export"],
        &["check"],
        &["backup", backup.to_str().unwrap()],
    ] {
        let out = run(args);
        assert_eq!(out.code, 0, "{args:?}: {}", out.stderr);
    }
    let out = run(&["note", "KC24-GL-007", "ghi chú"]);
    must_fail(&out, "note by a reader");
    assert!(out.stderr.contains("only read"), "{}", out.stderr);
    assert_eq!(fs::read(&path).unwrap(), before, "nothing written");
    let _ = fs::set_permissions(&shared, fs::Permissions::from_mode(0o755));
}

// 10. Concurrent one-shot commands never refuse each other as conflicts.

#[test]
fn concurrent_cli_decisions_on_the_same_dossiers_never_conflict() {
    let db = Db::new();
    db.import_sample();
    let codes = ["KC24-GL-007", "KC24-NA-012", "KC24-QNA-008"];
    let mut children = Vec::new();
    for i in 0..24 {
        let mut c = db.cmd(&format!("u{}", i % 4));
        if i % 2 == 0 {
            c.args(["approve", "--override", "Hội đồng đã xem xét"]);
        } else {
            c.args(["return", "--reason", "Bổ sung báo giá"]);
        }
        c.args(codes).stdout(Stdio::null()).stderr(Stdio::piped());
        children.push(c.spawn().unwrap());
    }
    for ch in children {
        let out = Out::from(ch.wait_with_output().unwrap());
        assert_eq!(out.code, 0, "{}", out.stderr);
        assert!(
            !out.stderr.contains("since you loaded it"),
            "{}",
            out.stderr
        );
    }
    let r = db.run(&["check"]);
    assert_eq!(r.code, 0, "{}{}", r.stdout, r.stderr);
}

// 13. Files: private by default; an explicit folder is never created.

#[cfg(unix)]
#[test]
fn a_new_database_and_its_companions_are_0660_whatever_the_umask() {
    use std::os::unix::fs::PermissionsExt;
    let db = Db::new();
    // The test harness runs under the usual umask 022.
    let out = Out::from(
        std::process::Command::new("sh")
            .arg("-c")
            .arg(format!(
                "umask 022 && exec '{}' --db '{}' import '{}'",
                bin(),
                db.path.display(),
                sample_dir().display()
            ))
            .output()
            .unwrap(),
    );
    assert_eq!(out.code, 0, "{}", out.stderr);
    for suffix in ["", "-wal", "-shm"] {
        let p = format!("{}{suffix}", db.path.display());
        if let Ok(meta) = fs::metadata(&p) {
            assert_eq!(meta.permissions().mode() & 0o777, 0o660, "{p}");
        } else {
            assert!(!suffix.is_empty(), "the database exists");
        }
    }
    // An existing world-readable one gets a warning.
    fs::set_permissions(&db.path, fs::Permissions::from_mode(0o644)).unwrap();
    let r = db.run(&["list"]);
    assert_eq!(r.code, 0);
    assert!(r.stderr.contains("readable by every user"), "{}", r.stderr);
}

#[test]
fn an_explicit_path_in_a_missing_folder_creates_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("khong").join("co").join("x.db");
    for args in [&["list"][..], &["import", sample_dir().to_str().unwrap()]] {
        let out = Out::from(
            std::process::Command::new(bin())
                .arg("--db")
                .arg(&path)
                .args(args)
                .output()
                .unwrap(),
        );
        must_fail(&out, "missing folder");
        assert!(out.stderr.contains("does not exist"), "{}", out.stderr);
    }
    assert!(!dir.path().join("khong").exists());
    // The default location is created on demand.
    let home = dir.path().join("home");
    let out = Out::from(
        std::process::Command::new(bin())
            .env_remove("THAMDINH_DB")
            .env("XDG_DATA_HOME", &home)
            .args(["import", sample_dir().to_str().unwrap()])
            .output()
            .unwrap(),
    );
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(home.join("thamdinh/thamdinh.db").is_file());
}

// Backup and check.

#[test]
fn a_backup_taken_while_others_write_is_consistent_and_checks_out() {
    let db = Db::new();
    db.import_sample();
    let stop = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
    let writer = {
        let stop = stop.clone();
        let path = db.path.clone();
        std::thread::spawn(move || {
            let mut store = thamdinh::store::Store::open(&path).unwrap();
            let actor = thamdinh::store::Actor::new(Some("writer"));
            let mut n = 0;
            while !stop.load(std::sync::atomic::Ordering::Relaxed) && n < 2000 {
                store
                    .add_note(&actor, "KC24-GL-007", &format!("ghi chú {n}"))
                    .unwrap();
                n += 1;
            }
            n
        })
    };
    let copies: Vec<_> = (0..3)
        .map(|i| db.dir().join(format!("copy{i}.db")))
        .collect();
    for c in &copies {
        let r = db.run(&["backup", c.to_str().unwrap()]);
        assert_eq!(r.code, 0, "{}", r.stderr);
        assert!(r.stdout.contains("backup written"), "{}", r.stdout);
    }
    stop.store(true, std::sync::atomic::Ordering::Relaxed);
    let written = writer.join().unwrap();
    let source = rusqlite::Connection::open(&db.path).unwrap();
    let notes = |c: &rusqlite::Connection| -> Vec<(i64, String)> {
        c.prepare("SELECT id, text FROM notes ORDER BY id")
            .unwrap()
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
            .unwrap()
            .map(Result::unwrap)
            .collect()
    };
    let all = notes(&source);
    assert_eq!(all.len(), written);
    for c in &copies {
        let r = Out::from(
            std::process::Command::new(bin())
                .arg("--db")
                .arg(c)
                .arg("check")
                .output()
                .unwrap(),
        );
        assert_eq!(r.code, 0, "{}{}", r.stdout, r.stderr);
        let copy = rusqlite::Connection::open(c).unwrap();
        let got = notes(&copy);
        // A snapshot: exactly the first notes of the source, nothing torn.
        assert_eq!(got[..], all[..got.len()]);
        let audit_notes: i64 = copy
            .query_row(
                "SELECT COUNT(*) FROM audit WHERE action = 'note'",
                [],
                |r| r.get(0),
            )
            .unwrap();
        assert_eq!(
            audit_notes as usize,
            got.len(),
            "every note has its audit entry"
        );
    }
}

#[test]
fn check_names_each_broken_invariant() {
    let db = Db::new();
    db.import_sample();
    let r = db.run(&["check"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(r.stdout.starts_with("ok: 55 dossiers"), "{}", r.stdout);
    {
        let c = rusqlite::Connection::open(&db.path).unwrap();
        c.execute_batch(
            "UPDATE dossiers SET revision = 9 WHERE code = 'KC24-GL-007';
             UPDATE dossiers SET status = 'approved' WHERE code = 'KC24-NA-012';",
        )
        .unwrap();
    }
    let r = db.run(&["check"]);
    must_fail(&r, "check on a broken database");
    assert!(
        r.stdout.contains("head_revision: KC24-GL-007"),
        "{}",
        r.stdout
    );
    assert!(r.stdout.contains("status: KC24-NA-012"), "{}", r.stdout);
    let v: serde_json::Value =
        serde_json::from_str(&db.run(&["check", "--format", "json"]).stdout).unwrap();
    assert_eq!(v.as_array().unwrap().len(), 2);
}

// 11. Limits.

#[test]
fn a_note_or_reason_beyond_the_limit_is_refused_and_nothing_is_saved() {
    let db = Db::new();
    db.import_sample();
    let long = "ghi chú dài ".repeat(6000);
    let r = db.run(&["note", "KC24-GL-007", &long]);
    must_fail(&r, "a 90 KB note");
    assert!(r.stderr.contains("the limit is 64 KB"), "{}", r.stderr);
    // 20 MB on stdin: refused without reading it all.
    let mut child = db
        .cmd("lan")
        .args(["note", "KC24-GL-007", "-"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    let feeder = std::thread::spawn(move || {
        use std::io::Write;
        let chunk = vec![b'a'; 1 << 20];
        for _ in 0..20 {
            if stdin.write_all(&chunk).is_err() {
                break;
            }
        }
    });
    let r = Out::from(child.wait_with_output().unwrap());
    feeder.join().unwrap();
    must_fail(&r, "a 20 MB note on stdin");
    let r = db.run(&["return", "KC24-GL-007", "--reason", &long]);
    must_fail(&r, "a 90 KB reason");
    let shown = db.json(&["show", "KC24-GL-007", "--format", "json"]);
    assert_eq!(shown["notes"].as_array().unwrap().len(), 0);
    assert_eq!(shown["status"], "pending");
}

#[test]
fn a_reader_who_may_write_brings_an_older_schema_up_to_date() {
    let db = Db::new();
    db.import_sample();
    {
        // Back to the first stage's schema (version 1).
        let c = rusqlite::Connection::open(&db.path).unwrap();
        c.execute_batch(
            "ALTER TABLE dossiers DROP COLUMN implementing_unit;
             ALTER TABLE dossiers DROP COLUMN district;
             ALTER TABLE dossiers DROP COLUMN commune;
             ALTER TABLE decisions DROP COLUMN override_reason;
             DROP TABLE allocations;
             DROP TABLE beneficiary_keys;
             DROP TABLE appraisals; DROP TABLE settings; DROP TABLE presence;
             DROP INDEX dossiers_assignee;
             ALTER TABLE dossiers DROP COLUMN score_spread;
             ALTER TABLE dossiers DROP COLUMN appraisers;
             ALTER TABLE dossiers DROP COLUMN assignee;
             PRAGMA user_version = 1;",
        )
        .unwrap();
    }
    let out = db.run(&[
        "list",
        "--query",
        "khuyen cong tra vinh",
        "--format",
        "json",
    ]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let v: serde_json::Value = serde_json::from_str(&out.stdout).unwrap();
    assert!(
        !v.as_array().unwrap().is_empty(),
        "the unit was filled in from the revisions"
    );
    let version: i64 = rusqlite::Connection::open(&db.path)
        .unwrap()
        .query_row("PRAGMA user_version", [], |r| r.get(0))
        .unwrap();
    assert!(version >= 4, "migrated to {version}");
}
