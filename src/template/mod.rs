//! The standard form: a real Excel workbook units fill in and send back.
//!
//! Three sheets: "Tự đánh giá" (the Phụ lục 2 table with evidence, rates,
//! self-scores, group sums, total and classification), "Phụ lục 1" (the
//! study-promotion figures) and "Hồ sơ minh chứng" (the dossier checklist).
//! Input cells have a light yellow fill and are the only unlocked cells;
//! every other cell is locked by sheet protection without a password.
//!
//! Why the workbook is built the way it is:
//! - every label is one the extractor looks for ("Đơn vị:", "Tổng số thành
//!   viên", the table header, "Tổng cộng", "Xếp loại", the Phụ lục 1 and
//!   dossier labels of [`crate::form`]) with its value in the cell to the
//!   right, so that the tool reads its own form back by the same rules as a
//!   unit's own copy;
//! - every formula is written with the value Excel would show (computed here
//!   exactly, in [`Decimal`]), because readers that do not recalculate would
//!   otherwise see 0;
//! - the bytes depend only on the rubric, the year and the filled values: the
//!   document's creation date is 1 January of the form's year, so two runs
//!   give identical files and the committed copy can be compared with a
//!   fresh one.
//!
//! [`FilledForm`] is the same workbook with values typed in the input cells
//! (the samples in `samples/` are written this way).

pub mod for_units;
mod sheets;

use crate::form::{DossierDoc, Pl1Field};
use crate::rubric::Rubric;
use indexmap::IndexMap;
use rust_decimal::Decimal;
use std::io::Write as _;
use std::path::{Path, PathBuf};

/// The sheet holding the rubric table.
pub const SHEET_SELF: &str = "Tự đánh giá";
/// The sheet holding the Phụ lục 1 figures.
pub const SHEET_PL1: &str = "Phụ lục 1";
/// The sheet holding the dossier checklist.
pub const SHEET_DOSSIER: &str = "Hồ sơ minh chứng";

/// The year the committed copy of the blank form is generated for
/// (`templates/mau-tu-danh-gia-2023.xlsx`), the year of the seed plan.
pub const COMMITTED_YEAR: i32 = 2023;

/// A value as a clerk typed it into a cell.
#[derive(Debug, Clone, PartialEq)]
pub enum Typed {
    /// A number cell.
    Number(Decimal),
    /// A text cell ("Có", "9,5", "mười").
    Text(String),
}

impl Typed {
    /// A number cell from decimal text ("9.5"); panics on bad literals, so
    /// only for literals written in code.
    pub fn num(s: &str) -> Typed {
        match s.parse::<Decimal>() {
            Ok(d) => Typed::Number(d),
            Err(_) => panic!("not a decimal literal: {s:?}"),
        }
    }

    pub fn int(n: i64) -> Typed {
        Typed::Number(Decimal::from(n))
    }

    pub fn text(s: &str) -> Typed {
        Typed::Text(s.to_string())
    }

    /// "Có" / "Không".
    pub fn yes_no(yes: bool) -> Typed {
        Typed::Text(if yes { "Có" } else { "Không" }.to_string())
    }

    /// The number Excel would compute with: numbers only (text cells are
    /// skipped by SUM and make arithmetic fail).
    pub fn number(&self) -> Option<Decimal> {
        match self {
            Typed::Number(d) => Some(*d),
            Typed::Text(_) => None,
        }
    }
}

/// What a unit typed on one row of the rubric table.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct FilledItem {
    /// "Số liệu": "Có"/"Không" for yes/no rules, a count otherwise.
    pub evidence: Option<Typed>,
    /// "Điểm tự chấm". On a group row this replaces the SUM formula (a clerk
    /// who typed over it).
    pub self_score: Option<Typed>,
    /// "Ghi chú".
    pub note: Option<String>,
}

