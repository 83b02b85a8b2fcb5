//! "Chi tiết": beyond the per-unit sheet limit, every unit's rubric as
//! unit × item rows on one long sheet, with the same formulas as a unit's
//! own sheet. Written row by row in low-memory mode, so ten thousand units
//! cost no more memory than ten, and in input order (the order of the
//! "Tệp" sheet), so that it can be written while the forms are still being
//! read ([`super::Book::stream_detail`]): the ranking is on "Tổng hợp".

use super::calc::{self, result};
use super::unit_sheet::{
    ItemCells, ItemShape, item_cells, write_class_cells, write_item_row, write_total_scores,
};
use super::{A4, LINE_HEIGHT, Place, SHEET_DETAIL, Styles, UnitRow, clip, fit_lines, lines};
use crate::rubric::Rubric;
use rust_xlsxwriter::{Formula, Worksheet, XlsxError};

const HEADER_ROW: u32 = 1;
/// Lines of text a row shows without a height of its own.
const DEFAULT_LINES: usize = 2;
const FIRST_ROW: u32 = HEADER_ROW + 1;

/// The unit's number in input order ("TT").
const COL_NO: u16 = 0;
const COL_UNIT: u16 = 1;
const COL_STT: u16 = 2;
const COL_ID: u16 = 3;
const COL_TEXT: u16 = 4;
/// The maximum, then self, computed and proposed scores (6–8).
const COL_MAX: u16 = 5;
const COL_TEAM: u16 = 9;
const COL_FINAL: u16 = 10;
const COL_EXPLAIN: u16 = 11;

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
    items: Vec<ItemCells<'a>>,
    /// Lines each item's row takes (criterion, explanation, unit name).
    lines: Vec<usize>,
    total: Formula,
    class: Formula,
}

fn prepare<'a>(rubric: &'a Rubric, shapes: &'a [ItemShape], u: &'a UnitRow<'a>) -> Prepared<'a> {
    let p = &u.place;
    let name = clip(&u.name);
    let name_lines = lines(&name, 28.0);
    let mut items = Vec::with_capacity(shapes.len());
    let mut row_lines = Vec::with_capacity(shapes.len());
    for (i, shape) in shapes.iter().enumerate() {
        if let Some(cells) = item_cells(rubric, shapes, u, i, COL_STT, 36.0) {
            let text = lines(&shape.text, 50.0 - 2.0 * shape.depth as f64);
            row_lines.push(text.max(cells.explain_lines).max(name_lines));
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
        items,
        lines: row_lines,
        total,
        class,
    } = unit;
    let p = &u.place;
    for (cells, n) in items.into_iter().zip(row_lines) {
        let r = cells.row;
        ws.write_number_with_format(r, COL_NO, (u.seq + 1) as f64, &st.center)?;
        ws.write_string_with_format(r, COL_UNIT, &name, &st.text)?;
        write_item_row(ws, st, cells)?;
        fit_lines(ws, r, n, DEFAULT_LINES)?;
    }
    let tr = p.total_row;
    row_head(ws, st, u, &name, tr, "total", "Tổng cộng")?;
    write_total_scores(ws, st, rubric, u, tr, COL_MAX)?;
    ws.write_formula_with_format(tr, COL_FINAL, total, &st.formula_bold)?;
    ws.write_blank(tr, COL_EXPLAIN, &st.wrap)?;

    let cr = p.class_row;
    row_head(ws, st, u, &name, cr, "class", "Xếp loại")?;
    write_class_cells(ws, st, u, cr, COL_MAX)?;
    ws.write_formula_with_format(cr, COL_FINAL, class, &st.formula_bold)?;
    ws.write_blank(cr, COL_EXPLAIN, &st.wrap)?;
    Ok(())
}

/// The first cells of a unit's total or classification row: its number,
/// name, an empty STT, the row's id and label.
fn row_head(
    ws: &mut Worksheet,
    st: &Styles,
    u: &UnitRow,
    name: &str,
    r: u32,
    id: &str,
    label: &str,
) -> Result<(), XlsxError> {
    ws.write_number_with_format(r, COL_NO, (u.seq + 1) as f64, &st.center)?;
    ws.write_string_with_format(r, COL_UNIT, name, &st.bold)?;
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
        6.0, 28.0, 6.0, 5.0, 50.0, 7.0, 7.0, 9.0, 8.0, 10.0, 9.0, 36.0,
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
    let heads = [
        "TT",
        "Đơn vị",
        "STT",
        "Mã",
        "Nội dung tiêu chí",
        "Điểm tối đa",
        "Điểm tự chấm",
        "Điểm tính từ số liệu",
        "Điểm đề xuất",
        "Điểm đoàn kiểm tra",
        "Điểm kết luận",
        "Giải thích",
    ];
    for (c, h) in heads.iter().enumerate() {
        ws.write_string_with_format(HEADER_ROW, c as u16, *h, &st.header)?;
    }
    ws.set_row_height(HEADER_ROW, 33)?;
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
    ws.set_freeze_panes(FIRST_ROW, 2)?;
    ws.autofilter(HEADER_ROW, 0, last, COL_EXPLAIN)?;
    ws.set_repeat_rows(HEADER_ROW, HEADER_ROW)?;
    ws.set_landscape();
    ws.set_paper_size(A4);
    ws.set_print_fit_to_pages(1, 0);
    ws.set_margins(0.4, 0.4, 0.5, 0.5, 0.3, 0.3);
    ws.set_footer("&CTrang &P/&N");
    Ok(())
}
