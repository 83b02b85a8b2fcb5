//! One word per concept, in every place a user reads it: the terminal, the
//! JSON's texts, the workbooks, the documents and the help.
//!
//! A criterion has five scores, and each is always called the same:
//!
//! | concept | Vietnamese | English | what it is |
//! |---|---|---|---|
//! | [`SELF`] | tự chấm | self-score | the unit's own score, as written on its form |
//! | [`COMPUTED`] | tính từ số liệu | computed | what dvht computes from the evidence on the form |
//! | [`PROPOSED`] | đề xuất | proposed | computed where there is evidence, else self |
//! | [`TEAM`] | đoàn kiểm tra | team | what the inspection team types |
//! | [`CONCLUDED`] | kết luận | final | the team's score where typed, else the proposed one |
//!
//! "Final" belongs to the concluded score alone. The JSON field names of
//! docs/INTERFACE.md are a contract and stay as they are (`"final"` in the
//! output of `score` and `check` is the proposed score); only the words
//! shown to people follow this table. [`crate::workbook::labels`] takes
//! its column headings from here.
//!
//! ```
//! use dvht::findings::Lang;
//! use dvht::terms::{CONCLUDED, PROPOSED};
//! assert_eq!(PROPOSED.heading(Lang::Vi), "Điểm đề xuất");
//! assert_eq!(PROPOSED.short(Lang::En), "Proposed");
//! assert_eq!(CONCLUDED.heading(Lang::En), "Final score");
//! ```

use crate::findings::Lang;

/// One of the scores, in both languages.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Term {
    /// Inside a sentence: "điểm đề xuất" / "proposed score".
    pub vi: &'static str,
    pub en: &'static str,
    /// A column heading: "Điểm đề xuất" / "Proposed score".
    pub heading_vi: &'static str,
    pub heading_en: &'static str,
    /// A narrow column heading: "Đề xuất" / "Proposed".
    pub short_vi: &'static str,
    pub short_en: &'static str,
}

impl Term {
    /// The word inside a sentence.
    pub fn word(&self, lang: Lang) -> &'static str {
        match lang {
            Lang::Vi => self.vi,
            Lang::En => self.en,
        }
    }

    /// The column heading.
    pub fn heading(&self, lang: Lang) -> &'static str {
        match lang {
            Lang::Vi => self.heading_vi,
            Lang::En => self.heading_en,
        }
    }

    /// The narrow column heading (a terminal table).
    pub fn short(&self, lang: Lang) -> &'static str {
        match lang {
            Lang::Vi => self.short_vi,
            Lang::En => self.short_en,
        }
    }
}

pub const SELF: Term = Term {
    vi: "điểm tự chấm",
    en: "self-score",
    heading_vi: "Điểm tự chấm",
    heading_en: "Self-score",
    short_vi: "Tự chấm",
    short_en: "Self",
};

pub const COMPUTED: Term = Term {
    vi: "điểm tính từ số liệu",
    en: "computed score",
    heading_vi: "Điểm tính từ số liệu",
    heading_en: "Computed score",
    short_vi: "Tính từ số liệu",
    short_en: "Computed",
};

pub const PROPOSED: Term = Term {
    vi: "điểm đề xuất",
    en: "proposed score",
    heading_vi: "Điểm đề xuất",
    heading_en: "Proposed score",
    short_vi: "Đề xuất",
    short_en: "Proposed",
};

pub const TEAM: Term = Term {
    vi: "điểm đoàn kiểm tra",
    en: "team score",
    heading_vi: "Điểm đoàn kiểm tra",
    heading_en: "Team score",
    short_vi: "Đoàn kiểm tra",
    short_en: "Team",
};

pub const CONCLUDED: Term = Term {
    vi: "điểm kết luận",
    en: "final score",
    heading_vi: "Điểm kết luận",
    heading_en: "Final score",
    short_vi: "Kết luận",
    short_en: "Final",
};

/// The five, in the order a scoring table shows them.
pub const ALL: [Term; 5] = [SELF, COMPUTED, PROPOSED, TEAM, CONCLUDED];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_word_names_one_concept() {
        for lang in [Lang::Vi, Lang::En] {
            for f in [Term::word, Term::heading, Term::short] {
                let words: Vec<String> = ALL.iter().map(|t| f(t, lang).to_lowercase()).collect();
                for (i, w) in words.iter().enumerate() {
                    for (j, other) in words.iter().enumerate() {
                        assert!(i == j || w != other, "{w} twice");
                    }
                }
            }
        }
        // "Final" is the concluded score's word, and no other's.
        for t in ALL {
            let named_final = t.heading_en.contains("Final") || t.short_en.contains("Final");
            assert_eq!(named_final, t == CONCLUDED, "{t:?}");
        }
        // The heading is the word, capitalised.
        for t in ALL {
            assert_eq!(t.heading_vi.to_lowercase(), t.vi);
            assert_eq!(t.heading_en.to_lowercase(), t.en);
        }
    }
}
