//! Rosters (`--expected FILE`): the units expected to send a form, as an
//! office keeps them — typed in Notepad (UTF-8 with or without BOM, UTF-16
//! "Unicode", Windows-1258), a .csv, or a sheet of .xlsx/.xls/.ods with a
//! title row, an STT column and blank rows.
//!
//! The column of names is found by its header ("Tên đơn vị", "Đơn vị",
//! "Cơ quan, đơn vị", …) or, without one, by its content (the column with
//! the most cells that read as names). Titles ("DANH SÁCH …"), STT numbers,
//! blank rows and a closing "Tổng cộng" row are left out. Names are matched
//! with [`crate::agency`] (abbreviations, case, diacritics, punctuation);
//! the roster's spelling is the one shown.
//!
//! A roster that cannot be read or holds no name is an error: a run never
//! reports "nobody is missing" from a file it did not understand.
//!
//! ```
//! let r = dvht::roster::Roster::from_bytes(
//!     "DANH SÁCH ĐƠN VỊ\nSTT\tTên đơn vị\n1\tỦy ban nhân dân xã Mỹ An\n\n2\tPhòng Tư pháp\n".as_bytes(),
//!     "txt",
//! ).unwrap();
//! assert_eq!(r.names(), vec!["Ủy ban nhân dân xã Mỹ An", "Phòng Tư pháp"]);
//! assert_eq!(r.find("UBND xã Mỹ An").map(|e| e.name.as_str()), Some("Ủy ban nhân dân xã Mỹ An"));
//! ```

use crate::agency;
use crate::cells::{CellValue, Sheet};
use crate::read;
use crate::text::fold_ascii;
use std::collections::HashMap;
use std::path::Path;
use unicode_normalization::UnicodeNormalization;

/// Largest roster read. A district's has a few dozen lines.
pub const MAX_ROSTER_BYTES: u64 = 16 * 1024 * 1024;
/// Most names kept from one roster.
pub const MAX_NAMES: usize = 100_000;

/// One expected unit.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    /// The name as the roster spells it (NFC, trimmed).
    pub name: String,
    /// Its [`agency::key`].
    pub key: String,
}

/// The expected units, in the roster's order, each once.
#[derive(Debug, Clone, Default)]
pub struct Roster {
    entries: Vec<Entry>,
    by_key: HashMap<String, usize>,
    /// How a text roster was encoded ("UTF-8", "UTF-16LE", "windows-1258").
    pub encoding: Option<&'static str>,
}

/// Why a roster gave no names; the reason in both languages.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RosterError {
    pub vi: String,
    pub en: String,
}

impl std::fmt::Display for RosterError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} / {}", self.vi, self.en)
    }
}

impl std::error::Error for RosterError {}

impl RosterError {
    fn new(vi: impl Into<String>, en: impl Into<String>) -> RosterError {
        RosterError {
            vi: vi.into(),
            en: en.into(),
        }
    }

    /// The reason in one language.
    pub fn message(&self, lang: crate::findings::Lang) -> &str {
        match lang {
            crate::findings::Lang::Vi => &self.vi,
            crate::findings::Lang::En => &self.en,
        }
    }
}

impl Roster {
    /// Reads a roster file: a spreadsheet by its extension (.xlsx, .xlsm,
    /// .xls, .xlsb, .ods, read through the guarded reader), anything else
    /// as text (.csv split into columns).
    pub fn read(path: &Path) -> Result<Roster, RosterError> {
        let ext = path
            .extension()
            .map(|e| e.to_string_lossy().to_lowercase())
            .unwrap_or_default();
        if read::SPREADSHEET_EXTENSIONS.contains(&ext.as_str()) {
            let wb = read::read_workbook(path).map_err(|e| {
                let f = crate::pipeline::read_error_finding(e);
                RosterError::new(
                    f.message(crate::findings::Lang::Vi),
                    f.message(crate::findings::Lang::En),
                )
            })?;
            let mut best = Vec::new();
            for sheet in &wb.sheets {
                let names = names_of_table(&sheet_rows(sheet));
                if names.len() > best.len() {
                    best = names;
                }
            }
            return Roster::of(best, None);
        }
        let size = std::fs::metadata(path).map_err(|e| cannot_open(&e))?.len();
        if size > MAX_ROSTER_BYTES {
            return Err(RosterError::new(
                format!(
                    "tệp lớn {} MiB, không phải một danh sách đơn vị",
                    size >> 20
                ),
                format!("the file is {} MiB, not a list of units", size >> 20),
            ));
        }
        let bytes = std::fs::read(path).map_err(|e| cannot_open(&e))?;
        Roster::from_bytes(&bytes, &ext)
    }

