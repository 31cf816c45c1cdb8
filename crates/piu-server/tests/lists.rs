//! Watchlists, criteria and charts in the workspace, through the router: the
//! views list what the server loaded, criteria touching a protected
//! characteristic are refused, a version is activated only after a back-test
//! of it, back-tests count the stored travellers a person would count, and
//! the charts count the seeded store and are well-formed SVG. Every test runs
//! on SQLite and on PostgreSQL.

mod common;

use std::sync::Arc;

use axum::body::Body;
use axum::http::{StatusCode, header};
use piu_model::Traveller;
use piu_server::{AppState, FileCriteria, ListInfo};
use piu_store::testing::{TestDb, listed_passenger};
use piu_store::{
    AuditKind, AuditObject, AuditOutcome, Channel, FlightFacts, FlightKey, NewHit, Reception,
    RecordSource, Store,
};
use serde_json::{Value, json};
use time::OffsetDateTime;

use common::*;

fn national_list() -> ListInfo {
    ListInfo {
        name: "national-terrorism".to_owned(),
        owner_agency: "state-security".to_owned(),
        category: "terrorism".to_owned(),
        severity: "critical".to_owned(),
        purpose: "serious-crime".to_owned(),
        valid_from: Some("2025-01-01".to_owned()),
        valid_until: None,
        version: "2025-11-01".to_owned(),
        persons: 12,
        aliases: 7,
        documents: 3,
        source: "national.csv".to_owned(),
        loaded_at: "2026-11-21T08:00:00Z".to_owned(),
        refused: 2,
        warnings: 1,
    }
}

fn sample_criteria() -> FileCriteria {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../samples/criteria/criteria.json"
    );
    let bytes = std::fs::read(path).expect("sample criteria");
    let set = piu_criteria::load(&bytes).expect("the sample criteria load");
    FileCriteria {
        source: "samples/criteria/criteria.json".to_owned(),
        set: Arc::new(set),
        loaded_at: OffsetDateTime::now_utc(),
    }
}

/// A router over the world's store with the lists and the criteria file
/// loaded, as `piu serve` mounts it.
fn loaded_router(store: &Store) -> axum::Router {
    piu_server::router(
        AppState::new(store.clone(), test_settings())
            .with_watchlists(vec![national_list()])
            .with_file_criteria(sample_criteria()),
    )
}

fn traveller_json(surname: &str, nationality: Option<&str>) -> String {
    serde_json::to_string(&Traveller {
        surname: surname.to_owned(),
        given_names: "TEST".to_owned(),
        nationality: nationality.map(str::to_owned),
        ..Traveller::default()
    })
    .expect("json")
}

/// A second flight, GYD → IST on 2026-11-20, with four API travellers (two
/// German, one Azerbaijani, one of no stated nationality) and one German PNR
/// traveller; one open medium hit on the first. Returns the hit's traveller.
async fn seed_more(store: &Store) -> i64 {
    let now = OffsetDateTime::now_utc();
    let message = store
        .append(
            b"more travellers",
            &Reception::new(Channel::Http, "XX", now),
        )
        .await
        .expect("journaled")
        .id;
    let mut tx = store.records().await.expect("transaction");
    let flight = tx
        .flight(
            &FlightKey {
                carrier: "J2".to_owned(),
                number: "201".to_owned(),
                departure_date: "2026-11-20".to_owned(),
                origin: "GYD".to_owned(),
            },
            &FlightFacts {
                destination: Some("IST".to_owned()),
                departure: Some("2026-11-20T07:15".to_owned()),
                arrival: None,
            },
        )
        .await
        .expect("flight");
    let mut ids = Vec::new();
    for (source, key, surname, nationality) in [
        (RecordSource::Api, "a1", "HUSEYNOV", Some("DEU")),
        (RecordSource::Api, "a2", "QASIMOVA", Some("DEU")),
        (RecordSource::Api, "a3", "ISMAYILOV", Some("AZE")),
        (RecordSource::Api, "a4", "KARIMOV", None),
        (RecordSource::Pnr, "p1", "HUSEYNOV", Some("DEU")),
    ] {
        let personal = traveller_json(surname, nationality);
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
        ids.push(put.id);
    }
    tx.put_hit(&NewHit {
        traveller: ids[0],
        kind: "watchlist",
        list: "test-list",
        entry_id: "m-1",
        list_version: "1",
        score: 0.9,
        severity: "medium",
        purpose: "serious-crime",
        target_agency: "police",
        fingerprint: "m-1",
        explanation: "{}",
        message,
    })
    .await
    .expect("hit");
    tx.commit().await.expect("commit");
    ids[0].0
}

