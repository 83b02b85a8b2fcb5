//! The names on the documents, as data: issuing bodies and their superiors,
//! the place name, the signers, the legal bases, who issues which document.
//!
//! Offices are renamed and merged (since 1 July 2025 local government has two
//! tiers and the district's duties moved to the communes), so none of these
//! names is in the code. The built-in file `templates/van-ban.toml` holds
//! the seed plan's own names (Thủ Thừa, 2023); `--settings FILE` lays a
//! user's file over it: a key the user writes replaces the built-in one
//! (tables are merged key by key, lists replaced whole), so a file of three
//! lines renaming one office is enough.
//!
//! ```
//! use dvht::documents::Settings;
//! let s = Settings::builtin();
//! assert_eq!(s.place, "Thủ Thừa");
//! let s = Settings::from_toml("[bodies.pgd]\nsigner = \"Nguyễn Văn A\"\n").unwrap();
//! assert_eq!(s.body_of(dvht::documents::Paper::Letters).signer, "Nguyễn Văn A");
//! assert_eq!(s.place, "Thủ Thừa");
//! ```

use crate::plan::day::Date;
use serde::Deserialize;
use std::collections::BTreeMap;

/// The built-in settings file.
pub const BUILTIN: &str = include_str!("../../templates/van-ban.toml");

/// An issuing body and who signs for it.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Body {
    /// "Phòng Giáo dục và Đào tạo".
    pub name: String,
    /// The body it reports to, printed above its name ("" for none).
    pub superior: String,
    /// The name as used in a sentence ("UBND huyện").
    pub short: String,
    /// Its letters in a document's symbol ("UBND" in "QĐ-UBND").
    pub symbol: String,
    /// Its head as named in a sentence ("Trưởng phòng Giáo dục và Đào tạo").
    pub head: String,
    /// Authority and office lines above the signature ("KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH").
    pub signature: Vec<String>,
    /// A line just above the signer's name ("" for none).
    pub signer_title: String,
    /// The signer's name ("" leaves it to the signer).
    pub signer: String,
}

/// The papers dvht drafts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Paper {
    TeamDecision,
    ScheduleNotice,
    Submission,
    RecognitionDecision,
    Report,
    Letters,
}

impl Paper {
    pub const ALL: [Paper; 6] = [
        Paper::TeamDecision,
        Paper::ScheduleNotice,
        Paper::Submission,
        Paper::RecognitionDecision,
        Paper::Report,
        Paper::Letters,
    ];

    /// Its key in the settings file.
    pub fn key(self) -> &'static str {
        match self {
            Paper::TeamDecision => "team_decision",
            Paper::ScheduleNotice => "schedule_notice",
            Paper::Submission => "submission",
            Paper::RecognitionDecision => "recognition_decision",
            Paper::Report => "report",
            Paper::Letters => "letters",
        }
    }
}

/// One value per paper.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PerPaper<T> {
    pub team_decision: T,
    pub schedule_notice: T,
    pub submission: T,
    pub recognition_decision: T,
    pub report: T,
    pub letters: T,
}

impl<T> PerPaper<T> {
    pub fn get(&self, p: Paper) -> &T {
        match p {
            Paper::TeamDecision => &self.team_decision,
            Paper::ScheduleNotice => &self.schedule_notice,
            Paper::Submission => &self.submission,
            Paper::RecognitionDecision => &self.recognition_decision,
            Paper::Report => &self.report,
            Paper::Letters => &self.letters,
        }
    }
}

/// What the letters to units say about the deadline.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LetterSettings {
    /// A date ("08/12/2023" or "2023-12-08"), or "" for none.
    pub deadline: String,
    /// Working days to correct, when there is no date.
    pub days: u32,
}

/// The district workbook's summary when printed.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct WorkbookSettings {
    /// The body that draws it up (a key of `bodies`).
    pub issuer: String,
    /// Who prepares the table ("Người lập biểu"), signing on the left.
    pub preparer: String,
}

/// Everything the documents take from the settings file.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Settings {
    /// "Thủ Thừa": the place before the date.
    pub place: String,
    /// "huyện Thủ Thừa": the area in a sentence.
    pub area: String,
    pub bodies: BTreeMap<String, Body>,
    /// Which body issues each paper (a key of `bodies`).
    pub issuers: PerPaper<String>,
    /// Who sees a decision carried out, before the other offices
    /// ("Chánh Văn phòng HĐND và UBND huyện").
    pub office_chief: String,
    /// Legal bases of the decisions ("Căn cứ …").
    pub bases: Vec<String>,
    /// The year's inspection plan as cited ("{year}" is replaced).
    pub plan: String,
    /// The inspection teams' tasks ("{year}" is replaced).
    pub team_tasks: Vec<String>,
    /// Recipients of each paper besides those dvht writes itself.
    pub recipients: PerPaper<Vec<String>>,
    pub letters: LetterSettings,
    pub workbook: WorkbookSettings,
}

/// A settings file that cannot be used, with what is wrong in it.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum SettingsError {
    #[error(
        "tệp cài đặt văn bản không đúng cú pháp TOML / the settings file is not valid TOML: {0}"
    )]
    Syntax(String),
    #[error("tệp cài đặt văn bản: {0}")]
    Invalid(String),
}

impl Settings {
    /// The built-in settings (the seed plan's names).
    pub fn builtin() -> Settings {
        Settings::from_toml("").expect("the built-in settings file is valid")
    }

