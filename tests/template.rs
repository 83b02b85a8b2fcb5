//! The committed blank form never drifts from what the code writes, and the
//! `template` command writes it.

use dvht::rubric::Rubric;
use dvht::template::{self, COMMITTED_YEAR};
use std::path::Path;
use std::process::Command;

const REGENERATE: &str =
    "regenerate it with: cargo run -- template -o templates/mau-tu-danh-gia-2023.xlsx --year 2023";

fn committed() -> Vec<u8> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("templates/mau-tu-danh-gia-2023.xlsx");
    std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}; {REGENERATE}", path.display()))
}

#[test]
fn committed_form_is_byte_identical_to_a_fresh_generation() {
    let fresh = template::blank_bytes(&Rubric::builtin(), COMMITTED_YEAR).unwrap();
    assert!(
        committed() == fresh,
        "templates/mau-tu-danh-gia-2023.xlsx differs from what the code writes; {REGENERATE}"
    );
}

#[test]
fn template_command_writes_the_form_of_the_year() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("mau.xlsx");
    let status = Command::new(env!("CARGO_BIN_EXE_dvht"))
        .args(["template", "--year", "2023", "-o"])
        .arg(&out)
        .status()
        .unwrap();
    assert!(status.success());
    assert!(
        std::fs::read(&out).unwrap() == committed(),
        "CLI output differs from the committed form"
    );
}

#[test]
fn template_command_into_a_missing_folder_exits_2_with_a_message() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("khong-co/mau.xlsx");
    let o = Command::new(env!("CARGO_BIN_EXE_dvht"))
        .args(["template", "--year", "2023", "-o"])
        .arg(&out)
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(2));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains("khong-co"), "{err}");
}
