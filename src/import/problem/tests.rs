use super::*;
use crate::domain::date::DateError;
use crate::domain::money::MoneyError;

fn reason() -> Reason {
    Reason {
        kind: Some(std::io::ErrorKind::PermissionDenied),
        text: "os error 13".into(),
    }
}

fn q(s: &str) -> Shown {
    Shown::Text(format!("\"{s}\""))
}

/// One of every problem, with values an appraiser would meet.
fn samples() -> Vec<Problem> {
    use Problem as P;
    vec![
        P::NoSuchFile,
        P::CannotRead(reason()),
        P::FolderTooDeep,
        P::FolderUnreadable(reason()),
        P::UnknownFileType,
        P::NotRegularFile,
        P::FileEmpty,
        P::FileNotUtf8 { line: 12 },
        P::ReadingStopped(reason()),
        P::FileNotJson {
            line: 3,
            column: 21,
            error: "key must be a string".into(),
        },
        P::EmptyList,
        P::WrongTop(q("Hồ sơ Gia Lai")),
        P::HeaderNotUtf8,
        P::HeaderTooLarge,
        P::HeaderUnterminated { line: 1 },
        P::HeaderTabs,
        P::HeaderBadName {
            column: 4,
            name: "budget..national_vnd".into(),
        },
        P::HeaderTooDeep {
            column: 5,
            name: "a.b.c.d.e.f.g.h.i".into(),
        },
        P::HeaderTwice {
            name: "province".into(),
        },
        P::HeaderConflict {
            name: "budget.total_vnd".into(),
            other: "budget".into(),
        },
        P::HeaderNoNames,
        P::HeaderNoRows,
        P::WorkbookTooLarge {
            mib: 300,
            max_mib: 200,
        },
        P::NotAWorkbook(Reason::text("Zip error: invalid Zip archive")),
        P::NoSuchSheet {
            wanted: "Đăng ký 2025".into(),
            sheets: vec!["Đăng ký 2024".into(), "Tổng hợp".into()],
        },
        P::NoVisibleSheet,
        P::ReaderFailed,
        P::SheetTooSpread {
            max: 5_000_000,
            from: "A1".into(),
            to: "XFD1048576".into(),
        },
        P::NoHeaderRow {
            examples: "Mã hồ sơ, Tên đề án".into(),
        },
        P::NoHeaderInSheet {
            rows: 40,
            examples: "Mã hồ sơ, Tên đề án".into(),
        },
        P::CellExcelError("#DIV/0!".into()),
        P::AmountNegative("-5".into()),
        P::AmountTooLarge("1e20".into()),
        P::AmountDecimals("300000000.5".into()),
        P::CellNotAnAmount("NaN".into()),
        P::CellTooLarge {
            value: "2000000000".into(),
            factor_max: 1_000_000_000,
            unit: "triệu đồng",
        },
        P::CellNotWhole {
            value: "0.30000000000000004".into(),
            unit: "triệu đồng",
        },
        P::PeriodKept("\"quý 3\"".into()),
        P::NoCodeColumn,
        P::CodesMade {
            rows: 12,
            range: "KC24-GIALAI-009 … KC24-GIALAI-020".into(),
        },
        P::RowsPassedOver {
            rows: vec![3, 4, 30],
            more: 2,
            min: 3,
        },
        P::ColumnRepeats {
            col: "J".into(),
            header: "Kinh phí KCQG".into(),
            field: "budget.national_vnd".into(),
            other: "I".into(),
        },
        P::RecordTooLarge,
        P::LineTooLong,
        P::RowTooLarge,
        P::QuoteNeverClosed,
        P::NotUtf8,
        P::LineNotJson {
            column: 24,
            error: "EOF while parsing a value".into(),
        },
        P::ElementNotJson("unexpected end of hex escape".into()),
        P::NotADossier(Shown::List),
        P::NotADossierLine(Shown::Plain("42".into())),
        P::TooManyCells {
            cells: 14,
            columns: 12,
        },
        P::UnnamedCellsIgnored(2),
        P::RepeatedCode {
            code: "KC24-GL-007".into(),
            first: "gia-lai.csv:4".into(),
        },
        P::MoreRejected(12_345),
        P::MoreWarnings(1_200),
        P::FieldTooLong { bytes: 2_000_000 },
        P::KeyTooLong { bytes: 2_000 },
        P::RequiredEmpty,
        P::RequiredMissing,
        P::NotText(Shown::Object),
        P::NotWholeNumber(q("ba mươi")),
        P::TooLarge(Shown::Plain("9999999999".into())),
        P::Negative(q("-3")),
        P::NotAYear(q("năm 2024")),
        P::Money(MoneyError::NotAnAmount("1,5 tỷ".into())),
        P::AmountNotValue(Shown::List),
        P::Date(DateError::NotADay("31/02/2024".into())),
        P::DateNotValue(Shown::Plain("20240931".into())),
        P::NotYesNo(q("chưa rõ")),
        P::NotAnObject,
        P::NotAnObjectValue(Shown::List),
        P::CellNotJson("trailing comma at line 1 column 9".into()),
        P::NotAList,
        P::NotAListValue(Shown::Object),
        P::NotAListJson(q("Hợp tác xã chè")),
        P::NotOneOf {
            value: "\"hộ gia đình\"".into(),
            ids: vec!["enterprise", "cooperative"],
            labels_vi: vec!["doanh nghiệp", "hợp tác xã"],
        },
        P::CodeBadChars("\"KC 24\"".into()),
        P::CodeTooLong {
            value: "\"KC24-…\"".into(),
            max: 100,
        },
        P::UnknownCategory {
            value: "\"máy móc\"".into(),
            ids: vec!["equipment_support"],
            labels_vi: vec!["hỗ trợ máy móc thiết bị"],
        },
        P::NotADocument(Shown::Plain("7".into())),
        P::UnknownDocKind("\"biên bản họp\"".into()),
        P::BothBeneficiaryForms,
    ]
}

