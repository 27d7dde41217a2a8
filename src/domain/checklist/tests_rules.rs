//! The rules that came with the rule sets, each at its boundary: caps per
//! establishment, shares adding up, group projects, the demonstration
//! model's kinds, the cleaner-production pilot, certificates from their day
//! of issue, and the rule set chosen by plan year.

use super::*;
use crate::domain::dossier::{
    Beneficiary, CertLevel, Certificate, Equipment, Establishment, ModelKind, PollutionSubtype,
    fixtures,
};
use crate::domain::money::Vnd;

fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).expect("valid test date")
}

fn eval_on(d: &Dossier, as_of: NaiveDate) -> Checklist {
    evaluate(&Rules::bundled(), d, &[], 1, as_of)
}

fn state(d: &Dossier, id: &str) -> (ItemState, String) {
    let cl = eval_on(d, day(2025, 10, 15));
    let i = cl
        .item(id)
        .unwrap_or_else(|| panic!("{id} missing from the checklist"));
    (i.state, i.detail.clone())
}

fn est(name: &str, commune: &str, total: i64, national: i64) -> Establishment {
    Establishment {
        who: Beneficiary {
            name: Some(name.into()),
            commune: Some(commune.into()),
            ..Beneficiary::default()
        },
        total_vnd: Some(Vnd(total)),
        national_vnd: Some(Vnd(national)),
        equipment: vec![Equipment {
            name: Some("Máy dệt chiếu cói".into()),
            quantity: Some(1),
            ..Equipment::default()
        }],
    }
}

/// A machinery group project of three establishments, 2026, each at 50%
/// and exactly the 300 million cap.
fn group() -> Dossier {
    let mut d = fixtures::machinery();
    d.plan_year = 2026;
    d.submitted_on = day(2025, 9, 20);
    d.project_type = ProjectType::Group;
    d.beneficiary = None;
    d.beneficiaries = vec![
        est("Cty TNHH Cói Nga Sơn", "Nga Sơn", 600_000_000, 300_000_000),
        est("HTX Cói Nga Thạch", "Nga Thạch", 600_000_000, 300_000_000),
        est("Cơ sở Cói Hoàng Lan", "Nga Liên", 600_000_000, 300_000_000),
    ];
    d.budget.total_vnd = Some(Vnd(1_800_000_000));
    d.budget.national_vnd = Vnd(900_000_000);
    d.budget.local_vnd = Some(Vnd(0));
    d.budget.counterpart_vnd = Some(Vnd(900_000_000));
    d
}

#[test]
fn caps_apply_per_establishment_at_the_boundary() {
    let d = group();
    // 900 million for the dossier would be three times the cap: per
    // establishment it is exactly at it.
    assert_eq!(
        state(&d, "support_cap"),
        (
            ItemState::Pass,
            "3 establishments, each ≤ cap 50% of its total and ≤ 300 tr (per establishment)".into()
        )
    );
    // One đồng over on the second establishment (its total two đồng more
    // too, so only the amount is over).
    let mut d = group();
    d.beneficiaries[1] = est("HTX Cói Nga Thạch", "Nga Thạch", 600_000_002, 300_000_001);
    let (s, t) = state(&d, "support_cap");
    assert_eq!(s, ItemState::Fail);
    assert_eq!(
        t,
        "HTX Cói Nga Thạch: national 300,000,001 đ > cap 300 tr (per establishment)"
    );
    // Its own percentage: 300 of 599.99 million is over 50%.
    let mut d = group();
    d.beneficiaries[2] = est("Cơ sở Cói Hoàng Lan", "Nga Liên", 599_999_999, 300_000_000);
    let (s, t) = state(&d, "support_cap");
    assert_eq!(s, ItemState::Fail);
    assert!(
        t.starts_with("Cơ sở Cói Hoàng Lan: national 300 tr = 50.01% of 599.99 tr > cap 50%"),
        "{t}"
    );
    // A missing share is unknown, naming whose.
    let mut d = group();
    d.beneficiaries[0].total_vnd = None;
    let (s, t) = state(&d, "support_cap");
    assert_eq!(s, ItemState::Unknown);
    assert!(
        t.ends_with("share missing for: Cty TNHH Cói Nga Sơn"),
        "{t}"
    );
    // Vietnamese evidence names the establishment too.
    let mut d = group();
    d.beneficiaries[1].national_vnd = Some(Vnd(300_000_001));
    d.beneficiaries[1].total_vnd = Some(Vnd(600_000_002));
    let cl = eval_on(&d, day(2025, 10, 15));
    let vi = cl.item("support_cap").map(|i| i.detail_in(Lang::Vi));
    assert_eq!(
        vi.as_deref(),
        Some("HTX Cói Nga Thạch: KCQG 300.000.001 đ > mức 300 tr (mỗi cơ sở)")
    );
}

