//! `tick`, `score`, `note`: an appraiser's work on one dossier.

use super::{CmdResult, Ctx, Exit, Failure};
use crate::ops;
use std::io::Read;

pub fn tick(ctx: &mut Ctx, code: &str, item: &str, on: bool) -> CmdResult {
    ops::tick(
        &mut ctx.store,
        &ctx.rules,
        &ctx.actor,
        code.trim(),
        item.trim(),
        on,
        None,
    )?;
    super::report_saved("the tick was saved", |o| {
        crate::outln!(
            o,
            "{}: {} {}",
            code.trim(),
            item.trim(),
            if on { "ticked" } else { "unticked" }
        )
    })?;
    Ok(Exit::Success)
}

pub fn score(ctx: &mut Ctx, code: &str, criterion: &str, points: &str) -> CmdResult {
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
    super::report_saved("the score was saved", |o| {
        crate::outln!(
            o,
            "{}: {} = {} (total {total})",
            code.trim(),
            criterion.trim(),
            points.trim()
        )
    })?;
    Ok(Exit::Success)
}

/// `score CODE CRITERION --clear`: the criterion is unscored again.
pub fn clear_score(ctx: &mut Ctx, code: &str, criterion: &str) -> CmdResult {
    ops::clear_score(
        &mut ctx.store,
        &ctx.rules,
        &ctx.actor,
        code.trim(),
        criterion.trim(),
        None,
    )?;
    let total = total_now(ctx, code)?;
    super::report_saved("the score was cleared", |o| {
        crate::outln!(
            o,
            "{}: {} unscored (total {total})",
            code.trim(),
            criterion.trim()
        )
    })?;
    Ok(Exit::Success)
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
    super::report_saved("the note was saved", |o| {
        crate::outln!(o, "{}: note {} added by {}", code.trim(), n.id, n.author)
    })?;
    Ok(Exit::Success)
}
