use super::*;
use crate::domain::dossier::fixtures;
use crate::domain::{Decision, Dossier, Status};

mod team;

fn lan() -> Actor {
    Actor {
        user: "lan".into(),
        os_user: "lan".into(),
    }
}
fn minh() -> Actor {
    Actor {
        user: "minh".into(),
        os_user: "minh".into(),
    }
}

fn dossier(code: &str, province: &str) -> Dossier {
    let mut d = fixtures::machinery();
    d.code = code.into();
    d.province = province.into();
    d
}

fn import(store: &mut Store, ds: &[Dossier]) -> Vec<ImportOutcome> {
    let raw = serde_json::json!({"raw": true});
    let recs: Vec<IncomingRecord<'_>> = ds
        .iter()
        .map(|d| IncomingRecord {
            dossier: d,
            raw: &raw,
            source: "test.json",
        })
        .collect();
    store.import_chunk(&lan(), &recs).unwrap()
}

fn req(code: &str) -> DecisionRequest {
    DecisionRequest {
        code: code.into(),
        expected_version: None,
        overridden: false,
        override_reason: None,
    }
}

fn status(store: &Store, code: &str) -> Status {
    store.dossier(code).unwrap().unwrap().status
}

#[test]
fn schema_is_migrated_and_reopens() {
    let dir = tempfile::tempdir().unwrap();
    // The folder is the caller's to create (only the default one is).
    assert!(Store::open(&dir.path().join("sub/thamdinh.db")).is_err());
    assert!(!dir.path().join("sub").exists());
    let path = dir.path().join("thamdinh.db");
    {
        let mut s = Store::open(&path).unwrap();
        import(&mut s, &[dossier("A", "Gia Lai")]);
        assert_eq!(s.schema_version().unwrap(), schema::MIGRATIONS.len() as i64);
    }
    let s = Store::open(&path).unwrap();
    assert_eq!(s.count().unwrap(), 1);
    let mode: String = s
        .conn
        .query_row("PRAGMA journal_mode", [], |r| r.get(0))
        .unwrap();
    assert_eq!(mode, "wal");
}

#[test]
fn newer_schema_is_refused_not_downgraded() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("t.db");
    {
        let s = Store::open(&path).unwrap();
        s.conn.pragma_update(None, "user_version", 99).unwrap();
    }
    assert!(matches!(
        Store::open(&path),
        Err(StoreError::TooNew { found: 99, .. })
    ));
}

#[test]
fn reimport_is_unchanged_or_a_new_revision_never_a_duplicate() {
    let mut s = Store::open_in_memory().unwrap();
    let a = dossier("KC24-GL-007", "Gia Lai");
    assert_eq!(
        import(&mut s, std::slice::from_ref(&a)),
        vec![ImportOutcome::Imported]
    );
    assert_eq!(
        import(&mut s, std::slice::from_ref(&a)),
        vec![ImportOutcome::Unchanged]
    );
    let mut a2 = a.clone();
    a2.title = "Tiêu đề đã sửa".into();
    assert_eq!(
        import(&mut s, std::slice::from_ref(&a2)),
        vec![ImportOutcome::Updated {
            revision: 2,
            reopened: false
        }]
    );
    assert_eq!(s.count().unwrap(), 1);
    let rec = s.dossier("KC24-GL-007").unwrap().unwrap();
    assert_eq!(rec.revision, 2);
    assert_eq!(rec.dossier.title, "Tiêu đề đã sửa");
    assert_eq!(s.check().unwrap(), Vec::new());
}

#[test]
fn a_revised_returned_dossier_goes_back_to_pending_keeping_all_work() {
    let mut s = Store::open_in_memory().unwrap();
    let a = dossier("A", "Gia Lai");
    import(&mut s, std::slice::from_ref(&a));
    s.set_tick(&lan(), "A", "new_machinery", true, None)
        .unwrap();
    s.set_score(&lan(), "A", "necessity", 18, None).unwrap();
    s.add_note(&lan(), "A", "thiếu báo giá").unwrap();
    s.decide(
        &lan(),
        Decision::Return,
        Some("thiếu báo giá"),
        None,
        &[req("A")],
    )
    .unwrap();
    assert_eq!(status(&s, "A"), Status::Returned);
    let mut a2 = a;
    a2.budget.national_vnd = crate::domain::Vnd(250_000_000);
    assert_eq!(
        import(&mut s, &[a2]),
        vec![ImportOutcome::Updated {
            revision: 2,
            reopened: true
        }]
    );
    assert_eq!(status(&s, "A"), Status::Pending);
    // Work made on revision 1 is kept and says so.
    assert_eq!(s.ticks("A").unwrap()[0].revision, 1);
    assert_eq!(s.scores("A").unwrap()[0].points, 18);
    assert_eq!(s.notes("A").unwrap()[0].revision, 1);
    assert_eq!(s.history("A").unwrap().len(), 1);
}

