//! Applying the rubric to a form, exactly.
//!
//! Each item gets three scores: `self` (the unit's "Điểm tự chấm"),
//! `computed` (from the evidence, where the form carries it) and `final`
//! (computed where there is evidence, else self where it lies in [0, max],
//! else none). Every computed score carries a short explanation a clerk
//! understands. All arithmetic is in [`Decimal`] or integers.
//!
//! ```
//! use dvht::scoring::percent_steps;
//! use rust_decimal::Decimal;
//! // 47 of 50 members: 94 %, one completed step of 5 % → 10 − 0.5.
//! let s = percent_steps(Decimal::from(10), 5, Decimal::new(5, 1), 50, 47);
//! assert_eq!(s, Decimal::new(95, 1));
//! ```

use crate::findings::{Lang, num};
use crate::form::{Evidence, Form, Loc};
use crate::rubric::{Item, Rubric, Rule};
use rust_decimal::Decimal;

/// The scores of one rubric item.
#[derive(Debug, Clone, PartialEq)]
pub struct ScoredItem {
    pub id: String,
    pub max: Decimal,
    pub self_score: Option<Decimal>,
    pub computed: Option<Decimal>,
    pub final_score: Option<Decimal>,
    /// Why the computed score is what it is (none when nothing was computed).
    pub explanation: Option<Explanation>,
    /// The self-score's cell (or where it belongs).
    pub cell: Option<Loc>,
}

/// The three totals.
#[derive(Debug, Clone, PartialEq)]
pub struct Totals {
    pub max: Decimal,
    pub self_score: Option<Decimal>,
    pub computed: Option<Decimal>,
    pub final_score: Option<Decimal>,
}

/// A form with the rubric applied.
#[derive(Debug, Clone, PartialEq)]
pub struct ScoredUnit {
    /// Every rubric item, groups included, in rubric order.
    pub items: Vec<ScoredItem>,
    pub total: Totals,
    /// Band of the self total.
    pub class_self: Option<String>,
    /// Band of the final total.
    pub class_final: Option<String>,
}

impl ScoredUnit {
    pub fn item(&self, id: &str) -> Option<&ScoredItem> {
        self.items.iter().find(|i| i.id == id)
    }
}

/// `max − deduct × steps`, never below 0, where `steps` counts the completed
/// `step` % of shortfall from 100 %: `floor(100·(T − C) / (step·T))`,
/// computed in integers. Callers ensure `0 ≤ count ≤ total`, `total > 0`.
pub fn percent_steps(max: Decimal, step: u32, deduct: Decimal, total: u64, count: u64) -> Decimal {
    let steps = completed_steps(step, total, count);
    (max - deduct * Decimal::from(steps)).max(Decimal::ZERO)
}

/// The completed steps of shortfall, in integers.
pub fn completed_steps(step: u32, total: u64, count: u64) -> u64 {
    if total == 0 || count >= total || step == 0 {
        return 0;
    }
    let num = 100u128 * (total - count) as u128;
    let den = step as u128 * total as u128;
    (num / den) as u64
}

/// A whole, non-negative count, or None.
pub fn whole(d: Decimal) -> Option<u64> {
    if d.is_sign_negative() && !d.is_zero() || !d.fract().is_zero() {
        return None;
    }
    u64::try_from(d.trunc()).ok()
}

/// `100·c/t` rounded to two decimals, for display only.
pub fn percent_of(count: u64, total: u64) -> Decimal {
    if total == 0 {
        return Decimal::ZERO;
    }
    // 100·c/t = c/t·100: dividing first cannot overflow (c ≤ t for callers;
    // the rounding to two decimals is the same).
    let ratio = Decimal::from(count) / Decimal::from(total);
    ratio
        .checked_mul(Decimal::ONE_HUNDRED)
        .unwrap_or(Decimal::MAX)
        .round_dp(2)
        .normalize()
}

