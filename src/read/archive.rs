//! The archive guard: every zip is checked before calamine opens it
//! (Apache POI's `ZipSecureFile` rules, counted on bytes actually inflated,
//! never on the sizes the archive declares).

use super::ooxml;
use super::props;
use super::{Bomb, Damage, NotSpreadsheet, ReadError};
use std::collections::HashSet;
use std::io::{Cursor, Read};
use zip::ZipArchive;

/// Most entries an archive may hold. A workbook has a few dozen.
pub const MAX_ENTRIES: usize = 1000;
/// Most bytes any one entry may inflate to (one XML part).
pub const MAX_ENTRY_BYTES: u64 = 64 * 1024 * 1024;
/// Most bytes all entries together may inflate to.
pub const MAX_TOTAL_BYTES: u64 = 256 * 1024 * 1024;
/// Most bytes of XML parts kept for the one-pass reader; a form's are about
/// 100 KB. Past it only the document's properties are kept, and the
/// workbook is left to calamine, which streams its sheets: in the walled
/// child when there is one, so that what a file makes dvht hold stays
/// within the memory budget (read/mod.rs).
pub const MAX_KEPT_BYTES: u64 = 16 * 1024 * 1024;
/// Largest part of custom document properties kept (a form's: a few
/// hundred bytes); kept even past [`MAX_KEPT_BYTES`].
const MAX_PROPERTY_PART_BYTES: u64 = 1024 * 1024;
/// Below this inflated size the ratio rule does not apply.
pub const RATIO_GRACE_BYTES: u64 = 100 * 1024;
/// Least compressed/inflated ratio past the grace size (POI: 1 %).
pub const MIN_RATIO: f64 = 0.01;

/// What a checked archive holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ZipKind {
    /// Office Open XML workbook (.xlsx, .xlsm).
    Xlsx,
    /// Excel binary workbook (.xlsb).
    Xlsb,
    /// OpenDocument spreadsheet (.ods).
    Ods,
}

fn unreadable(damage: Damage) -> ReadError {
    ReadError::Unreadable(damage)
}

fn bomb(name: &str, why: Bomb) -> ReadError {
    unreadable(Damage::ZipBomb {
        part: name.to_string(),
        why,
    })
}

/// Checks an archive and says what it holds; any breach of the rules, a
/// corrupt archive, or an archive that is not a workbook is an error.
pub fn inspect(bytes: &[u8]) -> Result<ZipKind, ReadError> {
    inspect_keeping(bytes).map(|(kind, _)| kind)
}

