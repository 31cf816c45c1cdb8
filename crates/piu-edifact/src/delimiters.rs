//! Service characters (ISO 9735 §7) and the UNA service string advice that sets them.

use crate::error::{ErrorKind, Location, SyntaxError};

/// The six service characters of an interchange.
///
/// Release and repetition are optional: a UNA may declare a space for either,
/// which means "not used". The repetition separator is only active when a UNA
/// declares it, because a syntax 4 default of `*` would split identifiers such as
/// `APIS*C3K` that real carriers send without a UNA.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Delimiters {
    pub component: u8,
    pub element: u8,
    pub decimal: u8,
    pub release: Option<u8>,
    pub repetition: Option<u8>,
    pub terminator: u8,
}

impl Default for Delimiters {
    fn default() -> Self {
        Delimiters {
            component: b':',
            element: b'+',
            decimal: b'.',
            release: Some(b'?'),
            repetition: None,
            terminator: b'\'',
        }
    }
}

impl Delimiters {
    /// The PNRGOV convention `UNA:+.?*'`, with `*` as repetition separator.
    pub fn pnrgov() -> Self {
        Delimiters {
            repetition: Some(b'*'),
            ..Delimiters::default()
        }
    }

    /// Whether `b` must be released when it occurs in data.
    pub fn is_special(&self, b: u8) -> bool {
        b == self.component
            || b == self.element
            || b == self.terminator
            || Some(b) == self.release
            || Some(b) == self.repetition
    }

    /// The UNA service string advice that declares these characters.
    pub fn to_una(&self) -> String {
        let chars = [
            self.component,
            self.element,
            self.decimal,
            self.release.unwrap_or(b' '),
            self.repetition.unwrap_or(b' '),
            self.terminator,
        ];
        let mut s = String::from("UNA");
        s.extend(chars.iter().map(|&b| b as char));
        s
    }

    fn check_distinct(&self, offset: usize) -> Result<(), SyntaxError> {
        let mut seen: Vec<(u8, &str)> = vec![
            (self.component, "component separator"),
            (self.element, "data element separator"),
            (self.terminator, "segment terminator"),
        ];
        if let Some(r) = self.release {
            seen.push((r, "release character"));
        }
        if let Some(r) = self.repetition {
            seen.push((r, "repetition separator"));
        }
        for (i, (a, an)) in seen.iter().enumerate() {
            if !a.is_ascii() {
                return Err(una_error(
                    offset,
                    format!(
                        "the UNA declares byte {a:#04x} as {an}; service characters must be ASCII"
                    ),
                ));
            }
            if a.is_ascii_alphanumeric() || *a == b'\r' || *a == b'\n' {
                return Err(una_error(
                    offset,
                    format!(
                        "the UNA declares {:?} as {an}; letters, digits and line breaks cannot be service characters",
                        *a as char
                    ),
                ));
            }
            for (b, bn) in &seen[i + 1..] {
                if a == b {
                    return Err(una_error(
                        offset,
                        format!("the UNA uses {:?} both as {an} and as {bn}", *a as char),
                    ));
                }
            }
        }
        Ok(())
    }
}

/// An error located at the UNA (which has no segment number: UNB is segment 1).
fn una_error(offset: usize, message: String) -> SyntaxError {
    let location = Location {
        offset,
        segment: None,
        tag: Some("UNA".into()),
    };
    SyntaxError::new(location, ErrorKind::BadServiceString, message)
}

/// What a UNA string advice said, and how it was understood.
#[derive(Debug)]
pub(crate) struct Una {
    pub delimiters: Delimiters,
    /// Bytes taken by `UNA` and its service characters.
    pub len: usize,
    /// Set when the advice was malformed but could be read one way only.
    pub recovered: Option<String>,
    /// Set when the segment terminator is the typographic apostrophe U+2019.
    pub curly_terminator: bool,
}

const CURLY: &[u8] = "\u{2019}".as_bytes();

