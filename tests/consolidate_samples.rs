//! The 26 committed samples (samples/, one per unit of the seed plan)
//! consolidate into the expected ranking.
//!
//! EXPECTED is the table of tests/samples.rs, computed outside dvht by
//! tests/expected_samples.py from the files' cells: per sample, the final
//! scores of the 17 scored criteria (1a 1b 1c 2a 2b 2c 2d 3a1…3a8 3b 3c),
//! the total and its band.

mod consolidate_support;

use consolidate_support::{Book, dvht};
use dvht::text::fold_ascii;
use std::ffi::OsStr;
use std::path::Path;

#[rustfmt::skip]
const EXPECTED: [(&str, &str, &str, &str); 26] = [
    ("01-van-phong-hdnd-ubnd", "10 10 10 10 5 10 5 3 3 3 3 3 3 3 4 10 5", "100", "Tốt"),
    ("02-phong-noi-vu", "10 10 10 10 5 10 5 3 3 3 3 3 3 3 4 10 5", "100", "Tốt"),
    ("03-phong-tu-phap", "10 10 10 10 5 10 4.5 3 3 3 3 3 3 3 4 10 4", "98.5", "Tốt"),
    ("04-phong-tai-chinh-ke-hoach", "10 10 10 10 5 9.5 4.5 3 3 3 3 3 3 3 4 10 5", "99", "Tốt"),
    ("05-phong-giao-duc-dao-tao", "10 10 10 10 5 10 5 3 3 3 3 3 3 3 4 10 5", "100", "Tốt"),
    ("06-phong-van-hoa-thong-tin", "10 10 8 10 5 9 4.5 3 3 3 3 3 3 3 4 10 3", "94.5", "Tốt"),
    ("07-phong-lao-dong-tbxh", "10 10 10 10 5 10 4.5 3 3 3 3 3 3 3 4 10 4", "98.5", "Tốt"),
    ("08-phong-tai-nguyen-moi-truong", "10 10 10 9.5 5 10 4.5 3 3 3 3 0 3 3 4 10 3", "94", "Tốt"),
    ("09-phong-kinh-te-ha-tang", "10 10 10 10 5 10 4.5 3 3 3 3 3 3 3 4 10 5", "99.5", "Tốt"),
    ("10-phong-nong-nghiep", "10 10 8 10 5 9.5 4.5 3 3 3 3 3 3 3 4 10 2", "94", "Tốt"),
    ("11-phong-y-te", "10 10 10 10 5 10 5 3 3 3 3 3 3 3 4 10 2", "97", "Tốt"),
    ("12-thanh-tra-huyen", "10 10 10 10 5 10 4.5 3 3 3 3 3 3 3 4 10 3", "97.5", "Tốt"),
    ("13-trung-tam-y-te", "10 10 8 9.5 5 9.5 4 3 3 3 3 3 3 3 4 10 5", "96", "Tốt"),
    ("14-trung-tam-van-hoa-the-thao", "10 10 10 10 5 10 4.5 3 3 3 3 3 3 3 4 10 4", "98.5", "Tốt"),
    ("15-trung-tam-gdnn-gdtx", "10 10 10 10 5 10 4.5 3 3 3 3 3 3 3 4 10 5", "99.5", "Tốt"),
    ("16-ban-quan-ly-du-an", "10 0 6 9 5 9.5 4 3 3 3 3 3 3 3 4 10 1", "79.5", "Khá"),
    ("17-thcs-thi-tran", "10 10 10 10 5 10 5 3 3 3 3 3 3 3 4 10 5", "100", "Tốt"),
    ("18-thcs-my-phu", "10 10 10 10 5 10 4.5 3 3 3 3 3 3 3 4 10 5", "99.5", "Tốt"),
    ("19-tieu-hoc-nhi-thanh", "10 10 10 10 5 10 4.5 3 3 3 3 3 3 3 4 10 4", "98.5", "Tốt"),
    ("20-mam-non-hoa-sen", "10 10 10 10 5 10 5 3 3 3 3 3 3 3 4 10 3", "98", "Tốt"),
    ("21-ubnd-thi-tran", "10 10 8 9.5 5 10 4.5 3 3 3 3 3 3 3 4 10 3", "95", "Tốt"),
    ("22-ubnd-xa-my-an", "10 10 6 9 5 9.5 4 3 3 3 3 3 0 3 4 10 2", "87.5", "Tốt"),
    ("23-ubnd-xa-binh-thanh", "10 10 6 9 5 9 4 3 3 3 3 3 3 3 4 0 1", "79", "Khá"),
    ("24-ubnd-xa-long-thanh", "10 10 4 8 5 8.5 3.5 3 3 3 3 0 0 3 4 0 0", "68", "Trung bình"),
    ("25-tieu-hoc-tan-thanh", "10 10 10 10 5 10 4.5 3 3 3 3 3 3 3 4 10 4", "98.5", "Tốt"),
    ("26-mat-tran-to-quoc", "10 10 10 10 5 10 5 3 3 3 3 3 3 3 4 10 2", "97", "Tốt"),
];

