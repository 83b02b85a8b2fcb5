//! A rubric file's problem said where it is: line, column, the line itself
//! and what is wrong, in the run's language (`--rubric FILE`).
//!
//! A syntax or type error carries its place from the TOML parser; a rule
//! the file breaks (a group that does not add up, a duplicate id, …) names
//! the field at fault (`items[3].max`), which is found again in the file's
//! parsed tree to point at its value.

use super::{Rubric, RubricError};
use crate::findings::Lang;
use std::ops::Range;
use toml::de::{DeTable, DeValue};

/// A rubric file that cannot be used.
#[derive(Debug, PartialEq)]
pub struct RubricFileError {
    /// 1-based line and column (in characters) of the fault, when known.
    pub line: usize,
    pub column: usize,
    /// The text of that line.
    pub text: String,
    pub error: RubricError,
}

impl Rubric {
    /// Parses and checks a rubric file's text, and says where a problem is.
    ///
    /// ```
    /// use dvht::findings::Lang;
    /// use dvht::rubric::Rubric;
    /// let e = Rubric::from_file_text("title = \"x\"\ntotal_max = [\n").unwrap_err();
    /// assert_eq!((e.line, e.column), (2, 14));
    /// assert!(e.message(Lang::Vi).starts_with("dòng 2, cột 14: "));
    /// ```
    pub fn from_file_text(text: &str) -> Result<Rubric, RubricFileError> {
        Rubric::from_toml(text).map_err(|error| {
            let span = match &error {
                RubricError::Parse { span, .. } => span.clone(),
                other => field_span(text, &field_of(other)),
            };
            let at = span.map(|s| s.start).unwrap_or(0).min(text.len());
            let (line, column, line_text) = position(text, at);
            RubricFileError {
                line,
                column,
                text: line_text,
                error,
            }
        })
    }
}

impl RubricFileError {
    /// "dòng 12, cột 7: nhóm "1" …", with the line and a caret under the
    /// column.
    pub fn message(&self, lang: Lang) -> String {
        let (l, c) = match lang {
            Lang::Vi => ("dòng", "cột"),
            Lang::En => ("line", "column"),
        };
        let caret = format!("{}^", " ".repeat(self.column.saturating_sub(1)));
        format!(
            "{l} {}, {c} {}: {}\n    {}\n    {caret}",
            self.line,
            self.column,
            problem(&self.error, lang),
            self.text.trim_end()
        )
    }
}

impl std::fmt::Display for RubricFileError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message(Lang::Vi))
    }
}

impl std::error::Error for RubricFileError {}

/// 1-based line and column of a byte offset, and the line's text.
fn position(text: &str, at: usize) -> (usize, usize, String) {
    let at = (0..=at)
        .rev()
        .find(|&i| text.is_char_boundary(i))
        .unwrap_or(0);
    let before = &text[..at];
    let line = before.matches('\n').count() + 1;
    let start = before.rfind('\n').map_or(0, |i| i + 1);
    let column = text[start..at].chars().count() + 1;
    let end = text[start..].find('\n').map_or(text.len(), |i| start + i);
    (
        line,
        column,
        text[start..end].trim_end_matches('\r').to_string(),
    )
}

/// One step of a field's path: a key, or an index into an array.
#[derive(Debug, PartialEq)]
enum Seg {
    Key(String),
    Index(usize),
}

/// The field a rule error is about, as a path ("items[3].max").
fn field_of(e: &RubricError) -> Vec<Seg> {
    let item = |i: usize, key: &str| {
        vec![
            Seg::Key("items".into()),
            Seg::Index(i),
            Seg::Key(key.into()),
        ]
    };
    match e {
        RubricError::DuplicateId { index, .. } | RubricError::EmptyGroup { index, .. } => {
            item(*index, "id")
        }
        RubricError::UnknownParent { index, .. } => item(*index, "parent"),
        RubricError::GroupSum { index, .. } => item(*index, "max"),
        RubricError::Total { .. } => vec![Seg::Key("total_max".into())],
        RubricError::Invalid { field, .. } => parse_field(field),
        RubricError::Parse { .. } => Vec::new(),
    }
}

