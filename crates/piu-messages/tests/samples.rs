//! The project's own sample messages (`samples/`, described in its README): each
//! file is read and the facts it was written to show are checked, down to names,
//! dates, documents, bookings and the warnings a person must see.

use std::path::PathBuf;

use piu_messages::{ReadOptions, Reading, assemble, read};
use piu_model::{
    BagTag, Contact, ContactKind, Date, Flight, FlightDesignator, Format, Gender, LocalDateTime,
    Locator, ManifestChange, ManifestKind, Message, Note, Parts, PassengerType, PaymentMethod,
    PushType, Role, TransportMode, TravelDocument, Traveller, Vessel,
};

// ---------------------------------------------------------------------------
// Helpers
// ---------------------------------------------------------------------------

fn samples_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../samples")
}

fn bytes(file: &str) -> Vec<u8> {
    std::fs::read(samples_dir().join(file)).unwrap_or_else(|e| panic!("{file}: {e}"))
}

fn reading(file: &str) -> Reading {
    read(&bytes(file), &ReadOptions::default())
}

/// The messages of a file that must read without errors.
fn messages(file: &str) -> Vec<Message> {
    let r = reading(file);
    assert!(r.errors.is_empty(), "{file}: {:?}", r.errors);
    r.messages
}

/// The only message of a file that must read without errors.
fn one(file: &str) -> Message {
    let mut m = messages(file);
    assert_eq!(m.len(), 1, "{file}: one message expected");
    m.remove(0)
}

fn date(y: i32, m: u8, d: u8) -> Date {
    Date::from_calendar_date(y, time::Month::try_from(m).unwrap(), d).unwrap()
}

fn at(s: &str) -> LocalDateTime {
    s.parse().unwrap()
}

fn flight(m: &Message) -> &Flight {
    m.flight.as_ref().expect("the message names a flight")
}

/// Checks the flight: carrier, number, origin, destination, departure.
fn assert_flight(m: &Message, carrier: &str, number: &str, from: &str, to: &str, dep: &str) {
    let f = flight(m);
    assert_eq!(f.carrier, carrier, "carrier");
    assert_eq!(f.number, number, "flight number");
    assert_eq!(f.origin.as_deref(), Some(from), "origin");
    assert_eq!(f.destination.as_deref(), Some(to), "destination");
    assert_eq!(f.departure, Some(at(dep)), "departure");
}

/// The index of the only traveller with this surname and given names.
fn index(m: &Message, surname: &str, given: &str) -> usize {
    let found: Vec<usize> = (0..m.travellers.len())
        .filter(|&i| m.travellers[i].surname == surname && m.travellers[i].given_names == given)
        .collect();
    assert_eq!(
        found.len(),
        1,
        "one traveller {surname}/{given} expected among {:?}",
        m.travellers
            .iter()
            .map(|t| format!("{}/{}", t.surname, t.given_names))
            .collect::<Vec<_>>()
    );
    found[0]
}

fn person<'a>(m: &'a Message, surname: &str, given: &str) -> &'a Traveller {
    &m.travellers[index(m, surname, given)]
}

fn names(m: &Message) -> Vec<String> {
    m.travellers
        .iter()
        .map(|t| format!("{}/{}", t.surname, t.given_names))
        .collect()
}

fn assert_doc(
    d: &TravelDocument,
    kind: &str,
    number: &str,
    issuer: Option<&str>,
    expiry: Option<Date>,
) {
    assert_eq!(d.kind.as_deref(), Some(kind), "document type of {d:?}");
    assert_eq!(
        d.number.as_deref(),
        Some(number),
        "document number of {d:?}"
    );
    assert_eq!(d.issuing_country.as_deref(), issuer, "issuer of {d:?}");
    assert_eq!(d.expiry, expiry, "expiry of {d:?}");
}

/// The warnings whose text holds every one of `words`.
fn warnings_with<'a>(m: &'a Message, words: &[&str]) -> Vec<&'a Note> {
    m.meta
        .warnings
        .iter()
        .filter(|n| words.iter().all(|w| n.message.contains(w)))
        .collect()
}

fn assert_warned(m: &Message, words: &[&str]) {
    assert!(
        !warnings_with(m, words).is_empty(),
        "a warning with {words:?} expected, got {:#?}",
        m.meta.warnings
    );
}

/// Byte offset of the only occurrence of `needle` in `hay`.
fn find(hay: &[u8], needle: &[u8]) -> usize {
    let hits: Vec<usize> = hay
        .windows(needle.len())
        .enumerate()
        .filter(|(_, w)| *w == needle)
        .map(|(i, _)| i)
        .collect();
    assert_eq!(
        hits.len(),
        1,
        "{:?} must occur once in the sample",
        String::from_utf8_lossy(needle)
    );
    hits[0]
}

fn designator(carrier: &str, number: &str) -> FlightDesignator {
    FlightDesignator {
        carrier: carrier.into(),
        number: number.into(),
    }
}

fn locator(carrier: &str, locator: &str) -> Locator {
    Locator {
        carrier: carrier.into(),
        locator: locator.into(),
    }
}

fn sample_files(dir: &str) -> Vec<String> {
    let mut files: Vec<String> = std::fs::read_dir(samples_dir().join(dir))
        .unwrap_or_else(|e| panic!("samples/{dir}: {e}"))
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".edi") && !n.starts_with("pnrgov-xml-"))
        .collect();
    files.sort();
    files
}

// ---------------------------------------------------------------------------
// Every sample
// ---------------------------------------------------------------------------

#[test]
fn every_paxlst_and_pnrgov_sample_reads_without_errors() {
    for (dir, format, at_least) in [
        ("paxlst", Format::Paxlst, 22),
        ("pnrgov", Format::Pnrgov, 11),
    ] {
        let files = sample_files(dir);
        assert!(
            files.len() >= at_least,
            "samples/{dir} holds {} files",
            files.len()
        );
        for f in files {
            let file = format!("{dir}/{f}");
            let r = reading(&file);
            assert!(r.errors.is_empty(), "{file}: {:?}", r.errors);
            assert!(!r.messages.is_empty(), "{file}: no message read");
            for m in &r.messages {
                assert_eq!(m.meta.format, format, "{file}");
                assert!(m.flight.is_some(), "{file}: no flight");
            }
        }
    }
}

#[test]
fn every_broken_sample_fails_with_a_located_error() {
    let files = sample_files("broken");
    assert!(
        files.len() >= 6,
        "samples/broken holds {} files",
        files.len()
    );
    for f in files {
        let r = reading(&format!("broken/{f}"));
        assert_eq!(r.errors.len(), 1, "broken/{f}: {:?}", r.errors);
        let e = &r.errors[0];
        assert!(
            e.to_string()
                .starts_with(&format!("error at byte {}", e.location.offset)),
            "{e}"
        );
    }
}

#[test]
fn the_readme_describes_every_sample() {
    let readme = String::from_utf8(bytes("README.md")).unwrap();
    for dir in ["paxlst", "pnrgov", "pnrgov-xml", "broken"] {
        let xml = std::fs::read_dir(samples_dir().join(dir))
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .filter(|n| n.ends_with(".xml"));
        for f in sample_files(dir).into_iter().chain(xml) {
            // The three parts of a series share one row: `…part2of3.edi`.
            let shown = match f.rsplit_once('-') {
                Some((_, p @ ("part2of3.edi" | "part3of3.edi"))) => format!("`…{p}`"),
                _ => format!("`{f}`"),
            };
            assert!(
                readme.contains(&shown),
                "samples/README.md does not list {dir}/{f}"
            );
        }
    }
}

// ---------------------------------------------------------------------------
// PAXLST: versions, document kinds, persons
// ---------------------------------------------------------------------------

