//! Bookings of one flight: who travels together, how the PNR was made and paid,
//! where else it goes, and how it changes between the pushes (T-48, T-24, after
//! closure). `pnr.rs` renders a booking as a push at a given stage shows it.

use piu_model::{
    Address, BagTag, Bags, FlightDesignator, FrequentFlyer, Gender, HistoryAction, HistoryItem,
    ItinerarySegment, Leg, LocalDateTime, Locator, Originator, Payment, PaymentMethod, RawSegment,
};
use time::{Duration, PrimitiveDateTime};

use crate::network::{self, BEYOND, Scheduled};
use crate::people::{self, Age, Document, Family, Person};
use crate::rng::Rng;

/// Push stages: 48 and 24 hours before departure, and after closure.
pub const T48: usize = 0;
pub const T24: usize = 1;
pub const CLOSE: usize = 2;

/// Where and when the flight is, for everything generated about it.
pub struct Ctx<'a> {
    pub sched: &'a Scheduled,
    pub dep_local: PrimitiveDateTime,
    pub dep_utc: PrimitiveDateTime,
    pub seats: u32,
    pub letters: &'static str,
}

pub fn local(t: PrimitiveDateTime) -> LocalDateTime {
    LocalDateTime::new(t.date(), Some(t.time()))
}

/// Local time at `airport` of a UTC moment.
pub fn at_airport(utc: PrimitiveDateTime, airport: &str) -> PrimitiveDateTime {
    utc + Duration::minutes(network::airport(airport).utc_offset as i64)
}

pub struct Pax {
    pub person: Person,
    /// Position in the party of the adult the infant travels with.
    pub infant_of: Option<usize>,
    pub docs_at: usize,
    pub checked_in: bool,
    pub boarded: bool,
    pub seat: Option<String>,
    pub seat_reserved: bool,
    pub bags: u32,
    pub bag_kg: u32,
    pub bag_tag: String,
    pub check_in_at: PrimitiveDateTime,
    pub sequence: u32,
    pub ticket: Option<String>,
    pub ff: Option<FrequentFlyer>,
    pub pax_ref: String,
    pub visa: Option<Document>,
    pub doca: bool,
    /// Continues from the arrival airport without entering the country.
    pub transit: bool,
}

impl Pax {
    /// The run of bag tags this passenger checked.
    pub fn bag_run(&self) -> BagTag {
        BagTag {
            first: self.bag_tag.clone(),
            count: self.bags,
            ..BagTag::default()
        }
    }

    /// The checked bags as a message carries them, with the tags written as `run`.
    pub fn checked_bags(&self, run: BagTag) -> Option<Bags> {
        (self.bags > 0).then(|| Bags {
            count: Some(self.bags),
            weight: Some(f64::from(self.bag_kg)),
            weight_unit: Some("KGM".into()),
            tags: vec![run],
            pool: None,
        })
    }
}

pub struct Party {
    pub locator: String,
    pub owner: String,
    pub gds: Option<Locator>,
    pub pax: Vec<Pax>,
    pub created: PrimitiveDateTime,
    pub appears: usize,
    pub cancelled: Option<usize>,
    pub name_fixed: Option<usize>,
    pub ticketed_at: usize,
    pub ticket_time: PrimitiveDateTime,
    pub originator: Originator,
    pub itinerary: Vec<ItinerarySegment>,
    pub pushed: usize,
    pub fare: f64,
    pub currency: &'static str,
    pub payment: Payment,
    pub email_at: usize,
    pub address: Option<Address>,
    pub history: Vec<HistoryItem>,
    pub lines: Vec<String>,
    pub split: Option<Locator>,
    pub remark: Option<String>,
    pub bag_dest: String,
}

const LOCATOR: &str = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";

