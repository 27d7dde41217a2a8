//! The TUI's hot paths at 100,000 dossiers: preparing what the filter
//! searches once at load, one keystroke of the filter (`search.md`: first
//! character, the worst case, and a narrowing one), and drawing one frame
//! (160×48 and 200×50); and how one keystroke grows with the queue, at 1k,
//! 10k, 100k and 1M rows.
//! The filter runs on the TUI's search thread for queues of 20,000 rows or
//! more. Numbers are in docs/BENCHMARKS.md.

use chrono::NaiveDate;
use criterion::{Criterion, criterion_group, criterion_main};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use std::hint::black_box;
use thamdinh::domain::CategoryAliases;
use thamdinh::domain::query::{Doc, Query, search};
use thamdinh::domain::{Category, Status, Vnd};
use thamdinh::tui::action::{Action, Loaded};
use thamdinh::tui::app::{State, update};
use thamdinh::tui::keymap::Keymap;
use thamdinh::tui::model::{Places, QueueItem, RowTexts};
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

fn rows(n: usize) -> Vec<QueueItem> {
    // One place book for the rows, as the backend keeps it.
    let mut places = Places::default();
    (0..n)
        .map(|i| {
            let code = format!("KC24-X{:02}-{i:06}", i % 97);
            let title = format!("Hỗ trợ ứng dụng máy móc thiết bị tiên tiến số {i}");
            let beneficiary = format!("Hợp tác xã số {i}");
            let province = PROVINCES[i % PROVINCES.len()];
            let unit = format!("Trung tâm Khuyến công tỉnh {province}");
            QueueItem {
                texts: RowTexts {
                    code: &code,
                    title: &title,
                    beneficiary: Some(&beneficiary),
                    province,
                    implementing_unit: &unit,
                    district: Some("Càng Long"),
                    commune: None,
                }
                .share(&mut places),
                team: Default::default(),
                plan_year: 2024,
                category: Category::ALL[i % 6],
                status: Status::Pending,
                submitted_on: NaiveDate::from_ymd_opt(2023, 9, 1).unwrap_or_default(),
                national: Vnd(300_000_000),
                score: None,
                revision: 1,
                version: 1,
            }
        })
        .collect()
}

fn bench(c: &mut Criterion) {
    let rows = rows(N);
    c.bench_function("prepare 100k rows for the filter", |b| {
        b.iter(|| rows.iter().map(QueueItem::doc).collect::<Vec<Doc>>())
    });
    let docs: Vec<Doc> = rows.iter().map(QueueItem::doc).collect();
    let aliases = CategoryAliases::ids_only();
    let parse = |q: &str| Query::parse(q, &aliases).unwrap_or_default();
    let unmarked = |_: usize| false;
    let first = parse("t");
    c.bench_function("filter 100k: first key", |b| {
        b.iter(|| search(black_box(&first), &docs, 0..docs.len(), &unmarked))
    });
    let prev: Vec<usize> = search(&parse("tra v"), &docs, 0..docs.len(), &unmarked)
        .iter()
        .map(|m| m.index)
        .collect();
    let narrower = parse("tra vi");
    c.bench_function("filter 100k: narrowing key", |b| {
        b.iter(|| search(black_box(&narrower), &docs, prev.iter().copied(), &unmarked))
    });
    for (w, h) in [(160u16, 48u16), (200, 50)] {
        let keymap = Keymap::bundled().unwrap_or_default();
        let mut state = State::new(&EN, keymap, "lan", (w, h));
        update(
            &mut state,
            Action::Loaded(Box::new(Loaded::Queue(rows.clone(), 1))),
        );
        let mut term = match Terminal::new(TestBackend::new(w, h)) {
            Ok(t) => t,
            Err(e) => panic!("test backend: {e}"),
        };
        c.bench_function(&format!("render one frame {w}x{h}, 100k rows"), |b| {
            b.iter(|| {
                term.draw(|f| thamdinh::tui::view::render(&state, f))
                    .map(|_| ())
            })
        });
    }
}

/// One keystroke of the filter (a two-word query typed whole: every row
/// searched) as the queue grows.
fn scaling(c: &mut Criterion) {
    let aliases = CategoryAliases::ids_only();
    let query = Query::parse("tra vinh", &aliases).unwrap_or_default();
    let unmarked = |_: usize| false;
    let mut g = c.benchmark_group("filter keystroke by queue size");
    g.sample_size(10);
    for n in [1_000usize, 10_000, 100_000, 1_000_000] {
        let docs: Vec<Doc> = rows(n).iter().map(QueueItem::doc).collect();
        g.bench_function(format!("{n} rows"), |b| {
            b.iter(|| search(black_box(&query), &docs, 0..docs.len(), &unmarked))
        });
    }
    g.finish();
}

criterion_group!(benches, bench, scaling);
criterion_main!(benches);