#[test]
fn d02b_passenger_list_with_every_person_detail() {
    let m = one("paxlst/d02b-passengers-ist-gyd-full-detail.edi");
    assert_eq!(m.meta.format, Format::Paxlst);
    assert_eq!(m.meta.version, "D02B");
    assert_eq!(m.meta.message_ref, "TK0334A");
    assert_eq!(m.meta.manifest, Some(ManifestKind::Passengers));
    assert_eq!(m.meta.change, None);
    assert_eq!(m.meta.charset.as_deref(), Some("ASCII"));
    assert_eq!(m.meta.sender.as_deref(), Some("TKAPIS"));
    assert_eq!(m.meta.transaction_ref.as_deref(), Some("TK3342011250001"));
    assert_eq!(
        m.meta.common_access_ref.as_deref(),
        Some("TK0334/201125/0845")
    );
    assert_eq!(m.meta.parts, None, "01:F is a single message");
    assert_eq!(m.meta.declared_persons, Some(5));
    assert!(m.meta.warnings.is_empty(), "{:#?}", m.meta.warnings);
    assert_flight(&m, "TK", "334", "IST", "GYD", "2025-11-20T08:45");
    assert_eq!(flight(&m).arrival, Some(at("2025-11-20T12:40")));
    assert_eq!(flight(&m).transport_mode, TransportMode::Air);
    assert_eq!(m.travellers.len(), 5);
    assert!(m.bookings.is_empty());

    let a = person(&m, "ALIYEV", "RASHAD ILHAM OGLU");
    assert_eq!(a.role, Role::Passenger);
    assert_eq!(a.gender, Some(Gender::M));
    assert_eq!(a.date_of_birth, Some(date(1985, 2, 14)));
    assert_eq!(a.nationality.as_deref(), Some("AZE"));
    let address = a.address.as_ref().expect("NAD address");
    assert_eq!(address.street.as_deref(), Some("NIZAMI STREET 96 APT 14"));
    assert_eq!(address.city.as_deref(), Some("BAKU"));
    assert_eq!(address.postcode.as_deref(), Some("AZ1005"));
    assert_eq!(address.country.as_deref(), Some("AZE"));
    assert_eq!(a.clearance_place.as_deref(), Some("GYD"));
    assert_eq!(a.residence_country.as_deref(), Some("AZE"));
    assert_eq!(a.embarkation.as_deref(), Some("IST"));
    assert_eq!(a.disembarkation.as_deref(), Some("GYD"));
    assert_eq!(a.birth_place.as_deref(), Some("GANJA, AZE"));
    assert_eq!(a.booking_ref.as_deref(), Some("5XK2PQ"));
    assert_eq!(a.passenger_ref.as_deref(), Some("2351209001"));
    assert_eq!(a.seat.as_deref(), Some("14C"));
    assert_eq!(a.ticket.as_deref(), Some("2352401234567"));
    assert_eq!(a.verified, Some(true));
    let bags = a.bags.as_ref().expect("MEA and FTX BAG");
    assert_eq!(bags.count, Some(2));
    assert_eq!(bags.weight, Some(37.0));
    assert_eq!(bags.weight_unit.as_deref(), Some("KGM"));
    assert_eq!(
        bags.tags,
        vec![BagTag {
            first: "0235418890".into(),
            count: 2,
            carrier: None,
            destination: None,
        }]
    );
    assert_eq!(
        a.contacts,
        vec![Contact {
            kind: ContactKind::Phone,
            value: "+994501234567".into(),
            source: "COM".into(),
        }]
    );
    assert_eq!(a.documents.len(), 1);
    assert_doc(
        &a.documents[0],
        "P",
        "C01234567",
        Some("AZE"),
        Some(date(2031, 8, 19)),
    );
    assert_eq!(a.documents[0].issue_date, Some(date(2021, 8, 20)));

    // Passport and visa, each with its own dates and issuing state.
    let h = person(&m, "HOSSEINI", "SEYED MOHAMMAD");
    assert_eq!(h.verified, Some(false));
    assert_eq!(h.nationality.as_deref(), Some("IRN"));
    assert_eq!(h.documents.len(), 2);
    assert_doc(
        &h.documents[0],
        "P",
        "Z41873306",
        Some("IRN"),
        Some(date(2029, 5, 11)),
    );
    assert_doc(
        &h.documents[1],
        "V",
        "AZ2511004821",
        Some("AZE"),
        Some(date(2025, 12, 4)),
    );
    assert_eq!(h.documents[1].issue_date, Some(date(2025, 11, 5)));

    // Two-digit birth years on both sides of the travel date (20.11.2025).
    let infant = person(&m, "YILMAZ", "DENIZ");
    assert_eq!(infant.date_of_birth, Some(date(2025, 9, 30)));
    assert_eq!(infant.booking_ref.as_deref(), Some("8MBD4K"));
    let mother = person(&m, "YILMAZ", "ZEYNEP");
    assert_eq!(mother.date_of_birth, Some(date(1992, 6, 11)));
    let elderly = person(&m, "PETROVA", "VALENTINA NIKOLAEVNA");
    assert_eq!(elderly.date_of_birth, Some(date(1927, 1, 3)));
    assert_eq!(elderly.gender, Some(Gender::F));
    assert_doc(
        &elderly.documents[0],
        "P",
        "752184396",
        Some("RUS"),
        Some(date(2027, 9, 18)),
    );
}

#[test]
fn d03b_crew_list_with_crew_in_transit() {
    let m = one("paxlst/d03b-crew-list-gyd-svo.edi");
    assert_eq!(m.meta.version, "D03B");
    assert_eq!(m.meta.manifest, Some(ManifestKind::Crew));
    assert_eq!(m.meta.parts, None);
    assert_eq!(
        m.meta.common_access_ref.as_deref(),
        Some("J20183/211125/0710")
    );
    assert_eq!(m.meta.declared_persons, Some(3));
    assert!(m.meta.warnings.is_empty(), "{:#?}", m.meta.warnings);
    assert_flight(&m, "J2", "183", "GYD", "SVO", "2025-11-21T07:10");
    let roles: Vec<(Role, Option<&str>)> = m
        .travellers
        .iter()
        .map(|t| (t.role, t.crew_function.as_deref()))
        .collect();
    assert_eq!(
        roles,
        vec![
            (Role::Crew, Some("CR1")),
            (Role::Crew, Some("CR2")),
            (Role::TransitCrew, Some("CR5")),
        ]
    );
    let v = person(&m, "VOLKOV", "DMITRY SERGEEVICH");
    assert_eq!(v.date_of_birth, Some(date(1988, 5, 14)));
    assert_doc(
        &v.documents[0],
        "P",
        "721045583",
        Some("RUS"),
        Some(date(2029, 6, 30)),
    );
}

#[test]
fn d05b_progressive_flight_has_both_legs() {
    let m = one("paxlst/d05b-progressive-flight-ist-gyd-naj.edi");
    assert_eq!(m.meta.version, "D05B");
    assert_eq!(m.meta.transaction_ref.as_deref(), Some("J2072201125"));
    // The flight is summarised by the leg that crosses the border (LOC 125 → 87).
    assert_flight(&m, "J2", "72", "IST", "GYD", "2025-11-20T19:35");
    let f = flight(&m);
    assert_eq!(f.arrival, Some(at("2025-11-20T23:10")));
    assert_eq!(f.journey_id.as_deref(), Some("J20072"));
    assert_eq!(f.final_destination.as_deref(), Some("NAJ"));
    assert_eq!(f.legs.len(), 2);
    let legs: Vec<_> = f
        .legs
        .iter()
        .map(|l| {
            (
                l.origin.as_deref(),
                l.destination.as_deref(),
                l.departure,
                l.arrival,
                l.border_crossing,
            )
        })
        .collect();
    assert_eq!(
        legs,
        vec![
            (
                Some("IST"),
                Some("GYD"),
                Some(at("2025-11-20T19:35")),
                Some(at("2025-11-20T23:10")),
                true
            ),
            (
                Some("GYD"),
                Some("NAJ"),
                Some(at("2025-11-21T00:30")),
                Some(at("2025-11-21T01:40")),
                false
            ),
        ]
    );
    assert_eq!(f.legs[1].carrier.as_deref(), Some("J2"));
    assert_eq!(f.legs[1].number.as_deref(), Some("72"));
    assert_eq!(m.travellers.len(), 3);
    assert_eq!(
        person(&m, "KARIMOVA", "SEVINJ").role,
        Role::TransitPassenger
    );
    let b = person(&m, "BABAYEV", "ELNUR");
    assert_eq!(b.role, Role::Passenger);
    assert_eq!(b.disembarkation.as_deref(), Some("NAJ"));
    let s = person(&m, "SCHNEIDER", "KLAUS PETER");
    assert_eq!(s.date_of_birth, Some(date(1966, 9, 30)));
    assert_doc(
        &s.documents[0],
        "P",
        "C7TKL21M9",
        Some("D"),
        Some(date(2028, 4, 12)),
    );
}

