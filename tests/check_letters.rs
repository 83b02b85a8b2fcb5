//! `dvht check --letters DIR`: one letter per unit with findings, read back
//! with python-docx and LibreOffice. The units and cells expected are the
//! mistakes samplegen plants in samples/ (listed by hand in tests/samples.rs).

mod consolidate_support;
mod docx_support;
mod libreoffice_support;

use docx_support::{assert_nd30, lines};
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn samples() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("samples")
}

fn dvht(args: &[&str], dir: &Path) -> Output {
    Command::new(env!("CARGO_BIN_EXE_dvht"))
        .args(args)
        .current_dir(dir)
        .env("SOURCE_DATE_EPOCH", "1701993600")
        .env_remove("NO_COLOR")
        .output()
        .unwrap()
}

/// The samples copied into `dir/in`, with an unreadable file and a PDF.
fn inputs(dir: &Path) -> PathBuf {
    let input = dir.join("in");
    std::fs::create_dir_all(&input).unwrap();
    for e in std::fs::read_dir(samples()).unwrap() {
        let p = e.unwrap().path();
        std::fs::copy(&p, input.join(p.file_name().unwrap())).unwrap();
    }
    std::fs::write(input.join("hong.xlsx"), "không phải bảng tính").unwrap();
    std::fs::write(input.join("ghi-chu.pdf"), "%PDF-1.4").unwrap();
    input
}

/// The units whose sample carries a planted mistake, their letter's name,
/// and cells the letter must point at (with a word of what to fix).
type Expected = (
    &'static str,
    &'static str,
    &'static [(&'static str, &'static str)],
);
const EXPECTED: &[Expected] = &[
    (
        "cong-van-phong-giao-duc-va-dao-tao.docx",
        "Phòng Giáo dục và Đào tạo",
        &[],
    ),
    (
        "cong-van-phong-lao-dong-thuong-binh-va-xa-hoi.docx",
        "Phòng Lao động – Thương binh và Xã hội",
        &[],
    ),
    (
        "cong-van-phong-kinh-te-va-ha-tang.docx",
        "Phòng Kinh tế và Hạ tầng",
        &[],
    ),
    ("cong-van-phong-y-te.docx", "Phòng Y tế", &[]),
    (
        "cong-van-trung-tam-y-te-huyen.docx",
        "Trung tâm Y tế huyện",
        &[
            ("Ô F13, trang “Tự đánh giá”", "28,5"),
            ("Ô F14, trang “Tự đánh giá”", "9,5"),
        ],
    ),
    (
        "cong-van-trung-tam-giao-duc-nghe-nghiep-giao-duc-thuong-xuyen.docx",
        "Trung tâm Giáo dục nghề nghiệp – Giáo dục thường xuyên",
        &[("Ô C10, trang “Phụ lục 1”", "300.000")],
    ),
    (
        "cong-van-truong-thcs-thi-tran.docx",
        "Trường THCS Thị trấn",
        &[("Ô D16, trang “Tự đánh giá”", "52")],
    ),
    (
        "cong-van-truong-tieu-hoc-nhi-thanh.docx",
        "Trường Tiểu học Nhị Thành",
        &[("Ô F31, trang “Tự đánh giá”", "Tốt")],
    ),
    (
        "cong-van-truong-mam-non-hoa-sen.docx",
        "Trường Mầm non Hoa Sen",
        &[("Ô C20, trang “Phụ lục 1”", "2.998.000")],
    ),
    (
        "cong-van-ubnd-xa-my-an.docx",
        "UBND xã Mỹ An",
        &[("Ô C9, trang “Phụ lục 1”", "27")],
    ),
    (
        "cong-van-ubnd-xa-long-thanh.docx",
        "UBND xã Long Thạnh",
        &[
            ("Ô C7, trang “Hồ sơ minh chứng”", "Có"),
            ("Ô C9, trang “Hồ sơ minh chứng”", "Có"),
        ],
    ),
];

