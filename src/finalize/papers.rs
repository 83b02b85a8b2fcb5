//! The conclusion as the papers of `finalize --documents` take it
//! ([`crate::documents::papers::FinalInput`]).

use super::{Conclusion, UnitFinding, WhyNot};
use crate::documents::papers::finalize::{Change, improvement};
use crate::documents::papers::{FinalInput, Group, UnitResult};
use crate::rubric::Rubric;

impl Conclusion {
    /// What the submission, the recognition decision and the report need,
    /// but the district's Phụ lục 1 totals (`annex1`, left empty: the
    /// district workbook's "Thống kê" holds them, not what readback reads).
    pub fn final_input(&self, rubric: &Rubric, year: i32, created: i64) -> FinalInput {
        let tops: Vec<&crate::rubric::Item> = rubric.top_level().collect();
        FinalInput {
            year,
            units: self
                .units
                .iter()
                .map(|u| UnitResult {
                    name: u.name.clone(),
                    total: u.concluded.total,
                    classification: u.concluded.class.clone(),
                    recognized: u.recognized,
                    groups: tops
                        .iter()
                        .map(|t| u.concluded.item(rubric, &t.id))
                        .collect(),
                    changes: u
                        .changes
                        .iter()
                        .map(|c| Change {
                            id: c.id.clone(),
                            proposed: c.proposed,
                            team: c.team,
                        })
                        .collect(),
                    to_improve: u
                        .findings
                        .iter()
                        .filter_map(|f| match f {
                            UnitFinding::Form { finding, resolved } if !resolved => {
                                Some(improvement(
                                    &finding.code,
                                    finding.criterion.as_deref(),
                                    &finding.message,
                                ))
                            }
                            _ => None,
                        })
                        .collect(),
                    reasons: u.why_not.iter().map(|w| reason(w, &u.findings)).collect(),
                })
                .collect(),
            groups: tops
                .iter()
                .map(|t| Group {
                    id: t.id.clone(),
                    label: t.text.clone(),
                    max: t.max,
                })
                .collect(),
            classes: rubric.bands.iter().map(|b| b.name.clone()).collect(),
            annex1: Vec::new(),
            created,
        }
    }
}

/// Why a unit is not proposed, as the submission and the report to the
/// People's Committee say it: an error of its form in plain words
/// ([`improvement`]), not the cell-by-cell instruction meant for the unit;
/// anything else (a team's score to look at, the classification) as the
/// result workbook says it.
fn reason(w: &WhyNot, findings: &[UnitFinding]) -> String {
    if let WhyNot::Unresolved { code, message } = w {
        let form = findings.iter().find_map(|f| match f {
            UnitFinding::Form { finding, .. }
                if finding.code == *code && finding.message == *message =>
            {
                Some(finding)
            }
            _ => None,
        });
        if let Some(f) = form {
            return format!(
                "biểu mẫu còn sai sót chưa được khắc phục ({})",
                improvement(code, f.criterion.as_deref(), message)
            );
        }
    }
    match w {
        WhyNot::Class(c) => format!("xếp loại {c}"),
        _ => w.text_vi(),
    }
}