/// A number per variant, by a `match` with no wildcard: a new problem does
/// not compile until it is numbered here, and the test below fails until
/// it has a sample.
fn index(p: &Problem) -> usize {
    use Problem as P;
    match p {
        P::NoSuchFile => 0,
        P::CannotRead(_) => 1,
        P::FolderTooDeep => 2,
        P::FolderUnreadable(_) => 3,
        P::UnknownFileType => 4,
        P::NotRegularFile => 5,
        P::FileEmpty => 6,
        P::FileNotUtf8 { .. } => 7,
        P::ReadingStopped(_) => 8,
        P::FileNotJson { .. } => 9,
        P::EmptyList => 10,
        P::WrongTop(_) => 11,
        P::HeaderNotUtf8 => 12,
        P::HeaderTooLarge => 13,
        P::HeaderUnterminated { .. } => 14,
        P::HeaderTabs => 15,
        P::HeaderBadName { .. } => 16,
        P::HeaderTooDeep { .. } => 17,
        P::HeaderTwice { .. } => 18,
        P::HeaderConflict { .. } => 19,
        P::HeaderNoNames => 20,
        P::HeaderNoRows => 21,
        P::WorkbookTooLarge { .. } => 22,
        P::NotAWorkbook(_) => 23,
        P::NoSuchSheet { .. } => 24,
        P::NoVisibleSheet => 25,
        P::ReaderFailed => 26,
        P::SheetTooSpread { .. } => 27,
        P::NoHeaderRow { .. } => 28,
        P::NoHeaderInSheet { .. } => 29,
        P::CellExcelError(_) => 30,
        P::AmountNegative(_) => 31,
        P::AmountTooLarge(_) => 32,
        P::AmountDecimals(_) => 33,
        P::CellNotAnAmount(_) => 34,
        P::CellTooLarge { .. } => 35,
        P::CellNotWhole { .. } => 36,
        P::PeriodKept(_) => 37,
        P::NoCodeColumn => 38,
        P::CodesMade { .. } => 39,
        P::RowsPassedOver { .. } => 40,
        P::ColumnRepeats { .. } => 41,
        P::RecordTooLarge => 42,
        P::LineTooLong => 43,
        P::RowTooLarge => 44,
        P::QuoteNeverClosed => 45,
        P::NotUtf8 => 46,
        P::LineNotJson { .. } => 47,
        P::ElementNotJson(_) => 48,
        P::NotADossier(_) => 49,
        P::NotADossierLine(_) => 50,
        P::TooManyCells { .. } => 51,
        P::UnnamedCellsIgnored(_) => 52,
        P::RepeatedCode { .. } => 53,
        P::MoreRejected(_) => 54,
        P::MoreWarnings(_) => 55,
        P::FieldTooLong { .. } => 56,
        P::KeyTooLong { .. } => 57,
        P::RequiredEmpty => 58,
        P::RequiredMissing => 59,
        P::NotText(_) => 60,
        P::NotWholeNumber(_) => 61,
        P::TooLarge(_) => 62,
        P::Negative(_) => 63,
        P::NotAYear(_) => 64,
        P::Money(_) => 65,
        P::AmountNotValue(_) => 66,
        P::Date(_) => 67,
        P::DateNotValue(_) => 68,
        P::NotYesNo(_) => 69,
        P::NotAnObject => 70,
        P::NotAnObjectValue(_) => 71,
        P::CellNotJson(_) => 72,
        P::NotAList => 73,
        P::NotAListValue(_) => 74,
        P::NotAListJson(_) => 75,
        P::NotOneOf { .. } => 76,
        P::CodeBadChars(_) => 77,
        P::CodeTooLong { .. } => 78,
        P::UnknownCategory { .. } => 79,
        P::NotADocument(_) => 80,
        P::UnknownDocKind(_) => 81,
        P::BothBeneficiaryForms => 82,
    }
}

