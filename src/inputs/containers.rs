//! Containers among the inputs: `.zip` archives (a mail program's "download
//! all attachments"), saved messages (`.eml`) and mailboxes (`.mbox`).
//!
//! Each container becomes the inputs it holds, each with its [`Source`]
//! (container, sender, date, subject, attachment name): every spreadsheet
//! attachment or archive entry is written under caps to a file of a
//! temporary folder and read like any other file (the archive guard, the
//! bounded readers and the reading child process all apply); anything else
//! inside is listed as skipped with its reason, and a message without a
//! spreadsheet is listed as skipped with its sender and subject. Nothing is
//! dropped silently.
//!
//! Bounds: a message is read up to [`MAX_MESSAGE_BYTES`] (a longer one is
//! listed as unreadable, its headers still read, and the mailbox goes on
//! with the next message, never buffering more than that cap); an item is
//! extracted up to [`MAX_ITEM_BYTES`] of bytes actually produced, archive
//! entries under the archive guard's ratio rule; a container lists at most
//! [`MAX_ITEMS`] items; an archive inside an archive or a message is opened
//! (one level), one nested deeper is listed, not opened.
//!
//! MIME (RFC 2045–2049, names in RFC 2047 / 2231 encodings, base64 and
//! quoted-printable) is mail-parser's; the mbox split ("From " lines,
//! ">From " unquoted) is done here, so that one huge line or message is
//! never held whole.

use super::{FileType, Input, Skip};
use crate::read::{self, Bomb, Damage, ReadError};
use mail_parser::{Message, MessageParser, MimeHeaders};
use std::io::{BufRead, Read, Seek};
use std::path::{Path, PathBuf};

/// Longest message read (headers and all parts, as stored).
pub const MAX_MESSAGE_BYTES: usize = 32 * 1024 * 1024;
/// Largest attachment or archive entry extracted. A form is well under 1 MB.
pub const MAX_ITEM_BYTES: u64 = 32 * 1024 * 1024;
/// Most bytes all entries of one archive may inflate to.
pub const MAX_ARCHIVE_TOTAL: u64 = 1024 * 1024 * 1024;
/// Most items (messages, attachments, entries) listed from one container.
pub const MAX_ITEMS: usize = 20_000;
/// Bytes kept of a message over [`MAX_MESSAGE_BYTES`]: its headers.
const HEAD_BYTES: usize = 64 * 1024;

/// Where an input came from, when it came out of a container.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Source {
    /// The container as given or found (.zip, .eml, .mbox).
    pub container: PathBuf,
    /// The message's number in a mailbox, from 1.
    pub message: Option<usize>,
    /// Sender, as "Name <address>".
    pub from: Option<String>,
    /// The message's date, RFC 3339 with the sender's offset.
    pub date: Option<String>,
    pub subject: Option<String>,
    /// The attachment's or entry's name; inside a nested archive,
    /// "outer.zip › inner.xlsx".
    pub attachment: Option<String>,
    /// When it was sent (message date) or last saved (archive entry),
    /// seconds since 1970: which submission is newer.
    pub time: Option<i64>,
}

impl Source {
    /// "hop-thu.mbox › #3 › bieu-mau.xlsx".
    pub fn label(&self) -> String {
        let mut s = self.container.display().to_string();
        if let Some(n) = self.message {
            s.push_str(&format!(" › #{n}"));
        }
        if let Some(a) = &self.attachment {
            s.push_str(" › ");
            s.push_str(a);
        }
        s
    }
}

