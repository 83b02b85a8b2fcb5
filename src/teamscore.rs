//! A team score checked as a self-score is: a number ("9,5" and "9.5
//! điểm" read as 9.5), within [0, max], and one the criterion's rule can
//! give. Each finding names the workbook, sheet and cell where it was
//! typed. Used by `finalize` (which concludes with the valid ones) and by
//! `consolidate` (which reports the carried ones that are not).
//!
//! ```
//! use dvht::cells::{Addr, CellValue};
//! use dvht::form::Loc;
//! use dvht::readback::TypedCell;
//! use dvht::teamscore::{check, Checked};
//! let rubric = dvht::rubric::Rubric::builtin();
//! let cell = TypedCell { value: CellValue::Text("9,5".into()), loc: Loc::new("Phòng Y tế", Addr::new(9, 7)) };
//! match check(&rubric, "tong-hop.xlsx", "Phòng Y tế", "2a", &cell) {
//!     Checked::Valid(v, None) => assert_eq!(v.to_string(), "9.5"),
//!     other => panic!("{other:?}"),
//! }
//! ```

use crate::check::attainable;
use crate::findings::{Criterion, Finding, Message};
use crate::readback::TypedCell;
use crate::rubric::Rubric;
use crate::value::{self, Kind};
use rust_decimal::Decimal;

/// What a typed team score amounts to.
#[derive(Debug, Clone, PartialEq)]
pub enum Checked {
    /// A score to conclude with, and a warning when the rule never gives
    /// it (`score-unattainable`).
    Valid(Decimal, Option<Finding>),
    /// Not a score: not a number, negative or above the maximum (an
    /// error-level finding).
    Invalid(Finding),
}

/// Checks the team score typed in `cell` of workbook `book` for criterion
/// `id` of `unit`. The criterion must be a scored one of the rubric (the
/// caller reports the others as orphaned).
pub fn check(rubric: &Rubric, book: &str, unit: &str, id: &str, cell: &TypedCell) -> Checked {
    let max = rubric.item(id).map(|i| i.max).unwrap_or_default();
    let criterion = Criterion::of(rubric, id);
    let (book, unit) = (book.to_string(), unit.to_string());
    let at = |m: Message| Finding::at(&cell.loc, m);
    let v = match value::parse(&cell.value, Kind::Score) {
        Ok(Some(v)) => v,
        _ => {
            return Checked::Invalid(at(Message::TeamScoreNotANumber {
                book,
                unit,
                criterion,
                found: cell.text().trim().to_string(),
                max,
            }));
        }
    };
    if v < Decimal::ZERO {
        return Checked::Invalid(at(Message::TeamScoreNegative {
            book,
            unit,
            criterion,
            found: v,
            max,
        }));
    }
    if v > max {
        return Checked::Invalid(at(Message::TeamScoreAboveMax {
            book,
            unit,
            criterion,
            found: v,
            max,
        }));
    }
    let warning = match attainable(rubric, id) {
        Some(set) if !set.contains(&v.normalize()) => Some(at(Message::TeamScoreUnattainable {
            book,
            unit,
            criterion,
            found: v,
            possible: set.into_iter().collect(),
        })),
        _ => None,
    };
    Checked::Valid(v, warning)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cells::{Addr, CellValue};
    use crate::findings::{Code, Lang};
    use crate::form::Loc;

    fn at(v: CellValue) -> TypedCell {
        TypedCell {
            value: v,
            loc: Loc::new("Phòng Y tế", Addr::new(24, 7)),
        }
    }

    fn code(c: Checked) -> Code {
        match c {
            Checked::Invalid(f) => f.code,
            Checked::Valid(_, Some(f)) => f.code,
            Checked::Valid(..) => panic!("valid"),
        }
    }

    #[test]
    fn team_scores_are_checked_like_self_scores() {
        let r = Rubric::builtin();
        let n = |s: &str| {
            at(CellValue::Number {
                value: s.parse().unwrap(),
                percent: false,
            })
        };
        let t = |s: &str| at(CellValue::Text(s.into()));
        let c = |id: &str, cell: &TypedCell| check(&r, "b.xlsx", "Phòng Y tế", id, cell);
        assert_eq!(c("3c", &n("5")), Checked::Valid(Decimal::from(5), None));
        assert_eq!(code(c("3c", &n("7"))), Code::ScoreAboveMax);
        assert_eq!(code(c("3c", &n("-1"))), Code::ScoreNegative);
        assert_eq!(code(c("3c", &t("năm"))), Code::NotANumber);
        assert_eq!(code(c("1a", &n("5"))), Code::ScoreUnattainable);
        assert!(
            matches!(c("2a", &t("9,5 điểm")), Checked::Valid(v, None) if v == Decimal::new(95, 1))
        );
        // The message names the workbook, the sheet and the cell.
        let Checked::Invalid(f) = c("3c", &n("7")) else {
            panic!()
        };
        assert_eq!(
            (f.sheet.as_deref(), f.cell.as_deref()),
            (Some("Phòng Y tế"), Some("H25"))
        );
        let m = f.message(Lang::Vi);
        assert!(
            m.starts_with("Ô H25 (trang 'Phòng Y tế') của tệp b.xlsx: điểm đoàn kiểm tra"),
            "{m}"
        );
        assert!(m.contains("vượt điểm tối đa 5"), "{m}");
    }
}