    /// The built-in settings with a user's file laid over them.
    pub fn from_toml(user: &str) -> Result<Settings, SettingsError> {
        let mut base: toml::Table =
            toml::from_str(BUILTIN).map_err(|e| SettingsError::Syntax(e.to_string()))?;
        let over: toml::Table =
            toml::from_str(user).map_err(|e| SettingsError::Syntax(e.to_string()))?;
        merge(&mut base, over);
        let s: Settings = toml::Value::Table(base)
            .try_into()
            .map_err(|e: toml::de::Error| SettingsError::Invalid(e.message().to_string()))?;
        s.validate()?;
        Ok(s)
    }

    fn validate(&self) -> Result<(), SettingsError> {
        let bad = |m: String| Err(SettingsError::Invalid(m));
        for p in Paper::ALL {
            let key = self.issuers.get(p);
            if !self.bodies.contains_key(key) {
                return bad(format!(
                    "[issuers] {} = \"{key}\" không có trong [bodies] (có: {}) / is not a body",
                    p.key(),
                    self.bodies.keys().cloned().collect::<Vec<_>>().join(", ")
                ));
            }
        }
        if !self.bodies.contains_key(&self.workbook.issuer) {
            return bad(format!(
                "[workbook] issuer = \"{}\" không có trong [bodies] / is not a body",
                self.workbook.issuer
            ));
        }
        for (k, b) in &self.bodies {
            if b.name.trim().is_empty() {
                return bad(format!("[bodies.{k}] name để trống / name is empty"));
            }
            if b.symbol.trim().is_empty() {
                return bad(format!("[bodies.{k}] symbol để trống / symbol is empty"));
            }
        }
        if self.place.trim().is_empty() {
            return bad("place để trống / place is empty".into());
        }
        if !self.letters.deadline.trim().is_empty() && Date::parse(&self.letters.deadline).is_none()
        {
            return bad(format!(
                "[letters] deadline = \"{}\": cần ngày dạng 08/12/2023 hoặc 2023-12-08 / expected a date",
                self.letters.deadline
            ));
        }
        Ok(())
    }

    /// The body drawing up the district workbook.
    pub fn workbook_body(&self) -> &Body {
        // `validate` made sure it is a body.
        &self.bodies[self.workbook.issuer.as_str()]
    }

    /// The body issuing a paper.
    pub fn body_of(&self, p: Paper) -> &Body {
        // `validate` made sure every issuer is a body.
        &self.bodies[self.issuers.get(p).as_str()]
    }
}

/// Lays `over` onto `base`: tables merged key by key, anything else replaced.
fn merge(base: &mut toml::Table, over: toml::Table) {
    for (k, v) in over {
        match (base.get_mut(&k), v) {
            (Some(toml::Value::Table(b)), toml::Value::Table(o)) => merge(b, o),
            (_, v) => {
                base.insert(k, v);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builtin_has_the_plans_names() {
        let s = Settings::builtin();
        assert_eq!(
            s.body_of(Paper::Report).name,
            "Ban Chỉ đạo xây dựng xã hội học tập huyện Thủ Thừa"
        );
        assert_eq!(s.body_of(Paper::Report).signer, "Phan Văn Tới");
        assert_eq!(
            s.body_of(Paper::TeamDecision).name,
            "Ủy ban nhân dân huyện Thủ Thừa"
        );
        assert_eq!(
            s.body_of(Paper::Submission).name,
            "Phòng Giáo dục và Đào tạo"
        );
        assert_eq!(s.body_of(Paper::Submission).superior, "UBND huyện Thủ Thừa");
        assert_eq!(s.letters.days, 5);
    }

    #[test]
    fn a_users_file_replaces_what_it_names() {
        let s = Settings::from_toml(
            "place = \"Tân An\"\n[bodies.ubnd]\nname = \"Ủy ban nhân dân xã Thủ Thừa\"\n[letters]\ndeadline = \"08/12/2023\"\n",
        )
        .unwrap();
        assert_eq!(s.place, "Tân An");
        assert_eq!(s.bodies["ubnd"].name, "Ủy ban nhân dân xã Thủ Thừa");
        // Keys the user did not write keep their built-in value.
        assert_eq!(s.bodies["ubnd"].symbol, "UBND");
        assert_eq!(s.letters.days, 5);
        assert_eq!(Date::parse(&s.letters.deadline), Date::new(2023, 12, 8));
    }

    #[test]
    fn mistakes_are_named() {
        let e = Settings::from_toml("[issuers]\nreport = \"phong\"\n").unwrap_err();
        assert!(e.to_string().contains("report = \"phong\""), "{e}");
        let e = Settings::from_toml("plaec = \"x\"\n").unwrap_err();
        assert!(e.to_string().contains("plaec"), "{e}");
        let e = Settings::from_toml("place = [").unwrap_err();
        assert!(matches!(e, SettingsError::Syntax(_)), "{e}");
        let e = Settings::from_toml("[letters]\ndeadline = \"31/02/2023\"\n").unwrap_err();
        assert!(e.to_string().contains("31/02/2023"), "{e}");
        let e = Settings::from_toml("[bodies.pgd]\nname = \" \"\n").unwrap_err();
        assert!(e.to_string().contains("[bodies.pgd] name"), "{e}");
        // A new body with a missing key.
        let e = Settings::from_toml("[bodies.xa]\nname = \"UBND xã\"\n").unwrap_err();
        assert!(e.to_string().contains("missing field"), "{e}");
    }
}
