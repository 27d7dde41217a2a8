//! What the keymap's description of actions drives in the state: the
//! command palette (fuzzy search over every action, greyed with the reason
//! when it does nothing now, and `filter QUERY`), the help overlay's
//! filter, moving through the filter's matches, and a broken user keymap
//! said on the message line.

use super::{Effect, Overlay, Pane, State, View, apply, movement, step};
use crate::domain::text::fold;
use crate::tui::action::{Action, BINDABLE, Needs};
use crate::tui::input::TextInput;
use crate::tui::strings::fill;
use fuzzy_matcher::FuzzyMatcher;
use fuzzy_matcher::skim::SkimMatcherV2;

/// The command palette: what is typed and the entry under the cursor.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Palette {
    /// The query (or `filter …` command).
    pub input: TextInput,
    /// The selected entry.
    pub cursor: usize,
}

/// One action as the palette lists it.
#[derive(Debug, Clone, PartialEq)]
pub struct PaletteEntry {
    /// The action run on `Enter`.
    pub action: Action,
    /// Its key in the current view (else in a mode where it works), if any.
    pub key: Option<String>,
    /// Why it does nothing now (shown greyed), if it does not.
    pub reason: Option<String>,
}

/// The palette's command words: `filter QUERY` (or, in Vietnamese,
/// `lọc QUERY`, with or without its diacritics) sets the queue's filter.
const FILTER_COMMANDS: [&str; 3] = ["filter", "lọc", "loc"];

/// Edit a line of text with `action`; false when it is not an edit.
pub(super) fn edit(input: &mut TextInput, action: &Action) -> bool {
    match action {
        Action::Insert(s) | Action::Paste(s) => input.insert(s),
        Action::Backspace => input.backspace(),
        Action::Delete => input.delete(),
        Action::DeleteWord => input.delete_word(),
        Action::DeleteToLineStart => input.delete_to_line_start(),
        Action::DeleteToLineEnd => input.delete_to_line_end(),
        Action::CursorLeft => input.left(),
        Action::CursorRight => input.right(),
        Action::WordLeft => input.word_left(),
        Action::WordRight => input.word_right(),
        Action::LineStart => input.home(),
        Action::LineEnd => input.end(),
        _ => return false,
    }
    true
}

/// The query of a `filter QUERY` command typed in the palette.
pub fn filter_command(text: &str) -> Option<&str> {
    let t = text.trim_start();
    FILTER_COMMANDS.iter().find_map(|word| {
        // A word alone is looked up as an action (`lọc` finds the filter).
        let rest = t.strip_prefix(word)?.strip_prefix(' ')?.trim();
        (!rest.is_empty()).then_some(rest)
    })
}

impl State {
    /// Say each error of a broken user keymap on the message line, and
    /// open the messages overlay on them (a path and a line do not fit a
    /// status bar): the TUI runs on the map the file would have changed.
    pub fn keymap_warnings(&mut self, warnings: &[String]) {
        for w in warnings {
            let text = fill(self.strings.msg_keymap_broken, &[("error", w)]);
            self.say(text, true);
        }
        if !warnings.is_empty() {
            self.overlay = Some(Overlay::Messages { scroll: 0 });
        }
    }

    /// Why `action` does nothing now, in the view under the overlays.
    pub fn unavailable(&self, action: &Action) -> Option<String> {
        let s = self.strings;
        let spec = action.spec()?;
        let mode = self.view_mode();
        if !spec.applies(mode) {
            let mut wheres: Vec<&str> = Vec::new();
            for m in spec.modes {
                let label = s.mode_label(*m);
                if !wheres.contains(&label) {
                    wheres.push(label);
                }
            }
            return Some(fill(s.reason_mode, &[("modes", &wheres.join(", "))]));
        }
        match spec.needs {
            Needs::Dossier if self.targets().is_empty() => Some(s.msg_no_dossier.to_string()),
            Needs::Marks if self.queue.marks.is_empty() => Some(s.reason_marks.to_string()),
            _ => None,
        }
    }

