//! Accounts and sessions, once per backend: creation, look-up, failed and
//! successful logins with a lock-out rule, session expiry and ends.

use piu_store::on_both_backends;
use piu_store::testing::TestDb;
use piu_store::{CreateUserError, LoginCounters, NewSession, NewUser, Store, UserId};
use time::macros::datetime;
use time::{Duration, OffsetDateTime};

on_both_backends!(
    created_user_is_found_by_name_and_id,
    a_taken_user_name_is_refused,
    five_failures_lock_and_success_resets,
    concurrent_failures_are_all_counted,
    success_is_refused_while_locked,
    sessions_expire_and_end,
    disabling_a_user_ends_and_refuses_its_sessions,
);

const NOW: OffsetDateTime = datetime!(2026-11-21 09:00 UTC);

/// Not a real hash: the store keeps whatever PHC string it is given.
const PHC: &str = "$argon2id$v=19$m=19456,t=2,p=1$c2FsdHNhbHRzYWx0c2FsdA$aGFzaGhhc2hoYXNoaGFzaGhhc2hoYXNoaGFzaGhhc2g";

fn analyst(username: &str) -> NewUser<'_> {
    NewUser {
        username,
        display_name: "Leyla Mammadova",
        role: "analyst",
        agency: "piu",
        purposes: "terrorism_serious_crime,border_migration",
        password_hash: PHC,
        created_at: NOW,
    }
}

async fn create(store: &Store, username: &str) -> UserId {
    store
        .create_user(&analyst(username))
        .await
        .expect("create user")
        .id
}

/// The rule the access layer applies, written out here: the store must not
/// depend on it, only apply what it is given.
fn lock_after_five(now: OffsetDateTime) -> impl Fn(&LoginCounters) -> LoginCounters {
    move |counters| {
        let count = counters.failed_count + 1;
        if count >= 5 {
            LoginCounters {
                failed_count: 0,
                failed_since: None,
                locked_until: Some(now + Duration::minutes(15)),
            }
        } else {
            LoginCounters {
                failed_count: count,
                failed_since: counters.failed_since.or(Some(now)),
                locked_until: None,
            }
        }
    }
}

async fn created_user_is_found_by_name_and_id(db: TestDb) {
    let store = db.open().await;
    let created = store
        .create_user(&analyst("leyla.m"))
        .await
        .expect("create");
    let found = store
        .user_by_username("leyla.m")
        .await
        .expect("find")
        .expect("present");
    assert_eq!(found, created);
    assert_eq!(found.role, "analyst");
    assert_eq!(found.purposes, "terrorism_serious_crime,border_migration");
    assert_eq!(found.password_hash, PHC);
    assert_eq!(found.created_at, NOW);
    assert!(!found.disabled);
    assert_eq!(found.login, LoginCounters::default());
    assert_eq!(
        store.user(created.id).await.expect("by id"),
        Some(created.clone())
    );
    // Names are compared exactly.
    assert_eq!(store.user_by_username("Leyla.M").await.expect("find"), None);
    assert_eq!(
        store.user(UserId(created.id.0 + 1)).await.expect("by id"),
        None
    );

    let other = create(&store, "amina.a").await;
    assert_ne!(other, created.id);
    let names: Vec<String> = store
        .users()
        .await
        .expect("list")
        .into_iter()
        .map(|user| user.username)
        .collect();
    assert_eq!(names, ["amina.a", "leyla.m"]);
}

async fn a_taken_user_name_is_refused(db: TestDb) {
    let store = db.open().await;
    create(&store, "leyla.m").await;
    match store.create_user(&analyst("leyla.m")).await {
        Err(CreateUserError::UsernameTaken(name)) => assert_eq!(name, "leyla.m"),
        other => panic!("expected UsernameTaken, got {other:?}"),
    }
    assert_eq!(store.users().await.expect("list").len(), 1);
}

async fn five_failures_lock_and_success_resets(db: TestDb) {
    let store = db.open().await;
    let id = create(&store, "leyla.m").await;
    for attempt in 1..=4 {
        let counters = store
            .record_failed_login(id, lock_after_five(NOW))
            .await
            .expect("record")
            .expect("user exists");
        assert_eq!(counters.failed_count, attempt);
        assert_eq!(counters.failed_since, Some(NOW));
        assert_eq!(counters.locked_until, None);
    }
    let locked = store
        .record_failed_login(id, lock_after_five(NOW))
        .await
        .expect("record")
        .expect("user exists");
    assert_eq!(locked.locked_until, Some(NOW + Duration::minutes(15)));
    // What was returned is what is stored.
    let stored = store.user(id).await.expect("read").expect("present");
    assert_eq!(stored.login, locked);

    let later = NOW + Duration::minutes(16);
    assert!(
        store
            .record_successful_login(id, later)
            .await
            .expect("record")
    );
    let stored = store.user(id).await.expect("read").expect("present");
    assert_eq!(stored.login, LoginCounters::default());
    assert_eq!(stored.last_login_at, Some(later));

    assert_eq!(
        store
            .record_failed_login(UserId(id.0 + 100), lock_after_five(NOW))
            .await
            .expect("record"),
        None
    );
}

