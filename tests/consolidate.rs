//! `dvht consolidate` end to end: filled standard forms and odd files in a
//! folder, the workbook read back (sheet names, values, formulas and their
//! cached results, the files list), a second run byte-identical, and the
//! safety rules (output is an input, bad output paths).

mod consolidate_support;

use consolidate_support::{Book, Unit, dvht, write_empty_form, write_form};
use std::ffi::OsStr;
use std::path::Path;

/// Four units whose totals follow from the plan's rules (worked by hand):
/// - Phòng Tư pháp: everything met, 3c shared with 5 units → 100 (Tốt).
/// - THCS Mỹ Phú: 2a 47/50 = 94 % → 9.5; 2b 44/50 = 88 % → 4.5; not a
///   "Tập thể lao động tiên tiến" → 3b 0; shared with 3 → 3c 3:
///   100 − 0.5 − 0.5 − 10 − 2 = 87 (Tốt). It claimed 10 for 3b: self 97.
/// - UBND xã Bình An: no plan (1a 0), 2 resources lacking (1c 6), 2a 45/50
///   → 9.0, no 3a8 (−4), shared with 1: 100 − 10 − 4 − 1 − 4 − 4 = 77 (Khá).
/// - Phòng Nội vụ: no 1a, no 1b, no 3b, nothing shared, 2c 40/50 = 80 % →
///   4 steps → 8: 100 − 20 − 10 − 5 − 2 = 63 (Trung bình).
const UNITS: [Unit; 4] = [
    Unit {
        no: &["1a", "1b", "3b"],
        shared: 0,
        counts: [50, 50, 40, 50],
        ..Unit::new("Phòng Nội vụ")
    },
    Unit {
        counts: [47, 44, 50, 50],
        no: &["3b"],
        shared: 3,
        self_over: &[("3b", "10")],
        ..Unit::new("Trường THCS Mỹ Phú")
    },
    Unit::new("Phòng Tư pháp"),
    Unit {
        no: &["1a", "3a8"],
        lacking: 2,
        counts: [45, 50, 50, 50],
        shared: 1,
        ..Unit::new("UBND xã Bình An")
    },
];

/// (unit, subtotals 1/2/3, self total, total, class) in the expected order.
const EXPECTED: [(&str, [f64; 3], f64, f64, &str); 4] = [
    ("Phòng Tư pháp", [30.0, 30.0, 40.0], 100.0, 100.0, "Tốt"),
    ("Trường THCS Mỹ Phú", [30.0, 29.0, 28.0], 97.0, 87.0, "Tốt"),
    ("UBND xã Bình An", [16.0, 29.0, 32.0], 77.0, 77.0, "Khá"),
    ("Phòng Nội vụ", [10.0, 28.0, 25.0], 63.0, 63.0, "Trung bình"),
];

fn folder(dir: &Path) {
    let files = ["noi-vu.xlsx", "my-phu.xlsx", "tu-phap.xlsx", "binh-an.xlsx"];
    for (u, f) in UNITS.iter().zip(files) {
        write_form(dir, f, u, 2023);
    }
    std::fs::write(dir.join("~$tu-phap.xlsx"), b"lock").unwrap();
    std::fs::write(dir.join("cong-van.pdf"), b"%PDF-1.4").unwrap();
    std::fs::write(dir.join("hong.xlsx"), b"PK\x03\x04 truncated").unwrap();
}

/// The exit status of a run that wrote the workbook from a folder made by
/// [`folder`]: its truncated hong.xlsx is an error-level finding, and
/// `consolidate` exits 0 all the same when it wrote the workbook
/// (docs/INTERFACE.md, README's table).
const WRITTEN_WITH_AN_ERROR: Option<i32> = Some(0);

fn os(s: &str) -> &OsStr {
    OsStr::new(s)
}

fn consolidate(input: &Path, out: &Path, extra: &[&str]) -> std::process::Output {
    let mut args: Vec<&OsStr> = vec![
        os("consolidate"),
        input.as_os_str(),
        os("-o"),
        out.as_os_str(),
    ];
    args.extend(["--year", "2023", "--district", "Thủ Thừa"].map(os));
    args.extend(extra.iter().map(|s| os(s)));
    dvht(&args)
}

