//! Labels of vocabulary values (status, project type, beneficiary kind)
//! as workbooks show them, Vietnamese or English.
//!
//! The one seam: the language issue brings the vocabularies' labels to
//! `domain`; switch these functions to them then, and every workbook
//! (template, export) follows. Category names already come from
//! `data/categories.toml` (`Rules::category(c).name_vi`). The Vietnamese
//! labels of project types and beneficiary kinds are spellings the importer
//! reads back (`import::convert`), so a template filled in with them goes in.

use crate::domain::Status;
use crate::domain::dossier::{BeneficiaryKind, ProjectType};

/// The language of a workbook's headers and labels.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Lang {
    #[default]
    Vi,
    En,
}

pub fn status(s: Status, lang: Lang) -> &'static str {
    match (s, lang) {
        (Status::Pending, Lang::Vi) => "Chờ thẩm định",
        (Status::Approved, Lang::Vi) => "Đã thông qua",
        (Status::Returned, Lang::Vi) => "Trả lại",
        (Status::Pending, Lang::En) => "pending",
        (Status::Approved, Lang::En) => "approved",
        (Status::Returned, Lang::En) => "returned",
    }
}

pub fn project_type(p: ProjectType, lang: Lang) -> &'static str {
    match (p, lang) {
        (ProjectType::Pilot, Lang::Vi) => "đề án điểm",
        (ProjectType::Group, Lang::Vi) => "đề án nhóm",
        (ProjectType::Named, Lang::Vi) => "đề án cụ thể",
        (p, Lang::En) => p.id(),
    }
}

pub fn beneficiary_kind(k: BeneficiaryKind, lang: Lang) -> &'static str {
    match (k, lang) {
        (BeneficiaryKind::Enterprise, Lang::Vi) => "doanh nghiệp",
        (BeneficiaryKind::Cooperative, Lang::Vi) => "hợp tác xã",
        (BeneficiaryKind::CoopGroup, Lang::Vi) => "tổ hợp tác",
        (BeneficiaryKind::Household, Lang::Vi) => "hộ kinh doanh",
        (k, Lang::En) => k.id(),
    }
}