#[test]
fn d12b_change_codes_cp_xr_rp() {
    let m = messages("paxlst/d12b-changes-cp-xr-rp.edi");
    let seen: Vec<_> = m
        .iter()
        .map(|m| {
            (
                m.meta.version.as_str(),
                m.meta.message_ref.as_str(),
                m.meta.manifest.clone(),
                m.meta.change.clone(),
                names(m),
            )
        })
        .collect();
    assert_eq!(
        seen,
        vec![
            (
                "D12B",
                "C1",
                Some(ManifestKind::Passengers),
                Some(ManifestChange::ChangePassengerData),
                vec!["KAYA/EMRE".to_string()]
            ),
            (
                "D12B",
                "C2",
                Some(ManifestKind::Passengers),
                Some(ManifestChange::CancelReservation),
                vec!["QULIYEV/VUSAL".to_string()]
            ),
            (
                "D12B",
                "C3",
                Some(ManifestKind::Passengers),
                Some(ManifestChange::ReductionInParty),
                vec!["SAHIN/ELIF".to_string()]
            ),
        ]
    );
    for msg in &m {
        assert_flight(msg, "TK", "337", "GYD", "IST", "2025-11-21T13:30");
        assert_eq!(msg.meta.interchange_ref.as_deref(), Some("TK25112137"));
        assert!(!msg.status_only);
        assert!(msg.meta.warnings.is_empty(), "{:#?}", msg.meta.warnings);
    }
    assert_eq!(m[1].travellers[0].date_of_birth, Some(date(2001, 9, 4)));
    assert_eq!(m[2].travellers[0].date_of_birth, Some(date(2018, 2, 11)));
}

#[test]
fn d15b_flight_status_updates() {
    let m = messages("paxlst/d15b-flight-status-266.edi");
    let seen: Vec<_> = m
        .iter()
        .map(|m| {
            (
                m.meta.change.clone(),
                m.status_only,
                names(m),
                flight(m).departure,
            )
        })
        .collect();
    assert_eq!(
        seen,
        vec![
            (
                Some(ManifestChange::FlightClose),
                true,
                vec![],
                Some(at("2025-11-21T10:05"))
            ),
            (
                Some(ManifestChange::CloseNotBoarded),
                false,
                vec!["ORLOV/SERGEI".to_string()],
                Some(at("2025-11-21T10:05"))
            ),
            (
                Some(ManifestChange::CloseOnBoard),
                false,
                vec!["RUSTAMOV/FARID".to_string(), "VASILYEVA/IRINA".to_string()],
                Some(at("2025-11-21T10:05"))
            ),
            (
                Some(ManifestChange::CancelFlight),
                true,
                vec![],
                Some(at("2025-11-22T10:05"))
            ),
            (
                Some(ManifestChange::ChangeFlight),
                true,
                vec![],
                Some(at("2025-11-23T12:40"))
            ),
        ]
    );
    for msg in &m {
        assert_eq!(msg.meta.version, "D15B");
        assert_eq!(msg.meta.manifest, Some(ManifestKind::FlightStatus));
        assert_eq!(flight(msg).carrier, "SU");
        assert_eq!(flight(msg).number, "1852");
    }
    assert_eq!(flight(&m[4]).arrival, Some(at("2025-11-23T16:50")));
    let orlov = &m[1].travellers[0];
    assert_eq!(orlov.booking_ref.as_deref(), Some("ZK4TR8"));
    assert_eq!(orlov.passenger_ref.as_deref(), Some("5552840117"));
    assert_eq!(
        m[2].travellers[1].passenger_ref.as_deref(),
        Some("5552840121")
    );
}

#[test]
fn d02b_master_crew_list() {
    let m = one("paxlst/d02b-master-crew-list-336.edi");
    assert_eq!(m.meta.version, "D02B");
    assert_eq!(m.meta.manifest, Some(ManifestKind::MasterCrewList));
    assert_eq!(m.meta.change, Some(ManifestChange::Other("G".into())));
    assert_eq!(m.meta.declared_persons, Some(2));
    let f = flight(&m);
    assert_eq!(f.carrier, "J2");
    assert!(f.number.is_empty(), "a crew list names no flight: {f:?}");
    assert!(m.travellers.iter().all(|t| t.role == Role::Crew));
    let pilot = person(&m, "MUSAYEV", "ANAR RAFIG");
    assert_eq!(pilot.crew_function.as_deref(), Some("CR1"));
    assert_eq!(pilot.residence_country.as_deref(), Some("AZE"));
    assert_eq!(pilot.documents.len(), 2);
    assert_doc(
        &pilot.documents[0],
        "P",
        "C07812345",
        Some("AZE"),
        Some(date(2029, 4, 7)),
    );
    assert_doc(
        &pilot.documents[1],
        "L",
        "AZ-ATPL-0418",
        Some("AZE"),
        Some(date(2027, 1, 31)),
    );
    assert_eq!(
        person(&m, "HAJIYEVA", "LALA").crew_function.as_deref(),
        Some("CR2")
    );
}

#[test]
fn d05b_caspian_ferry() {
    let m = one("paxlst/d05b-ferry-baku-aktau.edi");
    assert_flight(&m, "ASCO", "VOY2511", "AZBAK", "KZAKT", "2025-11-19T22:00");
    let f = flight(&m);
    assert_eq!(f.transport_mode, TransportMode::Sea);
    assert_eq!(f.arrival, Some(at("2025-11-20T18:00")));
    assert_eq!(
        f.vessel,
        Some(Vessel {
            imo: Some("9314569".into()),
            name: Some("KAPAZ STAR".into()),
        })
    );
    assert_eq!(
        names(&m),
        vec!["NURLANOV/YERLAN", "ABDULLAYEV/ZAUR", "TOKTAROVA/AIGERIM"]
    );
    let n = person(&m, "NURLANOV", "YERLAN");
    assert_eq!(n.embarkation.as_deref(), Some("AZBAK"));
    assert_eq!(n.disembarkation.as_deref(), Some("KZAKT"));
    assert_eq!(n.nationality.as_deref(), Some("KAZ"));
}

// ---------------------------------------------------------------------------
// PAXLST: multi-part series and counts
// ---------------------------------------------------------------------------

const LH_SERIES: [&str; 3] = [
    "paxlst/d05b-series-lh1446-part1of3.edi",
    "paxlst/d05b-series-lh1446-part2of3.edi",
    "paxlst/d05b-series-lh1446-part3of3.edi",
];

#[test]
fn series_parts_are_marked() {
    let parts: Vec<Message> = LH_SERIES.iter().map(|f| one(f)).collect();
    let marks: Vec<_> = parts
        .iter()
        .map(|m| {
            let p = m.meta.parts.as_ref().expect("a part of a series");
            (p.received.clone(), p.last)
        })
        .collect();
    assert_eq!(
        marks,
        vec![(vec![1], None), (vec![2], None), (vec![3], Some(3))]
    );
    for m in &parts {
        assert_eq!(
            m.meta.common_access_ref.as_deref(),
            Some("LH1446/201125/2205")
        );
        assert_eq!(m.travellers.len(), 2);
        // Each part declares the whole flight: no mismatch within one part.
        assert!(
            warnings_with(m, &["CNT"]).is_empty(),
            "{:#?}",
            m.meta.warnings
        );
    }
}

#[test]
fn series_in_three_files_assembles_in_any_order() {
    for order in [[0, 1, 2], [2, 0, 1]] {
        let parts: Vec<Message> = order.iter().map(|&i| one(LH_SERIES[i])).collect();
        let mut out = assemble(parts);
        assert_eq!(out.len(), 1, "order {order:?}");
        let m = out.remove(0);
        assert_eq!(
            m.meta.parts,
            Some(Parts {
                received: vec![1, 2, 3],
                last: Some(3),
                complete: true,
            })
        );
        assert_eq!(
            names(&m),
            vec![
                "SCHMIDT/THOMAS",
                "WAGNER/JULIA",
                "DUBOIS/CAMILLE",
                "ROSSI/MARCO",
                "KOWALSKI/PIOTR",
                "NOVAK/JANA",
            ]
        );
        assert_eq!(m.meta.declared_persons, Some(6));
        assert!(m.meta.warnings.is_empty(), "{:#?}", m.meta.warnings);
        assert_flight(&m, "LH", "1446", "FRA", "GYD", "2025-11-20T22:05");
        assert_eq!(
            person(&m, "NOVAK", "JANA").date_of_birth,
            Some(date(2002, 5, 30))
        );
    }
}

#[test]
fn series_with_a_missing_middle_part() {
    let parts = messages("paxlst/d05b-series-qr253-missing-part2.edi");
    assert_eq!(parts.len(), 2);
    let mut out = assemble(parts);
    assert_eq!(out.len(), 1);
    let m = out.remove(0);
    assert_eq!(
        m.meta.parts,
        Some(Parts {
            received: vec![1, 3],
            last: Some(3),
            complete: false,
        })
    );
    assert_eq!(
        names(&m),
        vec![
            "AL THANI/HAMAD BIN KHALIFA",
            "SHARMA/PRIYA",
            "EL-SAYED/OMAR",
            "NAZARI/MINA",
        ]
    );
    assert_warned(&m, &["2 of 3", "missing"]);
    assert_warned(&m, &["CNT", "6", "4"]);
    assert_eq!(
        person(&m, "NAZARI", "MINA").date_of_birth,
        Some(date(2000, 1, 17))
    );
}

