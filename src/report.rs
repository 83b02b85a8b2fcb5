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
use crate::text::fold_ascii;
use indexmap::IndexMap;

/// One unit (one form) read from a file.
#[derive(Debug, Clone)]
pub struct UnitReport {
    pub form: Form,
    pub scored: ScoredUnit,
    /// Everything found about this form, reading and checks together.
    pub findings: Vec<Finding>,
}

/// What became of one input file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Status {
    Ok,
    Warnings,
    Errors,
    Skipped,
    Unreadable,
}

impl Status {
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Ok => "ok",
            Status::Warnings => "warnings",
            Status::Errors => "errors",
            Status::Skipped => "skipped",
            Status::Unreadable => "unreadable",
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
                let mut s = Status::of(&self.findings);
                for u in &self.units {
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

/// The one rule for "the same unit sent twice": forms whose unit names are
/// equal after [`fold_ascii`] (case, spacing and diacritics ignored), in
/// two files or two sheets of one file. A file given twice is one input
/// ([`crate::inputs`] skips the second), so it is never its own duplicate.
pub fn same_unit_groups(files: &[FileReport]) -> Vec<Vec<FormRef>> {
    let mut by_unit: IndexMap<String, Vec<FormRef>> = IndexMap::new();
    for (fi, f) in files.iter().enumerate() {
        for (ui, u) in f.units.iter().enumerate() {
            let Some(name) = &u.form.unit else { continue };
            let key = fold_ascii(&name.value);
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
