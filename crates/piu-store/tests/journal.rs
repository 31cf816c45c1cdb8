//! The journal's promises, checked once per backend: every test below runs on a
//! SQLite file and on PostgreSQL (see `piu_store::testing`).

use std::collections::HashSet;

use piu_store::on_both_backends;
use piu_store::testing::{TestDb, test_options};
use piu_store::{
    Appended, Channel, Incoming, LocatedError, MessageId, ProcessingState, Reception, Refusal,
    ReprocessSelection, Sha256Digest, Store, StoreError, StoreOptions,
};
use time::OffsetDateTime;
use time::macros::datetime;

on_both_backends!(
    bytes_round_trip_with_their_hash,
    same_bytes_again_is_one_message_with_another_reception,
    quarantine_keeps_bytes_and_error_location,
    outcomes_count_attempts_and_repeat_harmlessly,
    reset_for_reprocessing_by_selection,
    batch_of_a_thousand_all_present,
    concurrent_appends_of_the_same_bytes_give_one_message,
    crossing_batches_of_the_same_messages_all_land,
    refused_messages_write_nothing,
    reopening_keeps_everything,
);

/// A PAXLST with bytes that are not UTF-8, to show they are kept as they came.
const PAXLST: &[u8] = b"UNA:+.? 'UNB+UNOC:4+KLM+NLDAPI+261121:0930+1'UNH+1+PAXLST:D:05B:UN:IATA'\
NAD+FL+++M\xdcLLER:J\xd6RG'UNT+3+1'UNZ+1+1'";

fn reception(channel: Channel, sender: &str) -> Reception {
    Reception::new(channel, sender, datetime!(2026-11-21 09:30:00.123456 UTC))
}

async fn append(store: &Store, bytes: &[u8]) -> Appended {
    store
        .append(bytes, &reception(Channel::Http, "KL"))
        .await
        .expect("append")
}

async fn bytes_round_trip_with_their_hash(db: TestDb) {
    let store = db.open().await;
    assert_eq!(store.backend(), db.backend);

    let appended = append(&store, PAXLST).await;
    assert!(appended.new_bytes);
    assert_eq!(appended.sha256, Sha256Digest::of(PAXLST));
    assert_eq!(store.bytes(appended.id).await.expect("bytes"), PAXLST);

    // A known input: SHA-256 of "abc" from FIPS 180-2.
    let abc = append(&store, b"abc").await;
    assert_eq!(
        abc.sha256.to_hex(),
        "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
    );
    assert_ne!(abc.id, appended.id);
    assert_eq!(
        store.find_by_hash(&abc.sha256).await.expect("find"),
        Some(abc.id)
    );
    assert_eq!(
        store
            .find_by_hash(&Sha256Digest::of(b"never sent"))
            .await
            .expect("find"),
        None
    );

    let status = store.status(appended.id).await.expect("status");
    assert_eq!(status.sha256, appended.sha256);
    assert_eq!(status.size, PAXLST.len() as u64);
    assert_eq!(status.state, ProcessingState::Received);
    assert_eq!(status.attempts, 0);
    assert_eq!(status.last_attempt_at, None);
    assert_eq!(status.error, None);
    assert_eq!(
        status.first_received_at,
        datetime!(2026-11-21 09:30:00.123456 UTC)
    );

    assert!(matches!(
        store.bytes(MessageId(999_999)).await,
        Err(StoreError::UnknownMessage(MessageId(999_999)))
    ));
}

