//! The scores each rule can give.
//!
//! 1a ∈ {0, 10}; 1c ∈ {2, 4, 6, 8, 10}; 2a ∈ {0, 0,5, …, 10}; 3a ∈ the sums
//! of subsets of {3, 3, 3, 3, 3, 3, 3, 4}; 3c ∈ {0, …, 5}. A group's set is
//! the sums of one value from each child's set.

use crate::rubric::{Rubric, Rule};
use rust_decimal::Decimal;
use std::collections::BTreeSet;

/// Beyond this many values a set is not worth listing or checking (only a
/// custom rubric gets there).
const LIMIT: usize = 20_000;

/// The scores an item's rule can give, or None when the set is too large to
/// be useful (or the id is unknown).
pub fn attainable(rubric: &Rubric, id: &str) -> Option<BTreeSet<Decimal>> {
    attainable_depth(rubric, id, 0)
}

fn attainable_depth(rubric: &Rubric, id: &str, depth: usize) -> Option<BTreeSet<Decimal>> {
    if depth > rubric.items.len() {
        return None;
    }
    let item = rubric.item(id)?;
    let max = item.max;
    let mut set = BTreeSet::new();
    let mut ladder = |per: Decimal, at_most: Option<u32>| {
        // max, max − per, max − 2·per, … never below 0.
        set.insert(max.normalize());
        if per <= Decimal::ZERO {
            return;
        }
        let mut k: u32 = 1;
        loop {
            if at_most.is_some_and(|m| k > m) || k as usize > LIMIT {
                break;
            }
            let v = max - per * Decimal::from(k);
            if v <= Decimal::ZERO {
                set.insert(Decimal::ZERO);
                break;
            }
            set.insert(v.normalize());
            k += 1;
        }
    };
    match &item.rule {
        Rule::YesNo => {
            set.insert(Decimal::ZERO);
            set.insert(max.normalize());
        }
        Rule::DeductPerMissing { per, of } => ladder(*per, Some(*of)),
        Rule::PercentSteps { deduct, .. } => ladder(*deduct, None),
        Rule::PerUnit { points } => {
            set.insert(Decimal::ZERO);
            set.insert(max.normalize());
            let mut k: u32 = 1;
            while (k as usize) <= LIMIT {
                let v = *points * Decimal::from(k);
                if v >= max {
                    break;
                }
                set.insert(v.normalize());
                k += 1;
            }
        }
        Rule::Group => {
            set.insert(Decimal::ZERO);
            for child in rubric.children(id) {
                let cs = attainable_depth(rubric, &child.id, depth + 1)?;
                let mut next = BTreeSet::new();
                for a in &set {
                    for b in &cs {
                        next.insert(a.checked_add(*b)?.normalize());
                    }
                    if next.len() > LIMIT {
                        return None;
                    }
                }
                set = next;
            }
        }
    }
    (set.len() <= LIMIT).then_some(set)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::str::FromStr;

    fn set(v: &[&str]) -> BTreeSet<Decimal> {
        v.iter()
            .map(|s| Decimal::from_str(s).unwrap().normalize())
            .collect()
    }

    #[test]
    fn sets_follow_the_rules() {
        let r = Rubric::builtin();
        assert_eq!(attainable(&r, "1a").unwrap(), set(&["0", "10"]));
        assert_eq!(
            attainable(&r, "1c").unwrap(),
            set(&["2", "4", "6", "8", "10"])
        );
        let a2 = attainable(&r, "2a").unwrap();
        assert_eq!(a2.len(), 21);
        assert!(a2.contains(&Decimal::new(95, 1)) && a2.contains(&Decimal::ZERO));
        assert_eq!(attainable(&r, "2b").unwrap().len(), 11);
        assert_eq!(
            attainable(&r, "3c").unwrap(),
            set(&["0", "1", "2", "3", "4", "5"])
        );
        assert_eq!(attainable(&r, "3a8").unwrap(), set(&["0", "4"]));
    }

    #[test]
    fn three_a_is_sums_of_subsets() {
        let r = Rubric::builtin();
        let s = attainable(&r, "3a").unwrap();
        // 3k for k = 0..=7, and 4 + 3k.
        let mut want = BTreeSet::new();
        for k in 0..=7 {
            want.insert(Decimal::from(3 * k));
            want.insert(Decimal::from(4 + 3 * k));
        }
        assert_eq!(s, want);
        assert!(!s.contains(&Decimal::from(24)));
        assert!(s.contains(&Decimal::from(25)));
    }
}
