//! The tables of a district or team workbook, found by their header
//! labels (see the contract in the module above).

use super::{Book, BookFinding, BookItem, BookUnit, Layout, Problem, TypedCell};
use crate::cells::{Addr, Cell, CellValue, Sheet};
use crate::findings::Severity;
use crate::form::Loc;
use crate::own;
use crate::rubric::Rubric;
use crate::text::fold_ascii;
use crate::workbook::labels;
use rust_decimal::Decimal;
use std::collections::HashMap;

/// A sheet's cells, a row at a time (cells are sorted by row then column).
fn rows(sheet: &Sheet) -> impl Iterator<Item = (u32, &[Cell])> {
    let cells = &sheet.cells[..];
    let mut at = 0;
    std::iter::from_fn(move || {
        let first = cells.get(at)?;
        let row = first.addr.row;
        let end = at + cells[at..].partition_point(|c| c.addr.row == row);
        let out = &cells[at..end];
        at = end;
        Some((row, out))
    })
}

/// The value in column `col` of a row's cells.
fn at(row: &[Cell], col: u32) -> Option<&CellValue> {
    row.binary_search_by_key(&col, |c| c.addr.col)
        .ok()
        .map(|i| &row[i].value)
}

/// The trimmed text of a cell, a number written as text; empty for nothing.
fn text(v: Option<&CellValue>) -> String {
    match v {
        Some(CellValue::Text(t)) => t.trim().to_string(),
        Some(CellValue::Number { value, .. }) => value.normalize().to_string(),
        _ => String::new(),
    }
}

fn number(v: Option<&CellValue>) -> Option<Decimal> {
    match v {
        Some(CellValue::Number { value, .. }) => Some(*value),
        _ => None,
    }
}

/// Whether a cell holds something typed (blank text is nothing).
fn typed(v: &CellValue) -> bool {
    !matches!(v, CellValue::Text(t) if t.trim().is_empty())
}

/// The columns of a header row, by label: label → column.
fn header_columns(row: &[Cell]) -> HashMap<&'static str, u32> {
    let mut out = HashMap::new();
    for c in row {
        if let CellValue::Text(t) = &c.value {
            let t = fold_ascii(t);
            for l in ALL_HEADS {
                if t == fold_ascii(l) {
                    out.entry(*l).or_insert(c.addr.col);
                }
            }
        }
    }
    out
}

const ALL_HEADS: &[&str] = &[
    labels::HEAD_ID,
    labels::HEAD_MAX,
    labels::HEAD_SELF,
    labels::HEAD_COMPUTED,
    labels::HEAD_PROPOSED,
    labels::HEAD_TEAM,
    labels::HEAD_NOTE,
    labels::HEAD_EXPLAIN,
    labels::HEAD_NO,
    labels::HEAD_UNIT,
    labels::HEAD_FILE,
    labels::HEAD_SEVERITY,
    labels::HEAD_CRITERION,
    labels::HEAD_SHEET,
    labels::HEAD_CELL,
    labels::HEAD_CODE,
    labels::HEAD_MESSAGE,
    "Nội dung",
];

/// The text in the cell right of a label ("Đơn vị:") above `before`: the
/// next filled cell of the label's row.
fn labelled(sheet: &Sheet, label: &str, before: u32) -> Option<String> {
    let l = fold_ascii(label);
    let bare = l.trim_end_matches(':').trim_end().to_string();
    for (r, row) in rows(sheet) {
        if r >= before {
            break;
        }
        let Some(k) = row.iter().position(|c| {
            c.value
                .as_text()
                .is_some_and(|t| matches!(fold_ascii(t), f if f == l || f == bare))
        }) else {
            continue;
        };
        let v = row[k + 1..]
            .iter()
            .map(|c| text(Some(&c.value)))
            .find(|t| !t.is_empty());
        if v.is_some() {
            return v;
        }
    }
    None
}