/// [`inspect`], keeping the inflated XML parts, so the one-pass reader does
/// not inflate them again; past [`MAX_KEPT_BYTES`] only the properties
/// (and the parts say they are not [`complete`](ooxml::Parts::complete)).
pub fn inspect_keeping(bytes: &[u8]) -> Result<(ZipKind, ooxml::Parts), ReadError> {
    let mut parts = ooxml::Parts::default();
    let mut keeping = Keeping::default();
    let mut zip = ZipArchive::new(Cursor::new(bytes))
        .map_err(|e| unreadable(Damage::CorruptZip(e.to_string())))?;
    if zip.len() > MAX_ENTRIES {
        return Err(unreadable(Damage::TooManyEntries(zip.len())));
    }
    // The zip crate indexes entries by name, so a name given twice shows
    // only as fewer entries than the end-of-directory record declares.
    if let Some(declared) = declared_entries(bytes)
        && declared != zip.len()
    {
        return Err(unreadable(Damage::DuplicateNames {
            declared,
            distinct: zip.len(),
        }));
    }
    let mut names = HashSet::new();
    let mut spans: Vec<(u64, u64)> = Vec::new();
    let mut total: u64 = 0;
    let mut mimetype = String::new();
    let mut manifest_encrypted = false;
    let mut has = Parts::default();
    let mut buf: Vec<u8> = Vec::new();
    for i in 0..zip.len() {
        // The entry's record only (no inflater set up): names, sizes, flags.
        let mut entry = match zip.by_index_raw(i) {
            Ok(e) => e,
            Err(e) => return Err(entry_error(e)),
        };
        if entry.encrypted() {
            return Err(ReadError::Encrypted);
        }
        let name = entry.name().map(|n| n.into_owned()).unwrap_or_default();
        let key = name
            .replace('\\', "/")
            .trim_start_matches('/')
            .to_lowercase();
        if !names.insert(key.clone()) {
            return Err(unreadable(Damage::DuplicateEntry(name)));
        }
        let compressed = entry.compressed_size();
        if let Some(start) = entry.data_start() {
            spans.push((entry.header_start(), start.saturating_add(compressed)));
        }
        if entry.is_dir() {
            continue;
        }
        has.note(&key);
        let keep = if key == "mimetype" {
            256
        } else if key == "meta-inf/manifest.xml" || key.ends_with("sharedstrings.xml") {
            64 * 1024
        } else {
            0
        };
        let want = Want {
            name: &name,
            keep,
            room: keeping.room(&key),
            manifest: key == "meta-inf/manifest.xml",
            compressed,
        };
        let got = match whole_entry(&mut entry) {
            // A small deflated entry inflated at once, its size and checksum
            // as recorded: the same rules on its whole length.
            Some(d) => {
                drop(entry);
                total += d.len() as u64;
                want.keep_of(d, total)?
            }
            // Anything else streamed, counting bytes as they come.
            None => {
                drop(entry);
                let mut entry = zip.by_index(i).map_err(entry_error)?;
                want.stream(&mut entry, &mut buf, &mut total)?
            }
        };
        manifest_encrypted |= got.encryption_data;
        let (head, data, inflated) = (got.head, got.data, got.len);
        if key == "mimetype" {
            mimetype = String::from_utf8_lossy(&head).trim().to_string();
        }
        if key.ends_with("sharedstrings.xml") {
            check_shared_strings(&name, &head, inflated)?;
        }
        if got.too_big {
            keeping.over(&key, &mut parts);
        }
        if let Some(d) = data {
            keeping.bytes += d.len() as u64;
            parts.insert(key, d);
        }
    }
    spans.sort_unstable();
    if spans.windows(2).any(|w| w[1].0 < w[0].1) {
        return Err(unreadable(Damage::OverlappingEntries));
    }
    if manifest_encrypted {
        return Err(ReadError::Encrypted);
    }
    Ok((has.kind(&mimetype)?, parts))
}

/// What the guard keeps of an entry: its first `keep` bytes, the whole of
/// it when the one-pass reader wants it and it fits in `room`, whether (a
/// manifest) it mentions encryption.
struct Want<'a> {
    name: &'a str,
    keep: usize,
    /// Most bytes of it kept for the one-pass reader (0: not wanted).
    room: u64,
    manifest: bool,
    /// Its size in the archive, for the ratio rule.
    compressed: u64,
}

/// An entry as the guard keeps it.
struct Kept {
    head: Vec<u8>,
    data: Option<Vec<u8>>,
    /// Bytes it inflated to.
    len: u64,
    /// A manifest naming `encryption-data` (an encrypted .ods).
    encryption_data: bool,
    /// Wanted, but larger than its room: not kept.
    too_big: bool,
}

