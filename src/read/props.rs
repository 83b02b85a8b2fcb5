//! A workbook's custom document properties: `docProps/custom.xml` of an
//! .xlsx (what Excel shows under File → Properties → Custom) and the
//! user-defined metadata of an .ods (`meta.xml`, where LibreOffice keeps
//! the same properties). dvht marks its own workbooks with one of them
//! ([`crate::own`]); Excel and LibreOffice keep them when they save.
//!
//! Read from the parts the archive guard already inflated, with a cap on
//! how many are kept and how long a value may be: a hostile file gains
//! nothing here.

use super::ooxml::Parts;
use quick_xml::Reader;
use quick_xml::events::Event;

/// Most properties kept from one file.
const MAX_PROPERTIES: usize = 64;
/// Longest value kept, in bytes.
const MAX_VALUE: usize = 1024;

/// The parts properties are read from (keys as the archive guard stores
/// them: lower case, `/`): of an .xlsx, of an .ods.
const PARTS: [&str; 2] = ["docprops/custom.xml", "meta.xml"];

/// Whether the archive guard's key `key` names a part of properties (the
/// guard keeps them whatever else it keeps).
pub(crate) fn is_part(key: &str) -> bool {
    PARTS.contains(&key)
}

/// The custom properties of an .xlsx or .ods, in file order; empty when it
/// has none or they cannot be read.
pub(crate) fn read(parts: &Parts) -> Vec<(String, String)> {
    if let Some(xml) = parts.get(PARTS[0]) {
        return scan(xml, "property");
    }
    if let Some(xml) = parts.get(PARTS[1]) {
        return scan(xml, "user-defined");
    }
    Vec::new()
}

/// Every `<element name="…">text</element>` (any namespace prefix on the
/// element and on `name`), the text of nested elements joined.
fn scan(xml: &[u8], element: &str) -> Vec<(String, String)> {
    let mut r = Reader::from_reader(xml);
    r.config_mut().check_end_names = false;
    let mut out = Vec::new();
    let mut current: Option<(String, String)> = None;
    let mut buf = Vec::new();
    loop {
        match r.read_event_into(&mut buf) {
            Ok(Event::Start(e)) if e.local_name().as_ref() == element => {
                let name = e
                    .attributes()
                    .flatten()
                    .find(|a| a.key.local_name().as_ref() == "name")
                    .and_then(|a| {
                        a.normalized_value(quick_xml::XmlVersion::Implicit1_0)
                            .ok()
                            .map(|v| v.into_owned())
                    });
                current = name.map(|n| (n, String::new()));
            }
            Ok(Event::Text(t)) => {
                if let Some((_, v)) = current.as_mut()
                    && let s = t.xml10_content()
                    && v.len() + s.len() <= MAX_VALUE
                {
                    v.push_str(&s);
                }
            }
            Ok(Event::GeneralRef(e)) => {
                let resolved = match e.resolve_char_ref() {
                    Ok(Some(c)) => Some(c.to_string()),
                    Ok(None) => {
                        quick_xml::escape::resolve_predefined_entity(e.as_ref()).map(str::to_string)
                    }
                    Err(_) => None,
                };
                if let Some((_, v)) = current.as_mut()
                    && let Some(s) = resolved
                    && v.len() + s.len() <= MAX_VALUE
                {
                    v.push_str(&s);
                }
            }
            Ok(Event::End(e)) if e.local_name().as_ref() == element => {
                if let Some(p) = current.take() {
                    out.push(p);
                    if out.len() >= MAX_PROPERTIES {
                        break;
                    }
                }
            }
            Ok(Event::Eof) | Err(_) => break,
            _ => {}
        }
        buf.clear();
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn xlsx_custom_properties() {
        let xml = br#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/custom-properties" xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes"><property fmtid="{D5CDD505-2E9C-101B-9397-08002B2CF9AE}" pid="2" name="Huy&#7879;n"><vt:lpwstr>Th&#7911; Th&#7915;a &amp; co</vt:lpwstr></property><property fmtid="{D5CDD505-2E9C-101B-9397-08002B2CF9AE}" pid="3" name="dvht"><vt:lpwstr>district</vt:lpwstr></property><property pid="4" name="N&#259;m"><vt:i4>2023</vt:i4></property></Properties>"#;
        assert_eq!(
            scan(xml, "property"),
            vec![
                ("Huyện".to_string(), "Thủ Thừa & co".to_string()),
                ("dvht".to_string(), "district".to_string()),
                ("Năm".to_string(), "2023".to_string()),
            ]
        );
    }

    #[test]
    fn ods_user_defined_metadata() {
        let xml = br#"<office:document-meta xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:meta="urn:oasis:names:tc:opendocument:xmlns:meta:1.0"><office:meta><meta:generator>LibreOffice</meta:generator><meta:user-defined meta:name="dvht">team</meta:user-defined><meta:user-defined meta:name="N&#259;m" meta:value-type="float">2023</meta:user-defined></office:meta></office:document-meta>"#;
        assert_eq!(
            scan(xml, "user-defined"),
            vec![
                ("dvht".to_string(), "team".to_string()),
                ("Năm".to_string(), "2023".to_string()),
            ]
        );
    }

    #[test]
    fn hostile_input_is_bounded() {
        let mut xml = String::from("<Properties>");
        for i in 0..1000 {
            xml.push_str(&format!(
                "<property name=\"p{i}\">{}</property>",
                "x".repeat(5000)
            ));
        }
        let p = scan(xml.as_bytes(), "property");
        assert_eq!(p.len(), MAX_PROPERTIES);
        assert!(p.iter().all(|(_, v)| v.is_empty()));
        assert!(scan(b"<Properties><property name=", "property").is_empty());
    }
}
