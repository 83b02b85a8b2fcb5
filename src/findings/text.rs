//! The texts of [`Message`]: for each variant, Vietnamese then English,
//! naming the cell, the value found, what was expected and how to fix it.
//! Grouped as the variants are (the file, a cell's value, the rubric table,
//! counts, Phụ lục 1, the header and dossier, across files).

use super::message::{
    Criterion, Expect, Message, OtherForm, Subject, Suggestion, SuggestionFrom, Unattainable,
};
use super::{Lang, num, num_en, num_vi};
use crate::form::{Loc, Pl1Field};
use crate::inputs::Source;
use crate::read::ReadError;
use crate::value::Kind;
use rust_decimal::Decimal;

use Lang::{En, Vi};

/// Where a finding points: the sheet and cell it carries.
#[derive(Debug, Clone, Copy)]
pub(crate) struct At<'a> {
    pub sheet: &'a str,
    pub cell: &'a str,
}

impl At<'_> {
    /// "Ô F12 (trang 'Tự đánh giá')" / "Cell F12 (sheet 'Tự đánh giá')".
    pub(super) fn cell_on_sheet(&self, lang: Lang) -> String {
        match lang {
            Vi => format!("Ô {} (trang '{}')", self.cell, self.sheet),
            En => format!("Cell {} (sheet '{}')", self.cell, self.sheet),
        }
    }

    /// "Trang 'Tự đánh giá'" / "Sheet 'Tự đánh giá'".
    fn sheet(&self, lang: Lang) -> String {
        match lang {
            Vi => format!("Trang '{}'", self.sheet),
            En => format!("Sheet '{}'", self.sheet),
        }
    }

    /// Another cell named in the message: "ô B4", with its sheet when it
    /// is on another ("ô C5 trang 'Phụ lục 1'").
    fn other(&self, loc: Option<&Loc>, lang: Lang) -> String {
        let Some(loc) = loc else {
            return String::new();
        };
        match (loc.sheet == self.sheet, lang) {
            (true, Vi) => format!("ô {}", loc.addr),
            (true, En) => format!("cell {}", loc.addr),
            (false, Vi) => format!("ô {} trang '{}'", loc.addr, loc.sheet),
            (false, En) => format!("cell {} of sheet '{}'", loc.addr, loc.sheet),
        }
    }
}

impl Message {
    /// The message in a language, for a finding pointing `at`.
    pub(super) fn text(&self, at: At, lang: Lang) -> String {
        use Message as M;
        match self {
            M::Skipped { .. }
            | M::Read { .. }
            | M::ItemUnreadable { .. }
            | M::SheetTooLarge {}
            | M::NoRubricTable { .. } => file(self, at, lang),
            M::FormulaNoValue { .. } | M::NotANumber { .. } => value(self, at, lang),
            M::MissingCriterion { .. }
            | M::MissingSelfScore { .. }
            | M::ScoreOutOfRange { .. }
            | M::ScoreUnattainable { .. }
            | M::SelfComputedDiffer { .. } => scores(self, at, lang),
            M::GroupSumMismatch { .. }
            | M::TotalMismatch { .. }
            | M::ClassificationMismatch { .. } => sums(self, at, lang),
            M::MembersMissing {}
            | M::MembersInvalid { .. }
            | M::CountInvalid { .. }
            | M::CountAboveTotal { .. }
            | M::PercentOutOfRange { .. }
            | M::PercentMismatch { .. } => counts(self, at, lang),
            M::AnnexCountInvalid { .. }
            | M::PayersExceedMembers { .. }
            | M::PartyMembersExceed { .. }
            | M::DuesMismatch { .. }
            | M::BalanceMismatch { .. } => annex(self, at, lang),
            M::UnitNameMissing {}
            | M::YearMismatch { .. }
            | M::DossierChecklistMissing {}
            | M::DossierMarkedAbsent { .. }
            | M::DossierUnmarked { .. }
            | M::DossierLineMissing { .. } => header(self, at, lang),
            M::DuplicateUnit { .. } | M::NotOnRoster { .. } | M::Superseded { .. } => {
                across(self, at, lang)
            }
            M::TeamScoreOrphaned { .. }
            | M::TeamScoreNotANumber { .. }
            | M::TeamScoreNegative { .. }
            | M::TeamScoreAboveMax { .. }
            | M::TeamScoreUnattainable { .. }
            | M::TeamScoreConflict { .. } => super::team_text::team(self, at, lang),
        }
    }
}

fn file(m: &Message, at: At, lang: Lang) -> String {
    match (m, lang) {
        (Message::Skipped { skip, source }, Vi) => {
            format!("Bỏ qua: {}{}.", skip.reason(lang), sent_by(source, lang))
        }
        (Message::Skipped { skip, source }, En) => {
            format!("Skipped: {}{}.", skip.reason(lang), sent_by(source, lang))
        }
        (Message::Read { error }, _) => read_error(error, lang),
        (Message::ItemUnreadable { error, source }, _) => {
            let detail = match error {
                ReadError::Unreadable(damage) => damage.describe(lang),
                other => read_error(other, lang),
            };
            match lang {
                Vi => format!("Không đọc được: {detail}{}.", sent_by(source, lang)),
                En => format!("Cannot be read: {detail}{}.", sent_by(source, lang)),
            }
        }
        (Message::SheetTooLarge {}, Vi) => format!(
            "Trang '{}' lớn hơn nhiều so với một biểu mẫu; chỉ đọc phần đầu. Hãy xóa các dòng, cột thừa hoặc chép biểu mẫu sang tệp mới rồi gửi lại.",
            at.sheet
        ),
        (Message::SheetTooLarge {}, En) => format!(
            "Sheet '{}' is far larger than any form; only its beginning was read. Delete the extra rows and columns, or copy the form into a new file, and send it again.",
            at.sheet
        ),
        (Message::NoRubricTable { sheets }, _) => {
            let names = if sheets.is_empty() {
                match lang {
                    Vi => "(không có trang nào)".to_string(),
                    En => "(no sheets at all)".to_string(),
                }
            } else {
                let quoted: Vec<String> = sheets.iter().map(|s| format!("'{s}'")).collect();
                quoted.join(", ")
            };
            match lang {
                Vi => format!(
                    "Không tìm thấy bảng Phụ lục 2 trong các trang {names}: cần một dòng tiêu đề có \"Nội dung tiêu chí\" và \"Điểm tự chấm\", bên dưới là các dòng tiêu chí. Hãy dùng biểu mẫu chuẩn (dvht template) hoặc thêm dòng tiêu đề đó."
                ),
                En => format!(
                    "No Phụ lục 2 table in the sheets {names}: expected a header row with \"Nội dung tiêu chí\" and \"Điểm tự chấm\" and the criterion rows below it. Use the standard form (dvht template) or add that header row."
                ),
            }
        }
        _ => unreachable!("not a message about a file"),
    }
}

