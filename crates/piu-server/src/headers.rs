//! Headers on every response: pages hold personal data, so nothing is
//! cached, framed, sniffed or sent on as a referrer, and the console runs no
//! script and loads nothing from elsewhere.

use axum::http::{HeaderName, HeaderValue, header};
use axum::response::Response;

const POLICY: [(HeaderName, &str); 5] = [
    (
        header::CONTENT_SECURITY_POLICY,
        "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; \
         frame-ancestors 'none'; base-uri 'none'",
    ),
    (header::X_FRAME_OPTIONS, "DENY"),
    (header::X_CONTENT_TYPE_OPTIONS, "nosniff"),
    (header::REFERRER_POLICY, "no-referrer"),
    (header::CACHE_CONTROL, "no-store"),
];

/// Adds the headers to a response (a `map_response` layer over the router).
pub async fn protect(mut response: Response) -> Response {
    let headers = response.headers_mut();
    for (name, value) in POLICY {
        headers.insert(name, HeaderValue::from_static(value));
    }
    response
}
