//! The district workbook written from hand-built units and read back, in
//! both layouts: every unit, score, typed value and finding where it was.

use super::*;
use crate::cells::Addr;
use crate::findings::{Criterion, Finding, Message};
use crate::form::{Entry, Evidence, Form, Loc, Located};
use crate::inputs::Input as FileInput;
use crate::report::{FileKind, FileReport, Run, UnitReport};
use crate::scoring;
use crate::workbook::{self, Input, TeamValue, Typed};

fn d(s: &str) -> Decimal {
    s.parse().unwrap()
}

/// A unit answering yes everywhere but on `no`, self-scores at maximum,
/// with an error on 1a's self-score cell and a warning about the form.
fn unit(name: &str, no: &[&str]) -> UnitReport {
    let rubric = Rubric::builtin();
    let loc = |r, c| Loc::new("Tự đánh giá", Addr::new(r, c));
    let mut form = Form {
        sheet: "Tự đánh giá".into(),
        unit: Some(Located::new(name.to_string(), loc(1, 1))),
        ..Default::default()
    };
    for (k, item) in rubric.items.iter().filter(|i| !i.is_group()).enumerate() {
        let r = 5 + k as u32;
        let mut e = Entry::new(&item.id, loc(r, 1));
        if matches!(item.rule, crate::rubric::Rule::YesNo) {
            e.evidence = Some(Located::new(
                Evidence::YesNo(!no.contains(&item.id.as_str())),
                loc(r, 3),
            ));
        }
        e.self_score = Some(Located::new(item.max, loc(r, 5)));
        form.entries.insert(item.id.clone(), e);
    }
    let scored = scoring::score(&rubric, &form);
    UnitReport {
        findings: vec![
            Finding::at(
                &loc(5, 5),
                Message::ScoreOutOfRange {
                    criterion: Criterion::of(&rubric, "1a"),
                    found: d("12"),
                    max: d("10"),
                    suggest: None,
                },
            ),
            Finding::new(Message::DossierChecklistMissing {}),
        ],
        form,
        scored,
        roster_name: None,
        superseded_by: None,
    }
}

fn file(path: &str, units: Vec<UnitReport>) -> FileReport {
    FileReport {
        units,
        ..FileReport::new(FileInput::new(path), FileKind::Read)
    }
}

fn run() -> Run {
    Run::new(vec![
        file("a.xlsx", vec![unit("Phòng Tư pháp", &["1b"])]),
        file(
            "b.xlsx",
            vec![unit("Phòng Y tế", &[]), unit("Trường A", &["3b"])],
        ),
    ])
}

fn written(run: &Run, limit: usize, typed: &[Option<Typed>]) -> Book {
    let rubric = Rubric::builtin();
    let input = Input {
        rubric: &rubric,
        run,
        district: Some("Thủ Thừa"),
        year: Some(2023),
        missing_units: &[],
        date: 0,
        unit_sheet_limit: limit,
        typed,
        other_findings: &[],
        official: crate::workbook::Official::default(),
    };
    let bytes = workbook::to_bytes(&input).unwrap();
    let wb = crate::read::read_bytes(&bytes, "xlsx", &Default::default()).unwrap();
    from_workbook(&wb, &rubric).unwrap()
}

fn check_units(book: &Book) {
    let rubric = Rubric::builtin();
    let mut names: Vec<(&str, &str)> = book
        .units
        .iter()
        .map(|u| (u.name.as_str(), u.file.as_str()))
        .collect();
    names.sort();
    assert_eq!(
        names,
        [
            ("Phòng Tư pháp", "a.xlsx"),
            ("Phòng Y tế", "b.xlsx › Tự đánh giá"),
            ("Trường A", "b.xlsx › Tự đánh giá")
        ]
    );
    let tp = book
        .units
        .iter()
        .find(|u| u.name == "Phòng Tư pháp")
        .unwrap();
    assert_eq!(tp.items.len(), rubric.items.len());
    let b1 = tp.item("1b").unwrap();
    assert_eq!((b1.max, b1.self_score), (Some(d("10")), Some(d("10"))));
    assert_eq!((b1.computed, b1.proposed), (Some(d("0")), Some(d("0"))));
    assert_eq!(tp.item("1").unwrap().proposed, Some(d("20")));
    // The error on 1a's self-score cell, tied to 1a; the warning to none.
    let errors: Vec<_> = tp.errors().collect();
    assert_eq!(errors.len(), 1, "{:?}", tp.findings);
    assert_eq!(errors[0].code, "score-above-max");
    assert_eq!(errors[0].criterion.as_deref(), Some("1a"));
    assert_eq!(errors[0].cell.as_deref(), Some("F6"));
    assert_eq!(tp.findings.len(), 2);
    assert!(tp.findings.iter().any(|f| f.code == "dossier-incomplete"
        && f.severity == Severity::Warning
        && f.criterion.is_none()));
    // Two forms of one file keep their own findings.
    for u in &book.units {
        assert_eq!(u.findings.len(), 2, "{}: {:?}", u.name, u.findings);
    }
    assert!(book.problems.is_empty(), "{:?}", book.problems);
}

#[test]
fn unit_sheets_read_back() {
    let book = written(&run(), 60, &[]);
    assert_eq!(book.kind, OwnKind::District);
    assert_eq!(book.layout, Layout::UnitSheets);
    check_units(&book);
    let tp = book
        .units
        .iter()
        .find(|u| u.name == "Phòng Tư pháp")
        .unwrap();
    assert_eq!(tp.sheet, "Phòng Tư pháp");
    assert!(
        tp.items
            .iter()
            .all(|i| i.team.is_none() && i.note.is_none())
    );
    assert_eq!(tp.unresolved_errors().count(), 1);
}

