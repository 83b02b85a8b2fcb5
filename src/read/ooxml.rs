//! A one-pass reader for the common shape of .xlsx/.xlsm: the parts the
//! archive guard already inflated ([`Parts`]) parsed once each, a sheet's
//! values, formulas, style ids and merged areas in a single walk over its XML.
//!
//! calamine (the `xlsx` reader) inflates and parses each sheet three
//! times (values and formulas, style ids, merged areas) and every shared part
//! once more after the guard; on a standard form that is over half of all
//! the CPU dvht spends (BENCHMARKS.md). This reader follows calamine's
//! reading rules step for step — same `quick_xml` configuration for the
//! small parts, a strict scanner (`Scan`) for the bodies of `<sheetData>`
//! and `<sst>` that reads exactly what quick-xml would, same handling of
//! `<c>`, `<v>`, `<f>`, `<is>`, rich text, shared formulas, number formats,
//! 1904 dates — so it gives the same cells, and it gives up
//! ([`None`]) on anything outside that common shape (an XML error, an
//! unknown element or cell type, a relationship it cannot resolve, a value
//! calamine would reject or read in a way not mirrored here). Then the
//! caller reads the file with calamine as before, and the answer (cells or
//! error) is calamine's. `tests/read_ooxml.rs` checks both readers give the
//! same cells on every .xlsx the test suite has.
//!
//! Parts of this file mirror calamine 0.38 (MIT, © Johann Tuffe and
//! contributors): the number-format classification and the attribute scan.

use super::convert::{is_percent_format, of_data_ref};
use super::{Limits, SheetBuilder, used};
use crate::cells::{Addr, CellValue, Workbook};
use calamine::{CellErrorType, DataRef, ExcelDateTime, ExcelDateTimeType};
use quick_xml::Reader;
use quick_xml::events::{BytesStart, Event};
use std::borrow::Cow;
use std::collections::HashMap;

/// The inflated XML parts of an archive, by lower-case name with `/`.
#[derive(Debug, Default)]
pub struct Parts {
    map: HashMap<String, Vec<u8>>,
    /// Some were not kept (the archive guard's cap).
    partial: bool,
}

impl Parts {
    /// Whether every wanted part of the archive is here: the one-pass
    /// reader reads only a whole set.
    pub fn complete(&self) -> bool {
        !self.partial
    }

    /// Drops every part but those `keep` says; the set is no longer whole.
    pub fn keep_only(&mut self, keep: impl Fn(&str) -> bool) {
        self.map.retain(|k, _| keep(k));
        self.partial = true;
    }

    /// Whether the archive guard should keep an entry (by its key).
    pub fn wanted(key: &str) -> bool {
        key.ends_with(".xml") || key.ends_with(".rels")
    }

    pub fn insert(&mut self, key: String, bytes: Vec<u8>) {
        self.map.insert(key, bytes);
    }

    /// A part by its key as stored (lower case, `/`), for tests.
    #[cfg(test)]
    pub fn get_raw(&self, key: &str) -> Option<&[u8]> {
        self.map.get(key).map(|v| v.as_slice())
    }

    pub(crate) fn get(&self, path: &str) -> Option<&[u8]> {
        let key = path.replace('\\', "/");
        let key = key.trim_start_matches('/').to_lowercase();
        self.map.get(&key).map(|v| v.as_slice())
    }
}

/// Gives up: the file is left to calamine.
type R<T> = Option<T>;

/// Reads the workbook, or `None` when the file is not of the common shape.
pub fn read(parts: &Parts, limits: &Limits) -> R<Workbook> {
    if !parts.complete() {
        return None;
    }
    let xl = package_target(parts.get("_rels/.rels")?)?;
    if xl != "xl/workbook.xml" {
        return None;
    }
    let strings = match parts.get("xl/sharedStrings.xml") {
        Some(b) => shared_strings(b)?,
        None => Vec::new(),
    };
    let styles = match parts.get("xl/styles.xml") {
        Some(b) => styles(b)?,
        None => Styles::default(),
    };
    let rels = relationships(parts.get("xl/_rels/workbook.xml.rels")?)?;
    let book = workbook(parts.get("xl/workbook.xml")?, &rels)?;
    // calamine finds a sheet's part by its name: with two sheets of one
    // name it reads the first twice. Not mirrored.
    let mut names: Vec<&str> = book.sheets.iter().map(|(n, _)| n.as_str()).collect();
    names.sort_unstable();
    if names.windows(2).any(|w| w[0] == w[1]) {
        return None;
    }
    let mut out = Workbook::default();
    for (name, path) in &book.sheets {
        let xml = parts.get(path)?;
        let b = SheetBuilder::new(name, limits, used(&out));
        let ctx = Ctx {
            strings: &strings,
            styles: &styles,
            is_1904: book.is_1904,
        };
        out.sheets.push(sheet(xml, b, &ctx)?.finish());
    }
    Some(out)
}

/// calamine's reader configuration (`xlsx::xml_reader`).
fn reader(xml: &[u8]) -> Reader<&[u8]> {
    let mut r = Reader::from_reader(xml);
    let c = r.config_mut();
    c.check_end_names = false;
    c.trim_text(false);
    c.check_comments = false;
    c.expand_empty_elements = true;
    r
}

fn is(e: &BytesStart, name: &str) -> bool {
    e.local_name().as_ref() == name
}

fn ends(e: &quick_xml::events::BytesEnd, name: &str) -> bool {
    e.local_name().as_ref() == name
}

/// The raw (not unescaped) value of attribute `key`, matched on the whole
/// name as calamine's `raw_attr` does; `Err` (give up) on a malformed list.
fn attr<'a>(e: &'a BytesStart, key: &str) -> R<Option<&'a str>> {
    raw_attr(e.attributes_raw(), key)
}

/// calamine's attribute scan (`attrs::RawAttrIter`): `key="value"` pairs,
/// `None` items for a malformed list.
struct RawAttrs<'a> {
    raw: &'a str,
    pos: usize,
}

impl<'a> RawAttrs<'a> {
    fn new(raw: &'a str) -> RawAttrs<'a> {
        RawAttrs { raw, pos: 0 }
    }
}

impl<'a> Iterator for RawAttrs<'a> {
    type Item = Option<(&'a str, &'a str)>;

