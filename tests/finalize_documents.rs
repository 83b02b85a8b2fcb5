//! `dvht finalize --documents DIR`: the submission, the draft recognition
//! decision with its list and the report, drawn from the year's samples
//! after the teams typed into the district workbook (with openpyxl). Each
//! paper is read back with python-docx and LibreOffice; what it must say is
//! computed here from `finalize --json` (the list, the figures, the
//! changes, the reasons) and from openpyxl's reading of the district
//! workbook ("Thống kê", for the Phụ lục 1 totals).

mod consolidate_support;
mod docx_support;
mod libreoffice_support;
mod living_support;

use docx_support::{assert_nd30, lines, table};
use dvht::documents::papers::finalize::{DECISION_FILE, REPORT_FILE, SUBMISSION_FILE};
use serde_json::{Value, json};
use std::ffi::OsStr;
use std::path::{Path, PathBuf};

const PAPERS: [&str; 3] = [SUBMISSION_FILE, DECISION_FILE, REPORT_FILE];

/// The samples consolidated for 2023, then typed into as the teams would:
/// a lower score for Phòng Tư pháp, and a team score on the criterion whose
/// error kept Trường THCS Thị trấn out (which resolves it).
fn typed_book(dir: &Path) -> PathBuf {
    let samples = Path::new(env!("CARGO_MANIFEST_DIR")).join("samples");
    let book = dir.join("tong-hop-2023.xlsx");
    let o = living_support::consolidate(&samples, &book, &["--district", "Thủ Thừa"]);
    assert!(book.exists(), "{}", String::from_utf8_lossy(&o.stderr));
    let typed = dir.join("tong-hop-2023-doan.xlsx");
    living_support::type_into(
        &book,
        &typed,
        &json!([
            { "unit": "Phòng Tư pháp", "id": "2a", "team": "5", "note": "thiếu minh chứng" },
            { "unit": "Trường THCS Thị trấn", "id": "2c", "team": 5 },
        ]),
    );
    typed
}

/// `dvht finalize BOOK -o RESULT --documents DOCS --json`, run in `dir`.
fn finalize(dir: &Path, book: &Path, result: &str, docs: &str) -> std::process::Output {
    consolidate_support::dvht(&[
        OsStr::new("finalize"),
        book.as_os_str(),
        OsStr::new("-o"),
        dir.join(result).as_os_str(),
        OsStr::new("--documents"),
        dir.join(docs).as_os_str(),
        OsStr::new("--json"),
    ])
}

/// A JSON number as the papers print it: "97,5", "100"; none: "—".
fn vi(n: &Value) -> String {
    if n.is_null() {
        return "—".into();
    }
    let d: rust_decimal::Decimal = n.to_string().parse().unwrap();
    d.normalize().to_string().replace('.', ",")
}

/// "03", "23", "0": how the papers count units.
fn count(n: u64) -> String {
    if n == 0 {
        return "0".into();
    }
    format!("{n:02}")
}

