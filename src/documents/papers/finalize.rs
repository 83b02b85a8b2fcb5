//! The papers of the conclusion: the submission (tờ trình) proposing
//! recognition, the draft recognition decision with its list, and the
//! report on the inspection; [`files`] gives them as `finalize
//! --documents DIR` writes them.

use super::{bases, count_vi, doc_of, fill_year, title_year};
use crate::documents::{
    Align, Annex, Block, Column, Doc, DocError, Paper, Settings, Table, curly_quotes, docx_bytes,
};
use crate::findings::num_vi;
use rust_decimal::Decimal;

/// A top-level criterion of the rubric ("1", its text, its maximum).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Group {
    pub id: String,
    pub label: String,
    pub max: Decimal,
}

/// A score the team changed.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Change {
    /// The criterion ("2a").
    pub id: String,
    pub proposed: Option<Decimal>,
    pub team: Decimal,
}

/// One unit as concluded.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct UnitResult {
    pub name: String,
    /// The final total.
    pub total: Option<Decimal>,
    pub classification: Option<String>,
    pub recognized: bool,
    /// Final score of each of [`FinalInput::groups`], in that order.
    pub groups: Vec<Option<Decimal>>,
    /// Scores the team changed.
    pub changes: Vec<Change>,
    /// What the unit must improve, in plain words (its findings).
    pub to_improve: Vec<String>,
    /// Why it is not proposed for recognition (empty when it is).
    pub reasons: Vec<String>,
}

/// What the submission, the recognition decision and the report need.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct FinalInput {
    pub year: i32,
    /// Every unit, in the order a decision lists them (the final ranking).
    pub units: Vec<UnitResult>,
    pub groups: Vec<Group>,
    /// The classifications of the rubric, best first ("Tốt", …, "Chưa đạt").
    pub classes: Vec<String>,
    /// The district's Phụ lục 1 totals: label, value, whether money.
    pub annex1: Vec<(String, Decimal, bool)>,
    /// The documents' date (seconds since 1970, from the inputs).
    pub created: i64,
}

impl FinalInput {
    fn recognized(&self) -> impl Iterator<Item = &UnitResult> {
        self.units.iter().filter(|u| u.recognized)
    }

    /// Units of each classification, in the rubric's order, then those
    /// without one.
    fn by_class(&self) -> Vec<(String, usize)> {
        let mut out: Vec<(String, usize)> = self
            .classes
            .iter()
            .map(|c| {
                let n = self
                    .units
                    .iter()
                    .filter(|u| u.classification.as_deref() == Some(c.as_str()))
                    .count();
                (c.clone(), n)
            })
            .collect();
        let none = self
            .units
            .iter()
            .filter(|u| {
                u.classification
                    .as_ref()
                    .is_none_or(|c| !self.classes.contains(c))
            })
            .count();
        if none > 0 {
            out.push(("Chưa xếp loại được".into(), none));
        }
        out
    }
}

fn score(d: Option<Decimal>) -> String {
    d.map(num_vi).unwrap_or_else(|| "—".into())
}

/// "12,5" per cent of `n` out of `total`, one decimal.
fn percent(n: usize, total: usize) -> String {
    if total == 0 {
        return "0".into();
    }
    let p = Decimal::from(n as u64 * 100) / Decimal::from(total as u64);
    num_vi(p.round_dp(1))
}

/// "Tốt: 20 đơn vị; Khá: 04 đơn vị; …", classifications no unit has left
/// out.
fn class_sentence(input: &FinalInput) -> String {
    input
        .by_class()
        .iter()
        .filter(|(_, n)| *n > 0)
        .map(|(c, n)| format!("{c}: {} đơn vị", count_vi(*n)))
        .collect::<Vec<_>>()
        .join("; ")
}

