//! Scoring: criteria points per category (maxima sum to 100) plus bonus
//! points for pilot projects, priority areas and a valid certificate.

use crate::domain::category::Category;
use crate::domain::checklist::best_certificate;
use crate::domain::dossier::{Dossier, PriorityArea, ProjectType};
use crate::domain::refusal::{Label, Refusal};
use crate::domain::rules::{Criterion, Rules};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// A criterion score as the store records it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ScoreEntry {
    /// Criterion id.
    pub criterion: String,
    /// Points given (already validated).
    pub points: u32,
    /// Who scored.
    pub author: String,
    /// When, RFC 3339.
    pub at: String,
    /// The dossier revision it was scored on.
    pub revision: i64,
}

/// The facts of a dossier that bonus points depend on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BonusFacts {
    /// Pilot projects get a bonus.
    pub project_type: ProjectType,
    /// The priority area, if any.
    pub priority_area: Option<PriorityArea>,
    /// The latest `valid_until` among regional/national certificates.
    pub certificate_valid_until: Option<NaiveDate>,
}

impl BonusFacts {
    /// Read the facts off a dossier.
    /// `valid_years`: the rule set's certificate validity (for a
    /// certificate with only its day of issue).
    pub fn of(d: &Dossier, valid_years: u32) -> BonusFacts {
        BonusFacts {
            project_type: d.project_type,
            priority_area: d.priority_area,
            certificate_valid_until: best_certificate(d, valid_years).best.map(|b| b.0),
        }
    }
}

/// One bonus that applies.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct BonusPart {
    /// `pilot`, `priority_area` or `certificate`.
    pub id: String,
    /// Vietnamese label.
    pub label_vi: String,
    /// English label.
    pub label_en: String,
    /// Points.
    pub points: i64,
}

fn area_label(a: PriorityArea) -> (&'static str, &'static str) {
    match a {
        PriorityArea::HighlandBorderIslandEthnic => (
            "Địa bàn miền núi, biên giới, hải đảo, vùng đồng bào dân tộc",
            "Highland, border, island or ethnic-minority area",
        ),
        PriorityArea::PoorDistrict30a => ("Huyện nghèo (Nghị quyết 30a)", "Poor district (30a)"),
        PriorityArea::NewRuralCommune => ("Xã xây dựng nông thôn mới", "New-rural commune"),
        PriorityArea::DifficultArea => ("Địa bàn khó khăn", "Difficult area"),
    }
}

/// The bonuses that apply (those worth 0 points are left out).
pub fn bonus(rules: &Rules, facts: &BonusFacts, as_of: NaiveDate) -> Vec<BonusPart> {
    let b = &rules.bonus;
    let mut out = Vec::new();
    let mut push = |id: &str, vi: &str, en: &str, points: i64| {
        if points != 0 {
            out.push(BonusPart {
                id: id.into(),
                label_vi: vi.into(),
                label_en: en.into(),
                points,
            });
        }
    };
    if facts.project_type == ProjectType::Pilot {
        push("pilot", "Đề án điểm", "Pilot project", b.pilot);
    }
    if let Some(a) = facts.priority_area {
        let (vi, en) = area_label(a);
        push("priority_area", vi, en, b.priority_area(a));
    }
    if facts.certificate_valid_until.is_some_and(|u| u >= as_of) {
        push(
            "certificate",
            "Chứng nhận SPCNNT tiêu biểu khu vực/quốc gia còn hiệu lực",
            "Valid regional or national certificate",
            b.certificate,
        );
    }
    out
}

/// One criterion with its latest score. Serialises with `id`, `max`,
/// `points` (null while unscored) as `cli.md` requires.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CriterionScore {
    /// Criterion id.
    pub id: String,
    /// Vietnamese label.
    pub label_vi: String,
    /// English label.
    pub label_en: String,
    /// Guidance for the appraiser.
    pub guidance_vi: String,
    /// Maximum points.
    pub max: u32,
    /// Latest points, None while unscored.
    pub points: Option<u32>,
    /// Who gave the latest points.
    pub scored_by: Option<String>,
    /// Scored on an older revision of the dossier.
    pub stale: bool,
}

/// A dossier's score card. Serialises as `{"total","bonus","criteria",…}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ScoreCard {
    /// Criteria points plus bonus; None while no criterion is scored.
    pub total: Option<i64>,
    /// Sum of the bonus parts.
    pub bonus: i64,
    /// The bonuses that apply.
    pub bonus_parts: Vec<BonusPart>,
    /// Every criterion of the category, in data order.
    pub criteria: Vec<CriterionScore>,
    /// Each appraiser's own card (council scoring), by name; empty while
    /// nobody scored.
    pub by_appraiser: Vec<AppraiserScore>,
    /// Highest appraiser's total minus the lowest; `None` with fewer than
    /// two appraisers.
    pub spread: Option<i64>,
    /// The spread is above the council's threshold.
    pub disputed: bool,
}

