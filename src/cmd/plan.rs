//! `dvht plan BOOK.xlsx --teams TEAMS.toml -o DIR`: draws up the inspection
//! day from the district workbook and the teams file ([`dvht::plan`]) and
//! writes the schedule workbook and one workbook per team into DIR.
//!
//! Nothing is written unless every unit has its place (exit 2 with what
//! would make them fit). Files already in DIR are never replaced — a team
//! may have typed its scores into one — and the new ones appear together
//! or not at all: each is written to a temporary file first.

use super::Context;
use anyhow::bail;
use dvht::documents::papers::{self, PlanInput};
use dvht::documents::{docx_bytes, output};
use dvht::findings::Lang;
use dvht::own::OwnKind;
use dvht::plan::team_book::{self, TeamUnit};
use dvht::plan::{self, Plan, PlanUnit, schedule_book};
use dvht::readback;
use dvht::rubric::Rubric;
use std::path::{Path, PathBuf};

#[derive(clap::Args, Debug)]
// Examples and notes after the help: cli/texts.rs.
pub struct Args {
    /// Bảng tổng hợp của huyện (do consolidate lập) / the district workbook
    #[arg(value_name = "BOOK.xlsx")]
    book: PathBuf,
    /// Tệp đoàn kiểm tra / the teams file
    #[arg(long, value_name = "TEAMS.toml")]
    teams: PathBuf,
    /// Thư mục ghi lịch và bảng chấm của các đoàn / the folder to write into
    #[arg(short, long, value_name = "DIR")]
    output: PathBuf,
    /// In JSON / print JSON
    #[arg(long)]
    json: bool,
    /// Ghi quyết định thành lập đoàn (kèm lịch) và thông báo lịch (.docx) vào thư mục /
    /// write the decision forming the teams and the notice of the schedule (.docx) into DIR
    #[arg(long, value_name = "DIR")]
    documents: Option<PathBuf>,
}

/// The schedule workbook's file name in DIR.
pub const SCHEDULE_FILE: &str = "lich-kiem-tra.xlsx";

pub fn run(ctx: &Context, args: Args) -> anyhow::Result<u8> {
    let lang = ctx.lang;
    let vi = lang == Lang::Vi;
    let m = |v: &str, e: &str| if vi { v.to_string() } else { e.to_string() };
    let bytes = std::fs::read(&args.teams).map_err(|e| {
        anyhow::anyhow!(
            "{} {}: {}",
            m("không đọc được tệp đoàn", "cannot read the teams file"),
            args.teams.display(),
            dvht::io_error::reason(&e, lang)
        )
    })?;
    let file = match plan::teams::parse_bytes(&bytes) {
        Ok(f) => f,
        Err(errors) => {
            eprintln!(
                "{}",
                if vi {
                    format!("Tệp đoàn {} có lỗi:", args.teams.display())
                } else {
                    format!("The teams file {} has errors:", args.teams.display())
                }
            );
            for e in &errors {
                eprintln!("  {}", e.render(lang));
            }
            return Ok(2);
        }
    };
    let book = read_book(&args.book, &ctx.rubric, lang)?;
    let units: Vec<PlanUnit> = book
        .units
        .iter()
        .filter(|u| u.counted)
        .map(|u| PlanUnit {
            name: u.name.clone(),
            errors: u.unresolved_errors().next().is_some(),
        })
        .collect();
    let plan = plan::make(&units, &file);
    if args.json {
        super::write_stdout(&format!(
            "{}\n",
            serde_json::to_string_pretty(&plan.to_json(lang))?
        ))?;
    }
    if !plan.fits() {
        eprintln!("{}", plan.failure(lang));
        return Ok(2);
    }
    let date = super::document_date([args.book.as_path(), args.teams.as_path()]);
    let mut files = vec![(
        SCHEDULE_FILE.to_string(),
        schedule_book::to_bytes(&plan, date)?,
    )];
    files.extend(team_books(&plan, &book, &ctx.rubric, date)?);
    // The papers are made, and checked not open elsewhere, before anything
    // is written.
    let papers = match &args.documents {
        Some(dir) => Some((dir, plan_papers(ctx, &plan, date)?)),
        None => None,
    };
    if let Some((dir, docs)) = &papers {
        output::refuse_open(dir, docs.iter().map(|(n, _)| n.as_str()))?;
    }
    write_new_files(&args.output, &files, vi)?;
    let papers_note = match &papers {
        Some((dir, docs)) => {
            let written = output::write_all(dir, docs)?;
            let title = m("Văn bản (.docx)", "Documents (.docx)");
            super::written_note(&title, dir, &written, &[], lang)
        }
        None => String::new(),
    };
    if !args.json {
        super::write_stdout(&terminal(&plan, lang))?;
    }
    let names: Vec<&str> = files.iter().map(|(n, _)| n.as_str()).collect();
    eprintln!(
        "{} {}: {}",
        m("Đã ghi vào", "Wrote into"),
        args.output.display(),
        names.join(", ")
    );
    eprint!("{papers_note}");
    Ok(0)
}

