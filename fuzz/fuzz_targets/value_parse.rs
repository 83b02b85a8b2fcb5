//! Arbitrary bytes through the cell-value parsers: `value::parse` for every
//! `Kind`, `value::parse_yes_no`, and `text::fold` / `fold_ascii`.
//! The same function is replayed over the committed corpus by
//! `tests/fuzz_corpus_replay.rs` (via `fuzz/harness.rs`).
#![no_main]

use libfuzzer_sys::fuzz_target;

#[path = "../harness.rs"]
mod harness;

fuzz_target!(|data: &[u8]| {
    harness::value_parse(data);
});
