//! The writer on hand-built runs: hostile text from forms, and the plan.

use super::*;
use crate::cells::Addr;
use crate::findings::{Expect, Finding, Message, Subject};
use crate::form::{Entry, Evidence, Form, Loc, Located};
use crate::report::{FileKind, FileReport, FormRef, Run, UnitReport};
use crate::scoring;
use calamine::{Data, Reader, Xlsx};
use std::io::Cursor;

fn unit(name: &str, yes: bool) -> UnitReport {
    let rubric = Rubric::builtin();
    let loc = |r, c| Loc::new("Tự đánh giá", Addr::new(r, c));
    let mut form = Form {
        sheet: "Tự đánh giá".into(),
        unit: Some(Located::new(name.to_string(), loc(1, 1))),
        ..Default::default()
    };
    for (k, item) in rubric.items.iter().filter(|i| !i.is_group()).enumerate() {
        let mut e = Entry::new(&item.id, loc(5 + k as u32, 1));
        if matches!(item.rule, crate::rubric::Rule::YesNo) {
            e.evidence = Some(Located::new(Evidence::YesNo(yes), loc(5 + k as u32, 3)));
        }
        e.self_score = Some(Located::new(item.max, loc(5 + k as u32, 5)));
        form.entries.insert(item.id.clone(), e);
    }
    let scored = scoring::score(&rubric, &form);
    UnitReport {
        // Text from the form, hostile: a control character, markup, and
        // more than a cell holds.
        findings: vec![Finding::at(
            &loc(9, 5),
            Message::NotANumber {
                subject: Subject::SelfScore("1a".into()),
                found: format!("khác \u{1} <b>&amp; {}", "x".repeat(40_000)),
                expected: Expect::Number(crate::value::Kind::Score),
            },
        )],
        form,
        scored,
        roster_name: None,
        superseded_by: None,
    }
}

fn file(path: &str, units: Vec<UnitReport>) -> FileReport {
    FileReport {
        units,
        ..FileReport::new(crate::inputs::Input::new(path), FileKind::Read)
    }
}

fn read(bytes: Vec<u8>) -> Xlsx<Cursor<Vec<u8>>> {
    Xlsx::new(Cursor::new(bytes)).expect("the workbook reads back")
}

#[test]
fn hostile_text_from_forms_is_written_safely() {
    let rubric = Rubric::builtin();
    let long = format!("Trường {}", "Ạ".repeat(50_000));
    let run = Run::new(vec![
        file("a.xlsx", vec![unit("=HYPERLINK(\"http://x\")", true)]),
        file("b&c.xlsx", vec![unit(&long, false)]),
        file("d.xlsx", vec![unit("'Tổng hợp'", true), unit("Tệp", false)]),
    ]);
    let missing = vec!["Phòng\u{0}Y tế".to_string()];
    let input = Input {
        rubric: &rubric,
        run: &run,
        district: Some("Thủ Thừa & <Long An>"),
        year: Some(2023),
        missing_units: &missing,
        date: 1_700_000_000,
        unit_sheet_limit: DEFAULT_UNIT_SHEET_LIMIT,
        typed: &[],
        other_findings: &[],
        official: crate::workbook::Official::default(),
    };
    let bytes = to_bytes(&input).expect("written");
    assert!(bytes == to_bytes(&input).unwrap(), "not deterministic");
    let mut x = read(bytes);
    let names = x.sheet_names();
    assert_eq!(names.len(), 4 + 4, "{names:?}");
    assert!(names.iter().all(|n| n.chars().count() <= 31));
    // A unit named like a formula stays text.
    let sum = x.worksheet_range("Tổng hợp").unwrap();
    let texts: Vec<String> = sum
        .used_cells()
        .filter_map(|(_, _, v)| match v {
            Data::String(s) => Some(s.clone()),
            _ => None,
        })
        .collect();
    assert!(texts.iter().any(|t| t == "=HYPERLINK(\"http://x\")"));
    // Over-long text is cut to what a cell holds, not refused.
    assert!(
        texts
            .iter()
            .any(|t| t.starts_with("Trường ẠẠ") && t.chars().count() < 32_768)
    );
}

