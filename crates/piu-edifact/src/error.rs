//! Located errors and warnings: every report names the byte offset in the file, and
//! where known the segment (1-based, counted from the first segment after any UNA)
//! and its tag, followed by a sentence for a person.

use std::fmt;

/// Where in the input something was found.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Location {
    /// Byte offset in the original input (file or request body).
    pub offset: usize,
    /// 1-based segment number within the input, when the report concerns a segment.
    pub segment: Option<usize>,
    /// The segment tag, when known.
    pub tag: Option<String>,
}

impl Location {
    pub fn at(offset: usize) -> Self {
        Location {
            offset,
            segment: None,
            tag: None,
        }
    }

    pub fn segment(offset: usize, segment: usize, tag: &str) -> Self {
        Location {
            offset,
            segment: Some(segment),
            tag: Some(tag.to_string()),
        }
    }
}

impl fmt::Display for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "byte {}", self.offset)?;
        match (&self.segment, &self.tag) {
            (Some(n), Some(t)) => write!(f, " (segment {n}, {t})"),
            (Some(n), None) => write!(f, " (segment {n})"),
            (None, Some(t)) => write!(f, " ({t})"),
            (None, None) => Ok(()),
        }
    }
}

/// What kind of syntax failure stopped reading.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ErrorKind {
    /// No UNA, UNB or UNH was found.
    NoInterchange,
    /// The UNA service string advice cannot be read.
    BadServiceString,
    /// A segment does not start with a three-character tag.
    BadSegmentTag,
    /// A size, count or nesting limit was exceeded.
    LimitExceeded,
    /// Envelope segments out of order in a way that cannot be recovered.
    Structure,
}

/// A syntax error that stops reading an interchange or a message.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SyntaxError {
    pub location: Location,
    pub kind: ErrorKind,
    pub message: String,
    /// Convenience copy of `location.offset`.
    pub offset: usize,
}

impl SyntaxError {
    pub fn new(location: Location, kind: ErrorKind, message: impl Into<String>) -> Self {
        SyntaxError {
            offset: location.offset,
            location,
            kind,
            message: message.into(),
        }
    }

    pub fn at(offset: usize, kind: ErrorKind, message: impl Into<String>) -> Self {
        Self::new(Location::at(offset), kind, message)
    }
}

impl fmt::Display for SyntaxError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "error at {}: {}", self.location, self.message)
    }
}

impl std::error::Error for SyntaxError {}

/// Something was wrong but reading went on; the data read is kept.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Warning {
    pub location: Location,
    pub message: String,
}

impl Warning {
    pub fn new(location: Location, message: impl Into<String>) -> Self {
        Warning {
            location,
            message: message.into(),
        }
    }
}

impl fmt::Display for Warning {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "warning at {}: {}", self.location, self.message)
    }
}
