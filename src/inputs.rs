//! Which files a run reads: every path given, folders walked, and for each
//! file found what it is — a form to read, or skipped and why.
//!
//! This is the first step of the data flow (see ARCHITECTURE.md): nothing
//! here opens a workbook except to recognise a district workbook dvht wrote
//! ([`Options::output`]). The pipeline ([`crate::pipeline`]) then reads
//! every [`Input`] whose [`Input::skip`] is `None` and reports the others
//! as skipped, with the reason.
//!
//! The rules, in one place:
//! - files are taken as given, folders walked recursively in sorted order;
//!   an unreadable folder, a folder too deep and a link back to a folder
//!   already walked are listed as themselves (skipped), so that nothing
//!   given is silently dropped and a link loop cannot multiply the walk;
//! - a file is read once: the same file reached a second time (given twice,
//!   inside a folder also given, through a link or a hard link) is listed
//!   again as [`Skip::SameFileAs`] the first;
//! - Excel's `~$` owner files, broken links and files that are not
//!   spreadsheets by their extension are skipped by name;
//! - the district workbook being written, found in a folder walked, is
//!   left out of the list (so that `consolidate` can be run again).
//!
//! An input is more than a path so that later steps can add what they know
//! about it (where it came from, whether it was superseded) beside it.
//!
//! ```
//! use dvht::inputs::{self, Skip};
//! let dir = tempfile::tempdir().unwrap();
//! std::fs::write(dir.path().join("a.xlsx"), b"").unwrap();
//! std::fs::write(dir.path().join("~$a.xlsx"), b"").unwrap();
//! let found = inputs::collect(&[dir.path().to_path_buf()], &inputs::Options::default());
//! assert_eq!(found[0].skip, None);
//! assert_eq!(found[1].skip, Some(Skip::LockFile));
//! ```

pub mod containers;

pub use containers::Source;

use crate::findings::Lang;
use crate::read;
use std::collections::{HashMap, HashSet};
use std::fs::Metadata;
use std::path::{Path, PathBuf};

/// Folders deeper than this below a path given are not walked.
const MAX_DEPTH: usize = 32;

/// One file given, or found in a folder given.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Input {
    /// The path as given, or as found in a folder walked.
    pub path: PathBuf,
    /// Why it is not read as a form; `None` for a file to read.
    pub skip: Option<Skip>,
    /// The file under any name, when it could be looked up.
    pub id: Option<FileId>,
    /// Where it came from when it came out of a container (its `path` is
    /// then a copy in a temporary folder, or the container itself for an
    /// item that is not read).
    pub source: Option<Source>,
    /// Why an item of a container could not be had (a corrupt archive, a
    /// message over the size limit): reported as unreadable.
    pub broken: Option<crate::read::ReadError>,
}

impl Input {
    /// A file to read, taken as it is named (nothing looked up: for tools
    /// and tests that make their inputs).
    pub fn new(path: impl Into<PathBuf>) -> Input {
        Input {
            path: path.into(),
            skip: None,
            id: None,
            source: None,
            broken: None,
        }
    }

    /// A path taken on its own (`dvht score FILE`): what it is, without a
    /// walk.
    pub fn of(path: &Path) -> Input {
        let meta = std::fs::metadata(path).ok();
        let id = meta.as_ref().and_then(|m| FileId::new(path, m, None));
        Input {
            skip: skip(path, meta.as_ref()),
            id,
            ..Input::new(path)
        }
    }

    /// The path as shown to people: for an item of a container, the
    /// container and the item ("hop-thu.mbox › #3 › bieu-mau.xlsx").
    pub fn display(&self) -> String {
        match &self.source {
            Some(s) => s.label(),
            None => self.path.display().to_string(),
        }
    }

