//! File → cells. One code path for every format dvht accepts (.xlsx, .xlsm,
//! .xls, .xlsb, .ods), all through calamine, all bounded.
//!
//! This is the only module that touches file bytes. It knows nothing about
//! rubrics: it yields a [`Workbook`] of sheets of addressed cells, or says
//! why the file could not be read.
//!
//! The path of every file, whatever its name says:
//! 1. [`sniff`]: what the bytes are (empty, HTML, CSV, text, PDF, zip, OLE…).
//!    Only zip and OLE go further; the rest are `NotASpreadsheet`.
//! 2. [`archive`]: every zip is inflated once, counting bytes actually
//!    produced (entry count, per-entry and total caps, POI's 1 % ratio rule,
//!    duplicate and overlapping entries, `sharedStrings` count, ODF
//!    encryption), and classified (.xlsx/.xlsm, .xlsb, .ods, or not a
//!    workbook). OLE files holding `EncryptedPackage` are encrypted .xlsx.
//! 3. The format readers: `xlsx` (streaming cell readers, declared dimension
//!    ignored) and `legacy` (.xls, .ods), each stopping a sheet at
//!    [`MAX_CELLS_PER_SHEET`] cells or at a cell beyond Excel's grid, with
//!    `Sheet::too_large` set.
//! 4. A hard wall ([`isolate`]): when [`set_isolation`] names the dvht
//!    binary, every .xls, .ods and .xlsb (parsed whole by calamine before
//!    anything can be checked) is read in a child process
//!    (`dvht __read-cells`) under a memory limit and a timeout; an .xlsx
//!    that passed steps 1–2 is read in process by the bounded streaming
//!    reader, unless it is large (over [`MAX_IN_PROCESS_BYTES`], or XML
//!    parts over [`archive::MAX_KEPT_BYTES`]): then it goes to the child
//!    too. In process, calamine's panics are caught.
//!
//! Memory: reading any one file, dvht and its child together stay under
//! [`MEMORY_BUDGET`] (issue 14: 256 MB; `bench/hostile.sh` measures every
//! hostile file, BENCHMARKS.md). What a file can make them hold:
//! - in the child: at most its address space ([`isolate::DEFAULT_MEMORY_LIMIT`]),
//!   while dvht keeps no copy of the file, only the reply so far (at most
//!   [`isolate::MAX_REPLY_BYTES`]);
//! - in dvht: the file (at most [`MAX_IN_PROCESS_BYTES`]), the XML parts
//!   the guard keeps (at most [`archive::MAX_KEPT_BYTES`]) and what they
//!   describe: at most [`MAX_CELLS_PER_WORKBOOK`] cells holding at most
//!   [`MAX_TEXT_BYTES_PER_WORKBOOK`] of text (one long shared string can
//!   stand for the value of every cell).

pub mod archive;
mod biff;
mod convert;
mod error;
pub mod isolate;
mod legacy;
mod ods;
pub mod ooxml;
mod props;
pub mod sniff;
mod xlsx;

pub use convert::{decimal_of_f64, is_percent_format};
pub use error::{Bomb, Damage, NotSpreadsheet, ReadError};
pub use isolate::{Isolation, set_isolation};

use crate::cells::{Addr, Cell, CellValue, Sheet, Workbook};
use sniff::Content;
use std::borrow::Cow;
use std::path::Path;

