//! A [`Doc`] laid out on A4 pages the way Nghị định 30/2020 draws them
//! (see the module above for the rules and sizes), with `docx-rs`.
//!
//! Lengths are in twips (1/20 pt, 1/1440 inch; 1 mm ≈ 56.7), font sizes in
//! half-points (Word's unit: 28 is 14 pt).

use super::metrics::{balanced_lines, bold_width};
use super::{Align, Annex, Block, Doc, DocError, Signature, Table};
use docx_rs::{
    AlignmentType, BorderType, Docx, Header, LineSpacing, LineSpacingType, PageMargin, PageNum,
    PageNumType, Paragraph, ParagraphBorder, ParagraphBorderPosition, ParagraphBorders, Run,
    RunFonts, Section, TableAlignmentType, TableBorders, TableCell, TableCellMargins,
    TableLayoutType, TableRow, VAlignType, WidthType,
};

pub const FONT: &str = "Times New Roman";

/// A4 in twips.
const PAGE_W: u32 = 11906;
const PAGE_H: u32 = 16838;
/// Margins: 20 mm top and bottom, 30 mm left, 15 mm right.
const TOP: i32 = 1134;
const BOTTOM: i32 = 1134;
const LEFT: i32 = 1701;
const RIGHT: i32 = 850;
/// The page number sits 10 mm from the top edge, inside the top margin.
const HEADER_DIST: i32 = 567;
/// The line: 165 mm.
pub const LINE: u32 = PAGE_W - LEFT as u32 - RIGHT as u32;
/// Header table: issuing body 65 mm, Quốc hiệu 100 mm.
const HEAD_LEFT: u32 = 3685;
const HEAD_RIGHT: u32 = LINE - HEAD_LEFT;
/// Foot table: recipients 80 mm, signature 85 mm.
const FOOT_LEFT: u32 = 4535;
const FOOT_RIGHT: u32 = LINE - FOOT_LEFT;
/// First-line indent of body paragraphs: 1 cm.
const INDENT: i32 = 567;

pub const QUOC_HIEU: &str = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM";
pub const TIEU_NGU: &str = "Độc lập - Tự do - Hạnh phúc";

/// Sizes in half-points.
const S11: usize = 22;
const S12: usize = 24;
const S13: usize = 26;
const S14: usize = 28;

/// The document as .docx bytes.
///
/// docx-rs numbers paragraphs from a per-thread counter that only its own
/// build resets, so the same document built twice on one thread would get
/// other paragraph ids: each document is built on a fresh thread, where
/// the counter starts from the same value, and the bytes depend on the
/// document alone.
pub fn to_bytes(doc: &Doc) -> Result<Vec<u8>, DocError> {
    std::thread::scope(|s| {
        s.spawn(|| {
            let mut out = std::io::Cursor::new(Vec::new());
            let mut xml = build(doc).build();
            xml.document = repeat_headings(&xml.document);
            xml.pack(&mut out)
                .map_err(|e| DocError::Build(e.to_string()))?;
            let mut bytes = out.into_inner();
            // The same bytes from the Windows build.
            crate::portable_zip::normalize_bytes(&mut bytes);
            Ok(bytes)
        })
        .join()
        .unwrap_or_else(|_| Err(DocError::Build("docx-rs panicked".into())))
    })
}

/// The minimum height of a data table's heading row (7 mm, in twips), which
/// also marks it for [`repeat_headings`].
const HEADING_ROW: f32 = 397.0;
/// How docx-rs writes that height.
const HEADING_MARK: &str = r#"<w:trHeight w:val="397" w:hRule="atLeast" />"#;

