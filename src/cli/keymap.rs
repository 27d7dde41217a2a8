//! `thamdinh keymap check [FILE]` and `thamdinh keymap show [--mode M]`.
//!
//! `check` validates one file (a whole map or a user's override file: the
//! same rules), or without FILE what the TUI would load (`--keymap` and
//! the user's `keymap.toml`), and lists every error with file, line and
//! key. `show` prints the effective map: per mode, key, action and the
//! description in the chosen language.

use super::table::{Align, Table};
use super::{CmdResult, Exit, Failure};
use crate::domain::Lang;
use crate::tui::keymap::{Keymap, KeymapErrors, Mode};
use std::path::Path;

/// Every error of `errors`, one `file:line: message` per line.
fn failed(errors: &KeymapErrors) -> Failure {
    Failure::failed(errors.to_string())
}

/// The base map `--keymap` names, parsed.
fn base(choice: Option<&str>) -> Result<Keymap, Failure> {
    Keymap::load(choice, None)
        .map(|l| l.keymap)
        .map_err(Failure::failed)
}

/// The map the TUI would run on; a broken user file is an error here.
fn effective(choice: Option<&str>, user: Option<&Path>) -> Result<Keymap, Failure> {
    let base = base(choice)?;
    let Some(path) = user else { return Ok(base) };
    let shown = path.display().to_string();
    let text = std::fs::read_to_string(path)
        .map_err(|e| Failure::failed(format!("{shown}: cannot read: {e}")))?;
    base.overridden(&shown, &text).map_err(|e| failed(&e))
}

pub fn check(choice: Option<&str>, file: Option<&Path>, user: Option<&Path>) -> CmdResult {
    let checked = match file {
        Some(path) => {
            let shown = path.display().to_string();
            let text = std::fs::read_to_string(path)
                .map_err(|e| Failure::failed(format!("{shown}: cannot read: {e}")))?;
            let (tables, errors) = crate::tui::keymap::parse::parse(&shown, &text);
            if !errors.is_empty() {
                return Err(failed(&KeymapErrors(errors)));
            }
            let n: usize = tables.values().map(Vec::len).sum();
            format!("{shown}: ok, {n} keys")
        }
        None => {
            let k = effective(choice, user)?;
            let n: usize = Mode::ALL.iter().map(|m| k.bindings(*m).len()).sum();
            let mut what = format!("keymap {}", choice.unwrap_or("default"));
            if let Some(u) = user {
                what.push_str(&format!(" with {}", u.display()));
            }
            format!("{what}: ok, {n} keys")
        }
    };
    super::report(|o| crate::outln!(o, "{checked}"))?;
    Ok(Exit::Success)
}

pub fn show(
    choice: Option<&str>,
    user: Option<&Path>,
    mode: Option<&str>,
    lang: Lang,
) -> CmdResult {
    let modes: Vec<Mode> = match mode {
        None => Mode::ALL
            .iter()
            .copied()
            .filter(|m| *m != Mode::Global)
            .collect(),
        Some(m) => vec![Mode::from_name(m).ok_or_else(|| {
            let names: Vec<&str> = Mode::ALL.iter().map(|m| m.name()).collect();
            Failure::usage(format!(
                "--mode {m:?}: no such mode (modes: {})",
                names.join(", ")
            ))
        })?],
    };
    let k = effective(choice, user)?;
    let l = lang;
    let mut t = Table::new(&[
        (l.pick("MODE", "CHẾ ĐỘ"), Align::Left, 0),
        (l.pick("KEY", "PHÍM"), Align::Left, 0),
        (l.pick("ACTION", "THAO TÁC"), Align::Left, 0),
        (l.pick("DESCRIPTION", "MÔ TẢ"), Align::Left, 0),
    ]);
    for m in modes {
        for b in k.effective(m) {
            let works: Vec<_> = b.actions.iter().filter(|a| a.applies(m)).collect();
            if works.is_empty() {
                continue;
            }
            let names: Vec<&str> = b.actions.iter().filter_map(|a| a.name()).collect();
            let desc: Vec<&str> = b.actions.iter().map(|a| a.describe(lang)).collect();
            t.row(vec![
                m.name().to_string(),
                b.keys_text(),
                names.join(", "),
                desc.join(lang.pick(", then ", ", rồi ")),
            ]);
        }
    }
    super::report(|o| o.text(&t.render()))?;
    Ok(Exit::Success)
}