fn segment(
    (carrier, number): (&str, u32),
    (from, to): (&str, &str),
    dep_utc: PrimitiveDateTime,
    minutes: i32,
    class: &str,
    party: u32,
) -> ItinerarySegment {
    let arr_utc = dep_utc + Duration::minutes(minutes as i64);
    ItinerarySegment {
        leg: Leg {
            carrier: Some(carrier.into()),
            number: Some(number.to_string()),
            origin: Some(from.into()),
            destination: Some(to.into()),
            departure: Some(local(at_airport(dep_utc, from))),
            arrival: Some(local(at_airport(arr_utc, to))),
            border_crossing: false,
        },
        booking_class: Some(class.into()),
        status: Some("HK".into()),
        party_size: Some(party),
        ..ItinerarySegment::default()
    }
}

fn currency(code: &str) -> &'static str {
    match code {
        "J2" => "AZN",
        "TK" | "PC" => "TRY",
        "SU" | "S7" | "UT" => "RUB",
        "LH" | "A3" | "W6" => "EUR",
        "6E" => "INR",
        "CZ" => "CNY",
        "KC" => "KZT",
        _ => "USD",
    }
}

fn rate(cur: &str) -> f64 {
    match cur {
        "TRY" => 35.0,
        "RUB" => 95.0,
        "INR" => 84.0,
        "CNY" => 7.2,
        "KZT" => 480.0,
        "AZN" => 1.7,
        "EUR" => 0.92,
        _ => 1.0,
    }
}

fn originator(rng: &mut Rng, ctx: &Ctx<'_>, owner: &str) -> Originator {
    let home = ctx.sched.origin;
    let country = &network::airport(home).country[..2];
    match rng.below(10) {
        0..=3 => Originator {
            system: Some(owner.into()),
            location: Some(home.into()),
            office: Some(format!("{home}WEB")),
            kind: Some("A".into()),
            country: Some(country.into()),
            currency: Some(currency(owner).into()),
            ..Originator::default()
        },
        4 => Originator {
            system: Some(owner.into()),
            location: Some(home.into()),
            office: Some(format!("{home}TO")),
            kind: Some("A".into()),
            country: Some(country.into()),
            currency: Some(currency(owner).into()),
            agent: Some(format!("{}{}", rng.digits(4), rng.chars("ABCDEFGHJK", 2))),
            ..Originator::default()
        },
        _ => Originator {
            system: Some((*rng.pick(&["1A", "1A", "1S", "1G"])).into()),
            location: Some(home.into()),
            agency_id: Some(format!(
                "{}{}",
                rng.pick(&["96", "37", "33", "14"]),
                rng.digits(6)
            )),
            office: Some(format!(
                "{home}{}{}",
                rng.chars("ABCDEFGHJKLMNPRSTUVWXYZ", 3),
                rng.digits(3)
            )),
            kind: Some("T".into()),
            country: Some(country.into()),
            currency: Some((if country == "AZ" { "AZN" } else { "USD" }).into()),
            agent: Some(format!("{}{}", rng.digits(4), rng.chars("ABCDEFGHJK", 2))),
        },
    }
}

/// Who travels together: sizes, ages and sexes of one booking.
fn party_shape(rng: &mut Rng) -> Vec<(Gender, Age)> {
    let g = |rng: &mut Rng| {
        if rng.chance(0.5) {
            Gender::M
        } else {
            Gender::F
        }
    };
    match rng.below(100) {
        0..=54 => {
            let sex = if rng.chance(0.62) {
                Gender::M
            } else {
                Gender::F
            };
            vec![(sex, Age::Adult)]
        }
        55..=74 => vec![(Gender::M, Age::Adult), (Gender::F, Age::Adult)],
        75..=94 => {
            let mut v = vec![(Gender::M, Age::Adult), (Gender::F, Age::Adult)];
            for _ in 0..rng.range(1, 3) {
                v.push((g(rng), Age::Child));
            }
            if rng.chance(0.35) {
                v.push((g(rng), Age::Infant));
            }
            v
        }
        95..=97 => {
            let mut v = vec![(Gender::F, Age::Adult), (g(rng), Age::Infant)];
            if rng.chance(0.5) {
                v.insert(1, (g(rng), Age::Child));
            }
            v
        }
        _ => (0..rng.range(8, 18))
            .map(|_| (g(rng), Age::Adult))
            .collect(),
    }
}

