//! Bytes into text. Lists are exported by spreadsheets and old systems, so a
//! file that is not UTF-8 is still read when its encoding can be told, and the
//! guess is reported.

use std::borrow::Cow;

use encoding_rs::{Encoding, UTF_16BE, UTF_16LE, WINDOWS_1252};

use crate::ImportError;

const UTF8_BOM: &[u8] = b"\xEF\xBB\xBF";

/// Text of a delimited file: UTF-8 (with or without byte order mark), UTF-16
/// with a byte order mark, or else Windows-1252 — the encoding spreadsheets on
/// Western desktops save in — with a warning.
pub(crate) fn decode_table(bytes: &[u8]) -> Result<(Cow<'_, str>, Option<String>), ImportError> {
    if let Some(text) = utf16(bytes)? {
        return Ok((Cow::Owned(text), None));
    }
    let body = bytes.strip_prefix(UTF8_BOM).unwrap_or(bytes);
    if let Some(at) = body.iter().position(|&b| b == 0) {
        return Err(ImportError::Encoding {
            offset: at + (bytes.len() - body.len()),
            message: "a NUL byte: not a text file (UTF-16 without a byte order mark is not read)"
                .to_string(),
        });
    }
    match std::str::from_utf8(body) {
        Ok(s) => Ok((Cow::Borrowed(s), None)),
        Err(e) => {
            let at = e.valid_up_to() + (bytes.len() - body.len());
            let (text, _) = WINDOWS_1252.decode_without_bom_handling(body);
            Ok((
                Cow::Owned(text.into_owned()),
                Some(format!(
                    "the file is not UTF-8 (byte {at} is not valid UTF-8); read as Windows-1252"
                )),
            ))
        }
    }
}

/// Text of an XML document: UTF-8 unless a byte order mark or the XML
/// declaration names another encoding.
pub(crate) fn decode_xml(bytes: &[u8]) -> Result<Cow<'_, str>, ImportError> {
    if let Some(text) = utf16(bytes)? {
        return Ok(Cow::Owned(text));
    }
    let base = if bytes.starts_with(UTF8_BOM) { 3 } else { 0 };
    let body = bytes.get(base..).unwrap_or_default();
    if let Ok(s) = std::str::from_utf8(body) {
        return Ok(Cow::Borrowed(s));
    }
    let declared = declared_encoding(body);
    let encoding = declared
        .as_deref()
        .and_then(|l| Encoding::for_label(l.as_bytes()));
    match encoding {
        Some(enc) if enc != encoding_rs::UTF_8 && enc.is_ascii_compatible() => {
            let (text, _, malformed) = enc.decode(body);
            if malformed {
                return Err(ImportError::Encoding {
                    offset: base,
                    message: format!("the document is not valid {}", enc.name()),
                });
            }
            Ok(Cow::Owned(text.into_owned()))
        }
        _ => {
            let at = std::str::from_utf8(body)
                .err()
                .map_or(0, |e| e.valid_up_to());
            Err(ImportError::Encoding {
                offset: base + at,
                message: match declared {
                    Some(name) => {
                        format!("not valid UTF-8, and encoding {name:?} is not one read here")
                    }
                    None => "not valid UTF-8, and the XML declaration names no other encoding"
                        .to_string(),
                },
            })
        }
    }
}

/// Text after a UTF-16 byte order mark.
fn utf16(bytes: &[u8]) -> Result<Option<String>, ImportError> {
    let enc = if bytes.starts_with(b"\xFF\xFE") {
        UTF_16LE
    } else if bytes.starts_with(b"\xFE\xFF") {
        UTF_16BE
    } else {
        return Ok(None);
    };
    let body = bytes.get(2..).unwrap_or_default();
    match enc.decode_without_bom_handling_and_without_replacement(body) {
        Some(text) => Ok(Some(text.into_owned())),
        None => Err(ImportError::Encoding {
            offset: 0,
            message: format!(
                "the byte order mark says {}, but the bytes after it are not",
                enc.name()
            ),
        }),
    }
}

/// The encoding named in an XML declaration, if any.
fn declared_encoding(body: &[u8]) -> Option<String> {
    let head = body.get(..body.len().min(200))?;
    let head = String::from_utf8_lossy(head);
    let decl = head.trim_start().strip_prefix("<?xml")?;
    let decl = decl.get(..decl.find("?>")?)?;
    let after = decl.get(decl.find("encoding")? + "encoding".len()..)?;
    let after = after.trim_start().strip_prefix('=')?.trim_start();
    let quote = after.chars().next().filter(|c| *c == '"' || *c == '\'')?;
    let rest = after.get(1..)?;
    Some(rest.get(..rest.find(quote)?)?.to_string())
}

/// 1-based line and column (in characters) of a byte offset into text.
pub(crate) fn line_column(text: &str, offset: usize) -> (usize, usize) {
    let mut offset = offset.min(text.len());
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    let before = text.get(..offset).unwrap_or_default();
    let line = before.matches('\n').count() + 1;
    let start = before.rfind('\n').map_or(0, |i| i + 1);
    let column = before.get(start..).unwrap_or_default().chars().count() + 1;
    (line, column)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf8_with_and_without_bom() {
        let (t, w) = decode_table("a,b\nə".as_bytes()).unwrap();
        assert_eq!((t.as_ref(), w), ("a,b\nə", None));
        let (t, w) = decode_table(b"\xEF\xBB\xBFid").unwrap();
        assert_eq!((t.as_ref(), w), ("id", None));
    }

    #[test]
    fn windows_1252_with_a_warning() {
        let (t, w) = decode_table(b"M\xfcller").unwrap();
        assert_eq!(t, "Müller");
        assert_eq!(
            w.as_deref(),
            Some("the file is not UTF-8 (byte 1 is not valid UTF-8); read as Windows-1252")
        );
    }

    #[test]
    fn utf16_with_bom() {
        let (t, _) = decode_table(b"\xFF\xFEi\0d\0").unwrap();
        assert_eq!(t, "id");
        assert!(decode_table(b"\xFE\xFF\0").is_err());
    }

    #[test]
    fn nul_is_not_text() {
        let e = decode_table(b"id\0x").unwrap_err();
        assert!(
            matches!(e, ImportError::Encoding { offset: 2, .. }),
            "{e:?}"
        );
    }

    #[test]
    fn xml_declared_latin1() {
        let x = b"<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?><a>M\xfcller</a>";
        assert!(decode_xml(x).unwrap().contains("Müller"));
        let e = decode_xml(b"<a>M\xfcller</a>").unwrap_err();
        assert!(
            matches!(e, ImportError::Encoding { offset: 4, .. }),
            "{e:?}"
        );
    }

    #[test]
    fn lines_and_columns() {
        assert_eq!(line_column("ab\ncd", 0), (1, 1));
        assert_eq!(line_column("ab\ncd", 4), (2, 2));
        assert_eq!(line_column("ə\nx", 1), (1, 1));
        assert_eq!(line_column("ab", 99), (1, 3));
    }
}
