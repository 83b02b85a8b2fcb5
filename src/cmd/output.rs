//! Where a command writes a workbook (`-o`), checked before anything is
//! read or written, so that nothing a clerk keeps is ever lost by surprise:
//! - the name ends in `.xlsx`, the only kind dvht writes (an `.xls` name
//!   over `.xlsx` bytes would not open in Excel);
//! - it is not a folder, and its folder exists (said in words, without the
//!   system's bare error);
//! - a file already there is replaced only if it is dvht's own output of
//!   the kind the command writes — recognised by its content
//!   ([`dvht::own`]): a blank form for `template`, a district workbook for
//!   `consolidate` — or with `--force`. A unit's filled-in form, a team's
//!   workbook or any other file is refused with what to do.

use super::say::Say;
use dvht::findings::{Lang, Message};
use dvht::inputs::Skip;
use dvht::own::OwnKind;
use dvht::pipeline::{self, RunOptions};
use dvht::rubric::Rubric;
use std::path::{Path, PathBuf};

/// Checks `-o`: [`path`], then [`may_replace`]. Returns the path with its
/// folder made absolute.
pub fn check(
    path: &Path,
    replaceable: OwnKind,
    force: bool,
    rubric: &Rubric,
    lang: Lang,
) -> anyhow::Result<PathBuf> {
    let out = self::path(path, lang)?;
    may_replace(path, replaceable, force, rubric, lang)?;
    Ok(out)
}

/// The name and the folder of `-o`: an `.xlsx` name, not a folder, in a
/// folder that exists. Returns the path with its folder made absolute, as
/// a clerk would write it: on Windows `C:\…`, not the `\\?\C:\…` the
/// system's canonical form starts with (`dunce` drops that prefix where
/// the path means the same without it), since messages and JSON show it.
pub fn path(path: &Path, lang: Lang) -> anyhow::Result<PathBuf> {
    if path.is_dir() {
        return Err(Say::OutputIsFolder(path).fail(lang));
    }
    let is_xlsx = path
        .extension()
        .is_some_and(|e| e.to_string_lossy().eq_ignore_ascii_case("xlsx"));
    if !is_xlsx {
        return Err(Say::OutputNotXlsx(path).fail(lang));
    }
    let Some(name) = path.file_name() else {
        return Err(Say::BadFileName(path).fail(lang));
    };
    let parent = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let Ok(dir) = dunce::canonicalize(&parent) else {
        return Err(Say::NoOutputFolder(path, &parent).fail(lang));
    };
    Ok(dir.join(name))
}

/// Whether a file already at `path` may be replaced: none there, dvht's
/// own output of the kind `replaceable`, or `force`.
pub fn may_replace(
    path: &Path,
    replaceable: OwnKind,
    force: bool,
    rubric: &Rubric,
    lang: Lang,
) -> anyhow::Result<()> {
    if !force && std::fs::symlink_metadata(path).is_ok() {
        let found = own_output(path, rubric);
        if found != Some(replaceable) {
            let refused = Say::WontReplace {
                path,
                want: replaceable,
                found,
            };
            return Err(refused.fail(lang));
        }
    }
    Ok(())
}

/// Which of dvht's outputs the file is, judged by its content as the
/// inputs are (a unit's filled-in form is none).
pub fn own_output(path: &Path, rubric: &Rubric) -> Option<OwnKind> {
    let report = pipeline::evaluate_file(rubric, path, &RunOptions::default());
    report.findings.iter().find_map(|f| match &f.what {
        Message::Skipped {
            skip: Skip::OwnWorkbook(kind),
            ..
        } => Some(*kind),
        _ => None,
    })
}
