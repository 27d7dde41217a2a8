use super::*;
use serde_json::Value;

const DOSSIERS: &str = include_str!("../../../tests/fixtures/query/dossiers.json");
const CASES: &str = include_str!("../../../tests/fixtures/query/cases.tsv");

fn aliases() -> CategoryAliases {
    let mut a = CategoryAliases::ids_only();
    for (name, c) in [
        ("máy móc thiết bị", Category::Machinery),
        ("đào tạo nghề", Category::Training),
        ("đào tạo", Category::Training),
        ("truyền nghề", Category::Training),
        ("tư vấn", Category::Consulting),
        ("thông tin", Category::Consulting),
        ("xử lý ô nhiễm", Category::PollutionTreatment),
        ("sản phẩm tiêu biểu", Category::TypicalProduct),
        ("mô hình trình diễn", Category::DemonstrationModel),
    ] {
        a.insert(name, c).unwrap();
    }
    a
}

/// The fixture dossiers as the store would show them: all pending.
fn docs() -> Vec<(String, Doc)> {
    let v: Value = serde_json::from_str(DOSSIERS).unwrap();
    v.as_array()
        .unwrap()
        .iter()
        .map(|d| {
            let s = |k: &str| d[k].as_str();
            let b = |k: &str| d["beneficiary"][k].as_str();
            let mut doc = Doc::new([
                (Field::Code, s("code")),
                (Field::Title, s("title")),
                (Field::Beneficiary, b("name")),
                (Field::Province, s("province")),
                (Field::Unit, s("implementing_unit")),
                (Field::District, b("district")),
                (Field::Commune, b("commune")),
            ]);
            doc.category = Category::from_id(s("category").unwrap());
            doc.status = Some(Status::Pending);
            doc.national = Vnd(d["budget"]["national_vnd"].as_i64().unwrap());
            doc.plan_year = d["plan_year"].as_i64().unwrap() as i32;
            (s("code").unwrap().to_string(), doc)
        })
        .collect()
}

/// The fixture dossiers with their province, unit and district kept as
/// shared texts (as the TUI's queue keeps them).
fn shared_docs() -> Vec<Doc> {
    let v: Value = serde_json::from_str(DOSSIERS).unwrap();
    v.as_array()
        .unwrap()
        .iter()
        .zip(docs())
        .map(|(d, (_, plain))| {
            let s = |k: &str| d[k].as_str();
            let b = |k: &str| d["beneficiary"][k].as_str();
            let place = std::sync::Arc::new(Texts::new([
                (Field::Province, s("province")),
                (Field::Unit, s("implementing_unit")),
                (Field::District, b("district")),
            ]));
            let own = [
                (Field::Code, s("code")),
                (Field::Title, s("title")),
                (Field::Beneficiary, b("name")),
                (Field::Commune, b("commune")),
            ];
            let mut doc = Doc::from_texts(std::sync::Arc::new(Texts::with_shared(&own, &place)));
            doc.category = plain.category;
            doc.status = plain.status;
            doc.national = plain.national;
            doc.plan_year = plain.plan_year;
            doc
        })
        .collect()
}

/// Shared texts change nothing a query sees: the same hits, ranks and
/// spans, field by field, as texts kept whole.
#[test]
fn shared_place_texts_match_exactly_as_whole_ones() {
    let plain = docs();
    let shared = shared_docs();
    let mut queries: Vec<String> = table::parse(CASES).into_iter().map(|c| c.query).collect();
    queries.extend(["~gialai", "~trung tam", "huyen", "p:\"gia lai\" tam"].map(String::from));
    for q in queries {
        let Ok(query) = Query::parse(&q, &aliases()) else {
            continue;
        };
        for ((code, a), b) in plain.iter().zip(&shared) {
            assert_eq!(
                query.matches(a, false),
                query.matches(b, false),
                "{q:?} on {code}"
            );
        }
    }
    for ((_, a), b) in plain.iter().zip(&shared) {
        for f in Field::ALL {
            assert_eq!(a.texts().get(f), b.texts().get(f));
        }
    }
}

fn run(q: &str) -> Result<Vec<String>, QueryError> {
    let docs = docs();
    let query = Query::parse(q, &aliases())?;
    let only: Vec<Doc> = docs.iter().map(|(_, d)| d.clone()).collect();
    Ok(search(&query, &only, 0..only.len(), &|_| false)
        .into_iter()
        .map(|f| docs[f.index].0.clone())
        .collect())
}

