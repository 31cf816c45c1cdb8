//! Searching stored travellers by document number or by name, for a stated
//! reason. Names are compared as screening reads them (`piu_names::parse`:
//! case, diacritics and scripts folded to Latin keys). The search reads the
//! stored records newest first, a bounded number per request, and pages by
//! the last record read; PNR records are read only where the purpose allows
//! PNR data. Every search, also one that finds nothing, is one consultation
//! in the audit chain with the stated reason, the kind of query and the ids
//! found — never the query text.

use piu_access::{Action, Context, DataKind, decide};
use piu_model::Traveller;
use piu_store::{
    AuditEvent, AuditKind, AuditObject, AuditOutcome, NewAuditEvent, RecordSource,
    ScannedTraveller, TravellerId,
};
use serde::{Deserialize, Serialize};
use time::OffsetDateTime;
use utoipa::{IntoParams, ToSchema};

use crate::audit::{actor, append, audit_purpose};
use crate::data::{TravellerItem, traveller_item};
use crate::paging::{Page, Paging};
use crate::problem::Problem;
use crate::session::Current;
use crate::state::AppState;

/// Records read per query to the store.
const BATCH: u32 = 500;
/// Records read per request at most: a page may end early, with `next`, when
/// this many were read without filling it.
pub const MAX_SCANNED: u32 = 5_000;
/// Longest query and reason accepted.
const MAX_QUERY_CHARS: usize = 100;
const MAX_REASON_CHARS: usize = 500;
/// Fewest letters or digits a document number query has.
const MIN_DOCUMENT_CHARS: usize = 4;

/// A search: the query, the reason for it, and paging.
#[derive(Debug, Clone, Default, Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct SearchQuery {
    /// A travel document number (it has a digit), or a name: `SURNAME`,
    /// `SURNAME, GIVEN NAMES` or `SURNAME/GIVEN NAMES`, in any case and
    /// script.
    pub q: Option<String>,
    /// Why the search is made (required; recorded in the audit log).
    pub reason: Option<String>,
    /// Items per page, 1 to 200 (default 50).
    pub limit: Option<u32>,
    /// The `next` of the previous page.
    pub after: Option<String>,
}

/// A traveller found, with the flight they are on. Hits are not counted
/// here (`traveller.hits` is 0): the traveller's page lists them.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct SearchItem {
    pub traveller: TravellerItem,
    pub flight: i64,
    pub carrier: String,
    pub number: String,
    /// Scheduled local departure date, `YYYY-MM-DD`.
    pub departure_date: String,
    pub origin: String,
    pub destination: Option<String>,
}

/// What a query asks for, folded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Needle {
    /// Letters and digits of a document number, upper case.
    Document(String),
    /// The surname's Latin keys run together, and each given name's key.
    Name { surname: String, given: Vec<String> },
}

impl Needle {
    /// Reads a query; a bad one is a 400 problem.
    pub fn read(query: &str) -> Result<Needle, Problem> {
        let query = query.trim();
        if query.is_empty() {
            return Err(Problem::bad_request("q must name a document or a surname"));
        }
        if query.chars().count() > MAX_QUERY_CHARS {
            return Err(Problem::bad_request(format!(
                "q must be at most {MAX_QUERY_CHARS} characters"
            )));
        }
        if query.chars().any(|c| c.is_ascii_digit()) {
            let number = document_key(query);
            if number.len() < MIN_DOCUMENT_CHARS {
                return Err(Problem::bad_request(format!(
                    "a document number needs at least {MIN_DOCUMENT_CHARS} letters or digits"
                )));
            }
            return Ok(Needle::Document(number));
        }
        let (surname, given) = match query.split_once([',', '/']) {
            Some((surname, given)) => (surname, given),
            None => (query, ""),
        };
        let surname = name_keys(surname).concat();
        if surname.is_empty() {
            return Err(Problem::bad_request("q must name a document or a surname"));
        }
        Ok(Needle::Name {
            surname,
            given: name_keys(given),
        })
    }

