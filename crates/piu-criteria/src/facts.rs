//! What a criterion can see about one traveller: facts computed in Rust from the
//! passenger-data model, under four names — `traveller`, `booking`, `flight` and
//! `history`.
//!
//! Only the fields listed in [`crate::schema`] exist. Names, document numbers,
//! addresses, contact details, free text (SSR text, remarks, OSI, history lines)
//! and meal or medical SSR codes are never copied into facts: a criterion cannot
//! reach what is not there. A value the message does not carry is left out (not
//! set to a default), so a criterion over it cannot hit.

use std::collections::BTreeMap;
use std::fmt;
use std::sync::OnceLock;

use cel::common::value::{CowVal, Val};
use cel::objects::{Key, Map};
use cel::{Value, context::VariableResolver};
use piu_model::{
    Bags, Booking, LocalDateTime, Message, PassengerType, PaymentMethod, Role, TransportMode,
    TravelDocument, Traveller,
};
use serde::Serialize;
use time::{Date, PrimitiveDateTime, Time};

use crate::protected;
use crate::schema::Root;

/// One earlier trip of the person, as the caller knows it (from earlier
/// messages in storage): where from, where to, when, with whom.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct HistoryLeg {
    pub origin: String,
    pub destination: String,
    pub date: Date,
    pub carrier: Option<String>,
}

/// A fact's value.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(untagged)]
pub enum Fact {
    Bool(bool),
    Int(i64),
    Float(f64),
    Text(String),
    List(Vec<Fact>),
    Map(BTreeMap<String, Fact>),
}

impl Fact {
    fn to_cel(&self) -> Value {
        match self {
            Fact::Bool(b) => Value::Bool(*b),
            Fact::Int(i) => Value::Int(*i),
            Fact::Float(f) => Value::Float(*f),
            Fact::Text(s) => Value::from(s.as_str()),
            Fact::List(l) => Value::from(l.iter().map(Fact::to_cel).collect::<Vec<_>>()),
            Fact::Map(m) => cel_map(m.iter().map(|(k, v)| (k.as_str(), v))),
        }
    }
}

fn cel_map<'a>(entries: impl Iterator<Item = (&'a str, &'a Fact)>) -> Value {
    let map: std::collections::HashMap<Key, Value> = entries
        .map(|(k, v)| (Key::from(k.to_string()), v.to_cel()))
        .collect();
    Value::Map(Map::from(map))
}

/// Written as in an expression: text quoted, lists in brackets; long lists are cut.
impl fmt::Display for Fact {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        const MAX_ITEMS: usize = 12;
        match self {
            Fact::Bool(b) => write!(f, "{b}"),
            Fact::Int(i) => write!(f, "{i}"),
            Fact::Float(x) => write!(f, "{x:?}"),
            Fact::Text(s) => write!(f, "{s:?}"),
            Fact::List(l) => {
                f.write_str("[")?;
                for (i, item) in l.iter().take(MAX_ITEMS).enumerate() {
                    if i > 0 {
                        f.write_str(", ")?;
                    }
                    write!(f, "{item}")?;
                }
                if l.len() > MAX_ITEMS {
                    write!(f, ", … {} more", l.len() - MAX_ITEMS)?;
                }
                f.write_str("]")
            }
            Fact::Map(m) => {
                f.write_str("{")?;
                for (i, (k, v)) in m.iter().enumerate() {
                    if i > 0 {
                        f.write_str(", ")?;
                    }
                    write!(f, "{k}: {v}")?;
                }
                f.write_str("}")
            }
        }
    }
}

impl From<bool> for Fact {
    fn from(b: bool) -> Self {
        Fact::Bool(b)
    }
}
impl From<i64> for Fact {
    fn from(i: i64) -> Self {
        Fact::Int(i)
    }
}
impl From<f64> for Fact {
    fn from(x: f64) -> Self {
        Fact::Float(x)
    }
}
impl From<String> for Fact {
    fn from(s: String) -> Self {
        Fact::Text(s)
    }
}
impl From<&str> for Fact {
    fn from(s: &str) -> Self {
        Fact::Text(s.to_string())
    }
}
impl From<Vec<String>> for Fact {
    fn from(l: Vec<String>) -> Self {
        Fact::List(l.into_iter().map(Fact::Text).collect())
    }
}

