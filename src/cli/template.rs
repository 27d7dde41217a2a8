//! `thamdinh template --format xlsx|csv --out FILE`: the registration sheet a
//! province fills in. Vietnamese headers (from `data/headers.toml`) over a
//! row of the English ids, drop-down lists for the vocabularies, money and
//! date formats, one example row; importing it unchanged gives exactly the
//! example dossier (`tests/sheet_template.rs`).

use super::args::TemplateFormat;
use super::{CmdResult, Exit, Failure};
use crate::domain::Category;
use crate::domain::dossier::{BeneficiaryKind, DocKind, PriorityArea, ProjectType};
use crate::domain::rules::Rules;
use crate::import::HeaderTable;
use crate::output::vocab::{self, Lang};
use crate::output::xlsx;
use crate::output::{AtomicFile, SameFile};
use rust_xlsxwriter::{
    Color, DataValidation, DataValidationErrorStyle, DataValidationRule, ExcelDateTime, Format,
    FormatAlign, Formula, Note, Workbook, XlsxError,
};
use std::io::Write;
use std::path::Path;

/// A value of the example row.
#[derive(Debug, Clone, Copy)]
enum Example {
    Text(&'static str),
    Number(i64),
    Money(i64),
    Date(u16, u8, u8),
    /// A vocabulary value, written as its label.
    Category(Category),
    ProjectType(ProjectType),
    Kind(BeneficiaryKind),
}

/// What a column's cells may hold, for its list or format.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Col {
    Text(f64),
    Whole,
    Money,
    Date,
    Categories,
    ProjectTypes,
    Kinds,
    Areas,
    Documents,
}

/// The template's columns: field id, what it holds, the example.
const COLUMNS: &[(&str, Col, Example)] = &[
    ("code", Col::Text(14.0), Example::Text("KC25-GL-001")),
    (
        "title",
        Col::Text(42.0),
        Example::Text("Ứng dụng máy sấy cà phê bằng năng lượng mặt trời"),
    ),
    ("province", Col::Text(14.0), Example::Text("Gia Lai")),
    ("plan_year", Col::Whole, Example::Number(2025)),
    (
        "category",
        Col::Categories,
        Example::Category(Category::Machinery),
    ),
    (
        "project_type",
        Col::ProjectTypes,
        Example::ProjectType(ProjectType::Named),
    ),
    (
        "implementing_unit",
        Col::Text(34.0),
        Example::Text("Trung tâm Khuyến công và Tư vấn phát triển công nghiệp Gia Lai"),
    ),
    (
        "beneficiary.name",
        Col::Text(30.0),
        Example::Text("Hợp tác xã Cà phê Ia Kênh"),
    ),
    (
        "beneficiary.kind",
        Col::Kinds,
        Example::Kind(BeneficiaryKind::Cooperative),
    ),
    (
        "beneficiary.district",
        Col::Text(16.0),
        Example::Text("TP Pleiku"),
    ),
    (
        "beneficiary.commune",
        Col::Text(16.0),
        Example::Text("Xã Ia Kênh"),
    ),
    ("beneficiary.workers", Col::Whole, Example::Number(25)),
    (
        "priority_area",
        Col::Areas,
        Example::Text("highland_border_island_ethnic"),
    ),
    ("submitted_on", Col::Date, Example::Date(2024, 9, 20)),
    ("start", Col::Date, Example::Date(2025, 3, 1)),
    ("end", Col::Date, Example::Date(2025, 10, 31)),
    ("budget.total_vnd", Col::Money, Example::Money(600_000_000)),
    (
        "budget.national_vnd",
        Col::Money,
        Example::Money(300_000_000),
    ),
    ("budget.local_vnd", Col::Money, Example::Money(50_000_000)),
    (
        "budget.counterpart_vnd",
        Col::Money,
        Example::Money(250_000_000),
    ),
    (
        "documents",
        Col::Documents,
        Example::Text(
            "cover_letter|proposal|cost_estimate|support_request|province_appraisal|counterpart_commitment|no_double_funding|quotation",
        ),
    ),
    (
        "summary",
        Col::Text(50.0),
        Example::Text("Máy sấy dùng năng lượng mặt trời, 2 tấn/mẻ, thay lò sấy củi."),
    ),
];

/// Rows of the sheet that may be filled (validation lists reach this far).
const ROWS: u32 = 1000;

/// Row (0-based) of the Vietnamese headers; the ids are on the next row,
/// the example under them.
const HEADER_ROW: u32 = 2;

const SHEET: &str = "Đăng ký";
const LISTS: &str = "Danh sách";

