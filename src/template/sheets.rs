//! The three sheets of the standard form, cell by cell.

use super::{FilledForm, SHEET_DOSSIER, SHEET_PL1, SHEET_SELF, Typed};
use crate::form::{DossierDoc, Pl1Field};
use crate::rubric::{Item, Rubric, Rule};
use rust_decimal::Decimal;
use rust_decimal::prelude::ToPrimitive;
use rust_xlsxwriter::{
    Color, DataValidation, DataValidationRule, DocProperties, ExcelDateTime, Format, FormatAlign,
    FormatBorder, Formula, Workbook, Worksheet, XlsxError,
};
use std::collections::HashMap;

/// Columns of the rubric table (0-based).
const COL_STT: u16 = 0;
const COL_TEXT: u16 = 1;
const COL_MAX: u16 = 2;
const COL_EVIDENCE: u16 = 3;
const COL_RATE: u16 = 4;
const COL_SELF: u16 = 5;
const COL_NOTE: u16 = 6;
const LAST_COL: u16 = COL_NOTE;

/// Rows of the "Tự đánh giá" sheet (0-based).
const ROW_TITLE: u32 = 0;
const ROW_SUBTITLE: u32 = 1;
const ROW_UNIT: u32 = 3;
const ROW_MEMBERS: u32 = 4;
const ROW_LEGEND: u32 = 5;
const ROW_SECTION: u32 = 6;
const ROW_HEADER: u32 = 7;
const ROW_FIRST_ITEM: u32 = 8;

/// The header of the rubric table, in column order (the extractor's labels).
pub const HEADER: [&str; 7] = [
    "STT",
    "Nội dung tiêu chí",
    "Điểm số tối đa",
    "Số liệu",
    "Tỷ lệ",
    "Điểm tự chấm",
    "Ghi chú",
];

const FONT: &str = "Times New Roman";
const INPUT_FILL: u32 = 0xFFF2CC;
const A4: u8 = 9;

struct Styles {
    title: Format,
    subtitle: Format,
    label: Format,
    section: Format,
    legend: Format,
    swatch: Format,
    header: Format,
    stt: Format,
    stt_bold: Format,
    text: Format,
    text_bold: Format,
    italic: Format,
    number: Format,
    number_bold: Format,
    blank: Format,
    percent: Format,
    input: Format,
    input_left: Format,
    input_money: Format,
    note_input: Format,
    plain: Format,
    sign: Format,
    sign_bold: Format,
    sign_italic: Format,
}

impl Styles {
    fn new() -> Styles {
        let base = Format::new().set_font_name(FONT).set_font_size(12);
        let cell = base
            .clone()
            .set_border(FormatBorder::Thin)
            .set_align(FormatAlign::VerticalCenter)
            .set_text_wrap();
        let center = cell.clone().set_align(FormatAlign::Center);
        let input = center
            .clone()
            .set_background_color(Color::RGB(INPUT_FILL))
            .set_unlocked();
        Styles {
            title: base
                .clone()
                .set_bold()
                .set_font_size(14)
                .set_align(FormatAlign::Center)
                .set_align(FormatAlign::VerticalCenter)
                .set_text_wrap(),
            subtitle: base
                .clone()
                .set_italic()
                .set_align(FormatAlign::Center)
                .set_text_wrap(),
            label: base
                .clone()
                .set_bold()
                .set_align(FormatAlign::VerticalCenter),
            section: base.clone().set_bold(),
            legend: base
                .clone()
                .set_italic()
                .set_font_size(11)
                .set_text_wrap()
                .set_align(FormatAlign::VerticalCenter),
            swatch: base
                .clone()
                .set_border(FormatBorder::Thin)
                .set_background_color(Color::RGB(INPUT_FILL)),
            header: center.clone().set_bold(),
            stt: center.clone(),
            stt_bold: center.clone().set_bold(),
            text: cell.clone(),
            text_bold: cell.clone().set_bold(),
            italic: base.clone().set_italic(),
            number: center.clone(),
            number_bold: center.clone().set_bold(),
            blank: center.clone(),
            percent: center.clone().set_num_format("0.00%"),
            input_left: input.clone().set_align(FormatAlign::Left),
            input_money: input.clone().set_num_format("#,##0"),
            input,
            note_input: cell.clone().set_unlocked(),
            plain: base.clone().set_text_wrap(),
            sign: base.clone().set_align(FormatAlign::Center),
            sign_bold: base.clone().set_bold().set_align(FormatAlign::Center),
            sign_italic: base.set_italic().set_align(FormatAlign::Center),
        }
    }
}

