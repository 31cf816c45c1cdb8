//! AMQP 0-9-1 (RabbitMQ): messages consumed from one durable queue, each
//! acknowledged only after the journal has committed its bytes.
//!
//! - The queue is declared durable if it does not exist; an existing queue is
//!   used as it is (with the arguments its operator gave it).
//! - Acknowledgements are manual, one delivery at a time: `basic.ack` after the
//!   commit. At most `prefetch` deliveries are unacknowledged at once, and those
//!   are journaled concurrently so that the group commit can join them.
//! - The journal refusing a message (empty, over the size limit) is final:
//!   `basic.reject` without requeue, and a line on stderr with the reason. The
//!   broker then drops the message unless the queue has a dead-letter exchange
//!   (`x-dead-letter-exchange`, by argument or policy), which then receives it:
//!   operators should give the queue one.
//! - The store failing is not final: the delivery is held for a moment, then
//!   `basic.nack` with requeue, so the message stays with the broker.
//! - Sender: the message's `app_id` property (the carrier code the publisher
//!   sets), else its `user_id` (RabbitMQ checks it is the publishing account),
//!   else the queue's name. External reference: `message_id`. Reply address:
//!   the `reply_to` property, recorded with the reception (see
//!   [`piu_store::Reception::reply_to`]).
//! - When the broker goes away (or cancels the consumer, or the queue is
//!   deleted), the channel connects again after a pause that doubles up to 30 s.
//!   A message journaled whose acknowledgement was lost is delivered again and
//!   recorded as one more reception of the same message: nothing is lost.

use std::future::Future;
use std::pin::Pin;

use axum::body::Bytes;
use futures_util::StreamExt;
use lapin::message::Delivery;
use lapin::options::{
    BasicAckOptions, BasicCancelOptions, BasicConsumeOptions, BasicNackOptions, BasicQosOptions,
    BasicRejectOptions, QueueDeclareOptions,
};
use lapin::types::{FieldTable, ShortString};
use lapin::uri::AMQPUri;
use lapin::{BasicProperties, Channel as AmqpChannel, Connection, ConnectionProperties};
use piu_store::{Channel, Reception, Store};
use time::OffsetDateTime;
use tokio::task::JoinSet;

use crate::broker::{Backoff, ChannelCounts, Journal, RETRY_PAUSE, Verdict, field};
use crate::{Committer, IntakeError, Worker};

/// Where to consume from.
#[derive(Debug, Clone)]
pub struct AmqpConfig {
    /// `amqp://user:password@host:port/vhost`, e.g.
    /// `amqp://guest:guest@127.0.0.1:5672/%2f`.
    pub url: String,
    pub queue: String,
    /// Deliveries unacknowledged at most (`basic.qos`), which is also how many
    /// are being journaled at once.
    pub prefetch: u16,
}

impl AmqpConfig {
    pub fn new(url: impl Into<String>, queue: impl Into<String>) -> AmqpConfig {
        AmqpConfig {
            url: url.into(),
            queue: queue.into(),
            prefetch: 64,
        }
    }
}

/// Consumes one queue into the journal until shut down.
#[derive(Debug)]
pub struct AmqpIntake {
    url: String,
    queue: ShortString,
    prefetch: u16,
    journal: Journal,
}

/// How one connection ended.
enum Ended {
    Shutdown,
    Lost(String),
}

impl AmqpIntake {
    /// Checks the URL and the queue name; connecting happens in [`AmqpIntake::run`].
    pub fn new(
        store: Store,
        committer: Committer,
        config: AmqpConfig,
    ) -> Result<AmqpIntake, IntakeError> {
        config
            .url
            .parse::<AMQPUri>()
            .map_err(|error| IntakeError::Config(format!("AMQP URL: {error}")))?;
        if config.queue.is_empty() {
            return Err(IntakeError::Config("the AMQP queue name is empty".into()));
        }
        let queue = ShortString::try_new(config.queue)
            .map_err(|error| IntakeError::Config(format!("AMQP queue name: {error}")))?;
        Ok(AmqpIntake {
            url: config.url,
            queue,
            prefetch: config.prefetch.max(1),
            journal: Journal {
                store,
                committer,
                worker: None,
                counts: ChannelCounts::default(),
            },
        })
    }

    /// Wakes `worker` after each message journaled.
    pub fn with_worker(mut self, worker: Worker) -> AmqpIntake {
        self.journal.worker = Some(worker);
        self
    }

