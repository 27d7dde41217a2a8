//! Text at the boundaries: NFC normalisation, neutralising characters that
//! could drive a terminal, and the folded key used for searching.
//!
//! Every piece of text that enters the program (import, note input, paste,
//! data files) goes through [`clean_line`] or [`clean_multiline`]; searching
//! goes through [`fold`].

use unicode_normalization::char::is_combining_mark;
use unicode_normalization::{IsNormalized, UnicodeNormalization, is_nfc_quick};

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

/// The visible stand-in for a character that must not reach a terminal:
/// C0 controls become their Control Pictures (ESC → `␛`), DEL becomes `␡`,
/// C1 controls and bidi controls become `�`.
fn stand_in(c: char) -> Option<char> {
    match c {
        '\u{0}'..='\u{1F}' => char::from_u32(0x2400 + c as u32),
        '\u{7F}' => Some('\u{2421}'),
        '\u{80}'..='\u{9F}' => Some('\u{FFFD}'),
        c if is_bidi_control(c) => Some('\u{FFFD}'),
        _ => None,
    }
}

/// NFC-normalise one line of text and neutralise every control and bidi
/// character. Tabs and line breaks become single spaces; the text is trimmed.
pub fn clean_line(s: &str) -> String {
    // Fast path: most text is already NFC and has nothing to neutralise.
    if is_nfc_quick(s.chars()) == IsNormalized::Yes && s.chars().all(|c| stand_in(c).is_none()) {
        return s.trim().to_string();
    }
    let mut out = String::with_capacity(s.len());
    for c in s.nfc() {
        match c {
            '\t' | '\n' | '\r' => out.push(' '),
            c => out.push(stand_in(c).unwrap_or(c)),
        }
    }
    out.trim().to_string()
}

/// NFC-normalise multi-line text (a summary, a note): line breaks are kept
/// (CRLF and lone CR become LF), tabs become four spaces, every other control
/// and bidi character is neutralised. Trailing white space is trimmed.
pub fn clean_multiline(s: &str) -> String {
    if is_nfc_quick(s.chars()) == IsNormalized::Yes
        && s.chars().all(|c| c == '\n' || stand_in(c).is_none())
    {
        return s.trim_end().to_string();
    }
    let mut out = String::with_capacity(s.len());
    let mut chars = s.nfc().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\r' => {
                if chars.peek() == Some(&'\n') {
                    chars.next();
                }
                out.push('\n');
            }
            '\n' => out.push('\n'),
            '\t' => out.push_str("    "),
            c => out.push(stand_in(c).unwrap_or(c)),
        }
    }
    out.trim_end().to_string()
}

/// True when `s` holds nothing that [`clean_multiline`] would change except
/// normalisation: used to tell whether a displayed value differs from the
/// original bytes kept for the record.
pub fn is_terminal_safe(s: &str) -> bool {
    s.chars().all(|c| c == '\n' || stand_in(c).is_none())
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
