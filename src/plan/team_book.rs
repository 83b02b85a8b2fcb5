//! A team's workbook: only its units, each on a scoring sheet laid out as
//! the district workbook's (the same columns, the team's score column to
//! fill, the same formulas, the unit's findings), with the team's time with
//! the unit and a line for the signatures; a first sheet lists the team,
//! its members and its units in time order.
//!
//! Two teams work on two computers; `dvht finalize` reads these workbooks
//! beside the district workbook through [`crate::readback`], which finds a
//! unit's rows by the labels of [`crate::workbook::labels`] ("Đơn vị:",
//! "Tệp:", the scoring table's headers) — the unit's name and file are
//! written back exactly as the district workbook holds them, so the two
//! pair up. The workbook carries dvht's mark of a team workbook
//! ([`crate::own::OwnKind::Team`]).

use super::schedule_book::{day_text, properties, time_text};
use super::{Plan, TeamPlan, Visit};
use crate::cells::CellValue;
use crate::own::OwnKind;
use crate::readback::BookUnit;
use crate::rubric::Rubric;
use crate::workbook::calc::{self, UnitCalc, result};
use crate::workbook::names::SheetNames;
use crate::workbook::unit_sheet::{
    COL_EXPLAIN, COL_FINAL, COL_ID, COL_MAX, COL_NOTE, COL_PROPOSED, COL_STT, COL_TEAM, COL_TEXT,
    FindingRow, HEADS, ItemCells, WIDTHS, footer_text, shapes, validate_team_column,
    write_findings, write_row_tail, write_sized_item_row,
};
use crate::workbook::{A4, Styles, TeamValue, Typed, clip, f, fit, labels, lines, protect};
use rust_decimal::Decimal;
use rust_xlsxwriter::{Formula, Url, Workbook, Worksheet, XlsxError};

/// The header row of a unit's scoring table; its items follow.
const HEADER_ROW: u32 = 3;
const FIRST_ROW: u32 = HEADER_ROW + 1;

/// A unit of the team, with its visit.
pub struct TeamUnit<'a> {
    pub visit: &'a Visit,
    pub unit: &'a BookUnit,
}

/// The team workbook's file name: "doan-1.xlsx" for "Đoàn 1" (letters and
/// digits of the name without accents; `taken` are names already used).
pub fn file_name(team: &str, index: usize, taken: &[String]) -> String {
    let mut slug = String::new();
    for c in crate::text::fold_ascii(team).chars() {
        if c.is_ascii_alphanumeric() {
            slug.push(c);
        } else if !slug.ends_with('-') && !slug.is_empty() {
            slug.push('-');
        }
    }
    let slug: String = slug.trim_end_matches('-').chars().take(40).collect();
    let base = if slug.is_empty() {
        format!("doan-{}", index + 1)
    } else {
        slug
    };
    let mut name = format!("{base}.xlsx");
    let mut n = 2;
    while taken.iter().any(|t| t.eq_ignore_ascii_case(&name)) {
        name = format!("{base}-{n}.xlsx");
        n += 1;
    }
    name
}

/// The team workbook's bytes: a first sheet for the team, then each unit's
/// scoring sheet in time order. `date` is the document date.
///
/// # Errors
/// Only what rust_xlsxwriter reports.
pub fn to_bytes(
    plan: &Plan,
    team: &TeamPlan,
    units: &[TeamUnit],
    rubric: &Rubric,
    date: i64,
) -> Result<Vec<u8>, XlsxError> {
    let st = Styles::new();
    let mut wb = Workbook::new();
    let title = format!(
        "Bảng chấm của {} — kiểm tra “Đơn vị học tập” ngày {}",
        team.name, plan.date
    );
    let props = properties(plan, date, &title, OwnKind::Team)?
        .set_custom_property("Đoàn", team.name.as_str());
    wb.set_properties(&props);
    let mut names = SheetNames::with_reserved(&[]);
    let cover_name = names.take(&team.name, "Đoàn");
    let sheets: Vec<String> = units
        .iter()
        .enumerate()
        .map(|(i, u)| names.take(&u.unit.name, &format!("Đơn vị {}", i + 1)))
        .collect();
    let mut cover = Worksheet::new();
    cover.set_name(&cover_name)?;
    write_cover(&mut cover, plan, team, units, &sheets, &st)?;
    wb.push_worksheet(cover);
    for (u, sheet) in units.iter().zip(&sheets) {
        let mut ws = Worksheet::new();
        ws.set_name(sheet)?;
        write_unit(&mut ws, plan, team, u, rubric, &st)?;
        wb.push_worksheet(ws);
    }
    if let Ok(ws) = wb.worksheet_from_index(0) {
        ws.set_active(true);
    }
    let mut bytes = wb.save_to_buffer()?;
    // The same bytes from the Windows build.
    crate::portable_zip::normalize_bytes(&mut bytes);
    Ok(bytes)
}

