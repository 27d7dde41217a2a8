//! Why the program refuses what a user asked, as data: each refusal names
//! what it is about (codes, items, figures) and is written in the user's
//! language when shown ([`Refusal::message`]). The store and the
//! operations return these; the CLI and the TUI write them.

use crate::domain::category::Category;
use crate::domain::lang::Lang;
use crate::domain::money::Vnd;
use crate::domain::status::Status;

/// A label in both languages (a checklist item's, a criterion's).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Label {
    pub en: String,
    pub vi: String,
}

impl Label {
    pub fn new(en: impl Into<String>, vi: impl Into<String>) -> Label {
        Label {
            en: en.into(),
            vi: vi.into(),
        }
    }

    fn pick(&self, lang: Lang) -> &str {
        lang.pick(&self.en, &self.vi)
    }
}

/// Which text a length limit refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TextKind {
    Note,
    Reason,
}

/// A refusal of something asked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Refusal {
    /// A decision on no dossier.
    NothingToDecide,
    /// An override without its reason (of one dossier, or of a batch).
    OverrideNeedsReason { code: Option<String> },
    /// A return without its reason.
    ReturnNeedsReason,
    /// An empty note.
    EmptyNote { code: Option<String> },
    /// A note or reason over the length limit.
    TooLong {
        code: String,
        what: TextKind,
        kb: usize,
        limit_kb: usize,
    },
    /// A negative allocation.
    NegativeAllocation { vnd: Vnd },
    /// An allocation without a plan year to store it for.
    NoPlanYear,
    /// Undo with no decision of mine.
    NothingToUndo { user: String },
    /// Undo of a dossier decided again since.
    DecidedAgain {
        code: String,
        by: String,
        at: String,
    },
    /// Undo of a dossier whose status changed since (status ids).
    StatusChanged {
        code: String,
        now: String,
        expected: String,
    },
    /// Undo of a dossier someone else has ticked or scored since (`action`
    /// is the audit's: `tick`, `untick`, `score`, `unscore`; `what` its
    /// detail: the item, or `necessity = 18`).
    WorkedOnSince {
        code: String,
        by: String,
        action: String,
        what: String,
        at: String,
    },
    /// The undo confirmed is no longer my last decision.
    UndoMoved { expected: i64, now: i64 },
    /// A tick of an automatic item.
    AutomaticItem { item: Label },
    /// A tick of an item the category does not have.
    NotAManualItem {
        code: String,
        item: String,
        category: Category,
        /// The manual items: English lists their ids, Vietnamese their
        /// labels (`Label::en` holds the id).
        items: Vec<Label>,
    },
    /// Points that are not a whole number.
    NotWholePoints {
        code: String,
        criterion: Label,
        points: String,
    },
    /// Points outside `0..=max`.
    PointsOutOfRange {
        code: String,
        criterion: Label,
        points: i64,
        max: u32,
    },
    /// Letters asked for a path that is not a folder.
    NotAFolder { path: String },
    /// A province's letter when it has no returned dossier.
    NoLetter { province: String },
    /// A report of an empty database.
    NothingToReport,
    /// A criterion the category does not have.
    UnknownCriterion {
        code: String,
        criterion: String,
        category: Category,
        /// The criteria: English lists their ids, Vietnamese their labels
        /// (`Label::en` holds the id).
        known: Vec<Label>,
    },
}

