//! The committed blank form never drifts from what the code writes (compared
//! part by part: tests/xlsx_parts), the `template` command writes it, and
//! writes the very same bytes run after run.

mod xlsx_parts;

use dvht::rubric::Rubric;
use dvht::template::{self, COMMITTED_YEAR};
use std::path::Path;
use std::process::Command;

const REGENERATE: &str =
    "regenerate it with: cargo run -- template -o templates/mau-tu-danh-gia-2023.xlsx --year 2023";

const COMMITTED: &str = "templates/mau-tu-danh-gia-2023.xlsx";

fn committed() -> Vec<u8> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join(COMMITTED);
    std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}; {REGENERATE}", path.display()))
}

#[test]
fn committed_form_has_the_parts_of_a_fresh_generation() {
    let fresh = template::blank_bytes(&Rubric::builtin(), COMMITTED_YEAR).unwrap();
    xlsx_parts::assert_same_parts(COMMITTED, &committed(), &fresh, REGENERATE);
}

/// `dvht template` run as a user runs it: a new file of the year.
fn template_command(out: &Path) {
    let status = Command::new(env!("CARGO_BIN_EXE_dvht"))
        .args(["template", "--year", "2023", "-o"])
        .arg(out)
        .status()
        .unwrap();
    assert!(status.success());
}

#[test]
fn template_command_writes_the_form_of_the_year() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("mau.xlsx");
    template_command(&out);
    xlsx_parts::assert_same_parts(
        "the output of dvht template",
        &committed(),
        &std::fs::read(&out).unwrap(),
        "the CLI writes another form than the committed one",
    );
}

/// The one test of bytes (the others compare parts): two processes, started
/// over a second apart (so a timestamp or a hash seed taken from the clock
/// or the process would show), write byte-identical files. The samples and
/// the district workbook are written by the same writer and settings.
#[test]
fn the_same_inputs_give_the_same_bytes_run_to_run() {
    let dir = tempfile::tempdir().unwrap();
    let (a, b) = (dir.path().join("a.xlsx"), dir.path().join("b.xlsx"));
    template_command(&a);
    std::thread::sleep(std::time::Duration::from_millis(1100));
    template_command(&b);
    let (a, b) = (std::fs::read(&a).unwrap(), std::fs::read(&b).unwrap());
    assert!(a == b, "two runs of dvht template wrote different bytes");
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
