//! Part of [`super`] (the application state and `update`): the text inputs and the confirmation dialog.

use super::*;

/// What a text input is for.
#[derive(Debug, Clone, PartialEq)]
pub enum InputPurpose {
    /// The live fuzzy filter.
    Filter,
    /// The reason for returning these dossiers (with the versions seen).
    ReturnReason(Vec<(String, i64)>),
    /// The reason for overriding the gate of this pending confirmation.
    OverrideReason(Box<Confirm>),
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
    /// The override reason, once given.
    pub override_reason: Option<String>,
    /// Scroll of the dialog's list.
    pub scroll: usize,
}

pub(super) fn confirm_action(state: &mut State, mut c: Confirm, action: Action) -> Vec<Effect> {
    let page = state.page();
    match action {
        Action::Cancel => return Vec::new(),
        Action::Override if c.decision == Decision::Approve => {
            if c.preview.as_ref().is_some_and(|p| !p.refused.is_empty()) {
                open_input(
                    state,
                    InputPurpose::OverrideReason(Box::new(c)),
                    TextInput::single(),
                );
                return Vec::new();
            }
        }
        Action::Confirm => {
            let Some(p) = &c.preview else {
                state.overlay = Some(Overlay::Confirm(c));
                return Vec::new();
            };
            let mut codes: Vec<String> = p.accepted.clone();
            if c.override_reason.is_some() {
                codes.extend(p.refused.iter().map(|(code, _)| code.clone()));
            }
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
                override_reason: c.override_reason.clone(),
            }];
        }
        a => {
            if let Some(d) = movement(&a, page) {
                c.scroll = (c.scroll as isize + d).clamp(0, 10_000) as usize;
            }
        }
    }
    state.overlay = Some(Overlay::Confirm(c));
    Vec::new()
}

pub(super) fn input_action(state: &mut State, mut b: InputBox, action: Action) -> Vec<Effect> {
    let before = b.input.text().to_string();
    match action {
        Action::Insert(s) | Action::Paste(s) => b.input.insert(&s),
        Action::Backspace => b.input.backspace(),
        Action::Delete => b.input.delete(),
        Action::DeleteWord => b.input.delete_word(),
        Action::CursorLeft => b.input.left(),
        Action::CursorRight => b.input.right(),
        Action::WordLeft => b.input.word_left(),
        Action::WordRight => b.input.word_right(),
        Action::LineStart => b.input.home(),
        Action::LineEnd => b.input.end(),
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
            b.error = Some(e);
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
        InputPurpose::Filter => state.filter_to(DEFAULT_FILTER),
        InputPurpose::OverrideReason(c) => {
            state.overlay = Some(Overlay::Confirm(*c));
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
                return refuse(state, b, e);
            }
            state.refilter()
        }
        InputPurpose::ReturnReason(seen) => {
            if value.is_empty() {
                return refuse(state, b, s.reason_required.to_string());
            }
            let codes: Vec<String> = seen.iter().map(|(c, _)| c.clone()).collect();
            state.overlay = Some(Overlay::Confirm(Confirm {
                decision: Decision::Return,
                seen,
                codes: codes.clone(),
                preview: None,
                reason: Some(value),
                override_reason: None,
                scroll: 0,
            }));
            vec![Effect::Preview {
                decision: Decision::Return,
                codes,
            }]
        }
        InputPurpose::OverrideReason(mut c) => {
            if value.is_empty() {
                return refuse(state, b, s.reason_required.to_string());
            }
            c.override_reason = Some(value);
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
        } => match value.parse::<u32>() {
            Ok(points) if points <= max => {
                let version = state.dossier.as_ref().map_or(0, |d| d.version);
                vec![Effect::Score {
                    code,
                    criterion,
                    points,
                    version,
                }]
            }
            _ => {
                let max = max.to_string();
                refuse(
                    state,
                    b,
                    fill(s.bad_points, &[("value", &value), ("max", &max)]),
                )
            }
        },
        // Stored in the database, audited: a new session and `rank` use it.
        InputPurpose::Allocation {
            category,
            plan_year,
        } => match Vnd::parse(&value) {
            Ok(vnd) if vnd.0 >= 0 => vec![Effect::SetAllocation {
                category,
                plan_year,
                vnd,
            }],
            Ok(_) => refuse(state, b, fill(s.bad_amount, &[("value", &value)])),
            Err(e) => refuse(state, b, e.to_string()),
        },
        InputPurpose::LogFilter => {
            let aliases = Arc::clone(&state.queue.aliases);
            match state.log.set_filter(&value, &aliases) {
                Ok(()) => Vec::new(),
                Err(e) => refuse(state, b, e),
            }
        }
    }
}
