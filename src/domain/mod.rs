//! The domain: dossiers, categories, money, dates, text, checklist rules,
//! scoring and ranking. Pure Rust: no files, no SQL, no terminal.

pub mod category;
pub mod collate;
pub mod date;
pub mod dossier;
pub mod fields;
pub mod identity;
pub mod lang;
pub mod money;
pub mod papers;
pub mod refusal;
pub mod status;
pub mod summary;
pub mod text;
pub mod vocab;

pub use category::{Category, CategoryAliases};
pub use dossier::{DocKind, Document, Dossier};
pub use lang::Lang;
pub use money::Vnd;
pub use status::{Decision, Status};
pub use vocab::Vocabulary;

pub mod checklist;
pub mod council;
pub mod query;
pub mod ranking;
pub mod rules;
pub mod ruleset;
pub mod scoring;
pub mod spellings;
