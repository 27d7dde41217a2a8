//! Part of [`super`]: reading a query: splitting terms, qualifier names
//! and values, money and comparisons, and rewriting a qualifier in a query
//! (the TUI's status, category and province keys).

use super::*;

/// The qualifier names, each with the names it is also written as.
pub(super) const QUALIFIERS: &[(&str, &[&str])] = &[
    ("p", &["province", "tinh", "tỉnh"]),
    ("c", &["category", "loai", "loại", "nhom", "nhóm"]),
    ("s", &["status", "tt", "trangthai", "trạngthái"]),
    ("is", &["la", "là"]),
    ("by", &["boi", "bởi", "nguoi", "người"]),
    ("to", &["giao", "chutri", "chủtrì"]),
    ("score", &["diem", "điểm"]),
    ("national", &["kp", "kinhphi", "kinhphí", "kcqg"]),
    ("year", &["nam", "năm"]),
    // Audit log only.
    ("a", &["action", "thaotac", "thaotác"]),
];

/// `is:` values, with their Vietnamese names.
pub(super) const IS_VALUES: &[(&str, &[&str])] = &[
    (
        "failing",
        &["loi", "lỗi", "thieu", "thiếu", "chuadat", "chưađạt"],
    ),
    ("ok", &["dat", "đạt", "du", "đủ"]),
    (
        "incomplete",
        &["chuaxong", "chưaxong", "dangxet", "đangxét"],
    ),
    ("scored", &["dacham", "đãchấm"]),
    ("unscored", &["chuacham", "chưachấm"]),
    ("marked", &["danhdau", "đánhdấu"]),
    (
        "disputed",
        &["tranhluan", "tranhluận", "lechdiem", "lệchđiểm"],
    ),
    ("mine", &["cuatoi", "củatôi"]),
];

/// Status names a person may type, with their Vietnamese names.
pub(super) const STATUS_NAMES: &[(Status, &[&str])] = &[
    (
        Status::Pending,
        &["pending", "cho", "chờ", "cho tham dinh", "chờ thẩm định"],
    ),
    (
        Status::Approved,
        &["approved", "da duyet", "đã duyệt", "duyet", "duyệt"],
    ),
    (
        Status::Returned,
        &["returned", "tra lai", "trả lại", "tra", "trả"],
    ),
];

/// The statuses whose names (`pending`, `chờ`, `đã duyệt`) `value` starts.
pub(super) fn statuses_named(value: &str) -> Vec<Status> {
    let pats = words(value);
    STATUS_NAMES
        .iter()
        .filter(|(_, names)| {
            names
                .iter()
                .any(|n| phrase_in(Prepared::new(n).text(), &pats).is_some_and(|(i, _)| i == 0))
        })
        .map(|(s, _)| *s)
        .collect()
}

pub(super) fn canonical_qualifier(name: &str) -> Option<&'static str> {
    let n: String = name.chars().map(lower1).collect();
    QUALIFIERS
        .iter()
        .find(|(id, aliases)| *id == n || aliases.contains(&n.as_str()))
        .map(|(id, _)| *id)
}

/// Split the query into raw terms: spaces separate, `"…"` groups (also
/// after `-` or `field:`).
pub(super) fn split(q: &str) -> Result<Vec<String>, QueryError> {
    let mut out = Vec::new();
    let mut cur = String::new();
    let mut quoted = false;
    for c in q.chars() {
        match c {
            '"' => {
                quoted = !quoted;
                cur.push(c);
            }
            c if c.is_whitespace() && !quoted => {
                if !cur.is_empty() {
                    out.push(std::mem::take(&mut cur));
                }
            }
            c => cur.push(c),
        }
    }
    if quoted {
        return Err(QueryError::UnclosedPhrase);
    }
    if !cur.is_empty() {
        out.push(cur);
    }
    Ok(out)
}

/// The words of a value, without its quotes.
pub(super) fn words(value: &str) -> Vec<Pattern> {
    value
        .trim_matches('"')
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(Pattern::new)
        .collect()
}

/// `>=70`, `<5`, `=2024`, `2024`: the comparison and the rest.
pub(super) fn comparison(v: &str) -> (Cmp, &str) {
    for (op, cmp) in [
        (">=", Cmp::Ge),
        ("<=", Cmp::Le),
        (">", Cmp::Gt),
        ("<", Cmp::Lt),
        ("=", Cmp::Eq),
    ] {
        if let Some(rest) = v.strip_prefix(op) {
            return (cmp, rest);
        }
    }
    (Cmp::Eq, v)
}

/// Money as typed in a query: `300tr`, `1,5ty`, `1.5tỷ`, `500000000`,
/// `2000000đ`.
pub fn parse_money(v: &str) -> Option<i64> {
    let s: String = v.chars().map(lower1).collect();
    let units: [(&str, i64); 10] = [
        ("triệu", 1_000_000),
        ("trieu", 1_000_000),
        ("tr", 1_000_000),
        ("tỷ", 1_000_000_000),
        ("tỉ", 1_000_000_000),
        ("ty", 1_000_000_000),
        ("ti", 1_000_000_000),
        ("đồng", 1),
        ("dong", 1),
        ("đ", 1),
    ];
    let (num, mult) = units
        .iter()
        .find_map(|(u, m)| s.strip_suffix(u).map(|n| (n, *m)))
        .unwrap_or((s.as_str(), 1));
    let num = num.trim();
    if num.is_empty() {
        return None;
    }
    if mult == 1 {
        return Vnd::parse(num).ok().map(|v| v.0);
    }
    // With a unit, one decimal separator is allowed: 1,5ty = 1.5ty.
    let (int, frac) = match num.split_once([',', '.']) {
        Some((i, f)) => (i, f),
        None => (num, ""),
    };
    if int.is_empty()
        || !int.chars().all(|c| c.is_ascii_digit())
        || !frac.chars().all(|c| c.is_ascii_digit())
    {
        return None;
    }
    let whole: i64 = int.parse().ok()?;
    let mut value = whole.checked_mul(mult)?;
    let mut scale = mult;
    for d in frac.chars() {
        scale /= 10;
        if scale == 0 {
            return None;
        }
        value = value.checked_add(i64::from(d.to_digit(10)?) * scale)?;
    }
    Some(value)
}