#[test]
fn the_26_samples_consolidate_into_the_expected_ranking() {
    let samples = Path::new(env!("CARGO_MANIFEST_DIR")).join("samples");
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("tong-hop-2023.xlsx");
    let args: Vec<&OsStr> = vec![
        OsStr::new("consolidate"),
        samples.as_os_str(),
        OsStr::new("-o"),
        out.as_os_str(),
        OsStr::new("--year"),
        OsStr::new("2023"),
        OsStr::new("--district"),
        OsStr::new("Thủ Thừa"),
    ];
    let o = dvht(&args);
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    let mut book = Book::open(&out);
    assert_eq!(book.sheets().len(), 26 + 4, "{:?}", book.sheets());
    let sum = book.values("Tổng hợp");
    let (hr, _) = sum.find("Hạng").unwrap();
    let col = |h: &str| (0..30).find(|c| sum.text(hr, *c).starts_with(h)).unwrap();
    let (c_file, c_crit, c_tot, c_class) = (
        col("Tệp"),
        col("Tiêu chí 1"),
        col("Tổng điểm"),
        col("Xếp loại"),
    );
    let c_rank = (c_class + 1..30)
        .find(|c| sum.text(hr, *c) == "Hạng")
        .unwrap();
    let mut seen = Vec::new();
    let mut prev: Option<(f64, String)> = None;
    for k in 0..26u32 {
        let r = hr + 1 + k;
        assert_eq!(sum.num(r, 0), Some(f64::from(k + 1)));
        let file = sum.text(r, c_file);
        let stem = file.trim_end_matches(".xlsx");
        let (_, scores, total, class) = EXPECTED
            .iter()
            .find(|e| e.0 == stem)
            .unwrap_or_else(|| panic!("row {k}: unexpected file {file}"));
        let s: Vec<f64> = scores.split(' ').map(|x| x.parse().unwrap()).collect();
        let subs = [
            s[..3].iter().sum::<f64>(),
            s[3..7].iter().sum(),
            s[7..].iter().sum(),
        ];
        let total: f64 = total.parse().unwrap();
        for (j, want) in subs.iter().enumerate() {
            assert_eq!(
                sum.num(r, c_crit + j as u32),
                Some(*want),
                "{stem} criterion {}",
                j + 1
            );
        }
        assert_eq!(sum.num(r, c_tot), Some(total), "{stem}");
        assert_eq!(sum.text(r, c_class), *class, "{stem}");
        let above = EXPECTED
            .iter()
            .filter(|e| e.2.parse::<f64>().unwrap() > total)
            .count();
        assert_eq!(sum.num(r, c_rank), Some((above + 1) as f64), "{stem}");
        // Ranked by total, highest first; equal totals in name order.
        let name = fold_ascii(&sum.text(r, 1));
        if let Some((pt, pn)) = &prev {
            assert!(
                *pt > total || (*pt == total && *pn <= name),
                "{stem} out of order"
            );
        }
        prev = Some((total, name));
        seen.push(stem.to_string());
    }
    seen.sort();
    let all: Vec<String> = EXPECTED.iter().map(|e| e.0.to_string()).collect();
    assert_eq!(seen, all);
}
