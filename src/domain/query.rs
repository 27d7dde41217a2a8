//! The query language of `search.md`: one parser and one matcher for the
//! TUI's `/` filter and `list --query`, so the two always agree.
//!
//! A filter decides what a batch acts on, so it is precise: every term must
//! occur at the start of a word of a searched field (code, title,
//! beneficiary, province, implementing unit, district, commune), with smart
//! diacritics (a term without diacritics matches with or without them; a
//! term with any diacritic or `đ` matches them exactly). Qualifiers
//! (`p:`, `c:`, `s:`, `is:`, `by:`, `score:`, `national:`, `year:`) narrow
//! by field. Fuzzy matching is only a fallback the caller asks for, or a
//! `~term`.
//!
//! The audit log view filters its entries with the same language
//! ([`Query::parse_log`]): the entry's code, author, action and texts are
//! its searched fields, `by:` is the entry's author, and `a:`/`action:`
//! (log only) its action (`a:approve`, `a:tick`); `c:` is the category of
//! the entry's dossier. The queue's other qualifiers mean nothing for an
//! entry and are refused there, as `a:` is in the queue.
//!
//! Matching works on a [`Doc`]: the searched fields of a dossier prepared
//! once (lowercased and folded, char for char), so each keystroke only
//! compares.

use crate::domain::checklist::Standing;
use crate::domain::text::{fold_char, nfc};
use crate::domain::{Category, CategoryAliases, Status, Vnd};

/// The searched fields, in the order results prefer them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Field {
    Code,
    Title,
    Beneficiary,
    Province,
    Unit,
    District,
    Commune,
    /// An audit entry's author (and OS login).
    Author,
    /// An audit entry's action (`approve`, `tick`, …).
    Action,
    /// An audit entry's reason and detail.
    Entry,
}

impl Field {
    pub const ALL: [Field; 10] = [
        Field::Code,
        Field::Title,
        Field::Beneficiary,
        Field::Province,
        Field::Unit,
        Field::District,
        Field::Commune,
        Field::Author,
        Field::Action,
        Field::Entry,
    ];

    fn rank(self) -> u32 {
        match self {
            Field::Code => 0,
            Field::Title => 1,
            _ => 2,
        }
    }
}

/// Folded chars indexed by position: bytes when all are ASCII (as
/// Vietnamese folds).
#[derive(Debug, Clone, PartialEq, Eq)]
enum Chars {
    Ascii(Box<[u8]>),
    Wide(Box<[char]>),
}

impl Default for Chars {
    fn default() -> Self {
        Chars::Ascii(Box::default())
    }
}

impl Chars {
    fn fold(text: &str) -> Chars {
        if text.is_ascii() {
            return Chars::Ascii(text.bytes().map(|b| b.to_ascii_lowercase()).collect());
        }
        let chars: Vec<char> = text.chars().map(fold1).collect();
        if chars.iter().all(char::is_ascii) {
            Chars::Ascii(chars.into_iter().map(|c| c as u8).collect())
        } else {
            Chars::Wide(chars.into_boxed_slice())
        }
    }

    fn slice(&self, from: usize, to: usize) -> Slice<'_> {
        match self {
            Chars::Ascii(b) => Slice::Ascii(b.get(from..to).unwrap_or_default()),
            Chars::Wide(c) => Slice::Wide(c.get(from..to).unwrap_or_default()),
        }
    }
}

/// Part of [`Chars`]: the folded chars of one searched text.
#[derive(Debug, Clone, Copy)]
enum Slice<'a> {
    Ascii(&'a [u8]),
    Wide(&'a [char]),
}

impl Slice<'_> {
    fn len(&self) -> usize {
        match self {
            Slice::Ascii(b) => b.len(),
            Slice::Wide(c) => c.len(),
        }
    }

    fn get(&self, i: usize) -> Option<char> {
        match self {
            Slice::Ascii(b) => b.get(i).map(|&b| char::from(b)),
            Slice::Wide(c) => c.get(i).copied(),
        }
    }

    /// Do the chars from `i` on begin with `pat`?
    fn has_at(&self, i: usize, pat: &[char]) -> bool {
        if self.len() < i + pat.len() {
            return false;
        }
        match self {
            Slice::Ascii(b) => b[i..i + pat.len()]
                .iter()
                .zip(pat)
                .all(|(&b, &c)| char::from(b) == c),
            Slice::Wide(w) => w[i..i + pat.len()] == *pat,
        }
    }

    fn iter(&self) -> impl Iterator<Item = char> + '_ {
        (0..self.len()).filter_map(|i| self.get(i))
    }
}

