//! Character repertoires named by the UNB syntax identifier, and decoding of an
//! interchange into UTF-8 text.
//!
//! Service characters are ASCII in every supported repertoire, so tokens are found
//! in the decoded text. Pure ASCII and valid UTF-8 input is borrowed, not copied.

use std::borrow::Cow;

/// The repertoire an interchange declares in UNB S001/0001.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Charset {
    /// UNOA, UNOB: ISO 646 subsets (ASCII).
    Ascii,
    /// UNOC to UNOK: one ISO 8859 part, one byte per character.
    Iso8859(u8),
    /// UNOW, UNOY: UTF-8 (ISO 10646).
    Utf8,
    /// Any other identifier (IATA, UNOX, …) or no UNB at all: UTF-8 when valid,
    /// else Windows-1252 (ISO 8859-1 with printable characters where 8859-1 has
    /// control codes, which is what PC-based senders produce).
    Unspecified,
    /// Windows-1252, used when bytes declared ASCII or nothing are not UTF-8.
    Windows1252,
}

impl Charset {
    /// The repertoire named by a syntax identifier such as `UNOC`.
    pub fn from_syntax_identifier(id: &str) -> Charset {
        match id {
            "UNOA" | "UNOB" => Charset::Ascii,
            "UNOC" => Charset::Iso8859(1),
            "UNOD" => Charset::Iso8859(2),
            "UNOE" => Charset::Iso8859(5),
            "UNOF" => Charset::Iso8859(7),
            "UNOG" => Charset::Iso8859(3),
            "UNOH" => Charset::Iso8859(4),
            "UNOI" => Charset::Iso8859(6),
            "UNOJ" => Charset::Iso8859(8),
            "UNOK" => Charset::Iso8859(9),
            "UNOW" | "UNOY" => Charset::Utf8,
            _ => Charset::Unspecified,
        }
    }

    /// A name for messages and metadata.
    pub fn name(&self) -> String {
        match self {
            Charset::Ascii => "ASCII".into(),
            Charset::Iso8859(n) => format!("ISO 8859-{n}"),
            Charset::Utf8 => "UTF-8".into(),
            Charset::Windows1252 => "Windows-1252".into(),
            Charset::Unspecified => "unspecified".into(),
        }
    }
}

/// How positions in decoded text map back to bytes of the input.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum OffsetMap {
    /// The text is the input.
    Identity,
    /// Each character of the text was one byte of the input.
    OneBytePerChar,
    /// Invalid UTF-8 was replaced; offsets after the first replacement are approximate.
    Approximate,
    /// The text was edited: from each listed text position on, the input offset is
    /// the text position plus the given shift.
    Shifted(Vec<(usize, isize)>),
}

impl OffsetMap {
    pub(crate) fn original(&self, text: &str, pos: usize) -> usize {
        match self {
            OffsetMap::Identity | OffsetMap::Approximate => pos,
            OffsetMap::OneBytePerChar => {
                let pos = floor_char_boundary(text, pos);
                text[..pos].chars().count()
            }
            OffsetMap::Shifted(at) => {
                let i = at.partition_point(|&(p, _)| p <= pos);
                let shift = if i == 0 { 0 } else { at[i - 1].1 };
                pos.saturating_add_signed(shift)
            }
        }
    }
}

fn floor_char_boundary(text: &str, mut pos: usize) -> usize {
    pos = pos.min(text.len());
    while !text.is_char_boundary(pos) {
        pos -= 1;
    }
    pos
}

pub(crate) struct Decoded<'a> {
    pub text: Cow<'a, str>,
    pub map: OffsetMap,
    /// What the reader did that the sender did not declare.
    pub note: Option<String>,
    /// The repertoire actually used.
    pub used: Charset,
}

