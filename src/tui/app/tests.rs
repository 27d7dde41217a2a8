//! `update` without a terminal or a database: every action, from the
//! state an appraiser would be in.

use super::*;
use crate::domain::dossier::fixtures;
use crate::tui::model::{CheckRow, CriterionRow, LogEntry, NoteRow, RowTexts, ScoreData};
use crate::tui::strings::EN;
use chrono::NaiveDate;

mod team;

fn item(code: &str, province: &str, title: &str, status: Status, category: Category) -> QueueItem {
    let unit = format!("Trung tâm Khuyến công {province}");
    QueueItem {
        plan_year: 2024,
        category,
        status,
        submitted_on: NaiveDate::from_ymd_opt(2023, 9, 28).unwrap_or_default(),
        national: Vnd(300_000_000),
        score: None,
        revision: 1,
        version: 7,
        texts: RowTexts {
            code,
            title,
            province,
            implementing_unit: &unit,
            ..RowTexts::default()
        }
        .share(&mut Default::default()),
        team: Default::default(),
    }
}

fn rows() -> Vec<QueueItem> {
    vec![
        item(
            "KC24-GL-007",
            "Gia Lai",
            "Máy sấy cà phê",
            Status::Pending,
            Category::Machinery,
        ),
        item(
            "KC24-TV-003",
            "Trà Vinh",
            "Xử lý nước thải",
            Status::Pending,
            Category::PollutionTreatment,
        ),
        item(
            "KC24-DN-002",
            "Đắk Nông",
            "Đào tạo nghề dệt thổ cẩm",
            Status::Pending,
            Category::Training,
        ),
        item(
            "KC24-TV-010",
            "Trà Vinh",
            "Đan lục bình",
            Status::Pending,
            Category::Training,
        ),
        item(
            "KC24-LA-011",
            "Lào Cai",
            "Chè Shan tuyết",
            Status::Approved,
            Category::TypicalProduct,
        ),
    ]
}

fn dossier(code: &str) -> DossierData {
    let mut d = fixtures::machinery();
    d.code = code.into();
    DossierData {
        dossier: d,
        status: Status::Pending,
        revision: 1,
        version: 7,
        checklist: vec![
            CheckRow {
                id: "on_time".into(),
                manual: false,
                mandatory: true,
                state: CheckState::Pass,
                text: "Nộp đúng hạn".into(),
                text_en: "Submitted on time".into(),
                label: ("On time".into(), "Đúng hạn".into()),
                detail: "submitted 28/09/2023".into(),
                evidence: crate::domain::checklist::Evidence::NotTicked,
                stale: false,
                basis: None,
            },
            CheckRow {
                id: "new_advanced".into(),
                manual: true,
                mandatory: true,
                state: CheckState::Unticked,
                text: "Máy móc mới, tiên tiến so với địa phương".into(),
                text_en: "New and advanced machinery".into(),
                label: ("New and advanced".into(), "Máy mới, tiên tiến".into()),
                detail: String::new(),
                evidence: crate::domain::checklist::Evidence::NotTicked,
                stale: false,
                basis: None,
            },
        ],
        rule_set: (String::new(), String::new()),
        checklist_ok: false,
        score: ScoreData {
            by_appraiser: Vec::new(),
            spread: None,
            disputed: false,
            total: Some(18),
            bonus: 0,
            bonus_parts: Vec::new(),
            criteria: vec![
                CriterionRow {
                    id: "necessity".into(),
                    label: "Sự cần thiết".into(),
                    label_en: "Necessity".into(),
                    max: 20,
                    points: Some(18),
                    stale: false,
                },
                CriterionRow {
                    id: "technology".into(),
                    label: "Công nghệ".into(),
                    label_en: "Technology".into(),
                    max: 15,
                    points: None,
                    stale: false,
                },
            ],
        },
        notes: vec![NoteRow {
            author: "lan".into(),
            at: "2023-10-02T09:15:00+07:00".into(),
            text: "Thiếu báo giá".into(),
        }],
        history: Vec::new(),
    }
}

fn loaded(l: Loaded) -> Action {
    Action::Loaded(Box::new(l))
}

/// A state with the queue loaded (pending filter: 4 rows) and the first
/// dossier's panes.
pub(super) fn state() -> State {
    let keymap = Keymap::bundled().unwrap_or_default();
    let mut s = State::new(&EN, keymap, "lan", (80, 24));
    let fx = s.start();
    assert_eq!(fx, vec![Effect::LoadQueueHead, Effect::LoadQueue]);
    let fx = update(&mut s, loaded(Loaded::Queue(rows(), 3)));
    assert_eq!(fx, vec![Effect::LoadDossier("KC24-GL-007".into())]);
    update(
        &mut s,
        loaded(Loaded::Dossier(
            "KC24-GL-007".into(),
            Some(Box::new(dossier("KC24-GL-007"))),
        )),
    );
    s
}

fn codes(s: &State) -> Vec<String> {
    s.queue
        .visible
        .iter()
        .map(|&i| s.queue.rows[i].code().to_string())
        .collect()
}

fn current(s: &State) -> String {
    s.queue
        .current()
        .map(|r| r.code().to_string())
        .unwrap_or_default()
}

fn input_text(s: &State) -> String {
    match &s.overlay {
        Some(Overlay::Input(b)) => b.input.text().to_string(),
        other => panic!("no input open: {other:?}"),
    }
}

#[test]
fn starts_on_pending_dossiers_with_the_first_selected() {
    let s = state();
    assert_eq!(
        codes(&s),
        ["KC24-GL-007", "KC24-TV-003", "KC24-DN-002", "KC24-TV-010"]
    );
    assert_eq!(
        s.dossier.as_ref().map(|d| d.dossier.code.as_str()),
        Some("KC24-GL-007")
    );
    assert_eq!(s.mode(), Mode::Queue);
}

#[test]
fn movement_in_the_queue_loads_the_dossier_under_the_cursor() {
    let mut s = state();
    assert_eq!(
        update(&mut s, Action::MoveDown),
        vec![Effect::LoadDossier("KC24-TV-003".into())]
    );
    update(
        &mut s,
        loaded(Loaded::Dossier(
            "KC24-TV-003".into(),
            Some(Box::new(dossier("KC24-TV-003"))),
        )),
    );
    assert_eq!(
        update(&mut s, Action::MoveUp),
        vec![Effect::LoadDossier("KC24-GL-007".into())]
    );
    update(
        &mut s,
        loaded(Loaded::Dossier(
            "KC24-GL-007".into(),
            Some(Box::new(dossier("KC24-GL-007"))),
        )),
    );
    // Already at the top: nothing to load.
    assert_eq!(update(&mut s, Action::MoveUp), Vec::<Effect>::new());
    update(&mut s, Action::GoBottom);
    assert_eq!(current(&s), "KC24-TV-010");
    update(&mut s, Action::GoTop);
    assert_eq!(current(&s), "KC24-GL-007");
    update(&mut s, Action::PageDown);
    assert_eq!(current(&s), "KC24-TV-010");
    update(&mut s, Action::PageUp);
    assert_eq!(current(&s), "KC24-GL-007");
    // A late answer for a dossier no longer under the cursor is ignored.
    update(&mut s, Action::MoveDown);
    update(
        &mut s,
        loaded(Loaded::Dossier(
            "KC24-TV-003".into(),
            Some(Box::new(dossier("KC24-TV-003"))),
        )),
    );
    update(
        &mut s,
        loaded(Loaded::Dossier(
            "KC24-GL-007".into(),
            Some(Box::new(dossier("KC24-GL-007"))),
        )),
    );
    assert_eq!(
        s.dossier.as_ref().map(|d| d.dossier.code.as_str()),
        Some("KC24-TV-003")
    );
}

#[test]
fn the_list_scrolls_to_keep_the_cursor_visible() {
    let mut s = state();
    let many: Vec<QueueItem> = (0..100)
        .map(|i| {
            item(
                &format!("KC24-HN-{i:03}"),
                "Hà Nội",
                "Đề án",
                Status::Pending,
                Category::Consulting,
            )
        })
        .collect();
    update(&mut s, loaded(Loaded::Queue(many, 3)));
    update(&mut s, Action::GoBottom);
    assert_eq!(s.queue.cursor, 99);
    assert_eq!(s.queue.offset, 99 + 1 - s.page());
    update(&mut s, Action::GoTop);
    assert_eq!(s.queue.offset, 0);
}

#[test]
fn panes_cycle_and_zoom() {
    let mut s = state();
    update(&mut s, Action::NextPane);
    assert_eq!((s.focus, s.mode()), (Pane::Detail, Mode::Detail));
    update(&mut s, Action::NextPane);
    assert_eq!(s.focus, Pane::Checklist);
    update(&mut s, Action::PrevPane);
    update(&mut s, Action::PrevPane);
    update(&mut s, Action::PrevPane);
    assert_eq!(s.focus, Pane::Notes);
    update(&mut s, Action::ZoomPane);
    assert!(s.zoom);
    update(&mut s, Action::ZoomPane);
    assert!(!s.zoom);
    // Scrolling the detail and notes panes.
    s.focus = Pane::Detail;
    update(&mut s, Action::MoveDown);
    update(&mut s, Action::MoveDown);
    assert_eq!(s.detail_scroll, 2);
    // Scrolling stops near the end of the text, not thousands of lines on.
    for _ in 0..50 {
        update(&mut s, Action::PageDown);
    }
    assert!(s.detail_scroll < 40, "{}", s.detail_scroll);
    update(&mut s, Action::GoTop);
    assert_eq!(s.detail_scroll, 0);
    s.focus = Pane::Notes;
    update(&mut s, Action::MoveUp);
    assert_eq!(s.notes_scroll, 1);
    update(&mut s, Action::MoveDown);
    assert_eq!(s.notes_scroll, 0);
}

