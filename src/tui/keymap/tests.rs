use super::*;
use crate::tui::action::BINDABLE;
use crossterm::event::{KeyCode, KeyModifiers};

fn kp(code: KeyCode, mods: KeyModifiers) -> KeyPress {
    KeyPress::new(code, mods)
}

fn key(s: &str) -> KeyPress {
    KeyPress::parse(s).unwrap_or_else(|e| panic!("{e}"))
}

fn one(k: &Keymap, m: Mode, keys: &str) -> Vec<Action> {
    let keys: Vec<KeyPress> = keys.split(' ').map(key).collect();
    match k.lookup(m, &keys) {
        Lookup::Actions(a) => a,
        other => panic!("{keys:?} in {m:?}: {other:?}"),
    }
}

fn errors(text: &str) -> Vec<KeymapError> {
    Keymap::parse("my.toml", text)
        .expect_err("should not parse")
        .0
}

#[test]
fn both_shipped_maps_bind_the_spec_keys() {
    for (name, _, _) in SHIPPED {
        let k = Keymap::shipped(name)
            .expect("shipped")
            .unwrap_or_else(|e| panic!("{name}: {e}"));
        let a = |m, keys| one(&k, m, keys);
        assert_eq!(a(Mode::Queue, "j"), vec![Action::MoveDown], "{name}");
        assert_eq!(a(Mode::Queue, "<Down>"), vec![Action::MoveDown]);
        assert_eq!(a(Mode::Queue, "k"), vec![Action::MoveUp]);
        assert_eq!(a(Mode::Queue, "<Up>"), vec![Action::MoveUp]);
        assert_eq!(a(Mode::Queue, "<PageDown>"), vec![Action::PageDown]);
        assert_eq!(a(Mode::Queue, "<PageUp>"), vec![Action::PageUp]);
        assert_eq!(a(Mode::Queue, "<Home>"), vec![Action::GoTop]);
        assert_eq!(a(Mode::Queue, "<End>"), vec![Action::GoBottom]);
        assert_eq!(a(Mode::Queue, "<Tab>"), vec![Action::NextPane]);
        assert_eq!(a(Mode::Queue, "<S-Tab>"), vec![Action::PrevPane]);
        assert_eq!(
            a(Mode::Queue, "<Space>"),
            vec![Action::ToggleMark, Action::MoveDown]
        );
        assert_eq!(a(Mode::Queue, "/"), vec![Action::Filter]);
        assert_eq!(a(Mode::Queue, "a"), vec![Action::Approve]);
        assert_eq!(a(Mode::Queue, "r"), vec![Action::Return]);
        assert_eq!(a(Mode::Queue, "u"), vec![Action::Undo]);
        assert_eq!(a(Mode::Notes, "n"), vec![Action::NewNote]);
        assert_eq!(a(Mode::Checklist, "x"), vec![Action::ToggleTick]);
        assert_eq!(a(Mode::Queue, "?"), vec![Action::Help]);
        assert_eq!(a(Mode::Queue, ":"), vec![Action::Palette]);
        assert_eq!(a(Mode::Queue, "q"), vec![Action::Quit]);
        assert_eq!(a(Mode::Confirm, "y"), vec![Action::Confirm]);
        assert_eq!(a(Mode::Confirm, "<Enter>"), vec![Action::Confirm]);
        assert_eq!(a(Mode::Confirm, "n"), vec![Action::Cancel]);
        assert_eq!(a(Mode::Confirm, "<Esc>"), vec![Action::Cancel]);
        assert_eq!(a(Mode::Input, "<Enter>"), vec![Action::Submit]);
        assert_eq!(a(Mode::Palette, "<Enter>"), vec![Action::Submit]);
        assert_eq!(a(Mode::Score, "<Right>"), vec![Action::ScoreUp]);
        // Shift-Tab as terminals send it.
        assert_eq!(
            k.lookup(Mode::Queue, &[kp(KeyCode::BackTab, KeyModifiers::SHIFT)]),
            Lookup::Actions(vec![Action::PrevPane])
        );
        // Typed letters are not bound in input mode, nor in the help
        // (typing there filters it).
        for m in [Mode::Input, Mode::Help, Mode::Palette] {
            assert_eq!(k.lookup(m, &[key("q")]), Lookup::Unbound, "{name} {m:?}");
        }
    }
}

