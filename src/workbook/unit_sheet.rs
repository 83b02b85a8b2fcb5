//! One sheet per unit: the rubric table with maximum, self, computed and
//! proposed scores, an empty "Điểm đoàn kiểm tra" column, the concluded score
//! (the team's where typed, else the proposed one) carried through groups,
//! total and classification, the explanation of every deduction, the
//! dossier and the unit's findings.

use super::calc::{self, result};
use super::{Input, Place, Styles, TeamValue, UnitRow, clip, f, fit, fit_lines, labels, lines};
use crate::findings::{Lang, Severity};
use crate::form::DossierDoc;
use crate::rubric::Rubric;
use rust_xlsxwriter::{DataValidation, DataValidationRule, Formula, Worksheet, XlsxError};

const HEADER_ROW: u32 = 3;
pub(crate) const WIDTHS: [f64; 11] = [7.0, 5.0, 46.0, 7.0, 7.0, 9.0, 8.0, 10.0, 9.0, 22.0, 34.0];
const FIRST_ROW: u32 = HEADER_ROW + 1;

pub(crate) const COL_STT: u16 = 0;
pub(crate) const COL_ID: u16 = 1;
pub(crate) const COL_TEXT: u16 = 2;
pub(crate) const COL_MAX: u16 = 3;
pub(crate) const COL_SELF: u16 = 4;
pub(crate) const COL_COMPUTED: u16 = 5;
pub(crate) const COL_PROPOSED: u16 = 6;
pub(crate) const COL_TEAM: u16 = 7;
pub(crate) const COL_FINAL: u16 = 8;
pub(crate) const COL_NOTE: u16 = 9;
pub(crate) const COL_EXPLAIN: u16 = 10;

/// The headers of a scoring table, from STT to Giải thích (the same on a
/// unit's sheet and on "Chi tiết", after its own first columns).
pub(crate) const HEADS: [&str; 11] = [
    "STT",
    labels::HEAD_ID,
    labels::HEAD_TEXT,
    labels::HEAD_MAX,
    labels::HEAD_SELF,
    labels::HEAD_COMPUTED,
    labels::HEAD_PROPOSED,
    labels::HEAD_TEAM,
    labels::HEAD_FINAL,
    labels::HEAD_NOTE,
    labels::HEAD_EXPLAIN,
];

/// The total row's maximum, self, computed and proposed scores (from column
/// `c_max` on) and the team's closed cell after them: the same on a unit's
/// sheet and on "Chi tiết".
pub(crate) fn write_total_scores(
    ws: &mut Worksheet,
    st: &Styles,
    rubric: &Rubric,
    u: &UnitRow,
    tr: u32,
    c_max: u16,
) -> Result<(), XlsxError> {
    ws.write_number_with_format(tr, c_max, f(rubric.total_max), &st.score_bold)?;
    let t = &u.unit.scored.total;
    for (k, v) in [t.self_score, t.computed, t.final_score]
        .into_iter()
        .enumerate()
    {
        let c = c_max + 1 + k as u16;
        match v {
            Some(v) => ws.write_number_with_format(tr, c, f(v), &st.score_bold)?,
            None => ws.write_blank(tr, c, &st.score_bold)?,
        };
    }
    ws.write_blank(tr, c_max + 4, &st.team_off)?;
    Ok(())
}

/// The cells after the concluded score of a total or classification row:
/// the note (closed) and the explanation.
pub(crate) fn write_row_tail(
    ws: &mut Worksheet,
    st: &Styles,
    r: u32,
    c0: u16,
) -> Result<(), XlsxError> {
    ws.write_blank(r, c0 + COL_NOTE, &st.team_off)?;
    ws.write_blank(r, c0 + COL_EXPLAIN, &st.wrap)?;
    Ok(())
}

