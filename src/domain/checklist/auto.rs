//! The automatic rules: each looks at the dossier's data and returns its
//! state with the [`Evidence`] (figures and dates, not sentences).

use super::ItemState;
use super::evidence::{BudgetPart, CapUsed, CompletionSource, Evidence};
use crate::domain::category::Category;
use crate::domain::dossier::{CertLevel, DocKind, Dossier};
use crate::domain::money::Vnd;
use crate::domain::rules::{Rules, subtype_key};
use chrono::NaiveDate;

pub(super) type Outcome = (ItemState, Evidence);

pub(super) fn is_cluster(d: &Dossier) -> bool {
    d.category == Category::PollutionTreatment && d.details.subtype.is_some_and(|s| s.is_cluster())
}

pub(super) fn on_time(rules: &Rules, d: &Dossier) -> Outcome {
    let deadline = rules.rule_set(d.plan_year).deadline(d.plan_year);
    let late_days = (d.submitted_on - deadline).num_days().max(0);
    let state = if d.submitted_on <= deadline {
        ItemState::Pass
    } else {
        ItemState::Fail
    };
    (
        state,
        Evidence::Deadline {
            submitted: d.submitted_on,
            deadline,
            late_days,
        },
    )
}

/// `budget_adds_up`: the parts against the total, and, for a dossier with
/// `beneficiaries`, the establishments' shares against the dossier's
/// figures (the first that does not pass is the evidence).
pub(super) fn budget_adds_up(d: &Dossier) -> Outcome {
    let main = budget_parts(d);
    match super::group::shares_add_up(d) {
        Some(shares) if main.0 == ItemState::Pass || shares.0 == ItemState::Fail => {
            if shares.0 == ItemState::Pass {
                main
            } else {
                shares
            }
        }
        _ => main,
    }
}

fn budget_parts(d: &Dossier) -> Outcome {
    let b = &d.budget;
    let (Some(total), Some(local), Some(counterpart)) =
        (b.total_vnd, b.local_vnd, b.counterpart_vnd)
    else {
        let missing = [
            (b.total_vnd, BudgetPart::Total),
            (b.local_vnd, BudgetPart::Local),
            (b.counterpart_vnd, BudgetPart::Counterpart),
        ]
        .into_iter()
        .filter(|(v, _)| v.is_none())
        .map(|(_, p)| p)
        .collect();
        return (ItemState::Unknown, Evidence::BudgetMissing { missing });
    };
    let national = b.national_vnd;
    let Some(sum) = Vnd::checked_sum([national, local, counterpart]) else {
        return (
            ItemState::Fail,
            Evidence::BudgetOverflow {
                national,
                local,
                counterpart,
            },
        );
    };
    let state = if sum == total {
        ItemState::Pass
    } else {
        ItemState::Fail
    };
    (
        state,
        Evidence::BudgetSum {
            national,
            local,
            counterpart,
            sum,
            total,
        },
    )
}

/// A share in hundredths of a percent, rounded to the nearest, or up when
/// `up` (so an amount just over a cap never reads as exactly at it).
pub(super) fn share_bp(part: Vnd, whole: Vnd, up: bool) -> Option<i64> {
    if whole.0 <= 0 {
        return None;
    }
    let num = part.0 as i128 * 10_000;
    let den = whole.0 as i128;
    let mut bp = num / den;
    let rem = num % den;
    if (up && rem != 0) || (!up && rem * 2 >= den) {
        bp += 1;
    }
    Some(bp.clamp(i64::MIN as i128, i64::MAX as i128) as i64)
}

