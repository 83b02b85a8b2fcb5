//! The conclusion of the year: from the district workbook as the teams
//! left it (and the team workbooks of `dvht plan`), each unit's final
//! scores, total, classification and rank, whether it is proposed for
//! recognition and why not, every change the teams made and every finding.
//!
//! A pure function ([`conclude`]) of what [`crate::readback`] returns and
//! the rubric; `dvht finalize` reads the files, prints the JSON
//! ([`json`]) and writes the result workbook ([`crate::workbook::result`]).
//!
//! The rules (docs/INTERFACE.md, "dvht finalize"):
//! - a criterion's final score is the team's where one was typed, else the
//!   proposed one; groups, totals and classification are recomputed here
//!   from those values ([`crate::workbook::calc::sum_up`]), never taken from
//!   a formula's cached result;
//! - every team score is checked like a self-score ([`crate::teamscore`]):
//!   one that is no score (text, negative, above the maximum) is an error
//!   at the cell it was typed in and counts for nothing — the proposed
//!   score stands, and the unit is not proposed until it is corrected;
//! - the same criterion of a unit given different scores in two workbooks
//!   (district and team workbooks alike) is `team-score-conflict`, an
//!   error naming every cell; neither value is chosen;
//! - a value typed for a unit the district workbook does not count, or on
//!   a row that is no criterion, is `team-score-orphaned` (a warning);
//! - an error-level finding of the unit's form is resolved by a valid team
//!   score on its criterion; any other error left (the form's, or about
//!   what the team typed) keeps the unit from being proposed and out of
//!   the ranking;
//! - a unit is proposed when it has a total, no unresolved error, and its
//!   classification is one the rubric marks `recognized`.
//!
//! ```no_run
//! use dvht::finalize::{conclude, Given};
//! # fn main() -> Result<(), String> {
//! let rubric = dvht::rubric::Rubric::builtin();
//! let path = std::path::Path::new("tong-hop-2023.xlsx");
//! let district = dvht::readback::read(path, &rubric).map_err(|e| e.message(dvht::findings::Lang::Vi))?;
//! let c = conclude(&rubric, &Given { name: "tong-hop-2023.xlsx".into(), book: &district }, &[]);
//! for u in &c.units {
//!     println!("{:?} {} {:?} {}", u.rank, u.name, u.concluded.total, u.recognized);
//! }
//! # Ok(())
//! # }
//! ```

pub mod json;
mod papers;

use crate::findings::{Criterion, Finding, Message, Orphan, Severity, TypedAt, TypedWhat};
use crate::form::Loc;
use crate::readback::{Book, BookFinding, BookUnit, TypedCell};
use crate::rubric::Rubric;
use crate::teamscore::{self, Checked};
use crate::text::fold_ascii;
use crate::workbook::calc::{UnitCalc, sum_up};
use rust_decimal::Decimal;

/// A workbook read back, and its file name as messages name it.
#[derive(Debug, Clone, Copy)]
pub struct Given<'a> {
    pub name: &'a str,
    pub book: &'a Book,
}

/// What `finalize` concludes.
#[derive(Debug, Clone, PartialEq)]
pub struct Conclusion {
    /// Every unit the district workbook counts, in the order of the final
    /// ranking (ranked units by total, highest first; then units with an
    /// unresolved error; then units without a total; ties by name).
    pub units: Vec<Concluded>,
    /// Findings about what was typed that belong to no unit concluded:
    /// values orphaned in any workbook.
    pub others: Vec<TeamFinding>,
}

/// One unit, concluded.
#[derive(Debug, Clone, PartialEq)]
pub struct Concluded {
    pub name: String,
    /// Its form's file, as the district workbook names it.
    pub file: String,
    /// Rank by final total among the units with no unresolved error
    /// (equal totals share one); `None` for the others.
    pub rank: Option<usize>,
    /// Groups, total and classification from the proposed scores.
    pub proposed: UnitCalc,
    /// The same from the final scores.
    pub concluded: UnitCalc,
    pub recognized: bool,
    /// Why it is not proposed for recognition (empty when it is).
    pub why_not: Vec<WhyNot>,
    /// Criteria where the team's score differs from the proposed one.
    pub changes: Vec<Change>,
    /// Its form's findings (as the district workbook lists them), then
    /// those about the scores typed for it.
    pub findings: Vec<UnitFinding>,
}

/// A criterion whose final score is the team's, not the proposed one.
#[derive(Debug, Clone, PartialEq)]
pub struct Change {
    /// The criterion ("2a").
    pub id: String,
    pub proposed: Option<Decimal>,
    pub team: Decimal,
    /// The workbook, sheet and cell where it was typed.
    pub book: String,
    pub loc: Loc,
    /// The team's note on that criterion, if any.
    pub note: Option<String>,
}

