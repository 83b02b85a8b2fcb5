//! The words of the command line in each language: what clap would write
//! in English (headings, flags, value names) and the texts after each
//! command's help.

use dvht::findings::Lang;

/// The Vietnamese or the English side of a "Vietnamese / English" help
/// text (split at the first " / "); a text without one is the same in both.
pub fn pick(text: &str, lang: Lang) -> String {
    match text.split_once(" / ") {
        Some((vi, en)) => match lang {
            Lang::Vi => vi.trim().to_string(),
            Lang::En => capitalised(en.trim()),
        },
        None => text.to_string(),
    }
}

/// "write the form" → "Write the form".
fn capitalised(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}

/// The help layout: clap's own, with its "Usage:" in the language.
pub fn template(lang: Lang) -> &'static str {
    match lang {
        Lang::Vi => {
            "{before-help}{about-with-newline}\nCách dùng: {usage}\n\n{all-args}{after-help}"
        }
        Lang::En => "{before-help}{about-with-newline}\nUsage: {usage}\n\n{all-args}{after-help}",
    }
}

/// The word before a usage line.
pub fn usage_heading(lang: Lang) -> &'static str {
    match lang {
        Lang::Vi => "Cách dùng:",
        Lang::En => "Usage:",
    }
}

pub fn heading_commands(lang: Lang) -> &'static str {
    match lang {
        Lang::Vi => "Lệnh",
        Lang::En => "Commands",
    }
}

pub fn heading_arguments(lang: Lang) -> &'static str {
    match lang {
        Lang::Vi => "Tham số",
        Lang::En => "Arguments",
    }
}

pub fn heading_options(lang: Lang) -> &'static str {
    match lang {
        Lang::Vi => "Tùy chọn",
        Lang::En => "Options",
    }
}

pub fn help_flag(lang: Lang) -> &'static str {
    match lang {
        Lang::Vi => "In hướng dẫn này",
        Lang::En => "Print this help",
    }
}

pub fn version_flag(lang: Lang) -> &'static str {
    match lang {
        Lang::Vi => "In số phiên bản",
        Lang::En => "Print the version",
    }
}

/// A value's placeholder in the language (`<TỆP>` for `<FILE>`), where it
/// differs from clap's.
pub fn value_name(name: &str, lang: Lang) -> Option<&'static str> {
    if lang == Lang::En {
        return None;
    }
    Some(match name {
        "FILE" => "TỆP",
        "PATH" | "PATHS" => "TỆP_HOẶC_THƯ_MỤC",
        "DIR" => "THƯ_MỤC",
        "OUT.xlsx" => "TỆP.xlsx",
        "BOOK.xlsx" => "BẢNG_TỔNG_HỢP.xlsx",
        "TEAM.xlsx" => "BẢNG_CHẤM_ĐOÀN.xlsx",
        "RESULT.xlsx" => "BẢNG_KẾT_QUẢ.xlsx",
        "TEAMS.toml" => "ĐOÀN.toml",
        "YYYY" | "YEAR" => "NĂM",
        "DISTRICT" | "NAME" => "TÊN",
        "DATE" => "NGÀY",
        "LANG" => "NGÔN_NGỮ",
        "COMMAND" => "LỆNH",
        _ => return None,
    })
}

/// clap's fixed English words inside a rendered help or usage, in the
/// language.
pub fn finish(rendered: &str, lang: Lang) -> String {
    if lang == Lang::En {
        return rendered.to_string();
    }
    rendered
        .replace("[OPTIONS]", "[TÙY_CHỌN]")
        .replace("[default: ", "[mặc định: ")
        .replace("[possible values: ", "[chọn một trong: ")
        .replace("[aliases: ", "[tên khác: ")
}

/// Why a `--year` was refused (`cmd::parse_year`: four digits, 2000 to
/// 2100).
pub fn bad_year(lang: Lang) -> String {
    match lang {
        Lang::Vi => "năm phải gồm bốn chữ số, từ 2000 đến 2100 (ví dụ 2023)".into(),
        Lang::En => "the year must be four digits, 2000 to 2100 (e.g. 2023)".into(),
    }
}

/// The exit statuses, one rule for every command (README's table,
/// docs/INTERFACE.md).
pub fn exit_statuses(lang: Lang) -> &'static str {
    match lang {
        Lang::Vi => {
            "Mã thoát (mọi lệnh):
  0  đã làm xong: check, score, finalize không thấy lỗi nào; template, consolidate, plan
     đã ghi tệp kết quả (lỗi của các biểu mẫu, nếu có, được ghi trong đó)
  1  check, score, finalize: có biểu mẫu có lỗi cần đơn vị sửa
  2  lệnh không thực hiện được (tham số sai, không đọc được tệp, không ghi được kết quả)"
        }
        Lang::En => {
            "Exit status (every command):
  0  done: check, score, finalize found no error; template, consolidate, plan wrote
     their output (the forms' errors, if any, are in it)
  1  check, score, finalize: a form has an error for its unit to correct
  2  the command could not do its job (bad arguments, a file it could not read, an output
     it did not write)"
        }
    }
}