/// Most cells a sheet may hold before reading stops (`sheet-too-large`).
/// A form has a few hundred.
pub const MAX_CELLS_PER_SHEET: usize = 200_000;
/// Most cells kept from all sheets of one workbook together.
pub const MAX_CELLS_PER_WORKBOOK: usize = 1_000_000;
/// Most bytes of text (texts, formulas, errors, dates) kept from all sheets
/// of one workbook together: once reached, a further cell holding text stops
/// its sheet with `too_large` set. A form holds about 50 KB. Without it a
/// file of a few kilobytes could claim gigabytes: one long shared string
/// (or shared formula) stands for the value of every cell that refers to
/// it, and each cell keeps a copy.
pub const MAX_TEXT_BYTES_PER_WORKBOOK: usize = 16 * 1024 * 1024;
/// Most merged areas kept per sheet.
pub const MAX_MERGES_PER_SHEET: usize = 50_000;
/// Rows of Excel's grid.
pub const GRID_ROWS: u32 = 1_048_576;
/// Columns of Excel's grid.
pub const GRID_COLS: u32 = 16_384;
/// Largest file read at all. A form is well under a megabyte.
pub const MAX_FILE_BYTES: u64 = 128 * 1024 * 1024;
/// Largest .xlsx read in dvht's own process when the wall is up
/// ([`set_isolation`]); a larger one is read in the child, as an .xls is.
pub const MAX_IN_PROCESS_BYTES: u64 = 32 * 1024 * 1024;
/// Most memory dvht may take reading any one file, the child included
/// (256 MB, issue 14): see the module's notes on memory.
pub const MEMORY_BUDGET: u64 = 256_000_000;
/// What dvht itself takes besides a file's content (code, a run's state).
const PROCESS_BASE_BYTES: u64 = 16 * 1024 * 1024;
const _: () = assert!(
    PROCESS_BASE_BYTES + isolate::DEFAULT_MEMORY_LIMIT + isolate::MAX_REPLY_BYTES <= MEMORY_BUDGET,
    "the child's memory limit and its reply must fit the memory budget"
);

/// The environment variable that makes dvht read every .xlsx with calamine
/// alone, never with the one-pass reader ([`ooxml`]): `DVHT_READER=calamine`.
/// CI runs the whole test suite once that way (.ci/run), so that nothing
/// dvht answers depends on which of the two read a file. Any other value,
/// or none, leaves the one-pass reader on.
pub const READER_VAR: &str = "DVHT_READER";

/// Whether [`READER_VAR`] says calamine alone (read once per process).
fn calamine_only() -> bool {
    static ONLY: std::sync::OnceLock<bool> = std::sync::OnceLock::new();
    *ONLY.get_or_init(|| says_calamine_only(std::env::var_os(READER_VAR).as_deref()))
}

/// Whether a value of [`READER_VAR`] asks for calamine alone.
fn says_calamine_only(value: Option<&std::ffi::OsStr>) -> bool {
    value.is_some_and(|v| v == "calamine")
}

/// Extensions dvht reads.
pub const SPREADSHEET_EXTENSIONS: &[&str] = &["xlsx", "xlsm", "xls", "xlsb", "ods"];

/// The bounds one read works under.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    /// Cells kept per sheet before `too_large` is set.
    pub max_cells_per_sheet: usize,
    /// Cells kept from the whole workbook: once reached, every further
    /// cell stops its sheet with `too_large` set.
    pub max_cells_per_workbook: usize,
}

impl Default for Limits {
    fn default() -> Limits {
        Limits {
            max_cells_per_sheet: MAX_CELLS_PER_SHEET,
            max_cells_per_workbook: MAX_CELLS_PER_WORKBOOK,
        }
    }
}

/// Reads every sheet of a workbook into cells: .xls/.ods/.xlsb in a child
/// process when [`set_isolation`] was called with the dvht binary, the
/// rest in process (see [`read_workbook_with`]).
pub fn read_workbook(path: &Path) -> Result<Workbook, ReadError> {
    read_workbook_with(path, &Limits::default())
}

