//! calamine's cell values → [`CellValue`]: exact decimals, ISO dates,
//! percent number formats.

use crate::cells::CellValue;
use calamine::{Data, DataRef, ExcelDateTime};
use rust_decimal::Decimal;
use std::str::FromStr;

/// An f64 from a file as the exact decimal of its shortest representation.
pub fn decimal_of_f64(f: f64) -> Option<Decimal> {
    if !f.is_finite() {
        return None;
    }
    // `{}` prints the shortest form that reads back as the same f64, without
    // an exponent; Decimal holds 28 digits, so very large or tiny values
    // fall back to scientific parsing.
    let s = format!("{f}");
    Decimal::from_str(&s)
        .or_else(|_| Decimal::from_scientific(&format!("{f:e}")))
        .ok()
}

fn number(f: f64, percent: bool) -> CellValue {
    match decimal_of_f64(f) {
        Some(value) => CellValue::Number { value, percent },
        None => CellValue::Text(format!("{f}")),
    }
}

/// A cell value, or `None` for an empty cell (blank text counts as empty).
pub fn of_data_ref(d: &DataRef<'_>, percent: bool, is_1904: bool) -> Option<CellValue> {
    Some(match d {
        DataRef::Empty => return None,
        DataRef::String(s) => return text(s),
        DataRef::SharedString(s) => return text(s),
        DataRef::Int(i) => CellValue::Number {
            value: Decimal::from(*i),
            percent,
        },
        DataRef::Float(f) => number(*f, percent),
        DataRef::Bool(b) => CellValue::Bool(*b),
        DataRef::DateTime(dt) => date(dt, is_1904),
        DataRef::DateTimeIso(s) | DataRef::DurationIso(s) => CellValue::Date(s.clone()),
        DataRef::Error(e) => CellValue::Error(format!("{e}")),
    })
}

/// Same for an owned value.
pub fn of_data(d: &Data, percent: bool, is_1904: bool) -> Option<CellValue> {
    Some(match d {
        Data::Empty => return None,
        Data::String(s) => return text(s),
        Data::Int(i) => CellValue::Number {
            value: Decimal::from(*i),
            percent,
        },
        Data::Float(f) => number(*f, percent),
        Data::Bool(b) => CellValue::Bool(*b),
        Data::DateTime(dt) => date(dt, is_1904),
        Data::DateTimeIso(s) | Data::DurationIso(s) => CellValue::Date(s.clone()),
        Data::Error(e) => CellValue::Error(format!("{e}")),
    })
}

fn text(s: &str) -> Option<CellValue> {
    if s.trim().is_empty() {
        None
    } else {
        Some(CellValue::Text(s.to_string()))
    }
}

/// An Excel date/time serial as ISO text ("2023-12-31", "2023-12-31T08:30:00",
/// or a duration "PT36H" style for durations).
fn date(dt: &ExcelDateTime, is_1904: bool) -> CellValue {
    let serial = dt.as_f64();
    if dt.is_duration() || !serial.is_finite() {
        return CellValue::Date(format!("{serial}"));
    }
    CellValue::Date(iso_of_serial(serial, is_1904).unwrap_or_else(|| format!("{serial}")))
}

/// ISO text of an Excel serial date (1900 system with the Lotus leap-year
/// bug, or the 1904 system).
pub fn iso_of_serial(serial: f64, is_1904: bool) -> Option<String> {
    if !(0.0..=2_958_466.0).contains(&serial) {
        return None;
    }
    let mut days = serial.trunc() as i64;
    let secs = ((serial - serial.trunc()) * 86_400.0).round() as i64;
    let (days_carry, secs) = (secs / 86_400, secs % 86_400);
    days += days_carry;
    // Days since 1970-01-01.
    let unix_days = if is_1904 {
        days - 24_107
    } else {
        if days < 61 {
            // 1900-01-01 .. 1900-02-28 (serial 60 is the fictitious 29 Feb).
            days += 1;
        }
        days - 25_569
    };
    let (y, m, d) = crate::calendar::civil_from_days(unix_days);
    Some(if secs == 0 {
        format!("{y:04}-{m:02}-{d:02}")
    } else {
        format!(
            "{y:04}-{m:02}-{d:02}T{:02}:{:02}:{:02}",
            secs / 3600,
            secs / 60 % 60,
            secs % 60
        )
    })
}

/// Whether a number format code shows the value as a percentage: a `%`
/// outside quotes, escapes and brackets, in the first (positive) section.
pub fn is_percent_format(code: &str) -> bool {
    let mut chars = code.chars();
    let mut in_quote = false;
    let mut in_bracket = false;
    while let Some(c) = chars.next() {
        match c {
            '"' => in_quote = !in_quote,
            _ if in_quote => {}
            '\\' | '_' | '*' => {
                chars.next();
            }
            '[' => in_bracket = true,
            ']' => in_bracket = false,
            _ if in_bracket => {}
            ';' => return false,
            '%' => return true,
            _ => {}
        }
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shortest_decimal() {
        assert_eq!(decimal_of_f64(0.1).unwrap().to_string(), "0.1");
        assert_eq!(decimal_of_f64(0.95).unwrap().to_string(), "0.95");
        assert_eq!(decimal_of_f64(9.5).unwrap().to_string(), "9.5");
        assert_eq!(decimal_of_f64(1_200_000.0).unwrap().to_string(), "1200000");
        assert_eq!(decimal_of_f64(f64::NAN), None);
        assert_eq!(decimal_of_f64(f64::INFINITY), None);
        // Too large for Decimal: no panic, no value.
        assert_eq!(decimal_of_f64(1e300), None);
        assert!(decimal_of_f64(1e-30).is_some());
    }

    #[test]
    fn percent_formats() {
        assert!(is_percent_format("0%"));
        assert!(is_percent_format("0.00%"));
        assert!(is_percent_format("#,##0.0%;[Red]-#,##0.0%"));
        assert!(!is_percent_format("General"));
        assert!(!is_percent_format("0.00"));
        assert!(!is_percent_format("0\"%\""));
        assert!(!is_percent_format("0\\%"));
        assert!(!is_percent_format("[$%-409]0"));
        assert!(!is_percent_format("0;-0%"));
    }

    #[test]
    fn serial_dates() {
        assert_eq!(iso_of_serial(1.0, false).unwrap(), "1900-01-01");
        assert_eq!(iso_of_serial(59.0, false).unwrap(), "1900-02-28");
        assert_eq!(iso_of_serial(61.0, false).unwrap(), "1900-03-01");
        assert_eq!(iso_of_serial(45_291.0, false).unwrap(), "2023-12-31");
        assert_eq!(
            iso_of_serial(45_291.5, false).unwrap(),
            "2023-12-31T12:00:00"
        );
        assert_eq!(iso_of_serial(0.0, true).unwrap(), "1904-01-01");
        assert_eq!(iso_of_serial(-1.0, false), None);
    }
}