#[test]
fn an_approved_dossier_stays_approved_on_revision() {
    let mut s = Store::open_in_memory().unwrap();
    let a = dossier("A", "Gia Lai");
    import(&mut s, std::slice::from_ref(&a));
    s.decide(&lan(), Decision::Approve, None, None, &[req("A")])
        .unwrap();
    let mut a2 = a;
    a2.title = "khác".into();
    import(&mut s, &[a2]);
    assert_eq!(status(&s, "A"), Status::Approved);
}

#[test]
fn a_batch_is_one_transaction() {
    let mut s = Store::open_in_memory().unwrap();
    import(&mut s, &[dossier("A", "Gia Lai"), dossier("B", "Trà Vinh")]);
    // An unknown code in the batch: nothing is decided.
    let err = s
        .decide(
            &lan(),
            Decision::Approve,
            None,
            None,
            &[req("A"), req("ZZ")],
        )
        .unwrap_err();
    assert!(matches!(err, StoreError::NotFound(c) if c == "ZZ"));
    assert_eq!(status(&s, "A"), Status::Pending);
    let out = s
        .decide(&lan(), Decision::Approve, None, None, &[req("A"), req("B")])
        .unwrap();
    assert_eq!(out.decided, vec!["A", "B"]);
    assert_eq!(status(&s, "B"), Status::Approved);
    // Deciding again is a no-op reported as such, with no new batch.
    let again = s
        .decide(&lan(), Decision::Approve, None, None, &[req("A")])
        .unwrap();
    assert_eq!(again.batch, None);
    assert_eq!(again.already, vec!["A"]);
}

#[test]
fn return_needs_a_reason() {
    let mut s = Store::open_in_memory().unwrap();
    import(&mut s, &[dossier("A", "Gia Lai")]);
    assert!(matches!(
        s.decide(&lan(), Decision::Return, Some("  "), None, &[req("A")]),
        Err(StoreError::Refused(_))
    ));
    assert!(matches!(
        s.decide(&lan(), Decision::Return, None, None, &[req("A")]),
        Err(StoreError::Refused(_))
    ));
}

#[test]
fn a_decision_on_a_stale_version_is_refused_never_overwritten() {
    let mut s = Store::open_in_memory().unwrap();
    import(&mut s, &[dossier("A", "Gia Lai")]);
    let seen = s.dossier("A").unwrap().unwrap().version;
    s.decide(
        &minh(),
        Decision::Return,
        Some("hồ sơ thiếu"),
        None,
        &[req("A")],
    )
    .unwrap();
    let stale = DecisionRequest {
        code: "A".into(),
        expected_version: Some(seen),
        overridden: false,
        override_reason: None,
    };
    let err = s
        .decide(&lan(), Decision::Approve, None, None, &[stale])
        .unwrap_err();
    match err {
        StoreError::Conflict { code, by, .. } => {
            assert_eq!(code, "A");
            assert_eq!(by, "minh");
        }
        other => panic!("expected a conflict, got {other:?}"),
    }
    assert_eq!(status(&s, "A"), Status::Returned);
}

#[test]
fn a_note_or_a_score_by_someone_else_leaves_a_decision_fresh() {
    let mut s = Store::open_in_memory().unwrap();
    import(&mut s, &[dossier("A", "Gia Lai")]);
    let seen = s.dossier("A").unwrap().unwrap().version;
    s.add_note(&minh(), "A", "đã gọi điện cho tỉnh").unwrap();
    s.set_score(&minh(), "A", "necessity", 15, Some(seen))
        .unwrap();
    let fresh = DecisionRequest {
        code: "A".into(),
        expected_version: Some(seen),
        overridden: false,
        override_reason: None,
    };
    s.decide(&lan(), Decision::Approve, None, None, &[fresh])
        .unwrap();
    assert_eq!(status(&s, "A"), Status::Approved);
}

