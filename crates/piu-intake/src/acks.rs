//! Acknowledgements back to carriers over the broker they sent on: a message
//! that came over AMQP or NATS with a reply address gets its ACKRES or CONTRL
//! ([`crate::reply`]) published there once processing has an outcome.
//!
//! The store keeps what is owed (`journal_reply`, one row per reception with a
//! reply address, written with the reception), so each reception gets its own
//! answer, and one that was sent is not sent again after a restart or a
//! reprocessing. A sweep, run after each pass of the worker and at an
//! interval, claims each owed acknowledgement in the store before publishing
//! and settles it once the broker took it; a failed publish stays owed and is
//! tried again after `retry_after`, up to [`MAX_ATTEMPTS`].
//!
//! Exactly once as far as a broker allows: a stop between the broker taking
//! an acknowledgement and the store settling it sends it once more at the next
//! start. Every copy carries the same message id (`piu-ack-RECEPTION`; AMQP
//! `message_id`, NATS `Nats-Msg-Id`, which JetStream also deduplicates on), so
//! a carrier can tell a repeat.
//!
//! - AMQP: the default exchange with the reply queue as routing key,
//!   persistent, mandatory and confirmed: a queue that does not exist is a
//!   failed attempt. `correlation_id` is the carrier's `message_id`, `type`
//!   and the `piu-ack-kind` header name ACKRES or CONTRL, `piu-message-id`
//!   holds the journal id.
//! - NATS: a reply subject that a JetStream stream captures is published to
//!   it and the stream's acknowledgement awaited; any other subject gets a
//!   core publish (a carrier listening there receives it; nobody listening
//!   loses it, as core NATS does). Headers: `Piu-Ack-Kind`, `Piu-Message-Id`
//!   (the carrier's reference), `Piu-Journal-Id`.
//! - A reply address that leads back into the intake (the consumed queue, or
//!   a subject of the consumed stream) is never published to: the answer would
//!   come back in as a message.

use std::future::Future;
use std::sync::Arc;
use std::time::Duration;

use async_nats::HeaderMap;
use async_nats::jetstream::{self, context::GetStreamByNameErrorKind};
use lapin::options::{BasicPublishOptions, ConfirmSelectOptions};
use lapin::types::{AMQPValue, FieldTable, ShortString};
use lapin::{BasicProperties, Confirmation, Connection, ConnectionProperties};
use piu_store::{Channel, OwedReply, ProcessingState, ReplySettlement, Store};
use time::OffsetDateTime;
use tokio::sync::Notify;

use crate::IntakeError;
use crate::reply::{self, Acknowledgement};

/// How many owed acknowledgements are read from the store at a time.
const PAGE: u32 = 100;

/// Attempts after which an acknowledgement that keeps failing is given up
/// (settled with its last error): a reply queue that never comes is not
/// tried for ever.
pub const MAX_ATTEMPTS: u64 = 20;

/// How long one publish (with its confirmation) may take.
const PUBLISH_TIMEOUT: Duration = Duration::from_secs(10);

/// The content type of every acknowledgement.
const EDIFACT: &str = "application/edifact";

/// NATS headers on an acknowledgement.
pub const KIND_HEADER: &str = "Piu-Ack-Kind";
pub const MESSAGE_ID_HEADER: &str = "Piu-Message-Id";
pub const JOURNAL_ID_HEADER: &str = "Piu-Journal-Id";

/// Where acknowledgements go out, and what must not be answered into.
#[derive(Debug, Clone)]
pub struct AckConfig {
    /// The AMQP broker and the queue the intake consumes.
    pub amqp: Option<(String, String)>,
    /// The NATS server and the stream the intake consumes.
    pub nats: Option<(String, String)>,
    /// How long a failed attempt waits before the next.
    pub retry_after: Duration,
}

/// What one sweep did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct AckSummary {
    /// Published and taken by the broker.
    pub sent: u64,
    /// Nothing to send (XML, input without an envelope).
    pub none_due: u64,
    /// Failed this time; tried again later.
    pub failed: u64,
    /// Never to be sent (a reply address into the intake, too many failures).
    pub given_up: u64,
}

/// Why a publish did not happen.
enum PublishError {
    /// The broker cannot be reached: the rest of the sweep on this channel
    /// waits for the next one.
    Unreachable(String),
    /// This acknowledgement failed; try it again later.
    Failed(String),
    /// This reply address can never take it.
    Undeliverable(String),
}

