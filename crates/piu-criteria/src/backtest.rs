//! Back-testing: how many travellers a criterion would have hit, before it is
//! switched on.

use std::collections::BTreeMap;

use serde::Serialize;
use time::Date;

use crate::evaluate::Outcome;
use crate::facts::Facts;
use crate::file::CriteriaSet;

/// How many example references a report keeps.
pub const EXAMPLES: usize = 10;

/// What one criterion made of a body of travellers.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct BacktestReport {
    pub criterion: String,
    pub version: u32,
    /// Whether the criterion is in force on the date asked about. Back-tests
    /// evaluate it whatever its dates: that is what they are for.
    pub in_force: bool,
    pub travellers: usize,
    pub hits: usize,
    /// `hits / travellers`, 0 when there were none.
    pub hit_rate: f64,
    /// Travellers it could not be evaluated on (counted as no hit), by reason,
    /// such as `missing booking.hours_booked_before_departure`.
    pub not_evaluable: BTreeMap<String, usize>,
    /// References of the first travellers hit ([`Facts::reference`]).
    pub examples: Vec<String>,
}

/// The criterion asked for is not in the set.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("no criterion {0:?} in the set")]
pub struct UnknownCriterion(pub String);

/// Evaluates criterion `criterion_id` of `set` on every traveller of `data`.
pub fn backtest(
    set: &CriteriaSet,
    criterion_id: &str,
    data: impl Iterator<Item = Facts>,
    on: Date,
) -> Result<BacktestReport, UnknownCriterion> {
    let c = set
        .get(criterion_id)
        .ok_or_else(|| UnknownCriterion(criterion_id.to_string()))?;
    let mut report = BacktestReport {
        criterion: c.id.clone(),
        version: c.version,
        in_force: c.valid_on(on),
        travellers: 0,
        hits: 0,
        hit_rate: 0.0,
        not_evaluable: BTreeMap::new(),
        examples: Vec::new(),
    };
    for facts in data {
        report.travellers += 1;
        match set.outcome_of(c, &facts) {
            Outcome::Hit => {
                report.hits += 1;
                if report.examples.len() < EXAMPLES {
                    report.examples.push(facts.reference().to_string());
                }
            }
            Outcome::NoHit => {}
            Outcome::NotEvaluable(reason) => *report.not_evaluable.entry(reason).or_default() += 1,
        }
    }
    if report.travellers > 0 {
        report.hit_rate = report.hits as f64 / report.travellers as f64;
    }
    Ok(report)
}
