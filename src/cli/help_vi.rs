//! The command line in Vietnamese: every text of `--help` (about lines,
//! arguments, value names, headings, the built-in `--help`/`--version`
//! and `help`), the usage line, and the usage errors, which clap only
//! writes in English. All the Vietnamese of the command line is here; the
//! English stays clap's (from the doc comments of `args.rs`), unchanged.
//!
//! The tables are keyed by command path (`""` the program itself,
//! `list`, `keymap check`) and argument id (the field name of `args.rs`).
//! A test walks the whole command tree: a command or argument without
//! Vietnamese here fails it.

use clap::error::{ContextKind, ContextValue, ErrorKind};
use clap::{Arg, Command};
use std::ffi::OsString;

/// `(command path, about, long about)`.
const ABOUT: &[(&str, &str, Option<&str>)] = &[
    (
        "",
        "Thẩm định hồ sơ đề án khuyến công quốc gia",
        Some(
            "Thẩm định hồ sơ đề án khuyến công quốc gia.\n\
             Không kèm lệnh: mở giao diện thẩm định trên cơ sở dữ liệu.",
        ),
    ),
    (
        "demo",
        "Mở giao diện thẩm định trên một cơ sở dữ liệu tạm mới, nạp sẵn các hồ sơ mẫu đi kèm",
        None,
    ),
    (
        "import",
        "Nạp tệp hồ sơ (.json, .jsonl, .csv, .xlsx, .xls, .ods) hoặc thư mục (kể cả thư mục con)",
        None,
    ),
    ("list", "Hàng đợi hồ sơ, hồ sơ nộp sau cùng ở cuối", None),
    (
        "show",
        "Một hồ sơ với danh mục kiểm tra, điểm, ghi chú và lịch sử quyết định",
        None,
    ),
    (
        "tick",
        "Tích (hoặc bỏ tích) một mục kiểm tra thủ công",
        None,
    ),
    (
        "score",
        "Chấm điểm một tiêu chí (từ 0 đến điểm tối đa của tiêu chí), hoặc xoá điểm bằng --clear",
        None,
    ),
    (
        "note",
        "Thêm một ghi chú (`-`: đọc nội dung từ đầu vào chuẩn)",
        None,
    ),
    (
        "approve",
        "Phê duyệt; bị từ chối khi chưa đạt mục kiểm tra bắt buộc, trừ khi dùng --override",
        None,
    ),
    (
        "return",
        "Trả lại hồ sơ cho tỉnh để sửa đổi (bắt buộc nêu lý do)",
        None,
    ),
    (
        "undo",
        "Hoàn tác quyết định gần nhất của bạn (cả lô cùng lúc)",
        None,
    ),
    (
        "assign",
        "Giao hồ sơ cho một cán bộ thẩm định (ghi vào nhật ký)",
        None,
    ),
    ("unassign", "Thôi giao hồ sơ cho người đang được giao", None),
    (
        "rank",
        "Xếp hạng trong từng nội dung, với ngưỡng cắt theo phân bổ",
        None,
    ),
    ("log", "Nhật ký thao tác", None),
    (
        "export",
        "Mọi hồ sơ với trạng thái, điểm, hạng và lý do quyết định",
        None,
    ),
    (
        "letters",
        "Công văn trả hồ sơ: mỗi tỉnh có hồ sơ bị trả lại một công văn, sẵn sàng để ký",
        None,
    ),
    (
        "report",
        "Báo cáo thẩm định: theo từng nội dung, phân bổ, xếp hạng, ngưỡng cắt, số lượng và các lần duyệt ngoại lệ",
        None,
    ),
    (
        "template",
        "Mẫu đăng ký để tỉnh điền (nạp nguyên mẫu chưa sửa sẽ được hồ sơ ví dụ)",
        None,
    ),
    (
        "backup",
        "Bản sao nhất quán của cơ sở dữ liệu, tạo được ngay khi người khác đang làm việc",
        None,
    ),
    (
        "keymap",
        "Bảng phím: kiểm tra một tệp (`check`), in bảng phím đang dùng (`show`)",
        None,
    ),
    (
        "keymap check",
        "Kiểm tra một tệp bảng phím (cả bảng, hoặc tệp đổi phím của bạn) [mặc định: bảng của --keymap cùng $XDG_CONFIG_HOME/thamdinh/keymap.toml]; mỗi lỗi nêu tệp, dòng và phím",
        None,
    ),
    (
        "keymap show",
        "In bảng phím đang dùng (bảng của --keymap cùng keymap.toml của bạn): chế độ, phím, thao tác, mô tả",
        None,
    ),
    (
        "check",
        "Kiểm tra cơ sở dữ liệu: tính toàn vẹn theo SQLite và các ràng buộc riêng của chương trình",
        None,
    ),
    (
        "help",
        "In trợ giúp này, hoặc trợ giúp của lệnh đã nêu",
        None,
    ),
];