#[test]
fn marks_toggle_range_all_clear_and_survive_reloads() {
    let mut s = state();
    update(&mut s, Action::ToggleMark);
    update(&mut s, Action::MoveDown);
    assert_eq!(s.targets(), ["KC24-GL-007"]);
    update(&mut s, Action::ToggleMark);
    update(&mut s, Action::ToggleMark);
    assert_eq!(s.queue.marks.len(), 1);
    // Range from the last toggle to the cursor.
    update(&mut s, Action::GoBottom);
    update(&mut s, Action::MarkRange);
    assert_eq!(s.queue.marks.len(), 4);
    update(&mut s, Action::ClearMarks);
    assert!(s.queue.marks.is_empty());
    assert_eq!(s.targets(), ["KC24-TV-010"]);
    update(&mut s, Action::MarkAll);
    assert_eq!(s.queue.marks.len(), 4);
    update(&mut s, loaded(Loaded::Queue(rows(), 4)));
    assert_eq!(s.queue.marks.len(), 4);
}

/// A filter that does not parse is refused in the TUI's language.
#[test]
fn a_filter_error_is_said_in_vietnamese() {
    let keymap = Keymap::bundled().unwrap_or_default();
    let mut s = State::new(&crate::tui::strings::VI, keymap, "lan", (80, 24));
    update(&mut s, loaded(Loaded::Queue(rows(), 3)));
    update(&mut s, Action::Filter);
    update(&mut s, Action::Paste(" p:".into()));
    let Some(Overlay::Input(b)) = &s.overlay else {
        panic!("input closed");
    };
    assert_eq!(b.error.as_deref(), Some("p: cần một giá trị"));
    update(&mut s, Action::Paste("\"tra".into()));
    update(&mut s, Action::Submit);
    let Some(Overlay::Input(b)) = &s.overlay else {
        panic!("input closed");
    };
    assert_eq!(b.error.as_deref(), Some("cụm từ thiếu dấu \" đóng"));
}

#[test]
fn the_filter_narrows_precisely_live_keeps_on_enter_back_to_default_on_esc() {
    let mut s = state();
    assert_eq!(s.queue.query, "s:pending");
    update(&mut s, Action::Filter);
    assert_eq!(s.mode(), Mode::Input);
    // A kept filter opens with the cursor after a space: typing adds a term.
    assert_eq!(input_text(&s), "s:pending ");
    for c in "tra vinh".chars() {
        update(&mut s, Action::Insert(c.to_string()));
    }
    assert_eq!(s.queue.query, "s:pending tra vinh");
    assert_eq!(codes(&s), ["KC24-TV-003", "KC24-TV-010"]);
    assert_eq!(current(&s), "KC24-TV-003");
    update(&mut s, Action::Submit);
    assert!(s.overlay.is_none());
    assert_eq!(s.queue.query, "s:pending tra vinh");
    // Reopening starts from the kept query; Esc goes back to the default.
    update(&mut s, Action::Filter);
    assert_eq!(input_text(&s), "s:pending tra vinh ");
    update(&mut s, Action::Cancel);
    assert_eq!(s.queue.query, "s:pending");
    assert_eq!(codes(&s).len(), 4);
    // Written with diacritics, matched exactly.
    update(&mut s, Action::Filter);
    update(&mut s, Action::Paste("ĐẮK".into()));
    assert_eq!(codes(&s), ["KC24-DN-002"]);
    // A query that does not parse: said under the input, result kept.
    update(&mut s, Action::Paste(" x:1".into()));
    let Some(Overlay::Input(b)) = &s.overlay else {
        panic!("input closed");
    };
    assert!(
        b.error
            .as_deref()
            .is_some_and(|e| e.contains("x: is not a qualifier"))
    );
    assert_eq!(codes(&s), ["KC24-DN-002"]);
    update(&mut s, Action::Cancel);
    // No precise match: near matches, labelled fuzzy.
    update(&mut s, Action::Filter);
    update(&mut s, Action::Paste("tvinh".into()));
    assert!(s.queue.fuzzy);
    assert!(!codes(&s).is_empty());
    update(&mut s, Action::Paste("zzz".into()));
    assert!(codes(&s).is_empty());
    assert!(s.dossier.is_none());
}

#[test]
fn status_category_province_keys_write_the_one_filter() {
    let mut s = state();
    update(&mut s, Action::CycleStatus);
    assert_eq!(s.queue.query, "s:approved");
    assert_eq!(codes(&s), ["KC24-LA-011"]);
    update(&mut s, Action::CycleStatus);
    update(&mut s, Action::CycleStatus);
    assert_eq!(s.queue.query, "");
    assert_eq!(codes(&s).len(), 5);
    update(&mut s, Action::CycleCategory);
    assert_eq!(s.queue.query, "c:demonstration_model");
    assert!(codes(&s).is_empty());
    update(&mut s, Action::CycleCategory);
    assert_eq!(codes(&s), ["KC24-GL-007"]);
    update(&mut s, Action::ClearFilters);
    assert_eq!(s.queue.query, "");
    // Provinces in Vietnamese order: Đ after D, before G.
    update(&mut s, Action::CycleProvince);
    assert_eq!(s.queue.query, "p:\"Đắk Nông\"");
    update(&mut s, Action::CycleProvince);
    assert_eq!(s.queue.query, "p:\"Gia Lai\"");
    assert_eq!(codes(&s), ["KC24-GL-007"]);
    update(&mut s, Action::CycleProvince);
    assert_eq!(s.queue.query, "p:\"Lào Cai\"");
    update(&mut s, Action::CycleProvince);
    assert_eq!(s.queue.query, "p:\"Trà Vinh\"");
    update(&mut s, Action::CycleProvince);
    assert_eq!(s.queue.query, "");
    // A typed term stays when a key changes a qualifier.
    update(&mut s, Action::Filter);
    update(&mut s, Action::Paste("tra".into()));
    update(&mut s, Action::Submit);
    update(&mut s, Action::CycleStatus);
    assert_eq!(s.queue.query, "tra s:pending");
    assert_eq!(codes(&s), ["KC24-TV-003", "KC24-TV-010"]);
    update(&mut s, Action::DefaultFilter);
    assert_eq!(s.queue.query, "s:pending");
}

/// In Vietnamese the status and category keys write Vietnamese names
/// (`s:duyệt`, `c:"mô hình trình diễn"`) that find exactly what the ids do.
#[test]
fn status_and_category_keys_write_vietnamese_names() {
    let keymap = Keymap::bundled().unwrap_or_default();
    let mut vi = State::new(&crate::tui::strings::VI, keymap, "lan", (80, 24));
    vi.set_aliases(crate::domain::rules::Rules::bundled().aliases().clone());
    update(&mut vi, loaded(Loaded::Queue(rows(), 3)));
    assert_eq!(vi.queue.query, "tt:chờ");
    let mut en = state();
    en.set_aliases(crate::domain::rules::Rules::bundled().aliases().clone());
    update(&mut vi, Action::CycleStatus);
    update(&mut en, Action::CycleStatus);
    assert_eq!(vi.queue.query, "tt:duyệt");
    assert_eq!(codes(&vi), codes(&en));
    for _ in 0..2 {
        update(&mut vi, Action::CycleStatus);
        update(&mut en, Action::CycleStatus);
    }
    for _ in 0..7 {
        update(&mut vi, Action::CycleCategory);
        update(&mut en, Action::CycleCategory);
        assert_eq!(
            codes(&vi),
            codes(&en),
            "{} / {}",
            vi.queue.query,
            en.queue.query
        );
        assert!(!vi.queue.query.contains('_'), "{}", vi.queue.query);
    }
}

#[test]
fn marks_inverted_and_is_marked_in_the_filter() {
    let mut s = state();
    update(&mut s, Action::ToggleMark);
    update(&mut s, Action::InvertMarks);
    assert_eq!(s.queue.marks.len(), 3);
    assert!(!s.queue.marks.contains("KC24-GL-007"));
    update(&mut s, Action::Filter);
    update(&mut s, Action::Paste("is:marked".into()));
    update(&mut s, Action::Submit);
    assert_eq!(codes(&s).len(), 3);
    assert!(!codes(&s).contains(&"KC24-GL-007".to_string()));
}

#[test]
fn approve_is_a_round_trip_through_the_preview_and_the_dialog() {
    let mut s = state();
    update(&mut s, Action::ToggleMark);
    update(&mut s, Action::MoveDown);
    update(&mut s, Action::ToggleMark);
    let fx = update(&mut s, Action::Approve);
    assert_eq!(
        fx,
        vec![Effect::Preview {
            decision: Decision::Approve,
            codes: vec!["KC24-GL-007".into(), "KC24-TV-003".into()],
        }]
    );
    assert_eq!(s.mode(), Mode::Confirm);
    // Confirming before the preview arrived does nothing.
    assert!(update(&mut s, Action::Confirm).is_empty());
    update(
        &mut s,
        loaded(Loaded::Preview(Preview {
            accepted: vec!["KC24-GL-007".into()],
            refused: vec![("KC24-TV-003".into(), vec!["new_advanced".into()])],
            already: Vec::new(),
        })),
    );
    // Confirm decides only the accepted one, with the version seen.
    let fx = update(&mut s, Action::Confirm);
    assert_eq!(
        fx,
        vec![Effect::Decide {
            decision: Decision::Approve,
            items: vec![("KC24-GL-007".into(), 7)],
            reason: None,
            overrides: Vec::new(),
        }]
    );
    assert!(s.overlay.is_none());
    // Marks stay until the outcome is known.
    assert_eq!(s.queue.marks.len(), 2);
    let fx = update(
        &mut s,
        loaded(Loaded::Done(Outcome {
            decision: Some(Decision::Approve),
            changed: vec!["KC24-GL-007".into()],
            refused: Vec::new(),
        })),
    );
    assert_eq!(fx, vec![Effect::LoadRows(vec!["KC24-GL-007".into()])]);
    assert_eq!(
        s.message.as_ref().map(|m| m.text.as_str()),
        Some("approved 1: KC24-GL-007 · 1 still marked, not decided (refused by the checklist)")
    );
    // The decided one is unmarked; the refused one stays marked.
    assert_eq!(s.queue.marks.iter().collect::<Vec<_>>(), ["KC24-TV-003"]);
}

