//! "Tổng hợp": one row per unit, ranked by concluded total. The criterion
//! subtotals, the total and the classification are references to the unit's
//! concluded cells, so they follow what the inspection team types; the
//! errors not yet resolved and the rank are formulas too, and a unit with
//! unresolved errors has no rank and a red row. Written
//! row by row in constant-memory mode (one row per unit, any number of
//! units), on the thread that builds the sheets around the units'.

use super::calc::{self, result};
use super::{Input, SHEET_SUMMARY, Styles, UnitRow, clip, f, fit, official, unit_sheet};
use rust_xlsxwriter::{Color, ConditionalFormatFormula, Format, Formula, Worksheet, XlsxError};

/// The header row (under the official heading, the title and two lines);
/// units start on the next row.
pub(crate) const HEADER_ROW: u32 = official::HEAD_ROWS + 3;
pub(crate) const FIRST_ROW: u32 = HEADER_ROW + 1;

const NAME_WIDTH: f64 = 40.0;
const FILE_WIDTH: f64 = 26.0;

/// Column of the first criterion subtotal.
const FIRST_TOP: u16 = 3;

/// The columns after the criterion subtotals, for a rubric of `n` of them.
struct Cols {
    self_total: u16,
    proposed: u16,
    total: u16,
    diff: u16,
    class: u16,
    errors: u16,
    rank: u16,
    warnings: u16,
    dossier: u16,
}

fn cols(n_tops: usize) -> Cols {
    let c = FIRST_TOP + n_tops as u16;
    Cols {
        self_total: c,
        proposed: c + 1,
        total: c + 2,
        diff: c + 3,
        class: c + 4,
        errors: c + 5,
        rank: c + 6,
        warnings: c + 7,
        dossier: c + 8,
    }
}

/// Column of the concluded total.
pub(crate) fn total_col(n_tops: usize) -> u16 {
    cols(n_tops).total
}

/// Column of the classification of the concluded total.
pub(crate) fn class_col(n_tops: usize) -> u16 {
    cols(n_tops).class
}

/// The cell of the live rank of the unit in summary row `rank` (from 1).
pub(crate) fn rank_cell(rubric: &crate::rubric::Rubric, rank: usize) -> (u32, u16) {
    (
        FIRST_ROW + rank.saturating_sub(1) as u32,
        cols(calc::tops(rubric).len()).rank,
    )
}

/// What the rank cell shows for a unit: its live rank, or why it has none.
pub(crate) fn rank_text(u: &UnitRow) -> String {
    if u.unresolved() > 0 {
        return NOT_RANKED.to_string();
    }
    u.live_rank.map(|n| n.to_string()).unwrap_or_default()
}

/// The rank cell of a unit with unresolved errors.
const NOT_RANKED: &str = "Còn lỗi";

pub(crate) fn write(
    ws: &mut Worksheet,
    input: &Input,
    st: &Styles,
    units: &[UnitRow],
) -> Result<(), XlsxError> {
    let rubric = input.rubric;
    let n = calc::tops(rubric).len();
    let c = cols(n);
    // An empty result must stay empty: rust_xlsxwriter would write "0".
    ws.set_formula_result_default("");
    ws.set_name(SHEET_SUMMARY)?;
    head(ws, input, st, units.len(), &c)?;
    let last = FIRST_ROW + units.len().max(1) as u32;
    let column = |col: u16| {
        let l = crate::cells::col_name(u32::from(col));
        format!("${l}${}:${l}${last}", FIRST_ROW + 1)
    };
    let ranges = (column(c.total), column(c.errors));
    for (i, u) in units.iter().enumerate() {
        row(ws, rubric, st, u, FIRST_ROW + i as u32, &c, &ranges)?;
    }
    // A unit with unresolved errors: its whole row tinted red.
    let last_row = last - 1;
    let err = crate::cells::col_name(u32::from(c.errors));
    let cf = ConditionalFormatFormula::new()
        .set_rule(format!("=${err}{}>0", FIRST_ROW + 1).as_str())
        .set_format(Format::new().set_background_color(Color::RGB(0xF8CBAD)));
    ws.add_conditional_format(FIRST_ROW, 0, last_row, c.dossier, &cf)?;
    // Under the table when printed: place and date, preparer, signature.
    official::foot(
        ws,
        st,
        &input.official,
        input.year,
        last + 1,
        official_cols(&c),
    )?;
    super::finish_list(ws, HEADER_ROW, 2, last_row, c.dossier)
}

