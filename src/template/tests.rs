use super::*;
use crate::cells::{Addr, CellValue, Sheet, Workbook};
use crate::form::{DossierDoc, Pl1Field};

fn read_back(bytes: &[u8]) -> Workbook {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("form.xlsx");
    std::fs::write(&path, bytes).unwrap();
    crate::read::read_workbook(&path).unwrap()
}

fn sheet<'a>(wb: &'a Workbook, name: &str) -> &'a Sheet {
    wb.sheets.iter().find(|s| s.name == name).unwrap()
}

/// The cell holding exactly this text.
fn find(sheet: &Sheet, text: &str) -> Addr {
    sheet
        .cells
        .iter()
        .find(|c| c.value.as_text() == Some(text))
        .map(|c| c.addr)
        .unwrap_or_else(|| panic!("no cell {text:?} on sheet {}", sheet.name))
}

fn right_of(sheet: &Sheet, a: Addr) -> Option<&CellValue> {
    sheet.get(Addr::new(a.row, a.col + 1))
}

fn num(v: Option<&CellValue>) -> Option<Decimal> {
    match v {
        Some(CellValue::Number { value, .. }) => Some(*value),
        _ => None,
    }
}

fn d(s: &str) -> Decimal {
    s.parse().unwrap()
}

#[test]
fn blank_form_is_deterministic_and_dated_by_its_year() {
    let r = Rubric::builtin();
    let a = blank_bytes(&r, 2023).unwrap();
    let b = blank_bytes(&r, 2023).unwrap();
    assert_eq!(a, b, "two generations differ");
    let c = blank_bytes(&r, 2024).unwrap();
    assert_ne!(a, c);
    // The creation date in docProps/core.xml is 1 January of the year.
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(a)).unwrap();
    let mut core = String::new();
    std::io::Read::read_to_string(&mut zip.by_name("docProps/core.xml").unwrap(), &mut core)
        .unwrap();
    assert!(core.contains("2023-01-01T00:00:00Z"), "{core}");
}

#[test]
fn bad_year_is_refused() {
    let r = Rubric::builtin();
    let e = blank_bytes(&r, 123).unwrap_err();
    assert!(e.to_string().contains("123"), "{e}");
}

#[test]
fn blank_form_has_the_labels_the_extractor_reads() {
    let r = Rubric::builtin();
    let wb = read_back(&blank_bytes(&r, 2023).unwrap());
    let names: Vec<&str> = wb.sheets.iter().map(|s| s.name.as_str()).collect();
    assert_eq!(names, [SHEET_SELF, SHEET_PL1, SHEET_DOSSIER]);
    let s = sheet(&wb, SHEET_SELF);
    let title = s
        .cells
        .iter()
        .find_map(|c| c.value.as_text().filter(|t| t.contains("NĂM 2023")))
        .unwrap();
    assert!(title.contains("KẾT QUẢ ĐÁNH GIÁ, XẾP LOẠI “ĐƠN VỊ HỌC TẬP” NĂM 2023"));
    find(s, "I. Đơn vị:");
    let m = find(s, "Tổng số thành viên");
    assert_eq!(right_of(s, m), None, "members cell is blank");
    let stt = find(s, "STT");
    for (k, h) in sheets::HEADER.iter().enumerate() {
        assert_eq!(
            s.get(Addr::new(stt.row, stt.col + k as u32))
                .and_then(|v| v.as_text()),
            Some(*h)
        );
    }
    // Every criterion, in rubric order, below the header, with its max.
    for (i, item) in r.items.iter().enumerate() {
        let row = stt.row + 1 + i as u32;
        let text = s.get(Addr::new(row, 1)).and_then(|v| v.as_text()).unwrap();
        assert!(text.starts_with(&item.text), "row {row}: {text}");
        if let Some(n) = &item.note {
            assert!(text.ends_with(&format!("({n})")), "{text}");
        }
        assert_eq!(
            num(s.get(Addr::new(row, 2))),
            Some(item.max),
            "max of {}",
            item.id
        );
    }
    let total = find(s, "Tổng cộng");
    assert_eq!(total.row, stt.row + 1 + r.items.len() as u32);
    // A blank form: group sums, total and classification show nothing.
    assert_eq!(s.get(Addr::new(total.row, 5)), None);
    for (i, item) in r.items.iter().enumerate() {
        let row = stt.row + 1 + i as u32;
        assert_eq!(s.get(Addr::new(row, 5)), None, "{} blank", item.id);
    }
    let class = find(s, "Xếp loại");
    assert_eq!(s.get(Addr::new(class.row, 5)), None);
    // No rate shown without counts.
    assert_eq!(s.get(Addr::new(stt.row + 5, 4)), None);

    let p = sheet(&wb, SHEET_PL1);
    for f in Pl1Field::ALL {
        let a = find(p, f.label());
        assert_eq!(right_of(p, a), None, "{f:?} blank");
    }
    let ds = sheet(&wb, SHEET_DOSSIER);
    for doc in DossierDoc::ALL {
        let a = find(ds, doc.label());
        assert_eq!(right_of(ds, a), None);
    }
}

