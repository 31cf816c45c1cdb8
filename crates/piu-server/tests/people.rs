//! Travellers, bookings, search and the live hit feed, through the router:
//! what each purpose may see, masking, travel history and links, searches
//! that need a reason and are audited with it (never with the query), and
//! server-sent events that deliver new hits and resume after
//! `Last-Event-ID`. Every reading leaves the audit chain intact.

mod common;

use std::time::Duration;

use axum::body::Body;
use axum::http::{StatusCode, header};
use http_body_util::BodyExt;
use piu_model::{TravelDocument, Traveller};
use piu_store::testing::{TestDb, listed_passenger, run_sqlite};
use piu_store::{
    AuditEvent, AuditExpectation, AuditKind, AuditObject, AuditOutcome, FlightFacts, FlightKey,
    HitPut, NewHit, RecordSource, Store, TravellerId,
};
use serde_json::Value;
use time::OffsetDateTime;
use tower::ServiceExt;

use common::*;

const SERIOUS: &str = "terrorism_serious_crime";
const BORDER: &str = "border_migration";

async fn assert_intact(store: &Store) {
    let verdict = store
        .verify_audit(&AuditExpectation::default())
        .await
        .expect("verified");
    assert!(verdict.is_intact(), "{verdict:?}");
}

async fn audit_events(store: &Store) -> Vec<AuditEvent> {
    store
        .audit_records(1, 1000)
        .await
        .expect("records")
        .iter()
        .map(|record| record.decode().expect("event"))
        .collect()
}

async fn last_event(store: &Store) -> AuditEvent {
    audit_events(store).await.pop().expect("an audit event")
}

async fn raw_events(store: &Store) -> String {
    store
        .audit_records(1, 1000)
        .await
        .expect("records")
        .iter()
        .map(|record| String::from_utf8_lossy(&record.event).into_owned())
        .collect::<Vec<_>>()
        .join("\n")
}

fn ids(values: &Value) -> Vec<i64> {
    values
        .as_array()
        .expect("an array")
        .iter()
        .map(|item| {
            item["id"]
                .as_i64()
                .or_else(|| item["traveller"]["id"].as_i64())
                .or_else(|| item["traveller"].as_i64())
                .expect("an id")
        })
        .collect()
}

/// A traveller of `source` on `flight` with the given name and document.
async fn add_traveller(
    store: &Store,
    flight: piu_store::FlightId,
    source: RecordSource,
    key: &str,
    surname: &str,
    given: &str,
    document: &str,
) -> TravellerId {
    let message = store
        .append(
            key.as_bytes(),
            &piu_store::Reception::new(piu_store::Channel::Http, "XX", OffsetDateTime::now_utc()),
        )
        .await
        .expect("journaled")
        .id;
    let personal = serde_json::to_string(&Traveller {
        surname: surname.to_owned(),
        given_names: given.to_owned(),
        documents: vec![TravelDocument {
            kind: Some("P".to_owned()),
            number: Some(document.to_owned()),
            ..TravelDocument::default()
        }],
        ..Traveller::default()
    })
    .expect("json");
    let mut tx = store.records().await.expect("transaction");
    let put = tx
        .put_traveller(&listed_passenger(
            flight,
            source,
            key.as_bytes(),
            message,
            &personal,
        ))
        .await
        .expect("traveller");
    tx.commit().await.expect("commit");
    put.id
}

async fn add_flight(store: &Store, number: &str, date: &str) -> piu_store::FlightId {
    let mut tx = store.records().await.expect("transaction");
    let flight = tx
        .flight(
            &FlightKey {
                carrier: "J2".to_owned(),
                number: number.to_owned(),
                departure_date: date.to_owned(),
                origin: "GYD".to_owned(),
            },
            &FlightFacts {
                destination: Some("IST".to_owned()),
                ..FlightFacts::default()
            },
        )
        .await
        .expect("flight");
    tx.commit().await.expect("commit");
    flight
}

