//! The keymap as a user sees it: the help of every view (only the keys
//! that do something there, grouped by purpose, filtered by typing), the
//! command palette, which-key after a chord's prefix, the vim map, and a
//! broken personal keymap said on the message line. Snapshots at 80×24
//! and 160×48, some in Vietnamese.

mod snapshot;

use snapshot::{draw, press, session};
use thamdinh::tui::Options;
use thamdinh::tui::app::{Overlay, Pane, View};
use thamdinh::tui::run::Session;

const SIZES: [(u16, u16); 2] = [(80, 24), (160, 48)];

fn options(keymap: Option<&str>, lang: &str) -> Options {
    Options {
        keymap: keymap.map(String::from),
        lang: Some(lang.into()),
        ..Options::default()
    }
}

fn snap_with(name: &str, opts: &Options, setup: impl Fn(&mut Session)) {
    for size in SIZES {
        let (mut s, _dir) = session(size, opts.clone());
        setup(&mut s);
        insta::assert_snapshot!(format!("{name}_{}x{}", size.0, size.1), draw(&s));
    }
}

fn snap(name: &str, setup: impl Fn(&mut Session)) {
    snap_with(name, &options(None, "en"), setup);
}

#[test]
fn help_of_each_view_lists_only_what_works_there() {
    snap("help_queue", |s| press(s, "?"));
    snap("help_checklist", |s| press(s, "<Tab> <Tab> ?"));
    snap("help_ranking", |s| press(s, "2 ?"));
    snap("help_log", |s| press(s, "3 ?"));
    snap("help_summary", |s| press(s, "4 ?"));
    // Behaviour behind the pictures: the ranking's and the log's help
    // have no approve, return, new note, zoom or next pane.
    for view in ["2", "3", "4"] {
        let (mut s, _dir) = session((160, 48), options(None, "en"));
        press(&mut s, &format!("{view} ?"));
        let screen = draw(&s);
        for absent in [
            "approve —",
            "return —",
            "new_note",
            "zoom_pane",
            "next_pane",
        ] {
            assert!(
                !screen.contains(absent),
                "{absent} in the help of {view}:\n{screen}"
            );
        }
        assert!(screen.contains("quit"), "{screen}");
    }
}

#[test]
fn typing_in_the_help_filters_it() {
    snap("help_filtered", |s| {
        press(s, "?");
        s.type_text("mark");
    });
    let (mut s, _dir) = session((80, 24), options(None, "en"));
    press(&mut s, "?");
    s.type_text("duyet");
    let screen = draw(&s);
    // Vietnamese words without their accents find the English lines too.
    assert!(
        screen.contains("  a            approve the marked"),
        "{screen}"
    );
    assert!(
        !screen.contains("move_down") && !screen.contains("approve —"),
        "{screen}"
    );
    press(&mut s, "<Esc>");
    assert!(s.state.overlay.is_none());
}

/// Home and End go to the top and the bottom of the help (they used to
/// fall through to the filter's line editing), and leave the filter be.
#[test]
fn home_and_end_scroll_the_help() {
    for keymap in [None, Some("vim")] {
        let (mut s, _dir) = session((80, 24), options(keymap, "vi"));
        press(&mut s, "? <End>");
        let Some(Overlay::Help { scroll, filter }) = &s.state.overlay else {
            panic!("no help: {:?}", s.state.overlay);
        };
        assert!(*scroll > 0, "{keymap:?}: End did not scroll");
        assert_eq!(filter.text(), "");
        let bottom = draw(&s);
        // Up from the bottom moves at once (the scroll is the one shown).
        press(&mut s, "<Up>");
        assert_ne!(draw(&s), bottom, "{keymap:?}: Up after End did nothing");
        press(&mut s, "<Home>");
        let Some(Overlay::Help { scroll, .. }) = &s.state.overlay else {
            panic!("no help");
        };
        assert_eq!(*scroll, 0, "{keymap:?}");
        assert_ne!(draw(&s), bottom);
    }
}

#[test]
fn vietnamese_help_of_the_ranking() {
    snap_with("help_ranking_vi", &options(None, "vi"), |s| press(s, "2 ?"));
}

#[test]
fn the_palette_lists_every_action_with_its_key() {
    snap("palette", |s| press(s, ":"));
    snap("palette_query", |s| {
        press(s, ":");
        s.type_text("approve");
    });
    // An action that does nothing in the ranking is greyed with the reason.
    snap("palette_ranking_reason", |s| {
        press(s, "2 :");
        s.type_text("note");
    });
    snap_with("palette_vi", &options(None, "vi"), |s| {
        press(s, ":");
        s.type_text("duyet");
    });
}

