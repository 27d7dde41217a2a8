//! Text at the boundaries: NFC normalisation, neutralising characters that
//! could drive a terminal, and the folded key used for searching.
//!
//! Every piece of text that enters the program (import, note input, paste,
//! data files) goes through [`clean_line`] or [`clean_multiline`]; searching
//! goes through [`fold`]. [`needs_escape`] says which characters those two
//! never let through, for writers (JSON, the TUI) that must treat text
//! stored before the rule grew the same way.

use unicode_normalization::char::is_combining_mark;
use unicode_normalization::{IsNormalized, UnicodeNormalization, is_nfc_quick};

/// The most combining marks kept on one base character. NFC Vietnamese needs
/// at most two (a vowel mark and a tone mark, and NFC composes both into the
/// letter); four leaves room for other scripts. Longer runs ("Zalgo" text,
/// `e` followed by fifty marks) overflow their cell in most terminals.
pub const MAX_MARKS: usize = 4;

/// Unicode NFC normalisation.
pub fn nfc(s: &str) -> String {
    s.nfc().collect()
}

/// Bidirectional formatting characters (embeddings, overrides, isolates and
/// marks). They can reorder what a terminal shows, so they never reach one.
pub fn is_bidi_control(c: char) -> bool {
    matches!(
        c,
        '\u{061C}' | '\u{200E}' | '\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}'
    )
}

/// What neutralising does with one character.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Fate {
    /// Harmless: kept.
    Keep,
    /// Replaced by a visible stand-in.
    Stand(char),
    /// Invisible and meaningless once text is shown: removed, so that the
    /// text is what it looks like.
    Drop,
    /// A line break: kept as one in multi-line text, a space in a line.
    Break,
    /// A tab: four spaces in multi-line text, one in a line.
    Tab,
}

/// The fate of one character: the one rule behind [`clean_line`],
/// [`clean_multiline`], [`is_terminal_safe`], [`push_neutral`] and
/// [`needs_escape`] (whose documentation lists what it does and why).
fn fate(c: char) -> Fate {
    // Most text is Vietnamese: answer it before the long match below.
    if is_plain_letter(c) {
        return Fate::Keep;
    }
    match c {
        '\t' => Fate::Tab,
        '\n' | '\r' | '\u{2028}' | '\u{2029}' => Fate::Break,
        '\u{0}'..='\u{1F}' => char::from_u32(0x2400 + c as u32).map_or(Fate::Drop, Fate::Stand),
        '\u{7F}' => Fate::Stand('\u{2421}'),
        '\u{80}'..='\u{9F}' => Fate::Stand('\u{FFFD}'),
        '\u{00AD}'
        | '\u{034F}'
        | '\u{17B4}'
        | '\u{17B5}'
        | '\u{180E}'
        | '\u{200B}'
        | '\u{2060}'..='\u{2065}'
        | '\u{FEFF}'
        | '\u{E0000}'..='\u{E00FF}'
        | '\u{E01F0}'..='\u{E0FFF}' => Fate::Drop,
        c if is_bidi_control(c) => Fate::Stand('\u{FFFD}'),
        '\u{0600}'..='\u{0605}'
        | '\u{06DD}'
        | '\u{070F}'
        | '\u{0890}'
        | '\u{0891}'
        | '\u{08E2}'
        | '\u{115F}'
        | '\u{1160}'
        | '\u{206A}'..='\u{206F}'
        | '\u{3164}'
        | '\u{FFA0}'
        | '\u{FFF9}'..='\u{FFFB}'
        | '\u{110BD}'
        | '\u{110CD}'
        | '\u{13430}'..='\u{1345F}'
        | '\u{1BCA0}'..='\u{1BCA3}'
        | '\u{1D173}'..='\u{1D17A}' => Fate::Stand('\u{FFFD}'),
        _ => Fate::Keep,
    }
}

