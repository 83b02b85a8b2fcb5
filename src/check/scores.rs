//! The rubric table: rows and self-scores present, each self-score in
//! [0, max] and attainable, equal to what the evidence gives; group and total
//! rows that add up; the written "Xếp loại" that is the band of the total.

use super::{attainable, reported_at};
use crate::findings::{Criterion, Finding, Message, Suggestion, SuggestionFrom, Unattainable};
use crate::form::{Form, Loc};
use crate::rubric::{Rubric, Rule};
use crate::scoring::ScoredUnit;
use crate::text::fold_ascii;
use rust_decimal::Decimal;

pub(super) fn check(rubric: &Rubric, form: &Form, scored: &ScoredUnit, out: &mut Vec<Finding>) {
    missing_rows(rubric, form, out);
    for item in &rubric.items {
        let Some(entry) = form.entries.get(&item.id) else {
            continue;
        };
        let Some(s) = &entry.self_score else {
            if !item.is_group() {
                missing_score(
                    rubric,
                    form,
                    &item.id,
                    entry.self_cell.as_ref(),
                    &entry.label,
                    out,
                );
            }
            continue;
        };
        let computed = scored.item(&item.id).and_then(|i| i.computed);
        if item.is_group() {
            // A group row that adds up is right whatever its value: any
            // problem lies with its items, which have their own findings.
            let sum = written_or_sum(rubric, form, &item.id, true);
            let hint = sum.map(|v| (v, SuggestionFrom::Items));
            if sum == Some(s.value)
                || out_of_range(rubric, &item.id, item.max, hint, &s.loc, s.value, out)
            {
                continue;
            }
            match sum {
                Some(sum) => sum_mismatch(rubric, form, &item.id, &s.loc, s.value, sum, out),
                None => unattainable(rubric, &item.id, &item.rule, &s.loc, s.value, out),
            }
        } else {
            let hint = computed.map(|v| (v, SuggestionFrom::Evidence));
            if out_of_range(rubric, &item.id, item.max, hint, &s.loc, s.value, out) {
                continue;
            }
            // Where the evidence gives a score, a differing self-score is
            // reported with that score (always attainable); otherwise the
            // self-score alone is checked against the rule.
            if computed.is_none() {
                unattainable(rubric, &item.id, &item.rule, &s.loc, s.value, out);
            }
            if let Some(why) = scored.item(&item.id).and_then(|i| i.explanation.as_ref())
                && why.score() != s.value
            {
                out.push(Finding::at(
                    &s.loc,
                    Message::SelfComputedDiffer {
                        criterion: Criterion::of(rubric, &item.id),
                        found: s.value,
                        computed: why.score(),
                        explanation: why.clone(),
                    },
                ));
            }
        }
    }
    total_row(rubric, form, out);
    classification(rubric, form, scored, out);
}

/// A criterion (not a group row, which is optional) that is not in the table.
fn missing_rows(rubric: &Rubric, form: &Form, out: &mut Vec<Finding>) {
    for item in rubric.leaves() {
        if form.entries.contains_key(&item.id) {
            continue;
        }
        out.push(Finding::on_sheet(
            &form.sheet,
            Message::MissingCriterion {
                criterion: Criterion::of(rubric, &item.id),
            },
        ));
    }
}

fn missing_score(
    rubric: &Rubric,
    form: &Form,
    id: &str,
    cell: Option<&Loc>,
    label: &Loc,
    out: &mut Vec<Finding>,
) {
    let loc = cell.unwrap_or(label);
    if reported_at(form, loc) {
        return;
    }
    out.push(Finding::at(
        loc,
        Message::MissingSelfScore {
            criterion: Criterion::of(rubric, id),
        },
    ));
}

/// score-negative / score-above-max; true when one was found. `hint`: the
/// score to suggest instead, and where it comes from.
fn out_of_range(
    rubric: &Rubric,
    id: &str,
    max: Decimal,
    hint: Option<(Decimal, SuggestionFrom)>,
    loc: &Loc,
    v: Decimal,
    out: &mut Vec<Finding>,
) -> bool {
    if v >= Decimal::ZERO && v <= max {
        return false;
    }
    let criterion = Criterion::of(rubric, id);
    let suggest = hint
        .filter(|(c, _)| *c >= Decimal::ZERO && *c <= max)
        .map(|(value, from)| Suggestion { value, from });
    out.push(Finding::at(
        loc,
        Message::ScoreOutOfRange {
            criterion,
            found: v,
            max,
            suggest,
        },
    ));
    true
}

