//! The district workbook's summary printed as an official table: the
//! issuing body and the Quốc hiệu – Tiêu ngữ above it, the place and date,
//! the preparer and the signature under it; the names from the documents'
//! settings. Read back with calamine and as LibreOffice shows it (CSV).

mod consolidate_support;
mod libreoffice_support;

use consolidate_support::{Book, Unit, dvht, write_form};
use std::ffi::OsStr;
use std::path::Path;

fn consolidate(dir: &Path, extra: &[&str]) -> std::path::PathBuf {
    let input = dir.join("ho-so");
    std::fs::create_dir_all(&input).unwrap();
    write_form(&input, "tu-phap.xlsx", &Unit::new("Phòng Tư pháp"), 2023);
    write_form(&input, "noi-vu.xlsx", &Unit::new("Phòng Nội vụ"), 2023);
    let out = dir.join("tong-hop.xlsx");
    let mut args: Vec<&OsStr> = vec![
        OsStr::new("consolidate"),
        input.as_os_str(),
        OsStr::new("-o"),
        out.as_os_str(),
        OsStr::new("--year"),
        OsStr::new("2023"),
    ];
    args.extend(extra.iter().map(OsStr::new));
    let o = dvht(&args);
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    out
}

/// Every non-empty cell of the summary, row by row, as text.
fn rows(book: &Path) -> Vec<Vec<String>> {
    let sum = Book::open(book).values("Tổng hợp");
    (0..60)
        .map(|r| {
            (0..20)
                .map(|c| sum.text(r, c))
                .filter(|t| !t.is_empty())
                .collect()
        })
        .collect()
}

#[test]
fn the_summary_has_the_official_heading_and_sign_off() {
    let dir = tempfile::tempdir().unwrap();
    let book = consolidate(dir.path(), &[]);
    let rows = rows(&book);
    assert_eq!(
        rows[0],
        ["UBND HUYỆN THỦ THỪA", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"]
    );
    assert_eq!(
        rows[1],
        ["PHÒNG GIÁO DỤC VÀ ĐÀO TẠO", "Độc lập - Tự do - Hạnh phúc"]
    );
    assert!(rows[3][0].starts_with("TỔNG HỢP KẾT QUẢ"), "{:?}", rows[3]);
    // The table: a header and two units; then, after a blank row, the
    // sign-off.
    let header = rows
        .iter()
        .position(|r| r.iter().any(|c| c == "STT"))
        .unwrap();
    assert_eq!(rows[header + 3], Vec::<String>::new());
    assert_eq!(
        rows[header + 4],
        ["Thủ Thừa, ngày      tháng      năm 2023"]
    );
    assert_eq!(rows[header + 5], ["NGƯỜI LẬP BIỂU", "TRƯỞNG PHÒNG"]);
    // The units right under the header, ranked (equal totals: by name).
    assert_eq!(rows[header + 1][1], "Phòng Nội vụ");
    assert_eq!(rows[header + 2][1], "Phòng Tư pháp");
}

#[test]
fn a_settings_file_renames_the_heading_and_the_signer() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("xa.toml"),
        "place = \"Mỹ An\"\n[bodies.pgd]\nname = \"Phòng Văn hóa - Xã hội\"\nsuperior = \"UBND xã Mỹ An\"\nsigner = \"Nguyễn Thị Hoa\"\n[workbook]\npreparer = \"Người tổng hợp\"\n",
    )
    .unwrap();
    let settings = dir.path().join("xa.toml");
    let book = consolidate(dir.path(), &["--settings", settings.to_str().unwrap()]);
    let rows = rows(&book);
    assert_eq!(
        rows[0],
        ["UBND XÃ MỸ AN", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"]
    );
    assert_eq!(
        rows[1],
        ["PHÒNG VĂN HÓA - XÃ HỘI", "Độc lập - Tự do - Hạnh phúc"]
    );
    let all: Vec<String> = rows.concat();
    assert!(all.contains(&"Mỹ An, ngày      tháng      năm 2023".to_string()));
    assert!(all.contains(&"NGƯỜI TỔNG HỢP".to_string()));
    assert!(all.contains(&"Nguyễn Thị Hoa".to_string()));
    // A settings file that cannot be used stops the command before it reads.
    std::fs::write(dir.path().join("sai.toml"), "[workbook]\nissuer = \"so\"\n").unwrap();
    let sai = dir.path().join("sai.toml");
    let o = dvht(&[
        OsStr::new("consolidate"),
        dir.path().join("ho-so").as_os_str(),
        OsStr::new("-o"),
        dir.path().join("khac.xlsx").as_os_str(),
        OsStr::new("--settings"),
        sai.as_os_str(),
    ]);
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("issuer = \"so\""));
    assert!(!dir.path().join("khac.xlsx").exists());
}

#[test]
fn libreoffice_shows_the_heading_and_the_sign_off() {
    let Some(soffice) = libreoffice_support::soffice_or_skip("LibreOffice view of the summary")
    else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let book = consolidate(dir.path(), &[]);
    let csv = libreoffice_support::sheets_as_csv(
        &soffice,
        &[book],
        dir.path(),
        libreoffice_support::Recalc::Always,
    );
    let sum = csv
        .iter()
        .find(|(k, _)| k.contains("Tổng hợp"))
        .map(|(_, v)| v)
        .expect("the summary as CSV");
    let first: Vec<&str> = sum.lines().take(2).collect();
    assert!(first[0].starts_with("UBND HUYỆN THỦ THỪA,"), "{}", first[0]);
    assert!(first[0].contains("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"));
    assert!(first[1].contains("Độc lập - Tự do - Hạnh phúc"));
    assert!(sum.contains("NGƯỜI LẬP BIỂU"));
    assert!(sum.contains("TRƯỞNG PHÒNG"));
}