/// " (thư của X, gửi D, tiêu đề “T”)": the message an item came in, or
/// nothing.
fn sent_by(source: &Option<Source>, lang: Lang) -> String {
    let Some(s) = source else {
        return String::new();
    };
    let mut parts = Vec::new();
    if let Some(f) = &s.from {
        parts.push(match lang {
            Vi => format!("thư của {f}"),
            En => format!("message from {f}"),
        });
    }
    if let Some(d) = &s.date {
        parts.push(match lang {
            Vi => format!("gửi {d}"),
            En => format!("sent {d}"),
        });
    }
    if let Some(t) = &s.subject {
        parts.push(match lang {
            Vi => format!("tiêu đề “{t}”"),
            En => format!("subject “{t}”"),
        });
    }
    if parts.is_empty() {
        String::new()
    } else {
        format!(" ({})", parts.join(", "))
    }
}

fn read_error(e: &ReadError, lang: Lang) -> String {
    match (e, lang) {
        (ReadError::NotASpreadsheet(what), Vi) => format!(
            "Tệp không phải bảng tính: {}. Hãy mở bằng Excel và lưu lại dạng .xlsx rồi gửi lại.",
            what.describe(lang)
        ),
        (ReadError::NotASpreadsheet(what), En) => format!(
            "Not a spreadsheet: {}. Open it in Excel, save it as .xlsx and send it again.",
            what.describe(lang)
        ),
        (ReadError::Encrypted, Vi) => "Bảng tính có đặt mật khẩu nên không đọc được. Đề nghị đơn vị gỡ mật khẩu (Tệp → Thông tin → Bảo vệ sổ làm việc) rồi gửi lại.".into(),
        (ReadError::Encrypted, En) => "The workbook is password-protected and cannot be read. Ask the unit to remove the password and send it again.".into(),
        (ReadError::Unreadable(damage), Vi) => format!(
            "Bảng tính hỏng hoặc không đầy đủ, không đọc được ({}). Đề nghị đơn vị gửi lại tệp.",
            damage.describe(lang)
        ),
        (ReadError::Unreadable(damage), En) => format!(
            "The workbook is corrupt or truncated and cannot be read ({}). Ask the unit to send it again.",
            damage.describe(lang)
        ),
    }
}

fn value(m: &Message, at: At, lang: Lang) -> String {
    let here = at.cell_on_sheet(lang);
    match (m, lang) {
        (
            Message::FormulaNoValue {
                subject,
                formula,
                expected,
            },
            Vi,
        ) => format!(
            "{here}: {} là công thức ={formula} nhưng tệp không lưu kết quả (tệp do chương trình khác tạo, không tính công thức), nên không dùng được. Hãy mở tệp bằng Excel, lưu lại rồi gửi lại, hoặc ghi trực tiếp {}.",
            subject.name(lang),
            expected.name(lang)
        ),
        (
            Message::FormulaNoValue {
                subject,
                formula,
                expected,
            },
            En,
        ) => format!(
            "{here}: {} is the formula ={formula} but the file holds no result for it (written by a program that does not calculate), so it cannot be used. Open the file in Excel and save it again, or type {}.",
            subject.name(lang),
            expected.name(lang)
        ),
        (
            Message::NotANumber {
                subject,
                found,
                expected,
            },
            Vi,
        ) => format!(
            "{here}: {} ghi \"{found}\", không đọc được; cần {}. Giá trị này không được tính.",
            subject.name(lang),
            expected.name(lang)
        ),
        (
            Message::NotANumber {
                subject,
                found,
                expected,
            },
            En,
        ) => format!(
            "{here}: {} reads \"{found}\", which cannot be read; expected {}. The value is left out.",
            subject.name(lang),
            expected.name(lang)
        ),
        _ => unreachable!("not a message about a value"),
    }
}

impl Subject {
    /// "điểm tự chấm của tiêu chí 2a" / "the self-score of criterion 2a".
    fn name(&self, lang: Lang) -> String {
        match (self, lang) {
            (Subject::SelfScore(id), Vi) => format!("điểm tự chấm của tiêu chí {id}"),
            (Subject::SelfScore(id), En) => format!("the self-score of criterion {id}"),
            (Subject::Percent(id), Vi) => format!("tỷ lệ của tiêu chí {id}"),
            (Subject::Percent(id), En) => format!("the percentage of criterion {id}"),
            (Subject::Evidence(id), Vi) => format!("số liệu của tiêu chí {id}"),
            (Subject::Evidence(id), En) => format!("the evidence of criterion {id}"),
            (Subject::Members, Vi) => "tổng số thành viên".into(),
            (Subject::Members, En) => "the total number of members".into(),
            (Subject::Annex(f), Vi) => format!("mục \"{}\" (Phụ lục 1)", f.label()),
            (Subject::Annex(f), En) => format!("\"{}\" (Phụ lục 1)", f.label_en()),
            (Subject::DossierMark(d), Vi) => format!("dấu của hồ sơ \"{}\"", d.label()),
            (Subject::DossierMark(d), En) => {
                format!("the mark of dossier document \"{}\"", d.label_en())
            }
            (Subject::Classification, Vi) => "xếp loại".into(),
            (Subject::Classification, En) => "the classification".into(),
        }
    }
}

