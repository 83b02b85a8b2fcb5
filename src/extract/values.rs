//! Cell values to typed values, with a finding for each value that cannot
//! be read (the value is then left out of the form).

use super::grid::is_blank;
use crate::cells::CellValue;
use crate::findings::{Code, Finding, where_en, where_vi};
use crate::form::{Loc, Located};
use crate::value::{Kind, ValueError, parse, parse_yes_no};
use rust_decimal::Decimal;

/// What a value is, for messages: "điểm tự chấm của tiêu chí 2a".
pub struct What<'a> {
    pub vi: &'a str,
    pub en: &'a str,
}

/// What a cell should have held, for messages.
#[derive(Debug, Clone, Copy)]
pub enum Expect {
    Number(Kind),
    YesNo,
    /// A band name ("Tốt", "Khá").
    Band,
}

fn expected(e: Expect) -> (&'static str, &'static str) {
    match e {
        Expect::Number(Kind::Score) => ("một số điểm, ví dụ 9,5", "a score such as 9.5"),
        Expect::Number(Kind::Count) => ("một số nguyên, ví dụ 47", "a whole number such as 47"),
        Expect::Number(Kind::Money) => ("một số tiền, ví dụ 540.000", "an amount such as 540,000"),
        Expect::Number(Kind::Percent) => {
            ("một tỷ lệ phần trăm, ví dụ 95%", "a percentage such as 95%")
        }
        Expect::Number(Kind::Plain) => ("một số", "a number"),
        Expect::YesNo => ("Có hoặc Không", "Có (yes) or Không (no)"),
        Expect::Band => ("một xếp loại như Tốt, Khá", "a band such as Tốt or Khá"),
    }
}

/// The finding for a value that could not be read.
pub fn value_finding(loc: &Loc, what: &What, err: &ValueError, expect: Expect) -> Finding {
    let (exp_vi, exp_en) = expected(expect);
    let (wv, we) = (where_vi(loc), where_en(loc));
    match err {
        ValueError::FormulaNoValue(f) => Finding::at(
            Code::FormulaNoValue,
            loc,
            format!(
                "{wv}: {} là công thức ={f} nhưng tệp không lưu kết quả (tệp do chương trình khác tạo, không tính công thức), nên không dùng được. Hãy mở tệp bằng Excel, lưu lại rồi gửi lại, hoặc ghi trực tiếp {exp_vi}.",
                what.vi
            ),
            format!(
                "{we}: {} is the formula ={f} but the file holds no result for it (written by a program that does not calculate), so it cannot be used. Open the file in Excel and save it again, or type {exp_en}.",
                what.en
            ),
        ),
        ValueError::NotANumber(s) | ValueError::NotYesNo(s) | ValueError::ErrorValue(s) => {
            Finding::at(
                Code::NotANumber,
                loc,
                format!(
                    "{wv}: {} ghi \"{s}\", không đọc được; cần {exp_vi}. Giá trị này không được tính.",
                    what.vi
                ),
                format!(
                    "{we}: {} reads \"{s}\", which cannot be read; expected {exp_en}. The value is left out.",
                    what.en
                ),
            )
        }
    }
}

/// A number of a kind from a cell; `Ok(None)` when blank.
pub fn number(
    v: &CellValue,
    loc: &Loc,
    kind: Kind,
    what: &What,
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
    what: &What,
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
