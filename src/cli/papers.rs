//! `thamdinh letters` and `thamdinh report`: the papers of a round, as
//! Word documents (or Markdown), through the same `ops` functions the
//! TUI's keys call.

use super::args::{Cli, PaperArgs};
use super::{CmdResult, Ctx, Exit, Failure};
use crate::domain::Lang;
use crate::domain::papers::template::Templates;
use crate::ops::{self, PaperSetup};
use crate::output::SameFile;
use std::path::Path;

/// Run `f` with what writing a paper needs: the texts, and the database
/// no paper may be written onto.
fn with_setup<T>(
    ctx: &Ctx,
    cli: &Cli,
    args: &PaperArgs,
    f: impl FnOnce(&PaperSetup) -> Result<T, Failure>,
) -> Result<T, Failure> {
    let as_of = super::as_of(args.as_of.as_deref())?;
    let templates = templates(cli)?;
    let guard = SameFile::database(&ctx.db_path);
    f(&PaperSetup {
        rules: &ctx.rules,
        templates: &templates,
        format: args.format.into(),
        as_of,
        guard: &guard,
    })
}

/// The texts of the data folder (`--data`, `$THAMDINH_DATA`) or bundled.
fn templates(cli: &Cli) -> Result<Templates, Failure> {
    let dir = crate::config::data_dir(cli.data.clone());
    crate::data_files::templates(dir.as_deref()).map_err(|e| Failure::failed(e.to_string()))
}

pub fn letters(cli: &Cli, province: Option<&str>, dir: &Path, args: &PaperArgs) -> CmdResult {
    let l = super::lang_of(cli);
    if !dir.is_dir() {
        return Err(Failure::usage(match l {
            Lang::En => format!(
                "--out {}: not a folder (the letters are one file per province; create the folder first)",
                dir.display()
            ),
            Lang::Vi => format!(
                "--out {}: không phải thư mục (mỗi tỉnh một công văn; hãy tạo thư mục trước)",
                dir.display()
            ),
        }));
    }
    let ctx = super::open_ro(cli)?;
    let paths = with_setup(&ctx, cli, args, |setup| {
        Ok(ops::write_letters(
            &ctx.store,
            setup,
            province,
            args.plan_year,
            dir,
        )?)
    })?;
    if paths.is_empty() {
        match l {
            Lang::En => {
                let whose = province.map_or_else(String::new, |p| format!(" of {p}"));
                crate::errln!("no returned dossier{whose} in this plan year: no letter written");
            }
            Lang::Vi => {
                let whose = province.map_or_else(String::new, |p| format!(" của {p}"));
                crate::errln!(
                    "không có hồ sơ bị trả{whose} trong năm kế hoạch này: không viết công văn nào"
                );
            }
        }
        return Ok(Exit::Success);
    }
    for p in &paths {
        wrote(l, p);
    }
    let n = paths.len();
    match l {
        Lang::En => crate::errln!("{n} letter{} written", if n == 1 { "" } else { "s" }),
        Lang::Vi => crate::errln!("đã viết {n} công văn"),
    }
    Ok(Exit::Success)
}

pub fn report(cli: &Cli, category: Option<&str>, out: &Path, args: &PaperArgs) -> CmdResult {
    let ctx = super::open_ro(cli)?;
    let category = category
        .map(|c| super::parse_category(&ctx.rules, c))
        .transpose()?;
    let path = with_setup(&ctx, cli, args, |setup| {
        Ok(ops::write_report(
            &ctx.store,
            setup,
            category,
            args.plan_year,
            out,
        )?)
    })?;
    wrote(super::lang_of(cli), &path);
    Ok(Exit::Success)
}

/// `wrote PATH` / `đã ghi PATH`.
fn wrote(l: Lang, p: &Path) {
    crate::errln!("{} {}", l.pick("wrote", "đã ghi"), p.display());
}