impl Expect {
    /// "một số điểm, ví dụ 9,5" / "a score such as 9.5".
    fn name(self, lang: Lang) -> &'static str {
        match (self, lang) {
            (Expect::Number(Kind::Score), Vi) => "một số điểm, ví dụ 9,5",
            (Expect::Number(Kind::Score), En) => "a score such as 9.5",
            (Expect::Number(Kind::Count), Vi) => "một số nguyên, ví dụ 47",
            (Expect::Number(Kind::Count), En) => "a whole number such as 47",
            (Expect::Number(Kind::Money), Vi) => "một số tiền, ví dụ 540.000",
            (Expect::Number(Kind::Money), En) => "an amount such as 540,000",
            (Expect::Number(Kind::Percent), Vi) => "một tỷ lệ phần trăm, ví dụ 95%",
            (Expect::Number(Kind::Percent), En) => "a percentage such as 95%",
            (Expect::Number(Kind::Plain), Vi) => "một số",
            (Expect::Number(Kind::Plain), En) => "a number",
            (Expect::YesNo, Vi) => "Có hoặc Không",
            (Expect::YesNo, En) => "Có (yes) or Không (no)",
            (Expect::Band, Vi) => "một xếp loại như Tốt, Khá",
            (Expect::Band, En) => "a band such as Tốt or Khá",
        }
    }
}

impl Criterion {
    /// "tiêu chí 2a (100% thành viên …)", "nhóm tiêu chí 1 (…)", "dòng
    /// Tổng cộng" / "criterion 2a (…)", "criterion group 1 (…)", "the
    /// total row".
    pub fn name(&self, lang: Lang) -> String {
        if self.id == "total" {
            return match lang {
                Vi => "dòng Tổng cộng".into(),
                En => "the total row".into(),
            };
        }
        let kind = match (self.group, lang) {
            (true, Vi) => "nhóm tiêu chí",
            (true, En) => "criterion group",
            (false, Vi) => "tiêu chí",
            (false, En) => "criterion",
        };
        if self.text.is_empty() {
            format!("{kind} {}", self.id)
        } else {
            format!("{kind} {} ({})", self.id, self.text)
        }
    }
}

fn scores(m: &Message, at: At, lang: Lang) -> String {
    let (here, cell) = (at.cell_on_sheet(lang), at.cell);
    match (m, lang) {
        (Message::MissingCriterion { criterion }, Vi) => format!(
            "Trang '{}': không tìm thấy dòng của {} trong bảng Phụ lục 2. Bổ sung dòng này (ghi đúng nội dung tiêu chí) cùng số liệu và điểm tự chấm.",
            at.sheet,
            criterion.name(lang)
        ),
        (Message::MissingCriterion { criterion }, En) => format!(
            "Sheet '{}': no row for {} in the Phụ lục 2 table. Add the row (with the criterion's wording), its evidence and its self-score.",
            at.sheet,
            criterion.name(lang)
        ),
        (Message::MissingSelfScore { criterion }, Vi) => format!(
            "{here}: chưa có điểm tự chấm của {}. Ghi điểm tự chấm vào ô {cell}.",
            criterion.name(lang)
        ),
        (Message::MissingSelfScore { criterion }, En) => format!(
            "{here}: no self-score for {}. Enter the self-score in cell {cell}.",
            criterion.name(lang)
        ),
        (
            Message::ScoreOutOfRange {
                criterion,
                found,
                max,
                suggest,
            },
            _,
        ) => {
            let (c, v, fix) = (
                criterion.name(lang),
                num(*found, lang),
                change_to(*suggest, *max, lang),
            );
            let m = num(*max, lang);
            match (*found < Decimal::ZERO, lang) {
                (true, Vi) => format!(
                    "{here}: điểm tự chấm của {c} là {v}, điểm không được âm. Sửa điểm tự chấm ở ô {cell} {fix}."
                ),
                (true, En) => format!(
                    "{here}: the self-score of {c} is {v}; a score cannot be negative. Change the self-score in cell {cell} {fix}."
                ),
                (false, Vi) => format!(
                    "{here}: điểm tự chấm của {c} là {v}, vượt điểm tối đa {m}. Sửa điểm tự chấm ở ô {cell} {fix}."
                ),
                (false, En) => format!(
                    "{here}: the self-score of {c} is {v}, above the maximum of {m}. Change the self-score in cell {cell} {fix}."
                ),
            }
        }
        (Message::ScoreUnattainable { .. }, _) => unattainable(m, at, lang),
        (
            Message::SelfComputedDiffer {
                criterion,
                found,
                computed,
                explanation,
            },
            _,
        ) => {
            let (c, v, k) = (
                criterion.name(lang),
                num(*found, lang),
                num(*computed, lang),
            );
            let why = explanation.render(lang);
            match lang {
                Vi => format!(
                    "{here}: điểm tự chấm của {c} là {v}, nhưng theo số liệu được {k} ({why}). Sửa điểm tự chấm ở ô {cell} thành {k} hoặc bổ sung minh chứng, sửa lại số liệu."
                ),
                En => format!(
                    "{here}: the self-score of {c} is {v}, but the evidence gives {k} ({why}). Change the self-score in cell {cell} to {k}, or correct the evidence and add proof."
                ),
            }
        }
        _ => unreachable!("not a message about a score"),
    }
}

/// "thành 9 (điểm tính từ số liệu)" / "to a number from 0 to 10".
fn change_to(suggest: Option<Suggestion>, max: Decimal, lang: Lang) -> String {
    match (suggest, lang) {
        (Some(s), Vi) => {
            let why = match s.from {
                SuggestionFrom::Evidence => "điểm tính từ số liệu",
                SuggestionFrom::Items => "tổng điểm các tiêu chí con",
                SuggestionFrom::Criteria => "tổng điểm các tiêu chí",
            };
            format!("thành {} ({why})", num_vi(s.value))
        }
        (Some(s), En) => {
            let why = match s.from {
                SuggestionFrom::Evidence => "the computed score",
                SuggestionFrom::Items => "the sum of its items",
                SuggestionFrom::Criteria => "the sum of the criteria",
            };
            format!("to {} ({why})", num_en(s.value))
        }
        (None, Vi) => format!("thành một số từ 0 đến {}", num_vi(max)),
        (None, En) => format!("to a number from 0 to {}", num_en(max)),
    }
}

