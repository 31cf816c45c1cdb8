//! What the workspace server's tests share: the accounts of every role, a
//! seeded store (a flight with an API and a PNR traveller and a hit on each),
//! and a client that signs in and sends requests through the router.
#![allow(dead_code)]

use axum::Router;
use axum::body::Body;
use axum::http::{HeaderMap, Request, StatusCode, header};
use http_body_util::BodyExt;
use piu_model::{TravelDocument, Traveller};
use piu_server::{AppState, PROBLEM_JSON, Settings};
use piu_store::testing::{TestDb, listed_passenger};
use piu_store::{
    Channel, FlightFacts, FlightKey, HitPut, NewBookingVersion, NewHit, NewTraveller, NewUser,
    Reception, RecordSource, Store,
};
use serde_json::{Value, json};
use time::OffsetDateTime;
use tower::ServiceExt;

pub const PASSWORD: &str = "correct horse battery staple 7";

/// The accounts every test has: user name, role, agency, purposes held, and
/// the purpose stated at sign-in.
pub const ACCOUNTS: [(&str, &str, &str, &str, &str); 6] = [
    ("admin", "administrator", "piu", "", ""),
    (
        "analyst",
        "analyst",
        "piu",
        "terrorism_serious_crime,border_migration",
        "terrorism_serious_crime",
    ),
    (
        "supervisor",
        "supervisor",
        "piu",
        "terrorism_serious_crime",
        "terrorism_serious_crime",
    ),
    (
        "liaison",
        "liaison",
        "police",
        "terrorism_serious_crime",
        "terrorism_serious_crime",
    ),
    ("dpo", "dpo", "piu", "", ""),
    ("auditor", "auditor", "piu", "", ""),
];

pub struct World {
    pub router: Router,
    pub store: Store,
    pub flight: i64,
    pub api_traveller: i64,
    pub pnr_traveller: i64,
    /// The border-migration hit on the API traveller.
    pub border_hit: i64,
    /// The serious-crime hit on the PNR traveller.
    pub crime_hit: i64,
    /// The booking of the PNR traveller.
    pub booking: i64,
}

pub async fn world(db: &TestDb, settings: Settings) -> World {
    let store = db.open().await;
    let hash = piu_access::hash_password(PASSWORD).expect("hashing");
    for (username, role, agency, purposes, _) in ACCOUNTS {
        store
            .create_user(&NewUser {
                username,
                display_name: username,
                role,
                agency,
                purposes,
                password_hash: &hash,
                created_at: OffsetDateTime::now_utc(),
            })
            .await
            .expect("user created");
    }
    let (flight, api_traveller, pnr_traveller, border_hit, crime_hit, booking) = seed(&store).await;
    World {
        router: piu_server::router(AppState::new(store.clone(), settings)),
        store,
        flight,
        api_traveller,
        pnr_traveller,
        border_hit,
        crime_hit,
        booking,
    }
}

pub fn test_settings() -> Settings {
    Settings {
        secure_cookies: false,
        ..Settings::default()
    }
}

/// One flight with an API and a PNR traveller, a border hit on the first and
/// a serious-crime hit on the second, the second's booking; two more
/// flights for paging.
pub async fn seed(store: &Store) -> (i64, i64, i64, i64, i64, i64) {
    let now = OffsetDateTime::now_utc();
    let message = store
        .append(b"test message", &Reception::new(Channel::Http, "XX", now))
        .await
        .expect("journaled")
        .id;
    let mut tx = store.records().await.expect("transaction");
    let mut flights = Vec::new();
    for number in ["101", "102", "103"] {
        let key = FlightKey {
            carrier: "J2".to_owned(),
            number: number.to_owned(),
            departure_date: "2026-11-21".to_owned(),
            origin: "IST".to_owned(),
        };
        let facts = FlightFacts {
            destination: Some("GYD".to_owned()),
            departure: Some("2026-11-21T09:40".to_owned()),
            arrival: None,
        };
        flights.push(tx.flight(&key, &facts).await.expect("flight"));
    }
    let flight = flights[2];
    let booking = tx.booking("J2", "ABC123").await.expect("booking").id;
    tx.booking_version(
        booking,
        &NewBookingVersion {
            message,
            flight: Some(flight),
            push: "full",
            cancelled: false,
            content_hash: b"booking",
            personal: "{}",
        },
    )
    .await
    .expect("booking version");
    tx.set_booking_flight(booking, flight, true)
        .await
        .expect("booking flight");
    let mut travellers = Vec::new();
    for (source, surname, key) in [
        (RecordSource::Api, "MAMMADOVA", b"api-key".as_slice()),
        (RecordSource::Pnr, "ALIYEV", b"pnr-key".as_slice()),
    ] {
        let personal = serde_json::to_string(&Traveller {
            surname: surname.to_owned(),
            given_names: "TEST".to_owned(),
            documents: vec![TravelDocument {
                kind: Some("P".to_owned()),
                number: Some("C01X00T47".to_owned()),
                ..TravelDocument::default()
            }],
            ..Traveller::default()
        })
        .expect("json");
        let put = tx
            .put_traveller(&NewTraveller {
                booking: (source == RecordSource::Pnr).then_some(booking),
                ..listed_passenger(flight, source, key, message, &personal)
            })
            .await
            .expect("traveller");
        travellers.push(put.id);
    }
    let mut hits = Vec::new();
    for (traveller, purpose, agency, entry) in [
        (travellers[0], "border-migration", "border_service", "b-1"),
        (travellers[1], "serious-crime", "police", "s-1"),
    ] {
        let put = tx
            .put_hit(&NewHit {
                traveller,
                kind: "watchlist",
                list: "test-list",
                entry_id: entry,
                list_version: "1",
                score: 0.93,
                severity: "high",
                purpose,
                target_agency: agency,
                fingerprint: entry,
                explanation: "{}",
                message,
            })
            .await
            .expect("hit");
        hits.push(match put {
            HitPut::Raised(id) => id.0,
            other => panic!("a new hit was not raised: {other:?}"),
        });
    }
    tx.commit().await.expect("commit");
    (
        flight.0,
        travellers[0].0,
        travellers[1].0,
        hits[0],
        hits[1],
        booking.0,
    )
}

