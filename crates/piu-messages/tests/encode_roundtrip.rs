//! Model → encoder → reader → the same model fields, for PAXLST and PNRGOV
//! EDIFACT, including values that need escaping or a UTF-8 repertoire.

use piu_messages::encode::{paxlst, pnrgov};
use piu_messages::{ReadOptions, Reading, read};
use piu_model::{
    Address, BagTag, Bags, Booking, CheckIn, Contact, ContactKind, Flight, FlightDesignator,
    Format, FrequentFlyer, Gender, HistoryAction, HistoryItem, ItinerarySegment, Leg,
    LocalDateTime, Locator, ManifestChange, ManifestKind, Message, MessageMeta, Money, Originator,
    PassengerType, Payment, PaymentMethod, PushType, RawSegment, Role, Syntax, Ticket,
    TransportMode, TravelDocument, Traveller, Vessel,
};
use time::{Date, Month};

fn date(y: i32, m: u8, d: u8) -> Date {
    Date::from_calendar_date(y, Month::try_from(m).unwrap(), d).unwrap()
}

fn at(y: i32, m: u8, d: u8, hh: u8, mm: u8) -> LocalDateTime {
    LocalDateTime::from_parts(y, m, d, Some((hh, mm))).unwrap()
}

fn read_one(text: &str) -> Message {
    let reading: Reading = read(text.as_bytes(), &ReadOptions::default());
    assert!(
        reading.errors.is_empty(),
        "read errors: {:?}\n{text}",
        reading.errors
    );
    assert_eq!(reading.messages.len(), 1, "{text}");
    reading.messages.into_iter().next().unwrap()
}

/// Warnings about the envelope's control counts mean the encoder miscounted.
fn assert_counts_ok(m: &Message) {
    for w in &m.meta.warnings {
        assert!(
            !w.message.contains(" says ") && !w.message.contains("control"),
            "count warning: {w}"
        );
    }
}

fn flight() -> Flight {
    Flight {
        carrier: "J2".into(),
        number: "27".into(),
        origin: Some("GYD".into()),
        destination: Some("IST".into()),
        departure: Some(at(2026, 11, 21, 8, 30)),
        arrival: Some(at(2026, 11, 21, 10, 5)),
        ..Flight::default()
    }
}

fn passport(number: &str, country: &str, expiry: Date) -> TravelDocument {
    TravelDocument {
        kind: Some("P".into()),
        number: Some(number.into()),
        issuing_country: Some(country.into()),
        expiry: Some(expiry),
        source: "DOC".into(),
        ..TravelDocument::default()
    }
}

fn api_person(surname: &str, given: &str, dob: Date, g: Gender, nat: &str) -> Traveller {
    Traveller {
        surname: surname.into(),
        given_names: given.into(),
        date_of_birth: Some(dob),
        gender: Some(g),
        nationality: Some(nat.into()),
        documents: vec![passport("C1234567", nat, date(2031, 5, 2))],
        ..Traveller::default()
    }
}

fn paxlst_message(travellers: Vec<Traveller>) -> Message {
    let mut meta = MessageMeta::new(Format::Paxlst, Syntax::Edifact);
    meta.version = "D05B".into();
    meta.message_ref = "PAX001".into();
    meta.sender = Some("AZAL".into());
    meta.recipient = Some("AZEPIU".into());
    meta.interchange_ref = Some("000000123".into());
    meta.prepared = Some(at(2026, 11, 21, 7, 50));
    meta.manifest = Some(ManifestKind::Passengers);
    meta.transaction_ref = Some("J2027211126".into());
    meta.sender_contact = Some("AZAL API DESK".into());
    let mut m = Message::new(meta);
    m.flight = Some(flight());
    m.travellers = travellers;
    m
}

/// Key person fields both readers must give back.
fn same_person(got: &Traveller, want: &Traveller) {
    assert_eq!(got.surname, want.surname);
    assert_eq!(got.given_names, want.given_names);
    assert_eq!(got.date_of_birth, want.date_of_birth, "{}", want.surname);
    assert_eq!(got.gender, want.gender, "{}", want.surname);
    assert_eq!(got.nationality, want.nationality, "{}", want.surname);
    assert_eq!(got.booking_ref, want.booking_ref, "{}", want.surname);
    assert_eq!(
        got.documents.len(),
        want.documents.len(),
        "{}",
        want.surname
    );
    for (g, w) in got.documents.iter().zip(&want.documents) {
        assert_eq!(g.kind, w.kind);
        assert_eq!(g.number, w.number);
        assert_eq!(g.expiry, w.expiry);
        if w.issuing_country.is_some() {
            assert_eq!(g.issuing_country, w.issuing_country);
        }
    }
}