fn criterion(id: &str, purpose: &str, expression: &str) -> Value {
    json!({
        "id": id,
        "purpose": purpose,
        "severity": "medium",
        "valid_from": "2025-01-01",
        "target_agency": "customs",
        "description": "for the tests",
        "expression": expression,
    })
}

async fn create(router: &axum::Router, client: &Client, body: &Value) -> Reply {
    send_json(router, "POST", "/api/v1/criteria", client, body).await
}

async fn backtest(router: &axum::Router, client: &Client, id: i64, body: &Value) -> Reply {
    let path = format!("/api/v1/criteria/{id}/backtest");
    send_json(router, "POST", &path, client, body).await
}

async fn activate(router: &axum::Router, client: &Client, id: i64) -> Reply {
    let path = format!("/api/v1/criteria/{id}/activation");
    send_json(router, "POST", &path, client, &json!({})).await
}

piu_store::on_both_backends!(
    the_views_list_the_lists_and_criteria_that_were_loaded,
    a_criterion_on_a_protected_characteristic_or_bad_syntax_is_refused,
    a_version_is_activated_only_after_a_backtest_of_it,
    backtests_count_the_stored_travellers_the_purposes_allow,
    charts_count_the_seeded_store_and_draw_well_formed_svg,
    an_activated_version_is_put_in_force_for_intake,
);

/// Activating a version puts it in force beside the file's criteria, at
/// once; a newer version activated takes its place.
async fn an_activated_version_is_put_in_force_for_intake(db: TestDb) {
    let world = world(&db, test_settings()).await;
    let in_force = Arc::new(piu_criteria::InForce::default());
    let router = piu_server::router(
        AppState::new(world.store.clone(), test_settings())
            .with_file_criteria(sample_criteria())
            .with_criteria_in_force(Arc::clone(&in_force)),
    );
    let supervisor = sign_in(&router, "supervisor", "terrorism_serious_crime").await;
    let body = criterion("C-200", "serious-crime", "traveller.role == \"passenger\"");
    assert!(in_force.current().is_empty());
    for version in [1, 2] {
        let created = create(&router, &supervisor, &body).await.json();
        let id = created["id"].as_i64().expect("id");
        let tested = backtest(&router, &supervisor, id, &json!({})).await;
        assert_eq!(tested.status, StatusCode::OK, "{}", tested.text());
        let active = activate(&router, &supervisor, id).await;
        assert_eq!(active.status, StatusCode::OK, "{}", active.text());
        let sets = in_force.current();
        let stored: Vec<String> = sets
            .iter()
            .skip(1)
            .flat_map(|set| {
                set.criteria()
                    .iter()
                    .map(|c| format!("{}:{}", c.id, c.version))
            })
            .collect();
        assert_eq!(stored, vec![format!("C-200:{version}")]);
        // The file's criteria stay in force first.
        assert!(sets[0].criteria().len() > 1);
    }
}

// ---------------------------------------------------------------------------

