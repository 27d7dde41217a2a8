//! What an automatic rule found, as data (which rule, which figures, which
//! dates), and its one line in each language. The engine ([`super::auto`])
//! only builds [`Evidence`]; [`Evidence::render`] writes it. The serde form
//! is what `show --format json` prints under `evidence`.

use crate::domain::category::Category;
use crate::domain::dossier::{DocKind, ModelKind, PollutionSubtype, ProjectType};
use crate::domain::lang::Lang;
use crate::domain::money::Vnd;
use chrono::NaiveDate;
use serde::Serialize;

/// A part of the budget split.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum BudgetPart {
    Total,
    Local,
    Counterpart,
}

impl BudgetPart {
    fn label(self, lang: Lang) -> &'static str {
        match self {
            BudgetPart::Total => lang.pick("total", "tổng"),
            BudgetPart::Local => lang.pick("local", "địa phương"),
            BudgetPart::Counterpart => lang.pick("counterpart", "đối ứng"),
        }
    }
}

/// Which date decided the completion rule.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum CompletionSource {
    /// The dossier's `end`.
    End,
    /// `details.cluster.expected_completion`.
    ClusterExpected,
}

/// The support cap that applied: its share, its amount, the multiplier of
/// a priority area, and which subtype it is for.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CapUsed {
    /// The cap's share of the total, in percent.
    pub percent: u32,
    /// The amount cap after the multiplier.
    pub amount: Vnd,
    /// The configured amount, when a priority multiplier raised it.
    pub base_amount: Option<Vnd>,
    /// The multiplier as written in data (`1.5`), when it applied.
    pub multiplier: Option<String>,
    /// The subtype key (`technology_line`, `cluster_treatment`); `None`
    /// for a category's only cap.
    pub subtype: Option<String>,
    /// The article of this cap, when the rule set names one for it.
    #[serde(skip)]
    pub basis: Option<String>,
}