/// The list of recognised units: name, score, classification, in order.
fn recognition_list(input: &FinalInput) -> Table {
    Table {
        columns: vec![
            Column::new("STT", 9, Align::Center),
            Column::new("Tên đơn vị", 60, Align::Left),
            Column::new("Tổng điểm", 14, Align::Center),
            Column::new("Xếp loại", 18, Align::Center),
        ],
        rows: input
            .recognized()
            .enumerate()
            .map(|(i, u)| {
                vec![
                    (i + 1).to_string(),
                    u.name.clone(),
                    score(u.total),
                    u.classification.clone().unwrap_or_default(),
                ]
            })
            .collect(),
        bold: vec![],
    }
}

/// What a unit must improve, as the report to the People's Committee says
/// it: the kind of the finding in plain words, with its criterion, not the
/// cell-by-cell instructions of the letters to units. A finding of another
/// code keeps its message, without the cell it opens with.
///
/// ```
/// use dvht::documents::papers::finalize::improvement;
/// assert_eq!(
///     improvement("self-computed-differ", Some("2d"), "Ô F17 (trang 'Tự đánh giá'): …"),
///     "điểm tự chấm tiêu chí 2d chưa khớp với số liệu minh chứng"
/// );
/// assert_eq!(
///     improvement("balance-mismatch", None, "Ô C20 (trang 'Phụ lục 1'): …"),
///     "số liệu thu, chi, tồn quỹ ở Phụ lục 1 chưa khớp"
/// );
/// assert_eq!(
///     improvement("new-code", None, "Ô C5 (trang 'Tự đánh giá'): ô trống."),
///     "Ô trống."
/// );
/// ```
pub fn improvement(code: &str, criterion: Option<&str>, message: &str) -> String {
    let of = |what: &str| match criterion {
        Some(c) => format!("{what} tiêu chí {c}"),
        None => what.to_string(),
    };
    match code {
        "missing-self-score" => format!("chưa tự chấm điểm {}", of("").trim()),
        "missing-criterion" => format!("biểu mẫu thiếu dòng {}", of("").trim()),
        "not-a-number" | "formula-no-value" => "số liệu ghi không đúng dạng số".into(),
        "score-above-max" | "score-negative" | "score-unattainable" => {
            format!("{} không đúng thang điểm", of("điểm tự chấm"))
        }
        "group-sum-mismatch" | "total-mismatch" => "cộng điểm tự chấm chưa đúng".into(),
        "classification-mismatch" => "tự xếp loại chưa đúng với tổng điểm".into(),
        "members-missing" => "chưa ghi tổng số thành viên".into(),
        "count-invalid" | "count-above-total" | "percent-out-of-range" | "percent-mismatch" => {
            format!("{} chưa chính xác", of("số liệu thành viên đạt"))
        }
        "self-computed-differ" => {
            format!("{} chưa khớp với số liệu minh chứng", of("điểm tự chấm"))
        }
        "unit-name-missing" => "chưa ghi tên đơn vị trên biểu mẫu".into(),
        "year-mismatch" => "biểu mẫu ghi năm khác năm đánh giá".into(),
        "duplicate-unit" => "gửi nhiều biểu mẫu cho cùng một đơn vị".into(),
        "dues-mismatch" => "số liệu hội phí ở Phụ lục 1 chưa khớp".into(),
        "balance-mismatch" => "số liệu thu, chi, tồn quỹ ở Phụ lục 1 chưa khớp".into(),
        "payers-exceed-members" | "party-members-exceed" => {
            "số liệu hội viên ở Phụ lục 1 chưa hợp lý".into()
        }
        "dossier-incomplete" => "hồ sơ minh chứng chưa đầy đủ".into(),
        _ => {
            let rest = message
                .strip_prefix("Ô ")
                .and_then(|m| m.split_once("): ").map(|(_, r)| r))
                .unwrap_or(message);
            let mut c = rest.chars();
            match c.next() {
                Some(f) => f.to_uppercase().chain(c).collect(),
                None => String::new(),
            }
        }
    }
}

/// The units not proposed, each with its reasons.
fn not_recognized(input: &FinalInput) -> Vec<Block> {
    input
        .units
        .iter()
        .filter(|u| !u.recognized)
        .map(|u| {
            let why = if u.reasons.is_empty() {
                format!(
                    "xếp loại {}",
                    u.classification.as_deref().unwrap_or("chưa xác định")
                )
            } else {
                curly_quotes(&u.reasons.join("; "))
            };
            Block::Para(format!(
                "- {} (tổng điểm {}): {}.",
                u.name,
                score(u.total),
                why.trim_end_matches('.')
            ))
        })
        .collect()
}

