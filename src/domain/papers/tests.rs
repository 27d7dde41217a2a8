use super::compose;
use super::layout::{Block, Row, Style};
use super::template::Templates;
use super::*;
use crate::domain::ranking::{RankInput, rank};
use chrono::NaiveDate;

fn returned(code: &str, reason: Option<&str>) -> ReturnedDossier {
    ReturnedDossier {
        code: code.into(),
        title: "Ứng dụng máy sấy chè Shan tuyết".into(),
        category: Category::Machinery,
        beneficiary: Some("HTX Chè Lũng Phìn".into()),
        implementing_unit: "Trung tâm Khuyến công tỉnh Hà Giang".into(),
        reason: reason.map(str::to_string),
        unmet: vec![UnmetItem {
            id: "on_time".into(),
            label: "Đúng hạn".into(),
            evidence: "nộp ngày 02/10/2023, hạn 30/09/2023: trễ 2 ngày".into(),
            citation: None,
        }],
        resend: vec![DocKind::CounterpartCommitment, DocKind::Quotation],
    }
}

fn texts(p: &super::layout::Paper) -> Vec<String> {
    p.body
        .iter()
        .flat_map(|b| match b {
            Block::Para(_, t) => vec![t.clone()],
            Block::Table(t) => t
                .rows
                .iter()
                .flat_map(|r| match r {
                    Row::Cells(c) => c.clone(),
                    Row::Across(a) => vec![a.clone()],
                })
                .collect(),
        })
        .collect()
}

#[test]
fn letters_group_by_province_and_sort_by_code() {
    let ls = letters(
        2024,
        vec![
            (
                "Hà Giang".into(),
                returned("KC24-HG-002", Some("Nộp trễ hạn")),
            ),
            ("Đắk Lắk".into(), returned("KC24-DL-001", None)),
            (
                "Hà Giang".into(),
                returned("KC24-HG-001", Some("Thiếu báo giá")),
            ),
        ],
    );
    let names: Vec<&str> = ls.iter().map(|l| l.province.as_str()).collect();
    assert_eq!(names, ["Đắk Lắk", "Hà Giang"], "folded order: đ sorts as d");
    let codes: Vec<&str> = ls[1].dossiers.iter().map(|d| d.code.as_str()).collect();
    assert_eq!(codes, ["KC24-HG-001", "KC24-HG-002"]);
}

#[test]
fn a_letter_says_reason_items_and_what_to_send() {
    let t = Templates::bundled();
    let l = &letters(
        2024,
        vec![(
            "Hà Giang".into(),
            returned("KC24-HG-002", Some("Nộp trễ hạn")),
        )],
    )[0];
    let p = compose::letter(&t, l, 2026);
    assert_eq!(
        p.heading.subject.as_deref(),
        Some("V/v trả lại hồ sơ đề án khuyến công quốc gia năm 2024")
    );
    assert!(p.heading.place_date.ends_with("năm 2026"));
    let all = texts(&p).join("\n");
    assert!(
        all.contains("Kính gửi: Sở Công Thương tỉnh Hà Giang"),
        "{all}"
    );
    assert!(all.contains("1. Đề án KC24-HG-002: Ứng dụng máy sấy chè Shan tuyết"));
    assert!(all.contains("Lý do trả lại: Nộp trễ hạn"));
    assert!(all.contains("- Đúng hạn: nộp ngày 02/10/2023, hạn 30/09/2023: trễ 2 ngày."));
    assert!(!all.contains("căn cứ"), "no citation is invented: {all}");
    assert!(
        all.contains("Đề nghị gửi lại: cam kết vốn đối ứng, báo giá"),
        "{all}"
    );
    assert!(p.signature.signer.contains(&"PHÓ CỤC TRƯỞNG".to_string()));
    assert!(
        p.signature
            .recipients
            .iter()
            .any(|r| r.contains("Như trên"))
    );
}

