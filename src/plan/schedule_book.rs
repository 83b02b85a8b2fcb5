//! The schedule workbook: one sheet for the whole day, in time order, to
//! print on A4 and send to the units (with the dossier each unit brings),
//! and one sheet per team with its members and its units.
//!
//! Marked as dvht's own ([`crate::own`]) so that a schedule lying among the
//! forms is never read as one. The same plan gives the same bytes: the
//! document date is given, never read from the clock.

use super::{Plan, TeamPlan, Visit};
use crate::form::DossierDoc;
use crate::own::OwnKind;
use crate::workbook::names::SheetNames;
use crate::workbook::{A4, fit};
use rust_xlsxwriter::{
    Color, DocProperties, ExcelDateTime, Format, FormatAlign, FormatBorder, Workbook, Worksheet,
    XlsxError,
};

/// The first sheet's name: the whole day.
pub const SHEET_ALL: &str = "Lịch kiểm tra";

/// Column widths of the day's sheet: STT, time, unit, team, note.
const ALL_WIDTHS: [f64; 5] = [5.0, 14.0, 48.0, 9.0, 22.0];
/// Column widths of a team's sheet: STT, time, two for the unit (a
/// member's name takes the time's and the first), note.
const TEAM_WIDTHS: [f64; 5] = [5.0, 14.0, 27.0, 27.0, 25.0];

/// The formats the schedule uses: Times New Roman, as official papers are.
pub(crate) struct Styles {
    pub title: Format,
    pub subtitle: Format,
    pub note: Format,
    pub header: Format,
    pub wrap: Format,
    pub center: Format,
    pub session: Format,
    pub bold: Format,
}

impl Styles {
    pub(crate) fn new() -> Styles {
        let font = |f: Format| f.set_font_name("Times New Roman").set_font_size(12);
        let cell = |f: Format| {
            font(f)
                .set_border(FormatBorder::Thin)
                .set_align(FormatAlign::VerticalCenter)
        };
        Styles {
            title: font(Format::new())
                .set_bold()
                .set_font_size(14)
                .set_align(FormatAlign::Center)
                .set_align(FormatAlign::VerticalCenter)
                .set_text_wrap(),
            subtitle: font(Format::new())
                .set_align(FormatAlign::Center)
                .set_text_wrap(),
            note: font(Format::new()).set_italic().set_text_wrap(),
            header: cell(Format::new())
                .set_bold()
                .set_text_wrap()
                .set_align(FormatAlign::Center)
                .set_background_color(Color::RGB(0xD9E1F2)),
            wrap: cell(Format::new()).set_text_wrap(),
            center: cell(Format::new()).set_align(FormatAlign::Center),
            session: cell(Format::new())
                .set_bold()
                .set_background_color(Color::RGB(0xF2F2F2)),
            bold: font(Format::new()).set_bold(),
        }
    }
}

/// "Thứ Sáu, ngày 15/12/2023".
pub fn day_text(plan: &Plan) -> String {
    format!("{}, ngày {}", plan.date.weekday_vi(), plan.date)
}

/// "Buổi sáng (07:30 – 11:00)": morning before noon, afternoon before six,
/// evening after.
pub fn session_name(plan: &Plan, i: usize) -> String {
    let Some(s) = plan.sessions.get(i) else {
        return String::new();
    };
    let part = match s.start.minutes() {
        m if m < 12 * 60 => "Buổi sáng",
        m if m < 18 * 60 => "Buổi chiều",
        _ => "Buổi tối",
    };
    format!("{part} ({} – {})", s.start, s.end)
}

/// "07:30 – 07:50".
pub fn time_text(v: &Visit) -> String {
    format!("{} – {}", v.start, v.end)
}

/// The note beside a unit with the longer slot.
pub fn longer_note(plan: &Plan) -> String {
    format!(
        "{} phút: biểu mẫu còn lỗi cần đối chiếu",
        plan.error_slot_minutes
    )
}

