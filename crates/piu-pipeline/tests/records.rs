//! Messages applied to the store, on SQLite and on PostgreSQL: manifest
//! versions and close-outs, PNR pushes and cancellations, code-shares, links
//! between API and PNR records, travel histories, and hits stored once.

use piu_model::{
    Booking, Flight, FlightDesignator, Format, LocalDateTime, ManifestChange, Message, MessageMeta,
    PushType, Syntax, TravelDocument, Traveller,
};
use piu_pipeline::{Applied, apply, plan};
use piu_screen::{Index, ListData, Screener};
use piu_store::testing::TestDb;
use piu_store::{
    Channel, FlightRecord, HIT_NOT_RELEVANT, MessageId, Reception, RecordSource, Store,
    TravellerRecord, TravellerStatus, on_both_backends,
};
use time::macros::{date, datetime};

on_both_backends!(
    manifest_versions_and_close_out,
    pnr_pushes_replace_amend_and_cancel,
    code_share_numbers_reach_the_operating_flight,
    api_and_pnr_records_are_linked,
    travel_history_across_flights,
    hits_are_stored_once_and_stay_quiet_after_review,
    a_message_is_applied_once,
);

fn flight(number: &str) -> Flight {
    Flight {
        carrier: "J2".into(),
        number: number.into(),
        origin: Some("IST".into()),
        destination: Some("GYD".into()),
        departure: Some(LocalDateTime::new(date!(2026 - 11 - 21), None)),
        ..Flight::default()
    }
}

fn person(
    surname: &str,
    given: &str,
    born: Option<time::Date>,
    passport: Option<&str>,
) -> Traveller {
    Traveller {
        surname: surname.into(),
        given_names: given.into(),
        date_of_birth: born,
        documents: passport
            .map(|number| TravelDocument {
                kind: Some("P".into()),
                number: Some(number.into()),
                issuing_country: Some("AZE".into()),
                ..TravelDocument::default()
            })
            .into_iter()
            .collect(),
        ..Traveller::default()
    }
}

fn manifest(number: &str, change: Option<ManifestChange>, travellers: Vec<Traveller>) -> Message {
    let mut meta = MessageMeta::new(Format::Paxlst, Syntax::Edifact);
    meta.change = change;
    let mut message = Message::new(meta);
    message.flight = Some(flight(number));
    message.travellers = travellers;
    message
}

/// A push of bookings, each `(locator, travellers, cancelled)`.
fn push(number: &str, full: bool, bookings: Vec<(&str, Vec<Traveller>, bool)>) -> Message {
    let mut meta = MessageMeta::new(Format::Pnrgov, Syntax::Edifact);
    meta.push = Some(if full {
        PushType::Full
    } else {
        PushType::Update
    });
    let mut message = Message::new(meta);
    message.flight = Some(flight(number));
    for (locator, travellers, cancelled) in bookings {
        let first = message.travellers.len();
        message.travellers.extend(travellers);
        message.bookings.push(Booking {
            record_locator: locator.into(),
            travellers: (first..message.travellers.len()).collect(),
            cancelled,
            ..Booking::default()
        });
    }
    message
}

/// Journals a stand-in for the message's bytes (each call distinct) and
/// applies the message under that id, as processing does.
async fn feed(store: &Store, message: &Message, screener: Option<&Screener>) -> Applied {
    let bytes = format!("{:?}{}", message, rand_suffix());
    let appended = store
        .append(
            bytes.as_bytes(),
            &Reception::new(Channel::Http, "J2", datetime!(2026-11-21 08:00 UTC)),
        )
        .await
        .expect("journal");
    apply_as(store, appended.id, message, screener).await
}

async fn apply_as(
    store: &Store,
    id: MessageId,
    message: &Message,
    screener: Option<&Screener>,
) -> Applied {
    let planned = plan(
        message,
        screener,
        &[],
        date!(2026 - 11 - 21),
        date!(2026 - 11 - 21),
    );
    let mut tx = store.records().await.expect("begin");
    let applied = apply(&mut tx, id, 0, &planned).await.expect("apply");
    tx.mark_processed(id).await.expect("processed");
    tx.commit().await.expect("commit");
    applied
}

