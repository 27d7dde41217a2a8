//! Council scoring: each appraiser scores a dossier on their own, and the
//! dossier's score (for ranking, `score:`, the queue) is one number drawn
//! from the appraisers' totals by a rule set in `data/council.toml`:
//! their mean, their median, or the lead's (the dossier's assignee; the
//! mean when the assignee has not scored it or nobody is assigned). When
//! the totals are further apart than the threshold, the dossier is
//! disputed (`is:disputed`, a flag in the queue).
//!
//! A dossier scored by one appraiser has that appraiser's total under every
//! rule, and is never disputed: it behaves as before councils existed.

use crate::domain::rules::{Ctx, RulesError, Source};
use serde::Deserialize;
use toml::Spanned;

/// File name of the council settings.
pub const COUNCIL_FILE: &str = "council.toml";

crate::vocabulary! {
    /// How the appraisers' totals make the dossier's score.
    #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
    pub enum CouncilRule {
        Mean = "mean", "mean of the appraisers' totals", "trung bình điểm của các thẩm định viên";
        Median = "median", "median of the appraisers' totals", "trung vị điểm của các thẩm định viên";
        Lead = "lead", "the lead appraiser's total", "điểm của thẩm định viên chủ trì";
    }
}

/// The council settings.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Council {
    pub rule: CouncilRule,
    /// A spread (highest total minus lowest) above this is a dispute.
    pub dispute_above: u32,
}

impl Default for Council {
    fn default() -> Self {
        Council {
            rule: CouncilRule::Mean,
            dispute_above: 15,
        }
    }
}

/// What the council's totals of one dossier come to (criteria points,
/// without the bonus, which is the same for every appraiser).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Verdict {
    /// The dossier's points by the rule; `None` while nobody scored it.
    pub points: Option<i64>,
    /// Highest total minus lowest; `None` with fewer than two appraisers.
    pub spread: Option<i64>,
    /// How many appraisers scored it.
    pub appraisers: usize,
}

/// `a / b` rounded half up, for non-negative sums (`b` > 0).
fn div_round(a: i64, b: i64) -> i64 {
    (2 * a + b).div_euclid(2 * b)
}

impl Council {
    /// The verdict on these (appraiser, criteria total) pairs; `lead` is
    /// the dossier's assignee.
    pub fn verdict(&self, totals: &[(String, i64)], lead: Option<&str>) -> Verdict {
        if totals.is_empty() {
            return Verdict::default();
        }
        let n = totals.len() as i64;
        let mut sorted: Vec<i64> = totals.iter().map(|t| t.1).collect();
        sorted.sort_unstable();
        let mean = div_round(sorted.iter().sum(), n);
        let points = match self.rule {
            CouncilRule::Mean => mean,
            CouncilRule::Median => {
                let mid = sorted.len() / 2;
                if sorted.len() % 2 == 1 {
                    sorted[mid]
                } else {
                    div_round(sorted[mid - 1] + sorted[mid], 2)
                }
            }
            CouncilRule::Lead => lead
                .and_then(|l| totals.iter().find(|t| t.0 == l))
                .map_or(mean, |t| t.1),
        };
        let spread = (totals.len() > 1).then(|| sorted[sorted.len() - 1] - sorted[0]);
        Verdict {
            points: Some(points),
            spread,
            appraisers: totals.len(),
        }
    }

    /// Is a dossier with this spread disputed?
    pub fn disputed(&self, spread: Option<i64>) -> bool {
        spread.is_some_and(|s| s > i64::from(self.dispute_above))
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct CouncilFile {
    rule: Spanned<String>,
    dispute_above: Spanned<i64>,
}

/// Read and validate `council.toml`; errors name the file and the line.
pub(crate) fn load(src: Source) -> Result<Council, RulesError> {
    let cx = Ctx { src };
    let raw: CouncilFile = cx.parse()?;
    let rule = CouncilRule::from_id(raw.rule.get_ref()).ok_or_else(|| {
        cx.at(
            &raw.rule,
            format!(
                "rule {:?} is not one of mean, median, lead",
                raw.rule.get_ref()
            ),
        )
    })?;
    let above = *raw.dispute_above.get_ref();
    let dispute_above = u32::try_from(above)
        .ok()
        .filter(|&a| a <= 100)
        .ok_or_else(|| {
            cx.at(
                &raw.dispute_above,
                format!("dispute_above {above} is not between 0 and 100 points"),
            )
        })?;
    Ok(Council {
        rule,
        dispute_above,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn t(v: &[(&str, i64)]) -> Vec<(String, i64)> {
        v.iter().map(|(a, p)| (a.to_string(), *p)).collect()
    }

    fn c(rule: CouncilRule, above: u32) -> Council {
        Council {
            rule,
            dispute_above: above,
        }
    }

    #[test]
    fn one_appraiser_is_that_appraisers_total_under_every_rule() {
        for rule in CouncilRule::ALL {
            let v = c(rule, 0).verdict(&t(&[("lan", 71)]), None);
            assert_eq!(v.points, Some(71));
            assert_eq!(v.spread, None);
            assert!(!c(rule, 0).disputed(v.spread));
        }
        assert_eq!(c(CouncilRule::Mean, 10).verdict(&[], None).points, None);
    }

    #[test]
    fn mean_median_and_lead() {
        let totals = t(&[("lan", 60), ("minh", 71), ("hoa", 90)]);
        assert_eq!(
            c(CouncilRule::Mean, 10).verdict(&totals, None).points,
            Some(74)
        );
        assert_eq!(
            c(CouncilRule::Median, 10).verdict(&totals, None).points,
            Some(71)
        );
        let lead = c(CouncilRule::Lead, 10);
        assert_eq!(lead.verdict(&totals, Some("hoa")).points, Some(90));
        // The lead has not scored, or there is no lead: the mean.
        assert_eq!(lead.verdict(&totals, Some("tuan")).points, Some(74));
        assert_eq!(lead.verdict(&totals, None).points, Some(74));
        // Halves round up: median of 70 and 71, mean of 70 and 71.
        let two = t(&[("lan", 70), ("minh", 71)]);
        assert_eq!(
            c(CouncilRule::Median, 10).verdict(&two, None).points,
            Some(71)
        );
        assert_eq!(
            c(CouncilRule::Mean, 10).verdict(&two, None).points,
            Some(71)
        );
    }

    #[test]
    fn disputed_only_above_the_threshold() {
        let council = c(CouncilRule::Mean, 15);
        let at = council.verdict(&t(&[("lan", 60), ("minh", 75)]), None);
        assert_eq!(at.spread, Some(15));
        assert!(!council.disputed(at.spread), "exactly at the threshold");
        let over = council.verdict(&t(&[("lan", 60), ("minh", 76)]), None);
        assert_eq!(over.spread, Some(16));
        assert!(council.disputed(over.spread), "one over");
    }

    #[test]
    fn a_bad_setting_names_the_file_and_line() {
        let bad = |text: &str| {
            load(Source {
                name: "data/council.toml",
                text,
            })
            .expect_err("a bad setting")
        };
        let e = bad("# council\nrule = \"average\"\ndispute_above = 10\n");
        assert_eq!(
            e.to_string(),
            "data/council.toml:2: rule \"average\" is not one of mean, median, lead"
        );
        let e = bad("rule = \"median\"\ndispute_above = 101\n");
        assert_eq!(
            e.to_string(),
            "data/council.toml:2: dispute_above 101 is not between 0 and 100 points"
        );
    }
}
