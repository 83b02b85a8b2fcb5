//! A form as read: typed values, each with the cell it came from.
//!
//! `extract` builds a [`Form`] from a sheet's cells; `scoring` and `check`
//! read it. A value the reader could not interpret is absent here and a
//! finding says why; an empty cell is absent too ("not given", not 0).

use crate::cells::Addr;
use crate::findings::Finding;
use indexmap::IndexMap;
use rust_decimal::Decimal;
use std::fmt;

/// Where a value came from: sheet and cell.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Loc {
    pub sheet: String,
    pub addr: Addr,
}

impl Loc {
    pub fn new(sheet: &str, addr: Addr) -> Loc {
        Loc {
            sheet: sheet.to_string(),
            addr,
        }
    }
}

impl fmt::Display for Loc {
    /// `'Tự đánh giá'!F9`, as Excel writes a reference to another sheet.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "'{}'!{}", self.sheet.replace('\'', "''"), self.addr)
    }
}

/// A value and the cell it was read from.
#[derive(Debug, Clone, PartialEq)]
pub struct Located<T> {
    pub value: T,
    pub loc: Loc,
}

impl<T> Located<T> {
    pub fn new(value: T, loc: Loc) -> Located<T> {
        Located { value, loc }
    }
}

/// Evidence given for one criterion ("Số liệu").
#[derive(Debug, Clone, PartialEq)]
pub enum Evidence {
    /// Có / Không.
    YesNo(bool),
    /// A count (members, lacking resources, units shared with). Kept as
    /// typed so that a negative or fractional count can be reported.
    Count(Decimal),
}

/// One row of the rubric table as the unit filled it.
#[derive(Debug, Clone, PartialEq)]
pub struct Entry {
    /// The rubric id this row was matched to.
    pub id: String,
    /// The cell holding the criterion text.
    pub label: Loc,
    /// "Điểm tự chấm".
    pub self_score: Option<Located<Decimal>>,
    /// The cell where the self-score belongs, even when it is empty.
    pub self_cell: Option<Loc>,
    /// "Điểm số tối đa" as written, if the table has that column.
    pub written_max: Option<Located<Decimal>>,
    /// "Số liệu".
    pub evidence: Option<Located<Evidence>>,
    /// "Tỷ lệ", in percentage points (95 for 95 %).
    pub percent: Option<Located<Decimal>>,
}

impl Entry {
    pub fn new(id: &str, label: Loc) -> Entry {
        Entry {
            id: id.to_string(),
            label,
            self_score: None,
            self_cell: None,
            written_max: None,
            evidence: None,
            percent: None,
        }
    }
}

/// The Phụ lục 1 figures (study-promotion report), all whole numbers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Pl1Field {
    /// Tổng số CB CC-VC – người lao động.
    Staff,
    /// Tổng số hội viên năm trước.
    MembersLastYear,
    /// Tổng số hội viên năm nay.
    Members,
    /// Số hội viên đóng hội phí.
    DuesPayers,
    /// Thành tiền hội phí.
    DuesAmount,
    /// Tổng số Đảng viên.
    PartyMembers,
    /// Số hội viên là Đảng viên.
    MembersInParty,
    /// Số suất quà.
    Gifts,
    /// Thành tiền quà.
    GiftsAmount,
    /// Số suất học bổng.
    Scholarships,
    /// Thành tiền học bổng.
    ScholarshipsAmount,
    /// Tổng thu.
    Income,
    /// Tổng chi.
    Expense,
    /// Tồn quỹ.
    Balance,
}

impl Pl1Field {
    pub const ALL: [Pl1Field; 14] = [
        Pl1Field::Staff,
        Pl1Field::MembersLastYear,
        Pl1Field::Members,
        Pl1Field::DuesPayers,
        Pl1Field::DuesAmount,
        Pl1Field::PartyMembers,
        Pl1Field::MembersInParty,
        Pl1Field::Gifts,
        Pl1Field::GiftsAmount,
        Pl1Field::Scholarships,
        Pl1Field::ScholarshipsAmount,
        Pl1Field::Income,
        Pl1Field::Expense,
        Pl1Field::Balance,
    ];

