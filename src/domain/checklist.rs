//! The checklist of one dossier: the automatic items (fixed ids, evaluated
//! from the dossier's data against the [`Rules`]) and the manual items the
//! appraiser ticks. Pure: no clock (the appraisal date is passed in).

use crate::domain::category::Category;
use crate::domain::date::vn;
use crate::domain::dossier::{CertLevel, DocKind, Dossier, ProjectType};
use crate::domain::money::Vnd;
use crate::domain::rules::{Rules, subtype_key};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// Whether an item is evaluated by the program or ticked by hand.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ItemKind {
    /// Evaluated from the dossier's data.
    Auto,
    /// Ticked by the appraiser.
    Manual,
}

/// The state of an item.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ItemState {
    /// Automatic item satisfied.
    Pass,
    /// Automatic item not satisfied.
    Fail,
    /// Automatic item whose data is missing.
    Unknown,
    /// Manual item ticked.
    Ticked,
    /// Manual item not ticked (or ticked off).
    Unticked,
}

impl ItemState {
    /// `pass` or `ticked`.
    pub fn is_satisfied(self) -> bool {
        matches!(self, ItemState::Pass | ItemState::Ticked)
    }

    /// The contract id (`pass`, `unticked`…).
    pub fn id(self) -> &'static str {
        match self {
            ItemState::Pass => "pass",
            ItemState::Fail => "fail",
            ItemState::Unknown => "unknown",
            ItemState::Ticked => "ticked",
            ItemState::Unticked => "unticked",
        }
    }
}

/// A tick (or untick) of a manual item, as the store records it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Tick {
    /// The manual item's id.
    pub item: String,
    /// Ticked (true) or unticked (false).
    pub on: bool,
    /// Who ticked.
    pub author: String,
    /// When, RFC 3339.
    pub at: String,
    /// The dossier revision it was made on.
    pub revision: i64,
}

/// One evaluated item. Serialises with the keys of `cli.md`
/// (`id`, `kind`, `mandatory`, `state`, `detail`) plus texts, tick, stale.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ItemResult {
    /// Fixed id (automatic) or data id (manual).
    pub id: String,
    /// Automatic or manual.
    pub kind: ItemKind,
    /// Whether approval needs it satisfied.
    pub mandatory: bool,
    /// Its state.
    pub state: ItemState,
    /// One line of evidence (automatic) or who ticked when (manual).
    pub detail: String,
    /// What is checked, in Vietnamese.
    pub text_vi: String,
    /// What is checked, in English.
    pub text_en: String,
    /// The latest tick of a manual item.
    pub tick: Option<Tick>,
    /// Ticked on an older revision of the dossier.
    pub stale: bool,
}

/// The evaluated checklist of one dossier: automatic items first (in the
/// order of `checklists.md`), then the category's manual items.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Checklist {
    /// The items.
    pub items: Vec<ItemResult>,
}

impl Checklist {
    /// True when every mandatory item is `pass` or `ticked`.
    pub fn ok(&self) -> bool {
        self.items
            .iter()
            .all(|i| !i.mandatory || i.state.is_satisfied())
    }

    /// `5/7, 1 failing`: satisfied items over all items, and the failing
    /// automatic items when there are any.
    pub fn summary(&self) -> String {
        let done = self.items.iter().filter(|i| i.state.is_satisfied()).count();
        let mut s = format!("{done}/{}", self.items.len());
        let f = self.failing();
        if f > 0 {
            s.push_str(&format!(", {f} failing"));
        }
        s
    }

    /// Mandatory items not satisfied (what blocks approval).
    pub fn unmet_mandatory(&self) -> Vec<&ItemResult> {
        self.items
            .iter()
            .filter(|i| i.mandatory && !i.state.is_satisfied())
            .collect()
    }

    /// Number of items in state `fail`.
    pub fn failing(&self) -> usize {
        self.items
            .iter()
            .filter(|i| i.state == ItemState::Fail)
            .count()
    }

