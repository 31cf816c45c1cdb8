//! A console session left unused ends after the idle time-out, while one in
//! use lives on.

mod common;

use axum::http::StatusCode;
use piu_server::Settings;
use piu_store::testing::{TestDb, run_sqlite};
use time::Duration;

use common::*;

async fn idle_sessions_end(db: TestDb) {
    let settings = Settings {
        idle_timeout: Duration::milliseconds(1500),
        ..test_settings()
    };
    let world = world(&db, settings).await;
    let client = sign_in(&world.router, "analyst", "terrorism_serious_crime").await;
    // Requests closer together than the time-out keep the session alive,
    // however long it lives in all.
    for _ in 0..3 {
        tokio::time::sleep(std::time::Duration::from_millis(700)).await;
        let me = get(&world.router, "/api/v1/me", Some(&client)).await;
        assert_eq!(me.status, StatusCode::OK, "{}", me.text());
    }
    tokio::time::sleep(std::time::Duration::from_millis(1700)).await;
    get(&world.router, "/api/v1/me", Some(&client))
        .await
        .assert_problem(StatusCode::UNAUTHORIZED);
    // Ended, not only refused: a request in time again does not revive it.
    get(&world.router, "/api/v1/me", Some(&client))
        .await
        .assert_problem(StatusCode::UNAUTHORIZED);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_session_unused_for_the_idle_time_out_ends() {
    run_sqlite(idle_sessions_end).await;
}
