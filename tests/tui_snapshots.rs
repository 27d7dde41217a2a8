//! Snapshots of every view and overlay at 80×24 and 160×48, drawn into a
//! `TestBackend` from a fixed sample database: `data/sample` imported with
//! the real import, plus the dossier whose text carries escape sequences,
//! with some scores, a tick, a note and a decision. The app is driven by
//! key presses through the default keymap, as an appraiser would.

mod snapshot;

use ratatui::Terminal;
use ratatui::backend::TestBackend;
use snapshot::{actor, draw, press, root, session};
use thamdinh::domain::rules::Rules;
use thamdinh::ops;
use thamdinh::store::Store;
use thamdinh::tui::Options;
use thamdinh::tui::run::Session;

const SIZES: [(u16, u16); 2] = [(80, 24), (160, 48)];

fn snap(name: &str, setup: impl Fn(&mut Session)) {
    for size in SIZES {
        let (mut s, _dir) = session(size, Options::default());
        setup(&mut s);
        insta::assert_snapshot!(format!("{name}_{}x{}", size.0, size.1), draw(&s));
    }
}

#[test]
fn queue_view() {
    snap("queue", |_| {});
}

#[test]
fn queue_filter_live_with_highlights() {
    snap("queue_filter", |s| {
        press(s, "/");
        s.type_text("tra vinh");
    });
}

#[test]
fn queue_marks_and_cursor() {
    snap("queue_marks", |s| {
        press(s, "<Space> <Down> <Space> <Space> c");
    });
}

#[test]
fn detail_of_a_dossier_with_escape_sequences() {
    snap("detail_escapes", |s| {
        press(s, "/");
        s.type_text("hg-902");
        press(s, "<Enter> <Tab> z");
    });
}

#[test]
fn checklist_pane_focused() {
    snap("checklist", |s| {
        press(s, "<Tab> <Tab> <Down> <Down>");
    });
}

#[test]
fn checklist_zoomed_with_a_tick() {
    snap("checklist_zoom", |s| {
        press(s, "<Tab> <Tab> z <End> x");
    });
}

#[test]
fn score_pane_zoomed() {
    snap("score_zoom", |s| {
        press(s, "/");
        s.type_text("gl-007");
        press(s, "<Enter> <Tab> <Tab> <Tab> z <Down> +");
    });
}

/// KC24-GL-007's score pane focused, the cursor on `technology` (17/20).
fn on_technology(s: &mut Session) {
    press(s, "/");
    s.type_text("gl-007");
    press(s, "<Enter> <Tab> <Tab> <Tab> <Down>");
}

#[test]
fn score_run_of_presses_not_saved_yet() {
    // Three presses shown at once, marked, and the total with them.
    snap("score_pending", |s| {
        on_technology(s);
        press(s, "+ + + -");
    });
}

#[test]
fn score_input_starts_empty_with_the_points_as_hint() {
    snap("score_edit_empty", |s| {
        on_technology(s);
        press(s, "e");
    });
}

#[test]
fn score_input_typed_replaces_the_points() {
    snap("score_edit_typed", |s| {
        on_technology(s);
        press(s, "e");
        s.type_text("9");
    });
}

#[test]
fn score_cleared_is_unscored() {
    snap("score_cleared", |s| {
        on_technology(s);
        press(s, "x");
    });
}

#[test]
fn notes_pane_with_a_note() {
    snap("notes", |s| {
        press(s, "/");
        s.type_text("gl-007");
        press(s, "<Enter> <S-Tab>");
    });
}

#[test]
fn ranking_view_with_the_cut_line() {
    snap("ranking", |s| {
        press(s, "/");
        s.type_text("gl-007");
        press(s, "<Enter> 2");
        // An allocation that cuts between the two scored dossiers.
        set_allocation(s, "500.000.000");
    });
}