const AS_OF: &str =
    "Đánh giá danh mục kiểm tra tại ngày này (28/09/2023 hoặc 2023-09-28) [mặc định: hôm nay]";
const TABLE_JSON_CSV: &str = "Định dạng đầu ra: table (bảng, mặc định), json hoặc csv";
const TABLE_JSON: &str = "Định dạng đầu ra: table (bảng, mặc định) hoặc json";
const PAPER_FORMAT: &str =
    "Định dạng: docx (văn bản Word, mặc định) hoặc md (Markdown, cùng nội dung)";
const CODES: &str = "Mã các hồ sơ";

/// `(command paths separated by |, argument id, value name, help)`; `""`
/// is the program itself, whose global arguments every command shows.
/// The value name is empty for a flag.
const ARGS: &[(&str, &str, &str, &str)] = &[
    (
        "",
        "db",
        "tệp",
        "Tệp cơ sở dữ liệu [mặc định: $THAMDINH_DB, nếu không có thì $XDG_DATA_HOME/thamdinh/thamdinh.db]",
    ),
    (
        "",
        "user",
        "tên",
        "Người thao tác, ghi vào nhật ký [mặc định: tên đăng nhập trên máy]",
    ),
    (
        "",
        "keymap",
        "tên|tệp",
        "Bảng phím của giao diện: default, vim hoặc một tệp bảng phím; sau đó $XDG_CONFIG_HOME/thamdinh/keymap.toml đổi riêng từng phím của nó",
    ),
    (
        "",
        "data",
        "thư-mục",
        "Thư mục các tệp quy tắc đã sửa (danh mục kiểm tra, tiêu chí, …) [mặc định: $THAMDINH_DATA, nếu không có thì bộ quy tắc đi kèm]",
    ),
    (
        "",
        "ascii",
        "",
        "Vẽ khung và ký hiệu bằng ký tự ASCII (cho cửa sổ dòng lệnh không vẽ được nét kẻ)",
    ),
    (
        "",
        "lang",
        "vi|en",
        "Ngôn ngữ của giao diện, bảng, văn bản và thông báo (vi hoặc en) [mặc định: $THAMDINH_LANG, rồi LC_ALL/LC_MESSAGES/LANG, nếu không có thì en]; JSON và CSV giữ nguyên mã",
    ),
    (
        "import",
        "paths",
        "đường-dẫn",
        "Các tệp hoặc thư mục hồ sơ cần nạp",
    ),
    (
        "import",
        "sheet",
        "tên",
        "Chỉ đọc trang tính này của mỗi sổ tính [mặc định: mọi trang tính có dòng tiêu đề]",
    ),
    (
        "list",
        "status",
        "trạng-thái",
        "Chỉ hồ sơ ở trạng thái này: chờ, đã duyệt hoặc trả lại",
    ),
    (
        "list",
        "category",
        "nội-dung",
        "Chỉ hồ sơ thuộc nội dung này (ví dụ: máy móc thiết bị, đào tạo nghề)",
    ),
    ("list", "province", "tỉnh", "Chỉ hồ sơ của tỉnh này"),
    (
        "list",
        "query",
        "truy-vấn",
        "Ngôn ngữ truy vấn của bộ lọc trong giao diện: các từ ở đầu một từ của mã, tên đề án, đối tượng thụ hưởng, tỉnh, đơn vị thực hiện, huyện hoặc xã (phải khớp hết; \"…\" là cụm từ, -từ để loại trừ, ~từ để tìm gần đúng); tỉnh: loại: tt: là:lỗi|đạt|chưaxong|đãchấm|chưachấm bởi: điểm:>=N kp:>300tr năm:N (hoặc p: c: s: is: by: score: national: year:)",
    ),
    (
        "list",
        "fuzzy",
        "",
        "Khi truy vấn không khớp hồ sơ nào, hiện các hồ sơ gần khớp (gõ sai chính tả)",
    ),
    ("list", "failing", "", "Chỉ hồ sơ có mục kiểm tra chưa đạt"),
    ("list", "plan_year", "năm", "Chỉ hồ sơ của năm kế hoạch này"),
    (
        "rank",
        "plan_year",
        "năm",
        "Xếp hạng năm kế hoạch này [mặc định: năm mới nhất trong cơ sở dữ liệu]",
    ),
    ("list|rank", "format", "định-dạng", TABLE_JSON_CSV),
    (
        "list|show|approve|rank|export|letters|report",
        "as_of",
        "ngày",
        AS_OF,
    ),
    ("show|tick|score|note", "code", "mã", "Mã hồ sơ"),
    (
        "show",
        "format",
        "định-dạng",
        "Định dạng đầu ra: text (văn bản, mặc định) hoặc json",
    ),
    (
        "tick",
        "item",
        "mục",
        "Mục kiểm tra: mã hoặc tên của mục (gõ không dấu, không phân biệt hoa thường đều được)",
    ),
    ("tick", "off", "", "Bỏ tích thay vì tích"),
    (
        "score",
        "criterion",
        "tiêu-chí",
        "Tiêu chí: mã hoặc tên của tiêu chí",
    ),
    (
        "score",
        "points",
        "điểm",
        "Số điểm, từ 0 đến điểm tối đa của tiêu chí",
    ),
    (
        "score",
        "clear",
        "",
        "Xoá điểm: tiêu chí trở lại chưa chấm (ghi vào nhật ký)",
    ),
    (
        "note",
        "text",
        "nội-dung",
        "Nội dung ghi chú (`-`: đọc từ đầu vào chuẩn)",
    ),
    ("approve|return|assign|unassign", "codes", "mã", CODES),
    (
        "approve",
        "override_reason",
        "lý-do",
        "Vẫn phê duyệt dù chưa đạt, ghi lại lý do",
    ),
    ("return", "reason", "lý-do", "Lý do trả lại (bắt buộc)"),
    ("assign", "to", "tên", "Cán bộ thẩm định được giao hồ sơ"),
    ("rank|report", "category", "nội-dung", "Chỉ nội dung này"),
    (
        "rank",
        "budget",
        "đồng",
        "Phân bổ (đồng) chỉ cho lần chạy này (thay cho phân bổ đã lưu và của data/)",
    ),
    (
        "rank",
        "set_budget",
        "đồng",
        "Lưu phân bổ (đồng) của --category cho --plan-year (mặc định: năm kế hoạch mới nhất), có ghi nhật ký, rồi xếp hạng theo đó",
    ),
    ("log", "code", "mã", "Chỉ nhật ký của hồ sơ này"),
    ("log", "author", "tên", "Chỉ các mục của cán bộ này"),
    ("log|check", "format", "định-dạng", TABLE_JSON),
    (
        "export",
        "format",
        "định-dạng",
        "Định dạng: csv (mặc định), json hoặc xlsx",
    ),
    (
        "export",
        "out",
        "tệp",
        "Tệp đầu ra; `-` hoặc bỏ trống: in ra đầu ra chuẩn (xlsx cần một tệp)",
    ),
    (
        "letters",
        "province",
        "tỉnh",
        "Chỉ công văn của tỉnh này (so khớp không phân biệt hoa thường, có dấu hay không)",
    ),
    (
        "letters",
        "out",
        "thư-mục",
        "Thư mục để ghi công văn (mỗi tỉnh một tệp)",
    ),
    (
        "letters|report",
        "plan_year",
        "năm",
        "Năm kế hoạch [mặc định: năm mới nhất trong cơ sở dữ liệu]",
    ),
    ("letters|report", "format", "định-dạng", PAPER_FORMAT),
    ("report", "out", "tệp", "Tệp cần ghi"),
    (
        "template",
        "format",
        "định-dạng",
        "Định dạng: xlsx (mặc định) hoặc csv",
    ),
    ("template", "out", "tệp", "Tệp cần ghi"),
    (
        "backup",
        "path",
        "tệp",
        "Bản sao cần ghi (không được ghi lên chính cơ sở dữ liệu)",
    ),
    ("keymap check", "file", "tệp", "Tệp bảng phím cần kiểm tra"),
    (
        "keymap show",
        "mode",
        "chế-độ",
        "Chỉ chế độ này: queue (hàng đợi), detail (chi tiết), checklist (danh mục kiểm tra), score (chấm điểm), notes (ghi chú), ranking (xếp hạng), log (nhật ký), summary (tổng hợp), input (nhập chữ), confirm (xác nhận), palette (bảng lệnh), help (trợ giúp)",
    ),
];

