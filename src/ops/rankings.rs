//! Part of [`super`]: rankings, allocations and the summary of a plan
//! year.

use super::*;

/// One category's ranking for one plan year.
#[derive(Debug, Clone, PartialEq)]
pub struct Ranking {
    pub category: Category,
    pub plan_year: i32,
    pub allocation: Option<Vnd>,
    pub rows: Vec<RankRow>,
}

/// The plan year a ranking is for when none is asked: the newest in the
/// database (`None`: the database holds no dossier).
pub fn default_plan_year(store: &Store, plan_year: Option<i32>) -> Result<Option<i32>> {
    Ok(match plan_year {
        Some(y) => Some(y),
        None => store.plan_years()?.first().copied(),
    })
}

/// The allocation of a category for a plan year: `budget` when given, else
/// the one stored by an appraiser (the ranking view's `b`, `rank
/// --set-budget`), else the one of `data/budget.toml`.
fn allocation_of(
    rules: &Rules,
    stored: &HashMap<(Category, i32), crate::store::AllocationRecord>,
    budget: Option<Vnd>,
    category: Category,
    year: i32,
) -> Option<Vnd> {
    budget
        .or_else(|| stored.get(&(category, year)).map(|a| a.vnd))
        .or_else(|| rules.allocation(category, year))
}

/// Store the allocation of a category for a plan year (default: the newest
/// in the database), audited; the year it was stored for.
pub fn set_allocation(
    store: &mut Store,
    actor: &Actor,
    category: Category,
    plan_year: Option<i32>,
    vnd: Vnd,
) -> Result<i32> {
    let Some(year) = default_plan_year(store, plan_year)? else {
        return Err(refusal::Refusal::NoPlanYear.into());
    };
    store.set_allocation(actor, category, year, vnd)?;
    Ok(year)
}

/// The rankings of every category (or one) for a plan year (default: the
/// newest in the database). `budget` overrides the stored allocation, which
/// overrides the one of `data/`.
pub fn rankings(
    store: &Store,
    rules: &Rules,
    category: Option<Category>,
    plan_year: Option<i32>,
    budget: Option<Vnd>,
    as_of: NaiveDate,
) -> Result<Vec<Ranking>> {
    let Some(year) = default_plan_year(store, plan_year)? else {
        return Ok(Vec::new());
    };
    let stored = store.allocations()?;
    let rows = store.queue(&QueueFilter {
        category,
        plan_year: Some(year),
        ..QueueFilter::default()
    })?;
    let cats: Vec<Category> = match category {
        Some(c) => vec![c],
        None => Category::ALL.to_vec(),
    };
    Ok(cats
        .into_iter()
        .map(|c| {
            let inputs: Vec<RankInput> = rows
                .iter()
                .filter(|r| r.category == c)
                .map(|r| rank_input(rules, r, as_of))
                .collect();
            let allocation = allocation_of(rules, &stored, budget, c, year);
            Ranking {
                category: c,
                plan_year: year,
                allocation,
                rows: ranking::rank_by(&inputs, allocation, &rules.rule_set(year).tie_break),
            }
        })
        .collect())
}

fn rank_input(rules: &Rules, r: &QueueRow, as_of: NaiveDate) -> RankInput {
    RankInput {
        code: r.code.clone(),
        category: r.category,
        status: r.status,
        submitted_on: r.submitted_on,
        national: r.national,
        total: row_total(rules, r, as_of),
        pilot: r.project_type == crate::domain::dossier::ProjectType::Pilot,
        priority_area: r.priority_area,
    }
}

/// Every dossier's place in its category's ranking for its own plan year,
/// with the allocations `rankings` uses (stored, else `data/`): code →
/// (rank, within budget).
pub fn rank_index(
    store: &Store,
    rules: &Rules,
    rows: &[QueueRow],
    as_of: NaiveDate,
) -> Result<HashMap<String, (usize, bool)>> {
    let stored = store.allocations()?;
    let mut groups: HashMap<(Category, i32), Vec<RankInput>> = HashMap::new();
    for r in rows {
        groups
            .entry((r.category, r.plan_year))
            .or_default()
            .push(rank_input(rules, r, as_of));
    }
    let mut out = HashMap::with_capacity(rows.len());
    for ((c, year), inputs) in groups {
        let allocation = allocation_of(rules, &stored, None, c, year);
        for row in ranking::rank_by(&inputs, allocation, &rules.rule_set(year).tie_break) {
            out.insert(row.code, (row.rank, row.within_budget));
        }
    }
    Ok(out)
}

/// The figures of one plan year (default: the newest in the database):
/// per category with its allocation (stored, else `data/`), per province,
/// and in all, each dossier within the allocation or not as `rank` puts
/// it. `None` when the database holds no dossier. The TUI's summary view;
/// the export's summary sheet sums the same way ([`summary::summarize`]).
pub fn summary(
    store: &Store,
    rules: &Rules,
    plan_year: Option<i32>,
    as_of: NaiveDate,
) -> Result<Option<(i32, Summary)>> {
    let Some(year) = default_plan_year(store, plan_year)? else {
        return Ok(None);
    };
    let rows = store.queue(&QueueFilter {
        plan_year: Some(year),
        ..QueueFilter::default()
    })?;
    let ranks = rank_index(store, rules, &rows, as_of)?;
    let stored = store.allocations()?;
    let inputs = rows.iter().map(|r| summary::Input {
        plan_year: r.plan_year,
        category: r.category,
        province: &r.province,
        status: r.status,
        national: r.national,
        within_budget: ranks.get(&r.code).map(|x| x.1),
        scored: r.criteria_points.is_some(),
    });
    let s = summary::summarize(inputs, |c, y| allocation_of(rules, &stored, None, c, y));
    Ok(Some((year, s)))
}