/// A command's one-line description where the derive's text is not the
/// one wanted ("" is dvht itself).
pub fn about(path: &str, lang: Lang) -> Option<String> {
    let s = match (path, lang) {
        ("", Lang::Vi) => "dvht — đánh giá, xếp loại “Đơn vị học tập” (Thông tư 22/2020/TT-BGDĐT)",
        ("", Lang::En) => {
            "dvht — rating the “Đơn vị học tập” (learning units) of a district (Circular 22/2020/TT-BGDĐT)"
        }
        _ => return None,
    };
    Some(s.to_string())
}

/// The longer description of `dvht --help`.
pub fn long_about(path: &str, lang: Lang) -> Option<String> {
    let s = match (path, lang) {
        ("", Lang::Vi) => {
            "dvht — đánh giá, xếp loại “Đơn vị học tập” (Thông tư 22/2020/TT-BGDĐT).

Đọc các biểu mẫu tự đánh giá do đơn vị gửi (.xlsx, .xlsm, .xls, .xlsb, .ods), kiểm tra
số liệu, chấm điểm theo bộ tiêu chí và lập bảng tổng hợp của huyện."
        }
        ("", Lang::En) => {
            "dvht — rating the “Đơn vị học tập” (learning units) of a district (Circular 22/2020/TT-BGDĐT).

Reads the self-assessment forms units send (.xlsx, .xlsm, .xls, .xlsb, .ods), checks every
figure, scores them against the rubric and writes the district workbook."
        }
        _ => return None,
    };
    Some(s.to_string())
}

/// What follows a command's help: examples, and what the user should know
/// ("" is dvht itself). `{exit}` stands for [`exit_statuses`].
pub fn after_help(path: &str, lang: Lang) -> Option<String> {
    let (_, vi, en) = AFTER_HELP.iter().find(|(p, _, _)| *p == path)?;
    let text = match lang {
        Lang::Vi => vi,
        Lang::En => en,
    };
    Some(text.replace("{exit}", exit_statuses(lang)))
}

