//! Acknowledgements back over the broker a message came on, against a real
//! RabbitMQ (`PIU_TEST_AMQP`) and nats-server (`PIU_TEST_NATS`); `.ci/services`
//! starts both. A broker that does not answer fails the tests. Every test
//! works on queues and streams of its own, deleted at its end.

mod support;

use std::time::Duration;

use async_nats::HeaderMap;
use async_nats::jetstream::{self, Context, stream};
use futures_util::StreamExt;
use lapin::message::BasicGetMessage;
use lapin::options::{
    BasicGetOptions, BasicPublishOptions, ConfirmSelectOptions, QueueDeclareOptions,
    QueueDeleteOptions,
};
use lapin::types::{AMQPValue, FieldTable, ShortString};
use lapin::{BasicProperties, Connection, ConnectionProperties};
use piu_intake::ServeConfig;
use piu_intake::acks::{KIND_HEADER, MESSAGE_ID_HEADER};
use piu_intake::amqp::AmqpConfig;
use piu_intake::nats::{NatsConfig, REPLY_TO_HEADER};
use piu_messages::encode::ackres::{self, PushOutcome};
use piu_messages::encode::contrl::{self, Action};
use piu_store::{
    MessageId, ProcessingState, ReprocessSelection, Sha256Digest, Store, on_both_backends,
};
use support::{Server, TestDb, eventually, test_config, unique_name};

on_both_backends!(
    amqp_acknowledgements_go_to_each_reply_queue_once,
    nats_acknowledgements_go_to_each_reply_subject_once,
);

const PUSH: &[u8] = include_bytes!("../../../samples/pnrgov/v11-1-full-push-pnr-details.edi");
const BROKEN: &[u8] = include_bytes!("../../../samples/broken/invalid-tag-mid-message.edi");
const PAXLST: &[u8] = include_bytes!("../../../samples/paxlst/d05b-ferry-baku-aktau.edi");
const LATER: &[u8] =
    include_bytes!("../../../samples/paxlst/d05b-two-groups-passengers-and-crew.edi");

fn amqp_url() -> String {
    std::env::var("PIU_TEST_AMQP")
        .unwrap_or_else(|_| "amqp://guest:guest@127.0.0.1:5672/%2f".to_owned())
}

fn nats_url() -> String {
    std::env::var("PIU_TEST_NATS").unwrap_or_else(|_| "nats://127.0.0.1:4222".to_owned())
}

async fn amqp_connect() -> Connection {
    let url = amqp_url();
    match tokio::time::timeout(
        Duration::from_secs(10),
        Connection::connect(&url, ConnectionProperties::default()),
    )
    .await
    {
        Ok(Ok(connection)) => connection,
        Ok(Err(error)) => panic!("RabbitMQ at {url} did not answer: {error}; see .ci/services"),
        Err(_) => panic!("RabbitMQ at {url} did not answer within 10 s; see .ci/services"),
    }
}

async fn nats_connect() -> async_nats::Client {
    let url = nats_url();
    let connecting = async_nats::ConnectOptions::new()
        .connection_timeout(Duration::from_secs(5))
        .connect(url.as_str());
    match tokio::time::timeout(Duration::from_secs(10), connecting).await {
        Ok(Ok(client)) => client,
        Ok(Err(error)) => panic!("NATS at {url} did not answer: {error}; see .ci/services"),
        Err(_) => panic!("NATS at {url} did not answer within 10 s; see .ci/services"),
    }
}

