//! `dvht check` for people: findings grouped by file (and by form when a
//! workbook holds several), errors first, colour on a terminal, and a
//! closing one-line summary.

use super::{Summary, file_entries, summary};
use crate::findings::{Finding, Lang, Severity};
use crate::report::{FileReport, Run, Status};

const RESET: &str = "\x1b[0m";
const BOLD: &str = "\x1b[1m";
const RED: &str = "\x1b[1;31m";
const YELLOW: &str = "\x1b[33m";
const GREEN: &str = "\x1b[32m";
const DIM: &str = "\x1b[2m";

/// Whether to colour standard output: a terminal, and `NO_COLOR` unset or
/// empty (<https://no-color.org>).
pub fn use_color() -> bool {
    use std::io::IsTerminal;
    std::io::stdout().is_terminal()
        && crate::console::colours_supported()
        && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
}

struct Paint {
    on: bool,
}

impl Paint {
    fn wrap(&self, code: &str, s: &str) -> String {
        if self.on {
            format!("{code}{s}{RESET}")
        } else {
            s.to_string()
        }
    }
}

fn status_label(s: Status, lang: Lang) -> &'static str {
    match (s, lang) {
        (Status::Ok, Lang::Vi) => "✓ không có phát hiện nào",
        (Status::Ok, Lang::En) => "✓ nothing found",
        (Status::Warnings, Lang::Vi) => "CẢNH BÁO",
        (Status::Warnings, Lang::En) => "WARNINGS",
        (Status::Errors, Lang::Vi) => "LỖI",
        (Status::Errors, Lang::En) => "ERRORS",
        (Status::Skipped, Lang::Vi) => "BỎ QUA",
        (Status::Skipped, Lang::En) => "SKIPPED",
        (Status::Unreadable, Lang::Vi) => "KHÔNG ĐỌC ĐƯỢC",
        (Status::Unreadable, Lang::En) => "UNREADABLE",
        (Status::Superseded, Lang::Vi) => "BẢN CŨ (đã có bản gửi sau)",
        (Status::Superseded, Lang::En) => "SUPERSEDED (a newer one was sent)",
    }
}

fn status_color(s: Status) -> &'static str {
    match s {
        Status::Ok => GREEN,
        Status::Warnings => YELLOW,
        Status::Errors | Status::Unreadable => RED,
        Status::Skipped | Status::Superseded => DIM,
    }
}

fn severity_label(s: Severity, lang: Lang) -> &'static str {
    match (s, lang) {
        (Severity::Error, Lang::Vi) => "lỗi",
        (Severity::Error, Lang::En) => "error",
        (Severity::Warning, Lang::Vi) => "cảnh báo",
        (Severity::Warning, Lang::En) => "warning",
    }
}

/// "2 lỗi, 1 cảnh báo" / "2 errors, 1 warning".
fn counts(findings: &[&Finding], lang: Lang) -> String {
    let e = findings
        .iter()
        .filter(|f| f.severity == Severity::Error)
        .count();
    let w = findings.len() - e;
    let mut parts = Vec::new();
    match lang {
        Lang::Vi => {
            if e > 0 {
                parts.push(format!("{e} lỗi"));
            }
            if w > 0 {
                parts.push(format!("{w} cảnh báo"));
            }
        }
        Lang::En => {
            if e > 0 {
                parts.push(format!("{e} error{}", if e == 1 { "" } else { "s" }));
            }
            if w > 0 {
                parts.push(format!("{w} warning{}", if w == 1 { "" } else { "s" }));
            }
        }
    }
    parts.join(", ")
}

