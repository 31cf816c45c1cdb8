//! The workspace server end to end, through its router: who may reach which
//! route, sign-in and lock-out, CSRF, purpose limits, paging, refusals as
//! problem+json, the audit chain, and the OpenAPI document. Every test runs
//! on a real SQLite store; the authorization matrix runs on PostgreSQL too.

mod common;

use axum::Router;
use axum::body::Body;
use axum::http::{StatusCode, header};
use piu_server::{AppState, Endpoint, Method, PROBLEM_JSON, ROUTES, Settings};
use piu_store::testing::{TestDb, run_sqlite};
use piu_store::{AuditExpectation, AuditKind, AuditOutcome, AuditPurpose, Store};
use serde_json::{Value, json};

use common::*;
fn account(username: &str) -> (&'static str, &'static str) {
    ACCOUNTS
        .iter()
        .find(|account| account.0 == username)
        .map(|account| (account.0, account.4))
        .expect("known account")
}

// ---------------------------------------------------------------------------
// The authorization matrix.

/// Who asks: an account's user name, or nobody signed in.
const WHO: [&str; 7] = [
    "admin",
    "analyst",
    "supervisor",
    "liaison",
    "dpo",
    "auditor",
    "anonymous",
];

/// Every route × every role → the status expected, in the order of [`WHO`].
/// Sign-in rows are sent an unknown user name (a wrong password would lock
/// the account half-way through). State-changing rows carry the
/// client's CSRF token; the rows that end a session get a fresh one.
const MATRIX: &[(Method, &str, [u16; 7])] = &[
    //                                        admin analyst superv liaison dpo auditor anon
    (
        Method::Get,
        "/api/openapi.json",
        [200, 200, 200, 200, 200, 200, 200],
    ),
    (
        Method::Post,
        "/api/v1/session",
        [401, 401, 401, 401, 401, 401, 401],
    ),
    (
        Method::Get,
        "/api/v1/me",
        [200, 200, 200, 200, 200, 200, 401],
    ),
    (
        Method::Get,
        "/api/v1/flights",
        [403, 200, 200, 403, 403, 403, 401],
    ),
    (
        Method::Get,
        "/api/v1/flights/{id}",
        [403, 200, 200, 403, 403, 403, 401],
    ),
    (
        Method::Get,
        "/api/v1/hits",
        [403, 200, 200, 403, 403, 403, 401],
    ),
    (Method::Get, "/login", [200, 200, 200, 200, 200, 200, 200]),
    (Method::Post, "/login", [401, 401, 401, 401, 401, 401, 401]),
    (Method::Get, "/", [200, 200, 200, 200, 200, 200, 303]),
    (Method::Get, "/flights", [403, 200, 200, 403, 403, 403, 303]),
    (
        Method::Get,
        "/flights/{id}",
        [403, 200, 200, 403, 403, 403, 303],
    ),
    (Method::Get, "/hits", [403, 200, 200, 403, 403, 403, 303]),
    // -- review, cases and referrals --
    (
        Method::Get,
        "/api/v1/hits/{id}",
        [403, 200, 200, 403, 403, 403, 401],
    ),
    (
        Method::Post,
        "/api/v1/hits/{id}/assignment",
        [403, 400, 400, 403, 403, 403, 401],
    ),
    (
        Method::Post,
        "/api/v1/hits/{id}/notes",
        [403, 400, 400, 403, 403, 403, 401],
    ),
    (
        Method::Post,
        "/api/v1/hits/{id}/disposition",
        [403, 400, 400, 403, 403, 403, 401],
    ),
    (
        Method::Get,
        "/api/v1/cases",
        [403, 200, 200, 403, 403, 403, 401],
    ),
    (
        Method::Post,
        "/api/v1/cases",
        [403, 400, 400, 403, 403, 403, 401],
    ),
    (
        Method::Get,
        "/api/v1/cases/{id}",
        [403, 404, 404, 403, 403, 403, 401],
    ),
    (
        Method::Post,
        "/api/v1/cases/{id}/items",
        [403, 400, 400, 403, 403, 403, 401],
    ),
    (
        Method::Get,
        "/api/v1/referrals",
        [403, 200, 200, 200, 403, 403, 401],
    ),
    (
        Method::Post,
        "/api/v1/referrals",
        [403, 400, 400, 403, 403, 403, 401],
    ),
    (
        Method::Get,
        "/api/v1/referrals/{id}",
        [403, 404, 404, 404, 403, 403, 401],
    ),
    (
        Method::Post,
        "/api/v1/referrals/{id}/decision",
        [403, 403, 400, 403, 403, 403, 401],
    ),
    (
        Method::Get,
        "/hits/{id}",
        [403, 200, 200, 403, 403, 403, 303],
    ),
    (
        Method::Post,
        "/hits/{id}/assignment",
        [403, 400, 400, 403, 403, 403, 303],
    ),
    (
        Method::Post,
        "/hits/{id}/notes",
        [403, 400, 400, 403, 403, 403, 303],
    ),
    (
        Method::Post,
        "/hits/{id}/disposition",
        [403, 400, 400, 403, 403, 403, 303],
    ),
    (Method::Get, "/cases", [403, 200, 200, 403, 403, 403, 303]),
    (Method::Post, "/cases", [403, 400, 400, 403, 403, 403, 303]),
    (
        Method::Get,
        "/cases/{id}",
        [403, 404, 404, 403, 403, 403, 303],
    ),
    (
        Method::Post,
        "/cases/{id}/items",
        [403, 400, 400, 403, 403, 403, 303],
    ),
    (
        Method::Get,
        "/referrals",
        [403, 200, 200, 200, 403, 403, 303],
    ),
    (
        Method::Post,
        "/referrals",
        [403, 400, 400, 403, 403, 403, 303],
    ),
    (
        Method::Get,
        "/referrals/{id}",
        [403, 404, 404, 404, 403, 403, 303],
    ),
    (
        Method::Post,
        "/referrals/{id}/decision",
        [403, 403, 400, 403, 403, 403, 303],
    ),
    (
        Method::Get,
        "/api/v1/audit",
        [403, 403, 403, 403, 200, 200, 401],
    ),
    (
        Method::Get,
        "/api/v1/audit/verification",
        [403, 403, 403, 403, 200, 200, 401],
    ),
    (Method::Get, "/audit", [403, 403, 403, 403, 200, 200, 303]),
    (
        Method::Get,
        "/audit/verification",
        [403, 403, 403, 403, 200, 200, 303],
    ),
    // -- travellers, bookings, search and the hit feed --
    (
        Method::Get,
        "/api/v1/travellers/{id}",
        [403, 200, 200, 403, 403, 403, 401],
    ),
    (
        Method::Get,
        "/api/v1/bookings/{id}",
        [403, 200, 200, 403, 403, 403, 401],
    ),
    (
        Method::Get,
        "/api/v1/search",
        [403, 200, 200, 403, 403, 403, 401],
    ),
    (
        Method::Get,
        "/api/v1/hits/feed",
        [403, 200, 200, 403, 403, 403, 401],
    ),
    (
        Method::Get,
        "/travellers/{id}",
        [403, 200, 200, 403, 403, 403, 303],
    ),
    (
        Method::Get,
        "/bookings/{id}",
        [403, 200, 200, 403, 403, 403, 303],
    ),
    (Method::Get, "/search", [403, 200, 200, 403, 403, 403, 303]),
    (
        Method::Get,
        "/search/results",
        [403, 200, 200, 403, 403, 403, 303],
    ),
    (
        Method::Get,
        "/hits/live",
        [403, 200, 200, 403, 403, 403, 303],
    ),
    // -- watchlists, criteria and charts --
    // Criteria ids name no stored criterion (404) and bodies are empty (400
    // where one is read): the guard in front is what is tested here.
    (
        Method::Get,
        "/api/v1/watchlists",
        [200, 403, 200, 403, 403, 403, 401],
    ),
    (
        Method::Get,
        "/watchlists",
        [200, 403, 200, 403, 403, 403, 303],
    ),
    (
        Method::Get,
        "/api/v1/criteria",
        [403, 200, 200, 403, 403, 403, 401],
    ),
    (
        Method::Post,
        "/api/v1/criteria",
        [403, 403, 400, 403, 403, 403, 401],
    ),
    (
        Method::Post,
        "/api/v1/criteria/{id}/backtest",
        [403, 400, 400, 403, 403, 403, 401],
    ),
    (
        Method::Post,
        "/api/v1/criteria/{id}/activation",
        [403, 403, 404, 403, 403, 403, 401],
    ),
    (
        Method::Get,
        "/criteria",
        [403, 200, 200, 403, 403, 403, 303],
    ),
    (
        Method::Post,
        "/criteria",
        [403, 403, 400, 403, 403, 403, 303],
    ),
    (
        Method::Get,
        "/criteria/{id}",
        [403, 404, 404, 403, 403, 403, 303],
    ),
    (
        Method::Post,
        "/criteria/{id}/backtest",
        [403, 400, 400, 403, 403, 403, 303],
    ),
    (
        Method::Post,
        "/criteria/{id}/activation",
        [403, 403, 404, 403, 403, 403, 303],
    ),
    (
        Method::Get,
        "/api/v1/charts",
        [200, 200, 200, 403, 200, 403, 401],
    ),
    (Method::Get, "/charts", [200, 200, 200, 403, 200, 403, 303]),
    (
        Method::Delete,
        "/api/v1/session",
        [204, 204, 204, 204, 204, 204, 401],
    ),
    (Method::Post, "/logout", [303, 303, 303, 303, 303, 303, 303]),
];

