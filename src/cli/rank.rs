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
    let vnd = Vnd::parse(vnd).map_err(|e| {
        Failure::usage(format!(
            "--set-budget: {}",
            e.message(super::message_lang())
        ))
    })?;
    let year = ops::set_allocation(&mut ctx.store, &ctx.actor, category, plan_year, vnd)?;
    let l = ctx.lang;
    match l {
        crate::domain::Lang::En => crate::errln!(
            "allocation of {} for {year} set to {} ({})",
            category.label(l),
            l.full(vnd),
            l.millions(vnd)
        ),
        crate::domain::Lang::Vi => crate::errln!(
            "đã đặt phân bổ cho {} năm {year}: {} ({})",
            category.label(l),
            l.full(vnd),
            l.millions(vnd)
        ),
    }
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
        Some(b) => Some(Vnd::parse(b).map_err(|e| {
            Failure::usage(format!("--budget: {}", e.message(super::message_lang())))
        })?),
        None => None,
    };
    let rankings = ops::rankings(&ctx.store, &ctx.rules, category, plan_year, budget, as_of)?;
    let rows: Vec<&crate::domain::ranking::RankRow> =
        rankings.iter().flat_map(|r| &r.rows).collect();
    match format {
        Format::Json => print_json(&rows)?,
        Format::Csv => super::print_csv(rows)?,
        Format::Table => super::report(|o| {
            let l = ctx.lang;
            for (i, r) in rankings
                .iter()
                .filter(|r| category.is_some() || !r.rows.is_empty())
                .enumerate()
            {
                if i > 0 {
                    crate::outln!(o)?;
                }
                let alloc_word = l.pick("allocation", "phân bổ");
                let alloc = r.allocation.map_or(
                    l.pick("no allocation set", "chưa có phân bổ").to_string(),
                    |a| format!("{alloc_word} {}", l.millions(a)),
                );
                crate::outln!(
                    o,
                    "{} · {} {} · {alloc}",
                    r.category.label(l),
                    l.pick("plan year", "năm kế hoạch"),
                    r.plan_year
                )?;
                let mut t = Table::new(&[
                    (l.pick("RANK", "HẠNG"), Align::Right, 0),
                    (l.pick("CODE", "MÃ"), Align::Left, 0),
                    (l.pick("SCORE", "ĐIỂM"), Align::Right, 0),
                    (l.pick("NATIONAL", "KCQG"), Align::Right, 0),
                    (l.pick("CUMULATIVE", "LŨY KẾ"), Align::Right, 0),
                    ("", Align::Left, 0),
                ]);
                let mut cut_drawn = false;
                for row in &r.rows {
                    if !row.within_budget && !cut_drawn {
                        if let Some(a) = r.allocation {
                            t.rule(&format!(
                                "{}: {alloc_word} {}",
                                l.pick("cut line", "ngưỡng cắt"),
                                l.millions(a)
                            ));
                        }
                        cut_drawn = true;
                    }
                    t.row(vec![
                        row.rank.to_string(),
                        row.code.clone(),
                        dash(row.score),
                        l.millions(row.national_vnd),
                        l.millions(row.cumulative_vnd),
                        // Without an allocation there is no cut line to be
                        // within (JSON still says true: nothing is over).
                        if r.allocation.is_none() {
                            String::new()
                        } else if row.within_budget {
                            l.pick("✓ within budget", "✓ trong hạn mức").into()
                        } else {
                            l.pick("✗ over", "✗ vượt").into()
                        },
                    ]);
                }
                if t.is_empty() {
                    crate::outln!(
                        o,
                        "  {}",
                        l.pick("(no dossiers to rank)", "(không có hồ sơ để xếp hạng)")
                    )?;
                } else {
                    o.text(&t.render())?;
                }
            }
            Ok(())
        })?,
    }
    Ok(Exit::Success)
}
