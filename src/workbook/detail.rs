//! "Chi tiết": beyond the per-unit sheet limit, every unit's rubric as
//! unit × item rows on one long sheet, with the same formulas as a unit's
//! own sheet. Written row by row in low-memory mode, so ten thousand units
//! cost no more memory than ten, and in input order (the order of the
//! "Tệp" sheet), so that it can be written while the forms are still being
//! read ([`super::Book::stream_detail`]): the ranking is on "Tổng hợp".

use super::calc::{self, result};
use super::unit_sheet::{
    self, ItemCells, ItemShape, item_cells, write_class_cells, write_item_row, write_row_tail,
    write_total_scores,
};
use super::{LINE_HEIGHT, Place, SHEET_DETAIL, Styles, UnitRow, clip, fit_lines, labels, lines};
use crate::rubric::Rubric;
use rust_xlsxwriter::{Formula, Worksheet, XlsxError};

const HEADER_ROW: u32 = 1;
/// Lines of text a row shows without a height of its own.
const DEFAULT_LINES: usize = 2;
const FIRST_ROW: u32 = HEADER_ROW + 1;

/// The unit's number in input order ("TT"), its name and its file.
const COL_NO: u16 = 0;
const COL_UNIT: u16 = 1;
const COL_FILE: u16 = 2;
/// The scoring table's columns (as on a unit's sheet) start here.
const COL_STT: u16 = 3;
const COL_ID: u16 = COL_STT + unit_sheet::COL_ID;
const COL_TEXT: u16 = COL_STT + unit_sheet::COL_TEXT;
/// The maximum, then self, computed and proposed scores.
const COL_MAX: u16 = COL_STT + unit_sheet::COL_MAX;
const COL_TEAM: u16 = COL_STT + unit_sheet::COL_TEAM;
const COL_FINAL: u16 = COL_STT + unit_sheet::COL_FINAL;
const COL_EXPLAIN: u16 = COL_STT + unit_sheet::COL_EXPLAIN;

fn block(rubric: &Rubric) -> u32 {
    rubric.items.len() as u32 + 2
}

/// Where the `i`-th unit (in input order, from 0) goes.
pub(crate) fn place(rubric: &Rubric, i: usize) -> Place {
    let n = rubric.items.len() as u32;
    let first = FIRST_ROW + i as u32 * block(rubric);
    Place {
        sheet: SHEET_DETAIL.to_string(),
        item_rows: (0..n).map(|k| first + k).collect(),
        total_row: first + n,
        class_row: first + n + 1,
        col: COL_FINAL,
    }
}

/// One unit's rows, ready to write.
struct Prepared<'a> {
    u: &'a UnitRow<'a>,
    name: String,
    source: String,
    items: Vec<ItemCells<'a>>,
    /// Lines each item's row takes (criterion, explanation, unit name).
    lines: Vec<usize>,
    total: Formula,
    class: Formula,
}

fn prepare<'a>(rubric: &'a Rubric, shapes: &'a [ItemShape], u: &'a UnitRow<'a>) -> Prepared<'a> {
    let p = &u.place;
    let name = clip(&u.name);
    let source = clip(&u.source());
    let name_lines = lines(&name, 24.0).max(lines(&source, 16.0));
    let mut items = Vec::with_capacity(shapes.len());
    let mut row_lines = Vec::with_capacity(shapes.len());
    for (i, shape) in shapes.iter().enumerate() {
        if let Some(cells) = item_cells(rubric, shapes, u, i, COL_STT, 34.0) {
            let text = lines(&shape.text, 46.0 - 2.0 * shape.depth as f64);
            let note = lines(cells.note.unwrap_or(""), 22.0);
            row_lines.push(text.max(cells.explain_lines).max(name_lines).max(note));
            items.push(cells);
        }
    }
    let parts: Vec<String> = calc::tops(rubric)
        .into_iter()
        .map(|k| calc::cell(p.item_rows[k], COL_FINAL))
        .collect();
    let total = Formula::new(calc::sum_formula(&parts)).set_result(result(u.calc.total));
    let class = Formula::new(calc::band_formula(
        rubric,
        &calc::cell(p.total_row, COL_FINAL),
    ))
    .set_result(u.calc.class.clone().unwrap_or_default());
    Prepared {
        u,
        name,
        source,
        items,
        lines: row_lines,
        total,
        class,
    }
}

