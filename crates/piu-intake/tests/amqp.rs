//! The AMQP channel against a real RabbitMQ (`PIU_TEST_AMQP`, default
//! `amqp://guest:guest@127.0.0.1:5672/%2f`; `.ci/services` starts one) and a
//! real journal. A broker that does not answer fails the tests. Every test
//! works on queues of its own, deleted at its end.

mod support;

use std::time::Duration;

use lapin::options::{
    BasicGetOptions, BasicPublishOptions, ConfirmSelectOptions, QueueDeclareOptions,
    QueueDeleteOptions,
};
use lapin::types::{AMQPValue, FieldTable, ShortString};
use lapin::{BasicProperties, Confirmation, Connection, ConnectionProperties};
use piu_intake::Committer;
use piu_intake::amqp::{AmqpConfig, AmqpIntake};
use piu_store::{Channel, Sha256Digest, Store, StoreOptions, on_both_backends};
use support::{Server, TestDb, eventually, run_sqlite, test_config, test_options, unique_name};
use tokio::sync::oneshot;
use tokio::task::JoinHandle;

on_both_backends!(
    two_hundred_messages_are_journaled_once_and_acknowledged,
    refused_messages_are_dead_lettered,
    store_failure_leaves_the_message_with_the_broker,
);

fn broker_url() -> String {
    std::env::var("PIU_TEST_AMQP")
        .unwrap_or_else(|_| "amqp://guest:guest@127.0.0.1:5672/%2f".to_owned())
}

async fn connect() -> Connection {
    let url = broker_url();
    let hint = "start it with .ci/services, or point PIU_TEST_AMQP at one";
    match tokio::time::timeout(
        Duration::from_secs(10),
        Connection::connect(&url, ConnectionProperties::default()),
    )
    .await
    {
        Ok(Ok(connection)) => connection,
        Ok(Err(error)) => panic!("RabbitMQ (AMQP) at {url} did not answer: {error}; {hint}"),
        Err(_) => panic!("RabbitMQ (AMQP) at {url} did not answer within 10 s; {hint}"),
    }
}

/// Ready messages and consumers of a queue, or None when it does not exist.
async fn queue_state(connection: &Connection, queue: &str) -> Option<(u32, u32)> {
    let channel = connection.create_channel().await.expect("a channel");
    let passive = QueueDeclareOptions {
        passive: true,
        ..QueueDeclareOptions::default()
    };
    let queue = channel
        .queue_declare(queue.into(), passive, FieldTable::default())
        .await
        .ok()?;
    let _ = channel.close(200, "done".into()).await;
    Some((queue.message_count(), queue.consumer_count()))
}

/// Publishes with confirmation; a message the broker could not route fails.
async fn publish(channel: &lapin::Channel, queue: &str, bytes: &[u8], properties: BasicProperties) {
    let confirmation = channel
        .basic_publish(
            "".into(),
            queue.into(),
            BasicPublishOptions {
                mandatory: true,
                ..BasicPublishOptions::default()
            },
            bytes,
            properties,
        )
        .await
        .expect("publish")
        .await
        .expect("confirmation");
    assert!(
        matches!(confirmation, Confirmation::Ack(None)),
        "the broker did not take the message: {confirmation:?}"
    );
}

async fn publisher(connection: &Connection) -> lapin::Channel {
    let channel = connection.create_channel().await.expect("a channel");
    channel
        .confirm_select(ConfirmSelectOptions::default())
        .await
        .expect("confirms");
    channel
}

/// A queue that vanishes ten minutes after its last use, should a test stop
/// before deleting it.
async fn declare_queue(connection: &Connection, queue: &str, dead_letters: Option<&str>) {
    let mut arguments = FieldTable::default();
    arguments.insert("x-expires".into(), AMQPValue::LongUInt(600_000));
    if let Some(dead_letters) = dead_letters {
        arguments.insert(
            "x-dead-letter-exchange".into(),
            AMQPValue::LongString("".into()),
        );
        arguments.insert(
            "x-dead-letter-routing-key".into(),
            AMQPValue::LongString(dead_letters.into()),
        );
    }
    let channel = connection.create_channel().await.expect("a channel");
    channel
        .queue_declare(queue.into(), QueueDeclareOptions::durable(), arguments)
        .await
        .expect("declare");
}