/// Marks every data table's heading row to repeat at the top of each page
/// the table runs onto (`<w:tblHeader/>`, ECMA-376 §17.4.49), as a list of
/// units over two pages must be printed. docx-rs 0.4 has no such setting:
/// the heading rows carry a height no other row has ([`HEADING_ROW`]) and
/// the element is added beside it in the document's XML (in `w:trPr` its
/// children may come in any order).
fn repeat_headings(document: &[u8]) -> Vec<u8> {
    let Ok(xml) = std::str::from_utf8(document) else {
        return document.to_vec();
    };
    xml.replace(HEADING_MARK, &format!("<w:tblHeader />{HEADING_MARK}"))
        .into_bytes()
}

/// The docx-rs document.
pub fn build(doc: &Doc) -> Docx {
    let fonts = RunFonts::new()
        .ascii(FONT)
        .hi_ansi(FONT)
        .east_asia(FONT)
        .cs(FONT);
    let created = iso_date(doc.created);
    let mut docx = Docx::new()
        .default_fonts(fonts)
        .default_size(S14)
        .created_at(&created)
        .updated_at(&created);
    let main: Vec<Item> = main_part(doc);
    if doc.annexes.is_empty() {
        for it in main {
            docx = it.add_to(docx);
        }
        return finish(docx, false);
    }
    // The letter and every annex but the last are sections of their own,
    // closed by a section break; the last annex is the document's final
    // section. Every section numbers its pages from 1.
    let mut sections: Vec<Vec<Item>> = vec![main];
    sections.extend(doc.annexes.iter().map(annex_part));
    let last = sections.pop().unwrap_or_default();
    for (i, items) in sections.into_iter().enumerate() {
        let mut s = page_setup_section(Section::new(), i > 0);
        for it in items {
            s = match it {
                Item::P(p) => s.add_paragraph(*p),
                Item::T(t) => s.add_table(*t),
            };
        }
        docx = docx.add_section(s);
    }
    for it in last {
        docx = it.add_to(docx);
    }
    finish(docx, true)
}

/// Page size, margins and page numbers of the document's final section.
fn finish(docx: Docx, restart: bool) -> Docx {
    let mut d = docx
        .page_size(PAGE_W, PAGE_H)
        .page_margin(margins())
        .header(page_number_header())
        .first_header(Header::new());
    if restart {
        d = d.page_num_type(PageNumType::new().start(1));
    }
    d
}

/// A section other than the last: A4, margins, page numbers from page 2.
/// (Only the default header is given: docx-rs keeps one header per added
/// section; with the title page flag and no first-page header, the first
/// page shows none.)
fn page_setup_section(s: Section, restart: bool) -> Section {
    let mut s = s
        .page_size(docx_rs::PageSize::new().size(PAGE_W, PAGE_H))
        .page_margin(margins())
        .title_pg()
        .header(page_number_header());
    if restart {
        s = s.page_num_type(PageNumType::new().start(1));
    }
    s
}

fn margins() -> PageMargin {
    PageMargin::new()
        .top(TOP)
        .bottom(BOTTOM)
        .left(LEFT)
        .right(RIGHT)
        .header(HEADER_DIST)
        .footer(HEADER_DIST)
        .gutter(0)
}

fn page_number_header() -> Header {
    Header::new().add_paragraph(
        Paragraph::new()
            .align(AlignmentType::Center)
            .size(S14)
            .add_page_num(PageNum::new()),
    )
}

/// "2023-12-15T00:00:00Z" from seconds since 1970 (UTC).
fn iso_date(secs: i64) -> String {
    let days = secs.max(0) / 86_400;
    let rem = secs.max(0) % 86_400;
    let (y, m, d) = crate::calendar::civil_from_days(days);
    format!(
        "{y:04}-{m:02}-{d:02}T{:02}:{:02}:{:02}Z",
        rem / 3600,
        rem % 3600 / 60,
        rem % 60
    )
}

/// The year (UTC) of a date in seconds since 1970, for a paper whose
/// inputs name no year.
///
/// ```
/// assert_eq!(dvht::documents::layout::year_of(1_702_598_400), 2023);
/// ```
pub fn year_of(secs: i64) -> i32 {
    let (y, _, _) = crate::calendar::civil_from_days(secs.max(0) / 86_400);
    i32::try_from(y).unwrap_or(i32::MAX)
}