/// The facts about one traveller that criteria are evaluated on.
///
/// Built by [`facts`]; `reference` says where they came from (the caller sets
/// it with [`Facts::with_reference`]) and is what back-test reports list.
#[derive(Clone, Default, Serialize)]
pub struct Facts {
    reference: String,
    traveller: BTreeMap<&'static str, Fact>,
    booking: BTreeMap<&'static str, Fact>,
    flight: BTreeMap<&'static str, Fact>,
    history: BTreeMap<&'static str, Fact>,
    /// The same facts as CEL values, built on first evaluation.
    #[serde(skip)]
    cel: OnceLock<CelFacts>,
}

impl fmt::Debug for Facts {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Facts")
            .field("reference", &self.reference)
            .field("traveller", &self.traveller)
            .field("booking", &self.booking)
            .field("flight", &self.flight)
            .field("history", &self.history)
            .finish()
    }
}

impl PartialEq for Facts {
    fn eq(&self, other: &Self) -> bool {
        self.reference == other.reference
            && self.traveller == other.traveller
            && self.booking == other.booking
            && self.flight == other.flight
            && self.history == other.history
    }
}

impl Facts {
    /// Sets where these facts came from, such as `FILE#message 2 traveller 5`.
    pub fn with_reference(mut self, reference: impl Into<String>) -> Self {
        self.reference = reference.into();
        self
    }

    /// Replaces the travel history, for a caller that learns the person's
    /// earlier trips only after building the facts.
    pub fn with_history(mut self, history: &[HistoryLeg]) -> Self {
        self.history.clear();
        history_facts(&mut self, history);
        self.cel = OnceLock::new();
        self
    }

    pub fn reference(&self) -> &str {
        &self.reference
    }

    /// A fact by its path, such as `booking.paid_cash`; `None` when absent.
    pub fn get(&self, path: &str) -> Option<&Fact> {
        let (root, field) = path.split_once('.')?;
        self.group(Root::parse(root)?).get(field)
    }

    /// Every fact present, as `(path, value)`, in a stable order.
    pub fn iter(&self) -> impl Iterator<Item = (String, &Fact)> {
        Root::ALL.into_iter().flat_map(move |root| {
            self.group(root)
                .iter()
                .map(move |(k, v)| (format!("{}.{k}", root.name()), v))
        })
    }

    pub(crate) fn group(&self, root: Root) -> &BTreeMap<&'static str, Fact> {
        match root {
            Root::Traveller => &self.traveller,
            Root::Booking => &self.booking,
            Root::Flight => &self.flight,
            Root::History => &self.history,
        }
    }

    fn group_mut(&mut self, root: Root) -> &mut BTreeMap<&'static str, Fact> {
        self.cel = OnceLock::new();
        match root {
            Root::Traveller => &mut self.traveller,
            Root::Booking => &mut self.booking,
            Root::Flight => &mut self.flight,
            Root::History => &mut self.history,
        }
    }

    /// Sets one fact; the field must be one of [`crate::schema`] and the value of its kind.
    /// Used to build facts by hand (tests, tools); [`facts`] is the normal way.
    pub fn set(&mut self, path: &str, value: impl Into<Fact>) -> Result<(), String> {
        let value = value.into();
        let field = crate::schema::field(path).ok_or_else(|| format!("{path} is not a fact"))?;
        if !field.kind.admits(&value) {
            return Err(format!("{path} holds {}, not {value}", field.kind));
        }
        self.group_mut(field.root).insert(field.name, value);
        Ok(())
    }

    /// Removes one fact, as if the message had not carried it.
    pub fn remove(&mut self, path: &str) {
        if let Some(field) = crate::schema::field(path) {
            self.group_mut(field.root).remove(field.name);
        }
    }

    pub(crate) fn cel(&self) -> &CelFacts {
        self.cel.get_or_init(|| CelFacts::new(self))
    }

    fn put(&mut self, root: Root, name: &'static str, value: impl Into<Fact>) {
        debug_assert!(
            crate::schema::field(&format!("{}.{name}", root.name())).is_some(),
            "{name} is in the schema"
        );
        self.group_mut(root).insert(name, value.into());
    }

    fn put_opt<T: Into<Fact>>(&mut self, root: Root, name: &'static str, value: Option<T>) {
        if let Some(v) = value {
            self.put(root, name, v);
        }
    }
}

/// The four variables as CEL values, lent to each evaluation without copying.
pub(crate) struct CelFacts {
    traveller: Box<dyn Val>,
    booking: Box<dyn Val>,
    flight: Box<dyn Val>,
    history: Box<dyn Val>,
}

