//! A kill -9 while `consolidate` runs never leaves a half-written workbook:
//! the output path holds either the previous good workbook or the complete
//! new one (or nothing, before the first good run), and no input changes.

mod consolidate_support;

use consolidate_support::{Unit, write_form};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Instant, SystemTime};

const UNITS: usize = 40;

fn snapshot(dir: &Path) -> Vec<(PathBuf, Vec<u8>, SystemTime)> {
    let mut v: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .map(|p| {
            let m = std::fs::metadata(&p).unwrap();
            (p.clone(), std::fs::read(&p).unwrap(), m.modified().unwrap())
        })
        .collect();
    v.sort();
    v
}

fn command(input: &Path, out: &Path, district: &str) -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_dvht"));
    c.arg("consolidate")
        .arg(input)
        .arg("-o")
        .arg(out)
        .args(["--year", "2023", "--district", district])
        .env("SOURCE_DATE_EPOCH", "1700000000")
        .stdout(Stdio::null())
        .stderr(Stdio::null());
    c
}

#[test]
fn sigkill_at_any_moment_leaves_the_old_or_the_new_workbook_whole() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("ho-so");
    std::fs::create_dir(&input).unwrap();
    for i in 0..UNITS {
        let name: &'static str = Box::leak(format!("Đơn vị số {i:03}").into_boxed_str());
        let u = Unit {
            counts: [50 - (i % 10) as i64, 50, 50 - (i % 7) as i64, 50],
            ..Unit::new(name)
        };
        write_form(&input, &format!("dv-{i:03}.xlsx"), &u, 2023);
    }
    let before = snapshot(&input);

    // The complete workbooks of both runs, written elsewhere.
    let old_ref = dir.path().join("ref-old.xlsx");
    let new_ref = dir.path().join("ref-new.xlsx");
    let t0 = Instant::now();
    assert!(command(&input, &old_ref, "Cũ").status().unwrap().success());
    let full = t0.elapsed();
    assert!(command(&input, &new_ref, "Mới").status().unwrap().success());
    let old = std::fs::read(&old_ref).unwrap();
    let new = std::fs::read(&new_ref).unwrap();
    assert_ne!(old, new);

    let out_dir = dir.path().join("ket-qua");
    std::fs::create_dir(&out_dir).unwrap();
    let out = out_dir.join("tong-hop.xlsx");
    let mut outcomes = Vec::new();
    // Kills before any workbook exists: nothing, or the complete new one.
    for frac in [0.05, 0.5, 0.95] {
        let _ = std::fs::remove_file(&out);
        let mut child = command(&input, &out, "Mới").spawn().unwrap();
        std::thread::sleep(full.mul_f64(frac));
        let _ = child.kill();
        let _ = child.wait();
        match std::fs::read(&out) {
            Err(_) => outcomes.push("absent"),
            Ok(b) if b == new => outcomes.push("new"),
            Ok(b) => panic!(
                "half-written workbook after a kill at {frac}: {} bytes",
                b.len()
            ),
        }
    }
    // Kills over a previous good workbook: the old one, or the new one.
    for k in [1, 3, 5, 6, 7, 8, 9, 11] {
        std::fs::write(&out, &old).unwrap();
        let mut child = command(&input, &out, "Mới").spawn().unwrap();
        std::thread::sleep(full.mul_f64(k as f64 / 10.0));
        let _ = child.kill();
        let _ = child.wait();
        let b = std::fs::read(&out).expect("the previous workbook vanished");
        if b == old {
            outcomes.push("old");
        } else if b == new {
            outcomes.push("new");
        } else {
            panic!("half-written workbook after a kill at {k}/10 of a run");
        }
    }
    eprintln!("run {full:?}; outcomes {outcomes:?}");
    assert!(before == snapshot(&input), "an input changed");
    // Interrupted runs leave only their marked temporary files beside it.
    for e in std::fs::read_dir(&out_dir).unwrap() {
        let e = e.unwrap();
        let name = e.file_name().to_string_lossy().to_string();
        // A run killed after it kept the previous workbook beside (the
        // backup every re-run makes) leaves that copy, equal to the old one.
        if name.starts_with("tong-hop.truoc-") && name.ends_with(".xlsx") {
            assert!(
                std::fs::read(e.path()).unwrap() == old,
                "{name} is not the previous workbook byte for byte"
            );
            continue;
        }
        assert!(
            name == "tong-hop.xlsx" || (name.starts_with(".dvht-") && name.ends_with(".xlsx.tmp")),
            "{name}"
        );
    }
}