pub(super) fn support_cap(rules: &Rules, d: &Dossier) -> Option<Outcome> {
    let set = rules.rule_set(d.plan_year);
    if set.caps(d.category).is_empty() {
        return None;
    }
    let national = d.budget.national_vnd;
    let Some(key) = subtype_key(d) else {
        return Some((ItemState::Unknown, Evidence::CapSubtypeMissing));
    };
    let Some(cap) = set.cap(d.category, key) else {
        return Some((
            ItemState::Unknown,
            Evidence::CapNotConfigured {
                subtype: key.to_string(),
            },
        ));
    };
    let boosted = rules.general.multiplier_applies(d.priority_area);
    let amount = if boosted {
        let v = cap.amount.0 as i128 * rules.general.priority_multiplier_permille as i128 / 1000;
        Vnd(v.min(i64::MAX as i128) as i64)
    } else {
        cap.amount
    };
    let used = CapUsed {
        percent: cap.percent,
        amount,
        base_amount: boosted.then_some(cap.amount),
        multiplier: boosted.then(|| rules.general.multiplier_text()),
        subtype: (key != "default").then(|| key.to_string()),
        basis: cap.basis.clone(),
    };
    if !d.beneficiaries.is_empty() {
        return Some(super::group::cap_each(d, used));
    }
    let amount_ok = national <= amount;
    let Some(total) = d.budget.total_vnd else {
        let state = if amount_ok {
            ItemState::Unknown
        } else {
            ItemState::Fail
        };
        return Some((
            state,
            Evidence::Cap {
                national,
                total: None,
                share_bp: None,
                cap: used,
                percent_ok: true,
                amount_ok,
            },
        ));
    };
    let percent_ok = national.0 as i128 * 100 <= cap.percent as i128 * total.0 as i128;
    let state = if percent_ok && amount_ok {
        ItemState::Pass
    } else {
        ItemState::Fail
    };
    Some((
        state,
        Evidence::Cap {
            national,
            total: Some(total),
            share_bp: share_bp(national, total, !percent_ok),
            cap: used,
            percent_ok,
            amount_ok,
        },
    ))
}

pub(super) fn required_documents(rules: &Rules, d: &Dossier) -> Outcome {
    let required = rules.category(d.category).required_documents(d);
    let missing: Vec<DocKind> = required
        .iter()
        .copied()
        .filter(|&k| !d.has_document(k))
        .collect();
    if missing.is_empty() {
        (
            ItemState::Pass,
            Evidence::DocumentsPresent {
                count: required.len(),
                project_type: d.project_type,
            },
        )
    } else {
        (ItemState::Fail, Evidence::DocumentsMissing { missing })
    }
}

pub(super) fn no_kept_documents(d: &Dossier) -> Outcome {
    let mut kinds: Vec<DocKind> = Vec::new();
    for doc in &d.documents {
        if doc.kind.is_kept_at_province() && !kinds.contains(&doc.kind) {
            kinds.push(doc.kind);
        }
    }
    if kinds.is_empty() {
        (ItemState::Pass, Evidence::NoKeptSent)
    } else {
        (ItemState::Fail, Evidence::KeptSent { kinds })
    }
}

pub(super) fn counterpart_committed(d: &Dossier) -> Outcome {
    if !d.has_document(DocKind::CounterpartCommitment) {
        return (ItemState::Fail, Evidence::CounterpartNoDocument);
    }
    let b = &d.budget;
    if let Some(counterpart) = b.counterpart_vnd.filter(|v| v.0 > 0) {
        return (
            ItemState::Pass,
            Evidence::CounterpartPresent { counterpart },
        );
    }
    let (Some(total), Some(local)) = (b.total_vnd, b.local_vnd) else {
        return (ItemState::Unknown, Evidence::CounterpartUnknown);
    };
    let Some(public) = b.national_vnd.checked_add(local) else {
        return (
            ItemState::Fail,
            Evidence::CounterpartOverflow {
                national: b.national_vnd,
                local,
            },
        );
    };
    let covered = public >= total;
    let state = if covered {
        ItemState::Pass
    } else {
        ItemState::Fail
    };
    (
        state,
        Evidence::CounterpartPublic {
            public,
            total,
            covered,
        },
    )
}

pub(super) fn completion_in_plan_year(d: &Dossier) -> Outcome {
    let expected = d
        .details
        .cluster
        .as_ref()
        .and_then(|c| c.expected_completion);
    // Both dates count when both are given: the later one must be in time.
    let (date, source) = match (d.end, expected) {
        (Some(e), Some(x)) if x > e => (x, CompletionSource::ClusterExpected),
        (Some(e), _) => (e, CompletionSource::End),
        (None, Some(x)) => (x, CompletionSource::ClusterExpected),
        (None, None) => return (ItemState::Unknown, Evidence::CompletionMissing),
    };
    let limit = NaiveDate::from_ymd_opt(d.plan_year, 12, 31).unwrap_or(NaiveDate::MAX);
    let state = if date <= limit {
        ItemState::Pass
    } else {
        ItemState::Fail
    };
    (
        state,
        Evidence::Completion {
            source,
            date,
            limit,
        },
    )
}