/// Builds the workbook of a (blank or filled) form.
pub(super) fn build(rubric: &Rubric, form: &FilledForm) -> Result<Workbook, XlsxError> {
    let st = Styles::new();
    let mut wb = Workbook::new();
    let created = ExcelDateTime::from_ymd(form.year as u16, 1, 1)?;
    let props = DocProperties::new()
        .set_title(format!(
            "Báo cáo kết quả đánh giá, xếp loại Đơn vị học tập năm {}",
            form.year
        ))
        .set_subject("Biểu mẫu tự đánh giá theo Thông tư 22/2020/TT-BGDĐT")
        .set_author("dvht")
        .set_comment("Ô nền vàng nhạt là ô đơn vị điền.")
        .set_creation_datetime(&created);
    let props = crate::own::mark(props, crate::own::OwnKind::Template);
    wb.set_properties(&props);

    let ws = wb.add_worksheet();
    self_sheet(ws, rubric, form, &st)?;
    let ws = wb.add_worksheet();
    pl1_sheet(ws, rubric, form, &st)?;
    let ws = wb.add_worksheet();
    dossier_sheet(ws, form, &st)?;
    Ok(wb)
}

/// A4 portrait, one page wide, centred, page numbers; locked but for the
/// input cells; no gridlines on screen.
fn page_setup(ws: &mut Worksheet) {
    ws.set_paper_size(A4)
        .set_portrait()
        .set_print_fit_to_pages(1, 0)
        .set_print_center_horizontally(true)
        .set_margins(0.6, 0.5, 0.6, 0.6, 0.3, 0.3)
        .set_footer("&CTrang &P/&N")
        .set_screen_gridlines(false)
        // Formulas whose cached value is "" (blank) must not show 0.
        .set_formula_result_default("")
        .protect();
}

/// The cell reference "F9" of a 0-based row and column.
fn cell_ref(row: u32, col: u16) -> String {
    rust_xlsxwriter::utility::row_col_to_cell(row, col)
}

/// References to the cells of `rows` in `col`, contiguous runs as ranges:
/// "F9:F11,F13".
fn refs(rows: &[u32], col: u16) -> String {
    let mut parts: Vec<String> = Vec::new();
    let mut i = 0;
    while i < rows.len() {
        let mut j = i;
        while j + 1 < rows.len() && rows[j + 1] == rows[j] + 1 {
            j += 1;
        }
        parts.push(if i == j {
            cell_ref(rows[i], col)
        } else {
            format!("{}:{}", cell_ref(rows[i], col), cell_ref(rows[j], col))
        });
        i = j + 1;
    }
    parts.join(",")
}

/// A decimal as the cached value of a formula.
fn result(d: Decimal) -> String {
    d.normalize().to_string()
}

fn to_f64(d: Decimal) -> f64 {
    d.to_f64().unwrap_or(0.0)
}

/// Writes a typed value into an input cell.
fn write_typed(
    ws: &mut Worksheet,
    row: u32,
    col: u16,
    v: Option<&Typed>,
    fmt: &Format,
) -> Result<(), XlsxError> {
    match v {
        None => ws.write_blank(row, col, fmt)?,
        Some(Typed::Number(d)) => ws.write_number_with_format(row, col, to_f64(*d), fmt)?,
        Some(Typed::Text(s)) => ws.write_string_with_format(row, col, s, fmt)?,
    };
    Ok(())
}

fn validation_texts(
    dv: DataValidation,
    title: &str,
    message: &str,
    error: &str,
) -> Result<DataValidation, XlsxError> {
    dv.set_input_title(title)?
        .set_input_message(message)?
        .set_error_title("Giá trị không hợp lệ")?
        .set_error_message(error)
}

fn yes_no_validation(message: &str) -> Result<DataValidation, XlsxError> {
    let dv = DataValidation::new().allow_list_strings(&["Có", "Không"])?;
    validation_texts(
        dv,
        "Có hoặc Không",
        message,
        "Chỉ chọn “Có” hoặc “Không” trong danh sách.",
    )
}

fn count_validation(
    title: &str,
    message: &str,
    max: Option<i32>,
) -> Result<DataValidation, XlsxError> {
    let (rule, error) = match max {
        Some(m) => (
            DataValidationRule::Between(0, m),
            format!("Nhập số nguyên từ 0 đến {m}."),
        ),
        None => (
            DataValidationRule::GreaterThanOrEqualTo(0),
            "Nhập số nguyên từ 0 trở lên (không ghi chữ, không ghi số lẻ).".to_string(),
        ),
    };
    validation_texts(
        DataValidation::new().allow_whole_number(rule),
        title,
        message,
        &error,
    )
}

