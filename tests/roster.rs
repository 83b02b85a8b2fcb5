//! Rosters (`consolidate --expected FILE`) as offices keep them: the same
//! 28 units in every encoding and shape of tests/fixtures/rosters/ (written
//! by make_rosters.py with Python's own encoders, and by LibreOffice), each
//! spelled otherwise than the forms of samples/ ("Ủy ban nhân dân xã Mỹ An"
//! for "UBND xã Mỹ An", "Phòng Lao động - TB&XH" for "Phòng Lao động –
//! Thương binh và Xã hội", …). Three units sent nothing; "UBND xã Long
//! Thạnh" sent a form but is not on the roster.

mod consolidate_support;

use consolidate_support::{Book, dvht};
use std::ffi::OsStr;
use std::path::{Path, PathBuf};

const MISSING: [&str; 3] = [
    "UBND xã Mỹ Lạc",
    "Trường THCS Mỹ Lạc",
    "Hội Khuyến học huyện",
];

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn consolidate(roster: &Path, out: &Path) -> std::process::Output {
    dvht(&[
        OsStr::new("consolidate"),
        root().join("samples").as_os_str(),
        OsStr::new("-o"),
        out.as_os_str(),
        OsStr::new("--expected"),
        roster.as_os_str(),
        OsStr::new("--json"),
    ])
}

/// Runs with a roster and checks what every roster of the fixtures gives.
fn check_roster(roster: &Path) {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("tong-hop.xlsx");
    let o = consolidate(roster, &out);
    let err = String::from_utf8_lossy(&o.stderr);
    // Written: 0, whatever the forms held (README's rule).
    assert!(
        matches!(o.status.code(), Some(0)),
        "{}: {err}",
        roster.display()
    );
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(
        v["missing_units"],
        serde_json::json!(MISSING),
        "{}",
        roster.display()
    );
    let not_on: Vec<&str> = v["files"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| {
            e["findings"]
                .as_array()
                .unwrap()
                .iter()
                .any(|f| f["code"] == "not-on-roster")
        })
        .map(|e| e["unit"].as_str().unwrap())
        .collect();
    assert_eq!(not_on, ["UBND xã Long Thạnh"], "{}", roster.display());
    // The workbook shows the roster's spelling of the units it lists.
    let mut book = Book::open(&out);
    let summary = book.values("Tổng hợp");
    for name in [
        "Ủy ban nhân dân xã Mỹ An",
        "Phòng Lao động - TB&XH",
        "TTYT huyện",
        "Trường Trung học cơ sở Thị trấn",
        "UBND xã Long Thạnh",
    ] {
        assert!(
            summary.find(name).is_some(),
            "{name} in {}",
            roster.display()
        );
    }
    assert!(summary.find("UBND xã Mỹ An").is_none());
    let files = book.values("Tệp");
    let (hr, hc) = files.find("Đơn vị chưa nộp").unwrap();
    assert_eq!(files.column(hr + 1, hc), MISSING);
}

#[test]
fn text_rosters_in_every_encoding() {
    for f in [
        "roster-utf8.txt",
        "roster-utf8-bom.txt",
        "roster-utf16le.txt",
        "roster-utf16be.txt",
        "roster-cp1258.txt",
    ] {
        check_roster(&root().join("tests/fixtures/rosters").join(f));
    }
}

#[test]
fn csv_rosters_with_semicolons_or_commas() {
    for f in ["roster-semicolon.csv", "roster-comma.csv"] {
        check_roster(&root().join("tests/fixtures/rosters").join(f));
    }
}

#[test]
fn sheet_rosters_with_a_title_stt_and_blank_rows() {
    // .ods and .xls written by LibreOffice.
    for f in ["roster-sheet.ods", "roster-sheet.xls"] {
        check_roster(&root().join("tests/fixtures/rosters").join(f));
    }
    // .xlsx: a merged title row, a blank row, a header row with STT, the
    // names in the second column with blank rows between, a total.
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("don-vi.xlsx");
    let text =
        std::fs::read_to_string(root().join("tests/fixtures/rosters/roster-utf8-bom.txt")).unwrap();
    let names: Vec<&str> = text.trim_start_matches('\u{feff}').lines().collect();
    assert_eq!(names.len(), 28);
    let mut wb = rust_xlsxwriter::Workbook::new();
    let ws = wb.add_worksheet();
    let bold = rust_xlsxwriter::Format::new().set_bold();
    ws.merge_range(0, 0, 0, 2, "DANH SÁCH ĐƠN VỊ NĂM 2023", &bold)
        .unwrap();
    ws.write(2, 0, "STT").unwrap();
    ws.write(2, 1, "Tên đơn vị").unwrap();
    ws.write(2, 2, "Ghi chú").unwrap();
    let mut row = 3;
    for (i, n) in names.iter().enumerate() {
        ws.write(row, 0, (i + 1) as f64).unwrap();
        ws.write(row, 1, *n).unwrap();
        row += if i % 5 == 4 { 2 } else { 1 };
    }
    ws.write(row, 1, "Tổng cộng: 28 đơn vị").unwrap();
    wb.save(&path).unwrap();
    check_roster(&path);
}

#[test]
fn an_empty_or_unreadable_roster_stops_the_run() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("tong-hop.xlsx");
    let broken = dir.path().join("don-vi.xlsx");
    std::fs::write(&broken, b"PK\x03\x04 not a workbook").unwrap();
    let blank = dir.path().join("trong.csv");
    std::fs::write(&blank, "STT;Tên đơn vị\n;\n").unwrap();
    for roster in [
        root().join("tests/fixtures/rosters/roster-empty.txt"),
        broken,
        blank,
    ] {
        let o = consolidate(&roster, &out);
        let err = String::from_utf8_lossy(&o.stderr);
        assert_eq!(o.status.code(), Some(2), "{}: {err}", roster.display());
        assert!(err.contains("danh sách đơn vị"), "{err}");
        assert!(!out.exists(), "nothing written for {}", roster.display());
    }
}
