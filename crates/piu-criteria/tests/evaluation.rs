//! Facts built from model objects, evaluation, explanations, missing facts,
//! groups and validity dates.

mod common;

use common::{at, date, message, set, trip};
use piu_criteria::{Fact, Facts, Outcome, Severity, facts};
use piu_model::PaymentMethod;
use time::macros::datetime;

fn text(f: &Facts, path: &str) -> String {
    match f.get(path) {
        Some(Fact::Text(s)) => s.clone(),
        other => panic!("{path}: {other:?}"),
    }
}

#[test]
fn facts_from_a_message() {
    let m = message();
    let f = facts(&m, 0, &[], Some(datetime!(2025-11-20 03:30)));
    let get = |p: &str| f.get(p).cloned();
    assert_eq!(get("traveller.nationality"), Some(Fact::from("AZE")));
    assert_eq!(get("traveller.gender"), Some(Fact::from("M")));
    assert_eq!(get("traveller.age"), Some(Fact::Int(40)));
    assert_eq!(get("traveller.document_type"), Some(Fact::from("P")));
    assert_eq!(get("traveller.document_country"), Some(Fact::from("AZE")));
    assert_eq!(
        get("traveller.document_expires_in_days"),
        Some(Fact::Int(11))
    );
    assert_eq!(get("traveller.role"), Some(Fact::from("passenger")));
    assert_eq!(get("traveller.bags"), Some(Fact::Int(3)));
    assert_eq!(get("traveller.bag_weight_kg"), Some(Fact::Float(64.0)));
    assert_eq!(get("traveller.checked_in"), Some(Fact::Bool(false)));
    assert_eq!(get("traveller.embarkation"), Some(Fact::from("GYD")));
    assert_eq!(get("traveller.has_booking"), Some(Fact::Bool(true)));
    assert_eq!(get("booking.record_locator"), Some(Fact::from("5XK2PQ")));
    assert_eq!(get("booking.created"), Some(Fact::from("2025-11-19T02:00")));
    assert_eq!(
        get("booking.hours_booked_before_departure"),
        Some(Fact::Float(31.5))
    );
    assert_eq!(
        get("booking.days_booked_before_departure"),
        Some(Fact::Int(1))
    );
    assert_eq!(get("booking.one_way"), Some(Fact::Bool(true)));
    assert_eq!(get("booking.return_trip"), Some(Fact::Bool(false)));
    assert_eq!(get("booking.segments"), Some(Fact::Int(2)));
    assert_eq!(
        get("booking.route"),
        Some(Fact::from(vec![
            "GYD".to_string(),
            "IST".into(),
            "FRA".into()
        ]))
    );
    assert_eq!(
        get("booking.carriers"),
        Some(Fact::from(vec!["J2".to_string()]))
    );
    assert_eq!(
        get("booking.payment_types"),
        Some(Fact::from(vec!["CA".to_string()]))
    );
    assert_eq!(get("booking.paid_cash"), Some(Fact::Bool(true)));
    assert_eq!(get("booking.party_size"), Some(Fact::Int(1)));
    assert_eq!(get("booking.itinerary_changes"), Some(Fact::Int(0)));
    assert_eq!(get("booking.split"), Some(Fact::Bool(false)));
    assert_eq!(get("flight.carrier"), Some(Fact::from("J2")));
    assert_eq!(get("flight.number"), Some(Fact::from("75")));
    assert_eq!(get("flight.departure_date"), Some(Fact::from("2025-11-20")));
    assert_eq!(get("flight.departure_hour"), Some(Fact::Int(9)));
    assert_eq!(get("flight.hours_until_departure"), Some(Fact::Float(6.0)));
    assert_eq!(get("flight.mode"), Some(Fact::from("air")));
    assert_eq!(get("history.count"), Some(Fact::Int(0)));
    // not known, so not there
    assert_eq!(get("booking.ticketed"), None);
    assert_eq!(get("booking.travel_agency"), None);
    assert_eq!(get("traveller.seat"), None);
}