#[test]
fn every_case_of_the_table_keeps_exactly_its_dossiers() {
    let failures: Vec<String> = table::parse(CASES)
        .iter()
        .filter_map(|c| table::check(c, run(&c.query).map_err(|e| e.to_string())))
        .collect();
    assert!(failures.is_empty(), "\n{}", failures.join("\n"));
}

#[test]
fn whole_words_before_prefixes_code_before_title_earlier_words_first() {
    let got = run("tra").unwrap();
    // Trà Vinh is a whole word in the province of both Trà Vinh dossiers
    // and a title word of the Bình Định one.
    assert_eq!(got[..], ["KC24-BD-011", "KC24-TV-001", "KC24-TV-002"]);
    let got = run("ia").unwrap();
    assert_eq!(
        got,
        ["KC24-GL-010", "KC24-GL-007"],
        "title before beneficiary"
    );
    // A code match comes before a title match.
    let got = run("gl").unwrap();
    assert_eq!(got, ["KC24-GL-007", "KC24-GL-010"]);
    // Only qualifiers: queue order.
    let got = run("c:machinery").unwrap();
    assert_eq!(got, ["KC24-GL-007", "KC24-TN-004", "KC24-LA-007"]);
}

#[test]
fn errors_say_what_is_wrong() {
    let e = |q: &str| Query::parse(q, &aliases()).unwrap_err().to_string();
    assert!(e("x:1").contains("x: is not a qualifier"));
    assert!(e("is:foo").contains("is:failing"));
    assert!(e("c:xyz").contains("is not a category"));
    assert!(e("national:nhieu").contains("is not an amount"));
    assert!(e("score:abc").contains("whole number"));
    assert!(e("\"tra vinh").contains("closing"));
    assert!(e("p:").contains("needs a value"));
}

#[test]
fn state_qualifiers() {
    let mut d = Doc::new([(Field::Code, Some("KC24-GL-007"))]);
    d.standing = Some(crate::domain::checklist::Standing::Failing);
    d.score = Some(72);
    d.last_by = Some(Prepared::boxed("Nguyễn Thị Lan"));
    let matches = |q: &str, d: &Doc| {
        Query::parse(q, &aliases())
            .unwrap()
            .matches(d, true)
            .is_some()
    };
    let yes = |q: &str| matches(q, &d);
    assert!(yes("is:failing"));
    assert!(!yes("is:ok"));
    assert!(yes("is:scored") && !yes("is:unscored"));
    assert!(yes("is:marked") && !yes("-is:marked"));
    assert!(yes("score:>=70") && yes("score:72") && !yes("score:>72") && yes("diem:<=72"));
    assert!(yes("by:lan") && yes("by:nguyen") && yes("by:\"thị lan\"") && !yes("by:an"));
    assert!(yes("is:loi"), "Vietnamese is: names");
    // A manual item not ticked yet is not a failure: the dossier waits.
    d.standing = Some(crate::domain::checklist::Standing::Incomplete);
    let yes = |q: &str| matches(q, &d);
    assert!(yes("is:incomplete") && yes("là:chưaxong"));
    assert!(!yes("is:failing") && !yes("is:ok"));
    d.score = None;
    d.standing = None;
    let yes = |q: &str| matches(q, &d);
    assert!(
        !yes("score:>=0"),
        "an unscored dossier has no score to compare"
    );
    assert!(
        !yes("is:failing") && !yes("is:ok"),
        "an unknown gate is neither"
    );
    assert!(yes("is:unscored"));
}

#[test]
fn money_in_query_units() {
    assert_eq!(parse_money("300tr"), Some(300_000_000));
    assert_eq!(parse_money("1,5ty"), Some(1_500_000_000));
    assert_eq!(parse_money("1.5tỷ"), Some(1_500_000_000));
    assert_eq!(parse_money("2tỉ"), Some(2_000_000_000));
    assert_eq!(parse_money("500000000"), Some(500_000_000));
    assert_eq!(parse_money("1.500.000đ"), Some(1_500_000));
    assert_eq!(parse_money("0,0000000001ty"), None, "below one đồng");
    assert_eq!(parse_money("tr"), None);
    assert_eq!(parse_money("abc"), None);
}