#[test]
fn each_refused_dossier_can_be_overridden_on_its_own_or_all_at_once() {
    let mut s = state();
    update(&mut s, Action::MarkAll);
    update(&mut s, Action::Approve);
    update(
        &mut s,
        loaded(Loaded::Preview(Preview {
            accepted: vec!["KC24-GL-007".into()],
            refused: vec![
                ("KC24-TV-003".into(), vec!["on_time".into()]),
                ("KC24-DN-002".into(), vec!["support_cap".into()]),
                ("KC24-TV-010".into(), vec!["required_documents".into()]),
            ],
            already: Vec::new(),
        })),
    );
    // Select the second refusal and override it alone.
    update(&mut s, Action::MoveDown);
    update(&mut s, Action::Override);
    let Some(Overlay::Input(b)) = &s.overlay else {
        panic!("asks for the reason");
    };
    assert!(
        matches!(&b.purpose, InputPurpose::OverrideReason(_, codes) if codes[..] == ["KC24-DN-002"])
    );
    update(
        &mut s,
        Action::Paste("Vượt mức do giá thiết bị tăng".into()),
    );
    update(&mut s, Action::Submit);
    let Some(Overlay::Confirm(c)) = &s.overlay else {
        panic!("back to the dialog");
    };
    assert_eq!(c.still_refused(), ["KC24-TV-003", "KC24-TV-010"]);
    let next = c
        .preview
        .as_ref()
        .and_then(|p| p.refused.iter().position(|(code, _)| code == "KC24-TV-010"));
    assert_eq!(
        Some(c.selected),
        next,
        "the cursor moves on to the next still refused"
    );
    // Confirming now decides the accepted and the overridden one only.
    let fx = update(&mut s, Action::Confirm);
    assert_eq!(
        fx,
        vec![Effect::Decide {
            decision: Decision::Approve,
            items: vec![("KC24-GL-007".into(), 7), ("KC24-DN-002".into(), 7)],
            reason: None,
            overrides: vec![("KC24-DN-002".into(), "Vượt mức do giá thiết bị tăng".into())],
        }]
    );
    // Or all at once, with one reason.
    update(&mut s, Action::Approve);
    update(
        &mut s,
        loaded(Loaded::Preview(Preview {
            accepted: Vec::new(),
            refused: vec![
                ("KC24-TV-003".into(), vec!["on_time".into()]),
                ("KC24-TV-010".into(), vec!["required_documents".into()]),
            ],
            already: Vec::new(),
        })),
    );
    update(&mut s, Action::OverrideAll);
    update(&mut s, Action::Paste("Hội đồng đồng ý".into()));
    update(&mut s, Action::Submit);
    let fx = update(&mut s, Action::Confirm);
    let [Effect::Decide { overrides, .. }] = &fx[..] else {
        panic!("{fx:?}");
    };
    assert_eq!(overrides.len(), 2);
}

#[test]
fn override_asks_for_a_reason_then_decides_the_refused_too() {
    let mut s = state();
    update(&mut s, Action::Approve);
    update(
        &mut s,
        loaded(Loaded::Preview(Preview {
            accepted: Vec::new(),
            refused: vec![(
                "KC24-GL-007".into(),
                vec!["on_time (submitted 01/10/2023)".into()],
            )],
            already: Vec::new(),
        })),
    );
    // Nothing accepted: confirming says so and keeps the dialog.
    assert!(update(&mut s, Action::Confirm).is_empty());
    assert!(s.message.as_ref().is_some_and(|m| m.error));
    assert_eq!(s.mode(), Mode::Confirm);
    update(&mut s, Action::Override);
    assert_eq!(s.mode(), Mode::Input);
    // An empty reason is refused.
    update(&mut s, Action::Submit);
    assert!(matches!(&s.overlay, Some(Overlay::Input(b)) if b.error.is_some()));
    // Esc goes back to the dialog, not to the queue.
    update(&mut s, Action::Cancel);
    assert_eq!(s.mode(), Mode::Confirm);
    update(&mut s, Action::Override);
    update(&mut s, Action::Paste("Nộp muộn do bão".into()));
    update(&mut s, Action::Submit);
    assert!(
        matches!(&s.overlay, Some(Overlay::Confirm(c)) if c.overrides.get("KC24-GL-007").map(String::as_str) == Some("Nộp muộn do bão"))
    );
    let fx = update(&mut s, Action::Confirm);
    assert_eq!(
        fx,
        vec![Effect::Decide {
            decision: Decision::Approve,
            items: vec![("KC24-GL-007".into(), 7)],
            reason: None,
            overrides: vec![("KC24-GL-007".into(), "Nộp muộn do bão".into())],
        }]
    );
}

#[test]
fn return_asks_for_its_reason_first() {
    let mut s = state();
    update(&mut s, Action::Return);
    assert!(
        matches!(&s.overlay, Some(Overlay::Input(b)) if b.purpose == InputPurpose::ReturnReason(vec![("KC24-GL-007".into(), 7)]))
    );
    update(&mut s, Action::Paste("   ".into()));
    assert!(update(&mut s, Action::Submit).is_empty());
    assert!(
        matches!(&s.overlay, Some(Overlay::Input(b)) if b.error.as_deref() == Some(EN.reason_required))
    );
    update(&mut s, Action::Paste("Thiếu\u{1b}[31m báo giá".into()));
    let fx = update(&mut s, Action::Submit);
    assert_eq!(
        fx,
        vec![Effect::Preview {
            decision: Decision::Return,
            codes: vec!["KC24-GL-007".into()],
        }]
    );
    // The reason went through clean_line: no escape character left.
    assert!(
        matches!(&s.overlay, Some(Overlay::Confirm(c)) if c.reason.as_deref() == Some("Thiếu␛[31m báo giá"))
    );
    update(
        &mut s,
        loaded(Loaded::Preview(Preview {
            accepted: vec!["KC24-GL-007".into()],
            ..Preview::default()
        })),
    );
    update(&mut s, Action::MoveDown);
    update(&mut s, Action::Cancel);
    assert!(s.overlay.is_none());
}

#[test]
fn a_failed_preview_closes_the_dialog_with_an_error() {
    let mut s = state();
    update(&mut s, Action::Approve);
    update(&mut s, Action::Failed("database is busy".into()));
    assert!(s.overlay.is_none());
    assert_eq!(
        s.message.as_ref().map(|m| m.text.as_str()),
        Some("error: database is busy")
    );
    assert!(s.messages.iter().any(|m| m.error));
    // An error quoting control characters is neutralised.
    update(&mut s, Action::Failed("bad \u{1b}[2J file".into()));
    assert_eq!(
        s.message.as_ref().map(|m| m.text.as_str()),
        Some("error: bad ␛[2J file")
    );
}

#[test]
fn nothing_to_decide_on_an_empty_queue() {
    let mut s = state();
    update(&mut s, loaded(Loaded::Queue(Vec::new(), 9)));
    assert!(update(&mut s, Action::Approve).is_empty());
    assert!(s.overlay.is_none());
    assert!(s.message.as_ref().is_some_and(|m| m.error));
    assert!(update(&mut s, Action::Return).is_empty());
    assert!(update(&mut s, Action::NewNote).is_empty());
}

#[test]
fn undo_says_what_it_will_undo_and_asks() {
    let mut s = state();
    assert_eq!(update(&mut s, Action::Undo), vec![Effect::PlanUndo]);
    update(
        &mut s,
        loaded(Loaded::UndoPlan(UndoAsk {
            batch: 12,
            action: "return".into(),
            at: "2026-12-01T10:32:00+07:00".into(),
            dossiers: vec![
                ("KC24-GL-007".into(), Status::Pending),
                ("KC24-TV-003".into(), Status::Pending),
            ],
        })),
    );
    assert_eq!(s.mode(), Mode::Confirm);
    // n keeps the decision; asking again and y undoes exactly that batch.
    assert!(update(&mut s, Action::Cancel).is_empty());
    assert!(s.overlay.is_none());
    update(&mut s, Action::Undo);
    update(
        &mut s,
        loaded(Loaded::UndoPlan(UndoAsk {
            batch: 12,
            action: "return".into(),
            at: "2026-12-01T10:32:00+07:00".into(),
            dossiers: vec![("KC24-GL-007".into(), Status::Pending)],
        })),
    );
    assert_eq!(
        update(&mut s, Action::Confirm),
        vec![Effect::Undo { batch: 12 }]
    );
    let fx = update(
        &mut s,
        loaded(Loaded::Done(Outcome {
            decision: None,
            changed: vec!["KC24-GL-007".into(), "KC24-TV-003".into()],
            refused: Vec::new(),
        })),
    );
    assert_eq!(
        fx,
        vec![Effect::LoadRows(vec![
            "KC24-GL-007".into(),
            "KC24-TV-003".into()
        ])]
    );
    assert_eq!(
        s.message.as_ref().map(|m| m.text.as_str()),
        Some("undone: KC24-GL-007, KC24-TV-003")
    );
}

#[test]
fn a_note_is_multi_line_and_cleaned() {
    let mut s = state();
    update(&mut s, Action::NewNote);
    assert!(matches!(&s.overlay, Some(Overlay::Input(b)) if b.input.is_multiline()));
    update(
        &mut s,
        Action::Paste("Hồ sơ thiếu\r\nbáo giá\u{202e}".into()),
    );
    update(&mut s, Action::Newline);
    update(&mut s, Action::Insert("x".into()));
    update(&mut s, Action::Backspace);
    update(&mut s, Action::Insert("ổ".into()));
    let fx = update(&mut s, Action::Submit);
    assert_eq!(
        fx,
        vec![Effect::AddNote {
            code: "KC24-GL-007".into(),
            text: "Hồ sơ thiếu\nbáo giá\u{FFFD}\nổ".into(),
        }]
    );
    let fx = update(
        &mut s,
        loaded(Loaded::Saved(Saved::Note {
            code: "KC24-GL-007".into(),
        })),
    );
    assert_eq!(fx, vec![Effect::LoadDossier("KC24-GL-007".into())]);
    // An empty note closes without writing.
    update(&mut s, Action::NewNote);
    assert!(update(&mut s, Action::Submit).is_empty());
    assert!(s.overlay.is_none());
}

