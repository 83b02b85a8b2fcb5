//! The rubric (Phụ lục 2 of the plan) as data.
//!
//! The default rubric lives in `templates/rubric.toml` and is built into the
//! binary; `--rubric FILE` replaces it. [`Rubric::from_toml`] parses and
//! checks a rubric: a file whose groups do not add up, whose total is not
//! `total_max`, that names an unknown rule or repeats an id is refused with a
//! message naming the field.
//!
//! ```
//! let rubric = dvht::rubric::Rubric::builtin();
//! assert_eq!(rubric.item("2a").unwrap().max.to_string(), "10");
//! assert_eq!(rubric.band_of(rust_decimal::Decimal::from(86)).name, "Tốt");
//! ```

use indexmap::IndexMap;
use rust_decimal::Decimal;
use serde::Deserialize;

mod file;
pub use file::RubricFileError;

/// The text of the built-in rubric.
pub const BUILTIN_TOML: &str = include_str!("../templates/rubric.toml");

/// How an item's computed score follows from its evidence.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case", deny_unknown_fields)]
pub enum Rule {
    /// The sum of the children.
    Group,
    /// Có → max, Không → 0.
    YesNo,
    /// `max − per × lacking`, never below 0; `lacking` in `0..=of`.
    DeductPerMissing { per: Decimal, of: u32 },
    /// Each completed `step` % of members short of 100 % deducts `deduct`.
    PercentSteps { step: u32, deduct: Decimal },
    /// `points` per unit counted, at most max.
    PerUnit { points: Decimal },
}

impl Rule {
    /// Whether the evidence of this rule is a count of members (2a–2d).
    pub fn is_member_count(&self) -> bool {
        matches!(self, Rule::PercentSteps { .. })
    }
}

/// One row of the rubric.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Item {
    /// Stable id: "1", "1a", "3a1", …
    pub id: String,
    /// The group this item belongs to, if any.
    #[serde(default)]
    pub parent: Option<String>,
    /// What the plan's STT column shows ("1", "a", "Trong đó").
    #[serde(default)]
    pub stt: Option<String>,
    /// The criterion in the plan's wording.
    pub text: String,
    /// The plan's scoring hint, printed in italics after the text.
    #[serde(default)]
    pub note: Option<String>,
    /// Maximum points.
    pub max: Decimal,
    pub rule: Rule,
    /// Label of the evidence the form asks for ("Số liệu" column).
    #[serde(default)]
    pub evidence: Option<String>,
    /// Phrases by which a row of a unit's own table is recognised.
    #[serde(default, rename = "match")]
    pub matches: Vec<String>,
}

impl Item {
    pub fn is_group(&self) -> bool {
        self.rule == Rule::Group
    }
}

/// A classification band: totals at or above `min` get `name`.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Band {
    pub name: String,
    #[serde(default)]
    pub name_en: Option<String>,
    pub min: Decimal,
    /// Whether units of this classification are proposed for recognition
    /// as "Đơn vị học tập" (`dvht finalize`); false when not said.
    #[serde(default)]
    pub recognized: bool,
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Dues {
    /// Hội phí per member per year, in đồng.
    pub rate: Decimal,
}

/// The rubric in force.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Rubric {
    pub title: String,
    pub total_max: Decimal,
    /// Scores are multiples of this (0.5).
    pub score_step: Decimal,
    pub dues: Dues,
    /// Highest band first.
    pub bands: Vec<Band>,
    /// In the plan's order, groups before their children.
    pub items: Vec<Item>,
    #[serde(skip)]
    index: IndexMap<String, usize>,
}

/// A rubric file that cannot be used, with the field at fault.
#[derive(Debug, thiserror::Error, PartialEq)]
pub enum RubricError {
    #[error("tệp tiêu chí không đọc được / rubric file does not parse: {message}")]
    Parse {
        message: String,
        /// Bytes of the file at fault, when the parser knows.
        span: Option<std::ops::Range<usize>>,
    },
    #[error("tiêu chí trùng mã / duplicate id: items[{index}].id = \"{id}\"")]
    DuplicateId { index: usize, id: String },
    #[error("tiêu chí cha không tồn tại / unknown parent: items[{index}].parent = \"{parent}\"")]
    UnknownParent { index: usize, parent: String },
    #[error(
        "nhóm không cộng đúng / group does not add up: items[{index}] (\"{id}\").max = {max}, its children sum to {sum}"
    )]
    GroupSum {
        index: usize,
        id: String,
        max: Decimal,
        sum: Decimal,
    },
    #[error("nhóm không có tiêu chí con / group without children: items[{index}] (\"{id}\")")]
    EmptyGroup { index: usize, id: String },
    #[error(
        "tổng điểm không đúng / total does not add up: top-level items sum to {sum}, total_max = {total_max}"
    )]
    Total { sum: Decimal, total_max: Decimal },
    #[error("giá trị không hợp lệ / invalid value: {field} = {value} ({why})")]
    Invalid {
        field: String,
        value: String,
        why: String,
    },
}