/// [`read_workbook`] with other limits.
///
/// Under isolation, the file is sniffed and a zip put through the archive
/// guard in this process (both bounded, no calamine), and an .xlsx/.xlsm
/// that passes is read here too: every part calamine opens has been
/// inflated under the guard's caps and the streaming cell reader stops at
/// the cell caps, so nothing is left that can exhaust memory or hang. Only
/// the formats calamine parses whole before anything can be checked (.xls,
/// .ods, .xlsb) and a large .xlsx go to the child; this process drops its
/// copy of the file first. A child costs a process start and a JSON round
/// trip, several times the cost of reading a form, and forms are small
/// .xlsx (BENCHMARKS.md, "Reading in a child process").
pub fn read_workbook_with(path: &Path, limits: &Limits) -> Result<Workbook, ReadError> {
    match isolate::current() {
        Some(iso) => {
            let bytes = load(path)?;
            let child = || isolate::read_isolated(&iso, path, limits);
            read_bytes_with(Cow::Owned(bytes), &ext_of(path), limits, Some(&child))
        }
        None => read_in_process(path, limits),
    }
}

fn ext_of(path: &Path) -> String {
    path.extension()
        .and_then(|e| e.to_str())
        .unwrap_or("")
        .to_ascii_lowercase()
}

/// Reads a file in this process: sniffing, archive guard, bounded readers,
/// and calamine's panics turned into `Unreadable`. (An allocation failure
/// still aborts the process: that is what [`isolate`] is for.)
pub fn read_in_process(path: &Path, limits: &Limits) -> Result<Workbook, ReadError> {
    let bytes = load(path)?;
    read_bytes_with(Cow::Owned(bytes), &ext_of(path), limits, None)
}

fn load(path: &Path) -> Result<Vec<u8>, ReadError> {
    let meta = std::fs::metadata(path).map_err(|e| io_error(path, &e))?;
    if meta.is_dir() {
        return Err(ReadError::NotASpreadsheet(NotSpreadsheet::Folder));
    }
    if meta.len() > MAX_FILE_BYTES {
        return Err(ReadError::Unreadable(Damage::TooLarge {
            mib: meta.len() >> 20,
            max_mib: MAX_FILE_BYTES >> 20,
        }));
    }
    let mut bytes = Vec::new();
    use std::io::Read;
    std::fs::File::open(path)
        .and_then(|f| f.take(MAX_FILE_BYTES + 1).read_to_end(&mut bytes))
        .map_err(|e| io_error(path, &e))?;
    Ok(bytes)
}

fn io_error(_path: &Path, e: &std::io::Error) -> ReadError {
    ReadError::Unreadable(Damage::CannotOpen(e.to_string()))
}

/// Reads a file's bytes; `ext` (lower case, no dot) only names the file in
/// messages — the content decides the reader. A panic inside calamine
/// becomes `Unreadable`.
pub fn read_bytes(bytes: &[u8], ext: &str, limits: &Limits) -> Result<Workbook, ReadError> {
    read_bytes_with(Cow::Borrowed(bytes), ext, limits, None)
}

/// A reader for the formats calamine parses whole (.xls, .ods, .xlsb) and
/// large .xlsx: `None` reads them here, `Some` hands them over (to the
/// child process, which reads the file itself: the bytes, when owned, are
/// dropped first).
type Heavy<'a> = Option<&'a dyn Fn() -> Result<Workbook, ReadError>>;

fn read_bytes_with(
    bytes: Cow<'_, [u8]>,
    ext: &str,
    limits: &Limits,
    heavy: Heavy,
) -> Result<Workbook, ReadError> {
    let read =
        std::panic::AssertUnwindSafe(move || read_bytes_unguarded(bytes, ext, limits, heavy));
    match std::panic::catch_unwind(read) {
        Ok(r) => r,
        Err(panic) => {
            let msg = panic
                .downcast_ref::<&str>()
                .map(|s| s.to_string())
                .or_else(|| panic.downcast_ref::<String>().cloned())
                .unwrap_or_default();
            Err(ReadError::Unreadable(Damage::ReaderFailed(msg)))
        }
    }
}

