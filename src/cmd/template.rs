//! `dvht template -o FILE [--year YYYY]`: writes the blank standard form.

use super::Context;
use anyhow::Context as _;
use dvht::template;
use std::path::PathBuf;

#[derive(clap::Args, Debug)]
pub struct Args {
    /// Tệp biểu mẫu sẽ ghi (.xlsx) / the file to write
    #[arg(
        short,
        long,
        value_name = "FILE",
        default_value = "mau-tu-danh-gia.xlsx"
    )]
    output: PathBuf,
    /// Năm đánh giá ghi trên biểu mẫu (mặc định: năm hiện tại) / the year on the form (default: this year)
    #[arg(long, value_name = "YYYY", value_parser = super::parse_year)]
    year: Option<i32>,
}

pub fn run(ctx: &Context, args: Args) -> anyhow::Result<u8> {
    let year = args.year.unwrap_or_else(template::current_year);
    template::write_blank(&ctx.rubric, year, &args.output)
        .with_context(|| format!("dvht template -o {}", args.output.display()))?;
    eprintln!(
        "Đã ghi biểu mẫu năm {year}: {} / wrote the {year} form",
        args.output.display()
    );
    Ok(0)
}
