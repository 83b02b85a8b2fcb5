//! The rubric table: its header row (found by its labels, on one or two
//! rows, at any offset), its columns, and its criterion rows (matched by the
//! start of their text, STT as a hint).

use super::grid::{Grid, compact_folded};
use super::values;
use crate::cells::{Addr, CellValue};
use crate::findings::Finding;
use crate::findings::{Expect, Subject};
use crate::form::{Entry, Evidence, Loc, Located};
use crate::rubric::{Rubric, Rule};
use crate::text::fold_ascii;
use crate::value::{Kind, ValueError};
use indexmap::IndexMap;
use rustc_hash::FxHashMap;
use std::cell::RefCell;
use std::rc::Rc;

/// Longest text taken for a header label; longer cells are prose.
const MAX_HEADER_LEN: usize = 80;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ColKind {
    Stt,
    Criterion,
    Max,
    Evidence,
    Percent,
    SelfScore,
    Note,
}

/// What a header cell names.
pub fn classify_header(label: &str) -> Option<ColKind> {
    classify_folded(&fold_ascii(label))
}

/// [`classify_header`] of an already folded label.
fn classify_folded(f: &str) -> Option<ColKind> {
    // Every text cell of every row is asked whether it names a column (to
    // skip a header repeated at a page break): long texts at once, the
    // rest remembered per thread, as forms repeat the same labels.
    if f.len() > 4 * MAX_HEADER_LEN || f.chars().count() > MAX_HEADER_LEN {
        return None;
    }
    thread_local! {
        static KINDS: RefCell<FxHashMap<Box<str>, Option<ColKind>>> =
            RefCell::new(FxHashMap::default());
    }
    KINDS.with_borrow_mut(|memo| {
        if let Some(k) = memo.get(f) {
            return *k;
        }
        let k = classify_short(f);
        if memo.len() >= MAX_MEMO {
            memo.clear();
        }
        memo.insert(f.into(), k);
        k
    })
}

/// [`classify_folded`] of a label of at most [`MAX_HEADER_LEN`] characters.
pub(super) fn classify_short(f: &str) -> Option<ColKind> {
    let c = compact_folded(f);
    if f.contains("tu cham")
        || (f.contains("diem") && f.contains("tu danh gia"))
        || c == "tudanhgia"
    {
        Some(ColKind::SelfScore)
    } else if f.contains("toi da") || f.contains("diem chuan") || f.contains("thang diem") {
        Some(ColKind::Max)
    } else if f.contains("ty le") || f.contains("ti le") || c.is_empty() && f.trim() == "%" {
        Some(ColKind::Percent)
    } else if f.contains("so lieu") || f.contains("minh chung") || c.starts_with("soluong") {
        Some(ColKind::Evidence)
    } else if f.contains("ghi chu") {
        Some(ColKind::Note)
    } else if f.contains("noi dung") || (f.contains("tieu chi") && !f.contains("diem")) {
        Some(ColKind::Criterion)
    } else if matches!(c.as_str(), "stt" | "tt" | "sott" | "sothutu") {
        Some(ColKind::Stt)
    } else {
        None
    }
}

/// The columns of a table, 0-based.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Columns {
    pub stt: Option<u32>,
    pub criterion: u32,
    pub max: Option<u32>,
    pub evidence: Option<u32>,
    pub percent: Option<u32>,
    pub self_score: u32,
    pub note: Option<u32>,
    /// Other columns whose header names the same thing as a chosen one
    /// ("Minh chứng kèm theo" beside "Số liệu", two "Tối đa"): which one
    /// holds the values is settled by the rows ([`settle_columns`]).
    pub alternatives: Vec<(ColKind, u32)>,
}

