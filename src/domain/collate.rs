//! Vietnamese alphabetical order, as a dictionary or an official list of
//! provinces sorts: `a ă â b c d đ e ê … o ô ơ … u ư …`, letters first and
//! tones (none, huyền, hỏi, ngã, sắc, nặng) only to break ties, case last.
//! Code-point order would put `Đắk Nông` after `Yên Bái`.

use std::cmp::Ordering;
use unicode_normalization::UnicodeNormalization;

/// The alphabet in its order; other characters sort after it by code point
/// (digits and punctuation before it).
const ALPHABET: [char; 33] = [
    'a', 'ă', 'â', 'b', 'c', 'd', 'đ', 'e', 'ê', 'f', 'g', 'h', 'i', 'j', 'k', 'l', 'm', 'n', 'o',
    'ô', 'ơ', 'p', 'q', 'r', 's', 't', 'u', 'ư', 'v', 'w', 'x', 'y', 'z',
];

/// Where the letters' weights start: below them, spaces, punctuation and
/// digits (by code point); above them, every other character.
const LETTERS: u32 = 0x100;

fn letter_weight(c: char) -> u32 {
    match ALPHABET.iter().position(|&a| a == c) {
        Some(i) => LETTERS + u32::try_from(i).unwrap_or(0),
        None if c.is_ascii() => 1 + u32::from(c),
        None => LETTERS + 0x100 + u32::from(c),
    }
}

/// A letter changed by a combining mark (`a` + breve = `ă`), if it is one.
fn modified(base: char, mark: char) -> Option<char> {
    Some(match (base, mark) {
        ('a', '\u{306}') => 'ă',
        ('a', '\u{302}') => 'â',
        ('e', '\u{302}') => 'ê',
        ('o', '\u{302}') => 'ô',
        ('o', '\u{31b}') => 'ơ',
        ('u', '\u{31b}') => 'ư',
        _ => return None,
    })
}

/// The tone a combining mark writes, in the order Vietnamese sorts them.
fn tone(mark: char) -> Option<u32> {
    Some(match mark {
        '\u{300}' => 1, // huyền
        '\u{309}' => 2, // hỏi
        '\u{303}' => 3, // ngã
        '\u{301}' => 4, // sắc
        '\u{323}' => 5, // nặng
        _ => return None,
    })
}

/// The sort key of `s`: the letters' weights, then (after a 0) their tones,
/// then (after another 0) whether each letter was a capital.
pub fn key(s: &str) -> Vec<u32> {
    // (base letter, tone, capital) per letter.
    let mut letters: Vec<(char, u32, bool)> = Vec::with_capacity(s.len());
    for c in s.nfd() {
        if let Some(t) = tone(c) {
            if let Some(last) = letters.last_mut() {
                last.1 = t;
            }
            continue;
        }
        if let Some(last) = letters.last_mut()
            && let Some(m) = modified(last.0, c)
        {
            last.0 = m;
            continue;
        }
        if unicode_normalization::char::is_combining_mark(c) {
            continue;
        }
        let lower = c.to_lowercase().next().unwrap_or(c);
        letters.push((lower, 0, lower != c));
    }
    let mut out: Vec<u32> = letters.iter().map(|l| letter_weight(l.0)).collect();
    out.push(0);
    out.extend(letters.iter().map(|l| l.1));
    out.push(0);
    out.extend(letters.iter().map(|l| u32::from(l.2)));
    out
}

/// `a` against `b` in Vietnamese alphabetical order.
pub fn cmp(a: &str, b: &str) -> Ordering {
    key(a).cmp(&key(b)).then_with(|| a.cmp(b))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sorted(mut v: Vec<&str>) -> Vec<&str> {
        v.sort_by(|a, b| cmp(a, b));
        v
    }

    #[test]
    fn provinces_sort_as_an_official_list_does() {
        let got = sorted(vec![
            "Yên Bái",
            "Đắk Nông",
            "Điện Biên",
            "Bắc Ninh",
            "An Giang",
            "Ân Thi",
            "Bà Rịa - Vũng Tàu",
            "Đà Nẵng",
            "Hà Nội",
            "Hải Phòng",
            "Hà Giang",
            "Ơ Rê",
            "Ô Môn",
            "Sơn La",
            "Lâm Đồng",
            "Lào Cai",
            "Dương Minh",
        ]);
        assert_eq!(
            got,
            vec![
                "An Giang",
                "Ân Thi",
                "Bà Rịa - Vũng Tàu",
                "Bắc Ninh",
                "Dương Minh",
                "Đà Nẵng",
                "Đắk Nông",
                "Điện Biên",
                "Hà Giang",
                "Hà Nội",
                "Hải Phòng",
                "Lào Cai",
                "Lâm Đồng",
                "Ô Môn",
                "Ơ Rê",
                "Sơn La",
                "Yên Bái",
            ]
        );
    }

    #[test]
    fn tones_break_ties_in_their_order_and_nfd_sorts_as_nfc() {
        let got = sorted(vec!["má", "mạ", "mà", "mã", "ma", "mả"]);
        assert_eq!(got, vec!["ma", "mà", "mả", "mã", "má", "mạ"]);
        let nfd: String = "Đắk Nông".nfd().collect();
        assert_eq!(key(&nfd), key("Đắk Nông"));
        assert_eq!(cmp("gia lai", "Gia Lai"), Ordering::Less);
        assert_eq!(cmp("Gia Lai", "gia lai"), Ordering::Greater);
        assert_eq!(cmp("Gia Lai", "Gia Lai"), Ordering::Equal);
        assert_eq!(cmp("Gia", "Gia Lai"), Ordering::Less);
    }
}