/// In the ranking view: `b`, the amount typed over the old one, `Enter`.
fn set_allocation(s: &mut Session, amount: &str) {
    press(s, "b <C-a>");
    for _ in 0..20 {
        press(s, "<Delete>");
    }
    s.type_text(amount);
    press(s, "<Enter>");
}

#[test]
fn audit_log_view() {
    snap("log", |s| press(s, "3"));
}

#[test]
fn audit_log_filtered_by_a_code_in_the_query_language() {
    snap("log_filter", |s| {
        press(s, "3 /");
        s.type_text("GL-007 -a:score");
        press(s, "<Enter>");
    });
}

#[test]
fn audit_log_entry_read_in_full() {
    snap("log_entry", |s| press(s, "3 <Enter>"));
}

#[test]
fn ranking_approve_within_budget_confirmation() {
    snap("ranking_approve", |s| {
        press(s, "2");
        set_allocation(s, "700.000.000");
        press(s, "A");
    });
}

#[test]
fn help_overlay() {
    snap("help", |s| press(s, "?"));
}

#[test]
fn messages_overlay() {
    snap("messages", |s| {
        // An error and a success, then the list.
        press(s, "<Tab> <Tab> x");
        press(s, "<Down> <Down> <Down> <Down> <Down> <Down> <Down> x m");
    });
}

#[test]
fn approve_confirmation_with_a_refused_dossier() {
    snap("confirm_approve", |s| {
        press(s, "<Space> <Space> a");
    });
}

#[test]
fn return_reason_input_in_vietnamese() {
    snap("input_return", |s| {
        press(s, "<Space> <Space> r");
        s.type_text("Thiếu báo giá thiết bị; đề nghị bổ sung trước 15/11");
    });
}

#[test]
fn return_confirmation() {
    snap("confirm_return", |s| {
        press(s, "r");
        s.type_text("Hồ sơ thiếu bản cam kết vốn đối ứng");
        press(s, "<Enter>");
    });
}

#[test]
fn a_checklist_item_read_in_full() {
    snap("checklist_item_full", |s| {
        press(s, "<Tab> <Tab> <Down> <Down> <Enter>");
    });
}

#[test]
fn undo_asks_what_it_will_undo() {
    snap("confirm_undo", |s| {
        press(s, "r");
        s.type_text("Thiếu bản cam kết vốn đối ứng");
        press(s, "<Enter>");
        press(s, "y");
        press(s, "u");
    });
}

#[test]
fn note_input_multi_line() {
    snap("input_note", |s| {
        press(s, "n");
        s.type_text("Dòng một: đã kiểm tra báo giá.");
        press(s, "<A-Enter>");
        s.dispatch(thamdinh::tui::action::Action::Paste(
            "Dòng hai (dán vào): cần xác minh\u{1b}[31m số lao động.".into(),
        ));
    });
}

#[test]
fn too_small_is_said_not_drawn() {
    let (s, _dir) = session((60, 20), Options::default());
    insta::assert_snapshot!("too_small_60x20", draw(&s));
}

#[test]
fn ascii_borders_and_glyphs() {
    let (mut s, _dir) = session(
        (80, 24),
        Options {
            ascii: true,
            no_color: true,
            ..Options::default()
        },
    );
    press(&mut s, "<Space> <Tab> <Tab>");
    insta::assert_snapshot!("ascii_80x24", draw(&s));
}

#[test]
fn vietnamese_interface() {
    let (mut s, _dir) = session(
        (80, 24),
        Options {
            lang: Some("vi".into()),
            ..Options::default()
        },
    );
    press(&mut s, "<Space> <Space> a");
    insta::assert_snapshot!("vietnamese_confirm_80x24", draw(&s));
}

#[test]
fn vietnamese_help() {
    let (mut s, _dir) = session(
        (100, 30),
        Options {
            lang: Some("vi_VN.UTF-8".into()),
            ..Options::default()
        },
    );
    press(&mut s, "?");
    insta::assert_snapshot!("vietnamese_help_100x30", draw(&s));
}