fn columns_of(labels: &[(u32, String)]) -> Option<Columns> {
    let first = |kind: ColKind| {
        labels
            .iter()
            .find(|(_, t)| classify_folded(t) == Some(kind))
            .map(|(c, _)| *c)
    };
    let self_score = self_score_column(labels)?;
    let stt = first(ColKind::Stt);
    let max = first(ColKind::Max);
    // Without a "Nội dung tiêu chí" label ("Tiêu chuẩn", "Nội dung" typed
    // otherwise), a header with STT or a maximum beside "Điểm tự chấm" still
    // names the table: the criterion is its first column of another name.
    let criterion = match first(ColKind::Criterion) {
        Some(c) => c,
        None if stt.is_some() || max.is_some() => labels
            .iter()
            .find(|(_, t)| classify_folded(t).is_none())
            .map(|(c, _)| *c)?,
        None => return None,
    };
    let mut cols = Columns {
        stt,
        criterion,
        max,
        evidence: first(ColKind::Evidence),
        percent: first(ColKind::Percent),
        self_score,
        note: first(ColKind::Note),
        alternatives: Vec::new(),
    };
    for (c, t) in labels {
        let Some(kind) = classify_folded(t) else {
            continue;
        };
        let chosen = match kind {
            ColKind::Evidence => cols.evidence,
            ColKind::Max => cols.max,
            ColKind::Percent => cols.percent,
            // Several self-scores: only those naming no year compete (a
            // year names last year's scores kept beside).
            ColKind::SelfScore if !t.bytes().any(|b| b.is_ascii_digit()) => Some(cols.self_score),
            _ => None,
        };
        if chosen.is_some_and(|x| x != *c) && !cols.alternatives.contains(&(kind, *c)) {
            cols.alternatives.push((kind, *c));
        }
    }
    Some(cols)
}

/// The "Điểm tự chấm" column. With several (last year's scores kept beside,
/// often hidden), the one naming no year, else the latest year.
fn self_score_column(labels: &[(u32, String)]) -> Option<u32> {
    let year_of = |t: &str| -> Option<u32> {
        t.split(|c: char| !c.is_ascii_digit())
            .filter(|w| w.len() == 4)
            .filter_map(|w| w.parse().ok())
            .max()
    };
    let mut cols: Vec<(u32, Option<u32>)> = Vec::new();
    for (c, t) in labels {
        if classify_folded(t) == Some(ColKind::SelfScore) && !cols.iter().any(|(x, _)| x == c) {
            cols.push((*c, year_of(t)));
        }
    }
    if let Some((c, _)) = cols.iter().find(|(_, y)| y.is_none()) {
        return Some(*c);
    }
    cols.iter()
        .max_by_key(|(c, y)| (*y, std::cmp::Reverse(*c)))
        .map(|(c, _)| *c)
}

/// A header found: its columns and its last row.
#[derive(Debug, Clone, PartialEq)]
pub struct Header {
    pub first_row: u32,
    pub last_row: u32,
    pub cols: Columns,
}

/// Whether a row (alone, or with the row below) is a header row.
pub fn header_at(grid: &Grid, row: u32) -> Option<Header> {
    // Cheap test first: a header row has at least one header cell of its own.
    let own = grid
        .row_texts(row)
        .any(|(_, _, f)| classify_folded(f).is_some() || is_word(f, "diem"));
    if !own {
        return None;
    }
    let one = grid.row_labels(row);
    if let Some(cols) = columns_of(&one) {
        return Some(Header {
            first_row: row,
            last_row: row,
            cols,
        });
    }
    // Only a row that names at least one column may start a two-row header.
    if !one
        .iter()
        .any(|(_, t)| classify_folded(t).is_some() || is_word(t, "diem"))
    {
        return None;
    }
    let two = grid.row_labels(row.checked_add(1)?);
    let mut combined: Vec<(u32, String)> = Vec::new();
    let cols: Vec<u32> = {
        let mut v: Vec<u32> = one.iter().chain(two.iter()).map(|(c, _)| *c).collect();
        v.sort_unstable();
        v.dedup();
        v
    };
    for c in cols {
        let a = one.iter().find(|(x, _)| *x == c).map(|(_, t)| t.as_str());
        let b = two.iter().find(|(x, _)| *x == c).map(|(_, t)| t.as_str());
        let text = match (a, b) {
            (Some(a), Some(b)) if a == b => a.to_string(),
            (Some(a), Some(b)) => format!("{a} {b}"),
            (Some(a), None) => a.to_string(),
            (None, Some(b)) => b.to_string(),
            (None, None) => continue,
        };
        combined.push((c, text));
    }
    columns_of(&combined).map(|cols| Header {
        first_row: row,
        last_row: row + 1,
        cols,
    })
}

