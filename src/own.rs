//! dvht's own workbooks, recognised by their content, whatever their name.
//!
//! A district workbook (or a copy of it under another name), a team
//! workbook of `dvht plan`, a schedule, a result workbook of `dvht
//! finalize` or the blank standard form lying among the forms must never
//! be read as a unit's form (a district workbook holds a scoring table per
//! unit: read as forms it would double every unit). And a command must
//! know whether the file it is about to replace is its own output.
//!
//! Two ways, the first that answers wins:
//! 1. the custom document property [`PROPERTY`] ("dvht") that every writer
//!    of dvht sets with [`mark`] (value [`OwnKind::as_str`]). Excel and
//!    LibreOffice keep custom properties when they save, in .xlsx and in
//!    .ods;
//! 2. the content, for a copy saved by a program that dropped the
//!    property: the fixed sheets of each workbook and the scoring table of
//!    a unit (a header row holding "Mã", "Điểm đề xuất" and "Điểm đoàn kiểm
//!    tra", words of [`crate::workbook::labels`] no unit's form has).
//!
//! The standard form is special: units fill it in and send it back, and
//! the filled copy keeps the property. It is skipped only when nothing has
//! been typed into it ([`is_blank`]).
//!
//! ```
//! use dvht::cells::Workbook;
//! use dvht::own::{classify, OwnKind, PROPERTY};
//! let mut wb = Workbook::default();
//! wb.properties.push((PROPERTY.to_string(), "district".to_string()));
//! assert_eq!(classify(&wb), Some(OwnKind::District));
//! ```

use crate::cells::{CellValue, Sheet, Workbook};
use crate::form::Form;
use crate::template;
use crate::text::fold_ascii;
use crate::workbook::{self, labels};
use std::path::Path;

/// The name of the custom document property dvht writes.
pub const PROPERTY: &str = "dvht";

/// Which of dvht's workbooks a file is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum OwnKind {
    /// The district workbook of `consolidate`.
    District,
    /// A team's workbook of `plan` (its units' scoring sheets).
    Team,
    /// The result workbook of `finalize`.
    Result,
    /// The inspection schedule of `plan`.
    Schedule,
    /// The standard form of `template` (blank, or filled by a unit).
    Template,
}

impl OwnKind {
    pub const ALL: [OwnKind; 5] = [
        OwnKind::District,
        OwnKind::Team,
        OwnKind::Result,
        OwnKind::Schedule,
        OwnKind::Template,
    ];

    /// The property's value: "district", "team", "result", "schedule",
    /// "template".
    pub fn as_str(self) -> &'static str {
        match self {
            OwnKind::District => "district",
            OwnKind::Team => "team",
            OwnKind::Result => "result",
            OwnKind::Schedule => "schedule",
            OwnKind::Template => "template",
        }
    }

    fn parse(s: &str) -> Option<OwnKind> {
        let s = s.trim();
        OwnKind::ALL
            .into_iter()
            .find(|k| k.as_str().eq_ignore_ascii_case(s))
    }

    /// What the workbook is, for messages: ("bảng tổng hợp của huyện",
    /// "the district workbook").
    pub fn describe(self) -> (&'static str, &'static str) {
        match self {
            OwnKind::District => (
                "bảng tổng hợp của huyện do dvht lập",
                "a district workbook written by dvht",
            ),
            OwnKind::Team => (
                "bảng chấm của đoàn kiểm tra do dvht lập",
                "an inspection team's workbook written by dvht",
            ),
            OwnKind::Result => (
                "bảng kết quả do dvht lập",
                "a result workbook written by dvht",
            ),
            OwnKind::Schedule => (
                "lịch kiểm tra do dvht lập",
                "an inspection schedule written by dvht",
            ),
            OwnKind::Template => (
                "biểu mẫu trắng, chưa điền",
                "the blank standard form, not filled in",
            ),
        }
    }
}

/// The document properties with dvht's mark of `kind` added: every writer
/// of an own workbook calls this on its properties.
pub fn mark(
    props: rust_xlsxwriter::DocProperties,
    kind: OwnKind,
) -> rust_xlsxwriter::DocProperties {
    props.set_custom_property(PROPERTY, kind.as_str())
}

/// Which of dvht's workbooks this is, if any: by its property, else by
/// its content.
pub fn classify(wb: &Workbook) -> Option<OwnKind> {
    marked(wb).or_else(|| by_content(wb))
}