impl CelFacts {
    fn new(facts: &Facts) -> Self {
        let val = |root: Root| -> Box<dyn Val> {
            let map = cel_map(facts.group(root).iter().map(|(k, v)| (*k, v)));
            // a map of plain values always converts
            Box::<dyn Val>::try_from(map).unwrap_or_else(|_| Box::new(cel::common::types::CelNull))
        };
        CelFacts {
            traveller: val(Root::Traveller),
            booking: val(Root::Booking),
            flight: val(Root::Flight),
            history: val(Root::History),
        }
    }
}

impl Clone for CelFacts {
    fn clone(&self) -> Self {
        CelFacts {
            traveller: self.traveller.clone_as_boxed(),
            booking: self.booking.clone_as_boxed(),
            flight: self.flight.clone_as_boxed(),
            history: self.history.clone_as_boxed(),
        }
    }
}

impl VariableResolver for CelFacts {
    fn resolve<'b>(&'b self, variable: &str) -> Option<CowVal<'b, 'b>> {
        let v = match variable {
            "traveller" => &self.traveller,
            "booking" => &self.booking,
            "flight" => &self.flight,
            "history" => &self.history,
            _ => return None,
        };
        Some(CowVal::Borrowed(v.as_ref()))
    }
}

/// Builds the facts about `message.travellers[traveller_index]`.
///
/// `history` is the person's earlier trips as the caller knows them. `now` is
/// when screening runs: it gives `flight.hours_until_departure`, and is the
/// reference date for age and document expiry when the departure date is
/// unknown. An index past the travellers gives facts about the flight and no one.
pub fn facts(
    message: &Message,
    traveller_index: usize,
    history: &[HistoryLeg],
    now: Option<PrimitiveDateTime>,
) -> Facts {
    let mut f = Facts::default();
    let traveller = message.travellers.get(traveller_index);
    let booking = traveller.and_then(|t| find_booking(message, traveller_index, t));
    let departure = departure(message, traveller, booking);
    let reference_date = departure.map(|d| d.date).or(now.map(|n| n.date()));

    flight_facts(&mut f, message, departure, now);
    if let Some(t) = traveller {
        traveller_facts(&mut f, message, t, booking.is_some(), reference_date);
    }
    if let Some(b) = booking {
        booking_facts(&mut f, b, traveller_index, departure);
    } else if let Some(r) = traveller.and_then(|t| t.booking_ref.as_deref()) {
        f.put(Root::Booking, "record_locator", r);
    }
    if let Some(t) = traveller {
        let codes = ssr_codes(t, booking);
        if !codes.is_empty() || booking.is_some() {
            f.put(Root::Booking, "ssr_codes", codes);
        }
    }
    history_facts(&mut f, history);
    f
}

fn find_booking<'m>(message: &'m Message, index: usize, t: &Traveller) -> Option<&'m Booking> {
    message
        .bookings
        .iter()
        .find(|b| b.travellers.contains(&index))
        .or_else(|| {
            let r = t.booking_ref.as_deref()?;
            message.bookings.iter().find(|b| b.record_locator == r)
        })
}

/// The departure of the traveller's own leg when known, else of the flight,
/// else of the booking's segment on this flight.
fn departure(
    message: &Message,
    traveller: Option<&Traveller>,
    booking: Option<&Booking>,
) -> Option<LocalDateTime> {
    let flight = message.flight.as_ref()?;
    let own_leg = traveller
        .and_then(|t| t.embarkation.as_deref())
        .and_then(|e| {
            flight
                .legs
                .iter()
                .find(|l| l.origin.as_deref() == Some(e) && l.departure.is_some())
        })
        .and_then(|l| l.departure);
    own_leg
        .or(flight.departure)
        .or_else(|| flight.legs.iter().find_map(|l| l.departure))
        .or_else(|| {
            booking?.itinerary.iter().find_map(|s| {
                let same = s.leg.number.as_deref().map(strip_zeros)
                    == Some(strip_zeros(&flight.number))
                    && s.leg.carrier.as_deref() == Some(flight.carrier.as_str());
                if same { s.leg.departure } else { None }
            })
        })
}

fn strip_zeros(n: &str) -> &str {
    let s = n.trim_start_matches('0');
    if s.is_empty() { n } else { s }
}