fn filled() -> FilledForm {
    let mut f = FilledForm::blank(2023);
    f.unit = "Phòng Tư pháp".into();
    f.members = Some(Typed::int(50));
    for id in [
        "1a", "1b", "3a1", "3a2", "3a3", "3a4", "3a5", "3a6", "3a7", "3a8", "3b",
    ] {
        f.item_mut(id).evidence = Some(Typed::yes_no(true));
    }
    let r = Rubric::builtin();
    for item in r.leaves() {
        f.item_mut(&item.id).self_score = Some(Typed::Number(item.max));
    }
    f.item_mut("2a").evidence = Some(Typed::int(47));
    f.item_mut("2a").self_score = Some(Typed::text("9,5")); // text: SUM skips it
    f.item_mut("2b").evidence = Some(Typed::int(44));
    f.item_mut("2b").self_score = Some(Typed::num("4.5"));
    f.item_mut("2c").evidence = Some(Typed::int(2)); // hmm, low
    f.item_mut("2d").evidence = Some(Typed::text("nhiều"));
    f.item_mut("1c").evidence = Some(Typed::int(0));
    f.item_mut("3c").evidence = Some(Typed::int(3));
    f.item_mut("3c").note = Some("Trường TH A, B, C".into());
    f.pl1.insert(Pl1Field::DuesPayers, Typed::int(45));
    f.pl1.insert(Pl1Field::Income, Typed::int(5_000_000));
    f.pl1.insert(Pl1Field::Expense, Typed::int(3_250_000));
    f.dossier.insert(DossierDoc::BoardDecision, true);
    f.dossier.insert(DossierDoc::SelfStudyPlans, false);
    f
}

#[test]
fn filled_form_carries_values_and_exact_cached_results() {
    let r = Rubric::builtin();
    let wb = read_back(&form_bytes(&r, &filled()).unwrap());
    let s = sheet(&wb, SHEET_SELF);
    assert_eq!(
        right_of(s, Addr::new(find(s, "I. Đơn vị:").row, 1)).and_then(|v| v.as_text()),
        Some("Phòng Tư pháp")
    );
    let stt = find(s, "STT");
    let row = |id: &str| stt.row + 1 + r.items.iter().position(|i| i.id == id).unwrap() as u32;
    let at = |id: &str, col: u32| s.get(Addr::new(row(id), col)).cloned();
    assert_eq!(at("1a", 3), Some(CellValue::Text("Có".into())));
    assert_eq!(at("2a", 5), Some(CellValue::Text("9,5".into())));
    // Rates: 47/50 = 94 % in a percent-formatted cell.
    assert_eq!(num(at("2a", 4).as_ref()), Some(d("0.94")));
    assert_eq!(num(at("2b", 4).as_ref()), Some(d("0.88")));
    assert_eq!(at("2d", 4), Some(CellValue::Error("#VALUE!".into())));
    // Group 2: the text "9,5" is skipped by SUM → 4.5 + 10 + 5.
    assert_eq!(num(at("2", 5).as_ref()), Some(d("19.5")));
    assert_eq!(num(at("1", 5).as_ref()), Some(d("30")));
    assert_eq!(num(at("3a", 5).as_ref()), Some(d("25")));
    assert_eq!(num(at("3", 5).as_ref()), Some(d("40")));
    let total = find(s, "Tổng cộng");
    assert_eq!(num(s.get(Addr::new(total.row, 5))), Some(d("89.5")));
    let class = find(s, "Xếp loại");
    assert_eq!(
        s.get(Addr::new(class.row, 5)).and_then(|v| v.as_text()),
        Some("Tốt")
    );
    let p = sheet(&wb, SHEET_PL1);
    let val = |f: Pl1Field| num(right_of(p, find(p, f.label())));
    assert_eq!(val(Pl1Field::DuesAmount), Some(d("540000")));
    assert_eq!(val(Pl1Field::Balance), Some(d("1750000")));
    assert_eq!(val(Pl1Field::DuesPayers), Some(d("45")));
    let ds = sheet(&wb, SHEET_DOSSIER);
    let mark = |doc: DossierDoc| {
        right_of(ds, find(ds, doc.label())).and_then(|v| v.as_text().map(str::to_string))
    };
    assert_eq!(mark(DossierDoc::BoardDecision).as_deref(), Some("Có"));
    assert_eq!(mark(DossierDoc::SelfStudyPlans).as_deref(), Some("Không"));
    assert_eq!(mark(DossierDoc::LifelongCommitments), None);
}