#[test]
fn control_count_mismatches_are_warnings() {
    let file = "paxlst/d05b-counts-mismatch.edi";
    let b = bytes(file);
    let m = messages(file);
    assert_eq!(m.len(), 2);
    assert_eq!(
        names(&m[0]),
        vec!["AL HASHIMI/YOUSEF", "MAHMOUD/LAYLA", "KHAN/IMRAN"]
    );
    assert_eq!(names(&m[1]), vec!["PEREIRA/RICARDO", "OKONKWO/ADAEZE"]);
    let located = |m: &Message, tag: &str, words: &[&str], needle: &[u8]| {
        let found = warnings_with(m, words);
        assert!(
            found
                .iter()
                .any(|n| n.tag.as_deref() == Some(tag) && n.offset == Some(find(&b, needle))),
            "a {tag} warning with {words:?} at {:?} expected, got {:#?}",
            String::from_utf8_lossy(needle),
            m.meta.warnings
        );
    };
    located(&m[0], "UNT", &["99", "31"], b"UNT+99");
    located(&m[0], "CNT", &["4", "3"], b"CNT+42:4");
    located(&m[1], "CNT", &["3", "2"], b"CNT+41:3");
    for msg in &m {
        located(msg, "UNE", &["3", "2"], b"UNE+3");
        located(msg, "UNZ", &["3", "1"], b"UNZ+3");
    }
    assert_eq!(m[0].meta.declared_persons, Some(4));
    assert_eq!(m[1].meta.declared_persons, Some(3));
    assert!(warnings_with(&m[1], &["UNT"]).is_empty());
}

#[test]
fn two_functional_groups() {
    let m = messages("paxlst/d05b-two-groups-passengers-and-crew.edi");
    assert_eq!(m.len(), 2);
    assert_eq!(m[0].meta.manifest, Some(ManifestKind::Passengers));
    assert_eq!(names(&m[0]), vec!["AL FARSI/SARA", "JAFAROV/ILKIN"]);
    assert_eq!(m[1].meta.manifest, Some(ManifestKind::Crew));
    assert_eq!(names(&m[1]), vec!["NOVAK/MILAN"]);
    assert_eq!(m[1].travellers[0].crew_function.as_deref(), Some("CR1"));
    for msg in &m {
        assert_eq!(msg.meta.version, "D05B");
        assert_flight(msg, "FZ", "713", "DXB", "GYD", "2025-11-20T14:55");
        assert!(msg.meta.warnings.is_empty(), "{:#?}", msg.meta.warnings);
    }
}

// ---------------------------------------------------------------------------
// EDIFACT syntax
// ---------------------------------------------------------------------------

#[test]
fn type_b_envelope_and_line_breaks() {
    let file = "paxlst/d05b-typeb-envelope-crlf.edi";
    let b = bytes(file);
    assert_eq!(b[0], 0x01, "the sample starts with SOH");
    let m = one(file);
    let before = warnings_with(&m, &["skipped", "QU BAKAPXH ISTAPXH", ".HDQRMJ2 211530"]);
    assert_eq!(before.len(), 1, "{:#?}", m.meta.warnings);
    assert_eq!(before[0].offset, Some(1));
    let after = warnings_with(&m, &["END OF MESSAGE J2041/21NOV"]);
    assert_eq!(after.len(), 1, "{:#?}", m.meta.warnings);
    assert_eq!(after[0].offset, Some(find(&b, b"END OF MESSAGE")));
    assert_eq!(m.meta.warnings.len(), 2, "{:#?}", m.meta.warnings);
    assert_flight(&m, "J2", "41", "NAJ", "IST", "2025-11-21T17:00");
    assert_eq!(
        m.meta.sender_contact.as_deref(),
        Some("AZAL API NAKHCHIVAN")
    );
    assert_eq!(names(&m), vec!["MAMMADLI/TOGRUL", "ALIZADA/GULNAR"]);
    let t = person(&m, "MAMMADLI", "TOGRUL");
    assert_eq!(t.gender, Some(Gender::M));
    assert_eq!(t.date_of_birth, Some(date(1995, 8, 8)));
    assert_eq!(
        person(&m, "ALIZADA", "GULNAR").date_of_birth,
        Some(date(2001, 3, 2))
    );
}

#[test]
fn una_with_star_and_dollar() {
    let m = one("paxlst/una-star-dollar.edi");
    assert!(m.meta.warnings.is_empty(), "{:#?}", m.meta.warnings);
    assert_flight(&m, "FZ", "714", "GYD", "DXB", "2025-11-21T20:10");
    assert_eq!(names(&m), vec!["HASHEMI/NEDA", "RZAYEV/KAMRAN"]);
    let h = person(&m, "HASHEMI", "NEDA");
    let a = h.address.as_ref().expect("address");
    assert_eq!(a.street.as_deref(), Some("VALIASR AVENUE 1204 UNIT 7"));
    assert_eq!(a.city.as_deref(), Some("TEHRAN"));
    assert_eq!(a.postcode.as_deref(), Some("1517943111"));
    assert_eq!(h.date_of_birth, Some(date(1988, 6, 19)));
    assert_doc(
        &h.documents[0],
        "P",
        "X58201946",
        Some("IRN"),
        Some(date(2029, 3, 1)),
    );
    assert_eq!(
        person(&m, "RZAYEV", "KAMRAN").booking_ref.as_deref(),
        Some("K8R7PA")
    );
}

#[test]
fn five_character_una_is_recovered_with_a_warning() {
    let m = one("paxlst/una-five-characters.edi");
    let w = warnings_with(&m, &["five service characters"]);
    assert_eq!(w.len(), 1, "{:#?}", m.meta.warnings);
    assert_eq!(w[0].offset, Some(0));
    assert_flight(&m, "SU", "1853", "GYD", "SVO", "2025-11-21T15:45");
    assert_eq!(names(&m), vec!["SOKOLOV/ANDREI", "HASANLI/AYTAN"]);
    assert_eq!(
        person(&m, "SOKOLOV", "ANDREI").date_of_birth,
        Some(date(1969, 3, 4))
    );
}

#[test]
fn typographic_apostrophe_as_terminator() {
    let file = "paxlst/una-typographic-apostrophe.edi";
    let text = String::from_utf8(bytes(file)).unwrap();
    assert!(text.starts_with("UNA:+.? \u{2019}"));
    assert!(text.contains("UNZ+1+LH1449T1\u{2019}"));
    let m = one(file);
    assert_warned(&m, &["typographic apostrophe"]);
    assert_flight(&m, "LH", "1449", "GYD", "MUC", "2025-11-21T09:15");
    assert_eq!(names(&m), vec!["D'ARCY/SIOBHAN", "HUSEYNLI/ORXAN"]);
    let d = person(&m, "D'ARCY", "SIOBHAN");
    assert_eq!(d.date_of_birth, Some(date(1990, 2, 17)));
    assert_doc(
        &d.documents[0],
        "P",
        "PC5518204",
        Some("IRL"),
        Some(date(2031, 4, 6)),
    );
    assert_eq!(m.meta.declared_persons, Some(2));
    assert!(warnings_with(&m, &["CNT"]).is_empty());
}

#[test]
fn released_service_characters_in_names_and_addresses() {
    let m = one("paxlst/release-character.edi");
    assert!(m.meta.warnings.is_empty(), "{:#?}", m.meta.warnings);
    assert_eq!(
        names(&m),
        vec!["O'NEIL/MARY KATHLEEN", "D'ARCY/PATRICK", "GON?ALVES/JOAO"]
    );
    let o = person(&m, "O'NEIL", "MARY KATHLEEN");
    assert_eq!(o.name_as_sent, "O'NEIL:MARY:KATHLEEN");
    let a = o.address.as_ref().expect("address");
    assert_eq!(a.street.as_deref(), Some("UNIT 4+5 MARINA WALK"));
    assert_eq!(a.city.as_deref(), Some("DUBLIN"));
    assert_eq!(a.postcode.as_deref(), Some("D02 X285"));
    assert_eq!(o.contacts[0].value, "+353871234567");
    let d = person(&m, "D'ARCY", "PATRICK");
    assert_eq!(
        d.address.as_ref().and_then(|a| a.street.as_deref()),
        Some("BLOCK 3:FLAT 12 WEST BAY")
    );
    assert_eq!(d.booking_ref.as_deref(), Some("R4V8TT"));
    assert!(
        m.meta
            .sender_contact
            .as_deref()
            .is_some_and(|c| c.contains("+974 4022 0000")),
        "{:?}",
        m.meta.sender_contact
    );
}