/// Lowercase one char to one char (Vietnamese never needs more).
fn lower1(c: char) -> char {
    if c.is_ascii() {
        return c.to_ascii_lowercase();
    }
    c.to_lowercase().next().unwrap_or(c)
}

thread_local! {
    /// Folds of the non-ASCII characters seen so far: Vietnamese text uses
    /// a few hundred, so preparing 100,000 rows folds each of them once.
    static FOLDS: std::cell::RefCell<std::collections::HashMap<char, char>> =
        std::cell::RefCell::new(std::collections::HashMap::new());
}

/// Fold one char to one char: lowercase, no diacritics, `đ` → `d`.
fn fold1(c: char) -> char {
    if c.is_ascii() {
        return c.to_ascii_lowercase();
    }
    FOLDS.with(|f| {
        *f.borrow_mut().entry(c).or_insert_with(|| {
            let mut s = String::new();
            fold_char(c, &mut s);
            s.chars().next().unwrap_or_else(|| lower1(c))
        })
    })
}

/// One searched text as the matcher sees it: its folded chars, and the
/// original text they fold one for one (so a match position is a char
/// index into the original, and a term with diacritics is checked against
/// the original's lowercase, char by char, only where the folded term
/// matched).
#[derive(Debug, Clone, Copy)]
struct Text<'a> {
    folded: Slice<'a>,
    original: &'a str,
}

impl Text<'_> {
    fn len(&self) -> usize {
        self.folded.len()
    }

    /// Is char `i` a letter or digit?
    fn alnum(&self, i: usize) -> bool {
        self.folded.get(i).is_some_and(|c| c.is_alphanumeric())
    }

    /// Does a word start at char `i`? A word is a run of letters and
    /// digits, so `-` and `.` in codes start words too (`KC24-GL-007`).
    fn word_start(&self, i: usize) -> bool {
        self.alnum(i) && (i == 0 || !self.alnum(i - 1))
    }

    /// Index of the word that starts at or contains char `i`.
    fn word_index(&self, i: usize) -> usize {
        (1..=i).filter(|&j| self.word_start(j)).count()
    }

    /// Does `pat` match at char `i` (no word-start check)?
    fn matches_at(&self, i: usize, pat: &Pattern) -> bool {
        if !self.folded.has_at(i, &pat.folded) {
            return false;
        }
        !pat.exact
            || self
                .original
                .chars()
                .skip(i)
                .map(lower1)
                .take(pat.chars.len())
                .eq(pat.chars.iter().copied())
    }

    /// Does the word matched at `i` by `pat` end there (a whole-word match)?
    fn ends_word(&self, end: usize) -> bool {
        !self.alnum(end)
    }
}

/// The status an `s:` value names (`pending`, `chờ`, `đã duyệt`), if
/// exactly one.
pub fn status_named(value: &str) -> Option<Status> {
    match parse::statuses_named(value).as_slice() {
        [one] => Some(*one),
        _ => None,
    }
}

/// How the interface writes a status after `s:`: the id in English, a
/// short Vietnamese name (`chờ`, `duyệt`, `trả`) that `s:` reads back.
pub fn status_word(status: Status, lang: crate::domain::Lang) -> &'static str {
    match lang {
        crate::domain::Lang::En => status.id(),
        crate::domain::Lang::Vi => match status {
            Status::Pending => "chờ",
            Status::Approved => "duyệt",
            Status::Returned => "trả",
        },
    }
}

/// How the interface writes a qualifier's name: the short one in English
/// (`s`, `c`, `p`), its Vietnamese name in Vietnamese (`tt`, `loại`,
/// `tỉnh`) — both read back as the same qualifier.
pub fn qualifier_word(name: &str, lang: crate::domain::Lang) -> &str {
    match (lang, name) {
        (crate::domain::Lang::Vi, "s") => "tt",
        (crate::domain::Lang::Vi, "c") => "loại",
        (crate::domain::Lang::Vi, "p") => "tỉnh",
        (crate::domain::Lang::Vi, "is") => "là",
        _ => name,
    }
}

/// How the interface writes "assigned to me": `is:mine`, in Vietnamese
/// `là:củatôi` (both read back by `is:`).
pub fn mine_word(lang: crate::domain::Lang) -> &'static str {
    lang.pick("is:mine", "là:củatôi")
}

