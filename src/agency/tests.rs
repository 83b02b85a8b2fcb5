use super::*;
use proptest::prelude::*;

#[test]
fn builtin_table_is_consistent() {
    // from_toml checks that every form of every entry gives one key.
    let t = Abbreviations::from_toml(BUILTIN_TOML).expect("built-in table");
    assert!(t.shorts.len() > 50, "{}", t.shorts.len());
}

#[test]
fn the_reported_pairs_match() {
    for (a, b) in [
        ("Ủy ban nhân dân xã Mỹ An", "UBND xã Mỹ An"),
        ("Uỷ ban nhân dân xã Mỹ An", "UBND XÃ MỸ AN"),
        (
            "Phòng Lao động - TB&XH",
            "Phòng Lao động – Thương binh và Xã hội",
        ),
        ("Phòng LĐ-TB&XH", "Phòng Lao động, Thương binh và Xã hội"),
        ("Phòng LĐTBXH", "Phòng Lao động - Thương binh và Xã hội"),
        ("Phòng LĐTB&XH", "Phòng Lao động – TBXH"),
        ("Phòng GD&ĐT", "Phòng Giáo dục và Đào tạo"),
        ("Phòng GDĐT", "Phòng Giáo dục - Đào tạo"),
        ("PGD&ĐT", "P. Giáo dục & Đào tạo"),
        ("Phòng VH&TT", "Phòng Văn hóa và Thông tin"),
        ("Trung tâm VH-TT", "Trung tâm Văn hoá - Thể thao"),
        ("Phòng TN&MT", "Phòng Tài nguyên và Môi trường"),
        ("Phòng KT&HT", "Phòng Kinh tế và Hạ tầng"),
        (
            "Văn phòng HĐND và UBND",
            "Văn phòng Hội đồng nhân dân - Ủy ban nhân dân",
        ),
        ("Trường THCS Mỹ An", "Trường Trung học cơ sở Mỹ An"),
        ("Trường TH Mỹ Lạc", "Trường Tiểu học Mỹ Lạc"),
        ("Trường MN Tân Thành", "Trường Mầm non Tân Thành"),
        ("UBND TT Thủ Thừa", "Ủy ban nhân dân thị trấn Thủ Thừa"),
        ("TTYT huyện", "Trung tâm Y tế"),
        ("Phòng Tư pháp huyện Thủ Thừa", "phong tu phap"),
        ("Trường TH số 1 Mỹ An", "Truong Tieu hoc 1 My An"),
        ("ỦY BAN MTTQ VN", "Ủy ban Mặt trận Tổ quốc VN"),
        ("Phòng Giáo dục và Đào tạo", "Phòng Giáo dục và Ðào tạo"),
    ] {
        assert!(
            same_agency(a, b),
            "{a:?} ({}) vs {b:?} ({})",
            key(a),
            key(b)
        );
        assert!(same_agency(b, a), "{b:?} vs {a:?}");
    }
}

#[test]
fn different_agencies_stay_apart() {
    for (a, b) in [
        ("UBND xã Mỹ An", "UBND xã Mỹ Lạc"),
        ("UBND xã Mỹ An", "UBND huyện"),
        ("Phòng Tư pháp", "Phòng Nội vụ"),
        ("Trường TH Mỹ An", "Trường THCS Mỹ An"),
        ("Trường TH Mỹ An", "Trường MN Mỹ An"),
        ("Văn phòng Huyện ủy", "Văn phòng"),
        ("Huyện đoàn", "Ban Thường vụ"),
        ("Công an xã Mỹ An", "Công an huyện"),
        ("Trường TH số 1", "Trường TH số 2"),
        ("", ""),
        ("---", "..."),
    ] {
        assert!(
            !same_agency(a, b),
            "{a:?} ({}) vs {b:?} ({})",
            key(a),
            key(b)
        );
    }
}

#[test]
fn keys_read_as_described() {
    assert_eq!(key("Ủy ban nhân dân xã Mỹ An"), "ubnd xa my an");
    assert_eq!(key("Phòng Lao động – Thương binh và Xã hội"), "p ld tb xh");
    assert_eq!(key("Văn phòng Huyện ủy"), "vp huyen uy");
    assert_eq!(key("  "), "");
}

