//! Extraction on hand-built workbooks.

use super::*;
use crate::cells::{Addr, Cell, CellValue, Merge, Sheet};
use crate::findings::{Code, Lang};
use crate::form::Evidence;
use rust_decimal::Decimal;
use std::str::FromStr;

fn t(s: &str) -> CellValue {
    CellValue::Text(s.into())
}
fn n(s: &str) -> CellValue {
    CellValue::Number {
        value: Decimal::from_str(s).unwrap(),
        percent: false,
    }
}
fn d(s: &str) -> Decimal {
    Decimal::from_str(s).unwrap()
}

struct B {
    sheet: Sheet,
}

impl B {
    fn new(name: &str) -> B {
        B {
            sheet: Sheet {
                name: name.into(),
                ..Default::default()
            },
        }
    }
    fn set(&mut self, row: u32, col: u32, v: CellValue) -> &mut B {
        self.sheet.cells.push(Cell {
            addr: Addr::new(row, col),
            value: v,
        });
        self
    }
    fn row(&mut self, row: u32, col: u32, vals: Vec<CellValue>) -> &mut B {
        for (i, v) in vals.into_iter().enumerate() {
            self.set(row, col + i as u32, v);
        }
        self
    }
    fn done(mut self) -> Sheet {
        self.sheet.normalize();
        self.sheet
    }
}

/// The seed's table at an offset, criterion in `c`, score in `c + 2`.
fn seed_sheet(name: &str, r0: u32, c0: u32) -> Sheet {
    let rubric = Rubric::builtin();
    let mut b = B::new(name);
    b.set(
        r0,
        c0,
        t("KẾT QUẢ ĐÁNH GIÁ, XẾP LOẠI “ĐƠN VỊ HỌC TẬP” NĂM 2023"),
    );
    b.set(r0 + 1, c0, t("I. Đơn vị: Phòng Tư pháp"));
    b.row(r0 + 2, c0, vec![t("Tổng số thành viên"), n("50")]);
    b.row(
        r0 + 3,
        c0,
        vec![
            t("STT"),
            t("Nội dung tiêu chí"),
            t("Điểm số tối đa"),
            t("Điểm tự chấm"),
        ],
    );
    let mut r = r0 + 4;
    for item in &rubric.items {
        let stt = item.stt.clone().unwrap_or_default();
        let text = match &item.note {
            Some(note) => format!("{} ({note})", item.text),
            None => item.text.clone(),
        };
        b.row(
            r,
            c0,
            vec![
                t(&stt),
                t(&text),
                n(&item.max.to_string()),
                n(&item.max.to_string()),
            ],
        );
        r += 1;
        if item.id == "3a6" {
            // The seed repeats its header at a page break.
            b.row(
                r,
                c0,
                vec![
                    t("STT"),
                    t("Nội dung tiêu chí"),
                    t("Điểm số tối đa"),
                    t("Điểm tự chấm"),
                ],
            );
            r += 2;
        }
    }
    b.row(
        r,
        c0,
        vec![t("Tổng cộng số điểm tối đa"), t(""), n("100"), n("100")],
    );
    b.row(r + 1, c0, vec![t("Xếp loại"), t(""), t(""), t("Tốt")]);
    b.done()
}

#[test]
fn reads_the_seed_table_at_an_offset() {
    let rubric = Rubric::builtin();
    let wb = Workbook::of_sheets(vec![seed_sheet("Báo cáo", 3, 2)]);
    let ex = extract(&rubric, &wb);
    assert!(ex.findings.is_empty(), "{:?}", ex.findings);
    assert_eq!(ex.forms.len(), 1);
    let f = &ex.forms[0];
    assert_eq!(f.unit.as_ref().unwrap().value, "Phòng Tư pháp");
    assert_eq!(f.year.as_ref().unwrap().value, 2023);
    assert_eq!(f.members.as_ref().unwrap().value, d("50"));
    for item in &rubric.items {
        let e = f
            .entries
            .get(&item.id)
            .unwrap_or_else(|| panic!("{}", item.id));
        assert_eq!(
            e.self_score.as_ref().unwrap().value,
            item.max,
            "{}",
            item.id
        );
        assert_eq!(
            e.written_max.as_ref().unwrap().value,
            item.max,
            "{}",
            item.id
        );
    }
    assert_eq!(
        f.entries["total"].self_score.as_ref().unwrap().value,
        d("100")
    );
    assert_eq!(f.entries.len(), rubric.items.len() + 1);
    assert_eq!(f.classification.as_ref().unwrap().value, "Tốt");
    assert!(f.findings.is_empty(), "{:?}", f.findings);
    // Rubric order, total last.
    let ids: Vec<&str> = f.entries.keys().map(|s| s.as_str()).collect();
    assert_eq!(ids[0], "1");
    assert_eq!(*ids.last().unwrap(), "total");
    // Addresses: the 1a self-score at offset row 3+4+1, column 2+3.
    assert_eq!(
        f.entries["1a"].self_cell.as_ref().unwrap().addr.to_string(),
        "F9"
    );
}

