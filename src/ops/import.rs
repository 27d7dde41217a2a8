//! Part of [`super`]: importing files — the reading thread, the chunked
//! writing, the per-file cap on messages, and the summary line.

use super::*;

/// Counts of an import run (the summary line of `thamdinh import`).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ImportSummary {
    pub imported: usize,
    pub updated: usize,
    pub unchanged: usize,
    /// Records rejected.
    pub rejected: usize,
    /// Files skipped whole (not UTF-8, empty, unknown type, bad JSON).
    pub files_skipped: usize,
    pub warnings: usize,
}

impl ImportSummary {
    /// `imported N, updated N, unchanged N, rejected N` (in Vietnamese
    /// `đã nạp N, cập nhật N, không đổi N, từ chối N`), then `; N files
    /// skipped` when some were.
    pub fn line(&self, lang: crate::domain::Lang) -> String {
        use crate::domain::Lang;
        let mut line = match lang {
            Lang::En => format!(
                "imported {}, updated {}, unchanged {}, rejected {}",
                self.imported, self.updated, self.unchanged, self.rejected
            ),
            Lang::Vi => format!(
                "đã nạp {}, cập nhật {}, không đổi {}, từ chối {}",
                self.imported, self.updated, self.unchanged, self.rejected
            ),
        };
        // A file skipped whole has no record to count: say so, or a
        // broken file would read as an empty one.
        match (self.files_skipped, lang) {
            (0, _) => {}
            (1, Lang::En) => line.push_str("; 1 file skipped"),
            (n, Lang::En) => line.push_str(&format!("; {n} files skipped")),
            (n, Lang::Vi) => line.push_str(&format!("; bỏ qua {n} tệp")),
        }
        line
    }

    /// Something was rejected or skipped.
    pub fn had_errors(&self) -> bool {
        self.rejected > 0 || self.files_skipped > 0
    }

    /// Every record read was good (loaded or unchanged).
    pub fn loaded_any(&self) -> bool {
        self.imported + self.updated + self.unchanged > 0
    }
}

/// A message of an import run, in the order it happened.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ImportMessage {
    Error(ImportNote),
    Warning(ImportNote),
}

/// What an import says about a record, a file or a field: where
/// (`incoming/gia-lai.csv:14: budget.national_vnd`) and what, written in
/// the reader's language by [`ImportNote::text`] (English by `Display`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImportNote {
    pub at: String,
    pub problem: crate::import::Problem,
}

impl ImportNote {
    /// `incoming/gia-lai.csv:14: budget.national_vnd: "1,5 tỷ" is not an amount in VND`.
    pub fn text(&self, lang: crate::domain::Lang) -> String {
        format!("{}: {}", self.at, self.problem.message(lang))
    }

    fn of_record(m: crate::import::RecordMessage) -> ImportNote {
        ImportNote {
            at: m.at(),
            problem: m.problem,
        }
    }
}

impl std::fmt::Display for ImportNote {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.text(crate::domain::Lang::En))
    }
}

/// Records per transaction: big enough to be fast, small enough that other
/// appraisers are never locked out for long.
pub const IMPORT_CHUNK: usize = 500;

/// Record errors, and warnings, reported one by one for each file; past
/// that they are only counted, and one line per file says how many more
/// there were. A file of a million bad records must not write a million
/// lines.
pub const MESSAGES_SHOWN_PER_FILE: usize = 100;

/// Passes on the first [`MESSAGES_SHOWN_PER_FILE`] record errors and
/// warnings of each file and counts the rest. The scan reads files one
/// after another, so a change of file closes the previous one.
struct PerFileCap<F> {
    report: F,
    file: String,
    errors: usize,
    warnings: usize,
}

impl<F: FnMut(ImportMessage)> PerFileCap<F> {
    fn new(report: F) -> Self {
        PerFileCap {
            report,
            file: String::new(),
            errors: 0,
            warnings: 0,
        }
    }

    /// Move on to `file`, closing the previous one if it differs.
    fn at(&mut self, file: &str) {
        if self.file != file {
            self.finish();
            self.file = file.to_string();
        }
    }

    /// A rejected record of `file`.
    fn error(&mut self, file: &str, note: ImportNote) {
        self.at(file);
        self.errors += 1;
        if self.errors <= MESSAGES_SHOWN_PER_FILE {
            (self.report)(ImportMessage::Error(note));
        }
    }