#[test]
fn a_citation_is_printed_when_an_item_carries_one() {
    let t = Templates::bundled();
    let mut d = returned("KC24-HG-002", None);
    d.unmet[0].citation = Some("khoản 1 Điều 8 Thông tư 20/2017/TT-BCT".into());
    d.resend.clear();
    let l = Letter {
        plan_year: 2024,
        province: "Hà Nội".into(),
        dossiers: vec![d],
    };
    let all = texts(&compose::letter(&t, &l, 2026)).join("\n");
    assert!(
        all.contains("(căn cứ: khoản 1 Điều 8 Thông tư 20/2017/TT-BCT)"),
        "{all}"
    );
    assert!(all.contains("Sở Công Thương thành phố Hà Nội"));
    assert!(all.contains("Lý do trả lại: chưa ghi."));
    assert!(all.contains("Đề nghị gửi lại đề án đã chỉnh sửa"));
}

fn input(code: &str, status: Status, tr: i64, total: Option<i64>) -> (RankInput, ReportInput) {
    (
        RankInput {
            code: code.into(),
            category: Category::Machinery,
            status,
            submitted_on: NaiveDate::from_ymd_opt(2023, 9, 20).expect("date"),
            national: Vnd(tr * 1_000_000),
            total,
            pilot: false,
            priority_area: None,
        },
        ReportInput {
            code: code.into(),
            province: "Gia Lai".into(),
            title: format!("Đề án {code}"),
            status,
            national: Vnd(tr * 1_000_000),
            override_by: None,
        },
    )
}

#[test]
fn the_report_draws_the_cut_line_and_counts() {
    let mut all = vec![
        input("A", Status::Approved, 300, Some(90)),
        input("B", Status::Pending, 450, Some(85)),
        input("C", Status::Pending, 250, Some(80)),
        input("D", Status::Returned, 100, Some(99)),
    ];
    all[0].1.override_by = Some((
        Some("Bổ sung sau".into()),
        "lan".into(),
        "2023-10-02T09:15:00+07:00".into(),
    ));
    let (ri, inputs): (Vec<_>, Vec<_>) = all.into_iter().unzip();
    let allocation = Some(Vnd(800_000_000));
    let ranked = rank(&ri, allocation);
    let c = category_report(
        Category::Machinery,
        "Ứng dụng máy móc thiết bị",
        2024,
        allocation,
        &ranked,
        &inputs,
    );
    assert_eq!(c.rows.len(), 3, "returned dossiers are not ranked");
    assert_eq!(c.cut_after(), Some(2));
    assert_eq!(
        (c.figures.approved, c.figures.approved_vnd),
        (1, Vnd(300_000_000))
    );
    assert_eq!(
        (c.figures.returned, c.figures.returned_vnd),
        (1, Vnd(100_000_000))
    );
    assert_eq!(
        (c.figures.within, c.figures.within_vnd),
        (2, Vnd(750_000_000))
    );
    assert_eq!(c.overrides.len(), 1);
    let r = Report {
        plan_year: 2024,
        categories: vec![c],
    };
    let p = compose::report(&Templates::bundled(), &r, 2026);
    let Some(Block::Table(table)) = p.body.iter().find(|b| matches!(b, Block::Table(_))) else {
        panic!("a ranked table");
    };
    assert_eq!(table.header.len(), 8);
    let Row::Across(cut) = &table.rows[2] else {
        panic!("the cut line after the second row: {:?}", table.rows);
    };
    assert!(
        cut.contains("800 triệu đồng") && cut.contains("750 triệu đồng"),
        "{cut}"
    );
    let all = texts(&p).join("\n");
    assert!(all.contains("Đã duyệt: 1 hồ sơ, 300 triệu đồng"), "{all}");
    assert!(all.contains("Trả lại: 1 hồ sơ, 100 triệu đồng"), "{all}");
    assert!(all.contains("A (Gia Lai): Đề án A. Lý do: Bổ sung sau (lan, 02/10/2023 09:15)."));
    assert!(matches!(&p.body[0], Block::Para(Style::Title, t) if t == "BÁO CÁO"));
}

#[test]
fn without_allocation_there_is_no_cut_line() {
    let (ri, inputs): (Vec<_>, Vec<_>) = vec![input("A", Status::Pending, 300, None)]
        .into_iter()
        .unzip();
    let c = category_report(
        Category::Training,
        "Đào tạo nghề",
        2024,
        None,
        &rank(&ri, None),
        &inputs,
    );
    assert_eq!(c.cut_after(), None);
    assert_eq!(compose::figure(Vnd(35_500_000)), "35,5");
    assert_eq!(compose::money(Vnd(1_500_000_000)), "1.500 triệu đồng");
}
