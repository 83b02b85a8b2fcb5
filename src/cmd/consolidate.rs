//! `dvht consolidate PATH... -o OUT.xlsx`: reads every form, scores and
//! checks them, and writes the district workbook ([`dvht::workbook`]).
//!
//! Safety: the workbook is written to a temporary file in the output's
//! folder and renamed into place, so a crash or a kill never leaves half a
//! workbook at the output path; an output that is one of the inputs is
//! refused; inputs are only ever read. The document date comes from
//! SOURCE_DATE_EPOCH or the inputs' modification times, never the clock, so
//! the same inputs give the same bytes.

use super::Context;
use super::say::{Say, Wrote};
use dvht::carry;
use dvht::findings::Lang;
use dvht::inputs::{self, FileId};
use dvht::outfile;
use dvht::output;
use dvht::own::OwnKind;
use dvht::pipeline::{self, RunOptions};
use dvht::readback;
use dvht::report::{self, FileKind};
use dvht::roster::Roster;
use dvht::workbook::{self, Input};
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use std::io::IsTerminal;
use std::path::{Path, PathBuf};

#[derive(clap::Args, Debug)]
pub struct Args {
    /// Tệp hoặc thư mục biểu mẫu / form files or folders
    #[arg(required = true)]
    paths: Vec<PathBuf>,
    /// Bảng tổng hợp cần ghi (.xlsx) / the workbook to write
    #[arg(short, long, value_name = "OUT.xlsx")]
    output: PathBuf,
    /// Năm đang đánh giá / the year being assessed
    #[arg(long, value_name = "YYYY", value_parser = super::parse_year)]
    year: Option<i32>,
    /// Tên huyện / the district
    #[arg(long)]
    district: Option<String>,
    /// Danh sách đơn vị phải nộp: .txt (mỗi dòng một đơn vị; UTF-8, Unicode, Windows-1258),
    /// .csv, .xlsx/.xls/.ods (cột tên đơn vị) / the units expected to send a form: .txt
    /// (one per line), .csv, or a spreadsheet (the column of unit names)
    #[arg(long, value_name = "FILE")]
    expected: Option<PathBuf>,
    /// In JSON / print JSON
    #[arg(long)]
    json: bool,
    /// Ghi đè cả tệp không phải bảng tổng hợp do dvht lập / replace the file even if it is not a district workbook dvht wrote
    #[arg(long)]
    force: bool,
    /// Số đơn vị tối đa có trang riêng / most units that get a sheet of their own
    #[arg(long, default_value_t = workbook::DEFAULT_UNIT_SHEET_LIMIT, hide = true)]
    unit_sheet_limit: usize,
}

impl Args {
    /// The consolidation of files dropped on dvht.exe (`cmd::dropped`).
    pub fn dropped(paths: Vec<PathBuf>, output: PathBuf, year: Option<i32>) -> Args {
        Args {
            paths,
            output,
            year,
            district: None,
            expected: None,
            json: false,
            force: false,
            unit_sheet_limit: workbook::DEFAULT_UNIT_SHEET_LIMIT,
        }
    }
}

pub fn run(ctx: &Context, args: Args) -> anyhow::Result<u8> {
    run_then(ctx, args, &mut |_| {})
}

