//! Dates and times of day as a teams file writes them and a schedule shows
//! them: "15/12/2023" or "2023-12-15", "07:30" or "7h30".
//!
//! ```
//! use dvht::plan::day::{Clock, Date};
//! let t = Clock::parse("7h30").unwrap();
//! assert_eq!(t.to_string(), "07:30");
//! assert_eq!(t.minutes(), 450);
//! let d = Date::parse("2023-12-15").unwrap();
//! assert_eq!(d.to_string(), "15/12/2023");
//! assert_eq!(d.weekday_vi(), "Thứ Sáu");
//! ```

use std::fmt;

/// A time of day, in minutes since midnight (0 ..= 24:00).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Clock(u32);

/// Minutes in a day: 24:00 is the latest end a session may have.
pub const DAY_MINUTES: u32 = 24 * 60;

impl Clock {
    /// The time `minutes` after midnight, if within the day.
    pub fn from_minutes(minutes: u32) -> Option<Clock> {
        (minutes <= DAY_MINUTES).then_some(Clock(minutes))
    }

    /// The time `minutes` after midnight, 24:00 at the latest.
    pub fn clamped(minutes: u32) -> Clock {
        Clock(minutes.min(DAY_MINUTES))
    }

    pub fn minutes(self) -> u32 {
        self.0
    }

    /// "07:30", "7:30", "7h30", "7h", "07.30", "7g30" (giờ), "7 giờ 30":
    /// hours 0–24, minutes 0–59 (24:00 only as itself).
    pub fn parse(s: &str) -> Option<Clock> {
        let t = s
            .trim()
            .to_lowercase()
            .replace("giờ", "h")
            .replace("phút", "");
        let t = t.replace(' ', "");
        let split = t.find([':', 'h', 'g', '.']);
        let (h, m) = match split {
            Some(i) => {
                let sep_len = t[i..].chars().next().map_or(1, char::len_utf8);
                (&t[..i], &t[i + sep_len..])
            }
            None => (t.as_str(), ""),
        };
        if h.is_empty() || h.len() > 2 || !h.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        // "07:30:00" (a TOML time written as text): seconds must be zero.
        let m = match m.split_once(':') {
            Some((m, "00")) => m,
            Some(_) => return None,
            None => m,
        };
        if m.len() > 2
            || !m.bytes().all(|b| b.is_ascii_digit())
            || (split.is_some() && m.is_empty() && !t.ends_with(['h', 'g']))
        {
            return None;
        }
        let h: u32 = h.parse().ok()?;
        let m: u32 = if m.is_empty() { 0 } else { m.parse().ok()? };
        if m > 59 || h > 24 || (h == 24 && m > 0) {
            return None;
        }
        Some(Clock(h * 60 + m))
    }
}

impl fmt::Display for Clock {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:02}:{:02}", self.0 / 60, self.0 % 60)
    }
}

/// A calendar day.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    pub year: i32,
    pub month: u32,
    pub day: u32,
}

impl Date {
    /// A real calendar day (31/02 is not), years 1900–2999.
    pub fn new(year: i32, month: u32, day: u32) -> Option<Date> {
        if !(1900..=2999).contains(&year) || !(1..=12).contains(&month) {
            return None;
        }
        let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
        let days = match month {
            2 if leap => 29,
            2 => 28,
            4 | 6 | 9 | 11 => 30,
            _ => 31,
        };
        (1..=days)
            .contains(&day)
            .then_some(Date { year, month, day })
    }

    /// "2023-12-15" (ISO, as TOML writes dates), "15/12/2023", "15-12-2023"
    /// or "15.12.2023" (day first, as Vietnamese documents write them).
    pub fn parse(s: &str) -> Option<Date> {
        let s = s.trim();
        let parts: Vec<&str> = s.split(['-', '/', '.']).collect();
        let [a, b, c] = parts.as_slice() else {
            return None;
        };
        let num = |p: &str| -> Option<u32> {
            (!p.is_empty() && p.len() <= 4 && p.bytes().all(|b| b.is_ascii_digit()))
                .then(|| p.parse().ok())
                .flatten()
        };
        let (a, b, c) = (num(a)?, num(b)?, num(c)?);
        if parts[0].len() == 4 && s.contains('-') {
            Date::new(a as i32, b, c)
        } else if parts[2].len() == 4 {
            Date::new(c as i32, b, a)
        } else {
            None
        }
    }

