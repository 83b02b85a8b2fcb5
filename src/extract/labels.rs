//! Values found by their labels, the value to the right: unit name, year,
//! total members, Phụ lục 1 figures, the dossier checklist.

use super::grid::{Grid, compact, compact_folded, is_blank, is_placeholder};
use super::values;
use crate::cells::{Addr, CellValue};
use crate::findings::Finding;
use crate::findings::Subject;
use crate::form::{DossierDoc, Loc, Located, Pl1Field};

use crate::value::Kind;
use indexmap::IndexMap;
use rust_decimal::Decimal;

/// The rows of the rubric table on its sheet: labels there are criteria,
/// not Phụ lục 1 figures or dossier items ("Cam kết học tập suốt đời" is both).
#[derive(Debug, Clone, Copy)]
pub struct TableSpan<'a> {
    pub sheet: &'a str,
    pub first_row: u32,
    pub last_row: u32,
}

impl TableSpan<'_> {
    fn holds(&self, sheet: &str, addr: Addr) -> bool {
        sheet == self.sheet && self.first_row <= addr.row && addr.row <= self.last_row
    }
}

/// Trims a typed name: spaces, placeholder dots, underscores.
fn clean_name(s: &str) -> Option<String> {
    let t = s
        .trim()
        .trim_matches(|c: char| {
            c.is_whitespace() || matches!(c, '.' | '…' | '_' | ':' | '-' | '–' | ',' | ';')
        })
        .trim();
    (!t.is_empty() && !is_placeholder(t)).then(|| t.to_string())
}

/// The name part of "Phòng Tư pháp   Năm: 2023": the words before another
/// label of the form written on the same line.
fn cut_at_next_label(s: &str) -> String {
    let Some(colon) = s.find(':') else {
        return s.to_string();
    };
    let head = &s[..colon];
    let words: Vec<&str> = head.split_whitespace().collect();
    let folded: Vec<String> = words.iter().map(|w| crate::text::fold_ascii(w)).collect();
    // Labels of several words anywhere; "Năm" only right before the colon
    // ("Trường Mầm non Năm Căn   Năm: 2023").
    const LABELS: &[&[&str]] = &[
        &["tong", "so"],
        &["so", "thanh", "vien"],
        &["dia", "chi"],
        &["dien", "thoai"],
        &["so", "dien", "thoai"],
    ];
    let n = folded.len();
    let at = (0..n).find(|&i| {
        LABELS.iter().any(|l| {
            folded
                .get(i..i + l.len())
                .is_some_and(|w| w.iter().zip(l.iter()).all(|(a, b)| a == b))
        }) || (i + 1 == n && folded.get(i).is_some_and(|w| w == "nam" || w == "email"))
    });
    match at {
        Some(i) => words[..i].join(" "),
        None => s.to_string(),
    }
}

/// "Đơn vị:" (also "I. Đơn vị:", "Tên đơn vị:", "Cơ quan, đơn vị:"): the
/// text after the colon, or the next filled cell to the right.
pub fn unit_name(grids: &[&Grid]) -> Option<Located<String>> {
    for grid in grids {
        for (addr, s, f) in grid.texts() {
            let Some((b, _)) = f.split_once(':') else {
                continue;
            };
            let b = b.trim_end();
            // "Đơn vị:", "I. Đơn vị:", "Tên đơn vị:", and a title run into
            // the label in one cell ("… NĂM 2023 I. Đơn vị:").
            if !b.ends_with("don vi") || b.len() > 300 {
                continue;
            }
            let after = s.split_once(':').map(|x| x.1).unwrap_or("");
            let loc = Loc::new(grid.name(), addr);
            let first_line = after.lines().next().unwrap_or("");
            if let Some(name) = clean_name(&cut_at_next_label(first_line)) {
                return Some(Located::new(name, loc));
            }
            if let Some((addr, v)) = grid.right_of(addr)
                && let Some(name) = clean_name(&v.display())
            {
                return Some(Located::new(name, Loc::new(grid.name(), addr)));
            }
        }
    }
    None
}