#[test]
fn the_papers_say_what_finalize_concluded() {
    let dir = tempfile::tempdir().unwrap();
    let book = typed_book(dir.path());
    let o = finalize(dir.path(), &book, "ket-qua.xlsx", "van-ban");
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(matches!(o.status.code(), Some(0 | 1)), "{err}");
    let j: Value = serde_json::from_slice(&o.stdout).unwrap();
    for p in PAPERS {
        assert!(err.contains(p), "{p} named on the terminal: {err}");
    }
    let units = j["units"].as_array().unwrap();
    assert_eq!(units.len(), 26);
    let by_name = |n: &str| units.iter().find(|u| u["unit"] == n).unwrap();
    // What the teams typed took effect (else this test tests nothing).
    assert_eq!(by_name("Trường THCS Thị trấn")["recognized"], true);
    assert_eq!(by_name("Phòng Tư pháp")["changes"][0]["id"], "2a");
    // A sample whose dossier is incomplete, for the report's check below.
    assert!(
        by_name("Phòng Y tế")["findings"]
            .as_array()
            .unwrap()
            .iter()
            .any(|f| f["code"] == "dossier-incomplete")
    );
    let refused: Vec<&Value> = units.iter().filter(|u| u["recognized"] != true).collect();
    assert!(!refused.is_empty());

    if !docx_support::python_docx() {
        return;
    }
    let files: Vec<PathBuf> = PAPERS
        .iter()
        .map(|p| dir.path().join("van-ban").join(p))
        .collect();
    let read = docx_support::read(&files);
    assert_nd30(&read[0], "Phòng Giáo dục và Đào tạo");
    assert_nd30(&read[1], "Ủy ban nhân dân huyện Thủ Thừa");
    assert_nd30(
        &read[2],
        "Ban Chỉ đạo xây dựng xã hội học tập huyện Thủ Thừa",
    );
    for (r, kind) in read.iter().zip(["TỜ TRÌNH", "QUYẾT ĐỊNH", "BÁO CÁO"]) {
        let text = lines(r);
        assert!(text.iter().any(|l| l == kind), "{kind}");
        assert!(
            text.join("\n").contains("“Đơn vị học tập” năm 2023"),
            "{kind}"
        );
    }

    // The decision's list: every recognised unit, in the JSON's order (the
    // final ranking), with its final total and classification; no other.
    let decision = &read[1];
    let tables = decision["tables"].as_array().unwrap().len();
    let list = table(decision, tables - 1);
    let mut want = vec![vec![
        "STT".to_string(),
        "Tên đơn vị".into(),
        "Tổng điểm".into(),
        "Xếp loại".into(),
    ]];
    for (i, u) in units.iter().filter(|u| u["recognized"] == true).enumerate() {
        want.push(vec![
            (i + 1).to_string(),
            u["unit"].as_str().unwrap().to_string(),
            vi(&u["total"]["final"]),
            u["classification"].as_str().unwrap().to_string(),
        ]);
    }
    assert_eq!(list, want);
    // A list this long runs over pages (its heading repeated); a short
    // table, as the report's Phụ lục 1 totals, is kept on one page.
    assert!(want.len() > 17);
    assert_eq!(decision["kept_together"][tables - 1], false);
    let rep_tables = read[2]["tables"].as_array().unwrap().len();
    assert_eq!(read[2]["kept_together"][rep_tables - 2], true);
    let all = lines(decision).join("\n");
    for u in &refused {
        let name = u["unit"].as_str().unwrap();
        assert!(!all.contains(name), "{name} is not recognised");
    }
    let n_rec = j["summary"]["recognized"].as_u64().unwrap();
    assert!(all.contains(&format!("đối với {} cơ quan, đơn vị", count(n_rec))));
    assert!(all.contains("DỰ THẢO"));

    // The submission: figures by classification, and every unit left out
    // with its total.
    let sub = lines(&read[0]).join("\n");
    let by_class = j["summary"]["by_classification"].as_object().unwrap();
    for (c, n) in by_class {
        let n = n.as_u64().unwrap();
        let said = sub.contains(&format!("{c}: {} đơn vị", count(n)));
        assert_eq!(said, n > 0, "{c}: {n}: {sub}");
    }
    assert!(sub.contains("Kính gửi: Ủy ban nhân dân huyện Thủ Thừa."));
    for u in &refused {
        let line = format!(
            "- {} (tổng điểm {}): ",
            u["unit"].as_str().unwrap(),
            vi(&u["total"]["final"])
        );
        assert!(sub.contains(&line), "{line}");
    }
    // A form's error said in plain words, not by its cell.
    assert!(
        sub.contains("- UBND xã Mỹ An (tổng điểm 87,5): biểu mẫu còn sai sót chưa được khắc phục (số liệu hội viên ở Phụ lục 1 chưa hợp lý)."),
        "{sub}"
    );
    report_holds(&read[2], &j, &book);
}

