//! Reading a district workbook (or a team workbook) back: every unit with
//! its criteria — maximum, self, computed and proposed scores, what the
//! inspection team typed and where — and its findings.
//!
//! The workbook is read as the teams left it: saved by Excel, LibreOffice
//! or any other program, with formulas recalculated or not. Nothing here
//! reads a formula's result: the scores read are the plain numbers dvht
//! wrote (maximum, self, computed, proposed) and what people typed (team
//! score, note); everything derived is recomputed by whoever needs it
//! (`consolidate` carrying values forward, `finalize` concluding).
//!
//! ```no_run
//! let rubric = dvht::rubric::Rubric::builtin();
//! let book = dvht::readback::read(std::path::Path::new("tong-hop-2023.xlsx"), &rubric).unwrap();
//! for unit in &book.units {
//!     println!("{} ({}): {} unresolved errors", unit.name, unit.file, unit.errors().count());
//!     for item in unit.items.iter().filter(|i| i.team.is_some()) {
//!         println!("  {} typed at {}", item.id, item.team.as_ref().unwrap().loc);
//!     }
//! }
//! ```
//!
//! # The contract a scoring sheet keeps
//!
//! Any writer of a unit's scoring sheet (the district workbook's unit
//! sheets and "Chi tiết", the team workbooks of `dvht plan`) keeps to this,
//! and nothing else is assumed — no fixed row, column or sheet name. Labels
//! are those of [`crate::workbook::labels`], compared without case, spacing
//! or diacritics.
//! 1. A **scoring table** is found on any sheet by its header row (within
//!    the first 50 rows): the row holding "Mã", "Điểm đề xuất" and "Điểm
//!    đoàn kiểm tra". Its other columns are found by their headers:
//!    "Điểm tối đa", "Điểm tự chấm", "Điểm tính từ số liệu", "Ghi chú của
//!    đoàn kiểm tra", "Giải thích" (each optional).
//! 2. Below the header, each row whose "Mã" cell holds a rubric id is that
//!    criterion's row; "total" and "class" rows are passed over; the table
//!    ends at the first row with an empty "Mã" cell. Ids the rubric does not
//!    know are reported ([`Problem::UnknownId`]).
//! 3. Which unit a row belongs to: when the header also has "Đơn vị" (and
//!    "Tệp", "TT") columns, the row's own cells ("Chi tiết": many units on
//!    one sheet, a unit's rows together); otherwise the sheet's: the cell
//!    right of the label "Đơn vị:" and the one right of "Tệp:", above the
//!    header (one unit per sheet).
//! 4. The team's score and note are whatever the cells hold (a number, or
//!    text such as "9,5" — validated by the caller), with their sheet and
//!    cell. An empty cell is nothing typed.
//! 5. **Findings**: from the "Phát hiện" sheet when the workbook has one
//!    (columns "Tệp", "Đơn vị", "Trang", "Ô", "Tiêu chí", "Mức độ", "Mã
//!    lỗi", "Nội dung"; a row belongs to the unit of that file and name, a
//!    row without a unit name to every unit of the file); otherwise from the
//!    findings table under each unit's scoring table (header "Mức độ",
//!    "Tiêu chí", "Phát hiện", "Ô", "Mã lỗi").
//! 6. In a district workbook, the units that count are those listed on
//!    "Tổng hợp" (by its "Đơn vị" and "Tệp" columns); the others (forms
//!    superseded by a newer one) are read too, with `counted` false.
//! 7. The workbook carries dvht's mark of a district or a team workbook, or
//!    is recognised as one by its content ([`crate::own`]).

mod tables;

use crate::cells::{CellValue, Workbook};
use crate::findings::{Lang, Severity};
use crate::form::Loc;
use crate::own::{self, OwnKind};
use crate::read::{self, ReadError};
use crate::rubric::Rubric;
use crate::text::fold_ascii;
use rust_decimal::Decimal;
use std::path::Path;

