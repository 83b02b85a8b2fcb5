//! Where `consolidate`'s time goes, phase by phase, on one thread:
//!
//! ```text
//! cargo run --release --example bench-phases -- DIR
//! ```
//!
//! Reads every form of DIR in process, then prints the CPU time (of this
//! thread, so a busy machine does not skew it) of each phase summed over
//! the files (read: bytes → cells; extract: cells →
//! form; score and check; the checks across files; writing the district
//! workbook: the median of four writes after a first, this thread's CPU
//! and the wall time, since part of the writing may run on other threads).
//! The phases run one after the other here; `consolidate` overlaps them
//! (beyond 60 files it writes "Chi tiết" while the forms are still read).
//! The benchmark (`bench/run.sh`) measures the real command;
//! this says which part of it to make faster.

use dvht::check::{self, CheckOptions};
use dvht::extract;
use dvht::inputs;
use dvht::read::{self, Limits};
use dvht::report::{FileKind, FileReport, Run, UnitReport};
use dvht::rubric::Rubric;
use dvht::scoring;
use dvht::workbook::{self, Input};
use std::path::PathBuf;
use std::time::Duration;

/// This thread's CPU time (the machine may be busy: wall time would count
/// other processes' turns).
#[derive(Clone, Copy)]
struct Instant(Duration);

impl Instant {
    fn now() -> Instant {
        let mut ts = libc::timespec {
            tv_sec: 0,
            tv_nsec: 0,
        };
        // SAFETY: a valid pointer to a timespec on the stack.
        unsafe { libc::clock_gettime(libc::CLOCK_THREAD_CPUTIME_ID, &mut ts) };
        Instant(Duration::new(ts.tv_sec as u64, ts.tv_nsec as u32))
    }
    fn elapsed(&self) -> Duration {
        Instant::now().0.saturating_sub(self.0)
    }
}

fn main() {
    let Some(dir) = std::env::args().nth(1).map(PathBuf::from) else {
        eprintln!("usage: bench-phases DIR");
        std::process::exit(2);
    };
    let rubric = Rubric::builtin();
    let files = inputs::collect(&[dir], &inputs::Options::default());
    let opts = CheckOptions { year: Some(2023) };
    let mut t_guard = Duration::ZERO;
    let (mut t_load, mut t_read, mut t_extract, mut t_score, mut t_check) = (
        Duration::ZERO,
        Duration::ZERO,
        Duration::ZERO,
        Duration::ZERO,
        Duration::ZERO,
    );
    let mut reports = Vec::new();
    for input in &files {
        let path = &input.path;
        let t = Instant::now();
        let bytes = std::fs::read(path).unwrap_or_default();
        t_load += t.elapsed();
        // The archive guard alone (it runs again inside read_bytes).
        let t = Instant::now();
        let _ = read::archive::inspect(&bytes);
        t_guard += t.elapsed();
        let t = Instant::now();
        let wb = read::read_bytes(&bytes, "xlsx", &Limits::default());
        t_read += t.elapsed();
        let mut fr = FileReport::new(input.clone(), FileKind::Read);
        let Ok(wb) = wb else {
            fr.kind = FileKind::Unreadable;
            reports.push(fr);
            continue;
        };
        let t = Instant::now();
        let ex = extract::extract(&rubric, &wb);
        t_extract += t.elapsed();
        fr.findings = ex.findings;
        for form in ex.forms {
            let t = Instant::now();
            let scored = scoring::score(&rubric, &form);
            t_score += t.elapsed();
            let t = Instant::now();
            let mut findings = form.findings.clone();
            findings.extend(check::validate(&rubric, &form, &scored, &opts));
            t_check += t.elapsed();
            fr.units.push(UnitReport {
                form,
                scored,
                findings,
                roster_name: None,
                superseded_by: None,
            });
        }
        reports.push(fr);
    }
    let rss_read = rss_mib();
    if std::env::var_os("TRIM").is_some() {
        // SAFETY: no arguments beyond the pad; glibc only.
        unsafe { libc::malloc_trim(0) };
        eprintln!("after malloc_trim: {:.0} MiB", rss_mib());
    }
    let t = Instant::now();
    let mut run = Run::new(reports);
    check::across_files(&mut run);
    let t_across = t.elapsed();
    let input = Input {
        rubric: &rubric,
        run: &run,
        district: Some("Thủ Thừa"),
        year: Some(2023),
        missing_units: &[],
        date: 0,
        unit_sheet_limit: workbook::DEFAULT_UNIT_SHEET_LIMIT,
        typed: &[],
        other_findings: &[],
        official: dvht::workbook::Official::default(),
    };
    // The workbook is written five times (the first warms the allocator and
    // the temp files): the median of the other four, as this thread's CPU
    // and as wall time (part of the writing runs on other threads).
    let mut writes = Vec::new();
    let mut bytes = 0;
    for _ in 0..5 {
        let wall = std::time::Instant::now();
        let t = Instant::now();
        bytes = workbook::to_bytes(&input).map(|b| b.len()).unwrap_or(0);
        writes.push((t.elapsed(), wall.elapsed()));
    }
    let mut cpu: Vec<Duration> = writes[1..].iter().map(|w| w.0).collect();
    let mut wall: Vec<Duration> = writes[1..].iter().map(|w| w.1).collect();
    cpu.sort();
    wall.sort();
    let t_write = cpu[cpu.len() / 2];
    let t_write_wall = wall[wall.len() / 2];
    let n = files.len().max(1) as f64;
    let total = t_load + t_read + t_extract + t_score + t_check + t_across + t_write;
    println!(
        "{} files, workbook {} KiB; resident {rss_read:.0} MiB after reading, peak {:.0} MiB",
        files.len(),
        bytes / 1024,
        peak_mib()
    );
    for (name, d) in [
        ("load bytes", t_load),
        ("read cells", t_read),
        ("(of which guard)", t_guard),
        ("extract", t_extract),
        ("score", t_score),
        ("check", t_check),
        ("across files", t_across),
        ("write workbook", t_write),
        ("(its wall time)", t_write_wall),
        ("total", total),
    ] {
        println!(
            "{name:>16}: {:8.3} s  {:7.3} ms/form  {:5.1} %",
            d.as_secs_f64(),
            d.as_secs_f64() * 1000.0 / n,
            100.0 * d.as_secs_f64() / total.as_secs_f64().max(1e-9)
        );
    }
}

/// A line of /proc/self/status in MiB (Linux; 0 elsewhere).
fn status_mib(key: &str) -> f64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with(key))
                .and_then(|l| l.split_whitespace().nth(1))
                .and_then(|kb| kb.parse::<f64>().ok())
        })
        .map_or(0.0, |kb| kb / 1024.0)
}

fn rss_mib() -> f64 {
    status_mib("VmRSS:")
}

fn peak_mib() -> f64 {
    status_mib("VmHWM:")
}
