//! The teams file's problems in words, Vietnamese or English.

use super::{Expect, Kind, Problem, TeamsError};
use crate::findings::Lang;
use toml::de::DeValue;

impl Kind {
    pub(super) fn of(v: &DeValue) -> Kind {
        match v {
            DeValue::String(_) => Kind::Text,
            DeValue::Integer(_) => Kind::Integer,
            DeValue::Float(_) => Kind::Float,
            DeValue::Boolean(_) => Kind::Boolean,
            DeValue::Datetime(_) => Kind::Datetime,
            DeValue::Array(_) => Kind::Array,
            DeValue::Table(_) => Kind::Table,
        }
    }

    fn name(self, lang: Lang) -> &'static str {
        match (self, lang) {
            (Kind::Text, Lang::Vi) => "một chuỗi",
            (Kind::Integer, Lang::Vi) => "một số nguyên",
            (Kind::Float, Lang::Vi) => "một số thập phân",
            (Kind::Boolean, Lang::Vi) => "true/false",
            (Kind::Datetime, Lang::Vi) => "ngày giờ",
            (Kind::Array, Lang::Vi) => "một danh sách [ … ]",
            (Kind::Table, Lang::Vi) => "một bảng { … }",
            (Kind::Text, Lang::En) => "a string",
            (Kind::Integer, Lang::En) => "an integer",
            (Kind::Float, Lang::En) => "a decimal number",
            (Kind::Boolean, Lang::En) => "true/false",
            (Kind::Datetime, Lang::En) => "a date-time",
            (Kind::Array, Lang::En) => "a list [ … ]",
            (Kind::Table, Lang::En) => "a table { … }",
        }
    }
}

impl Expect {
    /// What the key should hold, with an example.
    pub fn describe(self, lang: Lang) -> &'static str {
        match lang {
            Lang::Vi => match self {
                Expect::Date => "ngày kiểm tra, ví dụ \"2023-12-15\" hoặc \"15/12/2023\"",
                Expect::Place => "địa điểm (chuỗi trong ngoặc kép), ví dụ \"Phòng GD&ĐT huyện\"",
                Expect::Minutes => "số phút cho mỗi đơn vị, số nguyên từ 5 đến 240, ví dụ 20",
                Expect::ErrorMinutes => {
                    "số phút cho đơn vị có lỗi, số nguyên từ slot_minutes đến 480, ví dụ 30"
                }
                Expect::Sessions => {
                    "danh sách các buổi, ví dụ [ { start = \"07:30\", end = \"11:00\" }, { start = \"13:30\", end = \"17:00\" } ]"
                }
                Expect::Session => "một buổi { start = \"07:30\", end = \"11:00\" }",
                Expect::Time => "giờ dạng \"07:30\" (giờ:phút, từ 00:00 đến 24:00)",
                Expect::Teams => "ít nhất một đoàn, mỗi đoàn mở đầu bằng dòng [[team]]",
                Expect::Team => "một đoàn: dòng [[team]] rồi name = … và members = [ … ]",
                Expect::TeamName => "tên đoàn (chuỗi), ví dụ \"Đoàn 1\"",
                Expect::Members => {
                    "danh sách thành viên, ví dụ members = [ { name = \"Nguyễn Văn A\", role = \"Trưởng đoàn\", agency = \"Phòng GD&ĐT\" } ]"
                }
                Expect::Member => "một thành viên { name = \"…\", role = \"…\", agency = \"…\" }",
                Expect::PersonName => "họ và tên thành viên (chuỗi)",
                Expect::Role => "chức danh trong đoàn (chuỗi), ví dụ \"Trưởng đoàn\"",
                Expect::Agency => {
                    "cơ quan của thành viên (chuỗi), ví dụ \"Phòng GD&ĐT\" hoặc \"Hội Khuyến học huyện\""
                }
            },
            Lang::En => match self {
                Expect::Date => "the inspection day, e.g. \"2023-12-15\" or \"15/12/2023\"",
                Expect::Place => "the place (a quoted string), e.g. \"Phòng GD&ĐT huyện\"",
                Expect::Minutes => "minutes per unit, a whole number from 5 to 240, e.g. 20",
                Expect::ErrorMinutes => {
                    "minutes for a unit with errors, a whole number from slot_minutes to 480, e.g. 30"
                }
                Expect::Sessions => {
                    "a list of sessions, e.g. [ { start = \"07:30\", end = \"11:00\" }, { start = \"13:30\", end = \"17:00\" } ]"
                }
                Expect::Session => "a session { start = \"07:30\", end = \"11:00\" }",
                Expect::Time => "a time such as \"07:30\" (hours:minutes, 00:00 to 24:00)",
                Expect::Teams => "at least one team, each starting with a [[team]] line",
                Expect::Team => "a team: a [[team]] line, then name = … and members = [ … ]",
                Expect::TeamName => "the team's name (a string), e.g. \"Đoàn 1\"",
                Expect::Members => {
                    "a list of members, e.g. members = [ { name = \"Nguyễn Văn A\", role = \"Trưởng đoàn\", agency = \"Phòng GD&ĐT\" } ]"
                }
                Expect::Member => "a member { name = \"…\", role = \"…\", agency = \"…\" }",
                Expect::PersonName => "the member's full name (a string)",
                Expect::Role => "the role in the team (a string), e.g. \"Trưởng đoàn\"",
                Expect::Agency => {
                    "the member's agency (a string), e.g. \"Phòng GD&ĐT\" or \"Hội Khuyến học huyện\""
                }
            },
        }
    }
}

