//! Every finding code of `validate` and `across_files`, each triggered by a
//! form built by hand, with the exact cell it points at.

use super::*;
use crate::cells::Addr;
use crate::findings::{Code, Expect, Lang, Message, Subject};
use crate::form::{DossierDoc, Entry, Evidence, Located, Pl1Field};
use crate::inputs::Input;
use crate::report::{FileKind, FileReport, Run, UnitReport};
use crate::scoring::score;
use crate::value::Kind;
use indexmap::IndexMap;
use rust_decimal::Decimal;
use std::str::FromStr;

const SHEET: &str = "Tự đánh giá";
const PL1: &str = "Phụ lục 1";
const DOSSIER: &str = "Hồ sơ";
// Columns of the built table: B label, C max, D evidence, E percent, F self.
const C_LABEL: u32 = 1;
const C_MAX: u32 = 2;
const C_EVID: u32 = 3;
const C_PCT: u32 = 4;
const C_SELF: u32 = 5;

fn d(s: &str) -> Decimal {
    Decimal::from_str(s).unwrap()
}

/// A cell of a sheet from its A1 name ("F12").
fn at(sheet: &str, a1: &str) -> Loc {
    let col = a1
        .chars()
        .take_while(|c| c.is_ascii_alphabetic())
        .fold(0u32, |n, c| {
            n * 26 + (c.to_ascii_uppercase() as u32 - 'A' as u32 + 1)
        })
        - 1;
    let row: u32 = a1
        .trim_start_matches(|c: char| c.is_ascii_alphabetic())
        .parse::<u32>()
        .unwrap()
        - 1;
    Loc::new(sheet, Addr::new(row, col))
}

/// The row (0-based) of a rubric id in the built table: items from row 8
/// (A1 numbering) in rubric order, then the total row.
fn row_of(rubric: &Rubric, id: &str) -> u32 {
    let i = rubric
        .items
        .iter()
        .position(|it| it.id == id)
        .unwrap_or(rubric.items.len());
    7 + i as u32
}

fn loc(rubric: &Rubric, id: &str, col: u32) -> Loc {
    Loc::new(SHEET, Addr::new(row_of(rubric, id), col))
}

/// Builds a complete, consistent form: 97 points, "Tốt", 50 members.
struct B {
    rubric: Rubric,
    form: Form,
}

