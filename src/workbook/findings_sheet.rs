//! "Phát hiện": every finding of the run with its file, unit, sheet, cell,
//! the criterion it concerns, severity, what it is (the code's Vietnamese
//! title beside the code) and message, in input order.
//! Written row by row. `dvht finalize` reads the error-level ones back
//! ([`crate::readback`]): the headers are [`super::labels`]'.

use super::{Input, SHEET_FINDINGS, Styles, UnitRow, clip, fit, labels};
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
        (labels::HEAD_FILE, 24.0),
        (labels::HEAD_UNIT, 24.0),
        (labels::HEAD_SHEET, 14.0),
        (labels::HEAD_CELL, 6.0),
        (labels::HEAD_CRITERION, 7.0),
        (labels::HEAD_SEVERITY, 9.0),
        (labels::HEAD_ISSUE, 26.0),
        (labels::HEAD_CODE, 18.0),
        ("Nội dung", 66.0),
    ];
    for (c, (h, w)) in heads.iter().enumerate() {
        ws.write_string_with_format(0, c as u16, *h, &st.header)?;
        ws.set_column_width(c as u16, *w)?;
    }
    let mut r: u32 = 1;
    let mut n = 0usize;
    let mut put = |ws: &mut rust_xlsxwriter::Worksheet,
                   (file, unit, crit): (&str, &str, &str),
                   fnd: &Finding|
     -> Result<(), XlsxError> {
        n += 1;
        let (sev, fmt) = match fnd.severity {
            Severity::Error => (labels::SEVERITY_ERROR, &st.error),
            Severity::Warning => (labels::SEVERITY_WARNING, &st.warning),
        };
        let sheet = fnd.sheet.as_deref().unwrap_or("");
        ws.write_number_with_format(r, 0, n as f64, &st.center)?;
        ws.write_string_with_format(r, 1, clip(file), &st.wrap)?;
        ws.write_string_with_format(r, 2, clip(unit), &st.wrap)?;
        ws.write_string_with_format(r, 3, clip(sheet), &st.wrap)?;
        ws.write_string_with_format(r, 4, fnd.cell.as_deref().unwrap_or(""), &st.center)?;
        ws.write_string_with_format(r, 5, crit, &st.center)?;
        ws.write_string_with_format(r, 6, sev, fmt)?;
        // The code (stable, for filters and programs) beside its title.
        let title = fnd.code.title(Lang::Vi);
        ws.write_string_with_format(r, 7, title, &st.wrap)?;
        ws.write_string_with_format(r, 8, fnd.code.as_str(), &st.text)?;
        let message = clip(&fnd.message(Lang::Vi));
        ws.write_string_with_format(r, 9, &message, &st.wrap)?;
        fit(
            ws,
            r,
            &[
                (&message, 66.0),
                (file, 24.0),
                (unit, 24.0),
                (sheet, 14.0),
                (title, 26.0),
            ],
        )?;
        r += 1;
        Ok(())
    };
    for file in &input.run.files {
        let name = file.name();
        for fnd in &file.findings {
            put(ws, (&name, "", ""), fnd)?;
        }
        for u in &file.units {
            let unit = u.display_name().unwrap_or("");
            let source = super::source(file, u);
            // A superseded form counts nowhere: only why it is not counted.
            let superseded = u.superseded_by.is_some();
            for fnd in u
                .findings
                .iter()
                .filter(|f| !superseded || matches!(f.code, Code::Superseded | Code::DuplicateUnit))
            {
                let crit = u.criterion_of(fnd).unwrap_or("");
                put(ws, (&source, unit, crit), fnd)?;
            }
        }
    }
    for o in input.other_findings {
        put(ws, (&o.file, &o.unit, ""), &o.finding)?;
    }
    let count = n;
    if count == 0 {
        ws.write_string_with_format(1, 1, "Không có phát hiện nào.", &st.text)?;
    }
    super::finish_list(ws, 0, 0, (count as u32).max(1), 9)?;
    Ok(count)
}
