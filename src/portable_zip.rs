//! The same .xlsx and .docx bytes on Windows as on Linux.
//!
//! An .xlsx is a zip archive, and each entry of a zip's central directory
//! says which system made it ("version made by", high byte): the zip
//! library under rust_xlsxwriter writes 3 (Unix) on Linux and 0 (MS-DOS)
//! on Windows, while writing the same Unix permission bits into the
//! entries' external attributes on both. So a workbook written on Windows
//! differed from the Linux one in that byte of every entry — and declared
//! Unix mode bits under the MS-DOS label; and the zip library under
//! docx-rs adds, on Windows only, the MS-DOS "directory" flag (0x10) to
//! the low bits of a folder entry's attributes. [`normalize`] sets every
//! entry's system to Unix, which is what its attributes are, and clears
//! the MS-DOS bits of an entry whose attributes hold a Unix mode (a Unix
//! reader does not look at them): the workbooks and documents of the two
//! builds are then byte for byte equal (`.ci/windows-under-wine` checks
//! it). Nothing else is touched; an archive it does not recognise (zip64,
//! damaged) is left as it is.

use std::io::{Read, Seek, SeekFrom, Write};

/// "Made by Unix".
const UNIX: u8 = 3;
const CENTRAL_SIGNATURE: [u8; 4] = *b"PK\x01\x02";
const END_SIGNATURE: [u8; 4] = *b"PK\x05\x06";
/// The end-of-central-directory record without its comment.
const END_LEN: usize = 22;
/// A central directory entry without its name, extra field and comment.
const CENTRAL_LEN: usize = 46;

/// Sets the "made by" system of every entry of an archive in memory.
pub fn normalize_bytes(zip: &mut [u8]) {
    let Some((offset, size, entries)) = central_directory(zip) else {
        return;
    };
    if let Some(dir) = zip.get_mut(offset..offset + size) {
        mark_unix(dir, entries);
    }
}

/// Sets the "made by" system of every entry of an archive in a file (or
/// any stream that can be read, written and sought), rewriting only its
/// central directory.
pub fn normalize<F: Read + Write + Seek>(file: &mut F) -> std::io::Result<()> {
    let len = file.seek(SeekFrom::End(0))?;
    let tail_len = len.min((END_LEN + u16::MAX as usize) as u64);
    file.seek(SeekFrom::Start(len - tail_len))?;
    let mut tail = vec![0; tail_len as usize];
    file.read_exact(&mut tail)?;
    let Some((offset, size, entries)) = end_record(&tail) else {
        return Ok(());
    };
    if (offset + size) as u64 > len {
        return Ok(());
    }
    let mut dir = vec![0; size];
    file.seek(SeekFrom::Start(offset as u64))?;
    file.read_exact(&mut dir)?;
    if mark_unix(&mut dir, entries) {
        file.seek(SeekFrom::Start(offset as u64))?;
        file.write_all(&dir)?;
    }
    file.seek(SeekFrom::End(0))?;
    Ok(())
}

/// The central directory of a whole archive: offset, size, entries.
fn central_directory(zip: &[u8]) -> Option<(usize, usize, usize)> {
    let (offset, size, entries) = end_record(zip)?;
    (offset + size <= zip.len()).then_some((offset, size, entries))
}

/// The end record found in the last bytes of an archive (`tail` ends
/// where the archive does): the central directory's offset, size and
/// number of entries. None for zip64 or when there is no such record.
fn end_record(tail: &[u8]) -> Option<(usize, usize, usize)> {
    let start = tail.len().checked_sub(END_LEN)?;
    let at = (0..=start).rev().find(|&i| {
        tail[i..i + 4] == END_SIGNATURE
            && u16_at(tail, i + 20).is_some_and(|comment| i + END_LEN + comment == tail.len())
    })?;
    let entries = u16_at(tail, at + 10)?;
    let size = u32_at(tail, at + 12)?;
    let offset = u32_at(tail, at + 16)?;
    if entries == 0xFFFF || size == 0xFFFF_FFFF || offset == 0xFFFF_FFFF {
        return None;
    }
    Some((offset, size, entries))
}

/// Marks the entries of a central directory as made by Unix; whether
/// anything changed. Stops at anything that is not an entry.
fn mark_unix(dir: &mut [u8], entries: usize) -> bool {
    let mut changed = false;
    let mut at = 0;
    for _ in 0..entries {
        if dir.get(at..at + 4) != Some(&CENTRAL_SIGNATURE[..]) || at + CENTRAL_LEN > dir.len() {
            break;
        }
        if dir[at + 5] != UNIX {
            dir[at + 5] = UNIX;
            changed = true;
        }
        // External attributes: the Unix mode in the high half, MS-DOS
        // flags in the low one.
        if dir[at + 40..at + 42] != [0, 0] && dir[at + 38..at + 40] != [0, 0] {
            dir[at + 38..at + 40].fill(0);
            changed = true;
        }
        let (Some(name), Some(extra), Some(comment)) = (
            u16_at(dir, at + 28),
            u16_at(dir, at + 30),
            u16_at(dir, at + 32),
        ) else {
            break;
        };
        at += CENTRAL_LEN + name + extra + comment;
    }
    changed
}