/// The columns of the official heading and sign-off: the body over STT,
/// unit and file; the Quốc hiệu and the signature over the last seven.
fn official_cols(c: &Cols) -> (u16, u16, u16) {
    (2, c.dossier.saturating_sub(6).max(3), c.dossier)
}

/// Title, the lines under it and the header row, each column named for
/// what it holds.
fn head(
    ws: &mut Worksheet,
    input: &Input,
    st: &Styles,
    n_units: usize,
    c: &Cols,
) -> Result<(), XlsxError> {
    let rubric = input.rubric;
    let last_col = c.dossier;
    // The official heading overwrites A1, where the workbook numbered its
    // formats (see `build` in mod.rs): it must stay the first cell written
    // here.
    let (left_to, right_from, last) = official_cols(c);
    official::head(ws, st, &input.official, left_to, right_from, last)?;
    let t = official::HEAD_ROWS;
    ws.merge_range(
        t,
        0,
        t,
        last_col,
        &super::title(input).to_uppercase(),
        &st.title,
    )?;
    ws.set_row_height(t, 36)?;
    let sub = format!(
        "{n_units} đơn vị, xếp theo tổng điểm kết luận; đơn vị còn lỗi chưa xử lý không được xếp hạng (dòng tô đỏ). Bấm tên đơn vị để mở trang chi tiết."
    );
    match crate::report::YearNote::of(input.run, input.year) {
        // Most forms are for another year than the title says: said first.
        Some(note) => {
            let text = format!("{} {sub}", note.message(crate::findings::Lang::Vi));
            ws.merge_range(t + 1, 0, t + 1, last_col, &text, &st.error)?;
            ws.set_row_height(t + 1, 30)?;
        }
        None => {
            ws.merge_range(t + 1, 0, t + 1, last_col, &sub, &st.subtitle)?;
        }
    }
    ws.merge_range(
        t + 2,
        0,
        t + 2,
        last_col,
        "Điểm kết luận = điểm đoàn kiểm tra nếu đoàn đã nhập (ô nền vàng ở trang của từng đơn vị), nếu không là điểm đề xuất. Các cột kết luận, chênh lệch, xếp loại, lỗi chưa xử lý và hạng tự cập nhật; điểm đoàn nhập vào tiêu chí có lỗi thì lỗi đó coi như đã xử lý.",
        &st.note,
    )?;
    ws.set_row_height(t + 2, 30)?;
    let mut heads: Vec<(u16, String, f64)> = vec![
        (0, "STT".into(), 5.0),
        (1, "Đơn vị".into(), NAME_WIDTH),
        (2, "Tệp".into(), FILE_WIDTH),
    ];
    for (k, &ti) in calc::tops(rubric).iter().enumerate() {
        let it = &rubric.items[ti];
        heads.push((
            FIRST_TOP + k as u16,
            format!(
                "Tiêu chí {} (kết luận, tối đa {})",
                it.stt.as_deref().unwrap_or(&it.id),
                it.max.normalize()
            ),
            10.0,
        ));
    }
    heads.extend([
        (c.self_total, "Tổng điểm tự chấm".into(), 9.0),
        (c.proposed, "Tổng điểm đề xuất".into(), 9.0),
        (c.total, "Tổng điểm kết luận".into(), 10.0),
        (c.diff, "Chênh lệch kết luận − tự chấm".into(), 10.0),
        (c.class, "Xếp loại theo điểm kết luận".into(), 12.0),
        (c.errors, "Lỗi chưa xử lý".into(), 8.0),
        (c.rank, "Hạng theo điểm kết luận".into(), 11.0),
        (c.warnings, "Cảnh báo".into(), 8.0),
        (c.dossier, "Hồ sơ".into(), 11.0),
    ]);
    for (col, h, w) in &heads {
        ws.write_string_with_format(HEADER_ROW, *col, h, &st.header)?;
        ws.set_column_width(*col, *w)?;
    }
    ws.set_row_height(HEADER_ROW, 64)?;
    Ok(())
}