const HELP_SHORT: &str = "In trợ giúp";
const HELP_MORE: &str = "In trợ giúp (xem đầy đủ với '--help')";
const HELP_SUMMARY: &str = "In trợ giúp (xem bản tóm tắt với '-h')";
const VERSION: &str = "In số phiên bản";

const USAGE: &str = "Cách dùng:";
const COMMANDS: &str = "Lệnh:";
const ARGUMENTS: &str = "Đối số:";
const OPTIONS: &str = "Tuỳ chọn:";
/// What clap writes in a usage line, and the Vietnamese of it.
const USAGE_WORDS: [(&str, &str); 4] = [
    ("[OPTIONS]", "[tuỳ-chọn]"),
    ("[COMMAND]", "[lệnh]"),
    ("<COMMAND>", "<lệnh>"),
    ("[ARGS]", "[đối-số]"),
];

/// The start of every error line (`cli.md`: scripts read `error:`; the
/// rest of the line is Vietnamese, as every other error of the program).
const ERROR: &str = "error:";

/// The about texts of a command path.
fn about(path: &str) -> Option<(&'static str, Option<&'static str>)> {
    ABOUT
        .iter()
        .find(|(p, _, _)| *p == path)
        .map(|(_, a, l)| (*a, *l))
}

/// The value name and help of an argument of a command path.
fn arg(path: &str, id: &str) -> Option<(&'static str, &'static str)> {
    ARGS.iter()
        .find(|(paths, a, _, _)| *a == id && paths.split('|').any(|p| p == path))
        .map(|(_, _, v, h)| (*v, *h))
}

