//! The same unit sent twice: two forms whose unit names are equal after
//! `fold_ascii` (case, spacing and diacritics ignored), in two files or two
//! sheets of one file ([`crate::report::same_unit_groups`], the one rule
//! the "Tệp" sheet follows too). Each form gets a finding naming the
//! other(s).

use crate::findings::{Code, Finding, where_en, where_vi};
use crate::report::Run;

/// A `duplicate-unit` finding on every form of every group of
/// [`Run::duplicates`], naming the others.
pub fn across_files(run: &mut Run) {
    let reports = &run.files;
    let mut add: Vec<(usize, usize, Finding)> = Vec::new();
    for group in &run.duplicates {
        let n = group.len();
        for (k, r) in group.iter().enumerate() {
            let (fi, ui) = (r.file, r.unit);
            let here = &reports[fi];
            let unit = &here.units[ui];
            let Some(name) = &unit.form.unit else {
                continue;
            };
            let others: Vec<(String, String)> = group
                .iter()
                .enumerate()
                .filter(|(j, _)| *j != k)
                .map(|(_, o)| {
                    let (ofi, oui) = (o.file, o.unit);
                    let of = &reports[ofi];
                    let sheet = &of.units[oui].form.sheet;
                    if ofi == fi {
                        (
                            format!("trang '{sheet}' của cùng tệp này"),
                            format!("sheet '{sheet}' of this same file"),
                        )
                    } else if of.units.len() > 1 {
                        (
                            format!("tệp {} (trang '{sheet}')", of.display()),
                            format!("file {} (sheet '{sheet}')", of.display()),
                        )
                    } else {
                        (
                            format!("tệp {}", of.display()),
                            format!("file {}", of.display()),
                        )
                    }
                })
                .collect();
            let ov: Vec<&str> = others.iter().map(|o| o.0.as_str()).collect();
            let oe: Vec<&str> = others.iter().map(|o| o.1.as_str()).collect();
            let this_sheet = if here.units.len() > 1 {
                (
                    format!(", trang '{}'", unit.form.sheet),
                    format!(", sheet '{}'", unit.form.sheet),
                )
            } else {
                (String::new(), String::new())
            };
            add.push((
                fi,
                ui,
                Finding::at(
                    Code::DuplicateUnit,
                    &name.loc,
                    format!(
                        "{}: đơn vị \"{}\" gửi {n} biểu mẫu: bản này (tệp {}{}) và {}. Phòng GD&ĐT chọn một bản để tổng hợp và chuyển các bản kia ra khỏi thư mục.",
                        where_vi(&name.loc),
                        name.value.trim(),
                        here.display(),
                        this_sheet.0,
                        ov.join("; ")
                    ),
                    format!(
                        "{}: the unit \"{}\" sent {n} forms: this one (file {}{}) and {}. Keep one for the consolidation and move the others out of the folder.",
                        where_en(&name.loc),
                        name.value.trim(),
                        here.display(),
                        this_sheet.1,
                        oe.join("; ")
                    ),
                ),
            ));
        }
    }
    for (fi, ui, f) in add {
        if let Some(u) = run.files.get_mut(fi).and_then(|r| r.units.get_mut(ui)) {
            u.findings.push(f);
        }
    }
}