/// A paragraph or a table, in the order they are laid out.
enum Item {
    P(Box<Paragraph>),
    T(Box<docx_rs::Table>),
}

fn para(p: Paragraph) -> Item {
    Item::P(Box::new(p))
}

impl Item {
    fn add_to(self, d: Docx) -> Docx {
        match self {
            Item::P(p) => d.add_paragraph(*p),
            Item::T(t) => d.add_table(*t),
        }
    }
}

/// The document up to its signature.
fn main_part(doc: &Doc) -> Vec<Item> {
    let mut items = Vec::new();
    if doc.draft {
        items.push(para(draft_box()));
    }
    items.push(Item::T(Box::new(header_table(doc))));
    if !doc.kind.is_empty() {
        items.extend(title(&doc.kind, &doc.summary).into_iter().map(para));
    }
    if !doc.authority.is_empty() {
        items.push(para(
            centered(bold(&doc.authority.to_uppercase(), S14)).line_spacing(spacing(240, 0, 240)),
        ));
    }
    if !doc.addressees.is_empty() {
        items.extend(addressees(&doc.addressees).into_iter().map(para));
    }
    let n = doc.body.len();
    for (i, b) in doc.body.iter().enumerate() {
        // The last paragraph keeps the signature on its page.
        items.extend(block(b, i + 1 == n));
    }
    items.push(Item::T(Box::new(foot_table(doc))));
    items
}

fn annex_part(a: &Annex) -> Vec<Item> {
    let mut items = vec![para(
        centered(bold(&a.label, S14)).line_spacing(spacing(0, 0, 240)),
    )];
    if !a.title.is_empty() {
        for line in balanced_lines(&a.title.to_uppercase(), S14 as u32, LINE - 1134) {
            items.push(para(
                centered(bold(&line, S14)).line_spacing(spacing(0, 0, 240)),
            ));
        }
    }
    if !a.reference.is_empty() {
        items.push(para(
            centered(italic(&a.reference, S14)).line_spacing(spacing(0, 0, 240)),
        ));
    }
    items.push(para(rule(LINE / 5, LINE)));
    for b in &a.blocks {
        items.extend(block(b, false));
    }
    items
}

/// Line spacing: before and after in twips, line in 240ths of a line.
fn spacing(before: u32, after: u32, line: i32) -> LineSpacing {
    LineSpacing::new()
        .before(before)
        .after(after)
        .line(line)
        .line_rule(LineSpacingType::Auto)
}

fn text(t: &str, size: usize) -> Run {
    Run::new().add_text(t).size(size)
}

fn bold(t: &str, size: usize) -> Run {
    text(t, size).bold()
}

fn italic(t: &str, size: usize) -> Run {
    text(t, size).italic()
}

fn centered(r: Run) -> Paragraph {
    Paragraph::new().align(AlignmentType::Center).add_run(r)
}

/// An empty paragraph drawing a solid rule `width` twips long, centred in
/// a space `within` twips wide (a cell or the line). The paragraph is 4 pt
/// high with the rule at its foot: just under the text above, clear of
/// its descenders.
fn rule(width: u32, within: u32) -> Paragraph {
    let side = within.saturating_sub(width) / 2;
    Paragraph::new()
        .align(AlignmentType::Center)
        .indent(Some(side as i32), None, Some(side as i32), None)
        .line_spacing(
            LineSpacing::new()
                .before(0)
                .after(0)
                .line(80)
                .line_rule(LineSpacingType::Exact),
        )
        .size(4)
        .set_borders(
            ParagraphBorders::with_empty().set(
                ParagraphBorder::new(ParagraphBorderPosition::Bottom)
                    .val(BorderType::Single)
                    .size(6)
                    .space(0)
                    .color("000000"),
            ),
        )
}

