//! The papers dvht drafts (plan and finalize), built from data written
//! here by hand and read back by independent readers: python-docx for the
//! parts (Quốc hiệu – Tiêu ngữ, issuing body, title, the decision's list,
//! A4, margins, fonts) and LibreOffice (each converts to PDF; its text
//! holds the same parts). Same input, same bytes.

mod docx_support;
mod libreoffice_support;

use docx_support::{assert_nd30, lines, table};
use dvht::documents::papers::finalize::Change;
use dvht::documents::papers::*;
use dvht::documents::{Doc, Settings, docx_bytes};
use rust_decimal::Decimal;
use std::path::PathBuf;

/// 15/12/2023 00:00 UTC.
const CREATED: i64 = 1_702_598_400;

fn d(s: &str) -> Decimal {
    s.parse().unwrap()
}

fn plan_input() -> PlanInput {
    let m = |name: &str, role: &str, agency: &str| Member {
        name: name.into(),
        role: role.into(),
        agency: agency.into(),
    };
    let v = |unit: &str, start: &str, end: &str| Visit {
        unit: unit.into(),
        start: start.into(),
        end: end.into(),
    };
    PlanInput {
        year: 2023,
        date: dvht::plan::day::Date::new(2023, 12, 15),
        place: "Phòng Giáo dục và Đào tạo huyện Thủ Thừa".into(),
        teams: vec![
            TeamPlan {
                name: "Đoàn 1".into(),
                members: vec![
                    m("Nguyễn Văn An", "Trưởng đoàn", "Phòng Giáo dục và Đào tạo"),
                    m("Trần Thị Bình", "Thành viên", "Hội Khuyến học huyện"),
                ],
                visits: vec![
                    v("Phòng Tư pháp", "07:30", "07:50"),
                    v("Phòng Y tế", "07:50", "08:10"),
                ],
            },
            TeamPlan {
                name: "Đoàn 2".into(),
                members: vec![
                    m("Lê Văn Cường", "Trưởng đoàn", "Phòng Nội vụ"),
                    m("Phạm Thị Dung", "Thành viên", "Phòng Văn hóa và Thông tin"),
                ],
                visits: vec![
                    v("Trường THCS Mỹ Phú", "07:30", "07:50"),
                    v("Thanh tra huyện", "13:30", "13:50"),
                ],
            },
        ],
        created: CREATED,
    }
}

fn unit(name: &str, total: &str, class: &str, recognized: bool) -> UnitResult {
    UnitResult {
        name: name.into(),
        total: Some(d(total)),
        classification: Some(class.into()),
        recognized,
        groups: vec![Some(d("30")), Some(d("25")), Some(d(total) - d("55"))],
        ..UnitResult::default()
    }
}

fn final_input() -> FinalInput {
    let mut y_te = unit("Phòng Y tế", "88.5", "Tốt", false);
    y_te.reasons = vec!["biểu mẫu còn lỗi ở tiêu chí 1a chưa được Đoàn kiểm tra xử lý".into()];
    let mut tu_phap = unit("Phòng Tư pháp", "97.5", "Tốt", true);
    tu_phap.changes = vec![Change {
        id: "2a".into(),
        proposed: Some(d("10")),
        team: d("9.5"),
    }];
    FinalInput {
        year: 2023,
        units: vec![
            tu_phap,
            unit("Phòng Nội vụ", "90", "Tốt", true),
            y_te,
            unit("Trường THCS Mỹ Phú", "80", "Khá", true),
            unit("UBND xã Mỹ An", "65", "Trung bình", true),
            unit("Thanh tra huyện", "45.5", "Chưa đạt", false),
        ],
        groups: vec![
            Group {
                id: "1".into(),
                label: "Các điều kiện để xây dựng “Đơn vị học tập”".into(),
                max: d("30"),
            },
            Group {
                id: "2".into(),
                label: "Về kết quả học tập của thành viên".into(),
                max: d("30"),
            },
            Group {
                id: "3".into(),
                label: "Đánh giá hiệu quả, tác động".into(),
                max: d("40"),
            },
        ],
        classes: ["Tốt", "Khá", "Trung bình", "Chưa đạt"]
            .map(String::from)
            .to_vec(),
        annex1: vec![
            ("Tổng số hội viên năm nay".into(), d("1234"), false),
            ("Thành tiền hội phí (đồng)".into(), d("14808000"), true),
        ],
        created: CREATED,
    }
}

