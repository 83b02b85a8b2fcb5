//! Arbitrary bytes written to a file with each spreadsheet extension and
//! sent through `pipeline::evaluate_file` (read, extract, score, check),
//! in-process. Run under OSS-Fuzz-like limits:
//! `-rss_limit_mb=2048 -timeout=25`.
#![no_main]

use libfuzzer_sys::fuzz_target;

#[path = "../harness.rs"]
mod harness;
use std::sync::OnceLock;

static DIR: OnceLock<std::path::PathBuf> = OnceLock::new();

fuzz_target!(|data: &[u8]| {
    let dir = DIR.get_or_init(|| {
        let d = std::env::temp_dir().join(format!("dvht-fuzz-{}", std::process::id()));
        let _ = std::fs::create_dir_all(&d);
        d
    });
    harness::read_and_score(dir, data);
});
