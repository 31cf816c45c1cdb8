//! The messages one flight produces in a day: PNR pushes at T-48 (full), T-24
//! and after closure (updates), the passenger and crew lists at check-in close,
//! corrections (CP), close-out status (CLOB/CLNB), or a cancellation (XF).

use piu_model::{
    Flight, FlightDesignator, Format, Gender, LocalDateTime, ManifestChange, ManifestKind, Message,
    MessageMeta, PushType, Role, Syntax, TransportMode, TravelDocument, Traveller,
};
use time::{Date, Duration, PrimitiveDateTime, Time};

use crate::bookings::{self, CLOSE, Ctx, Party, T24, T48, at_airport, local};
use crate::network::{self, Carrier, Scheduled};
use crate::people::{self, Age, Family, Person};
use crate::pools::Origin;
use crate::rng::Rng;
use crate::{Generated, How, Kind, Voyage};

/// The national unit that receives the traffic.
pub const API_RECIPIENT: &str = "AZEAPI";
pub const PNR_RECIPIENT: &str = "AZEPIU";

/// Numbers that must be unique across the day's interchanges.
pub struct Counter(pub u64);

impl Counter {
    pub fn next(&mut self) -> u64 {
        self.0 += 1;
        self.0
    }
}

fn utc(t: PrimitiveDateTime) -> LocalDateTime {
    local(t)
}

fn crew_origin(code: &str) -> &'static [(Origin, u32)] {
    use Origin::*;
    match code {
        "J2" => &[(Azerbaijani, 1)],
        "TK" | "PC" => &[(Turkish, 1)],
        "SU" | "S7" | "UT" => &[(Russian, 1)],
        "QR" | "EK" | "FZ" | "G9" => &[
            (Arab, 2),
            (Indian, 3),
            (European, 3),
            (Russian, 1),
            (Azerbaijani, 1),
        ],
        "LH" | "A3" | "W6" => &[(European, 1)],
        "HY" | "KC" => &[(CentralAsian, 1)],
        "CZ" => &[(Chinese, 1)],
        "6E" => &[(Indian, 1)],
        "A9" => &[(Georgian, 1)],
        "IR" => &[(Iranian, 1)],
        _ => &[(European, 1)],
    }
}

/// Crew members, cockpit first.
pub fn crew(rng: &mut Rng, carrier: &str, cockpit: u32, cabin: u32, travel: Date) -> Vec<Person> {
    let mix = crew_origin(carrier);
    (0..cockpit + cabin)
        .map(|i| {
            let origin = *rng.weighted(mix);
            let family = Family::new(rng, origin, "AZE");
            let sex = if i < cockpit {
                if rng.chance(0.9) {
                    Gender::M
                } else {
                    Gender::F
                }
            } else if rng.chance(0.7) {
                Gender::F
            } else {
                Gender::M
            };
            people::person(rng, &family, sex, Age::Adult, travel)
        })
        .collect()
}

/// A crew member as a PAXLST person.
pub fn crew_traveller(p: &Person, function: &str, from: &str, to: &str) -> Traveller {
    Traveller {
        surname: p.surname.clone(),
        given_names: p.given.clone(),
        date_of_birth: Some(p.birth),
        gender: Some(p.gender),
        nationality: Some(p.nationality.into()),
        role: Role::Crew,
        documents: vec![passport_doc(p)],
        residence_country: Some(p.residence.into()),
        embarkation: Some(from.into()),
        disembarkation: Some(to.into()),
        crew_function: Some(function.into()),
        ..Traveller::default()
    }
}

pub fn passport_doc(p: &Person) -> TravelDocument {
    TravelDocument {
        kind: Some(p.passport.kind.into()),
        number: Some(p.passport.number.clone()),
        issuing_country: Some(p.passport.country.into()),
        expiry: Some(p.passport.expiry),
        source: "DOC".into(),
        ..TravelDocument::default()
    }
}

/// Which carriers send what in their API data.
fn sends_bags(c: &Carrier) -> bool {
    matches!(c.code, "J2" | "TK" | "SU")
}

fn sends_birth_place(c: &Carrier) -> bool {
    matches!(c.code, "J2" | "TK" | "QR" | "LH" | "A3" | "KC")
}

