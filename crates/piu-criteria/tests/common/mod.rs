//! Messages built by hand for the tests: one PNRGOV push for J2 75 GYD→IST on
//! 20 November 2025 at 09:30, one traveller, one booking.

#![allow(dead_code)]

use piu_criteria::{CriteriaSet, HistoryLeg, load};
use piu_model::{
    Bags, Booking, Flight, Format, Gender, ItinerarySegment, Leg, LocalDateTime, Message,
    MessageMeta, Payment, PaymentMethod, Ssr, Syntax, TravelDocument, Traveller,
};
use time::{Date, Month};

pub fn at(s: &str) -> LocalDateTime {
    s.parse().unwrap()
}

pub fn date(y: i32, m: u8, d: u8) -> Date {
    Date::from_calendar_date(y, Month::try_from(m).unwrap(), d).unwrap()
}

pub fn segment(from: &str, to: &str, dep: &str) -> ItinerarySegment {
    ItinerarySegment {
        leg: Leg {
            carrier: Some("J2".into()),
            number: Some("75".into()),
            origin: Some(from.into()),
            destination: Some(to.into()),
            departure: Some(at(dep)),
            ..Leg::default()
        },
        ..ItinerarySegment::default()
    }
}

/// A late booking paid in cash, one way GYD→IST→FRA, with a passport.
pub fn message() -> Message {
    let mut m = Message::new(MessageMeta::new(Format::Pnrgov, Syntax::Edifact));
    m.flight = Some(Flight {
        carrier: "J2".into(),
        number: "075".into(),
        origin: Some("GYD".into()),
        destination: Some("IST".into()),
        departure: Some(at("2025-11-20T09:30")),
        ..Flight::default()
    });
    m.travellers.push(Traveller {
        surname: "ALIYEV".into(),
        given_names: "RASHAD".into(),
        date_of_birth: Some(date(1985, 2, 14)),
        gender: Some(Gender::M),
        nationality: Some("AZE".into()),
        documents: vec![TravelDocument {
            kind: Some("P".into()),
            number: Some("C01234567".into()),
            issuing_country: Some("AZE".into()),
            expiry: Some(date(2025, 12, 1)),
            source: "SSR DOCS".into(),
            ..TravelDocument::default()
        }],
        booking_ref: Some("5XK2PQ".into()),
        bags: Some(Bags {
            count: Some(3),
            weight: Some(64.0),
            weight_unit: Some("KGM".into()),
            ..Bags::default()
        }),
        ssrs: vec![
            Ssr {
                code: "MOML".into(),
                text: Some("MUSLIM MEAL".into()),
                ..Ssr::default()
            },
            Ssr {
                code: "WCHR".into(),
                text: Some("WHEELCHAIR TO GATE".into()),
                ..Ssr::default()
            },
            Ssr {
                code: "FOID".into(),
                text: Some("PP C01234567".into()),
                ..Ssr::default()
            },
        ],
        ..Traveller::default()
    });
    m.bookings.push(Booking {
        record_locator: "5XK2PQ".into(),
        travellers: vec![0],
        created: Some(at("2025-11-19T02:00")),
        payments: vec![Payment {
            method: PaymentMethod::Cash,
            amount: None,
            card_vendor: None,
            card_number: None,
            card_expiry: None,
            payer: None,
            billing_address: None,
            traveller: None,
        }],
        itinerary: vec![
            segment("GYD", "IST", "2025-11-20T09:30"),
            segment("IST", "FRA", "2025-11-20T13:05"),
        ],
        ssrs: vec![Ssr {
            code: "KSML".into(),
            text: Some("KOSHER".into()),
            ..Ssr::default()
        }],
        remarks: vec![piu_model::Remark {
            kind: "4:28".into(),
            text: "PAX IS PREGNANT".into(),
        }],
        ..Booking::default()
    });
    m
}

pub fn trip(from: &str, to: &str, d: Date) -> HistoryLeg {
    HistoryLeg {
        origin: from.into(),
        destination: to.into(),
        date: d,
        carrier: Some("J2".into()),
    }
}

/// A criteria file with one airport group `hubs` (IST, DXB), one country group
/// `issuers` (UTO), and one criterion per expression, ids `T-1`, `T-2` …
pub fn file(expressions: &[&str]) -> String {
    let criteria: Vec<serde_json::Value> = expressions
        .iter()
        .enumerate()
        .map(|(i, e)| {
            serde_json::json!({
                "id": format!("T-{}", i + 1),
                "version": 1,
                "author": "analyst.test",
                "purpose": "serious-crime",
                "severity": "high",
                "valid_from": "2025-01-01",
                "target_agency": "customs",
                "description": "test",
                "expression": e,
            })
        })
        .collect();
    serde_json::json!({
        "groups": {
            "airports": {"hubs": ["IST", "dxb"]},
            "countries": {"issuers": ["UTO"]}
        },
        "criteria": criteria,
    })
    .to_string()
}

pub fn set(expressions: &[&str]) -> CriteriaSet {
    match load(file(expressions).as_bytes()) {
        Ok(s) => s,
        Err(e) => panic!("{expressions:?}: {e:#?}"),
    }
}

pub fn errors(expression: &str) -> Vec<piu_criteria::CriteriaError> {
    match load(file(&[expression]).as_bytes()) {
        Ok(_) => panic!("{expression:?} was accepted"),
        Err(e) => e,
    }
}

pub fn samples_dir() -> std::path::PathBuf {
    std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../samples")
}
