//! Issue 11, part 1: re-running `consolidate` keeps everything the teams
//! typed. A team types into the workbook with a program other than dvht
//! (openpyxl, which leaves formulas without cached values; then, separately,
//! the same file saved again by LibreOffice): scores on two units, a note,
//! "9,5" typed as text, one value out of range, one on a unit about to be
//! withdrawn. Then a late form arrives and that unit's form is removed, and
//! consolidate runs again. In both layouts (a sheet per unit; "Chi tiết").
//! What the new workbook holds is read back with openpyxl, not dvht.

mod consolidate_support;
mod libreoffice_support;
mod living_support;

use consolidate_support::write_form;
use living_support::*;
use serde_json::{Value, json};
use std::path::Path;

fn edits() -> Value {
    json!([
        {"unit": "Phòng Tư pháp", "id": "1b", "team": 0, "note": "Chưa có quy định khuyến khích học tập"},
        {"unit": "Phòng Tư pháp", "id": "2a", "team": "9,5"},
        {"unit": "Phòng Nội vụ", "id": "3c", "team": 7},
        {"unit": "Phòng Nội vụ", "id": "1c", "team": 6},
        {"unit": "Phòng Y tế", "id": "1a", "team": 0}
    ])
}

#[derive(Clone, Copy, Debug, PartialEq)]
enum Writer {
    Openpyxl,
    LibreOffice,
}

fn rerun(writer: Writer, limit: &str) {
    let label = format!("{writer:?}, unit-sheet limit {limit}");
    let soffice = match writer {
        Writer::LibreOffice => match soffice() {
            Some(s) => Some(s),
            None => return,
        },
        Writer::Openpyxl => None,
    };
    let dir = tempfile::tempdir().unwrap();
    let forms = forms(dir.path());
    let out = dir.path().join("tong-hop-2023.xlsx");
    let limit_args = ["--unit-sheet-limit", limit];
    let o = consolidate(&forms, &out, &limit_args);
    assert_eq!(
        o.status.code(),
        Some(0),
        "{label}: {}",
        String::from_utf8_lossy(&o.stderr)
    );

    // The team types, and saves.
    let typed = type_into(&out, &out, &edits());
    assert_eq!(typed.len(), 6, "{label}: {typed:?}");
    if let Some(s) = &soffice {
        resave_with_libreoffice(s, &out, dir.path());
    }
    let edited = std::fs::read(&out).unwrap();
    // Concluded as the team left it (openpyxl: formulas without results).
    check_finalize(&format!("{label}, as typed"), &out, dir.path());

    assert!(
        std::fs::read(&out).unwrap() == edited,
        "finalize changed its input"
    );

    // A late form; the unit of c-y-te.xlsx withdrawn.
    let (late_file, late) = late_unit();
    write_form(&forms, late_file, &late, 2023);
    std::fs::remove_file(forms.join("c-y-te.xlsx")).unwrap();
    let o = consolidate(&forms, &out, &limit_args);
    let err = String::from_utf8_lossy(&o.stderr);
    assert_eq!(o.status.code(), Some(0), "{label}: {err}");
    let v: Value = serde_json::from_slice(&o.stdout).unwrap();

    // The previous workbook is kept beside, byte for byte.
    let kept = Path::new(v["previous"].as_str().expect("a copy was kept"));
    assert_eq!(kept.parent(), out.parent());
    let kept_name = kept.file_name().unwrap().to_string_lossy().to_string();
    assert!(kept_name.starts_with("tong-hop-2023.truoc-"), "{kept_name}");
    assert!(
        std::fs::read(kept).unwrap() == edited,
        "{label}: the copy differs"
    );
    assert!(err.contains(&kept_name), "{label}: {err}");

    // Every typed value at its unit and criterion; "9,5" now the number.
    let now = dump(&out);
    let t = |unit: &str, id: &str| now[unit]["typed"][id].clone();
    assert_eq!(t("Phòng Tư pháp", "1b")["team"], json!(0), "{label}");
    assert_eq!(
        t("Phòng Tư pháp", "1b")["note"],
        json!("Chưa có quy định khuyến khích học tập"),
        "{label}"
    );
    assert_eq!(t("Phòng Tư pháp", "2a")["team"], json!(9.5), "{label}");
    assert_eq!(t("Phòng Nội vụ", "3c")["team"], json!(7), "{label}");
    assert_eq!(t("Phòng Nội vụ", "1c")["team"], json!(6), "{label}");
    let typed_now: usize = now
        .as_object()
        .unwrap()
        .values()
        .map(|u| u["typed"].as_object().unwrap().len())
        .sum();
    assert_eq!(typed_now, 4, "{label}: {now}");
    // The late unit is in, with nothing typed; the withdrawn one is out.
    assert_eq!(now["Trường THCS Mỹ Phú"]["typed"], json!({}), "{label}");
    assert!(now.get("Phòng Y tế").is_none(), "{label}");

    // The withdrawn unit's value is reported with its old sheet and cell,
    // and 7 on a criterion of at most 5 is said to be out of range.
    let (_, _, _, sheet, cell) = typed.iter().find(|t| t.0 == "Phòng Y tế").unwrap().clone();
    let findings = v["findings"].as_array().unwrap();
    let orphan = findings
        .iter()
        .find(|f| f["code"] == "team-score-orphaned")
        .unwrap_or_else(|| panic!("{label}: no orphan in {findings:?}"));
    assert_eq!(orphan["sheet"], json!(sheet), "{label}");
    assert_eq!(orphan["cell"], json!(cell), "{label}");
    assert_eq!(orphan["file"], json!(kept_name), "{label}");
    assert!(
        orphan["message"].as_str().unwrap().contains("Phòng Y tế"),
        "{label}"
    );
    let (_, _, _, sheet_3c, cell_3c) = typed
        .iter()
        .find(|t| t.0 == "Phòng Nội vụ" && t.1 == "3c")
        .unwrap()
        .clone();
    let above = findings
        .iter()
        .find(|f| f["code"] == "score-above-max")
        .unwrap_or_else(|| panic!("{label}: {findings:?}"));
    assert_eq!(
        (&above["sheet"], &above["cell"]),
        (&json!(sheet_3c), &json!(cell_3c))
    );
    assert_eq!(findings.len(), 2, "{label}: {findings:?}");

    // And concluded after the re-run.
    check_finalize(&format!("{label}, re-run"), &out, dir.path());
    if let Some(s) = &soffice {
        // Recalculated by LibreOffice, the summary's own formulas say what
        // finalize concludes: rank or the unresolved-error mark, total.
        resave_with_libreoffice(s, &out, dir.path());
        summary_agrees_with_finalize(&label, &out, dir.path());
    }
}

