//! `export --format xlsx`: the agency's workbook. A summary sheet (per
//! category and per province: dossiers, national support asked, approved,
//! returned, pending, within the allocation; `domain::summary`) and one
//! sheet per category in ranking order with the cut line marked. Money in
//! đồng (`#,##0`), totals and the running sum as formulas (with their
//! values cached, for readers that do not compute), frozen headers,
//! autofilter, landscape print fitted to the width with the header rows
//! repeated. Vietnamese headers, English with `--lang en`.

use super::ExportRow;
use crate::domain::rules::Rules;
use crate::domain::summary::{self, Figures, Summary};
use crate::domain::{Category, Status, Vnd};
use crate::output::vocab::{self, Lang};
use crate::output::xlsx::text;
use rust_xlsxwriter::{
    Color, Format, FormatAlign, FormatBorder, Formula, Workbook, Worksheet, XlsxError,
};

/// A header in both languages.
type Header = (&'static str, &'static str, f64);

const RANKED: &[Header] = &[
    ("Hạng", "Rank", 7.0),
    ("Năm KH", "Plan year", 8.0),
    ("Mã đề án", "Code", 15.0),
    ("Tỉnh", "Province", 14.0),
    ("Tên đề án", "Title", 42.0),
    ("Đơn vị thụ hưởng", "Beneficiary", 28.0),
    ("Kinh phí KCQG (đồng)", "National support (VND)", 17.0),
    ("Lũy kế KCQG (đồng)", "Cumulative national (VND)", 17.0),
    ("Tổng kinh phí (đồng)", "Total cost (VND)", 17.0),
    ("Điểm", "Score", 7.0),
    ("Danh mục kiểm tra", "Checklist", 16.0),
    ("Trạng thái", "Status", 14.0),
    ("Quyết định", "Decision", 12.0),
    ("Lý do", "Reason", 30.0),
    ("Trong hạn mức", "Within allocation", 10.0),
];

/// Columns of the ranked sheets.
mod col {
    pub const RANK: u16 = 0;
    pub const YEAR: u16 = 1;
    pub const CODE: u16 = 2;
    pub const NATIONAL: u16 = 6;
    pub const CUMULATIVE: u16 = 7;
    pub const TOTAL: u16 = 8;
    pub const SCORE: u16 = 9;
}

const FIGURES: &[Header] = &[
    ("Số đề án", "Dossiers", 9.0),
    ("KCQG đề nghị (đồng)", "National asked (VND)", 17.0),
    ("Thông qua", "Approved", 9.0),
    ("KCQG thông qua (đồng)", "National approved (VND)", 17.0),
    ("Trả lại", "Returned", 9.0),
    ("Chờ thẩm định", "Pending", 9.0),
    ("Trong hạn mức", "Within allocation", 9.0),
    (
        "KCQG trong hạn mức (đồng)",
        "National within allocation (VND)",
        17.0,
    ),
];

/// Row of the ranked sheets' header (0-based); data starts below it.
const HEAD: u32 = 2;

struct Formats {
    title: Format,
    head: Format,
    text: Format,
    money: Format,
    number: Format,
    total_label: Format,
    total_money: Format,
    total_number: Format,
    /// Rows below the cut line, and the first of them.
    out_text: Format,
    out_money: Format,
    out_number: Format,
    cut_text: Format,
    cut_money: Format,
    cut_number: Format,
}

impl Formats {
    fn new() -> Formats {
        let money = Format::new().set_num_format("#,##0");
        let number = Format::new().set_num_format("0");
        let text = Format::new().set_text_wrap().set_align(FormatAlign::Top);
        let out = |f: &Format| f.clone().set_background_color(Color::RGB(0xFC_E4_E4));
        let cut = |f: &Format| {
            out(f)
                .set_border_top(FormatBorder::Thick)
                .set_border_top_color(Color::Red)
        };
        let total = |f: &Format| f.clone().set_bold().set_border_top(FormatBorder::Double);
        Formats {
            title: Format::new().set_bold().set_font_size(13),
            head: Format::new()
                .set_bold()
                .set_text_wrap()
                .set_align(FormatAlign::Center)
                .set_align(FormatAlign::VerticalCenter)
                .set_background_color(Color::RGB(0xDD_EB_F7))
                .set_border(FormatBorder::Thin),
            total_label: total(&Format::new()),
            total_money: total(&money),
            total_number: total(&number),
            out_text: out(&text),
            out_money: out(&money),
            out_number: out(&number),
            cut_text: cut(&text),
            cut_money: cut(&money),
            cut_number: cut(&number),
            text,
            money,
            number,
        }
    }
}

/// One dossier of a ranked sheet.
struct Ranked<'a> {
    row: &'a ExportRow,
    status: Status,
}

