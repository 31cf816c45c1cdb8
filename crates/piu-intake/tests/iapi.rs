//! The interactive API end to end: real HTTP over loopback, a real journal (a
//! SQLite file, and PostgreSQL), screening against a small list, and verdict
//! changes delivered to a carrier's receiver.

mod support;

use std::net::SocketAddr;
use std::sync::Arc;

use axum::body::Bytes;
use axum::routing::post;
use piu_intake::iapi::{
    Endpoint, Endpoints, Notifier, NotifyError, PassengerContext, Sent, TEXT_BOARD,
};
use piu_messages::encode::cusres::{self, BoardingCode, CusresKind};
use piu_model::{
    Flight, Format, LocalDateTime, Message, MessageMeta, Syntax, TravelDocument, Traveller,
};
use piu_screen::{Index, ListData, Screener};
use piu_store::{Channel, MessageId, ProcessingState, Store, on_both_backends};
use support::{J2_TOKEN, Server, TestDb, settled, test_config};
use time::macros::date;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::mpsc;

on_both_backends!(
    listed_clean_and_incomplete_passengers_in_one_request,
    verdict_change_is_delivered_once,
);

/// Breaks at byte 273, segment 12, whose tag reads "ND".
const BROKEN: &[u8] = include_bytes!("../../../samples/broken/invalid-tag-mid-message.edi");

/// A border list holding one person, ALIYEV RASHAD born 1980-01-02.
fn screener() -> Arc<Screener> {
    let csv = "id,last_name,first_name,date_of_birth,nationality\n\
               W-1,ALIYEV,RASHAD,1980-01-02,AZE\n";
    let import =
        piu_watchlist::import_csv(csv.as_bytes(), &piu_watchlist::Options::new("border.csv"))
            .expect("list");
    let list = piu_watchlist::List {
        name: "border-watch".into(),
        owner_agency: "state border service".into(),
        category: "wanted".into(),
        severity: piu_watchlist::Severity::Critical,
        purpose: piu_watchlist::Purpose::BorderMigration,
        valid_from: None,
        valid_until: None,
        threshold: None,
        version: "1".into(),
    };
    Arc::new(Screener::new(Index::build(vec![ListData {
        list,
        entries: import.entries,
        documents: Vec::new(),
    }])))
}

