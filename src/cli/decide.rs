//! `approve`, `return`, `undo`.

use super::{CmdResult, Ctx, Exit, Failure};
use crate::domain::Decision;
use crate::ops;
use chrono::NaiveDate;

fn codes(raw: &[String]) -> Vec<String> {
    raw.iter()
        .map(|c| c.trim().to_string())
        .filter(|c| !c.is_empty())
        .collect()
}

pub fn approve(
    ctx: &mut Ctx,
    raw: &[String],
    override_reason: Option<&str>,
    as_of: NaiveDate,
) -> CmdResult {
    if override_reason.is_some_and(|r| r.trim().is_empty()) {
        return Err(Failure::usage("--override needs a reason"));
    }
    let codes = codes(raw);
    let (preview, out) = ops::decide(
        &mut ctx.store,
        &ctx.rules,
        &ctx.actor,
        Decision::Approve,
        &codes,
        None,
        override_reason,
        as_of,
    )?;
    for r in &preview.refused {
        crate::errln!(
            "error: {}: not approved: mandatory items unmet: {}",
            r.code,
            r.describe()
        );
    }
    for r in &preview.overridden {
        crate::errln!(
            "warning: {}: approved with override; unmet: {}",
            r.code,
            r.describe()
        );
    }
    report(&out, "approved")?;
    Ok(exit(
        preview.refused.len(),
        out.decided.len() + out.already.len(),
    ))
}

pub fn give_back(ctx: &mut Ctx, raw: &[String], reason: &str) -> CmdResult {
    if reason.trim().is_empty() {
        return Err(Failure::usage(
            "--reason cannot be empty: say why the dossier goes back",
        ));
    }
    let codes = codes(raw);
    let today = chrono::Local::now().date_naive();
    let (_, out) = ops::decide(
        &mut ctx.store,
        &ctx.rules,
        &ctx.actor,
        Decision::Return,
        &codes,
        Some(reason),
        None,
        today,
    )?;
    report(&out, "returned")?;
    Ok(Exit::Success)
}

fn report(out: &crate::store::BatchOutcome, verb: &str) -> Result<(), Failure> {
    let saved = match out.decided.len() {
        0 => "nothing was changed".to_string(),
        1 => "the decision was saved".to_string(),
        n => format!("the decisions on {n} dossiers were saved"),
    };
    super::report_saved(&saved, |o| {
        for c in &out.decided {
            crate::outln!(o, "{c}: {verb}")?;
        }
        for c in &out.already {
            crate::outln!(o, "{c}: already {verb}")?;
        }
        Ok(())
    })
}

fn exit(refused: usize, done: usize) -> Exit {
    match (refused, done) {
        (0, _) => Exit::Success,
        (_, 0) => Exit::Failure,
        _ => Exit::Partial,
    }
}

pub fn undo(ctx: &mut Ctx) -> CmdResult {
    let out = ops::undo(&mut ctx.store, &ctx.actor)?;
    super::report_saved("the undo was saved", |o| {
        for (code, status) in &out.restored {
            crate::outln!(
                o,
                "{code}: back to {status} (undo of {} batch {})",
                out.action,
                out.undone_batch
            )?;
        }
        Ok(())
    })?;
    Ok(Exit::Success)
}
