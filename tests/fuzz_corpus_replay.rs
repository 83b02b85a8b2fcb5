//! Replays every committed fuzz corpus file (`fuzz/corpus/<target>/`)
//! through the same functions the fuzz targets call (`fuzz/harness.rs`),
//! without the fuzzer, so CI keeps every input the fuzzers found
//! interesting (and every crash they found, once fixed) passing.

#[path = "../fuzz/harness.rs"]
mod harness;

use std::path::{Path, PathBuf};

fn corpus(target: &str) -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("fuzz/corpus")
        .join(target);
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.is_file())
        .collect();
    files.sort();
    files
}

#[test]
fn value_parse_corpus_replays() {
    let files = corpus("value_parse");
    assert!(!files.is_empty(), "no value_parse corpus");
    for f in &files {
        let data = std::fs::read(f).expect("read corpus file");
        harness::value_parse(&data);
    }
}

#[test]
fn read_and_score_corpus_replays() {
    let files = corpus("read_and_score");
    assert!(!files.is_empty(), "no read_and_score corpus");
    let tmp = tempfile::tempdir().expect("tempdir");
    for f in &files {
        let data = std::fs::read(f).expect("read corpus file");
        harness::read_and_score(tmp.path(), &data);
    }
}

#[test]
fn xlsx_vs_calamine_corpus_replays() {
    let files = corpus("xlsx_vs_calamine");
    let mut compared = Vec::new();
    for f in &files {
        let data = std::fs::read(f).expect("read corpus file");
        if harness::xlsx_vs_calamine(&data) {
            compared.push(
                f.file_name()
                    .unwrap_or_default()
                    .to_string_lossy()
                    .into_owned(),
            );
        }
    }
    eprintln!("{} of {} compared", compared.len(), files.len());
    // The seeds of the common shape (fuzz/seeds/xlsx_vs_calamine) are read
    // by both readers: a corpus the one-pass reader leaves alone tests
    // nothing.
    for seed in ["rules", "styles", "merges", "template-sheet1"] {
        assert!(
            compared.iter().any(|c| c == seed),
            "{seed} not compared: {compared:?}"
        );
    }
}