fn same_flight(got: &Flight, want: &Flight) {
    assert_eq!(got.carrier, want.carrier);
    assert_eq!(got.number, want.number);
    assert_eq!(got.origin, want.origin);
    assert_eq!(got.destination, want.destination);
    assert_eq!(got.departure, want.departure);
    assert_eq!(got.arrival, want.arrival);
}

#[test]
fn paxlst_passenger_list_round_trip() {
    let mut a = api_person(
        "MAMMADOV",
        "RASHAD ALI OGLU",
        date(1984, 3, 9),
        Gender::M,
        "AZE",
    );
    a.booking_ref = Some("K7QX2M".into());
    a.passenger_ref = Some("0014F2A1".into());
    a.seat = Some("14C".into());
    a.residence_country = Some("AZE".into());
    a.birth_place = Some("BAKU".into());
    a.embarkation = Some("GYD".into());
    a.disembarkation = Some("IST".into());
    a.clearance_place = Some("IST".into());
    a.verified = Some(true);
    a.bags = Some(Bags {
        count: Some(2),
        weight: Some(31.0),
        weight_unit: Some("KGM".into()),
        tags: vec![BagTag {
            first: "0771123456".into(),
            count: 2,
            ..BagTag::default()
        }],
        pool: None,
    });
    let mut b = api_person("O'BRIEN", "MARY ANN", date(1990, 12, 31), Gender::F, "IRL");
    b.documents.push(TravelDocument {
        kind: Some("V".into()),
        number: Some("AZ+12:34?".into()),
        issuing_country: Some("AZE".into()),
        expiry: Some(date(2027, 1, 15)),
        issue_date: Some(date(2026, 10, 1)),
        source: "DOC".into(),
        ..TravelDocument::default()
    });
    let infant = api_person("GASANOVA", "LEYLA", date(2025, 12, 1), Gender::F, "RUS");
    let msg = paxlst_message(vec![a, b, infant]);
    let text = paxlst::encode(&msg);
    assert!(text.starts_with("UNA:+.? '"), "{text}");
    assert!(text.contains("O?'BRIEN"), "{text}");
    assert!(text.contains("UNB+UNOA:4+AZAL+AZEPIU+261121:0750+000000123++APIS'"));
    assert!(text.contains("CNT+42:3'"), "{text}");

    let got = read_one(&text);
    assert_counts_ok(&got);
    assert_eq!(got.meta.format, Format::Paxlst);
    assert_eq!(got.meta.version, "D05B");
    assert_eq!(got.meta.manifest, Some(ManifestKind::Passengers));
    assert_eq!(got.meta.transaction_ref.as_deref(), Some("J2027211126"));
    assert_eq!(got.meta.declared_persons, Some(3));
    assert_eq!(got.meta.sender.as_deref(), Some("AZAL"));
    same_flight(got.flight.as_ref().unwrap(), msg.flight.as_ref().unwrap());
    assert_eq!(got.travellers.len(), 3);
    for (g, w) in got.travellers.iter().zip(&msg.travellers) {
        same_person(g, w);
        assert_eq!(g.role, Role::Passenger);
        assert_eq!(g.passenger_ref, w.passenger_ref);
        assert_eq!(g.seat, w.seat);
        assert_eq!(g.residence_country, w.residence_country);
        assert_eq!(g.birth_place, w.birth_place);
        assert_eq!(g.embarkation, w.embarkation);
        assert_eq!(g.disembarkation, w.disembarkation);
        assert_eq!(g.clearance_place, w.clearance_place);
        assert_eq!(g.verified, w.verified);
        assert_eq!(g.bags, w.bags);
    }
    let visa = &got.travellers[1].documents[1];
    assert_eq!(visa.issue_date, Some(date(2026, 10, 1)));
}

#[test]
fn paxlst_awkward_names_use_utf8() {
    let people = vec![
        api_person("MƏMMƏDOV", "ELÇİN", date(1979, 6, 1), Gender::M, "AZE"),
        api_person("A+B", "C:D", date(1970, 1, 1), Gender::X, "GBR"),
        api_person("WHAT?", "ISN'T", date(2000, 2, 29), Gender::U, "DEU"),
        api_person("ÖZTÜRK", "ŞÜKRÜ", date(1965, 7, 20), Gender::M, "TUR"),
    ];
    let msg = paxlst_message(people);
    let text = paxlst::encode(&msg);
    assert!(text.contains("UNB+UNOW:4+"), "{text}");
    assert!(text.contains("NAD+FL+++A?+B:C?:D'"), "{text}");
    assert!(text.contains("NAD+FL+++WHAT??:ISN?'T'"), "{text}");
    let got = read_one(&text);
    assert_counts_ok(&got);
    assert_eq!(got.travellers.len(), 4);
    for (g, w) in got.travellers.iter().zip(&msg.travellers) {
        same_person(g, w);
    }
}