/// A year 1990–2100 after the word "năm" in folded text ("nam 2023", "nam: 2023").
fn year_in(folded: &str) -> Option<i32> {
    let bytes = folded.as_bytes();
    let mut from = 0;
    while let Some(pos) = folded[from..].find("nam") {
        let at = from + pos;
        from = at + 3;
        if at > 0 && bytes[at - 1].is_ascii_alphanumeric() {
            continue;
        }
        let rest = folded[at + 3..].trim_start_matches([' ', ':', '.']);
        let digits: String = rest.chars().take_while(|c| c.is_ascii_digit()).collect();
        if digits.len() == 4
            && let Ok(y) = digits.parse::<i32>()
            && (1990..=2100).contains(&y)
        {
            return Some(y);
        }
    }
    None
}

/// "NĂM 2023" in the title (above the table), "Năm: 2023", or a "Năm"
/// label with the year in the next cell.
pub fn year(grids: &[&Grid], title_rows_below: Option<u32>) -> Option<Located<i32>> {
    let mut later: Option<Located<i32>> = None;
    for (gi, grid) in grids.iter().enumerate() {
        for (addr, _, f) in grid.texts() {
            let loc = Loc::new(grid.name(), addr);
            let found = if f.contains("hoi vien") || f.contains("ngay") {
                // "Tổng số hội viên năm 2022", "ngày … tháng … năm 2023".
                None
            } else if let Some(y) = year_in(f) {
                Some(Located::new(y, loc))
            } else if compact_folded(f) == "nam" {
                grid.right_of(addr).and_then(|(a, v)| {
                    year_of_value(v).map(|y| Located::new(y, Loc::new(grid.name(), a)))
                })
            } else {
                None
            };
            let Some(found) = found else { continue };
            let in_title = gi == 0 && title_rows_below.is_none_or(|limit| addr.row < limit);
            if in_title {
                return Some(found);
            }
            if later.is_none() {
                later = Some(found);
            }
        }
    }
    later
}

fn year_of_value(v: &CellValue) -> Option<i32> {
    let d = crate::value::parse(v, Kind::Plain).ok()??;
    let y: i32 = d.to_string().parse().ok()?;
    (1990..=2100).contains(&y).then_some(y)
}

/// A number after a label: in the label cell after its colon (up to a
/// second label such as "thành tiền"), else the next filled cell to the right.
fn value_after(
    grid: &Grid,
    addr: Addr,
    text: &str,
    kind: Kind,
    what: &Subject,
    findings: &mut Vec<Finding>,
) -> Option<Located<Decimal>> {
    let loc = Loc::new(grid.name(), addr);
    if let Some(rest) = values::after_colon(text) {
        let first = split_second(rest).0;
        // "Tổng thu: (tiền mặt và hiện vật …)" explains; it holds no value.
        if starts_with_number(first) {
            return values::number(
                &CellValue::Text(first.to_string()),
                &loc,
                kind,
                what,
                findings,
            );
        }
    }
    let (a, v) = grid.right_of(addr)?;
    // A second label to the right ("thành tiền:") is not a value.
    if let CellValue::Text(s) = v
        && is_amount_label(s)
    {
        return None;
    }
    values::number(v, &Loc::new(grid.name(), a), kind, what, findings)
}

/// Whether the text after a label is a value ("45", "540.000đ", "-3")
/// rather than the form's explanation ("tăng, giảm, nguyên nhân",
/// "(tiền mặt và hiện vật quy thành tiền)").
fn starts_with_number(s: &str) -> bool {
    s.trim_start()
        .trim_start_matches(['-', '+'])
        .starts_with(|c: char| c.is_ascii_digit())
}

/// Splits "45, thành tiền: 540.000" into the first value and the text of
/// the "thành tiền" part, if any.
fn split_second(s: &str) -> (&str, Option<&str>) {
    let lower = s.to_lowercase();
    for key in ["thành tiền", "thanh tien"] {
        if let Some(pos) = lower.find(key)
            && s.is_char_boundary(pos)
        {
            let first = s[..pos].trim().trim_end_matches([',', ';', ' ']).trim();
            return (first, Some(&s[pos..]));
        }
    }
    (s.trim(), None)
}

fn is_amount_label(s: &str) -> bool {
    compact(s).starts_with("thanhtien")
}