    /// An item by id.
    pub fn item(&self, id: &str) -> Option<&ItemResult> {
        self.items.iter().find(|i| i.id == id)
    }
}

/// Texts of the automatic items: (vi, en).
fn auto_text(id: &str) -> (&'static str, &'static str) {
    match id {
        "on_time" => ("Nộp hồ sơ đúng hạn", "Submitted on time"),
        "budget_adds_up" => (
            "Kinh phí TW + địa phương + đối ứng = tổng kinh phí",
            "National + local + counterpart = total",
        ),
        "support_cap" => (
            "Kinh phí TW trong mức hỗ trợ tối đa",
            "National support within the cap",
        ),
        "required_documents" => (
            "Đủ tài liệu theo quy định",
            "All required documents present",
        ),
        "no_kept_documents" => (
            "Không gửi giấy ĐKKD, báo cáo tài chính (lưu tại tỉnh)",
            "Business registration and financial reports not sent (kept at the province)",
        ),
        "counterpart_committed" => ("Có cam kết vốn đối ứng", "Counterpart funding committed"),
        "completion_in_plan_year" => (
            "Hoàn thành trong năm kế hoạch",
            "Completed within the plan year",
        ),
        "cluster_legal_complete" => ("Hồ sơ pháp lý CCN đầy đủ", "Cluster legal papers complete"),
        "certificate_valid" => (
            "Chứng nhận SPCNNT tiêu biểu cấp khu vực/quốc gia còn hiệu lực",
            "Regional or national certificate still valid",
        ),
        _ => ("", ""),
    }
}

fn auto(rules: &Rules, id: &str, state: ItemState, detail: String) -> ItemResult {
    let (vi, en) = auto_text(id);
    ItemResult {
        id: id.to_string(),
        kind: ItemKind::Auto,
        mandatory: rules.general.is_mandatory(id),
        state,
        detail,
        text_vi: vi.to_string(),
        text_en: en.to_string(),
        tick: None,
        stale: false,
    }
}

/// Evaluate a dossier's checklist. `ticks` are the manual ticks in the order
/// they were made (the last one per item counts); `current_revision` is the
/// dossier's revision (older ticks are `stale`); `as_of` is the appraisal
/// date (certificate validity).
pub fn evaluate(
    rules: &Rules,
    d: &Dossier,
    ticks: &[Tick],
    current_revision: i64,
    as_of: NaiveDate,
) -> Checklist {
    let mut items = Vec::with_capacity(16);
    let (s, t) = on_time(rules, d);
    items.push(auto(rules, "on_time", s, t));
    let (s, t) = budget_adds_up(d);
    items.push(auto(rules, "budget_adds_up", s, t));
    if let Some((s, t)) = support_cap(rules, d) {
        items.push(auto(rules, "support_cap", s, t));
    }
    let (s, t) = required_documents(rules, d);
    items.push(auto(rules, "required_documents", s, t));
    let (s, t) = no_kept_documents(d);
    items.push(auto(rules, "no_kept_documents", s, t));
    if d.project_type == ProjectType::Named {
        let (s, t) = counterpart_committed(d);
        items.push(auto(rules, "counterpart_committed", s, t));
    }
    if is_cluster(d) {
        let (s, t) = completion_in_plan_year(d);
        items.push(auto(rules, "completion_in_plan_year", s, t));
        let (s, t) = cluster_legal_complete(d);
        items.push(auto(rules, "cluster_legal_complete", s, t));
    }
    if d.category == Category::TypicalProduct {
        let (s, t) = certificate_valid(d, as_of);
        items.push(auto(rules, "certificate_valid", s, t));
    }
    for m in &rules.category(d.category).manual {
        let tick = ticks.iter().rev().find(|t| t.item == m.id).cloned();
        let (state, detail, stale) = match &tick {
            Some(t) => {
                let stale = t.revision < current_revision;
                let verb = if t.on { "ticked" } else { "unticked" };
                let mut detail = format!(
                    "{verb} by {} at {} (revision {})",
                    t.author, t.at, t.revision
                );
                if stale {
                    detail.push_str(&format!(", dossier now at revision {current_revision}"));
                }
                let state = if t.on {
                    ItemState::Ticked
                } else {
                    ItemState::Unticked
                };
                (state, detail, stale)
            }
            None => (ItemState::Unticked, "not ticked".to_string(), false),
        };
        items.push(ItemResult {
            id: m.id.clone(),
            kind: ItemKind::Manual,
            mandatory: m.mandatory,
            state,
            detail,
            text_vi: m.text_vi.clone(),
            text_en: m.text_en.clone(),
            tick,
            stale,
        });
    }
    Checklist { items }
}

