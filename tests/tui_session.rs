//! The TUI against the real store, without a terminal: keys go in through
//! the default keymap, and what they wrote is read back through a second
//! connection to the same database file, as another appraiser would.

use std::path::PathBuf;
use thamdinh::domain::rules::Rules;
use thamdinh::domain::{Decision, Status};
use thamdinh::ops;
use thamdinh::store::{Actor, Store};
use thamdinh::tui::Options;
use thamdinh::tui::action::Action;
use thamdinh::tui::keymap::KeyPress;
use thamdinh::tui::run::Session;

fn actor(user: &str) -> Actor {
    Actor {
        user: user.into(),
        os_user: user.into(),
    }
}

fn open() -> (Session, PathBuf, tempfile::TempDir) {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("s.db");
    let mut store = Store::open(&path).expect("open");
    let rules = Rules::bundled();
    let sample = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("data/sample");
    ops::import(&mut store, &rules, &actor("lan"), &[sample], |_| {}).expect("import");
    let options = Options {
        as_of: chrono::NaiveDate::from_ymd_opt(2023, 11, 15),
        ..Options::default()
    };
    let mut s = Session::new(store, rules, actor("lan"), &options, (100, 30)).expect("session");
    s.start();
    (s, path, dir)
}

fn press(s: &mut Session, keys: &str) {
    for k in keys.split(' ').filter(|k| !k.is_empty()) {
        s.key(KeyPress::parse(k).expect("key"));
    }
}

/// Put the cursor on `code` through the fuzzy filter.
fn select(s: &mut Session, code: &str) {
    press(s, "/");
    s.type_text(code);
    press(s, "<Enter>");
    assert_eq!(s.state.queue.current().map(|r| r.code()), Some(code));
}

fn status(path: &std::path::Path, code: &str) -> Status {
    let other = Store::open(path).expect("second connection");
    match other.dossier(code) {
        Ok(Some(r)) => r.status,
        other => panic!("{code}: {other:?}"),
    }
}

fn last_message(s: &Session) -> String {
    s.state
        .message
        .as_ref()
        .map(|m| m.text.clone())
        .unwrap_or_default()
}

/// Confirm the open dialog: it is refused, `code` having been changed by
/// minh since it was loaded.
fn confirm_refused_as_changed_by_minh(s: &mut Session, code: &str) {
    press(s, "y");
    let msg = last_message(s);
    assert!(
        msg.starts_with(&format!("error: {code}: changed by minh")),
        "{msg}"
    );
}

#[test]
fn a_dossier_changed_by_someone_else_since_it_was_loaded_is_not_overwritten() {
    let (mut s, path, _dir) = open();
    select(&mut s, "KC24-BTR-007");
    press(&mut s, "r");
    s.type_text("Nộp muộn một ngày");
    press(&mut s, "<Enter>");
    // Before we confirm, another appraiser decides the same dossier.
    let mut other = Store::open(&path).expect("second connection");
    let rules = Rules::bundled();
    ops::decide(
        &mut other,
        &rules,
        &actor("minh"),
        Decision::Approve,
        &["KC24-BTR-007".to_string()],
        None,
        Some("đã xác minh"),
        chrono::NaiveDate::from_ymd_opt(2023, 11, 15).expect("date"),
    )
    .expect("minh approves");
    confirm_refused_as_changed_by_minh(&mut s, "KC24-BTR-007");
    assert_eq!(status(&path, "KC24-BTR-007"), Status::Approved);
}

/// The manual items of the selected dossier's checklist (mandatory ones
/// only when `mandatory`).
fn manual_items(s: &Session, mandatory: bool) -> Vec<String> {
    s.state
        .dossier
        .as_ref()
        .map(|d| {
            d.checklist
                .iter()
                .filter(|c| c.manual && (c.mandatory || !mandatory))
                .map(|c| c.id.clone())
                .collect()
        })
        .unwrap_or_default()
}

#[test]
fn a_note_and_a_score_by_someone_else_do_not_make_a_decision_stale() {
    let (mut s, path, _dir) = open();
    let code = "KC24-BN-011";
    select(&mut s, code);
    // minh ticks the manual items (BN-011 passes every automatic one); lan's
    // TUI sees it on its next poll.
    let mut other = Store::open(&path).expect("second connection");
    let rules = Rules::bundled();
    let minh = actor("minh");
    for item in manual_items(&s, true) {
        ops::tick(&mut other, &rules, &minh, code, &item, true, None).expect("tick");
    }
    s.dispatch(Action::Tick);
    // lan asks to approve it and sees the dialog ...
    press(&mut s, "a");
    // ... while minh writes a note and a score on it.
    ops::note(&mut other, &minh, code, "Đã gọi điện cho tỉnh: đủ hồ sơ.").expect("note");
    let criterion = s
        .state
        .dossier
        .as_ref()
        .and_then(|d| d.score.criteria.first())
        .map(|c| c.id.clone())
        .expect("a criterion");
    ops::score(&mut other, &rules, &minh, code, &criterion, "12", None).expect("score");
    press(&mut s, "y");
    assert_eq!(
        status(&path, code),
        Status::Approved,
        "{}",
        last_message(&s)
    );
    assert!(
        last_message(&s).starts_with("approved"),
        "{}",
        last_message(&s)
    );
}