/// Writes one unit's rows, in the order the cells were always written (the
/// workbook numbers formats and strings in order of first use).
fn write_unit(
    ws: &mut Worksheet,
    st: &Styles,
    rubric: &Rubric,
    unit: Prepared,
) -> Result<(), XlsxError> {
    let Prepared {
        u,
        name,
        source,
        items,
        lines: row_lines,
        total,
        class,
    } = unit;
    let p = &u.place;
    for (cells, n) in items.into_iter().zip(row_lines) {
        let r = cells.row;
        ws.write_number_with_format(r, COL_NO, (u.seq + 1) as f64, &st.center)?;
        ws.write_string_with_format(r, COL_UNIT, &name, &st.wrap)?;
        ws.write_string_with_format(r, COL_FILE, &source, &st.wrap)?;
        write_item_row(ws, st, cells)?;
        fit_lines(ws, r, n, DEFAULT_LINES)?;
    }
    let tr = p.total_row;
    let heads = (name.as_str(), source.as_str());
    row_head(ws, st, u, heads, tr, labels::ROW_TOTAL, "Tổng cộng")?;
    write_total_scores(ws, st, rubric, u, tr, COL_MAX)?;
    ws.write_formula_with_format(tr, COL_FINAL, total, &st.formula_bold)?;
    write_row_tail(ws, st, tr, COL_STT)?;

    let cr = p.class_row;
    row_head(ws, st, u, heads, cr, labels::ROW_CLASS, "Xếp loại")?;
    write_class_cells(ws, st, u, cr, COL_MAX)?;
    ws.write_formula_with_format(cr, COL_FINAL, class, &st.formula_bold)?;
    write_row_tail(ws, st, cr, COL_STT)?;
    Ok(())
}

/// The first cells of a unit's total or classification row: its number,
/// name and file, an empty STT, the row's id and label.
fn row_head(
    ws: &mut Worksheet,
    st: &Styles,
    u: &UnitRow,
    (name, source): (&str, &str),
    r: u32,
    id: &str,
    label: &str,
) -> Result<(), XlsxError> {
    ws.write_number_with_format(r, COL_NO, (u.seq + 1) as f64, &st.center)?;
    ws.write_string_with_format(r, COL_UNIT, name, &st.indent[0])?;
    ws.write_string_with_format(r, COL_FILE, source, &st.wrap)?;
    ws.write_blank(r, COL_STT, &st.center)?;
    ws.write_string_with_format(r, COL_ID, id, &st.center)?;
    ws.write_string_with_format(r, COL_TEXT, label, &st.bold)?;
    Ok(())
}

/// Names the sheet, sets its columns and writes its title and header.
pub(crate) fn begin(ws: &mut Worksheet, st: &Styles) -> Result<(), XlsxError> {
    // An empty result must stay empty: rust_xlsxwriter would write "0".
    ws.set_formula_result_default("");
    ws.set_name(SHEET_DETAIL)?;
    // Most rows need two lines (criterion and explanation wrap): that is
    // the sheet's default, so only taller rows are remembered (see fit_over).
    ws.set_default_row_height(DEFAULT_LINES as f64 * LINE_HEIGHT);
    let widths = [
        6.0, 24.0, 16.0, 7.0, 5.0, 46.0, 7.0, 7.0, 9.0, 8.0, 10.0, 9.0, 22.0, 34.0,
    ];
    for (c, w) in widths.iter().enumerate() {
        ws.set_column_width(c as u16, *w)?;
    }
    ws.write_string_with_format(
        0,
        0,
        "Chi tiết điểm từng đơn vị theo thứ tự tệp (xếp hạng ở trang Tổng hợp) — điểm đoàn kiểm tra nhập vào ô nền vàng; điểm kết luận, tổng và xếp loại tự cập nhật.",
        &st.note,
    )?;
    let heads = [labels::HEAD_NO, labels::HEAD_UNIT, labels::HEAD_FILE]
        .into_iter()
        .chain(unit_sheet::HEADS);
    for (c, h) in heads.enumerate() {
        ws.write_string_with_format(HEADER_ROW, c as u16, h, &st.header)?;
    }
    ws.set_row_height(HEADER_ROW, 48)?;
    Ok(())
}

/// Writes one unit's rows (the next in input order: `u.seq`).
pub(crate) fn push(
    ws: &mut Worksheet,
    st: &Styles,
    rubric: &Rubric,
    shapes: &[ItemShape],
    u: &UnitRow,
) -> Result<(), XlsxError> {
    write_unit(ws, st, rubric, prepare(rubric, shapes, u))
}

/// After the last unit: the team's column validated, panes, filter, print.
pub(crate) fn end(ws: &mut Worksheet, rubric: &Rubric, units: usize) -> Result<(), XlsxError> {
    let last = FIRST_ROW + (units as u32 * block(rubric)).max(1) - 1;
    let dv = super::unit_sheet::team_validation(FIRST_ROW, COL_MAX)?;
    ws.add_data_validation(FIRST_ROW, COL_TEAM, last, COL_TEAM, &dv)?;
    super::finish_list(ws, HEADER_ROW, 2, last, COL_EXPLAIN)
}