#[test]
fn workbook_ranks_units_with_formulas_and_their_cached_results() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("ho-so");
    std::fs::create_dir(&input).unwrap();
    folder(&input);
    let out = dir.path().join("tong-hop-2023.xlsx");
    let o = consolidate(&input, &out, &[]);
    let err = String::from_utf8_lossy(&o.stderr);
    assert_eq!(o.status.code(), WRITTEN_WITH_AN_ERROR, "{err}");
    assert!(
        err.contains("tong-hop-2023.xlsx") && err.contains("4 đơn vị"),
        "{err}"
    );
    // Not a terminal: no progress bar, only the closing summary.
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(o.stdout.is_empty());

    let mut book = Book::open(&out);
    let names: Vec<&str> = EXPECTED.iter().map(|e| e.0).collect();
    let mut want = vec!["Tổng hợp"];
    want.extend(&names);
    want.extend(["Phát hiện", "Thống kê", "Tệp"]);
    assert_eq!(book.sheets(), want);

    let sum = book.values("Tổng hợp");
    let formulas = book.formulas("Tổng hợp");
    let (hr, _) = sum.find("Hạng theo điểm kết luận").expect("header row");
    let col = |h: &str| {
        (0..30)
            .find(|c| sum.text(hr, *c).starts_with(h))
            .unwrap_or_else(|| panic!("no column {h}"))
    };
    let (c_unit, c_self, c_tot, c_diff, c_class) = (
        col("Đơn vị"),
        col("Tổng điểm tự chấm"),
        col("Tổng điểm kết luận"),
        col("Chênh lệch"),
        col("Xếp loại"),
    );
    let c_crit = col("Tiêu chí 1");
    let c_rank = col("Hạng");
    for (k, (unit, subs, self_total, total, class)) in EXPECTED.iter().enumerate() {
        let r = hr + 1 + k as u32;
        assert_eq!(sum.num(r, 0), Some((k + 1) as f64));
        assert_eq!(sum.text(r, c_unit), *unit);
        for (j, s) in subs.iter().enumerate() {
            assert_eq!(
                sum.num(r, c_crit + j as u32),
                Some(*s),
                "{unit} criterion {}",
                j + 1
            );
        }
        assert_eq!(sum.num(r, c_self), Some(*self_total), "{unit}");
        assert_eq!(sum.num(r, c_tot), Some(*total), "{unit}");
        assert_eq!(sum.num(r, c_diff), Some(total - self_total), "{unit}");
        assert_eq!(sum.text(r, c_class), *class, "{unit}");
        assert_eq!(sum.num(r, c_rank), Some((k + 1) as f64), "{unit}");
        assert!(formulas[&(r, c_rank)].contains("COUNTIFS("));
        // The total and the classification come from the unit's sheet.
        let ft = &formulas[&(r, c_tot)];
        assert!(ft.starts_with(&format!("'{unit}'!I")), "{ft}");
        assert!(formulas[&(r, c_class)].starts_with(&format!("'{unit}'!I")));
        assert!(formulas[&(r, c_diff)].contains("IF(OR("));
    }

    // A unit's sheet: the team's column is empty, the concluded column is a
    // formula per item that takes it, sums for groups and total, a band
    // formula for the classification, each with its result.
    let unit = "Trường THCS Mỹ Phú";
    let g = book.values(unit);
    let fm = book.formulas(unit);
    let (hr, _) = g.find("Điểm đoàn kiểm tra").unwrap();
    let row_of = |id: &str| (hr + 1..hr + 40).find(|r| g.text(*r, 1) == id).unwrap();
    let r2a = row_of("2a");
    assert_eq!(g.num(r2a, 3), Some(10.0));
    assert_eq!(g.num(r2a, 4), Some(9.5));
    assert_eq!(g.num(r2a, 5), Some(9.5));
    assert_eq!(g.num(r2a, 6), Some(9.5));
    assert_eq!(g.get(r2a, 7), None, "team column starts empty");
    assert_eq!(g.num(r2a, 8), Some(9.5));
    let a1 = |c: u32, r: u32| format!("{}{}", dvht::cells::col_name(c), r + 1);
    assert_eq!(
        fm[&(r2a, 8)],
        format!(
            "IF({h}<>\"\",{h},IF({p}<>\"\",{p},\"\"))",
            h = a1(7, r2a),
            p = a1(6, r2a)
        )
    );
    assert_eq!(g.get(r2a, 9), None, "note column starts empty");
    assert!(g.text(r2a, 10).contains("47/50"), "{}", g.text(r2a, 10));
    let r3b = row_of("3b");
    assert_eq!((g.num(r3b, 4), g.num(r3b, 8)), (Some(10.0), Some(0.0)));
    let r2 = row_of("2");
    assert_eq!(g.num(r2, 8), Some(29.0));
    assert!(fm[&(r2, 8)].starts_with("IF(COUNT("), "{}", fm[&(r2, 8)]);
    let (tr, _) = g.find("Tổng cộng").unwrap();
    assert_eq!(g.num(tr, 8), Some(87.0));
    let (cr, _) = g.find("Xếp loại").unwrap();
    assert_eq!(g.text(cr, 8), "Tốt");
    assert!(fm[&(cr, 8)].contains(">=85,\"Tốt\""), "{}", fm[&(cr, 8)]);
    // Its findings include the self/computed difference on 3b.
    assert!(
        g.cells
            .values()
            .any(|v| matches!(v, calamine::Data::String(s) if s == "self-computed-differ"))
    );

    // Files: every path and what became of it.
    let files = book.values("Tệp");
    let rows: Vec<(String, String)> = (1..20)
        .filter(|r| files.get(*r, 1).is_some())
        .map(|r| (files.text(r, 1), files.text(r, 2)))
        .collect();
    let outcome = |name: &str| {
        rows.iter()
            .find(|(p, _)| p.ends_with(name))
            .map(|(_, o)| o.clone())
            .unwrap_or_else(|| panic!("{name} not listed: {rows:?}"))
    };
    assert_eq!(rows.len(), 7, "{rows:?}");
    assert_eq!(outcome("/cong-van.pdf"), "Bỏ qua");
    assert_eq!(outcome("/~$tu-phap.xlsx"), "Bỏ qua");
    assert_eq!(outcome("/hong.xlsx"), "Không đọc được");
    assert_eq!(outcome("/tu-phap.xlsx"), "Đã đọc");

    // Findings: the unreadable file is there with its file name.
    let fnd = book.values("Phát hiện");
    assert!(
        (1..200).any(|r| fnd.text(r, 1) == "hong.xlsx" && fnd.text(r, 6) == "Lỗi"),
        "no finding for hong.xlsx"
    );

    // Statistics: units per classification and district totals.
    let st = book.values("Thống kê");
    let count = |band: &str| {
        let (r, c) = st.find(band).unwrap();
        st.num(r, c + 1)
    };
    assert_eq!(count("Tốt"), Some(2.0));
    assert_eq!(count("Khá"), Some(1.0));
    assert_eq!(count("Trung bình"), Some(1.0));
    assert_eq!(count("Chưa đạt"), Some(0.0));
    let (r, _) = st.find("Trung bình").unwrap();
    let _ = r;
    let (r, c) = st.find("Tổng thu (đồng)").unwrap();
    assert_eq!(st.num(r, c + 1), Some(20_000_000.0));
    assert_eq!(st.num(r, c + 2), Some(4.0));
    let (r, c) = st.find("Cao nhất").unwrap();
    assert_eq!(st.num(r, c + 1), Some(100.0));
    let (r, c) = st.find("Trung vị").unwrap();
    assert_eq!(st.num(r, c + 1), Some(82.0));

    // Document properties: title with district and year.
    let core = unzip(&out, "docProps/core.xml");
    assert!(core.contains("năm 2023 — huyện Thủ Thừa"), "{core}");
    assert!(core.contains("2023-11-14T22:13:20Z"), "{core}");
    let custom = unzip(&out, "docProps/custom.xml");
    assert!(
        custom.contains("Thủ Thừa") && custom.contains("2023"),
        "{custom}"
    );
    // The chart of units per classification reads the counts on Thống kê.
    let chart = unzip(&out, "xl/charts/chart1.xml");
    assert!(chart.contains("'Thống kê'!$B$"), "{chart}");

    // Same inputs, same bytes.
    let first = std::fs::read(&out).unwrap();
    let out2 = dir.path().join("lan-2.xlsx");
    assert_eq!(
        consolidate(&input, &out2, &[]).status.code(),
        WRITTEN_WITH_AN_ERROR
    );
    assert!(first == std::fs::read(&out2).unwrap(), "second run differs");
}

