//! Member counts and percentages (2a–2d), and the other counts of the
//! table (1c: resources lacking; 3c: units shared with).
//!
//! A percentage typed by hand is usually rounded: it matches when it is
//! within [`PERCENT_TOLERANCE`] percentage points of count / members (94 %
//! for 47/50 = 94 %, 67 % or 66,7 % for 2/3 = 66,67 %), and the message
//! says so.

use crate::findings::{Criterion, Finding, Message};
use crate::form::{Evidence, Form, Loc};
use crate::rubric::{Rubric, Rule};
use crate::scoring::{percent_of, whole};
use rust_decimal::Decimal;

/// How far (in percentage points) a typed percentage may be from
/// 100 · count / members: 0,5, the rounding of a whole percentage.
pub const PERCENT_TOLERANCE: Decimal = Decimal::from_parts(5, 0, 0, false, 1);

pub(super) fn check(rubric: &Rubric, form: &Form, out: &mut Vec<Finding>) {
    let total = members_total(form, out);
    let mut first_count: Option<&Loc> = None;
    for item in rubric.leaves() {
        let Some(entry) = form.entries.get(&item.id) else {
            continue;
        };
        let count = entry.evidence.as_ref().and_then(|e| match e.value {
            Evidence::Count(c) => Some((c, &e.loc)),
            Evidence::YesNo(_) => None,
        });
        let mut valid_count = None;
        let before = out.len();
        if let Some((c, loc)) = count {
            match &item.rule {
                Rule::PercentSteps { .. } => {
                    first_count.get_or_insert(loc);
                    match whole(c) {
                        None => invalid(rubric, &item.id, loc, c, None, out),
                        Some(n) => {
                            if let Some(t) = total.filter(|t| n > *t) {
                                above_total(rubric, form, &item.id, loc, n, t, out);
                            } else {
                                valid_count = Some(n);
                            }
                        }
                    }
                }
                Rule::DeductPerMissing { of, .. } => match whole(c) {
                    Some(n) if n <= u64::from(*of) => {}
                    _ => invalid(rubric, &item.id, loc, c, Some(*of), out),
                },
                Rule::PerUnit { .. } => {
                    if whole(c).is_none() {
                        invalid(rubric, &item.id, loc, c, None, out);
                    }
                }
                Rule::YesNo | Rule::Group => {}
            }
        }
        // A percentage out of range because the count is (a formula
        // count / members) needs no finding of its own.
        let count_flagged = out.len() > before;
        if let Some(p) = &entry.percent
            && !count_flagged
        {
            percent(rubric, &item.id, &p.loc, p.value, valid_count, total, out);
        }
    }
    if let (None, Some(loc)) = (&form.members, first_count) {
        out.push(Finding::at(loc, Message::MembersMissing {}));
    }
}

/// The total number of members when it is a whole number above 0; a
/// finding when it is given but cannot be.
fn members_total(form: &Form, out: &mut Vec<Finding>) -> Option<u64> {
    let m = form.members.as_ref()?;
    match whole(m.value) {
        Some(t) if t > 0 => Some(t),
        _ => {
            out.push(Finding::at(
                &m.loc,
                Message::MembersInvalid { found: m.value },
            ));
            None
        }
    }
}

fn invalid(
    rubric: &Rubric,
    id: &str,
    loc: &Loc,
    c: Decimal,
    at_most: Option<u32>,
    out: &mut Vec<Finding>,
) {
    out.push(Finding::at(
        loc,
        Message::CountInvalid {
            criterion: Criterion::of(rubric, id),
            found: c,
            at_most,
        },
    ));
}

fn above_total(
    rubric: &Rubric,
    form: &Form,
    id: &str,
    loc: &Loc,
    n: u64,
    t: u64,
    out: &mut Vec<Finding>,
) {
    out.push(Finding::at(
        loc,
        Message::CountAboveTotal {
            criterion: Criterion::of(rubric, id),
            found: n,
            members: t,
            members_cell: form.members.as_ref().map(|m| m.loc.clone()),
        },
    ));
}

fn percent(
    rubric: &Rubric,
    id: &str,
    loc: &Loc,
    p: Decimal,
    count: Option<u64>,
    total: Option<u64>,
    out: &mut Vec<Finding>,
) {
    if p < Decimal::ZERO || p > Decimal::ONE_HUNDRED {
        out.push(Finding::at(
            loc,
            Message::PercentOutOfRange {
                criterion: Criterion::of(rubric, id),
                found: p,
            },
        ));
        return;
    }
    let (Some(c), Some(t)) = (count, total) else {
        return;
    };
    // |p − 100·c/t| ≤ tolerance, in exact arithmetic: |p·t − 100·c| ≤ tol·t.
    let td = Decimal::from(t);
    // Overflow only for counts in the octillions: then nothing is compared.
    let compare = || {
        let diff = p
            .checked_mul(td)?
            .checked_sub(Decimal::ONE_HUNDRED.checked_mul(Decimal::from(c))?)?
            .abs();
        Some(diff <= PERCENT_TOLERANCE.checked_mul(td)?)
    };
    if compare().unwrap_or(true) {
        return;
    }
    out.push(Finding::at(
        loc,
        Message::PercentMismatch {
            criterion: Criterion::of(rubric, id),
            found: p,
            count: c,
            members: t,
            expected: percent_of(c, t),
            tolerance: PERCENT_TOLERANCE,
        },
    ));
}
