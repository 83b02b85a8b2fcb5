//! Regression: `dvht score --json FILE | head -1` panicked with "failed
//! printing to stdout: Broken pipe" (exit 101 and a backtrace). A reader
//! that goes away is not an error of the command.

use std::process::{Command, Stdio};

#[test]
fn a_closed_stdout_is_not_a_crash() {
    let sample = concat!(env!("CARGO_MANIFEST_DIR"), "/samples/03-phong-tu-phap.xlsx");
    let cases: [&[&str]; 4] = [
        &["score", "--json", sample],
        &["score", sample],
        &["rubric"],
        &["check", "--json", sample],
    ];
    for args in cases {
        let mut child = Command::new(env!("CARGO_BIN_EXE_dvht"))
            .args(args)
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        // Close the reading end before the command writes anything.
        drop(child.stdout.take());
        let out = child.wait_with_output().unwrap();
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(!err.contains("panicked"), "{args:?}: {err}");
        assert!(
            matches!(out.status.code(), Some(0 | 1)),
            "{args:?}: {:?} {err}",
            out.status
        );
    }
}
