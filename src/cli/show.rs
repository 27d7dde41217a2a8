//! `thamdinh show CODE`: one dossier with its checklist, score, notes and
//! decision history, as text or JSON.

use super::args::ShowFormat;
use super::{CmdResult, Ctx, Exit, Failure, print_json};
use crate::domain::checklist::{ItemKind, ItemState};
use crate::domain::date::vn;
use crate::domain::lang::Lang;
use crate::ops::{self, DossierView};
use chrono::NaiveDate;
use serde_json::{Value, json};
use std::fmt::Write as _;

pub fn run(ctx: &Ctx, code: &str, format: ShowFormat, as_of: NaiveDate) -> CmdResult {
    let v = ops::view(&ctx.store, &ctx.rules, code.trim(), as_of)?;
    match format {
        ShowFormat::Json => print_json(&to_json(&v, ctx.lang)?)?,
        ShowFormat::Text => super::report(|o| o.text(&to_text(&v, as_of, ctx.lang)))?,
    }
    Ok(Exit::Success)
}

/// The JSON shape of cli.md: the dossier's fields as imported plus
/// status, revision, checklist, checklist_ok, score, notes and history.
/// `detail` is text in `lang` (English by default); `evidence` is the same
/// as data, whatever the language.
pub fn to_json(v: &DossierView, lang: Lang) -> Result<Value, Failure> {
    let mut obj = match serde_json::to_value(&v.record.dossier) {
        Ok(Value::Object(m)) => m,
        _ => return Err(Failure::failed("dossier could not be serialised")),
    };
    let score = &v.score;
    let criteria: Vec<Value> = score
        .criteria
        .iter()
        .map(|c| json!({"id": c.id, "max": c.max, "points": c.points, "label": c.label_vi, "stale": c.stale}))
        .collect();
    let bonus_parts: Vec<Value> = score
        .bonus_parts
        .iter()
        .map(|b| json!({"id": b.id, "points": b.points, "label": b.label_vi}))
        .collect();
    let checklist: Vec<Value> = v
        .checklist
        .items
        .iter()
        .map(|i| {
            let mut item = json!({
                "id": i.id, "kind": i.kind, "mandatory": i.mandatory, "state": i.state,
                "detail": i.detail_in(lang), "text": i.text_vi, "text_en": i.text_en, "stale": i.stale,
                "label": i.label_vi, "label_en": i.label_en, "evidence": i.evidence,
                "basis": i.basis,
            });
            if let (Some(t), Value::Object(m)) = (&i.tick, &mut item) {
                m.insert("ticked_by".into(), json!(t.author));
                m.insert("ticked_at".into(), json!(t.at));
                m.insert("ticked_on_revision".into(), json!(t.revision));
            }
            item
        })
        .collect();
    obj.insert("status".into(), json!(v.record.status));
    obj.insert("revision".into(), json!(v.record.revision));
    obj.insert("version".into(), json!(v.record.version));
    obj.insert("checklist".into(), Value::Array(checklist));
    obj.insert("checklist_ok".into(), json!(v.checklist.ok()));
    obj.insert("rule_set".into(), json!(v.checklist.rule_set));
    obj.insert(
        "score".into(),
        json!({"total": score.total, "bonus": score.bonus, "criteria": criteria, "bonus_parts": bonus_parts}),
    );
    obj.insert(
        "notes".into(),
        Value::Array(
            v.notes
                .iter()
                .map(|n| json!({"author": n.author, "at": n.at, "text": n.text, "revision": n.revision}))
                .collect(),
        ),
    );
    obj.insert(
        "history".into(),
        Value::Array(
            v.history
                .iter()
                .map(|h| {
                    json!({"action": h.action, "author": h.author, "at": h.at, "reason": h.reason,
                           "revision": h.revision, "batch": h.batch, "from": h.from_status, "to": h.to_status,
                           "override": h.override_reason.as_ref().filter(|_| h.overridden)})
                })
                .collect(),
        ),
    );
    if v.record.raw != Value::Null && raw_differs(&v.record.raw) {
        obj.insert("original".into(), v.record.raw.clone());
    }
    Ok(Value::Object(obj))
}

