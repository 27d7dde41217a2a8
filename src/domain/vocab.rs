//! One declarative table per vocabulary (statuses, categories, document
//! kinds, …): each value is written once with its id (what scripts, JSON,
//! CSV and keymaps see) and its label in English and Vietnamese (what a
//! person reads). The enum, its serde names, `ALL`, `id`, `from_id`,
//! `label` and label parsing all come from that one line, so adding a value
//! is one edit and the compiler checks every `match` on it.

use crate::domain::lang::Lang;
use crate::domain::text::fold_words;

/// What every vocabulary offers.
pub trait Vocabulary: Copy + Eq + 'static {
    /// Every value, in the table's order.
    fn all() -> &'static [Self];
    /// The fixed id (`typical_product`).
    fn id(self) -> &'static str;
    /// The label a person reads.
    fn label(self, lang: Lang) -> &'static str;

    /// The value whose id, or label in either language, is `written`
    /// (case, diacritics and punctuation aside): ids stay what scripts use,
    /// labels are accepted as aliases.
    fn parse_loose(written: &str) -> Option<Self> {
        let all = Self::all();
        if let Some(v) = all.iter().copied().find(|v| v.id() == written.trim()) {
            return Some(v);
        }
        let key = fold_words(written);
        if key.is_empty() {
            return None;
        }
        all.iter().copied().find(|v| {
            fold_words(v.id()) == key || Lang::ALL.iter().any(|&l| fold_words(v.label(l)) == key)
        })
    }
}

