//! Shared by the hostile-input tests: a folder of hostile files built from
//! scratch, a minimal good form, and a runner that measures each run of the
//! real binary (wall time and peak memory of that child alone, via `wait4`).
#![allow(dead_code)]

pub mod containers;
#[path = "../corpus_support/mod.rs"]
pub mod corpus_support;
use corpus_support::calamine_file;

use dvht::rubric::Rubric;
use rust_xlsxwriter::Workbook;
use std::ffi::OsStr;
use std::io::{Cursor, Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};
use zip::write::SimpleFileOptions;

/// What a run of the binary did.
#[derive(Debug)]
pub struct Measured {
    /// Exit code, when it exited.
    pub code: Option<i32>,
    /// The signal that ended it, when one did.
    pub signal: Option<i32>,
    pub stdout: Vec<u8>,
    pub stderr: Vec<u8>,
    pub wall: Duration,
    /// Peak resident memory of the child (and the children it reaped), KiB.
    pub max_rss_kib: i64,
    /// Killed by us after `limit`.
    pub timed_out: bool,
}

impl Measured {
    pub fn json(&self) -> serde_json::Value {
        serde_json::from_slice(&self.stdout).unwrap_or_else(|e| {
            panic!(
                "stdout is not JSON ({e}); exit {:?} signal {:?}\nstdout: {}\nstderr: {}",
                self.code,
                self.signal,
                String::from_utf8_lossy(&self.stdout),
                String::from_utf8_lossy(&self.stderr)
            )
        })
    }

    pub fn stderr_text(&self) -> String {
        String::from_utf8_lossy(&self.stderr).into_owned()
    }
}

/// The dvht binary under test. (Cargo names it for tests only: an example
/// that builds the hostile set, `examples/hostile-set.rs`, runs nothing.)
fn dvht_exe() -> &'static str {
    match option_env!("CARGO_BIN_EXE_dvht") {
        Some(exe) => exe,
        None => panic!("run from a test: cargo names the binary"),
    }
}

/// `/usr/bin/time`, which reports the peak memory of the process it runs.
const TIME: &str = "/usr/bin/time";

/// Runs `dvht ARGS…`, killing it after `limit`, and measures it.
///
/// Peak memory: Linux keeps a process's peak RSS across `exec`, so a child
/// of this (large) test process starts with the test's own RSS as its peak.
/// When `/usr/bin/time` exists, dvht runs under it (forked from a small
/// process) and its `%M` is dvht's own peak; otherwise the `wait4` figure
/// is used, which is an upper bound (the test's RSS at spawn or dvht's peak,
/// whichever is larger).
pub fn run_dvht<I, S>(args: I, limit: Duration) -> Measured
where
    I: IntoIterator<Item = S>,
    S: AsRef<OsStr>,
{
    use std::os::unix::process::CommandExt;
    let rss_file = tempfile::NamedTempFile::new().expect("temp file");
    let timed = Path::new(TIME).exists();
    let mut cmd = if timed {
        let mut c = Command::new(TIME);
        c.arg("-f")
            .arg("%M")
            .arg("-o")
            .arg(rss_file.path())
            .arg(dvht_exe());
        c
    } else {
        Command::new(dvht_exe())
    };
    // Reaped below with wait4 (for its rusage), not with Child::wait.
    #[allow(clippy::zombie_processes)]
    let mut child = cmd
        .args(args)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .process_group(0)
        .spawn()
        .expect("spawn dvht");
    let pid = child.id() as libc::pid_t;
    let mut out = child.stdout.take().expect("stdout");
    let mut err = child.stderr.take().expect("stderr");
    let t_out = std::thread::spawn(move || {
        let mut v = Vec::new();
        let _ = out.read_to_end(&mut v);
        v
    });
    let t_err = std::thread::spawn(move || {
        let mut v = Vec::new();
        let _ = err.read_to_end(&mut v);
        v
    });
    let start = Instant::now();
    let mut status: libc::c_int = 0;
    // SAFETY: rusage is plain old data; zeroed is a valid value.
    let mut ru: libc::rusage = unsafe { std::mem::zeroed() };
    let mut timed_out = false;
    loop {
        // SAFETY: pid is our own child, not yet reaped; pointers are valid.
        let r = unsafe { libc::wait4(pid, &mut status, libc::WNOHANG, &mut ru) };
        if r == pid {
            break;
        }
        assert!(r >= 0, "wait4 failed");
        if start.elapsed() > limit {
            timed_out = true;
            // SAFETY: the child leads its own process group; kill it all,
            // then reap our child.
            unsafe {
                libc::kill(-pid, libc::SIGKILL);
                libc::wait4(pid, &mut status, 0, &mut ru);
            }
            break;
        }
        std::thread::sleep(Duration::from_millis(5));
    }
    let wall = start.elapsed();
    let stdout = t_out.join().unwrap_or_default();
    let stderr = t_err.join().unwrap_or_default();
    let (mut code, mut signal) = if libc::WIFEXITED(status) {
        (Some(libc::WEXITSTATUS(status)), None)
    } else if libc::WIFSIGNALED(status) {
        (None, Some(libc::WTERMSIG(status)))
    } else {
        (None, None)
    };
    let mut max_rss_kib = ru.ru_maxrss;
    if timed && !timed_out {
        // time's report: "%M\n", or "Command terminated by signal N\n%M\n"
        // / "Command exited with non-zero status N\n%M\n".
        let report = std::fs::read_to_string(rss_file.path()).unwrap_or_default();
        for line in report.lines() {
            if let Some(n) = line.strip_prefix("Command terminated by signal ") {
                code = None;
                signal = n.trim().parse().ok();
            } else if let Ok(kib) = line.trim().parse::<i64>() {
                max_rss_kib = kib;
            }
        }
    }
    Measured {
        code,
        signal,
        stdout,
        stderr,
        wall,
        max_rss_kib,
        timed_out,
    }
}