/// A district or team workbook, read back.
#[derive(Debug, Clone, PartialEq)]
pub struct Book {
    /// District or team workbook.
    pub kind: OwnKind,
    /// Whether the units' rows were on one sheet ("Chi tiết").
    pub layout: Layout,
    /// Every unit, in the order its rows first appear.
    pub units: Vec<BookUnit>,
    /// What could not be read as the contract says.
    pub problems: Vec<Problem>,
}

/// Where a workbook keeps its units' rows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Layout {
    /// A sheet per unit.
    UnitSheets,
    /// One sheet of every unit's rows ("Chi tiết", beyond 60 units).
    Detail,
}

/// One unit as the workbook holds it.
#[derive(Debug, Clone, PartialEq)]
pub struct BookUnit {
    pub name: String,
    /// The file its form came from, as the workbook shows it ("a.xlsx", or
    /// "a.xlsx › Trường A" for a workbook of several forms).
    pub file: String,
    /// The sheet holding its rows.
    pub sheet: String,
    /// Its criteria, in the order of the rows.
    pub items: Vec<BookItem>,
    pub findings: Vec<BookFinding>,
    /// Whether it counts: listed on the "Tổng hợp" sheet (or the workbook
    /// has no such sheet). A superseded form has its rows on "Chi tiết"
    /// but counts nowhere.
    pub counted: bool,
}

impl BookUnit {
    /// The criterion of this id.
    pub fn item(&self, id: &str) -> Option<&BookItem> {
        self.items.iter().find(|i| i.id == id)
    }

    /// Its error-level findings.
    pub fn errors(&self) -> impl Iterator<Item = &BookFinding> {
        self.findings
            .iter()
            .filter(|f| f.severity == Severity::Error)
    }

    /// Its error-level findings that no team score resolves: those tied to
    /// no criterion, and those on a criterion where nothing was typed.
    pub fn unresolved_errors(&self) -> impl Iterator<Item = &BookFinding> {
        self.errors().filter(|f| match &f.criterion {
            Some(id) => self.item(id).is_none_or(|i| i.team.is_none()),
            None => true,
        })
    }
}

/// One criterion's row of a unit.
#[derive(Debug, Clone, PartialEq)]
pub struct BookItem {
    /// The rubric id ("2a").
    pub id: String,
    pub max: Option<Decimal>,
    pub self_score: Option<Decimal>,
    pub computed: Option<Decimal>,
    pub proposed: Option<Decimal>,
    /// What the team typed as its score, where.
    pub team: Option<TypedCell>,
    /// What the team typed as its note, where.
    pub note: Option<TypedCell>,
    /// dvht's explanation of the computed score.
    pub explain: String,
}

/// A value someone typed, with its sheet and cell.
#[derive(Debug, Clone, PartialEq)]
pub struct TypedCell {
    pub value: CellValue,
    pub loc: Loc,
}

impl TypedCell {
    /// The value as text (a note, or a score shown in a message).
    pub fn text(&self) -> String {
        self.value.display()
    }
}

/// A finding as the workbook lists it.
#[derive(Debug, Clone, PartialEq)]
pub struct BookFinding {
    pub severity: Severity,
    /// The stable code ("count-above-total").
    pub code: String,
    /// The criterion it concerns, when it concerns one.
    pub criterion: Option<String>,
    /// The form's sheet and cell it points at.
    pub sheet: Option<String>,
    pub cell: Option<String>,
    pub message: String,
}

/// Something in the workbook the contract does not account for: reported,
/// never silently passed over.
#[derive(Debug, Clone, PartialEq)]
pub enum Problem {
    /// A row of a scoring table whose "Mã" is no rubric id, with what was
    /// typed on it.
    UnknownId {
        loc: Loc,
        id: String,
        unit: String,
        team: Option<TypedCell>,
        note: Option<TypedCell>,
    },
    /// A second row for a criterion of the same unit (the first is kept).
    DuplicateRow { loc: Loc, id: String, unit: String },
}

