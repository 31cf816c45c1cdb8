//! Encoders from the model to the wire formats, for generated traffic and tests,
//! and the responses a PIU returns to carriers (CONTRL, ACKRES, CUSRES).

pub mod ackres;
pub mod contrl;
pub mod cusres;
pub mod paxlst;
pub mod pnrgov;
pub mod pnrgov_xml;
pub mod response;

pub use response::{Outgoing, ResponseContext, ResponseHeader};

/// How an EDIFACT encoder wraps its message.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Envelope {
    /// Wrap the message in a UNG/UNE functional group.
    pub group: bool,
    /// One segment per line, as many carriers send it.
    pub line_breaks: bool,
}