    fn next(&mut self) -> Option<Self::Item> {
        let bytes = self.raw.as_bytes();
        let len = bytes.len();
        let mut pos = self.pos;
        while pos < len && bytes.get(pos).is_some_and(|b| b.is_ascii_whitespace()) {
            pos += 1;
        }
        if pos >= len {
            self.pos = pos;
            return None;
        }
        self.pos = len;
        let key_start = pos;
        let Some(eq) = memchr::memchr(b'=', bytes.get(pos..)?) else {
            return Some(None);
        };
        let eq = pos + eq;
        let key = self.raw.get(key_start..eq)?.trim_ascii_end();
        pos = eq + 1;
        while pos < len && bytes.get(pos).is_some_and(|b| b.is_ascii_whitespace()) {
            pos += 1;
        }
        let quote = match bytes.get(pos) {
            Some(q @ (b'"' | b'\'')) => *q,
            _ => return Some(None),
        };
        pos += 1;
        let end = match memchr::memchr(quote, bytes.get(pos..)?) {
            Some(n) => pos + n,
            None => len,
        };
        let val = self.raw.get(pos..end)?;
        self.pos = (end + 1).min(len);
        Some(Some((key, val)))
    }
}

/// Entity-decoded attribute value (calamine's `decode_attr`).
fn decode(v: &str) -> R<String> {
    quick_xml::escape::unescape(v).ok().map(Cow::into_owned)
}

/// `_rels/.rels`: the office document's path.
fn package_target(xml: &[u8]) -> R<String> {
    let mut r = reader(xml);
    let mut target = None;
    loop {
        match r.read_event().ok()? {
            Event::Start(e) if is(&e, "Relationship") => {
                if attr(&e, "Type")?.is_some_and(|t| t.ends_with("/relationships/officeDocument"))
                    && let Some(t) = attr(&e, "Target")?
                {
                    target = Some(decode(t)?);
                }
            }
            Event::Eof => break,
            _ => {}
        }
    }
    let t = target?;
    Some(t.strip_prefix('/').unwrap_or(&t).to_string())
}

/// `xl/_rels/workbook.xml.rels`: id → (target, type).
fn relationships(xml: &[u8]) -> R<HashMap<String, (String, String)>> {
    let mut r = reader(xml);
    let mut out = HashMap::new();
    loop {
        match r.read_event().ok()? {
            Event::Start(e) if is(&e, "Relationship") => {
                if let Some(id) = attr(&e, "Id")? {
                    let target = attr(&e, "Target")?.unwrap_or_default().to_string();
                    let typ = attr(&e, "Type")?.unwrap_or_default().to_string();
                    out.insert(id.to_string(), (target, typ));
                }
            }
            Event::End(e) if ends(&e, "Relationships") => return Some(out),
            Event::Eof => return None,
            _ => {}
        }
    }
}

struct Book {
    /// Worksheets (not chart or dialog sheets): name and part path.
    sheets: Vec<(String, String)>,
    is_1904: bool,
}

/// `xl/workbook.xml`: the worksheets in order and the date system.
fn workbook(xml: &[u8], rels: &HashMap<String, (String, String)>) -> R<Book> {
    let mut r = reader(xml);
    let mut book = Book {
        sheets: Vec::new(),
        is_1904: false,
    };
    loop {
        match r.read_event().ok()? {
            Event::Start(e) if is(&e, "sheet") => {
                let mut name = String::new();
                let mut rel_id = "";
                for item in RawAttrs::new(e.attributes_raw()) {
                    let (k, v) = item?;
                    match k {
                        "name" => name = decode(v)?,
                        "state" if !matches!(v, "visible" | "hidden" | "veryHidden") => {
                            return None;
                        }
                        k if k == "id"
                            || k.strip_suffix("id")
                                .is_some_and(|p| p.as_bytes().last() == Some(&b':')) =>
                        {
                            rel_id = v
                        }
                        _ => {}
                    }
                }
                let (target, typ) = rels.get(rel_id)?;
                // Only plain paths: anything to resolve ("../", entities)
                // is left to calamine.
                if target.contains("..") || target.contains('&') {
                    return None;
                }
                let path = match target.strip_prefix('/') {
                    Some(abs) => abs.to_string(),
                    None => format!("xl/{target}"),
                };
                match typ.rsplit('/').next() {
                    Some("worksheet") => book.sheets.push((name, path)),
                    Some("chartsheet" | "dialogsheet") => {}
                    _ => return None,
                }
            }
            Event::Start(e) if is(&e, "workbookPr") => {
                if let Some(v) = attr(&e, "date1904")? {
                    book.is_1904 = v == "1" || v == "true";
                }
            }
            Event::End(e) if ends(&e, "workbook") => return Some(book),
            Event::Eof => return None,
            _ => {}
        }
    }
}

/// One token of a part's body, read by [`Scan`].
#[derive(Debug, PartialEq)]
enum Tok<'a> {
    /// `<name attrs>` or, with `empty`, `<name attrs/>`.
    Open {
        name: &'a str,
        attrs: &'a str,
        empty: bool,
    },
    /// `</name>`.
    Close(&'a str),
    /// Character data between tags, raw (entities not resolved).
    Text(&'a str),
}

/// A strict scanner for the bodies quick-xml would otherwise walk event by
/// event (`<sheetData>`, `<sst>`): the hot part of reading a form. It knows
/// plain tags, quoted attribute values (which may hold '>') and text, and
/// gives up ([`None`]) on anything else — comments, CDATA, processing
/// instructions, prefixed names — so that whatever it reads, it reads as
/// quick-xml does.
struct Scan<'a> {
    s: &'a str,
    pos: usize,
}

impl<'a> Scan<'a> {
    fn new(s: &'a str) -> Scan<'a> {
        Scan { s, pos: 0 }
    }

    /// The next token; `Some(None)` at the end of the input.
    fn next(&mut self) -> R<Option<Tok<'a>>> {
        let bytes = self.s.as_bytes();
        let start = self.pos;
        let Some(&first) = bytes.get(start) else {
            return Some(None);
        };
        if first != b'<' {
            let end = memchr::memchr(b'<', bytes.get(start..)?).map_or(bytes.len(), |n| start + n);
            self.pos = end;
            let text = self.s.get(start..end)?;
            no_dangling_amp(text)?;
            return Some(Some(Tok::Text(text)));
        }
        match bytes.get(start + 1)? {
            b'/' => {
                let end = start + memchr::memchr(b'>', bytes.get(start..)?)?;
                let name = self.s.get(start + 2..end)?.trim_ascii_end();
                self.pos = end + 1;
                plain_name(name)?;
                Some(Some(Tok::Close(name)))
            }
            b'!' | b'?' => None,
            _ => {
                // The tag ends at the first '>' outside quotes.
                let mut i = start + 1;
                let end = loop {
                    let n = memchr::memchr3(b'>', b'"', b'\'', bytes.get(i..)?)?;
                    let at = i + n;
                    match bytes.get(at)? {
                        b'>' => break at,
                        q => i = at + 1 + memchr::memchr(*q, bytes.get(at + 1..)?)? + 1,
                    }
                };
                let inner = self.s.get(start + 1..end)?;
                let (inner, empty) = match inner.strip_suffix('/') {
                    Some(x) => (x, true),
                    None => (inner, false),
                };
                let name_end = inner
                    .bytes()
                    .position(|b| b.is_ascii_whitespace())
                    .unwrap_or(inner.len());
                let name = inner.get(..name_end)?;
                plain_name(name)?;
                self.pos = end + 1;
                Some(Some(Tok::Open {
                    name,
                    attrs: inner.get(name_end..)?,
                    empty,
                }))
            }
        }
    }