async fn matrix_request(
    world: &World,
    method: Method,
    path: &str,
    client: Option<&Client>,
) -> Reply {
    let path = concrete_path(world, path);
    let builder = request(method.as_str(), &path, client);
    let builder = match client {
        Some(client) if method.changes_state() => builder.header("x-csrf-token", &client.csrf),
        _ => builder,
    };
    let request = match path.as_str() {
        "/api/v1/session" if method == Method::Post => builder
            .header(header::CONTENT_TYPE, "application/json")
            .body(Body::from(
                json!({ "username": "nobody", "password": "wrong password 123" }).to_string(),
            )),
        "/login" if method == Method::Post => builder
            .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
            .body(Body::from("username=nobody&password=wrong&purpose=")),
        _ => builder.body(Body::empty()),
    };
    send(&world.router, request.expect("request")).await
}

/// A route's path with its `{id}` replaced by an object of the seeded world
/// that the route is about.
fn concrete_path(world: &World, path: &str) -> String {
    // Routes that need a query rather than an id: a search states its
    // reason, and the hit feed closes after what is pending.
    match path {
        "/api/v1/search" | "/search/results" => {
            return format!("{path}?q=ALIYEV&reason=matrix%20check");
        }
        "/api/v1/hits/feed" => return format!("{path}?once=true"),
        _ => {}
    }
    let id = match path {
        path if path.contains("/flights/") => world.flight,
        // -- review, cases and referrals --
        path if path.contains("/hits/") => world.crime_hit,
        // No case or referral is seeded: the guard is passed, the object is
        // not found.
        path if path.contains("/cases/") || path.contains("/referrals/") => 999_999,
        // -- travellers, bookings, search and the hit feed --
        path if path.contains("/travellers/") => world.api_traveller,
        path if path.contains("/bookings/") => world.booking,
        // -- watchlists, criteria and charts --
        path if path.contains("/criteria/") => 999_999,
        _ => world.flight,
    };
    path.replace("{id}", &id.to_string())
}