#[test]
fn paxlst_crew_list_counts_crew() {
    let mut p = api_person("KARIMOV", "TURAL", date(1981, 4, 4), Gender::M, "AZE");
    p.role = Role::Crew;
    p.crew_function = Some("CR1".into());
    let mut q = api_person("ALIYEVA", "NIGAR", date(1993, 8, 14), Gender::F, "AZE");
    q.role = Role::Crew;
    q.crew_function = Some("CR2".into());
    let mut msg = paxlst_message(vec![p, q]);
    msg.meta.manifest = Some(ManifestKind::Crew);
    let text = paxlst::encode(&msg);
    assert!(text.contains("BGM+250'"), "{text}");
    assert!(text.contains("CNT+41:2'"), "{text}");
    assert!(text.contains("EMP+1+CR1:110:111'"), "{text}");
    let got = read_one(&text);
    assert_counts_ok(&got);
    assert_eq!(got.meta.manifest, Some(ManifestKind::Crew));
    assert_eq!(got.meta.declared_persons, Some(2));
    for (g, w) in got.travellers.iter().zip(&msg.travellers) {
        same_person(g, w);
        assert_eq!(g.role, Role::Crew);
        assert_eq!(g.crew_function, w.crew_function);
    }
}

#[test]
fn paxlst_sea_mode_names_the_vessel() {
    let mut p = api_person("NURLANOV", "ASKAR", date(1977, 2, 3), Gender::M, "KAZ");
    p.embarkation = Some("AZALT".into());
    p.disembarkation = Some("KZAKT".into());
    let mut msg = paxlst_message(vec![p]);
    msg.meta.sender = Some("ASCO".into());
    msg.flight = Some(Flight {
        carrier: "ASCO".into(),
        number: "2111".into(),
        origin: Some("AZALT".into()),
        destination: Some("KZAKT".into()),
        departure: Some(at(2026, 11, 21, 22, 0)),
        arrival: Some(at(2026, 11, 22, 16, 0)),
        transport_mode: TransportMode::Sea,
        vessel: Some(Vessel {
            imo: Some("9662875".into()),
            name: Some("BALAKAN".into()),
        }),
        ..Flight::default()
    });
    let text = paxlst::encode(&msg);
    assert!(
        text.contains("TDT+20+ASCO2111+1++ASCO+++9662875:146::BALAKAN'"),
        "{text}"
    );
    assert!(text.contains("LOC+125+AZALT'"), "{text}");
    let got = read_one(&text);
    assert_counts_ok(&got);
    let f = got.flight.as_ref().unwrap();
    same_flight(f, msg.flight.as_ref().unwrap());
    assert_eq!(f.transport_mode, TransportMode::Sea);
    assert_eq!(f.vessel, msg.flight.as_ref().unwrap().vessel);
    same_person(&got.travellers[0], &msg.travellers[0]);
}

#[test]
fn paxlst_progressive_flight_keeps_its_legs() {
    let mut msg = paxlst_message(vec![api_person(
        "SHARMA",
        "PRIYA",
        date(1988, 9, 9),
        Gender::F,
        "IND",
    )]);
    let f = msg.flight.as_mut().unwrap();
    f.origin = Some("DEL".into());
    f.destination = Some("GYD".into());
    f.carrier = "6E".into();
    f.number = "1803".into();
    f.legs = vec![
        Leg {
            carrier: Some("6E".into()),
            number: Some("1803".into()),
            origin: Some("DEL".into()),
            destination: Some("TAS".into()),
            departure: Some(at(2026, 11, 21, 4, 0)),
            arrival: Some(at(2026, 11, 21, 6, 30)),
            border_crossing: false,
        },
        Leg {
            carrier: Some("6E".into()),
            number: Some("1803".into()),
            origin: Some("TAS".into()),
            destination: Some("GYD".into()),
            departure: Some(at(2026, 11, 21, 7, 30)),
            arrival: Some(at(2026, 11, 21, 9, 0)),
            border_crossing: true,
        },
    ];
    let text = paxlst::encode(&msg);
    assert!(text.contains("LOC+92+DEL'"), "{text}");
    assert!(text.contains("LOC+125+TAS'"), "{text}");
    assert!(text.contains("LOC+87+GYD'"), "{text}");
    let got = read_one(&text);
    assert_counts_ok(&got);
    let legs = &got.flight.as_ref().unwrap().legs;
    assert_eq!(legs.len(), 2, "{legs:?}");
    for (g, w) in legs.iter().zip(&msg.flight.as_ref().unwrap().legs) {
        assert_eq!(g.origin, w.origin);
        assert_eq!(g.destination, w.destination);
        assert_eq!(g.departure, w.departure);
        assert_eq!(g.arrival, w.arrival);
        assert_eq!(g.border_crossing, w.border_crossing);
    }
}