/// "DỰ THẢO" in a box at the top right (ô số 12).
fn draft_box() -> Paragraph {
    let word = "DỰ THẢO";
    let w = bold_width(word, S13 as u32) + 240;
    let border = |pos| {
        ParagraphBorder::new(pos)
            .val(BorderType::Single)
            .size(6)
            .space(1)
            .color("000000")
    };
    Paragraph::new()
        .align(AlignmentType::Center)
        .indent(Some((LINE - w - 120) as i32), None, Some(120), None)
        .line_spacing(spacing(0, 120, 240))
        .set_borders(
            ParagraphBorders::with_empty()
                .set(border(ParagraphBorderPosition::Top))
                .set(border(ParagraphBorderPosition::Bottom))
                .set(border(ParagraphBorderPosition::Left))
                .set(border(ParagraphBorderPosition::Right)),
        )
        .add_run(bold(word, S13))
}

fn cell(width: u32) -> TableCell {
    TableCell::new()
        .width(width as usize, WidthType::Dxa)
        .vertical_align(VAlignType::Top)
}

fn single() -> LineSpacing {
    spacing(0, 0, 240)
}

/// A borderless table with two columns and no cell padding.
fn two_columns(rows: Vec<TableRow>, left: u32, right: u32) -> docx_rs::Table {
    docx_rs::Table::new(rows)
        .set_grid(vec![left as usize, right as usize])
        .width(LINE as usize, WidthType::Dxa)
        .layout(TableLayoutType::Fixed)
        .align(TableAlignmentType::Center)
        .set_borders(TableBorders::with_empty())
        .margins(TableCellMargins::new().margin(0, 0, 0, 0))
}

/// Ô số 1–4 (and 5b): issuing body and number on the left, Quốc hiệu –
/// Tiêu ngữ and the date on the right.
fn header_table(doc: &Doc) -> docx_rs::Table {
    let mut left = cell(HEAD_LEFT);
    // Lines a little narrower than the column keep a gap to the right one.
    let room = HEAD_LEFT - 200;
    for line in balanced_lines(&doc.issuer.superior.to_uppercase(), S13 as u32, room) {
        left = left.add_paragraph(centered(text(&line, S13)).line_spacing(single()));
    }
    let name = balanced_lines(&doc.issuer.name.to_uppercase(), S13 as u32, room);
    let widest = name
        .iter()
        .map(|l| bold_width(l, S13 as u32))
        .max()
        .unwrap_or(0);
    for line in &name {
        left = left.add_paragraph(centered(bold(line, S13)).line_spacing(single()));
    }
    left = left.add_paragraph(rule((widest * 2 / 5).max(567), HEAD_LEFT));

    let right = cell(HEAD_RIGHT)
        .add_paragraph(centered(bold(QUOC_HIEU, S13)).line_spacing(single()))
        .add_paragraph(centered(bold(TIEU_NGU, S14)).line_spacing(single()))
        .add_paragraph(rule(bold_width(TIEU_NGU, S14 as u32), HEAD_RIGHT));

    let mut number = cell(HEAD_LEFT).add_paragraph(
        centered(text(&number_line(&doc.symbol), S13)).line_spacing(spacing(120, 0, 240)),
    );
    if doc.kind.is_empty() && !doc.summary.is_empty() {
        // Upright text, measured as bold: a little narrower than measured.
        for line in balanced_lines(&format!("V/v {}", doc.summary), S13 as u32, HEAD_LEFT) {
            number = number.add_paragraph(centered(text(&line, S13)).line_spacing(single()));
        }
    }
    let date = cell(HEAD_RIGHT).add_paragraph(
        centered(italic(&date_line(&doc.place, doc.year), S14)).line_spacing(spacing(120, 0, 240)),
    );
    two_columns(
        vec![
            TableRow::new(vec![left, right]).cant_split(),
            TableRow::new(vec![number, date]).cant_split(),
        ],
        HEAD_LEFT,
        HEAD_RIGHT,
    )
}

