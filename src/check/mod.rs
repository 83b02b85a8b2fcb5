//! Validations of a scored form, and across files.
//!
//! [`validate`] works from a [`Form`] and its [`ScoredUnit`] only and emits
//! every finding code that is not about reading (see the table in
//! docs/INTERFACE.md): the rubric table ([`scores`]), the member counts and
//! percentages ([`counts`]), Phụ lục 1 ([`annex`]), the unit name, year and
//! dossier ([`header`]). [`across_files`] finds the same unit sent twice.
//!
//! Every message names the cell, the value found, what was expected and how
//! to fix it, in Vietnamese and in English.

mod annex;
mod attainable;
mod counts;
mod duplicates;
mod header;
mod scores;
#[cfg(test)]
mod tests;

pub use attainable::attainable;
pub use counts::PERCENT_TOLERANCE;
pub use duplicates::across_files;

use crate::findings::{Finding, num_en, num_vi};
use crate::form::{Form, Loc};
use crate::rubric::Rubric;
use crate::scoring::ScoredUnit;
use rust_decimal::Decimal;

/// What the checks need besides the form.
#[derive(Debug, Clone, Default)]
pub struct CheckOptions {
    /// The year being consolidated (`--year`).
    pub year: Option<i32>,
}

/// Every check of one form, in a fixed order: header, rubric table, counts,
/// Phụ lục 1, dossier.
pub fn validate(
    rubric: &Rubric,
    form: &Form,
    scored: &ScoredUnit,
    opts: &CheckOptions,
) -> Vec<Finding> {
    let mut out = Vec::new();
    header::unit_and_year(form, opts, &mut out);
    scores::check(rubric, form, scored, &mut out);
    counts::check(rubric, form, &mut out);
    annex::check(rubric, form, &mut out);
    header::dossier(form, &mut out);
    out
}

/// How messages name a criterion: ("tiêu chí 2a (100% thành viên …)",
/// "criterion 2a (100% thành viên …)"). The total row is "Tổng cộng".
pub(crate) fn crit(rubric: &Rubric, id: &str) -> (String, String) {
    if id == "total" {
        return ("dòng Tổng cộng".into(), "the total row".into());
    }
    let text = rubric
        .item(id)
        .map(|i| short(&i.text, 48))
        .unwrap_or_default();
    let group = rubric.item(id).is_some_and(|i| i.is_group());
    let (kv, ke) = if group {
        ("nhóm tiêu chí", "criterion group")
    } else {
        ("tiêu chí", "criterion")
    };
    if text.is_empty() {
        (format!("{kv} {id}"), format!("{ke} {id}"))
    } else {
        (format!("{kv} {id} ({text})"), format!("{ke} {id} ({text})"))
    }
}

/// The first `n` characters of `s`, with "…" when cut.
pub(crate) fn short(s: &str, n: usize) -> String {
    if s.chars().count() <= n {
        s.to_string()
    } else {
        let mut t: String = s.chars().take(n).collect();
        t = t.trim_end().to_string();
        t.push('…');
        t
    }
}

/// A number both ways.
pub(crate) fn nums(d: Decimal) -> (String, String) {
    (num_vi(d), num_en(d))
}

/// Another cell named inside a message about `here`: "ô B4", with its
/// sheet when it is on another sheet ("ô C5 trang 'Phụ lục 1'").
pub(crate) fn other_vi(loc: &Loc, here: &Loc) -> String {
    if loc.sheet == here.sheet {
        format!("ô {}", loc.addr)
    } else {
        format!("ô {} trang '{}'", loc.addr, loc.sheet)
    }
}

/// "cell B4", or "cell C5 of sheet 'Phụ lục 1'".
pub(crate) fn other_en(loc: &Loc, here: &Loc) -> String {
    if loc.sheet == here.sheet {
        format!("cell {}", loc.addr)
    } else {
        format!("cell {} of sheet '{}'", loc.addr, loc.sheet)
    }
}

/// Whether reading already reported something at this cell (a value that
/// is not a number, a formula without a value): then its absence here is
/// explained and no second finding is needed.
pub(crate) fn reported_at(form: &Form, loc: &Loc) -> bool {
    let cell = loc.addr.to_string();
    form.findings
        .iter()
        .any(|f| f.sheet.as_deref() == Some(loc.sheet.as_str()) && f.cell.as_deref() == Some(&cell))
}
