//! The session the snapshot tests draw: the fixed sample database with
//! some work done on it, driven by keys in the keymap notation.
#![allow(dead_code)]

use ratatui::Terminal;
use ratatui::backend::TestBackend;
use std::path::PathBuf;
use thamdinh::domain::rules::Rules;
use thamdinh::ops;
use thamdinh::store::{Actor, Store};
use thamdinh::tui::Options;
use thamdinh::tui::keymap::KeyPress;
use thamdinh::tui::run::Session;

pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

pub fn actor(user: &str) -> Actor {
    Actor {
        user: user.into(),
        os_user: user.into(),
    }
}

/// The fixed sample database, with some work done on it.
pub fn session(size: (u16, u16), options: Options) -> (Session, tempfile::TempDir) {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut store = Store::open(&dir.path().join("snap.db")).expect("open store");
    let rules = Rules::bundled();
    let lan = actor("lan");
    // Relative to the package (the tests' working directory): the sources
    // the log shows for the imports do not depend on where it is checked out.
    let paths = [
        PathBuf::from("data/sample"),
        PathBuf::from("tests/fixtures/nasty/escape-sequences.json"),
    ];
    ops::import(&mut store, &rules, &lan, &paths, |_| {}).expect("import the sample");
    for (code, pts) in [
        ("KC24-GL-007", ["18", "17", "16", "12", "8", "7"]),
        ("KC24-TV-006", ["15", "15", "14", "10", "7", "6"]),
    ] {
        for (criterion, p) in [
            "necessity",
            "technology",
            "effectiveness",
            "feasibility",
            "budget",
            "dossier_quality",
        ]
        .iter()
        .zip(pts)
        {
            ops::score(&mut store, &rules, &lan, code, criterion, p, None).expect("score");
        }
    }
    ops::note(
        &mut store,
        &lan,
        "KC24-GL-007",
        "Báo giá máy sấy của hai nhà cung cấp chênh nhau 15%; đề nghị tỉnh giải trình.\nĐã gọi điện cho Trung tâm Khuyến công Gia Lai.",
    )
    .expect("note");
    ops::decide(
        &mut store,
        &rules,
        &actor("minh"),
        thamdinh::domain::Decision::Return,
        &["KC24-BTR-004".to_string()],
        Some("Nộp muộn sau hạn 30/09/2023"),
        None,
        chrono::NaiveDate::from_ymd_opt(2023, 11, 15).expect("date"),
    )
    .expect("return");
    let options = Options {
        as_of: chrono::NaiveDate::from_ymd_opt(2023, 11, 15),
        ..options
    };
    let mut s = Session::new(store, rules, lan, &options, size).expect("session");
    s.start();
    (s, dir)
}

/// Press keys written in the keymap notation, separated by spaces.
pub fn press(s: &mut Session, keys: &str) {
    for k in keys.split(' ').filter(|k| !k.is_empty()) {
        s.key(KeyPress::parse(k).expect("key notation"));
    }
}

/// The screen as text, with the times of notes and decisions (made now)
/// replaced by a fixed one of the same width.
pub fn draw(s: &Session) -> String {
    let (w, h) = s.state.size;
    let mut t = Terminal::new(TestBackend::new(w, h)).expect("terminal");
    t.draw(|f| thamdinh::tui::view::render(&s.state, f))
        .expect("draw");
    let mut text = format!("{}", t.backend());
    let mut times: Vec<String> = Vec::new();
    if let Some(d) = &s.state.dossier {
        times.extend(d.notes.iter().map(|n| n.at.clone()));
        times.extend(d.history.iter().map(|h| h.at.clone()));
    }
    times.extend(s.state.log.rows.iter().map(|r| r.at.clone()));
    if let Some(thamdinh::tui::app::Overlay::Undo(u)) = &s.state.overlay {
        times.push(u.at.clone());
    }
    for at in times {
        let shown = thamdinh::tui::view::detail::short_time(&at);
        text = text.replace(&shown, "01/01/2000 00:00");
        // In full (a log entry read whole): same width, fixed.
        let fixed: String = "2000-01-01T00:00:00+07:00"
            .chars()
            .take(at.chars().count())
            .collect();
        text = text.replace(&at, &fixed);
    }
    text
}
