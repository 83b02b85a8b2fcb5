//! `dvht finalize BOOK.xlsx [TEAM.xlsx ...] -o RESULT.xlsx [--json]`:
//! reads the district workbook as the teams left it and the team
//! workbooks, concludes ([`dvht::finalize`]) and writes the result
//! workbook ([`dvht::workbook::result`]).
//!
//! Exit status as for `check`: 0 done; 1 done, but an error-level finding
//! remains (a unit's form error no team score resolved, a team score that
//! is no score, two workbooks that disagree); 2 not done (a workbook that
//! cannot be read or is not a district or team workbook, an output it may
//! not replace). The output is replaced only when it is a result workbook
//! of dvht's own, or with `--force` ([`super::output`]); the earlier one is
//! kept beside, byte for byte, as `consolidate` keeps its own; never while
//! it is open, never when it is one of the inputs; written to a temporary
//! file first.

use super::Context;
use super::say::Say;
use dvht::documents::{Settings, annex1, layout, output, papers};
use dvht::finalize::{self, Conclusion, Given};
use dvht::findings::Lang;
use dvht::inputs::FileId;
use dvht::outfile;
use dvht::own::OwnKind;
use dvht::readback::{self, Book};
use dvht::workbook::result::{self, ResultInfo};
use std::io::Write as _;
use std::path::{Path, PathBuf};

#[derive(clap::Args, Debug)]
pub struct Args {
    /// Bảng tổng hợp của huyện, đoàn kiểm tra đã nhập điểm / the district workbook, as the teams left it
    #[arg(value_name = "BOOK.xlsx")]
    book: PathBuf,
    /// Bảng chấm của các đoàn (do plan lập) / the team workbooks (from plan)
    #[arg(value_name = "TEAM.xlsx")]
    teams: Vec<PathBuf>,
    /// Bảng kết quả cần ghi (.xlsx) / the result workbook to write
    #[arg(short, long, value_name = "RESULT.xlsx")]
    output: PathBuf,
    /// Ghi tờ trình, dự thảo quyết định công nhận (kèm danh sách) và báo cáo kết quả (.docx) vào thư mục /
    /// write the submission, the draft recognition decision (with its list) and the report (.docx) into DIR
    #[arg(long, value_name = "DIR")]
    documents: Option<PathBuf>,
    /// In JSON / print JSON
    #[arg(long)]
    json: bool,
    /// Ghi đè RESULT.xlsx dù đó không phải bảng kết quả do dvht lập (bản cũ vẫn giữ lại bên cạnh) /
    /// replace RESULT.xlsx even if it is not a result workbook dvht wrote (the old one kept beside)
    #[arg(long)]
    force: bool,
}

