//! Values as people type them: `9,5`, `9,5 điểm`, `95 %`, `1.200.000 đồng`,
//! `Có`/`x`/`✓`. Every parser returns `Ok(None)` for an empty cell ("not
//! given", which is not 0), `Ok(Some(_))` for a value, and an error naming
//! what was wrong otherwise. Nothing here rounds: results are exact decimals.
//!
//! ```
//! use dvht::cells::CellValue;
//! use dvht::value::{parse, Kind};
//! let t = |s: &str| CellValue::Text(s.into());
//! assert_eq!(parse(&t("9,5 điểm"), Kind::Score).unwrap().unwrap().to_string(), "9.5");
//! assert_eq!(parse(&t("1.200.000 đồng"), Kind::Money).unwrap().unwrap().to_string(), "1200000");
//! assert_eq!(parse(&t("95 %"), Kind::Percent).unwrap().unwrap().to_string(), "95");
//! ```

use crate::cells::CellValue;
use crate::text::fold_ascii;
use rust_decimal::Decimal;
use std::str::FromStr;

/// What a cell is expected to hold; decides which units may follow the
/// number and how dots and commas are read.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Kind {
    /// Points: `9,5`, `9.5 điểm`, `10đ`. A single dot or comma is decimal.
    Score,
    /// A number of people or units: `47`, `47 người`.
    Count,
    /// Đồng: dots or commas in groups of three separate thousands.
    Money,
    /// A percentage in points: `95`, `95%`, or 0.95 in a percent-formatted cell.
    Percent,
    /// A plain number (a year, for instance).
    Plain,
}

/// Why a cell could not be read as the value expected.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ValueError {
    /// Text that is not a number of this kind.
    NotANumber(String),
    /// Text that is neither yes nor no.
    NotYesNo(String),
    /// A formula whose result the file does not hold.
    FormulaNoValue(String),
    /// An error value such as #DIV/0!.
    ErrorValue(String),
}

/// Parses a cell as a number of the given kind.
pub fn parse(v: &CellValue, kind: Kind) -> Result<Option<Decimal>, ValueError> {
    match v {
        CellValue::Number { value, percent } => {
            if kind == Kind::Percent && *percent {
                // 0.95 shown as 95 %; a value too large to scale is no percentage.
                match value.checked_mul(Decimal::ONE_HUNDRED) {
                    Some(p) => Ok(Some(p.normalize())),
                    None => Err(ValueError::NotANumber(v.display())),
                }
            } else {
                Ok(Some(value.normalize()))
            }
        }
        CellValue::Text(s) => parse_text(s, kind),
        CellValue::Bool(_) | CellValue::Date(_) => Err(ValueError::NotANumber(v.display())),
        CellValue::Error(e) => Err(ValueError::ErrorValue(e.clone())),
        CellValue::FormulaNoValue { formula } => Err(ValueError::FormulaNoValue(formula.clone())),
    }
}

/// Unit words that may follow a number of each kind, already folded to ASCII.
fn suffixes(kind: Kind) -> &'static [&'static str] {
    match kind {
        Kind::Score => &["diem", "d", "đ"],
        Kind::Count => &[
            "thanh vien",
            "nguoi",
            "tv",
            "don vi",
            "dv",
            "hoi vien",
            "dang vien",
            "suat",
            "ng",
        ],
        Kind::Money => &["vnd", "dong", "d", "vn"],
        Kind::Percent => &["%"],
        Kind::Plain => &[],
    }
}

/// Parses typed text as a number of the given kind.
pub fn parse_text(s: &str, kind: Kind) -> Result<Option<Decimal>, ValueError> {
    let folded = fold_ascii(s);
    if folded.is_empty() {
        return Ok(None);
    }
    let bad = || Err(ValueError::NotANumber(s.trim().to_string()));
    let mut t = folded.as_str();
    // One trailing unit word (and a percent sign anywhere at the end).
    t = t.trim();
    if let Some(rest) = t.strip_suffix('%') {
        if kind != Kind::Percent {
            return bad();
        }
        t = rest.trim_end();
    } else {
        for suf in suffixes(kind) {
            if let Some(rest) = t.strip_suffix(suf) {
                // The unit must stand apart from a letter before it ("10đ" is fine).
                if !rest.ends_with(|c: char| c.is_alphabetic()) {
                    t = rest.trim_end();
                    break;
                }
            }
        }
        t = t.trim_end_matches('.').trim_end();
    }
    let mut neg = false;
    if let Some(rest) = t.strip_prefix('-') {
        neg = true;
        t = rest.trim_start();
    } else if let Some(rest) = t.strip_prefix('+') {
        t = rest.trim_start();
    }
    let digits: String = t.chars().filter(|c| !c.is_whitespace()).collect();
    if digits.is_empty()
        || !digits
            .chars()
            .all(|c| c.is_ascii_digit() || c == '.' || c == ',')
    {
        return bad();
    }
    if !digits.starts_with(|c: char| c.is_ascii_digit())
        || !digits.ends_with(|c: char| c.is_ascii_digit())
    {
        return bad();
    }
    let Some(normal) = normalise_separators(&digits, kind) else {
        return bad();
    };
    match Decimal::from_str(&normal) {
        Ok(d) => Ok(Some(if neg { -d } else { d }.normalize())),
        Err(_) => bad(),
    }
}