impl Refusal {
    /// The refusal written in `lang`.
    pub fn message(&self, lang: Lang) -> String {
        let vi = lang == Lang::Vi;
        let pre = |code: &Option<String>| code.as_ref().map_or(String::new(), |c| format!("{c}: "));
        match self {
            Refusal::NothingToDecide => lang
                .pick("nothing to decide", "không có hồ sơ nào để quyết định")
                .into(),
            Refusal::OverrideNeedsReason { code } => format!(
                "{}{}",
                pre(code),
                lang.pick("an override needs a reason", "duyệt ngoại lệ phải có lý do")
            ),
            Refusal::ReturnNeedsReason => lang
                .pick("a return needs a reason", "trả hồ sơ phải có lý do")
                .into(),
            Refusal::EmptyNote { code } => format!(
                "{}{}",
                pre(code),
                lang.pick("a note cannot be empty", "ghi chú không được để trống")
            ),
            Refusal::TooLong {
                code,
                what,
                kb,
                limit_kb,
            } => {
                let what = match (what, vi) {
                    (TextKind::Note, false) => "the note",
                    (TextKind::Note, true) => "ghi chú",
                    (TextKind::Reason, false) => "the reason",
                    (TextKind::Reason, true) => "lý do",
                };
                if vi {
                    format!(
                        "{code}: {what} dài {kb} KB; tối đa {limit_kb} KB (văn bản dài hãy để trong tài liệu và ghi chú nơi lưu)"
                    )
                } else {
                    format!(
                        "{code}: {what} is {kb} KB; the limit is {limit_kb} KB (put long texts in a document and note where it is)"
                    )
                }
            }
            Refusal::NegativeAllocation { vnd } => format!(
                "{}: {}",
                lang.pick("an allocation cannot be negative", "phân bổ không được âm"),
                lang.full(*vnd)
            ),
            Refusal::NoPlanYear => lang
                .pick(
                    "no dossier in the database gives a plan year; say which one (--plan-year)",
                    "chưa có hồ sơ nào cho biết năm kế hoạch; hãy nêu năm (--plan-year)",
                )
                .into(),
            Refusal::NothingToUndo { user } => {
                if vi {
                    format!("{user} chưa có quyết định nào để hoàn tác")
                } else {
                    format!("{user} has no decision to undo")
                }
            }
            Refusal::DecidedAgain { code, by, at } => {
                let at = lang.datetime(at);
                if vi {
                    format!("không hoàn tác được: {code} đã được {by} quyết định lại lúc {at}")
                } else {
                    format!("cannot undo: {code} was decided again by {by} at {at}")
                }
            }
            Refusal::StatusChanged {
                code,
                now,
                expected,
            } => {
                let label = |s: &str| {
                    Status::from_id(s).map_or(s.to_string(), |x| x.label(lang).to_string())
                };
                let (now, expected) = (label(now), label(expected));
                if vi {
                    format!("không hoàn tác được: {code} nay là {now}, không còn là {expected}")
                } else {
                    format!("cannot undo: {code} is {now} now, not {expected}")
                }
            }
            Refusal::WorkedOnSince {
                code,
                by,
                action,
                what,
                at,
            } => {
                let at = lang.datetime(at);
                let verb = match (action.as_str(), vi) {
                    ("tick", false) => "ticked",
                    ("untick", false) => "unticked",
                    ("score", false) => "scored",
                    ("unscore", false) => "cleared the score of",
                    ("tick", true) => "đã tích",
                    ("untick", true) => "đã bỏ tích",
                    ("score", true) => "đã chấm",
                    ("unscore", true) => "đã xóa điểm",
                    (other, _) => other,
                };
                if vi {
                    format!(
                        "không hoàn tác được: {by} {verb} {what} của {code} lúc {at}, sau quyết định này"
                    )
                } else {
                    format!(
                        "cannot undo: {by} {verb} {what} on {code} at {at}, after this decision"
                    )
                }
            }
            Refusal::UndoMoved { expected, now } => {
                if vi {
                    format!(
                        "không hoàn tác được: quyết định cuối của bạn không còn là lô {expected} (nay là lô {now}); hãy xem lại"
                    )
                } else {
                    format!(
                        "cannot undo: your last decision is no longer batch {expected} (now batch {now}); look again"
                    )
                }
            }
            Refusal::AutomaticItem { item } => {
                let item = item.pick(lang);
                if vi {
                    format!(
                        "{item} được kiểm tra tự động từ số liệu của hồ sơ; không tích tay được"
                    )
                } else {
                    format!(
                        "{item} is checked automatically from the dossier's data; it cannot be ticked"
                    )
                }
            }
            Refusal::NotAManualItem {
                code,
                item,
                category,
                items,
            } => {
                let items: Vec<&str> = items.iter().map(|l| lang.pick(&l.en, &l.vi)).collect();
                // Labels may hold commas: Vietnamese lists them with `;`.
                let (cat, items) = (category.label(lang), items.join(lang.pick(", ", "; ")));
                if vi {
                    format!(
                        "{code}: {item:?} không phải mục kiểm tra thủ công của {cat} (các mục: {items})"
                    )
                } else {
                    format!(
                        "{code}: {item:?} is not a manual checklist item of {cat} (items: {items})"
                    )
                }
            }
            Refusal::NotWholePoints {
                code,
                criterion,
                points,
            } => {
                let c = criterion.pick(lang);
                if vi {
                    format!("{code}: {c}: {points:?} không phải số điểm nguyên")
                } else {
                    format!("{code}: {c}: {points:?} is not a whole number of points")
                }
            }
            Refusal::PointsOutOfRange {
                code,
                criterion,
                points,
                max,
            } => {
                let c = criterion.pick(lang);
                if vi {
                    format!("{code}: {c}: {points} nằm ngoài khoảng từ 0 đến {max}")
                } else {
                    format!("{code}: {c}: {points} is out of range (0 to {max})")
                }
            }
            Refusal::NotAFolder { path } => {
                if vi {
                    format!("{path}: không phải thư mục (hãy tạo trước)")
                } else {
                    format!("{path}: not a folder (create it first)")
                }
            }
            Refusal::NoLetter { province } => {
                if vi {
                    format!(
                        "{province}: không có hồ sơ bị trả trong năm kế hoạch này, không có công văn để viết"
                    )
                } else {
                    format!("{province}: no returned dossier in this plan year, no letter to write")
                }
            }
            Refusal::NothingToReport => lang
                .pick(
                    "the database holds no dossier: no report to write",
                    "cơ sở dữ liệu chưa có hồ sơ nào: không có báo cáo để viết",
                )
                .into(),
            Refusal::UnknownCriterion {
                code,
                criterion,
                category,
                known,
            } => {
                let known: Vec<&str> = known.iter().map(|l| lang.pick(&l.en, &l.vi)).collect();
                let (cat, known) = (category.label(lang), known.join(lang.pick(", ", "; ")));
                if vi {
                    format!("{code}: không có tiêu chí {criterion:?} cho {cat} (có: {known})")
                } else {
                    format!("{code}: unknown criterion {criterion:?} for {cat} (known: {known})")
                }
            }
        }
    }
}

