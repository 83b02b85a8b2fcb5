//! The same unit sent twice: two forms whose unit names are equal after
//! [`fold_ascii`] (case, spacing and diacritics ignored), in two files or two
//! sheets of one file. Each form gets a finding naming the other(s).

use crate::findings::{Code, Finding, where_en, where_vi};
use crate::report::FileReport;
use crate::text::fold_ascii;
use indexmap::IndexMap;
use std::collections::HashSet;
use std::path::PathBuf;

pub fn across_files(reports: &mut [FileReport]) {
    // unit key → (file index, unit index), in input order. A file given
    // twice (a folder and a file inside it) is one form, not a duplicate.
    let mut by_unit: IndexMap<String, Vec<(usize, usize)>> = IndexMap::new();
    let mut seen: HashSet<(PathBuf, String)> = HashSet::new();
    for (fi, f) in reports.iter().enumerate() {
        let real = std::fs::canonicalize(&f.path).unwrap_or_else(|_| f.path.clone());
        for (ui, u) in f.units.iter().enumerate() {
            let Some(name) = &u.form.unit else { continue };
            let key = fold_ascii(&name.value);
            if key.is_empty() || !seen.insert((real.clone(), u.form.sheet.clone())) {
                continue;
            }
            by_unit.entry(key).or_default().push((fi, ui));
        }
    }
    let mut add: Vec<(usize, usize, Finding)> = Vec::new();
    for group in by_unit.values().filter(|g| g.len() > 1) {
        let n = group.len();
        for (k, &(fi, ui)) in group.iter().enumerate() {
            let here = &reports[fi];
            let unit = &here.units[ui];
            let Some(name) = &unit.form.unit else {
                continue;
            };
            let others: Vec<(String, String)> = group
                .iter()
                .enumerate()
                .filter(|(j, _)| *j != k)
                .map(|(_, &(ofi, oui))| {
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
        if let Some(u) = reports.get_mut(fi).and_then(|r| r.units.get_mut(ui)) {
            u.findings.push(f);
        }
    }
}
