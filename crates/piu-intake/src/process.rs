//! The processing step: journaled messages are read, what they say is stored
//! and screened ([`piu_pipeline`]), and each outcome recorded. The worker and
//! `piu reprocess` run exactly this step.

use std::sync::Arc;

use piu_criteria::{CriteriaSet, InForce};
use piu_messages::{ReadOptions, Reading};
use piu_pipeline::{Applied, Plan};
use piu_screen::Screener;
use piu_store::{
    AuditActor, AuditEvent, AuditKind, AuditObject, AuditOutcome, AuditPurpose, LocatedError,
    MessageId, MessageStatus, NewAuditEvent, Store, StoreError,
};
use time::OffsetDateTime;

use crate::IntakeError;

/// What processing made of one message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    /// Every message in the bytes was read, and stored (or found stored before).
    Processed { messages: usize, applied: Applied },
    /// The bytes could not be read (wholly or in part), or what they say could
    /// not be stored; they stay in the journal.
    Quarantined(LocatedError),
}

/// Reads journaled messages, stores what they say, screens their travellers and
/// records each outcome. Cheap to clone.
#[derive(Debug, Clone)]
pub struct Processor {
    store: Store,
    screener: Arc<Screener>,
    criteria: Arc<InForce>,
}

/// Messages read and planned, waiting to be written.
pub struct PreparedPage(Vec<Prepared>);

/// A message read and planned, waiting to be written.
struct Prepared {
    id: MessageId,
    result: Result<Vec<Plan>, LocatedError>,
}

impl Processor {
    /// Screens against `screener`, whose lists may be replaced while running,
    /// and applies the `criteria` in force when a page is read.
    pub fn new(store: Store, screener: Arc<Screener>, criteria: Arc<InForce>) -> Processor {
        Processor {
            store,
            screener,
            criteria,
        }
    }

    pub fn store(&self) -> &Store {
        &self.store
    }

    /// Processes one message.
    pub async fn process(&self, id: MessageId) -> Result<Outcome, IntakeError> {
        let mut outcomes = self.process_batch(&[id]).await?;
        outcomes
            .pop()
            .map(|(_, outcome)| outcome)
            .ok_or_else(|| IntakeError::Reader("a batch of one gave no outcome".to_owned()))
    }

    /// Processes messages together: reading, planning and screening off the
    /// async threads, then one transaction that stores every readable message
    /// and marks it processed, so a crash leaves each message either wholly
    /// applied and processed or untouched. If that transaction fails, each
    /// message is tried alone and one whose records cannot be stored is
    /// quarantined with the reason, so one message never holds up the rest.
    pub async fn process_batch(
        &self,
        ids: &[MessageId],
    ) -> Result<Vec<(MessageId, Outcome)>, IntakeError> {
        let mut statuses = Vec::with_capacity(ids.len());
        for &id in ids {
            statuses.push(self.store.status(id).await?);
        }
        self.process_page(&statuses).await
    }

    /// [`Processor::process_batch`] for messages whose statuses the caller
    /// already holds (the worker's page of waiting messages).
    pub async fn process_page(
        &self,
        statuses: &[MessageStatus],
    ) -> Result<Vec<(MessageId, Outcome)>, IntakeError> {
        let page = self.prepare(statuses).await?;
        self.write(page).await
    }

