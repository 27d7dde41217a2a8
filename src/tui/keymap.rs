//! Keymaps: `keymaps/*.toml` → (mode, key sequence) → actions.
//!
//! The bundled default map is `keymaps/default.toml` (compiled in). The
//! format is the one of `tui.md`, plus a `[global]` table whose bindings
//! apply in every view mode unless that mode's own table binds the key.
//! User files, `vim.toml` and `keymap check/show` come with the keymap issue;
//! [`Keymap::parse`] already reports every error with file, line and key.

use crate::tui::action::Action;
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use std::collections::HashMap;
use std::fmt;

/// The bundled default keymap.
pub const DEFAULT_TOML: &str = include_str!("../../keymaps/default.toml");

/// A keymap mode: one table of the file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Mode {
    /// Bindings shared by every view mode.
    Global,
    /// The queue list.
    Queue,
    /// The detail pane.
    Detail,
    /// The checklist pane.
    Checklist,
    /// The score pane.
    Score,
    /// The notes pane.
    Notes,
    /// The ranking view.
    Ranking,
    /// The audit log view.
    Log,
    /// The summary view.
    Summary,
    /// A text input (filter, reason, note, number).
    Input,
    /// A confirmation dialog.
    Confirm,
    /// The command palette (reserved for the keymap issue).
    Palette,
    /// The help and messages overlays.
    Help,
}

impl Mode {
    /// Every mode, in file order.
    pub const ALL: [Mode; 13] = [
        Mode::Global,
        Mode::Queue,
        Mode::Detail,
        Mode::Checklist,
        Mode::Score,
        Mode::Notes,
        Mode::Ranking,
        Mode::Log,
        Mode::Summary,
        Mode::Input,
        Mode::Confirm,
        Mode::Palette,
        Mode::Help,
    ];

    /// The table name in keymap files.
    pub fn name(self) -> &'static str {
        match self {
            Mode::Global => "global",
            Mode::Queue => "queue",
            Mode::Detail => "detail",
            Mode::Checklist => "checklist",
            Mode::Score => "score",
            Mode::Notes => "notes",
            Mode::Ranking => "ranking",
            Mode::Log => "log",
            Mode::Summary => "summary",
            Mode::Input => "input",
            Mode::Confirm => "confirm",
            Mode::Palette => "palette",
            Mode::Help => "help",
        }
    }

    /// True for the modes that inherit the `[global]` table.
    pub fn inherits_global(self) -> bool {
        matches!(
            self,
            Mode::Queue
                | Mode::Detail
                | Mode::Checklist
                | Mode::Score
                | Mode::Notes
                | Mode::Ranking
                | Mode::Log
                | Mode::Summary
        )
    }

    fn from_name(s: &str) -> Option<Mode> {
        Mode::ALL.into_iter().find(|m| m.name() == s)
    }
}

/// One key press, normalised so that what the terminal sends and what a
/// keymap file writes compare equal (`G` has no SHIFT; `<S-Tab>` is BackTab).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct KeyPress {
    /// The key.
    pub code: KeyCode,
    /// Control, Alt (Shift only for non-character keys).
    pub mods: KeyModifiers,
}

impl KeyPress {
    /// Normalise a key as the terminal reports it.
    pub fn new(code: KeyCode, mods: KeyModifiers) -> KeyPress {
        let mut mods = mods & (KeyModifiers::CONTROL | KeyModifiers::ALT | KeyModifiers::SHIFT);
        let code = match code {
            KeyCode::Char(c) => {
                mods.remove(KeyModifiers::SHIFT);
                KeyCode::Char(c)
            }
            KeyCode::BackTab => {
                mods.remove(KeyModifiers::SHIFT);
                KeyCode::BackTab
            }
            other => other,
        };
        KeyPress { code, mods }
    }

    /// From a crossterm key event.
    pub fn from_event(e: &KeyEvent) -> KeyPress {
        KeyPress::new(e.code, e.modifiers)
    }

    /// Parse one key of the notation (`j`, `<C-d>`, `<S-Tab>`, `<F5>`).
    pub fn parse(s: &str) -> Result<KeyPress, String> {
        let bad = || format!("key {s:?} does not parse");
        let mut chars = s.chars();
        let (Some(first), None) = (chars.next(), chars.clone().next()) else {
            // More than one char: must be <...>.
            let inner = s
                .strip_prefix('<')
                .and_then(|r| r.strip_suffix('>'))
                .filter(|i| !i.is_empty())
                .ok_or_else(bad)?;
            return KeyPress::parse_bracketed(inner).ok_or_else(bad);
        };
        if first.is_control() || first == ' ' {
            return Err(bad());
        }
        Ok(KeyPress::new(KeyCode::Char(first), KeyModifiers::NONE))
    }

