//! The audit chain on both backends: appends, concurrency, the append-only
//! triggers, and tampering by someone with write access who drops them.

use piu_store::testing::TestDb;
use piu_store::{
    AuditActor, AuditDamage, AuditEvent, AuditExpectation, AuditHash, AuditKind, AuditObject,
    AuditOutcome, AuditPurpose, AuditVerdict, Backend, NewAuditEvent, Store, on_both_backends,
};
use sqlx::{AnyConnection, AssertSqlSafe, Connection, Executor};
use time::OffsetDateTime;
use time::macros::datetime;

/// A consultation of traveller `n` by user `u-n`, a second apart.
fn consultation(n: i64) -> AuditEvent {
    AuditEvent::new(NewAuditEvent {
        kind: AuditKind::Consultation,
        actor: AuditActor::User {
            id: format!("u-{n}"),
            role: Some("analyst".to_owned()),
            agency: Some("border_service".to_owned()),
        },
        purpose: AuditPurpose::BorderMigration,
        object_type: AuditObject::Traveller,
        object_ids: vec![n.to_string()],
        reason: None,
        outcome: AuditOutcome::Allowed,
        at: datetime!(2026-03-01 08:00 UTC) + time::Duration::seconds(n),
    })
    .expect("a valid event")
}

fn collection(message: i64) -> AuditEvent {
    AuditEvent::new(NewAuditEvent {
        kind: AuditKind::Collection,
        actor: AuditActor::System {
            component: "intake".to_owned(),
        },
        purpose: AuditPurpose::Unbound,
        object_type: AuditObject::Message,
        object_ids: vec![message.to_string()],
        reason: None,
        outcome: AuditOutcome::Allowed,
        at: OffsetDateTime::now_utc(),
    })
    .expect("a valid event")
}

async fn verify(store: &Store) -> AuditVerdict {
    store
        .verify_audit(&AuditExpectation::default())
        .await
        .expect("verification runs")
}

fn broken(seq: i64, damage: AuditDamage) -> AuditVerdict {
    AuditVerdict::Broken { seq, damage }
}

/// A store holding records 1..=count, each a consultation.
async fn chain_of(db: &TestDb, count: i64) -> Store {
    let store = db.open().await;
    let events: Vec<AuditEvent> = (1..=count).map(consultation).collect();
    store
        .append_audit_batch(&events)
        .await
        .expect("the batch appends");
    store
}

/// A connection of the tamperer's, outside the store.
async fn raw(db: &TestDb) -> AnyConnection {
    AnyConnection::connect(&db.url)
        .await
        .expect("a raw connection")
}

async fn execute(db: &TestDb, sql: &str) -> Result<u64, sqlx::Error> {
    let mut connection = raw(db).await;
    let result = connection.execute(AssertSqlSafe(sql.to_owned())).await;
    let _ = connection.close().await;
    result.map(|done| done.rows_affected())
}

async fn drop_triggers(db: &TestDb) {
    let sql = match db.backend {
        Backend::Sqlite => {
            "DROP TRIGGER audit_record_no_update; DROP TRIGGER audit_record_no_delete"
        }
        Backend::Postgres => {
            "DROP TRIGGER audit_record_no_change ON audit_record; \
             DROP TRIGGER audit_record_no_truncate ON audit_record"
        }
    };
    execute(db, sql).await.expect("the triggers drop");
}

async fn set_event(db: &TestDb, seq: i64, event: &[u8]) {
    let mut connection = raw(db).await;
    sqlx::query("UPDATE audit_record SET event = $1 WHERE seq = $2")
        .bind(event.to_vec())
        .bind(seq)
        .execute(&mut connection)
        .await
        .expect("the event is overwritten");
    let _ = connection.close().await;
}

