//! Phụ lục 1 (study-promotion report): every figure whole and not negative;
//! dues = payers × rate; balance = income − expense; payers ≤ members this
//! year; members who are party members ≤ members and ≤ party members.

use super::{nums, other_en, other_vi};
use crate::findings::{Code, Finding, where_en, where_vi};
use crate::form::{Form, Located, Pl1Field};
use crate::rubric::Rubric;
use rust_decimal::Decimal;

pub(super) fn check(rubric: &Rubric, form: &Form, out: &mut Vec<Finding>) {
    for (field, v) in &form.pl1 {
        if v.value < Decimal::ZERO || !v.value.fract().is_zero() {
            let (vv, ve) = nums(v.value);
            out.push(Finding::at(
                Code::CountInvalid,
                &v.loc,
                format!(
                    "{}: \"{}\" (Phụ lục 1) là {vv}, phải là số nguyên không âm. Sửa ô {} cho đúng.",
                    where_vi(&v.loc),
                    field.label(),
                    v.loc.addr
                ),
                format!(
                    "{}: \"{}\" (Phụ lục 1) is {ve}; it must be a whole number, not negative. Correct cell {}.",
                    where_en(&v.loc),
                    field.label_en(),
                    v.loc.addr
                ),
            ));
        }
    }
    // Only valid figures take part in the arithmetic.
    let get = |f: Pl1Field| {
        form.pl1
            .get(&f)
            .filter(|v| v.value >= Decimal::ZERO && v.value.fract().is_zero())
    };
    dues(
        rubric,
        get(Pl1Field::DuesPayers),
        get(Pl1Field::DuesAmount),
        out,
    );
    balance(
        get(Pl1Field::Income),
        get(Pl1Field::Expense),
        get(Pl1Field::Balance),
        out,
    );
    if let (Some(p), Some(m)) = (get(Pl1Field::DuesPayers), get(Pl1Field::Members))
        && p.value > m.value
    {
        let (pv, pe) = nums(p.value);
        let (mv, me) = nums(m.value);
        out.push(Finding::at(
            Code::PayersExceedMembers,
            &p.loc,
            format!(
                "{}: số hội viên đóng hội phí là {pv}, lớn hơn tổng số hội viên năm nay {mv} ({}). Sửa ô {} thành số không vượt quá {mv}, hoặc sửa lại số hội viên.",
                where_vi(&p.loc),
                other_vi(&m.loc, &p.loc),
                p.loc.addr
            ),
            format!(
                "{}: {pe} members paid dues, more than the {me} board members this year ({}). Change cell {} to at most {me}, or correct the number of members.",
                where_en(&p.loc),
                other_en(&m.loc, &p.loc),
                p.loc.addr
            ),
        ));
    }
    if let Some(ip) = get(Pl1Field::MembersInParty) {
        for (bound, vi_name, en_name) in [
            (
                Pl1Field::Members,
                "tổng số hội viên năm nay",
                "board members this year",
            ),
            (Pl1Field::PartyMembers, "tổng số Đảng viên", "party members"),
        ] {
            let Some(b) = get(bound) else { continue };
            if ip.value <= b.value {
                continue;
            }
            let (iv, ie) = nums(ip.value);
            let (bv, be) = nums(b.value);
            out.push(Finding::at(
                Code::PartyMembersExceed,
                &ip.loc,
                format!(
                    "{}: số hội viên là Đảng viên là {iv}, lớn hơn {vi_name} {bv} ({}). Sửa ô {} thành số không vượt quá {bv}, hoặc sửa lại ô {}.",
                    where_vi(&ip.loc),
                    other_vi(&b.loc, &ip.loc),
                    ip.loc.addr,
                    b.loc.addr
                ),
                format!(
                    "{}: {ie} board members are party members, more than the {be} {en_name} ({}). Change cell {} to at most {be}, or correct cell {}.",
                    where_en(&ip.loc),
                    other_en(&b.loc, &ip.loc),
                    ip.loc.addr,
                    b.loc.addr
                ),
            ));
        }
    }
}

fn dues(
    rubric: &Rubric,
    payers: Option<&Located<Decimal>>,
    amount: Option<&Located<Decimal>>,
    out: &mut Vec<Finding>,
) {
    let (Some(p), Some(a)) = (payers, amount) else {
        return;
    };
    let rate = rubric.dues.rate;
    // A figure too large to multiply is not a sum anyone typed: no finding.
    let Some(want) = p.value.checked_mul(rate) else {
        return;
    };
    if a.value == want {
        return;
    }
    let (av, ae) = nums(a.value);
    let (wv, we) = nums(want);
    let (pv, pe) = nums(p.value);
    let (rv, re) = nums(rate);
    out.push(Finding::at(
        Code::DuesMismatch,
        &a.loc,
        format!(
            "{}: thành tiền hội phí ghi {av} đồng, nhưng {pv} hội viên × {rv} đồng = {wv} đồng. Sửa ô {} thành {wv}, hoặc sửa lại số hội viên đóng hội phí ({}).",
            where_vi(&a.loc),
            a.loc.addr,
            other_vi(&p.loc, &a.loc)
        ),
        format!(
            "{}: the dues amount reads {ae} VND, but {pe} payers × {re} VND = {we} VND. Change cell {} to {we}, or correct the number of payers ({}).",
            where_en(&a.loc),
            a.loc.addr,
            other_en(&p.loc, &a.loc)
        ),
    ));
}

fn balance(
    income: Option<&Located<Decimal>>,
    expense: Option<&Located<Decimal>>,
    balance: Option<&Located<Decimal>>,
    out: &mut Vec<Finding>,
) {
    let (Some(i), Some(e), Some(b)) = (income, expense, balance) else {
        return;
    };
    let Some(want) = i.value.checked_sub(e.value) else {
        return;
    };
    if b.value == want {
        return;
    }
    let (bv, be) = nums(b.value);
    let (wv, we) = nums(want);
    let (iv, ie) = nums(i.value);
    let (ev, ee) = nums(e.value);
    out.push(Finding::at(
        Code::BalanceMismatch,
        &b.loc,
        format!(
            "{}: tồn quỹ ghi {bv} đồng, nhưng tổng thu {iv} − tổng chi {ev} = {wv} đồng. Sửa ô {} thành {wv}, hoặc sửa lại tổng thu, tổng chi.",
            where_vi(&b.loc),
            b.loc.addr
        ),
        format!(
            "{}: the balance reads {be} VND, but income {ie} − expense {ee} = {we} VND. Change cell {} to {we}, or correct the income and expense.",
            where_en(&b.loc),
            b.loc.addr
        ),
    ));
}