/// "Số:      /QĐ-UBND": the number is left for the office.
pub fn number_line(symbol: &str) -> String {
    format!("Số:{}/{symbol}", " ".repeat(8))
}

/// "Thủ Thừa, ngày      tháng      năm 2023": day and month left blank.
pub fn date_line(place: &str, year: Option<i32>) -> String {
    let gap = " ".repeat(6);
    let year = year.map(|y| y.to_string()).unwrap_or_else(|| gap.clone());
    format!("{place}, ngày{gap}tháng{gap}năm {year}")
}

/// Ô số 5a: kind, summary in balanced lines, rule.
fn title(kind: &str, summary: &str) -> Vec<Paragraph> {
    let mut out =
        vec![centered(bold(&kind.to_uppercase(), S14)).line_spacing(spacing(360, 0, 240))];
    let lines = balanced_lines(summary, S14 as u32, LINE - 1134);
    let widest = lines
        .iter()
        .map(|l| bold_width(l, S14 as u32))
        .max()
        .unwrap_or_else(|| bold_width(kind, S14 as u32));
    for l in &lines {
        out.push(centered(bold(l, S14)).line_spacing(single()));
    }
    out.push(rule((widest * 2 / 5).max(1134), LINE));
    out
}

/// Ô số 9a: "Kính gửi: X." on one line, or one addressee a line.
fn addressees(list: &[String]) -> Vec<Paragraph> {
    let sp = spacing(240, 120, 240);
    if let [one] = list {
        return vec![centered(text(&format!("Kính gửi: {one}."), S14)).line_spacing(sp)];
    }
    let mut out = vec![
        Paragraph::new()
            .indent(Some(1701), None, None, None)
            .line_spacing(spacing(240, 0, 276))
            .add_run(text("Kính gửi:", S14)),
    ];
    let n = list.len();
    for (i, a) in list.iter().enumerate() {
        let end = if i + 1 == n { "." } else { ";" };
        out.push(
            Paragraph::new()
                .indent(Some(2835), None, None, None)
                .line_spacing(spacing(0, if i + 1 == n { 120 } else { 0 }, 276))
                .add_run(text(&format!("- {a}{end}"), S14)),
        );
    }
    out
}

/// A body paragraph: justified, first line indented 1 cm, 6 pt after,
/// 1.15 lines.
fn body_para() -> Paragraph {
    Paragraph::new()
        .align(AlignmentType::Both)
        .indent(
            Some(0),
            Some(docx_rs::SpecialIndentType::FirstLine(INDENT)),
            None,
            None,
        )
        .line_spacing(spacing(0, 120, 276))
}

fn block(b: &Block, last: bool) -> Vec<Item> {
    let p = match b {
        Block::Para(t) => body_para().add_run(text(t, S14)),
        Block::Labeled(label, t) => body_para()
            .add_run(bold(label, S14))
            .add_run(text(&format!(" {t}"), S14)),
        Block::Basis(t) => body_para().add_run(italic(t, S14)),
        Block::Heading(t) => body_para().keep_next(true).add_run(bold(t, S14)),
        Block::Center(t) => centered(bold(t, S14)).line_spacing(spacing(120, 120, 240)),
        Block::Note(t) => centered(italic(t, S14)).line_spacing(spacing(0, 120, 240)),
        Block::Table(t) => return vec![Item::T(Box::new(data_table(t))), para(gap())],
    };
    vec![para(if last { p.keep_next(true) } else { p })]
}

/// A small space after a table.
fn gap() -> Paragraph {
    Paragraph::new().line_spacing(spacing(0, 0, 120)).size(S12)
}

/// The most rows a table may have to be kept on one page.
const KEEP_TOGETHER: usize = 16;