/// Azerbaijan's e-visa for the nationalities that need one.
fn needs_visa(nat: &str) -> bool {
    matches!(
        nat,
        "IND"
            | "CHN"
            | "HKG"
            | "DEU"
            | "GBR"
            | "FRA"
            | "ITA"
            | "POL"
            | "GRC"
            | "HUN"
            | "NLD"
            | "IRL"
            | "USA"
            | "CAN"
            | "SWE"
            | "EGY"
            | "JOR"
            | "IRQ"
    )
}

/// Plans the bookings that fill the flight to its load factor.
pub fn plan(rng: &mut Rng, ctx: &Ctx<'_>) -> Vec<Party> {
    let s = ctx.sched;
    let foreign = if network::is_domestic(s.origin) {
        s.destination
    } else {
        s.origin
    };
    let here = network::airport(foreign).country;
    let mix = network::origin_mix(here);
    let target = (ctx.seats * s.load / 100).max(1) as usize;
    let mut parties = Vec::new();
    let mut seated = 0usize;
    let mut seq = 0u32;
    let mut tag_serial = rng.range(100_000, 800_000) as u32;
    let travel = ctx.dep_local.date();
    let rows = (ctx.seats as usize).div_ceil(ctx.letters.len());
    let mut seat_no = 0usize;
    while seated < target {
        let shape = party_shape(rng);
        let origin = *rng.weighted(mix);
        let family = Family::new(rng, origin, here);
        let group = shape.len() > 6;
        // Document data are added for the whole booking at once.
        let docs_at = match rng.below(10) {
            0..=6 => T48,
            7 => T24,
            _ => CLOSE,
        };
        let mut pax: Vec<Pax> = Vec::new();
        let mut last_adult = 0;
        for (i, (sex, age)) in shape.iter().enumerate() {
            // Groups are strangers to each other; families share a surname.
            let fam = if group && i > 0 {
                Family::new(rng, origin, here)
            } else {
                family
            };
            let person = people::person(rng, &fam, *sex, *age, travel);
            if *age == Age::Adult {
                last_adult = i;
            }
            let infant_of = (*age == Age::Infant).then_some(last_adult);
            let checked_in = rng.chance(0.96);
            let boarded = checked_in && rng.chance(0.995);
            let seat = (checked_in && *age != Age::Infant).then(|| {
                seat_no += 1;
                let k = (seat_no - 1) % (rows * ctx.letters.len());
                let row = k / ctx.letters.len() + 1;
                let letter = ctx.letters.as_bytes()[k % ctx.letters.len()] as char;
                format!("{row}{letter}")
            });
            let bags = if *age == Age::Infant {
                0
            } else {
                rng.range(0, 2) as u32
            };
            let bag_kg = bags * rng.range(12, 23) as u32;
            let bag_tag = format!(
                "0{}{:06}",
                if s.carrier.prefix.is_empty() {
                    "999"
                } else {
                    s.carrier.prefix
                },
                tag_serial
            );
            tag_serial += bags;
            let check_in_at = ctx.dep_local - Duration::minutes(rng.range(45, 26 * 60));
            seq += u32::from(checked_in);
            let ff = (*age == Age::Adult && rng.chance(0.12)).then(|| FrequentFlyer {
                airline: s.carrier.code.into(),
                number: rng.digits(if s.carrier.code == "J2" { 9 } else { 10 }),
                tier: Some((*rng.pick(&["CLASSIC", "SILVER", "GOLD", "ELITE"])).into()),
            });
            let inbound_az = network::is_domestic(s.destination);
            let visa =
                (inbound_az && needs_visa(person.nationality) && *age != Age::Infant).then(|| {
                    let issued = travel - Duration::days(rng.range(3, 40));
                    Document {
                        kind: "V",
                        number: format!("E{}", rng.digits(9)),
                        country: "AZE",
                        issued,
                        expiry: issued + Duration::days(90),
                    }
                });
            pax.push(Pax {
                doca: person.residence != person.nationality && rng.chance(0.5),
                person,
                infant_of,
                docs_at,
                checked_in,
                boarded,
                seat,
                seat_reserved: rng.chance(0.2),
                bags,
                bag_kg,
                bag_tag,
                check_in_at,
                sequence: seq,
                ticket: None,
                ff,
                pax_ref: format!("{}{}", rng.chars("0123456789ABCDEF", 8), rng.digits(4)),
                visa,
                transit: false,
            });
        }
        seated += pax.iter().filter(|p| p.person.age != Age::Infant).count();
        parties.push(party(rng, ctx, pax, group));
    }
    // A few bookings split when one traveller changed plans: the last adult
    // (not one holding an infant) gets a booking of their own.
    let n = parties.len();
    for i in 0..n {
        let p = &parties[i];
        let k = p.pax.len().saturating_sub(1);
        let movable = p.pax.len() >= 2
            && p.pax[k].person.age == Age::Adult
            && p.pax.iter().all(|x| x.infant_of != Some(k));
        if !movable || !rng.chance(0.03) {
            continue;
        }
        let moved = parties[i].pax.pop().expect("two travellers");
        let mut child = party(rng, ctx, vec![moved], false);
        child.created = parties[i].created + Duration::days(rng.range(1, 10));
        child.split = Some(Locator {
            carrier: parties[i].owner.clone(),
            locator: parties[i].locator.clone(),
        });
        parties[i].split = Some(Locator {
            carrier: child.owner.clone(),
            locator: child.locator.clone(),
        });
        child.appears = parties[i].appears;
        child.cancelled = None;
        parties[i].cancelled = None;
        parties.push(child);
    }
    parties
}

