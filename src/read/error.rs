//! Why a file gave no cells, as data: [`ReadError`] and its reasons, each
//! rendered in a language by `describe` (the finding the pipeline makes of
//! it says the rest: what to do). `Display` is the English text, for logs
//! and `?`.
//!
//! ```
//! use dvht::findings::Lang;
//! use dvht::read::{Damage, ReadError};
//! let e = ReadError::Unreadable(Damage::TooLarge { mib: 300, max_mib: 128 });
//! assert_eq!(
//!     e.to_string(),
//!     "corrupt or truncated workbook: the file is 300 MiB, over the 128 MiB limit for a form"
//! );
//! assert_eq!(
//!     Damage::OldBiff.describe(Lang::Vi),
//!     "định dạng Excel 2.x–4.0 quá cũ, không đọc được"
//! );
//! ```

use super::archive::MAX_ENTRIES;
use crate::findings::Lang;
use serde::{Deserialize, Serialize};
use std::fmt;

/// Why a file gave no cells.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize, thiserror::Error)]
pub enum ReadError {
    /// Named like a spreadsheet but is not one (HTML, CSV, text, empty, a
    /// Word document, …).
    #[error("not a spreadsheet: {0}")]
    NotASpreadsheet(NotSpreadsheet),
    /// Password-protected.
    #[error("password-protected workbook")]
    Encrypted,
    /// Corrupt, truncated, or it broke the reader.
    #[error("corrupt or truncated workbook: {0}")]
    Unreadable(Damage),
}

/// What a file that is not a spreadsheet is, by its content. The sniffed
/// kinds carry the extension the file was named with ("" for none), which
/// the message names ("tệp HTML … được đặt tên .xls").
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum NotSpreadsheet {
    Empty,
    Html(String),
    XmlSpreadsheet(String),
    Xml(String),
    Csv(String),
    Text(String),
    Pdf(String),
    Image(String),
    /// A folder where a file was expected.
    Folder,
    /// OLE files that hold no workbook.
    WordDoc,
    PowerPoint,
    OfficeWithoutWorkbook,
    /// Zip archives that hold no workbook.
    OpenDocumentNotSpreadsheet,
    Docx,
    Pptx,
    ZipWithoutWorkbook,
}

/// How a workbook is damaged, or how reading it failed.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Damage {
    /// The file is over [`super::MAX_FILE_BYTES`].
    TooLarge {
        mib: u64,
        max_mib: u64,
    },
    /// The file could not be opened (the system's reason).
    CannotOpen(String),
    /// Neither a zip nor an OLE file nor any text dvht knows.
    UnknownFormat,
    /// An Excel 2.x–4.0 stream.
    OldBiff,
    /// The zip reader refused the archive (its reason).
    CorruptZip(String),
    /// An entry the zip reader cannot open (its reason).
    CorruptArchive(String),
    TooManyEntries(usize),
    /// The end-of-directory record lists more entries than distinct names.
    DuplicateNames {
        declared: usize,
        distinct: usize,
    },
    DuplicateEntry(String),
    CorruptPart {
        part: String,
        error: String,
    },
    OverlappingEntries,
    ZipBomb {
        part: String,
        why: Bomb,
    },
    /// An entry of an archive given as an input (not a workbook's part)
    /// that broke a rule of [`Bomb`].
    EntryBomb {
        entry: String,
        why: Bomb,
    },
    /// `sharedStrings` declaring more strings than its bytes can hold.
    SharedStringsCount {
        part: String,
        count: u64,
        bytes: u64,
    },
    /// calamine's complaint about the content.
    CorruptContent(String),
    /// A reader panicked (its message).
    ReaderFailed(String),
    /// The child reader ran out of time.
    TimedOut {
        seconds: u64,
    },
    /// The child reader ran out of memory.
    OutOfMemory {
        mib: u64,
    },
    /// The child reader stopped abnormally.
    ReaderStopped {
        mib: u64,
    },
    /// The child reader's reply did not parse.
    BadReply,
    /// Extraction, scoring or checks failed on the form (a defect).
    Internal,

    // Containers given as inputs (.zip, .eml, .mbox): see inputs::containers.
    /// More items than a container may list; the rest unread.
    TooManyItems {
        max: usize,
    },
    /// A mailbox that could not be read on (the system's reason).
    MailboxUnreadable(String),
    CorruptMessage,
    /// An archive input with more entries than allowed.
    ArchiveTooManyItems {
        count: usize,
        max: usize,
    },
    /// Entry number `index` (from 1) could not be opened.
    CorruptItem {
        index: usize,
        error: String,
    },
    /// Entry `entry` could not be inflated.
    CorruptEntry {
        entry: String,
        error: String,
    },
    AttachmentTooLarge {
        mib: u64,
        max_mib: u64,
    },
    /// A message over the size read whole: its attachments unread.
    MessageTooLarge {
        mib: u64,
        max_mib: u64,
    },
    /// The temporary copy of an item could not be written.
    CannotWriteCopy(String),
    /// No temporary folder to open containers in.
    CannotMakeTempFolder(String),
}

