//! The NATS channel against a real nats-server with JetStream (`PIU_TEST_NATS`,
//! default `nats://127.0.0.1:4222`; `.ci/services` starts one) and a real
//! journal. A server that does not answer fails the tests. Every test works on
//! a stream of its own, deleted at its end.

mod support;

use std::time::Duration;

use async_nats::HeaderMap;
use async_nats::jetstream::{self, Context, stream};
use piu_intake::Committer;
use piu_intake::nats::{NatsConfig, NatsIntake, REPLY_TO_HEADER, SENDER_HEADER};
use piu_store::{Channel, Sha256Digest, Store, StoreOptions, on_both_backends};
use support::{Server, TestDb, eventually, run_sqlite, test_config, test_options, unique_name};
use tokio::sync::oneshot;
use tokio::task::JoinHandle;

on_both_backends!(
    two_hundred_messages_are_journaled_once_and_acknowledged,
    refused_messages_are_terminated,
    store_failure_leaves_the_message_for_redelivery,
);

fn server_url() -> String {
    std::env::var("PIU_TEST_NATS").unwrap_or_else(|_| "nats://127.0.0.1:4222".to_owned())
}

async fn connect() -> Context {
    let url = server_url();
    let hint = "start it with .ci/services, or point PIU_TEST_NATS at one";
    let connecting = async_nats::ConnectOptions::new()
        .connection_timeout(Duration::from_secs(5))
        .connect(url.as_str());
    match tokio::time::timeout(Duration::from_secs(10), connecting).await {
        Ok(Ok(client)) => jetstream::new(client),
        Ok(Err(error)) => panic!("NATS (JetStream) at {url} did not answer: {error}; {hint}"),
        Err(_) => panic!("NATS (JetStream) at {url} did not answer within 10 s; {hint}"),
    }
}

/// A stream name and the subject prefix its messages are published under.
fn names() -> (String, String) {
    let stream = unique_name("PIU_TEST");
    let prefix = format!("piutest.{stream}");
    (stream, prefix)
}

fn config(stream: &str, prefix: &str) -> NatsConfig {
    NatsConfig::new(server_url(), stream, vec![format!("{prefix}.>")])
}

async fn create_stream(js: &Context, stream: &str, prefix: &str) {
    js.create_stream(stream::Config {
        name: stream.to_owned(),
        subjects: vec![format!("{prefix}.>")],
        // Gone within the hour should a test stop before deleting it.
        max_age: Duration::from_secs(3600),
        ..stream::Config::default()
    })
    .await
    .expect("create the stream");
}

/// Publishes and waits for the stream to store the message.
async fn publish(js: &Context, subject: String, bytes: &[u8], headers: HeaderMap) {
    js.publish_with_headers(subject, headers, bytes.to_vec().into())
        .await
        .expect("publish")
        .await
        .expect("stored by the stream");
}

/// Messages not yet delivered and delivered but not acknowledged.
async fn consumer_state(js: &Context, stream: &str, consumer: &str) -> Option<(u64, usize)> {
    let stream = js.get_stream(stream).await.ok()?;
    let info = stream.consumer_info(consumer).await.ok()?;
    Some((info.num_pending, info.num_ack_pending))
}

struct Running {
    stop: oneshot::Sender<()>,
    task: JoinHandle<()>,
}

impl Running {
    fn start(intake: NatsIntake) -> Running {
        let (stop, stopped) = oneshot::channel::<()>();
        let task = tokio::spawn(intake.run(async {
            let _ = stopped.await;
        }));
        Running { stop, task }
    }

    async fn stop(self) {
        let _ = self.stop.send(());
        tokio::time::timeout(Duration::from_secs(10), self.task)
            .await
            .expect("the intake stops within 10 s")
            .expect("the intake ends cleanly");
    }
}

fn message(number: usize) -> Vec<u8> {
    format!("UNA:+.? 'UNB+UNOA:4+KL+PIU+261121:0930+{number}'UNZ+0+{number}'").into_bytes()
}

async fn two_hundred_messages_are_journaled_once_and_acknowledged(db: TestDb) {
    let js = connect().await;
    let store = db.open().await;
    let (stream, prefix) = names();
    let mut serve_config = test_config();
    serve_config.nats = Some(config(&stream, &prefix));
    let server = Server::start_with(store.clone(), serve_config).await;
    // The intake creates the stream and its durable consumer.
    eventually(10, "the stream and consumer are created", || async {
        consumer_state(&js, &stream, "piu-intake").await.is_some()
    })
    .await;

    for number in 0..200 {
        let mut headers = HeaderMap::new();
        if number % 2 == 0 {
            headers.insert(REPLY_TO_HEADER, "piu.acks.KL");
        }
        if number == 199 {
            headers.insert(SENDER_HEADER, "J2");
        }
        publish(&js, format!("{prefix}.KL"), &message(number), headers).await;
    }
    // The same bytes again: one more reception of the same message.
    publish(&js, format!("{prefix}.KL"), &message(0), HeaderMap::new()).await;

    eventually(60, "201 receptions journaled", || async {
        store.journal_size().await.expect("size").receptions == 201
    })
    .await;
    server.stop().await;

    // Nothing pending, nothing unacknowledged.
    assert_eq!(
        consumer_state(&js, &stream, "piu-intake").await,
        Some((0, 0))
    );
    let size = store.journal_size().await.expect("size");
    assert_eq!((size.messages, size.receptions), (200, 201));
    for number in 0..200 {
        let id = store
            .find_by_hash(&Sha256Digest::of(&message(number)))
            .await
            .expect("lookup")
            .unwrap_or_else(|| panic!("message {number} is journaled"));
        let receptions = store.receptions(id).await.expect("receptions");
        assert_eq!(receptions.len(), if number == 0 { 2 } else { 1 });
        let reception = &receptions[0];
        assert_eq!(reception.channel, Channel::Nats);
        assert_eq!(reception.sender, if number == 199 { "J2" } else { "KL" });
        let reply_to = (number % 2 == 0).then_some("piu.acks.KL");
        assert_eq!(reception.reply_to.as_deref(), reply_to);
        let reference = reception.external_ref.as_deref().unwrap_or_default();
        assert!(reference.starts_with(&format!("{stream}:")), "{reference}");
    }
    let _ = js.delete_stream(&stream).await;
}

