//! The team workbooks of `dvht plan` passed to `dvht finalize` beside the
//! district workbook (issue 12): scores typed into a team workbook — with
//! openpyxl, a writer independent of dvht that saves formulas without their
//! results — land on their units and criteria; the same criterion of a unit
//! scored differently in two team workbooks is `team-score-conflict`,
//! naming both cells. One team workbook is saved again by LibreOffice
//! (when `soffice` is there; CI has it) before `finalize` reads it.
//!
//! The expected totals, classifications and ranks are worked out here from
//! what openpyxl reads of the district workbook (the proposed scores) and
//! what the test typed, not with dvht's own calculation.

mod consolidate_support;
mod libreoffice_support;
mod living_support;
mod plan_support;

use consolidate_support::dvht;
use living_support::{dump, type_into};
use plan_support::{Day, TEAMS, os, team_units};
use serde_json::{Value, json};
use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

/// `dvht finalize BOOK TEAMS… -o OUT --json`: exit status and JSON.
fn finalize(book: &Path, teams: &[&Path], out: &Path) -> (Option<i32>, Value) {
    let mut args = vec![os("finalize"), book.as_os_str()];
    args.extend(teams.iter().map(|t| t.as_os_str()));
    args.extend([os("-o"), out.as_os_str(), os("--json")]);
    let o = dvht(&args);
    let v = serde_json::from_slice(&o.stdout).unwrap_or_else(|e| {
        panic!(
            "finalize --json: {e}\nstderr: {}",
            String::from_utf8_lossy(&o.stderr)
        )
    });
    (o.status.code(), v)
}

/// A JSON number (or a number typed as text with a decimal comma) in
/// hundredths, exact for the scores of this rubric.
fn cents(v: &Value) -> i64 {
    let x = match v {
        Value::Number(n) => n.as_f64().unwrap(),
        Value::String(s) => s.replace(',', ".").parse().unwrap(),
        other => panic!("not a score: {other}"),
    };
    (x * 100.0).round() as i64
}

/// Bands of Thông tư 22/2020, by hand: 85 Tốt, 70 Khá, 50 Trung bình.
fn band(total: i64) -> &'static str {
    match total {
        t if t >= 8500 => "Tốt",
        t if t >= 7000 => "Khá",
        t if t >= 5000 => "Trung bình",
        _ => "Chưa đạt",
    }
}

/// The criteria scored on their own: ids no other id extends ("1a", not
/// "1"; "3a1", not "3a"). A group is the sum of its criteria, the total
/// the sum of all.
fn leaves(proposed: &serde_json::Map<String, Value>) -> Vec<String> {
    proposed
        .keys()
        .filter(|id| {
            !proposed
                .keys()
                .any(|o| o.len() > id.len() && o.starts_with(id.as_str()))
        })
        .cloned()
        .collect()
}

/// One value typed by the test: unit, criterion, the value as typed.
struct Edit {
    unit: String,
    id: &'static str,
    team: Value,
}

/// The edits as edit_book.py takes them.
fn edits_json(edits: &[&Edit]) -> Value {
    Value::Array(
        edits
            .iter()
            .map(|e| json!({ "unit": e.unit, "id": e.id, "team": e.team }))
            .collect(),
    )
}

