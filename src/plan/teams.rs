//! The teams file: the inspection day (date, place, sessions, slot length)
//! and the teams with their members and the agencies they come from.
//!
//! ```toml
//! date = "2023-12-15"
//! place = "Phòng Giáo dục và Đào tạo huyện Thủ Thừa"
//! slot_minutes = 20
//! sessions = [ { start = "07:30", end = "11:00" }, { start = "13:30", end = "17:00" } ]
//!
//! [[team]]
//! name = "Đoàn 1"
//! members = [
//!   { name = "Nguyễn Văn A", role = "Trưởng đoàn", agency = "Phòng GD&ĐT" },
//! ]
//! ```
//!
//! Every problem is reported at once, each with its line and column, the
//! key (`team[2].members[1].agency`, counted from 1), what was found and
//! what was expected ([`TeamsError`], rendered in Vietnamese or English).
//! The file is read from the TOML parser's spanned tree rather than through
//! serde, so a missing or mistyped key is placed on its own line.
//!
//! ```
//! use dvht::plan::teams::parse;
//! use dvht::findings::Lang;
//! let errors = parse("date = \"2023-12-15\"\nslot_minutes = \"20\"\n").unwrap_err();
//! let slot = errors.iter().find(|e| e.key == "slot_minutes").unwrap();
//! assert_eq!(
//!     slot.render(Lang::Vi),
//!     "dòng 2, cột 16, khóa slot_minutes: gặp một chuỗi, cần số phút cho mỗi đơn vị, số nguyên từ 5 đến 240, ví dụ 20"
//! );
//! // The keys it lacks are named too (sessions, team).
//! assert_eq!(errors.len(), 3);
//! ```

use super::day::{Clock, Date};
use crate::text::fold_ascii;
use std::ops::Range;
use toml::Spanned;
use toml::de::{DeTable, DeValue};

/// The inspection day and its teams, checked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TeamsFile {
    pub date: Date,
    pub place: Option<String>,
    /// Minutes per unit.
    pub slot_minutes: u32,
    /// Minutes for a unit whose form has error-level findings (at least
    /// `slot_minutes`; by default half as long again, to the next 5 minutes).
    pub error_slot_minutes: u32,
    /// In time order, not overlapping.
    pub sessions: Vec<Session>,
    pub teams: Vec<Team>,
}

/// A working session of the day ("buổi").
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Session {
    pub start: Clock,
    pub end: Clock,
}

impl Session {
    pub fn minutes(&self) -> u32 {
        self.end.minutes() - self.start.minutes()
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Team {
    pub name: String,
    pub members: Vec<Member>,
}

#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Member {
    pub name: String,
    /// "Trưởng đoàn", "Thành viên", … ("Thành viên" when not given).
    pub role: String,
    /// The agency the member comes from, as written.
    pub agency: String,
}

/// The role of a member whose `role` is not given.
pub const DEFAULT_ROLE: &str = "Thành viên";

/// Slot lengths a teams file may ask for, minutes.
pub const SLOT_RANGE: std::ops::RangeInclusive<i64> = 5..=240;
/// The longest slot for a unit with errors, minutes.
pub const ERROR_SLOT_MAX: i64 = 480;

/// The slot of a unit with errors when the file does not say: half as long
/// again as a plain slot, rounded up to 5 minutes (20 → 30, 15 → 25).
pub fn default_error_slot(slot: u32) -> u32 {
    (slot * 3).div_ceil(2).div_ceil(5) * 5
}

/// One problem in a teams file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TeamsError {
    /// From 1.
    pub line: usize,
    /// From 1, in characters.
    pub column: usize,
    /// "team[2].members[1].agency" (indices from 1); empty for the file.
    pub key: String,
    pub problem: Problem,
}

/// What is wrong.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Problem {
    /// Not TOML: the parser's own description (English).
    Syntax(String),
    /// Not UTF-8 text.
    Encoding,
    Missing(Expect),
    /// A value of the wrong kind: what it is ("số nguyên" …, see [`kind`]).
    WrongType {
        expected: Expect,
        found: Kind,
    },
    /// The right kind but not a valid value (the value as written).
    Invalid {
        expected: Expect,
        found: String,
    },
    /// A key this file does not have; the nearest known one, if close.
    Unknown {
        nearest: Option<&'static str>,
        known: &'static [&'static str],
    },
    /// A session that ends before it starts.
    SessionBackwards {
        start: Clock,
        end: Clock,
    },
    /// Two sessions overlap (the other one's number, from 1).
    SessionsOverlap {
        other: usize,
    },
    /// Two teams with the same name (the other one's line).
    DuplicateTeam {
        name: String,
        line: usize,
    },
    /// The same person (name and agency) in two teams.
    SamePerson {
        name: String,
        other_team: String,
    },
    /// error_slot_minutes shorter than slot_minutes.
    ErrorSlotShort {
        error_slot: i64,
        slot: u32,
    },
}