    /// The file's name as shown: the attachment's or entry's name for an
    /// item of a container.
    pub fn name(&self) -> String {
        let from_path = |p: &Path| {
            p.file_name()
                .map(|n| n.to_string_lossy().to_string())
                .unwrap_or_else(|| p.display().to_string())
        };
        match &self.source {
            Some(s) => s
                .attachment
                .as_deref()
                .map(|a| a.rsplit(['/', '\\']).next().unwrap_or(a).to_string())
                .unwrap_or_else(|| from_path(&s.container)),
            None => from_path(&self.path),
        }
    }
}

/// Why an input is not read as a form.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Skip {
    /// `~$name.xlsx`: the owner file Excel keeps beside an open workbook.
    LockFile,
    /// A link that points nowhere, or a loop of links.
    BrokenLink,
    /// A link to a folder already walked (or a loop of links).
    FolderSeenAgain,
    /// A folder that was not walked (unreadable, or too deep).
    Folder,
    /// The same file as an input listed before it (given twice, or the
    /// same file under another name).
    SameFileAs(PathBuf),
    /// Not a spreadsheet, by its extension.
    NotASpreadsheet(FileType),
    /// One of dvht's own workbooks (a district, team or result workbook,
    /// a schedule, the blank form), recognised by its content once read
    /// ([`crate::own`]).
    OwnWorkbook(crate::own::OwnKind),
    /// A message with no spreadsheet attached.
    NoSpreadsheetAttached,
    /// An archive inside an archive inside a container: not opened.
    NestedTooDeep,
    /// A container with nothing in it; the reason in both languages.
    Empty(String, String),
}

/// What a file that is not a spreadsheet looks like, by its extension.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum FileType {
    Pdf,
    WordDocument,
    Email,
    Image,
    Archive,
    NoExtension,
    Other,
}

impl Skip {
    /// The reason, as a clause: "tệp PDF; dvht chỉ đọc …".
    pub fn reason(&self, lang: Lang) -> String {
        use Lang::{En, Vi};
        match (self, lang) {
            (Skip::LockFile, Vi) => "tệp khóa tạm của Excel (~$), không phải biểu mẫu".into(),
            (Skip::LockFile, En) => "Excel lock file (~$), not a form".into(),
            (Skip::BrokenLink, Vi) => {
                "liên kết hỏng hoặc vòng lặp liên kết, không trỏ tới tệp nào".into()
            }
            (Skip::BrokenLink, En) => "a broken link or a link loop, pointing to no file".into(),
            (Skip::FolderSeenAgain, Vi) => {
                "liên kết tới thư mục đã đọc (hoặc vòng lặp liên kết), không đọc lại".into()
            }
            (Skip::FolderSeenAgain, En) => {
                "a link to a folder already read (or a link loop), not read again".into()
            }
            (Skip::Folder, Vi) => "là thư mục, không phải tệp".into(),
            (Skip::Folder, En) => "a folder, not a file".into(),
            (Skip::SameFileAs(first), Vi) => format!(
                "cùng một tệp với {} (đã có trong danh sách), không đọc lại",
                first.display()
            ),
            (Skip::SameFileAs(first), En) => format!(
                "the same file as {} (already in the list), not read again",
                first.display()
            ),
            (Skip::NoSpreadsheetAttached, Vi) => {
                "thư không có tệp bảng tính (.xlsx, .xls, .ods…) đính kèm".into()
            }
            (Skip::NoSpreadsheetAttached, En) => {
                "a message with no spreadsheet (.xlsx, .xls, .ods…) attached".into()
            }
            (Skip::NestedTooDeep, Vi) => {
                "tệp nén nằm trong tệp nén khác quá một cấp, không mở; hãy giải nén rồi chạy lại"
                    .into()
            }
            (Skip::NestedTooDeep, En) => {
                "an archive nested more than one level deep, not opened; extract it and run again"
                    .into()
            }
            (Skip::Empty(vi, _), Vi) => vi.clone(),
            (Skip::Empty(_, en), En) => en.clone(),
            (Skip::NotASpreadsheet(t), Vi) => {
                format!(
                    "{}; dvht chỉ đọc .xlsx, .xlsm, .xls, .xlsb, .ods",
                    t.name(lang)
                )
            }
            (Skip::OwnWorkbook(kind), Vi) => format!(
                "{}, không phải biểu mẫu của đơn vị (nhận ra theo nội dung, dù đặt tên gì)",
                kind.describe().0
            ),
            (Skip::OwnWorkbook(kind), En) => format!(
                "{}, not a unit's form (recognised by its content, whatever its name)",
                kind.describe().1
            ),
            (Skip::NotASpreadsheet(t), En) => {
                format!(
                    "{}; dvht reads .xlsx, .xlsm, .xls, .xlsb and .ods only",
                    t.name(lang)
                )
            }
        }
    }
}