fn unattainable(m: &Message, at: At, lang: Lang) -> String {
    let Message::ScoreUnattainable {
        criterion,
        found,
        why,
        possible,
        nearest,
    } = m
    else {
        unreachable!("not score-unattainable")
    };
    let (here, cell) = (at.cell_on_sheet(lang), at.cell);
    let (c, v) = (criterion.name(lang), num(*found, lang));
    let scores: Vec<String> = possible.iter().map(|d| num(*d, lang)).collect();
    let or = match lang {
        Vi => "hoặc",
        En => "or",
    };
    let list = match scores.split_last() {
        Some((last, rest)) if !rest.is_empty() => format!("{} {or} {last}", rest.join("; ")),
        Some((last, _)) => last.clone(),
        None => String::new(),
    };
    let why = match (why, lang) {
        (Unattainable::OffStep { step }, Vi) => {
            format!("điểm phải là bội số của {}", num_vi(*step))
        }
        (Unattainable::OffStep { step }, En) => {
            format!("scores are multiples of {}", num_en(*step))
        }
        (Unattainable::AboveFloor { per, of, floor }, Vi) => format!(
            "theo hướng dẫn mỗi nguồn lực còn thiếu trừ {} điểm, nên thiếu cả {of} nguồn lực vẫn được {} điểm",
            num_vi(*per),
            num_vi(*floor)
        ),
        (Unattainable::AboveFloor { per, of, floor }, En) => format!(
            "the rule deducts {} points per missing resource, so even lacking all {of} gives {}",
            num_en(*per),
            num_en(*floor)
        ),
        (Unattainable::Rule, Vi) => "cách chấm của tiêu chí không cho ra điểm này".into(),
        (Unattainable::Rule, En) => "the criterion's rule can never give this score".into(),
    };
    let which = match (nearest, lang) {
        (true, Vi) => "mức gần nhất có thể",
        (true, En) => "the nearest possible scores",
        (false, Vi) => "các mức có thể",
        (false, En) => "the possible scores",
    };
    match lang {
        Vi => format!(
            "{here}: điểm tự chấm của {c} là {v}, nhưng {why} ({which}: {list}). Kiểm tra lại số liệu và sửa điểm tự chấm ở ô {cell} cho đúng cách chấm."
        ),
        En => format!(
            "{here}: the self-score of {c} is {v}, but {why} ({which}: {list}). Check the evidence and correct the self-score in cell {cell}."
        ),
    }
}

fn sums(m: &Message, at: At, lang: Lang) -> String {
    let (here, cell) = (at.cell_on_sheet(lang), at.cell);
    let plus = |values: &[Decimal]| -> String {
        let v: Vec<String> = values.iter().map(|d| num(*d, lang)).collect();
        v.join(" + ")
    };
    match (m, lang) {
        (
            Message::GroupSumMismatch {
                criterion,
                found,
                sum,
                parts,
                values,
            },
            _,
        ) => {
            let (c, v, s) = (criterion.name(lang), num(*found, lang), num(*sum, lang));
            let (names, p) = (parts.join(", "), plus(values));
            match lang {
                Vi => format!(
                    "{here}: điểm tự chấm của {c} ghi {v}, nhưng cộng điểm tự chấm các tiêu chí {names} được {s} ({p}). Sửa ô {cell} thành {s} hoặc sửa lại điểm các tiêu chí con."
                ),
                En => format!(
                    "{here}: the self-score of {c} reads {v}, but the self-scores of {names} add up to {s} ({p}). Change cell {cell} to {s} or correct the items' scores."
                ),
            }
        }
        (
            Message::TotalMismatch {
                found,
                sum,
                parts,
                values,
            },
            _,
        ) => {
            let (v, s) = (num(*found, lang), num(*sum, lang));
            let (names, p) = (parts.join(", "), plus(values));
            match lang {
                Vi => format!(
                    "{here}: tổng điểm tự chấm ghi {v}, nhưng cộng các tiêu chí {names} được {s} ({p}). Sửa ô {cell} thành {s} hoặc sửa lại điểm các tiêu chí."
                ),
                En => format!(
                    "{here}: the total self-score reads {v}, but criteria {names} add up to {s} ({p}). Change cell {cell} to {s} or correct the criteria's scores."
                ),
            }
        }
        (
            Message::ClassificationMismatch {
                found,
                total,
                band,
                band_en,
            },
            _,
        ) => match lang {
            Vi => format!(
                "{here}: xếp loại ghi \"{found}\", nhưng tổng điểm tự chấm {} thuộc loại \"{band}\". Sửa ô {cell} thành \"{band}\" (hoặc sửa lại điểm nếu điểm sai).",
                num_vi(*total)
            ),
            En => format!(
                "{here}: the classification reads \"{found}\", but the self-assessed total {} falls in \"{band}\" ({band_en}). Change cell {cell} to \"{band}\" (or correct the scores if they are wrong).",
                num_en(*total)
            ),
        },
        _ => unreachable!("not a message about a sum"),
    }
}

