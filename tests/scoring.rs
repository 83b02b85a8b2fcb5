//! The rubric's rules at their boundaries (docs/DOMAIN.md), table-driven, plus
//! properties every computed score must have.
//!
//! Expected values here are worked out by hand from docs/DOMAIN.md, never taken
//! from the code under test.

use dvht::cells::Addr;
use dvht::findings::Lang;
use dvht::form::{Entry, Evidence, Form, Loc, Located};
use dvht::rubric::Rubric;
use dvht::scoring::{ScoredUnit, completed_steps, percent_steps, score, whole};
use proptest::prelude::*;
use rust_decimal::Decimal;

fn d(s: &str) -> Decimal {
    s.parse().unwrap()
}

fn loc(row: u32) -> Loc {
    Loc::new("Tự đánh giá", Addr::new(row, 5))
}

/// A form builder: members, evidence and self-scores by id.
#[derive(Default)]
struct F {
    form: Form,
    row: u32,
}

impl F {
    fn new() -> F {
        F {
            form: Form {
                sheet: "Tự đánh giá".into(),
                ..Form::default()
            },
            row: 8,
        }
    }
    fn members(mut self, t: &str) -> F {
        self.form.members = Some(Located::new(d(t), loc(4)));
        self
    }
    fn entry(&mut self, id: &str) -> &mut Entry {
        let row = self.row;
        self.row += 1;
        self.form
            .entries
            .entry(id.to_string())
            .or_insert_with(|| Entry::new(id, Loc::new("Tự đánh giá", Addr::new(row, 1))))
    }
    fn yes(mut self, id: &str, yes: bool) -> F {
        let e = self.entry(id);
        e.evidence = Some(Located::new(Evidence::YesNo(yes), loc(e.label.addr.row)));
        self
    }
    fn count(mut self, id: &str, c: &str) -> F {
        let e = self.entry(id);
        e.evidence = Some(Located::new(Evidence::Count(d(c)), loc(e.label.addr.row)));
        self
    }
    fn pct(mut self, id: &str, p: &str) -> F {
        let e = self.entry(id);
        e.percent = Some(Located::new(d(p), loc(e.label.addr.row)));
        self
    }
    fn selfs(mut self, id: &str, s: &str) -> F {
        let e = self.entry(id);
        e.self_score = Some(Located::new(d(s), loc(e.label.addr.row)));
        self
    }
    fn score(self) -> ScoredUnit {
        score(&Rubric::builtin(), &self.form)
    }
}

fn computed(u: &ScoredUnit, id: &str) -> Option<Decimal> {
    u.item(id).and_then(|i| i.computed)
}

fn fin(u: &ScoredUnit, id: &str) -> Option<Decimal> {
    u.item(id).and_then(|i| i.final_score)
}

// ---------------------------------------------------------------- rules

#[test]
fn percent_steps_examples_of_domain_md() {
    // (item, members T, count C, expected score)
    let cases: &[(&str, &str, &str, &str)] = &[
        ("2a", "50", "47", "9.5"), // 94 % → 1 step
        ("2a", "50", "45", "9"),   // 90 % → 2 steps
        ("2b", "50", "44", "4.5"), // 88 % → 1 step of 10 %
        ("2a", "3", "2", "7"),     // 66.67 % → 33.33 short → 6 steps
        ("2a", "50", "50", "10"),  // 100 %
        ("2a", "50", "48", "10"),  // 96 %: 4 % short, no completed step
        ("2a", "20", "19", "9.5"), // exactly 5 % short → 1 step
        ("2a", "40", "38", "9.5"), // exactly 5 %
        ("2a", "40", "37", "9.5"), // 7.5 % → 1 step
        ("2a", "40", "36", "9"),   // exactly 10 % → 2 steps
        ("2a", "10", "0", "0"),    // 100 % short → 20 steps → 0
        ("2a", "1", "0", "0"),
        ("2a", "1", "1", "10"),
        ("2b", "10", "9", "4.5"),    // exactly 10 %
        ("2b", "11", "10", "5"),     // 9.09 % short → no step
        ("2b", "10", "0", "0"),      // 10 steps × 0.5 = 5 → 0
        ("2c", "120", "114", "9.5"), // exactly 5 %
        ("2c", "120", "115", "10"),  // 4.17 %
        ("2d", "120", "96", "4"),    // exactly 20 %
        ("2d", "120", "97", "4.5"),  // 19.17 %
        ("2d", "8", "0", "0"),
        ("2d", "8", "7", "4.5"), // 12.5 %
    ];
    for (id, t, c, want) in cases {
        let u = F::new().members(t).count(id, c).score();
        assert_eq!(
            computed(&u, id),
            Some(d(want)),
            "{id} with T = {t}, C = {c} should score {want}"
        );
        assert_eq!(fin(&u, id), Some(d(want)), "final of {id}, T={t} C={c}");
    }
}