#[test]
fn scores_typed_into_team_workbooks_land_on_their_units() {
    let day = Day::samples(TEAMS);
    let out = day.path("lich");
    let plan = day.plan_ok(&out);
    let (t1, t2) = (team_units(&plan, 0), team_units(&plan, 1));
    // Values the rule can give: 1a, 1b, 3a8 are all or nothing, 2a loses
    // 0.5 a step (typed "9,5", as Vietnamese write it), 3c whole points.
    // Units whose forms hold no error (an error would keep them out of the
    // ranking whatever the team typed): two of team 1, one of team 2.
    let clean = |units: &[String]| -> Vec<String> {
        units
            .iter()
            .filter(|u| !day.units[u.as_str()])
            .cloned()
            .collect()
    };
    let (c1, c2) = (clean(&t1), clean(&t2));
    // What the district workbook proposes, read by openpyxl.
    let book = dump(&day.book);
    let proposed = |unit: &str, id: &str| cents(&book[unit]["proposed"][id]);
    // All or nothing: the other of 0 and the maximum.
    let flip = |unit: &str, id: &str| match proposed(unit, id) {
        0 => json!(cents(&book[unit]["max"][id]) / 100),
        _ => json!(0),
    };
    // 3c: one point less than proposed, or one when it proposes none.
    let other_3c = match proposed(&c1[1], "3c") {
        0 => 1,
        p => p / 100 - 1,
    };
    let edits = [
        Edit {
            unit: c1[0].clone(),
            id: "1a",
            team: flip(&c1[0], "1a"),
        },
        Edit {
            unit: c1[0].clone(),
            id: "2a",
            team: json!("9,5"),
        },
        Edit {
            unit: c1[1].clone(),
            id: "3c",
            team: json!(other_3c),
        },
        Edit {
            unit: c2[0].clone(),
            id: "1b",
            team: flip(&c2[0], "1b"),
        },
        Edit {
            unit: c2[0].clone(),
            id: "3a8",
            team: flip(&c2[0], "3a8"),
        },
    ];

    for e in &edits {
        assert_ne!(
            proposed(&e.unit, e.id),
            cents(&e.team),
            "{} {}: the test types a value that differs from the proposed one",
            e.unit,
            e.id
        );
    }

    // Each team types into its own workbook, as a copy on its computer.
    let teams = day.path("nhan-ve");
    std::fs::create_dir(&teams).unwrap();
    let mut typed_at: BTreeMap<(String, String), (String, String, String)> = BTreeMap::new();
    for (name, mine) in [("doan-1.xlsx", &t1), ("doan-2.xlsx", &t2)] {
        let these: Vec<&Edit> = edits.iter().filter(|e| mine.contains(&e.unit)).collect();
        let dst = teams.join(name);
        for (unit, id, what, sheet, cell) in type_into(&out.join(name), &dst, &edits_json(&these)) {
            assert_eq!(what, "team");
            typed_at.insert((unit, id), (name.to_string(), sheet, cell));
        }
    }
    assert_eq!(typed_at.len(), edits.len());
    // Team 2's computer has LibreOffice: its workbook saved again by it
    // (formulas recalculated, the file rewritten by another program).
    if let Some(soffice) = living_support::soffice() {
        living_support::resave_with_libreoffice(
            &soffice,
            &teams.join("doan-2.xlsx"),
            day.dir.path(),
        );
    }

    let result = day.path("ket-qua.xlsx");
    let (code, v) = finalize(
        &day.book,
        &[&teams.join("doan-1.xlsx"), &teams.join("doan-2.xlsx")],
        &result,
    );
    // Three sample forms hold errors no team score resolved: exit 1.
    assert_eq!(code, Some(1), "{v}");
    assert!(result.exists());
    assert!(
        v["findings"]
            .as_array()
            .unwrap()
            .iter()
            .all(|f| f["code"] != "team-score-conflict" && f["code"] != "team-score-orphaned"),
        "{}",
        v["findings"]
    );

    // Every unit's final total, by hand: the team's score where typed, else
    // the proposed one.
    let units = v["units"].as_array().unwrap();
    assert_eq!(units.len(), 26);
    let mut finals: BTreeMap<String, i64> = BTreeMap::new();
    for (name, u) in book.as_object().unwrap() {
        let p = u["proposed"].as_object().unwrap();
        let total: i64 = leaves(p)
            .iter()
            .map(
                |id| match edits.iter().find(|e| &e.unit == name && e.id == id) {
                    Some(e) => cents(&e.team),
                    None => cents(&p[id]),
                },
            )
            .sum();
        finals.insert(name.clone(), total);
    }
    assert_eq!(finals.len(), 26, "{:?}", finals.keys());
    let ranked: Vec<(&String, &i64)> = finals.iter().filter(|(n, _)| !day.units[*n]).collect();
    for u in units {
        let name = u["unit"].as_str().unwrap();
        let want = finals[name];
        assert_eq!(cents(&u["total"]["final"]), want, "{name}: final total");
        let proposed_total: i64 = {
            let p = book[name]["proposed"].as_object().unwrap();
            leaves(p).iter().map(|id| cents(&p[id])).sum()
        };
        assert_eq!(
            cents(&u["total"]["proposed"]),
            proposed_total,
            "{name}: proposed total"
        );
        assert_eq!(u["classification"], band(want), "{name}");
        // The changes: exactly the values typed for this unit, each at the
        // workbook, sheet and cell it was typed in.
        let got: BTreeSet<(String, i64, i64, String, String)> = u["changes"]
            .as_array()
            .unwrap()
            .iter()
            .map(|c| {
                (
                    c["id"].as_str().unwrap().to_string(),
                    cents(&c["proposed"]),
                    cents(&c["team"]),
                    c["cell"].as_str().unwrap().to_string(),
                    c["file"].as_str().unwrap().to_string(),
                )
            })
            .collect();
        let want_changes: BTreeSet<(String, i64, i64, String, String)> = edits
            .iter()
            .filter(|e| e.unit == name)
            .map(|e| {
                let (file, sheet, cell) = &typed_at[&(e.unit.clone(), e.id.to_string())];
                (
                    e.id.to_string(),
                    proposed(name, e.id),
                    cents(&e.team),
                    format!("'{}'!{cell}", sheet.replace('\'', "''")),
                    file.clone(),
                )
            })
            .collect();
        assert_eq!(got, want_changes, "{name}: changes");
        if day.units[name] {
            assert_eq!(u["rank"], Value::Null, "{name}: its form holds an error");
            assert_eq!(u["recognized"], false, "{name}");
        } else {
            // Rank by final total among the units without errors, equal
            // totals sharing one.
            let above = ranked.iter().filter(|(_, t)| **t > want).count();
            assert_eq!(u["rank"], json!(above + 1), "{name}: rank");
            assert_eq!(u["recognized"], band(want) != "Chưa đạt", "{name}");
        }
    }
}