const VARIANTS: usize = 83;

/// English words our messages use: none may be left in a Vietnamese one
/// (field names of the format and the values quoted aside).
const ENGLISH: &[&str] = &[
    "is", "not", "the", "an", "of", "must", "expected", "cannot", "read", "file", "line", "column",
    "columns", "header", "record", "records", "field", "value", "amount", "amounts", "list",
    "object", "rows", "row", "cell", "cells", "empty", "missing", "required", "too", "large",
    "long", "negative", "whole", "number", "year", "date", "use", "or", "and", "with", "has",
    "holds", "more", "shown", "warnings", "rejected", "kept", "unknown", "document", "folder",
    "such", "reading", "stopped", "valid", "text", "named", "found", "first", "made", "code",
    "codes", "while", "where", "was", "were", "be", "at", "in", "appears", "again", "later",
    "wins", "spread", "delete", "save", "open", "workbook", "sheets", "visible", "reader",
    "failed", "decimals", "yes", "no",
];

fn words(s: &str) -> Vec<String> {
    s.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect()
}

#[test]
fn every_problem_has_a_sample() {
    let mut seen = [false; VARIANTS];
    for p in samples() {
        seen[index(&p)] = true;
    }
    let missing: Vec<usize> = (0..VARIANTS).filter(|&i| !seen[i]).collect();
    assert!(missing.is_empty(), "problems without a sample: {missing:?}");
}

#[test]
fn every_problem_reads_in_both_languages() {
    for p in samples() {
        let en = p.message(Lang::En);
        let vi = p.message(Lang::Vi);
        assert_eq!(en, p.to_string(), "Display is the English");
        assert!(!en.is_empty() && !vi.is_empty(), "{p:?}");
        assert_ne!(en, vi, "{p:?} is not translated");
        // Words of the sample values may appear in both; others may not.
        let en_words = words(&en);
        let leftover: Vec<String> = words(&vi)
            .into_iter()
            .filter(|w| ENGLISH.contains(&w.as_str()))
            .filter(|w| !value_words(&p).contains(w))
            .collect();
        assert!(
            leftover.is_empty(),
            "English words {leftover:?} in the Vietnamese of {p:?}: {vi}\n(English: {})",
            en_words.join(" ")
        );
    }
}

/// The words of a sample's own values (a quoted value, a library's text).
fn value_words(p: &Problem) -> Vec<String> {
    let debug = format!("{p:?}");
    let values: String = debug
        .split('"')
        .skip(1)
        .step_by(2)
        .collect::<Vec<_>>()
        .join(" ");
    words(&values)
}

#[test]
fn english_is_what_it_was() {
    // Spot checks of the texts scripts and tests have always seen.
    let en = |p: Problem| p.message(Lang::En);
    assert_eq!(
        en(Problem::FileNotJson {
            line: 3,
            column: 21,
            error: "key must be a string".into()
        }),
        "not valid JSON at line 3, column 21: key must be a string"
    );
    assert_eq!(
        en(Problem::AmountTooLarge("1e20".into())),
        "1e20 is too large: amounts are at most 1.000.000.000.000.000 đồng"
    );
    assert_eq!(
        en(Problem::MoreRejected(12_345)),
        "12,345 more records rejected (not shown)"
    );
    assert_eq!(
        en(Problem::NotAListJson(Shown::Plain("7".into()))),
        "7 is not a list (write it as JSON: [{\"name\": …}])"
    );
}

#[test]
fn vietnamese_reads_the_json_syntax_and_the_figures() {
    let vi = |p: Problem| p.message(Lang::Vi);
    assert_eq!(
        vi(Problem::LineNotJson {
            column: 24,
            error: "EOF while parsing a value".into()
        }),
        "không phải JSON hợp lệ ở cột 24: tệp hết khi còn chờ một giá trị"
    );
    assert_eq!(
        vi(Problem::MoreRejected(12_345)),
        "còn 12.345 bản ghi bị từ chối khác (không hiện)"
    );
    assert_eq!(
        vi(Problem::CannotRead(reason())),
        "không đọc được: không có quyền đọc (os error 13)"
    );
}