#[test]
fn paxlst_multi_part_series() {
    let people: Vec<Traveller> = (0..250)
        .map(|i| {
            let mut t = api_person(
                &format!("PERSON{i:03}"),
                "TEST",
                date(1960 + i % 40, 1 + (i % 12) as u8, 1 + (i % 28) as u8),
                if i % 2 == 0 { Gender::M } else { Gender::F },
                "AZE",
            );
            t.documents[0].number = Some(format!("C{:07}", 1000 + i));
            t
        })
        .collect();
    let msg = paxlst_message(people);
    let parts = paxlst::encode_parts(&msg, 100);
    assert_eq!(parts.len(), 3);
    let car = paxlst::flight_reference(msg.flight.as_ref().unwrap());
    assert_eq!(car, "J227/211126/0830");
    assert!(parts[0].contains(&format!("+{car}+01:C'")), "{}", parts[0]);
    assert!(parts[1].contains(&format!("+{car}+02'")), "{}", parts[1]);
    assert!(parts[2].contains(&format!("+{car}+03:F'")), "{}", parts[2]);
    let mut read_parts = Vec::new();
    for p in &parts {
        assert!(p.contains("CNT+42:250'"));
        assert!(p.contains("BGM+745'") && p.contains("NAD+MS+++AZAL API DESK'"));
        assert!(p.contains("TDT+20+J227+4++J2'") && p.contains("LOC+125+GYD'"));
        let m = read_one(p);
        assert_counts_ok(&m);
        assert_eq!(m.meta.declared_persons, Some(250));
        assert_eq!(m.meta.common_access_ref.as_deref(), Some(car.as_str()));
        read_parts.push(m);
    }
    let merged = piu_messages::assemble(read_parts);
    assert_eq!(merged.len(), 1);
    let all = &merged[0];
    assert_eq!(all.travellers.len(), 250);
    for (g, w) in all.travellers.iter().zip(&msg.travellers) {
        same_person(g, w);
    }
    // A list that fits is one part, marked final.
    let one = paxlst::encode_parts(&msg, 300);
    assert_eq!(one.len(), 1);
    assert!(one[0].contains("+01:F'"));
}

#[test]
fn paxlst_flight_status_messages() {
    let mut close = paxlst_message(vec![api_person(
        "HUSEYNOV",
        "EMIN",
        date(1995, 5, 5),
        Gender::M,
        "AZE",
    )]);
    close.meta.manifest = Some(ManifestKind::FlightStatus);
    close.meta.change = Some(ManifestChange::CloseNotBoarded);
    let text = paxlst::encode(&close);
    assert!(text.contains("BGM+266+CLNB'"), "{text}");
    let got = read_one(&text);
    assert_eq!(got.meta.change, Some(ManifestChange::CloseNotBoarded));
    same_person(&got.travellers[0], &close.travellers[0]);

    let mut cancel = paxlst_message(Vec::new());
    cancel.meta.manifest = Some(ManifestKind::FlightStatus);
    cancel.meta.change = Some(ManifestChange::CancelFlight);
    cancel.status_only = true;
    let text = paxlst::encode(&cancel);
    assert!(
        text.contains("BGM+266+XF'") && text.contains("CNT+42:0'"),
        "{text}"
    );
    let got = read_one(&text);
    assert_counts_ok(&got);
    assert_eq!(got.meta.change, Some(ManifestChange::CancelFlight));
    assert!(got.status_only);
    assert!(got.travellers.is_empty());

    let mut change = paxlst_message(vec![api_person(
        "QULIYEV",
        "ANAR",
        date(1970, 10, 10),
        Gender::M,
        "AZE",
    )]);
    change.meta.change = Some(ManifestChange::ChangePassengerData);
    let text = paxlst::encode(&change);
    assert!(text.contains("BGM+745+CP'"), "{text}");
    assert_eq!(
        read_one(&text).meta.change,
        Some(ManifestChange::ChangePassengerData)
    );
}

// ---------------------------------------------------------------- PNRGOV