impl B {
    fn clean() -> B {
        let rubric = Rubric::builtin();
        let mut form = Form {
            sheet: SHEET.into(),
            ..Default::default()
        };
        form.unit = Some(Located::new("Phòng Tư pháp".into(), at(SHEET, "C3")));
        form.year = Some(Located::new(2023, at(SHEET, "A2")));
        form.members = Some(Located::new(d("50"), at(SHEET, "D5")));
        let mut b = B { rubric, form };
        let yes = |b: &mut B, id: &str, score: &str| b.set(id, Some(Evidence::YesNo(true)), score);
        yes(&mut b, "1a", "10");
        yes(&mut b, "1b", "10");
        b.set("1c", Some(Evidence::Count(d("0"))), "10");
        b.set("2a", Some(Evidence::Count(d("47"))), "9.5");
        b.percent("2a", "94");
        b.set("2b", Some(Evidence::Count(d("50"))), "5");
        b.set("2c", Some(Evidence::Count(d("50"))), "10");
        b.set("2d", Some(Evidence::Count(d("45"))), "4.5");
        b.percent("2d", "90");
        for id in ["3a1", "3a2", "3a3", "3a4", "3a5", "3a6", "3a7"] {
            yes(&mut b, id, "3");
        }
        yes(&mut b, "3a8", "4");
        yes(&mut b, "3b", "10");
        b.set("3c", Some(Evidence::Count(d("3"))), "3");
        for (id, v) in [
            ("1", "30"),
            ("2", "29"),
            ("3a", "25"),
            ("3", "38"),
            ("total", "97"),
        ] {
            b.set(id, None, v);
        }
        let r = row_of(&b.rubric, "total") + 1;
        b.form.classification = Some(Located::new(
            "Tốt".into(),
            Loc::new(SHEET, Addr::new(r, C_SELF)),
        ));
        let figures = [
            (Pl1Field::Staff, "50"),
            (Pl1Field::MembersLastYear, "40"),
            (Pl1Field::Members, "45"),
            (Pl1Field::DuesPayers, "45"),
            (Pl1Field::DuesAmount, "540000"),
            (Pl1Field::PartyMembers, "20"),
            (Pl1Field::MembersInParty, "15"),
            (Pl1Field::Gifts, "10"),
            (Pl1Field::GiftsAmount, "2000000"),
            (Pl1Field::Scholarships, "5"),
            (Pl1Field::ScholarshipsAmount, "2500000"),
            (Pl1Field::Income, "5000000"),
            (Pl1Field::Expense, "4500000"),
            (Pl1Field::Balance, "500000"),
        ];
        for (i, (f, v)) in figures.into_iter().enumerate() {
            b.form.pl1.insert(
                f,
                Located::new(d(v), Loc::new(PL1, Addr::new(4 + i as u32, 2))),
            );
        }
        let mut dossier = IndexMap::new();
        for (i, doc) in DossierDoc::ALL.into_iter().enumerate() {
            dossier.insert(
                doc,
                Some(Located::new(
                    true,
                    Loc::new(DOSSIER, Addr::new(2 + i as u32, 2)),
                )),
            );
        }
        b.form.dossier = Some(dossier);
        b
    }

    /// Sets a row: evidence and self-score ("" leaves the score empty).
    fn set(&mut self, id: &str, ev: Option<Evidence>, score: &str) {
        let mut e = Entry::new(id, loc(&self.rubric, id, C_LABEL));
        e.self_cell = Some(loc(&self.rubric, id, C_SELF));
        if !score.is_empty() {
            e.self_score = Some(Located::new(d(score), loc(&self.rubric, id, C_SELF)));
        }
        if let Some(max) = self.rubric.item(id).map(|i| i.max) {
            e.written_max = Some(Located::new(max, loc(&self.rubric, id, C_MAX)));
        }
        e.evidence = ev.map(|v| Located::new(v, loc(&self.rubric, id, C_EVID)));
        self.form.entries.insert(id.to_string(), e);
    }

    fn score(&mut self, id: &str, v: &str) {
        let l = loc(&self.rubric, id, C_SELF);
        let e = self.form.entries.get_mut(id).unwrap();
        e.self_score = if v.is_empty() {
            None
        } else {
            Some(Located::new(d(v), l))
        };
    }

    fn count(&mut self, id: &str, v: &str) {
        let l = loc(&self.rubric, id, C_EVID);
        self.form.entries.get_mut(id).unwrap().evidence =
            Some(Located::new(Evidence::Count(d(v)), l));
    }

    fn yes_no(&mut self, id: &str, v: bool) {
        let l = loc(&self.rubric, id, C_EVID);
        self.form.entries.get_mut(id).unwrap().evidence = Some(Located::new(Evidence::YesNo(v), l));
    }

    fn percent(&mut self, id: &str, v: &str) {
        let l = loc(&self.rubric, id, C_PCT);
        self.form.entries.get_mut(id).unwrap().percent = Some(Located::new(d(v), l));
    }

    fn pl1(&mut self, f: Pl1Field, v: &str) {
        self.form.pl1.get_mut(&f).unwrap().value = d(v);
    }

    fn findings_with(&self, opts: &CheckOptions) -> Vec<Finding> {
        let scored = score(&self.rubric, &self.form);
        validate(&self.rubric, &self.form, &scored, opts)
    }

    fn findings(&self) -> Vec<Finding> {
        self.findings_with(&CheckOptions::default())
    }
}

