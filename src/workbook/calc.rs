//! The formulas the workbook carries and their results, computed exactly.
//!
//! Viewers that do not recalculate (Excel's Protected View, phone previews,
//! LibreOffice's default for .xlsx) show the cached result of a formula, so
//! every formula is written with the value Excel would compute. The rules
//! here mirror the formulas one for one:
//! - an item: the team's score where one is typed, else the proposed one,
//!   else empty;
//! - a group or the total: empty when none of its parts has a value, else
//!   their sum (as [`crate::scoring`] sums groups);
//! - the classification: the first band the total reaches.

use crate::rubric::Rubric;
use crate::scoring::ScoredUnit;
use rust_decimal::Decimal;

/// What a unit's formulas evaluate to.
#[derive(Debug, Clone, PartialEq)]
pub struct UnitCalc {
    /// The concluded score of each rubric item, in rubric order.
    pub items: Vec<Option<Decimal>>,
    pub total: Option<Decimal>,
    pub class: Option<String>,
}

impl UnitCalc {
    /// The concluded score of a rubric item.
    pub fn item(&self, rubric: &Rubric, id: &str) -> Option<Decimal> {
        let i = rubric.items.iter().position(|it| it.id == id)?;
        self.items.get(i).copied().flatten()
    }
}

/// The results of a unit's formulas given the team's scores (`team[i]` for
/// rubric item `i`; none typed when the workbook is written).
pub fn conclude(rubric: &Rubric, scored: &ScoredUnit, team: &[Option<Decimal>]) -> UnitCalc {
    conclude_with(rubric, proposed(scored), |i| {
        match team.get(i).copied().flatten() {
            Some(v) => Leaf::Typed(v),
            None => Leaf::Empty,
        }
    })
}

/// [`conclude`] with the values typed into the team's cells as they are
/// written: a typed text is what the item's formula shows, and no group or
/// total counts it (as Excel's SUM skips text).
pub fn conclude_typed(
    rubric: &Rubric,
    scored: &ScoredUnit,
    typed: Option<&super::Typed>,
) -> UnitCalc {
    conclude_with(rubric, proposed(scored), typed_leaf(typed))
}

/// [`conclude_typed`] from the proposed scores alone (`proposed[i]` for
/// rubric item `i`), as a workbook read back holds them.
pub fn conclude_proposed(
    rubric: &Rubric,
    proposed: &[Option<Decimal>],
    typed: Option<&super::Typed>,
) -> UnitCalc {
    conclude_with(
        rubric,
        |i| proposed.get(i).copied().flatten(),
        typed_leaf(typed),
    )
}

/// A unit's proposed score of item `i`.
fn proposed(scored: &ScoredUnit) -> impl Fn(usize) -> Option<Decimal> + '_ {
    |i| scored.items.get(i).and_then(|s| s.final_score)
}

/// What the team typed on item `i`, as the formulas see it.
fn typed_leaf(typed: Option<&super::Typed>) -> impl Fn(usize) -> Leaf + '_ {
    move |i| match typed.and_then(|t| t.team(i)) {
        Some(super::TeamValue::Number(v)) => Leaf::Typed(*v),
        Some(super::TeamValue::Text(_)) => Leaf::Text,
        None => Leaf::Empty,
    }
}

/// What a team-score cell holds, as the formulas see it.
enum Leaf {
    Empty,
    Typed(Decimal),
    Text,
}

fn conclude_with(
    rubric: &Rubric,
    proposed: impl Fn(usize) -> Option<Decimal>,
    team: impl Fn(usize) -> Leaf,
) -> UnitCalc {
    let n = rubric.items.len();
    let mut items: Vec<Option<Decimal>> = vec![None; n];
    // Leaves, then groups deepest first (children follow their parents).
    for (i, item) in rubric.items.iter().enumerate() {
        if item.is_group() {
            continue;
        }
        items[i] = match team(i) {
            Leaf::Typed(v) => Some(v),
            Leaf::Text => None,
            Leaf::Empty => proposed(i),
        };
    }
    sum_up(rubric, items)
}

/// A unit's groups, total and classification from its criteria's scores
/// (`items`, in rubric order; groups' entries are replaced): a group or
/// the total is empty when none of its parts has a value, else their sum.
///
/// ```
/// let rubric = dvht::rubric::Rubric::builtin();
/// let leaves: Vec<_> = rubric.items.iter()
///     .map(|i| (!i.is_group()).then_some(i.max))
///     .collect();
/// let c = dvht::workbook::calc::sum_up(&rubric, leaves);
/// assert_eq!(c.total, Some(rust_decimal::Decimal::ONE_HUNDRED));
/// assert_eq!(c.class.as_deref(), Some("Tốt"));
/// ```
pub fn sum_up(rubric: &Rubric, mut items: Vec<Option<Decimal>>) -> UnitCalc {
    let n = rubric.items.len();
    items.resize(n, None);
    for gi in (0..n).rev() {
        if !rubric.items[gi].is_group() {
            continue;
        }
        let kids = children(rubric, gi);
        items[gi] = sum_present(kids.iter().map(|&k| items[k]));
    }
    let total = sum_present(tops(rubric).iter().map(|&k| items[k]));
    UnitCalc {
        class: total.map(|t| rubric.band_of(t).name.clone()),
        items,
        total,
    }
}

/// Indices of the items whose parent is item `gi`.
pub fn children(rubric: &Rubric, gi: usize) -> Vec<usize> {
    let id = rubric.items[gi].id.as_str();
    rubric
        .items
        .iter()
        .enumerate()
        .filter(|(_, c)| c.parent.as_deref() == Some(id))
        .map(|(i, _)| i)
        .collect()
}