#[test]
fn a_tick_by_someone_else_makes_a_decision_stale() {
    let (mut s, path, _dir) = open();
    let code = "KC24-BTR-007";
    select(&mut s, code);
    press(&mut s, "r");
    s.type_text("Nộp muộn một ngày");
    press(&mut s, "<Enter>");
    // Before lan confirms, minh ticks a manual item: the gate may differ.
    let mut other = Store::open(&path).expect("second connection");
    let item = manual_items(&s, false)
        .into_iter()
        .next()
        .expect("a manual item");
    ops::tick(
        &mut other,
        &Rules::bundled(),
        &actor("minh"),
        code,
        &item,
        true,
        None,
    )
    .expect("tick");
    confirm_refused_as_changed_by_minh(&mut s, code);
    assert_eq!(status(&path, code), Status::Pending);
}

#[test]
fn ticks_scores_notes_and_undo_reach_the_database() {
    let (mut s, path, _dir) = open();
    select(&mut s, "KC24-BN-011");
    // Tick the first manual item of the checklist pane.
    press(&mut s, "<Tab> <Tab>");
    let first_manual = s
        .state
        .dossier
        .as_ref()
        .and_then(|d| d.checklist.iter().position(|c| c.manual))
        .expect("a manual item");
    for _ in 0..first_manual {
        press(&mut s, "<Down>");
    }
    press(&mut s, "x");
    let item = s
        .state
        .dossier
        .as_ref()
        .map(|d| d.checklist[first_manual].clone())
        .expect("dossier");
    assert_eq!(
        item.state,
        thamdinh::tui::model::CheckState::Ticked,
        "{}",
        last_message(&s)
    );
    // Score the first criterion by typing it.
    press(&mut s, "<Tab> e");
    s.type_text("15");
    press(&mut s, "<Enter>");
    let other = Store::open(&path).expect("second connection");
    let scores = other.scores("KC24-BN-011").expect("scores");
    assert!(
        scores.iter().any(|r| r.points == 15 && r.author == "lan"),
        "{scores:?}"
    );
    // The queue row shows the new total.
    assert!(s.state.queue.current().and_then(|r| r.score).is_some());
    // A Vietnamese note, pasted with a line break.
    press(&mut s, "n");
    s.dispatch(Action::Paste("Đã gọi điện\r\ncho tỉnh.".into()));
    press(&mut s, "<Enter>");
    let notes = other.notes("KC24-BN-011").expect("notes");
    assert_eq!(
        notes.last().map(|n| n.text.as_str()),
        Some("Đã gọi điện\ncho tỉnh.")
    );
    // Return it, then undo from the TUI.
    press(&mut s, "r");
    s.type_text("Bổ sung báo giá");
    press(&mut s, "<Enter> y");
    assert_eq!(status(&path, "KC24-BN-011"), Status::Returned);
    // u says what it will undo and asks: n keeps the decision, y undoes it.
    press(&mut s, "u n");
    assert_eq!(status(&path, "KC24-BN-011"), Status::Returned);
    press(&mut s, "u y");
    assert_eq!(status(&path, "KC24-BN-011"), Status::Pending);
    assert_eq!(last_message(&s), "undone: KC24-BN-011");
}

#[test]
fn ranking_and_log_views_read_the_store() {
    let (mut s, _path, _dir) = open();
    select(&mut s, "KC24-GL-007");
    press(&mut s, "2");
    assert_eq!(
        s.state.ranking.category,
        thamdinh::domain::Category::Machinery
    );
    assert!(s.state.ranking.rows.iter().any(|r| r.code == "KC24-GL-007"));
    assert!(
        s.state.ranking.allocation.is_some(),
        "allocation from data/"
    );
    press(&mut s, "1 r");
    s.type_text("Thiếu hồ sơ");
    press(&mut s, "<Enter> y 3");
    // Every kind of entry, newest first: the return, then the imports.
    let shown = |s: &Session| -> Vec<(Option<String>, String, String)> {
        s.state
            .log
            .visible
            .iter()
            .map(|&i| {
                let e = &s.state.log.rows[i];
                (e.code.clone(), e.action.clone(), e.author.clone())
            })
            .collect()
    };
    let all = shown(&s);
    assert_eq!(
        all.first(),
        Some(&(Some("KC24-GL-007".into()), "return".into(), "lan".into()))
    );
    assert!(all.iter().filter(|e| e.1 == "import").count() > 40);
    press(&mut s, "/");
    s.type_text("nobody");
    press(&mut s, "<Enter>");
    assert!(s.state.log.visible.is_empty());
    press(&mut s, "/");
    for _ in 0.."nobody ".len() {
        press(&mut s, "<Backspace>");
    }
    s.type_text("gl-007 a:return");
    press(&mut s, "<Enter>");
    assert_eq!(shown(&s), all[..1].to_vec());
    // The whole entry, with its reason.
    press(&mut s, "<Enter>");
    match &s.state.overlay {
        Some(thamdinh::tui::app::Overlay::Text { lines, .. }) => {
            assert!(lines.iter().any(|l| l == "Thiếu hồ sơ"), "{lines:?}")
        }
        other => panic!("no entry overlay: {other:?}"),
    }
}

