//! Keymaps: `keymaps/*.toml` → (mode, key sequence) → actions.
//!
//! Two maps are shipped inside the binary: `default` (arrows and mnemonic
//! letters) and `vim` (hjkl, `g g`/`G`, `C-d`/`C-u`, …). `--keymap
//! NAME|PATH` picks the base; the user's `$XDG_CONFIG_HOME/thamdinh/
//! keymap.toml` then changes single keys of it (`"none"` unbinds one).
//! The format is the one of `tui.md`, plus a `[global]` table whose
//! bindings apply in every view mode unless that mode's own table binds
//! the key. Every error names file, line and key ([`parse`]); binding an
//! action in a mode where it does nothing is one.

mod notation;
pub mod parse;
#[cfg(test)]
mod tests;

use crate::tui::action::Action;
pub use notation::KeyPress;
pub use parse::{KeymapError, KeymapErrors};
use std::collections::HashMap;
use std::path::Path;

/// The shipped default keymap.
pub const DEFAULT_TOML: &str = include_str!("../../../keymaps/default.toml");
/// The shipped vim keymap.
pub const VIM_TOML: &str = include_str!("../../../keymaps/vim.toml");

/// The shipped keymaps: (name, file, text).
pub const SHIPPED: [(&str, &str, &str); 2] = [
    ("default", "keymaps/default.toml", DEFAULT_TOML),
    ("vim", "keymaps/vim.toml", VIM_TOML),
];

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

    /// The mode of a table name.
    pub fn from_name(s: &str) -> Option<Mode> {
        Mode::ALL.into_iter().find(|m| m.name() == s)
    }
}

/// One binding of a mode.
#[derive(Debug, Clone, PartialEq)]
pub struct Binding {
    /// The key sequence (one key, or a chord).
    pub keys: Vec<KeyPress>,
    /// The actions run in order (none: the key is unbound on purpose).
    pub actions: Vec<Action>,
}

impl Binding {
    /// The keys as written in the notation, `g g`.
    pub fn keys_text(&self) -> String {
        keys_text(&self.keys)
    }
}

/// Keys as a person reads them (`Ctrl+D`, `g g`), separated by spaces.
pub fn keys_label(keys: &[KeyPress], lang: crate::domain::Lang, ascii: bool) -> String {
    keys.iter()
        .map(|k| k.label(lang, ascii))
        .collect::<Vec<_>>()
        .join(" ")
}

