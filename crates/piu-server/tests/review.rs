//! The review of a hit through the API, from the queue to a referral that
//! leaves the unit: assignment, notes, dispositions, suppression of a hit
//! found not relevant, cases, and four-eyes approval of a referral that only
//! the liaison of its agency then sees. Every step is checked in the audit
//! chain. The whole flow runs on SQLite and PostgreSQL.

mod common;

use axum::http::StatusCode;
use piu_store::testing::{TestDb, run_sqlite};
use piu_store::{AuditExpectation, AuditKind, AuditObject, HitPut, NewHit, NewUser, Store};
use serde_json::{Value, json};
use time::OffsetDateTime;

use common::*;

/// Accounts beyond the common ones: a second supervisor (the four eyes) and
/// the liaison of another agency.
async fn more_accounts(store: &Store) {
    let hash = piu_access::hash_password(PASSWORD).expect("hashing");
    for (username, role, agency) in [
        ("supervisor2", "supervisor", "piu"),
        ("customs", "liaison", "customs"),
    ] {
        store
            .create_user(&NewUser {
                username,
                display_name: username,
                role,
                agency,
                purposes: "terrorism_serious_crime",
                password_hash: &hash,
                created_at: OffsetDateTime::now_utc(),
            })
            .await
            .expect("user created");
    }
}

const CRIME: &str = "terrorism_serious_crime";

async fn events(store: &Store) -> Vec<piu_store::AuditEvent> {
    store
        .audit_records(1, 1000)
        .await
        .expect("records")
        .iter()
        .map(|record| record.decode().expect("event"))
        .collect()
}

async fn assert_intact(store: &Store) {
    let verdict = store
        .verify_audit(&AuditExpectation::default())
        .await
        .expect("verify");
    assert!(verdict.is_intact(), "{verdict:?}");
}

fn status(reply: &Reply, expected: StatusCode) -> Value {
    assert_eq!(reply.status, expected, "{}", reply.text());
    if reply.body.is_empty() {
        Value::Null
    } else {
        reply.json()
    }
}