fn rand_suffix() -> u64 {
    use std::sync::atomic::{AtomicU64, Ordering};
    static NEXT: AtomicU64 = AtomicU64::new(0);
    NEXT.fetch_add(1, Ordering::Relaxed)
}

async fn only_flight(store: &Store) -> FlightRecord {
    let flights = store.flights(10).await.expect("flights");
    assert_eq!(flights.len(), 1, "{flights:?}");
    flights.into_iter().next().expect("one flight")
}

fn statuses(travellers: &[TravellerRecord]) -> Vec<TravellerStatus> {
    travellers.iter().map(|t| t.status).collect()
}

async fn manifest_versions_and_close_out(db: TestDb) {
    let store = &db.open().await;
    let a = person(
        "ALIYEV",
        "RASHAD",
        Some(date!(1980 - 01 - 02)),
        Some("C1111111"),
    );
    let b = person(
        "HASANOVA",
        "LEYLA",
        Some(date!(1990 - 03 - 04)),
        Some("C2222222"),
    );
    let c = person("MAMMADOV", "ELCHIN", None, Some("C3333333"));
    let first = feed(
        store,
        &manifest("63", None, vec![a.clone(), b.clone(), c.clone()]),
        None,
    )
    .await;
    assert_eq!(first.travellers_new, 3);

    // CP: new data for one traveller, recognised by the same document.
    let mut b_changed = b.clone();
    b_changed.given_names = "LEYLA AYDIN".into();
    let changed = feed(
        store,
        &manifest(
            "63",
            Some(ManifestChange::ChangePassengerData),
            vec![b_changed],
        ),
        None,
    )
    .await;
    assert_eq!((changed.travellers_new, changed.travellers_changed), (0, 1));

    // XR: one reservation cancelled.
    feed(
        store,
        &manifest(
            "63",
            Some(ManifestChange::CancelReservation),
            vec![c.clone()],
        ),
        None,
    )
    .await;
    let flight = only_flight(store).await;
    let travellers = store
        .travellers_of_flight(flight.id)
        .await
        .expect("travellers");
    assert_eq!(
        statuses(&travellers),
        [
            TravellerStatus::Listed,
            TravellerStatus::Listed,
            TravellerStatus::Cancelled
        ]
    );
    assert!(
        travellers[1]
            .personal
            .as_deref()
            .expect("personal")
            .contains("LEYLA AYDIN")
    );
    assert_eq!(travellers[1].version, 2);

    // CLOB lists who is on board: the other listed traveller did not board.
    feed(
        store,
        &manifest("63", Some(ManifestChange::CloseOnBoard), vec![a.clone()]),
        None,
    )
    .await;
    let travellers = store
        .travellers_of_flight(flight.id)
        .await
        .expect("travellers");
    assert_eq!(
        statuses(&travellers),
        [
            TravellerStatus::Boarded,
            TravellerStatus::NotBoarded,
            TravellerStatus::Cancelled
        ]
    );
    assert_eq!(
        only_flight(store).await.status,
        piu_store::FlightStatus::Closed
    );
}

