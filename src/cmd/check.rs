//! `dvht check PATH... [--json] [--year YYYY] [--letters DIR]`: reads every
//! form in the given files and folders and prints what is wrong with each,
//! so that the office can tell each unit exactly what to fix; with
//! `--letters`, writes that as one letter (công văn, .docx) per unit.

use super::Context;
use anyhow::bail;
use dvht::documents::letters::{self, LetterOptions};
use dvht::documents::{Settings, docx_bytes, output};
use dvht::findings::Lang;
use dvht::output::{self as out, terminal};
use dvht::pipeline::{self, RunOptions};
use dvht::plan::day::Date;
use dvht::report::Run;
use std::path::{Path, PathBuf};

#[derive(clap::Args, Debug)]
pub struct Args {
    /// Tệp hoặc thư mục biểu mẫu / form files or folders
    #[arg(required = true, value_name = "PATH")]
    paths: Vec<PathBuf>,
    /// In JSON / print JSON
    #[arg(long)]
    json: bool,
    /// Năm đang đánh giá: biểu mẫu ghi năm khác sẽ được cảnh báo / the year being assessed
    #[arg(long, value_name = "YYYY", value_parser = super::parse_year)]
    year: Option<i32>,
    /// Ghi công văn (.docx) gửi từng đơn vị có biểu mẫu cần sửa vào thư mục /
    /// write a letter (.docx) to each unit whose form needs correcting into DIR
    #[arg(long, value_name = "DIR")]
    letters: Option<PathBuf>,
    /// Hạn đơn vị gửi lại biểu mẫu đã sửa (08/12/2023), ghi trong công văn /
    /// the date by which units send their corrected forms
    #[arg(long, value_name = "DATE", requires = "letters")]
    deadline: Option<String>,
}

pub fn run(ctx: &Context, args: Args) -> anyhow::Result<u8> {
    for p in &args.paths {
        if std::fs::symlink_metadata(p).is_err() {
            return Err(super::say::Say::NoSuchPath(p).fail(ctx.lang));
        }
    }
    // Settings and deadline are checked before any form is read.
    let letters = match &args.letters {
        Some(dir) => {
            let settings = ctx.settings()?;
            let deadline = deadline(ctx, &args, &settings)?;
            Some((dir.clone(), settings, deadline))
        }
        None => None,
    };
    let mut opts = RunOptions::default();
    opts.check.year = args.year;
    let run = pipeline::evaluate_all(&ctx.rubric, &args.paths, &opts);
    let text = if args.json {
        let value = out::run_json(&run, &[], ctx.lang);
        format!("{}\n", serde_json::to_string_pretty(&value)?)
    } else {
        let report = terminal::check_report(&run, ctx.lang, terminal::use_color());
        match dvht::report::YearNote::of(&run, args.year) {
            // Above the closing summary line, where the clerk reads the outcome.
            Some(note) => {
                let body = report.trim_end_matches('\n');
                let (before, last) = body.rsplit_once('\n').unwrap_or(("", body));
                let before = if before.is_empty() {
                    String::new()
                } else {
                    format!("{before}\n")
                };
                format!("{before}{}\n{last}\n", note.message(ctx.lang))
            }
            None => report,
        }
    };
    super::write_stdout(&text)?;
    if let Some((dir, settings, deadline)) = letters {
        write_letters(ctx, &run, &args, &dir, &settings, deadline)?;
    }
    Ok(super::status_of(&run.files))
}

/// `--deadline`, else the settings' date, else none.
fn deadline(
    ctx: &super::Context,
    args: &Args,
    settings: &Settings,
) -> anyhow::Result<Option<Date>> {
    let text = args
        .deadline
        .clone()
        .unwrap_or_else(|| settings.letters.deadline.clone());
    if text.trim().is_empty() {
        return Ok(None);
    }
    match Date::parse(&text) {
        Some(d) => Ok(Some(d)),
        None => match ctx.lang {
            Lang::Vi => bail!("--deadline {text}: cần ngày dạng 08/12/2023 hoặc 2023-12-08"),
            Lang::En => {
                bail!("--deadline {text}: expected a date such as 08/12/2023 or 2023-12-08")
            }
        },
    }
}

/// The year the letters speak of: `--year`, else the one most forms give.
fn year_of(run: &Run, given: Option<i32>) -> Option<i32> {
    given.or_else(|| {
        let mut count: std::collections::BTreeMap<i32, usize> = Default::default();
        for u in run.files.iter().flat_map(|f| &f.units) {
            if let Some(y) = &u.form.year {
                *count.entry(y.value).or_default() += 1;
            }
        }
        count
            .into_iter()
            .max_by_key(|(y, n)| (*n, *y))
            .map(|(y, _)| y)
    })
}

fn write_letters(
    ctx: &super::Context,
    run: &Run,
    args: &Args,
    dir: &Path,
    settings: &Settings,
    deadline: Option<Date>,
) -> anyhow::Result<()> {
    let opts = LetterOptions {
        year: year_of(run, args.year),
        deadline,
        created: super::document_date(run.files.iter().map(|f| f.path())),
    };
    let all = letters::letters(settings, run, &opts);
    let mut files = Vec::new();
    for l in &all {
        files.push((l.file_name.clone(), docx_bytes(&l.doc)?));
    }
    let written = output::write_all(dir, &files)?;
    let vi = ctx.lang == Lang::Vi;
    let title = if vi {
        format!(
            "Công văn gửi đơn vị ({} đơn vị có biểu mẫu cần sửa)",
            all.len()
        )
    } else {
        format!("Letters to units ({} with forms to correct)", all.len())
    };
    let labels: Vec<String> = all
        .iter()
        .map(|l| match (&l.unit, vi) {
            (Some(u), true) => format!("{u}: {} nội dung", l.findings),
            (Some(u), false) => format!("{u}: {} points", l.findings),
            (None, true) => format!("(chưa rõ đơn vị): {} nội dung", l.findings),
            (None, false) => format!("(unit unknown): {} points", l.findings),
        })
        .collect();
    let note = super::written_note(&title, dir, &written, &labels, ctx.lang);
    // Standard output carries only the JSON when it is asked for.
    if args.json {
        eprint!("{note}");
        Ok(())
    } else {
        super::write_stdout(&note)
    }
}
