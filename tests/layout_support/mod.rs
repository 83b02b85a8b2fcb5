//! A corpus of layouts units really send: the Phụ lục 2 table retyped,
//! shifted, merged, with or without columns, scores typed as text … Each
//! layout is written with rust_xlsxwriter from one truth (the same unit's
//! answers), so every layout must read back to that truth.

#![allow(dead_code)]

use dvht::form::{DossierDoc, Evidence, Form, Pl1Field};
use dvht::rubric::{Rubric, Rule};
use rust_decimal::Decimal;
use rust_xlsxwriter::{Format, Workbook, Worksheet};
use std::path::Path;
use std::str::FromStr;
use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

/// What one unit answered: self-score, evidence and percentage per id.
pub struct Answer {
    pub id: &'static str,
    pub score: &'static str,
    pub evidence: Option<Ev>,
    pub percent: Option<&'static str>,
}

#[derive(Clone, Copy, Debug)]
pub enum Ev {
    Yes(bool),
    Count(&'static str),
}

/// 50 members; 1c lacks one resource; 47/44/50/45 members for 2a–2d; no 3a5; 3 units shared.
pub const ANSWERS: &[Answer] = &[
    a("1", "28", None, None),
    a("1a", "10", Some(Ev::Yes(true)), None),
    a("1b", "10", Some(Ev::Yes(true)), None),
    a("1c", "8", Some(Ev::Count("1")), None),
    a("2", "28.5", None, None),
    a("2a", "9.5", Some(Ev::Count("47")), Some("94")),
    a("2b", "4.5", Some(Ev::Count("44")), Some("88")),
    a("2c", "10", Some(Ev::Count("50")), Some("100")),
    a("2d", "4.5", Some(Ev::Count("45")), Some("90")),
    a("3", "35", None, None),
    a("3a", "22", None, None),
    a("3a1", "3", Some(Ev::Yes(true)), None),
    a("3a2", "3", Some(Ev::Yes(true)), None),
    a("3a3", "3", Some(Ev::Yes(true)), None),
    a("3a4", "3", Some(Ev::Yes(true)), None),
    a("3a5", "0", Some(Ev::Yes(false)), None),
    a("3a6", "3", Some(Ev::Yes(true)), None),
    a("3a7", "3", Some(Ev::Yes(true)), None),
    a("3a8", "4", Some(Ev::Yes(true)), None),
    a("3b", "10", Some(Ev::Yes(true)), None),
    a("3c", "3", Some(Ev::Count("3")), None),
];
pub const TOTAL: &str = "91.5";
pub const MEMBERS: u32 = 50;
pub const YEAR: i32 = 2023;

const fn a(
    id: &'static str,
    score: &'static str,
    evidence: Option<Ev>,
    percent: Option<&'static str>,
) -> Answer {
    Answer {
        id,
        score,
        evidence,
        percent,
    }
}

pub fn dec(s: &str) -> Decimal {
    Decimal::from_str(s).unwrap()
}

fn f64_of(s: &str) -> f64 {
    s.parse().unwrap()
}

/// "9.5" as a person types it in Vietnamese: "9,5".
fn vi(s: &str) -> String {
    s.replace('.', ",")
}

/// Vietnamese text without its marks (as typed on a keyboard without Unikey).
pub fn no_marks(s: &str) -> String {
    s.nfd()
        .filter(|c| !is_combining_mark(*c))
        .map(|c| match c {
            'đ' => 'd',
            'Đ' => 'D',
            c => c,
        })
        .collect()
}

#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Scores {
    Numbers,
    /// "9,5 điểm", "10,0".
    Text,
    /// "9,5/10": out of the criterion's maximum.
    OutOfMax,
}

#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Pct {
    None,
    /// "94%".
    Text,
    /// 0.94 in a cell formatted as a percentage.
    Formatted,
}

#[derive(Clone, Copy, Debug, PartialEq)]
pub enum UnitStyle {
    /// "Đơn vị:" then the name in the next cell.
    Right,
    /// "I. Đơn vị: …" in one cell merged over the width of the table.
    MergedTitle,
}