/// [`run`], handing the run to `after` once the workbook is written.
pub fn run_then(
    ctx: &Context,
    args: Args,
    after: &mut dyn FnMut(&report::Run),
) -> anyhow::Result<u8> {
    let lang = ctx.lang;
    let Given {
        out,
        files,
        roster: expected,
        official,
        _extracted,
    } = Given::of(ctx, &args)?;
    let earlier = Earlier::read(&out, ctx);
    let date = document_date(&files, args.expected.as_deref());
    let cannot_write =
        |e: &dyn std::fmt::Display| Say::CannotWrite(&args.output, e.to_string()).fail(lang);
    let mut book = workbook::Book::new(args.district.as_deref(), args.year, date)
        .map_err(|e| cannot_write(&e))?;
    // Beyond the unit-sheet limit the units go to "Chi tiết", in input
    // order: written while the other forms are still being read (not when
    // values typed into the earlier workbook are carried: they are placed
    // once every unit is known).
    let streamed =
        files.len() > args.unit_sheet_limit && earlier.as_ref().is_none_or(|e| !e.typed());
    if streamed {
        book.stream_detail(&ctx.rubric)
            .map_err(|e| cannot_write(&e))?;
    }
    let bar = progress_bar(files.len() as u64, &Say::ReadingForms.text(lang));
    let mut opts = RunOptions::default();
    opts.check.year = args.year;
    opts.roster = expected.clone();
    let mut failed = None;
    let run = pipeline::evaluate_inputs(&ctx.rubric, &files, &opts, &|| bar.inc(1), &mut |file| {
        if failed.is_none()
            && let Err(e) = book.push_file(&ctx.rubric, file)
        {
            failed = Some(e);
        }
    });
    bar.finish_and_clear();
    if let Some(e) = failed {
        return Err(cannot_write(&e));
    }

    let missing = match &expected {
        Some(roster) => roster.missing(&run),
        None => Vec::new(),
    };
    let carried = earlier
        .as_ref()
        .map(|e| carry::carry(&ctx.rubric, &e.book, &e.name, &run))
        .unwrap_or_default();
    let other_findings: Vec<workbook::OtherFinding> = carried
        .orphans
        .iter()
        .chain(&carried.checks)
        .cloned()
        .collect();
    let input = Input {
        rubric: &ctx.rubric,
        run: &run,
        district: args.district.as_deref(),
        year: args.year,
        missing_units: &missing,
        date,
        unit_sheet_limit: args.unit_sheet_limit,
        typed: &carried.typed,
        other_findings: &other_findings,
        official,
    };
    let n_units: usize = run.files.iter().map(|f| f.units.len()).sum();
    let bar = progress_bar(
        if streamed { 0 } else { n_units as u64 },
        &Say::WritingWorkbook.text(lang),
    );
    let (written, kept) = write_atomically(book, &input, &out, &|| bar.inc(1), lang)?;
    bar.finish_and_clear();

    if args.json {
        let mut v = output::run_json(&run, &missing, ctx.lang);
        if let Some(o) = v.as_object_mut() {
            o.insert(
                "output".into(),
                serde_json::json!(args.output.display().to_string()),
            );
            o.insert(
                "previous".into(),
                serde_json::json!(kept.as_ref().map(|k| k.display().to_string())),
            );
            o.insert("findings".into(), other_json(&other_findings, lang));
        }
        super::write_stdout(&format!("{}\n", serde_json::to_string_pretty(&v)?))?;
    }
    if let Some(note) = report::YearNote::of(&run, args.year) {
        eprintln!("{}", note.message(lang));
    }
    let count = |kind| run.files.iter().filter(|f| f.kind == kind).count();
    let wrote = Wrote {
        path: &args.output,
        units: written.units,
        detail: written.detail,
        findings: written.findings,
        files: written.files,
        skipped: count(FileKind::Skipped),
        unreadable: count(FileKind::Unreadable),
        missing: expected.is_some().then_some(written.missing),
        with_errors: run
            .files
            .iter()
            .flat_map(|f| &f.units)
            .filter(|u| {
                u.superseded_by.is_none()
                    && report::Status::of(&u.findings) == report::Status::Errors
            })
            .count(),
    };
    eprintln!("{}", Say::Wrote(wrote).text(lang));
    say_carried(&carried, kept.as_deref(), lang);
    after(&run);
    // The process ends here: freeing every unit's form, scores and
    // findings one by one would only cost time (BENCHMARKS.md).
    std::mem::forget(run);
    // The workbook is written: exit 0 whatever the forms held (their
    // findings are in it); docs/INTERFACE.md.
    Ok(0)
}

/// A bar on a terminal, nothing otherwise.
fn progress_bar(len: u64, what: &str) -> ProgressBar {
    if !std::io::stderr().is_terminal() || len == 0 {
        return ProgressBar::hidden();
    }
    let bar = ProgressBar::with_draw_target(Some(len), ProgressDrawTarget::stderr());
    if let Ok(style) = ProgressStyle::with_template("{msg} [{bar:30}] {pos}/{len} ({eta})") {
        bar.set_style(style.progress_chars("=> "));
    }
    bar.set_message(what.to_string());
    bar
}

/// What the command was given, checked: the output path (its folder made
/// absolute), every input (containers opened into a temporary folder that
/// lives as long as this), the roster.
struct Given {
    out: PathBuf,
    files: Vec<inputs::Input>,
    roster: Option<std::sync::Arc<Roster>>,
    /// The names heading and signing the printed summary (--settings).
    official: workbook::Official,
    _extracted: Option<tempfile::TempDir>,
}

