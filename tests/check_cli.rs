//! `dvht check` through the binary: forms written as real .xlsx files, one
//! per finding code where a file can carry it, each checked for the exact
//! cell; and a folder mixing good forms, broken files and junk checked in
//! one run with every file accounted for.

mod corpus_support;

use dvht::rubric::Rubric;
use serde_json::Value;
use std::path::{Path, PathBuf};
use std::process::Command;

/// One form as a unit types it: the rubric table on sheet "Tự đánh giá"
/// (A STT, B criterion, C max, D evidence, E %, F self-score; criteria from
/// row 5 in rubric order, then "Tổng cộng" and "Xếp loại"), Phụ lục 1 on its
/// own sheet (labels in A, figures in B from row 2) and the dossier checklist
/// on "Hồ sơ" (labels in A, marks in B from row 2).
#[derive(Clone)]
struct Spec {
    year: String,
    unit: String,
    members: String,
    /// (id, evidence, percent, self-score); "" leaves the cell empty.
    rows: Vec<(String, String, String, String)>,
    total: String,
    class: String,
    pl1: Vec<(String, String)>,
    dossier: Vec<(String, String)>,
    /// Rubric rows left out of the table (their row stays blank).
    drop: Vec<String>,
}

const SHEET: &str = "Tự đánh giá";

impl Spec {
    /// 50 members, 97 points, "Tốt", Phụ lục 1 consistent, every document held.
    fn clean(unit: &str) -> Spec {
        let rubric = Rubric::builtin();
        let mut rows = Vec::new();
        for item in &rubric.items {
            let (ev, pct, s) = match item.id.as_str() {
                "1" => ("", "", "30"),
                "1c" => ("0", "", "10"),
                "2" => ("", "", "29"),
                "2a" => ("47", "94%", "9.5"),
                "2b" => ("50", "", "5"),
                "2c" => ("50", "", "10"),
                "2d" => ("45", "90%", "4.5"),
                "3" => ("", "", "38"),
                "3a" => ("", "", "25"),
                "3c" => ("3", "", "3"),
                _ => ("Có", "", ""),
            };
            let s = if s.is_empty() {
                item.max.to_string()
            } else {
                s.to_string()
            };
            rows.push((item.id.clone(), ev.to_string(), pct.to_string(), s));
        }
        let pl1 = [
            ("Tổng số CB CC-VC – người lao động trong cơ quan", "50"),
            ("Tổng số hội viên năm trước", "40"),
            ("Tổng số hội viên năm nay", "45"),
            ("Tổng số hội viên đóng hội phí", "45"),
            ("Thành tiền hội phí (đồng)", "540000"),
            ("Tổng số Đảng viên", "20"),
            ("Tổng số hội viên là Đảng viên", "15"),
            ("Số suất quà", "10"),
            ("Thành tiền quà (đồng)", "2000000"),
            ("Số suất học bổng", "5"),
            ("Thành tiền học bổng (đồng)", "2500000"),
            ("Tổng thu (đồng)", "5000000"),
            ("Tổng chi (đồng)", "4500000"),
            ("Tồn quỹ (đồng)", "500000"),
        ];
        let dossier = dvht::form::DossierDoc::ALL
            .iter()
            .map(|d| (d.label().to_string(), "Có".to_string()))
            .collect();
        Spec {
            year: "2023".into(),
            unit: unit.into(),
            members: "50".into(),
            rows,
            total: "97".into(),
            class: "Tốt".into(),
            pl1: pl1
                .iter()
                .map(|(a, b)| (a.to_string(), b.to_string()))
                .collect(),
            dossier,
            drop: Vec::new(),
        }
    }

