//! The unit name, the form's year, and the dossier checklist.

use super::CheckOptions;
use crate::findings::{Code, Finding, where_en, where_vi};
use crate::form::{DossierDoc, Form};

pub(super) fn unit_and_year(form: &Form, opts: &CheckOptions, out: &mut Vec<Finding>) {
    let named = form
        .unit
        .as_ref()
        .is_some_and(|u| !u.value.trim().is_empty());
    if !named {
        let (vi, en) = match &form.unit {
            Some(u) => (
                format!("{}: ô tên đơn vị để trống", where_vi(&u.loc)),
                format!("{}: the unit name is blank", where_en(&u.loc)),
            ),
            None => (
                format!("Trang '{}': không tìm thấy tên đơn vị", form.sheet),
                format!("Sheet '{}': no unit name found", form.sheet),
            ),
        };
        let vi = format!(
            "{vi}. Ghi tên đơn vị sau nhãn \"Đơn vị:\" ở đầu biểu mẫu (ví dụ \"Đơn vị: Phòng Tư pháp\")."
        );
        let en = format!(
            "{en}. Write the unit's name after the label \"Đơn vị:\" at the top of the form (e.g. \"Đơn vị: Phòng Tư pháp\")."
        );
        out.push(match &form.unit {
            Some(u) => Finding::at(Code::UnitNameMissing, &u.loc, vi, en),
            None => Finding::on_sheet(Code::UnitNameMissing, &form.sheet, vi, en),
        });
    }
    if let (Some(want), Some(y)) = (opts.year, &form.year)
        && y.value != want
    {
        out.push(Finding::at(
            Code::YearMismatch,
            &y.loc,
            format!(
                "{}: biểu mẫu ghi năm {}, nhưng đang tổng hợp năm {want}. Kiểm tra đơn vị có gửi nhầm biểu mẫu năm khác không; nếu đúng là năm {want}, sửa năm ở ô {}.",
                where_vi(&y.loc),
                y.value,
                y.loc.addr
            ),
            format!(
                "{}: the form is for {}, but the year being consolidated is {want}. Check whether the unit sent last year's form; if it is for {want}, correct the year in cell {}.",
                where_en(&y.loc),
                y.value,
                y.loc.addr
            ),
        ));
    }
}

/// One finding per document marked absent or left unmarked, or one for the
/// checklist missing altogether.
pub(super) fn dossier(form: &Form, out: &mut Vec<Finding>) {
    let Some(list) = &form.dossier else {
        out.push(Finding::on_sheet(
            Code::DossierIncomplete,
            &form.sheet,
            format!(
                "Trang '{}': biểu mẫu không có danh mục hồ sơ minh chứng (mục VII.2 của kế hoạch). Bổ sung danh mục 6 loại hồ sơ và đánh dấu \"Có\" cho từng loại đã có.",
                form.sheet
            ),
            format!(
                "Sheet '{}': the form has no dossier checklist (section VII.2 of the plan). Add the list of the 6 documents and mark each one held \"Có\".",
                form.sheet
            ),
        ));
        return;
    };
    // Where the checklist is: the sheet of any marked document.
    let sheet = list
        .values()
        .flatten()
        .next()
        .map(|l| l.loc.sheet.clone())
        .unwrap_or_else(|| form.sheet.clone());
    for doc in DossierDoc::ALL {
        match list.get(&doc) {
            Some(Some(mark)) if mark.value => {}
            Some(Some(mark)) => out.push(Finding::at(
                Code::DossierIncomplete,
                &mark.loc,
                format!(
                    "{}: hồ sơ \"{}\" được đánh dấu là không có. Bổ sung hồ sơ này vào bộ minh chứng rồi đánh dấu \"Có\" ở ô {}.",
                    where_vi(&mark.loc),
                    doc.label(),
                    mark.loc.addr
                ),
                format!(
                    "{}: the document \"{}\" is marked absent. Add it to the dossier, then mark cell {} \"Có\".",
                    where_en(&mark.loc),
                    doc.label_en(),
                    mark.loc.addr
                ),
            )),
            Some(None) => match form.dossier_labels.get(&doc) {
                // Pointed at by its label: the mark belongs to its right.
                Some(label) => out.push(Finding::at(
                    Code::DossierIncomplete,
                    label,
                    format!(
                        "{}: hồ sơ \"{}\" chưa được đánh dấu có hay không. Ghi \"Có\" vào ô bên phải nếu đã có hồ sơ, nếu chưa thì bổ sung hồ sơ.",
                        where_vi(label),
                        doc.label()
                    ),
                    format!(
                        "{}: the document \"{}\" is not marked either way. Write \"Có\" in the cell to its right if the dossier holds it, otherwise add it.",
                        where_en(label),
                        doc.label_en()
                    ),
                )),
                None => out.push(Finding::on_sheet(
                    Code::DossierIncomplete,
                    &sheet,
                    format!(
                        "Trang '{sheet}': hồ sơ \"{}\" chưa được đánh dấu có hay không. Đánh dấu \"Có\" bên cạnh nếu đã có, nếu chưa thì bổ sung.",
                        doc.label()
                    ),
                    format!(
                        "Sheet '{sheet}': the document \"{}\" is not marked either way. Mark it \"Có\" if the dossier holds it, otherwise add it.",
                        doc.label_en()
                    ),
                )),
            },
            None => out.push(Finding::on_sheet(
                Code::DossierIncomplete,
                &sheet,
                format!(
                    "Trang '{sheet}': danh mục hồ sơ thiếu dòng \"{}\". Bổ sung dòng này vào danh mục và đánh dấu \"Có\" nếu đã có hồ sơ.",
                    doc.label()
                ),
                format!(
                    "Sheet '{sheet}': the dossier checklist has no line for \"{}\". Add the line and mark it \"Có\" if the dossier holds it.",
                    doc.label_en()
                ),
            )),
        }
    }
}