    /// A warning about a record of `file`.
    fn warning(&mut self, file: &str, note: ImportNote) {
        self.at(file);
        self.warnings += 1;
        if self.warnings <= MESSAGES_SHOWN_PER_FILE {
            (self.report)(ImportMessage::Warning(note));
        }
    }

    /// A message about the whole file: always shown.
    fn file_error(&mut self, file: &str, note: ImportNote) {
        self.at(file);
        (self.report)(ImportMessage::Error(note));
    }

    /// Say how many messages of the current file were not shown.
    fn finish(&mut self) {
        use crate::import::Problem;
        let more = |problem: Problem| ImportNote {
            at: self.file.clone(),
            problem,
        };
        if self.errors > MESSAGES_SHOWN_PER_FILE {
            let n = self.errors - MESSAGES_SHOWN_PER_FILE;
            (self.report)(ImportMessage::Error(more(Problem::MoreRejected(n))));
        }
        if self.warnings > MESSAGES_SHOWN_PER_FILE {
            let n = self.warnings - MESSAGES_SHOWN_PER_FILE;
            (self.report)(ImportMessage::Warning(more(Problem::MoreWarnings(n))));
        }
        self.errors = 0;
        self.warnings = 0;
    }
}

/// Import files or folders: every good record is stored (in chunked
/// transactions, a dossier never half-written), every bad record or file is
/// reported through `report` with its file, line and field — the first
/// [`MESSAGES_SHOWN_PER_FILE`] of each file, then one line with the count
/// of the rest. The summary counts every one.
pub fn import(
    store: &mut Store,
    rules: &Rules,
    actor: &Actor,
    paths: &[std::path::PathBuf],
    report: impl FnMut(ImportMessage),
) -> Result<ImportSummary> {
    import_with_progress(store, rules, actor, paths, report, |_| {})
}

/// How far an import has got, passed to the `progress` callback of
/// [`import_with_progress`] after each stored chunk.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ImportProgress {
    /// Records read so far (stored, unchanged or rejected).
    pub records: u64,
    /// Bytes of the files read so far, and in all (`None` when not known
    /// up front, as for a folder).
    pub bytes: u64,
    pub total_bytes: Option<u64>,
}

/// What the reading thread passes to the writing one, in file order.
enum Scanned {
    Record {
        rec: Box<crate::store::PreparedRecord>,
        file: String,
    },
    Other(crate::import::Item),
    /// The reading position, after a record.
    Position(u64),
}

/// Records in flight between the reading and the writing thread: memory
/// stays bounded however big the files are.
const IMPORT_QUEUE: usize = 2 * IMPORT_CHUNK;

/// [`import`], telling `progress` how far it has got. Files are read,
/// parsed, converted and prepared (canonical JSON, derived columns) on one
/// thread while the store writes the previous records on this one; the
/// writing is in chunks of [`IMPORT_CHUNK`], one transaction each, so a
/// killed import leaves only whole chunks.
pub fn import_with_progress(
    store: &mut Store,
    rules: &Rules,
    actor: &Actor,
    paths: &[std::path::PathBuf],
    report: impl FnMut(ImportMessage),
    progress: impl FnMut(ImportProgress),
) -> Result<ImportSummary> {
    let sheets = crate::import::SheetOptions::default();
    import_with_options(store, rules, actor, paths, &sheets, report, progress)
}

/// [`import_with_progress`], reading workbooks with `sheets` (the header
/// table of the data folder, `--sheet`).
pub fn import_with_options(
    store: &mut Store,
    rules: &Rules,
    actor: &Actor,
    paths: &[std::path::PathBuf],
    sheets: &crate::import::SheetOptions,
    report: impl FnMut(ImportMessage),
    mut progress: impl FnMut(ImportProgress),
) -> Result<ImportSummary> {
    let cache = store.set_cache_kib(IMPORT_CACHE_KIB)?;
    let result = import_pipeline(store, rules, actor, paths, sheets, report, &mut progress);
    store.set_cache_kib(cache)?;
    result
}

/// The page cache of an import, in KiB: the index pages of 100,000
/// dossiers stay in memory (a bound, not an allocation).
const IMPORT_CACHE_KIB: i64 = 32 * 1024;

