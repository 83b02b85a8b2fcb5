//! Reading a sheet as a grid: rows, cells to the right of a label, merged
//! areas (a merged cell's value lives in its first cell).

use crate::cells::{Addr, Cell, CellValue, Merge, Sheet};
use crate::text::fold_ascii;

/// Most merged areas looked at; a form has a few dozen. Past this, the
/// remaining merges are ignored rather than slowing every lookup.
const MAX_MERGES: usize = 5_000;
/// Widest merged header expanded over its columns.
const MAX_MERGE_SPAN: u32 = 64;

pub struct Grid<'a> {
    pub sheet: &'a Sheet,
    merges: &'a [Merge],
}

impl<'a> Grid<'a> {
    pub fn new(sheet: &'a Sheet) -> Grid<'a> {
        let n = sheet.merges.len().min(MAX_MERGES);
        Grid {
            sheet,
            merges: &sheet.merges[..n],
        }
    }

    pub fn name(&self) -> &str {
        &self.sheet.name
    }

    /// The cells of one row, left to right.
    pub fn row(&self, row: u32) -> &'a [Cell] {
        let cells = &self.sheet.cells;
        let start = cells.partition_point(|c| c.addr.row < row);
        let end = cells.partition_point(|c| c.addr.row <= row);
        cells.get(start..end).unwrap_or(&[])
    }

    /// The distinct rows holding cells, top to bottom.
    pub fn rows(&self) -> Vec<u32> {
        let mut out: Vec<u32> = self.sheet.cells.iter().map(|c| c.addr.row).collect();
        out.dedup();
        out
    }

    /// The cell as stored (empty cells and the covered part of a merge are None).
    pub fn get(&self, addr: Addr) -> Option<&'a CellValue> {
        self.sheet.get(addr)
    }

    /// The merged area covering an address, if any.
    pub fn merge_at(&self, addr: Addr) -> Option<&'a Merge> {
        self.merges.iter().find(|m| {
            m.first.row <= addr.row
                && addr.row <= m.last.row
                && m.first.col <= addr.col
                && addr.col <= m.last.col
        })
    }

    /// The value shown at an address: a covered cell of a merge shows the
    /// merge's first cell.
    pub fn shown(&self, addr: Addr) -> Option<(Addr, &'a CellValue)> {
        if let Some(v) = self.get(addr) {
            return Some((addr, v));
        }
        let m = self.merge_at(addr)?;
        self.get(m.first).map(|v| (m.first, v))
    }

    /// Like [`Grid::shown`] but only through merges within one row (a
    /// criterion cell merged over two columns), never down from a row above.
    pub fn shown_in_row(&self, addr: Addr) -> Option<(Addr, &'a CellValue)> {
        if let Some(v) = self.get(addr) {
            return Some((addr, v));
        }
        let m = self.merge_at(addr)?;
        if m.first.row != addr.row {
            return None;
        }
        self.get(m.first).map(|v| (m.first, v))
    }

    /// The texts of a row by column, merged areas spread over every column
    /// they cover (for header rows).
    pub fn row_labels(&self, row: u32) -> Vec<(u32, String)> {
        let mut out: Vec<(u32, String)> = self
            .row(row)
            .iter()
            .filter_map(|c| label_of(&c.value).map(|t| (c.addr.col, t)))
            .collect();
        for m in self.merges {
            if m.first.row <= row && row <= m.last.row {
                let Some(text) = self.get(m.first).and_then(label_of) else {
                    continue;
                };
                let last = m.last.col.min(m.first.col.saturating_add(MAX_MERGE_SPAN));
                for col in m.first.col..=last {
                    if !out.iter().any(|(c, _)| *c == col) {
                        out.push((col, text.clone()));
                    }
                }
            }
        }
        out.sort_by_key(|(c, _)| *c);
        out
    }

    /// The first filled cell to the right of `addr` in its row, skipping
    /// cells covered by the label's own merge.
    pub fn right_of(&self, addr: Addr) -> Option<(Addr, &'a CellValue)> {
        let skip_to = self
            .merge_at(addr)
            .map(|m| m.last.col)
            .unwrap_or(addr.col)
            .max(addr.col);
        self.row(addr.row)
            .iter()
            .find(|c| c.addr.col > skip_to && !is_blank(&c.value))
            .map(|c| (c.addr, &c.value))
    }
}

/// A header-like text of a cell (text, or a number shown as text).
fn label_of(v: &CellValue) -> Option<String> {
    match v {
        CellValue::Text(s) if !s.trim().is_empty() => Some(s.clone()),
        _ => None,
    }
}

/// A cell that holds nothing a person typed as a value: blanks and the
/// dotted placeholders of a form ("…..", "____").
pub fn is_blank(v: &CellValue) -> bool {
    match v {
        CellValue::Text(s) => is_placeholder(s),
        _ => false,
    }
}

/// Dots, ellipses, underscores, dashes and spaces only.
pub fn is_placeholder(s: &str) -> bool {
    s.chars()
        .all(|c| c.is_whitespace() || matches!(c, '.' | '…' | '_' | '-' | '–' | '—' | ':'))
}

/// The text folded to ASCII with only letters and digits kept, for
/// comparing labels whatever their punctuation ("CB CC-VC" = "cbccvc").
pub fn compact(s: &str) -> String {
    fold_ascii(s)
        .chars()
        .filter(|c| c.is_ascii_alphanumeric())
        .collect()
}
