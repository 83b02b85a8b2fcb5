//! `--year`: checked (four digits, plausible), and a run whose forms are
//! mostly for another year says so at the top of its summary — on the
//! terminal and in the workbook — not only in each form's findings.

mod consolidate_support;

use consolidate_support::{Book, dvht};
use std::ffi::OsStr;
use std::path::PathBuf;

fn samples() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("samples")
}

#[test]
fn a_year_that_is_not_four_plausible_digits_is_refused() {
    for (cmd, bad) in [
        ("check", "23"),
        ("check", "1023"),
        ("score", "20233"),
        ("template", "2O23"),
    ] {
        let mut args: Vec<std::ffi::OsString> = vec![cmd.into()];
        if cmd == "template" {
            args.extend(["-o".into(), "/nonexistent/x.xlsx".into()]);
        } else {
            args.push(samples().into_os_string());
        }
        args.extend(["--year".into(), bad.into()]);
        let refs: Vec<&OsStr> = args.iter().map(|a| a.as_os_str()).collect();
        let o = dvht(&refs);
        let err = String::from_utf8_lossy(&o.stderr);
        assert_eq!(o.status.code(), Some(2), "{cmd} --year {bad}: {err}");
        assert!(err.contains("bốn chữ số"), "{err}");
    }
}

#[test]
fn forms_of_another_year_are_said_at_the_top_of_the_summary() {
    // The 26 samples are 2023 forms.
    let o = dvht(&[
        OsStr::new("check"),
        samples().as_os_str(),
        OsStr::new("--year"),
        OsStr::new("2024"),
    ]);
    let out = String::from_utf8_lossy(&o.stdout);
    let lines: Vec<&str> = out.lines().collect();
    let n = lines.len();
    assert!(
        lines[n - 2].contains("26/26 biểu mẫu ghi năm 2023"),
        "{}",
        lines[n - 2]
    );
    assert!(lines[n - 1].starts_with("Đã kiểm tra 26 tệp"));
    // The right year: no note.
    let o = dvht(&[
        OsStr::new("check"),
        samples().as_os_str(),
        OsStr::new("--year"),
        OsStr::new("2023"),
    ]);
    assert!(!String::from_utf8_lossy(&o.stdout).contains("LƯU Ý"));

    let dir = tempfile::tempdir().unwrap();
    let book = dir.path().join("tong-hop.xlsx");
    let o = dvht(&[
        OsStr::new("--lang"),
        OsStr::new("en"),
        OsStr::new("consolidate"),
        samples().as_os_str(),
        OsStr::new("-o"),
        book.as_os_str(),
        OsStr::new("--year"),
        OsStr::new("2024"),
    ]);
    let err = String::from_utf8_lossy(&o.stderr);
    // Written: 0, though three samples hold an error (README's rule).
    assert_eq!(o.status.code(), Some(0), "{err}");
    assert!(
        err.lines()
            .next()
            .is_some_and(|l| l.contains("26 of 26 forms are for 2023")),
        "{err}"
    );
    let summary = Book::open(&book).values("Tổng hợp");
    // The line under the title (which comes under the official heading).
    let title = (0..10)
        .find(|&r| summary.text(r, 0).starts_with("TỔNG HỢP KẾT QUẢ"))
        .expect("the title row");
    let note = summary.text(title + 1, 0);
    assert!(
        note.starts_with("LƯU Ý: đang tổng hợp năm 2024") && note.contains("--year 2023"),
        "{note}"
    );
}
