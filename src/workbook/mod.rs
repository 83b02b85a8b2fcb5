//! The district workbook that inspection teams and auditors open in Excel.
//!
//! [`write()`] takes plain data — the [`Run`], the rubric, district, year, the
//! units that sent nothing and the document date — and writes:
//! - **Tổng hợp**: one row per unit, ranked by proposed total;
//! - one sheet per unit (up to [`Input::unit_sheet_limit`] units), or beyond
//!   that one long **Chi tiết** sheet of unit × item rows, in input order
//!   (consolidate writes it while the forms are still being read when there
//!   are more files than the limit: [`Book`]);
//! - **Phát hiện**: every finding; **Thống kê**: classifications, the spread
//!   of totals and the district totals of Phụ lục 1; **Tệp**: every input
//!   path and what became of it, and the units that sent nothing.
//!
//! Each unit's items carry an empty "Điểm đoàn kiểm tra" column; formulas take
//! the team's score where one is typed, else the proposed one, and carry it
//! through groups, total and classification into the summary. Every formula
//! is written with its exact cached result ([`calc`]), so a viewer that does
//! not recalculate shows the right numbers. The same input gives the same
//! bytes: nothing here reads the clock.
//!
//! One module per sheet; this one plans where every unit's cells go, and
//! builds the units' sheets and the others on two threads (see `Book::new`
//! for why the bytes stay the same).

pub mod calc;
mod detail;
mod files;
mod findings_sheet;
pub mod labels;
pub mod names;
mod official;
pub use official::Official;
pub mod result;
mod stats;
mod summary;
pub(crate) mod unit_sheet;

use crate::findings::Severity;
use crate::form::DossierDoc;
use crate::report::{FileReport, Run, UnitReport};
use crate::rubric::Rubric;
use crate::text::fold_ascii;
use calc::UnitCalc;
use rayon::prelude::*;
use rust_xlsxwriter::{
    Color, DocProperties, ExcelDateTime, Format, FormatAlign, FormatBorder, Formula, Workbook,
    Worksheet, XlsxError,
};
use std::io::{Seek, Write};

/// Names of the fixed sheets.
pub const SHEET_SUMMARY: &str = "Tổng hợp";
pub const SHEET_DETAIL: &str = "Chi tiết";
pub const SHEET_FINDINGS: &str = "Phát hiện";
pub const SHEET_STATS: &str = "Thống kê";
pub const SHEET_FILES: &str = "Tệp";

/// Up to this many units each get a sheet of their own; beyond it, one
/// "Chi tiết" sheet holds every unit's items. Sixty sheet tabs are still
/// navigable; a few hundred are not (and slow Excel down).
pub const DEFAULT_UNIT_SHEET_LIMIT: usize = 60;

/// Everything the workbook is made from.
#[derive(Debug, Clone)]
pub struct Input<'a> {
    pub rubric: &'a Rubric,
    pub run: &'a Run,
    /// "Thủ Thừa".
    pub district: Option<&'a str>,
    pub year: Option<i32>,
    /// Units of `--expected` that sent nothing, as listed.
    pub missing_units: &'a [String],
    /// The document date, seconds since 1970 (from the inputs or
    /// SOURCE_DATE_EPOCH, never the clock).
    pub date: i64,
    pub unit_sheet_limit: usize,
    /// What people typed into an earlier workbook, for each unit in input
    /// order (files in order, each file's forms in sheet order): written
    /// into the team-score and note cells. Empty when nothing was carried.
    pub typed: &'a [Option<Typed>],
    /// Findings about something else than the forms (a value typed into
    /// an earlier workbook with no place in this one), listed on "Phát
    /// hiện" after the forms'.
    pub other_findings: &'a [OtherFinding],
    /// The names heading and signing the printed summary.
    pub official: Official,
}

/// A finding about something else than a form read, with the file and
/// unit "Phát hiện" lists it under.
#[derive(Debug, Clone, PartialEq)]
pub struct OtherFinding {
    pub file: String,
    pub unit: String,
    pub finding: crate::findings::Finding,
}

/// A value typed into a team-score cell, written back as it was typed: a
/// number, or text (a text that reads as a score is carried as the number).
#[derive(Debug, Clone, PartialEq)]
pub enum TeamValue {
    Number(rust_decimal::Decimal),
    Text(String),
}

/// What the inspection team typed for one unit, by rubric item (in rubric
/// order): scores and notes.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Typed {
    pub team: Vec<Option<TeamValue>>,
    pub notes: Vec<Option<String>>,
}