    /// The text up to the end tag of `name` (nothing else may come first).
    fn text_to_close(&mut self, name: &str) -> R<&'a str> {
        match self.next()? {
            Some(Tok::Close(n)) if n == name => Some(""),
            Some(Tok::Text(t)) => match self.next()? {
                Some(Tok::Close(n)) if n == name => Some(t),
                _ => None,
            },
            _ => None,
        }
    }

    /// Position in the input.
    fn at(&self) -> usize {
        self.pos
    }
}

/// Every `&` of a text followed by a `;` before any other `&` (the text
/// ends before a `<`): quick-xml's rule in calamine, which otherwise fails
/// with "entity or character reference not closed", even in text it skips.
fn no_dangling_amp(text: &str) -> R<()> {
    let b = text.as_bytes();
    for i in memchr::memchr_iter(b'&', b) {
        let after = b.get(i + 1..)?;
        let next = memchr::memchr2(b';', b'&', after)?;
        if after.get(next) != Some(&b';') {
            return None;
        }
    }
    Some(())
}

/// Bytes as text, checked (simdutf8: a form's parts are mostly
/// Vietnamese, where the standard check is several times slower).
fn utf8(b: &[u8]) -> R<&str> {
    simdutf8::basic::from_utf8(b).ok()
}

/// Whether a text holds what may be an `_xHHHH_` escape (calamine decodes
/// those; not mirrored here).
fn has_escape(s: &str) -> bool {
    memchr::memmem::find(s.as_bytes(), b"_x").is_some()
}

/// A name without a namespace prefix (a prefixed one is left to quick-xml).
fn plain_name(name: &str) -> R<()> {
    (!name.is_empty() && !name.contains(':')).then_some(())
}

/// Raw character data as quick-xml gives it for `<t>`, `<f>` and text
/// `<v>`: entities and character references resolved, line ends per XML
/// 1.0 ("\r\n" and "\r" as "\n").
fn decode_text(raw: &str, out: &mut String) -> R<()> {
    let mut rest = raw;
    while let Some(i) = memchr::memchr2(b'&', b'\r', rest.as_bytes()) {
        out.push_str(rest.get(..i)?);
        let tail = rest.get(i..)?;
        if let Some(after) = tail.strip_prefix('\r') {
            out.push('\n');
            rest = after.strip_prefix('\n').unwrap_or(after);
            continue;
        }
        let semi = tail.find(';')?;
        let name = tail.get(1..semi)?;
        if let Some(s) = quick_xml::escape::resolve_xml_entity(name) {
            out.push_str(s);
        } else {
            let num = name.strip_prefix('#')?;
            let code = match num.strip_prefix('x') {
                Some(hex) => u32::from_str_radix(hex, 16).ok()?,
                None => num.parse::<u32>().ok()?,
            };
            // quick-xml refuses NUL and what is no character.
            if code == 0 {
                return None;
            }
            out.push(char::from_u32(code)?);
        }
        rest = tail.get(semi + 1..)?;
    }
    out.push_str(rest);
    Some(())
}

/// A rich or plain string (`<si>`, `<is>`) up to its end tag `closing`,
/// as calamine's `read_string_with_bufs` reads it.
fn scan_string(sc: &mut Scan, closing: &str) -> R<String> {
    let mut rich: Option<String> = None;
    let mut phonetic = false;
    let mut depth = 0usize;
    loop {
        match sc.next()?? {
            Tok::Open { name, attrs, empty } => {
                match name {
                    "r" if rich.is_none() => rich = Some(String::new()),
                    "rPh" => phonetic = !empty,
                    "t" if !phonetic => {
                        let mut preserve = false;
                        for a in RawAttrs::new(attrs) {
                            let (k, v) = a?;
                            if k == "xml:space" {
                                preserve = v == "preserve";
                                break;
                            }
                        }
                        let raw = if empty { "" } else { sc.text_to_close("t")? };
                        let mut value = String::new();
                        decode_text(raw, &mut value)?;
                        if has_escape(&value) {
                            return None;
                        }
                        if !preserve {
                            let t = value.trim_matches([' ', '\t', '\r', '\n']);
                            if t.len() != value.len() {
                                value = t.to_string();
                            }
                        }
                        match &mut rich {
                            Some(s) => s.push_str(&value),
                            None => rich = Some(value),
                        }
                        continue;
                    }
                    _ => {}
                }
                if !empty {
                    depth += 1;
                }
            }
            // calamine stops at the end tag whatever is still open; an
            // element left open is not mirrored.
            Tok::Close(name) if name == closing => {
                return (depth == 0).then(|| rich.unwrap_or_default());
            }
            Tok::Close(name) => {
                if name == "rPh" {
                    phonetic = false;
                }
                depth = depth.checked_sub(1)?;
            }
            Tok::Text(_) => {}
        }
    }
}