/// A data table: heading row bold and centred, 13 pt, single spacing.
fn data_table(t: &Table) -> docx_rs::Table {
    let total: u32 = t.columns.iter().map(|c| c.width.max(1)).sum::<u32>().max(1);
    let widths: Vec<u32> = t
        .columns
        .iter()
        .map(|c| (u64::from(c.width.max(1)) * u64::from(LINE) / u64::from(total)) as u32)
        .collect();
    let cell_sp = spacing(40, 40, 240);
    let head = TableRow::new(
        t.columns
            .iter()
            .zip(&widths)
            .map(|(c, &w)| {
                cell(w).vertical_align(VAlignType::Center).add_paragraph(
                    centered(bold(&c.title, S13))
                        .line_spacing(cell_sp.clone())
                        .keep_next(true),
                )
            })
            .collect(),
    )
    .cant_split()
    .row_height(HEADING_ROW)
    .height_rule(docx_rs::HeightRule::AtLeast);
    let mut rows = vec![head];
    // A short table is kept on one page (each row kept with the next), so
    // a page never ends on its heading and two rows.
    let together = t.rows.len() <= KEEP_TOGETHER;
    for (i, r) in t.rows.iter().enumerate() {
        let strong = t.bold.contains(&i);
        let keep = together && i + 1 < t.rows.len();
        let cells = t
            .columns
            .iter()
            .zip(&widths)
            .enumerate()
            .map(|(k, (c, &w))| {
                let v = r.get(k).map(String::as_str).unwrap_or("");
                let run = if strong { bold(v, S13) } else { text(v, S13) };
                let align = match c.align {
                    Align::Left => AlignmentType::Left,
                    Align::Center => AlignmentType::Center,
                    Align::Right => AlignmentType::Right,
                };
                cell(w).vertical_align(VAlignType::Center).add_paragraph(
                    Paragraph::new()
                        .align(align)
                        .line_spacing(cell_sp.clone())
                        .keep_next(keep)
                        .add_run(run),
                )
            })
            .collect();
        rows.push(TableRow::new(cells).cant_split());
    }
    docx_rs::Table::new(rows)
        .set_grid(widths.iter().map(|&w| w as usize).collect())
        .width(LINE as usize, WidthType::Dxa)
        .layout(TableLayoutType::Fixed)
        .align(TableAlignmentType::Center)
        .margins(TableCellMargins::new().margin(0, 85, 0, 85))
}

/// Ô số 9b and 7: recipients on the left, signature on the right; the row
/// never splits across pages.
fn foot_table(doc: &Doc) -> docx_rs::Table {
    let mut left = cell(FOOT_LEFT).add_paragraph(
        Paragraph::new()
            .line_spacing(spacing(240, 0, 240))
            .add_run(bold("Nơi nhận:", S12).italic()),
    );
    let mut lines: Vec<String> = doc.recipients.iter().map(|r| format!("- {r};")).collect();
    let archive = if doc.archive.is_empty() {
        "VT"
    } else {
        &doc.archive
    };
    lines.push(format!("- Lưu: {archive}."));
    for l in lines {
        left = left.add_paragraph(
            Paragraph::new()
                .line_spacing(single())
                .add_run(text(&l, S11)),
        );
    }
    let right = signature_cell(&doc.signature);
    two_columns(
        vec![TableRow::new(vec![left, right]).cant_split()],
        FOOT_LEFT,
        FOOT_RIGHT,
    )
}

fn signature_cell(s: &Signature) -> TableCell {
    let mut c = cell(FOOT_RIGHT);
    for (i, l) in s.lines.iter().enumerate() {
        let before = if i == 0 { 240 } else { 0 };
        c = c.add_paragraph(
            centered(bold(&l.to_uppercase(), S14)).line_spacing(spacing(before, 0, 240)),
        );
    }
    // Room for the signature and the seal.
    for _ in 0..4 {
        c = c.add_paragraph(Paragraph::new().line_spacing(single()).size(S14));
    }
    if !s.title.is_empty() {
        c = c.add_paragraph(centered(bold(&s.title.to_uppercase(), S14)).line_spacing(single()));
    }
    if !s.name.is_empty() {
        c = c.add_paragraph(centered(bold(&s.name, S14)).line_spacing(single()));
    }
    c
}