async fn the_views_list_the_lists_and_criteria_that_were_loaded(db: TestDb) {
    {
        let world = world(&db, test_settings()).await;
        let router = loaded_router(&world.store);
        let admin = sign_in(&router, "admin", "").await;
        let lists = get(&router, "/api/v1/watchlists", Some(&admin)).await;
        assert_eq!(lists.status, StatusCode::OK, "{}", lists.text());
        let lists = lists.json();
        assert_eq!(lists["lists"].as_array().map(Vec::len), Some(1));
        let list = &lists["lists"][0];
        assert_eq!(list["name"], "national-terrorism");
        assert_eq!(list["owner_agency"], "state-security");
        assert_eq!(list["persons"], 12);
        assert_eq!(list["aliases"], 7);
        assert_eq!(list["documents"], 3);
        assert_eq!(list["refused"], 2);
        assert_eq!(list["source"], "national.csv");
        let page = get(&router, "/watchlists", Some(&admin)).await;
        assert_eq!(page.status, StatusCode::OK);
        let html = page.text();
        assert!(html.contains("national-terrorism") && html.contains("state-security"));
        assert!(html.contains("<td>12</td>") && html.contains("national.csv"));

        // Without lists the view says so.
        let bare = get(&world.router, "/watchlists", Some(&admin)).await;
        assert!(bare.text().contains("No watchlist is loaded"));

        // Criteria from the file, each as source=file, beside none stored.
        let analyst = sign_in(&router, "analyst", "terrorism_serious_crime").await;
        let criteria = get(&router, "/api/v1/criteria", Some(&analyst))
            .await
            .json();
        let items = criteria["criteria"].as_array().expect("criteria");
        let expected = sample_criteria().set.criteria().len();
        assert!(expected >= 3);
        assert_eq!(items.len(), expected);
        assert!(items.iter().all(|item| item["source"] == "file"
            && item["state"] == "loaded"
            && item["id"].is_null()));
        assert!(items.iter().any(|item| item["criterion"] == "C-001"
            && item["version"] == 3
            && item["target_agency"] == "customs"));
        let page = get(&router, "/criteria", Some(&analyst)).await;
        assert_eq!(page.status, StatusCode::OK);
        assert!(
            page.text().contains("C-001") && page.text().contains("samples/criteria/criteria.json")
        );
        // Viewing lists and criteria reads no personal data: no consultation.
        let consultations = world
            .store
            .audit_records(1, 1000)
            .await
            .expect("records")
            .iter()
            .map(|record| record.decode().expect("event"))
            .filter(|event| event.kind() == AuditKind::Consultation)
            .count();
        assert_eq!(consultations, 0);
    }
}

async fn a_criterion_on_a_protected_characteristic_or_bad_syntax_is_refused(db: TestDb) {
    {
        let world = world(&db, test_settings()).await;
        let router = &world.router;
        let supervisor = sign_in(router, "supervisor", "terrorism_serious_crime").await;

        let meal = criterion(
            "R-1",
            "serious-crime",
            "\"MOML\" in booking.ssr_codes && booking.one_way",
        );
        let problem = create(router, &supervisor, &meal)
            .await
            .assert_problem(StatusCode::UNPROCESSABLE_ENTITY);
        assert_eq!(problem["code"], "protected_characteristic", "{problem}");
        assert_eq!(problem["type"], "/problems/criterion-refused");
        let detail = problem["detail"].as_str().expect("detail");
        assert!(
            detail.contains("MOML") && detail.contains("religion"),
            "{detail}"
        );

        let religion = criterion("R-2", "serious-crime", "traveller.religion != \"\"");
        let problem = create(router, &supervisor, &religion)
            .await
            .assert_problem(StatusCode::UNPROCESSABLE_ENTITY);
        assert_eq!(problem["code"], "protected_characteristic", "{problem}");

        let broken = criterion("S-1", "serious-crime", "traveller.age > ");
        let problem = create(router, &supervisor, &broken)
            .await
            .assert_problem(StatusCode::UNPROCESSABLE_ENTITY);
        assert_eq!(problem["code"], "syntax", "{problem}");
        assert!(
            problem["detail"]
                .as_str()
                .is_some_and(|d| d.contains("does not parse"))
        );

        let purpose = criterion("S-2", "tourism", "traveller.age > 30");
        let problem = create(router, &supervisor, &purpose)
            .await
            .assert_problem(StatusCode::UNPROCESSABLE_ENTITY);
        assert_eq!(problem["code"], "invalid", "{problem}");

        // NUL in any text, unknown fields and bodies that are not JSON are 400s.
        let mut nul = criterion("S-4", "serious-crime", "traveller.age > 30");
        nul["description"] = json!("a\u{0}b");
        create(router, &supervisor, &nul)
            .await
            .assert_problem(StatusCode::BAD_REQUEST);
        let long = criterion(&"C".repeat(65), "serious-crime", "traveller.age > 30");
        create(router, &supervisor, &long)
            .await
            .assert_problem(StatusCode::BAD_REQUEST);
        let mut extra = criterion("S-3", "serious-crime", "traveller.age > 30");
        extra["author"] = json!("someone else");
        create(router, &supervisor, &extra)
            .await
            .assert_problem(StatusCode::BAD_REQUEST);
        let not_json = send(
            router,
            request("POST", "/api/v1/criteria", Some(&supervisor))
                .header("x-csrf-token", &supervisor.csrf)
                .header(header::CONTENT_TYPE, "application/json")
                .body(Body::from("{"))
                .expect("request"),
        )
        .await;
        not_json.assert_problem(StatusCode::BAD_REQUEST);

        // An analyst may back-test but not write criteria.
        let analyst = sign_in(router, "analyst", "terrorism_serious_crime").await;
        let fine = criterion("OK-1", "serious-crime", "traveller.age > 30");
        let problem = create(router, &analyst, &fine)
            .await
            .assert_problem(StatusCode::FORBIDDEN);
        assert_eq!(problem["code"], "role_not_permitted");

        // Nothing refused was stored.
        let criteria = get(router, "/api/v1/criteria", Some(&analyst)).await.json();
        assert_eq!(criteria["criteria"], json!([]));
    }
}

