//! Check-in requests for the interactive API, built from the travellers of a
//! synthetic watchlist (`piu_sim::watchlist`, the same ones `piu simulate
//! --watchlist` writes to travellers.csv): planted variants of listed persons
//! and clean travellers, one to three to a PAXLST. Each request has its own
//! message and transaction references and its own travellers, so no two
//! bodies are the same bytes and each one is journaled and screened anew.

use piu_messages::encode::paxlst;
use piu_model::{
    Flight, Format, LocalDateTime, Message, MessageMeta, Syntax, TravelDocument, Traveller,
};
use piu_sim::watchlist::{SyntheticTraveller, WatchlistSpec};
use time::{Date, Month};

/// The carrier the requests come from; the load's token must be one of its.
pub const CARRIER: &str = "J2";

/// Check-in requests and which passengers were planted from a listed person.
pub struct Checkins {
    pub bodies: Vec<Vec<u8>>,
    /// Passenger references (RFF ABO) of the planted travellers.
    pub planted: std::collections::HashSet<String>,
}

/// Every traveller of `spec`, in the generator's order, grouped into requests
/// for flights departing on `day`.
pub fn build(spec: &WatchlistSpec, day: Date) -> Checkins {
    let travellers = piu_sim::watchlist::travellers(spec);
    let planted = travellers
        .iter()
        .filter(|t| t.planted.is_some())
        .map(|t| t.id.clone())
        .collect();
    let mut bodies = Vec::new();
    let mut rest = travellers.as_slice();
    while !rest.is_empty() {
        let n = bodies.len();
        let (group, after) = rest.split_at(party_size(n).min(rest.len()));
        bodies.push(paxlst::encode(&request(n, group, day)).into_bytes());
        rest = after;
    }
    Checkins { bodies, planted }
}

/// Passengers in request `n`: mostly one, sometimes a couple or three
/// travelling together (6 in 10, 3 in 10, 1 in 10), without randomness.
fn party_size(n: usize) -> usize {
    match (n * 7 + 3) % 10 {
        0..=5 => 1,
        6..=8 => 2,
        _ => 3,
    }
}

/// Check-ins per flight: a flight's requests share its number.
const CHECKINS_PER_FLIGHT: usize = 100;

/// Request `n`: a check-in PAXLST of a flight from Istanbul to Baku.
fn request(n: usize, group: &[SyntheticTraveller], day: Date) -> Message {
    let mut meta = MessageMeta::new(Format::Paxlst, Syntax::Edifact);
    meta.sender = Some(CARRIER.into());
    meta.recipient = Some("AZEPIU".into());
    meta.message_ref = format!("CHK{n}");
    meta.transaction_ref = Some(format!("TX{n}"));
    let mut message = Message::new(meta);
    let date =
        |hour: u8, minute: u8| LocalDateTime::new(day, time::Time::from_hms(hour, minute, 0).ok());
    message.flight = Some(Flight {
        carrier: CARRIER.into(),
        number: (100 + n / CHECKINS_PER_FLIGHT % 900).to_string(),
        origin: Some("IST".into()),
        destination: Some("GYD".into()),
        departure: Some(date(8, 30)),
        arrival: Some(date(12, 45)),
        ..Flight::default()
    });
    let booking = format!("B{n:05}");
    message.travellers = group.iter().map(|t| traveller(t, &booking)).collect();
    message
}

/// A synthetic traveller as a carrier's departure control sends them. The
/// generator lays names out in several orders that do not always tell which
/// part is the surname; where no '/' or ',' says so, the whole name goes in
/// the surname, which the matcher reads like a name from a traveller file.
/// A birth date without day or month is not a date a PAXLST can carry, so
/// such a passenger is sent without one (and is answered 4Z). Check-in scans
/// a travel document, so a traveller the generator gave none gets a number of
/// their own, on no list.
fn traveller(t: &SyntheticTraveller, booking: &str) -> Traveller {
    let (surname, given) = t
        .name
        .split_once('/')
        .or_else(|| t.name.split_once(','))
        .map_or((t.name.trim(), ""), |(s, g)| (s.trim(), g.trim()));
    let document = t
        .document_number
        .clone()
        .unwrap_or_else(|| format!("X{}", t.id.trim_start_matches('T')));
    let date_of_birth = t.birth_date.and_then(|d| {
        let month = Month::try_from(d.month?).ok()?;
        Date::from_calendar_date(d.year, month, d.day?).ok()
    });
    Traveller {
        surname: surname.to_owned(),
        given_names: given.to_owned(),
        date_of_birth,
        gender: t.gender,
        nationality: t.nationality.clone(),
        passenger_ref: Some(t.id.clone()),
        booking_ref: Some(booking.to_owned()),
        documents: vec![TravelDocument {
            kind: Some("P".into()),
            number: Some(document),
            issuing_country: t.document_country.clone().or_else(|| t.nationality.clone()),
            ..TravelDocument::default()
        }],
        ..Traveller::default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn spec() -> WatchlistSpec {
        WatchlistSpec {
            entries: 500,
            seed: 3,
            planted: 40,
            clean: 160,
        }
    }

    #[test]
    fn every_traveller_once_in_distinct_readable_requests() {
        let day = Date::from_calendar_date(2026, Month::November, 21).expect("date");
        let built = build(&spec(), day);
        assert_eq!(built.planted.len(), 40);
        let distinct: std::collections::HashSet<&Vec<u8>> = built.bodies.iter().collect();
        assert_eq!(distinct.len(), built.bodies.len(), "a body repeats");
        let options = piu_messages::ReadOptions::default();
        let mut refs = Vec::new();
        let mut sizes = std::collections::BTreeSet::new();
        for body in &built.bodies {
            let reading = piu_messages::read(body, &options);
            assert!(reading.errors.is_empty(), "{:?}", reading.errors);
            assert_eq!(reading.messages.len(), 1);
            let message = &reading.messages[0];
            assert_eq!(message.meta.format, Format::Paxlst);
            sizes.insert(message.travellers.len());
            assert!(
                message
                    .travellers
                    .iter()
                    .all(|t| t.documents.iter().any(|d| d.number.is_some())),
                "a passenger without a travel document cannot be answered"
            );
            refs.extend(
                message
                    .travellers
                    .iter()
                    .filter_map(|t| t.passenger_ref.clone()),
            );
        }
        assert_eq!(sizes, [1, 2, 3].into_iter().collect());
        let unique: std::collections::HashSet<&String> = refs.iter().collect();
        assert_eq!((refs.len(), unique.len()), (200, 200));
    }

    #[test]
    fn the_same_spec_gives_the_same_bytes() {
        let day = Date::from_calendar_date(2026, Month::March, 14).expect("date");
        assert_eq!(build(&spec(), day).bodies, build(&spec(), day).bodies);
    }
}