#[test]
fn no_table_and_too_large_are_reported() {
    let rubric = Rubric::builtin();
    let mut b = B::new("Hướng dẫn");
    b.set(0, 0, t("Điền vào trang sau"));
    let mut s = b.done();
    s.too_large = true;
    let ex = extract(&rubric, &Workbook::of_sheets(vec![s]));
    assert!(ex.forms.is_empty());
    let codes: Vec<Code> = ex.findings.iter().map(|f| f.code).collect();
    assert_eq!(codes, vec![Code::SheetTooLarge, Code::NoRubricTable]);
    assert!(ex.findings[1].message(Lang::Vi).contains("'Hướng dẫn'"));
}

#[test]
fn bad_values_are_left_out_with_findings() {
    let rubric = Rubric::builtin();
    let mut b = B::new("Form");
    b.row(
        0,
        0,
        vec![
            t("Nội dung tiêu chí"),
            t("Số liệu"),
            t("Tỷ lệ"),
            t("Điểm tự chấm"),
        ],
    );
    b.row(
        1,
        0,
        vec![
            t("Đơn vị có chủ trương hoặc kế hoạch"),
            t("Có"),
            t(""),
            t("chín"),
        ],
    );
    b.row(
        2,
        0,
        vec![
            t("Đơn vị có các quy định cụ thể"),
            t("hmm"),
            t(""),
            CellValue::FormulaNoValue {
                formula: "SUM(D5:D7)".into(),
            },
        ],
    );
    b.row(
        3,
        0,
        vec![
            t("100% thành viên trong đơn vị có kế hoạch tự học"),
            t("47 người"),
            t("94%"),
            t("9,5 điểm"),
        ],
    );
    b.row(
        4,
        0,
        vec![
            t("100% thành viên trong đơn vị tuân thủ kỷ luật"),
            t("88%"),
            t(""),
            t(""),
        ],
    );
    b.row(
        5,
        0,
        vec![
            t("Đơn vị quan tâm đầu tư các nguồn lực"),
            n("1"),
            t(""),
            n("8"),
        ],
    );
    b.row(
        6,
        0,
        vec![
            t("100% thành viên trong đơn vị hoàn thành đầy đủ"),
            t(""),
            CellValue::Number {
                value: d("0.95"),
                percent: true,
            },
            n("9"),
        ],
    );
    let ex = extract(&rubric, &Workbook::of_sheets(vec![b.done()]));
    let f = &ex.forms[0];
    let codes: Vec<(Code, String)> = f
        .findings
        .iter()
        .map(|x| (x.code, x.cell.clone().unwrap()))
        .collect();
    assert_eq!(
        codes,
        vec![
            (Code::NotANumber, "D2".into()),
            (Code::FormulaNoValue, "D3".into()),
            (Code::NotANumber, "B3".into()),
        ]
    );
    assert!(f.findings[0].message(Lang::Vi).contains("chín"));
    assert!(f.findings[0].message(Lang::En).contains("1a"));
    assert!(f.findings[1].message(Lang::Vi).contains("SUM(D5:D7)"));
    let e = &f.entries["1a"];
    assert_eq!(e.self_score, None);
    assert_eq!(e.self_cell.as_ref().unwrap().addr.to_string(), "D2");
    assert_eq!(e.evidence.as_ref().unwrap().value, Evidence::YesNo(true));
    assert_eq!(f.entries["1b"].evidence, None);
    let a = &f.entries["2a"];
    assert_eq!(a.self_score.as_ref().unwrap().value, d("9.5"));
    assert_eq!(a.evidence.as_ref().unwrap().value, Evidence::Count(d("47")));
    assert_eq!(a.percent.as_ref().unwrap().value, d("94"));
    // "88%" written as the evidence is the percentage; the empty score is absent, not 0.
    let b2 = &f.entries["2b"];
    assert_eq!(b2.percent.as_ref().unwrap().value, d("88"));
    assert_eq!(b2.evidence, None);
    assert_eq!(b2.self_score, None);
    assert!(b2.self_cell.is_some());
    assert_eq!(
        f.entries["1c"].evidence.as_ref().unwrap().value,
        Evidence::Count(d("1"))
    );
    assert_eq!(f.entries["2c"].percent.as_ref().unwrap().value, d("95"));
}

