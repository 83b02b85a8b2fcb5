use super::*;
use proptest::prelude::*;

const DAY: [(u32, u32); 2] = [(450, 660), (810, 1020)]; // 07:30–11:00, 13:30–17:00

fn free(n: usize, minutes: u32, teams: usize) -> Vec<Job> {
    (0..n)
        .map(|_| Job {
            minutes,
            allowed: vec![true; teams],
        })
        .collect()
}

/// Every rule, checked from the placements alone: allowed teams only, inside
/// a session, no two slots of a team overlapping, every unplaced job with no
/// room anywhere it may go, and no single move that would narrow the gap
/// between two teams' loads.
fn check_rules(p: &Problem, s: &[Option<Placement>]) {
    assert_eq!(s.len(), p.jobs.len());
    let mut per_team: Vec<Vec<(u32, u32)>> = vec![Vec::new(); p.teams];
    for (j, at) in s.iter().enumerate() {
        let Some(at) = at else { continue };
        assert!(
            p.jobs[j].allowed[at.team],
            "job {j} on a team it may not go to"
        );
        assert_eq!(at.end - at.start, p.jobs[j].minutes);
        let (ss, se) = p.sessions[at.session];
        assert!(
            ss <= at.start && at.end <= se,
            "job {j} outside its session"
        );
        per_team[at.team].push((at.start, at.end));
    }
    for slots in per_team.iter_mut() {
        slots.sort();
        for w in slots.windows(2) {
            assert!(w[0].1 <= w[1].0, "overlap {w:?}");
        }
    }
    // Room left in each team's sessions.
    let room = |t: usize, sess: usize| -> u32 {
        let (ss, se) = p.sessions[sess];
        let used: u32 = s
            .iter()
            .flatten()
            .filter(|a| a.team == t && a.session == sess)
            .map(|a| a.end - a.start)
            .sum();
        se - ss - used
    };
    let fits = |t: usize, m: u32| (0..p.sessions.len()).any(|k| room(t, k) >= m);
    for (j, at) in s.iter().enumerate() {
        if at.is_none() {
            for t in 0..p.teams {
                assert!(
                    !(p.jobs[j].allowed[t] && fits(t, p.jobs[j].minutes)),
                    "job {j} left out though team {t} has room"
                );
            }
        }
    }
    let load = |t: usize| -> u32 {
        s.iter()
            .flatten()
            .filter(|a| a.team == t)
            .map(|a| a.end - a.start)
            .sum()
    };
    for (j, at) in s.iter().enumerate() {
        let Some(at) = at else { continue };
        for to in 0..p.teams {
            let m = p.jobs[j].minutes;
            let gap = load(at.team).saturating_sub(load(to));
            if to != at.team && p.jobs[j].allowed[to] && m < gap && fits(to, m) {
                panic!("moving job {j} ({m} min) to team {to} would narrow the gap of {gap}");
            }
        }
    }
}

#[test]
fn twenty_six_units_two_teams_one_day() {
    let mut jobs = free(26, 20, 2);
    // Three units with errors get 30 minutes; four units may go to one team only.
    for j in [3, 10, 17] {
        jobs[j].minutes = 30;
    }
    for (j, t) in [(0, 0), (1, 0), (2, 1), (4, 1)] {
        jobs[j].allowed = vec![false, false];
        jobs[j].allowed[t] = true;
    }
    let p = Problem {
        jobs,
        teams: 2,
        sessions: DAY.to_vec(),
    };
    let s = solve(&p);
    assert!(s.iter().all(Option::is_some));
    check_rules(&p, &s);
    // 23 × 20 + 3 × 30 = 550 minutes: 270 and 280, or 280 and 270.
    let load0: u32 = s
        .iter()
        .flatten()
        .filter(|a| a.team == 0)
        .map(|a| a.end - a.start)
        .sum();
    assert!(load0 == 270 || load0 == 280, "{load0}");
    assert_eq!(solve(&p), s, "the same input gives the same plan");
}

