//! Money: whole Vietnamese đồng, never a float.

use serde::{Deserialize, Serialize};
use std::fmt;

/// An amount in VND (whole đồng). Negative amounts are never read from input.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default, Serialize, Deserialize,
)]
#[serde(transparent)]
pub struct Vnd(pub i64);

/// Why a text is not an amount in VND.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum MoneyError {
    #[error("{0:?} is not an amount in VND")]
    NotAnAmount(String),
    #[error("{0:?} is negative: amounts must be ≥ 0")]
    Negative(String),
    #[error("{0:?} has decimals: amounts are whole đồng")]
    Decimal(String),
    #[error("{0:?} has inconsistent thousands separators")]
    BadGrouping(String),
    #[error("{0:?} is too large")]
    TooLarge(String),
}

impl Vnd {
    pub const ZERO: Vnd = Vnd(0);

    /// Parse an amount as provinces write it: `1500000000`,
    /// `1.500.000.000`, `1,500,000,000`, `1 500 000 000`, with an optional
    /// unit `đ`, `đồng`, `VND` (any case, before or after). Decimals,
    /// negative amounts and inconsistent grouping are errors.
    pub fn parse(input: &str) -> Result<Vnd, MoneyError> {
        let original = input.to_string();
        let s = crate::domain::text::nfc(input.trim());
        let lower = s.to_lowercase();
        let mut body = lower.as_str().trim();
        for unit in ["vnđ", "vnd", "đồng", "dong", "đ", "₫"] {
            if let Some(rest) = body.strip_suffix(unit) {
                body = rest.trim_end();
                break;
            }
            if let Some(rest) = body.strip_prefix(unit) {
                body = rest.trim_start();
                break;
            }
        }
        if body.is_empty() {
            return Err(MoneyError::NotAnAmount(original));
        }
        if body.starts_with('-') || body.starts_with('−') {
            return Err(MoneyError::Negative(original));
        }
        let body = body.strip_prefix('+').unwrap_or(body);
        if !body
            .chars()
            .all(|c| c.is_ascii_digit() || matches!(c, '.' | ',' | ' ' | '\u{a0}' | '\u{202f}'))
        {
            return Err(MoneyError::NotAnAmount(original));
        }
        let seps: Vec<char> = body.chars().filter(|c| !c.is_ascii_digit()).collect();
        if seps.is_empty() {
            return body
                .parse::<i64>()
                .map(Vnd)
                .map_err(|_| MoneyError::TooLarge(original));
        }
        let sep = seps[0];
        if seps.iter().any(|&c| c != sep) {
            // "1.500,50" or "1,5 tỷ": a decimal part, or mixed separators.
            let last = *seps.last().unwrap_or(&sep);
            let tail_len = body.rsplit(last).next().map_or(0, str::len);
            let single = seps.iter().filter(|&&c| c == last).count() == 1;
            return if (last == ',' || last == '.') && single && tail_len != 3 {
                Err(MoneyError::Decimal(original))
            } else {
                Err(MoneyError::BadGrouping(original))
            };
        }
        let groups: Vec<&str> = body.split(sep).collect();
        let first_ok = (1..=3).contains(&groups[0].len());
        let rest_ok = groups[1..].iter().all(|g| g.len() == 3);
        if !first_ok || !rest_ok {
            // A single separator followed by one or two digits reads as decimals.
            if groups.len() == 2 && (sep == ',' || sep == '.') && (1..=2).contains(&groups[1].len())
            {
                return Err(MoneyError::Decimal(original));
            }
            return Err(MoneyError::BadGrouping(original));
        }
        let digits: String = groups.concat();
        digits
            .parse::<i64>()
            .map(Vnd)
            .map_err(|_| MoneyError::TooLarge(original))
    }

