//! The blank form and the 26 samples opened in LibreOffice and recalculated
//! show exactly the values dvht cached in their formula cells (rates, group
//! sums, totals, classification, dues amount, balance). To be sure
//! LibreOffice really recalculates, every cached result is first overwritten
//! with a wrong value; what LibreOffice then shows must equal what it shows
//! for the untouched files without recalculating.
//!
//! Needs `soffice`. Without it the test fails when `CI` is set (CI installs
//! LibreOffice) and is skipped with a notice otherwise.

mod libreoffice_support;

use libreoffice_support::{Recalc, sheets_as_csv, soffice};
use std::io::{Read, Write};
use std::path::{Path, PathBuf};

/// A copy of `src` with every cached formula result replaced by 7777.
fn tamper(src: &Path, dst: &Path) -> usize {
    let mut z = zip::ZipArchive::new(std::fs::File::open(src).unwrap()).unwrap();
    let mut w = zip::ZipWriter::new(std::fs::File::create(dst).unwrap());
    let mut changed = 0;
    for i in 0..z.len() {
        let mut f = z.by_index(i).unwrap();
        let name = f.name().unwrap().to_string();
        let mut data = String::new();
        f.read_to_string(&mut data).unwrap();
        if name.starts_with("xl/worksheets/sheet") {
            let mut out = String::new();
            let mut rest = data.as_str();
            while let Some(i) = rest.find("</f><v>") {
                let start = i + "</f><v>".len();
                let end = start + rest[start..].find("</v>").unwrap();
                out.push_str(&rest[..start]);
                out.push_str("7777");
                rest = &rest[end..];
                changed += 1;
            }
            out.push_str(rest);
            // Cached strings and errors become a number too.
            data = out.replace(" t=\"str\"", "").replace(" t=\"e\"", "");
        }
        w.start_file(name, zip::write::SimpleFileOptions::default())
            .unwrap();
        w.write_all(data.as_bytes()).unwrap();
    }
    w.finish().unwrap();
    changed
}

#[test]
fn libreoffice_recalculates_the_values_dvht_cached() {
    let Some(soffice) = soffice() else {
        if std::env::var_os("CI").is_some() {
            panic!("soffice is missing but CI is set: install LibreOffice");
        }
        eprintln!("notice: soffice not found; LibreOffice recalculation test skipped");
        return;
    };
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files: Vec<PathBuf> = std::fs::read_dir(root.join("samples"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "xlsx"))
        .collect();
    files.sort();
    files.push(root.join("templates/mau-tu-danh-gia-2023.xlsx"));
    assert_eq!(files.len(), 27);

    let dir = tempfile::tempdir().unwrap();
    let tampered_dir = dir.path().join("tampered");
    std::fs::create_dir_all(&tampered_dir).unwrap();
    let mut tampered = Vec::new();
    for f in &files {
        let dst = tampered_dir.join(f.file_name().unwrap());
        assert!(tamper(f, &dst) > 0, "{}: no formula found", f.display());
        tampered.push(dst);
    }
    let cached = sheets_as_csv(&soffice, &files, &dir.path().join("cached"), Recalc::Never);
    let recalculated = sheets_as_csv(
        &soffice,
        &tampered,
        &dir.path().join("recalc"),
        Recalc::Always,
    );
    assert_eq!(cached.len(), 27 * 3, "{:?}", cached.keys());
    // The tampered value must not survive anywhere: LibreOffice recalculated.
    for (k, v) in &recalculated {
        assert!(!v.contains("7777"), "{k}: a tampered value survived:\n{v}");
    }
    for (k, v) in &cached {
        assert_eq!(
            Some(v),
            recalculated.get(k),
            "{k}: recalculated values differ from dvht's"
        );
    }
}
