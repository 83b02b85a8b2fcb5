//! "Thống kê": units per classification (with a chart), the spread of
//! totals, and the district totals of the Phụ lục 1 figures. Counts and
//! spread are formulas over the summary's columns, so they follow the
//! inspection teams' scores; each is written with its exact result.

use super::calc::{self, quote, result};
use super::{Input, SHEET_STATS, SHEET_SUMMARY, Styles, UnitRow, f, summary};
use crate::form::Pl1Field;
use rust_decimal::Decimal;
use rust_xlsxwriter::{Chart, ChartDataLabel, ChartType, Formula, Worksheet, XlsxError};

fn range(col: u16, n_units: usize) -> String {
    let first = summary::FIRST_ROW;
    let last = first + n_units.max(1) as u32 - 1;
    let c = crate::cells::col_name(u32::from(col));
    format!("'{}'!${c}${}:${c}${}", SHEET_SUMMARY, first + 1, last + 1)
}

/// Exact median of a sorted list.
fn median(sorted: &[Decimal]) -> Option<Decimal> {
    let n = sorted.len();
    if n == 0 {
        return None;
    }
    if n % 2 == 1 {
        sorted.get(n / 2).copied()
    } else {
        Some((sorted[n / 2 - 1] + sorted[n / 2]) / Decimal::TWO)
    }
}

pub(crate) fn write(
    ws: &mut Worksheet,
    input: &Input,
    st: &Styles,
    units: &[UnitRow],
) -> Result<(), XlsxError> {
    let rubric = input.rubric;
    let n_tops = calc::tops(rubric).len();
    let class_range = range(summary::class_col(n_tops), units.len());
    let total_range = range(summary::total_col(n_tops), units.len());
    // An empty result must stay empty: rust_xlsxwriter would write "0".
    ws.set_formula_result_default("");
    ws.set_name(SHEET_STATS)?;
    for (c, w) in [(0u16, 44.0), (1, 14.0), (2, 12.0)] {
        ws.set_column_width(c, w)?;
    }
    ws.merge_range(0, 0, 0, 7, &super::title(input).to_uppercase(), &st.title)?;
    ws.set_row_height(0, 36)?;

    let r = classifications(ws, input, st, units, &class_range)?;
    let r = spread(ws, input, st, units, &total_range, r)?;
    annex_totals(ws, st, units, r)?;
    ws.set_portrait();
    super::print_a4(ws);
    super::protect(ws, false);
    Ok(())
}

/// Units per classification, from row 2, with the chart; returns the last
/// row written.
fn classifications(
    ws: &mut Worksheet,
    input: &Input,
    st: &Styles,
    units: &[UnitRow],
    class_range: &str,
) -> Result<u32, XlsxError> {
    let rubric = input.rubric;
    let mut r = 2u32;
    ws.write_string_with_format(r, 0, "Xếp loại", &st.header)?;
    ws.write_string_with_format(r, 1, "Số đơn vị", &st.header)?;
    ws.write_string_with_format(r, 2, "Tỷ lệ", &st.header)?;
    let n_units = units.len();
    let n_row = r + rubric.bands.len() as u32 + 2;
    let first_band = r + 1;
    for b in &rubric.bands {
        r += 1;
        let count = units
            .iter()
            .filter(|u| u.calc.class.as_deref() == Some(b.name.as_str()))
            .count();
        ws.write_string_with_format(r, 0, &b.name, &st.text)?;
        let fm = Formula::new(format!("=COUNTIF({class_range},{})", quote(&b.name)))
            .set_result(count.to_string());
        ws.write_formula_with_format(r, 1, fm, &st.formula)?;
        let share = (n_units > 0).then(|| Decimal::from(count) / Decimal::from(n_units));
        let b_cell = calc::cell(r, 1);
        let n_cell = format!("$B${}", n_row + 1);
        let fm = Formula::new(format!("=IF({n_cell}=0,\"\",{b_cell}/{n_cell})"))
            .set_result(result(share));
        ws.write_formula_with_format(r, 2, fm, &st.share)?;
    }
    let last_band = r;
    r += 1;
    let unscored = units.iter().filter(|u| u.calc.class.is_none()).count();
    ws.write_string_with_format(r, 0, "Chưa có tổng điểm", &st.text)?;
    let fm = Formula::new(format!(
        "={}-SUM({}:{})",
        format_args!("$B${}", n_row + 1),
        calc::cell(first_band, 1),
        calc::cell(last_band, 1)
    ))
    .set_result(unscored.to_string());
    ws.write_formula_with_format(r, 1, fm, &st.formula)?;
    ws.write_blank(r, 2, &st.text)?;
    r += 1;
    debug_assert_eq!(r, n_row);
    ws.write_string_with_format(r, 0, "Tổng số đơn vị", &st.bold)?;
    ws.write_number_with_format(r, 1, n_units as f64, &st.center)?;
    ws.write_blank(r, 2, &st.text)?;

    let mut chart = Chart::new(ChartType::Column);
    chart
        .add_series()
        .set_name("Số đơn vị")
        .set_categories((SHEET_STATS, first_band, 0, last_band, 0))
        .set_values((SHEET_STATS, first_band, 1, last_band, 1))
        .set_data_label(ChartDataLabel::new().show_value());
    chart.title().set_name("Số đơn vị theo xếp loại");
    chart.legend().set_hidden();
    chart.set_width(480).set_height(260);
    ws.insert_chart(2, 4, &chart)?;

    Ok(r)
}