#[test]
fn every_user_facing_action_is_bound_in_both_shipped_maps() {
    for (name, _, _) in SHIPPED {
        let k = Keymap::shipped(name).expect("shipped").expect("valid");
        for a in BINDABLE {
            let spec = a.spec().expect("spec");
            let bound = spec.modes.iter().any(|m| !k.keys_for(*m, a).is_empty())
                || k.bindings(Mode::Global)
                    .iter()
                    .any(|b| b.actions.contains(a))
                || Mode::ALL
                    .iter()
                    .any(|m| k.bindings(*m).iter().any(|b| b.actions.contains(a)));
            assert!(bound, "{name}: {} has no key", spec.name);
        }
    }
}

#[test]
fn the_vim_map_has_its_own_keys_and_no_destructive_single_key() {
    let k = Keymap::shipped("vim").expect("vim").expect("valid");
    assert_eq!(one(&k, Mode::Queue, "g g"), vec![Action::GoTop]);
    assert_eq!(one(&k, Mode::Ranking, "g g"), vec![Action::GoTop]);
    assert_eq!(one(&k, Mode::Queue, "G"), vec![Action::GoBottom]);
    assert_eq!(one(&k, Mode::Queue, "<C-d>"), vec![Action::PageDown]);
    assert_eq!(one(&k, Mode::Queue, "<C-u>"), vec![Action::PageUp]);
    assert_eq!(one(&k, Mode::Queue, "n"), vec![Action::NextMatch]);
    assert_eq!(one(&k, Mode::Queue, "N"), vec![Action::PrevMatch]);
    assert_eq!(one(&k, Mode::Queue, "V"), vec![Action::MarkRange]);
    assert_eq!(one(&k, Mode::Queue, "l"), vec![Action::NextPane]);
    assert_eq!(one(&k, Mode::Ranking, "l"), vec![Action::NextCategory]);
    assert_eq!(one(&k, Mode::Summary, "h"), vec![Action::PrevPlanYear]);
    assert_eq!(one(&k, Mode::Queue, "g u"), vec![Action::NextUndecided]);
    assert_eq!(k.lookup(Mode::Queue, &[key("g")]), Lookup::Pending);
    assert_eq!(k.lookup(Mode::Queue, &[key("d")]), Lookup::Unbound);
    // Nothing that changes data without a confirmation on one key, but
    // the spec's ticks.
    for m in Mode::ALL {
        for b in k.bindings(m) {
            if b.keys.len() == 1 && m != Mode::Checklist {
                for a in &b.actions {
                    assert!(
                        !matches!(a, Action::ScoreClear | Action::ToggleTick),
                        "{} in {m:?}",
                        b.keys_text()
                    );
                }
            }
        }
    }
}

#[test]
fn notation() {
    assert_eq!(key("<C-d>"), kp(KeyCode::Char('d'), KeyModifiers::CONTROL));
    assert_eq!(key("<c-d>"), key("<C-d>"));
    assert_eq!(key("<S-Tab>"), kp(KeyCode::BackTab, KeyModifiers::NONE));
    assert_eq!(key("<BackTab>"), key("<S-Tab>"));
    assert_eq!(key("G"), kp(KeyCode::Char('G'), KeyModifiers::SHIFT));
    assert_eq!(key("<F12>").code, KeyCode::F(12));
    assert_eq!(key("<S-F3>"), kp(KeyCode::F(3), KeyModifiers::SHIFT));
    assert_eq!(key("<A-Enter>"), kp(KeyCode::Enter, KeyModifiers::ALT));
    assert_eq!(key("<M-b>"), kp(KeyCode::Char('b'), KeyModifiers::ALT));
    assert_eq!(key("<Space>").code, KeyCode::Char(' '));
    assert_eq!(key("<lt>").code, KeyCode::Char('<'));
    assert_eq!(key("<gt>").code, KeyCode::Char('>'));
    assert_eq!(key("<CR>").code, KeyCode::Enter);
    for (k, code) in [
        ("<Esc>", KeyCode::Esc),
        ("<Tab>", KeyCode::Tab),
        ("<Up>", KeyCode::Up),
        ("<Down>", KeyCode::Down),
        ("<Left>", KeyCode::Left),
        ("<Right>", KeyCode::Right),
        ("<PageUp>", KeyCode::PageUp),
        ("<PageDown>", KeyCode::PageDown),
        ("<Home>", KeyCode::Home),
        ("<End>", KeyCode::End),
        ("<Backspace>", KeyCode::Backspace),
        ("<Delete>", KeyCode::Delete),
        ("<Insert>", KeyCode::Insert),
        ("<F1>", KeyCode::F(1)),
    ] {
        assert_eq!(key(k).code, code, "{k}");
        // Shown as written.
        assert_eq!(key(k).to_string(), k);
    }
    assert_eq!(key("<Space>").to_string(), "<Space>");
    assert_eq!(key("<C-d>").to_string(), "<C-d>");
    assert_eq!(key("j").to_string(), "j");
    assert_eq!(key("é").code, KeyCode::Char('é'));
    for bad in [
        "<Nope>",
        "<>",
        "ab",
        "<F99>",
        "<F0>",
        "<C->",
        " ",
        "<Hyper-x>",
    ] {
        assert!(KeyPress::parse(bad).is_err(), "{bad}");
    }
}

