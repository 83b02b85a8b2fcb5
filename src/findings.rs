//! The catalogue of findings: stable codes and their severity (the one
//! place codes live), and what each finding says as data.
//!
//! A finding is a [`Code`], where it points (sheet, cell) and a
//! [`Message`]: a typed value holding what the message names (the
//! criterion, the number found, the number expected, the other cells). Its
//! text is rendered at the edge, in the language asked for
//! ([`Finding::message`]); the JSON carries the values beside it. Codes are
//! stable: add new ones, never rename one (docs/INTERFACE.md).
//!
//! # Adding a finding
//!
//! 1. A code in the `codes!` table below (stable kebab-case name,
//!    severity, titles), if no existing code fits.
//! 2. A variant of [`Message`] (findings/message.rs) holding the values the
//!    message names, and its code in [`Message::code`].
//! 3. Its text in findings/text.rs, Vietnamese and English, naming the
//!    cell, the value found, what was expected and how to fix it.
//! 4. Where the problem is found, push the finding:
//!
//! ```
//! use dvht::cells::Addr;
//! use dvht::findings::{Code, Finding, Lang, Message};
//! use dvht::form::Loc;
//! let loc = Loc::new("Tự đánh giá", Addr::new(0, 0));
//! let f = Finding::at(&loc, Message::YearMismatch { found: 2022, expected: 2023 });
//! assert_eq!(f.code, Code::YearMismatch);
//! assert!(f.message(Lang::Vi).starts_with("Ô A1 (trang 'Tự đánh giá'): biểu mẫu ghi năm 2022"));
//! assert!(f.message(Lang::En).contains("the year being consolidated is 2023"));
//! ```
//!
//! 5. An example of the variant in `every_variant` (findings/text.rs): the
//!    test fails until every code of the catalogue has one.
//!
//! No pair of strings anywhere else: the compiler then asks for the code
//! and both texts of every new variant.

mod message;
mod team_text;
mod text;

pub use message::{
    Criterion, Expect, Message, Orphan, OtherForm, Subject, Suggestion, SuggestionFrom, TypedAt,
    TypedWhat, Unattainable,
};

use crate::form::Loc;
use serde::Serialize;
use std::fmt;

/// How serious a finding is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Error,
    Warning,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
        }
    }
}

/// Output language.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum)]
pub enum Lang {
    #[default]
    Vi,
    En,
}

macro_rules! codes {
    ($( $variant:ident = $code:literal, $sev:ident, $title_vi:literal, $title_en:literal; )*) => {
        /// Every finding code, with its stable name.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub enum Code { $( $variant, )* }

        impl Code {
            /// All codes, in catalogue order.
            pub const ALL: &'static [Code] = &[ $( Code::$variant, )* ];

            /// The stable name used in JSON ("score-above-max").
            pub fn as_str(self) -> &'static str {
                match self { $( Code::$variant => $code, )* }
            }

            /// The severity this code has.
            pub fn severity(self) -> Severity {
                match self { $( Code::$variant => Severity::$sev, )* }
            }

            /// A one-line description of the code.
            pub fn title(self, lang: Lang) -> &'static str {
                match (self, lang) {
                    $( (Code::$variant, Lang::Vi) => $title_vi,
                       (Code::$variant, Lang::En) => $title_en, )*
                }
            }
        }
    };
}

