//! Folders of files the tests read, all inside the repository: a test never
//! reaches beside it (no `../shared`). A folder that is missing, or holds
//! fewer files than it should, fails the test that asked for it, loudly: a
//! corpus that silently shrinks tests nothing.
#![allow(dead_code)]

use std::path::{Path, PathBuf};

/// How many files `tests/corpus/calamine` holds (see tests/corpus/README.md).
pub const CALAMINE_FILES: usize = 133;

/// `rel` (a path from the repository's root), which must be a folder.
pub fn repo_dir(rel: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join(rel);
    assert!(
        dir.is_dir(),
        "fixture folder {} is missing: it is part of the repository (git checkout it)",
        dir.display()
    );
    dir
}

/// The files directly in `dir`, sorted by name; at least `min` of them.
pub fn files_in(dir: &Path, min: usize) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("fixture folder {}: {e}", dir.display()))
        .map(|e| {
            e.unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
                .path()
        })
        .filter(|p| p.is_file())
        .collect();
    files.sort();
    assert!(
        files.len() >= min,
        "fixture folder {} holds {} files, expected at least {min}",
        dir.display(),
        files.len()
    );
    files
}

/// The spreadsheet files of calamine's own test suite (odd, old, broken and
/// hostile workbooks in every format), checked to be all there.
pub fn calamine_corpus() -> PathBuf {
    let dir = repo_dir("tests/corpus/calamine");
    files_in(&dir, CALAMINE_FILES);
    dir
}

/// The names of the files of the calamine corpus, sorted.
pub fn calamine_names() -> Vec<String> {
    files_in(&calamine_corpus(), CALAMINE_FILES)
        .iter()
        .map(|p| {
            p.file_name()
                .unwrap_or_default()
                .to_string_lossy()
                .into_owned()
        })
        .collect()
}

/// One file of the calamine corpus, which must exist.
pub fn calamine_file(name: &str) -> PathBuf {
    let p = calamine_corpus().join(name);
    assert!(p.is_file(), "{} is missing from the corpus", p.display());
    p
}