#[test]
fn without_the_findings_sheet_each_unit_sheet_lists_its_own() {
    let rubric = Rubric::builtin();
    let r = run();
    let input = Input {
        rubric: &rubric,
        run: &r,
        district: None,
        year: None,
        missing_units: &[],
        date: 0,
        unit_sheet_limit: 60,
        typed: &[],
        other_findings: &[],
        official: crate::workbook::Official::default(),
    };
    let bytes = workbook::to_bytes(&input).unwrap();
    let mut wb = crate::read::read_bytes(&bytes, "xlsx", &Default::default()).unwrap();
    // As a team workbook holds them: the units' sheets only.
    wb.sheets
        .retain(|s| ["Phòng Tư pháp", "Phòng Y tế", "Trường A"].contains(&s.name.as_str()));
    wb.properties.clear();
    let book = from_workbook(&wb, &rubric).unwrap();
    assert_eq!(book.kind, OwnKind::Team);
    assert_eq!(book.units.len(), 3);
    for u in &book.units {
        assert_eq!(u.findings.len(), 2, "{}: {:?}", u.name, u.findings);
        let e: Vec<_> = u.errors().collect();
        assert_eq!(e.len(), 1);
        assert_eq!(
            (e[0].criterion.as_deref(), e[0].cell.as_deref()),
            (Some("1a"), Some("F6"))
        );
    }
}

#[test]
fn chi_tiet_reads_back() {
    let book = written(&run(), 1, &[]);
    assert_eq!(book.layout, Layout::Detail);
    check_units(&book);
    assert!(
        book.units
            .iter()
            .all(|u| u.sheet == "Chi tiết" && u.counted)
    );
}

#[test]
fn a_superseded_form_is_read_but_does_not_count() {
    let mut r = run();
    r.files[0].units[0].superseded_by = Some("c.xlsx".into());
    for limit in [60, 1] {
        let book = written(&r, limit, &[]);
        let tp = book.units.iter().find(|u| u.name == "Phòng Tư pháp");
        match limit {
            // No sheet of its own, no row on the summary.
            60 => assert!(tp.is_none()),
            _ => assert!(!tp.unwrap().counted),
        }
        assert_eq!(book.units.iter().filter(|u| u.counted).count(), 2);
    }
}

#[test]
fn typed_values_read_back_where_they_are() {
    let rubric = Rubric::builtin();
    let pos = |id: &str| rubric.items.iter().position(|i| i.id == id).unwrap();
    let mut t = Typed::empty(rubric.items.len());
    t.team[pos("1a")] = Some(TeamValue::Number(d("5")));
    t.team[pos("2b")] = Some(TeamValue::Text("mười".into()));
    t.notes[pos("1a")] = Some("Thiếu kế hoạch năm".into());
    let typed = vec![None, Some(t), None];
    for limit in [60, 1] {
        let book = written(&run(), limit, &typed);
        let u = book.units.iter().find(|u| u.name == "Phòng Y tế").unwrap();
        let a = u.item("1a").unwrap();
        let team = a.team.as_ref().unwrap();
        assert_eq!(
            team.value,
            CellValue::Number {
                value: d("5"),
                percent: false
            }
        );
        assert_eq!(a.note.as_ref().unwrap().text(), "Thiếu kế hoạch năm");
        assert_eq!(u.item("2b").unwrap().team.as_ref().unwrap().text(), "mười");
        // The team's cell is the one under "Điểm đoàn kiểm tra".
        assert_eq!(team.loc.sheet, u.sheet);
        let col = if limit == 60 { 7 } else { 10 };
        assert_eq!(team.loc.addr.col, col, "{}", team.loc);
        // A team score on 1a resolves the error on 1a.
        assert_eq!(u.errors().count(), 1);
        assert_eq!(u.unresolved_errors().count(), 0);
        let others = book.units.iter().filter(|x| x.name != "Phòng Y tế");
        assert!(others.flat_map(|x| &x.items).all(|i| i.team.is_none()));
    }
}

#[test]
fn units_pair_by_name_and_file_then_name() {
    let old = [("Phòng A", "a.xlsx"), ("Phòng B", "b.xlsx")];
    let new = [
        ("phong b", "B.XLSX"),
        ("Phòng A", "a2.xlsx"),
        ("Phòng A", "a3.xlsx"),
    ];
    // Phòng A resent twice: which one is meant is not guessed.
    assert_eq!(pair(&old, &new), vec![None, Some(0)]);
}

#[test]
fn other_workbooks_are_refused() {
    let rubric = Rubric::builtin();
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("templates/mau-tu-danh-gia-2023.xlsx");
    assert_eq!(
        read(&path, &rubric),
        Err(ReadbackError::NotOurs(Some(OwnKind::Template)))
    );
    assert_eq!(
        from_workbook(&Workbook::default(), &rubric),
        Err(ReadbackError::NotOurs(None))
    );
}

#[test]
fn a_sheet_read_in_part_is_refused_not_read_short() {
    let rubric = Rubric::builtin();
    let mut wb = crate::cells::Workbook::default();
    wb.properties
        .push((crate::own::PROPERTY.to_string(), "district".to_string()));
    wb.sheets.push(crate::cells::Sheet {
        name: "Chi tiết".into(),
        too_large: true,
        ..Default::default()
    });
    assert_eq!(
        from_workbook(&wb, &rubric),
        Err(ReadbackError::TooLarge("Chi tiết".into()))
    );
}