/// The submission of the education office proposing recognition.
pub fn submission(s: &Settings, input: &FinalInput) -> Doc {
    let y = input.year;
    let ubnd = s.body_of(Paper::RecognitionDecision);
    let mut d = doc_of(s, Paper::Submission, "Tờ trình", "TTr", y, input.created);
    d.summary = format!("Về việc đề nghị công nhận danh hiệu {}", title_year(y));
    d.addressees = vec![ubnd.name.clone()];
    let n = input.units.len();
    let m = input.recognized().count();
    let mut body = vec![
        Block::Para(format!(
            "Thực hiện {},",
            fill_year(&s.plan, y).trim_end_matches([';', '.', ','])
        )),
        Block::Para(format!(
            "{} đã phối hợp với các thành viên Ban Chỉ đạo xây dựng xã hội học tập tổ chức kiểm tra, đánh giá xếp loại {} đối với {} cơ quan, đơn vị trên địa bàn {}. Kết quả như sau:",
            s.body_of(Paper::Submission).name,
            title_year(y),
            count_vi(n),
            s.area
        )),
        Block::Labeled(
            "1. Kết quả xếp loại:".into(),
            format!("{}.", class_sentence(input)),
        ),
        Block::Labeled(
            "2. Đề nghị công nhận:".into(),
            format!(
                "{} đơn vị đạt danh hiệu {} (có danh sách kèm theo dự thảo Quyết định).",
                count_vi(m),
                title_year(y)
            ),
        ),
    ];
    if m < n {
        body.push(Block::Heading(format!(
            "3. Chưa đề nghị công nhận: {} đơn vị, gồm:",
            count_vi(n - m)
        )));
        body.extend(not_recognized(input));
    }
    body.push(Block::Para(format!(
        "{} kính trình {} xem xét, ban hành Quyết định công nhận danh hiệu {} cho các đơn vị nêu trên./.",
        s.body_of(Paper::Submission).name,
        ubnd.name,
        title_year(y)
    )));
    d.body = body;
    d.recipients.insert(0, "Như trên".into());
    d
}

/// The draft decision recognising the units, with their list as annex.
pub fn recognition_decision(s: &Settings, input: &FinalInput) -> Doc {
    let y = input.year;
    let ubnd = s.body_of(Paper::RecognitionDecision);
    let pgd = s.body_of(Paper::Submission);
    let mut d = doc_of(
        s,
        Paper::RecognitionDecision,
        "Quyết định",
        "QĐ",
        y,
        input.created,
    );
    d.draft = true;
    d.summary = format!("Về việc công nhận danh hiệu {}", title_year(y));
    d.authority = ubnd.head.clone();
    let m = input.recognized().count();
    let mut body = bases(
        s,
        y,
        &format!(
            "Xét đề nghị của {} tại Tờ trình số      /TTr-{} ngày      /      /{y}",
            pgd.head, pgd.symbol
        ),
    );
    body.push(Block::Center("QUYẾT ĐỊNH:".into()));
    body.push(Block::Labeled(
        "Điều 1.".into(),
        format!(
            "Công nhận danh hiệu {} đối với {} cơ quan, đơn vị trên địa bàn {} (có danh sách kèm theo).",
            title_year(y),
            count_vi(m),
            s.area
        ),
    ));
    body.push(Block::Labeled(
        "Điều 2.".into(),
        "Các đơn vị được công nhận tiếp tục duy trì, nâng cao chất lượng xây dựng “Đơn vị học tập”, góp phần xây dựng xã hội học tập trên địa bàn.".into(),
    ));
    body.push(Block::Labeled(
        "Điều 3.".into(),
        format!(
            "{}, {}, Thủ trưởng các cơ quan, đơn vị có tên tại Điều 1 chịu trách nhiệm thi hành Quyết định này kể từ ngày ký./.",
            s.office_chief, pgd.head
        ),
    ));
    d.body = body;
    d.recipients.insert(0, "Như Điều 3".into());
    d.annexes.push(Annex {
        label: "DANH SÁCH".into(),
        title: format!("Các đơn vị được công nhận danh hiệu {}", title_year(y)),
        reference: format!(
            "(Kèm theo Quyết định số      /QĐ-{} ngày      /      /{y} của {})",
            ubnd.symbol, ubnd.head
        ),
        blocks: vec![Block::Table(recognition_list(input))],
    });
    d
}

