//! Reading normal workbooks: values, percent formats, formulas without a
//! value, merged areas; the content decides the reader, not the name.

mod read_support;

use dvht::cells::{Addr, CellValue, Merge, Workbook};
use dvht::read::{ReadError, read_workbook};
use read_support::*;
use rust_decimal::Decimal;
use std::str::FromStr;

fn num(s: &str, percent: bool) -> CellValue {
    CellValue::Number {
        value: Decimal::from_str(s).expect("decimal"),
        percent,
    }
}

fn text(s: &str) -> CellValue {
    CellValue::Text(s.into())
}

/// A1-style address → Addr.
fn at(a1: &str) -> Addr {
    let split = a1.find(|c: char| c.is_ascii_digit()).expect("row");
    let col = a1[..split]
        .bytes()
        .fold(0u32, |n, b| n * 26 + u32::from(b - b'A' + 1))
        - 1;
    let row: u32 = a1[split..].parse().expect("row number");
    Addr::new(row - 1, col)
}

fn cell<'a>(wb: &'a Workbook, sheet: &str, a1: &str) -> Option<&'a CellValue> {
    wb.sheets
        .iter()
        .find(|s| s.name == sheet)
        .and_then(|s| s.get(at(a1)))
}

pub fn check_normal(wb: &Workbook) {
    let names: Vec<&str> = wb.sheets.iter().map(|s| s.name.as_str()).collect();
    assert_eq!(names, ["Tự đánh giá", "Phụ lục 1"]);
    let s = "Tự đánh giá";
    assert_eq!(cell(wb, s, "A1"), Some(&text("PHỤ LỤC 2")));
    assert_eq!(cell(wb, s, "B3"), Some(&num("9.5", false)));
    // 0.95 shown as 95 %: exact, flagged.
    assert_eq!(cell(wb, s, "B4"), Some(&num("0.95", true)));
    // A computed formula gives its cached value.
    assert_eq!(cell(wb, s, "B5"), Some(&num("10.45", false)));
    // A formula nobody computed.
    assert_eq!(
        cell(wb, s, "B6"),
        Some(&CellValue::FormulaNoValue {
            formula: "SUM(B3:B4)".into()
        })
    );
    assert_eq!(cell(wb, s, "A7"), Some(&CellValue::Bool(true)));
    // A thousands format is not a percentage.
    assert_eq!(cell(wb, s, "B7"), Some(&num("1200000", false)));
    // Empty cells are absent (merged areas' other cells included).
    assert_eq!(cell(wb, s, "B1"), None);
    assert_eq!(cell(wb, s, "C3"), None);
    let sheet = &wb.sheets[0];
    assert_eq!(
        sheet.merges,
        vec![
            Merge {
                first: at("A1"),
                last: at("C1")
            },
            Merge {
                first: at("A8"),
                last: at("B9")
            },
        ]
    );
    assert!(!sheet.too_large);
    assert_eq!(cell(wb, "Phụ lục 1", "B1"), Some(&num("12", false)));
    // Sorted, no duplicates.
    assert!(sheet.cells.windows(2).all(|w| w[0].addr < w[1].addr));
}

#[test]
fn normal_xlsx_keeps_values_percent_formulas_and_merges() {
    let d = dir("normal");
    let p = file(&d, "don-vi.xlsx", &normal_workbook());
    check_normal(&read_workbook(&p).expect("reads"));
}

#[test]
fn xlsm_and_wrong_extensions_read_by_content() {
    let d = dir("renamed");
    let bytes = normal_workbook();
    for name in [
        "don-vi.xlsm",
        "don-vi.xls",
        "don-vi.ods",
        "DON-VI.XLSX",
        "no-extension",
    ] {
        let p = file(&d, name, &bytes);
        check_normal(&read_workbook(&p).unwrap_or_else(|e| panic!("{name}: {e:?}")));
    }
    // A real .xls saved under .xlsx reads as the .xls it is.
    let xls = std::fs::read(corpus().join("merge_cells.xls")).expect("corpus file");
    let as_xls = read_workbook(&file(&d, "a.xls", &xls)).expect("xls");
    let as_xlsx = read_workbook(&file(&d, "a.xlsx", &xls)).expect("xls named xlsx");
    assert_eq!(as_xls, as_xlsx);
    assert!(!as_xls.sheets[0].merges.is_empty());
}