#[derive(Clone, Debug)]
pub struct Layout {
    pub name: &'static str,
    pub unit: &'static str,
    pub sheet: &'static str,
    /// Sheets before the form's (instructions).
    pub before: &'static [&'static str],
    pub row0: u32,
    pub col0: u16,
    pub stt: bool,
    pub max: bool,
    pub evidence: bool,
    pub pct: Pct,
    pub note_col: bool,
    /// An extra column ("Đơn vị tính") between the criterion and the rest.
    pub extra_col: bool,
    /// A hidden column of last year's scores between criterion and scores.
    pub hidden_col: bool,
    pub repeat_header: bool,
    pub merged_criterion: bool,
    pub two_row_header: bool,
    pub no_marks: bool,
    pub upper: bool,
    pub notes_in_text: bool,
    pub scores: Scores,
    /// Evidence counts typed as "47 người", marks as x / ✓.
    pub typed_evidence: bool,
    pub unit_style: UnitStyle,
    /// "Tổng số CB CC-VC …" instead of "Tổng số thành viên".
    pub staff_label: bool,
    /// "Năm:" with 2023 in the next cell instead of "NĂM 2023" in the title.
    pub year_label: bool,
    /// Criteria retyped in the unit's own words ("100% CB-GV-NV …"),
    /// member counts as "47/50".
    pub paraphrase: bool,
    /// A school's wording of the headers and labels: TT, Các tiêu chí,
    /// Điểm chuẩn, Số lượng, Tự đánh giá; "Tổng số CB-GV-NV".
    pub school_words: bool,
    /// A "Phụ lục 1" sheet in the seed's wording and the dossier checklist
    /// after it: see [`PL1`] and [`DOSSIER`].
    pub pl1_sheet: bool,
}

impl Layout {
    fn base(name: &'static str, unit: &'static str) -> Layout {
        Layout {
            name,
            unit,
            sheet: "Phụ lục 2",
            before: &[],
            row0: 0,
            col0: 0,
            stt: true,
            max: true,
            evidence: true,
            pct: Pct::Text,
            note_col: false,
            extra_col: false,
            hidden_col: false,
            repeat_header: false,
            merged_criterion: false,
            two_row_header: false,
            no_marks: false,
            upper: false,
            notes_in_text: false,
            scores: Scores::Numbers,
            typed_evidence: false,
            unit_style: UnitStyle::Right,
            staff_label: false,
            year_label: false,
            paraphrase: false,
            school_words: false,
            pl1_sheet: false,
        }
    }

    /// The file name of this layout.
    pub fn file(&self) -> String {
        format!("{}.xlsx", self.name)
    }
}