/// One appraiser's score of a dossier.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct AppraiserScore {
    pub appraiser: String,
    /// Their criteria points plus the bonus.
    pub total: i64,
    /// Their points per criterion of the category (null: not scored by them).
    pub criteria: Vec<(String, Option<u32>)>,
}

/// Build the score card. `entries` are in the order they were made (the
/// last per criterion counts); entries for criteria the category no longer
/// has are ignored.
pub fn score_card(
    rules: &Rules,
    category: Category,
    facts: &BonusFacts,
    entries: &[ScoreEntry],
    current_revision: i64,
    as_of: NaiveDate,
) -> ScoreCard {
    let bonus_parts = bonus(rules, facts, as_of);
    let bonus_sum: i64 = bonus_parts.iter().map(|b| b.points).sum();
    let mut criteria = Vec::new();
    let mut sum: i64 = 0;
    let mut any = false;
    for c in &rules.category(category).criteria {
        let latest = entries.iter().rev().find(|e| e.criterion == c.id);
        if let Some(e) = latest {
            any = true;
            // Entries were validated when made; clamp in case the maximum
            // has since been lowered in the data.
            sum += i64::from(e.points.min(c.max));
        }
        criteria.push(CriterionScore {
            id: c.id.clone(),
            label_vi: c.label_vi.clone(),
            label_en: c.label_en.clone(),
            guidance_vi: c.guidance_vi.clone(),
            max: c.max,
            points: latest.map(|e| e.points.min(c.max)),
            scored_by: latest.map(|e| e.author.clone()),
            stale: latest.is_some_and(|e| e.revision < current_revision),
        });
    }
    ScoreCard {
        total: any.then_some(sum + bonus_sum),
        bonus: bonus_sum,
        bonus_parts,
        criteria,
        by_appraiser: Vec::new(),
        spread: None,
        disputed: false,
    }
}

/// Who is looking at a council's score card, and who leads the dossier.
#[derive(Debug, Clone, Copy, Default)]
pub struct Viewer<'a> {
    /// The appraiser looking: their own points are the criteria shown.
    pub me: Option<&'a str>,
    /// The dossier's assignee (the lead, for the `lead` rule).
    pub lead: Option<&'a str>,
}

/// The score card of a council: `entries` are every appraiser's (`author`
/// is the appraiser). The total is the council's (`data/council.toml`) plus
/// the bonus; the criteria are the viewer's own points when they scored the
/// dossier, else each criterion's points drawn by the same rule from the
/// appraisers who scored it (one appraiser: theirs, as before councils).
pub fn council_card(
    rules: &Rules,
    category: Category,
    facts: &BonusFacts,
    entries: &[ScoreEntry],
    current_revision: i64,
    as_of: NaiveDate,
    viewer: Viewer,
) -> ScoreCard {
    let council = &rules.council;
    let mut names: Vec<&str> = entries.iter().map(|e| e.author.as_str()).collect();
    names.sort_unstable();
    names.dedup();
    let cards: Vec<(&str, ScoreCard)> = names
        .iter()
        .map(|&n| {
            let own: Vec<ScoreEntry> = entries.iter().filter(|e| e.author == n).cloned().collect();
            (
                n,
                score_card(rules, category, facts, &own, current_revision, as_of),
            )
        })
        .collect();
    let mine = viewer
        .me
        .and_then(|me| cards.iter().find(|(n, _)| *n == me));
    let mut card = match (mine, cards.as_slice()) {
        (Some((_, c)), _) => c.clone(),
        (None, [(_, only)]) => only.clone(),
        _ => {
            let mut c = score_card(rules, category, facts, &[], current_revision, as_of);
            for crit in &mut c.criteria {
                let given: Vec<(String, i64)> = cards
                    .iter()
                    .filter_map(|(n, k)| {
                        let p = k.criteria.iter().find(|x| x.id == crit.id)?.points?;
                        Some((n.to_string(), i64::from(p)))
                    })
                    .collect();
                crit.points = council
                    .verdict(&given, viewer.lead)
                    .points
                    .and_then(|p| u32::try_from(p).ok());
            }
            c
        }
    };
    let totals: Vec<(String, i64)> = cards
        .iter()
        .filter_map(|(n, c)| Some((n.to_string(), c.total? - c.bonus)))
        .collect();
    let verdict = council.verdict(&totals, viewer.lead);
    card.total = verdict.points.map(|p| p + card.bonus);
    card.spread = verdict.spread;
    card.disputed = council.disputed(verdict.spread);
    card.by_appraiser = cards
        .iter()
        .filter_map(|(n, c)| {
            Some(AppraiserScore {
                appraiser: n.to_string(),
                total: c.total?,
                criteria: c
                    .criteria
                    .iter()
                    .map(|x| (x.id.clone(), x.points))
                    .collect(),
            })
        })
        .collect();
    card
}

