//! What can be wrong with a file or a record being imported, as data, and
//! how it is written in each language. The readers say *what* is wrong
//! (which value, which limit); the person reading the message chooses the
//! language. English is the default and what `Display` writes.

use crate::domain::Lang;
use crate::domain::date::DateError;
use crate::domain::money::{MAX_VND, MoneyError};
use std::fmt;

/// A value quoted in a message: text already escaped and quoted by
/// [`show_str`](super::convert::show_str), a list, an object, or a number
/// or boolean as written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Shown {
    Text(String),
    List,
    Object,
    Plain(String),
}

impl Shown {
    fn in_lang(&self, lang: Lang) -> &str {
        match (self, lang) {
            (Shown::Text(s) | Shown::Plain(s), _) => s,
            (Shown::List, Lang::En) => "a list",
            (Shown::List, Lang::Vi) => "một danh sách",
            (Shown::Object, Lang::En) => "an object",
            (Shown::Object, Lang::Vi) => "một đối tượng",
        }
    }
}

/// Why something outside our control failed: the error kind (for the
/// words) and the system's or the library's own text (kept as it is).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reason {
    pub kind: Option<std::io::ErrorKind>,
    pub text: String,
}

impl Reason {
    pub fn io(e: &std::io::Error) -> Reason {
        Reason {
            kind: Some(e.kind()),
            text: e.to_string(),
        }
    }

    pub fn text(text: impl Into<String>) -> Reason {
        Reason {
            kind: None,
            text: text.into(),
        }
    }

    fn in_lang(&self, lang: Lang) -> String {
        use std::io::ErrorKind as K;
        let vi = match self.kind {
            Some(K::NotFound) => "không tìm thấy",
            Some(K::PermissionDenied) => "không có quyền đọc",
            Some(K::IsADirectory) => "là một thư mục",
            Some(K::InvalidData) => "dữ liệu hỏng",
            Some(K::UnexpectedEof) => "tệp hết giữa chừng",
            _ => "",
        };
        match lang {
            Lang::En => self.text.clone(),
            Lang::Vi if vi.is_empty() => self.text.clone(),
            Lang::Vi => format!("{vi} ({})", self.text),
        }
    }
}

/// A JSON syntax error as serde_json words it, in the reader's language
/// (its fixed messages are translated; anything else is kept).
fn json_syntax(text: &str, lang: Lang) -> String {
    if lang == Lang::En {
        return text.to_string();
    }
    let vi = match text {
        "EOF while parsing a list" => "tệp hết giữa một danh sách (thiếu ])",
        "EOF while parsing an object" => "tệp hết giữa một đối tượng (thiếu })",
        "EOF while parsing a string" => "tệp hết giữa một chuỗi (thiếu \")",
        "EOF while parsing a value" => "tệp hết khi còn chờ một giá trị",
        "expected `:`" => "thiếu dấu :",
        "expected `,` or `]`" => "thiếu dấu , hoặc ]",
        "expected `,` or `}`" => "thiếu dấu , hoặc }",
        "expected ident" => "từ không hợp lệ (true, false hay null?)",
        "expected value" => "thiếu giá trị",
        "invalid escape" => "ký tự thoát \\ không hợp lệ",
        "invalid number" => "số không hợp lệ",
        "number out of range" => "số vượt giới hạn",
        "invalid unicode code point" => "mã Unicode không hợp lệ",
        "control character (\\u0000-\\u001F) found while parsing a string" => {
            "có ký tự điều khiển trong chuỗi"
        }
        "key must be a string" => "khoá phải là chuỗi trong dấu \"",
        "trailing comma" => "thừa dấu phẩy ở cuối",
        "trailing characters" => "thừa ký tự sau giá trị",
        "recursion limit exceeded" => "lồng nhau quá sâu",
        "lone leading surrogate in hex escape" | "unexpected end of hex escape" => {
            "ký tự thoát \\u không hợp lệ"
        }
        _ => return text.to_string(),
    };
    vi.to_string()
}

