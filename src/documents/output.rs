//! Writing papers into a folder without losing anything already there.
//!
//! - The folder is made if missing.
//! - A paper open in Word or LibreOffice (an owner file `~$name.docx` or
//!   `~$me.docx`, or a lock file `.~lock.name.docx#` beside it) stops the
//!   whole write before anything is written: close it and run again.
//! - A file already there with the same bytes is left as it is; one with
//!   other bytes (an earlier run's, or edited by hand) is kept beside as
//!   `name.truoc.docx` (then `name.truoc-2.docx`, …) before the new one
//!   takes its name.
//! - Each file is written to a temporary file and renamed into place.

use super::DocError;
use std::path::{Path, PathBuf};

/// What became of one file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Written {
    pub path: PathBuf,
    /// The earlier file with other bytes, kept under this name.
    pub kept: Option<PathBuf>,
    /// The file was already there with these very bytes.
    pub unchanged: bool,
}

/// Writes `files` (name, bytes) into `dir`.
pub fn write_all(dir: &Path, files: &[(String, Vec<u8>)]) -> Result<Vec<Written>, DocError> {
    let io = |p: &Path| {
        let path = p.display().to_string();
        move |source| DocError::Io { path, source }
    };
    std::fs::create_dir_all(dir).map_err(io(dir))?;
    refuse_open(dir, files.iter().map(|(n, _)| n.as_str()))?;
    let mut out = Vec::new();
    for (name, bytes) in files {
        let path = dir.join(name);
        let mut kept = None;
        match std::fs::read(&path) {
            Ok(old) if old == *bytes => {
                out.push(Written {
                    path,
                    kept: None,
                    unchanged: true,
                });
                continue;
            }
            Ok(_) => {
                let to = backup_name(dir, name);
                std::fs::rename(&path, &to).map_err(io(&path))?;
                kept = Some(to);
            }
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
            Err(e) => return Err(io(&path)(e)),
        }
        crate::template::write_atomic(&path, bytes).map_err(|e| DocError::Io {
            path: path.display().to_string(),
            source: std::io::Error::other(e.to_string()),
        })?;
        out.push(Written {
            path,
            kept,
            unchanged: false,
        });
    }
    Ok(out)
}

/// An error naming the first of `names` open in another program (its owner
/// or lock file beside it in `dir`): nothing should be written then.
/// A `dir` that exists but is no folder is refused here too, so a command
/// can check everything before it writes anything.
pub fn refuse_open<'a>(
    dir: &Path,
    names: impl IntoIterator<Item = &'a str>,
) -> Result<(), DocError> {
    if std::fs::metadata(dir).is_ok_and(|m| !m.is_dir()) {
        return Err(DocError::Io {
            path: dir.display().to_string(),
            source: std::io::Error::new(
                std::io::ErrorKind::NotADirectory,
                "đây là một tệp, không phải thư mục / a file, not a folder",
            ),
        });
    }
    for name in names {
        if let Some(lock) = lock_file(dir, name) {
            return Err(DocError::Open {
                path: dir.join(name).display().to_string(),
                lock: lock.display().to_string(),
            });
        }
    }
    Ok(())
}

/// The owner or lock file of a program that has `dir/name` open.
fn lock_file(dir: &Path, name: &str) -> Option<PathBuf> {
    let mut candidates = vec![format!("~${name}"), format!(".~lock.{name}#")];
    // Word replaces the first two characters of a longer name.
    if name.chars().count() > 2 {
        candidates.push(format!("~${}", name.chars().skip(2).collect::<String>()));
    }
    candidates
        .into_iter()
        .map(|c| dir.join(c))
        .find(|p| std::fs::symlink_metadata(p).is_ok())
}

/// `name.truoc.docx`, or `name.truoc-N.docx`, whichever is free.
fn backup_name(dir: &Path, name: &str) -> PathBuf {
    let (stem, ext) = match name.rsplit_once('.') {
        Some((s, e)) => (s, format!(".{e}")),
        None => (name, String::new()),
    };
    let mut n = 1;
    loop {
        let candidate = if n == 1 {
            format!("{stem}.truoc{ext}")
        } else {
            format!("{stem}.truoc-{n}{ext}")
        };
        let p = dir.join(candidate);
        if std::fs::symlink_metadata(&p).is_err() {
            return p;
        }
        n += 1;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nothing_is_lost() {
        let dir = tempfile::tempdir().unwrap();
        let d = dir.path().join("van-ban");
        let one = vec![("a.docx".to_string(), b"one".to_vec())];
        let w = write_all(&d, &one).unwrap();
        assert_eq!(std::fs::read(d.join("a.docx")).unwrap(), b"one");
        assert!(!w[0].unchanged && w[0].kept.is_none());
        // Same bytes: left alone.
        let w = write_all(&d, &one).unwrap();
        assert!(w[0].unchanged);
        // Other bytes: the old one kept beside, twice over.
        let two = vec![("a.docx".to_string(), b"two".to_vec())];
        let w = write_all(&d, &two).unwrap();
        assert_eq!(w[0].kept.as_deref(), Some(d.join("a.truoc.docx").as_path()));
        let three = vec![("a.docx".to_string(), b"three".to_vec())];
        write_all(&d, &three).unwrap();
        assert_eq!(std::fs::read(d.join("a.truoc.docx")).unwrap(), b"one");
        assert_eq!(std::fs::read(d.join("a.truoc-2.docx")).unwrap(), b"two");
        assert_eq!(std::fs::read(d.join("a.docx")).unwrap(), b"three");
    }

    #[test]
    fn a_file_in_place_of_the_folder_is_refused_before_writing() {
        let dir = tempfile::tempdir().unwrap();
        let d = dir.path().join("van-ban");
        std::fs::write(&d, b"not a folder").unwrap();
        let e = refuse_open(&d, ["a.docx"]).unwrap_err();
        assert!(e.to_string().contains("không phải thư mục"), "{e}");
        assert_eq!(std::fs::read(&d).unwrap(), b"not a folder");
    }

    #[test]
    fn an_open_paper_stops_the_write() {
        let dir = tempfile::tempdir().unwrap();
        let d = dir.path();
        std::fs::write(d.join("b.docx"), b"old").unwrap();
        for lock in ["~$b.docx", ".~lock.b.docx#"] {
            std::fs::write(d.join(lock), b"").unwrap();
            let files = vec![
                ("a.docx".to_string(), b"new".to_vec()),
                ("b.docx".to_string(), b"new".to_vec()),
            ];
            let e = write_all(d, &files).unwrap_err();
            assert!(matches!(e, DocError::Open { .. }), "{e}");
            assert!(e.to_string().contains("đóng tệp"), "{e}");
            // Nothing written, not even the paper that was not open.
            assert!(!d.join("a.docx").exists());
            assert_eq!(std::fs::read(d.join("b.docx")).unwrap(), b"old");
            std::fs::remove_file(d.join(lock)).unwrap();
        }
        // Word's owner file of a long name drops its first two characters.
        std::fs::write(d.join("~$ng-van-x.docx"), b"").unwrap();
        let e = write_all(d, &[("cong-van-x.docx".to_string(), b"x".to_vec())]).unwrap_err();
        assert!(matches!(e, DocError::Open { .. }));
    }
}