fn counts(m: &Message, at: At, lang: Lang) -> String {
    let (here, cell) = (at.cell_on_sheet(lang), at.cell);
    match (m, lang) {
        (Message::MembersMissing {}, Vi) => format!(
            "{here}: có số thành viên đạt tiêu chí nhưng biểu mẫu không ghi tổng số thành viên, nên không tính được tỷ lệ. Ghi \"Tổng số thành viên\" (tổng số CB, CC, VC, người lao động) vào biểu mẫu."
        ),
        (Message::MembersMissing {}, En) => format!(
            "{here}: member counts are given but the form has no total number of members, so no percentage can be computed. Add \"Tổng số thành viên\" (all staff) to the form."
        ),
        (Message::MembersInvalid { found }, Vi) => format!(
            "{here}: tổng số thành viên là {}, phải là số nguyên lớn hơn 0. Sửa ô {cell} thành số người của đơn vị.",
            num_vi(*found)
        ),
        (Message::MembersInvalid { found }, En) => format!(
            "{here}: the total number of members is {}; it must be a whole number above 0. Change cell {cell} to the unit's headcount.",
            num_en(*found)
        ),
        (
            Message::CountInvalid {
                criterion,
                found,
                at_most,
            },
            _,
        ) => {
            let (c, v) = (criterion.name(lang), num(*found, lang));
            match (at_most, lang) {
                (Some(m), Vi) => format!(
                    "{here}: số liệu của {c} là {v}, phải là một số nguyên từ 0 đến {m}. Sửa ô {cell} cho đúng."
                ),
                (None, Vi) => format!(
                    "{here}: số liệu của {c} là {v}, phải là một số nguyên không âm. Sửa ô {cell} cho đúng."
                ),
                (Some(m), En) => format!(
                    "{here}: the count for {c} is {v}; it must be a whole number from 0 to {m}. Correct cell {cell}."
                ),
                (None, En) => format!(
                    "{here}: the count for {c} is {v}; it must be a whole number, not negative. Correct cell {cell}."
                ),
            }
        }
        (
            Message::CountAboveTotal {
                criterion,
                found: n,
                members: t,
                members_cell,
            },
            _,
        ) => {
            let (c, m) = (criterion.name(lang), at.other(members_cell.as_ref(), lang));
            match lang {
                Vi => format!(
                    "{here}: số thành viên đạt {c} là {n}, lớn hơn tổng số thành viên {t} ({m}). Sửa ô {cell} thành số không vượt quá {t}, hoặc sửa lại tổng số thành viên."
                ),
                En => format!(
                    "{here}: the count for {c} is {n}, more than the {t} members ({m}). Change cell {cell} to at most {t}, or correct the total number of members."
                ),
            }
        }
        (Message::PercentOutOfRange { .. } | Message::PercentMismatch { .. }, _) => {
            percent(m, at, lang)
        }
        _ => unreachable!("not a message about counts"),
    }
}

fn percent(m: &Message, at: At, lang: Lang) -> String {
    let (here, cell) = (at.cell_on_sheet(lang), at.cell);
    match m {
        Message::PercentOutOfRange { criterion, found } => {
            // As a person reads it: 105,77 rather than 105,7692307692308.
            let (c, p) = (criterion.name(lang), num(found.round_dp(2), lang));
            match lang {
                Vi => format!(
                    "{here}: tỷ lệ của {c} là {p}%, phải nằm trong khoảng 0–100%. Sửa ô {cell} (tỷ lệ = số thành viên đạt / tổng số thành viên × 100)."
                ),
                En => format!(
                    "{here}: the percentage for {c} is {p}%; it must lie within 0–100%. Correct cell {cell} (percentage = count / members × 100)."
                ),
            }
        }
        Message::PercentMismatch {
            criterion,
            found,
            count,
            members,
            expected,
            tolerance,
        } => {
            let (c, p) = (criterion.name(lang), num(found.round_dp(2), lang));
            let (e, t) = (num(*expected, lang), num(*tolerance, lang));
            match lang {
                Vi => format!(
                    "{here}: tỷ lệ của {c} ghi {p}%, nhưng {count}/{members} thành viên là {e}% (cho phép lệch {t} điểm phần trăm do làm tròn). Sửa ô {cell} thành {e}%, hoặc sửa lại số thành viên."
                ),
                En => format!(
                    "{here}: the percentage for {c} reads {p}%, but {count}/{members} members is {e}% (a difference of up to {t} percentage points is allowed for rounding). Change cell {cell} to {e}%, or correct the count."
                ),
            }
        }
        _ => unreachable!("not a message about a percentage"),
    }
}

fn annex(m: &Message, at: At, lang: Lang) -> String {
    let (here, cell) = (at.cell_on_sheet(lang), at.cell);
    match (m, lang) {
        (Message::AnnexCountInvalid { field, found }, Vi) => format!(
            "{here}: \"{}\" (Phụ lục 1) là {}, phải là số nguyên không âm. Sửa ô {cell} cho đúng.",
            field.label(),
            num_vi(*found)
        ),
        (Message::AnnexCountInvalid { field, found }, En) => format!(
            "{here}: \"{}\" (Phụ lục 1) is {}; it must be a whole number, not negative. Correct cell {cell}.",
            field.label_en(),
            num_en(*found)
        ),
        (
            Message::PayersExceedMembers {
                found,
                members,
                members_cell,
            },
            _,
        ) => {
            let (p, n) = (num(*found, lang), num(*members, lang));
            let other = at.other(members_cell.as_ref(), lang);
            match lang {
                Vi => format!(
                    "{here}: số hội viên đóng hội phí là {p}, lớn hơn tổng số hội viên năm nay {n} ({other}). Sửa ô {cell} thành số không vượt quá {n}, hoặc sửa lại số hội viên."
                ),
                En => format!(
                    "{here}: {p} members paid dues, more than the {n} board members this year ({other}). Change cell {cell} to at most {n}, or correct the number of members."
                ),
            }
        }
        (
            Message::PartyMembersExceed {
                found,
                bound,
                bound_value,
                bound_cell,
            },
            _,
        ) => {
            let (v, b) = (num(*found, lang), num(*bound_value, lang));
            let other = at.other(bound_cell.as_ref(), lang);
            let b_cell = bound_cell
                .as_ref()
                .map(|l| l.addr.to_string())
                .unwrap_or_default();
            let name = match (bound, lang) {
                (Pl1Field::Members, Vi) => "tổng số hội viên năm nay",
                (Pl1Field::Members, En) => "board members this year",
                (_, Vi) => "tổng số Đảng viên",
                (_, En) => "party members",
            };
            match lang {
                Vi => format!(
                    "{here}: số hội viên là Đảng viên là {v}, lớn hơn {name} {b} ({other}). Sửa ô {cell} thành số không vượt quá {b}, hoặc sửa lại ô {b_cell}."
                ),
                En => format!(
                    "{here}: {v} board members are party members, more than the {b} {name} ({other}). Change cell {cell} to at most {b}, or correct cell {b_cell}."
                ),
            }
        }
        (Message::DuesMismatch { .. } | Message::BalanceMismatch { .. }, _) => money(m, at, lang),
        _ => unreachable!("not a message about Phụ lục 1"),
    }
}