impl Typed {
    /// Nothing typed, for a rubric of `n` items.
    pub fn empty(n: usize) -> Typed {
        Typed {
            team: vec![None; n],
            notes: vec![None; n],
        }
    }

    /// The team's value on item `i`.
    pub fn team(&self, i: usize) -> Option<&TeamValue> {
        self.team.get(i).and_then(Option::as_ref)
    }

    /// The note on item `i`.
    pub fn note(&self, i: usize) -> Option<&str> {
        self.notes.get(i).and_then(|n| n.as_deref())
    }

    pub fn is_empty(&self) -> bool {
        self.team.iter().all(Option::is_none) && self.notes.iter().all(Option::is_none)
    }
}

/// What was written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Written {
    /// Units (forms) in the summary.
    pub units: usize,
    /// Sheets of their own (0 when the "Chi tiết" sheet was used).
    pub unit_sheets: usize,
    /// Whether the units went to one "Chi tiết" sheet.
    pub detail: bool,
    pub findings: usize,
    pub files: usize,
    pub missing: usize,
}

#[derive(Debug, thiserror::Error)]
pub enum WorkbookError {
    #[error("không ghi được bảng tính / cannot write the workbook: {0}")]
    Xlsx(#[from] XlsxError),
}

/// Where a unit's concluded scores live, for the formulas that refer to them.
#[derive(Debug, Clone)]
pub(crate) struct Place {
    pub sheet: String,
    /// Row of each rubric item, in rubric order.
    pub item_rows: Vec<u32>,
    pub total_row: u32,
    pub class_row: u32,
    /// The column of the concluded score ("Kết luận").
    pub col: u16,
}

/// One unit, ready to write.
pub(crate) struct UnitRow<'a> {
    pub file: &'a FileReport,
    pub unit: &'a UnitReport,
    /// Rank by proposed total, from 1.
    pub rank: usize,
    /// Position in input order (files in order, each file's forms in
    /// sheet order), from 0.
    pub seq: usize,
    /// The unit's name, or a stand-in naming the file.
    pub name: String,
    pub calc: UnitCalc,
    pub place: Place,
    /// What the team typed (carried from an earlier workbook).
    pub typed: Option<&'a Typed>,
    /// Its error-level findings: how many are tied to no criterion the
    /// team can score, and how many to each rubric item (by index) — a
    /// team score typed on that item resolves them.
    pub errors: UnitErrors,
    /// Team scores that are no score: text, negative or above the maximum.
    pub team_errors: usize,
    /// Rank by concluded total among the units without unresolved errors
    /// (equal totals share one); `None` for a unit with unresolved errors
    /// or no total.
    pub live_rank: Option<usize>,
}

/// A unit's error-level findings, as [`UnitRow::errors`] counts them.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct UnitErrors {
    pub fixed: usize,
    pub by_item: Vec<(usize, usize)>,
}

impl UnitErrors {
    /// The errors no team score has resolved.
    pub fn unresolved(&self, typed: Option<&Typed>) -> usize {
        self.fixed
            + self
                .by_item
                .iter()
                .filter(|(i, _)| typed.and_then(|t| t.team(*i)).is_none())
                .map(|(_, n)| n)
                .sum::<usize>()
    }
}

impl UnitRow<'_> {
    /// Its error-level findings no team score has resolved, and the team
    /// scores that are no score.
    pub fn unresolved(&self) -> usize {
        self.errors.unresolved(self.typed) + self.team_errors
    }

    /// Errors and warnings about the unit and its file.
    pub fn counts(&self) -> (usize, usize) {
        let all = self.file.findings.iter().chain(self.unit.findings.iter());
        let mut e = 0;
        let mut w = 0;
        for f in all {
            match f.severity {
                Severity::Error => e += 1,
                Severity::Warning => w += 1,
            }
        }
        (e, w)
    }

    /// "Đủ", "Thiếu 2/6" or "Không có danh mục".
    pub fn dossier(&self) -> String {
        match &self.unit.form.dossier {
            None => "Không có danh mục".into(),
            Some(d) => {
                let present = DossierDoc::ALL
                    .iter()
                    .filter(|doc| {
                        d.get(*doc)
                            .and_then(|m| m.as_ref())
                            .is_some_and(|m| m.value)
                    })
                    .count();
                let n = DossierDoc::ALL.len();
                if present == n {
                    "Đủ".into()
                } else {
                    format!("Thiếu {}/{n}", n - present)
                }
            }
        }
    }

    /// The file name and, for a workbook with several forms, the sheet.
    pub fn source(&self) -> String {
        source(self.file, self.unit)
    }
}

