//! The interactive API (iAPI): a carrier sends a PAXLST at check-in and waits
//! for a boarding directive per passenger, answered as a CUSRES.
//!
//! - `POST /api/v1/iapi`: the PAXLST as the body, `Authorization: Bearer
//!   <token>` (the tokens of `/api/v1/messages`). The bytes are journaled first
//!   (channel `iapi`, through the group commit), then read, and each passenger
//!   screened at once; `200` with a CUSRES (BGM 962, `application/edifact`) and
//!   the journal id in `X-Piu-Message-Id`. The worker then processes the
//!   journaled message like any other (records, hits).
//! - A body that cannot be read as a PAXLST: `400` with JSON naming the byte
//!   offset and segment; it stays journaled and the worker quarantines it.
//!
//! # The verdict policy
//!
//! A hit found by a machine is not a decision: under the EU API and PNR rules a
//! person reviews every automated hit before anything is done about the
//! traveller. So the automated answer never says "no board":
//!
//! - `0Z` board: no hit;
//! - `2Z` advisory: any hit. At or above [`Policy::hold_from`] (default: high)
//!   the text asks the agent to hold boarding and contact the PIU; below it the
//!   text says the carrier decides and the PIU may call;
//! - `4Z` insufficient data: no surname, no birth date or no travel document
//!   number; the text names what is missing so the agent can send it again;
//! - `1Z` no board: only as a later change after a person's review, sent by the
//!   [`Notifier`] as an unsolicited CUSRES (BGM 132).
//!
//! The texts never name a list, an entry or why the person matched: they are
//! shown to check-in staff.

use std::collections::BTreeMap;
use std::path::Path;
use std::sync::Arc;
use std::time::Duration;

use axum::body::Bytes;
use axum::extract::rejection::BytesRejection;
use axum::extract::{DefaultBodyLimit, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::middleware;
use axum::response::{IntoResponse, Response};
use axum::routing::post;
use axum::{Extension, Json, Router};
use piu_messages::encode::cusres::{BoardingCode, CusresKind, PassengerVerdict, cusres};
use piu_messages::encode::{Outgoing, ResponseContext};
use piu_messages::{ReadOptions, Reading};
use piu_model::{Format, LocalDateTime, Message, Severity, Traveller};
use piu_screen::{Screener, Subject};
use piu_store::{Channel, IapiNotice, MessageId, NewIapiNotice, Reception, Store, StoreError};
use serde_json::json;
use time::OffsetDateTime;

use crate::Worker;
use crate::commit::{CommitError, Committer};
use crate::http::{Carrier, authenticate, error};
use crate::tokens::Tokens;

/// How automated screening becomes a boarding directive (see the module text).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Policy {
    /// Hits on lists of this severity or above ask the carrier to hold
    /// boarding and contact the PIU; below it the carrier is only advised.
    pub hold_from: Severity,
    /// How check-in staff reach the PIU (a telephone number), added to the
    /// hold text.
    pub contact: Option<String>,
}

impl Default for Policy {
    fn default() -> Self {
        Policy {
            hold_from: Severity::High,
            contact: None,
        }
    }
}

/// Text for a passenger without a hit.
pub const TEXT_BOARD: &str = "OK TO BOARD";
/// Text for a hit below the hold severity.
pub const TEXT_ADVISORY: &str =
    "ADVISORY: BOARDING IS THE CARRIER'S DECISION. THE PIU MAY CONTACT YOU";
/// Text for a hit at or above the hold severity (the contact follows).
pub const TEXT_HOLD: &str = "HOLD BOARDING: CONTACT THE PIU BEFORE BOARDING THIS PASSENGER";

impl Policy {
    /// The directive for one passenger of a request, from its data and hits.
    /// `missing` lists what the passenger lacks for a verdict.
    pub fn verdict(&self, missing: &[&str], severities: &[Severity]) -> (BoardingCode, String) {
        if !missing.is_empty() {
            return (
                BoardingCode::InsufficientData,
                format!(
                    "INSUFFICIENT DATA: {} MISSING. SEND THE PASSENGER AGAIN WITH IT",
                    missing.join(", ")
                ),
            );
        }
        match severities.iter().max() {
            None => (BoardingCode::Board, TEXT_BOARD.to_owned()),
            Some(worst) if *worst >= self.hold_from => {
                let text = match self.contact.as_deref().map(str::trim) {
                    Some(contact) if !contact.is_empty() => format!("{TEXT_HOLD} ({contact})"),
                    _ => TEXT_HOLD.to_owned(),
                };
                (BoardingCode::Advisory, text)
            }
            Some(_) => (BoardingCode::Advisory, TEXT_ADVISORY.to_owned()),
        }
    }
}

