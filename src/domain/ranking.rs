//! Ranking within a category with the budget cut line.

use crate::domain::category::Category;
use crate::domain::money::Vnd;
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
    /// National support summed down the ranking, this row included.
    pub cumulative_vnd: Vnd,
    /// Whether the cumulative sum is within the allocation (always true
    /// without an allocation).
    pub within_budget: bool,
}

fn order(a: &RankInput, b: &RankInput) -> Ordering {
    match (a.total, b.total) {
        (Some(x), Some(y)) => y.cmp(&x),
        (Some(_), None) => Ordering::Less,
        (None, Some(_)) => Ordering::Greater,
        (None, None) => Ordering::Equal,
    }
    .then(a.submitted_on.cmp(&b.submitted_on))
    .then_with(|| a.code.cmp(&b.code))
}

/// Rank one category's dossiers: score descending, ties by earlier
/// `submitted_on` then `code`; unscored last; returned dossiers left out.
/// `within_budget` holds while the cumulative national support is ≤
/// `allocation`.
pub fn rank(inputs: &[RankInput], allocation: Option<Vnd>) -> Vec<RankRow> {
    let mut list: Vec<&RankInput> = inputs
        .iter()
        .filter(|i| i.status != Status::Returned)
        .collect();
    list.sort_by(|a, b| order(a, b));
    let mut cumulative = Vnd::ZERO;
    list.into_iter()
        .enumerate()
        .map(|(i, r)| {
            cumulative = cumulative + r.national;
            RankRow {
                rank: i + 1,
                code: r.code.clone(),
                category: r.category,
                score: r.total,
                national_vnd: r.national,
                cumulative_vnd: cumulative,
                within_budget: allocation.is_none_or(|a| cumulative <= a),
            }
        })
        .collect()
}