async fn hash_of(store: &Store, seq: i64) -> AuditHash {
    let records = store.audit_records(seq, 1).await.expect("records");
    let record = records.first().expect("the record exists");
    assert_eq!(record.seq, seq);
    AuditHash(record.hash.as_slice().try_into().expect("32 bytes"))
}

async fn appends_and_verifies(db: TestDb) {
    let store = db.open().await;
    assert_eq!(
        verify(&store).await,
        AuditVerdict::Intact(piu_store::AuditSummary {
            count: 0,
            head: None,
            anchor_seq: None,
        })
    );
    let events = vec![consultation(1), collection(42), consultation(3)];
    let mut appended = Vec::new();
    for event in &events {
        appended.push(store.append_audit(event).await.expect("appends"));
    }
    let seqs: Vec<u64> = appended.iter().map(|a| a.seq).collect();
    assert_eq!(seqs, [1, 2, 3]);

    let records = store.audit_records(1, 100).await.expect("records");
    assert_eq!(records.len(), 3);
    let mut prev = AuditHash::GENESIS;
    for ((record, event), appended) in records.iter().zip(&events).zip(&appended) {
        assert_eq!(record.decode().as_ref(), Ok(event));
        assert_eq!(record.event, event.canonical_bytes());
        assert_eq!(record.prev_hash, prev.0);
        let hash = AuditHash::chain(&prev.0, &record.event);
        assert_eq!(record.hash, hash.0);
        assert_eq!(appended.hash, hash);
        prev = hash;
    }
    assert_eq!(
        verify(&store).await,
        AuditVerdict::Intact(piu_store::AuditSummary {
            count: 3,
            head: Some(prev),
            anchor_seq: None,
        })
    );
    // Reopened, the chain goes on from its head.
    store.close().await;
    let store = db.open().await;
    let next = store.append_audit(&consultation(4)).await.expect("appends");
    assert_eq!(next.seq, 4);
    assert!(verify(&store).await.is_intact());
}

/// Many tasks on two stores (two pools, as two processes would have) append at
/// once: one chain, no fork, no gap.
async fn concurrent_appends_make_one_chain(db: TestDb) {
    let stores = [db.open().await, db.open().await];
    let mut tasks = Vec::new();
    for task in 0..16_i64 {
        let store = stores[(task % 2) as usize].clone();
        tasks.push(tokio::spawn(async move {
            for n in 0..10 {
                store
                    .append_audit(&consultation(task * 100 + n))
                    .await
                    .expect("a concurrent append");
            }
        }));
    }
    for task in tasks {
        task.await.expect("the task finishes");
    }
    match verify(&stores[0]).await {
        AuditVerdict::Intact(summary) => assert_eq!(summary.count, 160),
        other => panic!("the chain is not intact: {other:?}"),
    }
}

async fn triggers_refuse_update_delete_and_truncate(db: TestDb) {
    let store = chain_of(&db, 3).await;
    let update = execute(
        &db,
        "UPDATE audit_record SET actor = 'someone' WHERE seq = 2",
    )
    .await;
    let delete = execute(&db, "DELETE FROM audit_record WHERE seq = 3").await;
    for (what, outcome) in [("UPDATE", update), ("DELETE", delete)] {
        let error = outcome.expect_err("the trigger refuses");
        assert!(
            error.to_string().contains("append-only"),
            "{what} refused for another reason: {error}"
        );
    }
    if db.backend == Backend::Postgres {
        let truncate = execute(&db, "TRUNCATE audit_record").await;
        assert!(truncate.is_err(), "TRUNCATE went through");
    }
    assert!(verify(&store).await.is_intact());
    assert_eq!(store.audit_records(1, 10).await.expect("records").len(), 3);
}

