//! IATA PNRGOV in EDIFACT, versions 10.1 to 16.1.
//!
//! A push names a flight (MSG, ORG, TVL, EQN) and then carries one group per PNR,
//! opened by SRC. Inside a PNR the segment groups of the implementation guide
//! follow in order: passengers (TIF) with tickets (TKT) and payments (FOP), the
//! itinerary (TVL) with check-in data (DAT, TRI), splits (EQN), non-air segments
//! (MSG), history (ABI, SAC) and history lines (LTS). The same tag means different
//! things in different groups (a TIF after TRI is a check-in, after SAC a history
//! entry), so the reader tracks the group it is in. Segments it does not type are
//! kept as raw text on the nearest entity.

mod booking;
mod fields;
mod ssr;

use piu_edifact::{Message as Edi, Segment};
use piu_model::{Flight, Format, ItinerarySegment, Message, PushType, RawSegment};

use crate::envelope::{self, note_at, raw};
use crate::{ReadError, ReadOptions};

use booking::BookingReader;

/// Tags of the PNRGOV message; others are kept with a warning.
const KNOWN: [&str; 31] = [
    "SRC", "MSG", "ORG", "TVL", "EQN", "SRC", "RCI", "SSR", "DAT", "IFT", "ADD", "EBD", "TIF",
    "FTI", "REF", "FAR", "TKT", "MON", "PTK", "TXD", "FOP", "TRA", "RPI", "APD", "TRI", "SSD",
    "TBD", "ABI", "SAC", "LTS", "ERC",
];

pub(crate) fn read(msg: &Edi<'_>, options: &ReadOptions) -> Result<Message, ReadError> {
    let meta = envelope::meta(msg, Format::Pnrgov, options);
    let mut message = Message::new(meta);
    // Travellers are large: reserve once instead of growing. A PNR takes a dozen
    // segments or more per passenger.
    message.travellers.reserve(msg.segments().len() / 12);
    let mut reference = envelope::reference_date(None, &message.meta, options);
    let mut current: Option<BookingReader> = None;
    let mut saw_flight = false;
    for seg in msg.body() {
        let tag = seg.tag();
        if tag == "SRC" {
            if let Some(b) = current.take() {
                b.finish(&mut message);
            }
            current = Some(BookingReader::new(reference));
            continue;
        }
        match current.as_mut() {
            Some(b) => b.segment(&seg, &mut message),
            None => {
                if header(&seg, &mut message, &mut saw_flight, reference)
                    && let Some(d) = message.flight.as_ref().and_then(|f| f.departure)
                {
                    reference = d.date;
                }
            }
        }
    }
    if let Some(b) = current.take() {
        b.finish(&mut message);
    }
    if !saw_flight {
        message.meta.warnings.push(piu_model::Note {
            message: "the push names no flight (no TVL before the first SRC)".into(),
            ..note_loc(msg)
        });
    }
    if let (Some(n), None) = (message.meta.declared_pnrs, &message.meta.parts)
        && n as usize != message.bookings.len()
    {
        message.meta.warnings.push(piu_model::Note {
            message: format!(
                "EQN declares {n} PNRs in the push, {} were read",
                message.bookings.len()
            ),
            ..note_loc(msg)
        });
    }
    link_codeshares(&mut message);
    Ok(message)
}

fn note_loc(msg: &Edi<'_>) -> piu_model::Note {
    let l = msg.location();
    piu_model::Note {
        offset: Some(l.offset),
        segment: l.segment,
        tag: l.tag,
        message: String::new(),
    }
}

