//! The bulk reading of checklists that long listings use
//! (`ops::checklists`: one pass over the database, evaluated on both cores)
//! gives, dossier for dossier, the checklist that `show` evaluates one at a
//! time: ticks, overrides and duplicate support across provinces and years
//! included.

mod common;
use common::*;
use thamdinh::domain::rules::Rules;
use thamdinh::ops;
use thamdinh::store::{QueueFilter, Store};

#[test]
fn bulk_checklists_equal_the_checklists_of_one_dossier_at_a_time() {
    let db = Db::new();
    db.import_sample();
    assert_eq!(db.run(&["tick", "KC24-GL-007", "new_advanced"]).code, 0);
    assert_eq!(
        db.run(&[
            "return",
            "KC26-QB-003",
            "--reason",
            "Trùng đối tượng hỗ trợ"
        ])
        .code,
        0
    );
    let rules = Rules::bundled();
    let store = Store::open(&db.path).expect("open");
    let rows = store.queue(&QueueFilter::default()).expect("queue");
    assert!(rows.len() > 50);
    for as_of in ["2023-10-01", "2026-12-01"] {
        let as_of = chrono::NaiveDate::parse_from_str(as_of, "%Y-%m-%d").expect("date");
        let bulk = ops::checklists(&store, &rules, as_of, |_| true, |cl| cl).expect("bulk");
        assert_eq!(bulk.len(), rows.len());
        for r in &rows {
            let rec = store.dossier(&r.code).expect("read").expect("there");
            let one = ops::checklist(&store, &rules, &rec, as_of).expect("checklist");
            assert_eq!(bulk.get(&r.code), Some(&one), "{} as of {as_of}", r.code);
        }
        let counts: std::collections::BTreeSet<usize> =
            bulk.values().map(|c| c.failing()).collect();
        assert!(counts.len() > 2, "failing counts {counts:?}");
    }
    // Only what is wanted is read.
    let some = ops::checklists(
        &store,
        &rules,
        chrono::NaiveDate::from_ymd_opt(2026, 12, 1).expect("date"),
        |c| c.starts_with("KC26"),
        |cl| cl.ok(),
    )
    .expect("bulk");
    assert!(!some.is_empty() && some.keys().all(|c| c.starts_with("KC26")));
}
