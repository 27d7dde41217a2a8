//! `thamdinh keymap check [FILE]` and `thamdinh keymap show [--mode M]`:
//! every error located (file, line, key), exit codes of `cli.md`, the
//! effective map with the user's overrides, in the chosen language.

mod common;
use common::Db;

fn user_file(db: &Db, text: &str) -> std::path::PathBuf {
    let dir = db.dir().join("config").join("thamdinh");
    std::fs::create_dir_all(&dir).expect("config dir");
    let p = dir.join("keymap.toml");
    std::fs::write(&p, text).expect("write");
    p
}

#[test]
fn check_lists_every_error_with_file_line_and_key() {
    let db = Db::new();
    let bad = db.dir().join("bad.toml");
    std::fs::write(
        &bad,
        "[queue]\n\"j\" = \"move_down\"\n\"x\" = \"fly\"\n\"<Nope>\" = \"quit\"\n[log]\n\"a\" = \"approve\"\n",
    )
    .expect("write");
    let out = db.run(&["keymap", "check", bad.to_str().unwrap_or_default()]);
    assert_eq!(out.code, 1, "{}", out.stderr);
    let lines: Vec<&str> = out.stderr.lines().collect();
    let f = bad.display().to_string();
    assert_eq!(
        lines,
        vec![
            format!("error: {f}:3: key \"x\": unknown action \"fly\""),
            format!("error: {f}:4: key \"<Nope>\" does not parse"),
            format!(
                "error: {f}:6: key \"a\": approve does nothing in [log] (it works in queue, detail, checklist, score, notes)"
            ),
        ]
    );
    assert!(out.stdout.is_empty());
}

#[test]
fn check_accepts_both_shipped_maps_and_a_user_file() {
    let db = Db::new();
    for name in ["default", "vim"] {
        let path = common::root().join(format!("keymaps/{name}.toml"));
        let out = db.run(&["keymap", "check", path.to_str().unwrap_or_default()]);
        assert_eq!(out.code, 0, "{name}: {}", out.stderr);
        assert!(out.stdout.contains(": ok, "), "{}", out.stdout);
    }
    // Without FILE: the --keymap map with the user's file.
    user_file(&db, "[queue]\n\"x\" = \"toggle_mark\"\n");
    let out = db.run(&["--keymap", "vim", "keymap", "check"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(out.stdout.starts_with("keymap vim with "), "{}", out.stdout);
    user_file(&db, "[queue]\n\"x\" = \"toggle_tick\"\n");
    let out = db.run(&["keymap", "check"]);
    assert_eq!(out.code, 1);
    assert!(
        out.stderr
            .contains("keymap.toml:2: key \"x\": toggle_tick does nothing in [queue]"),
        "{}",
        out.stderr
    );
    let missing = db.run(&["keymap", "check", "/nonexistent/k.toml"]);
    assert_eq!(missing.code, 1);
    assert!(missing.stderr.contains("/nonexistent/k.toml: cannot read"));
    let unknown = db.run(&["--keymap", "emacs", "keymap", "check"]);
    assert_eq!(unknown.code, 1);
    assert!(
        unknown
            .stderr
            .contains("no such keymap (shipped: default, vim)")
    );
}

#[test]
fn show_prints_the_effective_map_in_the_chosen_language() {
    let db = Db::new();
    user_file(&db, "[queue]\n\"x\" = \"toggle_mark\"\n\"V\" = \"none\"\n");
    let out = db.run(&[
        "--keymap", "vim", "--lang", "en", "keymap", "show", "--mode", "queue",
    ]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let row = |key: &str| {
        out.stdout
            .lines()
            .find(|l| l.split_whitespace().nth(1) == Some(key))
            .map(|l| l.split_whitespace().collect::<Vec<_>>().join(" "))
    };
    assert_eq!(
        row("x").as_deref(),
        Some("queue x toggle_mark mark or unmark the cursor's dossier")
    );
    assert_eq!(row("V"), None, "unbound by the user's file");
    assert_eq!(
        row("G").as_deref(),
        Some("queue G go_bottom last row"),
        "inherited from [global]"
    );
    // Only keys that do something in the queue.
    assert_eq!(row("b"), None);
    assert!(
        out.stdout
            .lines()
            .all(|l| l.starts_with("queue") || l.starts_with("MODE"))
    );
    let vi = db.run(&["--lang", "vi", "keymap", "show", "--mode", "summary"]);
    assert_eq!(vi.code, 0, "{}", vi.stderr);
    assert!(vi.stdout.contains("PHÍM"), "{}", vi.stdout);
    assert!(vi.stdout.contains("năm kế hoạch sau"), "{}", vi.stdout);
    let all = db.run(&["keymap", "show"]);
    assert_eq!(all.code, 0);
    for mode in [
        "queue", "ranking", "log", "summary", "input", "confirm", "palette", "help",
    ] {
        assert!(
            all.stdout.lines().any(|l| l.starts_with(mode)),
            "{mode} missing"
        );
    }
    let bad = db.run(&["keymap", "show", "--mode", "sideways"]);
    assert_eq!(bad.code, 2, "a usage error");
    assert!(bad.stderr.contains("no such mode"), "{}", bad.stderr);
}
