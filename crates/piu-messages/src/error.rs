//! A message that cannot be read, and where.

use std::fmt;

pub use piu_edifact::Location;
use piu_edifact::SyntaxError;

/// Why a message (or a whole input) could not be read, located in the input.
///
/// For EDIFACT the location names the byte offset, segment number and tag; for
/// XML the byte offset and the element.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ReadError {
    pub location: Location,
    pub message: String,
}

impl ReadError {
    pub fn new(location: Location, message: impl Into<String>) -> Self {
        ReadError {
            location,
            message: message.into(),
        }
    }
}

impl From<SyntaxError> for ReadError {
    fn from(e: SyntaxError) -> Self {
        ReadError {
            location: e.location,
            message: e.message,
        }
    }
}

impl fmt::Display for ReadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "error at {}: {}", self.location, self.message)
    }
}

impl std::error::Error for ReadError {}