#[test]
fn two_row_header_merged_cells_and_no_stt() {
    let rubric = Rubric::builtin();
    let mut b = B::new("Sheet1");
    // Row 0: "Nội dung tiêu chí" merged A1:B2, "Điểm" merged C1:D1.
    b.set(0, 0, t("Nội dung tiêu chí"));
    b.set(0, 2, t("Điểm"));
    b.row(1, 2, vec![t("Tối đa"), t("Tự chấm")]);
    // Criterion merged over A:B.
    b.row(
        2,
        0,
        vec![t(
            "Don vi co chu truong hoac ke hoach cho thanh vien hoc tap thuong xuyen",
        )],
    );
    b.row(2, 2, vec![n("10"), n("10")]);
    b.row(
        3,
        0,
        vec![t("b) Đơn vị có các quy định cụ thể nhằm động viên")],
    );
    b.row(3, 2, vec![n("10"), t("10,0")]);
    let mut s = b.done();
    s.merges = vec![
        Merge {
            first: Addr::new(0, 0),
            last: Addr::new(1, 1),
        },
        Merge {
            first: Addr::new(0, 2),
            last: Addr::new(0, 3),
        },
        Merge {
            first: Addr::new(2, 0),
            last: Addr::new(2, 1),
        },
        Merge {
            first: Addr::new(3, 0),
            last: Addr::new(3, 1),
        },
    ];
    let ex = extract(&rubric, &Workbook::of_sheets(vec![s]));
    let f = &ex.forms[0];
    assert_eq!(f.entries["1a"].self_score.as_ref().unwrap().value, d("10"));
    assert_eq!(f.entries["1a"].written_max.as_ref().unwrap().value, d("10"));
    assert_eq!(f.entries["1b"].self_score.as_ref().unwrap().value, d("10"));
    assert_eq!(
        f.entries["1b"]
            .self_score
            .as_ref()
            .unwrap()
            .loc
            .addr
            .to_string(),
        "D4"
    );
}

#[test]
fn several_forms_one_per_sheet() {
    let rubric = Rubric::builtin();
    let mut notes = B::new("Hướng dẫn");
    notes.set(0, 0, t("Mỗi trường một trang."));
    let mut a = seed_sheet("Trường A", 0, 0);
    let mut b = seed_sheet("Trường B", 2, 1);
    for (s, name) in [(&mut a, "Trường Tiểu học A"), (&mut b, "Trường Mầm non B")] {
        for c in &mut s.cells {
            if let CellValue::Text(x) = &mut c.value
                && x.contains("Đơn vị:")
            {
                *x = format!("Đơn vị: {name}");
            }
        }
    }
    let ex = extract(&rubric, &Workbook::of_sheets(vec![notes.done(), a, b]));
    assert_eq!(ex.forms.len(), 2);
    assert_eq!(ex.forms[0].sheet, "Trường A");
    assert_eq!(
        ex.forms[0].unit.as_ref().unwrap().value,
        "Trường Tiểu học A"
    );
    assert_eq!(ex.forms[1].unit.as_ref().unwrap().value, "Trường Mầm non B");
    assert_eq!(ex.forms[1].unit.as_ref().unwrap().loc.sheet, "Trường B");
}

/// A Phụ lục 1 sheet as units type it: figures after colons, beside
/// labels, with units and dots.
fn pl1_sheet() -> Sheet {
    let mut p = B::new("PL1");
    p.set(0, 0, t("Báo cáo tổng kết công tác Khuyến học Năm 2023"));
    p.set(
        1,
        0,
        t("- Tổng số CB CC-VC – người lao động trong cơ quan: 52"),
    );
    p.row(2, 0, vec![t("- Tổng số hội viên năm 2022:"), n("40")]);
    p.row(
        3,
        0,
        vec![t("- Tổng số hội viên năm 2023:"), t("45 hội viên")],
    );
    p.set(
        4,
        0,
        t("- Tổng số hội viên đóng hội phí: 45, thành tiền: 540.000đ"),
    );
    p.row(5, 0, vec![t("- Tổng số Đảng viên:"), n("20")]);
    p.row(6, 0, vec![t("- Tổng số hội viên là Đảng viên:"), n("18")]);
    p.row(
        7,
        0,
        vec![
            t("+ Bao nhiêu suất quà:.... , thành tiền"),
            n("10"),
            t("2.000.000"),
        ],
    );
    p.row(
        8,
        0,
        vec![
            t("+ Bao nhiêu suất học bổng:"),
            n("5"),
            t("thành tiền:"),
            t("2.500.000 đồng"),
        ],
    );
    p.row(
        9,
        0,
        vec![
            t("- Tổng thu: (tiền mặt và hiện vật quy thành tiền)"),
            t("5.000.000"),
        ],
    );
    p.row(
        10,
        0,
        vec![
            t("- Tổng chi:(tiền mặt và hiện vật quy thành tiền)"),
            t("4.500.000"),
        ],
    );
    p.row(
        11,
        0,
        vec![
            t("- Tồn quỹ:.....(tiền mặt và hiện vật quy thành tiền)"),
            t("5OO.000"),
        ],
    );
    p.done()
}

