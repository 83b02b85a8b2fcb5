//! Phụ lục 1 (study-promotion report): every figure whole and not negative;
//! dues = payers × rate; balance = income − expense; payers ≤ members this
//! year; members who are party members ≤ members and ≤ party members.

use crate::findings::{Finding, Message};
use crate::form::{Form, Located, Pl1Field};
use crate::rubric::Rubric;
use rust_decimal::Decimal;

pub(super) fn check(rubric: &Rubric, form: &Form, out: &mut Vec<Finding>) {
    for (field, v) in &form.pl1 {
        if v.value < Decimal::ZERO || !v.value.fract().is_zero() {
            out.push(Finding::at(
                &v.loc,
                Message::AnnexCountInvalid {
                    field: *field,
                    found: v.value,
                },
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
        out.push(Finding::at(
            &p.loc,
            Message::PayersExceedMembers {
                found: p.value,
                members: m.value,
                members_cell: Some(m.loc.clone()),
            },
        ));
    }
    if let Some(ip) = get(Pl1Field::MembersInParty) {
        for bound in [Pl1Field::Members, Pl1Field::PartyMembers] {
            let Some(b) = get(bound) else { continue };
            if ip.value <= b.value {
                continue;
            }
            out.push(Finding::at(
                &ip.loc,
                Message::PartyMembersExceed {
                    found: ip.value,
                    bound,
                    bound_value: b.value,
                    bound_cell: Some(b.loc.clone()),
                },
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
    out.push(Finding::at(
        &a.loc,
        Message::DuesMismatch {
            found: a.value,
            expected: want,
            payers: p.value,
            rate,
            payers_cell: Some(p.loc.clone()),
        },
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
    out.push(Finding::at(
        &b.loc,
        Message::BalanceMismatch {
            found: b.value,
            expected: want,
            income: i.value,
            expense: e.value,
        },
    ));
}
