//! 100,000 dossiers: the queue shows, scrolls, filters and ranks matches
//! correctly at that scale, and a big queue is searched off the event loop.
//! How fast is measured in `benches/tui.rs` (docs/BENCHMARKS.md), not here.

use chrono::NaiveDate;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use thamdinh::domain::{Category, Status, Vnd};
use thamdinh::tui::action::{Action, Loaded};
use thamdinh::tui::app::{Effect, State, update};
use thamdinh::tui::keymap::Keymap;
use thamdinh::tui::model::{QueueItem, RowTexts};
use thamdinh::tui::strings::EN;

const PROVINCES: [&str; 8] = [
    "Trà Vinh",
    "Gia Lai",
    "Đắk Nông",
    "Lào Cai",
    "Hà Giang",
    "Nghệ An",
    "Thái Bình",
    "Bến Tre",
];
const TITLES: [&str; 4] = [
    "Hỗ trợ ứng dụng máy móc thiết bị tiên tiến trong sản xuất",
    "Xây dựng mô hình trình diễn kỹ thuật chế biến",
    "Đào tạo nghề đan lục bình cho lao động nông thôn",
    "Tư vấn thiết kế bao bì, nhãn mác sản phẩm",
];

fn rows(n: usize) -> Vec<QueueItem> {
    (0..n)
        .map(|i| {
            let code = format!("KC24-X{:02}-{i:06}", i % 97);
            let title = format!("{} số {i}", TITLES[i % TITLES.len()]);
            let beneficiary = format!("Hợp tác xã số {i}");
            QueueItem {
                texts: RowTexts {
                    code: &code,
                    title: &title,
                    beneficiary: Some(&beneficiary),
                    province: PROVINCES[i % PROVINCES.len()],
                    implementing_unit: "Trung tâm Khuyến công",
                    ..RowTexts::default()
                }
                .share(&mut Default::default()),
                team: Default::default(),
                plan_year: 2024,
                category: Category::ALL[i % 6],
                status: Status::Pending,
                submitted_on: NaiveDate::from_ymd_opt(2023, 9, 1).unwrap_or_default(),
                national: Vnd(300_000_000 + i as i64),
                score: None,
                revision: 1,
                version: 1,
            }
        })
        .collect()
}

#[test]
fn a_hundred_thousand_rows_show_scroll_and_filter() {
    let keymap = Keymap::bundled().expect("bundled keymap");
    let mut s = State::new(&EN, keymap, "lan", (160, 48));
    update(
        &mut s,
        Action::Loaded(Box::new(Loaded::Queue(rows(100_000), 1))),
    );
    assert_eq!(s.queue.visible.len(), 100_000);
    // A reload (after a decision) keeps every row.
    update(
        &mut s,
        Action::Loaded(Box::new(Loaded::Queue(rows(100_000), 2))),
    );
    assert_eq!(s.queue.visible.len(), 100_000);

    let mut t = Terminal::new(TestBackend::new(160, 48)).expect("terminal");
    t.draw(|f| thamdinh::tui::view::render(&s, f))
        .expect("draw");
    assert!(format!("{}", t.backend()).contains("KC24-X00-000000"));
    update(&mut s, Action::GoBottom);
    t.draw(|f| thamdinh::tui::view::render(&s, f))
        .expect("draw");
    let shown = format!("{}", t.backend());
    assert!(shown.contains("KC24-X89-099999"), "{shown}");

    update(&mut s, Action::Filter);
    for c in "4242 tra vinh".chars() {
        let fx = update(&mut s, Action::Insert(c.to_string()));
        // A space adds nothing to search for yet.
        let Some(Effect::Search(r)) = fx.into_iter().find(|e| matches!(e, Effect::Search(_)))
        else {
            assert_eq!(c, ' ', "a 100,000-row queue is searched off the event loop");
            continue;
        };
        let (matches, fuzzy) = r.run();
        update(
            &mut s,
            Action::Loaded(Box::new(Loaded::Searched {
                generation: r.generation,
                query: r.query.clone(),
                matches,
                fuzzy,
            })),
        );
    }
    // The best match is the row numbered 4242 in Trà Vinh.
    let first = s
        .queue
        .current()
        .map(|r| r.code().to_string())
        .unwrap_or_default();
    assert!(first.contains("4242"), "best match {first}");
    t.draw(|f| thamdinh::tui::view::render(&s, f))
        .expect("draw");
    assert!(format!("{}", t.backend()).contains(&first));
}