/// (code, sheet, cell) of each finding, for exact comparison.
fn sites(fs: &[Finding]) -> Vec<(Code, Option<String>, Option<String>)> {
    fs.iter()
        .map(|f| (f.code, f.sheet.clone(), f.cell.clone()))
        .collect()
}

fn one(code: Code, sheet: &str, cell: &str) -> Vec<(Code, Option<String>, Option<String>)> {
    vec![(code, Some(sheet.to_string()), Some(cell.to_string()))]
}

/// Asserts exactly one finding, with this code and cell, whose messages
/// name the cell in both languages and contain `vi` and `en`.
fn only(fs: &[Finding], code: Code, sheet: &str, cell: &str, vi: &str, en: &str) {
    assert_eq!(sites(fs), one(code, sheet, cell), "{fs:#?}");
    let f = &fs[0];
    assert!(
        f.message(Lang::Vi).contains(&format!("Ô {cell}")),
        "{}",
        f.message(Lang::Vi)
    );
    assert!(
        f.message(Lang::En).contains(&format!("Cell {cell}")),
        "{}",
        f.message(Lang::En)
    );
    assert!(f.message(Lang::Vi).contains(vi), "{}", f.message(Lang::Vi));
    assert!(f.message(Lang::En).contains(en), "{}", f.message(Lang::En));
}

#[test]
fn the_clean_form_gives_no_finding() {
    let b = B::clean();
    let scored = score(&b.rubric, &b.form);
    assert_eq!(scored.total.self_score, Some(d("97")));
    assert_eq!(scored.total.computed, Some(d("97")));
    assert_eq!(
        b.findings_with(&CheckOptions { year: Some(2023) }),
        Vec::<Finding>::new()
    );
}

#[test]
fn missing_criterion_names_the_row() {
    let mut b = B::clean();
    b.form.entries.shift_remove("2c");
    b.score("2", "19");
    b.score("total", "87");
    let fs = b.findings();
    assert_eq!(
        sites(&fs),
        vec![(Code::MissingCriterion, Some(SHEET.into()), None)]
    );
    assert!(fs[0].message(Lang::Vi).contains("tiêu chí 2c"));
}

#[test]
fn missing_self_score_points_at_the_empty_cell() {
    let mut b = B::clean();
    b.score("1b", "");
    // The group and total rows are then not checked (a child has no score),
    // nor is the classification (the total is incomplete).
    only(
        &b.findings(),
        Code::MissingSelfScore,
        SHEET,
        "F10",
        "tiêu chí 1b",
        "criterion 1b",
    );
}

#[test]
fn missing_self_score_is_silent_where_reading_already_reported() {
    let mut b = B::clean();
    b.score("1b", "");
    b.form.findings.push(Finding::at(
        &at(SHEET, "F10"),
        Message::NotANumber {
            subject: Subject::SelfScore("1b".into()),
            found: "x".into(),
            expected: Expect::Number(Kind::Score),
        },
    ));
    assert_eq!(b.findings(), Vec::<Finding>::new());
}

#[test]
fn score_above_max() {
    let mut b = B::clean();
    b.score("1a", "12");
    b.score("1", "32");
    b.score("total", "99");
    let fs = b.findings();
    // Group and total add up; 99 is still "Tốt".
    only(
        &fs,
        Code::ScoreAboveMax,
        SHEET,
        "F9",
        "vượt điểm tối đa 10",
        "above the maximum of 10",
    );
    assert!(
        fs[0]
            .message(Lang::Vi)
            .contains("thành 10 (điểm tính từ số liệu)")
    );
}

#[test]
fn score_negative() {
    let mut b = B::clean();
    b.score("3c", "-1");
    b.count("3c", "0");
    b.score("3", "34");
    b.score("total", "93");
    only(&b.findings(), Code::ScoreNegative, SHEET, "F28", "-1", "-1");
}