impl Book {
    /// What was typed on rows whose id is no criterion of the rubric:
    /// (unit, id, score or note, the cell).
    pub fn typed_on_unknown_rows(
        &self,
    ) -> impl Iterator<Item = (&str, &str, crate::findings::TypedWhat, &TypedCell)> {
        use crate::findings::TypedWhat;
        self.problems.iter().flat_map(|p| {
            let typed = match p {
                Problem::UnknownId {
                    id,
                    unit,
                    team,
                    note,
                    ..
                } => vec![
                    (unit.as_str(), id.as_str(), TypedWhat::Score, team.as_ref()),
                    (unit.as_str(), id.as_str(), TypedWhat::Note, note.as_ref()),
                ],
                Problem::DuplicateRow { .. } => Vec::new(),
            };
            typed
                .into_iter()
                .filter_map(|(u, id, w, c)| c.map(|c| (u, id, w, c)))
        })
    }
}

/// Why a workbook could not be read back.
#[derive(Debug, Clone, PartialEq)]
pub enum ReadbackError {
    /// The file could not be read at all.
    Read(ReadError),
    /// Read, but it is not a district or team workbook (`Some`: one of
    /// dvht's other workbooks).
    NotOurs(Option<OwnKind>),
    /// A district or team workbook with no unit in it.
    NoUnits,
    /// A sheet larger than dvht reads back (reading stopped there): read
    /// in part, units would be missing without a word.
    TooLarge(String),
}

impl ReadbackError {
    /// The reason, in a language.
    pub fn message(&self, lang: Lang) -> String {
        let vi = lang == Lang::Vi;
        match self {
            ReadbackError::Read(e) => crate::pipeline::read_error_finding(e.clone()).message(lang),
            // The standard form keeps its mark once a unit fills it in:
            // blank or filled, it is a form.
            ReadbackError::NotOurs(Some(OwnKind::Template)) if vi => "đây là một biểu mẫu tự đánh giá — biểu mẫu chuẩn, trắng hoặc đơn vị đã điền — không phải bảng tổng hợp hay bảng chấm của đoàn".into(),
            ReadbackError::NotOurs(Some(OwnKind::Template)) => "this is a self-assessment form — the standard form, blank or filled in by a unit — not a district or team workbook".into(),
            ReadbackError::NotOurs(Some(kind)) => {
                let (v, en) = kind.describe();
                if vi {
                    format!("đây là {v}, không phải bảng tổng hợp hay bảng chấm của đoàn")
                } else {
                    format!("this is {en}, not a district or team workbook")
                }
            }
            ReadbackError::NotOurs(None) if vi => {
                "không phải bảng tổng hợp hay bảng chấm của đoàn do dvht lập".into()
            }
            ReadbackError::NotOurs(None) => {
                "not a district or team workbook written by dvht".into()
            }
            ReadbackError::NoUnits if vi => "bảng tính không có đơn vị nào".into(),
            ReadbackError::NoUnits => "the workbook holds no unit".into(),
            ReadbackError::TooLarge(sheet) if vi => format!(
                "trang '{sheet}' lớn hơn mức dvht đọc lại được; không đọc một phần để khỏi bỏ sót đơn vị"
            ),
            ReadbackError::TooLarge(sheet) => format!(
                "the sheet '{sheet}' is larger than dvht reads back; not read in part, so that no unit is left out"
            ),
        }
    }
}

/// Reads a district or team workbook from a file (through the same guarded
/// reader as every form).
pub fn read(path: &Path, rubric: &Rubric) -> Result<Book, ReadbackError> {
    from_workbook(&read_cells(path)?, rubric)
}

/// Most cells read back from one sheet, and from one workbook: a district
/// workbook's "Chi tiết" holds about 300 cells per unit, forms' limits
/// ([`read::MAX_CELLS_PER_SHEET`]) would stop it short of 700 units.
pub const MAX_CELLS: usize = 4_000_000;

/// The cells of a district or team workbook, read through the same guarded
/// reader as every form, with room for [`MAX_CELLS`].
pub fn read_cells(path: &Path) -> Result<Workbook, ReadbackError> {
    let limits = read::Limits {
        max_cells_per_sheet: MAX_CELLS,
        max_cells_per_workbook: MAX_CELLS,
    };
    read::read_workbook_with(path, &limits).map_err(ReadbackError::Read)
}

