//! A planned message written to the store: the flight, the manifest change or
//! PNR push acted on, travellers kept with their status, API and PNR records
//! linked, travel histories grown, and hits stored once.

use std::collections::HashSet;

use piu_model::ManifestChange;
use piu_screen::{Hit, HitKind};
use piu_store::{
    BookingId, Change, FlightId, FlightStatus, HitPut, KeyedTraveller, MessageId,
    NewBookingVersion, NewHit, NewTraveller, PersonId, RecordSource, RecordTx, StoreError,
    TravellerId, TravellerStatus,
};

use crate::keys::KeyKind;
use crate::plan::{Action, Plan, PlannedTraveller};

/// What applying messages did, counted.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Applied {
    /// Messages (or parts) applied; a message applied before counts in `skipped`.
    pub applied: u64,
    pub skipped: u64,
    pub travellers_new: u64,
    pub travellers_changed: u64,
    pub travellers_unchanged: u64,
    pub booking_versions: u64,
    pub links: u64,
    /// Hits raised for the first time or raised again after a review.
    pub hits_raised: u64,
    /// Hits already raised on the same data, or updated, or kept quiet.
    pub hits_known: u64,
}

impl Applied {
    pub fn add(&mut self, other: Applied) {
        self.applied += other.applied;
        self.skipped += other.skipped;
        self.travellers_new += other.travellers_new;
        self.travellers_changed += other.travellers_changed;
        self.travellers_unchanged += other.travellers_unchanged;
        self.booking_versions += other.booking_versions;
        self.links += other.links;
        self.hits_raised += other.hits_raised;
        self.hits_known += other.hits_known;
    }
}

/// Applies part `part` of journaled message `message`, once: applying it again
/// writes nothing.
pub async fn apply(
    tx: &mut RecordTx,
    message: MessageId,
    part: u64,
    plan: &Plan,
) -> Result<Applied, StoreError> {
    let mut applied = Applied::default();
    let Some(planned) = &plan.flight else {
        // Without a flight, bookings are still kept; travellers have no place.
        for booking in &plan.bookings {
            store_booking(tx, message, None, plan, booking, &mut applied).await?;
        }
        applied.applied += 1;
        return Ok(applied);
    };
    let flight = tx.flight(&planned.key, &planned.facts).await?;
    for (carrier, number) in &planned.marketing {
        tx.add_marketing(flight, carrier, number).await?;
    }
    let action = match &plan.action {
        Action::Manifest { change } => change
            .as_ref()
            .map_or("original", ManifestChange::code)
            .to_owned(),
        Action::Push { push, .. } => format!("push:{push}"),
    };
    let count = u64::try_from(plan.travellers.len()).unwrap_or(u64::MAX);
    if !tx
        .flight_message(flight, message, part, &action, count)
        .await?
    {
        applied.skipped += 1;
        return Ok(applied);
    }
    applied.applied += 1;
    match &plan.action {
        Action::Manifest { change } => {
            apply_manifest(tx, message, flight, plan, change.as_ref(), &mut applied).await?
        }
        Action::Push { full, .. } => {
            apply_push(tx, message, flight, plan, *full, &mut applied).await?
        }
    }
    Ok(applied)
}

/// A PAXLST: the travellers it lists get the status its change code says; a
/// close-out settles the others too.
async fn apply_manifest(
    tx: &mut RecordTx,
    message: MessageId,
    flight: FlightId,
    plan: &Plan,
    change: Option<&ManifestChange>,
    applied: &mut Applied,
) -> Result<(), StoreError> {
    use TravellerStatus::{Boarded, Cancelled, Listed, NotBoarded};
    let (listed_as, others) = match change {
        Some(ManifestChange::CancelReservation | ManifestChange::ReductionInParty) => {
            (Cancelled, None)
        }
        // Those listed boarded; whoever is still only listed did not.
        Some(ManifestChange::CloseOnBoard) if !plan.travellers.is_empty() => {
            (Boarded, Some(NotBoarded))
        }
        // A close-out listing nobody: everyone listed boarded.
        Some(ManifestChange::CloseOnBoard) => (Boarded, Some(Boarded)),
        // Those listed did not board; the others did.
        Some(ManifestChange::CloseNotBoarded) => (NotBoarded, Some(Boarded)),
        Some(ManifestChange::CancelFlight) => (Cancelled, Some(Cancelled)),
        _ => (Listed, None),
    };
    match change {
        Some(
            ManifestChange::FlightClose
            | ManifestChange::CloseOnBoard
            | ManifestChange::CloseNotBoarded,
        ) => tx.set_flight_status(flight, FlightStatus::Closed).await?,
        Some(ManifestChange::CancelFlight) => {
            tx.set_flight_status(flight, FlightStatus::Cancelled)
                .await?
        }
        _ => {}
    }
    for traveller in &plan.travellers {
        put(
            tx, message, flight, plan, traveller, None, listed_as, applied,
        )
        .await?;
    }
    if let Some(others) = others {
        tx.set_flight_travellers_status(flight, RecordSource::Api, Listed, others, message)
            .await?;
    }
    Ok(())
}

