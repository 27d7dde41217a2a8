//! The texts of the letters and the report, read from `data/papers.toml`
//! (Vietnamese, editable by an official) and validated: every `{name}` in
//! a text must be one of the placeholders of that text, else an error
//! names the file and the line. `{{` and `}}` write a brace. Pure: the
//! caller hands in the file's name and contents.

use crate::domain::rules::{RulesError, line_of};
use crate::domain::text::clean_multiline;
use serde::Deserialize;
use toml::Spanned;

/// File name of the texts of the letters and the report.
pub const PAPERS_FILE: &str = "papers.toml";

/// The copy of `data/papers.toml` compiled into the binary.
pub const BUNDLED_PAPERS: &str = include_str!("../../../data/papers.toml");

#[derive(Debug, Clone, PartialEq, Eq)]
enum Seg {
    Lit(String),
    Var(&'static str),
}

/// A text with placeholders, checked against the placeholders its place
/// allows.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Text {
    segs: Vec<Seg>,
}

/// A problem in one text: where in the text (byte offset) and what.
struct Bad {
    at: usize,
    /// The `{name}` written, to find it in the file.
    written: Option<String>,
    message: String,
}

impl Bad {
    fn unclosed(at: usize) -> Bad {
        Bad {
            at,
            written: None,
            message: "a `{` that is never closed (write `{{` for a brace)".into(),
        }
    }
}

impl Text {
    /// Parse `s`, allowing the placeholders `allowed`.
    fn parse(s: &str, allowed: &[&'static str]) -> Result<Text, Bad> {
        let mut segs = Vec::new();
        let mut lit = String::new();
        let mut rest = s;
        let mut at = 0;
        while let Some(i) = rest.find(['{', '}']) {
            lit.push_str(&rest[..i]);
            let tail = &rest[i..];
            if tail.starts_with("{{") || tail.starts_with("}}") {
                lit.push_str(&tail[..1]);
                rest = &tail[2..];
                at += i + 2;
                continue;
            }
            if tail.starts_with('}') {
                return Err(Bad {
                    at: at + i,
                    written: None,
                    message: "a lone `}` (write `}}` for a brace)".into(),
                });
            }
            let Some(end) = tail.find('}') else {
                return Err(Bad::unclosed(at + i));
            };
            let name = &tail[1..end];
            if name.contains(['{', '\n']) {
                return Err(Bad::unclosed(at + i));
            }
            let Some(known) = allowed.iter().find(|a| **a == name.trim()) else {
                let known = if allowed.is_empty() {
                    "this text has none".to_string()
                } else {
                    format!("known here: {}", allowed.join(", "))
                };
                return Err(Bad {
                    at: at + i,
                    written: Some(tail[..=end].to_string()),
                    message: format!("unknown placeholder {{{name}}} ({known})"),
                });
            };
            if !lit.is_empty() {
                segs.push(Seg::Lit(std::mem::take(&mut lit)));
            }
            segs.push(Seg::Var(known));
            rest = &tail[end + 1..];
            at += i + end + 1;
        }
        lit.push_str(rest);
        if !lit.is_empty() {
            segs.push(Seg::Lit(lit));
        }
        Ok(Text { segs })
    }

    /// The text with each placeholder replaced by `value(name)`.
    pub fn fill(&self, value: &dyn Fn(&str) -> String) -> String {
        let mut out = String::new();
        for s in &self.segs {
            match s {
                Seg::Lit(l) => out.push_str(l),
                Seg::Var(v) => out.push_str(&value(v)),
            }
        }
        out
    }

    /// The text of one without placeholders.
    pub fn plain(&self) -> String {
        self.fill(&|_| String::new())
    }
}

/// A text split into paragraphs at blank lines (each trimmed, lines of a
/// paragraph joined by a space).
pub fn paragraphs(s: &str) -> Vec<String> {
    s.split("\n\n")
        .map(|p| p.split_whitespace().collect::<Vec<_>>().join(" "))
        .filter(|p| !p.is_empty())
        .collect()
}

/// A text split into its non-empty lines, trimmed.
pub fn lines(s: &str) -> Vec<String> {
    s.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .map(str::to_string)
        .collect()
}

struct Src<'a> {
    file: &'a str,
    text: &'a str,
}

