//! `dvht template -o FILE [--year YYYY] [--force]`: writes the blank
//! standard form — replacing a file already there only if it is a blank
//! form dvht wrote (see `output`), so a unit's filled-in form is never
//! lost; `dvht template --roster don-vi.txt -o mau/`: one prefilled form
//! per unit of the roster, named after the unit, for chasing the units that
//! have not sent theirs.

use super::Context;
use super::say::Say;
use anyhow::{Context as _, bail};
use dvht::findings::Lang;
use dvht::own::OwnKind;
use dvht::roster::Roster;
use dvht::template::{self, for_units};
use std::path::PathBuf;

#[derive(clap::Args, Debug)]
// Examples and notes after the help: cli/texts.rs.
pub struct Args {
    /// Tệp biểu mẫu sẽ ghi (.xlsx); với --roster: thư mục / the file to write (.xlsx); with --roster: a folder
    #[arg(short, long, value_name = "FILE")]
    output: Option<PathBuf>,
    /// Năm đánh giá ghi trên biểu mẫu (mặc định: năm hiện tại) / the year on the form (default: this year)
    #[arg(long, value_name = "YYYY", value_parser = super::parse_year)]
    year: Option<i32>,
    /// Danh sách đơn vị: mỗi đơn vị một biểu mẫu ghi sẵn tên, đặt tên tệp theo đơn vị /
    /// a roster: one form per unit with its name filled in, named after the unit
    #[arg(long, value_name = "FILE")]
    roster: Option<PathBuf>,
    /// Ghi đè cả tệp không phải biểu mẫu trắng do dvht ghi / replace the file even if it is not a blank form dvht wrote
    #[arg(long)]
    force: bool,
}

pub fn run(ctx: &Context, args: Args) -> anyhow::Result<u8> {
    let year = args.year.unwrap_or_else(template::current_year);
    let vi = ctx.lang == Lang::Vi;
    if let Some(roster) = &args.roster {
        let dir = args
            .output
            .unwrap_or_else(|| PathBuf::from("mau-tu-danh-gia"));
        return for_roster(ctx, year, roster, &dir);
    }
    let output = args
        .output
        .unwrap_or_else(|| PathBuf::from("mau-tu-danh-gia.xlsx"));
    let out = super::output::check(
        &output,
        OwnKind::Template,
        args.force,
        &ctx.rubric,
        ctx.lang,
    )?;
    let shown = output.display();
    let bytes = template::blank_bytes(&ctx.rubric, year)
        .map_err(|e| Say::CannotBuildForm(e.to_string()).fail(ctx.lang))?;
    template::write_atomic(&out, &bytes).map_err(|e| {
        let why = match &e {
            template::TemplateError::Io { source, .. } => dvht::io_error::reason(source, ctx.lang),
            other => other.to_string(),
        };
        Say::CannotWrite(&output, why).fail(ctx.lang)
    })?;
    if vi {
        eprintln!("Đã ghi biểu mẫu năm {year}: {shown}");
    } else {
        eprintln!("Wrote the {year} form: {shown}");
    }
    Ok(0)
}

fn for_roster(
    ctx: &Context,
    year: i32,
    roster: &std::path::Path,
    dir: &std::path::Path,
) -> anyhow::Result<u8> {
    let vi = ctx.lang == Lang::Vi;
    if dir
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("xlsx"))
    {
        if vi {
            bail!(
                "với --roster, -o là thư mục chứa các biểu mẫu, không phải một tệp .xlsx: {}",
                dir.display()
            );
        }
        bail!(
            "with --roster, -o is a folder for the forms, not an .xlsx file: {}",
            dir.display()
        );
    }
    let r = match Roster::read(roster) {
        Ok(r) => r,
        Err(e) => {
            if vi {
                bail!(
                    "không dùng được danh sách đơn vị {}: {}",
                    roster.display(),
                    e.message(ctx.lang)
                );
            }
            bail!(
                "cannot use the list of units {}: {}",
                roster.display(),
                e.message(ctx.lang)
            );
        }
    };
    let done = for_units::write_forms(&ctx.rubric, year, &r.names(), dir)
        .with_context(|| format!("dvht template --roster -o {}", dir.display()))?;
    let kept: Vec<&for_units::ForUnit> = done
        .iter()
        .filter(|d| d.outcome == for_units::Outcome::Kept)
        .collect();
    let written = done.len() - kept.len();
    for k in &kept {
        if vi {
            eprintln!("Giữ nguyên tệp đã có (không ghi đè): {}", k.path.display());
        } else {
            eprintln!(
                "Kept the file already there (not replaced): {}",
                k.path.display()
            );
        }
    }
    if vi {
        eprintln!(
            "Đã ghi {written} biểu mẫu năm {year} vào {}, mỗi đơn vị một tệp ghi sẵn tên; {} tệp đã có được giữ nguyên.",
            dir.display(),
            kept.len()
        );
    } else {
        eprintln!(
            "Wrote {written} forms for {year} into {}, one per unit with its name filled in; {} files already there kept.",
            dir.display(),
            kept.len()
        );
    }
    Ok(0)
}