/// The five papers with their issuing body (as the settings name it).
fn papers() -> Vec<(&'static str, Doc, &'static str)> {
    let s = Settings::builtin();
    let p = plan_input();
    let f = final_input();
    vec![
        (
            "quyet-dinh-doan",
            team_decision(&s, &p),
            "Ủy ban nhân dân huyện Thủ Thừa",
        ),
        (
            "thong-bao-lich",
            schedule_notice(&s, &p),
            "Ban Chỉ đạo xây dựng xã hội học tập huyện Thủ Thừa",
        ),
        ("to-trinh", submission(&s, &f), "Phòng Giáo dục và Đào tạo"),
        (
            "quyet-dinh-cong-nhan",
            recognition_decision(&s, &f),
            "Ủy ban nhân dân huyện Thủ Thừa",
        ),
        (
            "bao-cao",
            report(&s, &f),
            "Ban Chỉ đạo xây dựng xã hội học tập huyện Thủ Thừa",
        ),
    ]
}

fn write_all(dir: &std::path::Path) -> Vec<PathBuf> {
    papers()
        .iter()
        .map(|(name, doc, _)| {
            let p = dir.join(format!("{name}.docx"));
            std::fs::write(&p, docx_bytes(doc).unwrap()).unwrap();
            p
        })
        .collect()
}

#[test]
fn same_input_same_bytes() {
    let a: Vec<Vec<u8>> = papers()
        .iter()
        .map(|(_, d, _)| docx_bytes(d).unwrap())
        .collect();
    // Built again in another order: paragraph ids must not depend on what
    // was built before on the thread.
    let mut b: Vec<Vec<u8>> = papers()
        .iter()
        .rev()
        .map(|(_, d, _)| docx_bytes(d).unwrap())
        .collect();
    b.reverse();
    assert!(a == b, "the same documents gave other bytes");
    // Another date gives other bytes (the date is in the properties).
    let (_, mut doc, _) = papers().remove(0);
    doc.created += 86_400;
    assert_ne!(docx_bytes(&doc).unwrap(), a[0]);
}

#[test]
fn python_docx_reads_every_part() {
    if !docx_support::python_docx() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let files = write_all(dir.path());
    let read = docx_support::read(&files);
    for ((name, doc, issuer), r) in papers().iter().zip(&read) {
        assert_nd30(r, issuer);
        let text = lines(r);
        assert!(
            text.iter().any(|l| *l == doc.kind.to_uppercase()),
            "{name}: kind {}",
            doc.kind
        );
        assert!(
            text.join(" ").contains(&doc.summary),
            "{name}: summary {}",
            doc.summary
        );
        assert_eq!(r["created"], "2023-12-15T00:00:00+00:00", "{name}");
        assert!(
            text.iter()
                .any(|l| l.contains("Thủ Thừa, ngày") && l.ends_with("năm 2023")),
            "{name}: place and date"
        );
    }
    // Every document but the report and the notice signs with the names of
    // the settings; these two are the Ban Chỉ đạo's.
    let bcd = lines(&read[4]);
    assert!(bcd.iter().any(|l| l == "TRƯỞNG BAN"));
    assert!(bcd.iter().any(|l| l == "PHÓ CHỦ TỊCH UBND HUYỆN"));
    assert!(bcd.iter().any(|l| l == "Phan Văn Tới"));
    assert!(bcd.iter().any(|l| l == "Nơi nhận:"));
    assert!(bcd.iter().any(|l| l == "- Lưu: VT, PGDĐT."));
}

