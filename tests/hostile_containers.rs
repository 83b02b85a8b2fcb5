//! Hostile containers: zip-inside-zip bombs, a mailbox of 10,000 empty
//! messages, a message with a 100 MB attachment on one line. Each is read
//! by the real binary within bounded time and memory, every item gets an
//! entry with a finding, and a good form beside (or after) them is still
//! read: nothing is lost. Large files are made at test time in a temporary
//! folder. Run with `--nocapture` to see the figures.

mod hostile_support;

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

fn deflated_zeros(n: usize) -> Vec<u8> {
    vec![0u8; n]
}

#[test]
fn zip_inside_zip_bombs_are_refused_and_the_form_beside_them_read() {
    let tmp = tempfile::tempdir().unwrap();
    // A ratio bomb (200 MiB of zeros) inside a zip inside a zip, beside a
    // good form.
    let inner = zip_of(&[("bom.xlsx".into(), deflated_zeros(200 << 20))]);
    let outer = zip_of(&[
        ("trong.zip".into(), inner),
        ("tot.xlsx".into(), good_form()),
    ]);
    let p = write(tmp.path(), "bom-long.zip", &outer);
    let v = check(&p, "zip › zip › 200 MiB of zeros");
    let e = entries(&v);
    assert_eq!(e.len(), 2, "{v:#}");
    assert_eq!(e[0]["status"], "unreadable");
    let m = e[0]["findings"][0]["message"].as_str().unwrap();
    assert!(m.contains("zip bomb"), "{m}");
    assert_eq!(e[1]["unit"], "Phòng Thử nghiệm");

    // Nested five levels deep, ten copies at each level (42.zip's shape):
    // one level is opened, the rest listed, never inflated.
    let mut level = zip_of(&[("bom.xlsx".into(), deflated_zeros(1 << 20))]);
    for _ in 0..4 {
        let copies: Vec<(String, Vec<u8>)> = (0..10)
            .map(|i| (format!("lop-{i}.zip"), level.clone()))
            .collect();
        level = zip_of(&copies);
    }
    let p = write(tmp.path(), "42.zip", &level);
    let v = check(&p, "zip nested 5 deep, 10 wide");
    let e = entries(&v);
    assert_eq!(e.len(), 100, "ten opened, each listing ten");
    for x in e {
        assert_eq!(x["status"], "skipped");
        let m = x["findings"][0]["message"].as_str().unwrap();
        assert!(m.contains("quá một cấp"), "{m}");
    }

    // An entry past the size limit (random bytes: no ratio rule to stop it).
    let mut noise = vec![0u8; 33 << 20];
    let mut x: u64 = 0x9E37_79B9_7F4A_7C15;
    for b in noise.iter_mut() {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        *b = x as u8;
    }
    let p = write(
        tmp.path(),
        "lon.zip",
        &zip_of(&[("lon.xlsx".into(), noise), ("tot.xlsx".into(), good_form())]),
    );
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
    let mut mbox = Vec::new();
    for i in 0..10_000 {
        mbox.extend_from_slice(
            format!("From don-vi-{i}@x Mon Dec  4 08:00:00 2023\n\n").as_bytes(),
        );
    }
    let p = write(tmp.path(), "hop-thu.mbox", &mbox);
    let v = check(&p, "mbox of 10,000 empty messages");
    let e = entries(&v);
    assert_eq!(e.len(), 10_000);
    for (i, x) in e.iter().enumerate() {
        assert_eq!(x["status"], "skipped");
        assert_eq!(x["source"]["message"], i + 1);
        assert_eq!(x["findings"][0]["code"], "skipped");
    }
}

/// A message whose attachment is 100 MB of base64 on one line.
fn huge_message(subject: &str) -> Vec<u8> {
    let mut m = format!(
        "From: Phong Noi vu <noivu@x>\r\nSubject: {subject}\r\nDate: Wed, 06 Dec 2023 09:15:00 +0700\r\nMIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary=\"b\"\r\n\r\n--b\r\nContent-Type: application/vnd.openxmlformats-officedocument.spreadsheetml.sheet; name=\"lon.xlsx\"\r\nContent-Transfer-Encoding: base64\r\nContent-Disposition: attachment; filename=\"lon.xlsx\"\r\n\r\n"
    )
    .into_bytes();
    m.extend(std::iter::repeat_n(b'A', 100_000_000));
    m.extend_from_slice(b"\r\n--b--\r\n");
    m
}

fn good_message() -> Vec<u8> {
    use std::fmt::Write as _;
    let form = good_form();
    let mut b64 = String::new();
    // Base64 by hand (RFC 4648), 76 characters a line.
    const A: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut line = 0;
    for chunk in form.chunks(3) {
        let n = chunk.iter().fold(0u32, |a, &b| (a << 8) | u32::from(b)) << (8 * (3 - chunk.len()));
        for k in 0..4 {
            let c = if k <= chunk.len() {
                A[((n >> (18 - 6 * k)) & 63) as usize] as char
            } else {
                '='
            };
            b64.push(c);
        }
        line += 4;
        if line >= 76 {
            b64.push_str("\r\n");
            line = 0;
        }
    }
    let mut m = String::new();
    let _ = write!(
        m,
        "From: Phong Thu nghiem <tn@x>\r\nSubject: Bieu mau\r\nDate: Thu, 07 Dec 2023 09:15:00 +0700\r\nMIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary=\"b\"\r\n\r\n--b\r\nContent-Type: text/plain\r\n\r\nKinh gui\r\n--b\r\nContent-Type: application/octet-stream; name=\"tot.xlsx\"\r\nContent-Transfer-Encoding: base64\r\nContent-Disposition: attachment; filename=\"tot.xlsx\"\r\n\r\n{b64}\r\n--b--\r\n"
    );
    m.into_bytes()
}

#[test]
fn a_message_with_a_100_mb_attachment_line_is_listed_and_the_next_read() {
    let tmp = tempfile::tempdir().unwrap();
    let p = write(tmp.path(), "lon.eml", &huge_message("Gui bieu mau lon"));
    let v = check(&p, ".eml with a 100 MB attachment line");
    let e = entries(&v);
    assert_eq!(e.len(), 1);
    assert_eq!(e[0]["status"], "unreadable");
    assert_eq!(e[0]["source"]["subject"], "Gui bieu mau lon");
    let m = e[0]["findings"][0]["message"].as_str().unwrap();
    assert!(m.contains("vượt giới hạn 32 MiB"), "{m}");

    // The same message in a mailbox, between two good ones.
    let mut mbox = Vec::new();
    for msg in [good_message(), huge_message("Lon"), good_message()] {
        mbox.extend_from_slice(b"From x Mon Dec  4 08:00:00 2023\n");
        mbox.extend_from_slice(&msg);
        mbox.extend_from_slice(b"\n");
    }
    let p = write(tmp.path(), "hop-thu.mbox", &mbox);
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