    /// The palette's entries for `query`: every action, the best matches
    /// first (by name and description in both languages, without
    /// diacritics); with no query, those that work now first.
    pub fn palette_entries(&self, query: &str) -> Vec<PaletteEntry> {
        let mode = self.view_mode();
        let matcher = SkimMatcherV2::default();
        let pattern = fold(query.trim());
        let mut scored: Vec<(i64, usize, PaletteEntry)> = Vec::new();
        for (i, a) in BINDABLE.iter().enumerate() {
            let Some(spec) = a.spec() else { continue };
            let key = self
                .key_name(mode, a)
                .or_else(|| spec.modes.iter().find_map(|m| self.key_name(*m, a)));
            let reason = self.unavailable(a);
            let score = if pattern.is_empty() {
                i64::from(reason.is_none())
            } else {
                // By how it matches, then what works here, then how closely.
                match palette_score(&matcher, &pattern, &spec, self.strings.describe(a)) {
                    Some((tier, close)) => tier * 1000 + 100 * i64::from(reason.is_none()) + close,
                    None => continue,
                }
            };
            scored.push((
                score,
                i,
                PaletteEntry {
                    action: a.clone(),
                    key,
                    reason,
                },
            ));
        }
        scored.sort_by(|x, y| y.0.cmp(&x.0).then(x.1.cmp(&y.1)));
        scored.into_iter().map(|(_, _, e)| e).collect()
    }
}

/// How well the folded `pattern` names an action, as (tier, closeness
/// under 100): its keymap name exactly (4); every word of it at the start
/// of a word of the description the appraiser reads (3), of the name or
/// either language's description (2), inside one of them (1); the letters
/// in order in the description or the name (0); `None` when none.
fn palette_score(
    matcher: &SkimMatcherV2,
    pattern: &str,
    spec: &crate::tui::action::Spec,
    shown: &str,
) -> Option<(i64, i64)> {
    let shown = fold(shown);
    let words: Vec<&str> = pattern.split_whitespace().collect();
    let starts = |text: &str| {
        words.iter().all(|w| {
            text.split(|c: char| !c.is_alphanumeric())
                .any(|t| t.starts_with(w))
        })
    };
    let all = fold(&format!(
        "{} {} {}",
        spec.name.replace('_', " "),
        spec.en,
        spec.vi
    ));
    let close = matcher
        .fuzzy_match(&shown, pattern)
        .max(matcher.fuzzy_match(spec.name, pattern));
    let tier = if spec.name == pattern {
        4
    } else if starts(&shown) {
        3
    } else if starts(&all) {
        2
    } else if words.iter().all(|w| all.contains(w)) {
        1
    } else if close.is_some() {
        0
    } else {
        return None;
    };
    Some((tier, close.unwrap_or(0).clamp(0, 99)))
}

pub(super) fn palette_action(state: &mut State, mut p: Palette, action: Action) -> Vec<Effect> {
    match action {
        Action::Cancel => return Vec::new(),
        Action::Submit => {
            if let Some(q) = filter_command(p.input.text()) {
                let q = q.to_string();
                state.view = View::Queue;
                state.focus = Pane::Queue;
                return state.filter_to(&q);
            }
            let entries = state.palette_entries(p.input.text());
            let Some(e) = entries.get(p.cursor.min(entries.len().saturating_sub(1))) else {
                state.overlay = Some(Overlay::Palette(p));
                return Vec::new();
            };
            if let Some(why) = &e.reason {
                let text = format!("{}: {why}", state.strings.describe(&e.action));
                state.say(text, true);
                state.overlay = Some(Overlay::Palette(p));
                return Vec::new();
            }
            return apply(state, e.action.clone());
        }
        a if edit(&mut p.input, &a) => p.cursor = 0,
        a => {
            if let Some(d) = movement(&a, state.page().saturating_sub(6).max(1)) {
                let n = state.palette_entries(p.input.text()).len();
                p.cursor = step(p.cursor, n, d);
            }
        }
    }
    state.overlay = Some(Overlay::Palette(p));
    Vec::new()
}

pub(super) fn help_action(
    state: &mut State,
    scroll: usize,
    mut filter: TextInput,
    action: Action,
) -> Vec<Effect> {
    // The help's line reads `/ type to filter`: a `/` typed first, as in
    // the queue, starts the filter instead of being searched for.
    if filter.text().is_empty() && action == Action::Insert("/".into()) {
        state.overlay = Some(Overlay::Help { scroll, filter });
        return Vec::new();
    }
    let scroll = if edit(&mut filter, &action) {
        0
    } else {
        match super::scroll_overlay(&action, scroll, state) {
            Some(s) => s,
            None => return Vec::new(),
        }
    };
    state.overlay = Some(Overlay::Help { scroll, filter });
    Vec::new()
}