/// What a passenger lacks for a verdict, in words for the check-in agent.
pub fn missing_data(t: &Traveller) -> Vec<&'static str> {
    let mut missing = Vec::new();
    if t.surname.trim().is_empty() {
        missing.push("NAME");
    }
    if t.date_of_birth.is_none() {
        missing.push("BIRTH DATE");
    }
    let document = t
        .documents
        .iter()
        .any(|d| d.number.as_deref().is_some_and(|n| !n.trim().is_empty()));
    if !document {
        missing.push("TRAVEL DOCUMENT NUMBER");
    }
    missing
}

/// What the iAPI handler shares.
struct Iapi {
    store: Store,
    committer: Committer,
    worker: Worker,
    screener: Arc<Screener>,
    policy: Policy,
}

/// The iAPI route, ready to merge into the carrier API.
pub fn router(
    store: Store,
    tokens: Tokens,
    committer: Committer,
    worker: Worker,
    screener: Arc<Screener>,
    policy: Policy,
) -> Router {
    let limit = store.max_message_bytes();
    let iapi = Arc::new(Iapi {
        store,
        committer,
        worker,
        screener,
        policy,
    });
    Router::new()
        .route(
            "/api/v1/iapi",
            post(check_in).layer(DefaultBodyLimit::max(limit)),
        )
        // Checked before the body is read.
        .route_layer(middleware::from_fn_with_state(
            Arc::new(tokens),
            authenticate,
        ))
        .with_state(iapi)
}

/// The longest carrier reference (`X-Request-Id`) kept with a reception.
const MAX_REFERENCE: usize = 200;

async fn check_in(
    State(iapi): State<Arc<Iapi>>,
    Extension(Carrier(carrier)): Extension<Carrier>,
    headers: HeaderMap,
    body: Result<Bytes, BytesRejection>,
) -> Response {
    let body = match body {
        Ok(body) => body,
        Err(rejection) => return error(rejection.status(), rejection.body_text()),
    };
    if let Err(refusal) = iapi.store.check_size(&body) {
        let status = match refusal {
            piu_store::Refusal::Empty => StatusCode::BAD_REQUEST,
            piu_store::Refusal::TooLarge { .. } => StatusCode::PAYLOAD_TOO_LARGE,
        };
        return error(status, refusal.to_string());
    }
    let received_at = OffsetDateTime::now_utc();
    let mut reception = Reception::new(Channel::Iapi, carrier, received_at);
    if let Some(reference) = headers
        .get("x-request-id")
        .and_then(|value| value.to_str().ok())
        .filter(|value| !value.is_empty() && value.len() <= MAX_REFERENCE)
    {
        reception = reception.with_external_ref(reference);
    }
    // Journaled before it is read: an answer exists only for a durable message.
    let appended = match iapi.committer.append(body.clone(), reception).await {
        Ok(appended) => appended,
        Err(CommitError::Store(StoreError::Refused(refusal))) => {
            return error(StatusCode::BAD_REQUEST, refusal.to_string());
        }
        Err(failure) => {
            crate::report!("an iAPI request could not be journaled: {failure}");
            return error(
                StatusCode::SERVICE_UNAVAILABLE,
                "the message could not be stored; nothing was accepted, send it again",
            );
        }
    };
    let id = appended.id;
    let screener = Arc::clone(&iapi.screener);
    let policy = iapi.policy.clone();
    // Reading and screening are CPU work; the async threads keep serving.
    let answer =
        tokio::task::spawn_blocking(move || answer(&body, id, received_at, &screener, &policy))
            .await;
    // Woken after the answer is made, so the worker's own screening of the
    // message does not compete with this request's.
    iapi.worker.wake();
    let id_header = HeaderValue::from(id.0);
    let mut response = match answer {
        Ok(Ok(bytes)) => (
            StatusCode::OK,
            [(header::CONTENT_TYPE, HeaderValue::from_static(EDIFACT))],
            bytes,
        )
            .into_response(),
        Ok(Err(problem)) => (
            StatusCode::BAD_REQUEST,
            Json(json!({
                "error": problem.text,
                "byte_offset": problem.byte_offset,
                "segment": problem.segment,
                "id": id.0,
            })),
        )
            .into_response(),
        Err(failure) => {
            crate::report!("answering iAPI message {id} stopped: {failure}");
            error(
                StatusCode::INTERNAL_SERVER_ERROR,
                "the request was stored but could not be answered; send it again",
            )
        }
    };
    response.headers_mut().insert("x-piu-message-id", id_header);
    response
}