#[test]
fn a_note_that_cannot_be_saved_comes_back_to_its_author() {
    let mut s = state();
    update(&mut s, Action::NewNote);
    update(
        &mut s,
        Action::Paste("Hai trang nhận xét\nvề báo giá thiết bị".into()),
    );
    let fx = update(&mut s, Action::Submit);
    assert!(matches!(fx.as_slice(), [Effect::AddNote { .. }]));
    assert!(s.overlay.is_none());
    // The database refuses (busy, or the dossier vanished): the input opens
    // again with every word typed, and says why.
    update(&mut s, Action::Failed("the database is busy".into()));
    match &s.overlay {
        Some(Overlay::Input(b)) => {
            assert_eq!(b.purpose, InputPurpose::Note("KC24-GL-007".into()));
            assert_eq!(b.input.text(), "Hai trang nhận xét\nvề báo giá thiết bị");
            assert!(b.error.as_deref().is_some_and(|e| e.contains("busy")));
        }
        other => panic!("expected the note input again, got {other:?}"),
    }
    // Submitted again and saved: nothing is kept pending.
    update(&mut s, Action::Submit);
    update(
        &mut s,
        loaded(Loaded::Saved(Saved::Note {
            code: "KC24-GL-007".into(),
        })),
    );
    assert!(s.unsaved_note.is_none());
    // A later, unrelated failure does not bring an old note back.
    update(&mut s, Action::Failed("something else".into()));
    assert!(s.overlay.is_none());
}

#[test]
fn a_return_reason_survives_a_failed_decision() {
    let mut s = state();
    update(&mut s, Action::Return);
    update(
        &mut s,
        Action::Paste("Thiếu bản cam kết vốn đối ứng".into()),
    );
    update(&mut s, Action::Submit);
    // The dialog, with its preview, then confirmed.
    let preview = Preview {
        accepted: vec!["KC24-GL-007".into()],
        refused: vec![],
        already: vec![],
    };
    update(&mut s, loaded(Loaded::Preview(preview)));
    let fx = update(&mut s, Action::Confirm);
    assert!(matches!(fx.as_slice(), [Effect::Decide { .. }]));
    // Someone else decided it meanwhile: refused. The next return starts
    // from the reason already written.
    update(
        &mut s,
        Action::Failed("KC24-GL-007: changed by minh".into()),
    );
    update(&mut s, Action::Return);
    match &s.overlay {
        Some(Overlay::Input(b)) => assert_eq!(b.input.text(), "Thiếu bản cam kết vốn đối ứng"),
        other => panic!("expected the reason input, got {other:?}"),
    }
}

#[test]
fn input_editing_actions() {
    let mut s = state();
    update(&mut s, Action::Return);
    update(&mut s, Action::Paste("thiếu báo giá".into()));
    update(&mut s, Action::WordLeft);
    update(&mut s, Action::DeleteWord);
    assert_eq!(input_text(&s), "thiếu giá");
    update(&mut s, Action::LineEnd);
    update(&mut s, Action::CursorLeft);
    update(&mut s, Action::Delete);
    assert_eq!(input_text(&s), "thiếu gi");
    update(&mut s, Action::LineStart);
    update(&mut s, Action::Insert("x".into()));
    update(&mut s, Action::CursorRight);
    update(&mut s, Action::WordRight);
    update(&mut s, Action::Insert("!".into()));
    assert_eq!(input_text(&s), "xthiếu! gi");
    update(&mut s, Action::MoveUp);
    update(&mut s, Action::MoveDown);
    update(&mut s, Action::Cancel);
    assert!(s.overlay.is_none());
}

#[test]
fn every_text_input_edits_the_same_way_with_readline_keys() {
    use crate::tui::keymap::{KeyPress, Lookup};
    // Each input as the appraiser opens it.
    type Open = fn(&mut State);
    let openers: Vec<(&str, Open)> = vec![
        ("filter", |s| {
            update(s, Action::Filter);
        }),
        ("return reason", |s| {
            update(s, Action::Return);
        }),
        ("note", |s| {
            update(s, Action::NewNote);
        }),
        ("points", |s| {
            s.focus = Pane::Score;
            update(s, Action::ScoreEdit);
        }),
        ("allocation", |s| {
            update(s, Action::ShowRanking);
            update(s, Action::EditAllocation);
        }),
        ("log filter", |s| {
            update(s, Action::ShowLog);
            update(s, Action::FilterLog);
        }),
    ];
    // A key through the bundled keymap's input mode.
    let run = |s: &mut State, key: &str| {
        let k = KeyPress::parse(key).unwrap_or_else(|e| panic!("{e}"));
        match s.keymap.lookup(Mode::Input, &[k]) {
            Lookup::Actions(actions) => {
                for a in actions {
                    update(s, a);
                }
            }
            _ => panic!("{key} is not bound in input mode"),
        }
    };
    for (what, open) in openers {
        let mut s = state();
        open(&mut s);
        // Whatever the input starts with (a kept filter, an allocation)
        // goes with C-a C-k.
        run(&mut s, "<C-a>");
        run(&mut s, "<C-k>");
        assert_eq!(input_text(&s), "", "{what}");
        update(&mut s, Action::Paste("hồ sơ thiếu bảng kê".into()));
        run(&mut s, "<C-w>");
        assert_eq!(input_text(&s), "hồ sơ thiếu bảng ", "{what}: C-w");
        run(&mut s, "<C-a>");
        run(&mut s, "<C-f>");
        run(&mut s, "<Right>");
        run(&mut s, "<C-d>");
        assert_eq!(input_text(&s), "hồsơ thiếu bảng ", "{what}: C-f → C-d");
        run(&mut s, "<C-b>");
        run(&mut s, "<Left>");
        run(&mut s, "<C-k>");
        assert_eq!(input_text(&s), "", "{what}: C-k");
        update(&mut s, Action::Paste("báo giá".into()));
        run(&mut s, "<Home>");
        run(&mut s, "<End>");
        run(&mut s, "<Backspace>");
        run(&mut s, "<C-h>");
        assert_eq!(input_text(&s), "báo g", "{what}: Backspace, C-h");
        run(&mut s, "<C-e>");
        run(&mut s, "<C-u>");
        assert_eq!(input_text(&s), "", "{what}: C-u");
    }
}

#[test]
fn tick_only_manual_items() {
    let mut s = state();
    s.focus = Pane::Checklist;
    // on_time is automatic.
    assert!(update(&mut s, Action::ToggleTick).is_empty());
    assert!(
        s.message
            .as_ref()
            .is_some_and(|m| m.error && m.text.contains("On time")),
        "{:?}",
        s.message
    );
    update(&mut s, Action::MoveDown);
    assert_eq!(
        update(&mut s, Action::ToggleTick),
        vec![Effect::Tick {
            code: "KC24-GL-007".into(),
            item: "new_advanced".into(),
            on: true,
            version: 7,
        }]
    );
    update(
        &mut s,
        loaded(Loaded::Saved(Saved::Tick {
            code: "KC24-GL-007".into(),
            item: "new_advanced".into(),
            on: true,
        })),
    );
    assert_eq!(
        s.message.as_ref().map(|m| m.text.as_str()),
        Some("KC24-GL-007: New and advanced ticked")
    );
}

/// The state with the score pane focused and `necessity` at `points`
/// (`technology`, below it, unscored).
fn scoring(points: Option<u32>) -> State {
    let mut s = state();
    s.focus = Pane::Score;
    if let Some(d) = &mut s.dossier {
        d.score.criteria[0].points = points;
        d.score.total = points.map(i64::from);
    }
    s
}

fn score(criterion: &str, points: Option<u32>) -> Effect {
    Effect::Score {
        code: "KC24-GL-007".into(),
        criterion: criterion.into(),
        points,
        version: 7,
    }
}

#[test]
fn typed_points_replace_the_current_value() {
    let mut s = scoring(Some(2));
    assert!(update(&mut s, Action::ScoreEdit).is_empty());
    // The field starts empty; the current value is the hint.
    assert_eq!(input_text(&s), "");
    assert!(matches!(
        &s.overlay,
        Some(Overlay::Input(b)) if b.purpose == InputPurpose::Points {
            code: "KC24-GL-007".into(),
            criterion: "necessity".into(),
            max: 20,
            now: Some(2),
        }
    ));
    update(&mut s, Action::Insert("1".into()));
    update(&mut s, Action::Insert("8".into()));
    assert_eq!(input_text(&s), "18");
    assert_eq!(
        update(&mut s, Action::Submit),
        vec![score("necessity", Some(18))]
    );
    // Backspace and C-u edit the field.
    update(&mut s, Action::ScoreEdit);
    update(&mut s, Action::Paste("21".into()));
    assert!(update(&mut s, Action::Submit).is_empty());
    assert!(
        matches!(&s.overlay, Some(Overlay::Input(b)) if b.error.as_deref() == Some("points are a whole number from 0 to 20 (typed: 21)"))
    );
    update(&mut s, Action::DeleteToLineStart);
    assert_eq!(input_text(&s), "");
    update(&mut s, Action::Paste("17".into()));
    update(&mut s, Action::Backspace);
    assert_eq!(
        update(&mut s, Action::Submit),
        vec![score("necessity", Some(1))]
    );
}

#[test]
fn an_empty_field_or_the_clear_key_makes_a_criterion_unscored() {
    let mut s = scoring(Some(18));
    update(&mut s, Action::ScoreEdit);
    assert_eq!(
        update(&mut s, Action::Submit),
        vec![score("necessity", None)]
    );
    assert!(s.overlay.is_none());
    assert_eq!(
        update(&mut s, Action::ScoreClear),
        vec![score("necessity", None)]
    );
    // On an unscored criterion there is nothing to clear.
    update(&mut s, Action::MoveDown);
    update(&mut s, Action::ScoreEdit);
    assert!(matches!(
        &s.overlay,
        Some(Overlay::Input(b)) if matches!(b.purpose, InputPurpose::Points { now: None, .. })
    ));
    assert!(update(&mut s, Action::Submit).is_empty());
    assert!(s.overlay.is_none());
    assert!(update(&mut s, Action::ScoreClear).is_empty());
    // The bundled keymap binds the clear key twice in the score pane.
    for key in ["x", "<Delete>"] {
        let k = crate::tui::keymap::KeyPress::parse(key).unwrap_or_else(|e| panic!("{e}"));
        assert!(
            matches!(s.keymap.lookup(Mode::Score, &[k]), crate::tui::keymap::Lookup::Actions(a) if a == vec![Action::ScoreClear]),
            "{key}"
        );
    }
    // The saved clear says so and reloads the queue's score column.
    let fx = update(
        &mut s,
        loaded(Loaded::Saved(Saved::Score {
            code: "KC24-GL-007".into(),
            criterion: "necessity".into(),
            points: None,
        })),
    );
    assert_eq!(fx, vec![Effect::LoadRows(vec!["KC24-GL-007".into()])]);
    assert_eq!(
        s.message.as_ref().map(|m| m.text.as_str()),
        Some("KC24-GL-007: Necessity unscored")
    );
}

