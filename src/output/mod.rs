//! Everything the program writes for people and other programs: standard
//! output that never panics, files written whole or not at all, CSV cells a
//! spreadsheet cannot take for formulas, JSON that cannot drive a terminal.
//!
//! Not in `architecture.md`'s drawing: these are shared by every command
//! (and by the exports to come), and they are about the bytes written, not
//! about the appraisal, so they are neither `cli` (thin commands) nor
//! `domain` (pure rules). No SQL, no terminal state.

pub mod csv;
pub mod docx;
pub mod file;
pub mod json;
pub mod markdown;
pub mod papers;
pub mod stdout;
pub mod vocab;
pub mod xlsx;

pub use file::{AtomicFile, SameFile};