fn unzip(path: &Path, name: &str) -> String {
    use std::io::Read;
    let mut z = zip::ZipArchive::new(std::fs::File::open(path).unwrap()).unwrap();
    let mut s = String::new();
    z.by_name(name).unwrap().read_to_string(&mut s).unwrap();
    s
}

fn snapshot(dir: &Path) -> Vec<(std::path::PathBuf, Vec<u8>, std::time::SystemTime)> {
    let mut v: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .map(|p| {
            let m = std::fs::metadata(&p).unwrap();
            (p.clone(), std::fs::read(&p).unwrap(), m.modified().unwrap())
        })
        .collect();
    v.sort();
    v
}

#[test]
fn output_that_is_an_input_or_not_an_xlsx_file_is_refused_and_inputs_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("ho-so");
    std::fs::create_dir(&input).unwrap();
    folder(&input);
    let before = snapshot(&input);
    // The same file under another name (a hard link).
    let link = dir.path().join("lien-ket.xlsx");
    std::fs::hard_link(input.join("tu-phap.xlsx"), &link).unwrap();
    let cases: Vec<(std::path::PathBuf, &str)> = vec![
        (input.join("tu-phap.xlsx"), "trùng với một tệp đầu vào"),
        (link.clone(), "trùng với một tệp đầu vào"),
        // The same file by another spelling.
        (
            input.join("../ho-so/./my-phu.xlsx"),
            "trùng với một tệp đầu vào",
        ),
        (input.clone(), "thư mục"),
        (dir.path().join("tong-hop.csv"), ".xlsx"),
        (dir.path().join("khong-co/tong-hop.xlsx"), "khong-co"),
    ];
    // A path that does not exist is a typo, not an empty folder.
    let o = consolidate(
        &dir.path().join("ho-so-2023"),
        &dir.path().join("tong-hop.xlsx"),
        &[],
    );
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("ho-so-2023"));
    let missing_list = dir.path().join("khong-co.txt");
    let o = consolidate(
        &input,
        &dir.path().join("tong-hop.xlsx"),
        &["--expected", missing_list.to_str().unwrap()],
    );
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("danh sách đơn vị"));
    assert!(!dir.path().join("tong-hop.xlsx").exists());
    for (out, why) in cases {
        let o = consolidate(&input, &out, &[]);
        let err = String::from_utf8_lossy(&o.stderr);
        assert_eq!(o.status.code(), Some(2), "{}: {err}", out.display());
        assert!(err.contains(why), "{}: {err}", out.display());
    }
    assert!(before == snapshot(&input), "an input changed");
    // A successful run leaves the inputs as they were too.
    let out = dir.path().join("tong-hop.xlsx");
    assert_eq!(
        consolidate(&input, &out, &[]).status.code(),
        WRITTEN_WITH_AN_ERROR
    );
    assert!(before == snapshot(&input), "an input changed");
}