fn block(
    out: &mut String,
    p: &Paint,
    title: &str,
    status: Status,
    findings: Vec<&Finding>,
    lang: Lang,
) {
    let mut findings = findings;
    // Errors first; otherwise in the order found (stable sort).
    findings.sort_by_key(|f| f.severity);
    let label = status_label(status, lang);
    let n = counts(&findings, lang);
    let tag = if n.is_empty() || matches!(status, Status::Skipped | Status::Unreadable) {
        p.wrap(status_color(status), &format!("[{label}]"))
    } else {
        p.wrap(status_color(status), &format!("[{label}: {n}]"))
    };
    out.push_str(&format!("{} {tag}\n", p.wrap(BOLD, title)));
    let any = !findings.is_empty();
    for f in findings {
        let (mark, color) = match f.severity {
            Severity::Error => ("✗", RED),
            Severity::Warning => ("!", YELLOW),
        };
        let sev = p.wrap(
            color,
            &format!("{mark} {}", severity_label(f.severity, lang)),
        );
        out.push_str(&format!(
            "  {sev} {}: {}\n",
            p.wrap(DIM, f.code.as_str()),
            f.message(lang)
        ));
    }
    if any {
        out.push('\n');
    }
}

fn file_block(out: &mut String, p: &Paint, file: &FileReport, lang: Lang) {
    let name = file.display();
    if file.units.is_empty() {
        let findings: Vec<&Finding> = file.findings.iter().collect();
        let status = file.status();
        let mut title = name;
        if status == Status::Ok || status == Status::Warnings && findings.is_empty() {
            title.push_str(match lang {
                Lang::Vi => " — không có biểu mẫu nào",
                Lang::En => " — no form in it",
            });
        }
        block(out, p, &title, status, findings, lang);
        return;
    }
    for u in &file.units {
        let all: Vec<&Finding> = file.findings.iter().chain(u.findings.iter()).collect();
        let unit = u
            .form
            .unit
            .as_ref()
            .map(|x| x.value.trim().to_string())
            .filter(|x| !x.is_empty())
            .unwrap_or_else(|| "?".into());
        let sheet = match lang {
            Lang::Vi => format!("trang '{}'", u.form.sheet),
            Lang::En => format!("sheet '{}'", u.form.sheet),
        };
        let title = format!("{name} ({sheet}) — {unit}");
        let status = Status::of(all.iter().copied());
        block(out, p, &title, status, all, lang);
    }
}

/// The closing line: how many files and forms, and what became of them.
pub fn summary_line(files: usize, s: &Summary, lang: Lang) -> String {
    let forms = if s.files == files {
        String::new()
    } else {
        match lang {
            Lang::Vi => format!(" ({} mục: mỗi biểu mẫu một mục)", s.files),
            Lang::En => format!(" ({} entries: one per form)", s.files),
        }
    };
    match lang {
        Lang::Vi => format!(
            "Đã kiểm tra {files} tệp{forms}: {} không có phát hiện, {} có cảnh báo, {} có lỗi, {} bỏ qua, {} không đọc được{}.",
            s.ok,
            s.warnings,
            s.errors,
            s.skipped,
            s.unreadable,
            if s.superseded > 0 {
                format!(", {} bản cũ đã được thay bằng bản gửi sau", s.superseded)
            } else {
                String::new()
            }
        ),
        Lang::En => {
            format!(
                "Checked {files} file{}{forms}: {} ok, {} with warnings, {} with errors, {} skipped, {} unreadable.",
                if files == 1 { "" } else { "s" },
                s.ok,
                s.warnings,
                s.errors,
                s.skipped,
                s.unreadable,
            ) + &if s.superseded > 0 {
                format!(" {} older forms replaced by a newer one.", s.superseded)
            } else {
                String::new()
            }
        }
    }
}

