//! .xls and .ods copies of some layouts, made once with LibreOffice
//! (`soffice --headless --convert-to xls|ods`) from the .xlsx files that
//! tests/layouts.rs writes, and committed under tests/fixtures/layouts.
//! Each must read to the same answers, and `dvht score --json` must score them.

mod layout_support;
use layout_support as common;

use common::{ANSWERS, assert_reads, dec, layouts};
use dvht::extract::extract;
use dvht::read::read_workbook;
use dvht::rubric::Rubric;
use std::path::{Path, PathBuf};
use std::process::Command;

fn fixtures() -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/layouts");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    files.sort();
    files
}

fn layout_of(path: &Path) -> common::Layout {
    let stem = path.file_stem().unwrap().to_str().unwrap();
    layouts()
        .into_iter()
        .find(|l| l.name == stem)
        .unwrap_or_else(|| panic!("no layout named {stem}"))
}

#[test]
fn xls_and_ods_copies_read_like_the_xlsx() {
    let rubric = Rubric::builtin();
    let files = fixtures();
    let count = |ext: &str| {
        files
            .iter()
            .filter(|p| p.extension().is_some_and(|e| e == ext))
            .count()
    };
    assert!(count("xls") >= 5 && count("ods") >= 5, "{files:?}");
    for path in &files {
        let l = layout_of(path);
        let wb = read_workbook(path).unwrap_or_else(|e| panic!("{}: {e:?}", path.display()));
        let ex = extract(&rubric, &wb);
        assert!(
            ex.findings.is_empty(),
            "{}: {:?}",
            path.display(),
            ex.findings
        );
        assert_eq!(ex.forms.len(), 1, "{}", path.display());
        assert_reads(&l, &rubric, &ex.forms[0]);
    }
}

#[test]
fn dvht_score_json_reads_the_layouts() {
    let files = fixtures();
    let dir = tempfile::tempdir().unwrap();
    let rubric = Rubric::builtin();
    // Two .xlsx layouts written now, plus every committed .xls/.ods copy of two others.
    let mut paths: Vec<PathBuf> = files
        .iter()
        .filter(|p| {
            let s = p.file_stem().unwrap().to_str().unwrap();
            s == "seed_copy" || s == "two_row_header"
        })
        .cloned()
        .collect();
    for l in layouts()
        .iter()
        .filter(|l| l.name == "shifted" || l.name == "combined")
    {
        let p = dir.path().join(l.file());
        common::write(l, &rubric, &p);
        paths.push(p);
    }
    assert_eq!(paths.len(), 6);
    for path in &paths {
        let l = layout_of(path);
        let out = Command::new(env!("CARGO_BIN_EXE_dvht"))
            .args(["score", "--json"])
            .arg(path)
            .output()
            .unwrap();
        let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap_or_else(|e| {
            panic!(
                "{}: {e}: {}",
                path.display(),
                String::from_utf8_lossy(&out.stdout)
            )
        });
        assert_eq!(json["unit"], l.unit, "{}", path.display());
        assert_eq!(json["year"], 2023);
        assert_eq!(json["members"], 50);
        let items = json["items"].as_array().unwrap();
        for a in ANSWERS {
            let item = items
                .iter()
                .find(|i| i["id"] == a.id)
                .unwrap_or_else(|| panic!("{}: no item {}", path.display(), a.id));
            let got = item["self"].to_string();
            assert_eq!(
                dec(&got),
                dec(a.score),
                "{}: self of {}",
                path.display(),
                a.id
            );
            assert!(
                item["cell"].as_str().is_some_and(|c| c.contains(l.sheet)),
                "{}: {}",
                path.display(),
                item["cell"]
            );
        }
        assert_eq!(
            json["findings"]
                .as_array()
                .map(|f| f.iter().filter(|x| x["code"] == "not-a-number").count()),
            Some(0)
        );
    }
}

/// A school cluster: an instructions sheet and two schools' forms in one
/// workbook give two units, in sheet order, each with its sheet.
#[test]
fn dvht_score_json_reads_a_cluster_workbook() {
    let rubric = Rubric::builtin();
    let all = layouts();
    let pick = |name: &str| all.iter().find(|l| l.name == name).unwrap().clone();
    let (mut a, mut b) = (pick("merged_cells"), pick("two_row_header"));
    a.sheet = "Trường A";
    b.sheet = "Trường B";
    let mut wb = rust_xlsxwriter::Workbook::new();
    let mut notes = rust_xlsxwriter::Worksheet::new();
    notes.set_name("Hướng dẫn").unwrap();
    notes
        .write_string(0, 0, "Mỗi trường điền một trang.")
        .unwrap();
    wb.push_worksheet(notes);
    wb.push_worksheet(common::sheet(&a, &rubric));
    wb.push_worksheet(common::sheet(&b, &rubric));
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("cum-truong.xlsx");
    wb.save(&path).unwrap();

    let ex = extract(&rubric, &read_workbook(&path).unwrap());
    assert_eq!(ex.forms.len(), 2);
    assert_reads(&a, &rubric, &ex.forms[0]);
    assert_reads(&b, &rubric, &ex.forms[1]);

    let out = Command::new(env!("CARGO_BIN_EXE_dvht"))
        .args(["score", "--json"])
        .arg(&path)
        .output()
        .unwrap();
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let units = json.as_array().expect("an array, one object per form");
    assert_eq!(units.len(), 2);
    assert_eq!(units[0]["sheet"], "Trường A");
    assert_eq!(units[0]["unit"], a.unit);
    assert_eq!(units[1]["sheet"], "Trường B");
    assert_eq!(units[1]["unit"], b.unit);
    for u in units {
        assert_eq!(dec(&u["total"]["self"].to_string()), dec(common::TOTAL));
    }
}
