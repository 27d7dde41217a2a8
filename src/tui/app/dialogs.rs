//! Part of [`super`] (the application state and `update`): the text inputs and the confirmation dialog.

use super::*;
use std::collections::BTreeMap;

/// What a text input is for.
#[derive(Debug, Clone, PartialEq)]
pub enum InputPurpose {
    /// The live fuzzy filter.
    Filter,
    /// The reason for returning these dossiers (with the versions seen).
    ReturnReason(Vec<(String, i64)>),
    /// The reason for overriding the gate, for these refused dossiers of
    /// this pending confirmation.
    OverrideReason(Box<Confirm>, Vec<String>),
    /// A note on a dossier.
    Note(String),
    /// Points of a criterion.
    Points {
        /// Dossier code.
        code: String,
        /// Criterion id.
        criterion: String,
        /// Its maximum.
        max: u32,
        /// Its points when the input opened (the hint of an empty field).
        now: Option<u32>,
    },
    /// Allocation of a category for a plan year, in the ranking view.
    Allocation {
        /// Category.
        category: Category,
        /// Plan year ranked (`None`: the newest, when there is one).
        plan_year: Option<i32>,
    },
    /// Audit log filter.
    LogFilter,
    /// Who to assign these dossiers to (empty: unassign them).
    AssignTo(Vec<String>),
}

/// A text input overlay.
#[derive(Debug, Clone, PartialEq)]
pub struct InputBox {
    /// What it is for.
    pub purpose: InputPurpose,
    /// The text being edited.
    pub input: TextInput,
    /// Why the last submit was refused.
    pub error: Option<String>,
}

/// A pending decision waiting for confirmation.
#[derive(Debug, Clone, PartialEq)]
pub struct Confirm {
    /// Approve or return.
    pub decision: Decision,
    /// The dossiers asked for.
    pub codes: Vec<String>,
    /// The version of each dossier when the appraiser asked: a change made
    /// since by someone else refuses the batch instead of overwriting it.
    pub seen: Vec<(String, i64)>,
    /// What the gate says (`None` while it is being checked).
    pub preview: Option<Preview>,
    /// The reason (return).
    pub reason: Option<String>,
    /// Refused dossiers overridden so far, each with its reason.
    pub overrides: BTreeMap<String, String>,
    /// The refused dossier under the cursor (index into the refusals).
    pub selected: usize,
    /// Scroll of the dialog's list.
    pub scroll: usize,
    /// The list scrolls to keep the selected refusal in view (false once
    /// the appraiser scrolls it by the page to read).
    pub follow: bool,
}

impl Confirm {
    /// A confirmation of `decision` on `codes` (versions as seen).
    pub fn new(decision: Decision, seen: Vec<(String, i64)>, reason: Option<String>) -> Confirm {
        Confirm {
            decision,
            codes: seen.iter().map(|(c, _)| c.clone()).collect(),
            seen,
            preview: None,
            reason,
            overrides: BTreeMap::new(),
            selected: 0,
            scroll: 0,
            follow: true,
        }
    }

    /// Refused dossiers not overridden yet.
    pub fn still_refused(&self) -> Vec<&str> {
        self.preview.as_ref().map_or(Vec::new(), |p| {
            p.refused
                .iter()
                .map(|(c, _)| c.as_str())
                .filter(|c| !self.overrides.contains_key(*c))
                .collect()
        })
    }
}

