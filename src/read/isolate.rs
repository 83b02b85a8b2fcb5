//! The hard wall: read a file in a child process of dvht itself, under a
//! memory limit, a CPU-time limit and a wall-clock timeout, so that no
//! attachment can take down the run — calamine parses every sheet of an
//! .xls or .ods inside `open`, and an allocation failure is an abort that
//! `catch_unwind` cannot catch.
//!
//! How the limits are set depends on the system:
//! - Unix: `setrlimit` in the forked child before `exec` (RLIMIT_AS, the
//!   address space; RLIMIT_CPU; no core file).
//! - Windows: a job object. The child creates one and puts itself in it
//!   before it opens the file (`JOB_OBJECT_LIMIT_PROCESS_MEMORY`, committed
//!   memory, and `JOB_OBJECT_LIMIT_PROCESS_TIME`, CPU time): done by the
//!   child itself there is no moment when it runs unlimited, which a job
//!   assigned by the parent after `CreateProcess` would leave (std cannot
//!   start a process suspended and resume it). An allocation refused by the
//!   job aborts the child exactly as on Unix, and the parent reports it the
//!   same way. Should the job not be created (a very old Windows, or Wine,
//!   which accepts but does not enforce these limits), the child reads
//!   anyway and the parent's wall-clock timeout is the wall: a hostile file
//!   then costs at most that time and whatever memory the system grants.
//! - Everywhere: the parent kills a child that runs longer than the timeout.
//!
//! The library cannot know where the dvht binary is: `main` calls
//! [`set_isolation`] with `std::env::current_exe()`, and hands the hidden
//! command [`CHILD_COMMAND`] to [`child_main`]. Where isolation is not set
//! (unit tests, other programs), files are read in process. Under
//! isolation an .xlsx that passes the archive guard is read in process too
//! (see `read_workbook_with`): only .xls, .ods and .xlsb come here.
//!
//! What a child costs a file (time, peak memory) is measured in
//! BENCHMARKS.md, "Reading in a child process".

use super::{Damage, Limits, ReadError, read_in_process};
use crate::cells::{Addr, Cell, CellValue, Merge, Sheet, Workbook};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use std::ffi::OsString;
use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::str::FromStr;
use std::sync::RwLock;
use std::time::{Duration, Instant};

/// The hidden first argument that makes dvht a cell-reading child.
pub const CHILD_COMMAND: &str = "__read-cells";

/// Address-space limit of a child (virtual memory, so resident memory stays
/// below it): what one file may make the child take, within the memory
/// budget (`read::MEMORY_BUDGET`). A child reading a form takes about
/// 10 MiB; calamine, reading a crafted .xls, goes on growing a buffer until
/// an allocation fails (with 1 GiB here, it touched 550 MiB first).
pub const DEFAULT_MEMORY_LIMIT: u64 = 160 * 1024 * 1024;
/// Wall-clock limit of a child.
pub const DEFAULT_TIMEOUT: Duration = Duration::from_secs(20);
/// Most bytes of cells a child may send back (a form's are about 100 KB;
/// a longer reply is cut, and read as corrupt).
pub const MAX_REPLY_BYTES: u64 = 64 * 1024 * 1024;

/// How files are read in a child process.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Isolation {
    /// The dvht binary (it must handle [`CHILD_COMMAND`]).
    pub exe: PathBuf,
    /// Memory limit of the child, bytes (Unix: address space; Windows:
    /// committed memory).
    pub memory_limit: u64,
    /// Killed after this long.
    pub timeout: Duration,
}

impl Isolation {
    /// The default limits (160 MiB, 20 s) for a binary.
    pub fn new(exe: PathBuf) -> Isolation {
        Isolation {
            exe,
            memory_limit: DEFAULT_MEMORY_LIMIT,
            timeout: DEFAULT_TIMEOUT,
        }
    }
}

static ISOLATION: RwLock<Option<Isolation>> = RwLock::new(None);

/// Process-wide: read every file in a child process of `exe` (the dvht
/// binary, from `std::env::current_exe()`) with the default limits, or in
/// process with `None`.
pub fn set_isolation(exe: Option<PathBuf>) {
    set_isolation_with(exe.map(Isolation::new));
}

