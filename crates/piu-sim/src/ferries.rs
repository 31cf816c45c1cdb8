//! Caspian ferries: ro-pax voyages between Baku (Alat) and Aktau or
//! Turkmenbashi, with lorry drivers, a few families, and the crew, sent as
//! PAXLST in sea mode.

use piu_model::{
    Flight, Format, Gender, LocalDateTime, ManifestKind, Message, MessageMeta, Role, Syntax,
    TransportMode, Traveller, Vessel,
};
use time::{Date, Duration, PrimitiveDateTime, Time};

use crate::bookings::local;
use crate::people::{self, Age, Family, Person};
use crate::pools::Origin;
use crate::rng::Rng;
use crate::traffic::{API_RECIPIENT, Counter, crew, crew_traveller, passport_doc};
use crate::{Generated, How, Kind, Voyage};

/// IMO number, name, passenger berths.
const VESSELS: &[(&str, &str, u32)] = &[
    ("9662875", "BALAKAN", 100),
    ("9662887", "BARDA", 100),
    ("9752010", "ZANGAZUR", 100),
    ("9321536", "PROFESSOR GUL", 60),
    ("9407160", "AZERBAIJAN", 70),
    ("9321548", "SHAHDAG", 60),
];

/// UN/LOCODE of the ports and their UTC offsets in minutes.
const PORTS: &[(&str, i32)] = &[
    ("AZALT", 240),
    ("AZBAK", 240),
    ("KZAKT", 300),
    ("TMKRW", 300),
];

/// From, to, local departure HHMM, hours at sea, share of days in percent.
const SAILINGS: &[(&str, &str, u32, i64, u32)] = &[
    ("AZALT", "KZAKT", 2200, 18, 70),
    ("KZAKT", "AZALT", 1900, 18, 70),
    ("AZALT", "TMKRW", 2300, 14, 60),
    ("TMKRW", "AZALT", 2000, 14, 60),
    ("AZBAK", "TMKRW", 1400, 14, 25),
];

/// The country of a port, from its UN/LOCODE.
fn port_country(port: &str) -> &'static str {
    match &port[..2] {
        "KZ" => "KAZ",
        "TM" => "TKM",
        _ => "AZE",
    }
}

fn offset(port: &str) -> i64 {
    PORTS
        .iter()
        .find(|p| p.0 == port)
        .map_or(240, |p| i64::from(p.1))
}

/// A valid IMO check digit, so the table cannot hold a malformed number.
#[cfg(test)]
fn imo_is_valid(imo: &str) -> bool {
    let d: Vec<u32> = imo.chars().filter_map(|c| c.to_digit(10)).collect();
    d.len() == 7 && (0..6).map(|i| d[i] * (7 - i as u32)).sum::<u32>() % 10 == d[6]
}

fn driver_origin() -> &'static [(Origin, u32)] {
    &[
        (Origin::Azerbaijani, 30),
        (Origin::Turkish, 18),
        (Origin::CentralAsian, 20),
        (Origin::Russian, 12),
        (Origin::Georgian, 10),
        (Origin::Iranian, 10),
    ]
}

fn sea_person(p: &Person, native: bool, from: &str, to: &str) -> Traveller {
    // Some port offices type Azerbaijani names from the national ID card, in
    // the Azerbaijani alphabet.
    let (surname, given) = if native && p.origin == Origin::Azerbaijani && p.nationality == "AZE" {
        (p.native_surname.clone(), p.native_given.clone())
    } else {
        (p.surname.clone(), p.given.clone())
    };
    Traveller {
        surname,
        given_names: given,
        date_of_birth: Some(p.birth),
        gender: Some(p.gender),
        nationality: Some(p.nationality.into()),
        role: Role::Passenger,
        documents: vec![passport_doc(p)],
        residence_country: Some(p.residence.into()),
        embarkation: Some(from.into()),
        disembarkation: Some(to.into()),
        clearance_place: Some(to.into()),
        ..Traveller::default()
    }
}

