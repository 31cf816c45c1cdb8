//! What the workspace shows of people: one traveller (their record, flight,
//! booking, the linked record of the other kind, travel history and hits)
//! and one booking (versions, flights, travellers), built once for the API
//! and the console. Each source of records is shown only where the access
//! decision allows that kind of data under the session's purpose; what is
//! left out is named with the rule, and what is shown is recorded as one
//! consultation.

pub mod api;
pub mod console;
pub mod search;

use piu_access::{Action, Context, DataKind};
use piu_store::{AuditObject, BookingId, PersonId, RecordSource, TravellerId};
use serde::Serialize;
use time::OffsetDateTime;
use time::format_description::well_known::Rfc3339;
use utoipa::ToSchema;

use crate::access::{authorize, permits};
use crate::audit::consultation;
use crate::data::{
    FlightItem, HitItem, TravellerItem, Withheld, model_purpose_name, traveller_item,
    withholding_code,
};
use crate::problem::Problem;
use crate::session::Current;
use crate::state::AppState;

/// The booking a PNR record belongs to.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct BookingRef {
    pub id: i64,
    /// The carrier owning the record locator.
    pub carrier: String,
    pub record_locator: String,
}

/// The record of the other kind (API for PNR, PNR for API) taken to be the
/// same person on the flight.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct LinkedTraveller {
    pub traveller: TravellerItem,
    /// How sure linking was, 0 to 1.
    pub confidence: f64,
    /// What the link rests on (`document`, `name_and_birth`, …).
    pub basis: String,
}

/// Another record of the same person, on this or another flight.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct HistoryItem {
    pub traveller: i64,
    /// `api` or `pnr`.
    pub source: String,
    pub flight: i64,
    pub carrier: String,
    pub number: String,
    /// Scheduled local departure date, `YYYY-MM-DD`.
    pub departure_date: String,
    pub origin: String,
    pub destination: Option<String>,
}

/// One traveller with what is known around them.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct TravellerDetail {
    pub traveller: TravellerItem,
    pub flight: FlightItem,
    /// PNR records only.
    pub booking: Option<BookingRef>,
    pub linked: Vec<LinkedTraveller>,
    /// Linked records of a kind the session may not see.
    pub linked_withheld: Vec<Withheld>,
    /// The person's other records, latest departure first.
    pub history: Vec<HistoryItem>,
    /// Records of the history of a kind the session may not see.
    pub history_withheld: Vec<Withheld>,
    /// Hits on this record raised for the session's purpose, newest first.
    pub hits: Vec<HitItem>,
}

/// One version of a booking as pushed.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct BookingVersionItem {
    pub version: u64,
    /// `full` or `update`, as the push said.
    pub push: String,
    /// When it was applied, RFC 3339.
    pub applied_at: String,
    pub cancelled: bool,
    /// The flight the push was about, if it named one.
    pub flight: Option<i64>,
}

/// A flight a booking holds or held.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct BookedFlightItem {
    pub id: i64,
    pub carrier: String,
    pub number: String,
    pub departure_date: String,
    pub origin: String,
    pub destination: Option<String>,
    /// Whether the latest version still holds it.
    pub active: bool,
}

/// One booking: PNR data throughout.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct BookingDetail {
    pub id: i64,
    pub carrier: String,
    pub record_locator: String,
    /// The latest version.
    pub version: u64,
    pub cancelled: bool,
    pub versions: Vec<BookingVersionItem>,
    pub flights: Vec<BookedFlightItem>,
    pub travellers: Vec<TravellerItem>,
    pub withheld: Vec<Withheld>,
}

pub(crate) fn data_kind(source: RecordSource) -> DataKind {
    match source {
        RecordSource::Api => DataKind::Api,
        RecordSource::Pnr => DataKind::Pnr,
    }
}

/// Counts what was left out, by source, with the rule that left it out.
#[derive(Default)]
struct Withholding(Vec<Withheld>);

impl Withholding {
    fn add(&mut self, current: &Current, source: RecordSource) {
        let name = source.as_str();
        match self.0.iter_mut().find(|withheld| withheld.source == name) {
            Some(withheld) => withheld.count += 1,
            None => self.0.push(Withheld {
                source: name.to_owned(),
                count: 1,
                code: withholding_code(current, data_kind(source)).to_owned(),
            }),
        }
    }
}

fn may_see(current: &Current, source: RecordSource) -> bool {
    permits(current, Action::ViewTraveller, Some(data_kind(source)))
}

/// The hits on `traveller` raised for the session's purpose, if the session
/// may view hits on that kind of data.
async fn hits_for_purpose(
    state: &AppState,
    current: &Current,
    traveller: TravellerId,
    source: RecordSource,
) -> Result<Vec<HitItem>, Problem> {
    let Some(purpose) = current.purpose else {
        return Ok(Vec::new());
    };
    if !permits(current, Action::ViewHits, Some(data_kind(source))) {
        return Ok(Vec::new());
    }
    let purpose = model_purpose_name(purpose);
    Ok(state
        .store()
        .hits_of_traveller(traveller)
        .await?
        .into_iter()
        .filter(|hit| hit.purpose == purpose)
        .map(HitItem::from)
        .collect())
}

