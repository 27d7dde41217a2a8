//! `thamdinh log [CODE]`: the audit trail.

use super::args::LogFormat;
use super::table::{Align, Table};
use super::{CmdResult, Ctx, Exit, Failure, print_json};
use crate::store::AuditFilter;

pub fn run(ctx: &Ctx, code: Option<&str>, author: Option<&str>, format: LogFormat) -> CmdResult {
    if let Some(c) = code
        && ctx.store.dossier(c.trim())?.is_none()
    {
        return Err(Failure::failed(format!(
            "no dossier with code {:?}",
            c.trim()
        )));
    }
    let filter = AuditFilter {
        code: code.map(|c| c.trim().to_string()),
        author: author.map(str::to_string),
        ..AuditFilter::default()
    };
    let entries = ctx.store.audit(&filter)?;
    match format {
        LogFormat::Json => print_json(&entries)?,
        LogFormat::Table => {
            let mut t = Table::new(&[
                ("AT", Align::Left, 0),
                ("WHO", Align::Left, 20),
                ("ACTION", Align::Left, 0),
                ("CODE", Align::Left, 0),
                ("REV", Align::Right, 0),
                ("DETAIL", Align::Left, 60),
            ]);
            for e in &entries {
                let who = if e.author == e.os_user {
                    e.author.clone()
                } else {
                    format!("{} ({})", e.author, e.os_user)
                };
                let mut detail = e.detail.clone().unwrap_or_default();
                if let Some(r) = &e.reason {
                    detail = if detail.is_empty() {
                        r.clone()
                    } else {
                        format!("{detail} — {r}")
                    };
                }
                t.row(vec![
                    e.at.clone(),
                    who,
                    e.action.clone(),
                    e.code.clone().unwrap_or_default(),
                    e.revision.map(|r| r.to_string()).unwrap_or_default(),
                    detail,
                ]);
            }
            super::report(|o| o.text(&t.render()))?;
        }
    }
    Ok(Exit::Success)
}
