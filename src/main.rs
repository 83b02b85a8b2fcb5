//! The `dvht` command line: parses arguments and hands a checked
//! configuration to one module per command (`cmd/`).

mod cmd;

use clap::{Args, Parser, Subcommand};
use dvht::findings::Lang;
use std::path::PathBuf;
use std::process::ExitCode;

/// dvht — đánh giá, xếp loại "Đơn vị học tập" (Thông tư 22/2020/TT-BGDĐT).
///
/// Đọc các biểu mẫu tự đánh giá do đơn vị gửi (.xlsx, .xlsm, .xls, .xlsb,
/// .ods), kiểm tra số liệu, chấm điểm theo bộ tiêu chí và lập bảng tổng hợp
/// của huyện.
#[derive(Parser, Debug)]
#[command(name = "dvht", version, propagate_version = true)]
#[command(after_help = "Ví dụ / Examples:
  dvht template -o mau-tu-danh-gia.xlsx --year 2023
  dvht score ho-so/phong-tu-phap.xlsx
  dvht check ho-so/ --year 2023
  dvht consolidate ho-so/ -o tong-hop-2023.xlsx --year 2023 --district \"Thủ Thừa\"")]
struct Cli {
    #[command(flatten)]
    global: Global,
    #[command(subcommand)]
    command: Command,
}

/// Options every command takes.
#[derive(Args, Debug, Clone)]
pub struct Global {
    /// Tệp bộ tiêu chí (TOML) thay cho bộ tiêu chí có sẵn / a rubric file in place of the built-in one
    #[arg(long, global = true, value_name = "FILE")]
    rubric: Option<PathBuf>,
    /// Tệp tên cơ quan, người ký trên văn bản (TOML) thay cho templates/van-ban.toml /
    /// the names of offices and signers on the documents
    #[arg(long, global = true, value_name = "FILE")]
    settings: Option<PathBuf>,
    /// Ngôn ngữ thông báo / message language
    #[arg(long, global = true, value_enum, default_value = "vi")]
    lang: Lang,
}

#[derive(Subcommand, Debug)]
enum Command {
    /// Ghi biểu mẫu chuẩn để đơn vị điền / write the blank standard form
    Template(cmd::template::Args),
    /// Đọc một biểu mẫu và in bảng điểm / read one form and print its scored rubric
    Score(cmd::score::Args),
    /// Kiểm tra các biểu mẫu và in các phát hiện / check forms and print findings
    Check(cmd::check::Args),
    /// Lập bảng tổng hợp của huyện / write the district workbook
    Consolidate(cmd::consolidate::Args),
    /// In bộ tiêu chí đang dùng / print the rubric in force
    Rubric(cmd::rubric::Args),
    /// Lập lịch kiểm tra và bảng chấm của các đoàn / draw up the inspection day
    Plan(cmd::plan::Args),
}

fn main() -> ExitCode {
    // Hidden: dvht re-run as the memory- and time-limited cell reader.
    let args: Vec<std::ffi::OsString> = std::env::args_os().collect();
    if args
        .get(1)
        .is_some_and(|a| a == dvht::read::isolate::CHILD_COMMAND)
    {
        let rest = args.get(2..).unwrap_or_default();
        return ExitCode::from(dvht::read::isolate::child_main(rest));
    }
    let _console = dvht::console::init();
    dvht::read::set_isolation(std::env::current_exe().ok());
    let cli = Cli::parse();
    let ctx = match cmd::Context::new(cli.global.rubric.as_deref(), cli.global.lang) {
        Ok(c) => c.with_settings(cli.global.settings),
        Err(e) => {
            eprintln!("dvht: {e}");
            return ExitCode::from(2);
        }
    };
    let code = match cli.command {
        Command::Template(a) => cmd::template::run(&ctx, a),
        Command::Score(a) => cmd::score::run(&ctx, a),
        Command::Check(a) => cmd::check::run(&ctx, a),
        Command::Consolidate(a) => cmd::consolidate::run(&ctx, a),
        Command::Rubric(a) => cmd::rubric::run(&ctx, a),
        Command::Plan(a) => cmd::plan::run(&ctx, a),
    };
    match code {
        Ok(c) => ExitCode::from(c),
        Err(e) => {
            eprintln!("dvht: {e:#}");
            ExitCode::from(2)
        }
    }
}
