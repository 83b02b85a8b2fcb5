//! The layout corpus: every variant written as .xlsx, read with
//! `read_workbook`, extracted, and compared with the unit's answers.

mod common;

use common::{Layout, assert_reads, layouts, write};
use dvht::extract::extract;
use dvht::read::read_workbook;
use dvht::rubric::Rubric;

fn read_back(l: &Layout, rubric: &Rubric, dir: &std::path::Path) -> dvht::extract::Extraction {
    let path = dir.join(l.file());
    write(l, rubric, &path);
    // To regenerate tests/fixtures/layouts: DVHT_LAYOUTS_OUT=dir, then convert with LibreOffice.
    if let Some(out) = std::env::var_os("DVHT_LAYOUTS_OUT") {
        std::fs::copy(&path, std::path::Path::new(&out).join(l.file())).unwrap();
    }
    let wb = read_workbook(&path).unwrap_or_else(|e| panic!("{}: {e:?}", l.name));
    extract(rubric, &wb)
}

#[test]
fn every_layout_reads_back_to_its_answers() {
    let rubric = Rubric::builtin();
    let dir = tempfile::tempdir().unwrap();
    let all = layouts();
    assert!(all.len() >= 15);
    let mut failures = Vec::new();
    for l in &all {
        let ex = read_back(l, &rubric, dir.path());
        let result = std::panic::catch_unwind(|| {
            assert!(ex.findings.is_empty(), "{}: {:?}", l.name, ex.findings);
            assert_eq!(ex.forms.len(), 1, "{}: forms", l.name);
            assert_reads(l, &rubric, &ex.forms[0]);
        });
        if let Err(e) = result {
            let msg = e
                .downcast_ref::<String>()
                .cloned()
                .or_else(|| e.downcast_ref::<&str>().map(|s| s.to_string()))
                .unwrap_or_default();
            failures.push(format!("{}: {msg}", l.name));
        }
    }
    assert!(
        failures.is_empty(),
        "{} layouts misread:\n{}",
        failures.len(),
        failures.join("\n")
    );
}