#[test]
fn the_decision_lists_exactly_the_recognised_units() {
    if !docx_support::python_docx() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let files = write_all(dir.path());
    let read = docx_support::read(&files);
    let decision = &read[3];
    // Tables: the header, the foot (Nơi nhận, signature), the list (annex).
    let list = table(decision, 2);
    let expected: Vec<Vec<&str>> = vec![
        vec!["STT", "Tên đơn vị", "Tổng điểm", "Xếp loại"],
        vec!["1", "Phòng Tư pháp", "97,5", "Tốt"],
        vec!["2", "Phòng Nội vụ", "90", "Tốt"],
        vec!["3", "Trường THCS Mỹ Phú", "80", "Khá"],
        vec!["4", "UBND xã Mỹ An", "65", "Trung bình"],
    ];
    assert_eq!(list, expected);
    let all = lines(decision).join("\n");
    for absent in ["Phòng Y tế", "Thanh tra huyện"] {
        assert!(!all.contains(absent), "{absent} is not recognised");
    }
    assert!(all.contains("DỰ THẢO"));
    assert!(all.contains("đối với 04 cơ quan, đơn vị"));
    // The annex numbers its own pages.
    let sections = decision["sections"].as_array().unwrap();
    assert_eq!(sections.len(), 2);
    assert_eq!(sections[1]["page_number_start"], "1");

    // The submission counts by classification and names the two others.
    let sub = lines(&read[2]).join("\n");
    assert!(
        sub.contains("Tốt: 03 đơn vị; Khá: 01 đơn vị; Trung bình: 01 đơn vị; Chưa đạt: 01 đơn vị.")
    );
    assert!(sub.contains("Kính gửi: Ủy ban nhân dân huyện Thủ Thừa."));
    assert!(sub.contains("- Phòng Y tế (tổng điểm 88,5): biểu mẫu còn lỗi ở tiêu chí 1a chưa được Đoàn kiểm tra xử lý."));
    assert!(sub.contains("- Thanh tra huyện (tổng điểm 45,5): xếp loại Chưa đạt."));

    // The report: figures by classification (hand-computed shares), the
    // team's change, the Phụ lục 1 totals.
    let rep = &read[4];
    assert_eq!(
        table(rep, 1),
        vec![
            vec!["Xếp loại", "Số đơn vị", "Tỷ lệ (%)"],
            vec!["Tốt", "03", "50"],
            vec!["Khá", "01", "16,7"],
            vec!["Trung bình", "01", "16,7"],
            vec!["Chưa đạt", "01", "16,7"],
            vec!["Tổng cộng", "06", "100"],
        ]
    );
    let text = lines(rep).join("\n");
    assert!(
        text.contains(
            "- Phòng Tư pháp: tiêu chí 2a Đoàn kiểm tra chấm 9,5 điểm (đơn vị đề xuất 10)."
        )
    );
    assert!(text.contains("- Tiêu chí 1 (Các điều kiện để xây dựng “Đơn vị học tập”): 06/06 đơn vị đạt điểm tối đa (30 điểm); điểm bình quân 30."));
    assert!(text.contains("- Tiêu chí 2 (Về kết quả học tập của thành viên): chưa có đơn vị nào đạt điểm tối đa (30 điểm); điểm bình quân 25."));
    assert!(text.contains("- Đơn vị đạt điểm cao nhất (97,5 điểm): Phòng Tư pháp."));
    // Short tables are kept on one page.
    assert_eq!(
        rep["kept_together"],
        serde_json::json!([false, true, true, false])
    );
    assert_eq!(
        table(rep, 2),
        vec![
            vec!["STT", "Nội dung", "Toàn huyện"],
            vec!["1", "Tổng số hội viên năm nay", "1.234"],
            vec!["2", "Thành tiền hội phí (đồng)", "14.808.000"],
        ]
    );
}

#[test]
fn the_plan_papers_carry_the_teams_and_the_schedule() {
    if !docx_support::python_docx() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let files = write_all(dir.path());
    let read = docx_support::read(&files);
    let decision = &read[0];
    assert_eq!(
        table(decision, 1),
        vec![
            vec!["STT", "Họ và tên", "Đơn vị công tác", "Nhiệm vụ"],
            vec![
                "1",
                "Nguyễn Văn An",
                "Phòng Giáo dục và Đào tạo",
                "Trưởng đoàn"
            ],
            vec!["2", "Trần Thị Bình", "Hội Khuyến học huyện", "Thành viên"],
        ]
    );
    // The annex (after the header, the two teams and the foot): each
    // team's units in time order.
    assert_eq!(
        table(decision, 5),
        vec![
            vec!["STT", "Thời gian", "Đơn vị được kiểm tra"],
            vec!["1", "07:30 – 07:50", "Trường THCS Mỹ Phú"],
            vec!["2", "13:30 – 13:50", "Thanh tra huyện"],
        ]
    );
    let text = lines(decision).join("\n");
    assert!(text.contains("Thành lập 02 Đoàn kiểm tra"));
    assert!(text.contains("thứ Sáu ngày 15/12/2023"));
    // The notice: every unit once, by time, with its team.
    assert_eq!(
        table(&read[1], 1),
        vec![
            vec!["STT", "Thời gian", "Đơn vị", "Đoàn"],
            vec!["1", "07:30 – 07:50", "Phòng Tư pháp", "Đoàn 1"],
            vec!["2", "07:30 – 07:50", "Trường THCS Mỹ Phú", "Đoàn 2"],
            vec!["3", "07:50 – 08:10", "Phòng Y tế", "Đoàn 1"],
            vec!["4", "13:30 – 13:50", "Thanh tra huyện", "Đoàn 2"],
        ]
    );
}

#[test]
fn libreoffice_converts_every_paper() {
    let Some(soffice) =
        libreoffice_support::soffice_or_skip("LibreOffice conversion of the papers")
    else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let files = write_all(dir.path());
    docx_support::assert_pdfs(&soffice, &files, dir.path());
    let texts = libreoffice_support::docs_as_text(&soffice, &files, dir.path());
    assert_eq!(texts.len(), 5);
    for ((name, doc, issuer), t) in papers().iter().zip(&texts) {
        assert!(t.contains("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"), "{name}");
        assert!(t.contains("Độc lập - Tự do - Hạnh phúc"), "{name}");
        assert!(t.contains(&doc.kind.to_uppercase()), "{name}");
        // The issuing body may be broken over lines: compare without them.
        let flat = t.split_whitespace().collect::<Vec<_>>().join(" ");
        assert!(flat.contains(&issuer.to_uppercase()), "{name}: {issuer}");
    }
    assert!(texts[3].contains("Trường THCS Mỹ Phú"));
    assert!(!texts[3].contains("Thanh tra huyện"));
}
