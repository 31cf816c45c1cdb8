//! Acknowledgement messages back to carriers, where their protocol expects one:
//! an ACKRES for a PNRGOV push, a CONTRL for other EDIFACT (PAXLST). XML pushes
//! and input that is not EDIFACT get none.
//!
//! An acknowledgement is made from the journaled bytes and the processing
//! outcome alone, so it can be made again at any time (the HTTP route) and
//! says the same thing each time. It is sent after processing, when the
//! outcome is known; the journal's 202 or broker ack says only that the bytes
//! are safe.

use piu_edifact::Limits;
use piu_messages::encode::ackres::{PushError, PushOutcome, ackres};
use piu_messages::encode::contrl::{Contrl, MessageFault, acknowledge, contrl};
use piu_messages::encode::{Outgoing, ResponseContext};
use piu_messages::{ReadError, ReadOptions};
use piu_model::LocalDateTime;
use piu_store::{MessageId, MessageStatus, ProcessingState};
use time::OffsetDateTime;

/// An acknowledgement to send.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Acknowledgement {
    /// `ACKRES` or `CONTRL`.
    pub kind: &'static str,
    pub bytes: Vec<u8>,
}

/// The acknowledgement for a processed or quarantined message; `None` while it
/// awaits processing, and for XML or input with no EDIFACT envelope to answer.
/// Outgoing references are made from the journal id, so they are unique and
/// the same on every making.
pub fn acknowledgement(
    id: MessageId,
    bytes: &[u8],
    status: &MessageStatus,
    now: OffsetDateTime,
) -> Option<Acknowledgement> {
    if status.state == ProcessingState::Received {
        return None;
    }
    let syntax = acknowledge(bytes, &Limits::default());
    let (received, mut report) = syntax.interchanges.into_iter().next()?;
    let reading = piu_messages::read(
        bytes,
        &ReadOptions {
            reference_date: Some(status.first_received_at.date()),
            ..ReadOptions::default()
        },
    );
    let context = reading
        .messages
        .first()
        .map(ResponseContext::from_message)
        .map(|context| ResponseContext {
            // The envelope as received is whom to answer, whatever was read.
            sender: received.sender.clone(),
            recipient: received.recipient.clone(),
            interchange_ref: received.interchange_ref.clone(),
            ..context
        })
        .unwrap_or(received);
    let quarantined = status.state == ProcessingState::Quarantined;
    let first_error = reading.errors.first();
    let reference = format!("{}", id.0 % 100_000_000_000_000);
    let prepared = OffsetDateTime::to_offset(now, time::UtcOffset::UTC);
    let out = Outgoing::new(
        &reference,
        "1",
        LocalDateTime::new(prepared.date(), Some(prepared.time())),
    );
    let is_push = report
        .messages
        .iter()
        .any(|message| message.message_type == "PNRGOV");
    if is_push {
        let outcome = if quarantined {
            PushOutcome::Rejected(first_error.map(push_error).into_iter().flatten().collect())
        } else {
            PushOutcome::Accepted
        };
        return Some(Acknowledgement {
            kind: "ACKRES",
            bytes: ackres(&context, &outcome, &out),
        });
    }
    if quarantined && report.messages.iter().all(|m| m.fault.is_none()) {
        // The syntax was sound but the content could not be read: say where.
        mark_content_error(&mut report, first_error);
    }
    Some(Acknowledgement {
        kind: "CONTRL",
        bytes: contrl(&context, &report, &out),
    })
}

/// A content error on the first message, placed by the first read error.
fn mark_content_error(report: &mut Contrl, error: Option<&ReadError>) {
    let Some(first) = report.messages.first_mut() else {
        return;
    };
    first.fault = Some(match error {
        Some(error) => MessageFault::from_read_error(error, Some(1)),
        None => MessageFault {
            code: piu_messages::encode::contrl::SyntaxErrorCode::InvalidValue,
            segment: None,
            tag: None,
            element: None,
        },
    });
}