/// The codes of the findings of a JSON entry.
pub fn codes(entry: &serde_json::Value) -> Vec<String> {
    entry["findings"]
        .as_array()
        .map(|a| {
            a.iter()
                .filter_map(|f| f["code"].as_str().map(String::from))
                .collect()
        })
        .unwrap_or_default()
}

/// The file name of an entry's "file".
pub fn entry_name(entry: &serde_json::Value) -> String {
    let f = entry["file"].as_str().unwrap_or_default();
    Path::new(f)
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default()
}

/// A minimal good form: the rubric's own criterion texts in a table with
/// the header labels, every leaf given its maximum, a unit name, a year and
/// the number of members.
pub fn good_form() -> Vec<u8> {
    form_with(None, 50.0)
}

/// The good form with every self-score replaced by `score` (when given)
/// and the given number of members.
pub fn form_with(score: Option<f64>, members: f64) -> Vec<u8> {
    let rubric = Rubric::builtin();
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet();
    ws.set_name("Tự đánh giá").expect("name");
    ws.write_string(0, 0, "PHỤ LỤC 2").expect("w");
    ws.write_string(
        1,
        0,
        "KẾT QUẢ TỰ ĐÁNH GIÁ, XẾP LOẠI “ĐƠN VỊ HỌC TẬP” NĂM 2023",
    )
    .expect("w");
    ws.write_string(2, 0, "Đơn vị:").expect("w");
    ws.write_string(2, 1, "Phòng Thử nghiệm").expect("w");
    ws.write_string(3, 0, "Tổng số thành viên:").expect("w");
    ws.write_number(3, 1, members).expect("w");
    let header = ["STT", "Nội dung tiêu chí", "Điểm số tối đa", "Điểm tự chấm"];
    for (c, h) in header.iter().enumerate() {
        ws.write_string(5, c as u16, *h).expect("w");
    }
    let mut row = 6u32;
    for item in &rubric.items {
        if let Some(stt) = &item.stt {
            ws.write_string(row, 0, stt).expect("w");
        }
        ws.write_string(row, 1, &item.text).expect("w");
        let max: f64 = item.max.to_string().parse().expect("max");
        ws.write_number(row, 2, max).expect("w");
        ws.write_number(row, 3, score.unwrap_or(max)).expect("w");
        row += 1;
    }
    ws.write_string(row, 1, "Tổng cộng").expect("w");
    ws.write_number(row, 2, 100).expect("w");
    ws.write_number(row, 3, score.unwrap_or(100.0)).expect("w");
    ws.write_string(row + 1, 1, "Xếp loại").expect("w");
    ws.write_string(row + 1, 3, "Tốt").expect("w");
    wb.save_to_buffer().expect("save")
}

