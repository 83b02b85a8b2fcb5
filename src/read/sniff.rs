//! What a file is, by its first bytes — never by its name.

use super::NotSpreadsheet;

/// The kinds of content dvht tells apart before choosing a reader.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Content {
    Empty,
    /// A zip archive (.xlsx, .xlsm, .xlsb, .ods — or .docx, any zip).
    Zip,
    /// An OLE compound file (.xls, or an encrypted .xlsx, or .doc …).
    Cfb,
    /// A BIFF2–4 .xls stream without the OLE container (Excel 2.x–4.0).
    OldBiff,
    Html,
    /// "XML Spreadsheet 2003" (Excel's old XML format).
    XmlSpreadsheet,
    /// Some other XML document.
    Xml,
    Pdf,
    Image,
    /// Text with separators: CSV / TSV.
    Csv,
    /// Other text.
    Text,
    /// Unrecognised binary.
    Unknown,
}

const CFB_MAGIC: &[u8] = &[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];

/// Classifies a file from its first bytes (a few KiB are enough).
pub fn sniff(head: &[u8]) -> Content {
    if head.is_empty() {
        return Content::Empty;
    }
    // "PK" alone: a zip cut short, not text.
    if head.starts_with(b"PK") && head.len() < 4
        || head.starts_with(b"PK\x03\x04")
        || head.starts_with(b"PK\x05\x06")
        || head.starts_with(b"PK\x07\x08")
    {
        return Content::Zip;
    }
    if head.starts_with(CFB_MAGIC) {
        return Content::Cfb;
    }
    if head.starts_with(b"%PDF") {
        return Content::Pdf;
    }
    if head.starts_with(b"\x89PNG")
        || head.starts_with(&[0xFF, 0xD8, 0xFF])
        || head.starts_with(b"GIF8")
    {
        return Content::Image;
    }
    // BIFF2/3/4 BOF records: 0x0009, 0x0209, 0x0409, 0x0809 with a small length.
    if head.len() >= 4
        && matches!(head[1], 0x00 | 0x02 | 0x04 | 0x08)
        && head[0] == 0x09
        && head[3] == 0x00
        && head[2] > 0
        && head[2] <= 0x14
    {
        return Content::OldBiff;
    }
    let text = as_ascii_text(head);
    let Some(text) = text else {
        return Content::Unknown;
    };
    let lower: String = text
        .trim_start_matches(|c: char| c.is_whitespace() || c == '\u{feff}')
        .chars()
        .take(4096)
        .collect::<String>()
        .to_ascii_lowercase();
    if lower.starts_with('<') {
        let markup_html = [
            "<html",
            "<!doctype html",
            "<table",
            "<head",
            "<body",
            "<meta",
            "<style",
            "<div",
            "<!--",
        ];
        if markup_html.iter().any(|p| lower.starts_with(p))
            || lower.contains("<html")
            || lower.contains("<table")
        {
            if lower.starts_with("<?xml")
                && lower.contains("urn:schemas-microsoft-com:office:spreadsheet")
            {
                return Content::XmlSpreadsheet;
            }
            return Content::Html;
        }
        if lower.starts_with("<?xml") {
            if lower.contains("urn:schemas-microsoft-com:office:spreadsheet")
                || lower.contains("<?mso-application progid=\"excel.sheet\"?>")
            {
                return Content::XmlSpreadsheet;
            }
            return Content::Xml;
        }
        return Content::Html;
    }
    // Excel's "single file web page" (MHTML), often named .xls.
    if lower.starts_with("mime-version:") || lower.contains("content-type: multipart/related") {
        return Content::Html;
    }
    let first_line = lower.lines().next().unwrap_or("");
    if first_line.contains(',') || first_line.contains(';') || first_line.contains('\t') {
        Content::Csv
    } else {
        Content::Text
    }
}

