//! The checklist of one dossier: the automatic items (fixed ids, evaluated
//! from the dossier's data against the [`Rules`]) and the manual items the
//! appraiser ticks. Pure: no clock (the appraisal date is passed in).

//!
//! Rooms: [`auto`] holds the rules (data in, state and [`Evidence`] out),
//! [`evidence`] writes the evidence in a language, this file puts the items
//! together.

mod auto;
pub mod evidence;
mod group;

pub(crate) use auto::best_certificate;
pub use evidence::Evidence;

use crate::domain::category::Category;
use crate::domain::dossier::{Dossier, ProjectType};
use crate::domain::lang::Lang;
use crate::domain::rules::Rules;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

crate::vocabulary! {
    /// The automatic items: the fixed ids of `checklists.md`, in its order,
    /// then those added since (`group_allowed`, `no_duplicate_support`,
    /// documented in `data/README.md`).
    /// The only list of them; their labels and texts are in
    /// `data/checklists.toml` (`[auto.<id>]`).
    #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
    pub enum AutoItem {
        OnTime = "on_time";
        BudgetAddsUp = "budget_adds_up";
        SupportCap = "support_cap";
        RequiredDocuments = "required_documents";
        NoKeptDocuments = "no_kept_documents";
        CounterpartCommitted = "counterpart_committed";
        CompletionInPlanYear = "completion_in_plan_year";
        ClusterLegalComplete = "cluster_legal_complete";
        CertificateValid = "certificate_valid";
        GroupAllowed = "group_allowed";
        NoDuplicateSupport = "no_duplicate_support";
    }
}

impl AutoItem {
    /// Mandatory unless `data/` says otherwise.
    pub fn mandatory_by_default(self) -> bool {
        !matches!(self, AutoItem::NoKeptDocuments | AutoItem::CertificateValid)
    }
}

crate::vocabulary! {
    /// Whether an item is evaluated by the program or ticked by hand.
    #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
    pub enum ItemKind {
        Auto = "auto", "checked from the dossier", "kiểm tra tự động";
        Manual = "manual", "ticked by the appraiser", "thẩm định viên tự tích";
    }
}

crate::vocabulary! {
    /// The state of an item: pass, fail, unknown (automatic items whose
    /// data is missing), ticked, unticked (manual items).
    #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
    pub enum ItemState {
        Pass = "pass", "passes", "đạt";
        Fail = "fail", "fails", "không đạt";
        Unknown = "unknown", "unknown (data missing)", "chưa rõ (thiếu dữ liệu)";
        Ticked = "ticked", "ticked", "đã tích";
        Unticked = "unticked", "not ticked", "chưa tích";
    }
}

impl ItemState {
    /// `pass` or `ticked`.
    pub fn is_satisfied(self) -> bool {
        matches!(self, ItemState::Pass | ItemState::Ticked)
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
    /// One line of evidence (automatic) or who ticked when (manual), in
    /// English; [`ItemResult::detail_in`] writes it in any language.
    pub detail: String,
    /// The evidence as data (`show --format json`: `evidence`).
    pub evidence: Evidence,
    /// Short label, in Vietnamese.
    pub label_vi: String,
    /// Short label, in English.
    pub label_en: String,
    /// What is checked, in Vietnamese.
    pub text_vi: String,
    /// What is checked, in English.
    pub text_en: String,
    /// The latest tick of a manual item.
    pub tick: Option<Tick>,
    /// Ticked on an older revision of the dossier.
    pub stale: bool,
    /// The article the item comes from, under the dossier's rule set
    /// (`TT 28/2018/TT-BTC, …`); `show --format json`: `basis`.
    pub basis: Option<String>,
}

impl ItemResult {
    /// The short label in `lang`.
    pub fn label(&self, lang: Lang) -> &str {
        lang.pick(&self.label_en, &self.label_vi)
    }

    /// The full text in `lang`.
    pub fn text(&self, lang: Lang) -> &str {
        lang.pick(&self.text_en, &self.text_vi)
    }

    /// The evidence in `lang`.
    pub fn detail_in(&self, lang: Lang) -> String {
        self.evidence.render(lang)
    }

    /// The citation as a reader sees it: `Căn cứ: TT 28/2018/TT-BTC, …`.
    pub fn basis_line(&self, lang: Lang) -> Option<String> {
        self.basis
            .as_deref()
            .map(|b| format!("{}: {b}", lang.pick("Basis", "Căn cứ")))
    }

