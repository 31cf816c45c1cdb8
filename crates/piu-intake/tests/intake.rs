//! Intake end to end: real HTTP over loopback, a real drop folder, a real journal
//! (a SQLite file, and PostgreSQL).

mod support;

use std::time::Duration;

use piu_intake::reprocess;
use piu_store::on_both_backends;
use piu_store::{
    Channel, MessageId, ProcessingState, Reception, ReprocessSelection, Sha256Digest, Store,
    StoreOptions,
};
use support::{J2_TOKEN, KL_TOKEN, Server, TestDb, request, request_bytes, settled};
use time::OffsetDateTime;

on_both_backends!(
    posted_paxlst_is_journaled_then_processed,
    broken_message_is_accepted_then_quarantined_where_it_breaks,
    same_bytes_twice_are_one_message_with_two_receptions,
    concurrent_posts_are_all_journaled,
    drop_folder_journals_good_files_and_sets_bad_ones_aside,
    reprocessing_a_quarantine_twice_gives_the_same_state,
    messages_journaled_while_down_are_processed_on_start,
    criteria_in_force_raise_hits_on_arriving_travellers,
);

/// A criterion in force applies to what arrives: every passenger of the
/// manifest is hit once, crew not, and the next criteria put in force apply
/// from the next message on.
async fn criteria_in_force_raise_hits_on_arriving_travellers(db: TestDb) {
    let store = db.open().await;
    let text = r#"{"criteria": [{"id": "T-PAX", "version": 1, "author": "s.supervisor",
        "purpose": "border-migration", "severity": "low", "valid_from": "2020-01-01",
        "target_agency": "border-service", "description": "Every passenger (a test).",
        "expression": "traveller.role == \"passenger\""}]}"#;
    let set = std::sync::Arc::new(piu_criteria::load(text.as_bytes()).expect("criteria load"));
    let in_force = std::sync::Arc::new(piu_criteria::InForce::default());
    let worker = piu_intake::Worker::screening(
        store.clone(),
        std::sync::Arc::new(piu_screen::Screener::default()),
        std::sync::Arc::clone(&in_force),
    );
    let hits = |store: Store| async move {
        store
            .hit_queue(&piu_store::HitFilter::default(), None, 1000)
            .await
            .expect("hits")
    };
    // Nothing in force: nothing raised.
    let other: &[u8] =
        include_bytes!("../../../samples/paxlst/d02b-passengers-ist-gyd-full-detail.edi");
    append(&store, other).await;
    worker.drain().await.expect("drained");
    assert!(hits(store.clone()).await.is_empty());
    // In force: the next manifest's passengers are hit, its crew not.
    in_force.replace(vec![set]);
    append(&store, PAXLST).await;
    worker.drain().await.expect("drained");
    let raised = hits(store.clone()).await;
    assert!(!raised.is_empty());
    for hit in &raised {
        assert_eq!(
            (hit.list.as_str(), hit.entry_id.as_str()),
            ("criteria", "T-PAX")
        );
        assert_eq!(hit.purpose, "border-migration");
    }
    let travellers = store
        .travellers_of_flight(raised[0].flight)
        .await
        .expect("travellers");
    let passengers = travellers.iter().filter(|t| t.role == "passenger").count();
    assert_eq!(raised.len(), passengers, "{travellers:?}");
    assert!(passengers < travellers.len(), "the sample has crew too");
}

const PAXLST: &[u8] =
    include_bytes!("../../../samples/paxlst/d05b-two-groups-passengers-and-crew.edi");
/// Breaks at byte 273, segment 12, whose tag reads "ND".
const BROKEN: &[u8] = include_bytes!("../../../samples/broken/invalid-tag-mid-message.edi");

async fn post(server: &Server, token: &str, body: &[u8]) -> (u16, serde_json::Value) {
    request(server.addr, "POST", "/api/v1/messages", Some(token), body).await
}

fn id_of(answer: &serde_json::Value) -> MessageId {
    MessageId(answer["id"].as_i64().expect("an id in the answer"))
}