/// Figures by classification, with the share of each and a total row.
fn class_table(input: &FinalInput) -> Table {
    let n = input.units.len();
    let mut rows: Vec<Vec<String>> = input
        .by_class()
        .into_iter()
        .map(|(c, k)| vec![c, count_vi(k), percent(k, n)])
        .collect();
    let bold = vec![rows.len()];
    rows.push(vec!["Tổng cộng".into(), count_vi(n), "100".into()]);
    Table {
        columns: vec![
            Column::new("Xếp loại", 50, Align::Left),
            Column::new("Số đơn vị", 25, Align::Center),
            Column::new("Tỷ lệ (%)", 25, Align::Center),
        ],
        rows,
        bold,
    }
}

/// What went well: how many units reached each criterion's maximum, the
/// average, and the best totals.
fn went_well(input: &FinalInput) -> Vec<Block> {
    let n = input.units.len();
    let mut out = Vec::new();
    for (k, g) in input.groups.iter().enumerate() {
        let scores: Vec<Decimal> = input
            .units
            .iter()
            .filter_map(|u| u.groups.get(k).copied().flatten())
            .collect();
        if scores.is_empty() {
            continue;
        }
        let full = scores.iter().filter(|s| **s >= g.max).count();
        let avg = scores.iter().copied().sum::<Decimal>() / Decimal::from(scores.len() as u64);
        let reached = if full == 0 {
            "chưa có đơn vị nào đạt điểm tối đa".to_string()
        } else {
            format!("{}/{} đơn vị đạt điểm tối đa", count_vi(full), count_vi(n))
        };
        out.push(Block::Para(format!(
            "- Tiêu chí {} ({}): {reached} ({} điểm); điểm bình quân {}.",
            g.id,
            g.label,
            num_vi(g.max),
            num_vi(avg.round_dp(1))
        )));
    }
    let best = input.units.iter().filter_map(|u| u.total).max();
    if let Some(b) = best {
        let names: Vec<&str> = input
            .units
            .iter()
            .filter(|u| u.total == Some(b))
            .map(|u| u.name.as_str())
            .collect();
        out.push(Block::Para(format!(
            "- Đơn vị đạt điểm cao nhất ({} điểm): {}.",
            num_vi(b),
            names.join(", ")
        )));
    }
    out
}

/// What units must improve: the team's changes and the findings, per unit.
fn must_improve(input: &FinalInput) -> Vec<Block> {
    let mut out = Vec::new();
    for u in &input.units {
        let mut points: Vec<String> = u
            .changes
            .iter()
            .map(|c| {
                format!(
                    "tiêu chí {} Đoàn kiểm tra chấm {} điểm (đơn vị đề xuất {})",
                    c.id,
                    num_vi(c.team),
                    score(c.proposed)
                )
            })
            .collect();
        for t in &u.to_improve {
            let t = curly_quotes(t.trim_end_matches('.'));
            if !points.contains(&t) {
                points.push(t);
            }
        }
        if !points.is_empty() {
            out.push(Block::Para(format!("- {}: {}.", u.name, points.join("; "))));
        }
    }
    if out.is_empty() {
        out.push(Block::Para(
            "Đoàn kiểm tra không điều chỉnh điểm của đơn vị nào; hồ sơ các đơn vị không có sai sót cần khắc phục."
                .into(),
        ));
    }
    out
}

