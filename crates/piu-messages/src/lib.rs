//! Readers for the messages carriers send to a passenger information unit, and
//! encoders for the same formats.
//!
//! - UN/EDIFACT PAXLST (advance passenger information), D02B to D15B;
//! - IATA PNRGOV in EDIFACT, 10.1 to 16.1;
//! - IATA PNRGOV XML, and national wrappers around IATA 2007/00 PNR elements.
//!
//! Every reader produces the [`piu_model`] types. A reader never panics on input
//! and never drops data silently: what it cannot type is kept as raw text, what is
//! doubtful becomes a located warning, and a message it cannot read becomes a
//! [`ReadError`] naming the place, while the other messages of the input are read.

mod assemble;
pub mod dates;
pub mod encode;
mod envelope;
mod error;
mod paxlst;
pub mod person;
mod pnrgov;
pub mod pnrgov_xml;

pub use assemble::{assemble, assemble_tagged};
pub use error::{Location, ReadError};
pub use pnrgov_xml::XmlLimits;

use piu_edifact::Limits;
use piu_model::{Date, Message, Note};

/// What the readers may assume and how much they may hold.
#[derive(Clone, Debug, Default)]
pub struct ReadOptions {
    pub limits: Limits,
    pub xml_limits: XmlLimits,
    /// Used to place two-digit years when a message carries no date of its own.
    pub reference_date: Option<Date>,
}

/// What one input held: the messages read (multi-part series not yet assembled),
/// the messages or inputs that could not be read, and notes about the input that
/// belong to no message.
#[derive(Clone, Debug, Default)]
pub struct Reading {
    pub messages: Vec<Message>,
    pub errors: Vec<ReadError>,
    pub notes: Vec<Note>,
}

impl Reading {
    pub fn failed(&self) -> bool {
        !self.errors.is_empty()
    }
}

/// Reads one input (a file or a request body): EDIFACT or XML, any number of
/// interchanges and messages.
pub fn read(input: &[u8], options: &ReadOptions) -> Reading {
    let start = input
        .iter()
        .position(|b| !b.is_ascii_whitespace())
        .unwrap_or(input.len());
    let body = &input[start..];
    if body.starts_with(b"<")
        || body.starts_with("\u{feff}".as_bytes()) && body[3..].trim_ascii_start().starts_with(b"<")
    {
        return match pnrgov_xml::read(input, options) {
            Ok(messages) => Reading {
                messages,
                ..Reading::default()
            },
            Err(e) => Reading {
                errors: vec![e],
                ..Reading::default()
            },
        };
    }
    read_edifact(input, options)
}

fn read_edifact(input: &[u8], options: &ReadOptions) -> Reading {
    let mut reading = Reading::default();
    let parsed = piu_edifact::parse_all(input, &options.limits);
    reading
        .errors
        .extend(parsed.errors.into_iter().map(ReadError::from));
    for ic in &parsed.interchanges {
        if ic.messages().len() == 0 {
            reading.notes.extend(ic.warnings().iter().map(note));
        }
        for msg in ic.messages() {
            if let Some(e) = msg.error() {
                reading.errors.push(e.clone().into());
                continue;
            }
            let result = match msg.header().message_type.as_str() {
                "PAXLST" => paxlst::read(&msg, options),
                "PNRGOV" => pnrgov::read(&msg, options),
                other => Err(ReadError::new(
                    msg.location(),
                    format!("message type {other:?} is not one OpenPIU reads (PAXLST or PNRGOV)"),
                )),
            };
            match result {
                Ok(m) => reading.messages.push(m),
                Err(e) => reading.errors.push(e),
            }
        }
    }
    reading
}

/// A syntax warning as a model note.
pub(crate) fn note(w: &piu_edifact::Warning) -> Note {
    Note {
        offset: Some(w.location.offset),
        segment: w.location.segment,
        tag: w.location.tag.clone(),
        message: w.message.clone(),
    }
}
