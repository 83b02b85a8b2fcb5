//! The rough edges a new user met in the first hour (issue 15), one test
//! each, asserting the behaviour that replaced them. (`check --year 23`
//! refused: tests/year.rs.)

mod consolidate_support;

use consolidate_support::{Book, dvht};
use std::ffi::OsStr;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

fn repo(p: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join(p)
}

fn run(args: &[&str]) -> (Option<i32>, String, String) {
    let args: Vec<&OsStr> = args.iter().map(OsStr::new).collect();
    let o = dvht(&args);
    (
        o.status.code(),
        String::from_utf8_lossy(&o.stdout).into_owned(),
        String::from_utf8_lossy(&o.stderr).into_owned(),
    )
}

fn s(p: &Path) -> &str {
    p.to_str().unwrap()
}

#[test]
fn argument_errors_are_in_vietnamese_and_in_english_with_lang_en() {
    let (code, out, err) = run(&["check"]);
    assert_eq!(code, Some(2));
    assert!(out.is_empty());
    assert_eq!(
        err,
        "lỗi: thiếu tham số bắt buộc:\n  <TỆP_HOẶC_THƯ_MỤC>...\n\n\
         Cách dùng: dvht check <TỆP_HOẶC_THƯ_MỤC>...\n\nXem thêm: dvht check --help\n"
    );
    let (code, _, err) = run(&["--lang", "en", "check"]);
    assert_eq!(code, Some(2));
    assert!(
        err.starts_with("error: the following required arguments were not provided:"),
        "{err}"
    );
    // Help too, and an unknown command with its suggestion.
    let (code, out, _) = run(&["help", "consolidate"]);
    assert_eq!(code, Some(0));
    assert!(out.contains("Cách dùng: dvht consolidate") && out.contains("Tùy chọn:"));
    assert!(!out.contains("Usage") && !out.contains("Options"), "{out}");
    let (code, _, err) = run(&["chek", "ho-so"]);
    assert_eq!(code, Some(2));
    assert!(
        err.contains("không có lệnh 'chek'") && err.contains("'check'"),
        "{err}"
    );
}

#[test]
fn score_in_english_calls_the_proposed_score_proposed() {
    let form = repo("samples/03-phong-tu-phap.xlsx");
    let (code, out, _) = run(&["--lang", "en", "score", s(&form)]);
    assert_eq!(code, Some(0));
    let head = out.lines().nth(1).unwrap();
    assert!(head.contains("Self") && head.contains("Computed") && head.contains("Proposed"));
    assert!(!out.contains("Final"), "{out}");
    assert!(out.contains("Classification: Tốt (self-score) → Tốt (proposed score)"));
    let (_, out, _) = run(&["score", s(&form)]);
    assert!(out.lines().nth(1).unwrap().contains("Tính từ số liệu"));
    assert!(out.contains("Xếp loại: Tốt (điểm tự chấm) → Tốt (điểm đề xuất)"));
}

#[test]
fn the_findings_sheet_shows_each_code_beside_its_vietnamese_title() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("tong-hop.xlsx");
    let (code, _, err) = run(&["consolidate", s(&repo("samples")), "-o", s(&out)]);
    assert_eq!(code, Some(0), "{err}");
    let mut book = Book::open(&out);
    let g = book.values("Phát hiện");
    let (hr, issue) = g.find("Vấn đề").expect("a Vấn đề column");
    assert_eq!(g.text(hr, issue + 1), "Mã lỗi");
    // Sample 07 scores 2b above its maximum: its row, titled in Vietnamese.
    let row = (hr + 1..hr + 40)
        .find(|&r| g.text(r, issue + 1) == "score-above-max")
        .expect("the score-above-max finding");
    assert_eq!(g.text(row, issue), "Điểm tự chấm vượt điểm tối đa");
    // Every code has its title.
    for r in hr + 1..hr + 40 {
        if !g.text(r, issue + 1).is_empty() {
            assert!(!g.text(r, issue).is_empty(), "row {r}");
        }
    }
}