/// Regression: a refusal long enough to wrap lost one character per line at
/// the dialog's right border (`(not ticke` / `d), …`).
#[test]
fn long_refusals_wrap_without_losing_characters() {
    let (mut s, _dir) = session((80, 24), Options::default());
    press(&mut s, "/");
    s.type_text("tra vinh");
    s.settle();
    press(&mut s, "<Enter> <Space> <Space> a");
    s.settle();
    let screen = draw(&s);
    assert!(screen.contains("Refused"), "{screen}");
    // Every "(not" is followed, on its line or the next, by a whole "ticked)".
    let words: Vec<&str> = screen
        .split(|c: char| c.is_whitespace() || "┃│┏┓┗┛━─".contains(c))
        .filter(|w| !w.is_empty())
        .collect();
    let nots = words
        .iter()
        .filter(|w| w.trim_start_matches('(') == "not")
        .count();
    let tickeds = words.iter().filter(|w| w.starts_with("ticked")).count();
    assert!(nots > 3, "{screen}");
    assert_eq!(nots, tickeds, "a word was cut at the border:\n{screen}");
}

/// The dossier whose text is full of graphemes that terminals and Unicode
/// measure differently (`tests/fixtures/nasty/graphemes.json`: ZWJ emoji
/// sequences, flags, VS16, a keycap, fifty combining marks, a U+2028, tag
/// characters), imported, with a note of the same kind; and beside it a copy
/// as the older, narrower import rule stored such text (tags, separators,
/// bidi and the fifty marks still there), which the TUI must neutralise
/// when it draws.
fn grapheme_session(size: (u16, u16)) -> (Session, tempfile::TempDir) {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut store = Store::open(&dir.path().join("graphemes.db")).expect("open store");
    let rules = Rules::bundled();
    let lan = actor("lan");
    let fixture = root().join("tests/fixtures/nasty/graphemes.json");
    ops::import(&mut store, &rules, &lan, &[fixture], |_| {}).expect("import the fixture");
    let rec = store
        .dossier("KC24-KT-904")
        .expect("read")
        .expect("imported");
    let marks: String = ('\u{0300}'..='\u{0331}').take(50).collect();
    let tags: String = "ignore the checklist"
        .chars()
        .filter_map(|c| char::from_u32(0xE0000 + c as u32))
        .collect();
    let mut old = rec.dossier.clone();
    old.code = "KC24-KT-905".into();
    old.title =
        format!("Cũ: 👩\u{200D}💻 🇻🇳 e{marks} thẻ{tags} a\u{2028}b \u{202E}đảo\u{202C} hết");
    old.summary = Some(format!(
        "Dòng một e{marks}\u{2028}dòng hai 🇯🇵\u{2029}dòng ba{tags} ❤\u{FE0F}\u{85}"
    ));
    if let Some(b) = old.beneficiary.as_mut() {
        b.name = Some(format!("Hộ\u{00AD} 👨\u{200D}👩\u{200D}👧{tags} Á{marks}"));
    }
    store
        .import_chunk(
            &lan,
            &[thamdinh::store::IncomingRecord {
                dossier: &old,
                raw: &serde_json::Value::Null,
                source: "old-rule.json",
            }],
        )
        .expect("store the old-rule copy");
    ops::note(
        &mut store,
        &lan,
        "KC24-KT-904",
        "Gia đình 👨\u{200D}👩\u{200D}👧\u{200D}👦 và cờ 🇻🇳🇺🇸 ❤\u{FE0F}; Zalgo e\u{0300}\u{0301}\u{0302}\u{0303}\u{0304}\u{0305}\u{0306} hết.",
    )
    .expect("note");
    let options = Options {
        as_of: chrono::NaiveDate::from_ymd_opt(2023, 11, 15),
        ..Options::default()
    };
    let mut s = Session::new(store, rules, lan, &options, size).expect("session");
    s.start();
    s.settle();
    (s, dir)
}