    /// What the audit log is told instead of the query.
    pub fn kind(&self) -> &'static str {
        match self {
            Needle::Document(_) => "document number",
            Needle::Name { given, .. } if given.is_empty() => "surname",
            Needle::Name { .. } => "surname and given names",
        }
    }

    /// Whether a stored traveller is one the query asks for.
    pub fn matches(&self, traveller: &Traveller) -> bool {
        match self {
            Needle::Document(number) => traveller.documents.iter().any(|document| {
                document
                    .number
                    .as_deref()
                    .is_some_and(|stored| document_key(stored) == *number)
            }),
            Needle::Name { surname, given } => {
                if name_keys(&traveller.surname).concat() != *surname {
                    return false;
                }
                let stored = name_keys(&traveller.given_names);
                given.iter().all(|name| stored.contains(name))
            }
        }
    }
}

fn document_key(text: &str) -> String {
    text.chars()
        .filter(char::is_ascii_alphanumeric)
        .map(|c| c.to_ascii_uppercase())
        .collect()
}

/// The Latin keys of a name's words, as screening reads them.
fn name_keys(text: &str) -> Vec<String> {
    if text.trim().is_empty() {
        return Vec::new();
    }
    piu_names::parse(text)
        .parts
        .into_iter()
        .map(|part| part.latin)
        .filter(|latin| !latin.is_empty())
        .collect()
}

/// The stated reason, checked: it goes into the audit log as written.
fn checked_reason(reason: Option<&str>) -> Result<&str, Problem> {
    let reason = reason.map(str::trim).unwrap_or_default();
    if reason.is_empty() {
        // The gate refuses a search without a reason first; this is for a
        // caller that reaches here otherwise.
        return Err(Problem::bad_request("reason is required for a search"));
    }
    if reason.chars().count() > MAX_REASON_CHARS || reason.chars().any(char::is_control) {
        return Err(Problem::bad_request(format!(
            "reason must be one line of at most {MAX_REASON_CHARS} characters"
        )));
    }
    Ok(reason)
}

/// Whether the decision allows searching PNR data, with the reason stated.
fn may_search_pnr(current: &Current, reason: &str) -> bool {
    let context = Context {
        data: Some(DataKind::Pnr),
        purpose: current.purpose,
        reason: Some(reason),
        ..Context::default()
    };
    decide(&current.principal, Action::Search, &context).is_allowed()
}

/// Runs a search and records it. The gate has allowed the search with its
/// reason on API data; PNR records are read only if PNR data may be
/// searched too.
pub async fn search(
    state: &AppState,
    current: &Current,
    query: &SearchQuery,
    now: OffsetDateTime,
) -> Result<Page<SearchItem>, Problem> {
    let reason = checked_reason(query.reason.as_deref())?;
    let needle = Needle::read(query.q.as_deref().unwrap_or_default())?;
    let paging = Paging::read(query.limit, query.after.as_deref())?;
    let source = (!may_search_pnr(current, reason)).then_some(RecordSource::Api);
    let limit = paging.limit as usize;

    let mut found: Vec<ScannedTraveller> = Vec::new();
    let mut cursor = paging.after.map(TravellerId);
    let mut scanned = 0u32;
    let mut exhausted = false;
    while found.len() <= limit && scanned < MAX_SCANNED {
        let batch = BATCH.min(MAX_SCANNED - scanned);
        let rows = state.store().traveller_scan(cursor, source, batch).await?;
        exhausted = rows.len() < batch as usize;
        for row in rows {
            scanned += 1;
            cursor = Some(row.record.id);
            let traveller: Option<Traveller> = row
                .record
                .personal
                .as_deref()
                .and_then(|json| serde_json::from_str(json).ok());
            if traveller.is_some_and(|traveller| needle.matches(&traveller)) {
                found.push(row);
                if found.len() > limit {
                    break;
                }
            }
        }
        if exhausted {
            break;
        }
    }
    let next = if found.len() > limit {
        found.truncate(limit);
        found.last().map(|row| row.record.id.0.to_string())
    } else if exhausted {
        None
    } else {
        // The read bound was reached: the next page reads on from here.
        cursor.map(|id| id.0.to_string())
    };
    let items: Vec<SearchItem> = found
        .into_iter()
        .map(|row| SearchItem {
            traveller: traveller_item(&row.record, 0),
            flight: row.flight.id.0,
            carrier: row.flight.key.carrier,
            number: row.flight.key.number,
            departure_date: row.flight.key.departure_date,
            origin: row.flight.key.origin,
            destination: row.flight.destination,
        })
        .collect();
    record(state, current, reason, &needle, &items, now).await?;
    Ok(Page { items, next })
}