/// Which zip-bomb rule an entry broke, with its limit.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Bomb {
    /// The entry inflates to more than `mib` MiB.
    EntryTooLarge { mib: u64 },
    /// The archive's inflated total passes `mib` MiB.
    TotalTooLarge { mib: u64 },
    /// Compressed to less than 1 % of its size.
    Ratio,
}

impl Bomb {
    /// "giải nén ra hơn 64 MiB" / "inflates to more than 64 MiB".
    fn describe(self, lang: Lang) -> String {
        match (self, lang) {
            (Bomb::EntryTooLarge { mib }, Lang::Vi) => format!("giải nén ra hơn {mib} MiB"),
            (Bomb::EntryTooLarge { mib }, Lang::En) => format!("inflates to more than {mib} MiB"),
            (Bomb::TotalTooLarge { mib }, Lang::Vi) => {
                format!("làm tổng dung lượng giải nén vượt {mib} MiB")
            }
            (Bomb::TotalTooLarge { mib }, Lang::En) => {
                format!("takes the inflated total past {mib} MiB")
            }
            (Bomb::Ratio, Lang::Vi) => "có tỉ lệ nén dưới 1 %".into(),
            (Bomb::Ratio, Lang::En) => "has a compression ratio below 1 %".into(),
        }
    }
}

impl NotSpreadsheet {
    /// "tệp HTML (trang web) được đặt tên .xls — thường do phần mềm khác xuất ra".
    pub fn describe(&self, lang: Lang) -> String {
        use Lang::{En, Vi};
        use NotSpreadsheet as N;
        let (kind, ext) = match (self, lang) {
            (N::Empty, Vi) => return "tệp rỗng (0 byte)".into(),
            (N::Empty, En) => return "the file is empty (0 bytes)".into(),
            (N::Html(e), Vi) => ("tệp HTML (trang web)", e),
            (N::Html(e), En) => ("an HTML (web page) file", e),
            (N::XmlSpreadsheet(e), Vi) => ("bảng tính dạng \"XML Spreadsheet 2003\"", e),
            (N::XmlSpreadsheet(e), En) => ("an \"XML Spreadsheet 2003\" file", e),
            (N::Xml(e), Vi) => ("tệp XML", e),
            (N::Xml(e), En) => ("an XML file", e),
            (N::Csv(e), Vi) => ("tệp văn bản CSV (dữ liệu cách nhau bằng dấu phẩy)", e),
            (N::Csv(e), En) => ("a CSV text file", e),
            (N::Text(e), Vi) => ("tệp văn bản thường", e),
            (N::Text(e), En) => ("a plain text file", e),
            (N::Pdf(e), Vi) => ("tệp PDF", e),
            (N::Pdf(e), En) => ("a PDF file", e),
            (N::Image(e), Vi) => ("tệp ảnh", e),
            (N::Image(e), En) => ("an image file", e),
            (other, lang) => return other.unnamed(lang).into(),
        };
        let mut s = kind.to_string();
        if !ext.is_empty() {
            s += &match lang {
                Vi => format!(" được đặt tên .{ext}"),
                En => format!(" named .{ext}"),
            };
        }
        if matches!(self, N::Html(_)) {
            s += match lang {
                Vi => " — thường do phần mềm khác xuất ra",
                En => " — usually exported by another program",
            };
        }
        s
    }