impl Rubric {
    /// The rubric built into the binary (templates/rubric.toml).
    pub fn builtin() -> Rubric {
        match Rubric::from_toml(BUILTIN_TOML) {
            Ok(r) => r,
            // The built-in file is checked by the tests; reaching this is a build defect.
            Err(e) => panic!("built-in rubric is invalid: {e}"),
        }
    }

    /// Parses and checks a rubric file's text.
    pub fn from_toml(text: &str) -> Result<Rubric, RubricError> {
        let mut r: Rubric = toml::from_str(text).map_err(|e| RubricError::Parse {
            message: e.message().to_string(),
            span: e.span(),
        })?;
        r.validate()?;
        Ok(r)
    }

    /// Checks the rubric as read and indexes its items.
    fn validate(&mut self) -> Result<(), RubricError> {
        if self.score_step <= Decimal::ZERO {
            return Err(invalid(
                "score_step".into(),
                self.score_step.to_string(),
                "must be > 0",
            ));
        }
        if self.dues.rate < Decimal::ZERO {
            return Err(invalid(
                "dues.rate".into(),
                self.dues.rate.to_string(),
                "must be ≥ 0",
            ));
        }
        if self.bands.is_empty() {
            return Err(invalid("bands".into(), "[]".into(), "at least one band"));
        }
        for (i, w) in self.bands.windows(2).enumerate() {
            if w[1].min >= w[0].min {
                return Err(invalid(
                    format!("bands[{}].min", i + 1),
                    w[1].min.to_string(),
                    "bands must be listed from the highest min down",
                ));
            }
        }
        self.index.clear();
        for (i, it) in self.items.iter().enumerate() {
            if it.id.trim().is_empty() || it.id == "total" {
                return Err(invalid(
                    format!("items[{i}].id"),
                    format!("\"{}\"", it.id),
                    "an id must be non-empty and not \"total\"",
                ));
            }
            if self.index.insert(it.id.clone(), i).is_some() {
                return Err(RubricError::DuplicateId {
                    index: i,
                    id: it.id.clone(),
                });
            }
            if it.max < Decimal::ZERO || !(it.max / self.score_step).fract().is_zero() {
                return Err(invalid(
                    format!("items[{i}].max"),
                    it.max.to_string(),
                    "must be ≥ 0 and a multiple of score_step",
                ));
            }
            check_rule(i, &it.rule)?;
        }
        self.validate_tree()
    }

    /// Parents exist and come before their children; every group holds
    /// items whose maxima add up to its own; the top level adds up to the
    /// total.
    fn validate_tree(&self) -> Result<(), RubricError> {
        // Parents must exist and come before their children.
        for (i, it) in self.items.iter().enumerate() {
            if let Some(p) = &it.parent {
                match self.index.get(p) {
                    Some(&pi) if pi < i && self.items[pi].is_group() => {}
                    _ => {
                        return Err(RubricError::UnknownParent {
                            index: i,
                            parent: p.clone(),
                        });
                    }
                }
            }
        }
        for (i, it) in self.items.iter().enumerate() {
            if !it.is_group() {
                continue;
            }
            let children: Vec<&Item> = self.children(&it.id).collect();
            if children.is_empty() {
                return Err(RubricError::EmptyGroup {
                    index: i,
                    id: it.id.clone(),
                });
            }
            let sum: Decimal = children.iter().map(|c| c.max).sum();
            if sum != it.max {
                return Err(RubricError::GroupSum {
                    index: i,
                    id: it.id.clone(),
                    max: it.max,
                    sum,
                });
            }
        }
        let sum: Decimal = self.top_level().map(|c| c.max).sum();
        if sum != self.total_max {
            return Err(RubricError::Total {
                sum,
                total_max: self.total_max,
            });
        }
        Ok(())
    }

    /// The item with this id.
    pub fn item(&self, id: &str) -> Option<&Item> {
        self.index.get(id).map(|&i| &self.items[i])
    }

