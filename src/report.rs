//! The run as data: every input and what became of it, every unit read
//! from them with its scores and findings, and which forms name the same
//! unit.
//!
//! Made by [`crate::pipeline`] from the [`crate::inputs`]; read by the
//! outputs ([`crate::output`], [`crate::workbook`]). The order is fixed (the
//! order of the inputs), so the same inputs always give the same report.

use crate::findings::{Finding, Severity};
use crate::form::Form;
use crate::inputs::Input;
use crate::scoring::ScoredUnit;
use indexmap::IndexMap;

/// One unit (one form) read from a file.
#[derive(Debug, Clone)]
pub struct UnitReport {
    pub form: Form,
    pub scored: ScoredUnit,
    /// Everything found about this form, reading and checks together.
    pub findings: Vec<Finding>,
    /// The unit's name as the roster (`--expected`) spells it, when the
    /// form names a unit of the roster.
    pub roster_name: Option<String>,
    /// A newer submission of the same unit that replaces this one (its
    /// file as shown, and sheet when its workbook holds several forms):
    /// this form is shown, and counted nowhere.
    pub superseded_by: Option<String>,
}

impl UnitReport {
    /// The rubric item a finding is about: the row whose criterion text,
    /// self-score, maximum, evidence or rate cell the finding points at
    /// (on the form's sheet). `None` for a finding about the form as a
    /// whole or a cell outside the rubric table.
    pub fn criterion_of(&self, f: &Finding) -> Option<&str> {
        let (sheet, cell) = (f.sheet.as_deref()?, f.cell.as_deref()?);
        let at = |loc: &crate::form::Loc| loc.sheet == sheet && loc.addr.to_string() == cell;
        self.form
            .entries
            .values()
            .find(|e| {
                at(&e.label)
                    || e.self_cell.as_ref().is_some_and(at)
                    || e.self_score.as_ref().is_some_and(|v| at(&v.loc))
                    || e.written_max.as_ref().is_some_and(|v| at(&v.loc))
                    || e.evidence.as_ref().is_some_and(|v| at(&v.loc))
                    || e.percent.as_ref().is_some_and(|v| at(&v.loc))
            })
            .map(|e| e.id.as_str())
    }

    /// The name to show: the roster's spelling, else the form's.
    pub fn display_name(&self) -> Option<&str> {
        self.roster_name
            .as_deref()
            .or_else(|| self.form.unit.as_ref().map(|u| u.value.trim()))
            .filter(|n| !n.is_empty())
    }
}

/// What became of one input file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Status {
    Ok,
    Warnings,
    Errors,
    Skipped,
    Unreadable,
    /// A newer submission of the same unit replaces it.
    Superseded,
}

impl Status {
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Ok => "ok",
            Status::Warnings => "warnings",
            Status::Errors => "errors",
            Status::Skipped => "skipped",
            Status::Unreadable => "unreadable",
            Status::Superseded => "superseded",
        }
    }

    /// The status of a set of findings about a form.
    pub fn of<'a>(findings: impl IntoIterator<Item = &'a Finding>) -> Status {
        let mut any = false;
        for f in findings {
            if f.severity == Severity::Error {
                return Status::Errors;
            }
            any = true;
        }
        if any { Status::Warnings } else { Status::Ok }
    }
}

/// One input and what was read from it.
#[derive(Debug, Clone)]
pub struct FileReport {
    /// The file, and why it was skipped if it was.
    pub input: Input,
    /// Findings about the file itself (skipped, unreadable, no table, …).
    pub findings: Vec<Finding>,
    /// The forms it held, one per sheet with a rubric table.
    pub units: Vec<UnitReport>,
    /// Skipped, unreadable, or read.
    pub kind: FileKind,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FileKind {
    /// Not a form to read (lock file, PDF, …).
    Skipped,
    /// Named like a spreadsheet but not one, encrypted, or corrupt.
    Unreadable,
    /// Read (it may still hold no form).
    Read,
}

impl FileReport {
    /// A report with nothing in it yet.
    pub fn new(input: Input, kind: FileKind) -> FileReport {
        FileReport {
            input,
            findings: Vec::new(),
            units: Vec::new(),
            kind,
        }
    }

