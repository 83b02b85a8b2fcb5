//! The workbook opened in LibreOffice and recalculated shows the numbers
//! dvht cached. To be sure LibreOffice really recalculates, every cached
//! formula result in the file is first overwritten with a wrong value; the
//! recalculated values must then equal the original cached ones. A team
//! score typed into a unit's sheet must flow into its total, its
//! classification, the summary and the statistics.
//!
//! Needs `soffice`. Without it the test fails when `CI` is set (CI installs
//! LibreOffice) and is skipped with a notice otherwise.

mod consolidate_support;
mod libreoffice_support;

use consolidate_support::{Book, Unit, dvht, write_empty_form, write_form};
use libreoffice_support::{Recalc, parse_csv, sheets_as_csv, soffice};
use std::collections::BTreeMap;
use std::ffi::OsStr;
use std::io::{Read, Write};
use std::path::Path;

/// Every sheet of `xlsx` as CSV rows after LibreOffice recalculated it.
fn recalculated(soffice: &Path, xlsx: &Path, work: &Path) -> BTreeMap<String, Vec<Vec<String>>> {
    let stem = xlsx.file_stem().unwrap().to_string_lossy().to_string();
    sheets_as_csv(soffice, &[xlsx.to_path_buf()], work, Recalc::Always)
        .into_iter()
        .filter_map(|(name, text)| {
            let sheet = name
                .strip_suffix(".csv")?
                .strip_prefix(&format!("{stem}-"))?;
            Some((sheet.to_string(), parse_csv(&text)))
        })
        .collect()
}

/// Rewrites the xlsx: every cached formula result replaced by `-12345`,
/// and `edits` (sheet file, cell, value) typed into cells that were blank.
fn tamper(src: &Path, dst: &Path, edits: &[(String, String, &str)]) {
    let mut z = zip::ZipArchive::new(std::fs::File::open(src).unwrap()).unwrap();
    let mut w = zip::ZipWriter::new(std::fs::File::create(dst).unwrap());
    let re_v = |xml: &str| {
        // <f>…</f><v>…</v> → <f>…</f><v>-12345</v>; string results become numbers.
        let mut out = String::with_capacity(xml.len());
        let mut rest = xml;
        while let Some(i) = rest.find("</f><v>") {
            out.push_str(&rest[..i + 7]);
            rest = &rest[i + 7..];
            let j = rest.find("</v>").unwrap();
            out.push_str("-12345");
            rest = &rest[j..];
        }
        out.push_str(rest);
        out.replace(" t=\"str\"><f>", "><f>")
    };
    for i in 0..z.len() {
        let mut f = z.by_index(i).unwrap();
        let name = f.name().unwrap().to_string();
        let mut data = Vec::new();
        f.read_to_end(&mut data).unwrap();
        if name.starts_with("xl/worksheets/sheet") {
            let mut xml = re_v(&String::from_utf8(data).unwrap());
            for (sheet, cell, v) in edits {
                if name.ends_with(sheet.as_str()) {
                    let at = xml
                        .find(&format!("<c r=\"{cell}\""))
                        .expect("blank team cell");
                    let end = at + xml[at..].find("/>").unwrap();
                    xml.replace_range(end..end + 2, &format!("><v>{v}</v></c>"));
                }
            }
            data = xml.into_bytes();
        }
        w.start_file(name, zip::write::SimpleFileOptions::default())
            .unwrap();
        w.write_all(&data).unwrap();
    }
    w.finish().unwrap();
}

fn same(cached: &calamine::Data, lo: &str) -> bool {
    use calamine::Data;
    let num = |s: &str| -> Option<f64> {
        match s.strip_suffix('%') {
            Some(p) => p.parse::<f64>().ok().map(|x| x / 100.0),
            None => s.parse::<f64>().ok(),
        }
    };
    match cached {
        Data::Float(f) => num(lo).is_some_and(|x| (x - f).abs() <= 1e-9 * f.abs().max(1.0)),
        Data::Int(i) => num(lo) == Some(*i as f64),
        Data::String(s) => s == lo,
        Data::Empty => lo.is_empty(),
        other => format!("{other}") == lo,
    }
}

