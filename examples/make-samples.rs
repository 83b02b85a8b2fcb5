//! Writes the 26 sample forms of the district into `samples/`, the same
//! bytes on every run: `cargo run --example make-samples`.
//!
//! `--check` compares instead of writing (exit 1 when a file differs).

use dvht::rubric::Rubric;
use dvht::{samplegen, template};
use std::path::Path;
use std::process::ExitCode;

fn main() -> ExitCode {
    let check = std::env::args().any(|a| a == "--check");
    let rubric = Rubric::builtin();
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("samples");
    if let Err(e) = std::fs::create_dir_all(&dir) {
        eprintln!("{}: {e}", dir.display());
        return ExitCode::from(2);
    }
    let mut differ = 0;
    for (name, form) in samplegen::district(&rubric) {
        let path = dir.join(format!("{name}.xlsx"));
        let bytes = match template::form_bytes(&rubric, &form) {
            Ok(b) => b,
            Err(e) => {
                eprintln!("{name}: {e}");
                return ExitCode::from(2);
            }
        };
        if check {
            if std::fs::read(&path).ok().as_deref() != Some(bytes.as_slice()) {
                eprintln!("khác / differs: {}", path.display());
                differ += 1;
            }
        } else if let Err(e) = template::write_atomic(&path, &bytes) {
            eprintln!("{e}");
            return ExitCode::from(2);
        } else {
            println!("{}", path.display());
        }
    }
    ExitCode::from(u8::from(differ > 0))
}