/// Build the workbook from the export rows; `allocation` gives a
/// category's allocation for a plan year.
pub fn workbook(
    rows: &[ExportRow],
    rules: &Rules,
    allocation: impl Fn(Category, i32) -> Option<Vnd>,
    lang: Lang,
    as_of: chrono::NaiveDate,
) -> Result<Workbook, XlsxError> {
    let f = Formats::new();
    let mut wb = Workbook::new();
    let parsed: Vec<(Category, Status, &ExportRow)> = rows
        .iter()
        .filter_map(|r| {
            Some((
                Category::from_id(&r.category)?,
                Status::from_id(&r.status)?,
                r,
            ))
        })
        .collect();
    let s = summary::summarize(
        parsed.iter().map(|(c, st, r)| summary::Input {
            plan_year: r.plan_year,
            category: *c,
            province: &r.province,
            status: *st,
            national: Vnd(r.national_vnd),
            within_budget: r.within_budget,
            scored: r.score.is_some(),
        }),
        &allocation,
    );
    summary_sheet(wb.add_worksheet(), &s, rules, lang, as_of, &f)?;
    for c in Category::ALL {
        let mut ranked: Vec<Ranked> = parsed
            .iter()
            .filter(|(pc, ..)| *pc == c)
            .map(|(_, st, r)| Ranked {
                row: r,
                status: *st,
            })
            .collect();
        if ranked.is_empty() {
            continue;
        }
        // Newest plan year first; in a year, by rank; unranked (returned)
        // at the end.
        ranked.sort_by(|a, b| {
            b.row
                .plan_year
                .cmp(&a.row.plan_year)
                .then(a.row.rank.is_none().cmp(&b.row.rank.is_none()))
                .then(a.row.rank.cmp(&b.row.rank))
                .then(a.row.code.cmp(&b.row.code))
        });
        let ws = wb.add_worksheet();
        ws.set_name(vocab::category_sheet(c, lang))?;
        category_sheet(ws, c, &ranked, rules, &allocation, lang, &f)?;
    }
    Ok(wb)
}

fn label(h: &Header, lang: Lang) -> &'static str {
    match lang {
        Lang::Vi => h.0,
        Lang::En => h.1,
    }
}

fn category_name(rules: &Rules, c: Category, lang: Lang) -> String {
    let r = rules.category(c);
    match lang {
        Lang::Vi => r.name_vi.clone(),
        Lang::En => r.name_en.clone(),
    }
}

/// Print setup shared by every sheet: landscape, fitted to the width,
/// the header rows repeated on each page.
fn print_setup(ws: &mut Worksheet, head: u32) -> Result<(), XlsxError> {
    ws.set_landscape();
    ws.set_print_fit_to_pages(1, 0);
    ws.set_repeat_rows(0, head)?;
    Ok(())
}

/// `=SUM(G4:G20)` with its value cached.
fn sum_formula(col: u16, first: u32, last: u32, value: i64) -> Formula {
    let letter = crate::import::sheet::col_name(u32::from(col));
    Formula::new(format!("=SUM({letter}{}:{letter}{})", first + 1, last + 1))
        .set_result(value.to_string())
}

