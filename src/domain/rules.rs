//! The rules of appraisal as data: category names and aliases, checklists
//! (required documents, support caps, manual items), scoring criteria,
//! bonuses and budget allocations, read from the TOML files of `data/` and
//! validated. Pure: the caller hands in the file contents ([`Source`]).

use crate::domain::category::{Category, CategoryAliases};
use crate::domain::checklist::AutoItem;
use crate::domain::council::{COUNCIL_FILE, Council};
use crate::domain::dossier::{DocKind, Dossier, PriorityArea, ProjectType};
use crate::domain::lang::Lang;
use crate::domain::money::Vnd;
use crate::domain::ruleset::{BUNDLED_RULESETS, RuleSet, RuleSets, is_ruleset};
use crate::domain::text::{clean_line, fold_words};
use serde::Deserialize;
use std::collections::{BTreeMap, HashMap};
use std::fmt;
use toml::Spanned;

/// File name of the category names and aliases.
pub const CATEGORIES_FILE: &str = "categories.toml";
/// File name of the checklists (documents, caps, manual items).
pub const CHECKLISTS_FILE: &str = "checklists.toml";
/// File name of the scoring criteria and bonuses.
pub const CRITERIA_FILE: &str = "criteria.toml";
/// File name of the budget allocations.
pub const BUDGET_FILE: &str = "budget.toml";

/// The rule files, in loading order.
pub const FILES: [&str; 6] = [
    CATEGORIES_FILE,
    CHECKLISTS_FILE,
    CRITERIA_FILE,
    BUDGET_FILE,
    crate::domain::spellings::ALIASES_FILE,
    COUNCIL_FILE,
];

/// The copies of `data/*.toml` compiled into the binary: (file name, text).
pub const BUNDLED: [(&str, &str); 6] = [
    (CATEGORIES_FILE, include_str!("../../data/categories.toml")),
    (CHECKLISTS_FILE, include_str!("../../data/checklists.toml")),
    (CRITERIA_FILE, include_str!("../../data/criteria.toml")),
    (BUDGET_FILE, include_str!("../../data/budget.toml")),
    (
        crate::domain::spellings::ALIASES_FILE,
        crate::domain::spellings::BUNDLED_ALIASES,
    ),
    (COUNCIL_FILE, include_str!("../../data/council.toml")),
];

/// One rule file handed to [`Rules::from_sources`]: its name (shown in
/// errors; matched on its file name, `categories.toml`…) and its contents.
#[derive(Debug, Clone, Copy)]
pub struct Source<'a> {
    /// The file name or path as the user should read it in an error.
    pub name: &'a str,
    /// The TOML text.
    pub text: &'a str,
}

/// A problem in a rule file, located by file and (when known) line.
/// Displays as `data/checklists.toml:42: unknown rule "on_tme"`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RulesError {
    /// The file, as named in its [`Source`] (or the path read).
    pub file: String,
    /// 1-based line, when the problem has one.
    pub line: Option<usize>,
    /// What is wrong, in one line.
    pub message: String,
}

impl fmt::Display for RulesError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.line {
            Some(l) => write!(f, "{}:{}: {}", self.file, l, self.message),
            None => write!(f, "{}: {}", self.file, self.message),
        }
    }
}

impl std::error::Error for RulesError {}

/// Rules that apply to every category.
#[derive(Debug, Clone, PartialEq)]
pub struct General {
    /// Multiplier on the cap amount for priority areas, in thousandths
    /// (1.5× = 1500).
    pub priority_multiplier_permille: u32,
    /// The priority areas that get the multiplier.
    pub priority_areas: Vec<PriorityArea>,
    mandatory: BTreeMap<String, bool>,
    /// Labels and texts of the automatic items (`[auto.<id>]`).
    auto_texts: BTreeMap<AutoItem, ItemTexts>,
}

/// The short label and the full text of a checklist item, both languages.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ItemTexts {
    /// Short label, Vietnamese.
    pub label_vi: String,
    /// Short label, English.
    pub label_en: String,
    /// Full text, Vietnamese.
    pub text_vi: String,
    /// Full text, English.
    pub text_en: String,
}

impl General {
    /// The label and text of an automatic item.
    pub fn auto_texts(&self, item: AutoItem) -> &ItemTexts {
        static EMPTY: ItemTexts = ItemTexts {
            label_vi: String::new(),
            label_en: String::new(),
            text_vi: String::new(),
            text_en: String::new(),
        };
        self.auto_texts.get(&item).unwrap_or(&EMPTY)
    }

    /// Whether the automatic item `id` is mandatory.
    pub fn is_mandatory(&self, id: &str) -> bool {
        self.mandatory.get(id).copied().unwrap_or(false)
    }

    /// Whether a dossier in `area` gets the multiplier on the cap amount.
    pub fn multiplier_applies(&self, area: Option<PriorityArea>) -> bool {
        area.is_some_and(|a| self.priority_areas.contains(&a))
    }

    /// The multiplier as appraisers write it: `1.5`, `2`.
    pub fn multiplier_text(&self) -> String {
        let whole = self.priority_multiplier_permille / 1000;
        let frac = self.priority_multiplier_permille % 1000;
        if frac == 0 {
            format!("{whole}")
        } else {
            let f = format!("{frac:03}");
            format!("{whole}.{}", f.trim_end_matches('0'))
        }
    }
}

/// Documents a category requires, per project type.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct DocumentRules {
    /// Pilot projects (at the registration stage).
    pub pilot: Vec<DocKind>,
    /// Group projects (beneficiaries not yet named).
    pub group: Vec<DocKind>,
    /// Projects with a named beneficiary.
    pub named: Vec<DocKind>,
    /// Extra documents per subtype key (`cluster_treatment` → `cluster_legal`).
    pub by_subtype: BTreeMap<String, Vec<DocKind>>,
}

