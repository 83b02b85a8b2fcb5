//! The team workbooks of `dvht plan`: each holds exactly its team's units
//! (those of the JSON), and reads back — through the same reader `finalize`
//! uses for the district workbook — with each unit's name, file, scores and
//! findings as the district workbook has them, and with what a team types
//! found in its cell.

mod consolidate_support;
mod plan_support;

use consolidate_support::Book;
use dvht::own::{OwnKind, classify_file};
use dvht::readback::{self, BookUnit};
use dvht::rubric::Rubric;
use plan_support::{Day, TEAMS, type_into};
use serde_json::Value;
use std::collections::BTreeSet;
use std::path::Path;

fn team_units(v: &Value, team: usize) -> BTreeSet<String> {
    plan_support::team_units(v, team).into_iter().collect()
}

/// Everything of a unit a team workbook must carry over, comparable.
fn essence(u: &BookUnit) -> (String, String, Vec<String>, Vec<String>) {
    let items = u
        .items
        .iter()
        .map(|i| {
            format!(
                "{} max={:?} self={:?} computed={:?} proposed={:?} team={:?} explain={}",
                i.id,
                i.max.map(|d| d.normalize()),
                i.self_score.map(|d| d.normalize()),
                i.computed.map(|d| d.normalize()),
                i.proposed.map(|d| d.normalize()),
                i.team.as_ref().map(|t| t.text()),
                i.explain
            )
        })
        .collect();
    let mut findings: Vec<String> = u
        .findings
        .iter()
        .map(|f| {
            format!(
                "{:?} {} {:?} {:?} {}",
                f.severity, f.code, f.criterion, f.cell, f.message
            )
        })
        .collect();
    findings.sort();
    (u.name.clone(), u.file.clone(), items, findings)
}

#[test]
fn each_team_workbook_holds_its_units_as_the_district_workbook_has_them() {
    let day = Day::samples(TEAMS);
    let out = day.path("lich");
    let v = day.plan_ok(&out);
    let rubric = Rubric::builtin();
    let district = readback::read(&day.book, &rubric).unwrap();
    for (t, file) in ["doan-1.xlsx", "doan-2.xlsx"].iter().enumerate() {
        let path = out.join(file);
        assert_eq!(classify_file(&path), Some(OwnKind::Team), "{file}");
        let book = readback::read(&path, &rubric).unwrap();
        assert_eq!(book.kind, OwnKind::Team);
        assert!(book.problems.is_empty(), "{file}: {:?}", book.problems);
        let names: BTreeSet<String> = book.units.iter().map(|u| u.name.clone()).collect();
        assert_eq!(names, team_units(&v, t), "{file}: exactly the team's units");
        for u in &book.units {
            let d = district
                .units
                .iter()
                .find(|d| d.name == u.name)
                .unwrap_or_else(|| panic!("{} not in the district workbook", u.name));
            assert_eq!(essence(u), essence(d), "{file}: {}", u.name);
            assert_eq!(u.items.len(), rubric.items.len());
        }
    }
    // The unit with a score above its maximum (07) keeps its error, and so
    // its longer slot, in the team workbook too.
    let all: Vec<BookUnit> = ["doan-1.xlsx", "doan-2.xlsx"]
        .iter()
        .flat_map(|f| readback::read(&out.join(f), &rubric).unwrap().units)
        .collect();
    let lao_dong = all
        .iter()
        .find(|u| u.name.starts_with("Phòng Lao động"))
        .unwrap();
    assert_eq!(
        lao_dong
            .unresolved_errors()
            .map(|f| f.code.as_str())
            .collect::<Vec<_>>(),
        ["score-above-max"]
    );
}

/// The row of criterion `id` and the column headed `head` on a unit's
/// sheet, found by their labels: ("H6" style).
fn cell_of(book: &Path, sheet: &str, id: &str, head: &str) -> String {
    let mut b = Book::open(book);
    let g = b.values(sheet);
    let (hr, col) = g.find(head).unwrap_or_else(|| panic!("{head} on {sheet}"));
    let id_col = g.find("Mã").unwrap().1;
    let row = (hr + 1..hr + 60)
        .find(|r| g.text(*r, id_col) == id)
        .unwrap_or_else(|| panic!("{id} on {sheet}"));
    format!("{}{}", dvht::cells::col_name(col), row + 1)
}

#[test]
fn a_score_typed_into_a_team_workbook_is_read_back_at_its_cell() {
    let day = Day::samples(TEAMS);
    let out = day.path("lich");
    assert_eq!(day.plan(&out, false).status.code(), Some(0));
    let src = out.join("doan-2.xlsx");
    let rubric = Rubric::builtin();
    let unit = readback::read(&src, &rubric).unwrap().units[0].clone();
    let cell = cell_of(&src, &unit.sheet, "1a", "Điểm đoàn kiểm tra");
    let typed = day.path("doan-2-typed.xlsx");
    type_into(&src, &typed, &unit.sheet, &cell, "5");
    let back = readback::read(&typed, &rubric).unwrap();
    let u = back.units.iter().find(|u| u.name == unit.name).unwrap();
    let t = u
        .item("1a")
        .unwrap()
        .team
        .as_ref()
        .expect("typed value read");
    assert_eq!(t.text(), "5");
    assert_eq!(t.loc.sheet, unit.sheet);
    assert_eq!(t.loc.addr.to_string(), cell);
    // Nothing else typed anywhere.
    let others = back
        .units
        .iter()
        .flat_map(|u| &u.items)
        .filter(|i| i.team.is_some())
        .count();
    assert_eq!(others, 1);
}