const EDIFACT: &str = "application/edifact";

/// Why a request could not be answered with verdicts, located in its bytes.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Problem {
    text: String,
    byte_offset: Option<usize>,
    segment: Option<String>,
}

/// Reads the request and answers each PAXLST in it with one CUSRES interchange.
fn answer(
    bytes: &[u8],
    id: MessageId,
    received_at: OffsetDateTime,
    screener: &Screener,
    policy: &Policy,
) -> Result<Vec<u8>, Problem> {
    let today = received_at.date();
    let options = ReadOptions {
        reference_date: Some(today),
        ..ReadOptions::default()
    };
    let reading = piu_messages::read(bytes, &options);
    if let Some(problem) = problem_of(&reading) {
        return Err(problem);
    }
    let prepared = LocalDateTime::new(today, Some(received_at.time()));
    let mut out = Vec::new();
    for (n, message) in reading.messages.iter().enumerate() {
        let verdicts = verdicts(message, id, n, screener, policy, today);
        let control = format!("{}{}", id.0, n);
        let outgoing = Outgoing::new(&control, &(n + 1).to_string(), prepared);
        out.extend(cusres(
            &ResponseContext::from_message(message),
            &verdicts,
            CusresKind::Response,
            &outgoing,
        ));
    }
    Ok(out)
}

/// The verdict on every traveller of one message, in its order.
fn verdicts(
    message: &Message,
    id: MessageId,
    n: usize,
    screener: &Screener,
    policy: &Policy,
    today: time::Date,
) -> Vec<PassengerVerdict> {
    message
        .travellers
        .iter()
        .enumerate()
        .map(|(index, traveller)| {
            let missing = missing_data(traveller);
            let severities: Vec<Severity> = match missing.is_empty() {
                true => Subject::from_message(message, index, format!("iapi:{id}:{n}:{index}"))
                    .map(|subject| {
                        screener
                            .screen(&subject, today)
                            .hits
                            .iter()
                            .map(|hit| hit.severity)
                            .collect()
                    })
                    .unwrap_or_default(),
                false => Vec::new(),
            };
            let (code, text) = policy.verdict(&missing, &severities);
            PassengerVerdict::for_traveller(traveller, code, Some(&text))
        })
        .collect()
}

/// The first error of a reading, located; or why it holds nothing to answer.
fn problem_of(reading: &Reading) -> Option<Problem> {
    if let Some(first) = reading.errors.first() {
        let location = &first.location;
        let segment = match (location.segment, location.tag.as_deref()) {
            (Some(number), Some(tag)) => Some(format!("segment {number} ({tag})")),
            (Some(number), None) => Some(format!("segment {number}")),
            (None, Some(tag)) => Some(tag.to_owned()),
            (None, None) => None,
        };
        let mut text = format!("the PAXLST cannot be read at byte {}", location.offset);
        if let Some(segment) = &segment {
            text.push_str(&format!(", {segment}"));
        }
        text.push_str(&format!(": {}", first.message));
        return Some(Problem {
            text,
            byte_offset: Some(location.offset),
            segment,
        });
    }
    if reading.messages.is_empty() {
        return Some(Problem {
            text: "no PAXLST message was found in the body".to_owned(),
            byte_offset: None,
            segment: None,
        });
    }
    if let Some(other) = reading
        .messages
        .iter()
        .find(|m| m.meta.format != Format::Paxlst)
    {
        return Some(Problem {
            text: format!(
                "the iAPI answers PAXLST only, this body holds {:?}; send it to /api/v1/messages",
                other.meta.format
            ),
            byte_offset: None,
            segment: None,
        });
    }
    None
}

/// Where a carrier takes unsolicited verdict changes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Endpoint {
    /// POSTed as `application/edifact`; a 2xx answer means delivered.
    Http(String),
    /// Published to `queue` on the default exchange with a publisher
    /// confirmation; the broker's ack means delivered.
    Amqp { url: String, queue: String },
}