async fn same_bytes_again_is_one_message_with_another_reception(db: TestDb) {
    let store = db.open().await;
    let first = store
        .append(
            PAXLST,
            &reception(Channel::Folder, "KL").with_external_ref("KL1234_20261121.edi"),
        )
        .await
        .expect("first append");
    let later = Reception::new(
        Channel::Amqp,
        "token-kl",
        datetime!(2026-11-21 09:31:00 UTC),
    )
    .with_external_ref("amqp-delivery-77");
    let second = store.append(PAXLST, &later).await.expect("second append");

    assert_eq!(second.id, first.id);
    assert_eq!(second.sha256, first.sha256);
    assert!(first.new_bytes);
    assert!(!second.new_bytes);

    let receptions = store.receptions(first.id).await.expect("receptions");
    assert_eq!(receptions.len(), 2);
    assert_eq!(receptions[0].channel, Channel::Folder);
    assert_eq!(
        receptions[0].external_ref.as_deref(),
        Some("KL1234_20261121.edi")
    );
    assert_eq!(receptions[1], later);

    assert_eq!(size(&store).await, (1, 2));
    let waiting = store.awaiting_processing(None, 10).await.expect("awaiting");
    assert_eq!(waiting.len(), 1);
    // Receiving again does not move the first reception time.
    assert_eq!(
        waiting[0].first_received_at,
        datetime!(2026-11-21 09:30:00.123456 UTC)
    );

    // The same bytes twice inside one batch behave alike.
    let batch = store
        .append_batch(&[
            Incoming {
                bytes: b"UNH+2'",
                reception: reception(Channel::Nats, "AZ"),
            },
            Incoming {
                bytes: b"UNH+2'",
                reception: reception(Channel::Nats, "AZ"),
            },
        ])
        .await
        .expect("batch");
    assert_eq!(batch[0].id, batch[1].id);
    assert!(batch[0].new_bytes && !batch[1].new_bytes);
    assert_eq!(size(&store).await, (2, 4));
}

async fn quarantine_keeps_bytes_and_error_location(db: TestDb) {
    let store = db.open().await;
    let bad = append(&store, PAXLST).await;
    let good = append(&store, b"UNH+9'").await;
    let error = LocatedError::new("date of birth 20261399 is not a date").at(117, Some("DTM"));
    store
        .mark_quarantined(bad.id, &error)
        .await
        .expect("quarantine");

    let quarantined = store.quarantined(None, 10).await.expect("quarantined");
    assert_eq!(quarantined.len(), 1);
    assert_eq!(quarantined[0].id, bad.id);
    assert_eq!(quarantined[0].state, ProcessingState::Quarantined);
    assert_eq!(quarantined[0].error.as_ref(), Some(&error));
    assert_eq!(quarantined[0].attempts, 1);
    assert_eq!(store.bytes(bad.id).await.expect("bytes"), PAXLST);

    let waiting = store.awaiting_processing(None, 10).await.expect("awaiting");
    assert_eq!(
        waiting.iter().map(|m| m.id).collect::<Vec<_>>(),
        vec![good.id]
    );

    // An error without a place is kept as such.
    store
        .mark_quarantined(good.id, &LocatedError::new("no UNH segment"))
        .await
        .expect("quarantine");
    let status = store.status(good.id).await.expect("status");
    assert_eq!(status.error, Some(LocatedError::new("no UNH segment")));

    // The earlier failure does not block a new reception of the same bytes.
    let again = store
        .append(PAXLST, &reception(Channel::Iapi, "KL"))
        .await
        .expect("append again");
    assert_eq!(again.id, bad.id);
    assert!(!again.new_bytes);
    assert_eq!(store.receptions(bad.id).await.expect("receptions").len(), 2);
    assert_eq!(
        store.status(bad.id).await.expect("status").state,
        ProcessingState::Quarantined
    );
}

