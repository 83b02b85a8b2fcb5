use super::*;

fn os(args: &[&str]) -> Vec<OsString> {
    args.iter().map(OsString::from).collect()
}

#[test]
fn the_language_is_found_before_parsing() {
    assert_eq!(lang_in(&os(&["dvht", "check", "x"])), Lang::Vi);
    assert_eq!(lang_in(&os(&["dvht", "--lang", "en", "check"])), Lang::En);
    assert_eq!(lang_in(&os(&["dvht", "check", "x", "--lang=en"])), Lang::En);
    assert_eq!(lang_in(&os(&["dvht", "--lang", "EN", "check"])), Lang::En);
    // After `--` everything is a path; an unknown language stays Vietnamese
    // (and clap then refuses it, in Vietnamese).
    assert_eq!(
        lang_in(&os(&["dvht", "check", "--", "--lang", "en"])),
        Lang::Vi
    );
    assert_eq!(lang_in(&os(&["dvht", "--lang", "fr"])), Lang::Vi);
}

#[test]
fn help_texts_take_their_side_of_the_slash() {
    assert_eq!(texts::pick("In JSON / print JSON", Lang::Vi), "In JSON");
    assert_eq!(texts::pick("In JSON / print JSON", Lang::En), "Print JSON");
    assert_eq!(texts::pick("dvht", Lang::En), "dvht");
}

#[test]
fn paths_without_a_command_are_a_drop() {
    let d = tempfile::tempdir().unwrap();
    let folder = d.path().to_string_lossy().to_string();
    match dropped(&os(&["dvht", &folder])) {
        Pre::Dropped(g, paths) => {
            assert_eq!(paths, vec![PathBuf::from(&folder)]);
            assert_eq!(g.lang, Lang::Vi);
        }
        Pre::Args(a) => panic!("not a drop: {a:?}"),
    }
    match dropped(&os(&["dvht", "--lang", "en", &folder, &folder])) {
        Pre::Dropped(g, paths) => {
            assert_eq!(paths.len(), 2);
            assert_eq!(g.lang, Lang::En);
        }
        Pre::Args(a) => panic!("not a drop: {a:?}"),
    }
    // A command, an option, or a name that is not there: clap's to judge.
    for args in [
        vec!["dvht", "check", &folder],
        vec!["dvht", &folder, "--json"],
        vec!["dvht", "chek"],
        vec!["dvht"],
        vec!["dvht", "--lang", "xx", &folder],
    ] {
        assert!(matches!(dropped(&os(&args)), Pre::Args(_)), "{args:?}");
    }
    // `help X` is `X --help`.
    match dropped(&os(&["dvht", "--lang", "en", "help", "check"])) {
        Pre::Args(a) => assert_eq!(a, os(&["dvht", "--lang", "en", "check", "--help"])),
        Pre::Dropped(..) => panic!("help is no drop"),
    }
}

/// The error clap gives for `args`, rendered in `lang`.
fn error_of(args: &[&str], lang: Lang) -> (String, u8) {
    set_lang(lang);
    let e = localize(Cli::command(), lang, true)
        .try_get_matches_from(os(args))
        .expect_err("an error");
    errors::render(&e, lang)
}

#[test]
fn argument_errors_in_vietnamese() {
    let (t, status) = error_of(&["dvht", "check"], Lang::Vi);
    assert_eq!(status, 2);
    assert_eq!(
        t,
        "lỗi: thiếu tham số bắt buộc:\n  <TỆP_HOẶC_THƯ_MỤC>...\n\nCách dùng: dvht check <TỆP_HOẶC_THƯ_MỤC>...\n\nXem thêm: dvht check --help\n"
    );
    let (t, _) = error_of(&["dvht", "check", "--yaer", "2023", "x"], Lang::Vi);
    assert!(t.starts_with("lỗi: không có tùy chọn '--yaer'"), "{t}");
    assert!(t.contains("gợi ý: có phải ý bạn là '--year'?"), "{t}");
    let (t, _) = error_of(&["dvht", "--lang", "xx", "rubric"], Lang::Vi);
    assert!(
        t.contains("giá trị 'xx' không dùng được cho '--lang <NGÔN_NGỮ>'"),
        "{t}"
    );
    assert!(t.contains("[chọn một trong: vi, en]"), "{t}");
    let (t, _) = error_of(&["dvht", "template", "--year", "23"], Lang::Vi);
    assert!(t.contains("năm phải gồm bốn chữ số"), "{t}");
    let (t, _) = error_of(&["dvht", "score", "a", "b"], Lang::Vi);
    assert!(t.starts_with("lỗi: thừa tham số 'b'"), "{t}");
    // No English word of clap's left.
    for args in [
        vec!["dvht", "check"],
        vec!["dvht", "chek"],
        vec!["dvht", "consolidate", "x"],
        vec!["dvht", "score", "--json"],
    ] {
        let (t, _) = error_of(&args, Lang::Vi);
        for english in ["error", "Usage", "required", "argument", "For more", "tip"] {
            assert!(!t.contains(english), "{english} in {t}");
        }
    }
}

#[test]
fn argument_errors_in_english_with_lang_en() {
    let (t, status) = error_of(&["dvht", "--lang", "en", "check"], Lang::En);
    assert_eq!(status, 2);
    assert!(
        t.starts_with("error: the following required arguments"),
        "{t}"
    );
    assert!(t.contains("Usage: dvht check <PATH>..."), "{t}");
    let (t, _) = error_of(
        &["dvht", "--lang", "en", "check", "--year", "23", "x"],
        Lang::En,
    );
    assert!(t.contains("the year must be four digits"), "{t}");
}

#[test]
fn help_in_each_language() {
    let (t, status) = error_of(&["dvht", "check", "--help"], Lang::Vi);
    assert_eq!(status, 0);
    assert!(t.starts_with("Kiểm tra các biểu mẫu và in các phát hiện\n\nCách dùng: dvht check [TÙY_CHỌN] <TỆP_HOẶC_THƯ_MỤC>..."), "{t}");
    for heading in ["Tham số:", "Tùy chọn:", "Ví dụ:", "Mã thoát (mọi lệnh):"] {
        assert!(t.contains(heading), "{heading} in {t}");
    }
    assert!(
        t.contains("[mặc định: vi]")
            && t.lines()
                .any(|l| l.contains("-h, --help") && l.ends_with("In hướng dẫn này")),
        "{t}"
    );
    for english in [
        "Usage",
        "Options",
        "Arguments",
        "Print",
        "default",
        "possible",
    ] {
        assert!(!t.contains(english), "{english} in {t}");
    }
    let (t, _) = error_of(&["dvht", "--lang", "en", "check", "--help"], Lang::En);
    assert!(
        t.starts_with("Check forms and print findings\n\nUsage: dvht check [OPTIONS] <PATH>..."),
        "{t}"
    );
    assert!(t.contains("Exit status (every command):"), "{t}");
    // consolidate's help states the rule it follows: 0 when it wrote.
    let (t, _) = error_of(&["dvht", "consolidate", "--help"], Lang::Vi);
    assert!(
        t.contains("0  đã làm xong: check, score, finalize không thấy lỗi nào; template, consolidate, plan\n     đã ghi tệp kết quả"),
        "{t}"
    );
    assert!(
        !t.contains("consolidate đã ghi bảng tổng hợp), nhưng"),
        "{t}"
    );
    let (t, _) = error_of(&["dvht", "--help"], Lang::Vi);
    assert!(t.contains("Lệnh:\n  template"), "{t}");
    assert!(!t.contains("help    "), "no help subcommand listed: {t}");
}