/// How the workbook names where a unit's form came from: the file name
/// and, for a workbook with several forms, the sheet ("a.xlsx › Trường A").
pub(crate) fn source(file: &FileReport, unit: &UnitReport) -> String {
    let name = file.name();
    if file.units.len() > 1 {
        format!("{name} › {}", unit.form.sheet)
    } else {
        name
    }
}

/// The unit's name as the workbook shows it: the roster's or the form's,
/// or a stand-in naming the file.
pub(crate) fn unit_name(file: &FileReport, unit: &UnitReport) -> String {
    unit.display_name()
        .map(str::to_string)
        .unwrap_or_else(|| format!("(chưa ghi tên) {}", file.name()))
}

/// The formats every sheet uses.
pub(crate) struct Styles {
    pub title: Format,
    pub subtitle: Format,
    pub note: Format,
    pub header: Format,
    pub text: Format,
    pub wrap: Format,
    pub center: Format,
    pub score: Format,
    pub score_bold: Format,
    pub formula: Format,
    pub formula_bold: Format,
    /// A formula's result as a percentage ("Tỷ lệ").
    pub share: Format,
    /// A formula's result with up to two decimals (spread of totals).
    pub figure: Format,
    pub team: Format,
    /// A note the team types: unlocked, wrapped, left-aligned.
    pub team_note: Format,
    pub team_off: Format,
    /// A label before its value ("Đơn vị:"), and the value.
    pub label: Format,
    pub value: Format,
    pub value_bold: Format,
    pub int: Format,
    pub money: Format,
    pub bold: Format,
    pub indent: [Format; 3],
    pub error: Format,
    pub warning: Format,
    pub link: Format,
    /// The official heading and sign-off (official.rs): plain, bold, the
    /// Tiêu ngữ underlined, the date line in italics.
    pub official: Format,
    pub official_bold: Format,
    pub motto: Format,
    pub date_line: Format,
}

impl Styles {
    pub(crate) fn new() -> Styles {
        let font = |f: Format| f.set_font_name("Times New Roman").set_font_size(12);
        let cell = |f: Format| {
            font(f)
                .set_border(FormatBorder::Thin)
                .set_align(FormatAlign::VerticalCenter)
        };
        // "General" shows 9.5 as "9,5" and 10 as "10" in a Vietnamese Excel.
        let score = cell(Format::new()).set_align(FormatAlign::Center);
        let formula = score.clone().set_background_color(Color::RGB(0xE2EFDA));
        Styles {
            title: font(Format::new())
                .set_bold()
                .set_font_size(14)
                .set_align(FormatAlign::Center)
                .set_align(FormatAlign::VerticalCenter)
                .set_text_wrap(),
            subtitle: font(Format::new())
                .set_italic()
                .set_align(FormatAlign::Center),
            note: font(Format::new()).set_italic().set_font_size(11),
            header: cell(Format::new())
                .set_bold()
                .set_text_wrap()
                .set_align(FormatAlign::Center)
                .set_background_color(Color::RGB(0xD9E1F2)),
            text: cell(Format::new()),
            wrap: cell(Format::new()).set_text_wrap(),
            center: cell(Format::new()).set_align(FormatAlign::Center),
            score_bold: score.clone().set_bold(),
            score,
            formula_bold: formula.clone().set_bold(),
            share: formula.clone().set_num_format("0.0%"),
            figure: formula.clone().set_num_format("0.##"),
            formula,
            team: cell(Format::new())
                .set_align(FormatAlign::Center)
                .set_background_color(Color::RGB(0xFFF2CC))
                .set_unlocked(),
            team_note: cell(Format::new())
                .set_text_wrap()
                .set_background_color(Color::RGB(0xFFF2CC))
                .set_unlocked(),
            team_off: cell(Format::new()).set_background_color(Color::RGB(0xF2F2F2)),
            label: font(Format::new())
                .set_bold()
                .set_align(FormatAlign::Right)
                .set_align(FormatAlign::VerticalCenter),
            value: font(Format::new()).set_align(FormatAlign::VerticalCenter),
            value_bold: font(Format::new())
                .set_bold()
                .set_align(FormatAlign::Left)
                .set_align(FormatAlign::VerticalCenter),
            int: cell(Format::new()).set_num_format("#,##0"),
            money: cell(Format::new()).set_num_format("#,##0"),
            bold: cell(Format::new()).set_bold(),
            indent: [
                cell(Format::new()).set_text_wrap().set_bold(),
                cell(Format::new()).set_text_wrap().set_indent(1),
                cell(Format::new()).set_text_wrap().set_indent(2),
            ],
            error: cell(Format::new()).set_font_color(Color::RGB(0xC00000)),
            warning: cell(Format::new()).set_font_color(Color::RGB(0x9C5700)),
            // A link to a unit's sheet looks and prints as the text around
            // it (see `write_sheet_link`).
            link: cell(Format::new()).set_text_wrap(),
            official: font(Format::new()).set_align(FormatAlign::Center),
            official_bold: font(Format::new())
                .set_bold()
                .set_align(FormatAlign::Center),
            motto: font(Format::new())
                .set_bold()
                .set_font_size(13)
                .set_underline(rust_xlsxwriter::FormatUnderline::Single)
                .set_align(FormatAlign::Center),
            date_line: font(Format::new())
                .set_italic()
                .set_font_size(13)
                .set_align(FormatAlign::Center),
        }
    }
}