impl Want<'_> {
    /// An entry inflated at once (the archive's inflated `total` so far
    /// includes it), under the same rules as a streamed one.
    fn keep_of(&self, d: Vec<u8>, total: u64) -> Result<Kept, ReadError> {
        let len = d.len() as u64;
        check_sizes(self.name, len, total, self.compressed)?;
        let fits = len <= self.room;
        Ok(Kept {
            head: d.get(..self.keep.min(d.len())).unwrap_or_default().to_vec(),
            encryption_data: self.manifest && contains(&d, b"encryption-data"),
            too_big: self.room > 0 && !fits,
            data: (self.room > 0 && fits).then_some(d),
            len,
        })
    }

    /// An entry streamed through `buf`, the caps and the ratio rule checked
    /// on the bytes as they come (`total`: the archive's so far).
    fn stream<R: Read>(
        &self,
        entry: &mut zip::read::ZipFile<'_, R>,
        buf: &mut Vec<u8>,
        total: &mut u64,
    ) -> Result<Kept, ReadError> {
        if buf.is_empty() {
            *buf = vec![0u8; 64 * 1024];
        }
        let mut kept = Kept {
            head: Vec::new(),
            data: (self.room > 0).then(|| Vec::with_capacity(entry.size().min(1 << 20) as usize)),
            len: 0,
            encryption_data: false,
            too_big: false,
        };
        loop {
            let n = match entry.read(buf) {
                Ok(0) => return Ok(kept),
                Ok(n) => n,
                Err(e) => {
                    return Err(unreadable(Damage::CorruptPart {
                        part: self.name.to_string(),
                        error: e.to_string(),
                    }));
                }
            };
            let chunk = buf.get(..n).unwrap_or_default();
            if kept.head.len() < self.keep {
                let take = n.min(self.keep - kept.head.len());
                kept.head
                    .extend_from_slice(chunk.get(..take).unwrap_or_default());
            }
            if kept
                .data
                .as_ref()
                .is_some_and(|d| (d.len() + n) as u64 > self.room)
            {
                kept.data = None;
                kept.too_big = true;
            }
            if let Some(d) = &mut kept.data {
                d.extend_from_slice(chunk);
            }
            kept.encryption_data |= self.manifest && contains(chunk, b"encryption-data");
            kept.len += n as u64;
            *total += n as u64;
            check_sizes(self.name, kept.len, *total, self.compressed)?;
        }
    }
}

/// What the guard has kept of the parts it inflates (see [`MAX_KEPT_BYTES`]).
#[derive(Default)]
struct Keeping {
    /// Bytes kept so far.
    bytes: u64,
    /// Past the cap: only properties are kept now.
    over: bool,
}

impl Keeping {
    /// Most bytes the part `key` may take to be kept (0: not kept).
    fn room(&self, key: &str) -> u64 {
        if !ooxml::Parts::wanted(key) {
            return 0;
        }
        let room = match self.over {
            // At least a byte: a wanted part with no room left is too big
            // (and ends the set), never silently missing from it.
            false => MAX_KEPT_BYTES.saturating_sub(self.bytes).max(1),
            true => 0,
        };
        match props::is_part(key) {
            true => room.max(MAX_PROPERTY_PART_BYTES),
            false => room,
        }
    }

    /// The part `key` did not fit: past the cap (unless it was a part of
    /// properties, simply not kept), with only the properties kept.
    fn over(&mut self, key: &str, parts: &mut ooxml::Parts) {
        if !props::is_part(key) {
            self.over = true;
            parts.keep_only(props::is_part);
        }
    }
}

/// Largest entry inflated at once ([`whole_entry`]); larger ones stream.
const WHOLE_ENTRY_BYTES: u64 = 1 << 20;

/// A small deflated entry inflated in one call (libdeflate: a form's dozen
/// parts in about half the time of a streaming inflater), or `None` when it
/// is not one — another method, a size over [`WHOLE_ENTRY_BYTES`], data
/// that does not inflate to the recorded size, or a wrong checksum — and
/// the entry is then streamed, the way that reports what is wrong with it.
fn whole_entry<R: Read>(entry: &mut zip::read::ZipFile<'_, R>) -> Option<Vec<u8>> {
    thread_local! {
        static INFLATER: std::cell::RefCell<(libdeflater::Decompressor, Vec<u8>)> =
            std::cell::RefCell::new((libdeflater::Decompressor::new(), Vec::new()));
    }
    let size = entry.size();
    if entry.compression() != zip::CompressionMethod::Deflated
        || size > WHOLE_ENTRY_BYTES
        || entry.compressed_size() > WHOLE_ENTRY_BYTES
    {
        return None;
    }
    let crc = entry.crc32();
    INFLATER.with_borrow_mut(|(inflater, raw)| {
        raw.clear();
        entry.read_to_end(raw).ok()?;
        let mut out = vec![0u8; usize::try_from(size).ok()?];
        let n = inflater.deflate_decompress(raw, &mut out).ok()?;
        (n as u64 == size && crc32fast::hash(&out) == crc).then_some(out)
    })
}

