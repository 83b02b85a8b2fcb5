//! LibreOffice as a second client, for the tests that open what dvht
//! writes: finding `soffice`, a profile that does or does not recalculate
//! on load, and every sheet of some workbooks as CSV.
#![allow(dead_code)]

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;

/// `soffice` (or `libreoffice`) if one answers `--version`.
pub fn soffice() -> Option<PathBuf> {
    ["soffice", "libreoffice"]
        .iter()
        .find(|n| {
            Command::new(n)
                .arg("--version")
                .output()
                .is_ok_and(|o| o.status.success())
        })
        .map(PathBuf::from)
}

/// `soffice`, or `None` after saying that the test `what` is skipped; under
/// CI (which installs it) a missing LibreOffice fails the test instead.
pub fn soffice_or_skip(what: &str) -> Option<PathBuf> {
    let found = soffice();
    if found.is_none() {
        if std::env::var_os("CI").is_some() {
            panic!("soffice is missing but CI is set: install LibreOffice");
        }
        eprintln!("NOTICE: soffice not found; {what} skipped");
    }
    found
}

/// When LibreOffice recalculates an .xlsx's formulas on load.
#[derive(Debug, Clone, Copy)]
pub enum Recalc {
    Always = 0,
    Never = 1,
}

/// A LibreOffice profile in `dir` with that recalculation mode, as the
/// `-env:UserInstallation` argument.
pub fn profile(dir: &Path, mode: Recalc) -> String {
    let user = dir.join("user");
    std::fs::create_dir_all(&user).unwrap();
    std::fs::write(
        user.join("registrymodifications.xcu"),
        format!(
            r#"<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="OOXMLRecalcMode" oor:op="fuse"><value>{}</value></prop></item>
</oor:items>
"#,
            mode as u8
        ),
    )
    .unwrap();
    format!("-env:UserInstallation=file://{}", dir.display())
}

/// Every sheet of every file as CSV text (as displayed), by CSV file name
/// ("file-Sheet.csv"), converted in `work`.
pub fn sheets_as_csv(
    soffice: &Path,
    files: &[PathBuf],
    work: &Path,
    mode: Recalc,
) -> BTreeMap<String, String> {
    let (out, o) = convert(
        soffice,
        "csv:Text - txt - csv (StarCalc):44,34,76,1,,1033,false,true,false,false,false,-1",
        files,
        work,
        mode,
    );
    let mut all = BTreeMap::new();
    for e in std::fs::read_dir(&out).unwrap() {
        let p = e.unwrap().path();
        let name = p.file_name().unwrap().to_string_lossy().to_string();
        all.insert(name, std::fs::read_to_string(&p).unwrap());
    }
    assert!(
        !all.is_empty(),
        "no CSV written: {}",
        String::from_utf8_lossy(&o.stderr)
    );
    all
}

/// `files` converted to PDF in `work/pdf` (each "name.pdf"); that folder.
pub fn to_pdf(soffice: &Path, files: &[PathBuf], work: &Path) -> PathBuf {
    convert(soffice, "pdf", files, work, Recalc::Never).0
}

/// `files` (.docx) converted to plain UTF-8 text by Writer in `work/txt`;
/// each file's text, in the order of the files.
pub fn docs_as_text(soffice: &Path, files: &[PathBuf], work: &Path) -> Vec<String> {
    let (out, o) = convert(
        soffice,
        "txt:Text (encoded):UTF8",
        files,
        work,
        Recalc::Never,
    );
    files
        .iter()
        .map(|f| {
            let p = out.join(f.with_extension("txt").file_name().unwrap());
            std::fs::read_to_string(&p).unwrap_or_else(|e| {
                panic!(
                    "{}: {e}; soffice: {}",
                    p.display(),
                    String::from_utf8_lossy(&o.stderr)
                )
            })
        })
        .collect()
}

/// `files` converted by LibreOffice to `target` ("pdf", "csv:…") in
/// `work/<extension>`: that folder and what soffice said.
fn convert(
    soffice: &Path,
    target: &str,
    files: &[PathBuf],
    work: &Path,
    mode: Recalc,
) -> (PathBuf, std::process::Output) {
    let ext = target.split(':').next().unwrap_or(target);
    let out = work.join(ext);
    std::fs::create_dir_all(&out).unwrap();
    let o = Command::new(soffice)
        .arg(profile(&work.join("profile"), mode))
        .args(["--headless", "--convert-to", target, "--outdir"])
        .arg(&out)
        .args(files)
        .output()
        .unwrap();
    assert!(
        o.status.success(),
        "soffice: {}",
        String::from_utf8_lossy(&o.stderr)
    );
    (out, o)
}

/// Rows of a CSV text as LibreOffice writes it (quoted fields, "" inside).
pub fn parse_csv(s: &str) -> Vec<Vec<String>> {
    let mut rows = vec![];
    let mut row = vec![];
    let mut field = String::new();
    let mut quoted = false;
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        match (c, quoted) {
            ('"', true) if chars.peek() == Some(&'"') => {
                field.push('"');
                chars.next();
            }
            ('"', true) => quoted = false,
            ('"', false) => quoted = true,
            (',', false) => row.push(std::mem::take(&mut field)),
            ('\n', false) => {
                row.push(std::mem::take(&mut field));
                rows.push(std::mem::take(&mut row));
            }
            ('\r', false) => {}
            (c, _) => field.push(c),
        }
    }
    if !field.is_empty() || !row.is_empty() {
        row.push(field);
        rows.push(row);
    }
    rows
}