#[test]
fn facts_never_carry_meal_or_medical_codes_or_any_free_text() {
    let f = facts(&message(), 0, &[], None);
    // FOID stays; MOML, WCHR and KSML go
    assert_eq!(
        f.get("booking.ssr_codes"),
        Some(&Fact::from(vec!["FOID".to_string()]))
    );
    let all = serde_json::to_string(&f).unwrap();
    for never in [
        "MOML",
        "WCHR",
        "KSML",
        "MUSLIM",
        "WHEELCHAIR",
        "KOSHER",
        "PREGNANT",
        "ALIYEV",
        "RASHAD",
        "C01234567",
    ] {
        assert!(!all.contains(never), "{never} in {all}");
    }
}

#[test]
fn a_late_cash_booking_hits_with_an_explanation() {
    let s = set(&["booking.hours_booked_before_departure < 48.0 && booking.paid_cash"]);
    let f = facts(&message(), 0, &[], None).with_reference("push.edi#message 1 traveller 1");
    let hits = s.evaluate(&f, date(2025, 11, 20));
    assert_eq!(hits.len(), 1);
    let h = &hits[0];
    assert_eq!((h.id.as_str(), h.version), ("T-1", 1));
    assert_eq!(h.severity, Severity::High);
    assert_eq!(h.target_agency, "customs");
    assert_eq!(
        h.explanation.to_string(),
        "booking.hours_booked_before_departure < 48.0 && booking.paid_cash — \
         booking.hours_booked_before_departure = 31.5; booking.paid_cash = true"
    );

    // paid by card: no hit
    let mut m = message();
    m.bookings[0].payments[0].method = PaymentMethod::Card;
    let f = facts(&m, 0, &[], None);
    assert!(s.evaluate(&f, date(2025, 11, 20)).is_empty());
    assert_eq!(s.outcome("T-1", &f), Some(Outcome::NoHit));
}

#[test]
fn a_missing_fact_is_no_hit_and_says_what_is_missing() {
    let s = set(&[
        "booking.hours_booked_before_departure < 48.0 && booking.paid_cash",
        "booking.paid_cash || booking.hours_booked_before_departure < 48.0",
        "has(booking.hours_booked_before_departure) && booking.hours_booked_before_departure < 48.0",
        "!has(booking.hours_booked_before_departure) && booking.days_booked_before_departure <= 1",
    ]);
    // the booking's creation time is unknown: hours cannot be computed, days can
    let mut m = message();
    m.bookings[0].created = Some(at("2025-11-19"));
    let f = facts(&m, 0, &[], None);
    assert_eq!(f.get("booking.hours_booked_before_departure"), None);
    assert_eq!(
        f.get("booking.days_booked_before_departure"),
        Some(&Fact::Int(1))
    );
    let hits: Vec<_> = s
        .evaluate(&f, date(2025, 11, 20))
        .into_iter()
        .map(|h| h.id)
        .collect();
    // `||` with a true side hits even though the other side is missing;
    // `has()` tests for presence
    assert_eq!(hits, ["T-2", "T-4"]);
    assert_eq!(
        s.outcome("T-1", &f),
        Some(Outcome::NotEvaluable(
            "missing booking.hours_booked_before_departure".into()
        ))
    );
    assert_eq!(s.outcome("T-3", &f), Some(Outcome::NoHit));

    // no booking at all (an API-only traveller)
    let mut m = message();
    m.bookings.clear();
    let f = facts(&m, 0, &[], None);
    assert_eq!(f.get("traveller.has_booking"), Some(&Fact::Bool(false)));
    assert_eq!(text(&f, "booking.record_locator"), "5XK2PQ");
    assert_eq!(
        s.outcome("T-1", &f),
        Some(Outcome::NotEvaluable(
            "missing booking.hours_booked_before_departure".into()
        ))
    );
    // no traveller at that index: facts about the flight only, nothing panics
    let f = facts(&message(), 7, &[], None);
    assert!(f.get("traveller.role").is_none());
    assert!(s.evaluate(&f, date(2025, 11, 20)).is_empty());
}

