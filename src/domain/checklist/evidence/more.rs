//! The evidence of the rules added with the rule sets (establishments'
//! shares, group projects, certificates from their day of issue, duplicate
//! support), written in either language: the same figures in the same
//! order, only the words differ.

use super::{CapUsed, DuplicateHit, Evidence, GroupGap, ShareCheck, cap_line, subtype_label};
use crate::domain::lang::Lang;
use crate::domain::money::Vnd;

/// The line of an evidence kind this file writes (the others are written
/// by [`Evidence::render`] itself and never reach here).
pub(super) fn render(e: &Evidence, l: Lang) -> String {
    match e {
        Evidence::CapEach { cap, shares } => cap_each(l, cap, shares),
        Evidence::SharesSum {
            count,
            national_sum,
            national,
            total_sum,
            total,
        } => shares_sum(l, *count, (*national_sum, *national), (*total_sum, *total)),
        Evidence::GroupNotAllowed {
            category,
            plan_years,
        } => match l {
            Lang::En => format!(
                "group projects are not allowed for {} (plan years {plan_years})",
                category.label(l)
            ),
            Lang::Vi => format!(
                "nội dung {} không được làm đề án nhóm (năm kế hoạch {plan_years})",
                category.label(l)
            ),
        },
        Evidence::GroupAllowed { category, count } => match l {
            Lang::En => format!(
                "group projects allowed for {}; {count} establishments named",
                category.label(l)
            ),
            Lang::Vi => format!(
                "nội dung {} được làm đề án nhóm; nêu {count} cơ sở",
                category.label(l)
            ),
        },
        Evidence::GroupIncomplete { gaps } => {
            let parts: Vec<String> = gaps.iter().map(|g| gap(l, g)).collect();
            format!("{}: {}", l.pick("missing", "thiếu"), parts.join("; "))
        }
        Evidence::CertificateFromIssue {
            issued_on,
            valid_until,
            years,
            as_of,
        } => {
            let (u, i, a) = (l.date(*valid_until), l.date(*issued_on), l.date(*as_of));
            let valid = valid_until >= as_of;
            match l {
                Lang::En => format!(
                    "{} {u} (no valid_until: 31 December of year {years} counted from issue on {i}), appraisal {a}",
                    if valid { "valid until" } else { "expired" }
                ),
                Lang::Vi => format!(
                    "{} {u} (không ghi thời hạn: 31/12 năm thứ {years} kể từ năm cấp {i}), ngày thẩm định {a}",
                    if valid {
                        "còn hiệu lực đến"
                    } else {
                        "hết hiệu lực"
                    }
                ),
            }
        }
        Evidence::Duplicates { hits } => duplicates(l, hits),
        Evidence::NoDuplicate {
            beneficiaries,
            lookback_years,
        } => match (l, *beneficiaries) {
            (Lang::En, 1) => format!(
                "the beneficiary is in no other dossier of the plan year and was not approved in the previous {lookback_years} years"
            ),
            (Lang::En, n) => format!(
                "none of the {n} establishments is in another dossier of the plan year or was approved in the previous {lookback_years} years"
            ),
            (Lang::Vi, 1) => format!(
                "cơ sở không có trong hồ sơ khác cùng năm kế hoạch, không được duyệt trong {lookback_years} năm trước"
            ),
            (Lang::Vi, n) => format!(
                "{n} cơ sở không có trong hồ sơ khác cùng năm kế hoạch, không được duyệt trong {lookback_years} năm trước"
            ),
        },
        Evidence::NoBeneficiaryNamed => l
            .pick(
                "no beneficiary named: nothing to compare",
                "chưa nêu cơ sở thụ hưởng: chưa so được",
            )
            .into(),
        // Written by `Evidence::render`, never sent here.
        _ => String::new(),
    }
}

