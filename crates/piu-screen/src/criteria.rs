//! Pre-determined criteria as hits: the criteria in force that a traveller's
//! facts meet become hits of the same shape as watchlist hits, so that review,
//! repeat detection and suppression treat both alike.

use piu_criteria::{CriteriaSet, CriterionHit, Facts};
use time::Date;

use crate::hit::{Hit, HitExplanation, HitKind};
use crate::subject::Subject;

/// The `list` of every criterion hit.
pub const CRITERIA_LIST: &str = "criteria";

/// The criteria in force on the subject's day (else `today`) that hit, as
/// hits. A criterion for border and migration purposes is not applied to PNR
/// data, as a list for those purposes is not.
pub fn criteria_hits(set: &CriteriaSet, facts: &Facts, subject: &Subject, today: Date) -> Vec<Hit> {
    let on = subject.on.unwrap_or(today);
    set.evaluate(facts, on)
        .into_iter()
        .filter(|h| subject.source.allows(h.purpose))
        .map(|h| criterion_hit(h, subject))
        .collect()
}

fn criterion_hit(h: CriterionHit, subject: &Subject) -> Hit {
    // The values the criterion saw: a reviewed false positive is raised again
    // only when one of them changes.
    let seen: Vec<String> = h
        .explanation
        .values
        .iter()
        .map(|(path, value)| match value {
            Some(v) => format!("{path}={v}"),
            None => format!("{path}="),
        })
        .collect();
    Hit {
        input_ref: subject.reference.clone(),
        kind: HitKind::Criterion,
        entry_id: h.id,
        list: CRITERIA_LIST.to_string(),
        version: h.version.to_string(),
        score: 1.0,
        severity: h.severity,
        purpose: h.purpose,
        target_agency: h.target_agency,
        explanation: HitExplanation {
            name: None,
            factors: Vec::new(),
            threshold: 1.0,
            criterion: Some(h.explanation.to_string()),
            provenance: None,
        },
        identity: subject.identity.clone(),
        fingerprint: seen.join("|"),
    }
}