    /// A text roster from its bytes; `ext` "csv" splits lines into columns
    /// at commas or semicolons, any other at tabs.
    pub fn from_bytes(bytes: &[u8], ext: &str) -> Result<Roster, RosterError> {
        let head = bytes.get(..8).unwrap_or(bytes);
        if head.starts_with(b"PK\x03\x04") || head.starts_with(&[0xD0, 0xCF, 0x11, 0xE0]) {
            return Err(RosterError::new(
                "tệp là bảng tính nhưng mang đuôi của tệp văn bản; hãy đặt lại đuôi .xlsx, .xls hoặc .ods",
                "the file is a spreadsheet named like a text file; give it its .xlsx, .xls or .ods extension",
            ));
        }
        let (text, encoding) = decode(bytes);
        if text.contains('\u{0}') {
            return Err(RosterError::new(
                "tệp không phải văn bản (có byte 0)",
                "the file is not text (it holds NUL bytes)",
            ));
        }
        let rows: Vec<Vec<String>> = if ext == "csv" {
            csv_rows(&text)
        } else {
            text.lines()
                .filter(|l| !l.trim_start().starts_with('#'))
                .map(|l| l.split('\t').map(str::to_string).collect())
                .collect()
        };
        Roster::of(names_of_table(&rows), Some(encoding))
    }

    fn of(names: Vec<String>, encoding: Option<&'static str>) -> Result<Roster, RosterError> {
        let mut r = Roster {
            encoding,
            ..Roster::default()
        };
        for name in names.into_iter().take(MAX_NAMES) {
            let key = agency::key(&name);
            if key.is_empty() || r.by_key.contains_key(&key) {
                continue;
            }
            r.by_key.insert(key.clone(), r.entries.len());
            r.entries.push(Entry { name, key });
        }
        if r.entries.is_empty() {
            return Err(RosterError::new(
                "danh sách không có tên đơn vị nào (tệp trống, hoặc không tìm thấy cột tên đơn vị)",
                "the list holds no unit name (an empty file, or no column of unit names found)",
            ));
        }
        Ok(r)
    }

    /// The expected units, in the roster's order.
    pub fn entries(&self) -> &[Entry] {
        &self.entries
    }

    /// The names, as the roster spells them.
    pub fn names(&self) -> Vec<&str> {
        self.entries.iter().map(|e| e.name.as_str()).collect()
    }

    /// The roster's entry for a unit name, if it names one of them.
    pub fn find(&self, name: &str) -> Option<&Entry> {
        self.by_key
            .get(&agency::key(name))
            .and_then(|&i| self.entries.get(i))
    }

    /// The names of the roster no form of the run names (superseded forms
    /// count: the unit sent something), as the roster spells them.
    pub fn missing(&self, run: &crate::report::Run) -> Vec<String> {
        let have: std::collections::HashSet<String> = run
            .files
            .iter()
            .flat_map(|f| f.units.iter())
            .filter_map(|u| u.form.unit.as_ref().map(|n| agency::key(&n.value)))
            .collect();
        self.entries
            .iter()
            .filter(|e| !have.contains(&e.key))
            .map(|e| e.name.clone())
            .collect()
    }
}

fn cannot_open(e: &std::io::Error) -> RosterError {
    RosterError::new(
        format!("không mở được tệp ({e})"),
        format!("cannot open the file ({e})"),
    )
}

/// Text from bytes: a BOM decides (UTF-8, UTF-16LE, UTF-16BE); without
/// one, UTF-8 if the bytes are valid UTF-8, UTF-16 if every other byte is
/// NUL, else Windows-1258 (the Vietnamese code page of Notepad's "ANSI"),
/// whose tone marks are combining characters: the text is put in NFC.
pub fn decode(bytes: &[u8]) -> (String, &'static str) {
    use encoding_rs::{UTF_8, WINDOWS_1258};
    let encoding = if let Some((enc, _)) = encoding_rs::Encoding::for_bom(bytes) {
        enc
    } else if std::str::from_utf8(bytes).is_ok() {
        UTF_8
    } else if let Some(enc) = utf16_without_bom(bytes) {
        enc
    } else {
        WINDOWS_1258
    };
    let (text, _, _) = encoding.decode(bytes);
    let text: String = text.nfc().collect();
    (text, encoding.name())
}

/// UTF-16 without a byte-order mark: most high (or low) bytes of the
/// first characters NUL, as in Vietnamese written in UTF-16.
fn utf16_without_bom(bytes: &[u8]) -> Option<&'static encoding_rs::Encoding> {
    let head = bytes.get(..bytes.len().min(4096) & !1)?;
    let pairs = head.len() / 2;
    if pairs < 2 {
        return None;
    }
    let even = head.iter().step_by(2).filter(|&&b| b == 0).count();
    let odd = head.iter().skip(1).step_by(2).filter(|&&b| b == 0).count();
    if odd * 10 >= pairs * 3 && even * 10 < pairs {
        Some(encoding_rs::UTF_16LE)
    } else if even * 10 >= pairs * 3 && odd * 10 < pairs {
        Some(encoding_rs::UTF_16BE)
    } else {
        None
    }
}