fn person(
    reference: &str,
    surname: &str,
    given: &str,
    born: Option<time::Date>,
    passport: Option<&str>,
) -> Traveller {
    Traveller {
        surname: surname.into(),
        given_names: given.into(),
        date_of_birth: born,
        passenger_ref: Some(reference.into()),
        booking_ref: Some("ABC123".into()),
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

/// A check-in PAXLST of flight J2 27 from IST with these travellers.
fn check_in(travellers: Vec<Traveller>) -> Message {
    let mut meta = MessageMeta::new(Format::Paxlst, Syntax::Edifact);
    meta.sender = Some("J2".into());
    meta.recipient = Some("AZEPIU".into());
    meta.message_ref = "PAX1".into();
    meta.transaction_ref = Some("TX-1".into());
    let mut message = Message::new(meta);
    message.flight = Some(Flight {
        carrier: "J2".into(),
        number: "27".into(),
        origin: Some("IST".into()),
        destination: Some("GYD".into()),
        departure: LocalDateTime::from_parts(2026, 11, 21, Some((8, 30))),
        arrival: LocalDateTime::from_parts(2026, 11, 21, Some((12, 45))),
        ..Flight::default()
    });
    message.travellers = travellers;
    message
}

struct Answer {
    status: u16,
    head: String,
    body: Vec<u8>,
}

impl Answer {
    fn header(&self, name: &str) -> Option<&str> {
        self.head.lines().find_map(|line| {
            let (key, value) = line.split_once(':')?;
            key.eq_ignore_ascii_case(name).then(|| value.trim())
        })
    }

    fn json(&self) -> serde_json::Value {
        serde_json::from_slice(&self.body).unwrap_or(serde_json::Value::Null)
    }

    fn message_id(&self) -> MessageId {
        MessageId(
            self.header("x-piu-message-id")
                .and_then(|id| id.parse().ok())
                .expect("the journal id in X-Piu-Message-Id"),
        )
    }
}

/// One POST /api/v1/iapi over a fresh connection.
async fn post_iapi(addr: SocketAddr, token: Option<&str>, body: &[u8]) -> Answer {
    let mut stream = TcpStream::connect(addr).await.expect("connect");
    let mut head = format!(
        "POST /api/v1/iapi HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\
         Content-Type: application/edifact\r\nContent-Length: {}\r\n",
        body.len()
    );
    if let Some(token) = token {
        head.push_str(&format!("Authorization: Bearer {token}\r\n"));
    }
    head.push_str("\r\n");
    stream.write_all(head.as_bytes()).await.expect("send");
    let _ = stream.write_all(body).await;
    let mut response = Vec::new();
    let _ = stream.read_to_end(&mut response).await;
    let split = response
        .windows(4)
        .position(|w| w == b"\r\n\r\n")
        .expect("a complete response");
    let head = String::from_utf8_lossy(&response[..split]).into_owned();
    let status = head
        .split_whitespace()
        .nth(1)
        .and_then(|code| code.parse().ok())
        .expect("a status line");
    Answer {
        status,
        head,
        body: response[split + 4..].to_vec(),
    }
}

async fn start(store: Store) -> Server {
    let mut config = test_config();
    config.screener = screener();
    Server::start_with(store, config).await
}

async fn listed_clean_and_incomplete_passengers_in_one_request(db: TestDb) {
    let store = db.open().await;
    let server = start(store.clone()).await;
    let message = check_in(vec![
        person(
            "P1",
            "ALIYEV",
            "RASHAD",
            Some(date!(1980 - 01 - 02)),
            Some("C1234567"),
        ),
        person(
            "P2",
            "MAMMADOVA",
            "LEYLA",
            Some(date!(1991 - 05 - 17)),
            Some("C7654321"),
        ),
        person("P3", "HASANOV", "ELCHIN", None, Some("C1111111")),
        person("P4", "QULIYEV", "TURAL", Some(date!(1975 - 03 - 09)), None),
    ]);
    let body = piu_messages::encode::paxlst::encode(&message);

    let answer = post_iapi(server.addr, Some(J2_TOKEN), body.as_bytes()).await;
    assert_eq!(
        answer.status,
        200,
        "{}",
        String::from_utf8_lossy(&answer.body)
    );
    assert_eq!(answer.header("content-type"), Some("application/edifact"));
    let read = cusres::read(&answer.body).expect("the answer is a CUSRES");
    assert_eq!(read.len(), 1);
    let response = &read[0];
    assert_eq!(response.kind, CusresKind::Response);
    assert_eq!(response.transaction_ref.as_deref(), Some("TX-1"));
    assert_eq!(response.header.recipient, "J2");
    let codes: Vec<(Option<&str>, BoardingCode)> = response
        .verdicts
        .iter()
        .map(|v| (v.passenger_ref.as_deref(), v.code))
        .collect();
    assert_eq!(
        codes,
        [
            (Some("P1"), BoardingCode::Advisory),
            (Some("P2"), BoardingCode::Board),
            (Some("P3"), BoardingCode::InsufficientData),
            (Some("P4"), BoardingCode::InsufficientData),
        ]
    );
    let text = |i: usize| response.verdicts[i].text.clone().unwrap_or_default();
    assert!(text(0).contains("CONTACT THE PIU"), "{}", text(0));
    assert_eq!(text(1), TEXT_BOARD);
    assert!(text(2).contains("BIRTH DATE"), "{}", text(2));
    assert!(text(3).contains("TRAVEL DOCUMENT"), "{}", text(3));
    // Nothing of the list reaches check-in staff.
    let whole = String::from_utf8_lossy(&answer.body).to_uppercase();
    for secret in [
        "BORDER-WATCH",
        "W-1",
        "BORDER SERVICE",
        "WANTED",
        "CRITICAL",
    ] {
        assert!(!whole.contains(secret), "{secret} leaked: {whole}");
    }

    // Journaled as sent, on the iAPI channel, and processed by the worker.
    let id = answer.message_id();
    assert_eq!(store.bytes(id).await.expect("bytes"), body.as_bytes());
    let receptions = store.receptions(id).await.expect("receptions");
    assert_eq!(receptions.len(), 1);
    assert_eq!(
        (receptions[0].channel, receptions[0].sender.as_str()),
        (Channel::Iapi, "J2")
    );
    assert_eq!(settled(&store, id).await.state, ProcessingState::Processed);
    let hits = store.hits(10).await.expect("hits");
    assert_eq!(hits.len(), 1, "{hits:?}");
    assert_eq!(hits[0].list, "border-watch");

    // Unauthorised: refused before anything is journaled.
    let before = store.journal_size().await.expect("size");
    let refused = post_iapi(server.addr, None, body.as_bytes()).await;
    assert_eq!(refused.status, 401);
    assert_eq!(refused.header("www-authenticate"), Some("Bearer"));
    let refused = post_iapi(server.addr, Some("piu_guess"), b"UNA").await;
    assert_eq!(refused.status, 401);
    assert_eq!(store.journal_size().await.expect("size"), before);

    // A PAXLST that cannot be read: 400 naming the place, kept and quarantined.
    let broken = post_iapi(server.addr, Some(J2_TOKEN), BROKEN).await;
    assert_eq!(
        broken.status,
        400,
        "{}",
        String::from_utf8_lossy(&broken.body)
    );
    let problem = broken.json();
    assert_eq!(problem["byte_offset"], 273, "{problem}");
    let segment = problem["segment"].as_str().unwrap_or_default();
    assert!(segment.contains("12"), "{problem}");
    let error = problem["error"].as_str().unwrap_or_default();
    assert!(
        error.contains("273") && error.contains("segment 12"),
        "{problem}"
    );
    let id = broken.message_id();
    assert_eq!(store.bytes(id).await.expect("bytes"), BROKEN);
    let status = settled(&store, id).await;
    assert_eq!(status.state, ProcessingState::Quarantined);
    assert_eq!(status.error.and_then(|e| e.byte_offset), Some(273));

    server.stop().await;
}

/// A carrier's receiver on loopback: answers `status` and hands each body on.
async fn receiver(status: u16) -> (SocketAddr, mpsc::UnboundedReceiver<Vec<u8>>) {
    let (sent, received) = mpsc::unbounded_channel();
    let status = axum::http::StatusCode::from_u16(status).expect("a status");
    let app = axum::Router::new().route(
        "/cusres",
        post(move |body: Bytes| {
            let sent = sent.clone();
            async move {
                let _ = sent.send(body.to_vec());
                status
            }
        }),
    );
    let listener = TcpListener::bind("127.0.0.1:0").await.expect("bind");
    let addr = listener.local_addr().expect("address");
    tokio::spawn(async move {
        let _ = axum::serve(listener, app).await;
    });
    (addr, received)
}

async fn verdict_change_is_delivered_once(db: TestDb) {
    let store = db.open().await;
    let (addr, mut received) = receiver(200).await;
    let (failing, mut refused) = receiver(503).await;
    let mut endpoints = Endpoints::default();
    endpoints.insert("J2", Endpoint::Http(format!("http://{addr}/cusres")));
    endpoints.insert("KL", Endpoint::Http(format!("http://{failing}/cusres")));
    let notifier = Notifier::new(store.clone(), endpoints);
    let message = check_in(vec![person(
        "P1",
        "ALIYEV",
        "RASHAD",
        Some(date!(1980 - 01 - 02)),
        Some("C1234567"),
    )]);
    let passenger = PassengerContext::from_message("J2", &message, 0).expect("a passenger");

    let text = "DO NOT BOARD. CONTACT THE PIU";
    let sent = notifier
        .send_verdict_change(&passenger, BoardingCode::NoBoard, text)
        .await
        .expect("delivered");
    let Sent::Delivered(notice) = sent else {
        panic!("expected a delivery, got {sent:?}");
    };
    let bytes = received.recv().await.expect("the receiver got it");
    let read = cusres::read(&bytes).expect("a CUSRES");
    assert_eq!(read[0].kind, CusresKind::Unsolicited);
    assert_eq!(read[0].transaction_ref.as_deref(), Some("TX-1"));
    assert_eq!(read[0].header.recipient, "J2");
    assert_eq!(read[0].header.control_ref, format!("N{notice}"));
    assert_eq!(read[0].verdicts.len(), 1);
    assert_eq!(read[0].verdicts[0].code, BoardingCode::NoBoard);
    assert_eq!(read[0].verdicts[0].passenger_ref.as_deref(), Some("P1"));
    assert_eq!(read[0].verdicts[0].text.as_deref(), Some(text));
    assert_eq!(
        read[0].flight.as_ref().map(|f| f.designator.as_str()),
        Some("J227")
    );

    // The same change again: recorded as sent, nothing goes out.
    let again = notifier
        .send_verdict_change(&passenger, BoardingCode::NoBoard, text)
        .await
        .expect("no error");
    assert_eq!(again, Sent::AlreadySent(notice));
    // A new change goes out.
    let cleared = notifier
        .send_verdict_change(&passenger, BoardingCode::Board, "OK TO BOARD")
        .await
        .expect("delivered");
    assert!(matches!(cleared, Sent::Delivered(n) if n != notice));
    let bytes = received.recv().await.expect("the second change");
    assert_eq!(
        cusres::read(&bytes).expect("a CUSRES")[0].verdicts[0].code,
        BoardingCode::Board
    );
    assert!(received.try_recv().is_err(), "nothing was sent twice");
    let notices = store
        .iapi_notices("J2", &passenger.passenger)
        .await
        .expect("notices");
    assert_eq!(notices.len(), 2);
    assert!(notices.iter().all(|n| n.delivered_at.is_some()));
    assert_eq!(notices[1].bytes, bytes, "what was sent is what is stored");

    // A carrier that does not take it: recorded as failed, the same bytes tried again.
    let kl = PassengerContext {
        carrier: "KL".into(),
        ..passenger.clone()
    };
    for _ in 0..2 {
        let failed = notifier
            .send_verdict_change(&kl, BoardingCode::NoBoard, text)
            .await;
        assert!(
            matches!(failed, Err(NotifyError::Delivery { .. })),
            "{failed:?}"
        );
    }
    let first = refused.recv().await.expect("first attempt");
    let second = refused.recv().await.expect("second attempt");
    assert_eq!(first, second);
    let notices = store
        .iapi_notices("KL", &passenger.passenger)
        .await
        .expect("notices");
    assert_eq!(notices.len(), 1);
    assert_eq!(notices[0].attempts, 2);
    assert!(notices[0].delivered_at.is_none());
    assert!(
        notices[0]
            .last_error
            .as_deref()
            .is_some_and(|e| e.contains("503")),
        "{notices:?}"
    );
    // No endpoint: refused before anything is recorded.
    let nowhere = PassengerContext {
        carrier: "XX".into(),
        ..passenger
    };
    assert!(matches!(
        notifier
            .send_verdict_change(&nowhere, BoardingCode::NoBoard, text)
            .await,
        Err(NotifyError::NoEndpoint(_))
    ));
}
