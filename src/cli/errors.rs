//! clap's errors, help and version rendered in the run's language.
//!
//! clap keeps what went wrong as data (the kind, the argument, the value,
//! the suggestions, the usage line), so the Vietnamese text is written here
//! from that data rather than translated from clap's English sentences.

use super::texts;
use clap::error::{ContextKind, ContextValue, ErrorKind};
use dvht::findings::Lang;
use std::fmt::Write as _;

/// The text to print and the exit status: help and version on standard
/// output with 0, errors on standard error with 2.
pub fn render(e: &clap::Error, lang: Lang) -> (String, u8) {
    match e.kind() {
        ErrorKind::DisplayHelp | ErrorKind::DisplayVersion => {
            (texts::finish(&e.render().to_string(), lang), 0)
        }
        ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand => {
            (texts::finish(&e.render().to_string(), lang), 2)
        }
        _ if lang == Lang::En => (e.render().to_string(), 2),
        _ => (vietnamese(e), 2),
    }
}

fn text(e: &clap::Error, kind: ContextKind) -> Option<String> {
    match e.get(kind)? {
        ContextValue::String(s) => Some(s.clone()),
        ContextValue::Strings(v) => Some(v.join(", ")),
        ContextValue::StyledStr(s) => Some(s.to_string()),
        ContextValue::Number(n) => Some(n.to_string()),
        _ => None,
    }
}

fn list(e: &clap::Error, kind: ContextKind) -> Vec<String> {
    match e.get(kind) {
        Some(ContextValue::Strings(v)) => v.clone(),
        Some(ContextValue::String(s)) => vec![s.clone()],
        _ => Vec::new(),
    }
}

/// The message of an argument error, in Vietnamese.
fn vietnamese(e: &clap::Error) -> String {
    let arg = text(e, ContextKind::InvalidArg).unwrap_or_default();
    let value = text(e, ContextKind::InvalidValue).unwrap_or_default();
    let mut out = String::from("lỗi: ");
    match e.kind() {
        ErrorKind::InvalidValue if value.is_empty() => {
            let _ = write!(out, "'{arg}' cần một giá trị");
        }
        ErrorKind::InvalidValue => {
            let _ = write!(out, "giá trị '{value}' không dùng được cho '{arg}'");
            let valid = list(e, ContextKind::ValidValue);
            if !valid.is_empty() {
                let _ = write!(out, "\n  [chọn một trong: {}]", valid.join(", "));
            }
        }
        ErrorKind::ValueValidation => {
            let _ = write!(out, "giá trị '{value}' không dùng được cho '{arg}'");
            if let Some(why) = source(e) {
                let _ = write!(out, ": {why}");
            }
        }
        ErrorKind::InvalidSubcommand => {
            let sub = text(e, ContextKind::InvalidSubcommand).unwrap_or_default();
            let _ = write!(
                out,
                "không có lệnh '{sub}', cũng không có tệp hay thư mục nào tên như vậy"
            );
        }
        ErrorKind::UnknownArgument if arg.starts_with('-') => {
            let _ = write!(out, "không có tùy chọn '{arg}'");
        }
        ErrorKind::UnknownArgument => {
            let _ = write!(out, "thừa tham số '{arg}'");
        }
        ErrorKind::MissingRequiredArgument => {
            out.push_str("thiếu tham số bắt buộc:");
            for a in list(e, ContextKind::InvalidArg) {
                let _ = write!(out, "\n  {a}");
            }
        }
        ErrorKind::MissingSubcommand => {
            out.push_str("cần ghi một lệnh");
            let valid = list(e, ContextKind::ValidSubcommand);
            if !valid.is_empty() {
                let _ = write!(out, "\n  [các lệnh: {}]", valid.join(", "));
            }
        }
        ErrorKind::ArgumentConflict => {
            let prior = text(e, ContextKind::PriorArg);
            if prior.as_deref() == Some(arg.as_str()) || prior.is_none() {
                let _ = write!(out, "'{arg}' chỉ được ghi một lần");
            } else if let Some(p) = prior {
                let _ = write!(out, "không dùng '{arg}' cùng với '{p}' được");
            }
        }
        ErrorKind::NoEquals => {
            let _ = write!(out, "cần dấu '=' khi ghi giá trị cho '{arg}'");
        }
        ErrorKind::TooManyValues => {
            let _ = write!(out, "thừa giá trị '{value}' cho '{arg}'");
        }
        ErrorKind::TooFewValues | ErrorKind::WrongNumberOfValues => {
            let _ = write!(out, "số giá trị cho '{arg}' không đúng");
        }
        ErrorKind::InvalidUtf8 => {
            out.push_str("một tham số không phải văn bản đọc được (UTF-8)");
        }
        _ => {
            out.push_str("không hiểu được các tham số");
        }
    }
    let mut suggested = Vec::new();
    for kind in [
        ContextKind::SuggestedSubcommand,
        ContextKind::SuggestedArg,
        ContextKind::SuggestedValue,
    ] {
        suggested.extend(list(e, kind));
    }
    if !suggested.is_empty() {
        let quoted: Vec<String> = suggested.iter().map(|s| format!("'{s}'")).collect();
        let _ = write!(
            out,
            "\n\n  gợi ý: có phải ý bạn là {}?",
            quoted.join(" hoặc ")
        );
    }
    if let Some(usage) = text(e, ContextKind::Usage) {
        let usage = usage.trim();
        let usage = usage.strip_prefix("Usage:").unwrap_or(usage).trim();
        let usage = texts::finish(usage, Lang::Vi);
        let _ = write!(out, "\n\n{} {usage}", texts::usage_heading(Lang::Vi));
        let command: Vec<&str> = usage
            .split_whitespace()
            .take_while(|w| !w.starts_with(['[', '<', '-']))
            .collect();
        let _ = write!(out, "\n\nXem thêm: {} --help", command.join(" "));
    } else {
        out.push_str("\n\nXem thêm: dvht --help");
    }
    out.push('\n');
    out
}

/// Why a value was refused, in Vietnamese: dvht's own parsers already
/// speak it; the standard library's number errors are translated.
fn source(e: &clap::Error) -> Option<String> {
    use std::error::Error as _;
    let s = e.source()?.to_string();
    let vi = match s.as_str() {
        "invalid digit found in string" => "cần một số nguyên",
        "cannot parse integer from empty string" => "đang để trống",
        "number too large to fit in target type" => "số quá lớn",
        "number too small to fit in target type" => "số quá nhỏ",
        "invalid float literal" => "cần một số",
        other => return Some(other.to_string()),
    };
    Some(vi.to_string())
}