/// The classification row's cells from the maximum's column (`c_max`) to
/// the team's: the self-assessed and proposed classes, blanks between.
pub(crate) fn write_class_cells(
    ws: &mut Worksheet,
    st: &Styles,
    u: &UnitRow,
    cr: u32,
    c_max: u16,
) -> Result<(), XlsxError> {
    let sc = &u.unit.scored;
    ws.write_blank(cr, c_max, &st.center)?;
    ws.write_string_with_format(
        cr,
        c_max + 1,
        sc.class_self.clone().unwrap_or_default(),
        &st.center,
    )?;
    ws.write_blank(cr, c_max + 2, &st.center)?;
    ws.write_string_with_format(
        cr,
        c_max + 3,
        sc.class_final.clone().unwrap_or_default(),
        &st.center,
    )?;
    ws.write_blank(cr, c_max + 4, &st.team_off)?;
    Ok(())
}

/// Where a unit's cells go on its own sheet.
pub(crate) fn place(rubric: &Rubric, sheet: String) -> Place {
    let n = rubric.items.len() as u32;
    Place {
        sheet,
        item_rows: (0..n).map(|i| FIRST_ROW + i).collect(),
        total_row: FIRST_ROW + n,
        class_row: FIRST_ROW + n + 1,
        col: COL_FINAL,
    }
}

/// The STT column as the plan prints it: "Trong đó" once, not on every row.
pub(crate) fn stt(rubric: &Rubric, i: usize) -> String {
    let it = &rubric.items[i];
    let s = it.stt.clone().unwrap_or_default();
    if i > 0 {
        let prev = &rubric.items[i - 1];
        if prev.parent == it.parent && prev.stt == it.stt {
            return String::new();
        }
    }
    s
}

/// The criterion text with the plan's scoring hint.
pub(crate) fn item_text(rubric: &Rubric, i: usize) -> String {
    let it = &rubric.items[i];
    match &it.note {
        Some(n) => format!("{} ({n})", it.text),
        None => it.text.clone(),
    }
}

/// A unit's sheet, built on its own (the workbook is not touched, so units'
/// sheets can be built in parallel): it keeps its own format and string
/// tables, which the workbook numbers in sheet order when it is saved, so the
/// bytes do not depend on which sheet was built first.
pub(crate) fn build(input: &Input, st: &Styles, u: &UnitRow) -> Result<Worksheet, XlsxError> {
    let mut ws = Worksheet::new();
    // An empty result must stay empty: rust_xlsxwriter would write "0".
    ws.set_formula_result_default("");
    ws.set_name(&u.place.sheet)?;
    for (c, w) in WIDTHS.iter().enumerate() {
        ws.set_column_width(c as u16, *w)?;
    }
    head(&mut ws, input, st, u)?;
    table(&mut ws, input.rubric, st, u)?;
    let r = dossier(&mut ws, st, &u.unit.form, u.place.class_row + 2)?;
    findings_table(&mut ws, st, u, r + 1)?;
    ws.set_freeze_panes(FIRST_ROW, 0)?;
    ws.set_repeat_rows(HEADER_ROW, HEADER_ROW)?;
    ws.set_portrait();
    super::print_a4(&mut ws);
    ws.set_footer(format!("&L{}&RTrang &P/&N", footer_text(&u.name)));
    super::protect(&mut ws, false);
    Ok(ws)
}