fn flight_facts(
    f: &mut Facts,
    message: &Message,
    departure: Option<LocalDateTime>,
    now: Option<PrimitiveDateTime>,
) {
    let Some(flight) = &message.flight else {
        return;
    };
    let r = Root::Flight;
    put_code(f, r, "carrier", Some(&flight.carrier));
    put_code(f, r, "number", Some(strip_zeros(&flight.number)));
    put_code(f, r, "origin", flight.origin.as_deref());
    put_code(
        f,
        r,
        "destination",
        flight
            .destination
            .as_deref()
            .or(flight.final_destination.as_deref()),
    );
    put_code(
        f,
        r,
        "final_destination",
        flight.final_destination.as_deref(),
    );
    if let Some(d) = departure {
        f.put(r, "departure_date", iso_date(d.date));
        if let Some(t) = d.time {
            f.put(r, "departure_hour", i64::from(t.hour()));
        }
        if let (Some(now), Some(t)) = (now, d.time) {
            let dep = PrimitiveDateTime::new(d.date, t);
            f.put(r, "hours_until_departure", hours(dep - now));
        }
    }
    let mode = match flight.transport_mode {
        TransportMode::Air => "air",
        TransportMode::Sea => "sea",
        TransportMode::Rail => "rail",
        TransportMode::Road => "road",
        TransportMode::InlandWater => "inland_water",
    };
    f.put(r, "mode", mode);
    f.put(r, "legs", flight.legs.len().max(1) as i64);
}

fn traveller_facts(
    f: &mut Facts,
    message: &Message,
    t: &Traveller,
    has_booking: bool,
    reference_date: Option<Date>,
) {
    let r = Root::Traveller;
    let doc = main_document(&t.documents);
    put_code(
        f,
        r,
        "nationality",
        t.nationality
            .as_deref()
            .or(doc.and_then(|d| d.nationality.as_deref())),
    );
    put_code(f, r, "residence_country", t.residence_country.as_deref());
    if let Some(g) = t.gender {
        f.put(r, "gender", g.code());
    }
    if let (Some(dob), Some(on)) = (t.date_of_birth, reference_date) {
        f.put(r, "age", years_between(dob, on));
    }
    if let Some(d) = doc {
        put_code(f, r, "document_type", d.kind.as_deref());
        put_code(f, r, "document_country", d.issuing_country.as_deref());
        if let (Some(exp), Some(on)) = (d.expiry, reference_date) {
            f.put(r, "document_expires_in_days", (exp - on).whole_days());
        }
    }
    f.put(r, "documents", t.documents.len() as i64);
    f.put(
        r,
        "has_visa",
        t.documents.iter().any(|d| {
            d.kind
                .as_deref()
                .is_some_and(|k| k.eq_ignore_ascii_case("V"))
        }),
    );
    let role = match t.role {
        Role::Passenger => "passenger",
        Role::Crew => "crew",
        Role::TransitPassenger => "transit_passenger",
        Role::TransitCrew => "transit_crew",
    };
    f.put(r, "role", role);
    let ptype = match &t.passenger_type {
        Some(PassengerType::Adult) => Some("adult"),
        Some(PassengerType::Child) => Some("child"),
        Some(PassengerType::Infant) => Some("infant"),
        Some(PassengerType::Group) => Some("group"),
        Some(PassengerType::Other(_)) | None => None,
    };
    f.put_opt(r, "passenger_type", ptype);
    let seat = t
        .seat
        .as_deref()
        .or_else(|| t.check_in.iter().find_map(|c| c.seat.as_deref()));
    put_code(f, r, "seat", seat);
    let bags = std::iter::once(t.bags.as_ref())
        .chain(t.check_in.iter().map(|c| c.bags.as_ref()))
        .flatten()
        .find(|b| b.count.is_some() || b.weight.is_some());
    if let Some(b) = bags {
        f.put_opt(r, "bags", b.count.map(i64::from));
        f.put_opt(r, "bag_weight_kg", kilograms(b));
    }
    f.put(r, "checked_in", !t.check_in.is_empty());
    f.put(r, "frequent_flyer", !t.frequent_flyer.is_empty());
    let flight = message.flight.as_ref();
    put_code(
        f,
        r,
        "embarkation",
        t.embarkation
            .as_deref()
            .or(flight.and_then(|f| f.origin.as_deref())),
    );
    put_code(
        f,
        r,
        "disembarkation",
        t.disembarkation
            .as_deref()
            .or(flight.and_then(|f| f.destination.as_deref())),
    );
    f.put(r, "has_booking", has_booking);
}