#[test]
fn two_team_workbooks_scoring_one_criterion_differently_conflict() {
    let day = Day::samples(TEAMS);
    let out = day.path("lich");
    let plan = day.plan_ok(&out);
    let t1 = team_units(&plan, 0);
    let unit = t1.iter().find(|u| !day.units[u.as_str()]).unwrap().clone();
    // Team 1 worked on two computers, each with a copy of its workbook:
    // 3c (whole points, at most 5) given 2 on one and 3 on the other; 1a
    // given 0 on both (the same value: no conflict).
    let a = day.path("doan-1-may-a.xlsx");
    let b = day.path("doan-1-may-b.xlsx");
    let src = out.join("doan-1.xlsx");
    let on_a = type_into(
        &src,
        &a,
        &json!([{ "unit": unit, "id": "3c", "team": 2 }, { "unit": unit, "id": "1a", "team": 0 }]),
    );
    let on_b = type_into(
        &src,
        &b,
        &json!([{ "unit": unit, "id": "3c", "team": 3 }, { "unit": unit, "id": "1a", "team": 0 }]),
    );
    let where_3c = |typed: &living_support::Typed| {
        let t = typed.iter().find(|t| t.1 == "3c").unwrap();
        (t.3.clone(), t.4.clone())
    };
    let (sheet_a, cell_a) = where_3c(&on_a);
    let (sheet_b, cell_b) = where_3c(&on_b);

    let result = day.path("ket-qua.xlsx");
    let (code, v) = finalize(&day.book, &[&a, &b], &result);
    assert_eq!(code, Some(1), "{v}");
    let conflicts: Vec<&Value> = v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["code"] == "team-score-conflict")
        .collect();
    assert_eq!(conflicts.len(), 1, "only 3c conflicts: {conflicts:?}");
    let c = conflicts[0];
    assert_eq!(c["severity"], "error");
    assert_eq!(c["unit"], json!(unit));
    let msg = c["message"].as_str().unwrap();
    for (value, sheet, cell, file) in [
        ("2", &sheet_a, &cell_a, "doan-1-may-a.xlsx"),
        ("3", &sheet_b, &cell_b, "doan-1-may-b.xlsx"),
    ] {
        let named = format!("{value} (ô {cell} trang '{sheet}', tệp {file})");
        assert!(msg.contains(&named), "{named:?} not in {msg:?}");
    }

    // Neither value is chosen: 3c stays as proposed, 1a is the teams' 0,
    // and the unit is neither ranked nor proposed until they agree.
    let book = dump(&day.book);
    let p = book[&unit]["proposed"].as_object().unwrap();
    let want: i64 = leaves(p)
        .iter()
        .map(|id| if id == "1a" { 0 } else { cents(&p[id]) })
        .sum();
    let u = v["units"]
        .as_array()
        .unwrap()
        .iter()
        .find(|u| u["unit"] == json!(unit))
        .unwrap();
    assert_eq!(cents(&u["total"]["final"]), want, "{u}");
    assert_eq!(u["rank"], Value::Null, "{u}");
    assert_eq!(u["recognized"], false, "{u}");
    assert!(
        u["findings"]
            .as_array()
            .unwrap()
            .iter()
            .any(|f| f["code"] == "team-score-conflict"),
        "{u}"
    );
}