/// 0 ≤ score ≤ max, in steps of 0.5.
fn score_validation(row: u32, max: Decimal) -> Result<DataValidation, XlsxError> {
    let c = cell_ref(row, COL_SELF);
    let max_s = result(max);
    let max_vi = crate::findings::num_vi(max);
    let dv = DataValidation::new().allow_custom(Formula::new(format!(
        "AND(ISNUMBER({c}),{c}>=0,{c}<={max_s},MOD({c}*2,1)=0)"
    )));
    validation_texts(
        dv,
        "Điểm tự chấm",
        &format!("Điểm từ 0 đến {max_vi}, theo bước 0,5 (ví dụ 9,5)."),
        &format!("Điểm tự chấm phải là số từ 0 đến {max_vi} và chia hết cho 0,5."),
    )
}

/// The row of each rubric item, by id.
type RowOf<'r> = HashMap<&'r str, u32>;
/// The value each self-score cell shows, by item id.
type Shown<'r> = HashMap<&'r str, Option<Decimal>>;

/// The Phụ lục 2 table and its header.
fn self_sheet(
    ws: &mut Worksheet,
    rubric: &Rubric,
    form: &FilledForm,
    st: &Styles,
) -> Result<(), XlsxError> {
    ws.set_name(SHEET_SELF)?;
    page_setup(ws);
    for (col, width) in [8.0, 56.0, 9.0, 10.0, 10.0, 10.0, 14.0].iter().enumerate() {
        ws.set_column_width(col as u16, *width)?;
    }
    let year = form.year;

    ws.merge_range(
        ROW_TITLE,
        0,
        ROW_TITLE,
        LAST_COL,
        &format!("BÁO CÁO\nKẾT QUẢ ĐÁNH GIÁ, XẾP LOẠI “ĐƠN VỊ HỌC TẬP” NĂM {year}"),
        &st.title,
    )?;
    ws.set_row_height(ROW_TITLE, 40)?;
    ws.merge_range(
        ROW_SUBTITLE,
        0,
        ROW_SUBTITLE,
        LAST_COL,
        "(Phụ lục 2 – theo Thông tư số 22/2020/TT-BGDĐT ngày 06/8/2020 của Bộ Giáo dục và Đào tạo)",
        &st.subtitle,
    )?;

    // I. Đơn vị: [name]
    ws.merge_range(ROW_UNIT, 0, ROW_UNIT, COL_TEXT, "I. Đơn vị:", &st.label)?;
    ws.merge_range(ROW_UNIT, COL_MAX, ROW_UNIT, LAST_COL, "", &st.input_left)?;
    if !form.unit.is_empty() {
        ws.write_string_with_format(ROW_UNIT, COL_MAX, &form.unit, &st.input_left)?;
    }
    ws.add_data_validation(
        ROW_UNIT,
        COL_MAX,
        ROW_UNIT,
        COL_MAX,
        &validation_texts(
            DataValidation::new().allow_any_value(),
            "Tên đơn vị",
            "Ghi đầy đủ tên cơ quan, đơn vị (ví dụ: Phòng Tư pháp).",
            "",
        )?,
    )?;
    // Tổng số thành viên [n]
    ws.merge_range(
        ROW_MEMBERS,
        0,
        ROW_MEMBERS,
        COL_TEXT,
        "Tổng số thành viên",
        &st.label,
    )?;
    write_typed(ws, ROW_MEMBERS, COL_MAX, form.members.as_ref(), &st.input)?;
    ws.add_data_validation(
        ROW_MEMBERS,
        COL_MAX,
        ROW_MEMBERS,
        COL_MAX,
        &validation_texts(
            DataValidation::new().allow_whole_number(DataValidationRule::GreaterThanOrEqualTo(1)),
            "Tổng số thành viên",
            "Tổng số cán bộ, công chức, viên chức và người lao động của đơn vị (số nguyên).",
            "Nhập số nguyên từ 1 trở lên.",
        )?,
    )?;
    ws.write_blank(ROW_LEGEND, 0, &st.swatch)?;
    ws.merge_range(
        ROW_LEGEND,
        COL_TEXT,
        ROW_LEGEND,
        LAST_COL,
        "Ô nền vàng nhạt là ô đơn vị điền; các ô khác đã khóa để tránh sửa nhầm \
         (mở khóa: Review → Unprotect Sheet, không có mật khẩu).",
        &st.legend,
    )?;
    ws.set_row_height(ROW_LEGEND, 30)?;
    ws.write_string_with_format(
        ROW_SECTION,
        0,
        "II. Kết quả đánh giá, xếp loại",
        &st.section,
    )?;
    for (col, h) in HEADER.iter().enumerate() {
        ws.write_string_with_format(ROW_HEADER, col as u16, *h, &st.header)?;
    }
    ws.set_row_height(ROW_HEADER, 32)?;
    ws.set_repeat_rows(ROW_HEADER, ROW_HEADER)?;
    ws.set_freeze_panes(ROW_FIRST_ITEM, 0)?;
    let (row_of, shown) = self_items(ws, rubric, form, st)?;
    let row_class = self_total(ws, rubric, form, st, &row_of, &shown)?;
    self_footer(ws, row_class, year, st)
}