#[test]
fn the_palette_runs_what_it_finds() {
    let (mut s, _dir) = session((80, 24), options(None, "en"));
    press(&mut s, ":");
    s.type_text("ranking");
    press(&mut s, "<Enter>");
    assert_eq!(s.state.view, View::Ranking);
    assert!(s.state.overlay.is_none());
    // Not applicable here: said, and the palette stays open.
    press(&mut s, ":");
    s.type_text("toggle_tick");
    press(&mut s, "<Enter>");
    assert!(matches!(s.state.overlay, Some(Overlay::Palette(_))));
    let said = s.state.message.clone().map(|m| m.text).unwrap_or_default();
    assert!(said.contains("only in the checklist"), "{said}");
    press(&mut s, "<Esc>");
    // Suspend, run from the palette, goes to the run loop as its key does.
    press(&mut s, ":");
    s.type_text("suspend");
    assert_eq!(
        s.key(thamdinh::tui::keymap::KeyPress::parse("<Enter>").expect("key")),
        Some(thamdinh::tui::action::Action::Suspend)
    );
    // A query: the queue's filter.
    press(&mut s, ":");
    s.type_text("filter p:\"gia lai\" s:pending");
    snap_palette_command(&s);
    press(&mut s, "<Enter>");
    assert_eq!(s.state.view, View::Queue);
    assert_eq!(s.state.focus, Pane::Queue);
    assert_eq!(s.state.queue.query, "p:\"gia lai\" s:pending");
    assert!(
        s.state
            .queue
            .visible
            .iter()
            .all(|&i| s.state.queue.rows[i].province() == "Gia Lai")
    );
    assert!(!s.state.queue.visible.is_empty());
}

fn snap_palette_command(s: &Session) {
    insta::assert_snapshot!("palette_filter_command_80x24", draw(s));
}

#[test]
fn which_key_shows_what_follows_a_prefix_after_a_pause() {
    let vim = options(Some("vim"), "en");
    snap_with("chord_prefix", &vim, |s| press(s, "g"));
    snap_with("which_key", &vim, |s| {
        press(s, "g");
        s.chord_pause();
    });
    snap_with("which_key_vi", &options(Some("vim"), "vi"), |s| {
        press(s, "g");
        s.chord_pause();
    });
    let (mut s, _dir) = session((80, 24), vim);
    press(&mut s, "G");
    assert!(s.state.queue.cursor > 0);
    press(&mut s, "g");
    s.chord_pause();
    assert!(s.state.which_key);
    press(&mut s, "g");
    assert_eq!(s.state.queue.cursor, 0);
    assert!(s.state.chord.is_empty() && !s.state.which_key);
    // Esc after a prefix forgets it, and nothing else.
    let query = s.state.queue.query.clone();
    press(&mut s, "g <Esc>");
    assert!(s.state.chord.is_empty());
    assert_eq!(s.state.queue.query, query);
}

#[test]
fn vim_search_goes_through_the_matches_with_n_and_n_back() {
    let (mut s, _dir) = session((80, 24), options(Some("vim"), "en"));
    press(&mut s, "/");
    s.type_text("gia lai");
    press(&mut s, "<Enter>");
    let n = s.state.queue.visible.len();
    assert!(n >= 2, "{n}");
    press(&mut s, "n");
    assert_eq!(s.state.queue.cursor, 1);
    let said = s.state.message.clone().map(|m| m.text).unwrap_or_default();
    assert_eq!(said, format!("match 2/{n}"));
    press(&mut s, "N N");
    assert_eq!(s.state.queue.cursor, n - 1, "wraps around");
}

#[test]
fn a_broken_personal_keymap_is_said_and_the_shipped_keys_kept() {
    let dir = tempfile::tempdir().expect("tempdir");
    let user = dir.path().join("keymap.toml");
    std::fs::write(&user, "[queue]\n\"x\" = \"toggle_mark\"\n\"w\" = \"fly\"\n").expect("write");
    let opts = Options {
        user_keymap: Some(user.clone()),
        ..options(Some("vim"), "en")
    };
    let (mut s, _dir) = session((80, 24), opts);
    let said = s.state.message.clone().map(|m| m.text).unwrap_or_default();
    assert!(
        said.contains("keymap.toml:3: key \"w\": unknown action \"fly\""),
        "{said}"
    );
    assert!(said.contains("the shipped keys apply"), "{said}");
    // The messages overlay is open on it.
    assert!(matches!(s.state.overlay, Some(Overlay::Messages { .. })));
    assert!(draw(&s).contains("unknown action"));
    press(&mut s, "<Esc>");
    // The shipped vim keys work; the file's `x` does not.
    press(&mut s, "x G");
    assert!(s.state.queue.marks.is_empty());
    assert!(s.state.queue.cursor > 0);
    // A good file changes its keys.
    std::fs::write(
        &user,
        "[queue]\n\"x\" = \"toggle_mark\"\n\"V\" = \"none\"\n",
    )
    .expect("write");
    let opts = Options {
        user_keymap: Some(user),
        ..options(Some("vim"), "en")
    };
    let (mut s, _dir) = session((80, 24), opts);
    assert!(s.state.message.is_none());
    press(&mut s, "x");
    assert_eq!(s.state.queue.marks.len(), 1);
}