/// A small valid workbook with no form in it, as the base to damage.
pub fn base_workbook() -> Vec<u8> {
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet();
    ws.write_string(0, 0, "Ghi chú").expect("w");
    ws.write_string(1, 0, "Không phải biểu mẫu").expect("w");
    ws.write_number(1, 1, 42).expect("w");
    wb.save_to_buffer().expect("save")
}

/// The entries of a zip, in order.
pub fn unzip(bytes: &[u8]) -> Vec<(String, Vec<u8>)> {
    let mut z = zip::ZipArchive::new(Cursor::new(bytes)).expect("zip");
    let mut out = Vec::new();
    for i in 0..z.len() {
        let mut f = z.by_index(i).expect("entry");
        let mut v = Vec::new();
        f.read_to_end(&mut v).expect("read entry");
        let name = f.name().expect("entry name").to_string();
        out.push((name, v));
    }
    out
}

/// A zip of the given entries, deflated.
pub fn zip_of(entries: &[(String, Vec<u8>)]) -> Vec<u8> {
    let mut w = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let opts = SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated)
        .compression_level(Some(1));
    for (name, data) in entries {
        w.start_file(name.as_str(), opts).expect("start");
        w.write_all(data).expect("write");
    }
    w.finish().expect("finish").into_inner()
}

/// The base workbook with entries changed: `f(name, data)` returns the new
/// data, or `None` to drop the entry.
pub fn damage(base: &[u8], f: impl Fn(&str, Vec<u8>) -> Option<Vec<u8>>) -> Vec<u8> {
    let entries: Vec<(String, Vec<u8>)> = unzip(base)
        .into_iter()
        .filter_map(|(n, d)| f(&n, d).map(|d| (n, d)))
        .collect();
    zip_of(&entries)
}

const SHEET_HEAD: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">"#;

/// A worksheet part with the given inside.
fn sheet_xml(inner: &str) -> Vec<u8> {
    format!("{SHEET_HEAD}{inner}</worksheet>").into_bytes()
}

/// The base workbook with its first sheet replaced.
fn with_sheet(base: &[u8], sheet: Vec<u8>) -> Vec<u8> {
    damage(base, |n, d| {
        Some(if n == "xl/worksheets/sheet1.xml" {
            sheet.clone()
        } else {
            d
        })
    })
}

/// The base workbook with its shared strings replaced.
fn with_sst(base: &[u8], sst: Vec<u8>) -> Vec<u8> {
    damage(base, |n, d| {
        Some(if n == "xl/sharedStrings.xml" {
            sst.clone()
        } else {
            d
        })
    })
}

/// One hostile input, and the finding codes it may give (any one of them).
#[derive(Debug, Clone)]
pub struct Case {
    /// File name inside the folder.
    pub name: String,
    pub expect: Vec<&'static str>,
    /// What it is, for the bounds table.
    pub what: String,
}

