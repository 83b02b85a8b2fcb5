//! The one-pass .xlsx reader (`src/read/ooxml.rs`) against calamine: on
//! every .xlsx the suite has — the samples, the template, the layouts, the
//! fixtures, the fuzzing corpus, calamine's own corpus and hand-written
//! parts exercising each rule — whenever the one-pass reader answers, its
//! cells, percent flags, formulas and merged areas are calamine's, and it
//! answers on the common shape (forms written by Excel, LibreOffice and
//! rust_xlsxwriter).

mod layout_support;
mod read_support;

use dvht::cells::{CellValue, Workbook};
use dvht::read::{self, Limits};
use dvht::rubric::Rubric;
use read_support::{raw_xlsx, raw_xlsx_styled};
use std::path::{Path, PathBuf};

/// Both readings of `bytes`: `Some(true)` when the one-pass reader answered
/// (and agreed), `Some(false)` when it left the file to calamine, `None`
/// for a file that is no .xlsx past the guard.
fn agree(name: &str, bytes: &[u8]) -> Option<bool> {
    let (fast, slow) = read::xlsx_both_ways(bytes, &Limits::default())?;
    let Some(fast) = fast else {
        return Some(false);
    };
    match slow {
        Ok(slow) => assert_eq!(fast, slow, "{name}: the two readers differ"),
        Err(e) => panic!("{name}: one-pass reader read it, calamine says {e:?}"),
    }
    Some(true)
}

fn answered(name: &str, bytes: &[u8]) -> bool {
    agree(name, bytes) == Some(true)
}

/// Every file under `dir`, which must exist (a missing fixture folder fails
/// loudly rather than shrinking the comparison).
fn files_under(dir: &Path, out: &mut Vec<PathBuf>) {
    let rd = std::fs::read_dir(dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display()));
    for e in rd.flatten() {
        let p = e.path();
        if p.is_dir() {
            files_under(&p, out);
        } else {
            out.push(p);
        }
    }
}

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

#[test]
fn forms_of_the_common_shape_are_read_in_one_pass_with_calamines_cells() {
    let mut files = Vec::new();
    files_under(&root().join("samples"), &mut files);
    files_under(&root().join("templates"), &mut files);
    files.retain(|p| p.extension().is_some_and(|e| e == "xlsx"));
    files.sort();
    assert!(files.len() >= 27, "samples and template: {}", files.len());
    for p in &files {
        let bytes = std::fs::read(p).expect("read");
        assert!(
            answered(&p.display().to_string(), &bytes),
            "{}: left to calamine",
            p.display()
        );
    }
}

#[test]
fn layouts_and_fixtures_agree() {
    let rubric = Rubric::builtin();
    let dir = read_support::dir("ooxml-layouts");
    let mut answered_n = 0;
    for l in layout_support::layouts() {
        let path = dir.join(l.file());
        layout_support::write(&l, &rubric, &path);
        let bytes = std::fs::read(&path).expect("read");
        assert!(
            answered(&l.file(), &bytes),
            "{}: left to calamine",
            l.file()
        );
        answered_n += 1;
    }
    let mut files = Vec::new();
    files_under(&root().join("tests/fixtures"), &mut files);
    files.sort();
    let mut total = 0;
    for p in &files {
        let bytes = std::fs::read(p).expect("read");
        if let Some(a) = agree(&p.display().to_string(), &bytes) {
            total += 1;
            answered_n += usize::from(a);
        }
    }
    eprintln!("fixtures: {total} .xlsx, layouts+fixtures answered in one pass: {answered_n}");
}

