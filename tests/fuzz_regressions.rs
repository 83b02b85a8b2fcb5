//! One test per bug the fuzzers found, named after what broke. The inputs
//! are also in `fuzz/corpus/`, replayed by `tests/fuzz_corpus_replay.rs`.

use dvht::cells::CellValue;
use dvht::value::{self, Kind, ValueError};
use rust_decimal::Decimal;

/// value_parse, crash-4de5503a: a number near Decimal's maximum in a cell
/// formatted as percent overflowed when scaled by 100 ("Multiplication
/// overflowed" panic), both when shown in a message and when read as a
/// percentage. A reader hands over any f64 up to ~7.9e28 as a Decimal.
#[test]
fn percent_cell_near_decimal_max_does_not_overflow() {
    let huge = CellValue::Number {
        value: Decimal::MAX,
        percent: true,
    };
    assert_eq!(huge.display(), Decimal::MAX.to_string());
    assert_eq!(
        value::parse(&huge, Kind::Percent),
        Err(ValueError::NotANumber(Decimal::MAX.to_string()))
    );
    // Other kinds read the number itself.
    assert_eq!(value::parse(&huge, Kind::Count), Ok(Some(Decimal::MAX)));
    // An ordinary percent cell still reads as points.
    let p = CellValue::Number {
        value: Decimal::new(95, 2),
        percent: true,
    };
    assert_eq!(p.display(), "95%");
    assert_eq!(value::parse(&p, Kind::Percent), Ok(Some(Decimal::from(95))));
}

/// Found reading the fuzz target's path: self-scores near Decimal's maximum
/// (a unit typing 5e28 in two criteria; Excel stores it, the reader hands it
/// over exactly) overflowed the group and total sums ("Addition overflowed"
/// panic in `scoring::score`). The sums are now absent instead.
#[test]
fn huge_self_scores_do_not_overflow_group_sums() {
    use dvht::cells::Addr;
    use dvht::form::{Entry, Form, Loc, Located};
    use dvht::rubric::Rubric;
    let rubric = Rubric::builtin();
    let mut form = Form {
        sheet: "S".into(),
        ..Default::default()
    };
    for (row, item) in rubric.leaves().enumerate() {
        let loc = Loc::new("S", Addr::new(row as u32, 3));
        let mut e = Entry::new(&item.id, loc.clone());
        e.self_score = Some(Located::new(Decimal::MAX, loc));
        form.entries.insert(item.id.clone(), e);
    }
    let scored = dvht::scoring::score(&rubric, &form);
    // A leaf keeps what was written; no group or total can hold the sum.
    assert_eq!(
        scored.item("1a").and_then(|i| i.self_score),
        Some(Decimal::MAX)
    );
    assert_eq!(scored.item("1").and_then(|i| i.self_score), None);
    assert_eq!(scored.total.self_score, None);
}