/// The layouts of the corpus.
pub fn layouts() -> Vec<Layout> {
    let b = Layout::base;
    vec![
        Layout {
            note_col: true,
            ..b("standard", "Phòng Giáo dục và Đào tạo")
        },
        Layout {
            sheet: "Bao cao",
            row0: 6,
            col0: 3,
            ..b("shifted", "Phòng Tài chính - Kế hoạch")
        },
        Layout {
            sheet: "Trang tính1",
            repeat_header: true,
            ..b("renamed_repeated_header", "Phòng Nội vụ")
        },
        Layout {
            merged_criterion: true,
            unit_style: UnitStyle::MergedTitle,
            ..b("merged_cells", "Phòng Tư pháp")
        },
        Layout {
            stt: false,
            ..b("no_stt", "Trường Tiểu học Nhị Thành")
        },
        Layout {
            max: false,
            ..b("no_max", "Trường THCS Bình Thạnh")
        },
        Layout {
            scores: Scores::Text,
            typed_evidence: true,
            ..b("text_scores", "Trường Mầm non Hoa Sen")
        },
        Layout {
            pct: Pct::Formatted,
            ..b("percent_cells", "Văn phòng HĐND và UBND huyện")
        },
        Layout {
            no_marks: true,
            ..b("no_diacritics", "Phong Van hoa va Thong tin")
        },
        Layout {
            two_row_header: true,
            ..b("two_row_header", "Phòng Y tế")
        },
        Layout {
            hidden_col: true,
            ..b("hidden_column", "Phòng Lao động - Thương binh và Xã hội")
        },
        Layout {
            extra_col: true,
            note_col: true,
            ..b("extra_columns", "Phòng Kinh tế - Hạ tầng")
        },
        Layout {
            sheet: "Tự đánh giá",
            before: &["Hướng dẫn"],
            ..b("second_sheet", "Trung tâm Văn hóa - Thể thao")
        },
        Layout {
            notes_in_text: true,
            staff_label: true,
            year_label: true,
            ..b("notes_staff_year_label", "Phòng Tài nguyên và Môi trường")
        },
        Layout {
            evidence: false,
            pct: Pct::None,
            notes_in_text: true,
            repeat_header: true,
            pl1_sheet: true,
            ..b("seed_copy", "Thanh tra huyện")
        },
        Layout {
            upper: true,
            typed_evidence: true,
            ..b("upper_case", "Trường THPT Thủ Thừa")
        },
        Layout {
            row0: 3,
            col0: 1,
            stt: false,
            two_row_header: true,
            merged_criterion: true,
            scores: Scores::Text,
            sheet: "Sheet1",
            before: &["Ghi chú"],
            ..b("combined", "Ban Quản lý dự án")
        },
        Layout {
            paraphrase: true,
            stt: false,
            ..b("paraphrased", "Trường Tiểu học Mỹ Lạc")
        },
        Layout {
            school_words: true,
            scores: Scores::OutOfMax,
            sheet: "TH Tân Thành",
            row0: 2,
            ..b("school_words", "Trường Tiểu học Tân Thành")
        },
    ]
}

/// How a school retypes the criteria in its own words.
fn paraphrase(id: &str) -> Option<&'static str> {
    Some(match id {
        "1" => "I. CÁC ĐIỀU KIỆN ĐỂ XÂY DỰNG ĐƠN VỊ HỌC TẬP",
        "1a" => "Có chủ trương hoặc kế hoạch cho thành viên học tập thường xuyên",
        "1b" => "Có quy định cụ thể nhằm động viên CB-GV-NV học tập",
        "1c" => "Đầu tư các nguồn lực (tài chính, CSVC, trang thiết bị…)",
        "2" => "II. KẾT QUẢ HỌC TẬP CỦA THÀNH VIÊN",
        "2a" => "100% CB-GV-NV có kế hoạch tự học, tự bồi dưỡng được Hiệu trưởng phê duyệt",
        "2b" => "100% CB-GV-NV chấp hành kỷ luật lao động, nội quy nhà trường",
        "2c" => "100% CB-GV-NV hoàn thành chương trình bồi dưỡng bắt buộc",
        "2d" => "100% CB-GV-NV đạt danh hiệu Lao động tiên tiến trở lên",
        "3" => "III. HIỆU QUẢ, TÁC ĐỘNG CỦA XÂY DỰNG ĐƠN VỊ HỌC TẬP",
        "3a" => "100% CB-GV-NV đáp ứng năng lực, phẩm chất Công dân học tập",
        "3a1" => "- Tuân thủ pháp luật, thực hiện quyền và trách nhiệm công dân",
        "3a2" => "- Cam kết học tập suốt đời",
        "3a3" => "- Tổ chức việc học tập trong gia đình, dòng họ, cộng đồng",
        "3a4" => "- Lối sống lành mạnh, hòa hợp với môi trường",
        "3a5" => "- Sử dụng ngoại ngữ và CNTT đáp ứng yêu cầu công việc",
        "3a6" => "- Tư duy phản biện, sáng tạo, giải quyết vấn đề",
        "3a7" => "- Bình đẳng giới",
        "3a8" => "- Đa dạng văn hóa, ứng xử văn hóa phù hợp",
        "3b" => "Nhà trường đạt Tập thể lao động tiên tiến trở lên",
        "3c" => "Chia sẻ tri thức với các đơn vị khác (số đơn vị)",
        _ => return None,
    })
}

