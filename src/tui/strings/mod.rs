//! Every text of the interface, in one table per language, so a Vietnamese
//! table can stand beside the English one. Views never hold literals.
//! Templates use `{name}` placeholders filled by [`fill`].
//! Vocabulary labels (statuses, categories…) come from their enums
//! ([`crate::domain::vocab`]); checklist texts and criterion labels from
//! `data/`. The tables themselves are in `en.rs` and `vi.rs`.

mod en;
mod vi;

pub use en::EN;
pub use vi::VI;

use crate::domain::lang::Lang;

/// The interface texts of one language.
#[derive(Debug)]
pub struct Strings {
    /// The language of this table (numbers, dates, vocabulary labels).
    pub lang: Lang,
    /// Queue pane title: `Queue {shown}/{total}`.
    pub queue_title: &'static str,
    /// Filter label "all statuses".
    /// After the filter in the queue's title when the rows are near
    /// matches (typos).
    pub fuzzy_mark: &'static str,
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
    /// A paper was written: `wrote {path}`.
    pub msg_written: &'static str,
    /// Summary title: `Summary · plan year {year} · {n} dossiers`.
    pub summary_title: &'static str,
    /// Progress gauges: decided, scored.
    pub summary_progress: [&'static str; 2],
    /// Category table headers: category, dossiers, allocation,
    /// requested, within the cut line, approved.
    pub summary_category_header: [&'static str; 6],
    /// Province table headers: province, dossiers, approved, returned,
    /// pending, within the cut line.
    pub summary_province_header: [&'static str; 6],
    /// The line of every category together.
    pub summary_total: &'static str,
    /// Key hints: older and newer plan year.
    pub hint_prev_year: &'static str,
    pub hint_next_year: &'static str,
    /// `{n} more ({key} to scroll)`: provinces below the screen.
    pub summary_more: &'static str,
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
    /// The refused, `m` of them approved as exceptions.
    pub refused_overridden: &'static str,
    /// What an approval will decide: `Will be approved ({n}):`.
    pub accepted: &'static str,
    /// The same in a return's dialog: `Will be returned ({n}):`.
    pub accepted_return: &'static str,
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
    /// Score input title: `{criterion} (0–{max})`.
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
    /// Not a number in range: `{value} is not a whole number from 0 to {max}`.
    pub bad_points: &'static str,
    /// Not an amount.
    pub bad_amount: &'static str,
    /// Mode names in the status bar.
    pub mode_queue: &'static str,
    /// Ranking mode.
    pub mode_ranking: &'static str,
    /// Log mode.
    pub mode_log: &'static str,
    /// Summary mode.
    pub mode_summary: &'static str,
    /// Filter mode.
    pub mode_filter: &'static str,
    /// Input mode.
    pub mode_input: &'static str,
    /// Confirm mode.
    pub mode_confirm: &'static str,
    /// Mode name of the command palette.
    pub mode_palette: &'static str,
    /// Help mode.
    pub mode_help: &'static str,
    /// The messages overlay.
    pub mode_messages: &'static str,
    /// A text read in full (a note, a log entry, a checklist item).
    pub mode_reading: &'static str,
    /// The queue's detail pane focused.
    pub mode_detail: &'static str,
    /// The checklist pane focused.
    pub mode_checklist: &'static str,
    /// The score card focused.
    pub mode_score: &'static str,
    /// The notes pane focused.
    pub mode_notes: &'static str,
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
    /// `{n}`, `{name}`: dossiers assigned.
    pub msg_assigned: &'static str,
    /// `{n}`: dossiers unassigned.
    pub msg_unassigned: &'static str,
    /// The assignment input's title.
    pub assign_prompt: &'static str,
    /// `{name}`: the queue opened on my assignments.
    pub msg_my_queue: &'static str,
    /// `{names}`, `{code}`: others have the dossier I open in a pane.
    pub msg_others_open: &'static str,
    /// `{names}`, `{code}`, `{pane}`: others are in that pane of it.
    pub msg_others_editing: &'static str,
    /// `{names}`: in the detail title, who else has it open.
    pub here: &'static str,
    /// Score pane: `{mine}`: my total (or –).
    pub score_mine: &'static str,
    /// Score pane: `{spread}`: highest minus lowest total.
    pub score_spread: &'static str,
    /// Score pane: the spread is above the council's threshold.
    pub score_disputed: &'static str,
    /// The panes named in `msg_others_editing`.
    pub pane_checklist: &'static str,
    pub pane_score: &'static str,
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
    /// A broken user keymap: `{error}`, the shipped keys kept.
    pub msg_keymap_broken: &'static str,
    /// Why an action does nothing here: `only in {modes}`.
    pub reason_mode: &'static str,
    /// Nothing is marked.
    pub reason_marks: &'static str,
    /// next_match without a filter.
    pub msg_no_filter: &'static str,
    /// Which match: `match {i}/{n}`.
    pub msg_match: &'static str,
    /// Palette title: `Commands · {mode}`.
    pub palette_title: &'static str,
    /// No action matches the palette query.
    pub palette_none: &'static str,
    /// The palette runs a filter: `filter the queue: {query}`.
    pub palette_filter: &'static str,
    /// What the palette asks for.
    pub palette_prompt: &'static str,
    /// The help filter, empty.
    pub help_filter_hint: &'static str,
    /// The title of a filter's whole error.
    pub filter_error_title: &'static str,
    /// After a decision: `{n}` dossiers still marked, not decided.
    pub msg_left_marked: &'static str,
    /// The score card has no room for `{n}` criteria.
    pub more_criteria: &'static str,
    /// The help's filter matches no key.
    pub help_none: &'static str,
    /// Run the palette entry.
    pub hint_run: &'static str,
}

impl Strings {
    /// The name of a keymap mode as a person reads it (help titles).
    pub fn mode_label(&self, mode: crate::tui::keymap::Mode) -> &'static str {
        use crate::tui::keymap::Mode;
        let l = self.lang;
        match mode {
            Mode::Global => l.pick("every view", "mọi màn hình"),
            Mode::Queue => l.pick("the queue", "danh sách hồ sơ"),
            Mode::Detail => l.pick("the detail pane", "khung chi tiết"),
            Mode::Checklist => l.pick("the checklist", "danh mục kiểm tra"),
            Mode::Score => l.pick("the score card", "phiếu chấm điểm"),
            Mode::Notes => l.pick("the notes", "ghi chú"),
            Mode::Ranking => l.pick("the ranking", "xếp hạng"),
            Mode::Log => l.pick("the audit log", "nhật ký"),
            Mode::Summary => l.pick("the summary", "tổng hợp"),
            Mode::Input => l.pick("text input", "ô nhập"),
            Mode::Confirm => l.pick("a confirmation", "hộp xác nhận"),
            Mode::Palette => l.pick("the command palette", "bảng lệnh"),
            Mode::Help => l.pick("help", "trợ giúp"),
        }
    }

    /// The description of an action in this language.
    pub fn describe(&self, action: &crate::tui::action::Action) -> &'static str {
        action.describe(self.lang)
    }
}

/// The table for a language tag (`vi`, `vi_VN.UTF-8`, `en`…): Vietnamese
/// for `vi*`, else English.
pub fn for_lang(tag: &str) -> &'static Strings {
    of(Lang::from_tag(tag))
}

/// The table of a language.
pub fn of(lang: Lang) -> &'static Strings {
    match lang {
        Lang::En => &EN,
        Lang::Vi => &VI,
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
            (EN.summary_title, VI.summary_title),
            (EN.summary_more, VI.summary_more),
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
    fn fill_replaces_every_placeholder() {
        assert_eq!(
            fill(EN.queue_title, &[("shown", "37"), ("total", "250")]),
            "Queue 37/250"
        );
        assert_eq!(fill(EN.marked, &[("n", "2")]), "2 marked");
    }
}
