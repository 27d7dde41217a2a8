//! Scoring: criteria points per category (maxima sum to 100) plus bonus
//! points for pilot projects, priority areas and a valid certificate.

use crate::domain::category::Category;
use crate::domain::checklist::best_certificate;
use crate::domain::dossier::{Dossier, PriorityArea, ProjectType};
use crate::domain::rules::Rules;
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
    pub fn of(d: &Dossier) -> BonusFacts {
        BonusFacts {
            project_type: d.project_type,
            priority_area: d.priority_area,
            certificate_valid_until: best_certificate(d).0,
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
    }
}

/// Check points for a criterion: the criterion must exist for the category
/// and the points be within `0..=max`.
pub fn validate_points(
    rules: &Rules,
    category: Category,
    criterion: &str,
    points: i64,
) -> Result<u32, String> {
    let cr = rules.category(category);
    let Some(c) = cr.criterion(criterion) else {
        let known: Vec<&str> = cr.criteria.iter().map(|c| c.id.as_str()).collect();
        return Err(format!(
            "unknown criterion {criterion:?} for {category} (known: {})",
            known.join(", ")
        ));
    };
    if points < 0 || points > i64::from(c.max) {
        return Err(format!("{}: {points} is out of range 0..{}", c.id, c.max));
    }
    Ok(points as u32)
}