impl TeamsError {
    /// "dòng 12, cột 3, khóa team[2].members[1].agency: …".
    pub fn render(&self, lang: Lang) -> String {
        let place = match (lang, self.key.is_empty()) {
            (Lang::Vi, true) => format!("dòng {}, cột {}", self.line, self.column),
            (Lang::Vi, false) => {
                format!("dòng {}, cột {}, khóa {}", self.line, self.column, self.key)
            }
            (Lang::En, true) => format!("line {}, column {}", self.line, self.column),
            (Lang::En, false) => format!(
                "line {}, column {}, key {}",
                self.line, self.column, self.key
            ),
        };
        format!("{place}: {}", self.problem.render(lang))
    }
}

impl Problem {
    pub fn render(&self, lang: Lang) -> String {
        let vi = lang == Lang::Vi;
        match self {
            Problem::Syntax(detail) => syntax_message(detail, lang),
            Problem::Encoding => if vi {
                "tệp không phải văn bản UTF-8; hãy mở bằng Notepad và lưu lại với Encoding \"UTF-8\""
            } else {
                "the file is not UTF-8 text; open it in Notepad and save it again with Encoding \"UTF-8\""
            }
            .into(),
            Problem::Missing(e) => if vi {
                format!("thiếu; cần {}", e.describe(lang))
            } else {
                format!("missing; expected {}", e.describe(lang))
            },
            Problem::WrongType { expected, found } => if vi {
                format!("gặp {}, cần {}", found.name(lang), expected.describe(lang))
            } else {
                format!("found {}, expected {}", found.name(lang), expected.describe(lang))
            },
            Problem::Invalid { expected, found } => if vi {
                format!("giá trị {found} không hợp lệ, cần {}", expected.describe(lang))
            } else {
                format!("invalid value {found}, expected {}", expected.describe(lang))
            },
            Problem::Unknown { nearest, known } => {
                let list = known.join(", ");
                match (vi, nearest) {
                    (true, Some(n)) => format!("khóa không có trong tệp đoàn kiểm tra; có phải là {n}? (các khóa: {list})"),
                    (true, None) => format!("khóa không có trong tệp đoàn kiểm tra (các khóa: {list})"),
                    (false, Some(n)) => format!("not a key of the teams file; did you mean {n}? (keys: {list})"),
                    (false, None) => format!("not a key of the teams file (keys: {list})"),
                }
            }
            Problem::SessionBackwards { start, end } => if vi {
                format!("buổi kết thúc lúc {end}, không sau giờ bắt đầu {start}; cần end muộn hơn start")
            } else {
                format!("the session ends at {end}, not after its start {start}; end must be later than start")
            },
            Problem::SessionsOverlap { other } => if vi {
                format!("buổi này trùng giờ với buổi thứ {other}; các buổi không được chồng lên nhau")
            } else {
                format!("this session overlaps session {other}; sessions must not overlap")
            },
            Problem::DuplicateTeam { name, line } => if vi {
                format!("tên đoàn \"{name}\" đã dùng ở dòng {line}; mỗi đoàn cần một tên riêng")
            } else {
                format!("the team name \"{name}\" is already used on line {line}; each team needs its own name")
            },
            Problem::SamePerson { name, other_team } => if vi {
                format!("{name} đã có trong {other_team}; một người không thể ở hai đoàn cùng lúc")
            } else {
                format!("{name} is already in {other_team}; one person cannot be in two teams at once")
            },
            Problem::ErrorSlotShort { error_slot, slot } => if vi {
                format!("{error_slot} phút ngắn hơn slot_minutes = {slot}; đơn vị có lỗi cần ít nhất bằng thời gian thường")
            } else {
                format!("{error_slot} minutes is shorter than slot_minutes = {slot}; a unit with errors needs at least the usual time")
            },
        }
    }
}