/// A dossier checklist marked "x", "Có", "Không", "✓" and left blank.
fn dossier_sheet() -> Sheet {
    let mut h = B::new("Hồ sơ");
    h.row(
        0,
        0,
        vec![
            t("+ Quyết định thành lập Ban Khuyến học cơ quan (Kèm danh sách hội viên)."),
            t("x"),
        ],
    );
    h.row(
        1,
        0,
        vec![
            t("+ Kế hoạch triển khai thực hiện đăng ký danh hiệu “Đơn vị học tập” năm 2023."),
            t("Có"),
        ],
    );
    h.row(
        2,
        0,
        vec![
            t("+ Báo cáo tự đánh giá, xếp loại Đơn vị học tập"),
            t("Không"),
        ],
    );
    h.row(
        3,
        0,
        vec![
            t("+ Bản cam kết học tập suốt đời để phát triển bản thân năm 2023 của cá nhân."),
            t("✓"),
        ],
    );
    h.done()
}

#[test]
fn pl1_and_dossier_by_labels() {
    let rubric = Rubric::builtin();
    let table = seed_sheet("PL2", 0, 0);
    let ex = extract(
        &rubric,
        &Workbook::of_sheets(vec![table, pl1_sheet(), dossier_sheet()]),
    );
    let f = &ex.forms[0];
    use crate::form::{DossierDoc, Pl1Field::*};
    let get = |k| f.pl1.get(&k).map(|l| l.value);
    assert_eq!(get(Staff), Some(d("52")));
    assert_eq!(get(MembersLastYear), Some(d("40")));
    assert_eq!(get(Members), Some(d("45")));
    assert_eq!(get(DuesPayers), Some(d("45")));
    assert_eq!(get(DuesAmount), Some(d("540000")));
    assert_eq!(get(PartyMembers), Some(d("20")));
    assert_eq!(get(MembersInParty), Some(d("18")));
    assert_eq!(get(Gifts), Some(d("10")));
    assert_eq!(get(GiftsAmount), Some(d("2000000")));
    assert_eq!(get(Scholarships), Some(d("5")));
    assert_eq!(get(ScholarshipsAmount), Some(d("2500000")));
    assert_eq!(get(Income), Some(d("5000000")));
    assert_eq!(get(Expense), Some(d("4500000")));
    assert_eq!(get(Balance), None);
    let bad: Vec<_> = f
        .findings
        .iter()
        .map(|x| (x.code, x.sheet.clone().unwrap(), x.cell.clone().unwrap()))
        .collect();
    assert_eq!(
        bad,
        vec![(Code::NotANumber, "PL1".to_string(), "B12".to_string())]
    );
    let dos = f.dossier.as_ref().unwrap();
    let mark = |k| dos.get(&k).cloned().flatten().map(|l| l.value);
    assert_eq!(mark(DossierDoc::BoardDecision), Some(true));
    assert_eq!(mark(DossierDoc::RegistrationPlan), Some(true));
    assert_eq!(mark(DossierDoc::SelfAssessment), Some(false));
    assert_eq!(mark(DossierDoc::SelfStudyPlans), None);
    assert_eq!(mark(DossierDoc::LifelongCommitments), Some(true));
    assert_eq!(dos.len(), 6);
    // Members came from "Tổng số thành viên" on the table's sheet, not the staff figure.
    assert_eq!(f.members.as_ref().unwrap().value, d("50"));
}

#[test]
fn a_repeated_row_keeps_the_better_match_and_rows_stay_distinct() {
    let rubric = Rubric::builtin();
    let mut b = B::new("S");
    b.row(
        0,
        0,
        vec![t("STT"), t("Nội dung tiêu chí"), t("Điểm tự chấm")],
    );
    b.row(1, 0, vec![t("a"), t("Đơn vị có chủ trương"), n("5")]);
    b.row(
        2,
        0,
        vec![
            t("a"),
            t("Đơn vị có chủ trương hoặc kế hoạch cho thành viên học tập thường xuyên"),
            n("10"),
        ],
    );
    // 2d's text holds 3b's phrase "đơn vị đạt từ danh hiệu"; 3b's row is absent.
    b.row(
        3,
        0,
        vec![
            t("d"),
            t("100% thành viên trong đơn vị đạt từ danh hiệu “Lao động tiên tiến” trở lên"),
            t("4,5"),
        ],
    );
    b.row(
        4,
        0,
        vec![
            t("d"),
            t("100% thành viên trong đơn vị đạt từ danh hiệu “Lao động tiên tiến” trở lên"),
            n("3"),
        ],
    );
    let ex = extract(&rubric, &Workbook::of_sheets(vec![b.done()]));
    let f = &ex.forms[0];
    assert_eq!(f.entries["1a"].self_score.as_ref().unwrap().value, d("10"));
    assert_eq!(f.entries["1a"].label.addr.to_string(), "B3");
    assert_eq!(
        f.entries["2d"]
            .self_score
            .as_ref()
            .unwrap()
            .loc
            .addr
            .to_string(),
        "C4"
    );
    // The duplicate 2d row is not taken for 3b.
    assert!(!f.entries.contains_key("3b"));
    assert_eq!(f.entries.len(), 2);
}

