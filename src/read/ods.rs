//! What calamine drops from an .ods: which cells are percentages
//! (`office:value-type="percentage"`) and merged areas
//! (`table:number-columns-spanned` / `number-rows-spanned`). One streaming
//! pass over `content.xml` (already inflated once by the archive guard, so
//! its size is capped), positions counted with repeated rows and columns,
//! nothing allocated per repeated cell beyond the caps.

use super::{GRID_COLS, GRID_ROWS, MAX_MERGES_PER_SHEET};
use crate::cells::{Addr, Merge};
use quick_xml::Reader;
use quick_xml::events::{BytesStart, Event};
use std::collections::{HashMap, HashSet};
use std::io::{BufReader, Cursor};

/// What one sheet's cells lack.
#[derive(Debug, Default)]
pub struct OdsSheet {
    pub name: String,
    /// Cells whose value type is `percentage`.
    pub percent: HashSet<Addr>,
    pub merges: Vec<Merge>,
    /// Formula cells with no value at all (written by a program that does
    /// not compute), with the formula text.
    pub formulas: HashMap<Addr, String>,
}

/// Per sheet, in document order.
#[derive(Debug, Default)]
pub struct OdsExtras {
    pub sheets: Vec<OdsSheet>,
}

/// The cells of a block of `rows` × `cols` repeated cells at (`row`, `col`),
/// inside the grid, at most `room` of them.
fn block(row: u64, rows: u64, col: u64, cols: u64, room: usize) -> impl Iterator<Item = Addr> {
    let grid_r = u64::from(GRID_ROWS);
    let grid_c = u64::from(GRID_COLS);
    let (r1, c1) = (
        row.saturating_add(rows).min(grid_r),
        col.saturating_add(cols).min(grid_c),
    );
    let (r0, c0) = (row.min(r1), col.min(c1));
    // Each row yields at least one cell when the columns are in the grid,
    // so `take` bounds the whole walk.
    let cols_in = c1 > c0;
    (r0..if cols_in { r1 } else { r0 })
        .flat_map(move |r| (c0..c1).map(move |c| Addr::new(r as u32, c as u32)))
        .take(room)
}

fn attr(e: &BytesStart<'_>, local: &str) -> Option<String> {
    e.attributes()
        .flatten()
        .find(|a| a.key.local_name().as_ref() == local)
        .map(|a| a.value.into_owned())
}

fn attr_u32(e: &BytesStart<'_>, local: &str) -> Option<u32> {
    attr(e, local)?.trim().parse().ok()
}