/// Publishes owed acknowledgements; keeps one connection per broker, made
/// again after a failure.
#[derive(Debug)]
pub struct AckSender {
    store: Store,
    config: AckConfig,
    amqp: Option<AmqpReplies>,
    nats: Option<NatsReplies>,
}

impl AckSender {
    pub fn new(store: Store, config: AckConfig) -> AckSender {
        AckSender {
            store,
            amqp: config.amqp.clone().map(|(url, queue)| AmqpReplies {
                url,
                intake_queue: queue,
                session: None,
            }),
            nats: config.nats.clone().map(|(url, stream)| NatsReplies {
                url,
                intake_stream: stream,
                client: None,
            }),
            config,
        }
    }

    /// Sends every acknowledgement owed now, over each configured broker.
    pub async fn sweep(&mut self) -> Result<AckSummary, IntakeError> {
        let mut summary = AckSummary::default();
        if self.amqp.is_some() {
            self.sweep_channel(Channel::Amqp, &mut summary).await?;
        }
        if self.nats.is_some() {
            self.sweep_channel(Channel::Nats, &mut summary).await?;
        }
        Ok(summary)
    }

    /// Sweeps after each `processed` signal and every `interval`, until
    /// `shutdown`; a sweep under way finishes first. A store error is reported
    /// and the sweep tried again at the next round.
    pub async fn run(
        mut self,
        processed: Arc<Notify>,
        interval: Duration,
        shutdown: impl Future<Output = ()>,
    ) {
        let mut shutdown = std::pin::pin!(shutdown);
        loop {
            if let Err(error) = self.sweep().await {
                crate::report!("acknowledgements paused until the next round: {error}");
            }
            tokio::select! {
                () = &mut shutdown => return,
                () = processed.notified() => {}
                () = tokio::time::sleep(interval) => {}
            }
        }
    }

    async fn sweep_channel(
        &mut self,
        channel: Channel,
        summary: &mut AckSummary,
    ) -> Result<(), IntakeError> {
        // Fixed for the sweep: whatever it claims is newer, so it ends.
        let retry_before = OffsetDateTime::now_utc() - self.config.retry_after;
        loop {
            let owed = self.store.owed_replies(channel, retry_before, PAGE).await?;
            if owed.is_empty() {
                return Ok(());
            }
            for reply in owed {
                let now = OffsetDateTime::now_utc();
                if !self
                    .store
                    .claim_reply(reply.reception, now, retry_before)
                    .await?
                {
                    continue; // Settled or being tried elsewhere meanwhile.
                }
                let failure = match self.answer(&reply).await? {
                    Answered::Sent => {
                        summary.sent += 1;
                        continue;
                    }
                    Answered::NoneDue => {
                        summary.none_due += 1;
                        continue;
                    }
                    Answered::NotYet => {
                        // Put back to received meanwhile: owed again once it has
                        // an outcome, after the retry pause.
                        continue;
                    }
                    Answered::Failed(failure) => failure,
                };
                match failure {
                    PublishError::Unreachable(reason) => {
                        self.store.reply_failed(reply.reception, &reason).await?;
                        summary.failed += 1;
                        crate::report!(
                            "acknowledgements over {}: {reason}; trying again later",
                            channel.as_str()
                        );
                        return Ok(());
                    }
                    PublishError::Failed(reason) if reply.attempts + 1 < MAX_ATTEMPTS => {
                        self.store.reply_failed(reply.reception, &reason).await?;
                        summary.failed += 1;
                        crate::report!(
                            "acknowledgement of message {} to {:?}: {reason}; trying again later",
                            reply.message,
                            reply.reply_to
                        );
                    }
                    PublishError::Failed(reason) | PublishError::Undeliverable(reason) => {
                        let reason = format!("given up: {reason}");
                        let settlement = ReplySettlement::Undeliverable { reason: &reason };
                        self.store
                            .settle_reply(reply.reception, settlement, OffsetDateTime::now_utc())
                            .await?;
                        summary.given_up += 1;
                        crate::report!(
                            "acknowledgement of message {} to {:?}: {reason}",
                            reply.message,
                            reply.reply_to
                        );
                    }
                }
            }
        }
    }