#[test]
fn template_never_replaces_a_units_filled_form_without_force() {
    let dir = tempfile::tempdir().unwrap();
    let form = dir.path().join("phong-tu-phap.xlsx");
    std::fs::copy(repo("samples/03-phong-tu-phap.xlsx"), &form).unwrap();
    let before = std::fs::read(&form).unwrap();
    let (code, _, err) = run(&["template", "-o", s(&form), "--year", "2023"]);
    assert_eq!(code, Some(2));
    assert!(
        err.contains("không ghi đè") && err.contains("--force"),
        "{err}"
    );
    assert_eq!(
        std::fs::read(&form).unwrap(),
        before,
        "the unit's form changed"
    );
    // A blank form dvht wrote is its own to replace, for another year too.
    let blank = dir.path().join("mau.xlsx");
    assert_eq!(
        run(&["template", "-o", s(&blank), "--year", "2023"]).0,
        Some(0)
    );
    assert_eq!(
        run(&["template", "-o", s(&blank), "--year", "2024"]).0,
        Some(0)
    );
    // Any other file, only with --force.
    let note = dir.path().join("ghi-chu.xlsx");
    std::fs::write(&note, b"not a workbook").unwrap();
    assert_eq!(run(&["template", "-o", s(&note)]).0, Some(2));
    assert_eq!(std::fs::read(&note).unwrap(), b"not a workbook");
    assert_eq!(run(&["template", "-o", s(&form), "--force"]).0, Some(0));
    assert_ne!(std::fs::read(&form).unwrap(), before);
    // consolidate likewise keeps a file that is not a district workbook.
    let (code, _, err) = run(&["consolidate", s(&repo("samples")), "-o", s(&blank)]);
    assert_eq!(code, Some(2), "{err}");
    assert!(err.contains("biểu mẫu trắng"), "{err}");
    // With --force a unit's form is replaced, and still kept beside, named
    // for what it is (a filled-in form, not a blank one).
    let unit = dir.path().join("don-vi.xlsx");
    std::fs::copy(repo("samples/03-phong-tu-phap.xlsx"), &unit).unwrap();
    let sent = std::fs::read(&unit).unwrap();
    let (code, _, err) = run(&[
        "consolidate",
        s(&repo("samples")),
        "-o",
        s(&unit),
        "--force",
    ]);
    assert_eq!(code, Some(0), "{err}");
    assert!(
        err.contains("đơn vị đã điền") && !err.contains("chưa điền"),
        "{err}"
    );
    let kept: Vec<PathBuf> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| s(p).contains("don-vi.truoc-"))
        .collect();
    assert_eq!(kept.len(), 1, "{kept:?}");
    assert_eq!(std::fs::read(&kept[0]).unwrap(), sent);
}

#[test]
fn an_output_name_must_fit_its_content() {
    let dir = tempfile::tempdir().unwrap();
    for name in ["mau.xls", "mau", "mau.ods"] {
        let out = dir.path().join(name);
        let (code, _, err) = run(&["template", "-o", s(&out)]);
        assert_eq!(code, Some(2), "{name}");
        assert!(err.contains("phải có đuôi .xlsx"), "{err}");
        assert!(!out.exists(), "{name} was written");
    }
    let (code, _, err) = run(&["consolidate", s(&repo("samples")), "-o", "tong-hop.xls"]);
    assert_eq!(code, Some(2));
    assert!(
        err.contains("tong-hop.xlsx"),
        "the fitting name is suggested: {err}"
    );
}

#[test]
fn a_bad_rubric_file_names_line_column_and_problem() {
    let dir = tempfile::tempdir().unwrap();
    let bad = dir.path().join("bad2.toml");
    std::fs::write(&bad, "title = \"x\"\nitems = [\n").unwrap();
    let (code, _, err) = run(&["--rubric", s(&bad), "rubric"]);
    assert_eq!(code, Some(2));
    assert!(
        err.contains(&format!(
            "tệp bộ tiêu chí {}, dòng 2, cột 10:",
            bad.display()
        )),
        "{err}"
    );
    assert!(
        err.contains("expected `]`") && err.contains("items = ["),
        "{err}"
    );
    // A rule of the rubric broken: the field at fault, in English too.
    let text = std::fs::read_to_string(repo("templates/rubric.toml")).unwrap();
    std::fs::write(&bad, text.replacen("total_max = 100", "total_max = 90", 1)).unwrap();
    let (_, _, err) = run(&["--lang", "en", "--rubric", s(&bad), "rubric"]);
    let line = text[..text.find("total_max").unwrap()]
        .matches('\n')
        .count()
        + 1;
    assert!(
        err.contains(&format!(
            "line {line}, column 1: the top-level items add up to 100, but total_max = 90"
        )),
        "{err}"
    );
}