/// One booking around its travellers.
fn party(rng: &mut Rng, ctx: &Ctx<'_>, mut pax: Vec<Pax>, group: bool) -> Party {
    let s = ctx.sched;
    let (owner, number) = if !s.codeshare.is_empty() && rng.chance(0.15) {
        let (c, n) = *rng.pick(&s.codeshare);
        (c.to_string(), n)
    } else {
        (s.carrier.code.to_string(), s.number)
    };
    let locator = rng.chars(LOCATOR, 6);
    let seats = pax.iter().filter(|p| p.person.age != Age::Infant).count() as u32;
    let class = (*rng.weighted(&[
        ("Y", 30),
        ("M", 20),
        ("B", 15),
        ("K", 15),
        ("Q", 10),
        ("J", 6),
        ("C", 4),
    ]))
    .to_string();
    let mut main = segment(
        (&owner, number),
        (s.origin, s.destination),
        ctx.dep_utc,
        s.minutes,
        &class,
        seats,
    );
    main.aircraft = Some(s.aircraft.into());
    if owner != s.carrier.code {
        main.operating = Some(FlightDesignator {
            carrier: s.carrier.code.into(),
            number: s.number.to_string(),
        });
    }
    let mut itinerary = vec![main];
    let mut pushed = 0;
    let mut bag_dest = s.destination.to_string();
    // Travellers connecting at a hub, before or after this flight.
    let hub_after = BEYOND
        .iter()
        .filter(|b| b.0 == s.destination)
        .collect::<Vec<_>>();
    let hub_before = BEYOND
        .iter()
        .filter(|b| b.0 == s.origin)
        .collect::<Vec<_>>();
    if !hub_after.is_empty() && rng.chance(0.15) {
        let (hub, beyond, c) = **rng.pick(&hub_after);
        let dep = ctx.dep_utc + Duration::minutes(s.minutes as i64 + rng.range(90, 300));
        itinerary.push(segment(
            (c, rng.range(1, 899) as u32),
            (hub, beyond),
            dep,
            rng.range(180, 600) as i32,
            &class,
            seats,
        ));
        bag_dest = beyond.to_string();
    } else if !hub_before.is_empty() && rng.chance(0.15) {
        let (hub, beyond, c) = **rng.pick(&hub_before);
        let minutes = rng.range(180, 600) as i32;
        let dep = ctx.dep_utc - Duration::minutes(minutes as i64 + rng.range(90, 300));
        itinerary.insert(
            0,
            segment(
                (c, rng.range(1, 899) as u32),
                (beyond, hub),
                dep,
                minutes,
                &class,
                seats,
            ),
        );
        pushed = 1;
    } else if network::is_domestic(s.destination) && s.destination == "GYD" && rng.chance(0.05) {
        // Transit through Baku on AZAL, without entering the country.
        let onward = network::ROUTES
            .iter()
            .filter(|r| r.carrier == "AZAL" && r.home == "GYD" && r.away != s.origin)
            .collect::<Vec<_>>();
        if !onward.is_empty() {
            let r = *rng.pick(&onward);
            let dep = ctx.dep_utc + Duration::minutes(s.minutes as i64 + rng.range(100, 360));
            itinerary.push(segment(
                ("J2", r.number),
                ("GYD", r.away),
                dep,
                r.minutes,
                &class,
                seats,
            ));
            bag_dest = r.away.to_string();
            for p in &mut pax {
                p.transit = true;
            }
        }
    }
    if !pax[0].transit && rng.chance(0.6) {
        let back = ctx.dep_utc
            + Duration::days(rng.range(3, 30))
            + Duration::minutes(rng.range(-240, 240));
        let n = if s.inbound {
            s.number - 1
        } else {
            s.number + 1
        };
        let (c, n) = if owner == s.carrier.code {
            (owner.clone(), n)
        } else {
            (owner.clone(), number + 1)
        };
        let mut seg = segment(
            (&c, n),
            (s.destination, s.origin),
            back,
            s.minutes,
            &class,
            seats,
        );
        if owner != s.carrier.code {
            seg.operating = Some(FlightDesignator {
                carrier: s.carrier.code.into(),
                number: (if s.inbound {
                    s.number - 1
                } else {
                    s.number + 1
                })
                .to_string(),
            });
        }
        itinerary.push(seg);
    }
    let created = ctx.dep_utc - Duration::minutes(rng.range(49 * 60, 90 * 24 * 60));
    let (appears, created) = match rng.below(100) {
        0..=7 => (
            T24,
            ctx.dep_utc - Duration::minutes(rng.range(25 * 60, 47 * 60)),
        ),
        8..=11 => (
            CLOSE,
            ctx.dep_utc - Duration::minutes(rng.range(120, 23 * 60)),
        ),
        _ => (T48, created),
    };
    let cancelled = match rng.below(100) {
        0..=3 if appears == T48 => Some(T24),
        4..=5 if appears < CLOSE => Some(CLOSE),
        _ => None,
    };
    let ticketed_at = if rng.chance(0.95) {
        appears
    } else {
        (appears + 1).min(CLOSE)
    };
    let ticket_time = created + Duration::minutes(rng.range(5, 120));
    let cur = currency(&owner);
    let fare = ((s.minutes as f64) * (0.7 + rng.unit()) * rate(cur)).round();
    let ticketless = network::carrier(&owner).prefix.is_empty() || owner == "W6";
    for p in &mut pax {
        if !ticketless {
            let prefix = network::carrier(&owner).prefix;
            p.ticket = Some(format!("{prefix}{}", rng.digits(10)));
        }
    }
    let payment = match rng.below(10) {
        0..=6 => Payment {
            method: PaymentMethod::Card,
            amount: None,
            card_vendor: Some((*rng.pick(&["VI", "CA", "CA", "AX"])).into()),
            card_number: Some(format!("XXXXXXXXXXXX{}", rng.digits(4))),
            card_expiry: Some(format!("{:02}{:02}", rng.range(1, 12), rng.range(27, 31))),
            payer: None,
            billing_address: None,
            traveller: None,
        },
        7..=8 => Payment {
            method: PaymentMethod::Cash,
            amount: None,
            card_vendor: None,
            card_number: None,
            card_expiry: None,
            payer: None,
            billing_address: None,
            traveller: None,
        },
        _ => Payment {
            method: PaymentMethod::Miscellaneous,
            amount: None,
            card_vendor: None,
            card_number: None,
            card_expiry: None,
            payer: Some(
                (*rng.pick(&[
                    "AZCON HOLDING",
                    "SOCAR TRADING",
                    "BP EXPLORATION CASPIAN SEA",
                    "GLOBAL TOURS LLC",
                ]))
                .into(),
            ),
            billing_address: None,
            traveller: None,
        },
    };
    let mut payment = payment;
    if payment.method == PaymentMethod::Card && rng.chance(0.5) {
        let lead = &pax[0].person;
        payment.payer = Some(format!("{} {}", lead.booked_given, lead.booked_surname));
    }
    let originator = originator(rng, ctx, &owner);
    let gds = originator
        .system
        .as_deref()
        .filter(|s| s.starts_with('1'))
        .map(|sys| Locator {
            carrier: sys.to_string(),
            locator: rng.chars(LOCATOR, 6),
        });
    let address = rng.chance(0.15).then(|| {
        let lead = &pax[0].person;
        Address {
            kind: Some("700".into()),
            street: Some(format!(
                "{} {}",
                rng.pick(&[
                    "NIZAMI",
                    "ISTIQLALIYYAT",
                    "28 MAY",
                    "TBILISI AVE",
                    "LENINGRADSKY PR",
                    "ATATURK CAD"
                ]),
                rng.range(1, 180)
            )),
            city: Some(
                network::airport(if lead.residence == "AZE" {
                    "GYD"
                } else {
                    s.origin
                })
                .city
                .into(),
            ),
            country: Some(lead.residence[..2].into()),
            postcode: Some(format!("{}{}", &lead.residence[..2], rng.digits(4))),
            ..Address::default()
        }
    });
    let office = originator.office.clone().unwrap_or_default();
    let mut history = Vec::new();
    if rng.chance(0.2) {
        let when = created + Duration::minutes(rng.range(10, 3000));
        history.push(HistoryItem {
            when: Some(local(when)),
            by: Some(office.clone()),
            actions: vec![HistoryAction {
                action: "A".into(),
                details: vec![RawSegment {
                    tag: "SSR".into(),
                    text: format!("SSR+CTCM:HK:1:{owner}"),
                }],
            }],
        });
        if rng.chance(0.4) {
            let old = ctx.dep_local - Duration::days(rng.range(1, 5));
            history.push(HistoryItem {
                when: Some(local(when + Duration::minutes(rng.range(30, 600)))),
                by: Some(office.clone()),
                actions: vec![HistoryAction {
                    action: "X".into(),
                    details: vec![RawSegment {
                        tag: "TVL".into(),
                        text: format!(
                            "TVL+{:02}{:02}{:02}:{:02}{:02}+{}+{}+{owner}+{number}:{class}",
                            old.day(),
                            old.month() as u8,
                            old.year() % 100,
                            old.hour(),
                            old.minute(),
                            s.origin,
                            s.destination
                        ),
                    }],
                }],
            });
        }
    }
    let mut lines = Vec::new();
    if rng.chance(0.15) {
        let d = ctx.dep_local;
        const MON: [&str; 12] = [
            "JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC",
        ];
        lines.push(format!(
            "0/O/SS/{owner} {number} {class} {:02}{} {}{} HK{seats}",
            d.day(),
            MON[d.month() as usize - 1],
            s.origin,
            s.destination
        ));
        lines.push(format!(
            "0/O/NM/{}/{}",
            pax[0].person.booked_surname, pax[0].person.booked_given
        ));
    }
    let remark = if group {
        Some(format!(
            "GRP {} {}",
            rng.pick(&["TOUR", "PILGRIMS", "WORKERS", "DELEGATION"]),
            rng.digits(3)
        ))
    } else if rng.chance(0.05) {
        Some(
            (*rng.pick(&[
                "PSGR REQUESTS WCHR",
                "VIP PASSENGER",
                "TKT TL 24HRS BEFORE DEP",
                "SEAT TOGETHER PLS",
            ]))
            .into(),
        )
    } else {
        None
    };
    Party {
        name_fixed: (pax[0].person.booked_surname != pax[0].person.surname && rng.chance(0.15))
            .then_some(T24),
        locator,
        owner,
        gds,
        pax,
        created,
        appears,
        cancelled,
        ticketed_at,
        ticket_time,
        originator,
        itinerary,
        pushed,
        fare,
        currency: cur,
        payment,
        email_at: if rng.chance(0.05) { T24 } else { T48 },
        address,
        history,
        lines,
        split: None,
        remark,
        bag_dest,
    }
}
