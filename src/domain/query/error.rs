//! Part of [`super`]: what is wrong with a query, as data, written in
//! either language when it is shown. Qualifier names (`p:`, `score:`) stay
//! as the person typed them: they are what they type.

use crate::domain::Category;
use crate::domain::lang::Lang;
use std::fmt;

/// A query that cannot be understood, said so (never guessed around).
/// `name` is the qualifier as typed (`p`, `tỉnh`), `value` its value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum QueryError {
    /// A `"` was opened and never closed.
    UnclosedPhrase,
    /// `name:` with nothing after it.
    NeedsValue { name: String },
    /// `score:`/`year:` with a value that is not a whole number.
    NotANumber {
        name: String,
        value: String,
        what: Number,
    },
    /// `p:` with no word in its value.
    NeedsProvince { name: String, value: String },
    /// `c:` naming no category.
    NotACategory { name: String, value: String },
    /// `s:` naming no status (or more than one).
    NotAStatus { name: String, value: String },
    /// `is:` with a value it does not know.
    UnknownIs { name: String, value: String },
    /// `by:`/`to:` with no word in its value.
    NeedsAppraiser { name: String, value: String },
    /// `a:` with no word in its value.
    NeedsAction { name: String, value: String },
    /// `national:` with a value that is not an amount.
    NotAnAmount { name: String, value: String },
    /// A qualifier the parser has no rule for.
    NotAQualifier { name: String },
    /// `name:` is no qualifier of this scope; `known` lists those that are.
    NotAQualifierHere {
        name: String,
        known: (&'static str, &'static str),
    },
}

/// What a number qualifier counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Number {
    Score,
    PlanYear,
}

/// The audit actions `a:` finds, with their Vietnamese names.
const ACTIONS: [(&str, &str); 10] = [
    ("approve", "phê duyệt"),
    ("return", "trả lại"),
    ("undo", "hoàn tác"),
    ("tick", "tích mục"),
    ("untick", "bỏ tích"),
    ("score", "chấm điểm"),
    ("note", "ghi chú"),
    ("import", "nhập hồ sơ"),
    ("revise", "bản sửa đổi"),
    ("allocation", "phân bổ"),
];

impl QueryError {
    /// The error written in `lang`.
    pub fn message(&self, lang: Lang) -> String {
        match lang {
            Lang::En => self.english(),
            Lang::Vi => self.vietnamese(),
        }
    }

    fn english(&self) -> String {
        match self {
            QueryError::UnclosedPhrase => "a phrase is missing its closing \"".into(),
            QueryError::NeedsValue { name } => format!("{name}: needs a value"),
            QueryError::NotANumber { name, value, what } => {
                let what = match what {
                    Number::Score => "a score",
                    Number::PlanYear => "a plan year",
                };
                format!("{name}:{value}: {what} must be a whole number, e.g. {name}:>=70")
            }
            QueryError::NeedsProvince { name, value } => {
                format!("{name}:{value}: needs a province name")
            }
            QueryError::NotACategory { name, value } => {
                let ids: Vec<&str> = Category::ALL.iter().map(|c| c.id()).collect();
                format!("{name}:{value}: is not a category ({})", ids.join(", "))
            }
            QueryError::NotAStatus { name, value } => format!(
                "{name}:{value}: is not a status (pending, approved, returned; chờ, đã duyệt, trả lại)"
            ),
            QueryError::UnknownIs { name, value } => format!(
                "{name}:{value}: unknown (is:failing, is:ok, is:incomplete, is:scored, is:unscored, is:marked, is:disputed, is:mine)"
            ),
            QueryError::NeedsAppraiser { name, value } => {
                format!("{name}:{value}: needs an appraiser's name")
            }
            QueryError::NeedsAction { name, value } => {
                let ids: Vec<&str> = ACTIONS.iter().map(|(id, _)| *id).collect();
                format!("{name}:{value}: needs an action ({})", ids.join(", "))
            }
            QueryError::NotAnAmount { name, value } => format!(
                "{name}:{value}: is not an amount (e.g. national:>300tr, national:<=1,5ty, national:50000000)"
            ),
            QueryError::NotAQualifier { name } => format!("{name}: is not a qualifier"),
            QueryError::NotAQualifierHere { name, known } => format!(
                "{name}: is not a qualifier here ({}); put the term in quotes to search for it",
                known.0
            ),
        }
    }