#[test]
fn hostile_corpora_agree_where_answered() {
    let mut files = Vec::new();
    files_under(&root().join("fuzz/corpus/read_and_score"), &mut files);
    files_under(&read_support::corpus(), &mut files);
    files.sort();
    let (mut xlsx, mut one_pass) = (0, 0);
    for p in &files {
        let Ok(bytes) = std::fs::read(p) else {
            continue;
        };
        if let Some(a) = agree(&p.display().to_string(), &bytes) {
            xlsx += 1;
            one_pass += usize::from(a);
        }
    }
    eprintln!("corpora: {xlsx} .xlsx past the guard, {one_pass} read in one pass");
    // calamine's corpus is mostly files written by Excel: most are of the
    // common shape. (If this drops, the one-pass reader stopped answering.)
    assert!(one_pass * 2 > xlsx, "{one_pass} of {xlsx}");
}

fn cells(wb: &Workbook) -> Vec<(String, CellValue)> {
    wb.sheets[0]
        .cells
        .iter()
        .map(|c| (c.addr.to_string(), c.value.clone()))
        .collect()
}

fn read_one_pass(name: &str, bytes: &[u8]) -> Workbook {
    assert!(answered(name, bytes), "{name}: left to calamine");
    let (fast, _) = read::xlsx_both_ways(bytes, &Limits::default()).expect("xlsx");
    fast.expect("answered")
}

const STRINGS: &str = r#"<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="4" uniqueCount="4"><si><t>Điểm &amp; số</t></si><si><r><rPr><b/></rPr><t xml:space="preserve">Tự </t></r><r><t>chấm</t></r><rPh sb="0" eb="1"><t>X</t></rPh></si><si><t>  trimmed  </t></si><si/></sst>"#;

#[test]
fn each_rule_of_cell_reading_matches_calamine() {
    let data = concat!(
        // shared strings, rich text, phonetic run skipped, trimming, empty
        r#"<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c><c r="C1" t="s"><v>2</v></c><c r="D1" t="s"><v>3</v></c></row>"#,
        // numbers, booleans, errors, inline string, formula string
        r#"<row r="2"><c r="A2"><v>9.5</v></c><c r="B2" t="n"><v>1200000</v></c><c r="C2" t="b"><v>1</v></c><c r="D2" t="e"><v>#DIV/0!</v></c><c r="E2" t="inlineStr"><is><t>Có &lt;x&gt;</t></is></c><c r="F2" t="str"><f>"a"&amp;"b"</f><v>ab</v></c></row>"#,
        // formulas without values: plain, shared anchor, derived; an
        // empty-string result stays empty
        r#"<row r="3"><c r="A3"><f>SUM(A1:A2)</f></c><c r="B3"><f t="shared" ref="B3:D3" si="0">A3+1</f></c><c r="C3"><f t="shared" si="0"/></c><c r="D3"><f t="shared" si="0"/><v></v></c><c r="E3" t="str"><f>""</f><v></v></c></row>"#,
        // cells without r follow the row and the column before them
        r#"<row r="5"><c><v>1</v></c><c><v>2</v></c><c r="E5"><v>3</v></c><c><v>4</v></c></row><row><c><v>7</v></c></row>"#,
        // a self-closed cell and a blank text cell are empty
        r#"<row r="8"><c r="A8" s="0"/><c r="B8" t="inlineStr"><is><t>   </t></is></c><c r="C8"><v>-0.125</v></c><c r="D8"><v>1E-3</v></c></row>"#,
    );
    let wb = read_one_pass("rules", &raw_xlsx("A1:F8", data, STRINGS));
    let got = cells(&wb);
    let text = |s: &str| CellValue::Text(s.into());
    assert_eq!(got[0], ("A1".into(), text("Điểm & số")));
    assert_eq!(got[1], ("B1".into(), text("Tự chấm")));
    assert_eq!(got[2], ("C1".into(), text("trimmed")));
    assert!(got.iter().all(|(a, _)| a != "D1"), "empty string: no cell");
    let at = |a: &str| got.iter().find(|(x, _)| x == a).map(|(_, v)| v.clone());
    assert_eq!(at("C2"), Some(CellValue::Bool(true)));
    assert_eq!(at("D2"), Some(CellValue::Error("#DIV/0!".into())));
    assert_eq!(at("E2"), Some(text("Có <x>")));
    assert_eq!(at("F2"), Some(text("ab")));
    assert_eq!(
        at("C3"),
        Some(CellValue::FormulaNoValue {
            formula: "B3+1".into()
        })
    );
    assert_eq!(at("E3"), None);
    for (a, n) in [("A5", 1), ("B5", 2), ("E5", 3), ("F5", 4), ("A6", 7)] {
        assert!(
            matches!(at(a), Some(CellValue::Number { value, .. }) if value == n.into()),
            "{a}: {:?}",
            at(a)
        );
    }
    assert_eq!(at("A8"), None);
    assert_eq!(at("B8"), None);
}

