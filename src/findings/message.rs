//! What a finding says, as data: one [`Message`] variant per kind of
//! message, holding the values it names (the criterion, the number found,
//! the number expected, the other cells). The texts are in `text.rs`, one
//! match arm per variant and language; the JSON of a finding carries these
//! values beside its message (field names as written here).

use super::Code;
use crate::form::{DossierDoc, Loc, Pl1Field};
use crate::inputs::{Skip, Source};
use crate::read::ReadError;
use crate::rubric::Rubric;
use crate::scoring::Explanation;
use crate::value::Kind;
use rust_decimal::Decimal;
use serde::{Serialize, Serializer};

/// What a finding says. Every variant names its code ([`Message::code`]);
/// where the finding points (sheet, cell) is the finding's, not repeated
/// here.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize)]
#[serde(untagged)]
pub enum Message {
    // ---- the file (see text.rs: file)
    /// Not a form to read, and why; `source` the message it came in, if
    /// any (its sender, date and subject are named).
    Skipped {
        #[serde(skip)]
        skip: Skip,
        #[serde(skip)]
        source: Option<Source>,
    },
    /// The file could not be read.
    Read {
        #[serde(skip)]
        error: ReadError,
    },
    /// An item of a container (.zip, .eml, .mbox) that could not be had.
    ItemUnreadable {
        #[serde(skip)]
        error: ReadError,
        #[serde(skip)]
        source: Option<Source>,
    },
    /// The finding's sheet was far larger than any form; only its beginning
    /// was read.
    SheetTooLarge {},
    /// No Phụ lục 2 table on any of these sheets.
    NoRubricTable {
        sheets: Vec<String>,
    },

    // ---- a cell's value (text.rs: value)
    /// A formula without a cached value where `subject` was expected.
    FormulaNoValue {
        #[serde(skip)]
        subject: Subject,
        formula: String,
        #[serde(skip)]
        expected: Expect,
    },
    /// Text that cannot be read as `expected`.
    NotANumber {
        #[serde(skip)]
        subject: Subject,
        found: String,
        #[serde(skip)]
        expected: Expect,
    },

    // ---- the rubric table (text.rs: table)
    MissingCriterion {
        criterion: Criterion,
    },
    MissingSelfScore {
        criterion: Criterion,
    },
    /// A score outside [0, `max`]: below 0 is `score-negative`, above is
    /// `score-above-max`; `suggest` the score to write instead, if known.
    ScoreOutOfRange {
        criterion: Criterion,
        #[serde(serialize_with = "ser_number")]
        found: Decimal,
        #[serde(serialize_with = "ser_number")]
        max: Decimal,
        suggest: Option<Suggestion>,
    },
    /// A score the rule never gives; `possible` every score it can give
    /// (or, when `nearest`, the one or two nearest).
    ScoreUnattainable {
        criterion: Criterion,
        #[serde(serialize_with = "ser_number")]
        found: Decimal,
        why: Unattainable,
        #[serde(serialize_with = "ser_numbers")]
        possible: Vec<Decimal>,
        nearest: bool,
    },
    SelfComputedDiffer {
        criterion: Criterion,
        #[serde(serialize_with = "ser_number")]
        found: Decimal,
        #[serde(serialize_with = "ser_number")]
        computed: Decimal,
        #[serde(skip)]
        explanation: Explanation,
    },
    /// A group row that is not the sum of its items (`parts`, their
    /// `values`).
    GroupSumMismatch {
        criterion: Criterion,
        #[serde(serialize_with = "ser_number")]
        found: Decimal,
        #[serde(serialize_with = "ser_number")]
        sum: Decimal,
        parts: Vec<String>,
        #[serde(serialize_with = "ser_numbers")]
        values: Vec<Decimal>,
    },
    TotalMismatch {
        #[serde(serialize_with = "ser_number")]
        found: Decimal,
        #[serde(serialize_with = "ser_number")]
        sum: Decimal,
        parts: Vec<String>,
        #[serde(serialize_with = "ser_numbers")]
        values: Vec<Decimal>,
    },
    ClassificationMismatch {
        found: String,
        #[serde(serialize_with = "ser_number")]
        total: Decimal,
        band: String,
        #[serde(skip)]
        band_en: String,
    },

