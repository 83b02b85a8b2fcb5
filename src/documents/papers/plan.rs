//! The decision forming the inspection teams (with the schedule as its
//! annex) and the notice of the schedule to the units.

use super::{bases, count_vi, day_vi, doc_of, fill_year, title_year};
use crate::documents::{Align, Annex, Block, Column, Doc, Paper, Settings, Table};
use crate::plan::day::Date;

/// A member of an inspection team, as the teams file gives one.
pub use crate::plan::teams::Member;

/// A unit's slot on the inspection day.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Visit {
    pub unit: String,
    /// "07:30".
    pub start: String,
    pub end: String,
}

/// A team with its members and its units in time order.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct TeamPlan {
    pub name: String,
    pub members: Vec<Member>,
    pub visits: Vec<Visit>,
}

/// What the decision forming the teams and the notice of the schedule need.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct PlanInput {
    pub year: i32,
    /// The inspection day.
    pub date: Option<Date>,
    /// Where the units come to be inspected.
    pub place: String,
    pub teams: Vec<TeamPlan>,
    /// The documents' date (seconds since 1970, from the inputs).
    pub created: i64,
}

fn members_table(t: &TeamPlan) -> Table {
    Table {
        columns: vec![
            Column::new("STT", 9, Align::Center),
            Column::new("Họ và tên", 30, Align::Left),
            Column::new("Đơn vị công tác", 42, Align::Left),
            Column::new("Nhiệm vụ", 20, Align::Center),
        ],
        rows: t
            .members
            .iter()
            .enumerate()
            .map(|(i, m)| {
                vec![
                    (i + 1).to_string(),
                    m.name.clone(),
                    m.agency.clone(),
                    m.role.clone(),
                ]
            })
            .collect(),
        bold: vec![],
    }
}

fn schedule_table(t: &TeamPlan) -> Table {
    Table {
        columns: vec![
            Column::new("STT", 9, Align::Center),
            Column::new("Thời gian", 22, Align::Center),
            Column::new("Đơn vị được kiểm tra", 70, Align::Left),
        ],
        rows: t
            .visits
            .iter()
            .enumerate()
            .map(|(i, v)| {
                vec![
                    (i + 1).to_string(),
                    format!("{} – {}", v.start, v.end),
                    v.unit.clone(),
                ]
            })
            .collect(),
        bold: vec![],
    }
}

/// The decision forming the inspection teams, with the schedule as annex.
pub fn team_decision(s: &Settings, input: &PlanInput) -> Doc {
    let y = input.year;
    let ubnd = s.body_of(Paper::TeamDecision);
    let pgd = s.body_of(Paper::Letters);
    let mut d = doc_of(s, Paper::TeamDecision, "Quyết định", "QĐ", y, input.created);
    d.summary = format!(
        "Về việc thành lập Đoàn kiểm tra, đánh giá xếp loại {} trên địa bàn {}",
        title_year(y),
        s.area
    );
    d.authority = ubnd.head.clone();
    let mut body = bases(s, y, &format!("Theo đề nghị của {}", pgd.head));
    body.push(Block::Center("QUYẾT ĐỊNH:".into()));
    body.push(Block::Labeled(
        "Điều 1.".into(),
        format!(
            "Thành lập {} Đoàn kiểm tra, đánh giá xếp loại {} trên địa bàn {}, gồm các ông (bà) có tên sau:",
            count_vi(input.teams.len()),
            title_year(y),
            s.area
        ),
    ));
    for (i, t) in input.teams.iter().enumerate() {
        body.push(Block::Heading(format!("{}. {}", i + 1, t.name)));
        body.push(Block::Table(members_table(t)));
    }
    body.push(Block::Labeled(
        "Điều 2.".into(),
        "Đoàn kiểm tra có nhiệm vụ:".into(),
    ));
    for task in &s.team_tasks {
        body.push(Block::Para(format!(
            "- {};",
            fill_year(task, y).trim_end_matches([';', '.', ' '])
        )));
    }
    body.push(Block::Para(format!(
        "- Thời gian, địa điểm: {}{}, theo lịch tại Phụ lục kèm theo Quyết định này.",
        input
            .date
            .map(day_vi)
            .unwrap_or_else(|| format!("trong tháng 12/{y}")),
        if input.place.is_empty() {
            String::new()
        } else {
            format!(", tại {}", input.place)
        }
    )));
    body.push(Block::Para(
        "Đoàn kiểm tra tự giải thể sau khi hoàn thành nhiệm vụ.".into(),
    ));
    body.push(Block::Labeled(
        "Điều 3.".into(),
        format!(
            "{}, {}, Thủ trưởng các cơ quan, đơn vị có liên quan và các ông (bà) có tên tại Điều 1 chịu trách nhiệm thi hành Quyết định này kể từ ngày ký./.",
            s.office_chief, pgd.head
        ),
    ));
    d.body = body;
    d.recipients.insert(0, "Như Điều 3".into());
    let mut blocks = Vec::new();
    for t in &input.teams {
        blocks.push(Block::Heading(format!(
            "{} ({} đơn vị)",
            t.name,
            count_vi(t.visits.len())
        )));
        blocks.push(Block::Table(schedule_table(t)));
    }
    d.annexes.push(Annex {
        label: "PHỤ LỤC".into(),
        title: format!("Lịch kiểm tra, đánh giá xếp loại {}", title_year(y)),
        reference: format!(
            "(Kèm theo Quyết định số      /QĐ-{} ngày      /      /{y} của {})",
            ubnd.symbol, ubnd.head
        ),
        blocks,
    });
    d
}

