//! What one read message asks the store to do, worked out without the store:
//! the flight it is about, the travellers and bookings it lists with their
//! keys and hashes, and their screening hits. Pure, so it runs off the async
//! threads and can be tested without a database.

use std::sync::Arc;

use piu_criteria::CriteriaSet;
use piu_model::{Booking, Flight, Format, ManifestChange, Message, PushType, Role, Traveller};
use piu_screen::{Hit, Screener, Subject, criteria_hits};
use piu_store::{FlightFacts, FlightKey, RecordSource};
use time::Date;

use crate::keys::{self, KeyHash, MatchKey};

/// What a message does to the flight's records.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Action {
    /// A PAXLST: the change it asks for (`None`: an original manifest).
    Manifest { change: Option<ManifestChange> },
    /// A PNRGOV push: a full push lists every booking on the flight, an update
    /// only those that changed.
    Push { full: bool, push: String },
}

/// A traveller as the message lists them.
#[derive(Debug, Clone)]
pub struct PlannedTraveller {
    pub key: KeyHash,
    pub role: &'static str,
    /// Index into [`Plan::bookings`].
    pub booking: Option<usize>,
    pub content_hash: [u8; 32],
    pub match_keys: Vec<MatchKey>,
    /// JSON of the traveller as sent.
    pub personal: String,
    pub hits: Vec<Hit>,
}

/// A booking as the message pushes it.
#[derive(Debug, Clone)]
pub struct PlannedBooking {
    pub carrier: String,
    pub record_locator: String,
    pub cancelled: bool,
    pub content_hash: [u8; 32],
    /// JSON of the booking with its travellers, as pushed.
    pub personal: String,
}

/// The flight a message is about.
#[derive(Debug, Clone)]
pub struct PlannedFlight {
    pub key: FlightKey,
    pub facts: FlightFacts,
    /// Code-share numbers (carrier, number) it is sold under.
    pub marketing: Vec<(String, String)>,
}

/// One message, planned.
#[derive(Debug, Clone)]
pub struct Plan {
    /// `None` when the message names no flight: bookings are kept, travellers
    /// cannot be placed.
    pub flight: Option<PlannedFlight>,
    pub source: RecordSource,
    pub action: Action,
    pub travellers: Vec<PlannedTraveller>,
    pub bookings: Vec<PlannedBooking>,
}

/// Plans one message; screens its travellers when a screener is given, and
/// applies the criteria in force (each set a criteria file or a stored
/// criterion; PNR data only to criteria for serious crime). `received` places
/// a flight that carries no date of its own.
pub fn plan(
    message: &Message,
    screener: Option<&Screener>,
    criteria: &[Arc<CriteriaSet>],
    today: Date,
    received: Date,
) -> Plan {
    let source = match message.meta.format {
        Format::Paxlst => RecordSource::Api,
        _ => RecordSource::Pnr,
    };
    let flight = message
        .flight
        .as_ref()
        .map(|flight| flight_identity(flight, received));
    let action = match source {
        RecordSource::Api => Action::Manifest {
            change: message.meta.change.clone(),
        },
        RecordSource::Pnr => Action::Push {
            full: !matches!(message.meta.push, Some(PushType::Update)),
            push: match &message.meta.push {
                Some(PushType::Full) | None => "full".to_owned(),
                Some(PushType::Update) => "update".to_owned(),
                Some(PushType::Other(code)) => code.clone(),
            },
        },
    };
    let bookings: Vec<PlannedBooking> = message
        .bookings
        .iter()
        .map(|b| booking(message, b))
        .collect();
    let mut booking_of = vec![None; message.travellers.len()];
    for (index, b) in message.bookings.iter().enumerate() {
        for &t in &b.travellers {
            if let Some(slot) = booking_of.get_mut(t) {
                *slot = Some(index);
            }
        }
    }
    let travellers = message
        .travellers
        .iter()
        .enumerate()
        .map(|(index, t)| {
            let booking = booking_of[index];
            let locator = booking
                .map(|b| message.bookings[b].record_locator.as_str())
                .or(t.booking_ref.as_deref());
            let subject = Subject::from_message(message, index, index.to_string());
            let mut hits = match (screener, &subject) {
                (Some(screener), Some(subject)) => screener.screen(subject, today).hits,
                _ => Vec::new(),
            };
            if let (false, Some(subject)) = (criteria.is_empty(), &subject) {
                let facts = piu_criteria::facts(message, index, &[], None);
                for set in criteria {
                    hits.extend(criteria_hits(set, &facts, subject, today));
                }
            }
            PlannedTraveller {
                key: keys::traveller_key(source, t, locator),
                role: role_name(t.role),
                booking,
                content_hash: keys::content_hash(t, locator),
                match_keys: keys::match_keys(t, locator),
                personal: serde_json::to_string(t).unwrap_or_default(),
                hits,
            }
        })
        .collect();
    Plan {
        flight,
        source,
        action,
        travellers,
        bookings,
    }
}

/// A flight's identity: the operating carrier and number, the scheduled
/// departure date, the origin; and the code-share numbers it is sold under.
fn flight_identity(flight: &Flight, received: Date) -> PlannedFlight {
    let date = flight
        .departure
        .or(flight.arrival)
        .map(|moment| moment.date)
        .unwrap_or(received);
    let key = FlightKey {
        carrier: flight.carrier.trim().to_uppercase(),
        number: keys::flight_number(&flight.number),
        departure_date: date.to_string(),
        origin: flight.origin.clone().unwrap_or_default().to_uppercase(),
    };
    let facts = FlightFacts {
        destination: flight.destination.clone(),
        departure: flight.departure.map(|moment| moment.to_string()),
        arrival: flight.arrival.map(|moment| moment.to_string()),
    };
    let marketing = flight
        .marketing
        .iter()
        .map(|d| {
            (
                d.carrier.trim().to_uppercase(),
                keys::flight_number(&d.number),
            )
        })
        .filter(|(carrier, number)| *carrier != key.carrier || *number != key.number)
        .collect();
    PlannedFlight {
        key,
        facts,
        marketing,
    }
}

fn booking(message: &Message, b: &Booking) -> PlannedBooking {
    let travellers: Vec<&Traveller> = b
        .travellers
        .iter()
        .filter_map(|&t| message.travellers.get(t))
        .collect();
    let personal = serde_json::json!({ "booking": b, "travellers": travellers }).to_string();
    PlannedBooking {
        carrier: b
            .carrier
            .clone()
            .or_else(|| message.flight.as_ref().map(|f| f.carrier.clone()))
            .unwrap_or_default()
            .to_uppercase(),
        record_locator: b.record_locator.trim().to_uppercase(),
        cancelled: b.cancelled,
        content_hash: keys::sha256(personal.as_bytes()),
        personal,
    }
}

fn role_name(role: Role) -> &'static str {
    match role {
        Role::Passenger => "passenger",
        Role::Crew => "crew",
        Role::TransitPassenger => "transit_passenger",
        Role::TransitCrew => "transit_crew",
    }
}