/// The schedule workbook's bytes. `date` is the document date (seconds
/// since 1970).
///
/// # Errors
/// Only what rust_xlsxwriter reports (a sheet it cannot make).
pub fn to_bytes(plan: &Plan, date: i64) -> Result<Vec<u8>, XlsxError> {
    let st = Styles::new();
    let mut wb = Workbook::new();
    let title = format!("Lịch kiểm tra “Đơn vị học tập” ngày {}", plan.date);
    wb.set_properties(&properties(plan, date, &title, OwnKind::Schedule)?);
    let mut names = SheetNames::with_reserved(&[SHEET_ALL]);
    let mut ws = Worksheet::new();
    write_all(&mut ws, plan, &st)?;
    wb.push_worksheet(ws);
    for (i, team) in plan.teams.iter().enumerate() {
        let mut ws = Worksheet::new();
        ws.set_name(names.take(&team.name, &format!("Đoàn {}", i + 1)))?;
        write_team(&mut ws, plan, team, &st)?;
        wb.push_worksheet(ws);
    }
    if let Ok(ws) = wb.worksheet_from_index(0) {
        ws.set_active(true);
    }
    let mut bytes = wb.save_to_buffer()?;
    // The same bytes from the Windows build.
    crate::portable_zip::normalize_bytes(&mut bytes);
    Ok(bytes)
}

/// Document properties of the plan's workbooks: title, date, and dvht's
/// mark of `kind` ([`crate::own`]).
pub(crate) fn properties(
    plan: &Plan,
    date: i64,
    title: &str,
    kind: OwnKind,
) -> Result<DocProperties, XlsxError> {
    let created =
        ExcelDateTime::from_timestamp(date.max(0)).or_else(|_| ExcelDateTime::from_timestamp(0))?;
    let props = DocProperties::new()
        .set_title(title)
        .set_subject("Kiểm tra, đánh giá xếp loại “Đơn vị học tập” (Thông tư 22/2020/TT-BGDĐT)")
        .set_author("dvht")
        .set_keywords("Đơn vị học tập, lịch kiểm tra")
        .set_creation_datetime(&created)
        .set_custom_property("Ngày kiểm tra", plan.date.iso().as_str());
    Ok(crate::own::mark(props, kind))
}

/// Title, day and place, and the slot lengths: rows 0–2. Returns the next
/// free row.
fn heading(
    ws: &mut Worksheet,
    plan: &Plan,
    st: &Styles,
    title: &str,
    last_col: u16,
) -> Result<u32, XlsxError> {
    ws.merge_range(0, 0, 0, last_col, title, &st.title)?;
    ws.set_row_height(0, 40)?;
    let mut when = format!("Thời gian: {}", day_text(plan));
    if let Some(p) = &plan.place {
        when.push_str(&format!(" — Địa điểm: {p}"));
    }
    ws.merge_range(1, 0, 1, last_col, &when, &st.subtitle)?;
    ws.set_row_height(1, 33)?;
    let mut slots = format!("Mỗi đơn vị làm việc với đoàn {} phút", plan.slot_minutes);
    if plan.error_slot_minutes > plan.slot_minutes {
        slots.push_str(&format!(
            "; đơn vị có biểu mẫu còn lỗi cần đối chiếu: {} phút (ghi ở cột Ghi chú)",
            plan.error_slot_minutes
        ));
    }
    slots.push('.');
    ws.merge_range(2, 0, 2, last_col, &slots, &st.note)?;
    ws.set_row_height(2, 33)?;
    Ok(4)
}

fn year_title(plan: &Plan, what: &str) -> String {
    format!(
        "{what}, ĐÁNH GIÁ XẾP LOẠI “ĐƠN VỊ HỌC TẬP” NĂM {}",
        plan.date.year
    )
}