    // ---- counts and percentages (text.rs: counts)
    /// Counts given (the finding's cell is the first) but no total number
    /// of members.
    MembersMissing {},
    MembersInvalid {
        #[serde(serialize_with = "ser_number")]
        found: Decimal,
    },
    CountInvalid {
        criterion: Criterion,
        #[serde(serialize_with = "ser_number")]
        found: Decimal,
        at_most: Option<u32>,
    },
    CountAboveTotal {
        criterion: Criterion,
        found: u64,
        members: u64,
        #[serde(serialize_with = "ser_cell")]
        members_cell: Option<Loc>,
    },
    PercentOutOfRange {
        criterion: Criterion,
        #[serde(serialize_with = "ser_number")]
        found: Decimal,
    },
    PercentMismatch {
        criterion: Criterion,
        #[serde(serialize_with = "ser_number")]
        found: Decimal,
        count: u64,
        members: u64,
        #[serde(serialize_with = "ser_number")]
        expected: Decimal,
        #[serde(serialize_with = "ser_number")]
        tolerance: Decimal,
    },

    // ---- Phụ lục 1 (text.rs: annex)
    AnnexCountInvalid {
        #[serde(serialize_with = "ser_field")]
        field: Pl1Field,
        #[serde(serialize_with = "ser_number")]
        found: Decimal,
    },
    PayersExceedMembers {
        #[serde(serialize_with = "ser_number")]
        found: Decimal,
        #[serde(serialize_with = "ser_number")]
        members: Decimal,
        #[serde(serialize_with = "ser_cell")]
        members_cell: Option<Loc>,
    },
    /// Members who are party members above `bound` (members, or party
    /// members).
    PartyMembersExceed {
        #[serde(serialize_with = "ser_number")]
        found: Decimal,
        #[serde(serialize_with = "ser_field")]
        bound: Pl1Field,
        #[serde(serialize_with = "ser_number")]
        bound_value: Decimal,
        #[serde(serialize_with = "ser_cell")]
        bound_cell: Option<Loc>,
    },
    DuesMismatch {
        #[serde(serialize_with = "ser_number")]
        found: Decimal,
        #[serde(serialize_with = "ser_number")]
        expected: Decimal,
        #[serde(serialize_with = "ser_number")]
        payers: Decimal,
        #[serde(serialize_with = "ser_number")]
        rate: Decimal,
        #[serde(serialize_with = "ser_cell")]
        payers_cell: Option<Loc>,
    },
    BalanceMismatch {
        #[serde(serialize_with = "ser_number")]
        found: Decimal,
        #[serde(serialize_with = "ser_number")]
        expected: Decimal,
        #[serde(serialize_with = "ser_number")]
        income: Decimal,
        #[serde(serialize_with = "ser_number")]
        expense: Decimal,
    },

    // ---- the header and the dossier (text.rs: header)
    /// No unit name: the name cell blank (the finding has a cell), or no
    /// "Đơn vị:" label at all.
    UnitNameMissing {},
    YearMismatch {
        found: i32,
        expected: i32,
    },
    DossierChecklistMissing {},
    DossierMarkedAbsent {
        #[serde(serialize_with = "ser_doc")]
        document: DossierDoc,
    },
    /// A document neither marked present nor absent: at its label's cell,
    /// or (no cell) somewhere on the sheet.
    DossierUnmarked {
        #[serde(serialize_with = "ser_doc")]
        document: DossierDoc,
    },
    DossierLineMissing {
        #[serde(serialize_with = "ser_doc")]
        document: DossierDoc,
    },

    // ---- across files (text.rs: across)
    /// The unit sent other forms too: this one is `file` (its sheet named
    /// when the workbook holds several forms).
    DuplicateUnit {
        unit: String,
        file: String,
        #[serde(skip)]
        sheet: Option<String>,
        others: Vec<OtherForm>,
    },
    /// A form whose unit is not on the roster (`--expected`).
    NotOnRoster {
        unit: String,
    },
    /// An older form of a unit that sent a newer one (`by`: the newer one,
    /// as the file list names it); counted nowhere.
    Superseded {
        by: String,
    },

