//! The result workbook of `dvht finalize`: what the office signs from.
//!
//! Sheets (names in [`super::labels`]; [`crate::own`] recognises the
//! workbook by the first two and by dvht's mark, [`OwnKind::Result`]):
//! - **Kết quả**: the final ranking — rank (or why there is none), unit,
//!   file, each criterion's final score, the proposed and the final total,
//!   classification, whether proposed for recognition and why not;
//! - **Đề nghị công nhận**: the units proposed, in the order a decision
//!   lists them (the ranking), with score and classification;
//! - **Thay đổi của đoàn**: every score the teams changed: unit,
//!   criterion, proposed → team, their note, the workbook and cell;
//! - **Phát hiện**: every finding, whether a team score resolved it.
//!
//! Values, not formulas: the conclusion is dvht's, computed exactly
//! ([`crate::finalize`]). A4, Times New Roman, headers repeated on every
//! page; sheets protected without a password.

use super::{Styles, clip, f, fit, labels};
use crate::finalize::{Conclusion, UnitFinding};
use crate::findings::{Lang, Severity};
use crate::own::OwnKind;
use crate::rubric::Rubric;
use rust_xlsxwriter::{DocProperties, ExcelDateTime, Format, Workbook, Worksheet, XlsxError};

/// What the result workbook says about where it comes from.
#[derive(Debug, Clone, Default)]
pub struct ResultInfo {
    pub year: Option<i32>,
    pub district: Option<String>,
    /// The workbooks concluded from (file names), district first.
    pub books: Vec<String>,
    /// The document date, seconds since 1970.
    pub date: i64,
}

/// The result workbook's bytes.
///
/// # Errors
/// When rust_xlsxwriter cannot build it.
pub fn write(rubric: &Rubric, c: &Conclusion, info: &ResultInfo) -> Result<Vec<u8>, XlsxError> {
    let st = Styles::new();
    let mut wb = Workbook::new();
    let date = ExcelDateTime::from_timestamp(info.date.max(0))
        .or_else(|_| ExcelDateTime::from_timestamp(0))?;
    let mut props = DocProperties::new()
        .set_title(title(info, "Kết quả đánh giá, xếp loại “Đơn vị học tập”"))
        .set_subject("Đánh giá, xếp loại “Đơn vị học tập” (Thông tư 22/2020/TT-BGDĐT)")
        .set_author("dvht")
        .set_keywords("Đơn vị học tập, kết quả, công nhận")
        .set_creation_datetime(&date)
        .set_custom_property("Huyện", info.district.as_deref().unwrap_or(""));
    if let Some(y) = info.year {
        props = props.set_custom_property("Năm", y);
    }
    wb.set_properties(&crate::own::mark(props, OwnKind::Result));
    ranking(wb.add_worksheet(), rubric, c, info, &st)?;
    proposed(wb.add_worksheet(), c, info, &st)?;
    changes(wb.add_worksheet(), rubric, c, &st)?;
    findings(wb.add_worksheet(), c, &st)?;
    let mut bytes = wb.save_to_buffer()?;
    crate::portable_zip::normalize_bytes(&mut bytes);
    Ok(bytes)
}

/// "WHAT năm 2023 — huyện Thủ Thừa".
fn title(info: &ResultInfo, what: &str) -> String {
    let mut t = what.to_string();
    if let Some(y) = info.year {
        t.push_str(&format!(" năm {y}"));
    }
    if let Some(d) = info.district.as_deref().filter(|d| !d.trim().is_empty()) {
        t.push_str(&format!(" — huyện {}", d.trim()));
    }
    t
}

/// Page setup every sheet shares: A4, fitted to the width, the header
/// row repeated, page numbers, protected without a password.
fn page(ws: &mut Worksheet, header_row: u32, landscape: bool) -> Result<(), XlsxError> {
    ws.set_repeat_rows(header_row, header_row)?;
    if landscape {
        ws.set_landscape();
    }
    super::print_a4(ws);
    ws.set_footer("&CTrang &P/&N");
    ws.set_freeze_panes(header_row + 1, 0)?;
    super::protect(ws, false);
    Ok(())
}

/// Title (merged over `cols` columns) and subtitle; the header row at 3.
fn heading(
    ws: &mut Worksheet,
    st: &Styles,
    cols: u16,
    title: &str,
    subtitle: &str,
) -> Result<(), XlsxError> {
    ws.merge_range(0, 0, 0, cols - 1, title, &st.title)?;
    ws.set_row_height(0, 40.0)?;
    ws.merge_range(1, 0, 1, cols - 1, subtitle, &st.subtitle)?;
    Ok(())
}

