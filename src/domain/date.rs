//! Dates as written in Vietnam (day first) and as shown to appraisers.

use chrono::NaiveDate;

/// Parse `2023-09-28`, `28/09/2023` or `28-09-2023` (one-digit day and
/// month accepted in the day-first forms: `5/9/2023`). Anything else, or a
/// day that does not exist, is an error naming the value.
pub fn parse_date(input: &str) -> Result<NaiveDate, DateError> {
    let s = input.trim();
    let bad = || DateError::NotADate(input.to_string());
    let parts: Vec<&str> = if s.contains('/') {
        s.split('/').collect()
    } else {
        s.split('-').collect()
    };
    if parts.len() != 3
        || parts
            .iter()
            .any(|p| p.is_empty() || !p.chars().all(|c| c.is_ascii_digit()))
    {
        return Err(bad());
    }
    let (y, m, d) = if parts[0].len() == 4 && !s.contains('/') {
        if parts[1].len() != 2 || parts[2].len() != 2 {
            return Err(bad());
        }
        (parts[0], parts[1], parts[2])
    } else if parts[2].len() == 4 && parts[0].len() <= 2 && parts[1].len() <= 2 {
        (parts[2], parts[1], parts[0])
    } else {
        return Err(bad());
    };
    let (y, m, d) = match (y.parse::<i32>(), m.parse::<u32>(), d.parse::<u32>()) {
        (Ok(y), Ok(m), Ok(d)) => (y, m, d),
        _ => return Err(bad()),
    };
    NaiveDate::from_ymd_opt(y, m, d).ok_or_else(|| DateError::NotADay(input.to_string()))
}

/// Why a text is not a date: the text as written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DateError {
    /// Not in a form of dates (`28/09/2023`, `2023-09-28`).
    NotADate(String),
    /// In the form, but no such day (`31/02/2024`).
    NotADay(String),
}

impl DateError {
    /// The message in `lang`, naming the value.
    pub fn message(&self, lang: crate::domain::Lang) -> String {
        use crate::domain::Lang;
        match (self, lang) {
            (DateError::NotADate(v), Lang::En) => {
                format!("{v:?} is not a date (use 2023-09-28 or 28/09/2023)")
            }
            (DateError::NotADate(v), Lang::Vi) => {
                format!("{v:?} không phải ngày (viết 2023-09-28 hoặc 28/09/2023)")
            }
            (DateError::NotADay(v), Lang::En) => format!("{v:?} is not a day of the calendar"),
            (DateError::NotADay(v), Lang::Vi) => format!("{v:?} không có trên lịch"),
        }
    }
}

impl std::fmt::Display for DateError {
    /// The English message.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message(crate::domain::Lang::En))
    }
}

impl std::error::Error for DateError {}

/// `28/09/2023`.
pub fn vn(d: NaiveDate) -> String {
    d.format("%d/%m/%Y").to_string()
}

/// `2023-09-28`.
pub fn iso(d: NaiveDate) -> String {
    d.format("%Y-%m-%d").to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, dd: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, dd).unwrap()
    }

    #[test]
    fn accepted_forms() {
        assert_eq!(parse_date("2023-09-28"), Ok(d(2023, 9, 28)));
        assert_eq!(parse_date("28/09/2023"), Ok(d(2023, 9, 28)));
        assert_eq!(parse_date("28-09-2023"), Ok(d(2023, 9, 28)));
        assert_eq!(parse_date("5/9/2023"), Ok(d(2023, 9, 5)));
        assert_eq!(parse_date(" 05/09/2023 "), Ok(d(2023, 9, 5)));
    }

    #[test]
    fn rejected_forms() {
        for s in [
            "2023/09/28",
            "09/28/2023",
            "30/02/2023",
            "28.09.2023",
            "2023-9-28",
            "",
            "hôm qua",
            "28/09/23",
            "1/1/1/2023",
        ] {
            assert!(parse_date(s).is_err(), "{s}");
        }
        assert!(
            parse_date("31/04/2023")
                .unwrap_err()
                .to_string()
                .contains("not a day")
        );
    }

    #[test]
    fn display() {
        assert_eq!(vn(d(2023, 9, 5)), "05/09/2023");
        assert_eq!(iso(d(2023, 9, 5)), "2023-09-05");
    }
}