    /// Millions of đồng as appraisers say them: `300 tr`, `1,500 tr`,
    /// `35.5 tr`, `0.25 tr`.
    pub fn millions(self) -> String {
        let v = self.0;
        let whole = v / 1_000_000;
        let frac = (v % 1_000_000).abs();
        let mut s = group_thousands(whole, ',');
        if frac != 0 {
            let f = format!("{:06}", frac);
            let f = f.trim_end_matches('0');
            let f = if f.len() > 2 { &f[..2] } else { f };
            s.push('.');
            s.push_str(f);
        }
        s.push_str(" tr");
        s
    }

    /// The full amount with dots between thousands: `1.500.000.000`.
    pub fn full(self) -> String {
        group_thousands(self.0, '.')
    }
}

impl fmt::Display for Vnd {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.0)
    }
}

impl std::ops::Add for Vnd {
    type Output = Vnd;
    fn add(self, o: Vnd) -> Vnd {
        Vnd(self.0.saturating_add(o.0))
    }
}

impl std::iter::Sum for Vnd {
    fn sum<I: Iterator<Item = Vnd>>(iter: I) -> Vnd {
        iter.fold(Vnd::ZERO, |a, b| a + b)
    }
}

fn group_thousands(v: i64, sep: char) -> String {
    let digits = v.unsigned_abs().to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3 + 1);
    if v < 0 {
        out.push('-');
    }
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(sep);
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepted_forms() {
        for s in [
            "1500000000",
            "1.500.000.000",
            "1,500,000,000",
            "1 500 000 000",
            "1.500.000.000 đ",
            "1.500.000.000đ",
            "1.500.000.000 đồng",
            "1,500,000,000 VND",
            "VND 1,500,000,000",
            "1\u{a0}500\u{a0}000\u{a0}000",
            " 1500000000 ",
        ] {
            assert_eq!(Vnd::parse(s), Ok(Vnd(1_500_000_000)), "{s}");
        }
        assert_eq!(Vnd::parse("0"), Ok(Vnd(0)));
        assert_eq!(Vnd::parse("999"), Ok(Vnd(999)));
        assert_eq!(Vnd::parse("35.000.000"), Ok(Vnd(35_000_000)));
    }

    #[test]
    fn rejected_forms() {
        assert!(matches!(
            Vnd::parse("1,5 tỷ"),
            Err(MoneyError::NotAnAmount(_))
        ));
        assert!(matches!(
            Vnd::parse("-300000"),
            Err(MoneyError::Negative(_))
        ));
        assert!(matches!(
            Vnd::parse("1.50.000"),
            Err(MoneyError::BadGrouping(_))
        ));
        assert!(matches!(
            Vnd::parse("1500000.5"),
            Err(MoneyError::Decimal(_))
        ));
        assert!(matches!(
            Vnd::parse("1.500.000,50"),
            Err(MoneyError::Decimal(_))
        ));
        assert!(matches!(
            Vnd::parse("1.500,000"),
            Err(MoneyError::BadGrouping(_))
        ));
        assert!(matches!(
            Vnd::parse("1500.000.000"),
            Err(MoneyError::BadGrouping(_))
        ));
        assert!(matches!(Vnd::parse(""), Err(MoneyError::NotAnAmount(_))));
        assert!(matches!(Vnd::parse("đ"), Err(MoneyError::NotAnAmount(_))));
        assert!(matches!(Vnd::parse("abc"), Err(MoneyError::NotAnAmount(_))));
        assert!(matches!(
            Vnd::parse("99999999999999999999"),
            Err(MoneyError::TooLarge(_))
        ));
        assert!(matches!(
            Vnd::parse("1.000 000"),
            Err(MoneyError::BadGrouping(_))
        ));
    }

    #[test]
    fn millions_display() {
        assert_eq!(Vnd(300_000_000).millions(), "300 tr");
        assert_eq!(Vnd(1_500_000_000).millions(), "1,500 tr");
        assert_eq!(Vnd(35_500_000).millions(), "35.5 tr");
        assert_eq!(Vnd(250_000).millions(), "0.25 tr");
        assert_eq!(Vnd(1_500_000_000).full(), "1.500.000.000");
    }
}