/// Whether a folded text is one word ("Điểm", "Điểm:").
fn is_word(f: &str, w: &str) -> bool {
    f.trim_matches(|c: char| !c.is_alphanumeric()) == w
}

/// The first header on a sheet.
pub fn find_header(grid: &Grid) -> Option<Header> {
    grid.rows().into_iter().find_map(|r| header_at(grid, r))
}

/// What a row of the table is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Target {
    /// An item of the rubric, by its index.
    Item(usize),
    Total,
    Classification,
}

/// Folded text for matching: quotes dropped ("“Lao động tiên tiến”" and
/// "Lao động tiên tiến" alike), spaces collapsed.
fn unquote(f: &str) -> String {
    let mut out = String::with_capacity(f.len());
    for c in f.chars() {
        if matches!(c, '"' | '\'' | '“' | '”' | '‘' | '’' | '«' | '»') {
            continue;
        }
        if c == ' ' && (out.is_empty() || out.ends_with(' ')) {
            continue;
        }
        out.push(c);
    }
    out.trim_end().to_string()
}

/// Strips list markers and numbering before a criterion: "a) ", "1. ",
/// "- ", "+ ", "Trong đó: ". Works on ASCII-folded text.
fn strip_marker(s: &str) -> &str {
    let mut t = s.trim_start();
    loop {
        let before = t;
        t = t.trim_start_matches(['-', '+', '*', '•', '–', '—', ' ']);
        if let Some(rest) = t.strip_prefix("trong do") {
            t = rest.trim_start_matches([':', ',', ' ']);
        }
        // A short token ending in "." or ")" : "a.", "1)", "3a.", "ii.".
        if let Some(end) = t.find([' ', '.', ')']) {
            let (tok, rest) = t.split_at(end);
            let is_marker = !tok.is_empty()
                && tok.len() <= 4
                && tok.chars().all(|c| c.is_ascii_alphanumeric())
                && (rest.starts_with('.') || rest.starts_with(')'));
            if is_marker {
                t = rest[1..].trim_start();
            }
        }
        if t == before {
            return t;
        }
    }
}

/// How well a criterion text matches a target: a start match beats any
/// match inside the text; longer phrases beat shorter ones. 0 = no match.
fn match_score(text: &str, phrases: &[Phrase]) -> (u32, bool) {
    let mut start = 0usize;
    let mut inside = 0usize;
    for Phrase { text: p, finder } in phrases {
        if p.len() < 4 {
            continue;
        }
        if text.starts_with(p.as_str()) {
            start = start.max(p.len());
        } else if let Some(finder) = finder
            && p.len() < text.len()
            && finder.find(text.as_bytes()).is_some()
        {
            inside = inside.max(p.len());
        }
    }
    if start > 0 {
        (1000 + start as u32, true)
    } else {
        (inside as u32, false)
    }
}

/// Common prefix of two ASCII-folded texts, counted up to the last whole
/// word they share.
fn common_words(a: &str, b: &str) -> usize {
    let mut last_space = 0;
    let mut n = 0;
    for (x, y) in a.chars().zip(b.chars()) {
        if x != y {
            return last_space;
        }
        n += x.len_utf8();
        if x == ' ' {
            last_space = n;
        }
    }
    // One text ended: the shorter one is a prefix of the other.
    if a.len() == b.len() || a[n..].starts_with(' ') || b[n..].starts_with(' ') {
        n
    } else {
        last_space
    }
}

/// The folded phrases by which each target is recognised.
/// A folded phrase of the rubric, with a searcher built once for the
/// phrases long enough (12 bytes) to be looked for inside a text.
struct Phrase {
    text: String,
    finder: Option<memchr::memmem::Finder<'static>>,
}

impl Phrase {
    fn new(text: String) -> Phrase {
        let finder =
            (text.len() >= 12).then(|| memchr::memmem::Finder::new(text.as_bytes()).into_owned());
        Phrase { text, finder }
    }
}