fn read_bytes_unguarded(
    bytes: Cow<'_, [u8]>,
    ext: &str,
    limits: &Limits,
    heavy: Heavy,
) -> Result<Workbook, ReadError> {
    let head = bytes.get(..8192).unwrap_or(&bytes);
    let content = sniff::sniff(head);
    if let Some(not) = sniff::not_a_spreadsheet(content, ext) {
        return Err(ReadError::NotASpreadsheet(not));
    }
    match content {
        Content::Zip => {
            let (kind, parts) = archive::inspect_keeping(&bytes)?;
            let properties = props::read(&parts);
            // Large: over the size read here, or XML parts over what the
            // guard keeps (calamine would hold its shared strings whole).
            let small = bytes.len() as u64 <= MAX_IN_PROCESS_BYTES && parts.complete();
            let mut wb = if kind == archive::ZipKind::Xlsx && (heavy.is_none() || small) {
                // The common shape in one pass over the parts the guard
                // inflated (and kept); anything else through calamine.
                let one_pass = match calamine_only() {
                    false => ooxml::read(&parts, limits),
                    true => None,
                };
                drop(parts);
                match one_pass {
                    Some(wb) => wb,
                    None => xlsx::read_xlsx(&bytes, limits)?,
                }
            } else {
                drop(parts);
                match heavy {
                    Some(read) => {
                        drop(bytes);
                        read()?
                    }
                    None if kind == archive::ZipKind::Ods => legacy::read_ods(&bytes, limits)?,
                    None => xlsx::read_xlsb(&bytes, limits)?,
                }
            };
            wb.properties = properties;
            Ok(wb)
        }
        Content::Cfb => {
            if has_stream(&bytes, "EncryptedPackage") || has_stream(&bytes, "EncryptionInfo") {
                return Err(ReadError::Encrypted);
            }
            if has_stream(&bytes, "Workbook") || has_stream(&bytes, "Book") {
                return match heavy {
                    Some(read) => {
                        drop(bytes);
                        read()
                    }
                    None => legacy::read_xls(&bytes, limits),
                };
            }
            Err(ReadError::NotASpreadsheet(
                if has_stream(&bytes, "WordDocument") {
                    NotSpreadsheet::WordDoc
                } else if has_stream(&bytes, "PowerPoint Document") {
                    NotSpreadsheet::PowerPoint
                } else {
                    NotSpreadsheet::OfficeWithoutWorkbook
                },
            ))
        }
        Content::OldBiff => Err(ReadError::Unreadable(Damage::OldBiff)),
        _ => Err(ReadError::Unreadable(Damage::UnknownFormat)),
    }
}

/// For tests: an .xlsx that passes the archive guard read by the one-pass
/// reader ([`ooxml`]; `None` where it leaves the file to calamine) and by
/// calamine, with calamine's panics caught. `None` for any other file.
#[doc(hidden)]
pub fn xlsx_both_ways(
    bytes: &[u8],
    limits: &Limits,
) -> Option<(Option<Workbook>, Result<Workbook, ReadError>)> {
    let (kind, parts) = archive::inspect_keeping(bytes).ok()?;
    if kind != archive::ZipKind::Xlsx {
        return None;
    }
    let fast = ooxml::read(&parts, limits);
    let slow = std::panic::catch_unwind(|| xlsx::read_xlsx(bytes, limits))
        .unwrap_or_else(|_| Err(ReadError::Unreadable(Damage::ReaderFailed("panic".into()))));
    Some((fast, slow))
}

/// Whether an OLE compound file names a stream (UTF-16LE directory entry,
/// compared without case as OLE does: "WORKBOOK" is "Workbook").
fn has_stream(bytes: &[u8], name: &str) -> bool {
    let mut needle: Vec<u8> = name
        .to_ascii_lowercase()
        .encode_utf16()
        .flat_map(|u| u.to_le_bytes())
        .collect();
    // Directory names are NUL-terminated: "Book" must not match "Bookmarks".
    needle.extend_from_slice(&[0, 0]);
    bytes.windows(needle.len()).any(|w| {
        w.iter()
            .zip(&needle)
            .all(|(a, b)| a.to_ascii_lowercase() == *b)
    })
}