impl Styles {
    /// Every format, in a fixed order.
    fn all(&self) -> Vec<&Format> {
        let mut all = vec![
            &self.title,
            &self.subtitle,
            &self.note,
            &self.header,
            &self.text,
            &self.wrap,
            &self.center,
            &self.score,
            &self.score_bold,
            &self.formula,
            &self.formula_bold,
            &self.share,
            &self.figure,
            &self.team,
            &self.team_note,
            &self.team_off,
            &self.label,
            &self.value,
            &self.value_bold,
            &self.int,
            &self.money,
            &self.bold,
        ];
        all.extend(self.indent.iter());
        all.extend([&self.error, &self.warning, &self.link]);
        all.extend([
            &self.official,
            &self.official_bold,
            &self.motto,
            &self.date_line,
        ]);
        all
    }
}

/// The title line of the workbook.
pub fn title(input: &Input) -> String {
    title_of(input.year, input.district)
}

fn title_of(year: Option<i32>, district: Option<&str>) -> String {
    let mut t = "Tổng hợp kết quả đánh giá, xếp loại “Đơn vị học tập”".to_string();
    if let Some(y) = year {
        t.push_str(&format!(" năm {y}"));
    }
    if let Some(d) = district.filter(|d| !d.trim().is_empty()) {
        t.push_str(&format!(" — huyện {}", d.trim()));
    }
    t
}

/// Units ranked by concluded total (highest first), those with unresolved
/// errors after the others and units without a total last; then by name,
/// then in input order. Each gets its place and its live rank.
pub(crate) fn plan<'a>(input: &Input<'a>, detail: bool) -> Vec<UnitRow<'a>> {
    let rubric = input.rubric;
    let mut rows: Vec<UnitRow<'a>> = Vec::new();
    // `seq` counts every form ("Chi tiết" holds them all, in input order,
    // and `typed` is by it); a superseded one is counted nowhere else.
    let mut seq = 0;
    for file in &input.run.files {
        for unit in &file.units {
            if unit.superseded_by.is_none() {
                let typed = input.typed.get(seq).and_then(Option::as_ref);
                rows.push(unit_row(rubric, file, unit, seq, typed));
            }
            seq += 1;
        }
    }
    rows.sort_by_cached_key(|r| {
        let total = r.calc.total;
        (
            total.is_none(),
            r.unresolved() > 0,
            std::cmp::Reverse(total),
            fold_ascii(&r.name),
            r.seq,
        )
    });
    let mut ranked: Vec<rust_decimal::Decimal> = rows
        .iter()
        .filter(|r| r.unresolved() == 0)
        .filter_map(|r| r.calc.total)
        .collect();
    ranked.sort_by(|a, b| b.cmp(a));
    for (i, r) in rows.iter_mut().enumerate() {
        r.rank = i + 1;
        r.live_rank = match r.calc.total {
            Some(t) if r.unresolved() == 0 => Some(1 + ranked.partition_point(|x| *x > t)),
            _ => None,
        };
    }
    if !detail {
        let mut namer = names::SheetNames::with_reserved(&[
            SHEET_SUMMARY,
            SHEET_DETAIL,
            SHEET_FINDINGS,
            SHEET_STATS,
            SHEET_FILES,
        ]);
        for r in rows.iter_mut() {
            let sheet = namer.take(&r.name, &format!("Đơn vị {}", r.rank));
            r.place = unit_sheet::place(rubric, sheet);
        }
    } else {
        for r in rows.iter_mut() {
            r.place = detail::place(rubric, r.seq);
        }
    }
    rows
}