#[test]
fn typed_values_survive_a_rerun_unit_sheets() {
    rerun(Writer::Openpyxl, "60");
}

#[test]
fn typed_values_survive_a_rerun_chi_tiet() {
    rerun(Writer::Openpyxl, "2");
}

#[test]
fn typed_values_saved_by_libreoffice_survive_a_rerun() {
    rerun(Writer::LibreOffice, "60");
    rerun(Writer::LibreOffice, "2");
}

#[test]
fn an_open_workbook_is_left_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let forms = forms(dir.path());
    let out = dir.path().join("tong-hop-2023.xlsx");
    assert_eq!(consolidate(&forms, &out, &[]).status.code(), Some(0));
    type_into(&out, &out, &edits());
    let before = std::fs::read(&out).unwrap();
    let (late_file, late) = late_unit();
    write_form(&forms, late_file, &late, 2023);
    // LibreOffice's lock file, then Excel's owner file (its name loses the
    // first two characters of a long name).
    for lock in [".~lock.tong-hop-2023.xlsx#", "~$ng-hop-2023.xlsx"] {
        let lock = dir.path().join(lock);
        std::fs::write(&lock, b"x").unwrap();
        let o = consolidate(&forms, &out, &[]);
        assert_eq!(o.status.code(), Some(2));
        let err = String::from_utf8_lossy(&o.stderr);
        assert!(
            err.contains("đóng tệp") && err.contains("chưa ghi gì"),
            "{err}"
        );
        assert!(o.stdout.is_empty());
        assert!(
            std::fs::read(&out).unwrap() == before,
            "the workbook was touched"
        );
        let mut names: Vec<String> = std::fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().to_string())
            .collect();
        names.sort();
        let lock_name = lock.file_name().unwrap().to_string_lossy().to_string();
        let mut want = vec![
            "ho-so".to_string(),
            "tong-hop-2023.edits.json".into(),
            "tong-hop-2023.xlsx".into(),
            lock_name,
        ];
        want.sort();
        assert_eq!(names, want, "nothing else is written");
        std::fs::remove_file(&lock).unwrap();
    }
    // Closed: it runs, and keeps the copy.
    let o = consolidate(&forms, &out, &[]);
    assert_eq!(o.status.code(), Some(0));
}