#[test]
fn percent_step_helpers_in_integers() {
    assert_eq!(completed_steps(5, 50, 47), 1);
    assert_eq!(completed_steps(5, 3, 2), 6);
    assert_eq!(completed_steps(10, 50, 44), 1);
    assert_eq!(completed_steps(5, 20, 19), 1);
    assert_eq!(completed_steps(5, 21, 20), 0); // 4.76 %
    assert_eq!(completed_steps(5, 50, 50), 0);
    // Just either side of the 10 % boundary, where floats would wobble.
    assert_eq!(
        percent_steps(d("10"), 5, d("0.5"), 1_000_000, 900_001),
        d("9.5")
    );
    assert_eq!(
        percent_steps(d("10"), 5, d("0.5"), 1_000_000, 900_000),
        d("9")
    );
    assert_eq!(
        percent_steps(d("10"), 5, d("0.5"), 1_000_000, 950_001),
        d("10")
    );
}

#[test]
fn percent_steps_input_errors_give_no_computed_score() {
    // C > T, T = 0, negative or fractional count, fractional T.
    let cases: &[(&str, &str)] = &[
        ("50", "51"),
        ("0", "0"),
        ("50", "-1"),
        ("50", "47.5"),
        ("50.5", "47"),
        ("-5", "0"),
    ];
    for (t, c) in cases {
        let u = F::new().members(t).count("2a", c).selfs("2a", "9").score();
        assert_eq!(computed(&u, "2a"), None, "T = {t}, C = {c}");
        // Without a computed score, the valid self-score stands.
        assert_eq!(fin(&u, "2a"), Some(d("9")), "T = {t}, C = {c}");
    }
    // Count but no members at all.
    let u = F::new().count("2a", "10").score();
    assert_eq!(computed(&u, "2a"), None);
    // Count and rate but no members: the rate scores.
    let u = F::new().count("2a", "47").pct("2a", "94").score();
    assert_eq!(computed(&u, "2a"), Some(d("9.5")));
    // Count and members win over a rate that disagrees.
    let u = F::new()
        .members("50")
        .count("2a", "50")
        .pct("2a", "80")
        .score();
    assert_eq!(computed(&u, "2a"), Some(d("10")));
    // A count above the members is an error, not a cue to use the rate.
    let u = F::new()
        .members("50")
        .count("2a", "51")
        .pct("2a", "100")
        .score();
    assert_eq!(computed(&u, "2a"), None);
}

#[test]
fn percent_only_when_no_count() {
    let cases: &[(&str, &str, Option<&str>)] = &[
        ("2a", "94", Some("9.5")),
        ("2a", "95", Some("9.5")),
        ("2a", "95.01", Some("10")),
        ("2a", "100", Some("10")),
        ("2a", "0", Some("0")),
        ("2b", "88", Some("4.5")),
        ("2a", "101", None),
        ("2a", "-1", None),
    ];
    for (id, p, want) in cases {
        let u = F::new().pct(id, p).score();
        assert_eq!(computed(&u, id), want.map(d), "{id} at {p} %");
    }
}

#[test]
fn yes_no_items() {
    let cases: &[(&str, bool, &str)] = &[
        ("1a", true, "10"),
        ("1a", false, "0"),
        ("1b", true, "10"),
        ("1b", false, "0"),
        ("3a1", true, "3"),
        ("3a7", false, "0"),
        ("3a8", true, "4"),
        ("3a8", false, "0"),
        ("3b", true, "10"),
        ("3b", false, "0"),
    ];
    for (id, yes, want) in cases {
        let u = F::new().yes(id, *yes).score();
        assert_eq!(computed(&u, id), Some(d(want)), "{id} = {yes}");
    }
    // A count where a yes/no belongs is not evidence for it.
    let u = F::new().count("1a", "1").score();
    assert_eq!(computed(&u, "1a"), None);
}