#[test]
fn fractions_in_a_percent_column_without_formats() {
    let rubric = Rubric::builtin();
    let frac = |s: &str| n(s);
    let mut b = B::new("S");
    b.row(
        0,
        0,
        vec![t("Nội dung tiêu chí"), t("Tỷ lệ"), t("Điểm tự chấm")],
    );
    b.row(
        1,
        0,
        vec![
            t("100% thành viên trong đơn vị có kế hoạch tự học"),
            frac("0.94"),
            n("9.5"),
        ],
    );
    b.row(
        2,
        0,
        vec![
            t("100% thành viên trong đơn vị hoàn thành đầy đủ"),
            frac("1"),
            n("10"),
        ],
    );
    let ex = extract(&rubric, &Workbook::of_sheets(vec![b.done()]));
    let f = &ex.forms[0];
    assert_eq!(f.entries["2a"].percent.as_ref().unwrap().value, d("94"));
    assert_eq!(f.entries["2c"].percent.as_ref().unwrap().value, d("100"));
    // Percentage points stay points.
    let mut b = B::new("S");
    b.row(
        0,
        0,
        vec![t("Nội dung tiêu chí"), t("Tỷ lệ"), t("Điểm tự chấm")],
    );
    b.row(
        1,
        0,
        vec![
            t("100% thành viên trong đơn vị có kế hoạch tự học"),
            n("94"),
            n("9.5"),
        ],
    );
    b.row(
        2,
        0,
        vec![
            t("100% thành viên trong đơn vị hoàn thành đầy đủ"),
            n("0.5"),
            n("10"),
        ],
    );
    let ex = extract(&rubric, &Workbook::of_sheets(vec![b.done()]));
    let f = &ex.forms[0];
    assert_eq!(f.entries["2a"].percent.as_ref().unwrap().value, d("94"));
    assert_eq!(f.entries["2c"].percent.as_ref().unwrap().value, d("0.5"));
}

#[test]
fn unit_name_and_classification_as_typed() {
    let rubric = Rubric::builtin();
    for (cells, want) in [
        (
            vec![t("Tên đơn vị:"), t("   Trường THCS A  ")],
            Some("Trường THCS A"),
        ),
        (vec![t("Đơn vị: ..........................")], None),
        (vec![t("Đơn vị: ……"), t("Phòng Y tế")], Some("Phòng Y tế")),
        (
            vec![t("Cơ quan, đơn vị: UBND xã Mỹ Phú")],
            Some("UBND xã Mỹ Phú"),
        ),
    ] {
        let mut b = B::new("S");
        b.row(0, 0, cells);
        b.row(2, 0, vec![t("Nội dung tiêu chí"), t("Điểm tự chấm")]);
        b.row(3, 0, vec![t("Đơn vị có chủ trương hoặc kế hoạch"), n("10")]);
        b.row(4, 0, vec![t("Xếp loại: Khá")]);
        let ex = extract(&rubric, &Workbook::of_sheets(vec![b.done()]));
        let f = &ex.forms[0];
        assert_eq!(f.unit.as_ref().map(|u| u.value.as_str()), want);
        assert_eq!(f.classification.as_ref().unwrap().value, "Khá");
        assert_eq!(f.year, None);
    }
}

#[test]
fn a_header_without_criteria_is_not_a_form() {
    let rubric = Rubric::builtin();
    let mut notes = B::new("Hướng dẫn");
    notes.row(0, 0, vec![t("Nội dung tiêu chí"), t("Điểm tự chấm")]);
    notes.row(
        1,
        0,
        vec![t("Ghi theo mẫu của Phòng"), t("Ghi số, ví dụ 9,5")],
    );
    let form = seed_sheet("Mẫu", 0, 0);
    let ex = extract(&rubric, &Workbook::of_sheets(vec![notes.done(), form]));
    assert_eq!(ex.forms.len(), 1);
    assert_eq!(ex.forms[0].sheet, "Mẫu");
    // An empty workbook: no table, and the finding says so.
    let ex = extract(&rubric, &Workbook::default());
    assert_eq!(ex.findings.len(), 1);
    assert_eq!(ex.findings[0].code, Code::NoRubricTable);
}