    /// The full text with its citation, one per line.
    pub fn full_text(&self, lang: Lang) -> String {
        match self.basis_line(lang) {
            Some(b) => format!("{}\n{b}", self.text(lang)),
            None => self.text(lang).to_string(),
        }
    }
}

/// Which rule set a checklist was evaluated under (`show`, the checklist
/// pane).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RuleSetInfo {
    /// The set's id (its file stem, `2024`).
    pub id: String,
    /// The plan years it governs: `2024–2025`, `2026–`.
    pub plan_years: String,
    /// Short name, Vietnamese.
    pub name: String,
    /// Short name, English.
    pub name_en: String,
    /// The decree and circulars.
    pub legal_basis: Vec<String>,
    /// The province's registration deadline for the dossier's plan year.
    pub registration_deadline: NaiveDate,
    /// The dossier deadline for it (`on_time`).
    pub dossier_deadline: NaiveDate,
}

impl RuleSetInfo {
    fn of(set: &crate::domain::ruleset::RuleSet, plan_year: i32) -> RuleSetInfo {
        RuleSetInfo {
            registration_deadline: set.registration(plan_year),
            dossier_deadline: set.deadline(plan_year),
            id: set.id.clone(),
            plan_years: set.years(),
            name: set.name_vi.clone(),
            name_en: set.name_en.clone(),
            legal_basis: set.legal_basis.clone(),
        }
    }

    /// `2024–2025 · Decree 45/2012`: short, for a pane's line.
    pub fn short(&self, lang: Lang) -> String {
        format!(
            "{} · {}",
            self.plan_years,
            lang.pick(&self.name_en, &self.name)
        )
    }

    /// `Rule set for plan years 2024–2025: Decree 45/2012`.
    pub fn title(&self, lang: Lang) -> String {
        format!(
            "{} {}: {}",
            lang.pick("Rule set for plan years", "Bộ quy định năm kế hoạch"),
            self.plan_years,
            lang.pick(&self.name_en, &self.name)
        )
    }
}

/// The evaluated checklist of one dossier: automatic items first (in the
/// order of `checklists.md`), then the category's manual items.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Checklist {
    /// The items.
    pub items: Vec<ItemResult>,
    /// The rule set of the dossier's plan year.
    pub rule_set: RuleSetInfo,
}

/// Where a dossier stands against its checklist's mandatory items
/// (`is:failing`, `is:ok`, `is:incomplete`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Standing {
    /// Every mandatory item passes or is ticked.
    Ok,
    /// None fails, but some wait: a manual item not ticked yet, or an
    /// automatic one whose data is missing.
    Incomplete,
    /// Some mandatory item fails.
    Failing,
}

impl Checklist {
    /// Where the dossier stands: a failing mandatory item first, then one
    /// not satisfied yet.
    pub fn standing(&self) -> Standing {
        let mandatory = || self.items.iter().filter(|i| i.mandatory);
        if mandatory().any(|i| i.state == ItemState::Fail) {
            Standing::Failing
        } else if mandatory().all(|i| i.state.is_satisfied()) {
            Standing::Ok
        } else {
            Standing::Incomplete
        }
    }

    /// True when every mandatory item is `pass` or `ticked`.
    pub fn ok(&self) -> bool {
        self.items
            .iter()
            .all(|i| !i.mandatory || i.state.is_satisfied())
    }

    /// `5/7, 1 failing`: satisfied items over all items, and the failing
    /// automatic items when there are any.
    pub fn summary(&self) -> String {
        self.summary_in(Lang::En)
    }