/// The report: the classification table, each team change, each unit
/// left out, the Phụ lục 1 totals as openpyxl reads them on "Thống kê".
fn report_holds(rep: &Value, j: &Value, book: &Path) {
    let units = j["units"].as_array().unwrap();
    let n = units.len() as u64;
    let figures = table(rep, 1);
    assert_eq!(figures[0], ["Xếp loại", "Số đơn vị", "Tỷ lệ (%)"]);
    for (c, k) in j["summary"]["by_classification"].as_object().unwrap() {
        let k = k.as_u64().unwrap();
        let row = figures.iter().find(|r| r[0] == *c).unwrap();
        assert_eq!(row[1], count(k), "{c}");
        // The share, one decimal, computed here in tenths of a per cent.
        let tenths = (k * 1000 * 2 + n) / (2 * n);
        let share = if tenths.is_multiple_of(10) {
            (tenths / 10).to_string()
        } else {
            format!("{},{}", tenths / 10, tenths % 10)
        };
        assert_eq!(row[2], share, "{c}");
    }
    assert_eq!(figures.last().unwrap()[1], count(n));
    let text = lines(rep).join("\n");
    for u in units {
        for ch in u["changes"].as_array().unwrap() {
            let s = format!(
                "tiêu chí {} Đoàn kiểm tra chấm {} điểm (đơn vị đề xuất {})",
                ch["id"].as_str().unwrap(),
                vi(&ch["team"]),
                vi(&ch["proposed"])
            );
            assert!(text.contains(&s), "{s}");
        }
        let name = u["unit"].as_str().unwrap();
        if u["recognized"] != true {
            assert!(text.contains(&format!("- {name} (tổng điểm")), "{name}");
        }
        // An incomplete dossier (a finding of the form no team resolved) is
        // among what the unit must improve, said in plain words.
        let dossier = u["findings"]
            .as_array()
            .unwrap()
            .iter()
            .any(|f| f["code"] == "dossier-incomplete" && f["resolved"] != true);
        let line = lines(rep)
            .into_iter()
            .find(|l| l.starts_with(&format!("- {name}: ")));
        if dossier {
            let line = line.unwrap_or_else(|| panic!("{name} must improve"));
            assert!(line.contains("hồ sơ minh chứng chưa đầy đủ"), "{line}");
            assert!(!line.contains("Ô C"), "no cell addresses: {line}");
        }
    }
    // Phụ lục 1: the district workbook's own totals, row by row.
    let sheets = living_support::values(book);
    let stats = sheets["Thống kê"].as_array().unwrap();
    let at = stats
        .iter()
        .position(|r| r[0] == "Phụ lục 1 (toàn huyện)")
        .unwrap();
    let want: Vec<(String, String)> = stats[at + 1..]
        .iter()
        .filter(|r| r[0].is_string() && r[1].is_number())
        .map(|r| {
            let v = r[1].as_f64().unwrap();
            assert_eq!(v.fract(), 0.0);
            (r[0].as_str().unwrap().to_string(), thousands(v as u64))
        })
        .collect();
    assert!(want.len() >= 10, "{want:?}");
    let tables = rep["tables"].as_array().unwrap().len();
    let pl1 = table(rep, tables - 2);
    assert_eq!(pl1[0], ["STT", "Nội dung", "Toàn huyện"]);
    let got: Vec<(String, String)> = pl1[1..]
        .iter()
        .map(|r| (r[1].clone(), r[2].clone()))
        .collect();
    assert_eq!(got, want);
}

/// 14808000 → "14.808.000".
fn thousands(v: u64) -> String {
    let s = v.to_string();
    let mut out = String::new();
    for (i, ch) in s.chars().enumerate() {
        if i > 0 && (s.len() - i).is_multiple_of(3) {
            out.push('.');
        }
        out.push(ch);
    }
    out
}

#[test]
fn same_inputs_same_papers_and_nothing_of_the_office_is_lost() {
    let dir = tempfile::tempdir().unwrap();
    let book = typed_book(dir.path());
    assert!(matches!(
        finalize(dir.path(), &book, "kq-1.xlsx", "vb-1")
            .status
            .code(),
        Some(0 | 1)
    ));
    assert!(matches!(
        finalize(dir.path(), &book, "kq-2.xlsx", "vb-2")
            .status
            .code(),
        Some(0 | 1)
    ));
    for p in PAPERS {
        let a = std::fs::read(dir.path().join("vb-1").join(p)).unwrap();
        let b = std::fs::read(dir.path().join("vb-2").join(p)).unwrap();
        assert!(a == b, "{p}: two runs on the same inputs differ");
    }
    // The office's own file in the folder, and a paper it edited: the
    // first untouched, the second kept beside before the new one is written.
    let docs = dir.path().join("vb-1");
    std::fs::write(docs.join("ghi-chu.docx"), b"the office's").unwrap();
    std::fs::write(docs.join(REPORT_FILE), b"edited").unwrap();
    let before = std::fs::read(docs.join(DECISION_FILE)).unwrap();
    assert!(matches!(
        finalize(dir.path(), &book, "kq-1.xlsx", "vb-1")
            .status
            .code(),
        Some(0 | 1)
    ));
    assert_eq!(
        std::fs::read(docs.join("ghi-chu.docx")).unwrap(),
        b"the office's"
    );
    let kept = REPORT_FILE.replace(".docx", ".truoc.docx");
    assert_eq!(std::fs::read(docs.join(&kept)).unwrap(), b"edited");
    assert_eq!(std::fs::read(docs.join(DECISION_FILE)).unwrap(), before);
    let mut want: Vec<String> = PAPERS.iter().map(|p| p.to_string()).collect();
    want.extend(["ghi-chu.docx".into(), kept]);
    want.sort();
    assert_eq!(docx_support::file_names(&docs), want);
}