#[test]
fn plus_on_unscored_gives_one_and_minus_stops_at_zero() {
    let mut s = scoring(Some(18));
    update(&mut s, Action::MoveDown);
    // `-` leaves an unscored criterion alone.
    assert!(update(&mut s, Action::ScoreDown).is_empty());
    assert_eq!(s.pending_score, None);
    assert!(update(&mut s, Action::ScoreUp).is_empty());
    assert_eq!(s.unsaved_points("technology"), Some(1));
    update(&mut s, Action::ScoreDown);
    update(&mut s, Action::ScoreDown);
    assert_eq!(s.unsaved_points("technology"), Some(0));
    assert_eq!(
        update(&mut s, Action::MoveUp),
        vec![score("technology", Some(0))]
    );
    // `+` stops at the maximum.
    update(&mut s, Action::ScoreUp);
    update(&mut s, Action::ScoreUp);
    update(&mut s, Action::ScoreUp);
    assert_eq!(s.unsaved_points("necessity"), Some(20));
}

#[test]
fn a_run_of_presses_is_written_once_when_the_cursor_leaves() {
    let mut s = scoring(None);
    for _ in 0..5 {
        assert!(update(&mut s, Action::ScoreUp).is_empty());
    }
    // Shown at once, not saved.
    assert_eq!(s.unsaved_points("necessity"), Some(5));
    assert_eq!(
        update(&mut s, Action::MoveDown),
        vec![score("necessity", Some(5))]
    );
    assert_eq!(s.pending_score, None);
    assert_eq!(s.unsaved_points("necessity"), None);
    // Saved and reloaded; then a run that comes back where it started
    // writes nothing.
    let mut d = dossier("KC24-GL-007");
    d.score.criteria[0].points = Some(5);
    update(
        &mut s,
        loaded(Loaded::Dossier("KC24-GL-007".into(), Some(Box::new(d)))),
    );
    update(&mut s, Action::MoveUp);
    update(&mut s, Action::ScoreUp);
    update(&mut s, Action::ScoreDown);
    assert_eq!(s.unsaved_points("necessity"), None);
    assert!(update(&mut s, Action::MoveDown).is_empty());
}

#[test]
fn a_run_of_presses_is_written_once_after_a_second_of_quiet() {
    let mut s = scoring(Some(10));
    for _ in 0..3 {
        update(&mut s, Action::ScoreUp);
    }
    // The first tick may come a moment after the press: not yet.
    assert_eq!(update(&mut s, Action::Tick), vec![Effect::Poll]);
    // A press resets the quiet.
    update(&mut s, Action::ScoreUp);
    update(&mut s, Action::ScoreUp);
    assert_eq!(update(&mut s, Action::Tick), vec![Effect::Poll]);
    assert_eq!(s.unsaved_points("necessity"), Some(15));
    assert_eq!(
        update(&mut s, Action::Tick),
        vec![score("necessity", Some(15)), Effect::Poll]
    );
    assert_eq!(update(&mut s, Action::Tick), vec![Effect::Poll]);
    // A reload meanwhile (another appraiser's change) keeps the run.
    update(&mut s, Action::ScoreDown);
    update(&mut s, loaded(Loaded::Queue(rows(), 4)));
    assert_eq!(s.unsaved_points("necessity"), Some(9));
}

#[test]
fn a_pending_run_is_written_before_anything_else_acts() {
    // (the press, what follows it, the effects that gives)
    let cases = [
        // Focus leaves the pane.
        (
            Action::ScoreUp,
            Action::NextPane,
            vec![score("necessity", Some(11))],
        ),
        (
            Action::ScoreDown,
            Action::Quit,
            vec![score("necessity", Some(9))],
        ),
        // Typing the points: the run is written, the input starts from it.
        (
            Action::ScoreUp,
            Action::ScoreEdit,
            vec![score("necessity", Some(11))],
        ),
        // The clear key drops the run instead of writing it first.
        (
            Action::ScoreUp,
            Action::ScoreClear,
            vec![score("necessity", None)],
        ),
    ];
    for (press, then, want) in cases {
        let mut s = scoring(Some(10));
        update(&mut s, press);
        let what = format!("{then:?}");
        assert_eq!(update(&mut s, then), want, "{what}");
        assert_eq!(s.pending_score, None, "{what}");
        if what == "ScoreEdit" {
            assert!(matches!(
                &s.overlay,
                Some(Overlay::Input(b)) if matches!(b.purpose, InputPurpose::Points { now: Some(11), .. })
            ));
        }
    }
    // A decision's preview sees the score.
    let mut s = scoring(Some(10));
    update(&mut s, Action::ScoreUp);
    let fx = update(&mut s, Action::Approve);
    assert_eq!(fx.first(), Some(&score("necessity", Some(11))));
    assert!(matches!(fx.get(1), Some(Effect::Preview { .. })));
    // The dossier changes under the cursor (a reload that filtered it out).
    let mut s = scoring(Some(10));
    update(&mut s, Action::ScoreUp);
    let mut newer = rows();
    newer[0].status = Status::Approved;
    let fx = update(&mut s, loaded(Loaded::Queue(newer, 4)));
    assert!(fx.contains(&score("necessity", Some(11))), "{fx:?}");
}

#[test]
fn help_and_messages_overlays_scroll_and_close() {
    let mut s = state();
    update(&mut s, Action::Help);
    assert_eq!(s.mode(), Mode::Help);
    update(&mut s, Action::MoveDown);
    assert!(matches!(s.overlay, Some(Overlay::Help { scroll: 1, .. })));
    update(&mut s, Action::Cancel);
    assert!(s.overlay.is_none());
    update(&mut s, Action::Messages);
    assert_eq!(s.overlay, Some(Overlay::Messages { scroll: 0 }));
    update(&mut s, Action::Messages);
    assert!(s.overlay.is_none());
}

fn rank_line(code: &str, status: Status, ok: bool, within: bool) -> RankLine {
    RankLine {
        rank: 1,
        code: code.into(),
        province: "Gia Lai".into(),
        title: format!("Đề án {code}"),
        status,
        checklist_ok: ok,
        checklist_done: if ok { 7 } else { 5 },
        checklist_total: 7,
        score: Some(72),
        national: Vnd(300_000_000),
        cumulative: Vnd(300_000_000),
        within_budget: within,
    }
}

fn ranking(rows: Vec<RankLine>, allocation: Option<Vnd>) -> Action {
    loaded(Loaded::Ranking {
        rows,
        allocation,
        plan_year: Some(2024),
    })
}

/// The ranking view open on these lines.
fn in_ranking(rows: Vec<RankLine>, allocation: Option<Vnd>) -> State {
    let mut s = state();
    update(&mut s, Action::ShowRanking);
    update(&mut s, ranking(rows, allocation));
    s
}

#[test]
fn ranking_view_categories_and_allocation() {
    let mut s = state();
    let fx = update(&mut s, Action::ShowRanking);
    assert_eq!(
        fx,
        vec![Effect::LoadRanking {
            category: Category::Machinery,
            plan_year: Some(2024),
        }]
    );
    assert_eq!(s.mode(), Mode::Ranking);
    assert!(matches!(
        &update(&mut s, Action::NextCategory)[..],
        [Effect::LoadRanking {
            category: Category::PollutionTreatment,
            ..
        }]
    ));
    assert!(matches!(
        &update(&mut s, Action::PrevCategory)[..],
        [Effect::LoadRanking {
            category: Category::Machinery,
            ..
        }]
    ));
    update(
        &mut s,
        ranking(
            vec![rank_line("KC24-GL-007", Status::Pending, true, true)],
            Some(Vnd(12_000_000_000)),
        ),
    );
    assert_eq!(s.ranking.plan_year, Some(2024));
    update(&mut s, Action::EditAllocation);
    assert_eq!(input_text(&s), "12,000 tr");
    update(&mut s, Action::Paste("x".into()));
    assert!(update(&mut s, Action::Submit).is_empty());
    assert!(matches!(&s.overlay, Some(Overlay::Input(b)) if b.error.is_some()));
    update(&mut s, Action::Cancel);
    assert!(s.overlay.is_none());
    update(&mut s, Action::MoveDown);
    assert_eq!(s.ranking.cursor, 0);
    update(&mut s, Action::Cancel);
    assert_eq!(s.view, View::Queue);
}

#[test]
fn the_allocation_set_in_the_ranking_is_stored_not_kept_in_the_session() {
    let mut s = in_ranking(
        vec![rank_line("KC24-GL-007", Status::Pending, true, true)],
        Some(Vnd(12_000_000_000)),
    );
    update(&mut s, Action::EditAllocation);
    update(&mut s, Action::LineStart);
    update(&mut s, Action::Delete);
    update(&mut s, Action::Delete);
    update(&mut s, Action::Insert("5".into()));
    // Submitting writes it to the database (audited there), for the plan
    // year the view ranks; nothing is changed in the session until then.
    assert_eq!(
        update(&mut s, Action::Submit),
        vec![Effect::SetAllocation {
            category: Category::Machinery,
            plan_year: Some(2024),
            vnd: Vnd(5_000_000_000),
        }]
    );
    assert!(s.overlay.is_none());
    assert_eq!(s.ranking.allocation, Some(Vnd(12_000_000_000)));
    // Once stored, the ranking is loaded again: the cut line moves.
    let fx = update(
        &mut s,
        loaded(Loaded::Saved(Saved::Allocation {
            category: Category::Machinery,
            plan_year: 2024,
            vnd: Vnd(5_000_000_000),
        })),
    );
    assert_eq!(
        fx,
        vec![Effect::LoadRanking {
            category: Category::Machinery,
            plan_year: Some(2024),
        }]
    );
    assert!(
        s.message
            .as_ref()
            .is_some_and(|m| !m.error && m.text.contains("5,000 tr") && m.text.contains("2024")),
        "{:?}",
        s.message
    );
    // A negative figure is refused in the input.
    update(&mut s, Action::EditAllocation);
    update(&mut s, Action::LineStart);
    update(&mut s, Action::Insert("-".into()));
    assert!(update(&mut s, Action::Submit).is_empty());
    assert!(matches!(&s.overlay, Some(Overlay::Input(b)) if b.error.is_some()));
}

