//! The route table: every endpoint with its method, path, surface and guard,
//! in one list that both builds the router and drives the tests. A route
//! cannot be mounted without a guard, and the guard runs before its handler
//! (see [`crate::gate`]), so an endpoint that forgets to ask cannot exist.

use axum::Router;
use axum::routing::{MethodFilter, MethodRouter, on};
use piu_access::Action;
use piu_store::AuditObject;

use crate::state::AppState;
use crate::{
    api, auditlog, charts, console, criteria, feed, gate, headers, lists, openapi, people, review,
};

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
    HitApi,
    AssignHitApi,
    NoteHitApi,
    DisposeHitApi,
    CasesApi,
    CreateCaseApi,
    CaseApi,
    AddCaseMemberApi,
    ReferralsApi,
    RequestReferralApi,
    ReferralApi,
    DecideReferralApi,
    HitPage,
    AssignHitForm,
    NoteHitForm,
    DisposeHitForm,
    CasesPage,
    CreateCaseForm,
    CasePage,
    AddCaseMemberForm,
    ReferralsPage,
    RequestReferralForm,
    ReferralPage,
    DecideReferralForm,
    AuditApi,
    VerifyAuditApi,
    AuditPage,
    VerifyAuditPage,
    // -- travellers, bookings, search and the hit feed --
    Traveller,
    Booking,
    Search,
    HitFeed,
    TravellerPage,
    BookingPage,
    SearchForm,
    SearchResults,
    LiveHitsPage,
    // -- watchlists, criteria and charts --
    Watchlists,
    WatchlistsPage,
    Criteria,
    CriterionCreate,
    CriterionBacktest,
    CriterionActivation,
    CriteriaPage,
    CriterionCreateForm,
    CriterionPage,
    CriterionBacktestForm,
    CriterionActivationForm,
    Charts,
    ChartsPage,
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
    route(
        E::HitApi,
        M::Get,
        "/api/v1/hits/{id}",
        S::Api,
        G::Action(Action::ViewHits),
        O::Hit,
    ),
    route(
        E::AssignHitApi,
        M::Post,
        "/api/v1/hits/{id}/assignment",
        S::Api,
        G::Action(Action::ReviewHit),
        O::Hit,
    ),
    route(
        E::NoteHitApi,
        M::Post,
        "/api/v1/hits/{id}/notes",
        S::Api,
        G::Action(Action::ReviewHit),
        O::Hit,
    ),
    route(
        E::DisposeHitApi,
        M::Post,
        "/api/v1/hits/{id}/disposition",
        S::Api,
        G::Action(Action::ReviewHit),
        O::Hit,
    ),
    route(
        E::CasesApi,
        M::Get,
        "/api/v1/cases",
        S::Api,
        G::Action(Action::ManageCase),
        O::Case,
    ),
    route(
        E::CreateCaseApi,
        M::Post,
        "/api/v1/cases",
        S::Api,
        G::Action(Action::ManageCase),
        O::Case,
    ),
    route(
        E::CaseApi,
        M::Get,
        "/api/v1/cases/{id}",
        S::Api,
        G::Action(Action::ManageCase),
        O::Case,
    ),
    route(
        E::AddCaseMemberApi,
        M::Post,
        "/api/v1/cases/{id}/items",
        S::Api,
        G::Action(Action::ManageCase),
        O::Case,
    ),
    route(
        E::ReferralsApi,
        M::Get,
        "/api/v1/referrals",
        S::Api,
        G::Action(Action::ViewReferral),
        O::Referral,
    ),
    route(
        E::RequestReferralApi,
        M::Post,
        "/api/v1/referrals",
        S::Api,
        G::Action(Action::RequestDissemination),
        O::Referral,
    ),
    route(
        E::ReferralApi,
        M::Get,
        "/api/v1/referrals/{id}",
        S::Api,
        G::Action(Action::ViewReferral),
        O::Referral,
    ),
    route(
        E::DecideReferralApi,
        M::Post,
        "/api/v1/referrals/{id}/decision",
        S::Api,
        G::Action(Action::ApproveDissemination),
        O::Referral,
    ),
    route(
        E::HitPage,
        M::Get,
        "/hits/{id}",
        S::Console,
        G::Action(Action::ViewHits),
        O::Hit,
    ),
    route(
        E::AssignHitForm,
        M::Post,
        "/hits/{id}/assignment",
        S::Console,
        G::Action(Action::ReviewHit),
        O::Hit,
    ),
    route(
        E::NoteHitForm,
        M::Post,
        "/hits/{id}/notes",
        S::Console,
        G::Action(Action::ReviewHit),
        O::Hit,
    ),
    route(
        E::DisposeHitForm,
        M::Post,
        "/hits/{id}/disposition",
        S::Console,
        G::Action(Action::ReviewHit),
        O::Hit,
    ),
    route(
        E::CasesPage,
        M::Get,
        "/cases",
        S::Console,
        G::Action(Action::ManageCase),
        O::Case,
    ),
    route(
        E::CreateCaseForm,
        M::Post,
        "/cases",
        S::Console,
        G::Action(Action::ManageCase),
        O::Case,
    ),
    route(
        E::CasePage,
        M::Get,
        "/cases/{id}",
        S::Console,
        G::Action(Action::ManageCase),
        O::Case,
    ),
    route(
        E::AddCaseMemberForm,
        M::Post,
        "/cases/{id}/items",
        S::Console,
        G::Action(Action::ManageCase),
        O::Case,
    ),
    route(
        E::ReferralsPage,
        M::Get,
        "/referrals",
        S::Console,
        G::Action(Action::ViewReferral),
        O::Referral,
    ),
    route(
        E::RequestReferralForm,
        M::Post,
        "/referrals",
        S::Console,
        G::Action(Action::RequestDissemination),
        O::Referral,
    ),
    route(
        E::ReferralPage,
        M::Get,
        "/referrals/{id}",
        S::Console,
        G::Action(Action::ViewReferral),
        O::Referral,
    ),
    route(
        E::DecideReferralForm,
        M::Post,
        "/referrals/{id}/decision",
        S::Console,
        G::Action(Action::ApproveDissemination),
        O::Referral,
    ),
    route(
        E::AuditApi,
        M::Get,
        "/api/v1/audit",
        S::Api,
        G::Action(Action::ViewAudit),
        O::Audit,
    ),
    route(
        E::VerifyAuditApi,
        M::Get,
        "/api/v1/audit/verification",
        S::Api,
        G::Action(Action::VerifyAudit),
        O::Audit,
    ),
    route(
        E::AuditPage,
        M::Get,
        "/audit",
        S::Console,
        G::Action(Action::ViewAudit),
        O::Audit,
    ),
    route(
        E::VerifyAuditPage,
        M::Get,
        "/audit/verification",
        S::Console,
        G::Action(Action::VerifyAudit),
        O::Audit,
    ),
    // -- travellers, bookings, search and the hit feed --
    route(
        E::Traveller,
        M::Get,
        "/api/v1/travellers/{id}",
        S::Api,
        G::Action(Action::ViewTraveller),
        O::Traveller,
    ),
    route(
        E::Booking,
        M::Get,
        "/api/v1/bookings/{id}",
        S::Api,
        G::Action(Action::ViewBooking),
        O::Booking,
    ),
    route(
        E::Search,
        M::Get,
        "/api/v1/search",
        S::Api,
        G::Action(Action::Search),
        O::Search,
    ),
    route(
        E::HitFeed,
        M::Get,
        "/api/v1/hits/feed",
        S::Api,
        G::Action(Action::ViewHits),
        O::Hit,
    ),
    route(
        E::TravellerPage,
        M::Get,
        "/travellers/{id}",
        S::Console,
        G::Action(Action::ViewTraveller),
        O::Traveller,
    ),
    route(
        E::BookingPage,
        M::Get,
        "/bookings/{id}",
        S::Console,
        G::Action(Action::ViewBooking),
        O::Booking,
    ),
    // The form shows no personal data: it is for those who may view
    // travellers; the search itself asks for `search` with its reason.
    route(
        E::SearchForm,
        M::Get,
        "/search",
        S::Console,
        G::Action(Action::ViewTraveller),
        O::Search,
    ),
    route(
        E::SearchResults,
        M::Get,
        "/search/results",
        S::Console,
        G::Action(Action::Search),
        O::Search,
    ),
    route(
        E::LiveHitsPage,
        M::Get,
        "/hits/live",
        S::Console,
        G::Action(Action::ViewHits),
        O::Hit,
    ),
    // -- watchlists, criteria and charts --
    route(
        E::Watchlists,
        M::Get,
        "/api/v1/watchlists",
        S::Api,
        G::Action(Action::ManageWatchlist),
        O::Watchlist,
    ),
    route(
        E::WatchlistsPage,
        M::Get,
        "/watchlists",
        S::Console,
        G::Action(Action::ManageWatchlist),
        O::Watchlist,
    ),
    route(
        E::Criteria,
        M::Get,
        "/api/v1/criteria",
        S::Api,
        G::Action(Action::BacktestCriteria),
        O::Criteria,
    ),
    route(
        E::CriterionCreate,
        M::Post,
        "/api/v1/criteria",
        S::Api,
        G::Action(Action::ManageCriteria),
        O::Criteria,
    ),
    route(
        E::CriterionBacktest,
        M::Post,
        "/api/v1/criteria/{id}/backtest",
        S::Api,
        G::Action(Action::BacktestCriteria),
        O::Criteria,
    ),
    route(
        E::CriterionActivation,
        M::Post,
        "/api/v1/criteria/{id}/activation",
        S::Api,
        G::Action(Action::ManageCriteria),
        O::Criteria,
    ),
    route(
        E::CriteriaPage,
        M::Get,
        "/criteria",
        S::Console,
        G::Action(Action::BacktestCriteria),
        O::Criteria,
    ),
    route(
        E::CriterionCreateForm,
        M::Post,
        "/criteria",
        S::Console,
        G::Action(Action::ManageCriteria),
        O::Criteria,
    ),
    route(
        E::CriterionPage,
        M::Get,
        "/criteria/{id}",
        S::Console,
        G::Action(Action::BacktestCriteria),
        O::Criteria,
    ),
    route(
        E::CriterionBacktestForm,
        M::Post,
        "/criteria/{id}/backtest",
        S::Console,
        G::Action(Action::BacktestCriteria),
        O::Criteria,
    ),
    route(
        E::CriterionActivationForm,
        M::Post,
        "/criteria/{id}/activation",
        S::Console,
        G::Action(Action::ManageCriteria),
        O::Criteria,
    ),
    route(
        E::Charts,
        M::Get,
        "/api/v1/charts",
        S::Api,
        G::Action(Action::ViewCharts),
        O::Hit,
    ),
    route(
        E::ChartsPage,
        M::Get,
        "/charts",
        S::Console,
        G::Action(Action::ViewCharts),
        O::Hit,
    ),
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
        E::HitApi => on(method, review::api::hit),
        E::AssignHitApi => on(method, review::api::assign),
        E::NoteHitApi => on(method, review::api::note),
        E::DisposeHitApi => on(method, review::api::dispose),
        E::CasesApi => on(method, review::api::cases),
        E::CreateCaseApi => on(method, review::api::create_case),
        E::CaseApi => on(method, review::api::case),
        E::AddCaseMemberApi => on(method, review::api::add_case_member),
        E::ReferralsApi => on(method, review::api::referrals),
        E::RequestReferralApi => on(method, review::api::request_referral),
        E::ReferralApi => on(method, review::api::referral),
        E::DecideReferralApi => on(method, review::api::decide),
        E::HitPage => on(method, review::console::hit),
        E::AssignHitForm => on(method, review::console::assign),
        E::NoteHitForm => on(method, review::console::note),
        E::DisposeHitForm => on(method, review::console::dispose),
        E::CasesPage => on(method, review::console::cases),
        E::CreateCaseForm => on(method, review::console::create_case),
        E::CasePage => on(method, review::console::case),
        E::AddCaseMemberForm => on(method, review::console::add_case_member),
        E::ReferralsPage => on(method, review::console::referrals),
        E::RequestReferralForm => on(method, review::console::request_referral),
        E::ReferralPage => on(method, review::console::referral),
        E::DecideReferralForm => on(method, review::console::decide),
        E::AuditApi => on(method, auditlog::records),
        E::VerifyAuditApi => on(method, auditlog::verify),
        E::AuditPage => on(method, auditlog::log_page),
        E::VerifyAuditPage => on(method, auditlog::verification_page),
        // -- travellers, bookings, search and the hit feed --
        E::Traveller => on(method, people::api::traveller),
        E::Booking => on(method, people::api::booking),
        E::Search => on(method, people::api::search),
        E::HitFeed => on(method, feed::feed),
        E::TravellerPage => on(method, people::console::traveller),
        E::BookingPage => on(method, people::console::booking),
        E::SearchForm => on(method, people::console::search_form),
        E::SearchResults => on(method, people::console::search_results),
        E::LiveHitsPage => on(method, feed::live),
        // -- watchlists, criteria and charts --
        E::Watchlists => on(method, lists::api_watchlists),
        E::WatchlistsPage => on(method, lists::watchlists_page),
        E::Criteria => on(method, criteria::api_criteria),
        E::CriterionCreate => on(method, criteria::api_create),
        E::CriterionBacktest => on(method, criteria::api_backtest),
        E::CriterionActivation => on(method, criteria::api_activate),
        E::CriteriaPage => on(method, criteria::criteria_page),
        E::CriterionCreateForm => on(method, criteria::create_form),
        E::CriterionPage => on(method, criteria::criterion_page),
        E::CriterionBacktestForm => on(method, criteria::backtest_form),
        E::CriterionActivationForm => on(method, criteria::activation_form),
        E::Charts => on(method, charts::api_charts),
        E::ChartsPage => on(method, charts::charts_page),
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
