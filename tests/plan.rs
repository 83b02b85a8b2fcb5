//! `dvht plan` on the 26 sample units with two teams whose members come from
//! four of them. Every rule is checked here from the JSON and the schedule
//! workbook alone, with this file's own reading of times and of which unit a
//! member comes from — not with the scheduler's or the agency matcher's.

mod consolidate_support;
mod plan_support;

use consolidate_support::{Book, filled};
use dvht::rubric::Rubric;
use dvht::template::form_bytes;
use plan_support::{Day, TEAMS};
use serde_json::Value;
use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

/// Which team may not inspect which unit: read by a person from the teams
/// file (plan_support::TEAMS: GD&ĐT and TT Y tế are in team 1; Nội vụ and VH&TT in team 2).
const OWN: [(&str, &str); 4] = [
    ("Phòng Giáo dục và Đào tạo", "Đoàn 1"),
    ("Trung tâm Y tế huyện", "Đoàn 1"),
    ("Phòng Nội vụ", "Đoàn 2"),
    ("Phòng Văn hóa và Thông tin", "Đoàn 2"),
];

/// "07:30" → minutes since midnight, read here independently.
fn minutes(t: &str) -> u32 {
    let (h, m) = t.split_once(':').unwrap();
    h.parse::<u32>().unwrap() * 60 + m.parse::<u32>().unwrap()
}

/// (team, unit, start, end) of every visit in the JSON.
fn visits(v: &Value) -> Vec<(String, String, u32, u32)> {
    let mut out = Vec::new();
    for t in v["teams"].as_array().unwrap() {
        for u in t["units"].as_array().unwrap() {
            out.push((
                t["name"].as_str().unwrap().to_string(),
                u["unit"].as_str().unwrap().to_string(),
                minutes(u["start"].as_str().unwrap()),
                minutes(u["end"].as_str().unwrap()),
            ));
        }
    }
    out
}

#[test]
fn twenty_six_units_two_teams_every_rule_holds() {
    let day = Day::samples(TEAMS);
    let units = &day.units;
    assert_eq!(units.len(), 26);
    let out = day.path("lich");
    let v = day.plan_ok(&out);
    assert_eq!(v["unscheduled"], serde_json::json!([]));
    let all = visits(&v);

    // Every unit exactly once.
    let mut seen: BTreeMap<&str, usize> = BTreeMap::new();
    for (_, u, _, _) in &all {
        *seen.entry(u.as_str()).or_default() += 1;
    }
    let expected: BTreeSet<&str> = units.keys().map(String::as_str).collect();
    assert_eq!(seen.keys().copied().collect::<BTreeSet<_>>(), expected);
    assert!(seen.values().all(|n| *n == 1), "{seen:?}");

    // Inside the sessions, and no overlap within a team.
    let sessions = [(450, 660), (810, 1020)];
    for (t, u, s, e) in &all {
        assert!(
            sessions.iter().any(|(a, b)| a <= s && e <= b),
            "{u} ({t}) at {s}–{e} is outside the sessions"
        );
    }
    for team in ["Đoàn 1", "Đoàn 2"] {
        let mut slots: Vec<(u32, u32)> = all
            .iter()
            .filter(|(t, ..)| t == team)
            .map(|(_, _, s, e)| (*s, *e))
            .collect();
        slots.sort();
        for w in slots.windows(2) {
            assert!(w[0].1 <= w[1].0, "{team}: {w:?} overlap");
        }
    }

    // Never to a team with a member from the unit's own agency.
    for (unit, barred) in OWN {
        let (t, ..) = all.iter().find(|(_, u, ..)| u == unit).unwrap();
        assert_ne!(
            t, barred,
            "{unit} inspected by {barred}, which has a member from it"
        );
    }

    // Slot lengths: 30 minutes for the forms with errors, 20 for the others.
    for (_, u, s, e) in &all {
        let want = if units[u] { 30 } else { 20 };
        assert_eq!(e - s, want, "{u}");
    }
    assert_eq!(units.values().filter(|e| **e).count(), 3);

    // Balanced: 23 × 20 + 3 × 30 = 550 minutes, at most one slot apart.
    let load = |team: &str| -> u32 {
        all.iter()
            .filter(|(t, ..)| t == team)
            .map(|(_, _, s, e)| e - s)
            .sum()
    };
    assert_eq!(load("Đoàn 1") + load("Đoàn 2"), 550);
    assert!(
        load("Đoàn 1").abs_diff(load("Đoàn 2")) <= 30,
        "{} / {}",
        load("Đoàn 1"),
        load("Đoàn 2")
    );

    // The members as given.
    assert_eq!(
        v["teams"][1]["members"][1],
        serde_json::json!({ "name": "Hồ Thị Em", "role": "Thành viên", "agency": "Phòng VH&TT" })
    );

    schedule_matches_json(&out.join("lich-kiem-tra.xlsx"), &all);
}