/// `xl/sharedStrings.xml`.
fn shared_strings(xml: &[u8]) -> R<Vec<String>> {
    let mut r = reader(xml);
    loop {
        match r.read_event().ok()? {
            // calamine reads its `uniqueCount` (an error in the attributes
            // before it is an error there).
            Event::Start(e) if is(&e, "sst") => {
                attr(&e, "uniqueCount")?;
                break;
            }
            Event::Eof => return None,
            _ => {}
        }
    }
    let body = utf8(xml.get(usize::try_from(r.buffer_position()).ok()?..)?)?;
    let mut sc = Scan::new(body);
    let mut out = Vec::with_capacity(memchr::memmem::find_iter(body.as_bytes(), b"<si").count());
    loop {
        match sc.next()?? {
            Tok::Open {
                name: "si",
                empty: false,
                ..
            } => out.push(scan_string(&mut sc, "si")?),
            Tok::Open {
                name: "si",
                empty: true,
                ..
            } => out.push(String::new()),
            Tok::Close("sst") => return Some(out),
            Tok::Text(_) => {}
            _ => return None,
        }
    }
}

/// What a number format makes of a number (calamine's `CellFormat`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Other,
    DateTime,
    TimeDelta,
}

#[derive(Debug, Default)]
struct Styles {
    /// Per `cellXfs` entry: how numbers are read.
    kinds: Vec<Kind>,
    /// Per `cellXfs` entry: whether numbers are shown as percentages.
    percent: Vec<bool>,
}

/// `xl/styles.xml`: number formats of the cell formats (`cellXfs`).
fn styles(xml: &[u8]) -> R<Styles> {
    let mut r = reader(xml);
    let mut formats: HashMap<String, String> = HashMap::new();
    let mut out = Styles::default();
    loop {
        match r.read_event().ok()? {
            // Only the list of number formats (not those of `dxfs`).
            Event::Start(e) if is(&e, "numFmts") => loop {
                match r.read_event().ok()? {
                    Event::Start(f) if is(&f, "numFmt") => {
                        if let (Some(id), Some(code)) =
                            (attr(&f, "numFmtId")?, attr(&f, "formatCode")?)
                        {
                            formats.insert(id.to_string(), decode(code)?);
                        }
                    }
                    Event::End(f) if ends(&f, "numFmts") => break,
                    Event::Eof => return None,
                    _ => {}
                }
            },
            Event::Start(e) if is(&e, "cellXfs") => loop {
                match r.read_event().ok()? {
                    Event::Start(x) if is(&x, "xf") => {
                        let id = attr(&x, "numFmtId")?;
                        out.kinds.push(match id {
                            None => Kind::Other,
                            Some(v) => match formats.get(v) {
                                Some(code) => custom_kind(code),
                                None => builtin_kind(v),
                            },
                        });
                        let code = id.and_then(|v| {
                            v.parse::<u32>().ok().map(|n| {
                                formats
                                    .get(v)
                                    .map(String::as_str)
                                    .or_else(|| builtin_code(n))
                                    .unwrap_or("General")
                            })
                        });
                        out.percent.push(code.is_some_and(is_percent_format));
                        // calamine reads its other attributes and its
                        // children (alignment, protection).
                        well_formed(&x)?;
                        style_element(&mut r, "xf")?;
                    }
                    Event::End(x) if ends(&x, "cellXfs") => break,
                    Event::Eof => return None,
                    _ => {}
                }
            },
            // calamine parses every font, fill and border (for its styles):
            // one it would refuse leaves the file to it.
            Event::Start(e) if is(&e, "fonts") || is(&e, "fills") || is(&e, "borders") => {
                let list = if is(&e, "fonts") {
                    "fonts"
                } else if is(&e, "fills") {
                    "fills"
                } else {
                    "borders"
                };
                let item = list.strip_suffix('s')?;
                loop {
                    match r.read_event().ok()? {
                        Event::Start(x) if is(&x, item) => {
                            well_formed(&x)?;
                            style_element(&mut r, item)?;
                        }
                        Event::End(x) if ends(&x, list) => break,
                        Event::Eof => return None,
                        _ => {}
                    }
                }
            }
            Event::End(e) if ends(&e, "styleSheet") => return Some(out),
            Event::Eof => return None,
            _ => {}
        }
    }
}

/// The rest of a `font`, `fill`, `border` or `xf` of the styles, walked as
/// calamine's style parsers walk it (`parse_font`, `parse_fill`,
/// `parse_border`, the `xf` loop): to the first end tag of that name,
/// a border's side (`left`, …) first to its own end. `None` where calamine
/// may fail: the end of the part, an XML error, an attribute list that is
/// malformed or a value that does not decode (stricter than calamine, which
/// reads only some attributes: the file is then left to it).
fn style_element(r: &mut Reader<&[u8]>, name: &str) -> R<()> {
    loop {
        match r.read_event().ok()? {
            Event::Start(e) => {
                well_formed(&e)?;
                let side = ["left", "right", "top", "bottom", "diagonal"]
                    .into_iter()
                    .find(|s| is(&e, s));
                if let (Some(side), "border") = (side, name) {
                    style_element(r, side)?;
                }
            }
            Event::End(e) if ends(&e, name) => return Some(()),
            Event::Eof => return None,
            _ => {}
        }
    }
}

/// Every attribute of `e` well formed, every value decodable.
fn well_formed(e: &BytesStart) -> R<()> {
    for item in RawAttrs::new(e.attributes_raw()) {
        let (_, v) = item?;
        decode(v)?;
    }
    Some(())
}

