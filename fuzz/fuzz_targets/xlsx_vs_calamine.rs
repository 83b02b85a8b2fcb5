//! The one-pass .xlsx reader (src/read/ooxml.rs) against calamine on
//! mutated sheet XML (and shared strings, styles): whenever the one-pass
//! reader answers, both give the same cells. The same function is replayed
//! over the committed corpus by `tests/fuzz_corpus_replay.rs` (via
//! `fuzz/harness.rs`). Run with the dictionary `xlsx.dict` (fuzz/README.md).
#![no_main]

use libfuzzer_sys::fuzz_target;

#[path = "../harness.rs"]
mod harness;

fuzz_target!(|data: &[u8]| {
    let _ = harness::xlsx_vs_calamine(data);
});