async fn outcomes_count_attempts_and_repeat_harmlessly(db: TestDb) {
    let store = db.open().await;
    let message = append(&store, PAXLST).await;
    let before = OffsetDateTime::now_utc() - time::Duration::seconds(1);
    store.mark_processed(message.id).await.expect("processed");
    store
        .mark_processed(message.id)
        .await
        .expect("processed again");
    let after = OffsetDateTime::now_utc() + time::Duration::seconds(1);

    let status = store.status(message.id).await.expect("status");
    assert_eq!(status.state, ProcessingState::Processed);
    assert_eq!(status.attempts, 2);
    let last = status.last_attempt_at.expect("a last attempt time");
    assert!(
        before <= last && last <= after,
        "{last} not between {before} and {after}"
    );
    assert!(
        store
            .awaiting_processing(None, 10)
            .await
            .expect("awaiting")
            .is_empty()
    );

    // A quarantine after success, then success again, clears the error.
    store
        .mark_quarantined(message.id, &LocatedError::new("reader changed its mind"))
        .await
        .expect("quarantine");
    store.mark_processed(message.id).await.expect("processed");
    let status = store.status(message.id).await.expect("status");
    assert_eq!(status.attempts, 4);
    assert_eq!(status.state, ProcessingState::Processed);
    assert_eq!(status.error, None);

    assert!(matches!(
        store.mark_processed(MessageId(424_242)).await,
        Err(StoreError::UnknownMessage(_))
    ));
    assert!(matches!(
        store
            .mark_quarantined(MessageId(424_242), &LocatedError::new("x"))
            .await,
        Err(StoreError::UnknownMessage(_))
    ));
}

async fn reset_for_reprocessing_by_selection(db: TestDb) {
    let store = db.open().await;
    let processed = append(&store, b"UNH+1'").await.id;
    let quarantined = append(&store, b"UNH+2'").await.id;
    let waiting = append(&store, b"UNH+3'").await.id;
    store.mark_processed(processed).await.expect("processed");
    store
        .mark_quarantined(quarantined, &LocatedError::new("bad").at(4, Some("UNH")))
        .await
        .expect("quarantined");

    let reset = store
        .reset_for_reprocessing(ReprocessSelection::Quarantined)
        .await
        .expect("reset quarantined");
    assert_eq!(reset, 1);
    let status = store.status(quarantined).await.expect("status");
    assert_eq!(status.state, ProcessingState::Received);
    assert_eq!(status.error, None);
    assert_eq!(status.attempts, 1, "attempts are history and stay");
    assert_eq!(ids(&store).await, vec![quarantined, waiting]);
    assert!(store.quarantined(None, 10).await.expect("list").is_empty());

    // By id; an unknown id refuses the whole selection.
    assert!(matches!(
        store
            .reset_for_reprocessing(ReprocessSelection::Ids(&[processed, MessageId(777_777)]))
            .await,
        Err(StoreError::UnknownMessage(MessageId(777_777)))
    ));
    assert_eq!(
        store.status(processed).await.expect("status").state,
        ProcessingState::Processed
    );
    let reset = store
        .reset_for_reprocessing(ReprocessSelection::Ids(&[processed]))
        .await
        .expect("reset by id");
    assert_eq!(reset, 1);
    assert_eq!(ids(&store).await, vec![processed, quarantined, waiting]);

    // Everything, then processing again: idempotent.
    for id in [processed, quarantined, waiting] {
        store.mark_processed(id).await.expect("processed");
    }
    let reset = store
        .reset_for_reprocessing(ReprocessSelection::All)
        .await
        .expect("reset all");
    assert_eq!(reset, 3);
    assert_eq!(ids(&store).await, vec![processed, quarantined, waiting]);
    store.mark_processed(processed).await.expect("processed");
    assert_eq!(store.status(processed).await.expect("status").attempts, 3);
    assert_eq!(
        store.bytes(quarantined).await.expect("bytes"),
        b"UNH+2'".to_vec()
    );
}

async fn size(store: &Store) -> (u64, u64) {
    let size = store.journal_size().await.expect("journal size");
    (size.messages, size.receptions)
}

async fn ids(store: &Store) -> Vec<MessageId> {
    store
        .awaiting_processing(None, 100)
        .await
        .expect("awaiting")
        .iter()
        .map(|m| m.id)
        .collect()
}