#[test]
fn syntax_4_repetition_separator() {
    let m = one("paxlst/syntax4-repetition.edi");
    assert_eq!(m.meta.charset.as_deref(), Some("ISO 8859-1"));
    assert_flight(&m, "TK", "338", "GYD", "IST", "2025-11-21T19:10");
    let k = person(&m, "KAZIMOVA", "LEYLA");
    assert_eq!(k.booking_ref.as_deref(), Some("TZ5KD3"));
    assert_eq!(k.contacts[0].kind, ContactKind::Phone);
    assert_eq!(k.contacts[0].value, "+994555550123");
}

#[test]
fn syntax_4_repeated_com_element_gives_every_contact() {
    let m = one("paxlst/syntax4-repetition.edi");
    let k = person(&m, "KAZIMOVA", "LEYLA");
    assert_eq!(
        k.contacts,
        vec![
            Contact {
                kind: ContactKind::Phone,
                value: "+994555550123".into(),
                source: "COM".into(),
            },
            Contact {
                kind: ContactKind::Email,
                value: "LEYLA.KAZIMOVA@MAIL.EXAMPLE".into(),
                source: "COM".into(),
            },
        ]
    );
}

#[test]
fn unoa_is_ascii() {
    let file = "paxlst/d03b-crew-list-gyd-svo.edi";
    assert!(bytes(file).is_ascii());
    assert_eq!(one(file).meta.charset.as_deref(), Some("ASCII"));
}

#[test]
fn unoc_latin1_names() {
    let file = "paxlst/unoc-latin1-names.edi";
    let b = bytes(file);
    assert!(std::str::from_utf8(&b).is_err(), "the sample is ISO 8859-1");
    assert!(b.windows(6).any(|w| w == b"M\xDCLLER"));
    let m = one(file);
    assert_eq!(m.meta.charset.as_deref(), Some("ISO 8859-1"));
    assert!(m.meta.warnings.is_empty(), "{:#?}", m.meta.warnings);
    assert_eq!(
        names(&m),
        vec![
            "MÜLLER/JÜRGEN",
            "GONÇALVES/JOÃO PEDRO",
            "SØRENSEN/MIA",
            "NÚÑEZ/ISABEL",
        ]
    );
    assert_eq!(person(&m, "MÜLLER", "JÜRGEN").name_as_sent, "MÜLLER:JÜRGEN");
    assert_flight(&m, "LH", "1448", "MUC", "GYD", "2025-11-21T10:10");
}

#[test]
fn unoe_cyrillic_names() {
    let file = "paxlst/unoe-cyrillic-names.edi";
    let b = bytes(file);
    assert!(std::str::from_utf8(&b).is_err(), "the sample is ISO 8859-5");
    // МАМЕДОВ in ISO 8859-5.
    assert!(b.windows(7).any(|w| w == b"\xBC\xB0\xBC\xB5\xB4\xBE\xB2"));
    let m = one(file);
    assert_eq!(m.meta.charset.as_deref(), Some("ISO 8859-5"));
    assert!(m.meta.warnings.is_empty(), "{:#?}", m.meta.warnings);
    assert_eq!(
        names(&m),
        vec!["МАМЕДОВ/ТИМУР", "ИВАНОВА/ЕЛЕНА", "КУЗНЕЦОВ/АЛЕКСАНДР"]
    );
    let k = person(&m, "КУЗНЕЦОВ", "АЛЕКСАНДР");
    assert_eq!(k.date_of_birth, Some(date(1958, 7, 11)));
    assert_doc(
        &k.documents[0],
        "P",
        "753882106",
        Some("RUS"),
        Some(date(2027, 5, 5)),
    );
}

#[test]
fn unow_utf8_azerbaijani_names() {
    let m = one("paxlst/unow-utf8-azerbaijani-names.edi");
    assert_eq!(m.meta.charset.as_deref(), Some("UTF-8"));
    assert!(m.meta.warnings.is_empty(), "{:#?}", m.meta.warnings);
    assert_eq!(
        names(&m),
        vec!["MƏMMƏDOV/ELŞƏN", "ƏLİYEVA/GÜNAY", "ŞİRİNOV/ÇİNGİZ"]
    );
    assert_flight(&m, "J2", "45", "GNJ", "IST", "2025-11-21T13:40");
    assert_eq!(
        person(&m, "ƏLİYEVA", "GÜNAY").date_of_birth,
        Some(date(2000, 4, 15))
    );
}

// ---------------------------------------------------------------------------
// PNRGOV
// ---------------------------------------------------------------------------

#[test]
fn pnrgov_10_1_full_push() {
    let m = one("pnrgov/v10-1-full-push-dxb-gyd.edi");
    assert_eq!(m.meta.format, Format::Pnrgov);
    assert_eq!(m.meta.version, "10.1");
    assert_eq!(m.meta.push, Some(PushType::Full));
    assert_eq!(m.meta.declared_pnrs, Some(2));
    assert!(m.meta.warnings.is_empty(), "{:#?}", m.meta.warnings);
    assert_flight(&m, "FZ", "711", "DXB", "GYD", "2025-11-20T10:35");
    assert_eq!(m.travellers.len(), 5);
    assert_eq!(m.bookings.len(), 2);
    let b0 = &m.bookings[0];
    assert_eq!(b0.record_locator, "P4MZ7B");
    assert_eq!(b0.created, Some(at("2025-11-03T16:45")));
    assert_eq!(b0.travellers.len(), 2);
    let o0 = b0.originator.as_ref().expect("ORG");
    assert_eq!(
        (o0.system.as_deref(), o0.kind.as_deref()),
        (Some("FZ"), Some("A"))
    );
    let o1 = m.bookings[1].originator.as_ref().expect("ORG");
    assert_eq!(o1.agency_id.as_deref(), Some("96001234"));
    assert_eq!(o1.kind.as_deref(), Some("T"));
    assert_eq!(o1.country.as_deref(), Some("IR"));
    // SSR DOCS without the leading slash.
    let r = person(&m, "AL MAKTOUM", "RASHID SAEED");
    assert_eq!(r.title.as_deref(), Some("MR"));
    assert_doc(
        &r.documents[0],
        "P",
        "N5T7K2209",
        Some("ARE"),
        Some(date(2029, 6, 30)),
    );
    assert_eq!(r.date_of_birth, Some(date(1979, 12, 12)));
    let child = person(&m, "MOHAMMADI", "ARASH");
    assert_eq!(child.passenger_type, Some(PassengerType::Child));
    assert_eq!(child.title.as_deref(), Some("MSTR"));
    assert_eq!(child.date_of_birth, Some(date(2015, 2, 2)));
    assert_eq!(child.booking_ref.as_deref(), Some("P5QH2C"));
}

