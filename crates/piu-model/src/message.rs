//! A message as received: what it is, where it came from, what it carried, and
//! what was wrong with it.

use serde::{Deserialize, Serialize};

use crate::flight::Flight;
use crate::{Booking, Traveller, is_false};

/// Message standard.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Format {
    /// Advance passenger information (UN/EDIFACT PAXLST).
    #[serde(rename = "PAXLST")]
    Paxlst,
    /// Passenger name record push (IATA PNRGOV).
    #[serde(rename = "PNRGOV")]
    Pnrgov,
}

/// How the message was encoded.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Syntax {
    Edifact,
    Xml,
}

/// What a PAXLST lists (BGM 1001).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ManifestKind {
    /// 745: passenger list.
    Passengers,
    /// 250: crew list declaration.
    Crew,
    /// 266: flight status update (close-out, cancellation).
    FlightStatus,
    /// 336: master crew list.
    MasterCrewList,
    /// 655: gate pass.
    GatePass,
    /// Any other document code, as sent.
    Other(String),
}

/// What a PAXLST asks the receiver to do with earlier data (BGM 1004).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum ManifestChange {
    /// Change passenger data.
    #[serde(rename = "CP")]
    ChangePassengerData,
    /// Cancel reservation: the persons listed are off the flight.
    #[serde(rename = "XR")]
    CancelReservation,
    /// Reduction in party.
    #[serde(rename = "RP")]
    ReductionInParty,
    /// Flight closed.
    #[serde(rename = "CL")]
    FlightClose,
    /// Flight closed; the persons listed did not board.
    #[serde(rename = "CLNB")]
    CloseNotBoarded,
    /// Flight closed; the persons listed are on board.
    #[serde(rename = "CLOB")]
    CloseOnBoard,
    /// Flight cancelled.
    #[serde(rename = "XF")]
    CancelFlight,
    /// Flight changed.
    #[serde(rename = "CF")]
    ChangeFlight,
    /// Any other code, as sent.
    #[serde(rename = "other")]
    Other(String),
}

/// The BGM 1004 codes, both ways: readers, writers and storage agree on them.
const CHANGE_CODES: [(&str, ManifestChange); 8] = [
    ("CP", ManifestChange::ChangePassengerData),
    ("XR", ManifestChange::CancelReservation),
    ("RP", ManifestChange::ReductionInParty),
    ("CL", ManifestChange::FlightClose),
    ("CLNB", ManifestChange::CloseNotBoarded),
    ("CLOB", ManifestChange::CloseOnBoard),
    ("XF", ManifestChange::CancelFlight),
    ("CF", ManifestChange::ChangeFlight),
];

impl ManifestChange {
    /// The change as BGM 1004 codes it.
    pub fn code(&self) -> &str {
        match self {
            ManifestChange::Other(code) => code,
            known => CHANGE_CODES
                .iter()
                .find(|(_, change)| change == known)
                .map_or("", |(code, _)| code),
        }
    }

    /// The change a BGM 1004 code asks for; an unknown code is kept as sent.
    pub fn from_code(code: String) -> ManifestChange {
        CHANGE_CODES
            .iter()
            .find(|(known, _)| *known == code)
            .map_or(ManifestChange::Other(code), |(_, change)| change.clone())
    }
}

/// PNRGOV push type (MSG 1225).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PushType {
    /// 22: every active PNR of the flight.
    Full,
    /// 141: only PNRs changed since the previous push.
    Update,
    /// Any other code, as sent.
    Other(String),
}

/// Parts of a multi-part message (UNH 0070/0073) that were received.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Parts {
    /// Sequence numbers received, in order.
    pub received: Vec<u32>,
    /// Number of the final part, when it was received.
    pub last: Option<u32>,
    /// Whether every part from 1 to the final one is here.
    pub complete: bool,
}

/// A warning or error about the input, located where possible.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Note {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub offset: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub segment: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub tag: Option<String>,
    pub message: String,
}

impl Note {
    pub fn new(message: impl Into<String>) -> Self {
        Note {
            offset: None,
            segment: None,
            tag: None,
            message: message.into(),
        }
    }
}

impl std::fmt::Display for Note {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if let Some(o) = self.offset {
            write!(f, "at byte {o}")?;
            match (&self.segment, &self.tag) {
                (Some(n), Some(t)) => write!(f, " (segment {n}, {t})")?,
                (None, Some(t)) => write!(f, " ({t})")?,
                _ => {}
            }
            write!(f, ": ")?;
        }
        f.write_str(&self.message)
    }
}

/// A segment (or XML element) the model does not type, kept as text.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RawSegment {
    pub tag: String,
    pub text: String,
}

/// Where a message came from and how it was read.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct MessageMeta {
    pub format: Format,
    pub syntax: Syntax,
    /// Message version: `D02B` … `D15B` for PAXLST, `10.1` … `16.1` for PNRGOV.
    pub version: String,
    /// UNH message reference, or the XML message identifier.
    pub message_ref: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sender: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub recipient: Option<String>,
    /// UNB control reference.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub interchange_ref: Option<String>,
    /// Common access reference (UNH 0068) that ties parts together.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub common_access_ref: Option<String>,
    /// When the sender prepared the message.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub prepared: Option<crate::LocalDateTime>,
    /// PAXLST document kind (BGM).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub manifest: Option<ManifestKind>,
    /// PAXLST change or status code (BGM 1004).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub change: Option<ManifestChange>,
    /// PAXLST transaction reference (RFF TN).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub transaction_ref: Option<String>,
    /// PNRGOV push type (MSG).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub push: Option<PushType>,
    /// PNRGOV number of PNRs in the whole push (EQN), across all parts.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub declared_pnrs: Option<u32>,
    /// Declared number of persons (PAXLST CNT 42 or 41).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub declared_persons: Option<u32>,
    /// Multi-part series, when the message came in parts.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub parts: Option<Parts>,
    /// Character repertoire the text was decoded from.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub charset: Option<String>,
    /// Contact of the sender (PAXLST NAD MS / COM, PNRGOV ORG).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sender_contact: Option<String>,
    pub warnings: Vec<Note>,
}

impl MessageMeta {
    pub fn new(format: Format, syntax: Syntax) -> Self {
        MessageMeta {
            format,
            syntax,
            version: String::new(),
            message_ref: String::new(),
            sender: None,
            recipient: None,
            interchange_ref: None,
            common_access_ref: None,
            prepared: None,
            manifest: None,
            change: None,
            transaction_ref: None,
            push: None,
            declared_pnrs: None,
            declared_persons: None,
            parts: None,
            charset: None,
            sender_contact: None,
            warnings: Vec::new(),
        }
    }
}

/// One message, read into the domain model.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Message {
    #[serde(flatten)]
    pub meta: MessageMeta,
    /// The flight (or voyage) the message is about.
    pub flight: Option<Flight>,
    pub travellers: Vec<Traveller>,
    pub bookings: Vec<Booking>,
    /// Message-level segments the model does not type.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub other: Vec<RawSegment>,
    /// Set when the message lists no persons because it cancels or closes something.
    #[serde(default, skip_serializing_if = "is_false")]
    pub status_only: bool,
}

impl Message {
    pub fn new(meta: MessageMeta) -> Self {
        Message {
            meta,
            flight: None,
            travellers: Vec::new(),
            bookings: Vec::new(),
            other: Vec::new(),
            status_only: false,
        }
    }
}
