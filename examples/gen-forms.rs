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
//! Every unit has its own name, member count, evidence and self-scores:
//! most self-score by the rules, some over-score an item, some answer
//! "Không", a few leave Phụ lục 1 figures out, so the consolidated workbook
//! carries real findings too.

use dvht::form::{DossierDoc, Pl1Field};
use dvht::rubric::{Rubric, Rule};
use dvht::scoring::percent_steps;
use dvht::template::{FilledForm, Typed, form_bytes};
use rayon::prelude::*;
use rust_decimal::Decimal;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

const YEAR: i32 = 2023;

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
    let results: Vec<Result<Decimal, String>> = (1..=n)
        .into_par_iter()
        .map(|i| {
            let form = sample(&rubric, i, seed);
            let path = dir.join(file_name(i));
            write(&rubric, &form, &path)
                .map(|()| self_total(&form))
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

/// The form's self-assessed total: the sum of its items' self-scores (what
/// the template's SUM formulas show).
fn self_total(form: &FilledForm) -> Decimal {
    form.items
        .values()
        .filter_map(|it| it.self_score.as_ref().and_then(Typed::number))
        .sum()
}

/// SplitMix64: a tiny deterministic generator, one stream per unit.
struct Rng(u64);

impl Rng {
    fn new(seed: u64, i: usize) -> Rng {
        let mut r = Rng(seed ^ (i as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15));
        r.next();
        r
    }
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    /// Uniform in `lo..=hi`.
    fn range(&mut self, lo: i64, hi: i64) -> i64 {
        lo + (self.next() % ((hi - lo + 1) as u64)) as i64
    }
    /// True with probability `pct` %.
    fn chance(&mut self, pct: u64) -> bool {
        self.next() % 100 < pct
    }
}

const KINDS: &[&str] = &[
    "Trường Mầm non",
    "Trường Tiểu học",
    "Trường THCS",
    "Trường THPT",
    "Phòng Giáo dục và Đào tạo",
    "Phòng Nội vụ",
    "Phòng Tư pháp",
    "Trạm Y tế",
    "Trung tâm Văn hóa - Thể thao",
    "UBND xã",
];

const PLACES: &[&str] = &[
    "Nhị Thành",
    "Bình Thạnh",
    "Mỹ An",
    "Long Thạnh",
    "Tân Thành",
    "Mỹ Lạc",
    "Thủ Thừa",
    "Tân Long",
    "Long Thuận",
    "Mỹ Thạnh",
    "Bình An",
    "Hòa Khánh",
];

/// The `i`-th unit's filled form (1-based).
pub fn sample(rubric: &Rubric, i: usize, seed: u64) -> FilledForm {
    let mut r = Rng::new(seed, i);
    let mut f = FilledForm::blank(YEAR);
    let kind = KINDS[(r.next() % KINDS.len() as u64) as usize];
    let place = PLACES[(r.next() % PLACES.len() as u64) as usize];
    // The number keeps names distinct at any N.
    f.unit = format!("{kind} {place} số {i}");
    let members = r.range(8, 180);
    f.members = Some(Typed::int(members));
    for item in rubric.items.iter().filter(|it| !it.is_group()) {
        let (evidence, score) = match &item.rule {
            Rule::YesNo => {
                let yes = !r.chance(8);
                (
                    Typed::yes_no(yes),
                    if yes { item.max } else { Decimal::ZERO },
                )
            }
            Rule::DeductPerMissing { per, of } => {
                let lacking = if r.chance(70) {
                    0
                } else {
                    r.range(1, i64::from(*of))
                };
                (
                    Typed::int(lacking),
                    (item.max - *per * Decimal::from(lacking)).max(Decimal::ZERO),
                )
            }
            Rule::PercentSteps { step, deduct } => {
                let count = if r.chance(50) {
                    members
                } else {
                    r.range(members * 7 / 10, members)
                };
                (
                    Typed::int(count),
                    percent_steps(item.max, *step, *deduct, members as u64, count as u64),
                )
            }
            Rule::PerUnit { points } => {
                let n = r.range(0, 7);
                (Typed::int(n), (*points * Decimal::from(n)).min(item.max))
            }
            Rule::Group => continue,
        };
        // Now and then (3 % of items) a unit gives itself a point more than
        // the rule (capped at the maximum): findings for the workbook.
        let score = if r.chance(3) {
            (score + Decimal::ONE).min(item.max)
        } else {
            score
        };
        let row = f.item_mut(&item.id);
        row.evidence = Some(evidence);
        row.self_score = Some(Typed::Number(score));
    }
    let payers = r.range(members / 2, members);
    f.pl1.insert(Pl1Field::Staff, Typed::int(members));
    f.pl1.insert(
        Pl1Field::MembersLastYear,
        Typed::int(r.range(payers, members)),
    );
    f.pl1
        .insert(Pl1Field::Members, Typed::int(r.range(payers, members)));
    f.pl1.insert(Pl1Field::DuesPayers, Typed::int(payers));
    if !r.chance(5) {
        f.pl1
            .insert(Pl1Field::Income, Typed::int(r.range(1, 200) * 100_000));
        f.pl1
            .insert(Pl1Field::Expense, Typed::int(r.range(1, 150) * 100_000));
    }
    for doc in DossierDoc::ALL {
        f.dossier.insert(doc, !r.chance(4));
    }
    f
}