/// The title; "Đơn vị:" and "Tệp:" with the unit's name and file in the
/// cell to their right (where [`crate::readback`] finds them), the live
/// rank from "Tổng hợp", the members and the classification the form wrote.
fn head(ws: &mut Worksheet, input: &Input, st: &Styles, u: &UnitRow) -> Result<(), XlsxError> {
    let mut title = "KẾT QUẢ ĐÁNH GIÁ, XẾP LOẠI “ĐƠN VỊ HỌC TẬP”".to_string();
    if let Some(y) = input.year {
        title.push_str(&format!(" NĂM {y}"));
    }
    ws.merge_range(0, 0, 0, COL_EXPLAIN, &title, &st.title)?;
    ws.set_row_height(0, 24)?;
    ws.merge_range(1, COL_STT, 1, COL_ID, labels::LABEL_UNIT, &st.label)?;
    ws.merge_range(1, COL_TEXT, 1, COL_PROPOSED, &clip(&u.name), &st.value_bold)?;
    ws.merge_range(1, COL_TEAM, 1, COL_FINAL, "Hạng:", &st.label)?;
    let (rr, rc) = super::summary::rank_cell(input.rubric, u.rank);
    let fm = Formula::new(format!(
        "={}",
        calc::sheet_ref(super::SHEET_SUMMARY, rr, rc)
    ))
    .set_result(super::summary::rank_text(u));
    ws.write_formula_with_format(1, COL_NOTE, fm, &st.value_bold)?;
    ws.write_blank(1, COL_EXPLAIN, &st.value)?;
    let form = &u.unit.form;
    ws.merge_range(2, COL_STT, 2, COL_ID, labels::LABEL_FILE, &st.label)?;
    ws.merge_range(2, COL_TEXT, 2, COL_PROPOSED, &clip(&u.source()), &st.value)?;
    let mut facts = vec![format!("Trang: '{}'", form.sheet)];
    if let Some(m) = &form.members {
        facts.push(format!(
            "Số thành viên: {}",
            crate::findings::num_vi(m.value)
        ));
    }
    if let Some(c) = &form.classification {
        facts.push(format!("Xếp loại tự ghi: {}", c.value));
    }
    ws.merge_range(
        2,
        COL_TEAM,
        2,
        COL_EXPLAIN,
        &clip(&facts.join("   ")),
        &st.note,
    )?;
    Ok(())
}

/// The scoring table: header, one row per rubric item, total and
/// classification.
fn table(ws: &mut Worksheet, rubric: &Rubric, st: &Styles, u: &UnitRow) -> Result<(), XlsxError> {
    let p = &u.place;
    for (c, h) in HEADS.iter().enumerate() {
        ws.write_string_with_format(HEADER_ROW, c as u16, *h, &st.header)?;
    }
    ws.set_row_height(HEADER_ROW, 48)?;
    let shapes = shapes(rubric);
    for i in 0..rubric.items.len() {
        let Some(cells) = item_cells(rubric, &shapes, u, i, COL_STT, WIDTHS[10]) else {
            continue;
        };
        write_sized_item_row(ws, st, cells)?;
    }
    let first = p.item_rows.first().copied().unwrap_or(FIRST_ROW);
    let last = p.item_rows.last().copied().unwrap_or(FIRST_ROW);
    validate_team_column(ws, first, last)?;

    let tr = p.total_row;
    ws.merge_range(tr, COL_STT, tr, COL_TEXT, "Tổng cộng", &st.bold)?;
    write_total_scores(ws, st, rubric, u, tr, COL_MAX)?;
    let parts: Vec<String> = calc::tops(rubric)
        .into_iter()
        .map(|k| calc::cell(p.item_rows[k], COL_FINAL))
        .collect();
    let fm = Formula::new(calc::sum_formula(&parts)).set_result(result(u.calc.total));
    ws.write_formula_with_format(tr, COL_FINAL, fm, &st.formula_bold)?;
    write_row_tail(ws, st, tr, COL_STT)?;

    let cr = p.class_row;
    ws.merge_range(cr, COL_STT, cr, COL_TEXT, "Xếp loại", &st.bold)?;
    write_class_cells(ws, st, u, cr, COL_MAX)?;
    let fm = Formula::new(calc::band_formula(rubric, &calc::cell(tr, COL_FINAL)))
        .set_result(u.calc.class.clone().unwrap_or_default());
    ws.write_formula_with_format(cr, COL_FINAL, fm, &st.formula_bold)?;
    write_row_tail(ws, st, cr, COL_STT)?;
    Ok(())
}

