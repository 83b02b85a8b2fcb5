//! Validations of a scored form, and across files.
//! (Placeholder until the checks land.)

use crate::findings::Finding;
use crate::form::Form;
use crate::report::FileReport;
use crate::rubric::Rubric;
use crate::scoring::ScoredUnit;

/// What the checks need besides the form.
#[derive(Debug, Clone, Default)]
pub struct CheckOptions {
    /// The year being consolidated (`--year`).
    pub year: Option<i32>,
}

pub fn validate(
    _rubric: &Rubric,
    _form: &Form,
    _scored: &ScoredUnit,
    _opts: &CheckOptions,
) -> Vec<Finding> {
    Vec::new()
}

pub fn across_files(_reports: &mut [FileReport]) {}