/// Reads the scoring table of a sheet, if it has one, into the book.
pub(super) fn scoring(sheet: &Sheet, rubric: &Rubric, book: &mut Book) {
    let Some(header) = own::scoring_header(sheet) else {
        return;
    };
    let Some((_, head_row)) = rows(sheet).find(|(r, _)| *r == header) else {
        return;
    };
    let cols = header_columns(head_row);
    let (Some(&id_col), Some(&team_col)) = (cols.get(labels::HEAD_ID), cols.get(labels::HEAD_TEAM))
    else {
        return;
    };
    let col = |l: &str| cols.get(l).copied();
    let detail = col(labels::HEAD_UNIT).is_some();
    if detail {
        book.layout = Layout::Detail;
    }
    let own_name = if detail {
        None
    } else {
        Some((
            labelled(sheet, labels::LABEL_UNIT, header).unwrap_or_else(|| sheet.name.clone()),
            labelled(sheet, labels::LABEL_FILE, header).unwrap_or_default(),
        ))
    };
    // Units of this sheet by their number, name and file.
    let mut index: HashMap<(String, String, String), usize> = HashMap::new();
    for (r, row) in rows(sheet).skip_while(|(r, _)| *r <= header) {
        let id = text(at(row, id_col));
        if id.is_empty() {
            break;
        }
        if id == labels::ROW_TOTAL || id == labels::ROW_CLASS {
            continue;
        }
        let loc = |c: u32| Loc::new(&sheet.name, Addr::new(r, c));
        let typed_at = |c: Option<u32>| {
            let c = c?;
            at(row, c).filter(|v| typed(v)).map(|v| TypedCell {
                value: v.clone(),
                loc: loc(c),
            })
        };
        let (name, file, no) = match &own_name {
            Some((n, f)) => (n.clone(), f.clone(), String::new()),
            None => (
                text(col(labels::HEAD_UNIT).and_then(|c| at(row, c))),
                text(col(labels::HEAD_FILE).and_then(|c| at(row, c))),
                text(col(labels::HEAD_NO).and_then(|c| at(row, c))),
            ),
        };
        if rubric.item(&id).is_none() {
            book.problems.push(Problem::UnknownId {
                loc: loc(id_col),
                id,
                unit: name,
                team: typed_at(Some(team_col)),
                note: typed_at(col(labels::HEAD_NOTE)),
            });
            continue;
        }
        let k = *index
            .entry((no, name.clone(), file.clone()))
            .or_insert_with(|| {
                book.units.push(BookUnit {
                    name: name.clone(),
                    file,
                    sheet: sheet.name.clone(),
                    items: Vec::new(),
                    findings: Vec::new(),
                    counted: true,
                });
                book.units.len() - 1
            });
        let unit = &mut book.units[k];
        if unit.items.iter().any(|i| i.id == id) {
            book.problems.push(Problem::DuplicateRow {
                loc: loc(id_col),
                id,
                unit: name,
            });
            continue;
        }
        let cell = |c: Option<u32>| c.and_then(|c| at(row, c));
        unit.items.push(BookItem {
            id,
            max: number(cell(col(labels::HEAD_MAX))),
            self_score: number(cell(col(labels::HEAD_SELF))),
            computed: number(cell(col(labels::HEAD_COMPUTED))),
            proposed: number(cell(col(labels::HEAD_PROPOSED))),
            team: typed_at(Some(team_col)),
            note: typed_at(col(labels::HEAD_NOTE)),
            explain: text(cell(col(labels::HEAD_EXPLAIN))),
        });
    }
}

fn severity(s: &str) -> Option<Severity> {
    let s = fold_ascii(s);
    if s == fold_ascii(labels::SEVERITY_ERROR) {
        Some(Severity::Error)
    } else if s == fold_ascii(labels::SEVERITY_WARNING) {
        Some(Severity::Warning)
    } else {
        None
    }
}

fn some(s: String) -> Option<String> {
    (!s.is_empty()).then_some(s)
}