#[test]
fn expected_units_that_sent_nothing_are_listed_and_json_names_the_output() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("ho-so");
    std::fs::create_dir(&input).unwrap();
    folder(&input);
    // Names as a clerk types them: other case, no diacritics, a header line.
    let list = dir.path().join("don-vi.txt");
    std::fs::write(
        &list,
        "\u{feff}Đơn vị\nPHÒNG TƯ PHÁP\nTruong THCS My Phu\n\nPhòng Nội vụ\nUBND xã Bình An\nPhòng Văn hóa và Thông tin\nHội Khuyến học huyện\n",
    )
    .unwrap();
    let out = dir.path().join("tong-hop.xlsx");
    let o = consolidate(
        &input,
        &out,
        &["--expected", list.to_str().unwrap(), "--json"],
    );
    assert_eq!(
        o.status.code(),
        WRITTEN_WITH_AN_ERROR,
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(
        v["missing_units"],
        serde_json::json!(["Phòng Văn hóa và Thông tin", "Hội Khuyến học huyện"])
    );
    assert_eq!(v["output"], serde_json::json!(out.display().to_string()));
    assert_eq!(v["summary"]["skipped"], 2);
    assert_eq!(v["summary"]["unreadable"], 1);
    let files = Book::open(&out).values("Tệp");
    let (hr, hc) = files.find("Đơn vị chưa nộp").unwrap();
    assert_eq!(
        files.column(hr + 1, hc),
        ["Phòng Văn hóa và Thông tin", "Hội Khuyến học huyện"]
    );
    assert_eq!(files.text(hr + 1, hc + 1), "Chưa nộp");

    // The same list as the first column of a workbook.
    let xlsx = dir.path().join("don-vi.xlsx");
    let mut wb = rust_xlsxwriter::Workbook::new();
    let ws = wb.add_worksheet();
    for (r, name) in ["Tên đơn vị", "Phòng Tư pháp", "Phòng Y tế"]
        .iter()
        .enumerate()
    {
        ws.write(r as u32, 0, *name).unwrap();
    }
    wb.save(&xlsx).unwrap();
    let o = consolidate(
        &input,
        &out,
        &["--expected", xlsx.to_str().unwrap(), "--json"],
    );
    assert_eq!(
        o.status.code(),
        WRITTEN_WITH_AN_ERROR,
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v["missing_units"], serde_json::json!(["Phòng Y tế"]));
}

