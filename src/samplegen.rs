//! Filled sample forms: the 26 units of a district, and as many more as a
//! benchmark wants.
//!
//! [`district`] returns the forms behind `samples/*.xlsx` (written by
//! `cargo run --example make-samples`): mostly good units, some with
//! deductions, a few with the mistakes clerks make (a self-score above the
//! maximum, one that disagrees with the evidence, a missing score, a group
//! row typed over with a wrong sum, a count above the number of members, a
//! score typed as text "9,5", a wrong classification, Phụ lục 1 arithmetic
//! that does not add up, a dossier document missing).
//!
//! | file | what is wrong | finding |
//! |---|---|---|
//! | 05-phong-giao-duc-dao-tao | 2d self-score typed as text "4,5" (SUM skips it; the evidence gives 5) | self-computed-differ, group-sum-mismatch |
//! | 07-phong-lao-dong-tbxh | 2b self-score 6 above its maximum 5 | score-above-max |
//! | 09-phong-kinh-te-ha-tang | 3c self-score left blank | missing-self-score |
//! | 11-phong-y-te | a dossier document marked "Không" | dossier-incomplete |
//! | 13-trung-tam-y-te | 2a self 10 where 112/120 members give 9.5; group 2 typed over as 28 | self-computed-differ, group-sum-mismatch |
//! | 15-trung-tam-gdnn-gdtx | dues amount typed as 250.000 where 25 × 12.000 = 300.000 | dues-mismatch |
//! | 17-thcs-thi-tran | 2c count 55 above the 52 members | count-above-total |
//! | 19-tieu-hoc-nhi-thanh | "Xếp loại" typed "Khá" for a total of 98.5 | classification-mismatch |
//! | 20-mam-non-hoa-sen | balance typed, not income − expense | balance-mismatch |
//! | 22-ubnd-xa-my-an | more dues payers than board members | payers-exceed-members |
//! | 24-ubnd-xa-long-thanh | two dossier documents marked "Không"; a weak unit (68, Trung bình) | dossier-incomplete |
//!
//! 23-ubnd-xa-binh-thanh gives no evidence for 1a and 1b (its self-scores
//! stand). The units are made up, in the shape of a huyện's agencies,
//! schools and communes. The expected scores of every sample are in
//! `tests/samples.rs`, computed independently by `tests/expected_samples.py`
//! from the files' cells.
//!
//! [`generate`] gives `n` distinct realistic forms from a seed, for the
//! benchmark. Everything here is a pure function of its arguments.

use crate::form::{DossierDoc, Pl1Field};
use crate::rubric::{Rubric, Rule};
use crate::scoring::percent_steps;
pub use crate::template::{FilledForm, FilledItem, Typed};
use rust_decimal::Decimal;

/// The year of the samples (the seed plan's year).
pub const YEAR: i32 = 2023;