/// Process-wide isolation with chosen limits.
pub fn set_isolation_with(iso: Option<Isolation>) {
    match ISOLATION.write() {
        Ok(mut g) => *g = iso,
        Err(poisoned) => *poisoned.into_inner() = iso,
    }
}

/// The isolation in force.
pub fn current() -> Option<Isolation> {
    match ISOLATION.read() {
        Ok(g) => g.clone(),
        Err(poisoned) => poisoned.into_inner().clone(),
    }
}

/// Reads a file in a child process. If the child cannot even be started
/// (binary gone), reads in process.
pub fn read_isolated(iso: &Isolation, path: &Path, limits: &Limits) -> Result<Workbook, ReadError> {
    let mut cmd = Command::new(&iso.exe);
    cmd.arg(CHILD_COMMAND)
        .arg(limits.max_cells_per_sheet.to_string())
        .arg(limits.max_cells_per_workbook.to_string())
        .arg(iso.memory_limit.to_string())
        .arg(cpu_seconds(iso).to_string())
        .arg(path)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    limit_child(&mut cmd, iso);
    let mut child = match cmd.spawn() {
        Ok(c) => c,
        Err(_) => return read_in_process(path, limits),
    };
    let stdout = child.stdout.take();
    let stderr = child.stderr.take();
    let out_reader = std::thread::spawn(move || {
        let mut buf = Vec::new();
        if let Some(s) = stdout {
            let _ = s.take(MAX_REPLY_BYTES).read_to_end(&mut buf);
        }
        buf
    });
    let err_reader = std::thread::spawn(move || {
        let mut buf = Vec::new();
        if let Some(s) = stderr {
            let _ = s.take(64 * 1024).read_to_end(&mut buf);
        }
        buf
    });
    let started = Instant::now();
    let mut pause = Duration::from_micros(200);
    let status = loop {
        match child.try_wait() {
            Ok(Some(status)) => break Some(status),
            Ok(None) => {}
            Err(_) => break None,
        }
        if started.elapsed() >= iso.timeout {
            let _ = child.kill();
            let _ = child.wait();
            let _ = out_reader.join();
            let _ = err_reader.join();
            return Err(ReadError::Unreadable(Damage::TimedOut {
                seconds: iso.timeout.as_secs(),
            }));
        }
        std::thread::sleep(pause);
        pause = (pause * 2).min(Duration::from_millis(20));
    };
    let out = out_reader.join().unwrap_or_default();
    let err = err_reader.join().unwrap_or_default();
    let ok = status.is_some_and(|s| s.success());
    if ok && let Ok(reply) = serde_json::from_slice::<Reply>(&out) {
        return reply.into_result();
    }
    let err = String::from_utf8_lossy(&err);
    let mib = iso.memory_limit >> 20;
    Err(ReadError::Unreadable(
        if err.contains("memory allocation") || err.contains("capacity overflow") {
            Damage::OutOfMemory { mib }
        } else {
            Damage::ReaderStopped { mib }
        },
    ))
}

/// CPU seconds a child may use: a second more than the wall-clock timeout,
/// so the timeout speaks first while the parent lives, and the CPU limit
/// ends a child whose parent was killed.
fn cpu_seconds(iso: &Isolation) -> u64 {
    iso.timeout.as_secs().saturating_add(1)
}

#[cfg(unix)]
fn limit_child(cmd: &mut Command, iso: &Isolation) {
    use std::os::unix::process::CommandExt;
    let mem = iso.memory_limit as libc::rlim_t;
    let cpu = cpu_seconds(iso) as libc::rlim_t;
    // SAFETY: runs in the forked child before exec; setrlimit is
    // async-signal-safe and touches only the child.
    unsafe {
        cmd.pre_exec(move || {
            let set = |res, v: libc::rlim_t| {
                let lim = libc::rlimit {
                    rlim_cur: v,
                    rlim_max: v,
                };
                libc::setrlimit(res, &lim)
            };
            set(libc::RLIMIT_AS, mem);
            set(libc::RLIMIT_CPU, cpu);
            set(libc::RLIMIT_CORE, 0);
            Ok(())
        });
    }
}