#[test]
fn libreoffice_recalculates_to_the_cached_values_and_follows_team_scores() {
    let Some(soffice) = soffice() else {
        if std::env::var_os("CI").is_some() {
            panic!("soffice is missing but CI is set: install LibreOffice");
        }
        eprintln!("NOTICE: soffice not found; LibreOffice recalculation test skipped");
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("ho-so");
    std::fs::create_dir(&input).unwrap();
    write_form(&input, "tu-phap.xlsx", &Unit::new("Phòng Tư pháp"), 2023);
    write_form(
        &input,
        "my-phu.xlsx",
        &Unit {
            counts: [47, 44, 50, 50],
            no: &["3b"],
            shared: 3,
            ..Unit::new("Trường THCS Mỹ Phú")
        },
        2023,
    );
    write_form(
        &input,
        "binh-an.xlsx",
        &Unit {
            no: &["1a", "3a8"],
            lacking: 2,
            counts: [45, 50, 50, 50],
            shared: 1,
            ..Unit::new("UBND xã Bình An")
        },
        2023,
    );
    // A unit that scored nothing: its formulas yield "" all the way up.
    write_empty_form(&input, "y-te.xlsx", "Phòng Y tế", 2023);
    for (limit, label) in [("60", "per-unit sheets"), ("1", "Chi tiết sheet")] {
        let out = dir.path().join(format!("tong-hop-{limit}.xlsx"));
        let args: Vec<&OsStr> = vec![
            OsStr::new("consolidate"),
            input.as_os_str(),
            OsStr::new("-o"),
            out.as_os_str(),
            OsStr::new("--year"),
            OsStr::new("2023"),
            OsStr::new("--unit-sheet-limit"),
            OsStr::new(limit),
        ];
        let o = dvht(&args);
        assert_eq!(
            o.status.code(),
            Some(0),
            "{}",
            String::from_utf8_lossy(&o.stderr)
        );

        let mut book = Book::open(&out);
        let work = dir.path().join(format!("lo-{limit}"));
        let broken = work.join("sai.xlsx");
        std::fs::create_dir_all(&work).unwrap();
        tamper(&out, &broken, &[]);
        let lo = recalculated(&soffice, &broken, &work);
        let mut compared = 0;
        for sheet in book.sheets() {
            let values = book.values(&sheet);
            let formulas = book.formulas(&sheet);
            let csv = lo
                .get(&sheet)
                .unwrap_or_else(|| panic!("{label}: no CSV for {sheet}"));
            for (r, c) in formulas.keys() {
                let got = csv
                    .get(*r as usize)
                    .and_then(|row| row.get(*c as usize))
                    .cloned()
                    .unwrap_or_default();
                let cached = values.get(*r, *c).cloned().unwrap_or(calamine::Data::Empty);
                assert!(
                    same(&cached, &got),
                    "{label}: '{sheet}'!{}{}: cached {cached:?}, LibreOffice {got:?} (formula {})",
                    dvht::cells::col_name(*c),
                    r + 1,
                    formulas[&(*r, *c)]
                );
                compared += 1;
            }
        }
        assert!(compared > 60, "{label}: only {compared} formulas compared");

        // The team gives THCS Mỹ Phú its 10 points for 3b: 87 → 97, and
        // lowers Phòng Tư pháp's 2a to 5: 100 → 95, so the two swap ranks.
        // The summary, the ranks, the statistics and the sheets follow.
        let names = book.sheets();
        let mut edits = Vec::new();
        for (unit, id, v) in [
            ("Trường THCS Mỹ Phú", "3b", "10"),
            ("Phòng Tư pháp", "2a", "5"),
        ] {
            let (sheet, id_col, team_col) = if limit == "60" {
                (unit.to_string(), 1, 7)
            } else {
                ("Chi tiết".to_string(), 4, 10)
            };
            let g = book.values(&sheet);
            let row = (0..200)
                .find(|r| g.text(*r, id_col) == id && (limit == "60" || g.text(*r, 1) == unit))
                .unwrap();
            let idx = names.iter().position(|n| *n == sheet).unwrap() + 1;
            let cell = format!("{}{}", dvht::cells::col_name(team_col), row + 1);
            edits.push((format!("/sheet{idx}.xml"), cell, v));
        }
        let edited = work.join("doan.xlsx");
        tamper(&out, &edited, &edits);
        let lo = recalculated(&soffice, &edited, &work);
        let sum = &lo["Tổng hợp"];
        let header = sum
            .iter()
            .position(|r| r.first().map(String::as_str) == Some("STT"))
            .unwrap();
        let col = |h: &str| sum[header].iter().position(|c| c.starts_with(h)).unwrap();
        let row = |unit: &str| {
            sum.iter()
                .find(|r| r.get(1).map(String::as_str) == Some(unit))
                .unwrap()
        };
        let (t, k, d) = (
            col("Tổng điểm kết luận"),
            col("Xếp loại"),
            col("Chênh lệch"),
        );
        assert_eq!(row("Trường THCS Mỹ Phú")[t], "97", "{label}");
        assert_eq!(row("Trường THCS Mỹ Phú")[d], "10", "{label}");
        assert_eq!(row("Trường THCS Mỹ Phú")[k], "Tốt", "{label}");
        assert_eq!(row("Phòng Tư pháp")[t], "95", "{label}");
        assert_eq!(row("Phòng Tư pháp")[col("Tiêu chí 2")], "25", "{label}");
        let rank = col("Hạng");
        assert_eq!(row("Trường THCS Mỹ Phú")[rank], "1", "{label}");
        assert_eq!(row("Phòng Tư pháp")[rank], "2", "{label}");
        assert_eq!(row("UBND xã Bình An")[rank], "3", "{label}");
        assert_eq!(row("Phòng Y tế")[rank], "", "{label}");
        let stats = &lo["Thống kê"];
        let stat = |label: &str| {
            stats
                .iter()
                .find(|r| r.first().map(String::as_str) == Some(label))
                .map(|r| r[1].clone())
                .unwrap()
        };
        assert_eq!(stat("Cao nhất"), "97", "{label}");
        assert_eq!(stat("Tốt"), "2", "{label}");
        assert_eq!(stat("Từ 90 đến 100"), "2", "{label}");
    }
}
