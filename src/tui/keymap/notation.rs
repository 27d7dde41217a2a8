//! The key notation of keymap files: `j`, `G`, `<C-d>`, `<S-Tab>`,
//! `<Space>`, `<F5>`; a chord is keys separated by spaces (`g g`).

use crate::domain::Lang;
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use std::fmt;

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

impl KeyPress {
    /// The key as a person reads it on the keyboard (`Ctrl+Z`,
    /// `Shift+Tab`, `PgDn`, `↓` — `Down` when `ascii` — and the space bar
    /// named in `lang`); the notation (`<C-z>`) is for keymap files.
    pub fn label(&self, lang: Lang, ascii: bool) -> String {
        let arrow = |glyph: &str, word: &str| if ascii { word } else { glyph }.to_string();
        let name = match self.code {
            KeyCode::Char(' ') => lang.pick("Space", "Phím cách").to_string(),
            KeyCode::Char(c) if self.mods.is_empty() => return c.to_string(),
            KeyCode::Char(c) => c.to_uppercase().to_string(),
            KeyCode::BackTab => "Shift+Tab".into(),
            KeyCode::Up => arrow("↑", "Up"),
            KeyCode::Down => arrow("↓", "Down"),
            KeyCode::Left => arrow("←", "Left"),
            KeyCode::Right => arrow("→", "Right"),
            KeyCode::PageUp => "PgUp".into(),
            KeyCode::PageDown => "PgDn".into(),
            KeyCode::Delete => "Del".into(),
            KeyCode::Insert => "Ins".into(),
            _ => {
                // The rest read as the notation names them, without the
                // brackets and modifiers (`Enter`, `Esc`, `Home`, `F3`).
                let plain = KeyPress::new(self.code, KeyModifiers::NONE).to_string();
                plain.trim_matches(['<', '>']).to_string()
            }
        };
        let mut out = String::new();
        for (m, word) in [
            (KeyModifiers::CONTROL, "Ctrl+"),
            (KeyModifiers::ALT, "Alt+"),
            (KeyModifiers::SHIFT, "Shift+"),
        ] {
            if self.mods.contains(m) {
                out.push_str(word);
            }
        }
        out.push_str(&name);
        out
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