/// The passport when there is one, else the first document that is not a
/// visa, else the first.
fn main_document(docs: &[TravelDocument]) -> Option<&TravelDocument> {
    let kind = |d: &TravelDocument, k: &str| d.kind.as_deref().is_some_and(|x| x == k);
    docs.iter()
        .find(|d| kind(d, "P"))
        .or_else(|| docs.iter().find(|d| !kind(d, "V")))
        .or_else(|| docs.first())
}

fn kilograms(b: &Bags) -> Option<f64> {
    let w = b.weight.filter(|w| w.is_finite() && *w >= 0.0)?;
    let unit = b.weight_unit.as_deref().unwrap_or("KGM");
    let kg = if unit.eq_ignore_ascii_case("LBR") || unit.eq_ignore_ascii_case("LB") {
        w * 0.453_592_37
    } else {
        w
    };
    Some((kg * 10.0).round() / 10.0)
}

fn booking_facts(f: &mut Facts, b: &Booking, index: usize, departure: Option<LocalDateTime>) {
    let r = Root::Booking;
    f.put(r, "record_locator", b.record_locator.as_str());
    f.put_opt(r, "created", b.created.map(|c| c.to_string()));
    let ticketed = b.ticketed.or_else(|| {
        b.tickets
            .iter()
            .filter(|t| t.traveller.is_none_or(|i| i == index))
            .filter_map(|t| t.issued)
            .min()
            .map(|d| LocalDateTime::new(d, None))
    });
    f.put_opt(r, "ticketed", ticketed.map(|c| c.to_string()));
    if let Some(dep) = departure {
        if let Some(c) = b.created {
            f.put(
                r,
                "days_booked_before_departure",
                (dep.date - c.date).whole_days(),
            );
            f.put_opt(r, "hours_booked_before_departure", hours_between(c, dep));
        }
        if let Some(t) = ticketed {
            f.put(
                r,
                "days_ticketed_before_departure",
                (dep.date - t.date).whole_days(),
            );
            f.put_opt(r, "hours_ticketed_before_departure", hours_between(t, dep));
        }
    }

    // itinerary
    let segments = &b.itinerary;
    f.put(r, "segments", segments.len() as i64);
    if !segments.is_empty() {
        let mut route: Vec<String> = Vec::new();
        for s in segments {
            for code in [s.leg.origin.as_deref(), s.leg.destination.as_deref()]
                .into_iter()
                .flatten()
            {
                let code = code.trim().to_ascii_uppercase();
                if !code.is_empty() && route.last() != Some(&code) {
                    route.push(code);
                }
            }
        }
        let first_origin = segments[0]
            .leg
            .origin
            .as_deref()
            .map(|o| o.trim().to_ascii_uppercase());
        if let Some(first) = first_origin {
            let returns = segments.iter().any(|s| {
                s.leg
                    .destination
                    .as_deref()
                    .is_some_and(|d| d.trim().eq_ignore_ascii_case(&first))
            });
            f.put(r, "one_way", !returns);
            f.put(r, "return_trip", returns);
        }
        let airports = distinct(route.iter().cloned());
        f.put(r, "route", route);
        f.put(r, "airports", airports);
        let carriers = distinct(segments.iter().flat_map(|s| {
            [
                s.leg.carrier.clone(),
                s.operating.as_ref().map(|o| o.carrier.clone()),
            ]
            .into_iter()
            .flatten()
            .map(|c| c.trim().to_ascii_uppercase())
            .filter(|c| !c.is_empty())
        }));
        f.put(r, "carriers", carriers);
    }

    // payments: those for this traveller and those not assigned to anyone
    let payments: Vec<_> = b
        .payments
        .iter()
        .filter(|p| p.traveller.is_none_or(|i| i == index))
        .collect();
    if !payments.is_empty() {
        let codes = distinct(payments.iter().map(|p| payment_code(&p.method)));
        f.put(r, "payment_types", codes);
        f.put(
            r,
            "paid_cash",
            payments.iter().any(|p| p.method == PaymentMethod::Cash),
        );
    }

    if let Some(o) = &b.originator {
        let agency = o
            .kind
            .as_deref()
            .is_none_or(|k| k.eq_ignore_ascii_case("T"));
        if agency {
            put_code(
                f,
                r,
                "travel_agency",
                o.agency_id.as_deref().or(o.office.as_deref()),
            );
        }
        put_code(f, r, "booked_by", o.kind.as_deref());
        put_code(f, r, "booking_country", o.country.as_deref());
    }
    let party = if b.travellers.is_empty() {
        segments
            .iter()
            .find_map(|s| s.party_size)
            .map(i64::from)
            .unwrap_or(1)
    } else {
        b.travellers.len() as i64
    };
    f.put(r, "party_size", party);
    f.put(r, "itinerary_changes", b.history.len() as i64);
    f.put(r, "split", !b.split_from.is_empty());
    f.put(r, "contacts", b.contacts.len() as i64);
    f.put(r, "cancelled", b.cancelled);
}