#[test]
fn typed_over_formulas_are_kept() {
    let r = Rubric::builtin();
    let mut f = filled();
    f.item_mut("1").self_score = Some(Typed::int(28));
    f.total = Some(Typed::int(95));
    f.classification = Some("Xuất sắc".into());
    f.pl1.insert(Pl1Field::DuesAmount, Typed::int(500_000));
    let wb = read_back(&form_bytes(&r, &f).unwrap());
    let s = sheet(&wb, SHEET_SELF);
    let total = find(s, "Tổng cộng");
    assert_eq!(num(s.get(Addr::new(total.row, 5))), Some(d("95")));
    let class = find(s, "Xếp loại");
    assert_eq!(
        s.get(Addr::new(class.row, 5)).and_then(|v| v.as_text()),
        Some("Xuất sắc")
    );
    let p = sheet(&wb, SHEET_PL1);
    assert_eq!(
        num(right_of(p, find(p, Pl1Field::DuesAmount.label()))),
        Some(d("500000"))
    );
}

#[test]
fn classification_cached_value_follows_the_bands() {
    let r = Rubric::builtin();
    for (total, band) in [
        ("85", "Tốt"),
        ("84.5", "Khá"),
        ("70", "Khá"),
        ("50", "Trung bình"),
        ("49.5", "Chưa đạt"),
    ] {
        let (formula, cached) = sheets_class(&r, Some(d(total)));
        assert_eq!(cached, band, "{total}");
        assert!(formula.starts_with("IF(COUNT("), "{formula}");
    }
}

fn sheets_class(r: &Rubric, total: Option<Decimal>) -> (String, String) {
    sheets::class_formula_for_tests(r, total)
}

#[test]
fn atomic_write_replaces_the_file_and_leaves_no_temporary() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("mau.xlsx");
    std::fs::write(&path, b"old").unwrap();
    let r = Rubric::builtin();
    write_blank(&r, 2023, &path).unwrap();
    assert_eq!(
        std::fs::read(&path).unwrap(),
        blank_bytes(&r, 2023).unwrap()
    );
    let names: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(names.len(), 1, "{names:?}");
    // A folder that does not exist: an error naming the path, not a panic.
    let bad = dir.path().join("khong-co/mau.xlsx");
    let e = write_blank(&r, 2023, &bad).unwrap_err();
    assert!(e.to_string().contains("khong-co"), "{e}");
}

#[test]
fn civil_year_of_days() {
    assert_eq!(year_of_day(0), 1970);
    assert_eq!(year_of_day(19_358), 2023); // 2023-01-01
    assert_eq!(year_of_day(19_357), 2022); // 2022-12-31
    assert_eq!(year_of_day(19_722), 2023); // 2023-12-31
    assert_eq!(year_of_day(19_723), 2024);
}