/// The spread of totals below row `r`: the figures, then ten-point bands;
/// returns the last row written.
fn spread(
    ws: &mut Worksheet,
    input: &Input,
    st: &Styles,
    units: &[UnitRow],
    total_range: &str,
    mut r: u32,
) -> Result<u32, XlsxError> {
    let rubric = input.rubric;
    let mut totals: Vec<Decimal> = units.iter().filter_map(|u| u.calc.total).collect();
    totals.sort();
    r += 3;
    ws.write_string_with_format(r, 0, "Phân bố tổng điểm", &st.header)?;
    ws.write_string_with_format(r, 1, "Giá trị", &st.header)?;
    let count = totals.len();
    let avg = (count > 0).then(|| totals.iter().copied().sum::<Decimal>() / Decimal::from(count));
    let rows: [(&str, String, String); 5] = [
        (
            "Số đơn vị có tổng điểm",
            format!("=COUNT({total_range})"),
            count.to_string(),
        ),
        (
            "Cao nhất",
            format!("=IF(COUNT({total_range})=0,\"\",MAX({total_range}))"),
            result(totals.last().copied()),
        ),
        (
            "Thấp nhất",
            format!("=IF(COUNT({total_range})=0,\"\",MIN({total_range}))"),
            result(totals.first().copied()),
        ),
        (
            "Trung bình",
            format!("=IF(COUNT({total_range})=0,\"\",AVERAGE({total_range}))"),
            result(avg),
        ),
        (
            "Trung vị",
            format!("=IF(COUNT({total_range})=0,\"\",MEDIAN({total_range}))"),
            result(median(&totals)),
        ),
    ];
    for (label, formula, cached) in rows {
        r += 1;
        ws.write_string_with_format(r, 0, label, &st.text)?;
        let fm = Formula::new(formula).set_result(cached);
        ws.write_formula_with_format(r, 1, fm, &st.figure)?;
    }
    r += 1;
    // Ten-point bands of the total.
    let top = rubric.total_max;
    let step = Decimal::from(10);
    let mut lo = Decimal::ZERO;
    while lo < top {
        r += 1;
        let hi = lo + step;
        let last = hi >= top;
        let n = totals
            .iter()
            .filter(|t| **t >= lo && (if last { **t <= top } else { **t < hi }))
            .count();
        let (label, formula) = if last {
            (
                format!("Từ {} đến {}", lo.normalize(), top.normalize()),
                format!(
                    "=COUNTIFS({total_range},\">={}\",{total_range},\"<={}\")",
                    lo.normalize(),
                    top.normalize()
                ),
            )
        } else {
            (
                format!("Từ {} đến dưới {}", lo.normalize(), hi.normalize()),
                format!(
                    "=COUNTIFS({total_range},\">={}\",{total_range},\"<{}\")",
                    lo.normalize(),
                    hi.normalize()
                ),
            )
        };
        ws.write_string_with_format(r, 0, &label, &st.text)?;
        let fm = Formula::new(formula).set_result(n.to_string());
        ws.write_formula_with_format(r, 1, fm, &st.formula)?;
        lo = hi;
    }

    Ok(r)
}

/// The district totals of Phụ lục 1 below row `r`.
fn annex_totals(
    ws: &mut Worksheet,
    st: &Styles,
    units: &[UnitRow],
    mut r: u32,
) -> Result<(), XlsxError> {
    r += 3;
    ws.write_string_with_format(r, 0, "Phụ lục 1 (toàn huyện)", &st.header)?;
    ws.write_string_with_format(r, 1, "Tổng cộng", &st.header)?;
    ws.write_string_with_format(r, 2, "Số đơn vị báo cáo", &st.header)?;
    ws.set_row_height(r, 33)?;
    for field in Pl1Field::ALL {
        r += 1;
        let mut sum = Decimal::ZERO;
        let mut n = 0usize;
        for u in units {
            if let Some(v) = u.unit.form.pl1.get(&field) {
                sum += v.value;
                n += 1;
            }
        }
        ws.write_string_with_format(r, 0, field.label(), &st.wrap)?;
        let fmt = if field.is_money() { &st.money } else { &st.int };
        if n > 0 {
            ws.write_number_with_format(r, 1, f(sum), fmt)?;
        } else {
            ws.write_blank(r, 1, fmt)?;
        }
        ws.write_number_with_format(r, 2, n as f64, &st.center)?;
    }
    Ok(())
}
