//! The rubric table: rows and self-scores present, each self-score in
//! [0, max] and attainable, equal to what the evidence gives; group and total
//! rows that add up; the written "Xếp loại" that is the band of the total.

use super::{attainable, crit, nums, reported_at};
use crate::findings::{Code, Finding, num_en, num_vi, where_en, where_vi};
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
            let hint = sum.map(|v| (v, "tổng điểm các tiêu chí con", "the sum of its items"));
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
            let hint =
                computed.map(|v| (v, "điểm tính từ số liệu", "the score the evidence gives"));
            if out_of_range(rubric, &item.id, item.max, hint, &s.loc, s.value, out) {
                continue;
            }
            // Where the evidence gives a score, a differing self-score is
            // reported with that score (always attainable); otherwise the
            // self-score alone is checked against the rule.
            if computed.is_none() {
                unattainable(rubric, &item.id, &item.rule, &s.loc, s.value, out);
            }
            if let (Some(c), Some(si)) = (computed, scored.item(&item.id))
                && c != s.value
            {
                differ(
                    rubric,
                    &item.id,
                    &s.loc,
                    s.value,
                    c,
                    &si.explain_vi,
                    &si.explain_en,
                    out,
                );
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
        let (cv, ce) = crit(rubric, &item.id);
        out.push(Finding::on_sheet(
            Code::MissingCriterion,
            &form.sheet,
            format!(
                "Trang '{}': không tìm thấy dòng của {cv} trong bảng Phụ lục 2. Bổ sung dòng này (ghi đúng nội dung tiêu chí) cùng số liệu và điểm tự chấm.",
                form.sheet
            ),
            format!(
                "Sheet '{}': no row for {ce} in the Phụ lục 2 table. Add the row (with the criterion's wording), its evidence and its self-score.",
                form.sheet
            ),
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
    let (cv, ce) = crit(rubric, id);
    out.push(Finding::at(
        Code::MissingSelfScore,
        loc,
        format!(
            "{}: chưa có điểm tự chấm của {cv}. Ghi điểm tự chấm vào ô {}.",
            where_vi(loc),
            loc.addr
        ),
        format!(
            "{}: no self-score for {ce}. Enter the self-score in cell {}.",
            where_en(loc),
            loc.addr
        ),
    ));
}

/// score-negative / score-above-max; true when one was found.
fn out_of_range(
    rubric: &Rubric,
    id: &str,
    max: Decimal,
    hint: Option<(Decimal, &str, &str)>,
    loc: &Loc,
    v: Decimal,
    out: &mut Vec<Finding>,
) -> bool {
    // In range: nothing to say (and no message to build).
    if v >= Decimal::ZERO && v <= max {
        return false;
    }
    let (cv, ce) = crit(rubric, id);
    let (vv, ve) = nums(v);
    let (mv, me) = nums(max);
    let (hint_vi, hint_en) = match hint.filter(|(c, _, _)| *c >= Decimal::ZERO && *c <= max) {
        Some((c, why_vi, why_en)) => {
            let (c_vi, c_en) = nums(c);
            (
                format!("thành {c_vi} ({why_vi})"),
                format!("to {c_en} ({why_en})"),
            )
        }
        None => (
            format!("thành một số từ 0 đến {mv}"),
            format!("to a number from 0 to {me}"),
        ),
    };
    let (code, vi, en) = if v < Decimal::ZERO {
        (
            Code::ScoreNegative,
            format!(
                "{}: điểm tự chấm của {cv} là {vv}, điểm không được âm. Sửa điểm tự chấm ở ô {} {hint_vi}.",
                where_vi(loc),
                loc.addr
            ),
            format!(
                "{}: the self-score of {ce} is {ve}; a score cannot be negative. Change the self-score in cell {} {hint_en}.",
                where_en(loc),
                loc.addr
            ),
        )
    } else if v > max {
        (
            Code::ScoreAboveMax,
            format!(
                "{}: điểm tự chấm của {cv} là {vv}, vượt điểm tối đa {mv}. Sửa điểm tự chấm ở ô {} {hint_vi}.",
                where_vi(loc),
                loc.addr
            ),
            format!(
                "{}: the self-score of {ce} is {ve}, above the maximum of {me}. Change the self-score in cell {} {hint_en}.",
                where_en(loc),
                loc.addr
            ),
        )
    } else {
        return false;
    };
    out.push(Finding::at(code, loc, vi, en));
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
    let (cv, ce) = crit(rubric, id);
    let (vv, ve) = nums(v);
    let list = |f: fn(Decimal) -> String, or: &str| -> String {
        let items: Vec<String> = set.iter().map(|d| f(*d)).collect();
        if items.len() <= 8 {
            match items.split_last() {
                Some((last, rest)) if !rest.is_empty() => {
                    format!("{} {or} {last}", rest.join("; "))
                }
                Some((last, _)) => last.clone(),
                None => String::new(),
            }
        } else {
            let below = set.range(..v).next_back().copied();
            let above = set.range(v..).next().copied();
            match (below, above) {
                (Some(b), Some(a)) => format!("{} {or} {}", f(b), f(a)),
                (Some(b), None) => f(b),
                (None, Some(a)) => f(a),
                (None, None) => String::new(),
            }
        }
    };
    let many = set.len() > 8;
    let step = rubric.score_step;
    let off_step = v.checked_rem(step).is_none_or(|r| !r.is_zero());
    let (why_vi, why_en) = if off_step {
        let (sv, se) = nums(step);
        (
            format!("điểm phải là bội số của {sv}"),
            format!("scores are multiples of {se}"),
        )
    } else if let (Rule::DeductPerMissing { per, of }, true) = (rule, v.is_zero()) {
        let (pv, pe) = nums(*per);
        let floor = set.iter().next().copied().unwrap_or_default();
        let (fv, fe) = nums(floor);
        (
            format!(
                "theo hướng dẫn mỗi nguồn lực còn thiếu trừ {pv} điểm, nên thiếu cả {of} nguồn lực vẫn được {fv} điểm"
            ),
            format!(
                "the rule deducts {pe} points per missing resource, so even lacking all {of} gives {fe}"
            ),
        )
    } else {
        (
            "cách chấm của tiêu chí không cho ra điểm này".to_string(),
            "the criterion's rule can never give this score".to_string(),
        )
    };
    let (lv, le) = (list(num_vi, "hoặc"), list(num_en, "or"));
    let (kv, ke) = if many {
        ("mức gần nhất có thể", "the nearest possible scores")
    } else {
        ("các mức có thể", "the possible scores")
    };
    out.push(Finding::at(
        Code::ScoreUnattainable,
        loc,
        format!(
            "{}: điểm tự chấm của {cv} là {vv}, nhưng {why_vi} ({kv}: {lv}). Kiểm tra lại số liệu và sửa điểm tự chấm ở ô {} cho đúng cách chấm.",
            where_vi(loc),
            loc.addr
        ),
        format!(
            "{}: the self-score of {ce} is {ve}, but {why_en} ({ke}: {le}). Check the evidence and correct the self-score in cell {}.",
            where_en(loc),
            loc.addr
        ),
    ));
}

#[allow(clippy::too_many_arguments)]
fn differ(
    rubric: &Rubric,
    id: &str,
    loc: &Loc,
    v: Decimal,
    c: Decimal,
    explain_vi: &str,
    explain_en: &str,
    out: &mut Vec<Finding>,
) {
    let (cv, ce) = crit(rubric, id);
    let (vv, ve) = nums(v);
    let (c_vi, c_en) = nums(c);
    out.push(Finding::at(
        Code::SelfComputedDiffer,
        loc,
        format!(
            "{}: điểm tự chấm của {cv} là {vv}, nhưng theo số liệu được {c_vi} ({explain_vi}). Sửa điểm tự chấm ở ô {} thành {c_vi} hoặc bổ sung minh chứng, sửa lại số liệu.",
            where_vi(loc),
            loc.addr
        ),
        format!(
            "{}: the self-score of {ce} is {ve}, but the evidence gives {c_en} ({explain_en}). Change the self-score in cell {} to {c_en}, or correct the evidence and add proof.",
            where_en(loc),
            loc.addr
        ),
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

/// "1a, 1b, 1c" with their values: "10 + 10 + 8".
fn parts(rubric: &Rubric, form: &Form, ids: &[String]) -> (String, String, String) {
    let names = ids.join(", ");
    let vals: Vec<Decimal> = ids
        .iter()
        .filter_map(|c| written_or_sum(rubric, form, c, false))
        .collect();
    let vi: Vec<String> = vals.iter().map(|d| nums(*d).0).collect();
    let en: Vec<String> = vals.iter().map(|d| nums(*d).1).collect();
    (names, vi.join(" + "), en.join(" + "))
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
    let (cv, ce) = crit(rubric, id);
    let kids: Vec<String> = rubric.children(id).map(|c| c.id.clone()).collect();
    let (names, pv, pe) = parts(rubric, form, &kids);
    let (vv, ve) = nums(v);
    let (sv, se) = nums(sum);
    out.push(Finding::at(
        Code::GroupSumMismatch,
        loc,
        format!(
            "{}: điểm tự chấm của {cv} ghi {vv}, nhưng cộng điểm tự chấm các tiêu chí {names} được {sv} ({pv}). Sửa ô {} thành {sv} hoặc sửa lại điểm các tiêu chí con.",
            where_vi(loc),
            loc.addr
        ),
        format!(
            "{}: the self-score of {ce} reads {ve}, but the self-scores of {names} add up to {se} ({pe}). Change cell {} to {se} or correct the items' scores.",
            where_en(loc),
            loc.addr
        ),
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
            sum.map(|v| (v, "tổng điểm các tiêu chí", "the sum of the criteria")),
            &s.loc,
            s.value,
            out,
        )
    {
        return;
    }
    let Some(sum) = sum else { return };
    let (names, pv, pe) = parts(rubric, form, &tops);
    let (vv, ve) = nums(s.value);
    let (sv, se) = nums(sum);
    out.push(Finding::at(
        Code::TotalMismatch,
        &s.loc,
        format!(
            "{}: tổng điểm tự chấm ghi {vv}, nhưng cộng các tiêu chí {names} được {sv} ({pv}). Sửa ô {} thành {sv} hoặc sửa lại điểm các tiêu chí.",
            where_vi(&s.loc),
            s.loc.addr
        ),
        format!(
            "{}: the total self-score reads {ve}, but criteria {names} add up to {se} ({pe}). Change cell {} to {se} or correct the criteria's scores.",
            where_en(&s.loc),
            s.loc.addr
        ),
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
    let (tv, te) = nums(total);
    let en_name = band.name_en.as_deref().unwrap_or(&band.name);
    let loc = &written.loc;
    out.push(Finding::at(
        Code::ClassificationMismatch,
        loc,
        format!(
            "{}: xếp loại ghi \"{}\", nhưng tổng điểm tự chấm {tv} thuộc loại \"{}\". Sửa ô {} thành \"{}\" (hoặc sửa lại điểm nếu điểm sai).",
            where_vi(loc),
            written.value.trim(),
            band.name,
            loc.addr,
            band.name
        ),
        format!(
            "{}: the classification reads \"{}\", but the self-assessed total {te} falls in \"{}\" ({en_name}). Change cell {} to \"{}\" (or correct the scores if they are wrong).",
            where_en(loc),
            written.value.trim(),
            band.name,
            loc.addr,
            band.name
        ),
    ));
}

/// "Xếp loại: Tốt." → "tot".
fn clean_class(s: &str) -> String {
    let f = fold_ascii(s);
    let f = f.strip_prefix("xep loai").unwrap_or(&f);
    f.trim_matches(|c: char| c.is_whitespace() || ":.\"'()".contains(c))
        .to_string()
}