async fn pnr_pushes_replace_amend_and_cancel(db: TestDb) {
    let store = &db.open().await;
    let x = person("KARIMOV", "ORKHAN", None, None);
    let y = person("NURIYEVA", "SEVINJ", None, None);
    let z = person("ABBASOV", "TURAL", None, None);
    feed(
        store,
        &push(
            "63",
            true,
            vec![
                ("AAA111", vec![x.clone()], false),
                ("BBB222", vec![y.clone()], false),
            ],
        ),
        None,
    )
    .await;
    // An update amends: BBB222 changes, CCC333 is added, AAA111 is untouched.
    let mut y2 = y.clone();
    y2.given_names = "SEVINJ ELMAR".into();
    let update = feed(
        store,
        &push(
            "63",
            false,
            vec![
                ("BBB222", vec![y2], false),
                ("CCC333", vec![z.clone()], false),
            ],
        ),
        None,
    )
    .await;
    assert_eq!((update.travellers_new, update.travellers_changed), (1, 1));
    let flight = only_flight(store).await;
    assert_eq!(
        statuses(
            &store
                .travellers_of_flight(flight.id)
                .await
                .expect("travellers")
        ),
        [TravellerStatus::Listed; 3]
    );
    // A full push replaces: BBB222 is not in it; CCC333 is cancelled.
    feed(
        store,
        &push(
            "63",
            true,
            vec![
                ("AAA111", vec![x.clone()], false),
                ("CCC333", vec![z], true),
            ],
        ),
        None,
    )
    .await;
    assert_eq!(
        statuses(
            &store
                .travellers_of_flight(flight.id)
                .await
                .expect("travellers")
        ),
        [
            TravellerStatus::Listed,
            TravellerStatus::Cancelled,
            TravellerStatus::Cancelled
        ]
    );
    // History kept: every version of each booking.
    let aaa = store
        .booking_versions("J2", "AAA111")
        .await
        .expect("versions");
    assert_eq!(aaa.iter().map(|v| v.version).collect::<Vec<_>>(), [1, 2]);
    assert_eq!(
        aaa.iter().map(|v| v.push.as_str()).collect::<Vec<_>>(),
        ["full", "full"]
    );
    let bbb = store
        .booking_versions("J2", "BBB222")
        .await
        .expect("versions");
    assert_eq!(
        bbb.iter().map(|v| v.push.as_str()).collect::<Vec<_>>(),
        ["full", "update"]
    );
    assert!(
        bbb[1]
            .personal
            .as_deref()
            .expect("personal")
            .contains("SEVINJ ELMAR")
    );
    let ccc = store
        .booking_versions("J2", "CCC333")
        .await
        .expect("versions");
    assert_eq!(
        ccc.iter().map(|v| v.cancelled).collect::<Vec<_>>(),
        [false, true]
    );
}

async fn code_share_numbers_reach_the_operating_flight(db: TestDb) {
    let store = &db.open().await;
    let mut api = manifest(
        "63",
        None,
        vec![person("ALIYEV", "RASHAD", None, Some("C1111111"))],
    );
    if let Some(f) = api.flight.as_mut() {
        f.marketing.push(FlightDesignator {
            carrier: "TK".into(),
            number: "6063".into(),
        });
    }
    feed(store, &api, None).await;
    // The booking comes under the marketing number.
    let mut pnr = push(
        "6063",
        true,
        vec![(
            "AAA111",
            vec![person("ALIYEV", "RASHAD", None, Some("C1111111"))],
            false,
        )],
    );
    if let Some(f) = pnr.flight.as_mut() {
        f.carrier = "TK".into();
    }
    feed(store, &pnr, None).await;
    let flight = only_flight(store).await;
    assert_eq!(flight.marketing, [("TK".to_owned(), "6063".to_owned())]);
    let travellers = store
        .travellers_of_flight(flight.id)
        .await
        .expect("travellers");
    assert_eq!(travellers.len(), 2);
}