/// Turns "1.200.000", "9,5", "1,234.5" into a plain "1200000", "9.5", "1234.5".
fn normalise_separators(s: &str, kind: Kind) -> Option<String> {
    let dots = s.matches('.').count();
    let commas = s.matches(',').count();
    let grouped = |sep: char| {
        let parts: Vec<&str> = s.split(sep).collect();
        parts.len() > 1
            && !parts[0].is_empty()
            && parts[0].len() <= 3
            && parts[1..].iter().all(|p| p.len() == 3)
    };
    match (dots, commas) {
        (0, 0) => Some(s.to_string()),
        (_, 0) | (0, _) => {
            let sep = if dots > 0 { '.' } else { ',' };
            let n = dots + commas;
            // Thousands grouping: money always; counts and plain numbers when
            // the groups are exact; two or more separators can only be grouping.
            if grouped(sep) && (n > 1 || matches!(kind, Kind::Money)) {
                Some(s.replace(sep, ""))
            } else if n == 1 {
                Some(s.replace(',', "."))
            } else {
                None
            }
        }
        _ => {
            // Both: the last one is the decimal mark, the other groups.
            let last_dot = s.rfind('.')?;
            let last_comma = s.rfind(',')?;
            let (group, dec) = if last_dot > last_comma {
                (',', '.')
            } else {
                ('.', ',')
            };
            if s.matches(dec).count() != 1 {
                return None;
            }
            let (int, frac) = s.split_once(dec)?;
            let parts: Vec<&str> = int.split(group).collect();
            if parts[0].is_empty() || parts[0].len() > 3 || !parts[1..].iter().all(|p| p.len() == 3)
            {
                return None;
            }
            Some(format!("{}.{}", int.replace(group, ""), frac))
        }
    }
}