pub struct Reply {
    pub status: StatusCode,
    pub headers: HeaderMap,
    pub body: Vec<u8>,
}

impl Reply {
    pub fn json(&self) -> Value {
        serde_json::from_slice(&self.body).unwrap_or_else(|error| {
            panic!(
                "not JSON ({error}): {}",
                String::from_utf8_lossy(&self.body)
            )
        })
    }

    pub fn text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }

    pub fn content_type(&self) -> &str {
        self.headers
            .get(header::CONTENT_TYPE)
            .and_then(|value| value.to_str().ok())
            .unwrap_or("")
    }

    pub fn assert_problem(&self, status: StatusCode) -> Value {
        assert_eq!(self.status, status, "{}", self.text());
        assert_eq!(self.content_type(), PROBLEM_JSON);
        let problem = self.json();
        assert_eq!(problem["status"], status.as_u16());
        for field in ["type", "title", "detail"] {
            assert!(problem[field].is_string(), "{field} missing: {problem}");
        }
        problem
    }
}

/// A signed-in client: the cookies to send and the CSRF token.
#[derive(Debug, Clone)]
pub struct Client {
    pub cookies: String,
    pub csrf: String,
}

pub async fn send(router: &Router, request: Request<Body>) -> Reply {
    let response = router.clone().oneshot(request).await.expect("infallible");
    let status = response.status();
    let headers = response.headers().clone();
    let body = response
        .into_body()
        .collect()
        .await
        .expect("body")
        .to_bytes()
        .to_vec();
    Reply {
        status,
        headers,
        body,
    }
}

pub fn request(method: &str, path: &str, client: Option<&Client>) -> axum::http::request::Builder {
    let mut builder = Request::builder().method(method).uri(path);
    if let Some(client) = client {
        builder = builder.header(header::COOKIE, &client.cookies);
    }
    builder
}

pub async fn get(router: &Router, path: &str, client: Option<&Client>) -> Reply {
    send(
        router,
        request("GET", path, client)
            .body(Body::empty())
            .expect("request"),
    )
    .await
}

pub async fn sign_in_raw(router: &Router, username: &str, password: &str, purpose: &str) -> Reply {
    let body = if purpose.is_empty() {
        json!({ "username": username, "password": password })
    } else {
        json!({ "username": username, "password": password, "purpose": purpose })
    };
    send(
        router,
        request("POST", "/api/v1/session", None)
            .header(header::CONTENT_TYPE, "application/json")
            .body(Body::from(body.to_string()))
            .expect("request"),
    )
    .await
}

pub async fn sign_in(router: &Router, username: &str, purpose: &str) -> Client {
    let reply = sign_in_raw(router, username, PASSWORD, purpose).await;
    assert_eq!(reply.status, StatusCode::CREATED, "{}", reply.text());
    let cookies = reply
        .headers
        .get_all(header::SET_COOKIE)
        .iter()
        .filter_map(|value| value.to_str().ok())
        .filter_map(|value| value.split(';').next())
        .collect::<Vec<_>>()
        .join("; ");
    let csrf = reply.json()["csrf_token"]
        .as_str()
        .expect("csrf token")
        .to_owned();
    Client { cookies, csrf }
}

/// A JSON request with the client's session and CSRF token.
pub async fn send_json(
    router: &Router,
    method: &str,
    path: &str,
    client: &Client,
    body: &Value,
) -> Reply {
    send(
        router,
        request(method, path, Some(client))
            .header("x-csrf-token", &client.csrf)
            .header(header::CONTENT_TYPE, "application/json")
            .body(Body::from(body.to_string()))
            .expect("request"),
    )
    .await
}

/// A console form post with the client's session and CSRF token; `fields`
/// are sent as given (already URL-encoded).
pub async fn post_form(router: &Router, path: &str, client: &Client, fields: &str) -> Reply {
    let body = if fields.is_empty() {
        format!("csrf_token={}", client.csrf)
    } else {
        format!("{fields}&csrf_token={}", client.csrf)
    };
    send(
        router,
        request("POST", path, Some(client))
            .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
            .body(Body::from(body))
            .expect("request"),
    )
    .await
}
