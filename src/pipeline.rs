//! Reading the inputs: each file read, its forms extracted, scored and
//! checked ([`crate::read`] → [`crate::extract`] → [`crate::scoring`] +
//! [`crate::check`]), on a pool of worker threads, in input order; then the
//! checks across files. The result is a [`Run`].

use crate::check::{self, CheckOptions};
use crate::extract;
use crate::findings::{Finding, Message};
use crate::inputs::{self, Input, Skip};
use crate::own::{self, OwnKind};
use crate::read::{self, Damage, ReadError};
use crate::report::{FileKind, FileReport, Run, UnitReport};
use crate::roster::Roster;
use crate::rubric::Rubric;
use crate::scoring;
use std::path::{Path, PathBuf};

/// Options shared by every command that reads forms.
#[derive(Debug, Clone, Default)]
pub struct RunOptions {
    pub check: CheckOptions,
    /// The units expected (`--expected`): each form's unit is looked up,
    /// and one not on it gets `not-on-roster`.
    pub roster: Option<std::sync::Arc<Roster>>,
}

/// Reads, scores and checks one file given on its own.
pub fn evaluate_file(rubric: &Rubric, path: &Path, opts: &RunOptions) -> FileReport {
    evaluate_input(rubric, &Input::of(path), opts)
}

/// Reads, scores and checks one input (a skipped one gets its finding).
pub fn evaluate_input(rubric: &Rubric, input: &Input, opts: &RunOptions) -> FileReport {
    let mut report = FileReport::new(input.clone(), FileKind::Read);
    if let Some(skip) = &input.skip {
        return skipped(report, skip);
    }
    if let Some(e) = &input.broken {
        // An item of a container that could not be had (a corrupt archive,
        // a message over the limit): said as such, not as a workbook.
        report.kind = FileKind::Unreadable;
        report.findings.push(Finding::new(Message::ItemUnreadable {
            error: e.clone(),
            source: input.source.clone(),
        }));
        return report;
    }
    let workbook = match read::read_workbook(&input.path) {
        Ok(wb) => wb,
        Err(e) => {
            report.kind = FileKind::Unreadable;
            report.findings.push(read_error_finding(e));
            return report;
        }
    };
    // dvht's own workbooks are no forms; the standard form is one, unless
    // nothing was typed into it (checked once its forms are extracted).
    let own = own::classify(&workbook);
    if let Some(kind) = own.filter(|k| *k != OwnKind::Template) {
        return skipped(report, &Skip::OwnWorkbook(kind));
    }
    // The last wall: a defect in extraction, scoring or checks on one odd
    // workbook makes that file unreadable, never the whole run.
    let interpreted = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        let extraction = extract::extract(rubric, &workbook);
        let units: Vec<UnitReport> = extraction
            .forms
            .into_iter()
            .map(|mut form| {
                let scored = scoring::score(rubric, &form);
                let mut findings = form.findings.clone();
                findings.extend(check::validate(rubric, &form, &scored, &opts.check));
                // Kept until the run ends (10,000 of them for a province):
                // no spare capacity.
                form.entries.shrink_to_fit();
                form.pl1.shrink_to_fit();
                if let Some(d) = form.dossier.as_mut() {
                    d.shrink_to_fit();
                }
                let roster_name = opts
                    .roster
                    .as_ref()
                    .and_then(|r| on_roster(r, &form, &mut findings));
                findings.shrink_to_fit();
                UnitReport {
                    form,
                    scored,
                    findings,
                    roster_name,
                    superseded_by: None,
                }
            })
            .collect();
        (extraction.findings, units)
    }));
    match interpreted {
        Ok((_, units))
            if own == Some(OwnKind::Template)
                && !units.is_empty()
                && units.iter().all(|u| own::is_blank(&u.form)) =>
        {
            return skipped(report, &Skip::OwnWorkbook(OwnKind::Template));
        }
        Ok((findings, units)) => {
            report.findings = findings;
            report.units = units;
        }
        Err(_) => {
            report.kind = FileKind::Unreadable;
            report
                .findings
                .push(read_error_finding(ReadError::Unreadable(Damage::Internal)));
        }
    }
    report
}

