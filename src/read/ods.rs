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
use std::collections::HashSet;
use std::io::{BufReader, Cursor};

/// Per sheet, in document order: its name, percentage cells, merged areas.
#[derive(Debug, Default)]
pub struct OdsExtras {
    pub sheets: Vec<(String, HashSet<Addr>, Vec<Merge>)>,
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

/// Scans `content.xml`. `max_percent` bounds the percentage cells kept per
/// sheet. Any trouble gives `None`: the cells calamine read stand as they
/// are, without flags or merges.
pub fn scan(bytes: &[u8], max_percent: usize) -> Option<OdsExtras> {
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
                    out.sheets.push((name, HashSet::new(), Vec::new()));
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
                let Some((_, percent, merges)) = out.sheets.last_mut() else {
                    continue;
                };
                if name == "table-cell" {
                    if attr(e, "value-type").as_deref() == Some("percentage")
                        && row < u64::from(GRID_ROWS)
                        && col < u64::from(GRID_COLS)
                    {
                        // Each pass of the outer loop adds a cell or stops.
                        'cells: for r in row..row.saturating_add(row_rep).min(u64::from(GRID_ROWS))
                        {
                            for c in col..col.saturating_add(rep).min(u64::from(GRID_COLS)) {
                                if percent.len() >= max_percent {
                                    break 'cells;
                                }
                                percent.insert(Addr::new(r as u32, c as u32));
                            }
                        }
                    }
                    let cs = attr_u32(e, "number-columns-spanned").unwrap_or(1).max(1);
                    let rs = attr_u32(e, "number-rows-spanned").unwrap_or(1).max(1);
                    if (cs > 1 || rs > 1) && merges.len() < MAX_MERGES_PER_SHEET {
                        let last_r = row.saturating_add(u64::from(rs) - 1);
                        let last_c = col.saturating_add(u64::from(cs) - 1);
                        if last_r < u64::from(GRID_ROWS) && last_c < u64::from(GRID_COLS) {
                            merges.push(Merge {
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
        assert_eq!(extras.sheets[0].1.len(), 1000);
        assert!(extras.sheets[0].2.is_empty());
        assert_eq!(extras.sheets[1].0, "b");
        assert_eq!(extras.sheets[1].1.len(), 1000);
    }

    #[test]
    fn nested_tables_do_not_shift_positions() {
        let content = r#"<table:table table:name="s"><table:table-row><table:table-cell><table:table table:name="inner"><table:table-row><table:table-cell/><table:table-cell/></table:table-row></table:table></table:table-cell><table:table-cell office:value-type="percentage"/></table:table-row></table:table>"#;
        let extras = scan(&zip_content(content), 10).expect("scans");
        assert_eq!(extras.sheets.len(), 1);
        assert!(extras.sheets[0].1.contains(&Addr::new(0, 1)));
    }
}