async fn raise_hit(store: &Store, traveller: i64, purpose: &str, entry: &str) -> i64 {
    let message = store
        .append(
            entry.as_bytes(),
            &piu_store::Reception::new(piu_store::Channel::Http, "XX", OffsetDateTime::now_utc()),
        )
        .await
        .expect("journaled")
        .id;
    let mut tx = store.records().await.expect("transaction");
    let put = tx
        .put_hit(&NewHit {
            traveller: TravellerId(traveller),
            kind: "watchlist",
            list: "test-list",
            entry_id: entry,
            list_version: "1",
            score: 0.9,
            severity: "high",
            purpose,
            target_agency: "police",
            fingerprint: entry,
            explanation: "{}",
            message,
        })
        .await
        .expect("hit");
    tx.commit().await.expect("commit");
    match put {
        HitPut::Raised(id) => id.0,
        other => panic!("no new hit: {other:?}"),
    }
}

/// Links the seeded API and PNR records and gives the API record's person a
/// second API record and a PNR record on an earlier flight; returns those two.
async fn link_and_history(world: &World) -> (i64, i64) {
    let earlier = add_flight(&world.store, "7", "2026-10-01").await;
    let earlier_api = add_traveller(
        &world.store,
        earlier,
        RecordSource::Api,
        "earlier-api",
        "MAMMADOVA",
        "TEST",
        "C01X00T47",
    )
    .await;
    let earlier_pnr = add_traveller(
        &world.store,
        earlier,
        RecordSource::Pnr,
        "earlier-pnr",
        "MAMMADOVA",
        "TEST",
        "C01X00T47",
    )
    .await;
    let mut tx = world.store.records().await.expect("transaction");
    tx.link(
        TravellerId(world.api_traveller),
        TravellerId(world.pnr_traveller),
        0.97,
        "document",
    )
    .await
    .expect("link");
    let person = tx
        .set_person(TravellerId(world.api_traveller), None)
        .await
        .expect("person");
    tx.set_person(earlier_api, Some(person))
        .await
        .expect("person");
    tx.set_person(earlier_pnr, Some(person))
        .await
        .expect("person");
    tx.commit().await.expect("commit");
    (earlier_api.0, earlier_pnr.0)
}

// ---------------------------------------------------------------------------
// The traveller and the booking.

async fn a_traveller_shows_flight_booking_link_history_and_hits(db: TestDb) {
    let world = world(&db, test_settings()).await;
    let (earlier_api, earlier_pnr) = link_and_history(&world).await;
    let analyst = sign_in(&world.router, "analyst", SERIOUS).await;

    let path = format!("/api/v1/travellers/{}", world.api_traveller);
    let reply = get(&world.router, &path, Some(&analyst)).await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.text());
    let body = reply.json();
    assert_eq!(body["traveller"]["surname"], "MAMMADOVA");
    assert_eq!(body["traveller"]["masked"], false);
    assert_eq!(body["flight"]["id"], world.flight);
    assert!(body["booking"].is_null(), "API records have no booking");
    assert_eq!(ids(&body["linked"]), vec![world.pnr_traveller]);
    assert_eq!(body["linked"][0]["basis"], "document");
    assert_eq!(body["linked"][0]["confidence"], 0.97);
    let mut history: Vec<i64> = ids(&body["history"]);
    history.sort_unstable();
    assert_eq!(history, vec![earlier_api, earlier_pnr]);
    assert_eq!(body["history"][0]["carrier"], "J2");
    // The seeded hit on this record is a border-migration one.
    assert_eq!(body["hits"], Value::Array(Vec::new()));
    let event = last_event(&world.store).await;
    assert_eq!(event.kind(), AuditKind::Consultation);
    assert_eq!(event.object_type(), AuditObject::Traveller);
    let mut shown: Vec<String> = event.object_ids().to_vec();
    shown.sort_unstable();
    let mut expected: Vec<String> = [
        world.api_traveller,
        world.pnr_traveller,
        earlier_api,
        earlier_pnr,
    ]
    .iter()
    .map(i64::to_string)
    .collect();
    expected.sort_unstable();
    assert_eq!(shown, expected);

    let path = format!("/api/v1/travellers/{}", world.pnr_traveller);
    let body = get(&world.router, &path, Some(&analyst)).await.json();
    assert_eq!(body["booking"]["record_locator"], "ABC123");
    assert_eq!(body["booking"]["id"], world.booking);
    assert_eq!(ids(&body["hits"]), vec![world.crime_hit]);
    assert_eq!(ids(&body["linked"]), vec![world.api_traveller]);

    // The border purpose sees the border hit on the API record.
    let border = sign_in(&world.router, "analyst", BORDER).await;
    let path = format!("/api/v1/travellers/{}", world.api_traveller);
    let body = get(&world.router, &path, Some(&border)).await.json();
    assert_eq!(ids(&body["hits"]), vec![world.border_hit]);

    let reply = get(&world.router, "/api/v1/travellers/999999", Some(&analyst)).await;
    reply.assert_problem(StatusCode::NOT_FOUND);
    let reply = get(&world.router, "/api/v1/travellers/x", Some(&analyst)).await;
    reply.assert_problem(StatusCode::BAD_REQUEST);
    assert_intact(&world.store).await;
}

