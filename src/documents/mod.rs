//! The papers the office signs, as .docx drafts in the form of Nghị định
//! 30/2020/NĐ-CP on clerical work (Phụ lục I: thể thức và kỹ thuật trình
//! bày văn bản hành chính).
//!
//! A paper is plain data ([`Doc`]: issuing body, number symbol, title,
//! body blocks, recipients, signature, annexes) built by the functions of
//! [`papers`] (the decisions, the notice, the submission, the report) and
//! [`letters`] (one letter per unit whose form has findings), then laid out
//! by [`layout`] with the `docx-rs` crate. The names of bodies, places and
//! signers come from [`Settings`] (data, not code). Numbers, the day and
//! month, signatures and seals are left blank for the office.
//!
//! # What was followed (Nghị định 30/2020/NĐ-CP, Phụ lục I)
//!
//! Checked against the decree's text as quoted by several public sources
//! (luatvietnam.vn, thuvienphapluat mirrors, provincial guidance pages).
//!
//! - Paper: A4 (210 × 297 mm), portrait. Margins: top 20–25 mm, bottom
//!   20–25 mm, left 30–35 mm, right 15–20 mm; we use 20, 20, 30 and 15 mm,
//!   which leaves a 165 mm line.
//! - Font: Times New Roman (Unicode, TCVN 6909:2001), black, everywhere:
//!   set as the document default for every script, so no run falls back to
//!   another font.
//! - Page numbers: Arabic, 13–14 pt (14), upright, centred in the top
//!   margin, not shown on the first page; an annex is numbered on its own
//!   (a section restarting at 1, first page not shown).
//! - Ô số 1, Quốc hiệu và Tiêu ngữ, top right: "CỘNG HÒA XÃ HỘI CHỦ NGHĨA
//!   VIỆT NAM" upper case, 12–13 pt (13), bold; below it "Độc lập - Tự do -
//!   Hạnh phúc", 13–14 pt (14: one point above the Quốc hiệu), bold, centred,
//!   with a solid rule below as long as the line of text (drawn as a
//!   paragraph border of that exact width, not an underline).
//! - Ô số 2, issuing body, top left: its direct superior (if any) upper case,
//!   12–13 pt (13), upright; the body itself upper case, 13 pt, bold, centred
//!   below; a solid rule below, 1/3 to 1/2 of the line of text (we draw 2/5),
//!   centred. A long name is broken into balanced lines.
//! - Ô số 3, number and symbol: "Số:" then the number (left blank) "/" and
//!   the symbol ("QĐ-UBND"), 13 pt, centred under the issuing body.
//! - Ô số 4, place and date: on the line of the number, centred under the
//!   Tiêu ngữ, 13–14 pt (14), italic: "Thủ Thừa, ngày … tháng … năm 2023",
//!   day and month left blank for the day of signing.
//! - Ô số 5a, kind and summary: kind upper case, 13–14 pt (14), bold,
//!   centred; the summary just below, 14 pt bold, centred, with a solid rule
//!   of 1/3 to 1/2 of its line (2/5) below. Ô số 5b (a letter, công văn):
//!   "V/v …" 12–13 pt (13), upright, centred under the number.
//! - Ô số 6, body: 13–14 pt (14), justified, first line indented 1 cm, at
//!   least 6 pt between paragraphs (6 pt after), line spacing between single
//!   and 1.5 lines (1.15). Legal bases ("Căn cứ …") in italics, one a line,
//!   ending ";" and the last ".". "Điều 1." bold. Headings "I.", "1." bold.
//! - Ô số 7a–7c, signature: authority and office ("TM.", "KT.", "CHỦ TỊCH")
//!   upper case, 13–14 pt (14), bold, centred in the right half; room for the
//!   signature and seal; the signer's name 14 pt bold, centred.
//! - Ô số 9a, addressees ("Kính gửi:") of a submission or letter, 14 pt;
//!   Ô số 9b, recipients, bottom left on the line of the signature:
//!   "Nơi nhận:" 12 pt bold italic, then one recipient a line, 11 pt,
//!   "- …;", the last "- Lưu: VT, …." .
//! - Ô số 12, draft: "DỰ THẢO" in a box, bold, top right above the Quốc
//!   hiệu, on a draft the office submits (the recognition decision).
//! - Annex: on a new page, "PHỤ LỤC" bold 14 pt centred, its title bold
//!   upper case, and "(Kèm theo … số …/… ngày … của …)" italic 14 pt.
//!
//! The position grid (sơ đồ bố trí, ô số 1–12) is drawn with two tables
//! without borders: the header (ô 2 + 3 on the left, 65 mm; ô 1 + 4 on the
//! right, 100 mm, wide enough for the 13 pt Quốc hiệu) and the foot (ô 9b
//! on the left, 80 mm; ô 7 on the right, 85 mm), whose row never splits
//! across pages and stays with the last paragraph.

pub mod annex1;
pub mod layout;
pub mod letters;
pub mod metrics;
pub mod output;
pub mod papers;
pub mod settings;

pub use settings::{Body, Paper, Settings, SettingsError};