#[test]
fn shares_must_add_up_to_the_dossier() {
    assert_eq!(state(&group(), "budget_adds_up").0, ItemState::Pass);
    let mut d = group();
    d.beneficiaries[2].national_vnd = Some(Vnd(250_000_000));
    assert_eq!(
        state(&d, "budget_adds_up"),
        (
            ItemState::Fail,
            "3 establishments: national shares 850 tr ≠ national 900 tr; totals 1,800 tr = total 1,800 tr".into()
        )
    );
    // A single-beneficiary dossier behaves as before.
    let single = fixtures::machinery();
    assert!(state(&single, "budget_adds_up").1.ends_with("= total"));
}

#[test]
fn group_projects_by_category_and_what_a_machinery_group_names() {
    let (s, t) = state(&group(), "group_allowed");
    assert_eq!(s, ItemState::Pass, "{t}");
    let mut d = group();
    d.category = Category::DemonstrationModel;
    assert_eq!(
        state(&d, "group_allowed"),
        (
            ItemState::Fail,
            "group projects are not allowed for demonstration model (plan years 2026–)".into()
        )
    );
    let mut d = group();
    d.beneficiaries[1].who.commune = None;
    d.beneficiaries[2].equipment.clear();
    assert_eq!(
        state(&d, "group_allowed"),
        (
            ItemState::Fail,
            "missing: the site of HTX Cói Nga Thạch; the machine types of Cơ sở Cói Hoàng Lan"
                .into()
        )
    );
    let mut d = group();
    d.beneficiaries.clear();
    assert_eq!(state(&d, "group_allowed").0, ItemState::Fail);
    // Mandatory, and absent from a project that is not a group.
    let cl = eval_on(&group(), day(2025, 10, 15));
    assert!(cl.item("group_allowed").is_some_and(|i| i.mandatory));
    assert!(
        eval_on(&fixtures::machinery(), day(2023, 10, 1))
            .item("group_allowed")
            .is_none()
    );
}

#[test]
fn demonstration_models_by_kind_and_the_cleaner_production_pilot() {
    let mut d = fixtures::machinery();
    d.category = Category::DemonstrationModel;
    d.details.model_kind = Some(ModelKind::Replication);
    d.budget.total_vnd = Some(Vnd(400_000_000));
    d.budget.national_vnd = Vnd(100_000_000);
    d.budget.counterpart_vnd = Some(Vnd(300_000_000));
    assert_eq!(state(&d, "support_cap").0, ItemState::Pass);
    d.budget.national_vnd = Vnd(100_000_001);
    d.budget.counterpart_vnd = Some(Vnd(299_999_999));
    assert_eq!(
        state(&d, "support_cap"),
        (
            ItemState::Fail,
            "national 100,000,001 đ > cap 100 tr (replication of a model)".into()
        )
    );
    // The same figure as a new technology is well within its cap.
    d.details.model_kind = None;
    assert_eq!(state(&d, "support_cap").0, ItemState::Pass);

    let mut p = fixtures::machinery();
    p.category = Category::PollutionTreatment;
    p.details.subtype = Some(PollutionSubtype::CleanerProductionPilot);
    p.budget.total_vnd = Some(Vnd(2_000_000_000));
    p.budget.national_vnd = Vnd(400_000_000);
    p.budget.counterpart_vnd = Some(Vnd(1_600_000_000));
    assert_eq!(state(&p, "support_cap").0, ItemState::Pass);
    p.budget.national_vnd = Vnd(400_000_001);
    assert_eq!(state(&p, "support_cap").0, ItemState::Fail);
    let cl = eval_on(&p, day(2023, 10, 1));
    assert_eq!(
        cl.item("support_cap").and_then(|i| i.basis.as_deref()),
        Some("TT 28/2018/TT-BTC, mức hỗ trợ thí điểm sản xuất sạch hơn (mức chưa xác nhận)")
    );
}

