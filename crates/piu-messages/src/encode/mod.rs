//! Encoders from the model to the wire formats, for generated traffic and tests.

pub mod paxlst;
pub mod pnrgov;
pub mod pnrgov_xml;
