//! Conclusions from hand-built workbooks, checked against totals worked
//! out by hand from the rubric (100 points: criteria 1 = 30, 2 = 30,
//! 3 = 40; bands Tốt ≥ 85, Khá ≥ 70, Trung bình ≥ 50).

use super::*;
use crate::cells::{Addr, CellValue};
use crate::findings::Code;
use crate::own::OwnKind;
use crate::readback::{BookItem, Layout};

fn d(s: &str) -> Decimal {
    s.parse().unwrap()
}

fn at(sheet: &str, row: u32, col: u32, value: CellValue) -> TypedCell {
    TypedCell {
        value,
        loc: Loc::new(sheet, Addr::new(row, col)),
    }
}

fn num(v: &str) -> CellValue {
    CellValue::Number {
        value: d(v),
        percent: false,
    }
}

/// A unit proposed the maximum everywhere but `lower` (id, proposed); its
/// rows from row 9 of its sheet (0-based 8) in rubric order.
fn unit(name: &str, lower: &[(&str, &str)]) -> BookUnit {
    let rubric = Rubric::builtin();
    let items = rubric
        .items
        .iter()
        .map(|i| BookItem {
            id: i.id.clone(),
            max: Some(i.max),
            self_score: None,
            computed: None,
            proposed: Some(
                lower
                    .iter()
                    .find(|(id, _)| *id == i.id)
                    .map(|(_, v)| d(v))
                    .unwrap_or(i.max),
            ),
            team: None,
            note: None,
            explain: String::new(),
        })
        .collect();
    BookUnit {
        name: name.into(),
        file: format!("{name}.xlsx"),
        sheet: name.into(),
        items,
        findings: Vec::new(),
        counted: true,
    }
}

fn book(kind: OwnKind, units: Vec<BookUnit>) -> Book {
    Book {
        kind,
        layout: Layout::UnitSheets,
        units,
        problems: Vec::new(),
    }
}

fn type_score(u: &mut BookUnit, id: &str, v: CellValue) {
    let row = 8 + u.items.iter().position(|i| i.id == id).unwrap() as u32;
    let sheet = u.sheet.clone();
    u.items.iter_mut().find(|i| i.id == id).unwrap().team = Some(at(&sheet, row, 7, v));
}

fn conclude_one(district: &Book, teams: &[(&str, &Book)]) -> Conclusion {
    let rubric = Rubric::builtin();
    let given: Vec<Given> = teams
        .iter()
        .map(|(name, book)| Given { name, book })
        .collect();
    conclude(
        &rubric,
        &Given {
            name: "tong-hop.xlsx",
            book: district,
        },
        &given,
    )
}

fn find<'a>(c: &'a Conclusion, name: &str) -> &'a Concluded {
    c.units.iter().find(|u| u.name == name).unwrap()
}

fn codes(u: &Concluded) -> Vec<String> {
    u.findings
        .iter()
        .map(|f| match f {
            UnitFinding::Form { finding, .. } => finding.code.clone(),
            UnitFinding::Team(t) => t.finding.code.as_str().to_string(),
        })
        .collect()
}

#[test]
fn team_scores_replace_the_proposed_ones_and_everything_is_recomputed() {
    // A: 100 proposed; the team gives 1a 0 and 2a "9,5" (text): 100 − 10 − 0.5.
    let mut a = unit("Phòng A", &[]);
    type_score(&mut a, "1a", num("0"));
    type_score(&mut a, "2a", CellValue::Text("9,5".into()));
    a.items.iter_mut().find(|i| i.id == "2a").unwrap().note = Some(at(
        "Phòng A",
        12,
        8,
        CellValue::Text("Thiếu kế hoạch".into()),
    ));
    // B: 1b proposed 0 (90), the team confirms 1b at 0: no change.
    let mut b = unit("Phòng B", &[("1b", "0")]);
    type_score(&mut b, "1b", num("0"));
    let district = book(OwnKind::District, vec![b, a]);
    let c = conclude_one(&district, &[]);
    let a = find(&c, "Phòng A");
    assert_eq!(a.proposed.total, Some(d("100")));
    assert_eq!(a.concluded.total, Some(d("89.5")));
    assert_eq!(a.concluded.class.as_deref(), Some("Tốt"));
    // Criterion 1 = 30 − 10, criterion 2 = 30 − 0.5.
    let rubric = Rubric::builtin();
    assert_eq!(a.concluded.item(&rubric, "1"), Some(d("20")));
    assert_eq!(a.concluded.item(&rubric, "2"), Some(d("29.5")));
    let changes: Vec<(&str, Option<Decimal>, Decimal)> = a
        .changes
        .iter()
        .map(|ch| (ch.id.as_str(), ch.proposed, ch.team))
        .collect();
    assert_eq!(
        changes,
        vec![
            ("1a", Some(d("10")), d("0")),
            ("2a", Some(d("10")), d("9.5"))
        ]
    );
    assert_eq!(a.changes[1].note.as_deref(), Some("Thiếu kế hoạch"));
    assert_eq!(a.changes[0].loc.to_string(), "'Phòng A'!H10");
    let b = find(&c, "Phòng B");
    assert!(b.changes.is_empty());
    assert_eq!(b.concluded.total, Some(d("90")));
    // Ranked by final total: B (90) before A (89.5).
    assert_eq!(c.units[0].name, "Phòng B");
    assert_eq!((c.units[0].rank, c.units[1].rank), (Some(1), Some(2)));
    assert!(c.units.iter().all(|u| u.recognized));
    assert!(!c.has_errors());
}

