use super::*;
use crate::findings::Lang;

const GOOD: &str = r#"# Đoàn kiểm tra "Đơn vị học tập" năm 2023
date = "2023-12-15"
place = "Phòng Giáo dục và Đào tạo huyện Thủ Thừa"
slot_minutes = 20
sessions = [ { start = "07:30", end = "11:00" }, { start = "13:30", end = "17:00" } ]

[[team]]
name = "Đoàn 1"
members = [
  { name = "Nguyễn Văn A", role = "Trưởng đoàn", agency = "Phòng Giáo dục và Đào tạo" },
  { name = "Trần Thị B", role = "Thành viên", agency = "Hội Khuyến học huyện" },
]

[[team]]
name = "Đoàn 2"
members = [
  { name = "Lê Văn C", role = "Trưởng đoàn", agency = "Phòng Nội vụ" },
  { name = "Phạm Thị D", agency = "Phòng VH&TT" },
]
"#;

fn errors(text: &str) -> Vec<TeamsError> {
    parse(text).expect_err("should be refused")
}

/// The file with `from` replaced by `to` (which must be there).
fn with(from: &str, to: &str) -> String {
    assert!(GOOD.contains(from), "{from}");
    GOOD.replacen(from, to, 1)
}

/// Line (from 1) of the first occurrence of `needle` in `text`.
fn line_of(text: &str, needle: &str) -> usize {
    text[..text.find(needle).expect(needle)]
        .matches('\n')
        .count()
        + 1
}

#[test]
fn the_interface_example_reads_whole() {
    let f = parse(GOOD).unwrap();
    assert_eq!(f.date, Date::new(2023, 12, 15).unwrap());
    assert_eq!(
        f.place.as_deref(),
        Some("Phòng Giáo dục và Đào tạo huyện Thủ Thừa")
    );
    assert_eq!(f.slot_minutes, 20);
    assert_eq!(f.error_slot_minutes, 30, "half as long again by default");
    assert_eq!(f.sessions.len(), 2);
    assert_eq!(f.sessions[1].start.to_string(), "13:30");
    assert_eq!(f.sessions[0].minutes(), 210);
    assert_eq!(f.teams.len(), 2);
    assert_eq!(f.teams[1].members[1].role, DEFAULT_ROLE);
    assert_eq!(f.teams[1].members[1].agency, "Phòng VH&TT");
}

#[test]
fn toml_dates_and_times_tables_and_bom_are_accepted() {
    let text = format!(
        "\u{feff}{}",
        with("date = \"2023-12-15\"", "date = 2023-12-15")
            .replace(
                "sessions = [ { start = \"07:30\", end = \"11:00\" }, { start = \"13:30\", end = \"17:00\" } ]",
                "[[sessions]]\nstart = 07:30:00\nend = \"11h\"\n[[sessions]]\nstart = \"13h30\"\nend = \"17:00\"",
            )
    );
    let f = parse(&text).unwrap();
    assert_eq!(f.date.to_string(), "15/12/2023");
    assert_eq!(f.sessions[0].end.to_string(), "11:00");
    assert_eq!(f.sessions[0].start.to_string(), "07:30");
    let f = parse(&with("date = \"2023-12-15\"", "date = \"15/12/2023\"")).unwrap();
    assert_eq!(f.date.iso(), "2023-12-15");
}

#[test]
fn utf16_from_notepad_is_read_and_other_bytes_are_refused() {
    let mut bytes = vec![0xFF, 0xFE];
    for u in GOOD.encode_utf16() {
        bytes.extend(u.to_le_bytes());
    }
    assert_eq!(parse_bytes(&bytes).unwrap(), parse(GOOD).unwrap());
    // Windows-1258 "Đoàn" (Đ = 0xD0) on line 8.
    let mut bad = GOOD.as_bytes().to_vec();
    let at = GOOD.find("Đoàn 1").unwrap();
    bad.splice(at..at + "Đ".len(), [0xD0]);
    let e = parse_bytes(&bad).unwrap_err();
    assert_eq!(e.len(), 1);
    assert_eq!(e[0].problem, Problem::Encoding);
    assert_eq!(e[0].line, line_of(GOOD, "Đoàn 1"));
    assert!(e[0].render(Lang::Vi).contains("UTF-8"));
}

#[test]
fn a_syntax_error_names_its_line_in_vietnamese() {
    let text = with(
        "place = \"Phòng Giáo dục và Đào tạo huyện Thủ Thừa\"",
        "place = Phòng GD&ĐT",
    );
    let e = errors(&text);
    assert_eq!(e.len(), 1);
    assert_eq!(e[0].line, 3);
    let m = e[0].render(Lang::Vi);
    assert!(
        m.starts_with("dòng 3, cột 9: chuỗi phải đặt trong dấu ngoặc kép"),
        "{m}"
    );
    let e = errors(&with(
        "slot_minutes = 20",
        "slot_minutes = 20\nslot_minutes = 25",
    ));
    assert_eq!(e[0].line, 5);
    assert!(
        e[0].render(Lang::Vi).contains("mỗi khóa chỉ ghi một lần"),
        "{:?}",
        e[0]
    );
}