#[test]
fn a_tick_or_a_decision_by_someone_else_makes_a_decision_stale() {
    let mut s = Store::open_in_memory().unwrap();
    import(&mut s, &[dossier("A", "Gia Lai"), dossier("B", "Trà Vinh")]);
    let seen_a = s.dossier("A").unwrap().unwrap().version;
    let seen_b = s.dossier("B").unwrap().unwrap().version;
    s.set_tick(&minh(), "A", "x", true, None).unwrap();
    s.decide(&minh(), Decision::Approve, None, None, &[req("B")])
        .unwrap();
    for (code, seen) in [("A", seen_a), ("B", seen_b)] {
        let stale = DecisionRequest {
            code: code.into(),
            expected_version: Some(seen),
            overridden: false,
            override_reason: None,
        };
        let err = s
            .decide(&lan(), Decision::Return, Some("thiếu"), None, &[stale])
            .unwrap_err();
        assert!(
            matches!(&err, StoreError::Conflict { by, .. } if by == "minh"),
            "{code}: {err:?}"
        );
    }
    assert_eq!(status(&s, "A"), Status::Pending);
    assert_eq!(status(&s, "B"), Status::Approved);
}

#[test]
fn undo_reverts_the_last_batch_whole_and_only_mine() {
    let mut s = Store::open_in_memory().unwrap();
    import(
        &mut s,
        &[
            dossier("A", "Gia Lai"),
            dossier("B", "Trà Vinh"),
            dossier("C", "Lào Cai"),
        ],
    );
    s.decide(&lan(), Decision::Approve, None, None, &[req("A"), req("B")])
        .unwrap();
    s.decide(
        &minh(),
        Decision::Return,
        Some("sai mẫu"),
        None,
        &[req("C")],
    )
    .unwrap();
    let out = s.undo(&lan()).unwrap();
    assert_eq!(out.action, "approve");
    assert_eq!(
        out.restored,
        vec![
            ("A".to_string(), Status::Pending),
            ("B".to_string(), Status::Pending)
        ]
    );
    assert_eq!(status(&s, "A"), Status::Pending);
    assert_eq!(status(&s, "C"), Status::Returned);
    // The undo is itself recorded; nothing was deleted.
    let log = s
        .audit(&AuditFilter {
            decisions_only: true,
            ..Default::default()
        })
        .unwrap();
    assert_eq!(log.iter().filter(|e| e.action == "approve").count(), 2);
    assert_eq!(log.iter().filter(|e| e.action == "undo").count(), 2);
    // Nothing left to undo for lan.
    assert!(matches!(s.undo(&lan()), Err(StoreError::Refused(_))));
}

#[test]
fn undo_is_refused_when_someone_decided_since() {
    let mut s = Store::open_in_memory().unwrap();
    import(&mut s, &[dossier("A", "Gia Lai")]);
    s.decide(&lan(), Decision::Approve, None, None, &[req("A")])
        .unwrap();
    s.decide(
        &minh(),
        Decision::Return,
        Some("thiếu hồ sơ"),
        None,
        &[req("A")],
    )
    .unwrap();
    let err = s.undo(&lan()).unwrap_err();
    assert!(err.to_string().contains("minh"), "{err}");
    assert_eq!(status(&s, "A"), Status::Returned);
}

#[test]
fn every_change_is_audited_and_ticks_bump_the_version() {
    let mut s = Store::open_in_memory().unwrap();
    import(&mut s, &[dossier("A", "Gia Lai")]);
    let v0 = s.dossier("A").unwrap().unwrap().version;
    assert_eq!(s.set_tick(&lan(), "A", "x", true, None).unwrap(), v0 + 1);
    s.set_score(&lan(), "A", "necessity", 15, None).unwrap();
    s.set_score(&lan(), "A", "necessity", 18, None).unwrap();
    s.add_note(&lan(), "A", "ghi chú").unwrap();
    // Scores and notes do not bear on a decision: no bump.
    assert_eq!(s.dossier("A").unwrap().unwrap().version, v0 + 1);
    let log = s
        .audit(&AuditFilter {
            code: Some("A".into()),
            ..Default::default()
        })
        .unwrap();
    let actions: Vec<&str> = log.iter().map(|e| e.action.as_str()).collect();
    assert_eq!(actions, vec!["import", "tick", "score", "score", "note"]);
    assert_eq!(log[3].detail.as_deref(), Some("necessity = 18 (was 15)"));
    assert_eq!(s.queue_row("A").unwrap().unwrap().criteria_points, Some(18));
    // A tick on a version someone else moved since is refused (my own
    // ticks in a row are not: see below).
    assert!(matches!(
        s.set_tick(&minh(), "A", "y", true, Some(v0)),
        Err(StoreError::Conflict { .. })
    ));
}