/// Everything the import can say about a file, a record or a field.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Problem {
    // ------------------------------------------------------- files
    NoSuchFile,
    CannotRead(Reason),
    FolderTooDeep,
    FolderUnreadable(Reason),
    UnknownFileType,
    NotRegularFile,
    FileEmpty,
    FileNotUtf8 {
        line: usize,
    },
    ReadingStopped(Reason),
    /// The JSON file is not JSON.
    FileNotJson {
        line: usize,
        column: usize,
        error: String,
    },
    EmptyList,
    WrongTop(Shown),
    HeaderNotUtf8,
    HeaderTooLarge,
    HeaderUnterminated {
        line: usize,
    },
    HeaderTabs,
    HeaderBadName {
        column: usize,
        name: String,
    },
    HeaderTooDeep {
        column: usize,
        name: String,
    },
    HeaderTwice {
        name: String,
    },
    HeaderConflict {
        name: String,
        other: String,
    },
    HeaderNoNames,
    HeaderNoRows,
    // ------------------------------------------------------- workbooks
    WorkbookTooLarge {
        mib: u64,
        max_mib: u64,
    },
    NotAWorkbook(Reason),
    NoSuchSheet {
        wanted: String,
        sheets: Vec<String>,
    },
    NoVisibleSheet,
    ReaderFailed,
    SheetTooSpread {
        max: u64,
        from: String,
        to: String,
    },
    NoHeaderRow {
        examples: String,
    },
    NoHeaderInSheet {
        rows: usize,
        examples: String,
    },
    CellExcelError(String),
    AmountNegative(String),
    AmountTooLarge(String),
    AmountDecimals(String),
    CellNotAnAmount(String),
    CellTooLarge {
        value: String,
        factor_max: i64,
        unit: &'static str,
    },
    CellNotWhole {
        value: String,
        unit: &'static str,
    },
    PeriodKept(String),
    NoCodeColumn,
    CodesMade {
        rows: usize,
        range: String,
    },
    RowsPassedOver {
        rows: Vec<u32>,
        more: usize,
        min: usize,
    },
    ColumnRepeats {
        col: String,
        header: String,
        field: String,
        other: String,
    },
    // ------------------------------------------------------- records
    RecordTooLarge,
    LineTooLong,
    RowTooLarge,
    QuoteNeverClosed,
    NotUtf8,
    LineNotJson {
        column: usize,
        error: String,
    },
    ElementNotJson(String),
    NotADossier(Shown),
    NotADossierLine(Shown),
    TooManyCells {
        cells: usize,
        columns: usize,
    },
    UnnamedCellsIgnored(usize),
    RepeatedCode {
        code: String,
        first: String,
    },
    MoreRejected(usize),
    MoreWarnings(usize),
    // ------------------------------------------------------- fields
    FieldTooLong {
        bytes: usize,
    },
    KeyTooLong {
        bytes: usize,
    },
    RequiredEmpty,
    RequiredMissing,
    NotText(Shown),
    NotWholeNumber(Shown),
    TooLarge(Shown),
    Negative(Shown),
    NotAYear(Shown),
    Money(MoneyError),
    AmountNotValue(Shown),
    Date(DateError),
    DateNotValue(Shown),
    NotYesNo(Shown),
    NotAnObject,
    NotAnObjectValue(Shown),
    CellNotJson(String),
    NotAList,
    NotAListValue(Shown),
    NotAListJson(Shown),
    NotOneOf {
        value: String,
        ids: Vec<&'static str>,
        labels_vi: Vec<&'static str>,
    },
    CodeBadChars(String),
    CodeTooLong {
        value: String,
        max: usize,
    },
    UnknownCategory {
        value: String,
        ids: Vec<&'static str>,
        labels_vi: Vec<&'static str>,
    },
    NotADocument(Shown),
    UnknownDocKind(String),
    BothBeneficiaryForms,
}

impl Problem {
    /// The message in `lang`.
    pub fn message(&self, lang: Lang) -> String {
        match lang {
            Lang::En => self.en(),
            Lang::Vi => self.vi(),
        }
    }