/// The team, its members and its units in time order, each a link to its
/// sheet, and how to fill the workbook in.
fn write_cover(
    ws: &mut Worksheet,
    plan: &Plan,
    team: &TeamPlan,
    units: &[TeamUnit],
    sheets: &[String],
    st: &Styles,
) -> Result<(), XlsxError> {
    const W: [f64; 5] = [6.0, 15.0, 46.0, 12.0, 31.0];
    for (c, w) in W.iter().enumerate() {
        ws.set_column_width(c as u16, *w)?;
    }
    let title = format!(
        "BẢNG CHẤM CỦA {} — KIỂM TRA, ĐÁNH GIÁ XẾP LOẠI “ĐƠN VỊ HỌC TẬP” NĂM {}",
        team.name.to_uppercase(),
        plan.date.year
    );
    ws.merge_range(0, 0, 0, 4, &clip(&title), &st.title)?;
    ws.set_row_height(0, 40)?;
    let mut when = format!("Thời gian: {}", day_text(plan));
    if let Some(p) = &plan.place {
        when.push_str(&format!(" — Địa điểm: {p}"));
    }
    ws.merge_range(1, 0, 1, 4, &clip(&when), &st.subtitle)?;
    let how = "Nhập điểm của đoàn vào cột “Điểm đoàn kiểm tra” (ô nền vàng) ở trang của từng đơn vị; để trống nếu giữ điểm đề xuất. Ghi chú vào cột bên cạnh. Xong, gửi lại tệp này cho bộ phận tổng hợp (dvht finalize).";
    ws.merge_range(2, 0, 2, 4, how, &st.note.clone().set_text_wrap())?;
    ws.set_row_height(2, 48)?;
    let mut r = 4;
    ws.write_string_with_format(r, 0, "STT", &st.header)?;
    ws.merge_range(r, 1, r, 2, "Họ và tên", &st.header)?;
    ws.write_string_with_format(r, 3, "Chức danh trong đoàn", &st.header)?;
    ws.write_string_with_format(r, 4, "Cơ quan", &st.header)?;
    // Two lines: "Chức danh trong đoàn" wraps in its column.
    ws.set_row_height(r, 33)?;
    r += 1;
    for (i, m) in team.members.iter().enumerate() {
        ws.write_number_with_format(r, 0, (i + 1) as f64, &st.center)?;
        ws.merge_range(r, 1, r, 2, &clip(&m.name), &st.wrap)?;
        ws.write_string_with_format(r, 3, clip(&m.role), &st.wrap)?;
        ws.write_string_with_format(r, 4, clip(&m.agency), &st.wrap)?;
        fit(ws, r, &[(&m.role, W[3]), (&m.agency, W[4])])?;
        r += 1;
    }
    r += 1;
    let header = r;
    for (c, h) in [
        "STT",
        "Thời gian",
        "Đơn vị (bấm để mở trang chấm)",
        "Lỗi chưa giải quyết",
        "Tệp",
    ]
    .iter()
    .enumerate()
    {
        ws.write_string_with_format(r, c as u16, *h, &st.header)?;
    }
    ws.set_row_height(r, 33)?;
    r += 1;
    for (i, (u, sheet)) in units.iter().zip(sheets).enumerate() {
        ws.write_number_with_format(r, 0, (i + 1) as f64, &st.center)?;
        ws.write_string_with_format(r, 1, time_text(u.visit), &st.center)?;
        let link = Url::new(format!("internal:'{}'!A1", sheet.replace('\'', "''")))
            .set_text(clip(&u.unit.name));
        ws.write_url_with_format(r, 2, link, &st.link)?;
        let errors = u.unit.unresolved_errors().count();
        ws.write_number_with_format(r, 3, errors as f64, &st.center)?;
        ws.write_string_with_format(r, 4, clip(&u.unit.file), &st.wrap)?;
        fit(ws, r, &[(&u.unit.name, W[2]), (&u.unit.file, W[4])])?;
        r += 1;
    }
    ws.set_repeat_rows(header, header)?;
    ws.set_portrait();
    ws.set_paper_size(A4);
    ws.set_print_fit_to_pages(1, 0);
    ws.set_margins(0.5, 0.5, 0.6, 0.6, 0.3, 0.3);
    ws.set_footer("&CTrang &P/&N");
    protect(ws, false);
    Ok(())
}