#[test]
fn the_audit_log_and_notes_cannot_be_rewritten() {
    let mut s = Store::open_in_memory().unwrap();
    import(&mut s, &[dossier("A", "Gia Lai")]);
    s.add_note(&lan(), "A", "giữ mãi").unwrap();
    assert!(s.conn.execute("UPDATE audit SET author = 'x'", []).is_err());
    assert!(s.conn.execute("DELETE FROM audit", []).is_err());
    assert!(s.conn.execute("DELETE FROM notes", []).is_err());
}

#[test]
fn queue_filters_fold_the_province_and_keep_submission_order() {
    let mut s = Store::open_in_memory().unwrap();
    let mut a = dossier("B-late", "Trà Vinh");
    a.submitted_on = chrono::NaiveDate::from_ymd_opt(2023, 10, 2).unwrap();
    let b = dossier("A-early", "Trà Vinh");
    let c = dossier("C", "Gia Lai");
    import(&mut s, &[a, b, c]);
    let rows = s
        .queue(&QueueFilter {
            province: Some("tra vinh".into()),
            ..Default::default()
        })
        .unwrap();
    let codes: Vec<&str> = rows.iter().map(|r| r.code.as_str()).collect();
    assert_eq!(codes, vec!["A-early", "B-late"]);
    let rows = s
        .queue(&QueueFilter {
            status: Some(Status::Approved),
            ..Default::default()
        })
        .unwrap();
    assert!(rows.is_empty());
}

#[test]
fn each_overridden_dossier_keeps_its_own_reason_in_one_batch() {
    let mut s = Store::open_in_memory().unwrap();
    import(
        &mut s,
        &[
            dossier("A", "Gia Lai"),
            dossier("B", "Trà Vinh"),
            dossier("C", "Huế"),
        ],
    );
    let over = |code: &str, why: Option<&str>| DecisionRequest {
        code: code.into(),
        expected_version: None,
        overridden: true,
        override_reason: why.map(str::to_string),
    };
    // An override with no reason anywhere is refused, nothing decided.
    let err = s
        .decide(
            &lan(),
            Decision::Approve,
            None,
            None,
            &[req("C"), over("A", None)],
        )
        .unwrap_err();
    assert!(err.to_string().contains("needs a reason"), "{err}");
    assert_eq!(status(&s, "C"), Status::Pending);
    let out = s
        .decide(
            &lan(),
            Decision::Approve,
            None,
            None,
            &[
                over("A", Some("Nộp muộn do bão")),
                over("B", Some("Giá thiết bị tăng")),
                req("C"),
            ],
        )
        .unwrap();
    assert_eq!(out.decided.len(), 3);
    let h = |code: &str| s.history(code).unwrap().pop().unwrap();
    assert_eq!(h("A").override_reason.as_deref(), Some("Nộp muộn do bão"));
    assert_eq!(h("B").override_reason.as_deref(), Some("Giá thiết bị tăng"));
    assert!(!h("C").overridden);
    assert_eq!(h("A").batch, h("B").batch, "one batch, undone whole");
    let log = s.audit(&AuditFilter::default()).unwrap();
    assert!(log.iter().any(|e| {
        e.detail
            .as_deref()
            .is_some_and(|d| d.ends_with("override: Giá thiết bị tăng"))
    }));
}