/// The journal id of some bytes, once journaled and processed.
async fn processed(store: &Store, bytes: &[u8]) -> MessageId {
    let digest = Sha256Digest::of(bytes);
    for _ in 0..600 {
        if let Some(id) = store.find_by_hash(&digest).await.expect("lookup")
            && store.status(id).await.expect("status").state != ProcessingState::Received
        {
            return id;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    panic!("a message was not journaled and processed within 30 s");
}

/// Fails unless every acknowledgement owed for the message is settled as sent
/// with `kind`, one per reception with a reply address.
async fn settled_as(store: &Store, id: MessageId, kind: &str, receptions: usize) {
    let replies = store.replies(id).await.expect("replies");
    assert_eq!(replies.len(), receptions, "{replies:?}");
    for reply in replies {
        assert_eq!(reply.kind.as_deref(), Some(kind), "{reply:?}");
        assert!(reply.settled_at.is_some(), "{reply:?}");
        assert_eq!(reply.attempts, 1, "{reply:?}");
    }
}

fn assert_accepting_ackres(bytes: &[u8]) {
    let read = ackres::read(bytes).expect("a readable ACKRES");
    assert_eq!(read.len(), 1);
    assert_eq!(read[0].outcome, PushOutcome::Accepted);
}

fn assert_rejecting_contrl(bytes: &[u8]) {
    let read = contrl::read(bytes).expect("a readable CONTRL");
    assert_eq!(read.len(), 1);
    let rejected = read[0].action == Action::Rejected
        || read[0]
            .report
            .messages
            .iter()
            .any(|message| message.fault.is_some());
    assert!(rejected, "the CONTRL reports no rejection: {read:?}");
}

// --- AMQP ---------------------------------------------------------------

async fn declare(connection: &Connection, queue: &str) {
    let mut arguments = FieldTable::default();
    arguments.insert("x-expires".into(), AMQPValue::LongUInt(600_000));
    let channel = connection.create_channel().await.expect("a channel");
    channel
        .queue_declare(queue.into(), QueueDeclareOptions::durable(), arguments)
        .await
        .expect("declare");
}

async fn ready(connection: &Connection, queue: &str) -> u32 {
    let channel = connection.create_channel().await.expect("a channel");
    let passive = QueueDeclareOptions {
        passive: true,
        ..QueueDeclareOptions::default()
    };
    let state = channel
        .queue_declare(queue.into(), passive, FieldTable::default())
        .await
        .expect("the queue exists");
    let _ = channel.close(200, "done".into()).await;
    state.message_count()
}

async fn take_all(connection: &Connection, queue: &str) -> Vec<BasicGetMessage> {
    let channel = connection.create_channel().await.expect("a channel");
    let mut taken = Vec::new();
    while let Some(message) = channel
        .basic_get(queue.into(), BasicGetOptions { no_ack: true })
        .await
        .expect("basic.get")
    {
        taken.push(message);
    }
    taken
}

async fn publish_amqp(
    channel: &lapin::Channel,
    queue: &str,
    bytes: &[u8],
    reference: &str,
    reply_to: Option<&str>,
) {
    let mut properties = BasicProperties::default()
        .with_app_id("KL".into())
        .with_message_id(ShortString::from(reference));
    if let Some(reply_to) = reply_to {
        properties = properties.with_reply_to(ShortString::from(reply_to));
    }
    channel
        .basic_publish(
            "".into(),
            queue.into(),
            BasicPublishOptions::default(),
            bytes,
            properties,
        )
        .await
        .expect("publish")
        .await
        .expect("confirmed");
}

fn amqp_serve_config(queue: &str) -> ServeConfig {
    let mut config = test_config();
    config.amqp = Some(AmqpConfig::new(amqp_url(), queue.to_owned()));
    config
}

async fn amqp_acknowledgements_go_to_each_reply_queue_once(db: TestDb) {
    let broker = amqp_connect().await;
    let store = db.open().await;
    let queue = unique_name("piu_test_acks_in");
    let replies = format!("{queue}_replies");
    let other_replies = format!("{queue}_other");
    declare(&broker, &queue).await;
    declare(&broker, &replies).await;
    declare(&broker, &other_replies).await;
    let channel = broker.create_channel().await.expect("a channel");
    channel
        .confirm_select(ConfirmSelectOptions::default())
        .await
        .expect("confirms");
    publish_amqp(&channel, &queue, PUSH, "push-1", Some(&replies)).await;
    publish_amqp(&channel, &queue, BROKEN, "manifest-2", Some(&replies)).await;
    publish_amqp(&channel, &queue, PAXLST, "quiet-3", None).await;
    // The same bytes again, answered to another queue.
    publish_amqp(&channel, &queue, PUSH, "push-1-again", Some(&other_replies)).await;

    let server = Server::start_with(store.clone(), amqp_serve_config(&queue)).await;
    eventually(30, "three acknowledgements published", || async {
        ready(&broker, &replies).await == 2 && ready(&broker, &other_replies).await == 1
    })
    .await;
    let push = processed(&store, PUSH).await;
    let broken = processed(&store, BROKEN).await;
    let quiet = processed(&store, PAXLST).await;
    assert_eq!(
        store.status(broken).await.expect("status").state,
        ProcessingState::Quarantined
    );
    eventually(10, "the acknowledgements are recorded as sent", || async {
        store
            .replies(push)
            .await
            .expect("replies")
            .iter()
            .all(|reply| reply.settled_at.is_some())
    })
    .await;
    settled_as(&store, push, "ACKRES", 2).await;
    settled_as(&store, broken, "CONTRL", 1).await;
    // Without a reply address nothing is owed, so nothing is published.
    assert!(store.replies(quiet).await.expect("replies").is_empty());

    let mut answers = take_all(&broker, &replies).await;
    answers.sort_by_key(|answer| answer.delivery.properties.correlation_id().clone());
    let kinds: Vec<(Option<&str>, Option<&str>)> = answers
        .iter()
        .map(|answer| {
            let properties = &answer.delivery.properties;
            (
                properties
                    .correlation_id()
                    .as_ref()
                    .map(ShortString::as_str),
                properties.kind().as_ref().map(ShortString::as_str),
            )
        })
        .collect();
    assert_eq!(
        kinds,
        [
            (Some("manifest-2"), Some("CONTRL")),
            (Some("push-1"), Some("ACKRES"))
        ]
    );
    for answer in &answers {
        let properties = &answer.delivery.properties;
        assert_eq!(*properties.delivery_mode(), Some(2), "persistent");
        assert_eq!(
            properties.content_type().as_ref().map(ShortString::as_str),
            Some("application/edifact")
        );
    }
    assert_rejecting_contrl(&answers[0].delivery.data);
    assert_accepting_ackres(&answers[1].delivery.data);
    let other = take_all(&broker, &other_replies).await;
    assert_eq!(other.len(), 1);
    assert_eq!(
        other[0]
            .delivery
            .properties
            .correlation_id()
            .as_ref()
            .map(ShortString::as_str),
        Some("push-1-again")
    );
    assert_accepting_ackres(&other[0].delivery.data);
    server.stop().await;

    // Reprocessed and served again: what was answered is not answered twice.
    let (reset, _) = piu_intake::reprocess(&store, ReprocessSelection::All)
        .await
        .expect("reprocess");
    assert_eq!(reset, 3);
    let server = Server::start_with(store.clone(), amqp_serve_config(&queue)).await;
    publish_amqp(&channel, &queue, LATER, "later-4", Some(&replies)).await;
    eventually(30, "the later message answered", || async {
        ready(&broker, &replies).await >= 1
    })
    .await;
    // Owed acknowledgements go out oldest first: a repeat would be here by now.
    server.stop().await;
    let after = take_all(&broker, &replies).await;
    let references: Vec<Option<&str>> = after
        .iter()
        .map(|answer| {
            answer
                .delivery
                .properties
                .correlation_id()
                .as_ref()
                .map(ShortString::as_str)
        })
        .collect();
    assert_eq!(references, [Some("later-4")]);
    assert_eq!(ready(&broker, &other_replies).await, 0);
    settled_as(&store, push, "ACKRES", 2).await;
    settled_as(&store, broken, "CONTRL", 1).await;

    for name in [&queue, &replies, &other_replies] {
        let _ = channel
            .queue_delete(name.as_str().into(), QueueDeleteOptions::default())
            .await;
    }
}

// --- NATS ---------------------------------------------------------------

async fn publish_nats(
    js: &Context,
    subject: String,
    bytes: &[u8],
    reference: &str,
    reply_to: Option<&str>,
) {
    let mut headers = HeaderMap::new();
    headers.insert("Nats-Msg-Id", reference);
    if let Some(reply_to) = reply_to {
        headers.insert(REPLY_TO_HEADER, reply_to);
    }
    js.publish_with_headers(subject, headers, bytes.to_vec().into())
        .await
        .expect("publish")
        .await
        .expect("stored by the stream");
}

fn nats_serve_config(stream: &str, prefix: &str) -> ServeConfig {
    let mut config = test_config();
    config.nats = Some(NatsConfig::new(
        nats_url(),
        stream,
        vec![format!("{prefix}.>")],
    ));
    config
}

/// The acknowledgements a reply stream holds: (carrier reference, kind, bytes).
async fn stored_answers(js: &Context, stream: &str) -> Vec<(String, String, Vec<u8>)> {
    let mut stream = js.get_stream(stream).await.expect("the reply stream");
    let count = stream.info().await.expect("info").state.messages;
    let mut answers = Vec::new();
    for sequence in 1..=count {
        let message = stream
            .get_raw_message(sequence)
            .await
            .expect("a stored message");
        let header = |name: &str| {
            message
                .headers
                .get(name)
                .map(|value| value.as_str().to_owned())
                .unwrap_or_default()
        };
        answers.push((
            header(MESSAGE_ID_HEADER),
            header(KIND_HEADER),
            message.payload.to_vec(),
        ));
    }
    answers
}

async fn stream_size(js: &Context, stream: &str) -> u64 {
    let mut stream = js.get_stream(stream).await.expect("the reply stream");
    stream.info().await.expect("info").state.messages
}

async fn nats_acknowledgements_go_to_each_reply_subject_once(db: TestDb) {
    let client = nats_connect().await;
    let js = jetstream::new(client.clone());
    let store = db.open().await;
    let stream = unique_name("PIU_TEST_ACKS");
    let prefix = format!("piutest.{stream}");
    let reply_stream = format!("{stream}_REPLIES");
    let reply_subject = format!("piutest.{reply_stream}.KL");
    js.create_stream(stream::Config {
        name: reply_stream.clone(),
        subjects: vec![reply_subject.clone()],
        max_age: Duration::from_secs(3600),
        ..stream::Config::default()
    })
    .await
    .expect("the reply stream");
    // A reply subject in no stream: answered by a core publish.
    let core_subject = format!("piutest.{stream}_core.KL");
    let mut core = client
        .subscribe(core_subject.clone())
        .await
        .expect("subscribe");

    let server = Server::start_with(store.clone(), nats_serve_config(&stream, &prefix)).await;
    eventually(10, "the intake stream exists", || async {
        js.get_stream(&stream).await.is_ok()
    })
    .await;
    let subject = format!("{prefix}.KL");
    publish_nats(&js, subject.clone(), PUSH, "push-1", Some(&reply_subject)).await;
    publish_nats(
        &js,
        subject.clone(),
        BROKEN,
        "manifest-2",
        Some(&reply_subject),
    )
    .await;
    publish_nats(&js, subject.clone(), PAXLST, "quiet-3", None).await;
    publish_nats(
        &js,
        subject.clone(),
        PUSH,
        "push-1-again",
        Some(&core_subject),
    )
    .await;

    let pushed = tokio::time::timeout(Duration::from_secs(30), core.next())
        .await
        .expect("an acknowledgement on the core subject within 30 s")
        .expect("a message");
    let headers = pushed.headers.clone().expect("headers");
    assert_eq!(
        headers.get(MESSAGE_ID_HEADER).map(|v| v.as_str()),
        Some("push-1-again")
    );
    assert_eq!(headers.get(KIND_HEADER).map(|v| v.as_str()), Some("ACKRES"));
    assert_accepting_ackres(&pushed.payload);

    eventually(30, "two acknowledgements stored", || async {
        stream_size(&js, &reply_stream).await == 2
    })
    .await;
    let mut answers = stored_answers(&js, &reply_stream).await;
    answers.sort();
    assert_eq!(
        answers
            .iter()
            .map(|(reference, kind, _)| (reference.as_str(), kind.as_str()))
            .collect::<Vec<_>>(),
        [("manifest-2", "CONTRL"), ("push-1", "ACKRES")]
    );
    assert_rejecting_contrl(&answers[0].2);
    assert_accepting_ackres(&answers[1].2);
    let push = processed(&store, PUSH).await;
    let broken = processed(&store, BROKEN).await;
    let quiet = processed(&store, PAXLST).await;
    eventually(10, "the acknowledgements are recorded as sent", || async {
        store
            .replies(push)
            .await
            .expect("replies")
            .iter()
            .all(|reply| reply.settled_at.is_some())
    })
    .await;
    settled_as(&store, push, "ACKRES", 2).await;
    settled_as(&store, broken, "CONTRL", 1).await;
    assert!(store.replies(quiet).await.expect("replies").is_empty());
    server.stop().await;

    // Reprocessed and served again: what was answered is not answered twice.
    piu_intake::reprocess(&store, ReprocessSelection::All)
        .await
        .expect("reprocess");
    let server = Server::start_with(store.clone(), nats_serve_config(&stream, &prefix)).await;
    publish_nats(&js, subject, LATER, "later-4", Some(&reply_subject)).await;
    eventually(30, "the later message answered", || async {
        stream_size(&js, &reply_stream).await >= 3
    })
    .await;
    server.stop().await;
    let answers = stored_answers(&js, &reply_stream).await;
    assert_eq!(answers.len(), 3);
    assert_eq!(answers[2].0, "later-4");
    let repeat = tokio::time::timeout(Duration::from_millis(500), core.next()).await;
    assert!(
        repeat.is_err(),
        "a second acknowledgement on the core subject"
    );
    settled_as(&store, push, "ACKRES", 2).await;

    let _ = js.delete_stream(&stream).await;
    let _ = js.delete_stream(&reply_stream).await;
}
