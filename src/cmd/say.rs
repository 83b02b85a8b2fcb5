//! What the commands say on standard error — why they stopped, what they
//! wrote — as data ([`Say`]), each rendered in the language asked for by
//! [`Say::text`]. A command adds a variant here, never a pair of strings.

use dvht::findings::Lang;
use dvht::own::OwnKind;
use std::path::Path;

/// A message of a command.
#[derive(Debug, Clone)]
pub enum Say<'a> {
    /// A path given that does not exist.
    NoSuchPath(&'a Path),
    /// `-o` names a folder where a workbook was expected.
    OutputIsFolder(&'a Path),
    OutputNotXlsx(&'a Path),
    BadFileName(&'a Path),
    /// The folder (second) `-o` (first) would be written in does not exist.
    NoOutputFolder(&'a Path, &'a Path),
    /// `-o` is one of the inputs (the same file under any name).
    OutputIsInput(&'a Path),
    /// A file is at `-o` and is not dvht's own output of the kind the
    /// command writes (`want`); `found`: which of dvht's it is, if any.
    WontReplace {
        path: &'a Path,
        want: OwnKind,
        found: Option<OwnKind>,
    },
    /// The blank form could not be built (the rubric's reason).
    CannotBuildForm(String),
    /// Writing failed; the system's reason.
    CannotWrite(&'a Path, String),
    /// The roster (`--expected`) cannot be used; its reason, already in
    /// the language.
    CannotUseRoster(&'a Path, String),
    /// `-o` is open in Excel or LibreOffice: its owner or lock file's name.
    OutputOpen(&'a Path, String),
    /// The workbook at `-o` cannot be read back; the reason, in the
    /// language.
    CannotReadEarlier(&'a Path, String),
    /// The copy of the workbook at `-o` cannot be made; the reason.
    CannotKeep(&'a Path, String),
    /// Team scores and notes carried from the earlier workbook.
    Carried {
        scores: usize,
        notes: usize,
    },
    /// The earlier workbook kept as this copy.
    Kept(&'a Path),
    /// Carried team scores to look at again, listed after.
    TeamScoresToCheck(usize),
    /// Typed values that could not be carried, listed after.
    NotCarried(usize),
    /// `finalize`'s BOOK is a workbook of dvht's, but not the district's.
    NotDistrict(&'a Path),
    /// A workbook `finalize` cannot read back; the reason, in the language.
    CannotReadBook(&'a Path, String),
    /// The closing line of `finalize`.
    Finalized {
        path: &'a Path,
        units: usize,
        recognized: usize,
        changes: usize,
    },
    /// Progress bar labels.
    ReadingForms,
    WritingWorkbook,
    /// The closing line of `consolidate`.
    Wrote(Wrote<'a>),
}

/// What `consolidate` wrote.
#[derive(Debug, Clone)]
pub struct Wrote<'a> {
    pub path: &'a Path,
    pub units: usize,
    /// Whether the units went to the one "Chi tiết" sheet.
    pub detail: bool,
    pub findings: usize,
    pub files: usize,
    pub skipped: usize,
    pub unreadable: usize,
    /// Units of the roster that sent nothing, when there is a roster.
    pub missing: Option<usize>,
    /// Forms with an error-level finding (superseded ones not counted):
    /// `consolidate` exits 0 all the same, so the line says it.
    pub with_errors: usize,
}

impl Say<'_> {
    /// The message in a language.
    pub fn text(&self, lang: Lang) -> String {
        use Lang::{En, Vi};
        match (self, lang) {
            (Say::NoSuchPath(p), Vi) => format!("không tìm thấy tệp hoặc thư mục: {}", p.display()),
            (Say::NoSuchPath(p), En) => format!("no such file or folder: {}", p.display()),
            (Say::OutputIsFolder(p), Vi) => format!(
                "-o {0} là một thư mục; hãy ghi tên tệp, ví dụ -o {0}/ket-qua.xlsx",
                p.display()
            ),
            (Say::OutputIsFolder(p), En) => format!(
                "-o {0} is a folder; give a file name, e.g. -o {0}/result.xlsx",
                p.display()
            ),
            (Say::OutputNotXlsx(p), Vi) => format!(
                "tên tệp {} phải có đuôi .xlsx: dvht ghi bảng tính Excel dạng .xlsx, và một tệp mang đuôi khác sẽ không mở được. Ví dụ: -o {}",
                p.display(),
                p.with_extension("xlsx").display()
            ),
            (Say::OutputNotXlsx(p), En) => format!(
                "{} must end in .xlsx: dvht writes Excel .xlsx workbooks, and one named otherwise would not open. E.g. -o {}",
                p.display(),
                p.with_extension("xlsx").display()
            ),
            (Say::BadFileName(p), Vi) => format!("tên tệp không hợp lệ: {}", p.display()),
            (Say::BadFileName(p), En) => format!("invalid file name: {}", p.display()),
            (Say::NoOutputFolder(p, dir), Vi) => format!(
                "không ghi được {}: thư mục {} không tồn tại. Hãy tạo thư mục đó trước, hoặc chọn chỗ khác.",
                p.display(),
                dir.display()
            ),
            (Say::NoOutputFolder(p, dir), En) => format!(
                "cannot write {}: the folder {} does not exist. Create it first, or choose another place.",
                p.display(),
                dir.display()
            ),
            (Say::OutputIsInput(p), Vi) => format!(
                "tệp kết quả trùng với một tệp đầu vào, hãy chọn tên khác: {}",
                p.display()
            ),
            (Say::OutputIsInput(p), En) => format!(
                "the output is one of the inputs; choose another name: {}",
                p.display()
            ),
            (Say::WontReplace { path, want, found }, _) => wont_replace(path, *want, *found, lang),
            (Say::CannotBuildForm(e), Vi) => format!("không dựng được biểu mẫu: {e}"),
            (Say::CannotBuildForm(e), En) => format!("cannot build the form: {e}"),
            (Say::CannotWrite(p, e), Vi) => format!("không ghi được {}: {e}", p.display()),
            (Say::CannotWrite(p, e), En) => format!("cannot write {}: {e}", p.display()),
            (Say::CannotUseRoster(p, e), Vi) => {
                format!("không dùng được danh sách đơn vị {}: {e}", p.display())
            }
            (Say::CannotUseRoster(p, e), En) => {
                format!("cannot use the list of units {}: {e}", p.display())
            }
            (Say::OutputOpen(p, lock), Vi) => format!(
                "{} đang được mở (có tệp khóa {lock} bên cạnh). Hãy lưu và đóng tệp trong Excel hoặc LibreOffice rồi chạy lại; chưa ghi gì.",
                p.display()
            ),
            (Say::OutputOpen(p, lock), En) => format!(
                "{} is open (its lock file {lock} is beside it). Save and close it in Excel or LibreOffice, then run again; nothing was written.",
                p.display()
            ),
            (Say::CannotReadEarlier(p, why), Vi) => format!(
                "Không đọc lại được {} ({why}): điểm đã nhập trong đó không được chuyển sang; tệp được giữ lại bên cạnh.",
                p.display()
            ),
            (Say::CannotReadEarlier(p, why), En) => format!(
                "Cannot read {} back ({why}): what was typed in it is not carried over; the file is kept beside.",
                p.display()
            ),
            (Say::CannotKeep(p, e), Vi) => format!(
                "không giữ lại được bản trước của {}: {e}; chưa ghi gì",
                p.display()
            ),
            (Say::CannotKeep(p, e), En) => format!(
                "cannot keep a copy of {}: {e}; nothing was written",
                p.display()
            ),
            (Say::Carried { scores, notes }, Vi) => format!(
                "Đã chuyển sang bảng mới {scores} điểm và {notes} ghi chú của đoàn kiểm tra."
            ),
            (Say::Carried { scores, notes }, En) => {
                format!("Carried into the new workbook: {scores} team scores and {notes} notes.")
            }
            (Say::Kept(p), Vi) => format!("Bản trước được giữ nguyên ở {}.", p.display()),
            (Say::Kept(p), En) => format!("The previous workbook is kept as {}.", p.display()),
            (Say::TeamScoresToCheck(n), Vi) => {
                format!("{n} điểm đoàn kiểm tra cần xem lại (cũng ghi ở trang Phát hiện):")
            }
            (Say::TeamScoresToCheck(n), En) => {
                format!("{n} team scores to look at again (also on the Phát hiện sheet):")
            }
            (Say::NotCarried(n), Vi) => {
                format!("{n} giá trị không chuyển được (cũng ghi ở trang Phát hiện):")
            }
            (Say::NotCarried(n), En) => {
                format!("{n} values could not be carried (also on the Phát hiện sheet):")
            }
            (Say::NotDistrict(_) | Say::CannotReadBook(..) | Say::Finalized { .. }, _) => {
                self.finalize_text(lang)
            }
            (Say::ReadingForms, Vi) => "Đọc biểu mẫu".into(),
            (Say::ReadingForms, En) => "Reading forms".into(),
            (Say::WritingWorkbook, Vi) => "Ghi bảng tổng hợp".into(),
            (Say::WritingWorkbook, En) => "Writing the workbook".into(),
            (Say::Wrote(w), _) => w.text(lang),
        }
    }

    /// The messages of `finalize`.
    fn finalize_text(&self, lang: Lang) -> String {
        use Lang::{En, Vi};
        match (self, lang) {
            (Say::NotDistrict(p), Vi) => format!(
                "{} không phải bảng tổng hợp của huyện (do dvht consolidate lập); hãy đưa bảng tổng hợp trước, rồi đến bảng chấm của các đoàn",
                p.display()
            ),
            (Say::NotDistrict(p), En) => format!(
                "{} is not the district workbook (written by dvht consolidate); give the district workbook first, then the team workbooks",
                p.display()
            ),
            (Say::CannotReadBook(p, why), Vi) => {
                format!("không đọc được {}: {why}; chưa ghi gì", p.display())
            }
            (Say::CannotReadBook(p, why), En) => {
                format!("cannot read {}: {why}; nothing was written", p.display())
            }
            (
                Say::Finalized {
                    path,
                    units,
                    recognized,
                    changes,
                },
                Vi,
            ) => format!(
                "Đã ghi {}: {units} đơn vị, {recognized} đơn vị đề nghị công nhận, {changes} điểm đoàn kiểm tra thay đổi.",
                path.display()
            ),
            (
                Say::Finalized {
                    path,
                    units,
                    recognized,
                    changes,
                },
                En,
            ) => format!(
                "Wrote {}: {units} units, {recognized} proposed for recognition, {changes} scores changed by the teams.",
                path.display()
            ),
            _ => String::new(),
        }
    }

    /// The message as the error a command stops with (exit status 2).
    pub fn fail(&self, lang: Lang) -> anyhow::Error {
        anyhow::anyhow!(self.text(lang))
    }
}

/// Why a file at `-o` is kept: what it would have had to be, what it is.
fn wont_replace(path: &Path, want: OwnKind, found: Option<OwnKind>, lang: Lang) -> String {
    let shown = path.display();
    let (want_vi, want_en) = match want {
        OwnKind::Template => ("biểu mẫu trắng do dvht ghi", "a blank form dvht wrote"),
        OwnKind::District => (
            "bảng tổng hợp do dvht lập",
            "a district workbook dvht wrote",
        ),
        other => other.describe(),
    };
    let (is_vi, is_en) = match found {
        None => (
            "có thể là biểu mẫu đơn vị đã điền hoặc tệp khác".to_string(),
            "it may be a unit's filled-in form or another file".to_string(),
        ),
        Some(k) => (
            format!("đây là {}", k.describe().0),
            format!("it is {}", k.describe().1),
        ),
    };
    match lang {
        Lang::Vi => format!(
            "{shown} đã có và không phải {want_vi} ({is_vi}): dvht không ghi đè. Hãy chọn tên khác, hoặc thêm --force nếu chắc chắn muốn thay tệp đó."
        ),
        Lang::En => format!(
            "{shown} already exists and is not {want_en} ({is_en}): dvht does not replace it. Choose another name, or add --force to replace it anyway."
        ),
    }
}

impl Wrote<'_> {
    fn text(&self, lang: Lang) -> String {
        let Wrote {
            path,
            units,
            detail,
            findings,
            files,
            skipped,
            unreadable,
            missing,
            with_errors,
        } = self;
        let path = path.display();
        let errors = match (with_errors, lang) {
            (0, _) => String::new(),
            (n, Lang::Vi) => format!(
                "\n{n} biểu mẫu còn lỗi cần đơn vị sửa (xem trang Phát hiện, hoặc chạy dvht check để biết từng ô); các đơn vị này chưa được xếp hạng."
            ),
            (n, Lang::En) => format!(
                "\n{n} forms still have errors the units must correct (see the Phát hiện sheet, or run dvht check for each cell); these units are not ranked."
            ),
        };
        match lang {
            Lang::Vi => {
                format!(
                    "Đã ghi {path}: {units} đơn vị ({}), {findings} phát hiện; {files} tệp đầu vào, {skipped} bỏ qua, {unreadable} không đọc được{}.",
                    if *detail {
                        "trang Chi tiết"
                    } else {
                        "mỗi đơn vị một trang"
                    },
                    missing
                        .map(|n| format!("; {n} đơn vị chưa nộp"))
                        .unwrap_or_default()
                ) + &errors
            }
            Lang::En => {
                format!(
                    "Wrote {path}: {units} units ({}), {findings} findings; {files} input files, {skipped} skipped, {unreadable} unreadable{}.",
                    if *detail {
                        "the Chi tiết sheet"
                    } else {
                        "one sheet per unit"
                    },
                    missing
                        .map(|n| format!("; {n} units sent nothing"))
                        .unwrap_or_default()
                ) + &errors
            }
        }
    }
}