/// Reads a district or team workbook from its cells.
pub fn from_workbook(wb: &Workbook, rubric: &Rubric) -> Result<Book, ReadbackError> {
    if let Some(sheet) = wb.sheets.iter().find(|s| s.too_large) {
        return Err(ReadbackError::TooLarge(sheet.name.clone()));
    }
    let kind = match own::classify(wb) {
        Some(k @ (OwnKind::District | OwnKind::Team)) => k,
        other => return Err(ReadbackError::NotOurs(other)),
    };
    let mut book = Book {
        kind,
        layout: Layout::UnitSheets,
        units: Vec::new(),
        problems: Vec::new(),
    };
    for sheet in &wb.sheets {
        tables::scoring(sheet, rubric, &mut book);
    }
    if book.units.is_empty() {
        return Err(ReadbackError::NoUnits);
    }
    let summary = fold_ascii(crate::workbook::SHEET_SUMMARY);
    if let Some(sheet) = wb.sheets.iter().find(|s| fold_ascii(&s.name) == summary)
        && let Some(listed) = tables::summary_units(sheet)
    {
        for u in &mut book.units {
            let file = fold_ascii(&u.file);
            u.counted = listed.contains(&(fold_ascii(&u.name), file.clone()))
                || listed.contains(&(String::new(), file));
        }
    }
    let findings_sheet = fold_ascii(crate::workbook::SHEET_FINDINGS);
    match wb
        .sheets
        .iter()
        .find(|s| fold_ascii(&s.name) == findings_sheet)
    {
        Some(sheet) => tables::findings_sheet(sheet, &mut book.units),
        None => {
            for sheet in &wb.sheets {
                tables::unit_findings(sheet, &mut book.units);
            }
        }
    }
    Ok(book)
}

/// Pairs the units of one list with those of another, as the same unit:
/// first by name and file together, then by name alone where the name is
/// found once among the units still unpaired on each side (a form resent
/// under another file name). Names and files are compared without case,
/// spacing or diacritics. For each of `from`, the index in `to`.
///
/// ```
/// use dvht::readback::pair;
/// let old = [("Phòng Tư pháp", "a.xlsx"), ("Phòng Y tế", "b.xlsx"), ("Phòng Y tế", "c.xlsx")];
/// let new = [("Phòng Y tế", "c.xlsx"), ("PHÒNG TƯ PHÁP", "a-gui-lai.xlsx")];
/// assert_eq!(pair(&old, &new), vec![Some(1), None, Some(0)]);
/// ```
pub fn pair(from: &[(&str, &str)], to: &[(&str, &str)]) -> Vec<Option<usize>> {
    let key = |(n, f): &(&str, &str)| (fold_ascii(n), fold_ascii(f));
    let from_keys: Vec<(String, String)> = from.iter().map(key).collect();
    let to_keys: Vec<(String, String)> = to.iter().map(key).collect();
    let mut out: Vec<Option<usize>> = vec![None; from.len()];
    let mut taken = vec![false; to.len()];
    // Name and file: the first unit of `to` with both, once.
    for (i, k) in from_keys.iter().enumerate() {
        if let Some(j) = (0..to.len()).find(|&j| !taken[j] && to_keys[j] == *k) {
            out[i] = Some(j);
            taken[j] = true;
        }
    }
    // Name alone, where it is unambiguous on both sides.
    for i in 0..from.len() {
        if out[i].is_some() {
            continue;
        }
        let name = &from_keys[i].0;
        let same_from = (0..from.len())
            .filter(|&k| out[k].is_none() && from_keys[k].0 == *name)
            .count();
        let same_to: Vec<usize> = (0..to.len())
            .filter(|&j| !taken[j] && to_keys[j].0 == *name)
            .collect();
        if same_from == 1 && same_to.len() == 1 {
            out[i] = Some(same_to[0]);
            taken[same_to[0]] = true;
        }
    }
    out
}

#[cfg(test)]
mod tests;
