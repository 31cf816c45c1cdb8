//! The pipeline after reading: each message read from the journal becomes
//! stored records — its flight, the manifest change or PNR push acted on,
//! travellers with their status, booking versions, links between API and PNR
//! records of one person, travel histories — and its travellers' hits.
//!
//! Two steps, so that CPU work stays off the async threads and writes stay
//! together: [`plan`] works out everything from the message (keys, hashes,
//! screening) without the store; [`apply`] writes a plan inside the caller's
//! [`piu_store::RecordTx`], where the message is also marked processed.
//!
//! What this crate must never do:
//! - apply a message to a flight twice (reprocessing writes nothing new);
//! - raise a hit again for a push that changes nothing;
//! - keep identifying data outside the `personal` fields and hashed match keys,
//!   so that depersonalisation has one place to act.

mod apply;
pub mod keys;
mod plan;

pub use apply::{Applied, apply};
pub use plan::{Action, Plan, PlannedBooking, PlannedFlight, PlannedTraveller, plan};