/// The criterion rows: the leaves' inputs and validations, then the group
/// sums. Returns each item's row, and the value each self-score cell shows
/// (for the cached results of the sums).
fn self_items<'r>(
    ws: &mut Worksheet,
    rubric: &'r Rubric,
    form: &FilledForm,
    st: &Styles,
) -> Result<(RowOf<'r>, Shown<'r>), XlsxError> {
    let members = form.members.as_ref().and_then(Typed::number);
    let members_ref = format!("$C${}", ROW_MEMBERS + 1);
    let row_of: HashMap<&str, u32> = rubric
        .items
        .iter()
        .enumerate()
        .map(|(i, it)| (it.id.as_str(), ROW_FIRST_ITEM + i as u32))
        .collect();
    // The value each self-score cell shows, for the cached values of the sums.
    let mut shown: HashMap<&str, Option<Decimal>> = HashMap::new();
    let empty = super::FilledItem::default();
    // Leaves first (their values feed the group sums), then groups deepest first.
    for (i, item) in rubric.items.iter().enumerate() {
        let row = ROW_FIRST_ITEM + i as u32;
        let filled = form.items.get(&item.id).unwrap_or(&empty);
        criterion_cells(ws, rubric, item, row, st)?;
        if item.is_group() {
            continue;
        }
        write_typed(ws, row, COL_EVIDENCE, filled.evidence.as_ref(), &st.input)?;
        let ev_msg = item.evidence.as_deref().unwrap_or("Số liệu minh chứng");
        let dv = match &item.rule {
            Rule::YesNo => yes_no_validation(ev_msg)?,
            Rule::DeductPerMissing { of, .. } => count_validation(
                "Số liệu",
                &format!("{ev_msg}: tài chính, cơ sở vật chất, trang thiết bị, điều kiện đảm bảo."),
                Some(*of as i32),
            )?,
            Rule::PercentSteps { .. } => validation_texts(
                DataValidation::new().allow_whole_number_formula(DataValidationRule::Between(
                    Formula::new("0"),
                    Formula::new(members_ref.as_str()),
                )),
                "Số liệu",
                &format!("{ev_msg} (số người, không ghi %)."),
                "Nhập số người, số nguyên từ 0 đến tổng số thành viên (ô C5; ghi tổng số \
                 thành viên trước).",
            )?,
            Rule::PerUnit { .. } | Rule::Group => count_validation("Số liệu", ev_msg, None)?,
        };
        ws.add_data_validation(row, COL_EVIDENCE, row, COL_EVIDENCE, &dv)?;
        if item.rule.is_member_count() {
            let d = cell_ref(row, COL_EVIDENCE);
            let cached = match (filled.evidence.as_ref(), members) {
                (None, _) => String::new(),
                (Some(_), m) if m.is_none_or(|m| m <= Decimal::ZERO) => String::new(),
                (Some(Typed::Text(_)), _) => "#VALUE!".to_string(),
                (Some(Typed::Number(c)), Some(m)) => result((*c / m).round_dp(15)),
                (Some(Typed::Number(_)), None) => String::new(),
            };
            ws.write_formula_with_format(
                row,
                COL_RATE,
                Formula::new(format!(
                    "IF(OR({d}=\"\",N({members_ref})<=0),\"\",{d}/{members_ref})"
                ))
                .set_result(cached),
                &st.percent,
            )?;
        } else {
            ws.write_blank(row, COL_RATE, &st.blank)?;
        }
        write_typed(ws, row, COL_SELF, filled.self_score.as_ref(), &st.input)?;
        ws.add_data_validation(
            row,
            COL_SELF,
            row,
            COL_SELF,
            &score_validation(row, item.max)?,
        )?;
        match &filled.note {
            Some(n) => ws.write_string_with_format(row, COL_NOTE, n, &st.note_input)?,
            None => ws.write_blank(row, COL_NOTE, &st.note_input)?,
        };
        shown.insert(
            item.id.as_str(),
            filled.self_score.as_ref().and_then(Typed::number),
        );
    }
    for item in rubric.items.iter().rev().filter(|i| i.is_group()) {
        let row = row_of.get(item.id.as_str()).copied().unwrap_or(0);
        let kids: Vec<&Item> = rubric.children(&item.id).collect();
        let rows: Vec<u32> = kids
            .iter()
            .filter_map(|k| row_of.get(k.id.as_str()).copied())
            .collect();
        let sum = sum_shown(kids.iter().map(|k| k.id.as_str()), &shown);
        let typed = form.items.get(&item.id).and_then(|f| f.self_score.as_ref());
        let value = sum_cell(ws, row, &rows, sum, typed, &st.number_bold)?;
        shown.insert(item.id.as_str(), value);
        ws.write_blank(row, COL_EVIDENCE, &st.blank)?;
        ws.write_blank(row, COL_RATE, &st.blank)?;
        ws.write_blank(row, COL_NOTE, &st.blank)?;
    }
    Ok((row_of, shown))
}