async fn pnr_records_are_refused_and_withheld_under_border_migration(db: TestDb) {
    let world = world(&db, test_settings()).await;
    let (earlier_api, _) = link_and_history(&world).await;
    let border = sign_in(&world.router, "analyst", BORDER).await;

    let path = format!("/api/v1/travellers/{}", world.pnr_traveller);
    let problem = get(&world.router, &path, Some(&border))
        .await
        .assert_problem(StatusCode::FORBIDDEN);
    assert_eq!(problem["code"], "purpose_not_allowed_for_data");
    let event = last_event(&world.store).await;
    assert_eq!(event.outcome(), AuditOutcome::Denied);
    assert_eq!(event.object_type(), AuditObject::Traveller);

    let page = format!("/travellers/{}", world.pnr_traveller);
    let reply = get(&world.router, &page, Some(&border)).await;
    assert_eq!(reply.status, StatusCode::FORBIDDEN);
    assert!(reply.content_type().starts_with("text/html"));
    assert!(!reply.text().contains("ALIYEV"));

    // The API record is shown; its PNR link and PNR history are withheld.
    let path = format!("/api/v1/travellers/{}", world.api_traveller);
    let reply = get(&world.router, &path, Some(&border)).await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.text());
    let body = reply.json();
    assert_eq!(body["linked"], Value::Array(Vec::new()));
    assert_eq!(body["linked_withheld"][0]["source"], "pnr");
    assert_eq!(body["linked_withheld"][0]["count"], 1);
    assert_eq!(
        body["linked_withheld"][0]["code"],
        "purpose_not_allowed_for_data"
    );
    assert_eq!(ids(&body["history"]), vec![earlier_api]);
    assert_eq!(body["history_withheld"][0]["count"], 1);
    assert!(!reply.text().contains("ALIYEV"));
    let page = format!("/travellers/{}", world.api_traveller);
    let text = get(&world.router, &page, Some(&border)).await.text();
    assert!(text.contains("Withheld under this session"), "{text}");

    let path = format!("/api/v1/bookings/{}", world.booking);
    let problem = get(&world.router, &path, Some(&border))
        .await
        .assert_problem(StatusCode::FORBIDDEN);
    assert_eq!(problem["code"], "purpose_not_allowed_for_data");
    assert_intact(&world.store).await;
}

