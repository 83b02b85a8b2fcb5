//! Inputs are never modified: every input's bytes (SHA-256), modification
//! time and permissions, and the list of files in the input folder, are the
//! same after every command that reads forms (`score`, `check`,
//! `consolidate`), whatever the forms held and however the command ended.

mod hostile_support;

use hostile_support::*;
use sha2::{Digest, Sha256};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime};

#[derive(Debug, PartialEq, Eq)]
struct State {
    /// SHA-256 of the bytes, or why they could not be read.
    hash: Result<Vec<u8>, String>,
    mtime: Option<SystemTime>,
    mode: u32,
    /// Where a symlink points.
    link: Option<PathBuf>,
}

fn snapshot(dir: &Path) -> BTreeMap<PathBuf, State> {
    let mut out = BTreeMap::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).expect("read_dir").flatten() {
            let p = e.path();
            let meta = std::fs::symlink_metadata(&p).expect("lstat");
            let link = meta
                .file_type()
                .is_symlink()
                .then(|| std::fs::read_link(&p).expect("readlink"));
            if meta.is_dir() {
                stack.push(p.clone());
            }
            let hash = if meta.is_file() {
                std::fs::read(&p)
                    .map(|b| Sha256::digest(&b).to_vec())
                    .map_err(|e| e.kind().to_string())
            } else {
                Err("not a file".into())
            };
            #[cfg(unix)]
            let mode = std::os::unix::fs::PermissionsExt::mode(&meta.permissions());
            #[cfg(not(unix))]
            let mode = 0;
            out.insert(
                p,
                State {
                    hash,
                    mtime: meta.modified().ok(),
                    mode,
                    link,
                },
            );
        }
    }
    out
}

/// Some corpus workbooks of every format beside the hostile files.
fn add_corpus_samples(dir: &Path) {
    for f in [
        "any_sheets.xlsx",
        "any_sheets.xls",
        "any_sheets.xlsb",
        "any_sheets.ods",
        "issue221.xlsm",
        "pass_protected.ods",
    ] {
        let b = std::fs::read(corpus_support::calamine_file(f)).expect("corpus file");
        write(dir, &format!("corpus-{f}"), &b);
    }
}

#[test]
fn every_command_leaves_every_input_unchanged() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let dir = tmp.path().join("ho-so");
    std::fs::create_dir(&dir).expect("mkdir");
    let cases = build_hostile(&dir);
    add_corpus_samples(&dir);
    // Old modification times, so a rewrite within the same second shows.
    let old = SystemTime::UNIX_EPOCH + Duration::from_secs(1_600_000_000);
    for c in &cases {
        let p = dir.join(&c.name);
        if let Ok(f) = std::fs::File::options().write(true).open(&p) {
            let _ = f.set_modified(old);
        }
    }
    let out = tmp.path().join("ket-qua");
    std::fs::create_dir(&out).expect("mkdir");
    let before = snapshot(&dir);
    assert!(before.len() > cases.len() / 2, "{} inputs", before.len());

    let limit = Duration::from_secs(120);
    let mut runs: Vec<(String, Vec<std::ffi::OsString>)> = vec![
        ("check".into(), vec!["check".into(), dir.clone().into()]),
        (
            "check --json".into(),
            vec!["check".into(), "--json".into(), dir.clone().into()],
        ),
        (
            "consolidate".into(),
            vec![
                "consolidate".into(),
                dir.clone().into(),
                "-o".into(),
                out.join("tong-hop.xlsx").into(),
                "--year".into(),
                "2023".into(),
            ],
        ),
    ];
    let consolidated = out.join("tong-hop.xlsx");
    let mut names: Vec<PathBuf> = before.keys().cloned().collect();
    names.sort();
    // `score` on each file by itself; the few multi-megabyte ones (which
    // take seconds each) are covered by `check` and `consolidate` above.
    // A folder is no job for `score` (exit 2, tests/hostile.rs).
    for p in names {
        let meta = std::fs::symlink_metadata(&p);
        let size = meta.as_ref().map(|m| m.len()).unwrap_or(0);
        if size > 1 << 20 || meta.is_ok_and(|m| m.is_dir()) {
            continue;
        }
        runs.push((
            format!("score {}", p.display()),
            vec!["score".into(), "--json".into(), p.clone().into()],
        ));
    }
    for (what, args) in &runs {
        let m = run_dvht(args, limit);
        assert!(!m.timed_out, "{what}: timed out");
        assert!(
            m.signal.is_none(),
            "{what}: killed by signal {:?}",
            m.signal
        );
        // Each command did its job (so the inputs were really read): 0, or 1
        // for the forms with errors among them (`check`, `score`);
        // `consolidate` wrote its workbook: 0 whatever the forms held.
        let want: &[i32] = if what.starts_with("consolidate") {
            &[0]
        } else {
            &[0, 1]
        };
        assert!(
            m.code.is_some_and(|c| want.contains(&c)),
            "{what}: exit {:?}: {}",
            m.code,
            m.stderr_text()
        );
        let after = snapshot(&dir);
        for (p, b) in &before {
            let a = after
                .get(p)
                .unwrap_or_else(|| panic!("{what}: {} disappeared", p.display()));
            assert_eq!(a, b, "{what}: {} changed", p.display());
        }
        let new: Vec<&PathBuf> = after.keys().filter(|p| !before.contains_key(*p)).collect();
        assert!(
            new.is_empty(),
            "{what}: new files in the input folder: {new:?}"
        );
    }
    assert!(consolidated.is_file(), "consolidate wrote no workbook");
}

/// The good form given as a single file (not a folder), the output written
/// beside it: still unchanged.
#[test]
fn output_beside_the_input_leaves_the_input_unchanged() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let form = write(tmp.path(), GOOD, &good_form());
    let hash = Sha256::digest(std::fs::read(&form).expect("read")).to_vec();
    let mtime = std::fs::metadata(&form).expect("stat").modified().ok();
    let out = tmp.path().join("tong-hop.xlsx");
    for args in [
        vec!["score".into(), form.clone().into_os_string()],
        vec!["check".into(), form.clone().into_os_string()],
        vec![
            "consolidate".into(),
            form.clone().into_os_string(),
            "-o".into(),
            out.clone().into_os_string(),
        ],
    ] {
        let m = run_dvht(&args, Duration::from_secs(60));
        assert!(m.signal.is_none() && !m.timed_out, "{args:?}");
        assert_eq!(
            Sha256::digest(std::fs::read(&form).expect("read")).to_vec(),
            hash,
            "{args:?} changed the form's bytes"
        );
        assert_eq!(
            std::fs::metadata(&form).expect("stat").modified().ok(),
            mtime,
            "{args:?} changed the form's modification time"
        );
    }
}
