//! Rendering results for people (terminal tables) and programs (the JSON of
//! docs/INTERFACE.md). Nothing here reads files or scores anything.

pub mod terminal;

use crate::findings::{Finding, Lang};
use crate::report::{FileReport, Run, Status, UnitReport};
use crate::rubric::Rubric;
use crate::scoring::ScoredUnit;
use rust_decimal::Decimal;
use serde_json::{Map, Value, json};

/// A decimal as a JSON number (9.5), exactly as written.
pub fn num(d: Decimal) -> Value {
    let s = d.normalize().to_string();
    match serde_json::from_str::<serde_json::Number>(&s) {
        Ok(n) => Value::Number(n),
        Err(_) => Value::String(s),
    }
}

pub fn opt_num(d: Option<Decimal>) -> Value {
    d.map(num).unwrap_or(Value::Null)
}

/// One finding as JSON: the fields of docs/INTERFACE.md (code, severity, sheet,
/// cell, message) and beside them the values the message names (see
/// [`crate::findings::Message`]: "criterion", "found", "max", …).
pub fn finding_json(f: &Finding, lang: Lang) -> Value {
    let mut o = match serde_json::to_value(&f.what) {
        Ok(Value::Object(values)) => values,
        _ => Map::new(),
    };
    o.insert("code".into(), json!(f.code.as_str()));
    o.insert("severity".into(), json!(f.severity.as_str()));
    o.insert("sheet".into(), json!(f.sheet));
    o.insert("cell".into(), json!(f.cell));
    o.insert("message".into(), json!(f.message(lang)));
    Value::Object(o)
}

fn totals_json(s: &ScoredUnit) -> Value {
    json!({
        "max": num(s.total.max),
        "self": opt_num(s.total.self_score),
        "computed": opt_num(s.total.computed),
        "final": opt_num(s.total.final_score),
    })
}

fn class_json(s: &ScoredUnit) -> Value {
    json!({ "self": s.class_self, "final": s.class_final })
}

/// `score --json` for one form.
pub fn score_json(file: &str, unit: &UnitReport, with_sheet: bool, lang: Lang) -> Value {
    let f = &unit.form;
    let s = &unit.scored;
    let mut o = Map::new();
    o.insert("file".into(), json!(file));
    if with_sheet {
        o.insert("sheet".into(), json!(f.sheet));
    }
    o.insert(
        "unit".into(),
        json!(f.unit.as_ref().map(|u| u.value.clone())),
    );
    o.insert("year".into(), json!(f.year.as_ref().map(|y| y.value)));
    o.insert(
        "members".into(),
        f.members
            .as_ref()
            .map(|m| num(m.value))
            .unwrap_or(Value::Null),
    );
    let items: Vec<Value> = s
        .items
        .iter()
        .map(|i| {
            json!({
                "id": i.id,
                "max": num(i.max),
                "self": opt_num(i.self_score),
                "computed": opt_num(i.computed),
                "final": opt_num(i.final_score),
                "cell": i.cell.as_ref().map(|c| c.to_string()),
                "explanation": i.explanation.as_ref().map(|e| e.render(lang)),
            })
        })
        .collect();
    o.insert("items".into(), Value::Array(items));
    o.insert("total".into(), totals_json(s));
    o.insert("classification".into(), class_json(s));
    o.insert(
        "findings".into(),
        Value::Array(
            unit.findings
                .iter()
                .map(|x| finding_json(x, lang))
                .collect(),
        ),
    );
    Value::Object(o)
}

