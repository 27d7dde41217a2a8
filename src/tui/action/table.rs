//! The one description of every bindable action: its keymap name, the
//! modes where it does something, its group, its description in English
//! and Vietnamese, what it needs (a dossier, marks), and the word the
//! status bar shows for it, if any.
//!
//! The table is one `match` on [`Action`] without a catch-all arm: a new
//! variant that is neither described here nor listed as internal does not
//! compile. [`BINDABLE`] (the list the palette, `keymap show` and the tests
//! walk) is generated from the same rows, so it cannot miss one.

use super::Action;
use crate::domain::Lang;
use crate::tui::keymap::Mode;

/// What an action is for: the sections of the help.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Group {
    /// Cursor and scrolling.
    Move,
    /// Filters, sorting and jumps through the queue.
    Filter,
    /// Marks.
    Mark,
    /// Decisions and their dialogs.
    Decide,
    /// Ticks, scores, notes, text editing.
    Edit,
    /// Views, panes and overlays.
    Views,
    /// Everything else.
    Other,
}

impl Group {
    /// Help order.
    pub const ALL: [Group; 7] = [
        Group::Move,
        Group::Filter,
        Group::Mark,
        Group::Decide,
        Group::Edit,
        Group::Views,
        Group::Other,
    ];

    /// The section title.
    pub fn label(self, lang: Lang) -> &'static str {
        match self {
            Group::Move => lang.pick("Move", "Di chuyển"),
            Group::Filter => lang.pick("Filter", "Lọc"),
            Group::Mark => lang.pick("Mark", "Đánh dấu"),
            Group::Decide => lang.pick("Decide", "Quyết định"),
            Group::Edit => lang.pick("Edit", "Nhập liệu"),
            Group::Views => lang.pick("Views", "Màn hình"),
            Group::Other => lang.pick("Other", "Khác"),
        }
    }
}

/// What an action needs to do anything, besides its mode.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Needs {
    /// Nothing.
    Nothing,
    /// A dossier under the cursor (or marked ones).
    Dossier,
    /// Marked dossiers.
    Marks,
}

/// The description of one bindable action.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Spec {
    /// The keymap name (`move_down`).
    pub name: &'static str,
    /// The modes where it does something.
    pub modes: &'static [Mode],
    /// Its help section.
    pub group: Group,
    /// What it needs.
    pub needs: Needs,
    /// Description in English.
    pub en: &'static str,
    /// Description in Vietnamese.
    pub vi: &'static str,
    /// The status bar's word for it (English, Vietnamese), when it has one.
    pub hint: Option<(&'static str, &'static str)>,
}

impl Spec {
    /// The description in `lang`.
    pub fn describe(&self, lang: Lang) -> &'static str {
        lang.pick(self.en, self.vi)
    }

    /// True when it does something in `mode`.
    pub fn applies(&self, mode: Mode) -> bool {
        self.modes.contains(&mode)
    }
}

use Mode::{
    Checklist, Confirm, Detail, Help, Input, Log, Notes, Palette, Queue, Ranking, Score, Summary,
};

/// The view modes (those that inherit `[global]`).
pub const VIEWS: &[Mode] = &[
    Queue, Detail, Checklist, Score, Notes, Ranking, Log, Summary,
];
/// The panes of the queue view.
const PANES: &[Mode] = &[Queue, Detail, Checklist, Score, Notes];
/// Everywhere.
const ANYWHERE: &[Mode] = &[
    Queue, Detail, Checklist, Score, Notes, Ranking, Log, Summary, Input, Confirm, Help, Palette,
];
/// Where the cursor moves by one line.
const LINES: &[Mode] = &[
    Queue, Detail, Checklist, Score, Notes, Ranking, Log, Summary, Input, Confirm, Help, Palette,
];
/// Where the cursor moves by pages.
const PAGES: &[Mode] = &[
    Queue, Detail, Checklist, Score, Notes, Ranking, Log, Summary, Help, Palette,
];
/// Where a line of text is edited.
const TEXT: &[Mode] = &[Input, Palette, Help];
/// Where the views are switched.
const VIEWS_AND_HELP: &[Mode] = &[
    Queue, Detail, Checklist, Score, Notes, Ranking, Log, Summary, Help,
];