/// True when `c` must never reach a terminal or a JSON stream raw, so that
/// a writer must escape it (JSON: `\uXXXX`) or neutralise it (text: what
/// [`push_neutral`] does). These are exactly the characters
/// [`clean_line`] and [`clean_multiline`] replace or remove, so cleaned
/// text holds none (but `'\n'` in multi-line text); text stored by an
/// older, narrower rule may, hence writers check again.
///
/// - Every C0 control, tab, LF and CR included (a writer that keeps line
///   breaks deals with `'\n'` first), DEL, and every C1 control. Cleaning
///   shows C0 as Control Pictures (ESC → `␛`), DEL as `␡`, C1 as `�`.
/// - The line and paragraph separators U+2028/U+2029: line breaks in
///   multi-line text, spaces in a line.
/// - Bidi controls (U+061C, U+200E/U+200F, U+202A–U+202E, U+2066–U+2069)
///   and the deprecated format characters U+206A–U+206F, which reorder or
///   reshape what is shown: `�`.
/// - The other format characters (general category Cf) that span or hide
///   text: interlinear annotation U+FFF9–U+FFFB, Arabic number signs
///   U+0600–U+0605, U+06DD, U+0890/U+0891, U+08E2, Syriac U+070F, Kaithi
///   U+110BD/U+110CD, Egyptian U+13430–U+1345F, shorthand U+1BCA0–U+1BCA3,
///   musical U+1D173–U+1D17A; and the Hangul fillers U+115F, U+1160,
///   U+3164, U+FFA0 (blank letters used to fake empty or look-alike
///   names): `�`.
/// - Invisible characters that only hint at layout, removed so the text is
///   what it looks like: soft hyphen U+00AD, combining grapheme joiner
///   U+034F, Khmer inherent vowels U+17B4/U+17B5, Mongolian vowel separator
///   U+180E, zero width space U+200B, word joiner and invisible operators
///   U+2060–U+2065, zero width no-break space (BOM) U+FEFF, the tag
///   characters U+E0000–U+E007F ("ASCII smuggling" hides whole sentences
///   there) and the unassigned default-ignorable rest of plane 14.
///
/// Not included, on purpose: ZWNJ U+200C and ZWJ U+200D, which Persian and
/// Indic spelling need and emoji sequences are built from, and the
/// variation selectors (U+FE00–U+FE0F, U+E0100–U+E01EF, Mongolian
/// U+180B–U+180D, U+180F), which choose a glyph for the character before.
/// None of them moves the cursor or hides text; the TUI draws them so that
/// widths agree (a ZWJ emoji sequence as its first emoji, no selectors).
/// Long runs of combining marks are not a per-character matter: cleaning
/// caps them at [`MAX_MARKS`].
pub fn needs_escape(c: char) -> bool {
    fate(c) != Fate::Keep
}

/// Append what `c` becomes in cleaned text: itself, its visible stand-in,
/// nothing, or white space (a line break is `'\n'` when `multiline`, else a
/// space; a tab four spaces or one). A CR LF pair is the caller's to fold
/// into one break.
pub fn push_neutral(out: &mut String, c: char, multiline: bool) {
    match fate(c) {
        Fate::Keep => out.push(c),
        Fate::Stand(s) => out.push(s),
        Fate::Drop => {}
        Fate::Break => out.push(if multiline { '\n' } else { ' ' }),
        Fate::Tab => out.push_str(if multiline { "    " } else { " " }),
    }
}

/// Zero width joiner and non-joiner: part of a grapheme, not a mark.
fn is_joiner(c: char) -> bool {
    matches!(c, '\u{200C}' | '\u{200D}')
}

/// True when some base character carries more than [`MAX_MARKS`] combining
/// marks (joiners between them do not end the run).
fn over_marks(s: &str) -> bool {
    let mut marks = 0;
    for c in s.chars() {
        if is_combining_mark(c) {
            marks += 1;
            if marks > MAX_MARKS {
                return true;
            }
        } else if !is_joiner(c) {
            marks = 0;
        }
    }
    false
}

/// `s` (NFC) with every run of combining marks cut to [`MAX_MARKS`], still
/// NFC.
fn cap_marks(s: String) -> String {
    if !over_marks(&s) {
        return s;
    }
    let mut out = String::with_capacity(s.len());
    let mut marks = 0;
    for c in s.chars() {
        if is_combining_mark(c) {
            marks += 1;
            if marks > MAX_MARKS {
                continue;
            }
        } else if !is_joiner(c) {
            marks = 0;
        }
        out.push(c);
    }
    // A removed mark may have stood between two characters that compose.
    nfc(&out)
}

