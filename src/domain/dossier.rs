//! A dossier exactly as `dossier-format.md` describes it, after import:
//! text NFC-normalised and neutralised, money in whole đồng, dates parsed,
//! the category resolved. Unknown keys are kept in `extra`.
//!
//! The serde form of [`Dossier`] is the canonical stored form (the store
//! keeps it per revision beside the original record) and what
//! `show --format json` prints: the fields as imported.

use crate::domain::category::Category;
use crate::domain::money::Vnd;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use serde_json::Value;
use std::collections::BTreeMap;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Dossier {
    pub code: String,
    pub plan_year: i32,
    pub province: String,
    pub category: Category,
    #[serde(default)]
    pub project_type: ProjectType,
    pub title: String,
    pub implementing_unit: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub beneficiary: Option<Beneficiary>,
    /// The establishments of a group project, each with its own share
    /// (caps apply per establishment). Never given with `beneficiary`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub beneficiaries: Vec<Establishment>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub priority_area: Option<PriorityArea>,
    pub submitted_on: NaiveDate,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub start: Option<NaiveDate>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub end: Option<NaiveDate>,
    pub budget: Budget,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub documents: Vec<Document>,
    #[serde(default, skip_serializing_if = "Details::is_empty")]
    pub details: Details,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub summary: Option<String>,
    /// Keys the format does not know, kept as they came (text cleaned).
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub extra: BTreeMap<String, Value>,
}

crate::vocabulary! {
    #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
    pub enum ProjectType {
        Pilot = "pilot", "pilot project", "đề án điểm";
        Group = "group", "group project", "đề án nhóm";
        #[default]
        Named = "named", "named beneficiary", "đối tượng cụ thể";
    }
}

crate::vocabulary! {
    #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
    pub enum PriorityArea {
        HighlandBorderIslandEthnic = "highland_border_island_ethnic", "highland, border, island or ethnic-minority area", "miền núi, biên giới, hải đảo, vùng đồng bào DTTS";
        PoorDistrict30a = "poor_district_30a", "poor district (Resolution 30a)", "huyện nghèo (Nghị quyết 30a)";
        NewRuralCommune = "new_rural_commune", "new-rural commune", "xã nông thôn mới";
        DifficultArea = "difficult_area", "other difficult area", "địa bàn khó khăn khác";
    }
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Beneficiary {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kind: Option<BeneficiaryKind>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub district: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub commune: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub workers: Option<u32>,
}

/// One establishment of `beneficiaries`: who it is, its share of the
/// budget, and (machinery) its equipment.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Establishment {
    #[serde(flatten)]
    pub who: Beneficiary,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub total_vnd: Option<Vnd>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub national_vnd: Option<Vnd>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub equipment: Vec<Equipment>,
}

crate::vocabulary! {
    #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
    pub enum BeneficiaryKind {
        Enterprise = "enterprise", "enterprise", "doanh nghiệp";
        Cooperative = "cooperative", "cooperative", "hợp tác xã";
        CoopGroup = "coop_group", "cooperative group", "tổ hợp tác";
        Household = "household", "household business", "hộ kinh doanh";
    }
}

/// The budget split. `national_vnd` is required by the format; the others
/// may be missing (the checks that need them then say `unknown`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Budget {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub total_vnd: Option<Vnd>,
    pub national_vnd: Vnd,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub local_vnd: Option<Vnd>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub counterpart_vnd: Option<Vnd>,
}

crate::vocabulary! {
    #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
    pub enum DocKind {
        CoverLetter = "cover_letter", "cover letter", "công văn đề nghị";
        Proposal = "proposal", "proposal", "đề án";
        CostEstimate = "cost_estimate", "cost estimate", "dự toán";
        SupportRequest = "support_request", "support request", "đơn đề nghị hỗ trợ";
        ProvinceAppraisal = "province_appraisal", "province appraisal (4a/4b)", "phiếu thẩm định cấp tỉnh (4a/4b)";
        CounterpartCommitment = "counterpart_commitment", "counterpart commitment", "cam kết vốn đối ứng";
        NoDoubleFunding = "no_double_funding", "no double funding commitment", "cam kết không trùng nguồn NSNN";
        Quotation = "quotation", "quotation", "báo giá";
        ProductCertificate = "product_certificate", "product certificate", "giấy chứng nhận SPCNNT tiêu biểu";
        ProductPhotos = "product_photos", "product photos", "ảnh sản phẩm";
        ClusterLegal = "cluster_legal", "cluster legal papers", "hồ sơ pháp lý CCN";
        Curriculum = "curriculum", "curriculum", "chương trình đào tạo";
        TraineePlan = "trainee_plan", "trainee plan", "kế hoạch học viên";
        BusinessRegistration = "business_registration", "business registration", "giấy đăng ký kinh doanh";
        FinancialReport = "financial_report", "financial report", "báo cáo tài chính";
        Other = "other", "other document", "tài liệu khác";
    }
}