/// What the district workbook holds of a unit, by rubric item: the scores
/// (self, computed, proposed), the explanation, and what was typed.
struct Rows {
    scores: Vec<[Option<Decimal>; 3]>,
    explain: Vec<String>,
    typed: Typed,
    calc: UnitCalc,
}

impl Rows {
    fn of(rubric: &Rubric, unit: &BookUnit) -> Rows {
        let n = rubric.items.len();
        let mut rows = Rows {
            scores: vec![[None; 3]; n],
            explain: vec![String::new(); n],
            typed: Typed::empty(n),
            calc: UnitCalc {
                items: Vec::new(),
                total: None,
                class: None,
            },
        };
        for (i, it) in rubric.items.iter().enumerate() {
            let Some(b) = unit.item(&it.id) else { continue };
            rows.scores[i] = [b.self_score, b.computed, b.proposed];
            rows.explain[i] = b.explain.clone();
            // Carried as typed: a number stays a number, anything else is
            // written back as the text it shows.
            rows.typed.team[i] = b.team.as_ref().map(|t| match &t.value {
                CellValue::Number { value, .. } => TeamValue::Number(*value),
                other => TeamValue::Text(other.display()),
            });
            rows.typed.notes[i] = b.note.as_ref().map(|t| t.text());
        }
        let proposed: Vec<Option<Decimal>> = rows.scores.iter().map(|s| s[2]).collect();
        rows.calc = calc::conclude_proposed(rubric, &proposed, Some(&rows.typed));
        rows
    }

    /// The sum over the top-level criteria of score `k` (0 self, 1
    /// computed, 2 proposed), when each has one.
    fn total(&self, rubric: &Rubric, k: usize) -> Option<Decimal> {
        calc::tops(rubric)
            .into_iter()
            .map(|i| self.scores[i][k])
            .sum::<Option<Decimal>>()
    }
}

