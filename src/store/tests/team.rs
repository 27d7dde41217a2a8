//! The team's store: council scores, assignment, presence, undo refusals.

use super::*;
use crate::domain::council::{Council, CouncilRule};
use crate::domain::refusal::Refusal;

fn who(name: &str) -> Actor {
    Actor {
        user: name.into(),
        os_user: "os".into(),
    }
}

fn store_with(codes: &[&str]) -> Store {
    let mut s = Store::open_in_memory().unwrap();
    let ds: Vec<Dossier> = codes.iter().map(|c| dossier(c, "Gia Lai")).collect();
    import(&mut s, &ds);
    s
}

fn rule(rule: CouncilRule) -> Council {
    Council {
        rule,
        dispute_above: 10,
    }
}

/// The audit entries with this action.
fn logged(s: &Store, action: &str) -> Vec<AuditEntry> {
    s.audit(&AuditFilter::default())
        .unwrap()
        .into_iter()
        .filter(|e| e.action == action)
        .collect()
}

fn row(s: &Store, code: &str) -> QueueRow {
    s.queue_row(code).unwrap().unwrap()
}

#[test]
fn each_appraisers_points_are_kept_apart_and_the_council_score_follows_the_rule() {
    let mut s = store_with(&["A"]);
    s.set_score(&who("lan"), "A", "necessity", 18, None)
        .unwrap();
    s.set_score(&who("lan"), "A", "technology", 12, None)
        .unwrap();
    // One appraiser: their sum, no spread, as before councils.
    let r = row(&s, "A");
    assert_eq!(
        (r.criteria_points, r.score_spread, r.appraisers),
        (Some(30), None, 1)
    );
    s.set_score(&who("minh"), "A", "necessity", 10, None)
        .unwrap();
    s.set_score(&who("hoa"), "A", "necessity", 5, None).unwrap();
    // lan 30, minh 10, hoa 5: mean 15, spread 25.
    let r = row(&s, "A");
    assert_eq!(
        (r.criteria_points, r.score_spread, r.appraisers),
        (Some(15), Some(25), 3)
    );
    let scores = s.scores("A").unwrap();
    let lan: Vec<u32> = scores
        .iter()
        .filter(|x| x.author == "lan")
        .map(|x| x.points)
        .collect();
    assert_eq!(
        lan,
        vec![18, 12],
        "minh's and hoa's points did not replace lan's"
    );
    // Another rule: every scored dossier is rescored, with one audit entry.
    s.use_council(&who("tuan"), rule(CouncilRule::Median))
        .unwrap();
    assert_eq!(row(&s, "A").criteria_points, Some(10));
    let council = logged(&s, "council");
    assert_eq!(council.len(), 1);
    assert_eq!(
        council[0].detail.as_deref(),
        Some("council rule none → median; 1 dossiers rescored")
    );
    // The same rule again: nothing written.
    s.use_council(&who("tuan"), rule(CouncilRule::Median))
        .unwrap();
    assert_eq!(logged(&s, "council").len(), 1);
    // The lead's rule: the assignee's total once assigned.
    s.use_council(&who("tuan"), rule(CouncilRule::Lead))
        .unwrap();
    assert_eq!(
        row(&s, "A").criteria_points,
        Some(15),
        "no lead yet: the mean"
    );
    s.assign(&who("tuan"), &["A".into()], Some("lan")).unwrap();
    assert_eq!(row(&s, "A").criteria_points, Some(30));
}

#[test]
fn assignment_is_all_or_none_and_audited() {
    let mut s = store_with(&["A", "B"]);
    let out = s
        .assign(&who("tuan"), &["A".into(), "B".into()], Some("lan"))
        .unwrap();
    assert_eq!(out.changed, vec!["A", "B"]);
    assert_eq!(row(&s, "A").assignee.as_deref(), Some("lan"));
    // An unknown code: nothing changes.
    assert!(matches!(
        s.assign(&who("tuan"), &["A".into(), "ZZ".into()], Some("minh")),
        Err(StoreError::NotFound(_))
    ));
    assert_eq!(row(&s, "A").assignee.as_deref(), Some("lan"));
    let again = s.assign(&who("tuan"), &["A".into()], Some("lan")).unwrap();
    assert_eq!((again.changed.len(), again.already.len()), (0, 1));
    s.assign(&who("tuan"), &["A".into()], None).unwrap();
    assert_eq!(row(&s, "A").assignee, None);
    assert_eq!(s.assigned_count("lan").unwrap(), 1);
    let log: Vec<(String, Option<String>)> = s
        .audit(&AuditFilter {
            code: Some("A".into()),
            ..Default::default()
        })
        .unwrap()
        .into_iter()
        .filter(|e| e.action.contains("assign"))
        .map(|e| (e.action, e.detail))
        .collect();
    assert_eq!(
        log,
        vec![
            ("assign".to_string(), Some("to lan".to_string())),
            (
                "unassign".to_string(),
                Some("unassigned (was lan)".to_string())
            ),
        ]
    );
}