/// The rows of the screen as a terminal receives them (each cell's symbol,
/// the cells hidden by a wide one left out).
fn terminal_rows(s: &Session) -> Vec<String> {
    let (w, h) = s.state.size;
    let mut t = Terminal::new(TestBackend::new(w, h)).expect("terminal");
    t.draw(|f| thamdinh::tui::view::render(&s.state, f))
        .expect("draw");
    let buf = t.backend().buffer();
    (0..h)
        .map(|y| {
            let mut row = String::new();
            let mut hidden = 0;
            for x in 0..w {
                let sym = buf[(x, y)].symbol();
                if hidden > 0 {
                    hidden -= 1;
                    continue;
                }
                row.push_str(sym);
                hidden = unicode_width::UnicodeWidthStr::width(sym).saturating_sub(1);
            }
            row
        })
        .collect()
}

/// Every row is exactly as wide as the screen and every pane's borders are
/// where the layout put them, counting columns as a terminal does: each
/// character its own width (a wide one two, a combining mark none).
fn assert_borders_in_place(s: &Session) {
    use unicode_width::UnicodeWidthChar;
    let (w, h) = s.state.size;
    let rows = terminal_rows(s);
    let at: Vec<Vec<(usize, char)>> = rows
        .iter()
        .map(|r| {
            let mut col = 0;
            let mut cells = Vec::new();
            for c in r.chars() {
                let cw = c.width().unwrap_or(0);
                if cw > 0 {
                    cells.push((col, c));
                }
                col += cw;
            }
            assert_eq!(col, usize::from(w), "row {r:?} is {col} columns wide");
            cells
        })
        .collect();
    let char_at = |x: u16, y: u16| {
        at[usize::from(y)]
            .iter()
            .find(|(col, _)| *col == usize::from(x))
            .map(|(_, c)| *c)
    };
    let main = ratatui::layout::Rect::new(0, 0, w, h - 1);
    for (pane, r) in thamdinh::tui::view::pane_areas(&s.state, main) {
        for y in r.top()..r.bottom() {
            for x in [r.left(), r.right() - 1] {
                let c = char_at(x, y);
                assert!(
                    c.is_some_and(|c| "│┃┌┐└┘┏┓┗┛".contains(c)),
                    "{pane:?}: {c:?} at column {x}, row {y} instead of a border:\n{}",
                    rows.join("\n")
                );
            }
        }
    }
    for r in &rows {
        assert!(
            !r.chars().any(thamdinh::domain::text::needs_escape),
            "a character that must not reach a terminal: {r:?}"
        );
    }
}

#[test]
fn graphemes_keep_every_border_in_its_column() {
    for size in SIZES {
        for (name, keys) in [
            ("graphemes_queue", ""),
            ("graphemes_old_rule", "<Down>"),
            ("graphemes_detail", "<Tab> z"),
            ("graphemes_notes", "<S-Tab>"),
        ] {
            let (mut s, _dir) = grapheme_session(size);
            press(&mut s, keys);
            s.settle();
            assert_borders_in_place(&s);
            insta::assert_snapshot!(format!("{name}_{}x{}", size.0, size.1), draw(&s));
        }
    }
}

/// The screens of a sitting, in order: queue, checklist, score, an approval
/// with its log, ranking, help.
fn walk(lang: &str, size: (u16, u16)) -> Vec<(&'static str, String)> {
    let (mut s, _dir) = session(
        size,
        Options {
            lang: Some(lang.into()),
            ..Options::default()
        },
    );
    let mut out = Vec::new();
    out.push(("queue", draw(&s)));
    press(&mut s, "<Tab> <Tab>");
    out.push(("checklist", draw(&s)));
    press(&mut s, "<Tab>");
    out.push(("score", draw(&s)));
    press(&mut s, "<S-Tab> <S-Tab> <S-Tab> <Space> a");
    out.push(("confirm", draw(&s)));
    press(&mut s, "<Esc> r t h i e u <Enter>");
    out.push(("return", draw(&s)));
    press(&mut s, "y");
    out.push(("returned", draw(&s)));
    press(&mut s, "3");
    out.push(("log", draw(&s)));
    press(&mut s, "2");
    out.push(("ranking", draw(&s)));
    press(&mut s, "4");
    out.push(("summary", draw(&s)));
    press(&mut s, "1 ?");
    out.push(("help", draw(&s)));
    out
}

