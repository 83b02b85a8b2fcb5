//! The command line, in the user's language: clap's help and its error
//! messages included.
//!
//! clap writes its own words (usage, headings, errors) in English, and the
//! language is itself an argument. So the language is found first in the
//! raw arguments ([`lang_in`]), then the clap command is built in that
//! language ([`localize`]) and its errors are rendered in it ([`errors`]).
//!
//! Help texts follow one convention: an argument's doc comment is
//! "Vietnamese / English", split at the first " / " (an argument added
//! later in that style is translated with nothing else to do); the words
//! clap adds and the longer texts after each command's help are in
//! [`texts`].
//!
//! Two ways in besides a command: `dvht help [COMMAND]` is
//! `dvht [COMMAND] --help`, and paths with no command (a folder or files
//! dropped on dvht.exe in Explorer) are [`Parsed::Dropped`].

mod errors;
mod texts;

use crate::{Cli, Global, cmd};
use clap::{Arg, ArgAction, CommandFactory, FromArgMatches};
use dvht::findings::Lang;
use std::cell::Cell;
use std::ffi::{OsStr, OsString};
use std::path::PathBuf;

/// What the command line asks for.
#[derive(Debug)]
pub enum Parsed {
    /// A command to run.
    Run(Cli),
    /// Paths and no command: files or folders dropped on dvht.exe.
    Dropped { global: Global, paths: Vec<PathBuf> },
    /// Nothing to run (help, version, or an argument error already
    /// printed): exit with this status.
    Done(u8),
}

/// The language the arguments ask for (`--lang en`, `--lang=en`), before
/// they are parsed: Vietnamese unless English is asked for. Scanning stops
/// at `--`, after which everything is a path.
pub fn lang_in(args: &[OsString]) -> Lang {
    let mut lang = Lang::Vi;
    let mut it = args.iter().skip(1);
    while let Some(a) = it.next() {
        let value = if a == "--" {
            break;
        } else if a == "--lang" {
            it.next().cloned()
        } else {
            a.to_str()
                .and_then(|s| s.strip_prefix("--lang="))
                .map(OsString::from)
        };
        match value.as_ref().and_then(|v| v.to_str()) {
            Some(v) if v.eq_ignore_ascii_case("en") => lang = Lang::En,
            Some(v) if v.eq_ignore_ascii_case("vi") => lang = Lang::Vi,
            _ => {}
        }
    }
    lang
}

thread_local! {
    /// The language of the parse under way on this thread.
    static LANG: Cell<Lang> = const { Cell::new(Lang::Vi) };
}

/// The language of this run, for value parsers (which clap calls without
/// any context, on the parsing thread): set by [`parse`].
pub fn lang() -> Lang {
    LANG.with(Cell::get)
}

fn set_lang(lang: Lang) {
    LANG.with(|l| l.set(lang));
}

/// Parses the arguments in the language they ask for, printing help,
/// version or an argument error itself (then [`Parsed::Done`]).
pub fn parse(args: Vec<OsString>) -> Parsed {
    let lang = lang_in(&args);
    set_lang(lang);
    let args = match dropped(&args) {
        Pre::Dropped(global, paths) => return Parsed::Dropped { global, paths },
        Pre::Args(a) => a,
    };
    let mut command = localize(Cli::command(), lang, true);
    let matches = command.try_get_matches_from_mut(args);
    let result = matches.and_then(|mut m| <Cli as FromArgMatches>::from_arg_matches_mut(&mut m));
    match result {
        Ok(cli) => Parsed::Run(cli),
        Err(e) => {
            let (text, status) = errors::render(&e, lang);
            if status == 0 {
                let _ = cmd::write_stdout(&text);
            } else {
                eprint!("{text}");
            }
            Parsed::Done(status)
        }
    }
}

enum Pre {
    Dropped(Global, Vec<PathBuf>),
    Args(Vec<OsString>),
}