#[test]
fn the_explanation_marks_absent_facts() {
    let s = set(&["booking.paid_cash || booking.hours_booked_before_departure < 48.0"]);
    let mut m = message();
    m.bookings[0].created = None;
    let h = s.hit("T-1", &facts(&m, 0, &[], None)).unwrap();
    assert!(
        h.explanation
            .to_string()
            .ends_with("booking.paid_cash = true; booking.hours_booked_before_departure absent"),
        "{}",
        h.explanation
    );
}

#[test]
fn groups_of_airports_and_countries() {
    let s = set(&[
        "in_group(booking.route, \"hubs\")",
        "in_group(traveller.disembarkation, \"hubs\")",
        "in_group(traveller.document_country, \"issuers\")",
        "booking.route.exists(a, in_group(a, \"hubs\") && a != booking.route[0])",
        "in_group(booking.route, \"hubs\") && in_group([\"dxb\"], \"hubs\")",
        "in_group(history.visited, \"hubs\")",
    ]);
    let on = date(2025, 11, 20);
    let ids = |f: &Facts| -> Vec<String> { s.evaluate(f, on).into_iter().map(|h| h.id).collect() };
    let f = facts(&message(), 0, &[], None);
    assert_eq!(ids(&f), ["T-1", "T-2", "T-4", "T-5"]);

    let mut m = message();
    m.travellers[0].documents[0].issuing_country = Some("UTO".into());
    for s in &mut m.bookings[0].itinerary {
        s.leg.origin = Some("GYD".into());
        s.leg.destination = Some("TBS".into());
    }
    m.flight.as_mut().unwrap().destination = Some("TBS".into());
    let f = facts(&m, 0, &[trip("GYD", "DXB", date(2024, 5, 1))], None);
    assert_eq!(ids(&f), ["T-3", "T-6"]);
}

#[test]
fn travel_history() {
    let s = set(&[
        "\"DAM\" in history.visited",
        "history.trips.exists(t, t.destination == \"DAM\" && t.date >= \"2024-01-01\")",
        "history.count >= 2 && history.trips.all(t, t.carrier == \"J2\")",
    ]);
    let on = date(2025, 11, 20);
    let f = facts(&message(), 0, &[], None);
    assert!(s.evaluate(&f, on).is_empty());
    let history = [
        trip("GYD", "IST", date(2023, 3, 1)),
        trip("IST", "DAM", date(2023, 3, 2)),
    ];
    let f = facts(&message(), 0, &history, None);
    let ids: Vec<_> = s.evaluate(&f, on).into_iter().map(|h| h.id).collect();
    assert_eq!(ids, ["T-1", "T-3"]);
    let mut later = history.to_vec();
    later[1].date = date(2025, 2, 1);
    let f = facts(&message(), 0, &later, None);
    assert_eq!(s.evaluate(&f, on).len(), 3);
}

#[test]
fn criteria_apply_only_while_in_force() {
    let json = serde_json::json!({"criteria": [
        {"id": "A", "version": 1, "author": "a", "purpose": "serious-crime", "severity": "low",
         "valid_from": "2025-06-01", "valid_until": "2025-06-30", "target_agency": "police",
         "expression": "booking.paid_cash"},
        {"id": "B", "version": 2, "author": "a", "purpose": "border-migration", "severity": "critical",
         "valid_from": "2025-06-15", "target_agency": "border-service",
         "expression": "booking.paid_cash"}
    ]});
    let s = piu_criteria::load(json.to_string().as_bytes()).unwrap();
    let f = facts(&message(), 0, &[], None);
    let ids = |y, m, d| -> Vec<String> {
        s.evaluate(&f, date(y, m, d))
            .into_iter()
            .map(|h| h.id)
            .collect()
    };
    assert!(ids(2025, 5, 31).is_empty());
    assert_eq!(ids(2025, 6, 1), ["A"]);
    assert_eq!(ids(2025, 6, 15), ["A", "B"]);
    assert_eq!(ids(2025, 6, 30), ["A", "B"]);
    assert_eq!(ids(2025, 7, 1), ["B"]);
    assert_eq!(s.evaluate_all(&f, date(2025, 5, 1)).len(), 0);
    // trying a criterion out ignores its dates
    assert_eq!(s.outcome("A", &f), Some(Outcome::Hit));
    assert_eq!(s.outcome("Z", &f), None);
}

