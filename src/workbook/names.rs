//! Sheet names Excel accepts: at most 31 characters, none of `[]:*?/\`, no
//! apostrophe at either end, not "History", unique without regard to case.

use std::collections::HashSet;
use unicode_normalization::UnicodeNormalization;

/// The longest sheet name Excel accepts.
pub const MAX_LEN: usize = 31;

/// Hands out unique sheet names.
#[derive(Debug, Default)]
pub struct SheetNames {
    used: HashSet<String>,
}

impl SheetNames {
    /// A namer that already holds `reserved` (the fixed sheets).
    pub fn with_reserved(reserved: &[&str]) -> SheetNames {
        let mut n = SheetNames::default();
        for r in reserved {
            n.used.insert(key(r));
        }
        n
    }

    /// A valid, unused name made from `wanted`; `fallback` when nothing of
    /// `wanted` survives cleaning.
    pub fn take(&mut self, wanted: &str, fallback: &str) -> String {
        let mut base = clean(wanted);
        if base.is_empty() {
            base = clean(fallback);
        }
        if base.is_empty() {
            base = "Trang".to_string();
        }
        let first = truncate(&base, MAX_LEN);
        if !self.used.contains(&key(&first)) && key(&first) != "history" {
            self.used.insert(key(&first));
            return first;
        }
        for n in 2u64.. {
            let suffix = format!(" ({n})");
            let room = MAX_LEN.saturating_sub(suffix.chars().count());
            let stem = truncate(&base, room);
            let stem = stem.trim_end().trim_end_matches('\'');
            let name = format!("{stem}{suffix}");
            if !self.used.contains(&key(&name)) {
                self.used.insert(key(&name));
                return name;
            }
        }
        unreachable!("u64 suffixes never run out")
    }
}

/// Case-insensitive identity of a name (Excel compares names without case).
fn key(s: &str) -> String {
    s.nfc().flat_map(char::to_lowercase).collect()
}

/// NFC, forbidden characters removed, white space collapsed, apostrophes
/// and spaces trimmed from both ends.
pub fn clean(s: &str) -> String {
    let mut out = String::new();
    let mut space = false;
    for c in s.nfc() {
        if matches!(c, '[' | ']' | ':' | '*' | '?' | '/' | '\\') || c.is_control() {
            space = true;
            continue;
        }
        if c.is_whitespace() {
            space = true;
            continue;
        }
        if space && !out.is_empty() {
            out.push(' ');
        }
        space = false;
        out.push(c);
    }
    trim_ends(&out)
}

fn trim_ends(s: &str) -> String {
    s.trim_matches(|c: char| c == '\'' || c.is_whitespace())
        .to_string()
}

fn truncate(s: &str, n: usize) -> String {
    let t: String = s.chars().take(n).collect();
    trim_ends(&t)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_cleaned_truncated_and_unique() {
        let mut n = SheetNames::with_reserved(&["Tổng hợp", "Tệp"]);
        assert_eq!(n.take("Phòng Tư pháp", "x"), "Phòng Tư pháp");
        assert_eq!(n.take("phòng tư PHÁP", "x"), "phòng tư PHÁP (2)");
        assert_eq!(n.take("Tệp", "x"), "Tệp (2)");
        assert_eq!(n.take("a[b]:c*d?e/f\\g", "x"), "a b c d e f g");
        assert_eq!(n.take("'quoted'", "x"), "quoted");
        assert_eq!(n.take("  ''  ", "Đơn vị 3"), "Đơn vị 3");
        assert_eq!(n.take("History", "x"), "History (2)");
        let long = "Trường Trung học cơ sở Nguyễn Văn Trỗi xã Mỹ Phú";
        let a = n.take(long, "x");
        let b = n.take(long, "x");
        assert_eq!(a.chars().count(), 31);
        assert!(b.chars().count() <= 31 && b.ends_with(" (2)"), "{b}");
        assert_ne!(a, b);
        // Decomposed input is composed first, so it counts as Excel counts.
        let nfd = "Tru\u{31b}o\u{31b}\u{300}ng";
        assert_eq!(n.take(nfd, "x"), "Trường");
    }
}