impl Src<'_> {
    fn err(&self, line: Option<usize>, message: String) -> RulesError {
        RulesError {
            file: self.file.to_string(),
            line,
            message,
        }
    }

    /// Parse one text of table `table`, key `key`.
    fn text(
        &self,
        table: &str,
        key: &str,
        raw: &Spanned<String>,
        allowed: &[&'static str],
    ) -> Result<Text, RulesError> {
        let value = clean_multiline(raw.get_ref());
        Text::parse(&value, allowed).map_err(|bad| {
            let span = raw.span();
            let source = self.text.get(span.clone()).unwrap_or("");
            // The placeholder as written in the file, else the line within
            // the value (a `"""` string starts on the next line).
            let offset = bad
                .written
                .as_deref()
                .and_then(|w| source.find(w))
                .unwrap_or_else(|| {
                    let before = value[..bad.at.min(value.len())].matches('\n').count();
                    let skip =
                        usize::from(source.starts_with("\"\"\"\n") || source.starts_with("'''\n"));
                    match before + skip {
                        0 => 0,
                        n => source
                            .match_indices('\n')
                            .nth(n - 1)
                            .map_or(0, |(i, _)| i + 1),
                    }
                });
            self.err(
                Some(line_of(self.text, span.start + offset)),
                format!("[{table}] {key}: {}", bad.message),
            )
        })
    }
}