#[test]
fn one_letter_per_unit_with_findings_and_none_for_the_others() {
    let dir = tempfile::tempdir().unwrap();
    inputs(dir.path());
    let o = dvht(
        &[
            "check",
            "in",
            "--year",
            "2023",
            "--letters",
            "cong-van",
            "--deadline",
            "8/12/2023",
        ],
        dir.path(),
    );
    // Errors in the forms: exit 1, as without --letters.
    assert_eq!(
        o.status.code(),
        Some(1),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    let out = String::from_utf8_lossy(&o.stdout);
    assert!(
        out.contains("Công văn gửi đơn vị (12 đơn vị có biểu mẫu cần sửa)"),
        "{out}"
    );
    let mut want: Vec<String> = EXPECTED.iter().map(|e| e.0.to_string()).collect();
    want.push("cong-van-tep-hong-xlsx.docx".into());
    want.sort();
    assert_eq!(docx_support::file_names(&dir.path().join("cong-van")), want);

    if !docx_support::python_docx() {
        return;
    }
    let files: Vec<PathBuf> = EXPECTED
        .iter()
        .map(|e| dir.path().join("cong-van").join(e.0))
        .chain([dir.path().join("cong-van/cong-van-tep-hong-xlsx.docx")])
        .collect();
    let read = docx_support::read(&files);
    for ((name, unit, cells), r) in EXPECTED.iter().zip(&read) {
        assert_nd30(r, "Phòng Giáo dục và Đào tạo");
        let text = lines(r);
        let all = text.join("\n");
        assert!(
            text.iter().any(|l| *l == format!("Kính gửi: {unit}.")),
            "{name}: {all}"
        );
        assert!(all.contains("V/v điều chỉnh hồ sơ tự đánh giá"), "{name}");
        assert!(all.contains("trước ngày 08/12/2023"), "{name}");
        // Each planted mistake on a row of its own: where, and the value.
        let rows: Vec<Vec<String>> = (0..r["tables"].as_array().unwrap().len())
            .flat_map(|k| docx_support::table(r, k))
            .collect();
        // Quotation marks as an official paper prints them: “Có”.
        assert!(
            !rows
                .iter()
                .flatten()
                .any(|c| c.contains('"') || c.contains(" '")),
            "{name}: straight quotes in {rows:?}"
        );
        for (place, value) in *cells {
            assert!(
                rows.iter()
                    .any(|row| row.len() == 3 && row[1] == *place && row[2].contains(value)),
                "{name}: no row for {place} with {value}: {rows:?}"
            );
        }
    }
    // The unreadable file's letter: addressee left for the office.
    let hong = lines(read.last().unwrap()).join("\n");
    assert!(hong.contains("(đơn vị gửi tệp “hong.xlsx”)"), "{hong}");
    assert!(hong.contains("Cả tệp"), "{hong}");
}

#[test]
fn a_second_run_keeps_what_was_there_and_an_open_letter_stops_it() {
    let dir = tempfile::tempdir().unwrap();
    inputs(dir.path());
    let args = ["check", "in", "--letters", "cong-van"];
    assert_eq!(dvht(&args, dir.path()).status.code(), Some(1));
    let out = dir.path().join("cong-van");
    let letter = out.join("cong-van-phong-y-te.docx");
    let first = std::fs::read(&letter).unwrap();
    // Same inputs, same bytes: nothing kept beside.
    assert_eq!(dvht(&args, dir.path()).status.code(), Some(1));
    assert_eq!(std::fs::read(&letter).unwrap(), first);
    assert!(!out.join("cong-van-phong-y-te.truoc.docx").exists());
    // A letter the office edited is kept beside, never lost.
    std::fs::write(&letter, b"edited").unwrap();
    assert_eq!(dvht(&args, dir.path()).status.code(), Some(1));
    assert_eq!(
        std::fs::read(out.join("cong-van-phong-y-te.truoc.docx")).unwrap(),
        b"edited"
    );
    assert_eq!(std::fs::read(&letter).unwrap(), first);
    // A letter open in Word: nothing written, exit 2, say so.
    std::fs::write(out.join("~$ng-van-phong-y-te.docx"), b"").unwrap();
    std::fs::remove_file(out.join("cong-van-ubnd-xa-my-an.docx")).unwrap();
    let o = dvht(&args, dir.path());
    assert_eq!(o.status.code(), Some(2));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        err.contains("đang mở") && err.contains("cong-van-phong-y-te.docx"),
        "{err}"
    );
    assert!(!out.join("cong-van-ubnd-xa-my-an.docx").exists());
}

#[test]
fn settings_and_deadline_mistakes_are_refused_before_reading() {
    let dir = tempfile::tempdir().unwrap();
    inputs(dir.path());
    let o = dvht(
        &["check", "in", "--letters", "cv", "--deadline", "31/02/2023"],
        dir.path(),
    );
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("31/02/2023"));
    assert!(o.stdout.is_empty(), "nothing checked");
    std::fs::write(dir.path().join("s.toml"), "[issuers]\nletters = \"so\"\n").unwrap();
    let o = dvht(
        &["check", "in", "--letters", "cv", "--settings", "s.toml"],
        dir.path(),
    );
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("letters = \"so\""));
    assert!(!dir.path().join("cv").exists());
}