    // ---- what the inspection teams typed (team_text.rs); `book` is the
    // workbook it was typed in, `unit` the unit of the row
    /// A score or note typed into a workbook that has no place to go.
    TeamScoreOrphaned {
        book: String,
        unit: String,
        criterion: Criterion,
        typed: TypedWhat,
        found: String,
        why: Orphan,
    },
    /// A team score that is not a number.
    TeamScoreNotANumber {
        book: String,
        unit: String,
        criterion: Criterion,
        found: String,
        #[serde(serialize_with = "ser_number")]
        max: Decimal,
    },
    TeamScoreNegative {
        book: String,
        unit: String,
        criterion: Criterion,
        #[serde(serialize_with = "ser_number")]
        found: Decimal,
        #[serde(serialize_with = "ser_number")]
        max: Decimal,
    },
    TeamScoreAboveMax {
        book: String,
        unit: String,
        criterion: Criterion,
        #[serde(serialize_with = "ser_number")]
        found: Decimal,
        #[serde(serialize_with = "ser_number")]
        max: Decimal,
    },
    /// A team score the criterion's rule never gives (used all the same).
    TeamScoreUnattainable {
        book: String,
        unit: String,
        criterion: Criterion,
        #[serde(serialize_with = "ser_number")]
        found: Decimal,
        #[serde(serialize_with = "ser_numbers")]
        possible: Vec<Decimal>,
    },
    /// One criterion of a unit given different scores in two workbooks.
    TeamScoreConflict {
        unit: String,
        criterion: Criterion,
        typed: Vec<TypedAt>,
    },
}

/// What was typed: a team score or a note.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum TypedWhat {
    Score,
    Note,
}

/// Why a typed value has no place to go.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Orphan {
    /// Its unit is no longer among the forms consolidated.
    UnitGone,
    /// Its unit is not in the district workbook (`book`).
    NotInBook(String),
    /// The row's id is not a criterion of the rubric in force.
    NotInRubric,
    /// Typed on a group's row, whose score is the sum of its items.
    GroupRow,
}

/// A team score typed in one place: workbook, sheet, cell and value.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize)]
pub struct TypedAt {
    pub book: String,
    pub sheet: String,
    pub cell: String,
    #[serde(serialize_with = "ser_number")]
    pub value: Decimal,
}

impl Message {
    /// The code of the catalogue this message belongs to.
    pub fn code(&self) -> Code {
        use Message as M;
        match self {
            M::Skipped { .. } => Code::Skipped,
            M::Read { error } => match error {
                ReadError::NotASpreadsheet(_) => Code::NotASpreadsheet,
                ReadError::Encrypted => Code::Encrypted,
                ReadError::Unreadable(_) => Code::Unreadable,
            },
            M::ItemUnreadable { .. } => Code::Unreadable,
            M::SheetTooLarge {} => Code::SheetTooLarge,
            M::NoRubricTable { .. } => Code::NoRubricTable,
            M::FormulaNoValue { .. } => Code::FormulaNoValue,
            M::NotANumber { .. } => Code::NotANumber,
            M::MissingCriterion { .. } => Code::MissingCriterion,
            M::MissingSelfScore { .. } => Code::MissingSelfScore,
            M::ScoreOutOfRange { found, .. } if *found < Decimal::ZERO => Code::ScoreNegative,
            M::ScoreOutOfRange { .. } => Code::ScoreAboveMax,
            M::ScoreUnattainable { .. } => Code::ScoreUnattainable,
            M::SelfComputedDiffer { .. } => Code::SelfComputedDiffer,
            M::GroupSumMismatch { .. } => Code::GroupSumMismatch,
            M::TotalMismatch { .. } => Code::TotalMismatch,
            M::ClassificationMismatch { .. } => Code::ClassificationMismatch,
            M::MembersMissing {} => Code::MembersMissing,
            M::MembersInvalid { .. } | M::CountInvalid { .. } | M::AnnexCountInvalid { .. } => {
                Code::CountInvalid
            }
            M::CountAboveTotal { .. } => Code::CountAboveTotal,
            M::PercentOutOfRange { .. } => Code::PercentOutOfRange,
            M::PercentMismatch { .. } => Code::PercentMismatch,
            M::PayersExceedMembers { .. } => Code::PayersExceedMembers,
            M::PartyMembersExceed { .. } => Code::PartyMembersExceed,
            M::DuesMismatch { .. } => Code::DuesMismatch,
            M::BalanceMismatch { .. } => Code::BalanceMismatch,
            M::UnitNameMissing {} => Code::UnitNameMissing,
            M::YearMismatch { .. } => Code::YearMismatch,
            M::DossierChecklistMissing {}
            | M::DossierMarkedAbsent { .. }
            | M::DossierUnmarked { .. }
            | M::DossierLineMissing { .. } => Code::DossierIncomplete,
            M::DuplicateUnit { .. } => Code::DuplicateUnit,
            M::NotOnRoster { .. } => Code::NotOnRoster,
            M::Superseded { .. } => Code::Superseded,
            M::TeamScoreOrphaned { .. } => Code::TeamScoreOrphaned,
            M::TeamScoreNotANumber { .. } => Code::NotANumber,
            M::TeamScoreNegative { .. } => Code::ScoreNegative,
            M::TeamScoreAboveMax { .. } => Code::ScoreAboveMax,
            M::TeamScoreUnattainable { .. } => Code::ScoreUnattainable,
            M::TeamScoreConflict { .. } => Code::TeamScoreConflict,
        }
    }
}