/// True when `term` is the `is:mine` condition in any of its spellings.
pub fn is_mine_term(term: &str) -> bool {
    Query::parse(term, &CategoryAliases::ids_only())
        .is_ok_and(|q| matches!(q.conds.as_slice(), [(false, Cond::Mine)]))
}

/// A word (or one word of a phrase) to look for, as typed.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Pattern {
    /// Lowercased (exact) or folded chars.
    chars: Vec<char>,
    /// Folded chars (the same as `chars` unless exact).
    folded: Vec<char>,
    /// Written with a diacritic or `đ`: compared with the lowercased text;
    /// else with the folded text.
    exact: bool,
}

impl Pattern {
    fn new(word: &str) -> Pattern {
        let lower: Vec<char> = word.chars().map(lower1).collect();
        let folded: Vec<char> = word.chars().map(fold1).collect();
        let exact = lower != folded;
        Pattern {
            chars: if exact { lower } else { folded.clone() },
            folded,
            exact,
        }
    }
}

/// Comparisons of `score:`, `national:`, `year:`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Cmp {
    Eq,
    Gt,
    Ge,
    Lt,
    Le,
}

impl Cmp {
    fn holds(self, a: i64, b: i64) -> bool {
        match self {
            Cmp::Eq => a == b,
            Cmp::Gt => a > b,
            Cmp::Ge => a >= b,
            Cmp::Lt => a < b,
            Cmp::Le => a <= b,
        }
    }
}

/// A condition of the query.
#[derive(Debug, Clone, PartialEq)]
enum Cond {
    /// Words adjacent and in order in one field (a single word is a phrase
    /// of one).
    Text(Vec<Pattern>),
    /// `~term`: the folded term as a subsequence of one field.
    Fuzzy(Vec<char>),
    Province(Vec<Pattern>),
    Category(Vec<Category>),
    Status(Status),
    Failing,
    Ok,
    /// `is:incomplete`: nothing mandatory fails, something waits.
    Incomplete,
    Scored,
    Unscored,
    Marked,
    /// The appraisers' totals are further apart than the council allows.
    Disputed,
    /// Assigned to the user asking.
    Mine,
    By(Vec<Pattern>),
    /// Assigned to that appraiser.
    To(Vec<Pattern>),
    Action(Vec<Pattern>),
    Score(Cmp, i64),
    National(Cmp, i64),
    Year(Cmp, i64),
}

/// A parsed query.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Query {
    /// (negated, condition); all must hold.
    conds: Vec<(bool, Cond)>,
}

/// What a query is matched against: it decides which qualifiers apply.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scope {
    /// Dossiers (the queue, `list --query`).
    Dossiers,
    /// Audit log entries (the log view).
    Log,
}

impl Scope {
    /// The qualifiers that mean something in this scope, as said in errors.
    fn qualifiers(self) -> &'static str {
        match self {
            Scope::Dossiers => "p: c: s: is: by: to: score: national: year:",
            Scope::Log => "a: by: c:",
        }
    }

    /// The same names as Vietnamese writes them (each is an alias).
    fn qualifiers_vi(self) -> &'static str {
        match self {
            Scope::Dossiers => "tỉnh: loại: tt: là: bởi: giao: điểm: kp: năm:",
            Scope::Log => "thaotác: bởi: loại:",
        }
    }

    fn allows(self, q: &str) -> bool {
        match self {
            Scope::Dossiers => q != "a",
            Scope::Log => matches!(q, "a" | "by" | "c"),
        }
    }
}

impl Query {
    /// Parse a query. `aliases` resolves `c:` values (ids, names and the
    /// provinces' aliases, matched at the start of a word).
    pub fn parse(input: &str, aliases: &CategoryAliases) -> Result<Query, QueryError> {
        Query::parse_in(input, aliases, Scope::Dossiers)
    }

    /// Parse a filter of the audit log (see the module docs).
    pub fn parse_log(input: &str, aliases: &CategoryAliases) -> Result<Query, QueryError> {
        Query::parse_in(input, aliases, Scope::Log)
    }