/// calamine's `detect_custom_number_format`.
fn custom_kind(format: &str) -> Kind {
    let mut escaped = false;
    let mut is_quote = false;
    let mut brackets = 0u8;
    let mut prev = ' ';
    let mut hms = false;
    let mut ap = false;
    for s in format.chars() {
        match (s, escaped, is_quote, ap, brackets) {
            (_, true, ..) => escaped = false,
            ('_' | '\\' | '*', ..) => escaped = true,
            ('"', _, true, _, _) => is_quote = false,
            (_, _, true, _, _) => (),
            ('"', _, _, _, _) => is_quote = true,
            (';', ..) => return Kind::Other,
            ('[', ..) => brackets = brackets.saturating_add(1),
            (']', .., 1) if hms => return Kind::TimeDelta,
            (']', ..) => brackets = brackets.saturating_sub(1),
            ('a' | 'A', _, _, false, 0) => ap = true,
            ('p' | 'm' | '/' | 'P' | 'M', _, _, true, 0) => return Kind::DateTime,
            ('d' | 'm' | 'h' | 'y' | 's' | 'D' | 'M' | 'H' | 'Y' | 'S', _, _, false, 0) => {
                return Kind::DateTime;
            }
            _ => {
                if !(hms && s.eq_ignore_ascii_case(&prev)) {
                    hms = prev == '[' && matches!(s, 'm' | 'h' | 's' | 'M' | 'H' | 'S');
                }
            }
        }
        prev = s;
    }
    Kind::Other
}

/// calamine's `builtin_format_by_id` (on the attribute's text).
fn builtin_kind(id: &str) -> Kind {
    match id {
        "14" | "15" | "16" | "17" | "18" | "19" | "20" | "21" | "22" | "45" | "47" | "27"
        | "28" | "29" | "30" | "31" | "32" | "33" | "34" | "35" | "36" | "50" | "51" | "52"
        | "53" | "54" | "55" | "56" | "57" | "58" => Kind::DateTime,
        "46" => Kind::TimeDelta,
        _ => Kind::Other,
    }
}

/// The built-in number format codes that can show a percentage or that
/// calamine names (others read as "General"; only `%` matters here).
fn builtin_code(id: u32) -> Option<&'static str> {
    match id {
        0 => Some("General"),
        9 => Some("0%"),
        10 => Some("0.00%"),
        // Codes calamine knows: none holds a '%' outside quotes.
        1..=4 | 11..=22 | 37..=49 => Some("0"),
        _ => None,
    }
}

/// Cell reference "B12" → (row, col), 0-based (calamine's
/// `get_row_and_optional_column`, without its overflow).
fn row_col(s: &str) -> R<(u32, Option<u32>)> {
    let b = s.as_bytes();
    let mut i = 0;
    let mut col: u32 = 0;
    let mut row: u32 = 0;
    while let Some(&c) = b.get(i) {
        match c {
            b'A'..=b'Z' => col = col.checked_mul(26)?.checked_add(u32::from(c - b'A') + 1)?,
            b'a'..=b'z' => col = col.checked_mul(26)?.checked_add(u32::from(c - b'a') + 1)?,
            b'0'..=b'9' => {
                row = u32::from(c - b'0');
                i += 1;
                break;
            }
            _ => return None,
        }
        i += 1;
    }
    while let Some(&c) = b.get(i) {
        match c {
            b'0'..=b'9' => row = row.checked_mul(10)?.checked_add(u32::from(c - b'0'))?,
            _ => return None,
        }
        i += 1;
    }
    Some((row.checked_sub(1)?, col.checked_sub(1)))
}

fn cell_ref(s: &str) -> R<(u32, u32)> {
    match row_col(s)? {
        (r, Some(c)) => Some((r, c)),
        _ => None,
    }
}

/// "A1:B2" (or "A1") → corners.
fn area(s: &str) -> R<((u32, u32), (u32, u32))> {
    let mut it = s.split(':');
    let a = cell_ref(it.next()?)?;
    let b = match it.next() {
        Some(p) => cell_ref(p)?,
        None => a,
    };
    // More than two corners is an error to calamine; reversed corners
    // overflow its subtraction (a panic in a debug build): both left to it.
    if it.next().is_some() || b.0 < a.0 || b.1 < a.1 {
        return None;
    }
    Some((a, b))
}

/// Digits only, as calamine's `atoi_simd::parse` accepts them.
fn index(s: &str) -> R<usize> {
    if s.is_empty() || !s.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    s.parse().ok()
}

struct Ctx<'a> {
    strings: &'a [String],
    styles: &'a Styles,
    is_1904: bool,
}

/// A formula as calamine's `XlsxFormulaMetadata` gives it.
pub(super) enum FormulaMeta {
    Normal(String),
    /// Anchor of shared formula `si`.
    Shared(usize, String),
    /// A cell of shared formula `si`.
    Derived(usize),
}

/// Shared-formula anchors of a sheet, to spell out derived formulas.
pub(super) type Anchors = HashMap<usize, (String, (u32, u32))>;

/// One cell record (value and formula) into the sheet; false once the
/// sheet is full or past the grid. The rule both readers follow.
pub(super) fn take(
    b: &mut SheetBuilder,
    anchors: &mut Anchors,
    (row, col): (u32, u32),
    value: &DataRef<'_>,
    formula: Option<FormulaMeta>,
    is_1904: bool,
) -> bool {
    if !b.within(row, col) {
        return false;
    }
    if let Some(FormulaMeta::Shared(si, f)) = &formula {
        anchors.insert(*si, (f.clone(), (row, col)));
    }
    let v = match of_data_ref(value, false, is_1904) {
        Some(v) => Some(v),
        // `<v/>` or no `<v>` at all: a formula nobody computed. (`<v></v>`
        // of a formula giving "" reads as an empty string, and stays empty.)
        None if *value == DataRef::Empty => match formula {
            Some(FormulaMeta::Normal(formula)) | Some(FormulaMeta::Shared(_, formula)) => {
                Some(CellValue::FormulaNoValue { formula })
            }
            Some(FormulaMeta::Derived(si)) => {
                let formula = anchors
                    .get(&si)
                    .and_then(|(f, start)| {
                        calamine::expand_shared_formula(f, *start, (row, col)).ok()
                    })
                    .unwrap_or_default();
                Some(CellValue::FormulaNoValue { formula })
            }
            None => None,
        },
        None => None,
    };
    match v {
        Some(v) => b.push(row, col, v),
        None => true,
    }
}