#[test]
fn score_unattainable_on_a_half_step() {
    let mut b = B::clean();
    b.form.entries.get_mut("2b").unwrap().evidence = None;
    b.score("2b", "4.25");
    b.score("2", "28.25");
    b.score("total", "96.25");
    only(
        &b.findings(),
        Code::ScoreUnattainable,
        SHEET,
        "F14",
        "bội số của 0,5",
        "multiples of 0.5",
    );
}

#[test]
fn score_unattainable_yes_no_lists_the_two_values() {
    let mut b = B::clean();
    b.form.entries.get_mut("1b").unwrap().evidence = None;
    b.score("1b", "5");
    b.score("1", "25");
    b.score("total", "92");
    only(
        &b.findings(),
        Code::ScoreUnattainable,
        SHEET,
        "F10",
        "0 hoặc 10",
        "0 or 10",
    );
}

#[test]
fn zero_on_1c_is_a_warning_that_explains_the_rule() {
    let mut b = B::clean();
    b.form.entries.get_mut("1c").unwrap().evidence = None;
    b.score("1c", "0");
    b.score("1", "20");
    b.score("total", "87");
    let fs = b.findings();
    only(
        &fs,
        Code::ScoreUnattainable,
        SHEET,
        "F11",
        "vẫn được 2 điểm",
        "even lacking all 4 gives 2",
    );
    assert_eq!(fs[0].severity, crate::findings::Severity::Warning);
}

#[test]
fn three_a_written_without_its_items_must_be_a_subset_sum() {
    let mut b = B::clean();
    for id in ["3a1", "3a2", "3a3", "3a4", "3a5", "3a6", "3a7", "3a8"] {
        b.form.entries.shift_remove(id);
    }
    b.score("3a", "24");
    b.score("3", "37");
    b.score("total", "96");
    let fs: Vec<Finding> = b
        .findings()
        .into_iter()
        .filter(|f| f.code != Code::MissingCriterion)
        .collect();
    only(&fs, Code::ScoreUnattainable, SHEET, "F18", "24", "24");
    assert!(
        fs[0].message(Lang::Vi).contains("22 hoặc 25"),
        "{}",
        fs[0].message(Lang::Vi)
    );
}

#[test]
fn self_computed_differ_gives_the_score_and_its_reason() {
    let mut b = B::clean();
    b.score("2a", "10");
    b.score("2", "29.5");
    b.score("total", "97.5");
    only(
        &b.findings(),
        Code::SelfComputedDiffer,
        SHEET,
        "F13",
        "Sửa điểm tự chấm ở ô F13 thành 9,5 hoặc bổ sung minh chứng",
        "47/50 members = 94%",
    );
}

#[test]
fn self_computed_differ_on_a_yes_no() {
    let mut b = B::clean();
    b.yes_no("3b", false);
    only(
        &b.findings(),
        Code::SelfComputedDiffer,
        SHEET,
        "F27",
        "Không → 0 điểm",
        "No → 0 points",
    );
}

#[test]
fn group_sum_mismatch_points_at_the_group_row() {
    let mut b = B::clean();
    b.score("2", "30");
    b.score("total", "98");
    only(
        &b.findings(),
        Code::GroupSumMismatch,
        SHEET,
        "F12",
        "được 29 (9,5 + 5 + 10 + 4,5)",
        "add up to 29",
    );
}

#[test]
fn group_sum_uses_the_written_subgroup() {
    let mut b = B::clean();
    b.score("3a", "22");
    // "3" = 38 no longer equals 22 + 10 + 3; "3a" itself is off by 3.
    let fs = b.findings();
    assert_eq!(
        sites(&fs),
        vec![
            (
                Code::GroupSumMismatch,
                Some(SHEET.into()),
                Some("F17".into())
            ),
            (
                Code::GroupSumMismatch,
                Some(SHEET.into()),
                Some("F18".into())
            ),
        ]
    );
}