#[test]
fn school_wording_of_labels() {
    let rubric = Rubric::builtin();
    let mut b = B::new("Trường");
    b.set(0, 0, t("BÁO CÁO KẾT QUẢ ĐÁNH GIÁ, XẾP LOẠI “ĐƠN VỊ HỌC TẬP” NĂM 2023 I. Đơn vị: Trường Mầm non Sen Hồng"));
    b.set(1, 0, t("Tổng số CB-GV-NV: 38 người"));
    b.row(
        2,
        0,
        vec![
            t("TT"),
            t("Các tiêu chí"),
            t("Điểm chuẩn"),
            t("Số lượng"),
            t("Tự đánh giá"),
        ],
    );
    b.row(
        3,
        0,
        vec![
            t("2"),
            t("Về kết quả học tập của thành viên"),
            n("30"),
            t(""),
            n("30"),
        ],
    );
    b.row(
        4,
        0,
        vec![
            t("a"),
            t("100% CB-GV-NV có kế hoạch tự học, tự bồi dưỡng"),
            n("10"),
            t("38/38"),
            n("10"),
        ],
    );
    let ex = extract(&rubric, &Workbook::of_sheets(vec![b.done()]));
    let f = &ex.forms[0];
    assert!(f.findings.is_empty(), "{:?}", f.findings);
    assert_eq!(f.unit.as_ref().unwrap().value, "Trường Mầm non Sen Hồng");
    assert_eq!(f.year.as_ref().unwrap().value, 2023);
    assert_eq!(f.members.as_ref().unwrap().value, d("38"));
    let e = &f.entries["2a"];
    assert_eq!(e.evidence.as_ref().unwrap().value, Evidence::Count(d("38")));
    assert_eq!(e.written_max.as_ref().unwrap().value, d("10"));
    assert_eq!(e.self_score.as_ref().unwrap().loc.addr.to_string(), "E5");
    assert_eq!(f.entries["2"].self_score.as_ref().unwrap().value, d("30"));
}

#[test]
fn the_table_ends_at_xep_loai() {
    let rubric = Rubric::builtin();
    let mut b = B::new("S");
    b.row(0, 0, vec![t("Nội dung tiêu chí"), t("Điểm tự chấm")]);
    b.row(1, 0, vec![t("Có ý thức tuân thủ pháp luật"), n("3")]);
    b.row(2, 0, vec![t("Xếp loại"), t("Tốt")]);
    b.row(4, 0, vec![t("Hồ sơ minh chứng")]);
    b.row(
        5,
        0,
        vec![
            t("- Bản cam kết học tập suốt đời để phát triển bản thân"),
            t("Có"),
        ],
    );
    let ex = extract(&rubric, &Workbook::of_sheets(vec![b.done()]));
    let f = &ex.forms[0];
    // The dossier line below is not criterion 3a2 (whose row is missing).
    assert!(!f.entries.contains_key("3a2"));
    assert_eq!(f.entries.len(), 1);
    let dossier = f.dossier.as_ref().unwrap();
    let mark = dossier[&crate::form::DossierDoc::LifelongCommitments].as_ref();
    assert_eq!(mark.map(|m| m.value), Some(true));
    assert_eq!(f.classification.as_ref().unwrap().value, "Tốt");
}

#[test]
fn scores_out_of_the_maximum_and_names_with_labels_after() {
    let rubric = Rubric::builtin();
    let mut b = B::new("S");
    b.set(0, 0, t("Đơn vị: Phòng Tư pháp      Năm: 2023"));
    b.row(1, 0, vec![t("Nội dung tiêu chí"), t("Điểm tự chấm")]);
    b.row(
        2,
        0,
        vec![t("Đơn vị có chủ trương hoặc kế hoạch"), t("10/10")],
    );
    b.row(
        3,
        0,
        vec![
            t("100% thành viên trong đơn vị có kế hoạch tự học"),
            t("9,5/10"),
        ],
    );
    // Out of something else: not a score, reported.
    b.row(
        4,
        0,
        vec![
            t("100% thành viên trong đơn vị tuân thủ kỷ luật"),
            t("4/10"),
        ],
    );
    let ex = extract(&rubric, &Workbook::of_sheets(vec![b.done()]));
    let f = &ex.forms[0];
    assert_eq!(f.unit.as_ref().unwrap().value, "Phòng Tư pháp");
    assert_eq!(f.year.as_ref().unwrap().value, 2023);
    assert_eq!(f.entries["1a"].self_score.as_ref().unwrap().value, d("10"));
    assert_eq!(f.entries["2a"].self_score.as_ref().unwrap().value, d("9.5"));
    assert_eq!(f.entries["2b"].self_score, None);
    assert_eq!(f.findings.len(), 1);
    assert_eq!(f.findings[0].cell.as_deref(), Some("B5"));
    assert!(f.findings[0].message(Lang::Vi).contains("4/10"));
}