pub(super) fn cluster_legal_complete(d: &Dossier) -> Outcome {
    let has_doc = d.has_document(DocKind::ClusterLegal);
    let legal = d.details.cluster.as_ref().and_then(|c| c.legal_complete);
    match (legal, has_doc) {
        (Some(true), true) => (ItemState::Pass, Evidence::ClusterLegalComplete),
        (Some(false), _) => (ItemState::Fail, Evidence::ClusterLegalIncomplete),
        (_, false) => (
            ItemState::Fail,
            Evidence::DocumentsMissing {
                missing: vec![DocKind::ClusterLegal],
            },
        ),
        (None, true) => (ItemState::Unknown, Evidence::ClusterLegalUnstated),
    }
}

/// The best regional or national product certificate (documents and
/// `details.certificate`): the latest validity date, with the day of issue
/// when that date was derived from it (no `valid_until`: 31 December of
/// year `valid_years` counted from the year of issue); and whether some
/// certificate lacked the data to tell, and whether a provincial one was
/// seen.
pub(crate) fn best_certificate(d: &Dossier, valid_years: u32) -> BestCertificate {
    let mut best: Option<(NaiveDate, Option<NaiveDate>)> = None;
    let mut incomplete = false;
    let mut provincial = false;
    let docs = d
        .documents
        .iter()
        .filter(|x| x.kind == DocKind::ProductCertificate)
        .map(|x| (x.level, x.valid_until, None));
    let detail = d
        .details
        .certificate
        .iter()
        .map(|c| (c.level, c.valid_until, c.issued_on));
    for (level, until, issued) in docs.chain(detail) {
        let until = match (until, issued) {
            (Some(u), _) => Some((u, None)),
            (None, Some(i)) => until_from_issue(i, valid_years).map(|u| (u, Some(i))),
            (None, None) => None,
        };
        match (level, until) {
            (Some(CertLevel::Regional | CertLevel::National), Some(u)) => {
                if best.is_none_or(|b| u.0 > b.0) {
                    best = Some(u);
                }
            }
            (Some(CertLevel::Provincial), _) => provincial = true,
            _ => incomplete = true,
        }
    }
    BestCertificate {
        best,
        incomplete,
        provincial,
    }
}

/// What [`best_certificate`] found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct BestCertificate {
    /// Valid until, and the day of issue it was derived from.
    pub best: Option<(NaiveDate, Option<NaiveDate>)>,
    pub incomplete: bool,
    pub provincial: bool,
}

/// 31 December of year `valid_years` counted from the year of issue (the
/// year of issue is the first); `None` for 0 years (not derived).
pub(crate) fn until_from_issue(issued: NaiveDate, valid_years: u32) -> Option<NaiveDate> {
    use chrono::Datelike;
    if valid_years == 0 {
        return None;
    }
    let year = issued.year().checked_add(valid_years as i32 - 1)?;
    NaiveDate::from_ymd_opt(year, 12, 31)
}

pub(super) fn certificate_valid(rules: &Rules, d: &Dossier, as_of: NaiveDate) -> Outcome {
    let years = rules.rule_set(d.plan_year).certificate_valid_years;
    let BestCertificate {
        best,
        incomplete,
        provincial,
    } = best_certificate(d, years);
    match best {
        Some((u, issued)) => {
            let state = if u >= as_of {
                ItemState::Pass
            } else if incomplete {
                ItemState::Unknown
            } else {
                ItemState::Fail
            };
            let evidence = match issued {
                Some(issued_on) => Evidence::CertificateFromIssue {
                    issued_on,
                    valid_until: u,
                    years,
                    as_of,
                },
                None => Evidence::Certificate {
                    valid_until: u,
                    as_of,
                    other_incomplete: incomplete,
                },
            };
            (state, evidence)
        }
        None if incomplete => (ItemState::Unknown, Evidence::CertificateIncomplete),
        None if provincial => (ItemState::Fail, Evidence::CertificateProvincialOnly),
        None => (ItemState::Fail, Evidence::CertificateNone),
    }
}