#[test]
fn an_impossible_day_places_what_fits_and_knows_what_would_fit() {
    // 60 units of 20 minutes, two teams of two 210-minute sessions: ten
    // units per session, forty in all.
    let p = Problem {
        jobs: free(60, 20, 2),
        teams: 2,
        sessions: DAY.to_vec(),
    };
    let s = solve(&p);
    assert_eq!(s.iter().flatten().count(), 40);
    check_rules(&p, &s);
    let r = remedies(&p, 20, 30);
    // Thirty units a team: ten in the morning, twenty (400 minutes) from
    // 13:30, to 20:10.
    assert_eq!(r.last_session_end, Some(20 * 60 + 10));
    // Three teams of twenty.
    assert_eq!(r.more_teams, Some(1));
    // Fifteen units per session (fifteen of 14 minutes is 210) fit sixty;
    // 15 minutes would fit fourteen per session, 56 in all.
    assert_eq!(r.shorter_slots, Some((14, 21)));
}

#[test]
fn a_unit_every_team_excludes_needs_another_team_not_a_longer_day() {
    let mut jobs = free(5, 20, 2);
    jobs[2].allowed = vec![false, false];
    let p = Problem {
        jobs,
        teams: 2,
        sessions: DAY.to_vec(),
    };
    let s = solve(&p);
    assert_eq!(s[2], None);
    assert_eq!(s.iter().flatten().count(), 4);
    check_rules(&p, &s);
    let r = remedies(&p, 20, 30);
    assert_eq!(r.more_teams, Some(1));
    assert_eq!(r.last_session_end, None, "room is not what is missing");
    assert_eq!(r.shorter_slots, None);
}

#[test]
fn constrained_units_first_then_the_lighter_team() {
    // Team 0 may take every unit; team 1 only the last four. With 8 units
    // of 20 minutes and room for 5 per team (one 100-minute session),
    // team 1 must take its four and team 0 the rest.
    let mut jobs = free(8, 20, 2);
    for j in jobs.iter_mut().take(4) {
        j.allowed = vec![true, false];
    }
    let p = Problem {
        jobs,
        teams: 2,
        sessions: vec![(480, 580)],
    };
    let s = solve(&p);
    assert!(s.iter().all(Option::is_some), "{s:?}");
    check_rules(&p, &s);
    let team1 = s.iter().flatten().filter(|a| a.team == 1).count();
    assert_eq!(team1, 4);
}

#[test]
fn slots_follow_each_other_in_input_order_from_the_session_start() {
    let p = Problem {
        jobs: vec![
            Job {
                minutes: 20,
                allowed: vec![true],
            },
            Job {
                minutes: 30,
                allowed: vec![true],
            },
            Job {
                minutes: 20,
                allowed: vec![true],
            },
        ],
        teams: 1,
        sessions: vec![(450, 510), (810, 1020)],
    };
    let s: Vec<(usize, u32, u32)> = solve(&p)
        .into_iter()
        .map(|a| a.map(|a| (a.session, a.start, a.end)).unwrap())
        .collect();
    // The 30-minute unit is placed first (longest first) in the morning,
    // then the first 20-minute one; the last goes to the afternoon.
    assert_eq!(s, vec![(0, 450, 470), (0, 470, 500), (1, 810, 830)]);
}

#[test]
fn no_team_or_no_session_places_nothing_without_panicking() {
    let p = Problem {
        jobs: free(3, 20, 0),
        teams: 0,
        sessions: DAY.to_vec(),
    };
    assert!(solve(&p).iter().all(Option::is_none));
    let r = remedies(&p, 20, 30);
    assert_eq!(r.more_teams, Some(1));
    let p = Problem {
        jobs: free(3, 20, 2),
        teams: 2,
        sessions: vec![],
    };
    assert!(solve(&p).iter().all(Option::is_none));
    let r = remedies(&p, 20, 30);
    assert_eq!(r.last_session_end, None);
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]
    #[test]
    fn every_rule_holds_on_any_day(
        jobs in prop::collection::vec((prop::sample::select(vec![15u32, 20, 30, 45]), prop::collection::vec(any::<bool>(), 3)), 0..70),
        teams in 1usize..4,
        sessions in prop::collection::vec((0u32..12, 1u32..60), 1..4),
    ) {
        // Sessions from (gap, length) pairs in 5-minute steps, in order.
        let mut t = 420;
        let sessions: Vec<(u32, u32)> = sessions
            .into_iter()
            .map(|(gap, len)| {
                let s = t + gap * 5;
                t = s + len * 5;
                (s, t)
            })
            .collect();
        let p = Problem {
            jobs: jobs
                .into_iter()
                .map(|(minutes, allowed)| Job { minutes, allowed: allowed[..teams].to_vec() })
                .collect(),
            teams,
            sessions,
        };
        let s = solve(&p);
        check_rules(&p, &s);
        prop_assert_eq!(solve(&p), s);
    }
}
