//! Tests of the checklist engine: every rule, pass, fail and unknown.

use super::auto::share_bp;
use super::*;
use crate::domain::dossier::{CertLevel, DocKind, ProjectType};
use crate::domain::money::Vnd;

/// The share as the English evidence writes it.
fn percent(part: Vnd, whole: Vnd, up: bool) -> String {
    Lang::En.percent_bp(share_bp(part, whole, up))
}
use crate::domain::dossier::fixtures;
use crate::domain::dossier::{Certificate, Cluster, Document, PollutionSubtype, PriorityArea};

fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).expect("valid test date")
}

fn rules() -> Rules {
    Rules::bundled()
}

const AS_OF: (i32, u32, u32) = (2023, 10, 15);

fn as_of() -> NaiveDate {
    day(AS_OF.0, AS_OF.1, AS_OF.2)
}

fn eval(d: &Dossier) -> Checklist {
    evaluate(&rules(), d, &[], 1, as_of())
}

fn item(d: &Dossier, id: &str) -> ItemResult {
    eval(d)
        .item(id)
        .cloned()
        .unwrap_or_else(|| panic!("{id} missing from the checklist"))
}

fn state(d: &Dossier, id: &str) -> (ItemState, String) {
    let i = item(d, id);
    (i.state, i.detail)
}

fn absent(d: &Dossier, id: &str) -> bool {
    eval(d).item(id).is_none()
}

fn money(d: &mut Dossier, total: i64, national: i64) {
    d.budget.total_vnd = Some(Vnd(total));
    d.budget.national_vnd = Vnd(national);
    d.budget.local_vnd = Some(Vnd(0));
    d.budget.counterpart_vnd = Some(Vnd(total - national));
}

fn pollution(subtype: PollutionSubtype) -> Dossier {
    let mut d = fixtures::machinery();
    d.code = "KC24-TN-003".into();
    d.category = Category::PollutionTreatment;
    d.title = "Nâng cấp hệ thống xử lý nước thải tập trung CCN Điềm Thụy".into();
    d.details = Default::default();
    d.details.subtype = Some(subtype);
    d.details.cluster = Some(Cluster {
        name: Some("CCN Điềm Thụy".into()),
        legal_complete: Some(true),
        investor: Some("Công ty CP Hạ tầng Điềm Thụy".into()),
        expected_completion: Some(day(2024, 11, 30)),
    });
    d.documents.retain(|x| x.kind != DocKind::Quotation);
    d.documents.push(Document::of_kind(DocKind::ClusterLegal));
    money(&mut d, 5_000_000_000, 1_500_000_000);
    d
}

fn cluster(d: &mut Dossier) -> &mut Cluster {
    d.details.cluster.get_or_insert_default()
}

fn typical(level: Option<CertLevel>, valid_until: Option<NaiveDate>) -> Dossier {
    let mut d = fixtures::machinery();
    d.code = "KC24-BN-011".into();
    d.category = Category::TypicalProduct;
    d.title = "Xây dựng thương hiệu gốm Phù Lãng".into();
    d.details = Default::default();
    d.documents.retain(|x| x.kind != DocKind::Quotation);
    let mut cert = Document::of_kind(DocKind::ProductCertificate);
    cert.level = level;
    cert.valid_until = valid_until;
    d.documents.push(cert);
    d.documents.push(Document::of_kind(DocKind::ProductPhotos));
    money(&mut d, 70_000_000, 35_000_000);
    d
}

#[test]
fn fixture_passes_every_automatic_item() {
    let c = eval(&fixtures::machinery());
    for i in c.items.iter().filter(|i| i.kind == ItemKind::Auto) {
        assert_eq!(i.state, ItemState::Pass, "{}: {}", i.id, i.detail);
    }
    let ids: Vec<&str> = c
        .items
        .iter()
        .filter(|i| i.kind == ItemKind::Auto)
        .map(|i| i.id.as_str())
        .collect();
    assert_eq!(
        ids,
        [
            "on_time",
            "budget_adds_up",
            "support_cap",
            "required_documents",
            "no_kept_documents",
            "counterpart_committed"
        ]
    );
    // Manual items are unticked: not ok yet.
    assert!(!c.ok());
    assert_eq!(c.summary(), "6/12");
}

