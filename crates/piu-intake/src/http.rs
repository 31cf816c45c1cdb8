//! The carrier API over HTTP.
//!
//! - `POST /api/v1/messages`: an EDIFACT or XML message as the body, with
//!   `Authorization: Bearer <token>`. Answered `202 Accepted` with
//!   `{"id", "sha256", "duplicate"}` only after the journal write has committed.
//! - `GET /api/v1/messages/{id}`: where that message stands (received, processed,
//!   quarantined with its error), for the carrier that sent it.
//! - `GET /health`: the process answers.
//!
//! Errors are JSON too: `{"error": "…"}`; 401 for a missing or unknown token
//! (nothing is journaled), 413 for a body over the store's size limit, 400 for an
//! empty body, 503 when the journal cannot be written (the carrier sends again).

use std::sync::Arc;

use axum::body::Bytes;
use axum::extract::rejection::{BytesRejection, PathRejection};
use axum::extract::{DefaultBodyLimit, Path, Request, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Extension, Json, Router};
use piu_store::{Channel, MessageId, Reception, Store, StoreError};
use serde::Serialize;
use serde_json::json;
use time::OffsetDateTime;

use crate::Worker;
use crate::commit::{CommitError, Committer};
use crate::tokens::Tokens;

/// What the handlers share.
struct Api {
    store: Store,
    committer: Committer,
    worker: Worker,
}

/// The carrier a valid token speaks for, put on the request by [`authenticate`].
#[derive(Debug, Clone)]
pub(crate) struct Carrier(pub(crate) String);

/// The routes, ready to serve. `committer` journals the messages (in groups);
/// `worker` is woken after each commit.
pub fn router(store: Store, tokens: Tokens, committer: Committer, worker: Worker) -> Router {
    let limit = store.max_message_bytes();
    let api = Arc::new(Api {
        store,
        committer,
        worker,
    });
    let carrier_routes = Router::new()
        .route(
            "/api/v1/messages",
            post(receive).layer(DefaultBodyLimit::max(limit)),
        )
        .route("/api/v1/messages/{id}", get(message_status))
        .route("/api/v1/messages/{id}/ack", get(message_acknowledgement))
        // A route layer: the token is checked before the body is read.
        .route_layer(middleware::from_fn_with_state(
            Arc::new(tokens),
            authenticate,
        ));
    Router::new()
        .route("/health", get(health))
        .merge(carrier_routes)
        .with_state(api)
}

async fn health() -> Json<serde_json::Value> {
    Json(json!({ "status": "ok" }))
}

pub(crate) fn error(status: StatusCode, text: impl Into<String>) -> Response {
    (status, Json(json!({ "error": text.into() }))).into_response()
}

/// Puts the [`Carrier`] of a valid token on the request; answers 401 before
/// the body is read otherwise. Every carrier route is behind it.
pub(crate) async fn authenticate(
    State(tokens): State<Arc<Tokens>>,
    mut request: Request,
    next: Next,
) -> Response {
    let carrier = bearer_token(request.headers())
        .and_then(|token| tokens.authenticate(token))
        .map(|entry| Carrier(entry.carrier.clone()));
    match carrier {
        Some(carrier) => {
            request.extensions_mut().insert(carrier);
            next.run(request).await
        }
        None => {
            let mut response = error(
                StatusCode::UNAUTHORIZED,
                "a valid API token is required: Authorization: Bearer <token>",
            );
            response
                .headers_mut()
                .insert(header::WWW_AUTHENTICATE, HeaderValue::from_static("Bearer"));
            response
        }
    }
}

fn bearer_token(headers: &HeaderMap) -> Option<&str> {
    let value = headers.get(header::AUTHORIZATION)?.to_str().ok()?;
    let (scheme, token) = value.trim().split_once(' ')?;
    let token = token.trim();
    (scheme.eq_ignore_ascii_case("bearer") && !token.is_empty()).then_some(token)
}

#[derive(Serialize)]
struct Accepted {
    id: i64,
    sha256: String,
    duplicate: bool,
}

/// The longest carrier reference (`X-Request-Id`) kept with a reception.
const MAX_REFERENCE: usize = 200;

async fn receive(
    State(api): State<Arc<Api>>,
    Extension(Carrier(carrier)): Extension<Carrier>,
    headers: HeaderMap,
    body: Result<Bytes, BytesRejection>,
) -> Response {
    let body = match body {
        Ok(body) => body,
        Err(rejection) => {
            let status = rejection.status();
            let text = if status == StatusCode::PAYLOAD_TOO_LARGE {
                format!(
                    "the message is larger than the limit of {} bytes",
                    api.store.max_message_bytes()
                )
            } else {
                rejection.body_text()
            };
            return error(status, text);
        }
    };
    if let Err(refusal) = api.store.check_size(&body) {
        let status = match refusal {
            piu_store::Refusal::Empty => StatusCode::BAD_REQUEST,
            piu_store::Refusal::TooLarge { .. } => StatusCode::PAYLOAD_TOO_LARGE,
        };
        return error(status, refusal.to_string());
    }
    let mut reception = Reception::new(Channel::Http, carrier, OffsetDateTime::now_utc());
    if let Some(reference) = headers
        .get("x-request-id")
        .and_then(|value| value.to_str().ok())
        .filter(|value| !value.is_empty() && value.len() <= MAX_REFERENCE)
    {
        reception = reception.with_external_ref(reference);
    }
    match api.committer.append(body, reception).await {
        Ok(appended) => {
            api.worker.wake();
            (
                StatusCode::ACCEPTED,
                Json(Accepted {
                    id: appended.id.0,
                    sha256: appended.sha256.to_hex(),
                    duplicate: !appended.new_bytes,
                }),
            )
                .into_response()
        }
        Err(CommitError::Store(StoreError::Refused(refusal))) => {
            error(StatusCode::BAD_REQUEST, refusal.to_string())
        }
        Err(failure) => {
            crate::report!("a message could not be journaled: {failure}");
            error(
                StatusCode::SERVICE_UNAVAILABLE,
                "the message could not be stored; nothing was accepted, send it again",
            )
        }
    }
}