/// The entries of `check --json`: one per form, or one per file without forms.
pub fn file_entries(file: &FileReport, lang: Lang) -> Vec<Value> {
    let name = file.display();
    let source = source_json(file);
    if file.units.is_empty() {
        return vec![json!({
            "file": name,
            "source": source,
            "sheet": Value::Null,
            "status": file.status().as_str(),
            "unit": Value::Null,
            "total": Value::Null,
            "classification": Value::Null,
            "findings": file.findings.iter().map(|x| finding_json(x, lang)).collect::<Vec<_>>(),
        })];
    }
    file.units
        .iter()
        .map(|u| {
            // Findings about the file as a whole go with each of its forms.
            let all: Vec<&Finding> = file.findings.iter().chain(u.findings.iter()).collect();
            let status = match &u.superseded_by {
                Some(_) => Status::Superseded,
                None => Status::of(all.iter().copied()),
            };
            let mut entry = json!({
                "file": name,
                "source": source,
                "sheet": u.form.sheet,
                "status": status.as_str(),
                "unit": u.form.unit.as_ref().map(|x| x.value.clone()),
                "total": totals_json(&u.scored),
                "classification": class_json(&u.scored),
                "findings": all.iter().map(|x| finding_json(x, lang)).collect::<Vec<_>>(),
            });
            if let (Some(by), Some(o)) = (&u.superseded_by, entry.as_object_mut()) {
                o.insert("superseded_by".into(), json!(by));
            }
            entry
        })
        .collect()
}

/// Where a file came from, for an item of a container (docs/INTERFACE.md:
/// "Collecting the submissions"); null for a plain file.
fn source_json(file: &FileReport) -> Value {
    match &file.input.source {
        None => Value::Null,
        Some(s) => {
            let mut o = json!({
                "container": s.container.display().to_string(),
                "from": s.from,
                "date": s.date,
                "subject": s.subject,
                "attachment": s.attachment,
            });
            if let (Some(n), Some(m)) = (s.message, o.as_object_mut()) {
                m.insert("message".into(), json!(n));
            }
            o
        }
    }
}

/// Counts of entries by status, as in the JSON summary.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Summary {
    pub files: usize,
    pub ok: usize,
    pub warnings: usize,
    pub errors: usize,
    pub skipped: usize,
    pub unreadable: usize,
    /// Forms a newer submission of the same unit replaces.
    pub superseded: usize,
}

/// `check --json` / `consolidate --json`.
pub fn run_json(run: &Run, missing_units: &[String], lang: Lang) -> Value {
    let mut entries = Vec::new();
    for f in &run.files {
        entries.extend(file_entries(f, lang));
    }
    let s = summary(&entries);
    json!({
        "files": entries,
        "missing_units": missing_units,
        "summary": {
            "files": s.files, "ok": s.ok, "warnings": s.warnings, "errors": s.errors,
            "skipped": s.skipped, "unreadable": s.unreadable, "superseded": s.superseded,
        },
    })
}

/// Counts the entries of a run by status.
pub fn summary(entries: &[Value]) -> Summary {
    let mut s = Summary {
        files: entries.len(),
        ..Default::default()
    };
    for e in entries {
        match e["status"].as_str() {
            Some("ok") => s.ok += 1,
            Some("warnings") => s.warnings += 1,
            Some("errors") => s.errors += 1,
            Some("skipped") => s.skipped += 1,
            Some("superseded") => s.superseded += 1,
            _ => s.unreadable += 1,
        }
    }
    s
}

/// Pads `s` to `width` characters (not bytes).
pub fn pad(s: &str, width: usize) -> String {
    let n = s.chars().count();
    if n >= width {
        s.to_string()
    } else {
        format!("{s}{}", " ".repeat(width - n))
    }
}

fn cut(s: &str, width: usize) -> String {
    if s.chars().count() <= width {
        s.to_string()
    } else {
        let mut t: String = s.chars().take(width.saturating_sub(1)).collect();
        t.push('…');
        t
    }
}