fn is_cluster(d: &Dossier) -> bool {
    d.category == Category::PollutionTreatment && d.details.subtype.is_some_and(|s| s.is_cluster())
}

fn on_time(rules: &Rules, d: &Dossier) -> (ItemState, String) {
    let deadline = rules.general.deadline(d.plan_year);
    let text = format!(
        "submitted {}, deadline {}",
        vn(d.submitted_on),
        vn(deadline)
    );
    if d.submitted_on <= deadline {
        (ItemState::Pass, text)
    } else {
        let late = (d.submitted_on - deadline).num_days();
        (ItemState::Fail, format!("{text} ({late} days late)"))
    }
}

fn budget_adds_up(d: &Dossier) -> (ItemState, String) {
    let b = &d.budget;
    let mut missing = Vec::new();
    if b.total_vnd.is_none() {
        missing.push("total");
    }
    if b.local_vnd.is_none() {
        missing.push("local");
    }
    if b.counterpart_vnd.is_none() {
        missing.push("counterpart");
    }
    let (Some(total), Some(local), Some(cp)) = (b.total_vnd, b.local_vnd, b.counterpart_vnd) else {
        return (
            ItemState::Unknown,
            format!("budget {} missing", missing.join(", ")),
        );
    };
    let sum = Vnd(b
        .national_vnd
        .0
        .saturating_add(local.0)
        .saturating_add(cp.0));
    let text = format!(
        "national {} + local {} + counterpart {} = {}",
        b.national_vnd.millions(),
        local.millions(),
        cp.millions(),
        sum.millions()
    );
    if sum == total {
        (ItemState::Pass, format!("{text} = total"))
    } else {
        let diff = Vnd((sum.0 - total.0).abs());
        let dir = if sum.0 > total.0 { "over" } else { "short of" };
        (
            ItemState::Fail,
            format!(
                "{text} ≠ total {} ({} đ {dir} it)",
                total.millions(),
                diff.full()
            ),
        )
    }
}

/// `52%`, `46.15%`: a share with at most two decimals, rounded up when
/// `up` (so an amount just over a cap never reads as exactly at it).
fn percent(part: Vnd, whole: Vnd, up: bool) -> String {
    if whole.0 <= 0 {
        return "—%".into();
    }
    let num = part.0 as i128 * 10_000;
    let den = whole.0 as i128;
    let mut bp = num / den;
    if up && num % den != 0 {
        bp += 1;
    }
    let (w, f) = (bp / 100, bp % 100);
    if f == 0 {
        format!("{w}%")
    } else if f % 10 == 0 {
        format!("{w}.{}%", f / 10)
    } else {
        format!("{w}.{f:02}%")
    }
}

