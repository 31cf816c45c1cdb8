//! NATS JetStream: messages pulled through one durable consumer, each
//! acknowledged only after the journal has committed its bytes.
//!
//! - The stream is created with the configured subjects if it does not exist,
//!   and so is the durable pull consumer (explicit acknowledgement); existing
//!   ones are used as they are.
//! - `+ACK` after the commit, waiting for the server to confirm it. At most
//!   `max_in_flight` messages are unacknowledged at once (the consumer's
//!   `max_ack_pending`), journaled concurrently so the group commit joins them.
//! - The journal refusing a message (empty, over the size limit) is final:
//!   `+TERM`, so it is never delivered again, and a line on stderr with the
//!   reason (the server also publishes a `MSG_TERMINATED` advisory).
//! - The store failing is not final: no acknowledgement, so the server
//!   delivers the message again after `ack_wait`.
//! - Sender: the `Piu-Sender` header, else the last token of the subject
//!   (`piu.in.KL` → `KL`). External reference: the `Nats-Msg-Id` header, else
//!   `STREAM:SEQUENCE`. Reply address: the `Piu-Reply-To` header, recorded with
//!   the reception (see [`piu_store::Reception::reply_to`]).
//! - When the server goes away, the channel connects again after a pause that
//!   doubles up to 30 s. A message journaled whose acknowledgement was lost is
//!   delivered again and recorded as one more reception: nothing is lost.

use std::future::Future;
use std::pin::Pin;
use std::time::Duration;

use async_nats::HeaderMap;
use async_nats::jetstream::consumer::{AckPolicy, pull};
use async_nats::jetstream::{self, AckKind, stream};
use futures_util::StreamExt;
use piu_store::{Channel, Reception, Store};
use time::OffsetDateTime;
use tokio::task::JoinSet;

use crate::broker::{Backoff, ChannelCounts, Journal, Verdict, field};
use crate::{Committer, IntakeError, Worker};

/// The header naming the sender.
pub const SENDER_HEADER: &str = "Piu-Sender";
/// The header naming where answers go.
pub const REPLY_TO_HEADER: &str = "Piu-Reply-To";

/// Where to consume from.
#[derive(Debug, Clone)]
pub struct NatsConfig {
    /// `nats://host:port`, e.g. `nats://127.0.0.1:4222`.
    pub url: String,
    pub stream: String,
    /// The stream's subjects when it has to be created.
    pub subjects: Vec<String>,
    /// The durable consumer's name.
    pub consumer: String,
    /// Messages unacknowledged at most.
    pub max_in_flight: usize,
    /// How long the server waits for an acknowledgement before delivering a
    /// message again (when the consumer is created).
    pub ack_wait: Duration,
}

impl NatsConfig {
    pub fn new(
        url: impl Into<String>,
        stream: impl Into<String>,
        subjects: Vec<String>,
    ) -> NatsConfig {
        NatsConfig {
            url: url.into(),
            stream: stream.into(),
            subjects,
            consumer: "piu-intake".to_owned(),
            max_in_flight: 64,
            ack_wait: Duration::from_secs(30),
        }
    }
}

/// Consumes one JetStream stream into the journal until shut down.
#[derive(Debug)]
pub struct NatsIntake {
    config: NatsConfig,
    journal: Journal,
}

enum Ended {
    Shutdown,
    Lost(String),
}

impl NatsIntake {
    /// Checks the configuration; connecting happens in [`NatsIntake::run`].
    pub fn new(
        store: Store,
        committer: Committer,
        mut config: NatsConfig,
    ) -> Result<NatsIntake, IntakeError> {
        let name_ok = |name: &str| {
            !name.is_empty()
                && !name
                    .chars()
                    .any(|c| c.is_whitespace() || matches!(c, '.' | '*' | '>' | '/' | '\\'))
        };
        if !name_ok(&config.stream) {
            return Err(IntakeError::Config(format!(
                "NATS stream name {:?}: not empty, no spaces, dots, wildcards or slashes",
                config.stream
            )));
        }
        if !name_ok(&config.consumer) {
            return Err(IntakeError::Config(format!(
                "NATS consumer name {:?}: not empty, no spaces, dots, wildcards or slashes",
                config.consumer
            )));
        }
        if config.subjects.iter().any(|subject| subject.is_empty()) {
            return Err(IntakeError::Config("an empty NATS subject".to_owned()));
        }
        config.max_in_flight = config.max_in_flight.max(1);
        Ok(NatsIntake {
            config,
            journal: Journal {
                store,
                committer,
                worker: None,
                counts: ChannelCounts::default(),
            },
        })
    }