async fn api_and_pnr_records_are_linked(db: TestDb) {
    let store = &db.open().await;
    let born = Some(date!(1980 - 01 - 02));
    // PNR first: one with a document (DOCS), one with only name and birth date,
    // one namesake without either.
    feed(
        store,
        &push(
            "63",
            true,
            vec![
                (
                    "AAA111",
                    vec![person("ALIYEV", "RASHAD", born, Some("C1111111"))],
                    false,
                ),
                (
                    "BBB222",
                    vec![person(
                        "HASANOVA",
                        "LEYLA",
                        Some(date!(1990 - 03 - 04)),
                        None,
                    )],
                    false,
                ),
                ("CCC333", vec![person("QULIYEV", "ANAR", None, None)], false),
            ],
        ),
        None,
    )
    .await;
    let applied = feed(
        store,
        &manifest(
            "63",
            None,
            vec![
                person("ALIYEV", "RASHAD", born, Some("C1111111")),
                person(
                    "HASANOVA",
                    "LEYLA",
                    Some(date!(1990 - 03 - 04)),
                    Some("C2222222"),
                ),
                person("NOVRUZOV", "KAMRAN", None, Some("C4444444")),
            ],
        ),
        None,
    )
    .await;
    assert_eq!(applied.links, 2);
    let flight = only_flight(store).await;
    let links = store.links_of_flight(flight.id).await.expect("links");
    let confidences: Vec<f64> = links.iter().map(|l| l.confidence).collect();
    assert_eq!(confidences, [0.99, 0.9]);
    assert!(links[0].basis.contains("document"), "{}", links[0].basis);
    assert!(links[0].basis.contains("provenance"));
    // Linked records belong to one person.
    let travellers = store
        .travellers_of_flight(flight.id)
        .await
        .expect("travellers");
    let api = travellers
        .iter()
        .find(|t| t.id == links[0].api)
        .expect("api record");
    let pnr = travellers
        .iter()
        .find(|t| t.id == links[0].pnr)
        .expect("pnr record");
    assert_eq!(api.source, RecordSource::Api);
    assert_eq!(api.person, pnr.person);
    assert!(api.person.is_some());
}

async fn travel_history_across_flights(db: TestDb) {
    let store = &db.open().await;
    let traveller = person(
        "ALIYEV",
        "RASHAD",
        Some(date!(1980 - 01 - 02)),
        Some("C1111111"),
    );
    feed(store, &manifest("63", None, vec![traveller.clone()]), None).await;
    feed(
        store,
        &manifest(
            "64",
            None,
            vec![traveller.clone(), person("OTHER", "ONE", None, Some("X9"))],
        ),
        None,
    )
    .await;
    let flights = store.flights(10).await.expect("flights");
    assert_eq!(flights.len(), 2);
    let first = store
        .travellers_of_flight(flights[1].id)
        .await
        .expect("travellers");
    let person = first[0].person.expect("a person");
    let history = store.travellers_of_person(person).await.expect("history");
    assert_eq!(history.len(), 2);
    assert_ne!(history[0].flight, history[1].flight);
}

fn screener() -> Screener {
    let csv = "id,last_name,first_name,date_of_birth,nationality\n\
               W-1,ALIYEV,RASHAD,1980-01-02,AZE\n";
    let import =
        piu_watchlist::import_csv(csv.as_bytes(), &piu_watchlist::Options::new("test.csv"))
            .expect("list");
    assert_eq!(import.entries.len(), 1, "{:?}", import.refused);
    let list = piu_watchlist::List {
        name: "national".into(),
        owner_agency: "police".into(),
        category: "wanted".into(),
        severity: piu_watchlist::Severity::High,
        purpose: piu_watchlist::Purpose::SeriousCrime,
        valid_from: None,
        valid_until: None,
        threshold: None,
        version: "1".into(),
    };
    Screener::new(Index::build(vec![ListData {
        list,
        entries: import.entries,
        documents: Vec::new(),
    }]))
}

async fn hits_are_stored_once_and_stay_quiet_after_review(db: TestDb) {
    let store = &db.open().await;
    let screener = screener();
    let listed = person("ALIYEV", "RASHAD", Some(date!(1980 - 01 - 02)), None);
    let message = push("63", true, vec![("AAA111", vec![listed.clone()], false)]);
    let first = feed(store, &message, Some(&screener)).await;
    assert_eq!(first.hits_raised, 1);
    // The same booking pushed again: nothing new.
    let again = feed(store, &message, Some(&screener)).await;
    assert_eq!((again.hits_raised, again.travellers_unchanged), (0, 1));
    let hits = store.hits(10).await.expect("hits");
    assert_eq!(hits.len(), 1);
    assert_eq!(hits[0].list, "national");
    assert!(
        hits[0].explanation.contains("ALIYEV"),
        "{}",
        hits[0].explanation
    );

    // Reviewed as not relevant: a push with other data (a document added)
    // raises it again; the same data would not.
    store
        .set_hit_state(hits[0].id, HIT_NOT_RELEVANT)
        .await
        .expect("review");
    let mut changed = listed.clone();
    changed.documents.push(TravelDocument {
        number: Some("C7777777".into()),
        ..TravelDocument::default()
    });
    let reopened = feed(
        store,
        &push("63", true, vec![("AAA111", vec![changed], false)]),
        Some(&screener),
    )
    .await;
    assert_eq!(reopened.hits_raised, 1);
    assert_eq!(store.hits(10).await.expect("hits")[0].state, "open");
}