#[test]
fn approve_within_budget_is_one_batch_through_the_normal_confirmation() {
    let mut s = in_ranking(
        vec![
            rank_line("KC24-GL-007", Status::Pending, true, true),
            rank_line("KC24-LA-011", Status::Approved, true, true),
            rank_line("KC24-TV-003", Status::Pending, false, true),
            rank_line("KC24-DN-002", Status::Pending, true, false),
        ],
        Some(Vnd(900_000_000)),
    );
    // The same round trip as `a` on the queue with the same dossiers
    // marked: the pending dossiers above the cut line go to the gate (the
    // approved one and the one below the line do not; the one whose
    // checklist fails is there for the preview to list as refused).
    let mut q = state();
    for code in ["KC24-GL-007", "KC24-TV-003"] {
        q.queue.marks.insert(code.into());
    }
    let fx = update(&mut s, Action::ApproveWithinBudget);
    assert_eq!(fx, update(&mut q, Action::Approve));
    assert!(matches!(
        &fx[..],
        [Effect::Preview { decision: Decision::Approve, codes }]
            if codes == &["KC24-GL-007", "KC24-TV-003"]
    ));
    assert_eq!(s.overlay, q.overlay);
    assert_eq!(s.mode(), Mode::Confirm);
    let preview = Preview {
        accepted: vec!["KC24-GL-007".into()],
        refused: vec![("KC24-TV-003".into(), vec!["new_advanced".into()])],
        already: Vec::new(),
    };
    for t in [&mut s, &mut q] {
        update(t, loaded(Loaded::Preview(preview.clone())));
    }
    // Confirm decides the accepted ones only, with the versions seen.
    let fx = update(&mut s, Action::Confirm);
    assert_eq!(fx, update(&mut q, Action::Confirm));
    assert!(matches!(
        &fx[..],
        [Effect::Decide { decision: Decision::Approve, items, .. }]
            if items == &[("KC24-GL-007".to_string(), 7)]
    ));
    // The decision reloads the ranking with the queue.
    let fx = update(
        &mut s,
        loaded(Loaded::Done(Outcome {
            decision: Some(Decision::Approve),
            changed: vec!["KC24-GL-007".into()],
            refused: Vec::new(),
        })),
    );
    assert_eq!(
        fx,
        vec![
            Effect::LoadRows(vec!["KC24-GL-007".into()]),
            Effect::LoadRanking {
                category: Category::Machinery,
                plan_year: Some(2024),
            }
        ]
    );
    // Cancel leaves everything as it was.
    update(&mut s, Action::ApproveWithinBudget);
    update(&mut s, Action::Cancel);
    assert!(s.overlay.is_none());
    assert_eq!(s.view, View::Ranking);
}

#[test]
fn approve_within_budget_with_nothing_pending_above_the_line_says_so() {
    let mut s = in_ranking(
        vec![
            rank_line("KC24-LA-011", Status::Approved, true, true),
            rank_line("KC24-DN-002", Status::Pending, true, false),
        ],
        Some(Vnd(300_000_000)),
    );
    assert!(update(&mut s, Action::ApproveWithinBudget).is_empty());
    assert!(s.overlay.is_none());
    assert!(s.message.as_ref().is_some_and(|m| m.error));
}

fn entry(
    id: i64,
    author: &str,
    action: &str,
    code: Option<&str>,
    reason: Option<&str>,
) -> LogEntry {
    LogEntry {
        id,
        at: format!("2023-10-{:02}T09:15:00+07:00", id.clamp(1, 28)),
        author: author.into(),
        os_user: author.into(),
        action: action.into(),
        code: code.map(str::to_string),
        revision: code.map(|_| 1),
        batch: None,
        reason: reason.map(str::to_string),
        detail: None,
        category: code.map(|_| Category::Machinery),
    }
}

/// The log as the store gives it: every kind of entry, newest first.
fn log_rows() -> Vec<LogEntry> {
    let mut score = entry(5, "lan", "score", Some("KC24-GL-007"), None);
    score.detail = Some("necessity = 18 (was 15)".into());
    let mut alloc = entry(6, "lan", "allocation", None, None);
    alloc.detail = Some("machinery 2024: 500.000.000".into());
    alloc.os_user = "thamdinh".into();
    vec![
        alloc,
        score,
        entry(
            4,
            "minh",
            "return",
            Some("KC24-TB-011"),
            Some("Nộp muộn sau hạn"),
        ),
        entry(3, "lan", "tick", Some("KC24-GL-007"), None),
        entry(2, "minh", "approve", Some("KC24-GL-007"), None),
        entry(
            1,
            "lan",
            "import",
            Some("KC24-TB-011"),
            Some("thai-binh.csv:3"),
        ),
    ]
}

/// The log view open on [`log_rows`].
fn in_log() -> State {
    let mut s = state();
    assert_eq!(update(&mut s, Action::ShowLog), vec![Effect::LoadLog]);
    update(&mut s, loaded(Loaded::Log(log_rows())));
    s
}

fn log_ids(s: &State) -> Vec<i64> {
    s.log.visible.iter().map(|&i| s.log.rows[i].id).collect()
}

fn filter_log(s: &mut State, text: &str) -> Vec<Effect> {
    update(s, Action::FilterLog);
    update(s, Action::LineStart);
    for _ in 0..80 {
        update(s, Action::Delete);
    }
    update(s, Action::Paste(text.into()));
    update(s, Action::Submit)
}

#[test]
fn log_view_shows_every_kind_of_entry_newest_first() {
    let mut s = in_log();
    assert_eq!(log_ids(&s), [6, 5, 4, 3, 2, 1]);
    // The cursor starts on the newest.
    assert_eq!(s.log.current().map(|e| e.id), Some(6));
    assert_eq!(
        update(&mut s, Action::Refresh),
        vec![Effect::LoadQueue, Effect::LoadLog]
    );
    // A reload with a newer entry keeps the cursor on its entry.
    update(&mut s, Action::MoveDown);
    let mut newer = log_rows();
    newer.insert(0, entry(7, "minh", "note", Some("KC24-GL-007"), None));
    update(&mut s, loaded(Loaded::Log(newer)));
    assert_eq!(s.log.current().map(|e| e.id), Some(5));
    update(&mut s, Action::ShowQueue);
    assert_eq!(s.view, View::Queue);
}

#[test]
fn log_filter_is_the_query_language() {
    let mut s = in_log();
    // A code, case-insensitive, at word starts (search.md).
    assert!(filter_log(&mut s, "tb-011").is_empty());
    assert_eq!(log_ids(&s), [4, 1]);
    assert_eq!(s.log.filter, "tb-011");
    filter_log(&mut s, "KC24-TB");
    assert_eq!(log_ids(&s), [4, 1]);
    filter_log(&mut s, "b-011");
    assert!(log_ids(&s).is_empty(), "not at a word start");
    // The author.
    filter_log(&mut s, "by:minh");
    assert_eq!(log_ids(&s), [4, 2]);
    filter_log(&mut s, "by:MINH");
    assert_eq!(log_ids(&s), [4, 2]);
    // An action, as a qualifier or a word.
    filter_log(&mut s, "a:approve");
    assert_eq!(log_ids(&s), [2]);
    filter_log(&mut s, "action:tick");
    assert_eq!(log_ids(&s), [3]);
    filter_log(&mut s, "allocation");
    assert_eq!(log_ids(&s), [6]);
    // Any text of the entry, smart diacritics.
    filter_log(&mut s, "nop muon");
    assert_eq!(log_ids(&s), [4]);
    filter_log(&mut s, "nộp");
    assert_eq!(log_ids(&s), [4]);
    filter_log(&mut s, "nóp");
    assert!(log_ids(&s).is_empty());
    filter_log(&mut s, "necessity");
    assert_eq!(log_ids(&s), [5]);
    // Combined, with an exclusion; and the OS login is searched too.
    filter_log(&mut s, "gl-007 -by:minh");
    assert_eq!(log_ids(&s), [5, 3]);
    filter_log(&mut s, "thamdinh");
    assert_eq!(log_ids(&s), [6]);
    filter_log(&mut s, "c:machinery by:lan");
    assert_eq!(log_ids(&s), [5, 3, 1]);
    // Empty: every entry.
    filter_log(&mut s, "");
    assert_eq!(log_ids(&s).len(), 6);
}

#[test]
fn a_log_filter_that_does_not_parse_is_said_and_the_old_one_kept() {
    let mut s = in_log();
    filter_log(&mut s, "by:minh");
    // Queue-only qualifiers mean nothing for an entry: refused, not ignored.
    for bad in ["score:>70", "x:1", "\"tra", "a:"] {
        assert!(filter_log(&mut s, bad).is_empty());
        assert!(
            matches!(&s.overlay, Some(Overlay::Input(b)) if b.error.is_some()),
            "{bad}"
        );
        update(&mut s, Action::Cancel);
        assert_eq!(s.log.filter, "by:minh");
        assert_eq!(log_ids(&s), [4, 2]);
    }
    // `/` on a kept filter opens it with a space after it: typing adds a term.
    update(&mut s, Action::FilterLog);
    assert_eq!(input_text(&s), "by:minh ");
    update(&mut s, Action::Paste("a:return".into()));
    update(&mut s, Action::Submit);
    assert_eq!(log_ids(&s), [4]);
    // And `a:` is the log's own: the queue's filter refuses it.
    update(&mut s, Action::ShowQueue);
    update(&mut s, Action::Filter);
    update(&mut s, Action::Paste(" a:approve".into()));
    assert!(matches!(&s.overlay, Some(Overlay::Input(b)) if b.error.is_some()));
}