    pub fn counts(&self) -> ChannelCounts {
        self.journal.counts.clone()
    }

    /// Consumes until `shutdown` completes, connecting again whenever the
    /// connection is lost. At shutdown, consuming is cancelled, the messages
    /// being journaled are finished and acknowledged, and the connection is
    /// closed; deliveries not yet taken go back to the queue.
    pub async fn run(self, shutdown: impl Future<Output = ()>) {
        let shutdown = std::pin::pin!(shutdown);
        let mut shutdown = shutdown;
        let mut backoff = Backoff::new();
        loop {
            match self.session(&mut shutdown, &mut backoff).await {
                Ended::Shutdown => return,
                Ended::Lost(reason) => {
                    let pause = backoff.next_pause();
                    crate::report!(
                        "AMQP queue {}: {reason}; connecting again in {} ms",
                        self.queue,
                        pause.as_millis()
                    );
                    tokio::select! {
                        () = &mut shutdown => return,
                        () = tokio::time::sleep(pause) => {}
                    }
                }
            }
        }
    }

    /// One connection: set up, then consume until it fails or shutdown.
    async fn session<F: Future<Output = ()>>(
        &self,
        shutdown: &mut Pin<&mut F>,
        backoff: &mut Backoff,
    ) -> Ended {
        let setup = async {
            let connection = Connection::connect(
                &self.url,
                ConnectionProperties::default().with_connection_name("piu-intake".into()),
            )
            .await?;
            let channel = declare(&connection, &self.queue).await?;
            channel
                .basic_qos(self.prefetch, BasicQosOptions::default())
                .await?;
            let consumer = channel
                .basic_consume(
                    self.queue.clone(),
                    "piu-intake".into(),
                    BasicConsumeOptions::default(),
                    FieldTable::default(),
                )
                .await?;
            Ok::<_, lapin::Error>((connection, channel, consumer))
        };
        let (connection, channel, mut consumer) = tokio::select! {
            () = &mut *shutdown => return Ended::Shutdown,
            setup = setup => match setup {
                Ok(session) => session,
                Err(error) => return Ended::Lost(format!("cannot consume: {error}")),
            },
        };
        backoff.reset();
        self.journal.counts.session_started();
        let limit = usize::from(self.prefetch);
        let mut in_flight = JoinSet::new();
        let ended = loop {
            tokio::select! {
                () = &mut *shutdown => break Ended::Shutdown,
                delivery = consumer.next(), if in_flight.len() < limit => match delivery {
                    Some(Ok(delivery)) => {
                        in_flight.spawn(handle(self.journal.clone(), self.queue.clone(), delivery));
                    }
                    Some(Err(error)) => break Ended::Lost(format!("the connection failed: {error}")),
                    None => break Ended::Lost("the broker cancelled consuming".to_owned()),
                },
                Some(_) = in_flight.join_next(), if !in_flight.is_empty() => {}
            }
        };
        if matches!(ended, Ended::Shutdown) {
            // No new deliveries; those buffered but not taken are requeued when
            // the channel closes.
            let _ = channel
                .basic_cancel("piu-intake".into(), BasicCancelOptions::default())
                .await;
        }
        // Journaled messages are acknowledged before the connection closes.
        while in_flight.join_next().await.is_some() {}
        let _ = channel.close(200, "piu-intake stops".into()).await;
        let _ = connection.close(200, "piu-intake stops".into()).await;
        ended
    }
}

/// A channel on which the queue exists: found as it is, else declared durable.
async fn declare(connection: &Connection, queue: &ShortString) -> lapin::Result<AmqpChannel> {
    let channel = connection.create_channel().await?;
    let passive = QueueDeclareOptions {
        passive: true,
        ..QueueDeclareOptions::default()
    };
    if channel
        .queue_declare(queue.clone(), passive, FieldTable::default())
        .await
        .is_ok()
    {
        return Ok(channel);
    }
    // A queue that is not there closes the channel that asked: a new one.
    let channel = connection.create_channel().await?;
    channel
        .queue_declare(
            queue.clone(),
            QueueDeclareOptions::durable(),
            FieldTable::default(),
        )
        .await?;
    Ok(channel)
}