/// The schedule workbook says what the JSON says: the day's sheet in time
/// order, each team's sheet with its units, the longer slots noted.
fn schedule_matches_json(path: &Path, all: &[(String, String, u32, u32)]) {
    // Marked as dvht's own: never read as a form if it lies among them.
    assert_eq!(
        dvht::own::classify_file(path),
        Some(dvht::own::OwnKind::Schedule)
    );
    let mut book = Book::open(path);
    assert_eq!(book.sheets(), ["Lịch kiểm tra", "Đoàn 1", "Đoàn 2"]);
    let g = book.values("Lịch kiểm tra");
    let header = g.find("Thời gian").unwrap().0;
    let mut rows = Vec::new();
    for r in header + 1..header + 40 {
        let time = g.text(r, 1);
        let Some((s, e)) = time.split_once(" – ") else {
            continue;
        };
        rows.push((
            g.text(r, 3),
            g.text(r, 2),
            minutes(s),
            minutes(e),
            g.text(r, 4),
        ));
    }
    assert_eq!(rows.len(), all.len());
    assert!(rows.windows(2).all(|w| w[0].2 <= w[1].2), "time order");
    for (t, u, s, e, note) in &rows {
        assert!(all.contains(&(t.clone(), u.clone(), *s, *e)), "{u} {t} {s}");
        assert_eq!(note.is_empty(), e - s == 20, "{u}: note {note:?}");
    }
    for team in ["Đoàn 1", "Đoàn 2"] {
        let g = book.values(team);
        let mine: BTreeSet<&str> = all
            .iter()
            .filter(|(t, ..)| t == team)
            .map(|(_, u, ..)| u.as_str())
            .collect();
        let listed: BTreeSet<String> = g
            .cells
            .iter()
            .filter(|((_, c), _)| *c == 2)
            .map(|(k, _)| g.text(k.0, 2))
            .filter(|t| expected_unit(t, all))
            .collect();
        assert_eq!(
            listed.iter().map(String::as_str).collect::<BTreeSet<_>>(),
            mine,
            "{team}"
        );
    }
}

fn expected_unit(t: &str, all: &[(String, String, u32, u32)]) -> bool {
    all.iter().any(|(_, u, ..)| u == t)
}