#[test]
fn every_view_in_vietnamese_at_80x24_and_english_at_160x48() {
    for (name, screen) in walk("vi", (80, 24)) {
        insta::assert_snapshot!(format!("walk_vi_{name}_80x24"), screen);
    }
    for (name, screen) in walk("en", (160, 48)) {
        insta::assert_snapshot!(format!("walk_en_{name}_160x48"), screen);
    }
}

/// What the interface writes in Vietnamese holds no snake_case id and none
/// of the English words of the vocabularies (text from dossiers aside: the
/// sample is Vietnamese).
/// The overlays and panes the snapshot walk does not reach: the palette,
/// the messages, a text read in full, the detail pane, a note's input, a
/// filter's error, the undo question, the help with no match.
fn walk_more(lang: &str, size: (u16, u16)) -> Vec<(&'static str, String)> {
    let (mut s, _dir) = session(
        size,
        Options {
            lang: Some(lang.into()),
            ..Options::default()
        },
    );
    s.settle();
    let mut out = Vec::new();
    press(&mut s, ":");
    out.push(("palette", draw(&s)));
    s.type_text("duyet");
    out.push(("palette_found", draw(&s)));
    press(&mut s, "<Esc> <Tab>");
    out.push(("detail", draw(&s)));
    press(&mut s, "<Tab> <Enter>");
    out.push(("item_text", draw(&s)));
    press(&mut s, "<Esc> n");
    out.push(("note_input", draw(&s)));
    press(&mut s, "<Esc> 1 /");
    s.type_text("là:abc");
    out.push(("filter_error", draw(&s)));
    press(&mut s, "<Enter> <Esc> m");
    out.push(("messages", draw(&s)));
    press(&mut s, "<Esc> r");
    s.type_text("Thiếu báo giá");
    press(&mut s, "<Enter>");
    s.settle();
    press(&mut s, "y");
    s.settle();
    press(&mut s, "u");
    s.settle();
    out.push(("undo", draw(&s)));
    press(&mut s, "<Esc> ?");
    s.type_text("zzqq");
    out.push(("help_none", draw(&s)));
    out
}

#[test]
fn no_id_or_english_word_left_on_vietnamese_screens() {
    const ENGLISH: &[&str] = &[
        "pending",
        "approved",
        "returned",
        "approve",
        "machinery",
        "training",
        "consulting",
        "typical",
        "national",
        "total",
        "missing",
        "submitted",
        "deadline",
        "ticked",
        "unticked",
        "Queue",
        "Score",
        "Checklist",
        "Notes",
        "Keys",
        "queue",
        "bonus",
        "failing",
        "cap",
        "help",
        "quit",
        "filter",
        "override",
        "decide",
        "cancel",
        "close",
        "run",
        "marked",
        "messages",
        "criteria",
        "more",
        "shell",
        "Space",
        "Commands",
        "Reading",
        "Detail",
    ];
    for size in [(80, 24), (160, 48)] {
        let more = walk_more("vi", size);
        // The walk reaches what it says it does.
        for (name, shows) in [
            ("palette", "Lệnh · "),
            ("palette_found", "phê duyệt"),
            ("item_text", "Căn cứ"),
            ("note_input", "Esc"),
            ("filter_error", "Bộ lọc chưa đúng"),
            ("messages", "Thông báo"),
            ("undo", "Hoàn tác quyết định"),
            ("help_none", "không có phím nào khớp"),
        ] {
            let screen = more
                .iter()
                .find(|(n, _)| *n == name)
                .map(|(_, s)| s.as_str());
            assert!(
                screen.is_some_and(|s| s.contains(shows)),
                "{name} {size:?}: no {shows:?}\n{}",
                screen.unwrap_or_default()
            );
        }
        let screens = walk("vi", size).into_iter().chain(more);
        for (name, screen) in screens {
            for word in screen.split(|c: char| !(c.is_alphanumeric() || c == '_')) {
                // `s:pending`, `c:` are the query's own words.
                if word.is_empty() || word == "s" {
                    continue;
                }
                let id_like =
                    word.contains('_') && word.chars().all(|c| c.is_ascii_lowercase() || c == '_');
                assert!(!id_like, "{name} {size:?}: id {word:?} on screen\n{screen}");
                // Query qualifiers (`s:pending`, `national:`) are the query
                // language's own words, the same in both languages.
                let in_query =
                    screen.contains(&format!("s:{word}")) || screen.contains(&format!("{word}:"));
                assert!(
                    in_query || !ENGLISH.contains(&word),
                    "{name} {size:?}: English {word:?} on screen\n{screen}"
                );
            }
        }
    }
}