#[test]
fn pnrgov_11_1_pnr_details() {
    let m = one("pnrgov/v11-1-full-push-pnr-details.edi");
    assert_eq!(m.meta.version, "11.1");
    assert_eq!(m.meta.push, Some(PushType::Full));
    assert_eq!(m.meta.sender.as_deref(), Some("J2"));
    assert!(m.meta.warnings.is_empty(), "{:#?}", m.meta.warnings);
    assert_flight(&m, "J2", "75", "GYD", "IST", "2025-11-20T09:30");
    assert_eq!(
        names(&m),
        vec!["ALIYEV/RASHAD ILHAM OGLU", "ALIYEVA/SARA", "OZTURK/MEHMET"]
    );
    assert_eq!(m.bookings.len(), 2);

    let b = &m.bookings[0];
    assert_eq!(b.record_locator, "5XK2PQ");
    assert_eq!(b.carrier.as_deref(), Some("J2"));
    assert_eq!(b.other_locators, vec![locator("1A", "Z7TQ4M")]);
    assert_eq!(b.created, Some(at("2025-11-14T09:30")));
    assert_eq!(b.last_modified, Some(at("2025-11-17T14:12")));
    assert_eq!(b.ticketed, Some(at("2025-11-15T10:15")));
    assert_eq!(b.travellers, vec![0, 1]);
    let org = b.originator.as_ref().expect("agency ORG");
    assert_eq!(org.system.as_deref(), Some("1A"));
    assert_eq!(org.agency_id.as_deref(), Some("12345675"));
    assert_eq!(org.office.as_deref(), Some("BAKAZ2100"));
    assert_eq!(org.kind.as_deref(), Some("T"));
    assert_eq!(org.currency.as_deref(), Some("AZN"));
    assert_eq!(org.agent.as_deref(), Some("AGT114"));
    assert_eq!(b.addresses.len(), 1);
    assert_eq!(b.addresses[0].street.as_deref(), Some("NIZAMI STREET 96"));
    assert_eq!(b.addresses[0].city.as_deref(), Some("BAKU"));
    let contact = |kind: ContactKind, value: &str| {
        b.contacts
            .iter()
            .any(|c| c.kind == kind && c.value == value)
    };
    assert!(
        contact(ContactKind::Email, "RASHAD_ALIYEV@MAIL.EXAMPLE.AZ"),
        "{:#?}",
        b.contacts
    );
    assert!(
        contact(ContactKind::Phone, "994501234567"),
        "{:#?}",
        b.contacts
    );
    assert!(
        contact(ContactKind::Phone, "994124987766"),
        "{:#?}",
        b.contacts
    );
    assert_eq!(b.excess_baggage.len(), 1);
    assert!(b.excess_baggage[0].text.contains("AZN:85.00"));

    let rashad = person(&m, "ALIYEV", "RASHAD ILHAM OGLU");
    assert_eq!(rashad.title.as_deref(), Some("MR"));
    assert_eq!(rashad.passenger_type, Some(PassengerType::Adult));
    assert_eq!(rashad.passenger_ref.as_deref(), Some("J2A0014512345"));
    assert_eq!(rashad.date_of_birth, Some(date(1985, 2, 14)));
    assert_eq!(rashad.gender, Some(Gender::M));
    assert_eq!(rashad.booking_ref.as_deref(), Some("5XK2PQ"));
    assert_eq!(rashad.frequent_flyer.len(), 1);
    assert_eq!(rashad.frequent_flyer[0].airline, "J2");
    assert_eq!(rashad.frequent_flyer[0].number, "AZM4451209");
    assert_eq!(rashad.frequent_flyer[0].tier.as_deref(), Some("SILVER"));
    assert_eq!(rashad.documents.len(), 2);
    assert_doc(
        &rashad.documents[0],
        "P",
        "C01234567",
        Some("AZE"),
        Some(date(2031, 8, 19)),
    );
    let visa = &rashad.documents[1];
    assert_eq!(visa.kind.as_deref(), Some("V"));
    assert_eq!(visa.number.as_deref(), Some("K4418837"));
    assert_eq!(visa.applicable_country.as_deref(), Some("USA"));
    assert_eq!(visa.place_of_issue.as_deref(), Some("BAKU"));
    assert_eq!(visa.issue_date, Some(date(2025, 5, 12)));
    assert_eq!(rashad.birth_place.as_deref(), Some("GANJA"));
    let home = rashad.address.as_ref().expect("SSR DOCA");
    assert_eq!(home.kind.as_deref(), Some("residence"));
    assert_eq!(home.street.as_deref(), Some("NIZAMI STREET 96"));
    assert_eq!(home.postcode.as_deref(), Some("AZ1005"));
    assert_eq!(rashad.seat.as_deref(), Some("14C"));

    // The infant travels on Rashad's lap.
    let sara = index(&m, "ALIYEVA", "SARA");
    assert_eq!(rashad.infant, Some(sara));
    let infant = &m.travellers[sara];
    assert_eq!(infant.passenger_type, Some(PassengerType::Infant));
    assert_eq!(infant.date_of_birth, Some(date(2025, 9, 2)));
    assert_eq!(infant.gender, Some(Gender::F));
    assert_doc(
        &infant.documents[0],
        "P",
        "C09876543",
        Some("AZE"),
        Some(date(2030, 9, 2)),
    );

    // Ticket, price and payment.
    let t = &b.tickets[0];
    assert_eq!(t.number, "7712401234567");
    assert_eq!(t.issued, Some(date(2025, 11, 15)));
    assert_eq!(t.traveller, Some(0));
    let total = t.total.as_ref().expect("MON T");
    assert_eq!(
        (total.amount, total.currency.as_deref()),
        (508.6, Some("AZN"))
    );
    assert_eq!(rashad.ticket.as_deref(), Some("7712401234567"));
    let p = &b.payments[0];
    assert_eq!(p.method, PaymentMethod::Card);
    assert_eq!(p.card_vendor.as_deref(), Some("VI"));
    assert_eq!(p.card_number.as_deref(), Some("4169XXXXXXXX7712"));
    assert_eq!(p.card_expiry.as_deref(), Some("0828"));
    assert_eq!(p.payer.as_deref(), Some("RASHAD ALIYEV"));
    assert!(
        p.billing_address
            .as_deref()
            .is_some_and(|a| a.contains("NIZAMI STREET 96") && a.contains("BAKU")),
        "{p:?}"
    );
    assert_eq!(p.traveller, Some(0));

    // Itinerary beyond the pushed flight.
    let legs: Vec<_> = b
        .itinerary
        .iter()
        .map(|s| {
            (
                s.leg.carrier.as_deref(),
                s.leg.number.as_deref(),
                s.leg.destination.as_deref(),
                s.aircraft.as_deref(),
            )
        })
        .collect();
    assert_eq!(
        legs,
        vec![
            (Some("J2"), Some("75"), Some("IST"), Some("32N")),
            (Some("TK"), Some("1"), Some("JFK"), Some("77W")),
        ]
    );

    let cash = &m.bookings[1];
    assert_eq!(cash.record_locator, "7HRQ2M");
    assert_eq!(cash.payments[0].method, PaymentMethod::Cash);
    let org = cash.originator.as_ref().expect("airline office ORG");
    assert_eq!(org.kind.as_deref(), Some("A"));
    assert_eq!(org.country.as_deref(), Some("AZ"));
    assert_eq!(org.agent.as_deref(), Some("J2RES01"));
    assert_eq!(
        person(&m, "OZTURK", "MEHMET").date_of_birth,
        Some(date(1977, 6, 30))
    );
}

#[test]
fn pnrgov_12_1_itinerary_and_check_in() {
    let m = one("pnrgov/v12-1-itinerary-and-check-in.edi");
    assert_eq!(m.meta.version, "12.1");
    assert!(m.meta.warnings.is_empty(), "{:#?}", m.meta.warnings);
    assert_flight(&m, "QR", "391", "DOH", "GYD", "2025-11-21T01:10");
    assert_eq!(m.bookings.len(), 1);
    let b = &m.bookings[0];
    let segments: Vec<_> = b
        .itinerary
        .iter()
        .map(|s| {
            (
                s.leg.origin.as_deref(),
                s.leg.destination.as_deref(),
                s.leg.number.as_deref(),
                s.booking_class.as_deref(),
                s.status.as_deref(),
                s.party_size,
                s.aircraft.as_deref(),
            )
        })
        .collect();
    assert_eq!(
        segments,
        vec![
            (
                Some("LHR"),
                Some("DOH"),
                Some("8"),
                Some("Q"),
                Some("HK"),
                Some(2),
                Some("388")
            ),
            (
                Some("DOH"),
                Some("GYD"),
                Some("391"),
                Some("Q"),
                Some("HK"),
                Some(2),
                Some("320")
            ),
        ]
    );
    assert_eq!(b.itinerary[0].leg.arrival, Some(at("2025-11-21T00:50")));

    let oliver = person(&m, "THOMPSON", "OLIVER JAMES");
    assert_eq!(oliver.check_in.len(), 1);
    let ci = &oliver.check_in[0];
    assert_eq!(ci.sequence.as_deref(), Some("DOH-112"));
    assert_eq!(ci.seat.as_deref(), Some("021A"));
    assert_eq!(ci.cabin.as_deref(), Some("Y"));
    assert_eq!(ci.time, Some(at("2025-11-20T22:10")));
    let bags = ci.bags.as_ref().expect("TBD");
    assert_eq!(bags.count, Some(2));
    assert_eq!(bags.weight, Some(41.0));
    assert_eq!(bags.weight_unit.as_deref(), Some("KGM"));
    assert_eq!(bags.pool.as_deref(), Some("HP"));
    assert_eq!(
        bags.tags,
        vec![BagTag {
            first: "0157448120".into(),
            count: 2,
            carrier: Some("157".into()),
            destination: Some("GYD".into()),
        }]
    );
    // Check-in on the pushed flight gives the seat and the bags.
    assert_eq!(oliver.seat.as_deref(), Some("021A"));
    assert_eq!(oliver.bags.as_ref(), Some(bags));

    let emily = person(&m, "THOMPSON", "EMILY");
    assert_eq!(emily.title.as_deref(), Some("MRS"));
    assert_eq!(emily.seat.as_deref(), Some("021B"));
    let eb = emily.check_in[0].bags.as_ref().expect("TBD");
    assert_eq!(eb.pool.as_deref(), Some("MP"));
    assert_eq!(eb.tags[0].first, "0157448122");
    assert_eq!(emily.date_of_birth, Some(date(1991, 8, 23)));
}