async fn concurrent_failures_are_all_counted(db: TestDb) {
    let store = db.open().await;
    let id = create(&store, "leyla.m").await;
    // Counting only, no lock: each failure adds one.
    let add_one = |counters: &LoginCounters| LoginCounters {
        failed_count: counters.failed_count + 1,
        ..*counters
    };
    let tasks: Vec<_> = (0..8)
        .map(|_| {
            let store = store.clone();
            tokio::spawn(async move {
                for _ in 0..5 {
                    store
                        .record_failed_login(id, add_one)
                        .await
                        .expect("record")
                        .expect("user exists");
                }
            })
        })
        .collect();
    for task in tasks {
        task.await.expect("task");
    }
    let stored = store.user(id).await.expect("read").expect("present");
    assert_eq!(stored.login.failed_count, 40);
}

async fn success_is_refused_while_locked(db: TestDb) {
    let store = db.open().await;
    let id = create(&store, "leyla.m").await;
    let until = NOW + Duration::minutes(15);
    store
        .record_failed_login(id, |_| LoginCounters {
            failed_count: 0,
            failed_since: None,
            locked_until: Some(until),
        })
        .await
        .expect("record");
    assert!(
        !store
            .record_successful_login(id, until - Duration::seconds(1))
            .await
            .expect("record")
    );
    let stored = store.user(id).await.expect("read").expect("present");
    assert_eq!(stored.login.locked_until, Some(until));
    assert_eq!(stored.last_login_at, None);
    assert!(
        store
            .record_successful_login(id, until)
            .await
            .expect("record")
    );
}

fn session_for(user_id: UserId, seed: u8, expires_at: OffsetDateTime) -> NewSession {
    NewSession {
        token_hash: [seed; 32],
        user_id,
        csrf_hash: [seed.wrapping_add(100); 32],
        created_at: NOW,
        expires_at,
    }
}

async fn sessions_expire_and_end(db: TestDb) {
    let store = db.open().await;
    let id = create(&store, "leyla.m").await;
    let expires = NOW + Duration::hours(8);
    let first = session_for(id, 1, expires);
    let second = session_for(id, 2, expires);
    store.create_session(&first).await.expect("create");
    store.create_session(&second).await.expect("create");

    let seen = NOW + Duration::minutes(5);
    let live = store
        .session(&first.token_hash, seen)
        .await
        .expect("lookup")
        .expect("live");
    assert_eq!(live.user_id, id);
    assert_eq!(live.csrf_hash, first.csrf_hash);
    assert_eq!(live.expires_at, expires);
    assert_eq!(live.last_seen_at, NOW);
    // The lookup marked it seen.
    let again = store
        .session(&first.token_hash, seen + Duration::minutes(1))
        .await
        .expect("lookup")
        .expect("live");
    assert_eq!(again.last_seen_at, seen);

    // Unknown and expired tokens find nothing.
    assert_eq!(store.session(&[9; 32], seen).await.expect("lookup"), None);
    assert_eq!(
        store
            .session(&first.token_hash, expires)
            .await
            .expect("lookup"),
        None
    );

    assert!(store.end_session(&first.token_hash).await.expect("end"));
    assert!(!store.end_session(&first.token_hash).await.expect("end"));
    assert_eq!(
        store
            .session(&first.token_hash, seen)
            .await
            .expect("lookup"),
        None
    );
    assert!(
        store
            .session(&second.token_hash, seen)
            .await
            .expect("lookup")
            .is_some()
    );

    let short = session_for(id, 3, NOW + Duration::minutes(1));
    store.create_session(&short).await.expect("create");
    assert_eq!(
        store
            .delete_expired_sessions(NOW + Duration::minutes(2))
            .await
            .expect("delete"),
        1
    );
    assert_eq!(store.end_sessions_of(id).await.expect("end all"), 1);
    assert_eq!(
        store
            .session(&second.token_hash, seen)
            .await
            .expect("lookup"),
        None
    );
}

async fn disabling_a_user_ends_and_refuses_its_sessions(db: TestDb) {
    let store = db.open().await;
    let id = create(&store, "leyla.m").await;
    let other = create(&store, "amina.a").await;
    let session = session_for(id, 1, NOW + Duration::hours(8));
    let others = session_for(other, 2, NOW + Duration::hours(8));
    store.create_session(&session).await.expect("create");
    store.create_session(&others).await.expect("create");

    assert!(store.set_user_disabled(id, true).await.expect("disable"));
    assert!(
        store
            .user(id)
            .await
            .expect("read")
            .expect("present")
            .disabled
    );
    assert_eq!(
        store
            .session(&session.token_hash, NOW)
            .await
            .expect("lookup"),
        None
    );
    assert!(
        store
            .session(&others.token_hash, NOW)
            .await
            .expect("lookup")
            .is_some()
    );

    // A session made while disabled is refused too, and enabling lets it in.
    store.create_session(&session).await.expect("create");
    assert_eq!(
        store
            .session(&session.token_hash, NOW)
            .await
            .expect("lookup"),
        None
    );
    assert!(store.set_user_disabled(id, false).await.expect("enable"));
    assert!(
        store
            .session(&session.token_hash, NOW)
            .await
            .expect("lookup")
            .is_some()
    );
    assert!(
        !store
            .set_user_disabled(UserId(other.0 + 100), true)
            .await
            .expect("disable")
    );
}
