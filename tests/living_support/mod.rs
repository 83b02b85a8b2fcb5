//! The district workbook as the office lives with it: forms consolidated,
//! teams typing into the workbook with programs other than dvht (Python's
//! openpyxl, which saves formulas without their cached values, and
//! LibreOffice), late forms, a unit withdrawn.
#![allow(dead_code)]

use crate::consolidate_support::{Unit, dvht, write_form};
use serde_json::Value;
use std::ffi::OsStr;
use std::path::{Path, PathBuf};
use std::process::Command;

/// The units of the first run: (file, unit).
pub fn first_units() -> Vec<(&'static str, Unit)> {
    vec![
        ("a-tu-phap.xlsx", Unit::new("Phòng Tư pháp")),
        (
            "b-noi-vu.xlsx",
            Unit {
                no: &["3b"],
                lacking: 1,
                ..Unit::new("Phòng Nội vụ")
            },
        ),
        (
            "c-y-te.xlsx",
            Unit {
                counts: [45, 50, 50, 50],
                ..Unit::new("Phòng Y tế")
            },
        ),
        (
            "d-van-hoa.xlsx",
            Unit {
                shared: 3,
                ..Unit::new("Trung tâm Văn hóa")
            },
        ),
    ]
}

/// The form that arrives late.
pub fn late_unit() -> (&'static str, Unit) {
    (
        "e-my-phu.xlsx",
        Unit {
            no: &["1a"],
            ..Unit::new("Trường THCS Mỹ Phú")
        },
    )
}

/// The forms of the first run in `dir/ho-so`.
pub fn forms(dir: &Path) -> PathBuf {
    let f = dir.join("ho-so");
    std::fs::create_dir_all(&f).unwrap();
    for (file, u) in first_units() {
        write_form(&f, file, &u, 2023);
    }
    f
}

/// `dvht consolidate FORMS -o OUT --year 2023 --json [extra]`.
pub fn consolidate(forms: &Path, out: &Path, extra: &[&str]) -> std::process::Output {
    let mut args: Vec<&OsStr> = vec![
        OsStr::new("consolidate"),
        forms.as_os_str(),
        OsStr::new("-o"),
        out.as_os_str(),
        OsStr::new("--year"),
        OsStr::new("2023"),
        OsStr::new("--json"),
    ];
    args.extend(extra.iter().map(OsStr::new));
    dvht(&args)
}

fn script() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/living_support/edit_book.py")
}

fn python(args: &[&OsStr]) -> String {
    let o = Command::new("python3")
        .arg(script())
        .args(args)
        .output()
        .expect("python3 is needed by this test (with openpyxl: pip install openpyxl)");
    assert!(
        o.status.success(),
        "edit_book.py: {}",
        String::from_utf8_lossy(&o.stderr)
    );
    String::from_utf8(o.stdout).unwrap()
}

/// Where a value was typed: (unit, id, "team"|"note") → (sheet, cell).
pub type Typed = Vec<(String, String, String, String, String)>;

/// Types `edits` (JSON as edit_book.py takes it) into `book` with openpyxl,
/// saving to `out`; where each value went.
pub fn type_into(book: &Path, out: &Path, edits: &Value) -> Typed {
    let file = out.with_extension("edits.json");
    std::fs::write(&file, edits.to_string()).unwrap();
    python(&[book.as_os_str(), out.as_os_str(), file.as_os_str()])
        .lines()
        .map(|l| {
            let v: Value = serde_json::from_str(l).unwrap();
            let s = |k: &str| v[k].as_str().unwrap().to_string();
            (s("unit"), s("id"), s("what"), s("sheet"), s("cell"))
        })
        .collect()
}

/// What a workbook holds, read by openpyxl: per unit, `typed` (id → team,
/// note), `proposed` and `max` (id → value).
pub fn dump(book: &Path) -> Value {
    serde_json::from_str(&python(&[OsStr::new("--dump"), book.as_os_str()])).unwrap()
}

/// Every sheet's rows of a workbook, read by openpyxl (see edit_book.py
/// `--sheets`).
pub fn sheets(book: &Path) -> Value {
    serde_json::from_str(&python(&[OsStr::new("--sheets"), book.as_os_str()])).unwrap()
}

/// [`sheets`] with every formula's cached result in its place.
pub fn values(book: &Path) -> Value {
    serde_json::from_str(&python(&[OsStr::new("--values"), book.as_os_str()])).unwrap()
}

/// `dvht finalize BOOK [TEAMS] -o OUT --json`.
pub fn finalize(book: &Path, teams: &[&Path], out: &Path) -> std::process::Output {
    let mut args: Vec<&OsStr> = vec![OsStr::new("finalize"), book.as_os_str()];
    args.extend(teams.iter().map(|t| t.as_os_str()));
    args.extend([OsStr::new("-o"), out.as_os_str(), OsStr::new("--json")]);
    dvht(&args)
}

/// `soffice`, or None after a notice (a panic under CI).
pub fn soffice() -> Option<PathBuf> {
    let s = crate::libreoffice_support::soffice();
    if s.is_none() {
        if std::env::var_os("CI").is_some() {
            panic!("soffice is missing but CI is set: install LibreOffice");
        }
        eprintln!("NOTICE: soffice not found; the LibreOffice part of this test is skipped");
    }
    s
}

/// `book` opened and saved again as .xlsx by LibreOffice (recalculating
/// on load), in place.
pub fn resave_with_libreoffice(soffice: &Path, book: &Path, work: &Path) {
    let out = work.join("lo-out");
    std::fs::create_dir_all(&out).unwrap();
    let o = Command::new(soffice)
        .arg(crate::libreoffice_support::profile(
            &work.join("lo-profile"),
            crate::libreoffice_support::Recalc::Always,
        ))
        .args([
            "--headless",
            "--convert-to",
            "xlsx:Calc MS Excel 2007 XML",
            "--outdir",
        ])
        .arg(&out)
        .arg(book)
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    std::fs::copy(out.join(book.file_name().unwrap()), book).unwrap();
}
