//! Bounds on what one input may make the reader hold, so that hostile or broken
//! input gets a clear error instead of exhausting memory.

/// Upper bounds checked while tokenizing. Exceeding one is a located error.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Limits {
    /// Bytes in one input. At most 1 GiB (separator positions are kept in 30 bits).
    pub max_bytes: usize,
    /// Segments in one interchange.
    pub max_segments: usize,
    /// Bytes in one segment.
    pub max_segment_bytes: usize,
    /// Data elements in one segment (including repetitions).
    pub max_elements: usize,
    /// Components in one data element.
    pub max_components: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_bytes: 256 * 1024 * 1024,
            max_segments: 8_000_000,
            max_segment_bytes: 64 * 1024,
            max_elements: 512,
            max_components: 512,
        }
    }
}

impl Limits {
    /// The largest input offsets can describe.
    pub const HARD_MAX_BYTES: usize = (1 << 30) - 1;
}
