//! Forms as they arrive: a saved message (.eml), a mailbox exported from a
//! mail client (.mbox) and a "download all attachments" archive (.zip),
//! built at test time by Python's own email, mailbox and zipfile packages
//! (tests/containers_support/make_mail.py), read with their provenance;
//! a resend supersedes the older form, a tie is a finding, never a double
//! count.

mod consolidate_support;

use consolidate_support::{Book, Unit, dvht, write_form};
use serde_json::Value;
use std::ffi::OsStr;
use std::path::Path;
use std::process::Command;

/// The forms, then the containers built from them, in `dir/ho-so`.
fn mail_folder(dir: &Path) -> std::path::PathBuf {
    let forms = dir.join("forms");
    let input = dir.join("ho-so");
    std::fs::create_dir_all(&forms).unwrap();
    std::fs::create_dir_all(&input).unwrap();
    write_form(&forms, "tu-phap.xlsx", &Unit::new("Phòng Tư pháp"), 2023);
    // The first form of Phòng Nội vụ lacks 1a, 1b and 3b (70 points); the
    // one sent again five days later has them all (100).
    let old = Unit {
        no: &["1a", "1b", "3b"],
        ..Unit::new("Phòng Nội vụ")
    };
    write_form(&forms, "noi-vu-cu.xlsx", &old, 2023);
    write_form(&forms, "noi-vu-moi.xlsx", &Unit::new("PHÒNG NỘI VỤ"), 2023);
    write_form(
        &forms,
        "my-phu.xlsx",
        &Unit::new("Trường THCS Mỹ Phú"),
        2023,
    );
    write_form(&forms, "my-an.xlsx", &Unit::new("UBND xã Mỹ An"), 2023);
    write_form(
        &forms,
        "long-thanh.xlsx",
        &Unit::new("UBND xã Long Thạnh"),
        2023,
    );
    write_form(&forms, "y-te.xlsx", &Unit::new("Phòng Y tế"), 2023);
    let script =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/containers_support/make_mail.py");
    let o = Command::new("python3")
        .arg(&script)
        .arg(&forms)
        .arg(&input)
        .output()
        .expect("python3 is needed to build the test messages (.ci/run has it)");
    assert!(
        o.status.success(),
        "make_mail.py: {}",
        String::from_utf8_lossy(&o.stderr)
    );
    input
}

fn entries(v: &Value) -> &Vec<Value> {
    v["files"].as_array().unwrap()
}