fn pnr_meta(push: PushType, version: &str) -> MessageMeta {
    let mut meta = MessageMeta::new(Format::Pnrgov, Syntax::Edifact);
    meta.version = version.into();
    meta.message_ref = "1".into();
    meta.sender = Some("J2".into());
    meta.recipient = Some("AZEPIU".into());
    meta.interchange_ref = Some("4711".into());
    meta.prepared = Some(at(2026, 11, 19, 8, 30));
    meta.push = Some(push);
    meta
}

fn pnr_traveller(surname: &str, given: &str, title: Option<&str>, t: PassengerType) -> Traveller {
    Traveller {
        surname: surname.into(),
        given_names: given.into(),
        title: title.map(String::from),
        passenger_type: Some(t),
        ..Traveller::default()
    }
}

fn with_docs(mut t: Traveller, number: &str, nat: &str, dob: Date, g: Gender) -> Traveller {
    t.date_of_birth = Some(dob);
    t.gender = Some(g);
    t.nationality = Some(nat.into());
    t.documents.push(TravelDocument {
        kind: Some("P".into()),
        number: Some(number.into()),
        issuing_country: Some(nat.into()),
        nationality: Some(nat.into()),
        expiry: Some(date(2030, 4, 30)),
        source: "SSR DOCS".into(),
        ..TravelDocument::default()
    });
    t
}

fn pushed_segment(class: &str) -> ItinerarySegment {
    let f = flight();
    ItinerarySegment {
        leg: Leg {
            carrier: Some("J2".into()),
            number: Some("27".into()),
            origin: f.origin,
            destination: f.destination,
            departure: f.departure,
            arrival: f.arrival,
            border_crossing: false,
        },
        booking_class: Some(class.into()),
        status: Some("HK".into()),
        party_size: Some(1),
        aircraft: Some("320".into()),
        ..ItinerarySegment::default()
    }
}