async fn posted_paxlst_is_journaled_then_processed(db: TestDb) {
    let store = db.open().await;
    let server = Server::start(store.clone(), None).await;

    let (status, answer) = post(&server, KL_TOKEN, PAXLST).await;
    assert_eq!(status, 202, "{answer}");
    assert_eq!(answer["duplicate"], false);
    assert_eq!(answer["sha256"], Sha256Digest::of(PAXLST).to_hex());
    let id = id_of(&answer);
    // Journaled before the answer: the bytes are there as sent.
    assert_eq!(store.bytes(id).await.expect("bytes"), PAXLST);
    let receptions = store.receptions(id).await.expect("receptions");
    assert_eq!(receptions.len(), 1);
    assert_eq!(receptions[0].channel, Channel::Http);
    assert_eq!(receptions[0].sender, "KL");

    let status = settled(&store, id).await;
    assert_eq!(status.state, ProcessingState::Processed);
    assert_eq!(status.error, None);
    // Its collection is in the audit chain, by the intake, naming the message.
    let collected: Vec<_> = store
        .audit_records(1, 1000)
        .await
        .expect("audit")
        .iter()
        .map(|record| record.decode().expect("event"))
        .filter(|event| event.kind() == piu_store::AuditKind::Collection)
        .collect();
    assert_eq!(collected.len(), 1, "{collected:?}");
    assert_eq!(collected[0].object_ids(), [id.0.to_string()]);
    assert_eq!(collected[0].actor().name(), "intake");

    let path = format!("/api/v1/messages/{}", id.0);
    let (code, body) = request(server.addr, "GET", &path, Some(KL_TOKEN), b"").await;
    assert_eq!(code, 200, "{body}");
    assert_eq!(body["state"], "processed");
    assert_eq!(body["id"], id.0);
    // Another carrier does not learn that the message exists.
    let (code, _) = request(server.addr, "GET", &path, Some(J2_TOKEN), b"").await;
    assert_eq!(code, 404);
    let (code, _) = request(server.addr, "GET", &path, None, b"").await;
    assert_eq!(code, 401);
    let (code, _) = request(
        server.addr,
        "GET",
        "/api/v1/messages/x",
        Some(KL_TOKEN),
        b"",
    )
    .await;
    assert_eq!(code, 404);
    let (code, body) = request(server.addr, "GET", "/health", None, b"").await;
    assert_eq!((code, body["status"].as_str()), (200, Some("ok")));

    // The acknowledgement a PAXLST's protocol expects: a CONTRL accepting it,
    // only for its sender.
    let ack_path = format!("/api/v1/messages/{}/ack", id.0);
    let (code, ack) = request_bytes(server.addr, "GET", &ack_path, Some(KL_TOKEN), b"").await;
    assert_eq!(code, 200, "{}", String::from_utf8_lossy(&ack));
    let contrl = piu_messages::encode::contrl::read(&ack).expect("a CONTRL");
    assert_eq!(
        contrl[0].action,
        piu_messages::encode::contrl::Action::Acknowledged
    );
    assert_eq!(contrl[0].received.sender, "FZAPIS");
    let (code, _) = request_bytes(server.addr, "GET", &ack_path, Some(J2_TOKEN), b"").await;
    assert_eq!(code, 404);
    server.stop().await;
}

async fn broken_message_is_accepted_then_quarantined_where_it_breaks(db: TestDb) {
    let store = db.open().await;
    let server = Server::start(store.clone(), None).await;
    let (status, answer) = post(&server, KL_TOKEN, BROKEN).await;
    assert_eq!(status, 202, "{answer}");
    let id = id_of(&answer);

    let status = settled(&store, id).await;
    assert_eq!(status.state, ProcessingState::Quarantined);
    let error = status.error.expect("the reason is kept");
    assert_eq!(error.byte_offset, Some(273));
    assert_eq!(error.segment.as_deref(), Some("ND"));
    assert!(error.text.contains("segment tag"), "{}", error.text);
    // Quarantine keeps the bytes.
    assert_eq!(store.bytes(id).await.expect("bytes"), BROKEN);

    let path = format!("/api/v1/messages/{}", id.0);
    let (code, body) = request(server.addr, "GET", &path, Some(KL_TOKEN), b"").await;
    assert_eq!(code, 200);
    assert_eq!(body["state"], "quarantined");
    assert_eq!(body["error"]["byte_offset"], 273);
    assert_eq!(body["error"]["segment"], "ND");
    server.stop().await;
}

