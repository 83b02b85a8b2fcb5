//! `dvht check PATH... [--json] [--year YYYY]`: reads every form in the
//! given files and folders and prints what is wrong with each, so that the
//! office can tell each unit exactly what to fix.

use super::Context;
use anyhow::bail;
use dvht::findings::{Lang, Severity};
use dvht::output::{self, terminal};
use dvht::pipeline::{self, RunOptions};
use std::path::PathBuf;

#[derive(clap::Args, Debug)]
#[command(after_help = "Ví dụ / Examples:
  dvht check ho-so/ --year 2023
  dvht check ho-so/phong-tu-phap.xlsx --json
  dvht --lang en check ho-so/

Mã thoát / exit status: 0 không có lỗi / no error; 1 có ít nhất một lỗi / at least one error;
2 lệnh không chạy được / the command itself failed.")]
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
}

pub fn run(ctx: &Context, args: Args) -> anyhow::Result<u8> {
    for p in &args.paths {
        if std::fs::symlink_metadata(p).is_err() {
            match ctx.lang {
                Lang::Vi => bail!("không tìm thấy tệp hoặc thư mục {}", p.display()),
                Lang::En => bail!("no such file or folder: {}", p.display()),
            }
        }
    }
    let mut opts = RunOptions::default();
    opts.check.year = args.year;
    let run = pipeline::evaluate_all(&ctx.rubric, &args.paths, &opts);
    let has_error = run.files.iter().any(|f| {
        f.findings
            .iter()
            .chain(f.units.iter().flat_map(|u| u.findings.iter()))
            .any(|x| x.severity == Severity::Error)
    });
    let text = if args.json {
        let value = output::run_json(&run, &[], ctx.lang);
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
    Ok(u8::from(has_error))
}
