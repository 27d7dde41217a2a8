//! Reading the rule files of `data/` from a directory (an official's
//! edited copy), or the copies bundled into the binary.

use crate::domain::rules::{BUNDLED, Rules, RulesError, Source};
use std::path::Path;

/// Load the rules. With `dir`, each of `categories.toml`, `checklists.toml`,
/// `criteria.toml` and `budget.toml` is read from it when present there and
/// taken from the bundled copy otherwise; without `dir`, all are bundled.
/// Errors name the file (the path read, or `data/<name>` for a bundled
/// copy) and the line.
pub fn load(dir: Option<&Path>) -> Result<Rules, RulesError> {
    let mut texts: Vec<(String, String)> = Vec::with_capacity(BUNDLED.len());
    for (name, bundled) in BUNDLED {
        let on_disk = dir.map(|d| d.join(name)).filter(|p| p.exists());
        match on_disk {
            Some(path) => {
                let shown = path.display().to_string();
                let text = std::fs::read_to_string(&path).map_err(|e| RulesError {
                    file: shown.clone(),
                    line: None,
                    message: format!("cannot read: {e}"),
                })?;
                texts.push((shown, text));
            }
            None => texts.push((format!("data/{name}"), bundled.to_string())),
        }
    }
    let sources: Vec<Source> = texts
        .iter()
        .map(|(name, text)| Source { name, text })
        .collect();
    Rules::from_sources(&sources)
}