/// The amount that goes with a count on the same line ("…, thành tiền:
/// 540.000"): in the same cell, or a "thành tiền" cell to the right.
fn amount_after(
    grid: &Grid,
    addr: Addr,
    text: &str,
    what: &Subject,
    findings: &mut Vec<Finding>,
) -> Option<Located<Decimal>> {
    let mut mentions = false;
    let mut count_in_cell = false;
    if let Some(rest) = values::after_colon(text)
        && let (first, Some(second)) = split_second(rest)
    {
        mentions = true;
        count_in_cell = starts_with_number(first);
        if let Some(v) = values::after_colon(second)
            && starts_with_number(v)
        {
            let loc = Loc::new(grid.name(), addr);
            return values::number(
                &CellValue::Text(v.to_string()),
                &loc,
                Kind::Money,
                what,
                findings,
            );
        }
    }
    let row = grid.row(addr.row);
    if let Some(label) = row.iter().find(|c| {
        c.addr.col > addr.col && matches!(&c.value, CellValue::Text(s) if is_amount_label(s))
    }) && let CellValue::Text(s) = &label.value
    {
        return value_after(grid, label.addr, s, Kind::Money, what, findings);
    }
    if !mentions {
        return None;
    }
    // "…: ….., thành tiền" with the count and then the amount to the right.
    let (first, v) = grid.right_of(addr)?;
    let (a, v) = if count_in_cell {
        (first, v)
    } else {
        grid.right_of(first)?
    };
    values::number(v, &Loc::new(grid.name(), a), Kind::Money, what, findings)
}

/// Which Phụ lục 1 figure a label names, and the amount field on the same
/// line, if any. `year` tells "hội viên năm 2022" from "năm 2023".
fn pl1_label(folded: &str, year: Option<i32>) -> Option<(Pl1Field, Option<Pl1Field>)> {
    let c = compact_folded(folded.split(':').next().unwrap_or(""));
    if c.len() > 120 {
        return None;
    }
    let has = |k: &str| c.contains(k);
    use Pl1Field::*;
    Some(
        if c.starts_with("tongsocb") || c.starts_with("tongsocanbo") {
            (Staff, None)
        } else if has("hoivienlaangvien") || has("hoivienladangvien") {
            (MembersInParty, None)
        } else if has("hoiviendonghoiphi") || has("sohoiviendong") {
            (DuesPayers, Some(DuesAmount))
        } else if c.starts_with("thanhtienhoiphi") || c.starts_with("hoiphithanhtien") {
            (DuesAmount, None)
        } else if has("tongsodangvien") {
            (PartyMembers, None)
        } else if has("tongsohoiviennam") {
            let rest = c.split("tongsohoiviennam").nth(1).unwrap_or("");
            if rest.starts_with("truoc") {
                (MembersLastYear, None)
            } else if rest.starts_with("nay") {
                (Members, None)
            } else {
                let digits: String = rest.chars().take_while(|c| c.is_ascii_digit()).collect();
                let y: i32 = digits.parse().ok()?;
                match year {
                    Some(fy) if y == fy => (Members, None),
                    Some(fy) if y + 1 == fy => (MembersLastYear, None),
                    _ => return None,
                }
            }
        } else if c.starts_with("thanhtienqua") {
            (GiftsAmount, None)
        } else if c.starts_with("thanhtienhocbong") {
            (ScholarshipsAmount, None)
        } else if has("suatqua") {
            (Gifts, Some(GiftsAmount))
        } else if has("suathocbong") {
            (Scholarships, Some(ScholarshipsAmount))
        } else if c.starts_with("tongthu") {
            (Income, None)
        } else if c.starts_with("tongchi") {
            (Expense, None)
        } else if c.starts_with("tonquy") {
            (Balance, None)
        } else {
            return None;
        },
    )
}

fn strip_bullet(s: &str) -> &str {
    s.trim_start_matches(|c: char| c.is_whitespace() || matches!(c, '-' | '+' | '*' | '•' | '–'))
}

