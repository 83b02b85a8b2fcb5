//! The one-pass .xlsx reader (src/read/ooxml.rs) against calamine on
//! mutated sheet XML (and shared strings, styles): whenever the one-pass
//! reader answers, both give the same cells. The same function is replayed
//! over the committed corpus by `tests/fuzz_corpus_replay.rs` (via
//! `fuzz/harness.rs`). Run with the dictionary `xlsx.dict` (fuzz/README.md).
#![no_main]

use libfuzzer_sys::fuzz_target;
use std::sync::Once;

#[path = "../harness.rs"]
mod harness;

static HOOK: Once = Once::new();

fuzz_target!(|data: &[u8]| {
    // libfuzzer-sys aborts on every panic, even one caught: a panic inside
    // calamine, which the reader catches (it becomes `unreadable`, and the
    // property fails only if the one-pass reader answered that file), is
    // let through; any other still aborts.
    HOOK.call_once(|| {
        let abort = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            let in_calamine = info
                .location()
                .is_some_and(|l| l.file().contains("/calamine-"));
            if !in_calamine {
                abort(info);
            }
        }));
    });
    let _ = harness::xlsx_vs_calamine(data);
});