async fn a_version_is_activated_only_after_a_backtest_of_it(db: TestDb) {
    {
        let world = world(&db, test_settings()).await;
        let router = &world.router;
        let supervisor = sign_in(router, "supervisor", "terrorism_serious_crime").await;
        let body = criterion("C-100", "serious-crime", "traveller.role == \"passenger\"");
        let created = create(router, &supervisor, &body).await;
        assert_eq!(created.status, StatusCode::CREATED, "{}", created.text());
        let first = created.json();
        assert_eq!(first["state"], "draft");
        assert_eq!(first["version"], 1);
        assert_eq!(first["source"], "store");
        assert!(first["backtest"].is_null());
        let first_id = first["id"].as_i64().expect("id");
        assert_eq!(
            created
                .headers
                .get(header::LOCATION)
                .and_then(|v| v.to_str().ok()),
            Some(format!("/api/v1/criteria/{first_id}").as_str())
        );

        let problem = activate(router, &supervisor, first_id)
            .await
            .assert_problem(StatusCode::CONFLICT);
        assert_eq!(problem["code"], "not_backtested");

        let tested = backtest(router, &supervisor, first_id, &json!({})).await;
        assert_eq!(tested.status, StatusCode::OK, "{}", tested.text());
        assert_eq!(tested.json()["criterion"]["backtest"]["travellers"], 2);

        let active = activate(router, &supervisor, first_id).await;
        assert_eq!(active.status, StatusCode::OK, "{}", active.text());
        let active = active.json();
        assert_eq!(active["state"], "active");
        assert!(active["activated_at"].is_string());
        let problem = activate(router, &supervisor, first_id)
            .await
            .assert_problem(StatusCode::CONFLICT);
        assert_eq!(problem["code"], "not_draft");

        // A second version needs its own back-test; activating it retires the first.
        let second = create(router, &supervisor, &body).await.json();
        assert_eq!(second["version"], 2);
        let second_id = second["id"].as_i64().expect("id");
        activate(router, &supervisor, second_id)
            .await
            .assert_problem(StatusCode::CONFLICT);
        // A version number already used is a conflict.
        let mut again = body.clone();
        again["version"] = json!(2);
        create(router, &supervisor, &again)
            .await
            .assert_problem(StatusCode::CONFLICT);

        // The console's forms: back-test, then activate.
        let page = post_form(
            router,
            &format!("/criteria/{second_id}/backtest"),
            &supervisor,
            "from=&to=",
        )
        .await;
        assert_eq!(page.status, StatusCode::OK, "{}", page.text());
        assert!(
            page.text()
                .contains("Back-test done: 2 of 2 travellers hit")
        );
        let done = post_form(
            router,
            &format!("/criteria/{second_id}/activation"),
            &supervisor,
            "",
        )
        .await;
        assert_eq!(done.status, StatusCode::SEE_OTHER, "{}", done.text());
        let states: Vec<(i64, String)> = get(router, "/api/v1/criteria", Some(&supervisor))
            .await
            .json()["criteria"]
            .as_array()
            .expect("criteria")
            .iter()
            .map(|item| {
                (
                    item["id"].as_i64().unwrap_or(0),
                    item["state"].as_str().unwrap_or("").to_owned(),
                )
            })
            .collect();
        assert_eq!(
            states,
            [
                (second_id, "active".to_owned()),
                (first_id, "retired".to_owned())
            ]
        );
        let page = get(router, &format!("/criteria/{second_id}"), Some(&supervisor)).await;
        assert_eq!(page.status, StatusCode::OK);
        assert!(page.text().contains("2 of 2 travellers hit"));

        // An analyst may back-test but not activate.
        let analyst = sign_in(router, "analyst", "terrorism_serious_crime").await;
        let third = create(router, &supervisor, &body).await.json()["id"]
            .as_i64()
            .expect("id");
        assert_eq!(
            backtest(router, &analyst, third, &json!({})).await.status,
            StatusCode::OK
        );
        activate(router, &analyst, third)
            .await
            .assert_problem(StatusCode::FORBIDDEN);
    }
}

