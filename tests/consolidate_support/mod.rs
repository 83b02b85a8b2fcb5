//! Shared helpers of the consolidate tests: filled standard forms written
//! with the `template` module, running the binary, reading a workbook back.
#![allow(dead_code)]

use calamine::{Data, Reader, Xlsx};
use dvht::form::{DossierDoc, Pl1Field};
use dvht::rubric::Rubric;
use dvht::template::{FilledForm, Typed, form_bytes};
use rust_decimal::Decimal;
use std::io::Cursor;
use std::path::Path;
use std::process::{Command, Output};

/// A unit's answers: evidence per item; self-scores follow the rules unless
/// overridden.
pub struct Unit {
    pub name: &'static str,
    pub members: i64,
    /// Item ids answered "Không".
    pub no: &'static [&'static str],
    /// 1c: resources lacking.
    pub lacking: i64,
    /// 2a–2d: members meeting the criterion.
    pub counts: [i64; 4],
    /// 3c: units shared with.
    pub shared: i64,
    /// Self-scores that differ from the rule: (id, score).
    pub self_over: &'static [(&'static str, &'static str)],
    pub dues_payers: i64,
    pub income: i64,
    pub expense: i64,
}

impl Unit {
    pub const fn new(name: &'static str) -> Unit {
        Unit {
            name,
            members: 50,
            no: &[],
            lacking: 0,
            counts: [50, 50, 50, 50],
            shared: 5,
            self_over: &[],
            dues_payers: 20,
            income: 5_000_000,
            expense: 3_000_000,
        }
    }
}

fn d(s: &str) -> Decimal {
    s.parse().unwrap()
}

/// The filled standard form of a unit. Self-scores are the rule's scores
/// (computed by hand below from the plan's wording), unless overridden.
pub fn filled(u: &Unit, year: i32) -> FilledForm {
    let rubric = Rubric::builtin();
    let mut f = FilledForm::blank(year);
    f.unit = u.name.to_string();
    f.members = Some(Typed::int(u.members));
    for it in rubric.items.iter().filter(|i| !i.is_group()) {
        let id = it.id.as_str();
        let (evidence, score) = match id {
            "1c" => (Typed::int(u.lacking), it.max - Decimal::from(2 * u.lacking)),
            "2a" | "2b" | "2c" | "2d" => {
                let k = ["2a", "2b", "2c", "2d"]
                    .iter()
                    .position(|x| *x == id)
                    .unwrap();
                let step: i64 = if id == "2a" || id == "2c" { 5 } else { 10 };
                let c = u.counts[k];
                let steps = (100 * (u.members - c)) / (step * u.members);
                (
                    Typed::int(c),
                    (it.max - d("0.5") * Decimal::from(steps)).max(Decimal::ZERO),
                )
            }
            "3c" => (Typed::int(u.shared), Decimal::from(u.shared.min(5))),
            _ => {
                let yes = !u.no.contains(&id);
                (Typed::yes_no(yes), if yes { it.max } else { Decimal::ZERO })
            }
        };
        let score = u
            .self_over
            .iter()
            .find(|(i, _)| *i == id)
            .map(|(_, s)| d(s))
            .unwrap_or(score);
        let item = f.item_mut(id);
        item.evidence = Some(evidence);
        item.self_score = Some(Typed::Number(score));
    }
    f.pl1.insert(Pl1Field::Staff, Typed::int(u.members));
    f.pl1
        .insert(Pl1Field::Members, Typed::int(u.dues_payers + 5));
    f.pl1
        .insert(Pl1Field::DuesPayers, Typed::int(u.dues_payers));
    f.pl1.insert(Pl1Field::Income, Typed::int(u.income));
    f.pl1.insert(Pl1Field::Expense, Typed::int(u.expense));
    for doc in DossierDoc::ALL {
        f.dossier.insert(doc, true);
    }
    f
}