async fn same_bytes_twice_are_one_message_with_two_receptions(db: TestDb) {
    let store = db.open().await;
    let server = Server::start(store.clone(), None).await;
    let (_, first) = post(&server, KL_TOKEN, PAXLST).await;
    let (status, second) = post(&server, KL_TOKEN, PAXLST).await;
    assert_eq!(status, 202);
    assert_eq!(first["id"], second["id"]);
    assert_eq!(first["sha256"], second["sha256"]);
    assert_eq!(
        (first["duplicate"].as_bool(), second["duplicate"].as_bool()),
        (Some(false), Some(true))
    );
    let id = id_of(&first);
    assert_eq!(store.receptions(id).await.expect("receptions").len(), 2);
    let size = store.journal_size().await.expect("size");
    assert_eq!((size.messages, size.receptions), (1, 2));
    server.stop().await;
}

/// Many requests at once share commits; each gets its own id, all are on disk.
async fn concurrent_posts_are_all_journaled(db: TestDb) {
    let store = db.open().await;
    let server = Server::start(store.clone(), None).await;
    let addr = server.addr;
    let mut requests = Vec::new();
    for n in 0..40 {
        // Every tenth repeats an earlier message.
        let body = format!("message {}", if n % 10 == 9 { n - 1 } else { n }).into_bytes();
        requests.push(tokio::spawn(async move {
            let answer = request(addr, "POST", "/api/v1/messages", Some(KL_TOKEN), &body).await;
            (body, answer)
        }));
    }
    for handle in requests {
        let (body, (status, answer)) = handle.await.expect("request");
        assert_eq!(status, 202, "{answer}");
        let id = id_of(&answer);
        assert_eq!(store.bytes(id).await.expect("bytes"), body);
    }
    let size = store.journal_size().await.expect("size");
    assert_eq!((size.messages, size.receptions), (36, 40));
    server.stop().await;
}

