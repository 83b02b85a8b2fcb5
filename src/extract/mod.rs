//! Cells → forms: finds the rubric table and the labelled values, wherever
//! the unit put them.
//!
//! - The table: every sheet with a header row naming "Nội dung tiêu chí" and
//!   "Điểm tự chấm" (on one row or spread over two, merged or not, at any
//!   offset; optional STT, "Điểm số tối đa", "Số liệu", "Tỷ lệ", "Ghi chú",
//!   other columns ignored) and criterion rows under it is a form of its own,
//!   in sheet order. The header repeated at a page break is skipped; the
//!   table ends at its "Xếp loại" row.
//! - Rows: matched by the start of the criterion text, folded (case,
//!   spacing, diacritics, quotes, list markers such as "a)" or "- "), against
//!   the rubric's `match` phrases and wording; the longest start wins, a long
//!   phrase inside the text only when nothing starts the row; the start all
//!   of 2a–2d share ("100% thành viên trong đơn vị") names none. STT is a
//!   tie-breaker. Each id goes to its best row, each row to one id.
//! - Labelled values, the value to the right (or after the label's colon):
//!   unit ("Đơn vị:"), year ("NĂM 2023" in the title, "Năm:"), members
//!   ("Tổng số thành viên", else "Tổng số CB CC-VC"/"CB-GV-NV"), Phụ lục 1
//!   figures, dossier marks; for a workbook with one form on every sheet, for
//!   several forms on the form's own sheet.
//! - Values as typed, through [`crate::value`]: "9,5 điểm", "9,5/10" (out of
//!   the maximum), "47/50" (a member count), "95%", 0.95 shown as a
//!   percentage (or, in files without number formats, a "Tỷ lệ" column of
//!   fractions), Có/Không/x/✓. Empty is absent, not 0.
//!
//! A value that cannot be read is left out of the form and a finding
//! (`not-a-number`, `formula-no-value`) names its sheet, cell and value.
//! Reading emits only those and `no-rubric-table` / `sheet-too-large`; every
//! other check is `check`'s.

mod grid;
mod labels;
mod table;
mod values;

use crate::cells::Workbook;
use crate::findings::{Finding, Message};
use crate::form::Form;
use crate::rubric::Rubric;
use grid::Grid;
pub use table::{ColKind, classify_header};

/// What a workbook held.
#[derive(Debug, Clone, Default)]
pub struct Extraction {
    /// One form per sheet holding a rubric table, in sheet order.
    pub forms: Vec<Form>,
    /// Findings about the workbook as a whole (no-rubric-table, sheet-too-large).
    pub findings: Vec<Finding>,
}

pub fn extract(rubric: &Rubric, wb: &Workbook) -> Extraction {
    let mut out = Extraction::default();
    let grids: Vec<Grid> = wb.sheets.iter().map(Grid::new).collect();
    for g in &grids {
        if g.sheet.too_large {
            out.findings
                .push(Finding::on_sheet(g.name(), Message::SheetTooLarge {}));
        }
    }
    let matcher = table::Matcher::cached(rubric);
    let tables: Vec<(usize, table::Header, Vec<table::RowMatch>)> = grids
        .iter()
        .enumerate()
        .filter_map(|(i, g)| {
            let mut header = table::find_header(g)?;
            let rows = table::match_rows(g, &header, &matcher);
            table::settle_columns(g, &mut header, &rows);
            // A header with no criterion row under it is not a form.
            rows.iter()
                .any(|r| matches!(r.target, table::Target::Item(_)))
                .then_some((i, header, rows))
        })
        .collect();
    if tables.is_empty() {
        out.findings.push(Finding::new(Message::NoRubricTable {
            sheets: wb.sheets.iter().map(|s| s.name.clone()).collect(),
        }));
        return out;
    }
    let single = tables.len() == 1;
    for (i, header, rows) in &tables {
        let Some(own) = grids.get(*i) else { continue };
        // Where labelled values are looked for: the form's sheet first, then,
        // for a workbook with one form, every other sheet in order.
        let mut search: Vec<&Grid> = vec![own];
        if single {
            search.extend(
                grids
                    .iter()
                    .enumerate()
                    .filter(|(j, _)| j != i)
                    .map(|(_, g)| g),
            );
        }
        let mut form = Form {
            sheet: own.name().to_string(),
            ..Default::default()
        };
        let read = table::read_table(rubric, own, header, rows, &mut form.findings);
        form.entries = read.entries;
        form.classification = read.classification;
        form.unit = labels::unit_name(&search);
        form.year = labels::year(&search, Some(header.first_row));
        let span = labels::TableSpan {
            sheet: own.name(),
            first_row: header.first_row,
            last_row: rows.iter().map(|r| r.row).max().unwrap_or(header.last_row),
        };
        form.members = labels::members(&search, span, &mut form.findings);
        let year = form.year.as_ref().map(|y| y.value);
        form.pl1 = labels::pl1(&search, span, year, &mut form.findings);
        form.dossier = labels::dossier(&search, span, &mut form.findings);
        form.dossier_labels = labels::dossier_labels(&search, span);
        out.forms.push(form);
    }
    out
}

#[cfg(test)]
mod tests;