/// The PADIS application errors a located error maps to: an invalid departure
/// time (103) or flight number (114) where the error is about one; otherwise
/// the rejection carries no code and the carrier asks the unit why.
fn push_error(error: &ReadError) -> Option<PushError> {
    let text = error.message.to_ascii_lowercase();
    let tvl = error.location.tag.as_deref() == Some("TVL");
    let words: String = error.message.chars().take(70).collect();
    if tvl && (text.contains("time") || text.contains("date")) {
        Some(PushError::new("103", Some(&words)))
    } else if tvl && text.contains("flight") {
        Some(PushError::new("114", Some(&words)))
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use piu_store::Sha256Digest;
    use time::macros::datetime;

    fn status(state: ProcessingState) -> MessageStatus {
        MessageStatus {
            id: MessageId(7),
            sha256: Sha256Digest([0; 32]),
            size: 1,
            first_received_at: datetime!(2026-11-21 09:30 UTC),
            state,
            attempts: 1,
            last_attempt_at: None,
            error: None,
        }
    }

    const NOW: OffsetDateTime = datetime!(2026-11-21 09:31 UTC);

    fn sample(path: &str) -> Vec<u8> {
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("../../samples")
            .join(path);
        std::fs::read(&path).expect("sample")
    }

    #[test]
    fn a_processed_push_gets_an_accepting_ackres() {
        let push = sample("pnrgov/v11-1-full-push-pnr-details.edi");
        let ack = acknowledgement(
            MessageId(7),
            &push,
            &status(ProcessingState::Processed),
            NOW,
        )
        .expect("an acknowledgement");
        assert_eq!(ack.kind, "ACKRES");
        let read = piu_messages::encode::ackres::read(&ack.bytes).expect("readable ACKRES");
        let text = String::from_utf8_lossy(&ack.bytes);
        assert!(text.contains("+AP"), "{text}");
        assert_eq!(read.len(), 1);
    }

    #[test]
    fn a_paxlst_gets_a_contrl_and_a_broken_one_is_rejected_where_it_breaks() {
        let paxlst = sample("paxlst/d05b-ferry-baku-aktau.edi");
        let ack = acknowledgement(
            MessageId(8),
            &paxlst,
            &status(ProcessingState::Processed),
            NOW,
        )
        .expect("an acknowledgement");
        assert_eq!(ack.kind, "CONTRL");
        let read = piu_messages::encode::contrl::read(&ack.bytes).expect("readable CONTRL");
        assert!(
            read[0].report.messages.iter().all(|m| m.fault.is_none()),
            "{read:?}"
        );
        assert_eq!(
            read[0].action,
            piu_messages::encode::contrl::Action::Acknowledged
        );

        let broken = b"UNA:+.? 'UNB+UNOA:4+KL+AZ+261121:0930+1'UNH+1+PAXLST:D:05B:UN:IATA'\
              BGM+745'XYZ'UNT+4+1'UNZ+1+1'";
        let ack = acknowledgement(
            MessageId(9),
            broken,
            &status(ProcessingState::Quarantined),
            NOW,
        )
        .expect("an acknowledgement");
        let read = piu_messages::encode::contrl::read(&ack.bytes).expect("readable CONTRL");
        let fault = read[0].report.messages[0]
            .fault
            .as_ref()
            .expect("the message rejected");
        assert!(fault.tag.is_some() || fault.segment.is_some(), "{fault:?}");
    }

    #[test]
    fn nothing_while_waiting_or_for_xml() {
        let push = sample("pnrgov/v11-1-full-push-pnr-details.edi");
        assert!(
            acknowledgement(MessageId(7), &push, &status(ProcessingState::Received), NOW).is_none()
        );
        let bare = sample("pnrgov/bare-message-without-unb.edi");
        assert!(
            acknowledgement(
                MessageId(7),
                &bare,
                &status(ProcessingState::Processed),
                NOW
            )
            .is_none()
        );
        let xml = std::fs::read_dir(
            std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../samples/pnrgov-xml"),
        )
        .expect("XML samples")
        .find_map(|entry| entry.ok().map(|entry| entry.path()))
        .map(|path| std::fs::read(path).expect("an XML sample"))
        .expect("an XML sample");
        assert!(
            acknowledgement(MessageId(7), &xml, &status(ProcessingState::Processed), NOW).is_none()
        );
    }
}