/// A unit's scoring sheet for the team.
fn write_unit(
    ws: &mut Worksheet,
    plan: &Plan,
    team: &TeamPlan,
    u: &TeamUnit,
    rubric: &Rubric,
    st: &Styles,
) -> Result<(), XlsxError> {
    // An empty result must stay empty: rust_xlsxwriter would write "0".
    ws.set_formula_result_default("");
    for (c, w) in WIDTHS.iter().enumerate() {
        ws.set_column_width(c as u16, *w)?;
    }
    let title = format!(
        "{} — KIỂM TRA, ĐÁNH GIÁ XẾP LOẠI “ĐƠN VỊ HỌC TẬP” NĂM {}",
        team.name.to_uppercase(),
        plan.date.year
    );
    ws.merge_range(0, 0, 0, COL_EXPLAIN, &clip(&title), &st.title)?;
    ws.set_row_height(0, 24)?;
    ws.merge_range(1, COL_STT, 1, COL_ID, labels::LABEL_UNIT, &st.label)?;
    ws.merge_range(
        1,
        COL_TEXT,
        1,
        COL_PROPOSED,
        &clip(&u.unit.name),
        &st.value_bold,
    )?;
    ws.merge_range(1, COL_TEAM, 1, COL_FINAL, "Thời gian:", &st.label)?;
    let when = format!("{}, {}", time_text(u.visit), plan.date);
    ws.merge_range(1, COL_NOTE, 1, COL_EXPLAIN, &when, &st.value_bold)?;
    ws.merge_range(2, COL_STT, 2, COL_ID, labels::LABEL_FILE, &st.label)?;
    ws.merge_range(2, COL_TEXT, 2, COL_PROPOSED, &clip(&u.unit.file), &st.value)?;
    let errors = u.unit.unresolved_errors().count();
    // Nothing right of an empty "Tệp:" (readback would take it for the file).
    let facts = if errors > 0 && !u.unit.file.is_empty() {
        format!("Biểu mẫu còn {errors} lỗi: đoàn đối chiếu và nhập điểm ở tiêu chí có lỗi.")
    } else {
        String::new()
    };
    ws.merge_range(2, COL_TEAM, 2, COL_EXPLAIN, &facts, &st.note)?;
    let rows = Rows::of(rubric, u.unit);
    let class_row = table(ws, rubric, &rows, st)?;
    let r = findings(ws, u.unit, class_row + 2, st)?;
    signatures(ws, team, r + 1, st)?;
    ws.set_freeze_panes(FIRST_ROW, 0)?;
    ws.set_repeat_rows(HEADER_ROW, HEADER_ROW)?;
    ws.set_portrait();
    ws.set_paper_size(A4);
    ws.set_print_fit_to_pages(1, 0);
    ws.set_margins(0.4, 0.4, 0.5, 0.5, 0.3, 0.3);
    ws.set_footer(format!(
        "&L{} — {}&RTrang &P/&N",
        footer_text(&team.name),
        footer_text(&u.unit.name)
    ));
    protect(ws, false);
    Ok(())
}

/// The scoring table from [`HEADER_ROW`]: one row per rubric item, the
/// total and the classification. Returns the classification's row.
fn table(ws: &mut Worksheet, rubric: &Rubric, rows: &Rows, st: &Styles) -> Result<u32, XlsxError> {
    for (c, h) in HEADS.iter().enumerate() {
        ws.write_string_with_format(HEADER_ROW, c as u16, *h, &st.header)?;
    }
    ws.set_row_height(HEADER_ROW, 48)?;
    let shapes = shapes(rubric);
    let row_of = |i: usize| FIRST_ROW + i as u32;
    for (i, (it, shape)) in rubric.items.iter().zip(&shapes).enumerate() {
        let r = row_of(i);
        let formula = if shape.group {
            let parts: Vec<String> = shape
                .kids
                .iter()
                .map(|&k| calc::cell(row_of(k), COL_FINAL))
                .collect();
            Formula::new(calc::sum_formula(&parts))
        } else {
            Formula::new(calc::leaf_formula(
                &calc::cell(r, COL_TEAM),
                &calc::cell(r, COL_PROPOSED),
            ))
        }
        .set_result(match rows.typed.team(i) {
            Some(TeamValue::Text(t)) if !shape.group => t.clone(),
            _ => result(rows.calc.items.get(i).copied().flatten()),
        });
        let explain = &rows.explain[i];
        let (team, note) = if shape.group {
            (None, None)
        } else {
            (rows.typed.team(i), rows.typed.note(i))
        };
        let cells = ItemCells {
            shape,
            id: &it.id,
            row: r,
            c0: COL_STT,
            scores: rows.scores[i].map(|s| s.map(f)),
            formula,
            team,
            note,
            explain_lines: lines(explain, WIDTHS[10]),
            explain: clip(explain),
        };
        write_sized_item_row(ws, st, cells)?;
    }
    let n = rubric.items.len();
    validate_team_column(ws, FIRST_ROW, row_of(n.saturating_sub(1)))?;
    let tr = row_of(n);
    ws.merge_range(tr, COL_STT, tr, COL_TEXT, "Tổng cộng", &st.bold)?;
    ws.write_number_with_format(tr, COL_MAX, f(rubric.total_max), &st.score_bold)?;
    for k in 0..3 {
        let c = COL_MAX + 1 + k as u16;
        match rows.total(rubric, k) {
            Some(v) => ws.write_number_with_format(tr, c, f(v), &st.score_bold)?,
            None => ws.write_blank(tr, c, &st.score_bold)?,
        };
    }
    ws.write_blank(tr, COL_TEAM, &st.team_off)?;
    let parts: Vec<String> = calc::tops(rubric)
        .into_iter()
        .map(|k| calc::cell(row_of(k), COL_FINAL))
        .collect();
    let fm = Formula::new(calc::sum_formula(&parts)).set_result(result(rows.calc.total));
    ws.write_formula_with_format(tr, COL_FINAL, fm, &st.formula_bold)?;
    write_row_tail(ws, st, tr, COL_STT)?;
    let cr = tr + 1;
    ws.merge_range(cr, COL_STT, cr, COL_TEXT, "Xếp loại", &st.bold)?;
    for c in COL_MAX..COL_PROPOSED {
        ws.write_blank(cr, c, &st.center)?;
    }
    let proposed_class = rows
        .total(rubric, 2)
        .map(|t| rubric.band_of(t).name.clone());
    ws.write_string_with_format(
        cr,
        COL_PROPOSED,
        proposed_class.unwrap_or_default(),
        &st.center,
    )?;
    ws.write_blank(cr, COL_TEAM, &st.team_off)?;
    let fm = Formula::new(calc::band_formula(rubric, &calc::cell(tr, COL_FINAL)))
        .set_result(rows.calc.class.clone().unwrap_or_default());
    ws.write_formula_with_format(cr, COL_FINAL, fm, &st.formula_bold)?;
    write_row_tail(ws, st, cr, COL_STT)?;
    Ok(cr)
}

