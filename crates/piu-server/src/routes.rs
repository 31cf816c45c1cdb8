//! The route table: every endpoint with its method, path, surface and guard,
//! in one list that both builds the router and drives the tests. A route
//! cannot be mounted without a guard, and the guard runs before its handler
//! (see [`crate::gate`]), so an endpoint that forgets to ask cannot exist.

use axum::Router;
use axum::routing::{MethodFilter, MethodRouter, on};
use piu_access::Action;
use piu_store::AuditObject;

use crate::state::AppState;
use crate::{api, console, gate, headers, openapi};

/// Who may reach an endpoint.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Guard {
    /// Anyone: signing in and the API description.
    Public,
    /// Any signed-in user: their own account and signing out.
    SignedIn,
    /// A signed-in user whom the access decision allows this action.
    Action(Action),
}

/// Which kind of client an endpoint serves; it decides how refusals look.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Surface {
    /// JSON; refusals as `application/problem+json`.
    Api,
    /// HTML for people; refusals as pages, a missing session as a redirect
    /// to the sign-in page.
    Console,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Method {
    Get,
    Post,
    Delete,
}

impl Method {
    pub fn as_str(self) -> &'static str {
        match self {
            Method::Get => "GET",
            Method::Post => "POST",
            Method::Delete => "DELETE",
        }
    }

    fn filter(self) -> MethodFilter {
        match self {
            Method::Get => MethodFilter::GET,
            Method::Post => MethodFilter::POST,
            Method::Delete => MethodFilter::DELETE,
        }
    }

    /// Methods that change state, and so need the CSRF token.
    pub fn changes_state(self) -> bool {
        self != Method::Get
    }
}

/// Every endpoint of the server.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Endpoint {
    OpenApi,
    SignInApi,
    SignOutApi,
    Me,
    Flights,
    Flight,
    Hits,
    SignInPage,
    SignInForm,
    SignOutForm,
    Dashboard,
    FlightsPage,
    FlightPage,
    HitsPage,
    // -- review, cases and referrals --
    // -- travellers, bookings, search and the hit feed --
    // -- watchlists, criteria and charts --
}

/// One row of the route table.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Route {
    pub endpoint: Endpoint,
    pub method: Method,
    /// In axum's syntax: `{id}` for a path parameter, as OpenAPI writes it.
    pub path: &'static str,
    pub surface: Surface,
    pub guard: Guard,
    /// What a refusal on this route is recorded as being about.
    pub object: AuditObject,
}

const fn route(
    endpoint: Endpoint,
    method: Method,
    path: &'static str,
    surface: Surface,
    guard: Guard,
    object: AuditObject,
) -> Route {
    Route {
        endpoint,
        method,
        path,
        surface,
        guard,
        object,
    }
}

use AuditObject as O;
use Endpoint as E;
use Guard as G;
use Method as M;
use Surface as S;

/// The route table.
pub static ROUTES: &[Route] = &[
    route(
        E::OpenApi,
        M::Get,
        "/api/openapi.json",
        S::Api,
        G::Public,
        O::Audit,
    ),
    route(
        E::SignInApi,
        M::Post,
        "/api/v1/session",
        S::Api,
        G::Public,
        O::User,
    ),
    route(
        E::SignOutApi,
        M::Delete,
        "/api/v1/session",
        S::Api,
        G::SignedIn,
        O::User,
    ),
    route(E::Me, M::Get, "/api/v1/me", S::Api, G::SignedIn, O::User),
    route(
        E::Flights,
        M::Get,
        "/api/v1/flights",
        S::Api,
        G::Action(Action::ViewFlight),
        O::Flight,
    ),
    route(
        E::Flight,
        M::Get,
        "/api/v1/flights/{id}",
        S::Api,
        G::Action(Action::ViewFlight),
        O::Flight,
    ),
    route(
        E::Hits,
        M::Get,
        "/api/v1/hits",
        S::Api,
        G::Action(Action::ViewHits),
        O::Hit,
    ),
    route(
        E::SignInPage,
        M::Get,
        "/login",
        S::Console,
        G::Public,
        O::User,
    ),
    route(
        E::SignInForm,
        M::Post,
        "/login",
        S::Console,
        G::Public,
        O::User,
    ),
    route(
        E::SignOutForm,
        M::Post,
        "/logout",
        S::Console,
        G::SignedIn,
        O::User,
    ),
    route(E::Dashboard, M::Get, "/", S::Console, G::SignedIn, O::User),
    route(
        E::FlightsPage,
        M::Get,
        "/flights",
        S::Console,
        G::Action(Action::ViewFlight),
        O::Flight,
    ),
    route(
        E::FlightPage,
        M::Get,
        "/flights/{id}",
        S::Console,
        G::Action(Action::ViewFlight),
        O::Flight,
    ),
    route(
        E::HitsPage,
        M::Get,
        "/hits",
        S::Console,
        G::Action(Action::ViewHits),
        O::Hit,
    ),
    // -- review, cases and referrals --
    // -- travellers, bookings, search and the hit feed --
    // -- watchlists, criteria and charts --
];

/// The handler of an endpoint, on the method its row names.
fn handler(route: &Route) -> MethodRouter<AppState> {
    let method = route.method.filter();
    match route.endpoint {
        E::OpenApi => on(method, openapi::document),
        E::SignInApi => on(method, api::sign_in),
        E::SignOutApi => on(method, api::sign_out),
        E::Me => on(method, api::me),
        E::Flights => on(method, api::flights),
        E::Flight => on(method, api::flight),
        E::Hits => on(method, api::hits),
        E::SignInPage => on(method, console::sign_in_page),
        E::SignInForm => on(method, console::sign_in_form),
        E::SignOutForm => on(method, console::sign_out_form),
        E::Dashboard => on(method, console::dashboard),
        E::FlightsPage => on(method, console::flights),
        E::FlightPage => on(method, console::flight),
        E::HitsPage => on(method, console::hits),
        // -- review, cases and referrals --
        // -- travellers, bookings, search and the hit feed --
        // -- watchlists, criteria and charts --
    }
}

/// Every route of the table, each behind its guard.
pub fn build(state: AppState) -> Router {
    let mut router = Router::new();
    for route in ROUTES {
        let guarded = handler(route).layer(axum::middleware::from_fn_with_state(
            gate::Gate::new(state.clone(), route),
            gate::gate,
        ));
        router = router.route(route.path, guarded);
    }
    router
        .fallback(gate::not_found)
        .layer(axum::middleware::map_response(headers::protect))
        .with_state(state)
}