impl FileType {
    /// "tệp PDF" / "a PDF file".
    pub fn name(self, lang: Lang) -> &'static str {
        use Lang::{En, Vi};
        match (self, lang) {
            (FileType::Pdf, Vi) => "tệp PDF",
            (FileType::Pdf, En) => "a PDF file",
            (FileType::WordDocument, Vi) => "tệp văn bản Word",
            (FileType::WordDocument, En) => "a word-processor document",
            (FileType::Email, Vi) => "thư điện tử đã lưu",
            (FileType::Email, En) => "a saved e-mail",
            (FileType::Image, Vi) => "tệp ảnh",
            (FileType::Image, En) => "an image",
            (FileType::Archive, Vi) => "tệp nén",
            (FileType::Archive, En) => "an archive",
            (FileType::NoExtension, Vi) => "tệp không có phần mở rộng",
            (FileType::NoExtension, En) => "a file without an extension",
            (FileType::Other, Vi) => "không phải bảng tính",
            (FileType::Other, En) => "not a spreadsheet",
        }
    }
}

/// A file under any name: device and inode on Unix (links and hard links
/// too), the real path elsewhere.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct FileId(#[cfg(unix)] (u64, u64), #[cfg(not(unix))] PathBuf);

impl FileId {
    /// The file at `path`, when it exists.
    pub fn of(path: &Path) -> Option<FileId> {
        let meta = std::fs::metadata(path).ok()?;
        FileId::new(path, &meta, None)
    }

    /// From what the walk already knows: the file's metadata and, away
    /// from Unix, its folder's real path (one lookup per folder, not one
    /// per file).
    #[allow(unused_variables)] // Unix uses only `meta`, other systems all but `meta`.
    fn new(path: &Path, meta: &Metadata, real_dir: Option<&Path>) -> Option<FileId> {
        #[cfg(unix)]
        {
            use std::os::unix::fs::MetadataExt;
            Some(FileId((meta.dev(), meta.ino())))
        }
        #[cfg(not(unix))]
        {
            match (real_dir, path.file_name()) {
                (Some(dir), Some(name)) => Some(FileId(dir.join(name))),
                _ => std::fs::canonicalize(path).ok().map(FileId),
            }
        }
    }
}

/// What the walk is told besides the paths.
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// The workbook being written: when found in a folder walked and it is
    /// a district workbook (an earlier run's), it is left out of the list.
    pub output: Option<FileId>,
}

/// Every input, in order: the paths as given, folders walked in sorted
/// order (see the module documentation for the rules).
pub fn collect(paths: &[PathBuf], opts: &Options) -> Vec<Input> {
    let mut walk = Walk {
        opts,
        out: Vec::new(),
        folders: HashSet::new(),
        files: HashMap::new(),
    };
    for p in paths {
        walk.visit(p, None, 0);
    }
    walk.out
}

struct Walk<'a> {
    opts: &'a Options,
    out: Vec<Input>,
    /// Real paths of the folders walked.
    folders: HashSet<PathBuf>,
    /// Files to read so far, by identity: the position of the first.
    files: HashMap<FileId, usize>,
}