fn support_cap(rules: &Rules, d: &Dossier) -> Option<(ItemState, String)> {
    let cr = rules.category(d.category);
    if cr.caps.is_empty() {
        return None;
    }
    let national = d.budget.national_vnd;
    let Some(key) = subtype_key(d) else {
        return Some((
            ItemState::Unknown,
            "details.subtype missing: the cap depends on it".into(),
        ));
    };
    let Some(cap) = cr.cap(key) else {
        return Some((ItemState::Unknown, format!("no cap configured for {key}")));
    };
    let boosted = rules.general.multiplier_applies(d.priority_area);
    let amount_cap = if boosted {
        let v = cap.amount.0 as i128 * rules.general.priority_multiplier_permille as i128 / 1000;
        Vnd(v.min(i64::MAX as i128) as i64)
    } else {
        cap.amount
    };
    let cap_text = if boosted {
        format!(
            "{} ({} {})",
            amount_cap.millions(),
            cap.amount.millions(),
            rules.general.multiplier_text()
        )
    } else {
        amount_cap.millions()
    };
    let subtype = if key == "default" {
        String::new()
    } else {
        format!(" ({key})")
    };
    let amount_ok = national <= amount_cap;
    let Some(total) = d.budget.total_vnd else {
        return Some(if amount_ok {
            (
                ItemState::Unknown,
                format!(
                    "national {} ≤ cap {cap_text}{subtype}; total missing, {}% not checked",
                    national.millions(),
                    cap.percent
                ),
            )
        } else {
            (
                ItemState::Fail,
                format!("national {} > cap {cap_text}{subtype}", national.millions()),
            )
        });
    };
    let pct_ok = national.0 as i128 * 100 <= cap.percent as i128 * total.0 as i128;
    let share = percent(national, total, !pct_ok);
    let head = format!(
        "national {} = {share} of {}",
        national.millions(),
        total.millions()
    );
    Some(match (pct_ok, amount_ok) {
        (true, true) => (
            ItemState::Pass,
            format!("{head} ≤ cap {}%, ≤ {cap_text}{subtype}", cap.percent),
        ),
        (false, true) => (
            ItemState::Fail,
            format!("{head} > cap {}%{subtype}", cap.percent),
        ),
        (true, false) => (
            ItemState::Fail,
            format!("national {} > cap {cap_text}{subtype}", national.millions()),
        ),
        (false, false) => (
            ItemState::Fail,
            format!("{head} > cap {}% and > {cap_text}{subtype}", cap.percent),
        ),
    })
}

fn required_documents(rules: &Rules, d: &Dossier) -> (ItemState, String) {
    let required = rules.category(d.category).required_documents(d);
    let missing: Vec<&str> = required
        .iter()
        .filter(|&&k| !d.has_document(k))
        .map(|k| k.id())
        .collect();
    if missing.is_empty() {
        (
            ItemState::Pass,
            format!(
                "all {} required documents present ({})",
                required.len(),
                d.project_type.id()
            ),
        )
    } else {
        (ItemState::Fail, format!("missing: {}", missing.join(", ")))
    }
}

fn no_kept_documents(d: &Dossier) -> (ItemState, String) {
    let mut sent: Vec<&str> = Vec::new();
    for doc in &d.documents {
        if doc.kind.is_kept_at_province() && !sent.contains(&doc.kind.id()) {
            sent.push(doc.kind.id());
        }
    }
    if sent.is_empty() {
        (
            ItemState::Pass,
            "no papers kept at the province were sent".into(),
        )
    } else {
        (
            ItemState::Fail,
            format!("sent but kept at the province: {}", sent.join(", ")),
        )
    }
}

fn counterpart_committed(d: &Dossier) -> (ItemState, String) {
    if !d.has_document(DocKind::CounterpartCommitment) {
        return (ItemState::Fail, "no counterpart_commitment document".into());
    }
    let b = &d.budget;
    if let Some(cp) = b.counterpart_vnd.filter(|v| v.0 > 0) {
        return (
            ItemState::Pass,
            format!("commitment present, counterpart {}", cp.millions()),
        );
    }
    let (Some(total), Some(local)) = (b.total_vnd, b.local_vnd) else {
        return (
            ItemState::Unknown,
            "commitment present; counterpart 0 or missing and total/local missing".into(),
        );
    };
    let public = Vnd(b.national_vnd.0.saturating_add(local.0));
    if public < total {
        (
            ItemState::Fail,
            format!(
                "counterpart 0 but national + local {} < total {}",
                public.millions(),
                total.millions()
            ),
        )
    } else {
        (
            ItemState::Pass,
            format!(
                "commitment present; national + local {} cover total {}",
                public.millions(),
                total.millions()
            ),
        )
    }
}