#[test]
fn chords_wait_for_the_next_key_and_fall_back_to_global() {
    let k = Keymap::parse(
        "t.toml",
        "[global]\n\"g g\" = \"go_top\"\n[queue]\n\"g u\" = \"next_undecided\"\n",
    )
    .unwrap();
    let g = key("g");
    assert_eq!(k.lookup(Mode::Queue, &[g]), Lookup::Pending);
    assert_eq!(
        k.lookup(Mode::Queue, &[g, g]),
        Lookup::Actions(vec![Action::GoTop])
    );
    assert_eq!(
        k.lookup(Mode::Queue, &[g, key("u")]),
        Lookup::Actions(vec![Action::NextUndecided])
    );
    let mut next: Vec<String> = k
        .continuations(Mode::Queue, &[g])
        .into_iter()
        .map(|(rest, _)| keys_text(&rest))
        .collect();
    next.sort();
    assert_eq!(next, vec!["g", "u"]);
    assert_eq!(k.continuations(Mode::Log, &[g]).len(), 1);
}

#[test]
fn every_error_is_reported_with_its_line_and_key() {
    let e = errors(
        "[queue]\n\"j\" = \"move_down\"\n\"k\" = \"fly\"\n\"<Hyper-x>\" = \"quit\"\n\
         \"<Down>\" = \"move_down\"\n\"<down>\" = \"go_top\"\n\"g\" = \"go_top\"\n\
         \"g g\" = \"go_bottom\"\n\"w\" = 3\n\"e\" = [\"none\", \"quit\"]\n\
         [ranking]\n\"a\" = \"approve\"\n[sideways]\n\"x\" = \"quit\"\n",
    );
    let shown: Vec<String> = e.iter().map(ToString::to_string).collect();
    assert_eq!(
        shown,
        vec![
            "my.toml:3: key \"k\": unknown action \"fly\"",
            "my.toml:4: key \"<Hyper-x>\" does not parse",
            "my.toml:6: key \"<down>\" is bound twice in [queue] (also <Down>)",
            "my.toml:8: key \"g g\" overlaps a chord in [queue] (also g)",
            "my.toml:9: key \"w\": the value must be an action name, a list of them, or \"none\"",
            "my.toml:10: key \"e\": \"none\" unbinds the key: it stands alone",
            "my.toml:12: key \"a\": approve does nothing in [ranking] (it works in queue, detail, checklist, score, notes)",
            "my.toml:13: unknown mode [sideways] (modes: global, queue, detail, checklist, score, notes, ranking, log, summary, input, confirm, palette, help)",
        ]
    );
}

#[test]
fn a_toml_error_names_its_line() {
    let e = errors("[queue]\n\"j\" = \n");
    assert_eq!(e.len(), 1);
    assert_eq!(e[0].line, Some(2));
    let e = errors("[queue]\nj = \"move_down\"\nj = \"move_up\"\n");
    assert_eq!(e[0].line, Some(3), "{:?}", e[0]);
    let e = errors("[queue]\n\"j\" = \"move_down\"\n[global]\n\"x\" = \"submit\"\n");
    assert_eq!(e[0].line, Some(4));
    assert!(
        e[0].message.contains("submit does nothing in [global]"),
        "{e:?}"
    );
}