/// Parses a yes/no mark: yes as `Có`, `có`, `x`, `X`, `✓`, `1`, `Đạt`;
/// no as `Không`, `0`, `Không đạt`.
pub fn parse_yes_no(v: &CellValue) -> Result<Option<bool>, ValueError> {
    match v {
        CellValue::Bool(b) => Ok(Some(*b)),
        CellValue::Number { value, .. } if *value == Decimal::ONE => Ok(Some(true)),
        CellValue::Number { value, .. } if value.is_zero() => Ok(Some(false)),
        CellValue::Text(s) => {
            let f = fold_ascii(s);
            let f = f.trim_matches(|c: char| c == '.' || c == ' ' || c == '(' || c == ')');
            if f.is_empty() {
                return Ok(None);
            }
            const YES: &[&str] = &[
                "co", "x", "✓", "✔", "☑", "1", "dat", "yes", "true", "v", "c",
            ];
            const NO: &[&str] = &[
                "khong",
                "0",
                "khong dat",
                "chua dat",
                "chua",
                "no",
                "false",
                "k",
                "kh",
                "-",
            ];
            if YES.contains(&f) {
                return Ok(Some(true));
            }
            if NO.contains(&f) {
                return Ok(Some(false));
            }
            // "Không có …", "Chưa đạt …" and "Có (kèm quyết định …)".
            let first = f.split(|c: char| !c.is_alphanumeric()).next().unwrap_or("");
            match first {
                "khong" | "chua" => Ok(Some(false)),
                "co" | "dat" => Ok(Some(true)),
                _ => Err(ValueError::NotYesNo(s.trim().to_string())),
            }
        }
        CellValue::Error(e) => Err(ValueError::ErrorValue(e.clone())),
        CellValue::FormulaNoValue { formula } => Err(ValueError::FormulaNoValue(formula.clone())),
        other => Err(ValueError::NotYesNo(other.display())),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn t(s: &str) -> CellValue {
        CellValue::Text(s.into())
    }
    fn d(s: &str) -> Option<Decimal> {
        Some(Decimal::from_str(s).unwrap())
    }

    #[test]
    fn scores_as_typed() {
        for (input, want) in [
            ("9,5", "9.5"),
            ("9.5", "9.5"),
            ("9,5 điểm", "9.5"),
            ("9,5điểm", "9.5"),
            ("10đ", "10"),
            ("10 đ", "10"),
            ("  7 ", "7"),
            ("0", "0"),
            ("-1", "-1"),
            ("10 Điểm", "10"),
            ("9,5 diem", "9.5"),
        ] {
            assert_eq!(parse(&t(input), Kind::Score), Ok(d(want)), "{input:?}");
        }
    }

    #[test]
    fn empty_is_not_zero() {
        assert_eq!(parse(&t(""), Kind::Score), Ok(None));
        assert_eq!(parse(&t("   "), Kind::Count), Ok(None));
        assert_eq!(parse_yes_no(&t(" ")), Ok(None));
    }

    #[test]
    fn junk_is_not_a_number() {
        for input in [
            "chín",
            "9,5,5",
            "9..5",
            "abc 10",
            "10 người",
            "1/2",
            ",5",
            "5,",
            "95%",
        ] {
            assert!(
                matches!(
                    parse(&t(input), Kind::Score),
                    Err(ValueError::NotANumber(_))
                ),
                "{input:?} -> {:?}",
                parse(&t(input), Kind::Score)
            );
        }
    }

    #[test]
    fn money_with_thousand_dots() {
        for (input, want) in [
            ("12.000", "12000"),
            ("12.000đ", "12000"),
            ("1.200.000 đồng", "1200000"),
            ("1,200,000", "1200000"),
            ("1 200 000 VNĐ", "1200000"),
            ("500", "500"),
            ("12.5", "12.5"),
        ] {
            assert_eq!(parse(&t(input), Kind::Money), Ok(d(want)), "{input:?}");
        }
    }

    #[test]
    fn counts_and_grouping() {
        assert_eq!(parse(&t("47 người"), Kind::Count), Ok(d("47")));
        assert_eq!(parse(&t("47 thành viên"), Kind::Count), Ok(d("47")));
        assert_eq!(parse(&t("1.200.000"), Kind::Count), Ok(d("1200000")));
        // A single separator in a count is a decimal mark: 47,5 people is an error caught later.
        assert_eq!(parse(&t("47,5"), Kind::Count), Ok(d("47.5")));
    }

    #[test]
    fn percentages() {
        assert_eq!(parse(&t("95%"), Kind::Percent), Ok(d("95")));
        assert_eq!(parse(&t("95 %"), Kind::Percent), Ok(d("95")));
        assert_eq!(parse(&t("94,5%"), Kind::Percent), Ok(d("94.5")));
        let pct = CellValue::Number {
            value: Decimal::from_str("0.95").unwrap(),
            percent: true,
        };
        assert_eq!(parse(&pct, Kind::Percent), Ok(d("95")));
        let plain = CellValue::Number {
            value: Decimal::from(95),
            percent: false,
        };
        assert_eq!(parse(&plain, Kind::Percent), Ok(d("95")));
    }

    #[test]
    fn formulas_and_errors_are_not_values() {
        let f = CellValue::FormulaNoValue {
            formula: "SUM(D5:D7)".into(),
        };
        assert_eq!(
            parse(&f, Kind::Score),
            Err(ValueError::FormulaNoValue("SUM(D5:D7)".into()))
        );
        let e = CellValue::Error("#DIV/0!".into());
        assert_eq!(
            parse(&e, Kind::Percent),
            Err(ValueError::ErrorValue("#DIV/0!".into()))
        );
    }

    #[test]
    fn yes_no_marks() {
        for s in ["Có", "có", "x", "X", "✓", "1", "Đạt", "CÓ", "Có (QĐ số 12)"] {
            assert_eq!(parse_yes_no(&t(s)), Ok(Some(true)), "{s:?}");
        }
        for s in ["Không", "không", "0", "Không đạt", "Chưa đạt", "không có"] {
            assert_eq!(parse_yes_no(&t(s)), Ok(Some(false)), "{s:?}");
        }
        assert_eq!(
            parse_yes_no(&CellValue::Number {
                value: Decimal::ONE,
                percent: false
            }),
            Ok(Some(true))
        );
        assert!(matches!(
            parse_yes_no(&t("hmm")),
            Err(ValueError::NotYesNo(_))
        ));
        assert!(matches!(
            parse_yes_no(&CellValue::Number {
                value: Decimal::TWO,
                percent: false
            }),
            Err(ValueError::NotYesNo(_))
        ));
    }
}
