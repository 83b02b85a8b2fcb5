//! The inspection day (`dvht plan`): which team inspects which unit, when.
//!
//! [`teams`] reads the teams file; [`make`] turns the units of the district
//! workbook and the teams file into a [`Plan`] — plain data the schedule
//! workbook, the team workbooks, the JSON output and the documents are all
//! written from — using the pure scheduler of [`schedule`].
//!
//! The rules: every unit once; a team's slots never overlap and stay inside
//! the sessions; a unit never goes to a team with a member from that unit's
//! own agency (a unit's agency is the unit itself: "Phòng GD&ĐT" is the unit
//! "Phòng Giáo dục và Đào tạo", and no school is); the teams' loads are
//! balanced; a unit whose form has error-level findings gets the longer
//! slot. When some unit has no place, the plan says which, why, and what
//! would make them all fit ([`schedule::Remedies`]).

pub mod day;
pub mod schedule;
pub mod schedule_book;
pub mod team_book;
pub mod teams;

use crate::findings::Lang;
use crate::text::fold_ascii;
use day::{Clock, Date};
use schedule::{Job, Problem, Remedies};
use teams::{Member, Session, TeamsFile};

/// A unit as the district workbook lists it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlanUnit {
    pub name: String,
    /// Whether its form has error-level findings.
    pub errors: bool,
}

/// The inspection day, drawn up.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Plan {
    pub date: Date,
    pub place: Option<String>,
    pub slot_minutes: u32,
    pub error_slot_minutes: u32,
    pub sessions: Vec<Session>,
    pub teams: Vec<TeamPlan>,
    /// Units with no place (empty when the day works).
    pub unscheduled: Vec<Unscheduled>,
    /// Units in the workbook (each counted once).
    pub units: usize,
    /// What would make every unit fit, when some do not.
    pub remedies: Option<Remedies>,
}

/// One team and its day.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TeamPlan {
    pub name: String,
    pub members: Vec<Member>,
    /// In time order.
    pub visits: Vec<Visit>,
}

/// A unit's slot with a team.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Visit {
    pub unit: String,
    pub start: Clock,
    pub end: Clock,
    /// Index into [`Plan::sessions`].
    pub session: usize,
    /// The longer slot of a unit whose form has error-level findings.
    pub longer: bool,
}

/// A unit with no place, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unscheduled {
    pub unit: String,
    pub reason: Reason,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Reason {
    /// Every team has a member from the unit's own agency: (team, member).
    OwnAgency(Vec<(String, String)>),
    /// The teams it may go to have no room left.
    NoRoom,
}

impl Reason {
    /// The stable name used in JSON.
    pub fn code(&self) -> &'static str {
        match self {
            Reason::OwnAgency(_) => "own-agency-in-every-team",
            Reason::NoRoom => "no-room",
        }
    }
}

/// Whether a member from `agency` belongs to the unit `unit`: a unit's
/// agency is the unit itself, names matched as rosters are
/// ([`crate::agency`]: case, accents, "Phòng GD&ĐT" for "Phòng Giáo dục và
/// Đào tạo", a trailing "huyện …").
pub fn same_agency(agency: &str, unit: &str) -> bool {
    crate::agency::same_agency(agency, unit)
}

/// Whether two units of the workbook are one (the same name, or names of the
/// same agency): such a unit is scheduled once.
pub fn same_unit(a: &str, b: &str) -> bool {
    a == b || crate::agency::same_agency(a, b)
}

/// The members of `team` whose agency is the unit's own.
pub fn barred_by<'a>(members: &'a [Member], unit: &str) -> Vec<&'a Member> {
    members
        .iter()
        .filter(|m| same_agency(&m.agency, unit))
        .collect()
}

