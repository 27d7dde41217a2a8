//! The figures of a sitting per category and per province: how many
//! dossiers, the national support they ask, how many are approved,
//! returned or pending, and how many fall within the allocation (above the
//! cut line). One computation for the export's summary sheet and for any
//! other view of the same figures (the TUI's summary).

use crate::domain::category::Category;
use crate::domain::money::Vnd;
use crate::domain::status::Status;
use std::collections::BTreeMap;

/// One dossier, as far as the summary needs it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Input<'a> {
    pub plan_year: i32,
    pub category: Category,
    pub province: &'a str,
    pub status: Status,
    pub national: Vnd,
    /// Above the cut line of its category's ranking; `None` when not
    /// ranked (returned).
    pub within_budget: Option<bool>,
    /// Scored (its criteria have points).
    pub scored: bool,
}

/// The figures of one group of dossiers.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Figures {
    pub count: usize,
    /// National support asked.
    pub requested: Vnd,
    pub approved: usize,
    /// National support of the approved dossiers.
    pub approved_vnd: Vnd,
    pub returned: usize,
    /// National support of the returned dossiers.
    pub returned_vnd: Vnd,
    pub pending: usize,
    /// Dossiers above the cut line, and their national support.
    pub within: usize,
    pub within_vnd: Vnd,
    /// Dossiers scored.
    pub scored: usize,
}

/// A sum that cannot overflow silently: past `i64::MAX` it stays there.
fn add(a: Vnd, b: Vnd) -> Vnd {
    a.checked_add(b).unwrap_or(Vnd(i64::MAX))
}

impl Figures {
    fn add(&mut self, i: &Input) {
        self.count += 1;
        self.requested = add(self.requested, i.national);
        match i.status {
            Status::Approved => {
                self.approved += 1;
                self.approved_vnd = add(self.approved_vnd, i.national);
            }
            Status::Returned => {
                self.returned += 1;
                self.returned_vnd = add(self.returned_vnd, i.national);
            }
            Status::Pending => self.pending += 1,
        }
        if i.scored {
            self.scored += 1;
        }
        if i.within_budget == Some(true) {
            self.within += 1;
            self.within_vnd = add(self.within_vnd, i.national);
        }
    }
}

/// The summary: per plan year and category (with its allocation), per
/// plan year and province, and in all. Plan years newest first, then
/// categories in their fixed order, provinces by name (Vietnamese order).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Summary {
    pub by_category: Vec<(i32, Category, Figures, Option<Vnd>)>,
    pub by_province: Vec<(i32, String, Figures)>,
    pub total: Figures,
}

/// Sum up `inputs`; `allocation` gives a category's allocation for a plan
/// year.
pub fn summarize<'a>(
    inputs: impl IntoIterator<Item = Input<'a>>,
    allocation: impl Fn(Category, i32) -> Option<Vnd>,
) -> Summary {
    let order = |c: Category| Category::ALL.iter().position(|&x| x == c).unwrap_or(0);
    let mut cats: BTreeMap<(std::cmp::Reverse<i32>, usize), Figures> = BTreeMap::new();
    let mut provs: BTreeMap<(std::cmp::Reverse<i32>, String), Figures> = BTreeMap::new();
    let mut total = Figures::default();
    for i in inputs {
        let y = std::cmp::Reverse(i.plan_year);
        cats.entry((y, order(i.category))).or_default().add(&i);
        provs
            .entry((y, i.province.to_string()))
            .or_default()
            .add(&i);
        total.add(&i);
    }
    Summary {
        by_category: cats
            .into_iter()
            .map(|((y, c), f)| {
                let c = Category::ALL[c];
                (y.0, c, f, allocation(c, y.0))
            })
            .collect(),
        by_province: {
            let mut v: Vec<(i32, String, Figures)> =
                provs.into_iter().map(|((y, p), f)| (y.0, p, f)).collect();
            // Newest year first, then provinces in Vietnamese order.
            v.sort_by(|a, b| b.0.cmp(&a.0).then_with(|| super::collate::cmp(&a.1, &b.1)));
            v
        },
        total,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn input(c: Category, p: &str, s: Status, national: i64, within: Option<bool>) -> Input<'_> {
        Input {
            plan_year: 2024,
            category: c,
            province: p,
            status: s,
            national: Vnd(national),
            within_budget: within,
            scored: national % 2 == 0,
        }
    }

    #[test]
    fn figures_per_category_and_province() {
        let s = summarize(
            [
                input(
                    Category::Machinery,
                    "Gia Lai",
                    Status::Approved,
                    300,
                    Some(true),
                ),
                input(
                    Category::Machinery,
                    "Nghệ An",
                    Status::Pending,
                    200,
                    Some(false),
                ),
                input(Category::Training, "Gia Lai", Status::Returned, 50, None),
            ],
            |c, _| (c == Category::Machinery).then_some(Vnd(400)),
        );
        assert_eq!(s.by_category.len(), 2);
        let (y, c, f, a) = s.by_category[0];
        assert_eq!((y, c, a), (2024, Category::Machinery, Some(Vnd(400))));
        assert_eq!(
            f,
            Figures {
                count: 2,
                requested: Vnd(500),
                approved: 1,
                approved_vnd: Vnd(300),
                returned: 0,
                returned_vnd: Vnd(0),
                pending: 1,
                within: 1,
                within_vnd: Vnd(300),
                scored: 2,
            }
        );
        assert_eq!(s.by_province[0].1, "Gia Lai");
        assert_eq!(s.by_province[0].2.count, 2);
        assert_eq!(s.by_province[0].2.returned, 1);
        assert_eq!(s.by_province[0].2.returned_vnd, Vnd(50));
        assert_eq!(s.total.count, 3);
        assert_eq!(s.total.requested, Vnd(550));
        assert_eq!(s.total.scored, 3);
    }
}