#[test]
fn vietnamese_words_are_not_cut_into_abbreviations() {
    // Every word of the sample district's unit names and of common place
    // names is either itself or an abbreviation's long form, never a
    // typed-together short form.
    let t = Abbreviations::builtin();
    for w in "thanh tan binh long an my lac nhi thanh phu hoa tho nguyen vinh phong thu thua \
              truong tieu hoc phong tu phap noi vu tai chinh ke hoach van hoa thong tin \
              cong an quan su hoi khuyen nong dan cuu chien binh lien doan lao dong \
              thuong xuyen chinh tri bao hiem xa hoi kho bac nha nuoc chi cuc thong ke \
              tham dinh ngan hang dien luc buu dien trung tam hanh chinh cong nhan"
        .split_whitespace()
    {
        assert_eq!(t.split(w), None, "{w}");
    }
    assert_eq!(t.split("ldtb"), Some(vec!["ld".into(), "tb".into()]));
    assert_eq!(t.split("pgd"), Some(vec!["p".into(), "gd".into()]));
    assert_eq!(t.split("ttvh"), Some(vec!["tt".into(), "vh".into()]));
}

#[test]
fn an_inconsistent_table_is_refused() {
    let bad = r#"
[[entry]]
short = ["UBND"]
long = ["Ủy ban nhân dân"]
[[entry]]
short = ["UB"]
long = ["Ủy ban"]
[[entry]]
short = ["ND"]
long = ["Nông dân"]
[[entry]]
short = ["UB ND"]
long = ["Ủy ban Nông dân"]
"#;
    // "UB ND" typed together is "UBND", which stands for something else.
    let e = Abbreviations::from_toml(bad).unwrap_err();
    assert!(e.contains("UB ND"), "{e}");
    let bad = r#"
[[entry]]
short = ["GD&ĐT"]
long = ["Giáo dục và Đào tạo"]
[[entry]]
short = ["GDĐT"]
long = ["Giáo dục thể chất"]
"#;
    let e = Abbreviations::from_toml(bad).unwrap_err();
    assert!(e.contains("GDĐT"), "{e}");
    let e = Abbreviations::from_toml("[[entry]]\nshort = []\nlong = [\"x\"]").unwrap_err();
    assert!(e.contains("short"), "{e}");
    assert!(Abbreviations::from_toml("[[entry]]\nshort=[\"A\"]").is_err());
    let ok = Abbreviations::from_toml("[[entry]]\nshort = [\"PGD\"]\nlong = [\"Phòng Giáo dục\"]")
        .expect("small table");
    assert!(ok.same("PGD huyện", "Phòng Giáo dục huyện"));
    assert!(!ok.same("UBND", "Ủy ban nhân dân"));
}

/// Parts of a name: a place word, or an entry of the table written short
/// or long.
fn part() -> impl Strategy<Value = (usize, usize, bool)> {
    (0usize..1000, 0usize..1000, any::<bool>())
}

const PLACES: &[&str] = &[
    "Mỹ An",
    "Thủ Thừa",
    "Bình Thạnh",
    "Long Thuận",
    "Nhị Thành",
    "1",
];
const SEPARATORS: &[&str] = &[" ", " - ", " – ", " & ", ", ", " và ", "-"];

fn render(parts: &[(usize, usize, bool)], seps: &[usize], forms_short: &[bool]) -> String {
    let file: TableFile = toml::from_str(BUILTIN_TOML).expect("table");
    let mut out = String::new();
    for (k, (i, j, is_place)) in parts.iter().enumerate() {
        if k > 0 {
            out.push_str(SEPARATORS[seps[k % seps.len()] % SEPARATORS.len()]);
        }
        if *is_place {
            out.push_str(PLACES[i % PLACES.len()]);
        } else {
            let e = &file.entry[i % file.entry.len()];
            let forms = if forms_short[k % forms_short.len()] {
                &e.short
            } else {
                &e.long
            };
            out.push_str(&forms[j % forms.len()]);
        }
    }
    out
}

proptest! {
    #[test]
    fn same_agency_is_symmetric(a in "\\PC{0,30}", b in "\\PC{0,30}") {
        prop_assert_eq!(same_agency(&a, &b), same_agency(&b, &a));
    }

    #[test]
    fn short_or_long_forms_give_one_key(
        parts in proptest::collection::vec(part(), 1..5),
        seps in proptest::collection::vec(0usize..100, 1..5),
        a in proptest::collection::vec(any::<bool>(), 1..5),
        b in proptest::collection::vec(any::<bool>(), 1..5),
    ) {
        let x = render(&parts, &seps, &a);
        let y = render(&parts, &seps, &b);
        prop_assert!(same_agency(&x, &y) || key(&x).is_empty(), "{:?} ({}) vs {:?} ({})", x, key(&x), y, key(&y));
    }

    #[test]
    fn a_key_is_its_own_key(s in "\\PC{0,40}") {
        let k = key(&s);
        prop_assert_eq!(key(&k), k);
    }
}