fn completion_in_plan_year(d: &Dossier) -> (ItemState, String) {
    let expected = d
        .details
        .cluster
        .as_ref()
        .and_then(|c| c.expected_completion);
    // Both dates count when both are given: the later one must be in time.
    let (date, source) = match (d.end, expected) {
        (Some(e), Some(x)) if x > e => (x, "cluster.expected_completion"),
        (Some(e), _) => (e, "end"),
        (None, Some(x)) => (x, "cluster.expected_completion"),
        (None, None) => {
            return (
                ItemState::Unknown,
                "end and cluster.expected_completion missing".into(),
            );
        }
    };
    let limit = NaiveDate::from_ymd_opt(d.plan_year, 12, 31).unwrap_or(NaiveDate::MAX);
    let text = format!("{source} {}, plan year ends {}", vn(date), vn(limit));
    if date <= limit {
        (ItemState::Pass, text)
    } else {
        (ItemState::Fail, text)
    }
}

fn cluster_legal_complete(d: &Dossier) -> (ItemState, String) {
    let has_doc = d.has_document(DocKind::ClusterLegal);
    let legal = d.details.cluster.as_ref().and_then(|c| c.legal_complete);
    match (legal, has_doc) {
        (Some(true), true) => (
            ItemState::Pass,
            "legal papers complete, cluster_legal present".into(),
        ),
        (Some(false), _) => (ItemState::Fail, "cluster.legal_complete is false".into()),
        (_, false) => (ItemState::Fail, "missing: cluster_legal".into()),
        (None, true) => (
            ItemState::Unknown,
            "cluster_legal present; cluster.legal_complete missing".into(),
        ),
    }
}

/// The latest `valid_until` among the regional or national product
/// certificates (documents and `details.certificate`), and whether some
/// certificate lacked the data to tell.
pub(crate) fn best_certificate(d: &Dossier) -> (Option<NaiveDate>, bool, bool) {
    let mut best: Option<NaiveDate> = None;
    let mut incomplete = false;
    let mut provincial = false;
    let docs = d
        .documents
        .iter()
        .filter(|x| x.kind == DocKind::ProductCertificate)
        .map(|x| (x.level, x.valid_until));
    let detail = d
        .details
        .certificate
        .iter()
        .map(|c| (c.level, c.valid_until));
    for (level, until) in docs.chain(detail) {
        match (level, until) {
            (Some(CertLevel::Regional | CertLevel::National), Some(u)) => {
                best = best.max(Some(u));
            }
            (Some(CertLevel::Provincial), _) => provincial = true,
            _ => incomplete = true,
        }
    }
    (best, incomplete, provincial)
}

fn certificate_valid(d: &Dossier, as_of: NaiveDate) -> (ItemState, String) {
    let (best, incomplete, provincial) = best_certificate(d);
    match best {
        Some(u) if u >= as_of => (
            ItemState::Pass,
            format!("valid until {}, appraisal {}", vn(u), vn(as_of)),
        ),
        Some(u) if incomplete => (
            ItemState::Unknown,
            format!(
                "expired {}, appraisal {}; another certificate lacks level or valid_until",
                vn(u),
                vn(as_of)
            ),
        ),
        Some(u) => (
            ItemState::Fail,
            format!("expired {}, appraisal {}", vn(u), vn(as_of)),
        ),
        None if incomplete => (
            ItemState::Unknown,
            "certificate level or valid_until missing".into(),
        ),
        None if provincial => (ItemState::Fail, "only a provincial certificate".into()),
        None => (
            ItemState::Fail,
            "no regional or national certificate".into(),
        ),
    }
}
