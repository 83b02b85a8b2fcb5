//! Hostile and broken input: every case ends in cells or a `ReadError`,
//! quickly and within memory — never a crash.

mod read_support;

use dvht::cells::CellValue;
use dvht::findings::Lang;
use dvht::read::{Limits, MAX_TEXT_BYTES_PER_WORKBOOK, ReadError, read_bytes, read_workbook};
use read_support::*;
use std::io::{Cursor, Write};
use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, ZipWriter};

fn unreadable_mentions(r: Result<dvht::cells::Workbook, ReadError>, words: &[&str]) {
    match r {
        Err(ReadError::Unreadable(damage)) => {
            // Both languages, as a reader of either sees them.
            let detail = format!(
                "{} / {}",
                damage.describe(Lang::Vi),
                damage.describe(Lang::En)
            );
            for w in words {
                assert!(detail.contains(w), "{detail:?} lacks {w:?}");
            }
        }
        other => panic!("expected Unreadable, got {other:?}"),
    }
}

fn not_a_spreadsheet(r: Result<dvht::cells::Workbook, ReadError>) -> (String, String) {
    match r {
        Err(ReadError::NotASpreadsheet(what)) => (what.describe(Lang::Vi), what.describe(Lang::En)),
        other => panic!("expected NotASpreadsheet, got {other:?}"),
    }
}

#[test]
fn huge_declared_dimension_with_two_cells() {
    // calamine's worksheet_range would size a dense grid of ~550 GB (#693).
    let bytes = raw_xlsx(
        "A1:XFD1048576",
        r#"<row r="1"><c r="A1"><v>1</v></c></row><row r="1048576"><c r="XFD1048576"><v>2</v></c></row>"#,
        NO_STRINGS,
    );
    let d = dir("dimension");
    let wb = read_workbook(&file(&d, "dim.xlsx", &bytes)).expect("reads");
    let s = &wb.sheets[0];
    assert_eq!(s.cells.len(), 2);
    assert_eq!(s.cells[1].addr.to_string(), "XFD1048576");
    assert!(!s.too_large);
}

