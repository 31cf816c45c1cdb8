//! Criterion hits: shaped like watchlist hits, and a border-and-migration
//! criterion never applied to PNR data.

use piu_screen::{HitKind, Source, Subject, criteria_hits};
use time::macros::{date, datetime};

const PNR: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../../samples/pnrgov/v11-1-full-push-pnr-details.edi"
);

fn criteria(purpose: &str) -> piu_criteria::CriteriaSet {
    let json = format!(
        r#"{{"criteria": [{{"id": "X-1", "version": 7, "author": "a", "purpose": "{purpose}",
        "severity": "high", "valid_from": "2025-01-01", "target_agency": "border-service",
        "description": "one way", "expression": "booking.one_way"}}]}}"#
    );
    piu_criteria::load(json.as_bytes()).expect("loads")
}

#[test]
fn criteria_hits_respect_the_purpose_of_the_data() {
    let bytes = std::fs::read(PNR).unwrap();
    let reading = piu_messages::read(&bytes, &Default::default());
    let message = &reading.messages[0];
    let facts = piu_criteria::facts(message, 0, &[], Some(datetime!(2025-11-19 12:00)));
    let pnr = Subject::from_message(message, 0, "t1".into()).unwrap();
    assert_eq!(pnr.source, Source::Pnr);
    let today = date!(2025 - 11 - 19);

    let crime = criteria_hits(&criteria("serious-crime"), &facts, &pnr, today);
    assert_eq!(crime.len(), 1);
    let h = &crime[0];
    assert_eq!(h.kind, HitKind::Criterion);
    assert_eq!((h.entry_id.as_str(), h.version.as_str()), ("X-1", "7"));
    assert_eq!(h.target_agency, "border-service");
    assert_eq!(h.identity, pnr.identity);
    assert_eq!(
        h.explanation.criterion.as_deref(),
        Some("booking.one_way — booking.one_way = true")
    );

    assert!(criteria_hits(&criteria("border-migration"), &facts, &pnr, today).is_empty());
    let api = Subject {
        source: Source::Api,
        ..pnr
    };
    assert_eq!(
        criteria_hits(&criteria("border-migration"), &facts, &api, today).len(),
        1
    );
}