/// The scored rubric as a terminal table.
pub fn score_table(rubric: &Rubric, unit: &UnitReport, lang: Lang) -> String {
    use crate::findings::{num_en, num_vi};
    let n = |d: Option<Decimal>| match (d, lang) {
        (None, _) => "–".to_string(),
        (Some(d), Lang::Vi) => num_vi(d),
        (Some(d), Lang::En) => num_en(d),
    };
    let f = &unit.form;
    let s = &unit.scored;
    let mut out = String::new();
    let (l_unit, l_year, l_members) = match lang {
        Lang::Vi => ("Đơn vị", "Năm", "Tổng số thành viên"),
        Lang::En => ("Unit", "Year", "Members"),
    };
    out.push_str(&format!(
        "{l_unit}: {}   {l_year}: {}   {l_members}: {}\n",
        f.unit.as_ref().map(|u| u.value.as_str()).unwrap_or("–"),
        f.year
            .as_ref()
            .map(|y| y.value.to_string())
            .unwrap_or_else(|| "–".into()),
        n(f.members.as_ref().map(|m| m.value)),
    ));
    use crate::terms::{COMPUTED, PROPOSED, SELF};
    let (h_id, h_text, h_max, h_explain) = match lang {
        Lang::Vi => ("Mã", "Tiêu chí", "Tối đa", "Giải thích"),
        Lang::En => ("Id", "Criterion", "Max", "Explanation"),
    };
    // The scores' columns as wide as their headings (crate::terms).
    let heads = [
        h_max,
        SELF.short(lang),
        COMPUTED.short(lang),
        PROPOSED.short(lang),
    ];
    let w = heads.map(|h| h.chars().count().max(6));
    let row = |id: &str, label: &str, v: [String; 4], explain: &str| {
        let mut line = format!("{} {}", pad(id, 4), pad(label, 44));
        for (k, x) in v.iter().enumerate() {
            line.push_str(&format!(" {x:>width$}", width = w[k]));
        }
        if !explain.is_empty() {
            line.push_str("  ");
            line.push_str(explain);
        }
        line.push('\n');
        line
    };
    out.push_str(&row(h_id, h_text, heads.map(str::to_string), h_explain));
    for it in &s.items {
        let text = rubric.item(&it.id).map(|i| i.text.as_str()).unwrap_or("");
        let indent = "  ".repeat(rubric.depth(&it.id));
        let label = cut(&format!("{indent}{text}"), 44);
        let explain = it
            .explanation
            .as_ref()
            .map(|e| e.render(lang))
            .unwrap_or_default();
        let v = [Some(it.max), it.self_score, it.computed, it.final_score].map(n);
        out.push_str(&row(&it.id, &label, v, &explain));
    }
    let total = match lang {
        Lang::Vi => "Tổng cộng",
        Lang::En => "Total",
    };
    let v = [
        Some(s.total.max),
        s.total.self_score,
        s.total.computed,
        s.total.final_score,
    ]
    .map(n);
    out.push_str(&row("", total, v, ""));
    let class = match lang {
        Lang::Vi => "Xếp loại",
        Lang::En => "Classification",
    };
    out.push_str(&format!(
        "{}: {} ({}) → {} ({})\n",
        class,
        s.class_self.as_deref().unwrap_or("–"),
        SELF.word(lang),
        s.class_final.as_deref().unwrap_or("–"),
        PROPOSED.word(lang),
    ));
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cells::Addr;
    use crate::findings::{Criterion, Message, Suggestion, SuggestionFrom};
    use crate::form::Loc;

    #[test]
    fn a_finding_s_json_carries_its_values_beside_the_message() {
        let f = Finding::at(
            &Loc::new("Tự đánh giá", Addr::new(14, 5)),
            Message::ScoreOutOfRange {
                criterion: Criterion {
                    id: "2b".into(),
                    text: String::new(),
                    group: false,
                },
                found: Decimal::from(6),
                max: Decimal::from(5),
                suggest: Some(Suggestion {
                    value: Decimal::new(45, 1),
                    from: SuggestionFrom::Evidence,
                }),
            },
        );
        let v = finding_json(&f, Lang::En);
        assert_eq!(
            v,
            json!({
                "code": "score-above-max", "severity": "error",
                "sheet": "Tự đánh giá", "cell": "F15",
                "message": "Cell F15 (sheet 'Tự đánh giá'): the self-score of criterion 2b is 6, above the maximum of 5. Change the self-score in cell F15 to 4.5 (the computed score).",
                "criterion": "2b", "found": 6, "max": 5,
                "suggest": { "value": 4.5, "from": "evidence" },
            })
        );
    }
}