#[test]
fn a_rerun_with_nothing_new_keeps_no_copy() {
    let dir = tempfile::tempdir().unwrap();
    let forms = forms(dir.path());
    let out = dir.path().join("tong-hop-2023.xlsx");
    assert_eq!(consolidate(&forms, &out, &[]).status.code(), Some(0));
    let first = std::fs::read(&out).unwrap();
    let o = consolidate(&forms, &out, &[]);
    assert_eq!(o.status.code(), Some(0));
    let v: Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v["previous"], Value::Null);
    assert!(std::fs::read(&out).unwrap() == first);
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 2);
}

/// A team score as the test reads it: a number, or text with a decimal
/// comma ("9,5"); `None` for anything else.
fn typed_number(v: &Value) -> Option<f64> {
    match v {
        Value::Number(n) => n.as_f64(),
        Value::String(s) => s.trim().replace(',', ".").parse().ok(),
        _ => None,
    }
}

/// The classification of a total under Thông tư 22/2020 as the rubric
/// file sets it (Tốt from 85, Khá from 70, Trung bình from 50).
fn band(total: f64) -> &'static str {
    match total {
        t if t >= 85.0 => "Tốt",
        t if t >= 70.0 => "Khá",
        t if t >= 50.0 => "Trung bình",
        _ => "Chưa đạt",
    }
}

/// What `finalize` must conclude from `book`, worked out here from what
/// openpyxl reads in it (not from dvht): per unit, (proposed total, final
/// total, whether a typed value is no score, changes (id, proposed,
/// team)). A criterion is a row whose id no other id extends ("1a", not
/// "1"); its final score is the team's when that is a number within
/// [0, max], else the proposed one.
type Expected = std::collections::BTreeMap<String, (f64, f64, bool, Vec<(String, f64, f64)>)>;

fn expected(book: &Path) -> Expected {
    let dump = dump(book);
    let mut out = Expected::new();
    for (unit, u) in dump.as_object().unwrap() {
        let ids: Vec<&String> = u["proposed"].as_object().unwrap().keys().collect();
        let leaves = ids.iter().filter(|id| {
            !ids.iter()
                .any(|o| o.len() > id.len() && o.starts_with(id.as_str()))
        });
        let (mut proposed, mut fin, mut bad, mut changes) = (0.0, 0.0, false, Vec::new());
        for id in leaves {
            let p = u["proposed"][id.as_str()].as_f64().unwrap_or(0.0);
            let max = u["max"][id.as_str()].as_f64().unwrap();
            proposed += p;
            let team = &u["typed"][id.as_str()]["team"];
            let f = match (team.is_null(), typed_number(team)) {
                (true, _) => p,
                (false, Some(t)) if (0.0..=max).contains(&t) => {
                    if t != p {
                        changes.push((id.to_string(), p, t));
                    }
                    t
                }
                (false, _) => {
                    bad = true;
                    p
                }
            };
            fin += f;
        }
        out.insert(unit.clone(), (proposed, fin, bad, changes));
    }
    out
}