async fn refused_messages_are_terminated(db: TestDb) {
    let js = connect().await;
    let store = db
        .open_with(StoreOptions {
            max_message_bytes: 1024,
            ..test_options()
        })
        .await;
    let (stream, prefix) = names();
    create_stream(&js, &stream, &prefix).await;
    publish(&js, format!("{prefix}.KL"), &[b'X'; 2000], HeaderMap::new()).await;
    publish(&js, format!("{prefix}.KL"), b"", HeaderMap::new()).await;
    publish(&js, format!("{prefix}.KL"), &message(1), HeaderMap::new()).await;

    let intake = NatsIntake::new(
        store.clone(),
        Committer::start(store.clone()),
        config(&stream, &prefix),
    )
    .expect("a valid configuration");
    let counts = intake.counts();
    let running = Running::start(intake);
    eventually(20, "one journaled, two refused", || async {
        let now = counts.snapshot();
        (now.journaled, now.refused) == (1, 2)
    })
    .await;
    running.stop().await;

    // Terminated: neither pending nor waiting for an acknowledgement, and
    // never delivered again.
    let info = js
        .get_stream(&stream)
        .await
        .expect("stream")
        .consumer_info("piu-intake")
        .await
        .expect("consumer");
    assert_eq!((info.num_pending, info.num_ack_pending), (0, 0));
    assert_eq!(info.num_redelivered, 0);
    assert_eq!(info.ack_floor.stream_sequence, 3);
    let size = store.journal_size().await.expect("size");
    assert_eq!((size.messages, size.receptions), (1, 1));
    let _ = js.delete_stream(&stream).await;
}

async fn store_failure_leaves_the_message_for_redelivery(db: TestDb) {
    let js = connect().await;
    let (stream, prefix) = names();
    create_stream(&js, &stream, &prefix).await;
    publish(&js, format!("{prefix}.KL"), &message(7), HeaderMap::new()).await;
    let mut config = config(&stream, &prefix);
    config.ack_wait = Duration::from_secs(1);

    // A store that fails every write.
    let broken = db.open().await;
    broken.close().await;
    let intake = NatsIntake::new(
        broken.clone(),
        Committer::start(broken.clone()),
        config.clone(),
    )
    .expect("a valid configuration");
    let counts = intake.counts();
    let running = Running::start(intake);
    eventually(20, "a failed journal write", || async {
        counts.snapshot().retried >= 1
    })
    .await;
    running.stop().await;
    assert_eq!(counts.snapshot().journaled, 0);
    // Not acknowledged: still the server's to deliver.
    let (pending, unacknowledged) = consumer_state(&js, &stream, "piu-intake")
        .await
        .expect("the consumer");
    assert_eq!(pending + unacknowledged as u64, 1);

    let store = db.open().await;
    let intake = NatsIntake::new(store.clone(), Committer::start(store.clone()), config)
        .expect("a valid configuration");
    let counts = intake.counts();
    let running = Running::start(intake);
    eventually(20, "journaled once redelivered", || async {
        counts.snapshot().journaled == 1
    })
    .await;
    running.stop().await;
    assert_eq!(
        consumer_state(&js, &stream, "piu-intake").await,
        Some((0, 0))
    );
    let size = store.journal_size().await.expect("size");
    assert_eq!((size.messages, size.receptions), (1, 1));
    let _ = js.delete_stream(&stream).await;
}

/// Nobody listening: the intake keeps trying, without panicking, and still
/// stops when asked.
#[tokio::test]
async fn an_absent_server_is_retried_until_shutdown() {
    run_sqlite(|db: TestDb| async move {
        let store: Store = db.open().await;
        let intake = NatsIntake::new(
            store.clone(),
            Committer::start(store.clone()),
            NatsConfig::new("nats://127.0.0.1:1", "PIU", vec!["piu.in.>".to_owned()]),
        )
        .expect("a valid configuration");
        let counts = intake.counts();
        let running = Running::start(intake);
        tokio::time::sleep(Duration::from_millis(800)).await;
        assert_eq!(counts.snapshot().sessions, 0);
        running.stop().await;
    })
    .await;
}
