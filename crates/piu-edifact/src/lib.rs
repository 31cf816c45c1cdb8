//! UN/EDIFACT syntax (ISO 9735) for passenger data: service string advice, the
//! UNB/UNG/UNH envelope, zero-copy segment tokens, repertoire decoding, located
//! errors, limits and a writer.
//!
//! This crate knows the syntax and nothing of the messages: it never interprets a
//! PAXLST or PNRGOV segment beyond the envelope. It never panics on input; every
//! problem is a [`SyntaxError`] or a [`Warning`] that names the byte offset, the
//! segment number and the tag.

mod charset;
mod delimiters;
mod error;
mod interchange;
mod limits;
mod segment;
mod tokenizer;
mod writer;

pub use charset::Charset;
pub use delimiters::Delimiters;
pub use error::{ErrorKind, Location, SyntaxError, Warning};
pub use interchange::{
    GroupHeader, Interchange, InterchangeHeader, Message, MessageHeader, Parsed, Party, parse,
    parse_all,
};
pub use limits::Limits;
pub use segment::{Components, Element, Elements, Segment, Value};
pub use writer::{OwnedSegment, Writer};