/// Reads a UNA at the start of `input` (which begins with `UNA`). `offset` is the
/// position of `input` in the file, for errors.
pub(crate) fn parse_una(input: &[u8], offset: usize) -> Result<Una, SyntaxError> {
    debug_assert!(input.starts_with(b"UNA"));
    let rest = &input[3..];
    // Where the next header segment starts tells how many service characters were sent.
    let next = find_header_after_una(rest);
    let declared: &[u8] = match next {
        Some(k) => trim_trailing_blanks(&rest[..k]),
        None => &rest[..rest.len().min(6)],
    };
    let bad = |msg: String| una_error(offset, msg);
    let (delims, len, recovered, curly) = if declared.len() == 6 && declared.is_ascii() {
        (from_six(declared), 3 + 6, None, false)
    } else if declared.len() == 8 && declared.ends_with(CURLY) {
        let mut six = declared[..5].to_vec();
        six.push(b'\'');
        (
            from_six(&six),
            3 + 8,
            Some(
                "the UNA declares the typographic apostrophe \u{2019} as segment terminator; read as the ASCII apostrophe"
                    .to_string(),
            ),
            true,
        )
    } else if declared.len() == 5 && declared.is_ascii() {
        let c = declared;
        let six = if c[2] == b'.' || c[2] == b',' {
            // component, element, decimal, release, terminator: the reserved position was dropped.
            [c[0], c[1], c[2], c[3], b' ', c[4]]
        } else {
            // component, element, release, repetition, terminator: the decimal mark was dropped.
            [c[0], c[1], b'.', c[2], c[3], c[4]]
        };
        let note = if c[2] == b'.' || c[2] == b',' {
            "the UNA has five service characters; read as having no repetition separator"
        } else {
            "the UNA has five service characters; read as missing its decimal mark"
        };
        (from_six(&six), 3 + 5, Some(note.to_string()), false)
    } else if !declared.is_ascii() {
        return Err(bad(format!(
            "the UNA holds {:?}; service characters must be ASCII",
            String::from_utf8_lossy(declared)
        )));
    } else {
        let shown = String::from_utf8_lossy(declared);
        return Err(bad(format!(
            "the UNA must be followed by six service characters, found {} ({shown:?})",
            shown.chars().count()
        )));
    };
    delims.check_distinct(offset)?;
    Ok(Una {
        delimiters: delims,
        len,
        recovered,
        curly_terminator: curly,
    })
}

fn from_six(c: &[u8]) -> Delimiters {
    let opt = |b: u8| if b == b' ' { None } else { Some(b) };
    Delimiters {
        component: c[0],
        element: c[1],
        decimal: c[2],
        release: opt(c[3]),
        repetition: opt(c[4]),
        terminator: c[5],
    }
}

/// A segment terminator is never blank, so blanks after the last service character
/// separate the UNA from the UNB.
fn trim_trailing_blanks(mut s: &[u8]) -> &[u8] {
    while let Some((&last, head)) = s.split_last() {
        if matches!(last, b'\r' | b'\n' | b' ' | b'\t') {
            s = head;
        } else {
            break;
        }
    }
    s
}

/// Position of `UNB` or `UNH` within the first bytes after `UNA`.
fn find_header_after_una(rest: &[u8]) -> Option<usize> {
    let window = &rest[..rest.len().min(24)];
    (0..window.len().saturating_sub(2))
        .find(|&k| matches!(&window[k..k + 3], b"UNB" | b"UNH"))
        .filter(|&k| k <= 20)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn standard_una() {
        let u = parse_una(b"UNA:+.? 'UNB+", 0).unwrap();
        assert_eq!(u.delimiters, Delimiters::default());
        assert_eq!(u.len, 9);
        assert!(u.recovered.is_none());
    }

    #[test]
    fn custom_service_characters() {
        let u = parse_una(b"UNA:*.? $UNB*", 0).unwrap();
        assert_eq!(u.delimiters.element, b'*');
        assert_eq!(u.delimiters.terminator, b'$');
        let u = parse_una(b"UNA:-.? *UNB-", 0).unwrap();
        assert_eq!(u.delimiters.element, b'-');
        assert_eq!(u.delimiters.terminator, b'*');
        assert_eq!(u.delimiters.repetition, None);
        let u = parse_una(b"UNA:+.\\*'\nUNB+", 0).unwrap();
        assert_eq!(u.delimiters.release, Some(b'\\'));
        assert_eq!(u.delimiters.repetition, Some(b'*'));
    }

    #[test]
    fn five_character_una_is_recovered() {
        let u = parse_una(b"UNA:+\\*'\nUNB+IATA", 0).unwrap();
        assert_eq!(u.delimiters.release, Some(b'\\'));
        assert_eq!(u.delimiters.repetition, Some(b'*'));
        assert_eq!(u.delimiters.decimal, b'.');
        assert!(u.recovered.unwrap().contains("decimal"));
        let u = parse_una(b"UNA:+.?'UNB+", 0).unwrap();
        assert_eq!(u.delimiters.release, Some(b'?'));
        assert_eq!(u.delimiters.repetition, None);
        assert_eq!(u.delimiters.terminator, b'\'');
    }

    #[test]
    fn curly_terminator_is_recovered() {
        let u = parse_una("UNA:+.? \u{2019}UNB+".as_bytes(), 0).unwrap();
        assert!(u.curly_terminator);
        assert_eq!(u.delimiters.terminator, b'\'');
        assert_eq!(u.len, 11);
    }

    #[test]
    fn ambiguous_una_is_refused() {
        let e = parse_una(b"UNA:+'UNB+", 7).unwrap_err();
        assert_eq!(e.offset, 7);
        assert!(e.message.contains("six service characters"), "{e}");
        let e = parse_una(b"UNA++.? 'UNB+", 0).unwrap_err();
        assert!(e.message.contains("both"), "{e}");
        let e = parse_una("UNA:+\\*'\u{f8}UNB+".as_bytes(), 0).unwrap_err();
        assert!(e.message.contains("ASCII"), "{e}");
    }
}