#[test]
fn enter_on_a_log_row_opens_the_whole_entry() {
    let mut s = state();
    update(&mut s, Action::ShowLog);
    let mut rows = log_rows();
    let long = "Nộp muộn sau hạn 30/09/2023; ".repeat(20);
    rows[2].reason = Some(long.clone());
    rows[2].batch = Some(3);
    update(&mut s, loaded(Loaded::Log(rows)));
    filter_log(&mut s, "tb-011");
    update(&mut s, Action::OpenEntry);
    let Some(Overlay::Text {
        title,
        lines,
        scroll,
    }) = s.overlay.clone()
    else {
        panic!("no text overlay: {:?}", s.overlay);
    };
    assert_eq!(title, "Log entry #4 · return · KC24-TB-011");
    assert_eq!(scroll, 0);
    for want in [
        "When: 04/10/2023 09:15",
        "Who: minh",
        "Action: return",
        "Dossier: KC24-TB-011",
        "Revision: 1",
        "Batch: 3",
        "Reason:",
        long.as_str(),
    ] {
        assert!(lines.iter().any(|l| l == want), "{want:?} in {lines:?}");
    }
    assert_eq!(s.mode(), Mode::Help);
    // It scrolls like the help, and Esc closes it back to the log.
    update(&mut s, Action::MoveDown);
    assert!(matches!(&s.overlay, Some(Overlay::Text { scroll: 1, .. })));
    update(&mut s, Action::Cancel);
    assert!(s.overlay.is_none());
    assert_eq!(s.view, View::Log);
    // An entry of no dossier (an allocation): its detail, its OS login.
    filter_log(&mut s, "a:allocation");
    update(&mut s, Action::OpenEntry);
    let Some(Overlay::Text { title, lines, .. }) = s.overlay.clone() else {
        panic!("no text overlay");
    };
    assert_eq!(title, "Log entry #6 · allocation");
    assert!(lines.iter().any(|l| l == "Who: lan (thamdinh)"));
    assert!(lines.iter().any(|l| l == "machinery 2024: 500.000.000"));
    assert!(!lines.iter().any(|l| l.starts_with("Dossier")));
    update(&mut s, Action::Cancel);
    // Nothing under the cursor: nothing opens.
    filter_log(&mut s, "nothing-matches-this");
    update(&mut s, Action::OpenEntry);
    assert!(s.overlay.is_none());
}

#[test]
fn other_appraisers_changes_reload_without_a_keypress() {
    let mut s = state();
    s.dirty = false;
    assert_eq!(update(&mut s, Action::Tick), vec![Effect::Poll]);
    assert!(!s.dirty, "a tick alone does not redraw");
    assert!(update(&mut s, loaded(Loaded::Version(3))).is_empty());
    assert!(!s.dirty);
    // A frame asked for by a key is not cancelled by a quiet poll answer.
    update(&mut s, Action::MoveDown);
    update(&mut s, Action::Tick);
    update(&mut s, loaded(Loaded::Version(3)));
    assert!(s.dirty, "the key's frame was lost");
    update(&mut s, Action::MoveUp);
    s.dirty = false;
    assert_eq!(
        update(&mut s, loaded(Loaded::Version(4))),
        vec![Effect::LoadQueue]
    );
    assert!(s.dirty);
    // The reload keeps the cursor's dossier and reloads its panes.
    update(&mut s, Action::MoveDown);
    let fx = update(&mut s, loaded(Loaded::Queue(rows(), 4)));
    assert_eq!(fx, vec![Effect::LoadDossier("KC24-TV-003".into())]);
    assert_eq!(current(&s), "KC24-TV-003");
}

#[test]
fn resize_quit_and_suspend() {
    let mut s = state();
    update(&mut s, Action::Resize(60, 20));
    assert!(!s.big_enough());
    update(&mut s, Action::Resize(160, 48));
    assert!(s.big_enough());
    assert_eq!(s.page(), 45);
    // Suspend is the run loop's (it owns the terminal): no state change.
    assert!(update(&mut s, Action::Suspend).is_empty());
    // Paste outside an input does nothing.
    assert!(update(&mut s, Action::Paste("x".into())).is_empty());
    update(&mut s, Action::Quit);
    assert!(s.quit);
}

#[test]
fn big_queues_are_searched_off_the_event_loop() {
    let mut s = state();
    // Treat this queue as big: every search becomes an effect.
    s.queue.inline_limit = 1;
    update(&mut s, Action::Filter);
    let fx = update(&mut s, Action::Insert("t".into()));
    let [Effect::Search(first)] = &fx[..] else {
        panic!("{fx:?}");
    };
    assert!(s.queue.searching);
    // The list keeps the previous result meanwhile.
    assert_eq!(codes(&s).len(), 4);
    let fx = update(&mut s, Action::Insert("v".into()));
    let [Effect::Search(second)] = &fx[..] else {
        panic!("{fx:?}");
    };
    assert_eq!(second.query, "s:pending tv");
    // The first result arrives late: stale, ignored.
    update(
        &mut s,
        loaded(Loaded::Searched {
            generation: first.generation,
            query: first.query.clone(),
            matches: first.run().0,
            fuzzy: false,
        }),
    );
    assert!(s.queue.searching);
    assert_eq!(codes(&s).len(), 4);
    let fx = update(
        &mut s,
        loaded(Loaded::Searched {
            generation: second.generation,
            query: second.query.clone(),
            matches: second.run().0,
            fuzzy: false,
        }),
    );
    assert!(!s.queue.searching);
    assert_eq!(codes(&s)[..2], ["KC24-TV-003", "KC24-TV-010"]);
    assert_eq!(current(&s), "KC24-TV-003");
    assert_eq!(fx, vec![Effect::LoadDossier("KC24-TV-003".into())]);
    // A longer query only searches the previous matches.
    let fx = update(&mut s, Action::Insert("0".into()));
    let Some(Effect::Search(third)) = fx.iter().find(|e| matches!(e, Effect::Search(_))) else {
        panic!("{fx:?}");
    };
    assert_eq!(
        third.candidates.as_ref().map(Vec::len),
        Some(second.run().0.len())
    );
}

#[test]
fn every_bindable_action_is_safe_in_every_mode() {
    let mut states: Vec<State> = Vec::new();
    let base = state();
    for pane in Pane::ALL {
        let mut s = base.clone();
        s.focus = pane;
        states.push(s.clone());
        s.zoom = true;
        states.push(s);
    }
    let mut empty = base.clone();
    update(&mut empty, loaded(Loaded::Queue(Vec::new(), 9)));
    for pane in Pane::ALL {
        empty.focus = pane;
        states.push(empty.clone());
    }
    for a in [
        Action::ShowRanking,
        Action::ShowLog,
        Action::Help,
        Action::Messages,
        Action::Approve,
        Action::Return,
        Action::NewNote,
        Action::Filter,
    ] {
        let mut s = base.clone();
        update(&mut s, a);
        states.push(s);
    }
    let mut confirm = base.clone();
    update(&mut confirm, Action::Approve);
    update(
        &mut confirm,
        loaded(Loaded::Preview(Preview {
            accepted: vec!["KC24-GL-007".into()],
            refused: vec![("KC24-TV-003".into(), vec!["on_time".into()])],
            already: vec!["KC24-LA-011".into()],
        })),
    );
    states.push(confirm.clone());
    update(&mut confirm, Action::Override);
    states.push(confirm);
    for s in &states {
        for a in crate::tui::action::BINDABLE {
            let name = a.name().unwrap_or_default();
            let mut t = s.clone();
            let _ = update(&mut t, a.clone());
            // The state stays consistent: the cursor is inside the list.
            assert!(
                t.queue.visible.is_empty() || t.queue.cursor < t.queue.visible.len(),
                "{name} in {:?}",
                s.mode()
            );
        }
    }
}

#[test]
fn a_decision_carries_the_versions_seen_when_it_was_asked() {
    let mut s = state();
    update(&mut s, Action::Approve);
    // Meanwhile another appraiser changed the dossier; the poll reloads it.
    let mut newer = rows();
    newer[0].version = 8;
    update(&mut s, loaded(Loaded::Queue(newer, 4)));
    update(
        &mut s,
        loaded(Loaded::Preview(Preview {
            accepted: vec!["KC24-GL-007".into()],
            ..Preview::default()
        })),
    );
    // The decision still says version 7: the store refuses it as a conflict.
    assert!(matches!(
        &update(&mut s, Action::Confirm)[..],
        [Effect::Decide { items, .. }] if items == &vec![("KC24-GL-007".to_string(), 7)]
    ));
}

#[test]
fn sort_cycles_and_keeps_the_cursor_on_its_dossier() {
    let mut s = state();
    let mut rows = rows();
    rows[2].score = Some(80);
    rows[3].score = Some(60);
    rows[1].national = Vnd(900_000_000);
    update(&mut s, loaded(Loaded::Queue(rows, 4)));
    update(&mut s, Action::MoveDown);
    assert_eq!(current(&s), "KC24-TV-003");
    update(&mut s, Action::CycleSort);
    assert_eq!(s.queue.sort, Sort::Score);
    assert_eq!(codes(&s)[..2], ["KC24-DN-002", "KC24-TV-010"]);
    assert_eq!(current(&s), "KC24-TV-003", "the cursor keeps its dossier");
    update(&mut s, Action::CycleSort);
    assert_eq!(s.queue.sort, Sort::Money);
    assert_eq!(codes(&s)[0], "KC24-TV-003");
    for _ in 0..3 {
        update(&mut s, Action::CycleSort);
    }
    assert_eq!(s.queue.sort, Sort::Submission);
    assert_eq!(
        codes(&s),
        ["KC24-GL-007", "KC24-TV-003", "KC24-DN-002", "KC24-TV-010"]
    );
}