async fn batch_of_a_thousand_all_present(db: TestDb) {
    let store = db.open().await;
    let bodies: Vec<Vec<u8>> = (0..1_000)
        .map(|n| format!("UNH+{n}+PAXLST:D:05B:UN:IATA'NAD+FL+++TRAVELLER{n}'").into_bytes())
        .collect();
    let incoming: Vec<Incoming<'_>> = bodies
        .iter()
        .enumerate()
        .map(|(n, bytes)| Incoming {
            bytes,
            reception: reception(Channel::Folder, "AZ").with_external_ref(format!("f{n}.edi")),
        })
        .collect();
    let appended = store.append_batch(&incoming).await.expect("batch");

    assert_eq!(appended.len(), 1_000);
    assert!(appended.iter().all(|a| a.new_bytes));
    let distinct: HashSet<MessageId> = appended.iter().map(|a| a.id).collect();
    assert_eq!(distinct.len(), 1_000);
    for (bytes, appended) in bodies.iter().zip(&appended) {
        assert_eq!(appended.sha256, Sha256Digest::of(bytes));
    }
    assert_eq!(size(&store).await, (1_000, 1_000));
    assert_eq!(
        store.bytes(appended[637].id).await.expect("bytes"),
        bodies[637]
    );
    assert_eq!(
        store
            .receptions(appended[999].id)
            .await
            .expect("receptions")[0]
            .external_ref
            .as_deref(),
        Some("f999.edi")
    );

    // Paging through the waiting messages finds each once, in journal order.
    let mut seen = Vec::new();
    let mut after = None;
    loop {
        let page = store
            .awaiting_processing(after, 300)
            .await
            .expect("awaiting");
        let Some(last) = page.last() else { break };
        after = Some(last.id);
        seen.extend(page.iter().map(|m| m.id));
    }
    assert_eq!(seen, appended.iter().map(|a| a.id).collect::<Vec<_>>());
}

async fn concurrent_appends_of_the_same_bytes_give_one_message(db: TestDb) {
    let store = db.open().await;
    let tasks: Vec<_> = (0..8)
        .map(|n| {
            let store = store.clone();
            tokio::spawn(async move {
                let sender = format!("sender-{n}");
                let same = store
                    .append(PAXLST, &reception(Channel::Amqp, &sender))
                    .await
                    .expect("append same");
                let own = format!("UNH+{n}'");
                store
                    .append(own.as_bytes(), &reception(Channel::Amqp, &sender))
                    .await
                    .expect("append own");
                same
            })
        })
        .collect();
    let mut results = Vec::new();
    for task in tasks {
        results.push(task.await.expect("task"));
    }
    let id = results[0].id;
    assert!(results.iter().all(|r| r.id == id));
    assert_eq!(results.iter().filter(|r| r.new_bytes).count(), 1);
    assert_eq!(store.receptions(id).await.expect("receptions").len(), 8);
    assert_eq!(size(&store).await, (9, 16));
}

/// Two channels receiving the same messages in opposite orders: without care,
/// each batch waits on a row the other inserted, and PostgreSQL fails one of
/// them as a deadlock. Both must land.
async fn crossing_batches_of_the_same_messages_all_land(db: TestDb) {
    let store = db.open().await;
    let bodies: Vec<Vec<u8>> = (0..40)
        .map(|n| format!("UNH+{n}+PNRGOV:11:1:IA'").into_bytes())
        .collect();
    for round in 0..10 {
        let tasks: Vec<_> = [false, true]
            .into_iter()
            .map(|reversed| {
                let store = store.clone();
                let mut bodies: Vec<Vec<u8>> = bodies
                    .iter()
                    .map(|body| [body.as_slice(), format!("{round}").as_bytes()].concat())
                    .collect();
                if reversed {
                    bodies.reverse();
                }
                tokio::spawn(async move {
                    let incoming: Vec<Incoming<'_>> = bodies
                        .iter()
                        .map(|bytes| Incoming {
                            bytes,
                            reception: reception(Channel::Http, "KL"),
                        })
                        .collect();
                    store.append_batch(&incoming).await.map(|a| a.len())
                })
            })
            .collect();
        for task in tasks {
            let landed = task.await.expect("task");
            assert!(matches!(landed, Ok(40)), "round {round}: {landed:?}");
        }
    }
    assert_eq!(size(&store).await, (400, 800));
}

