//! An output workbook about to be replaced: whether a spreadsheet program
//! has it open, and the copy of it kept beside before it is replaced.
//!
//! - **Open**: Excel keeps an owner file `~$NAME` beside an open workbook
//!   (for a long name, `~$` in place of its first two characters), and
//!   LibreOffice a lock file `.~lock.NAME#`. Replacing a workbook someone
//!   has open loses what they type next, so a command refuses (exit 2)
//!   while either is there.
//! - **Kept**: before a new workbook replaces `tong-hop-2023.xlsx`, the old
//!   one is copied byte for byte to `tong-hop-2023.truoc-2023-12-05T0830.xlsx`
//!   ("trước": before), named after the time it was last saved, in
//!   Vietnam's time (UTC+7, the offices' zone). A second copy saved the
//!   same minute gets `-2`, `-3`, …; a copy already there with the same
//!   bytes is reused.
//!
//! ```
//! let dir = tempfile::tempdir().unwrap();
//! let out = dir.path().join("tong-hop-2023.xlsx");
//! std::fs::write(&out, b"old").unwrap();
//! assert_eq!(dvht::outfile::open_by(&out), None);
//! std::fs::write(dir.path().join(".~lock.tong-hop-2023.xlsx#"), b"").unwrap();
//! assert!(dvht::outfile::open_by(&out).is_some());
//! let kept = dvht::outfile::keep(&out).unwrap();
//! assert_eq!(std::fs::read(&kept).unwrap(), b"old");
//! assert!(kept.file_name().unwrap().to_string_lossy().starts_with("tong-hop-2023.truoc-"));
//! ```

use std::io::Write;
use std::path::{Path, PathBuf};

/// The owner or lock file that says `path` is open in a spreadsheet
/// program, if there is one.
pub fn open_by(path: &Path) -> Option<PathBuf> {
    let name = path.file_name()?.to_string_lossy().to_string();
    let dir = path.parent().unwrap_or(Path::new("."));
    let mut candidates = vec![format!("~${name}"), format!(".~lock.{name}#")];
    let rest: String = name.chars().skip(2).collect();
    if !rest.is_empty() {
        candidates.push(format!("~${rest}"));
    }
    candidates
        .into_iter()
        .map(|c| dir.join(c))
        .find(|p| std::fs::symlink_metadata(p).is_ok())
}

/// Vietnam's offset from UTC, seconds.
const VIETNAM: i64 = 7 * 3600;

/// "2023-12-05T0830": a time (seconds since 1970, UTC) in Vietnam's zone.
pub fn stamp(secs: i64) -> String {
    let t = secs + VIETNAM;
    let (days, rem) = (t.div_euclid(86_400), t.rem_euclid(86_400));
    let (y, m, d) = crate::calendar::civil_from_days(days);
    format!(
        "{y:04}-{m:02}-{d:02}T{:02}{:02}",
        rem / 3600,
        rem % 3600 / 60
    )
}

/// The name [`keep`] gives the copy of `path` now: its stem, `.truoc-`
/// and the time it was last saved, numbered when that name holds other
/// bytes.
///
/// # Errors
/// When `path` cannot be read.
pub fn kept_name(path: &Path) -> std::io::Result<PathBuf> {
    let bytes = std::fs::read(path)?;
    Ok(names(path)?
        .find(|t| free_or_same(t, &bytes))
        .unwrap_or_default())
}

/// The candidate names of the copy, in order.
fn names(path: &Path) -> std::io::Result<impl Iterator<Item = PathBuf>> {
    let saved = std::fs::metadata(path)?
        .modified()
        .ok()
        .and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok())
        .map(|d| d.as_secs() as i64)
        .unwrap_or(0);
    let dir = path.parent().unwrap_or(Path::new(".")).to_path_buf();
    let stem = path
        .file_stem()
        .map(|s| s.to_string_lossy().to_string())
        .unwrap_or_default();
    let ext = path
        .extension()
        .map(|e| format!(".{}", e.to_string_lossy()))
        .unwrap_or_default();
    let base = format!("{stem}.truoc-{}", stamp(saved));
    Ok((1u32..).map(move |n| match n {
        1 => dir.join(format!("{base}{ext}")),
        n => dir.join(format!("{base}-{n}{ext}")),
    }))
}