    fn en(&self) -> String {
        use Problem as P;
        let en = Lang::En;
        match self {
            P::NoSuchFile => "no such file or folder".into(),
            P::CannotRead(r) => format!("cannot be read: {}", r.text),
            P::FolderTooDeep => "folders nested too deeply; not read".into(),
            P::FolderUnreadable(r) => format!("folder cannot be read: {}", r.text),
            P::UnknownFileType => {
                "unknown file type: expected .json, .jsonl, .csv, .xlsx, .xls or .ods (or a folder)"
                    .into()
            }
            P::NotRegularFile => "not a regular file".into(),
            P::FileEmpty => "the file is empty".into(),
            P::FileNotUtf8 { line } => format!(
                "not UTF-8 text (invalid bytes on line {line}); save it as UTF-8 and import it again"
            ),
            P::ReadingStopped(r) => format!("reading stopped: {}", r.text),
            P::FileNotJson {
                line,
                column,
                error,
            } => format!("not valid JSON at line {line}, column {column}: {error}"),
            P::EmptyList => "holds an empty list: no dossiers".into(),
            P::WrongTop(v) => format!(
                "holds {} where a dossier object or a list of them was expected",
                v.in_lang(en)
            ),
            P::HeaderNotUtf8 => "header: not UTF-8 text".into(),
            P::HeaderTooLarge => "header: the first row is too large".into(),
            P::HeaderUnterminated { line } => {
                format!("header: a quoted cell opened on line {line} is never closed")
            }
            P::HeaderTabs => "header: columns are separated by tabs; save the sheet as CSV with , or ; between columns".into(),
            P::HeaderBadName { column, name } => {
                format!("header: column {column} \"{name}\" is not a valid name")
            }
            P::HeaderTooDeep { column, name } => {
                format!("header: column {column} \"{name}\" is nested too deeply")
            }
            P::HeaderTwice { name } => format!("header: column \"{name}\" appears twice"),
            P::HeaderConflict { name, other } => {
                format!("header: column \"{name}\" conflicts with column \"{other}\"")
            }
            P::HeaderNoNames => "header: the first row has no column names".into(),
            P::HeaderNoRows => "has a header but no rows".into(),
            P::WorkbookTooLarge { mib, max_mib } => format!(
                "is {mib} MiB, more than the {max_mib} MiB a workbook may be; split it or save the sheet as CSV"
            ),
            P::NotAWorkbook(r) => format!(
                "is not a workbook that can be read ({}); open it in the spreadsheet program and save it again",
                r.text
            ),
            P::NoSuchSheet { wanted, sheets } => {
                format!("has no sheet named {wanted:?} (its sheets: {})", sheets.join(", "))
            }
            P::NoVisibleSheet => "has no visible worksheet".into(),
            P::ReaderFailed => "the workbook reader failed on it".into(),
            P::SheetTooSpread { max, from, to } => format!(
                "its cells spread over more than {max} cells ({from}:{to}); delete the cells far from the table and save it again"
            ),
            P::NoHeaderRow { examples } => format!(
                "no sheet has a header row (columns such as {examples}); name the sheet with --sheet if its header is further down"
            ),
            P::NoHeaderInSheet { rows, examples } => format!(
                "no header row found in its first {rows} rows (columns such as {examples})"
            ),
            P::CellExcelError(e) => format!("the cell holds an Excel error ({e})"),
            P::AmountNegative(v) => format!("{v} is negative: amounts must be ≥ 0"),
            P::AmountTooLarge(v) => format!(
                "{v} is too large: amounts are at most {} đồng",
                MAX_VND.full()
            ),
            P::AmountDecimals(v) => format!("{v} has decimals: amounts are whole đồng"),
            P::CellNotAnAmount(v) => format!("{v} is not an amount"),
            P::CellTooLarge {
                value,
                factor_max,
                unit,
            } => format!(
                "{value} is too large: amounts are at most {} đồng ({factor_max} in {unit})",
                MAX_VND.full()
            ),
            P::CellNotWhole { value, unit } => {
                format!("{value} {unit} is not a whole number of đồng")
            }
            P::PeriodKept(v) => format!(
                "{v} is not a period of dates (3/2024 - 10/2024, 2024); kept as written"
            ),
            P::NoCodeColumn => "the sheet has no code column, and a code is made from province, plan year and row: this row lacks a usable one".into(),
            P::CodesMade { rows, range } => format!(
                "the sheet has no code column: codes were made for {rows} rows from province, plan year and row ({range}); they stay the same at each import while the rows keep their places"
            ),
            P::RowsPassedOver { rows, more, min } => {
                let more = if *more > 0 {
                    format!(" and {more} more")
                } else {
                    String::new()
                };
                format!(
                    "rows {}{more} hold fewer than {min} values and were passed over as notes, not dossiers",
                    join(rows)
                )
            }
            P::ColumnRepeats {
                col,
                header,
                field,
                other,
            } => format!(
                "column {col} ({header}) gives {field} as column {other} does; only column {other} is read"
            ),
            P::RecordTooLarge => "the record is larger than 16 MiB".into(),
            P::LineTooLong => "the line is longer than 16 MiB".into(),
            P::RowTooLarge => "the row is larger than 16 MiB".into(),
            P::QuoteNeverClosed => "a quoted cell is never closed (a \" is missing); the rest of the file is in it".into(),
            P::NotUtf8 => "not UTF-8 text".into(),
            P::LineNotJson { column, error } => {
                format!("not valid JSON at column {column}: {error}")
            }
            P::ElementNotJson(error) => format!("not valid JSON: {error}"),
            P::NotADossier(v) => {
                format!("{} is not a dossier (expected a JSON object)", v.in_lang(en))
            }
            P::NotADossierLine(v) => format!(
                "{} is not a dossier (each line must hold one JSON object)",
                v.in_lang(en)
            ),
            P::TooManyCells { cells, columns } => {
                format!("the row has {cells} cells but the header has {columns} columns")
            }
            P::UnnamedCellsIgnored(n) => {
                format!("{n} cell(s) under columns without a name were ignored")
            }
            P::RepeatedCode { code, first } => format!(
                "code: {code} appears again in this import (first at {first}); the later record wins"
            ),
            P::MoreRejected(n) => format!("{} more records rejected (not shown)", count(*n, en)),
            P::MoreWarnings(n) => format!("{} more warnings (not shown)", count(*n, en)),
            P::FieldTooLong { bytes } => {
                format!("is {bytes} bytes long, more than the 1 MiB a field may hold")
            }
            P::KeyTooLong { bytes } => {
                format!("has a key {bytes} bytes long (keys may be at most 1 KiB)")
            }
            P::RequiredEmpty => "required field is empty".into(),
            P::RequiredMissing => "required field is missing".into(),
            P::NotText(v) => format!("{} is not text", v.in_lang(en)),
            P::NotWholeNumber(v) => format!("{} is not a whole number", v.in_lang(en)),
            P::TooLarge(v) => format!("{} is too large", v.in_lang(en)),
            P::Negative(v) => format!("{} is negative", v.in_lang(en)),
            P::NotAYear(v) => format!("{} is not a year", v.in_lang(en)),
            P::Money(e) => e.message(en),
            P::AmountNotValue(v) => format!("{} is not an amount in VND", v.in_lang(en)),
            P::Date(e) => e.message(en),
            P::DateNotValue(v) => format!(
                "{} is not a date (use 2023-09-28 or 28/09/2023)",
                v.in_lang(en)
            ),
            P::NotYesNo(v) => format!(
                "{} is not yes or no (use true/false, có/không, 1/0 or x)",
                v.in_lang(en)
            ),
            P::NotAnObject => "is not an object".into(),
            P::NotAnObjectValue(v) => format!("{} is not an object", v.in_lang(en)),
            P::CellNotJson(e) => format!("is not valid JSON: {e}"),
            P::NotAList => "is not a list".into(),
            P::NotAListValue(v) => format!("{} is not a list", v.in_lang(en)),
            P::NotAListJson(v) => format!(
                "{} is not a list (write it as JSON: [{{\"name\": …}}])",
                v.in_lang(en)
            ),
            P::NotOneOf { value, ids, .. } => {
                format!("{value} is not one of: {}", ids.join(", "))
            }
            P::CodeBadChars(v) => {
                format!("{v} must not contain spaces or control characters")
            }
            P::CodeTooLong { value, max } => format!("{value} is longer than {max} characters"),
            P::UnknownCategory { value, ids, .. } => format!(
                "{value} is not a known category (use one of: {}, or a Vietnamese name of one)",
                ids.join(", ")
            ),
            P::NotADocument(v) => format!(
                "{} is not a document (write its kind, or an object with a kind)",
                v.in_lang(en)
            ),
            P::UnknownDocKind(v) => format!("unknown document kind {v} kept as other"),
            P::BothBeneficiaryForms => {
                "beneficiary and beneficiaries may not both be given".into()
            }
        }
    }

