//! Reading a sheet as a grid: rows, cells to the right of a label, merged
//! areas (a merged cell's value lives in its first cell).

use crate::cells::{Addr, Cell, CellValue, Merge, Sheet};
use crate::text::fold_ascii;
use rustc_hash::FxHashMap;
use std::cell::RefCell;
use std::collections::HashMap;
use std::rc::Rc;

/// Most merged areas looked at; a form has a few dozen. Past this, the
/// remaining merges are ignored rather than slowing every lookup.
const MAX_MERGES: usize = 5_000;
/// Widest merged header expanded over its columns.
const MAX_MERGE_SPAN: u32 = 64;

/// Rows of one merge indexed; a taller merge is seen on its first rows only.
const MAX_MERGE_ROWS: u32 = 200;

pub struct Grid<'a> {
    pub sheet: &'a Sheet,
    merges: &'a [Merge],
    /// Row → the merges covering it (bounded, see the constants above).
    by_row: HashMap<u32, Vec<usize>>,
    /// Each text cell folded once ([`fold_ascii`]), aligned with `sheet.cells`;
    /// `None` for other cells and for texts too long to be a label.
    folded: Vec<Option<Rc<str>>>,
}

/// Longest text folded (a criterion with its note is a few hundred bytes).
const MAX_FOLD_BYTES: usize = 1_000;

/// Texts whose fold is remembered per thread before the cache is emptied
/// (a few MB at most).
const MAX_CACHED_FOLDS: usize = 20_000;

thread_local! {
    /// Folded texts by text: forms are copies of one template, so nearly
    /// every label (criteria, headers, notes) comes again in the next file.
    static FOLDS: RefCell<FxHashMap<Box<str>, Rc<str>>> = RefCell::new(FxHashMap::default());
}

/// [`fold_ascii`] through the thread's cache (same result, shared).
fn fold_cached(cache: &mut FxHashMap<Box<str>, Rc<str>>, t: &str) -> Rc<str> {
    if let Some(f) = cache.get(t) {
        return Rc::clone(f);
    }
    let f: Rc<str> = fold_ascii(t).into();
    if cache.len() >= MAX_CACHED_FOLDS {
        cache.clear();
    }
    cache.insert(t.into(), Rc::clone(&f));
    f
}

impl<'a> Grid<'a> {
    pub fn new(sheet: &'a Sheet) -> Grid<'a> {
        let n = sheet.merges.len().min(MAX_MERGES);
        let merges = sheet.merges.get(..n).unwrap_or(&[]);
        let mut by_row: HashMap<u32, Vec<usize>> = HashMap::new();
        for (i, m) in merges.iter().enumerate() {
            let last = m.last.row.min(m.first.row.saturating_add(MAX_MERGE_ROWS));
            for r in m.first.row..=last {
                by_row.entry(r).or_default().push(i);
            }
        }
        let folded = FOLDS.with_borrow_mut(|cache| {
            sheet
                .cells
                .iter()
                .map(|c| match &c.value {
                    CellValue::Text(t) if t.len() <= MAX_FOLD_BYTES => Some(fold_cached(cache, t)),
                    _ => None,
                })
                .collect()
        });
        Grid {
            sheet,
            merges,
            by_row,
            folded,
        }
    }

    /// The merges covering a row.
    fn merges_in_row(&self, row: u32) -> impl Iterator<Item = &'a Merge> + '_ {
        self.by_row
            .get(&row)
            .into_iter()
            .flatten()
            .filter_map(|i| self.merges.get(*i))
    }

    pub fn name(&self) -> &str {
        &self.sheet.name
    }

    fn row_range(&self, row: u32) -> std::ops::Range<usize> {
        let cells = &self.sheet.cells;
        let start = cells.partition_point(|c| c.addr.row < row);
        let end = cells.partition_point(|c| c.addr.row <= row);
        start..end.max(start)
    }

    /// The cells of one row, left to right.
    pub fn row(&self, row: u32) -> &'a [Cell] {
        self.sheet.cells.get(self.row_range(row)).unwrap_or(&[])
    }

    /// Every text cell short enough to be a label: (address, text, folded text).
    pub fn texts(&self) -> impl Iterator<Item = (Addr, &'a str, &str)> + '_ {
        self.sheet
            .cells
            .iter()
            .zip(&self.folded)
            .filter_map(|(c, f)| match (&c.value, f) {
                (CellValue::Text(t), Some(f)) => Some((c.addr, t.as_str(), &**f)),
                _ => None,
            })
    }

    /// The text cells of one row: (address, text, folded text).
    pub fn row_texts(&self, row: u32) -> impl Iterator<Item = (Addr, &'a str, &str)> + '_ {
        let range = self.row_range(row);
        let cells = self.sheet.cells.get(range.clone()).unwrap_or(&[]);
        let folded = self.folded.get(range).unwrap_or(&[]);
        cells
            .iter()
            .zip(folded)
            .filter_map(|(c, f)| match (&c.value, f) {
                (CellValue::Text(t), Some(f)) => Some((c.addr, t.as_str(), &**f)),
                _ => None,
            })
    }

    /// The folded text of a text cell.
    pub fn folded_at(&self, addr: Addr) -> Option<&str> {
        let i = self
            .sheet
            .cells
            .binary_search_by(|c| c.addr.cmp(&addr))
            .ok()?;
        self.folded.get(i)?.as_deref()
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
        self.merges_in_row(addr.row).find(|m| {
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

    /// The folded texts of a row by column, merged areas spread over every
    /// column they cover (for header rows).
    pub fn row_labels(&self, row: u32) -> Vec<(u32, String)> {
        let mut out: Vec<(u32, String)> = self
            .row_texts(row)
            .map(|(a, _, f)| (a.col, f.to_string()))
            .collect();
        for m in self.merges_in_row(row) {
            let Some(text) = self.folded_at(m.first) else {
                continue;
            };
            let last = m.last.col.min(m.first.col.saturating_add(MAX_MERGE_SPAN));
            for col in m.first.col..=last {
                if !out.iter().any(|(c, _)| *c == col) {
                    out.push((col, text.to_string()));
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
    compact_folded(&fold_ascii(s))
}

/// [`compact`] of an already folded text.
pub fn compact_folded(f: &str) -> String {
    f.chars().filter(|c| c.is_ascii_alphanumeric()).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cached_folds_are_the_folds_and_the_cache_stays_bounded() {
        let mut cache = FxHashMap::default();
        for t in ["Điểm TỰ  chấm", "Nội dung tiêu chí", "Điểm TỰ  chấm"] {
            assert_eq!(&*fold_cached(&mut cache, t), fold_ascii(t));
        }
        assert_eq!(cache.len(), 2);
        for i in 0..MAX_CACHED_FOLDS + 10 {
            let t = format!("Đơn vị số {i}");
            assert_eq!(&*fold_cached(&mut cache, &t), fold_ascii(&t));
        }
        assert!(cache.len() <= MAX_CACHED_FOLDS);
    }
}
