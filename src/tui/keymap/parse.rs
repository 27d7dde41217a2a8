//! Reading a keymap file: every table, every key, every action checked,
//! and every error collected with its file, line and key (not only the
//! first one: `keymap check` lists them all).

use super::{Binding, KeyPress, Mode};
use crate::tui::action::{Action, VIEWS};
use std::collections::HashMap;
use std::fmt;

/// A keymap error: file, line, key and what is wrong.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{file}:{}: {message}", line.map_or("?".to_string(), |l| l.to_string()))]
pub struct KeymapError {
    /// The file (or shipped name).
    pub file: String,
    /// 1-based line, when known.
    pub line: Option<usize>,
    /// What is wrong, naming the key.
    pub message: String,
}

/// Every error of a keymap file, in line order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KeymapErrors(pub Vec<KeymapError>);

impl fmt::Display for KeymapErrors {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, e) in self.0.iter().enumerate() {
            if i > 0 {
                writeln!(f)?;
            }
            write!(f, "{e}")?;
        }
        Ok(())
    }
}

impl std::error::Error for KeymapErrors {}

/// The tables of a file: per mode, its bindings in file order. A key bound
/// to `"none"` has no actions: it unbinds the key of the map it overrides.
pub type Tables = HashMap<Mode, Vec<Binding>>;

/// The value that unbinds a key.
pub const NONE: &str = "none";

/// Parse `text` (named `file` in errors): the tables and every error.
pub fn parse(file: &str, text: &str) -> (Tables, Vec<KeymapError>) {
    let table: toml::Table = match toml::from_str(text) {
        Ok(t) => t,
        Err(e) => {
            let err = KeymapError {
                file: file.to_string(),
                line: e.span().map(|s| line_of(text, s.start)),
                message: e.message().trim().to_string(),
            };
            return (Tables::new(), vec![err]);
        }
    };
    let lines = key_lines(text);
    let mut errors = Vec::new();
    let mut err = |section: &str, key: Option<&str>, message: String| {
        let line = key
            .and_then(|k| lines.get(&(section.to_string(), k.to_string())).copied())
            .or_else(|| lines.get(&(section.to_string(), String::new())).copied());
        errors.push(KeymapError {
            file: file.to_string(),
            line,
            message,
        });
    };
    let mut tables = Tables::new();
    for (section, value) in &table {
        let Some(mode) = Mode::from_name(section) else {
            let names: Vec<&str> = Mode::ALL.iter().map(|m| m.name()).collect();
            err(
                section,
                None,
                format!("unknown mode [{section}] (modes: {})", names.join(", ")),
            );
            continue;
        };
        let toml::Value::Table(t) = value else {
            err(section, None, format!("{section} must be a table"));
            continue;
        };
        let bindings = tables.entry(mode).or_default();
        for (key, v) in t {
            match binding(mode, key, v) {
                Err(m) => err(section, Some(key), m),
                Ok(b) => {
                    if let Some(other) = bindings
                        .iter()
                        .find(|o| o.keys.starts_with(&b.keys) || b.keys.starts_with(&o.keys))
                    {
                        let what = if other.keys == b.keys {
                            "is bound twice"
                        } else {
                            "overlaps a chord"
                        };
                        err(
                            section,
                            Some(key),
                            format!(
                                "key {key:?} {what} in [{section}] (also {})",
                                other.keys_text()
                            ),
                        );
                    } else {
                        bindings.push(b);
                    }
                }
            }
        }
    }
    errors.sort_by_key(|e| e.line);
    (tables, errors)
}

/// One `"keys" = value` line of `mode`'s table.
fn binding(mode: Mode, key: &str, v: &toml::Value) -> Result<Binding, String> {
    let keys = key
        .split(' ')
        .filter(|k| !k.is_empty())
        .map(KeyPress::parse)
        .collect::<Result<Vec<_>, _>>()?;
    if keys.is_empty() {
        return Err(format!("key {key:?} is empty"));
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
        return Err(format!(
            "key {key:?}: the value must be an action name, a list of them, or \"none\""
        ));
    }
    if names.contains(&NONE) {
        if names.len() > 1 {
            return Err(format!(
                "key {key:?}: \"none\" unbinds the key: it stands alone"
            ));
        }
        return Ok(Binding {
            keys,
            actions: Vec::new(),
        });
    }
    let mut actions = Vec::new();
    for n in names {
        let a = Action::from_name(n).ok_or_else(|| format!("key {key:?}: unknown action {n:?}"))?;
        let works = if mode == Mode::Global {
            VIEWS.iter().any(|m| a.applies(*m))
        } else {
            a.applies(mode)
        };
        if !works {
            let wheres: Vec<&str> = a
                .spec()
                .map(|s| s.modes.iter().map(|m| m.name()).collect())
                .unwrap_or_default();
            return Err(format!(
                "key {key:?}: {n} does nothing in [{}] (it works in {})",
                mode.name(),
                wheres.join(", ")
            ));
        }
        actions.push(a);
    }
    Ok(Binding { keys, actions })
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
            if let Some(end) = closing_quote(rest) {
                let key = rest[..end].replace("\\\"", "\"").replace("\\\\", "\\");
                out.entry((section.clone(), key)).or_insert(i + 1);
            }
        } else if let Some(rest) = line.strip_prefix('\'') {
            if let Some(end) = rest.find('\'') {
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

/// The byte index of the quote closing a basic string (after `"`).
fn closing_quote(rest: &str) -> Option<usize> {
    let mut escaped = false;
    for (i, c) in rest.char_indices() {
        match c {
            '\\' if !escaped => escaped = true,
            '"' if !escaped => return Some(i),
            _ => escaped = false,
        }
    }
    None
}
