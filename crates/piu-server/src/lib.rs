//! The workspace server of OpenPIU: the HTTP API under `/api/v1` with its
//! OpenAPI 3.1 document, signing in and out, and the console (server-rendered
//! HTML) for the people of a Passenger Information Unit — analysts,
//! supervisors, liaison officers, the data protection officer, auditors and
//! administrators.
//!
//! Every route is a row of [`ROUTES`]: its method, path, surface (API or
//! console) and guard (public, signed in, or an [`piu_access::Action`]). The
//! router is built from that table only, and the guard runs in front of the
//! handler: it finds the session, checks the CSRF token of state-changing
//! requests, and asks `piu_access::decide` with the session's purpose.
//! Refusals are answered as RFC 9457 problems (or HTML pages on the console)
//! and appended to the audit chain; every sign-in attempt and every reading
//! of personal data is appended too.
//!
//! What this crate must never do:
//! - serve a route that is not in the table, or let a handler run before its
//!   guard;
//! - show personal data without a consultation event in the audit chain
//!   naming the user, their role, agency and purpose, and the objects;
//! - show PNR data under any purpose but terrorism and serious crime, or any
//!   data under a purpose the user did not state for the session;
//! - keep or log a password or a token (only their hashes reach the store),
//!   or put personal data into an audit event or an error;
//! - answer input it cannot read with a 500 (a bad query, path or body is a
//!   400 problem) or panic on it;
//! - decide access itself: decisions are `piu_access::decide`'s.
//!
//! Mount it with [`router`]: `piu_server::router(AppState::new(store,
//! Settings::default()))` is an `axum::Router` ready to serve.

mod access;
mod api;
mod audit;
mod auditlog;
mod charts;
mod console;
mod criteria;
mod data;
mod extract;
mod feed;
mod gate;
mod headers;
mod lists;
mod openapi;
mod paging;
mod people;
mod problem;
mod review;
mod routes;
mod session;
mod state;

pub use criteria::{FileCriteria, sets_in_force};
pub use lists::ListInfo;
pub use openapi::{ApiDoc, json as openapi_json};
pub use paging::{DEFAULT_LIMIT, MAX_LIMIT};
pub use problem::{PROBLEM_JSON, Problem};
pub use routes::{Endpoint, Guard, Method, ROUTES, Route, Surface};
pub use session::{CSRF_COOKIE, CSRF_FIELD, CSRF_HEADER, SESSION_COOKIE};
pub use state::{AppState, Settings};

/// The workspace server's router: every route of [`ROUTES`] behind its guard,
/// with `state` (the store and the settings).
pub fn router(state: AppState) -> axum::Router {
    routes::build(state)
}
