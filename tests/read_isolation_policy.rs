//! Which files go to the child process under isolation: the formats
//! calamine parses whole before anything can be checked (.xls, .ods,
//! .xlsb), and a large .xlsx (the memory budget of src/read/mod.rs). An
//! .xlsx of a form's size that passes the archive guard is read in process
//! (a child per form cost ten times the read itself; see BENCHMARKS.md).
//!
//! Its own test binary: isolation is process-wide, and the "child" here is
//! a program that always fails, so a file that reaches it is unreadable.

mod read_support;

use dvht::read::archive::MAX_KEPT_BYTES;
use dvht::read::isolate::{Isolation, set_isolation_with};
use dvht::read::{MAX_IN_PROCESS_BYTES, ReadError, read_workbook};
use read_support::*;
use std::path::PathBuf;
use std::time::Duration;

/// The child of these tests: a program that always fails.
fn failing_child() {
    set_isolation_with(Some(Isolation {
        exe: PathBuf::from("/bin/false"),
        memory_limit: 1 << 30,
        timeout: Duration::from_secs(20),
    }));
}

/// `n` bytes that do not compress (deflate's ratio rule holds).
fn noise(n: usize) -> Vec<u8> {
    let mut x: u64 = 7;
    (0..n)
        .map(|_| {
            x = x.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1);
            (x >> 56) as u8
        })
        .collect()
}

#[test]
fn only_formats_parsed_whole_go_to_the_child() {
    failing_child();
    let d = dir("iso-policy");
    let xlsx = file(&d, "don-vi.xlsx", &normal_workbook());
    let wb = read_workbook(&xlsx).expect("an .xlsx is read in process");
    assert_eq!(wb.sheets.len(), 2);
    // The same file named .xls: the content decides, still in process.
    let renamed = file(&d, "don-vi.xls", &normal_workbook());
    assert_eq!(read_workbook(&renamed), Ok(wb));
    // An .ods goes to the child, which fails here.
    let ods = file(
        &d,
        "don-vi.ods",
        &ods(
            r#"<table:table table:name="Sheet1"><table:table-row><table:table-cell office:value-type="float" office:value="1"><text:p>1</text:p></table:table-cell></table:table-row></table:table>"#,
        ),
    );
    assert!(
        matches!(read_workbook(&ods), Err(ReadError::Unreadable(_))),
        "{:?}",
        read_workbook(&ods)
    );
    // What the guard refuses never reaches a reader: the same answer here.
    let html = file(
        &d,
        "bang.xlsx",
        b"<html><table><tr><td>1</td></tr></table></html>",
    );
    assert!(matches!(
        read_workbook(&html),
        Err(ReadError::NotASpreadsheet(_))
    ));
}

#[test]
fn a_large_xlsx_goes_to_the_child() {
    failing_child();
    let d = dir("iso-policy-large");
    let went_to_child =
        |p: &std::path::Path| matches!(read_workbook(p), Err(ReadError::Unreadable { .. }));
    // Over the size read in process: the form and a large picture.
    let mut parts = unzip(&normal_workbook());
    parts.push((
        "xl/media/image1.png".into(),
        noise(MAX_IN_PROCESS_BYTES as usize),
    ));
    let refs: Vec<(&str, &[u8])> = parts.iter().map(|(n, b)| (n.as_str(), &b[..])).collect();
    let big = file(&d, "anh-lon.xlsx", &zip_parts(&refs));
    assert!(went_to_child(&big), "{:?}", read_workbook(&big));
    // Small, but XML parts over what the guard keeps: numbers too varied
    // to compress below the ratio rule.
    let numbers = noise(MAX_KEPT_BYTES as usize / 10);
    let rows: String = numbers
        .chunks_exact(4)
        .enumerate()
        .map(|(i, c)| {
            let v = u32::from_le_bytes([c[0], c[1], c[2], c[3]]);
            format!(
                r#"<row r="{r}"><c r="A{r}"><v>{v}</v></c></row>"#,
                r = i + 1
            )
        })
        .collect();
    assert!(rows.len() as u64 > MAX_KEPT_BYTES);
    let bytes = raw_xlsx("A1", &rows, NO_STRINGS);
    assert!((bytes.len() as u64) < MAX_IN_PROCESS_BYTES);
    let xml = file(&d, "nhieu-o.xlsx", &bytes);
    assert!(went_to_child(&xml), "{:?}", read_workbook(&xml));
}