fn ends_session(method: Method, path: &str) -> bool {
    (method == Method::Delete && path == "/api/v1/session")
        || (method == Method::Post && path == "/logout")
}

async fn authorization_matrix(db: TestDb) {
    let world = world(&db, test_settings()).await;
    // The matrix names every route of the router, and only those.
    for route in ROUTES {
        assert!(
            MATRIX
                .iter()
                .any(|(method, path, _)| *method == route.method && *path == route.path),
            "{} {} has no row in the matrix",
            route.method.as_str(),
            route.path
        );
    }
    assert_eq!(MATRIX.len(), ROUTES.len());

    for (column, who) in WHO.iter().enumerate() {
        let fresh_client = || async {
            match *who {
                "anonymous" => None,
                _ => {
                    let (username, purpose) = account(who);
                    Some(sign_in(&world.router, username, purpose).await)
                }
            }
        };
        let client = fresh_client().await;
        // Reads first; each row that ends a session gets a session of its own.
        let (ending, others): (Vec<_>, Vec<_>) = MATRIX
            .iter()
            .partition(|(method, path, _)| ends_session(*method, path));
        for (method, path, expected) in others.into_iter().chain(ending) {
            let client = if ends_session(method, path) {
                fresh_client().await
            } else {
                client.clone()
            };
            let reply = matrix_request(&world, method, path, client.as_ref()).await;
            assert_eq!(
                reply.status.as_u16(),
                expected[column],
                "{who}: {} {path}: {}",
                method.as_str(),
                reply.text()
            );
            if reply.status.is_client_error() && path.starts_with("/api/") {
                reply.assert_problem(reply.status);
            }
        }
    }
    assert_intact(&world.store).await;
}

