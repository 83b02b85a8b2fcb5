//! Workbooks built by the reading tests themselves: normal ones with
//! rust_xlsxwriter, hostile ones part by part with the zip crate.
#![allow(dead_code)]

#[path = "../corpus_support/mod.rs"]
pub mod corpus_support;

use rust_xlsxwriter::{Format, Formula, Workbook as XlsxWorkbook};
use std::io::{Cursor, Read, Write};
use std::path::PathBuf;
use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, ZipArchive, ZipWriter};

/// A fresh folder for one test's files.
pub fn dir(test: &str) -> PathBuf {
    let d = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join(format!("read-{test}"));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).expect("temp dir");
    d
}

/// Writes bytes to `dir/name` and returns the path.
pub fn file(dir: &std::path::Path, name: &str, bytes: &[u8]) -> PathBuf {
    let p = dir.join(name);
    std::fs::write(&p, bytes).expect("write test file");
    p
}

/// A zip of the given parts, deflated.
pub fn zip_parts(parts: &[(&str, &[u8])]) -> Vec<u8> {
    let mut w = ZipWriter::new(Cursor::new(Vec::new()));
    let opts = SimpleFileOptions::default().compression_method(CompressionMethod::Deflated);
    for (name, data) in parts {
        w.start_file(*name, opts).expect("start_file");
        w.write_all(data).expect("write part");
    }
    w.finish().expect("finish zip").into_inner()
}

/// The parts of a zip, in order.
pub fn unzip(bytes: &[u8]) -> Vec<(String, Vec<u8>)> {
    let mut z = ZipArchive::new(Cursor::new(bytes)).expect("zip");
    (0..z.len())
        .map(|i| {
            let mut f = z.by_index(i).expect("entry");
            let mut data = Vec::new();
            f.read_to_end(&mut data).expect("read entry");
            (f.name().expect("name").to_string(), data)
        })
        .collect()
}

/// A copy of a zip with text replaced inside one part.
pub fn patch(bytes: &[u8], part: &str, from: &str, to: &str) -> Vec<u8> {
    let parts: Vec<(String, Vec<u8>)> = unzip(bytes)
        .into_iter()
        .map(|(name, data)| {
            if name == part {
                let text = String::from_utf8(data).expect("utf-8 part");
                assert!(text.contains(from), "{part} has no {from:?}:\n{text}");
                (name, text.replace(from, to).into_bytes())
            } else {
                (name, data)
            }
        })
        .collect();
    let refs: Vec<(&str, &[u8])> = parts
        .iter()
        .map(|(n, d)| (n.as_str(), d.as_slice()))
        .collect();
    zip_parts(&refs)
}

const CONTENT_TYPES: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/><Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>"#;
const RELS: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>"#;
const WORKBOOK: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Tự đánh giá" sheetId="1" r:id="rId1"/></sheets></workbook>"#;
const WORKBOOK_RELS: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>"#;

/// A one-sheet .xlsx written by hand: `dimension` (e.g. "A1:B2") and the
/// inside of `<sheetData>`, plus the whole sharedStrings part.
pub fn raw_xlsx(dimension: &str, sheet_data: &str, shared_strings: &str) -> Vec<u8> {
    let sheet = format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><dimension ref="{dimension}"/><sheetData>{sheet_data}</sheetData></worksheet>"#
    );
    zip_parts(&[
        ("[Content_Types].xml", CONTENT_TYPES.as_bytes()),
        ("_rels/.rels", RELS.as_bytes()),
        ("xl/workbook.xml", WORKBOOK.as_bytes()),
        ("xl/_rels/workbook.xml.rels", WORKBOOK_RELS.as_bytes()),
        ("xl/worksheets/sheet1.xml", sheet.as_bytes()),
        ("xl/sharedStrings.xml", shared_strings.as_bytes()),
    ])
}

/// [`raw_xlsx`] with a styles part whose cell formats are: 0 General,
/// 1 "0%", 2 General with a border (a styled blank).
pub fn raw_xlsx_styled(dimension: &str, sheet_data: &str) -> Vec<u8> {
    let styles = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><fonts count="1"><font><sz val="11"/><name val="Calibri"/></font></fonts><fills count="1"><fill><patternFill patternType="none"/></fill></fills><borders count="2"><border/><border><left style="thin"/></border></borders><cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs><cellXfs count="3"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/><xf numFmtId="9" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/><xf numFmtId="0" fontId="0" fillId="0" borderId="1" xfId="0" applyBorder="1"/></cellXfs></styleSheet>"#;
    let rels = WORKBOOK_RELS.replace(
        "</Relationships>",
        r#"<Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/></Relationships>"#,
    );
    let parts = unzip(&raw_xlsx(dimension, sheet_data, NO_STRINGS));
    let mut refs: Vec<(&str, &[u8])> = parts
        .iter()
        .map(|(n, d)| {
            if n == "xl/_rels/workbook.xml.rels" {
                (n.as_str(), rels.as_bytes())
            } else {
                (n.as_str(), d.as_slice())
            }
        })
        .collect();
    refs.push(("xl/styles.xml", styles.as_bytes()));
    zip_parts(&refs)
}

