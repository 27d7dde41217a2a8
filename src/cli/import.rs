//! `thamdinh import PATH...`

use super::{CmdResult, Ctx, Exit};
use crate::ops::{self, ImportMessage};
use std::path::PathBuf;

pub fn run(ctx: &mut Ctx, paths: &[PathBuf]) -> CmdResult {
    let sum = ops::import(&mut ctx.store, &ctx.rules, &ctx.actor, paths, print_message)?;
    super::report_saved("the import was saved", |o| {
        crate::outln!(o, "{}", sum.line())
    })?;
    Ok(match (sum.had_errors(), sum.loaded_any()) {
        (false, _) => Exit::Success,
        (true, true) => Exit::Partial,
        (true, false) => Exit::Failure,
    })
}

/// Errors and warnings of an import go to stderr, one line each.
pub fn print_message(m: ImportMessage) {
    match m {
        ImportMessage::Error(e) => crate::errln!("error: {e}"),
        ImportMessage::Warning(w) => crate::errln!("warning: {w}"),
    }
}