/// Windows: the limits are set by the child itself (see the module doc);
/// here only no console window of its own, should dvht have none.
#[cfg(windows)]
fn limit_child(cmd: &mut Command, _iso: &Isolation) {
    use std::os::windows::process::CommandExt;
    cmd.creation_flags(windows_sys::Win32::System::Threading::CREATE_NO_WINDOW);
}

#[cfg(not(any(unix, windows)))]
fn limit_child(_cmd: &mut Command, _iso: &Isolation) {}

/// Windows: puts this process in a new job object that limits its
/// committed memory to `memory` bytes and its CPU time to `cpu_seconds`.
/// Returns whether the job holds this process. The job's handle is left
/// open on purpose: it lives as long as the process.
#[cfg(windows)]
fn limit_self(memory: u64, cpu_seconds: u64) -> bool {
    use windows_sys::Win32::System::JobObjects::{
        AssignProcessToJobObject, CreateJobObjectW, JOB_OBJECT_LIMIT_PROCESS_MEMORY,
        JOB_OBJECT_LIMIT_PROCESS_TIME, JOBOBJECT_EXTENDED_LIMIT_INFORMATION,
        JobObjectExtendedLimitInformation, SetInformationJobObject,
    };
    use windows_sys::Win32::System::Threading::GetCurrentProcess;
    let mut info = JOBOBJECT_EXTENDED_LIMIT_INFORMATION::default();
    info.BasicLimitInformation.LimitFlags =
        JOB_OBJECT_LIMIT_PROCESS_MEMORY | JOB_OBJECT_LIMIT_PROCESS_TIME;
    // In units of 100 ns.
    info.BasicLimitInformation.PerProcessUserTimeLimit =
        i64::try_from(cpu_seconds.saturating_mul(10_000_000)).unwrap_or(i64::MAX);
    info.ProcessMemoryLimit = usize::try_from(memory).unwrap_or(usize::MAX);
    // SAFETY: plain Win32 calls on a handle created here and on the pseudo
    // handle of this process; `info` outlives the call that reads it.
    unsafe {
        let job = CreateJobObjectW(std::ptr::null(), std::ptr::null());
        if job.is_null() {
            return false;
        }
        let set = SetInformationJobObject(
            job,
            JobObjectExtendedLimitInformation,
            (&raw const info).cast(),
            std::mem::size_of::<JOBOBJECT_EXTENDED_LIMIT_INFORMATION>() as u32,
        );
        set != 0 && AssignProcessToJobObject(job, GetCurrentProcess()) != 0
    }
}

/// The child: `dvht __read-cells MAX_CELLS_PER_SHEET MAX_CELLS_PER_WORKBOOK
/// MEMORY_BYTES CPU_SECONDS FILE` reads FILE in process and writes the
/// reply as JSON to stdout. `args` are those after [`CHILD_COMMAND`].
/// MEMORY_BYTES and CPU_SECONDS are the limits the child sets on itself
/// where the parent could not set them before it started (Windows).
/// Returns the exit code.
pub fn child_main(args: &[OsString]) -> u8 {
    // Silence the default panic message: the parent reports the failure.
    std::panic::set_hook(Box::new(|_| {}));
    let [per_sheet, per_workbook, memory, cpu, path] = args else {
        return 2;
    };
    #[cfg(windows)]
    {
        let u64_of = |a: &OsString| a.to_str().and_then(|s| s.parse::<u64>().ok());
        let memory = u64_of(memory).unwrap_or(DEFAULT_MEMORY_LIMIT);
        let cpu = u64_of(cpu).unwrap_or(DEFAULT_TIMEOUT.as_secs() + 1);
        // Not held: the parent's timeout remains (see the module doc).
        let _ = limit_self(memory, cpu);
    }
    #[cfg(not(windows))]
    let _ = (memory, cpu);
    let number = |a: &OsString| a.to_str().and_then(|s| s.parse().ok());
    let defaults = Limits::default();
    let limits = Limits {
        max_cells_per_sheet: number(per_sheet).unwrap_or(defaults.max_cells_per_sheet),
        max_cells_per_workbook: number(per_workbook).unwrap_or(defaults.max_cells_per_workbook),
    };
    let reply = Reply::of(read_in_process(Path::new(path), &limits));
    let stdout = std::io::stdout();
    let mut lock = std::io::BufWriter::new(stdout.lock());
    if serde_json::to_writer(&mut lock, &reply).is_err() || lock.flush().is_err() {
        return 2;
    }
    0
}