#[test]
fn on_time_deadline_day_passes_day_after_fails() {
    let mut d = fixtures::machinery();
    d.submitted_on = day(2023, 9, 30);
    assert_eq!(
        state(&d, "on_time"),
        (
            ItemState::Pass,
            "submitted 30/09/2023, deadline 30/09/2023".into()
        )
    );
    d.submitted_on = day(2023, 10, 1);
    assert_eq!(
        state(&d, "on_time"),
        (
            ItemState::Fail,
            "submitted 01/10/2023, deadline 30/09/2023 (1 day late)".into()
        )
    );
    assert!(item(&d, "on_time").mandatory);
    // on_time has no unknown state: submitted_on is required by the format.
}

#[test]
fn budget_adds_up_pass_fail_unknown() {
    let mut d = fixtures::machinery();
    assert_eq!(
        state(&d, "budget_adds_up"),
        (
            ItemState::Pass,
            "national 300 tr + local 0 tr + counterpart 350 tr = 650 tr = total".into()
        )
    );
    d.budget.counterpart_vnd = Some(Vnd(349_999_999));
    let (s, t) = state(&d, "budget_adds_up");
    assert_eq!(s, ItemState::Fail);
    assert!(t.ends_with("≠ total 650 tr (1 đ short of it)"), "{t}");
    d.budget.local_vnd = None;
    assert_eq!(
        state(&d, "budget_adds_up"),
        (ItemState::Unknown, "budget local missing".into())
    );
}

#[test]
fn support_cap_percentage_boundary() {
    let mut d = fixtures::machinery();
    money(&mut d, 600_000_000, 300_000_000);
    assert_eq!(
        state(&d, "support_cap"),
        (
            ItemState::Pass,
            "national 300 tr = 50% of 600 tr ≤ cap 50%, ≤ 300 tr (per establishment)".into()
        )
    );
    // One đồng less in the total puts the national share just over 50%.
    money(&mut d, 599_999_999, 300_000_000);
    let (s, t) = state(&d, "support_cap");
    assert_eq!(s, ItemState::Fail);
    assert_eq!(
        t,
        "national 300 tr = 50.01% of 599.99 tr > cap 50% (per establishment)"
    );
    // The example of the spec.
    let mut demo = fixtures::machinery();
    demo.category = Category::DemonstrationModel;
    money(&mut demo, 1_000_000_000, 520_000_000);
    assert_eq!(
        state(&demo, "support_cap"),
        (
            ItemState::Fail,
            "national 520 tr = 52% of 1,000 tr > cap 30% (new technology)".into()
        )
    );
}

#[test]
fn support_cap_amount_boundary_and_priority_multiplier() {
    let mut d = fixtures::machinery();
    money(&mut d, 1_000_000_000, 300_000_000);
    assert_eq!(state(&d, "support_cap").0, ItemState::Pass);
    money(&mut d, 1_000_000_000, 300_000_001);
    assert_eq!(
        state(&d, "support_cap"),
        (
            ItemState::Fail,
            "national 300,000,001 đ > cap 300 tr (per establishment)".into()
        )
    );
    // A highland establishment gets 1.5× the amount: 450 tr.
    money(&mut d, 1_000_000_000, 450_000_000);
    assert_eq!(state(&d, "support_cap").0, ItemState::Fail);
    d.priority_area = Some(PriorityArea::HighlandBorderIslandEthnic);
    assert_eq!(
        state(&d, "support_cap"),
        (ItemState::Pass, "national 450 tr = 45% of 1,000 tr ≤ cap 50%, ≤ 450 tr (300 tr × 1.5) (per establishment)".into())
    );
    money(&mut d, 1_000_000_000, 450_000_001);
    assert_eq!(state(&d, "support_cap").0, ItemState::Fail);
    // A whole technology line: 450 tr without priority.
    d.priority_area = None;
    d.details.technology_line = Some(true);
    money(&mut d, 1_000_000_000, 450_000_000);
    assert_eq!(state(&d, "support_cap").0, ItemState::Pass);
}