    fn parse_bracketed(inner: &str) -> Option<KeyPress> {
        let mut mods = KeyModifiers::NONE;
        let mut rest = inner;
        loop {
            let (m, r) = match rest.get(..2) {
                Some("C-") | Some("c-") => (KeyModifiers::CONTROL, &rest[2..]),
                Some("A-") | Some("a-") | Some("M-") => (KeyModifiers::ALT, &rest[2..]),
                Some("S-") | Some("s-") => (KeyModifiers::SHIFT, &rest[2..]),
                _ => break,
            };
            if r.is_empty() {
                break;
            }
            mods |= m;
            rest = r;
        }
        let lower = rest.to_ascii_lowercase();
        let code = match lower.as_str() {
            "enter" | "cr" | "return" => KeyCode::Enter,
            "esc" | "escape" => KeyCode::Esc,
            "tab" if mods.contains(KeyModifiers::SHIFT) => {
                mods.remove(KeyModifiers::SHIFT);
                KeyCode::BackTab
            }
            "tab" => KeyCode::Tab,
            "backtab" => KeyCode::BackTab,
            "space" => KeyCode::Char(' '),
            "up" => KeyCode::Up,
            "down" => KeyCode::Down,
            "left" => KeyCode::Left,
            "right" => KeyCode::Right,
            "pageup" => KeyCode::PageUp,
            "pagedown" => KeyCode::PageDown,
            "home" => KeyCode::Home,
            "end" => KeyCode::End,
            "backspace" | "bs" => KeyCode::Backspace,
            "delete" | "del" => KeyCode::Delete,
            "insert" => KeyCode::Insert,
            "lt" => KeyCode::Char('<'),
            "gt" => KeyCode::Char('>'),
            _ => {
                let mut cs = rest.chars();
                match (cs.next(), cs.next()) {
                    (Some(c), None) if !c.is_control() => KeyCode::Char(c),
                    _ => {
                        let n: u8 = lower.strip_prefix('f')?.parse().ok()?;
                        if !(1..=24).contains(&n) {
                            return None;
                        }
                        KeyCode::F(n)
                    }
                }
            }
        };
        Some(KeyPress::new(code, mods))
    }
}

impl fmt::Display for KeyPress {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let name = match self.code {
            KeyCode::Char(' ') => "Space".to_string(),
            KeyCode::Char(c) if self.mods.is_empty() => return write!(f, "{c}"),
            KeyCode::Char(c) => c.to_string(),
            KeyCode::Enter => "Enter".into(),
            KeyCode::Esc => "Esc".into(),
            KeyCode::Tab => "Tab".into(),
            KeyCode::BackTab => "S-Tab".into(),
            KeyCode::Up => "Up".into(),
            KeyCode::Down => "Down".into(),
            KeyCode::Left => "Left".into(),
            KeyCode::Right => "Right".into(),
            KeyCode::PageUp => "PageUp".into(),
            KeyCode::PageDown => "PageDown".into(),
            KeyCode::Home => "Home".into(),
            KeyCode::End => "End".into(),
            KeyCode::Backspace => "Backspace".into(),
            KeyCode::Delete => "Delete".into(),
            KeyCode::Insert => "Insert".into(),
            KeyCode::F(n) => format!("F{n}"),
            other => format!("{other:?}"),
        };
        let mut m = String::new();
        if self.mods.contains(KeyModifiers::CONTROL) {
            m.push_str("C-");
        }
        if self.mods.contains(KeyModifiers::ALT) {
            m.push_str("A-");
        }
        if self.mods.contains(KeyModifiers::SHIFT) {
            m.push_str("S-");
        }
        write!(f, "<{m}{name}>")
    }
}

/// One binding of a mode.
#[derive(Debug, Clone, PartialEq)]
pub struct Binding {
    /// The key sequence (one key, or a chord).
    pub keys: Vec<KeyPress>,
    /// The actions run in order.
    pub actions: Vec<Action>,
}

