//! The texts of the messages about what the inspection teams typed into
//! the district workbook and the team workbooks: Vietnamese then English,
//! naming the workbook, sheet and cell, the value found and what to do.

use super::message::{Message, Orphan, TypedAt, TypedWhat};
use super::text::At;
use super::{Lang, num};

use Lang::{En, Vi};

/// "Ô H8 (trang 'Phòng Y tế') của tệp doan-1.xlsx".
fn place(at: At, book: &str, lang: Lang) -> String {
    match lang {
        Vi => format!("{} của tệp {book}", at.cell_on_sheet(lang)),
        En => format!("{} of {book}", at.cell_on_sheet(lang)),
    }
}

/// "5 (ô H8 trang 'Phòng Y tế', tệp doan-1.xlsx)".
fn typed_at(t: &TypedAt, lang: Lang) -> String {
    match lang {
        Vi => format!(
            "{} (ô {} trang '{}', tệp {})",
            num(t.value, lang),
            t.cell,
            t.sheet,
            t.book
        ),
        En => format!(
            "{} (cell {} of sheet '{}', {})",
            num(t.value, lang),
            t.cell,
            t.sheet,
            t.book
        ),
    }
}

pub(super) fn team(m: &Message, at: At, lang: Lang) -> String {
    match m {
        Message::TeamScoreOrphaned { .. } => orphaned(m, at, lang),
        Message::TeamScoreConflict {
            unit,
            criterion,
            typed,
        } => {
            let c = criterion.name(lang);
            let all: Vec<String> = typed.iter().map(|t| typed_at(t, lang)).collect();
            match lang {
                Vi => format!(
                    "{c} của đơn vị \"{unit}\" được đoàn nhập các điểm khác nhau: {}. Thống nhất một điểm (sửa hoặc xóa ô sai) rồi chạy lại; khi chưa thống nhất, đơn vị chưa được đề nghị công nhận.",
                    all.join("; ")
                ),
                En => format!(
                    "{c} of unit \"{unit}\" was given different team scores: {}. Agree on one (correct or clear the wrong cell) and run again; until then the unit is not proposed for recognition.",
                    all.join("; ")
                ),
            }
        }
        _ => invalid(m, at, lang),
    }
}

fn orphaned(m: &Message, at: At, lang: Lang) -> String {
    let Message::TeamScoreOrphaned {
        book,
        unit,
        criterion,
        typed,
        found,
        why,
    } = m
    else {
        unreachable!("not team-score-orphaned")
    };
    let here = place(at, book, lang);
    let what = match (typed, lang) {
        (TypedWhat::Score, Vi) => "điểm đoàn kiểm tra",
        (TypedWhat::Score, En) => "the team score",
        (TypedWhat::Note, Vi) => "ghi chú của đoàn",
        (TypedWhat::Note, En) => "the team's note",
    };
    let id = &criterion.id;
    let why = match (why, lang) {
        (Orphan::UnitGone, Vi) => {
            "đơn vị này không còn trong các biểu mẫu được tổng hợp".to_string()
        }
        (Orphan::UnitGone, En) => "the unit is no longer among the forms consolidated".to_string(),
        (Orphan::NotInBook(b), Vi) => format!("đơn vị này không có trong bảng tổng hợp {b}"),
        (Orphan::NotInBook(b), En) => format!("the unit is not in the district workbook {b}"),
        (Orphan::NotInRubric, Vi) => {
            format!("\"{id}\" không phải mã tiêu chí của bộ tiêu chí đang dùng")
        }
        (Orphan::NotInRubric, En) => format!("\"{id}\" is no criterion of the rubric in force"),
        (Orphan::GroupRow, Vi) => format!(
            "{id} là dòng nhóm tiêu chí, điểm của nhóm là tổng các tiêu chí con: hãy nhập điểm vào từng tiêu chí con"
        ),
        (Orphan::GroupRow, En) => format!(
            "{id} is a group's row, whose score is the sum of its items: type the scores on the items"
        ),
    };
    match lang {
        Vi => format!(
            "{here}: {what} \"{found}\" (tiêu chí {id}, đơn vị \"{unit}\") không được dùng vì {why}. Giá trị vẫn còn trong tệp đó."
        ),
        En => format!(
            "{here}: {what} \"{found}\" (criterion {id}, unit \"{unit}\") is not used: {why}. The value is still in that file."
        ),
    }
}

