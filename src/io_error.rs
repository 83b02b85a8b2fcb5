//! What a failed file operation means, said to a clerk: the system's own
//! text ("No such file or directory (os error 2)") is English and names no
//! remedy, so it is kept only in brackets after a sentence in the run's
//! language.
//!
//! ```
//! use dvht::findings::Lang;
//! use dvht::io_error::reason;
//! let e = std::io::Error::from(std::io::ErrorKind::PermissionDenied);
//! assert!(reason(&e, Lang::Vi).starts_with("không có quyền"));
//! ```

use crate::findings::Lang;
use std::io::{Error, ErrorKind};

/// Why the operation failed, in `lang`, with the system's text in brackets.
pub fn reason(e: &Error, lang: Lang) -> String {
    let (vi, en) = match e.kind() {
        ErrorKind::NotFound => (
            "không tìm thấy tệp hoặc thư mục",
            "the file or folder does not exist",
        ),
        ErrorKind::PermissionDenied => (
            "không có quyền truy cập (tệp đang mở ở chương trình khác, chỉ cho đọc, hoặc thư mục không cho ghi)",
            "access denied (the file is open in another program, read-only, or the folder cannot be written to)",
        ),
        ErrorKind::AlreadyExists => ("tệp đã có", "the file already exists"),
        ErrorKind::IsADirectory => (
            "đây là một thư mục, không phải tệp",
            "it is a folder, not a file",
        ),
        ErrorKind::NotADirectory => (
            "một phần của đường dẫn không phải thư mục",
            "part of the path is not a folder",
        ),
        ErrorKind::StorageFull | ErrorKind::QuotaExceeded => ("ổ đĩa đã đầy", "the disk is full"),
        ErrorKind::ReadOnlyFilesystem => ("ổ đĩa chỉ cho đọc", "the disk is read-only"),
        ErrorKind::InvalidFilename => (
            "tên tệp không hợp lệ hoặc quá dài",
            "the file name is invalid or too long",
        ),
        ErrorKind::InvalidData => (
            "nội dung tệp không đọc được",
            "the file's content cannot be read",
        ),
        ErrorKind::ResourceBusy | ErrorKind::ExecutableFileBusy => (
            "tệp đang được chương trình khác dùng",
            "the file is in use by another program",
        ),
        ErrorKind::CrossesDevices => (
            "không chuyển được tệp sang ổ đĩa khác",
            "the file cannot be moved to another disk",
        ),
        _ => ("lỗi của hệ thống tệp", "a file system error"),
    };
    let system = system_text(e);
    match lang {
        Lang::Vi => format!("{vi} ({system})"),
        Lang::En => format!("{en} ({system})"),
    }
}

/// The system's words, without the temporary file's name a library may
/// have added (tempfile: "… at path \"/x/.dvht-Ab3x.tmp\""): a name the user
/// never chose and will never find.
fn system_text(e: &Error) -> String {
    let t = e.to_string();
    match t.find(" at path ") {
        Some(i) => t[..i].to_string(),
        None => t,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_system_text_comes_after_a_sentence() {
        let e = Error::from_raw_os_error(2);
        let vi = reason(&e, Lang::Vi);
        assert!(vi.starts_with("không tìm thấy tệp hoặc thư mục ("), "{vi}");
        assert!(vi.ends_with(&format!("({e})")), "{vi}");
        let en = reason(&e, Lang::En);
        assert!(
            en.starts_with("the file or folder does not exist ("),
            "{en}"
        );
        let other = Error::other("boom");
        assert_eq!(reason(&other, Lang::Vi), "lỗi của hệ thống tệp (boom)");
        // tempfile names its temporary file: not shown.
        let dir = std::path::Path::new("/no/such/folder");
        let e = tempfile::Builder::new()
            .prefix(".dvht-")
            .tempfile_in(dir)
            .unwrap_err();
        let vi = reason(&e, Lang::Vi);
        assert!(!vi.contains(".dvht-") && !vi.contains("at path"), "{vi}");
        assert!(vi.starts_with("không tìm thấy tệp hoặc thư mục ("), "{vi}");
    }
}