#[test]
fn resources_lacking_1c() {
    for (lacking, want) in [(0, "10"), (1, "8"), (2, "6"), (3, "4"), (4, "2")] {
        let u = F::new().count("1c", &lacking.to_string()).score();
        assert_eq!(computed(&u, "1c"), Some(d(want)), "1c lacking {lacking}");
    }
    for bad in ["5", "-1", "1.5"] {
        let u = F::new().count("1c", bad).score();
        assert_eq!(computed(&u, "1c"), None, "1c lacking {bad}");
    }
}

#[test]
fn units_shared_with_3c() {
    for (n, want) in [
        (0, "0"),
        (1, "1"),
        (2, "2"),
        (3, "3"),
        (4, "4"),
        (5, "5"),
        (6, "5"),
        (7, "5"),
    ] {
        let u = F::new().count("3c", &n.to_string()).score();
        assert_eq!(computed(&u, "3c"), Some(d(want)), "3c shared with {n}");
    }
    for bad in ["-1", "2.5"] {
        let u = F::new().count("3c", bad).score();
        assert_eq!(computed(&u, "3c"), None, "3c {bad}");
    }
}

#[test]
fn final_is_computed_else_valid_self_else_none() {
    // (evidence yes?, self, expected final)
    let u = F::new().yes("1a", false).selfs("1a", "10").score();
    assert_eq!(fin(&u, "1a"), Some(d("0")), "computed wins over self");
    let u = F::new().selfs("1a", "10").score();
    assert_eq!(fin(&u, "1a"), Some(d("10")), "self at max is valid");
    let u = F::new().selfs("1a", "0").score();
    assert_eq!(fin(&u, "1a"), Some(d("0")), "self 0 is valid");
    let u = F::new().selfs("1a", "10.5").score();
    assert_eq!(fin(&u, "1a"), None, "self above max is not valid");
    let u = F::new().selfs("2a", "9.3").score();
    assert_eq!(
        fin(&u, "2a"),
        None,
        "a self-score off the 0.5 steps is not valid"
    );
    let u = F::new().selfs("2a", "9.5").score();
    assert_eq!(
        fin(&u, "2a"),
        Some(d("9.5")),
        "a self-score on the steps is"
    );
    let u = F::new().selfs("1a", "-0.5").score();
    assert_eq!(fin(&u, "1a"), None, "negative self is not valid");
    assert_eq!(u.item("1a").and_then(|i| i.self_score), Some(d("-0.5")));
    let u = F::new().score();
    assert_eq!(fin(&u, "1a"), None, "nothing given");
    assert_eq!(u.total.final_score, None);
    assert_eq!(u.class_final, None);
}

/// A fully filled form with the given self-scores equal to the computed ones.
fn full(members: &str) -> F {
    let mut f = F::new().members(members);
    for id in [
        "1a", "1b", "3a1", "3a2", "3a3", "3a4", "3a5", "3a6", "3a7", "3a8", "3b",
    ] {
        f = f.yes(id, true);
    }
    f.count("1c", "0")
        .count("2a", members)
        .count("2b", members)
        .count("2c", members)
        .count("2d", members)
        .count("3c", "5")
}

#[test]
fn group_sums_and_total() {
    let u = full("40")
        .count("2a", "37") // 9.5
        .count("2d", "30") // 25 % short → 2 steps → 4
        .yes("3a5", false) // 0
        .count("3c", "2") // 2
        .count("1c", "1") // 8
        .score();
    assert_eq!(computed(&u, "1"), Some(d("28")));
    assert_eq!(computed(&u, "2"), Some(d("28.5")));
    assert_eq!(computed(&u, "3a"), Some(d("22")));
    assert_eq!(computed(&u, "3"), Some(d("34")));
    assert_eq!(u.total.computed, Some(d("90.5")));
    assert_eq!(u.total.final_score, Some(d("90.5")));
    assert_eq!(u.total.max, d("100"));
    assert_eq!(u.class_final.as_deref(), Some("Tốt"));
    // No self-scores were given at all.
    assert_eq!(u.total.self_score, None);
    assert_eq!(u.class_self, None);
}

