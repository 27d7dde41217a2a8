//! Sample values of every kind of evidence (tests render each in both
//! languages).

use super::*;

/// Every kind of evidence with sample values (tests and the template
/// check render each in both languages).
pub fn samples() -> Vec<Evidence> {
    let day = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap_or(NaiveDate::MIN);
    let cap = CapUsed {
        percent: 30,
        amount: Vnd(1_500_000_000),
        base_amount: Some(Vnd(1_000_000_000)),
        multiplier: Some("1.5".into()),
        subtype: Some("cluster_treatment".into()),
        basis: None,
    };
    vec![
        Evidence::Deadline {
            submitted: day(2023, 9, 12),
            deadline: day(2023, 9, 30),
            late_days: 0,
        },
        Evidence::Deadline {
            submitted: day(2023, 10, 2),
            deadline: day(2023, 9, 30),
            late_days: 2,
        },
        Evidence::BudgetMissing {
            missing: vec![
                BudgetPart::Total,
                BudgetPart::Local,
                BudgetPart::Counterpart,
            ],
        },
        Evidence::BudgetOverflow {
            national: Vnd(1),
            local: Vnd(2),
            counterpart: Vnd(3),
        },
        Evidence::BudgetSum {
            national: Vnd(800_000_000),
            local: Vnd(200_000_000),
            counterpart: Vnd(1_000_000_000),
            sum: Vnd(2_000_000_000),
            total: Vnd(2_100_000_000),
        },
        Evidence::CapSubtypeMissing,
        Evidence::CapNotConfigured {
            subtype: "technology_line".into(),
        },
        Evidence::Cap {
            national: Vnd(800_000_000),
            total: Some(Vnd(2_000_000_000)),
            share_bp: Some(4000),
            cap: CapUsed {
                percent: 30,
                amount: Vnd(1_000_000_000),
                base_amount: None,
                multiplier: None,
                subtype: None,
                basis: None,
            },
            percent_ok: false,
            amount_ok: true,
        },
        Evidence::Cap {
            national: Vnd(1_600_000_000),
            total: None,
            share_bp: None,
            cap,
            percent_ok: true,
            amount_ok: false,
        },
        Evidence::DocumentsPresent {
            count: 8,
            project_type: ProjectType::Named,
        },
        Evidence::DocumentsMissing {
            missing: vec![DocKind::NoDoubleFunding, DocKind::Quotation],
        },
        Evidence::NoKeptSent,
        Evidence::KeptSent {
            kinds: vec![DocKind::FinancialReport],
        },
        Evidence::CounterpartNoDocument,
        Evidence::CounterpartPresent {
            counterpart: Vnd(350_000_000),
        },
        Evidence::CounterpartUnknown,
        Evidence::CounterpartOverflow {
            national: Vnd(1),
            local: Vnd(2),
        },
        Evidence::CounterpartPublic {
            public: Vnd(300_000_000),
            total: Vnd(650_000_000),
            covered: false,
        },
        Evidence::Completion {
            source: CompletionSource::ClusterExpected,
            date: day(2025, 3, 31),
            limit: day(2024, 12, 31),
        },
        Evidence::CompletionMissing,
        Evidence::ClusterLegalComplete,
        Evidence::ClusterLegalIncomplete,
        Evidence::ClusterLegalUnstated,
        Evidence::Certificate {
            valid_until: day(2023, 10, 14),
            as_of: day(2023, 10, 15),
            other_incomplete: true,
        },
        Evidence::CertificateIncomplete,
        Evidence::CertificateProvincialOnly,
        Evidence::CertificateNone,
        Evidence::Ticked {
            on: true,
            author: "Nguyễn Thị Hoa".into(),
            at: "2023-10-02T09:15:00+07:00".into(),
            revision: 1,
            now: Some(2),
        },
        Evidence::NotTicked,
        Evidence::CapEach {
            cap: CapUsed {
                percent: 50,
                amount: Vnd(300_000_000),
                base_amount: None,
                multiplier: None,
                subtype: Some("establishment".into()),
                basis: None,
            },
            shares: vec![ShareCheck {
                name: "Cty TNHH Cói Nga Sơn".into(),
                national: Some(Vnd(300_000_001)),
                total: Some(Vnd(700_000_000)),
                share_bp: Some(4286),
                percent_ok: true,
                amount_ok: false,
            }],
        },
        Evidence::SharesSum {
            count: 3,
            national_sum: Some(Vnd(900_000_000)),
            national: Vnd(950_000_000),
            total_sum: None,
            total: Some(Vnd(1_900_000_000)),
        },
        Evidence::GroupNotAllowed {
            category: crate::domain::Category::DemonstrationModel,
            plan_years: "2024–2025".into(),
        },
        Evidence::GroupAllowed {
            category: crate::domain::Category::Machinery,
            count: 3,
        },
        Evidence::GroupIncomplete {
            gaps: vec![
                GroupGap::Name { index: 2 },
                GroupGap::Site {
                    who: "HTX Cói".into(),
                },
                GroupGap::Machines { who: "#2".into() },
            ],
        },
        Evidence::CertificateFromIssue {
            issued_on: day(2021, 5, 10),
            valid_until: day(2024, 12, 31),
            years: 4,
            as_of: day(2025, 1, 1),
        },
        Evidence::Duplicates {
            hits: vec![DuplicateHit {
                name: "Công ty TNHH Mây tre Phú Vinh".into(),
                code: "KC26-QNA-004".into(),
                plan_year: 2026,
                province: "Quảng Nam".into(),
                status: crate::domain::Status::Pending,
                other_name: "Cty TNHH Mây Tre Phú Vinh".into(),
                other_commune: Some("Phú Vinh".into()),
                same_commune: true,
            }],
        },
        Evidence::NoDuplicate {
            beneficiaries: 1,
            lookback_years: 3,
        },
        Evidence::NoBeneficiaryNamed,
    ]
}
