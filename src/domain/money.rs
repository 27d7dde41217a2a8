//! Money: whole Vietnamese đồng, never a float.

use serde::{Deserialize, Serialize};
use std::fmt;

/// An amount in VND (whole đồng). Negative amounts are never read from input.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default, Serialize, Deserialize,
)]
#[serde(transparent)]
pub struct Vnd(pub i64);

/// The largest amount read from input (a file, the command line, the TUI):
/// 10^15 đồng, a million tỷ, thousands of times any industrial-promotion
/// budget. A larger amount is a typo or a hostile file, and is rejected where
/// it is read. Sums of up to 9,223 amounts this large still fit in an `i64`;
/// beyond that, [`Vnd::checked_add`] and [`Vnd::checked_sum`] say so.
pub const MAX_VND: Vnd = Vnd(1_000_000_000_000_000);

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
    #[error("{0:?} is too large: amounts are at most {max} đồng", max = MAX_VND.full())]
    TooLarge(String),
}

impl MoneyError {
    /// The message in `lang` (English is the `Display`).
    pub fn message(&self, lang: crate::domain::Lang) -> String {
        use crate::domain::Lang;
        match (self, lang) {
            (_, Lang::En) => self.to_string(),
            (MoneyError::NotAnAmount(v), Lang::Vi) => format!("{v:?} không phải số tiền (đồng)"),
            (MoneyError::Negative(v), Lang::Vi) => format!("{v:?} là số âm: số tiền phải ≥ 0"),
            (MoneyError::Decimal(v), Lang::Vi) => {
                format!("{v:?} có phần lẻ: số tiền phải là số đồng chẵn")
            }
            (MoneyError::BadGrouping(v), Lang::Vi) => {
                format!("{v:?} có dấu phân cách hàng nghìn không đều")
            }
            (MoneyError::TooLarge(v), Lang::Vi) => {
                format!("{v:?} quá lớn: số tiền tối đa {} đồng", MAX_VND.full())
            }
        }
    }
}

impl Vnd {
    pub const ZERO: Vnd = Vnd(0);

    /// A whole number of đồng read from input, if it is within [`MAX_VND`].
    pub fn bounded(amount: u64) -> Option<Vnd> {
        i64::try_from(amount)
            .ok()
            .map(Vnd)
            .filter(|v| *v <= MAX_VND)
    }

    /// `self + other`, or `None` if the sum does not fit in an `i64`.
    /// Money is never added with a bare `+`: a saturated sum could make a
    /// check pass.
    pub fn checked_add(self, other: Vnd) -> Option<Vnd> {
        self.0.checked_add(other.0).map(Vnd)
    }

    /// The sum of `amounts`, or `None` if it (or any partial sum) does not
    /// fit in an `i64`. The sum of nothing is [`Vnd::ZERO`].
    pub fn checked_sum(amounts: impl IntoIterator<Item = Vnd>) -> Option<Vnd> {
        amounts
            .into_iter()
            .try_fold(Vnd::ZERO, |sum, v| sum.checked_add(v))
    }

