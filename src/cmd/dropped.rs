//! Files or folders dropped on dvht.exe: the program started with paths and
//! no command (`dvht ho-so`). It consolidates them into a district workbook
//! in that folder — the dropped folder, or the folder of the first dropped
//! file — named `tong-hop-YEAR.xlsx`, YEAR being the year most of the forms
//! carry (the forms are read once to find it). What it does and why is said
//! on screen, then a ranking of the units; `main` waits for Enter when the
//! window is dvht's own (see `dvht::console`).
//!
//! Dropping the folder again after late forms arrive writes the same
//! workbook again, as `consolidate` does with the same `-o`.

use super::Context;
use super::consolidate;
use dvht::findings::{Lang, Severity};
use dvht::inputs;
use dvht::output::pad;
use dvht::pipeline::{self, RunOptions};
use dvht::report::{self, Run};
use dvht::text::fold_ascii;
use std::fmt::Write as _;
use std::path::PathBuf;

/// The workbook's name in its folder.
pub fn workbook_name(year: Option<i32>) -> String {
    match year {
        Some(y) => format!("tong-hop-{y}.xlsx"),
        None => "tong-hop.xlsx".to_string(),
    }
}

pub fn run(ctx: &Context, paths: Vec<PathBuf>) -> anyhow::Result<u8> {
    let vi = ctx.lang == Lang::Vi;
    let folder = folder_of(&paths);
    // A district workbook an earlier drop wrote in the folder is skipped
    // (dvht's own workbooks are never read as forms).
    let inputs = inputs::collect(&paths, &inputs::Options::default());
    let first = pipeline::evaluate_inputs(
        &ctx.rubric,
        &inputs,
        &RunOptions::default(),
        &|| {},
        &mut |_| {},
    );
    let (year, with_year, forms) = common_year(&first);
    let output = folder.join(workbook_name(year));
    let mut say = String::new();
    let _ = writeln!(
        say,
        "{} {}",
        if vi {
            "Lập bảng tổng hợp từ các biểu mẫu kéo thả vào dvht:"
        } else {
            "Consolidating the forms dropped on dvht:"
        },
        paths
            .iter()
            .map(|p| p.display().to_string())
            .collect::<Vec<_>>()
            .join(", ")
    );
    let _ = writeln!(say, "{}", year_reason(year, with_year, forms, ctx.lang));
    let _ = writeln!(
        say,
        "{} {}",
        if vi {
            "Bảng tổng hợp (ghi vào thư mục đã thả):"
        } else {
            "District workbook (in the folder dropped):"
        },
        output.display()
    );
    eprintln!("{say}");
    let args = consolidate::Args::dropped(paths, output.clone(), year);
    consolidate::run_then(ctx, args, &mut |run| {
        eprintln!("\n{}", ranking(run, ctx.lang));
    })
}

/// The folder the workbook goes to: the first path if it is a folder, else
/// the folder holding it.
fn folder_of(paths: &[PathBuf]) -> PathBuf {
    let Some(first) = paths.first() else {
        return PathBuf::from(".");
    };
    if first.is_dir() {
        return first.clone();
    }
    match first.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    }
}

/// The year most forms carry (the later one on a tie), how many carry it,
/// and how many forms there are.
fn common_year(run: &Run) -> (Option<i32>, usize, usize) {
    let (by_year, _) = report::form_years(run);
    let forms = run
        .files
        .iter()
        .flat_map(|f| f.units.iter())
        .filter(|u| u.superseded_by.is_none())
        .count();
    match by_year.iter().max_by_key(|(y, n)| (**n, **y)) {
        Some((y, n)) => (Some(*y), *n, forms),
        None => (None, 0, forms),
    }
}

fn year_reason(year: Option<i32>, with: usize, forms: usize, lang: Lang) -> String {
    match (year, lang) {
        (Some(y), Lang::Vi) => format!(
            "Năm đánh giá: {y} — năm ghi trên {with}/{forms} biểu mẫu; biểu mẫu ghi năm khác được cảnh báo."
        ),
        (Some(y), Lang::En) => format!(
            "Year: {y} — the year on {with} of {forms} forms; a form with another year gets a warning."
        ),
        (None, Lang::Vi) => format!(
            "Năm đánh giá: không rõ — không biểu mẫu nào (trong {forms}) ghi năm, nên bảng tổng hợp không ghi năm."
        ),
        (None, Lang::En) => format!(
            "Year: unknown — none of the {forms} forms states one, so the workbook has no year."
        ),
    }
}