/// The "Phát hiện" sheet: each row to the unit of its file and name, or
/// (no name) to every unit of its file.
pub(super) fn findings_sheet(sheet: &Sheet, units: &mut [BookUnit]) {
    let Some((header, cols)) = rows(sheet).take(10).find_map(|(r, row)| {
        let cols = header_columns(row);
        let need = [
            labels::HEAD_FILE,
            labels::HEAD_UNIT,
            labels::HEAD_SEVERITY,
            labels::HEAD_CODE,
        ];
        need.iter()
            .all(|l| cols.contains_key(l))
            .then_some((r, cols))
    }) else {
        return;
    };
    let col = |l: &str| cols.get(l).copied();
    let mut by_file: HashMap<String, Vec<usize>> = HashMap::new();
    for (k, u) in units.iter().enumerate() {
        let file = fold_ascii(&u.file);
        // "a.xlsx › Trường A": also under "a.xlsx", for the file's findings.
        if let Some((f, _)) = u.file.split_once(" › ") {
            by_file.entry(fold_ascii(f)).or_default().push(k);
        }
        by_file.entry(file).or_default().push(k);
    }
    for (_, row) in rows(sheet).skip_while(|(r, _)| *r <= header) {
        let get = |l: &str| text(col(l).and_then(|c| at(row, c)));
        let Some(sev) = severity(&get(labels::HEAD_SEVERITY)) else {
            continue;
        };
        let finding = BookFinding {
            severity: sev,
            code: get(labels::HEAD_CODE),
            criterion: some(get(labels::HEAD_CRITERION)),
            sheet: some(get(labels::HEAD_SHEET)),
            cell: some(get(labels::HEAD_CELL)),
            message: get("Nội dung"),
        };
        let unit = fold_ascii(&get(labels::HEAD_UNIT));
        let Some(candidates) = by_file.get(&fold_ascii(&get(labels::HEAD_FILE))) else {
            continue;
        };
        for &k in candidates {
            if unit.is_empty() || fold_ascii(&units[k].name) == unit {
                units[k].findings.push(finding.clone());
            }
        }
    }
}

/// The findings table under a unit's scoring table, on its own sheet.
pub(super) fn unit_findings(sheet: &Sheet, units: &mut [BookUnit]) {
    let Some(k) = units.iter().position(|u| u.sheet == sheet.name) else {
        return;
    };
    let mut cols = None;
    for (_, row) in rows(sheet) {
        let Some(c) = &cols else {
            let found = header_columns(row);
            if [
                labels::HEAD_SEVERITY,
                labels::HEAD_CODE,
                labels::HEAD_MESSAGE,
            ]
            .iter()
            .all(|l| found.contains_key(l))
            {
                cols = Some(found);
            }
            continue;
        };
        let get = |l: &str| text(c.get(l).and_then(|&c| at(row, c)));
        let Some(sev) = severity(&get(labels::HEAD_SEVERITY)) else {
            continue;
        };
        units[k].findings.push(BookFinding {
            severity: sev,
            code: get(labels::HEAD_CODE),
            criterion: some(get(labels::HEAD_CRITERION)),
            sheet: None,
            cell: some(get(labels::HEAD_CELL)),
            message: get(labels::HEAD_MESSAGE),
        });
    }
}

/// The units "Tổng hợp" lists, as (name, file) folded (the name empty when
/// its link formula was saved without its result); `None` when its
/// header is not found.
pub(super) fn summary_units(sheet: &Sheet) -> Option<std::collections::HashSet<(String, String)>> {
    let (header, cols) = rows(sheet).take(20).find_map(|(r, row)| {
        let cols = header_columns(row);
        (cols.contains_key(labels::HEAD_UNIT) && cols.contains_key(labels::HEAD_FILE))
            .then_some((r, cols))
    })?;
    let (u, f) = (cols[labels::HEAD_UNIT], cols[labels::HEAD_FILE]);
    Some(
        rows(sheet)
            .skip_while(|(r, _)| *r <= header)
            .map(|(_, row)| (fold_ascii(&text(at(row, u))), fold_ascii(&text(at(row, f)))))
            // The name is a link (a HYPERLINK formula): a program that saves
            // formulas without their results leaves it empty, and the file
            // alone says which unit the row is.
            .filter(|(n, f)| !n.is_empty() || !f.is_empty())
            .collect(),
    )
}
