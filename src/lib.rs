//! thamdinh: appraisal of national industrial-promotion dossiers.
//!
//! The layers, arrows pointing down only (see `../shared/spec/architecture.md`):
//!
//! - [`cli`]: one file per headless command; parse → call domain/store → print.
//! - [`tui`]: the terminal application (State / Action / update / view).
//! - [`config`]: where the database, the data files and keymaps are found.
//! - [`data_files`]: reads the rule files of `data/` (or the bundled copies).
//! - [`import`]: dossier files → [`domain::Dossier`], with located errors.
//! - [`ops`]: the operations both front ends call (rules + store).
//! - [`store`]: the only place with SQL.
//! - [`domain`]: pure logic, no I/O.

pub mod cli;
pub mod config;
pub mod data_files;
pub mod domain;
pub mod import;
pub mod ops;
pub mod output;
pub mod store;
pub mod tui;
