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
//!    reader. In process, calamine's panics are caught.

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
use std::path::Path;

/// Most cells a sheet may hold before reading stops (`sheet-too-large`).
/// A form has a few hundred.
pub const MAX_CELLS_PER_SHEET: usize = 200_000;
/// Most cells kept from all sheets of one workbook together.
pub const MAX_CELLS_PER_WORKBOOK: usize = 1_000_000;
/// Most merged areas kept per sheet.
pub const MAX_MERGES_PER_SHEET: usize = 50_000;
/// Rows of Excel's grid.
pub const GRID_ROWS: u32 = 1_048_576;
/// Columns of Excel's grid.
pub const GRID_COLS: u32 = 16_384;
/// Largest file read at all. A form is well under a megabyte.
pub const MAX_FILE_BYTES: u64 = 128 * 1024 * 1024;

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
/// .ods, .xlsb) go to the child. A child costs a process start and a JSON
/// round trip, several times the cost of reading a form, and forms are
/// .xlsx (1,000 forms: 20 s isolated, 2.3 s in process; BENCHMARKS.md).
pub fn read_workbook_with(path: &Path, limits: &Limits) -> Result<Workbook, ReadError> {
    match isolate::current() {
        Some(iso) => {
            let bytes = load(path)?;
            let child = || isolate::read_isolated(&iso, path, limits);
            read_bytes_with(&bytes, &ext_of(path), limits, Some(&child))
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
    read_bytes(&bytes, &ext_of(path), limits)
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
    read_bytes_with(bytes, ext, limits, None)
}

/// A reader for the formats calamine parses whole (.xls, .ods, .xlsb):
/// `None` reads them here, `Some` hands them over (to the child process).
type Heavy<'a> = Option<&'a dyn Fn() -> Result<Workbook, ReadError>>;

fn read_bytes_with(
    bytes: &[u8],
    ext: &str,
    limits: &Limits,
    heavy: Heavy,
) -> Result<Workbook, ReadError> {
    let read = std::panic::AssertUnwindSafe(|| read_bytes_unguarded(bytes, ext, limits, heavy));
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
    bytes: &[u8],
    ext: &str,
    limits: &Limits,
    heavy: Heavy,
) -> Result<Workbook, ReadError> {
    let head = bytes.get(..8192).unwrap_or(bytes);
    let content = sniff::sniff(head);
    if let Some(not) = sniff::not_a_spreadsheet(content, ext) {
        return Err(ReadError::NotASpreadsheet(not));
    }
    match content {
        Content::Zip => {
            let (kind, parts) = archive::inspect_keeping(bytes)?;
            let mut wb = match kind {
                // The common shape in one pass over the parts the guard
                // inflated; anything else through calamine.
                archive::ZipKind::Xlsx => match ooxml::read(&parts, limits) {
                    Some(wb) => wb,
                    None => xlsx::read_xlsx(bytes, limits)?,
                },
                _ if let Some(read) = heavy => read()?,
                archive::ZipKind::Xlsb => xlsx::read_xlsb(bytes, limits)?,
                archive::ZipKind::Ods => legacy::read_ods(bytes, limits)?,
            };
            wb.properties = props::read(&parts);
            Ok(wb)
        }
        Content::Cfb => {
            if has_stream(bytes, "EncryptedPackage") || has_stream(bytes, "EncryptionInfo") {
                return Err(ReadError::Encrypted);
            }
            if has_stream(bytes, "Workbook") || has_stream(bytes, "Book") {
                return match heavy {
                    Some(read) => read(),
                    None => legacy::read_xls(bytes, limits),
                };
            }
            Err(ReadError::NotASpreadsheet(
                if has_stream(bytes, "WordDocument") {
                    NotSpreadsheet::WordDoc
                } else if has_stream(bytes, "PowerPoint Document") {
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

fn used(wb: &Workbook) -> usize {
    wb.sheets.iter().map(|s| s.cells.len()).sum()
}

/// Collects one sheet's cells under the limits.
pub(crate) struct SheetBuilder {
    sheet: Sheet,
    max_cells: usize,
}

impl SheetBuilder {
    /// A sheet of a workbook whose earlier sheets hold `used` cells.
    fn new(name: &str, limits: &Limits, used: usize) -> SheetBuilder {
        SheetBuilder {
            sheet: Sheet {
                name: name.to_string(),
                ..Default::default()
            },
            max_cells: limits
                .max_cells_per_sheet
                .min(limits.max_cells_per_workbook.saturating_sub(used)),
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

    /// Adds a cell; false (and `too_large` set) once the cap is reached.
    fn push(&mut self, row: u32, col: u32, value: CellValue) -> bool {
        if self.sheet.cells.len() >= self.max_cells {
            self.sheet.too_large = true;
            return false;
        }
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
        let mut b = SheetBuilder::new("s", &limits, 0);
        assert!(b.push(0, 0, CellValue::Bool(true)));
        assert!(b.push(0, 1, CellValue::Bool(true)));
        assert!(!b.push(0, 2, CellValue::Bool(true)));
        assert!(b.sheet.too_large);
        let mut b = SheetBuilder::new("s", &limits, 2);
        assert!(b.push(0, 0, CellValue::Bool(true)));
        assert!(!b.push(0, 1, CellValue::Bool(true)));
        assert!(b.sheet.too_large);
        let mut b = SheetBuilder::new("s", &limits, 0);
        assert!(b.within(GRID_ROWS - 1, GRID_COLS - 1));
        assert!(!b.sheet.too_large);
        assert!(!b.within(GRID_ROWS, 0));
        assert!(b.sheet.too_large);
    }
}
