//! Rule sets by plan year: the law that a dossier is appraised under. Each
//! file of `data/rulesets/` names the first plan year it governs (it runs
//! until the next set's first year), its legal basis, its deadlines, the
//! support caps, which categories allow group projects, the certificate
//! validity rule, how far back duplicate support is looked for, the
//! ranking's tie-break order, and the article every checklist item cites.
//! Pure: the caller hands in the file contents.

use crate::domain::category::Category;
use crate::domain::checklist::AutoItem;
use crate::domain::lang::Lang;
use crate::domain::money::Vnd;
use crate::domain::rules::{Ctx, RulesError, Source, SupportCap, line_of, subtype_keys};
use crate::domain::text::clean_line;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use toml::Spanned;

/// The folder of the rule sets, inside `data/`.
pub const RULESETS_DIR: &str = "rulesets";

/// The rule sets compiled into the binary: (path under `data/`, text).
pub const BUNDLED_RULESETS: [(&str, &str); 2] = [
    (
        "rulesets/2024.toml",
        include_str!("../../data/rulesets/2024.toml"),
    ),
    (
        "rulesets/2026.toml",
        include_str!("../../data/rulesets/2026.toml"),
    ),
];

/// Whether a source's name is a rule set (`…/rulesets/<name>.toml`).
pub fn is_ruleset(name: &str) -> bool {
    let p = std::path::Path::new(name);
    p.parent()
        .and_then(|d| d.file_name())
        .is_some_and(|d| d == RULESETS_DIR)
        && p.extension().is_some_and(|e| e == "toml")
}

/// A day of a month (of the year before the plan year).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct DayMonth {
    pub day: u32,
    pub month: u32,
}

impl DayMonth {
    /// This day in the year before `plan_year` (29 February falls back to
    /// 28 in common years).
    pub fn before(self, plan_year: i32) -> NaiveDate {
        let y = plan_year - 1;
        (0..4)
            .find_map(|back| NaiveDate::from_ymd_opt(y, self.month, self.day.saturating_sub(back)))
            .unwrap_or(NaiveDate::MIN)
    }
}

crate::vocabulary! {
    /// A ranking tie-break key, after pilot projects and priority areas.
    #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
    pub enum TieBreak {
        Score = "score", "higher score first", "điểm cao hơn trước";
        SubmittedOn = "submitted_on", "earlier submission first", "nộp sớm hơn trước";
        NationalVnd = "national_vnd", "smaller national support first", "kinh phí KCQG nhỏ hơn trước";
        Code = "code", "dossier code", "mã hồ sơ";
    }
}

/// The default tie-break order (`checklists.md`): score, then submission,
/// then code.
pub const DEFAULT_TIE_BREAK: [TieBreak; 3] =
    [TieBreak::Score, TieBreak::SubmittedOn, TieBreak::Code];

/// One rule set: the law for a range of plan years.
#[derive(Debug, Clone, PartialEq)]
pub struct RuleSet {
    /// The file's stem (`2024`), a stable id.
    pub id: String,
    /// The file as named in errors.
    pub file: String,
    /// First plan year it governs.
    pub from_plan_year: i32,
    /// Last plan year it governs (the year before the next set), `None`
    /// for the newest set.
    pub to_plan_year: Option<i32>,
    /// Short name, Vietnamese (`NĐ 45/2012/NĐ-CP`).
    pub name_vi: String,
    /// Short name, English.
    pub name_en: String,
    /// The decree and circulars, with numbers, in file order.
    pub legal_basis: Vec<String>,
    /// The province's registration to the agency.
    pub registration_deadline: DayMonth,
    /// The dossier deadline (`on_time`).
    pub dossier_deadline: DayMonth,
    caps: BTreeMap<Category, Vec<SupportCap>>,
    /// Categories where a group project is allowed.
    pub group_allowed: Vec<Category>,
    /// A machinery group project must name its site, each beneficiary and
    /// the machine types.
    pub machinery_group_must_name: bool,
    /// A certificate with only `issued_on` is valid to 31 December of this
    /// year counted from the year of issue (the year of issue is year 1).
    pub certificate_valid_years: u32,
    /// Approved support in this many previous plan years counts as a
    /// duplicate.
    pub duplicate_lookback_years: u32,
    /// Ranking keys after pilot projects and priority areas.
    pub tie_break: Vec<TieBreak>,
    basis_auto: BTreeMap<AutoItem, String>,
    basis_manual: BTreeMap<String, String>,
}

