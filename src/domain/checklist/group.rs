//! The rules that look at a group project's establishments: each one's
//! share against the cap, the shares against the dossier's figures, and
//! whether a group project is allowed and names what it must.

use super::ItemState;
use super::auto::{Outcome, share_bp};
use super::evidence::{CapUsed, DuplicateHit, Evidence, GroupGap, ShareCheck};
use crate::domain::category::Category;
use crate::domain::dossier::{Dossier, ProjectType};
use crate::domain::money::Vnd;
use crate::domain::rules::Rules;

/// The name of establishment `i` as evidence shows it: its name, or
/// `#2` when it has none.
fn who(d: &Dossier, i: usize) -> String {
    d.beneficiaries
        .get(i)
        .and_then(|e| e.who.name.clone())
        .unwrap_or_else(|| format!("#{}", i + 1))
}

/// `support_cap` for a dossier with `beneficiaries`: every establishment's
/// national share against the cap (its percentage of its own total, and
/// the amount), evidence naming each one that fails.
pub(super) fn cap_each(d: &Dossier, cap: CapUsed) -> Outcome {
    let mut shares = Vec::with_capacity(d.beneficiaries.len());
    for (i, e) in d.beneficiaries.iter().enumerate() {
        let (national, total) = (e.national_vnd, e.total_vnd);
        let amount_ok = national.is_none_or(|n| n <= cap.amount);
        let percent_ok = match (national, total) {
            (Some(n), Some(t)) => n.0 as i128 * 100 <= cap.percent as i128 * t.0 as i128,
            _ => true,
        };
        let bp = match (national, total) {
            (Some(n), Some(t)) => share_bp(n, t, !percent_ok),
            _ => None,
        };
        shares.push(ShareCheck {
            name: who(d, i),
            national,
            total,
            share_bp: bp,
            percent_ok,
            amount_ok,
        });
    }
    let failing = shares.iter().any(|s| !s.percent_ok || !s.amount_ok);
    let missing = shares
        .iter()
        .any(|s| s.national.is_none() || s.total.is_none());
    let state = if failing {
        ItemState::Fail
    } else if missing {
        ItemState::Unknown
    } else {
        ItemState::Pass
    };
    (state, Evidence::CapEach { cap, shares })
}

/// The part of `budget_adds_up` that checks the establishments' shares add
/// up to the dossier's national support and total. `None` when the dossier
/// has no `beneficiaries`.
pub(super) fn shares_add_up(d: &Dossier) -> Option<Outcome> {
    if d.beneficiaries.is_empty() {
        return None;
    }
    let sum = |f: fn(&crate::domain::dossier::Establishment) -> Option<Vnd>| {
        let parts: Option<Vec<Vnd>> = d.beneficiaries.iter().map(f).collect();
        parts.and_then(Vnd::checked_sum)
    };
    let national_sum = sum(|e| e.national_vnd);
    let total_sum = sum(|e| e.total_vnd);
    let national_ok = national_sum == Some(d.budget.national_vnd);
    let total_ok = match (total_sum, d.budget.total_vnd) {
        (Some(s), Some(t)) => s == t,
        _ => false,
    };
    let state = if national_sum.is_none() || total_sum.is_none() || d.budget.total_vnd.is_none() {
        if national_sum.is_some_and(|s| s != d.budget.national_vnd) {
            ItemState::Fail
        } else {
            ItemState::Unknown
        }
    } else if national_ok && total_ok {
        ItemState::Pass
    } else {
        ItemState::Fail
    };
    Some((
        state,
        Evidence::SharesSum {
            count: d.beneficiaries.len(),
            national_sum,
            national: d.budget.national_vnd,
            total_sum,
            total: d.budget.total_vnd,
        },
    ))
}

/// `group_allowed`, for group projects: the category must allow them in
/// the dossier's rule set; a machinery group project must name its site,
/// each beneficiary and the machine types.
pub(super) fn group_allowed(rules: &Rules, d: &Dossier) -> Option<Outcome> {
    if d.project_type != ProjectType::Group {
        return None;
    }
    let set = rules.rule_set(d.plan_year);
    if !set.group_allowed(d.category) {
        return Some((
            ItemState::Fail,
            Evidence::GroupNotAllowed {
                category: d.category,
                plan_years: set.years(),
            },
        ));
    }
    if d.category != Category::Machinery || !set.machinery_group_must_name {
        return Some((
            ItemState::Pass,
            Evidence::GroupAllowed {
                category: d.category,
                count: d.beneficiaries.len(),
            },
        ));
    }
    let mut gaps = Vec::new();
    if d.beneficiaries.is_empty() {
        gaps.push(GroupGap::NoBeneficiaries);
    }
    let shared_machines = d.details.equipment.iter().any(|e| e.name.is_some());
    for (i, e) in d.beneficiaries.iter().enumerate() {
        if e.who.name.is_none() {
            gaps.push(GroupGap::Name { index: i + 1 });
        }
        if e.who.commune.is_none() && e.who.district.is_none() {
            gaps.push(GroupGap::Site { who: who(d, i) });
        }
        if !shared_machines && !e.equipment.iter().any(|m| m.name.is_some()) {
            gaps.push(GroupGap::Machines { who: who(d, i) });
        }
    }
    Some(if gaps.is_empty() {
        (
            ItemState::Pass,
            Evidence::GroupAllowed {
                category: d.category,
                count: d.beneficiaries.len(),
            },
        )
    } else {
        (ItemState::Fail, Evidence::GroupIncomplete { gaps })
    })
}

/// `no_duplicate_support` from the other dossiers naming one of this
/// dossier's beneficiaries: the same commune as well fails; a different or
/// missing commune is `unknown` with the candidates. A dossier that names
/// no beneficiary is `unknown` when it should (a named project), and the
/// item is left out for pilot and group projects that name none yet.
pub(super) fn no_duplicate(rules: &Rules, d: &Dossier, hits: &[DuplicateHit]) -> Option<Outcome> {
    let named = d
        .all_beneficiaries()
        .iter()
        .filter(|b| b.name.is_some())
        .count();
    if named == 0 {
        return (d.project_type == ProjectType::Named)
            .then_some((ItemState::Unknown, Evidence::NoBeneficiaryNamed));
    }
    if hits.is_empty() {
        return Some((
            ItemState::Pass,
            Evidence::NoDuplicate {
                beneficiaries: named,
                lookback_years: rules.rule_set(d.plan_year).duplicate_lookback_years,
            },
        ));
    }
    let state = if hits.iter().any(|h| h.same_commune) {
        ItemState::Fail
    } else {
        ItemState::Unknown
    };
    Some((
        state,
        Evidence::Duplicates {
            hits: hits.to_vec(),
        },
    ))
}
