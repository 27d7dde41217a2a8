//! `thamdinh import PATH...`

use super::args::Cli;
use super::{CmdResult, Ctx, Exit, Failure};
use crate::import::{HeaderTable, SheetOptions};
use crate::ops::{self, ImportMessage, ImportProgress};
use std::cell::RefCell;
use std::io::{IsTerminal, Write};
use std::path::PathBuf;
use std::time::{Duration, Instant};

/// How workbooks are read: the header table of the data folder (checked
/// before anything is imported: an error names its file and line), and
/// `--sheet`.
pub fn sheet_options(cli: &Cli, sheet: Option<&str>) -> Result<SheetOptions, Failure> {
    let dir = crate::config::data_dir(cli.data.clone());
    let headers = HeaderTable::load(dir.as_deref()).map_err(|e| Failure::failed(e.to_string()))?;
    Ok(SheetOptions {
        headers,
        sheet: sheet.map(str::to_string),
    })
}

pub fn run(ctx: &mut Ctx, paths: &[PathBuf], sheets: &SheetOptions) -> CmdResult {
    // Progress only when a person watches stderr: never in a pipe or a log.
    let line = RefCell::new(ProgressLine::new(std::io::stderr().is_terminal()));
    let sum = ops::import_with_options(
        &mut ctx.store,
        &ctx.rules,
        &ctx.actor,
        paths,
        sheets,
        |m| {
            line.borrow_mut().clear();
            print_message(m)
        },
        |p| line.borrow_mut().show(p),
    );
    line.borrow_mut().clear();
    let sum = sum?;
    super::report_saved("the import was saved", |o| {
        crate::outln!(o, "{}", sum.line(super::message_lang()))
    })?;
    Ok(match (sum.had_errors(), sum.loaded_any()) {
        (false, _) => Exit::Success,
        (true, true) => Exit::Partial,
        (true, false) => Exit::Failure,
    })
}

/// Errors and warnings of an import go to stderr, one line each, in the
/// message language (the `error:` and `warning:` marks are what scripts
/// look for, as `cli.md` fixes them).
pub fn print_message(m: ImportMessage) {
    let lang = super::message_lang();
    match m {
        ImportMessage::Error(e) => crate::errln!("error: {}", e.text(lang)),
        ImportMessage::Warning(w) => crate::errln!("warning: {}", w.text(lang)),
    }
}

/// One line on stderr, rewritten in place at most four times a second:
/// records done, their rate, and the time left when the size of what is
/// read is known.
struct ProgressLine {
    enabled: bool,
    started: Instant,
    last: Option<Instant>,
    shown: bool,
}

impl ProgressLine {
    fn new(enabled: bool) -> Self {
        ProgressLine {
            enabled,
            started: Instant::now(),
            last: None,
            shown: false,
        }
    }

    fn show(&mut self, p: ImportProgress) {
        if !self.enabled {
            return;
        }
        let now = Instant::now();
        // Nothing for the first second (a small import stays silent), then
        // at most four updates a second.
        let elapsed = now.duration_since(self.started);
        if elapsed < Duration::from_secs(1)
            || self
                .last
                .is_some_and(|l| now.duration_since(l) < Duration::from_millis(250))
        {
            return;
        }
        self.last = Some(now);
        let text = progress_text(p, elapsed);
        let mut e = std::io::stderr().lock();
        // `\r` and erase to the end of the line: the line is rewritten.
        let _ = write!(e, "\r{text}\x1b[K");
        let _ = e.flush();
        self.shown = true;
    }

    /// Erase the line, before a message or at the end.
    fn clear(&mut self) {
        if self.shown {
            let mut e = std::io::stderr().lock();
            let _ = write!(e, "\r\x1b[K");
            let _ = e.flush();
            self.shown = false;
        }
    }
}

/// `importing: 41,500 records, 8,300/s, 58% read, about 6 s left`.
fn progress_text(p: ImportProgress, elapsed: Duration) -> String {
    let secs = elapsed.as_secs_f64().max(0.001);
    let rate = p.records as f64 / secs;
    let mut text = format!(
        "importing: {} records, {}/s",
        thousands(p.records),
        thousands(rate as u64)
    );
    if let Some(total) = p.total_bytes.filter(|&t| t > 0 && p.bytes > 0) {
        let done = (p.bytes as f64 / total as f64).min(1.0);
        let left = secs * (1.0 - done) / done;
        text.push_str(&format!(
            ", {:.0}% read, about {} left",
            done * 100.0,
            duration_text(left)
        ));
    }
    text
}

fn duration_text(secs: f64) -> String {
    let s = secs.round() as u64;
    if s < 60 {
        format!("{s} s")
    } else {
        format!("{} min {:02} s", s / 60, s % 60)
    }
}

/// `12345678` → `12,345,678`.
fn thousands(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_progress_line_tells_records_rate_share_and_time_left() {
        let p = ImportProgress {
            records: 41_500,
            bytes: 58,
            total_bytes: Some(100),
        };
        assert_eq!(
            progress_text(p, Duration::from_secs(5)),
            "importing: 41,500 records, 8,300/s, 58% read, about 4 s left"
        );
        let unknown = ImportProgress {
            total_bytes: None,
            ..p
        };
        assert_eq!(
            progress_text(unknown, Duration::from_secs(5)),
            "importing: 41,500 records, 8,300/s"
        );
        assert_eq!(duration_text(125.0), "2 min 05 s");
        assert_eq!(thousands(1_000_000), "1,000,000");
        assert_eq!(thousands(999), "999");
    }
}
