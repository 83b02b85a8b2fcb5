//! "Tệp": every path given and what became of it (read, skipped,
//! unreadable, duplicate), and, with `--expected`, the units that sent
//! nothing ("Chưa nộp").

use super::{Input, SHEET_FILES, Styles, clip, fit};
use crate::findings::Lang;
use crate::report::{FileKind, Run};
use rust_xlsxwriter::{Worksheet, XlsxError};

/// What became of a file, as the sheet says it.
pub fn outcome(kind: FileKind, forms: usize, duplicate: bool) -> &'static str {
    match kind {
        FileKind::Skipped => "Bỏ qua",
        FileKind::Unreadable => "Không đọc được",
        FileKind::Read if duplicate => "Trùng đơn vị",
        FileKind::Read if forms == 0 => "Đã đọc, không có biểu mẫu",
        FileKind::Read => "Đã đọc",
    }
}

pub(crate) fn write(ws: &mut Worksheet, input: &Input, st: &Styles) -> Result<(), XlsxError> {
    let run = input.run;
    ws.set_name(SHEET_FILES)?;
    let heads = [
        ("STT", 6.0),
        ("Tệp", 60.0),
        ("Kết quả", 16.0),
        ("Số biểu mẫu", 9.0),
        ("Đơn vị", 30.0),
        ("Ghi chú", 60.0),
    ];
    for (c, (h, w)) in heads.iter().enumerate() {
        ws.write_string_with_format(0, c as u16, *h, &st.header)?;
        ws.set_column_width(c as u16, *w)?;
    }
    let mut r = 1u32;
    for (i, file) in run.files.iter().enumerate() {
        let dup = duplicate_note(run, i);
        ws.write_number_with_format(r, 0, (i + 1) as f64, &st.center)?;
        ws.write_string_with_format(r, 1, clip(&file.display()), &st.wrap)?;
        let status = if file.status() == crate::report::Status::Superseded {
            "Bản cũ, đã thay"
        } else {
            outcome(file.kind, file.units.len(), dup.is_some())
        };
        ws.write_string_with_format(r, 2, status, &st.text)?;
        ws.write_number_with_format(r, 3, file.units.len() as f64, &st.center)?;
        let units: Vec<&str> = file.units.iter().filter_map(|u| u.display_name()).collect();
        ws.write_string_with_format(r, 4, clip(&units.join("; ")), &st.wrap)?;
        let mut notes: Vec<String> = file.findings.iter().map(|f| f.message(Lang::Vi)).collect();
        notes.extend(provenance(file));
        for u in &file.units {
            if let Some(by) = &u.superseded_by {
                notes.push(format!("Đã thay bằng bản gửi sau: {by}."));
            }
        }
        notes.extend(dup);
        let notes = clip(&notes.join(" "));
        let path = clip(&file.display());
        let units = clip(&units.join("; "));
        ws.write_string_with_format(r, 5, &notes, &st.wrap)?;
        fit(ws, r, &[(&path, 60.0), (&units, 30.0), (&notes, 60.0)])?;
        r += 1;
    }
    if run.files.is_empty() {
        ws.write_string_with_format(r, 1, "Không có tệp nào.", &st.text)?;
        r += 1;
    }
    let last_file_row = r - 1;
    if !input.missing_units.is_empty() {
        r += 1;
        ws.write_string_with_format(r, 0, "STT", &st.header)?;
        ws.write_string_with_format(r, 1, "Đơn vị chưa nộp", &st.header)?;
        ws.write_string_with_format(r, 2, "Tình trạng", &st.header)?;
        r += 1;
        for (k, name) in input.missing_units.iter().enumerate() {
            ws.write_number_with_format(r, 0, (k + 1) as f64, &st.center)?;
            ws.write_string_with_format(r, 1, clip(name), &st.wrap)?;
            ws.write_string_with_format(r, 2, "Chưa nộp", &st.error)?;
            r += 1;
        }
    }
    super::finish_list(ws, 0, 0, last_file_row.max(1), 5)
}

/// For a file with a form in a group of [`Run::duplicates`]: the note
/// naming the other files (and, for a unit on two sheets of this file,
/// those sheets).
fn duplicate_note(run: &Run, i: usize) -> Option<String> {
    let mut files: Vec<usize> = Vec::new();
    let mut sheets: Vec<&str> = Vec::new();
    for group in run.duplicates_of_file(i) {
        files.extend(group.iter().map(|f| f.file).filter(|&f| f != i));
        let own: Vec<&str> = group
            .iter()
            .filter(|f| f.file == i)
            .filter_map(|f| run.files[i].units.get(f.unit))
            .map(|u| u.form.sheet.as_str())
            .collect();
        if own.len() > 1 {
            sheets.extend(own);
        }
    }
    if files.is_empty() && sheets.is_empty() {
        return None;
    }
    files.sort_unstable();
    files.dedup();
    let mut with: Vec<String> = files
        .iter()
        .filter_map(|&j| run.files.get(j))
        .map(|f| f.name())
        .collect();
    let pick = if sheets.is_empty() {
        "một tệp"
    } else {
        let sheets: Vec<String> = sheets.iter().map(|s| format!("'{s}'")).collect();
        with.push(format!("các trang {} của tệp này", sheets.join(", ")));
        "một bản"
    };
    Some(format!(
        "Cùng đơn vị với: {}. Phòng GD&ĐT chọn {pick}.",
        with.join(", ")
    ))
}

/// Where an item of a container came from: "Nguồn: thư của …, gửi …,
/// tiêu đề “…”, tệp đính kèm …". Skipped and unreadable items already
/// name the sender and subject in their finding.
fn provenance(file: &crate::report::FileReport) -> Option<String> {
    let s = file.input.source.as_ref()?;
    if file.kind != FileKind::Read {
        return None;
    }
    let mut parts = Vec::new();
    if let Some(f) = &s.from {
        parts.push(format!("thư của {f}"));
    }
    if let Some(d) = &s.date {
        parts.push(format!("gửi {d}"));
    }
    if let Some(t) = &s.subject {
        parts.push(format!("tiêu đề “{t}”"));
    }
    if let Some(a) = &s.attachment {
        parts.push(format!("tệp {a}"));
    }
    parts.push(format!("trong {}", s.container.display()));
    Some(format!("Nguồn: {}.", parts.join(", ")))
}
