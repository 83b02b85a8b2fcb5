use super::*;

fn split_all(bytes: &[u8]) -> Vec<Raw> {
    let mut r = std::io::BufReader::with_capacity(7, bytes);
    let mut s = MboxSplit::default();
    let mut out = Vec::new();
    while let Some(m) = s.next_message(&mut r).expect("read") {
        out.push(m);
        assert!(out.len() < 100, "runaway split");
    }
    out
}

fn whole(r: &Raw) -> &[u8] {
    match r {
        Raw::Whole(b) => b,
        Raw::TooLarge { .. } => panic!("too large"),
    }
}

#[test]
fn mailboxes_split_at_from_lines_and_unquote() {
    let mbox = b"From a@x Mon Dec  4 08:00:00 2023\nSubject: 1\n\nbody\n>From here\n\nFrom b@x Tue Dec  5 08:00:00 2023\nSubject: 2\n\nFromage\n";
    let m = split_all(mbox);
    assert_eq!(m.len(), 2);
    assert_eq!(whole(&m[0]), b"Subject: 1\n\nbody\nFrom here\n\n");
    assert_eq!(whole(&m[1]), b"Subject: 2\n\nFromage\n");
    assert!(split_all(b"").is_empty());
    // Empty messages, one after another.
    let m = split_all(b"From a\nFrom b\n\nFrom c\n");
    assert_eq!(m.len(), 3);
    assert_eq!(whole(&m[0]), b"");
    assert_eq!(whole(&m[1]), b"\n");
    assert_eq!(whole(&m[2]), b"");
    // Not an mbox at all: one message of everything.
    assert_eq!(split_all(b"Subject: x\n\nhi\n").len(), 1);
}

#[test]
fn a_message_over_the_cap_keeps_its_head_and_its_size() {
    let mut mbox = b"From a\nSubject: big\n\n".to_vec();
    let line = vec![b'A'; MAX_MESSAGE_BYTES + 10];
    mbox.extend_from_slice(&line);
    mbox.extend_from_slice(b"\nFrom b\nSubject: small\n\nx\n");
    let m = split_all(&mbox);
    assert_eq!(m.len(), 2);
    match &m[0] {
        Raw::TooLarge { head, size } => {
            assert_eq!(head.len(), HEAD_BYTES);
            assert!(head.starts_with(b"Subject: big"));
            assert_eq!(
                *size,
                ("Subject: big\n\n".len() + MAX_MESSAGE_BYTES + 10 + 1) as u64
            );
        }
        Raw::Whole(_) => panic!("kept whole"),
    }
    assert_eq!(whole(&m[1]), b"Subject: small\n\nx\n");
}

#[test]
fn names_are_safe_and_keep_their_extension() {
    assert_eq!(safe_name("Biểu mẫu/Mỹ Phú.xlsx"), "Mỹ Phú.xlsx");
    assert_eq!(safe_name("a:b*c?.XLS"), "a_b_c_.XLS");
    assert_eq!(safe_name("..\\..\\x.ods"), "x.ods");
    assert!(safe_name(&format!("{}.xlsx", "x".repeat(300))).ends_with(".xlsx"));
    assert!(wanted("a/b.XLSX") && !wanted("~$b.xlsx") && !wanted("b.pdf"));
}

#[test]
fn zip_times_are_seconds_since_1970() {
    // 2023-12-02 09:00:00, checked with `date -u -d '2023-12-02 09:00' +%s`.
    let t = zip::DateTime::from_date_and_time(2023, 12, 2, 9, 0, 0).expect("date");
    assert_eq!(zip_time(t), Some(1_701_507_600));
    let t = zip::DateTime::from_date_and_time(1980, 1, 1, 0, 0, 0).expect("date");
    assert_eq!(zip_time(t), Some(315_532_800));
}