/// `next_match` / `prev_match`: the next (or previous) dossier the kept
/// filter matches, wrapping around, saying which of how many it is.
pub(super) fn next_match(state: &mut State, delta: isize) -> Vec<Effect> {
    let q = &mut state.queue;
    let n = q.visible.len();
    if q.query.trim().is_empty() || n == 0 {
        state.say(state.strings.msg_no_filter.to_string(), false);
        return Vec::new();
    }
    let n_i = n as isize;
    q.cursor = ((q.cursor as isize + delta).rem_euclid(n_i)) as usize;
    let text = fill(
        state.strings.msg_match,
        &[("i", &(q.cursor + 1).to_string()), ("n", &n.to_string())],
    );
    state.say(text, false);
    state.follow_cursor_keyed()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tui::app::tests::state;
    use crate::tui::app::update;
    use crate::tui::keymap::Mode;

    #[test]
    fn a_filter_command_is_the_word_then_a_query() {
        assert_eq!(
            filter_command("filter p:\"gia lai\""),
            Some("p:\"gia lai\"")
        );
        // The word alone, or in Vietnamese, is looked up as an action.
        assert_eq!(filter_command("  filter"), None);
        assert_eq!(filter_command("lọc là:lỗi"), Some("là:lỗi"));
        assert_eq!(filter_command("loc  che "), Some("che"));
        assert_eq!(filter_command("loc"), None);
        assert_eq!(filter_command("filter_log"), None);
        assert_eq!(filter_command("approve"), None);
    }

    #[test]
    fn what_does_nothing_now_says_why() {
        let mut s = state();
        assert_eq!(s.unavailable(&Action::Approve), None);
        assert_eq!(
            s.unavailable(&Action::ClearMarks).as_deref(),
            Some("nothing marked")
        );
        assert_eq!(
            s.unavailable(&Action::ToggleTick).as_deref(),
            Some("only in the checklist")
        );
        update(&mut s, Action::ShowLog);
        assert_eq!(s.view_mode(), Mode::Log);
        let why = s.unavailable(&Action::Approve).unwrap_or_default();
        assert!(
            why.starts_with("only in the queue, the detail pane"),
            "{why}"
        );
        assert_eq!(s.unavailable(&Action::FilterLog), None);
    }

    #[test]
    fn the_palette_finds_by_name_and_by_either_language_and_runs() {
        let mut s = state();
        let first = |s: &State, q: &str| {
            s.palette_entries(q)
                .first()
                .and_then(|e| e.action.name())
                .unwrap_or_default()
        };
        assert_eq!(first(&s, "approve"), "approve");
        assert_eq!(first(&s, "undo"), "undo");
        assert_eq!(first(&s, "hoan tac"), "undo");
        assert_eq!(first(&s, "xep hang"), "show_ranking");
        assert_eq!(first(&s, "filter"), "filter");
        // In Vietnamese the words of the description come before letters
        // scattered in a name (`edit_allocation` holds l, o, c).
        let keymap = crate::tui::keymap::Keymap::bundled().unwrap_or_default();
        let vi = State::new(&crate::tui::strings::VI, keymap, "lan", (80, 24));
        assert_eq!(first(&vi, "loc"), "filter");
        assert!(s.palette_entries("zzzzqqq").is_empty());
        // With no query, what works now comes first.
        let all = s.palette_entries("");
        assert_eq!(all.len(), BINDABLE.len());
        let greyed = all.iter().position(|e| e.reason.is_some()).unwrap_or(0);
        assert!(all[greyed..].iter().all(|e| e.reason.is_some()));
        // Enter runs the selected entry.
        update(&mut s, Action::Palette);
        assert_eq!(s.mode(), Mode::Palette);
        update(&mut s, Action::Insert("show_log".into()));
        update(&mut s, Action::Submit);
        assert_eq!(s.view, View::Log);
        assert!(s.overlay.is_none());
    }

    #[test]
    fn help_filter_is_typed_and_edited() {
        let mut s = state();
        update(&mut s, Action::Help);
        update(&mut s, Action::Insert("ma".into()));
        update(&mut s, Action::Insert("rk".into()));
        update(&mut s, Action::Backspace);
        match &s.overlay {
            Some(Overlay::Help { filter, scroll }) => {
                assert_eq!(filter.text(), "mar");
                assert_eq!(*scroll, 0);
            }
            other => panic!("{other:?}"),
        }
        update(&mut s, Action::Cancel);
        assert!(s.overlay.is_none());
    }

    #[test]
    fn next_match_wraps_and_says_where_it_is() {
        let mut s = state();
        let n = s.queue.visible.len();
        update(&mut s, Action::PrevMatch);
        assert_eq!(s.queue.cursor, n - 1);
        let said = s.message.clone().map(|m| m.text).unwrap_or_default();
        assert_eq!(said, format!("match {n}/{n}"));
        update(&mut s, Action::NextMatch);
        assert_eq!(s.queue.cursor, 0);
        update(&mut s, Action::ClearFilters);
        update(&mut s, Action::NextMatch);
        let said = s.message.clone().map(|m| m.text).unwrap_or_default();
        assert!(said.starts_with("no filter"), "{said}");
    }
}
