//! The papers of the inspection day (`plan --documents`, [`plan`]) and of
//! the conclusion (`finalize --documents`, [`finalize`]), drawn from plain
//! data: what a team is and does ([`PlanInput`]), what each unit finally
//! scored ([`FinalInput`]). The commands turn their own results into these
//! types; the wording follows the seed plan (sections II, VI and VII).

pub mod finalize;
pub mod plan;

pub use finalize::{FinalInput, Group, UnitResult, recognition_decision, report, submission};
pub use plan::{Member, PlanInput, TeamPlan, Visit, schedule_notice, team_decision};

use super::{Block, Doc, Issuer, Paper, Settings, Signature};
use crate::plan::day::Date;

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
/// "02", "26"; none is "0", not "00".
pub(crate) fn count_vi(n: usize) -> String {
    if n == 0 {
        return "0".into();
    }
    format!("{n:02}")
}

/// "thứ Sáu ngày 15/12/2023", as a sentence names a day.
pub fn day_vi(d: Date) -> String {
    let w = d.weekday_vi();
    let mut c = w.chars();
    let w: String = c
        .next()
        .map(|f| f.to_lowercase().chain(c).collect())
        .unwrap_or_default();
    format!("{w} ngày {d}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_read_the_vietnamese_way() {
        let d = |y, m, d| Date::new(y, m, d).unwrap();
        assert_eq!(day_vi(d(2023, 12, 15)), "thứ Sáu ngày 15/12/2023");
        assert_eq!(day_vi(d(2023, 12, 17)), "chủ nhật ngày 17/12/2023");
        assert_eq!(day_vi(d(2025, 7, 1)), "thứ Ba ngày 01/07/2025");
    }
}
