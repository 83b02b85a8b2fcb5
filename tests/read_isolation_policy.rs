//! Which files go to the child process under isolation: only the formats
//! calamine parses whole before anything can be checked (.xls, .ods,
//! .xlsb). An .xlsx that passes the archive guard is read in process (a
//! child per form cost ten times the read itself; see BENCHMARKS.md).
//!
//! Its own test binary: isolation is process-wide, and the "child" here is
//! a program that always fails, so a file that reaches it is unreadable.

mod read_support;

use dvht::read::isolate::{Isolation, set_isolation_with};
use dvht::read::{ReadError, read_workbook};
use read_support::*;
use std::path::PathBuf;
use std::time::Duration;

#[test]
fn only_formats_parsed_whole_go_to_the_child() {
    set_isolation_with(Some(Isolation {
        exe: PathBuf::from("/bin/false"),
        memory_limit: 1 << 30,
        timeout: Duration::from_secs(20),
    }));
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
