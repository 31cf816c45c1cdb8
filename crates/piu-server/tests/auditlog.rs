//! The audit log as the data protection officer and auditors read it: pages
//! of records, newest by default, and a verification of the chain.

mod common;

use axum::http::StatusCode;
use piu_store::testing::{TestDb, run_sqlite};

use common::*;

async fn the_dpo_reads_and_verifies_the_log(db: TestDb) {
    let world = world(&db, test_settings()).await;
    let router = &world.router;
    // Some history: sign-ins and a refusal.
    let analyst = sign_in(router, "analyst", "terrorism_serious_crime").await;
    get(router, "/api/v1/audit", Some(&analyst))
        .await
        .assert_problem(StatusCode::FORBIDDEN);
    let dpo = sign_in(router, "dpo", "").await;

    let newest = get(router, "/api/v1/audit?limit=2", Some(&dpo)).await;
    assert_eq!(newest.status, StatusCode::OK, "{}", newest.text());
    let page = newest.json();
    let head = page["head_seq"].as_i64().expect("head");
    assert!(head >= 3, "{page}");
    let records = page["records"].as_array().expect("records");
    assert_eq!(records.len(), 2);
    assert_eq!(records[1]["seq"], head);
    assert_eq!(records[1]["event"]["kind"], "login");
    assert_eq!(page["next"], serde_json::Value::Null);
    assert_eq!(page["previous"], (head - 3).max(1));
    let first = get(router, "/api/v1/audit?from=1&limit=1", Some(&dpo))
        .await
        .json();
    assert_eq!(first["records"][0]["seq"], 1);
    assert_eq!(first["next"], 2);
    for bad in [
        "/api/v1/audit?from=0",
        "/api/v1/audit?limit=501",
        "/api/v1/audit?from=x",
    ] {
        get(router, bad, Some(&dpo))
            .await
            .assert_problem(StatusCode::BAD_REQUEST);
    }

    let verdict = get(router, "/api/v1/audit/verification", Some(&dpo))
        .await
        .json();
    assert_eq!(verdict["intact"], true, "{verdict}");
    assert!(
        verdict["description"]
            .as_str()
            .expect("text")
            .starts_with("audit chain intact")
    );

    let html = get(router, "/audit", Some(&dpo)).await.text();
    assert!(
        html.contains("<td>denied</td>"),
        "the analyst's refusal is listed"
    );
    let html = get(router, "/audit/verification", Some(&dpo)).await.text();
    assert!(html.contains("audit chain intact"), "{html}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_dpo_reads_the_newest_records_and_verifies_the_chain() {
    run_sqlite(the_dpo_reads_and_verifies_the_log).await;
}