/// Whether nothing is at `target`, or a file with these bytes.
fn free_or_same(target: &Path, bytes: &[u8]) -> bool {
    match std::fs::read(target) {
        Ok(there) => there == bytes,
        Err(_) => std::fs::symlink_metadata(target).is_err(),
    }
}

/// Copies `path` beside itself, byte for byte, under the name the module
/// documentation gives ([`kept_name`]); the copy's path.
///
/// # Errors
/// When `path` cannot be read or the copy cannot be written; nothing is
/// left half-written (the copy is made under a temporary name first).
pub fn keep(path: &Path) -> std::io::Result<PathBuf> {
    let bytes = std::fs::read(path)?;
    let dir = path.parent().unwrap_or(Path::new("."));
    for target in names(path)? {
        if !free_or_same(&target, &bytes) {
            continue;
        }
        if std::fs::symlink_metadata(&target).is_ok() {
            return Ok(target);
        }
        let mut tmp = tempfile::Builder::new()
            .prefix(".dvht-")
            .suffix(".xlsx.tmp")
            .tempfile_in(dir)?;
        tmp.write_all(&bytes)?;
        tmp.as_file().sync_all()?;
        // Refuses to replace a file that appeared meanwhile.
        match tmp.persist_noclobber(&target) {
            Ok(_) => return Ok(target),
            Err(e) if e.error.kind() == std::io::ErrorKind::AlreadyExists => continue,
            Err(e) => return Err(e.error),
        }
    }
    unreachable!("the names never run out")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stamps_in_vietnam_time() {
        // 2023-12-05 01:30 UTC is 08:30 in Hà Nội.
        assert_eq!(stamp(1_701_739_800), "2023-12-05T0830");
        assert_eq!(stamp(0), "1970-01-01T0700");
        // Across a year end and a leap day.
        assert_eq!(stamp(1_704_045_600), "2024-01-01T0100");
        assert_eq!(stamp(1_704_045_599), "2024-01-01T0059");
        assert_eq!(stamp(1_709_164_800), "2024-02-29T0700");
    }

    #[test]
    fn excel_owner_file_of_a_long_name() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("tong-hop-2023.xlsx");
        std::fs::write(dir.path().join("~$ng-hop-2023.xlsx"), b"").unwrap();
        assert_eq!(open_by(&out), Some(dir.path().join("~$ng-hop-2023.xlsx")));
    }

    #[test]
    fn copies_are_numbered_and_never_overwritten() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("a.xlsx");
        let saved = std::time::UNIX_EPOCH + std::time::Duration::from_secs(1_701_739_800);
        let write = |bytes: &[u8]| {
            std::fs::write(&out, bytes).unwrap();
            let f = std::fs::File::options().write(true).open(&out).unwrap();
            f.set_modified(saved).unwrap();
        };
        write(b"one");
        assert_eq!(
            kept_name(&out).unwrap(),
            dir.path().join("a.truoc-2023-12-05T0830.xlsx")
        );
        let first = keep(&out).unwrap();
        assert_eq!(first, dir.path().join("a.truoc-2023-12-05T0830.xlsx"));
        // The same bytes again: the same copy.
        assert_eq!(keep(&out).unwrap(), first);
        // Other bytes saved within the same minute: a second copy.
        write(b"two");
        assert_eq!(
            kept_name(&out).unwrap(),
            dir.path().join("a.truoc-2023-12-05T0830-2.xlsx")
        );
        let second = keep(&out).unwrap();
        assert_eq!(second, dir.path().join("a.truoc-2023-12-05T0830-2.xlsx"));
        assert_eq!(std::fs::read(&first).unwrap(), b"one");
        assert_eq!(std::fs::read(&second).unwrap(), b"two");
    }
}