/// What a container's extension says it is.
fn kind_of(path: &Path) -> Option<Kind> {
    let ext = path
        .extension()
        .map(|e| e.to_string_lossy().to_lowercase())
        .unwrap_or_default();
    match ext.as_str() {
        "zip" => Some(Kind::Zip),
        "eml" => Some(Kind::Eml),
        "mbox" | "mbx" => Some(Kind::Mbox),
        _ => None,
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Zip,
    Eml,
    Mbox,
}

/// Whether an input is a container to open (by its extension).
pub fn is_container(input: &Input) -> bool {
    let by_name = matches!(
        input.skip,
        Some(Skip::NotASpreadsheet(
            FileType::Archive | FileType::Email | FileType::Other
        ))
    );
    by_name && input.source.is_none() && kind_of(&input.path).is_some()
}

/// The inputs with every container replaced by what it holds; extracted
/// files go into `dir` (kept by the caller until the run is read).
pub fn expand(inputs: Vec<Input>, dir: &Path) -> Vec<Input> {
    let mut out = Vec::with_capacity(inputs.len());
    let mut ex = Extractor {
        dir: dir.to_path_buf(),
        written: 0,
    };
    for input in inputs {
        match kind_of(&input.path).filter(|_| is_container(&input)) {
            Some(kind) => ex.container(&input.path, kind, &mut out),
            None => out.push(input),
        }
    }
    out
}

/// Writes extracted items into the temporary folder.
struct Extractor {
    dir: PathBuf,
    written: usize,
}

/// A container's items so far, and where they go.
struct Items<'a> {
    out: &'a mut Vec<Input>,
    count: usize,
    container: &'a Path,
}

impl Items<'_> {
    /// Whether another item may be listed; the first one over the cap is
    /// listed as the container's remainder, unread.
    fn room(&mut self) -> bool {
        self.count += 1;
        if self.count == MAX_ITEMS + 1 {
            self.out.push(broken(
                self.container,
                None,
                Damage::TooManyItems { max: MAX_ITEMS },
            ));
        }
        self.count <= MAX_ITEMS
    }
}

impl Extractor {
    fn container(&mut self, path: &Path, kind: Kind, out: &mut Vec<Input>) {
        let before = out.len();
        let mut items = Items {
            out,
            count: 0,
            container: path,
        };
        let base = Source {
            container: path.to_path_buf(),
            message: None,
            from: None,
            date: None,
            subject: None,
            attachment: None,
            time: None,
        };
        match kind {
            Kind::Zip => match std::fs::File::open(path) {
                Ok(f) => self.zip(f, &base, 0, &mut items),
                Err(e) => items.out.push(cannot_open(path, &e)),
            },
            Kind::Eml => match read_capped(path) {
                Ok(raw) => self.message(&raw, &base, &mut items),
                Err(e) => items.out.push(cannot_open(path, &e)),
            },
            Kind::Mbox => match std::fs::File::open(path) {
                Ok(f) => self.mbox(std::io::BufReader::new(f), &base, &mut items),
                Err(e) => items.out.push(cannot_open(path, &e)),
            },
        }
        if items.out.len() == before {
            let (vi, en) = match kind {
                Kind::Zip => ("tệp nén trống", "an empty archive"),
                _ => ("không có thư nào trong tệp", "no message in the file"),
            };
            items.out.push(Input {
                skip: Some(Skip::Empty(vi.into(), en.into())),
                ..Input::new(path)
            });
        }
    }

    /// Every message of a mailbox, split at "From " lines.
    fn mbox(&mut self, mut r: impl BufRead, base: &Source, items: &mut Items) {
        let mut split = MboxSplit::default();
        let mut n = 0;
        loop {
            let raw = match split.next_message(&mut r) {
                Ok(Some(m)) => m,
                Ok(None) => break,
                Err(e) => {
                    items.out.push(broken(
                        &base.container,
                        Some(Source {
                            message: Some(n + 1),
                            ..base.clone()
                        }),
                        Damage::MailboxUnreadable(e.to_string()),
                    ));
                    break;
                }
            };
            n += 1;
            if !items.room() {
                continue;
            }
            let here = Source {
                message: Some(n),
                ..base.clone()
            };
            self.message(&raw, &here, items);
        }
    }