    /// An amount as a person types it where amounts are shown in millions
    /// or billions: `1.500 tr`, `1,5 tỷ`, `35.000 triệu`, `2.5 bn`, or in
    /// đồng as [`Vnd::parse`] reads it. A decimal part is read with either
    /// separator (`,` or `.`) when it is not a group of three digits; the
    /// amount must come out in whole đồng.
    pub fn parse_written(input: &str) -> Result<Vnd, MoneyError> {
        let original = input.to_string();
        let s = crate::domain::text::nfc(input.trim()).to_lowercase();
        let units: [(&str, i128); 9] = [
            ("triệu đồng", 1_000_000),
            ("triệu", 1_000_000),
            ("trieu", 1_000_000),
            ("tr.đ", 1_000_000),
            ("tr", 1_000_000),
            ("tỷ đồng", 1_000_000_000),
            ("tỷ", 1_000_000_000),
            ("tỉ", 1_000_000_000),
            ("bn", 1_000_000_000),
        ];
        let Some((body, mult)) = units
            .iter()
            .find_map(|(u, m)| s.strip_suffix(u).map(|b| (b.trim(), *m)))
        else {
            return Vnd::parse(input);
        };
        let body: String = body
            .chars()
            .filter(|c| !matches!(c, ' ' | '\u{a0}' | '\u{202f}'))
            .collect();
        if body.is_empty()
            || !body
                .chars()
                .all(|c| c.is_ascii_digit() || c == '.' || c == ',')
        {
            return Err(MoneyError::NotAnAmount(original));
        }
        // The decimal separator: the last separator, unless it groups
        // thousands (followed by exactly three digits and used alike before).
        let seps: Vec<(usize, char)> = body
            .char_indices()
            .filter(|(_, c)| !c.is_ascii_digit())
            .collect();
        let decimal_at = seps.last().and_then(|&(i, c)| {
            let tail = body.len() - i - 1;
            let others_differ = seps.iter().any(|&(_, x)| x != c);
            let repeated = seps.iter().filter(|&&(_, x)| x == c).count() > 1;
            (others_differ || (tail != 3 && !repeated)).then_some(i)
        });
        let (int_part, frac_part) = match decimal_at {
            Some(i) => (&body[..i], &body[i + 1..]),
            None => (body.as_str(), ""),
        };
        let digits = |t: &str| -> String { t.chars().filter(char::is_ascii_digit).collect() };
        let (int_digits, frac_digits) = (digits(int_part), digits(frac_part));
        if int_digits.is_empty() && frac_digits.is_empty()
            || int_digits.len() > 18
            || frac_digits.len() > 9
        {
            return Err(MoneyError::NotAnAmount(original));
        }
        let whole: i128 = int_digits.parse().unwrap_or(0);
        let frac: i128 = frac_digits.parse().unwrap_or(0);
        let scale = 10i128.pow(frac_digits.len() as u32);
        let frac_vnd = frac * mult;
        if frac_vnd % scale != 0 {
            return Err(MoneyError::Decimal(original));
        }
        let total = whole * mult + frac_vnd / scale;
        i64::try_from(total)
            .ok()
            .filter(|v| *v <= MAX_VND.0)
            .map(Vnd)
            .ok_or(MoneyError::NotAnAmount(original))
    }

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
            return bounded_digits(body, original);
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
        bounded_digits(&groups.concat(), original)
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

// No `Add` or `Sum` for `Vnd`: use `checked_add` / `checked_sum`, so that
// an overflow is seen rather than saturated.

/// ASCII digits (already checked) as an amount within [`MAX_VND`].
fn bounded_digits(digits: &str, original: String) -> Result<Vnd, MoneyError> {
    digits
        .parse::<u64>()
        .ok()
        .and_then(Vnd::bounded)
        .ok_or(MoneyError::TooLarge(original))
}

/// `v` with `sep` between groups of three digits: `1,500,000`.
pub(crate) fn group_thousands(v: i64, sep: char) -> String {
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
    fn amounts_above_the_bound_are_too_large() {
        assert_eq!(MAX_VND, Vnd(10_i64.pow(15)));
        assert_eq!(Vnd::parse("1000000000000000"), Ok(MAX_VND));
        assert_eq!(Vnd::parse("1.000.000.000.000.000 đ"), Ok(MAX_VND));
        for s in [
            "1000000000000001",
            "1.000.000.000.000.001",
            "9,223,372,036,854,775,807",
            "9223372036854775807",
            "18446744073709551615",
        ] {
            let e = Vnd::parse(s);
            assert_eq!(e, Err(MoneyError::TooLarge(s.to_string())), "{s}");
        }
        let msg = MoneyError::TooLarge("2000000000000000".into()).to_string();
        assert_eq!(
            msg,
            "\"2000000000000000\" is too large: amounts are at most 1.000.000.000.000.000 đồng"
        );
        assert_eq!(Vnd::bounded(0), Some(Vnd::ZERO));
        assert_eq!(Vnd::bounded(10_u64.pow(15)), Some(MAX_VND));
        assert_eq!(Vnd::bounded(10_u64.pow(15) + 1), None);
        assert_eq!(Vnd::bounded(u64::MAX), None);
    }

    #[test]
    fn checked_addition_sees_overflow() {
        assert_eq!(Vnd(2).checked_add(Vnd(3)), Some(Vnd(5)));
        assert_eq!(Vnd(i64::MAX).checked_add(Vnd::ZERO), Some(Vnd(i64::MAX)));
        assert_eq!(Vnd(i64::MAX).checked_add(Vnd(1)), None);
        assert_eq!(Vnd::checked_sum([]), Some(Vnd::ZERO));
        assert_eq!(
            Vnd::checked_sum([Vnd(300_000_000), Vnd(350_000_000)]),
            Some(Vnd(650_000_000))
        );
        // Four amounts near i64::MAX: the sum overflows, it is not pinned
        // at i64::MAX.
        let near = Vnd(i64::MAX / 4 + 1);
        assert_eq!(Vnd::checked_sum([near; 4]), None);
        assert_eq!(Vnd::checked_sum([near; 3]), Some(Vnd(3 * near.0)));
        // An overflowing partial sum is an overflow even if a later term
        // would bring it back.
        assert_eq!(Vnd::checked_sum([Vnd(i64::MAX), Vnd(1), Vnd(-1)]), None);
        // 9,223 amounts at the bound fit; the sum of bounded amounts only
        // overflows past that.
        assert!(Vnd::checked_sum(std::iter::repeat_n(MAX_VND, 9_223)).is_some());
        assert_eq!(Vnd::checked_sum(std::iter::repeat_n(MAX_VND, 9_224)), None);
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

#[cfg(test)]
mod written_tests {
    use super::*;

    #[test]
    fn amounts_written_in_millions_or_billions_as_the_screen_shows_them() {
        let p = |s: &str| Vnd::parse_written(s);
        assert_eq!(p("1.500 tr"), Ok(Vnd(1_500_000_000)));
        assert_eq!(p("1,500 tr"), Ok(Vnd(1_500_000_000)));
        assert_eq!(p("35.000 triệu"), Ok(Vnd(35_000_000_000)));
        assert_eq!(p("1,5 tỷ"), Ok(Vnd(1_500_000_000)));
        assert_eq!(p("2.5 bn"), Ok(Vnd(2_500_000_000)));
        assert_eq!(p("35,5 tr"), Ok(Vnd(35_500_000)));
        assert_eq!(p("1.234.567,5 tr"), Ok(Vnd(1_234_567_500_000)));
        // In đồng, as before.
        assert_eq!(p("1.500.000.000"), Ok(Vnd(1_500_000_000)));
        assert_eq!(p("1500000000 đ"), Ok(Vnd(1_500_000_000)));
        // Not whole đồng, not a number, too large.
        assert!(matches!(p("0,0000001 tr"), Err(MoneyError::Decimal(_))));
        assert!(matches!(p("mười tr"), Err(MoneyError::NotAnAmount(_))));
        assert!(p("99999999999999999 tỷ").is_err());
        assert!(p(" tr").is_err());
    }
}
