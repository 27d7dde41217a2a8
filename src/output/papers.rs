//! The papers (letters, report) written to a file in a chosen format,
//! whole or not at all ([`super::AtomicFile`]).

use super::{AtomicFile, SameFile};
use crate::domain::papers::layout::Paper;
use std::io::Write;
use std::path::Path;

/// The format of a paper.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PaperFormat {
    /// A Word document (`.docx`).
    Docx,
    /// Markdown (`.md`): the same content, for a look over SSH.
    Markdown,
}

impl PaperFormat {
    /// The file name extension.
    pub fn extension(self) -> &'static str {
        match self {
            PaperFormat::Docx => "docx",
            PaperFormat::Markdown => "md",
        }
    }

    /// The bytes of `paper` in this format.
    pub fn render(self, paper: &Paper) -> Result<Vec<u8>, String> {
        match self {
            PaperFormat::Docx => super::docx::docx(paper),
            PaperFormat::Markdown => Ok(super::markdown::markdown(paper).into_bytes()),
        }
    }
}

/// Write `paper` to `path` in `format`, never onto the database `guard`
/// protects; errors name the file.
pub fn save(
    paper: &Paper,
    format: PaperFormat,
    path: &Path,
    guard: &SameFile,
) -> Result<(), String> {
    let failed = |e: String| format!("{}: {e} (nothing was written)", path.display());
    let bytes = format.render(paper).map_err(failed)?;
    let mut file = AtomicFile::create(path, guard)?;
    file.write_all(&bytes).map_err(|e| failed(e.to_string()))?;
    file.commit()
}