async fn backtests_count_the_stored_travellers_the_purposes_allow(db: TestDb) {
    {
        let world = world(&db, test_settings()).await;
        seed_more(&world.store).await;
        let router = &world.router;
        let supervisor = sign_in(router, "supervisor", "terrorism_serious_crime").await;
        let crime = create(
            router,
            &supervisor,
            &criterion("N-1", "serious-crime", "traveller.nationality == \"DEU\""),
        )
        .await
        .json()["id"]
            .as_i64()
            .expect("id");
        let border = create(
            router,
            &supervisor,
            &criterion(
                "N-2",
                "border-migration",
                "traveller.nationality == \"DEU\"",
            ),
        )
        .await
        .json()["id"]
            .as_i64()
            .expect("id");

        // Serious crime, under serious crime: the seeded world's two
        // travellers (no nationality), the four API and the one PNR
        // traveller seeded here; the two German API and the German PNR
        // traveller are hit.
        let analyst = sign_in(router, "analyst", "terrorism_serious_crime").await;
        let result = backtest(router, &analyst, crime, &json!({})).await;
        assert_eq!(result.status, StatusCode::OK, "{}", result.text());
        let result = result.json();
        assert_eq!(result["criterion"]["backtest"]["travellers"], 7);
        assert_eq!(result["criterion"]["backtest"]["hits"], 3);
        assert_eq!(result["sources"], json!(["api", "pnr"]));

        // One day only: the flight of 2026-11-20.
        let day = json!({ "from": "2026-11-20", "to": "2026-11-20" });
        let result = backtest(router, &analyst, crime, &day).await.json();
        assert_eq!(result["criterion"]["backtest"]["travellers"], 5);
        assert_eq!(result["criterion"]["backtest"]["hits"], 3);
        assert_eq!(result["criterion"]["backtest"]["from"], "2026-11-20");

        // Under border and migration the session may not use PNR data.
        let border_analyst = sign_in(router, "analyst", "border_migration").await;
        let result = backtest(router, &border_analyst, crime, &json!({}))
            .await
            .json();
        assert_eq!(result["criterion"]["backtest"]["travellers"], 5);
        assert_eq!(result["criterion"]["backtest"]["hits"], 2);
        assert_eq!(result["sources"], json!(["api"]));

        // A border-migration criterion never sees PNR data, whoever runs it.
        let result = backtest(router, &analyst, border, &json!({})).await.json();
        assert_eq!(result["criterion"]["backtest"]["travellers"], 5);
        assert_eq!(result["criterion"]["backtest"]["hits"], 2);

        // Each back-test is a consultation naming the criterion.
        let consultations: Vec<_> = world
            .store
            .audit_records(1, 1000)
            .await
            .expect("records")
            .iter()
            .map(|record| record.decode().expect("event"))
            .filter(|event| {
                event.kind() == AuditKind::Consultation
                    && event.object_type() == AuditObject::Criteria
                    && event.outcome() == AuditOutcome::Allowed
            })
            .collect();
        assert_eq!(consultations.len(), 4, "{consultations:?}");
        assert_eq!(consultations[0].object_ids(), [crime.to_string()]);
        assert!(consultations[0].reason().is_some_and(
            |reason| reason == "backtest over 7 stored travellers (api, pnr), departures .."
        ));
        // The result names no one.
        let text = backtest(router, &analyst, crime, &json!({})).await.text();
        assert!(!text.contains("HUSEYNOV"));

        // Bad periods and ids are 400s, an unknown criterion 404.
        backtest(router, &analyst, crime, &json!({ "from": "yesterday" }))
            .await
            .assert_problem(StatusCode::BAD_REQUEST);
        backtest(
            router,
            &analyst,
            crime,
            &json!({ "from": "2026-11-21", "to": "2026-11-20" }),
        )
        .await
        .assert_problem(StatusCode::BAD_REQUEST);
        backtest(router, &analyst, 999_999, &json!({}))
            .await
            .assert_problem(StatusCode::NOT_FOUND);
        send_json(
            router,
            "POST",
            "/api/v1/criteria/abc/backtest",
            &analyst,
            &json!({}),
        )
        .await
        .assert_problem(StatusCode::BAD_REQUEST);
        let page = post_form(
            router,
            &format!("/criteria/{crime}/backtest"),
            &analyst,
            "from=not-a-date",
        )
        .await;
        assert_eq!(page.status, StatusCode::BAD_REQUEST);
        assert!(page.text().contains("from must be a date"));
    }
}

