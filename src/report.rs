//! The run: which files were given, what became of each, and every unit
//! read from them with its scores and findings.
//!
//! This is where the steps meet: [`crate::read`] → [`crate::extract`] →
//! [`crate::scoring`] + [`crate::check`]. Files are read in parallel; the
//! result is in a fixed order (the order of the paths, folders walked in
//! sorted order), so the same inputs always give the same report.

use crate::check::{self, CheckOptions};
use crate::extract;
use crate::findings::{Code, Finding, Severity};
use crate::form::Form;
use crate::read::{self, ReadError};
use crate::rubric::Rubric;
use crate::scoring::{self, ScoredUnit};
use std::path::{Path, PathBuf};

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
    pub fn of(findings: &[Finding]) -> Status {
        if findings.iter().any(|f| f.severity == Severity::Error) {
            Status::Errors
        } else if findings.is_empty() {
            Status::Ok
        } else {
            Status::Warnings
        }
    }
}

/// One input file and what was read from it.
#[derive(Debug, Clone)]
pub struct FileReport {
    pub path: PathBuf,
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

    pub fn display(&self) -> String {
        self.path.display().to_string()
    }
}

/// Options shared by every command that reads forms.
#[derive(Debug, Clone, Default)]
pub struct RunOptions {
    pub check: CheckOptions,
}

/// The whole run.
#[derive(Debug, Clone, Default)]
pub struct Run {
    pub files: Vec<FileReport>,
}

/// Walks the given paths: files as given, folders recursively in sorted
/// order. Unreadable folders and symlink loops become entries too, so that
/// nothing given is silently dropped. A folder reached a second time (a
/// symbolic link back to a folder being walked, or to one already walked) is
/// listed as itself and not walked again, so no file is read twice and a
/// link loop cannot multiply the walk.
pub fn collect_inputs(paths: &[PathBuf]) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut seen = std::collections::HashSet::new();
    for p in paths {
        walk(p, &mut out, &mut seen, 0);
    }
    out
}

fn walk(
    p: &Path,
    out: &mut Vec<PathBuf>,
    seen: &mut std::collections::HashSet<PathBuf>,
    depth: usize,
) {
    let is_dir = std::fs::metadata(p).map(|m| m.is_dir()).unwrap_or(false);
    if !is_dir || depth > 32 {
        out.push(p.to_path_buf());
        return;
    }
    // The folder's real path; one that cannot be resolved is walked once.
    let real = std::fs::canonicalize(p).unwrap_or_else(|_| p.to_path_buf());
    if !seen.insert(real) {
        out.push(p.to_path_buf());
        return;
    }
    match std::fs::read_dir(p) {
        Ok(rd) => {
            let mut children: Vec<PathBuf> = rd.filter_map(|e| e.ok().map(|e| e.path())).collect();
            children.sort();
            for c in children {
                walk(&c, out, seen, depth + 1);
            }
        }
        Err(_) => out.push(p.to_path_buf()),
    }
}

/// Why a file is not a form to read, judged by its name alone.
pub fn skip_reason(path: &Path) -> Option<(String, String)> {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().to_string())
        .unwrap_or_default();
    if name.starts_with("~$") {
        return Some((
            "tệp khóa tạm của Excel (~$), không phải biểu mẫu".into(),
            "Excel lock file (~$), not a form".into(),
        ));
    }
    if path.is_symlink() && std::fs::metadata(path).is_err() {
        return Some((
            "liên kết hỏng hoặc vòng lặp liên kết, không trỏ tới tệp nào".into(),
            "a broken link or a link loop, pointing to no file".into(),
        ));
    }
    if path.is_dir() {
        if path.is_symlink() {
            return Some((
                "liên kết tới thư mục đã đọc (hoặc vòng lặp liên kết), không đọc lại".into(),
                "a link to a folder already read (or a link loop), not read again".into(),
            ));
        }
        return Some((
            "là thư mục, không phải tệp".into(),
            "a folder, not a file".into(),
        ));
    }
    let ext = path
        .extension()
        .map(|e| e.to_string_lossy().to_lowercase())
        .unwrap_or_default();
    if read::SPREADSHEET_EXTENSIONS.contains(&ext.as_str()) {
        return None;
    }
    let (vi, en) = match ext.as_str() {
        "pdf" => ("tệp PDF", "a PDF file"),
        "doc" | "docx" | "odt" | "rtf" => ("tệp văn bản Word", "a word-processor document"),
        "eml" | "msg" => ("thư điện tử đã lưu", "a saved e-mail"),
        "jpg" | "jpeg" | "png" | "gif" | "bmp" | "heic" => ("tệp ảnh", "an image"),
        "zip" | "rar" | "7z" => ("tệp nén", "an archive"),
        "" => ("tệp không có phần mở rộng", "a file without an extension"),
        _ => ("không phải bảng tính", "not a spreadsheet"),
    };
    Some((
        format!("{vi}; dvht chỉ đọc .xlsx, .xlsm, .xls, .xlsb, .ods"),
        format!("{en}; dvht reads .xlsx, .xlsm, .xls, .xlsb and .ods only"),
    ))
}

