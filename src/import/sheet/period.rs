//! `Thời gian thực hiện` as provinces write it, as a start and an end day:
//! `3/2024 - 10/2024`, `Tháng 3 - 10/2024`, `01/3/2024 - 31/10/2024`,
//! `Năm 2024`, `2024 - 2025`.

use crate::domain::text::fold_words;
use chrono::NaiveDate;

/// Words that may stand around the numbers of a period.
const FILLERS: &[&str] = &["thang", "t", "nam", "tu", "den", "ngay"];

fn first_day(y: i32, m: u32) -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(y, m, 1)
}

fn last_day(y: i32, m: u32) -> Option<NaiveDate> {
    let (ny, nm) = if m == 12 { (y + 1, 1) } else { (y, m + 1) };
    NaiveDate::from_ymd_opt(ny, nm, 1)?.pred_opt()
}

fn year(n: u32) -> Option<i32> {
    (1900..=2100).contains(&n).then_some(n as i32)
}

/// The first and last day of the period, as `YYYY-MM-DD`, or `None` when
/// the text is not one of the forms read.
pub fn parse(text: &str) -> Option<(String, String)> {
    let words = fold_words(text);
    let mut n: Vec<u32> = Vec::new();
    for w in words.split(' ') {
        if w.is_empty() || FILLERS.contains(&w) {
            continue;
        }
        // `t3` (tháng 3).
        let digits = w.strip_prefix('t').unwrap_or(w);
        if digits.is_empty() || digits.len() > 4 || !digits.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        n.push(digits.parse().ok()?);
    }
    let (start, end) = match n[..] {
        [y] => {
            let y = year(y)?;
            (first_day(y, 1)?, last_day(y, 12)?)
        }
        [y1, y2] => (first_day(year(y1)?, 1)?, last_day(year(y2)?, 12)?),
        [m1, m2, y] => {
            let y = year(y)?;
            (first_day(y, m1)?, last_day(y, m2)?)
        }
        [m1, y1, m2, y2] => (first_day(year(y1)?, m1)?, last_day(year(y2)?, m2)?),
        [d1, m1, y1, d2, m2, y2] => (
            NaiveDate::from_ymd_opt(year(y1)?, m1, d1)?,
            NaiveDate::from_ymd_opt(year(y2)?, m2, d2)?,
        ),
        _ => return None,
    };
    (start <= end).then(|| {
        (
            crate::domain::date::iso(start),
            crate::domain::date::iso(end),
        )
    })
}

#[cfg(test)]
mod tests {
    use super::parse;

    fn p(s: &str) -> Option<(String, String)> {
        parse(s)
    }

    fn dates(a: &str, b: &str) -> Option<(String, String)> {
        Some((a.to_string(), b.to_string()))
    }

    #[test]
    fn periods_as_provinces_write_them() {
        assert_eq!(p("3/2024 - 10/2024"), dates("2024-03-01", "2024-10-31"));
        assert_eq!(p("Tháng 3 - 10/2024"), dates("2024-03-01", "2024-10-31"));
        assert_eq!(p("T3/2024-T2/2025"), dates("2024-03-01", "2025-02-28"));
        assert_eq!(
            p("01/3/2024 - 30/11/2024"),
            dates("2024-03-01", "2024-11-30")
        );
        assert_eq!(p("Năm 2024"), dates("2024-01-01", "2024-12-31"));
        assert_eq!(p("2024"), dates("2024-01-01", "2024-12-31"));
        assert_eq!(p("Quý II/2024"), None);
        assert_eq!(p("10/2024 - 3/2024"), None);
        assert_eq!(p("13/2024 - 14/2024"), None);
    }
}