/// The evidence of one checklist item.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "rule", rename_all = "snake_case")]
pub enum Evidence {
    /// Submission against the deadline; `late_days` > 0 when late.
    Deadline {
        submitted: NaiveDate,
        deadline: NaiveDate,
        late_days: i64,
    },
    /// Parts of the budget missing.
    BudgetMissing { missing: Vec<BudgetPart> },
    /// The parts do not fit in an amount.
    BudgetOverflow {
        national: Vnd,
        local: Vnd,
        counterpart: Vnd,
    },
    /// The parts against the total.
    BudgetSum {
        national: Vnd,
        local: Vnd,
        counterpart: Vnd,
        sum: Vnd,
        total: Vnd,
    },
    /// Pollution treatment without a subtype: the cap depends on it.
    CapSubtypeMissing,
    /// No cap configured for the subtype.
    CapNotConfigured { subtype: String },
    /// National support against the cap. `share_bp` is national / total in
    /// hundredths of a percent (rounded up when over the cap); `None` when
    /// the total is missing or zero.
    Cap {
        national: Vnd,
        total: Option<Vnd>,
        share_bp: Option<i64>,
        cap: CapUsed,
        percent_ok: bool,
        amount_ok: bool,
    },
    /// Every required document is there.
    DocumentsPresent {
        count: usize,
        project_type: ProjectType,
    },
    /// Required documents that are missing.
    DocumentsMissing { missing: Vec<DocKind> },
    /// No paper kept at the province was sent.
    NoKeptSent,
    /// Papers kept at the province that were sent.
    KeptSent { kinds: Vec<DocKind> },
    /// No counterpart commitment document.
    CounterpartNoDocument,
    /// A commitment and a counterpart amount.
    CounterpartPresent { counterpart: Vnd },
    /// A commitment, but neither the counterpart nor total/local known.
    CounterpartUnknown,
    /// National + local does not fit in an amount.
    CounterpartOverflow { national: Vnd, local: Vnd },
    /// Counterpart 0: public funds against the total.
    CounterpartPublic {
        public: Vnd,
        total: Vnd,
        covered: bool,
    },
    /// The completion date against the end of the plan year.
    Completion {
        source: CompletionSource,
        date: NaiveDate,
        limit: NaiveDate,
    },
    /// Neither date known.
    CompletionMissing,
    /// The cluster's legal papers complete and present.
    ClusterLegalComplete,
    /// The dossier says they are not complete.
    ClusterLegalIncomplete,
    /// The document is there but completeness is not stated.
    ClusterLegalUnstated,
    /// The best regional/national certificate against the appraisal date.
    /// `other_incomplete`: another certificate lacks level or date.
    Certificate {
        valid_until: NaiveDate,
        as_of: NaiveDate,
        other_incomplete: bool,
    },
    /// A certificate lacks level or validity date.
    CertificateIncomplete,
    /// Only provincial certificates.
    CertificateProvincialOnly,
    /// No regional or national certificate.
    CertificateNone,
    /// Each establishment's share against the cap (`beneficiaries`).
    CapEach {
        cap: CapUsed,
        shares: Vec<ShareCheck>,
    },
    /// The establishments' shares against the dossier's figures; a sum is
    /// `None` when a share is missing (or the sum overflows).
    SharesSum {
        count: usize,
        national_sum: Option<Vnd>,
        national: Vnd,
        total_sum: Option<Vnd>,
        total: Option<Vnd>,
    },
    /// A group project in a category where the rule set forbids it.
    GroupNotAllowed {
        category: Category,
        plan_years: String,
    },
    /// A group project allowed (and complete, for machinery).
    GroupAllowed { category: Category, count: usize },
    /// A machinery group project that does not name what it must.
    GroupIncomplete { gaps: Vec<GroupGap> },
    /// A certificate with only its day of issue: the validity it was given.
    CertificateFromIssue {
        issued_on: NaiveDate,
        valid_until: NaiveDate,
        years: u32,
        as_of: NaiveDate,
    },
    /// The same beneficiary in other dossiers (`fail` when the commune is
    /// the same too, else `unknown`).
    Duplicates { hits: Vec<DuplicateHit> },
    /// No other dossier of the plan year, nor an approved one of the
    /// previous `lookback_years`, has the beneficiary.
    NoDuplicate {
        beneficiaries: usize,
        lookback_years: u32,
    },
    /// The dossier names no beneficiary to look for.
    NoBeneficiaryNamed,
    /// A manual item's latest tick.
    Ticked {
        on: bool,
        author: String,
        at: String,
        revision: i64,
        /// The dossier's revision now, when the tick is older.
        now: Option<i64>,
    },
    /// A manual item never ticked.
    NotTicked,
}

/// One establishment's share against the cap.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ShareCheck {
    /// Its name (or `#n` when it has none).
    pub name: String,
    pub national: Option<Vnd>,
    pub total: Option<Vnd>,
    /// national / total in hundredths of a percent (rounded up when over).
    pub share_bp: Option<i64>,
    pub percent_ok: bool,
    pub amount_ok: bool,
}

/// What a machinery group project fails to name.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "missing", rename_all = "snake_case")]
pub enum GroupGap {
    /// No `beneficiaries` at all.
    NoBeneficiaries,
    /// Establishment number `index` (1-based) has no name.
    Name { index: usize },
    /// An establishment with neither commune nor district.
    Site { who: String },
    /// An establishment with no named machine (and none in `details`).
    Machines { who: String },
}

/// Another dossier with the same beneficiary.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DuplicateHit {
    /// The beneficiary as this dossier writes it.
    pub name: String,
    /// The other dossier.
    pub code: String,
    pub plan_year: i32,
    pub province: String,
    pub status: crate::domain::Status,
    /// The name as the other dossier writes it.
    pub other_name: String,
    /// Its commune, if given.
    pub other_commune: Option<String>,
    /// Same commune as well (then it fails); `false` when either is missing
    /// or they differ (then it is a candidate: `unknown`).
    pub same_commune: bool,
}

mod more;