    /// The file's status: for a read file, the worst of its forms.
    pub fn status(&self) -> Status {
        match self.kind {
            FileKind::Skipped => Status::Skipped,
            FileKind::Unreadable => Status::Unreadable,
            FileKind::Read => {
                let counted: Vec<&UnitReport> = self
                    .units
                    .iter()
                    .filter(|u| u.superseded_by.is_none())
                    .collect();
                if counted.is_empty() && !self.units.is_empty() {
                    return Status::Superseded;
                }
                let mut s = Status::of(&self.findings);
                for u in counted {
                    s = s.max(Status::of(&u.findings));
                }
                s
            }
        }
    }

    /// The path as given or found.
    pub fn path(&self) -> &std::path::Path {
        &self.input.path
    }

    /// The path as shown to people.
    pub fn display(&self) -> String {
        self.input.display()
    }

    /// The file's name as shown (an attachment's own name).
    pub fn name(&self) -> String {
        self.input.name()
    }
}

/// A form of the run: its file's position in [`Run::files`], its own in
/// that file's `units`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct FormRef {
    pub file: usize,
    pub unit: usize,
}

/// The whole run.
#[derive(Debug, Clone, Default)]
pub struct Run {
    pub files: Vec<FileReport>,
    /// Forms naming the same unit, two or more to a group, in input order
    /// ([`same_unit_groups`]): what the `duplicate-unit` findings and the
    /// "Tệp" sheet both say.
    pub duplicates: Vec<Vec<FormRef>>,
}

impl Run {
    /// The run of these reports, its duplicates found.
    pub fn new(files: Vec<FileReport>) -> Run {
        let duplicates = same_unit_groups(&files);
        Run { files, duplicates }
    }

    /// The groups of [`Run::duplicates`] that hold a form of file `i`.
    pub fn duplicates_of_file(&self, i: usize) -> impl Iterator<Item = &[FormRef]> {
        self.duplicates
            .iter()
            .filter(move |g| g.iter().any(|f| f.file == i))
            .map(|g| g.as_slice())
    }
}

/// The one rule for "the same unit sent twice": forms whose unit names
/// name the same agency ([`crate::agency::key`]: case, spacing, diacritics
/// and the usual abbreviations ignored), in two files or two sheets of one
/// file. A file given twice is one input
/// ([`crate::inputs`] skips the second), so it is never its own duplicate.
pub fn same_unit_groups(files: &[FileReport]) -> Vec<Vec<FormRef>> {
    let mut by_unit: IndexMap<String, Vec<FormRef>> = IndexMap::new();
    for (fi, f) in files.iter().enumerate() {
        for (ui, u) in f.units.iter().enumerate() {
            let Some(name) = &u.form.unit else { continue };
            let key = crate::agency::key(&name.value);
            if !key.is_empty() {
                by_unit
                    .entry(key)
                    .or_default()
                    .push(FormRef { file: fi, unit: ui });
            }
        }
    }
    by_unit.into_values().filter(|g| g.len() > 1).collect()
}

/// How many forms carry each year, and how many carry one at all (the
/// forms counted: superseded ones are not).
pub fn form_years(run: &Run) -> (std::collections::BTreeMap<i32, usize>, usize) {
    let mut by_year: std::collections::BTreeMap<i32, usize> = Default::default();
    let mut with_year = 0;
    for u in run.files.iter().flat_map(|f| f.units.iter()) {
        if u.superseded_by.is_some() {
            continue;
        }
        if let Some(y) = &u.form.year {
            with_year += 1;
            *by_year.entry(y.value).or_default() += 1;
        }
    }
    (by_year, with_year)
}

/// Most forms of a run carry a year other than `--year`: said at the top of
/// the run's summary, since the workbook is titled with `--year`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct YearNote {
    /// `--year`.
    pub given: i32,
    /// The year most forms carry.
    pub most: i32,
    /// Forms carrying `most`, of `with_year` forms that carry a year.
    pub count: usize,
    pub with_year: usize,
}