async fn delete_queue(connection: &Connection, queue: &str) {
    let channel = connection.create_channel().await.expect("a channel");
    let _ = channel
        .queue_delete(queue.into(), QueueDeleteOptions::default())
        .await;
}

/// An intake running in a task, stopped by [`Running::stop`].
struct Running {
    stop: oneshot::Sender<()>,
    task: JoinHandle<()>,
}

impl Running {
    fn start(intake: AmqpIntake) -> Running {
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

fn from_kl(reference: &str) -> BasicProperties {
    BasicProperties::default()
        .with_app_id("KL".into())
        .with_message_id(ShortString::from(reference))
}

async fn two_hundred_messages_are_journaled_once_and_acknowledged(db: TestDb) {
    let broker = connect().await;
    let store = db.open().await;
    let queue = unique_name("piu_test_amqp");
    let mut config = test_config();
    config.amqp = Some(AmqpConfig {
        prefetch: 50,
        ..AmqpConfig::new(broker_url(), queue.clone())
    });
    let server = Server::start_with(store.clone(), config).await;
    // The intake declares the queue it consumes.
    eventually(10, "the queue is declared and consumed", || async {
        matches!(queue_state(&broker, &queue).await, Some((_, 1)))
    })
    .await;

    let channel = publisher(&broker).await;
    for number in 0..200 {
        let mut properties = from_kl(&format!("m-{number}"));
        if number % 2 == 0 {
            properties = properties.with_reply_to("acks.KL".into());
        }
        publish(&channel, &queue, &message(number), properties).await;
    }
    // The same bytes again: one more reception of the same message.
    publish(&channel, &queue, &message(0), from_kl("m-0-again")).await;

    eventually(60, "201 receptions journaled", || async {
        store.journal_size().await.expect("size").receptions == 201
    })
    .await;
    server.stop().await;

    // Nothing left with the broker: every delivery was acknowledged.
    assert_eq!(queue_state(&broker, &queue).await, Some((0, 0)));
    let size = store.journal_size().await.expect("size");
    assert_eq!((size.messages, size.receptions), (200, 201));
    for number in 0..200 {
        let id = store
            .find_by_hash(&Sha256Digest::of(&message(number)))
            .await
            .expect("lookup")
            .unwrap_or_else(|| panic!("message {number} is journaled"));
        let receptions = store.receptions(id).await.expect("receptions");
        let references: Vec<Option<&str>> = receptions
            .iter()
            .map(|reception| reception.external_ref.as_deref())
            .collect();
        let first = format!("m-{number}");
        if number == 0 {
            assert_eq!(references, [Some("m-0"), Some("m-0-again")]);
        } else {
            assert_eq!(references, [Some(first.as_str())]);
        }
        let reception = &receptions[0];
        assert_eq!(reception.channel, Channel::Amqp);
        assert_eq!(reception.sender, "KL");
        let reply_to = (number % 2 == 0).then_some("acks.KL");
        assert_eq!(reception.reply_to.as_deref(), reply_to);
    }
    delete_queue(&broker, &queue).await;
}

async fn refused_messages_are_dead_lettered(db: TestDb) {
    let broker = connect().await;
    let store = db
        .open_with(StoreOptions {
            max_message_bytes: 1024,
            ..test_options()
        })
        .await;
    let queue = unique_name("piu_test_amqp");
    let dead = format!("{queue}_dead");
    declare_queue(&broker, &dead, None).await;
    declare_queue(&broker, &queue, Some(&dead)).await;
    let channel = publisher(&broker).await;
    let oversized = vec![b'X'; 2000];
    publish(&channel, &queue, &oversized, from_kl("too-large")).await;
    publish(&channel, &queue, b"", from_kl("empty")).await;
    publish(&channel, &queue, &message(1), from_kl("fine")).await;

    let committer = Committer::start(store.clone());
    let intake = AmqpIntake::new(
        store.clone(),
        committer,
        AmqpConfig::new(broker_url(), queue.clone()),
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

    assert_eq!(queue_state(&broker, &queue).await, Some((0, 0)));
    // Rejected without requeue, the refused ones went to the dead-letter queue.
    eventually(10, "two messages dead-lettered", || async {
        queue_state(&broker, &dead).await == Some((2, 0))
    })
    .await;
    let reader = broker.create_channel().await.expect("a channel");
    let mut dead_bodies = Vec::new();
    for _ in 0..2 {
        let got = reader
            .basic_get(dead.as_str().into(), BasicGetOptions { no_ack: true })
            .await
            .expect("basic.get")
            .expect("a dead-lettered message");
        dead_bodies.push(got.delivery.data.len());
    }
    dead_bodies.sort_unstable();
    assert_eq!(dead_bodies, [0, 2000]);
    let size = store.journal_size().await.expect("size");
    assert_eq!((size.messages, size.receptions), (1, 1));
    delete_queue(&broker, &queue).await;
    delete_queue(&broker, &dead).await;
}

async fn store_failure_leaves_the_message_with_the_broker(db: TestDb) {
    let broker = connect().await;
    let queue = unique_name("piu_test_amqp");
    declare_queue(&broker, &queue, None).await;
    let channel = publisher(&broker).await;
    publish(&channel, &queue, &message(7), from_kl("kept")).await;

    // A store that fails every write.
    let broken = db.open().await;
    broken.close().await;
    let config = AmqpConfig::new(broker_url(), queue.clone());
    let intake = AmqpIntake::new(
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
    // Handed back, not lost.
    assert_eq!(queue_state(&broker, &queue).await, Some((1, 0)));

    let store = db.open().await;
    let intake = AmqpIntake::new(store.clone(), Committer::start(store.clone()), config)
        .expect("a valid configuration");
    let counts = intake.counts();
    let running = Running::start(intake);
    eventually(20, "journaled once the store works", || async {
        counts.snapshot().journaled == 1
    })
    .await;
    running.stop().await;
    assert_eq!(queue_state(&broker, &queue).await, Some((0, 0)));
    let id = store
        .find_by_hash(&Sha256Digest::of(&message(7)))
        .await
        .expect("lookup")
        .expect("journaled");
    let receptions = store.receptions(id).await.expect("receptions");
    assert_eq!(receptions.len(), 1);
    assert_eq!(receptions[0].external_ref.as_deref(), Some("kept"));
    delete_queue(&broker, &queue).await;
}

/// The broker cancels the consumer when its queue is deleted; the intake
/// connects again, declares the queue anew and goes on.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn consuming_resumes_after_the_queue_is_deleted() {
    run_sqlite(|db: TestDb| async move {
        let broker = connect().await;
        let store = db.open().await;
        let queue = unique_name("piu_test_amqp");
        let intake = AmqpIntake::new(
            store.clone(),
            Committer::start(store.clone()),
            AmqpConfig::new(broker_url(), queue.clone()),
        )
        .expect("a valid configuration");
        let counts = intake.counts();
        let running = Running::start(intake);
        eventually(10, "consuming", || async {
            counts.snapshot().sessions == 1
        })
        .await;
        delete_queue(&broker, &queue).await;
        eventually(20, "consuming again", || async {
            counts.snapshot().sessions == 2
                && matches!(queue_state(&broker, &queue).await, Some((_, 1)))
        })
        .await;
        let channel = publisher(&broker).await;
        publish(&channel, &queue, &message(3), from_kl("after")).await;
        eventually(20, "journaled after reconnecting", || async {
            counts.snapshot().journaled == 1
        })
        .await;
        running.stop().await;
        delete_queue(&broker, &queue).await;
    })
    .await;
}

/// Nobody listening: the intake keeps trying, without panicking, and still
/// stops when asked.
#[tokio::test]
async fn an_absent_broker_is_retried_until_shutdown() {
    run_sqlite(|db: TestDb| async move {
        let store: Store = db.open().await;
        let intake = AmqpIntake::new(
            store.clone(),
            Committer::start(store.clone()),
            AmqpConfig::new("amqp://guest:guest@127.0.0.1:1/%2f", "piu.in"),
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
