//! A dossier's decision status, and the decisions that change it.

crate::vocabulary! {
    /// A dossier's decision status.
    #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
    pub enum Status {
        Pending = "pending", "pending", "chờ thẩm định";
        Approved = "approved", "approved", "đã phê duyệt";
        Returned = "returned", "returned", "đã trả lại";
    }
}

crate::vocabulary! {
    /// A decision an appraiser takes on a dossier.
    #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
    pub enum Decision {
        Approve = "approve", "approve", "phê duyệt";
        Return = "return", "return", "trả lại";
    }
}

impl Decision {
    /// The status a dossier has after this decision.
    pub fn target(self) -> Status {
        match self {
            Decision::Approve => Status::Approved,
            Decision::Return => Status::Returned,
        }
    }
}
