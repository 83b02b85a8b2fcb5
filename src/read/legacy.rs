//! .xls and .ods. calamine parses every sheet of these inside `open`, so
//! nothing can be bounded before memory is spent: in a normal run they are
//! read in a child process with a memory limit and a timeout (`isolate`).
//! Here the cells are taken from the parsed ranges under the same caps.

use super::convert::of_data;
use super::{Limits, ReadError, SheetBuilder, calamine_error, used, worksheet_names};
use crate::cells::{Addr, CellValue, Workbook};
use calamine::{Data, Ods, OdsError, Range, Reader, Xls, XlsError};
use std::collections::HashSet;
use std::io::Cursor;

fn xls_err(e: XlsError) -> ReadError {
    match e {
        XlsError::Password => ReadError::Encrypted,
        e => calamine_error(&e),
    }
}

fn ods_err(e: OdsError) -> ReadError {
    match e {
        OdsError::Password => ReadError::Encrypted,
        e => calamine_error(&e),
    }
}

/// Reads a BIFF5/BIFF8 .xls (in its OLE container). BIFF keeps a computed
/// value for every formula. calamine exposes no number formats for it: the
/// `percent` flags of BIFF8 files come from [`super::biff`].
pub fn read_xls(bytes: &[u8], limits: &Limits) -> Result<Workbook, ReadError> {
    let mut wb: Xls<_> = Xls::new(Cursor::new(bytes)).map_err(xls_err)?;
    let percent = super::biff::percent_cells(bytes, limits.max_cells_per_sheet);
    let is_1904 = wb.has_1904_epoch();
    let names = worksheet_names(&wb);
    let mut out = Workbook::default();
    for name in names {
        let range = wb.worksheet_range(&name).map_err(xls_err)?;
        let mut b = SheetBuilder::new(&name, limits, used(&out));
        copy_range(&mut b, &range, is_1904);
        if let Some(p) = percent.as_ref().and_then(|p| p.get(&name)) {
            for c in &mut b.sheet.cells {
                if let CellValue::Number { percent: flag, .. } = &mut c.value {
                    *flag = p.contains(&c.addr);
                }
            }
        }
        if let Ok(merges) = wb.merge_cells_by_sheet_name(&name) {
            b.merges(merges.iter().map(|d| (d.start, d.end)));
        }
        out.sheets.push(b.finish());
    }
    Ok(out)
}

/// Reads an OpenDocument spreadsheet; percentages and merged areas, which
/// calamine drops, come from a scan of `content.xml` ([`super::ods`]).
pub fn read_ods(bytes: &[u8], limits: &Limits) -> Result<Workbook, ReadError> {
    let mut wb: Ods<_> = Ods::new(Cursor::new(bytes)).map_err(ods_err)?;
    let extras = super::ods::scan(bytes, limits.max_cells_per_sheet).unwrap_or_default();
    let names = worksheet_names(&wb);
    let mut out = Workbook::default();
    for name in names {
        let range = wb.worksheet_range(&name).map_err(ods_err)?;
        let mut b = SheetBuilder::new(&name, limits, used(&out));
        copy_range(&mut b, &range, false);
        if let Some(x) = extras.sheets.iter().find(|x| x.name == name) {
            for c in &mut b.sheet.cells {
                if let CellValue::Number { percent: p, .. } = &mut c.value {
                    *p = x.percent.contains(&c.addr);
                }
            }
            // Formulas with no value are empty cells to calamine: add them,
            // in position order, where no value was read.
            let have: HashSet<Addr> = b.sheet.cells.iter().map(|c| c.addr).collect();
            let mut missing: Vec<(&Addr, &String)> = x
                .formulas
                .iter()
                .filter(|(a, _)| !have.contains(a))
                .collect();
            missing.sort();
            for (a, f) in missing {
                let value = CellValue::FormulaNoValue { formula: f.clone() };
                if !b.push(a.row, a.col, value) {
                    break;
                }
            }
            b.merges(
                x.merges
                    .iter()
                    .map(|m| ((m.first.row, m.first.col), (m.last.row, m.last.col))),
            );
        }
        out.sheets.push(b.finish());
    }
    Ok(out)
}

/// Copies a calamine range into the sheet under the builder's caps and
/// Excel's grid (positions are relative to the range's start).
fn copy_range(b: &mut SheetBuilder, range: &Range<Data>, is_1904: bool) {
    let start = range.start().unwrap_or((0, 0));
    for (r, c, d) in range.used_cells() {
        let (Ok(r), Ok(c)) = (u32::try_from(r), u32::try_from(c)) else {
            b.sheet.too_large = true;
            break;
        };
        let (Some(row), Some(col)) = (start.0.checked_add(r), start.1.checked_add(c)) else {
            b.sheet.too_large = true;
            break;
        };
        if !b.within(row, col) {
            break;
        }
        if let Some(v) = of_data(d, false, is_1904)
            && !b.push(row, col, v)
        {
            break;
        }
    }
}