#[test]
fn a_wrong_type_names_key_found_and_expected() {
    let e = errors(&with("slot_minutes = 20", "slot_minutes = \"20 phút\""));
    assert_eq!(e.len(), 1);
    assert_eq!((e[0].line, e[0].column), (4, 16));
    assert_eq!(e[0].key, "slot_minutes");
    assert_eq!(
        e[0].render(Lang::Vi),
        "dòng 4, cột 16, khóa slot_minutes: gặp một chuỗi, cần số phút cho mỗi đơn vị, số nguyên từ 5 đến 240, ví dụ 20"
    );
    assert_eq!(
        e[0].render(Lang::En),
        "line 4, column 16, key slot_minutes: found a string, expected minutes per unit, a whole number from 5 to 240, e.g. 20"
    );
}

#[test]
fn out_of_range_and_invalid_values_quote_what_was_written() {
    for (from, to, key, found) in [
        ("slot_minutes = 20", "slot_minutes = 0", "slot_minutes", "0"),
        (
            "slot_minutes = 20",
            "slot_minutes = 600",
            "slot_minutes",
            "600",
        ),
        (
            "date = \"2023-12-15\"",
            "date = \"31/11/2023\"",
            "date",
            "\"31/11/2023\"",
        ),
        (
            "start = \"13:30\"",
            "start = \"13:75\"",
            "sessions[2].start",
            "\"13:75\"",
        ),
    ] {
        let text = with(from, to);
        let e = errors(&text);
        assert_eq!(e.len(), 1, "{to}: {e:?}");
        assert_eq!(e[0].key, key, "{to}");
        assert_eq!(e[0].line, line_of(&text, to), "{to}");
        match &e[0].problem {
            Problem::Invalid { found: f, .. } => assert_eq!(f, found),
            p => panic!("{to}: {p:?}"),
        }
        assert!(
            e[0].render(Lang::Vi)
                .contains(&format!("giá trị {found} không hợp lệ"))
        );
    }
}

#[test]
fn missing_keys_are_named_at_their_table() {
    let text = with("name = \"Đoàn 2\"\n", "");
    let e = errors(&text);
    assert_eq!(e.len(), 1, "{e:?}");
    assert_eq!(e[0].key, "team[2].name");
    assert_eq!(e[0].line, 14, "the [[team]] line of the second team");
    assert_eq!(e[0].problem, Problem::Missing(Expect::TeamName));
    assert!(e[0].render(Lang::Vi).contains("thiếu; cần tên đoàn"));

    let text = with(", agency = \"Phòng Nội vụ\"", "");
    let e = errors(&text);
    assert_eq!(e.len(), 1, "{e:?}");
    assert_eq!(e[0].key, "team[2].members[1].agency");
    assert_eq!(e[0].line, line_of(&text, "Lê Văn C"));

    let e = errors("date = \"2023-12-15\"\n");
    let keys: Vec<&str> = e.iter().map(|e| e.key.as_str()).collect();
    assert_eq!(keys, ["slot_minutes", "sessions", "team"]);
}

#[test]
fn unknown_keys_suggest_the_near_one() {
    let text = with("slot_minutes = 20", "slot_minute = 20");
    let e = errors(&text);
    // The unknown key, and the key it should have been.
    assert_eq!(e.len(), 2, "{e:?}");
    let unknown = e.iter().find(|e| e.key == "slot_minute").unwrap();
    assert_eq!(unknown.line, 4);
    assert!(
        unknown
            .render(Lang::Vi)
            .contains("có phải là slot_minutes?")
    );
    let text = with("role = \"Thành viên\"", "chuc_vu = \"Thành viên\"");
    let e = errors(&text);
    assert_eq!(e.len(), 1);
    assert_eq!(e[0].key, "team[1].members[2].chuc_vu");
    assert!(matches!(
        e[0].problem,
        Problem::Unknown { nearest: None, .. }
    ));
}