/// Declares a table of texts: the struct of parsed [`Text`]s, its raw
/// TOML form, and the placeholders each text allows.
macro_rules! texts {
    ($(#[$m:meta])* $name:ident, $raw:ident, $table:literal {
        $($(#[$fm:meta])* $field:ident: [$($var:literal),*]),* $(,)?
    }) => {
        $(#[$m])*
        #[derive(Debug, Clone, PartialEq, Eq, Default)]
        pub struct $name {
            $($(#[$fm])* pub $field: Text,)*
        }

        #[derive(Deserialize)]
        #[serde(deny_unknown_fields)]
        struct $raw {
            $($field: Spanned<String>,)*
        }

        impl $name {
            /// Every text of the table with its placeholders.
            pub const PLACEHOLDERS: &'static [(&'static str, &'static [&'static str])] =
                &[$((stringify!($field), &[$($var),*])),*];

            fn parse(src: &Src, raw: &$raw) -> Result<$name, RulesError> {
                Ok($name {
                    $($field: src.text($table, stringify!($field), &raw.$field, &[$($var),*])?,)*
                })
            }
        }
    };
}

texts! {
    /// What every paper has: the heading and the signature.
    Common, CommonRaw, "common" {
        /// `BỘ CÔNG THƯƠNG`.
        governing_body: [],
        /// The agency, in bold under it.
        issuing_body: [],
        /// `Hà Nội, ngày … tháng … năm {year}`.
        place_date: ["year"],
        /// The centrally-run cities (a `thành phố`, not a `tỉnh`), by commas.
        cities: [],
        /// `Nơi nhận:`.
        recipients_title: [],
        /// The signer's title, one line each.
        signer: [],
    }
}

texts! {
    /// The return letter to a province.
    LetterTexts, LetterRaw, "letter" {
        number: ["plan_year"],
        subject: ["plan_year", "province", "province_full", "count"],
        recipient: ["province", "province_full"],
        opening: ["plan_year", "province", "province_full", "count"],
        dossier: ["index", "code", "title", "category"],
        beneficiary: ["beneficiary"],
        unit: ["unit"],
        reason: ["reason"],
        no_reason: [],
        unmet: [],
        unmet_item: ["item", "evidence"],
        unmet_citation: ["item", "evidence", "citation"],
        /// The evidence of a manual item the appraiser did not confirm.
        not_confirmed: [],
        resend: ["documents"],
        resend_revised: [],
        closing: ["plan_year", "province", "province_full"],
        recipients: ["province", "province_full"],
    }
}

texts! {
    /// The report of the appraisal's result.
    ReportTexts, ReportRaw, "report" {
        number: ["plan_year"],
        title: ["plan_year"],
        subtitle: ["plan_year"],
        intro: ["plan_year", "count", "categories"],
        category: ["index", "category", "plan_year"],
        allocation: ["allocation"],
        no_allocation: [],
        columns: [],
        within_yes: [],
        within_no: [],
        unscored: [],
        cut_line: ["allocation", "cumulative"],
        all_within: ["allocation"],
        empty: [],
        counts: ["count", "requested", "approved", "approved_vnd", "returned", "returned_vnd", "pending"],
        within: ["within", "within_vnd"],
        overrides: [],
        override_item: ["code", "province", "title", "reason", "author", "at"],
        no_override_reason: [],
        no_overrides: [],
        closing: ["plan_year"],
        recipients: ["plan_year"],
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Raw {
    common: CommonRaw,
    letter: LetterRaw,
    report: ReportRaw,
}

/// Every text of the letters and the report.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Templates {
    pub common: Common,
    pub letter: LetterTexts,
    pub report: ReportTexts,
}

impl Templates {
    /// Parse and check a texts file; errors name `file` and the line.
    pub fn parse(file: &str, text: &str) -> Result<Templates, RulesError> {
        let src = Src { file, text };
        let raw: Raw = toml::from_str(text).map_err(|e| {
            let msg = e.message().trim().replace('\n', " ");
            src.err(e.span().map(|s| line_of(text, s.start)), msg)
        })?;
        Ok(Templates {
            common: Common::parse(&src, &raw.common)?,
            letter: LetterTexts::parse(&src, &raw.letter)?,
            report: ReportTexts::parse(&src, &raw.report)?,
        })
    }

    /// The bundled texts (tested to load; a failure is a build defect).
    pub fn bundled() -> Templates {
        match Templates::parse(&format!("data/{PAPERS_FILE}"), BUNDLED_PAPERS) {
            Ok(t) => t,
            Err(e) => panic!("the bundled texts of the papers are invalid: {e}"),
        }
    }

    /// A province as the recipient line names it: `tỉnh Gia Lai`,
    /// `thành phố Hà Nội` (a city of [`Common::cities`]); as written when
    /// it already says `tỉnh`, `thành phố` or `TP`.
    pub fn province_full(&self, province: &str) -> String {
        use crate::domain::text::fold;
        let p = province.trim();
        let f = fold(p);
        if f.starts_with("tinh ") || f.starts_with("thanh pho ") || f.starts_with("tp") {
            return p.to_string();
        }
        let cities = self.common.cities.plain();
        let city = cities.split(',').any(|c| fold(c.trim()) == f);
        format!("{} {p}", if city { "thành phố" } else { "tỉnh" })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_bundled_texts_load() {
        let t = Templates::bundled();
        assert!(t.letter.subject.plain().starts_with("V/v"));
        assert_eq!(t.province_full("Gia Lai"), "tỉnh Gia Lai");
        assert_eq!(t.province_full("Hà Nội"), "thành phố Hà Nội");
        assert_eq!(t.province_full("ha noi"), "thành phố ha noi");
        assert_eq!(t.province_full("TP. Hồ Chí Minh"), "TP. Hồ Chí Minh");
    }

    #[test]
    fn placeholders_fill_and_braces_escape() {
        let t = Text::parse("{a} và {{b}} {a}", &["a"]).map_err(|b| b.message);
        let t = t.expect("parses");
        assert_eq!(t.fill(&|v| format!("<{v}>")), "<a> và {b} <a>");
    }

    fn error_of(edit: impl Fn(&str) -> String) -> RulesError {
        let text = edit(BUNDLED_PAPERS);
        Templates::parse("sửa/papers.toml", &text).expect_err("refused")
    }

    fn line_with(text: &str, needle: &str) -> usize {
        text.lines()
            .position(|l| l.contains(needle))
            .map_or(0, |i| i + 1)
    }

    #[test]
    fn an_unknown_placeholder_names_file_and_line() {
        let edit = |s: &str| s.replacen("{province_full}", "{tinh}", 1);
        let e = error_of(edit);
        assert_eq!(e.file, "sửa/papers.toml");
        assert_eq!(e.line, Some(line_with(&edit(BUNDLED_PAPERS), "{tinh}")));
        assert!(e.message.contains("unknown placeholder {tinh}"), "{e}");
        assert!(e.message.contains("province_full"), "{e}");
        // A placeholder of another text is unknown in this one.
        let edit = |s: &str| s.replacen("Kính gửi:", "Kính gửi {code}:", 1);
        let e = error_of(edit);
        assert_eq!(e.line, Some(line_with(&edit(BUNDLED_PAPERS), "{code}")));
        assert!(e.message.starts_with("[letter] recipient:"), "{e}");
    }

    #[test]
    fn a_placeholder_deep_in_a_long_text_is_found_on_its_line() {
        let edit = |s: &str| s.replacen("Trân trọng", "Trân {trong}", 1);
        let e = error_of(edit);
        assert_eq!(e.line, Some(line_with(&edit(BUNDLED_PAPERS), "{trong}")));
    }

    #[test]
    fn unclosed_braces_and_unknown_keys_are_located() {
        let edit = |s: &str| s.replacen("V/v", "V/v {plan_year", 1);
        let e = error_of(edit);
        assert_eq!(
            e.line,
            Some(line_with(&edit(BUNDLED_PAPERS), "{plan_year "))
        );
        assert!(e.message.contains("never closed"), "{e}");
        let edit = |s: &str| s.replacen("[letter]\n", "[letter]\nsubjet = \"x\"\n", 1);
        let e = error_of(edit);
        assert_eq!(e.line, Some(line_with(&edit(BUNDLED_PAPERS), "subjet")));
        assert!(e.message.contains("subjet"), "{e}");
    }
}