fn case(name: impl Into<String>, what: impl Into<String>, expect: &[&'static str]) -> Case {
    Case {
        name: name.into(),
        expect: expect.to_vec(),
        what: what.into(),
    }
}

pub fn write(dir: &Path, name: &str, bytes: &[u8]) -> PathBuf {
    let p = dir.join(name);
    std::fs::write(&p, bytes).expect("write case");
    p
}

/// The name of the good form in the folder.
pub const GOOD: &str = "zz-good.xlsx";

/// Writes every hostile file into `dir` and returns what each should give.
/// The good form is written too (as [`GOOD`], not in the list).
pub fn build_hostile(dir: &Path) -> Vec<Case> {
    let base = base_workbook();
    let mut cases = Vec::new();
    // Codes a readable workbook without a form may give.
    const NO_FORM: &[&str] = &["no-rubric-table"];
    const CORRUPT: &[&str] = &["unreadable", "not-a-spreadsheet"];
    const CORRUPT_OR_NO_FORM: &[&str] = &["unreadable", "no-rubric-table"];

    write(dir, "00-empty.xlsx", b"");
    cases.push(case("00-empty.xlsx", "empty file", &["not-a-spreadsheet"]));

    // Truncated at many offsets: the zip's central directory is at the end,
    // so every cut leaves an unreadable archive.
    let n = base.len();
    let mut offsets = vec![1, 2, 3, 4, 10, 30, 64, 100, 200, 500, 1000];
    offsets.extend([
        n / 4,
        n / 3,
        n / 2,
        2 * n / 3,
        3 * n / 4,
        n - 100,
        n - 22,
        n - 1,
    ]);
    offsets.sort_unstable();
    offsets.dedup();
    for off in offsets {
        let name = format!("01-truncated-{off:05}.xlsx");
        write(dir, &name, &base[..off]);
        cases.push(case(
            name,
            format!("xlsx cut at byte {off} of {n}"),
            CORRUPT,
        ));
    }
    // Truncated workbooks of the other formats, from the corpus.
    for f in ["date.xls", "date.ods", "date.xlsb"] {
        let b = std::fs::read(calamine_file(f)).expect("corpus file");
        for frac in [2usize, 4] {
            let off = b.len() / frac;
            let ext = f.rsplit('.').next().unwrap_or("xls");
            let name = format!("02-truncated-{off:05}.{ext}");
            write(dir, &name, &b[..off]);
            cases.push(case(name, format!("{f} cut at byte {off}"), CORRUPT));
        }
    }

    // A zip with missing or wrong entries.
    let drop = |entry: &'static str| damage(&base, move |n, d| (n != entry).then_some(d));
    write(dir, "03-no-workbook-xml.xlsx", &drop("xl/workbook.xml"));
    cases.push(case(
        "03-no-workbook-xml.xlsx",
        "zip without xl/workbook.xml",
        CORRUPT,
    ));
    write(
        dir,
        "03-no-sheet-xml.xlsx",
        &drop("xl/worksheets/sheet1.xml"),
    );
    cases.push(case(
        "03-no-sheet-xml.xlsx",
        "zip without its sheet part",
        CORRUPT,
    ));
    write(
        dir,
        "03-no-workbook-rels.xlsx",
        &drop("xl/_rels/workbook.xml.rels"),
    );
    cases.push(case(
        "03-no-workbook-rels.xlsx",
        "zip without xl/_rels/workbook.xml.rels",
        CORRUPT,
    ));
    write(
        dir,
        "03-no-content-types.xlsx",
        &drop("[Content_Types].xml"),
    );
    cases.push(case(
        "03-no-content-types.xlsx",
        "zip without [Content_Types].xml",
        &["unreadable", "not-a-spreadsheet", "no-rubric-table"],
    ));
    let garbage: Vec<u8> = (0..4096u32)
        .map(|i| (i.wrapping_mul(2654435761) >> 13) as u8)
        .collect();
    write(dir, "03-garbage-sheet.xlsx", &with_sheet(&base, garbage));
    cases.push(case(
        "03-garbage-sheet.xlsx",
        "sheet part replaced by random bytes",
        CORRUPT,
    ));
    write(
        dir,
        "03-zip-not-ooxml.xlsx",
        &zip_of(&[("readme.txt".into(), b"hello".to_vec())]),
    );
    cases.push(case(
        "03-zip-not-ooxml.xlsx",
        "a zip of a text file",
        CORRUPT,
    ));

    // XML entity expansion ("billion laughs") in the sheet and in the strings.
    let mut dtd = String::from("<!DOCTYPE lolz [<!ENTITY lol \"lol\">");
    let mut prev = "lol".to_string();
    for i in 1..=9 {
        let name = format!("lol{i}");
        dtd.push_str(&format!(
            "<!ENTITY {name} \"{}\">",
            format!("&{prev};").repeat(10)
        ));
        prev = name;
    }
    dtd.push(']');
    dtd.push('>');
    let laughs_sheet = format!(
        "<?xml version=\"1.0\"?>{dtd}<worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><sheetData><row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>&lol9;</t></is></c></row></sheetData></worksheet>"
    );
    write(
        dir,
        "04-entities-sheet.xlsx",
        &with_sheet(&base, laughs_sheet.into_bytes()),
    );
    cases.push(case(
        "04-entities-sheet.xlsx",
        "DOCTYPE with 10^9 entity expansion in the sheet",
        CORRUPT_OR_NO_FORM,
    ));
    let laughs_sst = format!(
        "<?xml version=\"1.0\"?>{dtd}<sst xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" count=\"2\" uniqueCount=\"2\"><si><t>&lol9;</t></si><si><t>x</t></si></sst>"
    );
    write(
        dir,
        "04-entities-sst.xlsx",
        &with_sst(&base, laughs_sst.into_bytes()),
    );
    cases.push(case(
        "04-entities-sst.xlsx",
        "DOCTYPE with 10^9 entity expansion in sharedStrings",
        CORRUPT_OR_NO_FORM,
    ));

    // Shared strings: a lying count, and millions of strings.
    let sst_head = |count: &str| {
        format!(
            "<?xml version=\"1.0\"?><sst xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" count=\"{count}\" uniqueCount=\"{count}\">"
        )
    };
    let lying = format!(
        "{}<si><t>Ghi chú</t></si><si><t>Không phải biểu mẫu</t></si></sst>",
        sst_head("4000000000")
    );
    write(
        dir,
        "05-sst-count-4e9.xlsx",
        &with_sst(&base, lying.into_bytes()),
    );
    cases.push(case(
        "05-sst-count-4e9.xlsx",
        "sharedStrings uniqueCount=4000000000",
        CORRUPT_OR_NO_FORM,
    ));
    let mut many = sst_head("2000000");
    many.push_str("<si><t>Ghi chú</t></si><si><t>Không phải biểu mẫu</t></si>");
    for i in 0..2_000_000u32 {
        many.push_str("<si><t>");
        many.push_str(&(i % 1000).to_string());
        many.push_str("</t></si>");
    }
    many.push_str("</sst>");
    write(
        dir,
        "05-sst-2-million.xlsx",
        &with_sst(&base, many.into_bytes()),
    );
    cases.push(case(
        "05-sst-2-million.xlsx",
        "2,000,000 shared strings (~33 MB of XML)",
        CORRUPT_OR_NO_FORM,
    ));

    // The declared dimension of the whole grid, with cells at both corners
    // (calamine #693: a dense range of 17 billion cells).
    let corners = sheet_xml(
        r#"<dimension ref="A1:XFD1048576"/><sheetData><row r="1"><c r="A1" t="s"><v>0</v></c></row><row r="1048576"><c r="XFD1048576"><v>1</v></c></row></sheetData>"#,
    );
    write(dir, "06-dimension-xfd.xlsx", &with_sheet(&base, corners));
    cases.push(case(
        "06-dimension-xfd.xlsx",
        "dimension A1:XFD1048576, cells at A1 and XFD1048576",
        &["no-rubric-table", "sheet-too-large", "unreadable"],
    ));
    let beyond = sheet_xml(
        r#"<sheetData><row r="1"><c r="A1" t="s"><v>0</v></c></row><row r="1048577"><c r="XFE1048577"><v>1</v></c></row></sheetData>"#,
    );
    write(dir, "06-beyond-grid.xlsx", &with_sheet(&base, beyond));
    cases.push(case(
        "06-beyond-grid.xlsx",
        "a cell at XFE1048577, beyond Excel's grid",
        &["no-rubric-table", "sheet-too-large", "unreadable"],
    ));
    let far = sheet_xml(
        r#"<sheetData><row r="1"><c r="A1" t="s"><v>0</v></c><c r="ZZZZZZZ99999999999"><v>1</v></c></row></sheetData>"#,
    );
    write(dir, "06-absurd-ref.xlsx", &with_sheet(&base, far));
    cases.push(case(
        "06-absurd-ref.xlsx",
        "a cell reference overflowing u32",
        &["no-rubric-table", "sheet-too-large", "unreadable"],
    ));
    // A sheet with far more cells than any form (a million numbers).
    let mut big = String::from("<sheetData>");
    for r in 1..=100_000u32 {
        big.push_str(&format!("<row r=\"{r}\">"));
        for c in ["A", "B", "C", "D", "E", "F", "G", "H", "I", "J"] {
            big.push_str(&format!("<c r=\"{c}{r}\"><v>{r}</v></c>"));
        }
        big.push_str("</row>");
    }
    big.push_str("</sheetData>");
    write(
        dir,
        "06-million-cells.xlsx",
        &with_sheet(&base, sheet_xml(&big)),
    );
    cases.push(case(
        "06-million-cells.xlsx",
        "1,000,000 filled cells",
        &["sheet-too-large", "unreadable"],
    ));

    // 100,000 styles.
    let styles = {
        let mut s = String::from(
            r#"<?xml version="1.0"?><styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><numFmts count="1"><numFmt numFmtId="164" formatCode="0.0%"/></numFmts><fonts count="1"><font><sz val="11"/><name val="Calibri"/></font></fonts><fills count="1"><fill><patternFill patternType="none"/></fill></fills><borders count="1"><border/></borders><cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs><cellXfs count="100000">"#,
        );
        for i in 0..100_000u32 {
            let fmt = if i % 2 == 0 { 0 } else { 164 };
            s.push_str(&format!(
                "<xf numFmtId=\"{fmt}\" fontId=\"0\" fillId=\"0\" borderId=\"0\" xfId=\"0\"/>"
            ));
        }
        s.push_str("</cellXfs></styleSheet>");
        s
    };
    write(
        dir,
        "07-100k-styles.xlsx",
        &damage(&base, |n, d| {
            Some(if n == "xl/styles.xml" {
                styles.clone().into_bytes()
            } else {
                d
            })
        }),
    );
    cases.push(case(
        "07-100k-styles.xlsx",
        "100,000 cell styles",
        CORRUPT_OR_NO_FORM,
    ));

    // A 10 MiB string, shared and inline.
    let long = "a".repeat(10 << 20);
    let long_sst = format!(
        "{}<si><t>{long}</t></si><si><t>Không phải biểu mẫu</t></si></sst>",
        sst_head("2")
    );
    write(
        dir,
        "08-long-string-sst.xlsx",
        &with_sst(&base, long_sst.into_bytes()),
    );
    cases.push(case(
        "08-long-string-sst.xlsx",
        "a 10 MiB shared string",
        CORRUPT_OR_NO_FORM,
    ));
    let long_inline = sheet_xml(&format!(
        r#"<sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>{long}</t></is></c></row></sheetData>"#
    ));
    write(
        dir,
        "08-long-string-inline.xlsx",
        &with_sheet(&base, long_inline),
    );
    cases.push(case(
        "08-long-string-inline.xlsx",
        "a 10 MiB inline string",
        CORRUPT_OR_NO_FORM,
    ));

    // XML nested 100,000 deep, inside a cell and inside sheetData.
    let deep = format!(
        r#"<sheetData><row r="1"><c r="A1" t="inlineStr"><is>{}<t>x</t>{}</is></c></row></sheetData>"#,
        "<r>".repeat(100_000),
        "</r>".repeat(100_000)
    );
    write(
        dir,
        "09-deep-xml-cell.xlsx",
        &with_sheet(&base, sheet_xml(&deep)),
    );
    cases.push(case(
        "09-deep-xml-cell.xlsx",
        "XML nested 100,000 deep in a cell",
        CORRUPT_OR_NO_FORM,
    ));
    let deep2 = format!(
        "<sheetData>{}{}</sheetData>",
        "<x>".repeat(100_000),
        "</x>".repeat(100_000)
    );
    write(
        dir,
        "09-deep-xml-sheet.xlsx",
        &with_sheet(&base, sheet_xml(&deep2)),
    );
    cases.push(case(
        "09-deep-xml-sheet.xlsx",
        "XML nested 100,000 deep in sheetData",
        CORRUPT_OR_NO_FORM,
    ));

    // Password-protected (made with LibreOffice, encrypted by msoffcrypto-tool).
    let enc = std::fs::read(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/hostile/encrypted-matkhau.xlsx"),
    )
    .expect("fixture");
    write(dir, "10-encrypted.xlsx", &enc);
    cases.push(case(
        "10-encrypted.xlsx",
        "password-protected .xlsx (Agile encryption)",
        &["encrypted"],
    ));

    // Inputs the read_and_score fuzzer found: panics and a 1 GiB allocation
    // inside calamine (.xls container, .xlsx cell reference), and one slow
    // under AddressSanitizer. dvht reads them in a child process with a
    // memory and time limit, so each is one finding.
    let found = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/hostile/fuzz-found");
    let mut found_files: Vec<PathBuf> = std::fs::read_dir(&found)
        .expect("fuzz-found fixtures")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .collect();
    found_files.sort();
    for f in found_files {
        let name = format!(
            "16-fuzz-{}",
            f.file_name().unwrap_or_default().to_string_lossy()
        );
        write(dir, &name, &std::fs::read(&f).expect("fixture"));
        cases.push(case(
            name,
            "found by the read_and_score fuzzer",
            &["unreadable", "not-a-spreadsheet", "no-rubric-table"],
        ));
    }

    // Forms whose numbers are absurd: every self-score and the number of
    // members near the largest value a decimal holds, or beyond it.
    for (name, score, members) in [
        ("17-scores-7.9e28.xlsx", 7.9e28, 7.9e28),
        ("17-scores-1e300.xlsx", 1e300, 1e300),
        ("17-scores-negative.xlsx", -7.9e28, -1.0),
    ] {
        write(dir, name, &form_with(Some(score), members));
        cases.push(case(
            name,
            format!("a form with every self-score {score:e}, members {members:e}"),
            &["score-above-max", "score-negative", "not-a-number"],
        ));
    }

    // Other things named like spreadsheets.
    write(
        dir,
        "11-html-table.xls",
        "<html><head><meta charset=\"utf-8\"></head><body><table><tr><td>Đơn vị:</td><td>Phòng A</td></tr><tr><td>Điểm tự chấm</td><td>9,5</td></tr></table></body></html>".as_bytes(),
    );
    cases.push(case(
        "11-html-table.xls",
        "an HTML table saved as .xls",
        &["not-a-spreadsheet"],
    ));
    write(
        dir,
        "11-csv.xlsx",
        "STT,Nội dung tiêu chí,Điểm tự chấm\n1,Các điều kiện,30\n".as_bytes(),
    );
    cases.push(case(
        "11-csv.xlsx",
        "a CSV named .xlsx",
        &["not-a-spreadsheet"],
    ));
    // A folder named .xlsx is walked: what it holds is reported.
    let folder = dir.join("12-folder.xlsx");
    std::fs::create_dir(&folder).expect("mkdir");
    write(&folder, "12-inside-folder.xlsx", b"just text\n");
    cases.push(case(
        "12-inside-folder.xlsx",
        "a text file inside a folder named .xlsx",
        &["not-a-spreadsheet"],
    ));
    // Symbolic links: a loop between two names, and a folder linking to
    // itself (which must not make the walk see every file again).
    #[cfg(unix)]
    {
        use std::os::unix::fs::symlink;
        symlink("13-loop-b.xlsx", dir.join("13-loop-a.xlsx")).expect("symlink");
        symlink("13-loop-a.xlsx", dir.join("13-loop-b.xlsx")).expect("symlink");
        for n in ["13-loop-a.xlsx", "13-loop-b.xlsx"] {
            cases.push(case(n, "a symlink loop", &["skipped"]));
        }
        symlink("does-not-exist.xlsx", dir.join("13-broken-link.xlsx")).expect("symlink");
        cases.push(case(
            "13-broken-link.xlsx",
            "a symlink to nothing",
            &["skipped"],
        ));
        symlink(".", dir.join("13-self-link")).expect("symlink");
        cases.push(case(
            "13-self-link",
            "a symlink to its own folder",
            &["skipped"],
        ));
    }

    // No read permission. Root (as in CI) reads it all the same; the test
    // says which happened.
    let locked = write(dir, "14-no-permission.xlsx", &base);
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o000)).expect("chmod");
    }
    let readable_anyway = std::fs::File::open(&locked).is_ok();
    cases.push(case(
        "14-no-permission.xlsx",
        if readable_anyway {
            "mode 000 (read anyway: running as root)"
        } else {
            "mode 000, not readable"
        },
        if readable_anyway {
            NO_FORM
        } else {
            &["unreadable"]
        },
    ));

    // Not forms at all, by name.
    write(dir, "~$lock.xlsx", b"\x00lock");
    cases.push(case("~$lock.xlsx", "Excel lock file", &["skipped"]));
    write(dir, "15-letter.pdf", b"%PDF-1.4\n");
    cases.push(case("15-letter.pdf", "a PDF", &["skipped"]));

    cases.extend(one_text_in_many_cells(dir, &base));
    write(dir, GOOD, &good_form());
    cases
}