    /// One message: every spreadsheet attachment (and those of a message
    /// forwarded as an attachment, and of an archive attached), or the
    /// message listed as without one.
    fn message(&mut self, raw: &Raw, base: &Source, items: &mut Items) {
        let raw = match raw {
            Raw::Whole(b) => b,
            Raw::TooLarge { head, size } => return too_large(head, *size, base, items),
        };
        let Some(msg) = MessageParser::default().parse(raw.as_slice()) else {
            items.out.push(broken(
                &base.container,
                Some(base.clone()),
                Damage::CorruptMessage,
            ));
            return;
        };
        let here = Source {
            from: sender(&msg),
            date: msg.date().map(|d| d.to_rfc3339()),
            time: msg.date().map(|d| d.to_timestamp()),
            subject: msg.subject().map(str::to_string),
            ..base.clone()
        };
        let before = items.out.len();
        self.attachments(&msg, &here, 0, items);
        let read_any = items.out[before..]
            .iter()
            .any(|i| i.skip.is_none() && i.broken.is_none());
        if !read_any {
            items.out.push(Input {
                skip: Some(Skip::NoSpreadsheetAttached),
                source: Some(here),
                ..Input::new(base.container.clone())
            });
        }
    }

    fn attachments(&mut self, msg: &Message, here: &Source, depth: usize, items: &mut Items) {
        for part in msg.attachments() {
            if let Some(inner) = part.message() {
                if depth == 0 {
                    self.attachments(inner, here, depth + 1, items);
                }
                continue;
            }
            let name = part
                .attachment_name()
                .map(str::to_string)
                .unwrap_or_else(|| "(không tên)".to_string());
            // Pictures shown inside the message (a signature's logo).
            let inline = part.content_disposition().is_some_and(|d| d.is_inline());
            let image = part
                .content_type()
                .is_some_and(|c| c.ctype().eq_ignore_ascii_case("image"));
            if inline && image {
                continue;
            }
            if !items.room() {
                return;
            }
            let src = Source {
                attachment: Some(name.clone()),
                ..here.clone()
            };
            let bytes = part.contents();
            if ext_of(&name) == "zip" {
                self.zip(std::io::Cursor::new(bytes), &src, 1, items);
            } else {
                self.item(&name, bytes, src, items);
            }
        }
    }

    /// Every entry of an archive (`depth` 1: inside a message or an
    /// archive; deeper archives are listed, not opened).
    fn zip<R: Read + Seek>(&mut self, r: R, base: &Source, depth: usize, items: &mut Items) {
        let mut zip = match zip::ZipArchive::new(r) {
            Ok(z) => z,
            Err(e) => {
                items.out.push(broken(
                    &base.container,
                    Some(base.clone()),
                    Damage::CorruptZip(e.to_string()),
                ));
                return;
            }
        };
        if zip.len() > read::archive::MAX_ENTRIES {
            items.out.push(broken(
                &base.container,
                Some(base.clone()),
                Damage::ArchiveTooManyItems {
                    count: zip.len(),
                    max: read::archive::MAX_ENTRIES,
                },
            ));
            return;
        }
        let mut total = 0u64;
        for i in 0..zip.len() {
            let mut entry = match zip.by_index(i) {
                Ok(e) => e,
                Err(e) => {
                    items.out.push(broken(
                        &base.container,
                        Some(base.clone()),
                        Damage::CorruptItem {
                            index: i + 1,
                            error: e.to_string(),
                        },
                    ));
                    continue;
                }
            };
            if entry.is_dir() {
                continue;
            }
            let name = entry_name(&entry);
            if !items.room() {
                return;
            }
            let attachment = match &base.attachment {
                Some(outer) => format!("{outer} › {name}"),
                None => name.clone(),
            };
            let src = Source {
                attachment: Some(attachment),
                time: base
                    .time
                    .or_else(|| entry.last_modified().and_then(zip_time)),
                ..base.clone()
            };
            let is_zip = ext_of(&name) == "zip";
            if (is_zip && depth >= 1) || !(is_zip || wanted(&name)) {
                items.out.push(listed(&base.container, &name, src, is_zip));
                continue;
            }
            let bytes = match inflate(&mut entry, &mut total) {
                Ok(b) => b,
                Err(damage) => {
                    items.out.push(broken(&base.container, Some(src), damage));
                    continue;
                }
            };
            drop(entry);
            if is_zip {
                self.zip(std::io::Cursor::new(bytes), &src, depth + 1, items);
            } else {
                self.item(&name, &bytes, src, items);
            }
        }
    }

