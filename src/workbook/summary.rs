//! "Tổng hợp": one row per unit, ranked by proposed total. The criterion
//! subtotals, the total and the classification are references to the unit's
//! concluded cells, so they follow what the inspection team types. Written
//! row by row in constant-memory mode (one row per unit, any number of
//! units), on the thread that builds the sheets around the units'.

use super::calc::{self, result};
use super::{A4, Input, SHEET_SUMMARY, Styles, UnitRow, clip, f, fit};
use rust_xlsxwriter::{Formula, Url, Worksheet, XlsxError};

/// The header row; units start on the next row.
pub(crate) const HEADER_ROW: u32 = 3;
pub(crate) const FIRST_ROW: u32 = HEADER_ROW + 1;

const NAME_WIDTH: f64 = 40.0;
const FILE_WIDTH: f64 = 26.0;

/// Column of the first criterion subtotal.
const FIRST_TOP: u16 = 3;

/// Column of the proposed (concluded) total.
pub(crate) fn total_col(n_tops: usize) -> u16 {
    FIRST_TOP + n_tops as u16 + 1
}

/// Column of the classification.
pub(crate) fn class_col(n_tops: usize) -> u16 {
    total_col(n_tops) + 2
}

pub(crate) fn write(
    ws: &mut Worksheet,
    input: &Input,
    st: &Styles,
    units: &[UnitRow],
) -> Result<(), XlsxError> {
    let rubric = input.rubric;
    let tops = calc::tops(rubric);
    let n = tops.len();
    // An empty result must stay empty: rust_xlsxwriter would write "0".
    ws.set_formula_result_default("");
    ws.set_name(SHEET_SUMMARY)?;
    let self_col = FIRST_TOP + n as u16;
    let tot = total_col(n);
    let diff = tot + 1;
    let class = class_col(n);
    let rank = class + 1;
    let errs = class + 2;
    let warns = class + 3;
    let dossier = class + 4;
    let n_units = units.len().max(1) as u32;
    let mut desc: Vec<_> = units.iter().filter_map(|u| u.calc.total).collect();
    desc.sort_by(|a, b| b.cmp(a));
    let totals = format!(
        "${c}${}:${c}${}",
        FIRST_ROW + 1,
        FIRST_ROW + n_units,
        c = crate::cells::col_name(u32::from(tot))
    );
    let last_col = dossier;

    // The title overwrites A1, where the workbook numbered its formats
    // (see `build` in mod.rs): it must stay the first cell written here.
    ws.merge_range(
        0,
        0,
        0,
        last_col,
        &super::title(input).to_uppercase(),
        &st.title,
    )?;
    ws.set_row_height(0, 36)?;
    let sub = format!(
        "{} đơn vị, xếp hạng theo tổng điểm đề xuất; bấm tên đơn vị để mở trang chi tiết.",
        units.len()
    );
    match crate::report::YearNote::of(input.run, input.year) {
        // Most forms are for another year than the title says: said first.
        Some(note) => {
            let text = format!("{} {sub}", note.message(crate::findings::Lang::Vi));
            ws.merge_range(1, 0, 1, last_col, &text, &st.error)?;
            ws.set_row_height(1, 30)?;
        }
        None => {
            ws.merge_range(1, 0, 1, last_col, &sub, &st.subtitle)?;
        }
    }
    ws.merge_range(
        2,
        0,
        2,
        last_col,
        "Điểm đoàn kiểm tra nhập vào ô nền vàng ở trang của từng đơn vị; các cột tiêu chí, tổng điểm, chênh lệch và xếp loại ở đây tự cập nhật.",
        &st.note,
    )?;

    let mut heads: Vec<(u16, String, f64)> = vec![
        (0, "STT".into(), 5.0),
        (1, "Đơn vị".into(), NAME_WIDTH),
        (2, "Tệp".into(), FILE_WIDTH),
    ];
    for (k, &ti) in tops.iter().enumerate() {
        let it = &rubric.items[ti];
        heads.push((
            FIRST_TOP + k as u16,
            format!(
                "Tiêu chí {}\n(tối đa {})",
                it.stt.as_deref().unwrap_or(&it.id),
                it.max.normalize()
            ),
            10.0,
        ));
    }
    heads.push((self_col, "Tự chấm".into(), 9.0));
    heads.push((tot, "Tổng điểm đề xuất".into(), 10.0));
    heads.push((diff, "Chênh lệch".into(), 9.0));
    heads.push((class, "Xếp loại".into(), 12.0));
    heads.push((rank, "Hạng".into(), 6.0));
    heads.push((errs, "Lỗi".into(), 6.0));
    heads.push((warns, "Cảnh báo".into(), 8.0));
    heads.push((dossier, "Hồ sơ".into(), 12.0));
    for (c, h, w) in &heads {
        ws.write_string_with_format(HEADER_ROW, *c, h, &st.header)?;
        ws.set_column_width(*c, *w)?;
    }
    ws.set_row_height(HEADER_ROW, 48)?;

    for (i, u) in units.iter().enumerate() {
        let r = FIRST_ROW + i as u32;
        ws.write_number_with_format(r, 0, u.rank as f64, &st.center)?;
        let link = Url::new(format!(
            "internal:'{}'!A1",
            u.place.sheet.replace('\'', "''")
        ))
        .set_text(clip(&u.name));
        ws.write_url_with_format(r, 1, link, &st.link)?;
        let source = clip(&u.source());
        ws.write_string_with_format(r, 2, &source, &st.wrap)?;
        fit(ws, r, &[(&u.name, NAME_WIDTH), (&source, FILE_WIDTH)])?;
        for (k, &ti) in tops.iter().enumerate() {
            let row = u.place.item_rows.get(ti).copied().unwrap_or(0);
            let fm = Formula::new(format!(
                "={}",
                calc::sheet_ref(&u.place.sheet, row, u.place.col)
            ))
            .set_result(result(u.calc.items.get(ti).copied().flatten()));
            ws.write_formula_with_format(r, FIRST_TOP + k as u16, fm, &st.formula)?;
        }
        let self_total = u.unit.scored.total.self_score;
        match self_total {
            Some(s) => ws.write_number_with_format(r, self_col, f(s), &st.score)?,
            None => ws.write_blank(r, self_col, &st.score)?,
        };
        let fm = Formula::new(format!(
            "={}",
            calc::sheet_ref(&u.place.sheet, u.place.total_row, u.place.col)
        ))
        .set_result(result(u.calc.total));
        ws.write_formula_with_format(r, tot, fm, &st.formula_bold)?;
        let (tc, sc) = (calc::cell(r, tot), calc::cell(r, self_col));
        let d = match (u.calc.total, self_total) {
            (Some(t), Some(s)) => Some(t - s),
            _ => None,
        };
        let fm = Formula::new(format!("=IF(OR({tc}=\"\",{sc}=\"\"),\"\",{tc}-{sc})"))
            .set_result(result(d));
        ws.write_formula_with_format(r, diff, fm, &st.formula)?;
        let fm = Formula::new(format!(
            "={}",
            calc::sheet_ref(&u.place.sheet, u.place.class_row, u.place.col)
        ))
        .set_result(u.calc.class.clone().unwrap_or_default());
        ws.write_formula_with_format(r, class, fm, &st.formula)?;
        // Rank among the concluded totals (equal totals share a rank).
        let live = u.calc.total.map(|t| 1 + desc.partition_point(|x| *x > t));
        let fm = Formula::new(format!("=IF({tc}=\"\",\"\",RANK({tc},{totals}))"))
            .set_result(live.map(|n| n.to_string()).unwrap_or_default());
        ws.write_formula_with_format(r, rank, fm, &st.formula)?;
        let (e, w) = u.counts();
        ws.write_number_with_format(r, errs, e as f64, &st.center)?;
        ws.write_number_with_format(r, warns, w as f64, &st.center)?;
        ws.write_string_with_format(r, dossier, u.dossier(), &st.center)?;
    }

    let last_row = FIRST_ROW + units.len().max(1) as u32 - 1;
    ws.set_freeze_panes(FIRST_ROW, 2)?;
    ws.autofilter(HEADER_ROW, 0, last_row, last_col)?;
    ws.set_repeat_rows(HEADER_ROW, HEADER_ROW)?;
    ws.set_landscape();
    ws.set_paper_size(A4);
    ws.set_print_fit_to_pages(1, 0);
    ws.set_margins(0.4, 0.4, 0.5, 0.5, 0.3, 0.3);
    ws.set_footer("&CTrang &P/&N");
    Ok(())
}