#[test]
fn a_header_naming_the_criterion_otherwise() {
    let rubric = Rubric::builtin();
    let mut b = B::new("S");
    b.row(
        0,
        0,
        vec![
            t("TT"),
            t("Tiêu chuẩn đánh giá"),
            t("Điểm tối đa"),
            t("Điểm tự chấm"),
        ],
    );
    b.row(
        1,
        0,
        vec![
            t("a"),
            t("Đơn vị có chủ trương hoặc kế hoạch"),
            n("10"),
            n("10"),
        ],
    );
    let ex = extract(&rubric, &Workbook::of_sheets(vec![b.done()]));
    let f = &ex.forms[0];
    assert_eq!(f.entries["1a"].self_score.as_ref().unwrap().value, d("10"));
    assert_eq!(f.entries["1a"].label.addr.to_string(), "B2");
    // "Điểm tự chấm" alone on a row of prose is no table.
    let mut b = B::new("S");
    b.row(0, 0, vec![t("Ghi điểm vào cột"), t("Điểm tự chấm")]);
    b.row(1, 0, vec![t("Đơn vị có chủ trương hoặc kế hoạch"), n("10")]);
    let ex = extract(&rubric, &Workbook::of_sheets(vec![b.done()]));
    assert!(ex.forms.is_empty());
}

#[test]
fn a_classification_formula_without_value_is_reported() {
    let rubric = Rubric::builtin();
    let mut b = B::new("S");
    b.row(0, 0, vec![t("Nội dung tiêu chí"), t("Điểm tự chấm")]);
    b.row(1, 0, vec![t("Đơn vị có chủ trương hoặc kế hoạch"), n("10")]);
    b.row(
        2,
        0,
        vec![
            t("Xếp loại"),
            CellValue::FormulaNoValue {
                formula: "IF(B3>=85,\"Tốt\",\"Khá\")".into(),
            },
        ],
    );
    let ex = extract(&rubric, &Workbook::of_sheets(vec![b.done()]));
    let f = &ex.forms[0];
    assert_eq!(f.classification, None);
    assert_eq!(f.findings.len(), 1);
    assert_eq!(f.findings[0].code, Code::FormulaNoValue);
    assert_eq!(f.findings[0].cell.as_deref(), Some("B3"));
    assert!(f.findings[0].message(Lang::En).contains("classification"));
    assert!(f.findings[0].message(Lang::Vi).contains("Tốt, Khá"));
}

#[test]
fn last_years_score_column_is_not_read() {
    let rubric = Rubric::builtin();
    let mut b = B::new("S");
    b.row(
        0,
        0,
        vec![
            t("Nội dung tiêu chí"),
            t("Điểm tự chấm năm 2022"),
            t("Điểm tự chấm năm 2023"),
        ],
    );
    b.row(
        1,
        0,
        vec![t("Đơn vị có chủ trương hoặc kế hoạch"), n("0"), n("10")],
    );
    let ex = extract(&rubric, &Workbook::of_sheets(vec![b.done()]));
    assert_eq!(
        ex.forms[0].entries["1a"].self_score.as_ref().unwrap().value,
        d("10")
    );
    let mut b = B::new("S");
    b.row(
        0,
        0,
        vec![t("Nội dung tiêu chí"), t("Tự chấm 2022"), t("Điểm tự chấm")],
    );
    b.row(
        1,
        0,
        vec![t("Đơn vị có chủ trương hoặc kế hoạch"), n("0"), n("10")],
    );
    let ex = extract(&rubric, &Workbook::of_sheets(vec![b.done()]));
    assert_eq!(
        ex.forms[0].entries["1a"]
            .self_score
            .as_ref()
            .unwrap()
            .loc
            .addr
            .to_string(),
        "C2"
    );
}

#[test]
fn remembered_row_matches_are_the_computed_ones() {
    let rubric = Rubric::builtin();
    let m = table::Matcher::new(&rubric);
    let rows = [
        (
            "a) 100% thanh vien trong don vi co ke hoach hoc tap",
            Some("a"),
        ),
        ("a) 100% thanh vien trong don vi co ke hoach hoc tap", None),
        ("tong cong", None),
        ("xep loai", Some("")),
        ("khong phai tieu chi nao", Some("9")),
    ];
    for _ in 0..2 {
        for (text, stt) in rows {
            let got = m.candidates(text, stt);
            assert_eq!(got, m.candidates_uncached(text, stt), "{text:?} {stt:?}");
        }
    }
    // STT and text are kept apart in the memo: "1" + "a b" is not "1a" + " b".
    assert_eq!(
        m.candidates("tong cong", Some("1")),
        m.candidates_uncached("tong cong", Some("1"))
    );
}

#[test]
fn remembered_column_kinds_are_the_computed_ones() {
    for label in [
        "điểm tự chấm",
        "Điểm số tối đa",
        "STT",
        "Tỷ lệ",
        "ghi chú",
        "Nội dung tiêu chí",
        "%",
        "không là tiêu đề",
    ] {
        let f = crate::text::fold_ascii(label);
        for _ in 0..2 {
            assert_eq!(
                table::classify_header(label),
                table::classify_short(&f),
                "{label}"
            );
        }
    }
}