    fn vi(&self) -> String {
        use Problem as P;
        let vi = Lang::Vi;
        match self {
            P::NoSuchFile => "không có tệp hay thư mục này".into(),
            P::CannotRead(r) => format!("không đọc được: {}", r.in_lang(vi)),
            P::FolderTooDeep => "thư mục lồng nhau quá sâu; không đọc".into(),
            P::FolderUnreadable(r) => format!("không đọc được thư mục: {}", r.in_lang(vi)),
            P::UnknownFileType => {
                "loại tệp không nhận ra: cần .json, .jsonl, .csv, .xlsx, .xls hoặc .ods (hoặc một thư mục)"
                    .into()
            }
            P::NotRegularFile => "không phải tệp thông thường".into(),
            P::FileEmpty => "tệp rỗng".into(),
            P::FileNotUtf8 { line } => format!(
                "không phải văn bản UTF-8 (byte sai ở dòng {line}); hãy lưu lại dạng UTF-8 rồi nạp lại"
            ),
            P::ReadingStopped(r) => format!("dừng đọc giữa chừng: {}", r.in_lang(vi)),
            P::FileNotJson {
                line,
                column,
                error,
            } => format!(
                "không phải JSON hợp lệ ở dòng {line}, cột {column}: {}",
                json_syntax(error, vi)
            ),
            P::EmptyList => "chứa một danh sách rỗng: không có hồ sơ nào".into(),
            P::WrongTop(v) => format!(
                "chứa {} trong khi cần một hồ sơ (đối tượng JSON) hoặc danh sách hồ sơ",
                v.in_lang(vi)
            ),
            P::HeaderNotUtf8 => "dòng tiêu đề: không phải văn bản UTF-8".into(),
            P::HeaderTooLarge => "dòng tiêu đề: dòng đầu quá lớn".into(),
            P::HeaderUnterminated { line } => format!(
                "dòng tiêu đề: một ô trong ngoặc kép mở ở dòng {line} không bao giờ đóng"
            ),
            P::HeaderTabs => "dòng tiêu đề: các cột cách nhau bằng phím Tab; hãy lưu bảng dạng CSV với dấu , hoặc ; giữa các cột".into(),
            P::HeaderBadName { column, name } => {
                format!("dòng tiêu đề: tên cột {column} \"{name}\" không hợp lệ")
            }
            P::HeaderTooDeep { column, name } => {
                format!("dòng tiêu đề: cột {column} \"{name}\" lồng quá nhiều cấp")
            }
            P::HeaderTwice { name } => format!("dòng tiêu đề: cột \"{name}\" xuất hiện hai lần"),
            P::HeaderConflict { name, other } => {
                format!("dòng tiêu đề: cột \"{name}\" trùng với cột \"{other}\"")
            }
            P::HeaderNoNames => "dòng tiêu đề: dòng đầu không có tên cột nào".into(),
            P::HeaderNoRows => "có dòng tiêu đề nhưng không có dòng dữ liệu".into(),
            P::WorkbookTooLarge { mib, max_mib } => format!(
                "nặng {mib} MiB, quá mức {max_mib} MiB của một sổ tính; hãy tách ra hoặc lưu trang tính dạng CSV"
            ),
            P::NotAWorkbook(r) => format!(
                "không phải sổ tính đọc được ({}); hãy mở bằng chương trình bảng tính rồi lưu lại",
                r.text
            ),
            P::NoSuchSheet { wanted, sheets } => format!(
                "không có trang tính tên {wanted:?} (các trang: {})",
                sheets.join(", ")
            ),
            P::NoVisibleSheet => "không có trang tính nào hiện".into(),
            P::ReaderFailed => "bộ đọc sổ tính gặp lỗi với tệp này".into(),
            P::SheetTooSpread { max, from, to } => format!(
                "các ô trải rộng quá {max} ô ({from}:{to}); hãy xoá các ô xa bảng rồi lưu lại"
            ),
            P::NoHeaderRow { examples } => format!(
                "không trang tính nào có dòng tiêu đề (các cột như {examples}); nếu tiêu đề nằm thấp hơn, hãy chọn trang bằng --sheet"
            ),
            P::NoHeaderInSheet { rows, examples } => format!(
                "không thấy dòng tiêu đề trong {rows} dòng đầu (các cột như {examples})"
            ),
            P::CellExcelError(e) => format!("ô chứa lỗi Excel ({e})"),
            P::AmountNegative(v) => format!("{v} là số âm: số tiền phải ≥ 0"),
            P::AmountTooLarge(v) => {
                format!("{v} quá lớn: số tiền tối đa {} đồng", MAX_VND.full())
            }
            P::AmountDecimals(v) => format!("{v} có phần lẻ: số tiền phải là số đồng chẵn"),
            P::CellNotAnAmount(v) => format!("{v} không phải số tiền"),
            P::CellTooLarge {
                value,
                factor_max,
                unit,
            } => format!(
                "{value} quá lớn: số tiền tối đa {} đồng ({} {unit})",
                MAX_VND.full(),
                crate::domain::money::group_thousands(*factor_max, '.')
            ),
            P::CellNotWhole { value, unit } => {
                format!("{value} {unit} không phải số đồng chẵn")
            }
            P::PeriodKept(v) => format!(
                "{v} không phải khoảng thời gian (3/2024 - 10/2024, 2024); giữ nguyên như đã ghi"
            ),
            P::NoCodeColumn => "trang tính không có cột mã hồ sơ, và mã được tạo từ tỉnh, năm kế hoạch và số dòng: dòng này thiếu một trong các giá trị đó".into(),
            P::CodesMade { rows, range } => format!(
                "trang tính không có cột mã hồ sơ: đã tạo mã cho {rows} dòng từ tỉnh, năm kế hoạch và số dòng ({range}); mã giữ nguyên ở mỗi lần nạp nếu các dòng không đổi chỗ"
            ),
            P::RowsPassedOver { rows, more, min } => {
                let more = if *more > 0 {
                    format!(" và {more} dòng khác")
                } else {
                    String::new()
                };
                format!(
                    "các dòng {}{more} có ít hơn {min} giá trị nên được bỏ qua như ghi chú, không phải hồ sơ",
                    join(rows)
                )
            }
            P::ColumnRepeats {
                col,
                header,
                field,
                other,
            } => format!(
                "cột {col} ({header}) cho {field} giống cột {other}; chỉ đọc cột {other}"
            ),
            P::RecordTooLarge => "bản ghi lớn hơn 16 MiB".into(),
            P::LineTooLong => "dòng dài hơn 16 MiB".into(),
            P::RowTooLarge => "dòng lớn hơn 16 MiB".into(),
            P::QuoteNeverClosed => "một ô trong ngoặc kép không bao giờ đóng (thiếu một dấu \"); phần còn lại của tệp nằm trong ô đó".into(),
            P::NotUtf8 => "không phải văn bản UTF-8".into(),
            P::LineNotJson { column, error } => format!(
                "không phải JSON hợp lệ ở cột {column}: {}",
                json_syntax(error, vi)
            ),
            P::ElementNotJson(error) => {
                format!("không phải JSON hợp lệ: {}", json_syntax(error, vi))
            }
            P::NotADossier(v) => format!(
                "{} không phải hồ sơ (cần một đối tượng JSON)",
                v.in_lang(vi)
            ),
            P::NotADossierLine(v) => format!(
                "{} không phải hồ sơ (mỗi dòng phải chứa một đối tượng JSON)",
                v.in_lang(vi)
            ),
            P::TooManyCells { cells, columns } => {
                format!("dòng có {cells} ô nhưng dòng tiêu đề chỉ có {columns} cột")
            }
            P::UnnamedCellsIgnored(n) => {
                format!("đã bỏ qua {n} ô nằm dưới cột không có tên")
            }
            P::RepeatedCode { code, first } => format!(
                "mã hồ sơ: {code} xuất hiện lại trong lần nạp này (lần đầu ở {first}); bản ghi sau được giữ"
            ),
            P::MoreRejected(n) => {
                format!("còn {} bản ghi bị từ chối khác (không hiện)", count(*n, vi))
            }
            P::MoreWarnings(n) => format!("còn {} cảnh báo khác (không hiện)", count(*n, vi)),
            P::FieldTooLong { bytes } => {
                format!("dài {bytes} byte, quá mức 1 MiB của một trường")
            }
            P::KeyTooLong { bytes } => {
                format!("có một khoá dài {bytes} byte (khoá tối đa 1 KiB)")
            }
            P::RequiredEmpty => "trường bắt buộc đang để trống".into(),
            P::RequiredMissing => "thiếu trường bắt buộc".into(),
            P::NotText(v) => format!("{} không phải văn bản", v.in_lang(vi)),
            P::NotWholeNumber(v) => format!("{} không phải số nguyên", v.in_lang(vi)),
            P::TooLarge(v) => format!("{} quá lớn", v.in_lang(vi)),
            P::Negative(v) => format!("{} là số âm", v.in_lang(vi)),
            P::NotAYear(v) => format!("{} không phải một năm", v.in_lang(vi)),
            P::Money(e) => e.message(vi),
            P::AmountNotValue(v) => format!("{} không phải số tiền (đồng)", v.in_lang(vi)),
            P::Date(e) => e.message(vi),
            P::DateNotValue(v) => format!(
                "{} không phải ngày (viết 2023-09-28 hoặc 28/09/2023)",
                v.in_lang(vi)
            ),
            P::NotYesNo(v) => format!(
                "{} không phải có hay không (viết có/không, true/false, 1/0 hoặc x)",
                v.in_lang(vi)
            ),
            P::NotAnObject => "không phải một đối tượng".into(),
            P::NotAnObjectValue(v) => format!("{} không phải một đối tượng", v.in_lang(vi)),
            P::CellNotJson(e) => format!("không phải JSON hợp lệ: {}", json_syntax(e, vi)),
            P::NotAList => "không phải một danh sách".into(),
            P::NotAListValue(v) => format!("{} không phải một danh sách", v.in_lang(vi)),
            P::NotAListJson(v) => format!(
                "{} không phải một danh sách (viết dạng JSON: [{{\"name\": …}}])",
                v.in_lang(vi)
            ),
            P::NotOneOf {
                value, labels_vi, ..
            } => format!("{value} không thuộc: {}", labels_vi.join(", ")),
            P::CodeBadChars(v) => {
                format!("{v} không được chứa khoảng trắng hay ký tự điều khiển")
            }
            P::CodeTooLong { value, max } => format!("{value} dài quá {max} ký tự"),
            P::UnknownCategory {
                value, labels_vi, ..
            } => format!(
                "{value} không phải nội dung khuyến công đã biết (dùng một trong: {})",
                labels_vi.join(", ")
            ),
            P::NotADocument(v) => format!(
                "{} không phải tài liệu (ghi loại tài liệu, hoặc một đối tượng có kind)",
                v.in_lang(vi)
            ),
            P::UnknownDocKind(v) => {
                format!("loại tài liệu {v} không nhận ra, được ghi là tài liệu khác")
            }
            P::BothBeneficiaryForms => {
                "không được ghi cả beneficiary lẫn beneficiaries".into()
            }
        }
    }
}

/// `12,345` (English) or `12.345` (Vietnamese).
fn count(n: usize, lang: Lang) -> String {
    let n = i64::try_from(n).unwrap_or(i64::MAX);
    let sep = match lang {
        Lang::En => ',',
        Lang::Vi => '.',
    };
    crate::domain::money::group_thousands(n, sep)
}

fn join(rows: &[u32]) -> String {
    rows.iter()
        .map(u32::to_string)
        .collect::<Vec<_>>()
        .join(", ")
}

impl fmt::Display for Problem {
    /// The English message.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.en())
    }
}

#[cfg(test)]
mod tests;
