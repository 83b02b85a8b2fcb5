//! One module per command, each with its `Args` and a `run` returning the
//! exit status, one rule for every command (README's table,
//! docs/INTERFACE.md): `check`, `score` (and `finalize`) exit 0 when done
//! with nothing at error level, 1 when a form has an error-level finding
//! ([`status_of`]); the commands that write an output (`template`,
//! `consolidate`, `plan`) exit 0 when they wrote it, whatever the forms
//! held; every command exits 2 when it could not do its job — returned as
//! `Err` and printed by [`report_failure`].

pub mod check;
pub mod consolidate;
pub mod dropped;
pub mod finalize;
pub mod output;
pub mod plan;
pub mod rubric;
pub mod say;
pub mod score;
pub mod template;

use anyhow::{Context as _, anyhow};
use dvht::documents::Settings;
use dvht::findings::{Lang, Severity};
use dvht::report::FileReport;
use dvht::rubric::Rubric;
use std::path::{Path, PathBuf};

/// What every command gets: the rubric in force, the language, and the
/// settings file of the documents (read when a command writes documents).
pub struct Context {
    pub rubric: Rubric,
    pub lang: Lang,
    pub settings: Option<PathBuf>,
}

impl Context {
    pub fn new(rubric: Option<&Path>, lang: Lang) -> anyhow::Result<Context> {
        let rubric = match rubric {
            None => Rubric::builtin(),
            Some(p) => {
                let name = p.display();
                let text = std::fs::read(p).map_err(|e| {
                    let why = dvht::io_error::reason(&e, lang);
                    match lang {
                        Lang::Vi => anyhow!("không đọc được tệp bộ tiêu chí {name}: {why}"),
                        Lang::En => anyhow!("cannot read the rubric file {name}: {why}"),
                    }
                })?;
                let text = String::from_utf8(text).map_err(|_| match lang {
                    Lang::Vi => anyhow!(
                        "tệp bộ tiêu chí {name} không phải văn bản UTF-8: hãy lưu lại với bảng mã UTF-8"
                    ),
                    Lang::En => anyhow!("the rubric file {name} is not UTF-8 text: save it as UTF-8"),
                })?;
                Rubric::from_file_text(text.trim_start_matches('\u{feff}')).map_err(|e| {
                    let m = e.message(lang);
                    match lang {
                        Lang::Vi => anyhow!("tệp bộ tiêu chí {name}, {m}"),
                        Lang::En => anyhow!("rubric file {name}, {m}"),
                    }
                })?
            }
        };
        Ok(Context {
            rubric,
            lang,
            settings: None,
        })
    }

    pub fn with_settings(self, settings: Option<PathBuf>) -> Context {
        Context { settings, ..self }
    }

    /// The names on the documents: the built-in ones, or `--settings FILE`
    /// laid over them.
    pub fn settings(&self) -> anyhow::Result<Settings> {
        let Some(p) = &self.settings else {
            return Ok(Settings::builtin());
        };
        let text = std::fs::read_to_string(p).with_context(|| {
            format!(
                "không đọc được tệp cài đặt văn bản / cannot read the settings file {}",
                p.display()
            )
        })?;
        Settings::from_toml(text.trim_start_matches('\u{feff}'))
            .with_context(|| format!("{}", p.display()))
    }
}

/// Writes to standard output; a reader that went away (`| head`) is not an
/// error worth a panic.
pub fn write_stdout(text: &str) -> anyhow::Result<()> {
    use std::io::Write;
    let mut out = std::io::stdout().lock();
    match out.write_all(text.as_bytes()).and_then(|()| out.flush()) {
        Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => Err(e.into()),
        _ => Ok(()),
    }
}