async fn refused_messages_write_nothing(db: TestDb) {
    let default = db.open().await;
    assert_eq!(default.max_message_bytes(), 16 * 1024 * 1024);
    default.close().await;

    let store = db
        .open_with(StoreOptions {
            max_message_bytes: 1_024,
            ..test_options()
        })
        .await;
    assert!(matches!(
        store.append(b"", &reception(Channel::Http, "KL")).await,
        Err(StoreError::Refused(Refusal::Empty))
    ));
    let too_large = vec![b'A'; 1_025];
    let refused = store
        .append(&too_large, &reception(Channel::Http, "KL"))
        .await;
    match refused {
        Err(StoreError::Refused(Refusal::TooLarge { size, limit })) => {
            assert_eq!((size, limit), (1_025, 1_024));
        }
        other => panic!("expected a refusal, got {other:?}"),
    }
    assert_eq!(size(&store).await, (0, 0));

    let at_limit = vec![b'A'; 1_024];
    append(&store, &at_limit).await;

    let batch = [
        Incoming {
            bytes: b"UNH+1'",
            reception: reception(Channel::Nats, "AZ"),
        },
        Incoming {
            bytes: &too_large,
            reception: reception(Channel::Nats, "AZ"),
        },
    ];
    let refused = store.append_batch(&batch).await;
    assert!(matches!(
        refused,
        Err(StoreError::RefusedInBatch {
            index: 1,
            refusal: Refusal::TooLarge { .. }
        })
    ));
    let message = refused.err().map(|e| e.to_string()).unwrap_or_default();
    assert!(message.contains("message 1 of the batch"), "{message}");
    assert_eq!(size(&store).await, (1, 1));
    assert!(
        store
            .find_by_hash(&Sha256Digest::of(b"UNH+1'"))
            .await
            .expect("find")
            .is_none()
    );
}

async fn reopening_keeps_everything(db: TestDb) {
    let store = db.open().await;
    let kept = append(&store, PAXLST).await;
    let bad = append(&store, b"UNH+X'").await;
    store
        .mark_quarantined(bad.id, &LocatedError::new("bad").at(3, Some("UNH")))
        .await
        .expect("quarantine");
    store.close().await;

    // Opening again runs the migrations again: they must find nothing to do.
    let reopened = db.open().await;
    assert_eq!(reopened.bytes(kept.id).await.expect("bytes"), PAXLST);
    assert_eq!(size(&reopened).await, (2, 2));
    let quarantined = reopened.quarantined(None, 10).await.expect("quarantined");
    assert_eq!(quarantined.len(), 1);
    assert_eq!(
        quarantined[0].error,
        Some(LocatedError::new("bad").at(3, Some("UNH")))
    );
    let again = append(&reopened, PAXLST).await;
    assert_eq!(again.id, kept.id);
    assert!(!again.new_bytes);
    let next = append(&reopened, b"UNH+Y'").await;
    assert!(next.id > bad.id, "ids keep growing after a reopen");
}

#[tokio::test]
async fn sqlite_file_is_created_in_wal_mode() {
    use sqlx::{Connection, Row};
    let folder = tempfile::tempdir().expect("a temporary folder");
    let path = folder.path().join("new.db");
    assert!(!path.exists());
    let url = format!("sqlite:{}", path.display());
    let store = Store::open(&url).await.expect("open");
    append(&store, PAXLST).await;
    store.close().await;
    assert!(path.exists());

    let mut connection = sqlx::AnyConnection::connect(&url).await.expect("connect");
    let row = sqlx::query("PRAGMA journal_mode")
        .fetch_one(&mut connection)
        .await
        .expect("pragma");
    let mode: String = row.try_get(0).expect("mode");
    assert_eq!(mode, "wal");
}

#[tokio::test]
async fn memory_and_unknown_databases_are_refused() {
    assert!(matches!(
        Store::open("sqlite::memory:").await,
        Err(StoreError::SqliteSetup(_))
    ));
    assert!(matches!(
        Store::open("mysql://localhost/piu").await,
        Err(StoreError::UnsupportedUrl { .. })
    ));
}