#[test]
fn many_units_go_to_one_chi_tiet_sheet_with_the_same_formulas() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("ho-so");
    std::fs::create_dir(&input).unwrap();
    folder(&input);
    let out = dir.path().join("tong-hop.xlsx");
    let o = consolidate(&input, &out, &["--unit-sheet-limit", "3"]);
    assert_eq!(
        o.status.code(),
        WRITTEN_WITH_AN_ERROR,
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    let mut book = Book::open(&out);
    assert_eq!(
        book.sheets(),
        ["Tổng hợp", "Chi tiết", "Phát hiện", "Thống kê", "Tệp"]
    );
    let sum = book.values("Tổng hợp");
    let fm = book.formulas("Tổng hợp");
    let (hr, _) = sum.find("Hạng theo điểm kết luận").unwrap();
    let c_tot = (0..30)
        .find(|c| sum.text(hr, *c).starts_with("Tổng điểm kết luận"))
        .unwrap();
    let detail = book.values("Chi tiết");
    let dfm = book.formulas("Chi tiết");
    for (k, (unit, _, _, total, class)) in EXPECTED.iter().enumerate() {
        let r = hr + 1 + k as u32;
        assert_eq!(sum.text(r, 1), *unit);
        assert_eq!(sum.num(r, c_tot), Some(*total));
        let f = &fm[&(r, c_tot)];
        let cell = f
            .strip_prefix("'Chi tiết'!")
            .unwrap_or_else(|| panic!("{f}"));
        // The referenced cell is the unit's total row on Chi tiết.
        let row: u32 = cell
            .trim_start_matches(char::is_alphabetic)
            .parse::<u32>()
            .unwrap()
            - 1;
        assert_eq!(detail.text(row, 1), *unit);
        assert_eq!(detail.text(row, 5), "Tổng cộng");
        assert_eq!(detail.num(row, 11), Some(*total));
        assert!(dfm[&(row, 11)].starts_with("IF(COUNT("));
        assert_eq!(detail.text(row + 1, 11), *class);
    }
}