/// The decision forming the teams (schedule as annex) and the notice of
/// the schedule, as (file name, .docx bytes).
fn plan_papers(ctx: &Context, plan: &Plan, date: i64) -> anyhow::Result<Vec<(String, Vec<u8>)>> {
    let settings = ctx.settings()?;
    let input = PlanInput {
        year: plan.date.year,
        date: Some(plan.date),
        place: plan.place.clone().unwrap_or_default(),
        teams: plan
            .teams
            .iter()
            .map(|t| papers::TeamPlan {
                name: t.name.clone(),
                members: t.members.clone(),
                visits: t
                    .visits
                    .iter()
                    .map(|v| papers::Visit {
                        unit: v.unit.clone(),
                        start: v.start.to_string(),
                        end: v.end.to_string(),
                    })
                    .collect(),
            })
            .collect(),
        created: date,
    };
    Ok(vec![
        (
            DECISION_FILE.to_string(),
            docx_bytes(&papers::team_decision(&settings, &input))?,
        ),
        (
            NOTICE_FILE.to_string(),
            docx_bytes(&papers::schedule_notice(&settings, &input))?,
        ),
    ])
}

/// The papers' file names in the documents folder.
pub const DECISION_FILE: &str = "quyet-dinh-thanh-lap-doan-kiem-tra.docx";
pub const NOTICE_FILE: &str = "thong-bao-lich-kiem-tra.docx";

/// The district workbook read back ([`dvht::readback`]).
/// The district workbook: a team workbook (which `readback` reads as
/// well) holds only one team's units, and is refused.
fn read_book(path: &Path, rubric: &Rubric, lang: Lang) -> anyhow::Result<readback::Book> {
    let book = readback::read(path, rubric)
        .map_err(|e| anyhow::anyhow!("{}: {}", path.display(), e.message(lang)))?;
    if book.kind != OwnKind::District {
        bail!(
            "{}",
            match lang {
                Lang::Vi => format!(
                    "{} là bảng chấm của một đoàn, không phải bảng tổng hợp của huyện; hãy đưa bảng tổng hợp do dvht consolidate lập. Chưa ghi tệp nào.",
                    path.display()
                ),
                Lang::En => format!(
                    "{} is a team workbook, not the district workbook; give the district workbook written by dvht consolidate. Nothing was written.",
                    path.display()
                ),
            }
        );
    }
    Ok(book)
}

/// One workbook per team, (file name, bytes): its units' scoring sheets
/// in time order. A visit stands for every unit of the workbook it was made
/// from (a unit listed twice is visited once, both its sheets go along).
fn team_books(
    plan: &Plan,
    book: &readback::Book,
    rubric: &Rubric,
    date: i64,
) -> anyhow::Result<Vec<(String, Vec<u8>)>> {
    let mut taken = vec![SCHEDULE_FILE.to_string()];
    let mut out = Vec::new();
    for (i, team) in plan.teams.iter().enumerate() {
        let units: Vec<TeamUnit> = team
            .visits
            .iter()
            .flat_map(|v| {
                book.units
                    .iter()
                    .filter(|u| u.counted && plan::same_unit(&u.name, &v.unit))
                    .map(move |unit| TeamUnit { visit: v, unit })
            })
            .collect();
        let name = team_book::file_name(&team.name, i, &taken);
        let bytes = team_book::to_bytes(plan, team, &units, rubric, date)?;
        taken.push(name.clone());
        out.push((name, bytes));
    }
    Ok(out)
}