/// The summary view (`4`) after an approval: progress, the categories'
/// gauges against their allocations, the provinces by status.
fn approve_one_then_summary(s: &mut Session) {
    press(s, "/");
    s.type_text("gl-007");
    press(s, "<Enter> a");
    s.settle();
    // Its manual items are not ticked: approved over the gate, with a reason.
    press(s, "o");
    s.type_text("Đã đối chiếu bản giấy");
    press(s, "<Enter>");
    s.settle();
    press(s, "y");
    s.settle();
    // The filter now shows nothing: the summary opens on the newest plan
    // year (2026), one older is the sitting of 2024.
    press(s, "4");
    s.settle();
    press(s, "[");
    s.settle();
}

#[test]
fn summary_view() {
    snap("summary", approve_one_then_summary);
}

#[test]
fn vietnamese_summary() {
    for size in SIZES {
        let (mut s, _dir) = session(
            size,
            Options {
                lang: Some("vi".into()),
                ..Options::default()
            },
        );
        approve_one_then_summary(&mut s);
        insta::assert_snapshot!(
            format!("vietnamese_summary_{}x{}", size.0, size.1),
            draw(&s)
        );
    }
}

#[test]
fn summary_in_ascii_scrolls_to_the_last_province() {
    let (mut s, _dir) = session(
        (80, 24),
        Options {
            ascii: true,
            no_color: true,
            ..Options::default()
        },
    );
    // The cursor's dossier is of 2026 (the newest first): one year older.
    press(&mut s, "4");
    s.settle();
    press(&mut s, "[");
    s.settle();
    press(&mut s, "<End>");
    let screen = draw(&s);
    assert!(screen.contains("plan year 2024"), "{screen}");
    // The last province (in Vietnamese order) is on screen, the page is
    // full (no "more" line).
    assert!(screen.contains("Trà Vinh"), "{screen}");
    assert!(!screen.contains("more provinces"), "{screen}");
    insta::assert_snapshot!("summary_ascii_end_80x24", screen);
}

/// Typed one key at a time, a filter whose first word becomes a qualifier
/// (`s` → `s:chờ`) finds every pending dossier, as `list --query` does
/// (seen: it kept only the rows with an s in them, the matches of `s`).
#[test]
fn a_filter_whose_word_becomes_a_qualifier_as_it_is_typed_finds_everything() {
    let (mut s, _dir) = session((80, 24), Options::default());
    press(&mut s, "/ <C-u>");
    for c in "s:chờ".chars() {
        s.type_text(&c.to_string());
        s.settle();
    }
    let screen = draw(&s);
    let title = screen.lines().next().unwrap_or_default();
    // Every dossier of the sample and the hostile one but the one returned.
    let n = s.state.queue.rows.len();
    assert!(title.contains(&format!("{}/{n}", n - 1)), "{title}");
}

