//! Part of [`super`] (the application state and `update`): what the effects
//! bring back (`Loaded`) and how the state takes it in.

use super::*;

/// The queue (all of it, or its first screen) has been loaded.
pub(super) fn queue_loaded(
    state: &mut State,
    rows: Vec<QueueItem>,
    docs: Option<Vec<Doc>>,
    version: i64,
    complete: bool,
) -> Vec<Effect> {
    state.data_version = Some(version);
    state.queue.loading = !complete;
    let search = state.queue.set_rows_prepared(rows, docs);
    let mut fx = state.follow_cursor();
    fx.extend(super::team::first_queue(state));
    fx.extend(search.map(Effect::Search));
    // The selected dossier may have changed too: reload its panes.
    if !fx.iter().any(|e| matches!(e, Effect::LoadDossier(_)))
        && let Some(code) = state.current_code()
    {
        fx.push(Effect::LoadDossier(code));
    }
    fx
}

pub(super) fn loaded(state: &mut State, l: Loaded) -> Vec<Effect> {
    match l {
        Loaded::Queue(rows, version) => queue_loaded(state, rows, None, version, true),
        Loaded::Prepared {
            rows,
            docs,
            version,
            complete,
        } => {
            // A first screen arriving after the whole queue is stale.
            if !complete && !state.queue.rows.is_empty() {
                return Vec::new();
            }
            queue_loaded(state, rows, Some(docs), version, complete)
        }
        Loaded::Dossier(code, data) => {
            if state.current_code().as_deref() != Some(code.as_str()) {
                return Vec::new();
            }
            let same = state
                .dossier
                .as_ref()
                .is_some_and(|d| d.dossier.code == code);
            state.dossier = data.map(|d| *d);
            // The dossier may be newer than its queue row (my own tick
            // bumped its version): the row follows, so my next decision is
            // not refused as a conflict with myself.
            if let Some(d) = &state.dossier
                && let Some(i) = state.queue.index_of(&code)
                && let Some(row) = state.queue.rows.get_mut(i)
            {
                row.version = d.version;
                row.revision = d.revision;
            }
            if !same {
                state.detail_scroll = 0;
                state.checklist_cursor = 0;
                state.score_cursor = 0;
                state.notes_scroll = 0;
            }
            if let Some(d) = &state.dossier {
                state.checklist_cursor = state
                    .checklist_cursor
                    .min(d.checklist.len().saturating_sub(1));
                state.score_cursor = state
                    .score_cursor
                    .min(d.score.criteria.len().saturating_sub(1));
            }
            Vec::new()
        }
        Loaded::Rows(rows) => {
            let search = state.queue.update_rows(rows);
            let mut fx = state.follow_cursor();
            fx.extend(search.map(Effect::Search));
            if let Some(code) = state.current_code() {
                fx.push(Effect::LoadDossier(code));
            }
            fx
        }
        Loaded::Facts(facts) => {
            state.queue.set_facts(&facts);
            let mut fx = state.refilter();
            if std::mem::take(&mut state.queue.jump_when_facts) {
                fx.extend(view_action(state, Action::NextFailing));
            }
            fx
        }
        Loaded::Searched {
            generation,
            query,
            matches,
            fuzzy,
        } => {
            if state.queue.apply_search(generation, &query, matches, fuzzy) {
                state.dirty = true;
                state.follow_cursor()
            } else {
                Vec::new()
            }
        }
        Loaded::UndoPlan(u) => {
            if state.overlay.is_none() {
                state.overlay = Some(Overlay::Undo(u));
            }
            Vec::new()
        }
        Loaded::Preview(p) => {
            if let Some(Overlay::Confirm(c)) = &mut state.overlay {
                c.preview = Some(p);
            }
            Vec::new()
        }
        Loaded::Done(outcome) => {
            state.unsaved_reason = None;
            // The decided dossiers are unmarked; the refused ones stay
            // marked for the appraiser to deal with next, and are said.
            let mut left = 0;
            if outcome.decision.is_some() {
                for code in &outcome.changed {
                    state.queue.marks.remove(code);
                }
                left = state.queue.marks.len();
            }
            done_message(state, &outcome, left);
            state.reload_rows(outcome.changed.clone())
        }
        Loaded::Saved(saved) => {
            let s = state.strings;
            let text = match &saved {
                Saved::Tick { code, item, on } => fill(
                    if *on { s.msg_ticked } else { s.msg_unticked },
                    &[("code", code), ("item", state.item_label(item))],
                ),
                Saved::Score {
                    code,
                    criterion,
                    points: Some(points),
                } => fill(
                    s.msg_scored,
                    &[
                        ("code", code),
                        ("criterion", state.criterion_label(criterion)),
                        ("points", &points.to_string()),
                    ],
                ),
                Saved::Score {
                    code,
                    criterion,
                    points: None,
                } => fill(
                    s.msg_unscored,
                    &[
                        ("code", code),
                        ("criterion", state.criterion_label(criterion)),
                    ],
                ),
                Saved::Note { code } => {
                    state.unsaved_note = None;
                    state.note_drafts.remove(code);
                    fill(s.msg_noted, &[("code", code)])
                }
                Saved::Allocation {
                    category,
                    plan_year,
                    vnd,
                } => fill(
                    s.msg_allocation,
                    &[
                        ("category", category.label(s.lang)),
                        ("year", &plan_year.to_string()),
                        ("allocation", &s.lang.millions(*vnd)),
                    ],
                ),
            };
            state.say(text, false);
            match saved {
                // A score changes the queue's score column and the ranking.
                Saved::Score { code, .. } => state.reload_rows(vec![code]),
                // Ticks and notes only change the dossier's own panes.
                Saved::Tick { code, .. } | Saved::Note { code } => vec![Effect::LoadDossier(code)],
                // The cut line moves.
                Saved::Allocation { .. } => vec![state.ranking_effect()],
            }
        }
        Loaded::Ranking {
            rows,
            allocation,
            plan_year,
        } => {
            state.ranking.rows = rows;
            state.ranking.allocation = allocation;
            state.ranking.plan_year = plan_year;
            state.ranking.cursor = state
                .ranking
                .cursor
                .min(state.ranking.rows.len().saturating_sub(1));
            Vec::new()
        }
        Loaded::Summary {
            plan_year,
            plan_years,
            summary,
        } => {
            summary_loaded(state, plan_year, plan_years, summary);
            Vec::new()
        }
        Loaded::Written(path) => {
            let text = fill(
                state.strings.msg_written,
                &[("path", &path.display().to_string())],
            );
            state.say(text, false);
            Vec::new()
        }
        Loaded::Log(rows) => {
            state.log.set_rows(rows);
            Vec::new()
        }
        Loaded::Presence(rows) => super::team::presence_loaded(state, rows),
        Loaded::Assigned { codes, to } => {
            let s = state.strings;
            let n = codes.len().to_string();
            let msg = match &to {
                Some(name) => fill(s.msg_assigned, &[("n", &n), ("name", name)]),
                None => fill(s.msg_unassigned, &[("n", &n)]),
            };
            state.say(msg, false);
            if codes.is_empty() {
                Vec::new()
            } else {
                vec![Effect::LoadRows(codes)]
            }
        }
        Loaded::Version(v) => {
            let changed = state.data_version.is_some_and(|old| old != v);
            state.data_version = Some(v);
            if changed {
                state.dirty = true;
                state.say(state.strings.msg_reloaded.to_string(), false);
                state.reload()
            } else {
                Vec::new()
            }
        }
    }
}

/// Say what a decision did; `left` dossiers stay marked, undecided.
pub(super) fn done_message(state: &mut State, o: &Outcome, left: usize) {
    let s = state.strings;
    if !o.changed.is_empty() {
        let template = match o.decision {
            Some(Decision::Approve) => s.msg_approved,
            Some(Decision::Return) => s.msg_returned,
            None => s.msg_undone,
        };
        let n = o.changed.len().to_string();
        let mut text = fill(template, &[("n", &n), ("codes", &o.changed.join(", "))]);
        if left > 0 && o.refused.is_empty() {
            text = format!(
                "{text} · {}",
                fill(s.msg_left_marked, &[("n", &left.to_string())])
            );
        }
        state.say(text, false);
    }
    if !o.refused.is_empty() {
        let list: Vec<String> = o
            .refused
            .iter()
            .map(|(c, why)| format!("{c} ({why})"))
            .collect();
        let n = o.refused.len().to_string();
        state.say(
            fill(s.msg_refused, &[("n", &n), ("codes", &list.join("; "))]),
            true,
        );
    }
}