/// Why a computed score is what it is, as data; [`Explanation::render`]
/// says it as a clerk reads it ("47/50 thành viên = 94%: thiếu 6% → trừ 0,5
/// điểm").
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Explanation {
    /// Có / Không → the maximum or 0.
    YesNo { yes: bool, score: Decimal },
    /// `lacking` of `of` resources missing, `deducted` points off.
    Resources {
        lacking: u64,
        of: u32,
        deducted: Decimal,
        score: Decimal,
    },
    /// A percentage rule: `percent` %, `short` % short of 100, `deducted`
    /// points off for `steps` completed steps of `step` %; from the
    /// members counted (`counted`: count and total) or from the rate given
    /// alone.
    Share {
        counted: Option<(u64, u64)>,
        percent: Decimal,
        short: Decimal,
        step: u32,
        steps: Decimal,
        deducted: Decimal,
        score: Decimal,
    },
    /// Shared with `units` units; `cap` the maximum when it was reached.
    SharedWith {
        units: u64,
        score: Decimal,
        cap: Option<Decimal>,
    },
}

impl Explanation {
    /// The explanation in a language.
    pub fn render(&self, lang: Lang) -> String {
        let n = |d: Decimal| num(d, lang);
        use Lang::{En, Vi};
        match (self, lang) {
            (Explanation::YesNo { yes: true, score }, Vi) => format!("Có → {} điểm", n(*score)),
            (Explanation::YesNo { yes: true, score }, En) => format!("Yes → {} points", n(*score)),
            (Explanation::YesNo { yes: false, .. }, Vi) => "Không → 0 điểm".into(),
            (Explanation::YesNo { yes: false, .. }, En) => "No → 0 points".into(),
            (
                Explanation::Resources {
                    lacking: 0,
                    of,
                    score,
                    ..
                },
                Vi,
            ) => {
                format!("Đủ {of} nguồn lực → {} điểm", n(*score))
            }
            (
                Explanation::Resources {
                    lacking: 0,
                    of,
                    score,
                    ..
                },
                En,
            ) => {
                format!("All {of} resources → {} points", n(*score))
            }
            (
                Explanation::Resources {
                    lacking,
                    of,
                    deducted,
                    ..
                },
                Vi,
            ) => {
                format!("Thiếu {lacking}/{of} nguồn lực → trừ {} điểm", n(*deducted))
            }
            (
                Explanation::Resources {
                    lacking,
                    of,
                    deducted,
                    ..
                },
                En,
            ) => format!(
                "{lacking} of {of} resources lacking → minus {} points",
                n(*deducted)
            ),
            (Explanation::Share { .. }, _) => self.share(lang),
            (Explanation::SharedWith { units, score, cap }, Vi) => format!(
                "Chia sẻ với {units} đơn vị → {} điểm{}",
                n(*score),
                cap.map(|m| format!(" (tối đa {} điểm)", n(m)))
                    .unwrap_or_default()
            ),
            (Explanation::SharedWith { units, score, cap }, En) => format!(
                "Shared with {units} units → {} points{}",
                n(*score),
                cap.map(|m| format!(" (at most {})", n(m)))
                    .unwrap_or_default()
            ),
        }
    }