macro_rules! actions {
    (
        internal: [$($internal:pat),* $(,)?];
        $(
            $variant:ident $name:literal [$modes:expr] $group:ident $needs:ident
                $en:literal $vi:literal $(hint $hen:literal $hvi:literal)?;
        )*
    ) => {
        /// Every bindable action, in help order.
        pub const BINDABLE: &[Action] = &[$(Action::$variant),*];

        impl Action {
            /// Its description; `None` for internal actions, which no
            /// keymap can bind.
            pub fn spec(&self) -> Option<Spec> {
                match self {
                    $(Action::$variant => Some(Spec {
                        name: $name,
                        modes: $modes,
                        group: Group::$group,
                        needs: Needs::$needs,
                        en: $en,
                        vi: $vi,
                        hint: None $(.or(Some(($hen, $hvi))))?,
                    }),)*
                    $($internal)|* => None,
                }
            }
        }
    };
}

actions! {
    internal: [
        Action::Tick,
        Action::SettleDetail,
        Action::ChordPause,
        Action::Resize(..),
        Action::Insert(_),
        Action::Paste(_),
        Action::Loaded(_),
        Action::Failed(_),
    ];
    MoveUp "move_up" [LINES] Move Nothing "cursor up" "lên một dòng";
    MoveDown "move_down" [LINES] Move Nothing "cursor down" "xuống một dòng";
    PageUp "page_up" [PAGES] Move Nothing "one page up" "lên một trang";
    PageDown "page_down" [PAGES] Move Nothing "one page down" "xuống một trang";
    GoTop "go_top" [PAGES] Move Nothing "first row" "dòng đầu";
    GoBottom "go_bottom" [PAGES] Move Nothing "last row" "dòng cuối";
    Filter "filter" [PANES] Filter Nothing
        "filter: words, \"phrases\", -not, p: c: s: is: by: score: national: year:"
        "lọc: từ, \"cụm từ\", -loại trừ, tỉnh: loại: tt: là: bởi: điểm: kp: năm:"
        hint "filter" "lọc";
    NextMatch "next_match" [&[Queue]] Filter Nothing
        "next dossier matching the filter (wraps around)"
        "hồ sơ khớp bộ lọc tiếp theo (quay vòng)";
    PrevMatch "prev_match" [&[Queue]] Filter Nothing
        "previous dossier matching the filter (wraps around)"
        "hồ sơ khớp bộ lọc trước đó (quay vòng)";
    CycleStatus "cycle_status" [&[Queue]] Filter Nothing
        "cycle the status filter" "đổi lọc trạng thái";
    CycleCategory "cycle_category" [&[Queue]] Filter Nothing
        "cycle the category filter" "đổi lọc nội dung";
    CycleProvince "cycle_province" [&[Queue]] Filter Nothing
        "cycle the province filter" "đổi lọc tỉnh";
    ClearFilters "clear_filters" [&[Queue]] Filter Nothing
        "clear every filter" "bỏ mọi bộ lọc";
    DefaultFilter "default_filter" [&[Queue]] Filter Nothing
        "back to the default filter (pending)" "về bộ lọc mặc định (chờ thẩm định)";
    CycleSort "cycle_sort" [&[Queue]] Filter Nothing
        "order by submission, score, money, province or code"
        "sắp xếp theo ngày nộp, điểm, kinh phí, tỉnh hoặc mã";
    NextUndecided "next_undecided" [&[Queue]] Filter Nothing
        "jump to the next undecided dossier" "đến hồ sơ chưa quyết định tiếp theo";
    NextFailing "next_failing" [&[Queue]] Filter Nothing
        "jump to the next dossier not yet meeting its checklist"
        "đến hồ sơ chưa đạt danh mục kiểm tra tiếp theo";
    NextUnscored "next_unscored" [&[Queue]] Filter Nothing
        "jump to the next unscored dossier" "đến hồ sơ chưa chấm điểm tiếp theo";
    ToggleMark "toggle_mark" [&[Queue]] Mark Dossier
        "mark or unmark the cursor's dossier" "đánh dấu / bỏ đánh dấu hồ sơ ở con trỏ"
        hint "mark" "đánh dấu";
    MarkRange "mark_range" [&[Queue]] Mark Dossier
        "mark from the last mark to the cursor" "đánh dấu từ lần đánh dấu trước đến con trỏ";
    MarkAll "mark_all" [&[Queue]] Mark Nothing
        "mark every dossier in the filter" "đánh dấu mọi hồ sơ trong bộ lọc";
    ClearMarks "clear_marks" [&[Queue]] Mark Marks
        "clear all marks" "bỏ mọi đánh dấu";
    InvertMarks "invert_marks" [&[Queue]] Mark Nothing
        "invert the marks in the current filter" "đảo đánh dấu các hồ sơ trong bộ lọc";
    Approve "approve" [PANES] Decide Dossier
        "approve the marked dossiers, or the cursor's"
        "phê duyệt hồ sơ đã đánh dấu, hoặc ở con trỏ";
    Return "return" [PANES] Decide Dossier
        "return the marked dossiers, or the cursor's, with a reason"
        "trả hồ sơ đã đánh dấu, hoặc ở con trỏ, kèm lý do";
    ApproveWithinBudget "approve_within_budget" [&[Ranking]] Decide Nothing
        "approve every pending dossier above the cut line that passes the checklist"
        "phê duyệt mọi hồ sơ đang chờ trên ngưỡng cắt đạt kiểm tra";
    Undo "undo" [VIEWS] Decide Nothing
        "undo my last decision (a whole batch)" "hoàn tác quyết định gần nhất của tôi (cả lô)";
    Confirm "confirm" [&[Confirm, Help]] Decide Nothing "confirm" "đồng ý";
    Cancel "cancel" [&[Ranking, Summary, Input, Confirm, Help, Palette]] Decide Nothing
        "cancel, close" "hủy, đóng";
    Override "override" [&[Confirm]] Decide Nothing
        "approve the selected refused dossier anyway, with a reason"
        "vẫn duyệt hồ sơ bị từ chối đang chọn, kèm lý do";
    OverrideAll "override_all" [&[Confirm]] Decide Nothing
        "approve every refused dossier anyway, with one reason"
        "vẫn duyệt mọi hồ sơ bị từ chối, cùng một lý do";
    Assign "assign" [&[Queue]] Mark Dossier
        "assign the marked dossiers, or the cursor's, to an appraiser (empty: unassign)"
        "giao hồ sơ đã đánh dấu, hoặc ở con trỏ, cho một thẩm định viên (để trống: bỏ giao)";
    MyQueue "my_queue" [&[Queue]] Filter Nothing
        "show only the dossiers assigned to me, or every one again"
        "chỉ xem hồ sơ giao cho tôi, hoặc xem lại tất cả";
    NewNote "new_note" [PANES] Edit Dossier
        "write a note on the cursor's dossier" "viết ghi chú cho hồ sơ ở con trỏ";
    ToggleTick "toggle_tick" [&[Checklist]] Edit Dossier
        "tick or untick the manual item under the cursor"
        "tích / bỏ tích mục kiểm tra thủ công";
    ScoreUp "score_up" [&[Score]] Edit Dossier
        "one more point on the criterion" "tăng một điểm tiêu chí";
    ScoreDown "score_down" [&[Score]] Edit Dossier
        "one point less on the criterion" "giảm một điểm tiêu chí";
    ScoreEdit "score_edit" [&[Score]] Edit Dossier
        "type the points of the criterion" "nhập điểm tiêu chí";
    ScoreClear "score_clear" [&[Score]] Edit Dossier
        "make the criterion unscored again" "bỏ điểm tiêu chí (về chưa chấm)";
    EditAllocation "edit_allocation" [&[Ranking]] Edit Nothing
        "set the category's allocation (VND)" "đặt mức phân bổ của nội dung (đồng)";
    Submit "submit" [&[Input, Palette]] Edit Nothing "submit the text" "xong";
    Newline "newline" [&[Input]] Edit Nothing "new line in the text" "xuống dòng";
    Backspace "backspace" [TEXT] Edit Nothing
        "delete before the cursor" "xóa ký tự trước con trỏ";
    Delete "delete" [TEXT] Edit Nothing "delete under the cursor" "xóa ký tự tại con trỏ";
    DeleteWord "delete_word" [TEXT] Edit Nothing
        "delete the word before the cursor" "xóa từ trước con trỏ";
    DeleteToLineStart "delete_to_line_start" [TEXT] Edit Nothing
        "delete from the start of the line to the cursor" "xóa từ đầu dòng đến con trỏ";
    DeleteToLineEnd "delete_to_line_end" [TEXT] Edit Nothing
        "delete from the cursor to the end of the line" "xóa từ con trỏ đến cuối dòng";
    CursorLeft "cursor_left" [TEXT] Edit Nothing "cursor left" "con trỏ sang trái";
    CursorRight "cursor_right" [TEXT] Edit Nothing "cursor right" "con trỏ sang phải";
    WordLeft "word_left" [TEXT] Edit Nothing "cursor one word left" "lùi một từ";
    WordRight "word_right" [TEXT] Edit Nothing "cursor one word right" "tiến một từ";
    LineStart "line_start" [TEXT] Edit Nothing "cursor to the start of the line" "đầu dòng";
    LineEnd "line_end" [TEXT] Edit Nothing "cursor to the end of the line" "cuối dòng";
    NextPane "next_pane" [PANES] Views Nothing "focus the next pane" "sang khung sau";
    PrevPane "prev_pane" [PANES] Views Nothing "focus the previous pane" "về khung trước";
    ZoomPane "zoom_pane" [PANES] Views Nothing
        "full screen for the focused pane (toggle)" "phóng to / thu nhỏ khung đang chọn";
    OpenEntry "open_entry" [&[Checklist, Notes, Log]] Views Nothing
        "read in full what is under the cursor (log entry, checklist item, notes)"
        "xem toàn bộ nội dung ở con trỏ (nhật ký, mục kiểm tra, ghi chú)";
    ShowQueue "show_queue" [VIEWS] Views Nothing "queue view" "danh sách hồ sơ";
    ShowRanking "show_ranking" [VIEWS] Views Nothing
        "ranking view with the cut line" "xếp hạng và ngưỡng cắt";
    ShowLog "show_log" [VIEWS] Views Nothing "audit log view" "nhật ký mọi thao tác";
    ShowSummary "show_summary" [VIEWS] Views Nothing
        "summary view: allocation, requested, approved and within the cut line, per category and province"
        "tổng hợp: phân bổ, đề nghị, đã duyệt và trong hạn mức, theo nội dung và theo tỉnh";
    NextCategory "next_category" [&[Ranking]] Views Nothing "next category" "nội dung sau";
    PrevCategory "prev_category" [&[Ranking]] Views Nothing "previous category" "nội dung trước";
    NextPlanYear "next_plan_year" [&[Summary, Ranking]] Views Nothing "next plan year" "năm kế hoạch sau";
    PrevPlanYear "prev_plan_year" [&[Summary, Ranking]] Views Nothing
        "previous plan year" "năm kế hoạch trước";
    WriteReport "write_report" [&[Ranking, Log]] Other Nothing
        "write the appraisal report of the plan year (Word, in the current folder)"
        "viết báo cáo kết quả thẩm định của năm kế hoạch (Word, vào thư mục hiện tại)";
    WriteLetter "write_letter" [&[Ranking, Log]] Other Dossier
        "write the return letter to the province of the dossier under the cursor (Word, in the current folder)"
        "viết công văn trả hồ sơ cho tỉnh của hồ sơ ở con trỏ (Word, vào thư mục hiện tại)";
    FilterLog "filter_log" [&[Log]] Filter Nothing
        "filter the log: words (code, who, action, text), \"phrases\", -not, by:NAME a:ACTION c:"
        "lọc nhật ký: từ (mã, người, thao tác, nội dung), \"cụm từ\", -loại trừ, bởi:TÊN thaotác:… loại:";
    Help "help" [VIEWS_AND_HELP] Views Nothing "this help" "trợ giúp này"
        hint "help" "trợ giúp";
    Palette "palette" [VIEWS] Views Nothing
        "command palette: find any action by name or description, or :filter QUERY"
        "bảng lệnh: tìm mọi thao tác theo tên hoặc mô tả, hoặc :lọc <truy vấn>"
        hint "cmd" "lệnh";
    Messages "messages" [VIEWS_AND_HELP] Views Nothing
        "messages and errors so far" "các thông báo và lỗi";
    Refresh "refresh" [VIEWS] Other Nothing "reload from the database" "tải lại từ cơ sở dữ liệu";
    Suspend "suspend" [ANYWHERE] Other Nothing "suspend to the shell" "tạm dừng, về dòng lệnh";
    Quit "quit" [ANYWHERE] Other Nothing "quit" "thoát";
}