impl Walk<'_> {
    /// `real_dir`: the real path of the folder `p` was found in.
    fn visit(&mut self, p: &Path, real_dir: Option<&Path>, depth: usize) {
        let meta = std::fs::metadata(p).ok();
        if meta.as_ref().is_some_and(|m| m.is_dir()) && depth <= MAX_DEPTH {
            // The folder's real path; one that cannot be resolved is walked once.
            let real = std::fs::canonicalize(p).unwrap_or_else(|_| p.to_path_buf());
            if self.folders.insert(real.clone())
                && let Ok(rd) = std::fs::read_dir(p)
            {
                let mut children: Vec<PathBuf> =
                    rd.filter_map(|e| e.ok().map(|e| e.path())).collect();
                children.sort();
                for c in children {
                    self.visit(&c, Some(&real), depth + 1);
                }
                return;
            }
        }
        let id = meta.as_ref().and_then(|m| FileId::new(p, m, real_dir));
        if depth > 0 && id.is_some() && id == self.opts.output && is_district_workbook(p) {
            return;
        }
        let mut skip = skip(p, meta.as_ref());
        if skip.is_none()
            && let Some(id) = &id
        {
            match self.files.get(id) {
                Some(&first) => skip = Some(Skip::SameFileAs(self.out[first].path.clone())),
                None => {
                    self.files.insert(id.clone(), self.out.len());
                }
            }
        }
        self.out.push(Input {
            skip,
            id,
            ..Input::new(p)
        });
    }
}

/// The inputs with every container (.zip, .eml, .mbox) replaced by what it
/// holds ([`containers`]). The items read are copied into the temporary
/// folder returned, which must be kept until the run is read (it is
/// removed when dropped). Without a temporary folder, containers are
/// listed as unreadable, never dropped.
pub fn open_containers(inputs: Vec<Input>) -> (Vec<Input>, Option<tempfile::TempDir>) {
    let has = inputs.iter().any(containers::is_container);
    if !has {
        return (inputs, None);
    }
    match tempfile::Builder::new().prefix("dvht-").tempdir() {
        Ok(dir) => (containers::expand(inputs, dir.path()), Some(dir)),
        Err(e) => {
            let out = inputs
                .into_iter()
                .map(|i| {
                    if containers::is_container(&i) {
                        Input {
                            skip: None,
                            broken: Some(crate::read::ReadError::Unreadable(
                                crate::read::Damage::CannotMakeTempFolder(e.to_string()),
                            )),
                            ..i
                        }
                    } else {
                        i
                    }
                })
                .collect();
            (out, None)
        }
    }
}

/// Why a file is not a form to read, judged by its name and `meta` (its
/// metadata, links followed; `None` when it could not be had).
fn skip(path: &Path, meta: Option<&Metadata>) -> Option<Skip> {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy())
        .unwrap_or_default();
    if name.starts_with("~$") {
        return Some(Skip::LockFile);
    }
    match meta {
        None if path.is_symlink() => return Some(Skip::BrokenLink),
        Some(m) if m.is_dir() => {
            return Some(if path.is_symlink() {
                Skip::FolderSeenAgain
            } else {
                Skip::Folder
            });
        }
        _ => {}
    }
    let ext = path
        .extension()
        .map(|e| e.to_string_lossy().to_lowercase())
        .unwrap_or_default();
    if read::SPREADSHEET_EXTENSIONS.contains(&ext.as_str()) {
        return None;
    }
    Some(Skip::NotASpreadsheet(match ext.as_str() {
        "pdf" => FileType::Pdf,
        "doc" | "docx" | "odt" | "rtf" => FileType::WordDocument,
        "eml" | "msg" => FileType::Email,
        "jpg" | "jpeg" | "png" | "gif" | "bmp" | "heic" => FileType::Image,
        "zip" | "rar" | "7z" => FileType::Archive,
        "" => FileType::NoExtension,
        _ => FileType::Other,
    }))
}