/// A push with a family (adult, adult with infant, infant), a solo traveller on a
/// code-share return, and their tickets, payments, seats, check-in and history.
fn pnr_push(version: &str) -> Message {
    let mut m = Message::new(pnr_meta(PushType::Full, version));
    m.flight = Some(flight());
    let mut father = with_docs(
        pnr_traveller("MAMMADOV", "RASHAD", Some("MR"), PassengerType::Adult),
        "C1234567",
        "AZE",
        date(1984, 3, 9),
        Gender::M,
    );
    father.passenger_ref = Some("2101A1".into());
    father.frequent_flyer.push(FrequentFlyer {
        airline: "J2".into(),
        number: "771000123".into(),
        tier: Some("GOLD".into()),
    });
    father.seat = Some("14C".into());
    father.check_in.push(CheckIn {
        flight: Some("J227".into()),
        sequence: Some("041".into()),
        seat: Some("14C".into()),
        cabin: Some("Y".into()),
        time: Some(at(2026, 11, 21, 6, 40)),
        bags: Some(Bags {
            count: Some(2),
            weight: Some(37.0),
            weight_unit: Some("KGM".into()),
            tags: vec![BagTag {
                first: "0771123456".into(),
                count: 2,
                carrier: Some("771".into()),
                destination: Some("IST".into()),
            }],
            pool: Some("HP".into()),
        }),
    });
    father.address = Some(Address {
        kind: Some("residence".into()),
        street: Some("28 MAY KUC 5".into()),
        city: Some("BAKI".into()),
        country: Some("AZE".into()),
        ..Address::default()
    });
    father.contacts.push(Contact {
        kind: ContactKind::Email,
        value: "RASHAD_M@MAIL.AZ".into(),
        source: "CTCE".into(),
    });
    let mut mother = with_docs(
        pnr_traveller("MAMMADOVA", "AYTAN", Some("MRS"), PassengerType::Adult),
        "C7654321",
        "AZE",
        date(1988, 11, 30),
        Gender::F,
    );
    mother.infant = Some(2);
    mother.seat = Some("14D".into());
    let baby = with_docs(
        pnr_traveller("MAMMADOVA", "LALA", None, PassengerType::Infant),
        "AA0012345",
        "AZE",
        date(2026, 2, 14),
        Gender::F,
    );
    let mut solo = with_docs(
        pnr_traveller("O'NEILL", "SEAN", Some("DR"), PassengerType::Adult),
        "PA1234567",
        "IRL",
        date(1971, 1, 2),
        Gender::M,
    );
    solo.documents.push(TravelDocument {
        kind: Some("V".into()),
        number: Some("EV0099123".into()),
        place_of_issue: Some("DUBLIN".into()),
        issue_date: Some(date(2026, 10, 1)),
        applicable_country: Some("AZE".into()),
        source: "SSR DOCO".into(),
        ..TravelDocument::default()
    });
    m.travellers = vec![father, mother, baby, solo];

    let family = Booking {
        record_locator: "K7QX2M".into(),
        travellers: vec![0, 1, 2],
        carrier: Some("J2".into()),
        other_locators: vec![Locator {
            carrier: "1A".into(),
            locator: "2LS6KP".into(),
        }],
        created: Some(at(2026, 10, 2, 14, 11)),
        last_modified: Some(at(2026, 11, 18, 9, 0)),
        ticketed: Some(at(2026, 10, 2, 14, 30)),
        originator: Some(Originator {
            system: Some("1A".into()),
            location: Some("GYD".into()),
            agency_id: Some("96512345".into()),
            office: Some("GYDAZ2100".into()),
            kind: Some("T".into()),
            country: Some("AZ".into()),
            currency: Some("AZN".into()),
            agent: Some("0001AA".into()),
        }),
        contacts: vec![Contact {
            kind: ContactKind::Phone,
            value: "+994 50 555 12 34".into(),
            source: "CTCM".into(),
        }],
        addresses: vec![Address {
            kind: Some("700".into()),
            street: Some("NIZAMI 10".into()),
            city: Some("BAKU".into()),
            country: Some("AZ".into()),
            postcode: Some("AZ1000".into()),
            ..Address::default()
        }],
        tickets: vec![
            Ticket {
                number: "7712100000011".into(),
                kind: Some("T".into()),
                issued: Some(date(2026, 10, 2)),
                total: Some(Money {
                    amount: 412.5,
                    currency: Some("AZN".into()),
                }),
                traveller: Some(0),
            },
            Ticket {
                number: "7712100000012".into(),
                kind: Some("T".into()),
                issued: Some(date(2026, 10, 2)),
                total: None,
                traveller: Some(1),
            },
        ],
        payments: vec![Payment {
            method: PaymentMethod::Card,
            amount: Some(Money {
                amount: 825.0,
                currency: None,
            }),
            card_vendor: Some("VI".into()),
            card_number: Some("XXXXXXXXXXXX4417".into()),
            card_expiry: Some("0929".into()),
            payer: Some("RASHAD MAMMADOV".into()),
            billing_address: Some("NIZAMI 10 BAKU".into()),
            traveller: Some(0),
        }],
        itinerary: vec![pushed_segment("Y")],
        split_from: vec![Locator {
            carrier: "J2".into(),
            locator: "K7QX2N".into(),
        }],
        history: vec![HistoryItem {
            when: Some(at(2026, 11, 18, 9, 0)),
            by: Some("GYDJ2WEB".into()),
            actions: vec![HistoryAction {
                action: "A".into(),
                details: vec![RawSegment {
                    tag: "SSR".into(),
                    text: "SSR+SEAT:HK:1:J2:::GYD:IST+14C::1".into(),
                }],
            }],
        }],
        history_lines: vec!["0/O/SS/J2 27 Y 21NOV GYDIST HK3".into()],
        ..Booking::default()
    };
    let mut code_share = pushed_segment("M");
    code_share.leg.carrier = Some("TK".into());
    code_share.leg.number = Some("6801".into());
    code_share.operating = Some(FlightDesignator {
        carrier: "J2".into(),
        number: "27".into(),
    });
    let mut back = pushed_segment("M");
    back.leg.carrier = Some("TK".into());
    back.leg.number = Some("6802".into());
    back.leg.origin = Some("IST".into());
    back.leg.destination = Some("GYD".into());
    back.leg.departure = Some(at(2026, 11, 28, 19, 0));
    back.leg.arrival = Some(at(2026, 11, 28, 22, 35));
    back.operating = Some(FlightDesignator {
        carrier: "J2".into(),
        number: "28".into(),
    });
    let single = Booking {
        record_locator: "TK9ABC".into(),
        travellers: vec![3],
        carrier: Some("TK".into()),
        created: Some(at(2026, 11, 1, 22, 15)),
        originator: Some(Originator {
            system: Some("TK".into()),
            location: Some("IST".into()),
            kind: Some("A".into()),
            ..Originator::default()
        }),
        payments: vec![Payment {
            method: PaymentMethod::Cash,
            amount: Some(Money {
                amount: 199.0,
                currency: None,
            }),
            card_vendor: None,
            card_number: None,
            card_expiry: None,
            payer: None,
            billing_address: None,
            traveller: Some(3),
        }],
        itinerary: vec![code_share, back],
        ..Booking::default()
    };
    m.bookings = vec![family, single];
    for b in &m.bookings {
        for &t in &b.travellers {
            m.travellers[t].booking_ref = Some(b.record_locator.clone());
        }
    }
    m
}