codes! {
    Skipped = "skipped", Warning,
        "Không phải biểu mẫu cần đọc", "Not a form to read";
    NotASpreadsheet = "not-a-spreadsheet", Error,
        "Tệp mang tên bảng tính nhưng không phải bảng tính", "Named like a spreadsheet but is not one";
    Encrypted = "encrypted", Error,
        "Bảng tính có mật khẩu", "Password-protected workbook";
    Unreadable = "unreadable", Error,
        "Bảng tính hỏng hoặc không đọc được", "Corrupt or truncated workbook";
    SheetTooLarge = "sheet-too-large", Error,
        "Trang tính quá lớn, đã dừng đọc", "Sheet far larger than any form; reading stopped";
    NoRubricTable = "no-rubric-table", Error,
        "Không tìm thấy bảng Phụ lục 2", "No Phụ lục 2 table in the workbook";
    MissingCriterion = "missing-criterion", Error,
        "Thiếu dòng tiêu chí", "A criterion row is missing";
    MissingSelfScore = "missing-self-score", Warning,
        "Chưa có điểm tự chấm", "No self-score on a criterion row";
    NotANumber = "not-a-number", Error,
        "Giá trị không phải là số", "A value that cannot be read as a number";
    FormulaNoValue = "formula-no-value", Error,
        "Công thức không có giá trị lưu sẵn", "A formula cell without a cached value";
    ScoreAboveMax = "score-above-max", Error,
        "Điểm tự chấm vượt điểm tối đa", "Self-score above the maximum";
    ScoreNegative = "score-negative", Error,
        "Điểm tự chấm âm", "Negative self-score";
    ScoreUnattainable = "score-unattainable", Warning,
        "Điểm tự chấm không thể có theo cách chấm", "A self-score the rule can never give";
    GroupSumMismatch = "group-sum-mismatch", Warning,
        "Điểm nhóm không bằng tổng các tiêu chí con", "A group row that is not the sum of its items";
    TotalMismatch = "total-mismatch", Warning,
        "Tổng cộng không bằng tổng các tiêu chí", "The total row is not the sum of the criteria";
    ClassificationMismatch = "classification-mismatch", Warning,
        "Xếp loại ghi không đúng với tổng điểm", "The written classification is not the band of the total";
    MembersMissing = "members-missing", Error,
        "Thiếu tổng số thành viên", "Counts given but no total number of members";
    CountInvalid = "count-invalid", Error,
        "Số lượng âm hoặc không phải số nguyên", "A count that is negative or not whole";
    CountAboveTotal = "count-above-total", Error,
        "Số lượng lớn hơn tổng số thành viên", "A count larger than the number of members";
    PercentOutOfRange = "percent-out-of-range", Error,
        "Tỷ lệ ngoài khoảng 0–100%", "A percentage outside 0–100";
    PercentMismatch = "percent-mismatch", Warning,
        "Tỷ lệ không khớp với số lượng / tổng số", "A percentage that does not match count / members";
    SelfComputedDiffer = "self-computed-differ", Warning,
        "Điểm tự chấm khác điểm tính từ số liệu", "Self-score differs from the computed score";
    UnitNameMissing = "unit-name-missing", Error,
        "Thiếu tên đơn vị", "No unit name on the form";
    YearMismatch = "year-mismatch", Warning,
        "Năm của biểu mẫu khác năm đang tổng hợp", "The form's year is not the year being consolidated";
    DuplicateUnit = "duplicate-unit", Warning,
        "Một đơn vị gửi nhiều tệp", "Two files for the same unit";
    DuesMismatch = "dues-mismatch", Warning,
        "Hội phí không bằng số hội viên đóng × mức hội phí", "Dues amount is not payers × rate";
    BalanceMismatch = "balance-mismatch", Warning,
        "Tồn quỹ không bằng tổng thu − tổng chi", "Balance is not income − expense";
    PayersExceedMembers = "payers-exceed-members", Error,
        "Số hội viên đóng hội phí lớn hơn số hội viên", "More dues payers than members";
    PartyMembersExceed = "party-members-exceed", Error,
        "Số hội viên là Đảng viên vượt số hội viên hoặc số Đảng viên", "Members who are party members exceed members or party members";
    DossierIncomplete = "dossier-incomplete", Warning,
        "Hồ sơ minh chứng chưa đủ", "A dossier document marked absent, or the checklist missing";
    Superseded = "superseded", Warning,
        "Đã có bản gửi sau thay thế", "A newer submission of the same unit replaces this one";
    NotOnRoster = "not-on-roster", Warning,
        "Đơn vị không có trong danh sách", "A unit not on the roster (--expected)";
    TeamScoreOrphaned = "team-score-orphaned", Warning,
        "Điểm, ghi chú của đoàn không còn chỗ để chuyển sang", "A team score or note whose unit or criterion is gone";
    TeamScoreConflict = "team-score-conflict", Error,
        "Hai bảng chấm ghi điểm khác nhau cho cùng một tiêu chí", "Two workbooks give one criterion different team scores";
}

