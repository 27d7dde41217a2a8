//! The summary view's state and keys: one plan year's figures per category
//! (allocation, requested, approved, within the cut line) and per province,
//! from [`crate::ops::summary`], the computation the export's summary sheet
//! shares.

use super::{Effect, State, View, movement, step};
use crate::domain::summary::Summary;
use crate::tui::action::Action;

/// The summary view's state.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct SummaryState {
    /// The plan year asked for (`None`: the newest in the database).
    pub plan_year: Option<i32>,
    /// Every plan year of the database, newest first.
    pub plan_years: Vec<i32>,
    /// The figures of the plan year shown (`None`: not loaded yet).
    pub summary: Option<Summary>,
    /// First province line shown.
    pub offset: usize,
}

impl SummaryState {
    /// The plan year `delta` steps newer (positive) or older than the one
    /// shown, within the database's years.
    fn year_after(&self, delta: isize) -> Option<i32> {
        let years = &self.plan_years;
        let here = self
            .plan_year
            .and_then(|y| years.iter().position(|&x| x == y))
            .unwrap_or(0);
        // Newest first: newer is a lower index.
        let to = here as isize - delta;
        (0..years.len() as isize)
            .contains(&to)
            .then(|| years[to as usize])
    }

    /// Province lines there are.
    pub fn provinces(&self) -> usize {
        self.summary.as_ref().map_or(0, |s| s.by_province.len())
    }

    /// Lines above the province table: two progress gauges, a blank, the
    /// category table (header, one line per category, the total when
    /// there are several), a blank and the province table's header.
    pub fn lines_above_provinces(&self) -> usize {
        let cats = self.summary.as_ref().map_or(0, |s| s.by_category.len());
        3 + 1 + cats + usize::from(cats > 1) + 1 + 1
    }

    /// The first province line to draw in a pane `height` lines high: the
    /// asked offset, but never so far that the last page is not full.
    pub fn province_offset(&self, height: usize) -> usize {
        let body = height.saturating_sub(self.lines_above_provinces()).max(1);
        self.offset.min(self.provinces().saturating_sub(body))
    }
}

impl State {
    pub(super) fn summary_effect(&self) -> Effect {
        Effect::LoadSummary {
            plan_year: self.summary.plan_year,
        }
    }
}

/// Keys of the summary view: scroll the provinces, change the plan year.
pub(super) fn summary_action(state: &mut State, action: Action) -> Vec<Effect> {
    let page = state.page();
    let s = &mut state.summary;
    if let Some(delta) = movement(&action, page) {
        // From where the screen is, to at most the last full page.
        s.offset = s.province_offset(page);
        s.offset = step(s.offset, s.provinces(), delta);
        s.offset = s.province_offset(page);
        return Vec::new();
    }
    match action {
        Action::NextPlanYear | Action::PrevPlanYear => {
            let delta = if action == Action::NextPlanYear {
                1
            } else {
                -1
            };
            match s.year_after(delta) {
                Some(y) => {
                    s.plan_year = Some(y);
                    s.offset = 0;
                    vec![state.summary_effect()]
                }
                None => Vec::new(),
            }
        }
        Action::Cancel => {
            state.view = View::Queue;
            state.follow_cursor()
        }
        _ => Vec::new(),
    }
}

/// A summary arrived: keep the year it is of.
pub(super) fn summary_loaded(
    state: &mut State,
    plan_year: Option<i32>,
    plan_years: Vec<i32>,
    summary: Summary,
) {
    let s = &mut state.summary;
    s.plan_year = plan_year;
    s.plan_years = plan_years;
    s.offset = s.offset.min(summary.by_province.len().saturating_sub(1));
    s.summary = Some(summary);
}
