//! Errors as RFC 9457 problem details (`application/problem+json`), so that
//! every refusal, from a bad query to a denied access, reaches an API client
//! in one shape with a stable `type` it can branch on and a sentence a person
//! can read.

use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde::Serialize;
use utoipa::ToSchema;

/// The media type of a problem document.
pub const PROBLEM_JSON: &str = "application/problem+json";

/// A problem details document (RFC 9457).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ToSchema)]
pub struct Problem {
    /// A URI reference naming the kind of problem, such as
    /// `/problems/access-denied`.
    #[serde(rename = "type")]
    pub kind: &'static str,
    /// A short summary of the kind, the same for every occurrence.
    pub title: &'static str,
    /// The HTTP status code.
    pub status: u16,
    /// What went wrong this time, for a person.
    pub detail: String,
    /// The request path the problem occurred on.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub instance: Option<String>,
    /// For denied access: the rule that denied it (`role_not_permitted`, …).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub code: Option<&'static str>,
}

impl Problem {
    /// `kind` is a relative reference under `/problems/`, resolved against
    /// the server and stable across versions.
    fn new(
        status: StatusCode,
        kind: &'static str,
        title: &'static str,
        detail: impl Into<String>,
    ) -> Problem {
        Problem {
            kind,
            title,
            status: status.as_u16(),
            detail: detail.into(),
            instance: None,
            code: None,
        }
    }

    /// The request is malformed: a bad query, form or body.
    pub fn bad_request(detail: impl Into<String>) -> Problem {
        Problem::new(
            StatusCode::BAD_REQUEST,
            "/problems/bad-request",
            "The request is not valid",
            detail,
        )
    }

    /// No valid session: sign in first.
    pub fn unauthenticated() -> Problem {
        Problem::new(
            StatusCode::UNAUTHORIZED,
            "/problems/unauthenticated",
            "Sign-in required",
            "this request needs a valid session; sign in at /login or POST /api/v1/session",
        )
    }

    /// User name or password wrong (which one is not said).
    pub fn bad_credentials() -> Problem {
        Problem::new(
            StatusCode::UNAUTHORIZED,
            "/problems/bad-credentials",
            "Sign-in failed",
            "the user name or the password is not right",
        )
    }

    /// The account is locked after repeated failures.
    pub fn locked() -> Problem {
        Problem::new(
            StatusCode::FORBIDDEN,
            "/problems/account-locked",
            "Account locked",
            "too many failed sign-ins: the account is locked for a while; try again later",
        )
    }

    /// The access decision denied the action.
    pub fn denied(code: &'static str, detail: impl Into<String>) -> Problem {
        let mut problem = Problem::new(
            StatusCode::FORBIDDEN,
            "/problems/access-denied",
            "Access denied",
            detail,
        );
        problem.code = Some(code);
        problem
    }

    /// A state-changing request without the session's CSRF token.
    pub fn csrf() -> Problem {
        let mut problem = Problem::new(
            StatusCode::FORBIDDEN,
            "/problems/csrf-token",
            "CSRF token missing or wrong",
            "a state-changing request must carry the session's CSRF token \
             (header X-CSRF-Token, or the form field csrf_token)",
        );
        problem.code = Some("csrf");
        problem
    }

    pub fn not_found(detail: impl Into<String>) -> Problem {
        Problem::new(
            StatusCode::NOT_FOUND,
            "/problems/not-found",
            "Not found",
            detail,
        )
    }

    /// The request is valid but the object is not in a state that allows it
    /// (a referral decided already, a hit not reviewed relevant).
    pub fn conflict(detail: impl Into<String>) -> Problem {
        Problem::new(
            StatusCode::CONFLICT,
            "/problems/conflict",
            "Conflict",
            detail,
        )
    }

    /// Something failed on our side; the detail names no internals.
    pub fn internal() -> Problem {
        Problem::new(
            StatusCode::INTERNAL_SERVER_ERROR,
            "/problems/internal",
            "Internal error",
            "the server could not complete the request; it was not carried out",
        )
    }

    pub fn at(mut self, path: &str) -> Problem {
        self.instance = Some(path.to_owned());
        self
    }

    pub fn status_code(&self) -> StatusCode {
        StatusCode::from_u16(self.status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR)
    }
}

impl IntoResponse for Problem {
    fn into_response(self) -> Response {
        let status = self.status_code();
        let body = serde_json::to_vec(&self).unwrap_or_default();
        let mut response = (status, body).into_response();
        response
            .headers_mut()
            .insert(header::CONTENT_TYPE, HeaderValue::from_static(PROBLEM_JSON));
        response
    }
}

/// A store failure becomes a 500 whose detail names no internals; the
/// operator sees the error on standard error (store errors carry no
/// personal data).
impl From<piu_store::StoreError> for Problem {
    fn from(error: piu_store::StoreError) -> Problem {
        eprintln!("piu-server: store error: {error}");
        Problem::internal()
    }
}