#[test]
fn group_computed_needs_every_child_but_self_and_final_sum_what_is_there() {
    let u = F::new()
        .yes("1a", true)
        .selfs("1a", "10")
        .selfs("1b", "9.5")
        .score();
    assert_eq!(computed(&u, "1"), None, "1b and 1c have no evidence");
    assert_eq!(u.item("1").and_then(|i| i.self_score), Some(d("19.5")));
    assert_eq!(fin(&u, "1"), Some(d("19.5")));
    assert_eq!(u.total.self_score, Some(d("19.5")));
    assert_eq!(u.total.computed, None);
    assert_eq!(u.class_self.as_deref(), Some("Chưa đạt"));
}

#[test]
fn classification_bands_at_their_edges() {
    // Self-scores only: 1a + 1b + 1c + 2a + 2b + 2c + 2d + 3a… + 3b + 3c.
    let cases: &[(&str, &str)] = &[
        ("100", "Tốt"),
        ("85", "Tốt"),
        ("84.5", "Khá"),
        ("70", "Khá"),
        ("69.5", "Trung bình"),
        ("50", "Trung bình"),
        ("49.5", "Chưa đạt"),
        ("0", "Chưa đạt"),
    ];
    for (total, band) in cases {
        // Spread the total over 2a (≤10), 3b (≤10) and the rest at max.
        let t = d(total);
        let mut f = F::new();
        let mut left = t;
        let rubric = Rubric::builtin();
        for item in rubric.leaves() {
            let s = left.min(item.max);
            left -= s;
            f = f.selfs(&item.id, &s.to_string());
        }
        let u = f.score();
        assert_eq!(u.total.self_score, Some(t));
        assert_eq!(u.class_self.as_deref(), Some(*band), "total {total}");
        assert_eq!(u.class_final.as_deref(), Some(*band), "total {total}");
    }
}

// ---------------------------------------------------------- explanations

#[test]
fn explanations_read_well_for_a_clerk() {
    let u = F::new()
        .members("50")
        .count("2a", "47")
        .count("2b", "50")
        .count("2c", "48")
        .count("1c", "2")
        .count("3c", "7")
        .yes("1a", true)
        .yes("1b", false)
        .score();
    let explain = |id: &str, lang| {
        u.item(id)
            .and_then(|i| i.explanation.as_ref())
            .map(|e| e.render(lang))
            .unwrap_or_default()
    };
    let vi = |id: &str| explain(id, Lang::Vi);
    let en = |id: &str| explain(id, Lang::En);
    assert_eq!(vi("2a"), "47/50 thành viên = 94%: thiếu 6% → trừ 0,5 điểm");
    assert_eq!(en("2a"), "47/50 members = 94%: 6% short → minus 0.5 points");
    assert_eq!(vi("2b"), "50/50 thành viên = 100% → 5 điểm");
    assert_eq!(
        vi("2c"),
        "48/50 thành viên = 96%: thiếu 4%, chưa đủ 5% → không trừ"
    );
    assert_eq!(vi("1c"), "Thiếu 2/4 nguồn lực → trừ 4 điểm");
    assert_eq!(vi("3c"), "Chia sẻ với 7 đơn vị → 5 điểm (tối đa 5 điểm)");
    assert_eq!(en("3c"), "Shared with 7 units → 5 points (at most 5)");
    assert_eq!(vi("1a"), "Có → 10 điểm");
    assert_eq!(vi("1b"), "Không → 0 điểm");
    // Nothing computed, nothing explained.
    assert_eq!(vi("2d"), "");
    // From a rate alone.
    let expl = |p: &str| {
        let u = F::new().pct("2a", p).score();
        u.item("2a")
            .and_then(|i| i.explanation.as_ref())
            .map(|e| e.render(Lang::Vi))
            .unwrap_or_default()
    };
    assert_eq!(expl("94"), "Tỷ lệ 94%: thiếu 6% → trừ 0,5 điểm");
    assert_eq!(
        expl("97,5".replace(',', ".").as_str()),
        "Tỷ lệ 97,5%: thiếu 2,5%, chưa đủ 5% → không trừ"
    );
    assert_eq!(expl("100"), "Tỷ lệ 100% → 10 điểm");
    // Two thirds: the percentage is shown rounded, the Vietnamese way.
    let u = F::new().members("3").count("2a", "2").score();
    assert_eq!(
        u.item("2a")
            .and_then(|i| i.explanation.as_ref())
            .map(|e| e.render(Lang::Vi)),
        Some("2/3 thành viên = 66,67%: thiếu 33,33% → trừ 3 điểm".to_string())
    );
}