    /// Stable key used in JSON.
    pub fn key(self) -> &'static str {
        match self {
            Pl1Field::Staff => "staff",
            Pl1Field::MembersLastYear => "members_last_year",
            Pl1Field::Members => "members",
            Pl1Field::DuesPayers => "dues_payers",
            Pl1Field::DuesAmount => "dues_amount",
            Pl1Field::PartyMembers => "party_members",
            Pl1Field::MembersInParty => "members_in_party",
            Pl1Field::Gifts => "gifts",
            Pl1Field::GiftsAmount => "gifts_amount",
            Pl1Field::Scholarships => "scholarships",
            Pl1Field::ScholarshipsAmount => "scholarships_amount",
            Pl1Field::Income => "income",
            Pl1Field::Expense => "expense",
            Pl1Field::Balance => "balance",
        }
    }

    /// The label on the standard form (Vietnamese).
    pub fn label(self) -> &'static str {
        match self {
            Pl1Field::Staff => "Tổng số CB CC-VC – người lao động trong cơ quan",
            Pl1Field::MembersLastYear => "Tổng số hội viên năm trước",
            Pl1Field::Members => "Tổng số hội viên năm nay",
            Pl1Field::DuesPayers => "Tổng số hội viên đóng hội phí",
            Pl1Field::DuesAmount => "Thành tiền hội phí (đồng)",
            Pl1Field::PartyMembers => "Tổng số Đảng viên",
            Pl1Field::MembersInParty => "Tổng số hội viên là Đảng viên",
            Pl1Field::Gifts => "Số suất quà",
            Pl1Field::GiftsAmount => "Thành tiền quà (đồng)",
            Pl1Field::Scholarships => "Số suất học bổng",
            Pl1Field::ScholarshipsAmount => "Thành tiền học bổng (đồng)",
            Pl1Field::Income => "Tổng thu (đồng)",
            Pl1Field::Expense => "Tổng chi (đồng)",
            Pl1Field::Balance => "Tồn quỹ (đồng)",
        }
    }

    /// The label in English.
    pub fn label_en(self) -> &'static str {
        match self {
            Pl1Field::Staff => "Total staff",
            Pl1Field::MembersLastYear => "Board members last year",
            Pl1Field::Members => "Board members this year",
            Pl1Field::DuesPayers => "Members who paid dues",
            Pl1Field::DuesAmount => "Dues amount (VND)",
            Pl1Field::PartyMembers => "Party members",
            Pl1Field::MembersInParty => "Board members who are party members",
            Pl1Field::Gifts => "Gifts",
            Pl1Field::GiftsAmount => "Gifts amount (VND)",
            Pl1Field::Scholarships => "Scholarships",
            Pl1Field::ScholarshipsAmount => "Scholarships amount (VND)",
            Pl1Field::Income => "Total income (VND)",
            Pl1Field::Expense => "Total expense (VND)",
            Pl1Field::Balance => "Balance (VND)",
        }
    }

    /// Whether the figure is an amount of money (dots group thousands).
    pub fn is_money(self) -> bool {
        matches!(
            self,
            Pl1Field::DuesAmount
                | Pl1Field::GiftsAmount
                | Pl1Field::ScholarshipsAmount
                | Pl1Field::Income
                | Pl1Field::Expense
                | Pl1Field::Balance
        )
    }
}

/// The six documents of the dossier (section VII.2 of the plan).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum DossierDoc {
    BoardDecision,
    RegistrationPlan,
    SelfAssessment,
    SelfStudyPlans,
    CitizenRegistrations,
    LifelongCommitments,
}

impl DossierDoc {
    pub const ALL: [DossierDoc; 6] = [
        DossierDoc::BoardDecision,
        DossierDoc::RegistrationPlan,
        DossierDoc::SelfAssessment,
        DossierDoc::SelfStudyPlans,
        DossierDoc::CitizenRegistrations,
        DossierDoc::LifelongCommitments,
    ];

    pub fn key(self) -> &'static str {
        match self {
            DossierDoc::BoardDecision => "board_decision",
            DossierDoc::RegistrationPlan => "registration_plan",
            DossierDoc::SelfAssessment => "self_assessment",
            DossierDoc::SelfStudyPlans => "self_study_plans",
            DossierDoc::CitizenRegistrations => "citizen_registrations",
            DossierDoc::LifelongCommitments => "lifelong_commitments",
        }
    }

    /// The plan's wording.
    pub fn label(self) -> &'static str {
        match self {
            DossierDoc::BoardDecision => {
                "Quyết định thành lập Ban Khuyến học cơ quan (kèm danh sách hội viên)"
            }
            DossierDoc::RegistrationPlan => {
                "Kế hoạch triển khai thực hiện đăng ký danh hiệu “Đơn vị học tập”"
            }
            DossierDoc::SelfAssessment => {
                "Báo cáo tự đánh giá, xếp loại Đơn vị học tập (kèm theo hướng dẫn và phụ lục)"
            }
            DossierDoc::SelfStudyPlans => "Kế hoạch đăng ký tự học, tự bồi dưỡng của cá nhân",
            DossierDoc::CitizenRegistrations => {
                "Bản đăng ký tham gia xây dựng mô hình “Công dân học tập” của cá nhân"
            }
            DossierDoc::LifelongCommitments => {
                "Bản cam kết học tập suốt đời để phát triển bản thân của cá nhân"
            }
        }
    }

    pub fn label_en(self) -> &'static str {
        match self {
            DossierDoc::BoardDecision => {
                "Decision founding the study-promotion board (with member list)"
            }
            DossierDoc::RegistrationPlan => "Plan to register for the title",
            DossierDoc::SelfAssessment => "Self-assessment report",
            DossierDoc::SelfStudyPlans => "Members' self-study plans",
            DossierDoc::CitizenRegistrations => "Members' registrations as learning citizens",
            DossierDoc::LifelongCommitments => "Members' lifelong-learning commitments",
        }
    }
}

/// One unit's form: everything read from one sheet holding a rubric table
/// (and the Phụ lục 1 figures and dossier found in the same workbook).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Form {
    /// The sheet holding the rubric table.
    pub sheet: String,
    /// "Đơn vị:".
    pub unit: Option<Located<String>>,
    /// "NĂM 2023" in the title.
    pub year: Option<Located<i32>>,
    /// "Tổng số thành viên" / "Tổng số CB CC-VC" (as typed; may be invalid).
    pub members: Option<Located<Decimal>>,
    /// Rubric rows found, keyed by rubric id, in rubric order. Group rows
    /// and the total row ("total") are here too when the table has them.
    pub entries: IndexMap<String, Entry>,
    /// The written "Xếp loại".
    pub classification: Option<Located<String>>,
    /// Phụ lục 1 figures found.
    pub pl1: IndexMap<Pl1Field, Located<Decimal>>,
    /// The dossier checklist, when the form has one: each document and its mark.
    pub dossier: Option<IndexMap<DossierDoc, Option<Located<bool>>>>,
    /// The cell of each dossier document's label, where found (so that a
    /// document left unmarked can be pointed at).
    pub dossier_labels: IndexMap<DossierDoc, Loc>,
    /// What reading found wrong (values that are not numbers, formulas
    /// without a value, …).
    pub findings: Vec<Finding>,
}