    /// [`Checklist::summary`] in `lang`: `5/7, 1 không đạt`.
    pub fn summary_in(&self, lang: Lang) -> String {
        let done = self.items.iter().filter(|i| i.state.is_satisfied()).count();
        let mut s = format!("{done}/{}", self.items.len());
        let f = self.failing();
        if f > 0 {
            s.push_str(&format!(", {f} {}", lang.pick("failing", "không đạt")));
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

fn auto(rules: &Rules, d: &Dossier, id: AutoItem, (state, evidence): auto::Outcome) -> ItemResult {
    let t = rules.general.auto_texts(id);
    let set = rules.rule_set(d.plan_year);
    let cap_basis = match &evidence {
        Evidence::Cap { cap, .. } => cap.basis.clone(),
        _ => None,
    };
    let basis = cap_basis.or_else(|| set.basis_auto(id).map(str::to_string));
    ItemResult {
        id: id.id().to_string(),
        kind: ItemKind::Auto,
        mandatory: rules.general.is_mandatory(id.id()),
        state,
        detail: evidence.render(Lang::En),
        evidence,
        label_vi: t.label_vi.clone(),
        label_en: t.label_en.clone(),
        text_vi: t.text_vi.clone(),
        text_en: t.text_en.clone(),
        tick: None,
        stale: false,
        basis,
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
    evaluate_with(rules, d, ticks, current_revision, as_of, None)
}

/// [`evaluate`] with the other dossiers that name one of this dossier's
/// beneficiaries (from the store: same plan year, or approved in the rule
/// set's look-back years); `None` leaves `no_duplicate_support` out (the
/// dossier alone cannot tell).
pub fn evaluate_with(
    rules: &Rules,
    d: &Dossier,
    ticks: &[Tick],
    current_revision: i64,
    as_of: NaiveDate,
    duplicates: Option<&[evidence::DuplicateHit]>,
) -> Checklist {
    let set = rules.rule_set(d.plan_year);
    let mut items = Vec::with_capacity(16);
    items.push(auto(rules, d, AutoItem::OnTime, auto::on_time(rules, d)));
    items.push(auto(
        rules,
        d,
        AutoItem::BudgetAddsUp,
        auto::budget_adds_up(d),
    ));
    if let Some(o) = auto::support_cap(rules, d) {
        items.push(auto(rules, d, AutoItem::SupportCap, o));
    }
    let o = auto::required_documents(rules, d);
    items.push(auto(rules, d, AutoItem::RequiredDocuments, o));
    let o = auto::no_kept_documents(d);
    items.push(auto(rules, d, AutoItem::NoKeptDocuments, o));
    if d.project_type == ProjectType::Named {
        let o = auto::counterpart_committed(d);
        items.push(auto(rules, d, AutoItem::CounterpartCommitted, o));
    }
    if auto::is_cluster(d) {
        let o = auto::completion_in_plan_year(d);
        items.push(auto(rules, d, AutoItem::CompletionInPlanYear, o));
        let o = auto::cluster_legal_complete(d);
        items.push(auto(rules, d, AutoItem::ClusterLegalComplete, o));
    }
    if d.category == Category::TypicalProduct {
        let o = auto::certificate_valid(rules, d, as_of);
        items.push(auto(rules, d, AutoItem::CertificateValid, o));
    }
    if let Some(o) = group::group_allowed(rules, d) {
        items.push(auto(rules, d, AutoItem::GroupAllowed, o));
    }
    if let Some(o) = duplicates.and_then(|hits| group::no_duplicate(rules, d, hits)) {
        items.push(auto(rules, d, AutoItem::NoDuplicateSupport, o));
    }
    for m in &rules.category(d.category).manual {
        let tick = ticks.iter().rev().find(|t| t.item == m.id).cloned();
        let (state, evidence, stale) = match &tick {
            Some(t) => {
                let stale = t.revision < current_revision;
                let state = if t.on {
                    ItemState::Ticked
                } else {
                    ItemState::Unticked
                };
                let evidence = Evidence::Ticked {
                    on: t.on,
                    author: t.author.clone(),
                    at: t.at.clone(),
                    revision: t.revision,
                    now: stale.then_some(current_revision),
                };
                (state, evidence, stale)
            }
            None => (ItemState::Unticked, Evidence::NotTicked, false),
        };
        items.push(ItemResult {
            id: m.id.clone(),
            kind: ItemKind::Manual,
            mandatory: m.mandatory,
            state,
            detail: evidence.render(Lang::En),
            evidence,
            label_vi: m.label_vi.clone(),
            label_en: m.label_en.clone(),
            text_vi: m.text_vi.clone(),
            text_en: m.text_en.clone(),
            tick,
            stale,
            basis: set.basis_manual(&m.id).map(str::to_string),
        });
    }
    Checklist {
        items,
        rule_set: RuleSetInfo::of(set, d.plan_year),
    }
}

#[cfg(test)]
mod tests;

#[cfg(test)]
mod tests_rules;
