//! The case table format of `tests/fixtures/query/cases.tsv`, read by the
//! domain's unit tests and by the CLI's (`list --query`) integration test,
//! so both run exactly the same cases: a query, a tab, the codes it keeps
//! (any order), `-` for none, or `error` for a query to refuse. `\uXXXX`
//! in a query stands for that character (NFD input, for instance).

/// What a query must give.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Expect {
    /// Exactly these codes, sorted.
    Codes(Vec<String>),
    /// A refusal.
    Error,
}

/// One case of the table.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Case {
    pub query: String,
    pub expect: Expect,
}

/// `\u0300` → the character; anything malformed is left as written.
fn unescape(s: &str) -> String {
    let mut out = String::new();
    let mut rest = s;
    while let Some(i) = rest.find("\\u") {
        out.push_str(&rest[..i]);
        let c = rest
            .get(i + 2..i + 6)
            .and_then(|h| u32::from_str_radix(h, 16).ok())
            .and_then(char::from_u32);
        match c {
            Some(c) => {
                out.push(c);
                rest = &rest[i + 6..];
            }
            None => {
                out.push_str("\\u");
                rest = &rest[i + 2..];
            }
        }
    }
    out.push_str(rest);
    out
}

/// The cases of a table (comments and blank lines skipped).
pub fn parse(text: &str) -> Vec<Case> {
    text.lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .filter_map(|l| l.split_once('\t'))
        .map(|(q, want)| Case {
            query: unescape(q),
            expect: match want.trim() {
                "error" => Expect::Error,
                "-" => Expect::Codes(Vec::new()),
                codes => {
                    let mut v: Vec<String> = codes.split(' ').map(str::to_string).collect();
                    v.sort();
                    Expect::Codes(v)
                }
            },
        })
        .collect()
}

/// Compare what a query gave with the case; `None` when it agrees, else
/// what differs.
pub fn check(case: &Case, got: Result<Vec<String>, String>) -> Option<String> {
    let q = &case.query;
    match (got, &case.expect) {
        (Err(_), Expect::Error) => None,
        (Err(e), _) => Some(format!("{q:?}: refused: {e}")),
        (Ok(got), Expect::Error) => Some(format!("{q:?}: should be refused, kept {got:?}")),
        (Ok(mut got), Expect::Codes(want)) => {
            got.sort();
            (got != *want).then(|| format!("{q:?}: kept {got:?}, expected {want:?}"))
        }
    }
}
