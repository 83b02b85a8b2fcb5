//! What reading a file yields: sheets of cells, each with its address.
//!
//! This is the boundary between the format readers (`read`) and everything
//! that interprets a form (`extract`). Nothing here knows about rubrics.

use rust_decimal::Decimal;
use std::fmt;

/// A cell address, 0-based internally, shown in A1 form.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Addr {
    pub row: u32,
    pub col: u32,
}

impl Addr {
    pub fn new(row: u32, col: u32) -> Addr {
        Addr { row, col }
    }
}

/// Column letters of a 0-based column: 0 → "A", 27 → "AB".
pub fn col_name(col: u32) -> String {
    let mut n = col as u64 + 1;
    let mut out = Vec::new();
    while n > 0 {
        let r = ((n - 1) % 26) as u8;
        out.push(b'A' + r);
        n = (n - 1) / 26;
    }
    out.reverse();
    String::from_utf8(out).unwrap_or_default()
}

impl fmt::Display for Addr {
    /// ```
    /// assert_eq!(dvht::cells::Addr::new(8, 5).to_string(), "F9");
    /// ```
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}{}", col_name(self.col), self.row as u64 + 1)
    }
}

/// A cell's content as the file holds it, before any interpretation.
#[derive(Debug, Clone, PartialEq)]
pub enum CellValue {
    /// Text, as typed.
    Text(String),
    /// A number, converted exactly from the file's shortest decimal form.
    /// `percent` is set when the cell's number format shows it as a
    /// percentage (0.95 displayed as 95%).
    Number { value: Decimal, percent: bool },
    /// TRUE / FALSE.
    Bool(bool),
    /// An error value (#DIV/0!, #REF!, …), as text.
    Error(String),
    /// A date or time, as ISO text.
    Date(String),
    /// A formula whose result the file does not store (written by a program
    /// that does not compute). Its value cannot be trusted.
    FormulaNoValue { formula: String },
}

impl CellValue {
    /// The value as a person would read it, for messages.
    pub fn display(&self) -> String {
        match self {
            CellValue::Text(s) => s.clone(),
            CellValue::Number { value, percent } => {
                // A percentage too large to scale (near Decimal's limit,
                // which no form holds) is shown as the number the file has.
                match value.checked_mul(Decimal::ONE_HUNDRED) {
                    Some(p) if *percent => format!("{}%", p.normalize()),
                    _ => value.normalize().to_string(),
                }
            }
            CellValue::Bool(b) => if *b { "TRUE" } else { "FALSE" }.to_string(),
            CellValue::Error(e) => e.clone(),
            CellValue::Date(d) => d.clone(),
            CellValue::FormulaNoValue { formula } => format!("={formula}"),
        }
    }

    /// The text of a text cell.
    pub fn as_text(&self) -> Option<&str> {
        match self {
            CellValue::Text(s) => Some(s),
            _ => None,
        }
    }
}

/// One non-empty cell.
#[derive(Debug, Clone, PartialEq)]
pub struct Cell {
    pub addr: Addr,
    pub value: CellValue,
}

/// A merged area, inclusive corners.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Merge {
    pub first: Addr,
    pub last: Addr,
}

/// One sheet's cells, sorted by row then column. Empty cells are absent.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Sheet {
    pub name: String,
    pub cells: Vec<Cell>,
    pub merges: Vec<Merge>,
    /// Set when the sheet held more cells than any form has, or cells
    /// beyond Excel's grid: reading stopped and `cells` is incomplete.
    pub too_large: bool,
}

impl Sheet {
    /// The cell at an address, if it is not empty. `cells` must be sorted.
    pub fn get(&self, addr: Addr) -> Option<&CellValue> {
        self.cells
            .binary_search_by(|c| c.addr.cmp(&addr))
            .ok()
            .map(|i| &self.cells[i].value)
    }

    /// Sorts cells into row-major order and drops duplicates (last wins).
    pub fn normalize(&mut self) {
        self.cells.sort_by_key(|c| c.addr);
        self.cells.dedup_by(|later, earlier| {
            if later.addr == earlier.addr {
                std::mem::swap(later, earlier);
                true
            } else {
                false
            }
        });
    }
}

/// All sheets of one file, in the workbook's order.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Workbook {
    pub sheets: Vec<Sheet>,
    /// The file's custom document properties (name, value as text), as
    /// far as the format keeps them (.xlsx `docProps/custom.xml`, .ods
    /// user-defined metadata): how dvht recognises its own workbooks
    /// ([`crate::own`]).
    pub properties: Vec<(String, String)>,
}

impl Workbook {
    /// A workbook of these sheets and no properties.
    pub fn of_sheets(sheets: Vec<Sheet>) -> Workbook {
        Workbook {
            sheets,
            properties: Vec::new(),
        }
    }

    /// The value of a custom document property.
    pub fn property(&self, name: &str) -> Option<&str> {
        self.properties
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a1_names() {
        assert_eq!(Addr::new(0, 0).to_string(), "A1");
        assert_eq!(Addr::new(11, 25).to_string(), "Z12");
        assert_eq!(Addr::new(0, 26).to_string(), "AA1");
        assert_eq!(Addr::new(1_048_575, 16_383).to_string(), "XFD1048576");
        assert_eq!(col_name(u32::MAX).len(), 7);
    }

    #[test]
    fn normalize_sorts_and_keeps_last() {
        let t = |s: &str| CellValue::Text(s.into());
        let mut s = Sheet {
            cells: vec![
                Cell {
                    addr: Addr::new(2, 0),
                    value: t("c"),
                },
                Cell {
                    addr: Addr::new(0, 1),
                    value: t("a"),
                },
                Cell {
                    addr: Addr::new(0, 1),
                    value: t("b"),
                },
            ],
            ..Default::default()
        };
        s.normalize();
        assert_eq!(s.cells.len(), 2);
        assert_eq!(s.get(Addr::new(0, 1)), Some(&t("b")));
        assert_eq!(s.get(Addr::new(2, 0)), Some(&t("c")));
        assert_eq!(s.get(Addr::new(1, 0)), None);
    }
}