fn same_bookings(got: &Message, want: &Message) {
    assert_eq!(got.bookings.len(), want.bookings.len());
    for (g, w) in got.bookings.iter().zip(&want.bookings) {
        assert_eq!(g.record_locator, w.record_locator);
        assert_eq!(g.cancelled, w.cancelled, "{}", w.record_locator);
        if w.cancelled {
            continue;
        }
        assert_eq!(g.carrier, w.carrier);
        assert_eq!(g.created, w.created);
        assert_eq!(g.other_locators, w.other_locators);
        assert_eq!(g.travellers.len(), w.travellers.len());
        for (&gi, &wi) in g.travellers.iter().zip(&w.travellers) {
            let (gt, wt) = (&got.travellers[gi], &want.travellers[wi]);
            same_person(gt, wt);
            assert_eq!(gt.title, wt.title, "{}", wt.surname);
            assert_eq!(gt.passenger_type, wt.passenger_type, "{}", wt.surname);
            assert_eq!(gt.seat, wt.seat, "{}", wt.surname);
            assert_eq!(gt.frequent_flyer, wt.frequent_flyer);
            assert_eq!(gt.infant.is_some(), wt.infant.is_some(), "{}", wt.surname);
        }
        assert_eq!(g.itinerary.len(), w.itinerary.len());
        for (gs, ws) in g.itinerary.iter().zip(&w.itinerary) {
            assert_eq!(gs.leg.origin, ws.leg.origin);
            assert_eq!(gs.leg.destination, ws.leg.destination);
            assert_eq!(gs.leg.carrier, ws.leg.carrier);
            assert_eq!(gs.leg.number, ws.leg.number);
            assert_eq!(gs.leg.departure, ws.leg.departure);
            assert_eq!(gs.leg.arrival, ws.leg.arrival);
            assert_eq!(gs.booking_class, ws.booking_class);
            assert_eq!(gs.operating, ws.operating);
        }
        assert_eq!(g.tickets.len(), w.tickets.len());
        for (gt, wt) in g.tickets.iter().zip(&w.tickets) {
            assert_eq!(gt.number, wt.number);
            assert_eq!(gt.issued, wt.issued);
            assert_eq!(
                gt.total.as_ref().map(|m| m.amount),
                wt.total.as_ref().map(|m| m.amount)
            );
        }
        assert_eq!(g.payments.len(), w.payments.len());
        for (gp, wp) in g.payments.iter().zip(&w.payments) {
            assert_eq!(gp.method, wp.method);
            assert_eq!(gp.card_vendor, wp.card_vendor);
            assert_eq!(gp.card_number, wp.card_number);
            assert_eq!(gp.card_expiry, wp.card_expiry);
            assert_eq!(gp.amount, wp.amount);
            assert_eq!(gp.payer, wp.payer);
        }
    }
}