async fn a_message_is_applied_once(db: TestDb) {
    let store = &db.open().await;
    let message = manifest(
        "63",
        None,
        vec![person("ALIYEV", "RASHAD", None, Some("C1111111"))],
    );
    let bytes = b"one message";
    let id = store
        .append(
            bytes,
            &Reception::new(Channel::Http, "J2", datetime!(2026-11-21 08:00 UTC)),
        )
        .await
        .expect("journal")
        .id;
    let first = apply_as(store, id, &message, None).await;
    let second = apply_as(store, id, &message, None).await;
    assert_eq!((first.applied, first.skipped), (1, 0));
    assert_eq!((second.applied, second.skipped), (0, 1));
    let flight = only_flight(store).await;
    assert_eq!(
        store
            .travellers_of_flight(flight.id)
            .await
            .expect("travellers")
            .len(),
        1
    );
}

/// Criteria in force raise hits while a message is planned: a border
/// criterion on API data only, a serious-crime criterion on PNR data too.
#[test]
fn criteria_in_force_raise_hits_by_purpose() {
    let criterion = |id: &str, purpose: &str| {
        format!(
            r#"{{"id": "{id}", "version": 2, "author": "s.supervisor", "purpose": "{purpose}",
               "severity": "medium", "valid_from": "2025-01-01", "target_agency": "police",
               "description": "Every traveller on a document issued by AZE (a test).",
               "expression": "traveller.document_country == \"AZE\""}}"#
        )
    };
    let set = |purpose: &str, id: &str| {
        let text = format!(r#"{{"criteria": [{}]}}"#, criterion(id, purpose));
        std::sync::Arc::new(piu_criteria::load(text.as_bytes()).expect("criteria load"))
    };
    let in_force = vec![set("border-migration", "B-1"), set("serious-crime", "S-1")];
    let travellers = || {
        vec![
            person("ALIYEV", "RASHAD", None, Some("C01X00T47")),
            person("MAMMADOVA", "LEYLA", None, None),
        ]
    };
    let day = date!(2026 - 11 - 21);
    let hits_of = |planned: &piu_pipeline::Plan| -> Vec<Vec<String>> {
        planned
            .travellers
            .iter()
            .map(|t| {
                t.hits
                    .iter()
                    .map(|hit| format!("{}:{}:{}", hit.list, hit.entry_id, hit.version))
                    .collect()
            })
            .collect()
    };
    let api = plan(
        &manifest("101", None, travellers()),
        None,
        &in_force,
        day,
        day,
    );
    assert_eq!(
        hits_of(&api),
        vec![
            vec!["criteria:B-1:2".to_owned(), "criteria:S-1:2".to_owned()],
            vec![]
        ]
    );
    let pnr = plan(
        &push("101", true, vec![("ABC123", travellers(), false)]),
        None,
        &in_force,
        day,
        day,
    );
    assert_eq!(
        hits_of(&pnr),
        vec![vec!["criteria:S-1:2".to_owned()], vec![]]
    );
    // Nothing in force, nothing raised.
    let none = plan(&manifest("101", None, travellers()), None, &[], day, day);
    assert_eq!(hits_of(&none), vec![Vec::<String>::new(), vec![]]);
}
