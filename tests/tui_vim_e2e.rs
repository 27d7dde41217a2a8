//! End-to-end with the vim keymap and a personal override file: the real
//! binary in a pseudo-terminal, a whole sitting typed as an appraiser used
//! to vim types it, and the database checked through the CLI afterwards.

mod common;
mod pty;

use common::Db;
use pty::{ENTER, Tui};
use std::time::Duration;

/// The sample database and the TUI on it at 80×24 with `--keymap vim`
/// and `user_keymap` as `$XDG_CONFIG_HOME/thamdinh/keymap.toml`.
fn vim_tui(user_keymap: &str) -> (Db, Tui) {
    let db = Db::new();
    db.import_sample();
    let config = db.dir().join("config").join("thamdinh");
    std::fs::create_dir_all(&config).expect("config dir");
    std::fs::write(config.join("keymap.toml"), user_keymap).expect("user keymap");
    let path = db.path.to_str().unwrap_or_default().to_string();
    let t = Tui::spawn(
        &db,
        &["--db", &path, "--user", "lan", "--keymap", "vim"],
        80,
        24,
        &[],
    );
    (db, t)
}

#[test]
fn a_sitting_with_vim_keys_and_a_personal_override() {
    // `q` unbound, `Z Z` quits: single keys of the vim map changed.
    let (db, mut t) = vim_tui("[global]\n\"q\" = \"none\"\n\"Z Z\" = \"quit\"\n");
    t.wait_for("Queue 55/55");
    t.wait_for("? help  : cmd  / filter  Space mark");
    // A prefix shows in the status bar, then which-key lists what follows.
    t.send("g");
    t.wait_for("g …");
    std::thread::sleep(Duration::from_millis(700));
    t.wait_for("u  jump to the next undecided dossier");
    t.send("g");
    t.settle();
    let screen = t.text();
    let bar = screen.lines().last().unwrap_or_default();
    assert!(!bar.contains("g …"), "{screen}");
    assert!(!screen.contains("first row"), "{screen}");
    // `/` then `n` through the matches.
    t.send("/");
    t.wait_for("FILTER");
    t.typ("gia lai");
    t.wait_for("s:pending gia lai");
    t.send(ENTER);
    t.wait_for("Queue 5/55");
    t.send("n");
    t.wait_for("match 2/5");
    // Mark one, move down, mark the range with `V`.
    t.send(" ");
    t.wait_for("1 marked");
    t.send("j");
    t.send("V");
    t.wait_for("3 marked");
    // Return them with a reason, confirm.
    t.send("r");
    t.wait_for("Reason for returning 3");
    t.typ("Thiếu báo giá");
    t.wait_for("Thiếu báo giá");
    t.send(ENTER);
    t.wait_for("Return 3 dossier(s) to the province?");
    t.send("y");
    t.wait_for("returned 3");
    // Undo it, through its confirmation.
    t.send("u");
    t.wait_for("Undo your return of 3 dossier(s)");
    t.send("y");
    t.wait_for("undone:");
    // The palette finds the ranking by name.
    t.send(":");
    t.wait_for("Commands · the queue");
    t.typ("show_rank");
    t.wait_for("ranking view with the cut line");
    t.send(ENTER);
    t.wait_for("Ranking ·");
    // The ranking's help, filtered by typing.
    t.send("?");
    t.wait_for("Help · the ranking");
    t.typ("categ");
    t.wait_for("next category");
    t.settle();
    assert!(!t.text().contains("move_down"), "{}", t.text());
    t.send("?");
    t.settle();
    assert!(!t.text().contains("Help ·"), "{}", t.text());
    // `q` is unbound by the personal file; `Z Z` quits.
    t.send("q");
    t.settle();
    assert!(t.text().contains("Ranking ·"), "{}", t.text());
    t.send("ZZ");
    assert_eq!(t.wait_exit(), 0);

    let list = db.json(&["list", "--format", "json"]);
    let rows = list.as_array().expect("array");
    assert!(
        rows.iter().all(|r| r["status"] == "pending"),
        "the return was undone"
    );
    let log = db.json(&["log", "--format", "json"]);
    let actions: Vec<&str> = log
        .as_array()
        .expect("array")
        .iter()
        .filter_map(|e| e["action"].as_str())
        .collect();
    assert_eq!(actions.iter().filter(|a| **a == "return").count(), 3);
    assert_eq!(actions.iter().filter(|a| **a == "undo").count(), 3);
}

#[test]
fn a_broken_personal_keymap_opens_on_the_shipped_keys_and_says_why() {
    let (_db, mut t) = vim_tui("[queue]\n\"x\" = \"fly\"\n");
    // The messages overlay opens at once with the error in full.
    t.wait_for("Messages");
    t.wait_for("keymap.toml:2:");
    t.wait_for("fly\" — your keymap file is not used: the shipped keys apply");
    t.send("?");
    t.settle();
    t.send("q");
    assert_eq!(t.wait_exit(), 0);
}