    fn parse_in(input: &str, aliases: &CategoryAliases, scope: Scope) -> Result<Query, QueryError> {
        let input = nfc(input);
        let mut conds = Vec::new();
        for raw in split(&input)? {
            let (neg, term) = match raw.strip_prefix('-') {
                Some(rest) if !rest.is_empty() => (true, rest),
                _ => (false, raw.as_str()),
            };
            if let Some(rest) = term.strip_prefix('~') {
                let chars: Vec<char> = rest
                    .trim_matches('"')
                    .chars()
                    .map(fold1)
                    .filter(|c| !c.is_whitespace())
                    .collect();
                if !chars.is_empty() {
                    conds.push((neg, Cond::Fuzzy(chars)));
                }
                continue;
            }
            if !term.starts_with('"')
                && let Some((name, value)) = term.split_once(':')
                && !name.is_empty()
                && name.chars().all(|c| c.is_alphabetic())
            {
                let Some(q) = canonical_qualifier(name).filter(|q| scope.allows(q)) else {
                    return Err(QueryError::NotAQualifierHere {
                        name: name.to_string(),
                        known: (scope.qualifiers(), scope.qualifiers_vi()),
                    });
                };
                conds.push((neg, qualifier(q, name, value, aliases)?));
                continue;
            }
            let pats = words(term);
            if !pats.is_empty() {
                conds.push((neg, Cond::Text(pats)));
            }
        }
        Ok(Query { conds })
    }

    /// A blank query (everything matches, in queue order).
    pub fn is_empty(&self) -> bool {
        self.conds.is_empty()
    }

    /// The query has search terms (not only qualifiers): results are then
    /// ordered by how well they match.
    pub fn has_terms(&self) -> bool {
        self.conds
            .iter()
            .any(|(neg, c)| !neg && matches!(c, Cond::Text(_) | Cond::Fuzzy(_)))
    }

    /// The query uses `is:marked` (its result changes with the marks).
    pub fn uses_marks(&self) -> bool {
        self.conds.iter().any(|(_, c)| *c == Cond::Marked)
    }

    /// The query needs what only the database knows beyond the queue row:
    /// the checklist state (`is:failing`, `is:ok`, `is:incomplete`) or who
    /// last acted (`by:`).
    pub fn needs_facts(&self) -> bool {
        self.conds
            .iter()
            .any(|(_, c)| matches!(c, Cond::Failing | Cond::Ok | Cond::Incomplete | Cond::By(_)))
    }

    /// True when every dossier matching `longer` also matches `shorter`
    /// for certain, so a search for `longer` may look only at the matches
    /// of `shorter`: `longer` only adds characters, and `shorter` holds only
    /// conditions that adding characters can narrow (positive words,
    /// phrases and names; not exclusions, numbers or fuzzy terms).
    /// The one status `s:VALUE` names (`chờ`, `đã duyệt`, `pending`), as
    /// the query language reads it; for `--status`.
    pub fn status_named(value: &str) -> Option<Status> {
        let q = Query::parse(
            &format!("s:\"{}\"", value.trim()),
            &CategoryAliases::ids_only(),
        )
        .ok()?;
        match q.conds.as_slice() {
            [(false, Cond::Status(s))] => Some(*s),
            _ => None,
        }
    }

    /// The one category `c:VALUE` names (`máy móc`, `machinery`,
    /// `typical`), as the query language reads it; for `--category`.
    pub fn category_named(value: &str, aliases: &CategoryAliases) -> Option<Category> {
        let q = Query::parse(&format!("c:\"{}\"", value.trim()), aliases).ok()?;
        match q.conds.as_slice() {
            [(false, Cond::Category(c))] if c.len() == 1 => c.first().copied(),
            _ => None,
        }
    }

    pub fn narrows(shorter: &str, longer: &str, aliases: &CategoryAliases) -> bool {
        if !longer.starts_with(shorter) || shorter.trim().is_empty() {
            return false;
        }
        let (Ok(a), Ok(b)) = (
            Query::parse(shorter, aliases),
            Query::parse(longer, aliases),
        ) else {
            return false;
        };
        // The longer query keeps every condition of the shorter one, only
        // its last may grow, and it must stay of its kind: `s` (a word)
        // becoming `s:chờ` (a status) is not a narrowing.
        let n = a.conds.len();
        if n == 0 || b.conds.len() < n {
            return false;
        }
        let kept = a.conds[..n - 1] == b.conds[..n - 1];
        let same_kind = std::mem::discriminant(&a.conds[n - 1].1)
            == std::mem::discriminant(&b.conds[n - 1].1)
            && a.conds[n - 1].0 == b.conds[n - 1].0;
        if !kept || !same_kind {
            return false;
        }
        a.conds.iter().all(|(neg, c)| {
            !neg && matches!(
                c,
                Cond::Text(_)
                    | Cond::Province(_)
                    | Cond::Category(_)
                    | Cond::By(_)
                    | Cond::Action(_)
                    | Cond::Status(_)
                    | Cond::Failing
                    | Cond::Ok
                    | Cond::Incomplete
                    | Cond::Scored
                    | Cond::Unscored
            )
        })
    }

