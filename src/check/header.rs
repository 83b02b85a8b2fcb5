//! The unit name, the form's year, and the dossier checklist.

use super::CheckOptions;
use crate::findings::{Finding, Message};
use crate::form::{DossierDoc, Form};

pub(super) fn unit_and_year(form: &Form, opts: &CheckOptions, out: &mut Vec<Finding>) {
    let named = form
        .unit
        .as_ref()
        .is_some_and(|u| !u.value.trim().is_empty());
    if !named {
        out.push(match &form.unit {
            Some(u) => Finding::at(&u.loc, Message::UnitNameMissing {}),
            None => Finding::on_sheet(&form.sheet, Message::UnitNameMissing {}),
        });
    }
    if let (Some(want), Some(y)) = (opts.year, &form.year)
        && y.value != want
    {
        out.push(Finding::at(
            &y.loc,
            Message::YearMismatch {
                found: y.value,
                expected: want,
            },
        ));
    }
}

/// One finding per document marked absent or left unmarked, or one for the
/// checklist missing altogether.
pub(super) fn dossier(form: &Form, out: &mut Vec<Finding>) {
    let Some(list) = &form.dossier else {
        out.push(Finding::on_sheet(
            &form.sheet,
            Message::DossierChecklistMissing {},
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
    for document in DossierDoc::ALL {
        out.push(match list.get(&document) {
            Some(Some(mark)) if mark.value => continue,
            Some(Some(mark)) => Finding::at(&mark.loc, Message::DossierMarkedAbsent { document }),
            // Pointed at by its label: the mark belongs to its right.
            Some(None) => match form.dossier_labels.get(&document) {
                Some(label) => Finding::at(label, Message::DossierUnmarked { document }),
                None => Finding::on_sheet(&sheet, Message::DossierUnmarked { document }),
            },
            None => Finding::on_sheet(&sheet, Message::DossierLineMissing { document }),
        });
    }
}
