//! The papers of the inspection day (`plan --documents`, [`plan`]) and of
//! the conclusion (`finalize --documents`, [`finalize`]), drawn from plain
//! data: what a team is and does ([`PlanInput`]), what each unit finally
//! scored ([`FinalInput`]). The commands turn their own results into these
//! types; the wording follows the seed plan (sections II, VI and VII).

pub mod finalize;
pub mod plan;

pub use finalize::{FinalInput, Group, UnitResult, recognition_decision, report, submission};
pub use plan::{Member, PlanInput, TeamPlan, Visit, schedule_notice, team_decision};

use super::layout::civil_from_days;
use super::{Block, Doc, Issuer, Paper, Settings, Signature};

/// "Đơn vị học tập" năm 2023, the phrase every title ends with.
pub(crate) fn title_year(year: i32) -> String {
    format!("“Đơn vị học tập” năm {year}")
}

/// The body's name as a heading shows it, its superior, and its signature.
pub(crate) fn issued_by(s: &Settings, p: Paper) -> (Issuer, Signature) {
    let b = s.body_of(p);
    (
        Issuer {
            superior: b.superior.clone(),
            name: b.name.clone(),
        },
        Signature {
            lines: b.signature.clone(),
            title: b.signer_title.clone(),
            name: b.signer.clone(),
        },
    )
}

/// A document of `paper` with the settings' issuer, place and signature.
pub(crate) fn doc_of(
    s: &Settings,
    paper: Paper,
    kind: &str,
    code: &str,
    year: i32,
    created: i64,
) -> Doc {
    let (issuer, signature) = issued_by(s, paper);
    let body = s.body_of(paper);
    Doc {
        issuer,
        symbol: format!("{code}-{}", body.symbol),
        place: s.place.clone(),
        year: Some(year),
        kind: kind.to_string(),
        signature,
        recipients: s.recipients.get(paper).clone(),
        archive: archive(s, paper),
        created,
        ..Doc::default()
    }
}

/// "VT, PGDĐT": the clerk's office and the drafting office, which is the
/// body of the letters (the education office) when another body signs.
pub(crate) fn archive(s: &Settings, paper: Paper) -> String {
    let drafter = &s.body_of(Paper::Letters).symbol;
    if s.body_of(paper).symbol == *drafter {
        "VT".to_string()
    } else {
        format!("VT, {drafter}")
    }
}

/// The legal bases of a decision, each ending ";", and "Theo đề nghị …".
pub(crate) fn bases(s: &Settings, year: i32, proposal: &str) -> Vec<Block> {
    let mut out: Vec<Block> = s
        .bases
        .iter()
        .map(|b| Block::Basis(format!("{};", b.trim_end_matches([';', '.', ' ']))))
        .collect();
    out.push(Block::Basis(format!(
        "Căn cứ {};",
        fill_year(&s.plan, year).trim_end_matches([';', '.', ' '])
    )));
    out.push(Block::Basis(format!("{proposal}.")));
    out
}

pub(crate) fn fill_year(t: &str, year: i32) -> String {
    t.replace("{year}", &year.to_string())
}

/// A count as documents write it: "02", "26".
pub(crate) fn count_vi(n: usize) -> String {
    format!("{n:02}")
}

/// "dd/mm/yyyy" with a leading zero (Nghị định 30: 01–09).
pub fn date_vi((y, m, d): (i32, u32, u32)) -> String {
    format!("{d:02}/{m:02}/{y}")
}

/// "thứ Sáu" for a date.
pub fn weekday_vi((y, m, d): (i32, u32, u32)) -> &'static str {
    const NAMES: [&str; 7] = [
        "thứ Năm",
        "thứ Sáu",
        "thứ Bảy",
        "Chủ nhật",
        "thứ Hai",
        "thứ Ba",
        "thứ Tư",
    ];
    // 1970-01-01 was a Thursday.
    NAMES[days_from_civil(y, m, d).rem_euclid(7) as usize]
}

fn days_from_civil(y: i32, m: u32, d: u32) -> i64 {
    let y = i64::from(y) - i64::from(m <= 2);
    let era = y.div_euclid(400);
    let yoe = y.rem_euclid(400);
    let m = i64::from(m);
    let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + i64::from(d) - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// The day of a document date, for tests and names.
pub fn ymd_of(secs: i64) -> (i64, u32, u32) {
    civil_from_days(secs.div_euclid(86_400))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_read_the_vietnamese_way() {
        assert_eq!(date_vi((2023, 12, 5)), "05/12/2023");
        assert_eq!(weekday_vi((2023, 12, 15)), "thứ Sáu");
        assert_eq!(weekday_vi((2024, 2, 29)), "thứ Năm");
        assert_eq!(weekday_vi((1970, 1, 1)), "thứ Năm");
        assert_eq!(weekday_vi((2025, 7, 1)), "thứ Ba");
        assert_eq!(ymd_of(1_702_598_400), (2023, 12, 15));
    }
}