#[test]
fn total_mismatch() {
    let mut b = B::clean();
    b.score("total", "95");
    only(
        &b.findings(),
        Code::TotalMismatch,
        SHEET,
        "F29",
        "được 97 (30 + 29 + 38)",
        "add up to 97",
    );
}

#[test]
fn total_above_the_maximum() {
    let mut b = B::clean();
    b.score("total", "107");
    only(
        &b.findings(),
        Code::ScoreAboveMax,
        SHEET,
        "F29",
        "vượt điểm tối đa 100",
        "maximum of 100",
    );
}

#[test]
fn classification_mismatch() {
    let mut b = B::clean();
    b.form.classification.as_mut().unwrap().value = "Khá".into();
    only(
        &b.findings(),
        Code::ClassificationMismatch,
        SHEET,
        "F30",
        "thuộc loại \"Tốt\"",
        "falls in \"Tốt\" (Good)",
    );
}

#[test]
fn classification_is_read_loosely() {
    for w in ["  TỐT ", "Xếp loại: Tốt.", "tot", "Good"] {
        let mut b = B::clean();
        b.form.classification.as_mut().unwrap().value = w.into();
        assert_eq!(b.findings(), Vec::<Finding>::new(), "{w}");
    }
}

#[test]
fn members_missing() {
    let mut b = B::clean();
    b.form.members = None;
    // No total: nothing is computed for 2a–2d, so the self-scores stand.
    only(
        &b.findings(),
        Code::MembersMissing,
        SHEET,
        "D13",
        "Tổng số thành viên",
        "total number of members",
    );
}

#[test]
fn count_invalid_fractional_member_count() {
    let mut b = B::clean();
    b.count("2c", "49.5");
    only(
        &b.findings(),
        Code::CountInvalid,
        SHEET,
        "D15",
        "49,5",
        "49.5",
    );
}

#[test]
fn count_invalid_negative_member_count() {
    let mut b = B::clean();
    b.count("2b", "-3");
    only(&b.findings(), Code::CountInvalid, SHEET, "D14", "-3", "-3");
}

#[test]
fn count_invalid_members_total() {
    for v in ["0", "-50", "50.5"] {
        let mut b = B::clean();
        b.form.members.as_mut().unwrap().value = d(v);
        b.form.entries.get_mut("2a").unwrap().percent = None;
        b.form.entries.get_mut("2d").unwrap().percent = None;
        only(
            &b.findings(),
            Code::CountInvalid,
            SHEET,
            "D5",
            "tổng số thành viên",
            "total number of members",
        );
    }
}

#[test]
fn count_invalid_1c_above_four_and_fractional() {
    for v in ["5", "1.5", "-1"] {
        let mut b = B::clean();
        b.count("1c", v);
        only(
            &b.findings(),
            Code::CountInvalid,
            SHEET,
            "D11",
            "từ 0 đến 4",
            "from 0 to 4",
        );
    }
}

#[test]
fn count_invalid_3c() {
    let mut b = B::clean();
    b.count("3c", "2.5");
    only(
        &b.findings(),
        Code::CountInvalid,
        SHEET,
        "D28",
        "2,5",
        "2.5",
    );
}

#[test]
fn three_c_above_five_is_capped_not_invalid() {
    let mut b = B::clean();
    b.count("3c", "7");
    b.score("3c", "5");
    b.score("3", "40");
    b.score("total", "99");
    assert_eq!(b.findings(), Vec::<Finding>::new());
}

#[test]
fn count_above_total() {
    let mut b = B::clean();
    b.count("2b", "52");
    only(
        &b.findings(),
        Code::CountAboveTotal,
        SHEET,
        "D14",
        "lớn hơn tổng số thành viên 50",
        "more than the 50 members",
    );
}

#[test]
fn percent_out_of_range() {
    for v in ["120", "-5"] {
        let mut b = B::clean();
        b.percent("2a", v);
        only(
            &b.findings(),
            Code::PercentOutOfRange,
            SHEET,
            "E13",
            "0–100%",
            "0–100%",
        );
    }
}

