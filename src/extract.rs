//! Cells → forms: finds the rubric table and the labelled values.
//! (Placeholder until the extraction work lands.)

use crate::cells::Workbook;
use crate::findings::Finding;
use crate::form::Form;
use crate::rubric::Rubric;

/// What a workbook held.
#[derive(Debug, Clone, Default)]
pub struct Extraction {
    /// One form per sheet holding a rubric table, in sheet order.
    pub forms: Vec<Form>,
    /// Findings about the workbook as a whole (no-rubric-table, sheet-too-large).
    pub findings: Vec<Finding>,
}

pub fn extract(_rubric: &Rubric, _wb: &Workbook) -> Extraction {
    Extraction::default()
}
