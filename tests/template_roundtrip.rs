//! The standard form (`dvht template`), filled and read back: every value
//! the unit typed, and every cached formula result, comes back exactly.

mod layout_support;
use layout_support as common;

use common::{ANSWERS, Ev, MEMBERS, TOTAL, YEAR, dec};
use dvht::extract::extract;
use dvht::form::{DossierDoc, Evidence, Pl1Field};
use dvht::read::read_workbook;
use dvht::rubric::Rubric;
use dvht::template::{FilledForm, Typed, write_filled};

#[test]
fn a_filled_standard_form_reads_back_exactly() {
    let rubric = Rubric::builtin();
    let mut f = FilledForm::blank(YEAR);
    f.unit = "Phòng Văn hóa và Thông tin".into();
    f.members = Some(Typed::int(MEMBERS as i64));
    for a in ANSWERS {
        let item = rubric.item(a.id).unwrap();
        if item.is_group() {
            continue; // the form's SUM formulas give the groups
        }
        let row = f.item_mut(a.id);
        row.self_score = Some(Typed::num(a.score));
        row.evidence = a.evidence.map(|e| match e {
            Ev::Yes(b) => Typed::yes_no(b),
            Ev::Count(n) => Typed::num(n),
        });
    }
    use Pl1Field::*;
    let typed = [
        (Staff, "52"),
        (MembersLastYear, "40"),
        (Members, "45"),
        (DuesPayers, "45"),
        (PartyMembers, "20"),
        (MembersInParty, "18"),
        (Gifts, "10"),
        (GiftsAmount, "2000000"),
        (Scholarships, "5"),
        (ScholarshipsAmount, "2500000"),
        (Income, "5000000"),
        (Expense, "4500000"),
    ];
    for (k, v) in typed {
        f.pl1.insert(k, Typed::num(v));
    }
    f.dossier.insert(DossierDoc::BoardDecision, true);
    f.dossier.insert(DossierDoc::RegistrationPlan, true);
    f.dossier.insert(DossierDoc::SelfStudyPlans, false);

    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("mau.xlsx");
    write_filled(&rubric, &f, &path).unwrap();
    let wb = read_workbook(&path).unwrap();
    let ex = extract(&rubric, &wb);
    assert!(ex.findings.is_empty(), "{:?}", ex.findings);
    assert_eq!(ex.forms.len(), 1);
    let form = &ex.forms[0];
    assert!(form.findings.is_empty(), "{:#?}", form.findings);
    assert_eq!(
        form.unit.as_ref().unwrap().value,
        "Phòng Văn hóa và Thông tin"
    );
    assert_eq!(form.year.as_ref().unwrap().value, YEAR);
    assert_eq!(form.members.as_ref().unwrap().value, dec("50"));
    for a in ANSWERS {
        let e = &form.entries[a.id];
        assert_eq!(
            e.self_score.as_ref().map(|s| s.value),
            Some(dec(a.score)),
            "{}",
            a.id
        );
        let want = a.evidence.map(|ev| match ev {
            Ev::Yes(b) => Evidence::YesNo(b),
            Ev::Count(n) => Evidence::Count(dec(n)),
        });
        assert_eq!(
            e.evidence.as_ref().map(|x| x.value.clone()),
            want,
            "{}",
            a.id
        );
        let item = rubric.item(a.id).unwrap();
        assert_eq!(
            e.written_max.as_ref().map(|x| x.value),
            Some(item.max),
            "{}",
            a.id
        );
        if let Some(p) = a.percent {
            // The form computes "Tỷ lệ" from the count and the members.
            assert_eq!(
                e.percent.as_ref().map(|x| x.value),
                Some(dec(p)),
                "{}",
                a.id
            );
        }
    }
    assert_eq!(
        form.entries["total"].self_score.as_ref().map(|s| s.value),
        Some(dec(TOTAL))
    );
    assert_eq!(
        form.classification.as_ref().map(|c| c.value.as_str()),
        Some("Tốt")
    );
    for (k, v) in typed {
        assert_eq!(form.pl1.get(&k).map(|l| l.value), Some(dec(v)), "{k:?}");
    }
    // Cached formula results: dues = 45 × 12 000, balance = income − expense.
    assert_eq!(
        form.pl1.get(&DuesAmount).map(|l| l.value),
        Some(dec("540000"))
    );
    assert_eq!(form.pl1.get(&Balance).map(|l| l.value), Some(dec("500000")));
    let dossier = form.dossier.as_ref().expect("the dossier sheet");
    let mark = |d| dossier.get(&d).cloned().flatten().map(|l| l.value);
    assert_eq!(mark(DossierDoc::BoardDecision), Some(true));
    assert_eq!(mark(DossierDoc::RegistrationPlan), Some(true));
    assert_eq!(mark(DossierDoc::SelfStudyPlans), Some(false));
    assert_eq!(mark(DossierDoc::SelfAssessment), None);
}