fn import_pipeline(
    store: &mut Store,
    rules: &Rules,
    actor: &Actor,
    paths: &[std::path::PathBuf],
    sheets: &crate::import::SheetOptions,
    report: impl FnMut(ImportMessage),
    progress: &mut impl FnMut(ImportProgress),
) -> Result<ImportSummary> {
    use crate::import::Item;
    use crate::store::{ImportOutcome, PreparedRecord, ProvinceKeys};

    let mut report = PerFileCap::new(report);
    let mut sum = ImportSummary::default();
    let mut first_seen: HashMap<String, String> = HashMap::new();
    let mut chunk: Vec<PreparedRecord> = Vec::with_capacity(IMPORT_CHUNK);
    // Stored chunks go back to the reading thread to be freed there: their
    // strings were allocated there, and freeing them on this thread would
    // make both threads fight over the allocator's lock (perf: 5 % of the
    // import's time in futex calls).
    let (back, freed) = std::sync::mpsc::channel::<Vec<PreparedRecord>>();
    let mut flush = |chunk: &mut Vec<PreparedRecord>, sum: &mut ImportSummary| -> Result<()> {
        if chunk.is_empty() {
            return Ok(());
        }
        for outcome in store.import_prepared(actor, chunk)? {
            match outcome {
                ImportOutcome::Imported => sum.imported += 1,
                ImportOutcome::Updated { .. } => sum.updated += 1,
                ImportOutcome::Unchanged => sum.unchanged += 1,
            }
        }
        // When the reader has finished, the chunk is freed here.
        let _ = back.send(std::mem::replace(chunk, Vec::with_capacity(IMPORT_CHUNK)));
        Ok(())
    };
    let total_bytes = crate::import::total_size(paths);
    let mut scan = crate::import::scan_with(paths, rules.aliases(), sheets);
    let (tx, rx) = std::sync::mpsc::sync_channel::<Scanned>(IMPORT_QUEUE);
    std::thread::scope(|s| -> Result<ImportSummary> {
        s.spawn(move || {
            let mut n = 0u64;
            let mut keys = ProvinceKeys::default();
            while let Some(item) = scan.next() {
                while let Ok(done) = freed.try_recv() {
                    drop(done);
                }
                let msg = match item {
                    Item::Record(r) => {
                        let r = *r;
                        let source = r.location.to_string();
                        let years = rules.rule_set(r.dossier.plan_year).certificate_valid_years;
                        Scanned::Record {
                            rec: Box::new(
                                PreparedRecord::with_keys(r.dossier, &r.raw, source, &mut keys)
                                    .with_certificate_years(years),
                            ),
                            file: r.location.file,
                        }
                    }
                    other => Scanned::Other(other),
                };
                // The writer stopped (an error): stop reading.
                if tx.send(msg).is_err() {
                    return;
                }
                n += 1;
                if n.is_multiple_of(256) && tx.send(Scanned::Position(scan.position())).is_err() {
                    return;
                }
            }
        });
        // `rx` is dropped when this returns, early or not, which stops the
        // reading thread.
        let rx = rx;
        let mut bytes = 0u64;
        let mut records = 0u64;
        for msg in rx {
            match msg {
                Scanned::Position(p) => bytes = p,
                Scanned::Record { rec, file } => {
                    records += 1;
                    let here = &rec.source;
                    let code = &rec.dossier.code;
                    match first_seen.get(code) {
                        Some(first) => {
                            sum.warnings += 1;
                            report.warning(
                                &file,
                                ImportNote {
                                    at: here.clone(),
                                    problem: crate::import::Problem::RepeatedCode {
                                        code: code.clone(),
                                        first: first.clone(),
                                    },
                                },
                            );
                        }
                        None => {
                            first_seen.insert(code.clone(), here.clone());
                        }
                    }
                    chunk.push(*rec);
                    if chunk.len() >= IMPORT_CHUNK {
                        flush(&mut chunk, &mut sum)?;
                        progress(ImportProgress {
                            records,
                            bytes,
                            total_bytes,
                        });
                    }
                }
                Scanned::Other(Item::Record(_)) => unreachable!("records are prepared"),
                Scanned::Other(Item::Rejected(e)) => {
                    records += 1;
                    sum.rejected += 1;
                    let file = e.location.file.clone();
                    report.error(&file, ImportNote::of_record(e));
                }
                Scanned::Other(Item::FileSkipped(e)) => {
                    sum.files_skipped += 1;
                    let note = ImportNote {
                        at: e.file.clone(),
                        problem: e.problem,
                    };
                    report.file_error(&e.file, note);
                }
                Scanned::Other(Item::Warning(w)) => {
                    sum.warnings += 1;
                    let file = w.location.file.clone();
                    report.warning(&file, ImportNote::of_record(w));
                }
            }
        }
        report.finish();
        flush(&mut chunk, &mut sum)?;
        Ok(sum)
    })
}
