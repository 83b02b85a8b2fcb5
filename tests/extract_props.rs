//! Extraction on random sheets built from the words forms are made of:
//! labels, criteria, numbers as typed, marks, formulas, errors, merges of
//! any shape (inverted, huge, overlapping). Never a panic; whatever is
//! read points at a sheet of the workbook, and one rubric id is never
//! taken from two rows.

use dvht::cells::{Addr, Cell, CellValue, Merge, Sheet, Workbook};
use dvht::extract::extract;
use dvht::findings::Lang;
use dvht::rubric::Rubric;
use proptest::prelude::*;
use rust_decimal::Decimal;

const WORDS: &[&str] = &[
    "Nội dung tiêu chí",
    "Điểm tự chấm",
    "Điểm",
    "Tự chấm",
    "Tối đa",
    "STT",
    "Số liệu",
    "Tỷ lệ",
    "Ghi chú",
    "Đơn vị:",
    "I. Đơn vị: Phòng Tư pháp",
    "Tổng số thành viên:",
    "Tổng số CB CC-VC – người lao động:",
    "NĂM 2023",
    "Năm:",
    "Tổng cộng",
    "Xếp loại",
    "Cộng",
    "Trong đó",
    "a",
    "Đơn vị có chủ trương hoặc kế hoạch",
    "100% thành viên trong đơn vị",
    "100% thành viên trong đơn vị đạt từ danh hiệu “Lao động tiên tiến”",
    "Đơn vị đạt từ danh hiệu “Tập thể lao động tiên tiến”",
    "Có cam kết học tập suốt đời",
    "- Tổng số hội viên đóng hội phí: 45, thành tiền:",
    "+ Bao nhiêu suất quà:.... , thành tiền",
    "thành tiền:",
    "Tồn quỹ:",
    "+ Quyết định thành lập Ban Khuyến học cơ quan",
    "9,5 điểm",
    "95%",
    "47/50",
    "9,5/10",
    "1.200.000 đồng",
    "Có",
    "Không",
    "x",
    "✓",
    "…..",
    "-",
    ":",
    "",
    "a.b)",
    "Năm Căn Năm: 2023",
    "ẞ İ ﬁ 𝔸 \u{202e}",
];

fn value() -> impl Strategy<Value = CellValue> {
    prop_oneof![
        4 => prop::sample::select(WORDS).prop_map(|w| CellValue::Text(w.to_string())),
        1 => "\\PC{0,30}".prop_map(CellValue::Text),
        2 => (any::<i64>(), 0u32..28, any::<bool>()).prop_map(|(m, s, percent)| CellValue::Number {
            value: Decimal::new(m, s),
            percent,
        }),
        1 => "[A-Z]{1,3}[0-9]{1,3}".prop_map(|f| CellValue::FormulaNoValue { formula: f }),
        1 => Just(CellValue::Error("#DIV/0!".into())),
        1 => any::<bool>().prop_map(CellValue::Bool),
    ]
}

fn sheet() -> impl Strategy<Value = Sheet> {
    let cells = prop::collection::vec((0u32..40, 0u32..8, value()), 0..160);
    let merges = prop::collection::vec(
        (
            prop_oneof![0u32..40, Just(u32::MAX)],
            0u32..8,
            prop_oneof![0u32..40, Just(u32::MAX)],
            prop_oneof![0u32..8, Just(u32::MAX)],
        ),
        0..12,
    );
    // Half the sheets get a table header somewhere, so that the table code runs.
    let header = prop::option::of((0u32..40, 0u32..6));
    ("[a-zA-Z ]{1,10}", cells, merges, any::<bool>(), header).prop_map(
        |(name, cells, merges, too_large, header)| {
            let mut cells: Vec<Cell> = cells
                .into_iter()
                .map(|(r, c, value)| Cell {
                    addr: Addr::new(r, c),
                    value,
                })
                .collect();
            if let Some((r, c)) = header {
                for (dc, label) in [
                    (0, "Nội dung tiêu chí"),
                    (1, "Số liệu"),
                    (2, "Điểm tự chấm"),
                ] {
                    cells.push(Cell {
                        addr: Addr::new(r, c + dc),
                        value: CellValue::Text(label.into()),
                    });
                }
            }
            let mut s = Sheet {
                name,
                cells,
                merges: merges
                    .into_iter()
                    .map(|(r0, c0, r1, c1)| Merge {
                        first: Addr::new(r0, c0),
                        last: Addr::new(r1, c1),
                    })
                    .collect(),
                too_large,
            };
            s.normalize();
            s
        },
    )
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    #[test]
    fn random_sheets_never_break_extraction(sheets in prop::collection::vec(sheet(), 0..4)) {
        let rubric = Rubric::builtin();
        let wb = Workbook::of_sheets(sheets);
        let ex = extract(&rubric, &wb);
        let names: Vec<&str> = wb.sheets.iter().map(|s| s.name.as_str()).collect();
        if ex.forms.is_empty() {
            prop_assert!(ex.findings.iter().any(|f| f.code == dvht::findings::Code::NoRubricTable));
        }
        for form in &ex.forms {
            prop_assert!(names.contains(&form.sheet.as_str()));
            let mut label_rows = std::collections::HashSet::new();
            for e in form.entries.values() {
                prop_assert!(names.contains(&e.label.sheet.as_str()));
                // One row, one id.
                prop_assert!(label_rows.insert((e.label.sheet.clone(), e.label.addr.row)));
            }
            for f in &form.findings {
                prop_assert!(f.sheet.as_deref().is_some_and(|s| names.contains(&s)));
                prop_assert!(!f.message(Lang::Vi).is_empty() && !f.message(Lang::En).is_empty());
            }
        }
    }
}
