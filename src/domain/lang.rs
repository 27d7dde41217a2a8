//! The language a person reads, and how numbers, money, shares and dates
//! are written in it. Pure: the caller hands in the environment.
//!
//! Vietnamese writes `.` between thousands and `,` before decimals
//! (`1.500 tr`, `40,5%`); English the other way round (`1,500 tr`,
//! `40.5%`). Dates are `dd/mm/yyyy` in both (the appraisers' habit).

use crate::domain::money::{Vnd, group_thousands};
use chrono::NaiveDate;
use serde::Serialize;

/// An interface language.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Lang {
    /// English (the default when nothing says otherwise).
    #[default]
    En,
    /// Vietnamese.
    Vi,
}

/// The variables that choose the language, most important first (after
/// the `--lang` flag).
pub const LANG_VARS: [&str; 4] = ["THAMDINH_LANG", "LC_ALL", "LC_MESSAGES", "LANG"];

impl Lang {
    /// Both languages.
    pub const ALL: [Lang; 2] = [Lang::En, Lang::Vi];

    /// `vi`, `en`.
    pub fn id(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Vi => "vi",
        }
    }

    /// A language tag or locale (`vi`, `vi_VN.UTF-8`, `en_GB`, `C`):
    /// Vietnamese for `vi*`, else English.
    pub fn from_tag(tag: &str) -> Lang {
        if tag.trim().to_ascii_lowercase().starts_with("vi") {
            Lang::Vi
        } else {
            Lang::En
        }
    }

    /// `--lang` wins; then `THAMDINH_LANG`, then the first of `LC_ALL`,
    /// `LC_MESSAGES`, `LANG` that is set and not empty (POSIX order);
    /// else English. `var` reads the environment (a map in tests).
    pub fn choose(flag: Option<&str>, var: impl Fn(&str) -> Option<String>) -> Lang {
        if let Some(f) = flag.filter(|f| !f.trim().is_empty()) {
            return Lang::from_tag(f);
        }
        LANG_VARS
            .iter()
            .find_map(|k| var(k).filter(|v| !v.trim().is_empty()))
            .map_or(Lang::En, |v| Lang::from_tag(&v))
    }

    /// The process environment's choice, with an optional `--lang`.
    pub fn from_env(flag: Option<&str>) -> Lang {
        Lang::choose(flag, |k| std::env::var(k).ok())
    }

    /// One of two texts.
    pub fn pick<'a>(self, en: &'a str, vi: &'a str) -> &'a str {
        match self {
            Lang::En => en,
            Lang::Vi => vi,
        }
    }

    fn seps(self) -> (char, char) {
        match self {
            Lang::En => (',', '.'),
            Lang::Vi => ('.', ','),
        }
    }

    /// A whole number with thousands separators: `12,500` / `12.500`.
    pub fn int(self, n: i64) -> String {
        group_thousands(n, self.seps().0)
    }

    /// An amount in millions with at most two decimals: `1,500 tr`,
    /// `35.5 tr` (English); `1.500 tr`, `35,5 tr` (Vietnamese).
    pub fn millions(self, v: Vnd) -> String {
        let (thousands, decimal) = self.seps();
        let whole = v.0 / 1_000_000;
        let frac = (v.0 % 1_000_000).abs();
        let mut s = group_thousands(whole, thousands);
        if v.0 < 0 && whole == 0 {
            s.insert(0, '-');
        }
        if frac != 0 {
            let f = format!("{frac:06}");
            let f = f.trim_end_matches('0');
            s.push(decimal);
            s.push_str(&f[..f.len().min(2)]);
        }
        s.push_str(" tr");
        s
    }

    /// The full amount in đồng: `1,500,000,000 đ` / `1.500.000.000 đ`.
    pub fn full(self, v: Vnd) -> String {
        format!("{} đ", self.int(v.0))
    }

    /// A short amount for narrow places: billions with one decimal from
    /// 1 billion up (`1.5 bn` / `1,5 tỷ`), else millions.
    pub fn short(self, v: Vnd) -> String {
        if v.0.abs() < 1_000_000_000 {
            return self.millions(v);
        }
        let tenths = (v.0 as i128 * 10 + 500_000_000 * v.0.signum() as i128) / 1_000_000_000;
        let (whole, f) = (tenths / 10, (tenths % 10).abs());
        let mut s = group_thousands(whole as i64, self.seps().0);
        if f != 0 {
            s.push(self.seps().1);
            s.push_str(&f.to_string());
        }
        s.push_str(self.pick(" bn", " tỷ"));
        s
    }

    /// A share given in hundredths of a percent (basis points): `52%`,
    /// `46.15%` / `46,15%`, `37.5%`; `—%` when there is none.
    pub fn percent_bp(self, bp: Option<i64>) -> String {
        let Some(bp) = bp else {
            return "—%".into();
        };
        let (w, f) = (bp / 100, (bp % 100).abs());
        let d = self.seps().1;
        if f == 0 {
            format!("{w}%")
        } else if f % 10 == 0 {
            format!("{w}{d}{}%", f / 10)
        } else {
            format!("{w}{d}{f:02}%")
        }
    }

    /// A decimal written with a point in data (`1.5`) in this language.
    pub fn decimal(self, s: &str) -> String {
        match self {
            Lang::En => s.to_string(),
            Lang::Vi => s.replace('.', ","),
        }
    }

    /// `28/09/2023`.
    pub fn date(self, d: NaiveDate) -> String {
        crate::domain::date::vn(d)
    }

    /// An RFC 3339 time as `02/10/2023 09:15` (the text as it came when it
    /// does not parse).
    pub fn datetime(self, rfc3339: &str) -> String {
        chrono::DateTime::parse_from_rfc3339(rfc3339).map_or_else(
            |_| rfc3339.to_string(),
            |t| t.format("%d/%m/%Y %H:%M").to_string(),
        )
    }

    /// `yes` / `có`.
    pub fn yes_no(self, b: bool) -> &'static str {
        match (self, b) {
            (Lang::En, true) => "yes",
            (Lang::En, false) => "no",
            (Lang::Vi, true) => "có",
            (Lang::Vi, false) => "không",
        }
    }

    /// A list: `a, b and c` / `a, b và c`.
    pub fn list(self, items: &[String]) -> String {
        match items {
            [] => String::new(),
            [one] => one.clone(),
            [rest @ .., last] => format!("{} {} {last}", rest.join(", "), self.pick("and", "và")),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashMap;

    fn env(pairs: &[(&str, &str)]) -> impl Fn(&str) -> Option<String> {
        let m: HashMap<String, String> = pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
        move |k| m.get(k).cloned()
    }

    #[test]
    fn choice_follows_flag_then_variables_in_order() {
        let all = env(&[
            ("THAMDINH_LANG", "vi"),
            ("LC_ALL", "en_US.UTF-8"),
            ("LANG", "en_US.UTF-8"),
        ]);
        assert_eq!(Lang::choose(Some("en"), &all), Lang::En);
        assert_eq!(Lang::choose(None, &all), Lang::Vi);
        assert_eq!(
            Lang::choose(None, env(&[("LC_ALL", "vi_VN.UTF-8"), ("LANG", "C")])),
            Lang::Vi
        );
        // An empty variable is skipped; LC_MESSAGES before LANG.
        assert_eq!(
            Lang::choose(
                None,
                env(&[("LC_ALL", ""), ("LC_MESSAGES", "vi_VN"), ("LANG", "en")])
            ),
            Lang::Vi
        );
        assert_eq!(Lang::choose(None, env(&[("LANG", "C.UTF-8")])), Lang::En);
        assert_eq!(Lang::choose(None, env(&[])), Lang::En);
        assert_eq!(Lang::choose(Some("VI"), env(&[])), Lang::Vi);
    }

    #[test]
    fn money_in_both_languages() {
        let v = Vnd(1_500_000_000);
        assert_eq!(Lang::En.millions(v), "1,500 tr");
        assert_eq!(Lang::Vi.millions(v), "1.500 tr");
        assert_eq!(Lang::En.full(v), "1,500,000,000 đ");
        assert_eq!(Lang::Vi.full(v), "1.500.000.000 đ");
        assert_eq!(Lang::En.short(v), "1.5 bn");
        assert_eq!(Lang::Vi.short(v), "1,5 tỷ");
        assert_eq!(Lang::Vi.short(Vnd(2_000_000_000)), "2 tỷ");
        assert_eq!(Lang::Vi.short(Vnd(800_000_000)), "800 tr");
        assert_eq!(Lang::En.millions(Vnd(35_500_000)), "35.5 tr");
        assert_eq!(Lang::Vi.millions(Vnd(35_500_000)), "35,5 tr");
        assert_eq!(Lang::Vi.millions(Vnd(250_000)), "0,25 tr");
        assert_eq!(Lang::Vi.millions(Vnd(-250_000)), "-0,25 tr");
        assert_eq!(Lang::Vi.millions(Vnd(0)), "0 tr");
        assert_eq!(Lang::Vi.int(12_500), "12.500");
        assert_eq!(Lang::En.int(12_500), "12,500");
    }

    #[test]
    fn shares_dates_and_decimals() {
        assert_eq!(Lang::En.percent_bp(Some(4615)), "46.15%");
        assert_eq!(Lang::Vi.percent_bp(Some(4615)), "46,15%");
        assert_eq!(Lang::Vi.percent_bp(Some(3750)), "37,5%");
        assert_eq!(Lang::Vi.percent_bp(Some(4000)), "40%");
        assert_eq!(Lang::Vi.percent_bp(None), "—%");
        assert_eq!(Lang::Vi.decimal("1.5"), "1,5");
        assert_eq!(Lang::En.decimal("1.5"), "1.5");
        let d = NaiveDate::from_ymd_opt(2023, 9, 12).expect("date");
        assert_eq!(Lang::Vi.date(d), "12/09/2023");
        assert_eq!(Lang::En.date(d), "12/09/2023");
        assert_eq!(
            Lang::Vi.datetime("2023-10-02T09:15:00+07:00"),
            "02/10/2023 09:15"
        );
        assert_eq!(Lang::Vi.datetime("hôm qua"), "hôm qua");
        let l = ["a".to_string(), "b".into(), "c".into()];
        assert_eq!(Lang::Vi.list(&l), "a, b và c");
        assert_eq!(Lang::En.list(&l[..1]), "a");
    }
}
