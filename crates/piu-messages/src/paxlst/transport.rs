//! PAXLST transport groups: TDT with its LOC/DTM places, turned into legs.
//!
//! LOC 125 (last departure before arrival) and 87 (first arrival in the receiving
//! state) mark the leg that crosses the border; LOC 92 pairs route the other legs
//! of a progressive flight; LOC 130 names the final destination.

use piu_edifact::Segment;
use piu_model::{Flight, Leg, MessageMeta, Note, TransportMode, Vessel};

use crate::ReadOptions;
use crate::dates::{self, SentDate};
use crate::envelope::{self, note_at};

/// What became of a segment offered to the transport group.
pub(super) enum Outcome {
    Used,
    /// Not a transport detail this reader types; the caller keeps it raw.
    Unused,
    /// Meant for the transport group but unreadable; the caller warns and keeps it.
    Bad(String),
}

type SentMoment = (SentDate, Option<(u8, u8)>);

#[derive(Default)]
struct Stop {
    qualifier: String,
    place: String,
    departure: Option<SentMoment>,
    arrival: Option<SentMoment>,
}

#[derive(Default)]
struct Group {
    journey: Option<String>,
    carrier: Option<String>,
    mode: Option<String>,
    vessel: Option<Vessel>,
    stops: Vec<Stop>,
}

#[derive(Default)]
pub(super) struct Transport {
    groups: Vec<Group>,
    final_destination: Option<String>,
    notes: Vec<Note>,
}

impl Transport {
    pub(super) fn is_empty(&self) -> bool {
        self.groups.is_empty()
    }

    /// TDT: journey identifier (carrier and number), mode, carrier, vessel.
    pub(super) fn tdt(&mut self, seg: &Segment<'_>) {
        let vessel = Vessel {
            imo: seg.trimmed(7, 0),
            name: seg.trimmed(7, 3),
        };
        let journey = seg.trimmed(1, 0);
        if journey.is_none() {
            self.notes.push(note_at(
                seg,
                "TDT carries no journey identifier (carrier and flight number)",
            ));
        }
        self.groups.push(Group {
            journey,
            carrier: seg.trimmed(4, 0),
            mode: seg.trimmed(2, 0),
            vessel: (vessel != Vessel::default()).then_some(vessel),
            stops: Vec::new(),
        });
    }

    /// LOC within a transport group.
    pub(super) fn loc(&mut self, seg: &Segment<'_>) -> Outcome {
        let q = seg.field(0, 0).unwrap_or_default();
        let place = seg.trimmed(1, 0).unwrap_or_default();
        match &*q {
            "125" | "87" | "92" => {
                if let Some(g) = self.groups.last_mut() {
                    g.stops.push(Stop {
                        qualifier: q.into_owned(),
                        place,
                        ..Stop::default()
                    });
                }
                Outcome::Used
            }
            "130" => {
                self.final_destination = Some(place).filter(|p| !p.is_empty());
                Outcome::Used
            }
            _ => Outcome::Unused,
        }
    }

    /// DTM after a LOC: 189 departure, 232 arrival.
    pub(super) fn dtm(&mut self, seg: &Segment<'_>) -> Outcome {
        let q = seg.field(0, 0).unwrap_or_default();
        if q != "189" && q != "232" {
            return Outcome::Unused;
        }
        let Some(stop) = self.groups.last_mut().and_then(|g| g.stops.last_mut()) else {
            return Outcome::Bad(format!("DTM {q} does not follow a LOC naming the place"));
        };
        let value = seg.get(0, 1).unwrap_or_default();
        let Some(moment) = dates::parse_dtm(&value, seg.get(0, 2).as_deref()) else {
            return Outcome::Bad(format!(
                "the {} time {value:?} is not a date and time in the format given",
                if q == "189" { "departure" } else { "arrival" }
            ));
        };
        if q == "189" {
            stop.departure = Some(moment);
        } else {
            stop.arrival = Some(moment);
        }
        Outcome::Used
    }