impl Endpoint {
    /// From `http://…` or `amqp://…#QUEUE` (the fragment names the queue).
    pub fn parse(text: &str) -> Result<Endpoint, String> {
        let text = text.trim();
        if text.starts_with("http://") {
            Ok(Endpoint::Http(text.to_owned()))
        } else if text.starts_with("https://") {
            Err(format!(
                "{text}: https is not built in; deliver through a TLS proxy on http://"
            ))
        } else if text.starts_with("amqp://") || text.starts_with("amqps://") {
            match text.split_once('#') {
                Some((url, queue)) if !queue.is_empty() => Ok(Endpoint::Amqp {
                    url: url.to_owned(),
                    queue: queue.to_owned(),
                }),
                _ => Err(format!(
                    "{text}: name the queue after #, e.g. amqp://host/%2f#carrier.iapi"
                )),
            }
        } else {
            Err(format!("{text}: an endpoint is an http:// or amqp:// URL"))
        }
    }
}

/// Every carrier's endpoint for unsolicited verdict changes.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Endpoints(BTreeMap<String, Endpoint>);

impl Endpoints {
    /// Reads a carriers file: `{"J2": "http://…", "KL": "amqp://…#queue"}`.
    pub fn load(path: &Path) -> Result<Endpoints, String> {
        let text = std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
        Endpoints::parse_json(&text).map_err(|e| format!("{}: {e}", path.display()))
    }

    pub fn parse_json(text: &str) -> Result<Endpoints, String> {
        let map: BTreeMap<String, String> =
            serde_json::from_str(text).map_err(|e| e.to_string())?;
        let mut endpoints = Endpoints::default();
        for (carrier, url) in map {
            endpoints.insert(&carrier, Endpoint::parse(&url)?);
        }
        Ok(endpoints)
    }

    /// From `CARRIER=URL`, as the command line gives it.
    pub fn add_assignment(&mut self, text: &str) -> Result<(), String> {
        let (carrier, url) = text
            .split_once('=')
            .filter(|(carrier, _)| !carrier.trim().is_empty())
            .ok_or_else(|| format!("{text}: expected CARRIER=URL"))?;
        self.insert(carrier.trim(), Endpoint::parse(url)?);
        Ok(())
    }

    pub fn insert(&mut self, carrier: &str, endpoint: Endpoint) {
        self.0.insert(carrier.to_owned(), endpoint);
    }

    pub fn get(&self, carrier: &str) -> Option<&Endpoint> {
        self.0.get(carrier)
    }
}

/// A passenger answered before, as a verdict change needs it: who to tell,
/// the request answered (flight and references) and the passenger's references.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PassengerContext {
    /// The carrier the change goes to (whose endpoint is used).
    pub carrier: String,
    /// The passenger on the journey, stable across pushes (a hit's `identity`).
    pub passenger: String,
    pub request: ResponseContext,
    pub passenger_ref: Option<String>,
    pub booking_ref: Option<String>,
}

impl PassengerContext {
    /// The traveller at `index` of a message read from `carrier`.
    pub fn from_message(carrier: &str, message: &Message, index: usize) -> Option<Self> {
        let traveller = message.travellers.get(index)?;
        let subject = Subject::from_message(message, index, String::new())?;
        Some(PassengerContext {
            carrier: carrier.to_owned(),
            passenger: subject.identity,
            request: ResponseContext::from_message(message),
            passenger_ref: traveller.passenger_ref.clone(),
            booking_ref: traveller.booking_ref.clone(),
        })
    }
}

/// What became of a verdict change.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Sent {
    /// Delivered now (notice id in the store).
    Delivered(i64),
    /// The same verdict was delivered before; nothing was sent.
    AlreadySent(i64),
}

#[derive(Debug, thiserror::Error)]
pub enum NotifyError {
    #[error("no iAPI endpoint is configured for carrier {0}")]
    NoEndpoint(String),
    #[error(transparent)]
    Store(#[from] StoreError),
    /// Recorded; calling again sends the same bytes.
    #[error("verdict change {notice} was not delivered: {reason}")]
    Delivery { notice: i64, reason: String },
}

/// How long one delivery may take.
const DELIVERY_TIMEOUT: Duration = Duration::from_secs(10);

/// Sends unsolicited CUSRES (BGM 132) when a person's review changes a verdict
/// already given, each change once. Cheap to clone.
#[derive(Debug, Clone)]
pub struct Notifier {
    store: Store,
    endpoints: Arc<Endpoints>,
    /// One change at a time, so two calls for the same change send it once.
    sending: Arc<tokio::sync::Mutex<()>>,
}

impl Notifier {
    pub fn new(store: Store, endpoints: Endpoints) -> Notifier {
        Notifier {
            store,
            endpoints: Arc::new(endpoints),
            sending: Arc::default(),
        }
    }