    /// A spreadsheet (by name) written to the temporary folder, or any
    /// other attachment listed as skipped.
    fn item(&mut self, name: &str, bytes: &[u8], src: Source, items: &mut Items) {
        if !wanted(name) {
            items
                .out
                .push(listed(&src.container, name, src.clone(), false));
            return;
        }
        if bytes.len() as u64 > MAX_ITEM_BYTES {
            items.out.push(broken(
                &src.container,
                Some(src.clone()),
                Damage::AttachmentTooLarge {
                    mib: bytes.len() as u64 >> 20,
                    max_mib: MAX_ITEM_BYTES >> 20,
                },
            ));
            return;
        }
        self.written += 1;
        let path = self
            .dir
            .join(format!("{:05}-{}", self.written, safe_name(name)));
        let written = std::fs::write(&path, bytes).and_then(|()| {
            if let Some(t) = src.time.and_then(system_time) {
                std::fs::File::options()
                    .write(true)
                    .open(&path)?
                    .set_modified(t)?;
            }
            Ok(())
        });
        match written {
            Ok(()) => items.out.push(Input {
                source: Some(src),
                ..Input::new(path)
            }),
            Err(e) => items.out.push(broken(
                &src.container,
                Some(src.clone()),
                Damage::CannotWriteCopy(e.to_string()),
            )),
        }
    }
}

/// Inflates an archive entry, counting bytes actually produced: at most
/// [`MAX_ITEM_BYTES`], the archive's total at most [`MAX_ARCHIVE_TOTAL`],
/// and the archive guard's ratio rule.
fn inflate<R: Read>(
    entry: &mut zip::read::ZipFile<'_, R>,
    total: &mut u64,
) -> Result<Vec<u8>, Damage> {
    let compressed = entry.compressed_size();
    let name = entry_name(entry);
    let mut out = Vec::with_capacity(entry.size().min(1 << 20) as usize);
    let mut buf = vec![0u8; 64 * 1024];
    loop {
        let n = entry.read(&mut buf).map_err(|e| Damage::CorruptEntry {
            entry: name.clone(),
            error: e.to_string(),
        })?;
        if n == 0 {
            return Ok(out);
        }
        out.extend_from_slice(&buf[..n]);
        *total += n as u64;
        let len = out.len() as u64;
        let bomb = |why| Damage::EntryBomb {
            entry: name.clone(),
            why,
        };
        if len > MAX_ITEM_BYTES {
            return Err(bomb(Bomb::EntryTooLarge {
                mib: MAX_ITEM_BYTES >> 20,
            }));
        }
        if *total > MAX_ARCHIVE_TOTAL {
            return Err(bomb(Bomb::TotalTooLarge {
                mib: MAX_ARCHIVE_TOTAL >> 20,
            }));
        }
        if len > read::archive::RATIO_GRACE_BYTES
            && (compressed as f64) < read::archive::MIN_RATIO * len as f64
        {
            return Err(bomb(Bomb::Ratio));
        }
    }
}

/// An entry's name (a name that is not UTF-8 read as well as it goes).
fn entry_name<R: Read>(entry: &zip::read::ZipFile<'_, R>) -> String {
    match entry.name() {
        Ok(n) => n.into_owned(),
        Err(_) => String::from_utf8_lossy(entry.name_raw()).into_owned(),
    }
}

/// A message over the size cap: listed as unreadable, with what its
/// headers say.
fn too_large(head: &[u8], size: u64, base: &Source, items: &mut Items) {
    let src = match MessageParser::default().parse_headers(head) {
        Some(msg) => Source {
            from: sender(&msg),
            date: msg.date().map(|d| d.to_rfc3339()),
            time: msg.date().map(|d| d.to_timestamp()),
            subject: msg.subject().map(str::to_string),
            ..base.clone()
        },
        None => base.clone(),
    };
    items.out.push(broken(
        &base.container,
        Some(src),
        Damage::MessageTooLarge {
            mib: size >> 20,
            max_mib: (MAX_MESSAGE_BYTES >> 20) as u64,
        },
    ));
}