/// Paths with no command (dropped on dvht.exe), or the arguments for clap
/// (`help X` turned into `X --help`).
fn dropped(args: &[OsString]) -> Pre {
    let command = Cli::command();
    // The global options before the first other argument.
    let mut i = 1;
    while let Some(a) = args.get(i).and_then(|a| a.to_str()) {
        let Some(long) = a.strip_prefix("--") else {
            break;
        };
        let (name, inline) = match long.split_once('=') {
            Some((n, _)) => (n, true),
            None => (long, false),
        };
        let takes_value = command
            .get_arguments()
            .find(|x| x.get_long() == Some(name))
            .map(|x| x.get_action().takes_values());
        match takes_value {
            Some(true) if !inline => i += 2,
            Some(_) => i += 1,
            None => break,
        }
    }
    let Some(first) = args.get(i) else {
        return Pre::Args(args.to_vec());
    };
    if first == "help" {
        // `dvht help [COMMAND...]` is `dvht [COMMAND...] --help`.
        let mut out: Vec<OsString> = args[..i].to_vec();
        out.extend(args[i + 1..].iter().cloned());
        out.push("--help".into());
        return Pre::Args(out);
    }
    let is_command = command
        .get_subcommands()
        .any(|c| OsStr::new(c.get_name()) == first.as_os_str());
    let rest = &args[i..];
    let all_paths = rest.iter().all(|a| !a.to_string_lossy().starts_with('-'));
    if is_command || !all_paths || !std::path::Path::new(first).exists() {
        return Pre::Args(args.to_vec());
    }
    // The global options, read by clap as for any command.
    let globals = command
        .subcommand_required(false)
        .arg_required_else_help(false)
        .try_get_matches_from(&args[..i.min(args.len())])
        .and_then(|m| Global::from_arg_matches(&m));
    match globals {
        Ok(global) => Pre::Dropped(global, rest.iter().map(PathBuf::from).collect()),
        // A bad global option: clap says so, in the language.
        Err(_) => Pre::Args(args.to_vec()),
    }
}

/// The clap command in `lang`: help texts, value names, headings, the help
/// and version flags, recursively.
fn localize(mut c: clap::Command, lang: Lang, root: bool) -> clap::Command {
    let name = c.get_name().to_string();
    let path = if root { String::new() } else { name.clone() };
    if let Some(about) = texts::about(&path, lang) {
        c = c.about(about);
    } else if let Some(about) = c.get_about().map(|s| texts::pick(&s.to_string(), lang)) {
        c = c.about(about);
    }
    if let Some(long) = texts::long_about(&path, lang) {
        c = c.long_about(long);
    }
    if let Some(after) = texts::after_help(&path, lang) {
        c = c.after_help(after).after_long_help(None::<&str>);
    }
    c = c
        .help_template(texts::template(lang))
        .subcommand_help_heading(texts::heading_commands(lang))
        .subcommand_value_name(texts::value_name("COMMAND", lang).unwrap_or("COMMAND"))
        .disable_help_flag(true)
        .disable_version_flag(true);
    let ids: Vec<clap::Id> = c.get_arguments().map(|a| a.get_id().clone()).collect();
    for id in ids {
        c = c.mut_arg(id, |a| localize_arg(a, lang));
    }
    let help = Arg::new("help")
        .short('h')
        .long("help")
        .action(ArgAction::Help)
        .help(texts::help_flag(lang))
        .help_heading(texts::heading_options(lang));
    c = c.arg(help);
    if root {
        c = c.disable_help_subcommand(true).arg(
            Arg::new("version")
                .short('V')
                .long("version")
                .action(ArgAction::Version)
                .help(texts::version_flag(lang))
                .help_heading(texts::heading_options(lang)),
        );
    }
    let subs: Vec<String> = c
        .get_subcommands()
        .map(|s| s.get_name().to_string())
        .collect();
    for s in subs {
        c = c.mut_subcommand(s, |sc| localize(sc, lang, false));
    }
    c
}

fn localize_arg(mut a: Arg, lang: Lang) -> Arg {
    if let Some(h) = a.get_help().map(|h| texts::pick(&h.to_string(), lang)) {
        a = a.help(h);
    }
    if let Some(h) = a.get_long_help().map(|h| texts::pick(&h.to_string(), lang)) {
        a = a.long_help(h);
    }
    if a.get_action().takes_values() {
        let current = a
            .get_value_names()
            .and_then(|v| v.first())
            .map(|v| v.to_string())
            .unwrap_or_else(|| a.get_id().as_str().to_uppercase());
        if let Some(name) = texts::value_name(&current, lang) {
            a = a.value_name(name);
        }
    }
    let heading = if a.is_positional() {
        texts::heading_arguments(lang)
    } else {
        texts::heading_options(lang)
    };
    a.help_heading(heading)
}

/// Why a `--year` was refused, in the language of the parse under way.
pub fn bad_year() -> String {
    texts::bad_year(lang())
}

#[cfg(test)]
mod tests;