#[test]
fn support_cap_unknown_and_not_applicable() {
    let mut d = fixtures::machinery();
    d.budget.total_vnd = None;
    let (s, t) = state(&d, "support_cap");
    assert_eq!(s, ItemState::Unknown);
    assert!(t.contains("total missing"), "{t}");
    // Without a total, an amount over the cap still fails.
    d.budget.national_vnd = Vnd(800_000_000);
    assert_eq!(state(&d, "support_cap").0, ItemState::Fail);
    // Pollution treatment without a subtype: the cap is not known.
    let mut p = pollution(PollutionSubtype::ClusterTreatment);
    assert_eq!(state(&p, "support_cap").0, ItemState::Pass);
    p.details.subtype = None;
    assert_eq!(state(&p, "support_cap").0, ItemState::Unknown);
    // Training has no fixed cap: the item is left out.
    let mut t = fixtures::machinery();
    t.category = Category::Training;
    assert!(absent(&t, "support_cap"));
}

#[test]
fn pollution_caps_per_subtype() {
    let mut p = pollution(PollutionSubtype::ClusterTreatment);
    money(&mut p, 5_000_000_000, 1_500_000_000);
    assert_eq!(state(&p, "support_cap").0, ItemState::Pass);
    p.details.subtype = Some(PollutionSubtype::EstablishmentTreatment);
    assert_eq!(state(&p, "support_cap").0, ItemState::Fail);
    p.details.subtype = Some(PollutionSubtype::ClusterPlanning);
    money(&mut p, 1_000_000_000, 500_000_000);
    assert_eq!(state(&p, "support_cap").0, ItemState::Pass);
}

#[test]
fn required_documents_pass_fail_and_project_types() {
    let mut d = fixtures::machinery();
    assert_eq!(
        state(&d, "required_documents"),
        (
            ItemState::Pass,
            "all 8 required documents present (named beneficiary)".into()
        )
    );
    d.documents
        .retain(|x| !matches!(x.kind, DocKind::Quotation | DocKind::NoDoubleFunding));
    assert_eq!(
        state(&d, "required_documents"),
        (
            ItemState::Fail,
            "missing: no double funding commitment, quotation".into()
        )
    );
    // A pilot needs only the cover letter and the proposal.
    let mut pilot = fixtures::machinery();
    pilot.project_type = ProjectType::Pilot;
    pilot.documents = vec![
        Document::of_kind(DocKind::CoverLetter),
        Document::of_kind(DocKind::Proposal),
    ];
    assert_eq!(
        state(&pilot, "required_documents"),
        (
            ItemState::Pass,
            "all 2 required documents present (pilot project)".into()
        )
    );
    pilot.documents.pop();
    assert_eq!(
        state(&pilot, "required_documents"),
        (ItemState::Fail, "missing: proposal".into())
    );
    assert!(absent(&pilot, "counterpart_committed"));
    // A group project names no beneficiary yet: no support request.
    let mut group = fixtures::machinery();
    group.project_type = ProjectType::Group;
    group.documents.retain(|x| {
        !matches!(
            x.kind,
            DocKind::SupportRequest | DocKind::CounterpartCommitment
        )
    });
    assert_eq!(state(&group, "required_documents").0, ItemState::Pass);
    assert!(absent(&group, "counterpart_committed"));
    // The implementing unit as its own beneficiary needs no support request.
    let mut own = fixtures::machinery();
    own.documents.retain(|x| x.kind != DocKind::SupportRequest);
    assert_eq!(state(&own, "required_documents").0, ItemState::Fail);
    if let Some(b) = own.beneficiary.as_mut() {
        b.name = Some("TRUNG TÂM KHUYẾN CÔNG GIA LAI".into());
    }
    assert_eq!(state(&own, "required_documents").0, ItemState::Pass);
}