#[test]
fn percent_mismatch_beyond_rounding() {
    let mut b = B::clean();
    b.percent("2a", "90");
    only(
        &b.findings(),
        Code::PercentMismatch,
        SHEET,
        "E13",
        "47/50 thành viên là 94% (cho phép lệch 0,5 điểm phần trăm",
        "up to 0.5 percentage points",
    );
}

#[test]
fn percent_rounded_when_typed_is_accepted() {
    // 2/3 = 66.67 %: 67 and 66.7 are roundings, 66 is not.
    let mut b = B::clean();
    b.form.members.as_mut().unwrap().value = d("3");
    b.count("2a", "2");
    b.score("2a", "7");
    b.count("2b", "3");
    b.count("2c", "3");
    b.count("2d", "3");
    b.form.entries.get_mut("2d").unwrap().percent = None;
    b.score("2d", "5");
    b.score("2", "27");
    b.score("total", "95");
    for p in ["67", "66.7", "66.67", "66.5"] {
        b.percent("2a", p);
        assert_eq!(b.findings(), Vec::<Finding>::new(), "{p}");
    }
    b.percent("2a", "66");
    only(
        &b.findings(),
        Code::PercentMismatch,
        SHEET,
        "E13",
        "66,67%",
        "66.67%",
    );
}

#[test]
fn unit_name_missing() {
    let mut b = B::clean();
    b.form.unit = None;
    let fs = b.findings();
    assert_eq!(
        sites(&fs),
        vec![(Code::UnitNameMissing, Some(SHEET.into()), None)]
    );
    b.form.unit = Some(Located::new("   ".into(), at(SHEET, "C3")));
    only(
        &b.findings(),
        Code::UnitNameMissing,
        SHEET,
        "C3",
        "Đơn vị:",
        "Đơn vị:",
    );
}

#[test]
fn year_mismatch_only_with_a_year_on_both_sides() {
    let mut b = B::clean();
    let fs = b.findings_with(&CheckOptions { year: Some(2024) });
    only(&fs, Code::YearMismatch, SHEET, "A2", "năm 2023", "for 2023");
    assert!(b.findings().is_empty());
    b.form.year = None;
    assert!(
        b.findings_with(&CheckOptions { year: Some(2024) })
            .is_empty()
    );
}

#[test]
fn dues_mismatch() {
    let mut b = B::clean();
    b.pl1(Pl1Field::DuesAmount, "500000");
    only(
        &b.findings(),
        Code::DuesMismatch,
        PL1,
        "C9",
        "45 hội viên × 12.000 đồng = 540.000 đồng",
        "540,000",
    );
}

#[test]
fn balance_mismatch() {
    let mut b = B::clean();
    b.pl1(Pl1Field::Balance, "400000");
    only(
        &b.findings(),
        Code::BalanceMismatch,
        PL1,
        "C18",
        "= 500.000 đồng",
        "= 500,000 VND",
    );
}

#[test]
fn payers_exceed_members() {
    let mut b = B::clean();
    b.pl1(Pl1Field::DuesPayers, "46");
    b.pl1(Pl1Field::DuesAmount, "552000");
    only(
        &b.findings(),
        Code::PayersExceedMembers,
        PL1,
        "C8",
        "46",
        "46",
    );
}

#[test]
fn party_members_exceed_either_bound() {
    let mut b = B::clean();
    b.pl1(Pl1Field::MembersInParty, "21");
    only(
        &b.findings(),
        Code::PartyMembersExceed,
        PL1,
        "C11",
        "tổng số Đảng viên 20",
        "20 party members",
    );
    b.pl1(Pl1Field::PartyMembers, "60");
    b.pl1(Pl1Field::MembersInParty, "46");
    only(
        &b.findings(),
        Code::PartyMembersExceed,
        PL1,
        "C11",
        "tổng số hội viên năm nay 45",
        "45 board members",
    );
}