async fn a_hit_goes_from_review_to_an_approved_referral(db: TestDb) {
    let world = world(&db, test_settings()).await;
    more_accounts(&world.store).await;
    let router = &world.router;
    let analyst = sign_in(router, "analyst", CRIME).await;
    let hit = world.crime_hit;
    let path = format!("/api/v1/hits/{hit}");

    // The hit as a reviewer sees it: traveller, explanation, empty timeline.
    let detail = status(&get(router, &path, Some(&analyst)).await, StatusCode::OK);
    assert_eq!(detail["hit"]["state"], "open");
    assert_eq!(detail["assignee"], Value::Null);
    assert_eq!(detail["traveller"]["surname"], "ALIYEV");
    assert_eq!(detail["notes"], json!([]));

    // A hit of the other purpose is not found, not refused: its existence
    // is not told.
    let other = format!("/api/v1/hits/{}", world.border_hit);
    get(router, &other, Some(&analyst))
        .await
        .assert_problem(StatusCode::NOT_FOUND);

    // Take it, note it, and find it relevant.
    let assigned = send_json(
        router,
        "POST",
        &format!("{path}/assignment"),
        &analyst,
        &json!({}),
    )
    .await;
    status(&assigned, StatusCode::OK);
    let noted = send_json(
        router,
        "POST",
        &format!("{path}/notes"),
        &analyst,
        &json!({ "text": "Passport matches the entry's document." }),
    )
    .await;
    status(&noted, StatusCode::CREATED);
    // A referral before the hit is found relevant is refused.
    let early = send_json(
        router,
        "POST",
        "/api/v1/referrals",
        &analyst,
        &json!({ "agency": "police", "reason": "Art. 6(6)", "hits": [hit] }),
    )
    .await;
    early.assert_problem(StatusCode::CONFLICT);
    // Relevant needs a reason.
    let bare = send_json(
        router,
        "POST",
        &format!("{path}/disposition"),
        &analyst,
        &json!({ "disposition": "relevant" }),
    )
    .await;
    bare.assert_problem(StatusCode::BAD_REQUEST);
    let disposed = send_json(
        router,
        "POST",
        &format!("{path}/disposition"),
        &analyst,
        &json!({ "disposition": "relevant", "note": "Same person: name, birth date, document." }),
    )
    .await;
    assert_eq!(status(&disposed, StatusCode::OK)["state"], "relevant");
    let detail = status(&get(router, &path, Some(&analyst)).await, StatusCode::OK);
    assert_eq!(detail["assignee"], "analyst");
    let timeline: Vec<&Value> = detail["notes"].as_array().expect("notes").iter().collect();
    assert_eq!(timeline.len(), 2);
    assert_eq!(timeline[1]["disposition"], "relevant");

    // Open a case and group the hit in it.
    let case = send_json(
        router,
        "POST",
        "/api/v1/cases",
        &analyst,
        &json!({ "title": "Route IST-GYD, November" }),
    )
    .await;
    let case_id = status(&case, StatusCode::CREATED)["id"]
        .as_i64()
        .expect("id");
    let grouped = send_json(
        router,
        "POST",
        &format!("/api/v1/cases/{case_id}/items"),
        &analyst,
        &json!({ "kind": "hit", "id": hit }),
    )
    .await;
    let members = status(&grouped, StatusCode::OK)["members"].clone();
    assert_eq!(
        members,
        json!([{ "kind": "hit", "id": hit, "added_at": members[0]["added_at"] }])
    );

    // Ask for a referral to the police.
    let requested = send_json(
        router,
        "POST",
        "/api/v1/referrals",
        &analyst,
        &json!({ "agency": "police", "reason": "Art. 6(6): serious crime", "hits": [hit], "case": case_id }),
    )
    .await;
    let referral = status(&requested, StatusCode::CREATED);
    let referral_id = referral["id"].as_i64().expect("id");
    assert_eq!(referral["state"], "requested");
    assert_eq!(referral["hits"][0]["traveller"]["surname"], "ALIYEV");
    let referral_path = format!("/api/v1/referrals/{referral_id}");

    // The police liaison sees nothing before approval.
    let police = sign_in(router, "liaison", CRIME).await;
    get(router, &referral_path, Some(&police))
        .await
        .assert_problem(StatusCode::NOT_FOUND);
    let listed = status(
        &get(router, "/api/v1/referrals", Some(&police)).await,
        StatusCode::OK,
    );
    assert_eq!(listed["items"], json!([]));

    // Four eyes: the analyst may not approve, nor may a supervisor approve
    // their own request.
    let decide = format!("{referral_path}/decision");
    send_json(
        router,
        "POST",
        &decide,
        &analyst,
        &json!({ "decision": "approve" }),
    )
    .await
    .assert_problem(StatusCode::FORBIDDEN);
    let supervisor = sign_in(router, "supervisor", CRIME).await;
    let own = send_json(
        router,
        "POST",
        "/api/v1/referrals",
        &supervisor,
        &json!({ "agency": "police", "reason": "Art. 6(6)", "hits": [hit] }),
    )
    .await;
    let own_id = status(&own, StatusCode::CREATED)["id"]
        .as_i64()
        .expect("id");
    let refused = send_json(
        router,
        "POST",
        &format!("/api/v1/referrals/{own_id}/decision"),
        &supervisor,
        &json!({ "decision": "approve" }),
    )
    .await
    .assert_problem(StatusCode::FORBIDDEN);
    assert_eq!(refused["code"], "own_request");

    // Another supervisor approves.
    let approved = send_json(
        router,
        "POST",
        &decide,
        &supervisor,
        &json!({ "decision": "approve", "note": "Necessary and proportionate." }),
    )
    .await;
    let approved = status(&approved, StatusCode::OK);
    assert_eq!(approved["state"], "approved");
    assert_eq!(approved["decided_by"], "supervisor");
    // Decided once only.
    let supervisor2 = sign_in(router, "supervisor2", CRIME).await;
    send_json(
        router,
        "POST",
        &decide,
        &supervisor2,
        &json!({ "decision": "refuse", "note": "late" }),
    )
    .await
    .assert_problem(StatusCode::CONFLICT);

    // Now the police liaison sees it, with what was shared; customs does not.
    let seen = status(
        &get(router, &referral_path, Some(&police)).await,
        StatusCode::OK,
    );
    assert_eq!(seen["agency"], "police");
    assert_eq!(seen["hits"][0]["hit"], hit);
    let listed = status(
        &get(router, "/api/v1/referrals", Some(&police)).await,
        StatusCode::OK,
    );
    assert_eq!(listed["items"].as_array().map(Vec::len), Some(1));
    let customs = sign_in(router, "customs", CRIME).await;
    get(router, &referral_path, Some(&customs))
        .await
        .assert_problem(StatusCode::NOT_FOUND);
    let listed = status(
        &get(router, "/api/v1/referrals", Some(&customs)).await,
        StatusCode::OK,
    );
    assert_eq!(listed["items"], json!([]));
    // A liaison reviews no hits.
    get(router, &path, Some(&police))
        .await
        .assert_problem(StatusCode::FORBIDDEN);

    // The chain holds every step: reviews of the hit, the case, the request,
    // the approval and the disclosure of the hit, the liaison's reading.
    let events = events(&world.store).await;
    let count = |kind: AuditKind, object: AuditObject| {
        events
            .iter()
            .filter(|event| event.kind() == kind && event.object_type() == object)
            .filter(|event| event.outcome() == piu_store::AuditOutcome::Allowed)
            .count()
    };
    assert_eq!(count(AuditKind::Review, AuditObject::Hit), 3);
    assert_eq!(count(AuditKind::Review, AuditObject::Case), 2);
    assert_eq!(count(AuditKind::Review, AuditObject::Referral), 2);
    assert_eq!(count(AuditKind::Approval, AuditObject::Referral), 1);
    let disclosures: Vec<_> = events
        .iter()
        .filter(|event| event.kind() == AuditKind::Disclosure)
        .collect();
    assert_eq!(disclosures.len(), 1);
    assert_eq!(disclosures[0].object_ids(), [hit.to_string()]);
    assert!(count(AuditKind::Consultation, AuditObject::Referral) >= 3);
    assert_intact(&world.store).await;
}