/// "Tổng cộng" and "Xếp loại"; returns the row of "Xếp loại".
fn self_total(
    ws: &mut Worksheet,
    rubric: &Rubric,
    form: &FilledForm,
    st: &Styles,
    row_of: &RowOf,
    shown: &Shown,
) -> Result<u32, XlsxError> {
    // Tổng cộng and Xếp loại.
    let row_total = ROW_FIRST_ITEM + rubric.items.len() as u32;
    let row_class = row_total + 1;
    let tops: Vec<u32> = rubric
        .top_level()
        .filter_map(|t| row_of.get(t.id.as_str()).copied())
        .collect();
    let top_sum = sum_shown(rubric.top_level().map(|t| t.id.as_str()), shown);
    ws.write_blank(row_total, COL_STT, &st.stt)?;
    ws.write_string_with_format(row_total, COL_TEXT, "Tổng cộng", &st.text_bold)?;
    ws.write_number_with_format(
        row_total,
        COL_MAX,
        to_f64(rubric.total_max),
        &st.number_bold,
    )?;
    ws.write_blank(row_total, COL_EVIDENCE, &st.blank)?;
    ws.write_blank(row_total, COL_RATE, &st.blank)?;
    let total_value = sum_cell(
        ws,
        row_total,
        &tops,
        top_sum,
        form.total.as_ref(),
        &st.number_bold,
    )?;
    ws.write_blank(row_total, COL_NOTE, &st.blank)?;

    ws.write_blank(row_class, COL_STT, &st.stt)?;
    ws.write_string_with_format(row_class, COL_TEXT, "Xếp loại", &st.text_bold)?;
    for col in [COL_MAX, COL_EVIDENCE, COL_RATE, COL_NOTE] {
        ws.write_blank(row_class, col, &st.blank)?;
    }
    match &form.classification {
        Some(c) => {
            ws.write_string_with_format(row_class, COL_SELF, c, &st.number_bold)?;
        }
        None => {
            let leaf_rows: Vec<u32> = rubric
                .leaves()
                .filter_map(|l| row_of.get(l.id.as_str()).copied())
                .collect();
            let any_leaf = rubric
                .leaves()
                .any(|l| shown.get(l.id.as_str()).copied().flatten().is_some());
            let total_is_text = matches!(form.total, Some(Typed::Text(_)));
            let (formula, cached) = class_formula(
                rubric,
                &cell_ref(row_total, COL_SELF),
                &refs(&leaf_rows, COL_SELF),
                any_leaf,
                total_value,
                total_is_text,
            );
            ws.write_formula_with_format(
                row_class,
                COL_SELF,
                Formula::new(formula).set_result(cached),
                &st.number_bold,
            )?;
        }
    }
    Ok(row_class)
}

/// How to fill in, and the signature, below "Xếp loại".
fn self_footer(
    ws: &mut Worksheet,
    row_class: u32,
    year: i32,
    st: &Styles,
) -> Result<(), XlsxError> {
    // How to fill in, and the signature.
    let notes = [
        "Cách ghi cột “Số liệu”: tiêu chí Có/Không chọn “Có” hoặc “Không”; tiêu chí 1c ghi số \
         nguồn lực còn thiếu (0–4); tiêu chí 2a–2d ghi số thành viên đạt (số người); tiêu chí 3c \
         ghi số đơn vị khác đã được chia sẻ tri thức.",
        "Cột “Tỷ lệ”, điểm các nhóm tiêu chí, tổng điểm và xếp loại được tính tự động. Điểm tự \
         chấm ghi theo bước 0,5 điểm (ví dụ 9,5).",
    ];
    let mut row = row_class + 2;
    for n in notes {
        ws.merge_range(row, 0, row, LAST_COL, n, &st.legend)?;
        ws.set_row_height(row, 32)?;
        row += 1;
    }
    row += 1;
    ws.merge_range(
        row,
        COL_RATE,
        row,
        LAST_COL,
        &format!("...., ngày ... tháng ... năm {year}"),
        &st.sign_italic,
    )?;
    ws.merge_range(
        row + 1,
        COL_RATE,
        row + 1,
        LAST_COL,
        "THỦ TRƯỞNG",
        &st.sign_bold,
    )?;
    ws.merge_range(
        row + 2,
        COL_RATE,
        row + 2,
        LAST_COL,
        "(Ký, ghi rõ họ tên, đóng dấu)",
        &st.sign,
    )?;
    Ok(())
}