/// A mistake (or a quirk) put into a sample on purpose.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Quirk {
    /// The self-score of an item, typed as a number ("6" on a 5-point item).
    SelfScore(&'static str, &'static str),
    /// The self-score of an item, typed as text ("9,5").
    SelfText(&'static str, &'static str),
    /// No self-score on this row.
    NoSelfScore(&'static str),
    /// No evidence on this row (the self-score stands alone).
    NoEvidence(&'static str),
    /// The evidence count of an item, whatever the number of members.
    Count(&'static str, i64),
    /// A group row typed over with a number.
    GroupTyped(&'static str, &'static str),
    /// "Xếp loại" typed by hand.
    Class(&'static str),
    /// Phụ lục 1 dues amount typed by hand (đồng).
    DuesTyped(i64),
    /// Phụ lục 1 balance typed by hand (đồng).
    BalanceTyped(i64),
    /// More dues payers than board members.
    PayersAbove(i64),
    /// A dossier document marked "Không".
    DossierMissing(DossierDoc),
}

/// One unit of the district, in a few numbers.
#[derive(Debug, Clone, PartialEq)]
pub struct UnitSpec {
    /// Its file name in `samples/` (without ".xlsx").
    pub file: &'static str,
    pub name: &'static str,
    pub members: i64,
    /// Members meeting 2a, 2b, 2c, 2d.
    pub counts: [i64; 4],
    /// Resources lacking (1c).
    pub lacking: i64,
    /// Other units shared with (3c).
    pub shared: i64,
    /// Yes/no items answered "Không".
    pub no: &'static [&'static str],
    pub quirks: &'static [Quirk],
}

macro_rules! unit {
    ($file:literal, $name:literal, $m:expr, [$a:expr, $b:expr, $c:expr, $d:expr], $lack:expr, $shared:expr, $no:expr, $q:expr) => {
        UnitSpec {
            file: $file,
            name: $name,
            members: $m,
            counts: [$a, $b, $c, $d],
            lacking: $lack,
            shared: $shared,
            no: $no,
            quirks: $q,
        }
    };
}

use Quirk::*;

/// The 26 units of the district, as specified (see [`district`]).
pub fn district_specs() -> Vec<UnitSpec> {
    DISTRICT.to_vec()
}

/// The units of [`district_specs`], as data.
const DISTRICT: &[UnitSpec] = &[
    unit!(
        "01-van-phong-hdnd-ubnd",
        "Văn phòng HĐND và UBND huyện",
        35,
        [35, 35, 35, 33],
        0,
        5,
        &[],
        &[]
    ),
    unit!(
        "02-phong-noi-vu",
        "Phòng Nội vụ",
        12,
        [12, 12, 12, 12],
        0,
        5,
        &[],
        &[]
    ),
    unit!(
        "03-phong-tu-phap",
        "Phòng Tư pháp",
        8,
        [8, 8, 8, 7],
        0,
        4,
        &[],
        &[]
    ),
    unit!(
        "04-phong-tai-chinh-ke-hoach",
        "Phòng Tài chính – Kế hoạch",
        14,
        [14, 14, 13, 12],
        0,
        5,
        &[],
        &[]
    ),
    unit!(
        "05-phong-giao-duc-dao-tao",
        "Phòng Giáo dục và Đào tạo",
        18,
        [18, 18, 18, 17],
        0,
        5,
        &[],
        &[SelfText("2d", "4,5")]
    ),
    unit!(
        "06-phong-van-hoa-thong-tin",
        "Phòng Văn hóa và Thông tin",
        10,
        [10, 10, 9, 9],
        1,
        3,
        &[],
        &[]
    ),
    unit!(
        "07-phong-lao-dong-tbxh",
        "Phòng Lao động – Thương binh và Xã hội",
        13,
        [13, 12, 13, 11],
        0,
        4,
        &[],
        &[SelfScore("2b", "6")]
    ),
    unit!(
        "08-phong-tai-nguyen-moi-truong",
        "Phòng Tài nguyên và Môi trường",
        16,
        [15, 16, 16, 14],
        0,
        3,
        &["3a5"],
        &[]
    ),
    unit!(
        "09-phong-kinh-te-ha-tang",
        "Phòng Kinh tế và Hạ tầng",
        15,
        [15, 15, 15, 13],
        0,
        5,
        &[],
        &[NoSelfScore("3c")]
    ),
    unit!(
        "10-phong-nong-nghiep",
        "Phòng Nông nghiệp và Phát triển nông thôn",
        17,
        [17, 17, 16, 15],
        1,
        2,
        &[],
        &[]
    ),
    unit!(
        "11-phong-y-te",
        "Phòng Y tế",
        8,
        [8, 8, 8, 8],
        0,
        2,
        &[],
        &[DossierMissing(DossierDoc::CitizenRegistrations)]
    ),
    unit!(
        "12-thanh-tra-huyen",
        "Thanh tra huyện",
        9,
        [9, 9, 9, 8],
        0,
        3,
        &[],
        &[]
    ),
    unit!(
        "13-trung-tam-y-te",
        "Trung tâm Y tế huyện",
        120,
        [112, 118, 110, 96],
        1,
        5,
        &[],
        &[SelfScore("2a", "10"), GroupTyped("2", "28")]
    ),
    unit!(
        "14-trung-tam-van-hoa-the-thao",
        "Trung tâm Văn hóa, Thể thao và Truyền thanh",
        22,
        [22, 21, 22, 19],
        0,
        4,
        &[],
        &[]
    ),
    unit!(
        "15-trung-tam-gdnn-gdtx",
        "Trung tâm Giáo dục nghề nghiệp – Giáo dục thường xuyên",
        28,
        [27, 28, 28, 25],
        0,
        5,
        &[],
        &[DuesTyped(250_000)]
    ),
    unit!(
        "16-ban-quan-ly-du-an",
        "Ban Quản lý dự án đầu tư xây dựng huyện",
        20,
        [18, 20, 19, 16],
        2,
        1,
        &["1b"],
        &[]
    ),
    unit!(
        "17-thcs-thi-tran",
        "Trường THCS Thị trấn",
        52,
        [52, 51, 52, 47],
        0,
        5,
        &[],
        &[Count("2c", 55), SelfScore("2c", "10")]
    ),
    unit!(
        "18-thcs-my-phu",
        "Trường THCS Mỹ Phú",
        38,
        [38, 38, 37, 34],
        0,
        5,
        &[],
        &[]
    ),
    unit!(
        "19-tieu-hoc-nhi-thanh",
        "Trường Tiểu học Nhị Thành",
        41,
        [40, 41, 41, 36],
        0,
        4,
        &[],
        &[Class("Khá")]
    ),
    unit!(
        "20-mam-non-hoa-sen",
        "Trường Mầm non Hoa Sen",
        33,
        [33, 33, 33, 30],
        0,
        3,
        &[],
        &[BalanceTyped(2_500_000)]
    ),
    unit!(
        "21-ubnd-thi-tran",
        "UBND thị trấn",
        45,
        [42, 45, 43, 38],
        1,
        3,
        &[],
        &[]
    ),
    unit!(
        "22-ubnd-xa-my-an",
        "UBND xã Mỹ An",
        30,
        [27, 29, 28, 24],
        2,
        2,
        &["3a6"],
        &[PayersAbove(2)]
    ),
    unit!(
        "23-ubnd-xa-binh-thanh",
        "UBND xã Bình Thạnh",
        28,
        [24, 27, 25, 20],
        2,
        1,
        &["3b"],
        &[NoEvidence("1a"), NoEvidence("1b")]
    ),
    unit!(
        "24-ubnd-xa-long-thanh",
        "UBND xã Long Thạnh",
        26,
        [20, 24, 21, 17],
        3,
        0,
        &["3b", "3a5", "3a6"],
        &[
            DossierMissing(DossierDoc::SelfStudyPlans),
            DossierMissing(DossierDoc::LifelongCommitments)
        ]
    ),
    unit!(
        "25-tieu-hoc-tan-thanh",
        "Trường Tiểu học Tân Thành",
        36,
        [36, 36, 35, 31],
        0,
        4,
        &[],
        &[]
    ),
    unit!(
        "26-mat-tran-to-quoc",
        "Ủy ban Mặt trận Tổ quốc Việt Nam huyện",
        11,
        [11, 11, 11, 10],
        0,
        2,
        &[],
        &[]
    ),
];

/// The forms behind `samples/*.xlsx`: (file name without ".xlsx", form).
pub fn district(rubric: &Rubric) -> Vec<(String, FilledForm)> {
    district_specs()
        .iter()
        .map(|s| (s.file.to_string(), from_spec(rubric, s)))
        .collect()
}

/// The score a unit honestly gives itself from its evidence.
fn honest_score(rubric: &Rubric, id: &str, spec: &UnitSpec, yes: bool) -> Decimal {
    let Some(item) = rubric.item(id) else {
        return Decimal::ZERO;
    };
    let d = Decimal::from;
    match &item.rule {
        Rule::Group => Decimal::ZERO,
        Rule::YesNo => {
            if yes {
                item.max
            } else {
                Decimal::ZERO
            }
        }
        Rule::DeductPerMissing { per, .. } => {
            (item.max - *per * d(spec.lacking)).max(Decimal::ZERO)
        }
        Rule::PercentSteps { step, deduct } => {
            let c = count_of(id, &spec.counts).clamp(0, spec.members);
            percent_steps(item.max, *step, *deduct, spec.members as u64, c as u64)
        }
        Rule::PerUnit { points } => (*points * d(spec.shared)).min(item.max),
    }
}

fn count_of(id: &str, counts: &[i64; 4]) -> i64 {
    match id {
        "2a" => counts[0],
        "2b" => counts[1],
        "2c" => counts[2],
        "2d" => counts[3],
        _ => 0,
    }
}

/// A unit's filled form from its spec.
pub fn from_spec(rubric: &Rubric, spec: &UnitSpec) -> FilledForm {
    let mut f = FilledForm::blank(YEAR);
    f.unit = spec.name.to_string();
    f.members = Some(Typed::int(spec.members));
    for item in rubric.leaves() {
        let id = item.id.as_str();
        let yes = !spec.no.contains(&id);
        let evidence = match &item.rule {
            Rule::YesNo => Typed::yes_no(yes),
            Rule::DeductPerMissing { .. } => Typed::int(spec.lacking),
            Rule::PercentSteps { .. } => Typed::int(count_of(id, &spec.counts)),
            Rule::PerUnit { .. } => Typed::int(spec.shared),
            Rule::Group => continue,
        };
        let score = honest_score(rubric, id, spec, yes);
        let row = f.item_mut(id);
        row.evidence = Some(evidence);
        row.self_score = Some(Typed::Number(score));
    }
    for q in spec.quirks {
        match *q {
            SelfScore(id, s) => f.item_mut(id).self_score = Some(Typed::num(s)),
            SelfText(id, s) => f.item_mut(id).self_score = Some(Typed::text(s)),
            NoSelfScore(id) => f.item_mut(id).self_score = None,
            NoEvidence(id) => f.item_mut(id).evidence = None,
            Count(id, c) => f.item_mut(id).evidence = Some(Typed::int(c)),
            GroupTyped(id, s) => f.item_mut(id).self_score = Some(Typed::num(s)),
            Class(c) => f.classification = Some(c.to_string()),
            _ => {}
        }
    }
    if spec.quirks.iter().any(|q| matches!(q, Count(..))) {
        f.item_mut("2c").note = Some("Tính cả giáo viên hợp đồng".into());
    }
    pl1(rubric, spec, &mut f);
    for doc in DossierDoc::ALL {
        let missing = spec.quirks.contains(&DossierMissing(doc));
        f.dossier.insert(doc, !missing);
    }
    f
}

/// Plausible Phụ lục 1 figures for a unit, with its quirks.
fn pl1(rubric: &Rubric, spec: &UnitSpec, f: &mut FilledForm) {
    use Pl1Field as P;
    let m = spec.members;
    let board = m - m / 10; // most staff join the board
    let last_year = board - (m % 3) + 1;
    let mut payers = board - m / 20;
    for q in spec.quirks {
        if let PayersAbove(extra) = q {
            payers = board + extra;
        }
    }
    let party = (m * 2 + 4) / 5;
    let in_party = party.min(board) - party / 6;
    let gifts = 5 + m / 4;
    let gifts_amount = gifts * 300_000;
    let scholarships = 2 + m / 10;
    let scholarships_amount = scholarships * 500_000;
    let dues = Decimal::from(payers) * rubric.dues.rate;
    let donations = Decimal::from(gifts_amount + scholarships_amount + 1_000_000 + m * 50_000);
    let income = dues + donations;
    let expense = Decimal::from(gifts_amount + scholarships_amount);
    let n = |v: i64| Typed::int(v);
    f.pl1.insert(P::Staff, n(m));
    f.pl1.insert(P::MembersLastYear, n(last_year));
    f.pl1.insert(P::Members, n(board));
    f.pl1.insert(P::DuesPayers, n(payers));
    f.pl1.insert(P::PartyMembers, n(party));
    f.pl1.insert(P::MembersInParty, n(in_party));
    f.pl1.insert(P::Gifts, n(gifts));
    f.pl1.insert(P::GiftsAmount, n(gifts_amount));
    f.pl1.insert(P::Scholarships, n(scholarships));
    f.pl1.insert(P::ScholarshipsAmount, n(scholarships_amount));
    f.pl1.insert(P::Income, Typed::Number(income));
    f.pl1.insert(P::Expense, Typed::Number(expense));
    for q in spec.quirks {
        match *q {
            DuesTyped(v) => {
                f.pl1.insert(P::DuesAmount, n(v));
            }
            BalanceTyped(v) => {
                f.pl1.insert(P::Balance, n(v));
            }
            _ => {}
        }
    }
}

/// A small deterministic generator (SplitMix64): the same seed gives the
/// same forms on every machine.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    /// Uniform in `lo..=hi`.
    fn range(&mut self, lo: i64, hi: i64) -> i64 {
        let span = (hi - lo + 1).max(1) as u64;
        lo + (self.next() % span) as i64
    }
    fn chance(&mut self, percent: u64) -> bool {
        self.next() % 100 < percent
    }
    fn pick<'a>(&mut self, xs: &[&'a str]) -> &'a str {
        // xs is never empty: every caller passes a literal list.
        xs[(self.next() % xs.len() as u64) as usize]
    }
}