async fn a_hit_found_not_relevant_is_suppressed_until_the_data_change(db: TestDb) {
    let world = world(&db, test_settings()).await;
    let router = &world.router;
    let analyst = sign_in(router, "analyst", CRIME).await;
    let path = format!("/api/v1/hits/{}/disposition", world.crime_hit);
    let disposed = send_json(
        router,
        "POST",
        &path,
        &analyst,
        &json!({ "disposition": "not_relevant", "note": "Other person: born 1990, not 1971." }),
    )
    .await;
    assert_eq!(status(&disposed, StatusCode::OK)["state"], "not_relevant");

    // The same push again raises nothing; changed data raise it again.
    let hit = world
        .store
        .hit(piu_store::HitId(world.crime_hit))
        .await
        .expect("read")
        .expect("hit");
    let message = world
        .store
        .append(
            b"again",
            &piu_store::Reception::new(piu_store::Channel::Http, "XX", OffsetDateTime::now_utc()),
        )
        .await
        .expect("journaled")
        .id;
    for (fingerprint, expected_suppressed) in [("s-1", true), ("s-1-changed", false)] {
        let mut tx = world.store.records().await.expect("tx");
        let put = tx
            .put_hit(&NewHit {
                traveller: hit.traveller,
                kind: "watchlist",
                list: "test-list",
                entry_id: &hit.entry_id,
                list_version: "1",
                score: 0.93,
                severity: "high",
                purpose: "serious-crime",
                target_agency: "police",
                fingerprint,
                explanation: "{}",
                message,
            })
            .await
            .expect("hit");
        tx.commit().await.expect("commit");
        assert_eq!(
            matches!(put, HitPut::Suppressed(_)),
            expected_suppressed,
            "{fingerprint}: {put:?}"
        );
    }
    let reopened = get(
        router,
        &format!("/api/v1/hits/{}", world.crime_hit),
        Some(&analyst),
    )
    .await;
    assert_eq!(status(&reopened, StatusCode::OK)["hit"]["state"], "open");
}