    /// Tells the carrier the passenger's verdict is now `code` with `text`. A
    /// change equal to the last one delivered for the passenger is not sent
    /// again; one whose delivery failed is sent again with the same bytes.
    pub async fn send_verdict_change(
        &self,
        passenger: &PassengerContext,
        code: BoardingCode,
        text: &str,
    ) -> Result<Sent, NotifyError> {
        let endpoint = self
            .endpoints
            .get(&passenger.carrier)
            .ok_or_else(|| NotifyError::NoEndpoint(passenger.carrier.clone()))?;
        let _one_at_a_time = self.sending.lock().await;
        let last = self
            .store
            .last_iapi_notice(&passenger.carrier, &passenger.passenger)
            .await?;
        let notice = match last {
            Some(last) if last.code == code.code() && last.text.as_deref() == Some(text) => {
                if last.delivered_at.is_some() {
                    return Ok(Sent::AlreadySent(last.id));
                }
                last
            }
            _ => self.record(passenger, code, text).await?,
        };
        let delivered = deliver(endpoint, &notice.bytes).await;
        let outcome = match &delivered {
            Ok(()) => Ok(OffsetDateTime::now_utc()),
            Err(reason) => Err(reason.as_str()),
        };
        self.store.record_iapi_attempt(notice.id, outcome).await?;
        match delivered {
            Ok(()) => Ok(Sent::Delivered(notice.id)),
            Err(reason) => Err(NotifyError::Delivery {
                notice: notice.id,
                reason,
            }),
        }
    }

