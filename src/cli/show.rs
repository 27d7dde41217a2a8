//! `thamdinh show CODE`: one dossier with its checklist, score, notes and
//! decision history, as text or JSON.

use super::args::ShowFormat;
use super::{CmdResult, Ctx, Exit, Failure, print_json};
use crate::domain::checklist::{ItemKind, ItemState};
use crate::domain::lang::Lang;
use crate::ops::{self, DossierView};
use chrono::NaiveDate;
use serde_json::{Value, json};
use std::fmt::Write as _;

pub fn run(ctx: &Ctx, code: &str, format: ShowFormat, as_of: NaiveDate) -> CmdResult {
    let code = &ctx.code(code)?;
    let v = ops::view_as(
        &ctx.store,
        &ctx.rules,
        code.trim(),
        as_of,
        Some(&ctx.actor.user),
    )?;
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
    let by_appraiser: Vec<Value> = score
        .by_appraiser
        .iter()
        .map(|a| {
            let criteria: Vec<Value> = a
                .criteria
                .iter()
                .map(|(id, p)| json!({"id": id, "points": p}))
                .collect();
            json!({"appraiser": a.appraiser, "total": a.total, "criteria": criteria})
        })
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
        json!({"total": score.total, "bonus": score.bonus, "criteria": criteria, "bonus_parts": bonus_parts,
               "by_appraiser": by_appraiser, "spread": score.spread, "disputed": score.disputed}),
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

/// The text form, for reading in a terminal, in `lang`: labels, not ids.
pub fn to_text(v: &DossierView, as_of: NaiveDate, lang: Lang) -> String {
    let l = lang;
    let d = &v.record.dossier;
    let mut s = String::new();
    let _ = writeln!(
        s,
        "{} · {} · {} · {} {}",
        d.code,
        d.category.label(l),
        v.record.status.label(l),
        l.pick("revision", "lần nộp"),
        v.record.revision
    );
    let _ = writeln!(s, "{}", d.title);
    let _ = writeln!(s);
    let labels = [
        l.pick("Province", "Tỉnh"),
        l.pick("Plan year", "Năm kế hoạch"),
        l.pick("Project type", "Loại đề án"),
        l.pick("Implementing unit", "Đơn vị thực hiện"),
        l.pick("Beneficiary", "Đối tượng thụ hưởng"),
        l.pick("Priority area", "Địa bàn ưu tiên"),
        l.pick("Submitted", "Ngày nộp"),
        l.pick("Period", "Thời gian"),
        l.pick("Budget", "Kinh phí"),
        l.pick("Documents", "Hồ sơ kèm theo"),
    ];
    let details = crate::domain::fields::details(&d.details, l);
    // As wide as the longest label, the category's own fields (`· tiết
    // kiệm năng lượng`) included, up to a limit.
    let col = labels
        .iter()
        .map(|x| x.chars().count())
        .chain(details.iter().map(|(k, _)| k.chars().count() + 2))
        .max()
        .unwrap_or(0)
        .min(28)
        + 1;
    let field = |s: &mut String, k: &str, val: &str| {
        if !val.is_empty() {
            // A label longer than the column still gets a space before its
            // value (`· nghề truyền thống không`).
            let _ = writeln!(s, "  {k:<col$} {val}");
        }
    };
    field(&mut s, labels[0], &d.province);
    field(&mut s, labels[1], &d.plan_year.to_string());
    field(
        &mut s,
        l.pick("Rule set", "Bộ quy tắc"),
        &v.checklist.rule_set.short(l),
    );
    field(
        &mut s,
        l.pick("Legal basis", "Căn cứ pháp lý"),
        &v.checklist.rule_set.legal_basis.join("; "),
    );
    let rs = &v.checklist.rule_set;
    field(
        &mut s,
        l.pick("Deadlines", "Hạn"),
        &format!(
            "{} {}, {} {}",
            l.pick("registration", "đăng ký"),
            l.date(rs.registration_deadline),
            l.pick("dossier", "hồ sơ"),
            l.date(rs.dossier_deadline)
        ),
    );
    field(&mut s, labels[2], d.project_type.label(l));
    field(&mut s, labels[3], &d.implementing_unit);
    if let Some(b) = &d.beneficiary {
        let mut parts = Vec::new();
        if let Some(n) = &b.name {
            parts.push(n.clone());
        }
        if let Some(k) = b.kind {
            parts.push(format!("({})", k.label(l)));
        }
        if let Some(c) = &b.commune {
            parts.push(format!("· {c}"));
        }
        if let Some(dd) = &b.district {
            parts.push(format!("· {dd}"));
        }
        if let Some(w) = b.workers {
            parts.push(format!("· {w} {}", l.pick("workers", "lao động")));
        }
        field(&mut s, labels[4], &parts.join(" "));
    }
    for (n, e) in d.beneficiaries.iter().enumerate() {
        let m = |x: Option<crate::domain::Vnd>| x.map_or("?".to_string(), |v| l.millions(v));
        let mut parts = vec![e.who.name.clone().unwrap_or_else(|| "?".into())];
        if let Some(c) = e.who.commune.as_deref().or(e.who.district.as_deref()) {
            parts.push(format!("· {c}"));
        }
        parts.push(format!(
            "· {} {} / {} {}",
            l.pick("national", "KCQG"),
            m(e.national_vnd),
            l.pick("total", "tổng"),
            m(e.total_vnd)
        ));
        field(
            &mut s,
            &format!("{} {}", l.pick("Establishment", "Cơ sở"), n + 1),
            &parts.join(" "),
        );
    }
    field(
        &mut s,
        labels[5],
        d.priority_area.map_or("", |p| p.label(l)),
    );
    field(&mut s, labels[6], &l.date(d.submitted_on));
    if d.start.is_some() || d.end.is_some() {
        let period = format!(
            "{} – {}",
            d.start.map_or("?".into(), |x| l.date(x)),
            d.end.map_or("?".into(), |x| l.date(x))
        );
        field(&mut s, labels[7], &period);
    }
    let b = &d.budget;
    let m = |x: Option<crate::domain::Vnd>| x.map_or("?".to_string(), |v| l.millions(v));
    field(
        &mut s,
        labels[8],
        &format!(
            "{} {} = {} {} + {} {} + {} {}",
            l.pick("total", "tổng"),
            m(b.total_vnd),
            l.pick("national", "KCQG"),
            l.millions(b.national_vnd),
            l.pick("local", "địa phương"),
            m(b.local_vnd),
            l.pick("counterpart", "đối ứng"),
            m(b.counterpart_vnd)
        ),
    );
    let docs: Vec<String> = d
        .documents
        .iter()
        .map(
            |doc| match (&doc.original_kind, doc.level, doc.valid_until) {
                (Some(orig), _, _) => format!("{} ({orig})", l.pick("other", "khác")),
                (None, Some(lv), Some(u)) => format!(
                    "{} ({}, {} {})",
                    doc.kind.label(l),
                    lv.label(l),
                    l.pick("valid until", "hiệu lực đến"),
                    l.date(u)
                ),
                (None, Some(lv), None) => format!("{} ({})", doc.kind.label(l), lv.label(l)),
                _ => doc.kind.label(l).to_string(),
            },
        )
        .collect();
    field(&mut s, labels[9], &docs.join(", "));
    for (k, val) in &details {
        field(&mut s, &format!("· {k}"), val);
    }
    for (k, val) in &d.extra {
        field(
            &mut s,
            &format!("+ {k}"),
            &crate::domain::fields::plain(val, l),
        );
    }
    if let Some(sum) = &d.summary {
        let _ = writeln!(s, "\n{}", l.pick("Summary", "Tóm tắt"));
        for line in sum.lines() {
            let _ = writeln!(s, "  {line}");
        }
    }
    let _ = writeln!(
        s,
        "\n{} {} ({} {})",
        l.pick("Checklist", "Kiểm tra"),
        v.checklist.summary_in(l),
        l.pick("as of", "ngày"),
        l.date(as_of)
    );
    let width = v
        .checklist
        .items
        .iter()
        .map(|i| i.label(l).chars().count())
        .max()
        .unwrap_or(0);
    for i in &v.checklist.items {
        let must = if i.mandatory {
            String::new()
        } else {
            format!(" ({})", l.pick("optional", "không bắt buộc"))
        };
        let evidence = match (&i.kind, &i.tick) {
            (ItemKind::Manual, Some(t)) => {
                format!("{} — {} {}", i.text(l), t.author, l.datetime(&t.at))
            }
            (ItemKind::Manual, None) => i.text(l).to_string(),
            _ => i.detail_in(l),
        };
        let stale = if i.stale {
            l.pick(" [ticked on an older revision]", " [tích trên lần nộp cũ]")
        } else {
            ""
        };
        let _ = writeln!(
            s,
            "  {} {:<width$}  {evidence}{must}{stale}",
            glyph(i.state),
            i.label(l)
        );
        if let Some(b) = i.basis_line(l) {
            let _ = writeln!(s, "    {:<width$}  {b}", "");
        }
    }
    let sc = &v.score;
    let score_word = l.pick("Score", "Điểm");
    match sc.total {
        Some(t) if sc.bonus != 0 => {
            let _ = writeln!(
                s,
                "\n{score_word} {} + {} = {t} ({} + {})",
                t - sc.bonus,
                sc.bonus,
                l.pick("criteria", "tiêu chí"),
                l.pick("bonus", "điểm cộng")
            );
        }
        Some(t) => {
            let _ = writeln!(s, "\n{score_word} {t}");
        }
        None => {
            let _ = writeln!(
                s,
                "\n{score_word} – ({}; {} {})",
                l.pick("not scored", "chưa chấm"),
                l.pick("bonus", "điểm cộng"),
                sc.bonus
            );
        }
    }
    if sc.by_appraiser.len() > 1 {
        // The council: each appraiser's total, the spread, a dispute.
        let each: Vec<String> = sc
            .by_appraiser
            .iter()
            .map(|a| format!("{} {}", a.appraiser, a.total))
            .collect();
        let _ = write!(
            s,
            "  {}: {}",
            l.pick("appraisers", "thẩm định viên"),
            each.join(", ")
        );
        if let Some(sp) = sc.spread {
            let _ = write!(s, "; {} {sp}", l.pick("spread", "chênh lệch"));
        }
        if sc.disputed {
            let _ = write!(s, " ({})", l.pick("disputed", "lệch điểm"));
        }
        let _ = writeln!(s);
    }
    let cw = sc
        .criteria
        .iter()
        .map(|c| l.pick(&c.label_en, &c.label_vi).chars().count())
        .chain(
            sc.bonus_parts
                .iter()
                .map(|b| l.pick(&b.label_en, &b.label_vi).chars().count() + 2),
        )
        .max()
        .unwrap_or(0);
    for c in &sc.criteria {
        let pts = c.points.map_or("–".to_string(), |p| p.to_string());
        let stale = if c.stale {
            l.pick(" [scored on an older revision]", " [chấm trên lần nộp cũ]")
        } else {
            ""
        };
        let label = l.pick(&c.label_en, &c.label_vi);
        let _ = writeln!(s, "  {label:<cw$} {pts:>3}/{}{stale}", c.max);
    }
    for b in &sc.bonus_parts {
        let label = format!("+ {}", l.pick(&b.label_en, &b.label_vi));
        let _ = writeln!(s, "  {label:<cw$} {:>3}", b.points);
    }
    let _ = writeln!(s, "\n{} ({})", l.pick("Notes", "Ghi chú"), v.notes.len());
    for n in &v.notes {
        let _ = writeln!(
            s,
            "  {} {} ({} {}):",
            l.datetime(&n.at),
            n.author,
            l.pick("rev", "lần"),
            n.revision
        );
        for line in n.text.lines() {
            let _ = writeln!(s, "    {line}");
        }
    }
    if !v.history.is_empty() {
        let _ = writeln!(s, "\n{}", l.pick("History", "Lịch sử"));
        for h in &v.history {
            let reason = h
                .reason
                .as_deref()
                .map(|r| format!(" — {}", crate::domain::vocab::audit::reason_text(r, l)))
                .unwrap_or_default();
            let over = match (&h.override_reason, h.overridden) {
                (Some(o), true) => format!(" [{}: {o}]", l.pick("override", "duyệt ngoại lệ")),
                _ => String::new(),
            };
            let _ = writeln!(
                s,
                "  {} {} {} ({} → {}, {} {}){reason}{over}",
                l.datetime(&h.at),
                h.author,
                crate::domain::vocab::audit::action_label(&h.action, l),
                crate::domain::vocab::status_label(&h.from_status, l),
                crate::domain::vocab::status_label(&h.to_status, l),
                l.pick("rev", "lần"),
                h.revision
            );
        }
    }
    s
}