    fn row(&mut self, id: &str) -> &mut (String, String, String, String) {
        if id == "total" {
            unreachable!("use Spec.total");
        }
        self.rows.iter_mut().find(|r| r.0 == id).unwrap()
    }
    fn self_score(mut self, id: &str, v: &str) -> Spec {
        if id == "total" {
            self.total = v.into();
        } else {
            self.row(id).3 = v.into();
        }
        self
    }
    fn evidence(mut self, id: &str, v: &str) -> Spec {
        self.row(id).1 = v.into();
        self
    }
    fn percent(mut self, id: &str, v: &str) -> Spec {
        self.row(id).2 = v.into();
        self
    }
    fn pl1(mut self, i: usize, v: &str) -> Spec {
        self.pl1[i].1 = v.into();
        self
    }

    fn write(&self, path: &Path) {
        let rubric = Rubric::builtin();
        let mut wb = rust_xlsxwriter::Workbook::new();
        let put = |ws: &mut rust_xlsxwriter::Worksheet, r: u32, c: u16, v: &str| {
            if v.is_empty() {
                return;
            }
            match v.parse::<f64>() {
                Ok(n) => ws.write_number(r, c, n).map(|_| ()),
                Err(_) => ws.write_string(r, c, v).map(|_| ()),
            }
            .unwrap();
        };
        let ws = wb.add_worksheet();
        ws.set_name(SHEET).unwrap();
        put(
            ws,
            0,
            0,
            &format!(
                "KẾT QUẢ ĐÁNH GIÁ, XẾP LOẠI “ĐƠN VỊ HỌC TẬP” NĂM {}",
                self.year
            ),
        );
        put(ws, 1, 0, &format!("Đơn vị: {}", self.unit));
        put(ws, 2, 0, "Tổng số thành viên");
        put(ws, 2, 2, &self.members);
        for (c, h) in [
            "STT",
            "Nội dung tiêu chí",
            "Điểm số tối đa",
            "Số liệu",
            "Tỷ lệ",
            "Điểm tự chấm",
        ]
        .iter()
        .enumerate()
        {
            put(ws, 3, c as u16, h);
        }
        let mut r = 4;
        for (item, row) in rubric.items.iter().zip(&self.rows) {
            if self.drop.contains(&item.id) {
                r += 1;
                continue;
            }
            put(ws, r, 0, item.stt.as_deref().unwrap_or(""));
            put(ws, r, 1, &item.text);
            put(ws, r, 2, &item.max.to_string());
            put(ws, r, 3, &row.1);
            put(ws, r, 4, &row.2);
            put(ws, r, 5, &row.3);
            r += 1;
        }
        put(ws, r, 1, "Tổng cộng");
        put(ws, r, 2, "100");
        put(ws, r, 5, &self.total);
        put(ws, r + 1, 1, "Xếp loại");
        put(ws, r + 1, 5, &self.class);
        let ws = wb.add_worksheet();
        ws.set_name("Phụ lục 1").unwrap();
        put(ws, 0, 0, "BÁO CÁO KẾT QUẢ HOẠT ĐỘNG KHUYẾN HỌC");
        for (i, (l, v)) in self.pl1.iter().enumerate() {
            put(ws, 1 + i as u32, 0, l);
            put(ws, 1 + i as u32, 1, v);
        }
        let ws = wb.add_worksheet();
        ws.set_name("Hồ sơ").unwrap();
        put(ws, 0, 0, "Hồ sơ minh chứng");
        for (i, (l, v)) in self.dossier.iter().enumerate() {
            put(ws, 1 + i as u32, 0, l);
            put(ws, 1 + i as u32, 1, v);
        }
        wb.save(path).unwrap();
    }
}

/// A fresh folder under the target dir.
fn dir(name: &str) -> PathBuf {
    let d = Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!("check_cli-{name}"));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).unwrap();
    d
}