const KINDS: [&str; 8] = [
    "Trường Tiểu học",
    "Trường THCS",
    "Trường Mầm non",
    "UBND xã",
    "Trạm Y tế xã",
    "Trường Tiểu học và THCS",
    "Hội Nông dân xã",
    "Trường Mẫu giáo",
];

const PLACES: [&str; 24] = [
    "Mỹ An",
    "Mỹ Phú",
    "Mỹ Thạnh",
    "Mỹ Lạc",
    "Bình Thạnh",
    "Bình An",
    "Long Thạnh",
    "Long Thuận",
    "Tân Thành",
    "Tân Long",
    "Tân Lập",
    "Nhị Thành",
    "Hòa Khánh",
    "Hòa Bình",
    "Phước Lợi",
    "An Nhựt Tân",
    "Thạnh Phú",
    "Vĩnh Công",
    "Lợi Bình Nhơn",
    "Hướng Thọ Phú",
    "Khánh Hậu",
    "Nhơn Thạnh Trung",
    "Bình Tâm",
    "Tân Khánh",
];

/// `n` distinct realistic filled forms from a seed (for benchmarks): names
/// from a district's kinds of units and places, members from 8 to 120,
/// counts near full, a mistake now and then.
pub fn generate(rubric: &Rubric, n: usize, seed: u64) -> Vec<FilledForm> {
    let mut rng = Rng(seed);
    let offset = (rng.next() % PLACES.len() as u64) as usize;
    (0..n)
        .map(|k| {
            // Kind and place from the index, so that names never repeat.
            let combos = KINDS.len() * PLACES.len();
            let kind = KINDS[k % KINDS.len()];
            let place = PLACES[(k / KINDS.len() + offset) % PLACES.len()];
            let name = if k < combos {
                format!("{kind} {place}")
            } else {
                format!("{kind} {place} số {}", k / combos + 1)
            };
            let members = rng.range(8, 120);
            let near = |rng: &mut Rng| {
                if rng.chance(60) {
                    members
                } else {
                    members - rng.range(0, (members / 5).max(1))
                }
            };
            let counts = [
                near(&mut rng),
                near(&mut rng),
                near(&mut rng),
                near(&mut rng),
            ];
            let lacking = if rng.chance(75) { 0 } else { rng.range(1, 4) };
            let shared = rng.range(0, 6);
            let mut f = FilledForm::blank(YEAR);
            f.unit = name;
            f.members = Some(Typed::int(members));
            for item in rubric.leaves() {
                let id = item.id.as_str();
                let (evidence, score) = match &item.rule {
                    Rule::YesNo => {
                        let yes = !rng.chance(8);
                        (
                            Typed::yes_no(yes),
                            if yes { item.max } else { Decimal::ZERO },
                        )
                    }
                    Rule::DeductPerMissing { per, .. } => (
                        Typed::int(lacking),
                        (item.max - *per * Decimal::from(lacking)).max(Decimal::ZERO),
                    ),
                    Rule::PercentSteps { step, deduct } => {
                        let c = count_of(id, &counts);
                        (
                            Typed::int(c),
                            percent_steps(item.max, *step, *deduct, members as u64, c as u64),
                        )
                    }
                    Rule::PerUnit { points } => (
                        Typed::int(shared),
                        (*points * Decimal::from(shared)).min(item.max),
                    ),
                    Rule::Group => continue,
                };
                let row = f.item_mut(id);
                row.evidence = Some(evidence);
                row.self_score = Some(Typed::Number(score));
            }
            // A mistake in one form of five.
            if rng.chance(20) {
                let id = rng.pick(&["2a", "2b", "3c", "1c"]);
                match rng.range(0, 2) {
                    0 => f.item_mut(id).self_score = None,
                    1 => {
                        let max = rubric.item(id).map_or(Decimal::TEN, |i| i.max);
                        f.item_mut(id).self_score = Some(Typed::Number(max + Decimal::ONE));
                    }
                    _ => f.item_mut("2a").self_score = Some(Typed::text("9,5")),
                }
            }
            let spec = UnitSpec {
                file: "",
                name: "",
                members,
                counts,
                lacking,
                shared,
                no: &[],
                quirks: &[],
            };
            pl1(rubric, &spec, &mut f);
            for doc in DossierDoc::ALL {
                f.dossier.insert(doc, !rng.chance(3));
            }
            f
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    #[test]
    fn district_has_26_distinct_units_with_members_8_to_120() {
        let r = Rubric::builtin();
        let forms = district(&r);
        assert_eq!(forms.len(), 26);
        let names: HashSet<&str> = forms.iter().map(|(_, f)| f.unit.as_str()).collect();
        assert_eq!(names.len(), 26);
        let files: HashSet<&str> = forms.iter().map(|(n, _)| n.as_str()).collect();
        assert_eq!(files.len(), 26);
        let members: Vec<i64> = district_specs().iter().map(|s| s.members).collect();
        assert_eq!(members.iter().min(), Some(&8));
        assert_eq!(members.iter().max(), Some(&120));
        for s in district_specs() {
            for c in s.counts {
                assert!(c <= s.members, "{}: count {c} above {}", s.name, s.members);
            }
        }
    }

    #[test]
    fn generate_is_deterministic_and_distinct() {
        let r = Rubric::builtin();
        let a = generate(&r, 300, 7);
        assert_eq!(a, generate(&r, 300, 7));
        assert_ne!(a, generate(&r, 300, 8));
        let names: HashSet<&str> = a.iter().map(|f| f.unit.as_str()).collect();
        assert_eq!(names.len(), 300);
        for f in &a {
            let m = f.members.as_ref().and_then(Typed::number).unwrap();
            assert!(m >= Decimal::from(8) && m <= Decimal::from(120));
        }
    }
}
