//! Part of [`super`]: a team on one queue. Assigning the marked dossiers,
//! "my queue", and who else has which dossier open (presence), with the
//! message when I open the checklist or score of a dossier someone else
//! is working in.

use super::*;

/// What the team's sessions show of each other.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TeamState {
    /// Who else has which dossier open: code → (appraiser, pane).
    pub present: HashMap<String, Vec<(String, Option<String>)>>,
    /// The first whole queue has been seen (the queue opens on my
    /// assignments once, not at every reload).
    pub opened: bool,
    /// The pane the others were last told I am in.
    pub sent_pane: Option<&'static str>,
}

impl TeamState {
    /// The others who have `code` open, by name ("lan, minh").
    pub fn names(&self, code: &str) -> Option<String> {
        let v = self.present.get(code)?;
        let mut names: Vec<&str> = v.iter().map(|(n, _)| n.as_str()).collect();
        names.dedup();
        Some(names.join(", "))
    }
}

/// Ask who to assign the marked dossiers (or the cursor's) to.
pub(super) fn ask_assignee(state: &mut State) -> Vec<Effect> {
    let codes = state.targets();
    if codes.is_empty() {
        return Vec::new();
    }
    open_input(state, InputPurpose::AssignTo(codes), TextInput::single());
    Vec::new()
}

/// My queue, or every dossier again.
pub(super) fn toggle_my_queue(state: &mut State) -> Vec<Effect> {
    let mine = |t: &&str| crate::domain::query::is_mine_term(t);
    if state.queue.query.split_whitespace().any(|t| mine(&t)) {
        let rest: Vec<&str> = state
            .queue
            .query
            .split_whitespace()
            .filter(|t| !mine(t))
            .collect();
        let rest = rest.join(" ");
        state.filter_to(&rest)
    } else {
        let word = crate::domain::query::mine_word(state.strings.lang);
        let q = format!("{} {word}", state.queue.query).trim().to_string();
        state.filter_to(&q)
    }
}

/// On the first whole queue: open on my assignments when I have any.
pub(super) fn first_queue(state: &mut State) -> Vec<Effect> {
    if state.team.opened || state.queue.loading {
        return Vec::new();
    }
    state.team.opened = true;
    if !state.queue.rows.iter().any(|r| r.team.mine) {
        return Vec::new();
    }
    let msg = fill(state.strings.msg_my_queue, &[("name", &state.user)]);
    state.say(msg, false);
    toggle_my_queue(state)
}

/// Who is where now. Someone new at my dossier is told which pane I am in.
pub(super) fn presence_loaded(
    state: &mut State,
    rows: Vec<(String, String, Option<String>)>,
) -> Vec<Effect> {
    let mut present: HashMap<String, Vec<(String, Option<String>)>> = HashMap::new();
    for (code, who, pane) in rows {
        present.entry(code).or_default().push((who, pane));
    }
    if present != state.team.present {
        state.team.present = present;
        state.dirty = true;
    }
    tell_pane(state)
}

/// Tell the others my pane when it changed and someone else has my
/// dossier open (nobody else needs to know).
fn tell_pane(state: &mut State) -> Vec<Effect> {
    let pane = pane_id(state.focus);
    let watched = state
        .current_code()
        .is_some_and(|c| state.team.present.contains_key(&c));
    if pane == state.team.sent_pane || !watched {
        return Vec::new();
    }
    state.team.sent_pane = pane;
    vec![Effect::Present { pane }]
}

fn pane_id(p: Pane) -> Option<&'static str> {
    match p {
        Pane::Checklist => Some("checklist"),
        Pane::Score => Some("score"),
        _ => None,
    }
}

/// After a key in a view: when the focus moved into (or out of) the
/// checklist or the score, the others are told, and I am told who else is
/// there.
pub(super) fn focus_moved(state: &mut State, before: Pane) -> Vec<Effect> {
    let now = state.focus;
    if pane_id(now) == pane_id(before) {
        return Vec::new();
    }
    let pane = pane_id(now);
    if let (Some(p), Some(code)) = (pane, state.current_code())
        && let Some(others) = state.team.present.get(&code)
    {
        let s = state.strings;
        let same: Vec<&str> = others
            .iter()
            .filter(|(_, q)| q.as_deref() == Some(p))
            .map(|(n, _)| n.as_str())
            .collect();
        let msg = if same.is_empty() {
            let names = state.team.names(&code).unwrap_or_default();
            fill(s.msg_others_open, &[("names", &names), ("code", &code)])
        } else {
            let label = if p == "score" {
                s.pane_score
            } else {
                s.pane_checklist
            };
            fill(
                s.msg_others_editing,
                &[
                    ("names", &same.join(", ")),
                    ("code", &code),
                    ("pane", label),
                ],
            )
        };
        state.say(msg, false);
    }
    tell_pane(state)
}
