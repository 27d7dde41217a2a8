//! Part of [`super`]: what a query is matched against — a text prepared on
//! its own ([`Prepared`]), the texts of a dossier or a log entry kept
//! folded in one buffer ([`Texts`]), and the search document ([`Doc`])
//! with the facts the qualifiers read.

use super::*;

/// One text prepared for matching on its own (an author, an action).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Prepared {
    original: Box<str>,
    folded: Chars,
}

impl Prepared {
    pub(super) fn folded_len(&self) -> usize {
        match &self.folded {
            Chars::Ascii(b) => b.len(),
            Chars::Wide(c) => c.len(),
        }
    }

    /// Prepare an NFC text.
    pub fn new(text: &str) -> Prepared {
        Prepared {
            original: text.into(),
            folded: Chars::fold(text),
        }
    }

    /// [`Prepared::new`], boxed (as a [`Doc`] keeps it).
    pub fn boxed(text: &str) -> Box<Prepared> {
        Box::new(Prepared::new(text))
    }

    pub(super) fn text(&self) -> Text<'_> {
        Text {
            folded: self.folded.slice(0, self.folded_len()),
            original: &self.original,
        }
    }
}

/// Most texts a [`Texts`] holds; more are joined to the last one.
const MAX_TEXTS: usize = 7;

/// The searched texts of one dossier or entry, in one allocation shared
/// (through an `Arc`) by the [`Doc`] that searches them and the row that
/// shows them: 100,000 queue rows keep each text once. When the texts fold
/// to ASCII (as Vietnamese does), the folded chars follow the texts in the
/// same buffer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Texts {
    /// The texts one after another, then their folded chars when ASCII.
    buf: Box<str>,
    /// Where the texts end in `buf` (and the folded chars, if any, begin).
    texts_end: u32,
    /// Each text's field, and the byte and the char where it ends (a text
    /// starts where the previous one ends).
    fields: [Field; MAX_TEXTS],
    byte_ends: [u32; MAX_TEXTS],
    char_ends: [u32; MAX_TEXTS],
    len: u8,
    /// Texts many rows share (a province, its implementing unit, a
    /// district), kept once: only when both fold to ASCII. Their fields
    /// come after the own ones of a lower [`Field`] and before the rest.
    shared: Option<std::sync::Arc<Texts>>,
    /// How many own texts come before the shared ones.
    split: u8,
}

fn to_u32(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

impl Texts {
    /// These texts (absent and empty ones skipped).
    pub fn new<'a>(texts: impl IntoIterator<Item = (Field, Option<&'a str>)>) -> Texts {
        let texts: Vec<(Field, &str)> = texts
            .into_iter()
            .filter_map(|(f, t)| t.filter(|t| !t.is_empty()).map(|t| (f, t)))
            .collect();
        // One allocation of exactly the room needed: the texts and, if they
        // fold to ASCII, as many bytes again per char.
        let bytes: usize = texts.iter().map(|(_, t)| t.len() + 1).sum();
        let chars: usize = texts.iter().map(|(_, t)| t.chars().count() + 1).sum();
        let mut joined = String::with_capacity(bytes + chars);
        let mut fields = [Field::Code; MAX_TEXTS];
        let mut byte_ends = [0u32; MAX_TEXTS];
        let mut char_ends = [0u32; MAX_TEXTS];
        let mut n = 0usize;
        let mut chars = 0usize;
        for (field, text) in texts {
            if n == MAX_TEXTS {
                // Never reached by the callers here; kept whole rather than
                // dropped: the extra text extends the last one.
                joined.push('\n');
                chars += 1;
                n -= 1;
            } else {
                fields[n] = field;
            }
            joined.push_str(text);
            chars += text.chars().count();
            byte_ends[n] = to_u32(joined.len());
            char_ends[n] = to_u32(chars);
            n += 1;
        }
        let texts_end = joined.len();
        let mut k = 0;
        while let Some(c) = joined.get(k..texts_end).and_then(|t| t.chars().next()) {
            // Fold char by char into the same buffer; give up (the Doc keeps
            // wide chars instead) at the first fold that is not ASCII.
            k += c.len_utf8();
            let f = fold1(c);
            if !f.is_ascii() {
                joined.truncate(texts_end);
                break;
            }
            joined.push(f);
        }
        let texts_end = to_u32(texts_end);
        Texts {
            buf: {
                joined.shrink_to_fit();
                joined.into_boxed_str()
            },
            texts_end,
            fields,
            byte_ends,
            char_ends,
            len: u8::try_from(n).unwrap_or(u8::MAX),
            shared: None,
            split: 0,
        }
    }

    /// These texts, with `shared` (texts of fields after the own ones of
    /// a lower field) kept by reference when both fold to ASCII; else one
    /// [`Texts`] of them all, in field order.
    pub fn with_shared(own: &[(Field, Option<&str>)], shared: &std::sync::Arc<Texts>) -> Texts {
        let mut t = Texts::new(own.iter().copied());
        if t.ascii_folded().is_some() && shared.ascii_folded().is_some() && shared.shared.is_none()
        {
            // The own texts of a lower field come first.
            let first = shared.each().next().map_or(Field::Code, |f| f.0);
            t.split = u8::try_from(t.each().take_while(|f| f.0 < first).count()).unwrap_or(0);
            t.shared = Some(std::sync::Arc::clone(shared));
            return t;
        }
        let mut all: Vec<(Field, Option<&str>)> = own.to_vec();
        all.extend(shared.each().map(|(f, _, _, text)| (f, Some(text))));
        all.sort_by_key(|(f, _)| *f);
        Texts::new(all)
    }

    /// Give each text with its field and its folded chars to `push`, when
    /// they fold to ASCII (shared texts included, in field order); `false`
    /// when they do not.
    pub(super) fn ascii_parts<'a>(&'a self, push: &mut impl FnMut((Field, Text<'a>))) -> bool {
        fn give<'a>(
            t: &'a Texts,
            range: std::ops::Range<usize>,
            push: &mut impl FnMut((Field, Text<'a>)),
        ) {
            let Some(ascii) = t.ascii_folded() else {
                return;
            };
            for (f, sc, ec, original) in t.each().skip(range.start).take(range.len()) {
                let folded = Slice::Ascii(ascii.get(sc..ec).unwrap_or_default());
                push((f, Text { folded, original }));
            }
        }
        if self.ascii_folded().is_none() {
            return false;
        }
        let n = usize::from(self.len).min(MAX_TEXTS);
        let split = usize::from(self.split).min(n);
        give(self, 0..split, push);
        if let Some(shared) = self.shared.as_deref() {
            give(shared, 0..MAX_TEXTS, push);
        }
        give(self, split..n, push);
        true
    }

    /// All the texts, one after another.
    pub(super) fn joined(&self) -> &str {
        self.buf.get(..self.texts_end as usize).unwrap_or("")
    }

    /// The folded chars, when they are ASCII (kept here, one byte each).
    pub(super) fn ascii_folded(&self) -> Option<&[u8]> {
        let f = self.buf.as_bytes().get(self.texts_end as usize..)?;
        (!f.is_empty() || self.texts_end == 0).then_some(f)
    }

    /// Each text with its field and its first and last char.
    pub(super) fn each(&self) -> impl Iterator<Item = (Field, usize, usize, &str)> + '_ {
        let n = usize::from(self.len).min(MAX_TEXTS);
        let joined = self.joined();
        (0..n).map(move |k| {
            let (sb, sc) = match k {
                0 => (0, 0),
                _ => (self.byte_ends[k - 1], self.char_ends[k - 1]),
            };
            let (sb, eb) = (sb as usize, self.byte_ends[k] as usize);
            let (sc, ec) = (sc as usize, self.char_ends[k] as usize);
            (self.fields[k], sc, ec, joined.get(sb..eb).unwrap_or(""))
        })
    }

    /// The (first) text of `field`, `None` when absent.
    pub fn get(&self, field: Field) -> Option<&str> {
        self.each()
            .find(|t| t.0 == field)
            .map(|t| t.3)
            .or_else(|| self.shared.as_deref().and_then(|s| s.get(field)))
    }
}