/// A finding about a unit.
#[derive(Debug, Clone, PartialEq)]
pub enum UnitFinding {
    /// A finding of its form, as the district workbook lists it;
    /// `resolved` when it is an error a valid team score on its criterion
    /// overrides.
    Form {
        finding: BookFinding,
        resolved: bool,
    },
    /// About a score typed for it.
    Team(TeamFinding),
}

impl UnitFinding {
    /// An error-level finding nothing has resolved.
    pub fn unresolved_error(&self) -> bool {
        match self {
            UnitFinding::Form { finding, resolved } => {
                finding.severity == Severity::Error && !resolved
            }
            UnitFinding::Team(t) => t.finding.severity == Severity::Error,
        }
    }

    pub fn severity(&self) -> Severity {
        match self {
            UnitFinding::Form { finding, .. } => finding.severity,
            UnitFinding::Team(t) => t.finding.severity,
        }
    }
}

/// A finding about something typed, with the workbook (file name) it was
/// typed in and the unit of the row.
#[derive(Debug, Clone, PartialEq)]
pub struct TeamFinding {
    /// The workbook's file name ("doan-1.xlsx"); for a conflict, the
    /// first of them.
    pub book: String,
    pub unit: String,
    pub finding: Finding,
}

/// Why a unit is not proposed for recognition.
#[derive(Debug, Clone, PartialEq)]
pub enum WhyNot {
    /// An error-level finding nothing has resolved: its code and message.
    Unresolved { code: String, message: String },
    /// No total could be computed (no score on any criterion).
    NoTotal,
    /// Its classification is not one the rubric recognises.
    Class(String),
}

impl WhyNot {
    /// The reason in Vietnamese, as the result workbook and the papers
    /// give it.
    pub fn text_vi(&self) -> String {
        match self {
            WhyNot::Unresolved { message, .. } => format!("Còn lỗi chưa xử lý: {message}"),
            WhyNot::NoTotal => "Không tính được tổng điểm".into(),
            WhyNot::Class(c) => format!("Xếp loại {c}"),
        }
    }

    /// The reason in English.
    pub fn text_en(&self) -> String {
        match self {
            WhyNot::Unresolved { code, message } => {
                format!("an unresolved error ({code}): {message}")
            }
            WhyNot::NoTotal => "no total could be computed".into(),
            WhyNot::Class(c) => format!("classified {c}"),
        }
    }
}

/// A score typed for a unit's criterion, in a workbook.
struct Typed<'a> {
    book: &'a str,
    cell: &'a TypedCell,
}

/// What was typed for one unit of the district workbook: per rubric item,
/// the scores and the notes.
struct Slots<'a> {
    scores: Vec<Vec<Typed<'a>>>,
    notes: Vec<Vec<&'a TypedCell>>,
}

/// Concludes from the district workbook and the team workbooks.
pub fn conclude(rubric: &Rubric, district: &Given, teams: &[Given]) -> Conclusion {
    let units: Vec<&BookUnit> = district.book.units.iter().filter(|u| u.counted).collect();
    let n = rubric.items.len();
    let mut slots: Vec<Slots> = (0..units.len())
        .map(|_| Slots {
            scores: (0..n).map(|_| Vec::new()).collect(),
            notes: vec![Vec::new(); n],
        })
        .collect();
    let mut others = Vec::new();
    let keys: Vec<(&str, &str)> = units
        .iter()
        .map(|u| (u.name.as_str(), u.file.as_str()))
        .collect();
    for given in std::iter::once(district).chain(teams) {
        let from: Vec<&BookUnit> = if std::ptr::eq(given.book, district.book) {
            units.clone()
        } else {
            given.book.units.iter().collect()
        };
        let from_keys: Vec<(&str, &str)> = from
            .iter()
            .map(|u| (u.name.as_str(), u.file.as_str()))
            .collect();
        let pairs = crate::readback::pair(&from_keys, &keys);
        for (u, to) in from.iter().zip(pairs) {
            let why = (to.is_none()).then(|| Orphan::NotInBook(district.name.to_string()));
            place(
                rubric,
                given,
                u,
                to.map(|k| &mut slots[k]),
                why,
                &mut others,
            );
        }
        orphan_problems(rubric, given, &mut others);
    }
    let mut out: Vec<Concluded> = units
        .iter()
        .zip(&slots)
        .map(|(u, s)| conclude_unit(rubric, u, s))
        .collect();
    rank(&mut out);
    Conclusion { units: out, others }
}

