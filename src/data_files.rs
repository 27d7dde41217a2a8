//! Reading the rule files of `data/` from a directory (an official's
//! edited copy), or the copies bundled into the binary.

use crate::domain::papers::template::{PAPERS_FILE, Templates};
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
            Some(path) => texts.push(read(&path)?),
            None => texts.push((format!("data/{name}"), bundled.to_string())),
        }
    }
    let sources: Vec<Source> = texts
        .iter()
        .map(|(name, text)| Source { name, text })
        .collect();
    Rules::from_sources(&sources)
}

/// The texts of the letters and the report: `papers.toml` of `dir` when
/// it has one (an official's edit, validated: errors name the path and the
/// line), else the bundled copy.
pub fn templates(dir: Option<&Path>) -> Result<Templates, RulesError> {
    match dir.map(|d| d.join(PAPERS_FILE)).filter(|p| p.exists()) {
        None => Ok(Templates::bundled()),
        Some(path) => {
            let (shown, text) = read(&path)?;
            Templates::parse(&shown, &text)
        }
    }
}

/// An edited data file: the path as shown in errors, and its text.
pub fn read(path: &Path) -> Result<(String, String), RulesError> {
    let shown = path.display().to_string();
    let text = std::fs::read_to_string(path).map_err(|e| RulesError {
        file: shown.clone(),
        line: None,
        message: format!("cannot read: {e}"),
    })?;
    Ok((shown, text))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::Category;
    use crate::domain::rules::CHECKLISTS_FILE;
    use chrono::NaiveDate;

    fn bundled_text(name: &str) -> String {
        BUNDLED
            .iter()
            .find(|(n, _)| *n == name)
            .map(|(_, t)| t.to_string())
            .unwrap_or_default()
    }

    #[test]
    fn without_dir_the_bundled_rules_load() {
        let r = load(None).expect("bundled rules load");
        assert_eq!(
            r.general.deadline(2024),
            NaiveDate::from_ymd_opt(2023, 9, 30).expect("date")
        );
    }

    #[test]
    fn an_edited_file_overrides_and_missing_files_fall_back() {
        let dir = tempfile::tempdir().expect("temp dir");
        let edited = bundled_text(CHECKLISTS_FILE)
            .replace("deadline_day = 30", "deadline_day = 15")
            .replace("deadline_month = 9", "deadline_month = 10");
        std::fs::write(dir.path().join(CHECKLISTS_FILE), edited).expect("write");
        let r = load(Some(dir.path())).expect("edited rules load");
        assert_eq!(
            r.general.deadline(2025),
            NaiveDate::from_ymd_opt(2024, 10, 15).expect("date")
        );
        // The other three files came from the bundled copies.
        assert!(r.allocation(Category::Machinery, 2024).is_some());
        assert!(r.aliases().resolve("máy móc thiết bị").is_some());
    }

    #[test]
    fn errors_name_the_path_read_and_the_line() {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join(CHECKLISTS_FILE);
        let edited = bundled_text(CHECKLISTS_FILE).replace("on_time = true", "on_tme = true");
        let line = edited
            .lines()
            .position(|l| l.starts_with("on_tme"))
            .map(|i| i + 1);
        std::fs::write(&path, &edited).expect("write");
        let e = load(Some(dir.path())).expect_err("unknown rule");
        assert_eq!(e.file, path.display().to_string());
        assert_eq!(e.line, line);
        assert!(
            e.to_string()
                .ends_with(&format!(":{}: unknown rule \"on_tme\" (known: on_time, budget_adds_up, support_cap, required_documents, no_kept_documents, counterpart_committed, completion_in_plan_year, cluster_legal_complete, certificate_valid)", line.unwrap_or(0))),
            "{e}"
        );
        // Not UTF-8: a located read error, no panic.
        std::fs::write(&path, [0xff, 0xfe, 0x00]).expect("write");
        let e = load(Some(dir.path())).expect_err("binary file");
        assert_eq!(e.file, path.display().to_string());
        assert_eq!(e.line, None);
        assert!(e.message.starts_with("cannot read"), "{e}");
    }

    #[test]
    fn a_missing_dir_falls_back_entirely() {
        let dir = tempfile::tempdir().expect("temp dir");
        let gone = dir.path().join("không-có");
        assert!(load(Some(&gone)).is_ok());
    }
}
