//! Shared set-up of the `dvht plan` tests: a district workbook consolidated
//! from forms, a teams file beside it, and the command run on them.
#![allow(dead_code)]

use crate::consolidate_support::dvht;
use std::collections::BTreeMap;
use std::ffi::OsStr;
use std::path::{Path, PathBuf};
use std::process::Output;

/// Two teams of three whose members come from four of the sample units
/// (GD&ĐT and TT Y tế in team 1; Nội vụ and VH&TT in team 2).
pub const TEAMS: &str = r#"date = "2023-12-15"
place = "Phòng Giáo dục và Đào tạo huyện Thủ Thừa"
slot_minutes = 20
sessions = [ { start = "07:30", end = "11:00" }, { start = "13:30", end = "17:00" } ]

[[team]]
name = "Đoàn 1"
members = [
  { name = "Nguyễn Văn An", role = "Trưởng đoàn", agency = "Phòng GD&ĐT" },
  { name = "Trần Thị Bích", role = "Thành viên", agency = "Hội Khuyến học huyện" },
  { name = "Lê Văn Cường", role = "Thư ký", agency = "TT Y tế huyện" },
]

[[team]]
name = "Đoàn 2"
members = [
  { name = "Phạm Văn Dũng", role = "Trưởng đoàn", agency = "Phòng Nội vụ huyện Thủ Thừa" },
  { name = "Hồ Thị Em", role = "Thành viên", agency = "Phòng VH&TT" },
  { name = "Võ Văn Phúc", role = "Thư ký", agency = "Hội Khuyến học huyện" },
]
"#;

pub fn os(s: &str) -> &OsStr {
    OsStr::new(s)
}

/// A district workbook and a teams file in a temporary folder.
pub struct Day {
    pub dir: tempfile::TempDir,
    pub book: PathBuf,
    pub teams: PathBuf,
    /// Each unit of the workbook and whether its form has errors (from
    /// `consolidate --json`).
    pub units: BTreeMap<String, bool>,
}

impl Day {
    /// The forms of `forms` (a folder or file) consolidated, and `teams`
    /// written as the teams file.
    pub fn new(forms: &Path, teams: &str) -> Day {
        let dir = tempfile::tempdir().unwrap();
        let book = dir.path().join("tong-hop.xlsx");
        let o = dvht(&[
            os("consolidate"),
            forms.as_os_str(),
            os("-o"),
            book.as_os_str(),
            os("--year"),
            os("2023"),
            os("--json"),
        ]);
        // Written: exit 0, though three sample forms hold an error
        // (README's rule).
        assert!(
            matches!(o.status.code(), Some(0)),
            "{}",
            String::from_utf8_lossy(&o.stderr)
        );
        let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
        let units = v["files"]
            .as_array()
            .unwrap()
            .iter()
            .map(|f| {
                (
                    f["unit"].as_str().unwrap().to_string(),
                    f["status"] == "errors",
                )
            })
            .collect();
        let path = dir.path().join("doan.toml");
        std::fs::write(&path, teams).unwrap();
        Day {
            dir,
            book,
            teams: path,
            units,
        }
    }

    /// The 26 sample units with `teams`.
    pub fn samples(teams: &str) -> Day {
        Day::new(
            &Path::new(env!("CARGO_MANIFEST_DIR")).join("samples"),
            teams,
        )
    }

    /// A folder `name` inside the temporary folder (not made).
    pub fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    /// `dvht plan --json` into `out`, which must succeed: its JSON.
    pub fn plan_ok(&self, out: &Path) -> serde_json::Value {
        let o = self.plan(out, true);
        assert_eq!(
            o.status.code(),
            Some(0),
            "{}",
            String::from_utf8_lossy(&o.stderr)
        );
        serde_json::from_slice(&o.stdout).unwrap()
    }

    /// `dvht plan` into `out` (with `--json` when asked).
    pub fn plan(&self, out: &Path, json: bool) -> Output {
        let mut args = plan_args(&self.book, &self.teams, out);
        if json {
            args.push(os("--json"));
        }
        dvht(&args)
    }
}

