//! How wide a line of bold Times New Roman is, for the rules Nghị định
//! 30/2020 draws under the Tiêu ngữ ("độ dài bằng độ dài của dòng chữ"),
//! the issuing body and the summary ("từ 1/3 đến 1/2 độ dài của dòng chữ"),
//! and for breaking a long agency name into balanced lines.
//!
//! The advance widths are those of Liberation Serif Bold 2.1, which is
//! metric-compatible with Times New Roman Bold (same advance for every
//! character), in font units of 2048 per em. Vietnamese letters take the
//! width of their base letter, except ư and ơ (horn), which are wider.

use unicode_normalization::char::decompose_canonical;

/// Advance widths of ' ' (32) through '~' (126), Liberation Serif Bold.
const BOLD_ASCII: [u16; 95] = [
    512, 682, 1137, 1024, 1024, 2048, 1706, 569, 682, 682, 1024, 1167, 512, 682, 512,
    569, // ' '..'/'
    1024, 1024, 1024, 1024, 1024, 1024, 1024, 1024, 1024, 1024, 682, 682, 1167, 1167, 1167,
    1024, // '0'..'?'
    1905, 1479, 1366, 1479, 1479, 1366, 1251, 1593, 1593, 797, 1024, 1593, 1366, 1933, 1479,
    1593, // '@'..'O'
    1251, 1593, 1479, 1139, 1366, 1479, 1479, 2048, 1479, 1479, 1366, 682, 569, 682, 1190,
    1024, // 'P'..'_'
    682, 1024, 1139, 909, 1139, 909, 682, 1024, 1139, 569, 682, 1139, 569, 1706, 1139,
    1024, // '`'..'o'
    1139, 1139, 909, 797, 682, 1139, 1024, 1479, 1024, 1024, 909, 807, 451, 807,
    1065, // 'p'..'~'
];

const UNITS_PER_EM: u32 = 2048;

/// Width of one character in font units (bold).
fn advance(c: char) -> u32 {
    let base = match c {
        'Ư' | 'Ừ' | 'Ứ' | 'Ử' | 'Ữ' | 'Ự' => return 1630,
        'ư' | 'ừ' | 'ứ' | 'ử' | 'ữ' | 'ự' => return 1229,
        'ơ' | 'ờ' | 'ớ' | 'ở' | 'ỡ' | 'ợ' => return 1134,
        '“' | '”' | '–' => return 1024,
        '—' => return 2048,
        'Đ' => 'D',
        'đ' => 'd',
        c if c.is_ascii() => c,
        c => {
            let mut first = None;
            decompose_canonical(c, |d| {
                first.get_or_insert(d);
            });
            first.unwrap_or(c)
        }
    };
    match base as u32 {
        b @ 32..=126 => u32::from(BOLD_ASCII[(b - 32) as usize]),
        // Anything else (rare in an agency name): as wide as an 'n'.
        _ => u32::from(BOLD_ASCII[(b'n' - 32) as usize]),
    }
}

/// Width of `text` in bold at `half_points` (Word's unit of font size: 26 is
/// 13 pt), in twentieths of a point (twips).
///
/// ```
/// use dvht::documents::metrics::bold_width;
/// // The Tiêu ngữ at 14 pt: 171.4 pt.
/// assert_eq!(bold_width("Độc lập - Tự do - Hạnh phúc", 28), 3428);
/// ```
pub fn bold_width(text: &str, half_points: u32) -> u32 {
    let units: u32 = text.chars().map(advance).sum();
    // units / 2048 em × (half_points / 2) pt × 20 twips, rounded.
    ((u64::from(units) * u64::from(half_points) * 10 + u64::from(UNITS_PER_EM) / 2)
        / u64::from(UNITS_PER_EM)) as u32
}