/// True when the record as read carried text that was changed on import
/// (normalised or neutralised): the original is then shown beside it.
fn raw_differs(raw: &Value) -> bool {
    fn unsafe_text(v: &Value) -> bool {
        match v {
            Value::String(s) => {
                !crate::domain::text::is_terminal_safe(s) || crate::domain::text::nfc(s) != *s
            }
            Value::Array(a) => a.iter().any(unsafe_text),
            Value::Object(m) => m
                .iter()
                .any(|(k, v)| unsafe_text(&Value::String(k.clone())) || unsafe_text(v)),
            _ => false,
        }
    }
    unsafe_text(raw)
}

fn glyph(s: ItemState) -> &'static str {
    match s {
        ItemState::Pass => "✓",
        ItemState::Fail => "✗",
        ItemState::Unknown => "?",
        ItemState::Ticked => "☑",
        ItemState::Unticked => "☐",
    }
}

/// The text form, for reading in a terminal.
pub fn to_text(v: &DossierView, as_of: NaiveDate, lang: Lang) -> String {
    let d = &v.record.dossier;
    let mut s = String::new();
    let _ = writeln!(
        s,
        "{} · {} · {} · revision {}",
        d.code, d.category, v.record.status, v.record.revision
    );
    let _ = writeln!(s, "{}", d.title);
    let _ = writeln!(s);
    let field = |s: &mut String, k: &str, val: &str| {
        if !val.is_empty() {
            // A label longer than the column still gets a space before its
            // value (`· traditional_craft true`).
            let _ = writeln!(s, "  {k:<17} {val}");
        }
    };
    field(&mut s, "Province", &d.province);
    field(&mut s, "Plan year", &d.plan_year.to_string());
    let rs = &v.checklist.rule_set;
    field(&mut s, "Rule set", &rs.short(lang));
    field(
        &mut s,
        "Deadlines",
        &format!(
            "{} {}, {} {}",
            lang.pick("registration", "đăng ký"),
            vn(rs.registration_deadline),
            lang.pick("dossier", "hồ sơ"),
            vn(rs.dossier_deadline)
        ),
    );
    field(
        &mut s,
        "Legal basis",
        &v.checklist.rule_set.legal_basis.join("; "),
    );
    field(&mut s, "Project type", d.project_type.id());
    field(&mut s, "Implementing unit", &d.implementing_unit);
    if let Some(b) = &d.beneficiary {
        let mut parts = Vec::new();
        if let Some(n) = &b.name {
            parts.push(n.clone());
        }
        if let Some(k) = b.kind {
            parts.push(format!("({})", k.id()));
        }
        if let Some(c) = &b.commune {
            parts.push(format!("· {c}"));
        }
        if let Some(dd) = &b.district {
            parts.push(format!("· {dd}"));
        }
        if let Some(w) = b.workers {
            parts.push(format!("· {w} workers"));
        }
        field(&mut s, "Beneficiary", &parts.join(" "));
    }
    for (n, e) in d.beneficiaries.iter().enumerate() {
        let m = |x: Option<crate::domain::Vnd>| x.map_or("?".to_string(), |v| v.millions());
        let mut parts = vec![e.who.name.clone().unwrap_or_else(|| "?".into())];
        if let Some(c) = e.who.commune.as_deref().or(e.who.district.as_deref()) {
            parts.push(format!("· {c}"));
        }
        parts.push(format!(
            "· national {} of total {}",
            m(e.national_vnd),
            m(e.total_vnd)
        ));
        field(
            &mut s,
            &format!("Establishment {}", n + 1),
            &parts.join(" "),
        );
    }
    field(
        &mut s,
        "Priority area",
        d.priority_area.map_or("", |p| p.id()),
    );
    field(&mut s, "Submitted", &vn(d.submitted_on));
    if d.start.is_some() || d.end.is_some() {
        let period = format!(
            "{} – {}",
            d.start.map_or("?".into(), vn),
            d.end.map_or("?".into(), vn)
        );
        field(&mut s, "Period", &period);
    }
    let b = &d.budget;
    let m = |x: Option<crate::domain::Vnd>| x.map_or("?".to_string(), |v| v.millions());
    field(
        &mut s,
        "Budget",
        &format!(
            "total {} = national {} + local {} + counterpart {}",
            m(b.total_vnd),
            b.national_vnd.millions(),
            m(b.local_vnd),
            m(b.counterpart_vnd)
        ),
    );
    let docs: Vec<String> = d
        .documents
        .iter()
        .map(
            |doc| match (&doc.original_kind, doc.level, doc.valid_until) {
                (Some(orig), _, _) => format!("other ({orig})"),
                (None, Some(l), Some(u)) => {
                    format!("{} ({}, valid until {})", doc.kind.id(), l.id(), vn(u))
                }
                (None, Some(l), None) => format!("{} ({})", doc.kind.id(), l.id()),
                _ => doc.kind.id().to_string(),
            },
        )
        .collect();
    field(&mut s, "Documents", &docs.join(", "));
    if let Ok(Value::Object(details)) = serde_json::to_value(&d.details) {
        for (k, val) in details {
            let text = match val {
                Value::String(x) => x,
                other => other.to_string(),
            };
            field(&mut s, &format!("· {k}"), &text);
        }
    }
    for (k, val) in &d.extra {
        let text = match val {
            Value::String(x) => x.clone(),
            other => other.to_string(),
        };
        field(&mut s, &format!("+ {k}"), &text);
    }
    if let Some(sum) = &d.summary {
        let _ = writeln!(s, "\nSummary");
        for line in sum.lines() {
            let _ = writeln!(s, "  {line}");
        }
    }
    let _ = writeln!(
        s,
        "\n{} {} ({} {})",
        lang.pick("Checklist", "Kiểm tra"),
        v.checklist.summary_in(lang),
        lang.pick("as of", "ngày"),
        vn(as_of)
    );
    let width = v
        .checklist
        .items
        .iter()
        .map(|i| i.label(lang).chars().count())
        .max()
        .unwrap_or(0);
    for i in &v.checklist.items {
        let must = if i.mandatory { "" } else { " (optional)" };
        let evidence = match (&i.kind, &i.tick) {
            (ItemKind::Manual, Some(t)) => {
                format!("{} — {} {}", i.text(lang), t.author, lang.datetime(&t.at))
            }
            (ItemKind::Manual, None) => i.text(lang).to_string(),
            _ => i.detail_in(lang),
        };
        let stale = if i.stale {
            " [ticked on an older revision]"
        } else {
            ""
        };
        let _ = writeln!(
            s,
            "  {} {:<width$}  {evidence}{must}{stale}",
            glyph(i.state),
            i.label(lang)
        );
        if let Some(b) = i.basis_line(lang) {
            let _ = writeln!(s, "    {:<width$}  {b}", "");
        }
    }
    let sc = &v.score;
    match sc.total {
        Some(t) => {
            let _ = writeln!(
                s,
                "\nScore {t} (criteria {} + bonus {})",
                t - sc.bonus,
                sc.bonus
            );
        }
        None => {
            let _ = writeln!(s, "\nScore – (not scored; bonus {})", sc.bonus);
        }
    }
    for c in &sc.criteria {
        let pts = c.points.map_or("–".to_string(), |p| p.to_string());
        let stale = if c.stale {
            " [scored on an older revision]"
        } else {
            ""
        };
        let _ = writeln!(
            s,
            "  {:<28} {pts:>3}/{:<3} {}{stale}",
            c.id, c.max, c.label_vi
        );
    }
    for b in &sc.bonus_parts {
        let _ = writeln!(s, "  + {:<26} {:>3}     {}", b.id, b.points, b.label_vi);
    }
    let _ = writeln!(s, "\nNotes ({})", v.notes.len());
    for n in &v.notes {
        let _ = writeln!(s, "  {} {} (rev {}):", n.at, n.author, n.revision);
        for line in n.text.lines() {
            let _ = writeln!(s, "    {line}");
        }
    }
    if !v.history.is_empty() {
        let _ = writeln!(s, "\nHistory");
        for h in &v.history {
            let reason = h
                .reason
                .as_deref()
                .map(|r| format!(" — {r}"))
                .unwrap_or_default();
            let over = match (&h.override_reason, h.overridden) {
                (Some(o), true) => format!(" [override: {o}]"),
                _ => String::new(),
            };
            let _ = writeln!(
                s,
                "  {} {} {} ({} → {}, rev {}){reason}{over}",
                h.at, h.author, h.action, h.from_status, h.to_status, h.revision
            );
        }
    }
    s
}