#[test]
fn a_team_score_that_is_no_score_counts_for_nothing_and_keeps_the_unit_out() {
    let mut a = unit("Phòng A", &[]);
    type_score(&mut a, "3c", num("7")); // max 5
    type_score(&mut a, "1b", CellValue::Text("mười".into()));
    let district = book(OwnKind::District, vec![a, unit("Phòng B", &[])]);
    let c = conclude_one(&district, &[]);
    let a = find(&c, "Phòng A");
    assert_eq!(a.concluded.total, Some(d("100")));
    // In rubric order.
    assert_eq!(codes(a), vec!["not-a-number", "score-above-max"]);
    assert!(!a.recognized);
    assert_eq!(a.rank, None);
    assert_eq!(a.why_not.len(), 2);
    // The unit with errors comes after the ranked ones.
    assert_eq!(c.units[1].name, "Phòng A");
    assert!(c.has_errors());
}

#[test]
fn two_workbooks_that_disagree_are_a_conflict_and_agreeing_ones_are_not() {
    let mut a = unit("Phòng A", &[("2a", "8")]);
    type_score(&mut a, "2a", num("9"));
    type_score(&mut a, "2b", num("5"));
    let district = book(OwnKind::District, vec![a]);
    let mut ta = unit("Phòng A", &[("2a", "8")]);
    type_score(&mut ta, "2a", num("7"));
    type_score(&mut ta, "2b", CellValue::Text("5".into()));
    let team = book(OwnKind::Team, vec![ta]);
    let c = conclude_one(&district, &[("doan-1.xlsx", &team)]);
    let a = find(&c, "Phòng A");
    assert_eq!(codes(a), vec!["team-score-conflict"]);
    let UnitFinding::Team(t) = &a.findings[0] else {
        panic!()
    };
    let m = t.finding.message(crate::findings::Lang::Vi);
    assert!(
        m.contains("tong-hop.xlsx") && m.contains("doan-1.xlsx"),
        "{m}"
    );
    // 2a: neither value chosen, the proposed 8 stands; 2b: 5 agreed
    // at its maximum: 100 − 2.
    assert_eq!(a.concluded.total, Some(d("98")));
    assert!(!a.recognized);
}

#[test]
fn errors_of_the_form_are_resolved_by_a_team_score_on_their_criterion() {
    let err = |crit: Option<&str>| BookFinding {
        severity: Severity::Error,
        code: "count-above-total".into(),
        criterion: crit.map(str::to_string),
        sheet: Some("Tự đánh giá".into()),
        cell: Some("F12".into()),
        message: "55 hội viên trên tổng số 52".into(),
    };
    let mut a = unit("Phòng A", &[]);
    a.findings.push(err(Some("2a")));
    type_score(&mut a, "2a", num("6"));
    let mut b = unit("Phòng B", &[]);
    b.findings.push(err(Some("2a")));
    let district = book(OwnKind::District, vec![a, b]);
    let c = conclude_one(&district, &[]);
    let a = find(&c, "Phòng A");
    assert!(a.recognized && a.rank == Some(1), "{a:?}");
    let b = find(&c, "Phòng B");
    assert!(!b.recognized && b.rank.is_none());
    assert_eq!(
        b.why_not,
        vec![WhyNot::Unresolved {
            code: "count-above-total".into(),
            message: "55 hội viên trên tổng số 52".into()
        }]
    );
    assert!(c.has_errors());
}

#[test]
fn classifications_the_rubric_does_not_recognise_and_shared_ranks() {
    let one = [("1a", "0"), ("1b", "0"), ("1c", "0")];
    let three_a: Vec<(String, &str)> = (1..=8).map(|k| (format!("3a{k}"), "0")).collect();
    let mut c_drop: Vec<(&str, &str)> = one.to_vec();
    c_drop.extend(three_a.iter().map(|(id, v)| (id.as_str(), *v)));
    let mut d_drop = one.to_vec();
    d_drop.push(("2a", "0"));
    let c = conclude_one(
        &book(
            OwnKind::District,
            vec![
                unit("D", &d_drop), // 100 − 30 − 10 = 60: Trung bình
                unit("C", &c_drop), // 100 − 30 − 25 = 45: Chưa đạt
                unit("B", &one),    // 70: Khá
                unit("A", &one),    // 70: Khá
            ],
        ),
        &[],
    );
    let got: Vec<(&str, Option<usize>, String, bool)> = c
        .units
        .iter()
        .map(|u| {
            (
                u.name.as_str(),
                u.rank,
                u.concluded.total.unwrap().to_string(),
                u.recognized,
            )
        })
        .collect();
    assert_eq!(
        got,
        vec![
            ("A", Some(1), "70".to_string(), true),
            ("B", Some(1), "70".to_string(), true),
            ("D", Some(3), "60".to_string(), true),
            ("C", Some(4), "45".to_string(), false),
        ]
    );
    assert_eq!(
        find(&c, "C").why_not,
        vec![WhyNot::Class("Chưa đạt".into())]
    );
    let rubric = Rubric::builtin();
    assert_eq!(
        c.by_classification(&rubric),
        vec![("Tốt", 0), ("Khá", 2), ("Trung bình", 1), ("Chưa đạt", 1)]
    );
}

#[test]
fn values_for_units_not_in_the_district_workbook_are_reported() {
    let district = book(OwnKind::District, vec![unit("Phòng A", &[])]);
    let mut ghost = unit("Phòng Z", &[]);
    type_score(&mut ghost, "1a", num("5"));
    let team = book(OwnKind::Team, vec![ghost]);
    let c = conclude_one(&district, &[("doan-2.xlsx", &team)]);
    assert_eq!(c.others.len(), 1);
    assert_eq!(c.others[0].finding.code, Code::TeamScoreOrphaned);
    assert_eq!(c.others[0].book, "doan-2.xlsx");
    assert_eq!(c.others[0].finding.cell.as_deref(), Some("H10"));
}
