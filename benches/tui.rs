//! The TUI's hot paths at 100,000 dossiers: folding the search keys once at
//! load, one keystroke of the fuzzy filter (first character, the worst
//! case, and a narrowing one), and drawing one frame.
//!
//! `cargo bench --bench tui -- --quick` on the shared 2-core build machine
//! (28/11/2026): fold 184 ms; filter, first key 226 ms; narrowing key 67 ms;
//! one 160×48 frame 0.72 ms. The filter runs on the TUI's search thread for
//! queues of 20,000 rows or more, so a keystroke itself costs ~0.1 ms.

use chrono::NaiveDate;
use criterion::{Criterion, criterion_group, criterion_main};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use std::hint::black_box;
use thamdinh::domain::search::{Folded, filter_folded, filter_folded_among};
use thamdinh::domain::{Category, Status, Vnd};
use thamdinh::tui::action::{Action, Loaded};
use thamdinh::tui::app::{State, update};
use thamdinh::tui::keymap::Keymap;
use thamdinh::tui::model::QueueItem;
use thamdinh::tui::strings::EN;

const N: usize = 100_000;
const PROVINCES: [&str; 6] = [
    "Trà Vinh",
    "Gia Lai",
    "Đắk Nông",
    "Lào Cai",
    "Hà Giang",
    "Nghệ An",
];

fn rows() -> Vec<QueueItem> {
    (0..N)
        .map(|i| QueueItem {
            code: format!("KC24-X{:02}-{i:06}", i % 97),
            plan_year: 2024,
            province: PROVINCES[i % PROVINCES.len()].to_string(),
            category: Category::ALL[i % 6],
            title: format!("Hỗ trợ ứng dụng máy móc thiết bị tiên tiến số {i}"),
            beneficiary: Some(format!("Hợp tác xã số {i}")),
            status: Status::Pending,
            submitted_on: NaiveDate::from_ymd_opt(2023, 9, 1).unwrap_or_default(),
            national: Vnd(300_000_000),
            score: None,
            revision: 1,
            version: 1,
        })
        .collect()
}

fn bench(c: &mut Criterion) {
    let rows = rows();
    let texts: Vec<String> = rows.iter().map(QueueItem::search_text).collect();
    c.bench_function("fold 100k search keys", |b| {
        b.iter(|| texts.iter().map(|t| Folded::new(t)).collect::<Vec<_>>())
    });
    let keys: Vec<Folded> = texts.iter().map(|t| Folded::new(t)).collect();
    c.bench_function("filter 100k: first key", |b| {
        b.iter(|| filter_folded(black_box("t"), &keys))
    });
    let prev: Vec<usize> = filter_folded("tra v", &keys)
        .iter()
        .map(|m| m.index)
        .collect();
    c.bench_function("filter 100k: narrowing key", |b| {
        b.iter(|| filter_folded_among(black_box("tra vi"), &keys, prev.iter().copied()))
    });
    let keymap = Keymap::bundled().unwrap_or_default();
    let mut state = State::new(&EN, keymap, "lan", (160, 48));
    update(&mut state, Action::Loaded(Box::new(Loaded::Queue(rows, 1))));
    let mut term = match Terminal::new(TestBackend::new(160, 48)) {
        Ok(t) => t,
        Err(e) => panic!("test backend: {e}"),
    };
    c.bench_function("render one frame, 100k rows", |b| {
        b.iter(|| {
            term.draw(|f| thamdinh::tui::view::render(&state, f))
                .map(|_| ())
        })
    });
}

criterion_group!(benches, bench);
criterion_main!(benches);
