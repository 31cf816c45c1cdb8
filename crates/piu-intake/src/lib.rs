//! Intake for OpenPIU: carriers' messages come in over HTTP, a drop folder, an
//! AMQP queue or a NATS JetStream stream, are journaled in [`piu_store`], and are
//! then read with [`piu_messages`] by a worker that marks each one processed or
//! quarantined.
//!
//! What this crate must never do:
//! - acknowledge a message before the journal write has committed: an HTTP answer
//!   of 202, a file moved to `done/`, an AMQP `basic.ack` or a JetStream `+ACK`
//!   means the bytes are durable; a message the journal refuses is rejected
//!   (AMQP, to the queue's dead-letter exchange) or terminated (JetStream) and
//!   reported, and one the store failed to take is left with the broker;
//! - lose bytes: a message that cannot be read is quarantined with its located
//!   error (text, byte offset, segment), never dropped, and a file that could not
//!   be journaled is moved aside with the reason, never deleted;
//! - read before journaling: reading happens only from the journal, so everything
//!   can be re-run from it ([`reprocess`]);
//! - keep a carrier's API token: only SHA-256 hashes of tokens are configured.
//!
//! The pieces: [`Processor`] (journaled messages → read → stored and screened
//! by [`piu_pipeline`] → outcome), [`Worker`]
//! (drains what awaits processing, also after a restart), [`http`] (the carrier
//! API), [`iapi`] (boarding directives at check-in and their later changes),
//! [`folder`] (the drop folder), [`amqp`] and [`nats`] (broker queues),
//! [`acks`] (acknowledgements back over the broker a message came on),
//! [`tokens`] (API tokens), and [`serve`], which runs them together.

pub mod acks;
pub mod amqp;
mod broker;
mod commit;
pub mod folder;
pub mod http;
pub mod iapi;
pub mod nats;
mod process;
pub mod reply;
mod serve;
pub mod tokens;
mod worker;

pub use broker::{ChannelCounts, CountsSnapshot};
pub use commit::{CommitError, Committer};
pub use process::{Outcome, Processor};
pub use serve::{ServeConfig, serve};
pub use worker::{DrainSummary, Worker, reprocess};

/// What can stop intake work (not a message failing to read: that is an
/// [`Outcome`]).
#[derive(Debug, thiserror::Error)]
pub enum IntakeError {
    #[error(transparent)]
    Store(#[from] piu_store::StoreError),
    #[error("reading a journaled message stopped unexpectedly: {0}")]
    Reader(String),
    #[error("{0}")]
    Io(#[from] std::io::Error),
    /// A channel's settings cannot work (a malformed URL, an empty name).
    #[error("configuration: {0}")]
    Config(String),
    /// Writing a page of processed messages stopped before it answered (it
    /// panicked, or the runtime is shutting down); nothing of it committed.
    #[error("writing processed messages stopped unexpectedly: {0}")]
    Writer(String),
}

/// Writes a line on stderr for the operator. A closed stderr is ignored rather
/// than stopping the service (`eprintln!` would panic).
macro_rules! report {
    ($($arg:tt)*) => {{
        use std::io::Write as _;
        let _ = writeln!(std::io::stderr(), "piu-intake: {}", format_args!($($arg)*));
    }};
}
pub(crate) use report;