impl Binding {
    /// The keys as written in the notation, `g g`.
    pub fn keys_text(&self) -> String {
        self.keys
            .iter()
            .map(ToString::to_string)
            .collect::<Vec<_>>()
            .join(" ")
    }
}

/// A keymap error: file, line, key and what is wrong.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{file}:{}: {message}", line.map_or("?".to_string(), |l| l.to_string()))]
pub struct KeymapError {
    /// The file (or bundled name).
    pub file: String,
    /// 1-based line, when known.
    pub line: Option<usize>,
    /// What is wrong, naming the key.
    pub message: String,
}

/// The result of looking up the keys typed so far.
#[derive(Debug, Clone, PartialEq)]
pub enum Lookup {
    /// A complete binding: run these actions.
    Actions(Vec<Action>),
    /// The keys are the start of a chord: wait for more.
    Pending,
    /// Nothing is bound.
    Unbound,
}

/// A parsed keymap.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Keymap {
    modes: HashMap<Mode, Vec<Binding>>,
}

impl Keymap {
    /// The bundled default keymap.
    pub fn bundled() -> Result<Keymap, KeymapError> {
        Keymap::parse("keymaps/default.toml", DEFAULT_TOML)
    }

    /// Parse a keymap file; `file` names it in errors.
    pub fn parse(file: &str, text: &str) -> Result<Keymap, KeymapError> {
        let lines = key_lines(text);
        let err = |section: &str, key: Option<&str>, message: String| KeymapError {
            file: file.to_string(),
            line: key
                .and_then(|k| lines.get(&(section.to_string(), k.to_string())).copied())
                .or_else(|| lines.get(&(section.to_string(), String::new())).copied()),
            message,
        };
        let table: toml::Table = toml::from_str(text).map_err(|e| KeymapError {
            file: file.to_string(),
            line: e.span().map(|s| line_of(text, s.start)),
            message: e.message().trim().to_string(),
        })?;
        let mut map = Keymap::default();
        for (section, value) in &table {
            let mode = Mode::from_name(section)
                .ok_or_else(|| err(section, None, format!("unknown mode [{section}]")))?;
            let toml::Value::Table(t) = value else {
                return Err(err(section, None, format!("{section} must be a table")));
            };
            let bindings = map.modes.entry(mode).or_default();
            for (key, v) in t {
                let keys = key
                    .split(' ')
                    .filter(|k| !k.is_empty())
                    .map(KeyPress::parse)
                    .collect::<Result<Vec<_>, _>>()
                    .map_err(|m| err(section, Some(key), m))?;
                if keys.is_empty() {
                    return Err(err(section, Some(key), format!("key {key:?} is empty")));
                }
                let names: Vec<&str> = match v {
                    toml::Value::String(s) => vec![s.as_str()],
                    toml::Value::Array(a) => a.iter().filter_map(|x| x.as_str()).collect(),
                    _ => Vec::new(),
                };
                let count = match v {
                    toml::Value::Array(a) => a.len(),
                    _ => 1,
                };
                if names.is_empty() || names.len() != count {
                    return Err(err(
                        section,
                        Some(key),
                        format!("key {key:?}: the value must be an action name or a list of them"),
                    ));
                }
                let actions = names
                    .iter()
                    .map(|n| {
                        Action::from_name(n).ok_or_else(|| {
                            err(
                                section,
                                Some(key),
                                format!("key {key:?}: unknown action {n:?}"),
                            )
                        })
                    })
                    .collect::<Result<Vec<_>, _>>()?;
                if let Some(other) = bindings
                    .iter()
                    .find(|b| b.keys.starts_with(&keys) || keys.starts_with(&b.keys))
                {
                    let what = if other.keys == keys {
                        "is bound twice"
                    } else {
                        "overlaps a chord"
                    };
                    return Err(err(
                        section,
                        Some(key),
                        format!(
                            "key {key:?} {what} in [{section}] (also {})",
                            other.keys_text()
                        ),
                    ));
                }
                bindings.push(Binding { keys, actions });
            }
        }
        Ok(map)
    }

    /// The bindings of one mode (without the inherited global ones).
    pub fn bindings(&self, mode: Mode) -> &[Binding] {
        self.modes.get(&mode).map_or(&[], Vec::as_slice)
    }