#[test]
fn pl1_figures_must_be_whole_and_not_negative() {
    let mut b = B::clean();
    b.pl1(Pl1Field::Gifts, "-2");
    only(
        &b.findings(),
        Code::CountInvalid,
        PL1,
        "C12",
        "Số suất quà",
        "Gifts",
    );
    let mut b = B::clean();
    b.pl1(Pl1Field::Expense, "4500000.5");
    // The balance is not compared with an invalid figure.
    only(
        &b.findings(),
        Code::CountInvalid,
        PL1,
        "C17",
        "Tổng chi",
        "Total expense",
    );
}

#[test]
fn dossier_document_marked_absent() {
    let mut b = B::clean();
    let list = b.form.dossier.as_mut().unwrap();
    list.get_mut(&DossierDoc::SelfStudyPlans)
        .unwrap()
        .as_mut()
        .unwrap()
        .value = false;
    only(
        &b.findings(),
        Code::DossierIncomplete,
        DOSSIER,
        "C6",
        "tự học",
        "self-study",
    );
}

#[test]
fn dossier_document_unmarked_or_absent_from_the_list() {
    let mut b = B::clean();
    let list = b.form.dossier.as_mut().unwrap();
    list.insert(DossierDoc::RegistrationPlan, None);
    list.shift_remove(&DossierDoc::LifelongCommitments);
    let fs = b.findings();
    assert_eq!(
        sites(&fs),
        vec![
            (Code::DossierIncomplete, Some(DOSSIER.into()), None),
            (Code::DossierIncomplete, Some(DOSSIER.into()), None),
        ]
    );
    assert!(fs[0].message(Lang::Vi).contains("chưa được đánh dấu"));
    assert!(fs[1].message(Lang::En).contains("lifelong"));
    // With its label's cell known, an unmarked document is pointed at.
    b.form
        .dossier_labels
        .insert(DossierDoc::RegistrationPlan, at(DOSSIER, "B4"));
    let fs = b.findings();
    assert_eq!(fs[0].cell.as_deref(), Some("B4"));
    assert!(fs[0].message(Lang::Vi).starts_with("Ô B4 (trang 'Hồ sơ')"));
}

#[test]
fn dossier_checklist_missing() {
    let mut b = B::clean();
    b.form.dossier = None;
    let fs = b.findings();
    assert_eq!(
        sites(&fs),
        vec![(Code::DossierIncomplete, Some(SHEET.into()), None)]
    );
}

fn file(path: &str, forms: Vec<Form>) -> FileReport {
    let rubric = Rubric::builtin();
    FileReport {
        units: forms
            .into_iter()
            .map(|form| UnitReport {
                scored: score(&rubric, &form),
                form,
                findings: Vec::new(),
                roster_name: None,
                superseded_by: None,
            })
            .collect(),
        ..FileReport::new(Input::new(path), FileKind::Read)
    }
}

#[test]
fn duplicate_unit_points_at_both_files() {
    let a = B::clean().form;
    let mut b = B::clean().form;
    b.unit = Some(Located::new("phong  tu PHAP".into(), at(SHEET, "B4")));
    let mut other = B::clean().form;
    other.unit = Some(Located::new("Phòng Nội vụ".into(), at(SHEET, "C3")));
    let mut run = Run::new(vec![
        file("ho-so/a.xlsx", vec![a]),
        file("ho-so/other.xlsx", vec![other]),
        file("ho-so/b.xlsx", vec![b]),
    ]);
    across_files(&mut run);
    let reports = &run.files;
    assert_eq!(
        sites(&reports[0].units[0].findings),
        one(Code::DuplicateUnit, SHEET, "C3")
    );
    assert!(reports[1].units[0].findings.is_empty());
    assert_eq!(
        sites(&reports[2].units[0].findings),
        one(Code::DuplicateUnit, SHEET, "B4")
    );
    let m0 = &reports[0].units[0].findings[0].message(Lang::Vi);
    let m2 = &reports[2].units[0].findings[0].message(Lang::En);
    assert!(
        m0.contains("gửi 2 biểu mẫu: bản này (tệp ho-so/a.xlsx) và tệp ho-so/b.xlsx."),
        "{m0}"
    );
    assert!(
        m2.contains("sent 2 forms: this one (file ho-so/b.xlsx) and file ho-so/a.xlsx."),
        "{m2}"
    );
}