/// Small files whose cells all stand for one long text: a shared string,
/// or a shared formula, that every cell of a column refers to. Each cell
/// read keeps its own copy: 20,000 cells of 32 KiB would be 640 MiB from a
/// file of a few kilobytes, were the text a workbook keeps not capped.
fn one_text_in_many_cells(dir: &Path, base: &[u8]) -> Vec<Case> {
    const CELLS: u32 = 20_000;
    let long = "Không phải biểu mẫu. ".repeat(32 * 1024 / 26);
    let column = |cell: &dyn Fn(u32) -> String| -> Vec<u8> {
        let rows: String = (1..=CELLS)
            .map(|r| format!(r#"<row r="{r}">{}</row>"#, cell(r)))
            .collect();
        sheet_xml(&format!("<sheetData>{rows}</sheetData>"))
    };
    let sst = format!(
        r#"<?xml version="1.0"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="{CELLS}" uniqueCount="1"><si><t>{long}</t></si></sst>"#
    );
    let shared = column(&|r| format!(r#"<c r="A{r}" t="s"><v>0</v></c>"#));
    let with_both = damage(base, |n, d| {
        Some(match n {
            "xl/worksheets/sheet1.xml" => shared.clone(),
            "xl/sharedStrings.xml" => sst.clone().into_bytes(),
            _ => d,
        })
    });
    write(dir, "18-one-string-in-every-cell.xlsx", &with_both);
    // A formula of the same length, CONCATENATE("x","x",…), no values.
    let formula = format!("CONCATENATE({})", vec![r#""x""#; 32 * 1024 / 4].join(","));
    let formulas = column(&|r| match r {
        1 => format!(r#"<c r="A1"><f t="shared" ref="A1:A{CELLS}" si="0">{formula}</f></c>"#),
        r => format!(r#"<c r="A{r}"><f t="shared" si="0"/></c>"#),
    });
    write(
        dir,
        "18-one-formula-in-every-cell.xlsx",
        &with_sheet(base, formulas),
    );
    vec![
        case(
            "18-one-string-in-every-cell.xlsx",
            "20,000 cells of one 32 KiB shared string",
            &["sheet-too-large"],
        ),
        case(
            "18-one-formula-in-every-cell.xlsx",
            "20,000 cells of one 32 KiB shared formula, no values",
            &["sheet-too-large"],
        ),
    ]
}