/// Runs `finalize` on `book` and checks its JSON and its result workbook
/// against [`expected`].
fn check_finalize(label: &str, book: &Path, dir: &Path) {
    let want = expected(book);
    let result = dir.join("ket-qua-2023.xlsx");
    let _ = std::fs::remove_file(&result);
    let o = finalize(book, &[], &result);
    let err = String::from_utf8_lossy(&o.stderr);
    let any_bad = want.values().any(|w| w.2);
    assert_eq!(o.status.code(), Some(i32::from(any_bad)), "{label}: {err}");
    let v: Value = serde_json::from_slice(&o.stdout).unwrap();
    let units = v["units"].as_array().unwrap();
    assert_eq!(units.len(), want.len(), "{label}: {v}");
    let clean: Vec<f64> = want.values().filter(|w| !w.2).map(|w| w.1).collect();
    for u in units {
        let name = u["unit"].as_str().unwrap();
        let (proposed, fin, bad, changes) = &want[name];
        let l = format!("{label}, {name}");
        assert_eq!(u["total"]["proposed"].as_f64(), Some(*proposed), "{l}");
        assert_eq!(u["total"]["final"].as_f64(), Some(*fin), "{l}");
        assert_eq!(u["classification"], json!(band(*fin)), "{l}");
        let rank = (!bad).then(|| 1 + clean.iter().filter(|t| **t > *fin).count());
        assert_eq!(u["rank"], json!(rank), "{l}");
        let recognized = !bad && band(*fin) != "Chưa đạt";
        assert_eq!(u["recognized"], json!(recognized), "{l}");
        let got: Vec<(String, f64, f64)> = u["changes"]
            .as_array()
            .unwrap()
            .iter()
            .map(|c| {
                let id = c["id"].as_str().unwrap().to_string();
                (
                    id,
                    c["proposed"].as_f64().unwrap(),
                    c["team"].as_f64().unwrap(),
                )
            })
            .collect();
        assert_eq!(&got, changes, "{l}");
        if *bad {
            assert!(!u["not_recognized"].as_array().unwrap().is_empty(), "{l}");
        }
    }
    // Ranked units first, by final total.
    let finals: Vec<f64> = units
        .iter()
        .filter(|u| !u["rank"].is_null())
        .map(|u| u["total"]["final"].as_f64().unwrap())
        .collect();
    assert!(
        finals.windows(2).all(|w| w[0] >= w[1]),
        "{label}: {finals:?}"
    );
    let recognized: Vec<&str> = units
        .iter()
        .filter(|u| u["recognized"] == json!(true))
        .map(|u| u["unit"].as_str().unwrap())
        .collect();
    assert_eq!(
        v["summary"]["recognized"],
        json!(recognized.len()),
        "{label}"
    );

    // The result workbook, read by openpyxl.
    let s = sheets(&result);
    assert_eq!(s["_dvht"], json!("result"), "{label}");
    let proposed_rows: Vec<&str> = s["Đề nghị công nhận"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|r| r[0].is_number())
        .map(|r| r[1].as_str().unwrap())
        .collect();
    assert_eq!(proposed_rows, recognized, "{label}");
    let change_rows: Vec<(String, String, f64, f64)> = s["Thay đổi của đoàn"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|r| r[0].is_number())
        .map(|r| {
            (
                r[1].as_str().unwrap().to_string(),
                r[2].as_str().unwrap().to_string(),
                r[4].as_f64().unwrap(),
                r[5].as_f64().unwrap(),
            )
        })
        .collect();
    let mut want_changes: Vec<(String, String, f64, f64)> = Vec::new();
    for u in units {
        let name = u["unit"].as_str().unwrap();
        for (id, p, t) in &want[name].3 {
            want_changes.push((name.to_string(), id.clone(), *p, *t));
        }
    }
    assert_eq!(change_rows, want_changes, "{label}");
    let ranking = s["Kết quả"].as_array().unwrap();
    for u in units {
        let row = ranking
            .iter()
            .find(|r| r[1] == u["unit"])
            .unwrap_or_else(|| panic!("{label}: {} not on Kết quả", u["unit"]));
        match u["rank"].as_u64() {
            Some(rank) => assert_eq!(row[0].as_f64(), Some(rank as f64), "{label}"),
            None => assert_eq!(row[0], json!("Không xếp hạng"), "{label}"),
        }
    }
    assert_eq!(s["_protected"].as_array().unwrap().len(), 4, "{label}");
    assert_eq!(s["_paper"], json!([9, 9, 9, 9]), "{label}");
}

/// The "Tổng hợp" sheet as LibreOffice recalculated it, against
/// `finalize`: the same rank, "Còn lỗi" where finalize gives none, and
/// the same final total for every ranked unit (for a unit with a team
/// score out of range, the sheet's sum counts it, finalize does not).
fn summary_agrees_with_finalize(label: &str, book: &Path, dir: &Path) {
    let result = dir.join("ket-qua-summary.xlsx");
    let o = finalize(book, &[], &result);
    let v: Value = serde_json::from_slice(&o.stdout).unwrap();
    let s = values(book);
    let rows = s["Tổng hợp"].as_array().unwrap();
    let head = rows
        .iter()
        .find(|r| {
            r.as_array()
                .unwrap()
                .contains(&json!("Hạng theo điểm kết luận"))
        })
        .unwrap_or_else(|| panic!("{label}: no header on Tổng hợp"))
        .as_array()
        .unwrap();
    let col = |h: &str| head.iter().position(|c| c == h).unwrap();
    let (c_unit, c_total, c_rank) = (
        col("Đơn vị"),
        col("Tổng điểm kết luận"),
        col("Hạng theo điểm kết luận"),
    );
    for u in v["units"].as_array().unwrap() {
        let row = rows
            .iter()
            .find(|r| r[c_unit] == u["unit"])
            .unwrap_or_else(|| panic!("{label}: {} not on Tổng hợp", u["unit"]));
        match u["rank"].as_u64() {
            Some(rank) => {
                assert_eq!(row[c_rank].as_f64(), Some(rank as f64), "{label}: {u}");
                let total = row[c_total].as_f64();
                assert_eq!(total, u["total"]["final"].as_f64(), "{label}: {u}");
            }
            None => assert_eq!(row[c_rank], json!("Còn lỗi"), "{label}: {u}"),
        }
    }
}

