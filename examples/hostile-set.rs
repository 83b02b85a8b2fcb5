//! Writes the hostile set of `tests/hostile.rs` into a folder, for the
//! memory benchmark (`bench/hostile.sh`) and for trying dvht on it by hand.
//!
//! ```text
//! cargo run --release --example hostile-set -- OUTDIR
//! ```
//!
//! The files are those `tests/hostile_support::build_hostile` writes (empty,
//! truncated, damaged and bomb-like workbooks, the fuzzers' finds, links,
//! a locked file…), so a case added there is measured too. OUTDIR is
//! emptied first. On stdout, one line per case: its file name, a tab, what
//! it is.

#[path = "../tests/hostile_support/mod.rs"]
mod hostile_support;

use std::path::PathBuf;

fn main() {
    let Some(dir) = std::env::args_os().nth(1).map(PathBuf::from) else {
        eprintln!("usage: hostile-set OUTDIR");
        std::process::exit(2);
    };
    if dir.exists() {
        // Files of an earlier run may be unreadable (mode 000): make them
        // removable first.
        let _ = std::process::Command::new("chmod")
            .args(["-R", "u+rwX"])
            .arg(&dir)
            .status();
        std::fs::remove_dir_all(&dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display()));
    }
    std::fs::create_dir_all(&dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display()));
    for c in hostile_support::build_hostile(&dir) {
        println!("{}\t{}", c.name, c.what);
    }
}
