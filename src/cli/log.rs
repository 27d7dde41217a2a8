//! `thamdinh log [CODE]`: the audit trail.

use super::args::LogFormat;
use super::table::{Align, Table};
use super::{CmdResult, Ctx, Exit, print_json};
use crate::store::AuditFilter;

pub fn run(ctx: &Ctx, code: Option<&str>, author: Option<&str>, format: LogFormat) -> CmdResult {
    let code = code.map(|c| ctx.code(c)).transpose()?;
    if let Some(c) = &code
        && ctx.store.dossier(c)?.is_none()
    {
        return Err(crate::store::StoreError::NotFound(c.clone()).into());
    }
    let filter = AuditFilter {
        code,
        author: author.map(str::to_string),
        ..AuditFilter::default()
    };
    let entries = ctx.store.audit(&filter)?;
    match format {
        LogFormat::Json => print_json(&entries)?,
        LogFormat::Table => {
            let l = ctx.lang;
            // Each dossier's category, to name the criteria and items of
            // score and tick entries.
            let category: std::collections::HashMap<String, crate::domain::Category> = ctx
                .store
                .queue(&crate::store::QueueFilter::default())?
                .into_iter()
                .map(|q| (q.code, q.category))
                .collect();
            let mut t = Table::new(&[
                (l.pick("AT", "LÚC"), Align::Left, 0),
                (l.pick("WHO", "NGƯỜI"), Align::Left, 20),
                (l.pick("ACTION", "THAO TÁC"), Align::Left, 0),
                (l.pick("CODE", "MÃ"), Align::Left, 0),
                (l.pick("REV", "LẦN"), Align::Right, 0),
                (l.pick("DETAIL", "CHI TIẾT"), Align::Left, 60),
            ]);
            for e in &entries {
                let who = if e.author == e.os_user {
                    e.author.clone()
                } else {
                    format!("{} ({})", e.author, e.os_user)
                };
                let category = e.code.as_ref().and_then(|c| category.get(c).copied());
                let mut detail = e
                    .detail
                    .as_deref()
                    .map(|d| {
                        let d = crate::ops::audit_detail(&ctx.rules, category, &e.action, d, l);
                        crate::domain::vocab::audit::detail_text(&d, l)
                    })
                    .unwrap_or_default();
                if let Some(r) = &e.reason {
                    detail = if detail.is_empty() {
                        r.clone()
                    } else {
                        format!("{detail} — {r}")
                    };
                }
                let at = match l {
                    crate::domain::Lang::En => e.at.clone(),
                    crate::domain::Lang::Vi => l.datetime(&e.at),
                };
                t.row(vec![
                    at,
                    who,
                    crate::domain::vocab::audit::action_label(&e.action, l).to_string(),
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
