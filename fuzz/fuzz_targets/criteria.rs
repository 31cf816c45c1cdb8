//! Any bytes as a criteria file, and as the expression of one criterion in an
//! otherwise valid file; what loads is evaluated on a real booking's facts.
//! Nothing may panic, loop or grow without bound.
#![no_main]

use libfuzzer_sys::fuzz_target;

const PNR: &[u8] = include_bytes!("../../samples/pnrgov/v11-1-full-push-pnr-details.edi");

fn evaluate(set: &piu_criteria::CriteriaSet) {
    let reading = piu_messages::read(PNR, &Default::default());
    let at = time::macros::datetime!(2025-11-19 12:00);
    for m in &reading.messages {
        for i in 0..m.travellers.len() {
            let facts = piu_criteria::facts(m, i, &[], Some(at));
            for hit in set.evaluate(&facts, at.date()) {
                let _ = hit.explanation.to_string();
            }
        }
    }
}

fuzz_target!(|data: &[u8]| {
    if let Ok(set) = piu_criteria::load(data) {
        evaluate(&set);
    }
    let Ok(expression) = std::str::from_utf8(data) else {
        return;
    };
    let file = serde_json::json!({
        "groups": {"airports": {"hubs": ["IST", "DXB"]}, "countries": {"risky": ["UTO"]}},
        "criteria": [{
            "id": "F-1", "version": 1, "author": "fuzz", "purpose": "serious-crime",
            "severity": "low", "valid_from": "2025-01-01", "target_agency": "police",
            "description": "fuzz", "expression": expression
        }]
    });
    match piu_criteria::load(file.to_string().as_bytes()) {
        Ok(set) => evaluate(&set),
        Err(errors) => {
            assert!(!errors.is_empty());
            for e in errors {
                let _ = e.to_string();
            }
        }
    }
});