// ------------------------------------------------------------ properties

fn is_half_multiple(x: Decimal) -> bool {
    (x * Decimal::TWO).fract().is_zero()
}

proptest! {
    #[test]
    fn percent_scores_are_in_range_and_steps_of_half(
        id in prop::sample::select(vec!["2a", "2b", "2c", "2d"]),
        t in 1u64..2000,
        frac in 0.0f64..=1.0,
    ) {
        let c = ((t as f64) * frac).floor() as u64;
        let c = c.min(t);
        let u = F::new().members(&t.to_string()).count(id, &c.to_string()).score();
        let item = u.item(id).unwrap();
        let s = item.computed.unwrap();
        prop_assert!(s >= Decimal::ZERO && s <= item.max, "{} T={} C={} → {}", id, t, c, s);
        prop_assert!(is_half_multiple(s));
        // Independent check: deduction = 0.5 per completed step, with the
        // shortfall compared in exact rationals (cross-multiplied).
        let step: u64 = if id == "2a" || id == "2c" { 5 } else { 10 };
        let mut steps = 0u64;
        while 100 * (t - c) >= step * t * (steps + 1) { steps += 1; }
        let want = (item.max - Decimal::new(5, 1) * Decimal::from(steps)).max(Decimal::ZERO);
        prop_assert_eq!(s, want);
    }

    #[test]
    fn scores_never_fall_when_a_count_rises(
        id in prop::sample::select(vec!["2a", "2b", "2c", "2d"]),
        t in 1u64..500,
        c in 0u64..500,
    ) {
        prop_assume!(c < t);
        let a = F::new().members(&t.to_string()).count(id, &c.to_string()).score();
        let b = F::new().members(&t.to_string()).count(id, &(c + 1).to_string()).score();
        prop_assert!(computed(&a, id).unwrap() <= computed(&b, id).unwrap());
    }

    #[test]
    fn every_computed_score_of_a_full_form_is_in_range(
        t in 1u64..150,
        counts in prop::collection::vec(0u64..150, 4),
        yes in prop::collection::vec(any::<bool>(), 11),
        lacking in 0u64..=4,
        shared in 0u64..20,
    ) {
        let mut f = F::new().members(&t.to_string());
        for (id, c) in ["2a", "2b", "2c", "2d"].iter().zip(&counts) {
            f = f.count(id, &(c % (t + 1)).to_string());
        }
        for (id, y) in ["1a", "1b", "3a1", "3a2", "3a3", "3a4", "3a5", "3a6", "3a7", "3a8", "3b"].iter().zip(&yes) {
            f = f.yes(id, *y);
        }
        let u = f.count("1c", &lacking.to_string()).count("3c", &shared.to_string()).score();
        for item in &u.items {
            let s = item.computed.unwrap();
            prop_assert!(s >= Decimal::ZERO && s <= item.max, "{} = {}", item.id, s);
            prop_assert!(is_half_multiple(s), "{} = {}", item.id, s);
            prop_assert_eq!(item.final_score, Some(s));
        }
        let total = u.total.computed.unwrap();
        prop_assert!(total >= Decimal::ZERO && total <= d("100"));
        let leaves: Decimal = Rubric::builtin().leaves().map(|i| computed(&u, &i.id).unwrap()).sum();
        prop_assert_eq!(total, leaves);
    }

    #[test]
    fn whole_accepts_exactly_the_non_negative_integers(n in -1000i64..1000, scale in 0u32..3) {
        let x = Decimal::new(n, scale);
        let expect = if n >= 0 && (scale == 0 || n % 10i64.pow(scale) == 0) {
            Some((n / 10i64.pow(scale)) as u64)
        } else {
            None
        };
        prop_assert_eq!(whole(x), expect);
    }
}