pub fn run(
    rules: &Rules,
    headers: &HeaderTable,
    format: TemplateFormat,
    out: &Path,
    guard: &SameFile,
) -> CmdResult {
    let written = match format {
        TemplateFormat::Csv => write_csv(rules, out, guard),
        TemplateFormat::Xlsx => workbook(rules, headers)
            .map_err(xlsx::failed(out))
            .and_then(|mut wb| xlsx::save(&mut wb, out, guard)),
    };
    written.map_err(Failure::failed)?;
    match super::message_lang() {
        crate::domain::Lang::En => crate::errln!(
            "wrote the registration template to {} (one example row: replace it)",
            out.display()
        ),
        crate::domain::Lang::Vi => crate::errln!(
            "đã ghi mẫu đăng ký ra {} (một dòng ví dụ: thay bằng số liệu thật)",
            out.display()
        ),
    }
    Ok(Exit::Success)
}

/// The example value as CSV text (and as the xlsx writes text).
fn example_text(rules: &Rules, e: Example) -> String {
    match e {
        Example::Text(s) => s.to_string(),
        Example::Number(n) | Example::Money(n) => n.to_string(),
        Example::Date(y, m, d) => format!("{d:02}/{m:02}/{y}"),
        Example::Category(c) => rules.category(c).name_vi.clone(),
        Example::ProjectType(p) => vocab::project_type(p, Lang::Vi).to_string(),
        Example::Kind(k) => vocab::beneficiary_kind(k, Lang::Vi).to_string(),
    }
}

/// The CSV template: the English dotted header of `dossier-format.md` (the
/// CSV contract) and the example row.
fn write_csv(rules: &Rules, out: &Path, guard: &SameFile) -> Result<(), String> {
    let mut f = AtomicFile::create(out, guard)?;
    let named = |e: csv::Error| format!("{}: {e} (nothing was written)", out.display());
    {
        let mut w = csv::Writer::from_writer(&mut f);
        w.write_record(COLUMNS.iter().map(|(id, ..)| *id))
            .map_err(named)?;
        w.write_record(
            COLUMNS
                .iter()
                .map(|(_, _, e)| crate::output::csv::cell(&example_text(rules, *e)).into_owned()),
        )
        .map_err(named)?;
        w.flush()
            .map_err(|e| format!("{}: {e} (nothing was written)", out.display()))?;
    }
    f.flush()
        .map_err(|e| format!("{}: {e} (nothing was written)", out.display()))?;
    f.commit()
}

/// The header a column gets: the table's first spelling, with the unit of
/// money (đồng) so that no one wonders.
fn header(headers: &HeaderTable, id: &str, col: Col) -> String {
    let name = headers.display(id).unwrap_or(id).to_string();
    match col {
        Col::Money => format!("{name} (đồng)"),
        Col::Date => format!("{name} (ngày/tháng/năm)"),
        _ => name,
    }
}