/// Appends the search to the audit chain: the reason as stated, the kind of
/// query and the travellers found.
async fn record(
    state: &AppState,
    current: &Current,
    reason: &str,
    needle: &Needle,
    items: &[SearchItem],
    now: OffsetDateTime,
) -> Result<(), Problem> {
    let event = AuditEvent::new(NewAuditEvent {
        kind: AuditKind::Consultation,
        actor: actor(&current.principal),
        purpose: audit_purpose(current.purpose),
        object_type: AuditObject::Search,
        object_ids: items
            .iter()
            .map(|item| item.traveller.id.to_string())
            .collect(),
        reason: Some(format!(
            "{reason} [search by {}: {} found]",
            needle.kind(),
            items.len()
        )),
        outcome: AuditOutcome::Allowed,
        at: now,
    })
    .map_err(|_| Problem::internal())?;
    append(state, &event).await
}

#[cfg(test)]
mod tests {
    use super::*;

    fn traveller(surname: &str, given: &str, document: &str) -> Traveller {
        Traveller {
            surname: surname.to_owned(),
            given_names: given.to_owned(),
            documents: vec![piu_model::TravelDocument {
                number: Some(document.to_owned()),
                ..piu_model::TravelDocument::default()
            }],
            ..Traveller::default()
        }
    }

    #[test]
    fn names_are_folded_for_case_and_diacritics() {
        let stored = traveller("Məmmədova", "Günel Aysel", "C01X00T47");
        for query in [
            "MAMMADOVA",
            "məmmədova",
            "Mammadova, Gunel",
            "MAMMADOVA/AYSEL",
        ] {
            let needle = Needle::read(query).expect("query");
            assert!(needle.matches(&stored), "{query}");
        }
        for query in ["MAMMADOV", "Mammadova, Leyla"] {
            let needle = Needle::read(query).expect("query");
            assert!(!needle.matches(&stored), "{query}");
        }
    }

    #[test]
    fn document_numbers_ignore_case_and_separators() {
        let stored = traveller("X", "Y", "C01X00T47");
        assert!(Needle::read("c01x-00t47").expect("query").matches(&stored));
        assert!(!Needle::read("C01X00T48").expect("query").matches(&stored));
        assert!(Needle::read("12").is_err());
        assert!(Needle::read("  ").is_err());
        assert!(Needle::read(&"A".repeat(101)).is_err());
    }

    #[test]
    fn the_audit_is_told_the_kind_of_query_only() {
        assert_eq!(
            Needle::read("C01X00T47").expect("query").kind(),
            "document number"
        );
        assert_eq!(Needle::read("ALIYEV").expect("query").kind(), "surname");
        assert_eq!(
            Needle::read("ALIYEV, TEST").expect("query").kind(),
            "surname and given names"
        );
    }

    #[test]
    fn reasons_are_one_short_line() {
        assert_eq!(checked_reason(Some(" case 7 ")).ok(), Some("case 7"));
        assert!(checked_reason(Some("a\nb")).is_err());
        assert!(checked_reason(Some("")).is_err());
        assert!(checked_reason(Some(&"r".repeat(501))).is_err());
    }
}