#[test]
fn duplicate_unit_within_one_workbook() {
    let a = B::clean().form;
    let mut b = B::clean().form;
    b.sheet = "Trường B".into();
    let mut run = Run::new(vec![file("cum.xlsx", vec![a, b])]);
    across_files(&mut run);
    let reports = &run.files;
    assert_eq!(reports[0].units[0].findings.len(), 1);
    assert!(
        reports[0].units[0].findings[0]
            .message(Lang::Vi)
            .contains("trang 'Trường B' của cùng tệp này")
    );
}

#[test]
fn a_percentage_that_follows_an_impossible_count_is_not_reported_twice() {
    let mut b = B::clean();
    b.count("2c", "55");
    b.percent("2c", "110");
    only(
        &b.findings(),
        Code::CountAboveTotal,
        SHEET,
        "D15",
        "55",
        "55",
    );
}

#[test]
fn long_percentages_are_shown_rounded() {
    let mut b = B::clean();
    b.percent("2a", "105.7692307692308");
    only(
        &b.findings(),
        Code::PercentOutOfRange,
        SHEET,
        "E13",
        "105,77%",
        "105.77%",
    );
}

#[test]
fn values_near_the_decimal_limit_do_not_panic() {
    let huge = "70000000000000000000000000000";
    let mut b = B::clean();
    b.score("1a", huge);
    b.score("1b", huge);
    b.score("1", huge);
    b.form.members.as_mut().unwrap().value = d(huge);
    b.count("2a", huge);
    b.pl1(Pl1Field::DuesPayers, huge);
    b.pl1(Pl1Field::Members, huge);
    b.pl1(Pl1Field::Income, huge);
    b.pl1(Pl1Field::Expense, "0.5");
    let scored = score(&b.rubric, &b.form);
    let fs = validate(&b.rubric, &b.form, &scored, &CheckOptions::default());
    let codes: Vec<Code> = fs.iter().map(|f| f.code).collect();
    assert!(codes.contains(&Code::ScoreAboveMax), "{codes:?}");
    assert!(codes.contains(&Code::CountInvalid), "{codes:?}"); // expense 0,5
}

#[test]
fn a_group_above_its_maximum_is_told_the_sum_of_its_items() {
    let mut b = B::clean();
    b.score("1", "35");
    // The total row adds up the rows as written (35 + 29 + 38): only "1" is wrong.
    b.score("total", "102");
    only(
        &b.findings(),
        Code::ScoreAboveMax,
        SHEET,
        "F8",
        "thành 30 (tổng điểm các tiêu chí con)",
        "to 30 (the sum of its items)",
    );
    let mut b = B::clean();
    b.score("total", "105");
    only(
        &b.findings(),
        Code::ScoreAboveMax,
        SHEET,
        "F29",
        "thành 97 (tổng điểm các tiêu chí)",
        "to 97 (the sum of the criteria)",
    );
}

#[test]
fn an_unattainable_score_against_evidence_is_one_finding() {
    // 1b: "Có" gives 10; 5 is also unattainable, but the difference says it all.
    let mut b = B::clean();
    b.score("1b", "5");
    b.score("1", "25");
    b.score("total", "92");
    only(
        &b.findings(),
        Code::SelfComputedDiffer,
        SHEET,
        "F10",
        "thành 10",
        "to 10",
    );
}