    /// The direct children of a group, in order.
    pub fn children<'a>(&'a self, id: &'a str) -> impl Iterator<Item = &'a Item> + 'a {
        self.items
            .iter()
            .filter(move |c| c.parent.as_deref() == Some(id))
    }

    /// Items with no parent (the criteria 1, 2, 3).
    pub fn top_level(&self) -> impl Iterator<Item = &Item> {
        self.items.iter().filter(|c| c.parent.is_none())
    }

    /// Items that carry a score of their own (not groups).
    pub fn leaves(&self) -> impl Iterator<Item = &Item> {
        self.items.iter().filter(|c| !c.is_group())
    }

    /// The band a total falls in (the last band catches everything below).
    pub fn band_of(&self, total: Decimal) -> &Band {
        self.bands
            .iter()
            .find(|b| total >= b.min)
            .unwrap_or_else(|| &self.bands[self.bands.len() - 1])
    }

    /// The depth of an item: 0 for criteria, 1 for a–d, 2 for 3a1…
    pub fn depth(&self, id: &str) -> usize {
        let mut d = 0;
        let mut cur = self.item(id).and_then(|i| i.parent.as_deref());
        while let Some(p) = cur {
            d += 1;
            cur = self.item(p).and_then(|i| i.parent.as_deref());
            if d > self.items.len() {
                break;
            }
        }
        d
    }
}

/// A rule's parameters within their bounds.
fn check_rule(i: usize, rule: &Rule) -> Result<(), RubricError> {
    match rule {
        Rule::PercentSteps { step, deduct }
            if *step == 0 || *step > 100 || *deduct < Decimal::ZERO =>
        {
            Err(invalid(
                format!("items[{i}].rule"),
                format!("step = {step}, deduct = {deduct}"),
                "step in 1..=100, deduct ≥ 0",
            ))
        }
        Rule::DeductPerMissing { per, .. } if *per < Decimal::ZERO => Err(invalid(
            format!("items[{i}].rule.per"),
            per.to_string(),
            "must be ≥ 0",
        )),
        Rule::PerUnit { points } if *points <= Decimal::ZERO => Err(invalid(
            format!("items[{i}].rule.points"),
            points.to_string(),
            "must be > 0",
        )),
        _ => Ok(()),
    }
}

/// An invalid value of a rubric file.
fn invalid(field: String, value: String, why: &str) -> RubricError {
    RubricError::Invalid {
        field,
        value,
        why: why.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builtin_parses_and_adds_up() {
        let r = Rubric::builtin();
        assert_eq!(r.items.len(), 21);
        assert_eq!(r.total_max, Decimal::from(100));
        assert_eq!(r.item("3a").map(|i| i.max), Some(Decimal::from(25)));
        assert_eq!(r.leaves().count(), 17);
        assert_eq!(r.depth("3a1"), 2);
    }

    #[test]
    fn bands_at_their_edges() {
        let r = Rubric::builtin();
        let band = |s: &str| r.band_of(s.parse().unwrap()).name.clone();
        assert_eq!(band("100"), "Tốt");
        assert_eq!(band("85"), "Tốt");
        assert_eq!(band("84.5"), "Khá");
        assert_eq!(band("70"), "Khá");
        assert_eq!(band("69.5"), "Trung bình");
        assert_eq!(band("50"), "Trung bình");
        assert_eq!(band("49.5"), "Chưa đạt");
        assert_eq!(band("0"), "Chưa đạt");
    }

    fn broken(from: &str, to: &str) -> RubricError {
        let text = BUILTIN_TOML.replacen(from, to, 1);
        assert_ne!(text, BUILTIN_TOML, "replacement {from:?} did not apply");
        Rubric::from_toml(&text).unwrap_err()
    }

    #[test]
    fn children_not_summing_to_group_are_refused() {
        let e = broken(
            "max = 10\nrule = { kind = \"deduct_per_missing\"",
            "max = 12\nrule = { kind = \"deduct_per_missing\"",
        );
        assert!(
            matches!(e, RubricError::GroupSum { ref id, .. } if id == "1"),
            "{e}"
        );
        assert!(e.to_string().contains("items[0]"), "{e}");
    }

    #[test]
    fn total_not_100_is_refused() {
        let e = broken("total_max = 100", "total_max = 90");
        assert!(matches!(e, RubricError::Total { .. }), "{e}");
        assert!(e.to_string().contains("total_max = 90"));
    }

    #[test]
    fn unknown_rule_is_refused_naming_the_field() {
        let e = broken("kind = \"per_unit\"", "kind = \"per_head\"");
        match e {
            RubricError::Parse { message: m, .. } => assert!(m.contains("per_head"), "{m}"),
            other => panic!("expected a parse error, got {other}"),
        }
    }

    #[test]
    fn duplicate_id_is_refused() {
        let e = broken("id = \"1b\"", "id = \"1a\"");
        assert_eq!(
            e,
            RubricError::DuplicateId {
                index: 2,
                id: "1a".into()
            }
        );
    }

    #[test]
    fn unknown_parent_is_refused() {
        let e = broken("parent = \"3a\"", "parent = \"9\"");
        assert!(matches!(e, RubricError::UnknownParent { ref parent, .. } if parent == "9"));
    }
}
