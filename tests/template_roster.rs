//! `dvht template --roster FILE -o DIR`: one prefilled form per unit, named
//! after the unit, read back by `dvht check` with the unit's name in it; a
//! unit's file already in the folder (say, the form it filled in) is never
//! replaced.

use std::path::{Path, PathBuf};
use std::process::Command;

fn dvht(args: &[&std::ffi::OsStr]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_dvht"))
        .args(args)
        .output()
        .unwrap()
}

fn roster() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/rosters/roster-utf16le.txt")
}

#[test]
fn one_form_per_unit_named_after_it_and_filled_forms_kept() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("mau");
    let run = || {
        dvht(&[
            "template".as_ref(),
            "--roster".as_ref(),
            roster().as_os_str(),
            "-o".as_ref(),
            dir.as_os_str(),
            "--year".as_ref(),
            "2023".as_ref(),
        ])
    };
    let o = run();
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    // The roster's names, from the UTF-8 copy of the same roster.
    let text = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/rosters/roster-utf8-bom.txt"),
    )
    .unwrap();
    let mut want: Vec<String> = text
        .trim_start_matches('\u{feff}')
        .lines()
        .map(|n| format!("{n}.xlsx"))
        .collect();
    want.sort();
    let mut got: Vec<String> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    got.sort();
    assert_eq!(got, want);

    // Each form names its unit.
    let o = dvht(&["check".as_ref(), dir.as_os_str(), "--json".as_ref()]);
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let files = v["files"].as_array().unwrap();
    assert_eq!(files.len(), 28);
    for e in files {
        let file = e["file"].as_str().unwrap();
        let stem = Path::new(file).file_stem().unwrap().to_string_lossy();
        assert_eq!(e["unit"].as_str(), Some(stem.as_ref()), "{e:#}");
    }

    // A unit filled its form in (here: any other bytes); run again.
    let filled = dir.join("Phòng Tư pháp.xlsx");
    std::fs::write(&filled, b"the unit's own work").unwrap();
    std::fs::remove_file(dir.join("Phòng Y tế.xlsx")).unwrap();
    let o = run();
    let err = String::from_utf8_lossy(&o.stderr);
    assert_eq!(o.status.code(), Some(0), "{err}");
    assert_eq!(std::fs::read(&filled).unwrap(), b"the unit's own work");
    assert!(dir.join("Phòng Y tế.xlsx").exists());
    assert!(err.contains("Đã ghi 1 biểu mẫu"), "{err}");
    assert!(err.contains("27 tệp đã có được giữ nguyên"), "{err}");
    // No temporary file left behind.
    assert_eq!(std::fs::read_dir(&dir).unwrap().count(), 28);
}

#[test]
fn names_windows_refuses_are_made_safe_and_a_file_is_no_folder() {
    let tmp = tempfile::tempdir().unwrap();
    let list = tmp.path().join("don-vi.txt");
    std::fs::write(
        &list,
        "Trường TH Mỹ An 1/2: điểm lẻ?\nCON\nPhòng Tư pháp\nPHÒNG TƯ PHÁP.\n",
    )
    .unwrap();
    let dir = tmp.path().join("mau");
    let o = dvht(&[
        "template".as_ref(),
        "--roster".as_ref(),
        list.as_os_str(),
        "-o".as_ref(),
        dir.as_os_str(),
    ]);
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    let mut got: Vec<String> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    got.sort();
    // "PHÒNG TƯ PHÁP." is the same unit as "Phòng Tư pháp": listed once.
    assert_eq!(
        got,
        [
            "CON_.xlsx",
            "Phòng Tư pháp.xlsx",
            "Trường TH Mỹ An 1-2 - điểm lẻ.xlsx"
        ]
    );
    let o = dvht(&[
        "template".as_ref(),
        "--roster".as_ref(),
        list.as_os_str(),
        "-o".as_ref(),
        tmp.path().join("mau.xlsx").as_os_str(),
    ]);
    assert_eq!(o.status.code(), Some(2));
}
