//! `tick`, `score`, `note`: an appraiser's work on one dossier.

use super::{CmdResult, Ctx, Exit, Failure};
use crate::ops;
use std::io::Read;

pub fn tick(ctx: &mut Ctx, code: &str, item: &str, on: bool) -> CmdResult {
    let code = &ctx.code(code)?;
    let item = item_named(ctx, code, item);
    ops::tick(
        &mut ctx.store,
        &ctx.rules,
        &ctx.actor,
        code.trim(),
        &item.id,
        on,
        None,
    )?;
    let l = ctx.lang;
    let label = item.label;
    let done = match on {
        true => l.pick("ticked", "đã tích"),
        false => l.pick("unticked", "đã bỏ tích"),
    };
    super::report_saved(l.pick("the tick was saved", "đã lưu dấu tích"), |o| {
        crate::outln!(o, "{}: {label} {done}", code.trim())
    })?;
    Ok(Exit::Success)
}

pub fn score(ctx: &mut Ctx, code: &str, criterion: &str, points: &str) -> CmdResult {
    let code = &ctx.code(code)?;
    let criterion = criterion_named(ctx, code, criterion);
    ops::score(
        &mut ctx.store,
        &ctx.rules,
        &ctx.actor,
        code.trim(),
        &criterion.id,
        points,
        None,
    )?;
    let total = total_now(ctx, code)?;
    let l = ctx.lang;
    let label = criterion.label;
    super::report_saved(l.pick("the score was saved", "đã lưu điểm"), |o| {
        crate::outln!(
            o,
            "{}: {label} = {} ({} {total})",
            code.trim(),
            points.trim(),
            l.pick("total", "tổng")
        )
    })?;
    Ok(Exit::Success)
}

/// `score CODE CRITERION --clear`: the criterion is unscored again.
pub fn clear_score(ctx: &mut Ctx, code: &str, criterion: &str) -> CmdResult {
    let code = &ctx.code(code)?;
    let criterion = criterion_named(ctx, code, criterion);
    ops::clear_score(
        &mut ctx.store,
        &ctx.rules,
        &ctx.actor,
        code.trim(),
        &criterion.id,
        None,
    )?;
    let total = total_now(ctx, code)?;
    let l = ctx.lang;
    let label = criterion.label;
    super::report_saved(l.pick("the score was cleared", "đã xóa điểm"), |o| {
        crate::outln!(
            o,
            "{}: {label} {} ({} {total})",
            code.trim(),
            l.pick("unscored", "chưa chấm"),
            l.pick("total", "tổng")
        )
    })?;
    Ok(Exit::Success)
}

/// A criterion or manual item of a dossier as typed: the id to act on and
/// the label a person reads (in the chosen language).
struct Named {
    id: String,
    label: String,
}

/// The criterion typed as its id or as its label in either language
/// (`"sự cần thiết"`, `Necessity`).
fn criterion_named(ctx: &Ctx, code: &str, typed: &str) -> Named {
    named(ctx, code, typed, |cat| {
        cat.criteria
            .iter()
            .map(|c| (c.id.as_str(), c.label_en.as_str(), c.label_vi.as_str()))
            .collect()
    })
}

/// The manual checklist item typed as its id or as its label in either
/// language (`"máy mới, tiên tiến"`).
fn item_named(ctx: &Ctx, code: &str, typed: &str) -> Named {
    named(ctx, code, typed, |cat| {
        cat.manual
            .iter()
            .map(|m| (m.id.as_str(), m.label_en.as_str(), m.label_vi.as_str()))
            .collect()
    })
}

/// What a person typed for one of the dossier's `(id, English, Vietnamese)`
/// names: an id as it is; else the one whose label equals it, or the only
/// one whose label contains it, compared without case or diacritics.
/// Anything else is passed on as typed (its own label) for the operation
/// to refuse: its message lists the ids and labels.
fn named<'r>(
    ctx: &'r Ctx,
    code: &str,
    typed: &str,
    names: impl Fn(&'r crate::domain::rules::CategoryRules) -> Vec<(&'r str, &'r str, &'r str)>,
) -> Named {
    use crate::domain::text::fold;
    let typed = typed.trim();
    let as_typed = || Named {
        id: typed.to_string(),
        label: typed.to_string(),
    };
    let Some(row) = ctx.store.queue_row(code.trim()).ok().flatten() else {
        return as_typed();
    };
    let names = names(ctx.rules.category(row.category));
    let key = fold(typed);
    let key = key.trim();
    let is = |(_, en, vi): &&(&str, &str, &str)| fold(en) == key || fold(vi) == key;
    let has = |(_, en, vi): &&(&str, &str, &str)| fold(en).contains(key) || fold(vi).contains(key);
    let found = names.iter().find(|(id, _, _)| *id == typed).or_else(|| {
        if key.is_empty() {
            return None;
        }
        names.iter().find(is).or_else(|| {
            let mut some = names.iter().filter(has);
            match (some.next(), some.next()) {
                (Some(one), None) => Some(one),
                _ => None,
            }
        })
    });
    match found {
        Some((id, en, vi)) => Named {
            id: id.to_string(),
            label: ctx.lang.pick(en, vi).to_string(),
        },
        None => as_typed(),
    }
}

/// The dossier's total as stored now, `–` while unscored.
fn total_now(ctx: &Ctx, code: &str) -> Result<String, Failure> {
    let today = chrono::Local::now().date_naive();
    let row = ctx.store.queue_row(code.trim())?;
    Ok(super::dash(
        row.and_then(|r| ops::row_total(&ctx.rules, &r, today)),
    ))
}

pub fn note(ctx: &mut Ctx, code: &str, text: &str) -> CmdResult {
    let code = &ctx.code(code)?;
    let text = if text == "-" {
        let mut buf = Vec::new();
        // Never hold more than one byte past the limit that ops enforces.
        std::io::stdin()
            .take(ops::MAX_TEXT_BYTES as u64 + 1)
            .read_to_end(&mut buf)?;
        String::from_utf8(buf).map_err(|_| Failure::failed("the note on stdin is not UTF-8"))?
    } else {
        text.to_string()
    };
    let n = ops::note(&mut ctx.store, &ctx.actor, code.trim(), &text)?;
    let l = ctx.lang;
    super::report_saved(
        l.pick("the note was saved", "đã lưu ghi chú"),
        |o| match l {
            crate::domain::Lang::Vi => {
                crate::outln!(
                    o,
                    "{}: {} đã thêm ghi chú số {}",
                    code.trim(),
                    n.author,
                    n.id
                )
            }
            crate::domain::Lang::En => {
                crate::outln!(o, "{}: note {} added by {}", code.trim(), n.id, n.author)
            }
        },
    )?;
    Ok(Exit::Success)
}
