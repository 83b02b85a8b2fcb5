//! The plan in words: why a unit has no place, and what would make the
//! day fit — rendered in Vietnamese or English from the plan's data.

use super::day::Clock;
use super::{Plan, Reason, Unscheduled};
use crate::findings::Lang;

impl Unscheduled {
    /// Why this unit has no place.
    pub fn explain(&self, lang: Lang) -> String {
        let vi = lang == Lang::Vi;
        match &self.reason {
            Reason::OwnAgency(who) => {
                let list = who
                    .iter()
                    .map(|(team, member)| format!("{member} ({team})"))
                    .collect::<Vec<_>>()
                    .join(", ");
                if vi {
                    format!(
                        "{}: đoàn nào cũng có thành viên của chính đơn vị này — {list}",
                        self.unit
                    )
                } else {
                    format!(
                        "{}: every team has a member from this very unit — {list}",
                        self.unit
                    )
                }
            }
            Reason::NoRoom => {
                if vi {
                    format!(
                        "{}: các đoàn được kiểm tra đơn vị này đã kín lịch",
                        self.unit
                    )
                } else {
                    format!(
                        "{}: the teams that may inspect this unit have no time left",
                        self.unit
                    )
                }
            }
        }
    }
}

impl Plan {
    /// "07:30–11:00, 13:30–17:00".
    pub fn sessions_text(&self) -> String {
        self.sessions
            .iter()
            .map(|s| format!("{}–{}", s.start, s.end))
            .collect::<Vec<_>>()
            .join(", ")
    }

    /// "20 phút (đơn vị có lỗi: 30 phút)".
    pub fn slots_text(&self, lang: Lang) -> String {
        let (s, e) = (self.slot_minutes, self.error_slot_minutes);
        match (lang, e > s) {
            (Lang::Vi, true) => format!("{s} phút (đơn vị có lỗi: {e} phút)"),
            (Lang::Vi, false) => format!("{s} phút"),
            (Lang::En, true) => format!("{s} minutes ({e} for a unit with errors)"),
            (Lang::En, false) => format!("{s} minutes"),
        }
    }

    /// Why the day does not work and what would make it work, several lines;
    /// empty when every unit has its place.
    pub fn failure(&self, lang: Lang) -> String {
        if self.fits() {
            return String::new();
        }
        let vi = lang == Lang::Vi;
        let mut out = Vec::new();
        out.push(if vi {
            format!(
                "Không lập được lịch: chỉ xếp được {}/{} đơn vị — {} đoàn, các buổi {}, mỗi đơn vị {}.",
                self.placed(),
                self.units,
                self.teams.len(),
                self.sessions_text(),
                self.slots_text(lang)
            )
        } else {
            format!(
                "The day does not work: only {} of {} units fit — {} teams, sessions {}, {} per unit.",
                self.placed(),
                self.units,
                self.teams.len(),
                self.sessions_text(),
                self.slots_text(lang)
            )
        });
        out.push(if vi {
            format!("{} đơn vị chưa có chỗ:", self.unscheduled.len())
        } else {
            format!("{} units have no place:", self.unscheduled.len())
        });
        for u in &self.unscheduled {
            out.push(format!("  - {}", u.explain(lang)));
        }
        out.extend(self.remedy_lines(lang));
        out.push(if vi {
            "Chưa ghi tệp nào.".into()
        } else {
            "Nothing was written.".into()
        });
        out.join("\n")
    }

    fn remedy_lines(&self, lang: Lang) -> Vec<String> {
        let vi = lang == Lang::Vi;
        let Some(r) = &self.remedies else {
            return Vec::new();
        };
        let own = self
            .unscheduled
            .iter()
            .any(|u| matches!(u.reason, Reason::OwnAgency(_)));
        let mut ways = Vec::new();
        if let (Some(end), Some(last)) = (r.last_session_end, self.sessions.last()) {
            let end = Clock::clamped(end);
            ways.push(if vi {
                format!(
                    "kéo dài buổi {}–{} đến {end} (sessions: end = \"{end}\")",
                    last.start, last.end
                )
            } else {
                format!(
                    "make the session {}–{} end at {end} (sessions: end = \"{end}\")",
                    last.start, last.end
                )
            });
        }
        if let Some(n) = r.more_teams {
            ways.push(if vi {
                format!(
                    "thêm {n} đoàn (thêm {n} khối [[team]]; thành viên không thuộc đơn vị nào được kiểm tra)"
                )
            } else {
                format!(
                    "add {n} team(s) ({n} more [[team]] blocks; members from none of the units inspected)"
                )
            });
        }
        if let Some((s, e)) = r.shorter_slots {
            let keys = if self.error_slot_minutes > self.slot_minutes {
                format!("slot_minutes = {s}, error_slot_minutes = {e}")
            } else {
                format!("slot_minutes = {s}")
            };
            ways.push(match (vi, e > s) {
                (true, true) => format!(
                    "rút thời gian mỗi đơn vị xuống {s} phút (đơn vị có lỗi: {e} phút) ({keys})"
                ),
                (true, false) => format!("rút thời gian mỗi đơn vị xuống {s} phút ({keys})"),
                (false, true) => {
                    format!("shorten slots to {s} minutes ({e} for a unit with errors) ({keys})")
                }
                (false, false) => format!("shorten slots to {s} minutes ({keys})"),
            });
        }
        let mut out = Vec::new();
        if ways.is_empty() {
            out.push(if vi {
                "Không có cách nào trong số kéo dài buổi, thêm đoàn, rút ngắn thời gian làm cho đủ chỗ; hãy thêm một buổi hoặc một ngày.".to_string()
            } else {
                "Neither a longer session, more teams nor shorter slots make them fit; add a session or a day.".to_string()
            });
        } else {
            out.push(if vi {
                "Để xếp đủ, có thể chọn một trong các cách:".to_string()
            } else {
                "Any one of these would make them fit:".to_string()
            });
            out.extend(ways.into_iter().map(|w| format!("  - {w};")));
        }
        if own {
            out.push(if vi {
                "Đơn vị mà đoàn nào cũng có thành viên của chính nó chỉ xếp được khi chuyển thành viên đó sang đoàn khác hoặc thêm đoàn.".to_string()
            } else {
                "A unit every team has a member from only fits once that member moves to another team, or with another team.".to_string()
            });
        }
        out
    }
}
