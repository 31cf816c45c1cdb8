//! The OpenAPI 3.1 document of the server, generated from the annotations on
//! the handlers, served at `/api/openapi.json`. Console pages are described
//! too (as HTML), so the document lists every route the router has.

use std::sync::OnceLock;

use axum::http::{HeaderValue, header};
use axum::response::{IntoResponse, Response};
use utoipa::openapi::security::{
    ApiKey, ApiKeyValue, HttpAuthScheme, HttpBuilder, SecurityRequirement, SecurityScheme,
};
use utoipa::{Modify, OpenApi};

use crate::problem::Problem;
use crate::{api, auditlog, charts, console, criteria, data, feed, lists, paging, people, review};

#[derive(OpenApi)]
#[openapi(
    info(
        title = "OpenPIU workspace",
        description = "The workspace of a Passenger Information Unit: flights, travellers and \
                       the hit review queue, for signed-in PIU staff. Every refusal is an \
                       RFC 9457 problem (application/problem+json). Sign in with POST \
                       /api/v1/session; the session travels in the piu_session cookie and \
                       every state-changing request carries the session's CSRF token in the \
                       X-CSRF-Token header."
    ),
    paths(
        document,
        api::sign_in,
        api::sign_out,
        api::me,
        api::flights,
        api::flight,
        api::hits,
        console::sign_in_page,
        console::sign_in_form,
        console::sign_out_form,
        console::dashboard,
        console::flights,
        console::flight,
        console::hits,
        // -- review, cases and referrals --
        review::api::hit,
        review::api::assign,
        review::api::note,
        review::api::dispose,
        review::api::cases,
        review::api::create_case,
        review::api::case,
        review::api::add_case_member,
        review::api::referrals,
        review::api::request_referral,
        review::api::referral,
        review::api::decide,
        review::console::hit,
        review::console::assign,
        review::console::note,
        review::console::dispose,
        review::console::cases,
        review::console::create_case,
        review::console::case,
        review::console::add_case_member,
        review::console::referrals,
        review::console::request_referral,
        review::console::referral,
        review::console::decide,
        auditlog::records,
        auditlog::verify,
        auditlog::log_page,
        auditlog::verification_page,
        // -- travellers, bookings, search and the hit feed --
        people::api::traveller,
        people::api::booking,
        people::api::search,
        feed::feed,
        people::console::traveller,
        people::console::booking,
        people::console::search_form,
        people::console::search_results,
        feed::live,
        // -- watchlists, criteria and charts --
        lists::api_watchlists,
        lists::watchlists_page,
        criteria::api_criteria,
        criteria::api_create,
        criteria::api_backtest,
        criteria::api_activate,
        criteria::criteria_page,
        criteria::create_form,
        criteria::criterion_page,
        criteria::backtest_form,
        criteria::activation_form,
        charts::api_charts,
        charts::charts_page,
    ),
    components(schemas(
        Problem,
        api::SignInRequest,
        api::SessionBody,
        api::MeBody,
        data::FlightItem,
        data::FlightDetail,
        data::TravellerItem,
        data::Withheld,
        data::HitItem,
        paging::Page<data::FlightItem>,
        paging::Page<data::HitItem>,
        // -- review, cases and referrals --
        review::HitDetail,
        review::TravellerSummary,
        review::FlightSummaryItem,
        review::NoteItem,
        review::AssignRequest,
        review::NoteRequest,
        review::DispositionRequest,
        review::CaseItem,
        review::CaseMember,
        review::CaseDetail,
        review::CaseRequest,
        review::CaseMemberRequest,
        review::ReferralRequestBody,
        review::DecisionRequest,
        review::ReferredHit,
        review::ReferralItem,
        paging::Page<review::CaseItem>,
        paging::Page<review::ReferralItem>,
        auditlog::AuditPage,
        auditlog::Verification,
        // -- travellers, bookings, search and the hit feed --
        people::TravellerDetail,
        people::BookingRef,
        people::LinkedTraveller,
        people::HistoryItem,
        people::BookingDetail,
        people::BookingVersionItem,
        people::BookedFlightItem,
        people::search::SearchItem,
        paging::Page<people::search::SearchItem>,
        // -- watchlists, criteria and charts --
        lists::ListInfo,
        lists::Watchlists,
        criteria::CriterionItem,
        criteria::BacktestItem,
        criteria::CriteriaList,
        criteria::GroupsBody,
        criteria::CriterionDefinition,
        criteria::BacktestRequest,
        criteria::BacktestResult,
        charts::DayHits,
        charts::RouteItem,
        charts::BacklogRow,
        charts::Charts,
    )),
    modifiers(&SecuritySchemes),
    tags(
        (name = "session", description = "Signing in and out"),
        (name = "flights", description = "Flights and their travellers"),
        (name = "hits", description = "The review queue"),
        (name = "audit", description = "The audit log, for the data protection officer and auditors"),
        (name = "review", description = "Reviewing hits, cases, and referrals with four-eyes approval"),
        (name = "people", description = "Travellers, bookings and search"),
        (name = "watchlists", description = "The watchlists screening uses"),
        (name = "criteria", description = "Pre-determined criteria, back-tests and activation"),
        (name = "charts", description = "Aggregate figures and charts"),
        (name = "console", description = "HTML pages for people"),
        (name = "meta", description = "This description"),
    )
)]
pub struct ApiDoc;

/// The session cookie, and the CSRF header that state-changing requests add.
struct SecuritySchemes;

impl Modify for SecuritySchemes {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        // Whatever a session may call, an API token may call instead.
        for item in openapi.paths.paths.values_mut() {
            let operations = [
                &mut item.get,
                &mut item.post,
                &mut item.put,
                &mut item.patch,
                &mut item.delete,
            ];
            for operation in operations.into_iter().flatten() {
                if let Some(security) = operation.security.as_mut()
                    && !security.is_empty()
                {
                    security.push(SecurityRequirement::new("bearer", Vec::<String>::new()));
                }
            }
        }
        let components = openapi.components.get_or_insert_with(Default::default);
        components.add_security_scheme(
            "session",
            SecurityScheme::ApiKey(ApiKey::Cookie(ApiKeyValue::with_description(
                crate::session::SESSION_COOKIE,
                "The session, set by signing in (HttpOnly, SameSite=Strict)",
            ))),
        );
        components.add_security_scheme(
            "bearer",
            SecurityScheme::Http(
                HttpBuilder::new()
                    .scheme(HttpAuthScheme::Bearer)
                    .description(Some(
                        "An API token for a system (`piu users token`); acts as its \
                         account under the token's purpose, without a CSRF token",
                    ))
                    .build(),
            ),
        );
        components.add_security_scheme(
            "csrf",
            SecurityScheme::ApiKey(ApiKey::Header(ApiKeyValue::with_description(
                "X-CSRF-Token",
                "The session's CSRF token, returned by signing in; required on \
                 POST, PUT, PATCH and DELETE",
            ))),
        );
    }
}

/// The document as JSON text, made once.
pub fn json() -> &'static str {
    static TEXT: OnceLock<String> = OnceLock::new();
    TEXT.get_or_init(|| ApiDoc::openapi().to_json().unwrap_or_default())
}

/// This document.
#[utoipa::path(
    get, path = "/api/openapi.json", tag = "meta",
    responses((status = 200, description = "The OpenAPI 3.1 document", content_type = "application/json"))
)]
pub async fn document() -> Response {
    let mut response = json().to_owned().into_response();
    response.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/json"),
    );
    response
}