    /// The first half of processing a page: its bytes fetched, read, planned
    /// and screened, nothing written. The worker prepares the next page while
    /// this one is written.
    pub async fn prepare(&self, statuses: &[MessageStatus]) -> Result<PreparedPage, IntakeError> {
        let ids: Vec<MessageId> = statuses.iter().map(|status| status.id).collect();
        let bytes = self.store.bytes_of(&ids).await?;
        let inputs: Vec<_> = statuses
            .iter()
            .zip(bytes)
            .map(|(status, bytes)| (status.id, status.first_received_at.date(), bytes))
            .collect();
        let screener = Arc::clone(&self.screener);
        let criteria = self.criteria.current();
        // Reading and screening are CPU work on up to the size limit.
        let prepared = tokio::task::spawn_blocking(move || {
            let today = OffsetDateTime::now_utc().date();
            inputs
                .into_iter()
                .map(|(id, received, bytes)| {
                    prepare(id, received, &bytes, &screener, &criteria, today)
                })
                .collect::<Vec<_>>()
        })
        .await
        .map_err(|error| IntakeError::Reader(error.to_string()))?;
        Ok(PreparedPage(prepared))
    }

    /// The second half: what a prepared page says written in one transaction
    /// with the messages marked processed, or message by message if that
    /// fails; see [`Processor::process_batch`].
    pub async fn write(
        &self,
        page: PreparedPage,
    ) -> Result<Vec<(MessageId, Outcome)>, IntakeError> {
        let prepared = page.0;
        if prepared.is_empty() {
            return Ok(Vec::new());
        }
        let mut outcomes = Vec::with_capacity(prepared.len());
        match self.store_all(&prepared).await {
            Ok(applied) => {
                for (item, applied) in prepared.iter().zip(applied) {
                    let outcome = match (&item.result, applied) {
                        (Ok(plans), Some(applied)) => Outcome::Processed {
                            messages: plans.len(),
                            applied,
                        },
                        (Err(error), _) => Outcome::Quarantined(error.clone()),
                        (Ok(_), None) => continue,
                    };
                    outcomes.push((item.id, outcome));
                }
            }
            Err(_) if prepared.len() > 1 => {
                for item in &prepared {
                    outcomes.push((item.id, self.store_alone(item).await?));
                }
                return Ok(outcomes);
            }
            Err(error) => {
                outcomes.push((
                    prepared[0].id,
                    self.quarantine_unstorable(&prepared[0], error).await?,
                ));
                return Ok(outcomes);
            }
        }
        for (id, outcome) in &outcomes {
            if let Outcome::Quarantined(error) = outcome {
                self.store.mark_quarantined(*id, error).await?;
            }
        }
        Ok(outcomes)
    }

    /// Stores every readable message of the batch in one transaction; `None`
    /// for the unreadable ones.
    async fn store_all(&self, prepared: &[Prepared]) -> Result<Vec<Option<Applied>>, IntakeError> {
        let mut tx = self.store.records().await?;
        let mut results = Vec::with_capacity(prepared.len());
        for item in prepared {
            let Ok(plans) = &item.result else {
                results.push(None);
                continue;
            };
            let mut applied = Applied::default();
            for (part, plan) in plans.iter().enumerate() {
                let part = u64::try_from(part).unwrap_or(u64::MAX);
                applied.add(piu_pipeline::apply(&mut tx, item.id, part, plan).await?);
            }
            tx.mark_processed(item.id).await?;
            results.push(Some(applied));
        }
        let stored: Vec<String> = prepared
            .iter()
            .zip(&results)
            .filter(|(_, applied)| applied.is_some())
            .map(|(item, _)| item.id.0.to_string())
            .collect();
        if !stored.is_empty() {
            tx.audit(&collection_event(stored)?).await?;
        }
        tx.commit().await?;
        Ok(results)
    }

    async fn store_alone(&self, item: &Prepared) -> Result<Outcome, IntakeError> {
        let outcome = match &item.result {
            Err(error) => Outcome::Quarantined(error.clone()),
            Ok(plans) => match self.store_all(std::slice::from_ref(item)).await {
                Ok(mut applied) => Outcome::Processed {
                    messages: plans.len(),
                    applied: applied.pop().flatten().unwrap_or_default(),
                },
                Err(error) => return self.quarantine_unstorable(item, error).await,
            },
        };
        if let Outcome::Quarantined(error) = &outcome {
            self.store.mark_quarantined(item.id, error).await?;
        }
        Ok(outcome)
    }