fn heads(ws: &mut Worksheet, st: &Styles, row: u32, cols: &[(&str, f64)]) -> Result<(), XlsxError> {
    let mut lines = 1;
    for (c, (h, w)) in cols.iter().enumerate() {
        ws.write_string_with_format(row, c as u16, *h, &st.header)?;
        ws.set_column_width(c as u16, *w)?;
        lines = lines.max(super::lines(h, *w));
    }
    ws.set_row_height(row, lines as f64 * super::LINE_HEIGHT + 4.0)?;
    Ok(())
}

const HEAD_ROW: u32 = 3;

fn score(
    ws: &mut Worksheet,
    r: u32,
    c: u16,
    v: Option<rust_decimal::Decimal>,
    fmt: &Format,
) -> Result<(), XlsxError> {
    match v {
        Some(v) => ws.write_number_with_format(r, c, f(v), fmt)?,
        None => ws.write_string_with_format(r, c, "", fmt)?,
    };
    Ok(())
}

/// "Kết quả": the final ranking.
fn ranking(
    ws: &mut Worksheet,
    rubric: &Rubric,
    c: &Conclusion,
    info: &ResultInfo,
    st: &Styles,
) -> Result<(), XlsxError> {
    ws.set_name(labels::SHEET_RESULT)?;
    let tops: Vec<&crate::rubric::Item> = rubric.top_level().collect();
    let group_heads: Vec<String> = tops
        .iter()
        .map(|i| {
            format!(
                "Tiêu chí {} ({} điểm)",
                i.id,
                crate::findings::num_vi(i.max)
            )
        })
        .collect();
    let mut cols: Vec<(&str, f64)> = vec![
        ("Hạng", 9.0),
        (labels::HEAD_UNIT, 30.0),
        (labels::HEAD_FILE, 18.0),
    ];
    cols.extend(group_heads.iter().map(|h| (h.as_str(), 10.0)));
    cols.extend([
        ("Tổng điểm đề xuất", 10.0),
        ("Tổng điểm kết luận", 10.0),
        ("Xếp loại", 11.0),
        ("Đề nghị công nhận", 11.0),
        ("Lý do không đề nghị", 36.0),
    ]);
    let n = cols.len() as u16;
    let sources = if info.books.is_empty() {
        String::new()
    } else {
        format!("Từ: {}. ", info.books.join(", "))
    };
    let subtitle = format!(
        "{sources}Điểm kết luận: điểm đoàn kiểm tra nếu đã nhập, nếu không là điểm đề xuất. \
         Đơn vị còn lỗi chưa xử lý không được xếp hạng."
    );
    heading(
        ws,
        st,
        n,
        &title(info, "Kết quả đánh giá, xếp loại “Đơn vị học tập”"),
        &subtitle,
    )?;
    ws.set_row_height(1, 32.0)?;
    heads(ws, st, HEAD_ROW, &cols)?;
    let g = tops.len() as u16;
    let unranked = st
        .error
        .clone()
        .set_text_wrap()
        .set_align(rust_xlsxwriter::FormatAlign::Center);
    let name_error = st.error.clone().set_text_wrap();
    for (k, u) in c.units.iter().enumerate() {
        let r = HEAD_ROW + 1 + k as u32;
        let bad = u.rank.is_none();
        let text = if bad { &name_error } else { &st.wrap };
        match u.rank {
            Some(rank) => ws.write_number_with_format(r, 0, rank as f64, &st.center)?,
            None => ws.write_string_with_format(r, 0, "Không xếp hạng", &unranked)?,
        };
        ws.write_string_with_format(r, 1, clip(&u.name), text)?;
        ws.write_string_with_format(r, 2, clip(&u.file), &st.wrap)?;
        for (j, top) in tops.iter().enumerate() {
            score(
                ws,
                r,
                3 + j as u16,
                u.concluded.item(rubric, &top.id),
                &st.score,
            )?;
        }
        score(ws, r, 3 + g, u.proposed.total, &st.score)?;
        score(ws, r, 4 + g, u.concluded.total, &st.score_bold)?;
        ws.write_string_with_format(
            r,
            5 + g,
            u.concluded.class.as_deref().unwrap_or(""),
            &st.center,
        )?;
        let yes = if u.recognized { "Có" } else { "Không" };
        ws.write_string_with_format(
            r,
            6 + g,
            yes,
            if u.recognized { &st.center } else { &st.error },
        )?;
        let why = u
            .why_not
            .iter()
            .map(|w| format!("- {}", w.text_vi()))
            .collect::<Vec<_>>()
            .join("\n");
        let why = clip(&why);
        ws.write_string_with_format(r, 7 + g, &why, &st.wrap)?;
        fit(ws, r, &[(&why, 36.0), (&u.name, 32.0), (&u.file, 18.0)])?;
    }
    page(ws, HEAD_ROW, true)
}

