//! `approve`, `return`, `undo`.

use super::{CmdResult, Ctx, Exit, Failure};
use crate::domain::{Decision, Lang};
use crate::ops;
use chrono::NaiveDate;

pub fn approve(
    ctx: &mut Ctx,
    raw: &[String],
    override_reason: Option<&str>,
    as_of: NaiveDate,
) -> CmdResult {
    if override_reason.is_some_and(|r| r.trim().is_empty()) {
        return Err(Failure::usage("--override needs a reason"));
    }
    let codes = ctx.codes(raw)?;
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
    let l = ctx.lang;
    for r in &preview.refused {
        crate::errln!(
            "error: {}: {}: {}",
            r.code,
            l.pick(
                "not approved: mandatory items unmet",
                "không phê duyệt: chưa đạt mục bắt buộc"
            ),
            r.describe_in(l)
        );
    }
    if !preview.refused.is_empty() {
        // The way on, for an appraiser who has checked the papers.
        crate::errln!(
            "{}",
            l.pick(
                "hint: to approve anyway after checking the papers: --override \"REASON\" (recorded in the audit trail)",
                "gợi ý: muốn vẫn phê duyệt sau khi đã đối chiếu hồ sơ giấy: --override \"LÝ DO\" (ghi vào nhật ký)"
            )
        );
    }
    for r in &preview.overridden {
        crate::errln!(
            "warning: {}: {}: {}",
            r.code,
            l.pick(
                "approved with override; unmet",
                "phê duyệt ngoại lệ; chưa đạt"
            ),
            r.describe_in(l)
        );
    }
    report(&out, Decision::Approve, l)?;
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
    let codes = ctx.codes(raw)?;
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
    report(&out, Decision::Return, ctx.lang)?;
    Ok(Exit::Success)
}

fn report(out: &crate::store::BatchOutcome, decision: Decision, l: Lang) -> Result<(), Failure> {
    let saved = match (out.decided.len(), l) {
        (0, _) => l
            .pick("nothing was changed", "không có gì thay đổi")
            .to_string(),
        (1, _) => l
            .pick("the decision was saved", "đã lưu quyết định")
            .to_string(),
        (n, Lang::En) => format!("the decisions on {n} dossiers were saved"),
        (n, Lang::Vi) => format!("đã lưu quyết định về {n} hồ sơ"),
    };
    let status = decision.target();
    let (verb, already) = match l {
        Lang::En => (status.id().to_string(), format!("already {}", status.id())),
        Lang::Vi => (
            status.label(l).to_string(),
            format!("vốn đã {}", status.label(l)),
        ),
    };
    super::report_saved(&saved, |o| {
        for c in &out.decided {
            crate::outln!(o, "{c}: {verb}")?;
        }
        for c in &out.already {
            crate::outln!(o, "{c}: {already}")?;
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
    let l = ctx.lang;
    super::report_saved(
        l.pick("the undo was saved", "đã lưu việc hoàn tác"),
        |o| {
            for (code, status) in &out.restored {
                match l {
                    Lang::En => crate::outln!(
                        o,
                        "{code}: back to {status} (undo of {} batch {})",
                        out.action,
                        out.undone_batch
                    )?,
                    Lang::Vi => {
                        let status = status.label(l);
                        let action = crate::domain::vocab::audit::action_label(&out.action, l);
                        crate::outln!(
                            o,
                            "{code}: trở lại {status} (hoàn tác {action}, lô {})",
                            out.undone_batch
                        )?
                    }
                }
            }
            Ok(())
        },
    )?;
    Ok(Exit::Success)
}

/// `assign CODE... --to NAME` / `unassign CODE...`: all or none, audited.
pub fn assign(ctx: &mut Ctx, codes: &[String], to: Option<&str>) -> CmdResult {
    let codes = ctx.codes(codes)?;
    let out = ops::team::assign(&mut ctx.store, &ctx.actor, &codes, to)?;
    let l = ctx.lang;
    super::report_saved(
        l.pick("the assignment was saved", "đã lưu việc giao hồ sơ"),
        |o| {
            for code in &out.changed {
                match to.map(crate::domain::text::clean_line) {
                    Some(name) => {
                        crate::outln!(o, "{code}: {} {name}", l.pick("assigned to", "đã giao cho"))?
                    }
                    None => crate::outln!(o, "{code}: {}", l.pick("unassigned", "đã bỏ giao"))?,
                }
            }
            for code in &out.already {
                crate::outln!(
                    o,
                    "{code}: {}",
                    l.pick("already so, unchanged", "đã như vậy, không đổi")
                )?;
            }
            Ok(())
        },
    )?;
    Ok(Exit::Success)
}