/// The whole day: every team's units in time order, under each session.
fn write_all(ws: &mut Worksheet, plan: &Plan, st: &Styles) -> Result<(), XlsxError> {
    ws.set_name(SHEET_ALL)?;
    for (c, w) in ALL_WIDTHS.iter().enumerate() {
        ws.set_column_width(c as u16, *w)?;
    }
    let last = (ALL_WIDTHS.len() - 1) as u16;
    let mut r = heading(ws, plan, st, &year_title(plan, "LỊCH KIỂM TRA"), last)?;
    let header = r;
    for (c, h) in ["STT", "Thời gian", "Đơn vị", "Đoàn", "Ghi chú"]
        .iter()
        .enumerate()
    {
        ws.write_string_with_format(r, c as u16, *h, &st.header)?;
    }
    r += 1;
    let visits = plan.all_visits();
    let mut n = 0;
    for s in 0..plan.sessions.len() {
        let in_session: Vec<_> = visits.iter().filter(|(_, v)| v.session == s).collect();
        if in_session.is_empty() {
            continue;
        }
        ws.merge_range(r, 0, r, last, &session_name(plan, s), &st.session)?;
        r += 1;
        for (t, v) in in_session {
            n += 1;
            ws.write_number_with_format(r, 0, n as f64, &st.center)?;
            ws.write_string_with_format(r, 1, time_text(v), &st.center)?;
            ws.write_string_with_format(r, 2, &v.unit, &st.wrap)?;
            ws.write_string_with_format(r, 3, &plan.teams[*t].name, &st.center)?;
            let note = if v.longer {
                longer_note(plan)
            } else {
                String::new()
            };
            ws.write_string_with_format(r, 4, &note, &st.wrap)?;
            fit(ws, r, &[(&v.unit, ALL_WIDTHS[2]), (&note, ALL_WIDTHS[4])])?;
            r += 1;
        }
    }
    dossier(ws, st, r + 1, last)?;
    print_setup(ws, header)
}

/// What each unit brings (section VII.2 of the plan), below the table.
fn dossier(ws: &mut Worksheet, st: &Styles, mut r: u32, last: u16) -> Result<u32, XlsxError> {
    ws.merge_range(
        r,
        0,
        r,
        last,
        "Hồ sơ đơn vị chuẩn bị để làm việc với đoàn kiểm tra:",
        &st.bold,
    )?;
    r += 1;
    for (i, doc) in DossierDoc::ALL.iter().enumerate() {
        let text = format!("{}. {}", i + 1, doc.label());
        ws.merge_range(r, 0, r, last, &text, &st.note)?;
        r += 1;
    }
    Ok(r)
}

/// One team: its members, then its units in time order.
fn write_team(
    ws: &mut Worksheet,
    plan: &Plan,
    team: &TeamPlan,
    st: &Styles,
) -> Result<(), XlsxError> {
    for (c, w) in TEAM_WIDTHS.iter().enumerate() {
        ws.set_column_width(c as u16, *w)?;
    }
    let last = (TEAM_WIDTHS.len() - 1) as u16;
    let title = format!("LỊCH KIỂM TRA CỦA {}", team.name.to_uppercase());
    let r = heading(ws, plan, st, &title, last)?;
    let r = members(ws, team, st, r)?;
    let header = r + 1;
    let r = visits(ws, plan, team, st, header)?;
    let minutes: u32 = team
        .visits
        .iter()
        .map(|v| v.end.minutes() - v.start.minutes())
        .sum();
    let total = format!(
        "Cộng: {} đơn vị, {} giờ {:02} phút làm việc.",
        team.visits.len(),
        minutes / 60,
        minutes % 60
    );
    ws.merge_range(r + 1, 0, r + 1, last, &total, &st.note)?;
    print_setup(ws, header)
}

/// Text across columns `c0..=c1` of row `r` (merged when more than one).
fn put(
    ws: &mut Worksheet,
    r: u32,
    (c0, c1): (u16, u16),
    text: &str,
    format: &Format,
) -> Result<(), XlsxError> {
    if c0 == c1 {
        ws.write_string_with_format(r, c0, text, format)?;
    } else {
        ws.merge_range(r, c0, r, c1, text, format)?;
    }
    Ok(())
}