/// Breaks `text` into lines no wider than `width` twips (bold, at
/// `half_points`), as evenly as possible: the fewest lines that fit, then
/// the break that makes the widest line narrowest. A word wider than the
/// line stays whole on a line of its own.
pub fn balanced_lines(text: &str, half_points: u32, width: u32) -> Vec<String> {
    let tokens = tokens(text);
    let words: Vec<&str> = tokens.iter().map(String::as_str).collect();
    if words.is_empty() {
        return Vec::new();
    }
    let line_width = |ws: &[&str]| bold_width(&ws.join(" "), half_points);
    let greedy = greedy_count(&words, &line_width, width);
    if words.len() > MAX_SEARCH_WORDS {
        return greedy_lines(&words, &line_width, width);
    }
    // Every way to break into `greedy` lines that fit (names have a dozen
    // words: the search is tiny); among those whose widest line is within
    // 15 % of the narrowest possible, the most breaks at phrase boundaries,
    // then the narrowest.
    let mut found: Vec<(u32, Vec<usize>)> = Vec::new();
    let mut breaks = Vec::new();
    search(
        &words,
        greedy,
        0,
        &mut breaks,
        &line_width,
        width,
        &mut found,
    );
    let narrowest = found.iter().map(|(w, _)| *w).min().unwrap_or(0);
    let cuts = found
        .into_iter()
        .filter(|(w, _)| u64::from(*w) * 100 <= u64::from(narrowest) * 115)
        .max_by_key(|(w, cuts)| {
            let good = cuts.iter().filter(|&&c| good_break(&words, c)).count();
            (good, std::cmp::Reverse(*w))
        })
        .map(|(_, c)| c)
        .unwrap_or_default();
    let mut lines = Vec::new();
    let mut start = 0;
    for &end in cuts.iter().chain(std::iter::once(&words.len())) {
        if end > start {
            lines.push(words[start..end].join(" "));
        }
        start = end;
    }
    lines
}

/// Words a line may well start with: a new phrase of an agency name or a
/// summary ("… GIÁO DỤC / VÀ ĐÀO TẠO", "ỦY BAN NHÂN DÂN / HUYỆN …").
const PHRASE_STARTS: &[&str] = &[
    "và",
    "huyện",
    "xã",
    "tỉnh",
    "quận",
    "thị",
    "thành",
    "phường",
    "trên",
    "của",
    "về",
    "năm",
    "tại",
    "cho",
    "đối",
];

/// Whether breaking before `words[at]` falls between phrases.
fn good_break(words: &[&str], at: usize) -> bool {
    let next = words.get(at).copied().unwrap_or("");
    let prev = at
        .checked_sub(1)
        .and_then(|i| words.get(i))
        .copied()
        .unwrap_or("");
    prev.ends_with(',')
        || prev.ends_with(';')
        || next.starts_with('“')
        || next.starts_with('(')
        || PHRASE_STARTS.contains(&next.to_lowercase().as_str())
}

/// The words of `text`, a short phrase in quotation marks (“Đơn vị học
/// tập”) kept as one, so that a line never breaks inside it.
fn tokens(text: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let mut open: Option<usize> = None;
    for w in text.split_whitespace() {
        match open {
            Some(n) if n < MAX_QUOTED => {
                if let Some(last) = out.last_mut() {
                    last.push(' ');
                    last.push_str(w);
                }
                open = Some(n + 1);
            }
            _ => {
                out.push(w.to_string());
                open = None;
            }
        }
        let opens = w.rfind('“');
        let closes = w.rfind('”');
        match (opens, closes) {
            (Some(o), c) if c.is_none_or(|c| c < o) => open = Some(open.unwrap_or(1)),
            (_, Some(_)) => open = None,
            _ => {}
        }
    }
    out
}

/// A quoted phrase longer than this many words may break like any text.
const MAX_QUOTED: usize = 5;

/// Beyond this many words the balanced search is not worth it (an agency
/// name has a dozen): the lines are filled one after the other.
const MAX_SEARCH_WORDS: usize = 24;

fn greedy_lines(words: &[&str], line_width: &dyn Fn(&[&str]) -> u32, width: u32) -> Vec<String> {
    let mut lines = Vec::new();
    let mut start = 0;
    for i in 1..words.len() {
        if line_width(&words[start..=i]) > width {
            lines.push(words[start..i].join(" "));
            start = i;
        }
    }
    lines.push(words[start..].join(" "));
    lines
}

fn greedy_count(words: &[&str], line_width: &dyn Fn(&[&str]) -> u32, width: u32) -> usize {
    let mut count = 1;
    let mut start = 0;
    for i in 1..words.len() {
        if line_width(&words[start..=i]) > width {
            count += 1;
            start = i;
        }
    }
    count
}