pub fn run(ctx: &Context, args: Args) -> anyhow::Result<u8> {
    let lang = ctx.lang;
    let out = super::output::path(&args.output, lang)?;
    let inputs: Vec<&Path> = std::iter::once(args.book.as_path())
        .chain(args.teams.iter().map(PathBuf::as_path))
        .collect();
    for p in &inputs {
        if std::fs::symlink_metadata(p).is_err() {
            return Err(Say::NoSuchPath(p).fail(lang));
        }
    }
    if let Some(target) = FileId::of(&out)
        && inputs
            .iter()
            .any(|p| FileId::of(p).as_ref() == Some(&target))
    {
        return Err(Say::OutputIsInput(&args.output).fail(lang));
    }
    super::consolidate::refuse_if_open(&out, lang)?;
    let may_replace =
        || super::output::may_replace(&out, OwnKind::Result, args.force, &ctx.rubric, lang);
    may_replace()?;
    // The names signing the papers, checked before anything is read.
    let settings = match &args.documents {
        Some(_) => Some(ctx.settings()?),
        None => None,
    };
    let wb = readback::read_cells(&args.book).map_err(|e| cannot_read(&args.book, &e, lang))?;
    let district =
        readback::from_workbook(&wb, &ctx.rubric).map_err(|e| cannot_read(&args.book, &e, lang))?;
    if district.kind != OwnKind::District {
        return Err(Say::NotDistrict(&args.book).fail(lang));
    }
    let mut teams: Vec<(String, Book)> = Vec::new();
    for p in &args.teams {
        let book = readback::read(p, &ctx.rubric).map_err(|e| cannot_read(p, &e, lang))?;
        teams.push((file_name(p), book));
    }
    let district_name = file_name(&args.book);
    let given: Vec<Given> = teams
        .iter()
        .map(|(name, book)| Given { name, book })
        .collect();
    let c = finalize::conclude(
        &ctx.rubric,
        &Given {
            name: &district_name,
            book: &district,
        },
        &given,
    );
    let info = ResultInfo {
        year: year_of(&wb),
        district: wb
            .property("Huyện")
            .map(str::trim)
            .filter(|d| !d.is_empty())
            .map(str::to_string),
        books: std::iter::once(district_name.clone())
            .chain(teams.iter().map(|(n, _)| n.clone()))
            .collect(),
        date: super::document_date(inputs.iter().copied()),
    };
    // The papers are made, and checked not open elsewhere, before anything
    // is written.
    let papers = match (&args.documents, &settings) {
        (Some(dir), Some(s)) => Some((dir, final_papers(ctx, s, &c, &wb, &info)?)),
        _ => None,
    };
    if let Some((dir, docs)) = &papers {
        output::refuse_open(dir, docs.iter().map(|(n, _)| n.as_str()))?;
    }
    let bytes = result::write(&ctx.rubric, &c, &info)
        .map_err(|e| Say::CannotWrite(&args.output, e.to_string()).fail(lang))?;
    let kept = write_atomically(&out, &bytes, &args.output, &may_replace, lang)?;
    if args.json {
        let v = finalize::json::to_json(&c, &ctx.rubric, lang);
        super::write_stdout(&format!("{}\n", serde_json::to_string_pretty(&v)?))?;
    } else {
        super::write_stdout(&ranking_text(&c, lang))?;
    }
    say_done(&c, &args.output, kept.as_deref(), lang);
    if let Some((dir, docs)) = &papers {
        let written = output::write_all(dir, docs)?;
        let title = match lang {
            Lang::Vi => "Văn bản (.docx)",
            _ => "Documents (.docx)",
        };
        eprint!("{}", super::written_note(title, dir, &written, &[], lang));
    }
    Ok(u8::from(c.has_errors()))
}

/// The submission, the draft recognition decision and the report
/// ([`papers::finalize::files`]): the conclusion as the papers take it,
/// with the district's Phụ lục 1 totals from the workbook's "Thống kê".
fn final_papers(
    ctx: &Context,
    settings: &Settings,
    c: &Conclusion,
    wb: &dvht::cells::Workbook,
    info: &ResultInfo,
) -> anyhow::Result<Vec<(String, Vec<u8>)>> {
    let year = info.year.unwrap_or_else(|| {
        let y = layout::year_of(info.date);
        eprintln!(
            "{}",
            match ctx.lang {
                Lang::Vi => format!(
                    "Bảng tổng hợp không ghi năm đánh giá: văn bản ghi năm {y} (năm của ngày lập bảng). Nếu không đúng, chạy lại consolidate với --year."
                ),
                _ => format!(
                    "The district workbook names no year: the papers say {y} (the year of its date). If that is wrong, run consolidate again with --year."
                ),
            }
        );
        y
    });
    let mut input = c.final_input(&ctx.rubric, year, info.date);
    input.annex1 = annex1::district_totals(wb);
    Ok(papers::finalize::files(settings, &input)?)
}

fn file_name(p: &Path) -> String {
    p.file_name()
        .map(|n| n.to_string_lossy().to_string())
        .unwrap_or_else(|| p.display().to_string())
}

fn cannot_read(p: &Path, e: &readback::ReadbackError, lang: Lang) -> anyhow::Error {
    Say::CannotReadBook(p, e.message(lang)).fail(lang)
}

/// The year of the district workbook: its property "Năm", else "năm
/// NNNN" in its summary's title.
fn year_of(wb: &dvht::cells::Workbook) -> Option<i32> {
    let valid = |y: i32| (2000..=2100).contains(&y).then_some(y);
    if let Some(y) = wb.property("Năm").and_then(|s| s.trim().parse().ok()) {
        return valid(y);
    }
    let summary = dvht::text::fold_ascii(dvht::workbook::SHEET_SUMMARY);
    let sheet = wb
        .sheets
        .iter()
        .find(|s| dvht::text::fold_ascii(&s.name) == summary)?;
    // The title is under the official heading (issuing body, Quốc hiệu):
    // the first text of the sheet's first rows that names a year.
    sheet
        .cells
        .iter()
        .take_while(|c| c.addr.row < 10)
        .filter_map(|c| c.value.as_text())
        .find_map(|title| {
            let folded = dvht::text::fold_ascii(title);
            let at = folded.find("nam ")?;
            folded[at + 4..]
                .split(|ch: char| !ch.is_ascii_digit())
                .next()
                .and_then(|d| d.parse().ok())
                .and_then(valid)
        })
}

