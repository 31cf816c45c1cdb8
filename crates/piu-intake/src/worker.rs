//! The worker: processes every journaled message that awaits processing, oldest
//! first, whenever a channel says something arrived and at a steady interval
//! (which also finds messages journaled by another process, or while this one
//! was down).

use std::sync::Arc;
use std::time::Duration;

use piu_criteria::InForce;
use piu_screen::Screener;
use piu_store::{ReprocessSelection, Store};
use tokio::sync::Notify;

use crate::IntakeError;
use crate::process::{Outcome, Processor};

/// How many waiting messages are fetched at a time.
const PAGE: u32 = 100;

/// What one pass over the waiting messages did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct DrainSummary {
    pub processed: u64,
    pub quarantined: u64,
}

/// Runs the [`Processor`] on waiting messages. Cheap to clone; clones share the
/// wake-up and the signal given after each pass.
#[derive(Debug, Clone)]
pub struct Worker {
    processor: Processor,
    wake: Arc<Notify>,
    drained: Arc<Notify>,
}

impl Worker {
    /// A worker that stores what messages say but screens against no list.
    pub fn new(store: Store) -> Worker {
        Worker::screening(store, Arc::new(Screener::default()), Arc::default())
    }

    /// A worker that also screens every new or changed traveller against the
    /// lists of `screener` and the `criteria` in force.
    pub fn screening(store: Store, screener: Arc<Screener>, criteria: Arc<InForce>) -> Worker {
        Worker {
            processor: Processor::new(store, screener, criteria),
            wake: Arc::new(Notify::new()),
            drained: Arc::new(Notify::new()),
        }
    }

    /// Signalled after every pass over the waiting messages, so that what
    /// follows processing (acknowledgements to carriers) need not poll.
    pub fn drained_signal(&self) -> Arc<Notify> {
        Arc::clone(&self.drained)
    }

    /// Asks the running worker to look for waiting messages now. A wake-up given
    /// while it is busy is kept, so nothing journaled meanwhile waits a full
    /// interval.
    pub fn wake(&self) {
        self.wake.notify_one();
    }

    /// Processes everything waiting now, including what arrives during the pass.
    /// Pages overlap: the next page is fetched, read and screened while this
    /// one is written, so the writer rarely waits for the reader.
    pub async fn drain(&self) -> Result<DrainSummary, IntakeError> {
        let mut summary = DrainSummary::default();
        let store = self.processor.store();
        let first = store.awaiting_processing(None, PAGE).await?;
        let Some(mut last) = first.last().map(|status| status.id) else {
            self.drained.notify_one();
            return Ok(summary);
        };
        let mut prepared = self.processor.prepare(&first).await?;
        loop {
            let next = store.awaiting_processing(Some(last), PAGE).await?;
            let processor = self.processor.clone();
            let (written, next_prepared) = tokio::join!(
                store.run_write(async move { processor.write(prepared).await }),
                self.processor.prepare(&next)
            );
            let written = written.map_err(|error| IntakeError::Writer(error.to_string()))?;
            for (_, outcome) in written? {
                match outcome {
                    Outcome::Processed { .. } => summary.processed += 1,
                    Outcome::Quarantined(_) => summary.quarantined += 1,
                }
            }
            let Some(next_last) = next.last().map(|status| status.id) else {
                self.drained.notify_one();
                return Ok(summary);
            };
            last = next_last;
            prepared = next_prepared?;
        }
    }

    /// Drains, then waits for a wake-up or `interval`, for ever. A store error is
    /// reported on stderr and retried at the next round: the messages stay in the
    /// journal, waiting.
    pub async fn run(self, interval: Duration) {
        loop {
            if let Err(error) = self.drain().await {
                crate::report!("processing paused until the next round: {error}");
            }
            let _ = tokio::time::timeout(interval, self.wake.notified()).await;
        }
    }

    /// Puts the selected messages back to received and processes everything
    /// that waits, synchronously. Running it again on the same journal gives the
    /// same states: reading is deterministic, and a message already applied to
    /// a flight is not applied again.
    pub async fn reprocess(
        &self,
        selection: ReprocessSelection<'_>,
    ) -> Result<(u64, DrainSummary), IntakeError> {
        let reset = self
            .processor
            .store()
            .reset_for_reprocessing(selection)
            .await?;
        Ok((reset, self.drain().await?))
    }
}

/// [`Worker::reprocess`] without screening.
pub async fn reprocess(
    store: &Store,
    selection: ReprocessSelection<'_>,
) -> Result<(u64, DrainSummary), IntakeError> {
    Worker::new(store.clone()).reprocess(selection).await
}