/// (command, Vietnamese, English).
const AFTER_HELP: &[(&str, &str, &str)] = &[
    (
        "",
        "Ví dụ:
  dvht template -o mau-tu-danh-gia.xlsx --year 2023
  dvht score ho-so/phong-tu-phap.xlsx
  dvht check ho-so --year 2023
  dvht consolidate ho-so -o tong-hop-2023.xlsx --year 2023 --district \"Thủ Thừa\"
  dvht ho-so        (không ghi lệnh: như kéo thả thư mục ho-so vào dvht.exe —
                     lập bảng tổng hợp tong-hop-NĂM.xlsx trong thư mục đó)
  dvht help consolidate

{exit}",
        "Examples:
  dvht template -o mau-tu-danh-gia.xlsx --year 2023
  dvht score ho-so/phong-tu-phap.xlsx
  dvht check ho-so --year 2023
  dvht consolidate ho-so -o tong-hop-2023.xlsx --year 2023 --district \"Thủ Thừa\"
  dvht ho-so        (no command: as when the folder ho-so is dropped on dvht.exe —
                     writes the district workbook tong-hop-YEAR.xlsx in that folder)
  dvht help consolidate

{exit}",
    ),
    (
        "template",
        "Ví dụ:
  dvht template -o mau-tu-danh-gia-2023.xlsx --year 2023
  dvht template --roster don-vi.txt -o mau --year 2023   (mỗi đơn vị một biểu mẫu ghi sẵn tên)

Không ghi đè một tệp đã có nếu đó không phải biểu mẫu trắng do dvht ghi (thêm --force để ghi đè).",
        "Examples:
  dvht template -o mau-tu-danh-gia-2023.xlsx --year 2023
  dvht template --roster don-vi.txt -o mau --year 2023   (one form per unit, its name filled in)

An existing file is replaced only if it is a blank form dvht wrote (--force replaces any file).",
    ),
    (
        "score",
        "Ví dụ:
  dvht score ho-so/phong-tu-phap.xlsx
  dvht score ho-so/phong-tu-phap.xlsx --json

Các loại điểm: tự chấm (đơn vị ghi), tính từ số liệu (dvht tính), đề xuất (tính từ số liệu
nếu có, không thì tự chấm).

{exit}",
        "Examples:
  dvht score ho-so/phong-tu-phap.xlsx
  dvht score ho-so/phong-tu-phap.xlsx --json

The scores: self (as the unit wrote it), computed (from the evidence), proposed (computed
where there is evidence, else self).

{exit}",
    ),
    (
        "check",
        "Ví dụ:
  dvht check ho-so --year 2023
  dvht check ho-so/phong-tu-phap.xlsx --json
  dvht --lang en check ho-so
  dvht check ho-so --year 2023 --letters cong-van --deadline 08/12/2023

{exit}",
        "Examples:
  dvht check ho-so --year 2023
  dvht check ho-so/phong-tu-phap.xlsx --json
  dvht --lang en check ho-so
  dvht check ho-so --year 2023 --letters cong-van --deadline 08/12/2023

{exit}",
    ),
    (
        "consolidate",
        "Ví dụ:
  dvht consolidate ho-so -o tong-hop-2023.xlsx --year 2023 --district \"Thủ Thừa\" --expected don-vi.txt

Bảng tính có các trang: Tổng hợp, một trang cho mỗi đơn vị (quá 60 đơn vị: trang Chi tiết,
theo thứ tự tệp), Phát hiện, Thống kê, Tệp. Đoàn kiểm tra nhập điểm vào cột \"Điểm đoàn
kiểm tra\" (ô nền vàng); điểm kết luận, tổng điểm, xếp loại và trang Tổng hợp tự cập nhật.
Ngày của tài liệu lấy từ SOURCE_DATE_EPOCH hoặc ngày sửa mới nhất của các tệp đầu vào.
Chạy lại vào bảng tổng hợp đã có: điểm đoàn kiểm tra và ghi chú đã nhập được giữ, bản cũ lưu
bên cạnh (TÊN.truoc-NGÀY-GIỜ.xlsx); đóng tệp trong Excel trước khi chạy. Không ghi đè một tệp
đã có nếu đó không phải bảng tổng hợp do dvht lập (--force để ghi đè).

{exit}",
        "Example:
  dvht consolidate ho-so -o tong-hop-2023.xlsx --year 2023 --district \"Thủ Thừa\" --expected don-vi.txt

Sheets: Tổng hợp (summary), one per unit (beyond 60 units: Chi tiết, in the order of the
files), Phát hiện (findings), Thống kê (statistics), Tệp (files). The inspection team types
into the \"Điểm đoàn kiểm tra\" column (yellow); the final score, totals, classification and
the summary follow. The document date comes from SOURCE_DATE_EPOCH or the newest input.
Run again onto an existing district workbook: the team scores and notes typed in it are kept,
the old one saved beside it (NAME.truoc-DATE-TIME.xlsx); close it in Excel first. Any other
existing file is replaced only with --force.

{exit}",
    ),
    (
        "plan",
        "Ví dụ:
  dvht plan tong-hop-2023.xlsx --teams doan-kiem-tra.toml -o lich-kiem-tra
  dvht plan tong-hop-2023.xlsx --teams doan-kiem-tra.toml -o lich-kiem-tra --documents van-ban

Tệp đoàn (TOML): xem templates/doan-kiem-tra.toml.
Ghi vào THƯ_MỤC: lich-kiem-tra.xlsx (cả ngày và từng đoàn) và một bảng chấm cho mỗi đoàn
(doan-1.xlsx, …: các đơn vị của đoàn, cột Điểm đoàn kiểm tra để nhập, chỗ ký).
Không ghi đè tệp đã có trong THƯ_MỤC.

{exit}",
        "Example:
  dvht plan tong-hop-2023.xlsx --teams doan-kiem-tra.toml -o lich-kiem-tra
  dvht plan tong-hop-2023.xlsx --teams doan-kiem-tra.toml -o lich-kiem-tra --documents van-ban

The teams file (TOML): see templates/doan-kiem-tra.toml.
Writes into DIR: lich-kiem-tra.xlsx (the whole day and each team) and one scoring workbook per team
(doan-1.xlsx, …: the team's units, the team score column to fill, a line for signatures).
Never replaces a file already in DIR.

{exit}",
    ),
    (
        "finalize",
        "Ví dụ:
  dvht finalize tong-hop-2023.xlsx -o ket-qua-2023.xlsx
  dvht finalize tong-hop-2023.xlsx lich-kiem-tra/doan-1.xlsx lich-kiem-tra/doan-2.xlsx -o ket-qua-2023.xlsx

Điểm kết luận của mỗi tiêu chí: điểm đoàn kiểm tra nếu đã nhập (kiểm tra như điểm tự chấm),
nếu không là điểm đề xuất; tổng điểm, xếp loại và hạng do dvht tính lại. Đơn vị còn lỗi chưa
xử lý không được đề nghị công nhận. Bảng kết quả có các trang: Kết quả, Đề nghị công nhận,
Thay đổi của đoàn, Phát hiện. Chỉ ghi đè bảng kết quả do dvht lập (bản trước giữ lại bên cạnh).

{exit}",
        "Examples:
  dvht finalize tong-hop-2023.xlsx -o ket-qua-2023.xlsx
  dvht finalize tong-hop-2023.xlsx lich-kiem-tra/doan-1.xlsx lich-kiem-tra/doan-2.xlsx -o ket-qua-2023.xlsx

A criterion's final score is the team's where typed (checked as a self-score), else the proposed
one; totals, classification and rank are recomputed by dvht. A unit with an unresolved error is
not proposed for recognition. Sheets: Kết quả (ranking), Đề nghị công nhận (units proposed),
Thay đổi của đoàn (changes), Phát hiện (findings). Only a result workbook of dvht's is replaced
(the earlier one kept beside).

{exit}",
    ),
];