#[test]
fn certificate_with_only_its_day_of_issue_runs_to_the_fourth_year() {
    let mut d = fixtures::machinery();
    d.category = Category::TypicalProduct;
    d.details.certificate = Some(Certificate {
        level: Some(CertLevel::Regional),
        number: Some("12/QĐ-BCT".into()),
        issued_on: Some(day(2021, 5, 10)),
        valid_until: None,
    });
    let on = |d: &Dossier, as_of| {
        eval_on(d, as_of)
            .item("certificate_valid")
            .map(|i| (i.state, i.detail.clone()))
    };
    assert_eq!(
        on(&d, day(2024, 12, 31)),
        Some((
            ItemState::Pass,
            "valid until 31/12/2024 (no valid_until: 31 December of year 4 counted from issue on 10/05/2021), appraisal 31/12/2024".into()
        ))
    );
    assert_eq!(on(&d, day(2025, 1, 1)).map(|x| x.0), Some(ItemState::Fail));
    // A valid_until given wins over the rule.
    if let Some(c) = d.details.certificate.as_mut() {
        c.valid_until = Some(day(2023, 6, 30));
    }
    assert_eq!(on(&d, day(2024, 1, 1)).map(|x| x.0), Some(ItemState::Fail));
}

#[test]
fn the_plan_year_chooses_the_rule_set() {
    let mut d = fixtures::machinery();
    d.plan_year = 2025;
    d.submitted_on = day(2024, 9, 30);
    let cl = eval_on(&d, day(2024, 10, 1));
    assert_eq!(cl.rule_set.id, "2024");
    assert_eq!(cl.rule_set.plan_years, "2024–2025");
    let basis = |cl: &Checklist, id: &str| cl.item(id).and_then(|i| i.basis.clone());
    assert_eq!(
        basis(&cl, "counterpart_committed").as_deref(),
        Some("NĐ 45/2012/NĐ-CP, điều kiện hỗ trợ: cam kết vốn đối ứng")
    );
    d.plan_year = 2026;
    d.submitted_on = day(2025, 9, 30);
    let cl = eval_on(&d, day(2025, 10, 1));
    assert_eq!(cl.rule_set.id, "2026");
    assert_eq!(
        cl.rule_set.title(Lang::En),
        "Rule set for plan years 2026–: Decree 45/2012 as amended by Decree 235/2025"
    );
    assert_eq!(
        basis(&cl, "counterpart_committed").as_deref(),
        Some("NĐ 45/2012/NĐ-CP (sđ NĐ 235/2025/NĐ-CP), điều kiện hỗ trợ: cam kết vốn đối ứng")
    );
    // Every item, automatic and manual, cites an article.
    assert!(cl.items.iter().all(|i| i.basis.is_some()));
    assert!(cl.items.iter().any(|i| i.kind == ItemKind::Manual));
    // The deadline is the rule set's: 30/9 of the year before.
    d.submitted_on = day(2025, 10, 1);
    assert_eq!(
        eval_on(&d, day(2025, 10, 2))
            .item("on_time")
            .map(|i| i.state),
        Some(ItemState::Fail)
    );
}