/// Indices of the top-level items (criteria 1, 2, 3).
pub fn tops(rubric: &Rubric) -> Vec<usize> {
    rubric
        .items
        .iter()
        .enumerate()
        .filter(|(_, i)| i.parent.is_none())
        .map(|(i, _)| i)
        .collect()
}

fn sum_present(values: impl Iterator<Item = Option<Decimal>>) -> Option<Decimal> {
    let mut any = false;
    let mut sum = Decimal::ZERO;
    for v in values.flatten() {
        any = true;
        // Numbers read back from a workbook may be anything: no sum then.
        sum = sum.checked_add(v)?;
    }
    any.then_some(sum)
}

/// A cached result as rust_xlsxwriter wants it: the number, or "" (a formula
/// that yields the empty string).
pub fn result(d: Option<Decimal>) -> String {
    d.map(|d| d.normalize().to_string()).unwrap_or_default()
}

/// `=IF(team<>"",team,IF(proposed<>"",proposed,""))`.
pub fn leaf_formula(team: &str, proposed: &str) -> String {
    format!("=IF({team}<>\"\",{team},IF({proposed}<>\"\",{proposed},\"\"))")
}

/// `=IF(COUNT(parts)=0,"",SUM(parts))`.
pub fn sum_formula(parts: &[String]) -> String {
    let list = parts.join(",");
    format!("=IF(COUNT({list})=0,\"\",SUM({list}))")
}

/// The classification of the total in `total`, by the rubric's bands.
pub fn band_formula(rubric: &Rubric, total: &str) -> String {
    let mut inner = rubric
        .bands
        .last()
        .map(|b| quote(&b.name))
        .unwrap_or_else(|| "\"\"".into());
    let n = rubric.bands.len();
    for b in rubric.bands.iter().take(n.saturating_sub(1)).rev() {
        inner = format!(
            "IF({total}>={},{},{inner})",
            b.min.normalize(),
            quote(&b.name)
        );
    }
    format!("=IF({total}=\"\",\"\",{inner})")
}

/// A string literal in a formula.
pub fn quote(s: &str) -> String {
    format!("\"{}\"", s.replace('"', "\"\""))
}

/// A reference to a cell of another sheet: `'Tổng hợp'!J5`.
pub fn sheet_ref(sheet: &str, row: u32, col: u16) -> String {
    format!("'{}'!{}", sheet.replace('\'', "''"), cell(row, col))
}

/// A1 reference of a 0-based cell.
pub fn cell(row: u32, col: u16) -> String {
    format!("{}{}", crate::cells::col_name(u32::from(col)), row + 1)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cells::Addr;
    use crate::form::{Entry, Evidence, Form, Loc, Located};
    use crate::scoring::score;

    fn d(s: &str) -> Decimal {
        s.parse().unwrap()
    }

    #[test]
    fn team_scores_carry_through_groups_total_and_band() {
        let rubric = Rubric::builtin();
        let mut form = Form {
            sheet: "S".into(),
            ..Default::default()
        };
        for item in rubric.items.iter().filter(|i| !i.is_group()) {
            let mut e = Entry::new(&item.id, Loc::new("S", Addr::new(0, 0)));
            e.self_score = Some(Located::new(item.max, Loc::new("S", Addr::new(0, 3))));
            form.entries.insert(item.id.clone(), e);
        }
        form.entries.get_mut("1a").unwrap().evidence = Some(Located::new(
            Evidence::YesNo(false),
            Loc::new("S", Addr::new(0, 4)),
        ));
        let scored = score(&rubric, &form);
        let none = vec![None; rubric.items.len()];
        let c = conclude(&rubric, &scored, &none);
        assert_eq!(c.total, Some(d("90")));
        assert_eq!(c.class.as_deref(), Some("Tốt"));
        assert_eq!(c.item(&rubric, "1"), Some(d("20")));
        // The team lowers 3b to 0 and 2a to 9.5: 90 − 10 − 0.5.
        let mut team = none.clone();
        let pos = |id: &str| rubric.items.iter().position(|i| i.id == id).unwrap();
        team[pos("3b")] = Some(Decimal::ZERO);
        team[pos("2a")] = Some(d("9.5"));
        let c = conclude(&rubric, &scored, &team);
        assert_eq!(c.total, Some(d("79.5")));
        assert_eq!(c.item(&rubric, "3"), Some(d("30")));
        assert_eq!(c.class.as_deref(), Some("Khá"));
    }

    #[test]
    fn nothing_scored_gives_empty_results() {
        let rubric = Rubric::builtin();
        let scored = score(&rubric, &Form::default());
        let c = conclude(&rubric, &scored, &[]);
        assert_eq!(c.total, None);
        assert_eq!(c.class, None);
        assert_eq!(result(c.total), "");
    }

    #[test]
    fn formulas_read_as_excel_writes_them() {
        let rubric = Rubric::builtin();
        assert_eq!(
            band_formula(&rubric, "I30"),
            "=IF(I30=\"\",\"\",IF(I30>=85,\"Tốt\",IF(I30>=70,\"Khá\",IF(I30>=50,\"Trung bình\",\"Chưa đạt\"))))"
        );
        assert_eq!(
            leaf_formula("H6", "G6"),
            "=IF(H6<>\"\",H6,IF(G6<>\"\",G6,\"\"))"
        );
        assert_eq!(
            sum_formula(&["I6".into(), "I7".into()]),
            "=IF(COUNT(I6,I7)=0,\"\",SUM(I6,I7))"
        );
        assert_eq!(sheet_ref("Đội 'A'", 4, 9), "'Đội ''A'''!J5");
    }
}
