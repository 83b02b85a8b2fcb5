//! dvht: reads, checks, scores and consolidates the "Đơn vị học tập"
//! self-assessment forms of a district (Thông tư 22/2020/TT-BGDĐT).
//!
//! Data flows one way:
//! paths → [`inputs`] (which files, which are skipped and why) →
//! [`pipeline`]: [`read`] → [`cells`] (values with addresses) → [`extract`]
//! → [`form`] (typed values with their cells) → [`scoring`] + [`check`] →
//! [`report`] (the run as data) → outputs ([`output`] for the terminal and
//! JSON, [`workbook`] for the district workbook, [`template`] for the blank
//! form). ARCHITECTURE.md says where each thing lives.

#![warn(clippy::too_many_lines)]

pub mod agency;
pub mod calendar;
pub mod carry;
pub mod cells;
pub mod check;
pub mod console;
pub mod documents;
pub mod extract;
pub mod finalize;
pub mod findings;
pub mod form;
pub mod inputs;
pub mod io_error;
pub mod outfile;
pub mod output;
pub mod own;
pub mod pipeline;
pub mod plan;
pub mod portable_zip;
pub mod read;
pub mod readback;
pub mod report;
pub mod roster;
pub mod rubric;
pub mod samplegen;
pub mod scoring;
pub mod teamscore;
pub mod template;
pub mod terms;
pub mod text;
pub mod value;
pub mod workbook;