/// An item that could not be read: an input that is unreadable, with the
/// reason, never dropped.
fn broken(container: &Path, source: Option<Source>, damage: Damage) -> Input {
    Input {
        broken: Some(ReadError::Unreadable(damage)),
        source,
        ..Input::new(container)
    }
}

fn cannot_open(path: &Path, e: &std::io::Error) -> Input {
    broken(path, None, Damage::CannotOpen(e.to_string()))
}

/// An entry or attachment that is not read: skipped with the reason its
/// name gives (or as an archive nested too deep).
fn listed(container: &Path, name: &str, src: Source, nested_zip: bool) -> Input {
    let skip = if nested_zip {
        Skip::NestedTooDeep
    } else {
        super::skip(Path::new(name), None).unwrap_or(Skip::NotASpreadsheet(FileType::Other))
    };
    Input {
        skip: Some(skip),
        source: Some(src),
        ..Input::new(container)
    }
}

/// Whether an attachment or entry is read as a form, by its name.
fn wanted(name: &str) -> bool {
    let base = name.rsplit(['/', '\\']).next().unwrap_or(name);
    !base.starts_with("~$") && read::SPREADSHEET_EXTENSIONS.contains(&ext_of(name).as_str())
}

fn ext_of(name: &str) -> String {
    Path::new(name)
        .extension()
        .map(|e| e.to_string_lossy().to_lowercase())
        .unwrap_or_default()
}

/// A file name safe on every system: the last component of `name`, path
/// separators and characters Windows refuses replaced, at most 80 chars.
fn safe_name(name: &str) -> String {
    let base = name.rsplit(['/', '\\']).next().unwrap_or(name);
    let ext = ext_of(base);
    let stem: String = base
        .chars()
        .map(|c| {
            if c.is_control() || "<>:\"|?*".contains(c) {
                '_'
            } else {
                c
            }
        })
        .take(80)
        .collect();
    let stem = stem.trim_matches(['.', ' ']).to_string();
    if stem.to_lowercase().ends_with(&format!(".{ext}")) {
        stem
    } else {
        format!("{stem}.{ext}")
    }
}

/// "Name <address>", or whichever of them the message gives.
fn sender(msg: &Message) -> Option<String> {
    let a = msg.from()?.first()?;
    Some(match (a.name(), a.address()) {
        (Some(n), Some(ad)) => format!("{n} <{ad}>"),
        (Some(n), None) => n.to_string(),
        (None, Some(ad)) => ad.to_string(),
        (None, None) => return None,
    })
}

/// A zip entry's time (no zone: read as UTC), seconds since 1970.
fn zip_time(t: zip::DateTime) -> Option<i64> {
    let (y, m, d) = (
        i64::from(t.year()),
        i64::from(t.month()),
        i64::from(t.day()),
    );
    if !(1..=12).contains(&m) || !(1..=31).contains(&d) {
        return None;
    }
    // Days from civil (Howard Hinnant's algorithm).
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    let days = era * 146_097 + doe - 719_468;
    Some(
        days * 86_400
            + i64::from(t.hour()) * 3600
            + i64::from(t.minute()) * 60
            + i64::from(t.second()),
    )
}

fn system_time(secs: i64) -> Option<std::time::SystemTime> {
    let secs = u64::try_from(secs).ok()?;
    std::time::UNIX_EPOCH.checked_add(std::time::Duration::from_secs(secs))
}