/// The column layout of a variant: (kind, header text) left to right.
fn columns(l: &Layout) -> Vec<(&'static str, &'static str)> {
    let c = plain_columns(l);
    if !l.school_words {
        return c;
    }
    c.into_iter()
        .map(|(k, h)| {
            let h = match k {
                "stt" => "TT",
                "criterion" => "Các tiêu chí",
                "max" => "Điểm chuẩn",
                "evidence" => "Số lượng",
                "self" => "Tự đánh giá",
                _ => h,
            };
            (k, h)
        })
        .collect()
}

fn plain_columns(l: &Layout) -> Vec<(&'static str, &'static str)> {
    let mut c = Vec::new();
    if l.stt {
        c.push(("stt", "STT"));
    }
    c.push(("criterion", "Nội dung tiêu chí"));
    if l.merged_criterion {
        c.push(("criterion2", ""));
    }
    if l.extra_col {
        c.push(("extra", "Đơn vị tính"));
    }
    if l.hidden_col {
        c.push(("hidden", "Điểm năm 2022"));
    }
    if l.max {
        c.push(("max", "Điểm số tối đa"));
    }
    if l.evidence {
        c.push(("evidence", "Số liệu"));
    }
    if l.extra_col {
        c.push(("extra2", "Người phụ trách"));
    }
    if l.pct != Pct::None {
        c.push(("pct", "Tỷ lệ (%)"));
    }
    c.push(("self", "Điểm tự chấm"));
    if l.note_col {
        c.push(("note", "Ghi chú"));
    }
    c
}

fn text(l: &Layout, s: &str) -> String {
    let s = if l.no_marks {
        no_marks(s)
    } else {
        s.to_string()
    };
    if l.upper { s.to_uppercase() } else { s }
}

/// Writes one layout as an .xlsx file.
pub fn write(l: &Layout, rubric: &Rubric, path: &Path) {
    let mut wb = Workbook::new();
    for name in l.before {
        let mut ws = Worksheet::new();
        ws.set_name(*name).unwrap();
        ws.write_string(
            0,
            0,
            "Hướng dẫn: điền vào trang sau; ghi điểm tự chấm vào cột Điểm tự chấm.",
        )
        .unwrap();
        ws.write_string(1, 0, "Đơn vị tính: điểm").unwrap();
        wb.push_worksheet(ws);
    }
    wb.push_worksheet(sheet(l, rubric));
    if l.pl1_sheet {
        wb.push_worksheet(pl1_sheet());
    }
    wb.save(path).unwrap();
}

/// The Phụ lục 1 figures of the "Phụ lục 1" sheet, as written there.
pub const PL1: &[(Pl1Field, &str)] = &[
    (Pl1Field::Staff, "50"),
    (Pl1Field::MembersLastYear, "40"),
    (Pl1Field::Members, "45"),
    (Pl1Field::DuesPayers, "45"),
    (Pl1Field::DuesAmount, "540000"),
    (Pl1Field::PartyMembers, "20"),
    (Pl1Field::MembersInParty, "18"),
    (Pl1Field::Gifts, "10"),
    (Pl1Field::GiftsAmount, "2000000"),
    (Pl1Field::Scholarships, "5"),
    (Pl1Field::ScholarshipsAmount, "2500000"),
    (Pl1Field::Income, "5000000"),
    (Pl1Field::Expense, "4500000"),
    (Pl1Field::Balance, "500000"),
];

/// The dossier marks written after Phụ lục 1 (absent: left blank).
pub const DOSSIER: &[(DossierDoc, Option<bool>)] = &[
    (DossierDoc::BoardDecision, Some(true)),
    (DossierDoc::RegistrationPlan, Some(true)),
    (DossierDoc::SelfAssessment, Some(true)),
    (DossierDoc::SelfStudyPlans, Some(false)),
    (DossierDoc::CitizenRegistrations, None),
    (DossierDoc::LifelongCommitments, Some(true)),
];

