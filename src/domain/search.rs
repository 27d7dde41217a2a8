//! The fuzzy filter shared by the TUI's `/` and the CLI's `list --query`.
//!
//! Matching runs on a folded key (lowercase, diacritics removed, `đ` → `d`,
//! see [`crate::domain::text::fold_with_map`]) so that `tra vinh` finds
//! `Trà Vinh`; the positions of a match are mapped back to char indices of
//! the original text so the matched characters can be highlighted there.
//! Results are ordered by match score (best first), ties by input order.

use crate::domain::text::{fold, fold_char};
use fuzzy_matcher::FuzzyMatcher;
use fuzzy_matcher::skim::SkimMatcherV2;
use std::cell::RefCell;
use std::collections::HashMap;

thread_local! {
    /// Folded forms of the non-ASCII characters seen so far: Vietnamese text
    /// uses a few hundred distinct ones, so folding 100,000 rows normalises
    /// each of them once instead of once per occurrence.
    static FOLDED_CHARS: RefCell<HashMap<char, String>> = RefCell::new(HashMap::new());
}

/// Exactly [`crate::domain::text::fold_with_map`], faster: ASCII is
/// lowercased directly and other characters' folds are cached.
pub fn fold_with_map_fast(s: &str) -> (String, Vec<usize>) {
    let mut key = String::with_capacity(s.len());
    let mut map = Vec::with_capacity(s.len());
    FOLDED_CHARS.with(|cache| {
        let mut cache = cache.borrow_mut();
        for (i, c) in s.chars().enumerate() {
            if c.is_ascii() {
                key.push(c.to_ascii_lowercase());
                map.push(i);
                continue;
            }
            let folded = cache.entry(c).or_insert_with(|| {
                let mut out = String::new();
                fold_char(c, &mut out);
                out
            });
            for f in folded.chars() {
                key.push(f);
                map.push(i);
            }
        }
    });
    (key, map)
}

/// One item that matched a query.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Match {
    /// Index of the item in the slice given to [`filter`].
    pub index: usize,
    /// Match score: higher is better.
    pub score: i64,
    /// Char indices in the ORIGINAL text of the matched characters, ascending
    /// and without duplicates.
    pub positions: Vec<usize>,
}

/// A text prepared for repeated searching: its folded key and, for each char
/// of the key, the index of the original char it came from. Build these once
/// when the rows are loaded; each keystroke then only matches.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Folded {
    key: String,
    map: Vec<usize>,
}

impl Folded {
    /// Fold `original` (NFC text, as all stored text is).
    pub fn new(original: &str) -> Folded {
        let (key, map) = fold_with_map_fast(original);
        Folded { key, map }
    }

    /// The folded key (`"kc24-tv-001 xu ly nuoc thai tra vinh"`).
    pub fn key(&self) -> &str {
        &self.key
    }

    fn original_positions(&self, key_positions: &[usize]) -> Vec<usize> {
        let mut out: Vec<usize> = key_positions
            .iter()
            .filter_map(|&i| self.map.get(i).copied())
            .collect();
        out.sort_unstable();
        out.dedup();
        out
    }
}

/// The text searched for a dossier: code, title, beneficiary and province,
/// separated by single spaces (the same text the TUI and the CLI search).
pub fn search_text(code: &str, title: &str, beneficiary: Option<&str>, province: &str) -> String {
    let mut s = String::with_capacity(code.len() + title.len() + province.len() + 48);
    s.push_str(code);
    s.push(' ');
    s.push_str(title);
    if let Some(b) = beneficiary {
        s.push(' ');
        s.push_str(b);
    }
    s.push(' ');
    s.push_str(province);
    s
}

fn matcher() -> SkimMatcherV2 {
    SkimMatcherV2::default().ignore_case()
}

/// The folded form of a query; `None` when it is blank (everything matches).
fn fold_query(query: &str) -> Option<String> {
    let q = fold(query.trim());
    if q.is_empty() { None } else { Some(q) }
}

/// Filter `items` by `query`, best match first (ties keep the input order).
/// A blank query matches every item with score 0 and no positions, in order.
pub fn filter<S: AsRef<str>>(query: &str, items: &[S]) -> Vec<Match> {
    let Some(q) = fold_query(query) else {
        return everything(items.len());
    };
    let m = matcher();
    let mut out: Vec<Match> = items
        .iter()
        .enumerate()
        .filter_map(|(index, item)| {
            let folded = Folded::new(item.as_ref());
            let (score, idx) = m.fuzzy_indices(&folded.key, &q)?;
            Some(Match {
                index,
                score,
                positions: folded.original_positions(&idx),
            })
        })
        .collect();
    sort(&mut out);
    out
}

/// [`filter`] over keys folded in advance, WITHOUT positions (cheap enough
/// for 100,000 rows per keystroke); ask [`positions`] for the rows shown.
pub fn filter_folded(query: &str, items: &[Folded]) -> Vec<Match> {
    filter_folded_among(query, items, 0..items.len())
}

/// [`filter_folded`] over some of the items only (`candidates`, indices
/// into `items`): when a query grows by typing, only the previous matches
/// can still match, so each keystroke searches fewer rows.
pub fn filter_folded_among(
    query: &str,
    items: &[Folded],
    candidates: impl IntoIterator<Item = usize>,
) -> Vec<Match> {
    let Some(q) = fold_query(query) else {
        return everything(items.len());
    };
    let m = matcher();
    let mut out: Vec<Match> = candidates
        .into_iter()
        .filter_map(|index| {
            let f = items.get(index)?;
            m.fuzzy_match(&f.key, &q).map(|score| Match {
                index,
                score,
                positions: Vec::new(),
            })
        })
        .collect();
    sort(&mut out);
    out
}