#[test]
fn sessions_must_run_forward_and_not_overlap() {
    let e = errors(&with("end = \"11:00\"", "end = \"07:00\""));
    assert_eq!(e.len(), 1);
    assert_eq!(e[0].key, "sessions[1]");
    assert!(
        e[0].render(Lang::Vi)
            .contains("buổi kết thúc lúc 07:00, không sau giờ bắt đầu 07:30")
    );
    let e = errors(&with("start = \"13:30\"", "start = \"10:30\""));
    assert_eq!(e.len(), 1);
    assert_eq!(e[0].key, "sessions[2]");
    assert_eq!(e[0].problem, Problem::SessionsOverlap { other: 1 });
    // Written afternoon first: read in time order.
    let swapped = with(
        "{ start = \"07:30\", end = \"11:00\" }, { start = \"13:30\", end = \"17:00\" }",
        "{ start = \"13:30\", end = \"17:00\" }, { start = \"07:30\", end = \"11:00\" }",
    );
    let f = parse(&swapped).unwrap();
    assert_eq!(f.sessions[0].start.to_string(), "07:30");
    let e = errors(&with("sessions = [ {", "sessions = [ 5, {"));
    assert_eq!(e[0].key, "sessions[1]");
    assert_eq!(
        e[0].problem,
        Problem::WrongType {
            expected: Expect::Session,
            found: Kind::Integer
        }
    );
}

#[test]
fn teams_and_people_are_not_given_twice() {
    let e = errors(&with("name = \"Đoàn 2\"", "name = \"ĐOÀN 1\""));
    assert_eq!(e.len(), 1);
    assert_eq!(
        e[0].problem,
        Problem::DuplicateTeam {
            name: "ĐOÀN 1".into(),
            line: 8
        }
    );
    let text = with(
        "{ name = \"Lê Văn C\", role = \"Trưởng đoàn\", agency = \"Phòng Nội vụ\" }",
        "{ name = \"Trần Thị B\", role = \"Trưởng đoàn\", agency = \"Hội Khuyến học huyện\" }",
    );
    let e = errors(&text);
    assert_eq!(e.len(), 1);
    assert_eq!(e[0].key, "team[2].members[1]");
    assert!(
        e[0].render(Lang::Vi)
            .contains("Trần Thị B đã có trong Đoàn 1")
    );
    // The same name from another agency is another person.
    let text = with("name = \"Lê Văn C\"", "name = \"Trần Thị B\"");
    assert!(parse(&text).is_ok());
}

#[test]
fn empty_lists_and_blank_names_are_refused() {
    let e = errors(&with(
        "members = [\n  { name = \"Lê Văn C\", role = \"Trưởng đoàn\", agency = \"Phòng Nội vụ\" },\n  { name = \"Phạm Thị D\", agency = \"Phòng VH&TT\" },\n]",
        "members = []",
    ));
    assert_eq!(e.len(), 1, "{e:?}");
    assert_eq!(e[0].key, "team[2].members");
    let e = errors(&with("agency = \"Phòng Nội vụ\"", "agency = \"   \""));
    assert_eq!(e[0].key, "team[2].members[1].agency");
    assert!(e[0].render(Lang::Vi).contains("cơ quan của thành viên"));
}

#[test]
fn error_slot_is_at_least_the_slot() {
    let f = parse(&with(
        "slot_minutes = 20",
        "slot_minutes = 20\nerror_slot_minutes = 45",
    ))
    .unwrap();
    assert_eq!(f.error_slot_minutes, 45);
    let f = parse(&with(
        "slot_minutes = 20",
        "slot_minutes = 20\nerror_slot_minutes = 20",
    ))
    .unwrap();
    assert_eq!(f.error_slot_minutes, 20);
    let e = errors(&with(
        "slot_minutes = 20",
        "slot_minutes = 20\nerror_slot_minutes = 15",
    ));
    assert_eq!(e[0].key, "error_slot_minutes");
    assert!(
        e[0].render(Lang::Vi)
            .contains("15 phút ngắn hơn slot_minutes = 20")
    );
    assert_eq!(default_error_slot(20), 30);
    assert_eq!(default_error_slot(15), 25);
    assert_eq!(default_error_slot(30), 45);
    assert_eq!(default_error_slot(5), 10);
}

#[test]
fn several_problems_come_together_in_file_order() {
    let text = with("slot_minutes = 20", "slot_minutes = -5")
        .replace("agency = \"Phòng Nội vụ\"", "agency = 3");
    let e = errors(&text);
    assert_eq!(e.len(), 2);
    assert!(e[0].line < e[1].line);
    assert_eq!(e[0].key, "slot_minutes");
    assert_eq!(e[1].key, "team[2].members[1].agency");
}

#[test]
fn hostile_text_never_panics() {
    for text in [
        "",
        "\u{feff}",
        "=",
        "[[team]]\n[[team]]\nname=1",
        "team = 5",
        "team = [1, \"x\", {}]",
        "sessions = { start = 1 }",
        "date = 1979-05-27T07:32:00Z",
        "slot_minutes = 0x7fffffffffffffff",
        "slot_minutes = 99999999999999999999999",
        "slot_minutes = 20.5",
        "[[team]]\nmembers = [{name=\"a\",agency=\"b\",role=\"\"}]",
    ] {
        let _ = parse(text);
    }
}