fn unattainable(
    rubric: &Rubric,
    id: &str,
    rule: &Rule,
    loc: &Loc,
    v: Decimal,
    out: &mut Vec<Finding>,
) {
    let Some(set) = attainable(rubric, id) else {
        return;
    };
    let v = v.normalize();
    if set.contains(&v) {
        return;
    }
    // Up to 8 scores are all listed; of more, the one or two nearest.
    let nearest = set.len() > 8;
    let possible: Vec<Decimal> = if nearest {
        let below = set.range(..v).next_back().copied();
        let above = set.range(v..).next().copied();
        below.into_iter().chain(above).collect()
    } else {
        set.iter().copied().collect()
    };
    let step = rubric.score_step;
    let off_step = v.checked_rem(step).is_none_or(|r| !r.is_zero());
    let why = if off_step {
        Unattainable::OffStep { step }
    } else if let (Rule::DeductPerMissing { per, of }, true) = (rule, v.is_zero()) {
        Unattainable::AboveFloor {
            per: *per,
            of: *of,
            floor: set.iter().next().copied().unwrap_or_default(),
        }
    } else {
        Unattainable::Rule
    };
    out.push(Finding::at(
        loc,
        Message::ScoreUnattainable {
            criterion: Criterion::of(rubric, id),
            found: v,
            why,
            possible,
            nearest,
        },
    ));
}

/// The written score of a row, or for a group row left blank the sum of its
/// children's (written or summed) scores. `skip_self` ignores the row's own
/// written value (to get the sum its children give). None when a score is
/// missing below.
fn written_or_sum(rubric: &Rubric, form: &Form, id: &str, skip_self: bool) -> Option<Decimal> {
    written_or_sum_depth(rubric, form, id, skip_self, 0)
}

fn written_or_sum_depth(
    rubric: &Rubric,
    form: &Form,
    id: &str,
    skip_self: bool,
    depth: usize,
) -> Option<Decimal> {
    if depth > rubric.items.len() {
        return None;
    }
    if !skip_self && let Some(s) = form.entries.get(id).and_then(|e| e.self_score.as_ref()) {
        return Some(s.value);
    }
    let item = rubric.item(id)?;
    if !item.is_group() {
        return None;
    }
    let mut sum = Decimal::ZERO;
    for child in rubric.children(id) {
        sum = sum.checked_add(written_or_sum_depth(
            rubric,
            form,
            &child.id,
            false,
            depth + 1,
        )?)?;
    }
    Some(sum)
}

/// The values of rows `ids` ("10 + 10 + 8" in the message).
fn part_values(rubric: &Rubric, form: &Form, ids: &[String]) -> Vec<Decimal> {
    ids.iter()
        .filter_map(|c| written_or_sum(rubric, form, c, false))
        .collect()
}

fn sum_mismatch(
    rubric: &Rubric,
    form: &Form,
    id: &str,
    loc: &Loc,
    v: Decimal,
    sum: Decimal,
    out: &mut Vec<Finding>,
) {
    let kids: Vec<String> = rubric.children(id).map(|c| c.id.clone()).collect();
    out.push(Finding::at(
        loc,
        Message::GroupSumMismatch {
            criterion: Criterion::of(rubric, id),
            found: v,
            sum,
            values: part_values(rubric, form, &kids),
            parts: kids,
        },
    ));
}

fn total_row(rubric: &Rubric, form: &Form, out: &mut Vec<Finding>) {
    let Some(s) = form
        .entries
        .get("total")
        .and_then(|e| e.self_score.as_ref())
    else {
        return;
    };
    let tops: Vec<String> = rubric.top_level().map(|i| i.id.clone()).collect();
    let mut sum = Some(Decimal::ZERO);
    for t in &tops {
        sum = sum
            .zip(written_or_sum(rubric, form, t, false))
            .and_then(|(a, b)| a.checked_add(b));
    }
    if sum == Some(s.value)
        || out_of_range(
            rubric,
            "total",
            rubric.total_max,
            sum.map(|v| (v, SuggestionFrom::Criteria)),
            &s.loc,
            s.value,
            out,
        )
    {
        return;
    }
    let Some(sum) = sum else { return };
    out.push(Finding::at(
        &s.loc,
        Message::TotalMismatch {
            found: s.value,
            sum,
            values: part_values(rubric, form, &tops),
            parts: tops,
        },
    ));
}

/// The written "Xếp loại" against the band of the self total (only when
/// every criterion has a self-score, so that the total is complete).
fn classification(rubric: &Rubric, form: &Form, scored: &ScoredUnit, out: &mut Vec<Finding>) {
    let Some(written) = &form.classification else {
        return;
    };
    let complete = rubric.leaves().all(|l| {
        form.entries
            .get(&l.id)
            .is_some_and(|e| e.self_score.is_some())
    });
    let Some(total) = scored.total.self_score.filter(|_| complete) else {
        return;
    };
    let band = rubric.band_of(total);
    let w = clean_class(&written.value);
    if w == fold_ascii(&band.name) || band.name_en.as_deref().is_some_and(|e| w == fold_ascii(e)) {
        return;
    }
    out.push(Finding::at(
        &written.loc,
        Message::ClassificationMismatch {
            found: written.value.trim().to_string(),
            total,
            band: band.name.clone(),
            band_en: band.name_en.clone().unwrap_or_else(|| band.name.clone()),
        },
    ));
}

/// "Xếp loại: Tốt." → "tot".
fn clean_class(s: &str) -> String {
    let f = fold_ascii(s);
    let f = f.strip_prefix("xep loai").unwrap_or(&f);
    f.trim_matches(|c: char| c.is_whitespace() || ":.\"'()".contains(c))
        .to_string()
}