/// Whether `svg` is one element with balanced tags, a title and a
/// description: a minimal well-formedness check without an XML library.
fn assert_well_formed_svg(svg: &str) {
    assert!(svg.starts_with("<svg ") && svg.ends_with("</svg>"), "{svg}");
    let mut open: Vec<String> = Vec::new();
    let mut rest = svg;
    let mut closed_root = false;
    while let Some(start) = rest.find('<') {
        assert!(!closed_root, "content after the root: {rest}");
        let text = &rest[..start];
        assert!(!text.contains('>'), "a bare > in {text:?}");
        for (at, _) in text.match_indices('&') {
            let entity = &text[at..];
            assert!(
                ["&amp;", "&lt;", "&gt;", "&quot;", "&#39;"]
                    .iter()
                    .any(|known| entity.starts_with(known)),
                "a bare & in {text:?}"
            );
        }
        let end = rest[start..].find('>').expect("tag ends") + start;
        let tag = &rest[start + 1..end];
        assert!(!tag.contains('<'), "a tag inside a tag: {tag}");
        assert_eq!(tag.matches('"').count() % 2, 0, "unbalanced quotes: {tag}");
        if let Some(name) = tag.strip_prefix('/') {
            assert_eq!(open.pop().as_deref(), Some(name), "closing {name}");
            if open.is_empty() {
                closed_root = true;
            }
        } else if !tag.ends_with('/') {
            let name = tag.split_whitespace().next().expect("name");
            open.push(name.to_owned());
        }
        rest = &rest[end + 1..];
    }
    assert!(open.is_empty(), "left open: {open:?}");
    assert!(svg.contains("<title id=") && svg.contains("<desc id="));
    assert!(svg.contains("role=\"img\""));
}