/// A unit ready to write, before ranking: its name (or a stand-in naming
/// the file), its concluded scores and its errors.
fn unit_row<'a>(
    rubric: &Rubric,
    file: &'a FileReport,
    unit: &'a UnitReport,
    seq: usize,
    typed: Option<&'a Typed>,
) -> UnitRow<'a> {
    let name = unit_name(file, unit);
    let mut errors = UnitErrors::default();
    for f in file.findings.iter().chain(&unit.findings) {
        if f.severity != Severity::Error {
            continue;
        }
        let item = unit
            .criterion_of(f)
            .and_then(|id| rubric.items.iter().position(|it| it.id == id))
            .filter(|&i| !rubric.items[i].is_group());
        match item {
            Some(i) => match errors.by_item.iter_mut().find(|(k, _)| *k == i) {
                Some((_, n)) => *n += 1,
                None => errors.by_item.push((i, 1)),
            },
            None => errors.fixed += 1,
        }
    }
    let team_errors = (0..rubric.items.len())
        .filter(|&i| match typed.and_then(|t| t.team(i)) {
            Some(TeamValue::Text(_)) => true,
            Some(TeamValue::Number(v)) => {
                *v < rust_decimal::Decimal::ZERO || *v > rubric.items[i].max
            }
            None => false,
        })
        .count();
    UnitRow {
        file,
        unit,
        rank: 0,
        seq,
        name,
        team_errors,
        calc: calc::conclude_typed(rubric, &unit.scored, typed),
        place: Place {
            sheet: String::new(),
            item_rows: Vec::new(),
            total_row: 0,
            class_row: 0,
            col: 0,
        },
        typed,
        errors,
        live_rank: None,
    }
}

/// Writes the workbook to `out`. `progress` is called once per unit written.
///
/// # Errors
/// Only when rust_xlsxwriter cannot write (an I/O error on `out`).
pub fn write<W: Write + Seek + Send>(
    input: &Input,
    out: W,
    progress: &(dyn Fn() + Sync),
) -> Result<Written, WorkbookError> {
    Book::new(input.district, input.year, input.date)?.save(input, out, progress)
}

/// The workbook as bytes.
pub fn to_bytes(input: &Input) -> Result<Vec<u8>, WorkbookError> {
    let mut wb = Book::new(input.district, input.year, input.date)?.finish(input, &|| {})?;
    let mut bytes = wb.0.save_to_buffer()?;
    crate::portable_zip::normalize_bytes(&mut bytes);
    Ok(bytes)
}

/// A district workbook being made. Its formats are numbered first, so the
/// same input gives the same bytes whatever the threads do; beyond the
/// unit-sheet limit, "Chi tiết" can be written while the forms are still
/// being read ([`Book::stream_detail`], [`Book::push_file`]), and the rest
/// once the run is complete ([`Book::save`]).
pub struct Book {
    wb: Workbook,
    styles: Styles,
    summary_ws: Worksheet,
    findings_ws: Worksheet,
    stats_ws: Worksheet,
    files_ws: Worksheet,
    detail: Option<DetailSheet>,
}

/// "Chi tiết" while it is written.
struct DetailSheet {
    ws: Worksheet,
    shapes: Vec<unit_sheet::ItemShape>,
    /// Units written so far (the next one's input position).
    units: usize,
}

impl DetailSheet {
    fn new(wb: &mut Workbook, styles: &Styles, rubric: &Rubric) -> Result<DetailSheet, XlsxError> {
        let mut ws = wb.new_worksheet_with_low_memory()?;
        detail::begin(&mut ws, styles)?;
        Ok(DetailSheet {
            ws,
            shapes: unit_sheet::shapes(rubric),
            units: 0,
        })
    }

    /// The next file's units, each in the rows of its input position.
    fn push_file(
        &mut self,
        styles: &Styles,
        rubric: &Rubric,
        file: &FileReport,
        typed: &[Option<Typed>],
        progress: &(dyn Fn() + Sync),
    ) -> Result<(), XlsxError> {
        for unit in &file.units {
            let t = typed.get(self.units).and_then(Option::as_ref);
            let mut u = unit_row(rubric, file, unit, self.units, t);
            u.place = detail::place(rubric, self.units);
            detail::push(&mut self.ws, styles, rubric, &self.shapes, &u)?;
            self.units += 1;
            progress();
        }
        Ok(())
    }
}