fn join(path: &str, name: &str) -> String {
    if path.is_empty() {
        name.to_string()
    } else {
        format!("{path} {name}")
    }
}

/// The path whose texts a command takes: the `help` command's copies of
/// the tree (`help keymap check`) take those of the command they name.
fn about_key(path: &str) -> String {
    let parts: Vec<&str> = path.split(' ').filter(|p| !p.is_empty()).collect();
    match parts.last() {
        Some(&"help") => "help".to_string(),
        _ => parts
            .into_iter()
            .filter(|p| *p != "help")
            .collect::<Vec<_>>()
            .join(" "),
    }
}

/// The command line in Vietnamese: built (ready to parse), `bin` its
/// program name as called.
pub(crate) fn vietnamese(cmd: Command, bin: &str) -> Command {
    let mut cmd = arguments(cmd.bin_name(bin), "");
    cmd.build();
    finish(cmd, "")
}

/// Before building: the arguments' texts (the global ones are then copied
/// to every command as they are).
fn arguments(cmd: Command, path: &str) -> Command {
    let cmd = cmd.mut_args(|a| {
        let id = a.get_id().to_string();
        match arg(path, &id) {
            Some((value, help)) => {
                let a = a.help(help).long_help(None::<&str>);
                if !a.get_action().takes_values() {
                    return a;
                }
                let a = a.hide_default_value(true).hide_possible_values(true);
                if value.is_empty() {
                    a
                } else {
                    a.value_name(value)
                }
            }
            None => a,
        }
    });
    cmd.mut_subcommands(|sc| {
        let sub = join(path, sc.get_name());
        arguments(sc, &sub)
    })
}

