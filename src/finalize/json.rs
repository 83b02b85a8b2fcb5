//! `finalize --json`, as docs/INTERFACE.md shows it:
//!
//! ```text
//! { "units": [ { "unit", "file", "rank", "total": { "proposed", "final" },
//!                "classification", "recognized", "changes": [ { "id", "proposed",
//!                "team", "cell", "file", "note" } ], "findings": [ FINDING ],
//!                "not_recognized": [ "…" ] } ],
//!   "findings": [ FINDING + "file" + "unit" ],
//!   "summary": { "units", "recognized", "by_classification": { "Tốt": 20, … } } }
//! ```
//!
//! A unit's findings are its form's (as the district workbook lists them;
//! an error a team score resolved has `"resolved": true`) and those about
//! the scores typed for it (with `"file"`, the workbook they were typed
//! in). The top-level `findings` hold every finding: each unit's, with the
//! file they are about and the unit, and the values typed for no unit.

use super::{Concluded, Conclusion, TeamFinding, UnitFinding};
use crate::findings::Lang;
use crate::output::{finding_json, num, opt_num};
use crate::rubric::Rubric;
use serde_json::{Map, Value, json};

/// The conclusion as JSON, messages in `lang`.
pub fn to_json(c: &Conclusion, rubric: &Rubric, lang: Lang) -> Value {
    let units: Vec<Value> = c.units.iter().map(|u| unit_json(u, lang)).collect();
    let mut all = Vec::new();
    for u in &c.units {
        for f in &u.findings {
            let mut j = unit_finding_json(f, lang);
            if let Some(o) = j.as_object_mut() {
                o.entry("file").or_insert_with(|| json!(u.file));
                o.insert("unit".into(), json!(u.name));
            }
            all.push(j);
        }
    }
    for o in &c.others {
        let mut j = team_json(o, lang);
        if let Some(m) = j.as_object_mut() {
            m.insert("unit".into(), json!(o.unit));
        }
        all.push(j);
    }
    let by_class: Map<String, Value> = c
        .by_classification(rubric)
        .into_iter()
        .map(|(name, n)| (name.to_string(), json!(n)))
        .collect();
    json!({
        "units": units,
        "findings": all,
        "summary": {
            "units": c.units.len(),
            "recognized": c.recognized().count(),
            "by_classification": by_class,
        },
    })
}

fn unit_json(u: &Concluded, lang: Lang) -> Value {
    let changes: Vec<Value> = u
        .changes
        .iter()
        .map(|ch| {
            json!({
                "id": ch.id,
                "proposed": opt_num(ch.proposed),
                "team": num(ch.team),
                "cell": ch.loc.to_string(),
                "file": ch.book,
                "note": ch.note,
            })
        })
        .collect();
    let findings: Vec<Value> = u
        .findings
        .iter()
        .map(|f| unit_finding_json(f, lang))
        .collect();
    let why: Vec<String> = u
        .why_not
        .iter()
        .map(|w| match lang {
            Lang::Vi => w.text_vi(),
            Lang::En => w.text_en(),
        })
        .collect();
    json!({
        "unit": u.name,
        "file": u.file,
        "rank": u.rank,
        "total": {
            "proposed": opt_num(u.proposed.total),
            "final": opt_num(u.concluded.total),
        },
        "classification": u.concluded.class,
        "recognized": u.recognized,
        "changes": changes,
        "findings": findings,
        "not_recognized": why,
    })
}

/// A finding of a unit: its form's as the workbook lists it, or one about
/// a typed score (with the workbook's file).
fn unit_finding_json(f: &UnitFinding, lang: Lang) -> Value {
    match f {
        UnitFinding::Form { finding, resolved } => {
            let mut o = json!({
                "code": finding.code,
                "severity": finding.severity.as_str(),
                "sheet": finding.sheet,
                "cell": finding.cell,
                "message": finding.message,
                "criterion": finding.criterion,
            });
            if *resolved && let Some(m) = o.as_object_mut() {
                m.insert("resolved".into(), json!(true));
            }
            o
        }
        UnitFinding::Team(t) => team_json(t, lang),
    }
}

fn team_json(t: &TeamFinding, lang: Lang) -> Value {
    let mut j = finding_json(&t.finding, lang);
    if let Some(o) = j.as_object_mut() {
        o.insert("file".into(), json!(t.book));
    }
    j
}