impl std::fmt::Display for Refusal {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message(Lang::En))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn samples() -> Vec<Refusal> {
        let c = || Some("KC24-GL-007".to_string());
        let lbl = || Label::new("Necessity", "Sự cần thiết");
        vec![
            Refusal::NothingToDecide,
            Refusal::OverrideNeedsReason { code: c() },
            Refusal::ReturnNeedsReason,
            Refusal::EmptyNote { code: c() },
            Refusal::TooLong {
                code: "KC24-GL-007".into(),
                what: TextKind::Note,
                kb: 70,
                limit_kb: 64,
            },
            Refusal::NegativeAllocation {
                vnd: Vnd(-1_500_000_000),
            },
            Refusal::NoPlanYear,
            Refusal::NothingToUndo {
                user: "minh".into(),
            },
            Refusal::DecidedAgain {
                code: "KC24-GL-007".into(),
                by: "lan".into(),
                at: "2023-11-15T09:30:00+07:00".into(),
            },
            Refusal::StatusChanged {
                code: "KC24-GL-007".into(),
                now: "returned".into(),
                expected: "approved".into(),
            },
            Refusal::UndoMoved {
                expected: 3,
                now: 4,
            },
            Refusal::AutomaticItem {
                item: Label::new("On time", "Đúng hạn"),
            },
            Refusal::NotAManualItem {
                code: "KC24-GL-007".into(),
                item: "fly".into(),
                category: Category::Machinery,
                items: vec![Label::new("new_advanced", "Máy móc tiên tiến")],
            },
            Refusal::NotWholePoints {
                code: "KC24-GL-007".into(),
                criterion: lbl(),
                points: "mười".into(),
            },
            Refusal::PointsOutOfRange {
                code: "KC24-GL-007".into(),
                criterion: lbl(),
                points: 99,
                max: 20,
            },
            Refusal::UnknownCriterion {
                code: "KC24-GL-007".into(),
                criterion: "luck".into(),
                category: Category::Machinery,
                known: vec![Label::new("necessity", "Sự cần thiết")],
            },
            Refusal::NotAFolder {
                path: "/tmp/thư".into(),
            },
            Refusal::NoLetter {
                province: "Gia Lai".into(),
            },
            Refusal::NothingToReport,
        ]
    }

    #[test]
    fn every_refusal_is_written_in_both_languages() {
        for r in samples() {
            let (en, vi) = (r.message(Lang::En), r.message(Lang::Vi));
            assert!(!en.is_empty() && !vi.is_empty(), "{r:?}");
            assert_ne!(en, vi, "{r:?} has no Vietnamese text");
            assert_eq!(r.to_string(), en);
        }
        let undo = &samples()[8];
        assert_eq!(
            undo.message(Lang::Vi),
            "không hoàn tác được: KC24-GL-007 đã được lan quyết định lại lúc 15/11/2023 09:30"
        );
        assert_eq!(
            samples()[14].message(Lang::Vi),
            "KC24-GL-007: Sự cần thiết: 99 nằm ngoài khoảng từ 0 đến 20"
        );
        assert_eq!(
            samples()[5].message(Lang::Vi),
            "phân bổ không được âm: -1.500.000.000 đ"
        );
        assert_eq!(
            samples()[9].message(Lang::En),
            "cannot undo: KC24-GL-007 is returned now, not approved"
        );
    }
}