#[test]
fn a_traveller_on_a_longer_flight_departs_from_their_own_leg() {
    let mut m = message();
    let flight = m.flight.as_mut().unwrap();
    flight.legs = vec![
        piu_model::Leg {
            origin: Some("IST".into()),
            destination: Some("GYD".into()),
            departure: Some(at("2025-11-20T02:00")),
            ..Default::default()
        },
        piu_model::Leg {
            origin: Some("GYD".into()),
            destination: Some("NAJ".into()),
            departure: Some(at("2025-11-20T09:30")),
            ..Default::default()
        },
    ];
    flight.departure = Some(at("2025-11-20T02:00"));
    m.travellers[0].embarkation = Some("GYD".into());
    let f = facts(&m, 0, &[], None);
    assert_eq!(f.get("flight.departure_hour"), Some(&Fact::Int(9)));
    assert_eq!(f.get("flight.legs"), Some(&Fact::Int(2)));
}

#[test]
fn facts_by_hand() {
    let mut f = Facts::default();
    f.set("booking.paid_cash", true).unwrap();
    f.set("booking.hours_booked_before_departure", 12.0)
        .unwrap();
    assert!(f.set("booking.paid_cash", 3i64).is_err());
    assert!(f.set("traveller.religion", "X").is_err());
    let s = set(&["booking.hours_booked_before_departure < 48.0 && booking.paid_cash"]);
    assert_eq!(s.outcome("T-1", &f), Some(Outcome::Hit));
    f.remove("booking.paid_cash");
    assert_eq!(
        s.outcome("T-1", &f),
        Some(Outcome::NotEvaluable("missing booking.paid_cash".into()))
    );
}

#[test]
fn sets_and_facts_can_be_shared_between_threads() {
    fn shared<T: Send + Sync>() {}
    shared::<piu_criteria::CriteriaSet>();
    shared::<Facts>();
}

#[test]
fn the_deepest_accepted_expression_evaluates_on_a_small_stack() {
    // `+` nests to the left: one level per term. The deepest accepted such
    // expression is evaluated on a thread of 2 MiB, the size test threads get
    // (in a debug build too, where a level takes about 20 KiB of stack).
    let sum = |n: usize| format!("booking.segments{} > 0", " + 1".repeat(n));
    let max = piu_criteria::validate::MAX_DEPTH;
    assert!(piu_criteria::load(common::file(&[&sum(max)]).as_bytes()).is_err());
    let s = set(&[&sum(max - 3)]);
    std::thread::Builder::new()
        .stack_size(2 << 20)
        .spawn(move || {
            let f = facts(&message(), 0, &[], None);
            assert_eq!(s.outcome("T-1", &f), Some(Outcome::Hit));
        })
        .unwrap()
        .join()
        .unwrap();
}

#[test]
fn history_added_later_equals_history_given_at_once() {
    let bytes = std::fs::read(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../samples/pnrgov/v11-1-full-push-pnr-details.edi"
    ))
    .unwrap();
    let m = &piu_messages::read(&bytes, &Default::default()).messages[0];
    let leg = piu_criteria::HistoryLeg {
        origin: "GYD".into(),
        destination: "DAM".into(),
        date: time::macros::date!(2025 - 01 - 10),
        carrier: Some("J2".into()),
    };
    let at_once = piu_criteria::facts(m, 0, std::slice::from_ref(&leg), None);
    let later = piu_criteria::facts(m, 0, &[], None).with_history(&[leg]);
    assert_eq!(at_once, later);
    assert_eq!(
        later.get("history.count"),
        Some(&piu_criteria::Fact::Int(1))
    );
}