/// Two records can never follow the same one: the database refuses a fork
/// even from a writer that skipped the lock.
async fn a_fork_is_refused_by_the_schema(db: TestDb) {
    let store = chain_of(&db, 2).await;
    let first = hash_of(&store, 1).await;
    let forged = consultation(99).canonical_bytes();
    let mut connection = raw(&db).await;
    let fork = sqlx::query(
        "INSERT INTO audit_record (seq, at, kind, actor, event, prev_hash, hash) \
         VALUES (3, 0, 'consultation', 'u-99', $1, $2, $3)",
    )
    .bind(forged.clone())
    .bind(first.0.to_vec())
    .bind(AuditHash::chain(&first.0, &forged).0.to_vec())
    .execute(&mut connection)
    .await;
    assert!(fork.is_err(), "a second record after record 1 was stored");
}

async fn an_altered_event_is_named(db: TestDb) {
    let store = chain_of(&db, 5).await;
    drop_triggers(&db).await;
    let records = store.audit_records(3, 1).await.expect("records");
    let altered = String::from_utf8(records[0].event.clone())
        .expect("UTF-8")
        .replace("\"u-3\"", "\"u-8\"");
    set_event(&db, 3, altered.as_bytes()).await;
    assert_eq!(verify(&store).await, broken(3, AuditDamage::HashMismatch));
}

async fn an_altered_column_is_named(db: TestDb) {
    let store = chain_of(&db, 5).await;
    drop_triggers(&db).await;
    execute(&db, "UPDATE audit_record SET actor = 'u-9' WHERE seq = 2")
        .await
        .expect("the column is overwritten");
    assert_eq!(
        verify(&store).await,
        broken(2, AuditDamage::ColumnMismatch { column: "actor" })
    );
}

async fn a_removed_record_is_named(db: TestDb) {
    let store = chain_of(&db, 5).await;
    drop_triggers(&db).await;
    execute(&db, "DELETE FROM audit_record WHERE seq = 3")
        .await
        .expect("the record is deleted");
    assert_eq!(
        verify(&store).await,
        broken(4, AuditDamage::SeqGap { expected: 3 })
    );
    // Renumbered to hide the gap, the next record no longer follows its predecessor.
    execute(&db, "UPDATE audit_record SET seq = 3 WHERE seq = 4")
        .await
        .expect("renumbered");
    execute(&db, "UPDATE audit_record SET seq = 4 WHERE seq = 5")
        .await
        .expect("renumbered");
    assert_eq!(verify(&store).await, broken(3, AuditDamage::PrevMismatch));
}

async fn swapped_records_are_named(db: TestDb) {
    let store = chain_of(&db, 5).await;
    drop_triggers(&db).await;
    for sql in [
        "UPDATE audit_record SET seq = 1000000 WHERE seq = 2",
        "UPDATE audit_record SET seq = 2 WHERE seq = 4",
        "UPDATE audit_record SET seq = 4 WHERE seq = 1000000",
    ] {
        execute(&db, sql).await.expect("swapped");
    }
    assert_eq!(verify(&store).await, broken(2, AuditDamage::PrevMismatch));
}

/// A forged record slipped in: one with a made-up hash is named itself; one
/// whose hash was computed properly is consistent in itself, so the record
/// after it, which no longer follows its predecessor, is named.
async fn inserted_records_are_named(db: TestDb) {
    let store = chain_of(&db, 5).await;
    drop_triggers(&db).await;
    let before = hash_of(&store, 2).await;
    for seq in (3..=5).rev() {
        execute(
            &db,
            &format!(
                "UPDATE audit_record SET seq = {} WHERE seq = {seq}",
                seq + 1
            ),
        )
        .await
        .expect("moved up");
    }
    let forged_event = consultation(77).canonical_bytes();
    let forged_hash = AuditHash::chain(&before.0, &forged_event);
    // The record that followed record 2 must give up its prev_hash (it is
    // unique) before the forged record can claim it.
    let mut connection = raw(&db).await;
    sqlx::query("UPDATE audit_record SET prev_hash = $1 WHERE seq = 4")
        .bind(forged_hash.0.to_vec())
        .execute(&mut connection)
        .await
        .expect("relinked");
    sqlx::query(
        "INSERT INTO audit_record (seq, at, kind, actor, event, prev_hash, hash) \
         VALUES (3, $1, 'consultation', 'u-77', $2, $3, $4)",
    )
    .bind(consultation(77).at().unix_timestamp() * 1_000_000)
    .bind(forged_event.clone())
    .bind(before.0.to_vec())
    .bind(forged_hash.0.to_vec())
    .execute(&mut connection)
    .await
    .expect("the forged record is inserted");
    assert_eq!(verify(&store).await, broken(4, AuditDamage::HashMismatch));

    // A forger who does not know the rule leaves a hash that matches nothing.
    sqlx::query("UPDATE audit_record SET hash = $1 WHERE seq = 3")
        .bind(vec![7u8; 32])
        .execute(&mut connection)
        .await
        .expect("the hash is made up");
    let _ = connection.close().await;
    assert_eq!(verify(&store).await, broken(3, AuditDamage::HashMismatch));
}