// The wire format between child and parent: cells.rs types stay free of
// serde; numbers travel as decimal text, so they arrive exact.

#[derive(Serialize, Deserialize)]
enum Reply {
    Ok(Vec<SheetW>),
    Failed(ReadError),
}

#[derive(Serialize, Deserialize)]
struct SheetW {
    name: String,
    too_large: bool,
    /// (row, col, value)
    cells: Vec<(u32, u32, ValueW)>,
    /// (first row, first col, last row, last col)
    merges: Vec<(u32, u32, u32, u32)>,
}

#[derive(Serialize, Deserialize)]
enum ValueW {
    T(String),
    N(String),
    P(String),
    B(bool),
    E(String),
    D(String),
    F(String),
}

impl Reply {
    fn of(r: Result<Workbook, ReadError>) -> Reply {
        match r {
            Ok(wb) => Reply::Ok(
                wb.sheets
                    .into_iter()
                    .map(|s| SheetW {
                        name: s.name,
                        too_large: s.too_large,
                        cells: s
                            .cells
                            .into_iter()
                            .map(|c| {
                                let v = match c.value {
                                    CellValue::Text(t) => ValueW::T(t),
                                    CellValue::Number { value, percent } => {
                                        if percent {
                                            ValueW::P(value.to_string())
                                        } else {
                                            ValueW::N(value.to_string())
                                        }
                                    }
                                    CellValue::Bool(b) => ValueW::B(b),
                                    CellValue::Error(e) => ValueW::E(e),
                                    CellValue::Date(d) => ValueW::D(d),
                                    CellValue::FormulaNoValue { formula } => ValueW::F(formula),
                                };
                                (c.addr.row, c.addr.col, v)
                            })
                            .collect(),
                        merges: s
                            .merges
                            .iter()
                            .map(|m| (m.first.row, m.first.col, m.last.row, m.last.col))
                            .collect(),
                    })
                    .collect(),
            ),
            Err(e) => Reply::Failed(e),
        }
    }

    fn into_result(self) -> Result<Workbook, ReadError> {
        match self {
            Reply::Ok(sheets) => {
                let mut wb = Workbook::default();
                for s in sheets {
                    let mut sheet = Sheet {
                        name: s.name,
                        too_large: s.too_large,
                        ..Default::default()
                    };
                    for (row, col, v) in s.cells {
                        let value = match v {
                            ValueW::T(t) => CellValue::Text(t),
                            ValueW::N(n) => number(&n, false)?,
                            ValueW::P(n) => number(&n, true)?,
                            ValueW::B(b) => CellValue::Bool(b),
                            ValueW::E(e) => CellValue::Error(e),
                            ValueW::D(d) => CellValue::Date(d),
                            ValueW::F(formula) => CellValue::FormulaNoValue { formula },
                        };
                        sheet.cells.push(Cell {
                            addr: Addr::new(row, col),
                            value,
                        });
                    }
                    sheet.merges = s
                        .merges
                        .into_iter()
                        .map(|(r0, c0, r1, c1)| Merge {
                            first: Addr::new(r0, c0),
                            last: Addr::new(r1, c1),
                        })
                        .collect();
                    sheet.normalize();
                    wb.sheets.push(sheet);
                }
                Ok(wb)
            }
            Reply::Failed(e) => Err(e),
        }
    }
}

fn number(n: &str, percent: bool) -> Result<CellValue, ReadError> {
    match Decimal::from_str(n) {
        Ok(value) => Ok(CellValue::Number { value, percent }),
        Err(_) => Err(bad_reply()),
    }
}

fn bad_reply() -> ReadError {
    ReadError::Unreadable(Damage::BadReply)
}