#[test]
fn category_documents() {
    let mut p = pollution(PollutionSubtype::ClusterPlanning);
    assert_eq!(state(&p, "required_documents").0, ItemState::Pass);
    p.documents.retain(|x| x.kind != DocKind::ClusterLegal);
    assert_eq!(
        state(&p, "required_documents"),
        (ItemState::Fail, "missing: cluster legal papers".into())
    );
    let mut t = typical(Some(CertLevel::National), Some(day(2026, 1, 1)));
    assert_eq!(state(&t, "required_documents").0, ItemState::Pass);
    t.documents.retain(|x| x.kind != DocKind::ProductPhotos);
    assert_eq!(
        state(&t, "required_documents"),
        (ItemState::Fail, "missing: product photos".into())
    );
    let mut tr = fixtures::machinery();
    tr.category = Category::Training;
    let (s, t) = state(&tr, "required_documents");
    assert_eq!(s, ItemState::Fail);
    assert_eq!(t, "missing: curriculum, trainee plan");
}

#[test]
fn no_kept_documents_is_a_warning() {
    let mut d = fixtures::machinery();
    assert_eq!(state(&d, "no_kept_documents").0, ItemState::Pass);
    d.documents
        .push(Document::of_kind(DocKind::FinancialReport));
    d.documents
        .push(Document::of_kind(DocKind::BusinessRegistration));
    d.documents
        .push(Document::of_kind(DocKind::FinancialReport));
    let i = item(&d, "no_kept_documents");
    assert_eq!(i.state, ItemState::Fail);
    assert_eq!(
        i.detail,
        "sent but kept at the province: financial report, business registration"
    );
    assert!(!i.mandatory);
    assert!(
        !eval(&d)
            .unmet_mandatory()
            .iter()
            .any(|x| x.id == "no_kept_documents")
    );
    // no_kept_documents has no unknown state: the document list is always known.
}

#[test]
fn counterpart_committed_pass_fail_unknown() {
    let mut d = fixtures::machinery();
    assert_eq!(
        state(&d, "counterpart_committed"),
        (
            ItemState::Pass,
            "commitment present, counterpart 350 tr".into()
        )
    );
    d.budget.counterpart_vnd = Some(Vnd(0));
    assert_eq!(
        state(&d, "counterpart_committed"),
        (
            ItemState::Fail,
            "counterpart 0 but national + local 300 tr < total 650 tr".into()
        )
    );
    d.budget.total_vnd = None;
    assert_eq!(state(&d, "counterpart_committed").0, ItemState::Unknown);
    // Fully publicly funded: nothing to commit beyond the paper.
    d.budget.total_vnd = Some(Vnd(300_000_000));
    assert_eq!(state(&d, "counterpart_committed").0, ItemState::Pass);
    d.documents
        .retain(|x| x.kind != DocKind::CounterpartCommitment);
    assert_eq!(
        state(&d, "counterpart_committed"),
        (ItemState::Fail, "no counterpart commitment document".into())
    );
}

#[test]
fn completion_in_plan_year_pass_fail_unknown() {
    let mut p = pollution(PollutionSubtype::ClusterTreatment);
    p.end = Some(day(2024, 12, 31));
    cluster(&mut p).expected_completion = None;
    assert_eq!(
        state(&p, "completion_in_plan_year"),
        (
            ItemState::Pass,
            "end 31/12/2024, plan year ends 31/12/2024".into()
        )
    );
    p.end = Some(day(2025, 1, 1));
    assert_eq!(state(&p, "completion_in_plan_year").0, ItemState::Fail);
    // The investor's expected completion counts when later than `end`.
    p.end = Some(day(2024, 10, 1));
    cluster(&mut p).expected_completion = Some(day(2025, 3, 31));
    assert_eq!(
        state(&p, "completion_in_plan_year"),
        (
            ItemState::Fail,
            "cluster's expected completion 31/03/2025, plan year ends 31/12/2024".into()
        )
    );
    p.end = None;
    p.details.cluster = None;
    assert_eq!(state(&p, "completion_in_plan_year").0, ItemState::Unknown);
    // Not a cluster project: the item does not apply.
    let e = pollution(PollutionSubtype::EstablishmentTreatment);
    assert!(absent(&e, "completion_in_plan_year"));
    assert!(absent(&e, "cluster_legal_complete"));
    assert!(absent(&fixtures::machinery(), "completion_in_plan_year"));
}