impl RuleSet {
    /// The dossier deadline for a plan year.
    pub fn deadline(&self, plan_year: i32) -> NaiveDate {
        self.dossier_deadline.before(plan_year)
    }

    /// The registration deadline for a plan year.
    pub fn registration(&self, plan_year: i32) -> NaiveDate {
        self.registration_deadline.before(plan_year)
    }

    /// The caps of a category (empty: no cap, `support_cap` left out).
    pub fn caps(&self, c: Category) -> &[SupportCap] {
        self.caps.get(&c).map_or(&[], Vec::as_slice)
    }

    /// The cap for a subtype key, or the category's `default` cap.
    pub fn cap(&self, c: Category, subtype: &str) -> Option<&SupportCap> {
        let caps = self.caps(c);
        caps.iter()
            .find(|x| x.subtype == subtype)
            .or_else(|| caps.iter().find(|x| x.subtype == "default"))
    }

    /// Whether a group project is allowed in `c`.
    pub fn group_allowed(&self, c: Category) -> bool {
        self.group_allowed.contains(&c)
    }

    /// The article an automatic item cites.
    pub fn basis_auto(&self, item: AutoItem) -> Option<&str> {
        self.basis_auto.get(&item).map(String::as_str)
    }

    /// The article a manual item cites.
    pub fn basis_manual(&self, id: &str) -> Option<&str> {
        self.basis_manual.get(id).map(String::as_str)
    }

    /// The plan years as written: `2024–2025`, `2026–`.
    pub fn years(&self) -> String {
        match self.to_plan_year {
            Some(t) if t == self.from_plan_year => format!("{t}"),
            Some(t) => format!("{}–{t}", self.from_plan_year),
            None => format!("{}–", self.from_plan_year),
        }
    }

    /// One line naming the set: `2024–2025: NĐ 45/2012/NĐ-CP`.
    pub fn title(&self, lang: Lang) -> String {
        let name = lang.pick(&self.name_en, &self.name_vi);
        format!(
            "{} {}: {name}",
            lang.pick("plan years", "năm kế hoạch"),
            self.years()
        )
    }
}

/// The rule sets, ordered by first plan year; never empty.
#[derive(Debug, Clone, PartialEq)]
pub struct RuleSets(Vec<RuleSet>);

impl RuleSets {
    /// Parse and validate rule-set files; plan-year ranges follow from the
    /// first years (each set runs to the year before the next one).
    pub fn from_sources(
        sources: &[Source],
        known_manual: &[String],
    ) -> Result<RuleSets, RulesError> {
        let mut sets: Vec<(RuleSet, usize)> = Vec::with_capacity(sources.len());
        for src in sources {
            let (set, line) = load(*src, known_manual)?;
            if let Some((other, _)) = sets
                .iter()
                .find(|(s, _)| s.from_plan_year == set.from_plan_year)
            {
                return Err(RulesError {
                    file: set.file.clone(),
                    line: Some(line),
                    message: format!(
                        "from_plan_year {} is already the first year of {}",
                        set.from_plan_year, other.file
                    ),
                });
            }
            sets.push((set, line));
        }
        if sets.is_empty() {
            return Err(RulesError {
                file: format!("data/{RULESETS_DIR}"),
                line: None,
                message: "no rule set".into(),
            });
        }
        let mut sets: Vec<RuleSet> = sets.into_iter().map(|(s, _)| s).collect();
        sets.sort_by_key(|s| s.from_plan_year);
        for i in 1..sets.len() {
            let next = sets[i].from_plan_year;
            sets[i - 1].to_plan_year = Some(next - 1);
        }
        Ok(RuleSets(sets))
    }

    /// The set of a plan year: the newest whose first year is ≤ it; a year
    /// before every set takes the oldest.
    pub fn for_year(&self, plan_year: i32) -> &RuleSet {
        self.0
            .iter()
            .rev()
            .find(|s| s.from_plan_year <= plan_year)
            // Never empty: `from_sources` refuses an empty list.
            .unwrap_or(&self.0[0])
    }

    /// Every set, oldest first.
    pub fn all(&self) -> &[RuleSet] {
        &self.0
    }
}