/// Phụ lục 1 typed from the seed: its lines with the figures put in, some
/// inside the line ("…: 45, thành tiền: 540.000đ"), some in the next cell.
fn pl1_sheet() -> Worksheet {
    let mut ws = Worksheet::new();
    ws.set_name("Phụ lục 1").unwrap();
    let lines: &[(&str, Option<&str>, Option<&str>)] = &[
        ("PHỤ LỤC 1", None, None),
        (
            "Báo cáo tổng kết công tác Khuyến học Ban khuyến học cơ quan Năm 2023",
            None,
            None,
        ),
        ("I.ĐẶC ĐIỂM TÌNH HÌNH", None, None),
        (
            "- Tổng số CB CC-VC – người lao động trong cơ quan:",
            Some("50"),
            None,
        ),
        ("- Tổng số hội viên năm 2022:", Some("40"), None),
        (
            "- Tổng số hội viên năm 2023: tăng 5 do tuyển mới",
            Some("45"),
            None,
        ),
        (
            "- Tổng số hội viên đóng hội phí: 45, thành tiền: 540.000đ",
            None,
            None,
        ),
        ("(Hội phí: 12.000đ/1 hội viên/ năm)", None, None),
        ("- Tổng số Đảng viên:", Some("20"), None),
        ("- Tổng số hội viên là Đảng viên:", Some("18 người"), None),
        (
            "+ Bao nhiêu suất quà:.... , thành tiền",
            Some("10"),
            Some("2.000.000"),
        ),
        (
            "+ Bao nhiêu suất học bổng:....., thành tiền.",
            Some("5"),
            Some("2.500.000 đồng"),
        ),
        (
            "- Tổng thu: (tiền mặt và hiện vật quy thành tiền)",
            Some("5.000.000"),
            None,
        ),
        (
            "- Tổng chi:(tiền mặt và hiện vật quy thành tiền)",
            Some("4.500.000"),
            None,
        ),
        (
            "- Tồn quỹ:.....(tiền mặt và hiện vật quy thành tiền)",
            Some("500.000"),
            None,
        ),
        ("HỒ SƠ MINH CHỨNG", None, None),
        (
            "+ Quyết định thành lập Ban Khuyến học cơ quan (Kèm danh sách hội viên).",
            Some("x"),
            None,
        ),
        (
            "+ Kế hoạch triển khai thực hiện đăng ký danh hiệu “Đơn vị học tập” năm 2023.",
            Some("Có"),
            None,
        ),
        (
            "+ Báo cáo tự đánh giá, xếp loại Đơn vị học tập (kèm theo hướng dẫn và phụ lục).",
            Some("✓"),
            None,
        ),
        (
            "+ Kế hoạch Đăng ký tự học, tự bồi dưỡng năm 2023 của cá nhân.",
            Some("Không"),
            None,
        ),
        (
            "+ Bản đăng ký tham gia xây dựng mô hình “Công dân học tập” năm 2023 của cá nhân.",
            None,
            None,
        ),
        (
            "+ Bản cam kết học tập suốt đời để phát triển bản thân năm 2023 của cá nhân.",
            Some("Có"),
            None,
        ),
    ];
    for (i, (label, a, b)) in lines.iter().enumerate() {
        let r = i as u32;
        ws.write_string(r, 0, *label).unwrap();
        if let Some(a) = a {
            ws.write_string(r, 1, *a).unwrap();
        }
        if let Some(b) = b {
            ws.write_string(r, 2, *b).unwrap();
        }
    }
    ws
}