/// STT, criterion text with its italic note, and maximum of one row.
fn criterion_cells(
    ws: &mut Worksheet,
    rubric: &Rubric,
    item: &Item,
    row: u32,
    st: &Styles,
) -> Result<(), XlsxError> {
    let top = rubric.depth(&item.id) == 0;
    let stt = item.stt.as_deref().unwrap_or("");
    let stt_fmt = if top { &st.stt_bold } else { &st.stt };
    ws.write_string_with_format(row, COL_STT, stt, stt_fmt)?;
    let text_fmt = if top { &st.text_bold } else { &st.text };
    match &item.note {
        Some(note) => {
            let plain = if top {
                st.text_bold.clone().set_border(FormatBorder::None)
            } else {
                Format::new().set_font_name(FONT).set_font_size(12)
            };
            let head = format!("{} (", item.text);
            ws.write_rich_string_with_format(
                row,
                COL_TEXT,
                &[(&plain, head.as_str()), (&st.italic, note), (&plain, ")")],
                text_fmt,
            )?;
        }
        None => {
            ws.write_string_with_format(row, COL_TEXT, &item.text, text_fmt)?;
        }
    }
    let chars = item.text.chars().count() + item.note.as_ref().map_or(0, |n| n.chars().count() + 3);
    // About 64 characters of 12-point Times fit on a line of column B.
    let lines = chars.div_ceil(64).max(1);
    ws.set_row_height(row, 16.0 * lines as f64 + 3.0)?;
    let max_fmt = if top { &st.number_bold } else { &st.number };
    ws.write_number_with_format(row, COL_MAX, to_f64(item.max), max_fmt)?;
    Ok(())
}

/// The sum of the numbers the cells of these items show, None when none
/// shows a number (Excel's COUNT = 0).
fn sum_shown<'a>(
    ids: impl Iterator<Item = &'a str>,
    shown: &HashMap<&str, Option<Decimal>>,
) -> Option<Decimal> {
    let values: Vec<Decimal> = ids
        .filter_map(|id| shown.get(id).copied().flatten())
        .collect();
    (!values.is_empty()).then(|| values.iter().sum())
}

/// A SUM formula over the self-scores of `rows` (blank while none of them
/// holds a number) with its cached value, or the value a clerk typed over
/// it. Returns the number the cell shows.
fn sum_cell(
    ws: &mut Worksheet,
    row: u32,
    rows: &[u32],
    sum: Option<Decimal>,
    typed: Option<&Typed>,
    fmt: &Format,
) -> Result<Option<Decimal>, XlsxError> {
    match typed {
        Some(t) => {
            // A clerk typed over the formula: the cell is an input now.
            write_typed(ws, row, COL_SELF, Some(t), fmt)?;
            Ok(t.number())
        }
        None => {
            let cells = refs(rows, COL_SELF);
            ws.write_formula_with_format(
                row,
                COL_SELF,
                Formula::new(format!("IF(COUNT({cells})=0,\"\",SUM({cells}))"))
                    .set_result(sum.map(result).unwrap_or_default()),
                fmt,
            )?;
            Ok(sum)
        }
    }
}

/// The "Xếp loại" formula: blank until a self-score is given, else the
/// first band whose minimum the total reaches. Returns (formula, cached).
fn class_formula(
    rubric: &Rubric,
    total: &str,
    leaves: &str,
    any_leaf: bool,
    total_value: Option<Decimal>,
    total_is_text: bool,
) -> (String, String) {
    let mut expr = String::new();
    let mut closing = String::new();
    let last = rubric.bands.len().saturating_sub(1);
    for (i, b) in rubric.bands.iter().enumerate() {
        let name = b.name.replace('"', "\"\"");
        if i == last {
            expr.push_str(&format!("\"{name}\""));
        } else {
            expr.push_str(&format!("IF({total}>={},\"{name}\",", result(b.min)));
            closing.push(')');
        }
    }
    let formula = format!("IF(COUNT({leaves})=0,\"\",{expr}{closing})");
    let cached = if !any_leaf {
        String::new()
    } else if total_is_text {
        // Excel ranks any text above any number.
        rubric
            .bands
            .first()
            .map(|b| b.name.clone())
            .unwrap_or_default()
    } else {
        // A blank total compares as 0.
        let t = total_value.unwrap_or(Decimal::ZERO);
        rubric
            .bands
            .iter()
            .enumerate()
            .find(|(i, b)| *i == last || t >= b.min)
            .map(|(_, b)| b.name.clone())
            .unwrap_or_default()
    };
    (formula, cached)
}