/// 60 units of 20 minutes, two teams, two sessions of 3½ hours: ten units
/// per team and session, 40 in all. Worked out by hand: 30 units a team
/// need the afternoon to run 400 minutes from 13:30, to 20:10; three teams
/// take 20 each; fifteen 14-minute slots fill a session (15 minutes fit 14).
#[test]
fn an_impossible_day_writes_nothing_and_says_what_would_fit() {
    let forms = tempfile::tempdir().unwrap();
    let rubric = Rubric::builtin();
    for i in 1..=60 {
        let mut f = filled(&consolidate_support::Unit::new("x"), 2023);
        f.unit = format!("Trường Tiểu học số {i}");
        let bytes = form_bytes(&rubric, &f).unwrap();
        std::fs::write(forms.path().join(format!("{i:02}.xlsx")), bytes).unwrap();
    }
    let day = Day::new(forms.path(), TEAMS);
    let out = day.path("lich");
    let o = day.plan(&out, true);
    assert_eq!(o.status.code(), Some(2));
    assert!(!out.exists(), "nothing written, not even the folder");
    let err = String::from_utf8_lossy(&o.stderr);
    for want in [
        "chỉ xếp được 40/60 đơn vị",
        "20 đơn vị chưa có chỗ",
        "kéo dài buổi 13:30–17:00 đến 20:10",
        "thêm 1 đoàn",
        "rút thời gian mỗi đơn vị xuống 14 phút",
        "Chưa ghi tệp nào.",
    ] {
        assert!(err.contains(want), "{want:?} not in:\n{err}");
    }
    let v: Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v["unscheduled"].as_array().unwrap().len(), 20);
    assert_eq!(visits(&v).len(), 40);
    assert_eq!(v["unscheduled"][0]["reason"], "no-room");
}

#[test]
fn a_bad_teams_file_is_explained_line_by_line_and_nothing_is_written() {
    let bad = TEAMS
        .replace("slot_minutes = 20", "slot_minutes = \"20 phút\"")
        .replace("agency = \"Phòng VH&TT\"", "agency = \"\"");
    let day = Day::samples(&bad);
    let out = day.path("lich");
    let o = day.plan(&out, false);
    assert_eq!(o.status.code(), Some(2));
    assert!(!out.exists());
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        err.contains("dòng 3, cột 16, khóa slot_minutes: gặp một chuỗi"),
        "{err}"
    );
    assert!(
        err.contains("dòng 18, cột 55, khóa team[2].members[2].agency: giá trị \"\" không hợp lệ"),
        "{err}"
    );
}

#[test]
fn files_already_in_the_folder_are_never_replaced() {
    let day = Day::samples(TEAMS);
    let out = day.path("lich");
    std::fs::create_dir(&out).unwrap();
    std::fs::write(out.join("lich-kiem-tra.xlsx"), b"typed by a team").unwrap();
    let o = day.plan(&out, false);
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("lich-kiem-tra.xlsx"));
    assert_eq!(
        std::fs::read(out.join("lich-kiem-tra.xlsx")).unwrap(),
        b"typed by a team"
    );
    assert_eq!(
        std::fs::read_dir(&out).unwrap().count(),
        1,
        "no other file left behind"
    );
}

#[test]
fn the_same_inputs_give_the_same_bytes() {
    let day = Day::samples(TEAMS);
    let (a, b) = (day.path("a"), day.path("b"));
    assert_eq!(day.plan(&a, false).status.code(), Some(0));
    assert_eq!(day.plan(&b, false).status.code(), Some(0));
    let name = "lich-kiem-tra.xlsx";
    assert_eq!(
        std::fs::read(a.join(name)).unwrap(),
        std::fs::read(b.join(name)).unwrap()
    );
}

/// A team workbook given in place of the district workbook (it holds one
/// team's units only) and a teams file that is not there: refused, in
/// Vietnamese, nothing written.
#[test]
fn a_team_workbook_for_the_district_one_is_refused() {
    let day = Day::samples(TEAMS);
    let first = day.path("lich");
    assert_eq!(day.plan(&first, false).status.code(), Some(0));
    let out = day.path("lich-2");
    let o = plan_support::dvht_plan(&first.join("doan-1.xlsx"), &day.teams, &out);
    assert_eq!(o.status.code(), Some(2));
    assert!(!out.exists(), "nothing written");
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        err.contains("doan-1.xlsx là bảng chấm của một đoàn, không phải bảng tổng hợp của huyện"),
        "{err}"
    );
    let o = plan_support::dvht_plan(&day.book, &day.path("khong-co.toml"), &out);
    assert_eq!(o.status.code(), Some(2));
    assert!(!out.exists(), "nothing written");
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        err.contains("khong-co.toml: không tìm thấy tệp hoặc thư mục"),
        "{err}"
    );
}