    /// Members counted, or the rate given.
    fn share(&self, lang: Lang) -> String {
        let Explanation::Share {
            counted,
            percent,
            short,
            step,
            steps,
            deducted,
            score,
        } = self
        else {
            return String::new();
        };
        let n = |d: Decimal| num(d, lang);
        // "47/50 thành viên = 94%" / "Tỷ lệ 94%"; whether nothing is short.
        let (of, full) = match (*counted, lang) {
            (Some((c, t)), Lang::Vi) if c == t => (format!("{c}/{t} thành viên = 100%"), true),
            (Some((c, t)), Lang::En) if c == t => (format!("{c}/{t} members = 100%"), true),
            (Some((c, t)), Lang::Vi) => (format!("{c}/{t} thành viên = {}%", n(*percent)), false),
            (Some((c, t)), Lang::En) => (format!("{c}/{t} members = {}%", n(*percent)), false),
            (None, Lang::Vi) if short.is_zero() => ("Tỷ lệ 100%".to_string(), true),
            (None, Lang::En) if short.is_zero() => ("Rate 100%".to_string(), true),
            (None, Lang::Vi) => (format!("Tỷ lệ {}%", n(*percent)), false),
            (None, Lang::En) => (format!("Rate {}%", n(*percent)), false),
        };
        match (!steps.is_zero(), full, lang) {
            (false, true, Lang::Vi) => format!("{of} → {} điểm", n(*score)),
            (false, true, Lang::En) => format!("{of} → {} points", n(*score)),
            (false, false, Lang::Vi) => {
                format!("{of}: thiếu {}%, chưa đủ {step}% → không trừ", n(*short))
            }
            (false, false, Lang::En) => {
                format!(
                    "{of}: {}% short, less than {step}% → no deduction",
                    n(*short)
                )
            }
            (true, _, Lang::Vi) => {
                format!("{of}: thiếu {}% → trừ {} điểm", n(*short), n(*deducted))
            }
            (true, _, Lang::En) => {
                format!("{of}: {}% short → minus {} points", n(*short), n(*deducted))
            }
        }
    }
}

/// A computed score and why.
struct Computed {
    score: Decimal,
    why: Explanation,
}

fn compute(item: &Item, form: &Form) -> Option<Computed> {
    let entry = form.entries.get(&item.id)?;
    let max = item.max;
    let why = match &item.rule {
        Rule::Group => return None,
        Rule::YesNo => match entry.evidence.as_ref()?.value {
            Evidence::YesNo(yes) => Explanation::YesNo {
                yes,
                score: if yes { max } else { Decimal::ZERO },
            },
            Evidence::Count(_) => return None,
        },
        Rule::DeductPerMissing { per, of } => {
            let Evidence::Count(n) = entry.evidence.as_ref()?.value else {
                return None;
            };
            let n = whole(n)?;
            if n > u64::from(*of) {
                return None;
            }
            let score = (max - *per * Decimal::from(n)).max(Decimal::ZERO);
            Explanation::Resources {
                lacking: n,
                of: *of,
                deducted: max - score,
                score,
            }
        }
        Rule::PercentSteps { step, deduct } => percent_rule(form, entry, max, *step, *deduct)?,
        Rule::PerUnit { points } => {
            let Evidence::Count(n) = entry.evidence.as_ref()?.value else {
                return None;
            };
            let n = whole(n)?;
            // A count too large to multiply is far above the cap.
            let raw = points.checked_mul(Decimal::from(n)).unwrap_or(Decimal::MAX);
            Explanation::SharedWith {
                units: n,
                score: raw.min(max),
                cap: (raw > max).then_some(max),
            }
        }
    };
    Some(Computed {
        score: why.score(),
        why,
    })
}

impl Explanation {
    /// The score explained.
    pub fn score(&self) -> Decimal {
        match self {
            Explanation::YesNo { score, .. }
            | Explanation::Resources { score, .. }
            | Explanation::Share { score, .. }
            | Explanation::SharedWith { score, .. } => *score,
        }
    }
}

/// A percentage rule: from the count and the number of members, or (a
/// count needs the number of members) from a rate given beside it.
fn percent_rule(
    form: &Form,
    entry: &crate::form::Entry,
    max: Decimal,
    step: u32,
    deduct: Decimal,
) -> Option<Explanation> {
    let from_count = entry
        .evidence
        .as_ref()
        .and_then(|e| match e.value {
            Evidence::Count(c) => Some(c),
            Evidence::YesNo(_) => None,
        })
        .filter(|_| form.members.is_some() || entry.percent.is_none());
    if let Some(c) = from_count {
        let t = whole(form.members.as_ref()?.value)?;
        let c = whole(c)?;
        if t == 0 || c > t {
            return None;
        }
        let score = percent_steps(max, step, deduct, t, c);
        let percent = percent_of(c, t);
        return Some(Explanation::Share {
            counted: Some((c, t)),
            percent,
            short: Decimal::ONE_HUNDRED - percent,
            step,
            steps: Decimal::from(completed_steps(step, t, c)),
            deducted: max - score,
            score,
        });
    }
    // Only the percentage was given.
    let p = entry.percent.as_ref()?.value;
    if p < Decimal::ZERO || p > Decimal::ONE_HUNDRED {
        return None;
    }
    let short = Decimal::ONE_HUNDRED - p;
    let steps = (short / Decimal::from(step)).floor();
    let score = (max - deduct * steps).max(Decimal::ZERO);
    Some(Explanation::Share {
        counted: None,
        percent: p,
        short,
        step,
        steps,
        deducted: max - score,
        score,
    })
}

