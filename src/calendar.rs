//! Days since 1970-01-01 as calendar dates: the one conversion the
//! workbooks' dates, the papers' dates, the template's year and the backup
//! names share.
//!
//! Hand-written (Howard Hinnant's `civil_from_days`) rather than taken from
//! the `time` crate because it is total: any `i64` a hostile cell or file
//! time gives has an answer, where `time::Date` stops at year ±9999. A test
//! keeps it equal to `time` over that crate's whole range.

/// (year, month 1–12, day 1–31) of the day `days` after 1970-01-01
/// (proleptic Gregorian calendar; negative days are before 1970).
///
/// ```
/// assert_eq!(dvht::calendar::civil_from_days(0), (1970, 1, 1));
/// assert_eq!(dvht::calendar::civil_from_days(19_706), (2023, 12, 15));
/// ```
pub fn civil_from_days(days: i64) -> (i64, u32, u32) {
    // Far beyond any calendar: saturate instead of overflowing.
    let z = days.clamp(i64::MIN / 4, i64::MAX / 4) + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    (yoe + era * 400 + i64::from(m <= 2), m, d)
}

#[cfg(test)]
mod tests {
    use super::civil_from_days;

    /// Equal to the `time` crate on every day it knows (years −9999 to
    /// 9999), and an answer without overflow at the ends of `i64`.
    #[test]
    fn equals_the_time_crate_over_its_range() {
        let epoch = time::Date::from_calendar_date(1970, time::Month::January, 1)
            .unwrap()
            .to_julian_day() as i64;
        let (lo, hi) = (
            time::Date::MIN.to_julian_day() as i64 - epoch,
            time::Date::MAX.to_julian_day() as i64 - epoch,
        );
        let mut checked = 0;
        let mut day = lo;
        while day <= hi {
            let d = time::Date::from_julian_day((day + epoch) as i32).unwrap();
            let want = (
                i64::from(d.year()),
                u32::from(u8::from(d.month())),
                u32::from(d.day()),
            );
            assert_eq!(civil_from_days(day), want, "day {day}");
            checked += 1;
            // Every day around 1900–2100, then a stride elsewhere.
            day += if (-25_567..=47_482).contains(&day) {
                1
            } else {
                7
            };
        }
        assert!(checked > 1_000_000, "{checked}");
        for d in [i64::MIN, i64::MIN + 1, i64::MAX, i64::MAX - 1] {
            let (_, m, day) = civil_from_days(d);
            assert!((1..=12).contains(&m) && (1..=31).contains(&day));
        }
    }
}