/// From the log, `L` writes the return letter of the province of the entry
/// under the cursor (the return of KC24-BTR-004, Bến Tre) and `W` the
/// report of its plan year; from the ranking, `W` the report; the message
/// line names each file.
#[test]
fn the_log_and_ranking_keys_write_the_papers_and_say_where() {
    let out = tempfile::tempdir().expect("tempdir");
    let (mut s, _dir) = session(
        (80, 24),
        Options {
            lang: Some("vi".into()),
            papers: thamdinh::tui::backend::PaperPlace {
                dir: out.path().to_path_buf(),
                ..Default::default()
            },
            ..Options::default()
        },
    );
    press(&mut s, "3");
    s.settle();
    press(&mut s, "L");
    s.settle();
    let letter = out.path().join("tra-ho-so-2024-ben-tre.docx");
    assert!(letter.exists(), "{}", draw(&s));
    let msg = s
        .state
        .message
        .as_ref()
        .map(|m| m.text.clone())
        .unwrap_or_default();
    assert!(
        msg.starts_with("đã ghi ") && msg.ends_with("tra-ho-so-2024-ben-tre.docx"),
        "{msg}"
    );
    press(&mut s, "W");
    s.settle();
    assert!(
        out.path().join("bao-cao-tham-dinh-2024.docx").exists(),
        "{}",
        draw(&s)
    );
    // The ranking steps through the plan years with `{` `}`; `W` writes the
    // report of the year shown.
    press(&mut s, "2");
    s.settle();
    let first = s.state.ranking.plan_year;
    press(&mut s, "{");
    s.settle();
    press(&mut s, "}");
    s.settle();
    let back = s.state.ranking.plan_year;
    press(&mut s, if first == Some(2026) { "{" } else { "}" });
    s.settle();
    assert_ne!(s.state.ranking.plan_year, first);
    assert_eq!(back.is_some(), first.is_some());
    press(&mut s, "}");
    s.settle();
    assert_eq!(s.state.ranking.plan_year, Some(2026));
    press(&mut s, "W");
    s.settle();
    assert!(
        out.path().join("bao-cao-tham-dinh-2026.docx").exists(),
        "{}",
        draw(&s)
    );
}

/// A filter that does not parse says why on the filter's line as it is
/// typed, and Enter keeps it open (seen: nothing said, the title showed an
/// older partial query).
#[test]
fn a_filter_that_does_not_parse_says_why() {
    let (mut s, _dir) = session((80, 24), Options::default());
    press(&mut s, "/ <C-u>");
    s.type_text("year:20x4");
    s.settle();
    let screen = draw(&s);
    let bar = screen.lines().last().unwrap_or_default();
    assert!(bar.contains("✗") && bar.contains("year"), "{bar}");
    press(&mut s, "<Enter>");
    let bar = draw(&s).lines().last().unwrap_or_default().to_string();
    assert!(bar.contains("✗"), "{bar}");
}

/// Scored by two appraisers: the score pane's title has my total and its
/// first line the other appraiser's and the spread, at 80×24 too.
#[test]
fn the_score_pane_shows_each_appraisers_total_and_the_spread() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut store = Store::open(&dir.path().join("council.db")).expect("open store");
    let rules = Rules::bundled();
    ops::import(
        &mut store,
        &rules,
        &actor("lan"),
        &[std::path::PathBuf::from("data/sample/gia-lai.json")],
        |_| {},
    )
    .expect("import");
    for (who, p) in [("lan", "18"), ("minh", "6")] {
        ops::score(
            &mut store,
            &rules,
            &actor(who),
            "KC24-GL-007",
            "necessity",
            p,
            None,
        )
        .expect("score");
    }
    let options = Options {
        as_of: chrono::NaiveDate::from_ymd_opt(2023, 11, 15),
        ..Options::default()
    };
    let mut s = Session::new(store, rules, actor("lan"), &options, (80, 24)).expect("session");
    s.start();
    press(&mut s, "/");
    s.type_text("gl-007");
    press(&mut s, "<Enter> <Tab> <Tab> <Tab>");
    s.settle();
    let screen = draw(&s);
    assert!(screen.contains("minh 6"), "{screen}");
    // Zoomed, the title has room for my total, the line for the spread.
    press(&mut s, "z");
    let screen = draw(&s);
    assert!(screen.contains("mine 18"), "{screen}");
    assert!(screen.contains("minh 6 · spread 12"), "{screen}");
}