/// Level 0, before the first PNR. Returns true when the segment named the flight.
fn header(
    seg: &Segment<'_>,
    message: &mut Message,
    saw_flight: &mut bool,
    reference: piu_model::Date,
) -> bool {
    match seg.tag() {
        "MSG" => {
            let code = seg
                .trimmed(0, 1)
                .or_else(|| seg.trimmed(0, 0))
                .unwrap_or_default();
            message.meta.push = Some(match code.as_str() {
                "22" => PushType::Full,
                "141" => PushType::Update,
                _ => PushType::Other(code),
            });
            false
        }
        "ORG" => {
            let parts: Vec<String> = seg
                .elements()
                .map(|e| e.as_value().text().trim_ascii().to_string())
                .filter(|t| !t.is_empty() && t != ":")
                .collect();
            message.meta.sender_contact = Some(parts.join(" ")).filter(|s| !s.is_empty());
            false
        }
        "TVL" if !*saw_flight => {
            *saw_flight = true;
            let leg = fields::tvl_leg(seg, reference);
            let operating = fields::tvl_operating_carrier(seg);
            let marketing = match (&operating, &leg.carrier, &leg.number) {
                (Some(_), Some(c), Some(n)) => vec![piu_model::FlightDesignator {
                    carrier: c.clone(),
                    number: n.clone(),
                }],
                _ => Vec::new(),
            };
            message.flight = Some(Flight {
                carrier: operating.or(leg.carrier.clone()).unwrap_or_default(),
                number: leg.number.clone().unwrap_or_default(),
                origin: leg.origin.clone(),
                destination: leg.destination.clone(),
                departure: leg.departure,
                arrival: leg.arrival,
                marketing,
                legs: vec![leg],
                ..Flight::default()
            });
            true
        }
        "EQN" => {
            message.meta.declared_pnrs = seg.trimmed(0, 0).and_then(|n| n.parse().ok());
            false
        }
        _ => {
            keep_unknown(&mut message.other, seg, &mut message.meta.warnings);
            false
        }
    }
}

/// Marketing designators of the pushed flight, as bookings name them.
fn link_codeshares(message: &mut Message) {
    let Some(flight) = message.flight.as_ref() else {
        return;
    };
    let mut marketing = flight.marketing.clone();
    for b in &message.bookings {
        for s in b.itinerary.iter().filter(|s| is_pushed(s, Some(flight))) {
            if let (Some(c), Some(n)) = (&s.leg.carrier, &s.leg.number) {
                let d = piu_model::FlightDesignator {
                    carrier: c.clone(),
                    number: n.clone(),
                };
                if *c != flight.carrier && !marketing.contains(&d) {
                    marketing.push(d);
                }
            }
        }
    }
    if let Some(f) = message.flight.as_mut() {
        f.marketing = marketing;
    }
}

/// Whether an itinerary segment is the flight the push is about.
pub(super) fn is_pushed(s: &ItinerarySegment, flight: Option<&Flight>) -> bool {
    let Some(f) = flight else { return false };
    let number = s.leg.number.as_deref();
    let designators = [
        (s.leg.carrier.as_deref(), number),
        (s.operating.as_ref().map(|o| o.carrier.as_str()), number),
        (
            s.operating.as_ref().map(|o| o.carrier.as_str()),
            s.operating.as_ref().map(|o| o.number.as_str()),
        ),
    ];
    let same_flight = designators
        .iter()
        .any(|(c, n)| *c == Some(f.carrier.as_str()) && *n == Some(f.number.as_str()))
        || f.marketing
            .iter()
            .any(|m| s.leg.carrier.as_deref() == Some(&m.carrier) && number == Some(&m.number));
    same_flight && (s.leg.origin.is_none() || f.origin.is_none() || s.leg.origin == f.origin)
}

/// Raw copy used when a segment belongs to an entity without its own field.
pub(super) fn keep(other: &mut Vec<RawSegment>, seg: &Segment<'_>) {
    other.push(raw(seg));
}

/// Keeps a segment the reader has no place for; a tag that PNRGOV does not
/// define also gets a warning.
pub(super) fn keep_unknown(
    other: &mut Vec<RawSegment>,
    seg: &Segment<'_>,
    warnings: &mut Vec<piu_model::Note>,
) {
    if !KNOWN.contains(&seg.tag()) {
        warnings.push(note_at(
            seg,
            format!(
                "segment {} is not part of PNRGOV; kept as raw text",
                seg.tag()
            ),
        ));
    }
    other.push(raw(seg));
}