pub struct Matcher {
    items: Vec<(Target, Vec<Phrase>, String, Option<String>)>,
    /// Per target, the longest start its full text shares with another
    /// item's ("100% thành viên trong đơn vị " for 2a–2d and 3a): a row
    /// sharing only that much names none of them.
    shared: Vec<usize>,
    /// Answers already given, by STT and text: forms are copies of one
    /// template, so the same rows come in every file. Bounded (emptied
    /// when full); a matcher lives in one thread ([`Matcher::cached`]).
    memo: RefCell<FxHashMap<String, Vec<(u32, Target)>>>,
}

/// Most answers a matcher remembers.
const MAX_MEMO: usize = 20_000;

impl Matcher {
    /// The matcher of a rubric, built once per thread and rubric: folding
    /// every phrase of the rubric cost more than matching a form's rows.
    pub fn cached(rubric: &Rubric) -> Rc<Matcher> {
        thread_local! {
            static CACHE: RefCell<Option<(Rubric, Rc<Matcher>)>> = const { RefCell::new(None) };
        }
        CACHE.with(|cache| {
            let mut cache = cache.borrow_mut();
            if let Some((r, m)) = cache.as_ref()
                && r == rubric
            {
                return Rc::clone(m);
            }
            let m = Rc::new(Matcher::new(rubric));
            *cache = Some((rubric.clone(), Rc::clone(&m)));
            m
        })
    }

    pub fn new(rubric: &Rubric) -> Matcher {
        let mut items = Vec::new();
        for (i, item) in rubric.items.iter().enumerate() {
            let mut phrases: Vec<Phrase> = item
                .matches
                .iter()
                .map(|m| Phrase::new(unquote(&fold_ascii(m))))
                .collect();
            phrases.push(Phrase::new(unquote(&fold_ascii(&item.text))));
            items.push((
                Target::Item(i),
                phrases,
                unquote(&fold_ascii(&item.text)),
                item.stt.as_ref().map(|s| fold_ascii(s)),
            ));
        }
        let total = ["tong cong", "tong diem", "tong so diem", "cong"];
        items.push((
            Target::Total,
            total.iter().map(|s| Phrase::new(s.to_string())).collect(),
            String::new(),
            None,
        ));
        items.push((
            Target::Classification,
            vec![Phrase::new("xep loai".to_string())],
            String::new(),
            None,
        ));
        let shared = items
            .iter()
            .enumerate()
            .map(|(i, (_, _, full, _))| {
                items
                    .iter()
                    .enumerate()
                    .filter(|(j, (_, _, other, _))| *j != i && !other.is_empty())
                    .map(|(_, (_, _, other, _))| common_words(full, other))
                    .max()
                    .unwrap_or(0)
            })
            .collect();
        Matcher {
            items,
            shared,
            memo: RefCell::new(FxHashMap::default()),
        }
    }

    /// Candidate targets of a folded criterion text, best first; `stt` is
    /// the folded STT cell of the row.
    pub fn candidates(&self, folded: &str, stt: Option<&str>) -> Vec<(u32, Target)> {
        let mut key = String::with_capacity(folded.len() + 8);
        match stt {
            Some(s) => {
                key.push_str(s);
                key.push('\u{0}');
            }
            None => key.push('\u{1}'),
        }
        key.push_str(folded);
        if let Some(v) = self.memo.borrow().get(&key) {
            return v.clone();
        }
        let v = self.candidates_uncached(folded, stt);
        let mut memo = self.memo.borrow_mut();
        if memo.len() >= MAX_MEMO {
            memo.clear();
        }
        memo.insert(key, v.clone());
        v
    }

