//! The 26 sample forms in `samples/`: they never drift from the code that
//! writes them (compared part by part, tests/xlsx_parts), and reading them
//! back gives the scores worked out independently from their cells.
//!
//! EXPECTED was computed outside dvht (a short script reading each file's
//! cells and applying docs/DOMAIN.md's rules in exact fractions), not by the
//! code under test: per sample, the final score of the 17 scored criteria in
//! rubric order (1a 1b 1c 2a 2b 2c 2d 3a1…3a8 3b 3c), the final total and
//! its band.

use dvht::pipeline::{self, RunOptions};
use dvht::rubric::Rubric;
use dvht::{samplegen, template};
use rust_decimal::Decimal;
use std::path::{Path, PathBuf};
use std::process::Command;

const REGENERATE: &str = "regenerate with: cargo run --example make-samples";

mod samples_expected;
mod xlsx_parts;
use samples_expected::EXPECTED;

fn samples() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("samples")
}

fn d(s: &str) -> Decimal {
    s.parse().unwrap()
}

#[test]
fn committed_samples_have_the_parts_of_a_fresh_generation() {
    let rubric = Rubric::builtin();
    let forms = samplegen::district(&rubric);
    assert_eq!(forms.len(), 26);
    let mut on_disk: Vec<String> = std::fs::read_dir(samples())
        .unwrap()
        .filter_map(|e| e.ok())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".xlsx"))
        .collect();
    on_disk.sort();
    let mut names: Vec<String> = forms.iter().map(|(n, _)| format!("{n}.xlsx")).collect();
    names.sort();
    assert_eq!(
        on_disk, names,
        "samples/ holds other files than the generator writes; {REGENERATE}"
    );
    for (name, form) in &forms {
        let path = samples().join(format!("{name}.xlsx"));
        let fresh = template::form_bytes(&rubric, form).unwrap();
        let committed = std::fs::read(&path).unwrap();
        xlsx_parts::assert_same_parts(&path.display().to_string(), &committed, &fresh, REGENERATE);
    }
}

#[test]
fn expected_table_covers_every_sample() {
    let specs = samplegen::district_specs();
    let files: Vec<&str> = specs.iter().map(|s| s.file).collect();
    let expected: Vec<&str> = EXPECTED.iter().map(|e| e.0).collect();
    assert_eq!(files, expected);
}

#[test]
fn samples_score_as_worked_out_by_hand() {
    let rubric = Rubric::builtin();
    let leaves: Vec<&str> = rubric.leaves().map(|i| i.id.as_str()).collect();
    let specs = samplegen::district_specs();
    let mut bands = std::collections::BTreeSet::new();
    for ((file, finals, total, band), spec) in EXPECTED.iter().zip(&specs) {
        let path = samples().join(format!("{file}.xlsx"));
        let report = pipeline::evaluate_file(&rubric, &path, &RunOptions::default());
        assert_eq!(
            report.units.len(),
            1,
            "{file}: one form expected, findings {:?}",
            report.findings
        );
        let unit = &report.units[0];
        assert_eq!(
            unit.form.unit.as_ref().map(|u| u.value.as_str()),
            Some(spec.name),
            "{file}"
        );
        assert_eq!(
            unit.form.year.as_ref().map(|y| y.value),
            Some(2023),
            "{file}"
        );
        assert_eq!(
            unit.form.members.as_ref().map(|m| m.value),
            Some(Decimal::from(spec.members)),
            "{file}"
        );
        let want: Vec<&str> = finals.split(' ').collect();
        assert_eq!(want.len(), leaves.len());
        for (id, w) in leaves.iter().zip(&want) {
            let got = unit.scored.item(id).and_then(|i| i.final_score);
            let w = if *w == "-" { None } else { Some(d(w)) };
            assert_eq!(got, w, "{file}: final score of {id}");
        }
        assert_eq!(
            unit.scored.total.final_score,
            Some(d(total)),
            "{file}: final total"
        );
        assert_eq!(
            unit.scored.class_final.as_deref(),
            Some(*band),
            "{file}: band"
        );
        bands.insert(*band);
    }
    // The samples span more than one band.
    assert!(bands.len() >= 3, "{bands:?}");
}

#[test]
fn score_json_of_a_sample_with_mistakes() {
    // Trung tâm Y tế: self 10 on 2a where 112/120 members give 9.5, and the
    // group row 2 typed as 28.
    let path = samples().join("13-trung-tam-y-te.xlsx");
    let out = Command::new(env!("CARGO_BIN_EXE_dvht"))
        .args(["score", "--json"])
        .arg(&path)
        .output()
        .unwrap();
    let v: serde_json::Value = serde_json::from_slice(&out.stdout)
        .unwrap_or_else(|e| panic!("{e}: {}", String::from_utf8_lossy(&out.stdout)));
    assert_eq!(v["unit"], "Trung tâm Y tế huyện");
    assert_eq!(v["members"], 120);
    let item = |id: &str| {
        v["items"]
            .as_array()
            .unwrap()
            .iter()
            .find(|i| i["id"] == id)
            .unwrap()
            .clone()
    };
    assert_eq!(item("2a")["self"], 10);
    assert_eq!(item("2a")["computed"], 9.5);
    assert_eq!(item("2a")["final"], 9.5);
    assert_eq!(item("2d")["final"], 4);
    assert_eq!(v["total"]["final"], 96);
    assert_eq!(v["classification"]["final"], "Tốt");
}