/// The dossier checklist from row `r`; the row after it.
fn dossier(
    ws: &mut Worksheet,
    st: &Styles,
    form: &crate::form::Form,
    mut r: u32,
) -> Result<u32, XlsxError> {
    ws.write_string_with_format(r, COL_TEXT, "Hồ sơ minh chứng", &st.header)?;
    ws.write_string_with_format(r, COL_MAX, "Có", &st.header)?;
    r += 1;
    match &form.dossier {
        None => {
            ws.write_string_with_format(r, COL_TEXT, "Biểu mẫu không có danh mục hồ sơ", &st.wrap)?;
            ws.write_blank(r, COL_MAX, &st.center)?;
            r += 1;
        }
        Some(d) => {
            for doc in DossierDoc::ALL {
                let mark = match d.get(&doc).and_then(|m| m.as_ref()) {
                    Some(m) if m.value => "Có",
                    Some(_) => "Không",
                    None => "—",
                };
                ws.write_string_with_format(r, COL_TEXT, doc.label(), &st.wrap)?;
                fit(ws, r, &[(doc.label(), WIDTHS[2])])?;
                ws.write_string_with_format(r, COL_MAX, mark, &st.center)?;
                r += 1;
            }
        }
    }
    Ok(r)
}

/// The findings about the unit and its file, from row `r`: severity, the
/// criterion it concerns, the message, the form's cell and the code.
fn findings_table(ws: &mut Worksheet, st: &Styles, u: &UnitRow, r: u32) -> Result<(), XlsxError> {
    let rows: Vec<FindingRow> = u
        .file
        .findings
        .iter()
        .chain(u.unit.findings.iter())
        .map(|fnd| FindingRow {
            severity: fnd.severity,
            criterion: u.unit.criterion_of(fnd).unwrap_or(""),
            message: fnd.message(Lang::Vi),
            cell: fnd.cell.as_deref().unwrap_or(""),
            code: fnd.code.as_str(),
        })
        .collect();
    write_findings(ws, st, r, &rows)?;
    Ok(())
}

/// One finding's row under a scoring table.
pub(crate) struct FindingRow<'a> {
    pub severity: Severity,
    pub criterion: &'a str,
    pub message: String,
    pub cell: &'a str,
    pub code: &'a str,
}

/// The findings table under a scoring table from row `r` (the one
/// [`crate::readback`] reads back): its header, then each finding, or a
/// line saying there is none. Returns the row after it.
pub(crate) fn write_findings(
    ws: &mut Worksheet,
    st: &Styles,
    mut r: u32,
    rows: &[FindingRow],
) -> Result<u32, XlsxError> {
    ws.write_string_with_format(r, COL_STT, labels::HEAD_SEVERITY, &st.header)?;
    ws.write_string_with_format(r, COL_ID, labels::HEAD_CRITERION, &st.header)?;
    ws.merge_range(r, COL_TEXT, r, COL_FINAL, labels::HEAD_MESSAGE, &st.header)?;
    ws.write_string_with_format(r, COL_NOTE, labels::HEAD_CELL, &st.header)?;
    ws.write_string_with_format(r, COL_EXPLAIN, labels::HEAD_CODE, &st.header)?;
    ws.set_row_height(r, 33)?;
    r += 1;
    if rows.is_empty() {
        ws.merge_range(
            r,
            COL_TEXT,
            r,
            COL_FINAL,
            "Không có phát hiện nào.",
            &st.wrap,
        )?;
        return Ok(r + 1);
    }
    for fnd in rows {
        let (sev, fmt) = match fnd.severity {
            Severity::Error => (labels::SEVERITY_ERROR, &st.error),
            Severity::Warning => (labels::SEVERITY_WARNING, &st.warning),
        };
        ws.write_string_with_format(r, COL_STT, sev, fmt)?;
        ws.write_string_with_format(r, COL_ID, fnd.criterion, &st.center)?;
        let message = clip(&fnd.message);
        ws.merge_range(r, COL_TEXT, r, COL_FINAL, &message, &st.wrap)?;
        fit(ws, r, &[(&message, WIDTHS[2..9].iter().sum())])?;
        ws.write_string_with_format(r, COL_NOTE, fnd.cell, &st.center)?;
        ws.write_string_with_format(r, COL_EXPLAIN, fnd.code, &st.text)?;
        r += 1;
    }
    Ok(r)
}

/// What every unit's row of a rubric item shares: worked out once per
/// workbook, not once per unit.
pub(crate) struct ItemShape {
    pub stt: String,
    /// The criterion text with the plan's scoring hint.
    pub text: String,
    /// Depth in the rubric, at most 2 (the text's indent).
    pub depth: usize,
    pub group: bool,
    pub max: f64,
    /// Indices of the items a group adds up.
    pub kids: Vec<usize>,
}

