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

/// The fixed ids of the automatic items (re-exported from [`crate::domain::rules`]).
pub use crate::domain::rules::AUTO_IDS;

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
        let unit = if late == 1 { "day" } else { "days" };
        (ItemState::Fail, format!("{text} ({late} {unit} late)"))
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
    let terms = format!(
        "national {} + local {} + counterpart {}",
        b.national_vnd.millions(),
        local.millions(),
        cp.millions()
    );
    let Some(sum) = Vnd::checked_sum([b.national_vnd, local, cp]) else {
        return (
            ItemState::Fail,
            format!("{terms} overflows: the sum is too large to be an amount"),
        );
    };
    let text = format!("{terms} = {}", sum.millions());
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

/// `52%`, `46.15%`: a share with at most two decimals, rounded to the
/// nearest, or up when `up` (so an amount just over a cap never reads as
/// exactly at it).
fn percent(part: Vnd, whole: Vnd, up: bool) -> String {
    if whole.0 <= 0 {
        return "—%".into();
    }
    let num = part.0 as i128 * 10_000;
    let den = whole.0 as i128;
    let mut bp = num / den;
    let rem = num % den;
    if (up && rem != 0) || (!up && rem * 2 >= den) {
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

/// An amount in millions, or in full đồng when it is over `cap` by less
/// than the millions display shows (`300,000,001 đ`, not `300.00 tr`).
fn amount_text(amount: Vnd, cap: Vnd) -> String {
    if amount > cap && amount.0 - cap.0 < 10_000 {
        format!("{} đ", amount.full())
    } else {
        amount.millions()
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
            "{} ({} × {})",
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
    let national_text = amount_text(national, amount_cap);
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
                format!("national {national_text} > cap {cap_text}{subtype}"),
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
            format!("national {national_text} > cap {cap_text}{subtype}"),
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
    let Some(public) = b.national_vnd.checked_add(local) else {
        return (
            ItemState::Fail,
            format!(
                "national {} + local {} overflows: the sum is too large to be an amount",
                b.national_vnd.millions(),
                local.millions()
            ),
        );
    };
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

#[cfg(test)]
mod tests {
    use super::*;
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
                "national 300 tr = 50% of 600 tr ≤ cap 50%, ≤ 300 tr (establishment)".into()
            )
        );
        // One đồng less in the total puts the national share just over 50%.
        money(&mut d, 599_999_999, 300_000_000);
        let (s, t) = state(&d, "support_cap");
        assert_eq!(s, ItemState::Fail);
        assert_eq!(
            t,
            "national 300 tr = 50.01% of 599.99 tr > cap 50% (establishment)"
        );
        // The example of the spec.
        let mut demo = fixtures::machinery();
        demo.category = Category::DemonstrationModel;
        money(&mut demo, 1_000_000_000, 520_000_000);
        assert_eq!(
            state(&demo, "support_cap"),
            (
                ItemState::Fail,
                "national 520 tr = 52% of 1,000 tr > cap 30%".into()
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
                "national 300.000.001 đ > cap 300 tr (establishment)".into()
            )
        );
        // A highland establishment gets 1.5× the amount: 450 tr.
        money(&mut d, 1_000_000_000, 450_000_000);
        assert_eq!(state(&d, "support_cap").0, ItemState::Fail);
        d.priority_area = Some(PriorityArea::HighlandBorderIslandEthnic);
        assert_eq!(
            state(&d, "support_cap"),
            (ItemState::Pass, "national 450 tr = 45% of 1,000 tr ≤ cap 50%, ≤ 450 tr (300 tr × 1.5) (establishment)".into())
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
                "all 8 required documents present (named)".into()
            )
        );
        d.documents
            .retain(|x| !matches!(x.kind, DocKind::Quotation | DocKind::NoDoubleFunding));
        assert_eq!(
            state(&d, "required_documents"),
            (
                ItemState::Fail,
                "missing: no_double_funding, quotation".into()
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
                "all 2 required documents present (pilot)".into()
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
            (ItemState::Fail, "missing: cluster_legal".into())
        );
        let mut t = typical(Some(CertLevel::National), Some(day(2026, 1, 1)));
        assert_eq!(state(&t, "required_documents").0, ItemState::Pass);
        t.documents.retain(|x| x.kind != DocKind::ProductPhotos);
        assert_eq!(
            state(&t, "required_documents"),
            (ItemState::Fail, "missing: product_photos".into())
        );
        let mut tr = fixtures::machinery();
        tr.category = Category::Training;
        let (s, t) = state(&tr, "required_documents");
        assert_eq!(s, ItemState::Fail);
        assert_eq!(t, "missing: curriculum, trainee_plan");
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
            "sent but kept at the province: financial_report, business_registration"
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
            (ItemState::Fail, "no counterpart_commitment document".into())
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
                "cluster.expected_completion 31/03/2025, plan year ends 31/12/2024".into()
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
            (ItemState::Fail, "cluster.legal_complete is false".into())
        );
        cluster(&mut p).legal_complete = Some(true);
        p.documents.retain(|x| x.kind != DocKind::ClusterLegal);
        assert_eq!(
            state(&p, "cluster_legal_complete"),
            (ItemState::Fail, "missing: cluster_legal".into())
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
}