pub(super) fn confirm_action(state: &mut State, mut c: Confirm, action: Action) -> Vec<Effect> {
    let page = state.page();
    match action {
        Action::Cancel => return Vec::new(),
        // `o`: override the refused dossier under the cursor; `O`: all the
        // refused ones still refused. Each asks for its reason.
        Action::Override | Action::OverrideAll if c.decision == Decision::Approve => {
            let refused: Vec<String> = c.preview.as_ref().map_or(Vec::new(), |p| {
                p.refused.iter().map(|(code, _)| code.clone()).collect()
            });
            let codes: Vec<String> = if action == Action::OverrideAll {
                c.still_refused().into_iter().map(str::to_string).collect()
            } else {
                refused.get(c.selected).cloned().into_iter().collect()
            };
            if !codes.is_empty() {
                let text: String = codes
                    .first()
                    .and_then(|code| c.overrides.get(code))
                    .map(String::to_string)
                    .unwrap_or_default();
                open_input(
                    state,
                    InputPurpose::OverrideReason(Box::new(c), codes),
                    TextInput::with_text(&text),
                );
                return Vec::new();
            }
        }
        Action::MoveUp | Action::MoveDown
            if c.preview.as_ref().is_some_and(|p| !p.refused.is_empty()) =>
        {
            let n = c.preview.as_ref().map_or(0, |p| p.refused.len());
            let delta = if action == Action::MoveUp { -1 } else { 1 };
            c.selected = step(c.selected, n, delta);
            c.follow = true;
        }
        Action::Confirm => {
            let Some(p) = &c.preview else {
                state.overlay = Some(Overlay::Confirm(c));
                return Vec::new();
            };
            let mut codes: Vec<String> = p.accepted.clone();
            codes.extend(
                p.refused
                    .iter()
                    .map(|(code, _)| code.clone())
                    .filter(|code| c.overrides.contains_key(code)),
            );
            if codes.is_empty() {
                state.say(state.strings.nothing_to_decide.to_string(), true);
                state.overlay = Some(Overlay::Confirm(c));
                return Vec::new();
            }
            let items = codes
                .into_iter()
                .map(|code| {
                    let v = c
                        .seen
                        .iter()
                        .find(|(s, _)| *s == code)
                        .map(|(_, v)| *v)
                        .or_else(|| state.queue.row_by_code(&code).map(|r| r.version))
                        .unwrap_or(0);
                    (code, v)
                })
                .collect();
            if c.decision == Decision::Return {
                state.unsaved_reason = c.reason.clone();
            }
            return vec![Effect::Decide {
                decision: c.decision,
                items,
                reason: c.reason.clone(),
                overrides: c
                    .overrides
                    .iter()
                    .map(|(k, v)| (k.clone(), v.clone()))
                    .collect(),
            }];
        }
        a => {
            if let Some(d) = movement(&a, page) {
                c.scroll = (c.scroll as isize + d).clamp(0, 10_000) as usize;
                c.follow = false;
            }
        }
    }
    state.overlay = Some(Overlay::Confirm(c));
    Vec::new()
}

pub(super) fn input_action(state: &mut State, mut b: InputBox, action: Action) -> Vec<Effect> {
    let before = b.input.text().to_string();
    match action {
        a if super::keys::edit(&mut b.input, &a) => {}
        Action::MoveUp => b.input.up(),
        Action::MoveDown => b.input.down(),
        Action::Newline => b.input.newline(),
        Action::Cancel => return cancel_input(state, b),
        Action::Submit => return submit_input(state, b),
        _ => {}
    }
    let changed = b.input.text() != before;
    let live_filter = b.purpose == InputPurpose::Filter;
    if changed {
        b.error = None;
    }
    if live_filter && changed {
        // A query that does not parse is shown as an error under the input;
        // the previous result stays.
        let text = b.input.text().trim_end().to_string();
        if let Err(e) = state.queue.set_query(&text) {
            b.error = Some(e.message(state.strings.lang));
            state.overlay = Some(Overlay::Input(b));
            return Vec::new();
        }
        // A new query shows its best match first, under the cursor.
        state.queue.to_top = true;
        state.overlay = Some(Overlay::Input(b));
        return state.refilter();
    }
    state.overlay = Some(Overlay::Input(b));
    Vec::new()
}

pub(super) fn cancel_input(state: &mut State, b: InputBox) -> Vec<Effect> {
    match b.purpose {
        // Esc clears the filter: back to the default one.
        InputPurpose::Filter => state.filter_to(super::default_filter(state.strings.lang)),
        InputPurpose::OverrideReason(c, _) => {
            state.overlay = Some(Overlay::Confirm(*c));
            Vec::new()
        }
        // A note being written is never thrown away: kept as a draft.
        InputPurpose::Note(code) => {
            let text = b.input.text().to_string();
            if text.trim().is_empty() {
                state.note_drafts.remove(&code);
            } else {
                let msg = fill(state.strings.msg_draft_kept, &[("code", &code)]);
                state.note_drafts.insert(code, text);
                state.say(msg, false);
            }
            Vec::new()
        }
        _ => Vec::new(),
    }
}