fn annex1_table(input: &FinalInput) -> Table {
    Table {
        columns: vec![
            Column::new("STT", 9, Align::Center),
            Column::new("Nội dung", 62, Align::Left),
            Column::new("Toàn huyện", 30, Align::Right),
        ],
        rows: input
            .annex1
            .iter()
            .enumerate()
            .map(|(i, (label, v, _))| vec![(i + 1).to_string(), label.clone(), num_vi(*v)])
            .collect(),
        bold: vec![],
    }
}

/// The report on the inspection results.
pub fn report(s: &Settings, input: &FinalInput) -> Doc {
    let y = input.year;
    let ubnd = s.body_of(Paper::RecognitionDecision);
    let mut d = doc_of(s, Paper::Report, "Báo cáo", "BC", y, input.created);
    d.summary = format!(
        "Kết quả kiểm tra, đánh giá xếp loại {} trên địa bàn {}",
        title_year(y),
        s.area
    );
    let n = input.units.len();
    let m = input.recognized().count();
    let mut body = vec![
        Block::Para(format!(
            "Thực hiện {}, {} báo cáo kết quả kiểm tra, đánh giá xếp loại {} như sau:",
            fill_year(&s.plan, y).trim_end_matches([';', '.', ',']),
            s.body_of(Paper::Report).name,
            title_year(y)
        )),
        Block::Heading("I. CÔNG TÁC TỔ CHỨC KIỂM TRA".into()),
        Block::Para(format!(
            "Các Đoàn kiểm tra đã kiểm tra hồ sơ, đánh giá xếp loại {} cơ quan, đơn vị trên địa bàn {}; điểm của từng tiêu chí được đối chiếu với hồ sơ minh chứng và ghi vào bảng tổng hợp của huyện.",
            count_vi(n),
            s.area
        )),
        Block::Heading("II. KẾT QUẢ KIỂM TRA".into()),
        Block::Heading("1. Kết quả xếp loại".into()),
        Block::Table(class_table(input)),
        Block::Para(format!(
            "Số đơn vị đủ điều kiện đề nghị công nhận danh hiệu {}: {}/{} đơn vị.",
            title_year(y),
            count_vi(m),
            count_vi(n)
        )),
        Block::Heading("2. Những mặt làm được".into()),
    ];
    body.extend(went_well(input));
    body.push(Block::Heading(
        "3. Những mặt còn hạn chế, nội dung đơn vị cần khắc phục".into(),
    ));
    body.extend(must_improve(input));
    body.push(Block::Heading(format!(
        "4. Đơn vị chưa được đề nghị công nhận: {} đơn vị",
        count_vi(n - m)
    )));
    body.extend(not_recognized(input));
    if !input.annex1.is_empty() {
        body.push(Block::Heading(
            "5. Công tác khuyến học của các đơn vị (tổng hợp Phụ lục 1)".into(),
        ));
        body.push(Block::Table(annex1_table(input)));
    }
    body.push(Block::Heading("III. ĐỀ XUẤT, KIẾN NGHỊ".into()));
    body.push(Block::Para(format!(
        "Đề nghị {} công nhận danh hiệu {} cho {} đơn vị đạt yêu cầu; các đơn vị chưa đạt tiếp tục khắc phục những hạn chế nêu trên để được đánh giá lại trong năm tiếp theo./.",
        ubnd.head,
        title_year(y),
        count_vi(m)
    )));
    d.body = body;
    d
}

/// The papers' file names in the documents folder.
pub const SUBMISSION_FILE: &str = "to-trinh-de-nghi-cong-nhan.docx";
pub const DECISION_FILE: &str = "du-thao-quyet-dinh-cong-nhan.docx";
pub const REPORT_FILE: &str = "bao-cao-ket-qua-kiem-tra.docx";

/// The submission, the draft recognition decision and the report, as
/// (file name, .docx bytes), in that order.
pub fn files(s: &Settings, input: &FinalInput) -> Result<Vec<(String, Vec<u8>)>, DocError> {
    Ok(vec![
        (SUBMISSION_FILE.into(), docx_bytes(&submission(s, input))?),
        (
            DECISION_FILE.into(),
            docx_bytes(&recognition_decision(s, input))?,
        ),
        (REPORT_FILE.into(), docx_bytes(&report(s, input))?),
    ])
}