fn plan_args<'a>(book: &'a Path, teams: &'a Path, out: &'a Path) -> Vec<&'a OsStr> {
    vec![
        os("plan"),
        book.as_os_str(),
        os("--teams"),
        teams.as_os_str(),
        os("-o"),
        out.as_os_str(),
    ]
}

/// `dvht plan BOOK --teams TEAMS -o OUT`.
pub fn dvht_plan(book: &Path, teams: &Path, out: &Path) -> Output {
    dvht(&plan_args(book, teams, out))
}

/// The units of team `t` (0-based) in `dvht plan --json`, in time order.
pub fn team_units(plan: &serde_json::Value, t: usize) -> Vec<String> {
    plan["teams"][t]["units"]
        .as_array()
        .unwrap()
        .iter()
        .map(|u| u["unit"].as_str().unwrap().to_string())
        .collect()
}

/// A copy of the workbook `src` at `dst` with `value` typed into cell
/// `cell` ("H5") of sheet `sheet`, as a spreadsheet program would store it:
/// a number, or text when it does not read as one. The cell must be one the
/// workbook wrote (blank, with its format).
pub fn type_into(src: &Path, dst: &Path, sheet: &str, cell: &str, value: &str) {
    use std::io::{Read, Write};
    let mut z = zip::ZipArchive::new(std::fs::File::open(src).unwrap()).unwrap();
    let part = sheet_part(&mut z, sheet);
    let mut w = zip::ZipWriter::new(std::fs::File::create(dst).unwrap());
    for i in 0..z.len() {
        let mut f = z.by_index(i).unwrap();
        let name = f.name().unwrap().to_string();
        let mut data = Vec::new();
        f.read_to_end(&mut data).unwrap();
        if name == part {
            let mut xml = String::from_utf8(data).unwrap();
            let at = xml
                .find(&format!("<c r=\"{cell}\""))
                .unwrap_or_else(|| panic!("no cell {cell} on {sheet}"));
            let end = at + xml[at..].find('>').unwrap();
            assert!(xml[..end].ends_with('/'), "{cell} on {sheet} is not blank");
            let typed = match value.parse::<f64>() {
                Ok(_) => format!("><v>{value}</v></c>"),
                Err(_) => format!(" t=\"inlineStr\"><is><t>{value}</t></is></c>"),
            };
            xml.replace_range(end - 1..end + 1, &typed);
            data = xml.into_bytes();
        }
        w.start_file(name, zip::write::SimpleFileOptions::default())
            .unwrap();
        w.write_all(&data).unwrap();
    }
    w.finish().unwrap();
}

/// The zip part ("xl/worksheets/sheet3.xml") of the sheet named `sheet`,
/// through workbook.xml and its relationships.
fn sheet_part(z: &mut zip::ZipArchive<std::fs::File>, sheet: &str) -> String {
    use std::io::Read;
    let mut read = |name: &str| {
        let mut s = String::new();
        z.by_name(name).unwrap().read_to_string(&mut s).unwrap();
        s
    };
    let (book, rels) = (read("xl/workbook.xml"), read("xl/_rels/workbook.xml.rels"));
    // Attributes of a tag's text after its name ("name=\"…\" r:id=\"…\"").
    let attr = |tag: &str, key: &str| -> Option<String> {
        let tag = format!(" {tag}");
        let at = tag.find(&format!(" {key}=\""))? + key.len() + 3;
        let end = at + tag[at..].find('"')?;
        Some(
            tag[at..end]
                .replace("&quot;", "\"")
                .replace("&apos;", "'")
                .replace("&lt;", "<")
                .replace("&gt;", ">")
                .replace("&amp;", "&"),
        )
    };
    let id = book
        .split("<sheet ")
        .skip(1)
        .find(|t| attr(t, "name").as_deref() == Some(sheet))
        .and_then(|t| attr(t, "r:id"))
        .unwrap_or_else(|| panic!("no sheet {sheet}"));
    let target = rels
        .split("<Relationship ")
        .skip(1)
        .find(|t| attr(t, "Id").as_deref() == Some(id.as_str()))
        .and_then(|t| attr(t, "Target"))
        .unwrap();
    format!("xl/{}", target.trim_start_matches("/xl/"))
}
