//! Pre-determined risk criteria for a passenger information unit.
//!
//! Analysts write criteria as [CEL](https://cel.dev) expressions over facts
//! about one traveller — `traveller`, `booking`, `flight` and `history` — such
//! as `booking.hours_booked_before_departure < 48.0 && booking.paid_cash`.
//! This crate:
//!
//! - builds those facts from the passenger-data model ([`facts()`]), leaving out
//!   what criteria must not see: names, document numbers, contact details,
//!   free text, meal and medical SSR codes;
//! - loads criteria files ([`load`]): JSON with named airport and country
//!   groups and criteria with id, version, author, purpose, severity, validity
//!   dates and target agency. Every expression is compiled once and checked: a
//!   criterion that touches racial or ethnic origin, religion or belief,
//!   political opinion, trade union membership, health, sex life or sexual
//!   orientation — by a word, a meal or medical SSR code, or a free-text field —
//!   is refused ([`protected`]), and so is one naming a fact, function or group
//!   that does not exist, or mixing kinds of values;
//! - evaluates the criteria in force on a date ([`CriteriaSet::evaluate`]); a
//!   hit carries the expression and the values of the facts it names;
//! - back-tests one criterion over many travellers ([`backtest()`]).
//!
//! What it is not: it does not screen against watchlists, store anything,
//! decide about a person or pass hits on. Every hit is for a person to review;
//! the crate performs no I/O and reads no clock (the caller passes dates).
//! Expressions have no loops (only CEL's bounded macros `all`, `exists`,
//! `exists_one`, `map`, `filter`), no I/O, and nest at most
//! [`validate::MAX_DEPTH`] deep.

pub mod backtest;
pub mod evaluate;
pub mod facts;
pub mod file;
pub mod groups;
pub mod in_force;
pub mod protected;
pub mod schema;
pub mod validate;

pub use backtest::{BacktestReport, UnknownCriterion, backtest};
pub use evaluate::{CriterionHit, Explanation, Outcome};
pub use facts::{Fact, Facts, HistoryLeg, facts};
pub use file::{
    CriteriaError, CriteriaSet, Criterion, MAX_EXPRESSION_BYTES, Purpose, Severity,
    check_expression, load,
};
pub use groups::{Group, GroupKind, Groups};
pub use in_force::InForce;
pub use protected::Category;
