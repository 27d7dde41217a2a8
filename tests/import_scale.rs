//! Streaming at scale: 100,000 dossiers in one JSON Lines file and one CSV
//! file are read record by record. Ignored by default (it writes ~100 MB);
//! run with `cargo test --test import_scale -- --ignored`.

use std::io::Write;
use std::path::PathBuf;
use std::time::Instant;
use thamdinh::domain::CategoryAliases;
use thamdinh::import::{Item, scan};

const N: usize = 100_000;

fn n() -> usize {
    std::env::var("THAMDINH_SCALE_N")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(N)
}

fn count(path: PathBuf) -> (usize, usize) {
    let (mut ok, mut bad) = (0, 0);
    for item in scan(&[path], &CategoryAliases::ids_only()) {
        match item {
            Item::Record(_) => ok += 1,
            Item::Rejected(_) => bad += 1,
            other => panic!("{other:?}"),
        }
    }
    (ok, bad)
}

#[test]
#[ignore]
fn one_hundred_thousand_records_stream() {
    let n = n();
    let dir = tempfile::tempdir().unwrap();
    let jsonl = dir.path().join("nhieu.jsonl");
    let mut f = std::io::BufWriter::new(std::fs::File::create(&jsonl).unwrap());
    for i in 0..n {
        let budget = if i % 1000 == 999 {
            "\"1,5 tỷ\"".to_string()
        } else {
            "300000000".to_string()
        };
        writeln!(
            f,
            r#"{{"code":"KC25-GL-{i:06}","plan_year":2025,"province":"Gia Lai","category":"machinery","title":"Hỗ trợ máy sấy cà phê số {i}","implementing_unit":"Trung tâm Khuyến công Gia Lai","beneficiary":{{"name":"HTX Cà phê Ia Grai","kind":"HTX","workers":42}},"submitted_on":"20/09/2024","budget":{{"total_vnd":"650.000.000","national_vnd":{budget}}},"documents":["cover_letter","proposal","cost_estimate","quotation"],"summary":"Máy sấy tầng sôi giúp giảm hao hụt còn 2% và chủ động khi mưa."}}"#
        )
        .unwrap();
    }
    drop(f);
    let csv = dir.path().join("nhieu.csv");
    let mut f = std::io::BufWriter::new(std::fs::File::create(&csv).unwrap());
    writeln!(f, "code;plan_year;province;category;title;implementing_unit;beneficiary.name;submitted_on;budget.total_vnd;budget.national_vnd;documents;summary").unwrap();
    for i in 0..n {
        let budget = if i % 1000 == 999 {
            "1,5 tỷ"
        } else {
            "300.000.000"
        };
        write!(
            f,
            "KC25-TV-{i:06};2025;Trà Vinh;machinery;Máy ép thạch dừa {i};TTKC Trà Vinh;Cơ sở Út Hiền;15/09/2024;400.000.000;{budget};cover_letter|proposal|quotation;\"Dòng một;\r\ndòng hai\"\r\n"
        )
        .unwrap();
    }
    drop(f);

    let t = Instant::now();
    assert_eq!(count(jsonl), (n - n / 1000, n / 1000));
    eprintln!("jsonl: {n} records in {:?}", t.elapsed());
    let t = Instant::now();
    assert_eq!(count(csv), (n - n / 1000, n / 1000));
    eprintln!("csv: {n} records in {:?}", t.elapsed());
}