/// After building: about texts, the built-in `--help`, `--version` and
/// `help`, the usage line and the headings.
fn finish(mut cmd: Command, path: &str) -> Command {
    if let Some((short, long)) = about(&about_key(path)) {
        cmd = cmd.about(short).long_about(long);
    }
    let ids: Vec<String> = cmd
        .get_arguments()
        .map(|a| a.get_id().to_string())
        .collect();
    if ids.iter().any(|i| i == "help") {
        cmd = cmd.mut_arg("help", |a| {
            if a.get_long_help().is_some() {
                a.help(HELP_MORE).long_help(HELP_SUMMARY)
            } else {
                a.help(HELP_SHORT)
            }
        });
    }
    if ids.iter().any(|i| i == "version") {
        cmd = cmd.mut_arg("version", |a| a.help(VERSION));
    }
    let usage = usage_of(&mut cmd);
    let template = template(&cmd);
    cmd = cmd.mut_subcommands(|sc| {
        let sub = join(path, sc.get_name());
        finish(sc, &sub)
    });
    cmd.override_usage(usage).help_template(template)
}

/// clap's usage line of a built command, in Vietnamese, without heading.
fn usage_of(cmd: &mut Command) -> String {
    let usage = cmd.render_usage().to_string();
    let mut usage = usage
        .strip_prefix("Usage: ")
        .unwrap_or(&usage)
        .trim_end()
        .to_string();
    for (en, vi) in USAGE_WORDS {
        usage = usage.replace(en, vi);
    }
    usage
}

/// The help layout of clap with Vietnamese headings, only the sections
/// the command has (clap's own headings are fixed in English).
fn template(cmd: &Command) -> String {
    let styles = cmd.get_styles();
    let (h, u) = (styles.get_header(), styles.get_usage());
    let mut t = format!("{{before-help}}{{about-with-newline}}\n{u}{USAGE}{u:#} {{usage}}");
    let shown = |a: &&Arg| !a.is_hide_set();
    if cmd.get_subcommands().any(|s| !s.is_hide_set()) {
        t.push_str(&format!("\n\n{h}{COMMANDS}{h:#}\n{{subcommands}}"));
    }
    if cmd.get_positionals().any(|a| shown(&a)) {
        t.push_str(&format!("\n\n{h}{ARGUMENTS}{h:#}\n{{positionals}}"));
    }
    if cmd
        .get_arguments()
        .filter(shown)
        .any(|a| !a.is_positional())
    {
        t.push_str(&format!("\n\n{h}{OPTIONS}{h:#}\n{{options}}"));
    }
    t.push_str("{after-help}");
    t
}

/// The command that `argv` called (`thamdinh --db x list --bogus` is
/// `list`): its subcommand names, skipping options and their values.
fn called<'a>(cmd: &'a Command, argv: &[OsString]) -> &'a Command {
    let mut cur = cmd;
    let mut it = argv.iter().skip(1);
    while let Some(a) = it.next() {
        let Some(s) = a.to_str() else { continue };
        if s == "--" {
            break;
        }
        if let Some(long) = s.strip_prefix("--") {
            let takes = !long.contains('=')
                && cur
                    .get_arguments()
                    .any(|x| x.get_long() == Some(long) && x.get_action().takes_values());
            if takes {
                it.next();
            }
            continue;
        }
        if s.starts_with('-') {
            continue;
        }
        // `help`'s own help is the program's (it has no `--help`).
        match cur.find_subcommand(s) {
            Some(sc) if sc.get_name() == "help" => break,
            Some(sc) => cur = sc,
            None => {}
        }
    }
    cur
}