/// Two teams of `dvht plan`, none from the test's units.
const TEAMS: &str = r#"date = "2023-12-15"
place = "Phòng Giáo dục và Đào tạo"
slot_minutes = 20
sessions = [ { start = "07:30", end = "11:00" } ]

[[team]]
name = "Đoàn 1"
members = [ { name = "Nguyễn Văn An", role = "Trưởng đoàn", agency = "Hội Khuyến học huyện" } ]

[[team]]
name = "Đoàn 2"
members = [ { name = "Trần Thị Bích", role = "Trưởng đoàn", agency = "Hội Cựu giáo chức huyện" } ]
"#;

#[test]
fn team_workbooks_feed_finalize_and_disagreements_are_conflicts() {
    let dir = tempfile::tempdir().unwrap();
    let forms = forms(dir.path());
    let out = dir.path().join("tong-hop-2023.xlsx");
    assert_eq!(consolidate(&forms, &out, &[]).status.code(), Some(0));
    let teams = dir.path().join("doan.toml");
    std::fs::write(&teams, TEAMS).unwrap();
    let lich = dir.path().join("lich");
    let o = consolidate_support::dvht(&[
        "plan".as_ref(),
        out.as_os_str(),
        "--teams".as_ref(),
        teams.as_os_str(),
        "-o".as_ref(),
        lich.as_os_str(),
        "--json".as_ref(),
    ]);
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    let plan: Value = serde_json::from_slice(&o.stdout).unwrap();
    // The team workbook each unit is in: doan-1.xlsx for the first team.
    let book_of = |unit: &str| {
        let k = plan["teams"]
            .as_array()
            .unwrap()
            .iter()
            .position(|t| {
                t["units"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .any(|u| u["unit"] == unit)
            })
            .unwrap();
        lich.join(format!("doan-{}.xlsx", k + 1))
    };
    // The district workbook says 0 for Tư pháp's 1b, its team's workbook 10;
    // Nội vụ's team types 8 for 2a; the same 0 for Văn hóa's 1a in both.
    let district = type_into(
        &out,
        &out,
        &json!([
            {"unit": "Phòng Tư pháp", "id": "1b", "team": 0},
            {"unit": "Trung tâm Văn hóa", "id": "1a", "team": 0}
        ]),
    );
    let tp = book_of("Phòng Tư pháp");
    let team_tp = type_into(
        &tp,
        &tp,
        &json!([{"unit": "Phòng Tư pháp", "id": "1b", "team": 10}]),
    );
    let vh = book_of("Trung tâm Văn hóa");
    type_into(
        &vh,
        &vh,
        &json!([{"unit": "Trung tâm Văn hóa", "id": "1a", "team": "0"}]),
    );
    let nv = book_of("Phòng Nội vụ");
    let team_nv = type_into(
        &nv,
        &nv,
        &json!([{"unit": "Phòng Nội vụ", "id": "2a", "team": 8}]),
    );

    let mut books: Vec<std::path::PathBuf> = vec![tp.clone(), vh.clone(), nv.clone()];
    books.sort();
    books.dedup();
    let refs: Vec<&Path> = books.iter().map(|b| b.as_path()).collect();
    let result = dir.path().join("ket-qua.xlsx");
    let o = finalize(&out, &refs, &result);
    let err = String::from_utf8_lossy(&o.stderr);
    assert_eq!(o.status.code(), Some(1), "{err}");
    let v: Value = serde_json::from_slice(&o.stdout).unwrap();
    let unit = |name: &str| {
        v["units"]
            .as_array()
            .unwrap()
            .iter()
            .find(|u| u["unit"] == name)
            .unwrap()
            .clone()
    };
    let want = expected(&out);

    // Tư pháp: a conflict naming both cells; neither value chosen.
    let tu_phap = unit("Phòng Tư pháp");
    let conflict = tu_phap["findings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["code"] == "team-score-conflict")
        .unwrap_or_else(|| panic!("{tu_phap}"));
    let m = conflict["message"].as_str().unwrap();
    let tp_name = tp.file_name().unwrap().to_string_lossy().to_string();
    for (book, cell) in [
        ("tong-hop-2023.xlsx", district[0].4.as_str()),
        (tp_name.as_str(), team_tp[0].4.as_str()),
    ] {
        assert!(m.contains(book) && m.contains(cell), "{book} {cell}: {m}");
    }
    assert_eq!(tu_phap["changes"], json!([]));
    assert_eq!(tu_phap["rank"], Value::Null);
    assert_eq!(tu_phap["recognized"], json!(false));
    assert_eq!(
        tu_phap["total"]["final"].as_f64(),
        Some(want["Phòng Tư pháp"].0)
    );

    // Nội vụ: the team workbook's 8, with its file and cell.
    let noi_vu = unit("Phòng Nội vụ");
    let change = &noi_vu["changes"][0];
    assert_eq!(change["id"], json!("2a"));
    assert_eq!(change["team"], json!(8));
    assert_eq!(
        change["file"],
        json!(nv.file_name().unwrap().to_string_lossy())
    );
    let (_, _, _, sheet, cell) = &team_nv[0];
    assert_eq!(change["cell"], json!(format!("'{sheet}'!{cell}")));
    let p2a = dump(&out)["Phòng Nội vụ"]["proposed"]["2a"]
        .as_f64()
        .unwrap();
    assert_eq!(
        noi_vu["total"]["final"].as_f64(),
        Some(want["Phòng Nội vụ"].0 - p2a + 8.0)
    );

    // Văn hóa: 0 and "0" agree.
    let van_hoa = unit("Trung tâm Văn hóa");
    assert!(
        van_hoa["findings"]
            .as_array()
            .unwrap()
            .iter()
            .all(|f| f["code"] != "team-score-conflict")
    );
    assert_eq!(van_hoa["changes"][0]["team"], json!(0));
    assert_eq!(
        van_hoa["total"]["final"].as_f64(),
        Some(want["Trung tâm Văn hóa"].1)
    );
}

#[test]
fn finalize_never_replaces_what_is_not_its_own_and_refuses_what_it_cannot_read() {
    let dir = tempfile::tempdir().unwrap();
    let forms = forms(dir.path());
    let out = dir.path().join("tong-hop-2023.xlsx");
    assert_eq!(consolidate(&forms, &out, &[]).status.code(), Some(0));
    let result = dir.path().join("ket-qua.xlsx");
    let status = |o: &std::process::Output| (o.status.code(), o.stdout.is_empty());

    // A unit's form given as the district workbook: exit 2, nothing written.
    let form = forms.join("a-tu-phap.xlsx");
    let o = finalize(&form, &[], &result);
    assert_eq!(status(&o), (Some(2), true));
    assert!(!result.exists());

    // A file at -o that is not a result workbook (here: a unit's form) is
    // left as it is; so is the district workbook itself.
    std::fs::copy(&form, &result).unwrap();
    let before = std::fs::read(&result).unwrap();
    let o = finalize(&out, &[], &result);
    assert_eq!(
        status(&o),
        (Some(2), true),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    assert!(std::fs::read(&result).unwrap() == before);
    let o = finalize(&out, &[], &out);
    assert_eq!(status(&o), (Some(2), true));
    std::fs::remove_file(&result).unwrap();

    // Its own result is replaced, the earlier one kept beside byte for byte
    // (when it differs); open in LibreOffice, it is not touched.
    assert_eq!(finalize(&out, &[], &result).status.code(), Some(0));
    let first = std::fs::read(&result).unwrap();
    type_into(
        &out,
        &out,
        &json!([{"unit": "Phòng Tư pháp", "id": "1a", "team": 0}]),
    );
    let lock = dir.path().join(".~lock.ket-qua.xlsx#");
    std::fs::write(&lock, b"x").unwrap();
    let o = finalize(&out, &[], &result);
    assert_eq!(status(&o), (Some(2), true));
    assert!(std::fs::read(&result).unwrap() == first);
    std::fs::remove_file(&lock).unwrap();
    let o = finalize(&out, &[], &result);
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    let kept: Vec<std::path::PathBuf> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.to_string_lossy().contains("ket-qua.truoc-"))
        .collect();
    assert_eq!(kept.len(), 1, "{kept:?}");
    assert!(std::fs::read(&kept[0]).unwrap() == first);
    assert!(std::fs::read(&result).unwrap() != first);
}