/// The shape of every rubric item's row, in rubric order.
pub(crate) fn shapes(rubric: &Rubric) -> Vec<ItemShape> {
    (0..rubric.items.len())
        .map(|i| {
            let it = &rubric.items[i];
            let group = it.is_group();
            ItemShape {
                stt: stt(rubric, i),
                text: item_text(rubric, i),
                depth: rubric.depth(&it.id).min(2),
                group,
                max: f(it.max),
                kids: if group {
                    calc::children(rubric, i)
                } else {
                    Vec::new()
                },
            }
        })
        .collect()
}

/// One rubric item's cells of a unit, ready to write: everything that does
/// not need the worksheet, so that it can be prepared on another thread.
pub(crate) struct ItemCells<'a> {
    pub shape: &'a ItemShape,
    pub id: &'a str,
    pub row: u32,
    /// The first column (STT).
    pub c0: u16,
    /// Self, computed and proposed scores.
    pub scores: [Option<f64>; 3],
    /// The concluded score's formula, with its result.
    pub formula: Formula,
    /// What the team typed: score and note.
    pub team: Option<&'a TeamValue>,
    pub note: Option<&'a str>,
    pub explain: String,
    /// Lines the explanation takes in its column.
    pub explain_lines: usize,
}

/// Prepares one rubric item's cells (STT … Giải thích) of a unit, from
/// column `c0` on: the unit's own sheet starts at 0, "Chi tiết" after its
/// rank and unit columns; `explain_width` is the width of the explanation
/// column.
pub(crate) fn item_cells<'a>(
    rubric: &'a Rubric,
    shapes: &'a [ItemShape],
    u: &'a UnitRow,
    i: usize,
    c0: u16,
    explain_width: f64,
) -> Option<ItemCells<'a>> {
    let it = rubric.items.get(i)?;
    let shape = shapes.get(i)?;
    let p = &u.place;
    let r = *p.item_rows.get(i)?;
    let s = u.unit.scored.items.get(i);
    let value = u.calc.items.get(i).copied().flatten();
    let formula = if shape.group {
        let parts: Vec<String> = shape
            .kids
            .iter()
            .map(|&k| calc::cell(p.item_rows[k], c0 + COL_FINAL))
            .collect();
        Formula::new(calc::sum_formula(&parts))
    } else {
        Formula::new(calc::leaf_formula(
            &calc::cell(r, c0 + COL_TEAM),
            &calc::cell(r, c0 + COL_PROPOSED),
        ))
    }
    .set_result(match u.typed.and_then(|t| t.team(i)) {
        Some(TeamValue::Text(t)) if !shape.group => t.clone(),
        _ => result(value),
    });
    let explain = s
        .and_then(|s| s.explanation.as_ref())
        .map(|e| e.render(Lang::Vi))
        .unwrap_or_default();
    let explain = explain.as_str();
    let (team, note) = match u.typed {
        Some(t) if !shape.group => (t.team(i), t.note(i)),
        _ => (None, None),
    };
    Some(ItemCells {
        shape,
        id: &it.id,
        row: r,
        c0,
        scores: [
            s.and_then(|s| s.self_score).map(f),
            s.and_then(|s| s.computed).map(f),
            s.and_then(|s| s.final_score).map(f),
        ],
        formula,
        team,
        note,
        explain_lines: lines(explain, explain_width),
        explain: clip(explain),
    })
}

/// [`write_item_row`] on a unit's own sheet, the row as high as its
/// criterion text, note or explanation needs.
pub(crate) fn write_sized_item_row(
    ws: &mut Worksheet,
    st: &Styles,
    cells: ItemCells,
) -> Result<(), XlsxError> {
    let (r, shape) = (cells.row, cells.shape);
    let n = cells
        .explain_lines
        .max(lines(cells.note.unwrap_or(""), WIDTHS[9]));
    write_item_row(ws, st, cells)?;
    fit_lines(
        ws,
        r,
        lines(&shape.text, WIDTHS[2] - 2.0 * shape.depth as f64).max(n),
        1,
    )
}