impl Given {
    fn of(ctx: &Context, args: &Args) -> anyhow::Result<Given> {
        let lang = ctx.lang;
        for p in &args.paths {
            if std::fs::symlink_metadata(p).is_err() {
                return Err(Say::NoSuchPath(p).fail(lang));
            }
        }
        let out = super::output::path(&args.output, lang)?;
        // The settings are checked before any form is read.
        let official = workbook::Official::from_settings(&ctx.settings()?);
        // A district workbook written by an earlier run into one of the input
        // folders is not an input: leave it out of the walk, so the command can
        // be run again. Any other file at the output path is refused below.
        let target = FileId::of(&out);
        let found = inputs::collect(
            &args.paths,
            &inputs::Options {
                output: target.clone(),
            },
        );
        // Attachments and archive entries are read from copies in a temporary
        // folder, removed when the run ends.
        let (files, extracted) = inputs::open_containers(found);
        if target.is_some() {
            let expected = args.expected.as_deref().and_then(FileId::of);
            if files
                .iter()
                .map(|i| &i.id)
                .chain([&expected])
                .any(|id| *id == target)
            {
                return Err(Say::OutputIsInput(&args.output).fail(lang));
            }
        }
        refuse_if_open(&out, lang)?;
        // Any other file there is replaced only if it is a district workbook.
        super::output::may_replace(
            &args.output,
            OwnKind::District,
            args.force,
            &ctx.rubric,
            lang,
        )?;
        let roster = match &args.expected {
            Some(p) => match Roster::read(p) {
                Ok(r) => Some(std::sync::Arc::new(r)),
                Err(e) => {
                    return Err(Say::CannotUseRoster(p, e.message(lang).to_string()).fail(lang));
                }
            },
            None => None,
        };
        Ok(Given {
            out,
            files,
            roster,
            official,
            _extracted: extracted,
        })
    }
}

/// A workbook open in Excel (owner file `~$…`) or LibreOffice (lock file
/// `.~lock.…#`) is not touched: writing now would lose what is typed next.
pub(super) fn refuse_if_open(out: &Path, lang: Lang) -> anyhow::Result<()> {
    match outfile::open_by(out) {
        Some(lock) => {
            let name = lock.file_name().unwrap_or_default().to_string_lossy();
            Err(Say::OutputOpen(out, name.to_string()).fail(lang))
        }
        None => Ok(()),
    }
}

/// The district workbook an earlier run wrote at the output path, read
/// back: what the teams typed in it is carried into the new one.
struct Earlier {
    book: readback::Book,
    /// The file name of the copy of it that will be kept, as messages
    /// name it (the values are there once the new workbook is written).
    name: String,
}

impl Earlier {
    /// `None` when there is no workbook there, or not a district workbook
    /// (replaced only with --force, and kept beside: nothing is lost).
    fn read(out: &Path, ctx: &Context) -> Option<Earlier> {
        std::fs::symlink_metadata(out).ok()?;
        let name = outfile::kept_name(out)
            .ok()
            .and_then(|k| k.file_name().map(|n| n.to_string_lossy().to_string()))
            .or_else(|| out.file_name().map(|n| n.to_string_lossy().to_string()))?;
        match readback::read(out, &ctx.rubric) {
            Ok(book) if book.kind == OwnKind::District => Some(Earlier { book, name }),
            Ok(_) => None,
            Err(e) => {
                let why = e.message(ctx.lang);
                eprintln!("{}", Say::CannotReadEarlier(out, why).text(ctx.lang));
                None
            }
        }
    }

    /// Whether anything was typed into it (team scores, notes).
    fn typed(&self) -> bool {
        self.book
            .units
            .iter()
            .flat_map(|u| &u.items)
            .any(|i| i.team.is_some() || i.note.is_some())
            || !self.book.problems.is_empty()
    }
}

/// The findings about other things than the forms, as JSON: each finding
/// with its file.
fn other_json(found: &[workbook::OtherFinding], lang: Lang) -> serde_json::Value {
    found
        .iter()
        .map(|f| {
            let mut j = output::finding_json(&f.finding, lang);
            if let Some(m) = j.as_object_mut() {
                m.insert("file".into(), serde_json::json!(f.file));
            }
            j
        })
        .collect()
}

/// What was carried from the earlier workbook, where it was kept, and
/// each value to look at again or that could not be carried.
fn say_carried(carried: &carry::Carried, kept: Option<&Path>, lang: Lang) {
    if carried.scores + carried.notes > 0 {
        let (scores, notes) = (carried.scores, carried.notes);
        eprintln!("{}", Say::Carried { scores, notes }.text(lang));
    }
    if let Some(k) = kept {
        eprintln!("{}", Say::Kept(k).text(lang));
    }
    for (head, list) in [
        (
            Say::TeamScoresToCheck(carried.checks.len()),
            &carried.checks,
        ),
        (Say::NotCarried(carried.orphans.len()), &carried.orphans),
    ] {
        if !list.is_empty() {
            eprintln!("{}", head.text(lang));
        }
        for f in list {
            eprintln!("  - {}", f.finding.message(lang));
        }
    }
}