fn text(e: &clap::Error, kind: ContextKind) -> Option<String> {
    match e.get(kind)? {
        ContextValue::String(s) => Some(s.clone()),
        ContextValue::Strings(v) => Some(v.join(", ")),
        ContextValue::StyledStr(s) => Some(s.to_string()),
        ContextValue::Number(n) => Some(n.to_string()),
        _ => None,
    }
}

fn quoted(e: &clap::Error, kind: ContextKind) -> String {
    text(e, kind).map_or_else(String::new, |s| format!("'{s}'"))
}

fn list(e: &clap::Error, kind: ContextKind) -> Option<String> {
    match e.get(kind)? {
        ContextValue::Strings(v) if !v.is_empty() => Some(
            v.iter()
                .map(|s| format!("'{s}'"))
                .collect::<Vec<_>>()
                .join(", "),
        ),
        ContextValue::String(s) => Some(format!("'{s}'")),
        _ => None,
    }
}

/// A usage error in Vietnamese (`error: …`, a tip, the usage line and
/// where to read more), for the caller to print on stderr with the exit
/// code of `e`; `None` for what clap prints itself (the help, the
/// version, the help shown for a missing command), already Vietnamese.
pub(crate) fn error(cmd: &Command, argv: &[OsString], e: &clap::Error) -> Option<String> {
    use ContextKind as K;
    let arg = || quoted(e, K::InvalidArg);
    let value = || quoted(e, K::InvalidValue);
    let mut tips: Vec<String> = Vec::new();
    let what = match e.kind() {
        ErrorKind::DisplayHelp
        | ErrorKind::DisplayVersion
        | ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand => return None,
        ErrorKind::UnknownArgument => {
            let bad = text(e, K::InvalidArg).unwrap_or_default();
            if let Some(s) = text(e, K::SuggestedArg) {
                tips.push(format!("có phải ý bạn là '{s}'?"));
            }
            if e.get(K::Suggested).is_some() && bad.starts_with('-') {
                tips.push(format!("nếu '{bad}' là một giá trị, hãy viết '-- {bad}'"));
            }
            if bad.starts_with('-') {
                format!("không có tuỳ chọn '{bad}'")
            } else {
                format!("thừa đối số '{bad}'")
            }
        }
        ErrorKind::InvalidSubcommand => {
            if let Some(s) = list(e, K::SuggestedSubcommand) {
                tips.push(format!("có phải ý bạn là lệnh {s}?"));
            }
            format!("không có lệnh {}", quoted(e, K::InvalidSubcommand))
        }
        ErrorKind::InvalidValue => {
            if let Some(s) = text(e, K::SuggestedValue) {
                tips.push(format!("có phải ý bạn là '{s}'?"));
            }
            let valid =
                list(e, K::ValidValue).map_or_else(String::new, |v| format!(" (dùng được: {v})"));
            if text(e, K::InvalidValue).is_some_and(|v| v.is_empty()) {
                format!("{} cần một giá trị{valid}", arg())
            } else {
                format!("{} không phải giá trị của {}{valid}", value(), arg())
            }
        }
        ErrorKind::ValueValidation => {
            let number = std::error::Error::source(e)
                .is_some_and(|s| s.downcast_ref::<std::num::ParseIntError>().is_some());
            let why = if number {
                ": cần một số nguyên"
            } else {
                ""
            };
            format!("{} không phải giá trị hợp lệ của {}{why}", value(), arg())
        }
        ErrorKind::NoEquals => format!("{} cần giá trị viết liền sau dấu =", arg()),
        ErrorKind::TooManyValues => format!("thừa giá trị {} cho {}", value(), arg()),
        ErrorKind::TooFewValues | ErrorKind::WrongNumberOfValues => {
            format!("{} không đủ hoặc thừa giá trị", arg())
        }
        ErrorKind::ArgumentConflict => {
            let first = match text(e, K::InvalidArg) {
                Some(a) => format!("'{a}'"),
                None => quoted(e, K::InvalidSubcommand),
            };
            match list(e, K::PriorArg) {
                Some(other) => format!("không dùng {first} cùng với {other} được"),
                None => format!("chỉ dùng {first} một lần"),
            }
        }
        ErrorKind::MissingRequiredArgument => {
            let missing = match e.get(K::InvalidArg) {
                Some(ContextValue::Strings(v)) => v.join(", "),
                _ => text(e, K::InvalidArg).unwrap_or_default(),
            };
            format!("còn thiếu đối số bắt buộc: {missing}")
        }
        ErrorKind::MissingSubcommand => {
            if let Some(v) = list(e, K::ValidSubcommand) {
                tips.push(format!("các lệnh: {v}"));
            }
            format!("{} cần một lệnh", quoted(e, K::InvalidSubcommand))
        }
        ErrorKind::InvalidUtf8 => "một đối số không phải văn bản UTF-8 hợp lệ".to_string(),
        _ => "cách gọi lệnh không đúng".to_string(),
    };
    let called = called(cmd, argv);
    let mut usage_cmd = called.clone();
    let usage = usage_cmd.render_usage().to_string();
    let usage = usage.strip_prefix("Usage: ").unwrap_or(&usage).trim_end();
    let bin = called.get_bin_name().unwrap_or("thamdinh");
    let mut out = format!("{ERROR} {what}\n");
    for t in tips {
        out.push_str(&format!("\n  gợi ý: {t}\n"));
    }
    out.push_str(&format!("\n{USAGE} {usage}\n\nXem thêm: {bin} --help\n"));
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    /// Every command path of the tree with its command.
    fn walk(cmd: &Command, path: &str, out: &mut Vec<(String, Command)>) {
        out.push((path.to_string(), cmd.clone()));
        for sc in cmd.get_subcommands() {
            walk(sc, &join(path, sc.get_name()), out);
        }
    }

    fn commands() -> Vec<(String, Command)> {
        let mut out = Vec::new();
        walk(&crate::cli::args::Cli::command(), "", &mut out);
        out
    }

    /// A flag added to `args.rs` without its Vietnamese here fails.
    #[test]
    fn every_command_and_argument_has_vietnamese() {
        let mut missing = Vec::new();
        for (path, cmd) in commands() {
            if about(&path).is_none() {
                missing.push(format!("about of {path:?}"));
            }
            for a in cmd.get_arguments().filter(|a| !a.is_hide_set()) {
                let id = a.get_id().as_str();
                let global = a.is_global_set() && !path.is_empty();
                if !global && arg(&path, id).is_none() {
                    missing.push(format!("{path:?} {id}"));
                }
            }
        }
        assert!(missing.is_empty(), "no Vietnamese for: {missing:#?}");
    }

    /// And nothing here names what is not there (a renamed flag).
    #[test]
    fn every_text_belongs_to_an_argument() {
        let all = commands();
        for (paths, id, _, _) in ARGS {
            for p in paths.split('|') {
                let cmd = all.iter().find(|(q, _)| q == p);
                assert!(
                    cmd.is_some_and(|(_, c)| c.get_arguments().any(|a| a.get_id() == *id)),
                    "{p:?} has no argument {id}"
                );
            }
        }
        for (p, _, _) in ABOUT {
            assert!(
                *p == "help" || all.iter().any(|(q, _)| q == p),
                "no command {p:?}"
            );
        }
    }

    /// Every help page, short and long, of every command holds none of
    /// clap's English.
    #[test]
    fn every_help_page_is_vietnamese() {
        let built = vietnamese(crate::cli::args::Cli::command(), "thamdinh");
        let mut pages = Vec::new();
        let mut stack = vec![built];
        while let Some(mut c) = stack.pop() {
            stack.extend(c.get_subcommands().cloned());
            pages.push(c.render_help().to_string());
            pages.push(c.render_long_help().to_string());
        }
        assert!(pages.len() > 40);
        for page in &pages {
            for w in [
                "Usage",
                "Options",
                "Arguments",
                "Commands",
                "Print",
                "default:",
                "[default",
                "possible",
                "OPTIONS",
                "COMMAND",
                "<PATH>",
                "<NAME>",
                "<CODE",
                "<DATE>",
                "<FORMAT>",
                "the ",
                " of ",
                "Appraisal",
            ] {
                assert!(!page.contains(w), "{w:?} in\n{page}");
            }
            assert!(page.contains("Cách dùng: thamdinh"), "{page}");
        }
    }

    fn parse(args: &[&str]) -> clap::Error {
        let argv: Vec<OsString> = args.iter().map(OsString::from).collect();
        let mut cmd = vietnamese(crate::cli::args::Cli::command(), "thamdinh");
        match cmd.try_get_matches_from_mut(&argv) {
            Ok(_) => panic!("{args:?} parsed"),
            Err(e) => e,
        }
    }

    fn said(args: &[&str]) -> (String, i32) {
        let argv: Vec<OsString> = args.iter().map(OsString::from).collect();
        let cmd = vietnamese(crate::cli::args::Cli::command(), "thamdinh");
        let e = parse(args);
        (error(&cmd, &argv, &e).unwrap_or_default(), e.exit_code())
    }

    #[test]
    fn usage_errors_name_the_argument_in_vietnamese() {
        for (args, want) in [
            (
                &["thamdinh", "list", "--fuzy"][..],
                "error: không có tuỳ chọn '--fuzy'\n\n  gợi ý: có phải ý bạn là '--fuzzy'?",
            ),
            (
                &["thamdinh", "--db", "x.db", "list", "--format", "xml"],
                "error: 'xml' không phải giá trị của '--format <định-dạng>' (dùng được: 'table', 'json', 'csv')",
            ),
            (
                &["thamdinh", "list", "--plan-year", "abc"],
                "error: 'abc' không phải giá trị hợp lệ của '--plan-year <năm>': cần một số nguyên",
            ),
            (
                &["thamdinh", "return", "X"],
                "error: còn thiếu đối số bắt buộc: --reason <lý-do>",
            ),
            (
                &["thamdinh", "rank", "--budget", "1", "--set-budget", "2"],
                "error: không dùng '--budget <đồng>' cùng với '--set-budget <đồng>' được",
            ),
            (
                &["thamdinh", "lisst"],
                "error: không có lệnh 'lisst'\n\n  gợi ý: có phải ý bạn là lệnh 'list'?",
            ),
            (&["thamdinh", "show", "A", "B"], "error: thừa đối số 'B'"),
            (
                &["thamdinh", "list", "--query"],
                "error: '--query <truy-vấn>' cần một giá trị",
            ),
        ] {
            let (text, code) = said(args);
            assert_eq!(code, 2, "{args:?}");
            assert!(text.starts_with(want), "{args:?}:\n{text}");
            assert!(text.contains("\nCách dùng: thamdinh"), "{text}");
            assert!(text.contains("Xem thêm: thamdinh"), "{text}");
        }
        let (text, _) = said(&["thamdinh", "--user", "lan", "list", "--bogus"]);
        assert!(
            text.ends_with(
                "Cách dùng: thamdinh list [tuỳ-chọn]\n\nXem thêm: thamdinh list --help\n"
            ),
            "{text}"
        );
        let (text, _) = said(&["thamdinh", "help", "lisst"]);
        assert!(text.ends_with("\n\nXem thêm: thamdinh --help\n"), "{text}");
    }

    #[test]
    fn help_and_version_are_left_to_clap() {
        let argv: Vec<OsString> = ["thamdinh", "--help"].iter().map(OsString::from).collect();
        let cmd = vietnamese(crate::cli::args::Cli::command(), "thamdinh");
        let e = parse(&["thamdinh", "--help"]);
        assert_eq!(e.kind(), ErrorKind::DisplayHelp);
        assert!(error(&cmd, &argv, &e).is_none());
        assert!(e.to_string().contains("Tuỳ chọn:"), "{e}");
        let e = parse(&["thamdinh", "-V"]);
        assert_eq!(e.kind(), ErrorKind::DisplayVersion);
        assert_eq!(e.exit_code(), 0);
        let e = parse(&["thamdinh", "keymap"]);
        assert_eq!(e.exit_code(), 2);
        assert!(e.to_string().contains("Lệnh:"), "{e}");
    }
}
