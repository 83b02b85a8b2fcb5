//! Writes N distinct filled standard forms into a folder, for benchmarks and
//! for trying `dvht consolidate` at province or national scale.
//!
//! ```text
//! cargo run --release --example gen-forms -- N OUTDIR [--seed S]
//! ```
//!
//! Deterministic: the same N and seed give the same files, byte for byte
//! (the template writer fixes the document date). Files are written in
//! parallel on all cores, `don-vi-00001.xlsx` … in the folder, which is
//! created if needed. Existing files of the same names are replaced.
//!
//! The forms are [`dvht::samplegen::generate`]'s: every unit has its own
//! name, member count, evidence and self-scores, most by the rules, with a
//! mistake in about one form of five (a missing self-score, one above the
//! maximum, one typed as text "9,5"), so the consolidated workbook carries
//! findings too.
//!
//! On stdout: `forms=N self_total_sum=S`, the sum over all forms of the
//! typed self-scores (text read as dvht reads it), which a correct reader
//! must find again.

use dvht::cells::CellValue;
use dvht::rubric::Rubric;
use dvht::samplegen::{self, FilledForm, Typed};
use dvht::template::form_bytes;
use dvht::value::{self, Kind};
use rayon::prelude::*;
use rust_decimal::Decimal;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (n, dir, seed) = match parse(&args) {
        Some(x) => x,
        None => {
            eprintln!("usage: gen-forms N OUTDIR [--seed S]");
            return ExitCode::from(2);
        }
    };
    if let Err(e) = std::fs::create_dir_all(&dir) {
        eprintln!("gen-forms: cannot create {}: {e}", dir.display());
        return ExitCode::from(2);
    }
    let rubric = Rubric::builtin();
    let started = std::time::Instant::now();
    let forms = samplegen::generate(&rubric, n, seed);
    let results: Vec<Result<Decimal, String>> = forms
        .par_iter()
        .enumerate()
        .map(|(k, form)| {
            let path = dir.join(file_name(k + 1));
            write(&rubric, form, &path)
                .map(|()| self_total(form))
                .map_err(|e| format!("{}: {e}", path.display()))
        })
        .collect();
    let mut failed = Vec::new();
    let mut sum = Decimal::ZERO;
    for r in results {
        match r {
            Ok(t) => sum += t,
            Err(e) => {
                eprintln!("gen-forms: {e}");
                failed.push(e);
            }
        }
    }
    // What a correct reader must find: the sum of every form's self-assessed
    // total (the benchmark compares it with the consolidated workbook).
    println!(
        "forms={} self_total_sum={}",
        n - failed.len(),
        sum.normalize()
    );
    eprintln!(
        "gen-forms: {} forms in {} ({:.1} s, seed {seed})",
        n - failed.len(),
        dir.display(),
        started.elapsed().as_secs_f64()
    );
    if failed.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    }
}

fn parse(args: &[String]) -> Option<(usize, PathBuf, u64)> {
    let mut pos = Vec::new();
    let mut seed = 1u64;
    let mut it = args.iter();
    while let Some(a) = it.next() {
        if a == "--seed" {
            seed = it.next()?.parse().ok()?;
        } else {
            pos.push(a);
        }
    }
    match pos.as_slice() {
        [n, dir] => Some((n.parse().ok()?, PathBuf::from(dir), seed)),
        _ => None,
    }
}

/// `don-vi-00042.xlsx`.
pub fn file_name(i: usize) -> String {
    format!("don-vi-{i:05}.xlsx")
}

fn write(rubric: &Rubric, form: &FilledForm, path: &Path) -> Result<(), String> {
    let bytes = form_bytes(rubric, form).map_err(|e| e.to_string())?;
    std::fs::write(path, bytes).map_err(|e| e.to_string())
}

/// The form's self-assessed total: the sum of its typed self-scores, a
/// score typed as text ("9,5") read as dvht reads it.
fn self_total(form: &FilledForm) -> Decimal {
    form.items
        .values()
        .filter_map(|it| match it.self_score.as_ref()? {
            Typed::Number(d) => Some(*d),
            Typed::Text(t) => value::parse(&CellValue::Text(t.clone()), Kind::Score)
                .ok()
                .flatten(),
        })
        .sum()
}