fn u16_at(b: &[u8], at: usize) -> Option<usize> {
    let s = b.get(at..at + 2)?;
    Some(u16::from_le_bytes([s[0], s[1]]) as usize)
}

fn u32_at(b: &[u8], at: usize) -> Option<usize> {
    let s = b.get(at..at + 4)?;
    Some(u32::from_le_bytes([s[0], s[1], s[2], s[3]]) as usize)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A small workbook as rust_xlsxwriter writes it here.
    fn workbook() -> Vec<u8> {
        let mut wb = rust_xlsxwriter::Workbook::new();
        wb.add_worksheet().write_string(0, 0, "Đơn vị").unwrap();
        wb.save_to_buffer().unwrap()
    }

    /// The "made by" system byte of every central directory entry.
    fn systems(zip: &[u8]) -> Vec<u8> {
        let (offset, size, entries) = central_directory(zip).unwrap();
        let dir = &zip[offset..offset + size];
        let mut out = Vec::new();
        let mut at = 0;
        for _ in 0..entries {
            assert_eq!(&dir[at..at + 4], b"PK\x01\x02");
            out.push(dir[at + 5]);
            let n = |k| u16::from_le_bytes([dir[at + k], dir[at + k + 1]]) as usize;
            at += 46 + n(28) + n(30) + n(32);
        }
        out
    }

    /// The archive as the Windows build writes it: every entry "MS-DOS".
    fn as_on_windows(zip: &[u8]) -> Vec<u8> {
        let mut w = zip.to_vec();
        let (offset, size, entries) = central_directory(&w).unwrap();
        let dir = &mut w[offset..offset + size];
        let mut at = 0;
        for _ in 0..entries {
            dir[at + 5] = 0;
            let n = |k| u16::from_le_bytes([dir[at + k], dir[at + k + 1]]) as usize;
            at += 46 + n(28) + n(30) + n(32);
        }
        w
    }

    #[test]
    fn an_archive_made_on_windows_becomes_the_linux_bytes() {
        let linux = workbook();
        let entries = systems(&linux).len();
        assert!(entries >= 8, "{entries} entries");
        let mut windows = as_on_windows(&linux);
        assert_eq!(systems(&windows), vec![0; entries]);
        assert_ne!(windows, linux);
        normalize_bytes(&mut windows);
        assert_eq!(systems(&windows), vec![UNIX; entries]);
        #[cfg(unix)]
        assert_eq!(windows, linux, "the Linux build already writes Unix");
        // The same through a file.
        let mut file = std::io::Cursor::new(as_on_windows(&linux));
        normalize(&mut file).unwrap();
        assert_eq!(file.into_inner(), windows);
        // Still a workbook every reader opens.
        let mut z = zip::ZipArchive::new(std::io::Cursor::new(windows)).unwrap();
        assert!(z.by_name("xl/workbook.xml").is_ok());
    }

    #[test]
    fn a_folder_entry_loses_the_ms_dos_flag_the_windows_build_adds() {
        // As the zip library under docx-rs writes a folder entry on Linux
        // (mode 0o40755, no MS-DOS flags) and on Windows (flag 0x10 too).
        let write = |attr: u32, system: u8| {
            let mut z = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
            let opts = zip::write::SimpleFileOptions::default()
                .last_modified_time(zip::DateTime::default());
            z.add_directory("word/", opts).unwrap();
            let mut b = z.finish().unwrap().into_inner();
            let (offset, _, _) = central_directory(&b).unwrap();
            b[offset + 5] = system;
            b[offset + 38..offset + 42].copy_from_slice(&attr.to_le_bytes());
            b
        };
        let linux = write(0o40755 << 16, UNIX);
        let mut windows = write((0o40755 << 16) | 0x10, 0);
        assert_ne!(windows, linux);
        normalize_bytes(&mut windows);
        assert_eq!(windows, linux);
        // A plain MS-DOS entry (no Unix mode) keeps its flags.
        let mut dos = write(0x10, 0);
        normalize_bytes(&mut dos);
        let (offset, _, _) = central_directory(&dos).unwrap();
        assert_eq!(dos[offset + 38..offset + 42], 0x10u32.to_le_bytes());
        // Every reader still sees a folder.
        let mut z = zip::ZipArchive::new(std::io::Cursor::new(windows)).unwrap();
        assert!(z.by_index(0).unwrap().is_dir());
    }

    #[test]
    fn what_is_not_an_archive_is_left_alone() {
        for junk in [&b""[..], b"PK\x05\x06", b"not a zip at all, just text"] {
            let mut b = junk.to_vec();
            normalize_bytes(&mut b);
            assert_eq!(b, junk);
            let mut f = std::io::Cursor::new(junk.to_vec());
            normalize(&mut f).unwrap();
            assert_eq!(f.into_inner(), junk);
        }
        // A truncated archive: nothing written past what is there.
        let mut cut = workbook();
        cut.truncate(cut.len() / 2);
        let before = cut.clone();
        normalize_bytes(&mut cut);
        assert_eq!(cut, before);
    }
}