/// A criterion as messages name it: its id, the start of its wording, and
/// whether it is a group row ("total" is the total row). In JSON, the id.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Criterion {
    pub id: String,
    /// The rubric's wording, cut to 48 characters ("" when unknown).
    pub text: String,
    pub group: bool,
}

impl Criterion {
    /// Criterion `id` of the rubric ("total": the total row).
    pub fn of(rubric: &Rubric, id: &str) -> Criterion {
        let item = rubric.item(id).filter(|_| id != "total");
        Criterion {
            id: id.to_string(),
            text: item.map(|i| short(&i.text, 48)).unwrap_or_default(),
            group: item.is_some_and(|i| i.is_group()),
        }
    }
}

impl Serialize for Criterion {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.id)
    }
}

/// The first `n` characters of `s`, with "…" when cut.
pub(crate) fn short(s: &str, n: usize) -> String {
    if s.chars().count() <= n {
        s.to_string()
    } else {
        let mut t: String = s.chars().take(n).collect();
        t = t.trim_end().to_string();
        t.push('…');
        t
    }
}

/// What a value read from a cell was meant to be.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Subject {
    SelfScore(String),
    Percent(String),
    Evidence(String),
    Members,
    Annex(Pl1Field),
    DossierMark(DossierDoc),
    Classification,
}

/// What a cell should have held.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Expect {
    Number(Kind),
    YesNo,
    /// A band name ("Tốt", "Khá").
    Band,
}

/// The score to write instead of an out-of-range one, and where it comes
/// from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
pub struct Suggestion {
    #[serde(serialize_with = "ser_number")]
    pub value: Decimal,
    pub from: SuggestionFrom,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum SuggestionFrom {
    /// The score the evidence gives.
    Evidence,
    /// The sum of a group's items.
    Items,
    /// The sum of the criteria (the total row).
    Criteria,
}

/// Why a score can never be given.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "kebab-case", tag = "rule")]
pub enum Unattainable {
    /// Scores are multiples of `step`.
    OffStep {
        #[serde(serialize_with = "ser_number")]
        step: Decimal,
    },
    /// 0 under a rule that deducts `per` for each of `of` resources: even
    /// lacking all of them gives `floor`.
    AboveFloor {
        #[serde(serialize_with = "ser_number")]
        per: Decimal,
        of: u32,
        #[serde(serialize_with = "ser_number")]
        floor: Decimal,
    },
    /// The criterion's rule never gives it.
    Rule,
}

/// Another form of the same unit.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize)]
pub struct OtherForm {
    /// The file, or `None` for another sheet of the same file.
    pub file: Option<String>,
    /// The sheet, named when its workbook holds several forms.
    pub sheet: Option<String>,
}

fn ser_number<S: Serializer>(d: &Decimal, s: S) -> Result<S::Ok, S::Error> {
    let text = d.normalize().to_string();
    match text.parse::<serde_json::Number>() {
        Ok(n) => n.serialize(s),
        Err(_) => s.serialize_str(&text),
    }
}

fn ser_numbers<S: Serializer>(ds: &[Decimal], s: S) -> Result<S::Ok, S::Error> {
    use serde::ser::SerializeSeq;
    let mut seq = s.serialize_seq(Some(ds.len()))?;
    for d in ds {
        seq.serialize_element(&Num(*d))?;
    }
    seq.end()
}

struct Num(Decimal);

impl Serialize for Num {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        ser_number(&self.0, s)
    }
}

fn ser_cell<S: Serializer>(loc: &Option<Loc>, s: S) -> Result<S::Ok, S::Error> {
    match loc {
        Some(l) => s.collect_str(l),
        None => s.serialize_none(),
    }
}

fn ser_field<S: Serializer>(f: &Pl1Field, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_str(f.key())
}

fn ser_doc<S: Serializer>(d: &DossierDoc, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_str(d.key())
}