/// The whole `dvht check` report.
pub fn check_report(run: &Run, lang: Lang, color: bool) -> String {
    let p = Paint { on: color };
    let mut out = String::new();
    let mut entries = Vec::new();
    for f in &run.files {
        file_block(&mut out, &p, f, lang);
        entries.extend(file_entries(f, lang));
    }
    if !out.is_empty() && !out.ends_with("\n\n") {
        out.push('\n');
    }
    let s = summary(&entries);
    let line = summary_line(run.files.len(), &s, lang);
    let color = if s.errors + s.unreadable > 0 {
        RED
    } else if s.warnings > 0 {
        YELLOW
    } else {
        GREEN
    };
    out.push_str(&p.wrap(color, &line));
    out.push('\n');
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::findings::Message;
    use crate::inputs::{FileType, Input, Skip};
    use crate::report::FileKind;

    fn skipped(path: &str) -> FileReport {
        FileReport {
            findings: vec![Finding::new(Message::Skipped {
                skip: Skip::NotASpreadsheet(FileType::Pdf),
                source: None,
            })],
            ..FileReport::new(Input::new(path), FileKind::Skipped)
        }
    }

    fn read_with(path: &str, findings: Vec<Finding>) -> FileReport {
        FileReport {
            findings,
            ..FileReport::new(Input::new(path), FileKind::Read)
        }
    }

    #[test]
    fn grouped_by_file_errors_first_and_summed_up() {
        let run = Run::new(vec![
            skipped("a.pdf"),
            read_with(
                "b.xlsx",
                vec![
                    Finding::on_sheet("S", Message::DossierChecklistMissing {}),
                    Finding::new(Message::NoRubricTable {
                        sheets: vec!["S".into()],
                    }),
                ],
            ),
        ]);
        let text = check_report(&run, Lang::Vi, false);
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(lines[0], "a.pdf [BỎ QUA]");
        assert_eq!(
            lines[1],
            "  ! cảnh báo skipped: Bỏ qua: tệp PDF; dvht chỉ đọc .xlsx, .xlsm, .xls, .xlsb, .ods."
        );
        assert_eq!(lines[2], "");
        assert_eq!(lines[3], "b.xlsx [LỖI: 1 lỗi, 1 cảnh báo]");
        assert!(
            lines[4].starts_with(
                "  ✗ lỗi no-rubric-table: Không tìm thấy bảng Phụ lục 2 trong các trang 'S': "
            ),
            "{}",
            lines[4]
        );
        assert!(
            lines[5].starts_with(
                "  ! cảnh báo dossier-incomplete: Trang 'S': biểu mẫu không có danh mục hồ sơ"
            ),
            "{}",
            lines[5]
        );
        assert_eq!(lines[6], "");
        assert_eq!(
            lines.last().copied(),
            Some(
                "Đã kiểm tra 2 tệp: 0 không có phát hiện, 0 có cảnh báo, 1 có lỗi, 1 bỏ qua, 0 không đọc được."
            )
        );
        assert!(!text.contains('\x1b'));
        let en = check_report(&run, Lang::En, false);
        assert!(en.contains("b.xlsx [ERRORS: 1 error, 1 warning]"));
        assert!(en.ends_with(
            "Checked 2 files: 0 ok, 0 with warnings, 1 with errors, 1 skipped, 0 unreadable.\n"
        ));
    }

    #[test]
    fn summary_counts_forms_when_a_file_holds_several() {
        let s = Summary {
            files: 3,
            ok: 2,
            warnings: 1,
            ..Default::default()
        };
        assert_eq!(
            summary_line(2, &s, Lang::Vi),
            "Đã kiểm tra 2 tệp (3 mục: mỗi biểu mẫu một mục): 2 không có phát hiện, 1 có cảnh báo, 0 có lỗi, 0 bỏ qua, 0 không đọc được."
        );
        assert_eq!(
            summary_line(
                1,
                &Summary {
                    files: 1,
                    ok: 1,
                    ..Default::default()
                },
                Lang::En
            ),
            "Checked 1 file: 1 ok, 0 with warnings, 0 with errors, 0 skipped, 0 unreadable."
        );
    }

    #[test]
    fn colour_only_when_asked() {
        let run = Run::new(vec![skipped("a.pdf")]);
        assert!(check_report(&run, Lang::Vi, true).contains("\x1b[2m[BỎ QUA]\x1b[0m"));
        assert!(!check_report(&run, Lang::Vi, false).contains('\x1b'));
    }
}