/// A PNR push: each booking gets a new version; a cancelled booking, or one a
/// full push leaves out, no longer holds the flight.
async fn apply_push(
    tx: &mut RecordTx,
    message: MessageId,
    flight: FlightId,
    plan: &Plan,
    full: bool,
    applied: &mut Applied,
) -> Result<(), StoreError> {
    let mut ids: Vec<BookingId> = Vec::with_capacity(plan.bookings.len());
    for booking in &plan.bookings {
        ids.push(store_booking(tx, message, Some(flight), plan, booking, applied).await?);
    }
    if full {
        let pushed: HashSet<BookingId> = ids.iter().copied().collect();
        for gone in tx.active_bookings(flight).await? {
            if !pushed.contains(&gone) {
                tx.set_booking_flight(gone, flight, false).await?;
                tx.set_booking_travellers_status(gone, flight, TravellerStatus::Cancelled, message)
                    .await?;
            }
        }
    }
    for traveller in &plan.travellers {
        let booking = traveller
            .booking
            .map(|index| (ids[index], plan.bookings[index].cancelled));
        let status = match booking {
            Some((_, true)) => TravellerStatus::Cancelled,
            _ => TravellerStatus::Listed,
        };
        let id = booking.map(|(id, _)| id);
        put(tx, message, flight, plan, traveller, id, status, applied).await?;
    }
    Ok(())
}

async fn store_booking(
    tx: &mut RecordTx,
    message: MessageId,
    flight: Option<FlightId>,
    plan: &Plan,
    booking: &crate::plan::PlannedBooking,
    applied: &mut Applied,
) -> Result<BookingId, StoreError> {
    let state = tx
        .booking(&booking.carrier, &booking.record_locator)
        .await?;
    let version = NewBookingVersion {
        message,
        flight,
        push: match &plan.action {
            Action::Push { push, .. } => push,
            Action::Manifest { .. } => "manifest",
        },
        cancelled: booking.cancelled,
        content_hash: &booking.content_hash,
        personal: &booking.personal,
    };
    if tx.booking_version(state.id, &version).await?.is_some() {
        applied.booking_versions += 1;
    }
    if let Some(flight) = flight {
        tx.set_booking_flight(state.id, flight, !booking.cancelled)
            .await?;
        if booking.cancelled {
            tx.set_booking_travellers_status(state.id, flight, TravellerStatus::Cancelled, message)
                .await?;
        }
    }
    Ok(state.id)
}

/// Stores one traveller; a new or changed one is linked, placed in a travel
/// history and its hits stored.
#[allow(clippy::too_many_arguments)]
async fn put(
    tx: &mut RecordTx,
    message: MessageId,
    flight: FlightId,
    plan: &Plan,
    traveller: &PlannedTraveller,
    booking: Option<BookingId>,
    status: TravellerStatus,
    applied: &mut Applied,
) -> Result<(), StoreError> {
    let put = tx
        .put_traveller(&NewTraveller {
            flight,
            source: plan.source,
            key: &traveller.key,
            booking,
            role: traveller.role,
            status,
            message,
            content_hash: &traveller.content_hash,
            personal: &traveller.personal,
        })
        .await?;
    match put.change {
        Change::Unchanged => {
            applied.travellers_unchanged += 1;
            return Ok(());
        }
        Change::New => applied.travellers_new += 1,
        Change::Changed => applied.travellers_changed += 1,
    }
    let keys: Vec<(&str, &[u8])> = traveller
        .match_keys
        .iter()
        .map(|(kind, hash)| (kind.as_str(), &hash[..]))
        .collect();
    if put.change == Change::New {
        tx.add_match_keys(put.id, &keys).await?;
    } else {
        tx.set_match_keys(put.id, &keys).await?;
    }
    let across: Vec<&str> = traveller
        .match_keys
        .iter()
        .filter(|(kind, _)| kind.identifies_person())
        .map(|(kind, _)| kind.as_str())
        .collect();
    let sharing = tx
        .travellers_with_keys(&keys, flight, &across, put.id)
        .await?;
    let linked_person = link(
        tx,
        flight,
        plan.source,
        put.id,
        traveller,
        &sharing,
        applied,
    )
    .await?;
    if put.person.is_none() {
        let person = linked_person.or_else(|| known_person(traveller, &sharing));
        tx.set_person(put.id, person).await?;
    }
    for hit in &traveller.hits {
        match tx.put_hit(&new_hit(put.id, message, hit).as_new()).await? {
            HitPut::Raised(_) | HitPut::Reopened(_) => applied.hits_raised += 1,
            HitPut::Repeat(_) | HitPut::Updated(_) | HitPut::Suppressed(_) => {
                applied.hits_known += 1
            }
        }
    }
    Ok(())
}

