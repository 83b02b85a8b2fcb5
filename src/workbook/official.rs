//! The summary printed as an official table: the issuing body (and its
//! superior) top left and the Quốc hiệu – Tiêu ngữ top right, as in
//! Nghị định 30/2020 (see [`crate::documents`]); the place and date, the
//! preparer and the signature under the table. Names come from the
//! documents' settings ([`crate::documents::Settings`], `[workbook]`).

use super::Styles;
use crate::documents::Settings;
use crate::documents::layout::{QUOC_HIEU, TIEU_NGU, date_line};
use rust_xlsxwriter::{Worksheet, XlsxError};

/// Rows the heading takes above the title (superior and Quốc hiệu; body
/// and Tiêu ngữ; a blank row).
pub(crate) const HEAD_ROWS: u32 = 3;

/// The names on the printed summary.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Official {
    /// "UBND huyện Thủ Thừa" ("" for none).
    pub superior: String,
    /// "Phòng Giáo dục và Đào tạo".
    pub body: String,
    /// "Thủ Thừa".
    pub place: String,
    /// "NGƯỜI LẬP BIỂU".
    pub preparer: String,
    /// "TRƯỞNG PHÒNG".
    pub signature: Vec<String>,
    pub signer_title: String,
    pub signer: String,
}

impl Official {
    pub fn from_settings(s: &Settings) -> Official {
        let b = s.workbook_body();
        Official {
            superior: b.superior.clone(),
            body: b.name.clone(),
            place: s.place.clone(),
            preparer: s.workbook.preparer.clone(),
            signature: b.signature.clone(),
            signer_title: b.signer_title.clone(),
            signer: b.signer.clone(),
        }
    }
}

impl Default for Official {
    /// The built-in settings' names (the seed plan's).
    fn default() -> Official {
        Official::from_settings(&Settings::builtin())
    }
}

/// The heading, in rows 0–2: the body over columns `0..=left_to`, the Quốc
/// hiệu over `right_from..=last`. Row 0, column 0 is written first.
pub(crate) fn head(
    ws: &mut Worksheet,
    st: &Styles,
    o: &Official,
    left_to: u16,
    right_from: u16,
    last: u16,
) -> Result<(), XlsxError> {
    let (top, body) = if o.superior.trim().is_empty() {
        (o.body.to_uppercase(), String::new())
    } else {
        (o.superior.to_uppercase(), o.body.to_uppercase())
    };
    let top_format = if body.is_empty() {
        &st.official_bold
    } else {
        &st.official
    };
    ws.merge_range(0, 0, 0, left_to, &top, top_format)?;
    ws.merge_range(0, right_from, 0, last, QUOC_HIEU, &st.official_bold)?;
    ws.merge_range(1, 0, 1, left_to, &body, &st.official_bold)?;
    ws.merge_range(1, right_from, 1, last, TIEU_NGU, &st.motto)?;
    ws.set_row_height(0, 18)?;
    ws.set_row_height(1, 18)?;
    ws.set_row_height(2, 8)?;
    Ok(())
}

/// The sign-off from row `first`: place and date, the preparer on the
/// left and the signature on the right, room to sign, the names.
pub(crate) fn foot(
    ws: &mut Worksheet,
    st: &Styles,
    o: &Official,
    year: Option<i32>,
    first: u32,
    cols: (u16, u16, u16),
) -> Result<(), XlsxError> {
    let (left_to, right_from, last) = cols;
    let date = date_line(&o.place, year);
    ws.merge_range(first, right_from, first, last, &date, &st.date_line)?;
    let mut r = first + 1;
    ws.merge_range(
        r,
        0,
        r,
        left_to,
        &o.preparer.to_uppercase(),
        &st.official_bold,
    )?;
    for line in &o.signature {
        ws.merge_range(
            r,
            right_from,
            r,
            last,
            &line.to_uppercase(),
            &st.official_bold,
        )?;
        r += 1;
    }
    r = r.max(first + 2);
    // Room for the signatures and the seal.
    for k in 0..4 {
        ws.set_row_height(r + k, 18)?;
    }
    r += 4;
    if !o.signer_title.trim().is_empty() {
        ws.merge_range(
            r,
            right_from,
            r,
            last,
            &o.signer_title.to_uppercase(),
            &st.official_bold,
        )?;
        r += 1;
    }
    if !o.signer.trim().is_empty() {
        ws.merge_range(r, right_from, r, last, &o.signer, &st.official_bold)?;
    }
    Ok(())
}