/// The sections of Phụ lục 1: number, title, fields.
const PL1_SECTIONS: [(&str, &str, &[Pl1Field]); 3] = {
    use Pl1Field as P;
    [
        ("I", "Đặc điểm tình hình", &[P::Staff]),
        (
            "II",
            "Công tác tổ chức Ban Khuyến học cơ quan",
            &[
                P::MembersLastYear,
                P::Members,
                P::DuesPayers,
                P::DuesAmount,
                P::PartyMembers,
                P::MembersInParty,
            ],
        ),
        (
            "III",
            "Công tác khuyến học, khuyến tài",
            &[
                P::Gifts,
                P::GiftsAmount,
                P::Scholarships,
                P::ScholarshipsAmount,
                P::Income,
                P::Expense,
                P::Balance,
            ],
        ),
    ]
};

/// The formula of a Phụ lục 1 figure dvht computes (the dues amount, the
/// balance) and its cached result; `None` for a figure the unit types.
fn pl1_formula(
    f: Pl1Field,
    form: &FilledForm,
    rate: Decimal,
    row_of: &HashMap<Pl1Field, u32>,
) -> Option<(String, String)> {
    let value = |f: Pl1Field| form.pl1.get(&f);
    let num = |f: Pl1Field| value(f).and_then(Typed::number);
    let r = |f: Pl1Field| cell_ref(row_of.get(&f).copied().unwrap_or(0), 2);
    match f {
        Pl1Field::DuesAmount => {
            let p = r(Pl1Field::DuesPayers);
            let cached = match value(Pl1Field::DuesPayers) {
                None => String::new(),
                Some(Typed::Number(n)) => result(*n * rate),
                Some(Typed::Text(_)) => "#VALUE!".into(),
            };
            Some((format!("IF({p}=\"\",\"\",{p}*{})", result(rate)), cached))
        }
        Pl1Field::Balance => {
            let (i, e) = (r(Pl1Field::Income), r(Pl1Field::Expense));
            let cached = if num(Pl1Field::Income).is_none() && num(Pl1Field::Expense).is_none() {
                String::new()
            } else {
                result(
                    num(Pl1Field::Income).unwrap_or(Decimal::ZERO)
                        - num(Pl1Field::Expense).unwrap_or(Decimal::ZERO),
                )
            };
            Some((format!("IF(COUNT({i},{e})=0,\"\",N({i})-N({e}))"), cached))
        }
        _ => None,
    }
}

