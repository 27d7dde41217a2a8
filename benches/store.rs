//! Hot paths of the store and its operations: import, loading the queue,
//! a batch decision with undo. Run with `cargo bench --bench store`;
//! numbers and machine in docs/BENCHMARKS.md.

use criterion::{BatchSize, Criterion, criterion_group, criterion_main};
use std::hint::black_box;
use thamdinh::domain::Decision;
use thamdinh::domain::rules::Rules;
use thamdinh::ops;
use thamdinh::store::{Actor, QueueFilter, Store};

mod dossier_gen;
use dossier_gen::generate;

fn actor() -> Actor {
    Actor {
        user: "bench".into(),
        os_user: "bench".into(),
    }
}

fn bench_import(c: &mut Criterion) {
    let rules = Rules::bundled();
    let dir = tempfile::tempdir().expect("tempdir");
    let file = dir.path().join("g.jsonl");
    generate(&file, 0, 1_000);
    let mut g = c.benchmark_group("import");
    g.sample_size(10);
    g.bench_function("1000 new dossiers (JSONL → WAL file)", |b| {
        b.iter_batched(
            || {
                let db = dir.path().join(format!("b-{}.db", std::process::id()));
                let _ = std::fs::remove_file(&db);
                let _ = std::fs::remove_file(db.with_extension("db-wal"));
                Store::open(&db).expect("open")
            },
            |mut store| {
                let s = ops::import(
                    &mut store,
                    &rules,
                    &actor(),
                    std::slice::from_ref(&file),
                    |_| {},
                )
                .expect("import");
                black_box(s)
            },
            BatchSize::PerIteration,
        )
    });
    g.finish();
}

fn bench_queue_and_decide(c: &mut Criterion) {
    let rules = Rules::bundled();
    let dir = tempfile::tempdir().expect("tempdir");
    let file = dir.path().join("g.jsonl");
    generate(&file, 0, 100_000);
    let mut store = Store::open(&dir.path().join("q.db")).expect("open");
    ops::import(&mut store, &rules, &actor(), &[file], |_| {}).expect("import");
    let mut g = c.benchmark_group("queue");
    g.sample_size(10);
    g.bench_function("load 100k rows", |b| {
        b.iter(|| black_box(store.queue(&QueueFilter::default()).expect("queue")))
    });
    g.bench_function("load one dossier view", |b| {
        let today = chrono::NaiveDate::from_ymd_opt(2023, 11, 1).expect("date");
        b.iter(|| black_box(ops::view(&store, &rules, "KC24-G-0050000", today).expect("view")))
    });
    g.finish();
    let today = chrono::NaiveDate::from_ymd_opt(2023, 11, 1).expect("date");
    let mut g = c.benchmark_group("decide");
    g.sample_size(10);
    for n in [200usize, 1000] {
        let codes: Vec<String> = (0..n).map(|i| format!("KC24-G-{:07}", i * 7)).collect();
        g.bench_function(format!("approve {n} (override) + undo, 100k db"), |b| {
            b.iter(|| {
                let out = ops::decide(
                    &mut store,
                    &rules,
                    &actor(),
                    Decision::Approve,
                    &codes,
                    None,
                    Some("bench"),
                    today,
                )
                .expect("decide");
                ops::undo(&mut store, &actor()).expect("undo");
                black_box(out)
            })
        });
    }
    g.finish();
}

criterion_group!(benches, bench_import, bench_queue_and_decide);
criterion_main!(benches);