/// A styled cell met in the sheet, for the percent flags: calamine's
/// second pass stops at the first styled cell below the last row read or
/// off the grid, so each entry carries what came before it.
struct Styled {
    addr: Addr,
    /// Highest row of any styled cell up to this one.
    max_row: u32,
    /// Whether a styled cell off the grid came before (or is this one).
    off_grid: bool,
}

/// One worksheet part, one pass.
fn sheet(xml: &[u8], mut b: SheetBuilder, ctx: &Ctx) -> R<SheetBuilder> {
    let mut r = reader(xml);
    // Elements open, as quick-xml counts them in calamine's passes, which
    // read the whole part: an end tag with none open is an error there.
    let mut open = to_sheet_data(&mut r)?;
    let any_percent = ctx.styles.percent.iter().any(|p| *p);
    let mut styled: Vec<Styled> = Vec::new();
    let mut max_row = 0u32;
    let mut off_grid = false;
    let mut anchors = Anchors::new();
    let mut row_index = 0u32;
    let mut col_index = 0u32;
    // The cells: the scanner over the body of <sheetData> (quick-xml has
    // just read its start tag; `<sheetData/>` has no body).
    let body_at = usize::try_from(r.buffer_position()).ok()?;
    let head = xml.get(..body_at)?;
    let mut rest_at = body_at;
    if !head.ends_with(b"/>") {
        open += 1;
        // Up to and with the body's end tag: the rest is quick-xml's.
        let tail = xml.get(body_at..)?;
        let end = memchr::memmem::find(tail, b"</sheetData>")? + b"</sheetData>".len();
        let body = utf8(tail.get(..end)?)?;
        // Room for the cells at once (a count of `<c ` is a bound).
        let cells = memchr::memmem::find_iter(body.as_bytes(), b"<c ").count();
        b.reserve(cells);
        let mut sc = Scan::new(body);
        loop {
            match sc.next()?? {
                Tok::Open {
                    name: "row",
                    attrs,
                    empty,
                } => {
                    if let Some(v) = raw_attr(attrs, "r")? {
                        row_index = row_col(v)?.0;
                    }
                    if empty {
                        row_index = row_index.checked_add(1)?;
                        col_index = 0;
                    } else {
                        open += 1;
                    }
                }
                Tok::Close("row") => {
                    open = open.checked_sub(1)?;
                    row_index = row_index.checked_add(1)?;
                    col_index = 0;
                }
                Tok::Open {
                    name: "c",
                    attrs,
                    empty,
                } => {
                    let (mut pos_a, mut style_a, mut type_a) = (None, None, None);
                    for item in RawAttrs::new(attrs) {
                        let (k, v) = item?;
                        match k {
                            "r" if pos_a.is_none() => pos_a = Some(v),
                            "s" if style_a.is_none() => style_a = Some(v),
                            "t" if type_a.is_none() => type_a = Some(v),
                            // Given twice: calamine's passes do not all
                            // take the same one.
                            "r" | "s" | "t" => return None,
                            _ => {}
                        }
                    }
                    let pos = match pos_a {
                        Some(a) => {
                            let p = cell_ref(a)?;
                            col_index = p.1;
                            p
                        }
                        None => (row_index, col_index),
                    };
                    let style = match style_a {
                        Some(s) => Some(index(s)?),
                        None => None,
                    };
                    let (value, formula) = if empty {
                        (DataRef::Empty, None)
                    } else {
                        cell_body(&mut sc, ctx, style, type_a)?
                    };
                    col_index = col_index.checked_add(1)?;
                    if any_percent
                        && let Some(s) = style
                        && s > 0
                        && s < ctx.styles.percent.len()
                    {
                        max_row = max_row.max(pos.0);
                        off_grid |= !b.in_grid(pos.0, pos.1);
                        if ctx.styles.percent.get(s).copied().unwrap_or(false) {
                            styled.push(Styled {
                                addr: Addr::new(pos.0, pos.1),
                                max_row,
                                off_grid,
                            });
                        }
                    }
                    if !take(&mut b, &mut anchors, pos, &value, formula, ctx.is_1904) {
                        // Stopped by the caps (`too_large`): no further pass.
                        return Some(b);
                    }
                }
                Tok::Close("sheetData") => {
                    open = open.checked_sub(1)?;
                    break;
                }
                Tok::Text(_) => {}
                _ => return None,
            }
        }
        rest_at = body_at + sc.at();
    }
    // The rest with quick-xml again: its end tags close elements opened
    // before the body (<worksheet>), which this reader has not seen, so
    // it counts them itself (`open`).
    let mut r = reader(xml.get(rest_at..)?);
    r.config_mut().allow_unmatched_ends = true;
    apply_percent(&mut b, &styled);
    // Merged areas: the first <mergeCells> after the cells.
    let areas = merge_cells(&mut r, open)?;
    b.merges(areas.into_iter());
    Some(b)
}

/// A sheet up to and with the start tag of `<sheetData>`: how many elements
/// are open around it. A declared dimension must parse (calamine).
fn to_sheet_data(r: &mut Reader<&[u8]>) -> R<usize> {
    let mut open = 0usize;
    loop {
        match r.read_event().ok()? {
            Event::Start(e) if is(&e, "dimension") => {
                area(attr(&e, "ref")??)?;
                open += 1;
            }
            Event::Start(e) if is(&e, "sheetData") => return Some(open),
            Event::Start(e) if is(&e, "mergeCells") => return None,
            Event::Start(_) => open += 1,
            Event::End(_) => open = open.checked_sub(1)?,
            Event::Eof => return None,
            _ => {}
        }
    }
}

