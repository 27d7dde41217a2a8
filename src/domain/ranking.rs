//! Ranking within a category with the budget cut line.

use crate::domain::category::Category;
use crate::domain::dossier::PriorityArea;
use crate::domain::money::Vnd;
use crate::domain::ruleset::{DEFAULT_TIE_BREAK, TieBreak};
use crate::domain::status::Status;
use chrono::NaiveDate;
use serde::Serialize;
use std::cmp::Ordering;

/// One dossier to rank.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RankInput {
    /// Dossier code.
    pub code: String,
    /// Its category.
    pub category: Category,
    /// Its status (returned dossiers are not ranked).
    pub status: Status,
    /// Submission date (first tie-break).
    pub submitted_on: NaiveDate,
    /// National support asked.
    pub national: Vnd,
    /// Score with bonuses; None while unscored.
    pub total: Option<i64>,
    /// A pilot project (ranked first).
    pub pilot: bool,
    /// Its priority area (ranked next, by tier).
    pub priority_area: Option<PriorityArea>,
}

/// One ranked row. Serialises with the keys of `cli.md`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RankRow {
    /// 1-based rank.
    pub rank: usize,
    /// Dossier code.
    pub code: String,
    /// Category.
    pub category: Category,
    /// Score with bonuses; None while unscored.
    pub score: Option<i64>,
    /// National support asked.
    pub national_vnd: Vnd,
    /// National support summed down the ranking, this row included. A sum
    /// too large for an `i64` (only possible with thousands of amounts at
    /// [`MAX_VND`](crate::domain::money::MAX_VND), or a database filled
    /// before that bound) shows as `i64::MAX`, and the row is then never
    /// `within_budget`.
    pub cumulative_vnd: Vnd,
    /// Whether the cumulative sum is within the allocation (always true
    /// without an allocation).
    pub within_budget: bool,
}

/// The tier of a priority area: its place in the list of `domain.md`
/// (highland… first), no area last.
fn tier(a: Option<PriorityArea>) -> usize {
    a.and_then(|a| PriorityArea::ALL.iter().position(|&x| x == a))
        .unwrap_or(PriorityArea::ALL.len())
}

fn order(a: &RankInput, b: &RankInput, keys: &[TieBreak]) -> Ordering {
    // Unscored dossiers are not appraised yet: last, whatever they are.
    let scored = b.total.is_some().cmp(&a.total.is_some());
    let mut o = scored
        .then(b.pilot.cmp(&a.pilot))
        .then(tier(a.priority_area).cmp(&tier(b.priority_area)));
    for k in keys {
        o = o.then_with(|| match k {
            TieBreak::Score => b.total.cmp(&a.total),
            TieBreak::SubmittedOn => a.submitted_on.cmp(&b.submitted_on),
            TieBreak::NationalVnd => a.national.cmp(&b.national),
            TieBreak::Code => a.code.cmp(&b.code),
        });
    }
    // Always a total order.
    o.then_with(|| a.code.cmp(&b.code))
}

/// [`rank_by`] with the default tie-break order (score, `submitted_on`,
/// `code`).
pub fn rank(inputs: &[RankInput], allocation: Option<Vnd>) -> Vec<RankRow> {
    rank_by(inputs, allocation, &DEFAULT_TIE_BREAK)
}

