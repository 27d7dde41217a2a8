//! `thamdinh demo`: the TUI on a fresh temporary database loaded with the
//! sample dossiers bundled into the binary (so it works from anywhere).

use super::args::Cli;
use super::{CmdResult, Ctx, Exit, Failure};
use crate::domain::rules::Rules;
use crate::ops::{self, ImportMessage};
use crate::store::{Actor, Store};

/// The sample dossiers of `data/sample/`, compiled in.
pub const SAMPLE_FILES: &[(&str, &str)] = &[
    (
        "dak-nong.json",
        include_str!("../../data/sample/dak-nong.json"),
    ),
    (
        "gia-lai.json",
        include_str!("../../data/sample/gia-lai.json"),
    ),
    (
        "ho-so-bo-sung.json",
        include_str!("../../data/sample/ho-so-bo-sung.json"),
    ),
    (
        "mien-nui-phia-bac.jsonl",
        include_str!("../../data/sample/mien-nui-phia-bac.jsonl"),
    ),
    (
        "nghe-an.json",
        include_str!("../../data/sample/nghe-an.json"),
    ),
    (
        "quang-nam-KC24-QNA-003.json",
        include_str!("../../data/sample/quang-nam-KC24-QNA-003.json"),
    ),
    (
        "quang-nam.json",
        include_str!("../../data/sample/quang-nam.json"),
    ),
    (
        "quang-binh-2026.jsonl",
        include_str!("../../data/sample/quang-binh-2026.jsonl"),
    ),
    (
        "thai-binh-bac-ninh.csv",
        include_str!("../../data/sample/thai-binh-bac-ninh.csv"),
    ),
    (
        "thanh-hoa-2026.json",
        include_str!("../../data/sample/thanh-hoa-2026.json"),
    ),
    (
        "tra-vinh-ben-tre-ca-mau.csv",
        include_str!("../../data/sample/tra-vinh-ben-tre-ca-mau.csv"),
    ),
];

/// Write the bundled sample into `dir/sample/` and import it into `store`.
/// Returns the import summary; problems go to `report`.
pub fn load_sample(
    store: &mut Store,
    rules: &Rules,
    actor: &Actor,
    dir: &std::path::Path,
    report: impl FnMut(ImportMessage),
) -> Result<ops::ImportSummary, Failure> {
    let sample = dir.join("sample");
    std::fs::create_dir_all(&sample)?;
    for (name, text) in SAMPLE_FILES {
        std::fs::write(sample.join(name), text)?;
    }
    Ok(ops::import(store, rules, actor, &[sample], report)?)
}

pub fn run(cli: &Cli, rules: Rules) -> CmdResult {
    let dir = tempfile::Builder::new()
        .prefix("thamdinh-demo-")
        .tempdir()?;
    let path = dir.path().join("demo.db");
    let mut store = Store::open(&path)?;
    let actor = Actor::new(cli.user.as_deref());
    ops::team::use_council(&mut store, &rules, &actor)?;
    let sum = load_sample(
        &mut store,
        &rules,
        &actor,
        dir.path(),
        super::import::print_message,
    )?;
    let lang = super::lang_of(cli);
    crate::errln!(
        "demo: {} ({})",
        lang.pick(
            "bundled sample loaded into a temporary database, removed on quit",
            "đã nạp bộ hồ sơ mẫu vào một cơ sở dữ liệu tạm, xóa khi thoát"
        ),
        sum.line(lang)
    );
    tui(
        Ctx {
            store,
            db_path: path,
            rules,
            actor,
            lang,
        },
        cli,
    )
}

/// Open the TUI on a context.
pub fn tui(ctx: Ctx, cli: &Cli) -> CmdResult {
    use std::io::IsTerminal;
    if !std::io::stdin().is_terminal() || !std::io::stdout().is_terminal() {
        return Err(Failure::failed(ctx.lang.pick(
            "the appraisal TUI needs a terminal (input or output is redirected); \
             in scripts use the commands: thamdinh --help",
            "giao diện thẩm định cần một terminal (đầu vào hoặc đầu ra đang bị chuyển hướng); \
             trong script hãy dùng các lệnh: thamdinh --help",
        )));
    }
    let options = crate::tui::Options {
        ascii: cli.ascii,
        keymap: cli.keymap.clone(),
        user_keymap: crate::config::user_keymap(),
        lang: Some(ctx.lang.id().to_string()),
        papers: crate::tui::backend::PaperPlace {
            dir: std::path::PathBuf::new(),
            data: crate::config::data_dir(cli.data.clone()),
            db: Some(ctx.db_path.clone()),
        },
        ..crate::tui::Options::default()
    };
    crate::tui::run(ctx.store, ctx.rules, ctx.actor, options)
        .map_err(|e| Failure::failed(format!("{e:#}")))?;
    Ok(Exit::Success)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_sample_file_is_bundled() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("data/sample");
        let mut on_disk: Vec<String> = std::fs::read_dir(&dir)
            .expect("data/sample")
            .filter_map(|e| e.ok())
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .filter(|n| n.ends_with(".json") || n.ends_with(".jsonl") || n.ends_with(".csv"))
            .collect();
        on_disk.sort();
        let mut bundled: Vec<String> = SAMPLE_FILES.iter().map(|(n, _)| n.to_string()).collect();
        bundled.sort();
        assert_eq!(
            bundled, on_disk,
            "SAMPLE_FILES must list every file of data/sample"
        );
    }

    #[test]
    fn the_bundled_sample_loads_without_a_rejection() {
        let dir = tempfile::tempdir().expect("tempdir");
        let mut store = Store::open_in_memory().expect("store");
        let actor = Actor {
            user: "demo".into(),
            os_user: "demo".into(),
        };
        let mut errors = Vec::new();
        let sum = load_sample(&mut store, &Rules::bundled(), &actor, dir.path(), |m| {
            if let ImportMessage::Error(e) = m {
                errors.push(e.to_string())
            }
        })
        .expect("load");
        assert_eq!(errors, Vec::<String>::new());
        assert_eq!(sum.imported, 55);
    }
}