/// One block of a document's body.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Block {
    /// A paragraph: justified, first line indented.
    Para(String),
    /// A paragraph opening with a bold label: "Điều 1." + text.
    Labeled(String, String),
    /// A legal basis, in italics ("Căn cứ …;").
    Basis(String),
    /// A bold heading ("I. KẾT QUẢ").
    Heading(String),
    /// A bold centred line ("QUYẾT ĐỊNH:").
    Center(String),
    /// An italic centred note ("(Kèm theo …)").
    Note(String),
    /// A table across the line.
    Table(Table),
}

/// Alignment of a table column.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Align {
    Left,
    Center,
    Right,
}

/// A column: its heading, its share of the line (any unit: widths are
/// proportional) and how its cells align.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Column {
    pub title: String,
    pub width: u32,
    pub align: Align,
}

impl Column {
    pub fn new(title: &str, width: u32, align: Align) -> Column {
        Column {
            title: title.to_string(),
            width,
            align,
        }
    }
}

/// A table with a heading row; rows listed in `bold` (a total) are bold.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Table {
    pub columns: Vec<Column>,
    pub rows: Vec<Vec<String>>,
    pub bold: Vec<usize>,
}

/// Who signs: authority and office lines, a line above the name, the name.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Signature {
    pub lines: Vec<String>,
    pub title: String,
    pub name: String,
}

/// The issuing body at the top left.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Issuer {
    /// Its direct superior ("" for none).
    pub superior: String,
    pub name: String,
}

/// An annex on pages of its own.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Annex {
    /// "PHỤ LỤC" or "PHỤ LỤC I".
    pub label: String,
    /// Its title (printed upper case).
    pub title: String,
    /// "(Kèm theo Quyết định số …)".
    pub reference: String,
    pub blocks: Vec<Block>,
}

/// One official document.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Doc {
    pub issuer: Issuer,
    /// The symbol after the number: "QĐ-UBND".
    pub symbol: String,
    /// "Thủ Thừa".
    pub place: String,
    /// The year on the date line (day and month are left blank).
    pub year: Option<i32>,
    /// A draft submitted for signature ("DỰ THẢO" box).
    pub draft: bool,
    /// "QUYẾT ĐỊNH", "TỜ TRÌNH"…; empty for a letter (công văn), whose
    /// summary then goes under the number as "V/v …".
    pub kind: String,
    pub summary: String,
    /// Under the summary of a decision: "CHỦ TỊCH ỦY BAN NHÂN DÂN …".
    pub authority: String,
    /// "Kính gửi:" addressees.
    pub addressees: Vec<String>,
    pub body: Vec<Block>,
    /// "Nơi nhận:" (without the "Lưu" line).
    pub recipients: Vec<String>,
    /// After "Lưu:": "VT" and the drafting office.
    pub archive: String,
    pub signature: Signature,
    pub annexes: Vec<Annex>,
    /// The document's date in its properties (seconds since 1970, from the
    /// inputs, never the clock).
    pub created: i64,
}

/// Text from elsewhere (a finding's message) with the quotation marks of
/// an official paper: "x" and 'x' around a name or a value become “x”.
/// A lone mark, or an apostrophe inside a word ("l'eau"), is kept as it
/// is.
///
/// ```
/// use dvht::documents::curly_quotes;
/// assert_eq!(
///     curly_quotes(r#"Ô C8 (trang 'Hồ sơ'): ghi "Không", sửa "Có"."#),
///     "Ô C8 (trang “Hồ sơ”): ghi “Không”, sửa “Có”."
/// );
/// assert_eq!(curly_quotes("l'eau, 5\" và 'x"), "l'eau, 5\" và 'x");
/// ```
pub fn curly_quotes(s: &str) -> String {
    let chars: Vec<char> = s.chars().collect();
    let mut out: Vec<char> = chars.clone();
    let opens = |i: usize| i == 0 || chars[i - 1].is_whitespace() || "([{:".contains(chars[i - 1]);
    let closes = |i: usize| {
        i + 1 == chars.len() || chars[i + 1].is_whitespace() || ".,;:!?)]}".contains(chars[i + 1])
    };
    let mut i = 0;
    while i < chars.len() {
        let q = chars[i];
        if (q == '"' || q == '\'') && opens(i) {
            let end = (i + 1..chars.len()).find(|&j| chars[j] == q && closes(j) && j > i + 1);
            if let Some(j) = end.filter(|&j| !chars[i + 1..j].contains(&'\n')) {
                out[i] = '“';
                out[j] = '”';
                i = j + 1;
                continue;
            }
        }
        i += 1;
    }
    out.into_iter().collect()
}

/// The .docx bytes of a document; the same document always gives the same
/// bytes.
pub fn docx_bytes(doc: &Doc) -> Result<Vec<u8>, DocError> {
    layout::to_bytes(doc)
}

/// A document that could not be written.
#[derive(Debug, thiserror::Error)]
pub enum DocError {
    #[error("không tạo được văn bản .docx / cannot build the .docx: {0}")]
    Build(String),
    #[error("không ghi được {path} / cannot write {path}: {source}")]
    Io {
        path: String,
        source: std::io::Error,
    },
    #[error(
        "{path} đang mở trong chương trình khác (có tệp khóa {lock}): đóng tệp rồi chạy lại / is open in another program: close it first"
    )]
    Open { path: String, lock: String },
}