/// What a `<c>` holds up to its end tag: the value and the formula.
fn cell_body<'s>(
    sc: &mut Scan,
    ctx: &Ctx<'s>,
    style: Option<usize>,
    type_a: Option<&str>,
) -> R<(DataRef<'s>, Option<FormulaMeta>)> {
    let mut value = DataRef::Empty;
    let mut formula = None;
    loop {
        match sc.next()?? {
            Tok::Open {
                name: "f",
                attrs,
                empty,
            } => formula = Some(scan_formula(sc, attrs, empty)?),
            Tok::Open {
                name: "v", empty, ..
            } => value = scan_v(sc, ctx, style, type_a, empty)?,
            Tok::Open {
                name: "is", empty, ..
            } => {
                value = DataRef::String(if empty {
                    String::new()
                } else {
                    scan_string(sc, "is")?
                });
            }
            Tok::Close("c") => return Some((value, formula)),
            Tok::Text(_) => {}
            _ => return None,
        }
    }
}

/// A merged area: its first and last cell, (row, column) from 0.
type Area = ((u32, u32), (u32, u32));

/// The areas of the first `<mergeCells>` (none when there is none), read
/// as calamine reads them: from the cells on, `open` elements open (an end
/// tag with none open is an error, as quick-xml says in calamine).
fn merge_cells(r: &mut Reader<&[u8]>, mut open: usize) -> R<Vec<Area>> {
    let mut areas = None;
    loop {
        match r.read_event().ok()? {
            Event::Start(e) => {
                open += 1;
                if areas.is_none() && is(&e, "mergeCells") {
                    areas = Some(Vec::new());
                } else if let Some(areas) = &mut areas
                    && is(&e, "mergeCell")
                    && let Some(v) = attr(&e, "ref")?
                {
                    areas.push(area(v)?);
                }
            }
            Event::End(e) => {
                open = open.checked_sub(1)?;
                if areas.is_some() && ends(&e, "mergeCells") {
                    return areas;
                }
            }
            // Past the end inside <mergeCells>: an error in calamine.
            Event::Eof => return areas.is_none().then(Vec::new),
            _ => {}
        }
    }
}

/// Percent flags on number cells, as calamine's style pass sets them.
fn apply_percent(b: &mut SheetBuilder, styled: &[Styled]) {
    let cells = &mut b.sheet.cells;
    if styled.is_empty()
        || !cells
            .iter()
            .any(|c| matches!(c.value, CellValue::Number { .. }))
    {
        return;
    }
    let last_row = cells.iter().map(|c| c.addr.row).max().unwrap_or(0);
    let mut percent: Vec<Addr> = styled
        .iter()
        .take_while(|s| s.max_row <= last_row && !s.off_grid)
        .map(|s| s.addr)
        .collect();
    percent.sort_unstable();
    percent.dedup();
    for c in cells.iter_mut() {
        if let CellValue::Number { percent: p, .. } = &mut c.value {
            *p = percent.binary_search(&c.addr).is_ok();
        }
    }
}

/// Attribute `key` of a raw attribute list (see [`attr`]).
fn raw_attr<'a>(attrs: &'a str, key: &str) -> R<Option<&'a str>> {
    for item in RawAttrs::new(attrs) {
        let (k, v) = item?;
        if k == key {
            return Some(Some(v));
        }
    }
    Some(None)
}

/// `<f>` through the scanner (calamine's `read_formula`).
fn scan_formula(sc: &mut Scan, attrs: &str, empty: bool) -> R<FormulaMeta> {
    let mut f = String::new();
    if !empty {
        decode_text(sc.text_to_close("f")?, &mut f)?;
    }
    formula_meta(f, attrs)
}

/// `<v>` through the scanner (calamine's `read_value` and `read_v`).
fn scan_v<'s>(
    sc: &mut Scan,
    ctx: &Ctx<'s>,
    style: Option<usize>,
    t: Option<&str>,
    empty: bool,
) -> R<DataRef<'s>> {
    let raw = if empty { "" } else { sc.text_to_close("v")? };
    match t {
        Some("inlineStr") | Some("is") => Some(DataRef::Empty),
        Some("n") | Some("s") | Some("b") | Some("e") | None => {
            // quick-xml splits text at a reference: not mirrored.
            if raw.is_empty() {
                Some(DataRef::Empty)
            } else if raw.contains('&') {
                None
            } else {
                plain_value(ctx, raw, style, t)
            }
        }
        Some("str") => {
            let mut s = String::new();
            decode_text(raw, &mut s)?;
            if has_escape(&s) {
                return None;
            }
            Some(DataRef::String(s))
        }
        _ => None,
    }
}

/// A formula's text and its shared-formula attributes (calamine's
/// `read_formula_record`).
fn formula_meta(f: String, attrs: &str) -> R<FormulaMeta> {
    let (mut t, mut si, mut rf) = (None, None, None);
    for item in RawAttrs::new(attrs) {
        let (k, v) = item?;
        match k {
            "t" if t.is_none() => t = Some(v),
            "si" if si.is_none() => si = Some(v),
            "ref" if rf.is_none() => rf = Some(v),
            // Given twice: calamine takes the later one, or not (it stops
            // once it has seen three).
            "t" | "si" | "ref" => return None,
            _ => {}
        }
    }
    if t == Some("shared") {
        let si = index(si?)?;
        return Some(match rf {
            Some(a) => {
                area(a)?;
                FormulaMeta::Shared(si, f)
            }
            None => FormulaMeta::Derived(si),
        });
    }
    Some(FormulaMeta::Normal(f))
}

/// How a cell's style reads numbers. No style: General; a style id past
/// the list: no format.
fn kind_of(ctx: &Ctx, style: Option<usize>) -> Kind {
    match style {
        None => Kind::Other,
        Some(id) => ctx.styles.kinds.get(id).copied().unwrap_or(Kind::Other),
    }
}

/// "1200000", "-47": digits (after an optional minus) without a leading
/// zero, at most 15 of them, so the f64 holds the number exactly and prints
/// it the same; "0" too ("-0" is not: it prints as "-0").
fn small_integer(v: &str) -> Option<i64> {
    let digits = v.strip_prefix('-').unwrap_or(v);
    let ok = !digits.is_empty()
        && digits.len() <= 15
        && digits.bytes().all(|b| b.is_ascii_digit())
        && (!digits.starts_with('0') || v == "0");
    if ok { v.parse().ok() } else { None }
}

