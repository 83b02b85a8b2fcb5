//! Extraction over the calamine corpus of odd and hostile workbooks: no
//! panic, and everything found points at a sheet the workbook has.

mod corpus_support;

use dvht::extract::extract;
use dvht::read::read_workbook;
use dvht::rubric::Rubric;

#[test]
fn odd_workbooks_extract_without_panic() {
    let files = corpus_support::files_in(
        &corpus_support::calamine_corpus(),
        corpus_support::CALAMINE_FILES,
    );
    let rubric = Rubric::builtin();
    let mut read = 0;
    for path in &files {
        let name = path.file_name().unwrap().to_string_lossy().to_string();
        // Files built to exhaust memory are the reader's (isolated) business.
        if name.starts_with("OOM") {
            continue;
        }
        let Ok(wb) = read_workbook(path) else {
            continue;
        };
        read += 1;
        let ex = std::panic::catch_unwind(|| extract(&rubric, &wb))
            .unwrap_or_else(|_| panic!("extract panicked on {name}"));
        let sheets: Vec<&str> = wb.sheets.iter().map(|s| s.name.as_str()).collect();
        for f in ex
            .forms
            .iter()
            .flat_map(|f| &f.findings)
            .chain(&ex.findings)
        {
            if let Some(s) = &f.sheet {
                assert!(sheets.contains(&s.as_str()), "{name}: {s}");
            }
        }
        for form in &ex.forms {
            assert!(sheets.contains(&form.sheet.as_str()), "{name}");
            for e in form.entries.values() {
                assert!(sheets.contains(&e.label.sheet.as_str()), "{name}");
            }
        }
        // A workbook with no form says so.
        if ex.forms.is_empty() {
            assert!(
                ex.findings
                    .iter()
                    .any(|f| f.code == dvht::findings::Code::NoRubricTable),
                "{name}"
            );
        }
    }
    assert!(read > 50, "only {read} corpus files read");
}