#[test]
fn pnrgov_full_push_round_trip() {
    let msg = pnr_push("13.1");
    let text = pnrgov::encode(&msg);
    assert!(text.starts_with("UNA:+.?*'"), "{text}");
    assert!(text.contains("UNB+IATA:1+J2+AZEPIU+261119:0830+4711++PNRGOV'"));
    assert!(
        text.contains("UNH+1+PNRGOV:13:1:IA+J227/211126/0830'"),
        "{text}"
    );
    assert!(
        text.contains("MSG+:22'") && text.contains("EQN+2'"),
        "{text}"
    );
    assert!(text.contains("TIF+MAMMADOV+RASHADMR:A:1'"), "{text}");
    assert!(text.contains("TIF+MAMMADOVA+AYTANMRS:A:2:1'"), "{text}");
    assert!(text.contains("TIF+O?'NEILL+SEAN DR:A:1'"), "{text}");
    assert!(
        text.contains(
            "SSR+DOCS:HK:1:J2:::::/P/AZE/C1234567/AZE/09MAR84/M/30APR30/MAMMADOV/RASHAD+::1'"
        ),
        "{text}"
    );
    assert!(text.contains("/FI/"), "infant DOCS: {text}");
    assert!(
        text.contains("TVL+211126:0830:211126:1005+GYD+IST+TK:J2+6801:M'"),
        "{text}"
    );

    let got = read_one(&text);
    assert_counts_ok(&got);
    assert_eq!(got.meta.format, Format::Pnrgov);
    assert_eq!(got.meta.version, "13.1");
    assert_eq!(got.meta.push, Some(PushType::Full));
    assert_eq!(got.meta.declared_pnrs, Some(2));
    same_flight(got.flight.as_ref().unwrap(), msg.flight.as_ref().unwrap());
    assert_eq!(got.travellers.len(), 4);
    same_bookings(&got, &msg);

    let fam = &got.bookings[0];
    assert_eq!(fam.split_from, msg.bookings[0].split_from);
    assert_eq!(fam.last_modified, msg.bookings[0].last_modified);
    assert_eq!(fam.ticketed, msg.bookings[0].ticketed);
    assert_eq!(fam.originator, msg.bookings[0].originator);
    assert_eq!(fam.history_lines, msg.bookings[0].history_lines);
    assert_eq!(fam.history.len(), 1);
    assert_eq!(fam.history[0].when, msg.bookings[0].history[0].when);
    assert_eq!(fam.history[0].by, msg.bookings[0].history[0].by);
    assert_eq!(fam.history[0].actions[0].action, "A");
    assert_eq!(
        fam.history[0].actions[0].details[0].text,
        "SSR+SEAT:HK:1:J2:::GYD:IST+14C::1"
    );
    assert!(
        fam.contacts
            .iter()
            .any(|c| c.kind == ContactKind::Phone && c.value == "+994 50 555 12 34")
    );
    assert_eq!(fam.addresses[0].city.as_deref(), Some("BAKU"));
    let father = &got.travellers[0];
    assert_eq!(father.passenger_ref.as_deref(), Some("2101A1"));
    assert_eq!(
        father.address.as_ref().unwrap().city.as_deref(),
        Some("BAKI")
    );
    assert!(
        father
            .contacts
            .iter()
            .any(|c| c.kind == ContactKind::Email && c.value == "RASHAD_M@MAIL.AZ")
    );
    let ci = &father.check_in[0];
    let want = &msg.travellers[0].check_in[0];
    assert_eq!(ci.sequence, want.sequence);
    assert_eq!(ci.seat, want.seat);
    assert_eq!(ci.cabin, want.cabin);
    assert_eq!(ci.time, want.time);
    assert_eq!(ci.bags, want.bags);
    let visa = &got.travellers[3].documents[1];
    assert_eq!(visa.kind.as_deref(), Some("V"));
    assert_eq!(visa.number.as_deref(), Some("EV0099123"));
    assert_eq!(visa.issue_date, Some(date(2026, 10, 1)));
    assert_eq!(visa.applicable_country.as_deref(), Some("AZE"));
    // The code-share segment names the pushed flight's marketing designator.
    assert!(
        got.flight
            .as_ref()
            .unwrap()
            .marketing
            .contains(&FlightDesignator {
                carrier: "TK".into(),
                number: "6801".into()
            })
    );
}

#[test]
fn pnrgov_code_share_from_14_1_uses_tra() {
    let msg = pnr_push("14.1");
    let text = pnrgov::encode(&msg);
    assert!(text.contains("UNH+1+PNRGOV:14:1:IA+"), "{text}");
    assert!(text.contains("TRA+J2+27'"), "{text}");
    let got = read_one(&text);
    assert_counts_ok(&got);
    same_bookings(&got, &msg);
}

#[test]
fn pnrgov_update_push_with_cancellation() {
    let mut msg = pnr_push("16.1");
    msg.meta.push = Some(PushType::Update);
    msg.bookings.push(Booking {
        record_locator: "ZZ1XYZ".into(),
        carrier: Some("J2".into()),
        cancelled: true,
        ..Booking::default()
    });
    let text = pnrgov::encode(&msg);
    assert!(text.contains("MSG+:141'"), "{text}");
    assert!(text.contains("SRC'\nRCI+J2:ZZ1XYZ'\nORG'\n"), "{text}");
    let got = read_one(&text);
    assert_counts_ok(&got);
    assert_eq!(got.meta.push, Some(PushType::Update));
    assert_eq!(got.meta.declared_pnrs, Some(3));
    same_bookings(&got, &msg);
    assert!(got.bookings[2].cancelled);
    assert!(got.bookings[2].travellers.is_empty());
}

#[test]
fn pnrgov_awkward_names_use_utf8() {
    let mut msg = pnr_push("15.1");
    msg.travellers[0].surname = "MƏMMƏDOV".into();
    msg.travellers[0].given_names = "RƏŞAD".into();
    msg.travellers[3].surname = "A+B:C?D'E".into();
    let text = pnrgov::encode(&msg);
    assert!(text.contains("UNB+UNOW:4+J2+"), "{text}");
    assert!(text.contains("TIF+A?+B?:C??D?'E+SEAN DR:A:1'"), "{text}");
    let got = read_one(&text);
    assert_counts_ok(&got);
    same_bookings(&got, &msg);
}