/// Draws up the day: `units` as the district workbook lists them (a unit
/// listed twice is scheduled once), `file` the teams file.
pub fn make(units: &[PlanUnit], file: &TeamsFile) -> Plan {
    // Each unit once (names matched as agencies are; a unit with errors in
    // any of its rows keeps the longer slot), in the order of their names,
    // so the schedule reads in a predictable order.
    let mut list: Vec<PlanUnit> = Vec::new();
    for u in units {
        match list.iter_mut().find(|x| same_unit(&x.name, &u.name)) {
            Some(x) => x.errors |= u.errors,
            None => list.push(u.clone()),
        }
    }
    list.sort_by_cached_key(|u| fold_ascii(&u.name));
    let jobs: Vec<Job> = list
        .iter()
        .map(|u| Job {
            minutes: if u.errors {
                file.error_slot_minutes
            } else {
                file.slot_minutes
            },
            allowed: file
                .teams
                .iter()
                .map(|t| barred_by(&t.members, &u.name).is_empty())
                .collect(),
        })
        .collect();
    let problem = Problem {
        jobs,
        teams: file.teams.len(),
        sessions: file
            .sessions
            .iter()
            .map(|s| (s.start.minutes(), s.end.minutes()))
            .collect(),
    };
    let placed = schedule::solve(&problem);
    let mut teams: Vec<TeamPlan> = file
        .teams
        .iter()
        .map(|t| TeamPlan {
            name: t.name.clone(),
            members: t.members.clone(),
            visits: Vec::new(),
        })
        .collect();
    let mut unscheduled = Vec::new();
    for (u, at) in list.iter().zip(&placed) {
        match at {
            Some(p) => teams[p.team].visits.push(Visit {
                unit: u.name.clone(),
                start: Clock::clamped(p.start),
                end: Clock::clamped(p.end),
                session: p.session,
                longer: u.errors && file.error_slot_minutes > file.slot_minutes,
            }),
            None => unscheduled.push(Unscheduled {
                unit: u.name.clone(),
                reason: reason(file, &u.name),
            }),
        }
    }
    for t in teams.iter_mut() {
        t.visits.sort_by_key(|v| (v.start, v.end));
    }
    let remedies = (!unscheduled.is_empty())
        .then(|| schedule::remedies(&problem, file.slot_minutes, file.error_slot_minutes));
    Plan {
        date: file.date,
        place: file.place.clone(),
        slot_minutes: file.slot_minutes,
        error_slot_minutes: file.error_slot_minutes,
        sessions: file.sessions.clone(),
        teams,
        unscheduled,
        units: list.len(),
        remedies,
    }
}

fn reason(file: &TeamsFile, unit: &str) -> Reason {
    let mut who = Vec::new();
    for t in &file.teams {
        let b = barred_by(&t.members, unit);
        if b.is_empty() {
            return Reason::NoRoom;
        }
        who.extend(b.into_iter().map(|m| (t.name.clone(), m.name.clone())));
    }
    Reason::OwnAgency(who)
}

impl Plan {
    /// Whether every unit has its place.
    pub fn fits(&self) -> bool {
        self.unscheduled.is_empty()
    }

    /// Units placed.
    pub fn placed(&self) -> usize {
        self.teams.iter().map(|t| t.visits.len()).sum()
    }

    /// Every visit with its team's index, in time order (then team order).
    pub fn all_visits(&self) -> Vec<(usize, &Visit)> {
        let mut all: Vec<(usize, &Visit)> = self
            .teams
            .iter()
            .enumerate()
            .flat_map(|(i, t)| t.visits.iter().map(move |v| (i, v)))
            .collect();
        all.sort_by_key(|(i, v)| (v.start, *i));
        all
    }

    /// The JSON of docs/INTERFACE.md: `{ "teams": [ { "name", "members",
    /// "units": [ { "unit", "start", "end" } ] } ], "unscheduled": [ { "unit",
    /// "reason", "message" } ] }`.
    pub fn to_json(&self, lang: Lang) -> serde_json::Value {
        use serde_json::json;
        json!({
            "teams": self.teams.iter().map(|t| json!({
                "name": t.name,
                "members": t.members,
                "units": t.visits.iter().map(|v| json!({
                    "unit": v.unit,
                    "start": v.start.to_string(),
                    "end": v.end.to_string(),
                })).collect::<Vec<_>>(),
            })).collect::<Vec<_>>(),
            "unscheduled": self.unscheduled.iter().map(|u| json!({
                "unit": u.unit,
                "reason": u.reason.code(),
                "message": u.explain(lang),
            })).collect::<Vec<_>>(),
        })
    }
}

mod explain;

#[cfg(test)]
mod tests;
