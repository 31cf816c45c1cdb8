//! Back-testing one criterion over many travellers.

mod common;

use common::{at, date, message, set};
use piu_criteria::{UnknownCriterion, backtest, facts};
use piu_model::PaymentMethod;

#[test]
fn counts_hits_misses_and_what_could_not_be_evaluated() {
    let s = set(&["booking.hours_booked_before_departure < 48.0 && booking.paid_cash"]);
    // 25 hits, 10 paid by card, 5 without a creation time, 3 without payments
    let mut data = Vec::new();
    for i in 0..43 {
        let mut m = message();
        if (25..35).contains(&i) {
            m.bookings[0].payments[0].method = PaymentMethod::Card;
        } else if (35..40).contains(&i) {
            m.bookings[0].created = Some(at("2025-11-19"));
        } else if i >= 40 {
            m.bookings[0].payments.clear();
        }
        data.push(
            facts(&m, 0, &[], None).with_reference(format!("day.edi#message {i} traveller 1")),
        );
    }
    let r = backtest(&s, "T-1", data.into_iter(), date(2025, 11, 20)).unwrap();
    assert_eq!(r.criterion, "T-1");
    assert!(r.in_force);
    assert_eq!(r.travellers, 43);
    assert_eq!(r.hits, 25);
    assert!((r.hit_rate - 25.0 / 43.0).abs() < 1e-12);
    assert_eq!(r.not_evaluable.len(), 2, "{:?}", r.not_evaluable);
    assert_eq!(
        r.not_evaluable["missing booking.hours_booked_before_departure"],
        5
    );
    assert_eq!(r.not_evaluable["missing booking.paid_cash"], 3);
    assert_eq!(r.examples.len(), 10);
    assert_eq!(r.examples[0], "day.edi#message 0 traveller 1");
    assert_eq!(r.examples[9], "day.edi#message 9 traveller 1");
}

#[test]
fn a_criterion_not_yet_in_force_is_still_tried() {
    let json = serde_json::json!({"criteria": [
        {"id": "LATER", "version": 1, "author": "a", "purpose": "serious-crime", "severity": "low",
         "valid_from": "2030-01-01", "target_agency": "police", "expression": "booking.paid_cash"}
    ]});
    let s = piu_criteria::load(json.to_string().as_bytes()).unwrap();
    let data = (0..3).map(|_| facts(&message(), 0, &[], None));
    let r = backtest(&s, "LATER", data, date(2025, 11, 20)).unwrap();
    assert!(!r.in_force);
    assert_eq!((r.travellers, r.hits), (3, 3));
}

#[test]
fn nothing_to_test_and_unknown_criteria() {
    let s = set(&["booking.paid_cash"]);
    let r = backtest(&s, "T-1", std::iter::empty(), date(2025, 11, 20)).unwrap();
    assert_eq!((r.travellers, r.hits, r.hit_rate), (0, 0, 0.0));
    assert!(r.examples.is_empty());
    assert_eq!(
        backtest(&s, "T-9", std::iter::empty(), date(2025, 11, 20)),
        Err(UnknownCriterion("T-9".into()))
    );
}