#[test]
fn jumps_to_the_next_undecided_unscored_and_failing_and_progress_counts() {
    let mut s = state();
    let mut rows = rows();
    rows[1].score = Some(70);
    update(&mut s, loaded(Loaded::Queue(rows, 4)));
    update(&mut s, Action::ClearFilters);
    assert_eq!(s.queue.progress(), (1, 1, 5));
    update(&mut s, Action::NextUnscored);
    assert_eq!(current(&s), "KC24-DN-002", "TV-003 is scored");
    update(&mut s, Action::NextUndecided);
    assert_eq!(current(&s), "KC24-TV-010");
    update(&mut s, Action::NextUndecided);
    assert_eq!(
        current(&s),
        "KC24-GL-007",
        "wraps round past the approved one"
    );
    // Failing needs the checklist states: asked for, then the jump.
    let fx = update(&mut s, Action::NextFailing);
    assert_eq!(fx, vec![Effect::LoadFacts]);
    use crate::domain::checklist::Standing;
    let facts: HashMap<String, (Option<Standing>, Option<String>)> = [
        (
            "KC24-TV-010".to_string(),
            (Some(Standing::Incomplete), None),
        ),
        ("KC24-TV-003".to_string(), (Some(Standing::Ok), None)),
    ]
    .into_iter()
    .collect();
    update(&mut s, loaded(Loaded::Facts(facts)));
    assert_eq!(current(&s), "KC24-TV-010");
}

#[test]
fn a_note_put_aside_with_esc_is_kept_as_a_draft() {
    let mut s = state();
    update(&mut s, Action::NewNote);
    update(
        &mut s,
        Action::Paste("Thiếu báo giá thiết bị,\nđề nghị bổ sung".into()),
    );
    update(&mut s, Action::Cancel);
    assert!(s.overlay.is_none());
    assert!(s.message.as_ref().is_some_and(|m| m.text.contains("draft")));
    update(&mut s, Action::NewNote);
    assert_eq!(input_text(&s), "Thiếu báo giá thiết bị,\nđề nghị bổ sung");
    update(&mut s, Action::Submit);
    update(
        &mut s,
        loaded(Loaded::Saved(Saved::Note {
            code: "KC24-GL-007".into(),
        })),
    );
    assert!(s.note_drafts.is_empty(), "a saved note leaves no draft");
}

#[test]
fn my_decision_reloads_only_the_rows_it_changed_and_the_filter_follows() {
    let mut s = state();
    update(&mut s, Action::MoveDown);
    assert_eq!(current(&s), "KC24-TV-003");
    // TV-003 was returned: its fresh row leaves the pending filter, and the
    // cursor goes to the dossier that followed it.
    let mut fresh = rows()[1].clone();
    fresh.status = Status::Returned;
    fresh.version = 8;
    let fx = update(&mut s, loaded(Loaded::Rows(vec![fresh])));
    assert_eq!(codes(&s), ["KC24-GL-007", "KC24-DN-002", "KC24-TV-010"]);
    assert_eq!(current(&s), "KC24-DN-002");
    assert!(fx.contains(&Effect::LoadDossier("KC24-DN-002".into())));
    assert_eq!(
        s.queue.row_by_code("KC24-TV-003").map(|r| r.version),
        Some(8)
    );
}

#[test]
fn enter_reads_a_checklist_item_or_the_notes_in_full() {
    let mut s = state();
    s.focus = Pane::Checklist;
    update(&mut s, Action::OpenEntry);
    let Some(Overlay::Text { title, lines, .. }) = &s.overlay else {
        panic!("{:?}", s.overlay);
    };
    let item = &s.dossier.as_ref().unwrap().checklist[0];
    assert!(title.ends_with(&item.label.0), "{title}");
    assert_eq!(lines[0], item.text_en, "the whole text, not cut");
    let detail = item.evidence.render(crate::domain::Lang::En);
    assert!(lines.iter().any(|l| l.contains(&detail)), "{lines:?}");
    update(&mut s, Action::Cancel);
    assert!(s.overlay.is_none());
    s.focus = Pane::Notes;
    let mut d = s.dossier.clone().unwrap();
    d.notes = vec![NoteRow {
        author: "minh".into(),
        at: "2026-12-01T09:15:00+07:00".into(),
        text: "Dòng một.\nDòng hai rất dài: ".to_string() + &"chi tiết ".repeat(40),
    }];
    s.dossier = Some(d);
    update(&mut s, Action::OpenEntry);
    let Some(Overlay::Text { lines, .. }) = &s.overlay else {
        panic!("{:?}", s.overlay);
    };
    assert_eq!(lines[0], "01/12/2026 09:15 · minh");
    assert!(lines[2].ends_with("chi tiết "), "{lines:?}");
}

#[test]
fn the_first_screen_shows_before_the_whole_queue_and_never_after_it() {
    let keymap = Keymap::bundled().unwrap_or_default();
    let mut s = State::new(&EN, keymap, "lan", (80, 24));
    let all = rows();
    let head: Vec<QueueItem> = all[..2].to_vec();
    let docs = |r: &[QueueItem]| r.iter().map(QueueItem::doc).collect::<Vec<_>>();
    update(
        &mut s,
        loaded(Loaded::Prepared {
            docs: docs(&head),
            rows: head.clone(),
            version: 1,
            complete: false,
        }),
    );
    assert!(s.queue.loading);
    assert_eq!(codes(&s), ["KC24-GL-007", "KC24-TV-003"]);
    update(&mut s, Action::MoveDown);
    update(
        &mut s,
        loaded(Loaded::Prepared {
            docs: docs(&all),
            rows: all.clone(),
            version: 1,
            complete: true,
        }),
    );
    assert!(!s.queue.loading);
    assert_eq!(codes(&s).len(), 4);
    assert_eq!(current(&s), "KC24-TV-003", "the cursor kept its dossier");
    // A late first screen does not replace the whole queue.
    update(
        &mut s,
        loaded(Loaded::Prepared {
            docs: docs(&head),
            rows: head,
            version: 1,
            complete: false,
        }),
    );
    assert_eq!(codes(&s).len(), 4);
}

#[test]
fn held_keys_load_the_dossier_once_they_stop_and_panes_never_act_on_an_older_one() {
    let mut s = state();
    s.debounce_detail = true;
    // Three moves: no dossier load while the keys go on.
    assert!(update(&mut s, Action::MoveDown).is_empty());
    assert!(update(&mut s, Action::MoveDown).is_empty());
    assert!(update(&mut s, Action::MoveDown).is_empty());
    assert_eq!(current(&s), "KC24-TV-010");
    // The panes still show GL-007: a tick there does nothing meanwhile.
    s.focus = Pane::Checklist;
    assert!(update(&mut s, Action::ToggleTick).is_empty());
    s.focus = Pane::Queue;
    // The keys stopped: the cursor's dossier, once.
    assert_eq!(
        update(&mut s, Action::SettleDetail),
        vec![Effect::LoadDossier("KC24-TV-010".into())]
    );
    assert!(update(&mut s, Action::SettleDetail).is_empty());
    // Back onto the dossier shown: nothing to load.
    s.debounce_detail = true;
    update(
        &mut s,
        loaded(Loaded::Dossier(
            "KC24-TV-010".into(),
            Some(Box::new(dossier("KC24-TV-010"))),
        )),
    );
    update(&mut s, Action::MoveUp);
    update(&mut s, Action::MoveDown);
    assert!(s.dossier_due.is_none());
}

#[test]
fn summary_view_steps_through_plan_years_and_follows_changes() {
    use crate::domain::summary::{Figures, Summary};
    let mut s = state();
    // Opened on the plan year of the cursor's dossier.
    assert_eq!(
        update(&mut s, Action::ShowSummary),
        vec![Effect::LoadSummary {
            plan_year: Some(2024)
        }]
    );
    assert_eq!(s.view, View::Summary);
    assert_eq!(s.mode(), Mode::Summary);
    let figures = Figures {
        count: 3,
        ..Figures::default()
    };
    let summary = |province: &str| Summary {
        by_category: vec![(2026, Category::Machinery, figures, Some(Vnd(900)))],
        by_province: (0..30)
            .map(|i| (2026, format!("{province} {i}"), figures))
            .collect(),
        total: figures,
    };
    let got = |plan_year| {
        loaded(Loaded::Summary {
            plan_year: Some(plan_year),
            plan_years: vec![2026, 2025, 2024],
            summary: summary("Tỉnh"),
        })
    };
    assert!(update(&mut s, got(2026)).is_empty());
    // Newest already: no newer year; older ones one by one.
    assert!(update(&mut s, Action::NextPlanYear).is_empty());
    assert_eq!(
        update(&mut s, Action::PrevPlanYear),
        vec![Effect::LoadSummary {
            plan_year: Some(2025)
        }]
    );
    update(&mut s, got(2025));
    update(&mut s, Action::PrevPlanYear);
    update(&mut s, got(2024));
    assert!(update(&mut s, Action::PrevPlanYear).is_empty());
    assert_eq!(s.summary.plan_year, Some(2024));
    // Scrolling the provinces stops at the last full page (the pane holds
    // 21 lines at 80×24: 7 above the province lines, 14 of them).
    update(&mut s, Action::GoBottom);
    assert_eq!(s.summary.offset, 30 - 14);
    update(&mut s, Action::MoveUp);
    assert_eq!(s.summary.offset, 30 - 15);
    // Another appraiser's change reloads the year shown.
    update(&mut s, loaded(Loaded::Version(3)));
    assert_eq!(
        update(&mut s, loaded(Loaded::Version(4))),
        vec![
            Effect::LoadQueue,
            Effect::LoadSummary {
                plan_year: Some(2024)
            }
        ]
    );
    // Esc goes back to the queue.
    update(&mut s, Action::Cancel);
    assert_eq!(s.view, View::Queue);
}

#[test]
fn the_filter_opens_from_any_pane_and_takes_the_keys_typed_after_it() {
    let mut s = state();
    update(&mut s, Action::NextPane);
    update(&mut s, Action::NextPane);
    update(&mut s, Action::NextPane);
    assert_eq!(s.focus, Pane::Score);
    assert!(update(&mut s, Action::Filter).is_empty());
    assert_eq!(s.focus, Pane::Queue);
    assert!(matches!(
        &s.overlay,
        Some(Overlay::Input(b)) if b.purpose == InputPurpose::Filter
    ));
    // What follows is text, not `-` on a criterion.
    assert_eq!(s.mode(), Mode::Input);
}