/// Files what `unit` of workbook `given` holds typed into `slots` (its unit
/// in the district workbook), or, when it has none there, reports each
/// typed value as orphaned for `why`.
fn place<'a>(
    rubric: &Rubric,
    given: &Given<'a>,
    unit: &'a BookUnit,
    mut slots: Option<&mut Slots<'a>>,
    why: Option<Orphan>,
    others: &mut Vec<TeamFinding>,
) {
    for item in &unit.items {
        let index = rubric.items.iter().position(|i| i.id == item.id);
        for (what, cell) in [
            (TypedWhat::Score, &item.team),
            (TypedWhat::Note, &item.note),
        ] {
            let Some(cell) = cell else { continue };
            let why = match (&why, index) {
                (Some(w), _) => w.clone(),
                (None, None) => Orphan::NotInRubric,
                (None, Some(i)) if rubric.items[i].is_group() && what == TypedWhat::Score => {
                    Orphan::GroupRow
                }
                (None, Some(i)) => {
                    if let Some(s) = slots.as_deref_mut() {
                        match what {
                            TypedWhat::Score => s.scores[i].push(Typed {
                                book: given.name,
                                cell,
                            }),
                            TypedWhat::Note => s.notes[i].push(cell),
                        }
                    }
                    continue;
                }
            };
            let finding =
                crate::carry::orphaned(rubric, given.name, &unit.name, &item.id, (what, cell), why);
            others.push(TeamFinding {
                book: given.name.to_string(),
                unit: unit.name.clone(),
                finding,
            });
        }
    }
}

/// Values typed on rows whose id is no criterion of the rubric.
fn orphan_problems(rubric: &Rubric, given: &Given, others: &mut Vec<TeamFinding>) {
    for (unit, id, what, cell) in given.book.typed_on_unknown_rows() {
        let why = Orphan::NotInRubric;
        others.push(TeamFinding {
            book: given.name.to_string(),
            unit: unit.to_string(),
            finding: crate::carry::orphaned(rubric, given.name, unit, id, (what, cell), why),
        });
    }
}

/// The team's score on one criterion, from everything typed for it: the
/// value when every valid one agrees, and the findings.
fn team_score(
    rubric: &Rubric,
    unit: &str,
    id: &str,
    typed: &[Typed],
    findings: &mut Vec<UnitFinding>,
) -> Option<(Decimal, String, Loc)> {
    let mut valid: Vec<(Decimal, &Typed)> = Vec::new();
    for t in typed {
        match teamscore::check(rubric, t.book, unit, id, t.cell) {
            Checked::Valid(v, warning) => {
                valid.push((v.normalize(), t));
                findings.extend(warning.map(|f| team_finding(t.book, unit, f)));
            }
            Checked::Invalid(f) => findings.push(team_finding(t.book, unit, f)),
        }
    }
    let (first, t) = valid.first()?;
    if valid.iter().any(|(v, _)| v != first) {
        let typed = valid
            .iter()
            .map(|(v, t)| TypedAt {
                book: t.book.to_string(),
                sheet: t.cell.loc.sheet.clone(),
                cell: t.cell.loc.addr.to_string(),
                value: *v,
            })
            .collect();
        let finding = Finding::new(Message::TeamScoreConflict {
            unit: unit.to_string(),
            criterion: Criterion::of(rubric, id),
            typed,
        });
        findings.push(team_finding(t.book, unit, finding));
        return None;
    }
    Some((*first, t.book.to_string(), t.cell.loc.clone()))
}

fn team_finding(book: &str, unit: &str, finding: Finding) -> UnitFinding {
    UnitFinding::Team(TeamFinding {
        book: book.to_string(),
        unit: unit.to_string(),
        finding,
    })
}