/// After `o` with its reason, the refused dossier counts among those that
/// will be decided, and the refused say it is approved as an exception
/// (seen: "Will be decided (0)" with the overridden dossier still counted as
/// refused, then under "Refused (0)").
#[test]
fn an_overridden_dossier_counts_as_decided_in_the_dialog() {
    let (mut s, _dir) = session((80, 24), Options::default());
    press(&mut s, "/");
    s.type_text("gl-007");
    press(&mut s, "<Enter> a");
    s.settle();
    assert!(draw(&s).contains("Will be approved (0)"), "{}", draw(&s));
    press(&mut s, "o");
    s.type_text("Đã đối chiếu bản giấy");
    press(&mut s, "<Enter>");
    let screen = draw(&s);
    assert!(screen.contains("Will be approved (1)"), "{screen}");
    assert!(
        screen.contains("Refused by the checklist (1; 1 approved as exceptions)"),
        "{screen}"
    );
}

/// Moving through the refusals of a big batch keeps the selected one on
/// screen at 80×24 (seen: the fourth marked dossier below the dialog's
/// edge), and the hints are wrapped, never cut.
#[test]
fn the_confirm_dialog_follows_the_selected_refusal() {
    let (mut s, _dir) = session((80, 24), vi_options());
    press(&mut s, "/");
    s.type_text("là:lỗi");
    press(&mut s, "<Enter>");
    s.settle();
    press(&mut s, "* a");
    s.settle();
    let refused: Vec<String> = match &s.state.overlay {
        Some(thamdinh::tui::app::Overlay::Confirm(c)) => c
            .preview
            .as_ref()
            .map(|p| p.refused.iter().map(|(code, _)| code.clone()).collect())
            .unwrap_or_default(),
        other => panic!("no dialog: {other:?}"),
    };
    assert!(refused.len() >= 6, "{refused:?}");
    for (i, code) in refused.iter().enumerate().take(8) {
        let screen = draw(&s);
        let row = screen
            .lines()
            .find(|l| l.contains(&format!("▶✗ {code}")))
            .unwrap_or_else(|| panic!("refusal {i} {code} not selected on screen:\n{screen}"));
        assert!(!row.is_empty());
        // Every hint is whole: the override keys and Esc are all there.
        assert!(screen.contains("duyệt ngoại lệ tất cả"), "{screen}");
        assert!(screen.contains(" hủy"), "{screen}");
        press(&mut s, "<Down>");
    }
}

fn vi_options() -> Options {
    Options {
        lang: Some("vi".into()),
        ..Options::default()
    }
}

/// The status bar names where the keys go: the focused pane, the messages
/// (seen: HỒ SƠ over the checklist, TRỢ GIÚP over the messages).
#[test]
fn the_status_bar_names_the_focused_pane_and_the_overlay() {
    let (mut s, _dir) = session((80, 24), vi_options());
    s.settle();
    let status = |s: &Session| draw(s).lines().last().unwrap_or_default().to_string();
    assert!(status(&s).contains(" HỒ SƠ ·"), "{}", status(&s));
    press(&mut s, "<Tab>");
    assert!(status(&s).contains(" CHI TIẾT ·"), "{}", status(&s));
    press(&mut s, "<Tab>");
    assert!(status(&s).contains(" KIỂM TRA ·"), "{}", status(&s));
    press(&mut s, "m");
    assert!(status(&s).contains(" THÔNG BÁO ·"), "{}", status(&s));
    press(&mut s, "<Esc> ?");
    s.type_text("zzqq");
    let screen = draw(&s);
    assert!(screen.contains("không có phím nào khớp"), "{screen}");
}
