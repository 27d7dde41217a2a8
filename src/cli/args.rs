//! The command line, exactly as `cli.md` fixes it (plus a few additions).

use crate::domain::lang::Lang;
use clap::{CommandFactory, FromArgMatches, Parser, Subcommand, ValueEnum};
use std::ffi::OsString;
use std::path::PathBuf;

/// The command line of this process, parsed; `--help`, `--version` and a
/// usage error are printed and end the process here (exit 0 or 2), in
/// Vietnamese when the language is (`--lang`, else the environment, as
/// [`Lang::choose`]); English exactly as clap writes it.
pub fn parse() -> Cli {
    let argv: Vec<OsString> = std::env::args_os().collect();
    let lang = Lang::from_env(lang_flag(&argv).as_deref());
    if lang == Lang::En {
        return Cli::parse_from(argv);
    }
    let bin = argv
        .first()
        .and_then(|a| std::path::Path::new(a).file_name())
        .and_then(|n| n.to_str())
        .unwrap_or("thamdinh")
        .to_string();
    let mut cmd = super::help_vi::vietnamese(Cli::command(), &bin);
    let parsed = cmd
        .try_get_matches_from_mut(&argv)
        .and_then(|m| Cli::from_arg_matches(&m));
    match parsed {
        Ok(cli) => cli,
        Err(e) => match super::help_vi::error(&cmd, &argv, &e) {
            Some(text) => {
                crate::errln!("{}", text.trim_end());
                std::process::exit(e.exit_code());
            }
            None => e.exit(),
        },
    }
}

/// The value of `--lang X` or `--lang=X` in the raw arguments (before
/// `--`), for the language of the help and usage errors.
pub fn lang_flag(argv: &[OsString]) -> Option<String> {
    let mut it = argv.iter().skip(1).map(|a| a.to_string_lossy());
    while let Some(a) = it.next() {
        if a == "--" {
            return None;
        }
        if a == "--lang" {
            return it.next().map(|v| v.into_owned());
        }
        if let Some(v) = a.strip_prefix("--lang=") {
            return Some(v.to_string());
        }
    }
    None
}