/// A calamine error as `Unreadable`.
fn calamine_error(e: &dyn std::fmt::Display) -> ReadError {
    ReadError::Unreadable(Damage::CorruptContent(e.to_string()))
}

/// Cells held by the sheets read so far.
/// The names of a workbook's worksheets (not chart sheets), in order.
fn worksheet_names<RS: std::io::Read + std::io::Seek, R: calamine::Reader<RS>>(
    wb: &R,
) -> Vec<String> {
    wb.sheets_metadata()
        .iter()
        .filter(|s| s.typ == calamine::SheetType::WorkSheet)
        .map(|s| s.name.clone())
        .collect()
}

fn used(wb: &Workbook) -> Used {
    let cells = || wb.sheets.iter().flat_map(|s| &s.cells);
    Used {
        cells: cells().count(),
        text_bytes: cells().map(|c| text_bytes(&c.value)).sum(),
    }
}

/// What the sheets read so far of a workbook hold, counted against the
/// workbook's caps.
#[derive(Debug, Clone, Copy, Default)]
struct Used {
    cells: usize,
    text_bytes: usize,
}

/// Bytes of text a value holds (0 for numbers and booleans).
fn text_bytes(v: &CellValue) -> usize {
    match v {
        CellValue::Text(t) | CellValue::Error(t) | CellValue::Date(t) => t.len(),
        CellValue::FormulaNoValue { formula } => formula.len(),
        CellValue::Number { .. } | CellValue::Bool(_) => 0,
    }
}

/// Collects one sheet's cells under the limits.
pub(crate) struct SheetBuilder {
    sheet: Sheet,
    max_cells: usize,
    /// Bytes of text this sheet may still keep.
    text_room: usize,
}

impl SheetBuilder {
    /// A sheet of a workbook whose earlier sheets hold what `used` says.
    fn new(name: &str, limits: &Limits, used: Used) -> SheetBuilder {
        SheetBuilder {
            sheet: Sheet {
                name: name.to_string(),
                ..Default::default()
            },
            max_cells: limits
                .max_cells_per_sheet
                .min(limits.max_cells_per_workbook.saturating_sub(used.cells)),
            text_room: MAX_TEXT_BYTES_PER_WORKBOOK.saturating_sub(used.text_bytes),
        }
    }

    /// Room for `n` more cells (at most the cap).
    fn reserve(&mut self, n: usize) {
        let room = self.max_cells.saturating_sub(self.sheet.cells.len());
        self.sheet.cells.reserve(n.min(room));
    }

    fn in_grid(&self, row: u32, col: u32) -> bool {
        row < GRID_ROWS && col < GRID_COLS
    }

    /// False (and `too_large` set) for a cell beyond Excel's grid.
    fn within(&mut self, row: u32, col: u32) -> bool {
        if self.in_grid(row, col) {
            true
        } else {
            self.sheet.too_large = true;
            false
        }
    }

    /// Adds a cell; false (and `too_large` set) once a cap is reached.
    fn push(&mut self, row: u32, col: u32, value: CellValue) -> bool {
        let text = text_bytes(&value);
        if self.sheet.cells.len() >= self.max_cells || text > self.text_room {
            self.sheet.too_large = true;
            return false;
        }
        self.text_room -= text;
        self.sheet.cells.push(Cell {
            addr: Addr::new(row, col),
            value,
        });
        true
    }

    fn merges(&mut self, areas: impl Iterator<Item = ((u32, u32), (u32, u32))>) {
        for (start, end) in areas {
            if self.sheet.merges.len() >= MAX_MERGES_PER_SHEET {
                break;
            }
            if let Some(m) = xlsx::merge_of(start, end) {
                self.sheet.merges.push(m);
            }
        }
    }