/// Links the traveller with records of the other source on the same flight
/// that share a key (`sharing`: the records holding any of its keys); the
/// strongest shared key sets the confidence. A name alone links only when
/// exactly one record shares it. Returns the person of a linked record, if it
/// has one.
async fn link(
    tx: &mut RecordTx,
    flight: FlightId,
    source: RecordSource,
    id: TravellerId,
    traveller: &PlannedTraveller,
    sharing: &[(String, KeyedTraveller)],
    applied: &mut Applied,
) -> Result<Option<PersonId>, StoreError> {
    let mut linked: Vec<(TravellerId, Vec<KeyKind>, Option<PersonId>)> = Vec::new();
    let mut kinds: Vec<KeyKind> = traveller.match_keys.iter().map(|(kind, _)| *kind).collect();
    kinds.sort();
    kinds.dedup();
    for kind in kinds {
        let others: Vec<&KeyedTraveller> = sharing
            .iter()
            .filter(|(shared, other)| {
                shared == kind.as_str() && other.flight == flight && other.source != source
            })
            .map(|(_, other)| other)
            .collect();
        if kind == KeyKind::Name && (others.len() != 1 || !linked.is_empty()) {
            continue;
        }
        for other in others {
            match linked.iter_mut().find(|(t, _, _)| *t == other.id) {
                Some((_, kinds, _)) => kinds.push(kind),
                None => linked.push((other.id, vec![kind], other.person)),
            }
        }
    }
    let mut person = None;
    for (other, kinds, other_person) in &linked {
        let confidence = kinds
            .iter()
            .map(|kind| kind.confidence())
            .fold(0.0_f64, f64::max);
        let (api, pnr) = match source {
            RecordSource::Api => (id, *other),
            RecordSource::Pnr => (*other, id),
        };
        tx.link(api, pnr, confidence, &basis(kinds)).await?;
        applied.links += 1;
        person = person.or(*other_person);
    }
    Ok(person)
}

/// Why two records were linked, and where a merged view takes each attribute
/// from: identity and document from the API record (read from the document at
/// check-in), booking, contacts and payment from the PNR.
fn basis(kinds: &[KeyKind]) -> String {
    let agreed: Vec<&str> = kinds.iter().map(|kind| kind.as_str()).collect();
    serde_json::json!({
        "agreed": agreed,
        "provenance": {
            "name": "api",
            "date_of_birth": "api",
            "gender": "api",
            "nationality": "api",
            "documents": "api",
            "record_locator": "pnr",
            "contacts": "pnr",
            "payments": "pnr",
            "itinerary": "pnr",
            "seat": "api",
            "bags": "api",
        }
    })
    .to_string()
}

/// The person of an earlier record of the same traveller, on this flight or
/// another, found by document or name and birth date (in the order of the
/// traveller's keys).
fn known_person(
    traveller: &PlannedTraveller,
    sharing: &[(String, KeyedTraveller)],
) -> Option<PersonId> {
    traveller
        .match_keys
        .iter()
        .filter(|(kind, _)| kind.identifies_person())
        .find_map(|(kind, _)| {
            sharing
                .iter()
                .filter(|(shared, _)| shared == kind.as_str())
                .find_map(|(_, other)| other.person)
        })
}

fn new_hit(traveller: TravellerId, message: MessageId, hit: &Hit) -> NewHitOwned<'_> {
    NewHitOwned {
        hit,
        traveller,
        message,
        explanation: serde_json::to_string(&hit.explanation).unwrap_or_default(),
        severity: hit.severity.to_string(),
        purpose: hit.purpose.to_string(),
    }
}

/// A hit with the texts [`NewHit`] borrows.
struct NewHitOwned<'a> {
    hit: &'a Hit,
    traveller: TravellerId,
    message: MessageId,
    explanation: String,
    severity: String,
    purpose: String,
}

impl NewHitOwned<'_> {
    fn as_new(&self) -> NewHit<'_> {
        NewHit {
            traveller: self.traveller,
            kind: match self.hit.kind {
                HitKind::Person => "person",
                HitKind::Document => "document",
                HitKind::Criterion => "criterion",
            },
            list: &self.hit.list,
            entry_id: &self.hit.entry_id,
            list_version: &self.hit.version,
            score: f64::from(self.hit.score),
            severity: &self.severity,
            purpose: &self.purpose,
            target_agency: &self.hit.target_agency,
            fingerprint: &self.hit.fingerprint,
            explanation: &self.explanation,
            message: self.message,
        }
    }
}