impl YearNote {
    /// The note when more than half of the forms that carry a year (and are
    /// counted: superseded ones are not) carry one other year than `given`.
    pub fn of(run: &Run, given: Option<i32>) -> Option<YearNote> {
        let given = given?;
        let (by_year, with_year) = form_years(run);
        let (&most, &count) = by_year
            .iter()
            .filter(|(y, _)| **y != given)
            .max_by_key(|(y, n)| (**n, std::cmp::Reverse(**y)))?;
        (count * 2 > with_year).then_some(YearNote {
            given,
            most,
            count,
            with_year,
        })
    }

    /// The note in a language.
    pub fn message(&self, lang: crate::findings::Lang) -> String {
        let YearNote {
            given,
            most,
            count,
            with_year,
        } = *self;
        match lang {
            crate::findings::Lang::Vi => format!(
                "LƯU Ý: đang tổng hợp năm {given} (--year {given}) nhưng {count}/{with_year} biểu mẫu ghi năm {most}. Nếu nhầm năm, hãy chạy lại với --year {most}."
            ),
            crate::findings::Lang::En => format!(
                "NOTE: consolidating the year {given} (--year {given}) but {count} of {with_year} forms are for {most}. If the year is wrong, run again with --year {most}."
            ),
        }
    }
}

/// When a form was sent: its message's date, else its archive entry's
/// time, else its file's modification time (seconds since 1970, with the
/// nanoseconds to order files saved within one second).
fn sent_at(file: &FileReport) -> Option<(i64, u32)> {
    if let Some(t) = file.input.source.as_ref().and_then(|s| s.time) {
        return Some((t, 0));
    }
    let m = std::fs::metadata(&file.input.path).ok()?.modified().ok()?;
    let d = m.duration_since(std::time::UNIX_EPOCH).ok()?;
    Some((d.as_secs() as i64, d.subsec_nanos()))
}

/// A unit counts once: in each group of [`Run::duplicates`], the newest
/// submission is kept ([`sent_at`]; a form without a time counts as the
/// oldest), every older one gets `superseded_by` and a `superseded`
/// finding. Forms sent at the very same time as the newest stay in
/// `duplicates` (their `duplicate-unit` findings say so) and all but the
/// last of them in input order are superseded too: a tie is a finding,
/// never a double count.
pub fn supersede(run: &mut Run) {
    use crate::findings::Message;
    let mut ties: Vec<Vec<FormRef>> = Vec::new();
    let mut marks: Vec<(FormRef, String, Option<Finding>)> = Vec::new();
    for group in &run.duplicates {
        let times: Vec<Option<(i64, u32)>> =
            group.iter().map(|r| sent_at(&run.files[r.file])).collect();
        // The newest; among equals, the last in input order.
        let Some(w) = (0..group.len()).max_by_key(|&k| (times[k], k)) else {
            continue;
        };
        let winner = group[w];
        let wf = &run.files[winner.file];
        let shown = if wf.units.len() > 1 {
            format!("{} › {}", wf.display(), wf.units[winner.unit].form.sheet)
        } else {
            wf.display()
        };
        let tied: Vec<FormRef> = group
            .iter()
            .zip(&times)
            .filter(|(_, t)| **t == times[w])
            .map(|(r, _)| *r)
            .collect();
        if tied.len() > 1 {
            ties.push(tied);
        }
        for (k, r) in group.iter().enumerate() {
            if k == w {
                continue;
            }
            let finding = (times[k] != times[w]).then(|| {
                let u = &run.files[r.file].units[r.unit];
                let loc = u.form.unit.as_ref().map(|n| n.loc.clone());
                let what = Message::Superseded { by: shown.clone() };
                match loc {
                    Some(l) => Finding::at(&l, what),
                    None => Finding::new(what),
                }
            });
            marks.push((*r, shown.clone(), finding));
        }
    }
    for (r, by, finding) in marks {
        if let Some(u) = run
            .files
            .get_mut(r.file)
            .and_then(|f| f.units.get_mut(r.unit))
        {
            u.superseded_by = Some(by);
            u.findings.extend(finding);
        }
    }
    run.duplicates = ties;
}
