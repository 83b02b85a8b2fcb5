//! The scheduler: a pure function from units (each with its length and the
//! teams it may go to) and the day's sessions to each unit's team and time.
//!
//! Every team works the same sessions. A unit is placed in one session of
//! one team it may go to; the units of a session follow one another from the
//! session's start, in their input order, so slots never overlap and never
//! leave the session. The most constrained units are placed first (fewest
//! teams, then longest), each on the team with the least load so far that
//! still has room, in the first session with room; then single units are
//! moved from a heavier to a lighter team while that narrows the gap. The
//! same input gives the same answer.
//!
//! ```
//! use dvht::plan::schedule::{Job, Problem, solve};
//! let p = Problem {
//!     jobs: vec![Job { minutes: 20, allowed: vec![true, false] }, Job { minutes: 20, allowed: vec![true, true] }],
//!     teams: 2,
//!     sessions: vec![(450, 660)],
//! };
//! let s = solve(&p);
//! assert_eq!((s[0].unwrap().team, s[0].unwrap().start), (0, 450));
//! assert_eq!((s[1].unwrap().team, s[1].unwrap().start), (1, 450));
//! ```

/// A unit to place.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Job {
    pub minutes: u32,
    /// For each team, whether the unit may go to it.
    pub allowed: Vec<bool>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub jobs: Vec<Job>,
    pub teams: usize,
    /// (start, end) in minutes since midnight, in time order, not overlapping.
    pub sessions: Vec<(u32, u32)>,
}

/// Where and when a unit goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Placement {
    pub team: usize,
    pub session: usize,
    /// Minutes since midnight.
    pub start: u32,
    pub end: u32,
}

/// The work being placed: for each job its (team, session), and the
/// minutes each team's sessions have taken.
struct Board<'p> {
    p: &'p Problem,
    at: Vec<Option<(usize, usize)>>,
    /// used[team][session], minutes.
    used: Vec<Vec<u32>>,
    /// Minutes and jobs of each team.
    loads: Vec<u32>,
    counts: Vec<usize>,
}

impl Board<'_> {
    fn room(&self, team: usize, session: usize) -> u32 {
        let (s, e) = self.p.sessions[session];
        (e - s).saturating_sub(self.used[team][session])
    }

    fn load(&self, team: usize) -> u32 {
        self.loads[team]
    }

    fn count(&self, team: usize) -> usize {
        self.counts[team]
    }

    /// The first session of `team` with room for `minutes`.
    fn fits(&self, team: usize, minutes: u32) -> Option<usize> {
        (0..self.p.sessions.len()).find(|&s| self.room(team, s) >= minutes)
    }

    fn put(&mut self, job: usize, team: usize, session: usize) {
        let m = self.p.jobs[job].minutes;
        if let Some((t, s)) = self.at[job] {
            self.used[t][s] -= m;
            self.loads[t] -= m;
            self.counts[t] -= 1;
        }
        self.at[job] = Some((team, session));
        self.used[team][session] += m;
        self.loads[team] += m;
        self.counts[team] += 1;
    }

    fn allowed(&self, job: usize, team: usize) -> bool {
        self.p.jobs[job].allowed.get(team).copied().unwrap_or(false)
    }
}

/// Each job's placement, or `None` where it found no room (or no team it
/// may go to).
pub fn solve(p: &Problem) -> Vec<Option<Placement>> {
    let mut b = Board {
        p,
        at: vec![None; p.jobs.len()],
        used: vec![vec![0; p.sessions.len()]; p.teams],
        loads: vec![0; p.teams],
        counts: vec![0; p.teams],
    };
    let mut order: Vec<usize> = (0..p.jobs.len()).collect();
    order.sort_by_key(|&j| {
        let n = (0..p.teams).filter(|&t| b.allowed(j, t)).count();
        (n, std::cmp::Reverse(p.jobs[j].minutes), j)
    });
    place(&mut b, &order);
    // Moving units between teams may make room for one that found none:
    // place it and balance again, until nothing changes.
    loop {
        rebalance(&mut b);
        let before = b.counts.iter().sum::<usize>();
        place(&mut b, &order);
        if b.counts.iter().sum::<usize>() == before {
            break;
        }
    }
    times(&b)
}

/// Places each job of `order` not yet placed on the least loaded team it
/// may go to that has room, in that team's first session with room.
fn place(b: &mut Board, order: &[usize]) {
    let p = b.p;
    for &j in order {
        if b.at[j].is_some() {
            continue;
        }
        let m = p.jobs[j].minutes;
        let best = (0..p.teams)
            .filter(|&t| b.allowed(j, t))
            .filter_map(|t| b.fits(t, m).map(|s| ((b.load(t), b.count(t), t), s)))
            .min();
        if let Some(((_, _, t), s)) = best {
            b.put(j, t, s);
        }
    }
}

/// How a move ranks: widest gap first (as `u32::MAX - gap`), then the gap
/// it leaves, then the job.
type MoveKey = (u32, u32, usize);

