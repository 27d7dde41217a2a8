//! `tick`, `score`, `note`: an appraiser's work on one dossier.

use super::{CmdResult, Ctx, Exit, Failure};
use crate::ops;
use std::io::Read;

pub fn tick(ctx: &mut Ctx, code: &str, item: &str, on: bool) -> CmdResult {
    let item = &item_id(ctx, code, item);
    ops::tick(
        &mut ctx.store,
        &ctx.rules,
        &ctx.actor,
        code.trim(),
        item.trim(),
        on,
        None,
    )?;
    let l = ctx.lang;
    let label = item_label(ctx, code, item);
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
    let criterion = &criterion_id(ctx, code, criterion);
    ops::score(
        &mut ctx.store,
        &ctx.rules,
        &ctx.actor,
        code.trim(),
        criterion.trim(),
        points,
        None,
    )?;
    let total = total_now(ctx, code)?;
    let l = ctx.lang;
    let label = criterion_label(ctx, code, criterion);
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
    let criterion = &criterion_id(ctx, code, criterion);
    ops::clear_score(
        &mut ctx.store,
        &ctx.rules,
        &ctx.actor,
        code.trim(),
        criterion.trim(),
        None,
    )?;
    let total = total_now(ctx, code)?;
    let l = ctx.lang;
    let label = criterion_label(ctx, code, criterion);
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

/// A criterion of the dossier's category as a person reads it (its id
/// when the dossier or criterion is not found).
fn criterion_label(ctx: &Ctx, code: &str, criterion: &str) -> String {
    let id = criterion.trim();
    label_in(ctx, code, id, |cat| {
        cat.criterion(id)
            .map(|c| (c.label_en.as_str(), c.label_vi.as_str()))
    })
}

/// A manual checklist item as a person reads it (its id when not found).
fn item_label(ctx: &Ctx, code: &str, item: &str) -> String {
    let id = item.trim();
    label_in(ctx, code, id, |cat| {
        let m = cat.manual.iter().find(|m| m.id == id)?;
        Some((m.label_en.as_str(), m.label_vi.as_str()))
    })
}

/// The id of the criterion typed as its id or as its label in either
/// language (`"sự cần thiết"`, `Necessity`).
fn criterion_id(ctx: &Ctx, code: &str, typed: &str) -> String {
    id_named(ctx, code, typed, |cat| {
        cat.criteria
            .iter()
            .map(|c| (c.id.as_str(), c.label_en.as_str(), c.label_vi.as_str()))
            .collect()
    })
}

/// The id of the manual checklist item typed as its id or as its label in
/// either language (`"máy mới, tiên tiến"`).
fn item_id(ctx: &Ctx, code: &str, typed: &str) -> String {
    id_named(ctx, code, typed, |cat| {
        cat.manual
            .iter()
            .map(|m| (m.id.as_str(), m.label_en.as_str(), m.label_vi.as_str()))
            .collect()
    })
}

/// What a person typed for one of the dossier's `(id, English, Vietnamese)`
/// names, as its id: an id as it is; else the one whose label equals it,
/// or the only one whose label contains it, compared without case or
/// diacritics. Anything else is passed on for the operation to refuse
/// (its message lists the ids and labels).
fn id_named<'r>(
    ctx: &'r Ctx,
    code: &str,
    typed: &str,
    names: impl Fn(&'r crate::domain::rules::CategoryRules) -> Vec<(&'r str, &'r str, &'r str)>,
) -> String {
    use crate::domain::text::fold;
    let typed = typed.trim();
    let Some(row) = ctx.store.queue_row(code.trim()).ok().flatten() else {
        return typed.to_string();
    };
    let names = names(ctx.rules.category(row.category));
    if names.iter().any(|(id, _, _)| *id == typed) {
        return typed.to_string();
    }
    let key = fold(typed);
    let key = key.trim();
    if key.is_empty() {
        return typed.to_string();
    }
    let is = |(_, en, vi): &&(&str, &str, &str)| fold(en) == key || fold(vi) == key;
    let has = |(_, en, vi): &&(&str, &str, &str)| fold(en).contains(key) || fold(vi).contains(key);
    if let Some((id, _, _)) = names.iter().find(is) {
        return id.to_string();
    }
    let mut found = names.iter().filter(has);
    match (found.next(), found.next()) {
        (Some((id, _, _)), None) => id.to_string(),
        _ => typed.to_string(),
    }
}

/// The label `find` gives in the dossier's category, in the chosen
/// language; `id` when there is none.
fn label_in<'r>(
    ctx: &'r Ctx,
    code: &str,
    id: &str,
    find: impl Fn(&'r crate::domain::rules::CategoryRules) -> Option<(&'r str, &'r str)>,
) -> String {
    let row = ctx.store.queue_row(code.trim()).ok().flatten();
    row.and_then(|r| find(ctx.rules.category(r.category)))
        .map_or_else(
            || id.to_string(),
            |(en, vi)| ctx.lang.pick(en, vi).to_string(),
        )
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