#[test]
fn a_renamed_office_signs_the_letters() {
    if !docx_support::python_docx() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("in");
    std::fs::create_dir_all(&input).unwrap();
    std::fs::copy(
        samples().join("11-phong-y-te.xlsx"),
        input.join("y-te.xlsx"),
    )
    .unwrap();
    // After 1 July 2025 the district's office is a commune's.
    std::fs::write(
        dir.path().join("xa.toml"),
        "place = \"Mỹ An\"\n[bodies.pgd]\nname = \"Phòng Văn hóa - Xã hội\"\nsuperior = \"UBND xã Mỹ An\"\nsymbol = \"VHXH\"\nsigner = \"Nguyễn Thị Hoa\"\n[letters]\ndays = 7\n",
    )
    .unwrap();
    let o = dvht(
        &[
            "check",
            "in",
            "--letters",
            "cv",
            "--settings",
            "xa.toml",
            "--json",
        ],
        dir.path(),
    );
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    // With --json, standard output is the JSON alone.
    let _: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let read = docx_support::read(&[dir.path().join("cv/cong-van-phong-y-te.docx")]);
    assert_nd30(&read[0], "Phòng Văn hóa - Xã hội");
    let text = lines(&read[0]).join("\n");
    assert!(text.contains("UBND XÃ MỸ AN"));
    assert!(text.contains("Số:        /VHXH"));
    assert!(text.contains("Mỹ An, ngày"));
    assert!(text.contains("Nguyễn Thị Hoa"));
    assert!(text.contains("trong thời hạn 07 ngày làm việc"));
    assert!(!text.contains("Giáo dục và Đào tạo"));
}

#[test]
fn libreoffice_converts_a_letter() {
    let Some(soffice) = libreoffice_support::soffice_or_skip("LibreOffice conversion of a letter")
    else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("in");
    std::fs::create_dir_all(&input).unwrap();
    std::fs::copy(
        samples().join("13-trung-tam-y-te.xlsx"),
        input.join("a.xlsx"),
    )
    .unwrap();
    assert_eq!(
        dvht(&["check", "in", "--letters", "cv"], dir.path())
            .status
            .code(),
        Some(0)
    );
    let letter = dir.path().join("cv/cong-van-trung-tam-y-te-huyen.docx");
    docx_support::assert_pdfs(&soffice, std::slice::from_ref(&letter), dir.path());
    let text = libreoffice_support::docs_as_text(&soffice, &[letter], dir.path());
    assert!(text[0].contains("Kính gửi: Trung tâm Y tế huyện."));
    assert!(text[0].contains("trong thời hạn 05 ngày làm việc"));
}

#[test]
fn a_resent_form_replaces_the_old_one_in_the_letters() {
    use consolidate_support::{Unit, write_form};
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("in");
    std::fs::create_dir_all(&input).unwrap();
    // The first form: 1a scored 12 of 10, 2b 4,5 where the rule gives 5.
    let old = Unit {
        self_over: &[("1a", "12"), ("2b", "4.5")],
        ..Unit::new("Phòng Tư pháp")
    };
    write_form(&input, "tu-phap.xlsx", &old, 2023);
    // The resend, a day later: 1a corrected, 2b still off.
    let new = Unit {
        self_over: &[("2b", "4.5")],
        ..Unit::new("Phòng Tư pháp")
    };
    write_form(&input, "tu-phap-gui-lai.xlsx", &new, 2023);
    let day = std::time::Duration::from_secs(86_400);
    let t = std::time::SystemTime::now() - day;
    std::fs::File::options()
        .write(true)
        .open(input.join("tu-phap.xlsx"))
        .unwrap()
        .set_modified(t - day)
        .unwrap();
    std::fs::File::options()
        .write(true)
        .open(input.join("tu-phap-gui-lai.xlsx"))
        .unwrap()
        .set_modified(t)
        .unwrap();
    let o = dvht(&["check", "in", "--letters", "cv"], dir.path());
    assert!(
        o.status.code().is_some_and(|c| c < 2),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    assert_eq!(
        docx_support::file_names(&dir.path().join("cv")),
        ["cong-van-phong-tu-phap.docx"]
    );
    if !docx_support::python_docx() {
        return;
    }
    let read = docx_support::read(&[dir.path().join("cv/cong-van-phong-tu-phap.docx")]);
    let text = lines(&read[0]).join("\n");
    assert!(text.contains("(tệp “tu-phap-gui-lai.xlsx”)"), "{text}");
    assert!(
        !text.contains("tu-phap.xlsx"),
        "the old form is not mentioned: {text}"
    );
    assert!(text.contains("biểu mẫu còn 01 nội dung"), "{text}");
    assert!(text.contains("4,5"), "{text}");
}