/// A support cap: national support ≤ `percent` % of the total and ≤ `amount`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SupportCap {
    /// The subtype key it applies to (`establishment`, `technology_line`,
    /// `cluster_treatment`…, or `default`).
    pub subtype: String,
    /// Percentage of the total cost.
    pub percent: u32,
    /// Amount before any priority multiplier.
    pub amount: Vnd,
    /// The article this cap comes from, when the rule set names one for
    /// it (else the `support_cap` item's).
    pub basis: Option<String>,
}

/// A checklist item the appraiser ticks by hand.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ManualItem {
    /// Stable id (`new_advanced`).
    pub id: String,
    /// Short label, Vietnamese.
    pub label_vi: String,
    /// Short label, English.
    pub label_en: String,
    /// Vietnamese text.
    pub text_vi: String,
    /// English text.
    pub text_en: String,
    /// Whether approval needs it ticked.
    pub mandatory: bool,
}

/// A scoring criterion.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Criterion {
    /// Stable id (`necessity`).
    pub id: String,
    /// Vietnamese label.
    pub label_vi: String,
    /// English label.
    pub label_en: String,
    /// Short guidance for the appraiser, in Vietnamese.
    pub guidance_vi: String,
    /// The same guidance in English.
    pub guidance_en: String,
    /// Maximum points.
    pub max: u32,
}

impl Criterion {
    /// The label in `lang`.
    pub fn label(&self, lang: Lang) -> &str {
        lang.pick(&self.label_en, &self.label_vi)
    }

    /// The guidance in `lang` (the Vietnamese one when no English is given).
    pub fn guidance(&self, lang: Lang) -> &str {
        match lang {
            Lang::En if !self.guidance_en.is_empty() => &self.guidance_en,
            _ => &self.guidance_vi,
        }
    }
}

/// Bonus points added on top of the criteria.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct BonusRules {
    /// Pilot projects.
    pub pilot: i64,
    /// A valid regional or national product certificate.
    pub certificate: i64,
    priority_area: [i64; 4],
}

impl BonusRules {
    /// Points for a priority area.
    pub fn priority_area(&self, a: PriorityArea) -> i64 {
        PriorityArea::ALL
            .iter()
            .position(|&x| x == a)
            .map_or(0, |i| self.priority_area[i])
    }
}

/// Everything the data files say about one category.
#[derive(Debug, Clone, PartialEq)]
pub struct CategoryRules {
    /// Which category.
    pub category: Category,
    /// Vietnamese display name.
    pub name_vi: String,
    /// English display name.
    pub name_en: String,
    /// Required documents.
    pub documents: DocumentRules,
    /// Manual checklist items, in file order.
    pub manual: Vec<ManualItem>,
    /// Scoring criteria, in file order; maxima sum to 100.
    pub criteria: Vec<Criterion>,
}

impl CategoryRules {
    /// The manual checklist items, in file order.
    pub fn manual_items(&self) -> impl Iterator<Item = &ManualItem> {
        self.manual.iter()
    }

    /// A criterion by id.
    pub fn criterion(&self, id: &str) -> Option<&Criterion> {
        self.criteria.iter().find(|c| c.id == id)
    }

    /// The documents a dossier of this category must contain, in file order.
    /// `support_request` is not required when the beneficiary is the
    /// implementing unit itself (same name, compared loosely).
    pub fn required_documents(&self, d: &Dossier) -> Vec<DocKind> {
        let mut kinds = match d.project_type {
            ProjectType::Pilot => return self.documents.pilot.clone(),
            ProjectType::Group => self.documents.group.clone(),
            ProjectType::Named => self.documents.named.clone(),
        };
        if let Some(extra) = subtype_key(d).and_then(|k| self.documents.by_subtype.get(k)) {
            for &k in extra {
                if !kinds.contains(&k) {
                    kinds.push(k);
                }
            }
        }
        if d.beneficiary_name()
            .is_some_and(|b| fold_words(b) == fold_words(&d.implementing_unit))
        {
            kinds.retain(|&k| k != DocKind::SupportRequest);
        }
        kinds
    }
}

/// The subtype keys a category's caps may use.
pub fn subtype_keys(c: Category) -> &'static [&'static str] {
    match c {
        Category::Machinery => &["establishment", "technology_line"],
        Category::DemonstrationModel => &["new_technology", "replication", "default"],
        Category::PollutionTreatment => &[
            "establishment_treatment",
            "cluster_treatment",
            "cluster_planning",
            "cleaner_production_pilot",
        ],
        _ => &["default"],
    }
}

/// The subtype key of a dossier for caps and extra documents: machinery is
/// `technology_line` when `details.technology_line` is true, else
/// `establishment`; pollution treatment is its `details.subtype` (None when
/// missing); the other categories are `default`.
pub fn subtype_key(d: &Dossier) -> Option<&'static str> {
    match d.category {
        Category::Machinery => Some(if d.details.technology_line == Some(true) {
            "technology_line"
        } else {
            "establishment"
        }),
        Category::PollutionTreatment => d.details.subtype.map(|s| s.id()),
        Category::DemonstrationModel => Some(d.model_kind().id()),
        _ => Some("default"),
    }
}

/// Everything loaded from the data files.
#[derive(Debug, Clone)]
pub struct Rules {
    aliases: CategoryAliases,
    /// Rules for every category.
    pub general: General,
    /// Bonus points.
    pub bonus: BonusRules,
    categories: Vec<CategoryRules>,
    allocations: BTreeMap<(i32, Category), Vnd>,
    rule_sets: RuleSets,
    /// How the appraisers' scores make the dossier's (`council.toml`).
    pub council: Council,
}

fn index(c: Category) -> usize {
    Category::ALL.iter().position(|&x| x == c).unwrap_or(0)
}