/// SOURCE_DATE_EPOCH if set, else the latest modification time among the
/// inputs, else 1970 — never the clock, so the same inputs give the same
/// bytes.
pub fn document_date<'a>(inputs: impl IntoIterator<Item = &'a Path>) -> i64 {
    if let Some(s) = std::env::var_os("SOURCE_DATE_EPOCH")
        && let Some(n) = s.to_str().and_then(|s| s.trim().parse::<i64>().ok())
    {
        return n;
    }
    inputs
        .into_iter()
        .filter_map(|p| std::fs::metadata(p).ok())
        .filter(|m| m.is_file())
        .filter_map(|m| m.modified().ok())
        .filter_map(|t| t.duration_since(std::time::UNIX_EPOCH).ok())
        .map(|d| d.as_secs() as i64)
        .max()
        .unwrap_or(0)
}

/// `--year`: four digits, a plausible year of assessment.
pub fn parse_year(s: &str) -> Result<i32, String> {
    let t = s.trim();
    let year = if t.len() == 4 && t.bytes().all(|b| b.is_ascii_digit()) {
        t.parse::<i32>().ok()
    } else {
        None
    };
    match year {
        Some(y) if (2000..=2100).contains(&y) => Ok(y),
        // In the language of the run: clap calls this before any context.
        _ => Err(crate::cli::bad_year()),
    }
}

/// "TITLE: thư mục DIR" and one line per document written, with its label
/// and, when an earlier file with other bytes was there, the name it was
/// kept under.
pub fn written_note(
    title: &str,
    dir: &Path,
    written: &[dvht::documents::output::Written],
    labels: &[String],
    lang: Lang,
) -> String {
    let vi = lang == Lang::Vi;
    let mut note = if vi {
        format!("{title}: thư mục {}\n", dir.display())
    } else {
        format!("{title}: folder {}\n", dir.display())
    };
    for (i, w) in written.iter().enumerate() {
        let name = |p: &Path| {
            p.file_name()
                .map(|n| n.to_string_lossy().to_string())
                .unwrap_or_default()
        };
        note.push_str(&format!("  {}", name(&w.path)));
        if let Some(l) = labels.get(i) {
            note.push_str(&format!("  {l}"));
        }
        match (&w.kept, vi) {
            (Some(k), true) => note.push_str(&format!(" (bản trước giữ lại: {})", name(k))),
            (Some(k), false) => note.push_str(&format!(" (the previous one kept as {})", name(k))),
            (None, _) => {}
        }
        note.push('\n');
    }
    note
}

/// The exit status of a command that did its job: 1 when a file or a form
/// among `files` has an error-level finding, else 0.
pub fn status_of<'a>(files: impl IntoIterator<Item = &'a FileReport>) -> u8 {
    let has_error = files.into_iter().any(|f| {
        f.findings
            .iter()
            .chain(f.units.iter().flat_map(|u| u.findings.iter()))
            .any(|x| x.severity == Severity::Error)
    });
    u8::from(has_error)
}

/// Prints why a command could not do its job, every cause in the chain
/// ("dvht: cannot write X: the folder does not exist (…)"), a system error
/// said in words first ([`dvht::io_error`]), and returns 2.
pub fn report_failure(e: &anyhow::Error, lang: Lang) -> u8 {
    let causes: Vec<String> = e
        .chain()
        .map(|c| match c.downcast_ref::<std::io::Error>() {
            Some(io) => dvht::io_error::reason(io, lang),
            None => c.to_string(),
        })
        .collect();
    eprintln!("dvht: {}", causes.join(": "));
    2
}

#[cfg(test)]
mod tests {
    #[test]
    fn years_are_four_plausible_digits() {
        assert_eq!(super::parse_year("2023"), Ok(2023));
        assert_eq!(super::parse_year(" 2024 "), Ok(2024));
        for bad in [
            "23",
            "20233",
            "1999",
            "2101",
            "２０２３",
            "-2023",
            "",
            "2023a",
        ] {
            assert!(super::parse_year(bad).is_err(), "{bad}");
        }
    }
}