/// The TOML parser's description, in the chosen language where it is a
/// common one, with what to do.
fn syntax_message(detail: &str, lang: Lang) -> String {
    const KNOWN: &[(&str, &str, &str)] = &[
        (
            "string values must be quoted",
            "chuỗi phải đặt trong dấu ngoặc kép, ví dụ place = \"Phòng GD&ĐT huyện\"",
            "string values must be quoted, e.g. place = \"Phòng GD&ĐT huyện\"",
        ),
        (
            "duplicate key",
            "khóa này đã có ở trên; mỗi khóa chỉ ghi một lần",
            "this key is already given above; write each key once",
        ),
        (
            "missing comma",
            "thiếu dấu phẩy giữa các phần tử",
            "a comma is missing between the elements",
        ),
        (
            "unclosed array",
            "danh sách [ … ] chưa có dấu ] đóng",
            "a list [ … ] has no closing ]",
        ),
        (
            "unclosed inline table",
            "bảng { … } chưa có dấu } đóng (một bảng { … } phải nằm trên một dòng)",
            "a table { … } has no closing } (a { … } table must stay on one line)",
        ),
        (
            "unclosed",
            "thiếu dấu đóng (\" ] hoặc })",
            "a closing \", ] or } is missing",
        ),
        (
            "missing value",
            "khóa chưa có giá trị sau dấu =",
            "the key has no value after =",
        ),
        (
            "key with no value",
            "khóa chưa có giá trị sau dấu =",
            "the key has no value after =",
        ),
        (
            "missing assignment",
            "thiếu dấu = giữa khóa và giá trị",
            "an = is missing between key and value",
        ),
        (
            "invalid unquoted key",
            "tên khóa không hợp lệ: khóa chỉ gồm chữ không dấu, số, - và _",
            "invalid key: keys are unaccented letters, digits, - and _",
        ),
        ("extra comma", "thừa dấu phẩy", "an extra comma"),
    ];
    let vi = lang == Lang::Vi;
    for (prefix, v, e) in KNOWN {
        if detail.starts_with(prefix) {
            return if vi {
                (*v).to_string()
            } else {
                (*e).to_string()
            };
        }
    }
    if vi {
        format!("sai cú pháp TOML ({detail})")
    } else {
        format!("not valid TOML ({detail})")
    }
}