    fn lookup_in(&self, mode: Mode, keys: &[KeyPress]) -> Lookup {
        let mut pending = false;
        for b in self.bindings(mode) {
            if b.keys == keys {
                return Lookup::Actions(b.actions.clone());
            }
            if b.keys.starts_with(keys) {
                pending = true;
            }
        }
        if pending {
            Lookup::Pending
        } else {
            Lookup::Unbound
        }
    }

    /// What the keys typed so far mean in `mode` (its own table first, then
    /// `[global]` for view modes).
    pub fn lookup(&self, mode: Mode, keys: &[KeyPress]) -> Lookup {
        match self.lookup_in(mode, keys) {
            Lookup::Unbound if mode.inherits_global() => self.lookup_in(Mode::Global, keys),
            other => other,
        }
    }

    /// The keys bound to `action` in `mode` (own table, then global), as text.
    pub fn keys_for(&self, mode: Mode, action: &Action) -> Vec<String> {
        let mut out: Vec<String> = Vec::new();
        let mut modes = vec![mode];
        if mode.inherits_global() {
            modes.push(Mode::Global);
        }
        for m in modes {
            for b in self.bindings(m) {
                if b.actions.first() == Some(action) {
                    // A key the mode itself rebinds is not reachable through global.
                    if m == Mode::Global
                        && matches!(self.lookup_in(mode, &b.keys), Lookup::Actions(_))
                    {
                        continue;
                    }
                    out.push(b.keys_text());
                }
            }
        }
        // The shortest spelling first (`?` before `<F1>`).
        out.sort_by_key(|k| k.chars().count());
        out
    }

    /// Every binding active in `mode`, for the help overlay: (keys, actions).
    pub fn effective(&self, mode: Mode) -> Vec<&Binding> {
        let mut out: Vec<&Binding> = self.bindings(mode).iter().collect();
        if mode.inherits_global() {
            for b in self.bindings(Mode::Global) {
                if matches!(self.lookup_in(mode, &b.keys), Lookup::Unbound) {
                    out.push(b);
                }
            }
        }
        out
    }
}

fn line_of(text: &str, byte: usize) -> usize {
    text.get(..byte).map_or(1, |t| t.matches('\n').count() + 1)
}