pub(super) fn qualifier(
    q: &str,
    name: &str,
    value: &str,
    aliases: &CategoryAliases,
) -> Result<Cond, QueryError> {
    let value = value.trim();
    if value.is_empty() || value == "\"\"" {
        return Err(QueryError::NeedsValue {
            name: name.to_string(),
        });
    }
    let name_value = || (name.to_string(), value.to_string());
    let number = |what: Number| -> Result<(Cmp, i64), QueryError> {
        let (cmp, rest) = comparison(value);
        match rest.trim().parse::<i64>() {
            Ok(n) => Ok((cmp, n)),
            Err(_) => {
                let (name, value) = name_value();
                Err(QueryError::NotANumber { name, value, what })
            }
        }
    };
    Ok(match q {
        "p" => {
            let pats = words(value);
            if pats.is_empty() {
                let (name, value) = name_value();
                return Err(QueryError::NeedsProvince { name, value });
            }
            Cond::Province(pats)
        }
        "c" => {
            let pats = words(value);
            let cats: Vec<Category> = Category::ALL
                .into_iter()
                .filter(|&c| {
                    aliases
                        .names_of(c)
                        .iter()
                        .any(|n| phrase_in(Prepared::new(n).text(), &pats).is_some())
                })
                .collect();
            if cats.is_empty() {
                let (name, value) = name_value();
                return Err(QueryError::NotACategory { name, value });
            }
            Cond::Category(cats)
        }
        "s" => match statuses_named(value).as_slice() {
            [one] => Cond::Status(*one),
            _ => {
                let (name, value) = name_value();
                return Err(QueryError::NotAStatus { name, value });
            }
        },
        "is" => {
            let v: String = value
                .trim_matches('"')
                .chars()
                .filter(|c| !c.is_whitespace())
                .map(lower1)
                .collect();
            let id = IS_VALUES
                .iter()
                .find(|(id, names)| *id == v || names.contains(&v.as_str()))
                .map(|(id, _)| *id);
            match id {
                Some("failing") => Cond::Failing,
                Some("ok") => Cond::Ok,
                Some("incomplete") => Cond::Incomplete,
                Some("scored") => Cond::Scored,
                Some("unscored") => Cond::Unscored,
                Some("marked") => Cond::Marked,
                Some("disputed") => Cond::Disputed,
                Some("mine") => Cond::Mine,
                _ => {
                    let (name, value) = name_value();
                    return Err(QueryError::UnknownIs { name, value });
                }
            }
        }
        "by" => {
            let pats = words(value);
            if pats.is_empty() {
                let (name, value) = name_value();
                return Err(QueryError::NeedsAppraiser { name, value });
            }
            Cond::By(pats)
        }
        "to" => {
            let pats = words(value);
            if pats.is_empty() {
                let (name, value) = name_value();
                return Err(QueryError::NeedsAppraiser { name, value });
            }
            Cond::To(pats)
        }
        "a" => {
            let pats = words(value);
            if pats.is_empty() {
                let (name, value) = name_value();
                return Err(QueryError::NeedsAction { name, value });
            }
            Cond::Action(pats)
        }
        "score" => {
            let (c, n) = number(Number::Score)?;
            Cond::Score(c, n)
        }
        "year" => {
            let (c, n) = number(Number::PlanYear)?;
            Cond::Year(c, n)
        }
        "national" => {
            let (cmp, rest) = comparison(value);
            match parse_money(rest) {
                Some(n) => Cond::National(cmp, n),
                None => {
                    let (name, value) = name_value();
                    return Err(QueryError::NotAnAmount { name, value });
                }
            }
        }
        _ => {
            return Err(QueryError::NotAQualifier {
                name: name.to_string(),
            });
        }
    })
}

/// `query` with its `name:` qualifier (any spelling of it) replaced by
/// `name:value`, or removed when `value` is `None`; the other terms are
/// kept as typed. The TUI's status, category and province keys write the
/// one filter this way.
pub fn with_qualifier(query: &str, name: &str, value: Option<&str>) -> String {
    let canonical = canonical_qualifier(name);
    let mut kept: Vec<String> = split(query)
        .unwrap_or_else(|_| query.split_whitespace().map(str::to_string).collect())
        .into_iter()
        .filter(|t| {
            let t = t.strip_prefix('-').unwrap_or(t);
            match t.split_once(':') {
                Some((n, _)) if !t.starts_with('"') => canonical_qualifier(n) != canonical,
                _ => true,
            }
        })
        .collect();
    if let Some(v) = value {
        let v = if v.contains(char::is_whitespace) {
            format!("\"{v}\"")
        } else {
            v.to_string()
        };
        kept.push(format!("{name}:{v}"));
    }
    kept.join(" ")
}

/// The value of the `name:` qualifier in `query`, as typed (quotes
/// removed), when it is there once and not negated.
pub fn qualifier_value(query: &str, name: &str) -> Option<String> {
    let canonical = canonical_qualifier(name)?;
    split(query).ok()?.into_iter().find_map(|t| {
        let (n, v) = t.split_once(':')?;
        (!t.starts_with('"') && !t.starts_with('-') && canonical_qualifier(n) == Some(canonical))
            .then(|| v.trim_matches('"').to_string())
    })
}