impl Action {
    /// The action bound to `name` in keymap files (`move_down`).
    pub fn from_name(name: &str) -> Option<Action> {
        BINDABLE
            .iter()
            .find(|a| a.spec().is_some_and(|s| s.name == name))
            .cloned()
    }

    /// The keymap name of a bindable action; `None` for internal ones.
    pub fn name(&self) -> Option<&'static str> {
        self.spec().map(|s| s.name)
    }

    /// The English description; empty for internal actions.
    pub fn description(&self) -> &'static str {
        self.spec().map_or("", |s| s.en)
    }

    /// The description in `lang`; empty for internal actions.
    pub fn describe(&self, lang: Lang) -> &'static str {
        self.spec().map_or("", |s| s.describe(lang))
    }

    /// True when the action does something in `mode`.
    pub fn applies(&self, mode: Mode) -> bool {
        self.spec().is_some_and(|s| s.applies(mode))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_bindable_action_is_described_with_its_serde_name() {
        let mut names = std::collections::HashSet::new();
        for a in BINDABLE {
            let s = a.spec().expect("bindable actions have a spec");
            let json = serde_json::to_string(a).unwrap();
            assert_eq!(json, format!("\"{}\"", s.name));
            let back: Action = serde_json::from_str(&json).unwrap();
            assert_eq!(&back, a);
            assert!(!s.en.is_empty() && !s.vi.is_empty(), "{}", s.name);
            assert_ne!(s.en, s.vi, "{}: not translated", s.name);
            assert!(!s.modes.is_empty(), "{}: no mode", s.name);
            assert!(!s.modes.contains(&Mode::Global), "{}", s.name);
            assert!(names.insert(s.name), "{} twice", s.name);
            assert_eq!(Action::from_name(s.name).as_ref(), Some(a));
        }
    }

    #[test]
    fn internal_actions_cannot_be_named() {
        assert!(serde_json::from_str::<Action>("\"tick\"").is_err());
        assert!(serde_json::from_str::<Action>("\"loaded\"").is_err());
        assert_eq!(Action::Tick.name(), None);
        assert_eq!(Action::ChordPause.spec(), None);
        assert_eq!(Action::from_name("tick"), None);
        assert_eq!(Action::from_name("resize"), None);
        assert_eq!(Action::from_name("chord_pause"), None);
    }

    #[test]
    fn views_do_only_what_they_can() {
        assert!(Action::Approve.applies(Mode::Queue));
        assert!(!Action::Approve.applies(Mode::Ranking));
        assert!(!Action::NewNote.applies(Mode::Log));
        assert!(!Action::NextPane.applies(Mode::Summary));
        assert!(Action::NextPlanYear.applies(Mode::Summary));
        assert!(!Action::ToggleTick.applies(Mode::Queue));
    }
}