    fn finish(mut self) -> Sheet {
        self.sheet.normalize();
        self.sheet.merges.sort_by_key(|m| (m.first, m.last));
        self.sheet.merges.dedup();
        self.sheet
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_calamine_when_the_variable_says_so() {
        use std::ffi::OsStr;
        assert!(says_calamine_only(Some(OsStr::new("calamine"))));
        for other in ["", "ooxml", "Calamine ", "1"] {
            assert!(!says_calamine_only(Some(OsStr::new(other))), "{other:?}");
        }
        assert!(!says_calamine_only(None));
    }

    #[test]
    fn ole_stream_names() {
        let mut b = vec![0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
        b.extend("Bookmarks".encode_utf16().flat_map(|u| u.to_le_bytes()));
        b.extend([0, 0]);
        assert!(!has_stream(&b, "Book"));
        assert!(has_stream(&b, "Bookmarks"));
        assert!(has_stream(&b, "BOOKMARKS"));
        // An OLE file with no workbook stream is not a spreadsheet.
        assert!(matches!(
            read_bytes(&b, "xls", &Limits::default()),
            Err(ReadError::NotASpreadsheet(_))
        ));
        b.extend(
            "EncryptedPackage"
                .encode_utf16()
                .flat_map(|u| u.to_le_bytes()),
        );
        b.extend([0, 0]);
        assert_eq!(
            read_bytes(&b, "xlsx", &Limits::default()),
            Err(ReadError::Encrypted)
        );
    }

    #[test]
    fn builder_caps() {
        let limits = Limits {
            max_cells_per_sheet: 2,
            max_cells_per_workbook: 3,
        };
        let none = Used::default();
        let mut b = SheetBuilder::new("s", &limits, none);
        assert!(b.push(0, 0, CellValue::Bool(true)));
        assert!(b.push(0, 1, CellValue::Bool(true)));
        assert!(!b.push(0, 2, CellValue::Bool(true)));
        assert!(b.sheet.too_large);
        let two = Used {
            cells: 2,
            text_bytes: 0,
        };
        let mut b = SheetBuilder::new("s", &limits, two);
        assert!(b.push(0, 0, CellValue::Bool(true)));
        assert!(!b.push(0, 1, CellValue::Bool(true)));
        assert!(b.sheet.too_large);
        let mut b = SheetBuilder::new("s", &limits, none);
        assert!(b.within(GRID_ROWS - 1, GRID_COLS - 1));
        assert!(!b.sheet.too_large);
        assert!(!b.within(GRID_ROWS, 0));
        assert!(b.sheet.too_large);
    }

    #[test]
    fn builder_caps_the_text_of_a_workbook() {
        let half = "x".repeat(MAX_TEXT_BYTES_PER_WORKBOOK / 2);
        let text = |t: &str| CellValue::Text(t.to_string());
        let mut b = SheetBuilder::new("s", &Limits::default(), Used::default());
        assert!(b.push(0, 0, text(&half)));
        assert!(b.push(
            1,
            0,
            CellValue::FormulaNoValue {
                formula: half.clone()
            }
        ));
        // Full: no further byte of text, numbers still.
        assert!(b.push(2, 0, CellValue::Bool(true)));
        assert!(!b.sheet.too_large);
        assert!(!b.push(3, 0, text("x")));
        assert!(b.sheet.too_large);
        // A later sheet starts from what the earlier ones hold.
        let mut wb = Workbook::default();
        wb.sheets.push(b.finish());
        assert_eq!(used(&wb).text_bytes, MAX_TEXT_BYTES_PER_WORKBOOK);
        let mut b = SheetBuilder::new("t", &Limits::default(), used(&wb));
        assert!(!b.push(0, 0, CellValue::Error("#REF!".into())));
        assert!(b.sheet.too_large);
    }
}