fn workbook(rules: &Rules, headers: &HeaderTable) -> Result<Workbook, XlsxError> {
    let mut wb = Workbook::new();
    let title = Format::new().set_bold().set_font_size(14);
    let guide = Format::new().set_italic().set_text_wrap();
    let head = Format::new()
        .set_bold()
        .set_text_wrap()
        .set_align(FormatAlign::Center)
        .set_align(FormatAlign::VerticalCenter)
        .set_background_color(Color::RGB(0xDD_EB_F7))
        .set_border(rust_xlsxwriter::FormatBorder::Thin);
    let ids = Format::new()
        .set_italic()
        .set_font_size(8)
        .set_font_color(Color::Gray)
        .set_align(FormatAlign::Center);
    let money = Format::new().set_num_format("#,##0");
    let date = Format::new().set_num_format("dd/mm/yyyy");
    let plain = Format::new().set_text_wrap();
    let last_col = (COLUMNS.len() - 1) as u16;

    // The lists of the drop-downs, on a hidden sheet (its headers are not
    // column headers, so an import never reads it as dossiers).
    let lists: [(Col, Vec<String>); 5] = [
        (
            Col::Categories,
            Category::ALL
                .iter()
                .map(|c| rules.category(*c).name_vi.clone())
                .collect(),
        ),
        (
            Col::ProjectTypes,
            [ProjectType::Pilot, ProjectType::Group, ProjectType::Named]
                .iter()
                .map(|p| vocab::project_type(*p, Lang::Vi).to_string())
                .collect(),
        ),
        (
            Col::Kinds,
            BeneficiaryKind::ALL
                .iter()
                .map(|k| vocab::beneficiary_kind(*k, Lang::Vi).to_string())
                .collect(),
        ),
        (
            Col::Areas,
            PriorityArea::ALL
                .iter()
                .map(|a| a.id().to_string())
                .collect(),
        ),
        (
            Col::Documents,
            DocKind::ALL
                .iter()
                .filter(|k| !k.is_kept_at_province())
                .map(|k| k.id().to_string())
                .collect(),
        ),
    ];
    let ws = wb.add_worksheet();
    ws.set_name(SHEET)?;
    ws.merge_range(
        0,
        0,
        0,
        last_col,
        "MẪU ĐĂNG KÝ ĐỀ ÁN KHUYẾN CÔNG QUỐC GIA",
        &title,
    )?;
    ws.merge_range(
        1,
        0,
        1,
        last_col,
        "Mỗi đề án một dòng, từ dòng 5 (thay dòng ví dụ). Tiền ghi bằng đồng; ngày theo ngày/tháng/năm; \
         nhiều loại hồ sơ cách nhau bằng dấu |. Dòng 4 là tên trường tiếng Anh: giữ nguyên.",
        &guide,
    )?;
    ws.set_row_height(1, 30)?;
    ws.set_row_height(HEADER_ROW, 45)?;
    let first = HEADER_ROW + 2;
    for (i, (id, col, example)) in COLUMNS.iter().enumerate() {
        let c = i as u16;
        ws.write_string_with_format(HEADER_ROW, c, header(headers, id, *col), &head)?;
        ws.write_string_with_format(HEADER_ROW + 1, c, *id, &ids)?;
        let width = match col {
            Col::Text(w) => *w,
            Col::Whole => 10.0,
            Col::Money => 16.0,
            Col::Date => 13.0,
            Col::Categories => 30.0,
            Col::Documents => 40.0,
            _ => 18.0,
        };
        ws.set_column_width(c, width)?;
        match col {
            Col::Money => {
                ws.set_column_format(c, &money)?;
            }
            Col::Date => {
                ws.set_column_format(c, &date)?;
            }
            _ => {}
        }
        match example {
            Example::Number(n) | Example::Money(n) => {
                let f = if *col == Col::Money { &money } else { &plain };
                ws.write_number_with_format(first, c, *n as f64, f)?;
            }
            Example::Date(y, m, d) => {
                ws.write_datetime_with_format(
                    first,
                    c,
                    ExcelDateTime::from_ymd(*y, *m, *d)?,
                    &date,
                )?;
            }
            other => {
                xlsx::text(ws, first, c, &example_text(rules, *other), &plain)?;
            }
        }
        let last = first + ROWS - 1;
        let validation = match col {
            Col::Money => Some(
                DataValidation::new()
                    .allow_decimal_number(DataValidationRule::GreaterThanOrEqualTo(0.0))
                    .set_error_message("Số tiền bằng đồng, không âm.")?,
            ),
            Col::Date => Some(
                DataValidation::new()
                    .allow_date(DataValidationRule::GreaterThan(ExcelDateTime::from_ymd(
                        2000, 1, 1,
                    )?))
                    .set_error_style(DataValidationErrorStyle::Warning)
                    .set_error_message("Ngày theo ngày/tháng/năm, ví dụ 26/09/2024.")?,
            ),
            _ => lists.iter().position(|(k, _)| k == col).map(|i| {
                let (_, values) = &lists[i];
                let letter = crate::import::sheet::col_name(i as u32);
                let range = format!("='{LISTS}'!${letter}$2:${letter}${}", values.len() + 1);
                let v = DataValidation::new().allow_list_formula(Formula::new(range));
                // Several documents are written with |: a list entry or not.
                if *col == Col::Documents {
                    v.set_error_style(DataValidationErrorStyle::Information)
                } else {
                    v
                }
            }),
        };
        if let Some(v) = validation {
            ws.add_data_validation(first, c, last, c, &v)?;
        }
    }
    let note = Note::new(
        "Mã đề án: duy nhất, không có dấu cách (ví dụ KC25-GL-001). Để trống cả cột thì mã được tạo từ tỉnh, năm và số dòng.",
    )
    .set_author("thamdinh");
    ws.insert_note(HEADER_ROW, 0, &note)?;
    ws.set_freeze_panes(HEADER_ROW + 2, 2)?;
    ws.set_landscape();
    ws.set_print_fit_to_pages(1, 0);
    ws.set_repeat_rows(HEADER_ROW, HEADER_ROW + 1)?;

    let ls = wb.add_worksheet();
    ls.set_name(LISTS)?;
    for (i, (_, values)) in lists.iter().enumerate() {
        let c = i as u16;
        ls.write_string(0, c, format!("Danh sách {}", i + 1))?;
        ls.set_column_width(c, 34)?;
        for (r, v) in values.iter().enumerate() {
            ls.write_string(1 + r as u32, c, v)?;
        }
    }
    ls.set_hidden(true);
    Ok(wb)
}
