//! A dossier's category facts (`details`) as people read them: each key by
//! its label, each value in the language's conventions (yes/no, amounts in
//! millions, dates `dd/mm/yyyy`, vocabulary values by their labels). One
//! source for the TUI's detail pane and `show`'s text; keys the format does
//! not know are shown as they came.

use crate::domain::dossier::{CertLevel, Details, ModelKind, PollutionSubtype};
use crate::domain::lang::Lang;
use crate::domain::money::Vnd;
use serde_json::Value;

crate::vocabulary! {
    /// The keys of `details` and of the objects inside them
    /// (`dossier-format.md`).
    #[derive(Debug, Clone, Copy, PartialEq, Eq)]
    pub enum DetailKey {
        Equipment = "equipment", "equipment", "máy móc thiết bị";
        TechnologyLine = "technology_line", "technology line", "dây chuyền công nghệ";
        CleanerProduction = "cleaner_production", "cleaner production", "sản xuất sạch hơn";
        EnergySaving = "energy_saving", "saves energy", "tiết kiệm năng lượng";
        Technology = "technology", "technology", "công nghệ";
        NewInDistrict = "new_in_district", "new in the district", "mới tại huyện";
        Sector = "sector", "sector", "ngành";
        ModelKind = "model_kind", "kind of model", "loại mô hình";
        Subtype = "subtype", "kind of treatment", "loại xử lý";
        Cluster = "cluster", "industrial cluster", "cụm công nghiệp";
        Product = "product", "product", "sản phẩm";
        Certificate = "certificate", "certificate", "giấy chứng nhận";
        Trainees = "trainees", "trainees", "số học viên";
        Occupation = "occupation", "occupation", "nghề đào tạo";
        TraditionalCraft = "traditional_craft", "traditional craft", "nghề truyền thống";
        Topics = "topics", "topics", "nội dung tư vấn";
        DigitalTransformation = "digital_transformation", "digital transformation", "chuyển đổi số";
        Name = "name", "name", "tên";
        Quantity = "quantity", "quantity", "số lượng";
        UnitPrice = "unit_price_vnd", "unit price", "đơn giá";
        Year = "year", "year", "năm sản xuất";
        Origin = "origin", "origin", "xuất xứ";
        LegalComplete = "legal_complete", "legal papers complete", "đủ pháp lý";
        Investor = "investor", "investor", "chủ đầu tư";
        ExpectedCompletion = "expected_completion", "expected completion", "dự kiến hoàn thành";
        Level = "level", "level", "cấp";
        Number = "number", "number", "số";
        ValidUntil = "valid_until", "valid until", "hiệu lực đến";
        IssuedOn = "issued_on", "issued on", "ngày cấp";
    }
}

/// A key's label in `lang` (the key itself when the format does not know it).
pub fn key_label(key: &str, lang: Lang) -> String {
    DetailKey::from_id(key).map_or_else(|| key.to_string(), |k| k.label(lang).to_string())
}

/// Each fact of `details` as (label, value), in the order they are stored.
pub fn details(d: &Details, lang: Lang) -> Vec<(String, String)> {
    let Ok(Value::Object(map)) = serde_json::to_value(d) else {
        return Vec::new();
    };
    map.iter()
        .map(|(k, v)| (key_label(k, lang), value(k, v, lang)))
        .collect()
}

/// Any other field (`extra`) as plain text in `lang`.
pub fn plain(v: &Value, lang: Lang) -> String {
    value("", v, lang)
}

/// A value as plain text: strings without quotes, booleans yes/no, amounts
/// (`*_vnd`) in millions, ISO dates in the language's form, vocabulary
/// values by label, lists joined with `; `, objects as `label: value`.
fn value(key: &str, v: &Value, lang: Lang) -> String {
    match v {
        Value::String(t) => text(key, t, lang),
        Value::Bool(b) => lang.yes_no(*b).to_string(),
        Value::Null => "–".into(),
        Value::Number(n) => match (key.ends_with("_vnd"), n.as_i64()) {
            (true, Some(x)) => lang.millions(Vnd(x)),
            _ => n.to_string(),
        },
        Value::Array(a) => a
            .iter()
            .map(|x| value(key, x, lang))
            .collect::<Vec<_>>()
            .join("; "),
        Value::Object(m) => m
            .iter()
            .map(|(k, x)| format!("{}: {}", key_label(k, lang), value(k, x, lang)))
            .collect::<Vec<_>>()
            .join(", "),
    }
}

fn text(key: &str, t: &str, lang: Lang) -> String {
    let label = match key {
        "level" => CertLevel::from_id(t).map(|x| x.label(lang)),
        "subtype" => PollutionSubtype::from_id(t).map(|x| x.label(lang)),
        "model_kind" => ModelKind::from_id(t).map(|x| x.label(lang)),
        _ => None,
    };
    if let Some(l) = label {
        return l.to_string();
    }
    match chrono::NaiveDate::parse_from_str(t, "%Y-%m-%d") {
        Ok(d) => lang.date(d),
        Err(_) => t.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::dossier::{Certificate, Equipment};

    #[test]
    fn facts_read_as_labels_and_values_in_both_languages() {
        let d = Details {
            equipment: vec![Equipment {
                name: Some("Máy sấy cà phê".into()),
                quantity: Some(1),
                unit_price_vnd: Some(Vnd(420_000_000)),
                year: Some(2023),
                origin: Some("Việt Nam".into()),
            }],
            energy_saving: Some(true),
            traditional_craft: Some(false),
            certificate: Some(Certificate {
                level: Some(CertLevel::Regional),
                number: Some("12/QĐ-BCT".into()),
                valid_until: chrono::NaiveDate::from_ymd_opt(2026, 12, 31),
                issued_on: chrono::NaiveDate::from_ymd_opt(2022, 5, 20),
            }),
            ..Details::default()
        };
        let vi = details(&d, Lang::Vi);
        let get = |rows: &[(String, String)], k: &str| {
            rows.iter()
                .find(|(l, _)| l == k)
                .map(|(_, v)| v.clone())
                .unwrap_or_default()
        };
        assert_eq!(
            get(&vi, "máy móc thiết bị"),
            "tên: Máy sấy cà phê, xuất xứ: Việt Nam, số lượng: 1, đơn giá: 420 tr, năm sản xuất: 2023"
        );
        assert_eq!(get(&vi, "tiết kiệm năng lượng"), "có");
        assert_eq!(get(&vi, "nghề truyền thống"), "không");
        let cert = get(&vi, "giấy chứng nhận");
        assert!(cert.contains("hiệu lực đến: 31/12/2026"), "{cert}");
        assert!(cert.contains("ngày cấp: 20/05/2022"), "{cert}");
        let en = details(&d, Lang::En);
        assert_eq!(get(&en, "traditional craft"), "no");
        assert!(get(&en, "equipment").contains("unit price: 420 tr"));
        // No id is left where a label belongs.
        for (label, _) in vi.iter().chain(&en) {
            assert!(!label.contains('_'), "{label}");
        }
        assert_eq!(key_label("mystery_key", Lang::Vi), "mystery_key");
    }
}
