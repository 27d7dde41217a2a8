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

/// The language of a workbook's headers and labels: the one language
/// type of the program.
pub use crate::domain::lang::Lang;

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

/// A decision as the audit trail names it (`approve`, `return`).
pub fn decision(action: &str, lang: Lang) -> String {
    match (action, lang) {
        ("approve", Lang::Vi) => "thông qua".into(),
        ("return", Lang::Vi) => "trả lại".into(),
        (other, _) => other.into(),
    }
}

/// Yes or no.
pub fn yes_no(b: bool, lang: Lang) -> &'static str {
    match (b, lang) {
        (true, Lang::Vi) => "có",
        (false, Lang::Vi) => "không",
        (true, Lang::En) => "yes",
        (false, Lang::En) => "no",
    }
}

/// A category's name as a sheet name (at most 31 characters).
pub fn category_sheet(c: crate::domain::Category, lang: Lang) -> &'static str {
    use crate::domain::Category as C;
    match (c, lang) {
        (C::DemonstrationModel, Lang::Vi) => "Mô hình trình diễn",
        (C::Machinery, Lang::Vi) => "Máy móc thiết bị",
        (C::PollutionTreatment, Lang::Vi) => "Xử lý ô nhiễm",
        (C::TypicalProduct, Lang::Vi) => "Sản phẩm tiêu biểu",
        (C::Training, Lang::Vi) => "Đào tạo nghề",
        (C::Consulting, Lang::Vi) => "Tư vấn",
        (c, Lang::En) => c.id(),
    }
}