/// "items[3].rule.per" → items, 3, rule, per.
fn parse_field(field: &str) -> Vec<Seg> {
    let mut out = Vec::new();
    for part in field.split('.') {
        let (key, rest) = part.split_once('[').unwrap_or((part, ""));
        if !key.is_empty() {
            out.push(Seg::Key(key.to_string()));
        }
        for idx in rest.split('[') {
            if let Ok(i) = idx.trim_end_matches(']').parse() {
                out.push(Seg::Index(i));
            }
        }
    }
    out
}

/// The span of the value at `path` in the file, or of the deepest part of
/// it that is there (a field left to its default is not in the file).
fn field_span(text: &str, path: &[Seg]) -> Option<Range<usize>> {
    let doc = DeTable::parse(text).ok()?;
    let mut span = None;
    let mut table: Option<&DeTable> = Some(doc.get_ref());
    let mut array: Option<&[toml::Spanned<DeValue>]> = None;
    for seg in path {
        let value = match seg {
            Seg::Key(k) => {
                let entry =
                    table.and_then(|t| t.iter().find(|(key, _)| key.get_ref().as_ref() == k));
                match entry {
                    Some((key, value)) => {
                        span = Some(key.span());
                        value
                    }
                    None => break,
                }
            }
            Seg::Index(i) => match array.and_then(|a| a.get(*i)) {
                Some(value) => {
                    span = Some(value.span());
                    value
                }
                None => break,
            },
        };
        table = None;
        array = None;
        match value.get_ref() {
            DeValue::Table(t) => table = Some(t),
            DeValue::Array(a) => array = Some(a),
            _ => {}
        }
    }
    span
}

/// What is wrong, in `lang`.
fn problem(e: &RubricError, lang: Lang) -> String {
    let vi = lang == Lang::Vi;
    match e {
        RubricError::Parse { message, .. } => {
            let message = message.trim().replace('\n', "; ");
            if vi {
                format!("tệp không đúng cách viết của bộ tiêu chí (TOML): {message}")
            } else {
                format!("not a rubric file as TOML expects it: {message}")
            }
        }
        RubricError::DuplicateId { index, id } if vi => {
            format!("mã tiêu chí \"{id}\" đã dùng cho một tiêu chí trước (items[{index}].id)")
        }
        RubricError::DuplicateId { index, id } => {
            format!("the id \"{id}\" is already used by an earlier item (items[{index}].id)")
        }
        RubricError::UnknownParent { index, parent } if vi => {
            format!("không có nhóm \"{parent}\" đứng trước tiêu chí này (items[{index}].parent)")
        }
        RubricError::UnknownParent { index, parent } => {
            format!("no group \"{parent}\" comes before this item (items[{index}].parent)")
        }
        RubricError::GroupSum { id, max, sum, .. } if vi => {
            format!("nhóm \"{id}\" có điểm tối đa {max} nhưng các tiêu chí con cộng lại được {sum}")
        }
        RubricError::GroupSum { id, max, sum, .. } => {
            format!("group \"{id}\" has max = {max}, but its items add up to {sum}")
        }
        RubricError::EmptyGroup { id, .. } if vi => {
            format!("nhóm \"{id}\" không có tiêu chí con nào")
        }
        RubricError::EmptyGroup { id, .. } => format!("group \"{id}\" has no items"),
        RubricError::Total { sum, total_max } if vi => {
            format!("các tiêu chí lớn cộng lại được {sum} điểm nhưng total_max = {total_max}")
        }
        RubricError::Total { sum, total_max } => {
            format!("the top-level items add up to {sum}, but total_max = {total_max}")
        }
        RubricError::Invalid { field, value, why } => {
            let why = if vi { why_vi(why) } else { why.clone() };
            format!("{field} = {value}: {why}")
        }
    }
}