#[test]
fn samples_read_back_with_their_phu_luc_1_dossier_and_rates() {
    use dvht::form::{DossierDoc, Pl1Field};
    let rubric = Rubric::builtin();
    for (name, filled) in samplegen::district(&rubric) {
        let path = samples().join(format!("{name}.xlsx"));
        let report = pipeline::evaluate_file(&rubric, &path, &RunOptions::default());
        let form = &report.units[0].form;
        for f in Pl1Field::ALL {
            let got = form.pl1.get(&f).map(|l| l.value);
            let want = match (f, filled.pl1.get(&f)) {
                (_, Some(t)) => t.number(),
                // Formulas: the cached value, computed independently here.
                (Pl1Field::DuesAmount, None) => filled.pl1[&Pl1Field::DuesPayers]
                    .number()
                    .map(|p| p * Decimal::from(12_000)),
                (Pl1Field::Balance, None) => Some(
                    filled.pl1[&Pl1Field::Income].number().unwrap()
                        - filled.pl1[&Pl1Field::Expense].number().unwrap(),
                ),
                (_, None) => None,
            };
            assert_eq!(got, want, "{name}: {f:?}");
        }
        let dossier = form.dossier.as_ref().expect("dossier read");
        for doc in DossierDoc::ALL {
            let got = dossier.get(&doc).cloned().flatten().map(|l| l.value);
            assert_eq!(got, filled.dossier.get(&doc).copied(), "{name}: {doc:?}");
        }
        // Rates in percentage points: count / members × 100.
        let m = Decimal::from(
            samplegen::district_specs()
                .iter()
                .find(|s| s.file == name)
                .unwrap()
                .members,
        );
        for id in ["2a", "2b", "2c", "2d"] {
            let e = &form.entries[id];
            let c = filled.items[id]
                .evidence
                .as_ref()
                .and_then(|t| t.number())
                .unwrap();
            let p = e.percent.as_ref().map(|l| l.value).expect("rate read");
            let want = c * Decimal::ONE_HUNDRED / m;
            assert!(
                (p - want).abs() < Decimal::new(1, 9),
                "{name} {id}: rate {p}, want {want}"
            );
        }
    }
}

#[test]
fn each_planted_mistake_is_found_and_clean_samples_have_no_findings() {
    // The mistakes samplegen plants, and the finding each must raise.
    let planted: &[(&str, &[&str])] = &[
        (
            "05-phong-giao-duc-dao-tao",
            &["self-computed-differ", "group-sum-mismatch"],
        ),
        ("07-phong-lao-dong-tbxh", &["score-above-max"]),
        ("09-phong-kinh-te-ha-tang", &["missing-self-score"]),
        ("11-phong-y-te", &["dossier-incomplete"]),
        (
            "13-trung-tam-y-te",
            &["self-computed-differ", "group-sum-mismatch"],
        ),
        ("15-trung-tam-gdnn-gdtx", &["dues-mismatch"]),
        ("17-thcs-thi-tran", &["count-above-total"]),
        ("19-tieu-hoc-nhi-thanh", &["classification-mismatch"]),
        ("20-mam-non-hoa-sen", &["balance-mismatch"]),
        ("22-ubnd-xa-my-an", &["payers-exceed-members"]),
        ("24-ubnd-xa-long-thanh", &["dossier-incomplete"]),
    ];
    let rubric = Rubric::builtin();
    for spec in samplegen::district_specs() {
        let path = samples().join(format!("{}.xlsx", spec.file));
        let report = pipeline::evaluate_file(&rubric, &path, &RunOptions::default());
        let codes: Vec<&str> = report
            .findings
            .iter()
            .chain(report.units.iter().flat_map(|u| u.findings.iter()))
            .map(|f| f.code.as_str())
            .collect();
        match planted.iter().find(|(f, _)| *f == spec.file) {
            Some((_, want)) => {
                for w in *want {
                    assert!(
                        codes.contains(w),
                        "{}: expected {w}, found {codes:?}",
                        spec.file
                    );
                }
            }
            None => assert!(
                codes.is_empty(),
                "{}: clean sample has {codes:?}",
                spec.file
            ),
        }
    }
}

#[test]
fn generated_forms_read_back_with_their_names_members_and_evidence() {
    use dvht::form::Evidence;
    let rubric = Rubric::builtin();
    let dir = tempfile::tempdir().unwrap();
    for (k, filled) in samplegen::generate(&rubric, 12, 2023).iter().enumerate() {
        let path = dir.path().join(format!("{k}.xlsx"));
        template::write_filled(&rubric, filled, &path).unwrap();
        let report = pipeline::evaluate_file(&rubric, &path, &RunOptions::default());
        assert_eq!(report.units.len(), 1, "{k}: {:?}", report.findings);
        let form = &report.units[0].form;
        assert_eq!(
            form.unit.as_ref().map(|u| u.value.as_str()),
            Some(filled.unit.as_str())
        );
        assert_eq!(
            form.members.as_ref().map(|m| m.value),
            filled.members.as_ref().and_then(|t| t.number())
        );
        for (id, item) in &filled.items {
            let want = item.evidence.as_ref().map(|t| match t {
                template::Typed::Number(n) => Evidence::Count(*n),
                template::Typed::Text(s) => Evidence::YesNo(s == "Có"),
            });
            let got = form.entries[id].evidence.as_ref().map(|e| e.value.clone());
            assert_eq!(got, want, "{k}: evidence of {id}");
        }
        assert!(
            !form
                .findings
                .iter()
                .any(|f| f.code.as_str() == "not-a-number"),
            "{k}: {:?}",
            form.findings
        );
    }
}