impl Book {
    /// The workbook with its document properties, its formats numbered and
    /// its other sheets made (filled in by [`Book::save`]).
    pub fn new(
        district: Option<&str>,
        year: Option<i32>,
        date: i64,
    ) -> Result<Book, WorkbookError> {
        let styles = Styles::new();
        let mut wb = Workbook::new();
        // Deflate level 1 instead of the default 6. Compressing is the last,
        // single-threaded step of every run: level 1 saves it in about half
        // the time of level 3 for a somewhat larger file (BENCHMARKS.md,
        // "What was changed"). Excel recompresses whatever it saves.
        wb.set_zip_compression_level(1);
        let date = ExcelDateTime::from_timestamp(date.max(0))
            .or_else(|_| ExcelDateTime::from_timestamp(0))?;
        let title = title_of(year, district);
        let mut props = DocProperties::new()
            .set_title(&title)
            .set_subject("Đánh giá, xếp loại “Đơn vị học tập” (Thông tư 22/2020/TT-BGDĐT)")
            .set_author("dvht")
            .set_keywords("Đơn vị học tập, tổng hợp")
            .set_creation_datetime(&date)
            .set_custom_property("Huyện", district.unwrap_or(""));
        if let Some(y) = year {
            props = props.set_custom_property("Năm", y);
        }
        let props = crate::own::mark(props, crate::own::OwnKind::District);
        wb.set_properties(&props);
        // The sheets around the units' (summary, findings, statistics, files)
        // are built on a thread of their own while this one writes the units'
        // sheets; they are added in their place afterwards. Two threads writing
        // into the workbook's shared tables would number formats and strings
        // in whatever order they happened to run, so:
        // - every format is numbered first, here, in a fixed order (written in
        //   turn to the summary's first cell, which its title then overwrites):
        //   neither thread adds one afterwards;
        // - the other thread's long sheets keep their text in their cells
        //   ("constant memory": no shared strings), the statistics sheet keeps
        //   its own tables (numbered in sheet order when the workbook is saved);
        // - the units' sheets keep their own tables too, or ("Chi tiết") are the
        //   only sheet using the workbook's shared strings.
        // The same input so gives the same bytes, whichever thread runs first.
        let mut summary_ws = wb.new_worksheet_with_constant_memory()?;
        for format in styles.all() {
            summary_ws.write_blank(0, 0, format)?;
        }
        let findings_ws = wb.new_worksheet_with_constant_memory()?;
        let stats_ws = Worksheet::new();
        let files_ws = wb.new_worksheet_with_constant_memory()?;
        Ok(Book {
            wb,
            styles,
            summary_ws,
            findings_ws,
            stats_ws,
            files_ws,
            detail: None,
        })
    }

    /// Starts "Chi tiết" now: the units go there (not to sheets of their
    /// own), in input order, as [`Book::push_file`] hands them over.
    pub fn stream_detail(&mut self, rubric: &Rubric) -> Result<(), WorkbookError> {
        if self.detail.is_none() {
            self.detail = Some(DetailSheet::new(&mut self.wb, &self.styles, rubric)?);
        }
        Ok(())
    }

    /// The next file of the run, in input order: its units' rows on
    /// "Chi tiết" when it is being written; nothing otherwise.
    pub fn push_file(&mut self, rubric: &Rubric, file: &FileReport) -> Result<(), WorkbookError> {
        if let Some(d) = &mut self.detail {
            // Streamed only when nothing typed is carried (see consolidate).
            d.push_file(&self.styles, rubric, file, &[], &|| {})?;
        }
        Ok(())
    }

    /// Writes the workbook to `out`.
    pub fn save<W: Write + Seek + Send>(
        self,
        input: &Input,
        out: W,
        progress: &(dyn Fn() + Sync),
    ) -> Result<Written, WorkbookError> {
        let mut wb = self.finish(input, progress)?;
        wb.0.save_to_writer(out)?;
        Ok(wb.1)
    }