/// The rows of a CSV text, split at the delimiter its first line uses most
/// (comma, semicolon or tab).
fn csv_rows(text: &str) -> Vec<Vec<String>> {
    let first = text.lines().find(|l| !l.trim().is_empty()).unwrap_or("");
    let delimiter = [b',', b';', b'\t']
        .into_iter()
        .max_by_key(|d| first.bytes().filter(|b| b == d).count())
        .unwrap_or(b',');
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(delimiter)
        .from_reader(text.as_bytes());
    reader
        .records()
        .filter_map(Result::ok)
        .map(|r| r.iter().map(str::to_string).collect())
        .collect()
}

/// A sheet as rows of cell texts (numbers as written, so STT columns read
/// as numbers).
fn sheet_rows(sheet: &Sheet) -> Vec<Vec<String>> {
    let mut rows: Vec<Vec<String>> = Vec::new();
    for c in &sheet.cells {
        let (r, col) = (c.addr.row as usize, c.addr.col as usize);
        // Far-off cells are not part of a list of names.
        if r >= 10_000 || col >= 64 {
            continue;
        }
        let text = match &c.value {
            CellValue::Text(t) => t.clone(),
            CellValue::Number { value, .. } => value.to_string(),
            _ => continue,
        };
        if rows.len() <= r {
            rows.resize(r + 1, Vec::new());
        }
        let row = &mut rows[r];
        if row.len() <= col {
            row.resize(col + 1, String::new());
        }
        row[col] = text;
    }
    rows
}

/// Headers of the column of unit names, folded.
const NAME_HEADERS: &[&str] = &[
    "don vi",
    "ten don vi",
    "co quan",
    "ten co quan",
    "co quan, don vi",
    "co quan don vi",
    "ten co quan, don vi",
    "ten co quan don vi",
    "ten co quan/don vi",
    "co quan/don vi",
    "don vi hoc tap",
    "ten don vi hoc tap",
    "unit",
    "units",
    "unit name",
    "name",
];

fn is_name_header(cell: &str) -> bool {
    let f = fold_ascii(cell);
    let f = f.trim_end_matches([':', '.', '*']).trim();
    NAME_HEADERS.contains(&f)
}

/// The names of a table: the column found by its header, else the one
/// with the most cells that read as names; rows above the header, titles,
/// numbers, blank cells and closing totals left out.
fn names_of_table(rows: &[Vec<String>]) -> Vec<String> {
    let header = rows.iter().take(50).enumerate().find_map(|(r, row)| {
        row.iter()
            .position(|c| is_name_header(c))
            .map(|col| (r, col))
    });
    let (start, col) = match header {
        Some((r, col)) => (r + 1, col),
        None => {
            let width = rows.iter().map(Vec::len).max().unwrap_or(0);
            let col = (0..width)
                .max_by_key(|&c| {
                    let n = rows
                        .iter()
                        .filter(|r| r.get(c).is_some_and(|t| looks_like_name(t)))
                        .count();
                    // Most names; the leftmost among equals.
                    (n, std::cmp::Reverse(c))
                })
                .unwrap_or(0);
            (0, col)
        }
    };
    rows.iter()
        .skip(start)
        .filter_map(|r| r.get(col))
        .map(|t| clean_name(t))
        .filter(|t| looks_like_name(t) && !is_title(t) && !is_name_header(t))
        .collect()
}

/// A name without the numbering typed before it ("1.", "2)", "a-") and
/// with its spacing tidied.
fn clean_name(t: &str) -> String {
    let t: String = t.nfc().collect();
    let t = t.trim().trim_matches('"').trim();
    let mut rest = t;
    let digits = rest.chars().take_while(|c| c.is_ascii_digit()).count();
    if digits > 0 && digits <= 4 {
        let after = &rest[digits..];
        if let Some(r) = after
            .strip_prefix(['.', ')', '-', '/', ':'])
            .or_else(|| after.strip_prefix(' '))
        {
            rest = r;
        }
    }
    rest.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Text with a letter that is not only an STT ("1", "IV", "a)").
fn looks_like_name(t: &str) -> bool {
    let t = t.trim();
    let letters = t.chars().filter(|c| c.is_alphabetic()).count();
    if letters == 0 {
        return false;
    }
    let roman = t
        .trim_end_matches(['.', ')'])
        .chars()
        .all(|c| "IVXLivxl".contains(c));
    let single = letters == 1 && t.chars().count() <= 3;
    let stt = matches!(fold_ascii(t).as_str(), "stt" | "tt" | "so tt" | "no.");
    !(roman || single || stt)
}

/// A title or a closing line rather than a unit: "DANH SÁCH …", "Tổng
/// cộng: 26 đơn vị", "Người lập", "Ghi chú".
fn is_title(t: &str) -> bool {
    let f = fold_ascii(t);
    [
        "danh sach",
        "tong cong",
        "tong so",
        "cong:",
        "nguoi lap",
        "ghi chu",
        "cong hoa xa hoi",
        "doc lap - tu do",
    ]
    .iter()
    .any(|p| f.starts_with(p))
        || f == "cong"
}

#[cfg(test)]
mod tests;