/// Moves single jobs from a heavier team to a lighter one while that
/// narrows the gap between them (each move lowers the sum of squared
/// loads, so this ends).
fn rebalance(b: &mut Board) {
    let p = b.p;
    for _ in 0..(p.jobs.len() * p.teams.max(1) + 1) {
        // (ordering key, job, to team, session)
        let mut best: Option<(MoveKey, usize, usize, usize)> = None;
        for (j, at) in b.at.iter().enumerate() {
            let Some((from, _)) = *at else { continue };
            let m = p.jobs[j].minutes;
            for to in 0..p.teams {
                if to == from || !b.allowed(j, to) {
                    continue;
                }
                let gap = b.load(from).saturating_sub(b.load(to));
                if m == 0 || m >= gap {
                    continue;
                }
                let Some(s) = b.fits(to, m) else { continue };
                // The widest gap first, then the move that leaves the
                // narrowest one, then the earliest job.
                let after = gap.abs_diff(2 * m);
                let key = (u32::MAX - gap, after, j);
                if best.is_none_or(|(k, ..)| key < k) {
                    best = Some((key, j, to, s));
                }
            }
        }
        let Some((_, j, to, s)) = best else { return };
        b.put(j, to, s);
    }
}

/// Start and end of every placed job: a session's jobs one after another
/// from its start, in input order.
fn times(b: &Board) -> Vec<Option<Placement>> {
    let p = b.p;
    let mut next: Vec<Vec<u32>> = vec![p.sessions.iter().map(|s| s.0).collect(); p.teams];
    b.at.iter()
        .enumerate()
        .map(|(j, at)| {
            let (team, session) = (*at)?;
            let start = next[team][session];
            let end = start + p.jobs[j].minutes;
            next[team][session] = end;
            Some(Placement {
                team,
                session,
                start,
                end,
            })
        })
        .collect()
}

/// What would make every job fit, each worked out by solving again.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Remedies {
    /// The last session ending at this time (minutes since midnight), the
    /// earliest in 5-minute steps that fits every job that has a team.
    pub last_session_end: Option<u32>,
    /// This many more teams (with no member from any unit) fit every job.
    pub more_teams: Option<usize>,
    /// Slots this long (plain, with errors) fit every job that has a team.
    pub shorter_slots: Option<(u32, u32)>,
}

/// The shortest slot a remedy proposes, minutes (the shortest a teams file
/// accepts).
pub const MIN_SLOT: u32 = 5;

/// The fewest teams to add (each may take every job) for every job of `p`
/// to fit: doubled until enough, then narrowed down by halves.
fn fewest_more_teams(p: &Problem) -> Option<usize> {
    let fits = |extra: usize| {
        let mut q = p.clone();
        q.teams += extra;
        for j in q.jobs.iter_mut() {
            j.allowed.resize(p.teams, false);
            j.allowed.extend(std::iter::repeat_n(true, extra));
        }
        placed(&q) == p.jobs.len()
    };
    let most = p.jobs.len().max(1);
    let mut hi = 1;
    while !fits(hi) {
        if hi >= most {
            return None;
        }
        hi = (hi * 2).min(most);
    }
    let mut lo = hi / 2; // does not fit (or is 0)
    while hi - lo > 1 {
        let mid = (lo + hi) / 2;
        if fits(mid) {
            hi = mid;
        } else {
            lo = mid;
        }
    }
    Some(hi)
}

/// How many jobs `p` places.
pub fn placed(p: &Problem) -> usize {
    solve(p).iter().flatten().count()
}

/// What would make the jobs of `p` fit: a later end of the last session, more
/// teams, or shorter slots (`slot` and `error_slot` the lengths in force; a
/// job of `error_slot` minutes is a unit with errors).
pub fn remedies(p: &Problem, slot: u32, error_slot: u32) -> Remedies {
    // Jobs no team may take are helped by neither a longer day nor shorter
    // slots: those two are worked out for the others.
    let reachable = Problem {
        jobs: p
            .jobs
            .iter()
            .filter(|j| j.allowed.iter().any(|a| *a))
            .cloned()
            .collect(),
        ..p.clone()
    };
    let all = reachable.jobs.len();
    let room_short = placed(&reachable) < all;
    let mut r = Remedies {
        more_teams: fewest_more_teams(p),
        ..Remedies::default()
    };
    if !room_short {
        return r;
    }
    // A later end fits more, a shorter slot too: each found by halving.
    if let Some(&(last_start, last_end)) = p.sessions.last() {
        let first = last_end / 5 + 1; // in 5-minute steps, after the end
        r.last_session_end = least(first, super::day::DAY_MINUTES / 5, |k| {
            let mut q = reachable.clone();
            if let Some(s) = q.sessions.last_mut() {
                *s = (last_start, k * 5);
            }
            placed(&q) == all
        })
        .map(|k| k * 5);
    }
    // Units with errors keep their share of extra time.
    let lengths = |s: u32| {
        let e = (u64::from(error_slot) * u64::from(s) / u64::from(slot.max(1))) as u32;
        (s, e.max(s))
    };
    // k minutes shorter than now: the fewest that fits.
    let shorten = least(1, slot.saturating_sub(MIN_SLOT), |k| {
        let (s, e) = lengths(slot - k);
        let mut q = reachable.clone();
        for j in q.jobs.iter_mut() {
            j.minutes = if j.minutes == slot { s } else { e };
        }
        placed(&q) == all
    });
    r.shorter_slots = shorten.map(|k| lengths(slot - k));
    r
}

/// The least `k` in `lo..=hi` for which `fits(k)`, taking `fits` to hold
/// from some `k` on; `None` when it does not hold at `hi`.
fn least(lo: u32, hi: u32, fits: impl Fn(u32) -> bool) -> Option<u32> {
    if lo > hi || !fits(hi) {
        return None;
    }
    let (mut lo, mut hi) = (lo, hi); // fits(hi); lo unknown
    while lo < hi {
        let mid = lo + (hi - lo) / 2;
        if fits(mid) {
            hi = mid;
        } else {
            lo = mid + 1;
        }
    }
    Some(hi)
}

#[cfg(test)]
mod tests;