/// The unit's findings as the district workbook lists them, from row `r`.
/// Returns the next free row.
fn findings(ws: &mut Worksheet, unit: &BookUnit, r: u32, st: &Styles) -> Result<u32, XlsxError> {
    let rows: Vec<FindingRow> = unit
        .findings
        .iter()
        .map(|f| FindingRow {
            severity: f.severity,
            criterion: f.criterion.as_deref().unwrap_or(""),
            message: f.message.clone(),
            cell: f.cell.as_deref().unwrap_or(""),
            code: &f.code,
        })
        .collect();
    write_findings(ws, st, r, &rows)
}

/// The signatures: the unit's representative, then each member of the team
/// with a cell to sign in.
fn signatures(
    ws: &mut Worksheet,
    team: &TeamPlan,
    mut r: u32,
    st: &Styles,
) -> Result<(), XlsxError> {
    ws.merge_range(
        r,
        COL_STT,
        r,
        COL_EXPLAIN,
        "Xác nhận kết quả kiểm tra",
        &st.value_bold,
    )?;
    r += 1;
    ws.merge_range(r, COL_STT, r, COL_ID, "STT", &st.header)?;
    ws.write_string_with_format(r, COL_TEXT, "Họ và tên", &st.header)?;
    ws.merge_range(r, COL_MAX, r, COL_FINAL, "Chức danh", &st.header)?;
    ws.merge_range(r, COL_NOTE, r, COL_EXPLAIN, "Chữ ký", &st.header)?;
    r += 1;
    let mut people: Vec<(String, String)> =
        vec![("(Ghi rõ họ tên)".to_string(), "Đại diện đơn vị".to_string())];
    people.extend(
        team.members
            .iter()
            .map(|m| (m.name.clone(), m.role.clone())),
    );
    for (i, (name, role)) in people.iter().enumerate() {
        ws.merge_range(r, COL_STT, r, COL_ID, &(i + 1).to_string(), &st.center)?;
        ws.write_string_with_format(r, COL_TEXT, clip(name), &st.wrap)?;
        ws.merge_range(r, COL_MAX, r, COL_FINAL, &clip(role), &st.wrap)?;
        ws.merge_range(r, COL_NOTE, r, COL_EXPLAIN, "", &st.wrap)?;
        ws.set_row_height(r, 36)?;
        r += 1;
    }
    Ok(())
}
