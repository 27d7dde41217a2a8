//! Who a beneficiary is, for telling the same establishment in two
//! dossiers: its name folded (case, diacritics, NFC/NFD, spacing,
//! punctuation) with the usual abbreviations of the legal form written out
//! (`Cty TNHH` = `Công ty TNHH`, `HTX` = `Hợp tác xã`, `CS` = `Cơ sở`). The
//! legal form stays in the key: a company and a cooperative of the same
//! name are different beneficiaries.

use crate::domain::text::fold_words;

/// Abbreviations of a legal form at the start of a name, written out.
const LEADING: &[(&str, &str)] = &[
    ("ctcp", "cong ty co phan"),
    ("cty", "cong ty"),
    ("htx", "hop tac xa"),
    ("thtx", "to hop tac"),
    ("cs", "co so"),
    ("dntn", "doanh nghiep tu nhan"),
    ("hkd", "ho kinh doanh"),
];

/// Spellings after `cong ty` brought to one form.
const AFTER_COMPANY: &[(&str, &str)] = &[("trach nhiem huu han", "tnhh"), ("cp", "co phan")];

/// The key of a beneficiary's name: `Cty. TNHH Mây tre  Phú Vinh` and
/// `CÔNG TY TNHH MÂY TRE PHÚ VINH` (NFD or NFC) give the same key.
pub fn beneficiary_key(name: &str) -> String {
    let folded = fold_words(name);
    let mut words: Vec<&str> = folded.split(' ').filter(|w| !w.is_empty()).collect();
    let mut out: Vec<&str> = Vec::with_capacity(words.len() + 4);
    if let Some(first) = words.first().copied()
        && let Some((_, full)) = LEADING.iter().find(|(a, _)| *a == first)
    {
        out.extend(full.split(' '));
        words.remove(0);
    }
    out.extend(words);
    let mut s = out.join(" ");
    if let Some(rest) = s.strip_prefix("cong ty ") {
        for (from, to) in AFTER_COMPANY {
            if let Some(tail) = rest.strip_prefix(from)
                && (tail.is_empty() || tail.starts_with(' '))
            {
                s = format!("cong ty {to}{tail}");
                break;
            }
        }
    }
    s
}

/// The key of a commune: folded, without the word for its kind (`Xã Ia
/// Dêr` = `Ia Der`).
pub fn commune_key(commune: &str) -> String {
    let folded = fold_words(commune);
    for prefix in ["xa ", "phuong ", "thi tran ", "dac khu "] {
        if let Some(rest) = folded.strip_prefix(prefix) {
            return rest.to_string();
        }
    }
    folded
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_same_name_written_differently_is_one_key() {
        let k = beneficiary_key("Công ty TNHH Mây tre đan Phú Vinh");
        assert_eq!(k, "cong ty tnhh may tre dan phu vinh");
        for other in [
            "Cty TNHH Mây Tre Đan Phú Vinh",
            "CTY. TNHH  mây tre đan - Phú Vinh",
            "CÔNG TY TRÁCH NHIỆM HỮU HẠN MÂY TRE ĐAN PHÚ VINH",
            // NFD: decomposed letters.
            "Co\u{302}ng ty TNHH Ma\u{302}y tre \u{111}an Phu\u{301} Vinh",
        ] {
            assert_eq!(beneficiary_key(other), k, "{other}");
        }
        assert_eq!(
            beneficiary_key("HTX Cà phê Ia Grai"),
            beneficiary_key("Hợp tác xã cà phê Ia-Grai")
        );
        assert_eq!(
            beneficiary_key("CS Chế biến cói Hoàng Lan"),
            beneficiary_key("Cơ sở chế biến cói Hoàng Lan")
        );
        assert_eq!(
            beneficiary_key("Cty CP Gốm Chu Đậu"),
            beneficiary_key("Công ty cổ phần Gốm Chu Đậu")
        );
    }

    #[test]
    fn a_different_legal_form_is_a_different_beneficiary() {
        let company = beneficiary_key("Công ty TNHH Mây tre Phú Vinh");
        assert_ne!(company, beneficiary_key("Hợp tác xã Mây tre Phú Vinh"));
        assert_ne!(company, beneficiary_key("Công ty CP Mây tre Phú Vinh"));
        assert_ne!(company, beneficiary_key("Cơ sở Mây tre Phú Vinh"));
        // "CS" only as the leading word: inside a name it is a name.
        assert_eq!(beneficiary_key("HTX CS Xanh"), "hop tac xa cs xanh");
    }

    #[test]
    fn communes_fold_without_their_kind() {
        assert_eq!(commune_key("Xã Ia Dêr"), commune_key("ia der"));
        assert_eq!(commune_key("Phường Hội An"), "hoi an");
        assert_ne!(commune_key("Xã Nga Sơn"), commune_key("Xã Nga Thạch"));
    }
}
