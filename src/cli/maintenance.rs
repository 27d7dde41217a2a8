//! `backup` and `check`: keeping the database sound.

use super::args::LogFormat;
use super::{CmdResult, Ctx, Exit, Failure};
use crate::output::{AtomicFile, SameFile};
use crate::store::{Access, Store};
use std::path::Path;

/// `thamdinh backup PATH`: a consistent copy while others work, written
/// beside PATH and renamed into place once it has been read back.
pub fn backup(ctx: &Ctx, dest: &Path) -> CmdResult {
    let file =
        AtomicFile::create(dest, &SameFile::database(&ctx.db_path)).map_err(Failure::failed)?;
    let named =
        |e: String| Failure::failed(format!("{}: {e} (nothing was written)", dest.display()));
    let Some(tmp) = file.temp_path().map(Path::to_path_buf) else {
        return Err(named("a backup must go to a regular file".into()));
    };
    ctx.store
        .backup_into(&tmp)
        .map_err(|e| named(e.to_string()))?;
    // The copy must open as a thamdinh database and pass SQLite's check.
    let copy = Store::open_with(&tmp, Access::ReadOnly).map_err(|e| named(e.to_string()))?;
    let problems = copy.check().map_err(|e| named(e.to_string()))?;
    if let Some(p) = problems.first() {
        return Err(named(format!("the copy does not check out: {}", p.message)));
    }
    let counts = copy.counts().map_err(|e| named(e.to_string()))?;
    drop(copy);
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        // As private as the database itself.
        let mode =
            std::fs::metadata(&ctx.db_path).map_or(0o600, |m| m.permissions().mode() & 0o660);
        std::fs::set_permissions(&tmp, std::fs::Permissions::from_mode(mode.max(0o600)))
            .map_err(|e| named(e.to_string()))?;
    }
    file.commit().map_err(Failure::failed)?;
    let l = ctx.lang;
    super::report_saved(
        l.pick("the backup was written", "đã ghi bản sao lưu"),
        |o| match l {
            crate::domain::Lang::En => crate::outln!(
                o,
                "backup written to {}: {} dossiers, {} audit entries",
                dest.display(),
                counts.0,
                counts.1
            ),
            crate::domain::Lang::Vi => crate::outln!(
                o,
                "đã sao lưu ra {}: {} hồ sơ, {} mục nhật ký",
                dest.display(),
                counts.0,
                counts.1
            ),
        },
    )?;
    Ok(Exit::Success)
}

/// `thamdinh check`: every problem on its own line; exit 1 when any.
pub fn check(ctx: &Ctx, format: LogFormat) -> CmdResult {
    let problems = ctx.store.check()?;
    let counts = ctx.store.counts()?;
    match format {
        LogFormat::Json => super::print_json(&problems)?,
        LogFormat::Table => super::report(|o| {
            if problems.is_empty() {
                match ctx.lang {
                    crate::domain::Lang::En => crate::outln!(
                        o,
                        "ok: {} dossiers, {} audit entries; SQLite integrity and every invariant hold",
                        counts.0,
                        counts.1
                    )?,
                    crate::domain::Lang::Vi => crate::outln!(
                        o,
                        "tốt: {} hồ sơ, {} mục nhật ký; cơ sở dữ liệu toàn vẹn, mọi ràng buộc đều đúng",
                        counts.0,
                        counts.1
                    )?,
                }
            }
            for p in &problems {
                crate::outln!(o, "{}: {}", p.kind, p.message)?;
            }
            Ok(())
        })?,
    }
    if problems.is_empty() {
        Ok(Exit::Success)
    } else {
        Err(Failure::failed(format!(
            "{}: {} problems found",
            ctx.db_path.display(),
            problems.len()
        )))
    }
}
