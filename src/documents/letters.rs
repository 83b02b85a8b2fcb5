//! `check --letters DIR`: one letter (công văn) per unit whose form has
//! findings, telling it what to correct, cell by cell, and by when.
//!
//! A unit is known by the name on its form, as the roster spells it when
//! one is given (two forms of one unit give one letter; a form a newer
//! submission replaced is left out). A file with no unit name to go by (unreadable, no rubric table,
//! the name left blank) gets a letter of its own, named after the file, its
//! addressee left for the office to fill in. Files that are not forms
//! (skipped: lock files, PDFs) get none.

use super::papers::title_year;
use super::{Align, Block, Column, Doc, Issuer, Paper, Settings, Signature, Table, curly_quotes};
use crate::findings::{Code, Finding, Lang, Severity};
use crate::plan::day::Date;
use crate::report::{FileKind, Run, UnitReport};
use crate::text::fold_ascii;
use indexmap::IndexMap;

/// What the letters need besides the run and the settings.
#[derive(Debug, Clone, Default)]
pub struct LetterOptions {
    /// The year of the forms.
    pub year: Option<i32>,
    /// By when to send the corrected form; `None` gives the settings'
    /// number of working days.
    pub deadline: Option<Date>,
    /// The documents' date (seconds since 1970, from the inputs).
    pub created: i64,
}

/// One letter: its file name, its addressee, the document.
#[derive(Debug, Clone)]
pub struct Letter {
    /// "cong-van-phong-tu-phap.docx".
    pub file_name: String,
    /// The unit, or `None` when no form named it.
    pub unit: Option<String>,
    /// Findings listed in it.
    pub findings: usize,
    pub doc: Doc,
}

/// One line of a letter: where, and what to correct.
struct Point<'a> {
    file: String,
    finding: &'a Finding,
}

/// Findings gathered for one addressee, in the order of the run.
struct Gathered<'a> {
    unit: Option<String>,
    files: Vec<String>,
    points: Vec<Point<'a>>,
}

/// The letters of a run, one per unit (or file) with findings, in the
/// order the units first appear.
pub fn letters(s: &Settings, run: &Run, opts: &LetterOptions) -> Vec<Letter> {
    let mut by: IndexMap<String, Gathered> = IndexMap::new();
    for f in &run.files {
        if f.kind == FileKind::Skipped {
            continue;
        }
        let file = file_name(&f.display());
        // A form a newer submission replaced is counted nowhere: its unit
        // hears about the newer one only.
        let current: Vec<&UnitReport> = f
            .units
            .iter()
            .filter(|u| u.superseded_by.is_none())
            .collect();
        let named: Vec<_> = current
            .iter()
            .filter_map(|u| {
                let name = u.display_name()?.trim().to_string();
                (!fold_ascii(&name).is_empty()).then_some((name, *u))
            })
            .collect();
        // Findings about the file, and forms without a name: the file's.
        let mut orphan: Vec<&Finding> = f
            .findings
            .iter()
            .filter(|x| x.code != Code::Skipped)
            .collect();
        for u in current {
            if !named.iter().any(|(_, n)| std::ptr::eq(*n, u)) {
                orphan.extend(u.findings.iter());
            }
        }
        if !orphan.is_empty() {
            let g = by
                .entry(format!("file:{}", f.display()))
                .or_insert_with(|| Gathered {
                    unit: None,
                    files: Vec::new(),
                    points: Vec::new(),
                });
            add(g, &file, orphan);
        }
        for (name, u) in named {
            if u.findings.is_empty() {
                continue;
            }
            let g = by.entry(fold_ascii(&name)).or_insert_with(|| Gathered {
                unit: Some(name.clone()),
                files: Vec::new(),
                points: Vec::new(),
            });
            add(g, &file, u.findings.iter().collect());
        }
    }
    let mut names: Vec<String> = Vec::new();
    by.into_values()
        .map(|g| {
            let stem = match &g.unit {
                Some(u) => format!("cong-van-{}", slug(u)),
                None => format!("cong-van-tep-{}", slug(&g.files[0])),
            };
            let file_name = unique(&mut names, stem);
            Letter {
                file_name,
                unit: g.unit.clone(),
                findings: g.points.len(),
                doc: letter(s, &g, opts),
            }
        })
        .collect()
}

fn add<'a>(g: &mut Gathered<'a>, file: &str, findings: Vec<&'a Finding>) {
    if !g.files.iter().any(|f| f == file) {
        g.files.push(file.to_string());
    }
    g.points.extend(findings.into_iter().map(|finding| Point {
        file: file.to_string(),
        finding,
    }));
}

/// The last part of a path as given ("ho-so/03-phong-tu-phap.xlsx" →
/// "03-phong-tu-phap.xlsx"); a path inside an archive keeps its member.
fn file_name(display: &str) -> String {
    display
        .rsplit(['/', '\\'])
        .next()
        .unwrap_or(display)
        .to_string()
}

/// A file name part of plain letters, digits and dashes, at most 60 long.
pub fn slug(s: &str) -> String {
    let mut out = String::new();
    for c in fold_ascii(s).chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c);
        } else if !out.ends_with('-') && !out.is_empty() {
            out.push('-');
        }
    }
    let mut out: String = out.trim_end_matches('-').chars().take(60).collect();
    while out.ends_with('-') {
        out.pop();
    }
    if out.is_empty() { "don-vi".into() } else { out }
}

/// `stem.docx`, or `stem-2.docx`… when taken.
fn unique(taken: &mut Vec<String>, stem: String) -> String {
    let mut name = format!("{stem}.docx");
    let mut n = 2;
    while taken.contains(&name) {
        name = format!("{stem}-{n}.docx");
        n += 1;
    }
    taken.push(name.clone());
    name
}