/// The Phụ lục 1 figures; the first of each found wins.
pub fn pl1(
    grids: &[&Grid],
    table: TableSpan,
    year: Option<i32>,
    findings: &mut Vec<Finding>,
) -> IndexMap<Pl1Field, Located<Decimal>> {
    let mut out: IndexMap<Pl1Field, Located<Decimal>> = IndexMap::new();
    for grid in grids {
        for (addr, s, f) in grid.texts() {
            if table.holds(grid.name(), addr) {
                continue;
            }
            let s = strip_bullet(s);
            let Some((field, amount)) = pl1_label(strip_bullet(f), year) else {
                continue;
            };
            if out.contains_key(&field) {
                continue;
            }
            let kind = if field.is_money() {
                Kind::Money
            } else {
                Kind::Count
            };
            let what = Subject::Annex(field);
            if let Some(v) = value_after(grid, addr, s, kind, &what, findings) {
                out.insert(field, v);
            }
            if let Some(af) = amount
                && !out.contains_key(&af)
            {
                let what = Subject::Annex(af);
                if let Some(v) = amount_after(grid, addr, s, &what, findings) {
                    out.insert(af, v);
                }
            }
        }
    }
    out.sort_by(|a, _, b, _| a.cmp(b));
    out
}

/// "Tổng số thành viên" (preferred) or "Tổng số CB CC-VC": the value to the right.
pub fn members(
    grids: &[&Grid],
    table: TableSpan,
    findings: &mut Vec<Finding>,
) -> Option<Located<Decimal>> {
    let is_members = |c: &str| c.starts_with("tongsothanhvien") || c.starts_with("sothanhvien");
    // "Tổng số CB CC-VC", "Tổng số CB-GV-NV" (schools), "Tổng số cán bộ …".
    let is_staff = |c: &str| c.starts_with("tongsocb") || c.starts_with("tongsocanbo");
    let what = Subject::Members;
    for pick in [&is_members as &dyn Fn(&str) -> bool, &is_staff] {
        for grid in grids {
            for (addr, s, f) in grid.texts() {
                if table.holds(grid.name(), addr) {
                    continue;
                }
                let s = strip_bullet(s);
                let c = compact_folded(strip_bullet(f).split(':').next().unwrap_or(""));
                if c.len() > 120 || !pick(&c) {
                    continue;
                }
                let mut local = Vec::new();
                let v = value_after(grid, addr, s, Kind::Count, &what, &mut local);
                if v.is_some() || !local.is_empty() {
                    findings.extend(local);
                    return v;
                }
            }
        }
    }
    None
}

/// The folded phrases naming each dossier document.
fn dossier_phrases(doc: DossierDoc) -> &'static [&'static str] {
    match doc {
        DossierDoc::BoardDecision => &["quyet dinh thanh lap ban khuyen hoc"],
        DossierDoc::RegistrationPlan => &[
            "ke hoach trien khai thuc hien dang ky danh hieu",
            "ke hoach dang ky danh hieu",
        ],
        DossierDoc::SelfAssessment => &["bao cao tu danh gia"],
        DossierDoc::SelfStudyPlans => &["ke hoach dang ky tu hoc", "ke hoach tu hoc"],
        DossierDoc::CitizenRegistrations => &[
            "ban dang ky tham gia xay dung mo hinh",
            "dang ky tham gia xay dung mo hinh",
            "dang ky cong dan hoc tap",
        ],
        DossierDoc::LifelongCommitments => {
            &["ban cam ket hoc tap suot doi", "cam ket hoc tap suot doi"]
        }
    }
}

/// Each dossier document's label outside the table, the first found (in
/// the grids' order, cell by cell): the grid's index and the cell.
fn dossier_label_cells(grids: &[&Grid], table: TableSpan) -> IndexMap<DossierDoc, (usize, Addr)> {
    let mut out = IndexMap::new();
    for (gi, grid) in grids.iter().enumerate() {
        for (addr, _, f) in grid.texts() {
            if table.holds(grid.name(), addr) {
                continue;
            }
            let f = strip_bullet(f).trim_start_matches(|c: char| {
                c.is_ascii_digit() || c == '.' || c == ')' || c == ' '
            });
            if f.len() > 200 {
                continue;
            }
            if let Some(doc) = DossierDoc::ALL
                .into_iter()
                .find(|d| dossier_phrases(*d).iter().any(|p| f.starts_with(p)))
            {
                out.entry(doc).or_insert((gi, addr));
            }
        }
    }
    out
}