/// Writes `files` (name, bytes) into `dir`, made if missing: all of them,
/// or none when one is already there or one cannot be written.
fn write_new_files(dir: &Path, files: &[(String, Vec<u8>)], vi: bool) -> anyhow::Result<()> {
    let m = |v: &str, e: &str| if vi { v.to_string() } else { e.to_string() };
    if dir.exists() && !dir.is_dir() {
        bail!(
            "{} {}",
            m("-o phải là một thư mục:", "-o must be a folder:"),
            dir.display()
        );
    }
    let there: Vec<&str> = files
        .iter()
        .filter(|(n, _)| std::fs::symlink_metadata(dir.join(n)).is_ok())
        .map(|(n, _)| n.as_str())
        .collect();
    if !there.is_empty() {
        bail!(
            "{} {}: {}. {}",
            m("Thư mục đã có", "The folder already holds"),
            dir.display(),
            there.join(", "),
            m(
                "Không ghi đè (đoàn có thể đã nhập điểm vào đó): hãy chọn thư mục khác hoặc chuyển các tệp cũ đi.",
                "Not replaced (a team may have typed scores into them): choose another folder or move the old files away."
            )
        );
    }
    std::fs::create_dir_all(dir).map_err(|e| {
        anyhow::anyhow!(
            "{} {}: {e}",
            m("không tạo được thư mục", "cannot make the folder"),
            dir.display()
        )
    })?;
    let cannot = |name: &str, e: &dyn std::fmt::Display| {
        anyhow::anyhow!(
            "{} {}: {e}",
            m("không ghi được", "cannot write"),
            dir.join(name).display()
        )
    };
    let mut temps = Vec::new();
    for (name, bytes) in files {
        use std::io::Write;
        let mut tmp = tempfile::Builder::new()
            .prefix(".dvht-")
            .suffix(".xlsx.tmp")
            .tempfile_in(dir)
            .map_err(|e| cannot(name, &e))?;
        tmp.write_all(bytes)
            .and_then(|()| tmp.as_file().sync_all())
            .map_err(|e| cannot(name, &e))?;
        temps.push((name, tmp));
    }
    for (name, tmp) in temps {
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let _ = tmp
                .as_file()
                .set_permissions(std::fs::Permissions::from_mode(0o644));
        }
        tmp.persist_noclobber(dir.join(name))
            .map_err(|e| cannot(name, &e.error))?;
    }
    Ok(())
}

/// The day as text: each team, its members and its units in time order.
fn terminal(plan: &Plan, lang: Lang) -> String {
    let vi = lang == Lang::Vi;
    let mut out = String::new();
    let day = if vi {
        schedule_book::day_text(plan)
    } else {
        format!("{}, {}", plan.date.weekday_en(), plan.date)
    };
    out.push_str(&match &plan.place {
        Some(p) => format!("{day} — {p}\n"),
        None => format!("{day}\n"),
    });
    for t in &plan.teams {
        let minutes: u32 = t
            .visits
            .iter()
            .map(|v| v.end.minutes() - v.start.minutes())
            .sum();
        out.push_str(&if vi {
            format!(
                "\n{}: {} đơn vị, {} phút\n",
                t.name,
                t.visits.len(),
                minutes
            )
        } else {
            format!(
                "\n{}: {} units, {} minutes\n",
                t.name,
                t.visits.len(),
                minutes
            )
        });
        for mb in &t.members {
            out.push_str(&format!("  {} — {}, {}\n", mb.name, mb.role, mb.agency));
        }
        for v in &t.visits {
            let longer = match (v.longer, vi) {
                (true, true) => format!("  ({} phút: biểu mẫu còn lỗi)", plan.error_slot_minutes),
                (true, false) => format!(
                    "  ({} minutes: the form has errors)",
                    plan.error_slot_minutes
                ),
                _ => String::new(),
            };
            out.push_str(&format!(
                "  {}  {}{longer}\n",
                schedule_book::time_text(v),
                v.unit
            ));
        }
    }
    out
}