/// The label of a cap or document subtype key.
pub fn subtype_label(key: &str, lang: Lang) -> String {
    match key {
        "establishment" => lang.pick("per establishment", "mỗi cơ sở").into(),
        "technology_line" => lang
            .pick("technology line", "cả dây chuyền công nghệ")
            .into(),
        "default" => String::new(),
        k if ModelKind::from_id(k).is_some() => {
            ModelKind::from_id(k).map_or_else(String::new, |m| m.label(lang).into())
        }
        k => PollutionSubtype::from_id(k).map_or_else(|| k.to_string(), |s| s.label(lang).into()),
    }
}

fn docs(kinds: &[DocKind], lang: Lang) -> String {
    kinds
        .iter()
        .map(|k| k.label(lang))
        .collect::<Vec<_>>()
        .join(", ")
}

fn cap_amount_text(cap: &CapUsed, lang: Lang) -> String {
    match (&cap.base_amount, &cap.multiplier) {
        (Some(base), Some(m)) => format!(
            "{} ({} × {})",
            lang.millions(cap.amount),
            lang.millions(*base),
            lang.decimal(m)
        ),
        _ => lang.millions(cap.amount),
    }
}

/// An amount in millions, or in full đồng when it is over `cap` by less
/// than the millions display shows (`300,000,001 đ`, not `300 tr`).
fn amount_near(amount: Vnd, cap: Vnd, lang: Lang) -> String {
    if amount > cap && amount.0 - cap.0 < 10_000 {
        lang.full(amount)
    } else {
        lang.millions(amount)
    }
}

/// The support-cap line, in either language (the same figures and order;
/// only the words differ).
pub(super) fn cap_line(
    l: Lang,
    national: Vnd,
    total: Option<Vnd>,
    share_bp: Option<i64>,
    cap: &CapUsed,
    (percent_ok, amount_ok): (bool, bool),
) -> String {
    let nat = l.pick("national", "KCQG");
    let capw = l.pick("cap", "mức");
    let sub = match cap.subtype.as_deref().map(|k| subtype_label(k, l)) {
        Some(s) if !s.is_empty() => format!(" ({s})"),
        _ => String::new(),
    };
    let cap_text = cap_amount_text(cap, l);
    let p = cap.percent;
    let over = format!(
        "{nat} {} > {capw} {cap_text}{sub}",
        amount_near(national, cap.amount, l)
    );
    let Some(total) = total else {
        return if amount_ok {
            let rest = match l {
                Lang::En => format!("total missing, {p}% not checked"),
                Lang::Vi => format!("thiếu tổng kinh phí, chưa kiểm tra mức {p}%"),
            };
            format!(
                "{nat} {} ≤ {capw} {cap_text}{sub}; {rest}",
                l.millions(national)
            )
        } else {
            over
        };
    };
    let head = format!(
        "{nat} {} = {} {} {}",
        l.millions(national),
        l.percent_bp(share_bp),
        l.pick("of", "tổng"),
        l.millions(total)
    );
    match (percent_ok, amount_ok) {
        (true, true) => format!("{head} ≤ {capw} {p}%, ≤ {cap_text}{sub}"),
        (false, true) => format!("{head} > {capw} {p}%{sub}"),
        (true, false) => over,
        (false, false) => format!(
            "{head} > {capw} {p}% {} > {cap_text}{sub}",
            l.pick("and", "và")
        ),
    }
}

impl Evidence {
    /// The evidence in one line of `lang`.
    pub fn render(&self, lang: Lang) -> String {
        match lang {
            Lang::En => self.en(),
            Lang::Vi => self.vi(),
        }
    }