    /// Makes the acknowledgement of one claimed reception and publishes it;
    /// settles it in the store when it needs nothing more.
    async fn answer(&mut self, reply: &OwedReply) -> Result<Answered, IntakeError> {
        let status = self.store.status(reply.message).await?;
        if status.state == ProcessingState::Received {
            return Ok(Answered::NotYet);
        }
        let bytes = self.store.bytes(reply.message).await?;
        let now = OffsetDateTime::now_utc();
        let Some(ack) = reply::acknowledgement(reply.message, &bytes, &status, now) else {
            self.store
                .settle_reply(reply.reception, ReplySettlement::NoneDue, now)
                .await?;
            return Ok(Answered::NoneDue);
        };
        let published = match reply.channel {
            Channel::Amqp => match &mut self.amqp {
                Some(amqp) => amqp.publish(reply, &ack).await,
                None => Err(PublishError::Unreachable("AMQP is not configured".into())),
            },
            Channel::Nats => match &mut self.nats {
                Some(nats) => nats.publish(reply, &ack).await,
                None => Err(PublishError::Unreachable("NATS is not configured".into())),
            },
            other => Err(PublishError::Undeliverable(format!(
                "no acknowledgement is sent over {}",
                other.as_str()
            ))),
        };
        match published {
            Ok(()) => {
                let settlement = ReplySettlement::Sent { kind: ack.kind };
                self.store
                    .settle_reply(reply.reception, settlement, OffsetDateTime::now_utc())
                    .await?;
                Ok(Answered::Sent)
            }
            Err(failure) => Ok(Answered::Failed(failure)),
        }
    }
}

/// What became of one claimed acknowledgement.
enum Answered {
    Sent,
    NoneDue,
    /// Its message is being processed again.
    NotYet,
    Failed(PublishError),
}

/// The stable id of the acknowledgement for a reception: the same on every
/// copy, so a carrier (and JetStream) can drop a repeat.
fn ack_message_id(reply: &OwedReply) -> String {
    format!("piu-ack-{}", reply.reception)
}

/// Publishes to AMQP reply queues over one connection with publisher
/// confirmations.
#[derive(Debug)]
struct AmqpReplies {
    url: String,
    intake_queue: String,
    session: Option<(Connection, lapin::Channel)>,
}

impl AmqpReplies {
    async fn publish(
        &mut self,
        reply: &OwedReply,
        ack: &Acknowledgement,
    ) -> Result<(), PublishError> {
        if reply.reply_to == self.intake_queue {
            return Err(PublishError::Undeliverable(format!(
                "the reply queue {:?} is the queue the intake consumes",
                reply.reply_to
            )));
        }
        let queue = ShortString::try_new(reply.reply_to.clone())
            .map_err(|error| PublishError::Undeliverable(format!("reply queue: {error}")))?;
        let channel = self.channel().await?;
        let properties = amqp_properties(reply, ack);
        let publishing = async {
            channel
                .basic_publish(
                    "".into(),
                    queue,
                    BasicPublishOptions {
                        mandatory: true,
                        ..BasicPublishOptions::default()
                    },
                    &ack.bytes,
                    properties,
                )
                .await?
                .await
        };
        let confirmation = match tokio::time::timeout(PUBLISH_TIMEOUT, publishing).await {
            Ok(Ok(confirmation)) => confirmation,
            Ok(Err(error)) => {
                self.session = None;
                return Err(PublishError::Failed(format!("AMQP publish: {error}")));
            }
            Err(_) => {
                self.session = None;
                return Err(PublishError::Failed(format!(
                    "AMQP publish: no confirmation within {} s",
                    PUBLISH_TIMEOUT.as_secs()
                )));
            }
        };
        match confirmation {
            Confirmation::Ack(None) => Ok(()),
            Confirmation::Ack(Some(_)) => Err(PublishError::Failed(format!(
                "the reply queue {:?} does not exist",
                reply.reply_to
            ))),
            other => Err(PublishError::Failed(format!(
                "the broker did not take it ({other:?})"
            ))),
        }
    }

    /// The confirming channel, connecting first when there is none.
    async fn channel(&mut self) -> Result<lapin::Channel, PublishError> {
        if let Some((connection, channel)) = &self.session
            && connection.status().connected()
            && channel.status().connected()
        {
            return Ok(channel.clone());
        }
        let connecting = async {
            let connection = Connection::connect(
                &self.url,
                ConnectionProperties::default().with_connection_name("piu-acks".into()),
            )
            .await?;
            let channel = connection.create_channel().await?;
            channel
                .confirm_select(ConfirmSelectOptions::default())
                .await?;
            Ok::<_, lapin::Error>((connection, channel))
        };
        let (connection, channel) = match tokio::time::timeout(PUBLISH_TIMEOUT, connecting).await {
            Ok(Ok(session)) => session,
            Ok(Err(error)) => {
                return Err(PublishError::Unreachable(format!(
                    "cannot connect: {error}"
                )));
            }
            Err(_) => {
                return Err(PublishError::Unreachable(format!(
                    "cannot connect within {} s",
                    PUBLISH_TIMEOUT.as_secs()
                )));
            }
        };
        self.session = Some((connection, channel.clone()));
        Ok(channel)
    }
}

