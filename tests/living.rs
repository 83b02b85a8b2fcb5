//! Issue 11, part 1: re-running `consolidate` keeps everything the teams
//! typed. A team types into the workbook with a program other than dvht
//! (openpyxl, which leaves formulas without cached values; then, separately,
//! the same file saved again by LibreOffice): scores on two units, a note,
//! "9,5" typed as text, one value out of range, one on a unit about to be
//! withdrawn. Then a late form arrives and that unit's form is removed, and
//! consolidate runs again. In both layouts (a sheet per unit; "Chi tiết").
//! What the new workbook holds is read back with openpyxl, not dvht.

mod consolidate_support;
mod libreoffice_support;
mod living_support;

use consolidate_support::write_form;
use living_support::*;
use serde_json::{Value, json};
use std::path::Path;

fn edits() -> Value {
    json!([
        {"unit": "Phòng Tư pháp", "id": "1b", "team": 0, "note": "Chưa có quy định khuyến khích học tập"},
        {"unit": "Phòng Tư pháp", "id": "2a", "team": "9,5"},
        {"unit": "Phòng Nội vụ", "id": "3c", "team": 7},
        {"unit": "Phòng Nội vụ", "id": "1c", "team": 6},
        {"unit": "Phòng Y tế", "id": "1a", "team": 0}
    ])
}

#[derive(Clone, Copy, Debug, PartialEq)]
enum Writer {
    Openpyxl,
    LibreOffice,
}

fn rerun(writer: Writer, limit: &str) {
    let label = format!("{writer:?}, unit-sheet limit {limit}");
    let soffice = match writer {
        Writer::LibreOffice => match soffice() {
            Some(s) => Some(s),
            None => return,
        },
        Writer::Openpyxl => None,
    };
    let dir = tempfile::tempdir().unwrap();
    let forms = forms(dir.path());
    let out = dir.path().join("tong-hop-2023.xlsx");
    let limit_args = ["--unit-sheet-limit", limit];
    let o = consolidate(&forms, &out, &limit_args);
    assert_eq!(
        o.status.code(),
        Some(0),
        "{label}: {}",
        String::from_utf8_lossy(&o.stderr)
    );

    // The team types, and saves.
    let typed = type_into(&out, &out, &edits());
    assert_eq!(typed.len(), 6, "{label}: {typed:?}");
    if let Some(s) = &soffice {
        resave_with_libreoffice(s, &out, dir.path());
    }
    let edited = std::fs::read(&out).unwrap();

    // A late form; the unit of c-y-te.xlsx withdrawn.
    let (late_file, late) = late_unit();
    write_form(&forms, late_file, &late, 2023);
    std::fs::remove_file(forms.join("c-y-te.xlsx")).unwrap();
    let o = consolidate(&forms, &out, &limit_args);
    let err = String::from_utf8_lossy(&o.stderr);
    assert_eq!(o.status.code(), Some(0), "{label}: {err}");
    let v: Value = serde_json::from_slice(&o.stdout).unwrap();

    // The previous workbook is kept beside, byte for byte.
    let kept = Path::new(v["previous"].as_str().expect("a copy was kept"));
    assert_eq!(kept.parent(), out.parent());
    let kept_name = kept.file_name().unwrap().to_string_lossy().to_string();
    assert!(kept_name.starts_with("tong-hop-2023.truoc-"), "{kept_name}");
    assert!(
        std::fs::read(kept).unwrap() == edited,
        "{label}: the copy differs"
    );
    assert!(err.contains(&kept_name), "{label}: {err}");

    // Every typed value at its unit and criterion; "9,5" now the number.
    let now = dump(&out);
    let t = |unit: &str, id: &str| now[unit]["typed"][id].clone();
    assert_eq!(t("Phòng Tư pháp", "1b")["team"], json!(0), "{label}");
    assert_eq!(
        t("Phòng Tư pháp", "1b")["note"],
        json!("Chưa có quy định khuyến khích học tập"),
        "{label}"
    );
    assert_eq!(t("Phòng Tư pháp", "2a")["team"], json!(9.5), "{label}");
    assert_eq!(t("Phòng Nội vụ", "3c")["team"], json!(7), "{label}");
    assert_eq!(t("Phòng Nội vụ", "1c")["team"], json!(6), "{label}");
    let typed_now: usize = now
        .as_object()
        .unwrap()
        .values()
        .map(|u| u["typed"].as_object().unwrap().len())
        .sum();
    assert_eq!(typed_now, 4, "{label}: {now}");
    // The late unit is in, with nothing typed; the withdrawn one is out.
    assert_eq!(now["Trường THCS Mỹ Phú"]["typed"], json!({}), "{label}");
    assert!(now.get("Phòng Y tế").is_none(), "{label}");

    // The withdrawn unit's value is reported with its old sheet and cell,
    // and 7 on a criterion of at most 5 is said to be out of range.
    let (_, _, _, sheet, cell) = typed.iter().find(|t| t.0 == "Phòng Y tế").unwrap().clone();
    let findings = v["findings"].as_array().unwrap();
    let orphan = findings
        .iter()
        .find(|f| f["code"] == "team-score-orphaned")
        .unwrap_or_else(|| panic!("{label}: no orphan in {findings:?}"));
    assert_eq!(orphan["sheet"], json!(sheet), "{label}");
    assert_eq!(orphan["cell"], json!(cell), "{label}");
    assert_eq!(orphan["file"], json!(kept_name), "{label}");
    assert!(
        orphan["message"].as_str().unwrap().contains("Phòng Y tế"),
        "{label}"
    );
    let (_, _, _, sheet_3c, cell_3c) = typed
        .iter()
        .find(|t| t.0 == "Phòng Nội vụ" && t.1 == "3c")
        .unwrap()
        .clone();
    let above = findings
        .iter()
        .find(|f| f["code"] == "score-above-max")
        .unwrap_or_else(|| panic!("{label}: {findings:?}"));
    assert_eq!(
        (&above["sheet"], &above["cell"]),
        (&json!(sheet_3c), &json!(cell_3c))
    );
    assert_eq!(findings.len(), 2, "{label}: {findings:?}");
}