/// Writes the bytes beside `out` and renames them into place; a result
/// workbook already there with other bytes is kept beside first (its
/// copy's path returned).
fn write_atomically(
    out: &Path,
    bytes: &[u8],
    shown: &Path,
    may_replace: &dyn Fn() -> anyhow::Result<()>,
    lang: Lang,
) -> anyhow::Result<Option<PathBuf>> {
    let dir = out.parent().unwrap_or(Path::new("."));
    let cannot =
        |e: &std::io::Error| Say::CannotWrite(shown, dvht::io_error::reason(e, lang)).fail(lang);
    if std::fs::read(out).is_ok_and(|there| there == bytes) {
        return Ok(None);
    }
    let mut tmp = tempfile::Builder::new()
        .prefix(".dvht-")
        .suffix(".xlsx.tmp")
        .tempfile_in(dir)
        .map_err(|e| cannot(&e))?;
    tmp.write_all(bytes).map_err(|e| cannot(&e))?;
    tmp.as_file().sync_all().map_err(|e| cannot(&e))?;
    super::consolidate::keep_permissions(tmp.as_file(), out);
    let mut kept = None;
    if std::fs::symlink_metadata(out).is_ok() {
        // Opened or replaced while this ran: still not touched.
        super::consolidate::refuse_if_open(out, lang)?;
        may_replace()?;
        let copy = outfile::keep(out)
            .map_err(|e| Say::CannotKeep(out, dvht::io_error::reason(&e, lang)).fail(lang))?;
        kept = Some(copy);
    }
    tmp.persist(out).map_err(|e| cannot(&e.error))?;
    Ok(kept)
}

/// The final ranking as a few columns of text, for the terminal.
fn ranking_text(c: &Conclusion, lang: Lang) -> String {
    let vi = lang == Lang::Vi;
    let mut s = String::new();
    let (h_rank, h_total, h_class, h_rec) = if vi {
        ("Hạng", "Tổng điểm", "Xếp loại", "Công nhận")
    } else {
        ("Rank", "Total", "Class", "Recognised")
    };
    s.push_str(&format!(
        "{h_rank:>5}  {h_total:>9}  {h_class:<11} {h_rec:<10} \n"
    ));
    for u in &c.units {
        let rank = u.rank.map(|r| r.to_string()).unwrap_or_else(|| "—".into());
        let total = u
            .concluded
            .total
            .map(|t| dvht::findings::num(t, lang))
            .unwrap_or_else(|| "—".into());
        let class = u.concluded.class.as_deref().unwrap_or("—");
        let rec = match (u.recognized, vi) {
            (true, true) => "Có",
            (false, true) => "Không",
            (true, false) => "yes",
            (false, false) => "no",
        };
        s.push_str(&format!(
            "{rank:>5}  {total:>9}  {class:<11} {rec:<10} {}\n",
            u.name
        ));
        for w in &u.why_not {
            let t = if vi { w.text_vi() } else { w.text_en() };
            s.push_str(&format!("{:>40}- {t}\n", ""));
        }
    }
    s
}

/// What was written, where the earlier result went, and what the teams
/// typed that needs looking at.
fn say_done(c: &Conclusion, out: &Path, kept: Option<&Path>, lang: Lang) {
    let units = c.units.len();
    let recognized = c.recognized().count();
    let changes = c.units.iter().map(|u| u.changes.len()).sum();
    eprintln!(
        "{}",
        Say::Finalized {
            path: out,
            units,
            recognized,
            changes
        }
        .text(lang)
    );
    if let Some(k) = kept {
        eprintln!("{}", Say::Kept(k).text(lang));
    }
    let typed: Vec<&finalize::TeamFinding> = c
        .units
        .iter()
        .flat_map(|u| &u.findings)
        .filter_map(|f| match f {
            finalize::UnitFinding::Team(t) => Some(t),
            finalize::UnitFinding::Form { .. } => None,
        })
        .chain(&c.others)
        .collect();
    if !typed.is_empty() {
        eprintln!("{}", Say::TeamScoresToCheck(typed.len()).text(lang));
    }
    for t in typed {
        eprintln!("  - {}", t.finding.message(lang));
    }
}
