//! File → cells. One code path for every format dvht accepts (.xlsx, .xlsm,
//! .xls, .xlsb, .ods), all through calamine.
//!
//! This is the only module that touches file bytes. It knows nothing about
//! rubrics: it yields a [`Workbook`] of sheets of addressed cells, or says
//! why the file could not be read.

use crate::cells::{Addr, Cell, CellValue, Sheet, Workbook};
use calamine::{Data, Reader, open_workbook_auto};
use rust_decimal::Decimal;
use std::path::Path;
use std::str::FromStr;

/// Most cells a sheet may hold before reading stops (`sheet-too-large`).
/// A form has a few hundred.
pub const MAX_CELLS_PER_SHEET: usize = 200_000;

/// Why a file gave no cells.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ReadError {
    /// Not a form to read (lock file, PDF, mail, …); the reason in both languages.
    Skipped { vi: String, en: String },
    /// Named like a spreadsheet but is not one (HTML, CSV, text, empty).
    NotASpreadsheet { vi: String, en: String },
    /// Password-protected.
    Encrypted,
    /// Corrupt, truncated, or it broke the reader.
    Unreadable { detail: String },
}

/// Extensions dvht reads.
pub const SPREADSHEET_EXTENSIONS: &[&str] = &["xlsx", "xlsm", "xls", "xlsb", "ods"];

/// Reads every sheet of a workbook into cells.
pub fn read_workbook(path: &Path) -> Result<Workbook, ReadError> {
    let mut wb = open_workbook_auto(path).map_err(|e| ReadError::Unreadable {
        detail: e.to_string(),
    })?;
    let mut out = Workbook::default();
    for name in wb.sheet_names() {
        let range = wb
            .worksheet_range(&name)
            .map_err(|e| ReadError::Unreadable {
                detail: e.to_string(),
            })?;
        let mut sheet = Sheet {
            name: name.clone(),
            ..Default::default()
        };
        for (row, col, data) in range.used_cells() {
            if sheet.cells.len() >= MAX_CELLS_PER_SHEET {
                sheet.too_large = true;
                break;
            }
            if let Some(value) = convert(data) {
                sheet.cells.push(Cell {
                    addr: Addr::new(row as u32, col as u32),
                    value,
                });
            }
        }
        sheet.normalize();
        out.sheets.push(sheet);
    }
    Ok(out)
}

/// An f64 from a file as the exact decimal of its shortest representation.
pub fn decimal_of_f64(f: f64) -> Option<Decimal> {
    if !f.is_finite() {
        return None;
    }
    Decimal::from_str(&format!("{f}")).ok()
}

fn convert(d: &Data) -> Option<CellValue> {
    Some(match d {
        Data::Empty => return None,
        Data::String(s) if s.trim().is_empty() => return None,
        Data::String(s) => CellValue::Text(s.clone()),
        Data::Int(i) => CellValue::Number {
            value: Decimal::from(*i),
            percent: false,
        },
        Data::Float(f) => match decimal_of_f64(*f) {
            Some(value) => CellValue::Number {
                value,
                percent: false,
            },
            None => CellValue::Text(format!("{f}")),
        },
        Data::Bool(b) => CellValue::Bool(*b),
        Data::DateTime(dt) => CellValue::Date(format!("{dt}")),
        Data::DateTimeIso(s) | Data::DurationIso(s) => CellValue::Date(s.clone()),
        Data::Error(e) => CellValue::Error(format!("{e}")),
    })
}
