//! Cell values to typed values, with a finding for each value that cannot
//! be read (the value is then left out of the form).

use super::grid::is_blank;
use crate::cells::CellValue;
use crate::findings::{Expect, Finding, Message, Subject};
use crate::form::{Loc, Located};
use crate::value::{Kind, ValueError, parse, parse_yes_no};
use rust_decimal::Decimal;

/// The finding for a value that could not be read: what it was meant to
/// be, and what the cell should have held.
pub fn value_finding(loc: &Loc, subject: &Subject, err: &ValueError, expected: Expect) -> Finding {
    let subject = subject.clone();
    Finding::at(
        loc,
        match err {
            ValueError::FormulaNoValue(f) => Message::FormulaNoValue {
                subject,
                formula: f.clone(),
                expected,
            },
            ValueError::NotANumber(s) | ValueError::NotYesNo(s) | ValueError::ErrorValue(s) => {
                Message::NotANumber {
                    subject,
                    found: s.clone(),
                    expected,
                }
            }
        },
    )
}

/// A number of a kind from a cell; `Ok(None)` when blank.
pub fn number(
    v: &CellValue,
    loc: &Loc,
    kind: Kind,
    what: &Subject,
    findings: &mut Vec<Finding>,
) -> Option<Located<Decimal>> {
    if is_blank(v) {
        return None;
    }
    match parse(v, kind) {
        Ok(Some(d)) => Some(Located::new(d, loc.clone())),
        Ok(None) => None,
        Err(e) => {
            findings.push(value_finding(loc, what, &e, Expect::Number(kind)));
            None
        }
    }
}

/// A yes/no mark from a cell.
pub fn yes_no(
    v: &CellValue,
    loc: &Loc,
    what: &Subject,
    findings: &mut Vec<Finding>,
) -> Option<Located<bool>> {
    if is_blank(v) && !matches!(v, CellValue::Text(s) if s.trim() == "-") {
        return None;
    }
    match parse_yes_no(v) {
        Ok(Some(b)) => Some(Located::new(b, loc.clone())),
        Ok(None) => None,
        Err(e) => {
            findings.push(value_finding(loc, what, &e, Expect::YesNo));
            None
        }
    }
}

/// A number written inside a label's text after its colon
/// ("Tổng số thành viên: 50"): `None` when nothing but placeholders follows.
pub fn after_colon(s: &str) -> Option<&str> {
    let (_, rest) = s.split_once(':')?;
    let rest = rest.trim();
    if super::grid::is_placeholder(rest) {
        None
    } else {
        Some(rest)
    }
}

/// The count of "47/50" (47 of 50 members), when both sides are counts.
pub fn count_of_ratio(s: &str) -> Option<Decimal> {
    let (left, right) = s.split_once('/')?;
    let count = crate::value::parse_text(left, Kind::Count).ok()??;
    crate::value::parse_text(right, Kind::Count).ok()??;
    Some(count)
}

/// The score of "9,5/10" when the part after the slash is the maximum.
pub fn score_out_of(s: &str, max: Decimal) -> Option<Decimal> {
    let (left, right) = s.split_once('/')?;
    let score = crate::value::parse_text(left, Kind::Score).ok()??;
    let of = crate::value::parse_text(right, Kind::Score).ok()??;
    (of == max).then_some(score)
}