/// The caps and the ratio rule on an entry inflated to `inflated` bytes
/// (all entries so far: `total`), `compressed` bytes in the archive.
fn check_sizes(name: &str, inflated: u64, total: u64, compressed: u64) -> Result<(), ReadError> {
    if inflated > MAX_ENTRY_BYTES {
        return Err(bomb(
            name,
            Bomb::EntryTooLarge {
                mib: MAX_ENTRY_BYTES >> 20,
            },
        ));
    }
    if total > MAX_TOTAL_BYTES {
        return Err(bomb(
            name,
            Bomb::TotalTooLarge {
                mib: MAX_TOTAL_BYTES >> 20,
            },
        ));
    }
    if inflated > RATIO_GRACE_BYTES && (compressed as f64) < MIN_RATIO * inflated as f64 {
        return Err(bomb(name, Bomb::Ratio));
    }
    Ok(())
}

/// An entry the zip reader cannot open.
fn entry_error(e: zip::result::ZipError) -> ReadError {
    match e {
        zip::result::ZipError::UnsupportedArchive(m) if m.contains("assword") => {
            ReadError::Encrypted
        }
        e => unreadable(Damage::CorruptArchive(e.to_string())),
    }
}

#[derive(Default)]
struct Parts {
    workbook_xml: bool,
    workbook_bin: bool,
    ods_content: bool,
    word: bool,
    powerpoint: bool,
    encrypted_package: bool,
}

impl Parts {
    fn note(&mut self, key: &str) {
        if key.ends_with("workbook.xml") && !key.contains("_rels") {
            self.workbook_xml = true;
        }
        if key.ends_with("workbook.bin") {
            self.workbook_bin = true;
        }
        if key == "content.xml" {
            self.ods_content = true;
        }
        if key.starts_with("word/") {
            self.word = true;
        }
        if key.starts_with("ppt/") {
            self.powerpoint = true;
        }
        if key == "encryptedpackage" || key == "encryptioninfo" {
            self.encrypted_package = true;
        }
    }

    fn kind(&self, mimetype: &str) -> Result<ZipKind, ReadError> {
        if self.encrypted_package {
            return Err(ReadError::Encrypted);
        }
        if self.workbook_bin {
            return Ok(ZipKind::Xlsb);
        }
        if self.workbook_xml {
            return Ok(ZipKind::Xlsx);
        }
        if mimetype.starts_with("application/vnd.oasis.opendocument.spreadsheet")
            || (mimetype.is_empty() && self.ods_content)
        {
            return Ok(ZipKind::Ods);
        }
        Err(ReadError::NotASpreadsheet(
            if mimetype.starts_with("application/vnd.oasis.opendocument") {
                NotSpreadsheet::OpenDocumentNotSpreadsheet
            } else if self.word {
                NotSpreadsheet::Docx
            } else if self.powerpoint {
                NotSpreadsheet::Pptx
            } else {
                NotSpreadsheet::ZipWithoutWorkbook
            },
        ))
    }
}

/// The entry count of the end-of-central-directory record (None for zip64
/// or when the record is not found).
fn declared_entries(bytes: &[u8]) -> Option<usize> {
    const EOCD: &[u8] = b"PK\x05\x06";
    let from = bytes.len().saturating_sub(22 + 65_535);
    let tail = bytes.get(from..)?;
    let at = memchr::memmem::rfind(tail, EOCD)?;
    let rec = tail.get(at..at + 22)?;
    let total = u16::from_le_bytes([*rec.get(10)?, *rec.get(11)?]);
    if total == 0xFFFF {
        None
    } else {
        Some(usize::from(total))
    }
}

fn contains(hay: &[u8], needle: &[u8]) -> bool {
    hay.windows(needle.len()).any(|w| w == needle)
}