#[test]
fn typed_values_survive_a_rerun_unit_sheets() {
    rerun(Writer::Openpyxl, "60");
}

#[test]
fn typed_values_survive_a_rerun_chi_tiet() {
    rerun(Writer::Openpyxl, "2");
}

#[test]
fn typed_values_saved_by_libreoffice_survive_a_rerun() {
    rerun(Writer::LibreOffice, "60");
    rerun(Writer::LibreOffice, "2");
}

#[test]
fn an_open_workbook_is_left_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let forms = forms(dir.path());
    let out = dir.path().join("tong-hop-2023.xlsx");
    assert_eq!(consolidate(&forms, &out, &[]).status.code(), Some(0));
    type_into(&out, &out, &edits());
    let before = std::fs::read(&out).unwrap();
    let (late_file, late) = late_unit();
    write_form(&forms, late_file, &late, 2023);
    // LibreOffice's lock file, then Excel's owner file (its name loses the
    // first two characters of a long name).
    for lock in [".~lock.tong-hop-2023.xlsx#", "~$ng-hop-2023.xlsx"] {
        let lock = dir.path().join(lock);
        std::fs::write(&lock, b"x").unwrap();
        let o = consolidate(&forms, &out, &[]);
        assert_eq!(o.status.code(), Some(2));
        let err = String::from_utf8_lossy(&o.stderr);
        assert!(
            err.contains("đóng tệp") && err.contains("chưa ghi gì"),
            "{err}"
        );
        assert!(o.stdout.is_empty());
        assert!(
            std::fs::read(&out).unwrap() == before,
            "the workbook was touched"
        );
        let mut names: Vec<String> = std::fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().to_string())
            .collect();
        names.sort();
        let lock_name = lock.file_name().unwrap().to_string_lossy().to_string();
        let mut want = vec![
            "ho-so".to_string(),
            "tong-hop-2023.edits.json".into(),
            "tong-hop-2023.xlsx".into(),
            lock_name,
        ];
        want.sort();
        assert_eq!(names, want, "nothing else is written");
        std::fs::remove_file(&lock).unwrap();
    }
    // Closed: it runs, and keeps the copy.
    let o = consolidate(&forms, &out, &[]);
    assert_eq!(o.status.code(), Some(0));
}

#[test]
fn a_rerun_with_nothing_new_keeps_no_copy() {
    let dir = tempfile::tempdir().unwrap();
    let forms = forms(dir.path());
    let out = dir.path().join("tong-hop-2023.xlsx");
    assert_eq!(consolidate(&forms, &out, &[]).status.code(), Some(0));
    let first = std::fs::read(&out).unwrap();
    let o = consolidate(&forms, &out, &[]);
    assert_eq!(o.status.code(), Some(0));
    let v: Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v["previous"], Value::Null);
    assert!(std::fs::read(&out).unwrap() == first);
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 2);
}
