//! The words dvht's own workbooks are written with and read back by.
//!
//! The district workbook, the team workbooks of `dvht plan` and the result
//! workbook of `dvht finalize` are written with these sheet names and
//! labels, and read back ([`crate::readback`]) and recognised
//! ([`crate::own`]) by the same constants, compared as labels are (case,
//! spacing and diacritics aside: [`crate::text::fold_ascii`]). Changing one
//! here changes writer and reader together; workbooks written before still
//! read as long as the old words stay among the accepted ones.

/// Header of the criterion id column of a scoring table ("1a", "3a2").
pub const HEAD_ID: &str = "Mã";
/// Header of the criterion text.
pub const HEAD_TEXT: &str = "Nội dung tiêu chí";
pub const HEAD_MAX: &str = "Điểm tối đa";
/// The five scores' headings, one word per concept ([`crate::terms`]).
pub const HEAD_SELF: &str = crate::terms::SELF.heading_vi;
pub const HEAD_COMPUTED: &str = crate::terms::COMPUTED.heading_vi;
/// dvht's proposed score (computed where there is evidence, else self).
pub const HEAD_PROPOSED: &str = crate::terms::PROPOSED.heading_vi;
/// The column the inspection team types into.
pub const HEAD_TEAM: &str = crate::terms::TEAM.heading_vi;
/// The team's score where typed, else the proposed one (a formula).
pub const HEAD_FINAL: &str = crate::terms::CONCLUDED.heading_vi;
/// The team's note on a criterion (typed).
pub const HEAD_NOTE: &str = "Ghi chú của đoàn kiểm tra";
pub const HEAD_EXPLAIN: &str = "Giải thích";
/// On "Chi tiết": the unit's number, name and file on every row.
pub const HEAD_NO: &str = "TT";
pub const HEAD_UNIT: &str = "Đơn vị";
pub const HEAD_FILE: &str = "Tệp";

/// On a unit's own sheet: the label whose right-hand neighbour holds the
/// unit's name, and the one whose neighbour holds its file.
pub const LABEL_UNIT: &str = "Đơn vị:";
pub const LABEL_FILE: &str = "Tệp:";

/// The id of a unit's total row in the "Mã" column, and of its
/// classification row.
pub const ROW_TOTAL: &str = "total";
pub const ROW_CLASS: &str = "class";

/// Headers of a findings table (a unit's sheet, "Phát hiện").
pub const HEAD_SEVERITY: &str = "Mức độ";
pub const HEAD_CRITERION: &str = "Tiêu chí";
pub const HEAD_SHEET: &str = "Trang";
pub const HEAD_CELL: &str = "Ô";
pub const HEAD_CODE: &str = "Mã lỗi";
/// What a finding is: its code's Vietnamese title ("Phát hiện" sheet).
pub const HEAD_ISSUE: &str = "Vấn đề";
pub const HEAD_MESSAGE: &str = "Phát hiện";
/// How a finding's severity is written.
pub const SEVERITY_ERROR: &str = "Lỗi";
pub const SEVERITY_WARNING: &str = "Cảnh báo";

/// Sheets of the result workbook of `dvht finalize`.
pub const SHEET_RESULT: &str = "Kết quả";
pub const SHEET_PROPOSED: &str = "Đề nghị công nhận";
pub const SHEET_CHANGES: &str = "Thay đổi của đoàn";

/// The title (or a sheet name) the schedule workbook of `dvht plan`
/// begins with.
pub const SCHEDULE_TITLE: &str = "Lịch kiểm tra";