    /// The kinds told by their container, whatever the file's name.
    fn unnamed(&self, lang: Lang) -> &'static str {
        use Lang::{En, Vi};
        use NotSpreadsheet as N;
        match (self, lang) {
            (N::Folder, Vi) => "đây là một thư mục, không phải tệp",
            (N::Folder, En) => "this is a folder, not a file",
            (N::WordDoc, Vi) => "tệp Word (.doc)",
            (N::WordDoc, En) => "a Word document (.doc)",
            (N::PowerPoint, Vi) => "tệp PowerPoint (.ppt)",
            (N::PowerPoint, En) => "a PowerPoint file (.ppt)",
            (N::OfficeWithoutWorkbook, Vi) => "tệp Office không chứa bảng tính",
            (N::OfficeWithoutWorkbook, En) => "an Office file that holds no workbook",
            (N::OpenDocumentNotSpreadsheet, Vi) => {
                "tài liệu OpenDocument không phải bảng tính (văn bản hoặc trình chiếu)"
            }
            (N::OpenDocumentNotSpreadsheet, En) => {
                "an OpenDocument file that is not a spreadsheet (text or presentation)"
            }
            (N::Docx, Vi) => "tệp Word (.docx) chứ không phải bảng tính",
            (N::Docx, En) => "a Word document (.docx), not a workbook",
            (N::Pptx, Vi) => "tệp PowerPoint (.pptx) chứ không phải bảng tính",
            (N::Pptx, En) => "a PowerPoint file (.pptx), not a workbook",
            (N::ZipWithoutWorkbook, Vi) => "tệp nén (zip) không chứa bảng tính",
            (N::ZipWithoutWorkbook, En) => "a zip archive that holds no workbook",
            // The sniffed kinds, without their name.
            (_, Vi) => "không phải bảng tính",
            (_, En) => "not a spreadsheet",
        }
    }
}

impl Damage {
    /// What is wrong, as a clause: "tệp nén có hai phần trùng tên 'a.xml'".
    pub fn describe(&self, lang: Lang) -> String {
        match lang {
            Lang::Vi => self.vi(),
            Lang::En => self.en(),
        }
    }