/// The head as text, if it looks like text: UTF-8 (the last character may be
/// cut), UTF-16 with a byte-order mark, or an 8-bit code page (TCVN3, VNI,
/// Windows-1258) with no control bytes besides tab, CR, LF.
fn as_ascii_text(head: &[u8]) -> Option<String> {
    if head.len() >= 2 && (head.starts_with(&[0xFF, 0xFE]) || head.starts_with(&[0xFE, 0xFF])) {
        let le = head[0] == 0xFF;
        let units: Vec<u16> = head[2..]
            .chunks_exact(2)
            .map(|c| {
                if le {
                    u16::from_le_bytes([c[0], c[1]])
                } else {
                    u16::from_be_bytes([c[0], c[1]])
                }
            })
            .collect();
        let s: String = char::decode_utf16(units)
            .map(|r| r.unwrap_or('\u{fffd}'))
            .collect();
        return if s
            .chars()
            .all(|c| !c.is_control() || matches!(c, '\t' | '\r' | '\n'))
        {
            Some(s)
        } else {
            None
        };
    }
    let control = head
        .iter()
        .filter(|&&b| b < 0x20 && !matches!(b, b'\t' | b'\r' | b'\n' | 0x0C) || b == 0x7F)
        .count();
    if control > 0 {
        return None;
    }
    Some(String::from_utf8_lossy(head).into_owned())
}

/// What content that is not a spreadsheet is, naming the extension it was
/// given (lower case, no dot; "" for none). `None` for the kinds that go
/// further (zip, OLE) or that no reader knows.
pub fn not_a_spreadsheet(content: Content, ext: &str) -> Option<NotSpreadsheet> {
    let ext = ext.to_string();
    Some(match content {
        Content::Empty => NotSpreadsheet::Empty,
        Content::Html => NotSpreadsheet::Html(ext),
        Content::XmlSpreadsheet => NotSpreadsheet::XmlSpreadsheet(ext),
        Content::Xml => NotSpreadsheet::Xml(ext),
        Content::Csv => NotSpreadsheet::Csv(ext),
        Content::Text => NotSpreadsheet::Text(ext),
        Content::Pdf => NotSpreadsheet::Pdf(ext),
        Content::Image => NotSpreadsheet::Image(ext),
        Content::Zip | Content::Cfb | Content::OldBiff | Content::Unknown => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::findings::Lang;

    #[test]
    fn kinds() {
        assert_eq!(sniff(b""), Content::Empty);
        assert_eq!(sniff(b"PK\x03\x04rest"), Content::Zip);
        assert_eq!(sniff(b"PK"), Content::Zip);
        assert_eq!(
            sniff(b"MIME-Version: 1.0\r\nX-Document-Type: Workbook\r\nContent-Type: multipart/related; boundary=\"x\""),
            Content::Html
        );
        assert_eq!(sniff(CFB_MAGIC), Content::Cfb);
        assert_eq!(sniff(b"<html><body><table>"), Content::Html);
        assert_eq!(
            sniff(b"\xEF\xBB\xBF  \r\n<!DOCTYPE html><html>"),
            Content::Html
        );
        assert_eq!(
            sniff(b"<table border=1><tr><td>1</td></tr></table>"),
            Content::Html
        );
        assert_eq!(sniff(b"\n\n<TABLE>"), Content::Html);
        let utf16: Vec<u8> = [0xFF, 0xFE]
            .into_iter()
            .chain("<html>".encode_utf16().flat_map(|u| u.to_le_bytes()))
            .collect();
        assert_eq!(sniff(&utf16), Content::Html);
        assert_eq!(
            sniff(b"<?xml version=\"1.0\"?><Workbook xmlns=\"urn:schemas-microsoft-com:office:spreadsheet\">"),
            Content::XmlSpreadsheet
        );
        assert_eq!(
            sniff("STT,Tên đơn vị,Điểm\n1,Phòng Tư pháp,95\n".as_bytes()),
            Content::Csv
        );
        assert_eq!(sniff(b"STT;Ten;Diem\r\n"), Content::Csv);
        assert_eq!(sniff(b"hello world\n"), Content::Text);
        assert_eq!(sniff(b"%PDF-1.7"), Content::Pdf);
        assert_eq!(sniff(&[0x09, 0x04, 0x06, 0x00, 0, 0]), Content::OldBiff);
        assert_eq!(sniff(&[0x00, 0x01, 0x02, 0x03]), Content::Unknown);
    }

    #[test]
    fn reasons_name_the_extension() {
        let not = not_a_spreadsheet(Content::Html, "xls").unwrap();
        let (vi, en) = (not.describe(Lang::Vi), not.describe(Lang::En));
        assert!(vi.contains("HTML") && vi.contains(".xls"), "{vi}");
        assert!(en.contains("HTML") && en.contains(".xls"), "{en}");
        assert!(not_a_spreadsheet(Content::Zip, "xlsx").is_none());
    }
}