#[test]
fn a_partly_filled_form_sums_what_is_there() {
    let r = Rubric::builtin();
    let mut f = FilledForm::blank(2023);
    f.item_mut("1a").self_score = Some(Typed::int(10));
    f.item_mut("3a2").self_score = Some(Typed::int(3));
    let wb = read_back(&form_bytes(&r, &f).unwrap());
    let s = sheet(&wb, SHEET_SELF);
    let stt = find(s, "STT");
    let at = |id: &str| {
        let row = stt.row + 1 + r.items.iter().position(|i| i.id == id).unwrap() as u32;
        s.get(Addr::new(row, 5)).cloned()
    };
    assert_eq!(num(at("1").as_ref()), Some(d("10")));
    assert_eq!(at("2"), None);
    assert_eq!(num(at("3a").as_ref()), Some(d("3")));
    assert_eq!(num(at("3").as_ref()), Some(d("3")));
    let total = find(s, "Tổng cộng");
    assert_eq!(num(s.get(Addr::new(total.row, 5))), Some(d("13")));
    let class = find(s, "Xếp loại");
    assert_eq!(
        s.get(Addr::new(class.row, 5)).and_then(|v| v.as_text()),
        Some("Chưa đạt")
    );
}

fn part(bytes: &[u8], name: &str) -> String {
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    let mut s = String::new();
    std::io::Read::read_to_string(&mut zip.by_name(name).unwrap(), &mut s).unwrap();
    s
}

#[test]
fn form_is_protected_printable_and_validated() {
    let r = Rubric::builtin();
    let bytes = blank_bytes(&r, 2023).unwrap();
    let wbx = part(&bytes, "xl/workbook.xml");
    assert!(
        wbx.contains("<definedName name=\"_xlnm.Print_Titles\" localSheetId=\"0\">'Tự đánh giá'!$8:$8</definedName>"),
        "the table header repeats on every printed page: {wbx}"
    );
    for n in 1..=3 {
        let x = part(&bytes, &format!("xl/worksheets/sheet{n}.xml"));
        assert!(
            x.contains("<sheetProtection sheet=\"1\""),
            "sheet{n} protected"
        );
        assert!(!x.contains("password"), "sheet{n}: no password");
        assert!(x.contains("paperSize=\"9\""), "sheet{n}: A4");
        assert!(x.contains("orientation=\"portrait\""), "sheet{n}: portrait");
        assert!(
            x.contains("fitToHeight=\"0\"") && x.contains("fitToPage=\"1\""),
            "sheet{n}: one page wide"
        );
    }
    let x = part(&bytes, "xl/worksheets/sheet1.xml");
    // Yes/no drop-down, counts bounded by the members, 1c by 0..4, scores by
    // 0..max in steps of 0.5 — each with Vietnamese texts.
    assert!(
        x.contains("sqref=\"D10\"><formula1>\"Có,Không\"</formula1>"),
        "{x}"
    );
    assert!(x.contains("sqref=\"D14\"><formula1>0</formula1><formula2>$C$5</formula2>"));
    assert!(x.contains("sqref=\"D12\"><formula1>0</formula1><formula2>4</formula2>"));
    assert!(x.contains(
        "sqref=\"F15\"><formula1>AND(ISNUMBER(F15),F15&gt;=0,F15&lt;=5,MOD(F15*2,1)=0)</formula1>"
    ));
    assert!(x.contains("error=\"Điểm tự chấm phải là số từ 0 đến 5 và chia hết cho 0,5.\""));
    // Formulas: the rate of 2a and the sum of group 1.
    assert!(
        x.contains("<f>IF(OR(D14=\"\",N($C$5)&lt;=0),\"\",D14/$C$5)</f>"),
        "rate formula"
    );
    assert!(
        x.contains("<f>IF(COUNT(F10:F12)=0,\"\",SUM(F10:F12))</f>"),
        "group 1 sum"
    );
    assert!(
        x.contains("<f>IF(COUNT(F20:F27)=0,\"\",SUM(F20:F27))</f>"),
        "group 3a sum"
    );
    assert!(
        x.contains("<f>IF(COUNT(F19,F28:F29)=0,\"\",SUM(F19,F28:F29))</f>"),
        "group 3 sum"
    );
    // Input cells are unlocked and filled light yellow; labels stay locked.
    let styles = part(&bytes, "xl/styles.xml");
    assert!(styles.contains("FFFFF2CC"), "light yellow fill");
    assert!(
        styles.contains("<protection locked=\"0\"/>"),
        "unlocked input style"
    );
}