/// Kinds of TOML value, for "found …".
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Text,
    Integer,
    Float,
    Boolean,
    Datetime,
    Array,
    Table,
}

/// What a key expects.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Expect {
    Date,
    Place,
    Minutes,
    ErrorMinutes,
    Sessions,
    Session,
    Time,
    Teams,
    Team,
    TeamName,
    Members,
    Member,
    PersonName,
    Role,
    Agency,
}

const TOP_KEYS: &[&str] = &[
    "date",
    "place",
    "slot_minutes",
    "error_slot_minutes",
    "sessions",
    "team",
];
const SESSION_KEYS: &[&str] = &["start", "end"];
const TEAM_KEYS: &[&str] = &["name", "members"];
const MEMBER_KEYS: &[&str] = &["name", "role", "agency"];

/// Reads a teams file's bytes: UTF-8 (with or without the BOM Notepad
/// writes) or UTF-16 with a BOM.
pub fn parse_bytes(bytes: &[u8]) -> Result<TeamsFile, Vec<TeamsError>> {
    match decode(bytes) {
        Some(text) => parse(&text),
        None => {
            let valid = match std::str::from_utf8(bytes) {
                Ok(_) => bytes.len(),
                Err(e) => e.valid_up_to(),
            };
            let before = String::from_utf8_lossy(&bytes[..valid]);
            let (line, column) = line_col(&before, before.len());
            Err(vec![TeamsError {
                line,
                column,
                key: String::new(),
                problem: Problem::Encoding,
            }])
        }
    }
}

fn decode(bytes: &[u8]) -> Option<String> {
    let utf16 = |be: bool| -> Option<String> {
        let body = &bytes[2..];
        if !body.len().is_multiple_of(2) {
            return None;
        }
        let units = body.chunks_exact(2).map(|c| {
            if be {
                u16::from_be_bytes([c[0], c[1]])
            } else {
                u16::from_le_bytes([c[0], c[1]])
            }
        });
        char::decode_utf16(units)
            .collect::<Result<String, _>>()
            .ok()
    };
    match bytes {
        [0xFF, 0xFE, ..] => utf16(false),
        [0xFE, 0xFF, ..] => utf16(true),
        [0xEF, 0xBB, 0xBF, rest @ ..] => std::str::from_utf8(rest).ok().map(str::to_string),
        _ => std::str::from_utf8(bytes).ok().map(str::to_string),
    }
}

/// Line and column (both from 1; the column in characters) of byte `at`.
fn line_col(text: &str, at: usize) -> (usize, usize) {
    let mut at = at.min(text.len());
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    let before = &text[..at];
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    (line, before[line_start..].chars().count() + 1)
}

/// Parses and checks a teams file; every problem at once.
pub fn parse(text: &str) -> Result<TeamsFile, Vec<TeamsError>> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut r = Reader {
        text,
        errors: Vec::new(),
    };
    let root = match DeTable::parse(text) {
        Ok(t) => t,
        Err(e) => {
            let at = e.span().map_or(0, |s| s.start);
            r.error(at, &[], Problem::Syntax(e.message().to_string()));
            return Err(r.errors);
        }
    };
    let file = r.file(root.get_ref(), root.span());
    match file {
        Some(f) if r.errors.is_empty() => Ok(f),
        _ => {
            r.errors.sort_by_key(|e| (e.line, e.column));
            Err(r.errors)
        }
    }
}

/// A step of a key path.
#[derive(Debug, Clone)]
enum Seg<'a> {
    Key(&'a str),
    /// From 0; shown from 1.
    Index(usize),
}

fn key_path(path: &[Seg]) -> String {
    let mut s = String::new();
    for seg in path {
        match seg {
            Seg::Key(k) => {
                if !s.is_empty() {
                    s.push('.');
                }
                s.push_str(k);
            }
            Seg::Index(i) => s.push_str(&format!("[{}]", i + 1)),
        }
    }
    s
}

struct Reader<'t> {
    text: &'t str,
    errors: Vec<TeamsError>,
}