/// Scans `content.xml`. `max_cells` bounds the cells kept per sheet. Any trouble gives `None`: the cells calamine read stand as they
/// are, without flags or merges.
pub fn scan(bytes: &[u8], max_cells: usize) -> Option<OdsExtras> {
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).ok()?;
    let content = zip.by_name("content.xml").ok()?;
    let mut xml = Reader::from_reader(BufReader::new(content));
    let mut buf = Vec::new();
    let mut out = OdsExtras::default();
    let mut table_depth = 0u32;
    let (mut row, mut col, mut row_rep) = (0u64, 0u64, 1u64);
    loop {
        buf.clear();
        let ev = xml.read_event_into(&mut buf).ok()?;
        let (e, empty) = match &ev {
            Event::Start(e) => (e, false),
            Event::Empty(e) => (e, true),
            Event::End(e) => {
                match e.local_name().as_ref() {
                    "table" => table_depth = table_depth.saturating_sub(1),
                    "table-row" if table_depth == 1 => {
                        row = row.saturating_add(row_rep);
                        col = 0;
                        row_rep = 1;
                    }
                    _ => {}
                }
                continue;
            }
            Event::Eof => break,
            _ => continue,
        };
        match e.local_name().as_ref() {
            "table" => {
                if !empty {
                    table_depth += 1;
                }
                if table_depth == 1 {
                    let name = attr(e, "name").unwrap_or_default();
                    out.sheets.push(OdsSheet {
                        name,
                        ..Default::default()
                    });
                    (row, col, row_rep) = (0, 0, 1);
                }
            }
            "table-row" if table_depth == 1 => {
                row_rep = u64::from(attr_u32(e, "number-rows-repeated").unwrap_or(1).max(1));
                col = 0;
                if empty {
                    row = row.saturating_add(row_rep);
                    row_rep = 1;
                }
            }
            name @ ("table-cell" | "covered-table-cell") if table_depth == 1 => {
                let rep = u64::from(attr_u32(e, "number-columns-repeated").unwrap_or(1).max(1));
                let Some(sheet) = out.sheets.last_mut() else {
                    continue;
                };
                if name == "table-cell" {
                    let value_type = attr(e, "value-type");
                    if value_type.as_deref() == Some("percentage") {
                        let room = max_cells.saturating_sub(sheet.percent.len());
                        sheet.percent.extend(block(row, row_rep, col, rep, room));
                    }
                    if value_type.is_none()
                        && let Some(f) = attr(e, "formula")
                    {
                        let f = f.strip_prefix("of:").unwrap_or(&f);
                        let f = f.strip_prefix('=').unwrap_or(f).to_string();
                        let room = max_cells.saturating_sub(sheet.formulas.len());
                        for a in block(row, row_rep, col, rep, room) {
                            sheet.formulas.insert(a, f.clone());
                        }
                    }
                    let cs = attr_u32(e, "number-columns-spanned").unwrap_or(1).max(1);
                    let rs = attr_u32(e, "number-rows-spanned").unwrap_or(1).max(1);
                    if (cs > 1 || rs > 1) && sheet.merges.len() < MAX_MERGES_PER_SHEET {
                        let last_r = row.saturating_add(u64::from(rs) - 1);
                        let last_c = col.saturating_add(u64::from(cs) - 1);
                        if last_r < u64::from(GRID_ROWS) && last_c < u64::from(GRID_COLS) {
                            sheet.merges.push(Merge {
                                first: Addr::new(row as u32, col as u32),
                                last: Addr::new(last_r as u32, last_c as u32),
                            });
                        }
                    }
                }
                col = col.saturating_add(rep);
            }
            _ => {}
        }
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    fn zip_content(content: &str) -> Vec<u8> {
        let mut w = zip::ZipWriter::new(Cursor::new(Vec::new()));
        w.start_file("content.xml", zip::write::SimpleFileOptions::default())
            .expect("start");
        w.write_all(content.as_bytes()).expect("write");
        w.finish().expect("finish").into_inner()
    }

    #[test]
    fn repeated_percentages_are_bounded() {
        // 2^20 rows × 2^14 columns of percentages, many times over: the scan
        // stops each sheet at the cap and skips what lies beyond the grid.
        let row = r#"<table:table-row table:number-rows-repeated="1048576"><table:table-cell table:number-columns-repeated="16384" office:value-type="percentage" office:value="1"/></table:table-row>"#;
        let beyond = r#"<table:table-row table:number-rows-repeated="4000000000"><table:table-cell table:number-columns-repeated="4000000000" office:value-type="percentage" table:number-columns-spanned="4000000000"/></table:table-row>"#;
        let content = format!(
            "<office:spreadsheet><table:table table:name=\"a\">{}{}</table:table><table:table table:name=\"b\">{}</table:table></office:spreadsheet>",
            row.repeat(1000),
            beyond.repeat(1000),
            row
        );
        let started = std::time::Instant::now();
        let extras = scan(&zip_content(&content), 1000).expect("scans");
        assert!(started.elapsed() < std::time::Duration::from_secs(10));
        assert_eq!(extras.sheets.len(), 2);
        assert_eq!(extras.sheets[0].percent.len(), 1000);
        assert!(extras.sheets[0].merges.is_empty());
        assert_eq!(extras.sheets[1].name, "b");
        assert_eq!(extras.sheets[1].percent.len(), 1000);
    }

    #[test]
    fn nested_tables_do_not_shift_positions() {
        let content = r#"<table:table table:name="s"><table:table-row><table:table-cell><table:table table:name="inner"><table:table-row><table:table-cell/><table:table-cell/></table:table-row></table:table></table:table-cell><table:table-cell office:value-type="percentage"/></table:table-row></table:table>"#;
        let extras = scan(&zip_content(content), 10).expect("scans");
        assert_eq!(extras.sheets.len(), 1);
        assert!(extras.sheets[0].percent.contains(&Addr::new(0, 1)));
    }
}