    /// A message that read well but whose records could not be stored. If the
    /// store cannot even record that, the error goes up and the message waits.
    async fn quarantine_unstorable(
        &self,
        item: &Prepared,
        error: IntakeError,
    ) -> Result<Outcome, IntakeError> {
        let error = match (&item.result, error) {
            (Err(read), _) => read.clone(),
            (Ok(_), error) => {
                LocatedError::new(format!("storing what the message says failed: {error}"))
            }
        };
        self.store.mark_quarantined(item.id, &error).await?;
        Ok(Outcome::Quarantined(error))
    }
}

/// Reads one message and plans it. Two-digit years are placed against the day
/// the message was first received, so reprocessing later reads the same bytes
/// the same way.
fn prepare(
    id: MessageId,
    received: time::Date,
    bytes: &[u8],
    screener: &Screener,
    criteria: &[Arc<CriteriaSet>],
    today: time::Date,
) -> Prepared {
    let options = ReadOptions {
        reference_date: Some(received),
        ..ReadOptions::default()
    };
    let reading = piu_messages::read(bytes, &options);
    let result = match outcome_of(&reading) {
        Some(error) => Err(error),
        None => Ok(reading
            .messages
            .iter()
            .map(|message| piu_pipeline::plan(message, Some(screener), criteria, today, received))
            .collect()),
    };
    Prepared { id, result }
}

/// A journal entry is one unit: if any message in it failed, it is quarantined
/// as a whole (the messages that were read can be read again on reprocessing).
fn outcome_of(reading: &Reading) -> Option<LocatedError> {
    match reading.errors.first() {
        Some(first) => {
            let mut text = first.message.clone();
            let more = reading.errors.len() - 1;
            if more > 0 {
                text.push_str(&format!(
                    " (and {more} more error{})",
                    if more == 1 { "" } else { "s" }
                ));
            }
            let location = &first.location;
            let mut error = LocatedError::new(text).at(
                u64::try_from(location.offset).unwrap_or(u64::MAX),
                location.tag.as_deref(),
            );
            if error.segment.is_none() {
                error.segment = location.segment.map(|number| format!("segment {number}"));
            }
            Some(error)
        }
        None if reading.messages.is_empty() => Some(LocatedError::new(
            "no PAXLST or PNRGOV message was found in the bytes",
        )),
        None => None,
    }
}

/// The collection of personal data, as the audit chain records it: the
/// messages whose records were stored, by id, by the intake itself.
fn collection_event(message_ids: Vec<String>) -> Result<AuditEvent, IntakeError> {
    let count = message_ids.len();
    AuditEvent::new(NewAuditEvent {
        kind: AuditKind::Collection,
        actor: AuditActor::System {
            component: "intake".to_owned(),
        },
        purpose: AuditPurpose::Unbound,
        object_type: AuditObject::Message,
        object_ids: message_ids,
        reason: Some(format!("{count} message(s) read and stored")),
        outcome: AuditOutcome::Allowed,
        at: OffsetDateTime::now_utc(),
    })
    .map_err(|error| IntakeError::from(StoreError::Corrupt(error.to_string())))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn first_error_located_and_others_counted() {
        let reading = piu_messages::read(
            b"UNA:+.? 'UNB+UNOA:4+KL+AZ+261121:0930+1'UNH+1+PAXLST:D:05B:UN:IATA'\
              BGM+745'XYZ'UNT+4+1'UNZ+1+1'",
            &ReadOptions::default(),
        );
        let Some(error) = outcome_of(&reading) else {
            panic!("a broken message must be quarantined: {reading:?}");
        };
        assert!(error.byte_offset.is_some());
        assert!(!error.text.is_empty());
    }

    #[test]
    fn nothing_found_is_quarantined() {
        let reading = Reading::default();
        assert!(outcome_of(&reading).is_some());
    }
}
