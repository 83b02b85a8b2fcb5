//! Sheet names Excel accepts: at most 31 characters, none of `[]:*?/\`, no
//! apostrophe at either end, not "History", unique without regard to case.
//! A longer name is cut after a whole word and ends in "…", so the cut
//! shows on the tab and on every printed page ("Phòng Lao động – Thương
//! binh…", never "Phòng Lao động – Thương bin").

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

/// `s` in at most `n` characters: whole when it fits, else its first
/// words that fit with "…" after them (cut inside a word only when the
/// first word alone is too long), without a dangling "và", dash or comma.
fn truncate(s: &str, n: usize) -> String {
    let s = trim_ends(s);
    if s.chars().count() <= n {
        return s;
    }
    let room = n.saturating_sub(1);
    let head: String = s.chars().take(room).collect();
    let at_word_end = s.chars().nth(room).is_some_and(char::is_whitespace);
    let mut words = if at_word_end {
        head.as_str()
    } else {
        head.rfind(' ').map_or("", |i| &head[..i])
    };
    loop {
        let t = words.trim_end_matches(|c: char| {
            c.is_whitespace() || matches!(c, '–' | '—' | '-' | ',' | ';' | '&' | '(' | '\'')
        });
        let t = DANGLING
            .iter()
            .find_map(|w| {
                t.strip_suffix(w)
                    .filter(|rest| rest.is_empty() || rest.ends_with(' '))
            })
            .unwrap_or(t);
        if t == words {
            break;
        }
        words = t;
    }
    if words.is_empty() {
        words = head.as_str();
    }
    format!("{}…", trim_ends(words))
}

/// Words a cut name should not end with.
const DANGLING: &[&str] = &["và", "của", "các", "cho", "với", "huyện", "xã"];

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
        assert_eq!(a, "Trường Trung học cơ sở Nguyễn…");
        assert_eq!(b, "Trường Trung học cơ sở… (2)");
        // Decomposed input is composed first, so it counts as Excel counts.
        let nfd = "Tru\u{31b}o\u{31b}\u{300}ng";
        assert_eq!(n.take(nfd, "x"), "Trường");
    }

    #[test]
    fn long_names_are_cut_after_a_whole_word_with_an_ellipsis() {
        let mut n = SheetNames::default();
        // The samples' long names, as a clerk reads them on the tabs.
        for (name, want) in [
            (
                "Phòng Lao động – Thương binh và Xã hội",
                "Phòng Lao động – Thương binh…",
            ),
            (
                "Ủy ban Mặt trận Tổ quốc Việt Nam huyện",
                "Ủy ban Mặt trận Tổ quốc Việt…",
            ),
            (
                "Trung tâm Văn hóa, Thể thao và Truyền thanh",
                "Trung tâm Văn hóa, Thể thao…",
            ),
            (
                "Ban Quản lý dự án đầu tư xây dựng huyện",
                "Ban Quản lý dự án đầu tư xây…",
            ),
            // A name of exactly 31 characters stays whole.
            (
                "Phòng Nông nghiệp và Phát triển",
                "Phòng Nông nghiệp và Phát triển",
            ),
        ] {
            let got = n.take(name, "x");
            assert_eq!(got, want);
            assert!(got.chars().count() <= MAX_LEN, "{got}");
        }
        // One word longer than a sheet name: cut inside it, still marked.
        let word = "Đ".repeat(40);
        let got = n.take(&word, "x");
        assert_eq!(got.chars().count(), MAX_LEN);
        assert!(got.ends_with('…'));
        // Two names alike in their first words stay apart, both marked.
        let mut n = SheetNames::default();
        let a = n.take("Trường Tiểu học Nguyễn Văn Trỗi điểm chính", "x");
        let b = n.take("Trường Tiểu học Nguyễn Văn Trỗi điểm phụ", "x");
        assert_eq!(a, "Trường Tiểu học Nguyễn Văn…");
        assert_eq!(b, "Trường Tiểu học Nguyễn Văn… (2)");
    }
}