    fn en(&self) -> String {
        let l = Lang::En;
        let m = |v: &Vnd| l.millions(*v);
        let d = |x: &NaiveDate| l.date(*x);
        match self {
            Evidence::Deadline {
                submitted,
                deadline,
                late_days,
            } => {
                let text = format!("submitted {}, deadline {}", d(submitted), d(deadline));
                match late_days {
                    n if *n <= 0 => text,
                    1 => format!("{text} (1 day late)"),
                    n => format!("{text} ({n} days late)"),
                }
            }
            Evidence::BudgetMissing { missing } => {
                let parts: Vec<&str> = missing.iter().map(|p| p.label(l)).collect();
                format!("budget {} missing", parts.join(", "))
            }
            Evidence::BudgetOverflow {
                national,
                local,
                counterpart,
            } => format!(
                "national {} + local {} + counterpart {} overflows: the sum is too large to be an amount",
                m(national),
                m(local),
                m(counterpart)
            ),
            Evidence::BudgetSum {
                national,
                local,
                counterpart,
                sum,
                total,
            } => {
                let text = format!(
                    "national {} + local {} + counterpart {} = {}",
                    m(national),
                    m(local),
                    m(counterpart),
                    m(sum)
                );
                if sum == total {
                    format!("{text} = total")
                } else {
                    let dir = if sum.0 > total.0 { "over" } else { "short of" };
                    format!(
                        "{text} ≠ total {} ({} {dir} it)",
                        m(total),
                        l.full(Vnd((sum.0 - total.0).abs()))
                    )
                }
            }
            Evidence::CapSubtypeMissing => {
                "the project's subtype is missing: the cap depends on it".into()
            }
            Evidence::CapNotConfigured { subtype } => {
                format!("no cap configured for {}", subtype_label(subtype, l))
            }
            Evidence::Cap {
                national,
                total,
                share_bp,
                cap,
                percent_ok,
                amount_ok,
            } => cap_line(
                l,
                *national,
                *total,
                *share_bp,
                cap,
                (*percent_ok, *amount_ok),
            ),
            Evidence::DocumentsPresent {
                count,
                project_type,
            } => format!(
                "all {count} required documents present ({})",
                project_type.label(l)
            ),
            Evidence::DocumentsMissing { missing } => format!("missing: {}", docs(missing, l)),
            Evidence::NoKeptSent => "no papers kept at the province were sent".into(),
            Evidence::KeptSent { kinds } => {
                format!("sent but kept at the province: {}", docs(kinds, l))
            }
            Evidence::CounterpartNoDocument => "no counterpart commitment document".into(),
            Evidence::CounterpartPresent { counterpart } => {
                format!("commitment present, counterpart {}", m(counterpart))
            }
            Evidence::CounterpartUnknown => {
                "commitment present; counterpart 0 or missing and total/local missing".into()
            }
            Evidence::CounterpartOverflow { national, local } => format!(
                "national {} + local {} overflows: the sum is too large to be an amount",
                m(national),
                m(local)
            ),
            Evidence::CounterpartPublic {
                public,
                total,
                covered: false,
            } => format!(
                "counterpart 0 but national + local {} < total {}",
                m(public),
                m(total)
            ),
            Evidence::CounterpartPublic { public, total, .. } => format!(
                "commitment present; national + local {} cover total {}",
                m(public),
                m(total)
            ),
            Evidence::Completion {
                source,
                date,
                limit,
            } => {
                let what = match source {
                    CompletionSource::End => "end",
                    CompletionSource::ClusterExpected => "cluster's expected completion",
                };
                format!("{what} {}, plan year ends {}", d(date), d(limit))
            }
            Evidence::CompletionMissing => {
                "end and the cluster's expected completion missing".into()
            }
            Evidence::ClusterLegalComplete => {
                "legal papers complete, cluster legal papers present".into()
            }
            Evidence::ClusterLegalIncomplete => "the cluster's legal papers are incomplete".into(),
            Evidence::ClusterLegalUnstated => {
                "cluster legal papers present; not stated whether complete".into()
            }
            Evidence::Certificate {
                valid_until,
                as_of,
                other_incomplete,
            } => {
                if valid_until >= as_of {
                    format!("valid until {}, appraisal {}", d(valid_until), d(as_of))
                } else if *other_incomplete {
                    format!(
                        "expired {}, appraisal {}; another certificate lacks its level or validity date",
                        d(valid_until),
                        d(as_of)
                    )
                } else {
                    format!("expired {}, appraisal {}", d(valid_until), d(as_of))
                }
            }
            Evidence::CertificateIncomplete => "certificate level or validity date missing".into(),
            Evidence::CertificateProvincialOnly => "only a provincial certificate".into(),
            Evidence::CertificateNone => "no regional or national certificate".into(),
            Evidence::Ticked {
                on,
                author,
                at,
                revision,
                now,
            } => {
                let verb = if *on { "ticked" } else { "unticked" };
                let mut s = format!("{verb} by {author} at {at} (revision {revision})");
                if let Some(n) = now {
                    s.push_str(&format!(", dossier now at revision {n}"));
                }
                s
            }
            Evidence::NotTicked => "not ticked".into(),
            v @ (Evidence::CapEach { .. }
            | Evidence::SharesSum { .. }
            | Evidence::GroupNotAllowed { .. }
            | Evidence::GroupAllowed { .. }
            | Evidence::GroupIncomplete { .. }
            | Evidence::CertificateFromIssue { .. }
            | Evidence::Duplicates { .. }
            | Evidence::NoDuplicate { .. }
            | Evidence::NoBeneficiaryNamed) => more::render(v, l),
        }
    }

