//! Labels of vocabulary values as workbooks show them, Vietnamese or
//! English: the vocabularies' own labels (`domain::vocab`), so every
//! workbook (template, export) says what the TUI and the CLI say, and what
//! a province fills in from a template reads back on import.

use crate::domain::Status;
use crate::domain::dossier::{BeneficiaryKind, ProjectType};

/// The language of a workbook's headers and labels: the one language
/// type of the program.
pub use crate::domain::lang::Lang;

pub fn status(s: Status, lang: Lang) -> &'static str {
    s.label(lang)
}

pub fn project_type(p: ProjectType, lang: Lang) -> &'static str {
    p.label(lang)
}

pub fn beneficiary_kind(k: BeneficiaryKind, lang: Lang) -> &'static str {
    k.label(lang)
}

/// A decision as the audit trail names it (`approve`, `return`).
pub fn decision(action: &str, lang: Lang) -> String {
    crate::domain::vocab::audit::action_label(action, lang).to_string()
}

/// Yes or no.
pub fn yes_no(b: bool, lang: Lang) -> &'static str {
    lang.yes_no(b)
}

/// A category's name as a sheet name (at most 31 characters): its label
/// with a capital letter in Vietnamese (`Máy móc thiết bị`), its id in
/// English.
pub fn category_sheet(c: crate::domain::Category, lang: Lang) -> String {
    match lang {
        Lang::Vi => {
            let label = c.label(lang);
            let mut chars = label.chars();
            match chars.next() {
                Some(first) => first.to_uppercase().chain(chars).collect(),
                None => String::new(),
            }
        }
        Lang::En => c.id().to_string(),
    }
}