/// Printable ASCII, or a precomposed letter or sign of the Latin blocks
/// Vietnamese is written in (see [`is_clean`]).
fn is_plain_letter(c: char) -> bool {
    matches!(c, ' '..='~' | '\u{A0}'..='\u{AC}' | '\u{AE}'..='\u{2FF}' | '\u{1EA0}'..='\u{1EFF}')
}

/// True when `s` is NFC and neutral already: nothing for `clean_*` to do
/// but trimming.
fn is_clean(s: &str, multiline: bool) -> bool {
    // Printable ASCII and Vietnamese text: the letters of Latin-1, Latin
    // Extended-A/B and Latin Extended Additional (U+1EA0–U+1EFF: ạ ả … ỹ)
    // are precomposed starters, NFC whatever follows them, never
    // neutralised and no marks; the soft hyphen U+00AD is the one character
    // there that cleaning drops.
    if s.chars()
        .all(|c| is_plain_letter(c) || (multiline && c == '\n'))
    {
        return true;
    }
    is_nfc_quick(s.chars()) == IsNormalized::Yes
        && s.chars()
            .all(|c| (multiline && c == '\n') || !needs_escape(c))
        && !over_marks(s)
}

/// Neutralise every character of `s` ([`push_neutral`]; CR LF is one
/// break), then NFC, then cap the combining marks. Neutralising comes first
/// so that a dropped character cannot leave text that is not NFC.
fn clean(s: &str, multiline: bool) -> String {
    let mut out = String::with_capacity(s.len());
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '\r' && multiline && chars.peek() == Some(&'\n') {
            continue;
        }
        push_neutral(&mut out, c, multiline);
    }
    cap_marks(nfc(&out))
}

/// NFC-normalise one line of text and neutralise every control, bidi and
/// invisible formatting character (see [`needs_escape`]). Tabs, line breaks
/// and line/paragraph separators become single spaces; runs of combining
/// marks are cut to [`MAX_MARKS`]; the text is trimmed.
pub fn clean_line(s: &str) -> String {
    // Fast path: most text is already NFC and has nothing to neutralise.
    if is_clean(s, false) {
        return s.trim().to_string();
    }
    clean(s, false).trim().to_string()
}

/// NFC-normalise multi-line text (a summary, a note): line breaks are kept
/// (CRLF and lone CR become LF, so do U+2028/U+2029), tabs become four
/// spaces, every other control, bidi and invisible formatting character is
/// neutralised as in [`clean_line`]. Trailing white space is trimmed.
pub fn clean_multiline(s: &str) -> String {
    if is_clean(s, true) {
        return s.trim_end().to_string();
    }
    clean(s, true).trim_end().to_string()
}

/// True when `s` holds nothing that [`clean_multiline`] would change except
/// normalisation: used to tell whether a displayed value differs from the
/// original bytes kept for the record.
pub fn is_terminal_safe(s: &str) -> bool {
    s.chars().all(|c| c == '\n' || !needs_escape(c)) && !over_marks(s)
}

/// Fold one character for searching: lowercase, without diacritics, `đ` → `d`.
/// Returns the folded characters (usually one; none for a lone combining mark).
pub fn fold_char(c: char, out: &mut String) {
    match c {
        'đ' | 'Đ' => out.push('d'),
        _ => {
            for d in c.to_lowercase().flat_map(|l| std::iter::once(l).nfd()) {
                if !is_combining_mark(d) {
                    out.push(d);
                }
            }
        }
    }
}

/// The search key of a text: lowercase, diacritics removed, `đ` → `d`.
/// `fold("Trà Vinh") == "tra vinh"`.
pub fn fold(s: &str) -> String {
    if s.is_ascii() {
        return s.to_ascii_lowercase();
    }
    let mut out = String::with_capacity(s.len());
    for c in s.nfc() {
        fold_char(c, &mut out);
    }
    out
}