/// The reasons `Rubric::validate` gives, in Vietnamese.
fn why_vi(why: &str) -> String {
    match why {
        "must be > 0" => "phải lớn hơn 0",
        "must be ≥ 0" => "không được âm",
        "at least one band" => "cần ít nhất một mức xếp loại",
        "bands must be listed from the highest min down" => {
            "các mức xếp loại phải ghi từ mức cao nhất xuống"
        }
        "an id must be non-empty and not \"total\"" => {
            "mã tiêu chí không được để trống hay là \"total\""
        }
        "must be ≥ 0 and a multiple of score_step" => "phải không âm và là bội của score_step",
        "step in 1..=100, deduct ≥ 0" => "step từ 1 đến 100, deduct không âm",
        other => other,
    }
    .to_string()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rubric::BUILTIN_TOML;

    fn broken(from: &str, to: &str) -> RubricFileError {
        let text = BUILTIN_TOML.replacen(from, to, 1);
        assert_ne!(text, BUILTIN_TOML, "replacement {from:?} did not apply");
        Rubric::from_file_text(&text).unwrap_err()
    }

    fn line_of(needle: &str) -> usize {
        let at = BUILTIN_TOML.find(needle).expect(needle);
        BUILTIN_TOML[..at].matches('\n').count() + 1
    }

    #[test]
    fn a_syntax_error_names_line_column_and_problem() {
        let e = Rubric::from_file_text("title = \"x\"\nx = [\n").unwrap_err();
        // The array is left open at the end of line 2.
        assert_eq!((e.line, e.column), (2, 6));
        let m = e.message(Lang::Vi);
        let want = "dòng 2, cột 6: tệp không đúng cách viết của bộ tiêu chí (TOML): \
                    unclosed array, expected `]`\n    x = [\n         ^";
        assert_eq!(m, want);
        let m = e.message(Lang::En);
        assert!(m.starts_with("line 2, column 6: not a rubric file"), "{m}");
    }

    #[test]
    fn a_value_of_the_wrong_kind_is_pointed_at() {
        let e = broken("kind = \"per_unit\"", "kind = \"per_head\"");
        assert_eq!(e.line, line_of("kind = \"per_unit\""));
        let col = e.text.find("\"per_head\"").unwrap() + 1;
        assert_eq!(e.column, col, "{}", e.message(Lang::Vi));
        assert!(e.message(Lang::Vi).contains("per_head"));
    }

    #[test]
    fn a_rule_broken_points_at_the_field() {
        // Criterion 1c's max: group 1 no longer adds up; the message points
        // at group 1's max.
        let e = broken(
            "max = 10\nrule = { kind = \"deduct_per_missing\"",
            "max = 12\nrule = { kind = \"deduct_per_missing\"",
        );
        assert!(matches!(e.error, RubricError::GroupSum { .. }));
        let group_one_max = BUILTIN_TOML.find("id = \"1\"").unwrap();
        let line = BUILTIN_TOML[..group_one_max].matches('\n').count() + 1 + 3;
        assert_eq!(e.line, line, "{}", e.message(Lang::Vi));
        assert_eq!(e.text, "max = 30");
        assert_eq!(e.column, 1);
        assert_eq!(
            e.message(Lang::Vi),
            "dòng ".to_string()
                + &line.to_string()
                + ", cột 1: nhóm \"1\" có điểm tối đa 30 nhưng các tiêu chí con cộng lại được 32\n    max = 30\n    ^"
        );
        let e = broken("total_max = 100", "total_max = 90");
        assert_eq!(
            (e.line, e.text.as_str()),
            (line_of("total_max"), "total_max = 90")
        );
        let e = broken("id = \"1b\"", "id = \"1a\"");
        assert_eq!(e.line, line_of("id = \"1b\""));
        assert!(e.message(Lang::En).contains("\"1a\" is already used"));
    }

    #[test]
    fn field_paths_are_read() {
        assert_eq!(
            parse_field("items[3].rule.per"),
            vec![
                Seg::Key("items".into()),
                Seg::Index(3),
                Seg::Key("rule".into()),
                Seg::Key("per".into())
            ]
        );
        assert_eq!(
            parse_field("score_step"),
            vec![Seg::Key("score_step".into())]
        );
    }
}