async fn a_booking_shows_versions_flights_and_travellers(db: TestDb) {
    let world = world(&db, test_settings()).await;
    let analyst = sign_in(&world.router, "analyst", SERIOUS).await;
    let path = format!("/api/v1/bookings/{}", world.booking);
    let reply = get(&world.router, &path, Some(&analyst)).await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.text());
    let body = reply.json();
    assert_eq!(body["carrier"], "J2");
    assert_eq!(body["record_locator"], "ABC123");
    assert_eq!(body["version"], 1);
    assert_eq!(body["versions"][0]["push"], "full");
    assert_eq!(body["versions"][0]["cancelled"], false);
    assert!(body["versions"][0]["applied_at"].is_string());
    assert_eq!(ids(&body["flights"]), vec![world.flight]);
    assert_eq!(body["flights"][0]["active"], true);
    assert_eq!(ids(&body["travellers"]), vec![world.pnr_traveller]);
    assert_eq!(body["travellers"][0]["hits"], 1);
    let event = last_event(&world.store).await;
    assert_eq!(event.object_type(), AuditObject::Booking);
    assert_eq!(event.object_ids(), [world.booking.to_string()]);

    let page = format!("/bookings/{}", world.booking);
    let reply = get(&world.router, &page, Some(&analyst)).await;
    assert_eq!(reply.status, StatusCode::OK);
    assert!(reply.text().contains("ABC123"));
    assert!(
        reply
            .text()
            .contains(&format!("/travellers/{}", world.pnr_traveller))
    );
    let reply = get(&world.router, "/api/v1/bookings/999999", Some(&analyst)).await;
    reply.assert_problem(StatusCode::NOT_FOUND);
    assert_intact(&world.store).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_depersonalised_record_is_shown_masked() {
    run_sqlite(|db| async move {
        let world = world(&db, test_settings()).await;
        // Depersonalisation clears the personal column.
        let mut connection = {
            use sqlx::Connection;
            sqlx::any::install_default_drivers();
            sqlx::AnyConnection::connect(&db.url)
                .await
                .expect("connected")
        };
        sqlx::query("UPDATE traveller SET personal = NULL WHERE id = $1")
            .bind(world.api_traveller)
            .execute(&mut connection)
            .await
            .expect("masked");
        let analyst = sign_in(&world.router, "analyst", SERIOUS).await;
        let path = format!("/api/v1/travellers/{}", world.api_traveller);
        let reply = get(&world.router, &path, Some(&analyst)).await;
        assert_eq!(reply.status, StatusCode::OK, "{}", reply.text());
        let body = reply.json();
        assert_eq!(body["traveller"]["masked"], true);
        assert!(body["traveller"]["surname"].is_null());
        assert!(body["traveller"]["document"].is_null());
        assert!(!reply.text().contains("MAMMADOVA"));
        let page = format!("/travellers/{}", world.api_traveller);
        let text = get(&world.router, &page, Some(&analyst)).await.text();
        assert!(text.contains("depersonalised"), "{text}");
        assert!(!text.contains("MAMMADOVA"));
        // A masked record is not found by a search either.
        let reply = get(
            &world.router,
            "/api/v1/search?q=mammadova&reason=case%201",
            Some(&analyst),
        )
        .await;
        assert_eq!(reply.json()["items"], Value::Array(Vec::new()));
        assert_intact(&world.store).await;
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn flight_and_hit_pages_link_to_travellers() {
    run_sqlite(|db| async move {
        let world = world(&db, test_settings()).await;
        let analyst = sign_in(&world.router, "analyst", SERIOUS).await;
        let page = format!("/flights/{}", world.flight);
        let text = get(&world.router, &page, Some(&analyst)).await.text();
        assert!(text.contains(&format!("href=\"/travellers/{}\"", world.api_traveller)));
        assert!(text.contains(&format!("href=\"/travellers/{}\"", world.pnr_traveller)));
        let text = get(&world.router, "/hits", Some(&analyst)).await.text();
        assert!(text.contains(&format!("href=\"/travellers/{}\"", world.pnr_traveller)));
        let page = format!("/travellers/{}", world.pnr_traveller);
        let text = get(&world.router, &page, Some(&analyst)).await.text();
        assert!(text.contains(&format!("href=\"/bookings/{}\"", world.booking)));
        assert!(text.contains("ALIYEV"));
    })
    .await;
}

// ---------------------------------------------------------------------------
// Search.

async fn a_search_needs_a_reason_and_is_audited_with_it(db: TestDb) {
    let world = world(&db, test_settings()).await;
    let analyst = sign_in(&world.router, "analyst", SERIOUS).await;

    for path in [
        "/api/v1/search?q=aliyev",
        "/api/v1/search?q=aliyev&reason=",
        "/api/v1/search?q=aliyev&reason=%20%20",
    ] {
        let problem = get(&world.router, path, Some(&analyst))
            .await
            .assert_problem(StatusCode::FORBIDDEN);
        assert_eq!(problem["code"], "reason_required", "{path}");
        let event = last_event(&world.store).await;
        assert_eq!(event.outcome(), AuditOutcome::Denied);
        assert_eq!(event.object_type(), AuditObject::Search);
        assert_eq!(event.kind(), AuditKind::Consultation);
    }
    let reply = get(&world.router, "/search/results?q=aliyev", Some(&analyst)).await;
    assert_eq!(reply.status, StatusCode::FORBIDDEN);
    assert!(reply.content_type().starts_with("text/html"));

    let before = audit_events(&world.store).await.len();
    for path in [
        "/api/v1/search?reason=case%2012",
        "/api/v1/search?q=%20&reason=case%2012",
        "/api/v1/search?q=12&reason=case%2012",
        "/api/v1/search?q=aliyev&reason=line%0Abreak",
        "/api/v1/search?q=aliyev&reason=case&limit=0",
        "/api/v1/search?q=aliyev&reason=case&after=x",
        "/api/v1/search?q=aliyev&reason=case&surname=x",
    ] {
        get(&world.router, path, Some(&analyst))
            .await
            .assert_problem(StatusCode::BAD_REQUEST);
    }
    assert_eq!(
        audit_events(&world.store).await.len(),
        before,
        "a request refused as malformed searched nothing"
    );

    let reply = get(
        &world.router,
        "/api/v1/search?q=Aliyev&reason=case%202026%2F114",
        Some(&analyst),
    )
    .await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.text());
    let body = reply.json();
    assert_eq!(ids(&body["items"]), vec![world.pnr_traveller]);
    assert_eq!(body["items"][0]["flight"], world.flight);
    assert_eq!(body["items"][0]["traveller"]["surname"], "ALIYEV");
    let event = last_event(&world.store).await;
    assert_eq!(event.kind(), AuditKind::Consultation);
    assert_eq!(event.outcome(), AuditOutcome::Allowed);
    assert_eq!(event.object_type(), AuditObject::Search);
    assert_eq!(event.object_ids(), [world.pnr_traveller.to_string()]);
    let reason = event.reason().expect("a reason");
    assert!(reason.starts_with("case 2026/114"), "{reason}");
    assert!(reason.contains("surname"), "{reason}");

    // A search that finds nothing is recorded too.
    let reply = get(
        &world.router,
        "/api/v1/search?q=NOBODY%2C%20ANYONE&reason=tip%20from%20border%20guards",
        Some(&analyst),
    )
    .await;
    assert_eq!(reply.json()["items"], Value::Array(Vec::new()));
    let event = last_event(&world.store).await;
    assert!(event.object_ids().is_empty());
    assert!(
        event
            .reason()
            .is_some_and(|reason| reason.starts_with("tip from border guards"))
    );

    // By document number, both sources under serious crime; the console
    // shows the same.
    let reply = get(
        &world.router,
        "/api/v1/search?q=c01x-00t47&reason=case%207",
        Some(&analyst),
    )
    .await;
    let mut found = ids(&reply.json()["items"]);
    found.sort_unstable();
    assert_eq!(found, vec![world.api_traveller, world.pnr_traveller]);
    let text = get(
        &world.router,
        "/search/results?q=aliyev&reason=case%207",
        Some(&analyst),
    )
    .await
    .text();
    assert!(text.contains(&format!("href=\"/travellers/{}\"", world.pnr_traveller)));
    let text = get(&world.router, "/search", Some(&analyst)).await.text();
    assert!(text.contains("name=\"reason\""), "{text}");

    // The query text is in no audit event.
    let log = raw_events(&world.store).await.to_lowercase();
    for query in ["aliyev", "nobody", "c01x"] {
        assert!(!log.contains(query), "{query} in the audit log");
    }
    assert_intact(&world.store).await;
}

async fn a_search_does_not_return_pnr_records_under_border_migration(db: TestDb) {
    let world = world(&db, test_settings()).await;
    let border = sign_in(&world.router, "analyst", BORDER).await;
    let reply = get(
        &world.router,
        "/api/v1/search?q=C01X00T47&reason=check",
        Some(&border),
    )
    .await;
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.text());
    assert_eq!(ids(&reply.json()["items"]), vec![world.api_traveller]);
    let reply = get(
        &world.router,
        "/api/v1/search?q=ALIYEV&reason=check",
        Some(&border),
    )
    .await;
    assert_eq!(reply.json()["items"], Value::Array(Vec::new()));
    let event = last_event(&world.store).await;
    assert_eq!(event.object_type(), AuditObject::Search);
    assert_eq!(event.purpose(), piu_store::AuditPurpose::BorderMigration);
    assert_intact(&world.store).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_search_folds_names_and_pages_newest_first() {
    run_sqlite(|db| async move {
        let world = world(&db, test_settings()).await;
        let flight = add_flight(&world.store, "55", "2026-11-22").await;
        let mut added = Vec::new();
        for (n, (surname, given)) in [
            ("Məmmədova", "Günel"),
            ("MAMMADOVA", "GUNEL AYSEL"),
            ("mammadova", "Leyla"),
        ]
        .into_iter()
        .enumerate()
        {
            let id = add_traveller(
                &world.store,
                flight,
                RecordSource::Api,
                &format!("fold-{n}"),
                surname,
                given,
                &format!("X{n}000000"),
            )
            .await;
            added.push(id.0);
        }
        let analyst = sign_in(&world.router, "analyst", SERIOUS).await;
        let reply = get(
            &world.router,
            "/api/v1/search?q=M%C6%8FMM%C6%8FDOVA%2C%20gunel&reason=case%203",
            Some(&analyst),
        )
        .await;
        assert_eq!(reply.status, StatusCode::OK, "{}", reply.text());
        assert_eq!(ids(&reply.json()["items"]), vec![added[1], added[0]]);

        // Four records named MAMMADOVA, newest first, two a page.
        let mut seen = Vec::new();
        let mut after = String::new();
        loop {
            let path = format!("/api/v1/search?q=mammadova&reason=case%203&limit=2{after}");
            let body = get(&world.router, &path, Some(&analyst)).await.json();
            seen.extend(ids(&body["items"]));
            match body["next"].as_str() {
                Some(next) => after = format!("&after={next}"),
                None => break,
            }
        }
        assert_eq!(
            seen,
            vec![added[2], added[1], added[0], world.api_traveller]
        );
        assert_intact(&world.store).await;
    })
    .await;
}

// ---------------------------------------------------------------------------
// The live hit feed.

/// Reads a streaming body until `wanted` appears in it, or gives up.
async fn read_until(body: &mut Body, wanted: &str, within: Duration) -> String {
    let mut text = String::new();
    let deadline = tokio::time::Instant::now() + within;
    while !text.contains(wanted) {
        let frame = tokio::time::timeout_at(deadline, body.frame()).await;
        match frame {
            Ok(Some(Ok(frame))) => {
                if let Ok(data) = frame.into_data() {
                    text.push_str(&String::from_utf8_lossy(&data));
                }
            }
            Ok(_) => break,
            Err(_) => panic!("{wanted:?} did not arrive; got {text:?}"),
        }
    }
    text
}

async fn the_feed_delivers_new_hits_and_resumes_after_last_event_id(db: TestDb) {
    let world = world(&db, test_settings()).await;
    let analyst = sign_in(&world.router, "analyst", SERIOUS).await;
    let live = request("GET", "/api/v1/hits/feed", Some(&analyst))
        .body(Body::empty())
        .expect("request");
    let response = world
        .router
        .clone()
        .oneshot(live)
        .await
        .expect("infallible");
    assert_eq!(response.status(), StatusCode::OK);
    assert_eq!(
        response
            .headers()
            .get(header::CONTENT_TYPE)
            .and_then(|value| value.to_str().ok()),
        Some("text/event-stream")
    );
    let mut body = response.into_body();

    // Raised after the client connected: a border hit (not this purpose's)
    // and then a serious-crime one.
    let border = raise_hit(&world.store, world.api_traveller, "border-migration", "b-2").await;
    let crime = raise_hit(&world.store, world.pnr_traveller, "serious-crime", "s-2").await;
    let text = read_until(
        &mut body,
        &format!("id: {crime}\n"),
        Duration::from_secs(20),
    )
    .await;
    assert!(text.contains("event: hit\n"), "{text}");
    assert!(!text.contains(&format!("id: {border}\n")), "{text}");
    assert!(
        !text.contains(&format!("id: {}\n", world.crime_hit)),
        "the feed starts after the hits already there: {text}"
    );
    let data = text
        .lines()
        .find_map(|line| line.strip_prefix("data: "))
        .expect("data");
    let item: Value = serde_json::from_str(data).expect("JSON data");
    assert_eq!(item["id"], crime);
    assert_eq!(item["traveller"], world.pnr_traveller);
    assert_eq!(item["purpose"], "serious-crime");
    drop(body);
    let event = last_event(&world.store).await;
    assert_eq!(event.object_type(), AuditObject::Hit);
    assert_eq!(event.object_ids(), [crime.to_string()]);

    // Resuming after the seeded hit sends what came after it, and closes.
    let resume = |last: i64| {
        request("GET", "/api/v1/hits/feed?once=true", Some(&analyst))
            .header("last-event-id", last.to_string())
            .body(Body::empty())
            .expect("request")
    };
    let reply = send(&world.router, resume(world.crime_hit)).await;
    assert_eq!(reply.status, StatusCode::OK);
    let text = reply.text();
    assert!(text.contains(&format!("id: {crime}\n")), "{text}");
    assert!(!text.contains(&format!("id: {}\n", world.crime_hit)));
    assert!(!text.contains(&format!("id: {border}\n")));
    let reply = send(&world.router, resume(crime)).await;
    assert!(!reply.text().contains("event: hit"), "{}", reply.text());

    // Under border migration the border hits come, on API records only.
    let border_client = sign_in(&world.router, "analyst", BORDER).await;
    let from_start = request("GET", "/api/v1/hits/feed?once=true", Some(&border_client))
        .header("last-event-id", "0")
        .body(Body::empty())
        .expect("request");
    let text = send(&world.router, from_start).await.text();
    assert!(text.contains(&format!("id: {border}\n")), "{text}");
    assert!(text.contains(&format!("id: {}\n", world.border_hit)));
    assert!(!text.contains(&format!("id: {crime}\n")));

    let bad = request("GET", "/api/v1/hits/feed?once=true", Some(&analyst))
        .header("last-event-id", "x")
        .body(Body::empty())
        .expect("request");
    send(&world.router, bad)
        .await
        .assert_problem(StatusCode::BAD_REQUEST);
    get(
        &world.router,
        "/api/v1/hits/feed?once=maybe",
        Some(&analyst),
    )
    .await
    .assert_problem(StatusCode::BAD_REQUEST);
    assert_intact(&world.store).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_feed_ends_when_the_session_does() {
    run_sqlite(|db| async move {
        let world = world(&db, test_settings()).await;
        let analyst = sign_in(&world.router, "analyst", SERIOUS).await;
        let request = request("GET", "/api/v1/hits/feed", Some(&analyst))
            .body(Body::empty())
            .expect("request");
        let response = world
            .router
            .clone()
            .oneshot(request)
            .await
            .expect("infallible");
        let mut body = response.into_body();
        let reply = send_json(
            &world.router,
            "DELETE",
            "/api/v1/session",
            &analyst,
            &Value::Null,
        )
        .await;
        assert_eq!(reply.status, StatusCode::NO_CONTENT);
        raise_hit(&world.store, world.pnr_traveller, "serious-crime", "s-3").await;
        let end = tokio::time::timeout(Duration::from_secs(20), async {
            while let Some(frame) = body.frame().await {
                let frame = frame.expect("frame");
                if let Ok(data) = frame.into_data() {
                    assert!(
                        !String::from_utf8_lossy(&data).contains("event: hit"),
                        "a hit was sent after signing out"
                    );
                }
            }
        })
        .await;
        assert!(end.is_ok(), "the stream did not end");
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_live_page_reloads_and_links_travellers() {
    run_sqlite(|db| async move {
        let world = world(&db, test_settings()).await;
        let analyst = sign_in(&world.router, "analyst", SERIOUS).await;
        let reply = get(&world.router, "/hits/live", Some(&analyst)).await;
        assert_eq!(reply.status, StatusCode::OK);
        let text = reply.text();
        assert!(text.contains("http-equiv=\"refresh\""), "{text}");
        assert!(text.contains(&format!("href=\"/travellers/{}\"", world.pnr_traveller)));
        assert!(!text.contains("<script"));
        let event = last_event(&world.store).await;
        assert_eq!(event.object_type(), AuditObject::Hit);
        assert_eq!(event.object_ids(), [world.crime_hit.to_string()]);
    })
    .await;
}

piu_store::on_both_backends!(
    a_traveller_shows_flight_booking_link_history_and_hits,
    pnr_records_are_refused_and_withheld_under_border_migration,
    a_booking_shows_versions_flights_and_travellers,
    a_search_needs_a_reason_and_is_audited_with_it,
    a_search_does_not_return_pnr_records_under_border_migration,
    the_feed_delivers_new_hits_and_resumes_after_last_event_id,
);