impl Rules {
    /// Parse and validate the four rule files and the rule sets. Each
    /// source is recognised by its file name (`…/checklists.toml`); all four
    /// are needed. Rule sets are the sources under `rulesets/`; without any,
    /// the bundled ones apply.
    pub fn from_sources(sources: &[Source]) -> Result<Rules, RulesError> {
        let find = |file: &str| -> Result<Source, RulesError> {
            sources
                .iter()
                .find(|s| {
                    std::path::Path::new(s.name)
                        .file_name()
                        .is_some_and(|n| n == file)
                })
                .copied()
                .ok_or_else(|| RulesError {
                    file: file.to_string(),
                    line: None,
                    message: "rule file missing".into(),
                })
        };
        let cat_src = find(CATEGORIES_FILE)?;
        let chk_src = find(CHECKLISTS_FILE)?;
        let crit_src = find(CRITERIA_FILE)?;
        let bud_src = find(BUDGET_FILE)?;

        let (mut aliases, names) = load_categories(cat_src)?;
        // The spellings file is optional among the sources (a data folder
        // from before it existed): the bundled copy then.
        let spellings = match find(crate::domain::spellings::ALIASES_FILE) {
            Ok(src) => crate::domain::spellings::load(src)?,
            Err(_) => crate::domain::spellings::Spellings::bundled(),
        };
        aliases.set_spellings(spellings);
        let (general, checklists) = load_checklists(chk_src)?;
        let (bonus, criteria) = load_criteria(crit_src)?;
        let allocations = load_budget(bud_src)?;
        // Optional: without the file, the built-in settings.
        let council = match find(COUNCIL_FILE) {
            Ok(src) => crate::domain::council::load(src)?,
            Err(_) => Council::default(),
        };

        let mut manual_ids: Vec<String> = Vec::new();
        for (_, m) in checklists.values() {
            for item in m {
                if !manual_ids.contains(&item.id) {
                    manual_ids.push(item.id.clone());
                }
            }
        }
        let given: Vec<Source> = sources
            .iter()
            .filter(|s| is_ruleset(s.name))
            .copied()
            .collect();
        let bundled_names: Vec<String> = BUNDLED_RULESETS
            .iter()
            .map(|(n, _)| format!("data/{n}"))
            .collect();
        let set_sources: Vec<Source> = if given.is_empty() {
            BUNDLED_RULESETS
                .iter()
                .zip(&bundled_names)
                .map(|(&(_, text), name)| Source { name, text })
                .collect()
        } else {
            given
        };
        let rule_sets = RuleSets::from_sources(&set_sources, &manual_ids)?;

        let mut categories = Vec::with_capacity(6);
        let mut checklists = checklists;
        let mut criteria = criteria;
        let mut names = names;
        for c in Category::ALL {
            let (name_vi, name_en) = names.remove(&c).unwrap_or_default();
            let (documents, manual) = checklists.remove(&c).unwrap_or_default();
            categories.push(CategoryRules {
                category: c,
                name_vi,
                name_en,
                documents,
                manual,
                criteria: criteria.remove(&c).unwrap_or_default(),
            });
        }
        Ok(Rules {
            aliases,
            general,
            bonus,
            categories,
            allocations,
            rule_sets,
            council,
        })
    }

    /// The rule set a dossier of `plan_year` is appraised under.
    pub fn rule_set(&self, plan_year: i32) -> &RuleSet {
        self.rule_sets.for_year(plan_year)
    }

    /// Every rule set, oldest first.
    pub fn rule_sets(&self) -> &[RuleSet] {
        self.rule_sets.all()
    }

    /// The rules compiled into the binary (copies of `data/*.toml`). They
    /// are tested to load; a failure here is a build defect.
    pub fn bundled() -> Rules {
        let names: Vec<String> = BUNDLED.iter().map(|(n, _)| format!("data/{n}")).collect();
        let sources: Vec<Source> = BUNDLED
            .iter()
            .zip(&names)
            .map(|(&(_, text), name)| Source { name, text })
            .collect();
        match Rules::from_sources(&sources) {
            Ok(r) => r,
            Err(e) => panic!("the bundled data files are invalid: {e}"),
        }
    }

    /// The category alias table (ids, display names and aliases).
    pub fn aliases(&self) -> &CategoryAliases {
        &self.aliases
    }

    /// The rules of one category.
    pub fn category(&self, c: Category) -> &CategoryRules {
        &self.categories[index(c)]
    }

    /// The national funds allocated to a category in a plan year, if the
    /// budget file has them.
    pub fn allocation(&self, c: Category, plan_year: i32) -> Option<Vnd> {
        self.allocations.get(&(plan_year, c)).copied()
    }
}

// ---------------------------------------------------------------------------
// Loading

pub(crate) struct Ctx<'a> {
    pub(crate) src: Source<'a>,
}

impl Ctx<'_> {
    pub(crate) fn err(&self, offset: Option<usize>, message: impl Into<String>) -> RulesError {
        RulesError {
            file: self.src.name.to_string(),
            line: offset.map(|o| line_of(self.src.text, o)),
            message: message.into(),
        }
    }

    pub(crate) fn at<T>(&self, s: &Spanned<T>, message: impl Into<String>) -> RulesError {
        self.err(Some(s.span().start), message)
    }

    pub(crate) fn parse<T: for<'de> Deserialize<'de>>(&self) -> Result<T, RulesError> {
        toml::from_str(self.src.text).map_err(|e| {
            let msg = e.message().trim().replace('\n', " ");
            self.err(e.span().map(|s| s.start), msg)
        })
    }
}

/// The 1-based line of a byte offset.
pub(crate) fn line_of(text: &str, offset: usize) -> usize {
    let end = offset.min(text.len());
    text.as_bytes()[..end]
        .iter()
        .filter(|&&b| b == b'\n')
        .count()
        + 1
}

fn valid_id(id: &str) -> bool {
    !id.is_empty()
        && id
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_')
}

