//! The hostile containers of tests/hostile_containers.rs, as bytes: zip
//! bombs, a mailbox of 10,000 empty messages, a message with a 100 MB
//! attachment on one line. Built here so that the memory benchmark
//! (examples/hostile-set.rs, bench/hostile.sh) measures the very files the
//! tests check, and measures a container added to [`CONTAINERS`] too.

use super::{good_form, zip_of};

/// A hostile container: its file name, what it is, and how to make it.
pub type Container = (&'static str, &'static str, fn() -> Vec<u8>);

/// Every hostile container.
pub const CONTAINERS: &[Container] = &[
    (
        "bom-long.zip",
        "zip › zip › 200 MiB of zeros",
        zip_in_zip_bomb,
    ),
    ("42.zip", "zip nested 5 deep, 10 wide", zip_42),
    ("lon.zip", "zip with a 33 MiB entry", zip_with_a_large_entry),
    (
        "hop-thu-rong.mbox",
        "mbox of 10,000 empty messages",
        mbox_of_empty_messages,
    ),
    (
        "lon.eml",
        ".eml with a 100 MB attachment line",
        eml_with_a_huge_line,
    ),
    (
        "hop-thu-lon.mbox",
        ".mbox with a 100 MB attachment line",
        mbox_with_a_huge_line,
    ),
];

/// A ratio bomb (200 MiB of zeros) inside a zip inside a zip, beside a
/// good form.
pub fn zip_in_zip_bomb() -> Vec<u8> {
    let inner = zip_of(&[("bom.xlsx".into(), vec![0u8; 200 << 20])]);
    zip_of(&[
        ("trong.zip".into(), inner),
        ("tot.xlsx".into(), good_form()),
    ])
}

/// Nested five levels deep, ten copies at each level (42.zip's shape).
pub fn zip_42() -> Vec<u8> {
    let mut level = zip_of(&[("bom.xlsx".into(), vec![0u8; 1 << 20])]);
    for _ in 0..4 {
        let copies: Vec<(String, Vec<u8>)> = (0..10)
            .map(|i| (format!("lop-{i}.zip"), level.clone()))
            .collect();
        level = zip_of(&copies);
    }
    level
}

/// An entry past the size limit (random bytes: no ratio rule to stop it),
/// then a good form.
pub fn zip_with_a_large_entry() -> Vec<u8> {
    let mut noise = vec![0u8; 33 << 20];
    let mut x: u64 = 0x9E37_79B9_7F4A_7C15;
    for b in noise.iter_mut() {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        *b = x as u8;
    }
    zip_of(&[("lon.xlsx".into(), noise), ("tot.xlsx".into(), good_form())])
}

/// 10,000 messages with nothing in them.
pub fn mbox_of_empty_messages() -> Vec<u8> {
    let mut mbox = Vec::new();
    for i in 0..10_000 {
        mbox.extend_from_slice(
            format!("From don-vi-{i}@x Mon Dec  4 08:00:00 2023\n\n").as_bytes(),
        );
    }
    mbox
}

/// A message whose attachment is 100 MB of base64 on one line.
pub fn huge_message(subject: &str) -> Vec<u8> {
    let mut m = format!(
        "From: Phong Noi vu <noivu@x>\r\nSubject: {subject}\r\nDate: Wed, 06 Dec 2023 09:15:00 +0700\r\nMIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary=\"b\"\r\n\r\n--b\r\nContent-Type: application/vnd.openxmlformats-officedocument.spreadsheetml.sheet; name=\"lon.xlsx\"\r\nContent-Transfer-Encoding: base64\r\nContent-Disposition: attachment; filename=\"lon.xlsx\"\r\n\r\n"
    )
    .into_bytes();
    m.extend(std::iter::repeat_n(b'A', 100_000_000));
    m.extend_from_slice(b"\r\n--b--\r\n");
    m
}

/// A message with the good form attached.
pub fn good_message() -> Vec<u8> {
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

/// [`huge_message`] alone, as an .eml.
pub fn eml_with_a_huge_line() -> Vec<u8> {
    huge_message("Gui bieu mau lon")
}

/// [`huge_message`] in a mailbox, between two good ones.
pub fn mbox_with_a_huge_line() -> Vec<u8> {
    let mut mbox = Vec::new();
    for msg in [good_message(), huge_message("Lon"), good_message()] {
        mbox.extend_from_slice(b"From x Mon Dec  4 08:00:00 2023\n");
        mbox.extend_from_slice(&msg);
        mbox.extend_from_slice(b"\n");
    }
    mbox
}