fn money(m: &Message, at: At, lang: Lang) -> String {
    let (here, cell) = (at.cell_on_sheet(lang), at.cell);
    match m {
        Message::DuesMismatch {
            found,
            expected,
            payers,
            rate,
            payers_cell,
        } => {
            let (a, w) = (num(*found, lang), num(*expected, lang));
            let (p, r) = (num(*payers, lang), num(*rate, lang));
            let other = at.other(payers_cell.as_ref(), lang);
            match lang {
                Vi => format!(
                    "{here}: thành tiền hội phí ghi {a} đồng, nhưng {p} hội viên × {r} đồng = {w} đồng. Sửa ô {cell} thành {w}, hoặc sửa lại số hội viên đóng hội phí ({other})."
                ),
                En => format!(
                    "{here}: the dues amount reads {a} VND, but {p} payers × {r} VND = {w} VND. Change cell {cell} to {w}, or correct the number of payers ({other})."
                ),
            }
        }
        Message::BalanceMismatch {
            found,
            expected,
            income,
            expense,
        } => {
            let (b, w) = (num(*found, lang), num(*expected, lang));
            let (i, e) = (num(*income, lang), num(*expense, lang));
            match lang {
                Vi => format!(
                    "{here}: tồn quỹ ghi {b} đồng, nhưng tổng thu {i} − tổng chi {e} = {w} đồng. Sửa ô {cell} thành {w}, hoặc sửa lại tổng thu, tổng chi."
                ),
                En => format!(
                    "{here}: the balance reads {b} VND, but income {i} − expense {e} = {w} VND. Change cell {cell} to {w}, or correct the income and expense."
                ),
            }
        }
        _ => unreachable!("not a message about money"),
    }
}

fn header(m: &Message, at: At, lang: Lang) -> String {
    let (here, cell, sheet) = (at.cell_on_sheet(lang), at.cell, at.sheet(lang));
    let has_cell = !at.cell.is_empty();
    match (m, lang) {
        (Message::UnitNameMissing {}, Vi) => format!(
            "{}. Ghi tên đơn vị sau nhãn \"Đơn vị:\" ở đầu biểu mẫu (ví dụ \"Đơn vị: Phòng Tư pháp\").",
            if has_cell {
                format!("{here}: ô tên đơn vị để trống")
            } else {
                format!("{sheet}: không tìm thấy tên đơn vị")
            }
        ),
        (Message::UnitNameMissing {}, En) => format!(
            "{}. Write the unit's name after the label \"Đơn vị:\" at the top of the form (e.g. \"Đơn vị: Phòng Tư pháp\").",
            if has_cell {
                format!("{here}: the unit name is blank")
            } else {
                format!("{sheet}: no unit name found")
            }
        ),
        (Message::YearMismatch { found, expected }, Vi) => format!(
            "{here}: biểu mẫu ghi năm {found}, nhưng đang tổng hợp năm {expected}. Kiểm tra đơn vị có gửi nhầm biểu mẫu năm khác không; nếu đúng là năm {expected}, sửa năm ở ô {cell}."
        ),
        (Message::YearMismatch { found, expected }, En) => format!(
            "{here}: the form is for {found}, but the year being consolidated is {expected}. Check whether the unit sent last year's form; if it is for {expected}, correct the year in cell {cell}."
        ),
        (Message::DossierChecklistMissing {}, Vi) => format!(
            "{sheet}: biểu mẫu không có danh mục hồ sơ minh chứng (mục VII.2 của kế hoạch). Bổ sung danh mục 6 loại hồ sơ và đánh dấu \"Có\" cho từng loại đã có."
        ),
        (Message::DossierChecklistMissing {}, En) => format!(
            "{sheet}: the form has no dossier checklist (section VII.2 of the plan). Add the list of the 6 documents and mark each one held \"Có\"."
        ),
        (Message::DossierMarkedAbsent { document }, Vi) => format!(
            "{here}: hồ sơ \"{}\" được đánh dấu là không có. Bổ sung hồ sơ này vào bộ minh chứng rồi đánh dấu \"Có\" ở ô {cell}.",
            document.label()
        ),
        (Message::DossierMarkedAbsent { document }, En) => format!(
            "{here}: the document \"{}\" is marked absent. Add it to the dossier, then mark cell {cell} \"Có\".",
            document.label_en()
        ),
        (Message::DossierUnmarked { document }, Vi) if has_cell => format!(
            "{here}: hồ sơ \"{}\" chưa được đánh dấu có hay không. Ghi \"Có\" vào ô bên phải nếu đã có hồ sơ, nếu chưa thì bổ sung hồ sơ.",
            document.label()
        ),
        (Message::DossierUnmarked { document }, En) if has_cell => format!(
            "{here}: the document \"{}\" is not marked either way. Write \"Có\" in the cell to its right if the dossier holds it, otherwise add it.",
            document.label_en()
        ),
        (Message::DossierUnmarked { document }, Vi) => format!(
            "{sheet}: hồ sơ \"{}\" chưa được đánh dấu có hay không. Đánh dấu \"Có\" bên cạnh nếu đã có, nếu chưa thì bổ sung.",
            document.label()
        ),
        (Message::DossierUnmarked { document }, En) => format!(
            "{sheet}: the document \"{}\" is not marked either way. Mark it \"Có\" if the dossier holds it, otherwise add it.",
            document.label_en()
        ),
        (Message::DossierLineMissing { document }, Vi) => format!(
            "{sheet}: danh mục hồ sơ thiếu dòng \"{}\". Bổ sung dòng này vào danh mục và đánh dấu \"Có\" nếu đã có hồ sơ.",
            document.label()
        ),
        (Message::DossierLineMissing { document }, En) => format!(
            "{sheet}: the dossier checklist has no line for \"{}\". Add the line and mark it \"Có\" if the dossier holds it.",
            document.label_en()
        ),
        _ => unreachable!("not a message about the header"),
    }
}

