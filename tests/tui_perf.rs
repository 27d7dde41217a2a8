//! 100,000 dossiers: the queue must stay instant. The filter runs over keys
//! folded once at load; a frame builds only the rows that fit. Timings are
//! printed (`--nocapture`); the bounds are generous (debug build, shared
//! machine) and only catch a per-row cost sneaking into a frame.

use chrono::NaiveDate;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use std::time::{Duration, Instant};
use thamdinh::domain::{Category, Status, Vnd};
use thamdinh::tui::action::{Action, Loaded};
use thamdinh::tui::app::{Effect, State, update};
use thamdinh::tui::keymap::Keymap;
use thamdinh::tui::model::QueueItem;
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
        .map(|i| QueueItem {
            code: format!("KC24-X{:02}-{i:06}", i % 97),
            plan_year: 2024,
            province: PROVINCES[i % PROVINCES.len()].to_string(),
            category: Category::ALL[i % 6],
            title: format!("{} số {i}", TITLES[i % TITLES.len()]),
            beneficiary: Some(format!("Hợp tác xã số {i}")),
            status: Status::Pending,
            submitted_on: NaiveDate::from_ymd_opt(2023, 9, 1).unwrap_or_default(),
            national: Vnd(300_000_000 + i as i64),
            score: None,
            revision: 1,
            version: 1,
        })
        .collect()
}

fn timed<T>(what: &str, f: impl FnOnce() -> T) -> (T, Duration) {
    let t = Instant::now();
    let out = f();
    let d = t.elapsed();
    eprintln!("{what}: {d:?}");
    (out, d)
}

#[test]
fn a_hundred_thousand_rows_stay_responsive() {
    let keymap = Keymap::bundled().expect("bundled keymap");
    let mut s = State::new(&EN, keymap, "lan", (160, 48));
    let (many, _) = timed("make 100,000 rows", || rows(100_000));
    let (_, _) = timed("fold 100,000 keys", || {
        many.iter().map(|r| r.folded()).collect::<Vec<_>>().len()
    });
    let (_, load) = timed("load + fold 100,000 rows", || {
        update(&mut s, Action::Loaded(Box::new(Loaded::Queue(many, 1))))
    });
    assert_eq!(s.queue.visible.len(), 100_000);
    // A reload (after a decision) keeps the folded keys of unchanged rows.
    let again = rows(100_000);
    let (_, reload) = timed("reload of unchanged rows", || {
        update(&mut s, Action::Loaded(Box::new(Loaded::Queue(again, 2))))
    });

    let mut t = Terminal::new(TestBackend::new(160, 48)).expect("terminal");
    let (_, frame) = timed("one frame", || {
        t.draw(|f| thamdinh::tui::view::render(&s, f))
            .expect("draw")
    });
    update(&mut s, Action::GoBottom);
    let (_, frame_bottom) = timed("one frame at the bottom", || {
        t.draw(|f| thamdinh::tui::view::render(&s, f))
            .expect("draw")
    });
    let shown = format!("{}", t.backend());
    assert!(shown.contains("KC24-X89-099999"), "{shown}");

    update(&mut s, Action::Filter);
    let mut per_key = Duration::ZERO;
    let mut per_search = Duration::ZERO;
    for c in "4242 tra vinh".chars() {
        // The keystroke itself: the search is handed to the search thread.
        let (fx, d) = timed("keystroke", || {
            update(&mut s, Action::Insert(c.to_string()))
        });
        per_key = per_key.max(d);
        let Some(Effect::Search(r)) = fx.into_iter().find(|e| matches!(e, Effect::Search(_)))
        else {
            panic!("a 100,000-row queue is searched off the event loop");
        };
        let (matches, d) = timed("  search (search thread)", || r.run());
        per_search = per_search.max(d);
        update(
            &mut s,
            Action::Loaded(Box::new(Loaded::Searched {
                generation: r.generation,
                query: r.query.clone(),
                matches,
            })),
        );
    }
    // The best match is the row numbered 4242 in Trà Vinh.
    let first = s
        .queue
        .current()
        .map(|r| r.code.clone())
        .unwrap_or_default();
    assert!(first.contains("4242"), "best match {first}");
    let (_, frame_filtered) = timed("one frame with highlights", || {
        t.draw(|f| thamdinh::tui::view::render(&s, f))
            .expect("draw")
    });

    // Generous bounds for an unoptimised build on a busy machine.
    assert!(frame < Duration::from_millis(250), "frame {frame:?}");
    assert!(
        frame_bottom < Duration::from_millis(250),
        "frame {frame_bottom:?}"
    );
    assert!(
        frame_filtered < Duration::from_millis(250),
        "frame {frame_filtered:?}"
    );
    assert!(
        per_key < Duration::from_millis(100),
        "keystroke {per_key:?}"
    );
    assert!(per_search < Duration::from_secs(5), "search {per_search:?}");
    assert!(load < Duration::from_secs(10), "load {load:?}");
    assert!(
        reload < load,
        "reload {reload:?} not cheaper than load {load:?}"
    );
}
