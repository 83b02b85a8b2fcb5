//! Writes the hostile set of `tests/hostile.rs` into a folder, for the
//! memory benchmark (`bench/hostile.sh`) and for trying dvht on it by hand.
//!
//! ```text
//! cargo run --release --example hostile-set -- OUTDIR [LARGE_DIR]
//! ```
//!
//! The files are those `tests/hostile_support::build_hostile` writes (empty,
//! truncated, damaged and bomb-like workbooks, the fuzzers' finds, links,
//! a locked file…), so a case added there is measured too. OUTDIR is
//! emptied first. On stdout, one line per case: its file name, a tab, what
//! it is.
//!
//! With LARGE_DIR, also the large ones, into that folder (about 520 MB):
//! the hostile containers of tests/hostile_containers.rs (zip bombs,
//! mailboxes; `hostile_support::containers::CONTAINERS`, so one added there
//! is measured too), and a few workbooks at the reader's size bounds
//! (src/read/mod.rs, notes on memory), too large for the test suite: the
//! largest a guard admits, each on the side of the bound a file would use
//! to take the most memory.

#[path = "../tests/hostile_support/mod.rs"]
mod hostile_support;

use dvht::read::archive::{MAX_ENTRY_BYTES, MAX_KEPT_BYTES};
use dvht::read::{MAX_FILE_BYTES, MAX_IN_PROCESS_BYTES};
use std::path::{Path, PathBuf};

fn main() {
    let mut args = std::env::args_os().skip(1).map(PathBuf::from);
    let Some(dir) = args.next() else {
        eprintln!("usage: hostile-set OUTDIR [LARGE_DIR]");
        std::process::exit(2);
    };
    fresh(&dir);
    for c in hostile_support::build_hostile(&dir) {
        println!("{}\t{}", c.name, c.what);
    }
    if let Some(large) = args.next() {
        fresh(&large);
        for (name, what, bytes) in hostile_support::containers::CONTAINERS {
            std::fs::write(large.join(name), bytes()).expect("write");
            println!("{name}\t{what}");
        }
        for (name, what, bytes) in at_the_bounds() {
            // On the side of the bounds it is meant to be.
            assert!(bytes.len() as u64 <= MAX_FILE_BYTES, "{name}");
            if name.contains("in-process") {
                assert!(bytes.len() as u64 <= MAX_IN_PROCESS_BYTES, "{name}");
            }
            std::fs::write(large.join(name), bytes).expect("write");
            println!("{name}\t{what}");
        }
    }
}

/// `dir`, emptied.
fn fresh(dir: &Path) {
    if dir.exists() {
        // Files of an earlier run may be unreadable (mode 000): make them
        // removable first.
        let _ = std::process::Command::new("chmod")
            .args(["-R", "u+rwX"])
            .arg(dir)
            .status();
        std::fs::remove_dir_all(dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display()));
    }
    std::fs::create_dir_all(dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display()));
}

/// Bytes that do not compress (the guard's ratio rule holds).
struct Noise(u64);

impl Noise {
    fn next(&mut self) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        self.0 >> 16
    }

    fn bytes(&mut self, n: u64) -> Vec<u8> {
        (0..n).map(|_| self.next() as u8).collect()
    }
}

/// A sheet of rows of ten numbers, `bytes` long or a little more.
fn number_sheet(noise: &mut Noise, bytes: u64) -> Vec<u8> {
    let mut out = String::from("<sheetData>");
    let mut r = 0;
    while (out.len() as u64) < bytes {
        r += 1;
        out += &format!("<row r=\"{r}\">");
        for c in ["A", "B", "C", "D", "E", "F", "G", "H", "I", "J"] {
            out += &format!(
                "<c r=\"{c}{r}\"><v>{}</v></c>",
                noise.next() % 1_000_000_000
            );
        }
        out += "</row>";
    }
    out += "</sheetData>";
    sheet(&out)
}

fn sheet(inner: &str) -> Vec<u8> {
    format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">{inner}</worksheet>"#
    )
    .into_bytes()
}

