//! Screening travellers against watchlists: an in-memory index of every listed
//! name and document, person matching on name and the evidence beside it, and
//! hits that say why.
//!
//! Criteria hits ([`criteria_hits`]) take the same shape, so review treats
//! both alike.
//!
//! Not here: reading watchlist files (`piu-watchlist`), the criteria language
//! (`piu-criteria`), storage of hits and reviews (a later layer; [`Ledger`]
//! keeps the rules in memory).

mod blocking;
mod criteria;
mod hit;
mod index;
mod ledger;
mod person;
mod postings;
mod screener;
mod subject;
mod years;

pub use criteria::{CRITERIA_LIST, criteria_hits};
pub use hit::{Hit, HitExplanation, HitKind, NameEvidence};
pub use index::{EntryRecord, Index, ListData};
pub use ledger::{Ledger, Recorded};
pub use person::Factor;
pub use screener::{MAX_CANDIDATES, Screened, Screener, screen};
pub use subject::{Source, Subject};