#[test]
fn pnrgov_13_1_code_share() {
    let m = one("pnrgov/v13-1-code-share.edi");
    assert_eq!(m.meta.version, "13.1");
    assert!(m.meta.warnings.is_empty(), "{:#?}", m.meta.warnings);
    assert_flight(&m, "TK", "336", "GYD", "IST", "2025-11-21T06:15");
    assert_eq!(flight(&m).marketing, vec![designator("J2", "7336")]);
    let b = &m.bookings[0];
    assert_eq!(b.record_locator, "3BNX8K");
    assert_eq!(b.other_locators, vec![locator("TK", "TKQ4ZP")]);
    assert_eq!(
        b.itinerary.len(),
        1,
        "the operating-flight TVL is no segment"
    );
    let s = &b.itinerary[0];
    assert_eq!(s.leg.carrier.as_deref(), Some("J2"));
    assert_eq!(s.leg.number.as_deref(), Some("7336"));
    assert_eq!(s.operating, Some(designator("TK", "336")));
    assert_eq!(s.booking_class.as_deref(), Some("Y"));
    let direct = &m.bookings[1];
    assert_eq!(direct.record_locator, "TKR7WB");
    assert_eq!(direct.itinerary[0].operating, None);
    assert_eq!(direct.itinerary[0].booking_class.as_deref(), Some("B"));
    assert_eq!(
        person(&m, "HUSEYNOVA", "GUNEL").booking_ref.as_deref(),
        Some("3BNX8K")
    );
    assert_eq!(
        person(&m, "DEMIR", "AHMET").date_of_birth,
        Some(date(1968, 5, 14))
    );
}

#[test]
fn pnrgov_14_1_split_non_air_and_history() {
    let m = one("pnrgov/v14-1-split-non-air-history.edi");
    assert_eq!(m.meta.version, "14.1");
    assert!(m.meta.warnings.is_empty(), "{:#?}", m.meta.warnings);
    assert_flight(&m, "SU", "1864", "SVO", "GYD", "2025-11-21T09:30");
    // TRA names the operating flight of the J2 code-share.
    assert_eq!(flight(&m).marketing, vec![designator("J2", "9864")]);
    // The child cancelled out of this PNR is history, not a traveller.
    assert_eq!(
        names(&m),
        vec!["SMIRNOV/ALEKSEI PAVLOVICH", "SMIRNOVA/OLGA"]
    );
    let b = &m.bookings[0];
    assert_eq!(b.record_locator, "LKD6QX");
    assert_eq!(b.other_locators, vec![locator("J2", "8PTA3C")]);
    assert_eq!(b.itinerary.len(), 1);
    assert_eq!(b.itinerary[0].operating, Some(designator("SU", "1864")));
    assert_eq!(b.itinerary[0].aircraft.as_deref(), Some("73H"));
    assert_eq!(b.split_from, vec![locator("SU", "LKF2RN")]);
    assert_eq!(b.non_air.len(), 1);
    assert_eq!(b.non_air[0].kind, "8");
    assert!(
        b.non_air[0].text.contains("OLD CITY BOUTIQUE HOTEL"),
        "{:?}",
        b.non_air[0]
    );
    assert_eq!(b.history.len(), 2);
    let h0 = &b.history[0];
    assert_eq!(h0.when, Some(at("2025-11-15T10:22")));
    assert!(
        h0.by.as_deref().is_some_and(|by| by.contains("SVOSU")),
        "{h0:?}"
    );
    assert_eq!(h0.actions.len(), 1);
    assert_eq!(h0.actions[0].action, "X");
    let tags: Vec<&str> = h0.actions[0]
        .details
        .iter()
        .map(|d| d.tag.as_str())
        .collect();
    assert_eq!(tags, vec!["TIF", "SSR"]);
    assert!(h0.actions[0].details[0].text.contains("SMIRNOV+IVAN"));
    let h1 = &b.history[1];
    assert_eq!(h1.when, Some(at("2025-11-01T15:18")));
    assert_eq!(h1.actions[0].action, "A");
    let tags: Vec<&str> = h1.actions[0]
        .details
        .iter()
        .map(|d| d.tag.as_str())
        .collect();
    assert_eq!(tags, vec!["TVL", "RPI"]);
    assert_eq!(
        b.history_lines,
        vec![
            "0/O/SS/J2 9864 Y 21NOV SVOGYD HK3/0930 1335",
            "1/O/SP/SMIRNOV IVAN MSTR SPLIT TO LKF2RN",
        ]
    );
}

#[test]
fn pnrgov_15_1_update_push_with_a_cancellation() {
    let m = one("pnrgov/v15-1-update-push-cancellation.edi");
    assert_eq!(m.meta.version, "15.1");
    assert_eq!(m.meta.push, Some(PushType::Update));
    assert_eq!(m.meta.declared_pnrs, Some(2));
    assert!(m.meta.warnings.is_empty(), "{:#?}", m.meta.warnings);
    assert_flight(&m, "LH", "1446", "FRA", "GYD", "2025-11-20T22:05");
    assert_eq!(names(&m), vec!["WEBER/ANNA"]);
    assert_eq!(m.bookings.len(), 2);
    let changed = &m.bookings[0];
    assert_eq!(changed.record_locator, "Q2WEPL");
    assert!(!changed.cancelled);
    assert_eq!(changed.travellers, vec![0]);
    let gone = &m.bookings[1];
    assert_eq!(gone.record_locator, "R7TYNB");
    assert!(gone.cancelled);
    assert!(gone.travellers.is_empty());
    assert!(gone.itinerary.is_empty());
    assert_eq!(gone.originator, None);
    assert_eq!(gone.created, Some(at("2025-10-30T09:55")));
    let anna = person(&m, "WEBER", "ANNA");
    assert_doc(
        &anna.documents[0],
        "P",
        "C4J8L2R77",
        Some("D"),
        Some(date(2031, 3, 14)),
    );
}

#[test]
fn pnrgov_16_1_passengers_without_docs_are_read() {
    let m = one("pnrgov/v16-1-full-push-without-docs.edi");
    assert_eq!(m.meta.version, "16.1");
    assert!(m.meta.warnings.is_empty(), "{:#?}", m.meta.warnings);
    assert_flight(&m, "FZ", "712", "GYD", "DXB", "2025-11-21T15:40");
    assert_eq!(
        names(&m),
        vec![
            "AL MANSOURI/NOOR",
            "AL MANSOURI/HAMAD",
            "AL MANSOURI/MARYAM",
            "RAHIMI/FARHAD",
        ]
    );
    let family: Vec<_> = m.bookings[0]
        .travellers
        .iter()
        .map(|&i| {
            let t = &m.travellers[i];
            (
                t.title.as_deref(),
                t.passenger_type.clone(),
                t.booking_ref.as_deref(),
                t.documents.len(),
                t.date_of_birth,
            )
        })
        .collect();
    assert_eq!(
        family,
        vec![
            (
                Some("MS"),
                Some(PassengerType::Adult),
                Some("K8P2VD"),
                0,
                None
            ),
            (
                Some("MR"),
                Some(PassengerType::Adult),
                Some("K8P2VD"),
                0,
                None
            ),
            (
                Some("MISS"),
                Some(PassengerType::Child),
                Some("K8P2VD"),
                0,
                None
            ),
        ]
    );
    assert_eq!(
        m.bookings[0].contacts,
        vec![Contact {
            kind: ContactKind::Email,
            value: "NOOR.ALMANSOURI@MAIL.EXAMPLE.AE".into(),
            source: "CTCE".into(),
        }]
    );
    let f = person(&m, "RAHIMI", "FARHAD");
    assert_eq!(f.booking_ref.as_deref(), Some("M3ZQ9A"));
    assert_doc(
        &f.documents[0],
        "P",
        "K97342118",
        Some("IRN"),
        Some(date(2028, 9, 19)),
    );
}

#[test]
fn pnrgov_una_with_dash_and_star() {
    let m = one("pnrgov/una-dash-star-terminator.edi");
    assert!(m.meta.warnings.is_empty(), "{:#?}", m.meta.warnings);
    assert_flight(&m, "QR", "392", "GYD", "DOH", "2025-11-21T06:35");
    assert_eq!(names(&m), vec!["AL-SAYED/KHALID", "BAKHSHIYEVA/NIGAR"]);
    let k = person(&m, "AL-SAYED", "KHALID");
    assert_eq!(k.title.as_deref(), Some("MR"));
    assert_eq!(k.date_of_birth, Some(date(1980, 5, 5)));
    assert_doc(
        &k.documents[0],
        "P",
        "A27719354",
        Some("EGY"),
        Some(date(2027, 11, 11)),
    );
    let b = &m.bookings[0];
    assert_eq!(b.record_locator, "6TTB2Y");
    assert_eq!(b.created, Some(at("2025-10-30T22:10")));
    assert_eq!(b.itinerary[0].party_size, Some(2));
}