/// Lines of `[section]` headers (key "") and of `"key" = …` lines.
fn key_lines(text: &str) -> HashMap<(String, String), usize> {
    let mut out = HashMap::new();
    let mut section = String::new();
    for (i, raw) in text.lines().enumerate() {
        let line = raw.trim();
        if let Some(s) = line.strip_prefix('[').and_then(|l| l.split(']').next()) {
            section = s.trim().to_string();
            out.entry((section.clone(), String::new())).or_insert(i + 1);
        } else if let Some(rest) = line.strip_prefix('"') {
            if let Some(end) = rest.find("\" ").or_else(|| rest.find("\"=")) {
                out.entry((section.clone(), rest[..end].to_string()))
                    .or_insert(i + 1);
            }
        } else if let Some(eq) = line.find('=') {
            let k = line[..eq].trim();
            if !k.is_empty() && !k.starts_with('#') {
                out.entry((section.clone(), k.to_string())).or_insert(i + 1);
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kp(code: KeyCode, mods: KeyModifiers) -> KeyPress {
        KeyPress::new(code, mods)
    }

    #[test]
    fn bundled_map_parses_and_binds_the_spec_keys() {
        let k = Keymap::bundled().unwrap();
        let one = |m, code| match k.lookup(m, &[kp(code, KeyModifiers::NONE)]) {
            Lookup::Actions(a) => a,
            other => panic!("{code:?} in {m:?}: {other:?}"),
        };
        assert_eq!(one(Mode::Queue, KeyCode::Char('j')), vec![Action::MoveDown]);
        assert_eq!(one(Mode::Queue, KeyCode::Down), vec![Action::MoveDown]);
        assert_eq!(
            one(Mode::Queue, KeyCode::Char(' ')),
            vec![Action::ToggleMark, Action::MoveDown]
        );
        assert_eq!(one(Mode::Queue, KeyCode::Char('/')), vec![Action::Filter]);
        assert_eq!(one(Mode::Queue, KeyCode::Char('a')), vec![Action::Approve]);
        assert_eq!(one(Mode::Queue, KeyCode::Char('r')), vec![Action::Return]);
        assert_eq!(one(Mode::Queue, KeyCode::Char('u')), vec![Action::Undo]);
        assert_eq!(one(Mode::Notes, KeyCode::Char('n')), vec![Action::NewNote]);
        assert_eq!(
            one(Mode::Checklist, KeyCode::Char('x')),
            vec![Action::ToggleTick]
        );
        assert_eq!(one(Mode::Queue, KeyCode::Char('?')), vec![Action::Help]);
        assert_eq!(one(Mode::Queue, KeyCode::Char('q')), vec![Action::Quit]);
        assert_eq!(one(Mode::Queue, KeyCode::Tab), vec![Action::NextPane]);
        assert_eq!(
            one(Mode::Confirm, KeyCode::Char('y')),
            vec![Action::Confirm]
        );
        assert_eq!(one(Mode::Confirm, KeyCode::Enter), vec![Action::Confirm]);
        assert_eq!(one(Mode::Confirm, KeyCode::Char('n')), vec![Action::Cancel]);
        assert_eq!(one(Mode::Confirm, KeyCode::Esc), vec![Action::Cancel]);
        assert_eq!(one(Mode::Input, KeyCode::Enter), vec![Action::Submit]);
        // Shift-Tab as terminals send it.
        assert_eq!(
            k.lookup(Mode::Queue, &[kp(KeyCode::BackTab, KeyModifiers::SHIFT)]),
            Lookup::Actions(vec![Action::PrevPane])
        );
        // Typed letters are not bound in input mode.
        assert_eq!(
            k.lookup(Mode::Input, &[kp(KeyCode::Char('q'), KeyModifiers::NONE)]),
            Lookup::Unbound
        );
        // The score pane's own Right wins over nothing global; queue Enter is its own.
        assert_eq!(one(Mode::Score, KeyCode::Right), vec![Action::ScoreUp]);
    }

    #[test]
    fn notation() {
        assert_eq!(
            KeyPress::parse("<C-d>").unwrap(),
            kp(KeyCode::Char('d'), KeyModifiers::CONTROL)
        );
        assert_eq!(
            KeyPress::parse("<S-Tab>").unwrap(),
            kp(KeyCode::BackTab, KeyModifiers::NONE)
        );
        assert_eq!(
            KeyPress::parse("G").unwrap(),
            kp(KeyCode::Char('G'), KeyModifiers::SHIFT)
        );
        assert_eq!(KeyPress::parse("<F12>").unwrap().code, KeyCode::F(12));
        assert_eq!(KeyPress::parse("<Space>").unwrap().to_string(), "<Space>");
        assert_eq!(KeyPress::parse("<C-d>").unwrap().to_string(), "<C-d>");
        assert_eq!(KeyPress::parse("j").unwrap().to_string(), "j");
        for bad in ["<Nope>", "<>", "ab", "<F99>", "<C->"] {
            assert!(KeyPress::parse(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn chords_wait_for_the_next_key() {
        let k = Keymap::parse("t.toml", "[queue]\n\"g g\" = \"go_top\"\n").unwrap();
        let g = kp(KeyCode::Char('g'), KeyModifiers::NONE);
        assert_eq!(k.lookup(Mode::Queue, &[g]), Lookup::Pending);
        assert_eq!(
            k.lookup(Mode::Queue, &[g, g]),
            Lookup::Actions(vec![Action::GoTop])
        );
    }

    #[test]
    fn errors_name_file_line_and_key() {
        let e = Keymap::parse(
            "my.toml",
            "[queue]\n\"j\" = \"move_down\"\n\"k\" = \"fly\"\n",
        )
        .unwrap_err();
        assert_eq!(
            e.to_string(),
            "my.toml:3: key \"k\": unknown action \"fly\""
        );
        let e = Keymap::parse(
            "my.toml",
            "[queue]\n\"<Down>\" = \"move_down\"\n\"<down>\" = \"go_top\"\n",
        )
        .unwrap_err();
        assert_eq!(e.line, Some(3));
        assert!(e.message.contains("bound twice"), "{e}");
        let e = Keymap::parse("my.toml", "[queue]\n\"<Hyper-x>\" = \"quit\"\n").unwrap_err();
        assert_eq!(e.line, Some(2));
        assert!(e.message.contains("does not parse"));
        let e = Keymap::parse("my.toml", "[sideways]\n").unwrap_err();
        assert_eq!(e.to_string(), "my.toml:1: unknown mode [sideways]");
        let e = Keymap::parse("my.toml", "[queue]\n\"j\" = \n").unwrap_err();
        assert_eq!(e.line, Some(2));
    }
}
