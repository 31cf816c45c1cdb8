//! API tokens for systems: a bearer token acts as its account under its
//! purpose, needs no CSRF token, and stops working when it expires, is
//! revoked, or names a purpose the account does not hold.

mod common;

use axum::body::Body;
use axum::http::{StatusCode, header};
use piu_store::testing::TestDb;
use piu_store::{NewApiToken, Store};
use serde_json::json;
use time::{Duration, OffsetDateTime};

use common::*;

/// A new token for `username`, valid for `days` (negative: expired).
async fn token(
    store: &Store,
    username: &str,
    name: &str,
    purpose: Option<&str>,
    days: i64,
) -> String {
    let user = store
        .user_by_username(username)
        .await
        .expect("read")
        .expect("account");
    let token = piu_access::new_token().expect("token");
    let now = OffsetDateTime::now_utc();
    let created = store
        .create_api_token(&NewApiToken {
            token_hash: piu_access::hash_token(&token),
            user_id: user.id,
            name,
            purpose,
            created_at: now,
            expires_at: now + Duration::days(days),
        })
        .await
        .expect("stored");
    assert!(created);
    token
}

async fn with_bearer(
    world: &World,
    method: &str,
    path: &str,
    token: &str,
    body: Option<serde_json::Value>,
) -> Reply {
    let builder =
        request(method, path, None).header(header::AUTHORIZATION, format!("Bearer {token}"));
    let request = match body {
        Some(body) => builder
            .header(header::CONTENT_TYPE, "application/json")
            .body(Body::from(body.to_string())),
        None => builder.body(Body::empty()),
    };
    send(&world.router, request.expect("request")).await
}

async fn bearer_tokens(db: TestDb) {
    let world = world(&db, test_settings()).await;
    let store = &world.store;
    let analyst = token(
        store,
        "analyst",
        "case-system",
        Some("terrorism_serious_crime"),
        30,
    )
    .await;

    let me = with_bearer(&world, "GET", "/api/v1/me", &analyst, None).await;
    assert_eq!(me.status, StatusCode::OK, "{}", me.text());
    assert_eq!(me.json()["purpose"], "terrorism_serious_crime");
    let hits = with_bearer(&world, "GET", "/api/v1/hits", &analyst, None).await;
    assert_eq!(hits.status, StatusCode::OK);
    assert_eq!(hits.json()["items"].as_array().map(Vec::len), Some(1));

    // A state change needs no CSRF token with a bearer token.
    let path = format!("/api/v1/hits/{}/notes", world.crime_hit);
    let noted = with_bearer(
        &world,
        "POST",
        &path,
        &analyst,
        Some(json!({ "text": "seen" })),
    )
    .await;
    assert_eq!(noted.status, StatusCode::CREATED, "{}", noted.text());

    // The account's role still decides.
    let admin = token(store, "admin", "reports", None, 30).await;
    with_bearer(&world, "GET", "/api/v1/hits", &admin, None)
        .await
        .assert_problem(StatusCode::FORBIDDEN);

    // Unknown, malformed, expired, revoked, or a purpose not held: no one.
    let expired = token(store, "analyst", "old", Some("terrorism_serious_crime"), -1).await;
    let not_held = token(store, "supervisor", "border", Some("border_migration"), 30).await;
    let unknown = piu_access::new_token().expect("token");
    for presented in [
        unknown.as_str(),
        "not a token",
        expired.as_str(),
        not_held.as_str(),
    ] {
        with_bearer(&world, "GET", "/api/v1/me", presented, None)
            .await
            .assert_problem(StatusCode::UNAUTHORIZED);
    }
    let user = store
        .user_by_username("analyst")
        .await
        .expect("read")
        .expect("account");
    let now = OffsetDateTime::now_utc();
    assert!(
        store
            .revoke_api_token(user.id, "case-system", now)
            .await
            .expect("revoke")
    );
    assert!(
        !store
            .revoke_api_token(user.id, "case-system", now)
            .await
            .expect("revoke")
    );
    with_bearer(&world, "GET", "/api/v1/me", &analyst, None)
        .await
        .assert_problem(StatusCode::UNAUTHORIZED);
    // A second token of the same name for the account is refused.
    let again = store
        .create_api_token(&NewApiToken {
            token_hash: piu_access::hash_token(&unknown),
            user_id: user.id,
            name: "case-system",
            purpose: None,
            created_at: now,
            expires_at: now + Duration::days(1),
        })
        .await
        .expect("stored");
    assert!(!again);
}

piu_store::on_both_backends!(bearer_tokens);