fn dvht(args: &[&str], paths: &[&Path]) -> (i32, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_dvht"))
        .args(args)
        .args(paths)
        .env_remove("NO_COLOR")
        .output()
        .unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

fn check_json(paths: &[&Path], extra: &[&str]) -> (i32, Value) {
    let mut args = vec!["check", "--json"];
    args.extend_from_slice(extra);
    let (code, out, err) = dvht(&args, paths);
    let v: Value = serde_json::from_str(&out).unwrap_or_else(|e| panic!("{e}: {out} {err}"));
    (code, v)
}

/// (code, sheet, cell) of every finding of every entry.
fn sites(v: &Value) -> Vec<(String, String, String)> {
    let mut out = Vec::new();
    for e in v["files"].as_array().unwrap() {
        for f in e["findings"].as_array().unwrap() {
            out.push((
                f["code"].as_str().unwrap_or("").to_string(),
                f["sheet"].as_str().unwrap_or("").to_string(),
                f["cell"].as_str().unwrap_or("").to_string(),
            ));
        }
    }
    out
}

fn site(code: &str, sheet: &str, cell: &str) -> (String, String, String) {
    (code.into(), sheet.into(), cell.into())
}

#[test]
fn a_clean_form_gives_no_finding_and_exit_0() {
    let d = dir("clean");
    let f = d.join("phong-tu-phap.xlsx");
    Spec::clean("Phòng Tư pháp").write(&f);
    let (code, v) = check_json(&[&f], &["--year", "2023"]);
    assert_eq!(sites(&v), vec![], "{v:#}");
    assert_eq!(code, 0);
    let e = &v["files"][0];
    assert_eq!(e["status"], "ok");
    assert_eq!(e["unit"], "Phòng Tư pháp");
    assert_eq!(e["sheet"], SHEET);
    assert_eq!(e["total"]["self"], 97);
    assert_eq!(e["total"]["computed"], 97);
    assert_eq!(e["classification"]["self"], "Tốt");
    assert_eq!(v["summary"]["ok"], 1);
}

/// Each case: a change to the clean form, and the one finding it must give.
#[test]
fn each_code_points_at_its_cell() {
    let d = dir("codes");
    // Rows: 1 → 5, 1a → 6, 1b → 7, 1c → 8, 2 → 9, 2a → 10, 2b → 11, 2c → 12,
    // 2d → 13, 3 → 14, 3a → 15, 3a1..3a8 → 16..23, 3b → 24, 3c → 25,
    // total → 26, Xếp loại → 27. Phụ lục 1 figure i is on row i + 2.
    let c = || Spec::clean("Phòng Tư pháp");
    let pl1 = "Phụ lục 1";
    let cases: Vec<(&str, Spec, (&str, &str, &str))> = vec![
        (
            "above-max",
            c().self_score("1a", "12")
                .self_score("1", "32")
                .self_score("total", "99"),
            ("score-above-max", SHEET, "F6"),
        ),
        (
            "negative",
            c().evidence("3c", "0")
                .self_score("3c", "-1")
                .self_score("3", "34")
                .self_score("total", "93"),
            ("score-negative", SHEET, "F25"),
        ),
        (
            "unattainable",
            c().evidence("1b", "")
                .self_score("1b", "5")
                .self_score("1", "25")
                .self_score("total", "92"),
            ("score-unattainable", SHEET, "F7"),
        ),
        (
            "differ",
            c().self_score("2a", "10")
                .self_score("2", "29.5")
                .self_score("total", "97.5"),
            ("self-computed-differ", SHEET, "F10"),
        ),
        (
            "group",
            c().self_score("2", "30").self_score("total", "98"),
            ("group-sum-mismatch", SHEET, "F9"),
        ),
        (
            "total",
            c().self_score("total", "95"),
            ("total-mismatch", SHEET, "F26"),
        ),
        (
            "class",
            Spec {
                class: "Khá".into(),
                ..c()
            },
            ("classification-mismatch", SHEET, "F27"),
        ),
        (
            "missing-score",
            c().self_score("3b", "")
                .self_score("3", "")
                .self_score("total", ""),
            ("missing-self-score", SHEET, "F24"),
        ),
        (
            "count-invalid",
            c().evidence("2c", "49.5"),
            ("count-invalid", SHEET, "D12"),
        ),
        (
            "1c-above-4",
            c().evidence("1c", "5"),
            ("count-invalid", SHEET, "D8"),
        ),
        (
            "above-total",
            c().evidence("2b", "52"),
            ("count-above-total", SHEET, "D11"),
        ),
        (
            "pct-range",
            c().percent("2a", "120%"),
            ("percent-out-of-range", SHEET, "E10"),
        ),
        (
            "pct-mismatch",
            c().percent("2a", "90%"),
            ("percent-mismatch", SHEET, "E10"),
        ),
        (
            "members-missing",
            // Blank in the table and in Phụ lục 1 ("Tổng số CB CC-VC" counts too).
            Spec {
                members: "".into(),
                ..c().pl1(0, "")
            },
            ("members-missing", SHEET, "D10"),
        ),
        ("dues", c().pl1(4, "500000"), ("dues-mismatch", pl1, "B6")),
        (
            "balance",
            c().pl1(13, "400000"),
            ("balance-mismatch", pl1, "B15"),
        ),
        (
            "payers",
            c().pl1(3, "46").pl1(4, "552000"),
            ("payers-exceed-members", pl1, "B5"),
        ),
        (
            "party",
            c().pl1(6, "21"),
            ("party-members-exceed", pl1, "B8"),
        ),
        (
            "pl1-negative",
            c().pl1(7, "-2"),
            ("count-invalid", pl1, "B9"),
        ),
        (
            "dossier",
            {
                let mut s = c();
                s.dossier[3].1 = "Không".into();
                s
            },
            ("dossier-incomplete", "Hồ sơ", "B5"),
        ),
        (
            // Left unmarked: pointed at by its label (the mark cell is empty).
            "dossier-unmarked",
            {
                let mut s = c();
                s.dossier[1].1 = "".into();
                s
            },
            ("dossier-incomplete", "Hồ sơ", "A3"),
        ),
        (
            "dossier-none",
            Spec {
                dossier: Vec::new(),
                ..c()
            },
            ("dossier-incomplete", SHEET, ""),
        ),
        (
            "missing-criterion",
            Spec {
                drop: vec!["2c".into()],
                ..c()
                    .self_score("2", "19")
                    .self_score("total", "87")
                    .self_score("2c", "")
            },
            ("missing-criterion", SHEET, ""),
        ),
        (
            "1c-zero",
            c().evidence("1c", "")
                .self_score("1c", "0")
                .self_score("1", "20")
                .self_score("total", "87"),
            ("score-unattainable", SHEET, "F8"),
        ),
    ];
    let mut failures = Vec::new();
    for (name, spec, (code, sheet, cell)) in cases {
        let f = d.join(format!("{name}.xlsx"));
        spec.write(&f);
        let (_, v) = check_json(&[&f], &[]);
        let got = sites(&v);
        if got != vec![site(code, sheet, cell)] {
            failures.push(format!("{name}: want {code} {sheet}!{cell}, got {got:?}"));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn year_and_unit_name() {
    let d = dir("year-unit");
    let f = d.join("a.xlsx");
    Spec::clean("Phòng Tư pháp").write(&f);
    let (code, v) = check_json(&[&f], &["--year", "2024"]);
    assert_eq!(sites(&v), vec![site("year-mismatch", SHEET, "A1")]);
    assert_eq!(code, 0, "a warning alone exits 0");
    let g = d.join("b.xlsx");
    Spec::clean("").write(&g);
    let (code, v) = check_json(&[&g], &[]);
    let codes: Vec<String> = sites(&v).into_iter().map(|s| s.0).collect();
    assert_eq!(codes, vec!["unit-name-missing".to_string()]);
    assert_eq!(code, 1);
}

#[test]
fn a_mixed_folder_is_checked_in_one_run_with_every_file_accounted_for() {
    let d = dir("mixed");
    Spec::clean("Phòng Tư pháp").write(&d.join("01-tu-phap.xlsx"));
    Spec::clean("Phòng Nội vụ").write(&d.join("02-noi-vu.xlsx"));
    // The same unit again, resent with its name typed differently.
    Spec::clean("phong tu  PHAP").write(&d.join("03-tu-phap-gui-lai.xlsx"));
    // Saved a day before the resend.
    let day_before = std::time::SystemTime::now() - std::time::Duration::from_secs(86_400);
    std::fs::File::options()
        .write(true)
        .open(d.join("01-tu-phap.xlsx"))
        .unwrap()
        .set_modified(day_before)
        .unwrap();
    std::fs::write(
        d.join("04-html.xls"),
        "<html><body><table><tr><td>Đơn vị</td></tr></table></body></html>",
    )
    .unwrap();
    std::fs::write(d.join("05-rong.xlsx"), b"").unwrap();
    std::fs::write(d.join("~$01-tu-phap.xlsx"), b"lock").unwrap();
    std::fs::write(d.join("06-cong-van.pdf"), b"%PDF-1.4\n").unwrap();
    std::fs::write(d.join("07-thu.eml"), b"From: a@b\n\nhi\n").unwrap();
    // A form cut off in transit, and a password-protected workbook.
    let whole = std::fs::read(d.join("02-noi-vu.xlsx")).unwrap();
    std::fs::write(d.join("09-cat-ngang.xlsx"), &whole[..whole.len() / 2]).unwrap();
    std::fs::copy(
        corpus_support::calamine_file("pass_protected.xlsx"),
        d.join("10-mat-khau.xlsx"),
    )
    .unwrap();
    let mut blank = rust_xlsxwriter::Workbook::new();
    blank.add_worksheet().write_string(0, 0, "Ghi chú").unwrap();
    blank.save(d.join("08-khong-co-bang.xlsx")).unwrap();

    let (code, v) = check_json(&[&d], &[]);
    assert_eq!(code, 1, "{v:#}");
    let files = v["files"].as_array().unwrap();
    let by_name = |n: &str| {
        files
            .iter()
            .find(|e| e["file"].as_str().unwrap().ends_with(n))
            .unwrap_or_else(|| panic!("{n} missing from {v:#}"))
    };
    let codes = |e: &Value| -> Vec<String> {
        e["findings"]
            .as_array()
            .unwrap()
            .iter()
            .map(|f| f["code"].as_str().unwrap().to_string())
            .collect()
    };
    assert_eq!(files.len(), 11, "one entry per file: {v:#}");
    // The resend is newer: it counts, the first form is superseded by it.
    assert_eq!(by_name("01-tu-phap.xlsx")["status"], "superseded");
    assert_eq!(codes(by_name("01-tu-phap.xlsx")), vec!["superseded"]);
    assert!(
        by_name("01-tu-phap.xlsx")["superseded_by"]
            .as_str()
            .unwrap()
            .ends_with("03-tu-phap-gui-lai.xlsx")
    );
    assert_eq!(by_name("03-tu-phap-gui-lai.xlsx")["status"], "ok");
    let dup = by_name("01-tu-phap.xlsx")["findings"][0]["message"]
        .as_str()
        .unwrap();
    assert!(dup.contains("03-tu-phap-gui-lai.xlsx"), "{dup}");
    assert_eq!(by_name("02-noi-vu.xlsx")["status"], "ok");
    assert_eq!(by_name("04-html.xls")["status"], "unreadable");
    assert_eq!(by_name("05-rong.xlsx")["status"], "unreadable");
    for n in ["04-html.xls", "05-rong.xlsx"] {
        assert_eq!(codes(by_name(n)), vec!["not-a-spreadsheet"], "{n}");
    }
    assert_eq!(by_name("09-cat-ngang.xlsx")["status"], "unreadable");
    assert_eq!(codes(by_name("09-cat-ngang.xlsx")), vec!["unreadable"]);
    assert_eq!(by_name("10-mat-khau.xlsx")["status"], "unreadable");
    assert_eq!(codes(by_name("10-mat-khau.xlsx")), vec!["encrypted"]);
    for n in ["~$01-tu-phap.xlsx", "06-cong-van.pdf", "07-thu.eml"] {
        assert_eq!(by_name(n)["status"], "skipped");
        assert_eq!(codes(by_name(n)), vec!["skipped"]);
    }
    assert_eq!(by_name("08-khong-co-bang.xlsx")["status"], "errors");
    assert_eq!(
        codes(by_name("08-khong-co-bang.xlsx")),
        vec!["no-rubric-table"]
    );
    let s = &v["summary"];
    let got: Vec<i64> = [
        "files",
        "ok",
        "warnings",
        "errors",
        "skipped",
        "unreadable",
        "superseded",
    ]
    .iter()
    .map(|k| s[*k].as_i64().unwrap())
    .collect();
    assert_eq!(got, vec![11, 2, 0, 1, 3, 4, 1]);

    // The same run for people: grouped by file, errors first, one summary line.
    let (code, text, _) = dvht(&["check"], &[&d]);
    assert_eq!(code, 1);
    assert!(!text.contains('\x1b'), "no colour when not a terminal");
    let last = text.lines().last().unwrap();
    assert_eq!(
        last,
        "Đã kiểm tra 11 tệp: 2 không có phát hiện, 0 có cảnh báo, 1 có lỗi, 3 bỏ qua, 4 không đọc được, 1 bản cũ đã được thay bằng bản gửi sau."
    );
    let (_, en, _) = dvht(&["--lang", "en", "check"], &[&d]);
    assert!(
        en.lines()
            .last()
            .unwrap()
            .starts_with("Checked 11 files: 2 ok")
    );
    assert!(
        en.contains("The unit sent a newer form") && en.contains("counted nowhere"),
        "{en}"
    );
}

#[test]
fn messages_follow_the_language() {
    let d = dir("lang");
    let f = d.join("a.xlsx");
    Spec::clean("Phòng Tư pháp")
        .self_score("2a", "10")
        .self_score("2", "29.5")
        .self_score("total", "97.5")
        .write(&f);
    let (code, vi) = check_json(&[&f], &[]);
    assert_eq!(code, 0);
    let m = vi["files"][0]["findings"][0]["message"].as_str().unwrap();
    assert!(
        m.contains("Sửa điểm tự chấm ở ô F10 thành 9,5 hoặc bổ sung minh chứng"),
        "{m}"
    );
    let (_, en) = check_json(&[&f], &["--lang", "en"]);
    let m = en["files"][0]["findings"][0]["message"].as_str().unwrap();
    assert!(m.starts_with("Cell F10 (sheet 'Tự đánh giá')"), "{m}");
    assert!(m.contains("47/50 members = 94%"), "{m}");
}

#[test]
fn a_path_that_does_not_exist_is_exit_2() {
    let d = dir("missing");
    let (code, out, err) = dvht(&["check"], &[&d.join("khong-co.xlsx")]);
    assert_eq!(code, 2);
    assert!(out.is_empty());
    assert!(err.contains("khong-co.xlsx"), "{err}");
}

/// The 26 sample forms of `samples/` (written by samplegen): the units
/// without a deliberate mistake give no finding at all; the others give
/// exactly the findings their mistakes call for, at their cells.
#[test]
fn the_samples_clean_ones_give_nothing_and_each_mistake_is_found() {
    let samples = Path::new(env!("CARGO_MANIFEST_DIR")).join("samples");
    let (code, v) = check_json(&[&samples], &["--year", "2023"]);
    assert_eq!(code, 1, "samples 07, 17 and 22 hold errors");
    let files = v["files"].as_array().unwrap();
    assert_eq!(files.len(), 26);
    let ev = "Tự đánh giá";
    let pl = "Phụ lục 1";
    let hs = "Hồ sơ minh chứng";
    type Sites<'a> = Vec<(&'a str, &'a str, &'a str)>;
    let expected: Vec<(&str, Sites)> = vec![
        // "4,5" typed as text: Excel's SUM in the group row skips it (25),
        // and 17/18 members = 94,44 % is a full 5 on 2d.
        (
            "05-phong-giao-duc-dao-tao",
            vec![
                ("group-sum-mismatch", ev, "F13"),
                ("self-computed-differ", ev, "F17"),
            ],
        ),
        (
            "07-phong-lao-dong-tbxh",
            vec![("score-above-max", ev, "F15")],
        ),
        (
            "09-phong-kinh-te-ha-tang",
            vec![("missing-self-score", ev, "F29")],
        ),
        ("11-phong-y-te", vec![("dossier-incomplete", hs, "C8")]),
        (
            "13-trung-tam-y-te",
            vec![
                ("group-sum-mismatch", ev, "F13"),
                ("self-computed-differ", ev, "F14"),
            ],
        ),
        ("15-trung-tam-gdnn-gdtx", vec![("dues-mismatch", pl, "C10")]),
        // 55 of 52 members; its percentage (a formula) follows and is not
        // reported again; the self-score 10 cannot be checked against it.
        ("17-thcs-thi-tran", vec![("count-above-total", ev, "D16")]),
        (
            "19-tieu-hoc-nhi-thanh",
            vec![("classification-mismatch", ev, "F31")],
        ),
        ("20-mam-non-hoa-sen", vec![("balance-mismatch", pl, "C20")]),
        (
            "22-ubnd-xa-my-an",
            vec![("payers-exceed-members", pl, "C9")],
        ),
        (
            "24-ubnd-xa-long-thanh",
            vec![
                ("dossier-incomplete", hs, "C7"),
                ("dossier-incomplete", hs, "C9"),
            ],
        ),
    ];
    let mut failures = Vec::new();
    for spec in dvht::samplegen::district_specs() {
        let entry = files
            .iter()
            .find(|e| {
                e["file"]
                    .as_str()
                    .unwrap()
                    .ends_with(&format!("{}.xlsx", spec.file))
            })
            .unwrap_or_else(|| panic!("{} missing", spec.file));
        let got = sites(&serde_json::json!({ "files": [entry] }));
        let want: Vec<(String, String, String)> = expected
            .iter()
            .find(|(f, _)| *f == spec.file)
            .map(|(_, w)| w.iter().map(|(c, s, a)| site(c, s, a)).collect())
            .unwrap_or_default();
        if spec.quirks.is_empty() && !got.is_empty() {
            failures.push(format!("{} is clean but gave {got:?}", spec.file));
        } else if got != want {
            failures.push(format!("{}: want {want:?}, got {got:?}", spec.file));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// Self-scores and counts at the edge of what a decimal holds: findings, not
/// a crash, and the run goes on with the next file.
#[test]
fn values_in_the_octillions_are_findings_not_a_crash() {
    let d = dir("huge");
    let huge = "70000000000000000000000000000";
    Spec::clean("Phòng Tư pháp")
        .self_score("1a", huge)
        .self_score("1b", huge)
        .evidence("3c", huge)
        .pl1(3, huge)
        .write(&d.join("a.xlsx"));
    Spec::clean("Phòng Nội vụ").write(&d.join("b.xlsx"));
    let (code, v) = check_json(&[&d], &[]);
    assert_eq!(code, 1);
    let got = sites(&v);
    assert!(
        got.contains(&site("score-above-max", SHEET, "F6")),
        "{got:?}"
    );
    assert!(
        got.contains(&site("score-above-max", SHEET, "F7")),
        "{got:?}"
    );
    assert_eq!(v["files"][1]["status"], "ok");
}

#[test]
fn a_file_given_twice_is_read_once_not_a_duplicate_unit() {
    let d = dir("twice");
    let f = d.join("a.xlsx");
    Spec::clean("Phòng Tư pháp").write(&f);
    let (code, v) = check_json(&[&d, &f], &[]);
    assert_eq!(code, 0);
    // Listed twice (nothing given is dropped), read once: the second is
    // skipped, naming the first, and no form is its own duplicate.
    assert_eq!(v["files"].as_array().unwrap().len(), 2);
    assert_eq!(v["files"][0]["status"], "ok");
    assert_eq!(v["files"][1]["status"], "skipped");
    assert_eq!(sites(&v), vec![site("skipped", "", "")]);
    let message = v["files"][1]["findings"][0]["message"].as_str().unwrap();
    assert!(message.contains("cùng một tệp với"), "{message}");
    assert!(message.contains(&f.display().to_string()), "{message}");
}