/// "Đề nghị công nhận": the units proposed, in the ranking's order.
fn proposed(
    ws: &mut Worksheet,
    c: &Conclusion,
    info: &ResultInfo,
    st: &Styles,
) -> Result<(), XlsxError> {
    ws.set_name(labels::SHEET_PROPOSED)?;
    let cols = [
        ("STT", 6.0),
        ("Tên đơn vị", 50.0),
        ("Tổng điểm", 11.0),
        ("Xếp loại", 13.0),
    ];
    let n = c.recognized().count();
    let title = title(info, "Danh sách đơn vị đề nghị công nhận “Đơn vị học tập”");
    let subtitle = format!("{n} đơn vị, theo thứ tự tổng điểm kết luận");
    heading(ws, st, cols.len() as u16, &title, &subtitle)?;
    heads(ws, st, HEAD_ROW, &cols)?;
    for (k, u) in c.recognized().enumerate() {
        let r = HEAD_ROW + 1 + k as u32;
        ws.write_number_with_format(r, 0, (k + 1) as f64, &st.center)?;
        ws.write_string_with_format(r, 1, clip(&u.name), &st.wrap)?;
        score(ws, r, 2, u.concluded.total, &st.score)?;
        ws.write_string_with_format(r, 3, u.concluded.class.as_deref().unwrap_or(""), &st.center)?;
        fit(ws, r, &[(&u.name, 50.0)])?;
    }
    if n == 0 {
        ws.merge_range(
            HEAD_ROW + 1,
            0,
            HEAD_ROW + 1,
            3,
            "Không có đơn vị nào đủ điều kiện đề nghị công nhận.",
            &st.text,
        )?;
    }
    page(ws, HEAD_ROW, false)
}

/// "Thay đổi của đoàn": every score the teams changed.
fn changes(
    ws: &mut Worksheet,
    rubric: &Rubric,
    c: &Conclusion,
    st: &Styles,
) -> Result<(), XlsxError> {
    ws.set_name(labels::SHEET_CHANGES)?;
    let cols = [
        ("STT", 6.0),
        (labels::HEAD_UNIT, 26.0),
        (labels::HEAD_ID, 6.0),
        ("Tiêu chí", 34.0),
        (labels::HEAD_PROPOSED, 10.0),
        (labels::HEAD_TEAM, 10.0),
        (labels::HEAD_NOTE, 28.0),
        ("Nhập tại", 26.0),
    ];
    let all: Vec<_> = c
        .units
        .iter()
        .flat_map(|u| u.changes.iter().map(move |ch| (u, ch)))
        .collect();
    let subtitle = format!("{} điểm đoàn kiểm tra khác điểm đề xuất", all.len());
    heading(
        ws,
        st,
        cols.len() as u16,
        "Các điểm đoàn kiểm tra đã thay đổi",
        &subtitle,
    )?;
    heads(ws, st, HEAD_ROW, &cols)?;
    for (k, (u, ch)) in all.iter().enumerate() {
        let r = HEAD_ROW + 1 + k as u32;
        let text = rubric.item(&ch.id).map(|i| i.text.as_str()).unwrap_or("");
        let at = format!(
            "Tệp {}, trang '{}', ô {}",
            ch.book, ch.loc.sheet, ch.loc.addr
        );
        let note = ch.note.as_deref().map(clip).unwrap_or_default();
        ws.write_number_with_format(r, 0, (k + 1) as f64, &st.center)?;
        ws.write_string_with_format(r, 1, clip(&u.name), &st.wrap)?;
        ws.write_string_with_format(r, 2, &ch.id, &st.center)?;
        ws.write_string_with_format(r, 3, text, &st.wrap)?;
        score(ws, r, 4, ch.proposed, &st.score)?;
        ws.write_number_with_format(r, 5, f(ch.team), &st.score_bold)?;
        ws.write_string_with_format(r, 6, &note, &st.wrap)?;
        ws.write_string_with_format(r, 7, clip(&at), &st.wrap)?;
        fit(
            ws,
            r,
            &[(&u.name, 26.0), (text, 34.0), (&note, 28.0), (&at, 26.0)],
        )?;
    }
    if all.is_empty() {
        ws.merge_range(
            HEAD_ROW + 1,
            0,
            HEAD_ROW + 1,
            7,
            "Đoàn kiểm tra không thay đổi điểm nào.",
            &st.text,
        )?;
    }
    page(ws, HEAD_ROW, true)
}