    /// Wakes `worker` after each message journaled.
    pub fn with_worker(mut self, worker: Worker) -> NatsIntake {
        self.journal.worker = Some(worker);
        self
    }

    pub fn counts(&self) -> ChannelCounts {
        self.journal.counts.clone()
    }

    /// Consumes until `shutdown` completes, connecting again whenever the
    /// connection or the consumer is lost. At shutdown, pulling stops and the
    /// messages being journaled are finished and acknowledged; messages pulled
    /// but not taken are delivered again after `ack_wait`.
    pub async fn run(self, shutdown: impl Future<Output = ()>) {
        let mut shutdown = std::pin::pin!(shutdown);
        let mut backoff = Backoff::new();
        loop {
            match self.session(&mut shutdown, &mut backoff).await {
                Ended::Shutdown => return,
                Ended::Lost(reason) => {
                    let pause = backoff.next_pause();
                    crate::report!(
                        "NATS stream {}: {reason}; connecting again in {} ms",
                        self.config.stream,
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

    async fn session<F: Future<Output = ()>>(
        &self,
        shutdown: &mut Pin<&mut F>,
        backoff: &mut Backoff,
    ) -> Ended {
        let config = &self.config;
        let setup = async {
            let client = async_nats::ConnectOptions::new()
                .name("piu-intake")
                .connection_timeout(Duration::from_secs(10))
                .connect(config.url.as_str())
                .await
                .map_err(|error| format!("cannot connect: {error}"))?;
            let context = jetstream::new(client.clone());
            let stream = context
                .get_or_create_stream(stream::Config {
                    name: config.stream.clone(),
                    subjects: config.subjects.clone(),
                    ..stream::Config::default()
                })
                .await
                .map_err(|error| format!("cannot find or create the stream: {error}"))?;
            let consumer: jetstream::consumer::PullConsumer = stream
                .get_or_create_consumer(
                    &config.consumer,
                    pull::Config {
                        durable_name: Some(config.consumer.clone()),
                        ack_policy: AckPolicy::Explicit,
                        ack_wait: config.ack_wait,
                        max_ack_pending: i64::try_from(config.max_in_flight).unwrap_or(i64::MAX),
                        ..pull::Config::default()
                    },
                )
                .await
                .map_err(|error| format!("cannot find or create consumer: {error}"))?;
            let messages = consumer
                .messages()
                .await
                .map_err(|error| format!("cannot pull: {error}"))?;
            Ok::<_, String>((client, messages))
        };
        let (client, mut messages) = tokio::select! {
            () = &mut *shutdown => return Ended::Shutdown,
            setup = setup => match setup {
                Ok(session) => session,
                Err(reason) => return Ended::Lost(reason),
            },
        };
        backoff.reset();
        self.journal.counts.session_started();
        let mut in_flight = JoinSet::new();
        let ended = loop {
            tokio::select! {
                () = &mut *shutdown => break Ended::Shutdown,
                message = messages.next(), if in_flight.len() < config.max_in_flight => match message {
                    Some(Ok(message)) => {
                        in_flight.spawn(handle(self.journal.clone(), config.stream.clone(), message));
                    }
                    Some(Err(error)) => break Ended::Lost(format!("pulling failed: {error}")),
                    None => break Ended::Lost("the consumer stopped delivering".to_owned()),
                },
                Some(_) = in_flight.join_next(), if !in_flight.is_empty() => {}
            }
        };
        drop(messages);
        while in_flight.join_next().await.is_some() {}
        let _ = client.drain().await;
        ended
    }
}

/// Journals one message, then acknowledges or terminates it, or leaves it for
/// redelivery.
async fn handle(journal: Journal, stream: String, message: jetstream::Message) {
    let reception = reception_of(&message, &stream);
    let describe = match &reception.external_ref {
        Some(reference) => format!("message {reference:?} from {}", reception.sender),
        None => format!("a message from {}", reception.sender),
    };
    match journal.append(message.payload.clone(), reception).await {
        Verdict::Journaled(appended) => {
            if let Err(error) = message.double_ack().await {
                crate::report!(
                    "NATS stream {stream}: {describe} is journaled as message {}, but its \
                     acknowledgement failed ({error}); a redelivery will be one more reception",
                    appended.id
                );
            }
        }
        Verdict::Refused(refusal) => {
            crate::report!("NATS stream {stream}: {describe} refused and terminated: {refusal}");
            if let Err(error) = message.double_ack_with(AckKind::Term).await {
                crate::report!("NATS stream {stream}: terminating {describe} failed: {error}");
            }
        }
        Verdict::Failed(failure) => {
            crate::report!(
                "NATS stream {stream}: {describe} could not be journaled ({failure}); \
                 the server delivers it again after the acknowledgement wait"
            );
        }
    }
}

/// The reception a JetStream message stands for.
fn reception_of(message: &jetstream::Message, stream: &str) -> Reception {
    let sequence = message.info().ok().map(|info| info.stream_sequence);
    reception_from(
        message.subject.as_str(),
        message.headers.as_ref(),
        sequence,
        stream,
    )
}

fn reception_from(
    subject: &str,
    headers: Option<&HeaderMap>,
    sequence: Option<u64>,
    stream: &str,
) -> Reception {
    let header = |name: &str| {
        headers
            .and_then(|headers| headers.get(name))
            .and_then(|value| field(value.as_str()))
            .map(str::to_owned)
    };
    let sender = header(SENDER_HEADER)
        .unwrap_or_else(|| subject.rsplit('.').next().unwrap_or(subject).to_owned());
    let mut reception = Reception::new(Channel::Nats, sender, OffsetDateTime::now_utc());
    let reference =
        header("Nats-Msg-Id").or_else(|| sequence.map(|sequence| format!("{stream}:{sequence}")));
    if let Some(reference) = reference {
        reception = reception.with_external_ref(reference);
    }
    if let Some(reply_to) = header(REPLY_TO_HEADER) {
        reception = reception.with_reply_to(reply_to);
    }
    reception
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sender_is_the_header_else_the_last_subject_token() {
        let mut headers = HeaderMap::new();
        headers.insert(SENDER_HEADER, "J2");
        headers.insert(REPLY_TO_HEADER, "piu.acks.J2");
        let reception = reception_from("piu.in.KL", Some(&headers), Some(7), "PIU");
        assert_eq!(reception.channel, Channel::Nats);
        assert_eq!(reception.sender, "J2");
        assert_eq!(reception.reply_to.as_deref(), Some("piu.acks.J2"));
        assert_eq!(reception.external_ref.as_deref(), Some("PIU:7"));

        let plain = reception_from("piu.in.KL", None, None, "PIU");
        assert_eq!(plain.sender, "KL");
        assert_eq!((plain.external_ref, plain.reply_to), (None, None));
        assert_eq!(reception_from("single", None, None, "PIU").sender, "single");

        let mut identified = HeaderMap::new();
        identified.insert("Nats-Msg-Id", "m-1");
        identified.insert(SENDER_HEADER, "");
        let reception = reception_from("piu.in.KL", Some(&identified), Some(7), "PIU");
        assert_eq!(reception.external_ref.as_deref(), Some("m-1"));
        assert_eq!(reception.sender, "KL");
    }

    #[test]
    fn bad_names_are_refused_before_connecting() {
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .expect("a runtime");
        runtime.block_on(async {
            let folder = tempfile::tempdir().expect("a temporary folder");
            let url = format!("sqlite:{}", folder.path().join("j.db").display());
            let store = Store::open(&url).await.expect("store");
            let committer = Committer::start(store.clone());
            let subjects = vec!["piu.in.>".to_owned()];
            let mut configs = vec![
                NatsConfig::new("nats://127.0.0.1:4222", "", subjects.clone()),
                NatsConfig::new("nats://127.0.0.1:4222", "a.b", subjects.clone()),
                NatsConfig::new("nats://127.0.0.1:4222", "PIU", vec![String::new()]),
            ];
            let mut unnamed = NatsConfig::new("nats://127.0.0.1:4222", "PIU", subjects);
            unnamed.consumer = "x y".to_owned();
            configs.push(unnamed);
            for config in configs {
                assert!(matches!(
                    NatsIntake::new(store.clone(), committer.clone(), config),
                    Err(IntakeError::Config(_))
                ));
            }
        });
    }
}
