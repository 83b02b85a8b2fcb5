//! .xlsx / .xlsm / .xlsb, read cell by cell with calamine's streaming
//! readers. The declared dimension is ignored (calamine #433/#693: a
//! dimension of A1:XFD1048576 would size a dense grid of ~550 GB); reading
//! stops at the cell cap or at a cell beyond Excel's grid.

use super::convert::{is_percent_format, of_data_ref};
use super::ooxml::{Anchors, FormulaMeta, take};
use super::{Limits, ReadError, SheetBuilder, calamine_error, used, worksheet_names};
use crate::cells::{Addr, CellValue, Merge, Workbook};
use calamine::{Reader, Xlsb, Xlsx, XlsxError, XlsxFormulaMetadata};
use std::io::Cursor;

fn xlsx_err(e: XlsxError) -> ReadError {
    match e {
        XlsxError::Password => ReadError::Encrypted,
        e => calamine_error(&e),
    }
}

/// Reads an Office Open XML workbook that passed the archive guard.
pub fn read_xlsx(bytes: &[u8], limits: &Limits) -> Result<Workbook, ReadError> {
    let mut wb: Xlsx<_> = Xlsx::new(Cursor::new(bytes)).map_err(xlsx_err)?;
    let is_1904 = wb.has_1904_epoch();
    let worksheets = worksheet_names(&wb);
    let mut out = Workbook::default();
    for name in worksheets {
        let mut b = SheetBuilder::new(&name, limits, used(&out));
        // Pass 1: values and formulas.
        {
            let mut cells = wb.worksheet_cells_reader(&name).map_err(xlsx_err)?;
            let mut anchors = Anchors::new();
            while let Some(rec) = cells.next_cell_with_formula_metadata().map_err(xlsx_err)? {
                let formula = rec.formula.and_then(|f| match f {
                    XlsxFormulaMetadata::Normal { formula } => Some(FormulaMeta::Normal(formula)),
                    XlsxFormulaMetadata::Shared {
                        shared_index,
                        formula,
                        ..
                    } => Some(FormulaMeta::Shared(shared_index, formula)),
                    XlsxFormulaMetadata::SharedDerived { shared_index } => {
                        Some(FormulaMeta::Derived(shared_index))
                    }
                    _ => None,
                });
                if !take(&mut b, &mut anchors, rec.pos, &rec.value, formula, is_1904) {
                    break;
                }
            }
        }
        // A sheet stopped by the caps is no form (`sheet-too-large`): no
        // further pass over its XML.
        if b.sheet.too_large {
            out.sheets.push(b.finish());
            continue;
        }
        // Pass 2: which numbers are shown as percentages.
        if b.sheet
            .cells
            .iter()
            .any(|c| matches!(c.value, CellValue::Number { .. }))
        {
            let mut cells = wb.worksheet_cells_reader(&name).map_err(xlsx_err)?;
            let percent_styles: Vec<bool> = cells
                .styles()
                .iter()
                .map(|s| {
                    s.number_format
                        .as_ref()
                        .is_some_and(|f| is_percent_format(&f.format_code))
                })
                .collect();
            if percent_styles.iter().any(|p| *p) {
                // Only number cells matter; styled blanks may be many (a
                // bordered table), so the walk is bounded by the last row
                // read in pass 1 (rows come in order) and, for files that
                // scramble them, by the size of the sheet part.
                let last_row = b.sheet.cells.iter().map(|c| c.addr.row).max().unwrap_or(0);
                let mut numbers: Vec<Addr> = b
                    .sheet
                    .cells
                    .iter()
                    .filter(|c| matches!(c.value, CellValue::Number { .. }))
                    .map(|c| c.addr)
                    .collect();
                // A sorted vector, not a hash set: a few hundred addresses
                // a form, looked up once per styled cell. `percent[i]`:
                // whether `numbers[i]` is shown as a percentage.
                numbers.sort_unstable();
                numbers.dedup();
                let mut percent = vec![false; numbers.len()];
                while let Some((row, col, style)) = cells.next_style_id().map_err(xlsx_err)? {
                    if row > last_row || !b.in_grid(row, col) {
                        break;
                    }
                    let addr = Addr::new(row, col);
                    if percent_styles.get(style).copied().unwrap_or(false)
                        && let Ok(i) = numbers.binary_search(&addr)
                        && let Some(p) = percent.get_mut(i)
                    {
                        *p = true;
                    }
                }
                for c in &mut b.sheet.cells {
                    if let CellValue::Number { percent: p, .. } = &mut c.value {
                        *p = numbers
                            .binary_search(&c.addr)
                            .ok()
                            .and_then(|i| percent.get(i).copied())
                            .unwrap_or(false);
                    }
                }
            }
        }
        // Merged areas.
        let merges = wb.merge_cells_by_sheet_name(&name).map_err(xlsx_err)?;
        b.merges(merges.iter().map(|d| (d.start, d.end)));
        out.sheets.push(b.finish());
    }
    Ok(out)
}

/// Reads an Excel binary workbook that passed the archive guard. .xlsb keeps
/// a computed value for every formula and calamine exposes no styles for it,
/// so no `percent` flags and no merged areas.
pub fn read_xlsb(bytes: &[u8], limits: &Limits) -> Result<Workbook, ReadError> {
    let mut wb: Xlsb<_> = Xlsb::new(Cursor::new(bytes)).map_err(|e| match e {
        calamine::XlsbError::Password => ReadError::Encrypted,
        e => calamine_error(&e),
    })?;
    let is_1904 = wb.has_1904_epoch();
    let worksheets = worksheet_names(&wb);
    let mut out = Workbook::default();
    for name in worksheets {
        let mut b = SheetBuilder::new(&name, limits, used(&out));
        let mut cells = wb
            .worksheet_cells_reader(&name)
            .map_err(|e| calamine_error(&e))?;
        while let Some(cell) = cells.next_cell().map_err(|e| calamine_error(&e))? {
            let (row, col) = cell.get_position();
            if !b.within(row, col) {
                break;
            }
            if let Some(v) = of_data_ref(cell.get_value(), false, is_1904)
                && !b.push(row, col, v)
            {
                break;
            }
        }
        out.sheets.push(b.finish());
    }
    Ok(out)
}

/// A merged area from calamine's corners, if inside the grid.
pub fn merge_of(start: (u32, u32), end: (u32, u32)) -> Option<Merge> {
    let (r0, c0) = start;
    let (r1, c1) = end;
    if r1 < r0 || c1 < c0 || r1 >= super::GRID_ROWS || c1 >= super::GRID_COLS {
        return None;
    }
    Some(Merge {
        first: Addr::new(r0, c0),
        last: Addr::new(r1, c1),
    })
}