#[test]
fn percent_flags_dates_and_merges_match_calamine() {
    // Style 1 is "0%"; style 2 a bordered General.
    let data = r#"<row r="1"><c r="A1" s="1"><v>0.95</v></c><c r="B1" s="2"><v>0.95</v></c><c r="C1" s="2"/><c r="D1" s="1"/></row><row r="2"><c r="A2" s="1"><v>1</v></c></row>"#;
    let wb = read_one_pass("percent", &raw_xlsx_styled("A1:D2", data));
    let got = cells(&wb);
    let pct: Vec<(String, bool)> = got
        .iter()
        .filter_map(|(a, v)| match v {
            CellValue::Number { percent, .. } => Some((a.clone(), *percent)),
            _ => None,
        })
        .collect();
    assert_eq!(
        pct,
        vec![
            ("A1".to_string(), true),
            ("B1".to_string(), false),
            ("A2".to_string(), true)
        ]
    );
    // A merged sheet, a date cell, the 1904 system: the standard template
    // and the samples hold merges; LibreOffice-made fixtures hold dates.
    let tpl = std::fs::read(root().join("templates/mau-tu-danh-gia-2023.xlsx")).expect("template");
    let wb = read_one_pass("template", &tpl);
    assert!(
        wb.sheets.iter().any(|s| !s.merges.is_empty()),
        "merges read"
    );
}

#[test]
fn unusual_shapes_are_left_to_calamine() {
    // A cell type calamine reads in its own way ("d"), an `_xHHHH_` escape,
    // a reversed merged area, an unknown element in a cell.
    for (name, data) in [
        (
            "date-type",
            r#"<row r="1"><c r="A1" t="d"><v>2023-12-31</v></c></row>"#,
        ),
        (
            "escape",
            r#"<row r="1"><c r="A1" t="str"><f>"x"</f><v>a_x000D_b</v></c></row>"#,
        ),
        (
            "unknown",
            r#"<row r="1"><c r="A1"><v>1</v><extLst/></c></row>"#,
        ),
        ("bad-ref", r#"<row r="1"><c r="1A"><v>1</v></c></row>"#),
    ] {
        let bytes = raw_xlsx("A1", data, read_support::NO_STRINGS);
        assert_eq!(agree(name, &bytes), Some(false), "{name}");
        // And the file is still read (by calamine) or refused as before.
        let _ = read::read_bytes(&bytes, "xlsx", &Limits::default());
    }
}

#[test]
fn caps_stop_a_sheet_as_calamine_does() {
    let mut data = String::new();
    for r in 1..=50 {
        data.push_str(&format!(r#"<row r="{r}"><c r="A{r}"><v>{r}</v></c></row>"#));
    }
    let bytes = raw_xlsx("A1:A50", &data, read_support::NO_STRINGS);
    let limits = Limits {
        max_cells_per_sheet: 10,
        max_cells_per_workbook: 100,
    };
    let (fast, slow) = read::xlsx_both_ways(&bytes, &limits).expect("xlsx");
    let fast = fast.expect("answered");
    assert_eq!(Ok(fast.clone()), slow);
    assert!(fast.sheets[0].too_large);
    assert_eq!(fast.sheets[0].cells.len(), 10);
}