/// One traveller, or `None` if there is no such record. A PNR record needs
/// the decision for PNR data (refused, and recorded, under
/// `border_migration`); the linked record and the history are shown for the
/// kinds of data the purpose allows.
pub async fn traveller_detail(
    state: &AppState,
    current: &Current,
    id: i64,
    now: OffsetDateTime,
) -> Result<Option<TravellerDetail>, Problem> {
    let store = state.store();
    let Some(record) = store.traveller(TravellerId(id)).await? else {
        return Ok(None);
    };
    let context = Context {
        data: Some(data_kind(record.source)),
        ..Context::default()
    };
    authorize(
        state,
        current,
        Action::ViewTraveller,
        context,
        AuditObject::Traveller,
        now,
    )
    .await?;
    let Some(flight) = store
        .flight_summary(record.flight, current.purpose.map(model_purpose_name))
        .await?
    else {
        return Err(Problem::internal());
    };
    let hits = hits_for_purpose(state, current, record.id, record.source).await?;
    let mut shown = vec![record.id.0.to_string()];

    let booking = match (record.source, record.booking) {
        (RecordSource::Pnr, Some(booking)) => {
            store.booking(booking).await?.map(|booking| BookingRef {
                id: booking.id.0,
                carrier: booking.carrier,
                record_locator: booking.record_locator,
            })
        }
        _ => None,
    };

    let mut linked = Vec::new();
    let mut linked_withheld = Withholding::default();
    for link in store.links_of_traveller(record.id).await? {
        let other = if link.api == record.id {
            link.pnr
        } else {
            link.api
        };
        let Some(other) = store.traveller(other).await? else {
            continue;
        };
        if !may_see(current, other.source) {
            linked_withheld.add(current, other.source);
            continue;
        }
        let other_hits = hits_for_purpose(state, current, other.id, other.source)
            .await?
            .len() as u64;
        shown.push(other.id.0.to_string());
        linked.push(LinkedTraveller {
            traveller: traveller_item(&other, other_hits),
            confidence: link.confidence,
            basis: link.basis,
        });
    }

    let (history, history_withheld) = match record.person {
        Some(person) => history(state, current, person, record.id, &mut shown).await?,
        None => (Vec::new(), Vec::new()),
    };

    consultation(state, current, AuditObject::Traveller, shown, now).await?;
    Ok(Some(TravellerDetail {
        traveller: traveller_item(&record, hits.len() as u64),
        flight: FlightItem::from(flight),
        booking,
        linked,
        linked_withheld: linked_withheld.0,
        history,
        history_withheld,
        hits,
    }))
}

/// The person's records other than `except`, of the kinds the session may
/// see; the ids shown are added to `shown`.
async fn history(
    state: &AppState,
    current: &Current,
    person: PersonId,
    except: TravellerId,
    shown: &mut Vec<String>,
) -> Result<(Vec<HistoryItem>, Vec<Withheld>), Problem> {
    let mut items = Vec::new();
    let mut withheld = Withholding::default();
    for entry in state.store().travel_history(person).await? {
        if entry.traveller == except {
            continue;
        }
        if !may_see(current, entry.source) {
            withheld.add(current, entry.source);
            continue;
        }
        shown.push(entry.traveller.0.to_string());
        items.push(HistoryItem {
            traveller: entry.traveller.0,
            source: entry.source.as_str().to_owned(),
            flight: entry.flight.id.0,
            carrier: entry.flight.key.carrier,
            number: entry.flight.key.number,
            departure_date: entry.flight.key.departure_date,
            origin: entry.flight.key.origin,
            destination: entry.flight.destination,
        });
    }
    Ok((items, withheld.0))
}

/// One booking, or `None` if there is no such booking. The gate has allowed
/// viewing bookings (always PNR data) under the session's purpose; the
/// booking is recorded as consulted.
pub async fn booking_detail(
    state: &AppState,
    current: &Current,
    id: i64,
    now: OffsetDateTime,
) -> Result<Option<BookingDetail>, Problem> {
    let store = state.store();
    let Some(booking) = store.booking(BookingId(id)).await? else {
        return Ok(None);
    };
    let versions = store
        .booking_history(booking.id)
        .await?
        .into_iter()
        .map(|version| BookingVersionItem {
            version: version.version,
            push: version.push,
            applied_at: version.applied_at.format(&Rfc3339).unwrap_or_default(),
            cancelled: version.cancelled,
            flight: version.flight.map(|flight| flight.0),
        })
        .collect();
    let flights = store
        .flights_of_booking(booking.id)
        .await?
        .into_iter()
        .map(|booked| BookedFlightItem {
            id: booked.flight.id.0,
            carrier: booked.flight.key.carrier,
            number: booked.flight.key.number,
            departure_date: booked.flight.key.departure_date,
            origin: booked.flight.key.origin,
            destination: booked.flight.destination,
            active: booked.active,
        })
        .collect();
    let mut travellers = Vec::new();
    let mut withheld = Withholding::default();
    for record in store.travellers_of_booking(booking.id).await? {
        if may_see(current, record.source) {
            let hits = hits_for_purpose(state, current, record.id, record.source).await?;
            travellers.push(traveller_item(&record, hits.len() as u64));
        } else {
            withheld.add(current, record.source);
        }
    }
    consultation(
        state,
        current,
        AuditObject::Booking,
        vec![booking.id.0.to_string()],
        now,
    )
    .await?;
    Ok(Some(BookingDetail {
        id: booking.id.0,
        carrier: booking.carrier,
        record_locator: booking.record_locator,
        version: booking.version,
        cancelled: booking.cancelled,
        versions,
        flights,
        travellers,
        withheld: withheld.0,
    }))
}
