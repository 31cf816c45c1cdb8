//! The pipeline step: one journaled message is read and its outcome recorded.
//!
//! Kept as one function so that storing flights, travellers and bookings, and
//! screening them, are added here after reading, and both the worker and
//! `piu reprocess` run exactly the same step.

use piu_messages::{ReadOptions, Reading};
use piu_store::{LocatedError, MessageId, Store};

use crate::IntakeError;

/// What processing made of one message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    /// Every message in the bytes was read.
    Processed { messages: usize },
    /// The bytes could not be read (wholly or in part); they stay in the journal.
    Quarantined(LocatedError),
}

/// Reads the journaled message `id` and records the outcome: processed, or
/// quarantined with the first error located in its bytes.
///
/// Two-digit years are placed against the day the message was first received,
/// so that reprocessing later reads the same bytes the same way.
pub async fn process(store: &Store, id: MessageId) -> Result<Outcome, IntakeError> {
    let status = store.status(id).await?;
    let bytes = store.bytes(id).await?;
    let options = ReadOptions {
        reference_date: Some(status.first_received_at.date()),
        ..ReadOptions::default()
    };
    // Reading is CPU work on up to the size limit: off the async threads.
    let reading = tokio::task::spawn_blocking(move || piu_messages::read(&bytes, &options))
        .await
        .map_err(|error| IntakeError::Reader(error.to_string()))?;
    let outcome = outcome_of(&reading);
    match &outcome {
        Outcome::Processed { .. } => store.mark_processed(id).await?,
        Outcome::Quarantined(error) => store.mark_quarantined(id, error).await?,
    }
    Ok(outcome)
}

/// A journal entry is one unit: if any message in it failed, it is quarantined
/// as a whole (the messages that were read can be read again on reprocessing).
fn outcome_of(reading: &Reading) -> Outcome {
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
            Outcome::Quarantined(error)
        }
        None if reading.messages.is_empty() => Outcome::Quarantined(LocatedError::new(
            "no PAXLST or PNRGOV message was found in the bytes",
        )),
        None => Outcome::Processed {
            messages: reading.messages.len(),
        },
    }
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
        let Outcome::Quarantined(error) = outcome_of(&reading) else {
            panic!("a broken message must be quarantined: {reading:?}");
        };
        assert!(error.byte_offset.is_some());
        assert!(!error.text.is_empty());
    }

    #[test]
    fn nothing_found_is_quarantined() {
        let reading = Reading::default();
        assert!(matches!(outcome_of(&reading), Outcome::Quarantined(_)));
    }
}
