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

use crate::findings::{num_en, num_vi};
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
    /// Why the computed score is what it is (empty when nothing was computed).
    pub explain_vi: String,
    pub explain_en: String,
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

struct Computed {
    score: Decimal,
    vi: String,
    en: String,
}

fn compute(item: &Item, form: &Form) -> Option<Computed> {
    let entry = form.entries.get(&item.id)?;
    let max = item.max;
    match &item.rule {
        Rule::Group => None,
        Rule::YesNo => match entry.evidence.as_ref()?.value {
            Evidence::YesNo(true) => Some(Computed {
                score: max,
                vi: format!("Có → {} điểm", num_vi(max)),
                en: format!("Yes → {} points", num_en(max)),
            }),
            Evidence::YesNo(false) => Some(Computed {
                score: Decimal::ZERO,
                vi: "Không → 0 điểm".into(),
                en: "No → 0 points".into(),
            }),
            Evidence::Count(_) => None,
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
            Some(if n == 0 {
                Computed {
                    score,
                    vi: format!("Đủ {of} nguồn lực → {} điểm", num_vi(score)),
                    en: format!("All {of} resources → {} points", num_en(score)),
                }
            } else {
                Computed {
                    score,
                    vi: format!(
                        "Thiếu {n}/{of} nguồn lực → trừ {} điểm",
                        num_vi(max - score)
                    ),
                    en: format!(
                        "{n} of {of} resources lacking → minus {} points",
                        num_en(max - score)
                    ),
                }
            })
        }
        Rule::PercentSteps { step, deduct } => {
            // A count needs the number of members; without it, a rate given
            // beside the count still scores.
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
                let steps = completed_steps(*step, t, c);
                let score = percent_steps(max, *step, *deduct, t, c);
                let pct = percent_of(c, t);
                let short = Decimal::ONE_HUNDRED - pct;
                Some(if steps == 0 {
                    Computed {
                        score,
                        vi: if c == t {
                            format!("{c}/{t} thành viên = 100% → {} điểm", num_vi(score))
                        } else {
                            format!(
                                "{c}/{t} thành viên = {}%: thiếu {}%, chưa đủ {step}% → không trừ",
                                num_vi(pct),
                                num_vi(short)
                            )
                        },
                        en: if c == t {
                            format!("{c}/{t} members = 100% → {} points", num_en(score))
                        } else {
                            format!(
                                "{c}/{t} members = {}%: {}% short, less than {step}% → no deduction",
                                num_en(pct),
                                num_en(short)
                            )
                        },
                    }
                } else {
                    Computed {
                        score,
                        vi: format!(
                            "{c}/{t} thành viên = {}%: thiếu {}% → trừ {} điểm",
                            num_vi(pct),
                            num_vi(short),
                            num_vi(max - score)
                        ),
                        en: format!(
                            "{c}/{t} members = {}%: {}% short → minus {} points",
                            num_en(pct),
                            num_en(short),
                            num_en(max - score)
                        ),
                    }
                })
            } else {
                // Only the percentage was given.
                let p = entry.percent.as_ref()?.value;
                if p < Decimal::ZERO || p > Decimal::ONE_HUNDRED {
                    return None;
                }
                let short = Decimal::ONE_HUNDRED - p;
                let steps = (short / Decimal::from(*step)).floor();
                let score = (max - *deduct * steps).max(Decimal::ZERO);
                if steps.is_zero() {
                    return Some(Computed {
                        score,
                        vi: if short.is_zero() {
                            format!("Tỷ lệ 100% → {} điểm", num_vi(score))
                        } else {
                            format!(
                                "Tỷ lệ {}%: thiếu {}%, chưa đủ {step}% → không trừ",
                                num_vi(p),
                                num_vi(short)
                            )
                        },
                        en: if short.is_zero() {
                            format!("Rate 100% → {} points", num_en(score))
                        } else {
                            format!(
                                "Rate {}%: {}% short, less than {step}% → no deduction",
                                num_en(p),
                                num_en(short)
                            )
                        },
                    });
                }
                Some(Computed {
                    score,
                    vi: format!(
                        "Tỷ lệ {}%: thiếu {}% → trừ {} điểm",
                        num_vi(p),
                        num_vi(short),
                        num_vi(max - score)
                    ),
                    en: format!(
                        "Rate {}%: {}% short → minus {} points",
                        num_en(p),
                        num_en(short),
                        num_en(max - score)
                    ),
                })
            }
        }
        Rule::PerUnit { points } => {
            let Evidence::Count(n) = entry.evidence.as_ref()?.value else {
                return None;
            };
            let n = whole(n)?;
            // A count too large to multiply is far above the cap.
            let raw = points.checked_mul(Decimal::from(n)).unwrap_or(Decimal::MAX);
            let score = raw.min(max);
            let (cap_vi, cap_en) = if raw > max {
                (
                    format!(" (tối đa {} điểm)", num_vi(max)),
                    format!(" (at most {})", num_en(max)),
                )
            } else {
                (String::new(), String::new())
            };
            Some(Computed {
                score,
                vi: format!("Chia sẻ với {n} đơn vị → {} điểm{cap_vi}", num_vi(score)),
                en: format!("Shared with {n} units → {} points{cap_en}", num_en(score)),
            })
        }
    }
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
        let (computed, vi, en) = match compute(item, form) {
            Some(c) => (Some(c.score), c.vi, c.en),
            None => (None, String::new(), String::new()),
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
            explain_vi: vi,
            explain_en: en,
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