/// Writes a unit's form into `dir/file`.
pub fn write_form(dir: &Path, file: &str, u: &Unit, year: i32) {
    let bytes = form_bytes(&Rubric::builtin(), &filled(u, year)).unwrap();
    std::fs::write(dir.join(file), bytes).unwrap();
}

/// Runs `dvht` with a fixed document date.
pub fn dvht(args: &[&std::ffi::OsStr]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_dvht"))
        .args(args)
        .env("SOURCE_DATE_EPOCH", "1700000000")
        .env_remove("CI_NO_SUCH")
        .output()
        .unwrap()
}

/// A workbook read back.
pub struct Book {
    pub xlsx: Xlsx<Cursor<Vec<u8>>>,
}

impl Book {
    pub fn open(path: &Path) -> Book {
        let bytes = std::fs::read(path).unwrap();
        Book {
            xlsx: Xlsx::new(Cursor::new(bytes)).unwrap(),
        }
    }

    pub fn sheets(&self) -> Vec<String> {
        self.xlsx.sheet_names()
    }

    /// Values of a sheet as (row, col) → Data, 0-based absolute.
    pub fn values(&mut self, sheet: &str) -> Grid {
        let r = self.xlsx.worksheet_range(sheet).unwrap();
        let (r0, c0) = r.start().unwrap_or((0, 0));
        let mut g = Grid::default();
        for (row, col, v) in r.used_cells() {
            g.cells
                .insert((r0 + row as u32, c0 + col as u32), v.clone());
        }
        g
    }

    /// Formulas of a sheet (without the leading "=").
    pub fn formulas(&mut self, sheet: &str) -> std::collections::BTreeMap<(u32, u32), String> {
        let r = self.xlsx.worksheet_formula(sheet).unwrap();
        let (r0, c0) = r.start().unwrap_or((0, 0));
        r.used_cells()
            .filter(|(_, _, f)| !f.is_empty())
            .map(|(row, col, f)| ((r0 + row as u32, c0 + col as u32), f.clone()))
            .collect()
    }
}

#[derive(Default, Debug)]
pub struct Grid {
    pub cells: std::collections::BTreeMap<(u32, u32), Data>,
}

impl Grid {
    pub fn get(&self, row: u32, col: u32) -> Option<&Data> {
        self.cells.get(&(row, col))
    }

    pub fn text(&self, row: u32, col: u32) -> String {
        match self.get(row, col) {
            Some(Data::String(s)) => s.clone(),
            Some(Data::Float(f)) => f.to_string(),
            Some(Data::Int(i)) => i.to_string(),
            Some(other) => format!("{other:?}"),
            None => String::new(),
        }
    }

    pub fn num(&self, row: u32, col: u32) -> Option<f64> {
        match self.get(row, col) {
            Some(Data::Float(f)) => Some(*f),
            Some(Data::Int(i)) => Some(*i as f64),
            _ => None,
        }
    }

    /// The first cell whose text is `s`.
    pub fn find(&self, s: &str) -> Option<(u32, u32)> {
        self.cells
            .iter()
            .find(|(_, v)| matches!(v, Data::String(t) if t == s))
            .map(|(k, _)| *k)
    }

    /// The rows of a column from `first` on while the column is not empty.
    pub fn column(&self, first: u32, col: u32) -> Vec<String> {
        let mut out = Vec::new();
        let mut r = first;
        while let Some(v) = self.get(r, col) {
            if matches!(v, Data::Empty) {
                break;
            }
            out.push(self.text(r, col));
            r += 1;
        }
        out
    }
}

/// A form with only the unit's name filled in: nothing to score.
pub fn write_empty_form(dir: &Path, file: &str, name: &str, year: i32) {
    let mut f = FilledForm::blank(year);
    f.unit = name.to_string();
    let bytes = form_bytes(&Rubric::builtin(), &f).unwrap();
    std::fs::write(dir.join(file), bytes).unwrap();
}