#[test]
fn a_missing_output_folder_is_said_in_words_without_a_temporary_name() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("khong-co").join("x.xlsx");
    for args in [
        vec!["template", "-o", s(&out)],
        vec!["consolidate", s(&repo("samples")), "-o", s(&out)],
    ] {
        let (code, _, err) = run(&args);
        assert_eq!(code, Some(2), "{args:?}");
        assert!(
            err.contains("không tồn tại. Hãy tạo thư mục đó trước"),
            "{err}"
        );
        for raw in ["os error", "No such file", ".dvht-", "at path"] {
            assert!(!err.contains(raw), "{raw} in {err}");
        }
    }
    // A rubric file that is not there: the system's words only after ours.
    let (code, _, err) = run(&["--rubric", "khong-co.toml", "rubric"]);
    assert_eq!(code, Some(2));
    assert!(
        err.contains(
            "không đọc được tệp bộ tiêu chí khong-co.toml: không tìm thấy tệp hoặc thư mục ("
        ),
        "{err}"
    );
}

#[test]
fn every_command_follows_one_exit_status_rule() {
    let dir = tempfile::tempdir().unwrap();
    let samples = repo("samples");
    // Three samples hold an error-level finding (07, 17, 22): the commands
    // that judge forms say so with 1.
    for args in [
        vec!["check".to_string(), s(&samples).to_string()],
        vec![
            "score".to_string(),
            s(&samples.join("07-phong-lao-dong-tbxh.xlsx")).to_string(),
        ],
    ] {
        let a: Vec<&str> = args.iter().map(|x| x.as_str()).collect();
        assert_eq!(run(&a).0, Some(1), "{a:?}");
    }
    // A command that writes an output exits 0 when it wrote it, whatever
    // the forms held (their findings are in the workbook).
    let book = dir.path().join("a.xlsx");
    let (code, _, err) = run(&["consolidate", s(&samples), "-o", s(&book)]);
    assert_eq!(code, Some(0), "{err}");
    assert!(book.exists());
    // ... and the terminal says how many forms still have errors (07, 17, 22).
    assert!(err.contains("\n3 biểu mẫu còn lỗi cần đơn vị sửa"), "{err}");
    let form = dir.path().join("mau.xlsx");
    assert_eq!(run(&["template", "-o", s(&form)]).0, Some(0));
    assert!(form.exists());
    // Forms without an error: 0 from every command.
    let clean = dir.path().join("sach");
    std::fs::create_dir(&clean).unwrap();
    for f in ["01-van-phong-hdnd-ubnd.xlsx", "02-phong-noi-vu.xlsx"] {
        std::fs::copy(samples.join(f), clean.join(f)).unwrap();
    }
    let book = dir.path().join("b.xlsx");
    assert_eq!(run(&["check", s(&clean)]).0, Some(0));
    let (code, _, err) = run(&["consolidate", s(&clean), "-o", s(&book)]);
    assert_eq!(code, Some(0), "{err}");
    assert!(!err.contains("còn lỗi"), "{err}");
    assert!(book.exists());
    // The command could not do its job: 2 — a path that is not there, a
    // bad argument, an output it did not write (nothing written).
    assert_eq!(run(&["check", "khong-co"]).0, Some(2));
    assert_eq!(run(&["rubric", "--yaer"]).0, Some(2));
    let nowhere = dir.path().join("khong-co").join("c.xlsx");
    assert_eq!(
        run(&["consolidate", s(&samples), "-o", s(&nowhere)]).0,
        Some(2)
    );
    assert!(!nowhere.exists());
    let kept = dir.path().join("giu.xlsx");
    std::fs::copy(samples.join("03-phong-tu-phap.xlsx"), &kept).unwrap();
    assert_eq!(run(&["template", "-o", s(&kept)]).0, Some(2));
}

#[test]
fn score_on_a_folder_is_refused_naming_the_command_that_reads_folders() {
    let (code, out, err) = run(&["score", s(&repo("samples"))]);
    assert_eq!(code, Some(2));
    assert!(out.is_empty());
    assert!(
        err.contains("là một thư mục: lệnh score đọc một tệp biểu mẫu")
            && err.contains("dvht check"),
        "{err}"
    );
}