/// The roster's spelling of the form's unit, or `not-on-roster` among the
/// findings. A form without a unit name already has `unit-name-missing`.
fn on_roster(
    roster: &Roster,
    form: &crate::form::Form,
    findings: &mut Vec<Finding>,
) -> Option<String> {
    let name = form.unit.as_ref()?;
    let shown = name.value.trim();
    if shown.is_empty() {
        return None;
    }
    if let Some(e) = roster.find(shown) {
        return Some(e.name.clone());
    }
    findings.push(Finding::at(
        &name.loc,
        Message::NotOnRoster {
            unit: shown.to_string(),
        },
    ));
    None
}

/// The report of a file not read as a form, with the reason.
fn skipped(mut report: FileReport, skip: &Skip) -> FileReport {
    report.kind = FileKind::Skipped;
    report.findings.push(Finding::new(Message::Skipped {
        skip: skip.clone(),
        source: report.input.source.clone(),
    }));
    report
}

/// The finding for a file that could not be read.
pub fn read_error_finding(error: ReadError) -> Finding {
    Finding::new(Message::Read { error })
}

/// Every input of the paths ([`inputs::collect`]) read, scored and checked
/// ([`evaluate_inputs`]).
pub fn evaluate_all(rubric: &Rubric, paths: &[PathBuf], opts: &RunOptions) -> Run {
    let found = inputs::collect(paths, &inputs::Options::default());
    let (inputs, _extracted) = inputs::open_containers(found);
    evaluate_inputs(rubric, &inputs, opts, &|| {}, &mut |_| {})
}

/// Reads, scores and checks every input, in parallel, then the checks
/// across files (the same unit in two files). `done` is called after each
/// file (for a progress bar); `each` gets each file's report as soon as it
/// and every file before it are read, in input order (on the calling
/// thread, while the other files are still being read: consolidate writes
/// "Chi tiết" meanwhile). Workers take the files in order, so the reports
/// waiting for an earlier one stay few.
pub fn evaluate_inputs(
    rubric: &Rubric,
    files: &[Input],
    opts: &RunOptions,
    done: &(dyn Fn() + Sync),
    each: &mut dyn FnMut(&FileReport),
) -> Run {
    use std::sync::atomic::{AtomicUsize, Ordering};
    let next = AtomicUsize::new(0);
    let read = AtomicUsize::new(0);
    let workers = rayon::current_num_threads().clamp(1, files.len().max(1));
    let mut reports: Vec<FileReport> = Vec::with_capacity(files.len());
    std::thread::scope(|scope| {
        let (tx, rx) = std::sync::mpsc::channel::<(usize, FileReport)>();
        for _ in 0..workers {
            let tx = tx.clone();
            let (next, read) = (&next, &read);
            scope.spawn(move || {
                loop {
                    let i = next.fetch_add(1, Ordering::Relaxed);
                    let Some(input) = files.get(i) else { break };
                    let r = evaluate_input(rubric, input, opts);
                    done();
                    if (read.fetch_add(1, Ordering::Relaxed) + 1).is_multiple_of(RELEASE_EVERY) {
                        release_free_memory();
                    }
                    if tx.send((i, r)).is_err() {
                        break;
                    }
                }
            });
        }
        drop(tx);
        let mut waiting: std::collections::BTreeMap<usize, FileReport> = Default::default();
        for (i, r) in rx {
            waiting.insert(i, r);
            while let Some(r) = waiting.remove(&reports.len()) {
                each(&r);
                reports.push(r);
            }
        }
    });
    let mut run = Run::new(reports);
    crate::report::supersede(&mut run);
    check::across_files(&mut run);
    run
}

/// Files read between two [`release_free_memory`] calls.
const RELEASE_EVERY: usize = 1024;

/// Hands the pages freed by the files read so far back to the system.
///
/// Each file's bytes, inflated XML and cells are freed once its forms are
/// read, but what is kept (the forms, scores and findings) ends up spread
/// between those holes, and glibc's malloc returns a page only from the top
/// of its heap. `malloc_trim` gives back every free page wherever it is.
/// Each call walks the heap and the pages given back fault in again, so it
/// runs every 1,024 files, where it costs next to nothing for the same
/// peak as more often (figures: BENCHMARKS.md, "What was changed").
fn release_free_memory() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    // SAFETY: malloc_trim only walks malloc's own free lists; any pad is valid.
    unsafe {
        libc::malloc_trim(0);
    }
}