/// Reads, scores and checks one file.
pub fn evaluate_file(rubric: &Rubric, path: &Path, opts: &RunOptions) -> FileReport {
    let mut report = FileReport {
        path: path.to_path_buf(),
        findings: Vec::new(),
        units: Vec::new(),
        kind: FileKind::Read,
    };
    if let Some((vi, en)) = skip_reason(path) {
        report.kind = FileKind::Skipped;
        report.findings.push(Finding::new(
            Code::Skipped,
            format!("Bỏ qua: {vi}."),
            format!("Skipped: {en}."),
        ));
        return report;
    }
    let workbook = match read::read_workbook(path) {
        Ok(wb) => wb,
        Err(e) => {
            report.kind = match e {
                ReadError::Skipped { .. } => FileKind::Skipped,
                _ => FileKind::Unreadable,
            };
            report.findings.push(read_error_finding(&e));
            return report;
        }
    };
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
                findings.shrink_to_fit();
                UnitReport {
                    form,
                    scored,
                    findings,
                }
            })
            .collect();
        (extraction.findings, units)
    }));
    match interpreted {
        Ok((findings, units)) => {
            report.findings = findings;
            report.units = units;
        }
        Err(_) => {
            report.kind = FileKind::Unreadable;
            report
                .findings
                .push(read_error_finding(&ReadError::Unreadable {
                    detail:
                        "lỗi nội bộ khi đọc biểu mẫu / internal error while interpreting the form"
                            .into(),
                }));
        }
    }
    report
}

/// The finding for a file that could not be read.
pub fn read_error_finding(e: &ReadError) -> Finding {
    match e {
        ReadError::Skipped { vi, en } => Finding::new(
            Code::Skipped,
            format!("Bỏ qua: {vi}."),
            format!("Skipped: {en}."),
        ),
        ReadError::NotASpreadsheet { vi, en } => Finding::new(
            Code::NotASpreadsheet,
            format!(
                "Tệp không phải bảng tính: {vi}. Hãy mở bằng Excel và lưu lại dạng .xlsx rồi gửi lại."
            ),
            format!(
                "Not a spreadsheet: {en}. Open it in Excel, save it as .xlsx and send it again."
            ),
        ),
        ReadError::Encrypted => Finding::new(
            Code::Encrypted,
            "Bảng tính có đặt mật khẩu nên không đọc được. Đề nghị đơn vị gỡ mật khẩu (Tệp → Thông tin → Bảo vệ sổ làm việc) rồi gửi lại.",
            "The workbook is password-protected and cannot be read. Ask the unit to remove the password and send it again.",
        ),
        ReadError::Unreadable { detail } => {
            // `detail` reads "Vietnamese / English": each message gets its half.
            let (vi, en) = detail.split_once(" / ").unwrap_or((detail, detail));
            Finding::new(
                Code::Unreadable,
                format!(
                    "Bảng tính hỏng hoặc không đầy đủ, không đọc được ({vi}). Đề nghị đơn vị gửi lại tệp."
                ),
                format!(
                    "The workbook is corrupt or truncated and cannot be read ({en}). Ask the unit to send it again."
                ),
            )
        }
    }
}

/// Reads, scores and checks every file, in parallel, in input order, then
/// the checks across files (the same unit in two files).
pub fn evaluate_all(rubric: &Rubric, paths: &[PathBuf], opts: &RunOptions) -> Run {
    evaluate_all_with(rubric, &collect_inputs(paths), opts, &|| {})
}

/// [`evaluate_all`] over files already collected, calling `done` after each
/// file (for a progress bar).
pub fn evaluate_all_with(
    rubric: &Rubric,
    files: &[PathBuf],
    opts: &RunOptions,
    done: &(dyn Fn() + Sync),
) -> Run {
    evaluate_all_in_order(rubric, files, opts, done, &mut |_| {})
}

/// [`evaluate_all_with`], handing each file's report to `each` as soon as
/// it and every file before it are read, in input order (on the calling
/// thread, while the other files are still being read: consolidate writes
/// "Chi tiết" meanwhile). Workers take the files in order, so the reports
/// waiting for an earlier one stay few.
pub fn evaluate_all_in_order(
    rubric: &Rubric,
    files: &[PathBuf],
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
                    let Some(p) = files.get(i) else { break };
                    let r = evaluate_file(rubric, p, opts);
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
    check::across_files(&mut reports);
    Run { files: reports }
}

/// Files read between two [`release_free_memory`] calls.
const RELEASE_EVERY: usize = 1024;

/// Hands the pages freed by the files read so far back to the system.
///
/// Each file's bytes, inflated XML and cells are freed once its forms are
/// read, but what is kept (the forms, scores and findings) ends up spread
/// between those holes, and glibc's malloc returns a page only from the top
/// of its heap: 10,000 forms kept ~300 MB live in ~550 MB resident.
/// `malloc_trim` gives back every free page wherever it is (10,000 forms:
/// peak resident 528 → ~320 MB). Each call walks the heap and the pages
/// given back fault in again: every 256 files cost 10 % of the reading
/// time, every 1,024 files next to nothing for the same peak.
fn release_free_memory() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    // SAFETY: malloc_trim only walks malloc's own free lists; any pad is valid.
    unsafe {
        libc::malloc_trim(0);
    }
}