#[test]
fn a_dropped_folder_is_consolidated_in_it_with_name_and_year_explained() {
    let dir = tempfile::tempdir().unwrap();
    let folder = dir.path().join("ho-so");
    std::fs::create_dir(&folder).unwrap();
    for e in std::fs::read_dir(repo("samples")).unwrap() {
        let p = e.unwrap().path();
        std::fs::copy(&p, folder.join(p.file_name().unwrap())).unwrap();
    }
    // As Explorer starts it: paths only. Standard input is no console, so
    // it must not wait for Enter (a wait would hang here).
    let o = Command::new(env!("CARGO_BIN_EXE_dvht"))
        .arg(&folder)
        .stdin(Stdio::null())
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&o.stderr);
    assert_eq!(o.status.code(), Some(0), "{err}");
    let book = folder.join("tong-hop-2023.xlsx");
    assert!(book.exists(), "{err}");
    assert!(
        err.contains("Năm đánh giá: 2023 — năm ghi trên 26/26 biểu mẫu"),
        "{err}"
    );
    assert!(err.contains(&format!(
        "Bảng tổng hợp (ghi vào thư mục đã thả): {}",
        book.display()
    )));
    assert!(
        err.contains("Hạng Đơn vị") && err.contains("Phòng Giáo dục và Đào tạo"),
        "{err}"
    );
    assert!(!err.contains("Nhấn Enter"), "{err}");
    assert_eq!(Book::open(&book).sheets().len(), 26 + 4);
    // Dropped again (late forms): the same workbook, written again.
    let o = Command::new(env!("CARGO_BIN_EXE_dvht"))
        .arg(&folder)
        .stdin(Stdio::null())
        .output()
        .unwrap();
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    // Two files dropped: the workbook beside them.
    let o = Command::new(env!("CARGO_BIN_EXE_dvht"))
        .arg(folder.join("01-van-phong-hdnd-ubnd.xlsx"))
        .arg(folder.join("02-phong-noi-vu.xlsx"))
        .current_dir(dir.path())
        .stdin(Stdio::null())
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(0));
    assert!(String::from_utf8_lossy(&o.stderr).contains("năm ghi trên 2/2 biểu mẫu"));
}

#[test]
fn printing_names_wrap_sheet_names_are_cut_at_a_word_and_links_look_like_text() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("tong-hop.xlsx");
    assert_eq!(
        run(&["consolidate", s(&repo("samples")), "-o", s(&out)]).0,
        Some(0)
    );
    // Read by openpyxl, a reader independent of dvht's writer.
    let script = r#"
import sys, openpyxl
wb = openpyxl.load_workbook(sys.argv[1])
ws = wb["Tổng hợp"]
print("links", len(ws._hyperlinks))
for row in ws.iter_rows():
    for c in row:
        if isinstance(c.value, str) and c.value.startswith("=HYPERLINK("):
            f = c.font
            colour = f.color.rgb if f.color is not None and f.color.type == "rgb" else "-"
            print("name", c.alignment.wrap_text, f.u, colour, ws.row_dimensions[c.row].height, c.value)
for n in wb.sheetnames:
    print("sheet", n)
"#;
    let o = Command::new("python3")
        .args(["-c", script])
        .arg(&out)
        .output()
        .expect("python3 with openpyxl is needed by this test (.ci/run installs it)");
    let text = String::from_utf8_lossy(&o.stdout);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    assert!(text.contains("links 0"), "no hyperlink cells: {text}");
    let names: Vec<&str> = text.lines().filter(|l| l.starts_with("name ")).collect();
    assert_eq!(names.len(), 26, "{text}");
    for l in &names {
        // Wrapped, not underlined, not blue: printed like the text around it.
        assert!(l.starts_with("name True None -"), "{l}");
    }
    let long = names
        .iter()
        .find(|l| l.contains("Giáo dục thường xuyên"))
        .expect("the longest name");
    let height: f64 = long.split(' ').nth(4).unwrap().parse().unwrap();
    assert!(height >= 30.0, "two lines high: {long}");
    let sheets: Vec<&str> = text
        .lines()
        .filter_map(|l| l.strip_prefix("sheet "))
        .collect();
    for want in [
        "Phòng Lao động – Thương binh…",
        "Ủy ban Mặt trận Tổ quốc Việt…",
        "Trung tâm Giáo dục nghề nghiệp…",
    ] {
        assert!(sheets.contains(&want), "{want} in {sheets:?}");
    }
    for n in &sheets {
        assert!(n.chars().count() <= 31, "{n}");
    }
}