/// A table with two columns of each kind, the values in the second:
/// "Minh chứng kèm theo" empty beside "Số liệu", an empty "Điểm tối đa"
/// beside "Điểm số tối đa", an empty "Tỷ lệ" beside "Tỷ lệ (%)", and an
/// empty "Điểm tự chấm" beside "Điểm tự chấm (điểm)".
fn doubled_columns(values_first: bool) -> Sheet {
    let mut b = B::new("Phụ lục 2");
    let heads = [
        "Nội dung tiêu chí",
        "Minh chứng kèm theo",
        "Số liệu",
        "Điểm tối đa",
        "Điểm số tối đa",
        "Tỷ lệ",
        "Tỷ lệ (%)",
        "Điểm tự chấm",
        "Điểm tự chấm (điểm)",
    ];
    b.row(2, 1, heads.iter().map(|h| t(h)).collect());
    let rows: [(&str, CellValue, &str, &str, &str); 3] = [
        (
            "Đơn vị có chủ trương hoặc kế hoạch",
            t("Có"),
            "10",
            "",
            "10",
        ),
        (
            "100% thành viên trong đơn vị có kế hoạch tự học",
            n("47"),
            "10",
            "94",
            "9,5",
        ),
        (
            "Đơn vị quan tâm đầu tư các nguồn lực",
            n("1"),
            "10",
            "",
            "8",
        ),
    ];
    for (k, (text, evidence, max, pct, score)) in rows.into_iter().enumerate() {
        let r = 3 + k as u32;
        // The filled column of each pair is the first or the second.
        let (ev, mx, pc, sc) = if values_first {
            (2, 4, 6, 8)
        } else {
            (3, 5, 7, 9)
        };
        b.set(r, 1, t(text));
        b.set(r, ev, evidence);
        b.set(r, mx, t(max));
        if !pct.is_empty() {
            b.set(r, pc, t(pct));
        }
        b.set(r, sc, t(score));
    }
    b.done()
}

#[test]
fn of_two_columns_named_alike_the_one_holding_the_values_is_read() {
    let rubric = Rubric::builtin();
    for values_first in [false, true] {
        let ex = extract(
            &rubric,
            &Workbook::of_sheets(vec![doubled_columns(values_first)]),
        );
        let f = &ex.forms[0];
        let (ev, mx, pc, sc) = if values_first {
            ("C", "E", "G", "I")
        } else {
            ("D", "F", "H", "J")
        };
        let a = &f.entries["1a"];
        assert_eq!(a.evidence.as_ref().unwrap().value, Evidence::YesNo(true));
        assert_eq!(
            a.evidence.as_ref().unwrap().loc.addr.to_string(),
            format!("{ev}4")
        );
        assert_eq!(
            a.written_max.as_ref().unwrap().loc.addr.to_string(),
            format!("{mx}4")
        );
        assert_eq!(a.self_score.as_ref().unwrap().value, d("10"));
        assert_eq!(
            a.self_cell.as_ref().unwrap().addr.to_string(),
            format!("{sc}4")
        );
        let b2 = &f.entries["2a"];
        assert_eq!(
            b2.evidence.as_ref().unwrap().value,
            Evidence::Count(d("47"))
        );
        assert_eq!(b2.percent.as_ref().unwrap().value, d("94"));
        assert_eq!(
            b2.percent.as_ref().unwrap().loc.addr.to_string(),
            format!("{pc}5")
        );
        assert_eq!(b2.self_score.as_ref().unwrap().value, d("9.5"));
        assert_eq!(
            f.entries["1c"].evidence.as_ref().unwrap().value,
            Evidence::Count(d("1"))
        );
        assert!(
            f.findings.iter().all(|x| x.code != Code::NotANumber),
            "{:?}",
            f.findings
        );
    }
}

#[test]
fn last_years_self_scores_beside_this_years_are_not_taken() {
    // "Điểm tự chấm 2022" filled, this year's column filled too: the
    // column naming no year is read, as before.
    let rubric = Rubric::builtin();
    let mut b = B::new("Form");
    b.row(
        0,
        0,
        vec![
            t("Nội dung tiêu chí"),
            t("Điểm tự chấm năm 2022"),
            t("Điểm tự chấm"),
        ],
    );
    b.row(
        1,
        0,
        vec![t("Đơn vị có chủ trương hoặc kế hoạch"), n("0"), n("10")],
    );
    let ex = extract(&rubric, &Workbook::of_sheets(vec![b.done()]));
    let a = &ex.forms[0].entries["1a"];
    assert_eq!(a.self_score.as_ref().unwrap().value, d("10"));
    assert_eq!(a.self_cell.as_ref().unwrap().addr.to_string(), "C2");
}