/// A unit's filled form: the standard workbook with values in its input cells.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct FilledForm {
    /// "Đơn vị:" (empty on the blank form).
    pub unit: String,
    /// The year in the title.
    pub year: i32,
    /// "Tổng số thành viên".
    pub members: Option<Typed>,
    /// Rows of the rubric table by rubric id (groups too, see
    /// [`FilledItem::self_score`]). Ids the rubric does not have are ignored.
    pub items: IndexMap<String, FilledItem>,
    /// A typed "Tổng cộng" in place of its SUM formula.
    pub total: Option<Typed>,
    /// A typed "Xếp loại" in place of its formula.
    pub classification: Option<String>,
    /// Phụ lục 1 figures. A typed dues amount or balance replaces its formula.
    pub pl1: IndexMap<Pl1Field, Typed>,
    /// Dossier marks (true → "Có", false → "Không"); absent → left blank.
    pub dossier: IndexMap<DossierDoc, bool>,
}

impl FilledForm {
    /// The blank form of a year.
    pub fn blank(year: i32) -> FilledForm {
        FilledForm {
            year,
            ..FilledForm::default()
        }
    }

    /// The row of an item, created empty if needed.
    pub fn item_mut(&mut self, id: &str) -> &mut FilledItem {
        self.items.entry(id.to_string()).or_default()
    }
}

/// Why a form could not be written.
#[derive(Debug, thiserror::Error)]
pub enum TemplateError {
    #[error("năm {0} không hợp lệ (cần từ 1900 đến 9999) / invalid year {0} (1900–9999)")]
    Year(i32),
    #[error("lỗi khi dựng bảng tính / could not build the workbook: {0}")]
    Xlsx(#[from] rust_xlsxwriter::XlsxError),
    #[error("không ghi được tệp {path} / could not write {path}: {source}")]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
}

/// The bytes of a form (blank or filled).
///
/// # Errors
/// A year outside 1900–9999, or a text too long for Excel.
pub fn form_bytes(rubric: &Rubric, form: &FilledForm) -> Result<Vec<u8>, TemplateError> {
    if !(1900..=9999).contains(&form.year) {
        return Err(TemplateError::Year(form.year));
    }
    let mut wb = sheets::build(rubric, form)?;
    let mut bytes = wb.save_to_buffer()?;
    crate::portable_zip::normalize_bytes(&mut bytes);
    Ok(bytes)
}

/// The bytes of the blank form of a year.
pub fn blank_bytes(rubric: &Rubric, year: i32) -> Result<Vec<u8>, TemplateError> {
    form_bytes(rubric, &FilledForm::blank(year))
}

/// Writes the blank form of a year to `path`, atomically.
pub fn write_blank(rubric: &Rubric, year: i32, path: &Path) -> Result<(), TemplateError> {
    write_atomic(path, &blank_bytes(rubric, year)?)
}

/// Writes a filled form to `path`, atomically.
pub fn write_filled(rubric: &Rubric, form: &FilledForm, path: &Path) -> Result<(), TemplateError> {
    write_atomic(path, &form_bytes(rubric, form)?)
}

/// Writes bytes to a temporary file in the destination's folder, then
/// renames it over the destination: a reader never sees half a file, and a
/// failed write leaves the old file in place.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> Result<(), TemplateError> {
    let io = |source| TemplateError::Io {
        path: path.to_path_buf(),
        source,
    };
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    let mut builder = tempfile::Builder::new();
    builder.prefix(".dvht-").suffix(".tmp");
    // Temporary files are private (0600); the form is an ordinary file.
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt as _;
        builder.permissions(std::fs::Permissions::from_mode(0o644));
    }
    let mut tmp = builder.tempfile_in(dir).map_err(io)?;
    tmp.write_all(bytes).map_err(io)?;
    tmp.as_file().sync_all().map_err(io)?;
    tmp.persist(path).map_err(|e| io(e.error))?;
    Ok(())
}

/// The year of today's date (UTC), from the system clock.
pub fn current_year() -> i32 {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs())
        .unwrap_or(0);
    year_of_day((secs / 86_400) as i64)
}

/// The civil (proleptic Gregorian) year of a day counted from 1970-01-01.
fn year_of_day(days: i64) -> i32 {
    let (y, _, _) = crate::calendar::civil_from_days(days);
    i32::try_from(y).unwrap_or(if y < 0 { i32::MIN } else { i32::MAX })
}

#[cfg(test)]
mod tests;