fn across(m: &Message, at: At, lang: Lang) -> String {
    let here = at.cell_on_sheet(lang);
    let (unit, file, sheet, others) = match (m, lang) {
        (
            Message::DuplicateUnit {
                unit,
                file,
                sheet,
                others,
            },
            _,
        ) => (unit, file, sheet, others),
        (Message::NotOnRoster { unit }, Vi) => {
            return format!(
                "{here}: đơn vị \"{unit}\" không có trong danh sách đơn vị phải nộp (--expected). Kiểm tra lại tên đơn vị ghi trên biểu mẫu, hoặc bổ sung đơn vị vào danh sách."
            );
        }
        (Message::NotOnRoster { unit }, En) => {
            return format!(
                "{here}: the unit \"{unit}\" is not on the roster of units expected to send a form (--expected). Check the name on the form, or add the unit to the roster."
            );
        }
        (Message::Superseded { by }, _) => {
            let text = match lang {
                Vi => {
                    format!("Đơn vị đã gửi bản mới hơn ({by}); bản này không được tính ở đâu cả.")
                }
                En => format!("The unit sent a newer form ({by}); this one is counted nowhere."),
            };
            return if at.cell.is_empty() {
                text
            } else {
                format!("{here}: {text}")
            };
        }
        _ => unreachable!("not a message across files"),
    };
    let n = others.len() + 1;
    let this_sheet = match (sheet, lang) {
        (Some(s), Vi) => format!(", trang '{s}'"),
        (Some(s), En) => format!(", sheet '{s}'"),
        (None, _) => String::new(),
    };
    let others: Vec<String> = others.iter().map(|o| o.name(lang)).collect();
    match lang {
        Vi => format!(
            "{here}: đơn vị \"{unit}\" gửi {n} biểu mẫu: bản này (tệp {file}{this_sheet}) và {}. Phòng GD&ĐT chọn một bản để tổng hợp và chuyển các bản kia ra khỏi thư mục.",
            others.join("; ")
        ),
        En => format!(
            "{here}: the unit \"{unit}\" sent {n} forms: this one (file {file}{this_sheet}) and {}. Keep one for the consolidation and move the others out of the folder.",
            others.join("; ")
        ),
    }
}