/// Tries every way to cut `words[from..]` into `lines` lines, keeping in
/// `found` those whose lines fit (a line over `width` is allowed only for a
/// single word), with their widest line.
fn search(
    words: &[&str],
    lines: usize,
    from: usize,
    cuts: &mut Vec<usize>,
    line_width: &dyn Fn(&[&str]) -> u32,
    width: u32,
    found: &mut Vec<(u32, Vec<usize>)>,
) {
    if lines == 1 {
        let mut starts: Vec<usize> = vec![0];
        starts.extend(cuts.iter().copied());
        let mut ends = cuts.clone();
        ends.push(words.len());
        let widest = starts
            .iter()
            .zip(&ends)
            .map(|(&s, &e)| line_width(&words[s..e]))
            .max()
            .unwrap_or(0);
        let fits = starts
            .iter()
            .zip(&ends)
            .all(|(&s, &e)| e - s == 1 || line_width(&words[s..e]) <= width);
        if fits {
            found.push((widest, cuts.clone()));
        }
        return;
    }
    for cut in from + 1..words.len() {
        if words.len() - cut < lines - 1 {
            break;
        }
        cuts.push(cut);
        search(words, lines - 1, cut, cuts, line_width, width, found);
        cuts.pop();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn widths_match_the_font() {
        // Measured with fontTools on LiberationSerif-Bold.ttf (2.1.5):
        // "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" at 13 pt is 271.2 pt.
        assert_eq!(bold_width("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", 26), 5424);
        // "PHÒNG GIÁO DỤC VÀ ĐÀO TẠO" at 13 pt: 202.6 pt.
        assert_eq!(bold_width("PHÒNG GIÁO DỤC VÀ ĐÀO TẠO", 26), 4052);
        assert_eq!(bold_width("", 26), 0);
    }

    #[test]
    fn long_names_break_evenly() {
        // 65 mm = 3685 twips.
        let l = balanced_lines("ỦY BAN NHÂN DÂN HUYỆN THỦ THỪA", 26, 3685);
        assert_eq!(l, ["ỦY BAN NHÂN DÂN", "HUYỆN THỦ THỪA"]);
        let l = balanced_lines(
            "BAN CHỈ ĐẠO XÂY DỰNG XÃ HỘI HỌC TẬP HUYỆN THỦ THỪA",
            26,
            3685,
        );
        assert_eq!(l.len(), 3, "{l:?}");
        assert!(l.iter().all(|x| bold_width(x, 26) <= 3685), "{l:?}");
        // Breaks fall between phrases.
        assert_eq!(
            balanced_lines("PHÒNG GIÁO DỤC VÀ ĐÀO TẠO", 26, 3485),
            ["PHÒNG GIÁO DỤC", "VÀ ĐÀO TẠO"]
        );
        assert_eq!(
            balanced_lines(
                "V/v điều chỉnh hồ sơ tự đánh giá “Đơn vị học tập” năm 2023",
                26,
                3685
            ),
            [
                "V/v điều chỉnh hồ sơ tự đánh giá",
                "“Đơn vị học tập” năm 2023"
            ]
        );
        assert_eq!(
            balanced_lines("PHÒNG GIÁO DỤC VÀ ĐÀO TẠO", 26, 5000),
            ["PHÒNG GIÁO DỤC VÀ ĐÀO TẠO"]
        );
        // A quoted name is not broken.
        let l = balanced_lines(
            "Về việc thành lập Đoàn kiểm tra, đánh giá xếp loại “Đơn vị học tập” trên địa bàn huyện Thủ Thừa năm 2023",
            28,
            8221,
        );
        assert!(l.iter().any(|x| x.contains("“Đơn vị học tập”")), "{l:?}");
        assert_eq!(tokens("a “b c” d"), ["a", "“b c”", "d"]);
        assert_eq!(tokens("“b” c"), ["“b”", "c"]);
        // An unclosed quotation mark does not swallow the rest.
        assert_eq!(tokens("“a b c d e f g h").len(), 4);
        // A word wider than the line is kept whole.
        assert_eq!(balanced_lines("A WWWWWWWWWW", 26, 500).len(), 2);
        assert!(balanced_lines("   ", 26, 500).is_empty());
        // Very long text is filled greedily, every line within the width.
        let long = vec!["HỌC TẬP"; 40].join(" ");
        let l = balanced_lines(&long, 26, 3685);
        assert!(l.iter().all(|x| bold_width(x, 26) <= 3685));
        assert_eq!(l.join(" "), long);
    }
}