#[test]
fn shared_formulas_without_values_are_spelled_out() {
    let d = dir("shared");
    let bytes = raw_xlsx(
        "A1:B3",
        r#"<row r="1"><c r="A1"><f t="shared" ref="A1:A3" si="0">B1*2</f></c><c r="B1"><v>1</v></c></row>
<row r="2"><c r="A2"><f t="shared" si="0"/></c><c r="B2"><v>2</v></c></row>
<row r="3"><c r="A3"><f t="shared" si="0"/><v>6</v></c><c r="B3" t="str"><f>IF(B1&gt;5,"x","")</f><v></v></c></row>"#,
        NO_STRINGS,
    );
    let wb = read_workbook(&file(&d, "f.xlsx", &bytes)).expect("reads");
    let f = |s: &str| CellValue::FormulaNoValue { formula: s.into() };
    assert_eq!(cell(&wb, "Tự đánh giá", "A1"), Some(&f("B1*2")));
    assert_eq!(cell(&wb, "Tự đánh giá", "A2"), Some(&f("B2*2")));
    // A cached value wins.
    assert_eq!(cell(&wb, "Tự đánh giá", "A3"), Some(&num("6", false)));
    // A formula computed to "" is an empty cell, not a missing value.
    assert_eq!(cell(&wb, "Tự đánh giá", "B3"), None);
}

#[test]
fn corpus_formats_agree() {
    // The same small table saved by Excel / LibreOffice in four formats.
    let read = |n: &str| read_workbook(&corpus().join(n)).unwrap_or_else(|e| panic!("{n}: {e:?}"));
    let xlsx = read("any_sheets.xlsx");
    for other in ["any_sheets.xls", "any_sheets.xlsb", "any_sheets.ods"] {
        let o = read(other);
        let names = |w: &Workbook| w.sheets.iter().map(|s| s.name.clone()).collect::<Vec<_>>();
        // (.ods does not say which sheet is a chart sheet: it may list more.)
        assert!(names(&o).starts_with(&names(&xlsx)), "{other}");
    }
    // Dates become ISO text in every format.
    for n in ["date.xlsx", "date.xls", "date.xlsb"] {
        let wb = read(n);
        let dates: Vec<&str> = wb.sheets[0]
            .cells
            .iter()
            .filter_map(|c| match &c.value {
                CellValue::Date(d) => Some(d.as_str()),
                _ => None,
            })
            .collect();
        assert!(
            dates
                .iter()
                .any(|d| d.len() >= 10 && d.as_bytes()[4] == b'-'),
            "{n}: {dates:?}"
        );
    }
    let merges = read("merge_cells.xlsx");
    assert_eq!(merges.sheets[0].merges.len(), 3);
}

#[test]
fn password_protected_files_are_encrypted() {
    for n in [
        "pass_protected.xlsx",
        "pass_protected.xlsb",
        "pass_protected.ods",
    ] {
        assert_eq!(
            read_workbook(&corpus().join(n)),
            Err(ReadError::Encrypted),
            "{n}"
        );
    }
}

