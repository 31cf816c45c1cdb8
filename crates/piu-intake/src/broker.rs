//! What the broker channels (AMQP, NATS) share: journaling one delivery and
//! saying what to answer the broker, counts of what they did, and the pause
//! between reconnections.

use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;

use axum::body::Bytes;
use piu_store::{Appended, Reception, Refusal, Store, StoreError};

use crate::{CommitError, Committer, Worker};

/// The longest sender, reference or reply address taken from a broker message;
/// longer ones are not recorded (AMQP short strings stop at 255 bytes too).
pub(crate) const MAX_FIELD: usize = 255;

/// How long a delivery whose journaling failed is held before it is handed
/// back: a store that is down is not hammered with immediate redeliveries.
pub(crate) const RETRY_PAUSE: Duration = Duration::from_secs(1);

/// `text` when it is worth recording: not empty and at most [`MAX_FIELD`] bytes.
pub(crate) fn field(text: &str) -> Option<&str> {
    (!text.is_empty() && text.len() <= MAX_FIELD).then_some(text)
}

/// What a broker channel has done since it started. Cheap to clone; clones
/// share the counts.
#[derive(Debug, Clone, Default)]
pub struct ChannelCounts(Arc<Counters>);

#[derive(Debug, Default)]
struct Counters {
    journaled: AtomicU64,
    refused: AtomicU64,
    retried: AtomicU64,
    sessions: AtomicU64,
}

/// The counts at one moment.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct CountsSnapshot {
    /// Journaled and acknowledged (duplicates included: each is a reception).
    pub journaled: u64,
    /// Refused by the journal (empty, too large) and rejected or terminated.
    pub refused: u64,
    /// Not journaled because the store failed; left with the broker.
    pub retried: u64,
    /// Connections on which consuming started (reconnections included).
    pub sessions: u64,
}

impl ChannelCounts {
    pub fn snapshot(&self) -> CountsSnapshot {
        CountsSnapshot {
            journaled: self.0.journaled.load(Ordering::Relaxed),
            refused: self.0.refused.load(Ordering::Relaxed),
            retried: self.0.retried.load(Ordering::Relaxed),
            sessions: self.0.sessions.load(Ordering::Relaxed),
        }
    }

    pub(crate) fn session_started(&self) {
        self.0.sessions.fetch_add(1, Ordering::Relaxed);
    }
}

/// What became of one delivery in the journal; the channel answers the broker
/// accordingly.
pub(crate) enum Verdict {
    /// Committed: acknowledge.
    Journaled(Appended),
    /// Never acceptable as it is: reject for good and report.
    Refused(Refusal),
    /// The store failed: leave the message with the broker.
    Failed(String),
}

/// The journal side of a broker channel.
#[derive(Debug, Clone)]
pub(crate) struct Journal {
    pub store: Store,
    pub committer: Committer,
    pub worker: Option<Worker>,
    pub counts: ChannelCounts,
}

impl Journal {
    /// Journals one delivery through the group commit and wakes the worker.
    pub async fn append(&self, bytes: Bytes, reception: Reception) -> Verdict {
        if let Err(refusal) = self.store.check_size(&bytes) {
            self.counts.0.refused.fetch_add(1, Ordering::Relaxed);
            return Verdict::Refused(refusal);
        }
        match self.committer.append(bytes, reception).await {
            Ok(appended) => {
                if let Some(worker) = &self.worker {
                    worker.wake();
                }
                self.counts.0.journaled.fetch_add(1, Ordering::Relaxed);
                Verdict::Journaled(appended)
            }
            Err(CommitError::Store(StoreError::Refused(refusal))) => {
                self.counts.0.refused.fetch_add(1, Ordering::Relaxed);
                Verdict::Refused(refusal)
            }
            Err(failure) => {
                self.counts.0.retried.fetch_add(1, Ordering::Relaxed);
                Verdict::Failed(failure.to_string())
            }
        }
    }
}

/// Pauses between attempts to reach a broker: doubling from a quarter second
/// up to half a minute, back to the start once consuming works again.
#[derive(Debug)]
pub(crate) struct Backoff {
    next: Duration,
}

const FIRST_PAUSE: Duration = Duration::from_millis(250);
const LONGEST_PAUSE: Duration = Duration::from_secs(30);

impl Backoff {
    pub fn new() -> Backoff {
        Backoff { next: FIRST_PAUSE }
    }

    pub fn next_pause(&mut self) -> Duration {
        let pause = self.next;
        self.next = (self.next * 2).min(LONGEST_PAUSE);
        pause
    }

    pub fn reset(&mut self) {
        self.next = FIRST_PAUSE;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pauses_double_up_to_a_ceiling_and_reset() {
        let mut backoff = Backoff::new();
        let pauses: Vec<Duration> = (0..10).map(|_| backoff.next_pause()).collect();
        assert_eq!(pauses[0], FIRST_PAUSE);
        assert_eq!(pauses[1], FIRST_PAUSE * 2);
        assert_eq!(pauses[9], LONGEST_PAUSE);
        backoff.reset();
        assert_eq!(backoff.next_pause(), FIRST_PAUSE);
    }

    #[test]
    fn fields_are_kept_only_when_short_and_present() {
        assert_eq!(field("KL"), Some("KL"));
        assert_eq!(field(""), None);
        assert_eq!(field(&"x".repeat(MAX_FIELD)).map(str::len), Some(MAX_FIELD));
        assert_eq!(field(&"x".repeat(MAX_FIELD + 1)), None);
    }
}