/// Removing the newest records leaves a consistent chain: only an anchor
/// taken earlier shows it.
async fn a_truncated_tail_needs_an_anchor(db: TestDb) {
    let store = chain_of(&db, 5).await;
    let anchor = hash_of(&store, 5).await;
    let early = hash_of(&store, 3).await;
    let expect = |head: AuditHash| AuditExpectation {
        head: Some(head),
        min_count: None,
    };
    let verdict = store.verify_audit(&expect(early)).await.expect("verifies");
    match verdict {
        AuditVerdict::Intact(summary) => assert_eq!(summary.anchor_seq, Some(3)),
        other => panic!("an older anchor was not found: {other:?}"),
    }

    drop_triggers(&db).await;
    execute(&db, "DELETE FROM audit_record WHERE seq >= 4")
        .await
        .expect("the tail is removed");
    assert!(verify(&store).await.is_intact(), "undetectable alone");
    match store.verify_audit(&expect(anchor)).await.expect("verifies") {
        AuditVerdict::AnchorMissing { summary, expected } => {
            assert_eq!(summary.count, 3);
            assert_eq!(expected, anchor);
        }
        other => panic!("the truncation went unseen: {other:?}"),
    }
    let at_least_five = AuditExpectation {
        head: None,
        min_count: Some(5),
    };
    match store.verify_audit(&at_least_five).await.expect("verifies") {
        AuditVerdict::TooShort { summary, expected } => {
            assert_eq!((summary.count, expected), (3, 5));
        }
        other => panic!("the truncation went unseen: {other:?}"),
    }
}

/// Verification reads in pages; damage on a later page is found and named.
async fn damage_past_the_first_page_is_named(db: TestDb) {
    let store = chain_of(&db, 2500).await;
    match verify(&store).await {
        AuditVerdict::Intact(summary) => {
            assert_eq!(summary.count, 2500);
            assert_eq!(summary.head, Some(hash_of(&store, 2500).await));
        }
        other => panic!("the long chain is not intact: {other:?}"),
    }
    drop_triggers(&db).await;
    let records = store.audit_records(2222, 1).await.expect("records");
    let altered = String::from_utf8(records[0].event.clone())
        .expect("UTF-8")
        .replace("border_migration", "terrorism_serious_crime");
    set_event(&db, 2222, altered.as_bytes()).await;
    assert_eq!(
        verify(&store).await,
        broken(2222, AuditDamage::HashMismatch)
    );
}

on_both_backends!(
    appends_and_verifies,
    concurrent_appends_make_one_chain,
    triggers_refuse_update_delete_and_truncate,
    a_fork_is_refused_by_the_schema,
    an_altered_event_is_named,
    an_altered_column_is_named,
    a_removed_record_is_named,
    swapped_records_are_named,
    inserted_records_are_named,
    a_truncated_tail_needs_an_anchor,
    damage_past_the_first_page_is_named,
);