impl OtherForm {
    /// "tệp a.xlsx (trang 'X')", "trang 'X' của cùng tệp này".
    fn name(&self, lang: Lang) -> String {
        let sheet = self.sheet.as_deref().unwrap_or_default();
        match (&self.file, &self.sheet, lang) {
            (None, _, Vi) => format!("trang '{sheet}' của cùng tệp này"),
            (None, _, En) => format!("sheet '{sheet}' of this same file"),
            (Some(f), Some(s), Vi) => format!("tệp {f} (trang '{s}')"),
            (Some(f), Some(s), En) => format!("file {f} (sheet '{s}')"),
            (Some(f), None, Vi) => format!("tệp {f}"),
            (Some(f), None, En) => format!("file {f}"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cells::Addr;
    use crate::findings::{Code, Finding};
    use crate::form::DossierDoc;
    use crate::inputs::Skip;
    use crate::read::Damage;
    use crate::scoring::Explanation;

    fn crit(id: &str) -> Criterion {
        Criterion {
            id: id.into(),
            text: "Nội dung".into(),
            group: false,
        }
    }

    /// One message of every variant.
    fn every_variant() -> Vec<Message> {
        let mut all = file_and_table_variants();
        all.extend(count_annex_and_header_variants());
        all.extend(team_variants());
        all
    }

    fn team_variants() -> Vec<Message> {
        let d = Decimal::from;
        let crit = |id: &str| Criterion::of(&crate::rubric::Rubric::builtin(), id);
        vec![
            Message::TeamScoreOrphaned {
                book: "tong-hop-2023.xlsx".into(),
                unit: "Phòng Y tế".into(),
                criterion: crit("2a"),
                typed: crate::findings::TypedWhat::Score,
                found: "9,5".into(),
                why: crate::findings::Orphan::UnitGone,
            },
            Message::TeamScoreNotANumber {
                book: "doan-1.xlsx".into(),
                unit: "Phòng Y tế".into(),
                criterion: crit("2a"),
                found: "mười".into(),
                max: d(10),
            },
            Message::TeamScoreNegative {
                book: "doan-1.xlsx".into(),
                unit: "Phòng Y tế".into(),
                criterion: crit("2a"),
                found: d(-1),
                max: d(10),
            },
            Message::TeamScoreAboveMax {
                book: "doan-1.xlsx".into(),
                unit: "Phòng Y tế".into(),
                criterion: crit("2a"),
                found: d(12),
                max: d(10),
            },
            Message::TeamScoreUnattainable {
                book: "doan-1.xlsx".into(),
                unit: "Phòng Y tế".into(),
                criterion: crit("1a"),
                found: d(5),
                possible: vec![d(0), d(10)],
            },
            Message::TeamScoreConflict {
                unit: "Phòng Y tế".into(),
                criterion: crit("2a"),
                typed: vec![
                    crate::findings::TypedAt {
                        book: "doan-1.xlsx".into(),
                        sheet: "Phòng Y tế".into(),
                        cell: "H8".into(),
                        value: d(9),
                    },
                    crate::findings::TypedAt {
                        book: "doan-2.xlsx".into(),
                        sheet: "Phòng Y tế".into(),
                        cell: "H8".into(),
                        value: d(7),
                    },
                ],
            },
        ]
    }

    fn file_and_table_variants() -> Vec<Message> {
        let d = Decimal::from;
        vec![
            Message::Skipped {
                skip: Skip::LockFile,
                source: None,
            },
            Message::ItemUnreadable {
                error: ReadError::Unreadable(Damage::CorruptMessage),
                source: None,
            },
            Message::Read {
                error: ReadError::Unreadable(Damage::OldBiff),
            },
            Message::Read {
                error: ReadError::NotASpreadsheet(crate::read::NotSpreadsheet::Empty),
            },
            Message::Read {
                error: ReadError::Encrypted,
            },
            Message::SheetTooLarge {},
            Message::NoRubricTable { sheets: vec![] },
            Message::FormulaNoValue {
                subject: Subject::Members,
                formula: "SUM(A1:A2)".into(),
                expected: Expect::Number(Kind::Count),
            },
            Message::NotANumber {
                subject: Subject::DossierMark(DossierDoc::SelfAssessment),
                found: "?".into(),
                expected: Expect::YesNo,
            },
            Message::MissingCriterion {
                criterion: crit("1a"),
            },
            Message::MissingSelfScore {
                criterion: crit("1a"),
            },
            Message::ScoreOutOfRange {
                criterion: crit("1a"),
                found: d(-1),
                max: d(10),
                suggest: None,
            },
            Message::ScoreOutOfRange {
                criterion: crit("1a"),
                found: d(12),
                max: d(10),
                suggest: Some(Suggestion {
                    value: d(9),
                    from: SuggestionFrom::Evidence,
                }),
            },
            Message::ScoreUnattainable {
                criterion: crit("1c"),
                found: d(0),
                why: Unattainable::AboveFloor {
                    per: d(2),
                    of: 4,
                    floor: d(2),
                },
                possible: vec![d(2), d(4)],
                nearest: false,
            },
            Message::SelfComputedDiffer {
                criterion: crit("1a"),
                found: d(0),
                computed: d(10),
                explanation: Explanation::YesNo {
                    yes: true,
                    score: d(10),
                },
            },
            Message::GroupSumMismatch {
                criterion: crit("1"),
                found: d(20),
                sum: d(25),
                parts: vec!["1a".into(), "1b".into()],
                values: vec![d(10), d(15)],
            },
            Message::TotalMismatch {
                found: d(90),
                sum: d(95),
                parts: vec!["1".into()],
                values: vec![d(95)],
            },
            Message::ClassificationMismatch {
                found: "Khá".into(),
                total: d(95),
                band: "Tốt".into(),
                band_en: "Good".into(),
            },
        ]
    }

    fn count_annex_and_header_variants() -> Vec<Message> {
        let d = Decimal::from;
        let other = Some(Loc::new("Phụ lục 1", Addr::new(7, 2)));
        let document = DossierDoc::SelfAssessment;
        vec![
            Message::MembersMissing {},
            Message::MembersInvalid { found: d(0) },
            Message::CountInvalid {
                criterion: crit("1c"),
                found: d(-2),
                at_most: Some(4),
            },
            Message::CountAboveTotal {
                criterion: crit("2a"),
                found: 55,
                members: 50,
                members_cell: other.clone(),
            },
            Message::PercentOutOfRange {
                criterion: crit("2a"),
                found: d(110),
            },
            Message::PercentMismatch {
                criterion: crit("2a"),
                found: d(90),
                count: 47,
                members: 50,
                expected: d(94),
                tolerance: Decimal::new(5, 1),
            },
            Message::AnnexCountInvalid {
                field: Pl1Field::Gifts,
                found: d(-1),
            },
            Message::PayersExceedMembers {
                found: d(30),
                members: d(27),
                members_cell: other.clone(),
            },
            Message::PartyMembersExceed {
                found: d(12),
                bound: Pl1Field::PartyMembers,
                bound_value: d(10),
                bound_cell: other.clone(),
            },
            Message::DuesMismatch {
                found: d(1),
                expected: d(2),
                payers: d(1),
                rate: d(2),
                payers_cell: other.clone(),
            },
            Message::BalanceMismatch {
                found: d(1),
                expected: d(2),
                income: d(3),
                expense: d(1),
            },
            Message::UnitNameMissing {},
            Message::YearMismatch {
                found: 2022,
                expected: 2023,
            },
            Message::DossierChecklistMissing {},
            Message::DossierMarkedAbsent { document },
            Message::DossierUnmarked { document },
            Message::DossierLineMissing { document },
            Message::DuplicateUnit {
                unit: "Phòng Tư pháp".into(),
                file: "a.xlsx".into(),
                sheet: None,
                others: vec![OtherForm {
                    file: Some("b.xlsx".into()),
                    sheet: None,
                }],
            },
            Message::NotOnRoster {
                unit: "Phòng Tư pháp".into(),
            },
            Message::Superseded {
                by: "hop-thu.mbox › tu-phap.xlsx".into(),
            },
        ]
    }

    #[test]
    fn every_message_has_a_text_in_each_language_and_a_code() {
        let loc = Loc::new("Tự đánh giá", Addr::new(11, 5));
        let mut codes = std::collections::BTreeSet::new();
        for what in every_variant() {
            codes.insert(what.code());
            for f in [
                Finding::at(&loc, what.clone()),
                Finding::on_sheet("Tự đánh giá", what.clone()),
                Finding::new(what.clone()),
            ] {
                let (vi, en) = (f.message(Lang::Vi), f.message(Lang::En));
                assert!(vi.ends_with('.') || vi.ends_with(')'), "{vi}");
                assert!(en.ends_with('.') || en.ends_with(')'), "{en}");
                assert_ne!(vi, en);
            }
            let vi = Finding::at(&loc, what.clone()).message(Lang::Vi);
            // A message about a cell names it, when the text is about it.
            if vi.contains("F12") {
                assert!(vi.starts_with("Ô F12 (trang 'Tự đánh giá')"), "{vi}");
            }
        }
        // Every code of the catalogue has a message (a new code: add its
        // variant to `every_variant`).
        let all: std::collections::BTreeSet<Code> = Code::ALL.iter().copied().collect();
        assert_eq!(codes, all);
    }

    #[test]
    fn numbers_are_written_each_language_s_way() {
        let f = Finding::at(
            &Loc::new("Phụ lục 1", Addr::new(9, 2)),
            Message::BalanceMismatch {
                found: Decimal::from(2_500_000),
                expected: Decimal::from(2_998_000),
                income: Decimal::from(9_398_000),
                expense: Decimal::from(6_400_000),
            },
        );
        assert_eq!(
            f.message(Lang::Vi),
            "Ô C10 (trang 'Phụ lục 1'): tồn quỹ ghi 2.500.000 đồng, nhưng tổng thu 9.398.000 − tổng chi 6.400.000 = 2.998.000 đồng. Sửa ô C10 thành 2.998.000, hoặc sửa lại tổng thu, tổng chi."
        );
        assert!(
            f.message(Lang::En)
                .contains("income 9,398,000 − expense 6,400,000 = 2,998,000 VND")
        );
    }
}
