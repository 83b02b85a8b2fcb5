//! The `dvht` command line: parses arguments (`cli/`, in the user's
//! language) and hands a checked configuration to one module per command
//! (`cmd/`).

#![warn(clippy::too_many_lines)]

mod cli;
mod cmd;

use clap::{Args, Parser, Subcommand};
use cli::Parsed;
use dvht::findings::Lang;
use std::path::PathBuf;
use std::process::ExitCode;

/// dvht — đánh giá, xếp loại "Đơn vị học tập" (Thông tư 22/2020/TT-BGDĐT).
///
/// Đọc các biểu mẫu tự đánh giá do đơn vị gửi (.xlsx, .xlsm, .xls, .xlsb,
/// .ods), kiểm tra số liệu, chấm điểm theo bộ tiêu chí và lập bảng tổng hợp
/// của huyện.
#[derive(Parser, Debug)]
// Help texts: "Vietnamese / English", split by cli/ (the longer texts of
// every command are in cli/texts.rs).
#[command(name = "dvht", bin_name = "dvht", version)]
pub struct Cli {
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
pub enum Command {
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
    /// Kết luận từ điểm các đoàn đã nhập, lập bảng kết quả / conclude from what the teams typed
    Finalize(cmd::finalize::Args),
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
    let console = dvht::console::init();
    dvht::read::set_isolation(std::env::current_exe().ok());
    let lang = cli::lang_in(&args);
    let status = if args.len() == 1 && dvht::console::own_window() {
        // Double-clicked: say what the program is for, not an argument error.
        cmd::dropped::explain(lang);
        0
    } else {
        match cli::parse(args) {
            Parsed::Done(status) => status,
            Parsed::Run(cli) => with_context(&cli.global, |ctx| run(ctx, cli.command)),
            Parsed::Dropped { global, paths } => {
                with_context(&global, |ctx| cmd::dropped::run(ctx, paths))
            }
        }
    };
    dvht::console::pause_if_own_window(match lang {
        Lang::Vi => "Nhấn Enter để đóng cửa sổ…",
        Lang::En => "Press Enter to close this window…",
    });
    drop(console);
    ExitCode::from(status)
}

/// The exit status of `f` run with the context the global options make.
fn with_context(global: &Global, f: impl FnOnce(&cmd::Context) -> anyhow::Result<u8>) -> u8 {
    let result = cmd::Context::new(global.rubric.as_deref(), global.lang)
        .map(|c| c.with_settings(global.settings.clone()))
        .and_then(|ctx| f(&ctx));
    match result {
        Ok(status) => status,
        Err(e) => cmd::report_failure(&e, global.lang),
    }
}

fn run(ctx: &cmd::Context, command: Command) -> anyhow::Result<u8> {
    match command {
        Command::Template(a) => cmd::template::run(ctx, a),
        Command::Score(a) => cmd::score::run(ctx, a),
        Command::Check(a) => cmd::check::run(ctx, a),
        Command::Consolidate(a) => cmd::consolidate::run(ctx, a),
        Command::Rubric(a) => cmd::rubric::run(ctx, a),
        Command::Plan(a) => cmd::plan::run(ctx, a),
        Command::Finalize(a) => cmd::finalize::run(ctx, a),
    }
}
