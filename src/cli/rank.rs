//! `thamdinh rank`: the ranking within each category with the cut line.

use super::args::Format;
use super::table::{Align, Table};
use super::{CmdResult, Ctx, Exit, Failure, dash, print_json};
use crate::domain::Vnd;
use crate::ops;
use chrono::NaiveDate;

/// `rank --set-budget VND --category C [--plan-year Y]`: store the
/// allocation (audited) before ranking; said on stderr, so the ranking on
/// stdout stays machine-readable.
pub fn set_budget(
    ctx: &mut Ctx,
    category: Option<&str>,
    vnd: &str,
    plan_year: Option<i32>,
) -> Result<(), Failure> {
    let Some(category) = category else {
        return Err(Failure::usage("--set-budget needs --category"));
    };
    let category = super::parse_category(&ctx.rules, category)?;
    let vnd = Vnd::parse(vnd).map_err(|e| Failure::usage(format!("--set-budget: {e}")))?;
    let year = ops::set_allocation(&mut ctx.store, &ctx.actor, category, plan_year, vnd)?;
    crate::errln!(
        "allocation of {category} for {year} set to {} ({})",
        vnd.full(),
        vnd.millions()
    );
    Ok(())
}

pub fn run(
    ctx: &Ctx,
    category: Option<&str>,
    budget: Option<&str>,
    plan_year: Option<i32>,
    format: Format,
    as_of: NaiveDate,
) -> CmdResult {
    let category = match category {
        Some(c) => Some(super::parse_category(&ctx.rules, c)?),
        None => None,
    };
    let budget = match budget {
        Some(b) => Some(Vnd::parse(b).map_err(|e| Failure::usage(format!("--budget: {e}")))?),
        None => None,
    };
    let rankings = ops::rankings(&ctx.store, &ctx.rules, category, plan_year, budget, as_of)?;
    let rows: Vec<&crate::domain::ranking::RankRow> =
        rankings.iter().flat_map(|r| &r.rows).collect();
    match format {
        Format::Json => print_json(&rows)?,
        Format::Csv => super::print_csv(rows)?,
        Format::Table => super::report(|o| {
            for (i, r) in rankings
                .iter()
                .filter(|r| category.is_some() || !r.rows.is_empty())
                .enumerate()
            {
                if i > 0 {
                    crate::outln!(o)?;
                }
                let alloc = r.allocation.map_or("no allocation set".to_string(), |a| {
                    format!("allocation {}", a.millions())
                });
                crate::outln!(o, "{} · plan year {} · {alloc}", r.category, r.plan_year)?;
                let mut t = Table::new(&[
                    ("RANK", Align::Right, 0),
                    ("CODE", Align::Left, 0),
                    ("SCORE", Align::Right, 0),
                    ("NATIONAL", Align::Right, 0),
                    ("CUMULATIVE", Align::Right, 0),
                    ("", Align::Left, 0),
                ]);
                let mut cut_drawn = false;
                for row in &r.rows {
                    if !row.within_budget && !cut_drawn {
                        if let Some(a) = r.allocation {
                            t.rule(&format!("cut line: allocation {}", a.millions()));
                        }
                        cut_drawn = true;
                    }
                    t.row(vec![
                        row.rank.to_string(),
                        row.code.clone(),
                        dash(row.score),
                        row.national_vnd.millions(),
                        row.cumulative_vnd.millions(),
                        if row.within_budget {
                            "✓ within budget".into()
                        } else {
                            "✗ over".into()
                        },
                    ]);
                }
                if t.is_empty() {
                    crate::outln!(o, "  (no dossiers to rank)")?;
                } else {
                    o.text(&t.render())?;
                }
            }
            Ok(())
        })?,
    }
    Ok(Exit::Success)
}