/// The units by proposed total, highest first, with their classification
/// and how many errors and warnings each has.
fn ranking(run: &Run, lang: Lang) -> String {
    let mut rows: Vec<_> = run
        .files
        .iter()
        .flat_map(|f| f.units.iter().map(move |u| (f, u)))
        .collect();
    // As the workbook ranks them: highest total first, none last, then name.
    rows.sort_by_cached_key(|(_, u)| {
        let total = u.scored.total.final_score;
        let name = u.form.unit.as_ref().map(|n| fold_ascii(&n.value));
        (total.is_none(), std::cmp::Reverse(total), name)
    });
    let (h_rank, h_unit, h_total, h_class, h_found) = match lang {
        Lang::Vi => (
            "Hạng",
            "Đơn vị",
            "Điểm đề xuất",
            "Xếp loại",
            "Lỗi / cảnh báo",
        ),
        Lang::En => ("Rank", "Unit", "Proposed", "Class", "Errors / warnings"),
    };
    let mut out = format!(
        "{} {} {:>12}  {}  {h_found}\n",
        pad(h_rank, 4),
        pad(h_unit, 46),
        h_total,
        pad(h_class, 12)
    );
    let totals: Vec<_> = rows.iter().map(|r| r.1.scored.total.final_score).collect();
    for (f, u) in &rows {
        let total = u.scored.total.final_score;
        let rank = match total {
            Some(t) => (1 + totals.iter().filter(|x| x.is_some_and(|x| x > t)).count()).to_string(),
            None => "–".into(),
        };
        let name = u
            .form
            .unit
            .as_ref()
            .map(|n| n.value.clone())
            .unwrap_or_else(|| f.display());
        let errors = u
            .findings
            .iter()
            .filter(|x| x.severity == Severity::Error)
            .count();
        let warnings = u.findings.len() - errors;
        let _ = writeln!(
            out,
            "{} {} {:>12}  {}  {errors} / {warnings}",
            pad(&rank, 4),
            pad(&cut(&name, 46), 46),
            total
                .map(dvht::findings::num_vi)
                .unwrap_or_else(|| "–".into()),
            pad(u.scored.class_final.as_deref().unwrap_or("–"), 12),
        );
    }
    out.push_str(match lang {
        Lang::Vi => "Từng lỗi, cảnh báo và cách sửa: trang Phát hiện của bảng tổng hợp.",
        Lang::En => {
            "Every error and warning, and how to fix it: the Phát hiện sheet of the workbook."
        }
    });
    out
}

fn cut(s: &str, n: usize) -> String {
    if s.chars().count() <= n {
        return s.to_string();
    }
    let mut t: String = s.chars().take(n - 1).collect();
    t.push('…');
    t
}

/// What dvht.exe is for, when it is double-clicked with nothing dropped.
pub fn explain(lang: Lang) {
    let text = match lang {
        Lang::Vi => {
            "dvht — đánh giá, xếp loại “Đơn vị học tập”.

Cách dùng nhanh: kéo thư mục chứa các biểu mẫu đơn vị gửi về (hoặc các tệp biểu mẫu)
thả vào dvht.exe. dvht đọc, kiểm tra, chấm điểm và ghi bảng tổng hợp tong-hop-NĂM.xlsx
ngay trong thư mục đó.

Các lệnh khác (template, check, consolidate, …) dùng trong cửa sổ lệnh: mở thư mục chứa
dvht.exe, gõ cmd vào thanh địa chỉ rồi nhấn Enter, sau đó gõ: dvht --help
Xem thêm tệp HUONG-DAN.txt."
        }
        Lang::En => {
            "dvht — rating the “Đơn vị học tập” (learning units).

Quick use: drop the folder of forms the units sent (or the form files) on dvht.exe. dvht
reads, checks and scores them and writes the district workbook tong-hop-YEAR.xlsx in that
folder.

The other commands (template, check, consolidate, …) run in a command window: open the
folder holding dvht.exe, type cmd in the address bar and press Enter, then type: dvht --help
See also HUONG-DAN.txt."
        }
    };
    eprintln!("{text}");
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::Path;

    #[test]
    fn the_workbook_goes_to_the_dropped_folder_or_beside_the_first_file() {
        let d = tempfile::tempdir().unwrap();
        let f = d.path().join("a.xlsx");
        std::fs::write(&f, b"x").unwrap();
        assert_eq!(folder_of(&[d.path().to_path_buf()]), d.path());
        assert_eq!(folder_of(std::slice::from_ref(&f)), d.path());
        assert_eq!(folder_of(&[PathBuf::from("a.xlsx")]), Path::new("."));
        assert_eq!(workbook_name(Some(2023)), "tong-hop-2023.xlsx");
        assert_eq!(workbook_name(None), "tong-hop.xlsx");
    }
}
