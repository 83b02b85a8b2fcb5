//! Hostile containers: zip-inside-zip bombs, a mailbox of 10,000 empty
//! messages, a message with a 100 MB attachment on one line. Each is read
//! by the real binary within bounded time and memory, every item gets an
//! entry with a finding, and a good form beside (or after) them is still
//! read: nothing is lost. Large files are made at test time in a temporary
//! folder (by tests/hostile_support/containers.rs, which bench/hostile.sh
//! measures too). Run with `--nocapture` to see the figures.

mod hostile_support;

use hostile_support::containers::*;
use hostile_support::*;
use std::path::Path;
use std::time::Duration;

/// Generous bounds; the figures measured are printed.
const WALL: Duration = Duration::from_secs(120);
/// Peak memory of one run on one hostile container (256 MiB).
const RSS_KIB: i64 = 256 * 1024;

fn check(path: &Path, what: &str) -> serde_json::Value {
    let m = run_dvht(
        ["check".as_ref(), "--json".as_ref(), path.as_os_str()],
        WALL,
    );
    eprintln!(
        "{what:<44} {:>9.2?} {:>6} MiB",
        m.wall,
        m.max_rss_kib / 1024
    );
    assert!(!m.timed_out, "{what}: still running after {:?}", m.wall);
    assert!(
        matches!(m.code, Some(0 | 1)),
        "{what}: exit {:?} signal {:?}: {}",
        m.code,
        m.signal,
        m.stderr_text()
    );
    assert!(
        m.max_rss_kib < RSS_KIB,
        "{what}: peak memory {} KiB",
        m.max_rss_kib
    );
    m.json()
}

fn entries(v: &serde_json::Value) -> &Vec<serde_json::Value> {
    v["files"].as_array().expect("files")
}

#[test]
fn zip_inside_zip_bombs_are_refused_and_the_form_beside_them_read() {
    let tmp = tempfile::tempdir().unwrap();
    // A ratio bomb (200 MiB of zeros) inside a zip inside a zip, beside a
    // good form.
    let p = write(tmp.path(), "bom-long.zip", &zip_in_zip_bomb());
    let v = check(&p, "zip › zip › 200 MiB of zeros");
    let e = entries(&v);
    assert_eq!(e.len(), 2, "{v:#}");
    assert_eq!(e[0]["status"], "unreadable");
    let m = e[0]["findings"][0]["message"].as_str().unwrap();
    assert!(m.contains("zip bomb"), "{m}");
    assert_eq!(e[1]["unit"], "Phòng Thử nghiệm");

    // Nested five levels deep, ten copies at each level (42.zip's shape):
    // one level is opened, the rest listed, never inflated.
    let p = write(tmp.path(), "42.zip", &zip_42());
    let v = check(&p, "zip nested 5 deep, 10 wide");
    let e = entries(&v);
    assert_eq!(e.len(), 100, "ten opened, each listing ten");
    for x in e {
        assert_eq!(x["status"], "skipped");
        let m = x["findings"][0]["message"].as_str().unwrap();
        assert!(m.contains("quá một cấp"), "{m}");
    }

    // An entry past the size limit (random bytes: no ratio rule to stop it).
    let p = write(tmp.path(), "lon.zip", &zip_with_a_large_entry());
    let v = check(&p, "zip with a 33 MiB entry");
    let e = entries(&v);
    assert_eq!(e[0]["status"], "unreadable");
    assert!(
        e[0]["findings"][0]["message"]
            .as_str()
            .unwrap()
            .contains("32 MiB")
    );
    assert_eq!(e[1]["unit"], "Phòng Thử nghiệm");
}

#[test]
fn a_mailbox_of_ten_thousand_empty_messages_lists_each() {
    let tmp = tempfile::tempdir().unwrap();
    let p = write(tmp.path(), "hop-thu.mbox", &mbox_of_empty_messages());
    let v = check(&p, "mbox of 10,000 empty messages");
    let e = entries(&v);
    assert_eq!(e.len(), 10_000);
    for (i, x) in e.iter().enumerate() {
        assert_eq!(x["status"], "skipped");
        assert_eq!(x["source"]["message"], i + 1);
        assert_eq!(x["findings"][0]["code"], "skipped");
    }
}

#[test]
fn a_message_with_a_100_mb_attachment_line_is_listed_and_the_next_read() {
    let tmp = tempfile::tempdir().unwrap();
    let p = write(tmp.path(), "lon.eml", &eml_with_a_huge_line());
    let v = check(&p, ".eml with a 100 MB attachment line");
    let e = entries(&v);
    assert_eq!(e.len(), 1);
    assert_eq!(e[0]["status"], "unreadable");
    assert_eq!(e[0]["source"]["subject"], "Gui bieu mau lon");
    let m = e[0]["findings"][0]["message"].as_str().unwrap();
    assert!(m.contains("vượt giới hạn 32 MiB"), "{m}");

    // The same message in a mailbox, between two good ones.
    let p = write(tmp.path(), "hop-thu.mbox", &mbox_with_a_huge_line());
    let v = check(&p, ".mbox with a 100 MB attachment line");
    let e = entries(&v);
    assert_eq!(e.len(), 3, "{v:#}");
    assert_eq!(e[0]["unit"], "Phòng Thử nghiệm");
    assert_eq!(e[1]["status"], "unreadable");
    assert_eq!(e[1]["source"]["subject"], "Lon");
    // The two copies of the good form: the same time, one counted.
    assert_eq!(e[2]["unit"], "Phòng Thử nghiệm");
    assert_eq!(e[0]["status"], "superseded");
}