fn api_traveller(p: &bookings::Pax, party: &Party, s: &Scheduled) -> Traveller {
    let person = &p.person;
    let c = s.carrier;
    let mut docs = vec![passport_doc(person)];
    if let Some(v) = &p.visa {
        docs.push(TravelDocument {
            kind: Some("V".into()),
            number: Some(v.number.clone()),
            issuing_country: Some("AZE".into()),
            expiry: Some(v.expiry),
            source: "DOC".into(),
            ..TravelDocument::default()
        });
    }
    let bags = if sends_bags(c) {
        p.checked_bags(p.bag_run())
    } else {
        None
    };
    Traveller {
        surname: person.surname.clone(),
        given_names: person.given.clone(),
        date_of_birth: Some(person.birth),
        gender: Some(person.gender),
        nationality: Some(person.nationality.into()),
        role: if p.transit {
            Role::TransitPassenger
        } else {
            Role::Passenger
        },
        documents: docs,
        booking_ref: Some(party.locator.clone()),
        passenger_ref: Some(p.pax_ref.clone()),
        residence_country: Some(person.residence.into()),
        birth_place: sends_birth_place(c).then(|| person.birth_place.clone()),
        embarkation: Some(s.origin.into()),
        disembarkation: Some(s.destination.into()),
        clearance_place: (!p.transit).then(|| s.destination.into()),
        seat: p.seat.clone(),
        bags,
        verified: matches!(c.code, "J2" | "TK").then_some(true),
        ..Traveller::default()
    }
}

fn paxlst_meta(
    c: &Carrier,
    counter: &mut Counter,
    sent: PrimitiveDateTime,
    tn: &str,
) -> MessageMeta {
    let n = counter.next();
    let mut meta = MessageMeta::new(Format::Paxlst, Syntax::Edifact);
    meta.version = c.paxlst.into();
    meta.message_ref = format!("{}{:06}", c.code, n % 1_000_000);
    meta.sender = Some(c.name.replace(' ', ""));
    meta.recipient = Some(API_RECIPIENT.into());
    meta.interchange_ref = Some(format!("{:09}", n));
    meta.prepared = Some(utc(sent));
    meta.transaction_ref = Some(tn.into());
    meta.sender_contact = Some(c.contact.into());
    meta
}

fn paxlst_how(c: &Carrier) -> How {
    How::Paxlst {
        max_persons: c.max_persons,
        group: c.group,
        line_breaks: !matches!(c.code, "TK" | "SU"),
    }
}

