//! The six categories the appraisers review, and the aliases provinces use.

use crate::domain::lang::Lang;
use crate::domain::text::fold_words;
use std::collections::HashMap;

crate::vocabulary! {
    /// The six categories the appraisers review.
    #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
    pub enum Category {
        DemonstrationModel = "demonstration_model", "demonstration model", "mô hình trình diễn";
        Machinery = "machinery", "machinery", "máy móc thiết bị";
        PollutionTreatment = "pollution_treatment", "pollution treatment", "xử lý ô nhiễm";
        TypicalProduct = "typical_product", "typical product", "sản phẩm tiêu biểu";
        Training = "training", "training", "đào tạo nghề";
        Consulting = "consulting", "consulting", "tư vấn";
    }
}

impl Category {
    /// The label in at most 11 columns, for narrow tables.
    pub fn short(self, lang: Lang) -> &'static str {
        match (self, lang) {
            (Category::DemonstrationModel, Lang::En) => "demo model",
            (Category::DemonstrationModel, Lang::Vi) => "mô hình TD",
            (Category::Machinery, Lang::En) => "machinery",
            (Category::Machinery, Lang::Vi) => "máy móc",
            (Category::PollutionTreatment, Lang::En) => "pollution",
            (Category::PollutionTreatment, Lang::Vi) => "xử lý ô n.",
            (Category::TypicalProduct, Lang::En) => "typical pr.",
            (Category::TypicalProduct, Lang::Vi) => "sản phẩm TB",
            (Category::Training, Lang::En) => "training",
            (Category::Training, Lang::Vi) => "đào tạo",
            (Category::Consulting, Lang::En) => "consulting",
            (Category::Consulting, Lang::Vi) => "tư vấn",
        }
    }
}

/// Category names as provinces write them, matched without case, diacritics
/// or punctuation. Built from `data/categories.toml`; the ids themselves
/// (and their spaced forms, `typical product`) always match.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct CategoryAliases {
    by_key: HashMap<String, Category>,
    /// Every name as written (ids, spaced ids, aliases), for queries.
    names: Vec<(String, Category)>,
    /// The same names for an exact match, which needs no folding (most
    /// files write a name exactly; an import resolves one per record).
    exact: HashMap<String, Category>,
    /// The other vocabularies' spellings (`data/aliases.toml`), which the
    /// importer resolves beside the category.
    spellings: crate::domain::spellings::Spellings,
}

impl CategoryAliases {
    /// An alias table knowing only the category ids and labels.
    pub fn ids_only() -> Self {
        let mut a = CategoryAliases {
            spellings: crate::domain::spellings::Spellings::bundled(),
            ..CategoryAliases::default()
        };
        for c in Category::ALL {
            a.by_key.insert(fold_words(c.id()), c);
            a.by_key.insert(fold_words(&c.id().replace('_', " ")), c);
            a.names.push((c.id().to_string(), c));
            a.names.push((c.id().replace('_', " "), c));
            a.exact.insert(c.id().to_string(), c);
            a.exact.insert(c.id().replace('_', " "), c);
            // The labels a person reads are names of it too.
            for l in Lang::ALL {
                let label = c.label(l);
                if !a.exact.contains_key(label) {
                    a.by_key.insert(fold_words(label), c);
                    a.names.push((label.to_string(), c));
                    a.exact.insert(label.to_string(), c);
                }
            }
        }
        a
    }

    /// Add an alias. Returns the category it already stood for if it was
    /// taken by another one (a data error the loader reports).
    pub fn insert(&mut self, alias: &str, c: Category) -> Result<(), Category> {
        let key = fold_words(alias);
        match self.by_key.get(&key) {
            Some(&other) if other != c => Err(other),
            _ => {
                self.by_key.insert(key, c);
                self.names.push((alias.to_string(), c));
                self.exact.insert(alias.to_string(), c);
                Ok(())
            }
        }
    }

    /// The other vocabularies' spellings.
    pub fn spellings(&self) -> &crate::domain::spellings::Spellings {
        &self.spellings
    }

    /// Use these spellings for the other vocabularies.
    pub fn set_spellings(&mut self, s: crate::domain::spellings::Spellings) {
        self.spellings = s;
    }

    /// Resolve what a province wrote: `máy móc thiết bị` → `machinery`.
    pub fn resolve(&self, written: &str) -> Option<Category> {
        // A name written exactly folds to its own key: the same answer.
        if let Some(&c) = self.exact.get(written) {
            return Some(c);
        }
        let key = fold_words(written);
        if let Some(&c) = self.by_key.get(&key) {
            return Some(c);
        }
        Category::from_id(written.trim())
    }

    /// Every name of a category as written: its id, spaced id and aliases.
    pub fn names_of(&self, c: Category) -> Vec<&str> {
        self.names
            .iter()
            .filter(|(_, x)| *x == c)
            .map(|(n, _)| n.as_str())
            .collect()
    }

    pub fn len(&self) -> usize {
        self.by_key.len()
    }

    pub fn is_empty(&self) -> bool {
        self.by_key.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_and_aliases_resolve_loosely() {
        let mut a = CategoryAliases::ids_only();
        a.insert("máy móc thiết bị", Category::Machinery).unwrap();
        a.insert(
            "mô hình trình diễn (kỹ thuật)",
            Category::DemonstrationModel,
        )
        .unwrap();
        assert_eq!(a.resolve("machinery"), Some(Category::Machinery));
        assert_eq!(a.resolve("Typical Product"), Some(Category::TypicalProduct));
        assert_eq!(a.resolve("MÁY MÓC THIẾT BỊ"), Some(Category::Machinery));
        assert_eq!(a.resolve("may moc thiet bi"), Some(Category::Machinery));
        assert_eq!(
            a.resolve("Mô hình trình diễn kỹ thuật"),
            Some(Category::DemonstrationModel)
        );
        assert_eq!(a.resolve("du lịch"), None);
        assert_eq!(
            a.insert("machinery", Category::Training),
            Err(Category::Machinery)
        );
    }
}
