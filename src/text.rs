//! Comparing labels the way a person reads them.
//!
//! Labels are compared after Unicode NFC, case folding and collapsing white
//! space ([`fold`]), and also with Vietnamese diacritics removed
//! ([`fold_ascii`]), so "Diem tu cham" matches "Điểm tự chấm".
//!
//! ```
//! use dvht::text::{fold, fold_ascii};
//! assert_eq!(fold("  Điểm   TỰ\u{a0}chấm "), "điểm tự chấm");
//! assert_eq!(fold_ascii("Điểm tự chấm"), "diem tu cham");
//! ```

use unicode_normalization::char::{decompose_canonical, is_combining_mark};
use unicode_normalization::{IsNormalized, UnicodeNormalization, is_nfc_quick};

/// NFC, lower case, typographic quotes and dashes made plain, white space
/// collapsed to single spaces and trimmed.
pub fn fold(s: &str) -> String {
    // Every cell of every form passes here: text already in NFC (nearly
    // all of it; ASCII always) skips the composing iterator.
    if s.is_ascii() || is_nfc_quick(s.chars()) == IsNormalized::Yes {
        fold_chars(s, s.chars())
    } else {
        fold_chars(s, s.nfc())
    }
}

fn fold_chars(s: &str, chars: impl Iterator<Item = char>) -> String {
    let mut out = String::with_capacity(s.len());
    let mut space = true;
    for c in chars.flat_map(char::to_lowercase) {
        let c = match c {
            '“' | '”' | '„' | '«' | '»' | '″' => '"',
            '‘' | '’' | '′' => '\'',
            '–' | '—' | '−' => '-',
            c if c.is_whitespace() || c.is_control() || c == '\u{200b}' || c == '\u{feff}' => ' ',
            c => c,
        };
        if c == ' ' {
            if !space {
                out.push(' ');
            }
            space = true;
        } else {
            out.push(c);
            space = false;
        }
    }
    while out.ends_with(' ') {
        out.pop();
    }
    out
}

/// [`fold`], then Vietnamese diacritics removed (đ → d).
pub fn fold_ascii(s: &str) -> String {
    let folded = fold(s);
    if folded.is_ascii() {
        return folded;
    }
    // The NFD of the text without its combining marks, char by char: NFD's
    // reordering only moves marks (characters of a non-zero combining
    // class), and every one of them is dropped here.
    let mut out = String::with_capacity(folded.len());
    for c in folded.chars() {
        if c.is_ascii() {
            out.push(c);
            continue;
        }
        decompose_canonical(c, |d| {
            if !is_combining_mark(d) {
                out.push(match d {
                    'đ' | 'Đ' => 'd',
                    d => d,
                });
            }
        });
    }
    out
}

/// Whether `hay` (a cell's text) starts with or contains `needle` (a label),
/// compared with and without diacritics.
pub fn contains_label(hay: &str, needle: &str) -> bool {
    let (h, n) = (fold(hay), fold(needle));
    if n.is_empty() {
        return false;
    }
    h.contains(&n) || fold_ascii(&h).contains(&fold_ascii(&n))
}

/// Whether `hay` starts with `needle`, compared with and without diacritics.
pub fn starts_with_label(hay: &str, needle: &str) -> bool {
    let (h, n) = (fold(hay), fold(needle));
    if n.is_empty() {
        return false;
    }
    h.starts_with(&n) || fold_ascii(&h).starts_with(&fold_ascii(&n))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_case_space_and_composition() {
        // "ệ" decomposed (e + circumflex + dot below) equals the precomposed one.
        assert_eq!(fold("Nội dung\ttiêu   chí"), "nội dung tiêu chí");
        assert_eq!(fold("Tie\u{0302}\u{0323}u"), fold("Tiệu"));
        assert_eq!(fold("“Đơn vị học tập”"), "\"đơn vị học tập\"");
    }

    #[test]
    fn ascii_fold_removes_vietnamese_marks() {
        assert_eq!(fold_ascii("Nội dung tiêu chí"), "noi dung tieu chi");
        assert_eq!(fold_ascii("ĐƠN VỊ HỌC TẬP"), "don vi hoc tap");
        assert_eq!(fold_ascii("Tỷ lệ"), "ty le");
    }

    /// The definition the fast paths must agree with.
    fn fold_ascii_reference(s: &str) -> String {
        let mut out = String::new();
        let mut space = true;
        for c in s.nfc().flat_map(char::to_lowercase) {
            let c = match c {
                '“' | '”' | '„' | '«' | '»' | '″' => '"',
                '‘' | '’' | '′' => '\'',
                '–' | '—' | '−' => '-',
                c if c.is_whitespace() || c.is_control() || c == '\u{200b}' || c == '\u{feff}' => {
                    ' '
                }
                c => c,
            };
            if c == ' ' {
                if !space {
                    out.push(' ');
                }
                space = true;
            } else {
                out.push(c);
                space = false;
            }
        }
        out.trim_end()
            .nfd()
            .filter(|c| !is_combining_mark(*c))
            .map(|c| match c {
                'đ' | 'Đ' => 'd',
                c => c,
            })
            .collect()
    }

    #[test]
    fn fast_paths_agree_with_the_definition() {
        for s in [
            "Nội dung tiêu chí",
            "Tie\u{0302}\u{0323}u chí",
            "e\u{0323}\u{0302}",
            "  ĐƠN VỊ\u{a0}HỌC TẬP ",
            "Ω Å ﬁ İ ǅ 가 각",
            "a\u{0301}\u{0316}b",
            "plain ascii – dash “quote”",
            "",
        ] {
            assert_eq!(fold_ascii(s), fold_ascii_reference(s), "{s:?}");
        }
    }

    proptest::proptest! {
        #[test]
        fn fold_ascii_is_its_definition(s in "\\PC{0,40}") {
            proptest::prop_assert_eq!(fold_ascii(&s), fold_ascii_reference(&s));
        }

        #[test]
        fn fold_ascii_of_vietnamese_is_its_definition(
            s in "[a-zA-Z ăâđêôơưĂÂĐÊÔƠƯáàảãạấầẩẫậếềểễệốồổỗộớờởỡợứừửữựíìỉĩịýỳỷỹỵ\u{0300}\u{0301}\u{0303}\u{0309}\u{0323}\u{0302}\u{0306}\u{031b}]{0,40}"
        ) {
            proptest::prop_assert_eq!(fold_ascii(&s), fold_ascii_reference(&s));
        }
    }

    #[test]
    fn label_matching() {
        assert!(contains_label("II. Điểm tự chấm (điểm)", "điểm tự chấm"));
        assert!(contains_label("Diem tu cham", "Điểm tự chấm"));
        assert!(!contains_label("Điểm số tối đa", "Điểm tự chấm"));
        assert!(starts_with_label(
            "  Don vi co chu truong hoac ke hoach",
            "Đơn vị có chủ trương"
        ));
        assert!(!contains_label("anything", ""));
    }
}