    /// Every sheet filled in, in its place.
    fn finish(
        self,
        input: &Input,
        progress: &(dyn Fn() + Sync),
    ) -> Result<(Workbook, Written), WorkbookError> {
        let n_units: usize = input.run.files.iter().map(|f| f.units.len()).sum();
        let use_detail = self.detail.is_some() || n_units > input.unit_sheet_limit;
        let units = plan(input, use_detail);
        let Book {
            mut wb,
            styles,
            mut summary_ws,
            mut findings_ws,
            mut stats_ws,
            mut files_ws,
            detail,
        } = self;
        let (findings, unit_sheets) = std::thread::scope(|scope| {
            let others = scope.spawn(|| -> Result<usize, XlsxError> {
                summary::write(&mut summary_ws, input, &styles, &units)?;
                let n = findings_sheet::write(&mut findings_ws, input, &styles, &units)?;
                stats::write(&mut stats_ws, input, &styles, &units)?;
                files::write(&mut files_ws, input, &styles)?;
                Ok(n)
            });
            let unit_sheets = if use_detail {
                write_detail(&mut wb, input, &styles, detail, progress)
            } else {
                write_unit_sheets(input, &styles, &units, progress)
            };
            let findings = others
                .join()
                .unwrap_or_else(|panic| std::panic::resume_unwind(panic));
            (findings, unit_sheets)
        });
        let findings = findings?;
        wb.push_worksheet(summary_ws);
        for ws in unit_sheets? {
            wb.push_worksheet(ws);
        }
        wb.push_worksheet(findings_ws);
        wb.push_worksheet(stats_ws);
        wb.push_worksheet(files_ws);
        if let Ok(ws) = wb.worksheet_from_index(0) {
            ws.set_active(true);
        }
        Ok((
            wb,
            Written {
                units: units.len(),
                unit_sheets: if use_detail { 0 } else { units.len() },
                detail: use_detail,
                findings,
                files: input.run.files.len(),
                missing: input.missing_units.len(),
            },
        ))
    }
}

/// One sheet per unit, built in parallel and added in rank order (see
/// unit_sheet::build: the bytes stay the same).
fn write_unit_sheets(
    input: &Input,
    styles: &Styles,
    units: &[UnitRow],
    progress: &(dyn Fn() + Sync),
) -> Result<Vec<Worksheet>, XlsxError> {
    units
        .par_iter()
        .map(|u| {
            let ws = unit_sheet::build(input, styles, u);
            progress();
            ws
        })
        .collect()
}

/// "Chi tiết": finished when it was written while reading, else written
/// now from the run, in input order.
fn write_detail(
    wb: &mut Workbook,
    input: &Input,
    styles: &Styles,
    streamed: Option<DetailSheet>,
    progress: &(dyn Fn() + Sync),
) -> Result<Vec<Worksheet>, XlsxError> {
    let rubric = input.rubric;
    let mut d = match streamed {
        Some(d) => d,
        None => {
            let mut d = DetailSheet::new(wb, styles, rubric)?;
            for file in &input.run.files {
                d.push_file(styles, rubric, file, input.typed, progress)?;
            }
            d
        }
    };
    detail::end(&mut d.ws, rubric, d.units)?;
    Ok(vec![d.ws])
}

/// `text` in a cell that opens `sheet` when clicked, written as a
/// HYPERLINK formula with `text` as its result rather than as a hyperlink
/// cell: it wraps and prints like any text (LibreOffice never wraps a
/// hyperlink cell, and both programs print one blue and underlined). A
/// text too long for a formula's string (255 characters) is written plain.
pub(crate) fn write_sheet_link(
    ws: &mut Worksheet,
    row: u32,
    col: u16,
    sheet: &str,
    text: &str,
    format: &Format,
) -> Result<(), XlsxError> {
    let quoted = |s: &str| s.replace('"', "\"\"");
    let target = format!("#'{}'!A1", sheet.replace('\'', "''"));
    if text.chars().count() > 255 || target.chars().count() > 255 {
        ws.write_string_with_format(row, col, clip(text), format)?;
        return Ok(());
    }
    let formula = Formula::new(format!(
        "=HYPERLINK(\"{}\",\"{}\")",
        quoted(&target),
        quoted(text)
    ))
    .set_result(text);
    ws.write_formula_with_format(row, col, formula, format)?;
    Ok(())
}

/// Text from a file, cut to what a cell holds (Excel's limit is 32,767
/// characters; a hostile form may carry more).
pub(crate) fn clip(s: &str) -> String {
    const MAX: usize = 32_000;
    if s.len() <= MAX {
        return s.to_string();
    }
    let mut t: String = s.chars().take(MAX).collect();
    t.push('…');
    t
}