/// One unit's row. `ranges`: the concluded totals' and the unresolved
/// errors' columns, absolute.
fn row(
    ws: &mut Worksheet,
    rubric: &crate::rubric::Rubric,
    st: &Styles,
    u: &UnitRow,
    r: u32,
    c: &Cols,
    ranges: &(String, String),
) -> Result<(), XlsxError> {
    ws.write_number_with_format(r, 0, u.rank as f64, &st.center)?;
    super::write_sheet_link(ws, r, 1, &u.place.sheet, &u.name, &st.link)?;
    let source = clip(&u.source());
    ws.write_string_with_format(r, 2, &source, &st.wrap)?;
    fit(ws, r, &[(&u.name, NAME_WIDTH), (&source, FILE_WIDTH)])?;
    let at = |row: u32| calc::sheet_ref(&u.place.sheet, row, u.place.col);
    for (k, &ti) in calc::tops(rubric).iter().enumerate() {
        let row = u.place.item_rows.get(ti).copied().unwrap_or(0);
        let fm = Formula::new(format!("={}", at(row)))
            .set_result(result(u.calc.items.get(ti).copied().flatten()));
        ws.write_formula_with_format(r, FIRST_TOP + k as u16, fm, &st.formula)?;
    }
    let totals = &u.unit.scored.total;
    for (col, v) in [
        (c.self_total, totals.self_score),
        (c.proposed, totals.final_score),
    ] {
        match v {
            Some(v) => ws.write_number_with_format(r, col, f(v), &st.score)?,
            None => ws.write_blank(r, col, &st.score)?,
        };
    }
    let fm = Formula::new(format!("={}", at(u.place.total_row))).set_result(result(u.calc.total));
    ws.write_formula_with_format(r, c.total, fm, &st.formula_bold)?;
    let (tc, sc) = (calc::cell(r, c.total), calc::cell(r, c.self_total));
    let d = match (u.calc.total, totals.self_score) {
        (Some(t), Some(s)) => Some(t - s),
        _ => None,
    };
    let fm =
        Formula::new(format!("=IF(OR({tc}=\"\",{sc}=\"\"),\"\",{tc}-{sc})")).set_result(result(d));
    ws.write_formula_with_format(r, c.diff, fm, &st.formula)?;
    let fm = Formula::new(format!("={}", at(u.place.class_row)))
        .set_result(u.calc.class.clone().unwrap_or_default());
    ws.write_formula_with_format(r, c.class, fm, &st.formula)?;
    // Errors on a criterion count until the team types a score there; a
    // team score that is no score (text, below 0, above the maximum) is
    // one more.
    let mut sum = u.errors.fixed.to_string();
    let team_col = u.place.col - 1;
    for (i, k) in &u.errors.by_item {
        let row = u.place.item_rows.get(*i).copied().unwrap_or(0);
        let team = calc::sheet_ref(&u.place.sheet, row, team_col);
        sum.push_str(&format!("+IF({team}=\"\",{k},0)"));
    }
    if let (Some(&first), Some(&last)) = (u.place.item_rows.first(), u.place.item_rows.last()) {
        let max_col = team_col - (unit_sheet::COL_TEAM - unit_sheet::COL_MAX);
        let range = |c: u16| {
            format!(
                "{}:{}",
                calc::sheet_ref(&u.place.sheet, first, c),
                calc::cell(last, c)
            )
        };
        let (t, m) = (range(team_col), range(max_col));
        sum.push_str(&format!(
            "+SUMPRODUCT(ISTEXT({t})+ISNUMBER({t})*(({t}<0)+({t}>{m})))"
        ));
    }
    let fm = Formula::new(format!("={sum}")).set_result(u.unresolved().to_string());
    ws.write_formula_with_format(r, c.errors, fm, &st.formula)?;
    let ec = calc::cell(r, c.errors);
    let (totals_range, errors_range) = ranges;
    let fm = Formula::new(format!(
        "=IF({ec}>0,{},IF({tc}=\"\",\"\",1+COUNTIFS({totals_range},\">\"&{tc},{errors_range},0)))",
        calc::quote(NOT_RANKED)
    ))
    .set_result(rank_text(u));
    ws.write_formula_with_format(r, c.rank, fm, &st.formula)?;
    let (_, w) = u.counts();
    ws.write_number_with_format(r, c.warnings, w as f64, &st.center)?;
    ws.write_string_with_format(r, c.dossier, u.dossier(), &st.center)?;
    Ok(())
}