#[test]
fn highlights_point_at_the_matched_chars_of_each_field() {
    let docs = docs();
    let (_, tv) = docs.iter().find(|(c, _)| c == "KC24-TV-001").unwrap();
    let hit = Query::parse("\"trà vinh\" thach", &aliases())
        .unwrap()
        .matches(tv, false)
        .unwrap();
    let prov: String = hit
        .positions(Field::Province)
        .iter()
        .map(|&i| "Trà Vinh".chars().nth(i).unwrap())
        .collect();
    assert_eq!(prov, "Trà Vinh", "the whole phrase");
    let title = "Xử lý nước thải chế biến thạch dừa";
    let t: String = hit
        .positions(Field::Title)
        .iter()
        .map(|&i| title.chars().nth(i).unwrap())
        .collect();
    assert_eq!(t, "thạch");
}

#[test]
fn fuzzy_is_asked_for_never_silent() {
    assert!(run("chbien").unwrap().is_empty(), "no silent fuzziness");
    let got = run("~chbien").unwrap();
    assert!(got.contains(&"KC24-TV-001".to_string()), "{got:?}");
    let q = Query::parse("gch", &aliases()).unwrap();
    let fuzzy = q.fuzzy();
    let only: Vec<Doc> = docs().into_iter().map(|(_, d)| d).collect();
    assert!(search(&q, &only, 0..only.len(), &|_| false).is_empty());
    assert!(!search(&fuzzy, &only, 0..only.len(), &|_| false).is_empty());
}

#[test]
fn qualifiers_are_rewritten_in_place_of_the_old_ones() {
    assert_eq!(
        with_qualifier("gach s:pending", "s", Some("approved")),
        "gach s:approved"
    );
    assert_eq!(with_qualifier("gach status:pending", "s", None), "gach");
    assert_eq!(with_qualifier("", "p", Some("Gia Lai")), "p:\"Gia Lai\"");
    assert_eq!(
        with_qualifier("\"tra vinh\" c:may", "c", Some("training")),
        "\"tra vinh\" c:training"
    );
    assert_eq!(
        qualifier_value("gach p:\"Gia Lai\"", "province").as_deref(),
        Some("Gia Lai")
    );
    assert_eq!(qualifier_value("gach -s:pending", "s"), None);
}

#[test]
fn narrowing_is_claimed_only_when_it_is_certain() {
    let a = aliases();
    assert!(Query::narrows("tra", "tra vinh", &a));
    assert!(Query::narrows("tra", "tran", &a));
    assert!(Query::narrows("p:gia", "p:gia lai", &a));
    assert!(
        !Query::narrows("-t", "-tr", &a),
        "a shorter exclusion excludes more"
    );
    assert!(!Query::narrows("year:202", "year:2024", &a));
    assert!(!Query::narrows("tra", "tr", &a));
    assert!(!Query::narrows("", "tra", &a));
    // A word that becomes a qualifier as it is typed (seen: `s` → `s:chờ`
    // kept only the rows with an s in them).
    assert!(!Query::narrows("s", "s:chờ", &a));
    assert!(!Query::narrows("s:", "s:chờ", &a));
    assert!(!Query::narrows("p", "p:gia", &a));
    assert!(Query::narrows("s:ch", "s:chờ", &a));
    assert!(Query::narrows("gia lai", "gia lai chè", &a));
}

#[test]
fn team_qualifiers() {
    let mut d = Doc::new([(Field::Code, Some("KC24-GL-007"))]);
    let matches = |q: &str, d: &Doc| {
        Query::parse(q, &aliases())
            .unwrap()
            .matches(d, false)
            .is_some()
    };
    assert!(!matches("is:disputed", &d) && !matches("is:mine", &d) && !matches("to:lan", &d));
    d.disputed = true;
    d.mine = true;
    d.assignee = Some(Prepared::boxed("Nguyễn Thị Lan"));
    assert!(matches("is:disputed", &d) && matches("is:lechdiem", &d));
    assert!(matches("is:mine", &d) && matches("is:cuatoi", &d) && !matches("-is:mine", &d));
    assert!(matches("to:lan", &d) && matches("giao:\"thị lan\"", &d) && !matches("to:minh", &d));
    let e = Query::parse("to:", &aliases()).unwrap_err();
    assert!(e.to_string().contains("to:"), "{e}");
    let e = Query::parse("is:argued", &aliases()).unwrap_err();
    assert!(e.to_string().contains("is:disputed, is:mine"), "{e}");
}