#[derive(Debug, Parser)]
#[command(
    name = "thamdinh",
    version,
    about = "Appraisal of national industrial-promotion (khuyến công quốc gia) dossiers",
    long_about = "Appraisal of national industrial-promotion (khuyến công quốc gia) dossiers.\n\
                  Without a command, opens the appraisal TUI on the database."
)]
pub struct Cli {
    /// The database file [default: $THAMDINH_DB, else $XDG_DATA_HOME/thamdinh/thamdinh.db]
    #[arg(long, global = true, display_order = 101, value_name = "PATH")]
    pub db: Option<PathBuf>,
    /// Who is acting, recorded in the audit trail [default: the OS login]
    #[arg(long, global = true, display_order = 102, value_name = "NAME")]
    pub user: Option<String>,
    /// Keymap of the TUI: default, vim, or a keymap file; $XDG_CONFIG_HOME/thamdinh/keymap.toml then changes single keys of it
    #[arg(long, global = true, display_order = 103, value_name = "NAME|PATH")]
    pub keymap: Option<String>,
    /// Folder of edited rule files (checklists, criteria, …) [default: $THAMDINH_DATA, else the bundled rules]
    #[arg(long, global = true, display_order = 104, value_name = "DIR")]
    pub data: Option<PathBuf>,
    /// Draw borders and glyphs in ASCII (terminals without line drawing)
    #[arg(long, global = true, display_order = 105)]
    pub ascii: bool,
    /// Language of the TUI and of tables, texts and messages (vi or en) [default: $THAMDINH_LANG, else LC_ALL/LC_MESSAGES/LANG, else en]; JSON and CSV keep the ids
    #[arg(long, global = true, display_order = 106, value_name = "vi|en")]
    pub lang: Option<String>,
    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Open the TUI on a fresh temporary database loaded with the bundled sample dossiers
    Demo,
    /// Load dossier files (.json, .jsonl, .csv, .xlsx, .xls, .ods) or folders (recursively)
    Import {
        #[arg(required = true, value_name = "PATH")]
        paths: Vec<PathBuf>,
        /// Read only this sheet of each workbook [default: every sheet with a header row]
        #[arg(long, value_name = "NAME")]
        sheet: Option<String>,
    },
    /// The queue, newest submission last
    List {
        /// Only dossiers in this status: pending, approved or returned
        #[arg(long, value_name = "S")]
        status: Option<String>,
        /// Only dossiers of this category (an id, a name or an alias: machinery, máy móc)
        #[arg(long, value_name = "C")]
        category: Option<String>,
        /// Only dossiers of this province
        #[arg(long, value_name = "P")]
        province: Option<String>,
        /// The query language of the TUI's filter: words at the start of a word of code, title,
        /// beneficiary, province, implementing unit, district or commune (all must match;
        /// "…" phrase, -word excludes, ~word fuzzy); p: c: s: is:failing|ok|incomplete|scored|unscored
        /// by: score:>=N national:>300tr year:N
        #[arg(long, value_name = "Q", allow_hyphen_values = true)]
        query: Option<String>,
        /// When the query matches nothing, show near matches (typos) instead
        #[arg(long)]
        fuzzy: bool,
        /// Only dossiers with failing checklist items
        #[arg(long)]
        failing: bool,
        /// Only dossiers of this plan year
        #[arg(long, value_name = "YEAR")]
        plan_year: Option<i32>,
        /// Output format
        #[arg(long, value_enum, default_value_t = Format::Table)]
        format: Format,
        /// Evaluate the checklist as of this day [default: today]
        #[arg(long, value_name = "DATE")]
        as_of: Option<String>,
    },
    /// One dossier with its checklist, score, notes and decision history
    Show {
        code: String,
        /// Output format
        #[arg(long, value_enum, default_value_t = ShowFormat::Text)]
        format: ShowFormat,
        /// Evaluate the checklist as of this day [default: today]
        #[arg(long, value_name = "DATE")]
        as_of: Option<String>,
    },
    /// Tick (or untick) a manual checklist item
    Tick {
        code: String,
        item: String,
        #[arg(long)]
        off: bool,
    },
    /// Set a criterion's score (0..max of that criterion), or --clear it
    Score {
        code: String,
        criterion: String,
        #[arg(
            allow_negative_numbers = true,
            required_unless_present = "clear",
            conflicts_with = "clear"
        )]
        points: Option<String>,
        /// Make the criterion unscored again (recorded in the audit trail)
        #[arg(long)]
        clear: bool,
    },
    /// Append a note (`-` reads the text from stdin)
    Note { code: String, text: String },
    /// Approve; refused where mandatory checklist items are unmet, unless --override
    Approve {
        #[arg(required = true)]
        codes: Vec<String>,
        /// Approve anyway, recording why
        #[arg(long = "override", value_name = "REASON")]
        override_reason: Option<String>,
        /// Evaluate the checklist as of this day [default: today]
        #[arg(long, value_name = "DATE")]
        as_of: Option<String>,
    },
    /// Return to the province for revision (reason required)
    Return {
        #[arg(required = true)]
        codes: Vec<String>,
        /// Why the dossiers go back to the province (recorded in the audit trail)
        #[arg(long, required = true, value_name = "REASON")]
        reason: String,
    },
    /// Undo your last decision (a whole batch at once)
    Undo,
    /// Assign dossiers to an appraiser (recorded in the audit trail)
    Assign {
        #[arg(required = true)]
        codes: Vec<String>,
        /// Who works on them
        #[arg(long, required = true, value_name = "NAME")]
        to: String,
    },
    /// Take dossiers off whoever they are assigned to
    Unassign {
        #[arg(required = true)]
        codes: Vec<String>,
    },
    /// Ranking within each category, with the budget cut line
    Rank {
        /// Rank only this category (an id, a name or an alias) [default: every category]
        #[arg(long, value_name = "C")]
        category: Option<String>,
        /// Allocation in VND for this run only (overrides the stored one and data/)
        #[arg(long, value_name = "VND", conflicts_with = "set_budget")]
        budget: Option<String>,
        /// Store the allocation of --category for --plan-year (default: the
        /// newest plan year), audited, then rank with it
        #[arg(long, value_name = "VND", requires = "category")]
        set_budget: Option<String>,
        /// Rank this plan year [default: the newest]
        #[arg(long, value_name = "YEAR")]
        plan_year: Option<i32>,
        /// Output format
        #[arg(long, value_enum, default_value_t = Format::Table)]
        format: Format,
        /// Evaluate the checklist as of this day [default: today]
        #[arg(long, value_name = "DATE")]
        as_of: Option<String>,
    },
    /// The audit trail
    Log {
        code: Option<String>,
        /// Only this appraiser's entries
        #[arg(long, value_name = "NAME")]
        author: Option<String>,
        /// Output format
        #[arg(long, value_enum, default_value_t = LogFormat::Table)]
        format: LogFormat,
    },
    /// Every dossier with status, score, rank and decision reason
    Export {
        /// Output format
        #[arg(long, value_enum, default_value_t = ExportFormat::Csv)]
        format: ExportFormat,
        /// Output file; `-` or none: stdout (xlsx needs a file)
        #[arg(long, value_name = "PATH")]
        out: Option<PathBuf>,
        /// Evaluate the checklists as of this day [default: today]
        #[arg(long, value_name = "DATE")]
        as_of: Option<String>,
    },
    /// The return letters: one per province with returned dossiers, ready to sign
    Letters {
        /// Only this province's letter (matched without case or diacritics)
        #[arg(long, value_name = "P")]
        province: Option<String>,
        /// The folder to write the letters into (one file per province)
        #[arg(long, value_name = "DIR")]
        out: PathBuf,
        #[command(flatten)]
        paper: PaperArgs,
    },
    /// The appraisal report: per category the allocation, ranking, cut line, counts and overrides
    Report {
        /// Only this category
        #[arg(long, value_name = "C")]
        category: Option<String>,
        /// The file to write
        #[arg(long, value_name = "FILE")]
        out: PathBuf,
        #[command(flatten)]
        paper: PaperArgs,
    },
    /// The registration sheet a province fills in (importing it unchanged gives the example dossier)
    Template {
        /// Format of the template
        #[arg(long, value_enum, default_value_t = TemplateFormat::Xlsx)]
        format: TemplateFormat,
        /// The file to write
        #[arg(long, value_name = "PATH")]
        out: PathBuf,
    },
    /// A consistent copy of the database, made while others go on working
    Backup {
        /// The copy to write (refused onto the database itself)
        #[arg(value_name = "PATH")]
        path: PathBuf,
    },
    /// Keymaps: validate a file (`check`), print the effective map (`show`)
    Keymap {
        #[command(subcommand)]
        command: KeymapCommand,
    },
    /// Check the database: SQLite's integrity and the store's own invariants
    Check {
        /// Output format
        #[arg(long, value_enum, default_value_t = LogFormat::Table)]
        format: LogFormat,
    },
}