/// Everything one flight produces.
pub fn flight(
    rng: &mut Rng,
    day: Date,
    s: &Scheduled,
    cancelled: bool,
    counter: &mut Counter,
) -> (Voyage, Vec<Generated>) {
    let c = s.carrier;
    let dep_local = PrimitiveDateTime::new(day, Time::MIDNIGHT)
        + Duration::minutes(s.departure.clamp(0, 1439) as i64);
    let dep_utc = dep_local - Duration::minutes(network::airport(s.origin).utc_offset as i64);
    let arr_local = at_airport(dep_utc + Duration::minutes(s.minutes as i64), s.destination);
    let (aircraft, seats, letters, cabin) = network::aircraft(s.aircraft);
    let ctx = Ctx {
        sched: s,
        dep_local,
        dep_utc,
        seats,
        letters,
    };
    let parties = bookings::plan(rng, &ctx);
    let model_flight = Flight {
        carrier: c.code.into(),
        number: s.number.to_string(),
        origin: Some(s.origin.into()),
        destination: Some(s.destination.into()),
        departure: Some(local(dep_local)),
        arrival: Some(local(arr_local)),
        transport_mode: TransportMode::Air,
        marketing: s
            .codeshare
            .iter()
            .map(|(cc, n)| FlightDesignator {
                carrier: (*cc).into(),
                number: n.to_string(),
            })
            .collect(),
        ..Flight::default()
    };
    let mut out = Vec::new();
    if let Some(link) = c.pnr {
        let times = [
            dep_utc - Duration::hours(48) + Duration::minutes(rng.range(0, 40)),
            dep_utc - Duration::hours(24) + Duration::minutes(rng.range(0, 40)),
            dep_utc - Duration::minutes(rng.range(2, 8)),
        ];
        let last = if cancelled { T24 } else { CLOSE };
        let mut previous: Vec<Option<_>> = vec![None; parties.len()];
        for stage in T48..=last {
            let mut msg = Message::new(pnr_meta(
                c,
                link.syntax,
                link.version,
                stage,
                counter,
                times[stage],
            ));
            msg.flight = Some(model_flight.clone());
            for (i, p) in parties.iter().enumerate() {
                if p.appears > stage {
                    continue;
                }
                let current = p.render(stage, link.dcs);
                let changed = previous[i].as_ref() != Some(&current);
                let (mut booking, travellers) = current.clone();
                previous[i] = Some(current);
                if !changed || (stage == T48 && booking.cancelled) {
                    continue;
                }
                if !booking.cancelled {
                    let since = if stage == T48 {
                        p.created
                    } else {
                        times[stage - 1].max(p.created)
                    };
                    let span = (times[stage] - since).whole_minutes().max(2);
                    booking.last_modified =
                        Some(utc(since + Duration::minutes(rng.range(1, span - 1))));
                }
                let base = msg.travellers.len();
                booking.travellers = booking.travellers.iter().map(|t| t + base).collect();
                for t in &mut booking.tickets {
                    t.traveller = t.traveller.map(|x| x + base);
                }
                for pay in &mut booking.payments {
                    pay.traveller = pay.traveller.map(|x| x + base);
                }
                for mut t in travellers {
                    t.infant = t.infant.map(|x| x + base);
                    msg.travellers.push(t);
                }
                msg.bookings.push(booking);
            }
            if msg.bookings.is_empty() {
                continue;
            }
            msg.meta.declared_pnrs = Some(msg.bookings.len() as u32);
            let kind = match stage {
                T48 => Kind::PnrFull,
                T24 => Kind::PnrUpdate,
                _ => Kind::PnrClosure,
            };
            let how = match link.syntax {
                Syntax::Xml => How::PnrXml,
                Syntax::Edifact => How::Pnr {
                    group: link.version == "11.1",
                    line_breaks: c.code != "TK",
                },
            };
            out.push(Generated {
                kind,
                sent: utc(times[stage]),
                message: msg,
                how,
            });
        }
    }
    let tn = format!(
        "{}{}{:02}{:02}{:02}",
        c.code,
        s.number,
        dep_local.day(),
        dep_local.month() as u8,
        dep_local.year() % 100
    );
    let on_board: Vec<(&Party, &bookings::Pax)> = parties
        .iter()
        .filter(|p| p.active(CLOSE))
        .flat_map(|p| p.pax.iter().map(move |x| (p, x)))
        .filter(|(_, x)| x.checked_in)
        .collect();
    let cockpit = if s.minutes > 300 { 3 } else { 2 };
    let crew_people = crew(rng, c.code, cockpit, cabin, day);
    if cancelled {
        let sent = dep_utc - Duration::minutes(rng.range(120, 300));
        let mut meta = paxlst_meta(c, counter, sent, &tn);
        meta.manifest = Some(ManifestKind::FlightStatus);
        meta.change = Some(ManifestChange::CancelFlight);
        meta.declared_persons = Some(0);
        let mut msg = Message::new(meta);
        msg.flight = Some(model_flight.clone());
        msg.status_only = true;
        out.push(Generated {
            kind: Kind::Cancel,
            sent: utc(sent),
            message: msg,
            how: paxlst_how(c),
        });
    } else {
        let sent = dep_utc - Duration::minutes(rng.range(35, 45));
        let mut meta = paxlst_meta(c, counter, sent, &tn);
        meta.manifest = Some(ManifestKind::Passengers);
        let mut msg = Message::new(meta);
        msg.flight = Some(model_flight.clone());
        msg.travellers = on_board
            .iter()
            .map(|(p, x)| api_traveller(x, p, s))
            .collect();
        msg.meta.declared_persons = Some(msg.travellers.len() as u32);
        let listed = msg.travellers.clone();
        out.push(Generated {
            kind: Kind::Passengers,
            sent: utc(sent),
            message: msg,
            how: paxlst_how(c),
        });

        let mut meta = paxlst_meta(c, counter, sent, &tn);
        meta.manifest = Some(ManifestKind::Crew);
        let mut msg = Message::new(meta);
        msg.flight = Some(model_flight.clone());
        msg.travellers = crew_people
            .iter()
            .enumerate()
            .map(|(i, p)| {
                let f = if (i as u32) < cockpit { "CR1" } else { "CR2" };
                crew_traveller(p, f, s.origin, s.destination)
            })
            .collect();
        msg.meta.declared_persons = Some(msg.travellers.len() as u32);
        out.push(Generated {
            kind: Kind::Crew,
            sent: utc(sent),
            message: msg,
            how: paxlst_how(c),
        });

        // A correction: a document number or expiry typed wrong at check-in.
        if !listed.is_empty() && rng.chance(0.06) {
            let sent = dep_utc - Duration::minutes(rng.range(15, 30));
            let mut meta = paxlst_meta(c, counter, sent, &tn);
            meta.manifest = Some(ManifestKind::Passengers);
            meta.change = Some(ManifestChange::ChangePassengerData);
            let mut msg = Message::new(meta);
            msg.flight = Some(model_flight.clone());
            let k = rng.range(1, 2.min(listed.len() as i64)) as usize;
            for _ in 0..k {
                let mut t = rng.pick(&listed).clone();
                if let Some(d) = t.documents.first_mut()
                    && let Some(e) = d.expiry
                {
                    d.expiry = Some(e + Duration::days(rng.range(1, 400)));
                }
                msg.travellers.push(t);
            }
            msg.meta.declared_persons = Some(msg.travellers.len() as u32);
            out.push(Generated {
                kind: Kind::Change,
                sent: utc(sent),
                message: msg,
                how: paxlst_how(c),
            });
        }

        if c.close_out {
            let sent = dep_utc + Duration::minutes(rng.range(3, 12));
            let not_boarded: Vec<&(&Party, &bookings::Pax)> =
                on_board.iter().filter(|(_, x)| !x.boarded).collect();
            let (change, list): (ManifestChange, Vec<&(&Party, &bookings::Pax)>) =
                if not_boarded.is_empty() {
                    (ManifestChange::CloseOnBoard, on_board.iter().collect())
                } else {
                    (ManifestChange::CloseNotBoarded, not_boarded)
                };
            let mut meta = paxlst_meta(c, counter, sent, &tn);
            meta.manifest = Some(ManifestKind::FlightStatus);
            meta.change = Some(change.clone());
            let mut msg = Message::new(meta);
            msg.flight = Some(model_flight.clone());
            msg.travellers = list
                .iter()
                .map(|(p, x)| Traveller {
                    surname: x.person.surname.clone(),
                    given_names: x.person.given.clone(),
                    date_of_birth: Some(x.person.birth),
                    booking_ref: Some(p.locator.clone()),
                    passenger_ref: Some(x.pax_ref.clone()),
                    ..Traveller::default()
                })
                .collect();
            msg.meta.declared_persons = Some(msg.travellers.len() as u32);
            out.push(Generated {
                kind: if change == ManifestChange::CloseOnBoard {
                    Kind::CloseOnBoard
                } else {
                    Kind::CloseNotBoarded
                },
                sent: utc(sent),
                message: msg,
                how: paxlst_how(c),
            });
        }
    }
    let voyage = Voyage {
        carrier: c.code.into(),
        operator: c.name.into(),
        number: s.number.to_string(),
        origin: s.origin.into(),
        destination: s.destination.into(),
        departure: local(dep_local),
        arrival: local(arr_local),
        mode: TransportMode::Air,
        craft: aircraft.into(),
        passengers: on_board.len(),
        crew: crew_people.len(),
        bookings: parties.len(),
        cancelled,
    };
    (voyage, out)
}

fn pnr_meta(
    c: &Carrier,
    syntax: Syntax,
    version: &str,
    stage: usize,
    counter: &mut Counter,
    sent: PrimitiveDateTime,
) -> MessageMeta {
    let n = counter.next();
    let mut meta = MessageMeta::new(Format::Pnrgov, syntax);
    meta.version = version.into();
    meta.message_ref = format!("{}", n % 100_000);
    meta.sender = Some(c.code.into());
    meta.recipient = Some(PNR_RECIPIENT.into());
    meta.interchange_ref = Some(format!("{:010}", n));
    meta.prepared = Some(utc(sent));
    meta.push = Some(if stage == T48 {
        PushType::Full
    } else {
        PushType::Update
    });
    meta
}