/// An empty shared-strings part.
pub const NO_STRINGS: &str = r#"<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="0" uniqueCount="0"></sst>"#;

/// A normal form-like workbook: text, numbers, a percent-formatted cell, a
/// computed formula, a formula written without a value, merged cells, a
/// second sheet.
///
/// Sheet "Tự đánh giá":
/// A1:C1 merged "PHỤ LỤC 2"; A2 "Tiêu chí", B2 "Điểm tự chấm";
/// A3 "1a", B3 9.5; A4 "1b", B4 0.95 shown as 95 %; A5 "Tổng", B5 =B3+B4
/// with cached 10.45; A6 "Chưa tính", B6 =SUM(B3:B4) with no value;
/// A7 TRUE; B7 1200000 (format #,##0); A8:B9 merged "ghi chú".
/// Sheet "Phụ lục 1": A1 "Số thành viên", B1 12.
pub fn normal_workbook() -> Vec<u8> {
    let mut wb = XlsxWorkbook::new();
    let pct = Format::new().set_num_format("0%");
    let money = Format::new().set_num_format("#,##0");
    let ws = wb.add_worksheet();
    ws.set_name("Tự đánh giá").expect("name");
    ws.merge_range(0, 0, 0, 2, "PHỤ LỤC 2", &Format::new())
        .expect("merge");
    ws.write_string(1, 0, "Tiêu chí").expect("w");
    ws.write_string(1, 1, "Điểm tự chấm").expect("w");
    ws.write_string(2, 0, "1a").expect("w");
    ws.write_number(2, 1, 9.5).expect("w");
    ws.write_string(3, 0, "1b").expect("w");
    ws.write_number_with_format(3, 1, 0.95, &pct).expect("w");
    ws.write_string(4, 0, "Tổng").expect("w");
    ws.write_formula(4, 1, Formula::new("=B3+B4").set_result("10.45"))
        .expect("w");
    ws.write_string(5, 0, "Chưa tính").expect("w");
    ws.write_formula(5, 1, Formula::new("=SUM(B3:B4)").set_result("777"))
        .expect("w");
    ws.write_boolean(6, 0, true).expect("w");
    ws.write_number_with_format(6, 1, 1_200_000.0, &money)
        .expect("w");
    ws.merge_range(7, 0, 8, 1, "ghi chú", &Format::new())
        .expect("merge");
    let ws2 = wb.add_worksheet();
    ws2.set_name("Phụ lục 1").expect("name");
    ws2.write_string(0, 0, "Số thành viên").expect("w");
    ws2.write_number(0, 1, 12.0).expect("w");
    let bytes = wb.save_to_buffer().expect("save");
    // rust_xlsxwriter always stores a result; drop B6's to get a formula
    // "written by a program that does not compute".
    patch(
        &bytes,
        "xl/worksheets/sheet1.xml",
        "<f>SUM(B3:B4)</f><v>777</v>",
        "<f>SUM(B3:B4)</f>",
    )
}

/// The corpus of odd workbooks from calamine (tests/corpus/calamine),
/// checked to be all there.
pub fn corpus() -> PathBuf {
    corpus_support::calamine_corpus()
}

/// An .ods with the given `<table:table>` elements.
pub fn ods(tables: &str) -> Vec<u8> {
    let content = format!(
        r#"<?xml version="1.0" encoding="UTF-8"?>
<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2"><office:body><office:spreadsheet>{tables}</office:spreadsheet></office:body></office:document-content>"#
    );
    zip_parts(&[
        ("mimetype", b"application/vnd.oasis.opendocument.spreadsheet"),
        (
            "META-INF/manifest.xml",
            br#"<?xml version="1.0" encoding="UTF-8"?><manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0"><manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/><manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/></manifest:manifest>"#,
        ),
        ("content.xml", content.as_bytes()),
    ])
}