fn category_sheet(
    ws: &mut Worksheet,
    c: Category,
    ranked: &[Ranked],
    rules: &Rules,
    allocation: &impl Fn(Category, i32) -> Option<Vnd>,
    lang: Lang,
    f: &Formats,
) -> Result<(), XlsxError> {
    let last_col = (RANKED.len() - 1) as u16;
    ws.write_string_with_format(0, 0, category_name(rules, c, lang), &f.title)?;
    let mut years: Vec<i32> = ranked.iter().map(|r| r.row.plan_year).collect();
    years.dedup();
    let allocations: Vec<String> = years
        .iter()
        .map(|y| {
            let a = allocation(c, *y).map_or_else(
                || match lang {
                    Lang::Vi => "chưa đặt".to_string(),
                    Lang::En => "not set".to_string(),
                },
                |v| format!("{} đ", v.full()),
            );
            match lang {
                Lang::Vi => format!("Năm {y}: hạn mức {a}"),
                Lang::En => format!("{y}: allocation {a}"),
            }
        })
        .collect();
    ws.write_string(1, 0, allocations.join("; "))?;
    for (i, h) in RANKED.iter().enumerate() {
        ws.write_string_with_format(HEAD, i as u16, label(h, lang), &f.head)?;
        ws.set_column_width(i as u16, h.2)?;
    }
    let first = HEAD + 1;
    let mut cumulative: Option<(i32, i64)> = None;
    let mut cut_drawn: Option<i32> = None;
    for (i, r) in ranked.iter().enumerate() {
        let row = first + i as u32;
        let d = r.row;
        let outside = d.within_budget == Some(false);
        let cut = outside && cut_drawn != Some(d.plan_year);
        if cut {
            cut_drawn = Some(d.plan_year);
        }
        let (tf, mf, nf) = if cut {
            (&f.cut_text, &f.cut_money, &f.cut_number)
        } else if outside {
            (&f.out_text, &f.out_money, &f.out_number)
        } else {
            (&f.text, &f.money, &f.number)
        };
        match d.rank {
            Some(rank) => ws.write_number_with_format(row, col::RANK, rank as f64, nf)?,
            None => ws.write_blank(row, col::RANK, nf)?,
        };
        ws.write_number_with_format(row, col::YEAR, f64::from(d.plan_year), nf)?;
        text(ws, row, col::CODE, &d.code, tf)?;
        text(ws, row, 3, &d.province, tf)?;
        text(ws, row, 4, &d.title, tf)?;
        text(ws, row, 5, d.beneficiary.as_deref().unwrap_or(""), tf)?;
        ws.write_number_with_format(row, col::NATIONAL, d.national_vnd as f64, mf)?;
        // The running sum of the ranked rows of the same plan year: an
        // edited figure moves it, and the cut line can be checked by eye.
        if d.rank.is_some() {
            let sum = match cumulative {
                Some((y, s)) if y == d.plan_year => s.saturating_add(d.national_vnd),
                _ => d.national_vnd,
            };
            cumulative = Some((d.plan_year, sum));
            let (g, b) = ("G", "B");
            let n = row + 1;
            let top = first + 1;
            let formula =
                Formula::new(format!("=SUMIFS({g}${top}:{g}{n},{b}${top}:{b}{n},{b}{n})"))
                    .set_result(sum.to_string());
            ws.write_formula_with_format(row, col::CUMULATIVE, formula, mf)?;
        } else {
            ws.write_blank(row, col::CUMULATIVE, mf)?;
        }
        match d.total_vnd {
            Some(t) => ws.write_number_with_format(row, col::TOTAL, t as f64, mf)?,
            None => ws.write_blank(row, col::TOTAL, mf)?,
        };
        match d.score {
            Some(s) => ws.write_number_with_format(row, col::SCORE, s as f64, nf)?,
            None => ws.write_blank(row, col::SCORE, nf)?,
        };
        let read = &d.checklist_read[usize::from(lang == Lang::Vi)];
        text(ws, row, 10, read, tf)?;
        text(ws, row, 11, vocab::status(r.status, lang), tf)?;
        let decision = d
            .decision
            .as_deref()
            .map(|a| vocab::decision(a, lang))
            .unwrap_or_default();
        text(ws, row, 12, &decision, tf)?;
        // A stored reason (`undo of return batch 2`) with its ids as labels.
        let reason = d
            .decision_reason
            .as_deref()
            .map(|r| crate::domain::vocab::audit::detail_text(r, lang))
            .unwrap_or_default();
        text(ws, row, 13, &reason, tf)?;
        let within = d
            .within_budget
            .map(|w| vocab::yes_no(w, lang))
            .unwrap_or("");
        text(ws, row, 14, within, tf)?;
    }
    let last = first + ranked.len() as u32 - 1;
    let total_row = last + 1;
    let total_label = match lang {
        Lang::Vi => "Tổng cộng",
        Lang::En => "Total",
    };
    ws.write_string_with_format(total_row, col::CODE, total_label, &f.total_label)?;
    let national: i64 = ranked
        .iter()
        .fold(0i64, |s, r| s.saturating_add(r.row.national_vnd));
    let total: i64 = ranked
        .iter()
        .fold(0i64, |s, r| s.saturating_add(r.row.total_vnd.unwrap_or(0)));
    ws.write_formula_with_format(
        total_row,
        col::NATIONAL,
        sum_formula(col::NATIONAL, first, last, national),
        &f.total_money,
    )?;
    ws.write_formula_with_format(
        total_row,
        col::TOTAL,
        sum_formula(col::TOTAL, first, last, total),
        &f.total_money,
    )?;
    ws.set_freeze_panes(first, 3)?;
    ws.autofilter(HEAD, 0, last, last_col)?;
    print_setup(ws, HEAD)?;
    Ok(())
}

/// The numbers of one line of figures, in the order of [`FIGURES`].
fn figure_values(x: &Figures) -> [i64; 8] {
    let n = |v: usize| i64::try_from(v).unwrap_or(i64::MAX);
    [
        n(x.count),
        x.requested.0,
        n(x.approved),
        x.approved_vnd.0,
        n(x.returned),
        n(x.pending),
        n(x.within),
        x.within_vnd.0,
    ]
}