#[derive(Debug, Subcommand)]
pub enum KeymapCommand {
    /// Validate a keymap file (a whole map or your override file) [default: the --keymap map with
    /// $XDG_CONFIG_HOME/thamdinh/keymap.toml]; every error names file, line and key
    Check {
        #[arg(value_name = "FILE")]
        file: Option<PathBuf>,
    },
    /// Print the effective map (the --keymap map with your keymap.toml): mode, key, action, description
    Show {
        /// Only this mode (queue, detail, checklist, score, notes, ranking, log, summary, input,
        /// confirm, palette, help)
        #[arg(long, value_name = "M")]
        mode: Option<String>,
    },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    Table,
    Json,
    Csv,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ShowFormat {
    Text,
    Json,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum LogFormat {
    Table,
    Json,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ExportFormat {
    Csv,
    Json,
    Xlsx,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum TemplateFormat {
    Xlsx,
    Csv,
}

/// What `letters` and `report` share.
#[derive(Debug, clap::Args)]
pub struct PaperArgs {
    /// The plan year [default: the newest in the database]
    #[arg(long, value_name = "YEAR")]
    pub plan_year: Option<i32>,
    /// Output format of the letters
    #[arg(long, value_enum, default_value_t = PaperFormat::Docx)]
    pub format: PaperFormat,
    /// Evaluate the checklists as of this day [default: today]
    #[arg(long, value_name = "DATE")]
    pub as_of: Option<String>,
}

/// The format of the letters and the report.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum PaperFormat {
    /// A Word document
    Docx,
    /// Markdown, the same content
    Md,
}

impl From<PaperFormat> for crate::output::papers::PaperFormat {
    fn from(f: PaperFormat) -> Self {
        match f {
            PaperFormat::Docx => crate::output::papers::PaperFormat::Docx,
            PaperFormat::Md => crate::output::papers::PaperFormat::Markdown,
        }
    }
}