    pub(super) fn candidates_uncached(
        &self,
        folded: &str,
        stt: Option<&str>,
    ) -> Vec<(u32, Target)> {
        let unquoted = unquote(folded);
        let t = strip_marker(&unquoted);
        let stt = stt.map(|s| s.trim_matches(|c: char| !c.is_alphanumeric()));
        let mut out = Vec::new();
        let mut any_start = false;
        for (k, (target, phrases, full, item_stt)) in self.items.iter().enumerate() {
            let (mut score, mut start) = match_score(t, phrases);
            if !full.is_empty() {
                let common = common_words(t, full);
                let shared = self.shared.get(k).copied().unwrap_or(0);
                if common >= 12 && common > shared && 1000 + common as u32 > score {
                    score = 1000 + common as u32;
                    start = true;
                }
            }
            if matches!(target, Target::Total | Target::Classification) {
                // "Cộng" alone, "Tổng cộng …", "Xếp loại": the whole start.
                if !start {
                    continue;
                }
                if t.starts_with("cong") && t != "cong" && !t.starts_with("cong:") {
                    continue;
                }
            }
            if score == 0 {
                continue;
            }
            if let (Some(s), Some(i)) = (stt, item_stt)
                && !s.is_empty()
                && s == i
            {
                score += 3;
            }
            any_start |= start;
            out.push((score, start, *target));
        }
        if any_start {
            out.retain(|(_, start, _)| *start);
        }
        out.sort_by(|a, b| b.0.cmp(&a.0).then(a.2.cmp(&b.2)));
        out.into_iter().map(|(s, _, t)| (s, t)).collect()
    }
}

/// A table row matched to a target.
#[derive(Debug, Clone)]
pub struct RowMatch {
    pub row: u32,
    pub label: Addr,
    pub target: Target,
}

/// Matches every row below the header; each target goes to its best row,
/// each row to one target.
pub fn match_rows(grid: &Grid, header: &Header, matcher: &Matcher) -> Vec<RowMatch> {
    let cols = &header.cols;
    let mut value_cols = vec![
        Some(cols.self_score),
        cols.max,
        cols.evidence,
        cols.percent,
        cols.note,
    ];
    value_cols.extend(cols.alternatives.iter().map(|(_, c)| Some(*c)));
    let mut all: Vec<(u32, usize, Target, u32, Addr)> = Vec::new();
    for row in grid.rows() {
        if row <= header.last_row || header_at(grid, row).is_some() {
            continue;
        }
        let stt: Option<String> =
            cols.stt
                .and_then(|c| grid.shown(Addr::new(row, c)))
                .map(|(a, v)| match grid.folded_at(a) {
                    Some(f) => f.to_string(),
                    None => v.display(),
                });
        // Texts that may hold the criterion: its column first, then any
        // other text cell of the row outside the value columns.
        let mut texts: Vec<(Addr, &str)> = Vec::new();
        if let Some((a, _)) = grid.shown_in_row(Addr::new(row, cols.criterion))
            && let Some(f) = grid.folded_at(a)
        {
            texts.push((a, f));
        }
        for (a, _, f) in grid.row_texts(row) {
            if !value_cols.contains(&Some(a.col)) && !texts.iter().any(|(x, _)| *x == a) {
                texts.push((a, f));
            }
        }
        let mut best: Vec<(u32, Target, Addr)> = Vec::new();
        for (addr, text) in &texts {
            for (score, target) in matcher.candidates(text, stt.as_deref()) {
                match best.iter_mut().find(|(_, t, _)| *t == target) {
                    Some(b) if b.0 >= score => {}
                    Some(b) => *b = (score, target, *addr),
                    None => best.push((score, target, *addr)),
                }
            }
        }
        let ends = best.iter().any(|(_, t, _)| *t == Target::Classification);
        for (score, target, addr) in best {
            all.push((score, row as usize, target, row, addr));
        }
        // "Xếp loại" closes the table: what follows (the dossier list, notes,
        // Phụ lục 1 on the same sheet) is not a criterion row.
        if ends {
            break;
        }
    }
    all.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)).then(a.2.cmp(&b.2)));
    let mut used_rows = std::collections::HashSet::new();
    let mut used_targets = std::collections::HashSet::new();
    let mut out = Vec::new();
    for (_, _, target, row, addr) in all {
        if used_rows.contains(&row) || used_targets.contains(&target) {
            continue;
        }
        used_rows.insert(row);
        used_targets.insert(target);
        out.push(RowMatch {
            row,
            label: addr,
            target,
        });
    }
    out.sort_by_key(|m| m.target);
    out
}