#[test]
fn an_open_paper_or_a_file_for_the_folder_stops_finalize_before_writing() {
    let dir = tempfile::tempdir().unwrap();
    let book = typed_book(dir.path());
    let docs = dir.path().join("van-ban");
    std::fs::create_dir_all(&docs).unwrap();
    std::fs::write(docs.join(format!(".~lock.{DECISION_FILE}#")), "").unwrap();
    let o = finalize(dir.path(), &book, "ket-qua.xlsx", "van-ban");
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("đang mở"));
    assert!(!dir.path().join("ket-qua.xlsx").exists(), "nothing written");
    assert!(!docs.join(SUBMISSION_FILE).exists());
    std::fs::write(dir.path().join("tep"), b"x").unwrap();
    let o = finalize(dir.path(), &book, "ket-qua.xlsx", "tep");
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("không phải thư mục"));
    assert!(!dir.path().join("ket-qua.xlsx").exists(), "nothing written");
}

#[test]
fn libreoffice_converts_the_final_papers() {
    let Some(soffice) =
        libreoffice_support::soffice_or_skip("LibreOffice conversion of the final papers")
    else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let book = typed_book(dir.path());
    let o = finalize(dir.path(), &book, "ket-qua.xlsx", "van-ban");
    assert!(matches!(o.status.code(), Some(0 | 1)));
    let files: Vec<PathBuf> = PAPERS
        .iter()
        .map(|p| dir.path().join("van-ban").join(p))
        .collect();
    docx_support::assert_pdfs(&soffice, &files, &dir.path().join("lo"));
    let text = libreoffice_support::docs_as_text(&soffice, &files, &dir.path().join("lo"));
    assert!(text[0].contains("TỜ TRÌNH"));
    assert!(text[1].contains("QUYẾT ĐỊNH") && text[1].contains("Trường THCS Thị trấn"));
    assert!(text[2].contains("BÁO CÁO") && text[2].contains("Phụ lục 1"));
}

#[test]
fn a_workbook_without_a_year_gives_the_papers_the_year_of_its_date_and_says_so() {
    let dir = tempfile::tempdir().unwrap();
    let samples = Path::new(env!("CARGO_MANIFEST_DIR")).join("samples");
    let book = dir.path().join("tong-hop.xlsx");
    // No --year: the workbook names none. Its date is SOURCE_DATE_EPOCH
    // (consolidate_support::dvht sets 1700000000: 14/11/2023).
    let o = consolidate_support::dvht(&[
        OsStr::new("consolidate"),
        samples.as_os_str(),
        OsStr::new("-o"),
        book.as_os_str(),
    ]);
    assert!(book.exists(), "{}", String::from_utf8_lossy(&o.stderr));
    let o = finalize(dir.path(), &book, "ket-qua.xlsx", "van-ban");
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        err.contains("Bảng tổng hợp không ghi năm đánh giá: văn bản ghi năm 2023"),
        "{err}"
    );
    if !docx_support::python_docx() {
        return;
    }
    let read = docx_support::read(&[dir.path().join("van-ban").join(SUBMISSION_FILE)]);
    let text = lines(&read[0]).join("\n");
    assert!(text.contains("“Đơn vị học tập” năm 2023"), "{text}");
}

#[test]
fn without_its_year_property_the_workbook_s_title_gives_the_year() {
    let dir = tempfile::tempdir().unwrap();
    let samples = Path::new(env!("CARGO_MANIFEST_DIR")).join("samples");
    // 2022, not the forms' 2023 nor the date's: only the title says it once
    // the property is gone (as a program that drops custom properties
    // would leave the file). The title is under the official heading.
    let o = consolidate_support::dvht(&[
        OsStr::new("consolidate"),
        samples.as_os_str(),
        OsStr::new("-o"),
        dir.path().join("b2022.xlsx").as_os_str(),
        OsStr::new("--year"),
        OsStr::new("2022"),
    ]);
    let b2022 = dir.path().join("b2022.xlsx");
    assert!(b2022.exists(), "{}", String::from_utf8_lossy(&o.stderr));
    let stripped = dir.path().join("khong-nam.xlsx");
    let py = r#"
import re, sys, zipfile
src, dst = sys.argv[1], sys.argv[2]
with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as zout:
    for i in zin.infolist():
        data = zin.read(i.filename)
        if i.filename == "docProps/custom.xml":
            text = data.decode("utf-8")
            new = re.sub(r'<property [^>]*name="Năm">.*?</property>', "", text)
            assert new != text, text
            data = new.encode("utf-8")
        zout.writestr(i, data)
"#;
    let out = std::process::Command::new("python3")
        .args(["-c", py])
        .arg(&b2022)
        .arg(&stripped)
        .output()
        .expect("python3");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let o = finalize(dir.path(), &stripped, "ket-qua.xlsx", "van-ban");
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(!err.contains("không ghi năm"), "{err}");
    if !docx_support::python_docx() {
        return;
    }
    let read = docx_support::read(&[dir.path().join("van-ban").join(DECISION_FILE)]);
    let text = lines(&read[0]).join("\n");
    assert!(text.contains("“Đơn vị học tập” năm 2022"), "{text}");
}
