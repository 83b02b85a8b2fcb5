//! The same unit sent twice: two forms whose unit names are equal after
//! `fold_ascii` (case, spacing and diacritics ignored), in two files or two
//! sheets of one file ([`crate::report::same_unit_groups`], the one rule
//! the "Tệp" sheet follows too). Each form gets a finding naming the
//! other(s).

use crate::findings::{Finding, Message, OtherForm};
use crate::report::Run;

/// A `duplicate-unit` finding on every form of every group of
/// [`Run::duplicates`], naming the others.
pub fn across_files(run: &mut Run) {
    let reports = &run.files;
    let mut add: Vec<(usize, usize, Finding)> = Vec::new();
    for group in &run.duplicates {
        for (k, r) in group.iter().enumerate() {
            let (fi, ui) = (r.file, r.unit);
            let here = &reports[fi];
            let unit = &here.units[ui];
            let Some(name) = &unit.form.unit else {
                continue;
            };
            let others: Vec<OtherForm> = group
                .iter()
                .enumerate()
                .filter(|(j, _)| *j != k)
                .map(|(_, o)| {
                    let of = &reports[o.file];
                    let sheet = of.units[o.unit].form.sheet.clone();
                    OtherForm {
                        file: (o.file != fi).then(|| of.display()),
                        sheet: (o.file == fi || of.units.len() > 1).then_some(sheet),
                    }
                })
                .collect();
            let what = Message::DuplicateUnit {
                unit: name.value.trim().to_string(),
                file: here.display(),
                sheet: (here.units.len() > 1).then(|| unit.form.sheet.clone()),
                others,
            };
            add.push((fi, ui, Finding::at(&name.loc, what)));
        }
    }
    for (fi, ui, f) in add {
        if let Some(u) = run.files.get_mut(fi).and_then(|r| r.units.get_mut(ui)) {
            u.findings.push(f);
        }
    }
}
