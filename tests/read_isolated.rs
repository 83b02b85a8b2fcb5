//! The hard wall: files read in a child process of the dvht binary
//! (`dvht __read-cells`) under a memory limit and a timeout, and the whole
//! calamine corpus through the same entry point.

mod read_support;

use dvht::cells::Workbook;
use dvht::read::isolate::{Isolation, read_isolated, set_isolation_with};
use dvht::read::{Limits, ReadError, read_in_process, read_workbook};
use read_support::*;
use std::path::PathBuf;
use std::time::{Duration, Instant};

fn exe() -> PathBuf {
    PathBuf::from(env!("CARGO_BIN_EXE_dvht"))
}

fn isolate() {
    set_isolation_with(Some(Isolation::new(exe())));
}

/// An .ods whose one row, repeated, expands to `rows` × 1024 cells inside
/// calamine's `open` — before anything can be checked.
fn expanding_ods(rows: u32) -> Vec<u8> {
    let content = format!(
        r#"<?xml version="1.0" encoding="UTF-8"?>
<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2"><office:body><office:spreadsheet><table:table table:name="Sheet1"><table:table-row table:number-rows-repeated="{rows}"><table:table-cell table:number-columns-repeated="1024" office:value-type="float" office:value="1"><text:p>1</text:p></table:table-cell></table:table-row></table:table></office:spreadsheet></office:body></office:document-content>"#
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

#[test]
fn child_reads_exactly_what_the_process_reads() {
    isolate();
    let d = dir("iso-same");
    let p = file(&d, "don-vi.xlsx", &normal_workbook());
    let here = read_in_process(&p, &Limits::default()).expect("in process");
    // read_workbook reads an .xlsx in process even under isolation (see
    // tests/read_isolation_policy.rs); the child is asked directly.
    let there = read_isolated(&Isolation::new(exe()), &p, &Limits::default()).expect("isolated");
    assert_eq!(here, there);
    // Errors cross the wall too.
    let p = file(&d, "trang-web.xls", b"<html><table>");
    assert_eq!(read_workbook(&p), read_in_process(&p, &Limits::default()));
    assert!(matches!(
        read_workbook(&p),
        Err(ReadError::NotASpreadsheet(_))
    ));
    // Limits are passed to the child.
    let rows: String = (1..=20)
        .map(|r| format!(r#"<row r="{r}"><c r="A{r}"><v>{r}</v></c></row>"#))
        .collect();
    let p = file(&d, "cap.xlsx", &raw_xlsx("A1:A20", &rows, NO_STRINGS));
    let wb = read_isolated(
        &Isolation::new(exe()),
        &p,
        &Limits {
            max_cells_per_sheet: 5,
            ..Limits::default()
        },
    )
    .expect("reads");
    assert!(wb.sheets[0].too_large);
    assert_eq!(wb.sheets[0].cells.len(), 5);
}

#[test]
fn memory_limit_stops_a_file_that_expands_inside_calamine() {
    let d = dir("iso-memory");
    let small = file(&d, "nho.ods", &expanding_ods(2));
    let big = file(&d, "lon.ods", &expanding_ods(60_000));
    let iso = Isolation {
        exe: exe(),
        memory_limit: 256 * 1024 * 1024,
        timeout: Duration::from_secs(60),
    };
    // A small one reads.
    let wb = read_isolated(&iso, &small, &Limits::default()).expect("small ods reads");
    assert_eq!(wb.sheets[0].cells.len(), 2048);
    // 60,000 × 1024 cells (~2 GB of values) asked of calamine: the child dies, we do not.
    match read_isolated(&iso, &big, &Limits::default()) {
        Err(ReadError::Unreadable(damage)) => {
            let detail = damage.to_string();
            assert!(detail.contains("256 MiB"), "{detail}")
        }
        other => panic!(
            "expected Unreadable, got {:?}",
            other.map(|w| w.sheets.len())
        ),
    }
}

#[test]
fn timeout_kills_the_child() {
    let d = dir("iso-timeout");
    let p = file(&d, "don-vi.xlsx", &normal_workbook());
    let iso = Isolation {
        exe: exe(),
        memory_limit: 1 << 30,
        timeout: Duration::from_millis(1),
    };
    let started = Instant::now();
    match read_isolated(&iso, &p, &Limits::default()) {
        Err(ReadError::Unreadable(damage)) => {
            assert!(damage.to_string().contains("stopped"), "{damage}")
        }
        // A machine fast enough to start and read within 1 ms is fine too.
        Ok(wb) => assert_eq!(wb.sheets.len(), 2),
        Err(e) => panic!("{e:?}"),
    }
    assert!(started.elapsed() < Duration::from_secs(5));
}

/// Files of the corpus whose outcome is not a normal read, and why. Every
/// other file must read. Like POI's list of odd files: a safety check
/// cannot silently disappear.
fn expected_failure(name: &str) -> Option<fn(&ReadError) -> bool> {
    Some(match name {
        // 0 bytes in the corpus checkout.
        "adhocallbabynames1996to2016.xls" => |e| matches!(e, ReadError::NotASpreadsheet(_)),
        // A text message saved as .xls ("Attachment … not found!").
        "too_small.xls" => |e| matches!(e, ReadError::NotASpreadsheet(_)),
        "pass_protected.xlsx" | "pass_protected.xlsb" | "pass_protected.ods" | "issue_385.xls" => {
            |e| *e == ReadError::Encrypted
        }
        // Bad CRC in xl/_rels/workbook.xml.rels.
        "issue252.xlsx" => |e| matches!(e, ReadError::Unreadable(_)),
        // A cell-count denial of service (#594).
        "issue_594_dos.ods" => |e| matches!(e, ReadError::Unreadable(_)),
        // A corrupt OLE sector chain.
        "OOM_alloc3.xls" => |e| matches!(e, ReadError::Unreadable(_)),
        _ => return None,
    })
}

#[test]
fn every_corpus_file_reads_or_fails_cleanly_within_bounds() {
    isolate();
    let dir = corpus();
    let names = corpus_support::calamine_names();
    let mut slowest = (Duration::ZERO, String::new());
    let mut failures = Vec::new();
    let started = Instant::now();
    for name in &names {
        let t = Instant::now();
        let r: Result<Workbook, ReadError> = read_workbook(&dir.join(name));
        let took = t.elapsed();
        if took > slowest.0 {
            slowest = (took, name.clone());
        }
        // Bounded: the wall kills a child at 20 s.
        assert!(took < Duration::from_secs(25), "{name} took {took:?}");
        match (&r, expected_failure(name)) {
            (Ok(wb), None) => {
                for s in &wb.sheets {
                    assert!(s.cells.len() <= dvht::read::MAX_CELLS_PER_SHEET, "{name}");
                    assert!(s.cells.windows(2).all(|w| w[0].addr < w[1].addr), "{name}");
                }
            }
            (Err(e), Some(ok)) if ok(e) => {}
            (r, _) => failures.push(format!("{name}: {:?}", r.as_ref().map(|w| w.sheets.len()))),
        }
    }
    println!(
        "corpus: {} files in {:?}, slowest {} ({:?})",
        names.len(),
        started.elapsed(),
        slowest.1,
        slowest.0
    );
    assert!(
        failures.is_empty(),
        "unexpected outcomes:\n{}",
        failures.join("\n")
    );
}
