//! Prefilled forms for chasing (`dvht template --roster don-vi.txt -o
//! mau/`): one standard form per unit of a roster, the unit's name already
//! in "Đơn vị:", in a file named after the unit.
//!
//! File names keep the unit's Vietnamese spelling (Windows, macOS and Linux
//! all store Unicode names) without the characters Windows refuses
//! (`<>:"/\|?*`, control characters), without trailing dots or spaces,
//! never a reserved device name (CON, NUL, COM1, …), and unique without
//! regard to case. A file already in the folder is never replaced: it may
//! be the form the unit filled in.
//!
//! ```
//! use dvht::template::for_units::file_name;
//! assert_eq!(file_name("Phòng GD&ĐT"), "Phòng GD&ĐT.xlsx");
//! assert_eq!(file_name("Trường TH Mỹ An 1/2: điểm lẻ?"), "Trường TH Mỹ An 1-2 - điểm lẻ.xlsx");
//! assert_eq!(file_name("CON"), "CON_.xlsx");
//! ```

use super::{FilledForm, TemplateError, form_bytes};
use crate::rubric::Rubric;
use std::collections::HashSet;
use std::io::Write as _;
use std::path::{Path, PathBuf};
use unicode_normalization::UnicodeNormalization;

/// Longest file name stem (characters): room for a folder in Windows'
/// 260-character paths.
const MAX_STEM: usize = 100;

/// What became of one unit's form.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    Written,
    /// A file of that name was already there and was left as it was.
    Kept,
}

/// One unit's form: its name, its file, what became of it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ForUnit {
    pub unit: String,
    pub path: PathBuf,
    pub outcome: Outcome,
}

/// The file name for a unit's form (see the module doc).
pub fn file_name(unit: &str) -> String {
    let nfc: String = unit.nfc().collect();
    let mut stem = String::with_capacity(nfc.len());
    for c in nfc.chars() {
        match c {
            '/' | '\\' | '|' => stem.push('-'),
            ':' => stem.push_str(" -"),
            '<' | '>' | '"' | '?' | '*' => {}
            c if c.is_control() => stem.push(' '),
            c => stem.push(c),
        }
    }
    let mut stem: String = stem
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .chars()
        .take(MAX_STEM)
        .collect();
    while stem.ends_with(['.', ' ']) {
        stem.pop();
    }
    let stem = stem.trim_start_matches(['.', ' ']).to_string();
    let stem = if stem.is_empty() {
        "Đơn vị".to_string()
    } else if is_reserved(&stem) {
        format!("{stem}_")
    } else {
        stem
    };
    format!("{stem}.xlsx")
}

/// Windows' device names, which no file may be called (with any extension).
fn is_reserved(stem: &str) -> bool {
    let base = stem
        .split('.')
        .next()
        .unwrap_or(stem)
        .trim()
        .to_ascii_uppercase();
    matches!(base.as_str(), "CON" | "PRN" | "AUX" | "NUL")
        || ((base.starts_with("COM") || base.starts_with("LPT"))
            && base.len() == 4
            && base.as_bytes()[3].is_ascii_digit())
}

/// Writes one prefilled form per unit into `dir` (created if missing), in
/// the roster's order. A file already there is kept, never replaced.
pub fn write_forms(
    rubric: &Rubric,
    year: i32,
    units: &[&str],
    dir: &Path,
) -> Result<Vec<ForUnit>, TemplateError> {
    let io = |path: &Path| {
        let path = path.to_path_buf();
        move |source| TemplateError::Io { path, source }
    };
    std::fs::create_dir_all(dir).map_err(io(dir))?;
    let mut taken: HashSet<String> = HashSet::new();
    let mut out = Vec::with_capacity(units.len());
    for unit in units {
        let name = unique(file_name(unit), &mut taken);
        let path = dir.join(&name);
        let mut form = FilledForm::blank(year);
        form.unit = unit.to_string();
        let bytes = form_bytes(rubric, &form)?;
        let mut tmp = tempfile::Builder::new()
            .prefix(".dvht-")
            .suffix(".tmp")
            .tempfile_in(dir)
            .map_err(io(&path))?;
        tmp.write_all(&bytes).map_err(io(&path))?;
        tmp.as_file().sync_all().map_err(io(&path))?;
        // Never over a file already there: it may be the unit's filled form.
        let outcome = match tmp.persist_noclobber(&path) {
            Ok(_) => {
                #[cfg(unix)]
                {
                    use std::os::unix::fs::PermissionsExt as _;
                    let _ = std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o644));
                }
                Outcome::Written
            }
            Err(e) if path.exists() => {
                drop(e);
                Outcome::Kept
            }
            Err(e) => return Err(io(&path)(e.error)),
        };
        out.push(ForUnit {
            unit: unit.to_string(),
            path,
            outcome,
        });
    }
    Ok(out)
}

/// `name`, or "name (2).xlsx", … — unique without regard to case.
fn unique(name: String, taken: &mut HashSet<String>) -> String {
    let key = |s: &str| s.to_lowercase();
    if taken.insert(key(&name)) {
        return name;
    }
    let stem = name.trim_end_matches(".xlsx");
    (2..)
        .map(|n| format!("{stem} ({n}).xlsx"))
        .find(|c| taken.insert(key(c)))
        .unwrap_or(name)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_valid_on_windows() {
        assert_eq!(file_name("  Phòng  Tư pháp. "), "Phòng Tư pháp.xlsx");
        assert_eq!(file_name("a<b>c\"d|e*f"), "abcd-ef.xlsx");
        assert_eq!(file_name("lpt1"), "lpt1_.xlsx");
        assert_eq!(file_name("COM10"), "COM10.xlsx");
        assert_eq!(file_name("..."), "Đơn vị.xlsx");
        assert_eq!(file_name("Tie\u{0302}\u{0323}u học"), "Tiệu học.xlsx");
        assert!(file_name(&"x".repeat(300)).chars().count() <= MAX_STEM + 5);
        let mut taken = HashSet::new();
        assert_eq!(unique("A.xlsx".into(), &mut taken), "A.xlsx");
        assert_eq!(unique("a.xlsx".into(), &mut taken), "a (2).xlsx");
    }
}