impl DocKind {
    /// Papers that stay at the province and must not be sent on.
    pub fn is_kept_at_province(self) -> bool {
        matches!(
            self,
            DocKind::BusinessRegistration | DocKind::FinancialReport
        )
    }
}

crate::vocabulary! {
    #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
    pub enum CertLevel {
        Provincial = "provincial", "provincial", "cấp tỉnh";
        Regional = "regional", "regional", "cấp khu vực";
        National = "national", "national", "cấp quốc gia";
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Document {
    pub kind: DocKind,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pages: Option<u32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub level: Option<CertLevel>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub valid_until: Option<NaiveDate>,
    /// The kind as written when it was not a known kind (kept as `other`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub original_kind: Option<String>,
}

impl Document {
    pub fn of_kind(kind: DocKind) -> Document {
        Document {
            kind,
            title: None,
            pages: None,
            level: None,
            valid_until: None,
            original_kind: None,
        }
    }
}

/// Category-specific facts; every field optional. One flat struct: a
/// province may fill facts of another category, and they are kept.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Details {
    // machinery
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub equipment: Vec<Equipment>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub technology_line: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cleaner_production: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub energy_saving: Option<bool>,
    // demonstration_model
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub technology: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub new_in_district: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sector: Option<String>,
    /// `new_technology` (the default when absent) or `replication`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub model_kind: Option<ModelKind>,
    // pollution_treatment
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub subtype: Option<PollutionSubtype>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cluster: Option<Cluster>,
    // typical_product
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub product: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub certificate: Option<Certificate>,
    // training
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub trainees: Option<u32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub occupation: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub traditional_craft: Option<bool>,
    // consulting
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub topics: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub digital_transformation: Option<bool>,
    /// Detail keys the format does not know, kept as they came.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub extra: BTreeMap<String, Value>,
}

impl Details {
    pub fn is_empty(&self) -> bool {
        *self == Details::default()
    }
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Equipment {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub quantity: Option<u32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unit_price_vnd: Option<Vnd>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub year: Option<i32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub origin: Option<String>,
}

crate::vocabulary! {
    /// A demonstration model of a new technology, or one replicating an
    /// existing model (each with its own cap).
    #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
    pub enum ModelKind {
        NewTechnology = "new_technology", "new technology", "công nghệ mới";
        Replication = "replication", "replication of a model", "nhân rộng mô hình";
    }
}

crate::vocabulary! {
    #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
    pub enum PollutionSubtype {
        EstablishmentTreatment = "establishment_treatment", "treatment at an establishment", "xử lý tại cơ sở";
        ClusterTreatment = "cluster_treatment", "cluster treatment", "xử lý tại cụm công nghiệp";
        ClusterPlanning = "cluster_planning", "cluster planning", "quy hoạch chi tiết CCN";
        CleanerProductionPilot = "cleaner_production_pilot", "cleaner-production pilot", "thí điểm sản xuất sạch hơn";
    }
}

impl PollutionSubtype {
    /// Cluster projects: the investor must finish within the plan year and
    /// the cluster's legal papers must be complete.
    pub fn is_cluster(self) -> bool {
        matches!(
            self,
            PollutionSubtype::ClusterTreatment | PollutionSubtype::ClusterPlanning
        )
    }
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Cluster {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub legal_complete: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub investor: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub expected_completion: Option<NaiveDate>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Certificate {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub level: Option<CertLevel>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub number: Option<String>,
    /// The day of issue: with no `valid_until`, validity follows the rule
    /// set (31 December of the fourth year counted from the year of issue).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub issued_on: Option<NaiveDate>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub valid_until: Option<NaiveDate>,
}

impl Dossier {
    pub fn has_document(&self, kind: DocKind) -> bool {
        self.documents.iter().any(|d| d.kind == kind)
    }

    pub fn beneficiary_name(&self) -> Option<&str> {
        self.beneficiary.as_ref().and_then(|b| b.name.as_deref())
    }

    /// Every beneficiary the dossier names: the one `beneficiary`, or
    /// each establishment of `beneficiaries`.
    pub fn all_beneficiaries(&self) -> Vec<&Beneficiary> {
        match &self.beneficiary {
            Some(b) => vec![b],
            None => self.beneficiaries.iter().map(|e| &e.who).collect(),
        }
    }

    /// The beneficiary's name, or the names of the establishments joined
    /// by `; ` (what the queue shows and the search looks in).
    pub fn beneficiary_names(&self) -> Option<String> {
        let names: Vec<&str> = self
            .all_beneficiaries()
            .into_iter()
            .filter_map(|b| b.name.as_deref())
            .collect();
        (!names.is_empty()).then(|| names.join("; "))
    }

    /// The demonstration model's kind (`new_technology` when not given).
    pub fn model_kind(&self) -> ModelKind {
        self.details.model_kind.unwrap_or(ModelKind::NewTechnology)
    }

    /// The text the fuzzy search looks in: code, title, beneficiary, province.
    pub fn search_text(&self) -> String {
        let mut s = String::with_capacity(self.code.len() + self.title.len() + 64);
        s.push_str(&self.code);
        s.push(' ');
        s.push_str(&self.title);
        if let Some(b) = self.beneficiary_names() {
            s.push(' ');
            s.push_str(&b);
        }
        s.push(' ');
        s.push_str(&self.province);
        s
    }

    /// The canonical JSON of this dossier (keys sorted): what is compared to
    /// tell `unchanged` from a new revision.
    pub fn canonical_json(&self) -> String {
        // Serialising plain data into a Value cannot fail.
        let v = serde_json::to_value(self).unwrap_or(Value::Null);
        // `to_string` writes bytes straight into a buffer; `Display` (the
        // same compact text) goes through the formatting machinery.
        serde_json::to_string(&v).unwrap_or_default()
    }
}

#[cfg(test)]
pub(crate) mod fixtures {
    use super::*;

    /// A plain, valid machinery dossier for tests.
    pub fn machinery() -> Dossier {
        Dossier {
            code: "KC24-GL-007".into(),
            plan_year: 2024,
            province: "Gia Lai".into(),
            category: Category::Machinery,
            project_type: ProjectType::Named,
            title: "Hỗ trợ ứng dụng máy sấy cà phê tiên tiến".into(),
            implementing_unit: "Trung tâm Khuyến công Gia Lai".into(),
            beneficiary: Some(Beneficiary {
                name: Some("HTX Cà phê Ia Grai".into()),
                kind: Some(BeneficiaryKind::Cooperative),
                district: Some("Ia Grai".into()),
                commune: Some("Ia Dêr".into()),
                workers: Some(42),
            }),
            beneficiaries: Vec::new(),
            priority_area: None,
            submitted_on: NaiveDate::from_ymd_opt(2023, 9, 28).unwrap(),
            start: NaiveDate::from_ymd_opt(2024, 3, 1),
            end: NaiveDate::from_ymd_opt(2024, 11, 30),
            budget: Budget {
                total_vnd: Some(Vnd(650_000_000)),
                national_vnd: Vnd(300_000_000),
                local_vnd: Some(Vnd(0)),
                counterpart_vnd: Some(Vnd(350_000_000)),
            },
            documents: [
                DocKind::CoverLetter,
                DocKind::Proposal,
                DocKind::CostEstimate,
                DocKind::SupportRequest,
                DocKind::ProvinceAppraisal,
                DocKind::CounterpartCommitment,
                DocKind::NoDoubleFunding,
                DocKind::Quotation,
            ]
            .into_iter()
            .map(Document::of_kind)
            .collect(),
            details: Details {
                technology_line: Some(false),
                energy_saving: Some(true),
                ..Details::default()
            },
            summary: Some("Máy sấy cà phê công suất 5 tấn/mẻ.".into()),
            extra: BTreeMap::new(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn canonical_json_round_trips() {
        let d = fixtures::machinery();
        let back: Dossier = serde_json::from_str(&d.canonical_json()).unwrap();
        assert_eq!(back, d);
        assert!(d.canonical_json().contains("\"national_vnd\":300000000"));
        assert!(
            d.canonical_json()
                .contains("\"submitted_on\":\"2023-09-28\"")
        );
    }
}