/// calamine reserves `uniqueCount` strings before reading any (#684): a
/// small part declaring billions of strings would exhaust memory. A string
/// takes at least `<si/>` (5 bytes) in the part, so a count beyond what the
/// part can hold is a lie.
fn check_shared_strings(name: &str, head: &[u8], inflated: u64) -> Result<(), ReadError> {
    // Only the first `<sst …>` tag is read (see `attr_number`): decode the
    // head up to the end of that tag, not the whole 64 KiB (a cost on
    // every form). A cut at an ASCII '>' splits no character.
    let head = sst_tag_prefix(head);
    let text = String::from_utf8_lossy(head);
    let Some(n) = attr_number(&text, "uniqueCount") else {
        return Ok(());
    };
    if n > 10_000 && n > inflated / 5 {
        return Err(unreadable(Damage::SharedStringsCount {
            part: name.to_string(),
            count: n,
            bytes: inflated,
        }));
    }
    Ok(())
}

/// `head` up to and including the '>' closing the tag `attr_number` reads
/// (the first "<sst", else the first ":sst"); all of `head` if not found.
fn sst_tag_prefix(head: &[u8]) -> &[u8] {
    let at = memchr::memmem::find(head, b"<sst").or_else(|| memchr::memmem::find(head, b":sst"));
    let end = at.and_then(|at| {
        let rest = head.get(at..)?;
        memchr::memchr(b'>', rest).map(|gt| at + gt + 1)
    });
    match end {
        Some(end) => head.get(..end).unwrap_or(head),
        None => head,
    }
}