#[test]
fn cluster_legal_complete_pass_fail_unknown() {
    let mut p = pollution(PollutionSubtype::ClusterPlanning);
    assert_eq!(state(&p, "cluster_legal_complete").0, ItemState::Pass);
    cluster(&mut p).legal_complete = None;
    assert_eq!(state(&p, "cluster_legal_complete").0, ItemState::Unknown);
    cluster(&mut p).legal_complete = Some(false);
    assert_eq!(
        state(&p, "cluster_legal_complete"),
        (
            ItemState::Fail,
            "the cluster's legal papers are incomplete".into()
        )
    );
    cluster(&mut p).legal_complete = Some(true);
    p.documents.retain(|x| x.kind != DocKind::ClusterLegal);
    assert_eq!(
        state(&p, "cluster_legal_complete"),
        (ItemState::Fail, "missing: cluster legal papers".into())
    );
    assert!(item(&p, "cluster_legal_complete").mandatory);
}

#[test]
fn certificate_valid_boundaries() {
    let d = typical(Some(CertLevel::Regional), Some(as_of()));
    assert_eq!(
        state(&d, "certificate_valid"),
        (
            ItemState::Pass,
            "valid until 15/10/2023, appraisal 15/10/2023".into()
        )
    );
    assert!(!item(&d, "certificate_valid").mandatory);
    let d = typical(Some(CertLevel::National), as_of().pred_opt());
    assert_eq!(
        state(&d, "certificate_valid"),
        (
            ItemState::Fail,
            "expired 14/10/2023, appraisal 15/10/2023".into()
        )
    );
    let d = typical(Some(CertLevel::Provincial), Some(day(2030, 1, 1)));
    assert_eq!(
        state(&d, "certificate_valid"),
        (ItemState::Fail, "only a provincial certificate".into())
    );
    let d = typical(None, Some(day(2030, 1, 1)));
    assert_eq!(state(&d, "certificate_valid").0, ItemState::Unknown);
    // details.certificate counts as well, the best one wins.
    let mut d = typical(Some(CertLevel::National), Some(day(2020, 1, 1)));
    d.details.certificate = Some(Certificate {
        level: Some(CertLevel::Regional),
        number: Some("45/QĐ-BCT".into()),
        issued_on: None,
        valid_until: Some(day(2025, 12, 31)),
    });
    assert_eq!(state(&d, "certificate_valid").0, ItemState::Pass);
    assert!(absent(&fixtures::machinery(), "certificate_valid"));
}

fn tick(item: &str, on: bool, revision: i64) -> Tick {
    Tick {
        item: item.into(),
        on,
        author: "Nguyễn Thị Hoa".into(),
        at: "2023-10-02T09:15:00+07:00".into(),
        revision,
    }
}

