//! `dvht plan --documents DIR`: the decision forming the teams (with the
//! schedule as annex) and the notice of the schedule, read back with
//! python-docx and LibreOffice and compared with the teams file written
//! here and with `plan --json`.

mod consolidate_support;
mod docx_support;
mod libreoffice_support;
mod plan_support;

use docx_support::{assert_nd30, lines, table};
use plan_support::{Day, TEAMS, os};
use serde_json::Value;
use std::collections::BTreeSet;

const DECISION: &str = "quyet-dinh-thanh-lap-doan-kiem-tra.docx";
const NOTICE: &str = "thong-bao-lich-kiem-tra.docx";

fn run(day: &Day, out: &str, docs: &str) -> std::process::Output {
    consolidate_support::dvht(&[
        os("plan"),
        day.book.as_os_str(),
        os("--teams"),
        day.teams.as_os_str(),
        os("-o"),
        day.path(out).as_os_str(),
        os("--documents"),
        day.path(docs).as_os_str(),
        os("--json"),
    ])
}

/// (time, unit, team) of every visit in `plan --json`.
fn visits(json: &Value) -> BTreeSet<(String, String, String)> {
    let mut all = BTreeSet::new();
    for t in json["teams"].as_array().unwrap() {
        for u in t["units"].as_array().unwrap() {
            all.insert((
                format!(
                    "{} – {}",
                    u["start"].as_str().unwrap(),
                    u["end"].as_str().unwrap()
                ),
                u["unit"].as_str().unwrap().to_string(),
                t["name"].as_str().unwrap().to_string(),
            ));
        }
    }
    all
}

#[test]
fn the_decision_and_the_notice_carry_the_teams_and_every_unit_once() {
    let day = Day::samples(TEAMS);
    let o = run(&day, "lich", "van-ban");
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    let json: Value = serde_json::from_slice(&o.stdout).unwrap();
    let want = visits(&json);
    assert_eq!(want.len(), 26);
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains(DECISION) && err.contains(NOTICE), "{err}");
    if !docx_support::python_docx() {
        return;
    }
    let read = docx_support::read(&[
        day.path("van-ban").join(DECISION),
        day.path("van-ban").join(NOTICE),
    ]);
    assert_nd30(&read[0], "Ủy ban nhân dân huyện Thủ Thừa");
    assert_nd30(
        &read[1],
        "Ban Chỉ đạo xây dựng xã hội học tập huyện Thủ Thừa",
    );
    // The members, as the teams file gives them.
    assert_eq!(
        table(&read[0], 1),
        vec![
            vec!["STT", "Họ và tên", "Đơn vị công tác", "Nhiệm vụ"],
            vec!["1", "Nguyễn Văn An", "Phòng GD&ĐT", "Trưởng đoàn"],
            vec!["2", "Trần Thị Bích", "Hội Khuyến học huyện", "Thành viên"],
            vec!["3", "Lê Văn Cường", "TT Y tế huyện", "Thư ký"],
        ]
    );
    assert_eq!(
        table(&read[0], 2),
        vec![
            vec!["STT", "Họ và tên", "Đơn vị công tác", "Nhiệm vụ"],
            vec![
                "1",
                "Phạm Văn Dũng",
                "Phòng Nội vụ huyện Thủ Thừa",
                "Trưởng đoàn"
            ],
            vec!["2", "Hồ Thị Em", "Phòng VH&TT", "Thành viên"],
            vec!["3", "Võ Văn Phúc", "Hội Khuyến học huyện", "Thư ký"],
        ]
    );
    // The annex (tables 4 and 5, after the header, the teams and the foot):
    // every visit of the JSON, once, under its team.
    let mut annex = BTreeSet::new();
    for (k, team) in [(4, "Đoàn 1"), (5, "Đoàn 2")] {
        let rows = table(&read[0], k);
        assert_eq!(rows[0], ["STT", "Thời gian", "Đơn vị được kiểm tra"]);
        for r in &rows[1..] {
            assert!(annex.insert((r[1].clone(), r[2].clone(), team.to_string())));
        }
    }
    assert_eq!(annex, want);
    let text = lines(&read[0]).join("\n");
    assert!(text.contains("Thành lập 02 Đoàn kiểm tra"));
    assert!(text.contains("thứ Sáu ngày 15/12/2023, tại Phòng Giáo dục và Đào tạo huyện Thủ Thừa"));
    // The notice: every visit once, in time order.
    let rows = table(&read[1], 1);
    let notice: Vec<(String, String, String)> = rows[1..]
        .iter()
        .map(|r| (r[1].clone(), r[2].clone(), r[3].clone()))
        .collect();
    assert_eq!(notice.iter().cloned().collect::<BTreeSet<_>>(), want);
    assert_eq!(notice.len(), 26);
    assert!(
        notice.windows(2).all(|w| w[0].0[..5] <= w[1].0[..5]),
        "in time order: {notice:?}"
    );
    let text = lines(&read[1]).join("\n");
    assert!(text.contains("1. Thời gian: thứ Sáu ngày 15/12/2023."));
    assert!(text.contains(
        "- Quyết định thành lập Ban Khuyến học cơ quan (kèm danh sách hội viên) năm 2023;"
    ));
}

#[test]
fn an_open_paper_stops_plan_before_anything_is_written() {
    let day = Day::samples(TEAMS);
    let docs = day.path("van-ban");
    std::fs::create_dir_all(&docs).unwrap();
    std::fs::write(docs.join(format!(".~lock.{NOTICE}#")), "").unwrap();
    let o = run(&day, "lich", "van-ban");
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("đang mở"));
    assert!(
        !day.path("lich").exists(),
        "the schedule is not written either"
    );
    assert!(!docs.join(DECISION).exists());
}

#[test]
fn libreoffice_converts_the_plan_papers() {
    let Some(soffice) =
        libreoffice_support::soffice_or_skip("LibreOffice conversion of the plan papers")
    else {
        return;
    };
    let day = Day::samples(TEAMS);
    assert_eq!(run(&day, "lich", "lich").status.code(), Some(0));
    let files = [
        day.path("lich").join(DECISION),
        day.path("lich").join(NOTICE),
    ];
    docx_support::assert_pdfs(&soffice, &files, &day.path("lo"));
    let text = libreoffice_support::docs_as_text(&soffice, &files, &day.path("lo"));
    assert!(text[0].contains("QUYẾT ĐỊNH"));
    assert!(text[1].contains("THÔNG BÁO"));
}

#[test]
fn the_same_plan_gives_the_same_bytes() {
    let day = Day::samples(TEAMS);
    assert_eq!(run(&day, "lich-1", "van-ban-1").status.code(), Some(0));
    assert_eq!(run(&day, "lich-2", "van-ban-2").status.code(), Some(0));
    for name in [DECISION, NOTICE] {
        let a = std::fs::read(day.path("van-ban-1").join(name)).unwrap();
        let b = std::fs::read(day.path("van-ban-2").join(name)).unwrap();
        assert!(a == b, "{name}: two runs on the same inputs differ");
    }
    // Papers again into the same folder (the workbooks into a new one: plan
    // never replaces those): dvht's own and equal, nothing kept beside.
    assert_eq!(run(&day, "lich-3", "van-ban-1").status.code(), Some(0));
    let mut names: Vec<String> = std::fs::read_dir(day.path("van-ban-1"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().to_string())
        .collect();
    names.sort();
    assert_eq!(names, [DECISION, NOTICE]);
}