/// Shared strings, distinct and short ("0", "1", … in hex), `bytes` long.
fn many_strings(bytes: u64) -> (Vec<u8>, u64) {
    let mut out =
        String::from(r#"<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">"#);
    let mut n = 0u64;
    while (out.len() as u64) < bytes {
        out += &format!("<si><t>{n:x}</t></si>");
        n += 1;
    }
    out += "</sst>";
    (out.into_bytes(), n)
}

/// A workbook of these sheets, shared strings and pictures.
fn workbook(sheets: &[Vec<u8>], sst: &[u8], pictures: Vec<Vec<u8>>) -> Vec<u8> {
    const MAIN: &str = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
    const REL: &str = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
    const PKG: &str = "http://schemas.openxmlformats.org/package/2006/relationships";
    let n = sheets.len();
    let overrides: String = (1..=n)
        .map(|i| format!(r#"<Override PartName="/xl/worksheets/sheet{i}.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>"#))
        .collect();
    let types = format!(
        r#"<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Default Extension="png" ContentType="image/png"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>{overrides}<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>"#
    );
    let list: String = (1..=n)
        .map(|i| format!(r#"<sheet name="S{i}" sheetId="{i}" r:id="rId{i}"/>"#))
        .collect();
    let rels: String = (1..=n)
        .map(|i| format!(r#"<Relationship Id="rId{i}" Type="{REL}/worksheet" Target="worksheets/sheet{i}.xml"/>"#))
        .collect();
    let mut entries = vec![
        ("[Content_Types].xml".to_string(), types.into_bytes()),
        (
            "_rels/.rels".into(),
            format!(r#"<Relationships xmlns="{PKG}"><Relationship Id="rId1" Type="{REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>"#).into_bytes(),
        ),
        (
            "xl/workbook.xml".into(),
            format!(r#"<workbook xmlns="{MAIN}" xmlns:r="{REL}"><sheets>{list}</sheets></workbook>"#).into_bytes(),
        ),
        (
            "xl/_rels/workbook.xml.rels".into(),
            format!(r#"<Relationships xmlns="{PKG}">{rels}<Relationship Id="rId{}" Type="{REL}/sharedStrings" Target="sharedStrings.xml"/></Relationships>"#, n + 1).into_bytes(),
        ),
        ("xl/sharedStrings.xml".into(), sst.to_vec()),
    ];
    for (i, s) in sheets.iter().enumerate() {
        entries.push((format!("xl/worksheets/sheet{}.xml", i + 1), s.clone()));
    }
    let bytes = hostile_support::zip_of(&entries);
    // Pictures stored, as they often are (they do not compress).
    let mut w = zip::ZipWriter::new_append(std::io::Cursor::new(bytes)).expect("zip");
    let stored =
        zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
    for (i, p) in pictures.iter().enumerate() {
        w.start_file(format!("xl/media/image{}.png", i + 1), stored)
            .expect("start");
        std::io::Write::write_all(&mut w, p).expect("write");
    }
    w.finish().expect("finish").into_inner()
}

/// (file name, what it is, bytes).
fn at_the_bounds() -> Vec<(&'static str, String, Vec<u8>)> {
    let mut noise = Noise(20_231_215);
    let mib = |b: u64| b >> 20;
    let one_string = || many_strings(100).0;
    let tiny = sheet(r#"<sheetData><row r="1"><c r="A1" t="s"><v>0</v></c></row></sheetData>"#);
    let full_sheet = number_sheet(&mut noise, MAX_ENTRY_BYTES - (1 << 20));
    let (strings, n) = many_strings(MAX_ENTRY_BYTES - (1 << 20));
    let (kept_strings, kept_n) = many_strings(MAX_KEPT_BYTES * 3 / 4);
    let refs: String = (0..kept_n.min(100_000))
        .map(|i| {
            format!(
                r#"<row r="{r}"><c r="A{r}" t="s"><v>{i}</v></c></row>"#,
                r = i + 1
            )
        })
        .collect();
    let kept_sheet = sheet(&format!("<sheetData>{refs}</sheetData>"));
    let room = MAX_IN_PROCESS_BYTES - (8 << 20);
    let picture = (MAX_FILE_BYTES - (2 << 20)) / 2;
    vec![
        (
            "19-four-sheets-at-the-part-cap.xlsx",
            format!(
                "four sheets of {} MiB of numbers (the guard's cap per part), {} MiB together",
                mib(full_sheet.len() as u64),
                mib(4 * full_sheet.len() as u64)
            ),
            workbook(
                &[
                    full_sheet.clone(),
                    full_sheet.clone(),
                    full_sheet.clone(),
                    full_sheet,
                ],
                &one_string(),
                vec![],
            ),
        ),
        (
            "19-strings-at-the-part-cap.xlsx",
            format!("{n} shared strings, {} MiB", mib(strings.len() as u64)),
            workbook(std::slice::from_ref(&tiny), &strings, vec![]),
        ),
        (
            "19-in-process-at-its-bounds.xlsx",
            format!(
                "{kept_n} shared strings in {} MiB, a sheet of {} cells referring to them, a {} MiB picture: read in process",
                mib(kept_strings.len() as u64),
                kept_n.min(100_000),
                mib(room)
            ),
            workbook(&[kept_sheet], &kept_strings, vec![noise.bytes(room)]),
        ),
        (
            "19-file-at-the-size-cap.xlsx",
            format!(
                "one cell and two pictures of {} MiB (under the guard's cap per part), a {} MiB file",
                mib(picture),
                mib(2 * picture)
            ),
            workbook(
                &[tiny],
                &one_string(),
                vec![noise.bytes(picture), noise.bytes(picture)],
            ),
        ),
    ]
}
