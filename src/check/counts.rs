//! Member counts and percentages (2a–2d), and the other counts of the
//! table (1c: resources lacking; 3c: units shared with).
//!
//! A percentage typed by hand is usually rounded: it matches when it is
//! within [`PERCENT_TOLERANCE`] percentage points of count / members (94 %
//! for 47/50 = 94 %, 67 % or 66,7 % for 2/3 = 66,67 %), and the message
//! says so.

use super::{crit, nums, other_en, other_vi};
use crate::findings::{Code, Finding, where_en, where_vi};
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
        out.push(Finding::at(
            Code::MembersMissing,
            loc,
            format!(
                "{}: có số thành viên đạt tiêu chí nhưng biểu mẫu không ghi tổng số thành viên, nên không tính được tỷ lệ. Ghi \"Tổng số thành viên\" (tổng số CB, CC, VC, người lao động) vào biểu mẫu.",
                where_vi(loc)
            ),
            format!(
                "{}: member counts are given but the form has no total number of members, so no percentage can be computed. Add \"Tổng số thành viên\" (all staff) to the form.",
                where_en(loc)
            ),
        ));
    }
}

/// The total number of members when it is a whole number above 0; a
/// finding when it is given but cannot be.
fn members_total(form: &Form, out: &mut Vec<Finding>) -> Option<u64> {
    let m = form.members.as_ref()?;
    match whole(m.value) {
        Some(t) if t > 0 => Some(t),
        _ => {
            let (vv, ve) = nums(m.value);
            out.push(Finding::at(
                Code::CountInvalid,
                &m.loc,
                format!(
                    "{}: tổng số thành viên là {vv}, phải là số nguyên lớn hơn 0. Sửa ô {} thành số người của đơn vị.",
                    where_vi(&m.loc),
                    m.loc.addr
                ),
                format!(
                    "{}: the total number of members is {ve}; it must be a whole number above 0. Change cell {} to the unit's headcount.",
                    where_en(&m.loc),
                    m.loc.addr
                ),
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
    let (cv, ce) = crit(rubric, id);
    let (vv, ve) = nums(c);
    let (rv, re) = match at_most {
        Some(m) => (
            format!("một số nguyên từ 0 đến {m}"),
            format!("a whole number from 0 to {m}"),
        ),
        None => (
            "một số nguyên không âm".to_string(),
            "a whole number, not negative".to_string(),
        ),
    };
    out.push(Finding::at(
        Code::CountInvalid,
        loc,
        format!(
            "{}: số liệu của {cv} là {vv}, phải là {rv}. Sửa ô {} cho đúng.",
            where_vi(loc),
            loc.addr
        ),
        format!(
            "{}: the count for {ce} is {ve}; it must be {re}. Correct cell {}.",
            where_en(loc),
            loc.addr
        ),
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
    let (cv, ce) = crit(rubric, id);
    let (mv, me) = form
        .members
        .as_ref()
        .map(|m| (other_vi(&m.loc, loc), other_en(&m.loc, loc)))
        .unwrap_or_default();
    out.push(Finding::at(
        Code::CountAboveTotal,
        loc,
        format!(
            "{}: số thành viên đạt {cv} là {n}, lớn hơn tổng số thành viên {t} ({mv}). Sửa ô {} thành số không vượt quá {t}, hoặc sửa lại tổng số thành viên.",
            where_vi(loc),
            loc.addr
        ),
        format!(
            "{}: the count for {ce} is {n}, more than the {t} members ({me}). Change cell {} to at most {t}, or correct the total number of members.",
            where_en(loc),
            loc.addr
        ),
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
    let (cv, ce) = crit(rubric, id);
    // As a person reads it: 105,77 rather than 105,7692307692308.
    let (pv, pe) = nums(p.round_dp(2));
    if p < Decimal::ZERO || p > Decimal::ONE_HUNDRED {
        out.push(Finding::at(
            Code::PercentOutOfRange,
            loc,
            format!(
                "{}: tỷ lệ của {cv} là {pv}%, phải nằm trong khoảng 0–100%. Sửa ô {} (tỷ lệ = số thành viên đạt / tổng số thành viên × 100).",
                where_vi(loc),
                loc.addr
            ),
            format!(
                "{}: the percentage for {ce} is {pe}%; it must lie within 0–100%. Correct cell {} (percentage = count / members × 100).",
                where_en(loc),
                loc.addr
            ),
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
    let exact = percent_of(c, t);
    let (ev, ee) = nums(exact);
    let (tv, te) = nums(PERCENT_TOLERANCE);
    out.push(Finding::at(
        Code::PercentMismatch,
        loc,
        format!(
            "{}: tỷ lệ của {cv} ghi {pv}%, nhưng {c}/{t} thành viên là {ev}% (cho phép lệch {tv} điểm phần trăm do làm tròn). Sửa ô {} thành {ev}%, hoặc sửa lại số thành viên.",
            where_vi(loc),
            loc.addr
        ),
        format!(
            "{}: the percentage for {ce} reads {pe}%, but {c}/{t} members is {ee}% (a difference of up to {te} percentage points is allowed for rounding). Change cell {} to {ee}%, or correct the count.",
            where_en(loc),
            loc.addr
        ),
    ));
}