fn cap_each(l: Lang, cap: &CapUsed, shares: &[ShareCheck]) -> String {
    let failing: Vec<String> = shares
        .iter()
        .filter(|s| !s.percent_ok || !s.amount_ok)
        .map(|s| {
            format!(
                "{}: {}",
                s.name,
                cap_line(
                    l,
                    s.national.unwrap_or(Vnd::ZERO),
                    s.total,
                    s.share_bp,
                    cap,
                    (s.percent_ok, s.amount_ok)
                )
            )
        })
        .collect();
    if !failing.is_empty() {
        return failing.join("; ");
    }
    let missing: Vec<&str> = shares
        .iter()
        .filter(|s| s.national.is_none() || s.total.is_none())
        .map(|s| s.name.as_str())
        .collect();
    let sub = match cap.subtype.as_deref().map(|k| subtype_label(k, l)) {
        Some(s) if !s.is_empty() => format!(" ({s})"),
        _ => String::new(),
    };
    let within = match l {
        Lang::En => format!(
            "{} establishments, each ≤ cap {}% of its total and ≤ {}{sub}",
            shares.len(),
            cap.percent,
            l.millions(cap.amount)
        ),
        Lang::Vi => format!(
            "{} cơ sở, mỗi cơ sở ≤ mức {}% tổng kinh phí của cơ sở và ≤ {}{sub}",
            shares.len(),
            cap.percent,
            l.millions(cap.amount)
        ),
    };
    if missing.is_empty() {
        within
    } else {
        format!(
            "{within}; {}: {}",
            l.pick("share missing for", "thiếu phần kinh phí của"),
            missing.join(", ")
        )
    }
}

fn shares_sum(
    l: Lang,
    count: usize,
    (national_sum, national): (Option<Vnd>, Vnd),
    (total_sum, total): (Option<Vnd>, Option<Vnd>),
) -> String {
    let m = |v: Option<Vnd>| v.map_or_else(|| "?".to_string(), |v| l.millions(v));
    let cmp = |a: Option<Vnd>, b: Option<Vnd>| match (a, b) {
        (Some(x), Some(y)) if x == y => "=",
        (Some(_), Some(_)) => "≠",
        _ => "?",
    };
    match l {
        Lang::En => format!(
            "{count} establishments: national shares {} {} national {}; totals {} {} total {}",
            m(national_sum),
            cmp(national_sum, Some(national)),
            l.millions(national),
            m(total_sum),
            cmp(total_sum, total),
            m(total)
        ),
        Lang::Vi => format!(
            "{count} cơ sở: cộng KCQG các cơ sở {} {} KCQG {}; cộng tổng các cơ sở {} {} tổng {}",
            m(national_sum),
            cmp(national_sum, Some(national)),
            l.millions(national),
            m(total_sum),
            cmp(total_sum, total),
            m(total)
        ),
    }
}

fn gap(l: Lang, g: &GroupGap) -> String {
    match (g, l) {
        (GroupGap::NoBeneficiaries, Lang::En) => "the establishments (beneficiaries)".into(),
        (GroupGap::NoBeneficiaries, Lang::Vi) => "danh sách cơ sở thụ hưởng".into(),
        (GroupGap::Name { index }, Lang::En) => format!("the name of establishment {index}"),
        (GroupGap::Name { index }, Lang::Vi) => format!("tên cơ sở thứ {index}"),
        (GroupGap::Site { who }, Lang::En) => format!("the site of {who}"),
        (GroupGap::Site { who }, Lang::Vi) => format!("địa điểm của {who}"),
        (GroupGap::Machines { who }, Lang::En) => format!("the machine types of {who}"),
        (GroupGap::Machines { who }, Lang::Vi) => format!("loại máy của {who}"),
    }
}

fn duplicates(l: Lang, hits: &[DuplicateHit]) -> String {
    let line = |h: &DuplicateHit| {
        let commune = h
            .other_commune
            .as_deref()
            .map(|c| format!(", {c}"))
            .unwrap_or_default();
        let what = if h.same_commune {
            l.pick("same commune", "cùng xã")
        } else {
            l.pick("commune differs or missing", "khác xã hoặc thiếu xã")
        };
        format!(
            "{} = {} {} {} ({}{commune}, {} {}, {}; {what})",
            h.name,
            h.other_name,
            l.pick("in", "trong"),
            h.code,
            h.province,
            l.pick("plan year", "năm"),
            h.plan_year,
            h.status.label(l),
        )
    };
    let sure = hits.iter().any(|h| h.same_commune);
    let head = match (sure, l) {
        (true, Lang::En) => "supported twice",
        (true, Lang::Vi) => "trùng hỗ trợ",
        (false, Lang::En) => "possible duplicate, check",
        (false, Lang::Vi) => "có thể trùng, cần kiểm tra",
    };
    let list: Vec<String> = hits.iter().map(line).collect();
    format!("{head}: {}", list.join("; "))
}