#[derive(Serialize)]
struct StatusBody {
    id: i64,
    sha256: String,
    size: u64,
    state: &'static str,
    attempts: u64,
    #[serde(skip_serializing_if = "Option::is_none")]
    error: Option<ErrorBody>,
}

#[derive(Serialize)]
struct ErrorBody {
    text: String,
    byte_offset: Option<u64>,
    segment: Option<String>,
}

/// The message id, if the carrier is recorded as one of its senders; any other
/// id is "not found", so ids reveal nothing about other carriers' traffic.
async fn sent_by(
    api: &Api,
    carrier: &str,
    id: Result<Path<i64>, PathRejection>,
) -> Result<MessageId, Response> {
    let not_found = || error(StatusCode::NOT_FOUND, "no message with this id from you");
    let Ok(Path(id)) = id else {
        return Err(not_found());
    };
    let id = MessageId(id);
    let receptions = api
        .store
        .receptions(id)
        .await
        .map_err(|failure| unavailable(&failure))?;
    if receptions
        .iter()
        .any(|reception| reception.sender == carrier)
    {
        Ok(id)
    } else {
        Err(not_found())
    }
}

/// A message's state, only for a carrier recorded as one of its senders; any
/// other id is "not found", so ids reveal nothing about other carriers' traffic.
async fn message_status(
    State(api): State<Arc<Api>>,
    Extension(Carrier(carrier)): Extension<Carrier>,
    id: Result<Path<i64>, PathRejection>,
) -> Response {
    let id = match sent_by(&api, &carrier, id).await {
        Ok(id) => id,
        Err(refusal) => return refusal,
    };
    let not_found = || error(StatusCode::NOT_FOUND, "no message with this id from you");
    match api.store.status(id).await {
        Ok(status) => Json(StatusBody {
            id: status.id.0,
            sha256: status.sha256.to_hex(),
            size: status.size,
            state: status.state.as_str(),
            attempts: status.attempts,
            error: status.error.map(|located| ErrorBody {
                text: located.text,
                byte_offset: located.byte_offset,
                segment: located.segment,
            }),
        })
        .into_response(),
        Err(StoreError::UnknownMessage(_)) => not_found(),
        Err(failure) => unavailable(&failure),
    }
}

/// The ACKRES or CONTRL for a processed or quarantined message, for the carrier
/// that sent it: 404 as for the status, 409 while it awaits processing, 204 when
/// its protocol has no acknowledgement (XML, or no envelope to answer).
async fn message_acknowledgement(
    State(api): State<Arc<Api>>,
    Extension(Carrier(carrier)): Extension<Carrier>,
    id: Result<Path<i64>, PathRejection>,
) -> Response {
    let id = match sent_by(&api, &carrier, id).await {
        Ok(id) => id,
        Err(refusal) => return refusal,
    };
    let not_found = || error(StatusCode::NOT_FOUND, "no message with this id from you");
    let (status, bytes) = match (api.store.status(id).await, api.store.bytes(id).await) {
        (Ok(status), Ok(bytes)) => (status, bytes),
        (Err(StoreError::UnknownMessage(_)), _) | (_, Err(StoreError::UnknownMessage(_))) => {
            return not_found();
        }
        (Err(failure), _) | (_, Err(failure)) => return unavailable(&failure),
    };
    if status.state == piu_store::ProcessingState::Received {
        return error(
            StatusCode::CONFLICT,
            "the message awaits processing; ask again shortly",
        );
    }
    let now = time::OffsetDateTime::now_utc();
    let made = tokio::task::spawn_blocking(move || {
        crate::reply::acknowledgement(id, &bytes, &status, now)
    })
    .await;
    match made {
        Ok(Some(ack)) => {
            ([(header::CONTENT_TYPE, "application/edifact")], ack.bytes).into_response()
        }
        Ok(None) => StatusCode::NO_CONTENT.into_response(),
        Err(_) => error(
            StatusCode::INTERNAL_SERVER_ERROR,
            "the acknowledgement could not be made",
        ),
    }
}

fn unavailable(failure: &StoreError) -> Response {
    crate::report!("the journal could not be read: {failure}");
    error(
        StatusCode::SERVICE_UNAVAILABLE,
        "the journal cannot be read just now",
    )
}