#[test]
fn a_unit_with_nothing_scored_ranks_last_with_empty_results() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("ho-so");
    std::fs::create_dir(&input).unwrap();
    write_empty_form(&input, "a-y-te.xlsx", "Phòng Y tế", 2023);
    write_form(&input, "b-tu-phap.xlsx", &Unit::new("Phòng Tư pháp"), 2023);
    let out = dir.path().join("tong-hop.xlsx");
    assert_eq!(consolidate(&input, &out, &[]).status.code(), Some(0));
    let mut book = Book::open(&out);
    let sum = book.values("Tổng hợp");
    let fm = book.formulas("Tổng hợp");
    let (hr, _) = sum.find("Hạng theo điểm kết luận").unwrap();
    let c_tot = (0..30)
        .find(|c| sum.text(hr, *c).starts_with("Tổng điểm kết luận"))
        .unwrap();
    let c_class = (0..30)
        .find(|c| sum.text(hr, *c).starts_with("Xếp loại"))
        .unwrap();
    assert_eq!(sum.text(hr + 1, 1), "Phòng Tư pháp");
    assert_eq!(sum.text(hr + 2, 1), "Phòng Y tế");
    assert!(fm.contains_key(&(hr + 2, c_tot)));
    for c in [c_tot, c_class] {
        assert!(
            matches!(
                sum.get(hr + 2, c),
                None | Some(calamine::Data::String(_)) | Some(calamine::Data::Empty)
            ),
            "{:?}",
            sum.get(hr + 2, c)
        );
        assert_eq!(sum.text(hr + 2, c), "");
    }
    let st = book.values("Thống kê");
    let (r, c) = st.find("Chưa có tổng điểm").unwrap();
    assert_eq!(st.num(r, c + 1), Some(1.0));
    let (r, c) = st.find("Số đơn vị có tổng điểm").unwrap();
    assert_eq!(st.num(r, c + 1), Some(1.0));
}

#[test]
fn unit_names_become_valid_unique_sheet_names_and_resent_forms_are_marked() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("ho-so");
    std::fs::create_dir(&input).unwrap();
    let odd = Unit::new("Trường [Tiểu học]: Mỹ Phú A/B* - điểm trường Cầu Xây?");
    write_form(&input, "a.xlsx", &odd, 2023);
    write_form(&input, "b.xlsx", &odd, 2023);
    write_form(&input, "c.xlsx", &Unit::new("Tổng hợp"), 2023);
    // b.xlsx is the resend: a.xlsx was saved a day before.
    let day_before = std::time::SystemTime::now() - std::time::Duration::from_secs(86_400);
    std::fs::File::options()
        .write(true)
        .open(input.join("a.xlsx"))
        .unwrap()
        .set_modified(day_before)
        .unwrap();
    let out = dir.path().join("tong-hop.xlsx");
    let o = consolidate(&input, &out, &[]);
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    let mut book = Book::open(&out);
    let names = book.sheets();
    // The older form of the unit sent twice gets no sheet: it counts nowhere.
    assert_eq!(names.len(), 6, "{names:?}");
    let mut seen = std::collections::HashSet::new();
    for n in &names {
        assert!(n.chars().count() <= 31, "{n}");
        assert!(!n.contains(['[', ']', ':', '*', '?', '/', '\\']), "{n}");
        assert!(seen.insert(n.to_lowercase()), "duplicate {n}");
    }
    assert!(names.contains(&"Tổng hợp (2)".to_string()), "{names:?}");
    let files = book.values("Tệp");
    let outcomes: Vec<String> = (1..4).map(|r| files.text(r, 2)).collect();
    assert_eq!(outcomes, ["Bản cũ, đã thay", "Đã đọc", "Đã đọc"]);
    assert!(files.text(1, 5).contains("b.xlsx"), "{}", files.text(1, 5));
}