    fn vietnamese(&self) -> String {
        match self {
            QueryError::UnclosedPhrase => "cụm từ thiếu dấu \" đóng".into(),
            QueryError::NeedsValue { name } => format!("{name}: cần một giá trị"),
            QueryError::NotANumber { name, value, what } => {
                let (what, example) = match what {
                    Number::Score => ("điểm", ">=70"),
                    Number::PlanYear => ("năm kế hoạch", "2024"),
                };
                format!("{name}:{value}: {what} phải là số nguyên, ví dụ {name}:{example}")
            }
            QueryError::NeedsProvince { name, value } => {
                format!("{name}:{value}: cần tên tỉnh")
            }
            QueryError::NotACategory { name, value } => {
                let labels: Vec<&str> = Category::ALL.iter().map(|c| c.label(Lang::Vi)).collect();
                format!(
                    "{name}:{value}: không phải nội dung nào ({})",
                    labels.join(", ")
                )
            }
            QueryError::NotAStatus { name, value } => {
                format!("{name}:{value}: không phải trạng thái (chờ thẩm định, đã duyệt, trả lại)")
            }
            QueryError::UnknownIs { name, value } => format!(
                "{name}:{value}: không rõ nghĩa (là:lỗi, là:đạt, là:chưaxong, là:đãchấm, là:chưachấm, là:đánhdấu, là:lệchđiểm, là:củatôi)"
            ),
            QueryError::NeedsAppraiser { name, value } => {
                format!("{name}:{value}: cần tên cán bộ thẩm định")
            }
            QueryError::NeedsAction { name, value } => {
                let named: Vec<String> = ACTIONS
                    .iter()
                    .map(|(id, vi)| format!("{name}:{id} = {vi}"))
                    .collect();
                format!("{name}:{value}: cần một thao tác ({})", named.join(", "))
            }
            QueryError::NotAnAmount { name, value } => format!(
                "{name}:{value}: không phải số tiền (ví dụ {name}:>300tr, {name}:<=1,5tỷ, {name}:50000000)"
            ),
            QueryError::NotAQualifier { name } => format!("{name}: không phải điều kiện lọc"),
            QueryError::NotAQualifierHere { name, known } => format!(
                "{name}: không phải điều kiện lọc dùng được ở đây ({}); muốn tìm đúng chữ này thì đặt nó trong dấu ngoặc kép",
                known.1
            ),
        }
    }
}

/// English, as logs and scripts read it.
impl fmt::Display for QueryError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.english())
    }
}

impl std::error::Error for QueryError {}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every fault once, with sample values; the `match` makes a new
    /// variant fail to compile here until it has a sample.
    fn samples() -> Vec<QueryError> {
        let nv = |n: &str, v: &str| (n.to_string(), v.to_string());
        let all = vec![
            QueryError::UnclosedPhrase,
            QueryError::NeedsValue { name: "p".into() },
            {
                let (name, value) = nv("score", "abc");
                QueryError::NotANumber {
                    name,
                    value,
                    what: Number::Score,
                }
            },
            {
                let (name, value) = nv("năm", "x");
                QueryError::NotANumber {
                    name,
                    value,
                    what: Number::PlanYear,
                }
            },
            {
                let (name, value) = nv("p", "--");
                QueryError::NeedsProvince { name, value }
            },
            {
                let (name, value) = nv("c", "xyz");
                QueryError::NotACategory { name, value }
            },
            {
                let (name, value) = nv("s", "xyz");
                QueryError::NotAStatus { name, value }
            },
            {
                let (name, value) = nv("is", "foo");
                QueryError::UnknownIs { name, value }
            },
            {
                let (name, value) = nv("by", "--");
                QueryError::NeedsAppraiser { name, value }
            },
            {
                let (name, value) = nv("a", "--");
                QueryError::NeedsAction { name, value }
            },
            {
                let (name, value) = nv("national", "nhieu");
                QueryError::NotAnAmount { name, value }
            },
            QueryError::NotAQualifier { name: "x".into() },
            QueryError::NotAQualifierHere {
                name: "x".into(),
                known: ("p: c: s:", "tỉnh: loại: tt:"),
            },
        ];
        for e in &all {
            match e {
                QueryError::UnclosedPhrase
                | QueryError::NeedsValue { .. }
                | QueryError::NotANumber { .. }
                | QueryError::NeedsProvince { .. }
                | QueryError::NotACategory { .. }
                | QueryError::NotAStatus { .. }
                | QueryError::UnknownIs { .. }
                | QueryError::NeedsAppraiser { .. }
                | QueryError::NeedsAction { .. }
                | QueryError::NotAnAmount { .. }
                | QueryError::NotAQualifier { .. }
                | QueryError::NotAQualifierHere { .. } => {}
            }
        }
        all
    }

    /// English words of the messages that a Vietnamese one must not hold.
    const ENGLISH: &[&str] = &[
        "needs",
        "is not",
        "missing",
        "must",
        "unknown",
        "whole number",
        "e.g.",
        "qualifier",
        "phrase",
        "closing",
        "amount",
        "name",
        "value",
        "category",
        "status",
        "province",
        "appraiser",
        "here",
        "quotes",
        "search",
        "pending",
        "approved",
        "returned",
        "failing",
        "machinery",
        "_",
    ];

    #[test]
    fn every_fault_is_said_in_both_languages() {
        for e in samples() {
            let en = e.message(Lang::En);
            let vi = e.message(Lang::Vi);
            assert_eq!(en, e.to_string(), "Display is the English");
            assert!(!en.trim().is_empty() && !vi.trim().is_empty(), "{e:?}");
            assert_ne!(en, vi, "{e:?}");
            for w in ENGLISH {
                assert!(!vi.to_lowercase().contains(w), "{w:?} in {vi:?}");
            }
        }
    }

    #[test]
    fn the_english_is_as_it_was() {
        let s = samples();
        assert_eq!(s[0].message(Lang::En), "a phrase is missing its closing \"");
        assert_eq!(
            s[2].message(Lang::En),
            "score:abc: a score must be a whole number, e.g. score:>=70"
        );
        assert_eq!(
            s[9].message(Lang::En),
            "a:--: needs an action (approve, return, undo, tick, untick, score, note, import, revise, allocation)"
        );
        assert_eq!(
            s[5].message(Lang::En),
            "c:xyz: is not a category (demonstration_model, machinery, pollution_treatment, typical_product, training, consulting)"
        );
        assert_eq!(s[4].message(Lang::Vi), "p:--: cần tên tỉnh");
        assert_eq!(s[0].message(Lang::Vi), "cụm từ thiếu dấu \" đóng");
    }
}