/// The number in `attr="123"` within the first `<sst …>` tag.
fn attr_number(text: &str, attr: &str) -> Option<u64> {
    let sst = text.find("<sst").or_else(|| text.find(":sst"))?;
    let tag = text.get(sst..)?;
    let tag = tag.get(..tag.find('>')?)?;
    let at = tag.find(&format!("{attr}="))?;
    let rest = tag.get(at + attr.len() + 1..)?;
    let rest = rest.trim_start_matches(['"', '\'']);
    let digits: String = rest.chars().take_while(|c| c.is_ascii_digit()).collect();
    // Saturate: a 30-digit count is as much a lie as a 12-digit one.
    Some(digits.parse::<u64>().unwrap_or(u64::MAX)).filter(|_| !digits.is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unique_count_attr() {
        let t = r#"<?xml version="1.0"?><sst xmlns="x" count="3" uniqueCount="2"><si>"#;
        assert_eq!(attr_number(t, "uniqueCount"), Some(2));
        assert_eq!(attr_number(t, "count"), Some(3));
        let t = r#"<x:sst uniqueCount='99999999999999999999999999'>"#;
        assert_eq!(attr_number(t, "uniqueCount"), Some(u64::MAX));
        assert_eq!(attr_number("<sst>", "uniqueCount"), None);
        assert!(check_shared_strings("s", b"<sst uniqueCount=\"4000000000\">", 100).is_err());
        assert!(check_shared_strings("s", b"<sst uniqueCount=\"20\">", 100).is_ok());
        assert!(check_shared_strings("s", b"<sst uniqueCount=\"20000\">", 200_000).is_ok());
        // Only the first tag is decoded; what follows it does not matter.
        let head = b"<?xml?><x:sst uniqueCount=\"4000000000\"><si>\xff\xfe</si>";
        assert_eq!(sst_tag_prefix(head).len(), 39);
        assert!(check_shared_strings("s", head, 100).is_err());
        assert_eq!(sst_tag_prefix(b"<sst count=\"1\""), b"<sst count=\"1\"");
        assert_eq!(sst_tag_prefix(b"<a:sst x><sst y>"), b"<a:sst x><sst y>");
    }

    #[test]
    fn xml_parts_are_kept_up_to_the_cap_and_then_only_properties() {
        // Sheets of (pseudo-random) cells: too varied for the ratio rule.
        let sheet = |mib: usize| -> Vec<u8> {
            let mut x: u64 = 1;
            let mut out = Vec::new();
            while out.len() < mib << 20 {
                x = x.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1);
                out.extend(format!("<c><v>{}</v></c>", x >> 33).into_bytes());
            }
            out
        };
        let (nine, eight) = (sheet(9), sheet(8));
        let custom: &[u8] = b"<Properties><property name=\"dvht\"><vt:lpwstr>district</vt:lpwstr></property></Properties>";
        let one = zip_of(&[
            ("docProps/custom.xml", custom),
            ("xl/workbook.xml", b"<workbook/>"),
            ("xl/worksheets/sheet1.xml", &nine),
        ]);
        let (_, parts) = inspect_keeping(&one).expect("sound");
        assert!(parts.complete());
        assert!(parts.get_raw("xl/worksheets/sheet1.xml") == Some(&nine[..]));
        // 17 MiB in two parts, the second streamed past the cap: the sheets
        // are dropped, the properties kept (before and after the cap), the
        // archive still sound (and read otherwise).
        let two = zip_of(&[
            ("docProps/custom.xml", custom),
            ("xl/workbook.xml", b"<workbook/>"),
            ("xl/worksheets/sheet1.xml", &nine),
            ("xl/worksheets/sheet2.xml", &eight),
            ("meta.xml", b"<meta/>"),
        ]);
        const { assert!(MAX_KEPT_BYTES < 17 << 20) };
        let (kind, parts) = inspect_keeping(&two).expect("sound");
        assert_eq!(kind, ZipKind::Xlsx);
        assert!(!parts.complete());
        assert_eq!(parts.get_raw("docprops/custom.xml"), Some(custom));
        assert_eq!(parts.get_raw("meta.xml"), Some(&b"<meta/>"[..]));
        assert_eq!(parts.get_raw("xl/workbook.xml"), None);
        assert_eq!(parts.get_raw("xl/worksheets/sheet1.xml"), None);
        assert_eq!(parts.get_raw("xl/worksheets/sheet2.xml"), None);
    }

    fn zip_of(parts: &[(&str, &[u8])]) -> Vec<u8> {
        use std::io::Write;
        let mut w = zip::ZipWriter::new(Cursor::new(Vec::new()));
        let opts = zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Deflated);
        for (name, data) in parts {
            w.start_file(*name, opts).expect("start");
            w.write_all(data).expect("write");
        }
        w.finish().expect("finish").into_inner()
    }

    #[test]
    fn parts_inflated_at_once_are_the_streamed_bytes_and_bad_ones_still_refused() {
        let sheet: Vec<u8> = (0..20_000u32)
            .flat_map(|i| format!("<c r=\"A{i}\"><v>{i}</v></c>").into_bytes())
            .collect();
        let bytes = zip_of(&[
            ("xl/workbook.xml", b"<workbook/>"),
            ("xl/worksheets/sheet1.xml", &sheet),
        ]);
        let (kind, parts) = inspect_keeping(&bytes).expect("sound");
        assert_eq!(kind, ZipKind::Xlsx);
        let mut z = ZipArchive::new(Cursor::new(&bytes)).expect("zip");
        let mut streamed = Vec::new();
        z.by_name("xl/worksheets/sheet1.xml")
            .expect("entry")
            .read_to_end(&mut streamed)
            .expect("read");
        assert_eq!(streamed, sheet);
        assert_eq!(parts.get_raw("xl/worksheets/sheet1.xml"), Some(&sheet[..]));
        // A wrong checksum (in the local header and the directory): the
        // part is streamed again, and the zip reader's complaint reported.
        let crc = crc32fast::hash(&sheet).to_le_bytes();
        let mut bad = bytes.clone();
        let mut at = 0;
        while let Some(i) = bad
            .get(at..)
            .and_then(|b| b.windows(4).position(|w| w == crc))
        {
            let j = at + i;
            bad[j] ^= 0xFF;
            at = j + 4;
        }
        assert!(at > 0, "checksum found");
        match inspect_keeping(&bad) {
            Err(ReadError::Unreadable(Damage::CorruptPart { part, .. })) => {
                assert_eq!(part, "xl/worksheets/sheet1.xml")
            }
            other => panic!("{:?}", other.map(|(k, _)| k)),
        }
    }
}
