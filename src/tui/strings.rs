//! Every text of the interface, in one table per language, so a Vietnamese
//! table can stand beside the English one. Views never hold literals.
//! Templates use `{name}` placeholders filled by [`fill`].
//! (Checklist texts and criterion labels come from `data/`, in Vietnamese.)

/// The interface texts of one language.
#[derive(Debug)]
pub struct Strings {
    /// Queue pane title: `Queue {shown}/{total}`.
    pub queue_title: &'static str,
    /// Filter label "all statuses".
    pub all_statuses: &'static str,
    /// Filter label "all categories".
    pub all_categories: &'static str,
    /// Filter label "all provinces".
    pub all_provinces: &'static str,
    /// Empty queue.
    pub queue_empty: &'static str,
    /// A search is running.
    pub searching: &'static str,
    /// Nothing selected.
    pub no_selection: &'static str,
    /// Detail pane title when nothing is selected.
    pub detail: &'static str,
    /// Detail header: `{code} · {category} · {status} · rev {revision}`.
    pub detail_title: &'static str,
    /// Checklist title: `Checklist {summary}`.
    pub checklist_title: &'static str,
    /// `{failing} failing`.
    pub failing: &'static str,
    /// Score pane title: `Score {total}`.
    pub score_title: &'static str,
    /// `bonus`.
    pub bonus: &'static str,
    /// `unscored`.
    pub unscored: &'static str,
    /// Notes pane title: `Notes {n}`.
    pub notes_title: &'static str,
    /// No notes yet.
    pub no_notes: &'static str,
    /// Marker of a manual item.
    pub manual: &'static str,
    /// Marker of a stale tick or score.
    pub stale: &'static str,
    /// Marker of a mandatory item.
    pub mandatory: &'static str,
    /// Detail labels.
    pub l_title: &'static str,
    /// Implementing unit.
    pub l_unit: &'static str,
    /// Beneficiary.
    pub l_beneficiary: &'static str,
    /// Province.
    pub l_province: &'static str,
    /// Plan year.
    pub l_plan_year: &'static str,
    /// Project type.
    pub l_project_type: &'static str,
    /// Priority area.
    pub l_priority: &'static str,
    /// Submitted on.
    pub l_submitted: &'static str,
    /// Period.
    pub l_period: &'static str,
    /// Budget.
    pub l_budget: &'static str,
    /// Total.
    pub l_total: &'static str,
    /// National.
    pub l_national: &'static str,
    /// Local.
    pub l_local: &'static str,
    /// Counterpart.
    pub l_counterpart: &'static str,
    /// Documents.
    pub l_documents: &'static str,
    /// Details.
    pub l_details: &'static str,
    /// Summary.
    pub l_summary: &'static str,
    /// History.
    pub l_history: &'static str,
    /// Other fields.
    pub l_extra: &'static str,
    /// Ranking title: `Ranking · {category} · allocation {allocation}`.
    pub ranking_title: &'static str,
    /// No allocation.
    pub no_allocation: &'static str,
    /// The cut line: `cut line: allocation {allocation}`.
    pub cut_line: &'static str,
    /// Ranking column headers: rank, code, title, province, checklist,
    /// score, national, cumulative, within budget.
    pub ranking_header: [&'static str; 9],
    /// Nothing above the cut line is pending.
    pub msg_none_within_budget: &'static str,
    /// `allocation of {category} for {year}: {allocation}` (stored).
    pub msg_allocation: &'static str,
    /// Log title: `Audit log {shown}/{total} · {filter}`.
    pub log_title: &'static str,
    /// The log holds more than was loaded: `newest {n}`.
    pub log_newest: &'static str,
    /// The whole-entry overlay's title: `Log entry #{id} · {action} · {code}`.
    pub entry_title: &'static str,
    /// Its labels: when, who, action, dossier, revision, batch, reason,
    /// detail.
    pub entry_labels: [&'static str; 8],
    /// Log column headers.
    pub log_header: [&'static str; 5],
    /// Every entry (no filter).
    pub everything: &'static str,
    /// Empty list.
    pub nothing: &'static str,
    /// Help title.
    pub help_title: &'static str,
    /// Messages title.
    pub messages_title: &'static str,
    /// Confirm approve title: `Approve {n} dossier(s)?`.
    pub confirm_approve: &'static str,
    /// Confirm return title: `Return {n} dossier(s)?`.
    pub confirm_return: &'static str,
    /// The undo dialog's title.
    pub undo_title: &'static str,
    /// One dossier of an undo.
    pub undo_back: &'static str,
    /// Hint: undo.
    pub hint_undo: &'static str,
    /// A note put aside with Esc.
    pub msg_draft_kept: &'static str,
    /// Reason label.
    pub reason: &'static str,
    /// Override reason label.
    pub override_reason: &'static str,
    /// Refused section: `Refused by the checklist ({n}):`.
    pub refused: &'static str,
    /// Will be decided section: `Will be decided ({n}):`.
    pub accepted: &'static str,
    /// Checking…
    pub checking: &'static str,
    /// `… and {n} more`.
    pub and_more: &'static str,
    /// Marked dossiers of a batch that the filter hides.
    pub hidden_in_batch: &'static str,
    /// Approved dossiers without a score.
    pub unscored_in_batch: &'static str,
    /// `{n} marked, {h} hidden`.
    pub marked_hidden: &'static str,
    /// The sitting's progress in the queue title.
    pub progress: &'static str,
    /// A jump found nothing.
    pub msg_none_left: &'static str,
    /// The store is working on something that takes a while.
    pub busy: &'static str,
    /// States and kinds of checklist items, in the item's overlay.
    pub state_pass: &'static str,
    pub state_fail: &'static str,
    pub state_unknown: &'static str,
    pub state_ticked: &'static str,
    pub state_unticked: &'static str,
    pub item_manual_mandatory: &'static str,
    pub item_manual: &'static str,
    pub item_auto_mandatory: &'static str,
    pub item_auto: &'static str,
    /// A tick made on an older revision.
    pub item_stale: &'static str,
    /// Title of the notes overlay.
    pub notes_title_full: &'static str,
    /// Key hint: confirm.
    pub hint_confirm: &'static str,
    /// Key hint: confirm, when some are refused.
    pub hint_decide_others: &'static str,
    /// Key hint: override.
    pub hint_override: &'static str,
    /// Hint: override every refused dossier.
    pub hint_override_all: &'static str,
    /// Key hint: cancel.
    pub hint_cancel: &'static str,
    /// Key hint: submit.
    pub hint_submit: &'static str,
    /// Key hint: close a text overlay.
    pub hint_close: &'static str,
    /// Where a scrolled text is: `lines {from}–{to} of {n}`.
    pub lines_shown: &'static str,
    /// Key hint: save (a note).
    pub hint_save: &'static str,
    /// Key hint: new line.
    pub hint_newline: &'static str,
    /// Nothing can be decided.
    pub nothing_to_decide: &'static str,
    /// Input titles.
    pub input_filter: &'static str,
    /// Return reason input title.
    pub input_return_reason: &'static str,
    /// Override reason input title.
    pub input_override_reason: &'static str,
    /// Note input title: `New note on {code}`.
    pub input_note: &'static str,
    /// Score input title: `{criterion} (0..{max})`.
    pub input_score: &'static str,
    /// The empty score input's hint: `now {now} of {max} · …`.
    pub points_hint: &'static str,
    /// The empty score input's hint on an unscored criterion.
    pub points_hint_unscored: &'static str,
    /// The score pane's mark of points not saved yet, and what it means.
    pub score_unsaved: &'static str,
    /// Allocation input title.
    pub input_allocation: &'static str,
    /// Log filter input title.
    pub input_log_filter: &'static str,
    /// A reason is required.
    pub reason_required: &'static str,
    /// Not a number in range: `{value} is not a number in 0..{max}`.
    pub bad_points: &'static str,
    /// Not an amount.
    pub bad_amount: &'static str,
    /// Mode names in the status bar.
    pub mode_queue: &'static str,
    /// Ranking mode.
    pub mode_ranking: &'static str,
    /// Log mode.
    pub mode_log: &'static str,
    /// Filter mode.
    pub mode_filter: &'static str,
    /// Input mode.
    pub mode_input: &'static str,
    /// Confirm mode.
    pub mode_confirm: &'static str,
    /// Help mode.
    pub mode_help: &'static str,
    /// `{n} marked`.
    pub marked: &'static str,
    /// Too small: `Terminal too small: {w}×{h} (need {mw}×{mh})`.
    pub too_small: &'static str,
    /// Key hint words: help.
    pub hint_help: &'static str,
    /// Key hint: quit.
    pub hint_quit: &'static str,
    /// Key hint: filter.
    pub hint_filter: &'static str,
    /// Key hint: mark.
    pub hint_mark: &'static str,
    /// Messages after effects: `approved {n}: {codes}`.
    pub msg_approved: &'static str,
    /// `returned {n}: {codes}`.
    pub msg_returned: &'static str,
    /// `undone: {codes}`.
    pub msg_undone: &'static str,
    /// `refused {n}: {codes}`.
    pub msg_refused: &'static str,
    /// `{code}: {item} ticked`.
    pub msg_ticked: &'static str,
    /// `{code}: {item} unticked`.
    pub msg_unticked: &'static str,
    /// `{code}: {criterion} = {points}`.
    pub msg_scored: &'static str,
    /// `{code}: {criterion} unscored`.
    pub msg_unscored: &'static str,
    /// `{code}: note added`.
    pub msg_noted: &'static str,
    /// `already {status}: {codes}`.
    pub msg_already: &'static str,
    /// Already of the target status (confirmation dialog): `Already {status} ({n}):`.
    pub already: &'static str,
    /// Yes.
    pub yes: &'static str,
    /// No.
    pub no: &'static str,
    /// `{n} workers`.
    pub workers: &'static str,
    /// `{n} p.` (pages).
    pub pages: &'static str,
    /// Not a manual item.
    pub msg_not_manual: &'static str,
    /// `reloaded: another appraiser changed the database`.
    pub msg_reloaded: &'static str,
    /// Nothing to act on.
    pub msg_no_dossier: &'static str,
    /// `error: {message}`.
    pub msg_error: &'static str,
    /// The help legend's title.
    pub legend_title: &'static str,
    /// What each glyph of the help legend means, in the order: pass, fail,
    /// unknown, ticked, unticked, mandatory, approved, returned, pending,
    /// marked, cursor, stale score.
    pub legend: [&'static str; 12],
    /// Joins the descriptions of a key bound to several actions.
    pub then: &'static str,
    /// Help section headers: keys of `{mode}`.
    pub help_mode: &'static str,
    /// Action descriptions by action name, where they differ from the
    /// English ones of [`crate::tui::action::ACTIONS`].
    pub actions: &'static [(&'static str, &'static str)],
}

impl Strings {
    /// The description of an action in this language.
    pub fn describe(&self, action: &crate::tui::action::Action) -> &'static str {
        let name = action.name().unwrap_or("");
        self.actions
            .iter()
            .find(|(n, _)| *n == name)
            .map_or_else(|| action.description(), |(_, d)| *d)
    }
}

/// The English table.
pub static EN: Strings = Strings {
    queue_title: "Queue {shown}/{total}",
    all_statuses: "all statuses",
    all_categories: "all categories",
    all_provinces: "all provinces",
    queue_empty: "No dossier matches the filter.",
    searching: "searching…",
    no_selection: "No dossier selected.",
    detail: "Detail",
    detail_title: "{code} · {category} · {status} · rev {revision}",
    checklist_title: "Checklist {summary}",
    failing: "{n} failing",
    score_title: "Score {total}",
    bonus: "bonus",
    unscored: "unscored",
    notes_title: "Notes {n}",
    no_notes: "No notes. n writes one.",
    manual: "(manual)",
    stale: "(stale)",
    mandatory: "*",
    l_title: "Title",
    l_unit: "Implementing unit",
    l_beneficiary: "Beneficiary",
    l_province: "Province",
    l_plan_year: "Plan year",
    l_project_type: "Project type",
    l_priority: "Priority area",
    l_submitted: "Submitted",
    l_period: "Period",
    l_budget: "Budget",
    l_total: "total",
    l_national: "national",
    l_local: "local",
    l_counterpart: "counterpart",
    l_documents: "Documents",
    l_details: "Details",
    l_summary: "Summary",
    l_history: "History",
    l_extra: "Other fields",
    ranking_title: "Ranking · {category} · allocation {allocation}",
    no_allocation: "none",
    cut_line: "cut line · allocation {allocation}",
    ranking_header: [
        "#", "code", "title", "province", "check", "score", "national", "cumul.", "in",
    ],
    msg_none_within_budget: "no pending dossier above the cut line",
    msg_allocation: "allocation of {category} for {year}: {allocation} (stored)",
    log_title: "Audit log {shown}/{total} · {filter}",
    log_newest: "newest {n}",
    entry_title: "Log entry #{id} · {action} · {code}",
    entry_labels: [
        "When", "Who", "Action", "Dossier", "Revision", "Batch", "Reason", "Detail",
    ],
    log_header: ["when", "who", "action", "dossier", "reason · detail"],
    everything: "all entries",
    nothing: "Nothing to show.",
    help_title: "Help · {mode}",
    messages_title: "Messages",
    confirm_approve: "Approve {n} dossier(s)?",
    confirm_return: "Return {n} dossier(s) to the province?",
    undo_title: "Undo your {action} of {n} dossier(s) at {at}?",
    undo_back: "{code} → back to {status}",
    hint_undo: "undo",
    msg_draft_kept: "note on {code} kept as a draft: n opens it again",
    reason: "Reason",
    override_reason: "Override",
    refused: "Refused by the checklist ({n}):",
    accepted: "Will be decided ({n}):",
    checking: "Checking…",
    and_more: "  … and {n} more",
    hidden_in_batch: "! {n} of them hidden by the filter: {codes}",
    unscored_in_batch: "! {n} not scored yet",
    marked_hidden: "{n} marked, {h} hidden",
    progress: "{decided}/{all} decided · {scored} scored",
    msg_none_left: "no such dossier in the filter",
    busy: "working…",
    state_pass: "passes",
    state_fail: "fails",
    state_unknown: "unknown (data missing)",
    state_ticked: "ticked",
    state_unticked: "not ticked",
    item_manual_mandatory: "ticked by the appraiser, mandatory",
    item_manual: "ticked by the appraiser",
    item_auto_mandatory: "checked from the dossier, mandatory",
    item_auto: "checked from the dossier",
    item_stale: "Ticked on an older revision of the dossier: check it again.",
    notes_title_full: "Notes on {code} ({n})",
    hint_confirm: "confirm",
    hint_decide_others: "decide the others",
    hint_override: "override this one",
    hint_override_all: "override all",
    hint_cancel: "cancel",
    hint_submit: "submit",
    hint_close: "close",
    lines_shown: "lines {from}–{to} of {n}",
    hint_save: "save",
    hint_newline: "new line",
    nothing_to_decide: "Nothing can be decided without an override.",
    input_filter: "/",
    input_return_reason: "Reason for returning {n} dossier(s)",
    input_override_reason: "Reason for overriding the checklist ({codes})",
    input_note: "New note on {code}",
    input_score: "{criterion} (0..{max})",
    points_hint: "now {now} of {max} · type to replace · empty Enter: unscored",
    points_hint_unscored: "unscored · type 0..{max}",
    score_unsaved: "* not saved yet",
    input_allocation: "Allocation of {category} {year} (VND)",
    input_log_filter: "Filter the log: code, who, action, text · by: a: c:",
    reason_required: "A reason is required.",
    bad_points: "{value} is not a number in 0..{max}",
    bad_amount: "not an amount in VND: {value}",
    mode_queue: "QUEUE",
    mode_ranking: "RANKING",
    mode_log: "LOG",
    mode_filter: "FILTER",
    mode_input: "INPUT",
    mode_confirm: "CONFIRM",
    mode_help: "HELP",
    marked: "{n} marked",
    too_small: "Terminal too small: {w}×{h} (need {mw}×{mh})",
    hint_help: "help",
    hint_quit: "quit",
    hint_filter: "filter",
    hint_mark: "mark",
    msg_approved: "approved {n}: {codes}",
    msg_returned: "returned {n}: {codes}",
    msg_undone: "undone: {codes}",
    msg_refused: "refused {n}: {codes}",
    msg_ticked: "{code}: {item} ticked",
    msg_unticked: "{code}: {item} unticked",
    msg_scored: "{code}: {criterion} = {points}",
    msg_unscored: "{code}: {criterion} unscored",
    msg_noted: "{code}: note added",
    msg_already: "already {status}: {codes}",
    already: "Already {status}, left alone ({n}):",
    yes: "yes",
    no: "no",
    workers: "{n} workers",
    pages: "{n} p.",
    msg_not_manual: "{item} is checked automatically; only manual items are ticked",
    msg_reloaded: "others' changes loaded",
    msg_no_dossier: "no dossier under the cursor",
    msg_error: "error: {message}",
    legend_title: "Glyphs:",
    legend: [
        "pass",
        "fail",
        "unknown",
        "ticked",
        "unticked",
        "mandatory",
        "approved",
        "returned",
        "pending",
        "marked",
        "cursor",
        "scored on an older revision",
    ],
    then: ", then ",
    help_mode: "Keys in {mode}",
    actions: &[],
};

/// The Vietnamese table.
pub static VI: Strings = Strings {
    queue_title: "Hồ sơ {shown}/{total}",
    all_statuses: "mọi trạng thái",
    all_categories: "mọi nội dung",
    all_provinces: "mọi tỉnh",
    queue_empty: "Không có hồ sơ nào khớp bộ lọc.",
    searching: "đang tìm…",
    no_selection: "Chưa chọn hồ sơ.",
    detail: "Chi tiết",
    detail_title: "{code} · {category} · {status} · lần {revision}",
    checklist_title: "Kiểm tra {summary}",
    failing: "{n} không đạt",
    score_title: "Điểm {total}",
    bonus: "điểm cộng",
    unscored: "chưa chấm",
    notes_title: "Ghi chú {n}",
    no_notes: "Chưa có ghi chú. Bấm n để viết.",
    manual: "(thủ công)",
    stale: "(cũ)",
    mandatory: "*",
    l_title: "Tên đề án",
    l_unit: "Đơn vị thực hiện",
    l_beneficiary: "Đối tượng thụ hưởng",
    l_province: "Tỉnh",
    l_plan_year: "Năm kế hoạch",
    l_project_type: "Loại đề án",
    l_priority: "Địa bàn ưu tiên",
    l_submitted: "Ngày nộp",
    l_period: "Thời gian",
    l_budget: "Kinh phí",
    l_total: "tổng",
    l_national: "KCQG",
    l_local: "địa phương",
    l_counterpart: "đối ứng",
    l_documents: "Hồ sơ kèm theo",
    l_details: "Thông tin riêng",
    l_summary: "Tóm tắt",
    l_history: "Lịch sử",
    l_extra: "Trường khác",
    ranking_title: "Xếp hạng · {category} · phân bổ {allocation}",
    no_allocation: "chưa có",
    cut_line: "ngưỡng cắt · phân bổ {allocation}",
    ranking_header: [
        "#",
        "mã",
        "tên đề án",
        "tỉnh",
        "k.tra",
        "điểm",
        "KCQG",
        "lũy kế",
        "đạt",
    ],
    msg_none_within_budget: "không có hồ sơ đang chờ nào trên ngưỡng cắt",
    msg_allocation: "phân bổ cho {category} năm {year}: {allocation} (đã lưu)",
    log_title: "Nhật ký {shown}/{total} · {filter}",
    log_newest: "{n} mục mới nhất",
    entry_title: "Mục nhật ký #{id} · {action} · {code}",
    entry_labels: [
        "Lúc",
        "Người",
        "Thao tác",
        "Hồ sơ",
        "Lần nộp",
        "Lô",
        "Lý do",
        "Chi tiết",
    ],
    log_header: ["lúc", "người", "thao tác", "hồ sơ", "lý do · chi tiết"],
    everything: "mọi mục",
    nothing: "Không có gì để hiển thị.",
    help_title: "Trợ giúp · {mode}",
    messages_title: "Thông báo",
    confirm_approve: "Phê duyệt {n} hồ sơ?",
    confirm_return: "Trả {n} hồ sơ về tỉnh?",
    undo_title: "Hoàn tác quyết định {action} {n} hồ sơ lúc {at}?",
    undo_back: "{code} → trở lại {status}",
    hint_undo: "hoàn tác",
    msg_draft_kept: "ghi chú về {code} được giữ làm bản nháp: n để mở lại",
    reason: "Lý do",
    override_reason: "Vượt kiểm tra",
    refused: "Không qua kiểm tra ({n}):",
    accepted: "Sẽ quyết định ({n}):",
    checking: "Đang kiểm tra…",
    and_more: "  … và {n} hồ sơ khác",
    hidden_in_batch: "! {n} hồ sơ trong số này bị bộ lọc ẩn: {codes}",
    unscored_in_batch: "! {n} hồ sơ chưa chấm điểm",
    marked_hidden: "đã đánh dấu {n}, {h} bị ẩn",
    progress: "đã quyết định {decided}/{all} · đã chấm {scored}",
    msg_none_left: "không còn hồ sơ như vậy trong bộ lọc",
    busy: "đang xử lý…",
    state_pass: "đạt",
    state_fail: "không đạt",
    state_unknown: "chưa rõ (thiếu dữ liệu)",
    state_ticked: "đã đánh dấu",
    state_unticked: "chưa đánh dấu",
    item_manual_mandatory: "thẩm định viên đánh dấu, bắt buộc",
    item_manual: "thẩm định viên đánh dấu",
    item_auto_mandatory: "kiểm tra tự động từ hồ sơ, bắt buộc",
    item_auto: "kiểm tra tự động từ hồ sơ",
    item_stale: "Đánh dấu trên bản sửa đổi cũ của hồ sơ: cần xem lại.",
    notes_title_full: "Ghi chú về {code} ({n})",
    hint_confirm: "đồng ý",
    hint_decide_others: "quyết định các hồ sơ còn lại",
    hint_override: "vượt kiểm tra hồ sơ này",
    hint_override_all: "vượt kiểm tra tất cả",
    hint_cancel: "hủy",
    hint_submit: "xong",
    hint_close: "đóng",
    lines_shown: "dòng {from}–{to} / {n}",
    hint_save: "lưu",
    hint_newline: "xuống dòng",
    nothing_to_decide: "Không có hồ sơ nào được quyết định nếu không vượt kiểm tra.",
    input_filter: "/",
    input_return_reason: "Lý do trả {n} hồ sơ",
    input_override_reason: "Lý do vượt kiểm tra ({codes})",
    input_note: "Ghi chú mới cho {code}",
    input_score: "{criterion} (0..{max})",
    points_hint: "hiện {now}/{max} · gõ để thay · Enter khi trống: bỏ điểm",
    points_hint_unscored: "chưa chấm · gõ 0..{max}",
    score_unsaved: "* chưa lưu",
    input_allocation: "Phân bổ cho {category} {year} (đồng)",
    input_log_filter: "Lọc nhật ký: mã, người, thao tác, nội dung · by: a: c:",
    reason_required: "Cần ghi lý do.",
    bad_points: "{value} không phải số trong 0..{max}",
    bad_amount: "không phải số tiền: {value}",
    mode_queue: "HỒ SƠ",
    mode_ranking: "XẾP HẠNG",
    mode_log: "NHẬT KÝ",
    mode_filter: "LỌC",
    mode_input: "NHẬP",
    mode_confirm: "XÁC NHẬN",
    mode_help: "TRỢ GIÚP",
    marked: "đã đánh dấu {n}",
    too_small: "Cửa sổ quá nhỏ: {w}×{h} (cần {mw}×{mh})",
    hint_help: "trợ giúp",
    hint_quit: "thoát",
    hint_filter: "lọc",
    hint_mark: "đánh dấu",
    msg_approved: "đã phê duyệt {n}: {codes}",
    msg_returned: "đã trả {n}: {codes}",
    msg_undone: "đã hoàn tác: {codes}",
    msg_refused: "không qua kiểm tra {n}: {codes}",
    msg_ticked: "{code}: đã tích {item}",
    msg_unticked: "{code}: đã bỏ tích {item}",
    msg_scored: "{code}: {criterion} = {points}",
    msg_unscored: "{code}: bỏ điểm {criterion} (về chưa chấm)",
    msg_noted: "{code}: đã thêm ghi chú",
    msg_already: "đã {status} từ trước: {codes}",
    already: "Đã {status} từ trước, giữ nguyên ({n}):",
    yes: "có",
    no: "không",
    workers: "{n} lao động",
    pages: "{n} tr.",
    msg_not_manual: "{item} được kiểm tra tự động; chỉ tích các mục thủ công",
    msg_reloaded: "đã cập nhật thay đổi",
    msg_no_dossier: "không có hồ sơ ở con trỏ",
    msg_error: "lỗi: {message}",
    legend_title: "Ký hiệu:",
    legend: [
        "đạt",
        "không đạt",
        "thiếu dữ liệu",
        "đã tích",
        "chưa tích",
        "bắt buộc",
        "đã duyệt",
        "đã trả",
        "đang chờ",
        "đánh dấu",
        "con trỏ",
        "chấm trên bản cũ",
    ],
    then: ", rồi ",
    help_mode: "Phím trong {mode}",
    actions: VI_ACTIONS,
};

/// Action descriptions in Vietnamese.
const VI_ACTIONS: &[(&str, &str)] = &[
    ("move_up", "lên một dòng"),
    ("move_down", "xuống một dòng"),
    ("page_up", "lên một trang"),
    ("page_down", "xuống một trang"),
    ("go_top", "dòng đầu"),
    ("go_bottom", "dòng cuối"),
    ("next_pane", "sang khung sau"),
    ("prev_pane", "về khung trước"),
    ("zoom_pane", "phóng to / thu nhỏ khung đang chọn"),
    ("toggle_mark", "đánh dấu / bỏ đánh dấu hồ sơ ở con trỏ"),
    ("mark_range", "đánh dấu từ lần đánh dấu trước đến con trỏ"),
    ("mark_all", "đánh dấu mọi hồ sơ trong bộ lọc"),
    ("clear_marks", "bỏ mọi đánh dấu"),
    (
        "filter",
        "lọc: từ, \"cụm từ\", -loại trừ, p: c: s: is: by: score: national: year:",
    ),
    ("invert_marks", "đảo dấu trong bộ lọc hiện tại"),
    ("cycle_status", "đổi lọc trạng thái"),
    ("cycle_category", "đổi lọc nội dung"),
    ("cycle_province", "đổi lọc tỉnh"),
    ("clear_filters", "bỏ mọi bộ lọc"),
    ("default_filter", "về bộ lọc mặc định (chờ thẩm định)"),
    (
        "cycle_sort",
        "sắp xếp theo ngày nộp, điểm, kinh phí, tỉnh hoặc mã",
    ),
    ("next_undecided", "đến hồ sơ chưa quyết định tiếp theo"),
    (
        "next_failing",
        "đến hồ sơ chưa đạt danh mục kiểm tra tiếp theo",
    ),
    ("next_unscored", "đến hồ sơ chưa chấm điểm tiếp theo"),
    ("approve", "phê duyệt hồ sơ đã đánh dấu, hoặc ở con trỏ"),
    ("return", "trả hồ sơ đã đánh dấu, hoặc ở con trỏ, kèm lý do"),
    ("undo", "hoàn tác quyết định gần nhất của tôi (cả lô)"),
    ("new_note", "viết ghi chú cho hồ sơ ở con trỏ"),
    ("toggle_tick", "tích / bỏ tích mục kiểm tra thủ công"),
    ("score_up", "tăng một điểm tiêu chí"),
    ("score_down", "giảm một điểm tiêu chí"),
    ("score_edit", "nhập điểm tiêu chí"),
    ("score_clear", "bỏ điểm tiêu chí (về chưa chấm)"),
    ("show_queue", "danh sách hồ sơ"),
    ("show_ranking", "xếp hạng và ngưỡng cắt"),
    ("show_log", "nhật ký mọi thao tác"),
    ("next_category", "nội dung sau"),
    ("prev_category", "nội dung trước"),
    ("edit_allocation", "đặt mức phân bổ của nội dung (đồng)"),
    (
        "filter_log",
        "lọc nhật ký: từ (mã, người, thao tác, nội dung), \"cụm từ\", -loại trừ, by:TÊN a:THAOTÁC c:",
    ),
    (
        "open_entry",
        "xem toàn bộ nội dung ở con trỏ (nhật ký, mục kiểm tra, ghi chú)",
    ),
    (
        "approve_within_budget",
        "phê duyệt mọi hồ sơ đang chờ trên ngưỡng cắt đạt kiểm tra",
    ),
    ("refresh", "tải lại từ cơ sở dữ liệu"),
    ("help", "trợ giúp này"),
    ("messages", "các thông báo và lỗi"),
    ("confirm", "đồng ý"),
    ("cancel", "hủy"),
    (
        "override",
        "vẫn duyệt hồ sơ bị từ chối đang chọn, kèm lý do",
    ),
    (
        "override_all",
        "vẫn duyệt mọi hồ sơ bị từ chối, cùng một lý do",
    ),
    ("submit", "xong"),
    ("newline", "xuống dòng"),
    ("backspace", "xóa ký tự trước con trỏ"),
    ("delete", "xóa ký tự tại con trỏ"),
    ("delete_word", "xóa từ trước con trỏ"),
    ("delete_to_line_start", "xóa từ đầu dòng đến con trỏ"),
    ("delete_to_line_end", "xóa từ con trỏ đến cuối dòng"),
    ("cursor_left", "con trỏ sang trái"),
    ("cursor_right", "con trỏ sang phải"),
    ("word_left", "lùi một từ"),
    ("word_right", "tiến một từ"),
    ("line_start", "đầu dòng"),
    ("line_end", "cuối dòng"),
    ("suspend", "tạm dừng, về shell"),
    ("quit", "thoát"),
];

/// The table for a language tag (`vi`, `vi_VN.UTF-8`, `en`…): Vietnamese
/// for `vi*`, else English.
pub fn for_lang(tag: &str) -> &'static Strings {
    if tag.trim().to_ascii_lowercase().starts_with("vi") {
        &VI
    } else {
        &EN
    }
}

/// Fill `{name}` placeholders of a template.
pub fn fill(template: &str, args: &[(&str, &str)]) -> String {
    let mut out = template.to_string();
    for (k, v) in args {
        out = out.replace(&format!("{{{k}}}"), v);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn vietnamese_table_fills_the_same_placeholders() {
        assert_eq!(for_lang("vi_VN.UTF-8").marked, VI.marked);
        assert_eq!(for_lang("C").marked, EN.marked);
        assert_eq!(fill(VI.marked, &[("n", "2")]), "đã đánh dấu 2");
        // Every placeholder of an English template is in its Vietnamese twin.
        for (en, vi) in [
            (EN.queue_title, VI.queue_title),
            (EN.detail_title, VI.detail_title),
            (EN.too_small, VI.too_small),
            (EN.msg_approved, VI.msg_approved),
            (EN.already, VI.already),
            (EN.bad_points, VI.bad_points),
            (EN.points_hint, VI.points_hint),
            (EN.points_hint_unscored, VI.points_hint_unscored),
            (EN.msg_unscored, VI.msg_unscored),
            (EN.ranking_title, VI.ranking_title),
            (EN.log_title, VI.log_title),
            (EN.entry_title, VI.entry_title),
            (EN.msg_allocation, VI.msg_allocation),
            (EN.input_allocation, VI.input_allocation),
        ] {
            for part in en.split('{').skip(1) {
                let name = part.split('}').next().unwrap_or("");
                assert!(vi.contains(&format!("{{{name}}}")), "{vi} lacks {{{name}}}");
            }
        }
    }

    #[test]
    fn every_action_is_described_in_vietnamese() {
        for (a, name, en) in crate::tui::action::ACTIONS {
            assert_eq!(EN.describe(a), *en);
            assert!(VI_ACTIONS.iter().any(|(n, _)| n == name), "{name}");
            assert_ne!(VI.describe(a), *en, "{name}");
        }
    }

    #[test]
    fn fill_replaces_every_placeholder() {
        assert_eq!(
            fill(EN.queue_title, &[("shown", "37"), ("total", "250")]),
            "Queue 37/250"
        );
        assert_eq!(fill(EN.marked, &[("n", "2")]), "2 marked");
    }
}