#[test]
fn without_source_date_epoch_the_date_is_the_newest_input_not_the_clock() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("ho-so");
    std::fs::create_dir(&input).unwrap();
    folder(&input);
    // 2023-12-01 08:00:00 UTC for every input, 2023-12-05 for one.
    let base = std::time::UNIX_EPOCH + std::time::Duration::from_secs(1_701_417_600);
    for e in std::fs::read_dir(&input).unwrap() {
        let f = std::fs::File::options()
            .write(true)
            .open(e.unwrap().path())
            .unwrap();
        f.set_modified(base).unwrap();
    }
    let newest = base + std::time::Duration::from_secs(4 * 86_400);
    std::fs::File::options()
        .write(true)
        .open(input.join("binh-an.xlsx"))
        .unwrap()
        .set_modified(newest)
        .unwrap();
    let run = |out: &Path| {
        std::process::Command::new(env!("CARGO_BIN_EXE_dvht"))
            .arg("consolidate")
            .arg(&input)
            .arg("-o")
            .arg(out)
            .env_remove("SOURCE_DATE_EPOCH")
            .output()
            .unwrap()
    };
    let (a, b) = (dir.path().join("a.xlsx"), dir.path().join("b.xlsx"));
    assert_eq!(run(&a).status.code(), WRITTEN_WITH_AN_ERROR);
    std::thread::sleep(std::time::Duration::from_millis(1100));
    assert_eq!(run(&b).status.code(), WRITTEN_WITH_AN_ERROR);
    let core = unzip(&a, "docProps/core.xml");
    assert!(core.contains("2023-12-05T08:00:00Z"), "{core}");
    assert!(std::fs::read(&a).unwrap() == std::fs::read(&b).unwrap());
}

#[test]
fn a_second_run_with_the_workbook_inside_the_input_folder_leaves_it_out() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("ho-so");
    std::fs::create_dir(&input).unwrap();
    folder(&input);
    let out = input.join("tong-hop.xlsx");
    let first = consolidate(&input, &out, &["--json"]);
    assert_eq!(
        first.status.code(),
        WRITTEN_WITH_AN_ERROR,
        "{}",
        String::from_utf8_lossy(&first.stderr)
    );
    let files_of = |o: &std::process::Output| {
        let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
        v["summary"]["files"].as_u64().unwrap()
    };
    let n = files_of(&first);
    // Run again: the earlier workbook is in the folder now, and is not an input.
    let second = consolidate(&input, &out, &["--json"]);
    assert_eq!(
        second.status.code(),
        WRITTEN_WITH_AN_ERROR,
        "{}",
        String::from_utf8_lossy(&second.stderr)
    );
    assert_eq!(files_of(&second), n);
    let v: serde_json::Value = serde_json::from_slice(&second.stdout).unwrap();
    assert!(
        v["files"]
            .as_array()
            .unwrap()
            .iter()
            .all(|f| !f["file"].as_str().unwrap().ends_with("tong-hop.xlsx"))
    );
    // A unit's form at the output path is still refused.
    let form = input.join("tu-phap.xlsx");
    let o = consolidate(&input, &form, &[]);
    assert_eq!(o.status.code(), Some(2));
}

#[test]
fn temporaries_left_by_a_killed_run_are_removed_later_and_recent_ones_kept() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("ho-so");
    std::fs::create_dir(&input).unwrap();
    folder(&input);
    let out_dir = dir.path().join("ket-qua");
    std::fs::create_dir(&out_dir).unwrap();
    let old = out_dir.join(".dvht-abc123.xlsx.tmp");
    let recent = out_dir.join(".dvht-def456.xlsx.tmp");
    let other = out_dir.join(".dvht-notes.txt");
    for p in [&old, &recent, &other] {
        std::fs::write(p, b"half a workbook").unwrap();
    }
    let day_ago = std::time::SystemTime::now() - std::time::Duration::from_secs(24 * 3600);
    std::fs::File::options()
        .write(true)
        .open(&old)
        .unwrap()
        .set_modified(day_ago)
        .unwrap();
    std::fs::File::options()
        .write(true)
        .open(&other)
        .unwrap()
        .set_modified(day_ago)
        .unwrap();
    let o = consolidate(&input, &out_dir.join("tong-hop.xlsx"), &[]);
    assert_eq!(
        o.status.code(),
        WRITTEN_WITH_AN_ERROR,
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    assert!(!old.exists(), "a day-old temporary workbook is left over");
    assert!(
        recent.exists(),
        "a recent temporary (a run in progress?) was removed"
    );
    assert!(
        other.exists(),
        "a file not named as our temporaries was removed"
    );
}
