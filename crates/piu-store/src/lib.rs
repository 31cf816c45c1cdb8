//! Persistence for OpenPIU, behind one interface on SQLite (the default, one file)
//! and PostgreSQL (production).
//!
//! First of all it holds the **journal**: the raw bytes of every message received,
//! stored once per SHA-256, every reception recorded, and what processing made of
//! each message (processed, or quarantined with a located error). Intake channels
//! write here before they acknowledge; readers and screening can always be re-run
//! from here.
//!
//! Then the **records** ([`RecordTx`]): flights, bookings and their versions,
//! travellers, links, persons and hits, written with the processed state of the
//! messages they came from in one transaction.
//!
//! And the **audit chain** ([`AuditEvent`], [`Store::verify_audit`]): every
//! collection, consultation, disclosure and erasure of personal data, each
//! record holding the hash of the one before, so that tampering shows.
//!
//! What this crate must never do:
//! - return a journal id before the bytes are committed durably — callers acknowledge
//!   on that id, so an id means "safe on disk";
//! - change or drop journaled bytes, also of a message that failed processing;
//! - update or delete an audit record, or append one without the chain's lock;
//! - hold domain logic: no parsing, no screening, no decisions — it stores what the
//!   layers above decide;
//! - let SQL or a database type leak out: callers see [`Store`] and plain values.
//!
//! One code path serves both databases: portable SQL with `$1` placeholders, one
//! migrations folder per dialect, the dialect chosen from the URL scheme
//! (`sqlite:` or `postgres:`). Statements go through sqlx's `Any` driver, except
//! on the paths every message takes (journal appends, record transactions):
//! those run through [`sql::Sql`], on SQLite in place on the writer's own
//! connection.

mod accounts;
mod api_tokens;
mod audit;
mod charts;
mod checkpoint;
mod criteria;
mod error;
mod iapi;
mod journal;
mod people;
mod records;
mod review;
mod sql;
mod statistics;
mod store;
#[cfg(feature = "testing")]
pub mod testing;
mod views;

pub use accounts::{
    CreateUserError, LoginCounters, NewSession, NewUser, SessionRecord, UserId, UserRecord,
};
pub use api_tokens::{ApiTokenRecord, NewApiToken};
pub use audit::{
    AuditActor, AuditAppended, AuditDamage, AuditEvent, AuditEventError, AuditExpectation,
    AuditHash, AuditKind, AuditObject, AuditOutcome, AuditPurpose, AuditRecord, AuditSummary,
    AuditVerdict, NewAuditEvent,
};
pub use charts::{BacklogCell, RouteTraffic};
pub use criteria::{
    Activation, AddCriterionError, BacktestRecord, BacktestTraveller, CriterionId, CriterionRecord,
    CriterionState, NewCriterion,
};
pub use error::{Refusal, StoreError};
pub use iapi::{IapiNotice, NewIapiNotice};
pub use journal::{
    Appended, Channel, Incoming, JournalSize, LocatedError, MessageId, MessageStatus, OwedReply,
    ProcessingState, Reception, ReceptionId, ReplyRecord, ReplySettlement, ReprocessSelection,
    Sha256Digest,
};
pub use people::{
    BookedFlight, BookingRecord, BookingVersionEntry, FlightRef, MAX_LIST, ScannedTraveller,
    TravelEntry,
};
pub use records::{
    BookingId, BookingState, BookingVersionRecord, Change, FlightFacts, FlightId, FlightKey,
    FlightRecord, FlightStatus, HIT_NOT_RELEVANT, HitId, HitPut, HitRecord, KeyedTraveller,
    LinkRecord, NewBookingVersion, NewHit, NewTraveller, PersonId, RecordCounts, RecordSource,
    RecordTx, TravellerId, TravellerPut, TravellerRecord, TravellerStatus,
};
pub use review::{
    CaseItem, CaseItemKind, CaseRecord, Disposition, HitNote, NewCase, NewReferral,
    ReferralDecision, ReferralFilter, ReferralRecord, ReferralRequest, ReferralState, ReviewCounts,
};
pub use store::{Backend, DEFAULT_MAX_MESSAGE_BYTES, Store, StoreOptions};
pub use views::{FlightSummary, HitFilter, MAX_PAGE, QueuedHit};
