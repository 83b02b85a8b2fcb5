//! Validations of a scored form, and across files.
//!
//! [`validate`] works from a [`Form`] and its [`ScoredUnit`] only and emits
//! every finding code that is not about reading (see the table in
//! docs/INTERFACE.md): the rubric table ([`scores`]), the member counts and
//! percentages ([`counts`]), Phụ lục 1 ([`annex`]), the unit name, year and
//! dossier ([`header`]). [`across_files`] finds the same unit sent twice.
//!
//! Every finding is a typed [`crate::findings::Message`] holding the cell,
//! the value found and what was expected; its text (Vietnamese, English)
//! is in `findings/text.rs`.

mod annex;
mod attainable;
mod counts;
mod duplicates;
mod header;
mod scores;
#[cfg(test)]
mod tests;

pub use attainable::attainable;
pub use counts::PERCENT_TOLERANCE;
pub use duplicates::across_files;

use crate::findings::Finding;
use crate::form::{Form, Loc};
use crate::rubric::Rubric;
use crate::scoring::ScoredUnit;

/// What the checks need besides the form.
#[derive(Debug, Clone, Default)]
pub struct CheckOptions {
    /// The year being consolidated (`--year`).
    pub year: Option<i32>,
}

/// Every check of one form, in a fixed order: header, rubric table, counts,
/// Phụ lục 1, dossier.
pub fn validate(
    rubric: &Rubric,
    form: &Form,
    scored: &ScoredUnit,
    opts: &CheckOptions,
) -> Vec<Finding> {
    let mut out = Vec::new();
    header::unit_and_year(form, opts, &mut out);
    scores::check(rubric, form, scored, &mut out);
    counts::check(rubric, form, &mut out);
    annex::check(rubric, form, &mut out);
    header::dossier(form, &mut out);
    out
}

/// Whether reading already reported something at this cell (a value that
/// is not a number, a formula without a value): then its absence here is
/// explained and no second finding is needed.
pub(crate) fn reported_at(form: &Form, loc: &Loc) -> bool {
    let cell = loc.addr.to_string();
    form.findings
        .iter()
        .any(|f| f.sheet.as_deref() == Some(loc.sheet.as_str()) && f.cell.as_deref() == Some(&cell))
}
