//! Comparing two .xlsx files part by part, as rust_xlsxwriter's own tests
//! do: the zip container (compression, entry order, timestamps) is left out,
//! each XML part is compared as text split into its elements, and a failure
//! names the first part that differs and shows where, with context.
//!
//! A golden file then survives an update of the zip crate (or of how
//! rust_xlsxwriter compresses) and breaks, readably, only when what Excel
//! reads changes. That the bytes themselves are the same run to run is one
//! test of its own (tests/template.rs).
#![allow(dead_code)]

use std::collections::BTreeMap;
use std::io::{Cursor, Read};

/// Values that say which library wrote the file, not what the file holds:
/// (part, opening tag, closing tag) whose text is replaced by "…".
///
/// Nothing else is volatile: dvht's workbooks take no value from the clock
/// (the dates of docProps/core.xml come from the form's year or the inputs,
/// and tests check them), so they are compared like any other content.
const VOLATILE: &[(&str, &str, &str)] = &[("docProps/app.xml", "<AppVersion>", "</AppVersion>")];

/// The parts of a zipped workbook by name, volatile values normalised.
pub fn parts(xlsx: &[u8]) -> BTreeMap<String, Vec<u8>> {
    let mut z = zip::ZipArchive::new(Cursor::new(xlsx)).expect("an .xlsx is a zip archive");
    let mut out = BTreeMap::new();
    for i in 0..z.len() {
        let mut f = z.by_index(i).expect("zip entry");
        let mut data = Vec::new();
        f.read_to_end(&mut data).expect("zip entry inflates");
        let name = f.name().expect("entry name").into_owned();
        for (part, open, close) in VOLATILE {
            if name == *part {
                data = blank_between(&data, open, close);
            }
        }
        assert!(
            out.insert(name.clone(), data).is_none(),
            "{name} twice in the archive"
        );
    }
    out
}

fn blank_between(data: &[u8], open: &str, close: &str) -> Vec<u8> {
    let Ok(text) = std::str::from_utf8(data) else {
        return data.to_vec();
    };
    let Some(a) = text.find(open).map(|i| i + open.len()) else {
        return data.to_vec();
    };
    let Some(b) = text[a..].find(close).map(|i| a + i) else {
        return data.to_vec();
    };
    format!("{}…{}", &text[..a], &text[b..]).into_bytes()
}

/// The elements of an XML text: split after every `>`, nothing dropped
/// (joined again they give the text back), so two texts are equal exactly
/// when their element lists are.
fn elements(xml: &str) -> Vec<&str> {
    xml.split_inclusive('>').collect()
}

/// Where two parts first differ, shown as a few elements of context, then
/// the expected (`-`) and the found (`+`) elements from there on.
fn diff(name: &str, expected: &[u8], got: &[u8]) -> String {
    let (Ok(e), Ok(g)) = (std::str::from_utf8(expected), std::str::from_utf8(got)) else {
        return format!(
            "{name} (binary) differs: {} bytes expected, {} found",
            expected.len(),
            got.len()
        );
    };
    let (e, g) = (elements(e), elements(g));
    let k = e.iter().zip(&g).take_while(|(a, b)| a == b).count();
    let mut out = format!(
        "{name} differs at element {} ({} elements expected, {} found):\n",
        k + 1,
        e.len(),
        g.len()
    );
    for el in &e[k.saturating_sub(3)..k] {
        out += &format!("    {el}\n");
    }
    for el in e.iter().skip(k).take(5) {
        out += &format!("  - {el}\n");
    }
    for el in g.iter().skip(k).take(5) {
        out += &format!("  + {el}\n");
    }
    out
}

/// Panics unless `got` holds the same parts as `expected` with the same
/// content; the message starts with `what` and ends with `hint`.
pub fn assert_same_parts(what: &str, expected: &[u8], got: &[u8], hint: &str) {
    let (e, g) = (parts(expected), parts(got));
    let only = |a: &BTreeMap<String, Vec<u8>>, b: &BTreeMap<String, Vec<u8>>| {
        a.keys()
            .filter(|k| !b.contains_key(*k))
            .cloned()
            .collect::<Vec<_>>()
    };
    let (missing, extra) = (only(&e, &g), only(&g, &e));
    assert!(
        missing.is_empty() && extra.is_empty(),
        "{what}: parts expected but not found {missing:?}, found but not expected {extra:?}; {hint}"
    );
    if let Some((name, want)) = e.iter().find(|(n, d)| g[*n] != **d) {
        panic!("{what}: {}{hint}", diff(name, want, &g[name]));
    }
}