/// Persistent, with the kind, the carrier's reference and the journal id.
fn amqp_properties(reply: &OwedReply, ack: &Acknowledgement) -> BasicProperties {
    let mut headers = FieldTable::default();
    headers.insert(
        "piu-ack-kind".into(),
        AMQPValue::LongString(ack.kind.into()),
    );
    headers.insert(
        "piu-message-id".into(),
        AMQPValue::LongLongInt(reply.message.0),
    );
    let now = OffsetDateTime::now_utc().unix_timestamp();
    let mut properties = BasicProperties::default()
        .with_content_type(EDIFACT.into())
        .with_delivery_mode(2)
        .with_type(ack.kind.into())
        .with_app_id("piu".into())
        .with_message_id(ShortString::from(ack_message_id(reply)))
        .with_timestamp(u64::try_from(now).unwrap_or(0))
        .with_headers(headers);
    if let Some(reference) = reply
        .external_ref
        .as_ref()
        .and_then(|reference| ShortString::try_new(reference.clone()).ok())
    {
        properties = properties.with_correlation_id(reference);
    }
    properties
}

/// Publishes to NATS reply subjects over one connection.
#[derive(Debug)]
struct NatsReplies {
    url: String,
    intake_stream: String,
    client: Option<async_nats::Client>,
}

impl NatsReplies {
    async fn publish(
        &mut self,
        reply: &OwedReply,
        ack: &Acknowledgement,
    ) -> Result<(), PublishError> {
        let client = self.client().await?;
        let context = jetstream::new(client.clone());
        let subject = reply.reply_to.clone();
        let headers = nats_headers(reply, ack);
        let payload = ack.bytes.clone().into();
        let publishing = async {
            match context.stream_by_subject(subject.as_str()).await {
                Ok(stream) if stream == self.intake_stream => Err(PublishError::Undeliverable(
                    format!("the reply subject {subject:?} is in the stream the intake consumes"),
                )),
                Ok(stream) => {
                    let acked = context
                        .publish_with_headers(subject.clone(), headers, payload)
                        .await
                        .map_err(|error| PublishError::Failed(format!("publish: {error}")))?
                        .await;
                    acked.map(|_| ()).map_err(|error| {
                        PublishError::Failed(format!("stream {stream} did not store it: {error}"))
                    })
                }
                Err(error) if error.kind() == GetStreamByNameErrorKind::NotFound => {
                    client
                        .publish_with_headers(subject.clone(), headers, payload)
                        .await
                        .map_err(|error| PublishError::Failed(format!("publish: {error}")))?;
                    client
                        .flush()
                        .await
                        .map_err(|error| PublishError::Failed(format!("flush: {error}")))
                }
                Err(error) if error.kind() == GetStreamByNameErrorKind::InvalidSubject => {
                    Err(PublishError::Undeliverable(format!(
                        "{subject:?} is not a subject to publish to"
                    )))
                }
                Err(error) => Err(PublishError::Failed(format!(
                    "finding the stream of {subject:?}: {error}"
                ))),
            }
        };
        match tokio::time::timeout(PUBLISH_TIMEOUT, publishing).await {
            Ok(published) => published,
            Err(_) => Err(PublishError::Failed(format!(
                "NATS publish: no answer within {} s",
                PUBLISH_TIMEOUT.as_secs()
            ))),
        }
    }

    async fn client(&mut self) -> Result<async_nats::Client, PublishError> {
        // A client reconnects by itself: made once, then kept.
        if let Some(client) = &self.client {
            return Ok(client.clone());
        }
        let client = async_nats::ConnectOptions::new()
            .name("piu-acks")
            .connection_timeout(PUBLISH_TIMEOUT)
            .connect(self.url.as_str())
            .await
            .map_err(|error| PublishError::Unreachable(format!("cannot connect: {error}")))?;
        self.client = Some(client.clone());
        Ok(client)
    }
}

fn nats_headers(reply: &OwedReply, ack: &Acknowledgement) -> HeaderMap {
    let mut headers = HeaderMap::new();
    headers.insert(KIND_HEADER, ack.kind);
    headers.insert(JOURNAL_ID_HEADER, reply.message.to_string().as_str());
    headers.insert("Nats-Msg-Id", ack_message_id(reply).as_str());
    if let Some(reference) = &reply.external_ref {
        headers.insert(MESSAGE_ID_HEADER, reference.as_str());
    }
    headers
}