/// A `<v>` of type n, s, b or e (calamine's `read_v`).
fn plain_value<'s>(
    ctx: &Ctx<'s>,
    v: &str,
    style: Option<usize>,
    t: Option<&str>,
) -> R<DataRef<'s>> {
    match t {
        Some("s") => {
            if v.is_empty() {
                return Some(DataRef::Empty);
            }
            ctx.strings
                .get(index(v)?)
                .map(|s| DataRef::SharedString(s.as_str()))
        }
        Some("b") => {
            let x = v.trim();
            if x.is_empty() {
                Some(DataRef::Empty)
            } else if x == "0" || x.eq_ignore_ascii_case("false") {
                Some(DataRef::Bool(false))
            } else if x == "1" || x.eq_ignore_ascii_case("true") {
                Some(DataRef::Bool(true))
            } else {
                None
            }
        }
        Some("e") => v.parse::<CellErrorType>().ok().map(DataRef::Error),
        _ => {
            if v.is_empty() {
                return Some(DataRef::Empty);
            }
            // A whole number of up to 15 digits is the integer the float
            // would print as (no f64 formatting on the way).
            if matches!(kind_of(ctx, style), Kind::Other)
                && let Some(i) = small_integer(v)
            {
                return Some(DataRef::Int(i));
            }
            let n = fast_float2::parse::<f64, _>(v.as_bytes()).ok()?;
            let kind = kind_of(ctx, style);
            Some(match kind {
                Kind::DateTime => DataRef::DateTime(ExcelDateTime::new(
                    n,
                    ExcelDateTimeType::DateTime,
                    ctx.is_1904,
                )),
                Kind::TimeDelta => DataRef::DateTime(ExcelDateTime::new(
                    n,
                    ExcelDateTimeType::TimeDelta,
                    ctx.is_1904,
                )),
                Kind::Other => DataRef::Float(n),
            })
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn references() {
        assert_eq!(cell_ref("A1"), Some((0, 0)));
        assert_eq!(cell_ref("b12"), Some((11, 1)));
        assert_eq!(cell_ref("XFD1048576"), Some((1_048_575, 16_383)));
        assert_eq!(cell_ref("A0"), None);
        assert_eq!(cell_ref("12"), None);
        assert_eq!(cell_ref("A1B"), None);
        assert_eq!(cell_ref(&"Z".repeat(40)), None, "no overflow");
        assert_eq!(cell_ref("A99999999999"), None, "no overflow");
        assert_eq!(area("A1:C3"), Some(((0, 0), (2, 2))));
        assert_eq!(area("B2"), Some(((1, 1), (1, 1))));
        assert_eq!(area("A1:B2:C3"), None);
    }

    #[test]
    fn attribute_scan() {
        let got: Vec<_> = RawAttrs::new(r#" r="A1"  s='3' t = "s""#).collect();
        assert_eq!(
            got,
            vec![Some(("r", "A1")), Some(("s", "3")), Some(("t", "s"))]
        );
        let got: Vec<_> = RawAttrs::new(r#"r=A1"#).collect();
        assert_eq!(got, vec![None]);
        let got: Vec<_> = RawAttrs::new(r#"novalue"#).collect();
        assert_eq!(got, vec![None]);
    }

    #[test]
    fn number_format_kinds() {
        assert_eq!(custom_kind("dd/mm/yyyy"), Kind::DateTime);
        assert_eq!(custom_kind("[h]:mm:ss"), Kind::TimeDelta);
        assert_eq!(custom_kind("#,##0\" đồng\""), Kind::Other);
        assert_eq!(custom_kind("0.00%"), Kind::Other);
        assert_eq!(builtin_kind("14"), Kind::DateTime);
        assert_eq!(builtin_kind("46"), Kind::TimeDelta);
        assert_eq!(builtin_kind("9"), Kind::Other);
        assert!(builtin_code(9).is_some_and(is_percent_format));
        assert!(builtin_code(10).is_some_and(is_percent_format));
        assert!(!builtin_code(4).is_some_and(is_percent_format));
    }
    #[test]
    fn scanner_tokens_and_refusals() {
        let mut sc = Scan::new(r#"<row r="1"><c r="A1" t='s' x="a>b"/>text</row >"#);
        assert_eq!(
            sc.next(),
            Some(Some(Tok::Open {
                name: "row",
                attrs: r#" r="1""#,
                empty: false
            }))
        );
        assert_eq!(
            sc.next(),
            Some(Some(Tok::Open {
                name: "c",
                attrs: r#" r="A1" t='s' x="a>b""#,
                empty: true
            }))
        );
        assert_eq!(sc.next(), Some(Some(Tok::Text("text"))));
        assert_eq!(sc.next(), Some(Some(Tok::Close("row"))));
        assert_eq!(sc.next(), Some(None));
        // Left to quick-xml: comments, CDATA, processing instructions,
        // prefixed names, an unclosed tag or quote.
        for bad in [
            "<!-- x -->",
            "<![CDATA[x]]>",
            "<?pi?>",
            "<x:c/>",
            "</x:c>",
            "<c r=\"1",
            "<c",
        ] {
            assert_eq!(Scan::new(bad).next(), None, "{bad}");
        }
    }

    #[test]
    fn text_decoding_as_quick_xml() {
        let mut out = String::new();
        decode_text("a &amp; b &lt;&#65;&#x42;\r\nc\rd", &mut out).expect("decoded");
        assert_eq!(out, "a & b <AB\nc\nd");
        for bad in ["&bogus;", "&#0;", "&#xD800;", "& b"] {
            assert_eq!(decode_text(bad, &mut String::new()), None, "{bad}");
        }
    }

    #[test]
    fn small_integers_read_as_the_float_would() {
        use crate::read::convert::of_data_ref;
        for v in ["0", "7", "-47", "1200000", "999999999999999"] {
            let i = small_integer(v).expect(v);
            let f: f64 = v.parse().expect("float");
            assert_eq!(
                of_data_ref(&DataRef::Int(i), false, false),
                of_data_ref(&DataRef::Float(f), false, false),
                "{v}"
            );
        }
        for v in ["-0", "007", "1.5", "1e3", "+1", "", "-", "1234567890123456"] {
            assert_eq!(small_integer(v), None, "{v}");
        }
    }
}