#[test]
fn undo_is_planned_first_and_refused_when_the_last_batch_changed() {
    let mut s = Store::open_in_memory().unwrap();
    import(&mut s, &[dossier("A", "Gia Lai"), dossier("B", "Trà Vinh")]);
    let first = s
        .decide(
            &lan(),
            Decision::Return,
            Some("Thiếu"),
            None,
            &[req("A"), req("B")],
        )
        .unwrap()
        .batch
        .unwrap();
    let plan = s.undo_plan(&lan()).unwrap();
    assert_eq!(plan.batch, first);
    assert_eq!(plan.action, "return");
    assert_eq!(plan.dossiers.len(), 2);
    assert_eq!(
        status(&s, "A"),
        Status::Returned,
        "planning changes nothing"
    );
    // Another decision of mine since: the confirmed plan is stale.
    let second = s
        .decide(&lan(), Decision::Approve, None, Some("Đủ"), &[req("A")])
        .unwrap()
        .batch
        .unwrap();
    let err = s.undo_expecting(&lan(), Some(first)).unwrap_err();
    assert!(err.to_string().contains("no longer batch"), "{err}");
    assert_eq!(
        s.undo_expecting(&lan(), Some(second)).unwrap().undone_batch,
        second
    );
}

#[test]
fn a_cleared_score_is_unscored_again_and_audited_in_its_transaction() {
    let mut s = Store::open_in_memory().unwrap();
    import(&mut s, &[dossier("A", "Gia Lai")]);
    let v0 = s.dossier("A").unwrap().unwrap().version;
    s.set_score(&lan(), "A", "necessity", 18, None).unwrap();
    s.set_score(&lan(), "A", "technology", 10, None).unwrap();
    assert_eq!(s.queue_row("A").unwrap().unwrap().criteria_points, Some(28));
    // Clearing one criterion leaves the other's points as the sum.
    assert_eq!(
        s.clear_score(&lan(), "A", "necessity", Some(v0)).unwrap(),
        v0
    );
    let left: Vec<String> = s
        .scores("A")
        .unwrap()
        .into_iter()
        .map(|r| r.criterion)
        .collect();
    assert_eq!(left, vec!["technology"]);
    assert_eq!(s.queue_row("A").unwrap().unwrap().criteria_points, Some(10));
    // Each appraiser's points are their own: minh clearing technology
    // leaves lan's alone (nothing to clear of his, nothing written).
    s.clear_score(&minh(), "A", "technology", None).unwrap();
    assert_eq!(s.queue_row("A").unwrap().unwrap().criteria_points, Some(10));
    // Clearing the last one: no points at all (NULL), not 0.
    s.clear_score(&lan(), "A", "technology", None).unwrap();
    assert!(s.scores("A").unwrap().is_empty());
    assert_eq!(s.queue_row("A").unwrap().unwrap().criteria_points, None);
    // Already unscored: nothing written.
    s.clear_score(&lan(), "A", "technology", None).unwrap();
    let log = s
        .audit(&AuditFilter {
            code: Some("A".into()),
            ..Default::default()
        })
        .unwrap();
    let entries: Vec<(&str, &str, Option<&str>)> = log
        .iter()
        .map(|e| (e.action.as_str(), e.author.as_str(), e.detail.as_deref()))
        .collect();
    assert_eq!(
        entries[3..],
        [
            ("unscore", "lan", Some("necessity (was 18)")),
            ("unscore", "lan", Some("technology (was 10)")),
        ]
    );
    // A clear on a version someone else changed since is refused.
    s.set_score(&lan(), "A", "necessity", 5, None).unwrap();
    s.set_tick(&minh(), "A", "x", true, None).unwrap();
    assert!(matches!(
        s.clear_score(&lan(), "A", "necessity", Some(v0)),
        Err(StoreError::Conflict { .. })
    ));
    assert_eq!(s.scores("A").unwrap().len(), 1);
}

#[test]
fn an_allocation_is_stored_with_its_audit_entry_in_the_same_transaction() {
    use crate::domain::{Category, Vnd};
    let mut s = Store::open_in_memory().unwrap();
    assert!(s.allocations().unwrap().is_empty());
    s.set_allocation(&lan(), Category::Machinery, 2024, Vnd(1_500_000_000))
        .unwrap();
    s.set_allocation(&minh(), Category::Machinery, 2024, Vnd(2_000_000_000))
        .unwrap();
    s.set_allocation(&lan(), Category::Training, 2025, Vnd(0))
        .unwrap();
    let all = s.allocations().unwrap();
    assert_eq!(all.len(), 2);
    let m = &all[&(Category::Machinery, 2024)];
    assert_eq!((m.vnd, m.author.as_str()), (Vnd(2_000_000_000), "minh"));
    assert_eq!(all[&(Category::Training, 2025)].vnd, Vnd(0));
    let log = s.audit(&AuditFilter::default()).unwrap();
    let entries: Vec<(&str, &str, Option<&str>)> = log
        .iter()
        .map(|e| (e.action.as_str(), e.author.as_str(), e.detail.as_deref()))
        .collect();
    assert_eq!(
        entries,
        vec![
            ("allocation", "lan", Some("machinery 2024: 1.500.000.000")),
            (
                "allocation",
                "minh",
                Some("machinery 2024: 2.000.000.000 (was 1.500.000.000)")
            ),
            ("allocation", "lan", Some("training 2025: 0")),
        ]
    );
    // A negative figure is refused, and nothing is written.
    assert!(matches!(
        s.set_allocation(&lan(), Category::Machinery, 2024, Vnd(-1)),
        Err(StoreError::Refused(_))
    ));
    assert_eq!(s.audit(&AuditFilter::default()).unwrap().len(), 3);
}