#[test]
fn cell_beyond_the_grid_stops_the_sheet() {
    for beyond in ["A1048577", "XFE1"] {
        let bytes = raw_xlsx(
            "A1:A2",
            &format!(r#"<row r="1"><c r="A1"><v>1</v></c><c r="{beyond}"><v>2</v></c></row>"#),
            NO_STRINGS,
        );
        let wb = read_bytes(&bytes, "xlsx", &Limits::default()).expect("reads");
        let s = &wb.sheets[0];
        assert!(s.too_large, "{beyond}");
        assert_eq!(s.cells.len(), 1, "{beyond}");
    }
}

#[test]
fn cell_cap_stops_the_sheet() {
    let row: String = (1..=30)
        .map(|r| format!(r#"<row r="{r}"><c r="A{r}"><v>{r}</v></c></row>"#))
        .collect();
    let bytes = raw_xlsx("A1:A30", &row, NO_STRINGS);
    let limits = Limits {
        max_cells_per_sheet: 10,
        ..Limits::default()
    };
    let wb = read_bytes(&bytes, "xlsx", &limits).expect("reads");
    assert!(wb.sheets[0].too_large);
    assert_eq!(wb.sheets[0].cells.len(), 10);
    let wb = read_bytes(&bytes, "xlsx", &Limits::default()).expect("reads");
    assert!(!wb.sheets[0].too_large);
    assert_eq!(wb.sheets[0].cells.len(), 30);
}

#[test]
fn zip_bomb_is_refused() {
    // 8 MiB of one byte deflates to ~8 KiB: a ratio far below 1 %.
    let zeros = vec![b'0'; 8 * 1024 * 1024];
    let sheet = format!(
        r#"<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData/><x a="{}"/></worksheet>"#,
        String::from_utf8_lossy(&zeros)
    );
    let good = raw_xlsx("A1", "", NO_STRINGS);
    let bomb = patch(
        &good,
        "xl/worksheets/sheet1.xml",
        "<sheetData></sheetData>",
        &sheet,
    );
    assert!(bomb.len() < 200 * 1024, "{}", bomb.len());
    let d = dir("bomb");
    unreadable_mentions(
        read_workbook(&file(&d, "bomb.xlsx", &bomb)),
        &["zip bomb", "1 %"],
    );
}

#[test]
fn too_many_entries_are_refused() {
    let mut w = ZipWriter::new(Cursor::new(Vec::new()));
    let opts = SimpleFileOptions::default().compression_method(CompressionMethod::Stored);
    for i in 0..1001 {
        w.start_file(format!("x/{i}.xml"), opts).expect("start");
        w.write_all(b"<a/>").expect("write");
    }
    w.start_file("xl/workbook.xml", opts).expect("start");
    let bytes = w.finish().expect("finish").into_inner();
    unreadable_mentions(read_bytes(&bytes, "xlsx", &Limits::default()), &["1000"]);
}

#[test]
fn duplicate_entry_names_are_refused() {
    let good = zip_parts(&[
        ("xl/workbook.xml", b"<workbook/>"),
        ("xl/dupA.xml", b"<a/>"),
        ("xl/dupB.xml", b"<b/>"),
    ]);
    // Rename the third entry (local header and central directory) to the
    // second's name; names are outside the CRC.
    let mut bytes = good.clone();
    for i in 0..bytes.len().saturating_sub(4) {
        if &bytes[i..i + 4] == b"dupB" {
            bytes[i + 3] = b'A';
        }
    }
    unreadable_mentions(
        read_bytes(&bytes, "xlsx", &Limits::default()),
        &["duplicate"],
    );
}

#[test]
fn huge_shared_strings_count_is_refused() {
    // calamine reserves uniqueCount strings up front (#684): 4e9 × 24 bytes.
    let sst = r#"<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="4000000000" uniqueCount="4000000000"><si><t>a</t></si></sst>"#;
    let bytes = raw_xlsx(
        "A1",
        r#"<row r="1"><c r="A1" t="s"><v>0</v></c></row>"#,
        sst,
    );
    unreadable_mentions(
        read_bytes(&bytes, "xlsx", &Limits::default()),
        &["4000000000"],
    );
    // A truthful count reads.
    let sst = sst.replace("4000000000", "1");
    let bytes = raw_xlsx(
        "A1",
        r#"<row r="1"><c r="A1" t="s"><v>0</v></c></row>"#,
        &sst,
    );
    let wb = read_bytes(&bytes, "xlsx", &Limits::default()).expect("reads");
    assert_eq!(wb.sheets[0].cells[0].value, CellValue::Text("a".into()));
}

#[test]
fn html_csv_text_and_empty_files_are_not_spreadsheets() {
    let d = dir("notsheets");
    let cases: &[(&str, &[u8], &str)] = &[
        (
            "bao-cao.xls",
            b"\xEF\xBB\xBF\r\n  <html xmlns:o=\"urn:schemas-microsoft-com:office:office\"><body><table><tr><td>1</td></tr></table></body></html>",
            "HTML",
        ),
        ("bao-cao.xlsx", b"<!DOCTYPE html>\n<html>", "HTML"),
        ("bang.xls", b"<table><tr><td>95</td></tr></table>", "HTML"),
        (
            "diem.xlsx",
            "STT,Tiêu chí,Điểm\n1,1a,9.5\n".as_bytes(),
            "CSV",
        ),
        ("ghi-chu.xls", b"Attachment not found!", "text"),
        ("rong.xlsx", b"", "0"),
        ("scan.xlsx", b"%PDF-1.4\n...", "PDF"),
    ];
    for (name, bytes, word) in cases {
        let (vi, en) = not_a_spreadsheet(read_workbook(&file(&d, name, bytes)));
        assert!(en.contains(word), "{name}: {en}");
        assert!(!vi.is_empty() && vi != en, "{name}: {vi}");
        if !bytes.is_empty() {
            let ext = name.rsplit('.').next().unwrap_or("");
            assert!(en.contains(&format!(".{ext}")), "{name}: {en}");
            assert!(vi.contains(&format!(".{ext}")), "{name}: {vi}");
        }
    }
    let (vi, _) = not_a_spreadsheet(read_workbook(&file(&d, "x.xls", b"<html>")));
    assert!(
        vi.contains("tệp HTML (trang web) được đặt tên .xls"),
        "{vi}"
    );
    // A folder named like a workbook.
    let folder = d.join("thu-muc.xlsx");
    std::fs::create_dir_all(&folder).expect("mkdir");
    let (_, en) = not_a_spreadsheet(read_workbook(&folder));
    assert!(en.contains("folder"), "{en}");
}

#[test]
fn zips_that_are_not_workbooks() {
    let docx = zip_parts(&[
        ("[Content_Types].xml", b"<Types/>"),
        ("word/document.xml", b"<w:document/>"),
    ]);
    let (_, en) = not_a_spreadsheet(read_bytes(&docx, "xlsx", &Limits::default()));
    assert!(en.contains("Word"), "{en}");
    let odt = zip_parts(&[
        ("mimetype", b"application/vnd.oasis.opendocument.text"),
        ("content.xml", b"<office:document-content/>"),
    ]);
    not_a_spreadsheet(read_bytes(&odt, "ods", &Limits::default()));
    let photos = zip_parts(&[("anh.jpg", b"\xFF\xD8\xFF")]);
    not_a_spreadsheet(read_bytes(&photos, "xlsx", &Limits::default()));
}

#[test]
fn encrypted_ods_manifest() {
    let ods = zip_parts(&[
        ("mimetype", b"application/vnd.oasis.opendocument.spreadsheet"),
        (
            "META-INF/manifest.xml",
            b"<manifest:manifest><manifest:file-entry manifest:full-path=\"content.xml\"><manifest:encryption-data manifest:checksum-type=\"SHA1\"/></manifest:file-entry></manifest:manifest>",
        ),
        ("content.xml", b"\x01\x02garbage"),
    ]);
    assert_eq!(
        read_bytes(&ods, "ods", &Limits::default()),
        Err(ReadError::Encrypted)
    );
}

#[test]
fn truncated_and_garbled_workbooks_are_unreadable() {
    let good = normal_workbook();
    for cut in [10, good.len() / 3, good.len() / 2, good.len() - 30] {
        let r = read_bytes(&good[..cut], "xlsx", &Limits::default());
        assert!(
            matches!(r, Err(ReadError::Unreadable(_))),
            "cut {cut}: {r:?}"
        );
    }
    // Flip bytes in the middle of the archive: a CRC or inflate error.
    let mut bad = good.clone();
    let mid = bad.len() / 2;
    for b in &mut bad[mid..mid + 64] {
        *b ^= 0x5A;
    }
    let r = read_bytes(&bad, "xlsx", &Limits::default());
    assert!(matches!(r, Err(ReadError::Unreadable(_))), "{r:?}");
    // Random binary.
    let noise: Vec<u8> = (0u32..4096)
        .map(|i| (i.wrapping_mul(2_654_435_761) >> 13) as u8)
        .collect();
    let r = read_bytes(&noise, "xls", &Limits::default());
    assert!(r.is_err(), "{r:?}");
}

#[test]
fn broken_sheet_xml_is_unreadable_not_a_panic() {
    let cases = [
        r#"<row r="1"><c r="A1"><v>1</v></c>"#, // cut short
        r#"<row r="1"><c r="A1" t="s"><v>99</v></c></row>"#, // no such string
        r#"<row r="1"><c r="ZZZZZZZZ1"><v>1</v></c></row>"#, // absurd column
        r#"<row r="99999999999"><c><v>1</v></c></row>"#, // absurd row
        r#"<row r="1"><c r="A1"><f t="shared" si="99999999999"/></c></row>"#,
    ];
    for sheet_data in cases {
        let bytes = raw_xlsx("A1", sheet_data, NO_STRINGS);
        match read_bytes(&bytes, "xlsx", &Limits::default()) {
            Ok(wb) => {
                for s in &wb.sheets {
                    assert!(s.cells.len() <= 1, "{sheet_data}");
                }
            }
            Err(ReadError::Unreadable(_)) => {}
            Err(e) => panic!("{sheet_data}: {e:?}"),
        }
    }
}

#[test]
fn workbook_cap_spans_sheets() {
    let bytes = normal_workbook();
    let all = read_bytes(&bytes, "xlsx", &Limits::default()).expect("reads");
    let first = all.sheets[0].cells.len();
    assert_eq!(all.sheets[1].cells.len(), 2);
    let limits = Limits {
        max_cells_per_workbook: first + 1,
        ..Limits::default()
    };
    let wb = read_bytes(&bytes, "xlsx", &limits).expect("reads");
    assert!(!wb.sheets[0].too_large);
    assert_eq!(wb.sheets[0].cells.len(), first);
    assert!(wb.sheets[1].too_large);
    assert_eq!(wb.sheets[1].cells.len(), 1);
}

#[test]
fn unreadable_findings_give_each_language_its_half() {
    let bomb = zip_parts(&[("xl/workbook.xml", &vec![b'a'; 1 << 20])]);
    let e = read_bytes(&bomb, "xlsx", &Limits::default()).expect_err("refused");
    let f = dvht::pipeline::read_error_finding(e);
    assert!(
        f.message(Lang::Vi).contains("bom nén"),
        "{}",
        f.message(Lang::Vi)
    );
    assert!(
        !f.message(Lang::Vi).contains("zip bomb:"),
        "{}",
        f.message(Lang::Vi)
    );
    assert!(
        f.message(Lang::En).contains("possibly a zip bomb"),
        "{}",
        f.message(Lang::En)
    );
    assert!(
        !f.message(Lang::En).contains("tệp nén"),
        "{}",
        f.message(Lang::En)
    );
}

#[test]
fn one_long_string_in_every_cell_is_kept_up_to_the_text_cap() {
    // 1,000 cells of one 32 KiB shared string: 32 MiB of copies from a file
    // of a few kilobytes. Both readers stop the sheet at the workbook's cap.
    let long = "x".repeat(32 * 1024);
    let rows: String = (1..=1000)
        .map(|r| format!(r#"<row r="{r}"><c r="A{r}" t="s"><v>0</v></c></row>"#))
        .collect();
    let sst = format!(
        r#"<?xml version="1.0"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="1000" uniqueCount="1"><si><t>{long}</t></si></sst>"#
    );
    let bytes = raw_xlsx("A1:A1000", &rows, &sst);
    let (fast, slow) = dvht::read::xlsx_both_ways(&bytes, &Limits::default()).expect("an .xlsx");
    for (reader, wb) in [
        ("one pass", fast.expect("read")),
        ("calamine", slow.expect("read")),
    ] {
        let s = &wb.sheets[0];
        assert!(s.too_large, "{reader}");
        assert_eq!(
            s.cells.len(),
            MAX_TEXT_BYTES_PER_WORKBOOK / long.len(),
            "{reader}"
        );
        assert!(
            s.cells
                .iter()
                .all(|c| c.value == CellValue::Text(long.clone()))
        );
    }
}