/// Whether a file is a district workbook `consolidate` wrote (by its
/// content: [`crate::own`]), as opposed to a unit's form.
pub fn is_district_workbook(path: &Path) -> bool {
    crate::own::classify_file(path) == Some(crate::own::OwnKind::District)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(inputs: &[Input]) -> Vec<(String, Option<Skip>)> {
        inputs
            .iter()
            .map(|i| {
                let n = i.path.file_name().unwrap().to_string_lossy().into_owned();
                (n, i.skip.clone())
            })
            .collect()
    }

    #[test]
    fn skipped_by_name_with_the_reason() {
        let d = tempfile::tempdir().unwrap();
        for n in [
            "b.xlsx", "~$b.xlsx", "scan.pdf", "thu.eml", "ghi-chu", "a.ODS",
        ] {
            std::fs::write(d.path().join(n), b"").unwrap();
        }
        let got = names(&collect(&[d.path().to_path_buf()], &Options::default()));
        assert_eq!(
            got,
            vec![
                ("a.ODS".into(), None),
                ("b.xlsx".into(), None),
                (
                    "ghi-chu".into(),
                    Some(Skip::NotASpreadsheet(FileType::NoExtension))
                ),
                (
                    "scan.pdf".into(),
                    Some(Skip::NotASpreadsheet(FileType::Pdf))
                ),
                (
                    "thu.eml".into(),
                    Some(Skip::NotASpreadsheet(FileType::Email))
                ),
                ("~$b.xlsx".into(), Some(Skip::LockFile)),
            ]
        );
        assert_eq!(
            Skip::NotASpreadsheet(FileType::Pdf).reason(Lang::Vi),
            "tệp PDF; dvht chỉ đọc .xlsx, .xlsm, .xls, .xlsb, .ods"
        );
    }

    #[test]
    fn a_file_given_twice_is_read_once() {
        let d = tempfile::tempdir().unwrap();
        let a = d.path().join("a.xlsx");
        std::fs::write(&a, b"").unwrap();
        let got = collect(&[d.path().to_path_buf(), a.clone()], &Options::default());
        assert_eq!(got.len(), 2);
        assert_eq!(got[0].skip, None);
        assert_eq!(got[1].skip, Some(Skip::SameFileAs(a.clone())));
        assert_eq!(
            got[1].skip.as_ref().unwrap().reason(Lang::En),
            format!(
                "the same file as {} (already in the list), not read again",
                a.display()
            )
        );
    }

    #[cfg(unix)]
    #[test]
    fn links_and_hard_links_are_the_same_file() {
        let d = tempfile::tempdir().unwrap();
        let a = d.path().join("a.xlsx");
        std::fs::write(&a, b"").unwrap();
        std::fs::hard_link(&a, d.path().join("b.xlsx")).unwrap();
        std::os::unix::fs::symlink("a.xlsx", d.path().join("c.xlsx")).unwrap();
        std::os::unix::fs::symlink("khong-co.xlsx", d.path().join("d.xlsx")).unwrap();
        let got = names(&collect(&[d.path().to_path_buf()], &Options::default()));
        assert_eq!(
            got,
            vec![
                ("a.xlsx".into(), None),
                ("b.xlsx".into(), Some(Skip::SameFileAs(a.clone()))),
                ("c.xlsx".into(), Some(Skip::SameFileAs(a.clone()))),
                ("d.xlsx".into(), Some(Skip::BrokenLink)),
            ]
        );
    }

    #[test]
    fn the_output_is_left_out_only_when_it_is_a_district_workbook() {
        let d = tempfile::tempdir().unwrap();
        let out = d.path().join("tong-hop.xlsx");
        // Not a district workbook: listed (consolidate then refuses it).
        std::fs::write(&out, b"").unwrap();
        let opts = Options {
            output: FileId::of(&out),
        };
        let got = collect(&[d.path().to_path_buf()], &opts);
        assert_eq!(got.len(), 1);
        assert_eq!(got[0].id, opts.output);
    }
}