/// The day's sailings and their manifests.
pub fn voyages(rng: &mut Rng, day: Date, counter: &mut Counter) -> Vec<(Voyage, Vec<Generated>)> {
    let mut out = Vec::new();
    let mut vessels: Vec<usize> = (0..VESSELS.len()).collect();
    for &(from, to, dep, hours, share) in SAILINGS {
        if vessels.is_empty() || !rng.chance(f64::from(share) / 100.0) {
            continue;
        }
        let v = vessels.remove(rng.below(vessels.len()));
        let (imo, name, berths) = VESSELS[v];
        let dep_local = PrimitiveDateTime::new(day, Time::MIDNIGHT)
            + Duration::minutes(i64::from(dep / 100 * 60 + dep % 100));
        let dep_utc = dep_local - Duration::minutes(offset(from));
        let arr_local =
            dep_utc + Duration::hours(hours) + Duration::minutes(rng.range(0, 180) + offset(to));
        let number = format!("{}", rng.range(100, 999));
        let native = rng.chance(0.5);
        let travellers: Vec<Person> = {
            let n = rng.range(12, i64::from(berths) * 8 / 10) as usize;
            let mut v = Vec::new();
            while v.len() < n {
                let origin = *rng.weighted(driver_origin());
                let family = Family::new(rng, origin, port_country(from));
                if rng.chance(0.9) {
                    let sex = if rng.chance(0.95) {
                        Gender::M
                    } else {
                        Gender::F
                    };
                    v.push(people::person(rng, &family, sex, Age::Adult, day));
                } else {
                    v.push(people::person(rng, &family, Gender::M, Age::Adult, day));
                    v.push(people::person(rng, &family, Gender::F, Age::Adult, day));
                    let sex = if rng.chance(0.5) {
                        Gender::M
                    } else {
                        Gender::F
                    };
                    v.push(people::person(rng, &family, sex, Age::Child, day));
                }
            }
            v
        };
        let size = rng.range(24, 38) as u32;
        let crew_people = crew(rng, "J2", 0, size, day);
        let flight = Flight {
            carrier: "ASCO".into(),
            number: number.clone(),
            origin: Some(from.into()),
            destination: Some(to.into()),
            departure: Some(local(dep_local)),
            arrival: Some(local(arr_local)),
            transport_mode: TransportMode::Sea,
            vessel: Some(Vessel {
                imo: Some(imo.into()),
                name: Some(name.into()),
            }),
            ..Flight::default()
        };
        let sent = dep_utc - Duration::minutes(rng.range(90, 180));
        let mut generated = Vec::new();
        for (kind, persons) in [
            (
                Kind::Passengers,
                travellers
                    .iter()
                    .map(|p| sea_person(p, native, from, to))
                    .collect::<Vec<_>>(),
            ),
            (
                Kind::Crew,
                crew_people
                    .iter()
                    .enumerate()
                    .map(|(i, p)| {
                        let mut t = crew_traveller(p, if i < 3 { "CR1" } else { "CR2" }, from, to);
                        if native && p.nationality == "AZE" {
                            t.surname = p.native_surname.clone();
                            t.given_names = p.native_given.clone();
                        }
                        t
                    })
                    .collect(),
            ),
        ] {
            let n = counter.next();
            let mut meta = MessageMeta::new(Format::Paxlst, Syntax::Edifact);
            meta.version = "D05B".into();
            meta.message_ref = format!("ASCO{:06}", n % 1_000_000);
            meta.sender = Some("ASCO".into());
            meta.recipient = Some(API_RECIPIENT.into());
            meta.interchange_ref = Some(format!("{n:09}"));
            meta.prepared = Some(local(sent));
            meta.manifest = Some(if kind == Kind::Crew {
                ManifestKind::Crew
            } else {
                ManifestKind::Passengers
            });
            meta.sender_contact = Some("ASCO FERRY TERMINAL ALAT, +994 12 404 3700".into());
            meta.declared_persons = Some(persons.len() as u32);
            let mut msg = Message::new(meta);
            msg.flight = Some(flight.clone());
            msg.travellers = persons;
            generated.push(Generated {
                kind,
                sent: local(sent),
                message: msg,
                how: How::Paxlst {
                    max_persons: 999,
                    group: false,
                    line_breaks: true,
                },
            });
        }
        let voyage = Voyage {
            carrier: "ASCO".into(),
            operator: "AZERBAIJAN CASPIAN SHIPPING".into(),
            number,
            origin: from.into(),
            destination: to.into(),
            departure: LocalDateTime::new(dep_local.date(), Some(dep_local.time())),
            arrival: local(arr_local),
            mode: TransportMode::Sea,
            craft: name.into(),
            passengers: travellers.len(),
            crew: crew_people.len(),
            bookings: 0,
            cancelled: false,
        };
        out.push((voyage, generated));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn vessel_table_has_valid_imo_numbers() {
        for (imo, name, _) in VESSELS {
            assert!(imo_is_valid(imo), "{name} {imo}");
        }
    }
}
