//! PNRGOV XML: IATA `IATA_PNRGOV_NotifRQ`, and national wrappers that carry IATA
//! 2007/00 PNR elements under another root.

use piu_model::Message;

use crate::{ReadError, ReadOptions};

/// Bounds for XML input: no DTD is ever processed; depth, size and counts are capped.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct XmlLimits {
    pub max_bytes: usize,
    pub max_depth: usize,
    pub max_elements: usize,
}

impl Default for XmlLimits {
    fn default() -> Self {
        XmlLimits {
            max_bytes: 256 * 1024 * 1024,
            max_depth: 64,
            max_elements: 10_000_000,
        }
    }
}

/// Reads one XML document into messages (one per flight leg pushed).
pub(crate) fn read(input: &[u8], options: &ReadOptions) -> Result<Vec<Message>, ReadError> {
    let _ = (input, options);
    Err(ReadError::new(
        crate::Location::at(0),
        "PNRGOV XML is not read yet",
    ))
}
