//! Reading the rule files of `data/` from a directory (an official's
//! edited copy), or the copies bundled into the binary.

use crate::domain::papers::template::{PAPERS_FILE, Templates};
use crate::domain::rules::{BUNDLED, Rules, RulesError, Source};
use crate::domain::ruleset::{BUNDLED_RULESETS, RULESETS_DIR};
use std::path::Path;

/// Load the rules. With `dir`, each of `categories.toml`, `checklists.toml`,
/// `criteria.toml`, `budget.toml` and `aliases.toml` is read from it when present there and
/// taken from the bundled copy otherwise; without `dir`, all are bundled.
/// The rule sets are the bundled `rulesets/*.toml`, each replaced by the
/// file of the same name in `dir/rulesets/`, plus any other `.toml` file
/// there (next year's set, copied by an official).
/// Errors name the file (the path read, or `data/<name>` for a bundled
/// copy) and the line.
pub fn load(dir: Option<&Path>) -> Result<Rules, RulesError> {
    let mut texts: Vec<(String, String)> = Vec::with_capacity(BUNDLED.len() + 4);
    for (name, bundled) in BUNDLED.iter().chain(BUNDLED_RULESETS.iter()) {
        let on_disk = dir.map(|d| d.join(name)).filter(|p| p.exists());
        match on_disk {
            Some(path) => texts.push(read(&path)?),
            None => texts.push((format!("data/{name}"), bundled.to_string())),
        }
    }
    if let Some(sets) = dir.map(|d| d.join(RULESETS_DIR)).filter(|p| p.is_dir()) {
        let listing = std::fs::read_dir(&sets).map_err(|e| RulesError {
            file: sets.display().to_string(),
            line: None,
            message: format!("cannot read: {e}"),
        })?;
        let mut extra: Vec<std::path::PathBuf> = listing
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.extension().is_some_and(|x| x == "toml"))
            .filter(|p| {
                let name = p.file_name().map(|n| n.to_string_lossy().into_owned());
                !BUNDLED_RULESETS
                    .iter()
                    .any(|(b, _)| Some(b.trim_start_matches("rulesets/").to_string()) == name)
            })
            .collect();
        extra.sort();
        for path in extra {
            texts.push(read(&path)?);
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

    fn bundled_ruleset(name: &str) -> String {
        BUNDLED_RULESETS
            .iter()
            .find(|(n, _)| *n == name)
            .map(|(_, t)| t.to_string())
            .unwrap_or_default()
    }

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
            r.rule_set(2024).deadline(2024),
            NaiveDate::from_ymd_opt(2023, 9, 30).expect("date")
        );
    }

    #[test]
    fn an_edited_file_overrides_and_missing_files_fall_back() {
        let dir = tempfile::tempdir().expect("temp dir");
        let edited = bundled_ruleset("rulesets/2024.toml")
            .replace("day = 30, month = 9", "day = 15, month = 10");
        std::fs::create_dir(dir.path().join("rulesets")).expect("mkdir");
        std::fs::write(dir.path().join("rulesets/2024.toml"), edited).expect("write");
        let r = load(Some(dir.path())).expect("edited rules load");
        assert_eq!(
            r.rule_set(2025).deadline(2025),
            NaiveDate::from_ymd_opt(2024, 10, 15).expect("date")
        );
        // The 2026 set came from the bundled copy.
        assert_eq!(
            r.rule_set(2026).deadline(2026),
            NaiveDate::from_ymd_opt(2025, 9, 30).expect("date")
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
                .ends_with(&format!(":{}: unknown rule \"on_tme\" (known: on_time, budget_adds_up, support_cap, required_documents, no_kept_documents, counterpart_committed, completion_in_plan_year, cluster_legal_complete, certificate_valid, group_allowed, no_duplicate_support)", line.unwrap_or(0))),
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

#[cfg(test)]
mod ruleset_tests {
    use super::*;
    use crate::domain::ruleset::BUNDLED_RULESETS;
    use chrono::NaiveDate;

    fn set_2026() -> String {
        BUNDLED_RULESETS[1].1.to_string()
    }

    #[test]
    fn next_years_set_is_added_by_copying_a_file() {
        let dir = tempfile::tempdir().expect("temp dir");
        let sets = dir.path().join("rulesets");
        std::fs::create_dir(&sets).expect("mkdir");
        let copy = set_2026()
            .replace("from_plan_year = 2026", "from_plan_year = 2027")
            .replace("day = 30, month = 9", "day = 15, month = 9");
        std::fs::write(sets.join("2027.toml"), copy).expect("write");
        let r = load(Some(dir.path())).expect("three sets load");
        let ids: Vec<&str> = r.rule_sets().iter().map(|s| s.id.as_str()).collect();
        assert_eq!(ids, ["2024", "2026", "2027"]);
        assert_eq!(r.rule_set(2026).years(), "2026");
        assert_eq!(r.rule_set(2027).years(), "2027–");
        assert_eq!(
            r.rule_set(2028).deadline(2028),
            NaiveDate::from_ymd_opt(2027, 9, 15).expect("date")
        );
        // A plan year before every set takes the oldest.
        assert_eq!(r.rule_set(2019).id, "2024");
    }

    #[test]
    fn a_broken_copy_is_named_with_its_line() {
        let dir = tempfile::tempdir().expect("temp dir");
        let sets = dir.path().join("rulesets");
        std::fs::create_dir(&sets).expect("mkdir");
        let path = sets.join("2027.toml");
        // Copied but the first year not changed: two sets for 2026.
        std::fs::write(&path, set_2026()).expect("write");
        let e = load(Some(dir.path())).expect_err("same first year");
        assert_eq!(e.file, path.display().to_string());
        let line = set_2026()
            .lines()
            .position(|l| l.starts_with("from_plan_year"))
            .map(|i| i + 1);
        assert_eq!(e.line, line);
        assert_eq!(
            e.message,
            "from_plan_year 2026 is already the first year of data/rulesets/2026.toml"
        );
        // An unknown category among the group categories.
        let text = set_2026()
            .replace("from_plan_year = 2026", "from_plan_year = 2027")
            .replace(
                "\"machinery\", \"typical_product\"",
                "\"machinery\", \"typical\"",
            );
        std::fs::write(&path, &text).expect("write");
        let e = load(Some(dir.path())).expect_err("unknown category");
        let line = text
            .lines()
            .position(|l| l.starts_with("allowed"))
            .map(|i| i + 1);
        assert_eq!(
            (e.file.as_str(), e.line),
            (path.to_str().unwrap_or(""), line)
        );
        assert!(e.message.starts_with("unknown category \"typical\""), "{e}");
        // A missing citation names the table.
        let text = set_2026()
            .replace("from_plan_year = 2026", "from_plan_year = 2027")
            .replace("no_duplicate_support = \"", "# no_duplicate_support = \"");
        std::fs::write(&path, &text).expect("write");
        let e = load(Some(dir.path())).expect_err("citation missing");
        let line = text
            .lines()
            .position(|l| l == "[basis.auto]")
            .map(|i| i + 1);
        assert_eq!(e.line, line, "{e}");
        assert_eq!(
            e.message,
            "[basis.auto]: no article cited for no_duplicate_support"
        );
        // An older checklists.toml with the deadline is told where it went.
        std::fs::remove_file(&path).expect("rm");
        let old = bundled_text_of(crate::domain::rules::CHECKLISTS_FILE)
            .replace("[general]\n", "[general]\ndeadline_day = 30\n");
        let chk = dir.path().join(crate::domain::rules::CHECKLISTS_FILE);
        std::fs::write(&chk, &old).expect("write");
        let e = load(Some(dir.path())).expect_err("moved key");
        assert_eq!(e.file, chk.display().to_string());
        assert!(e.message.contains("rulesets/<year>.toml"), "{e}");
    }

    fn bundled_text_of(name: &str) -> String {
        crate::domain::rules::BUNDLED
            .iter()
            .find(|(n, _)| *n == name)
            .map(|(_, t)| t.to_string())
            .unwrap_or_default()
    }
}