/// The message without the "Ô F12 (trang 'X'): " it opens with, when the
/// location is shown beside it.
fn what(f: &Finding) -> String {
    let m = f.message(Lang::Vi).to_string();
    if let (Some(sheet), Some(cell)) = (&f.sheet, &f.cell) {
        let prefix = format!("Ô {cell} (trang '{sheet}'): ");
        if let Some(rest) = m.strip_prefix(&prefix) {
            return curly_quotes(&upper_first(rest));
        }
    }
    curly_quotes(&m)
}

fn upper_first(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}

/// "Ô F12, trang 'Tự đánh giá'" (and the file when the letter covers two).
fn place(p: &Point, several_files: bool) -> String {
    let mut parts = Vec::new();
    if several_files {
        parts.push(format!("Tệp {}", p.file));
    }
    match (&p.finding.sheet, &p.finding.cell) {
        (Some(sh), Some(c)) => parts.push(format!("Ô {c}, trang “{sh}”")),
        (Some(sh), None) => parts.push(format!("Trang “{sh}”")),
        _ if !several_files => parts.push("Cả tệp".into()),
        _ => {}
    }
    parts.join("; ")
}

fn points_table(points: &[&Point], several_files: bool) -> Table {
    Table {
        columns: vec![
            Column::new("STT", 9, Align::Center),
            Column::new("Vị trí", 25, Align::Left),
            Column::new("Nội dung cần điều chỉnh", 68, Align::Left),
        ],
        rows: points
            .iter()
            .enumerate()
            .map(|(i, p)| {
                vec![
                    (i + 1).to_string(),
                    place(p, several_files),
                    what(p.finding),
                ]
            })
            .collect(),
        bold: vec![],
    }
}

fn letter(s: &Settings, g: &Gathered, opts: &LetterOptions) -> Doc {
    let b = s.body_of(Paper::Letters);
    let year = opts.year;
    let title = match year {
        Some(y) => title_year(y),
        None => "“Đơn vị học tập”".to_string(),
    };
    let files = g
        .files
        .iter()
        .map(|f| format!("“{f}”"))
        .collect::<Vec<_>>()
        .join(", ");
    let errors: Vec<&Point> = g
        .points
        .iter()
        .filter(|p| p.finding.severity == Severity::Error)
        .collect();
    let warnings: Vec<&Point> = g
        .points
        .iter()
        .filter(|p| p.finding.severity == Severity::Warning)
        .collect();
    let several = g.files.len() > 1;
    let mut body = vec![Block::Para(format!(
        "{} đã nhận hồ sơ tự đánh giá, xếp loại {} của đơn vị (tệp {files}). Qua kiểm tra, biểu mẫu còn {} nội dung cần điều chỉnh, cụ thể như sau:",
        b.name,
        title,
        super::papers::count_vi(g.points.len())
    ))];
    let mut k = 0;
    for (list, head) in [
        (
            &errors,
            "Nội dung phải sửa (chưa sửa thì chưa chấm điểm đúng được)",
        ),
        (
            &warnings,
            "Nội dung cần xem lại (số liệu chưa khớp; kiểm tra lại và sửa nếu cần)",
        ),
    ] {
        if list.is_empty() {
            continue;
        }
        k += 1;
        body.push(Block::Heading(format!("{k}. {head}:")));
        body.push(Block::Table(points_table(list, several)));
    }
    let by_when = match opts.deadline {
        Some(d) => format!("trước ngày {d}"),
        None => format!(
            "trong thời hạn {} ngày làm việc kể từ ngày nhận được Công văn này",
            super::papers::count_vi(s.letters.days as usize)
        ),
    };
    body.push(Block::Para(format!(
        "Đề nghị đơn vị điều chỉnh các nội dung trên và gửi lại biểu mẫu về {} {by_when} để tổng hợp, trình kiểm tra, công nhận theo Kế hoạch; khi sửa, giữ nguyên các trang tính và vị trí các ô của biểu mẫu./.",
        b.name
    )));
    let addressee = match &g.unit {
        Some(u) => u.clone(),
        None => format!("…………………………………… (đơn vị gửi tệp {files})"),
    };
    let mut recipients = vec!["Như trên".to_string()];
    recipients.extend(s.recipients.get(Paper::Letters).iter().cloned());
    Doc {
        issuer: Issuer {
            superior: b.superior.clone(),
            name: b.name.clone(),
        },
        symbol: b.symbol.clone(),
        place: s.place.clone(),
        year,
        kind: String::new(),
        summary: format!("điều chỉnh hồ sơ tự đánh giá {title}"),
        addressees: vec![addressee],
        body,
        recipients,
        archive: "VT".into(),
        signature: Signature {
            lines: b.signature.clone(),
            title: b.signer_title.clone(),
            name: b.signer.clone(),
        },
        created: opts.created,
        ..Doc::default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_names_are_plain() {
        assert_eq!(slug("Phòng Tư pháp"), "phong-tu-phap");
        assert_eq!(
            slug("Phòng Lao động - Thương binh & Xã hội"),
            "phong-lao-dong-thuong-binh-xa-hoi"
        );
        assert_eq!(slug("///"), "don-vi");
        assert_eq!(slug(&"Đ".repeat(100)).len(), 60);
        let mut taken = Vec::new();
        assert_eq!(unique(&mut taken, "a".into()), "a.docx");
        assert_eq!(unique(&mut taken, "a".into()), "a-2.docx");
        assert_eq!(unique(&mut taken, "a".into()), "a-3.docx");
        assert_eq!(file_name("ho-so/x/03.xlsx"), "03.xlsx");
        assert_eq!(file_name("C:\\ho so\\03.xlsx"), "03.xlsx");
    }
}
