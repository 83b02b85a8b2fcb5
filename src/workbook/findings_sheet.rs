//! "Phát hiện": every finding of the run with its file, unit, sheet, cell,
//! severity, code and message, in input order. Written row by row.

use super::{A4, Input, SHEET_FINDINGS, Styles, UnitRow, clip, fit};
use crate::findings::{Code, Finding, Lang, Severity};
use rust_xlsxwriter::{Worksheet, XlsxError};

pub(crate) fn write(
    ws: &mut Worksheet,
    input: &Input,
    st: &Styles,
    _units: &[UnitRow],
) -> Result<usize, XlsxError> {
    ws.set_name(SHEET_FINDINGS)?;
    let heads = [
        ("STT", 6.0),
        ("Tệp", 26.0),
        ("Đơn vị", 26.0),
        ("Trang", 14.0),
        ("Ô", 6.0),
        ("Mức độ", 9.0),
        ("Mã", 18.0),
        ("Nội dung", 70.0),
    ];
    for (c, (h, w)) in heads.iter().enumerate() {
        ws.write_string_with_format(0, c as u16, *h, &st.header)?;
        ws.set_column_width(c as u16, *w)?;
    }
    let mut r: u32 = 1;
    let mut n = 0usize;
    let mut put = |ws: &mut rust_xlsxwriter::Worksheet,
                   file: &str,
                   unit: &str,
                   fnd: &Finding|
     -> Result<(), XlsxError> {
        n += 1;
        let (sev, fmt) = match fnd.severity {
            Severity::Error => ("Lỗi", &st.error),
            Severity::Warning => ("Cảnh báo", &st.warning),
        };
        ws.write_number_with_format(r, 0, n as f64, &st.center)?;
        ws.write_string_with_format(r, 1, clip(file), &st.wrap)?;
        ws.write_string_with_format(r, 2, clip(unit), &st.wrap)?;
        ws.write_string_with_format(r, 3, clip(fnd.sheet.as_deref().unwrap_or("")), &st.wrap)?;
        ws.write_string_with_format(r, 4, fnd.cell.as_deref().unwrap_or(""), &st.center)?;
        ws.write_string_with_format(r, 5, sev, fmt)?;
        ws.write_string_with_format(r, 6, fnd.code.as_str(), &st.text)?;
        let message = clip(&fnd.message(Lang::Vi));
        ws.write_string_with_format(r, 7, &message, &st.wrap)?;
        fit(
            ws,
            r,
            &[
                (&message, 70.0),
                (file, 26.0),
                (unit, 26.0),
                (fnd.sheet.as_deref().unwrap_or(""), 14.0),
            ],
        )?;
        r += 1;
        Ok(())
    };
    for file in &input.run.files {
        let name = file.name();
        for fnd in &file.findings {
            put(ws, &name, "", fnd)?;
        }
        for u in &file.units {
            let unit = u.display_name().unwrap_or("");
            // A superseded form counts nowhere: only why it is not counted.
            let superseded = u.superseded_by.is_some();
            for fnd in u
                .findings
                .iter()
                .filter(|f| !superseded || matches!(f.code, Code::Superseded | Code::DuplicateUnit))
            {
                put(ws, &name, unit, fnd)?;
            }
        }
    }
    let count = n;
    if count == 0 {
        ws.write_string_with_format(1, 1, "Không có phát hiện nào.", &st.text)?;
    }
    ws.set_freeze_panes(1, 0)?;
    ws.autofilter(0, 0, (count as u32).max(1), 7)?;
    ws.set_repeat_rows(0, 0)?;
    ws.set_landscape();
    ws.set_paper_size(A4);
    ws.set_print_fit_to_pages(1, 0);
    ws.set_margins(0.4, 0.4, 0.5, 0.5, 0.3, 0.3);
    ws.set_footer("&CTrang &P/&N");
    Ok(count)
}