/// The payment's code: CA cash, CC card, MS miscellaneous, GR government
/// receipt, else the code as sent when it looks like one.
fn payment_code(m: &PaymentMethod) -> String {
    match m {
        PaymentMethod::Cash => "CA".into(),
        PaymentMethod::Card => "CC".into(),
        PaymentMethod::Miscellaneous => "MS".into(),
        PaymentMethod::GovernmentReceipt => "GR".into(),
        PaymentMethod::Other(s) => {
            let s = s.trim();
            if (1..=4).contains(&s.len()) && s.bytes().all(|b| b.is_ascii_alphanumeric()) {
                s.to_ascii_uppercase()
            } else {
                "OTHER".into()
            }
        }
    }
}

/// Codes of the booking's SSRs and the traveller's own, without the text they
/// carry, without meal and medical codes, and without anything that is not a
/// four-character code.
fn ssr_codes(t: &Traveller, booking: Option<&Booking>) -> Vec<String> {
    let all = t
        .ssrs
        .iter()
        .chain(booking.into_iter().flat_map(|b| b.ssrs.iter()));
    let mut codes: Vec<String> = all
        .map(|s| s.code.trim().to_ascii_uppercase())
        .filter(|c| c.len() == 4 && c.bytes().all(|b| b.is_ascii_alphanumeric()))
        .filter(|c| !protected::is_protected_ssr_code(c))
        .collect();
    codes.sort();
    codes.dedup();
    codes
}

fn history_facts(f: &mut Facts, history: &[HistoryLeg]) {
    let r = Root::History;
    let trips: Vec<Fact> = history
        .iter()
        .map(|h| {
            let mut m = BTreeMap::new();
            m.insert("origin".to_string(), Fact::from(code(&h.origin)));
            m.insert("destination".to_string(), Fact::from(code(&h.destination)));
            m.insert("date".to_string(), Fact::from(iso_date(h.date)));
            if let Some(c) = h.carrier.as_deref().map(code).filter(|c| !c.is_empty()) {
                m.insert("carrier".to_string(), Fact::from(c));
            }
            Fact::Map(m)
        })
        .collect();
    f.put(r, "count", history.len() as i64);
    f.put(
        r,
        "visited",
        distinct(
            history
                .iter()
                .flat_map(|h| [code(&h.origin), code(&h.destination)])
                .filter(|c| !c.is_empty()),
        ),
    );
    f.put(r, "trips", Fact::List(trips));
}

fn code(s: &str) -> String {
    s.trim().to_ascii_uppercase()
}

fn put_code(f: &mut Facts, root: Root, name: &'static str, value: Option<&str>) {
    if let Some(v) = value.map(code).filter(|v| !v.is_empty()) {
        f.put(root, name, v);
    }
}

fn distinct(items: impl Iterator<Item = String>) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for i in items {
        if !out.contains(&i) {
            out.push(i);
        }
    }
    out
}

fn iso_date(d: Date) -> String {
    format!("{:04}-{:02}-{:02}", d.year(), d.month() as u8, d.day())
}

fn hours(d: time::Duration) -> f64 {
    (d.as_seconds_f64() / 360.0).round() / 10.0
}

/// Hours from `a` to `b`, only when both carry a time of day.
fn hours_between(a: LocalDateTime, b: LocalDateTime) -> Option<f64> {
    let at = |x: LocalDateTime, t: Time| PrimitiveDateTime::new(x.date, t);
    Some(hours(at(b, b.time?) - at(a, a.time?)))
}

/// Whole years from `birth` to `on` (negative if `on` comes first).
fn years_between(birth: Date, on: Date) -> i64 {
    let mut years = i64::from(on.year()) - i64::from(birth.year());
    if (on.month() as u8, on.day()) < (birth.month() as u8, birth.day()) {
        years -= 1;
    }
    years
}