/// One unit's final scores, findings and whether it is proposed.
fn conclude_unit(rubric: &Rubric, unit: &BookUnit, slots: &Slots) -> Concluded {
    let n = rubric.items.len();
    let mut proposed: Vec<Option<Decimal>> = vec![None; n];
    let mut finals: Vec<Option<Decimal>> = vec![None; n];
    let mut resolved = vec![false; n];
    let mut team_findings = Vec::new();
    let mut changes = Vec::new();
    for (i, item) in rubric.items.iter().enumerate() {
        if item.is_group() {
            continue;
        }
        // A proposed score dvht could not have written (a cell edited by
        // hand) counts for nothing.
        proposed[i] = unit
            .item(&item.id)
            .and_then(|b| b.proposed)
            .filter(|p| *p >= Decimal::ZERO && *p <= item.max);
        finals[i] = proposed[i];
        let typed = &slots.scores[i];
        if let Some((v, book, loc)) =
            team_score(rubric, &unit.name, &item.id, typed, &mut team_findings)
        {
            finals[i] = Some(v);
            resolved[i] = true;
            if proposed[i].map(|p| p.normalize()) != Some(v) {
                let note = slots.notes[i]
                    .iter()
                    .map(|c| c.text().trim().to_string())
                    .filter(|t| !t.is_empty())
                    .collect::<Vec<_>>()
                    .join("; ");
                changes.push(Change {
                    id: item.id.clone(),
                    proposed: proposed[i],
                    team: v,
                    book,
                    loc,
                    note: (!note.is_empty()).then_some(note),
                });
            }
        }
    }
    let mut findings: Vec<UnitFinding> = unit
        .findings
        .iter()
        .map(|f| {
            let leaf = f
                .criterion
                .as_deref()
                .and_then(|id| rubric.items.iter().position(|i| i.id == id));
            UnitFinding::Form {
                finding: f.clone(),
                resolved: f.severity == Severity::Error && leaf.is_some_and(|i| resolved[i]),
            }
        })
        .collect();
    findings.extend(team_findings);
    let proposed = sum_up(rubric, proposed);
    let concluded = sum_up(rubric, finals);
    let why_not = why_not(rubric, &findings, &concluded);
    Concluded {
        name: unit.name.clone(),
        file: unit.file.clone(),
        rank: None,
        proposed,
        concluded,
        recognized: why_not.is_empty(),
        why_not,
        changes,
        findings,
    }
}

/// Why a unit with these findings and scores is not proposed.
fn why_not(rubric: &Rubric, findings: &[UnitFinding], concluded: &UnitCalc) -> Vec<WhyNot> {
    let mut out: Vec<WhyNot> = findings
        .iter()
        .filter(|f| f.unresolved_error())
        .map(|f| match f {
            UnitFinding::Form { finding, .. } => WhyNot::Unresolved {
                code: finding.code.clone(),
                message: finding.message.clone(),
            },
            UnitFinding::Team(t) => WhyNot::Unresolved {
                code: t.finding.code.as_str().to_string(),
                message: t.finding.message(crate::findings::Lang::Vi),
            },
        })
        .collect();
    match concluded.total {
        None => out.push(WhyNot::NoTotal),
        Some(t) => {
            let band = rubric.band_of(t);
            if !band.recognized {
                out.push(WhyNot::Class(band.name.clone()));
            }
        }
    }
    out
}

/// Orders the units as the final ranking and gives each its rank.
fn rank(units: &mut [Concluded]) {
    let clean = |u: &Concluded| !u.findings.iter().any(UnitFinding::unresolved_error);
    let mut totals: Vec<Decimal> = units
        .iter()
        .filter(|u| clean(u))
        .filter_map(|u| u.concluded.total)
        .collect();
    totals.sort_by(|a, b| b.cmp(a));
    for u in units.iter_mut() {
        u.rank = match u.concluded.total {
            Some(t) if clean(u) => Some(1 + totals.partition_point(|x| *x > t)),
            _ => None,
        };
    }
    // Stable: units of equal key stay in the district workbook's order.
    units.sort_by_cached_key(|u| {
        let total = u.concluded.total;
        (
            total.is_none(),
            u.rank.is_none(),
            std::cmp::Reverse(total),
            fold_ascii(&u.name),
        )
    });
}

impl Conclusion {
    /// Units proposed for recognition, in the order a decision lists them
    /// (the final ranking).
    pub fn recognized(&self) -> impl Iterator<Item = &Concluded> {
        self.units.iter().filter(|u| u.recognized)
    }

    /// Whether an error-level finding remains (the exit status 1).
    pub fn has_errors(&self) -> bool {
        self.units
            .iter()
            .flat_map(|u| &u.findings)
            .any(UnitFinding::unresolved_error)
            || self
                .others
                .iter()
                .any(|o| o.finding.severity == Severity::Error)
    }

    /// Units of each classification of the rubric, best first (bands
    /// with none included).
    pub fn by_classification<'r>(&self, rubric: &'r Rubric) -> Vec<(&'r str, usize)> {
        rubric
            .bands
            .iter()
            .map(|b| {
                let n = self
                    .units
                    .iter()
                    .filter(|u| u.concluded.class.as_deref() == Some(b.name.as_str()))
                    .count();
                (b.name.as_str(), n)
            })
            .collect()
    }
}

#[cfg(test)]
mod tests;