/// True when every item matching `longer` also matches `shorter`: the
/// folded `shorter` is a prefix of the folded `longer` (fuzzy matching is
/// subsequence matching).
pub fn narrows(shorter: &str, longer: &str) -> bool {
    match (fold_query(shorter), fold_query(longer)) {
        (Some(a), Some(b)) => b.starts_with(&a),
        _ => false,
    }
}

/// The matched char positions of `query` in the original text of `item`
/// (empty when it does not match or the query is blank).
pub fn positions(query: &str, item: &Folded) -> Vec<usize> {
    let Some(q) = fold_query(query) else {
        return Vec::new();
    };
    matcher()
        .fuzzy_indices(&item.key, &q)
        .map(|(_, idx)| item.original_positions(&idx))
        .unwrap_or_default()
}

fn everything(n: usize) -> Vec<Match> {
    (0..n)
        .map(|index| Match {
            index,
            score: 0,
            positions: Vec::new(),
        })
        .collect()
}

fn sort(v: &mut [Match]) {
    v.sort_by(|a, b| b.score.cmp(&a.score).then(a.index.cmp(&b.index)));
}

#[cfg(test)]
mod tests {
    use super::*;

    fn items() -> Vec<String> {
        vec![
            search_text(
                "KC24-GL-007",
                "Hỗ trợ ứng dụng máy sấy cà phê tiên tiến",
                Some("HTX Cà phê Ia Grai"),
                "Gia Lai",
            ),
            search_text(
                "KC24-TV-003",
                "Xử lý nước thải cụm công nghiệp An Phú Tân",
                None,
                "Trà Vinh",
            ),
            search_text(
                "KC24-DN-002",
                "Đào tạo nghề dệt thổ cẩm",
                Some("Tổ hợp tác dệt M'Nông"),
                "Đắk Nông",
            ),
        ]
    }

    #[test]
    fn diacritics_and_case_do_not_matter() {
        let it = items();
        let m = filter("tra vinh", &it);
        assert_eq!(m.len(), 1);
        assert_eq!(m[0].index, 1);
        let m = filter("TRÀ VINH", &it);
        assert_eq!(m[0].index, 1);
        let m = filter("dak nong", &it);
        assert_eq!(m[0].index, 2);
        // đ folds to d: "dao tao" finds "Đào tạo".
        assert_eq!(filter("dao tao", &it)[0].index, 2);
    }

    #[test]
    fn positions_point_into_the_original_text() {
        let it = items();
        let m = filter("tra vinh", &it);
        let chars: Vec<char> = it[1].chars().collect();
        let shown: String = m[0].positions.iter().map(|&i| chars[i]).collect();
        assert_eq!(shown, "Trà Vinh");
    }

    #[test]
    fn nfd_query_matches_nfc_text() {
        let it = items();
        let m = filter("Tra\u{0300} Vinh", &it);
        assert_eq!(m.len(), 1);
        assert_eq!(m[0].index, 1);
    }

    #[test]
    fn ordered_by_score_then_input_order() {
        let it = vec![
            "a scattered b then c".to_string(),
            "abc exact".to_string(),
            "abc exact too".to_string(),
        ];
        let m = filter("abc", &it);
        assert_eq!(m.iter().map(|m| m.index).collect::<Vec<_>>(), vec![1, 2, 0]);
        assert_eq!(m[0].score, m[1].score);
        assert!(m[1].score > m[2].score);
        let m = filter("", &it);
        assert_eq!(m.len(), 3);
        assert!(m.iter().all(|m| m.score == 0 && m.positions.is_empty()));
    }

    #[test]
    fn folded_filter_agrees_with_filter() {
        let it = items();
        let folded: Vec<Folded> = it.iter().map(|s| Folded::new(s)).collect();
        for q in ["kc24", "ca phe", "nông", "zzz", "  "] {
            let a: Vec<(usize, i64)> = filter(q, &it).iter().map(|m| (m.index, m.score)).collect();
            let b: Vec<(usize, i64)> = filter_folded(q, &folded)
                .iter()
                .map(|m| (m.index, m.score))
                .collect();
            assert_eq!(a, b, "{q}");
        }
        assert_eq!(
            positions("gl007", &folded[0]),
            filter("gl007", &it)[0].positions
        );
        assert!(positions("zzz", &folded[0]).is_empty());
    }

    #[test]
    fn fast_fold_is_exactly_fold_with_map() {
        for s in [
            "Đắk Lắk",
            "KC24-TV-003 Xử lý nước thải Trà Vinh",
            "Tra\u{0300} Vinh ĐẮK NÔNG ẞ ǅ İ",
            "越南 Hà Nội ﬁ",
            "",
        ] {
            assert_eq!(
                fold_with_map_fast(s),
                crate::domain::text::fold_with_map(s),
                "{s}"
            );
        }
    }

    #[test]
    fn narrowing_searches_only_the_previous_matches() {
        let it = items();
        let folded: Vec<Folded> = it.iter().map(|s| Folded::new(s)).collect();
        assert!(narrows("tra", "Trà V"));
        assert!(!narrows("tra", "tr"));
        assert!(!narrows("", "tra"));
        let before: Vec<usize> = filter_folded("tra", &folded)
            .iter()
            .map(|m| m.index)
            .collect();
        let after = filter_folded_among("tra vinh", &folded, before);
        assert_eq!(after, filter_folded("tra vinh", &folded));
    }

    #[test]
    fn no_match_is_empty() {
        assert!(filter("quảng ninh", &items()).is_empty());
    }
}