    fn vi(&self) -> String {
        use Damage as D;
        match self {
            D::TooLarge { mib, max_mib } => {
                format!("tệp lớn {mib} MiB, vượt giới hạn {max_mib} MiB của một biểu mẫu")
            }
            D::CannotOpen(e) => format!("không mở được tệp ({e})"),
            D::UnknownFormat => "không nhận ra định dạng tệp".into(),
            D::OldBiff => "định dạng Excel 2.x–4.0 quá cũ, không đọc được".into(),
            D::CorruptZip(e) => format!("tệp nén (zip) hỏng hoặc bị cắt cụt ({e})"),
            D::CorruptArchive(e) => format!("tệp nén hỏng ({e})"),
            D::TooManyEntries(n) => {
                format!("tệp nén có {n} phần, quá giới hạn {MAX_ENTRIES} (có thể là \"bom nén\")")
            }
            D::DuplicateNames { declared, distinct } => format!(
                "danh mục tệp nén ghi {declared} phần nhưng chỉ có {distinct} phần khác tên (có phần trùng tên)"
            ),
            D::DuplicateEntry(name) => format!("tệp nén có hai phần trùng tên '{name}'"),
            D::CorruptPart { part, error } => format!("phần '{part}' của tệp nén hỏng ({error})"),
            D::OverlappingEntries => "các phần của tệp nén chồng lên nhau".into(),
            D::ZipBomb { part, why } => format!(
                "tệp nén bất thường, có thể là \"bom nén\" (zip bomb): phần '{part}' {}",
                why.describe(Lang::Vi)
            ),
            D::EntryBomb { entry, why } => format!(
                "tệp nén bất thường, có thể là \"bom nén\" (zip bomb): mục '{entry}' {}",
                why.describe(Lang::Vi)
            ),
            D::SharedStringsCount { part, count, bytes } => format!(
                "phần '{part}' khai báo {count} chuỗi nhưng chỉ dài {bytes} byte (tệp bị làm hỏng hoặc cố ý gây tràn bộ nhớ)"
            ),
            D::CorruptContent(_) => "nội dung bảng tính hỏng".into(),
            D::ReaderFailed(_) => "trình đọc bảng tính gặp lỗi nội bộ với tệp này".into(),
            D::TimedOut { seconds } => format!(
                "đọc tệp mất quá {seconds} giây nên đã dừng (tệp quá lớn hoặc cố ý làm treo chương trình)"
            ),
            D::OutOfMemory { mib } => format!(
                "đọc tệp cần quá {mib} MiB bộ nhớ nên đã dừng (tệp hỏng hoặc cố ý gây tràn bộ nhớ)"
            ),
            D::ReaderStopped { mib } => format!(
                "trình đọc bảng tính dừng bất thường với tệp này (vượt giới hạn {mib} MiB bộ nhớ hoặc tệp hỏng)"
            ),
            D::BadReply => "trình đọc trả về dữ liệu hỏng".into(),
            D::Internal => "lỗi nội bộ khi đọc biểu mẫu".into(),
            D::TooManyItems { max } => {
                format!("tệp chứa hơn {max} mục, các mục sau không được đọc")
            }
            D::MailboxUnreadable(e) => format!("đọc hộp thư bị lỗi ({e})"),
            D::CorruptMessage => "thư hỏng, không đọc được".into(),
            D::ArchiveTooManyItems { count, max } => {
                format!("tệp nén có {count} mục, quá giới hạn {max} (có thể là \"bom nén\")")
            }
            D::CorruptItem { index, error } => format!("mục {index} của tệp nén hỏng ({error})"),
            D::CorruptEntry { entry, error } => {
                format!("mục '{entry}' của tệp nén hỏng ({error})")
            }
            D::AttachmentTooLarge { mib, max_mib } => {
                format!("tệp đính kèm lớn {mib} MiB, vượt giới hạn {max_mib} MiB của một biểu mẫu")
            }
            D::MessageTooLarge { mib, max_mib } => format!(
                "thư lớn {mib} MiB, vượt giới hạn {max_mib} MiB nên không đọc các tệp đính kèm; đề nghị đơn vị gửi lại biểu mẫu riêng"
            ),
            D::CannotWriteCopy(e) => format!("không ghi được tệp tạm để đọc ({e})"),
            D::CannotMakeTempFolder(e) => {
                format!("không tạo được thư mục tạm để mở tệp ({e})")
            }
        }
    }