/// A column chosen by its header alone where another of the same name
/// holds the values: for each kind with alternatives, the column with the
/// most filled cells on the criterion rows wins (the header's first choice
/// among equals). "Minh chứng kèm theo" left empty beside a filled "Số
/// liệu" reads "Số liệu"; an empty "Điểm tự chấm" beside a filled one
/// reads the filled one.
pub fn settle_columns(grid: &Grid, header: &mut Header, rows: &[RowMatch]) {
    let cols = &mut header.cols;
    if cols.alternatives.is_empty() {
        return;
    }
    let filled = |c: u32| {
        rows.iter()
            .filter(|m| matches!(m.target, Target::Item(_)))
            .filter(|m| {
                grid.shown_in_row(Addr::new(m.row, c))
                    .is_some_and(|(_, v)| !matches!(v, CellValue::Text(t) if t.trim().is_empty()))
            })
            .count()
    };
    for kind in [
        ColKind::Evidence,
        ColKind::Max,
        ColKind::Percent,
        ColKind::SelfScore,
    ] {
        let chosen = match kind {
            ColKind::Evidence => cols.evidence,
            ColKind::Max => cols.max,
            ColKind::Percent => cols.percent,
            _ => Some(cols.self_score),
        };
        let Some(chosen) = chosen else { continue };
        let mut best = (filled(chosen), chosen);
        for &(k, c) in &cols.alternatives {
            if k == kind {
                let n = filled(c);
                if n > best.0 {
                    best = (n, c);
                }
            }
        }
        let swap = best.1;
        if swap == chosen {
            continue;
        }
        cols.alternatives
            .retain(|&(k, c)| !(k == kind && c == swap));
        cols.alternatives.push((kind, chosen));
        match kind {
            ColKind::Evidence => cols.evidence = Some(swap),
            ColKind::Max => cols.max = Some(swap),
            ColKind::Percent => cols.percent = Some(swap),
            _ => cols.self_score = swap,
        }
    }
}

/// The table's entries and written classification.
pub struct TableRead {
    pub entries: IndexMap<String, Entry>,
    pub classification: Option<Located<String>>,
}

/// Reads the values of the matched rows.
pub fn read_table(
    rubric: &Rubric,
    grid: &Grid,
    header: &Header,
    rows: &[RowMatch],
    findings: &mut Vec<Finding>,
) -> TableRead {
    let cols = &header.cols;
    let sheet = grid.name();
    let loc = |row: u32, col: u32| Loc::new(sheet, Addr::new(row, col));
    let mut entries = IndexMap::new();
    let mut classification = None;
    let fractions = cols
        .percent
        .is_some_and(|c| percent_column_holds_fractions(grid, c, rows));
    for m in rows {
        let (id, item) = match m.target {
            Target::Item(i) => match rubric.items.get(i) {
                Some(item) => (item.id.clone(), Some(item)),
                None => continue,
            },
            Target::Total => ("total".to_string(), None),
            Target::Classification => {
                classification = read_classification(grid, header, m, findings);
                continue;
            }
        };
        let mut e = Entry::new(&id, Loc::new(sheet, m.label));
        let self_loc = loc(m.row, cols.self_score);
        let what = Subject::SelfScore(id.clone());
        if let Some((_, v)) = grid.shown_in_row(self_loc.addr) {
            // "9,5/10": the score out of the criterion's maximum.
            let out_of_max = match (v, item) {
                (CellValue::Text(s), Some(item)) => values::score_out_of(s, item.max),
                _ => None,
            };
            e.self_score = match out_of_max {
                Some(d) => Some(Located::new(d, self_loc.clone())),
                None => values::number(v, &self_loc, Kind::Score, &what, findings),
            };
        }
        e.self_cell = Some(self_loc);
        if let Some(c) = cols.max
            && let Some((_, v)) = grid.shown_in_row(Addr::new(m.row, c))
        {
            // The written maximum is the plan's constant: unreadable ones are
            // simply not used (check compares the readable ones).
            if let Ok(Some(d)) = crate::value::parse(v, Kind::Score) {
                e.written_max = Some(Located::new(d, loc(m.row, c)));
            }
        }
        if let Some(c) = cols.percent
            && let Some((_, v)) = grid.shown_in_row(Addr::new(m.row, c))
        {
            let as_fraction;
            let v = match v {
                CellValue::Number { value, .. } if fractions => {
                    as_fraction = CellValue::Number {
                        value: *value,
                        percent: true,
                    };
                    &as_fraction
                }
                v => v,
            };
            e.percent = values::number(
                v,
                &loc(m.row, c),
                Kind::Percent,
                &Subject::Percent(id.clone()),
                findings,
            );
        }
        if let (Some(item), Some(c)) = (item, cols.evidence)
            && let Some((_, v)) = grid.shown_in_row(Addr::new(m.row, c))
        {
            let at = loc(m.row, c);
            let what = Subject::Evidence(id.clone());
            match &item.rule {
                Rule::Group => {}
                Rule::YesNo => {
                    e.evidence = values::yes_no(v, &at, &what, findings)
                        .map(|l| Located::new(Evidence::YesNo(l.value), l.loc));
                }
                Rule::DeductPerMissing { .. }
                | Rule::PercentSteps { .. }
                | Rule::PerUnit { .. } => {
                    // "94%" typed as the evidence of a member count is the percentage.
                    let pct_text = matches!(v, CellValue::Text(s) if s.trim_end().ends_with('%'));
                    if pct_text && item.rule.is_member_count() {
                        if e.percent.is_none() {
                            e.percent = values::number(v, &at, Kind::Percent, &what, findings);
                        }
                    } else {
                        // "47/50": 47 of the 50 members.
                        let ratio = match v {
                            CellValue::Text(s) if item.rule.is_member_count() => {
                                values::count_of_ratio(s)
                            }
                            _ => None,
                        };
                        e.evidence = match ratio {
                            Some(c) => Some(Located::new(c, at.clone())),
                            None => values::number(v, &at, Kind::Count, &what, findings),
                        }
                        .map(|l| Located::new(Evidence::Count(l.value), l.loc));
                    }
                }
            }
        }
        entries.insert(id, e);
    }
    // Rubric order, the total last.
    let order = |id: &str| {
        rubric
            .items
            .iter()
            .position(|i| i.id == id)
            .unwrap_or(usize::MAX)
    };
    entries.sort_by(|a, _, b, _| order(a).cmp(&order(b)));
    TableRead {
        entries,
        classification,
    }
}