    /// Does `doc` match (`marked`: it is marked in this session)? Returns
    /// its rank (lower is better) and the matched spans (field, first char,
    /// length) for highlighting.
    pub fn matches(&self, doc: &Doc, marked: bool) -> Option<Hit> {
        let mut hit = Hit::default();
        for (neg, cond) in &self.conds {
            if *cond == Cond::Marked {
                if marked == *neg {
                    return None;
                }
                continue;
            }
            let found = eval(cond, doc, if *neg { None } else { Some(&mut hit) });
            if found == *neg {
                return None;
            }
        }
        Some(hit)
    }

    /// The same query with every search term matched fuzzily (the
    /// fallback offered, labelled, when the precise terms match nothing).
    pub fn fuzzy(&self) -> Query {
        Query {
            conds: self
                .conds
                .iter()
                .map(|(neg, c)| match c {
                    Cond::Text(pats) if !neg => (
                        false,
                        Cond::Fuzzy(
                            pats.iter()
                                .flat_map(|p| p.chars.iter().map(|&c| fold1(c)))
                                .collect(),
                        ),
                    ),
                    other => (*neg, other.clone()),
                })
                .collect(),
        }
    }
}

/// Where the words of `pats` occur adjacent and in order at word starts of
/// `text`: the first char and the length in chars, and whether the last
/// word matched whole. The earliest occurrence, preferring whole words.
fn phrase_in(text: Text<'_>, pats: &[Pattern]) -> Option<(usize, usize)> {
    phrase_all(text, pats).next().map(|(s, l, _)| (s, l))
}

/// Every occurrence of a phrase: (first char, length, whole last word).
fn phrase_all<'a>(
    text: Text<'a>,
    pats: &'a [Pattern],
) -> impl Iterator<Item = (usize, usize, bool)> + 'a {
    (0..text.len()).filter_map(move |start| {
        if pats.is_empty() || !text.word_start(start) {
            return None;
        }
        let mut i = start;
        for (k, p) in pats.iter().enumerate() {
            if !text.word_start(i) || !text.matches_at(i, p) {
                return None;
            }
            let end = i + p.chars.len();
            let last = k + 1 == pats.len();
            if !last {
                // Inner words are whole words, followed by a separator
                // within the same field.
                if !text.ends_word(end) {
                    return None;
                }
                let mut j = end;
                while j < text.len() && !text.alnum(j) {
                    j += 1;
                }
                if j == end || j >= text.len() {
                    return None;
                }
                i = j;
            } else {
                return Some((start, end - start, text.ends_word(end)));
            }
        }
        None
    })
}

/// Where a folded subsequence occurs in a field: its char positions.
fn subsequence(text: Text<'_>, chars: &[char]) -> Option<Vec<usize>> {
    let mut out = Vec::with_capacity(chars.len());
    let mut it = chars.iter().peekable();
    for (i, c) in text.folded.iter().enumerate() {
        match it.peek() {
            Some(&&want) if want == c => {
                out.push(i);
                it.next();
            }
            Some(_) => {}
            None => break,
        }
    }
    if it.peek().is_none() { Some(out) } else { None }
}

/// What matched, for ordering and highlighting.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Hit {
    /// Lower is better: whole words before prefixes, code before title
    /// before the rest, earlier words before later ones (0 for a query of
    /// qualifiers only).
    pub rank: u32,
    /// Matched spans: (field, first char, length in chars).
    pub spans: Vec<(Field, usize, usize)>,
}

impl Hit {
    /// The matched char positions in one field.
    pub fn positions(&self, field: Field) -> Vec<usize> {
        let mut out: Vec<usize> = self
            .spans
            .iter()
            .filter(|(f, _, _)| *f == field)
            .flat_map(|&(_, s, l)| s..s + l)
            .collect();
        out.sort_unstable();
        out.dedup();
        out
    }
}