/// Journals one delivery, then acknowledges, rejects or hands it back.
async fn handle(journal: Journal, queue: ShortString, delivery: Delivery) {
    let Delivery {
        properties,
        data,
        acker,
        ..
    } = delivery;
    let reception = reception_of(&properties, &queue);
    let describe = describe(&reception);
    match journal.append(Bytes::from(data), reception).await {
        Verdict::Journaled(appended) => {
            if let Err(error) = acker.ack(BasicAckOptions::default()).await {
                crate::report!(
                    "AMQP queue {queue}: {describe} is journaled as message {}, but its \
                     acknowledgement failed ({error}); a redelivery will be one more reception",
                    appended.id
                );
            }
        }
        Verdict::Refused(refusal) => {
            crate::report!(
                "AMQP queue {queue}: {describe} refused and rejected (to the queue's \
                 dead-letter exchange, if it has one): {refusal}"
            );
            if let Err(error) = acker.reject(BasicRejectOptions { requeue: false }).await {
                crate::report!("AMQP queue {queue}: rejecting {describe} failed: {error}");
            }
        }
        Verdict::Failed(failure) => {
            crate::report!(
                "AMQP queue {queue}: {describe} could not be journaled ({failure}); \
                 it goes back to the queue"
            );
            tokio::time::sleep(RETRY_PAUSE).await;
            let requeue = BasicNackOptions {
                multiple: false,
                requeue: true,
            };
            if let Err(error) = acker.nack(requeue).await {
                crate::report!(
                    "AMQP queue {queue}: handing back {describe} failed ({error}); the \
                     broker requeues it when the connection closes"
                );
            }
        }
    }
}

/// The reception an AMQP delivery stands for.
fn reception_of(properties: &BasicProperties, queue: &ShortString) -> Reception {
    let text = |value: &Option<ShortString>| {
        value
            .as_ref()
            .and_then(|value| field(value.as_str()))
            .map(str::to_owned)
    };
    let sender = text(properties.app_id())
        .or_else(|| text(properties.user_id()))
        .unwrap_or_else(|| queue.to_string());
    let mut reception = Reception::new(Channel::Amqp, sender, OffsetDateTime::now_utc());
    if let Some(reference) = text(properties.message_id()) {
        reception = reception.with_external_ref(reference);
    }
    if let Some(reply_to) = text(properties.reply_to()) {
        reception = reception.with_reply_to(reply_to);
    }
    reception
}

/// "message ID from SENDER" for reports.
fn describe(reception: &Reception) -> String {
    match &reception.external_ref {
        Some(reference) => format!("message {reference:?} from {}", reception.sender),
        None => format!("a message from {}", reception.sender),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sender_is_app_id_then_user_id_then_the_queue() {
        let queue = ShortString::from("piu.in");
        let both = BasicProperties::default()
            .with_app_id("KL".into())
            .with_user_id("klm-account".into())
            .with_message_id("m-1".into())
            .with_reply_to("acks.kl".into());
        let reception = reception_of(&both, &queue);
        assert_eq!(reception.channel, Channel::Amqp);
        assert_eq!(reception.sender, "KL");
        assert_eq!(reception.external_ref.as_deref(), Some("m-1"));
        assert_eq!(reception.reply_to.as_deref(), Some("acks.kl"));

        let user = BasicProperties::default().with_user_id("klm-account".into());
        assert_eq!(reception_of(&user, &queue).sender, "klm-account");
        let none = reception_of(&BasicProperties::default(), &queue);
        assert_eq!(none.sender, "piu.in");
        assert_eq!((none.external_ref, none.reply_to), (None, None));
        let empty = BasicProperties::default().with_app_id("".into());
        assert_eq!(reception_of(&empty, &queue).sender, "piu.in");
    }

    #[test]
    fn bad_configuration_is_refused_before_connecting() {
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .expect("a runtime");
        runtime.block_on(async {
            let folder = tempfile::tempdir().expect("a temporary folder");
            let url = format!("sqlite:{}", folder.path().join("j.db").display());
            let store = Store::open(&url).await.expect("store");
            let committer = Committer::start(store.clone());
            let long = "q".repeat(300);
            for (url, queue) in [
                ("http://127.0.0.1/", "q"),
                ("amqp://127.0.0.1:5672/%2f", ""),
                ("amqp://127.0.0.1:5672/%2f", long.as_str()),
            ] {
                let config = AmqpConfig::new(url, queue);
                assert!(matches!(
                    AmqpIntake::new(store.clone(), committer.clone(), config),
                    Err(IntakeError::Config(_))
                ));
            }
        });
    }
}