/// The dossier checklist: each document's mark to the right of its label.
/// `None` when no document label is found at all.
pub fn dossier(
    grids: &[&Grid],
    table: TableSpan,
    findings: &mut Vec<Finding>,
) -> Option<IndexMap<DossierDoc, Option<Located<bool>>>> {
    let labels = dossier_label_cells(grids, table);
    if labels.is_empty() {
        return None;
    }
    let mut found: IndexMap<DossierDoc, Option<Located<bool>>> = IndexMap::new();
    for (doc, (gi, addr)) in labels {
        let Some(grid) = grids.get(gi) else { continue };
        let what = Subject::DossierMark(doc);
        let mark = grid.right_of(addr).and_then(|(a, v)| {
            if is_blank(v) {
                None
            } else {
                values::yes_no(v, &Loc::new(grid.name(), a), &what, findings)
            }
        });
        found.insert(doc, mark);
    }
    Some(
        DossierDoc::ALL
            .into_iter()
            .map(|d| (d, found.get(&d).cloned().flatten()))
            .collect(),
    )
}

/// The cell of each dossier document's label (the first found), as
/// [`dossier`] recognises them.
pub fn dossier_labels(grids: &[&Grid], table: TableSpan) -> IndexMap<DossierDoc, Loc> {
    dossier_label_cells(grids, table)
        .into_iter()
        .filter_map(|(doc, (gi, addr))| Some((doc, Loc::new(grids.get(gi)?.name(), addr))))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::fold_ascii;

    #[test]
    fn years_in_titles() {
        assert_eq!(
            year_in(&fold_ascii("KẾT QUẢ ĐÁNH GIÁ … NĂM 2023")),
            Some(2023)
        );
        assert_eq!(year_in(&fold_ascii("Năm: 2024")), Some(2024));
        assert_eq!(year_in(&fold_ascii("Năm học 2023-2024")), None);
    }

    #[test]
    fn pl1_labels() {
        use Pl1Field::*;
        let y = Some(2023);
        let l = |s: &str| pl1_label(strip_bullet(&fold_ascii(s)), y).map(|p| p.0);
        assert_eq!(
            l("- Tổng số CB CC-VC – người lao động trong cơ quan:...."),
            Some(Staff)
        );
        assert_eq!(l("Tổng số hội viên năm 2022:....."), Some(MembersLastYear));
        assert_eq!(l("Tổng số hội viên năm 2023"), Some(Members));
        assert_eq!(l("Tổng số hội viên năm nay"), Some(Members));
        assert_eq!(
            l("Tổng số hội viên đóng hội phí:....., thành tiền:...."),
            Some(DuesPayers)
        );
        assert_eq!(l("Tổng số Đảng viên:...."), Some(PartyMembers));
        assert_eq!(
            l("Tổng số hội viên là Đảng viên:...."),
            Some(MembersInParty)
        );
        assert_eq!(l("+ Bao nhiêu suất quà:.... , thành tiền"), Some(Gifts));
        assert_eq!(
            l("Tổng thu: (tiền mặt và hiện vật quy thành tiền)"),
            Some(Income)
        );
        assert_eq!(l("Tồn quỹ (đồng)"), Some(Balance));
        assert_eq!(l("Thành tiền hội phí (đồng)"), Some(DuesAmount));
        assert_eq!(l("Tổng số thành viên"), None);
    }

    #[test]
    fn a_name_stops_at_the_next_label() {
        assert_eq!(
            cut_at_next_label(" Trường Mầm non Năm Căn  Năm: 2023"),
            "Trường Mầm non Năm Căn"
        );
        assert_eq!(
            cut_at_next_label(" Phòng Tư pháp   Năm: 2023"),
            "Phòng Tư pháp"
        );
        assert_eq!(
            cut_at_next_label(" Trường TH A - Tổng số thành viên: 50"),
            "Trường TH A -"
        );
        assert_eq!(cut_at_next_label(" Phòng Nội vụ"), " Phòng Nội vụ");
        assert_eq!(
            cut_at_next_label(" Trường Mầm non Năm Căn"),
            " Trường Mầm non Năm Căn"
        );
    }

    #[test]
    fn second_value_on_a_line() {
        assert_eq!(
            split_second("45, thành tiền: 540.000"),
            ("45", Some("thành tiền: 540.000"))
        );
        assert_eq!(split_second("45"), ("45", None));
    }
}
