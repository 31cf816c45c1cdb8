//! The one source of randomness: the operating system's, through getrandom.

/// The operating system could not give random bytes; nothing secret can be
/// made without them, so callers refuse rather than fall back.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("the operating system gave no random bytes: {0}")]
pub struct RandomError(pub String);

pub(crate) fn random_bytes(buffer: &mut [u8]) -> Result<(), RandomError> {
    getrandom::fill(buffer).map_err(|error| RandomError(error.to_string()))
}