/// A decimal as a cell number (scores are multiples of 0.5 and money whole
/// đồng, both exact in a double).
pub(crate) fn f(d: rust_decimal::Decimal) -> f64 {
    use rust_decimal::prelude::ToPrimitive;
    d.to_f64().unwrap_or(0.0)
}

/// A list sheet (summary, Chi tiết, findings, files) finished: panes
/// frozen below header row `header` and right of `frozen_cols` columns, a
/// filter over rows down to `last_row` and columns to `last_col`, the header
/// repeated on every page, landscape A4 to the page's width with page
/// numbers, protected with its filter usable.
pub(crate) fn finish_list(
    ws: &mut Worksheet,
    header: u32,
    frozen_cols: u16,
    last_row: u32,
    last_col: u16,
) -> Result<(), XlsxError> {
    ws.set_freeze_panes(header + 1, frozen_cols)?;
    ws.autofilter(header, 0, last_row, last_col)?;
    ws.set_repeat_rows(header, header)?;
    ws.set_landscape();
    print_a4(ws);
    ws.set_footer("&CTrang &P/&N");
    protect(ws, true);
    Ok(())
}

/// A4, fit to the page's width, the margins every sheet uses.
pub(crate) fn print_a4(ws: &mut Worksheet) {
    ws.set_paper_size(A4);
    ws.set_print_fit_to_pages(1, 0);
    ws.set_margins(0.4, 0.4, 0.5, 0.5, 0.3, 0.3);
}

/// Protects a sheet without a password: only the cells meant for typing
/// (the team's scores and notes, formatted unlocked) can be changed, and
/// an auditor can still unprotect it on purpose (Review → Unprotect Sheet).
/// Columns and rows may still be resized, and the filter used where the
/// sheet has one.
pub(crate) fn protect(ws: &mut Worksheet, autofilter: bool) {
    let options = rust_xlsxwriter::ProtectionOptions {
        format_columns: true,
        format_rows: true,
        use_autofilter: autofilter,
        ..Default::default()
    };
    ws.protect_with_options(&options);
}

/// A4, as Excel numbers paper sizes.
pub(crate) const A4: u8 = 9;

/// Lines a wrapped text takes in a column of `width` (Excel width units) in
/// the 12-point Times New Roman the sheets use. Neither Excel nor
/// LibreOffice grows a row for wrapped text in a file on its own, so rows are
/// given the height their longest text needs.
pub(crate) fn lines(text: &str, width: f64) -> usize {
    let per_line = ((width * 1.2) as usize).max(1);
    let mut total = 0;
    for para in text.split('\n') {
        let mut n = 1;
        let mut used = 0usize;
        for word in para.split_whitespace() {
            let w = word.chars().count();
            if used == 0 {
                used = w;
            } else if used + 1 + w <= per_line {
                used += 1 + w;
            } else {
                n += 1;
                used = w;
            }
            while used > per_line {
                n += 1;
                used -= per_line;
            }
        }
        total += n;
    }
    total.max(1)
}

/// Height of one line of 12-point text, points.
pub(crate) const LINE_HEIGHT: f64 = 15.75;

/// The height of a row whose cells hold `texts` (text, column width).
pub(crate) fn fit(
    ws: &mut rust_xlsxwriter::Worksheet,
    row: u32,
    texts: &[(&str, f64)],
) -> Result<(), XlsxError> {
    fit_over(ws, row, texts, 1)
}

/// [`fit`] on a sheet whose rows are `base` lines high by default: only a
/// row needing more gets a height of its own. rust_xlsxwriter keeps every
/// row given a height in memory to the end, even in low-memory mode (some
/// 400 bytes a row), so on a sheet of 230,000 rows only the exceptions may.
pub(crate) fn fit_over(
    ws: &mut rust_xlsxwriter::Worksheet,
    row: u32,
    texts: &[(&str, f64)],
    base: usize,
) -> Result<(), XlsxError> {
    let n = texts.iter().map(|(t, w)| lines(t, *w)).max().unwrap_or(1);
    fit_lines(ws, row, n, base)
}

/// [`fit_over`] for a row whose texts take `n` lines at most (counted
/// beforehand, perhaps on another thread).
pub(crate) fn fit_lines(
    ws: &mut rust_xlsxwriter::Worksheet,
    row: u32,
    n: usize,
    base: usize,
) -> Result<(), XlsxError> {
    if n > base {
        ws.set_row_height(row, (n as f64 * LINE_HEIGHT).min(409.0))?;
    }
    Ok(())
}

#[cfg(test)]
mod tests;