#[test]
fn an_allocation_whose_audit_entry_fails_is_not_stored() {
    use crate::domain::{Category, Vnd};
    let mut s = Store::open_in_memory().unwrap();
    // Make the audit insert fail inside the transaction: the allocation
    // written just before it must be rolled back with it.
    s.conn
        .execute_batch(
            "CREATE TRIGGER no_allocation_audit BEFORE INSERT ON audit
             WHEN NEW.action = 'allocation'
             BEGIN SELECT RAISE(ABORT, 'audit refused'); END;",
        )
        .unwrap();
    assert!(
        s.set_allocation(&lan(), Category::Machinery, 2024, Vnd(1_000_000))
            .is_err()
    );
    assert!(s.allocations().unwrap().is_empty());
}

#[test]
fn current_decisions_name_the_decision_behind_each_status() {
    let mut s = Store::open_in_memory().unwrap();
    import(
        &mut s,
        &[
            dossier("A", "Gia Lai"),
            dossier("B", "Trà Vinh"),
            dossier("C", "Lào Cai"),
        ],
    );
    s.decide(
        &minh(),
        Decision::Return,
        Some("thiếu báo giá"),
        None,
        &[req("A")],
    )
    .unwrap();
    let mut over = req("B");
    over.overridden = true;
    over.override_reason = Some("Bộ đồng ý".into());
    s.decide(&lan(), Decision::Approve, None, None, &[over])
        .unwrap();
    // A returned, then approved by lan, and the approval undone: A is
    // returned again, by minh's decision and reason.
    s.decide(&lan(), Decision::Approve, None, None, &[req("A")])
        .unwrap();
    s.undo(&lan()).unwrap();
    let d = s.current_decisions().unwrap();
    assert_eq!(status(&s, "A"), Status::Returned);
    let a = &d["A"];
    assert_eq!((a.action.as_str(), a.author.as_str()), ("return", "minh"));
    assert_eq!(a.reason.as_deref(), Some("thiếu báo giá"));
    let b = &d["B"];
    assert!(b.overridden);
    assert_eq!(b.override_reason.as_deref(), Some("Bộ đồng ý"));
    assert!(!d.contains_key("C"), "never decided");
    // Undoing the override leaves B pending: no decision behind it.
    s.undo(&lan()).unwrap();
    assert!(!s.current_decisions().unwrap().contains_key("B"));
}

#[test]
fn my_own_ticks_in_a_row_are_no_conflict_but_anothers_change_is() {
    let mut s = Store::open_in_memory().unwrap();
    import(&mut s, &[dossier("A", "Gia Lai")]);
    let v0 = s.dossier("A").unwrap().unwrap().version;
    // Ticks typed faster than the screen reloads: each sent with the
    // version first loaded.
    s.set_tick(&lan(), "A", "x", true, Some(v0)).unwrap();
    s.set_tick(&lan(), "A", "y", true, Some(v0)).unwrap();
    // A note of someone else does not move the version, and does not
    // make my next tick look like a conflict either.
    s.add_note(&minh(), "A", "xem lại báo giá").unwrap();
    s.set_tick(&lan(), "A", "z", true, Some(v0)).unwrap();
    assert_eq!(s.ticks("A").unwrap().len(), 3);
    // Another appraiser's tick since: refused, naming them.
    s.set_tick(&minh(), "A", "w", true, None).unwrap();
    let err = s.set_tick(&lan(), "A", "x", false, Some(v0)).unwrap_err();
    assert!(
        matches!(&err, StoreError::Conflict { by, .. } if by == "minh"),
        "{err}"
    );
}