    /// The flight with its legs, years placed relative to the preparation date.
    pub(super) fn finish(self, meta: &MessageMeta, options: &ReadOptions) -> (Flight, Vec<Note>) {
        let reference = envelope::reference_date(None, meta, options);
        let moment =
            |m: Option<SentMoment>| m.and_then(|(d, hm)| dates::travel_moment(d, hm, reference));
        let mut legs: Vec<(usize, Leg)> = Vec::new();
        for (gi, g) in self.groups.iter().enumerate() {
            let (carrier, number) = split_journey(g.journey.as_deref(), g.carrier.as_deref());
            let base = Leg {
                carrier: Some(carrier).filter(|c| !c.is_empty()),
                number: Some(number).filter(|n| !n.is_empty()),
                ..Leg::default()
            };
            if g.stops.len() < 2 {
                let stop = g.stops.first();
                legs.push((
                    gi,
                    Leg {
                        origin: stop.map(|s| s.place.clone()),
                        departure: moment(stop.and_then(|s| s.departure)),
                        ..base
                    },
                ));
                continue;
            }
            for pair in g.stops.windows(2) {
                let (from, to) = (&pair[0], &pair[1]);
                legs.push((
                    gi,
                    Leg {
                        origin: Some(from.place.clone()).filter(|p| !p.is_empty()),
                        destination: Some(to.place.clone()).filter(|p| !p.is_empty()),
                        departure: moment(from.departure),
                        arrival: moment(to.arrival),
                        border_crossing: from.qualifier == "125" && to.qualifier == "87",
                        ..base.clone()
                    },
                ));
            }
        }
        let chosen = legs.iter().position(|(_, l)| l.border_crossing);
        let first = self.groups.first();
        let mode = match first.and_then(|g| g.mode.as_deref()) {
            Some("1") => TransportMode::Sea,
            Some("2") => TransportMode::Rail,
            Some("3") => TransportMode::Road,
            Some("8") => TransportMode::InlandWater,
            _ if first.is_some_and(|g| g.vessel.is_some()) => TransportMode::Sea,
            _ => TransportMode::Air,
        };
        let (gi, summary) = match chosen {
            Some(i) => (legs[i].0, legs[i].1.clone()),
            None => {
                let mut s = legs.first().map(|(_, l)| l.clone()).unwrap_or_default();
                if let Some((_, last)) = legs.last() {
                    s.destination = last.destination.clone().or(s.destination);
                    s.arrival = last.arrival.or(s.arrival);
                }
                (0, s)
            }
        };
        let group = self.groups.get(gi);
        let flight = Flight {
            carrier: summary.carrier.clone().unwrap_or_default(),
            number: summary.number.clone().unwrap_or_default(),
            origin: summary.origin.clone(),
            destination: summary.destination.clone(),
            departure: summary.departure,
            arrival: summary.arrival,
            transport_mode: mode,
            marketing: Vec::new(),
            legs: legs.into_iter().map(|(_, l)| l).collect(),
            final_destination: self.final_destination,
            vessel: group.and_then(|g| g.vessel.clone()),
            journey_id: group.and_then(|g| g.journey.clone()),
        };
        (flight, self.notes)
    }
}

/// Splits a journey identifier such as `UA0989` into carrier `UA` and number `989`.
/// The carrier named in TDT wins; otherwise a two-character IATA or three-letter
/// ICAO designator is taken from the front.
pub(crate) fn split_journey(journey: Option<&str>, carrier: Option<&str>) -> (String, String) {
    let journey = journey.unwrap_or("").trim_ascii();
    if let Some(c) = carrier.filter(|c| !c.is_empty()) {
        let number = journey.strip_prefix(c).unwrap_or(journey);
        return (c.to_string(), flight_number(number));
    }
    let b = journey.as_bytes();
    let digit_at = |i: usize| b.get(i).is_some_and(|c| c.is_ascii_digit());
    let alnum = |i: usize| b.get(i).is_some_and(|c| c.is_ascii_alphanumeric());
    if b.len() > 3 && b[..3].iter().all(|c| c.is_ascii_alphabetic()) && digit_at(3) {
        return (journey[..3].to_string(), flight_number(&journey[3..]));
    }
    if b.len() > 2 && alnum(0) && alnum(1) && digit_at(2) && !(digit_at(0) && digit_at(1)) {
        return (journey[..2].to_string(), flight_number(&journey[2..]));
    }
    (String::new(), journey.to_string())
}

/// A flight number without leading zeros (`0989` → `989`, `0006A` → `6A`).
pub(crate) fn flight_number(n: &str) -> String {
    let n = n.trim_ascii();
    let trimmed = n.trim_start_matches('0');
    if trimmed.is_empty() {
        if n.is_empty() {
            String::new()
        } else {
            "0".into()
        }
    } else if trimmed.starts_with(|c: char| c.is_ascii_digit()) {
        trimmed.to_string()
    } else {
        n.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn journeys() {
        assert_eq!(
            split_journey(Some("UA0989"), Some("UA")),
            ("UA".into(), "989".into())
        );
        assert_eq!(
            split_journey(Some("LA532"), None),
            ("LA".into(), "532".into())
        );
        assert_eq!(
            split_journey(Some("U21234"), None),
            ("U2".into(), "1234".into())
        );
        assert_eq!(
            split_journey(Some("AZA061"), None),
            ("AZA".into(), "61".into())
        );
        assert_eq!(
            split_journey(Some("12345"), None),
            ("".into(), "12345".into())
        );
        assert_eq!(
            split_journey(Some("VOY0207"), Some("ASCO")),
            ("ASCO".into(), "VOY0207".into())
        );
        assert_eq!(flight_number("0000"), "0");
    }
}