pub(super) fn refuse(state: &mut State, mut b: InputBox, why: String) -> Vec<Effect> {
    b.error = Some(why);
    state.overlay = Some(Overlay::Input(b));
    Vec::new()
}

pub(super) fn submit_input(state: &mut State, b: InputBox) -> Vec<Effect> {
    let s = state.strings;
    let value = b.input.value();
    match b.purpose.clone() {
        InputPurpose::Filter => {
            if let Err(e) = state.queue.set_query(value.trim()) {
                // Said too, so that the messages (m) keep it.
                state.say(e.message(s.lang), true);
                return refuse(state, b, e.message(s.lang));
            }
            // A filter that reads puts an earlier filter's error away (the
            // messages overlay keeps it).
            if state.message.as_ref().is_some_and(|m| m.error) {
                state.message = None;
            }
            state.refilter()
        }
        InputPurpose::AssignTo(codes) => {
            let to = Some(value.trim().to_string()).filter(|v| !v.is_empty());
            vec![Effect::Assign { codes, to }]
        }
        InputPurpose::ReturnReason(seen) => {
            if value.is_empty() {
                return refuse(state, b, s.reason_required.to_string());
            }
            let codes: Vec<String> = seen.iter().map(|(c, _)| c.clone()).collect();
            state.overlay = Some(Overlay::Confirm(Confirm::new(
                Decision::Return,
                seen,
                Some(value),
            )));
            vec![Effect::Preview {
                decision: Decision::Return,
                codes,
            }]
        }
        InputPurpose::OverrideReason(mut c, codes) => {
            if value.is_empty() {
                return refuse(state, b, s.reason_required.to_string());
            }
            for code in codes {
                c.overrides.insert(code, value.clone());
            }
            // The cursor moves on to the next refusal still refused, after
            // this one (then from the top).
            if let Some(p) = &c.preview {
                let n = p.refused.len();
                if let Some(next) = (1..=n)
                    .map(|k| (c.selected + k) % n)
                    .find(|&i| !c.overrides.contains_key(&p.refused[i].0))
                {
                    c.selected = next;
                }
            }
            c.follow = true;
            state.overlay = Some(Overlay::Confirm(*c));
            Vec::new()
        }
        InputPurpose::Note(code) => {
            if value.is_empty() {
                return Vec::new();
            }
            state.unsaved_note = Some((code.clone(), value.clone()));
            vec![Effect::AddNote { code, text: value }]
        }
        InputPurpose::Points {
            code,
            criterion,
            max,
            now,
        } => {
            // An empty field makes the criterion unscored again.
            let points = match value.parse::<u32>() {
                _ if value.is_empty() => None,
                Ok(points) if points <= max => Some(points),
                _ => {
                    let max = max.to_string();
                    let why = fill(s.bad_points, &[("value", &value), ("max", &max)]);
                    return refuse(state, b, why);
                }
            };
            if points.is_none() && now.is_none() {
                return Vec::new();
            }
            let version = state.dossier.as_ref().map_or(0, |d| d.version);
            vec![Effect::Score {
                code,
                criterion,
                points,
                version,
            }]
        }
        // Stored in the database, audited: a new session and `rank` use it.
        InputPurpose::Allocation {
            category,
            plan_year,
        } => match Vnd::parse_written(&value) {
            Ok(vnd) if vnd.0 >= 0 => vec![Effect::SetAllocation {
                category,
                plan_year,
                vnd,
            }],
            Ok(_) => refuse(state, b, fill(s.bad_amount, &[("value", &value)])),
            Err(e) => refuse(state, b, e.message(s.lang)),
        },
        InputPurpose::LogFilter => {
            let aliases = Arc::clone(&state.queue.aliases);
            match state.log.set_filter(&value, &aliases) {
                Ok(()) => Vec::new(),
                Err(e) => refuse(state, b, e.message(s.lang)),
            }
        }
    }
}