piu_store::on_both_backends!(
    authorization_matrix,
    pnr_data_is_shown_only_for_serious_crime_and_every_reading_is_audited,
    flights_are_paged_newest_first,
);

async fn assert_intact(store: &Store) {
    let verdict = store
        .verify_audit(&AuditExpectation::default())
        .await
        .expect("verified");
    assert!(verdict.is_intact(), "{verdict:?}");
}

async fn audit_events(store: &Store) -> Vec<piu_store::AuditEvent> {
    store
        .audit_records(1, 1000)
        .await
        .expect("records")
        .iter()
        .map(|record| record.decode().expect("event"))
        .collect()
}

// ---------------------------------------------------------------------------
// Denials, CSRF and lock-out.

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_denial_is_answered_403_and_recorded_in_the_chain() {
    run_sqlite(|db| async move {
        let world = world(&db, test_settings()).await;
        let admin = sign_in(&world.router, "admin", "").await;
        let liaison = sign_in(&world.router, "liaison", "terrorism_serious_crime").await;
        let reply = get(&world.router, "/api/v1/flights", Some(&admin)).await;
        let problem = reply.assert_problem(StatusCode::FORBIDDEN);
        assert_eq!(problem["code"], "role_not_permitted");
        assert_eq!(problem["instance"], "/api/v1/flights");
        let reply = get(&world.router, "/api/v1/hits", Some(&liaison)).await;
        reply.assert_problem(StatusCode::FORBIDDEN);

        let denied: Vec<_> = audit_events(&world.store)
            .await
            .into_iter()
            .filter(|event| {
                event.outcome() == AuditOutcome::Denied && event.kind() != AuditKind::Login
            })
            .collect();
        assert_eq!(denied.len(), 2, "{denied:?}");
        assert!(
            denied[0]
                .reason()
                .is_some_and(|reason| reason.starts_with("view_flight: role_not_permitted"))
        );
        // The liaison stated a purpose: a refused consultation, with it.
        assert_eq!(denied[1].kind(), AuditKind::Consultation);
        assert_eq!(denied[1].purpose(), AuditPurpose::TerrorismSeriousCrime);
        assert!(
            denied[1]
                .reason()
                .is_some_and(|reason| reason.starts_with("view_hits: role_not_permitted"))
        );
        assert_intact(&world.store).await;
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn state_changes_need_the_sessions_csrf_token() {
    run_sqlite(|db| async move {
        let world = world(&db, test_settings()).await;
        let analyst = sign_in(&world.router, "analyst", "border_migration").await;
        let other = sign_in(&world.router, "supervisor", "terrorism_serious_crime").await;

        let missing = send(
            &world.router,
            request("DELETE", "/api/v1/session", Some(&analyst))
                .body(Body::empty())
                .expect("request"),
        )
        .await;
        assert_eq!(
            missing.assert_problem(StatusCode::FORBIDDEN)["code"],
            "csrf"
        );
        // Another session's token is as wrong as none.
        let wrong = send(
            &world.router,
            request("DELETE", "/api/v1/session", Some(&analyst))
                .header("x-csrf-token", &other.csrf)
                .body(Body::empty())
                .expect("request"),
        )
        .await;
        wrong.assert_problem(StatusCode::FORBIDDEN);
        // The console form without its hidden field.
        let form = send(
            &world.router,
            request("POST", "/logout", Some(&analyst))
                .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
                .body(Body::from("csrf_token="))
                .expect("request"),
        )
        .await;
        assert_eq!(form.status, StatusCode::FORBIDDEN);
        // None of them signed out.
        assert_eq!(
            get(&world.router, "/api/v1/me", Some(&analyst))
                .await
                .status,
            StatusCode::OK
        );

        let csrf_denials = audit_events(&world.store)
            .await
            .into_iter()
            .filter(|event| {
                event.outcome() == AuditOutcome::Denied
                    && event.reason().is_some_and(|reason| reason.contains("csrf"))
            })
            .count();
        assert_eq!(csrf_denials, 3);

        let form = send(
            &world.router,
            request("POST", "/logout", Some(&analyst))
                .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
                .body(Body::from(format!("csrf_token={}", analyst.csrf)))
                .expect("request"),
        )
        .await;
        assert_eq!(form.status, StatusCode::SEE_OTHER);
        get(&world.router, "/api/v1/me", Some(&analyst))
            .await
            .assert_problem(StatusCode::UNAUTHORIZED);
        assert_intact(&world.store).await;
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn five_failures_lock_the_account_and_every_attempt_is_audited() {
    run_sqlite(|db| async move {
        let world = world(&db, test_settings()).await;
        for _ in 0..5 {
            let reply = sign_in_raw(&world.router, "analyst", "not the password", "").await;
            assert_eq!(
                reply.assert_problem(StatusCode::UNAUTHORIZED)["type"],
                "/problems/bad-credentials"
            );
        }
        let locked = sign_in_raw(&world.router, "analyst", PASSWORD, "border_migration").await;
        assert_eq!(
            locked.assert_problem(StatusCode::FORBIDDEN)["type"],
            "/problems/account-locked"
        );
        // Other accounts are not affected.
        sign_in(&world.router, "supervisor", "terrorism_serious_crime").await;
        // An unknown user name is refused like a wrong password.
        let unknown = sign_in_raw(&world.router, "nobody", PASSWORD, "").await;
        unknown.assert_problem(StatusCode::UNAUTHORIZED);

        let logins: Vec<_> = audit_events(&world.store)
            .await
            .into_iter()
            .filter(|event| event.kind() == AuditKind::Login)
            .collect();
        let denied = logins
            .iter()
            .filter(|event| event.outcome() == AuditOutcome::Denied)
            .count();
        assert_eq!(denied, 7, "{logins:?}");
        assert!(
            logins[4]
                .reason()
                .is_some_and(|reason| reason.contains("locked"))
        );
        assert_eq!(logins[5].reason(), Some("locked"));
        // No password and no typed user name in any event.
        for record in world.store.audit_records(1, 1000).await.expect("records") {
            let text = String::from_utf8_lossy(&record.event).into_owned();
            assert!(!text.contains(PASSWORD) && !text.contains("not the password"));
            assert!(!text.contains("nobody"));
        }
        assert_intact(&world.store).await;
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_purpose_must_be_held_and_is_bound_to_the_session() {
    run_sqlite(|db| async move {
        let world = world(&db, test_settings()).await;
        let reply = sign_in_raw(&world.router, "supervisor", PASSWORD, "border_migration").await;
        assert_eq!(
            reply.assert_problem(StatusCode::FORBIDDEN)["code"],
            "purpose_not_held"
        );
        let reply = sign_in_raw(&world.router, "analyst", PASSWORD, "").await;
        assert_eq!(
            reply.assert_problem(StatusCode::FORBIDDEN)["code"],
            "missing_context"
        );

        // A cookie whose purpose was edited opens no session.
        let analyst = sign_in(&world.router, "analyst", "border_migration").await;
        let edited = Client {
            cookies: analyst
                .cookies
                .replace(".border_migration", ".terrorism_serious_crime"),
            csrf: analyst.csrf.clone(),
        };
        assert_ne!(edited.cookies, analyst.cookies);
        get(&world.router, "/api/v1/flights", Some(&edited))
            .await
            .assert_problem(StatusCode::UNAUTHORIZED);
        let me = get(&world.router, "/api/v1/me", Some(&analyst))
            .await
            .json();
        assert_eq!(me["purpose"], "border_migration");
        assert_eq!(me["role"], "analyst");
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn cookies_are_http_only_strict_and_secure_when_configured() {
    run_sqlite(|db| async move {
        let world = world(&db, Settings::default()).await;
        let reply = sign_in_raw(&world.router, "dpo", PASSWORD, "").await;
        let cookies: Vec<_> = reply
            .headers
            .get_all(header::SET_COOKIE)
            .iter()
            .map(|value| value.to_str().expect("text").to_owned())
            .collect();
        assert_eq!(cookies.len(), 2);
        for cookie in &cookies {
            for flag in ["HttpOnly", "SameSite=Strict", "Path=/", "Secure"] {
                assert!(cookie.contains(flag), "{cookie} lacks {flag}");
            }
        }
        let plain = world_router_without_secure(&db).await;
        let reply = sign_in_raw(&plain, "dpo", PASSWORD, "").await;
        let cookie = reply.headers.get(header::SET_COOKIE).expect("cookie");
        assert!(!cookie.to_str().expect("text").contains("Secure"));
    })
    .await;
}

async fn world_router_without_secure(db: &TestDb) -> Router {
    piu_server::router(AppState::new(db.open().await, test_settings()))
}

// ---------------------------------------------------------------------------
// Views, purposes and the audit of consultations.

async fn pnr_data_is_shown_only_for_serious_crime_and_every_reading_is_audited(db: TestDb) {
    let world = world(&db, test_settings()).await;
    let path = format!("/api/v1/flights/{}", world.flight);

    let border = sign_in(&world.router, "analyst", "border_migration").await;
    let detail = get(&world.router, &path, Some(&border)).await.json();
    let shown: Vec<_> = detail["travellers"]
        .as_array()
        .expect("list")
        .iter()
        .collect();
    assert_eq!(shown.len(), 1);
    assert_eq!(shown[0]["source"], "api");
    assert_eq!(shown[0]["surname"], "MAMMADOVA");
    assert_eq!(shown[0]["hits"], 1);
    assert_eq!(detail["flight"]["hits"], 1);
    let listed = get(&world.router, "/api/v1/flights", Some(&border))
        .await
        .json();
    let seeded = listed["items"]
        .as_array()
        .expect("items")
        .iter()
        .find(|flight| flight["id"] == world.flight)
        .expect("the seeded flight")
        .clone();
    assert_eq!(
        (seeded["hits"].clone(), seeded["open_hits"].clone()),
        (json!(1), json!(1))
    );
    assert_eq!(detail["withheld"][0]["source"], "pnr");
    assert_eq!(
        detail["withheld"][0]["code"],
        "purpose_not_allowed_for_data"
    );
    let hits = get(&world.router, "/api/v1/hits", Some(&border))
        .await
        .json();
    let ids: Vec<_> = hits["items"]
        .as_array()
        .expect("items")
        .iter()
        .map(|hit| hit["traveller"].clone())
        .collect();
    assert_eq!(ids, vec![json!(world.api_traveller)]);

    let crime = sign_in(&world.router, "analyst", "terrorism_serious_crime").await;
    let detail = get(&world.router, &path, Some(&crime)).await.json();
    assert_eq!(detail["travellers"].as_array().expect("list").len(), 2);
    assert_eq!(detail["withheld"], json!([]));
    assert_eq!(detail["flight"]["api_travellers"], 1);
    assert_eq!(detail["flight"]["pnr_travellers"], 1);
    // Hits are counted for the session's purpose only: one per purpose here.
    assert_eq!(detail["flight"]["hits"], 1);
    let counts: Vec<_> = detail["travellers"]
        .as_array()
        .expect("list")
        .iter()
        .map(|traveller| (traveller["source"].clone(), traveller["hits"].clone()))
        .collect();
    assert_eq!(
        counts,
        vec![(json!("api"), json!(0)), (json!("pnr"), json!(1))]
    );
    let hits = get(&world.router, "/api/v1/hits", Some(&crime))
        .await
        .json();
    let ids: Vec<_> = hits["items"]
        .as_array()
        .expect("items")
        .iter()
        .map(|hit| hit["traveller"].clone())
        .collect();
    assert_eq!(ids, vec![json!(world.pnr_traveller)]);
    // Filters narrow the queue.
    let none = get(&world.router, "/api/v1/hits?agency=customs", Some(&crime))
        .await
        .json();
    assert_eq!(none["items"], json!([]));
    let some = get(
        &world.router,
        "/api/v1/hits?state=open&severity=high&agency=police",
        Some(&crime),
    )
    .await
    .json();
    assert_eq!(some["items"].as_array().expect("items").len(), 1);

    let consultations: Vec<_> = audit_events(&world.store)
        .await
        .into_iter()
        .filter(|event| {
            event.kind() == AuditKind::Consultation && event.outcome() == AuditOutcome::Allowed
        })
        .collect();
    // Two flight readings, and three hit pages that showed a hit.
    assert_eq!(consultations.len(), 5, "{consultations:?}");
    assert_eq!(consultations[0].purpose(), AuditPurpose::BorderMigration);
    assert_eq!(
        consultations[0].object_ids(),
        [world.api_traveller.to_string()]
    );
    assert_eq!(
        consultations[2].purpose(),
        AuditPurpose::TerrorismSeriousCrime
    );
    assert_eq!(
        consultations[2].object_ids(),
        [
            world.api_traveller.to_string(),
            world.pnr_traveller.to_string()
        ]
    );
    // Names never reach the chain.
    for record in world.store.audit_records(1, 1000).await.expect("records") {
        let text = String::from_utf8_lossy(&record.event).into_owned();
        assert!(!text.contains("MAMMADOVA") && !text.contains("C01X00T47"));
    }
    assert_intact(&world.store).await;
}

async fn flights_are_paged_newest_first(db: TestDb) {
    let world = world(&db, test_settings()).await;
    let client = sign_in(&world.router, "supervisor", "terrorism_serious_crime").await;
    let first = get(&world.router, "/api/v1/flights?limit=2", Some(&client))
        .await
        .json();
    let numbers: Vec<_> = first["items"]
        .as_array()
        .expect("items")
        .iter()
        .map(|flight| flight["number"].clone())
        .collect();
    assert_eq!(numbers, vec![json!("103"), json!("102")]);
    let next = first["next"].as_str().expect("a next page");
    let second = get(
        &world.router,
        &format!("/api/v1/flights?limit=2&after={next}"),
        Some(&client),
    )
    .await
    .json();
    let numbers: Vec<_> = second["items"]
        .as_array()
        .expect("items")
        .iter()
        .map(|flight| flight["number"].clone())
        .collect();
    assert_eq!(numbers, vec![json!("101")]);
    assert_eq!(second["next"], Value::Null);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn bad_input_is_a_400_problem_never_a_500() {
    run_sqlite(|db| async move {
        let world = world(&db, test_settings()).await;
        let client = sign_in(&world.router, "analyst", "terrorism_serious_crime").await;
        for path in [
            "/api/v1/flights?limit=201",
            "/api/v1/flights?limit=0",
            "/api/v1/flights?limit=-1",
            "/api/v1/flights?limit=lots",
            "/api/v1/flights?after=abc",
            "/api/v1/flights?colour=red",
            "/api/v1/flights/abc",
            "/api/v1/flights/99999999999999999999999",
            "/api/v1/hits?severity=urgent",
            "/api/v1/hits?state=Open%27%20OR%201=1",
            "/flights?limit=lots",
        ] {
            let reply = get(&world.router, path, Some(&client)).await;
            reply.assert_problem(StatusCode::BAD_REQUEST);
        }
        // A console page says it in HTML, with the same status.
        let page = get(&world.router, "/flights?limit=1000", Some(&client)).await;
        assert_eq!(page.status, StatusCode::BAD_REQUEST);
        assert!(page.text().contains("limit must be between 1 and 200"));
        get(&world.router, "/api/v1/flights/424242", Some(&client))
            .await
            .assert_problem(StatusCode::NOT_FOUND);
        get(&world.router, "/nowhere", Some(&client))
            .await
            .assert_problem(StatusCode::NOT_FOUND);
        let malformed = send(
            &world.router,
            request("POST", "/api/v1/session", None)
                .header(header::CONTENT_TYPE, "application/json")
                .body(Body::from("{\"username\": 7"))
                .expect("request"),
        )
        .await;
        malformed.assert_problem(StatusCode::BAD_REQUEST);
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn console_pages_sign_in_and_show_flights_and_hits() {
    run_sqlite(|db| async move {
        let world = world(&db, test_settings()).await;
        let login = get(&world.router, "/login", None).await;
        assert!(login.content_type().starts_with("text/html"));
        assert!(login.text().contains("name=\"purpose\""));
        // No script, nothing from elsewhere, nothing cached or framed.
        let policy = login
            .headers
            .get(header::CONTENT_SECURITY_POLICY)
            .and_then(|value| value.to_str().ok())
            .unwrap_or("");
        assert!(policy.starts_with("default-src 'none'"), "{policy}");
        assert_eq!(
            login.headers.get(header::CACHE_CONTROL).expect("cache"),
            "no-store"
        );
        assert_eq!(
            login.headers.get(header::X_FRAME_OPTIONS).expect("frames"),
            "DENY"
        );

        let reply = send(
            &world.router,
            request("POST", "/login", None)
                .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
                .body(Body::from(format!(
                    "username=analyst&password={}&purpose=terrorism_serious_crime",
                    PASSWORD.replace(' ', "+")
                )))
                .expect("request"),
        )
        .await;
        assert_eq!(reply.status, StatusCode::SEE_OTHER, "{}", reply.text());
        let cookies = reply
            .headers
            .get_all(header::SET_COOKIE)
            .iter()
            .filter_map(|value| value.to_str().ok()?.split(';').next())
            .collect::<Vec<_>>()
            .join("; ");
        let client = Client {
            cookies,
            csrf: String::new(),
        };
        let dashboard = get(&world.router, "/", Some(&client)).await.text();
        assert!(dashboard.contains("href=\"/flights\"") && dashboard.contains("href=\"/hits\""));
        assert!(dashboard.contains("name=\"csrf_token\" value=\""));
        let flights = get(&world.router, "/flights", Some(&client)).await.text();
        assert!(flights.contains("J2103") && flights.contains("J2101"));
        let flight = get(
            &world.router,
            &format!("/flights/{}", world.flight),
            Some(&client),
        )
        .await
        .text();
        assert!(flight.contains("MAMMADOVA") && flight.contains("ALIYEV"));
        let hits = get(&world.router, "/hits?severity=high", Some(&client))
            .await
            .text();
        assert!(hits.contains("s-1") && !hits.contains("b-1"));

        let wrong = send(
            &world.router,
            request("POST", "/login", None)
                .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
                .body(Body::from("username=analyst&password=nope&purpose="))
                .expect("request"),
        )
        .await;
        assert_eq!(wrong.status, StatusCode::UNAUTHORIZED);
        assert!(wrong.text().contains("role=\"alert\""));
        let anonymous = get(&world.router, "/hits", None).await;
        assert_eq!(anonymous.status, StatusCode::SEE_OTHER);
        assert_eq!(
            anonymous.headers.get(header::LOCATION).expect("location"),
            "/login"
        );
    })
    .await;
}

// ---------------------------------------------------------------------------
// The OpenAPI document.

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_openapi_document_lists_every_route_with_problem_responses() {
    run_sqlite(|db| async move {
        let world = world(&db, test_settings()).await;
        let reply = get(&world.router, "/api/openapi.json", None).await;
        assert_eq!(reply.status, StatusCode::OK);
        assert_eq!(reply.content_type(), "application/json");
        let document = reply.json();
        assert!(
            document["openapi"]
                .as_str()
                .is_some_and(|version| version.starts_with("3.1"))
        );
        let paths = document["paths"].as_object().expect("paths");
        let mut operations = 0;
        for (path, item) in paths {
            for method in item.as_object().expect("path item").keys() {
                operations += 1;
                assert!(
                    ROUTES.iter().any(|route| route.path == path
                        && route.method.as_str().eq_ignore_ascii_case(method)),
                    "{method} {path} is documented but not routed"
                );
            }
        }
        for route in ROUTES {
            let operation = &document["paths"][route.path][route.method.as_str().to_lowercase()];
            assert!(
                operation.is_object(),
                "{} {} is not documented",
                route.method.as_str(),
                route.path
            );
            let responses = operation["responses"].as_object().expect("responses");
            let refusals: Vec<_> = responses
                .keys()
                .filter(|code| code.starts_with('4'))
                .collect();
            if route.path.starts_with("/api/v1/") {
                assert!(!refusals.is_empty(), "{} documents no refusal", route.path);
                for code in refusals {
                    assert!(
                        responses[code]["content"][PROBLEM_JSON].is_object(),
                        "{} {code} is not problem+json",
                        route.path
                    );
                }
            }
            if route.guard != piu_server::Guard::Public && route.surface == piu_server::Surface::Api
            {
                assert!(
                    operation["security"].is_array(),
                    "{} has no security",
                    route.path
                );
            }
        }
        assert_eq!(operations, ROUTES.len());
        let schemes = &document["components"]["securitySchemes"];
        assert_eq!(schemes["session"]["in"], "cookie");
        assert_eq!(schemes["csrf"]["in"], "header");
        assert_eq!(schemes["csrf"]["name"], "X-CSRF-Token");
        assert!(ROUTES.iter().any(|route| route.endpoint == Endpoint::Hits));
    })
    .await;
}