/// Width of columns `c0..=c1` of a team's sheet.
fn span_width((c0, c1): (u16, u16)) -> f64 {
    TEAM_WIDTHS[c0 as usize..=c1 as usize].iter().sum()
}

/// The team's members from row `r`: STT, name, role, agency. Returns the
/// next free row.
fn members(ws: &mut Worksheet, team: &TeamPlan, st: &Styles, mut r: u32) -> Result<u32, XlsxError> {
    const NAME: (u16, u16) = (1, 2);
    const ROLE: (u16, u16) = (3, 3);
    const AGENCY: (u16, u16) = (4, 4);
    ws.merge_range(r, 0, r, AGENCY.1, "Thành phần đoàn:", &st.bold)?;
    r += 1;
    ws.write_string_with_format(r, 0, "STT", &st.header)?;
    for (span, h) in [
        (NAME, "Họ và tên"),
        (ROLE, "Chức danh trong đoàn"),
        (AGENCY, "Cơ quan"),
    ] {
        put(ws, r, span, h, &st.header)?;
    }
    r += 1;
    for (i, m) in team.members.iter().enumerate() {
        ws.write_number_with_format(r, 0, (i + 1) as f64, &st.center)?;
        let cells = [(NAME, &m.name), (ROLE, &m.role), (AGENCY, &m.agency)];
        for (span, text) in cells {
            put(ws, r, span, text, &st.wrap)?;
        }
        let texts: Vec<(&str, f64)> = cells
            .iter()
            .map(|(span, text)| (text.as_str(), span_width(*span)))
            .collect();
        fit(ws, r, &texts)?;
        r += 1;
    }
    Ok(r)
}

/// The team's units in time order under each session, from the header row
/// `r`. Returns the next free row.
fn visits(
    ws: &mut Worksheet,
    plan: &Plan,
    team: &TeamPlan,
    st: &Styles,
    mut r: u32,
) -> Result<u32, XlsxError> {
    const UNIT: (u16, u16) = (2, 3);
    const NOTE: (u16, u16) = (4, 4);
    ws.write_string_with_format(r, 0, "STT", &st.header)?;
    ws.write_string_with_format(r, 1, "Thời gian", &st.header)?;
    put(ws, r, UNIT, "Đơn vị", &st.header)?;
    put(ws, r, NOTE, "Ghi chú", &st.header)?;
    r += 1;
    let mut session = None;
    for (i, v) in team.visits.iter().enumerate() {
        if session != Some(v.session) {
            session = Some(v.session);
            let name = session_name(plan, v.session);
            ws.merge_range(r, 0, r, NOTE.1, &name, &st.session)?;
            r += 1;
        }
        ws.write_number_with_format(r, 0, (i + 1) as f64, &st.center)?;
        ws.write_string_with_format(r, 1, time_text(v), &st.center)?;
        put(ws, r, UNIT, &v.unit, &st.wrap)?;
        let note = if v.longer {
            longer_note(plan)
        } else {
            String::new()
        };
        put(ws, r, NOTE, &note, &st.wrap)?;
        fit(
            ws,
            r,
            &[(&v.unit, span_width(UNIT)), (&note, span_width(NOTE))],
        )?;
        r += 1;
    }
    Ok(r)
}

/// A4 portrait, one page wide, the table's header on every page, page
/// numbers in the footer.
fn print_setup(ws: &mut Worksheet, header_row: u32) -> Result<(), XlsxError> {
    ws.set_repeat_rows(header_row, header_row)?;
    ws.set_portrait();
    ws.set_paper_size(A4);
    ws.set_print_fit_to_pages(1, 0);
    ws.set_print_center_horizontally(true);
    ws.set_margins(0.6, 0.5, 0.6, 0.6, 0.3, 0.3);
    ws.set_footer("&CTrang &P/&N");
    ws.set_freeze_panes(header_row + 1, 0)?;
    Ok(())
}