/// A struct with one optional entry per category, so that an unknown
/// category name is an "unknown field" error with its line.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct PerCategory<T> {
    demonstration_model: Option<Spanned<T>>,
    machinery: Option<Spanned<T>>,
    pollution_treatment: Option<Spanned<T>>,
    typical_product: Option<Spanned<T>>,
    training: Option<Spanned<T>>,
    consulting: Option<Spanned<T>>,
}

impl<T> PerCategory<T> {
    fn into_vec(self) -> Vec<(Category, Option<Spanned<T>>)> {
        vec![
            (Category::DemonstrationModel, self.demonstration_model),
            (Category::Machinery, self.machinery),
            (Category::PollutionTreatment, self.pollution_treatment),
            (Category::TypicalProduct, self.typical_product),
            (Category::Training, self.training),
            (Category::Consulting, self.consulting),
        ]
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawCategory {
    name_vi: String,
    name_en: String,
    #[serde(default)]
    aliases: Vec<Spanned<String>>,
}

type Names = HashMap<Category, (String, String)>;

fn load_categories(src: Source) -> Result<(CategoryAliases, Names), RulesError> {
    let cx = Ctx { src };
    let raw: PerCategory<RawCategory> = cx.parse()?;
    let mut aliases = CategoryAliases::ids_only();
    let mut names = Names::new();
    let mut seen: HashMap<String, (Category, usize)> = HashMap::new();
    for (c, entry) in raw.into_vec() {
        let Some(entry) = entry else {
            return Err(cx.err(None, format!("no entry for category {c}")));
        };
        let at = entry.span().start;
        let r = entry.into_inner();
        let name_vi = clean_line(&r.name_vi);
        let name_en = clean_line(&r.name_en);
        if name_vi.is_empty() || name_en.is_empty() {
            return Err(cx.err(
                Some(at),
                format!("{c}: name_vi and name_en must not be empty"),
            ));
        }
        for alias in &r.aliases {
            let text = clean_line(alias.get_ref());
            let key = fold_words(&text);
            if key.is_empty() {
                return Err(cx.at(alias, format!("{c}: empty alias")));
            }
            let here = line_of(src.text, alias.span().start);
            if let Some(&(other, other_line)) = seen.get(&key) {
                return Err(cx.at(
                    alias,
                    format!(
                        "duplicate alias {text:?}: already listed for {other} (line {other_line})"
                    ),
                ));
            }
            seen.insert(key, (c, here));
            if let Err(other) = aliases.insert(&text, c) {
                return Err(cx.at(
                    alias,
                    format!("duplicate alias {text:?} for {c}: it already stands for {other}"),
                ));
            }
        }
        // The display names match too, unless they would clash.
        let _ = aliases.insert(&name_vi, c);
        let _ = aliases.insert(&name_en, c);
        names.insert(c, (name_vi, name_en));
    }
    Ok((aliases, names))
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ChecklistsFile {
    general: RawGeneral,
    #[serde(default)]
    mandatory: BTreeMap<Spanned<String>, bool>,
    #[serde(default)]
    auto: BTreeMap<Spanned<String>, RawAutoText>,
    demonstration_model: Option<Spanned<RawChecklist>>,
    machinery: Option<Spanned<RawChecklist>>,
    pollution_treatment: Option<Spanned<RawChecklist>>,
    typical_product: Option<Spanned<RawChecklist>>,
    training: Option<Spanned<RawChecklist>>,
    consulting: Option<Spanned<RawChecklist>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawGeneral {
    /// Moved to the rule sets; an older edited copy is told where.
    #[serde(default)]
    deadline_day: Option<Spanned<toml::Value>>,
    #[serde(default)]
    deadline_month: Option<Spanned<toml::Value>>,
    priority_multiplier: Spanned<f64>,
    #[serde(default)]
    priority_areas: Vec<Spanned<String>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawChecklist {
    documents: RawDocuments,
    /// Moved to the rule sets; an older edited copy is told where.
    #[serde(default)]
    caps: Option<Spanned<toml::Value>>,
    #[serde(default)]
    manual: Vec<RawManual>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawDocuments {
    pilot: Vec<Spanned<String>>,
    group: Vec<Spanned<String>>,
    named: Vec<Spanned<String>>,
    #[serde(default)]
    by_subtype: BTreeMap<Spanned<String>, Vec<Spanned<String>>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawManual {
    id: Spanned<String>,
    #[serde(default)]
    label_vi: String,
    #[serde(default)]
    label_en: String,
    vi: String,
    en: String,
    mandatory: bool,
}

#[derive(Deserialize, Clone)]
#[serde(deny_unknown_fields)]
struct RawAutoText {
    label_vi: String,
    label_en: String,
    vi: String,
    en: String,
}

/// A label, or the text when the file gives none.
fn label_or(label: &str, text: &str) -> String {
    let l = clean_line(label);
    if l.is_empty() { text.to_string() } else { l }
}

/// The `[auto.<id>]` texts: those of the file, and for any item it leaves
/// out, those of the bundled file (an edited older copy keeps working).
fn auto_texts(
    cx: &Ctx,
    raw: BTreeMap<Spanned<String>, RawAutoText>,
) -> Result<BTreeMap<AutoItem, ItemTexts>, RulesError> {
    let mut out = BTreeMap::new();
    for (k, t) in raw {
        let Some(item) = AutoItem::from_id(k.get_ref()) else {
            return Err(cx.at(&k, unknown_rule(k.get_ref())));
        };
        let text_vi = clean_line(&t.vi);
        let text_en = clean_line(&t.en);
        out.insert(
            item,
            ItemTexts {
                label_vi: label_or(&t.label_vi, &text_vi),
                label_en: label_or(&t.label_en, &text_en),
                text_vi,
                text_en,
            },
        );
    }
    if out.len() < AutoItem::ALL.len() {
        let bundled = BUNDLED
            .iter()
            .find(|(n, _)| *n == CHECKLISTS_FILE)
            .and_then(|(_, t)| toml::from_str::<ChecklistsFile>(t).ok());
        if let Some(b) = bundled.filter(|b| b.auto.len() == AutoItem::ALL.len()) {
            let bcx = Ctx {
                src: Source {
                    name: CHECKLISTS_FILE,
                    text: "",
                },
            };
            for (item, t) in auto_texts(&bcx, b.auto)? {
                out.entry(item).or_insert(t);
            }
        }
    }
    Ok(out)
}

pub(crate) fn unknown_rule(id: &str) -> String {
    let ids: Vec<&str> = AutoItem::ALL.iter().map(|a| a.id()).collect();
    format!("unknown rule {id:?} (known: {})", ids.join(", "))
}

type ChecklistParts = (DocumentRules, Vec<ManualItem>);

fn load_checklists(
    src: Source,
) -> Result<(General, HashMap<Category, ChecklistParts>), RulesError> {
    let cx = Ctx { src };
    let raw: ChecklistsFile = cx.parse()?;

    let g = raw.general;
    if let Some(moved) = g.deadline_day.as_ref().or(g.deadline_month.as_ref()) {
        return Err(cx.at(moved, MOVED_DEADLINE));
    }
    let m = *g.priority_multiplier.get_ref();
    if !(1.0..=10.0).contains(&m) {
        return Err(cx.at(
            &g.priority_multiplier,
            format!("priority_multiplier {m} must be between 1 and 10"),
        ));
    }
    // A configured ratio, not money: rounded once to thousandths.
    let permille = (m * 1000.0).round() as u32;
    let mut priority_areas = Vec::new();
    for a in &g.priority_areas {
        let Some(area) = PriorityArea::from_id(a.get_ref()) else {
            return Err(cx.at(a, format!("unknown priority area {:?}", a.get_ref())));
        };
        priority_areas.push(area);
    }

    let mut mandatory: BTreeMap<String, bool> = AutoItem::ALL
        .iter()
        .map(|a| (a.id().to_string(), a.mandatory_by_default()))
        .collect();
    for (k, v) in raw.mandatory {
        if AutoItem::from_id(k.get_ref()).is_none() {
            return Err(cx.at(&k, unknown_rule(k.get_ref())));
        }
        mandatory.insert(k.into_inner(), v);
    }

    let general = General {
        priority_multiplier_permille: permille,
        priority_areas,
        mandatory,
        auto_texts: auto_texts(&cx, raw.auto)?,
    };

    let entries = PerCategory {
        demonstration_model: raw.demonstration_model,
        machinery: raw.machinery,
        pollution_treatment: raw.pollution_treatment,
        typical_product: raw.typical_product,
        training: raw.training,
        consulting: raw.consulting,
    };
    let mut out = HashMap::new();
    for (cat, entry) in entries.into_vec() {
        let Some(entry) = entry else {
            return Err(cx.err(None, format!("no checklist for category {cat}")));
        };
        out.insert(cat, checklist_of(&cx, cat, entry.into_inner())?);
    }
    Ok((general, out))
}

fn doc_list(cx: &Ctx, cat: Category, list: &[Spanned<String>]) -> Result<Vec<DocKind>, RulesError> {
    let mut out = Vec::with_capacity(list.len());
    for s in list {
        let Some(kind) = DocKind::from_id(s.get_ref()) else {
            return Err(cx.at(s, format!("{cat}: unknown document kind {:?}", s.get_ref())));
        };
        if kind.is_kept_at_province() || kind == DocKind::Other {
            return Err(cx.at(
                s,
                format!("{cat}: {:?} cannot be a required document", s.get_ref()),
            ));
        }
        if out.contains(&kind) {
            return Err(cx.at(
                s,
                format!("{cat}: document kind {:?} listed twice", s.get_ref()),
            ));
        }
        out.push(kind);
    }
    Ok(out)
}

fn checklist_of(cx: &Ctx, cat: Category, r: RawChecklist) -> Result<ChecklistParts, RulesError> {
    let keys = subtype_keys(cat);
    let mut by_subtype = BTreeMap::new();
    for (k, list) in &r.documents.by_subtype {
        if !keys.contains(&k.get_ref().as_str()) {
            return Err(cx.at(
                k,
                format!(
                    "{cat}: unknown subtype {:?} (known: {})",
                    k.get_ref(),
                    keys.join(", ")
                ),
            ));
        }
        by_subtype.insert(k.get_ref().clone(), doc_list(cx, cat, list)?);
    }
    let documents = DocumentRules {
        pilot: doc_list(cx, cat, &r.documents.pilot)?,
        group: doc_list(cx, cat, &r.documents.group)?,
        named: doc_list(cx, cat, &r.documents.named)?,
        by_subtype,
    };

    if let Some(moved) = &r.caps {
        return Err(cx.at(moved, format!("{cat}: {MOVED_CAPS}")));
    }

    let mut manual: Vec<ManualItem> = Vec::new();
    for m in r.manual {
        let id = m.id.get_ref().trim().to_string();
        if !valid_id(&id) {
            return Err(cx.at(
                &m.id,
                format!("{cat}: item id {id:?} must be lowercase ascii letters, digits and _"),
            ));
        }
        if AutoItem::from_id(&id).is_some() || manual.iter().any(|x| x.id == id) {
            return Err(cx.at(&m.id, format!("{cat}: duplicate item id {id:?}")));
        }
        let text_vi = clean_line(&m.vi);
        let text_en = clean_line(&m.en);
        if text_vi.is_empty() {
            return Err(cx.at(&m.id, format!("{cat}: item {id:?} has no Vietnamese text")));
        }
        manual.push(ManualItem {
            label_vi: label_or(&m.label_vi, &text_vi),
            label_en: label_or(&m.label_en, &text_en),
            id,
            text_vi,
            text_en,
            mandatory: m.mandatory,
        });
    }
    Ok((documents, manual))
}

/// Where the deadline went (an older edited `checklists.toml`).
const MOVED_DEADLINE: &str =
    "the deadline is set per plan year now: edit [deadlines] in rulesets/<year>.toml";
/// Where the caps went.
const MOVED_CAPS: &str = "support caps are set per plan year now: move this table to [caps.<category>] in rulesets/<year>.toml";

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct CriteriaFile {
    bonus: RawBonus,
    demonstration_model: Option<Spanned<RawCriteria>>,
    machinery: Option<Spanned<RawCriteria>>,
    pollution_treatment: Option<Spanned<RawCriteria>>,
    typical_product: Option<Spanned<RawCriteria>>,
    training: Option<Spanned<RawCriteria>>,
    consulting: Option<Spanned<RawCriteria>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawBonus {
    pilot: Spanned<i64>,
    certificate: Spanned<i64>,
    #[serde(default)]
    priority_area: BTreeMap<Spanned<String>, Spanned<i64>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawCriteria {
    criteria: Vec<RawCriterion>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawCriterion {
    id: Spanned<String>,
    label_vi: String,
    label_en: String,
    #[serde(default)]
    guidance_vi: String,
    #[serde(default)]
    guidance_en: String,
    max: Spanned<i64>,
}

fn bonus_points(cx: &Ctx, s: &Spanned<i64>, what: &str) -> Result<i64, RulesError> {
    let v = *s.get_ref();
    if !(0..=100).contains(&v) {
        return Err(cx.at(s, format!("bonus {what}: {v} is not 0..100")));
    }
    Ok(v)
}

fn load_criteria(
    src: Source,
) -> Result<(BonusRules, HashMap<Category, Vec<Criterion>>), RulesError> {
    let cx = Ctx { src };
    let raw: CriteriaFile = cx.parse()?;
    let mut bonus = BonusRules {
        pilot: bonus_points(&cx, &raw.bonus.pilot, "pilot")?,
        certificate: bonus_points(&cx, &raw.bonus.certificate, "certificate")?,
        priority_area: [0; 4],
    };
    for (k, v) in &raw.bonus.priority_area {
        let Some(i) = PriorityArea::ALL.iter().position(|a| a.id() == k.get_ref()) else {
            return Err(cx.at(k, format!("unknown priority area {:?}", k.get_ref())));
        };
        bonus.priority_area[i] = bonus_points(&cx, v, k.get_ref())?;
    }
    let entries = PerCategory {
        demonstration_model: raw.demonstration_model,
        machinery: raw.machinery,
        pollution_treatment: raw.pollution_treatment,
        typical_product: raw.typical_product,
        training: raw.training,
        consulting: raw.consulting,
    };
    let mut out = HashMap::new();
    for (cat, entry) in entries.into_vec() {
        let Some(entry) = entry else {
            return Err(cx.err(None, format!("no criteria for category {cat}")));
        };
        let at = entry.span().start;
        let mut list: Vec<Criterion> = Vec::new();
        for c in entry.into_inner().criteria {
            let id = c.id.get_ref().trim().to_string();
            if !valid_id(&id) {
                return Err(cx.at(
                    &c.id,
                    format!(
                        "{cat}: criterion id {id:?} must be lowercase ascii letters, digits and _"
                    ),
                ));
            }
            if list.iter().any(|x| x.id == id) {
                return Err(cx.at(&c.id, format!("{cat}: duplicate criterion id {id:?}")));
            }
            let max = *c.max.get_ref();
            if !(1..=100).contains(&max) {
                return Err(cx.at(&c.max, format!("{cat}: {id}: max {max} is not 1..100")));
            }
            list.push(Criterion {
                id,
                label_vi: clean_line(&c.label_vi),
                label_en: clean_line(&c.label_en),
                guidance_vi: clean_line(&c.guidance_vi),
                guidance_en: clean_line(&c.guidance_en),
                max: max as u32,
            });
        }
        let sum: u32 = list.iter().map(|c| c.max).sum();
        if sum != 100 {
            return Err(cx.err(
                Some(at),
                format!("{cat}: criteria maxima add up to {sum}, not 100"),
            ));
        }
        out.insert(cat, list);
    }
    Ok((bonus, out))
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct BudgetFile {
    #[serde(default)]
    allocation: Vec<RawAllocation>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawAllocation {
    plan_year: Spanned<i32>,
    demonstration_model: Option<Spanned<i64>>,
    machinery: Option<Spanned<i64>>,
    pollution_treatment: Option<Spanned<i64>>,
    typical_product: Option<Spanned<i64>>,
    training: Option<Spanned<i64>>,
    consulting: Option<Spanned<i64>>,
}

fn load_budget(src: Source) -> Result<BTreeMap<(i32, Category), Vnd>, RulesError> {
    let cx = Ctx { src };
    let raw: BudgetFile = cx.parse()?;
    let mut out = BTreeMap::new();
    let mut years: HashMap<i32, usize> = HashMap::new();
    for a in raw.allocation {
        let year = *a.plan_year.get_ref();
        if !(2000..=2200).contains(&year) {
            return Err(cx.at(
                &a.plan_year,
                format!("plan_year {year} is not a plausible year"),
            ));
        }
        let line = line_of(src.text, a.plan_year.span().start);
        if let Some(prev) = years.insert(year, line) {
            return Err(cx.at(
                &a.plan_year,
                format!("plan_year {year} already has an allocation (line {prev})"),
            ));
        }
        let per = [
            (Category::DemonstrationModel, a.demonstration_model),
            (Category::Machinery, a.machinery),
            (Category::PollutionTreatment, a.pollution_treatment),
            (Category::TypicalProduct, a.typical_product),
            (Category::Training, a.training),
            (Category::Consulting, a.consulting),
        ];
        for (c, v) in per {
            if let Some(v) = v {
                let amount = *v.get_ref();
                if amount < 0 {
                    return Err(cx.at(&v, format!("{year} {c}: {amount} is negative")));
                }
                out.insert((year, c), Vnd(amount));
            }
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;

    fn with(file: &str, edit: impl Fn(&str) -> String) -> (Result<Rules, RulesError>, String) {
        let mut texts: Vec<(String, String)> = BUNDLED
            .iter()
            .chain(BUNDLED_RULESETS.iter())
            .map(|(n, t)| (format!("data/{n}"), t.to_string()))
            .collect();
        let mut edited = String::new();
        for (n, t) in &mut texts {
            if n.ends_with(file) {
                *t = edit(t);
                edited = t.clone();
            }
        }
        let sources: Vec<Source> = texts
            .iter()
            .map(|(name, text)| Source { name, text })
            .collect();
        (Rules::from_sources(&sources), edited)
    }

    fn line(text: &str, needle: &str) -> usize {
        let at = text.find(needle).expect("needle in edited text");
        line_of(text, at)
    }

    fn expect_err(
        file: &str,
        edit: impl Fn(&str) -> String,
        needle: &str,
        msg: &str,
    ) -> RulesError {
        let (r, text) = with(file, edit);
        let e = r.expect_err("edited data must be rejected");
        assert_eq!(e.file, format!("data/{file}"));
        assert_eq!(e.line, Some(line(&text, needle)), "{e}");
        assert!(e.message.contains(msg), "{e}");
        e
    }

    #[test]
    fn bundled_data_is_complete() {
        let r = Rules::bundled();
        for c in Category::ALL {
            let cr = r.category(c);
            let sum: u32 = cr.criteria.iter().map(|x| x.max).sum();
            assert_eq!(sum, 100, "{c}");
            assert!(
                (4..=7).contains(&cr.manual.len()),
                "{c}: {} manual items",
                cr.manual.len()
            );
            assert!(!cr.name_vi.is_empty() && !cr.name_en.is_empty());
            assert_eq!(
                cr.documents.pilot,
                vec![DocKind::CoverLetter, DocKind::Proposal]
            );
            assert!(r.allocation(c, 2024).is_some_and(|v| v.0 > 0));
        }
        let total: i64 = Category::ALL
            .iter()
            .filter_map(|&c| r.allocation(c, 2024))
            .map(|v| v.0)
            .sum();
        assert_eq!(total, 100_000_000_000);
        assert_eq!(r.allocation(Category::Machinery, 1999), None);
        assert_eq!(
            r.rule_set(2024).deadline(2024),
            NaiveDate::from_ymd_opt(2023, 9, 30).unwrap()
        );
        assert_eq!(r.general.priority_multiplier_permille, 1500);
        assert!(r.rule_set(2024).caps(Category::Training).is_empty());
        assert_eq!(
            r.rule_set(2024)
                .cap(Category::Machinery, "technology_line")
                .map(|c| c.amount),
            Some(Vnd(450_000_000))
        );
        assert!(r.general.is_mandatory("support_cap"));
        assert!(!r.general.is_mandatory("no_kept_documents"));
        assert!(!r.general.is_mandatory("certificate_valid"));
    }

    #[test]
    fn bundled_aliases_resolve_as_provinces_write_them() {
        let a = Rules::bundled().aliases().clone();
        let cases = [
            (
                "Mô hình trình diễn (kỹ thuật)",
                Category::DemonstrationModel,
            ),
            ("MÔ HÌNH TRÌNH DIỄN", Category::DemonstrationModel),
            ("máy móc thiết bị", Category::Machinery),
            ("Ứng dụng máy móc tiên tiến", Category::Machinery),
            ("xử lý ô nhiễm (môi trường)", Category::PollutionTreatment),
            ("Cụm công nghiệp", Category::PollutionTreatment),
            (
                "sản phẩm (công nghiệp nông thôn) tiêu biểu",
                Category::TypicalProduct,
            ),
            ("san pham tieu bieu", Category::TypicalProduct),
            ("Đào tạo nghề", Category::Training),
            ("đào tạo", Category::Training),
            ("Tư vấn", Category::Consulting),
            ("thông tin", Category::Consulting),
            ("Advanced machinery", Category::Machinery),
        ];
        for (written, c) in cases {
            assert_eq!(a.resolve(written), Some(c), "{written}");
        }
        // NFD input (decomposed diacritics) resolves the same.
        let nfd = "ma\u{301}y mo\u{301}c thi\u{1ebf}t bi\u{323}";
        assert_eq!(a.resolve(nfd), Some(Category::Machinery));
        assert_eq!(a.resolve("du lịch cộng đồng"), None);
    }

    #[test]
    fn unknown_key_is_located() {
        expect_err(
            CATEGORIES_FILE,
            |t| t.replace("[machinery]\n", "[machinery]\ncolour = \"đỏ\"\n"),
            "colour",
            "colour",
        );
        expect_err(
            CATEGORIES_FILE,
            |t| format!("{t}\n[tourism]\nname_vi = \"Du lịch\"\nname_en = \"Tourism\"\n"),
            "[tourism]",
            "tourism",
        );
    }

    #[test]
    fn unknown_rule_is_located() {
        let e = expect_err(
            CHECKLISTS_FILE,
            |t| t.replace("on_time = true", "on_tme = true"),
            "on_tme",
            "unknown rule \"on_tme\"",
        );
        assert!(e.to_string().starts_with("data/checklists.toml:"), "{e}");
        assert!(e.to_string().contains(": unknown rule \"on_tme\""), "{e}");
        expect_err(
            "rulesets/2024.toml",
            |t| {
                t.replace(
                    "[caps.machinery.technology_line]",
                    "[caps.machinery.whole_line]",
                )
            },
            "whole_line",
            "unknown cap subtype \"whole_line\"",
        );
    }

    #[test]
    fn unknown_document_kind_is_located() {
        expect_err(
            CHECKLISTS_FILE,
            |t| {
                t.replacen(
                    "\"no_double_funding\", \"quotation\"]",
                    "\"no_double_funding\", \"quotaton\"]",
                    1,
                )
            },
            "\"quotaton\"",
            "unknown document kind \"quotaton\"",
        );
        expect_err(
            CHECKLISTS_FILE,
            |t| {
                t.replacen(
                    "pilot = [\"cover_letter\", \"proposal\"]",
                    "pilot = [\"cover_letter\", \"business_registration\"]",
                    1,
                )
            },
            "\"business_registration\"",
            "cannot be a required document",
        );
    }

    #[test]
    fn category_without_checklist_or_criteria() {
        let (r, _) = with(CHECKLISTS_FILE, |t| {
            t[..t.find("[consulting.documents]").unwrap_or(t.len())].to_string()
        });
        let e = r.expect_err("consulting has no checklist");
        assert_eq!(
            e.to_string(),
            "data/checklists.toml: no checklist for category consulting"
        );
        let (r, _) = with(CRITERIA_FILE, |t| {
            t[..t.find("[[consulting.criteria]]").unwrap_or(t.len())].to_string()
        });
        let e = r.expect_err("consulting has no criteria");
        assert_eq!(
            e.to_string(),
            "data/criteria.toml: no criteria for category consulting"
        );
        let (r, _) = with(CATEGORIES_FILE, |t| {
            t[..t.find("[consulting]").unwrap_or(t.len())].to_string()
        });
        assert!(r.is_err());
    }

    #[test]
    fn duplicate_item_and_criterion_ids_are_located() {
        expect_err(
            CHECKLISTS_FILE,
            |t| t.replace("id = \"policy_fit\"", "id = \"capacity\""),
            "id = \"capacity\"\nlabel_vi = \"Phù hợp",
            "duplicate item id \"capacity\"",
        );
        expect_err(
            CHECKLISTS_FILE,
            |t| t.replace("id = \"policy_fit\"", "id = \"on_time\""),
            "id = \"on_time\"",
            "duplicate item id \"on_time\"",
        );
        expect_err(
            CRITERIA_FILE,
            |t| t.replacen("id = \"budget\"", "id = \"necessity\"", 1),
            "id = \"necessity\"\nlabel_vi = \"Tính hợp lý",
            "duplicate criterion id \"necessity\"",
        );
    }

    #[test]
    fn duplicate_aliases_are_located() {
        expect_err(
            CATEGORIES_FILE,
            |t| {
                t.replace(
                    "    \"truyền nghề\",\n",
                    "    \"truyền nghề\",\n    \"May moc thiet bi\",\n",
                )
            },
            "\"May moc thiet bi\"",
            "duplicate alias \"May moc thiet bi\": already listed for machinery",
        );
        // An alias that is another category's id.
        expect_err(
            CATEGORIES_FILE,
            |t| t.replace("    \"truyền nghề\",\n", "    \"consulting\",\n"),
            "\"consulting\"",
            "it already stands for consulting",
        );
    }

    #[test]
    fn criteria_not_summing_to_100_are_located() {
        let e = expect_err(
            CRITERIA_FILE,
            |t| {
                let at = t.find("[[machinery.criteria]]").unwrap_or(0);
                let (head, tail) = t.split_at(at);
                format!("{head}{}", tail.replacen("max = 20", "max = 25", 1))
            },
            "[[machinery.criteria]]",
            "machinery: criteria maxima add up to 105, not 100",
        );
        assert!(e.line.is_some());
    }

    #[test]
    fn syntax_errors_and_bad_values_are_located() {
        expect_err(
            BUDGET_FILE,
            |t| {
                t.replacen(
                    "machinery = 35_000_000_000",
                    "machinery = 35.000.000.000",
                    1,
                )
            },
            "machinery = 35.000",
            "",
        );
        expect_err(
            BUDGET_FILE,
            |t| t.replacen("training = 9_000_000_000", "training = -9_000_000_000", 1),
            "-9_000",
            "negative",
        );
        expect_err(
            "rulesets/2024.toml",
            |t| t.replace("day = 30, month = 9", "day = 31, month = 9"),
            "day = 31",
            "dossier: day 31 of month 9 does not exist",
        );
        expect_err(
            "rulesets/2026.toml",
            |t| t.replacen("percent = 50", "percent = 150", 1),
            "percent = 150",
            "percent 150 is not 0..100",
        );
        expect_err(
            CRITERIA_FILE,
            |t| t.replace("poor_district_30a = 6", "poor_district = 6"),
            "poor_district = 6",
            "unknown priority area",
        );
        // Control characters in texts are neutralised, not passed on.
        let (r, _) = with(CHECKLISTS_FILE, |t| {
            t.replace(
                "en = \"Fits the province's sector plans\"",
                "en = \"Fits \\u001b[31mplans\"",
            )
        });
        let r = r.expect("escape sequences are text, not an error");
        let item = r
            .category(Category::Machinery)
            .manual
            .iter()
            .find(|m| m.id == "policy_fit")
            .cloned();
        assert_eq!(item.map(|m| m.text_en), Some("Fits ␛[31mplans".to_string()));
    }

    #[test]
    fn missing_source_is_an_error() {
        let sources: Vec<Source> = BUNDLED[..3]
            .iter()
            .map(|&(name, text)| Source { name, text })
            .collect();
        let e = Rules::from_sources(&sources).expect_err("budget missing");
        assert_eq!(e.to_string(), "budget.toml: rule file missing");
    }

    #[test]
    fn deadline_is_configurable_and_feb_29_falls_back() {
        let (r, _) = with("rulesets/2024.toml", |t| {
            t.replace("day = 30, month = 9", "day = 29, month = 2")
        });
        let r = r.expect("29 February is a valid deadline");
        assert_eq!(
            r.rule_set(2025).deadline(2025),
            NaiveDate::from_ymd_opt(2024, 2, 29).unwrap()
        );
        assert_eq!(
            r.rule_set(2024).deadline(2024),
            NaiveDate::from_ymd_opt(2023, 2, 28).unwrap()
        );
    }
}
