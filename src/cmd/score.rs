//! `dvht score FILE [--json]`: reads one form and prints its scored rubric.

use super::Context;
use anyhow::bail;
use dvht::findings::Lang;
use dvht::output;
use dvht::pipeline::{self, RunOptions};
use dvht::report;
use std::fmt::Write as _;
use std::path::PathBuf;

#[derive(clap::Args, Debug)]
pub struct Args {
    /// Tệp biểu mẫu / the form file
    file: PathBuf,
    /// In JSON / print JSON
    #[arg(long)]
    json: bool,
    /// Năm đang đánh giá / the year being assessed
    #[arg(long, value_name = "YYYY", value_parser = super::parse_year)]
    year: Option<i32>,
}

pub fn run(ctx: &Context, args: Args) -> anyhow::Result<u8> {
    let shown = args.file.display();
    // A path that is not there, or a folder, is no job for `score` (exit 2);
    // a link that leads nowhere is a file that cannot be read (a finding).
    match std::fs::symlink_metadata(&args.file) {
        Err(e) => match ctx.lang {
            Lang::Vi => bail!(
                "không đọc được {shown}: {}",
                dvht::io_error::reason(&e, ctx.lang)
            ),
            Lang::En => bail!(
                "cannot read {shown}: {}",
                dvht::io_error::reason(&e, ctx.lang)
            ),
        },
        Ok(m) if m.is_dir() => match ctx.lang {
            Lang::Vi => bail!(
                "{shown} là một thư mục: lệnh score đọc một tệp biểu mẫu. Để xem mọi biểu mẫu trong thư mục, dùng: dvht check {shown}"
            ),
            Lang::En => bail!(
                "{shown} is a folder: score reads one form file. For every form in the folder, use: dvht check {shown}"
            ),
        },
        Ok(_) => {}
    }
    let mut opts = RunOptions::default();
    opts.check.year = args.year;
    let file = pipeline::evaluate_file(&ctx.rubric, &args.file, &opts);
    let name = file.display();
    let mut out = String::new();
    if args.json {
        let value = if file.units.is_empty() {
            // No form: the file's own findings in the shape of an empty score.
            serde_json::json!({
                "file": name, "unit": null, "year": null, "members": null, "items": [],
                "total": null, "classification": null,
                "findings": file.findings.iter().map(|f| output::finding_json(f, ctx.lang)).collect::<Vec<_>>(),
            })
        } else if file.units.len() == 1 {
            let mut v = output::score_json(&name, &file.units[0], false, ctx.lang);
            prepend_file_findings(&mut v, &file, ctx.lang);
            v
        } else {
            serde_json::Value::Array(
                file.units
                    .iter()
                    .map(|u| {
                        let mut v = output::score_json(&name, u, true, ctx.lang);
                        prepend_file_findings(&mut v, &file, ctx.lang);
                        v
                    })
                    .collect(),
            )
        };
        out.push_str(&serde_json::to_string_pretty(&value)?);
        out.push('\n');
    } else {
        for f in &file.findings {
            writeln!(
                out,
                "[{}] {}: {}",
                f.severity.as_str(),
                f.code,
                f.message(ctx.lang)
            )?;
        }
        for u in &file.units {
            if file.units.len() > 1 {
                writeln!(out, "== {} / {} ==", name, u.form.sheet)?;
            }
            out.push_str(&output::score_table(&ctx.rubric, u, ctx.lang));
            for f in &u.findings {
                let at = match (&f.sheet, &f.cell) {
                    (Some(s), Some(c)) => format!(" '{s}'!{c}"),
                    _ => String::new(),
                };
                writeln!(
                    out,
                    "[{}]{at} {}: {}",
                    f.severity.as_str(),
                    f.code,
                    f.message(ctx.lang)
                )?;
            }
        }
        if file.units.is_empty() && file.findings.is_empty() {
            writeln!(
                out,
                "{}",
                match ctx.lang {
                    Lang::Vi => "Không tìm thấy biểu mẫu nào trong tệp.",
                    Lang::En => "No form found in the file.",
                }
            )?;
        }
    }
    super::write_stdout(&out)?;
    Ok(super::status_of([&file]))
}

fn prepend_file_findings(v: &mut serde_json::Value, file: &report::FileReport, lang: Lang) {
    if file.findings.is_empty() {
        return;
    }
    if let Some(arr) = v.get_mut("findings").and_then(|f| f.as_array_mut()) {
        let mut all: Vec<serde_json::Value> = file
            .findings
            .iter()
            .map(|f| output::finding_json(f, lang))
            .collect();
        all.append(arr);
        *arr = all;
    }
}