/// [`fold`] that also says, for every char of the folded key, the index of
/// the char of `s` it came from, so that matches in the key can be shown as
/// highlights in the original text. `s` must already be NFC (all stored text
/// is).
pub fn fold_with_map(s: &str) -> (String, Vec<usize>) {
    let mut key = String::with_capacity(s.len());
    let mut map = Vec::with_capacity(s.len());
    let mut buf = String::new();
    for (i, c) in s.chars().enumerate() {
        buf.clear();
        fold_char(c, &mut buf);
        for _ in buf.chars() {
            map.push(i);
        }
        key.push_str(&buf);
    }
    (key, map)
}

/// Collapse a folded key to words: everything but letters and digits becomes
/// one space. Used to match category aliases loosely
/// (`"Mô hình trình diễn (kỹ thuật)"` → `"mo hinh trinh dien ky thuat"`).
pub fn fold_words(s: &str) -> String {
    let folded = fold(s);
    let mut out = String::with_capacity(folded.len());
    for w in folded
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
    {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(w);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_plain_letter_fast_path_agrees_with_the_full_rule() {
        let plain = (' '..='~')
            .chain('\u{A0}'..='\u{2FF}')
            .chain('\u{1EA0}'..='\u{1EFF}')
            .filter(|&c| is_plain_letter(c));
        for c in plain {
            let s = format!("{c}a{c}\u{1EA1}");
            assert_eq!(is_nfc_quick(s.chars()), IsNormalized::Yes, "{c:?}");
            assert!(!needs_escape(c), "{c:?}");
            assert!(!is_combining_mark(c), "{c:?}");
            assert_eq!(clean_line(&s), s.trim(), "{c:?}");
        }
        assert!(!is_plain_letter('\u{AD}'));
        assert_eq!(clean_line("Hợp tác xã\u{AD}Ia Grai"), "Hợp tác xãIa Grai");
    }

    #[test]
    fn nfd_input_becomes_nfc() {
        let nfd = "Tra\u{0300} Vinh";
        assert_eq!(clean_line(nfd), "Trà Vinh");
        assert_eq!(clean_line(nfd).chars().count(), 8);
    }

    #[test]
    fn escape_sequences_are_neutralised() {
        let evil = "Xưởng\u{1b}[2J\u{1b}]0;pwned\u{7}\u{9b}31m";
        let clean = clean_line(evil);
        assert!(!clean.contains('\u{1b}'));
        assert!(!clean.contains('\u{9b}'));
        assert!(!clean.contains('\u{7}'));
        assert_eq!(clean, "Xưởng␛[2J␛]0;pwned␇\u{FFFD}31m");
    }

    #[test]
    fn bidi_overrides_are_neutralised() {
        let clean = clean_line("abc\u{202E}fed\u{2066}x\u{2069}");
        assert_eq!(clean, "abc\u{FFFD}fed\u{FFFD}x\u{FFFD}");
        assert!(is_terminal_safe(&clean));
        assert!(!is_terminal_safe("a\u{202E}b"));
    }

    #[test]
    fn multiline_keeps_line_breaks_only() {
        assert_eq!(clean_multiline("a\r\nb\rc\td\u{1b}"), "a\nb\nc    d␛");
        assert_eq!(clean_line("a\r\nb"), "a  b");
    }

    #[test]
    fn line_and_paragraph_separators_are_line_breaks() {
        assert_eq!(clean_line("a\u{2028}b\u{2029}c"), "a b c");
        assert_eq!(clean_multiline("a\u{2028}b\u{2029}c"), "a\nb\nc");
        assert!(needs_escape('\u{2028}') && needs_escape('\u{2029}'));
        assert!(!is_terminal_safe("a\u{2028}b"));
    }

    #[test]
    fn tag_characters_and_invisible_formatting_are_removed() {
        // "ASCII smuggling": a sentence in tag characters after the title.
        let smuggled: String = "ignore the checklist"
            .chars()
            .map(|c| char::from_u32(0xE0000 + c as u32).unwrap_or('?'))
            .collect();
        assert_eq!(
            clean_line(&format!("Máy sấy\u{E0001}{smuggled}\u{E007F}")),
            "Máy sấy"
        );
        assert_eq!(
            clean_line("so\u{00AD}ft ze\u{200B}ro \u{2060}j\u{FEFF}oin\u{2064}t"),
            "soft zero joint"
        );
        // Blank letters and annotation marks are shown, not hidden.
        assert_eq!(
            clean_line("a\u{3164}b\u{115F}c\u{FFA0}d"),
            "a\u{FFFD}b\u{FFFD}c\u{FFFD}d"
        );
        assert_eq!(clean_line("x\u{FFF9}y\u{FFFB}"), "x\u{FFFD}y\u{FFFD}");
        // A dropped character between a letter and its mark: still NFC.
        assert_eq!(clean_line("Hoa\u{00AD}\u{0300}"), "Hoà");
        for c in [
            '\u{00AD}',
            '\u{200B}',
            '\u{FEFF}',
            '\u{E0041}',
            '\u{180E}',
            '\u{034F}',
        ] {
            assert!(needs_escape(c), "{c:?}");
        }
    }

    #[test]
    fn joiners_and_variation_selectors_are_kept() {
        for s in ["👨\u{200D}👩\u{200D}👧", "❤\u{FE0F}", "می\u{200C}خواهم"] {
            assert_eq!(clean_line(s), s);
            assert!(is_terminal_safe(s));
        }
        assert!(!needs_escape('\u{200D}') && !needs_escape('\u{FE0F}'));
        assert!(!needs_escape('đ') && !needs_escape(' ') && !needs_escape('越'));
    }

    #[test]
    fn combining_marks_are_capped_per_character() {
        let zalgo = format!(
            "e{}x",
            "\u{0316}\u{0317}\u{0318}\u{0319}\u{031A}".repeat(10)
        );
        let clean = clean_line(&zalgo);
        assert_eq!(clean.chars().count(), 1 + MAX_MARKS + 1);
        assert!(clean.starts_with('e') && clean.ends_with('x'));
        assert!(!is_terminal_safe(&zalgo));
        assert!(is_terminal_safe(&clean));
        assert_eq!(clean, nfc(&clean));
        // Joiners do not restart the count.
        let joined = format!("a{}", "\u{0301}\u{200D}".repeat(8));
        assert!(
            clean_line(&joined)
                .chars()
                .filter(|&c| is_combining_mark(c))
                .count()
                <= MAX_MARKS
        );
        // Vietnamese in NFD keeps every mark (and becomes NFC).
        assert_eq!(clean_line("Vie\u{0302}\u{0323}t Nam"), "Việt Nam");
        assert_eq!(clean_multiline("Ngu\u{031B}o\u{031B}\u{0300}i"), "Người");
    }

    #[test]
    fn no_character_that_needs_escape_survives_cleaning() {
        let all: Vec<char> = (0..=0x10FFFF).filter_map(char::from_u32).collect();
        for chunk in all.chunks(4096) {
            let s: String = chunk.iter().collect();
            for (clean, multiline) in [(clean_line(&s), false), (clean_multiline(&s), true)] {
                assert!(
                    clean
                        .chars()
                        .all(|c| (multiline && c == '\n') || !needs_escape(c)),
                    "{:?}",
                    clean.chars().find(|&c| needs_escape(c))
                );
                assert!(!over_marks(&clean));
                assert!(is_terminal_safe(&clean) || !multiline);
            }
        }
    }

    #[test]
    fn folding_removes_case_and_diacritics() {
        assert_eq!(fold("Trà Vinh"), "tra vinh");
        assert_eq!(fold("ĐẮK NÔNG"), "dak nong");
        assert_eq!(fold("Tra\u{0300} Vinh"), "tra vinh");
        assert_eq!(fold("Cơ khí Ứng Hòa"), "co khi ung hoa");
        assert_eq!(
            fold_words("Mô hình trình diễn (kỹ thuật)"),
            "mo hinh trinh dien ky thuat"
        );
    }

    #[test]
    fn fold_map_points_back_to_original_chars() {
        let (key, map) = fold_with_map("Đắk Lắk");
        assert_eq!(key, "dak lak");
        assert_eq!(map, vec![0, 1, 2, 3, 4, 5, 6]);
    }
}