/// The form sheet of a layout.
pub fn sheet(l: &Layout, rubric: &Rubric) -> Worksheet {
    let mut ws = Worksheet::new();
    ws.set_name(l.sheet).unwrap();
    let cols = columns(l);
    let col = |kind: &str| -> Option<u16> {
        cols.iter()
            .position(|(k, _)| *k == kind)
            .map(|i| l.col0 + i as u16)
    };
    let c0 = l.col0;
    let last_col = c0 + cols.len() as u16 - 1;
    let mut r = l.row0;
    ws.write_string(r, c0, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM")
        .unwrap();
    r += 1;
    let title = if l.year_label {
        "BÁO CÁO KẾT QUẢ ĐÁNH GIÁ, XẾP LOẠI “ĐƠN VỊ HỌC TẬP”".to_string()
    } else {
        format!("BÁO CÁO KẾT QUẢ ĐÁNH GIÁ, XẾP LOẠI “ĐƠN VỊ HỌC TẬP” NĂM {YEAR}")
    };
    ws.write_string(r, c0, text(l, &title)).unwrap();
    r += 1;
    if l.year_label {
        ws.write_string(r, c0, "Năm:").unwrap();
        ws.write_number(r, c0 + 1, YEAR as f64).unwrap();
        r += 1;
    }
    match l.unit_style {
        UnitStyle::Right => {
            ws.write_string(r, c0, text(l, "Đơn vị:")).unwrap();
            ws.write_string(r, c0 + 1, l.unit).unwrap();
        }
        UnitStyle::MergedTitle => {
            ws.merge_range(
                r,
                c0,
                r,
                last_col,
                &format!("I. Đơn vị: {}", l.unit),
                &Format::new().set_bold(),
            )
            .unwrap();
        }
    }
    r += 1;
    let members_label = if l.school_words {
        "Tổng số CB-GV-NV:"
    } else if l.staff_label {
        "Tổng số CB CC-VC – người lao động trong cơ quan:"
    } else {
        "Tổng số thành viên:"
    };
    ws.write_string(r, c0, text(l, members_label)).unwrap();
    ws.write_number(r, c0 + 1, MEMBERS as f64).unwrap();
    r += 1;
    ws.write_string(r, c0, text(l, "II. Kết quả đánh giá, xếp loại"))
        .unwrap();
    r += 2;

    let header = |ws: &mut Worksheet, r: u32| -> u32 {
        if l.two_row_header {
            // "Điểm" over "Tối đa" | "Tự chấm"; other labels merged down.
            for (i, (kind, label)) in cols.iter().enumerate() {
                let c = c0 + i as u16;
                match *kind {
                    "max" => {
                        ws.write_string(r + 1, c, text(l, "Tối đa")).unwrap();
                    }
                    "self" => {
                        ws.write_string(r + 1, c, text(l, "Tự chấm")).unwrap();
                    }
                    "criterion2" => {}
                    "criterion" if l.merged_criterion => {
                        ws.merge_range(r, c, r + 1, c + 1, &text(l, label), &Format::new())
                            .unwrap();
                    }
                    _ => {
                        ws.merge_range(r, c, r + 1, c, &text(l, label), &Format::new())
                            .unwrap();
                    }
                }
            }
            let first = col("max").or(col("self")).unwrap();
            let last = col("self").unwrap();
            if first == last {
                ws.write_string(r, first, text(l, "Điểm")).unwrap();
            } else if let (Some(m), Some(s)) = (col("max"), col("self"))
                && s == m + 1
            {
                ws.merge_range(r, m, r, s, &text(l, "Điểm"), &Format::new())
                    .unwrap();
            } else {
                ws.write_string(r, first, text(l, "Điểm")).unwrap();
                ws.write_string(r, last, text(l, "Điểm")).unwrap();
            }
            r + 2
        } else {
            for (i, (kind, label)) in cols.iter().enumerate() {
                let c = c0 + i as u16;
                if *kind == "criterion2" {
                    continue;
                }
                if *kind == "criterion" && l.merged_criterion {
                    ws.merge_range(r, c, r, c + 1, &text(l, label), &Format::new())
                        .unwrap();
                } else {
                    ws.write_string(r, c, text(l, label)).unwrap();
                }
            }
            r + 1
        }
    };
    r = header(&mut ws, r);
    let pct_format = Format::new().set_num_format("0%");
    for item in &rubric.items {
        let ans = ANSWERS.iter().find(|x| x.id == item.id).unwrap();
        if let Some(c) = col("stt")
            && let Some(stt) = &item.stt
        {
            ws.write_string(r, c, text(l, stt)).unwrap();
        }
        let mut crit = match paraphrase(&item.id) {
            Some(p) if l.paraphrase => p.to_string(),
            _ => item.text.clone(),
        };
        if l.notes_in_text
            && let Some(note) = &item.note
        {
            crit = format!("{crit}\n({note})");
        }
        let crit = text(l, &crit);
        let cc = col("criterion").unwrap();
        if l.merged_criterion {
            ws.merge_range(r, cc, r, cc + 1, &crit, &Format::new())
                .unwrap();
        } else {
            ws.write_string(r, cc, &crit).unwrap();
        }
        if let Some(c) = col("extra") {
            ws.write_string(r, c, "điểm").unwrap();
        }
        if let Some(c) = col("extra2") {
            ws.write_string(r, c, "Đ/c Nguyễn Văn A").unwrap();
        }
        if let Some(c) = col("hidden") {
            // Last year's scores: must never be read.
            ws.write_number(r, c, 1.0).unwrap();
        }
        if let Some(c) = col("max") {
            ws.write_number(r, c, item.max.to_string().parse::<f64>().unwrap())
                .unwrap();
        }
        if let (Some(c), Some(ev)) = (col("evidence"), ans.evidence) {
            match (ev, l.typed_evidence) {
                (Ev::Yes(true), false) => ws.write_string(r, c, text(l, "Có")),
                (Ev::Yes(false), false) => ws.write_string(r, c, text(l, "Không")),
                (Ev::Yes(true), true) => {
                    ws.write_string(r, c, if item.id == "3b" { "✓" } else { "x" })
                }
                (Ev::Yes(false), true) => ws.write_string(r, c, text(l, "Không")),
                (Ev::Count(n), _)
                    if l.paraphrase && matches!(item.rule, Rule::PercentSteps { .. }) =>
                {
                    ws.write_string(r, c, format!("{n}/{MEMBERS}"))
                }
                (Ev::Count(n), false) => ws.write_number(r, c, f64_of(n)),
                (Ev::Count(n), true) => {
                    let unit = if item.rule
                        == (Rule::PerUnit {
                            points: Decimal::ONE,
                        }) {
                        "đơn vị"
                    } else if matches!(item.rule, Rule::PercentSteps { .. }) {
                        "người"
                    } else {
                        ""
                    };
                    ws.write_string(r, c, text(l, format!("{n} {unit}").trim()))
                }
            }
            .unwrap();
        }
        if let (Some(c), Some(p)) = (col("pct"), ans.percent) {
            match l.pct {
                Pct::Text => ws.write_string(r, c, format!("{p}%")).map(|_| ()),
                Pct::Formatted => ws
                    .write_number_with_format(r, c, f64_of(p) / 100.0, &pct_format)
                    .map(|_| ()),
                Pct::None => Ok(()),
            }
            .unwrap();
        }
        let sc = col("self").unwrap();
        match l.scores {
            Scores::Numbers => ws.write_number(r, sc, f64_of(ans.score)),
            Scores::Text => {
                let s = vi(ans.score);
                let s = if s.contains(',') {
                    format!("{s} điểm")
                } else {
                    format!("{s},0")
                };
                ws.write_string(r, sc, text(l, &s))
            }
            Scores::OutOfMax => ws.write_string(r, sc, format!("{}/{}", vi(ans.score), item.max)),
        }
        .unwrap();
        if let Some(c) = col("note")
            && let Some(note) = &item.note
        {
            ws.write_string(r, c, text(l, note)).unwrap();
        }
        r += 1;
        if l.repeat_header && item.id == "3a6" {
            // A page break: a blank row, the header again.
            r += 1;
            r = header(&mut ws, r);
        }
    }
    r += 1; // a blank row before the total
    let label_col = col("stt").unwrap_or(col("criterion").unwrap());
    ws.write_string(r, label_col, text(l, "Tổng cộng số điểm tối đa"))
        .unwrap();
    if let Some(c) = col("max") {
        ws.write_number(r, c, 100.0).unwrap();
    }
    ws.write_number(r, col("self").unwrap(), f64_of(TOTAL))
        .unwrap();
    r += 1;
    ws.write_string(r, label_col, text(l, "Xếp loại")).unwrap();
    ws.write_string(r, col("self").unwrap(), text(l, "Tốt"))
        .unwrap();
    if let Some(c) = col("hidden") {
        ws.set_column_hidden(c).unwrap();
    }
    ws
}

/// Asserts that a form read back is this layout's truth.
pub fn assert_reads(l: &Layout, rubric: &Rubric, form: &Form) {
    let name = l.name;
    assert!(form.findings.is_empty(), "{name}: {:#?}", form.findings);
    assert_eq!(form.sheet, l.sheet, "{name}");
    assert_eq!(
        form.unit.as_ref().map(|u| u.value.as_str()),
        Some(l.unit),
        "{name}: unit"
    );
    assert_eq!(
        form.year.as_ref().map(|y| y.value),
        Some(YEAR),
        "{name}: year"
    );
    assert_eq!(
        form.members.as_ref().map(|m| m.value),
        Some(Decimal::from(MEMBERS)),
        "{name}: members"
    );
    for item in &rubric.items {
        let ans = ANSWERS.iter().find(|x| x.id == item.id).unwrap();
        let e = form
            .entries
            .get(&item.id)
            .unwrap_or_else(|| panic!("{name}: no row for {}", item.id));
        assert_eq!(
            e.self_score.as_ref().map(|s| s.value),
            Some(dec(ans.score)),
            "{name}: self-score of {}",
            item.id
        );
        assert_eq!(
            e.self_score.as_ref().map(|s| &s.loc.sheet),
            Some(&form.sheet)
        );
        let want_ev = if l.evidence {
            ans.evidence.map(|ev| match ev {
                Ev::Yes(b) => Evidence::YesNo(b),
                Ev::Count(n) => Evidence::Count(dec(n)),
            })
        } else {
            None
        };
        assert_eq!(
            e.evidence.as_ref().map(|x| x.value.clone()),
            want_ev,
            "{name}: evidence of {}",
            item.id
        );
        let want_pct = if l.pct != Pct::None {
            ans.percent.map(dec)
        } else {
            None
        };
        assert_eq!(
            e.percent.as_ref().map(|x| x.value),
            want_pct,
            "{name}: percent of {}",
            item.id
        );
        let want_max = l.max.then_some(item.max);
        assert_eq!(
            e.written_max.as_ref().map(|x| x.value),
            want_max,
            "{name}: max of {}",
            item.id
        );
    }
    if l.pl1_sheet {
        for (k, v) in PL1 {
            let got = form.pl1.get(k);
            assert_eq!(got.map(|x| x.value), Some(dec(v)), "{name}: {k:?}");
            assert_eq!(got.map(|x| x.loc.sheet.as_str()), Some("Phụ lục 1"));
        }
        let dossier = form.dossier.as_ref().expect("the dossier");
        for (doc, mark) in DOSSIER {
            let got = dossier.get(doc).cloned().flatten().map(|m| m.value);
            assert_eq!(got, *mark, "{name}: {doc:?}");
        }
    } else {
        // "Tổng số CB CC-VC" / "CB-GV-NV" is also the Phụ lục 1 staff figure.
        let want: Vec<Pl1Field> = if l.staff_label || l.school_words {
            vec![Pl1Field::Staff]
        } else {
            vec![]
        };
        assert_eq!(form.pl1.keys().copied().collect::<Vec<_>>(), want, "{name}");
        assert_eq!(form.dossier, None, "{name}");
    }
    let total = form.entries.get("total").expect("total row");
    assert_eq!(
        total.self_score.as_ref().map(|s| s.value),
        Some(dec(TOTAL)),
        "{name}: total"
    );
    assert_eq!(form.entries.len(), rubric.items.len() + 1, "{name}");
    let class = form.classification.as_ref().map(|c| c.value.clone());
    assert_eq!(class, Some(text(l, "Tốt")), "{name}: classification");
}
