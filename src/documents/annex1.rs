//! The district's Phụ lục 1 totals for the report, as the district
//! workbook's "Thống kê" sheet lists them under "Phụ lục 1 (toàn huyện)"
//! (one row per figure: its label, the district total, the number of units
//! that reported it). Read by the labels, not by rows, so a workbook saved
//! by another program, or with rows added above, reads the same.

use crate::cells::{Addr, CellValue, Workbook};
use crate::form::Pl1Field;
use crate::text::fold_ascii;
use crate::value::{Kind, parse};
use crate::workbook::SHEET_STATS;
use rust_decimal::Decimal;

/// The heading of the totals on "Thống kê".
pub const HEADING: &str = "Phụ lục 1 (toàn huyện)";

/// (label, district total, whether an amount of money) of every Phụ lục 1
/// figure the workbook gives a total for, in the form's order. Empty when
/// the workbook has no such sheet or table; a figure no unit reported (its
/// total left blank) or whose total is not a number is left out.
///
/// ```
/// use dvht::cells::{Addr, Cell, CellValue, Sheet, Workbook};
/// let t = |r, c, s: &str| Cell { addr: Addr::new(r, c), value: CellValue::Text(s.into()) };
/// let n = |r, c, v: i64| Cell {
///     addr: Addr::new(r, c),
///     value: CellValue::Number { value: v.into(), percent: false },
/// };
/// let sheet = Sheet {
///     name: "Thống kê".into(),
///     cells: vec![
///         t(20, 0, "Phụ lục 1 (toàn huyện)"),
///         t(21, 0, "Tổng số hội viên năm nay"), n(21, 1, 1234), n(21, 2, 26),
///         t(22, 0, "Thành tiền hội phí (đồng)"), n(22, 1, 14_808_000), n(22, 2, 26),
///     ],
///     ..Sheet::default()
/// };
/// let totals = dvht::documents::annex1::district_totals(&Workbook::of_sheets(vec![sheet]));
/// assert_eq!(totals.len(), 2);
/// assert_eq!(totals[1].0, "Thành tiền hội phí (đồng)");
/// assert_eq!(totals[1].1, 14_808_000.into());
/// assert!(totals[1].2 && !totals[0].2);
/// ```
pub fn district_totals(wb: &Workbook) -> Vec<(String, Decimal, bool)> {
    let name = fold_ascii(SHEET_STATS);
    let Some(sheet) = wb.sheets.iter().find(|s| fold_ascii(&s.name) == name) else {
        return Vec::new();
    };
    let text = |c: &crate::cells::Cell| c.value.as_text().map(|t| fold_ascii(t.trim()));
    let heading = fold_ascii(HEADING);
    let Some(start) = sheet
        .cells
        .iter()
        .find(|c| c.addr.col == 0 && text(c).as_deref() == Some(heading.as_str()))
        .map(|c| c.addr.row)
    else {
        return Vec::new();
    };
    let mut found: Vec<(Pl1Field, Decimal)> = Vec::new();
    for c in sheet
        .cells
        .iter()
        .filter(|c| c.addr.col == 0 && c.addr.row > start)
    {
        let Some(label) = text(c) else { continue };
        let Some(field) = Pl1Field::ALL
            .into_iter()
            .find(|f| fold_ascii(f.label()) == label)
        else {
            continue;
        };
        if found.iter().any(|(f, _)| *f == field) {
            continue;
        }
        let kind = if field.is_money() {
            Kind::Money
        } else {
            Kind::Count
        };
        let total = sheet
            .get(Addr::new(c.addr.row, 1))
            .map(|v: &CellValue| parse(v, kind));
        if let Some(Ok(Some(v))) = total {
            found.push((field, v));
        }
    }
    found.sort_by_key(|(f, _)| *f);
    found
        .into_iter()
        .map(|(f, v)| (f.label().to_string(), v, f.is_money()))
        .collect()
}