    /// Days since 1970-01-01 (negative before).
    pub fn days_since_epoch(self) -> i64 {
        // Howard Hinnant's days_from_civil.
        let y = i64::from(self.year) - i64::from(self.month <= 2);
        let era = y.div_euclid(400);
        let yoe = y - era * 400;
        let m = i64::from(self.month);
        let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + i64::from(self.day) - 1;
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        era * 146_097 + doe - 719_468
    }

    /// Day of the week, 0 = Monday … 6 = Sunday.
    pub fn weekday(self) -> u32 {
        // 1970-01-01 was a Thursday (3).
        (self.days_since_epoch() + 3).rem_euclid(7) as u32
    }

    /// "Thứ Hai" … "Chủ nhật".
    pub fn weekday_vi(self) -> &'static str {
        [
            "Thứ Hai",
            "Thứ Ba",
            "Thứ Tư",
            "Thứ Năm",
            "Thứ Sáu",
            "Thứ Bảy",
            "Chủ nhật",
        ][self.weekday() as usize]
    }

    /// "Monday" … "Sunday".
    pub fn weekday_en(self) -> &'static str {
        [
            "Monday",
            "Tuesday",
            "Wednesday",
            "Thursday",
            "Friday",
            "Saturday",
            "Sunday",
        ][self.weekday() as usize]
    }

    /// "2023-12-15".
    pub fn iso(self) -> String {
        format!("{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

impl fmt::Display for Date {
    /// "15/12/2023", as Vietnamese documents write a date.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:02}/{:02}/{:04}", self.day, self.month, self.year)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn times_as_people_write_them() {
        for (s, m) in [
            ("07:30", 450),
            ("7:30", 450),
            ("7h30", 450),
            ("7H30", 450),
            ("7h", 420),
            ("13g30", 810),
            ("13.30", 810),
            ("7 giờ 30", 450),
            ("07:30:00", 450),
            ("0:00", 0),
            ("24:00", 1440),
        ] {
            assert_eq!(Clock::parse(s).map(Clock::minutes), Some(m), "{s}");
        }
        for s in [
            "", "7:", "25:00", "24:01", "7:60", "7:5a", "abc", "7:30:15", "123:00", ":30", "-1:00",
        ] {
            assert_eq!(Clock::parse(s), None, "{s}");
        }
        assert_eq!(Clock::parse("7:05").unwrap().to_string(), "07:05");
    }

    #[test]
    fn dates_both_ways_and_real_days_only() {
        let d = Date::new(2023, 12, 15).unwrap();
        for s in [
            "2023-12-15",
            "15/12/2023",
            "15-12-2023",
            "15.12.2023",
            " 15/12/2023 ",
        ] {
            assert_eq!(Date::parse(s), Some(d), "{s}");
        }
        for s in [
            "2023-02-29",
            "31/04/2023",
            "2023/12/15",
            "15/12/23",
            "12-2023",
            "",
            "x/y/z",
        ] {
            assert_eq!(Date::parse(s), None, "{s}");
        }
        assert!(Date::parse("29/02/2024").is_some());
        assert!(Date::parse("29/02/1900").is_none());
        assert!(Date::parse("29/02/2000").is_some());
    }

    #[test]
    fn weekdays_from_a_calendar() {
        // Checked against a printed calendar: 15/12/2023 was a Friday,
        // 01/01/2000 a Saturday, 01/01/1970 a Thursday, 29/02/2024 a Thursday.
        assert_eq!(Date::new(2023, 12, 15).unwrap().weekday_vi(), "Thứ Sáu");
        assert_eq!(Date::new(2000, 1, 1).unwrap().weekday_en(), "Saturday");
        assert_eq!(Date::new(1970, 1, 1).unwrap().weekday_en(), "Thursday");
        assert_eq!(Date::new(2024, 2, 29).unwrap().weekday_en(), "Thursday");
        assert_eq!(Date::new(1969, 12, 31).unwrap().days_since_epoch(), -1);
    }
}