    fn vi(&self) -> String {
        let l = Lang::Vi;
        let m = |v: &Vnd| l.millions(*v);
        let d = |x: &NaiveDate| l.date(*x);
        match self {
            Evidence::Deadline {
                submitted,
                deadline,
                late_days,
            } => {
                let text = format!("nộp ngày {}, hạn {}", d(submitted), d(deadline));
                if *late_days <= 0 {
                    format!("{text}: đúng hạn")
                } else {
                    format!("{text}: trễ {late_days} ngày")
                }
            }
            Evidence::BudgetMissing { missing } => {
                let parts: Vec<&str> = missing.iter().map(|p| p.label(l)).collect();
                format!("thiếu kinh phí {}", parts.join(", "))
            }
            Evidence::BudgetOverflow {
                national,
                local,
                counterpart,
            } => format!(
                "KCQG {} + địa phương {} + đối ứng {}: tổng quá lớn, không thành số tiền",
                m(national),
                m(local),
                m(counterpart)
            ),
            Evidence::BudgetSum {
                national,
                local,
                counterpart,
                sum,
                total,
            } => {
                let text = format!(
                    "KCQG {} + địa phương {} + đối ứng {} = {}",
                    m(national),
                    m(local),
                    m(counterpart),
                    m(sum)
                );
                if sum == total {
                    format!("{text} = tổng kinh phí")
                } else {
                    let dir = if sum.0 > total.0 { "thừa" } else { "thiếu" };
                    format!(
                        "{text} ≠ tổng {} ({dir} {})",
                        m(total),
                        l.full(Vnd((sum.0 - total.0).abs()))
                    )
                }
            }
            Evidence::CapSubtypeMissing => {
                "thiếu loại dự án: mức hỗ trợ tối đa phụ thuộc vào đó".into()
            }
            Evidence::CapNotConfigured { subtype } => {
                format!("chưa quy định mức hỗ trợ cho {}", subtype_label(subtype, l))
            }
            Evidence::Cap {
                national,
                total,
                share_bp,
                cap,
                percent_ok,
                amount_ok,
            } => cap_line(
                l,
                *national,
                *total,
                *share_bp,
                cap,
                (*percent_ok, *amount_ok),
            ),
            Evidence::DocumentsPresent {
                count,
                project_type,
            } => format!("đủ {count} tài liệu bắt buộc ({})", project_type.label(l)),
            Evidence::DocumentsMissing { missing } => format!("thiếu: {}", docs(missing, l)),
            Evidence::NoKeptSent => "không gửi giấy tờ phải lưu tại tỉnh".into(),
            Evidence::KeptSent { kinds } => {
                format!("đã gửi giấy tờ phải lưu tại tỉnh: {}", docs(kinds, l))
            }
            Evidence::CounterpartNoDocument => "không có cam kết vốn đối ứng".into(),
            Evidence::CounterpartPresent { counterpart } => {
                format!("có cam kết, vốn đối ứng {}", m(counterpart))
            }
            Evidence::CounterpartUnknown => {
                "có cam kết; vốn đối ứng bằng 0 hoặc thiếu, thiếu tổng hoặc kinh phí địa phương"
                    .into()
            }
            Evidence::CounterpartOverflow { national, local } => format!(
                "KCQG {} + địa phương {}: tổng quá lớn, không thành số tiền",
                m(national),
                m(local)
            ),
            Evidence::CounterpartPublic {
                public,
                total,
                covered: false,
            } => format!(
                "vốn đối ứng 0 nhưng KCQG + địa phương {} < tổng {}",
                m(public),
                m(total)
            ),
            Evidence::CounterpartPublic { public, total, .. } => format!(
                "có cam kết; KCQG + địa phương {} đủ tổng {}",
                m(public),
                m(total)
            ),
            Evidence::Completion {
                source,
                date,
                limit,
            } => {
                let what = match source {
                    CompletionSource::End => "kết thúc",
                    CompletionSource::ClusterExpected => "CCN dự kiến hoàn thành",
                };
                format!("{what} {}, năm kế hoạch kết thúc {}", d(date), d(limit))
            }
            Evidence::CompletionMissing => {
                "thiếu ngày kết thúc và ngày CCN dự kiến hoàn thành".into()
            }
            Evidence::ClusterLegalComplete => "hồ sơ pháp lý CCN đầy đủ, có kèm theo".into(),
            Evidence::ClusterLegalIncomplete => "hồ sơ pháp lý CCN chưa đầy đủ".into(),
            Evidence::ClusterLegalUnstated => {
                "có hồ sơ pháp lý CCN; chưa nêu đã đầy đủ hay chưa".into()
            }
            Evidence::Certificate {
                valid_until,
                as_of,
                other_incomplete,
            } => {
                if valid_until >= as_of {
                    format!(
                        "còn hiệu lực đến {}, ngày thẩm định {}",
                        d(valid_until),
                        d(as_of)
                    )
                } else if *other_incomplete {
                    format!(
                        "hết hiệu lực {}, ngày thẩm định {}; giấy chứng nhận khác thiếu cấp hoặc thời hạn",
                        d(valid_until),
                        d(as_of)
                    )
                } else {
                    format!(
                        "hết hiệu lực {}, ngày thẩm định {}",
                        d(valid_until),
                        d(as_of)
                    )
                }
            }
            Evidence::CertificateIncomplete => "giấy chứng nhận thiếu cấp hoặc thời hạn".into(),
            Evidence::CertificateProvincialOnly => "chỉ có giấy chứng nhận cấp tỉnh".into(),
            Evidence::CertificateNone => {
                "không có giấy chứng nhận cấp khu vực hoặc quốc gia".into()
            }
            Evidence::Ticked {
                on,
                author,
                at,
                revision,
                now,
            } => {
                let verb = if *on { "đã tích" } else { "đã bỏ tích" };
                let mut s = format!(
                    "{verb} bởi {author} lúc {} (lần nộp {revision})",
                    l.datetime(at)
                );
                if let Some(n) = now {
                    s.push_str(&format!(", hồ sơ nay ở lần nộp {n}"));
                }
                s
            }
            Evidence::NotTicked => "chưa tích".into(),
            v @ (Evidence::CapEach { .. }
            | Evidence::SharesSum { .. }
            | Evidence::GroupNotAllowed { .. }
            | Evidence::GroupAllowed { .. }
            | Evidence::GroupIncomplete { .. }
            | Evidence::CertificateFromIssue { .. }
            | Evidence::Duplicates { .. }
            | Evidence::NoDuplicate { .. }
            | Evidence::NoBeneficiaryNamed) => more::render(v, l),
        }
    }
}

#[cfg(test)]
mod samples;
#[cfg(test)]
pub use samples::samples;