    fn en(&self) -> String {
        use Damage as D;
        match self {
            D::TooLarge { mib, max_mib } => {
                format!("the file is {mib} MiB, over the {max_mib} MiB limit for a form")
            }
            D::CannotOpen(e) => format!("cannot open the file ({e})"),
            D::UnknownFormat => "unrecognised file format".into(),
            D::OldBiff => "Excel 2.x–4.0 format, too old to read".into(),
            D::CorruptZip(e) => format!("corrupt or truncated zip archive ({e})"),
            D::CorruptArchive(e) => format!("corrupt archive ({e})"),
            D::TooManyEntries(n) => format!(
                "the archive has {n} entries, over the limit of {MAX_ENTRIES} (possibly a zip bomb)"
            ),
            D::DuplicateNames { declared, distinct } => format!(
                "the archive directory lists {declared} entries but only {distinct} distinct names (duplicate entry names)"
            ),
            D::DuplicateEntry(name) => format!("the archive has two entries named '{name}'"),
            D::CorruptPart { part, error } => {
                format!("part '{part}' of the archive is corrupt ({error})")
            }
            D::OverlappingEntries => "entries of the archive overlap".into(),
            D::ZipBomb { part, why } => format!(
                "abnormal archive, possibly a zip bomb: part '{part}' {}",
                why.describe(Lang::En)
            ),
            D::EntryBomb { entry, why } => format!(
                "abnormal archive, possibly a zip bomb: entry '{entry}' {}",
                why.describe(Lang::En)
            ),
            D::SharedStringsCount { part, count, bytes } => format!(
                "part '{part}' declares {count} strings in only {bytes} bytes (corrupt or crafted to exhaust memory)"
            ),
            D::CorruptContent(e) => format!("corrupt workbook content: {e}"),
            D::ReaderFailed(e) => format!("the spreadsheet reader failed on this file ({e})"),
            D::TimedOut { seconds } => format!(
                "reading took over {seconds} s and was stopped (file too large or crafted to hang the reader)"
            ),
            D::OutOfMemory { mib } => format!(
                "reading needed over {mib} MiB of memory and was stopped (corrupt file or crafted to exhaust memory)"
            ),
            D::ReaderStopped { mib } => format!(
                "the spreadsheet reader stopped abnormally on this file (over the {mib} MiB memory limit, or a corrupt file)"
            ),
            D::BadReply => "the reader returned corrupt data".into(),
            D::Internal => "internal error while interpreting the form".into(),
            D::TooManyItems { max } => {
                format!("the container holds over {max} items; the rest were not read")
            }
            D::MailboxUnreadable(e) => format!("the mailbox could not be read on ({e})"),
            D::CorruptMessage => "a corrupt message that cannot be read".into(),
            D::ArchiveTooManyItems { count, max } => format!(
                "the archive has {count} entries, over the limit of {max} (possibly a zip bomb)"
            ),
            D::CorruptItem { index, error } => {
                format!("entry {index} of the archive is corrupt ({error})")
            }
            D::CorruptEntry { entry, error } => {
                format!("entry '{entry}' of the archive is corrupt ({error})")
            }
            D::AttachmentTooLarge { mib, max_mib } => {
                format!("the attachment is {mib} MiB, over the {max_mib} MiB limit for a form")
            }
            D::MessageTooLarge { mib, max_mib } => format!(
                "the message is {mib} MiB, over the {max_mib} MiB limit, so its attachments were not read; ask the unit to send the form on its own"
            ),
            D::CannotWriteCopy(e) => format!("cannot write the temporary copy to read ({e})"),
            D::CannotMakeTempFolder(e) => {
                format!("cannot make a temporary folder to open it ({e})")
            }
        }
    }
}

impl fmt::Display for NotSpreadsheet {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.describe(Lang::En))
    }
}

impl fmt::Display for Damage {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.describe(Lang::En))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_language_gets_its_own_text() {
        let e = Damage::CannotOpen("Permission denied (os error 13)".into());
        assert_eq!(
            e.describe(Lang::Vi),
            "không mở được tệp (Permission denied (os error 13))"
        );
        assert_eq!(
            e.describe(Lang::En),
            "cannot open the file (Permission denied (os error 13))"
        );
        let n = NotSpreadsheet::Html("xls".into());
        assert_eq!(
            n.describe(Lang::Vi),
            "tệp HTML (trang web) được đặt tên .xls — thường do phần mềm khác xuất ra"
        );
        assert_eq!(
            NotSpreadsheet::Csv(String::new()).describe(Lang::En),
            "a CSV text file"
        );
        let err: &dyn std::error::Error = &ReadError::Encrypted;
        assert_eq!(err.to_string(), "password-protected workbook");
    }
}