/// The kind the property names, if the workbook carries it.
pub fn marked(wb: &Workbook) -> Option<OwnKind> {
    wb.property(PROPERTY).and_then(OwnKind::parse)
}

/// Which of dvht's workbooks this is, judged by its sheets alone.
pub fn by_content(wb: &Workbook) -> Option<OwnKind> {
    let names: Vec<String> = wb.sheets.iter().map(|s| fold_ascii(&s.name)).collect();
    let has = |n: &str| {
        let n = fold_ascii(n);
        names.contains(&n)
    };
    if has(labels::SHEET_RESULT) && has(labels::SHEET_PROPOSED) {
        return Some(OwnKind::Result);
    }
    let scoring = wb.sheets.iter().any(|s| scoring_header(s).is_some());
    if (has(workbook::SHEET_SUMMARY) && has(workbook::SHEET_FILES))
        || (scoring && has(workbook::SHEET_SUMMARY))
    {
        return Some(OwnKind::District);
    }
    if scoring {
        return Some(OwnKind::Team);
    }
    if wb.sheets.iter().any(is_schedule) {
        return Some(OwnKind::Schedule);
    }
    if has(template::SHEET_SELF) && has(template::SHEET_PL1) && has(template::SHEET_DOSSIER) {
        return Some(OwnKind::Template);
    }
    None
}

/// Reads a file and says which of dvht's workbooks it is; `None` for a
/// file that is not one (or cannot be read).
pub fn classify_file(path: &Path) -> Option<OwnKind> {
    crate::read::read_workbook(path)
        .ok()
        .and_then(|wb| classify(&wb))
}

/// The header row of a unit's scoring table on this sheet: the first row
/// holding "Mã", "Điểm đề xuất" and "Điểm đoàn kiểm tra" (searched in the
/// first 50 rows). Its 0-based row.
pub fn scoring_header(sheet: &Sheet) -> Option<u32> {
    let want = [labels::HEAD_ID, labels::HEAD_PROPOSED, labels::HEAD_TEAM].map(fold_ascii);
    let mut row = None;
    let mut seen = [false; 3];
    for c in &sheet.cells {
        if c.addr.row >= 50 {
            break;
        }
        if row != Some(c.addr.row) {
            row = Some(c.addr.row);
            seen = [false; 3];
        }
        let CellValue::Text(t) = &c.value else {
            continue;
        };
        let t = fold_ascii(t);
        for (k, w) in want.iter().enumerate() {
            if t == *w {
                seen[k] = true;
            }
        }
        if seen.iter().all(|s| *s) {
            return Some(c.addr.row);
        }
    }
    None
}

/// A schedule's sheet: named "Lịch kiểm tra…", or with its title there in
/// the first three rows.
fn is_schedule(sheet: &Sheet) -> bool {
    let title = fold_ascii(labels::SCHEDULE_TITLE);
    fold_ascii(&sheet.name).starts_with(&title)
        || sheet.cells.iter().take_while(|c| c.addr.row < 3).any(|c| {
            c.value
                .as_text()
                .is_some_and(|t| fold_ascii(t).starts_with(&title))
        })
}