#[test]
fn manual_items_ticks_and_staleness() {
    let r = rules();
    let d = fixtures::machinery();
    let mandatory: Vec<String> = r
        .category(Category::Machinery)
        .manual
        .iter()
        .filter(|m| m.mandatory)
        .map(|m| m.id.clone())
        .collect();
    let mut ticks: Vec<Tick> = mandatory.iter().map(|id| tick(id, true, 2)).collect();
    let c = evaluate(&r, &d, &ticks, 2, as_of());
    assert!(c.ok(), "{:?}", c.unmet_mandatory());
    assert_eq!(c.summary(), "11/12");
    let new = c
        .item("new_advanced")
        .cloned()
        .expect("machinery has new_advanced");
    assert_eq!(new.state, ItemState::Ticked);
    assert_eq!(new.kind, ItemKind::Manual);
    assert!(!new.stale);
    assert!(new.text_vi.starts_with("Máy móc thiết bị mới"));
    // A newer revision of the dossier: the ticks stay but become stale.
    let c = evaluate(&r, &d, &ticks, 3, as_of());
    assert!(c.ok());
    assert!(
        c.item("new_advanced")
            .is_some_and(|i| i.stale && i.detail.contains("revision 3"))
    );
    // The last tick counts: unticking blocks approval again.
    ticks.push(tick("new_advanced", false, 3));
    let c = evaluate(&r, &d, &ticks, 3, as_of());
    assert!(!c.ok());
    assert_eq!(
        c.unmet_mandatory()
            .iter()
            .map(|i| i.id.as_str())
            .collect::<Vec<_>>(),
        ["new_advanced"]
    );
    // Ticks of unknown items are ignored.
    ticks.push(tick("\u{1b}[2Jbogus", true, 3));
    assert_eq!(evaluate(&r, &d, &ticks, 3, as_of()).items.len(), 12);
}

#[test]
fn shares_are_rounded_for_reading_and_up_when_failing() {
    assert_eq!(percent(Vnd(25_000_000), Vnd(60_000_000), false), "41.67%");
    assert_eq!(percent(Vnd(30_000_000), Vnd(65_000_000), false), "46.15%");
    assert_eq!(percent(Vnd(35_000_000), Vnd(70_000_000), false), "50%");
    assert_eq!(percent(Vnd(3), Vnd(8), false), "37.5%");
    assert_eq!(
        percent(Vnd(500_000_001), Vnd(1_000_000_000), true),
        "50.01%"
    );
    assert_eq!(percent(Vnd(1), Vnd(0), true), "—%");
    // Huge amounts do not overflow.
    assert_eq!(percent(Vnd(i64::MAX), Vnd(i64::MAX), false), "100%");
}

#[test]
fn huge_amounts_do_not_overflow() {
    let mut d = fixtures::machinery();
    d.budget.national_vnd = Vnd(i64::MAX);
    d.budget.local_vnd = Some(Vnd(i64::MAX));
    d.budget.counterpart_vnd = Some(Vnd(i64::MAX));
    d.budget.total_vnd = Some(Vnd(0));
    d.priority_area = Some(PriorityArea::DifficultArea);
    let c = eval(&d);
    assert_eq!(
        c.item("budget_adds_up").map(|i| i.state),
        Some(ItemState::Fail)
    );
    assert_eq!(
        c.item("support_cap").map(|i| i.state),
        Some(ItemState::Fail)
    );
    assert_eq!(
        c.item("counterpart_committed").map(|i| i.state),
        Some(ItemState::Pass)
    );
}

#[test]
fn an_overflowing_sum_fails_and_says_so() {
    // Four amounts near i64::MAX: a saturating sum equals the total and
    // used to pass.
    let near = Vnd(i64::MAX / 3 + 1);
    let mut d = fixtures::machinery();
    d.budget.national_vnd = near;
    d.budget.local_vnd = Some(near);
    d.budget.counterpart_vnd = Some(near);
    d.budget.total_vnd = Some(Vnd(i64::MAX));
    let c = eval(&d);
    let item = c.item("budget_adds_up").expect("budget_adds_up");
    assert_eq!(item.state, ItemState::Fail, "{}", item.detail);
    assert!(item.detail.contains("overflows"), "{}", item.detail);

    // Counterpart 0: national + local must cover the total; an
    // overflowing sum does not cover anything.
    d.budget.counterpart_vnd = Some(Vnd::ZERO);
    d.budget.local_vnd = Some(Vnd(i64::MAX));
    let c = eval(&d);
    let item = c
        .item("counterpart_committed")
        .expect("counterpart_committed");
    assert_eq!(item.state, ItemState::Fail, "{}", item.detail);
    assert!(item.detail.contains("overflows"), "{}", item.detail);
}