async fn charts_count_the_seeded_store_and_draw_well_formed_svg(db: TestDb) {
    {
        let world = world(&db, test_settings()).await;
        seed_more(&world.store).await;
        let router = &world.router;
        let dpo = sign_in(router, "dpo", "").await;
        let charts = get(router, "/api/v1/charts", Some(&dpo)).await;
        assert_eq!(charts.status, StatusCode::OK, "{}", charts.text());
        let charts = charts.json();

        // Three hits, all raised today: the last of 30 days.
        let days = charts["hits_per_day"].as_array().expect("days");
        assert_eq!(days.len(), 30);
        let today = OffsetDateTime::now_utc().date().to_string();
        assert_eq!(days[29]["date"], today.as_str());
        assert_eq!(days[29]["hits"], 3);
        assert_eq!(
            days.iter()
                .filter_map(|day| day["hits"].as_u64())
                .sum::<u64>(),
            3
        );

        // GYD–IST: four API and one PNR record; IST–GYD: one of each.
        assert_eq!(
            charts["routes"],
            json!([
                { "origin": "GYD", "destination": "IST", "api": 4, "pnr": 1 },
                { "origin": "IST", "destination": "GYD", "api": 1, "pnr": 1 },
            ])
        );

        // Open hits: two high and one medium, all younger than a day.
        let backlog = charts["backlog"].as_array().expect("backlog");
        let row = |severity: &str| {
            backlog
                .iter()
                .find(|row| row["severity"] == severity)
                .cloned()
                .expect("row")
        };
        assert_eq!(row("high")["counts"], json!([2, 0, 0, 0]));
        assert_eq!(row("medium")["counts"], json!([1, 0, 0, 0]));
        assert_eq!(row("critical")["total"], 0);
        assert_eq!(charts["bands"].as_array().map(Vec::len), Some(4));

        // The console page: three inline SVGs, each well-formed, with tables.
        let page = get(router, "/charts", Some(&dpo)).await;
        assert_eq!(page.status, StatusCode::OK);
        let html = page.text();
        let svgs: Vec<&str> = html
            .match_indices("<svg ")
            .map(|(start, _)| {
                let end = html[start..].find("</svg>").expect("svg ends") + start + 6;
                &html[start..end]
            })
            .collect();
        assert_eq!(svgs.len(), 3);
        for svg in &svgs {
            assert_well_formed_svg(svg);
        }
        // A bar per day; the routes' bars name them.
        assert_eq!(svgs[0].matches("<rect ").count(), 30);
        assert!(svgs[1].contains("GYD–IST: 4 API"));
        assert!(svgs[2].contains("high, under 1 day: 2"));
        assert_eq!(html.matches("<table>").count(), 3);
        assert!(html.contains("<td>GYD–IST</td><td>4</td><td>1</td>"));
        // Aggregates only: no consultation recorded, no name shown.
        assert!(!html.contains("HUSEYNOV"));
        let consultations = world
            .store
            .audit_records(1, 1000)
            .await
            .expect("records")
            .iter()
            .map(|record| record.decode().expect("event"))
            .filter(|event| event.kind() == AuditKind::Consultation)
            .count();
        assert_eq!(consultations, 0);
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_console_writes_a_criterion_or_says_why_not() {
    piu_store::testing::run_sqlite(|db| async move {
        let world = world(&db, test_settings()).await;
        let router = &world.router;
        let supervisor = sign_in(router, "supervisor", "terrorism_serious_crime").await;
        let page = get(router, "/criteria", Some(&supervisor)).await;
        assert!(page.text().contains("<title>Criteria · OpenPIU</title>"));
        // The form is on the page once.
        assert_eq!(page.text().matches("Write a criterion").count(), 1);
        // Analysts see criteria but get no form to write one.
        let analyst = sign_in(router, "analyst", "terrorism_serious_crime").await;
        let page = get(router, "/criteria", Some(&analyst)).await;
        assert_eq!(page.status, StatusCode::OK);
        assert!(!page.text().contains("Write a criterion"));

        let refused = post_form(
            router,
            "/criteria",
            &supervisor,
            "id=R-9&purpose=serious-crime&severity=high&target_agency=police\
             &expression=%22MOML%22+in+booking.ssr_codes",
        )
        .await;
        assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
        let html = refused.text();
        assert!(html.contains("religion"), "{html}");
        // What was written is kept in the form (escaped).
        assert!(html.contains("value=\"R-9\""));
        assert!(
            html.contains("&#34;MOML&#34; in booking.ssr_codes"),
            "{html}"
        );

        let bad_version = post_form(
            router,
            "/criteria",
            &supervisor,
            "id=V-1&version=two&purpose=serious-crime&severity=high&target_agency=police\
             &expression=traveller.age+%3E+30",
        )
        .await;
        assert_eq!(bad_version.status, StatusCode::BAD_REQUEST);
        assert!(bad_version.text().contains("whole number"));

        let written = post_form(
            router,
            "/criteria",
            &supervisor,
            "id=V-1&purpose=border-migration&severity=low&target_agency=border-service\
             &groups=%7B%22airports%22%3A%7B%22hubs%22%3A%5B%22IST%22%5D%7D%7D\
             &expression=in_group%28flight.origin%2C+%22hubs%22%29",
        )
        .await;
        assert_eq!(written.status, StatusCode::SEE_OTHER, "{}", written.text());
        let location = written
            .headers
            .get(header::LOCATION)
            .and_then(|value| value.to_str().ok())
            .expect("location")
            .to_owned();
        let page = get(router, &location, Some(&supervisor)).await;
        assert_eq!(page.status, StatusCode::OK);
        assert!(page.text().contains("Criterion V-1, version 1"));
        assert!(page.text().contains("draft"));
    })
    .await;
}
