//! Reading the .docx dvht writes with independent readers: python-docx
//! (tests/docx_support/read_docx.py) and LibreOffice (PDF and text).
#![allow(dead_code)]

use serde_json::Value;
use std::path::{Path, PathBuf};
use std::process::Command;

/// Whether python3 with python-docx answers. Missing outside CI: the tests
/// say so and stop; under CI (.ci/run installs it) they fail.
pub fn python_docx() -> bool {
    let ok = Command::new("python3")
        .args(["-c", "import docx"])
        .output()
        .is_ok_and(|o| o.status.success());
    if !ok {
        if std::env::var_os("CI").is_some() {
            panic!("python-docx is missing but CI is set: pip install python-docx");
        }
        eprintln!("NOTICE: python3 with python-docx not found; .docx reading test skipped");
    }
    ok
}

/// What read_docx.py reports about each file.
pub fn read(files: &[PathBuf]) -> Vec<Value> {
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/docx_support/read_docx.py");
    let o = Command::new("python3")
        .arg(script)
        .args(files)
        .output()
        .unwrap();
    assert!(
        o.status.success(),
        "read_docx.py: {}",
        String::from_utf8_lossy(&o.stderr)
    );
    let v: Value = serde_json::from_slice(&o.stdout).unwrap();
    v.as_array().unwrap().clone()
}

/// Every line of a read document (paragraphs and table cells).
pub fn lines(doc: &Value) -> Vec<String> {
    doc["lines"]
        .as_array()
        .unwrap()
        .iter()
        .map(|l| l.as_str().unwrap().to_string())
        .collect()
}

/// The rows of a document's tables, each cell's text.
pub fn table(doc: &Value, k: usize) -> Vec<Vec<String>> {
    doc["tables"][k]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            r.as_array()
                .unwrap()
                .iter()
                .map(|c| c.as_str().unwrap().to_string())
                .collect()
        })
        .collect()
}

/// Checks what every Nghị định 30 paper has: A4 with the decree's margins
/// in every section, Times New Roman everywhere, 14 pt text, page numbers
/// in the header but not on the first page, the Quốc hiệu and Tiêu ngữ,
/// the issuing body in capitals, dates fixed; every data table's heading
/// row repeats on each page it runs onto, the layout tables' (the heading
/// and the foot with "Nơi nhận") do not.
pub fn assert_nd30(doc: &Value, issuer: &str) {
    let file = doc["file"].as_str().unwrap();
    for s in doc["sections"].as_array().unwrap() {
        assert_eq!(s["width_mm"], 210.0, "{file}: {s}");
        assert_eq!(s["height_mm"], 297.0, "{file}: {s}");
        assert_eq!(s["top_mm"], 20.0, "{file}");
        assert_eq!(s["bottom_mm"], 20.0, "{file}");
        assert_eq!(s["left_mm"], 30.0, "{file}");
        assert_eq!(s["right_mm"], 15.0, "{file}");
        assert_eq!(
            s["different_first_page"], true,
            "{file}: no number on page 1"
        );
        assert_eq!(s["header_page_field"], true, "{file}: page numbers");
        assert_eq!(s["first_header_text"], "", "{file}");
    }
    for k in ["ascii", "hAnsi", "eastAsia", "cs"] {
        assert_eq!(doc["default_fonts"][k], "Times New Roman", "{file}: {k}");
    }
    assert_eq!(doc["default_size_pt"], 14.0, "{file}");
    assert_eq!(
        doc["named_fonts"],
        serde_json::json!(["Times New Roman"]),
        "{file}: every font named is Times New Roman"
    );
    let lines = lines(doc);
    let has = |t: &str| lines.iter().any(|l| l == t);
    assert!(
        has("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"),
        "{file}: Quốc hiệu"
    );
    assert!(has("Độc lập - Tự do - Hạnh phúc"), "{file}: Tiêu ngữ");
    let upper = issuer.to_uppercase();
    let joined = lines.join(" ");
    assert!(joined.contains(&upper), "{file}: issuing body {upper}");
    assert!(
        lines.iter().any(|l| l.starts_with("Số:")),
        "{file}: number line"
    );
    let repeats = doc["heading_repeats"].as_array().unwrap();
    for (k, r) in repeats.iter().enumerate() {
        let rows = table(doc, k);
        let layout = k == 0 || rows.iter().flatten().any(|c| c.starts_with("Nơi nhận:"));
        assert_eq!(
            r.as_bool(),
            Some(!layout),
            "{file}: table {k} ({:?}) heading row repeated on each page",
            rows.first()
        );
    }
    assert_eq!(
        doc["zip_dates"],
        serde_json::json!(["1980-01-01 00:00:00"]),
        "{file}: zip entries carry no clock time"
    );
}

/// Converts the files to PDF with LibreOffice in `work`: every one must
/// give a PDF.
pub fn assert_pdfs(soffice: &Path, files: &[PathBuf], work: &Path) {
    let dir = crate::libreoffice_support::to_pdf(soffice, files, work);
    for f in files {
        let p = dir.join(f.with_extension("pdf").file_name().unwrap());
        let bytes = std::fs::read(&p).unwrap_or_else(|e| panic!("{}: {e}", p.display()));
        assert!(bytes.starts_with(b"%PDF"), "{}", p.display());
    }
}

/// The names of the files in a folder (the papers written), sorted.
pub fn file_names(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().to_string())
        .collect();
    names.sort();
    names
}