#[test]
fn the_allocation_set_in_the_ranking_is_stored_and_a_new_session_shows_it() {
    let (mut s, path, _dir) = open();
    select(&mut s, "KC24-GL-007");
    press(&mut s, "2 b <C-a>");
    for _ in 0..20 {
        press(&mut s, "<Delete>");
    }
    s.type_text("500.000.000");
    press(&mut s, "<Enter>");
    assert_eq!(
        s.state.ranking.allocation,
        Some(thamdinh::domain::Vnd(500_000_000))
    );
    assert!(s.state.ranking.rows.iter().any(|r| !r.within_budget));
    // In the database, audited, for the year ranked.
    let other = Store::open(&path).expect("second connection");
    let stored = other.allocations().expect("allocations");
    let a = &stored[&(thamdinh::domain::Category::Machinery, 2024)];
    assert_eq!((a.vnd.0, a.author.as_str()), (500_000_000, "lan"));
    let log = other
        .audit(&thamdinh::store::AuditFilter::default())
        .expect("audit");
    assert_eq!(log.last().map(|e| e.action.as_str()), Some("allocation"));
    // A new session (and `rank`) use it.
    let options = Options {
        as_of: chrono::NaiveDate::from_ymd_opt(2023, 11, 15),
        ..Options::default()
    };
    let mut again =
        Session::new(other, Rules::bundled(), actor("minh"), &options, (100, 30)).expect("session");
    again.start();
    select(&mut again, "KC24-GL-007");
    press(&mut again, "2");
    assert_eq!(
        again.state.ranking.allocation,
        Some(thamdinh::domain::Vnd(500_000_000))
    );
    let r = ops::rankings(
        &Store::open(&path).expect("third connection"),
        &Rules::bundled(),
        Some(thamdinh::domain::Category::Machinery),
        // The plan year of the dossier the ranking was opened from.
        Some(2024),
        None,
        chrono::NaiveDate::from_ymd_opt(2023, 11, 15).expect("date"),
    )
    .expect("rankings");
    assert_eq!(r[0].allocation, Some(thamdinh::domain::Vnd(500_000_000)));
}

/// The audit entries of `code` with action `action`, read by another
/// connection: (author, detail).
fn audited(path: &std::path::Path, code: &str, action: &str) -> Vec<(String, Option<String>)> {
    let other = Store::open(path).expect("second connection");
    other
        .audit(&thamdinh::store::AuditFilter {
            code: Some(code.into()),
            ..Default::default()
        })
        .expect("audit")
        .into_iter()
        .filter(|e| e.action == action)
        .map(|e| (e.author, e.detail))
        .collect()
}

#[test]
fn a_run_of_plus_presses_is_one_score_and_a_clear_is_one_unscore() {
    let (mut s, path, _dir) = open();
    let code = "KC24-BN-011";
    select(&mut s, code);
    press(&mut s, "<Tab> <Tab> <Tab>");
    let criterion = s
        .state
        .dossier
        .as_ref()
        .and_then(|d| d.score.criteria.first())
        .map(|c| c.id.clone())
        .expect("a criterion");
    // Five presses on an unscored criterion: 1..5, nothing written yet.
    press(&mut s, "+ + + + +");
    assert!(audited(&path, code, "score").is_empty());
    assert_eq!(s.state.unsaved_points(&criterion), Some(5));
    // Quiet: the second tick writes the run, once.
    s.dispatch(Action::Tick);
    assert!(audited(&path, code, "score").is_empty());
    s.dispatch(Action::Tick);
    assert_eq!(
        audited(&path, code, "score"),
        vec![("lan".to_string(), Some(format!("{criterion} = 5")))]
    );
    assert_eq!(s.state.unsaved_points(&criterion), None);
    // Another run, written when the cursor leaves the criterion.
    press(&mut s, "- - <Down>");
    assert_eq!(audited(&path, code, "score").len(), 2);
    // The clear key on it: unscored again, recorded.
    press(&mut s, "<Up> x");
    let other = Store::open(&path).expect("second connection");
    assert!(
        other
            .scores(code)
            .expect("scores")
            .iter()
            .all(|r| r.criterion != criterion)
    );
    assert_eq!(
        audited(&path, code, "unscore"),
        vec![("lan".to_string(), Some(format!("{criterion} (was 3)")))]
    );
    assert_eq!(s.state.queue.current().and_then(|r| r.score), None);
}