/// A file read whole up to [`MAX_MESSAGE_BYTES`]; a longer one keeps only
/// its head (the headers) and its size.
fn read_capped(path: &Path) -> std::io::Result<Raw> {
    let size = std::fs::metadata(path)?.len();
    let f = std::fs::File::open(path)?;
    if size > MAX_MESSAGE_BYTES as u64 {
        let mut head = Vec::new();
        f.take(HEAD_BYTES as u64).read_to_end(&mut head)?;
        return Ok(Raw::TooLarge { head, size });
    }
    let mut bytes = Vec::new();
    f.take(MAX_MESSAGE_BYTES as u64).read_to_end(&mut bytes)?;
    Ok(Raw::Whole(bytes))
}

/// One message's bytes, or its head when it is over the cap.
enum Raw {
    Whole(Vec<u8>),
    TooLarge { head: Vec<u8>, size: u64 },
}

/// Splits a mailbox into messages at lines starting "From " (mboxrd:
/// ">From " lines unquoted), holding at most [`MAX_MESSAGE_BYTES`] of one
/// message and at most 64 KiB of one line at a time.
#[derive(Default)]
struct MboxSplit {
    /// The next message has begun (its "From " line was read).
    started: bool,
    done: bool,
}

const PIECE: usize = 64 * 1024;

impl MboxSplit {
    fn next_message(&mut self, r: &mut impl BufRead) -> std::io::Result<Option<Raw>> {
        if self.done {
            return Ok(None);
        }
        let mut msg: Vec<u8> = Vec::new();
        let mut size: u64 = 0;
        let mut over = false;
        let mut at_line_start = true;
        let mut line = Vec::with_capacity(256);
        loop {
            line.clear();
            let ended = read_piece(r, &mut line, PIECE)?;
            if line.is_empty() {
                self.done = true;
                break;
            }
            if at_line_start && line.starts_with(b"From ") {
                if self.started {
                    // The next message begins: this one is whole.
                    self.started = true;
                    return Ok(Some(finish(msg, size, over)));
                }
                self.started = true;
                at_line_start = ended;
                continue;
            }
            if !self.started {
                // Text before the first "From " line: not an mbox message.
                self.started = true;
            }
            let mut piece: &[u8] = &line;
            if at_line_start && piece.starts_with(b">") {
                let q = piece.iter().take_while(|&&b| b == b'>').count();
                if piece
                    .get(q..)
                    .is_some_and(|rest| rest.starts_with(b"From "))
                {
                    piece = &piece[1..];
                }
            }
            size += piece.len() as u64;
            if !over && msg.len() + piece.len() > MAX_MESSAGE_BYTES {
                over = true;
                msg.truncate(HEAD_BYTES);
                msg.shrink_to_fit();
            }
            if !over {
                msg.extend_from_slice(piece);
            } else if msg.len() < HEAD_BYTES {
                let take = (HEAD_BYTES - msg.len()).min(piece.len());
                msg.extend_from_slice(&piece[..take]);
            }
            at_line_start = ended;
        }
        if size == 0 && !self.started {
            return Ok(None);
        }
        if size == 0 && msg.is_empty() && self.started && self.done {
            // The mailbox ended right after a "From " line: an empty message.
            return Ok(Some(Raw::Whole(Vec::new())));
        }
        Ok(Some(finish(msg, size, over)))
    }
}

fn finish(msg: Vec<u8>, size: u64, over: bool) -> Raw {
    if over {
        Raw::TooLarge { head: msg, size }
    } else {
        Raw::Whole(msg)
    }
}

/// Reads up to and including the next '\n', at most `max` bytes; whether
/// the line ended (a newline was read).
fn read_piece(r: &mut impl BufRead, out: &mut Vec<u8>, max: usize) -> std::io::Result<bool> {
    loop {
        let buf = r.fill_buf()?;
        if buf.is_empty() {
            return Ok(false);
        }
        let room = max - out.len();
        let avail = &buf[..buf.len().min(room)];
        if let Some(i) = memchr::memchr(b'\n', avail) {
            out.extend_from_slice(&avail[..=i]);
            r.consume(i + 1);
            return Ok(true);
        }
        let n = avail.len();
        out.extend_from_slice(avail);
        r.consume(n);
        if out.len() >= max {
            return Ok(false);
        }
    }
}

#[cfg(test)]
mod tests;