/// Evaluate one condition; a positive one records its best match in `hit`.
fn eval(cond: &Cond, doc: &Doc, hit: Option<&mut Hit>) -> bool {
    match cond {
        Cond::Text(pats) => {
            let mut best: Option<(u32, Field, usize, usize)> = None;
            let mut spans = Vec::new();
            for (field, text) in doc.fields() {
                for (start, len, whole) in phrase_all(text, pats) {
                    let rank = if whole { 0 } else { 1000 }
                        + field.rank() * 100
                        + text.word_index(start).min(99) as u32;
                    spans.push((field, start, len));
                    if best.is_none_or(|b| rank < b.0) {
                        best = Some((rank, field, start, len));
                    }
                }
            }
            match (best, hit) {
                (Some((rank, ..)), Some(h)) => {
                    h.rank = h.rank.saturating_add(rank);
                    h.spans.extend(spans);
                    true
                }
                (b, _) => b.is_some(),
            }
        }
        Cond::Fuzzy(chars) => {
            let found = doc
                .fields()
                .find_map(|(f, t)| subsequence(t, chars).map(|p| (f, p)));
            match (found, hit) {
                (Some((f, ps)), Some(h)) => {
                    h.rank = h.rank.saturating_add(5000 + f.rank() * 100);
                    h.spans.extend(ps.into_iter().map(|p| (f, p, 1)));
                    true
                }
                (found, _) => found.is_some(),
            }
        }
        Cond::Province(pats) => {
            let found = doc
                .fields()
                .filter(|(f, _)| *f == Field::Province)
                .find_map(|(_, t)| phrase_in(t, pats));
            if let (Some((s, l)), Some(h)) = (found, hit) {
                h.spans.push((Field::Province, s, l));
            }
            found.is_some()
        }
        Cond::Category(cats) => doc.category.is_some_and(|c| cats.contains(&c)),
        Cond::Status(s) => doc.status == Some(*s),
        Cond::Failing => doc.standing == Some(Standing::Failing),
        Cond::Ok => doc.standing == Some(Standing::Ok),
        Cond::Incomplete => doc.standing == Some(Standing::Incomplete),
        Cond::Scored => doc.score.is_some(),
        Cond::Unscored => doc.score.is_none(),
        // Answered by `matches`, which knows the marks.
        Cond::Marked => false,
        Cond::Disputed => doc.disputed,
        Cond::Mine => doc.mine,
        Cond::To(pats) => doc
            .assignee
            .as_ref()
            .is_some_and(|b| phrase_in(b.text(), pats).is_some()),
        Cond::By(pats) => doc
            .last_by
            .as_ref()
            .is_some_and(|b| phrase_in(b.text(), pats).is_some()),
        Cond::Action(pats) => doc
            .action
            .as_ref()
            .is_some_and(|a| phrase_in(a.text(), pats).is_some()),
        Cond::Score(c, n) => doc.score.is_some_and(|s| c.holds(s, *n)),
        Cond::National(c, n) => c.holds(doc.national.0, *n),
        Cond::Year(c, n) => c.holds(i64::from(doc.plan_year), *n),
    }
}

/// One result of [`search`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Found {
    /// Index into the docs searched.
    pub index: usize,
    pub hit: Hit,
}

/// Every doc (among `candidates`) that matches, best first when the query
/// has search terms, else in the given order. `marked` says which are
/// marked (for `is:marked`). A long list of candidates is split between
/// the machine's cores (two threads at most: each keystroke is short).
pub fn search(
    query: &Query,
    docs: &[Doc],
    candidates: impl IntoIterator<Item = usize>,
    marked: &(dyn Fn(usize) -> bool + Sync),
) -> Vec<Found> {
    let candidates: Vec<usize> = candidates.into_iter().collect();
    let one = |part: &[usize]| -> Vec<Found> {
        part.iter()
            .filter_map(|&index| {
                let doc = docs.get(index)?;
                query
                    .matches(doc, marked(index))
                    .map(|hit| Found { index, hit })
            })
            .collect()
    };
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    let mut out = if candidates.len() >= PARALLEL_FROM && cores > 1 {
        let (a, b) = candidates.split_at(candidates.len() / 2);
        std::thread::scope(|s| {
            let second = s.spawn(|| one(b));
            let mut first = one(a);
            match second.join() {
                Ok(rest) => first.extend(rest),
                // A thread that could not finish: search its half here.
                Err(_) => first.extend(one(b)),
            }
            first
        })
    } else {
        one(&candidates)
    };
    if query.has_terms() {
        out.sort_by(|a, b| a.hit.rank.cmp(&b.hit.rank).then(a.index.cmp(&b.index)));
    }
    out
}

/// From how many candidates a search is split between two threads.
const PARALLEL_FROM: usize = 20_000;

pub use doc::{Doc, Prepared, Texts};
pub use error::{Number, QueryError};
use parse::*;
pub use parse::{parse_money, qualifier_value, with_qualifier};

mod doc;
mod error;
mod parse;
pub mod table;

#[cfg(test)]
mod tests;