/// Whether nothing has been typed into a form: no unit name, no number of
/// members, no evidence, rate or self-score on any row, no Phụ lục 1
/// figure, no dossier mark.
pub fn is_blank(form: &Form) -> bool {
    form.unit.is_none()
        && form.members.is_none()
        && form.pl1.is_empty()
        && form
            .dossier
            .as_ref()
            .is_none_or(|d| d.values().all(|m| m.is_none()))
        && form
            .entries
            .values()
            .all(|e| e.self_score.is_none() && e.evidence.is_none() && e.percent.is_none())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cells::{Addr, Cell};

    fn sheet(name: &str, rows: &[&[&str]]) -> Sheet {
        let mut s = Sheet {
            name: name.into(),
            ..Default::default()
        };
        for (r, row) in rows.iter().enumerate() {
            for (c, t) in row.iter().enumerate() {
                if !t.is_empty() {
                    s.cells.push(Cell {
                        addr: Addr::new(r as u32, c as u32),
                        value: CellValue::Text(t.to_string()),
                    });
                }
            }
        }
        s
    }

    fn unit_sheet(name: &str) -> Sheet {
        sheet(
            name,
            &[
                &["KẾT QUẢ"],
                &["Đơn vị:", "Phòng Tư pháp"],
                &[],
                &[
                    "STT",
                    "Mã",
                    "Nội dung tiêu chí",
                    "Điểm tối đa",
                    "Điểm tự chấm",
                    "Điểm tính từ số liệu",
                    "Điểm đề xuất",
                    "Điểm đoàn kiểm tra",
                ],
            ],
        )
    }

    #[test]
    fn the_property_decides_first() {
        let mut wb = Workbook::of_sheets(vec![unit_sheet("X")]);
        assert_eq!(classify(&wb), Some(OwnKind::Team));
        wb.properties.push(("dvht".into(), " Result ".into()));
        assert_eq!(classify(&wb), Some(OwnKind::Result));
        // An unknown value is no mark: the content decides.
        wb.properties[0].1 = "something".into();
        assert_eq!(classify(&wb), Some(OwnKind::Team));
    }

    #[test]
    fn content_without_the_property() {
        let district = Workbook::of_sheets(vec![
            sheet("Tổng hợp", &[&["TỔNG HỢP"]]),
            unit_sheet("Phòng Tư pháp"),
            sheet("Tệp", &[&["STT", "Tệp"]]),
        ]);
        assert_eq!(classify(&district), Some(OwnKind::District));
        // Sheet names compared without case or diacritics.
        let renamed = Workbook::of_sheets(vec![sheet("TONG HOP", &[]), sheet("tep", &[])]);
        assert_eq!(classify(&renamed), Some(OwnKind::District));
        let team = Workbook::of_sheets(vec![unit_sheet("Phòng Tư pháp")]);
        assert_eq!(classify(&team), Some(OwnKind::Team));
        let result = Workbook::of_sheets(vec![
            sheet("Kết quả", &[]),
            sheet("Đề nghị công nhận", &[]),
            sheet("Phát hiện", &[]),
        ]);
        assert_eq!(classify(&result), Some(OwnKind::Result));
        let schedule = Workbook::of_sheets(vec![sheet(
            "Đoàn 1",
            &[&["LỊCH KIỂM TRA ĐƠN VỊ HỌC TẬP NĂM 2023"]],
        )]);
        assert_eq!(classify(&schedule), Some(OwnKind::Schedule));
        let template = Workbook::of_sheets(vec![
            sheet("Tự đánh giá", &[]),
            sheet("Phụ lục 1", &[]),
            sheet("Hồ sơ minh chứng", &[]),
        ]);
        assert_eq!(classify(&template), Some(OwnKind::Template));
    }

    #[test]
    fn a_units_own_table_is_none_of_ours() {
        // The seed's table: no "Mã", no "Điểm đề xuất".
        let form = Workbook::of_sheets(vec![sheet(
            "Sheet1",
            &[
                &["Đơn vị:", "Phòng Tư pháp"],
                &[
                    "STT",
                    "Nội dung tiêu chí",
                    "Điểm số tối đa",
                    "Điểm tự chấm",
                    "Điểm đoàn kiểm tra",
                ],
            ],
        )]);
        assert_eq!(classify(&form), None);
        assert_eq!(classify(&Workbook::default()), None);
    }

    #[test]
    fn a_blank_form_and_a_filled_one() {
        let mut f = Form::default();
        assert!(is_blank(&f));
        f.unit = Some(crate::form::Located::new(
            "Phòng Tư pháp".into(),
            crate::form::Loc::new("S", Addr::new(0, 1)),
        ));
        assert!(!is_blank(&f));
    }
}

#[cfg(test)]
mod files {
    use super::*;
    use crate::rubric::Rubric;
    use std::path::PathBuf;

    fn repo(p: &str) -> PathBuf {
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join(p)
    }

    #[test]
    fn the_blank_form_is_marked_and_blank_a_filled_one_is_not_blank() {
        let rubric = Rubric::builtin();
        let blank =
            crate::read::read_workbook(&repo("templates/mau-tu-danh-gia-2023.xlsx")).unwrap();
        assert_eq!(marked(&blank), Some(OwnKind::Template));
        assert_eq!(by_content(&blank), Some(OwnKind::Template));
        let forms = crate::extract::extract(&rubric, &blank).forms;
        assert_eq!(forms.len(), 1);
        assert!(is_blank(&forms[0]), "{:#?}", forms[0]);
        let filled = crate::read::read_workbook(&repo("samples/03-phong-tu-phap.xlsx")).unwrap();
        assert_eq!(classify(&filled), Some(OwnKind::Template));
        let forms = crate::extract::extract(&rubric, &filled).forms;
        assert!(!is_blank(&forms[0]));
    }
}
