//! What the inspection teams typed into an earlier district workbook,
//! carried into the new one when `consolidate` is run again (late forms,
//! corrected forms, a unit withdrawn).
//!
//! Every team score and note of the old workbook ([`crate::readback`]) goes
//! to the same unit and criterion of the new run — the unit matched by name
//! and file, else by name alone where that is unambiguous
//! ([`crate::readback::pair`]); never by row, rank or sheet name, which
//! move. A value that has nowhere to go (its unit is no longer among the
//! forms, its row is no criterion of the rubric, it was typed on a group's
//! row) is not dropped: it becomes a `team-score-orphaned` finding naming
//! the old workbook's sheet and cell, and the old workbook itself is kept.
//!
//! A score is written back as it was typed; text that reads as a score
//! ("9,5", "9.5 điểm") is written as that number, so the workbook's
//! formulas count it. Anything else stays text, as typed.

use crate::findings::{Criterion, Finding, Message, Orphan, TypedWhat};
use crate::readback::{Book, TypedCell};
use crate::report::Run;
use crate::rubric::Rubric;
use crate::teamscore::{self, Checked};
use crate::value::{self, Kind};
use crate::workbook::{OtherFinding, TeamValue, Typed};

/// What was carried.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Carried {
    /// For every form of the run in input order (files in order, each
    /// file's forms in sheet order), what was typed for it: the
    /// [`crate::workbook::Input::typed`] of the new workbook.
    pub typed: Vec<Option<Typed>>,
    /// Values with no place in the new workbook (`team-score-orphaned`,
    /// at the old workbook's sheet and cell), under the old workbook's
    /// file name and the unit's name.
    pub orphans: Vec<OtherFinding>,
    /// Carried team scores that are no score (not a number, out of
    /// range) or one the rule never gives, at the old workbook's cell.
    pub checks: Vec<OtherFinding>,
    /// Team scores and notes carried.
    pub scores: usize,
    pub notes: usize,
}

/// Carries the typed values of `old` (the workbook file `book`, as named
/// in messages) to the forms of `run`. Superseded forms receive nothing:
/// a unit's values go to the form that counts.
pub fn carry(rubric: &Rubric, old: &Book, book: &str, run: &Run) -> Carried {
    let mut forms = Vec::new();
    for file in &run.files {
        for unit in &file.units {
            forms.push((file, unit));
        }
    }
    let counted: Vec<usize> = (0..forms.len())
        .filter(|&k| forms[k].1.superseded_by.is_none())
        .collect();
    let names: Vec<(String, String)> = counted
        .iter()
        .map(|&k| {
            let (file, unit) = forms[k];
            (
                crate::workbook::unit_name(file, unit),
                crate::workbook::source(file, unit),
            )
        })
        .collect();
    let new: Vec<(&str, &str)> = names
        .iter()
        .map(|(n, f)| (n.as_str(), f.as_str()))
        .collect();
    let old_keys: Vec<(&str, &str)> = old
        .units
        .iter()
        .map(|u| (u.name.as_str(), u.file.as_str()))
        .collect();
    let pairs = crate::readback::pair(&old_keys, &new);
    let n = rubric.items.len();
    let mut out = Carried {
        typed: vec![None; forms.len()],
        ..Carried::default()
    };
    let orphan =
        |unit: &str, id: &str, what: TypedWhat, cell: &TypedCell, why: Orphan| OtherFinding {
            file: book.to_string(),
            unit: unit.to_string(),
            finding: orphaned(rubric, book, unit, id, (what, cell), why),
        };
    for (u, paired) in old.units.iter().zip(&pairs) {
        for item in &u.items {
            let typed = [
                (TypedWhat::Score, &item.team),
                (TypedWhat::Note, &item.note),
            ];
            for (what, cell) in typed {
                let Some(cell) = cell else { continue };
                let index = rubric.items.iter().position(|i| i.id == item.id);
                let why = match (*paired, index) {
                    (None, _) => Orphan::UnitGone,
                    (_, None) => Orphan::NotInRubric,
                    (_, Some(i)) if rubric.items[i].is_group() => Orphan::GroupRow,
                    (Some(j), Some(i)) => {
                        let t = out.typed[counted[j]].get_or_insert_with(|| Typed::empty(n));
                        match what {
                            TypedWhat::Score => {
                                t.team[i] = Some(team_value(&cell.value));
                                out.scores += 1;
                                // Carried as typed, and said when it is no
                                // score (or one the rule never gives).
                                let id = &item.id;
                                let finding =
                                    match teamscore::check(rubric, book, &u.name, id, cell) {
                                        Checked::Invalid(f) | Checked::Valid(_, Some(f)) => Some(f),
                                        Checked::Valid(_, None) => None,
                                    };
                                out.checks.extend(finding.map(|finding| OtherFinding {
                                    file: book.to_string(),
                                    unit: u.name.clone(),
                                    finding,
                                }));
                            }
                            TypedWhat::Note => {
                                t.notes[i] = Some(cell.text());
                                out.notes += 1;
                            }
                        }
                        continue;
                    }
                };
                out.orphans.push(orphan(&u.name, &item.id, what, cell, why));
            }
        }
    }
    for (unit, id, what, cell) in old.typed_on_unknown_rows() {
        out.orphans
            .push(orphan(unit, id, what, cell, Orphan::NotInRubric));
    }
    out
}

/// The `team-score-orphaned` finding of a value typed in workbook `book`
/// for criterion `id` of `unit`, at the cell it was typed in.
pub fn orphaned(
    rubric: &Rubric,
    book: &str,
    unit: &str,
    id: &str,
    (what, cell): (TypedWhat, &TypedCell),
    why: Orphan,
) -> Finding {
    Finding::at(
        &cell.loc,
        Message::TeamScoreOrphaned {
            book: book.to_string(),
            unit: unit.to_string(),
            criterion: Criterion::of(rubric, id),
            typed: what,
            found: cell.text(),
            why,
        },
    )
}

/// A typed team score as it will be written: a number, text that reads as
/// a score turned into it, anything else as text.
pub fn team_value(v: &crate::cells::CellValue) -> TeamValue {
    use crate::cells::CellValue;
    match v {
        CellValue::Number { value, .. } => TeamValue::Number(*value),
        CellValue::Text(t) => match value::parse_text(t, Kind::Score) {
            Ok(Some(d)) => TeamValue::Number(d),
            _ => TeamValue::Text(t.clone()),
        },
        other => TeamValue::Text(other.display()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cells::CellValue;

    #[test]
    fn typed_text_that_reads_as_a_score_becomes_the_number() {
        let d = |s: &str| s.parse::<rust_decimal::Decimal>().unwrap();
        let t = |s: &str| CellValue::Text(s.into());
        assert_eq!(team_value(&t("9,5")), TeamValue::Number(d("9.5")));
        assert_eq!(team_value(&t(" 7 điểm")), TeamValue::Number(d("7")));
        assert_eq!(team_value(&t("mười")), TeamValue::Text("mười".into()));
        assert_eq!(
            team_value(&CellValue::Number {
                value: d("12"),
                percent: false
            }),
            TeamValue::Number(d("12"))
        );
        assert_eq!(
            team_value(&CellValue::Bool(true)),
            TeamValue::Text("TRUE".into())
        );
    }
}