#[test]
fn overrides_change_single_keys_and_none_unbinds() {
    let base = Keymap::bundled().unwrap();
    let k = base
        .overridden(
            "user.toml",
            "[queue]\n\"x\" = \"toggle_mark\"\n\"g\" = \"go_top\"\n[global]\n\"a\" = \"none\"\n\
             [checklist]\n\"n\" = \"none\"\n",
        )
        .unwrap();
    assert_eq!(one(&k, Mode::Queue, "x"), vec![Action::ToggleMark]);
    // The chords `g …` of the queue gave way to `g`.
    assert_eq!(one(&k, Mode::Queue, "g"), vec![Action::GoTop]);
    assert_eq!(k.lookup(Mode::Queue, &[key("a")]), Lookup::Unbound);
    // Unbound in the checklist only: global `n` still works elsewhere.
    assert_eq!(k.lookup(Mode::Checklist, &[key("n")]), Lookup::Unbound);
    assert_eq!(one(&k, Mode::Notes, "n"), vec![Action::NewNote]);
    // Everything else is the base's.
    assert_eq!(one(&k, Mode::Queue, "j"), vec![Action::MoveDown]);
    assert!(k.keys_for(Mode::Queue, &Action::Approve).is_empty());
    let e = base
        .overridden("user.toml", "[queue]\n\"x\" = \"toggle_tick\"\n")
        .unwrap_err();
    assert_eq!(
        e.to_string(),
        "user.toml:2: key \"x\": toggle_tick does nothing in [queue] (it works in checklist)"
    );
}

#[test]
fn load_picks_a_shipped_map_or_a_file_and_survives_a_broken_user_file() {
    let dir = tempfile::tempdir().unwrap();
    let vim = Keymap::load(Some("vim"), None).unwrap();
    assert_eq!(one(&vim.keymap, Mode::Queue, "G"), vec![Action::GoBottom]);
    let e = Keymap::load(Some("emacs"), None).unwrap_err();
    assert!(e.contains("no such keymap (shipped: default, vim)"), "{e}");
    let own = dir.path().join("own.toml");
    std::fs::write(&own, "[global]\n\"Q\" = \"quit\"\n").unwrap();
    let l = Keymap::load(own.to_str(), None).unwrap();
    assert_eq!(one(&l.keymap, Mode::Log, "Q"), vec![Action::Quit]);
    let user = dir.path().join("keymap.toml");
    std::fs::write(&user, "[queue]\n\"x\" = \"fly\"\n\"y\" = \"walk\"\n").unwrap();
    let l = Keymap::load(Some("vim"), Some(&user)).unwrap();
    assert_eq!(l.keymap, vim.keymap);
    assert_eq!(l.warnings.len(), 2);
    assert!(l.warnings[0].ends_with("keymap.toml:2: key \"x\": unknown action \"fly\""));
    std::fs::write(&user, "[queue]\n\"x\" = \"mark_all\"\n").unwrap();
    let l = Keymap::load(None, Some(&user)).unwrap();
    assert!(l.warnings.is_empty());
    assert_eq!(one(&l.keymap, Mode::Queue, "x"), vec![Action::MarkAll]);
}

#[test]
fn keys_are_named_as_the_keyboard_names_them() {
    use crate::domain::Lang;
    let label = |s: &str, lang| keys_label(&[key(s)], lang, false);
    assert_eq!(label("<C-z>", Lang::En), "Ctrl+Z");
    assert_eq!(label("<S-Tab>", Lang::Vi), "Shift+Tab");
    assert_eq!(label("<Space>", Lang::En), "Space");
    assert_eq!(label("<Space>", Lang::Vi), "Phím cách");
    assert_eq!(label("<PageDown>", Lang::En), "PgDn");
    assert_eq!(label("<Down>", Lang::Vi), "↓");
    assert_eq!(label("<S-F3>", Lang::En), "Shift+F3");
    assert_eq!(label("<Enter>", Lang::Vi), "Enter");
    assert_eq!(label("<A-x>", Lang::En), "Alt+X");
    assert_eq!(label("G", Lang::En), "G");
    assert_eq!(label("<lt>", Lang::En), "<");
    assert_eq!(keys_label(&[key("g"), key("g")], Lang::En, false), "g g");
    assert_eq!(keys_label(&[key("<Down>")], Lang::Vi, true), "Down");
    // Every key of both shipped maps reads without the notation's brackets.
    for name in ["default", "vim"] {
        let Some(Ok(k)) = Keymap::shipped(name) else {
            panic!("{name}")
        };
        for m in Mode::ALL {
            for b in k.bindings(m) {
                for lang in [Lang::En, Lang::Vi] {
                    let l = keys_label(&b.keys, lang, false);
                    assert!(!l.contains("<") || l == "<", "{l}");
                }
            }
        }
    }
}