    async fn record(
        &self,
        passenger: &PassengerContext,
        code: BoardingCode,
        text: &str,
    ) -> Result<IapiNotice, StoreError> {
        let now = OffsetDateTime::now_utc();
        let verdict = PassengerVerdict {
            passenger_ref: passenger.passenger_ref.clone(),
            booking_ref: passenger.booking_ref.clone(),
            references: Vec::new(),
            code,
            text: Some(text.to_owned()),
        };
        let new = NewIapiNotice {
            carrier: &passenger.carrier,
            passenger: &passenger.passenger,
            code: code.code(),
            text: Some(text),
            created_at: now,
        };
        let request = &passenger.request;
        self.store
            .add_iapi_notice(&new, |id| {
                // The notice id is the control reference, so a repeat is
                // recognisable as one.
                let outgoing = Outgoing::new(
                    &format!("N{id}"),
                    "1",
                    LocalDateTime::new(now.date(), Some(now.time())),
                );
                cusres(
                    request,
                    std::slice::from_ref(&verdict),
                    CusresKind::Unsolicited,
                    &outgoing,
                )
            })
            .await
    }
}

async fn deliver(endpoint: &Endpoint, bytes: &[u8]) -> Result<(), String> {
    let sent = match endpoint {
        Endpoint::Http(url) => tokio::time::timeout(DELIVERY_TIMEOUT, post_http(url, bytes)).await,
        Endpoint::Amqp { url, queue } => {
            tokio::time::timeout(DELIVERY_TIMEOUT, publish_amqp(url, queue, bytes)).await
        }
    };
    sent.unwrap_or_else(|_| Err(format!("no answer within {} s", DELIVERY_TIMEOUT.as_secs())))
}

/// One HTTP/1.1 POST over a fresh connection.
async fn post_http(url: &str, bytes: &[u8]) -> Result<(), String> {
    use http_body_util::Full;
    use hyper_util::rt::TokioIo;

    let uri: hyper::Uri = url.parse().map_err(|e| format!("{url}: {e}"))?;
    let host = uri
        .host()
        .ok_or_else(|| format!("{url}: no host"))?
        .trim_start_matches('[')
        .trim_end_matches(']')
        .to_owned();
    let port = uri.port_u16().unwrap_or(80);
    let authority = uri
        .authority()
        .map(|a| a.as_str().to_owned())
        .unwrap_or_else(|| host.clone());
    let path = uri
        .path_and_query()
        .map(|p| p.as_str().to_owned())
        .unwrap_or_else(|| "/".to_owned());
    let stream = tokio::net::TcpStream::connect((host.as_str(), port))
        .await
        .map_err(|e| format!("{url}: {e}"))?;
    let (mut sender, connection) = hyper::client::conn::http1::handshake(TokioIo::new(stream))
        .await
        .map_err(|e| format!("{url}: {e}"))?;
    let connection = tokio::spawn(connection);
    let request = hyper::Request::post(path)
        .header(header::HOST, authority)
        .header(header::CONTENT_TYPE, EDIFACT)
        .body(Full::new(Bytes::copy_from_slice(bytes)))
        .map_err(|e| format!("{url}: {e}"))?;
    let response = sender.send_request(request).await;
    connection.abort();
    let response = response.map_err(|e| format!("{url}: {e}"))?;
    match response.status() {
        status if status.is_success() => Ok(()),
        status => Err(format!("{url} answered {status}")),
    }
}

/// Publishes to a queue with a publisher confirmation, on a connection of its
/// own: verdict changes are rare.
async fn publish_amqp(url: &str, queue: &str, bytes: &[u8]) -> Result<(), String> {
    use lapin::options::{BasicPublishOptions, ConfirmSelectOptions};
    use lapin::{BasicProperties, Confirmation, Connection, ConnectionProperties};

    let fail = |e: lapin::Error| format!("AMQP queue {queue}: {e}");
    let connection = Connection::connect(
        url,
        ConnectionProperties::default().with_connection_name("piu-iapi".into()),
    )
    .await
    .map_err(fail)?;
    let channel = connection.create_channel().await.map_err(fail)?;
    channel
        .confirm_select(ConfirmSelectOptions::default())
        .await
        .map_err(fail)?;
    let confirmation = channel
        .basic_publish(
            "".into(),
            queue.into(),
            BasicPublishOptions {
                mandatory: true,
                ..BasicPublishOptions::default()
            },
            bytes,
            BasicProperties::default()
                .with_content_type(EDIFACT.into())
                .with_app_id("piu".into())
                .with_delivery_mode(2),
        )
        .await
        .map_err(fail)?
        .await
        .map_err(fail)?;
    let _ = connection.close(200, "sent".into()).await;
    match confirmation {
        Confirmation::Ack(None) => Ok(()),
        Confirmation::Ack(Some(_)) => Err(format!("AMQP queue {queue} does not exist")),
        other => Err(format!("AMQP queue {queue}: not confirmed ({other:?})")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn automated_hits_never_say_no_board() {
        let policy = Policy {
            contact: Some("+994 12 000 00 00".into()),
            ..Policy::default()
        };
        assert_eq!(policy.verdict(&[], &[]).0, BoardingCode::Board);
        for severity in [
            Severity::Low,
            Severity::Medium,
            Severity::High,
            Severity::Critical,
        ] {
            assert_eq!(policy.verdict(&[], &[severity]).0, BoardingCode::Advisory);
        }
        let (_, hold) = policy.verdict(&[], &[Severity::Low, Severity::Critical]);
        assert!(hold.starts_with(TEXT_HOLD) && hold.contains("+994"));
        assert_eq!(policy.verdict(&[], &[Severity::Medium]).1, TEXT_ADVISORY);
        let (code, text) = policy.verdict(&["BIRTH DATE"], &[Severity::Critical]);
        assert_eq!(code, BoardingCode::InsufficientData);
        assert!(text.contains("BIRTH DATE"));
    }

    #[test]
    fn endpoints_from_file_and_flags() {
        let mut endpoints = Endpoints::parse_json(
            r#"{"J2": "http://127.0.0.1:9/cusres", "KL": "amqp://h/%2f#kl.iapi"}"#,
        )
        .expect("endpoints");
        assert_eq!(
            endpoints.get("KL"),
            Some(&Endpoint::Amqp {
                url: "amqp://h/%2f".into(),
                queue: "kl.iapi".into()
            })
        );
        endpoints
            .add_assignment("J2=http://example.invalid/x")
            .expect("flag");
        assert_eq!(
            endpoints.get("J2"),
            Some(&Endpoint::Http("http://example.invalid/x".into()))
        );
        assert!(endpoints.add_assignment("=http://x").is_err());
        assert!(endpoints.add_assignment("J2=ftp://x").is_err());
        assert!(endpoints.add_assignment("J2=amqp://h/%2f").is_err());
        assert!(Endpoints::parse_json("[1]").is_err());
    }
}
