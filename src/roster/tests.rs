use super::*;

fn rows(t: &[&[&str]]) -> Vec<Vec<String>> {
    t.iter()
        .map(|r| r.iter().map(|c| c.to_string()).collect())
        .collect()
}

#[test]
fn bytes_decode_by_bom_or_content() {
    // "Mỹ An" by hand in each encoding.
    let utf8 = "Mỹ An".as_bytes().to_vec();
    assert_eq!(decode(&utf8), ("Mỹ An".into(), "UTF-8"));
    let bom: Vec<u8> = [0xEF, 0xBB, 0xBF].iter().chain(&utf8).copied().collect();
    assert_eq!(decode(&bom), ("Mỹ An".into(), "UTF-8"));
    let le: Vec<u8> = [0xFF, 0xFE]
        .into_iter()
        .chain("Mỹ An".encode_utf16().flat_map(u16::to_le_bytes))
        .collect();
    assert_eq!(decode(&le), ("Mỹ An".into(), "UTF-16LE"));
    let be: Vec<u8> = [0xFE, 0xFF]
        .into_iter()
        .chain("Mỹ An".encode_utf16().flat_map(u16::to_be_bytes))
        .collect();
    assert_eq!(decode(&be), ("Mỹ An".into(), "UTF-16BE"));
    let le_no_bom: Vec<u8> = "Phòng Tư pháp"
        .encode_utf16()
        .flat_map(u16::to_le_bytes)
        .collect();
    assert_eq!(decode(&le_no_bom), ("Phòng Tư pháp".into(), "UTF-16LE"));
    // Windows-1258: "y" then the combining tilde (0xDE); put in NFC.
    let cp1258 = [b'M', b'y', 0xDE, b' ', b'A', b'n'];
    assert_eq!(decode(&cp1258), ("Mỹ An".into(), "windows-1258"));
    // "Đ" is 0xD0, "ư" 0xFD, "ơ" 0xF5 in Windows-1258.
    assert_eq!(decode(&[0xD0, 0xFD, 0xF5, b'c']).0, "Đươc");
}

#[test]
fn the_column_is_found_by_header_then_rows_below_it() {
    let t = rows(&[
        &["DANH SÁCH ĐƠN VỊ NĂM 2023"],
        &[],
        &["STT", "Tên đơn vị", "Ghi chú"],
        &["1", "Phòng Tư pháp", "đã nộp"],
        &["", "", ""],
        &["2", "UBND xã Mỹ An"],
        &["", "Tổng cộng: 2 đơn vị"],
    ]);
    assert_eq!(names_of_table(&t), vec!["Phòng Tư pháp", "UBND xã Mỹ An"]);
}

#[test]
fn without_a_header_the_column_of_names_is_the_fullest() {
    let t = rows(&[
        &["Danh sách các đơn vị"],
        &["1", "Phòng Tư pháp", "x"],
        &["2", "UBND xã Mỹ An", ""],
        &["3", "Trường TH Nhị Thành", "x"],
    ]);
    assert_eq!(
        names_of_table(&t),
        vec!["Phòng Tư pháp", "UBND xã Mỹ An", "Trường TH Nhị Thành"]
    );
    // One column, numbered in the text, roman group heads left out.
    let t = rows(&[
        &["I."],
        &["1. Phòng Tư pháp"],
        &["2) Phòng  Nội vụ "],
        &["II"],
        &["10- UBND xã Mỹ An"],
    ]);
    assert_eq!(
        names_of_table(&t),
        vec!["Phòng Tư pháp", "Phòng Nội vụ", "UBND xã Mỹ An"]
    );
}

#[test]
fn numbering_is_cut_but_numbers_in_names_stay() {
    assert_eq!(clean_name("1. Trường TH số 1"), "Trường TH số 1");
    assert_eq!(clean_name("12 Phòng Y tế"), "Phòng Y tế");
    assert_eq!(clean_name("Trường TH 2"), "Trường TH 2");
    assert_eq!(clean_name("\"Phòng Nội vụ\""), "Phòng Nội vụ");
    assert!(!looks_like_name("12"));
    assert!(!looks_like_name("IV."));
    assert!(!looks_like_name("a)"));
    assert!(looks_like_name("Phòng Y tế"));
}

#[test]
fn an_empty_roster_is_an_error() {
    for bytes in [
        &b""[..],
        b"\n\n  \n",
        b"DANH SACH DON VI\n\n",
        b"STT\tTen don vi\n1\n2\n",
    ] {
        assert!(Roster::from_bytes(bytes, "txt").is_err(), "{bytes:?}");
    }
    assert!(Roster::from_bytes(b"PK\x03\x04rest", "txt").is_err());
    assert!(Roster::from_bytes(&[0, 0, 0, 0, 0, 0, 0, 1], "txt").is_err());
}

#[test]
fn names_match_through_abbreviations_and_repeat_once() {
    let r = Roster::from_bytes(
        "Ủy ban nhân dân xã Mỹ An\nPhòng Lao động - TB&XH\nUBND xã Mỹ An\n".as_bytes(),
        "txt",
    )
    .expect("roster");
    assert_eq!(r.entries().len(), 2);
    assert_eq!(
        r.find("UBND XÃ MỸ AN").map(|e| e.name.as_str()),
        Some("Ủy ban nhân dân xã Mỹ An")
    );
    assert_eq!(
        r.find("Phòng Lao động – Thương binh và Xã hội huyện Thủ Thừa")
            .map(|e| e.name.as_str()),
        Some("Phòng Lao động - TB&XH")
    );
    assert!(r.find("UBND xã Mỹ Lạc").is_none());
}

#[test]
fn csv_splits_at_the_delimiter_it_uses() {
    let r = Roster::from_bytes(
        "STT;Tên đơn vị\n1;Trung tâm Văn hóa, Thể thao\n2;Phòng Y tế\n".as_bytes(),
        "csv",
    )
    .expect("semicolons");
    assert_eq!(r.names(), vec!["Trung tâm Văn hóa, Thể thao", "Phòng Y tế"]);
    let r = Roster::from_bytes(
        "1,\"Trung tâm Văn hóa, Thể thao\",\n2,Phòng Y tế,\n".as_bytes(),
        "csv",
    )
    .expect("commas");
    assert_eq!(r.names(), vec!["Trung tâm Văn hóa, Thể thao", "Phòng Y tế"]);
}
