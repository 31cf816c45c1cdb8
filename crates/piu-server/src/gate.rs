//! The guard in front of every route: finds the session, checks the CSRF
//! token of state-changing requests, and asks the access decision for the
//! route's action, before the handler runs. Refusals are audited and
//! answered in the route's surface (problem+json or an HTML page).

use axum::body::{Body, to_bytes};
use axum::extract::{FromRequestParts, Request, State};
use axum::http::request::Parts;
use axum::http::{HeaderMap, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Redirect, Response};
use piu_access::{Action, Context, DataKind, role_permits, token_matches};
use time::OffsetDateTime;

use crate::access::authorize;
use crate::audit::{denial, kind_of};
use crate::console;
use crate::problem::Problem;
use crate::routes::{Guard, Route, Surface};
use crate::session::{self, CSRF_FIELD, CSRF_HEADER, Current};
use crate::state::AppState;

/// Largest form a console sends: a sign-in or a short note.
const FORM_LIMIT: usize = 64 * 1024;

/// The state of one route's guard.
#[derive(Debug, Clone)]
pub struct Gate {
    state: AppState,
    route: &'static Route,
}

impl Gate {
    pub fn new(state: AppState, route: &'static Route) -> Gate {
        Gate { state, route }
    }
}

/// The middleware: lets a request through to the handler with its
/// [`Current`] user, or answers with the refusal.
pub async fn gate(State(gate): State<Gate>, request: Request, next: Next) -> Response {
    let route = gate.route;
    if route.guard == Guard::Public {
        return next.run(request).await;
    }
    let path = request.uri().path().to_owned();
    match admit(&gate.state, route, request).await {
        Ok(request) => next.run(request).await,
        Err(Refusal::Unauthenticated) if route.surface == Surface::Console => {
            Redirect::to("/login").into_response()
        }
        Err(Refusal::Unauthenticated) => refuse(route, Problem::unauthenticated().at(&path)),
        Err(Refusal::Problem(problem)) => refuse(route, problem.at(&path)),
    }
}

enum Refusal {
    Unauthenticated,
    Problem(Problem),
}

impl From<Problem> for Refusal {
    fn from(problem: Problem) -> Refusal {
        Refusal::Problem(problem)
    }
}

async fn admit(
    state: &AppState,
    route: &'static Route,
    request: Request,
) -> Result<Request, Refusal> {
    let now = OffsetDateTime::now_utc();
    let Some(current) = session::current(state, request.headers(), now).await? else {
        return Err(Refusal::Unauthenticated);
    };
    let mut request = request;
    if route.method.changes_state() && !current.bearer {
        let (checked, passed) = csrf_checked(request, &current).await;
        request = checked;
        if !passed {
            let kind = match route.guard {
                Guard::Action(action) => kind_of(action),
                Guard::Public | Guard::SignedIn => piu_store::AuditKind::Login,
            };
            let reason = format!(
                "{} {}: csrf: the CSRF token was missing or wrong",
                route.method.as_str(),
                route.path
            );
            denial(state, &current, kind, route.object, reason, now).await?;
            return Err(Problem::csrf().into());
        }
    }
    if let Guard::Action(action) = route.guard {
        // The gate asks with the least sensitive kind of data; a handler that
        // also shows PNR data asks again for it.
        let data = action.touches_personal_data().then_some(DataKind::Api);
        // A search states its reason in the query string; the decision
        // refuses one without it.
        let reason = if action == Action::Search {
            stated_reason(request.uri())
        } else {
            None
        };
        let context = Context {
            data,
            reason: reason.as_deref(),
            ..Context::default()
        };
        // Rules that need the object (the agency a referral went to, who
        // asked for an approval) are decided by the handler, which has it;
        // here only whether the role includes the action at all.
        let object_rules = matches!(
            action,
            Action::ViewReferral | Action::ApproveDissemination | Action::ApproveUnmask
        );
        if !(object_rules && role_permits(current.principal.role, action)) {
            authorize(state, &current, action, context, route.object, now).await?;
        }
    }
    request.extensions_mut().insert(current);
    Ok(request)
}

/// Whether the request carries the session's CSRF token, in the header or,
/// for a console form, in its `csrf_token` field. The body read for that is
/// put back for the handler.
async fn csrf_checked(request: Request, current: &Current) -> (Request, bool) {
    if let Some(token) = header_text(request.headers(), CSRF_HEADER) {
        let passed = token_matches(token, &current.csrf_hash);
        return (request, passed);
    }
    let is_form = header_text(request.headers(), header::CONTENT_TYPE.as_str())
        .is_some_and(|kind| kind.starts_with("application/x-www-form-urlencoded"));
    if !is_form {
        return (request, false);
    }
    let (parts, body) = request.into_parts();
    let Ok(bytes) = to_bytes(body, FORM_LIMIT).await else {
        return (Request::from_parts(parts, Body::empty()), false);
    };
    let passed = form_field(&bytes, CSRF_FIELD)
        .is_some_and(|token| token_matches(token, &current.csrf_hash));
    (Request::from_parts(parts, Body::from(bytes)), passed)
}

/// The `reason` of a request's query string, if it has one.
fn stated_reason(uri: &axum::http::Uri) -> Option<String> {
    #[derive(serde::Deserialize)]
    struct Stated {
        reason: Option<String>,
    }
    axum::extract::Query::<Stated>::try_from_uri(uri)
        .ok()
        .and_then(|axum::extract::Query(stated)| stated.reason)
}

fn header_text<'h>(headers: &'h HeaderMap, name: &str) -> Option<&'h str> {
    headers.get(name).and_then(|value| value.to_str().ok())
}

/// A field of a URL-encoded form, undecoded: tokens are URL-safe base64 and
/// need no decoding, and anything encoded is no token of ours.
fn form_field<'b>(body: &'b [u8], name: &str) -> Option<&'b str> {
    let text = std::str::from_utf8(body).ok()?;
    text.split('&')
        .filter_map(|pair| pair.split_once('='))
        .find(|(key, _)| *key == name)
        .map(|(_, value)| value)
}

/// A refusal in the route's surface.
pub fn refuse(route: &Route, problem: Problem) -> Response {
    match route.surface {
        Surface::Api => problem.into_response(),
        Surface::Console => console::problem_page(problem),
    }
}

/// Anything outside the route table.
pub async fn not_found(request: Request) -> Response {
    Problem::not_found("no such resource")
        .at(request.uri().path())
        .into_response()
}

/// The signed-in user, as the gate found them. Only routes behind a session
/// guard have one; elsewhere the request is refused as unauthenticated.
impl<S: Send + Sync> FromRequestParts<S> for Current {
    type Rejection = Problem;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Current, Problem> {
        parts
            .extensions
            .get::<Current>()
            .cloned()
            .ok_or_else(Problem::unauthenticated)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn form_fields_are_found_by_exact_name() {
        let body = b"note=a%20b&csrf_token=abc-_9&csrf_token_x=no";
        assert_eq!(form_field(body, "csrf_token"), Some("abc-_9"));
        assert_eq!(form_field(body, "csrf"), None);
        assert_eq!(form_field(b"\xff\xfe", "csrf_token"), None);
    }
}