/// The criterion `criterion` of `category` (dossier `code`), or why there
/// is none (naming the known ones).
pub fn known_criterion<'r>(
    rules: &'r Rules,
    code: &str,
    category: Category,
    criterion: &str,
) -> Result<&'r Criterion, Refusal> {
    let cr = rules.category(category);
    cr.criterion(criterion)
        .ok_or_else(|| Refusal::UnknownCriterion {
            code: code.to_string(),
            criterion: criterion.to_string(),
            category,
            known: cr
                .criteria
                .iter()
                .map(|c| crate::domain::refusal::Label::new(c.id.clone(), c.label_vi.clone()))
                .collect(),
        })
}

/// Check points typed for a criterion of dossier `code`: the criterion
/// must exist for the category and the points be a whole number within
/// `0..=max`.
pub fn validate_points(
    rules: &Rules,
    code: &str,
    category: Category,
    criterion: &str,
    points: &str,
) -> Result<u32, Refusal> {
    let c = known_criterion(rules, code, category, criterion)?;
    let label = || Label::new(c.label_en.clone(), c.label_vi.clone());
    let n: i64 = points.trim().parse().map_err(|_| Refusal::NotWholePoints {
        code: code.to_string(),
        criterion: label(),
        points: points.to_string(),
    })?;
    u32::try_from(n)
        .ok()
        .filter(|p| *p <= c.max)
        .ok_or_else(|| Refusal::PointsOutOfRange {
            code: code.to_string(),
            criterion: label(),
            points: n,
            max: c.max,
        })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::dossier::fixtures;
    use crate::domain::dossier::{CertLevel, DocKind, Document};

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).expect("valid test date")
    }

    fn entry(criterion: &str, points: u32, revision: i64) -> ScoreEntry {
        ScoreEntry {
            criterion: criterion.into(),
            points,
            author: "Trần Văn Bình".into(),
            at: "2023-10-03T14:00:00+07:00".into(),
            revision,
        }
    }

    fn facts(project_type: ProjectType, area: Option<PriorityArea>) -> BonusFacts {
        BonusFacts {
            project_type,
            priority_area: area,
            certificate_valid_until: None,
        }
    }

    #[test]
    fn validate_points_messages() {
        use crate::domain::lang::Lang;
        let r = Rules::bundled();
        let v = |c, crit, p| validate_points(&r, "KC24-GL-007", c, crit, p);
        let msg = |c, crit, p, lang| v(c, crit, p).map_err(|e: Refusal| e.message(lang));
        assert_eq!(v(Category::Machinery, "necessity", "20"), Ok(20));
        assert_eq!(v(Category::Machinery, "necessity", " 0 "), Ok(0));
        assert_eq!(
            msg(Category::Machinery, "necessity", "25", Lang::En),
            Err("KC24-GL-007: Necessity: 25 is out of range (0 to 20)".into())
        );
        assert_eq!(
            msg(Category::Machinery, "necessity", "-1", Lang::Vi),
            Err("KC24-GL-007: Sự cần thiết: -1 nằm ngoài khoảng từ 0 đến 20".into())
        );
        assert_eq!(
            msg(Category::Machinery, "necessity", "mười", Lang::Vi),
            Err("KC24-GL-007: Sự cần thiết: \"mười\" không phải số điểm nguyên".into())
        );
        let e = msg(Category::Machinery, "x", "5", Lang::En).expect_err("unknown criterion");
        assert!(
            e.starts_with(
                "KC24-GL-007: unknown criterion \"x\" for machinery (known: necessity, technology,"
            ),
            "{e}"
        );
        // A criterion of another category is unknown here.
        assert!(v(Category::Machinery, "product_value", "5").is_err());
        assert_eq!(v(Category::TypicalProduct, "product_value", "25"), Ok(25));
        assert!(v(Category::Machinery, "necessity", &i64::MAX.to_string()).is_err());
    }

    #[test]
    fn bonus_tiers() {
        let r = Rules::bundled();
        let as_of = day(2023, 10, 15);
        let points = |pt, area| -> i64 {
            bonus(&r, &facts(pt, area), as_of)
                .iter()
                .map(|b| b.points)
                .sum()
        };
        assert_eq!(points(ProjectType::Named, None), 0);
        assert_eq!(points(ProjectType::Pilot, None), 10);
        assert_eq!(
            points(
                ProjectType::Named,
                Some(PriorityArea::HighlandBorderIslandEthnic)
            ),
            8
        );
        assert_eq!(
            points(ProjectType::Named, Some(PriorityArea::PoorDistrict30a)),
            6
        );
        assert_eq!(
            points(ProjectType::Named, Some(PriorityArea::NewRuralCommune)),
            4
        );
        assert_eq!(
            points(ProjectType::Named, Some(PriorityArea::DifficultArea)),
            2
        );
        assert_eq!(
            points(ProjectType::Pilot, Some(PriorityArea::PoorDistrict30a)),
            16
        );
        let mut f = facts(ProjectType::Group, None);
        f.certificate_valid_until = Some(as_of);
        let parts = bonus(&r, &f, as_of);
        assert_eq!(parts.len(), 1);
        assert_eq!((parts[0].id.as_str(), parts[0].points), ("certificate", 5));
        f.certificate_valid_until = as_of.pred_opt();
        assert!(bonus(&r, &f, as_of).is_empty());
    }

    #[test]
    fn bonus_facts_from_a_dossier() {
        let mut d = fixtures::machinery();
        d.priority_area = Some(PriorityArea::NewRuralCommune);
        let mut cert = Document::of_kind(DocKind::ProductCertificate);
        cert.level = Some(CertLevel::National);
        cert.valid_until = Some(day(2026, 6, 30));
        d.documents.push(cert);
        let mut prov = Document::of_kind(DocKind::ProductCertificate);
        prov.level = Some(CertLevel::Provincial);
        prov.valid_until = Some(day(2030, 1, 1));
        d.documents.push(prov);
        let f = BonusFacts::of(&d, 4);
        assert_eq!(f.project_type, ProjectType::Named);
        assert_eq!(f.priority_area, Some(PriorityArea::NewRuralCommune));
        assert_eq!(f.certificate_valid_until, Some(day(2026, 6, 30)));
    }

    #[test]
    fn total_is_null_until_scored_and_includes_bonus() {
        let r = Rules::bundled();
        let as_of = day(2023, 10, 15);
        let f = facts(
            ProjectType::Named,
            Some(PriorityArea::HighlandBorderIslandEthnic),
        );
        let card = score_card(&r, Category::Machinery, &f, &[], 1, as_of);
        assert_eq!(card.total, None);
        assert_eq!(card.bonus, 8);
        assert_eq!(card.criteria.len(), 6);
        assert!(card.criteria.iter().all(|c| c.points.is_none()));
        let json = serde_json::to_value(&card).expect("serialisable");
        assert!(json["total"].is_null());
        assert_eq!(json["criteria"][0]["id"], "necessity");
        assert_eq!(json["criteria"][0]["max"], 20);
        assert!(json["criteria"][0]["points"].is_null());

        let entries = [
            entry("necessity", 18, 1),
            entry("technology", 12, 1),
            entry("necessity", 16, 1),
        ];
        let card = score_card(&r, Category::Machinery, &f, &entries, 1, as_of);
        // The latest score per criterion counts: 16 + 12 + 8 bonus.
        assert_eq!(card.total, Some(36));
        let nec = &card.criteria[0];
        assert_eq!(
            (nec.points, nec.scored_by.as_deref(), nec.stale),
            (Some(16), Some("Trần Văn Bình"), false)
        );
        let json = serde_json::to_value(&card).expect("serialisable");
        assert_eq!(json["total"], 36);
        assert_eq!(json["bonus"], 8);
    }

    #[test]
    fn stale_scores_and_unknown_criteria() {
        let r = Rules::bundled();
        let as_of = day(2023, 10, 15);
        let f = facts(ProjectType::Named, None);
        let entries = [
            entry("necessity", 18, 1),
            entry("budget", 10, 2),
            entry("tourism", 50, 2),
        ];
        let card = score_card(&r, Category::Machinery, &f, &entries, 2, as_of);
        assert_eq!(card.total, Some(28), "unknown criteria are ignored");
        let stale: Vec<&str> = card
            .criteria
            .iter()
            .filter(|c| c.stale)
            .map(|c| c.id.as_str())
            .collect();
        assert_eq!(stale, ["necessity"]);
        // Only entries for unknown criteria: still unscored.
        let card = score_card(&r, Category::Machinery, &f, &entries[2..], 2, as_of);
        assert_eq!(card.total, None);
    }
}