/// Define a vocabulary enum. Two forms:
///
/// ```ignore
/// vocabulary! {
///     /// docs
///     #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
///     pub enum Status {
///         Pending = "pending", "pending", "chờ thẩm định";
///         Approved = "approved", "approved", "đã phê duyệt";
///     }
/// }
/// ```
///
/// (variant = id, English label, Vietnamese label), or ids only
/// (`OnTime = "on_time";`) for vocabularies whose labels live in `data/`.
#[macro_export]
macro_rules! vocabulary {
    (
        $(#[$meta:meta])*
        $vis:vis enum $name:ident {
            $( $(#[$vmeta:meta])* $var:ident = $id:literal, $en:literal, $vi:literal; )+
        }
    ) => {
        $crate::vocabulary! {
            $(#[$meta])*
            $vis enum $name { $( $(#[$vmeta])* $var = $id; )+ }
        }
        impl $name {
            /// The label a person reads, in `lang`.
            pub fn label(self, lang: $crate::domain::lang::Lang) -> &'static str {
                match (self, lang) {
                    $(
                        ($name::$var, $crate::domain::lang::Lang::En) => $en,
                        ($name::$var, $crate::domain::lang::Lang::Vi) => $vi,
                    )+
                }
            }
        }
        impl $crate::domain::vocab::Vocabulary for $name {
            fn all() -> &'static [Self] {
                &$name::ALL
            }
            fn id(self) -> &'static str {
                $name::id(self)
            }
            fn label(self, lang: $crate::domain::lang::Lang) -> &'static str {
                $name::label(self, lang)
            }
        }
    };
    (
        $(#[$meta:meta])*
        $vis:vis enum $name:ident {
            $( $(#[$vmeta:meta])* $var:ident = $id:literal; )+
        }
    ) => {
        $(#[$meta])*
        #[derive(serde::Serialize, serde::Deserialize)]
        $vis enum $name {
            $( $(#[$vmeta])* #[serde(rename = $id)] $var, )+
        }
        impl $name {
            /// Every value, in the table's order.
            pub const ALL: [$name; [$($id),+].len()] = [$($name::$var),+];

            /// The fixed id, part of the contract.
            pub fn id(self) -> &'static str {
                match self {
                    $( $name::$var => $id, )+
                }
            }

            /// The value of a fixed id.
            pub fn from_id(s: &str) -> Option<$name> {
                match s {
                    $( $id => Some($name::$var), )+
                    _ => None,
                }
            }
        }
        impl std::fmt::Display for $name {
            /// The id (what scripts read); people read [`Self::label`].
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.id())
            }
        }
    };
}

/// The audit trail's actions, as the store records them.
pub mod audit {
    crate::vocabulary! {
        /// An action of the audit trail.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub enum AuditAction {
            Approve = "approve", "approve", "phê duyệt";
            Return = "return", "return", "trả lại";
            Undo = "undo", "undo", "hoàn tác";
            Tick = "tick", "tick", "tích mục kiểm tra";
            Untick = "untick", "untick", "bỏ tích";
            Score = "score", "score", "chấm điểm";
            Unscore = "unscore", "unscore", "bỏ điểm";
            Note = "note", "note", "ghi chú";
            Import = "import", "import", "nhập hồ sơ";
            Revise = "revise", "new revision", "nộp bản sửa đổi";
            Allocation = "allocation", "allocation", "đặt phân bổ";
            Assign = "assign", "assign", "giao hồ sơ";
            Unassign = "unassign", "unassign", "bỏ giao";
            Council = "council", "council rule", "quy tắc hội đồng";
        }
    }

    use crate::domain::lang::Lang;

    /// An audit entry's stored detail (`pending → approved`, `approved →
    /// pending (undo of approve batch 3)`) with the ids it names written as
    /// labels of `lang`. The stored text itself stays as recorded.
    pub fn detail_text(detail: &str, lang: Lang) -> String {
        let detail = match lang {
            // Only the category ids (an allocation's entry) read otherwise.
            Lang::En => detail.to_string(),
            // An undo's reason starts `undo of`; its detail holds `(undo of`.
            Lang::Vi => match detail.strip_prefix("undo of ") {
                Some(rest) => format!("hoàn tác {rest}"),
                None => detail.replace(" (undo of ", " (hoàn tác "),
            }
            .replace(" batch ", " lô ")
            .replace("; override: ", "; duyệt ngoại lệ: ")
            .replace(" (was ", " (trước là "),
        };
        let mut out = String::with_capacity(detail.len() + 16);
        let mut word = String::new();
        let flush = |word: &mut String, out: &mut String| {
            let label = crate::domain::Category::from_id(word)
                .map(|c| c.label(lang))
                .or_else(|| {
                    (lang == Lang::Vi)
                        .then(|| {
                            crate::domain::Status::from_id(word)
                                .map(|s| s.label(lang))
                                .or_else(|| AuditAction::from_id(word).map(|a| a.label(lang)))
                        })
                        .flatten()
                });
            out.push_str(label.unwrap_or(word));
            word.clear();
        };
        // A path or a file's location (an import's source) is kept as
        // written: its folder names are not ids.
        for piece in detail.split_inclusive(char::is_whitespace) {
            if piece.contains(['/', '\\']) {
                out.push_str(piece);
                continue;
            }
            for c in piece.chars() {
                if c.is_alphanumeric() || c == '_' {
                    word.push(c);
                } else {
                    flush(&mut word, &mut out);
                    out.push(c);
                }
            }
            flush(&mut word, &mut out);
        }
        out
    }

    /// A decision's reason as shown: the reason the store writes for an
    /// undo (`undo of return batch 2`) in `lang`; a person's own words as
    /// they wrote them.
    pub fn reason_text(reason: &str, lang: Lang) -> String {
        if reason.starts_with("undo of ") {
            detail_text(reason, lang)
        } else {
            reason.to_string()
        }
    }

    /// The label of an action id as stored (the id itself when unknown).
    pub fn action_label(id: &str, lang: Lang) -> &str {
        AuditAction::from_id(id).map_or(id, |a| a.label(lang))
    }
}

/// Labels of a few ids that only ever appear as text (status ids stored in
/// the audit trail, `pending → approved`): the label when the id is known.
pub fn status_label(id: &str, lang: Lang) -> &str {
    crate::domain::Status::from_id(id).map_or(id, |s| s.label(lang))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::checklist::{ItemKind, ItemState};
    use crate::domain::dossier::{
        BeneficiaryKind, CertLevel, DocKind, PollutionSubtype, PriorityArea, ProjectType,
    };
    use crate::domain::{Category, Decision, Status};

    fn check<V: Vocabulary + std::fmt::Debug>() {
        let mut seen = std::collections::HashSet::new();
        for &v in V::all() {
            assert!(seen.insert(v.id()), "{:?} id twice", v);
            for l in Lang::ALL {
                let label = v.label(l);
                assert!(!label.trim().is_empty(), "{v:?} has no {l:?} label");
                assert!(
                    !label.contains('_'),
                    "{v:?}: {l:?} label {label:?} is an id"
                );
            }
            assert_eq!(V::parse_loose(v.id()), Some(v));
            assert_eq!(V::parse_loose(v.label(Lang::Vi)), Some(v), "{v:?}");
        }
    }

    #[test]
    fn every_id_of_every_vocabulary_has_both_labels() {
        check::<Status>();
        check::<Decision>();
        check::<Category>();
        check::<ProjectType>();
        check::<PriorityArea>();
        check::<BeneficiaryKind>();
        check::<DocKind>();
        check::<CertLevel>();
        check::<PollutionSubtype>();
        check::<ItemState>();
        check::<ItemKind>();
        check::<audit::AuditAction>();
    }

    #[test]
    fn labels_parse_loosely_and_ids_serialise() {
        assert_eq!(Status::parse_loose("Đã phê duyệt"), Some(Status::Approved));
        assert_eq!(Status::parse_loose("cho tham dinh"), Some(Status::Pending));
        assert_eq!(Status::parse_loose("nonsense"), None);
        assert_eq!(
            serde_json::to_value(DocKind::NoDoubleFunding).ok(),
            Some(serde_json::json!("no_double_funding"))
        );
        assert_eq!(audit::action_label("approve", Lang::Vi), "phê duyệt");
        assert_eq!(audit::action_label("mystery", Lang::Vi), "mystery");
        assert_eq!(status_label("approved", Lang::Vi), "đã phê duyệt");
        assert_eq!(
            audit::detail_text("approved → pending (undo of approve batch 3)", Lang::Vi),
            "đã phê duyệt → chờ thẩm định (hoàn tác phê duyệt lô 3)"
        );
        assert_eq!(
            audit::detail_text("pending → approved", Lang::En),
            "pending → approved"
        );
    }

    #[test]
    fn paths_and_own_words_are_kept_undo_reasons_are_written() {
        type Render = fn(&str, Lang) -> String;
        let cases: [(Render, &str, Lang, &str); 4] = [
            (
                audit::detail_text,
                "/data/import/a.csv:2",
                Lang::Vi,
                "/data/import/a.csv:2",
            ),
            (
                audit::reason_text,
                "undo of return batch 2",
                Lang::Vi,
                "hoàn tác trả lại lô 2",
            ),
            (
                audit::reason_text,
                "thiếu bản import gốc",
                Lang::Vi,
                "thiếu bản import gốc",
            ),
            (
                audit::reason_text,
                "undo of return batch 2",
                Lang::En,
                "undo of return batch 2",
            ),
        ];
        for (f, text, lang, want) in cases {
            assert_eq!(f(text, lang), want, "{text}");
        }
    }
}