#[test]
fn pnrgov_una_with_backslash_release() {
    let m = one("pnrgov/una-backslash-release.edi");
    assert!(m.meta.warnings.is_empty(), "{:#?}", m.meta.warnings);
    assert_flight(&m, "TK", "339", "IST", "GYD", "2025-11-20T17:55");
    assert_eq!(names(&m), vec!["O'NEIL/SIOBHAN"]);
    let s = person(&m, "O'NEIL", "SIOBHAN");
    assert_eq!(s.title.as_deref(), Some("MS"));
    assert_eq!(s.date_of_birth, Some(date(1987, 7, 19)));
    assert_doc(
        &s.documents[0],
        "P",
        "PX4471982",
        Some("IRL"),
        Some(date(2030, 10, 8)),
    );
    let b = &m.bookings[0];
    assert_eq!(
        b.history_lines,
        vec!["0/O/SS/TK 339 Y 20NOV ISTGYD HK1 *CODESHARE J2 8339*"]
    );
    assert_eq!(b.remarks.len(), 1);
    assert_eq!(b.remarks[0].text, "WCHR NEEDED AT GYD? PLS CONFIRM");
}

#[test]
fn pnrgov_bare_message_without_unb() {
    let file = "pnrgov/bare-message-without-unb.edi";
    assert!(bytes(file).starts_with(b"UNH+"));
    let m = one(file);
    assert_eq!(m.meta.version, "11.1");
    assert_eq!(m.meta.sender, None);
    assert_eq!(m.meta.interchange_ref, None);
    assert_eq!(m.meta.push, Some(PushType::Full));
    assert_flight(&m, "J2", "21", "GYD", "SVO", "2025-11-22T08:00");
    assert_eq!(names(&m), vec!["NABIYEV/ELVIN"]);
    assert_eq!(m.bookings[0].record_locator, "2VBN6H");
    assert_eq!(
        person(&m, "NABIYEV", "ELVIN").date_of_birth,
        Some(date(1989, 6, 7))
    );
}

#[test]
fn pnrgov_unoy_utf8_names() {
    let m = one("pnrgov/unoy-utf8-names.edi");
    assert_eq!(m.meta.version, "12.1");
    assert_eq!(m.meta.charset.as_deref(), Some("UTF-8"));
    assert!(m.meta.warnings.is_empty(), "{:#?}", m.meta.warnings);
    assert_eq!(
        names(&m),
        vec!["ƏLİYEVA/GÜLNAR", "MƏMMƏDOV/RÖVŞƏN", "KARIMI/SHIRIN"]
    );
    let g = person(&m, "ƏLİYEVA", "GÜLNAR");
    assert_eq!(g.title.as_deref(), Some("MRS"));
    assert_eq!(g.date_of_birth, Some(date(1979, 3, 4)));
    assert_eq!(
        person(&m, "KARIMI", "SHIRIN").date_of_birth,
        Some(date(2001, 9, 30))
    );
    assert_flight(&m, "J2", "17", "GYD", "LHR", "2025-11-21T08:35");
}

// ---------------------------------------------------------------------------
// Broken input
// ---------------------------------------------------------------------------

/// Checks the only error of a broken file: offset, segment, tag and the start of
/// its sentence.
fn assert_error_at(
    r: &Reading,
    offset: usize,
    segment: Option<usize>,
    tag: Option<&str>,
    says: &str,
) {
    assert_eq!(r.errors.len(), 1, "{:#?}", r.errors);
    let e = &r.errors[0];
    assert_eq!(e.location.offset, offset, "{e}");
    assert_eq!(e.location.segment, segment, "{e}");
    assert_eq!(e.location.tag.as_deref(), tag, "{e}");
    let prefix = match (segment, tag) {
        (Some(n), Some(t)) => format!("error at byte {offset} (segment {n}, {t}): "),
        (None, Some(t)) => format!("error at byte {offset} ({t}): "),
        _ => format!("error at byte {offset}: "),
    };
    let shown = e.to_string();
    assert!(
        shown.starts_with(&prefix),
        "{shown:?} should start with {prefix:?}"
    );
    assert!(e.message.contains(says), "{shown:?} should say {says:?}");
}

#[test]
fn broken_segment_tag_fails_its_message_only() {
    let file = "broken/invalid-tag-mid-message.edi";
    let b = bytes(file);
    let r = reading(file);
    assert_error_at(&r, find(&b, b"\nND+FL") + 1, Some(12), Some("ND"), "tag");
    assert_eq!(r.messages.len(), 1);
    let m = &r.messages[0];
    assert_eq!(m.meta.message_ref, "2");
    assert_flight(m, "FZ", "713", "DXB", "GYD", "2025-11-22T14:55");
    assert_eq!(names(m), vec!["RAHMANI/SAMIRA"]);
}

#[test]
fn unreadable_una_is_located() {
    let file = "broken/unreadable-una.edi";
    let b = bytes(file);
    let r = reading(file);
    assert_eq!(r.errors.len(), 1, "{:#?}", r.errors);
    let e = &r.errors[0];
    assert_eq!(e.location.offset, find(&b, b"UNA:+.?UNB"), "{e}");
    assert!(e.message.contains("six service characters"), "{e}");
}

#[test]
fn unreadable_una_keeps_the_interchange_before_it() {
    let r = reading("broken/unreadable-una.edi");
    assert_eq!(r.errors.len(), 1, "{:#?}", r.errors);
    let m = r
        .messages
        .iter()
        .find(|m| flight(m).number == "41")
        .expect("the first interchange is read");
    assert_flight(m, "J2", "41", "NAJ", "IST", "2025-11-22T17:00");
    assert_eq!(names(m), vec!["SADIGOV/KAMAL"]);
}

#[test]
fn unreadable_una_error_names_the_una() {
    let file = "broken/unreadable-una.edi";
    let b = bytes(file);
    let r = reading(file);
    assert_error_at(
        &r,
        find(&b, b"UNA:+.?UNB"),
        None,
        Some("UNA"),
        "six service characters",
    );
}

#[test]
fn input_without_edifact() {
    let file = "broken/no-edifact-typeb-pnl.edi";
    let b = bytes(file);
    let r = reading(file);
    assert_error_at(&r, find(&b, b"\nPNL\r\n") + 1, None, None, "EDIFACT");
    assert!(r.messages.is_empty());
}

#[test]
fn paxlst_without_bgm() {
    let file = "broken/paxlst-without-bgm.edi";
    let b = bytes(file);
    let r = reading(file);
    assert_error_at(&r, find(&b, b"UNH+1+"), Some(2), Some("UNH"), "BGM");
    assert_eq!(r.messages.len(), 1);
    assert_flight(
        &r.messages[0],
        "TK",
        "336",
        "GYD",
        "IST",
        "2025-11-22T06:15",
    );
    assert_eq!(names(&r.messages[0]), vec!["GULIYEVA/SEBINE"]);
}

#[test]
fn paxlst_without_tdt() {
    let file = "broken/paxlst-without-tdt.edi";
    let b = bytes(file);
    let r = reading(file);
    assert_error_at(&r, find(&b, b"UNH+2+"), Some(13), Some("UNH"), "TDT");
    assert_eq!(r.messages.len(), 1);
    assert_flight(
        &r.messages[0],
        "SU",
        "1850",
        "SVO",
        "GYD",
        "2025-11-22T10:05",
    );
    assert_eq!(names(&r.messages[0]), vec!["FEDOROV/PAVEL"]);
}

#[test]
fn unsupported_message_type_next_to_a_paxlst() {
    let file = "broken/cusres-next-to-paxlst.edi";
    let b = bytes(file);
    let r = reading(file);
    assert_error_at(&r, find(&b, b"UNH+R1+"), Some(2), Some("UNH"), "CUSRES");
    assert_eq!(r.messages.len(), 1);
    let m = &r.messages[0];
    assert_eq!(m.meta.format, Format::Paxlst);
    assert_flight(m, "J2", "75", "GYD", "IST", "2025-11-22T09:30");
    let a = person(m, "ALIYEV", "RASHAD");
    assert_eq!(a.date_of_birth, Some(date(1985, 2, 14)));
}