// ---------------------------------------------------------------------------
// Loading

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawSet {
    from_plan_year: Spanned<i64>,
    name_vi: String,
    name_en: String,
    legal_basis: Spanned<Vec<String>>,
    deadlines: RawDeadlines,
    #[serde(default)]
    caps: BTreeMap<Spanned<String>, BTreeMap<Spanned<String>, RawCap>>,
    group: RawGroup,
    certificate: RawCertificate,
    duplicates: RawDuplicates,
    #[serde(default)]
    ranking: Option<RawRanking>,
    basis: RawBasis,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawDeadlines {
    registration: Spanned<RawDay>,
    dossier: Spanned<RawDay>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawDay {
    day: u32,
    month: u32,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawCap {
    percent: Spanned<i64>,
    amount_vnd: Spanned<i64>,
    #[serde(default)]
    basis: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawGroup {
    allowed: Vec<Spanned<String>>,
    #[serde(default)]
    machinery_must_name: bool,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawCertificate {
    valid_years: Spanned<i64>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawDuplicates {
    lookback_years: Spanned<i64>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawRanking {
    tie_break: Vec<Spanned<String>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawBasis {
    auto: Spanned<BTreeMap<Spanned<String>, String>>,
    manual: Spanned<BTreeMap<Spanned<String>, String>>,
}

fn category_of(cx: &Ctx, s: &Spanned<String>) -> Result<Category, RulesError> {
    Category::from_id(s.get_ref()).ok_or_else(|| {
        let ids: Vec<&str> = Category::ALL.iter().map(|c| c.id()).collect();
        cx.at(
            s,
            format!(
                "unknown category {:?} (known: {})",
                s.get_ref(),
                ids.join(", ")
            ),
        )
    })
}

fn day_of(cx: &Ctx, d: &Spanned<RawDay>, what: &str) -> Result<DayMonth, RulesError> {
    let r = d.get_ref();
    if NaiveDate::from_ymd_opt(2024, r.month, r.day).is_none() {
        return Err(cx.at(
            d,
            format!("{what}: day {} of month {} does not exist", r.day, r.month),
        ));
    }
    Ok(DayMonth {
        day: r.day,
        month: r.month,
    })
}

fn small(
    cx: &Ctx,
    s: &Spanned<i64>,
    what: &str,
    range: std::ops::RangeInclusive<i64>,
) -> Result<u32, RulesError> {
    let v = *s.get_ref();
    if !range.contains(&v) {
        return Err(cx.at(
            s,
            format!("{what} {v} is not {}..{}", range.start(), range.end()),
        ));
    }
    Ok(v as u32)
}

fn load(src: Source, known_manual: &[String]) -> Result<(RuleSet, usize), RulesError> {
    let cx = Ctx { src };
    let raw: RawSet = cx.parse()?;
    let year_line = line_of(src.text, raw.from_plan_year.span().start);
    let from = *raw.from_plan_year.get_ref();
    if !(2000..=2200).contains(&from) {
        return Err(cx.at(
            &raw.from_plan_year,
            format!("from_plan_year {from} is not a plausible year"),
        ));
    }
    let name_vi = clean_line(&raw.name_vi);
    let name_en = clean_line(&raw.name_en);
    if name_vi.is_empty() {
        return Err(cx.at(&raw.from_plan_year, "name_vi must not be empty"));
    }
    let legal_basis: Vec<String> = raw
        .legal_basis
        .get_ref()
        .iter()
        .map(|s| clean_line(s))
        .collect();
    if legal_basis.iter().all(String::is_empty) {
        return Err(cx.at(
            &raw.legal_basis,
            "legal_basis must name the decree and circulars",
        ));
    }

    let mut caps: BTreeMap<Category, Vec<SupportCap>> = BTreeMap::new();
    for (cat_key, subtypes) in raw.caps {
        let cat = category_of(&cx, &cat_key)?;
        let keys = subtype_keys(cat);
        let mut list = Vec::new();
        for (k, cap) in subtypes {
            if !keys.contains(&k.get_ref().as_str()) {
                return Err(cx.at(
                    &k,
                    format!(
                        "{cat}: unknown cap subtype {:?} (known: {})",
                        k.get_ref(),
                        keys.join(", ")
                    ),
                ));
            }
            let percent = small(&cx, &cap.percent, &format!("{cat}: percent"), 0..=100)?;
            let a = *cap.amount_vnd.get_ref();
            if a < 0 {
                return Err(cx.at(
                    &cap.amount_vnd,
                    format!("{cat}: amount_vnd {a} is negative"),
                ));
            }
            list.push(SupportCap {
                subtype: k.into_inner(),
                percent,
                amount: Vnd(a),
                basis: cap.basis.map(|b| clean_line(&b)).filter(|b| !b.is_empty()),
            });
        }
        caps.insert(cat, list);
    }

    let mut group_allowed = Vec::new();
    for s in &raw.group.allowed {
        let c = category_of(&cx, s)?;
        if !group_allowed.contains(&c) {
            group_allowed.push(c);
        }
    }

    let tie_break = match raw.ranking {
        None => DEFAULT_TIE_BREAK.to_vec(),
        Some(r) => {
            let mut out = Vec::new();
            for s in &r.tie_break {
                let Some(k) = TieBreak::from_id(s.get_ref()) else {
                    let ids: Vec<&str> = TieBreak::ALL.iter().map(|t| t.id()).collect();
                    return Err(cx.at(
                        s,
                        format!(
                            "unknown tie-break {:?} (known: {})",
                            s.get_ref(),
                            ids.join(", ")
                        ),
                    ));
                };
                if out.contains(&k) {
                    return Err(cx.at(s, format!("tie-break {:?} listed twice", s.get_ref())));
                }
                out.push(k);
            }
            out
        }
    };

    let mut basis_auto = BTreeMap::new();
    let auto_span = raw.basis.auto.span().start;
    for (k, v) in raw.basis.auto.into_inner() {
        let Some(item) = AutoItem::from_id(k.get_ref()) else {
            return Err(cx.at(&k, crate::domain::rules::unknown_rule(k.get_ref())));
        };
        basis_auto.insert(item, clean_line(&v));
    }
    let missing: Vec<&str> = AutoItem::ALL
        .iter()
        .filter(|a| basis_auto.get(a).is_none_or(|b| b.is_empty()))
        .map(|a| a.id())
        .collect();
    if !missing.is_empty() {
        return Err(cx.err(
            Some(auto_span),
            format!("[basis.auto]: no article cited for {}", missing.join(", ")),
        ));
    }
    let mut basis_manual = BTreeMap::new();
    let manual_span = raw.basis.manual.span().start;
    for (k, v) in raw.basis.manual.into_inner() {
        if !known_manual.contains(k.get_ref()) {
            return Err(cx.at(
                &k,
                format!(
                    "[basis.manual]: {:?} is not a manual item of checklists.toml",
                    k.get_ref()
                ),
            ));
        }
        basis_manual.insert(k.into_inner(), clean_line(&v));
    }
    let missing: Vec<&str> = known_manual
        .iter()
        .filter(|id| basis_manual.get(*id).is_none_or(|b: &String| b.is_empty()))
        .map(String::as_str)
        .collect();
    if !missing.is_empty() {
        return Err(cx.err(
            Some(manual_span),
            format!(
                "[basis.manual]: no article cited for {}",
                missing.join(", ")
            ),
        ));
    }

    let id = std::path::Path::new(src.name)
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    let set = RuleSet {
        id,
        file: src.name.to_string(),
        from_plan_year: from as i32,
        to_plan_year: None,
        name_vi,
        name_en: if name_en.is_empty() {
            clean_line(&raw.name_vi)
        } else {
            name_en
        },
        legal_basis: legal_basis.into_iter().filter(|s| !s.is_empty()).collect(),
        registration_deadline: day_of(&cx, &raw.deadlines.registration, "registration")?,
        dossier_deadline: day_of(&cx, &raw.deadlines.dossier, "dossier")?,
        caps,
        group_allowed,
        machinery_group_must_name: raw.group.machinery_must_name,
        certificate_valid_years: small(
            &cx,
            &raw.certificate.valid_years,
            "certificate valid_years",
            1..=20,
        )?,
        duplicate_lookback_years: small(
            &cx,
            &raw.duplicates.lookback_years,
            "duplicates lookback_years",
            0..=20,
        )?,
        tie_break,
        basis_auto,
        basis_manual,
    };
    Ok((set, year_line))
}