/// Decodes `bytes` as the declared repertoire, correcting the common mistakes of
/// real senders (UTF-8 under an ASCII or Latin declaration).
pub(crate) fn decode(bytes: &[u8], declared: Charset) -> Decoded<'_> {
    let utf8 = std::str::from_utf8(bytes);
    if let Ok(text) = utf8
        && (matches!(declared, Charset::Utf8 | Charset::Unspecified) || text.is_ascii())
    {
        // ASCII is valid in every repertoire; no copy.
        let used = if text.is_ascii() {
            declared
        } else {
            Charset::Utf8
        };
        return Decoded {
            text: Cow::Borrowed(text),
            map: OffsetMap::Identity,
            note: None,
            used,
        };
    }
    match (declared, utf8) {
        (Charset::Utf8 | Charset::Unspecified, Ok(text)) => Decoded {
            text: Cow::Borrowed(text),
            map: OffsetMap::Identity,
            note: None,
            used: Charset::Utf8,
        },
        (Charset::Utf8, Err(e)) => Decoded {
            text: String::from_utf8_lossy(bytes),
            map: OffsetMap::Approximate,
            note: Some(format!(
                "the interchange declares UTF-8 but byte {} starts an invalid sequence; invalid bytes were replaced by U+FFFD",
                e.valid_up_to()
            )),
            used: Charset::Utf8,
        },
        (Charset::Ascii | Charset::Iso8859(_), Ok(text)) => Decoded {
            text: Cow::Borrowed(text),
            map: OffsetMap::Identity,
            note: Some(format!(
                "the interchange declares {} but its bytes are UTF-8; read as UTF-8",
                declared.name()
            )),
            used: Charset::Utf8,
        },
        (Charset::Iso8859(part), Err(_)) => Decoded {
            text: Cow::Owned(decode_iso8859(bytes, part)),
            map: OffsetMap::OneBytePerChar,
            note: None,
            used: declared,
        },
        (Charset::Ascii | Charset::Unspecified | Charset::Windows1252, Err(e)) => Decoded {
            text: Cow::Owned(
                encoding_rs::WINDOWS_1252
                    .decode_without_bom_handling(bytes)
                    .0
                    .into_owned(),
            ),
            map: OffsetMap::OneBytePerChar,
            note: Some(format!(
                "byte {} is neither ASCII nor part of UTF-8 text, and the interchange {}; read as Windows-1252",
                e.valid_up_to(),
                if declared == Charset::Ascii {
                    "declares ASCII"
                } else {
                    "declares no repertoire"
                }
            )),
            used: Charset::Windows1252,
        },
        (Charset::Windows1252, Ok(text)) => Decoded {
            text: Cow::Borrowed(text),
            map: OffsetMap::Identity,
            note: None,
            used: Charset::Utf8,
        },
    }
}

fn decode_iso8859(bytes: &[u8], part: u8) -> String {
    let encoding = match part {
        1 => return bytes.iter().map(|&b| b as char).collect(),
        2 => encoding_rs::ISO_8859_2,
        3 => encoding_rs::ISO_8859_3,
        4 => encoding_rs::ISO_8859_4,
        5 => encoding_rs::ISO_8859_5,
        6 => encoding_rs::ISO_8859_6,
        7 => encoding_rs::ISO_8859_7,
        8 => encoding_rs::ISO_8859_8,
        // ISO 8859-9 is windows-1254 without the C1 range, which no name uses.
        _ => encoding_rs::WINDOWS_1254,
    };
    encoding.decode_without_bom_handling(bytes).0.into_owned()
}

/// Replaces every typographic apostrophe U+2019 by `'` and releases every apostrophe
/// that was data before, so that `'` can serve as the segment terminator. Returns the
/// new text and the offset map back to the old one.
pub(crate) fn straighten_curly_terminators(text: &str, release: u8) -> (String, OffsetMap) {
    let mut out = String::with_capacity(text.len());
    let mut shifts = Vec::new();
    let mut shift: isize = 0;
    let mut released = false;
    for c in text.chars() {
        if c == '\u{2019}' {
            out.push('\'');
            shift += 2;
            shifts.push((out.len(), shift));
        } else if c == '\'' && !released {
            out.push(release as char);
            out.push('\'');
            shift -= 1;
            shifts.push((out.len() - 1, shift));
        } else {
            out.push(c);
        }
        released = !released && c as u32 == release as u32;
    }
    (out, OffsetMap::Shifted(shifts))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ascii_is_borrowed() {
        let d = decode(b"NAD+FL+++SMITH'", Charset::Iso8859(1));
        assert!(matches!(d.text, Cow::Borrowed(_)));
        assert!(d.note.is_none());
    }

    #[test]
    fn latin_parts_decode() {
        // Ş in ISO 8859-9 is 0xDE; Ж in ISO 8859-5 is 0xB6.
        let d = decode(b"\xDEAH", Charset::Iso8859(9));
        assert_eq!(d.text, "ŞAH");
        let d = decode(b"\xB6UK", Charset::Iso8859(5));
        assert_eq!(d.text, "ЖUK");
        assert_eq!(d.map.original(&d.text, "ЖU".len()), 2);
    }

    #[test]
    fn utf8_under_latin_declaration_is_read_as_utf8() {
        let d = decode("MƏMMƏDOV".as_bytes(), Charset::Iso8859(1));
        assert_eq!(d.text, "MƏMMƏDOV");
        assert!(d.note.unwrap().contains("UTF-8"));
    }

    #[test]
    fn latin_under_ascii_declaration_is_noted() {
        let d = decode(b"M\xDCLLER \x9A", Charset::Ascii);
        assert_eq!(d.text, "MÜLLER š");
        assert!(d.note.unwrap().contains("byte 1"));
    }

    #[test]
    fn curly_terminators_are_straightened() {
        let input = "A+O'BRIEN\u{2019}B+1\u{2019}";
        let (s, map) = straighten_curly_terminators(input, b'?');
        assert_eq!(s, "A+O?'BRIEN'B+1'");
        // Every character of the new text maps back to the same character of the input.
        for (pos, c) in s.char_indices() {
            let orig = map.original(&s, pos);
            let expected = match c {
                '?' => '\'',
                '\'' if pos == 10 || pos == 14 => '\u{2019}',
                other => other,
            };
            assert_eq!(input[orig..].chars().next(), Some(expected), "at {pos}");
        }
    }
}