impl<'t> Reader<'t> {
    fn error(&mut self, at: usize, path: &[Seg], problem: Problem) {
        let (line, column) = line_col(self.text, at);
        self.errors.push(TeamsError {
            line,
            column,
            key: key_path(path),
            problem,
        });
    }

    /// Unknown keys of a table are errors.
    fn known_keys(&mut self, table: &DeTable, path: &[Seg], known: &'static [&'static str]) {
        for (k, _) in table.iter() {
            let name: &str = k.get_ref();
            if !known.contains(&name) {
                let mut p = path.to_vec();
                p.push(Seg::Key(name));
                self.error(
                    k.span().start,
                    &p,
                    Problem::Unknown {
                        nearest: nearest(name, known),
                        known,
                    },
                );
            }
        }
    }

    /// The value of `key` in `table`, or an error placed at the table.
    fn required<'a, 'i>(
        &mut self,
        table: &'a DeTable<'i>,
        table_at: usize,
        path: &[Seg],
        key: &'static str,
        expected: Expect,
    ) -> Option<&'a Spanned<DeValue<'i>>> {
        let v = table.get(key);
        if v.is_none() {
            let mut p = path.to_vec();
            p.push(Seg::Key(key));
            self.error(table_at, &p, Problem::Missing(expected));
        }
        v
    }

    /// A non-empty string (trimmed, inner white space collapsed).
    fn text(&mut self, v: &Spanned<DeValue>, path: &[Seg], expected: Expect) -> Option<String> {
        match v.get_ref() {
            DeValue::String(s) => {
                let t = s.split_whitespace().collect::<Vec<_>>().join(" ");
                if t.is_empty() {
                    self.error(
                        v.span().start,
                        path,
                        Problem::Invalid {
                            expected,
                            found: "\"\"".into(),
                        },
                    );
                    None
                } else {
                    Some(t)
                }
            }
            other => {
                self.wrong(v, other, path, expected);
                None
            }
        }
    }

    fn wrong(&mut self, v: &Spanned<DeValue>, other: &DeValue, path: &[Seg], expected: Expect) {
        self.error(
            v.span().start,
            path,
            Problem::WrongType {
                expected,
                found: Kind::of(other),
            },
        );
    }

    /// Whole minutes within `range`.
    fn minutes(
        &mut self,
        v: &Spanned<DeValue>,
        path: &[Seg],
        expected: Expect,
        range: std::ops::RangeInclusive<i64>,
    ) -> Option<i64> {
        let n = match v.get_ref() {
            DeValue::Integer(i) => i64::from_str_radix(i.as_str(), i.radix()).ok(),
            other => {
                self.wrong(v, other, path, expected);
                return None;
            }
        };
        match n {
            Some(n) if range.contains(&n) => Some(n),
            _ => {
                let found = self.source(v.span());
                self.error(v.span().start, path, Problem::Invalid { expected, found });
                None
            }
        }
    }

    /// The value's text as written in the file.
    fn source(&self, span: Range<usize>) -> String {
        self.text
            .get(span)
            .map(|s| s.chars().take(60).collect())
            .unwrap_or_default()
    }

    fn date(&mut self, v: &Spanned<DeValue>, path: &[Seg]) -> Option<Date> {
        let parsed = match v.get_ref() {
            DeValue::String(s) => Date::parse(s),
            DeValue::Datetime(d) if d.time.is_none() => Date::parse(&d.to_string()),
            DeValue::Datetime(_) => None,
            other => {
                self.wrong(v, other, path, Expect::Date);
                return None;
            }
        };
        if parsed.is_none() {
            let found = self.source(v.span());
            self.error(
                v.span().start,
                path,
                Problem::Invalid {
                    expected: Expect::Date,
                    found,
                },
            );
        }
        parsed
    }

    fn clock(&mut self, v: &Spanned<DeValue>, path: &[Seg]) -> Option<Clock> {
        let parsed = match v.get_ref() {
            DeValue::String(s) => Clock::parse(s),
            DeValue::Datetime(d) if d.date.is_none() => Clock::parse(&d.to_string()),
            DeValue::Datetime(_) => None,
            other => {
                self.wrong(v, other, path, Expect::Time);
                return None;
            }
        };
        if parsed.is_none() {
            let found = self.source(v.span());
            self.error(
                v.span().start,
                path,
                Problem::Invalid {
                    expected: Expect::Time,
                    found,
                },
            );
        }
        parsed
    }

    /// The elements of an array, each a table; errors for the others.
    fn tables<'a, 'i>(
        &mut self,
        v: &'a Spanned<DeValue<'i>>,
        path: &[Seg<'a>],
        list: Expect,
        each: Expect,
    ) -> Vec<(usize, &'a DeTable<'i>, usize)> {
        let DeValue::Array(items) = v.get_ref() else {
            self.wrong(v, v.get_ref(), path, list);
            return Vec::new();
        };
        if items.is_empty() {
            self.error(
                v.span().start,
                path,
                Problem::Invalid {
                    expected: list,
                    found: "[]".into(),
                },
            );
        }
        let mut out = Vec::new();
        for (i, item) in items.iter().enumerate() {
            match item.get_ref() {
                DeValue::Table(t) => out.push((i, t, item.span().start)),
                other => {
                    let mut p = path.to_vec();
                    p.push(Seg::Index(i));
                    self.wrong(item, other, &p, each);
                }
            }
        }
        out
    }

    fn file(&mut self, root: &DeTable, root_span: Range<usize>) -> Option<TeamsFile> {
        self.known_keys(root, &[], TOP_KEYS);
        let at = root_span.start;
        let date = self
            .required(root, at, &[], "date", Expect::Date)
            .and_then(|v| self.date(v, &[Seg::Key("date")]));
        let place = root
            .get("place")
            .and_then(|v| self.text(v, &[Seg::Key("place")], Expect::Place));
        let slot = self
            .required(root, at, &[], "slot_minutes", Expect::Minutes)
            .and_then(|v| self.minutes(v, &[Seg::Key("slot_minutes")], Expect::Minutes, SLOT_RANGE))
            .map(|n| n as u32);
        let error_slot = self.error_slot(root, slot);
        let sessions = self
            .required(root, at, &[], "sessions", Expect::Sessions)
            .map(|v| self.sessions(v));
        let teams = self
            .required(root, at, &[], "team", Expect::Teams)
            .map(|v| self.teams(v));
        let slot = slot?;
        Some(TeamsFile {
            date: date?,
            place,
            slot_minutes: slot,
            error_slot_minutes: error_slot.unwrap_or_else(|| default_error_slot(slot)),
            sessions: sessions?,
            teams: teams?,
        })
    }

    fn error_slot(&mut self, root: &DeTable, slot: Option<u32>) -> Option<u32> {
        let v = root.get("error_slot_minutes")?;
        let path = [Seg::Key("error_slot_minutes")];
        let n = self.minutes(v, &path, Expect::ErrorMinutes, 1..=ERROR_SLOT_MAX)?;
        match slot {
            Some(s) if n < i64::from(s) => {
                self.error(
                    v.span().start,
                    &path,
                    Problem::ErrorSlotShort {
                        error_slot: n,
                        slot: s,
                    },
                );
                None
            }
            _ => Some(n as u32),
        }
    }

    fn sessions(&mut self, v: &Spanned<DeValue>) -> Vec<Session> {
        let path = [Seg::Key("sessions")];
        let mut out: Vec<(usize, usize, Session)> = Vec::new();
        for (i, t, at) in self.tables(v, &path, Expect::Sessions, Expect::Session) {
            let p = [Seg::Key("sessions"), Seg::Index(i)];
            self.known_keys(t, &p, SESSION_KEYS);
            let time = |r: &mut Self, key: &'static str| {
                let v = r.required(t, at, &p, key, Expect::Time)?;
                let kp = [p[0].clone(), p[1].clone(), Seg::Key(key)];
                r.clock(v, &kp)
            };
            let (start, end) = (time(self, "start"), time(self, "end"));
            let (Some(start), Some(end)) = (start, end) else {
                continue;
            };
            if end <= start {
                self.error(at, &p, Problem::SessionBackwards { start, end });
                continue;
            }
            out.push((i, at, Session { start, end }));
        }
        // In time order; overlapping sessions are an error on the later one.
        out.sort_by_key(|(i, _, s)| (s.start, s.end, *i));
        for k in 1..out.len() {
            let (prev_i, _, prev) = out[k - 1];
            let (i, at, s) = out[k];
            if s.start < prev.end {
                self.error(
                    at,
                    &[Seg::Key("sessions"), Seg::Index(i)],
                    Problem::SessionsOverlap { other: prev_i + 1 },
                );
            }
        }
        out.into_iter().map(|(_, _, s)| s).collect()
    }

    fn teams(&mut self, v: &Spanned<DeValue>) -> Vec<Team> {
        let path = [Seg::Key("team")];
        let mut teams: Vec<Team> = Vec::new();
        let mut names: Vec<(String, usize)> = Vec::new();
        // (folded name, folded agency) → team index
        let mut people: Vec<((String, String), usize)> = Vec::new();
        for (i, t, at) in self.tables(v, &path, Expect::Teams, Expect::Team) {
            let p = [Seg::Key("team"), Seg::Index(i)];
            self.known_keys(t, &p, TEAM_KEYS);
            let name_key = [p[0].clone(), p[1].clone(), Seg::Key("name")];
            let name = self
                .required(t, at, &p, "name", Expect::TeamName)
                .and_then(|v| self.text(v, &name_key, Expect::TeamName).map(|n| (n, v)));
            if let Some((n, v)) = &name {
                let (line, _) = line_col(self.text, v.span().start);
                if let Some((_, first)) = names.iter().find(|(k, _)| *k == fold_ascii(n)) {
                    self.error(
                        v.span().start,
                        &name_key,
                        Problem::DuplicateTeam {
                            name: n.clone(),
                            line: *first,
                        },
                    );
                } else {
                    names.push((fold_ascii(n), line));
                }
            }
            let members = self
                .required(t, at, &p, "members", Expect::Members)
                .map(|v| self.members(v, i))
                .unwrap_or_default();
            let Some((name, _)) = name else { continue };
            for (m, m_at, m_index) in &members {
                let key = (fold_ascii(&m.name), fold_ascii(&m.agency));
                if let Some((_, other)) = people.iter().find(|(k, _)| *k == key) {
                    let problem = Problem::SamePerson {
                        name: m.name.clone(),
                        other_team: teams[*other].name.clone(),
                    };
                    let full = [
                        p[0].clone(),
                        p[1].clone(),
                        Seg::Key("members"),
                        Seg::Index(*m_index),
                    ];
                    self.error(*m_at, &full, problem);
                } else {
                    people.push((key, teams.len()));
                }
            }
            teams.push(Team {
                name,
                members: members.into_iter().map(|(m, _, _)| m).collect(),
            });
        }
        teams
    }

    /// A team's members, each with where it is (byte offset, index).
    fn members(&mut self, v: &Spanned<DeValue>, team: usize) -> Vec<(Member, usize, usize)> {
        let path = [Seg::Key("team"), Seg::Index(team), Seg::Key("members")];
        let mut out = Vec::new();
        for (i, t, at) in self.tables(v, &path, Expect::Members, Expect::Member) {
            let p = [
                path[0].clone(),
                path[1].clone(),
                path[2].clone(),
                Seg::Index(i),
            ];
            self.known_keys(t, &p, MEMBER_KEYS);
            let field = |r: &mut Self, key: &'static str, e: Expect, required: bool| {
                let v = if required {
                    r.required(t, at, &p, key, e)?
                } else {
                    t.get(key)?
                };
                let kp = [
                    p[0].clone(),
                    p[1].clone(),
                    p[2].clone(),
                    p[3].clone(),
                    Seg::Key(key),
                ];
                r.text(v, &kp, e)
            };
            let name = field(self, "name", Expect::PersonName, true);
            let role = field(self, "role", Expect::Role, false);
            let agency = field(self, "agency", Expect::Agency, true);
            if let (Some(name), Some(agency)) = (name, agency) {
                let role = role.unwrap_or_else(|| DEFAULT_ROLE.to_string());
                out.push((Member { name, role, agency }, at, i));
            }
        }
        out
    }
}

/// The known key closest to a mistyped one (at most two edits away, or the
/// same without case and accents), if any.
fn nearest(key: &str, known: &'static [&'static str]) -> Option<&'static str> {
    let k = fold_ascii(key).replace([' ', '-'], "_");
    known
        .iter()
        .map(|c| (edit_distance(&k, c), *c))
        .filter(|(d, _)| *d <= 2)
        .min()
        .map(|(_, c)| c)
}

fn edit_distance(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.iter().enumerate() {
        let mut cur = vec![i + 1];
        for (j, cb) in b.iter().enumerate() {
            let sub = prev[j] + usize::from(ca != cb);
            cur.push(sub.min(prev[j + 1] + 1).min(cur[j] + 1));
        }
        prev = cur;
    }
    prev[b.len()]
}

mod messages;

#[cfg(test)]
mod tests;