/// The searchable facts of one dossier, prepared once.
#[derive(Debug, Clone, PartialEq)]
pub struct Doc {
    texts: std::sync::Arc<Texts>,
    /// The folded chars of all the texts when they are not ASCII (else
    /// they are in `texts`).
    wide: Option<Box<[char]>>,
    pub category: Option<Category>,
    pub status: Option<Status>,
    /// Where it stands against its checklist; `None` when not known.
    pub standing: Option<crate::domain::checklist::Standing>,
    /// The total score, `None` while unscored.
    pub score: Option<i64>,
    pub national: Vnd,
    pub plan_year: i32,
    /// Who last changed or decided the dossier (as recorded); for an
    /// audit entry, its author.
    pub last_by: Option<Box<Prepared>>,
    /// An audit entry's action (`a:`).
    pub action: Option<Box<Prepared>>,
    /// The council's totals are further apart than its threshold.
    pub disputed: bool,
    /// Assigned to the user asking (`is:mine`).
    pub mine: bool,
    /// Who the dossier is assigned to (`to:`).
    pub assignee: Option<Box<Prepared>>,
}

impl Default for Doc {
    fn default() -> Self {
        Doc::from_texts(std::sync::Arc::new(Texts::new([])))
    }
}

impl Doc {
    /// A document with these searched texts (absent fields are skipped).
    pub fn new<'a>(texts: impl IntoIterator<Item = (Field, Option<&'a str>)>) -> Doc {
        Doc::from_texts(std::sync::Arc::new(Texts::new(texts)))
    }

    /// A document searching these texts, shared with whoever shows them.
    pub fn from_texts(texts: std::sync::Arc<Texts>) -> Doc {
        let wide = match texts.ascii_folded() {
            Some(_) => None,
            None => Some(texts.joined().chars().map(fold1).collect()),
        };
        Doc {
            texts,
            wide,
            category: None,
            status: None,
            standing: None,
            score: None,
            national: Vnd(0),
            plan_year: 0,
            last_by: None,
            action: None,
            disputed: false,
            mine: false,
            assignee: None,
        }
    }

    /// The texts searched.
    pub fn texts(&self) -> &std::sync::Arc<Texts> {
        &self.texts
    }

    /// Each searched text with its field.
    pub(super) fn fields(&self) -> impl Iterator<Item = (Field, Text<'_>)> + '_ {
        // On the stack: this runs for every row at every keystroke.
        const NONE: (Field, Text<'static>) = (
            Field::Code,
            Text {
                folded: Slice::Ascii(&[]),
                original: "",
            },
        );
        let mut out = [NONE; 2 * MAX_TEXTS];
        let mut n = 0;
        let mut push = |part| {
            if let Some(slot) = out.get_mut(n) {
                *slot = part;
                n += 1;
            }
        };
        match self.wide.as_deref() {
            // Wide chars only for texts that do not fold to ASCII, which
            // never share (see `Texts::with_shared`).
            Some(w) => {
                for (f, sc, ec, original) in self.texts.each() {
                    let folded = Slice::Wide(w.get(sc..ec).unwrap_or_default());
                    push((f, Text { folded, original }));
                }
            }
            None => {
                self.texts.ascii_parts(&mut push);
            }
        }
        out.into_iter().take(n)
    }
}