#[test]
fn ods_percentages_and_merges() {
    // Row 1 repeated twice (empty), then: A3:B3 merged title; A4 repeated
    // over two columns as 95 %; C4 a plain 0.5; D4 7; E4 a formula with no
    // value; F4 a computed formula.
    let bytes = ods(
        r#"<table:table table:name="Tự đánh giá"><table:table-column table:number-columns-repeated="4"/>
<table:table-row table:number-rows-repeated="2"><table:table-cell table:number-columns-repeated="4"/></table:table-row>
<table:table-row><table:table-cell table:number-columns-spanned="2" table:number-rows-spanned="1" office:value-type="string"><text:p>PHỤ LỤC 2</text:p></table:table-cell><table:covered-table-cell/><table:table-cell/></table:table-row>
<table:table-row><table:table-cell table:number-columns-repeated="2" office:value-type="percentage" office:value="0.95"><text:p>95%</text:p></table:table-cell><table:table-cell office:value-type="float" office:value="0.5"><text:p>0.5</text:p></table:table-cell><table:table-cell office:value-type="float" office:value="7"><text:p>7</text:p></table:table-cell><table:table-cell table:formula="of:=SUM([.A4:.B4])"/><table:table-cell table:formula="of:=[.D4]*2" office:value-type="float" office:value="14"><text:p>14</text:p></table:table-cell></table:table-row>
</table:table><table:table table:name="Hai"><table:table-row><table:table-cell office:value-type="percentage" office:value="0.1"><text:p>10%</text:p></table:table-cell></table:table-row></table:table>"#,
    );
    let d = dir("ods");
    let wb = read_workbook(&file(&d, "don-vi.ods", &bytes)).expect("reads");
    let s = "Tự đánh giá";
    assert_eq!(cell(&wb, s, "A3"), Some(&text("PHỤ LỤC 2")));
    assert_eq!(cell(&wb, s, "A4"), Some(&num("0.95", true)));
    assert_eq!(cell(&wb, s, "B4"), Some(&num("0.95", true)));
    assert_eq!(cell(&wb, s, "C4"), Some(&num("0.5", false)));
    assert_eq!(cell(&wb, s, "D4"), Some(&num("7", false)));
    assert_eq!(
        cell(&wb, s, "E4"),
        Some(&CellValue::FormulaNoValue {
            formula: "SUM([.A4:.B4])".into()
        })
    );
    assert_eq!(cell(&wb, s, "F4"), Some(&num("14", false)));
    assert_eq!(
        wb.sheets[0].merges,
        vec![Merge {
            first: at("A3"),
            last: at("B3")
        }]
    );
    assert_eq!(cell(&wb, "Hai", "A1"), Some(&num("0.1", true)));
}

#[test]
fn xls_percent_flags_from_the_number_formats() {
    // normal_workbook() saved as "Excel 97" by LibreOffice (which computed
    // B6): the same cells, B4 still a percentage.
    let fixture =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/read/percent.xls");
    let xls = read_workbook(&fixture).expect("reads");
    let d = dir("xls-percent");
    let xlsx = read_workbook(&file(&d, "don-vi.xlsx", &normal_workbook())).expect("reads");
    let s = "Tự đánh giá";
    assert_eq!(cell(&xls, s, "B4"), Some(&num("0.95", true)));
    assert_eq!(cell(&xls, s, "B7"), Some(&num("1200000", false)));
    assert_eq!(cell(&xls, s, "B6"), Some(&num("10.45", false)));
    for (a, b) in xls.sheets.iter().zip(&xlsx.sheets) {
        assert_eq!(a.name, b.name);
        assert_eq!(a.merges, b.merges);
        let differ: Vec<String> = a
            .cells
            .iter()
            .zip(&b.cells)
            .filter(|(x, y)| x != y)
            .map(|(x, _)| x.addr.to_string())
            .collect();
        assert!(differ.is_empty() || differ == ["B6"], "{differ:?}");
        assert_eq!(a.cells.len(), b.cells.len());
    }
}

#[test]
fn percent_found_after_many_styled_blanks() {
    // 50 bordered blanks, then 0.5 shown as 50 %, a plain 7, and a percent
    // style on a text cell (no flag: text stays text).
    let blanks: String = (1..=50)
        .map(|r| format!(r#"<row r="{r}"><c r="A{r}" s="2"/></row>"#))
        .collect();
    let rows = format!(
        r#"{blanks}<row r="51"><c r="A51" s="1"><v>0.5</v></c><c r="B51"><v>7</v></c><c r="C51" s="1" t="inlineStr"><is><t>x</t></is></c></row>"#
    );
    let bytes = raw_xlsx_styled("A1:C51", &rows);
    let limits = dvht::read::Limits {
        max_cells_per_sheet: 10,
        ..Default::default()
    };
    let wb = dvht::read::read_bytes(&bytes, "xlsx", &limits).expect("reads");
    let s = "Tự đánh giá";
    assert!(!wb.sheets[0].too_large);
    assert_eq!(cell(&wb, s, "A51"), Some(&num("0.5", true)));
    assert_eq!(cell(&wb, s, "B51"), Some(&num("7", false)));
    assert_eq!(cell(&wb, s, "C51"), Some(&text("x")));
    assert_eq!(cell(&wb, s, "A1"), None);
}