/// Whether the "Tỷ lệ" column holds fractions shown as percentages (0.94
/// for 94 %) although the file gives no number formats (.xls and .ods are
/// read without them): no cell is flagged as a percentage, every number is
/// within 0–1 and at least one lies strictly between.
fn percent_column_holds_fractions(grid: &Grid, col: u32, rows: &[RowMatch]) -> bool {
    let one = rust_decimal::Decimal::ONE;
    let mut numbers = rows
        .iter()
        .filter_map(|m| match grid.get(Addr::new(m.row, col)) {
            Some(CellValue::Number { value, percent }) => Some((*value, *percent)),
            _ => None,
        });
    let mut any_between = false;
    let all_fit = numbers.all(|(v, percent)| {
        any_between |= v > rust_decimal::Decimal::ZERO && v < one;
        !percent && v >= rust_decimal::Decimal::ZERO && v <= one
    });
    all_fit && any_between
}

/// The text written for "Xếp loại": after its colon, in the self-score
/// column, or the next filled cell to its right.
fn read_classification(
    grid: &Grid,
    header: &Header,
    m: &RowMatch,
    findings: &mut Vec<Finding>,
) -> Option<Located<String>> {
    let sheet = grid.name();
    if let Some(CellValue::Text(s)) = grid.get(m.label)
        && let Some(rest) = values::after_colon(s)
    {
        return Some(Located::new(rest.to_string(), Loc::new(sheet, m.label)));
    }
    let self_addr = Addr::new(m.row, header.cols.self_score);
    let found = match grid.shown_in_row(self_addr) {
        Some((a, v)) if a != m.label && !super::grid::is_blank(v) => Some((a, v)),
        _ => grid.right_of(m.label),
    };
    let (addr, v) = found?;
    let loc = Loc::new(sheet, addr);
    let err = match v {
        CellValue::FormulaNoValue { formula } => ValueError::FormulaNoValue(formula.clone()),
        CellValue::Error(e) => ValueError::ErrorValue(e.clone()),
        // A number beside "Xếp loại" is the total written again, not a band.
        CellValue::Number { .. } => return None,
        v => {
            let text = v.display().trim().to_string();
            return (!text.is_empty()).then(|| Located::new(text, loc));
        }
    };
    findings.push(values::value_finding(
        &loc,
        &Subject::Classification,
        &err,
        Expect::Band,
    ));
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn header_labels() {
        assert_eq!(classify_header("Điểm tự chấm"), Some(ColKind::SelfScore));
        assert_eq!(classify_header("Diem tu cham"), Some(ColKind::SelfScore));
        assert_eq!(classify_header("Điểm số tối đa"), Some(ColKind::Max));
        assert_eq!(
            classify_header("Nội dung tiêu chí"),
            Some(ColKind::Criterion)
        );
        assert_eq!(classify_header("STT"), Some(ColKind::Stt));
        assert_eq!(classify_header("Số liệu"), Some(ColKind::Evidence));
        assert_eq!(classify_header("Tỷ lệ (%)"), Some(ColKind::Percent));
        assert_eq!(classify_header("Ghi chú"), Some(ColKind::Note));
        assert_eq!(classify_header("Đơn vị tính"), None);
        assert_eq!(classify_header("Điểm chuẩn"), Some(ColKind::Max));
        assert_eq!(classify_header("Tự đánh giá"), Some(ColKind::SelfScore));
        assert_eq!(
            classify_header("Điểm đơn vị tự chấm"),
            Some(ColKind::SelfScore)
        );
        assert_eq!(classify_header("Các tiêu chí"), Some(ColKind::Criterion));
        assert_eq!(classify_header("Số lượng (người)"), Some(ColKind::Evidence));
        assert_eq!(classify_header("Điểm tiêu chí"), None);
    }

    #[test]
    fn markers_are_stripped() {
        assert_eq!(strip_marker("a) don vi co"), "don vi co");
        assert_eq!(strip_marker("1. cac dieu kien"), "cac dieu kien");
        assert_eq!(strip_marker("- trong do: co y thuc"), "co y thuc");
        assert_eq!(strip_marker("100% thanh vien"), "100% thanh vien");
        assert_eq!(strip_marker("3a. 100% thanh"), "100% thanh");
    }

    fn best(m: &Matcher, rubric: &Rubric, text: &str) -> Option<String> {
        m.candidates(&fold_ascii(text), None)
            .first()
            .map(|(_, t)| match t {
                Target::Item(i) => rubric.items[*i].id.clone(),
                Target::Total => "total".into(),
                Target::Classification => "class".into(),
            })
    }

    #[test]
    fn criteria_are_told_apart() {
        let r = Rubric::builtin();
        let m = Matcher::new(&r);
        let cases = [
            (
                "100% thành viên trong đơn vị đạt từ danh hiệu “Lao động tiên tiến” trở lên (Giảm 10% trừ 0,5 điểm)",
                "2d",
            ),
            (
                "Đơn vị đạt từ danh hiệu “Tập thể lao động tiên tiến” trở lên",
                "3b",
            ),
            ("Có ý thức tuân thủ pháp luật; thực hiện quyền", "3a1"),
            (
                "100% thanh vien trong don vi tuan thu ky luat lao dong",
                "2b",
            ),
            ("Trong đó: Có ý thức tuân thủ pháp luật", "3a1"),
            ("c) Đơn vị quan tâm đầu tư các nguồn lực", "1c"),
            ("TỔNG CỘNG SỐ ĐIỂM TỐI ĐA", "total"),
            ("Cộng", "total"),
            ("Xếp loại:", "class"),
            (
                "Tôn trọng và thực hiện bình đẳng giới (Không có chấm 0 điểm)",
                "3a7",
            ),
            (
                "3. Đánh giá hiệu quả, tác động của xây dựng “Đơn vị học tập”",
                "3",
            ),
            (
                "100% thành viên trong đơn vị đáp ứng đầy đủ các năng lực",
                "3a",
            ),
        ];
        for (text, want) in cases {
            assert_eq!(best(&m, &r, text).as_deref(), Some(want), "{text}");
        }
        assert_eq!(best(&m, &r, "Cộng hòa xã hội chủ nghĩa Việt Nam"), None);
        assert_eq!(best(&m, &r, "Ghi chú: điểm tự chấm"), None);
    }
}