/// Phụ lục 1: the study-promotion figures, label in B, value in C.
fn pl1_sheet(
    ws: &mut Worksheet,
    rubric: &Rubric,
    form: &FilledForm,
    st: &Styles,
) -> Result<(), XlsxError> {
    ws.set_name(SHEET_PL1)?;
    page_setup(ws);
    ws.set_column_width(0, 6)?;
    ws.set_column_width(1, 58)?;
    ws.set_column_width(2, 18)?;
    ws.merge_range(
        0,
        0,
        0,
        2,
        &format!(
            "PHỤ LỤC 1\nBÁO CÁO TỔNG KẾT CÔNG TÁC KHUYẾN HỌC CỦA BAN KHUYẾN HỌC CƠ QUAN NĂM {}",
            form.year
        ),
        &st.title,
    )?;
    ws.set_row_height(0, 50)?;
    let rate = rubric.dues.rate;
    ws.write_blank(1, 0, &st.swatch)?;
    ws.merge_range(
        1,
        1,
        1,
        2,
        &format!(
            "Ô nền vàng nhạt là ô đơn vị điền (số nguyên; tiền ghi bằng đồng). Thành tiền hội phí \
             (= số hội viên đóng hội phí × {}đ) và tồn quỹ (= tổng thu − tổng chi) được tính tự động.",
            crate::findings::num_vi(rate)
        ),
        &st.legend,
    )?;
    ws.set_row_height(1, 45)?;
    for (col, h) in ["STT", "Nội dung", "Số liệu"].iter().enumerate() {
        ws.write_string_with_format(2, col as u16, *h, &st.header)?;
    }
    let sections = PL1_SECTIONS;
    // Rows of every field first: the formulas refer to each other.
    let mut row_of: HashMap<Pl1Field, u32> = HashMap::new();
    let mut row = 3;
    for (_, _, fields) in &sections {
        row += 1;
        for f in fields.iter() {
            row_of.insert(*f, row);
            row += 1;
        }
    }
    let value = |f: Pl1Field| form.pl1.get(&f);
    let mut row = 3;
    for (roman, title, fields) in &sections {
        ws.write_string_with_format(row, 0, *roman, &st.stt_bold)?;
        ws.write_string_with_format(row, 1, *title, &st.text_bold)?;
        ws.write_blank(row, 2, &st.blank)?;
        row += 1;
        for (k, f) in fields.iter().enumerate() {
            ws.write_string_with_format(row, 0, (k + 1).to_string(), &st.stt)?;
            ws.write_string_with_format(row, 1, f.label(), &st.text)?;
            let money = f.is_money();
            let input_fmt = if money { &st.input_money } else { &st.input };
            let formula = pl1_formula(*f, form, rate, &row_of);
            match (formula, value(*f)) {
                (Some((formula, cached)), None) => {
                    let fmt = st.number.clone().set_num_format("#,##0");
                    ws.write_formula_with_format(
                        row,
                        2,
                        Formula::new(formula).set_result(cached),
                        &fmt,
                    )?;
                }
                (_, v) => {
                    write_typed(ws, row, 2, v, input_fmt)?;
                    let msg = if money {
                        "Số tiền bằng đồng, số nguyên (ví dụ 1200000)."
                    } else {
                        "Số người hoặc số suất, số nguyên."
                    };
                    ws.add_data_validation(
                        row,
                        2,
                        row,
                        2,
                        &count_validation("Số liệu", msg, None)?,
                    )?;
                }
            }
            row += 1;
        }
    }
    row += 1;
    ws.merge_range(
        row,
        1,
        row,
        2,
        &format!("...., ngày ... tháng ... năm {}", form.year),
        &st.sign_italic,
    )?;
    ws.merge_range(row + 1, 1, row + 1, 2, "CHỦ TỊCH", &st.sign_bold)?;
    Ok(())
}

/// The dossier checklist: document in B, Có/Không in C.
fn dossier_sheet(ws: &mut Worksheet, form: &FilledForm, st: &Styles) -> Result<(), XlsxError> {
    ws.set_name(SHEET_DOSSIER)?;
    page_setup(ws);
    ws.set_column_width(0, 6)?;
    ws.set_column_width(1, 62)?;
    ws.set_column_width(2, 14)?;
    ws.merge_range(
        0,
        0,
        0,
        2,
        &format!("HỒ SƠ MINH CHỨNG ĐƠN VỊ HỌC TẬP NĂM {}", form.year),
        &st.title,
    )?;
    ws.set_row_height(0, 30)?;
    ws.write_blank(1, 0, &st.swatch)?;
    ws.merge_range(
        1,
        1,
        1,
        2,
        "Chọn “Có” cho tài liệu đã có trong hồ sơ, “Không” cho tài liệu chưa có \
         (ô nền vàng nhạt).",
        &st.legend,
    )?;
    ws.set_row_height(1, 30)?;
    for (col, h) in ["STT", "Tài liệu", "Có/Không"].iter().enumerate() {
        ws.write_string_with_format(2, col as u16, *h, &st.header)?;
    }
    for (k, doc) in DossierDoc::ALL.iter().enumerate() {
        let row = 3 + k as u32;
        ws.write_string_with_format(row, 0, (k + 1).to_string(), &st.stt)?;
        ws.write_string_with_format(row, 1, doc.label(), &st.text)?;
        ws.set_row_height(row, 36)?;
        let mark = form.dossier.get(doc).map(|y| Typed::yes_no(*y));
        write_typed(ws, row, 2, mark.as_ref(), &st.input)?;
        ws.add_data_validation(
            row,
            2,
            row,
            2,
            &yes_no_validation("“Có” nếu tài liệu đã có trong hồ sơ, “Không” nếu chưa có.")?,
        )?;
    }
    ws.merge_range(
        10,
        0,
        10,
        2,
        "(Theo mục VII.2 của Kế hoạch kiểm tra, đánh giá xếp loại “Đơn vị học tập”.)",
        &st.plain,
    )?;
    Ok(())
}

/// The classification formula and its cached value for a total (tests).
#[cfg(test)]
pub(super) fn class_formula_for_tests(rubric: &Rubric, total: Option<Decimal>) -> (String, String) {
    class_formula(rubric, "F30", "F9:F29", true, total, false)
}