/// "Phát hiện": every finding, units' first in ranking order.
fn findings(ws: &mut Worksheet, c: &Conclusion, st: &Styles) -> Result<(), XlsxError> {
    ws.set_name(crate::workbook::SHEET_FINDINGS)?;
    let cols = [
        ("STT", 6.0),
        (labels::HEAD_UNIT, 24.0),
        (labels::HEAD_FILE, 20.0),
        (labels::HEAD_SHEET, 14.0),
        (labels::HEAD_CELL, 6.0),
        (labels::HEAD_CRITERION, 7.0),
        (labels::HEAD_SEVERITY, 9.0),
        (labels::HEAD_CODE, 18.0),
        ("Nội dung", 60.0),
        ("Đã xử lý", 12.0),
    ];
    heads(ws, st, 0, &cols)?;
    let mut r = 1u32;
    let cell = |f: &crate::findings::Finding| {
        (
            f.sheet.clone().unwrap_or_default(),
            f.cell.clone().unwrap_or_default(),
        )
    };
    for u in &c.units {
        for fnd in &u.findings {
            match fnd {
                UnitFinding::Form {
                    finding: b,
                    resolved,
                } => {
                    let sheet = b.sheet.as_deref().unwrap_or("");
                    let at = b.cell.as_deref().unwrap_or("");
                    let crit = b.criterion.as_deref().unwrap_or("");
                    let done = if *resolved {
                        "Có (điểm đoàn kiểm tra)"
                    } else {
                        ""
                    };
                    let row = [&u.name, &u.file, sheet, at, crit, &b.code, &b.message];
                    finding_row(ws, st, r, row, b.severity, done)?;
                }
                UnitFinding::Team(t) => {
                    let m = t.finding.message(Lang::Vi);
                    let (sheet, at) = cell(&t.finding);
                    let row = [
                        &u.name,
                        &t.book,
                        &sheet,
                        &at,
                        "",
                        t.finding.code.as_str(),
                        &m,
                    ];
                    finding_row(ws, st, r, row, t.finding.severity, "")?;
                }
            }
            r += 1;
        }
    }
    for o in &c.others {
        let m = o.finding.message(Lang::Vi);
        let (sheet, at) = cell(&o.finding);
        let row = [
            &o.unit,
            &o.book,
            &sheet,
            &at,
            "",
            o.finding.code.as_str(),
            &m,
        ];
        finding_row(ws, st, r, row, o.finding.severity, "")?;
        r += 1;
    }
    if r == 1 {
        ws.merge_range(1, 0, 1, 9, "Không có phát hiện nào.", &st.text)?;
    }
    super::finish_list(ws, 0, 0, (r - 1).max(1), 9)?;
    Ok(())
}

/// One row of "Phát hiện": (unit, file, sheet, cell, criterion, code,
/// message), severity, whether resolved.
fn finding_row(
    ws: &mut Worksheet,
    st: &Styles,
    r: u32,
    row: [&str; 7],
    sev: Severity,
    resolved: &str,
) -> Result<(), XlsxError> {
    let (label, fmt) = match sev {
        Severity::Error => (labels::SEVERITY_ERROR, &st.error),
        Severity::Warning => (labels::SEVERITY_WARNING, &st.warning),
    };
    let [unit, file, sheet, cell, crit, code, message] = row.map(clip);
    ws.write_number_with_format(r, 0, r as f64, &st.center)?;
    ws.write_string_with_format(r, 1, &unit, &st.wrap)?;
    ws.write_string_with_format(r, 2, &file, &st.wrap)?;
    ws.write_string_with_format(r, 3, &sheet, &st.wrap)?;
    ws.write_string_with_format(r, 4, &cell, &st.center)?;
    ws.write_string_with_format(r, 5, &crit, &st.center)?;
    ws.write_string_with_format(r, 6, label, fmt)?;
    ws.write_string_with_format(r, 7, &code, &st.text)?;
    ws.write_string_with_format(r, 8, &message, &st.wrap)?;
    ws.write_string_with_format(r, 9, resolved, &st.wrap)?;
    fit(
        ws,
        r,
        &[
            (&message, 60.0),
            (&unit, 24.0),
            (&file, 20.0),
            (resolved, 12.0),
        ],
    )
}