#[test]
fn undo_is_refused_naming_who_ticked_or_scored_since() {
    let mut s = store_with(&["A", "B"]);
    s.decide(&who("lan"), Decision::Approve, None, None, &[req("A")])
        .unwrap();
    // lan's own work after her decision does not block her undo.
    s.set_score(&who("lan"), "A", "necessity", 10, None)
        .unwrap();
    s.set_score(&who("minh"), "A", "necessity", 18, None)
        .unwrap();
    match s.undo(&who("lan")) {
        Err(StoreError::Refused(Refusal::WorkedOnSince {
            code,
            by,
            action,
            what,
            ..
        })) => {
            assert_eq!(
                (code.as_str(), by.as_str(), action.as_str()),
                ("A", "minh", "score")
            );
            assert_eq!(what, "necessity = 18");
        }
        other => panic!("expected a refusal, got {other:?}"),
    }
    let msg = StoreError::Refused(Refusal::WorkedOnSince {
        code: "A".into(),
        by: "minh".into(),
        action: "tick".into(),
        what: "quotations_match".into(),
        at: "2023-10-02T09:15:00+07:00".into(),
    });
    assert!(
        msg.to_string()
            .starts_with("cannot undo: minh ticked quotations_match on A at ")
    );
    assert!(
        msg.message(crate::domain::Lang::Vi)
            .starts_with("không hoàn tác được: minh đã tích quotations_match của A lúc ")
    );
    // Work done before the decision does not block: B was ticked by minh,
    // then decided by lan; her undo goes through, as a new audit entry.
    s.set_tick(&who("minh"), "B", "x", true, None).unwrap();
    s.decide(
        &who("lan"),
        Decision::Return,
        Some("thiếu"),
        None,
        &[req("B")],
    )
    .unwrap();
    let before = s.audit(&AuditFilter::default()).unwrap().len();
    let out = s.undo(&who("lan")).unwrap();
    assert_eq!(out.restored.len(), 1);
    assert_eq!(s.audit(&AuditFilter::default()).unwrap().len(), before + 1);
}

#[test]
fn presence_expires_by_itself() {
    let mut s = store_with(&["A"]);
    s.heartbeat("s1", "lan", Some(("A", Some("score"))), 60)
        .unwrap();
    s.heartbeat("s2", "minh", Some(("A", None)), -1).unwrap();
    let now: Vec<(String, Option<String>)> = s
        .presence()
        .unwrap()
        .into_iter()
        .map(|p| (p.appraiser, p.pane))
        .collect();
    assert_eq!(
        now,
        vec![("lan".to_string(), Some("score".to_string()))],
        "minh's row has expired"
    );
    s.heartbeat("s1", "lan", None, 60).unwrap();
    assert!(s.presence().unwrap().is_empty());
    // Heartbeats are not audited: they record nothing anyone did.
    assert!(
        s.audit(&AuditFilter::default())
            .unwrap()
            .iter()
            .all(|e| e.action == "import")
    );
}

#[test]
fn a_database_of_schema_4_keeps_its_scores_as_their_authors() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("old.db");
    {
        let mut s = Store::open(&path).unwrap();
        import(&mut s, &[dossier("A", "Gia Lai")]);
    }
    {
        // Make it a schema-4 file with one appraiser's scores in `scores`.
        let c = rusqlite::Connection::open(&path).unwrap();
        c.execute_batch(
            "DROP TABLE beneficiary_keys;
             DROP TABLE appraisals; DROP TABLE settings; DROP TABLE presence;
             DROP INDEX dossiers_assignee;
             ALTER TABLE dossiers DROP COLUMN score_spread;
             ALTER TABLE dossiers DROP COLUMN appraisers;
             ALTER TABLE dossiers DROP COLUMN assignee;
             INSERT INTO scores VALUES (1, 'necessity', 18, 'lan', 'os', '2023-10-02T09:15:00+07:00', 1);
             INSERT INTO scores VALUES (1, 'technology', 12, 'lan', 'os', '2023-10-02T09:15:00+07:00', 1);
             UPDATE dossiers SET score_points = 30;
             PRAGMA user_version = 4;",
        )
        .unwrap();
    }
    let mut s = Store::open(&path).unwrap();
    assert_eq!(s.schema_version().unwrap(), schema::MIGRATIONS.len() as i64);
    let r = row(&s, "A");
    assert_eq!(
        (r.criteria_points, r.appraisers, r.score_spread),
        (Some(30), 1, None)
    );
    assert!(s.scores("A").unwrap().iter().all(|x| x.author == "lan"));
    s.use_council(&who("lan"), Council::default()).unwrap();
    assert_eq!(row(&s, "A").criteria_points, Some(30));
    // lan goes on scoring her own card.
    s.set_score(&who("lan"), "A", "necessity", 15, None)
        .unwrap();
    assert_eq!(row(&s, "A").criteria_points, Some(27));
}