/// Keys as written in the notation, separated by spaces.
pub fn keys_text(keys: &[KeyPress]) -> String {
    keys.iter()
        .map(ToString::to_string)
        .collect::<Vec<_>>()
        .join(" ")
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

/// A keymap ready for the TUI, and what went wrong on the way (a broken
/// user file: the TUI says so and runs on the map it would have changed).
#[derive(Debug, Clone)]
pub struct Loaded {
    /// The map to use.
    pub keymap: Keymap,
    /// Errors to show, one per line.
    pub warnings: Vec<String>,
}

impl Keymap {
    /// The shipped default keymap.
    pub fn bundled() -> Result<Keymap, KeymapErrors> {
        Keymap::parse(SHIPPED[0].1, DEFAULT_TOML)
    }

    /// A shipped keymap by name (`default`, `vim`).
    pub fn shipped(name: &str) -> Option<Result<Keymap, KeymapErrors>> {
        SHIPPED
            .iter()
            .find(|(n, _, _)| *n == name)
            .map(|(_, file, text)| Keymap::parse(file, text))
    }

    /// Parse a keymap file; `file` names it in errors. Every error is
    /// reported, in line order.
    pub fn parse(file: &str, text: &str) -> Result<Keymap, KeymapErrors> {
        let (modes, errors) = parse::parse(file, text);
        if errors.is_empty() {
            Ok(Keymap { modes })
        } else {
            Err(KeymapErrors(errors))
        }
    }

    /// This map with the keys of an override file changed: each key the
    /// file binds replaces the same key (and the chords it overlaps) of its
    /// mode; `"none"` unbinds it.
    pub fn overridden(&self, file: &str, text: &str) -> Result<Keymap, KeymapErrors> {
        let (changes, errors) = parse::parse(file, text);
        if !errors.is_empty() {
            return Err(KeymapErrors(errors));
        }
        let mut out = self.clone();
        for (mode, bindings) in changes {
            let table = out.modes.entry(mode).or_default();
            for b in bindings {
                table.retain(|o| !(o.keys.starts_with(&b.keys) || b.keys.starts_with(&o.keys)));
                table.push(b);
            }
        }
        Ok(out)
    }

    /// The map `--keymap` names (`None`: the default; a shipped name or a
    /// file), with the user's override file applied when there is one. A
    /// broken `--keymap` is an error; a broken or unreadable user file
    /// leaves the base map as it is and comes back as warnings.
    pub fn load(choice: Option<&str>, user: Option<&Path>) -> Result<Loaded, String> {
        let base = match choice {
            None => Keymap::bundled().map_err(|e| e.to_string())?,
            Some(name) => match Keymap::shipped(name) {
                Some(k) => k.map_err(|e| e.to_string())?,
                None if Path::new(name).is_file() => {
                    let text = std::fs::read_to_string(name)
                        .map_err(|e| format!("{name}: cannot read: {e}"))?;
                    Keymap::parse(name, &text).map_err(|e| e.to_string())?
                }
                None => {
                    return Err(format!(
                        "--keymap {name:?}: no such keymap (shipped: default, vim) and no such file"
                    ));
                }
            },
        };
        let Some(path) = user else {
            return Ok(Loaded {
                keymap: base,
                warnings: Vec::new(),
            });
        };
        let shown = path.display().to_string();
        let result = std::fs::read_to_string(path)
            .map_err(|e| vec![format!("{shown}: cannot read: {e}")])
            .and_then(|text| {
                base.overridden(&shown, &text)
                    .map_err(|e| e.0.iter().map(ToString::to_string).collect())
            });
        Ok(match result {
            Ok(keymap) => Loaded {
                keymap,
                warnings: Vec::new(),
            },
            Err(warnings) => Loaded {
                keymap: base,
                warnings,
            },
        })
    }

    /// The bindings of one mode (without the inherited global ones).
    pub fn bindings(&self, mode: Mode) -> &[Binding] {
        self.modes.get(&mode).map_or(&[], Vec::as_slice)
    }

    /// `Some` when `mode`'s own table decides the keys: an exact binding
    /// (a `"none"` one means unbound, without looking at `[global]`) or
    /// the start of a chord.
    fn lookup_in(&self, mode: Mode, keys: &[KeyPress]) -> Option<Lookup> {
        let mut pending = false;
        for b in self.bindings(mode) {
            if b.keys == keys {
                return Some(if b.actions.is_empty() {
                    Lookup::Unbound
                } else {
                    Lookup::Actions(b.actions.clone())
                });
            }
            if b.keys.starts_with(keys) && !b.actions.is_empty() {
                pending = true;
            }
        }
        pending.then_some(Lookup::Pending)
    }

    /// What the keys typed so far mean in `mode` (its own table first, then
    /// `[global]` for view modes).
    pub fn lookup(&self, mode: Mode, keys: &[KeyPress]) -> Lookup {
        match self.lookup_in(mode, keys) {
            Some(l) => l,
            None if mode.inherits_global() => self
                .lookup_in(Mode::Global, keys)
                .unwrap_or(Lookup::Unbound),
            None => Lookup::Unbound,
        }
    }

    /// Every binding active in `mode`: its own, then the global ones it
    /// does not shadow (unbound keys left out).
    pub fn effective(&self, mode: Mode) -> Vec<&Binding> {
        let own = self.bindings(mode);
        let mut out: Vec<&Binding> = own.iter().collect();
        if mode.inherits_global() {
            for b in self.bindings(Mode::Global) {
                // Shadowed by the mode's own key, chord, or a prefix of it.
                if !own
                    .iter()
                    .any(|o| o.keys.starts_with(&b.keys) || b.keys.starts_with(&o.keys))
                {
                    out.push(b);
                }
            }
        }
        out.retain(|b| !b.actions.is_empty());
        out
    }

    /// The keys bound to `action` (as the first of their actions) in
    /// `mode`, as text, the shortest spelling first (`?` before `<F1>`).
    pub fn keys_for(&self, mode: Mode, action: &Action) -> Vec<String> {
        self.keys_shown(mode, action, keys_text)
    }

    /// The keys bound to `action` in `mode` as a person reads them
    /// (`Ctrl+D`, `Space`), the shortest first.
    pub fn key_names(
        &self,
        mode: Mode,
        action: &Action,
        lang: crate::domain::Lang,
        ascii: bool,
    ) -> Vec<String> {
        self.keys_shown(mode, action, |k| keys_label(k, lang, ascii))
    }

    /// The keys bound to `action` (as the first of their actions) in
    /// `mode`, each written by `show`, the shortest first.
    fn keys_shown(
        &self,
        mode: Mode,
        action: &Action,
        show: impl Fn(&[KeyPress]) -> String,
    ) -> Vec<String> {
        let mut out: Vec<String> = self
            .effective(mode)
            .into_iter()
            .filter(|b| b.actions.first() == Some(action))
            .map(|b| show(&b.keys))
            .collect();
        out.sort_by_key(|k| k.chars().count());
        out
    }

    /// What can follow the keys of an unfinished chord in `mode`: the rest
    /// of each binding's keys and its actions (which-key).
    pub fn continuations(
        &self,
        mode: Mode,
        prefix: &[KeyPress],
    ) -> Vec<(Vec<KeyPress>, Vec<Action>)> {
        self.effective(mode)
            .into_iter()
            .filter(|b| b.keys.len() > prefix.len() && b.keys.starts_with(prefix))
            .map(|b| (b.keys[prefix.len()..].to_vec(), b.actions.clone()))
            .collect()
    }
}