/// Writes into a temporary file beside the output and renames it into
/// place; an output already there is first kept beside it (the copy's
/// path returned), unless the new workbook has the same bytes.
fn write_atomically(
    book: workbook::Book,
    input: &Input,
    out: &Path,
    progress: &(dyn Fn() + Sync),
    lang: Lang,
) -> anyhow::Result<(workbook::Written, Option<PathBuf>)> {
    let dir = out.parent().unwrap_or(Path::new("."));
    let cannot = |e: &dyn std::fmt::Display| Say::CannotWrite(out, e.to_string()).text(lang);
    let cannot_io = |e: &std::io::Error| cannot(&dvht::io_error::reason(e, lang));
    remove_stale_temporaries(dir);
    let mut tmp = tempfile::Builder::new()
        .prefix(TMP_PREFIX)
        .suffix(TMP_SUFFIX)
        .tempfile_in(dir)
        .map_err(|e| anyhow::anyhow!(cannot_io(&e)))?;
    let written = book
        .save(input, tmp.as_file_mut(), progress)
        .map_err(|e| anyhow::anyhow!(cannot(&e)))?;
    // The same bytes as the Linux build's (see dvht::portable_zip).
    dvht::portable_zip::normalize(tmp.as_file_mut()).map_err(|e| anyhow::anyhow!(cannot_io(&e)))?;
    tmp.as_file()
        .sync_all()
        .map_err(|e| anyhow::anyhow!(cannot_io(&e)))?;
    keep_permissions(tmp.as_file(), out);
    let mut kept = None;
    if std::fs::symlink_metadata(out).is_ok() {
        let same = match (std::fs::read(out), std::fs::read(tmp.path())) {
            (Ok(a), Ok(b)) => a == b,
            _ => false,
        };
        if same {
            return Ok((written, None));
        }
        // Opened while the forms were being read: still not touched.
        refuse_if_open(out, lang)?;
        let copy = outfile::keep(out)
            .map_err(|e| Say::CannotKeep(out, dvht::io_error::reason(&e, lang)).fail(lang))?;
        kept = Some(copy);
    }
    tmp.persist(out)
        .map_err(|e| anyhow::anyhow!(cannot_io(&e.error)))?;
    Ok((written, kept))
}

/// The temporary file is private (0600); the workbook keeps the
/// permissions of the one it replaces, or gets the usual 0644.
pub(super) fn keep_permissions(_tmp: &std::fs::File, _out: &Path) {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let perms = std::fs::metadata(_out)
            .map(|m| m.permissions())
            .unwrap_or_else(|_| std::fs::Permissions::from_mode(0o644));
        let _ = _tmp.set_permissions(perms);
    }
}

const TMP_PREFIX: &str = ".dvht-";
const TMP_SUFFIX: &str = ".xlsx.tmp";
/// A temporary workbook older than this was left by a run that was killed
/// (a whole run takes seconds to minutes, even for 10,000 forms).
const STALE_AFTER: std::time::Duration = std::time::Duration::from_secs(6 * 3600);

/// Removes temporary workbooks that killed runs left in the output folder.
/// Only files named as this command names them and untouched for hours.
fn remove_stale_temporaries(dir: &Path) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    let now = std::time::SystemTime::now();
    for e in entries.flatten() {
        let name = e.file_name().to_string_lossy().to_string();
        if !(name.starts_with(TMP_PREFIX) && name.ends_with(TMP_SUFFIX)) {
            continue;
        }
        let stale = e
            .metadata()
            .ok()
            .filter(|m| m.is_file())
            .and_then(|m| m.modified().ok())
            .and_then(|t| now.duration_since(t).ok())
            .is_some_and(|age| age > STALE_AFTER);
        if stale {
            let _ = std::fs::remove_file(e.path());
        }
    }
}

/// The document date of a run: see [`super::document_date`].
fn document_date(files: &[inputs::Input], expected: Option<&Path>) -> i64 {
    // An item of a container: the container's time (its copy's is the
    // message's, or the time it was copied).
    fn path(i: &inputs::Input) -> &Path {
        match &i.source {
            Some(s) => s.container.as_path(),
            None => i.path.as_path(),
        }
    }
    super::document_date(files.iter().map(path).chain(expected))
}