#[test]
fn plan_ranks_by_total_then_name_then_input_order() {
    let rubric = Rubric::builtin();
    let run = Run::new(vec![
        file("1.xlsx", vec![unit("Phòng B", false)]),
        file("2.xlsx", vec![unit("phong a", true)]),
        file("3.xlsx", vec![unit("Phòng Ă", true)]),
        file("4.xlsx", vec![unit("Phòng B", false)]),
    ]);
    let input = Input {
        rubric: &rubric,
        run: &run,
        district: None,
        year: None,
        missing_units: &[],
        date: 0,
        unit_sheet_limit: 60,
        typed: &[],
        other_findings: &[],
        official: crate::workbook::Official::default(),
    };
    let rows = plan(&input, false);
    let order: Vec<(String, usize)> = rows.iter().map(|r| (r.name.clone(), r.rank)).collect();
    // "phong a" and "Phòng Ă" fold to the same key: input order decides.
    assert_eq!(
        order,
        [
            ("phong a".to_string(), 1),
            ("Phòng Ă".to_string(), 2),
            ("Phòng B".to_string(), 3),
            ("Phòng B".to_string(), 4)
        ]
    );
    assert!(rows[0].calc.total > rows[2].calc.total);
    // Same name twice: unique sheets.
    assert_eq!(rows[2].place.sheet, "Phòng B");
    assert_eq!(rows[3].place.sheet, "Phòng B (2)");
    assert_eq!(rows[2].file.path(), std::path::Path::new("1.xlsx"));
    // Names compared without case or diacritics: two pairs of duplicates.
    let pair = |a, b| vec![FormRef { file: a, unit: 0 }, FormRef { file: b, unit: 0 }];
    assert_eq!(run.duplicates, vec![pair(0, 3), pair(1, 2)]);
}

#[test]
fn lines_follow_word_wrapping() {
    assert_eq!(lines("", 10.0), 1);
    assert_eq!(lines("một hai ba", 20.0), 1);
    // 12 characters per line at width 10: "một hai ba" | "bốn năm".
    assert_eq!(lines("một hai ba bốn năm", 10.0), 2);
    assert_eq!(lines("a\nb", 50.0), 2);
    assert_eq!(lines(&"x".repeat(30), 10.0), 3);
}

#[test]
fn the_same_run_gives_the_same_bytes_whichever_thread_runs_first() {
    // The summary, findings, statistics and files sheets are built on a
    // thread of their own while the units' sheets ("Chi tiết", or one each
    // in parallel) are written: the bytes must not depend on the timing.
    let rubric = Rubric::builtin();
    let run = files_of((0..6).map(|k| (k, format!("Phòng {k}"))));
    for limit in [60, 2] {
        let input = district_input(&rubric, &run, limit);
        let first = to_bytes(&input).expect("written");
        for _ in 0..5 {
            assert!(first == to_bytes(&input).unwrap(), "limit {limit}: differs");
        }
        let mut x = read(first);
        let names = x.sheet_names();
        assert_eq!(names.first().map(String::as_str), Some(SHEET_SUMMARY));
        assert_eq!(names.len(), if limit == 2 { 5 } else { 10 }, "{names:?}");
        // Every unit is on the summary, with its name.
        let sum = x.worksheet_range(SHEET_SUMMARY).unwrap();
        for k in 0..6 {
            let name = format!("Phòng {k}");
            assert!(
                sum.used_cells()
                    .any(|(_, _, v)| matches!(v, Data::String(s) if *s == name)),
                "{name}"
            );
        }
    }
}

#[test]
fn chi_tiet_written_while_reading_is_the_one_written_after() {
    // consolidate hands each file to the book as soon as it is read (in
    // input order); the workbook must be the one written from the whole run.
    let rubric = Rubric::builtin();
    let run = files_of((0..5).map(|k| (k, format!("Phòng {}", 5 - k))));
    let input = district_input(&rubric, &run, 2);
    let after = to_bytes(&input).expect("written");
    let mut book = Book::new(input.district, input.year, input.date).expect("book");
    book.stream_detail(&rubric).expect("detail");
    for f in &run.files {
        book.push_file(&rubric, f).expect("pushed");
    }
    let mut wb = book.finish(&input, &|| {}).expect("finished");
    assert!(wb.1.detail);
    let streamed = wb.0.save_to_buffer().expect("saved");
    assert!(after == streamed, "the two ways differ");
    // Units in input order, numbered; the summary keeps the ranking.
    let mut x = read(streamed);
    let d = x.worksheet_range(SHEET_DETAIL).unwrap();
    let names: Vec<String> = d
        .rows()
        .filter(|r| matches!(r.get(4), Some(Data::String(s)) if s == "total"))
        .map(|r| r[1].to_string())
        .collect();
    assert_eq!(
        names,
        ["Phòng 5", "Phòng 4", "Phòng 3", "Phòng 2", "Phòng 1"]
    );
}

/// One file per (k, unit name): "k.xlsx", the unit with everything scored
/// for even k.
fn files_of(units: impl Iterator<Item = (usize, String)>) -> Run {
    Run::new(
        units
            .map(|(k, name)| file(&format!("{k}.xlsx"), vec![unit(&name, k % 2 == 0)]))
            .collect(),
    )
}

fn district_input<'a>(rubric: &'a Rubric, run: &'a Run, limit: usize) -> Input<'a> {
    Input {
        rubric,
        run,
        district: Some("Thủ Thừa"),
        year: Some(2023),
        missing_units: &[],
        date: 0,
        unit_sheet_limit: limit,
        typed: &[],
        other_findings: &[],
        official: crate::workbook::Official::default(),
    }
}