fn sum_opt(values: impl Iterator<Item = Option<Decimal>>, all_required: bool) -> Option<Decimal> {
    let mut sum = Decimal::ZERO;
    let mut any = false;
    for v in values {
        match v {
            Some(v) => {
                // Self-scores in the octillions overflow: no sum then.
                sum = sum.checked_add(v)?;
                any = true;
            }
            None if all_required => return None,
            None => {}
        }
    }
    any.then_some(sum)
}

/// Applies the rubric to a form.
pub fn score(rubric: &Rubric, form: &Form) -> ScoredUnit {
    let mut items: Vec<ScoredItem> = Vec::with_capacity(rubric.items.len());
    // Leaves first, in rubric order.
    for item in &rubric.items {
        let entry = form.entries.get(&item.id);
        let self_score = entry.and_then(|e| e.self_score.as_ref()).map(|s| s.value);
        let cell = entry.and_then(|e| {
            e.self_score
                .as_ref()
                .map(|s| s.loc.clone())
                .or_else(|| e.self_cell.clone())
        });
        let (computed, explanation) = match compute(item, form) {
            Some(c) => (Some(c.score), Some(c.why)),
            None => (None, None),
        };
        // A self-score stands as the proposal only where the rubric could
        // give it: within [0, max] and a whole number of score steps (9,3 is
        // never a score; the team decides instead).
        let valid_self = self_score.filter(|s| {
            // score_step > 0 is checked when the rubric is loaded.
            *s >= Decimal::ZERO && *s <= item.max && (*s % rubric.score_step).is_zero()
        });
        items.push(ScoredItem {
            id: item.id.clone(),
            max: item.max,
            self_score,
            computed,
            final_score: computed.or(valid_self),
            explanation,
            cell,
        });
    }
    // Groups from their children, deepest first (children follow parents in the rubric).
    for gi in (0..rubric.items.len()).rev() {
        let g = &rubric.items[gi];
        if !g.is_group() {
            continue;
        }
        let kids: Vec<usize> = rubric
            .items
            .iter()
            .enumerate()
            .filter(|(_, c)| c.parent.as_deref() == Some(g.id.as_str()))
            .map(|(i, _)| i)
            .collect();
        let self_score = sum_opt(kids.iter().map(|&k| items[k].self_score), false);
        let computed = sum_opt(kids.iter().map(|&k| items[k].computed), true);
        let final_score = sum_opt(kids.iter().map(|&k| items[k].final_score), false);
        let it = &mut items[gi];
        it.self_score = self_score;
        it.computed = computed;
        it.final_score = final_score;
    }
    let tops: Vec<usize> = rubric
        .items
        .iter()
        .enumerate()
        .filter(|(_, i)| i.parent.is_none())
        .map(|(i, _)| i)
        .collect();
    let total = Totals {
        max: rubric.total_max,
        self_score: sum_opt(tops.iter().map(|&k| items[k].self_score), false),
        computed: sum_opt(tops.iter().map(|&k| items[k].computed), true),
        final_score: sum_opt(tops.iter().map(|&k| items[k].final_score), false),
    };
    ScoredUnit {
        class_self: total.self_score.map(|t| rubric.band_of(t).name.clone()),
        class_final: total.final_score.map(|t| rubric.band_of(t).name.clone()),
        items,
        total,
    }
}