/// The notice of the schedule to the units.
pub fn schedule_notice(s: &Settings, input: &PlanInput) -> Doc {
    let y = input.year;
    let ubnd = s.body_of(Paper::TeamDecision);
    let mut d = doc_of(
        s,
        Paper::ScheduleNotice,
        "Thông báo",
        "TB",
        y,
        input.created,
    );
    d.summary = format!("Lịch kiểm tra, đánh giá xếp loại {}", title_year(y));
    let day = input
        .date
        .map(day_vi)
        .unwrap_or_else(|| format!("trong tháng 12/{y}"));
    let mut body = vec![
        Block::Para(format!(
            "Thực hiện {}; căn cứ Quyết định số      /QĐ-{} ngày      /      /{y} của {} về việc thành lập Đoàn kiểm tra, đánh giá xếp loại {} trên địa bàn {},",
            fill_year(&s.plan, y),
            ubnd.symbol,
            ubnd.head,
            title_year(y),
            s.area
        )),
        Block::Para(format!(
            "{} thông báo lịch kiểm tra, đánh giá xếp loại {} đến các cơ quan, đơn vị như sau:",
            s.body_of(Paper::ScheduleNotice).name,
            title_year(y)
        )),
        Block::Labeled("1. Thời gian:".into(), format!("{day}.")),
    ];
    if !input.place.is_empty() {
        body.push(Block::Labeled(
            "2. Địa điểm:".into(),
            format!("{}.", input.place),
        ));
    }
    body.push(Block::Heading(format!(
        "{}. Lịch làm việc của từng đơn vị:",
        if input.place.is_empty() { 2 } else { 3 }
    )));
    let mut rows = Vec::new();
    for t in &input.teams {
        for v in &t.visits {
            rows.push((
                v.start.clone(),
                v.end.clone(),
                v.unit.clone(),
                t.name.clone(),
            ));
        }
    }
    rows.sort_by(|a, b| (&a.0, &a.3).cmp(&(&b.0, &b.3)));
    body.push(Block::Table(Table {
        columns: vec![
            Column::new("STT", 9, Align::Center),
            Column::new("Thời gian", 20, Align::Center),
            Column::new("Đơn vị", 55, Align::Left),
            Column::new("Đoàn", 18, Align::Center),
        ],
        rows: rows
            .into_iter()
            .enumerate()
            .map(|(i, (a, b, u, t))| vec![(i + 1).to_string(), format!("{a} – {b}"), u, t])
            .collect(),
        bold: vec![],
    }));
    body.push(Block::Heading(format!(
        "{}. Hồ sơ đơn vị chuẩn bị khi làm việc với Đoàn kiểm tra:",
        if input.place.is_empty() { 3 } else { 4 }
    )));
    for doc in crate::form::DossierDoc::ALL {
        body.push(Block::Para(format!("- {} năm {y};", doc.label())));
    }
    body.push(Block::Para(
        "Đề nghị Thủ trưởng các cơ quan, đơn vị bố trí thành phần làm việc, chuẩn bị đầy đủ hồ sơ và có mặt đúng thời gian để Đoàn kiểm tra hoàn thành nhiệm vụ./."
            .into(),
    ));
    d.body = body;
    d.recipients
        .insert(0, "Các cơ quan, đơn vị (theo danh sách)".into());
    d.recipients
        .insert(1, "Thành viên các Đoàn kiểm tra".into());
    d
}
