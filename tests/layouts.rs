//! The layout corpus: every variant written as .xlsx, read with
//! `read_workbook`, extracted, and compared with the unit's answers.

mod layout_support;
use layout_support as common;

use common::{Layout, assert_reads, layouts, write};
use dvht::extract::extract;
use dvht::findings::Lang;
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

/// A form written by a program that does not calculate: the group and total
/// rows are SUM formulas with no stored result. They are reported, never read as 0.
#[test]
fn formulas_without_results_are_reported_not_zero() {
    use rust_xlsxwriter::{Formula, Workbook};
    let rubric = Rubric::builtin();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("formulas.xlsx");
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet();
    ws.write_string(0, 0, "Đơn vị: Trường Tiểu học A").unwrap();
    ws.write_string(1, 0, "Nội dung tiêu chí").unwrap();
    ws.write_string(1, 1, "Điểm tự chấm").unwrap();
    ws.write_string(2, 0, "1. Các điều kiện để xây dựng “Đơn vị học tập”")
        .unwrap();
    ws.write_formula(2, 1, Formula::new("=SUM(B4:B6)")).unwrap();
    ws.write_string(3, 0, "a) Đơn vị có chủ trương hoặc kế hoạch cho thành viên")
        .unwrap();
    ws.write_number(3, 1, 10).unwrap();
    ws.write_string(4, 0, "b) Đơn vị có các quy định cụ thể nhằm động viên")
        .unwrap();
    ws.write_number(4, 1, 0).unwrap();
    // rust_xlsxwriter stores 0 as every formula's result; a program that
    // does not calculate stores none: drop the `<v>` after the formula.
    let bytes = wb.save_to_buffer().unwrap();
    std::fs::write(&path, drop_formula_results(&bytes)).unwrap();
    let ex = extract(&rubric, &read_workbook(&path).unwrap());
    let form = &ex.forms[0];
    let group = &form.entries["1"];
    assert_eq!(group.self_score, None);
    assert_eq!(group.self_cell.as_ref().unwrap().addr.to_string(), "B3");
    assert_eq!(form.findings.len(), 1, "{:?}", form.findings);
    let f = &form.findings[0];
    assert_eq!(f.code, dvht::findings::Code::FormulaNoValue);
    assert_eq!(f.cell.as_deref(), Some("B3"));
    assert!(
        f.message(Lang::Vi).contains("SUM(B4:B6)"),
        "{}",
        f.message(Lang::Vi)
    );
    // An empty cell is absent; a typed 0 is a 0.
    assert_eq!(
        form.entries["1b"].self_score.as_ref().map(|s| s.value),
        Some(0.into())
    );
    assert_eq!(
        form.entries["1a"].self_score.as_ref().map(|s| s.value),
        Some(10.into())
    );
}

/// The same .xlsx with `<f>…</f><v>…</v>` turned into `<f>…</f>` in every sheet.
fn drop_formula_results(xlsx: &[u8]) -> Vec<u8> {
    use std::io::{Read, Write};
    let mut zin = zip::ZipArchive::new(std::io::Cursor::new(xlsx)).unwrap();
    let mut out = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    for i in 0..zin.len() {
        let mut entry = zin.by_index(i).unwrap();
        let name = entry.name().unwrap().to_string();
        let mut data = Vec::new();
        entry.read_to_end(&mut data).unwrap();
        if name.starts_with("xl/worksheets/") {
            let text = String::from_utf8(data).unwrap();
            let mut fixed = String::new();
            let mut rest = text.as_str();
            while let Some(pos) = rest.find("</f><v>") {
                fixed.push_str(&rest[..pos + 4]);
                let after = &rest[pos + 4..];
                let end = after.find("</v>").unwrap() + 4;
                rest = &after[end..];
            }
            fixed.push_str(rest);
            data = fixed.into_bytes();
        }
        out.start_file(name, zip::write::SimpleFileOptions::default())
            .unwrap();
        out.write_all(&data).unwrap();
    }
    out.finish().unwrap().into_inner()
}