impl fmt::Display for Code {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// One thing found wrong with a file or a form: its code, where it points
/// and what it says, as data ([`Message`]). The text is made when it is
/// shown, in the language asked for ([`Finding::message`]).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Finding {
    pub code: Code,
    pub severity: Severity,
    pub sheet: Option<String>,
    /// A1 address.
    pub cell: Option<String>,
    /// What was found: the values the message names.
    pub what: Message,
}

impl Finding {
    /// A finding about the whole file or form (no cell).
    pub fn new(what: Message) -> Finding {
        let code = what.code();
        Finding {
            code,
            severity: code.severity(),
            sheet: None,
            cell: None,
            what,
        }
    }

    /// A finding about one cell (its message names the cell too, for a
    /// reader who sees only the text: "Ô F12 (trang …)").
    pub fn at(loc: &Loc, what: Message) -> Finding {
        Finding {
            sheet: Some(loc.sheet.clone()),
            cell: Some(loc.addr.to_string()),
            ..Finding::new(what)
        }
    }

    /// A finding about a sheet, no particular cell.
    pub fn on_sheet(sheet: &str, what: Message) -> Finding {
        Finding {
            sheet: Some(sheet.to_string()),
            ..Finding::new(what)
        }
    }

    /// The message in a language, naming the value found and what was
    /// expected.
    pub fn message(&self, lang: Lang) -> String {
        let at = text::At {
            sheet: self.sheet.as_deref().unwrap_or_default(),
            cell: self.cell.as_deref().unwrap_or_default(),
        };
        self.what.text(at, lang)
    }
}

/// A decimal as a language writes it: "9,5" / "9.5".
pub fn num(d: rust_decimal::Decimal, lang: Lang) -> String {
    match lang {
        Lang::Vi => num_vi(d),
        Lang::En => num_en(d),
    }
}

/// Formats a decimal the Vietnamese way: "9,5", "1.200.000".
pub fn num_vi(d: rust_decimal::Decimal) -> String {
    let s = d.normalize().to_string();
    let (neg, s) = match s.strip_prefix('-') {
        Some(r) => (true, r.to_string()),
        None => (false, s),
    };
    let (int, frac) = match s.split_once('.') {
        Some((i, f)) => (i.to_string(), Some(f.to_string())),
        None => (s, None),
    };
    let mut grouped = String::new();
    for (i, c) in int.chars().enumerate() {
        if i > 0 && (int.len() - i) % 3 == 0 {
            grouped.push('.');
        }
        grouped.push(c);
    }
    let mut out = if neg { format!("-{grouped}") } else { grouped };
    if let Some(f) = frac {
        out.push(',');
        out.push_str(&f);
    }
    out
}

/// Formats a decimal the English way: "9.5", "1,200,000".
pub fn num_en(d: rust_decimal::Decimal) -> String {
    num_vi(d)
        .replace('.', "\u{0}")
        .replace(',', ".")
        .replace('\u{0}', ",")
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal::Decimal;
    use std::collections::HashSet;
    use std::str::FromStr;

    #[test]
    fn codes_are_unique_and_kebab_case() {
        let mut seen = HashSet::new();
        for c in Code::ALL {
            assert!(seen.insert(c.as_str()), "duplicate {c}");
            assert!(
                c.as_str()
                    .chars()
                    .all(|ch| ch.is_ascii_lowercase() || ch == '-')
            );
        }
        assert_eq!(Code::ALL.len(), 34);
        assert_eq!(Code::ScoreAboveMax.severity(), Severity::Error);
        assert_eq!(Code::Skipped.severity(), Severity::Warning);
    }

    #[test]
    fn numbers_read_naturally() {
        let d = |s: &str| Decimal::from_str(s).unwrap();
        assert_eq!(num_vi(d("9.5")), "9,5");
        assert_eq!(num_vi(d("1200000")), "1.200.000");
        assert_eq!(num_vi(d("-12000.50")), "-12.000,5");
        assert_eq!(num_vi(d("100")), "100");
        assert_eq!(num_en(d("1200000.5")), "1,200,000.5");
    }
}