/// A team score that is not a number, negative, above the maximum or one
/// the rule never gives.
fn invalid(m: &Message, at: At, lang: Lang) -> String {
    let (book, unit, criterion) = match m {
        Message::TeamScoreNotANumber {
            book,
            unit,
            criterion,
            ..
        }
        | Message::TeamScoreNegative {
            book,
            unit,
            criterion,
            ..
        }
        | Message::TeamScoreAboveMax {
            book,
            unit,
            criterion,
            ..
        }
        | Message::TeamScoreUnattainable {
            book,
            unit,
            criterion,
            ..
        } => (book, unit, criterion),
        _ => unreachable!("not a message about a team score"),
    };
    let here = place(at, book, lang);
    let c = criterion.name(lang);
    let subject = match lang {
        Vi => format!("{here}: điểm đoàn kiểm tra của {c}, đơn vị \"{unit}\","),
        En => format!("{here}: the team score of {c}, unit \"{unit}\","),
    };
    let fix = |max| match lang {
        Vi => format!(
            "Sửa thành một số từ 0 đến {}, hoặc xóa để giữ điểm đề xuất; đến khi sửa, đơn vị chưa được đề nghị công nhận.",
            num(max, lang)
        ),
        En => format!(
            "Change it to a number from 0 to {}, or clear it to keep the proposed score; until then the unit is not proposed for recognition.",
            num(max, lang)
        ),
    };
    match (m, lang) {
        (Message::TeamScoreNotANumber { found, max, .. }, Vi) => {
            format!(
                "{subject} là \"{found}\", không đọc được thành số. {}",
                fix(*max)
            )
        }
        (Message::TeamScoreNotANumber { found, max, .. }, En) => {
            format!(
                "{subject} is \"{found}\", which is not a number. {}",
                fix(*max)
            )
        }
        (Message::TeamScoreNegative { found, max, .. }, Vi) => format!(
            "{subject} là {}, điểm không được âm. {}",
            num(*found, lang),
            fix(*max)
        ),
        (Message::TeamScoreNegative { found, max, .. }, En) => format!(
            "{subject} is {}; a score cannot be negative. {}",
            num(*found, lang),
            fix(*max)
        ),
        (Message::TeamScoreAboveMax { found, max, .. }, Vi) => format!(
            "{subject} là {}, vượt điểm tối đa {}. {}",
            num(*found, lang),
            num(*max, lang),
            fix(*max)
        ),
        (Message::TeamScoreAboveMax { found, max, .. }, En) => format!(
            "{subject} is {}, above the maximum of {}. {}",
            num(*found, lang),
            num(*max, lang),
            fix(*max)
        ),
        (
            Message::TeamScoreUnattainable {
                found, possible, ..
            },
            _,
        ) => {
            let list: Vec<String> = possible.iter().map(|d| num(*d, lang)).collect();
            match lang {
                Vi => format!(
                    "{subject} là {}, mức mà cách chấm của tiêu chí không cho ra (các mức có thể: {}). Điểm này vẫn được dùng; đề nghị đoàn kiểm tra lại.",
                    num(*found, lang),
                    list.join("; ")
                ),
                En => format!(
                    "{subject} is {}, which the criterion's rule never gives (possible scores: {}). It is used all the same; the team should check it.",
                    num(*found, lang),
                    list.join(", ")
                ),
            }
        }
        _ => unreachable!("not a message about a team score"),
    }
}