/// Rank one category's dossiers as the sources say: pilot projects first,
/// then priority areas by tier, then the rule set's `tie_break` keys;
/// unscored dossiers last; returned dossiers left out. `within_budget` holds
/// while the cumulative national support is ≤ `allocation`.
pub fn rank_by(
    inputs: &[RankInput],
    allocation: Option<Vnd>,
    tie_break: &[TieBreak],
) -> Vec<RankRow> {
    let mut list: Vec<&RankInput> = inputs
        .iter()
        .filter(|i| i.status != Status::Returned)
        .collect();
    list.sort_by(|a, b| order(a, b, tie_break));
    // `None` once the sum has overflowed: from that row on nothing is
    // within any allocation.
    let mut cumulative = Some(Vnd::ZERO);
    list.into_iter()
        .enumerate()
        .map(|(i, r)| {
            cumulative = cumulative.and_then(|c| c.checked_add(r.national));
            RankRow {
                rank: i + 1,
                code: r.code.clone(),
                category: r.category,
                score: r.total,
                national_vnd: r.national,
                cumulative_vnd: cumulative.unwrap_or(Vnd(i64::MAX)),
                within_budget: allocation.is_none_or(|a| cumulative.is_some_and(|c| c <= a)),
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn input(code: &str, submitted: u32, national_tr: i64, total: Option<i64>) -> RankInput {
        RankInput {
            code: code.into(),
            category: Category::Machinery,
            status: Status::Pending,
            submitted_on: NaiveDate::from_ymd_opt(2023, 9, submitted).expect("September day"),
            national: Vnd(national_tr * 1_000_000),
            total,
            pilot: false,
            priority_area: None,
        }
    }

    fn codes(rows: &[RankRow]) -> Vec<&str> {
        rows.iter().map(|r| r.code.as_str()).collect()
    }

    #[test]
    fn order_ties_and_unscored_last() {
        let inputs = [
            input("KC24-HG-002", 20, 300, None),
            input("KC24-GL-007", 28, 300, Some(80)),
            input("KC24-BN-001", 25, 300, Some(80)),
            input("KC24-AG-009", 25, 300, Some(80)),
            input("KC24-LC-004", 10, 300, Some(95)),
            input("KC24-CB-003", 5, 300, None),
        ];
        let rows = rank(&inputs, None);
        assert_eq!(
            codes(&rows),
            [
                "KC24-LC-004",
                "KC24-AG-009",
                "KC24-BN-001",
                "KC24-GL-007",
                "KC24-CB-003",
                "KC24-HG-002"
            ]
        );
        assert_eq!(
            rows.iter().map(|r| r.rank).collect::<Vec<_>>(),
            [1, 2, 3, 4, 5, 6]
        );
        assert!(
            rows.iter().all(|r| r.within_budget),
            "no allocation: all within budget"
        );
        assert_eq!(rows[5].cumulative_vnd, Vnd(1_800_000_000));
    }

    #[test]
    fn returned_dossiers_are_not_ranked() {
        let mut returned = input("KC24-QN-005", 1, 100, Some(99));
        returned.status = Status::Returned;
        let mut approved = input("KC24-TH-006", 2, 100, Some(70));
        approved.status = Status::Approved;
        let rows = rank(
            &[returned, approved, input("KC24-NA-008", 3, 100, Some(60))],
            Some(Vnd(100_000_000)),
        );
        assert_eq!(codes(&rows), ["KC24-TH-006", "KC24-NA-008"]);
        assert_eq!(rows[0].cumulative_vnd, Vnd(100_000_000));
        assert!(rows[0].within_budget);
        assert!(!rows[1].within_budget);
    }

    #[test]
    fn cut_line_exactly_at_the_allocation() {
        let inputs = [
            input("A", 1, 300, Some(90)),
            input("B", 2, 450, Some(85)),
            input("C", 3, 250, Some(80)),
            input("D", 4, 1, Some(70)),
        ];
        let rows = rank(&inputs, Some(Vnd(1_000_000_000)));
        let within: Vec<bool> = rows.iter().map(|r| r.within_budget).collect();
        assert_eq!(within, [true, true, true, false]);
        assert_eq!(rows[2].cumulative_vnd, Vnd(1_000_000_000));
        // One đồng less in the allocation moves the cut line up.
        let rows = rank(&inputs, Some(Vnd(999_999_999)));
        let within: Vec<bool> = rows.iter().map(|r| r.within_budget).collect();
        assert_eq!(within, [true, true, false, false]);
        let json = serde_json::to_value(&rows[0]).expect("serialisable");
        for key in [
            "rank",
            "code",
            "category",
            "score",
            "national_vnd",
            "cumulative_vnd",
            "within_budget",
        ] {
            assert!(json.get(key).is_some(), "{key}");
        }
        assert_eq!(json["category"], "machinery");
        assert_eq!(json["national_vnd"], 300_000_000);
        assert!(rank(&[], Some(Vnd(1))).is_empty());
    }

    #[test]
    fn an_overflowing_cumulative_is_never_within_budget() {
        let near = |code: &str, submitted: u32| RankInput {
            national: Vnd(i64::MAX / 4 + 1),
            ..input(code, submitted, 0, Some(80))
        };
        let inputs = [near("A", 1), near("B", 2), near("C", 3), near("D", 4)];
        let rows = rank(&inputs, Some(Vnd(i64::MAX)));
        let within: Vec<bool> = rows.iter().map(|r| r.within_budget).collect();
        // A saturating sum stopped growing at i64::MAX and kept D "within".
        assert_eq!(within, [true, true, true, false]);
        assert_eq!(rows[2].cumulative_vnd, Vnd(3 * (i64::MAX / 4 + 1)));
        assert_eq!(rows[3].cumulative_vnd, Vnd(i64::MAX));
        let rows = rank(&inputs, None);
        assert!(rows.iter().all(|r| r.within_budget), "no allocation");
    }

    #[test]
    fn pilots_first_then_priority_areas_then_the_tie_break_of_data() {
        let mut pilot = input("KC26-PILOT", 20, 300, Some(60));
        pilot.pilot = true;
        let mut highland = input("KC26-HL", 20, 300, Some(70));
        highland.priority_area = Some(PriorityArea::HighlandBorderIslandEthnic);
        let mut rural = input("KC26-NR", 20, 300, Some(95));
        rural.priority_area = Some(PriorityArea::NewRuralCommune);
        let plain = input("KC26-A", 10, 200, Some(99));
        let cheap = input("KC26-B", 12, 100, Some(99));
        let mut unscored_pilot = input("KC26-UP", 1, 100, None);
        unscored_pilot.pilot = true;
        let inputs = [
            plain.clone(),
            cheap.clone(),
            rural,
            highland,
            pilot,
            unscored_pilot,
        ];
        assert_eq!(
            codes(&rank(&inputs, None)),
            [
                "KC26-PILOT",
                "KC26-HL",
                "KC26-NR",
                "KC26-A",
                "KC26-B",
                "KC26-UP"
            ]
        );
        // The tie-break is data: smaller national support first.
        let rows = rank_by(
            &[plain, cheap],
            None,
            &[TieBreak::Score, TieBreak::NationalVnd],
        );
        assert_eq!(codes(&rows), ["KC26-B", "KC26-A"]);
    }
}