piu_store::on_both_backends!(
    a_hit_goes_from_review_to_an_approved_referral,
    a_hit_found_not_relevant_is_suppressed_until_the_data_change,
);

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn console_forms_review_a_hit_and_redirect_back() {
    run_sqlite(console_forms).await;
}

async fn console_forms(db: TestDb) {
    let world = world(&db, test_settings()).await;
    let router = &world.router;
    let analyst = sign_in(router, "analyst", CRIME).await;
    let hit = world.crime_hit;
    let page = get(router, &format!("/hits/{hit}"), Some(&analyst)).await;
    assert_eq!(page.status, StatusCode::OK);
    let html = page.text();
    for needle in [
        "id=\"assign-to-me\"",
        "id=\"note-text\"",
        "id=\"dispose\"",
        "ALIYEV",
    ] {
        assert!(html.contains(needle), "{needle} missing");
    }
    assert!(
        !html.contains("id=\"request-referral\""),
        "referral offered before relevant"
    );
    for (form, fields) in [
        ("assignment", ""),
        ("notes", "text=Checked%20the%20document"),
        ("disposition", "disposition=relevant&note=Same%20person"),
    ] {
        let reply = post_form(router, &format!("/hits/{hit}/{form}"), &analyst, fields).await;
        assert_eq!(
            reply.status,
            StatusCode::SEE_OTHER,
            "{form}: {}",
            reply.text()
        );
        assert_eq!(
            reply.headers.get("location").and_then(|v| v.to_str().ok()),
            Some(format!("/hits/{hit}").as_str())
        );
    }
    let html = get(router, &format!("/hits/{hit}"), Some(&analyst))
        .await
        .text();
    assert!(html.contains("id=\"request-referral\""));
    let reply = post_form(
        router,
        "/referrals",
        &analyst,
        &format!("hit={hit}&agency=police&reason=Art.%206(6)"),
    )
    .await;
    assert_eq!(reply.status, StatusCode::SEE_OTHER, "{}", reply.text());
    let location = reply
        .headers
        .get("location")
        .and_then(|v| v.to_str().ok())
        .expect("location")
        .to_owned();
    assert!(location.starts_with("/referrals/"));
    let supervisor = sign_in(router, "supervisor", CRIME).await;
    // The dashboard tells the supervisor what waits for them.
    let dashboard = get(router, "/", Some(&supervisor)).await.text();
    let waiting = "approval</a></th><td>1</td>";
    assert!(dashboard.contains(waiting), "{dashboard}");
    let html = get(router, &location, Some(&supervisor)).await.text();
    assert!(html.contains("id=\"approve\""), "{html}");
    assert!(html.contains("<td id=\"referral-state\">requested</td>"));
    let reply = post_form(
        router,
        &format!("{location}/decision"),
        &supervisor,
        "decision=approve&note=",
    )
    .await;
    assert_eq!(reply.status, StatusCode::SEE_OTHER, "{}", reply.text());
    let html = get(router, &location, Some(&supervisor)).await.text();
    assert!(html.contains("<td id=\"referral-state\">approved</td>"));
    assert!(!html.contains("id=\"approve\""));
    let police = sign_in(router, "liaison", CRIME).await;
    let dashboard = get(router, "/", Some(&police)).await.text();
    assert!(
        dashboard.contains("Referrals to police</a></th><td>1</td>"),
        "{dashboard}"
    );
    // A form without the CSRF token is refused.
    let reply = send(
        router,
        request("POST", &format!("/hits/{hit}/notes"), Some(&analyst))
            .header("content-type", "application/x-www-form-urlencoded")
            .body(axum::body::Body::from("text=x"))
            .expect("request"),
    )
    .await;
    assert_eq!(reply.status, StatusCode::FORBIDDEN);
    assert_intact(&world.store).await;
}