async fn drop_folder_journals_good_files_and_sets_bad_ones_aside(db: TestDb) {
    let store = db.open().await;
    let folder = tempfile::tempdir().expect("a temporary folder");
    let root = folder.path();
    std::fs::write(root.join("fz713.edi"), PAXLST).expect("write");
    std::fs::write(root.join("empty.edi"), b"").expect("write");
    std::fs::write(root.join("coming.edi.part"), b"half a mess").expect("write");
    std::fs::write(root.join(".hidden"), PAXLST).expect("write");
    let server = Server::start(store.clone(), Some(root)).await;

    let done = root.join("done").join("fz713.edi");
    let failed = root.join("failed").join("empty.edi");
    for _ in 0..200 {
        if done.exists() && failed.exists() {
            break;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    assert_eq!(std::fs::read(&done).expect("moved to done/"), PAXLST);
    assert!(!root.join("fz713.edi").exists());
    assert_eq!(std::fs::read(&failed).expect("moved to failed/"), b"");
    let reason = std::fs::read_to_string(root.join("failed").join("empty.edi.error.txt"))
        .expect("the reason beside it");
    assert!(reason.contains("empty"), "{reason}");
    // Temporary and hidden files are left alone.
    assert!(root.join("coming.edi.part").exists());
    assert!(root.join(".hidden").exists());

    let id = store
        .find_by_hash(&Sha256Digest::of(PAXLST))
        .await
        .expect("find")
        .expect("journaled");
    let receptions = store.receptions(id).await.expect("receptions");
    assert_eq!(receptions[0].channel, Channel::Folder);
    assert_eq!(receptions[0].sender, "KL");
    assert_eq!(receptions[0].external_ref.as_deref(), Some("fz713.edi"));
    assert_eq!(settled(&store, id).await.state, ProcessingState::Processed);
    assert_eq!(store.journal_size().await.expect("size").messages, 1);

    // The same name again goes beside the first, not over it.
    std::fs::write(root.join("fz713.edi"), BROKEN).expect("write");
    let second = root.join("done").join("fz713.edi.1");
    for _ in 0..200 {
        if second.exists() {
            break;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    assert_eq!(std::fs::read(&second).expect("moved beside"), BROKEN);
    assert_eq!(std::fs::read(&done).expect("still there"), PAXLST);
    server.stop().await;
}

async fn reprocessing_a_quarantine_twice_gives_the_same_state(db: TestDb) {
    let store = db.open().await;
    let good = append(&store, PAXLST).await;
    let broken = append(&store, BROKEN).await;

    let (reset, first) = reprocess(&store, ReprocessSelection::All)
        .await
        .expect("reprocess");
    assert_eq!(reset, 2);
    assert_eq!((first.processed, first.quarantined), (1, 1));
    let before = (
        store.status(good).await.expect("status"),
        store.status(broken).await.expect("status"),
    );
    assert_eq!(before.1.state, ProcessingState::Quarantined);

    for _ in 0..2 {
        let (reset, again) = reprocess(&store, ReprocessSelection::Quarantined)
            .await
            .expect("reprocess");
        assert_eq!(reset, 1);
        assert_eq!((again.processed, again.quarantined), (0, 1));
        let good_now = store.status(good).await.expect("status");
        let broken_now = store.status(broken).await.expect("status");
        assert_eq!(good_now, before.0, "a processed message is left alone");
        assert_eq!(broken_now.state, ProcessingState::Quarantined);
        assert_eq!(broken_now.error, before.1.error);
    }
    // Nothing selected, nothing waiting: nothing happens.
    let (reset, none) = reprocess(&store, ReprocessSelection::Ids(&[]))
        .await
        .expect("reprocess");
    assert_eq!((reset, none.processed, none.quarantined), (0, 0, 0));
    assert_eq!(store.journal_size().await.expect("size").messages, 2);
}

async fn messages_journaled_while_down_are_processed_on_start(db: TestDb) {
    let store = db.open().await;
    let waiting = append(&store, PAXLST).await;
    let server = Server::start(store.clone(), None).await;
    assert_eq!(
        settled(&store, waiting).await.state,
        ProcessingState::Processed
    );
    server.stop().await;
}

async fn append(store: &Store, bytes: &[u8]) -> MessageId {
    store
        .append(
            bytes,
            &Reception::new(Channel::Http, "KL", OffsetDateTime::now_utc()),
        )
        .await
        .expect("append")
        .id
}

/// Refusals touch nothing: a missing or unknown token, an empty or oversized body.
mod refusals {
    use super::*;

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn unknown_token_is_refused_and_nothing_journaled() {
        support::run_sqlite(|db| async move {
            let store = db.open().await;
            let server = Server::start(store.clone(), None).await;
            for token in [None, Some("piu_not_a_token"), Some("")] {
                let (status, body) =
                    request(server.addr, "POST", "/api/v1/messages", token, PAXLST).await;
                assert_eq!(status, 401, "{body}");
            }
            let size = store.journal_size().await.expect("size");
            assert_eq!((size.messages, size.receptions), (0, 0));
            server.stop().await;
        })
        .await;
    }

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn oversized_and_empty_bodies_are_refused() {
        support::run_sqlite(|db| async move {
            let store = db
                .open_with(StoreOptions {
                    max_message_bytes: 1000,
                    ..support::test_options()
                })
                .await;
            let server = Server::start(store.clone(), None).await;
            let (status, body) = post(&server, KL_TOKEN, &[b'A'; 1500]).await;
            assert_eq!(status, 413, "{body}");
            let (status, body) = post(&server, KL_TOKEN, b"").await;
            assert_eq!(status, 400, "{body}");
            let (status, _) = post(&server, KL_TOKEN, &[b'A'; 1000]).await;
            assert_eq!(status, 202, "exactly the limit is accepted");
            assert_eq!(store.journal_size().await.expect("size").receptions, 1);
            server.stop().await;
        })
        .await;
    }

    /// A file over the size limit in the drop folder goes to failed/ with the reason.
    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn oversized_file_is_set_aside() {
        support::run_sqlite(|db| async move {
            let store = db
                .open_with(StoreOptions {
                    max_message_bytes: 100,
                    ..support::test_options()
                })
                .await;
            let folder = tempfile::tempdir().expect("a temporary folder");
            std::fs::write(folder.path().join("big.edi"), PAXLST).expect("write");
            let mut drop_folder = piu_intake::folder::DropFolder::open(
                store.clone(),
                piu_intake::folder::FolderConfig {
                    path: folder.path().to_owned(),
                    sender: "KL".to_owned(),
                    interval: Duration::from_millis(10),
                },
            )
            .expect("open");
            let first = drop_folder.scan().await.expect("scan");
            assert_eq!(
                (first.waiting, first.failed),
                (1, 0),
                "seen once, not yet taken"
            );
            let second = drop_folder.scan().await.expect("scan");
            assert_eq!((second.journaled, second.failed), (0, 1));
            let failed = folder.path().join("failed");
            assert_eq!(std::fs::read(failed.join("big.edi")).expect("kept"), PAXLST);
            let reason = std::fs::read_to_string(failed.join("big.edi.error.txt")).expect("reason");
            assert!(reason.contains("limit of 100 bytes"), "{reason}");
            assert_eq!(store.journal_size().await.expect("size").messages, 0);
        })
        .await;
    }
}
