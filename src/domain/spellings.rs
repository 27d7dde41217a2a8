//! Other spellings of vocabulary values, beyond their ids and labels, as
//! provinces write them (`HTX` for a cooperative, `đề án điểm` for a pilot):
//! `data/aliases.toml`, which an official may extend. One table per field,
//! each key a value's id, each value a list of spellings; matched without
//! case, diacritics or punctuation. Categories have theirs in
//! `categories.toml`.

use crate::domain::dossier::{
    BeneficiaryKind, CertLevel, DocKind, ModelKind, PollutionSubtype, PriorityArea, ProjectType,
};
use crate::domain::rules::{Ctx, RulesError, Source};
use crate::domain::text::{clean_line, fold_words};
use crate::domain::vocab::Vocabulary;
use std::collections::{BTreeMap, HashMap};
use toml::Spanned;

/// File name of the spellings.
pub const ALIASES_FILE: &str = "aliases.toml";

/// The bundled copy.
pub const BUNDLED_ALIASES: &str = include_str!("../../data/aliases.toml");

/// The fields whose values may be spelt otherwise, with their vocabulary's
/// ids (what a table's keys must be).
fn field_ids(field: &str) -> Option<Vec<&'static str>> {
    fn ids<V: Vocabulary>() -> Option<Vec<&'static str>> {
        Some(V::all().iter().map(|v| v.id()).collect())
    }
    match field {
        "project_type" => ids::<ProjectType>(),
        "beneficiary_kind" => ids::<BeneficiaryKind>(),
        "priority_area" => ids::<PriorityArea>(),
        "document_kind" => ids::<DocKind>(),
        "certificate_level" => ids::<CertLevel>(),
        "pollution_subtype" => ids::<PollutionSubtype>(),
        "model_kind" => ids::<ModelKind>(),
        _ => None,
    }
}

/// The fields [`field_ids`] knows, for error messages.
const FIELDS: &str = "project_type, beneficiary_kind, priority_area, document_kind, certificate_level, pollution_subtype, model_kind";

/// The spellings, by field and folded spelling.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Spellings {
    by_key: HashMap<(String, String), String>,
}

impl Spellings {
    /// The bundled spellings (an empty table if they do not load, which a
    /// test rules out).
    pub fn bundled() -> Spellings {
        load(Source {
            name: "data/aliases.toml",
            text: BUNDLED_ALIASES,
        })
        .unwrap_or_default()
    }

    /// The value of `field` that `written` names: its id, a label in
    /// either language, or one of the spellings.
    pub fn resolve<V: Vocabulary>(&self, field: &str, written: &str) -> Option<V> {
        V::parse_loose(written).or_else(|| {
            let id = self.by_key.get(&(field.to_string(), fold_words(written)))?;
            V::all().iter().copied().find(|v| v.id() == id)
        })
    }
}

/// field → value id → spellings, each with its place in the file.
type RawFile = BTreeMap<Spanned<String>, BTreeMap<Spanned<String>, Vec<Spanned<String>>>>;

/// Read `aliases.toml`: every field known, every key a value of it, no
/// spelling of two values; errors name the file and line.
pub fn load(src: Source) -> Result<Spellings, RulesError> {
    let cx = Ctx { src };
    let raw: RawFile = cx.parse()?;
    let mut out = Spellings::default();
    for (field, table) in &raw {
        let Some(ids) = field_ids(field.get_ref()) else {
            return Err(cx.at(
                field,
                format!("unknown field [{}] (known: {FIELDS})", field.get_ref()),
            ));
        };
        for (id, spellings) in table {
            if !ids.contains(&id.get_ref().as_str()) {
                return Err(cx.at(
                    id,
                    format!(
                        "{}: {:?} is not a value of it (values: {})",
                        field.get_ref(),
                        id.get_ref(),
                        ids.join(", ")
                    ),
                ));
            }
            for sp in spellings {
                let text = clean_line(sp.get_ref());
                let key = (field.get_ref().clone(), fold_words(&text));
                if key.1.is_empty() {
                    return Err(cx.at(sp, format!("{}: empty spelling", id.get_ref())));
                }
                match out.by_key.get(&key) {
                    Some(other) if other != id.get_ref() => {
                        return Err(cx.at(sp, format!("{text:?} is already a spelling of {other}")));
                    }
                    _ => {
                        out.by_key.insert(key, id.get_ref().clone());
                    }
                }
            }
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bundled_spellings_load_and_resolve_as_provinces_write() {
        let s = load(Source {
            name: "data/aliases.toml",
            text: BUNDLED_ALIASES,
        })
        .expect("bundled aliases load");
        let kind = |w| s.resolve::<BeneficiaryKind>("beneficiary_kind", w);
        assert_eq!(kind("HTX"), Some(BeneficiaryKind::Cooperative));
        assert_eq!(kind("hợp tác xã"), Some(BeneficiaryKind::Cooperative));
        assert_eq!(kind("cooperative"), Some(BeneficiaryKind::Cooperative));
        assert_eq!(kind("Hộ gia đình"), Some(BeneficiaryKind::Household));
        assert_eq!(kind("ngân hàng"), None);
        let pt = |w| s.resolve::<ProjectType>("project_type", w);
        assert_eq!(pt("Đề án điểm"), Some(ProjectType::Pilot));
        assert_eq!(pt("cụ thể"), Some(ProjectType::Named));
        // A spelling of one field is not one of another.
        assert_eq!(s.resolve::<ProjectType>("model_kind", "cụ thể"), None);
    }

    #[test]
    fn errors_name_the_file_and_line() {
        let bad = |text: &str| {
            load(Source {
                name: "my/aliases.toml",
                text,
            })
            .expect_err("refused")
            .to_string()
        };
        assert_eq!(
            bad("[project_type]\npilot = [\"điểm\"]\n\n[colour]\nred = [\"đỏ\"]\n"),
            format!("my/aliases.toml:4: unknown field [colour] (known: {FIELDS})")
        );
        assert!(
            bad("[project_type]\npilot = [\"điểm\"]\nsolo = [\"một\"]\n")
                .starts_with("my/aliases.toml:3: project_type: \"solo\" is not a value of it"),
        );
        assert_eq!(
            bad("[beneficiary_kind]\ncooperative = [\"HTX\"]\nhousehold = [\"htx\"]\n"),
            "my/aliases.toml:3: \"htx\" is already a spelling of cooperative"
        );
    }
}