#[test]
fn failing_summary_and_json_shape() {
    let mut d = fixtures::machinery();
    d.submitted_on = day(2023, 10, 2);
    d.budget.national_vnd = Vnd(320_000_000);
    let c = eval(&d);
    assert_eq!(c.failing(), 3, "{:#?}", c.items);
    assert_eq!(c.summary(), "3/12, 3 failing");
    let v = serde_json::to_value(&c.items[0]).expect("serialisable");
    for key in ["id", "kind", "mandatory", "state", "detail"] {
        assert!(v.get(key).is_some(), "{key}");
    }
    assert_eq!(v["id"], "on_time");
    assert_eq!(v["kind"], "auto");
    assert_eq!(v["state"], "fail");
    let manual = serde_json::to_value(c.items.last()).expect("serialisable");
    assert_eq!(manual["kind"], "manual");
    assert_eq!(manual["state"], "unticked");
}

#[test]
fn every_evidence_renders_in_both_languages() {
    for e in evidence::samples() {
        let en = e.render(Lang::En);
        let vi = e.render(Lang::Vi);
        assert!(!en.is_empty() && !vi.is_empty(), "{e:?}");
        assert_ne!(en, vi, "{e:?} has no Vietnamese text");
        for w in vi.split(|c: char| !c.is_alphanumeric() && c != '_') {
            assert!(!w.contains('_'), "{vi}: id {w}");
            for english in [
                "national", "total", "missing", "cap", "deadline", "ticked", "by",
            ] {
                assert_ne!(w, english, "{vi}: English word");
            }
        }
    }
}

#[test]
fn vietnamese_evidence_reads_as_the_appraisers_write() {
    let s = evidence::samples();
    assert_eq!(
        s[0].render(Lang::Vi),
        "nộp ngày 12/09/2023, hạn 30/09/2023: đúng hạn"
    );
    assert_eq!(
        s[1].render(Lang::Vi),
        "nộp ngày 02/10/2023, hạn 30/09/2023: trễ 2 ngày"
    );
    assert_eq!(
        s[7].render(Lang::Vi),
        "KCQG 800 tr = 40% tổng 2.000 tr > mức 30%"
    );
    assert_eq!(
        s[7].render(Lang::En),
        "national 800 tr = 40% of 2,000 tr > cap 30%"
    );
    assert_eq!(
        s[8].render(Lang::Vi),
        "KCQG 1.600 tr > mức 1.500 tr (1.000 tr × 1,5) (xử lý tại cụm công nghiệp)"
    );
    assert_eq!(
        s[4].render(Lang::Vi),
        "KCQG 800 tr + địa phương 200 tr + đối ứng 1.000 tr = 2.000 tr ≠ tổng 2.100 tr (thiếu 100.000.000 đ)"
    );
    assert_eq!(
        s[10].render(Lang::Vi),
        "thiếu: cam kết không trùng nguồn NSNN, báo giá"
    );
}

#[test]
fn items_carry_labels_texts_and_structured_evidence() {
    let c = eval(&fixtures::machinery());
    let on_time = c.item("on_time").expect("on_time");
    assert_eq!(on_time.label(Lang::Vi), "Đúng hạn");
    assert_eq!(on_time.label(Lang::En), "On time");
    assert!(on_time.text(Lang::Vi).starts_with("Nộp hồ sơ đúng hạn"));
    assert_eq!(on_time.detail, on_time.detail_in(Lang::En));
    let v = serde_json::to_value(on_time).expect("json");
    assert_eq!(v["evidence"]["rule"], "deadline");
    assert!(v["evidence"]["submitted"].is_string());
    // Every automatic item has a label and a text in both languages.
    let r = rules();
    for a in AutoItem::ALL {
        let t = r.general.auto_texts(a);
        for s in [&t.label_vi, &t.label_en, &t.text_vi, &t.text_en] {
            assert!(!s.is_empty(), "{a:?}");
        }
    }
    for cat in Category::ALL {
        for m in &r.category(cat).manual {
            assert!(!m.label_vi.is_empty() && !m.label_en.is_empty(), "{}", m.id);
            assert!(m.label_vi.chars().count() <= 24, "{} label too long", m.id);
        }
    }
}