/// The team's score column of a unit's sheet, rows `first..=last`, takes
/// a number from 0 to the row's maximum.
pub(crate) fn validate_team_column(
    ws: &mut Worksheet,
    first: u32,
    last: u32,
) -> Result<(), XlsxError> {
    ws.add_data_validation(
        first,
        COL_TEAM,
        last,
        COL_TEAM,
        &team_validation(first, COL_MAX)?,
    )?;
    Ok(())
}

/// Writes one rubric item's cells of a unit. The caller sizes the row.
pub(crate) fn write_item_row(
    ws: &mut Worksheet,
    st: &Styles,
    cells: ItemCells,
) -> Result<(), XlsxError> {
    let ItemCells {
        shape,
        id,
        row: r,
        c0,
        scores,
        formula,
        team,
        note,
        explain,
        ..
    } = cells;
    ws.write_string_with_format(r, c0 + COL_STT, &shape.stt, &st.center)?;
    ws.write_string_with_format(r, c0 + COL_ID, id, &st.center)?;
    let tf = if shape.group {
        &st.indent[0]
    } else {
        &st.indent[shape.depth]
    };
    ws.write_string_with_format(r, c0 + COL_TEXT, &shape.text, tf)?;
    let nf = if shape.group {
        &st.score_bold
    } else {
        &st.score
    };
    ws.write_number_with_format(r, c0 + COL_MAX, shape.max, nf)?;
    for (c, v) in [c0 + COL_SELF, c0 + COL_COMPUTED, c0 + COL_PROPOSED]
        .into_iter()
        .zip(scores)
    {
        match v {
            Some(v) => ws.write_number_with_format(r, c, v, nf)?,
            None => ws.write_blank(r, c, nf)?,
        };
    }
    if shape.group {
        ws.write_blank(r, c0 + COL_TEAM, &st.team_off)?;
        ws.write_formula_with_format(r, c0 + COL_FINAL, formula, &st.formula_bold)?;
        ws.write_blank(r, c0 + COL_NOTE, &st.team_off)?;
    } else {
        match team {
            Some(TeamValue::Number(v)) => {
                ws.write_number_with_format(r, c0 + COL_TEAM, f(*v), &st.team)?
            }
            Some(TeamValue::Text(t)) => {
                ws.write_string_with_format(r, c0 + COL_TEAM, clip(t), &st.team)?
            }
            None => ws.write_blank(r, c0 + COL_TEAM, &st.team)?,
        };
        ws.write_formula_with_format(r, c0 + COL_FINAL, formula, &st.formula)?;
        match note {
            Some(n) => ws.write_string_with_format(r, c0 + COL_NOTE, clip(n), &st.team_note)?,
            None => ws.write_blank(r, c0 + COL_NOTE, &st.team_note)?,
        };
    }
    ws.write_string_with_format(r, c0 + COL_EXPLAIN, explain, &st.wrap)?;
    Ok(())
}

/// The team may type a score from 0 to the row's maximum (read from the
/// maximum column of the same row: one rule for the whole column).
pub(crate) fn team_validation(first_row: u32, max_col: u16) -> Result<DataValidation, XlsxError> {
    // Column absolute, row relative: "=$D5" applied from row 5 down.
    let max = format!(
        "=${}{}",
        crate::cells::col_name(u32::from(max_col)),
        first_row + 1
    );
    DataValidation::new()
        .allow_decimal_number_formula(DataValidationRule::Between(
            Formula::new("=0"),
            Formula::new(max),
        ))
        .set_error_title("Điểm không hợp lệ")?
        .set_error_message(
            "Điểm đoàn kiểm tra phải là một số từ 0 đến điểm tối đa của tiêu chí (cột Điểm tối đa). Để trống nếu giữ điểm đề xuất.",
        )
}

/// A footer text: `&` doubled, cut short (Excel limits headers to 255).
pub(crate) fn footer_text(s: &str) -> String {
    let t: String = s.chars().take(80).collect();
    t.replace('&', "&&")
}