/// A table of figures from `top`: its header, one row per group (the two
/// leading columns given), and a totals row of formulas. The row after it.
#[allow(clippy::too_many_arguments)]
fn figures_table(
    ws: &mut Worksheet,
    top: u32,
    lead: [&str; 2],
    extra: Option<&str>,
    lines: &[(i32, String, Figures, Option<Option<Vnd>>)],
    total: &Figures,
    lang: Lang,
    f: &Formats,
) -> Result<u32, XlsxError> {
    ws.write_string_with_format(top, 0, lead[0], &f.head)?;
    ws.write_string_with_format(top, 1, lead[1], &f.head)?;
    for (i, h) in FIGURES.iter().enumerate() {
        ws.write_string_with_format(top, 2 + i as u16, label(h, lang), &f.head)?;
    }
    let alloc_col = 2 + FIGURES.len() as u16;
    if let Some(h) = extra {
        ws.write_string_with_format(top, alloc_col, h, &f.head)?;
    }
    let first = top + 1;
    for (i, (year, name, x, alloc)) in lines.iter().enumerate() {
        let r = first + i as u32;
        ws.write_number_with_format(r, 0, f64::from(*year), &f.number)?;
        text(ws, r, 1, name, &f.text)?;
        for (j, v) in figure_values(x).iter().enumerate() {
            let fm = if matches!(j, 1 | 3 | 7) {
                &f.money
            } else {
                &f.number
            };
            ws.write_number_with_format(r, 2 + j as u16, *v as f64, fm)?;
        }
        if let Some(Some(a)) = alloc {
            ws.write_number_with_format(r, alloc_col, a.0 as f64, &f.money)?;
        }
    }
    let total_row = first + lines.len() as u32;
    let label = match lang {
        Lang::Vi => "Tổng cộng",
        Lang::En => "Total",
    };
    ws.write_string_with_format(total_row, 1, label, &f.total_label)?;
    if !lines.is_empty() {
        let last = total_row - 1;
        for (j, v) in figure_values(total).iter().enumerate() {
            let fm = if matches!(j, 1 | 3 | 7) {
                &f.total_money
            } else {
                &f.total_number
            };
            let c = 2 + j as u16;
            ws.write_formula_with_format(total_row, c, sum_formula(c, first, last, *v), fm)?;
        }
    }
    Ok(total_row + 1)
}

fn summary_sheet(
    ws: &mut Worksheet,
    s: &Summary,
    rules: &Rules,
    lang: Lang,
    as_of: chrono::NaiveDate,
    f: &Formats,
) -> Result<(), XlsxError> {
    let (name, title, exported, by_cat, by_prov, year, category, province, alloc) = match lang {
        Lang::Vi => (
            "Tổng hợp",
            "TỔNG HỢP THẨM ĐỊNH ĐỀ ÁN KHUYẾN CÔNG QUỐC GIA",
            format!("Số liệu đến ngày {}", crate::domain::date::vn(as_of)),
            "Theo nội dung",
            "Theo tỉnh",
            "Năm KH",
            "Nội dung",
            "Tỉnh",
            "Hạn mức (đồng)",
        ),
        Lang::En => (
            "Summary",
            "APPRAISAL SUMMARY: NATIONAL INDUSTRIAL PROMOTION",
            format!("Figures as of {}", crate::domain::date::iso(as_of)),
            "By category",
            "By province",
            "Plan year",
            "Category",
            "Province",
            "Allocation (VND)",
        ),
    };
    ws.set_name(name)?;
    ws.write_string_with_format(0, 0, title, &f.title)?;
    ws.write_string(1, 0, exported)?;
    ws.write_string_with_format(3, 0, by_cat, &f.title)?;
    let cats: Vec<(i32, String, Figures, Option<Option<Vnd>>)> = s
        .by_category
        .iter()
        .map(|(y, c, x, a)| (*y, category_name(rules, *c, lang), *x, Some(*a)))
        .collect();
    let next = figures_table(
        ws,
        4,
        [year, category],
        Some(alloc),
        &cats,
        &s.total,
        lang,
        f,
    )?;
    ws.write_string_with_format(next + 1, 0, by_prov, &f.title)?;
    let provs: Vec<(i32, String, Figures, Option<Option<Vnd>>)> = s
        .by_province
        .iter()
        .map(|(y, p, x)| (*y, p.clone(), *x, None))
        .collect();
    figures_table(
        ws,
        next + 2,
        [year, province],
        None,
        &provs,
        &s.total,
        lang,
        f,
    )?;
    ws.set_column_width(0, 9)?;
    ws.set_column_width(1, 36)?;
    for (i, h) in FIGURES.iter().enumerate() {
        ws.set_column_width(2 + i as u16, h.2)?;
    }
    ws.set_column_width(2 + FIGURES.len() as u16, 17)?;
    ws.set_freeze_panes(5, 2)?;
    print_setup(ws, 4)?;
    Ok(())
}