fn codes(e: &Value) -> Vec<&str> {
    e["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["code"].as_str().unwrap())
        .collect()
}

#[test]
fn messages_mailboxes_and_archives_are_read_with_their_provenance() {
    let dir = tempfile::tempdir().unwrap();
    let input = mail_folder(dir.path());
    let o = dvht(&[OsStr::new("check"), input.as_os_str(), OsStr::new("--json")]);
    let v: Value = serde_json::from_slice(&o.stdout)
        .unwrap_or_else(|e| panic!("{e}: {}", String::from_utf8_lossy(&o.stderr)));
    let files = entries(&v);
    let shown: Vec<(String, String)> = files
        .iter()
        .map(|e| {
            let f = e["file"].as_str().unwrap();
            let f = f.rsplit_once("ho-so/").map(|x| x.1).unwrap_or(f);
            (f.to_string(), e["status"].as_str().unwrap().to_string())
        })
        .collect();
    let want: Vec<(&str, &str)> = vec![
        ("hop-thu.mbox › #1 › Nội vụ.xlsx", "superseded"),
        ("hop-thu.mbox › #2", "skipped"),
        ("hop-thu.mbox › #3 › Nội vụ (gửi lại).xlsx", "ok"),
        ("hop-thu.mbox › #3 › Công văn.pdf", "skipped"),
        (
            "hop-thu.mbox › #4 › Hồ sơ Mỹ Phú.zip › Biểu mẫu/Mỹ Phú.xlsx",
            "ok",
        ),
        (
            "hop-thu.mbox › #4 › Hồ sơ Mỹ Phú.zip › lop-trong.zip",
            "skipped",
        ),
        ("hop-thu.mbox › #5 › y-te.xlsx", "superseded"),
        ("hop-thu.mbox › #5 › y-te (1).xlsx", "warnings"),
        ("tai-ve.zip › UBND xã Mỹ An.xlsx", "ok"),
        ("tai-ve.zip › Long Thạnh.zip › Long Thạnh.xlsx", "ok"),
        ("tai-ve.zip › Long Thạnh.zip › sau-nua.zip", "skipped"),
        ("tai-ve.zip › ghi-chu.txt", "skipped"),
        (
            "thu-tu-phap.eml › Biểu mẫu tự đánh giá - Phòng Tư pháp.xlsx",
            "ok",
        ),
    ];
    let want: Vec<(String, String)> = want
        .into_iter()
        .map(|(a, b)| (a.to_string(), b.to_string()))
        .collect();
    assert_eq!(shown, want, "{v:#}");

    // The .eml: a base64 attachment named in RFC 2231 (UTF-8), the subject
    // in RFC 2047, the date with the sender's offset.
    let eml = &files[12]["source"];
    assert!(
        eml["container"]
            .as_str()
            .unwrap()
            .ends_with("thu-tu-phap.eml")
    );
    assert_eq!(eml["from"], "Phòng Tư pháp <tuphap@thuthua.gov.vn>");
    assert_eq!(eml["subject"], "Gửi biểu mẫu tự đánh giá ĐVHT năm 2023");
    assert_eq!(eml["date"], "2023-12-04T08:00:00+07:00");
    assert_eq!(
        eml["attachment"],
        "Biểu mẫu tự đánh giá - Phòng Tư pháp.xlsx"
    );
    assert_eq!(files[12]["unit"], "Phòng Tư pháp");
    assert_eq!(files[12]["total"]["final"], 100);

    // A message without a spreadsheet: listed, with its sender and subject.
    let none = &files[1];
    assert_eq!(
        none["source"]["from"],
        "UBND xã Mỹ Lạc <mylac@thuthua.gov.vn>"
    );
    assert_eq!(none["source"]["subject"], "Xin gia hạn nộp biểu mẫu");
    assert_eq!(none["source"]["message"], 2);
    let msg = none["findings"][0]["message"].as_str().unwrap();
    assert!(msg.contains("không có tệp bảng tính"), "{msg}");
    assert!(
        msg.contains("mylac@thuthua.gov.vn") && msg.contains("Xin gia hạn"),
        "{msg}"
    );

    // The resend: the newer form counts, the older is superseded by it.
    assert_eq!(files[0]["superseded_by"], files[2]["file"]);
    assert_eq!(codes(&files[0]), ["superseded"]);
    assert_eq!(files[0]["total"]["final"], 70);
    assert_eq!(files[2]["total"]["final"], 100);
    assert!(files[2].get("superseded_by").is_none());
    assert_eq!(files[2]["source"]["date"], "2023-12-06T09:15:00+07:00");

    // Two copies in one message (the same time): one counted, both told.
    assert_eq!(codes(&files[6]), ["duplicate-unit"]);
    assert_eq!(codes(&files[7]), ["duplicate-unit"]);
    assert_eq!(files[6]["superseded_by"], files[7]["file"]);

    // Nested archives: one level opened, the next listed.
    for i in [5, 10] {
        let m = files[i]["findings"][0]["message"].as_str().unwrap();
        assert!(m.contains("quá một cấp"), "{m}");
    }
    assert_eq!(files[9]["unit"], "UBND xã Long Thạnh");
    assert_eq!(v["summary"]["superseded"], 2);
    assert_eq!(v["summary"]["files"], 13);
}

#[test]
fn the_workbook_counts_each_unit_once_and_shows_where_forms_came_from() {
    let dir = tempfile::tempdir().unwrap();
    let input = mail_folder(dir.path());
    let out = dir.path().join("tong-hop.xlsx");
    let o = dvht(&[
        OsStr::new("consolidate"),
        input.as_os_str(),
        OsStr::new("-o"),
        out.as_os_str(),
        OsStr::new("--year"),
        OsStr::new("2023"),
    ]);
    let err = String::from_utf8_lossy(&o.stderr);
    assert_eq!(o.status.code(), Some(0), "{err}");
    let mut book = Book::open(&out);
    let summary = book.values("Tổng hợp");
    // Six units, each once: Nội vụ and Y tế are not counted twice.
    let mut names = Vec::new();
    let (header, _) = summary.find("STT").expect("the summary's header row");
    let mut r = header + 1;
    while !summary.text(r, 1).is_empty() {
        names.push(summary.text(r, 1));
        r += 1;
    }
    names.sort();
    assert_eq!(
        names,
        [
            "PHÒNG NỘI VỤ",
            "Phòng Tư pháp",
            "Phòng Y tế",
            "Trường THCS Mỹ Phú",
            "UBND xã Long Thạnh",
            "UBND xã Mỹ An"
        ],
        "{err}"
    );
    let files = book.values("Tệp");
    // The "Tệp" column holds the path as found: ".../ho-so/hop-thu.mbox › …".
    let c = 1;
    let r = (1..40)
        .find(|&r| {
            files
                .text(r, c)
                .ends_with("hop-thu.mbox › #1 › Nội vụ.xlsx")
        })
        .expect("the superseded form listed");
    assert_eq!(files.text(r, c + 1), "Bản cũ, đã thay");
    let notes = files.text(r, c + 4);
    assert!(
        notes.contains("Nguồn: thư của Phòng Nội vụ <noivu@thuthua.gov.vn>"),
        "{notes}"
    );
    assert!(notes.contains("Đã thay bằng bản gửi sau"), "{notes}");
}
