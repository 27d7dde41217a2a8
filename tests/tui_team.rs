//! Two appraisers' TUIs in pseudo-terminals on one database: the queue
//! opens on my assignments, each sees who else has a dossier open (a
//! glyph in the queue, the name in the detail title), and a session that
//! ends or is killed is gone from the other's screen within a minute.

mod common;

use common::Db;
mod pty;
use pty::Tui;
use std::time::{Duration, Instant};

fn first_code(db: &Db) -> String {
    let v = db.json(&["list", "--format", "json"]);
    v[0]["code"].as_str().unwrap().to_string()
}

/// Wait until `what` is no longer on the screen, within `secs`.
fn wait_gone(tui: &Tui, what: &str, secs: u64) {
    let start = Instant::now();
    while start.elapsed() < Duration::from_secs(secs) {
        if !tui.text().contains(what) {
            return;
        }
        std::thread::sleep(Duration::from_millis(100));
    }
    panic!("{what:?} still shown after {secs} s:\n{}", tui.text());
}

#[test]
fn two_sessions_see_each_other_and_an_ended_one_goes() {
    let db = Db::new();
    db.import_sample();
    let code = first_code(&db);
    let out = db.run(&["assign", &code, "--to", "lan"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let mut lan = Tui::open(&db, "lan", 120, 30, &[]);
    lan.wait_for("is:mine");
    lan.wait_for(&code);
    let minh = Tui::open(&db, "minh", 120, 30, &[]);
    minh.wait_for(&code);
    // minh's cursor is on the same dossier, which lan has open.
    minh.wait_for("lan here");
    let row = minh
        .text()
        .lines()
        .find(|l| l.contains(&code) && l.contains("@"))
        .map(str::to_string);
    assert!(row.is_some(), "the queue marks the row:\n{}", minh.text());
    // And lan sees minh.
    lan.wait_for("minh here");
    // lan quits: gone from minh's screen within two seconds.
    lan.send("q");
    lan.wait_exit();
    wait_gone(&minh, "lan here", 3);
}

#[test]
fn a_killed_session_expires_by_itself() {
    let db = Db::new();
    db.import_sample();
    let code = first_code(&db);
    let lan = Tui::open(&db, "lan", 120, 30, &[]);
    lan.wait_for(&code);
    let minh = Tui::open(&db, "minh", 120, 30, &[]);
    minh.wait_for("lan here");
    // Killed (no chance to say goodbye): its heartbeat expires, nothing
    // to clean up.
    let pid = lan.child.process_id().expect("pid").to_string();
    let killed = std::process::Command::new("kill")
        .args(["-KILL", &pid])
        .status()
        .expect("kill");
    assert!(killed.success());
    std::thread::sleep(Duration::from_secs(3));
    assert!(
        minh.text().contains("lan here"),
        "a dead session is not cleaned up by anyone"
    );
    wait_gone(&minh, "lan here", 60);
    drop(lan);
    // No residue: the next heartbeat of the living drops the dead row.
    let c = rusqlite::Connection::open(&db.path).unwrap();
    let left = || -> i64 {
        c.query_row(
            "SELECT COUNT(*) FROM presence WHERE appraiser = 'lan'",
            [],
            |r| r.get(0),
        )
        .unwrap()
    };
    let start = Instant::now();
    while left() > 0 && start.elapsed() < Duration::from_secs(15) {
        std::thread::sleep(Duration::from_millis(200));
    }
    assert_eq!(left(), 0);
}
