//! What each fuzz target does with one input, shared by the fuzz targets
//! (`fuzz_targets/*.rs`) and by the corpus replay test that runs in CI
//! (`tests/fuzz_corpus_replay.rs`), so the replay exercises exactly what
//! the fuzzer did. A panic here is a finding.
#![allow(dead_code)] // each user takes only some of these

use dvht::cells::CellValue;
use dvht::pipeline::{self, RunOptions};
use dvht::rubric::Rubric;
use dvht::value::{self, Kind};
use rust_decimal::Decimal;
use std::path::Path;
use std::sync::OnceLock;

/// Every kind of number a form cell may be read as.
pub const KINDS: [Kind; 5] = [
    Kind::Score,
    Kind::Count,
    Kind::Money,
    Kind::Percent,
    Kind::Plain,
];

/// The extensions a file is tried under.
pub const EXTENSIONS: [&str; 5] = ["xlsx", "xlsm", "xls", "xlsb", "ods"];

fn u32_at(d: &[u8], i: usize) -> u32 {
    let mut b = [0u8; 4];
    for (k, slot) in b.iter_mut().enumerate() {
        *slot = d.get(i + k).copied().unwrap_or(0);
    }
    u32::from_le_bytes(b)
}

/// The bytes as text, and as every kind of cell, through every parser.
pub fn value_parse(data: &[u8]) {
    let text = String::from_utf8_lossy(data).into_owned();
    let _ = dvht::text::fold(&text);
    let _ = dvht::text::fold_ascii(&text);
    let _ = dvht::text::contains_label(&text, "Điểm tự chấm");
    let _ = dvht::text::starts_with_label(&text, "Tổng");

    let mut cells = vec![
        CellValue::Text(text.clone()),
        CellValue::Error(text.clone()),
        CellValue::Date(text.clone()),
        CellValue::FormulaNoValue {
            formula: text.clone(),
        },
        CellValue::Bool(data.first().is_some_and(|b| b & 1 == 1)),
    ];
    // Any decimal a reader could hand over: 96-bit mantissa, sign, scale 0–28.
    let flags = data.get(12).copied().unwrap_or(0);
    let value = Decimal::from_parts(
        u32_at(data, 0),
        u32_at(data, 4),
        u32_at(data, 8),
        flags & 1 == 1,
        u32::from(data.get(13).copied().unwrap_or(0)) % 29,
    );
    for percent in [false, true] {
        cells.push(CellValue::Number { value, percent });
    }
    for cell in &cells {
        let _ = cell.display();
        for kind in KINDS {
            let _ = value::parse(cell, kind);
        }
        let _ = value::parse_yes_no(cell);
    }
    // A number read from typed text reads back as the same plain number.
    for kind in KINDS {
        if let Ok(Some(d)) = value::parse_text(&text, kind) {
            assert_eq!(
                value::parse_text(&d.to_string(), Kind::Plain),
                Ok(Some(d)),
                "{text:?} as {kind:?} gave {d}, which does not read back"
            );
        }
    }
}

fn rubric() -> &'static Rubric {
    static R: OnceLock<Rubric> = OnceLock::new();
    R.get_or_init(Rubric::builtin)
}

/// The bytes as a file under each spreadsheet extension, read, scored and
/// checked in-process, and turned into the JSON the commands print.
pub fn read_and_score(dir: &Path, data: &[u8]) {
    for ext in EXTENSIONS {
        let path = dir.join(format!("input.{ext}"));
        if std::fs::write(&path, data).is_err() {
            continue;
        }
        let r = pipeline::evaluate_file(rubric(), &path, &RunOptions::default());
        // Every file is accounted for: a form, or a finding saying why not.
        assert!(
            !r.units.is_empty() || !r.findings.is_empty(),
            "input.{ext}: neither a form nor a finding"
        );
        let _ = r.status();
        let _ = dvht::output::file_entries(&r, dvht::findings::Lang::Vi);
        for u in &r.units {
            let _ = dvht::output::score_json("input", u, true, dvht::findings::Lang::En);
            let _ = dvht::output::score_table(rubric(), u, dvht::findings::Lang::Vi);
        }
    }
}

/// The parts of a one-sheet workbook around a fuzzed sheet:
/// `[Content_Types].xml`, `_rels/.rels`, `xl/workbook.xml`.
const CONTENT_TYPES: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/><Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/><Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/></Types>"#;
const RELS: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>"#;
const WORKBOOK: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Tự đánh giá" sheetId="1" r:id="rId1"/></sheets></workbook>"#;

/// A one-sheet .xlsx around fuzzed XML: `data` is the sheet's XML, then
/// optionally a NUL byte and the shared strings' XML, then optionally a NUL
/// byte and the styles' XML (a part not given is left out, and so is its
/// relationship).
pub fn xlsx_around(data: &[u8]) -> Vec<u8> {
    use std::io::Write as _;
    let mut segments = data.splitn(3, |&b| b == 0);
    let sheet = segments.next().unwrap_or_default();
    let strings = segments.next();
    let styles = segments.next();
    let mut rels = String::from(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>"#,
    );
    let mut parts: Vec<(&str, &[u8])> = vec![
        ("[Content_Types].xml", CONTENT_TYPES.as_bytes()),
        ("_rels/.rels", RELS.as_bytes()),
        ("xl/workbook.xml", WORKBOOK.as_bytes()),
        ("xl/worksheets/sheet1.xml", sheet),
    ];
    if let Some(s) = strings {
        rels.push_str(r#"<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/>"#);
        parts.push(("xl/sharedStrings.xml", s));
    }
    if let Some(s) = styles {
        rels.push_str(r#"<Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>"#);
        parts.push(("xl/styles.xml", s));
    }
    rels.push_str("</Relationships>");
    parts.push(("xl/_rels/workbook.xml.rels", rels.as_bytes()));
    let mut w = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let opts = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    for (name, bytes) in parts {
        w.start_file(name, opts).expect("start a zip entry");
        w.write_all(bytes).expect("write a zip entry");
    }
    w.finish().expect("finish the zip").into_inner()
}

/// The differential target: fuzzed sheet XML (and shared strings, styles:
/// [`xlsx_around`]) read by the one-pass reader and by calamine. Whenever
/// the one-pass reader answers, calamine reads the file too and gives the
/// same cells, percent flags, formulas and merged areas (where it does not
/// answer, dvht reads the file with calamine: nothing to compare). Says
/// whether the two were compared.
pub fn xlsx_vs_calamine(data: &[u8]) -> bool {
    let bytes = xlsx_around(data);
    let limits = dvht::read::Limits::default();
    let Some((Some(fast), slow)) = dvht::read::xlsx_both_ways(&bytes, &limits) else {
        return false;
    };
    match slow {
        Ok(slow) => assert_eq!(fast, slow, "the one-pass reader and calamine differ"),
        Err(e) => panic!("the one-pass reader read it, calamine says {e:?}"),
    }
    true
}
